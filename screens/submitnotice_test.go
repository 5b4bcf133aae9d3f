package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"orderdesk/app"
)

// submitThroughForm keys an order for a customer of one of a product in
// the order form and submits it, as the shell's New order does.
func submitThroughForm(t *testing.T, f *fulfilFixture, s *Shell, customer, sku string) *app.Order {
	t.Helper()
	fw := test.NewWindow(nil)
	t.Cleanup(fw.Close)
	var saved *app.Order
	form := NewOrderForm(f.ctx, f.svc, fw, nil, func(o *app.Order) { saved = o; s.formSaved(o) })
	form.background = func(fn func()) { fn() }
	form.typingPause = 0
	fw.SetContent(form.Content())
	fw.Resize(fyne.NewSize(1000, 900))
	if err := form.LoadShop(f.ctx); err != nil {
		t.Fatal(err)
	}
	test.Type(form.customer, customer)
	if len(form.customers) == 0 {
		t.Fatal("typing a name offered no customers")
	}
	form.customer.SetText(customerLabel(form.customers[0]))
	test.Type(form.product, sku)
	form.product.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	tapIn(t, fw.Content(), "Submit for review")
	if saved == nil {
		t.Fatalf("the order was not submitted: %v", form.problemTexts())
	}
	return saved
}

// TestNoticeSubmitSaysWhatBecameOfIt: submitting from the order form says
// whether the order waits in review, with what the rules found, or was
// confirmed at once.
func TestNoticeSubmitSaysWhatBecameOfIt(t *testing.T) {
	f := fulfilShop(t)
	s, _ := openShell(t, f)

	// The fixture's shop has a person review every order; this one looks
	// like 李娜's.
	waiting := submitThroughForm(t, f, s, "张伟", "TEA-001")
	if waiting.Status != app.StatusPendingReview {
		t.Fatalf("the order is %s", waiting.Status)
	}
	if said := s.notice.text.Text; !strings.HasPrefix(said, "Order "+waiting.Number+" submitted; it waits in Review: Looks like a duplicate of order ") {
		t.Errorf("after submitting the window says %q", said)
	}

	// A shop that confirms clean orders at once says so.
	shop, err := f.svc.Shop(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	shop.Policy.AutoConfirm = true
	if err := f.svc.SaveShop(f.ctx, shop); err != nil {
		t.Fatal(err)
	}
	confirmed := submitThroughForm(t, f, s, "王芳", "CUP-002")
	want := "Order " + confirmed.Number + " submitted: the rules found nothing, so it is confirmed"
	if confirmed.Status != app.StatusConfirmed || s.notice.text.Text != want {
		t.Errorf("order %s is %s and the window says %q", confirmed.Number, confirmed.Status, s.notice.text.Text)
	}
}
