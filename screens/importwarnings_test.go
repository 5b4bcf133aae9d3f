package screens

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"orderdesk/app"
)

// TestImportPreviewListsWarnings: what the import changes in the file's
// values (a hidden text-direction character taken out of a name) shows in
// the preview's figures and on the Warnings tab, and does not stop the
// import; the tab is Problems again for a file with problems.
func TestImportPreviewListsWarnings(t *testing.T) {
	ctx, svc, imp := importScreen(t)
	dir := t.TempDir()
	when := time.Now().AddDate(0, 0, -2).Format("2006-01-02 15:04")
	file := filepath.Join(dir, "own.csv")
	if err := os.WriteFile(file, []byte("order id,sku,qty,price,date,customer,phone\n"+
		"W-1,TEA-LJ-250,1,12,"+when+",Wang \u202eFang,13800138011\n"+
		"W-2,TEA-LJ-250,2,12,"+when+",Li Na,13800138012\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	imp.SetFiles(file)
	if imp.preset.Selected != "Generic" {
		t.Fatalf("preset %q", imp.preset.Selected)
	}
	test.Tap(imp.newOrders)
	test.Tap(imp.previewBtn)
	check := func(when string) {
		t.Helper()
		if !strings.Contains(imp.figures.Text, "Changed on import: 2 values (see Warnings)") ||
			imp.problemsTab.Text != "Warnings" {
			t.Fatalf("%s: figures %q, tab %q", when, imp.figures.Text, imp.problemsTab.Text)
		}
		shown := strings.Join(imp.problems, "\n")
		for _, want := range []string{"Changed on import · Row 2 · order W-1: removed a hidden text-direction character from the customer name",
			"Changed on import · Row 2 · order W-1: removed a hidden text-direction character from the recipient's name"} {
			if !strings.Contains(shown, want) {
				t.Fatalf("%s: the list lacks %q:\n%s", when, want, shown)
			}
		}
	}
	check("preview")
	if imp.importBtn.Disabled() {
		t.Fatalf("warnings stop the import: %q", imp.message.Text)
	}
	test.Tap(imp.importBtn)
	check("import")
	if n := orderCount(t, ctx, svc); n != 2 {
		t.Fatalf("%d orders imported, want 2", n)
	}

	imp.SetFiles(importData + "shopify_orders_bad_row.csv")
	if imp.preset.Selected != "Shopify" {
		t.Fatalf("a Shopify export is read as %q", imp.preset.Selected)
	}
	test.Tap(imp.allOrNothing)
	test.Tap(imp.previewBtn)
	if imp.problemsTab.Text != "Problems" || len(imp.problems) == 0 || !imp.importBtn.Disabled() {
		t.Fatalf("all or nothing: tab %q with %q", imp.problemsTab.Text, imp.problems)
	}
}

// TestImportLeavesOutTheBadOrders: a file with bad orders previews what
// imports and what is left out and why; Import imports the good ones, and
// the rejected orders' rows are saved in the file's layout, their reasons
// first, to fix and import again.
func TestImportLeavesOutTheBadOrders(t *testing.T) {
	ctx, svc, imp := importScreen(t)
	before := orderCount(t, ctx, svc)
	imp.SetFiles(importData + "shopify_orders_bad_row.csv")
	test.Tap(imp.create) // the line without a SKU gets a product of its own
	test.Tap(imp.previewBtn)
	if imp.problemsTab.Text != "Rejected (1)" || imp.importBtn.Disabled() || !imp.saveRejects.Visible() ||
		!strings.Contains(strings.Join(imp.problems, "\n"), `Rejected · Row 3 · order 1011: quantity "abc" is not a whole number`) {
		t.Fatalf("preview: tab %q, message %q, list %q", imp.problemsTab.Text, imp.message.Text, imp.problems)
	}
	test.Tap(imp.importBtn)
	imported := orderCount(t, ctx, svc) - before
	if imported != 2 || !strings.Contains(imp.message.Text, "1 rejected") {
		t.Fatalf("%d imported; %q", imported, imp.message.Text)
	}
	path := filepath.Join(t.TempDir(), "fix.csv")
	var offered string
	imp.chooseSave = func(name string, picked func(string)) { offered = name; picked(path) }
	test.Tap(imp.saveRejects)
	b, err := os.ReadFile(path)
	if err != nil || offered != "shopify_orders_bad_row-rejects.csv" || !strings.Contains(imp.message.Text, "Saved the 1 rejected orders") {
		t.Fatalf("offered %q, wrote %v; %q", offered, err, imp.message.Text)
	}
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\uFEFF"))).ReadAll()
	if err != nil || records[0][0] != "Import problem" || records[0][1] != "Name" {
		t.Fatalf("the rejects file starts %q: %v", records[0], err)
	}
	if len(records) != 3 { // the header and order #1011's two rows
		t.Fatalf("the rejects file holds %d rows, want #1011's two", len(records)-1)
	}
	for _, r := range records[1:] {
		if r[1] != "#1011" || !strings.Contains(r[0], `quantity "abc"`) {
			t.Fatalf("the rejects file holds %q, want order #1011's rows with the reason", r[:3])
		}
	}
}

// TestImportAsksHowDatesAreWritten: a file whose dates could be day or
// month first is not guessed: the window asks for the format, and the
// orders are dated as the user says; a file without dates asks for the
// day instead of stamping today.
func TestImportAsksHowDatesAreWritten(t *testing.T) {
	ctx, svc, imp := importScreen(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "dates.csv")
	if err := os.WriteFile(file, []byte("order id,sku,qty,price,date\nD-1,TEA-LJ-250,1,12,03/04/2026\nD-2,TEA-LJ-250,1,12,05/06/2026\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	imp.SetFiles(file)
	test.Tap(imp.previewBtn)
	if !strings.Contains(imp.message.Text, "could be day first or month first") || !imp.importBtn.Disabled() {
		t.Fatalf("ambiguous dates: %q", imp.message.Text)
	}
	imp.dateFormat.SetSelected("DD/MM/YYYY")
	test.Tap(imp.previewBtn)
	test.Tap(imp.importBtn)
	if o := orderOf(t, ctx, svc, "D-1"); o.OrderedAt.Month() != time.April || o.OrderedAt.Day() != 3 {
		t.Fatalf("03/04/2026 day first was taken as %v (%q)", o.OrderedAt, imp.message.Text)
	}

	undated := filepath.Join(dir, "undated.csv")
	if err := os.WriteFile(undated, []byte("order id,sku,qty,price\nU-1,TEA-LJ-250,1,12\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	imp.SetFiles(undated)
	test.Tap(imp.previewBtn)
	if !strings.Contains(imp.message.Text, "no order dates") || !imp.orderDateBox.Visible() {
		t.Fatalf("no dates: %q", imp.message.Text)
	}
	test.Type(imp.orderDate, "2026-10-30")
	test.Tap(imp.previewBtn)
	test.Tap(imp.importBtn)
	if o := orderOf(t, ctx, svc, "U-1"); o.OrderedAt.Format("2006-01-02") != "2026-10-30" {
		t.Fatalf("the undated order is dated %v (%q)", o.OrderedAt, imp.message.Text)
	}
}

// orderOf is the shop's order with that platform order id.
func orderOf(t *testing.T, ctx context.Context, svc *app.Service, platformID string) *app.Order {
	t.Helper()
	page, err := svc.SearchOrders(ctx, app.OrderQuery{Text: platformID, Limit: 5})
	if err != nil || len(page.Rows) != 1 {
		t.Fatalf("order %s: %v, %d found", platformID, err, len(page.Rows))
	}
	o, err := svc.Order(ctx, page.Rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return o
}
