package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// TestOrderDetailShowsARefundDue: a paid order cancelled owes nothing;
// the detail says what is due back, lists the credit beside the payment,
// and offers the refund of exactly that, which the Refund button records.
func TestOrderDetailShowsARefundDue(t *testing.T) {
	ctx, svc, o := fixedShop(t)
	if _, err := svc.RecordPayment(ctx, o.ID, app.PaymentInput{Method: app.PayWeChat, Amount: o.Payable, TransactionID: "WX-1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Cancel(ctx, o.ID, "customer changed their mind"); err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	defer w.Close()
	d := NewOrderDetail(ctx, svc, w, nil)
	if err := d.Load(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	w.SetContent(d.Content())
	w.Resize(fyne.NewSize(900, 900))
	if !strings.Contains(d.totals.Text, "Refund due ¥354.00") || strings.Contains(d.totals.Text, "Outstanding") {
		t.Fatalf("totals %q: want the refund due and no debt", d.totals.Text)
	}
	if !strings.Contains(d.payList.Text, "Credit: order cancelled  -¥354.00") || !strings.Contains(d.payList.Text, "¥354.00  WX-1") {
		t.Fatalf("payments and credits %q", d.payList.Text)
	}
	test.Tap(findButton(t, w, "Refund…"))
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no refund dialog")
	}
	var amount *widget.Entry
	if fields := entries(top); len(fields) > 0 {
		amount = fields[0]
	}
	if amount == nil || amount.Text != "354.00" {
		t.Fatalf("the refund dialog offers %v, want what is due back, 354.00", amount)
	}
}
