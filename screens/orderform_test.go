package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"orderdesk/app"
)

// newTestForm opens order entry with database work run inline.
func newTestForm(t *testing.T) (*OrderForm, *app.Service, *[]*app.Order) {
	t.Helper()
	ctx, svc := sampleShop(t)
	var saved []*app.Order
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	f := NewOrderForm(ctx, svc, w, nil, func(o *app.Order) { saved = append(saved, o) })
	f.background, f.typingPause = func(fn func()) { fn() }, 0
	w.SetContent(f.Content())
	w.Resize(fyne.NewSize(1000, 900))
	if err := f.LoadShop(ctx); err != nil {
		t.Fatal(err)
	}
	return f, svc, &saved
}

// TestOrderEntryByKeyboard keys a whole order as a user at the counter
// would: customer by name, products by SKU and by scanned barcode, a
// changed quantity, then submit.
func TestOrderEntryByKeyboard(t *testing.T) {
	f, svc, saved := newTestForm(t)
	ctx := f.ctx
	test.Type(f.customer, "王芳")
	if len(f.customers) == 0 {
		t.Fatal("typing a name offered no customers")
	}
	f.customer.SetText(customerLabel(f.customers[0])) // picks the offered entry
	if f.customerID != f.customers[0].ID || f.recipient.Text == "" || f.city.Text == "" {
		t.Fatalf("choosing the customer did not fill the recipient: id %d, recipient %q, city %q", f.customerID, f.recipient.Text, f.city.Text)
	}
	test.Type(f.product, "TEA-LJ-250")
	f.product.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	tea, err := svc.ProductByCode(ctx, "TEA-LJ-250")
	if err != nil {
		t.Fatal(err)
	}
	cups, err := svc.ProductByCode(ctx, "CUP-BC-6")
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // scanning the same barcode twice makes it two
		test.Type(f.product, cups.Barcode)
		f.product.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}
	if len(f.lines) != 2 || f.lines[1].qty.Text != "2" {
		t.Fatalf("lines after entry: %d, second qty %q", len(f.lines), f.lines[1].qty.Text)
	}
	f.lines[0].qty.SetText("3")
	f.shipping.SetText("12.00")
	want := tea.Price*3 + cups.Price*2 + 1200
	if !strings.Contains(f.totals.Text, f.currency.Format(want)) {
		t.Fatalf("live total %q, want payable %s", f.totals.Text, f.currency.Format(want))
	}
	f.special.SetText("moisture-proof packing")
	test.Tap(f.noPrices) // a gift: its packing slip names no money
	f.save(true)
	if len(*saved) != 1 {
		t.Fatalf("submit saved %d orders; problems: %v", len(*saved), f.problemTexts())
	}
	o, err := svc.Order(ctx, (*saved)[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	// Submitted, the review rules checked it: nothing found, so confirmed.
	if o.Status != app.StatusConfirmed || o.Payable != want || o.Lines[0].Qty != 3 || o.Lines[1].SKU != "CUP-BC-6" ||
		o.SpecialRequest != "moisture-proof packing" || o.CustomerID != f.customerID || !o.NoPrices {
		t.Fatalf("stored order %+v", o)
	}
}

// TestOrderEntryShowsProblemsBesideFields submits an order with a bad
// phone, no street and a nonsense quantity, and checks each problem is
// shown at its field and nothing is saved.
func TestOrderEntryShowsProblemsBesideFields(t *testing.T) {
	f, svc, saved := newTestForm(t)
	before, _ := svc.CountOrders(f.ctx)
	test.Type(f.customer, "Emily")
	f.customer.SetText(customerLabel(f.customers[0]))
	f.street.SetText("")
	f.phone.SetText("call me")
	test.Type(f.product, "TEA-QM-250")
	f.product.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	f.lines[0].qty.SetText("0")
	f.save(true)
	if len(*saved) != 0 {
		t.Fatal("an order with problems was saved")
	}
	if after, _ := svc.CountOrders(f.ctx); after != before {
		t.Fatalf("orders went from %d to %d", before, after)
	}
	for field, want := range map[string]string{"recipient.phone": "phone number", "address.street": "street"} {
		l := f.errors[field]
		if l.Hidden || !strings.Contains(l.Text, want) {
			t.Errorf("%s shows %q (hidden %v), want it to mention %q", field, l.Text, l.Hidden, want)
		}
	}
	if p := f.lines[0].problem; p.Hidden || !strings.Contains(p.Text, "at least 1") {
		t.Errorf("the line shows %q, want the quantity problem", p.Text)
	}
}

func (f *OrderForm) problemTexts() []string {
	var out []string
	for k, l := range f.errors {
		if l.Text != "" {
			out = append(out, k+": "+l.Text)
		}
	}
	return out
}
