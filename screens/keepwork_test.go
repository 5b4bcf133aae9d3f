package screens

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// key presses a key as the window would: to the focused widget, else to
// the window itself.
func key(w fyne.Window, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
	} else if on := w.Canvas().OnTypedKey(); on != nil {
		on(ev)
	}
}

// problemAfterEntry is the first shown label after the entry holding text: the
// problem under that field.
func problemAfterEntry(o fyne.CanvasObject, text string) string {
	seen := false
	for _, obj := range test.LaidOutObjects(o) {
		switch w := obj.(type) {
		case fyne.Focusable:
			if e := entryOf(w); e != nil && e.Text == text {
				seen = true
			}
		case *widget.Label:
			if seen && w.Visible() && w.Text != "" {
				return w.Text
			}
		}
	}
	return ""
}

// TestRecordPaymentRefusalsKeepTheDialog: too much, then an order that
// can no longer take money; both leave the dialog open with the amount
// typed and say why where it belongs. Escape then asks before dropping it.
func TestRecordPaymentRefusalsKeepTheDialog(t *testing.T) {
	ctx, svc, o := fixedShop(t)
	w := test.NewWindow(nil)
	defer w.Close()
	d := NewOrderDetail(ctx, svc, w, nil)
	d.background = func(f func()) { f() }
	w.SetContent(d.Content())
	w.Resize(fyne.NewSize(900, 900))
	if err := d.Load(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	d.onAction(app.ActionRecordPayment)
	dlg := dialogOnTop(t, w)
	fields := entries(dlg)
	fields[0].SetText("99999.00")
	fields[1].SetText("TX-1")
	tapIn(t, dlg, "OK")
	if w.Canvas().Overlays().Top() != dlg || fields[0].Text != "99999.00" || fields[1].Text != "TX-1" {
		t.Fatal("a refused payment closed the dialog or lost its text")
	}
	if got := problemAfterEntry(dlg, "99999.00"); !strings.Contains(got, "outstanding") {
		t.Fatalf("under the amount: %q\n%s", got, texts(dlg))
	}
	if _, err := svc.Cancel(context.WithoutCancel(ctx), o.ID, "customer changed mind"); err != nil {
		t.Fatal(err)
	}
	fields[0].SetText("10.00")
	tapIn(t, dlg, "OK")
	if w.Canvas().Overlays().Top() != dlg || fields[0].Text != "10.00" {
		t.Fatal("a payment the order cannot take closed the dialog")
	}
	if shown := texts(dlg); !strings.Contains(shown, "cancel") {
		t.Fatalf("the dialog does not say why:\n%s", shown)
	}
	if got, _ := svc.Order(ctx, o.ID); got.AmountPaid != 0 {
		t.Fatalf("refused payments recorded %d", got.AmountPaid)
	}
	key(w, fyne.KeyEscape) // the cursor is in the amount
	if ask := dialogOnTop(t, w); ask == dlg || !strings.Contains(texts(ask), "Discard changes?") {
		t.Fatal("Escape in a changed dialog did not ask")
	}
}
