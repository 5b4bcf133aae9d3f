package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"orderdesk/app"
)

// TestWarehouseEditorSetsUpAnEmptyShop adds a warehouse and its bins to a
// shop that has none, as its owner would before receiving stock; a bad
// and a repeated bin code are refused by name and the rest are added.
func TestWarehouseEditorSetsUpAnEmptyShop(t *testing.T) {
	ctx, svc, _ := fixedShop(t) // has products but no warehouse
	w := test.NewWindow(nil)
	defer w.Close()
	e := NewWarehouseEditor(ctx, svc, w)
	e.background = func(f func()) { f() }
	w.SetContent(e.Content())
	if err := e.Update(ctx); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.list.Text, "No warehouse yet") {
		t.Fatalf("an empty shop shows %q", e.list.Text)
	}
	if err := e.AddWarehouse(app.Warehouse{Code: "", Name: "Main"}); err == nil {
		t.Fatal("a warehouse without a code was saved")
	}
	if err := e.AddWarehouse(app.Warehouse{Code: "HZ", Name: "Hangzhou", ShippingRank: 1, Active: true}); err != nil {
		t.Fatal(err)
	}
	err := e.AddBins(e.warehouses[0].ID, "A-1-1, A-1-2\nB-2-1 A-1-1 bad/code!")
	if err == nil || !strings.Contains(err.Error(), "A-1-1") || !strings.Contains(err.Error(), "bad/code!") {
		t.Fatalf("the repeated and the bad code were not named: %v", err)
	}
	bins, err := svc.Bins(ctx, e.warehouses[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(bins) != 3 || bins[0].Code != "A-1-1" || bins[2].Code != "B-2-1" {
		t.Fatalf("bins %+v", bins)
	}
	if !strings.Contains(e.list.Text, "HZ  Hangzhou — 3 bins (A-1-1 … B-2-1)") {
		t.Fatalf("the editor shows %q", e.list.Text)
	}
	// Now stock can come in.
	tea, _ := svc.ProductByCode(ctx, "TEA-001")
	if err := svc.ReceiveStock(ctx, app.StockReceipt{ProductID: tea.ID, BinID: bins[0].ID, Qty: 5}); err != nil {
		t.Fatal(err)
	}
}

// TestAddWarehouseDialogKeepsWhatWasTyped: a warehouse without a code is
// refused under the code with the dialog still open and the name kept;
// with the code it is added.
func TestAddWarehouseDialogKeepsWhatWasTyped(t *testing.T) {
	ctx, svc, _ := fixedShop(t)
	w := test.NewWindow(nil)
	defer w.Close()
	e := NewWarehouseEditor(ctx, svc, w)
	e.background = func(f func()) { f() }
	w.SetContent(e.Content())
	w.Resize(fyne.NewSize(900, 700))
	if err := e.Update(ctx); err != nil {
		t.Fatal(err)
	}
	e.askWarehouse()
	form := w.Canvas().Overlays().Top()
	fields := entries(form)
	test.Type(fields[1], "Hangzhou")
	tapIn(t, form, "Save")
	if top := w.Canvas().Overlays().Top(); top != form || fields[1].Text != "Hangzhou" || !strings.Contains(texts(form), "This field is required") {
		t.Fatalf("a warehouse without a code closed the dialog:\n%s", texts(form))
	}
	test.Type(fields[0], "HZ")
	tapIn(t, form, "Save")
	if len(e.warehouses) != 1 || e.warehouses[0].Code != "HZ" || e.warehouses[0].Name != "Hangzhou" {
		t.Fatalf("after the code: %+v", e.warehouses)
	}
}
