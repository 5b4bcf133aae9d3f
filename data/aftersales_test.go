package data_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"orderdesk/app"
)

// delivered takes a new paid order of the lines through fulfilment to
// the customer's signature.
func (f *shopFixture) delivered(lines ...app.LineInput) *app.Order {
	f.t.Helper()
	o := f.confirmed(f.input(lines...))
	_, err := f.svc.RecordPayment(f.ctx, o.ID, app.PaymentInput{Method: app.PayAlipay, Amount: o.Payable, TransactionID: "ALI-" + o.Number})
	f.must(err)
	return f.signedFor(f.order(o.ID))
}

// TestReturnAndRefund: a return within the window is approved, the goods
// come back (one restocked, one scrapped), the refund follows the
// inspection by the original method and closes the case; the limits are
// refused with nothing changed.
func TestReturnAndRefund(t *testing.T) {
	f := fulfilShop(t)
	tea, cup := f.products[0], f.products[1]
	o := f.delivered(app.LineInput{SKU: "TEA-001", Qty: 2}, app.LineInput{SKU: "CUP-002", Qty: 1})
	teaLine, cupLine := o.Lines[0].ID, o.Lines[1].ID
	unitsLeft := func(want map[int64]int64) {
		t.Helper()
		left, err := f.svc.UnitsLeftForCases(f.ctx, o.ID)
		if err != nil || len(left) != len(want) || left[teaLine] != want[teaLine] || left[cupLine] != want[cupLine] {
			t.Fatalf("units left for a new case %v (%v), want %v", left, err, want)
		}
	}
	unitsLeft(map[int64]int64{teaLine: 2, cupLine: 1})

	before := countRows(t, rawDB(t, f.store.Path()))
	if _, err := f.svc.OpenCase(f.ctx, app.CaseInput{OrderID: o.ID, Kind: app.CaseReturnRefund, Reason: app.ReasonChangedMind,
		Lines: []app.CaseLineInput{{LineID: teaLine, Qty: 3}}}); err == nil {
		t.Fatal("3 TEA returned of 2 shipped")
	}
	if after := countRows(t, rawDB(t, f.store.Path())); after != before {
		t.Fatalf("a refused return changed the database: %+v, was %+v", after, before)
	}

	f.clock = f.clock.Add(48 * time.Hour)
	c, err := f.svc.OpenCase(f.ctx, app.CaseInput{OrderID: o.ID, Kind: app.CaseReturnRefund, Reason: app.ReasonQuality,
		Details: "cup cracked, tea smells off", PackagingIntact: true,
		Lines: []app.CaseLineInput{{LineID: teaLine, Qty: 2}, {LineID: cupLine, Qty: 1}}})
	f.must(err)
	if !strings.HasPrefix(c.Number, "202605-R") || c.Status != app.CaseRequested || !c.WithinWindow || !c.ShopPaysShipping || !c.Eligible() {
		t.Fatalf("case %+v", c)
	}
	// The same units cannot be asked for twice while the case is open.
	unitsLeft(map[int64]int64{teaLine: 0, cupLine: 0})
	if _, err := f.svc.OpenCase(f.ctx, app.CaseInput{OrderID: o.ID, Kind: app.CaseReturnRefund, Reason: app.ReasonChangedMind,
		Lines: []app.CaseLineInput{{LineID: cupLine, Qty: 1}}}); err == nil {
		t.Fatal("the cup was asked back in two open cases")
	}
	// An order whose goods are out (and coming back) is no longer
	// cancelled: the case settles it.
	before = countRows(t, rawDB(t, f.store.Path()))
	if _, err := f.svc.Cancel(f.ctx, o.ID, "customer wants to cancel"); err == nil {
		t.Fatal("an order with a return open was cancelled")
	}
	if after := countRows(t, rawDB(t, f.store.Path())); after != before {
		t.Fatalf("a refused cancel changed the database: %+v, was %+v", after, before)
	}
	tasks, _ := f.svc.Tasks(f.ctx, app.TaskFilter{OpenOnly: true, SubjectKind: app.SubjectCase, SubjectID: c.ID})
	if len(tasks) != 1 || tasks[0].Kind != app.TaskCaseDecide {
		t.Fatalf("case tasks %+v, want a decision", tasks)
	}
	if _, err := f.svc.ReceiveReturn(f.ctx, c.ID, app.Inspection{}); err == nil {
		t.Fatal("goods were received for a case not yet approved")
	}
	c, err = f.svc.ApproveCase(f.ctx, c.ID, "quality problem: we pay the postage")
	f.must(err)

	teaBefore := f.level(tea.ID, f.bins[0].ID)
	cupBefore := f.level(cup.ID, f.bins[1].ID)
	bad := app.Inspection{Lines: []app.InspectedLine{{LineID: teaLine, QtyReceived: 2, Condition: "sealed", Disposition: app.DispositionRestock}}}
	if _, err := f.svc.ReceiveReturn(f.ctx, c.ID, bad); err == nil {
		t.Fatal("a restock without a bin was accepted")
	}
	c, err = f.svc.ReceiveReturn(f.ctx, c.ID, app.Inspection{PackagingIntact: true, Lines: []app.InspectedLine{
		{LineID: teaLine, QtyReceived: 2, Condition: "sealed", Disposition: app.DispositionRestock, BinID: f.bins[0].ID},
		{LineID: cupLine, QtyReceived: 1, Condition: "cracked", Disposition: app.DispositionScrap}}})
	f.must(err)
	if c.Status != app.CaseReceived || c.RefundAmount != 2*12800+8800 {
		t.Fatalf("after inspection the case is %s owing %d, want received owing 34400", c.Status, c.RefundAmount)
	}
	if l := f.level(tea.ID, f.bins[0].ID); l.OnHand != teaBefore.OnHand+2 {
		t.Fatalf("TEA on hand %d, want %d + 2 restocked", l.OnHand, teaBefore.OnHand)
	}
	if l := f.level(cup.ID, f.bins[1].ID); l.OnHand != cupBefore.OnHand {
		t.Fatalf("a scrapped cup came back on the shelf: %d, was %d", l.OnHand, cupBefore.OnHand)
	}
	moves, _ := f.svc.StockMoves(f.ctx, app.MoveFilter{OrderID: o.ID})
	kinds := map[app.MoveKind]bool{}
	for _, m := range moves {
		kinds[m.Kind] = true
	}
	if !kinds[app.MoveReturnRestock] || !kinds[app.MoveReturnScrap] {
		t.Fatalf("ledger kinds %v, want a restock and a scrap row", kinds)
	}
	if got := f.order(o.ID); got.Lines[0].QtyReturned != 2 || got.Lines[1].QtyReturned != 1 {
		t.Fatalf("returned %+v", got.Lines)
	}

	if _, err := f.svc.RefundCase(f.ctx, c.ID, app.RefundInput{Amount: c.RefundAmount + 1}); err == nil {
		t.Fatal("more than the case owes was refunded")
	}
	c, err = f.svc.RefundCase(f.ctx, c.ID, app.RefundInput{Amount: 20000})
	f.must(err)
	if c.Status != app.CaseReceived {
		t.Fatalf("after part of the refund the case is %s", c.Status)
	}
	c, err = f.svc.RefundCase(f.ctx, c.ID, app.RefundInput{Amount: c.RefundAmount - c.Refunded})
	f.must(err)
	if c.Status != app.CaseClosed {
		t.Fatalf("after the whole refund the case is %s", c.Status)
	}
	pays, _ := f.svc.Payments(f.ctx, o.ID)
	for _, p := range pays {
		if p.Amount < 0 && (p.Method != app.PayAlipay || !strings.Contains(p.Note, c.Number)) {
			t.Fatalf("refund %+v: want by Alipay naming the case", p)
		}
	}
	if got := f.order(o.ID); got.AmountRefunded != 34400 || got.PaymentStatus != app.PaymentPartlyRefunded {
		t.Fatalf("order refunded %d (%s)", got.AmountRefunded, got.PaymentStatus)
	}
	if _, err := f.svc.OpenCase(f.ctx, app.CaseInput{OrderID: o.ID, Kind: app.CaseReturnRefund, Reason: app.ReasonQuality,
		Lines: []app.CaseLineInput{{LineID: teaLine, Qty: 1}}}); err == nil {
		t.Fatal("goods already returned were asked back again")
	}
	f.check()
}

// TestReturnWindowAndRejection: a change of mind after the window is not
// eligible and can be rejected with the reason; a return before shipping
// is refused.
func TestReturnWindowAndRejection(t *testing.T) {
	f := fulfilShop(t)
	o := f.delivered(app.LineInput{SKU: "TEA-001", Qty: 1})
	f.clock = f.clock.AddDate(0, 0, 10)
	c, err := f.svc.OpenCase(f.ctx, app.CaseInput{OrderID: o.ID, Kind: app.CaseReturnRefund, Reason: app.ReasonChangedMind,
		PackagingIntact: true, Lines: []app.CaseLineInput{{LineID: o.Lines[0].ID, Qty: 1}}})
	f.must(err)
	if c.WithinWindow || c.Eligible() || c.ShopPaysShipping {
		t.Fatalf("a change of mind after 10 days: %+v", c)
	}
	if _, err := f.svc.RejectCase(f.ctx, c.ID, ""); err == nil {
		t.Fatal("rejected without a reason")
	}
	c, err = f.svc.RejectCase(f.ctx, c.ID, "past the 7-day return window")
	f.must(err)
	if c.Status != app.CaseRejected {
		t.Fatalf("case is %s", c.Status)
	}
	fresh := f.confirmed(f.input(app.LineInput{SKU: "TEA-001", Qty: 1}))
	_, err = f.svc.OpenCase(f.ctx, app.CaseInput{OrderID: fresh.ID, Kind: app.CaseReturnRefund, Reason: app.ReasonChangedMind,
		Lines: []app.CaseLineInput{{LineID: fresh.Lines[0].ID, Qty: 1}}})
	var te *app.TransitionError
	if !errors.As(err, &te) {
		t.Fatalf("a return before shipping: %v, want a transition error", err)
	}
	f.check()
}

// TestChangeBeforeShipping: an allocated order is changed and allocated
// again at once; once picking started the change is refused with the
// reason and nothing changes.
func TestChangeBeforeShipping(t *testing.T) {
	f := fulfilShop(t)
	o := f.confirmed(f.input(app.LineInput{SKU: "TEA-001", Qty: 2}))
	o, err := f.svc.Allocate(f.ctx, o.ID)
	f.must(err)
	in := f.input(app.LineInput{SKU: "CUP-002", Qty: 1})
	in.Address.Street = "延安路 8 号"
	o, err = f.svc.UpdateOrder(f.ctx, o.ID, o.Version, in)
	f.must(err)
	o = f.order(o.ID)
	if o.Status != app.StatusAllocated || o.Lines[0].SKU != "CUP-002" || o.Address.Street != "延安路 8 号" {
		t.Fatalf("changed order %s %+v %s", o.Status, o.Lines, o.Address.Street)
	}
	if l := f.level(f.products[0].ID, f.bins[0].ID); l.Reserved != 0 {
		t.Fatalf("TEA still reserved after the change: %+v", l)
	}
	if l := f.level(f.products[1].ID, f.bins[1].ID); l.Reserved != 1 {
		t.Fatalf("CUP not reserved after the change: %+v", l)
	}
	_, err = f.svc.StartPicking(f.ctx, o.ID)
	f.must(err)
	o = f.order(o.ID)
	before := countRows(t, rawDB(t, f.store.Path()))
	_, err = f.svc.UpdateOrder(f.ctx, o.ID, o.Version, f.input(app.LineInput{SKU: "POT-003", Qty: 1}))
	var te *app.TransitionError
	if !errors.As(err, &te) || !strings.Contains(te.Reason, "picking") {
		t.Fatalf("a change after picking started: %v, want refused because of picking", err)
	}
	if after := countRows(t, rawDB(t, f.store.Path())); after != before {
		t.Fatalf("a refused change changed the database: %+v, was %+v", after, before)
	}
	f.check()
}

// TestExchangeAndResend: an exchange sends the new goods out as a linked
// order once the old ones are in, paid by them, with the rest refunded; a
// re-send goes out at once at no charge.
func TestExchangeAndResend(t *testing.T) {
	f := fulfilShop(t)
	o := f.delivered(app.LineInput{SKU: "TEA-001", Qty: 2}) // 2 × 128.00 paid
	c, err := f.svc.OpenCase(f.ctx, app.CaseInput{OrderID: o.ID, Kind: app.CaseExchange, Reason: app.ReasonWrongSize,
		PackagingIntact: true, Lines: []app.CaseLineInput{{LineID: o.Lines[0].ID, Qty: 2}},
		Exchange: []app.LineInput{{SKU: "CUP-002", Qty: 1}}}) // 88.00
	f.must(err)
	_, err = f.svc.ApproveCase(f.ctx, c.ID, "")
	f.must(err)
	c, err = f.svc.ReceiveReturn(f.ctx, c.ID, app.Inspection{PackagingIntact: true, Lines: []app.InspectedLine{
		{LineID: o.Lines[0].ID, QtyReceived: 2, Disposition: app.DispositionRestock, BinID: f.bins[0].ID}}})
	f.must(err)
	if c.LinkedOrderID == 0 {
		t.Fatal("no order sends the exchange out")
	}
	out := f.order(c.LinkedOrderID)
	if out.Status != app.StatusAllocated || out.Payable != 0 || out.Lines[0].SKU != "CUP-002" {
		t.Fatalf("exchange order %s %s payable %d lines %+v", out.Number, out.Status, out.Payable, out.Lines)
	}
	if c.RefundAmount != 25600-8800 {
		t.Fatalf("the case owes %d back, want the difference 16800", c.RefundAmount)
	}
	c, err = f.svc.RefundCase(f.ctx, c.ID, app.RefundInput{Amount: c.RefundAmount})
	f.must(err)
	if c.Status != app.CaseClosed {
		t.Fatalf("exchange case is %s after the difference went back", c.Status)
	}

	p := f.delivered(app.LineInput{SKU: "POT-003", Qty: 1})
	r, err := f.svc.OpenCase(f.ctx, app.CaseInput{OrderID: p.ID, Kind: app.CaseResend, Reason: app.ReasonMissing,
		Details: "lid missing", Lines: []app.CaseLineInput{{LineID: p.Lines[0].ID, Qty: 1}}})
	f.must(err)
	r, err = f.svc.ApproveCase(f.ctx, r.ID, "send the whole pot again")
	f.must(err)
	again := f.order(r.LinkedOrderID)
	if r.Status != app.CaseClosed || again.Payable != 0 || again.Status != app.StatusAllocated {
		t.Fatalf("re-send: case %s, order %s payable %d", r.Status, again.Status, again.Payable)
	}
	f.check()
}

// TestUndeliverableComesBack: a refused parcel returns to stock through
// the receiving path and its unpaid order owes nothing back.
func TestUndeliverableComesBack(t *testing.T) {
	f := fulfilShop(t)
	tea := f.products[0]
	in := f.input(app.LineInput{SKU: "TEA-001", Qty: 3})
	in.PaymentMethod = app.PayCOD
	o := f.picked(f.confirmed(in))
	sh, err := f.svc.PackOrders(f.ctx, app.PackInput{OrderIDs: []int64{o.ID}})
	f.must(err)
	_, err = f.svc.ShipShipment(f.ctx, sh.ID, app.ShipInput{Carrier: "ZTO", TrackingNumber: "ZT9"})
	f.must(err)
	if _, err := f.svc.ReturnToSender(f.ctx, sh.ID, ""); err == nil {
		t.Fatal("a parcel without a problem was brought back")
	}
	_, err = f.svc.ReportProblem(f.ctx, sh.ID, app.ProblemRefused, "customer refused at the door")
	f.must(err)
	cases, err := f.svc.ReturnToSender(f.ctx, sh.ID, "called twice, no answer")
	f.must(err)
	if len(cases) != 1 || cases[0].Kind != app.CaseUndeliverable || cases[0].Status != app.CaseApproved {
		t.Fatalf("cases %+v", cases)
	}
	if got, _ := f.svc.Shipment(f.ctx, sh.ID); got.Status != app.ShipmentReturned {
		t.Fatalf("shipment is %s", got.Status)
	}
	before := f.level(tea.ID, f.bins[0].ID)
	c, err := f.svc.ReceiveReturn(f.ctx, cases[0].ID, app.Inspection{PackagingIntact: true, Lines: []app.InspectedLine{
		{LineID: o.Lines[0].ID, QtyReceived: 3, Disposition: app.DispositionRestock, BinID: f.bins[0].ID}}})
	f.must(err)
	if c.Status != app.CaseClosed || c.RefundAmount != 0 {
		t.Fatalf("an unpaid refused parcel's case is %s owing %d", c.Status, c.RefundAmount)
	}
	// The goods that came back are credited: the order owes only the
	// postage, and no money was received.
	got := f.order(o.ID)
	if got.Outstanding() != got.ShippingFee || got.AmountPaid != 0 || got.AmountCredited != 3*12800 {
		t.Fatalf("after the goods came back the order owes %d (paid %d, credited %d), want only the postage %d", got.Outstanding(),
			got.AmountPaid, got.AmountCredited, got.ShippingFee)
	}
	if pays, _ := f.svc.Payments(f.ctx, o.ID); len(pays) != 0 {
		t.Fatalf("payments %+v, want none: goods are not money", pays)
	}
	credits, _ := f.svc.Credits(f.ctx, o.ID)
	if len(credits) != 1 || credits[0].Kind != app.CreditReturn || credits[0].CaseID != c.ID || credits[0].Amount != 3*12800 {
		t.Fatalf("credits %+v, want the returned goods credited, naming the case", credits)
	}
	// The reports count no money for it: the goods settled it.
	day := o.OrderedAt.Truncate(24 * time.Hour)
	sum, err := f.svc.SalesSummary(f.ctx, day, day.Add(48*time.Hour))
	f.must(err)
	if sum.Received != 0 || sum.Returns != 3*12800 {
		t.Fatalf("summary received %d, returns credited %d", sum.Received, sum.Returns)
	}
	var row app.ReportOrder
	f.must(f.svc.Report(f.ctx, func(r app.ReportReader, _ app.Shop) error {
		return r.EachOrder(f.ctx, day, day.Add(48*time.Hour), func(x app.ReportOrder) error {
			if x.Number == o.Number {
				row = x
			}
			return nil
		})
	}))
	if row.Paid != 0 || row.Credited != 3*12800 || row.Outstanding != got.ShippingFee {
		t.Fatalf("the order's report row: %+v", row)
	}
	if l := f.level(tea.ID, f.bins[0].ID); l.OnHand != before.OnHand+3 {
		t.Fatalf("TEA %d, want 3 back on the shelf", l.OnHand)
	}
	f.check()
}

// TestComplaintLife: a complaint is numbered, taken on within two hours,
// investigated, opens a case, is resolved with compensation paid back on
// its order, and closed with the customer's satisfaction.
func TestComplaintLife(t *testing.T) {
	f := fulfilShop(t)
	o := f.delivered(app.LineInput{SKU: "CUP-002", Qty: 1})
	if _, err := f.svc.RegisterComplaint(f.ctx, app.ComplaintInput{Complainant: "张伟", Content: "bad", Category: "noise"}); err == nil {
		t.Fatal("a complaint without content or category was taken")
	}
	c, err := f.svc.RegisterComplaint(f.ctx, app.ComplaintInput{Complainant: "张伟", Contact: "13800138000", OrderID: o.ID,
		ProductID: f.products[1].ID, Content: "The courier threw the parcel over the gate.", Expected: "an apology",
		Category: app.ComplaintLogistics, Department: app.RoleWarehouse})
	f.must(err)
	if !strings.HasPrefix(c.Number, "202605-T") || c.Status != app.ComplaintPending || c.Order != o.Number || c.SKU != "CUP-002" {
		t.Fatalf("complaint %+v", c)
	}
	tasks, _ := f.svc.Tasks(f.ctx, app.TaskFilter{OpenOnly: true, SubjectKind: app.SubjectComplaint, SubjectID: c.ID})
	if len(tasks) != 1 || !tasks[0].Due.Equal(f.clock.Add(2*time.Hour)) || tasks[0].Assignee != app.RoleWarehouse {
		t.Fatalf("complaint tasks %+v, want the warehouse to take it on within 2 hours", tasks)
	}
	c, err = f.svc.NoteComplaint(f.ctx, c.ID, "called ZTO: driver warned")
	f.must(err)
	if c.Status != app.ComplaintInvestigating || !strings.Contains(c.Investigation, "driver warned") {
		t.Fatalf("after a note: %+v", c)
	}
	cs, err := f.svc.OpenCase(f.ctx, app.CaseInput{OrderID: o.ID, Kind: app.CasePartialRefund, Reason: app.ReasonDamaged,
		RefundAmount: 1000, ComplaintID: c.ID})
	f.must(err)
	if c, _ = f.svc.Complaint(f.ctx, c.ID); c.CaseID != cs.ID {
		t.Fatalf("the complaint does not show case %s", cs.Number)
	}
	if _, err := f.svc.CloseComplaint(f.ctx, c.ID, app.Satisfied); err == nil {
		t.Fatal("a complaint was closed before it was resolved")
	}
	if _, err := f.svc.ResolveComplaint(f.ctx, c.ID, app.ComplaintResolution{Resolution: "apology", Compensation: o.Payable + 1}); err == nil {
		t.Fatal("more compensation than was paid")
	}
	c, err = f.svc.ResolveComplaint(f.ctx, c.ID, app.ComplaintResolution{Resolution: "apologised; ¥5 back", Compensation: 500})
	f.must(err)
	if c.Status != app.ComplaintResolved || f.order(o.ID).AmountRefunded != 500 {
		t.Fatalf("resolved %+v", c)
	}
	c, err = f.svc.CloseComplaint(f.ctx, c.ID, app.Satisfied)
	f.must(err)
	if c.Status != app.ComplaintClosed || c.Satisfaction != app.Satisfied {
		t.Fatalf("closed %+v", c)
	}
	list, n, err := f.svc.Complaints(f.ctx, app.ComplaintFilter{Categories: []app.ComplaintCategory{app.ComplaintLogistics}})
	f.must(err)
	if n != 1 || list[0].ID != c.ID {
		t.Fatalf("complaints by category: %d", n)
	}
	f.check()
}

// TestTasksRaisedAtNightFallDueInWorkingHours: a complaint registered on
// Friday night is to be taken on within two working hours, so by Monday
// 11:00, not by Saturday 01:00.
func TestTasksRaisedAtNightFallDueInWorkingHours(t *testing.T) {
	f := fulfilShop(t)
	f.clock = time.Date(2026, 5, 15, 23, 0, 0, 0, time.Local) // a Friday
	c, err := f.svc.RegisterComplaint(f.ctx, app.ComplaintInput{Complainant: "张伟", Contact: "13800138000",
		Content: "Nobody answered the phone.", Category: app.ComplaintAttitude, Department: app.RoleService})
	f.must(err)
	tasks, _ := f.svc.Tasks(f.ctx, app.TaskFilter{OpenOnly: true, SubjectKind: app.SubjectComplaint, SubjectID: c.ID})
	if want := time.Date(2026, 5, 18, 11, 0, 0, 0, time.Local); len(tasks) != 1 || !tasks[0].Due.Equal(want) {
		t.Fatalf("complaint tasks %+v, want one due %v", tasks, want)
	}
}
