package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"orderdesk/app"
)

// TestOrderStepDialogKeepsWhatWasTyped: a step that asks a reason
// (cancelling) and logging a contact keep their dialog open with what
// was typed when the service refuses it, the problem under the field;
// mended, they go through.
func TestOrderStepDialogKeepsWhatWasTyped(t *testing.T) {
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

	tapIn(t, w.Content(), "Cancel order")
	form := w.Canvas().Overlays().Top()
	if !strings.Contains(texts(form), o.Number) {
		t.Fatalf("the cancel dialog does not name order %s:\n%s", o.Number, texts(form))
	}
	test.Type(entries(form)[0], "x")
	tapIn(t, form, "OK")
	if top := w.Canvas().Overlays().Top(); top != form || entries(form)[0].Text != "x" ||
		!strings.Contains(texts(form), "at least 2 characters") {
		t.Fatalf("a one-letter reason closed the dialog or lost the text:\n%s", texts(form))
	}
	if got, _ := svc.Order(ctx, o.ID); got.Status == app.StatusCancelled {
		t.Fatal("a refused reason cancelled the order")
	}
	test.Type(entries(form)[0], "y: customer changed mind")
	tapIn(t, form, "OK")
	if got, _ := svc.Order(ctx, o.ID); got.Status != app.StatusCancelled || got.CancelReason != "xy: customer changed mind" {
		t.Fatalf("after a mended reason: %s %q", got.Status, got.CancelReason)
	}

	tapIn(t, w.Content(), "Log contact…")
	form = w.Canvas().Overlays().Top()
	test.Type(entries(form)[0], "a")
	tapIn(t, form, "Save")
	if top := w.Canvas().Overlays().Top(); top != form || entries(form)[0].Text != "a" {
		t.Fatalf("a refused contact note closed the dialog:\n%s", texts(form))
	}
	test.Type(entries(form)[0], "sked when the parcel leaves")
	tapIn(t, form, "Save")
	if top := w.Canvas().Overlays().Top(); top == form && top.Visible() {
		t.Fatalf("the mended contact note was not saved:\n%s", texts(form))
	}
}
