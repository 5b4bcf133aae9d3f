package screens

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// The After-sales section through the GUI, on the fulfilment shop: 张伟's
// order (two teas at 128.00 and the last cup at 88.00, paid by Alipay)
// delivered and signed for, a day later.

// afterSalesShop delivers 张伟's order and adds a returns shelf to the
// warehouse.
func afterSalesShop(t *testing.T) (*fulfilFixture, *app.Order, *app.Bin) {
	t.Helper()
	f := fulfilShop(t)
	sh := f.shipped(t, f.first)
	if _, err := f.svc.SignOffShipment(f.ctx, sh.ID, app.SignOff{Signer: "张伟"}); err != nil {
		t.Fatal(err)
	}
	houses, err := f.svc.Warehouses(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	returns := &app.Bin{WarehouseID: houses[0].ID, Code: "R-1-1"}
	if err := f.svc.AddBin(f.ctx, returns); err != nil {
		t.Fatal(err)
	}
	f.clock = f.clock.Add(24 * time.Hour)
	return f, f.order(t, f.first), returns
}

// openAfterSales shows the section in a window, its work run inline.
func openAfterSales(t *testing.T, f *fulfilFixture) (*AfterSalesScreen, fyne.Window) {
	t.Helper()
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	s := NewAfterSalesScreen(f.ctx, f.svc, w)
	s.background, s.typingPause = func(fn func()) { fn() }, 0
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(1300, 860))
	if err := s.Update(f.ctx); err != nil {
		t.Fatal(err)
	}
	return s, w
}

// selectsLike lists the selects under o showing the placeholder.
func selectsLike(o fyne.CanvasObject, placeholder string) []*widget.Select {
	var out []*widget.Select
	for _, obj := range test.LaidOutObjects(o) {
		if s, ok := obj.(*widget.Select); ok && s.PlaceHolder == placeholder {
			out = append(out, s)
		}
	}
	return out
}

func selectLike(t *testing.T, o fyne.CanvasObject, placeholder string) *widget.Select {
	t.Helper()
	list := selectsLike(o, placeholder)
	if len(list) == 0 {
		t.Fatalf("no select %q in:\n%s", placeholder, texts(o))
	}
	return list[0]
}

// entriesLike lists the entries under o with the placeholder.
func entriesLike(o fyne.CanvasObject, placeholder string) []*widget.Entry {
	var out []*widget.Entry
	for _, e := range entries(o) {
		if e.PlaceHolder == placeholder {
			out = append(out, e)
		}
	}
	return out
}

// problemAfter is the first refusal shown under o after the label that
// holds marker: the problem under that line's field.
func problemAfter(o fyne.CanvasObject, marker string) string {
	return problemPast(o, func(obj fyne.CanvasObject) bool {
		l, ok := obj.(*widget.Label)
		return ok && strings.Contains(l.Text, marker)
	})
}

// problemPast is the first refusal shown under o after the object that
// is.
func problemPast(o fyne.CanvasObject, is func(fyne.CanvasObject) bool) string {
	seen := false
	for _, obj := range test.LaidOutObjects(o) {
		if is(obj) {
			seen = true
			continue
		}
		if l, ok := obj.(*widget.Label); ok && seen && l.Importance == widget.DangerImportance && l.Visible() && l.Text != "" {
			return l.Text
		}
	}
	return ""
}

func checkIn(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	for _, obj := range test.LaidOutObjects(o) {
		if c, ok := obj.(*widget.Check); ok && c.Text == text {
			c.SetChecked(true)
			return
		}
	}
	t.Fatalf("no %q box", text)
}

// askCase fills the New case dialog for the order: units per SKU, kind
// and reason.
func askCase(t *testing.T, w fyne.Window, number string, units map[string]string, kind, reason string) fyne.CanvasObject {
	t.Helper()
	ask := dialogOnTop(t, w)
	if number != "" {
		e := entryLike(t, ask, "Order number, then Enter")
		test.Type(e, number)
		pressEnter(e)
	}
	qty := entriesLike(ask, "0")
	skus := []string{"TEA-001", "CUP-002"}
	for i, e := range qty {
		if n, ok := units[skus[i]]; ok {
			test.Type(e, n)
		}
	}
	selectLike(t, ask, "Choose what the customer asks for").SetSelected(kind)
	selectLike(t, ask, "Choose why").SetSelected(reason)
	return ask
}

func (f *fulfilFixture) cases(t *testing.T, orderID int64) []app.Case {
	t.Helper()
	list, _, err := f.svc.Cases(f.ctx, app.CaseFilter{OrderID: orderID})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func onHand(t *testing.T, f *fulfilFixture, productID, binID int64) int64 {
	t.Helper()
	levels, err := f.svc.StockLevels(f.ctx, productID)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range levels {
		if l.BinID == binID {
			return l.OnHand
		}
	}
	return 0
}

// TestAfterSalesReturnInspectRefund walks a return from the request to
// the refund: 2 teas and the cup, approved, the teas restocked on the
// returns shelf and the cracked cup scrapped, 344.00 paid back by Alipay.
func TestAfterSalesReturnInspectRefund(t *testing.T) {
	f, o, returns := afterSalesShop(t)
	tea, cup := o.Lines[0], o.Lines[1]
	cupShelf := onHand(t, f, cup.ProductID, returnsShelfNot(t, f, returns))
	s, w := openAfterSales(t, f)
	tapIn(t, w.Content(), "New case…")
	ask := askCase(t, w, o.Number, map[string]string{"TEA-001": "2", "CUP-002": "1"}, "Return and refund", "Quality problem")
	if shown := texts(ask); !strings.Contains(shown, "1. TEA-001 龙井茶 250g\nshipped 2 · returned 0 · up to 2") {
		t.Fatalf("the dialog lists:\n%s", shown)
	}
	test.Type(entryLike(t, ask, "What the customer says (needed for Other)"), "cup cracked, tea smells off")
	checkIn(t, ask, "Tags and packaging intact, as the customer says")
	tapIn(t, ask, "Create case")

	list := f.cases(t, o.ID)
	if len(list) != 1 {
		t.Fatalf("%d cases opened", len(list))
	}
	c := list[0]
	if c.Status != app.CaseRequested || c.Kind != app.CaseReturnRefund || len(c.Lines) != 2 || c.Lines[0].Qty != 2 ||
		c.Lines[1].Qty != 1 || !c.WithinWindow || !c.ShopPaysShipping || !c.PackagingIntact {
		t.Fatalf("case %+v", c)
	}
	if s.casesTab.Text != "Cases (1 open)" {
		t.Errorf("the tab says %q", s.casesTab.Text)
	}
	shown := texts(w.Content())
	for _, want := range []string{"Case " + c.Number, "Eligible, the shop's fault: within the return window", "the shop pays the postage both ways",
		"1 case", o.Number + " · 张伟", "Return and refund · Quality problem · 3 units", "Approve…", "Reject…"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the section lacks %q:\n%s", want, shown)
		}
	}

	tapIn(t, w.Content(), "Approve…")
	tapIn(t, dialogOnTop(t, w), "Approve")
	if got, _ := f.svc.Case(f.ctx, c.ID); got.Status != app.CaseApproved {
		t.Fatalf("after Approve the case is %s", got.Status)
	}

	tapIn(t, w.Content(), "Receive goods…")
	recv := dialogOnTop(t, w)
	goes, bins := selectsLike(recv, "Choose"), selectsLike(recv, "Choose the bin")
	if len(goes) != 2 || len(bins) != 2 || goes[0].Selected != "" {
		t.Fatalf("the inspection offers %d dispositions (%q first), %d bins", len(goes), goes[0].Selected, len(bins))
	}
	goes[0].SetSelected("Restock")
	bins[0].SetSelected("SH · R-1-1")
	goes[1].SetSelected("Scrap")
	test.Type(entriesLike(recv, "as new, dented, broken…")[1], "cracked")
	tapIn(t, recv, "Receive")
	got, err := f.svc.Case(f.ctx, c.ID)
	if err != nil || got.Status != app.CaseReceived || got.RefundAmount != 2*12800+8800 {
		t.Fatalf("after the inspection the case is %+v (%v)", got, err)
	}
	if back := f.order(t, o); back.Lines[0].QtyReturned != 2 || back.Lines[1].QtyReturned != 1 {
		t.Fatalf("returned %d and %d", back.Lines[0].QtyReturned, back.Lines[1].QtyReturned)
	}
	if n := onHand(t, f, tea.ProductID, returns.ID); n != 2 {
		t.Fatalf("%d teas on the returns shelf, want 2", n)
	}
	if n := onHand(t, f, cup.ProductID, returnsShelfNot(t, f, returns)); n != cupShelf {
		t.Fatalf("the scrapped cup came back on the shelf: %d, was %d", n, cupShelf)
	}
	if shown := texts(w.Content()); !strings.Contains(shown, "2 received · restocked into SH · R-1-1") ||
		!strings.Contains(shown, "1 received · cracked · scrapped") {
		t.Errorf("the detail does not show the inspection:\n%s", shown)
	}

	tapIn(t, w.Content(), "Refund…")
	refund := dialogOnTop(t, w)
	if amount := entryIn(t, refund); amount.Text != "344.00" {
		t.Errorf("the refund starts at %q, want what is owed", amount.Text)
	}
	if method := selectsLike(refund, "(Select one)")[0]; method.Selected != "Alipay" {
		t.Errorf("the refund goes by %q, want the order's Alipay", method.Selected)
	}
	tapIn(t, refund, "Refund")
	got, _ = f.svc.Case(f.ctx, c.ID)
	back := f.order(t, o)
	if got.Status != app.CaseClosed || got.Refunded != 34400 || back.AmountRefunded != 34400 {
		t.Fatalf("after the refund: case %s refunded %d, order refunded %d", got.Status, got.Refunded, back.AmountRefunded)
	}
	pays, _ := f.svc.Payments(f.ctx, o.ID)
	if last := pays[len(pays)-1]; last.Amount != -34400 || last.Method != app.PayAlipay {
		t.Fatalf("the refund was booked as %+v", last)
	}
	// The case's history says each step in words, with who took it.
	shown = texts(w.Content())
	for _, want := range []string{"Case " + c.Number + " opened", "Case " + c.Number + ": Approved",
		"Case " + c.Number + ": Goods received", "Case " + c.Number + ": Closed"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the case's history lacks %q:\n%s", want, shown)
		}
	}
	// The closed case shows under All (the new case was shown so), and
	// leaves the open ones.
	if s.casesTab.Text != "Cases (0 open)" || s.cases.status.Selected != "All" || s.cases.pages.Len() != 1 {
		t.Errorf("tab %q, %q shows %d rows", s.casesTab.Text, s.cases.status.Selected, s.cases.pages.Len())
	}
	s.cases.status.SetSelected("Open")
	if s.cases.pages.Len() != 0 || !strings.Contains(texts(w.Content()), "0 cases") || s.caseDetail.view != nil {
		t.Errorf("Open shows %d cases, the detail %v", s.cases.pages.Len(), s.caseDetail.title.Text)
	}
}

// returnsShelfNot is the shop's other bin, where the cup was.
func returnsShelfNot(t *testing.T, f *fulfilFixture, returns *app.Bin) int64 {
	t.Helper()
	bins, err := f.svc.Bins(f.ctx, returns.WarehouseID)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bins {
		if b.ID != returns.ID {
			return b.ID
		}
	}
	t.Fatal("no other bin")
	return 0
}

// TestAfterSalesOverReturnRefused asks three teas back of two shipped:
// the refusal shows under the tea's line, the typed request stays, and
// nothing is saved.
func TestAfterSalesOverReturnRefused(t *testing.T) {
	f, o, _ := afterSalesShop(t)
	_, w := openAfterSales(t, f)
	tapIn(t, w.Content(), "New case…")
	ask := askCase(t, w, o.Number, map[string]string{"TEA-001": "3"}, "Return and refund", "Changed their mind")
	tapIn(t, ask, "Create case")
	if dialogOnTop(t, w) != ask {
		t.Fatal("the refused request closed the dialog")
	}
	if got := problemAfter(ask, "TEA-001 龙井茶"); !strings.Contains(got, "between 1 and 2 (2 shipped, 0 returned") {
		t.Fatalf("under the tea's line: %q\n%s", got, texts(ask))
	}
	if got := problemAfter(ask, "CUP-002 白瓷杯"); got != "" {
		t.Errorf("under the cup's line: %q", got)
	}
	if qty := entriesLike(ask, "0")[0]; qty.Text != "3" {
		t.Errorf("the typed units became %q", qty.Text)
	}
	if n := len(f.cases(t, o.ID)); n != 0 {
		t.Fatalf("%d cases saved", n)
	}
	// A number that is not one is refused before asking the service.
	entriesLike(ask, "0")[0].SetText("two")
	tapIn(t, ask, "Create case")
	if got := problemAfter(ask, "TEA-001 龙井茶"); got != "Enter a whole number of units" {
		t.Errorf("for %q the line says %q", "two", got)
	}
}

// TestAfterSalesExchangeSendsLinkedOrder exchanges one tea for another:
// once it is back, a linked order sends the new one through fulfilment at
// no charge; the RMA letter was printed on the way.
func TestAfterSalesExchangeSendsLinkedOrder(t *testing.T) {
	f, o, _ := afterSalesShop(t)
	s, w := openAfterSales(t, f)
	var opened int64
	s.openOrder = func(id int64, _ string) { opened = id }
	tapIn(t, w.Content(), "New case…")
	ask := askCase(t, w, o.Number, map[string]string{"TEA-001": "1"}, "Exchange", "Size or colour does not suit")
	test.Type(entryLike(t, ask, "SKU or barcode"), "TEA-001")
	checkIn(t, ask, "Tags and packaging intact, as the customer says")
	tapIn(t, ask, "Create case")
	c := f.cases(t, o.ID)[0]
	if c.Kind != app.CaseExchange || len(c.Exchange) != 1 || c.Exchange[0].SKU != "TEA-001" || c.ShopPaysShipping {
		t.Fatalf("case %+v", c)
	}
	tapIn(t, w.Content(), "Approve…")
	tapIn(t, dialogOnTop(t, w), "Approve")

	tapIn(t, w.Content(), "RMA letter…")
	tapIn(t, dialogOnTop(t, w), "Open to print")
	files := written(t)
	if len(files) != 1 || filepath.Base(files[0]) != "rma-"+c.Number+".pdf" {
		t.Fatalf("written: %v", files)
	}

	// Not the shop's fault: the tea goes back on its usual shelf unless
	// told otherwise.
	tapIn(t, w.Content(), "Receive goods…")
	recv := dialogOnTop(t, w)
	if goes := selectsLike(recv, "Choose"); goes[0].Selected != "Restock" {
		t.Fatalf("the tea goes to %q", goes[0].Selected)
	}
	tapIn(t, recv, "Receive")
	got, err := f.svc.Case(f.ctx, c.ID)
	if err != nil || got.LinkedOrderID == 0 {
		t.Fatalf("no linked order: %+v (%v)", got, err)
	}
	out, err := f.svc.Order(f.ctx, got.LinkedOrderID)
	if err != nil || out.Status != app.StatusAllocated || out.Payable != 0 || out.Lines[0].SKU != "TEA-001" || out.CustomerName != "张伟" {
		t.Fatalf("the exchange order %+v (%v)", out, err)
	}
	if got.Status != app.CaseClosed {
		t.Errorf("an even exchange is %s once the goods are in", got.Status)
	}
	if shown := texts(w.Content()); !strings.Contains(shown, "Goods go out as order "+out.Number+" (Allocated)") {
		t.Errorf("the detail does not name the linked order:\n%s", shown)
	}
	tapIn(t, w.Content(), "Open linked order")
	if opened != out.ID {
		t.Fatalf("opened order %d, want %d", opened, out.ID)
	}

	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	text, err := exec.Command(pdftotext, files[0], "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{c.Number, o.Number, "沪青平公路 88 号", "TEA-001"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the RMA letter lacks %q:\n%s", want, text)
		}
	}
}
