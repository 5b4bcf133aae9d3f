package data_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"orderdesk/app"
	"orderdesk/data"
)

// TestShopOfTheLastVersionMovesToCredits opens a shop written by the
// version before credits (testdata/shop-v11.db) and checks the update:
//   - 202605-001: three teas and a teapot, unpaid; the teapot came back
//     (booked then as a payment in goods), the rest was paid by WeChat,
//     then a tea came back and was refunded; it seemed to owe that tea
//     again, and now owes nothing;
//   - 202605-002: paid, then cancelled, not refunded: it owes nothing
//     and its money is due back;
//   - 202605-003: paid and delivered; 202605-004: confirmed, unpaid.
//
// Nothing of the history is lost, and the shop checks out.
func TestShopOfTheLastVersionMovesToCredits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop.db")
	if err := copyFile(filepath.Join("testdata", "shop-v11.db"), path); err != nil {
		t.Fatal(err)
	}
	eventsBefore := count(t, path, "SELECT count(*) FROM events")
	paymentsBefore := count(t, path, "SELECT count(*) FROM payments")
	s := openStore(t, path)
	svc := app.NewService(s)
	ctx := context.Background()
	problems, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
	want := []struct {
		number                                 string
		payable, paid, refunded, credited, due app.Money
		status                                 app.PaymentStatus
	}{
		{"202605-001", 84400, 39400, 12800, 45000 + 12800, 0, app.PaymentPartlyRefunded},
		{"202605-002", 35400, 35400, 0, 35400, -35400, app.PaymentPaid},
		{"202605-003", 35400, 35400, 0, 0, 0, app.PaymentPaid},
		{"202605-004", 18600, 0, 0, 0, 18600, app.PaymentUnpaid},
	}
	for _, w := range want {
		o, err := svc.OrderByNumber(ctx, w.number)
		if err != nil {
			t.Fatal(err)
		}
		if o.Payable != w.payable || o.AmountPaid != w.paid || o.AmountRefunded != w.refunded || o.AmountCredited != w.credited ||
			o.Balance() != w.due || o.PaymentStatus != w.status {
			t.Errorf("%s: payable %d paid %d refunded %d credited %d balance %d %s; want %+v", w.number, o.Payable, o.AmountPaid,
				o.AmountRefunded, o.AmountCredited, o.Balance(), o.PaymentStatus, w)
		}
	}
	o, _ := svc.OrderByNumber(ctx, "202605-001")
	credits, err := svc.Credits(ctx, o.ID)
	if err != nil || len(credits) != 2 || credits[0].CaseID == 0 || credits[1].CaseID == 0 || credits[0].Kind != app.CreditReturn {
		t.Fatalf("credits of 202605-001: %+v %v; want the two returns, each naming its case", credits, err)
	}
	if got := count(t, path, "SELECT count(*) FROM events"); got != eventsBefore {
		t.Errorf("events %d, were %d", got, eventsBefore)
	}
	if got := count(t, path, "SELECT count(*) FROM payments"); got != paymentsBefore {
		t.Errorf("payments %d, were %d: the old rows stay as the record of what was done", got, paymentsBefore)
	}
	owed, err := svc.Receivables(ctx, 0)
	if err != nil || len(owed) != 1 || owed[0].Number != "202605-004" || owed[0].Outstanding != 18600 {
		t.Fatalf("receivables %+v %v; want only 202605-004's 186.00", owed, err)
	}
}

func count(t *testing.T, path, query string) int64 {
	t.Helper()
	var n int64
	if err := rawDB(t, path).QueryRow(query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestMoneyAddsUp walks the shop owner's day from the issue through the
// services, checking after every step that the order's balance is
// payable - credits - (received - paid back), that Receivables lists
// exactly the positive balances, and that the shop checks out:
//
//   - three teas and a teapot, unpaid; the teapot comes back; the
//     customer pays the rest by WeChat; a tea comes back and is paid
//     back: nothing is owed at the end;
//   - a paid order with a refunded return;
//   - a partly paid order with a return and no refund yet: a refund due,
//     not a debt;
//   - a cancelled paid order: credited, its money due back, then paid back.
func TestMoneyAddsUp(t *testing.T) {
	f := fulfilShop(t)
	step := func(what string, o *app.Order, balance, credited app.Money) {
		t.Helper()
		got := f.order(o.ID)
		if got.AmountCredited != credited || got.Balance() != balance ||
			got.Balance() != got.Payable-got.AmountCredited-(got.AmountPaid-got.AmountRefunded) {
			t.Fatalf("%s: order %s balance %d credited %d (payable %d, paid %d, refunded %d); want balance %d credited %d",
				what, got.Number, got.Balance(), got.AmountCredited, got.Payable, got.AmountPaid, got.AmountRefunded, balance, credited)
		}
		owed, err := f.svc.Receivables(f.ctx, 0)
		f.must(err)
		for _, r := range owed {
			if r.OrderID == o.ID && r.Outstanding != max(balance, 0) {
				t.Fatalf("%s: receivables say %s owes %d, want %d", what, got.Number, r.Outstanding, balance)
			}
			if r.OrderID == o.ID && balance <= 0 {
				t.Fatalf("%s: %s owes nothing but is in receivables", what, got.Number)
			}
		}
		f.check()
	}

	// The order: 3 × 128 + 450 + 10 postage = 844.
	o := f.shippedUnpaid(app.LineInput{SKU: "TEA-001", Qty: 3}, app.LineInput{SKU: "POT-003", Qty: 1})
	step("shipped unpaid", o, 84400, 0)
	pot := f.returned(o, o.Lines[1].ID, 1)
	if pot.RefundAmount != 0 || pot.Status != app.CaseClosed {
		t.Fatalf("the teapot of an unpaid order: case %s pays back %d", pot.Status, pot.RefundAmount)
	}
	step("teapot back", o, 84400-45000, 45000)
	if pays, _ := f.svc.Payments(f.ctx, o.ID); len(pays) != 0 {
		t.Fatalf("goods back were booked as money: %+v", pays)
	}
	_, err := f.svc.RecordPayment(f.ctx, o.ID, app.PaymentInput{Method: app.PayWeChat, Amount: 39400, TransactionID: "WX-1"})
	f.must(err)
	step("the rest paid", o, 0, 45000)
	tea := f.returned(o, o.Lines[0].ID, 1)
	if tea.RefundAmount != 12800 {
		t.Fatalf("a tea back on a paid order pays back %d, want 12800", tea.RefundAmount)
	}
	step("a tea back", o, -12800, 57800)
	if got := f.order(o.ID); got.RefundDue() != 12800 || got.Outstanding() != 0 {
		t.Fatalf("due back %d, owed %d", got.RefundDue(), got.Outstanding())
	}
	_, err = f.svc.RefundCase(f.ctx, tea.ID, app.RefundInput{Amount: 12800, TransactionID: "WX-RF-1"})
	f.must(err)
	step("the tea paid back", o, 0, 57800)
	if _, err := f.svc.RecordRefund(f.ctx, o.ID, app.RefundInput{Amount: 1, Reference: "more"}); err == nil {
		t.Fatal("money went back that nothing was credited for")
	}

	// Paid, a return refunded.
	paid := f.delivered(app.LineInput{SKU: "TEA-001", Qty: 2})
	step("paid and delivered", paid, 0, 0)
	back := f.returned(paid, paid.Lines[0].ID, 1)
	step("a return", paid, -12800, 12800)
	_, err = f.svc.RefundCase(f.ctx, back.ID, app.RefundInput{Amount: back.RefundAmount})
	f.must(err)
	step("refunded", paid, 0, 12800)

	// Partly paid, a return worth more than is owed: money due back.
	part := f.shippedUnpaid(app.LineInput{SKU: "POT-003", Qty: 1}, app.LineInput{SKU: "TEA-001", Qty: 1})
	_, err = f.svc.RecordPayment(f.ctx, part.ID, app.PaymentInput{Method: app.PayAlipay, Amount: 20000})
	f.must(err)
	step("partly paid", part, 45000+12800+1000-20000, 0)
	c := f.returned(part, part.Lines[0].ID, 1)
	step("the teapot back", part, 45000+12800+1000-20000-45000, 45000)
	if got := f.order(part.ID); got.RefundDue() != 6200 || c.RefundAmount != 6200 {
		t.Fatalf("due back %d, case pays back %d; want 62.00", got.RefundDue(), c.RefundAmount)
	}

	// Paid, then cancelled before it ships.
	gone := f.confirmed(f.input(app.LineInput{SKU: "CUP-002", Qty: 1}))
	_, err = f.svc.RecordPayment(f.ctx, gone.ID, app.PaymentInput{Method: app.PayAlipay, Amount: gone.Payable})
	f.must(err)
	step("paid", gone, 0, 0)
	_, err = f.svc.Cancel(f.ctx, gone.ID, "customer changed their mind")
	f.must(err)
	step("cancelled", gone, -gone.Payable, gone.Payable)
	if _, open := f.openTasks(gone.ID)[app.TaskRefundDue]; !open {
		t.Fatal("no task to pay back the cancelled order's money")
	}
	_, err = f.svc.RecordRefund(f.ctx, gone.ID, app.RefundInput{Amount: gone.Payable, Reference: "cancelled"})
	f.must(err)
	step("paid back", gone, 0, gone.Payable)
	if _, open := f.openTasks(gone.ID)[app.TaskRefundDue]; open {
		t.Fatal("the refund task stays open after the money went back")
	}
	if got := f.order(gone.ID); got.PaymentStatus != app.PaymentRefunded {
		t.Fatalf("a cancelled order paid back is %s", got.PaymentStatus)
	}

	// The customer's account, as the statement prints it: every order,
	// credit note, payment and refund, the running balance ending at what
	// the orders' balances add up to (here the shop owes 62.00 back).
	act, err := f.svc.AccountActivity(f.ctx, f.retail.ID, f.clock.AddDate(0, -1, 0), f.clock.Add(time.Minute))
	f.must(err)
	kinds := map[app.AccountEntryKind]int{}
	run := act.Opening
	for _, e := range act.Entries {
		kinds[e.Kind]++
		run += e.Amount
		if e.Balance != run {
			t.Fatalf("running balance %d after %+v, want %d", e.Balance, e, run)
		}
	}
	var sum app.Money
	for _, id := range []int64{o.ID, paid.ID, part.ID, gone.ID} {
		sum += f.order(id).Balance()
	}
	if act.Opening != 0 || act.Closing != sum || sum != -6200 || kinds[app.EntryOrder] != 4 || kinds[app.EntryCredit] != 5 ||
		kinds[app.EntryPayment] != 4 || kinds[app.EntryRefund] != 3 {
		t.Fatalf("account: opening %d closing %d (orders' balances %d), entries %v", act.Opening, act.Closing, sum, kinds)
	}
}

// TestCheckFindsATamperedBalance: money figures changed behind the
// program's back are reported: a credit snapshot that its credits do not
// give, a payment status the money does not give, a cancelled order that
// still asks for money.
func TestCheckFindsATamperedBalance(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop.db")
	if err := copyFile(filepath.Join("testdata", "shop-v11.db"), path); err != nil {
		t.Fatal(err)
	}
	if s, err := data.Open(context.Background(), path); err != nil { // brought up to date
		t.Fatal(err)
	} else {
		s.Close()
	}
	tamper(t, path, `UPDATE orders SET amount_credited = amount_credited + 100 WHERE number = '202605-001'`,
		`UPDATE orders SET payment_status = 'unpaid' WHERE number = '202605-003'`,
		`UPDATE orders SET payable = payable + 500, goods_total = goods_total + 500 WHERE number = '202605-002'`)
	got := checkFile(t, path)
	wantProblems(t, got, false,
		data.Problem{Check: "credits", Detail: "order 202605-001: credited 57900 but its credits say 57800"},
		data.Problem{Check: "payment status", Detail: "order 202605-003 is unpaid but its payments make it paid"},
		data.Problem{Check: "cancelled orders", Detail: "cancelled order 202605-002 still asks 500 beyond its credits"})
}

// shippedUnpaid takes a new unpaid order of the lines through fulfilment
// to the customer's signature.
func (f *shopFixture) shippedUnpaid(lines ...app.LineInput) *app.Order {
	f.t.Helper()
	return f.signedFor(f.confirmed(f.input(lines...)))
}

// signedFor picks, packs and ships a confirmed order and has the
// customer sign for it.
func (f *shopFixture) signedFor(o *app.Order) *app.Order {
	f.t.Helper()
	o = f.picked(o)
	sh, err := f.svc.PackOrders(f.ctx, app.PackInput{OrderIDs: []int64{o.ID}})
	f.must(err)
	_, err = f.svc.ShipShipment(f.ctx, sh.ID, app.ShipInput{Carrier: "SF", TrackingNumber: "SF" + o.Number})
	f.must(err)
	_, err = f.svc.SignOffShipment(f.ctx, sh.ID, app.SignOff{Signer: "张伟"})
	f.must(err)
	return f.order(o.ID)
}

// returned opens, approves and receives a return of qty units of an
// order's line, restocked as new.
func (f *shopFixture) returned(o *app.Order, line, qty int64) *app.Case {
	f.t.Helper()
	c, err := f.svc.OpenCase(f.ctx, app.CaseInput{OrderID: o.ID, Kind: app.CaseReturnRefund, Reason: app.ReasonChangedMind,
		Lines: []app.CaseLineInput{{LineID: line, Qty: qty}}})
	f.must(err)
	c, err = f.svc.ApproveCase(f.ctx, c.ID, "ok")
	f.must(err)
	c, err = f.svc.ReceiveReturn(f.ctx, c.ID, app.Inspection{PackagingIntact: true, Lines: []app.InspectedLine{
		{LineID: line, QtyReceived: qty, Condition: "as new", Disposition: app.DispositionRestock, BinID: f.bins[0].ID}}})
	f.must(err)
	return c
}
