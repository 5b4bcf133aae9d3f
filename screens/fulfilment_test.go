package screens

import (
	"context"
	"os/exec"
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

// fulfilFixture is a shop the morning after three orders came in: 张伟's
// tea and the last cup (placed before yesterday's cut-off, so it is late), 李娜's
// urgent tea (placed after the cut-off), and 王芳's teapot, which is out
// of stock but has an alternate on the shelf.
type fulfilFixture struct {
	ctx                  context.Context
	svc                  *app.Service
	clock                time.Time
	first, urgent, short *app.Order
	pot, spare           *app.Product
}

func fulfilShop(t *testing.T) *fulfilFixture {
	t.Helper()
	newTestApp(t)
	LoadTranslations("en")
	// Printed documents land in the test's own Documents folder.
	t.Setenv("HOME", t.TempDir())
	f := &fulfilFixture{clock: time.Date(2026, 5, 14, 10, 0, 0, 0, time.Local)}
	f.ctx = app.WithActor(context.Background(), app.Actor{Name: "mei", Role: app.RoleOwner})
	store, err := data.Open(f.ctx, filepath.Join(t.TempDir(), "fulfil.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	f.svc = app.NewService(store).WithClock(func() time.Time { return f.clock })
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	cny, _ := app.LookupCurrency("CNY")
	policy := app.DefaultPolicy()
	policy.AutoConfirm = false // the orders are approved below, findings or not
	must(f.svc.SaveShop(f.ctx, app.Shop{Name: "Corner Tea", Currency: cny, Country: "CN", Phone: "0571-88001234",
		Calendar: app.DefaultCalendar(), Policy: policy}))
	must(f.svc.SaveCarrierRules(f.ctx, []app.CarrierRule{{Carrier: "SF Express", Service: "标快"}}))
	house := &app.Warehouse{Code: "SH", Name: "Shanghai", Active: true,
		Address: app.Address{Province: "上海市", City: "上海市", Street: "沪青平公路 88 号", Country: "CN"}}
	must(f.svc.SaveWarehouse(f.ctx, house))
	bin := &app.Bin{WarehouseID: house.ID, Code: "A-1-1"}
	must(f.svc.AddBin(f.ctx, bin))
	tea := &app.Product{SKU: "TEA-001", Name: "龙井茶", Spec: "250g", Unit: "box", Price: 12800, Barcode: "6901234567892",
		WeightGrams: 300, Active: true}
	cup := &app.Product{SKU: "CUP-002", Name: "白瓷杯", Spec: "6 pcs", Unit: "set", Price: 8800, WeightGrams: 900, Active: true}
	f.spare = &app.Product{SKU: "POT-004", Name: "紫砂壶", Spec: "350ml", Unit: "pcs", Price: 45000, Active: true}
	for _, p := range []*app.Product{tea, cup, f.spare} {
		must(f.svc.SaveProduct(f.ctx, p))
	}
	f.pot = &app.Product{SKU: "POT-003", Name: "紫砂壶", Spec: "300ml", Unit: "pcs", Price: 45000, Active: true,
		Alternates: []int64{f.spare.ID}}
	must(f.svc.SaveProduct(f.ctx, f.pot))
	for p, n := range map[*app.Product]int64{tea: 50, cup: 1, f.spare: 5} {
		must(f.svc.ReceiveStock(f.ctx, app.StockReceipt{ProductID: p.ID, BinID: bin.ID, Qty: n}))
	}
	order := func(name, province, city string, at time.Time, urgency app.Urgency, lines ...app.LineInput) *app.Order {
		t.Helper()
		addr := app.Address{Province: province, City: city, District: "一区", Street: "中山路 1 号", Country: "CN"}
		c := &app.Customer{Name: name, Kind: app.CustomerRetail, Phone: "13800138000", Address: addr}
		must(f.svc.SaveCustomer(f.ctx, c))
		o, err := f.svc.CreateOrder(f.ctx, app.OrderInput{Channel: app.ChannelPhone, CustomerID: c.ID, RecipientName: name,
			RecipientPhone: "13800138000", Address: addr, PaymentMethod: app.PayAlipay, OrderedAt: at,
			Delivery: app.Delivery{Urgency: urgency}, Lines: lines}, true)
		must(err)
		o, err = f.svc.Approve(f.ctx, o.ID, "")
		must(err)
		_, err = f.svc.RecordPayment(f.ctx, o.ID, app.PaymentInput{Method: app.PayAlipay, Amount: o.Payable})
		must(err)
		return o
	}
	yesterday := f.clock.AddDate(0, 0, -1)
	at := func(h int) time.Time {
		return time.Date(yesterday.Year(), yesterday.Month(), yesterday.Day(), h, 0, 0, 0, time.Local)
	}
	f.first = order("张伟", "浙江省", "杭州市", at(15), app.UrgencyStandard, app.LineInput{SKU: "TEA-001", Qty: 2},
		app.LineInput{SKU: "CUP-002", Qty: 1})
	f.short = order("王芳", "北京市", "北京市", at(16), app.UrgencyStandard, app.LineInput{SKU: "POT-003", Qty: 1})
	f.urgent = order("李娜", "上海市", "上海市", at(19), app.UrgencyUrgent, app.LineInput{SKU: "TEA-001", Qty: 1})
	return f
}

func (f *fulfilFixture) order(t *testing.T, o *app.Order) *app.Order {
	t.Helper()
	got, err := f.svc.Order(f.ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// picked brings orders to the pick check through the services.
func (f *fulfilFixture) picked(t *testing.T, orders ...*app.Order) {
	t.Helper()
	var ids []int64
	for _, o := range orders {
		if _, err := f.svc.Allocate(f.ctx, o.ID); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, o.ID)
	}
	if _, err := f.svc.StartPickingAll(f.ctx, ids); err != nil {
		t.Fatal(err)
	}
}

// packed brings an order through the check to a shipment waiting for the
// courier.
func (f *fulfilFixture) packed(t *testing.T, o *app.Order) *app.Shipment {
	t.Helper()
	f.picked(t, o)
	lists, err := f.svc.PickLists(f.ctx, []int64{o.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.VerifyPick(f.ctx, o.ID, "王师傅", app.NewPickCheck(lists[0]).Expected, false); err != nil {
		t.Fatal(err)
	}
	sh, err := f.svc.PackOrders(f.ctx, app.PackInput{OrderIDs: []int64{o.ID}})
	if err != nil {
		t.Fatal(err)
	}
	return sh
}

// shipped sends an order on its way.
func (f *fulfilFixture) shipped(t *testing.T, o *app.Order) *app.Shipment {
	t.Helper()
	sh, err := f.svc.ShipShipment(f.ctx, f.packed(t, o).ID, app.ShipInput{Carrier: "SF Express", TrackingNumber: "SF1000"})
	if err != nil {
		t.Fatal(err)
	}
	return sh
}

// openFulfilment shows the Fulfilment section in a window, with its work
// run inline.
func openFulfilment(t *testing.T, f *fulfilFixture) (*FulfilmentScreen, fyne.Window) {
	t.Helper()
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	s := NewFulfilmentScreen(f.ctx, f.svc, w)
	s.background = func(fn func()) { fn() }
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(1300, 860))
	if err := s.Update(f.ctx); err != nil {
		t.Fatal(err)
	}
	return s, w
}

// showRow opens a queue's row of an order (or its shipment) on the right.
func showRow(t *testing.T, s *FulfilmentScreen, st app.Stage, orderID int64) {
	t.Helper()
	s.ShowStage(st)
	q := s.queue(st)
	i, ok := q.pages.Find(func(r app.StageRow) bool { return r.OrderID == orderID })
	if !ok {
		t.Fatalf("order %d is not in the %s queue", orderID, st)
	}
	q.list.Select(i)
	if s.detail.view == nil || s.detail.view.row.OrderID != orderID {
		t.Fatalf("the detail does not show order %d", orderID)
	}
}

// entryLike is the entry under o with the placeholder.
func entryLike(t *testing.T, o fyne.CanvasObject, placeholder string) *widget.Entry {
	t.Helper()
	for _, obj := range test.LaidOutObjects(o) {
		if e, ok := obj.(*widget.Entry); ok && e.PlaceHolder == placeholder {
			return e
		}
	}
	t.Fatalf("no entry %q", placeholder)
	return nil
}

// written lists the PDFs in the test's documents folder.
func written(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(documentsDir(), "*.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestFulfilmentQueueRows(t *testing.T) {
	f := fulfilShop(t)
	s, w := openFulfilment(t, f)
	if got := s.queue(app.StageAllocate).tab.Text; got != "To allocate (3)" {
		t.Fatalf("the allocate tab says %q", got)
	}
	shown := texts(w.Content())
	for _, want := range []string{f.first.Number, "张伟", "杭州市", "3 units", f.urgent.Number, "Allocate all", "Order " + f.urgent.Number} {
		if !strings.Contains(shown, want) {
			t.Errorf("the queue lacks %q:\n%s", want, shown)
		}
	}
	// The urgent order comes first, in red; the order placed before
	// yesterday's cut-off is flagged late, the one placed after it not.
	q := s.queue(app.StageAllocate)
	flags := func(i int) (number, urgent, late *widget.Label) {
		row := s.createRow()
		s.updateRow(q, i, row)
		lines := row.(*fyne.Container).Objects[0].(*fyne.Container)
		top, lead := lines.Objects[0].(*fyne.Container), lines.Objects[1].(*fyne.Container).Objects[1].(*fyne.Container)
		return top.Objects[1].(*widget.Label), lead.Objects[2].(*widget.Label), lead.Objects[3].(*widget.Label)
	}
	number, urgent, late := flags(0)
	if number.Text != f.urgent.Number || number.Importance != widget.DangerImportance || urgent.Hidden || !late.Hidden {
		t.Errorf("row 0: %q importance %v, urgent shown %v, late shown %v", number.Text, number.Importance, !urgent.Hidden, !late.Hidden)
	}
	number, urgent, late = flags(1)
	if number.Text != f.first.Number || !urgent.Hidden || late.Hidden {
		t.Errorf("row 1: %q, urgent shown %v, late shown %v", number.Text, !urgent.Hidden, !late.Hidden)
	}
}

func TestFulfilmentAllocateAll(t *testing.T) {
	f := fulfilShop(t)
	s, w := openFulfilment(t, f)
	tapIn(t, w.Content(), "Allocate all")

	for _, o := range []*app.Order{f.first, f.urgent} {
		if got := f.order(t, o).Status; got != app.StatusAllocated {
			t.Errorf("order %s is %s after Allocate all", o.Number, got)
		}
	}
	if got := f.order(t, f.short).Status; got != app.StatusConfirmed {
		t.Errorf("the short order is %s", got)
	}
	// The short order is listed with its decision to make.
	result := dialogOnTop(t, w)
	shown := texts(result)
	for _, want := range []string{"Allocated: 2", "short, each needs a decision: 1", f.short.Number, "POT-003 needs 1, 0 available", "Decide…"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the result lacks %q:\n%s", want, shown)
		}
	}
	if got := s.queue(app.StageAllocate).tab.Text; got != "To allocate (1)" {
		t.Errorf("the allocate tab says %q", got)
	}
	if got := s.queue(app.StagePick).tab.Text; got != "To pick (2)" {
		t.Errorf("the pick tab says %q", got)
	}
	// Deciding from the result opens the out-of-stock dialog.
	tapIn(t, result, "Decide…")
	if shown := texts(dialogOnTop(t, w)); !strings.Contains(shown, "Stock cannot cover these lines of order "+f.short.Number) {
		t.Errorf("Decide… opened:\n%s", shown)
	}
}

func TestFulfilmentPrintPickListsStartsPicking(t *testing.T) {
	f := fulfilShop(t)
	for _, o := range []*app.Order{f.first, f.urgent} {
		if _, err := f.svc.Allocate(f.ctx, o.ID); err != nil {
			t.Fatal(err)
		}
	}
	s, w := openFulfilment(t, f)
	notice := listenNotices(t, w)
	s.ShowStage(app.StagePick)
	tapIn(t, w.Content(), "Print pick lists…")
	ask := dialogOnTop(t, w)
	if shown := texts(ask); !strings.Contains(shown, "Pick lists for every order of the queue (2)") {
		t.Fatalf("the print dialog says:\n%s", shown)
	}
	tapIn(t, ask, "Open to print")

	files := written(t)
	if len(files) != 1 || !strings.HasPrefix(filepath.Base(files[0]), "pick-lists-20260514-") {
		t.Fatalf("written: %v", files)
	}
	for _, o := range []*app.Order{f.first, f.urgent} {
		if got := f.order(t, o).Status; got != app.StatusPicking {
			t.Errorf("order %s is %s after its pick list was printed", o.Number, got)
		}
	}
	if got := s.queue(app.StageVerify).tab.Text; got != "To check (2)" {
		t.Errorf("the check tab says %q", got)
	}
	if said := notice.text.Text; !strings.Contains(said, "is open in the PDF viewer") || !strings.Contains(said, "2 orders moved to picking") {
		t.Errorf("the window says %q", said)
	}
	if !s.job.box.Hidden {
		t.Errorf("the job bar stays after its job: %q", s.job.note.Text)
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	out, err := exec.Command(pdftotext, files[0], "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{f.first.Number, f.urgent.Number, "TEA-001", "CUP-002", "A-1-1"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the pick lists lack %q:\n%s", want, out)
		}
	}
}

func TestFulfilmentParseDecimal(t *testing.T) {
	for _, c := range []struct {
		in     string
		places int
		want   int64
		bad    bool
	}{{"1.5", 3, 1500, false}, {"1,25", 3, 1250, false}, {"", 3, 0, false}, {"0.125", 3, 125, false}, {".5", 1, 5, false},
		{"30", 1, 300, false}, {"1.2345", 3, 0, true}, {"-1", 3, 0, true}, {"abc", 3, 0, true}, {"1.2.3", 3, 0, true}} {
		got, err := parseDecimal(c.in, c.places)
		if (err != nil) != c.bad || got != c.want {
			t.Errorf("parseDecimal(%q, %d) = %d, %v", c.in, c.places, got, err)
		}
	}
	if kilograms(1500) != "1.5" || kilograms(2000) != "2" || kilograms(125) != "0.125" {
		t.Errorf("kilograms: %s %s %s", kilograms(1500), kilograms(2000), kilograms(125))
	}
}

// startedShell is the main window's shell on the fixture's shop, started
// (menus, shortcuts) and laid out, its work done inline.
func startedShell(t *testing.T, f *fulfilFixture) (*Shell, fyne.Window) {
	t.Helper()
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	s := NewShell(f.ctx, f.svc, w, NewSettings(fyne.CurrentApp().Preferences()), "/shops/corner-tea.db")
	s.background = func(fn func()) { fn() }
	w.SetContent(s.Content())
	s.Start()
	w.Resize(fyne.NewSize(1400, 860))
	return s, w
}

// TestFulfilmentOpenOrderInTheShell opens a queue's order in the Orders
// section, the list narrowed to it and its detail beside.
func TestFulfilmentOpenOrderInTheShell(t *testing.T) {
	f := fulfilShop(t)
	s, _ := startedShell(t, f)
	s.nav.Select(3)
	if s.sections[3].title != "Fulfilment" || s.fulfilment.queue(app.StageAllocate).tab.Text != "To allocate (3)" {
		t.Fatalf("section 3 is %q, its first tab %q", s.sections[3].title, s.fulfilment.queue(app.StageAllocate).tab.Text)
	}
	shown := s.fulfilment.detail.view.order
	tapIn(t, s.fulfilment.Content(), "Open order")
	if s.current != 1 || s.orders.search.Text != shown.Number {
		t.Fatalf("Open order shows section %d searching %q", s.current, s.orders.search.Text)
	}
	if d := s.details[1]; d.order == nil || d.order.ID != shown.ID {
		t.Fatalf("the Orders section's detail does not show order %s", shown.Number)
	}
}

// TestFulfilmentCompletesShippedOrders finds an order shipped longer ago
// than the shop's auto-complete days and completes it on opening.
func TestFulfilmentCompletesShippedOrders(t *testing.T) {
	f := fulfilShop(t)
	f.shipped(t, f.first)
	f.clock = f.clock.AddDate(0, 0, app.DefaultPolicy().AutoCompleteDays+1)
	openFulfilment(t, f)
	if got := f.order(t, f.first).Status; got != app.StatusCompleted {
		t.Fatalf("an order shipped %d days ago is %s", app.DefaultPolicy().AutoCompleteDays+1, got)
	}
}

// TestOrderDetailAllocateShortAsksWhatToDo: allocating a short order
// from its detail opens the out-of-stock dialog rather than an error.
func TestOrderDetailAllocateShortAsksWhatToDo(t *testing.T) {
	f := fulfilShop(t)
	w := test.NewWindow(nil)
	defer w.Close()
	s := NewShell(f.ctx, f.svc, w, NewSettings(fyne.CurrentApp().Preferences()), "/shops/corner-tea.db")
	s.background = func(fn func()) { fn() }
	s.fulfilment.background = s.background
	w.SetContent(s.Content())
	s.Start()
	w.Resize(fyne.NewSize(1400, 860))
	d := s.details[1]
	if err := d.Load(f.ctx, f.short.ID); err != nil {
		t.Fatal(err)
	}
	tapIn(t, d.Content(), "Allocate stock")
	overlay := w.Canvas().Overlays().Top()
	if overlay == nil {
		t.Fatal("no dialog after allocating a short order")
	}
	choices := false
	for _, o := range test.LaidOutObjects(overlay) {
		if r, ok := o.(*widget.RadioGroup); ok && len(r.Options) == len(app.ShortageKinds()) {
			choices = true
		}
	}
	if !choices {
		t.Fatalf("the dialog offers no choice of what to do:\n%s", texts(overlay))
	}
	if got := f.order(t, f.short).Status; got != app.StatusConfirmed {
		t.Fatalf("the short order is %s, want it left confirmed", got)
	}
}
