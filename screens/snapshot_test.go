package screens

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"orderdesk/app"
	"orderdesk/data"
)

// fixedShop is a tiny shop whose every time and number is fixed, so the
// screens render the same on every run: one customer, two products, one
// confirmed order waiting for payment.
func fixedShop(t *testing.T) (context.Context, *app.Service, *app.Order) {
	t.Helper()
	// The program's theme, with its bundled font: text is measured from
	// fonts the test brings, never from whichever the machine has.
	newTestApp(t)
	LoadTranslations("en")
	ctx := app.WithActor(context.Background(), app.Actor{Name: "anna"})
	store, err := data.Open(ctx, filepath.Join(t.TempDir(), "fixed.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	clock := time.Date(2026, 5, 14, 9, 30, 0, 0, time.Local)
	svc := app.NewService(store).WithClock(func() time.Time { return clock })
	cny, _ := app.LookupCurrency("CNY")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// A person confirms the order (the rules would have done it at once).
	policy := app.DefaultPolicy()
	policy.AutoConfirm = false
	must(svc.SaveShop(ctx, app.Shop{Name: "Corner Tea", Currency: cny, Country: "CN", Calendar: app.DefaultCalendar(), Policy: policy}))
	for _, p := range []*app.Product{
		{SKU: "TEA-001", Name: "龙井茶", Spec: "250g", Unit: "box", Price: 12800, Barcode: "6901234567892", Active: true},
		{SKU: "CUP-002", Name: "白瓷杯", Spec: "6 pcs", Unit: "set", Price: 8800, Active: true},
	} {
		must(svc.SaveProduct(ctx, p))
	}
	c := &app.Customer{Name: "张伟", Kind: app.CustomerRetail, Phone: "13800138000",
		Address: app.Address{Province: "浙江省", City: "杭州市", District: "西湖区", Street: "文三路 100 号", Country: "CN"}}
	must(svc.SaveCustomer(ctx, c))
	o, err := svc.CreateOrder(ctx, app.OrderInput{Channel: app.ChannelPhone, CustomerID: c.ID, RecipientName: "张伟",
		RecipientPhone: "13800138000", Address: c.Address, PaymentMethod: app.PayAlipay, ShippingFee: 1000,
		SpecialRequest: "moisture-proof packing",
		Lines:          []app.LineInput{{SKU: "TEA-001", Qty: 2}, {SKU: "CUP-002", Qty: 1}}}, true)
	must(err)
	clock = clock.Add(30 * time.Minute)
	o, err = svc.Confirm(ctx, o.ID)
	must(err)
	return ctx, svc, o
}

func TestOrderDetailMarkup(t *testing.T) {
	ctx, svc, o := fixedShop(t)
	w := test.NewWindow(nil)
	defer w.Close()
	d := NewOrderDetail(ctx, svc, w, nil)
	d.edit = func(*app.Order) {}
	if err := d.Load(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	d.Content().Resize(fyne.NewSize(700, 900))
	test.AssertObjectRendersToMarkup(t, "order_detail.xml", d.Content())
}

func TestOrderEntryMarkup(t *testing.T) {
	ctx, svc, _ := fixedShop(t)
	w := test.NewWindow(nil)
	defer w.Close()
	f := NewOrderForm(ctx, svc, w, nil, nil)
	f.background = func(fn func()) { fn() }
	if err := f.LoadShop(ctx); err != nil {
		t.Fatal(err)
	}
	test.Type(f.product, "TEA-001")
	f.product.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	f.Content().Resize(fyne.NewSize(980, 900))
	test.AssertObjectRendersToMarkup(t, "order_entry.xml", f.Content())
}

func TestMainWindowMarkup(t *testing.T) {
	ctx, svc, _ := fixedShop(t)
	w := test.NewWindow(nil)
	defer w.Close()
	s := NewShell(ctx, svc, w, NewSettings(fyne.CurrentApp().Preferences()), "/shops/corner-tea.db")
	s.background = func(f func()) { f() }
	s.queue.now = func() time.Time { return time.Date(2026, 5, 14, 12, 0, 0, 0, time.Local) }
	w.SetContent(s.Content())
	s.Start()
	w.Resize(fyne.NewSize(1200, 700))
	test.AssertRendersToMarkup(t, "main_window.xml", w.Canvas())
}
