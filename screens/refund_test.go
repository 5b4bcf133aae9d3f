package screens

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"orderdesk/app"
)

// TestOrderDetailRefund pays back a cancelled order's money from its
// detail: the amount is offered, a reference is required, and the order
// ends refunded.
func TestOrderDetailRefund(t *testing.T) {
	ctx, svc, o := fixedShop(t)
	if _, err := svc.RecordPayment(ctx, o.ID, app.PaymentInput{Method: app.PayAlipay, Amount: o.Payable}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Cancel(ctx, o.ID, "customer changed mind"); err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	defer w.Close()
	d := NewOrderDetail(ctx, svc, w, nil)
	d.background = func(f func()) { f() }
	w.SetContent(d.Content())
	w.Resize(fyne.NewSize(900, 900))
	if err := d.Load(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	tapIn(t, w.Content(), "Refund…")
	form := w.Canvas().Overlays().Top()
	fields := entries(form)
	if len(fields) < 2 || fields[0].Text != "354.00" {
		t.Fatalf("refund form offers %v", fields)
	}
	tapIn(t, form, "OK")
	// Refused, the dialog stays with the problem under the reference.
	if top := w.Canvas().Overlays().Top(); top != form || problemAfterEntry(form, "") != "This field is required" {
		t.Fatalf("a refund without a reference was not refused under it:\n%s", texts(form))
	}
	if got, _ := svc.Order(ctx, o.ID); got.AmountRefunded != 0 {
		t.Fatalf("refused refund changed the order: %d refunded", got.AmountRefunded)
	}
	test.Type(entries(form)[1], "cancelled before shipping")
	tapIn(t, form, "OK")
	got, err := svc.Order(ctx, o.ID)
	if err != nil || got.PaymentStatus != app.PaymentRefunded || got.AmountRefunded != o.Payable {
		t.Fatalf("after the refund: %v %+v", err, got)
	}
}
