package screens

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// shippedFrom sends an order of the platform on its way.
func (f *fulfilFixture) shippedFrom(t *testing.T, ch app.Channel, platformID, carrier, tracking string) {
	t.Helper()
	o, err := f.svc.CreateOrder(f.ctx, app.OrderInput{Channel: ch, PlatformOrderID: platformID, CustomerID: f.first.CustomerID,
		RecipientName: "张伟", RecipientPhone: "13800138000", Address: f.first.Address, PaymentMethod: app.PayAlipay,
		Lines: []app.LineInput{{SKU: "TEA-001", Qty: 1}}}, true)
	if err != nil {
		t.Fatal(err)
	}
	if o, err = f.svc.Approve(f.ctx, o.ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.ShipShipment(f.ctx, f.packed(t, o).ID, app.ShipInput{Carrier: carrier, TrackingNumber: tracking}); err != nil {
		t.Fatal(err)
	}
}

// trackingDialog opens Tracking for platforms from the in-transit queue
// and fills it in.
func trackingDialog(t *testing.T, s *FulfilmentScreen, w fyne.Window, platform, from string, again bool) fyne.CanvasObject {
	t.Helper()
	s.ShowStage(app.StageTransit)
	tapIn(t, s.queue(app.StageTransit).box, "Tracking for platforms…")
	dlg := dialogOnTop(t, w)
	for _, o := range test.LaidOutObjects(dlg) {
		switch x := o.(type) {
		case *widget.Select:
			x.SetSelected(platform)
		case *widget.Check:
			x.SetChecked(again)
		}
	}
	entries(dlg)[0].SetText(from)
	return dlg
}

// TestTrackingForPlatforms taps through Fulfilment's Tracking for
// platforms: Amazon's file holds Amazon's parcel only, in Amazon's
// layout; the next time there is nothing new and no file is asked for;
// with "include parcels already exported" it is written again; a day
// that is no date keeps the dialog open.
func TestTrackingForPlatforms(t *testing.T) {
	f := fulfilShop(t)
	f.shippedFrom(t, app.ChannelAmazon, "111-0000001-0000001", "UPS", "1Z0001")
	f.shippedFrom(t, app.ChannelShopify, "#1002", "SF Express", "SF0002")
	s, w := openFulfilment(t, f)
	dir := t.TempDir()
	var asked []string
	s.chooseSave = func(name string, picked func(string)) {
		asked = append(asked, name)
		picked(filepath.Join(dir, name))
	}

	tapIn(t, trackingDialog(t, s, w, "Amazon", "", false), "Save as…")
	path := filepath.Join(dir, "tracking-amazon-2026-05-14.txt")
	if len(asked) != 1 || asked[0] != filepath.Base(path) {
		t.Fatalf("the save dialog was offered %q", asked)
	}
	if shown := texts(dialogOnTop(t, w)); !strings.Contains(shown, "Wrote 1 parcel for Amazon to "+path) {
		t.Fatalf("after saving the window says:\n%s", shown)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = '\t'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || strings.Join(rows[0], " ") != "order-id order-item-id quantity ship-date carrier-code carrier-name tracking-number ship-method" ||
		rows[1][0] != "111-0000001-0000001" || rows[1][3] != "2026-05-14" || rows[1][4] != "UPS" || rows[1][6] != "1Z0001" {
		t.Fatalf("Amazon's file:\n%s", b)
	}
	tapIn(t, dialogOnTop(t, w), "OK")

	tapIn(t, trackingDialog(t, s, w, "Amazon", "", false), "Save as…")
	if shown := texts(dialogOnTop(t, w)); !strings.Contains(shown, "No new parcels for Amazon") || len(asked) != 1 {
		t.Fatalf("the second time the window says %q, and asked for %d files", shown, len(asked))
	}
	tapIn(t, dialogOnTop(t, w), "OK")

	dlg := trackingDialog(t, s, w, "Amazon", "2026-13-01", true)
	tapIn(t, dlg, "Save as…")
	if dialogOnTop(t, w) != dlg || !strings.Contains(texts(dlg), "Enter the days like 2026-11-01") {
		t.Fatalf("a month 13 was taken:\n%s", texts(dialogOnTop(t, w)))
	}
	entries(dlg)[0].SetText("2026-05-14")
	tapIn(t, dlg, "Save as…")
	if shown := texts(dialogOnTop(t, w)); !strings.Contains(shown, "Wrote 1 parcel for Amazon") || len(asked) != 2 {
		t.Fatalf("again: %q, %d files asked for", shown, len(asked))
	}
}
