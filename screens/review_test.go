package screens

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/data"
)

// reviewShop is a shop whose orders wait for a supervisor: remote goes to
// Xinjiang, on the shop's remote-area list, and needs a transfer between
// warehouses; clean has no findings but the shop confirms nothing by
// itself, and one of its lines is short.
func reviewShop(t *testing.T) (ctx context.Context, svc *app.Service, remote, clean *app.Order) {
	t.Helper()
	newTestApp(t)
	LoadTranslations("en")
	ctx = app.WithActor(context.Background(), app.Actor{Name: "anna"})
	store, err := data.Open(ctx, filepath.Join(t.TempDir(), "review.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	clock := time.Date(2026, 5, 14, 9, 30, 0, 0, time.Local)
	svc = app.NewService(store).WithClock(func() time.Time { return clock })
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	cny, _ := app.LookupCurrency("CNY")
	policy := app.DefaultPolicy()
	policy.RemoteAreas = []string{"新疆"}
	policy.AutoConfirm = false
	must(svc.SaveShop(ctx, app.Shop{Name: "Corner Tea", Currency: cny, Country: "CN", Policy: policy}))

	tea := &app.Product{SKU: "TEA-001", Name: "龙井茶", Spec: "250g", Unit: "box", Price: 12800, Active: true}
	cup := &app.Product{SKU: "CUP-002", Name: "白瓷杯", Spec: "6 pcs", Unit: "set", Price: 8800, Active: true}
	must(svc.SaveProduct(ctx, tea))
	must(svc.SaveProduct(ctx, cup))
	receive := func(code string, rank int, stock map[*app.Product]int64) {
		w := &app.Warehouse{Code: code, Name: code, ShippingRank: rank, Active: true}
		must(svc.SaveWarehouse(ctx, w))
		bin := &app.Bin{WarehouseID: w.ID, Code: "A-1-1"}
		must(svc.AddBin(ctx, bin))
		for p, qty := range stock {
			must(svc.ReceiveStock(ctx, app.StockReceipt{ProductID: p.ID, BinID: bin.ID, Qty: qty}))
		}
	}
	receive("SH", 1, map[*app.Product]int64{tea: 50, cup: 3})
	receive("SZ", 2, map[*app.Product]int64{tea: 20})

	order := func(name, province, city string, at time.Time, lines ...app.LineInput) *app.Order {
		addr := app.Address{Province: province, City: city, District: "一区", Street: "中山路 1 号", Country: "CN"}
		c := &app.Customer{Name: name, Kind: app.CustomerRetail, Phone: "13800138000", Address: addr}
		must(svc.SaveCustomer(ctx, c))
		o, err := svc.CreateOrder(ctx, app.OrderInput{Channel: app.ChannelPhone, CustomerID: c.ID, RecipientName: name,
			RecipientPhone: "13800138000", Address: addr, PaymentMethod: app.PayAlipay, OrderedAt: at, Lines: lines}, true)
		must(err)
		if o.Status != app.StatusPendingReview {
			t.Fatalf("order %s is %s, want it waiting in review", o.Number, o.Status)
		}
		return o
	}
	remote = order("张伟", "新疆维吾尔自治区", "乌鲁木齐市", clock.Add(-2*time.Hour),
		app.LineInput{SKU: "TEA-001", Qty: 60}, app.LineInput{SKU: "CUP-002", Qty: 1})
	clean = order("李娜", "浙江省", "杭州市", clock.Add(-time.Hour),
		app.LineInput{SKU: "TEA-001", Qty: 2}, app.LineInput{SKU: "CUP-002", Qty: 5})
	return ctx, svc, remote, clean
}

// openReview shows the inbox in a window, with its work run inline.
func openReview(t *testing.T, ctx context.Context, svc *app.Service) (*ReviewScreen, fyne.Window) {
	t.Helper()
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	s := NewReviewScreen(ctx, svc, w)
	s.background = func(f func()) { f() }
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(1200, 800))
	if err := s.Update(ctx); err != nil {
		t.Fatal(err)
	}
	return s, w
}

// dialogOnTop is the dialog the window shows, failing when there is none.
func dialogOnTop(t *testing.T, w fyne.Window) fyne.CanvasObject {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is shown")
	}
	return top
}

// entryIn is the first text entry under o.
func entryIn(t *testing.T, o fyne.CanvasObject) *widget.Entry {
	t.Helper()
	for _, obj := range test.LaidOutObjects(o) {
		if e, ok := obj.(*widget.Entry); ok {
			return e
		}
	}
	t.Fatal("no entry in the dialog")
	return nil
}

func orderStatus(t *testing.T, ctx context.Context, svc *app.Service, id int64) app.Status {
	t.Helper()
	o, err := svc.Order(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return o.Status
}

func TestReviewInboxListsWaitingOrders(t *testing.T) {
	ctx, svc, remote, clean := reviewShop(t)
	s, w := openReview(t, ctx, svc)

	shown := texts(w.Content())
	for _, want := range []string{"2 orders waiting", remote.Number, "张伟", "¥", clean.Number, "李娜",
		"1: 新疆 is on the remote-area list", "The rules found nothing"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the inbox lacks %q:\n%s", want, shown)
		}
	}
	if strings.Index(shown, remote.Number) > strings.Index(shown, clean.Number) {
		t.Errorf("the older order %s is not first:\n%s", remote.Number, shown)
	}

	// The oldest order is open at once, with its finding and each line's
	// stock.
	if s.chosen != remote.ID {
		t.Fatalf("order %d is open, want the oldest, %d", s.chosen, remote.ID)
	}
	for _, want := range []string{"Order " + remote.Number, "新疆 is on the remote-area list",
		"Transfer 10 from SZ to SH", "In stock in SH (3)", "Approve…", "Hold…", "Reject…", "Check again",
		"Checked by the rules at 2026-05-14 09:30"} {
		if !strings.Contains(texts(w.Content()), want) {
			t.Errorf("the open order lacks %q:\n%s", want, texts(w.Content()))
		}
	}

	// Choosing the other order shows it instead.
	s.list.Select(1)
	shown = texts(w.Content())
	if s.chosen != clean.ID || !strings.Contains(shown, "Order "+clean.Number) {
		t.Fatalf("choosing the second row opened order %d:\n%s", s.chosen, shown)
	}
	for _, want := range []string{"In stock in SH (50)", "Short: 3 of 5 available"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the clean order lacks %q:\n%s", want, shown)
		}
	}
	if n := strings.Count(shown, "remote-area list"); n != 1 { // the remote order's row only
		t.Errorf("the remote order's finding shows %d times:\n%s", n, shown)
	}
}

func TestReviewEmptyInbox(t *testing.T) {
	ctx, svc, remote, clean := reviewShop(t)
	for _, id := range []int64{remote.ID, clean.ID} {
		if _, err := svc.Approve(ctx, id, ""); err != nil {
			t.Fatal(err)
		}
	}
	s, w := openReview(t, ctx, svc)
	if shown := texts(w.Content()); !strings.Contains(shown, "Nothing waits for review") || s.chosen != 0 {
		t.Fatalf("an empty inbox shows order %d:\n%s", s.chosen, shown)
	}
}

func TestReviewApproveConfirmsAndOpensTheNext(t *testing.T) {
	ctx, svc, remote, clean := reviewShop(t)
	s, w := openReview(t, ctx, svc)

	test.Tap(shownButton(t, w.Content(), "Approve…"))
	ask := dialogOnTop(t, w)
	test.Type(entryIn(t, ask), "Courier confirmed by phone")
	test.Tap(shownButton(t, ask, "Approve"))

	if got := orderStatus(t, ctx, svc, remote.ID); got != app.StatusConfirmed {
		t.Fatalf("after Approve the order is %s", got)
	}
	r, err := svc.Review(ctx, remote.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Decision != app.DecisionApproved || r.Reviewer != "anna" || r.Opinion != "Courier confirmed by phone" {
		t.Fatalf("the review records %q by %q: %q", r.Decision, r.Reviewer, r.Opinion)
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("the dialog stays open after the approval")
	}
	shown := texts(w.Content())
	if !strings.Contains(shown, "1 orders waiting") || strings.Contains(shown, remote.Number) {
		t.Fatalf("the inbox still lists the approved order:\n%s", shown)
	}
	if s.chosen != clean.ID || !strings.Contains(shown, "Order "+clean.Number) {
		t.Fatalf("after the approval order %d is open, want the next, %d:\n%s", s.chosen, clean.ID, shown)
	}
}

func TestReviewRejectNeedsAReason(t *testing.T) {
	ctx, svc, remote, clean := reviewShop(t)
	s, w := openReview(t, ctx, svc)
	s.list.Select(1)

	test.Tap(shownButton(t, w.Content(), "Reject…"))
	ask := dialogOnTop(t, w)
	test.Tap(shownButton(t, ask, "Reject"))
	if shown := texts(ask); !strings.Contains(shown, "This field is required") {
		t.Fatalf("an empty reason is not refused in the dialog:\n%s", shown)
	}
	if dialogOnTop(t, w) != ask {
		t.Fatal("the refused dialog closed")
	}
	if got := orderStatus(t, ctx, svc, clean.ID); got != app.StatusPendingReview {
		t.Fatalf("a rejection without a reason left the order %s", got)
	}

	test.Type(entryIn(t, ask), "Ordered twice by mistake")
	test.Tap(shownButton(t, ask, "Reject"))
	if got := orderStatus(t, ctx, svc, clean.ID); got != app.StatusCancelled {
		t.Fatalf("after Reject the order is %s", got)
	}
	if r, err := svc.Review(ctx, clean.ID); err != nil || r.Decision != app.DecisionRejected || r.Opinion != "Ordered twice by mistake" {
		t.Fatalf("the review records %+v (%v)", r, err)
	}
	if s.chosen != remote.ID {
		t.Fatalf("after the last order was rejected order %d is open, want %d", s.chosen, remote.ID)
	}
}

func TestReviewHoldTakesTheOrderOut(t *testing.T) {
	ctx, svc, remote, _ := reviewShop(t)
	_, w := openReview(t, ctx, svc)
	test.Tap(shownButton(t, w.Content(), "Hold…"))
	reason := entryIn(t, dialogOnTop(t, w))
	test.Type(reason, "Waiting for the customer's call")
	reason.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter holds
	if got := orderStatus(t, ctx, svc, remote.ID); got != app.StatusOnHold {
		t.Fatalf("after Hold the order is %s", got)
	}
	if shown := texts(w.Content()); strings.Contains(shown, remote.Number) || !strings.Contains(shown, "1 orders waiting") {
		t.Fatalf("the held order is still in the inbox:\n%s", shown)
	}
}

func TestReviewCheckAgainAfterTheShopChanged(t *testing.T) {
	ctx, svc, remote, _ := reviewShop(t)
	s, w := openReview(t, ctx, svc)
	shop, err := svc.Shop(ctx)
	if err != nil {
		t.Fatal(err)
	}
	shop.Policy.RemoteAreas = nil
	if err := svc.SaveShop(ctx, shop); err != nil {
		t.Fatal(err)
	}
	test.Tap(shownButton(t, w.Content(), "Check again"))
	r, err := svc.Review(ctx, remote.ID)
	if err != nil || len(r.Findings) != 0 {
		t.Fatalf("after checking again the review is %+v (%v)", r, err)
	}
	if shown := texts(w.Content()); s.chosen != remote.ID || strings.Contains(shown, "remote-area") {
		t.Fatalf("order %d is open and the old finding still shows:\n%s", s.chosen, shown)
	}
}

func TestReviewFindingTexts(t *testing.T) {
	newTestApp(t)
	LoadTranslations("en")
	params := map[app.FindingKind]map[string]string{
		app.FindMissing:         {"Field": "lines", "Detail": "add at least one product"},
		app.FindRemoteArea:      {"Area": "新疆"},
		app.FindUnusualQuantity: {"SKU": "TEA-001", "Qty": "60", "Times": "6", "Usual": "10"},
		app.FindAfterCutOff:     {"CutOff": "18:00"},
		app.FindDateInfeasible:  {"Date": "2026-05-14", "Earliest": "2026-05-15"},
		app.FindBelowFloor:      {"SKU": "TEA-001", "Price": "¥90.00", "Floor": "¥100.00"},
		app.FindLargeDiscount:   {"Discount": "¥50.00", "Percent": "40", "Max": "30"},
		app.FindOverCredit:      {"Over": "¥500.00", "Limit": "¥2,000.00"},
		app.FindNewCustomer:     {"Amount": "¥8,000.00", "Threshold": "¥5,000.00"},
		app.FindDuplicate:       {"Number": "202605-007"},
		app.FindCoupon:          {"Code": "SPRING"},
		app.FindSecondCheck:     nil,
	}
	for _, kind := range app.FindingKinds() {
		t.Run(string(kind), func(t *testing.T) {
			p, ok := params[kind]
			if !ok {
				t.Fatalf("no sentence tested for %s", kind)
			}
			got := findingText(app.Finding{Kind: kind, Params: p, Message: "the service's sentence"})
			if got == "" || strings.Contains(got, "<no value>") || strings.Contains(got, "service's sentence") {
				t.Fatalf("%s says %q", kind, got)
			}
			for k, v := range p {
				if k == "Field" {
					v = "Lines" // the field's own words, capitalised
				}
				if !strings.Contains(got, v) {
					t.Errorf("%s says %q, without %s %q", kind, got, k, v)
				}
			}
		})
	}
	// A finding stored without its values says the service's sentence.
	if got := findingText(app.Finding{Kind: app.FindRemoteArea, Message: "新疆 is on the remote-area list"}); got != "新疆 is on the remote-area list" {
		t.Errorf("a finding without values says %q", got)
	}
}

func TestReviewAvailabilityTexts(t *testing.T) {
	newTestApp(t)
	LoadTranslations("en")
	cases := []struct {
		name string
		in   app.LineAvailability
		want string
	}{
		{"in stock", app.LineAvailability{Qty: 5, State: app.StockInStock, Available: 70, Best: "SH",
			ByHouse: map[string]int64{"SH": 50, "SZ": 20}}, "In stock in SH (50)"},
		{"transfer", app.LineAvailability{Qty: 75, State: app.StockTransfer, Available: 80, Best: "SH",
			ByHouse:   map[string]int64{"SH": 50, "SZ": 20, "GZ": 10},
			Transfers: map[string]int64{"SZ": 20, "GZ": 5}}, "Transfer 5 from GZ to SH; Transfer 20 from SZ to SH"},
		{"short", app.LineAvailability{Qty: 60, State: app.StockShort, Available: 50, Best: "SH"}, "Short: 50 of 60 available"},
		{"not stocked", app.LineAvailability{Qty: 1, State: app.StockNone}, "Not stocked"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := availabilityText(c.in); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
