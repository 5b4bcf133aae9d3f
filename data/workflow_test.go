package data_test

import (
	"errors"
	"testing"
	"time"

	"orderdesk/app"
)

// TestOrderLifeEndToEnd takes one order from entry to completion through
// the services on a real database file and checks stock, money, history
// and the invariants at the end.
func TestOrderLifeEndToEnd(t *testing.T) {
	f := newShop(t)
	o, err := f.svc.CreateOrder(f.ctx, f.input(), false)
	if err != nil {
		t.Fatal(err)
	}
	if o.Number != "202605-001" || o.Status != app.StatusDraft {
		t.Fatalf("new order is %s in %s, want 202605-001 draft", o.Number, o.Status)
	}
	// 2 × 128.00 + 1 × 88.00 + 10.00 shipping
	if o.GoodsTotal != 34400 || o.Payable != 35400 {
		t.Fatalf("totals %d/%d, want 34400/35400", o.GoodsTotal, o.Payable)
	}
	steps := []struct {
		name string
		run  func() (*app.Order, error)
		want app.Status
	}{
		{"submit", func() (*app.Order, error) { return f.svc.Submit(f.ctx, o.ID) }, app.StatusPendingReview},
		{"confirm", func() (*app.Order, error) { return f.svc.Confirm(f.ctx, o.ID) }, app.StatusConfirmed},
		{"allocate", func() (*app.Order, error) { return f.svc.Allocate(f.ctx, o.ID) }, app.StatusAllocated},
		{"pick", func() (*app.Order, error) { return f.svc.StartPicking(f.ctx, o.ID) }, app.StatusPicking},
		{"pack", func() (*app.Order, error) { return f.svc.Pack(f.ctx, o.ID) }, app.StatusPacked},
		{"ship", func() (*app.Order, error) { return f.svc.Ship(f.ctx, o.ID) }, app.StatusShipped},
		{"deliver", func() (*app.Order, error) { return f.svc.Deliver(f.ctx, o.ID, "张伟") }, app.StatusDelivered},
		{"complete", func() (*app.Order, error) { return f.svc.Complete(f.ctx, o.ID) }, app.StatusCompleted},
	}
	for _, s := range steps {
		f.clock = f.clock.Add(time.Hour)
		got, err := s.run()
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got.Status != s.want {
			t.Fatalf("%s: status %s, want %s", s.name, got.Status, s.want)
		}
		if s.name == "allocate" {
			levels, _ := f.svc.StockLevels(f.ctx, f.products[0].ID)
			if levels[0].Reserved != 2 || levels[0].OnHand != 50 {
				t.Fatalf("after allocation TEA-001 is %+v, want 50 on hand, 2 reserved", levels[0])
			}
		}
		if s.name == "confirm" {
			if _, err := f.svc.RecordPayment(f.ctx, o.ID, app.PaymentInput{Method: app.PayAlipay, Amount: 35400, TransactionID: "ALI-1"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	levels, _ := f.svc.StockLevels(f.ctx, f.products[0].ID)
	if levels[0].OnHand != 48 || levels[0].Reserved != 0 {
		t.Fatalf("after shipping TEA-001 is %+v, want 48 on hand, 0 reserved", levels[0])
	}
	final, _ := f.svc.Order(f.ctx, o.ID)
	if final.PaymentStatus != app.PaymentPaid || final.Lines[0].QtyShipped != 2 {
		t.Fatalf("final order: payment %s, shipped %d", final.PaymentStatus, final.Lines[0].QtyShipped)
	}
	history, _ := f.svc.History(f.ctx, app.SubjectOrder, o.ID)
	if len(history) != 11 { // created, 8 steps, the review's check, 1 payment
		t.Fatalf("history has %d events, want 11: %+v", len(history), history)
	}
	for _, e := range history {
		if e.Actor != "tester" || e.At.IsZero() {
			t.Fatalf("event without who or when: %+v", e)
		}
	}
	tasks, _ := f.svc.Tasks(f.ctx, app.TaskFilter{SubjectKind: app.SubjectOrder, SubjectID: o.ID})
	open := map[app.TaskKind]bool{}
	for _, k := range tasks {
		open[k.Kind] = k.Open()
	}
	if len(tasks) != 4 || open[app.TaskPaymentReminder] || open[app.TaskPaymentContact] || !open[app.TaskSendConfirmation] ||
		!open[app.TaskRecordWaybill] {
		t.Fatalf("want the payment reminder and call closed by the payment, the letter still to send, the tracking number "+
			"asked for; got %+v", tasks)
	}
	f.check()

	if _, err := f.svc.Cancel(f.ctx, o.ID, "customer changed mind"); err == nil {
		t.Fatal("a completed order was cancelled")
	} else {
		var te *app.TransitionError
		if !errors.As(err, &te) || te.Order != o.Number {
			t.Fatalf("want a transition error naming the order, got %v", err)
		}
	}
}

// TestLineIDsSurviveWrites keeps a line's id through payments, steps and
// edits that leave the line in place, so a screen's part-shipment dialog
// opened earlier still names the right lines.
func TestLineIDsSurviveWrites(t *testing.T) {
	f := newShop(t)
	o, err := f.svc.CreateOrder(f.ctx, f.input(), true)
	if err != nil {
		t.Fatal(err)
	}
	first, second := o.Lines[0].ID, o.Lines[1].ID
	o, err = f.svc.Confirm(f.ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.RecordPayment(f.ctx, o.ID, app.PaymentInput{Method: app.PayAlipay, Amount: 1000}); err != nil {
		t.Fatal(err)
	}
	in := app.InputFromOrder(o)
	in.Lines[1].Qty = 3
	in.Lines = append(in.Lines, app.LineInput{SKU: "POT-003", Qty: 1})
	o, err = f.svc.UpdateOrder(f.ctx, o.ID, o.Version+1, in) // the payment bumped the version
	if err != nil {
		t.Fatal(err)
	}
	if o.Lines[0].ID != first || o.Lines[1].ID != second || o.Lines[2].ID == 0 {
		t.Fatalf("line ids %d, %d, %d; want %d, %d and a new one", o.Lines[0].ID, o.Lines[1].ID, o.Lines[2].ID, first, second)
	}
	o, err = f.svc.Allocate(f.ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	o, err = f.svc.ShipPart(f.ctx, o.ID, map[int64]int64{second: 2})
	if err != nil {
		t.Fatal(err)
	}
	if o.Status != app.StatusPartlyShipped || o.Lines[1].QtyShipped != 2 {
		t.Fatalf("after part shipment: %s, line 2 shipped %d", o.Status, o.Lines[1].QtyShipped)
	}
	f.check()
}

func TestLogContact(t *testing.T) {
	f := newShop(t)
	o, err := f.svc.CreateOrder(f.ctx, f.input(), true)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.LogContact(f.ctx, o.ID, app.ContactPhone, "客户确认地址无误"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.LogContact(f.ctx, o.ID, app.ContactPhone, " "); err == nil {
		t.Fatal("an empty contact note was logged")
	}
	if err := f.svc.LogContact(f.ctx, o.ID, "pigeon", "sent a note"); err == nil {
		t.Fatal("an unknown contact channel was logged")
	}
	history, _ := f.svc.History(f.ctx, app.SubjectOrder, o.ID)
	last := history[len(history)-1]
	if len(history) != 3 || last.Action != "order.contact" || last.Actor != "tester" { // created, checked, contact
		t.Fatalf("history %+v", history)
	}
}

// TestSalesSummary sums a day's orders: one cancelled, one paid, one on
// another day; the figures are worked out here from the inputs.
func TestSalesSummary(t *testing.T) {
	f := newShop(t)
	day := time.Date(2026, 5, 14, 0, 0, 0, 0, time.UTC)
	mk := func(at time.Time, qty int64) *app.Order {
		in := f.input(app.LineInput{SKU: "TEA-001", Qty: qty})
		in.OrderedAt = at
		o, err := f.svc.CreateOrder(f.ctx, in, true)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	a := mk(day.Add(9*time.Hour), 1)  // 128.00 + 10.00
	b := mk(day.Add(15*time.Hour), 2) // 256.00 + 10.00, cancelled
	c := mk(day.Add(-2*time.Hour), 3) // the day before
	if _, err := f.svc.Cancel(f.ctx, b.ID, "customer changed mind"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Confirm(f.ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.RecordPayment(f.ctx, a.ID, app.PaymentInput{Method: app.PayAlipay, Amount: a.Payable}); err != nil {
		t.Fatal(err)
	}
	sum, err := f.svc.SalesSummary(f.ctx, day, day.AddDate(0, 0, 1))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Orders != 1 || sum.Cancelled != 1 || sum.Sales != a.Payable || sum.Received != a.Payable || sum.AverageOrder() != a.Payable {
		t.Fatalf("day summary %+v", sum)
	}
	if len(sum.ByChannel) != 1 || sum.ByChannel[0].Sales != a.Payable || len(sum.ByDay) != 1 || sum.ByDay[0].Day.Format("2006-01-02") != "2026-05-14" {
		t.Fatalf("by channel %+v, by day %+v", sum.ByChannel, sum.ByDay)
	}
	both, _ := f.svc.SalesSummary(f.ctx, day.AddDate(0, 0, -1), day.AddDate(0, 0, 1))
	if both.Sales != a.Payable+c.Payable || len(both.ByDay) != 2 {
		t.Fatalf("two days: %+v", both)
	}
}
