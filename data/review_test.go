package data_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"orderdesk/app"
)

// withPolicy changes the fixture shop's review policy.
func (f *shopFixture) withPolicy(change func(*app.Policy)) {
	f.t.Helper()
	shop, err := f.svc.Shop(f.ctx)
	f.must(err)
	change(&shop.Policy)
	f.must(f.svc.SaveShop(f.ctx, shop))
}

// submitted creates and submits an order and returns it with its review.
func (f *shopFixture) submitted(in app.OrderInput) (*app.Order, *app.Review) {
	f.t.Helper()
	o, err := f.svc.CreateOrder(f.ctx, in, false)
	f.must(err)
	o, err = f.svc.Submit(f.ctx, o.ID)
	f.must(err)
	r, err := f.svc.Review(f.ctx, o.ID)
	f.must(err)
	return o, r
}

func findingOf(r *app.Review, k app.FindingKind) *app.Finding {
	for i := range r.Findings {
		if r.Findings[i].Kind == k {
			return &r.Findings[i]
		}
	}
	return nil
}

// TestReviewRules runs each rule on an order that trips it and on one that
// does not, and checks the sentence says what and why.
func TestReviewRules(t *testing.T) {
	price := func(m app.Money) *app.Money { return &m }
	cases := []struct {
		name    string
		kind    app.FindingKind
		policy  func(*app.Policy)
		setup   func(f *shopFixture) // earlier orders and the like
		clock   time.Time
		fires   func(f *shopFixture) app.OrderInput
		quiet   func(f *shopFixture) app.OrderInput
		message string
	}{
		{
			name: "remote area", kind: app.FindRemoteArea,
			policy: func(p *app.Policy) { p.RemoteAreas = []string{"新疆维吾尔自治区", "西藏自治区"} },
			fires: func(f *shopFixture) app.OrderInput {
				in := f.input()
				in.Address = app.Address{Province: "新疆维吾尔自治区", City: "乌鲁木齐市", Street: "人民路 1 号"}
				return in
			},
			quiet:   func(f *shopFixture) app.OrderInput { return f.input() },
			message: "新疆维吾尔自治区 is on the remote-area list",
		},
		{
			name: "quantity far above the customer's usual", kind: app.FindUnusualQuantity,
			setup: func(f *shopFixture) {
				for range 2 {
					f.submitted(f.input(app.LineInput{SKU: "TEA-001", Qty: 2}))
					f.clock = f.clock.Add(48 * time.Hour)
				}
				f.clock = f.clock.Add(48 * time.Hour) // not a duplicate of those
			},
			fires:   func(f *shopFixture) app.OrderInput { return f.input(app.LineInput{SKU: "TEA-001", Qty: 40}) },
			quiet:   func(f *shopFixture) app.OrderInput { return f.input(app.LineInput{SKU: "TEA-001", Qty: 9}) },
			message: "TEA-001: quantity 40 is 20× this customer's usual 2",
		},
		{
			name: "urgent after the cut-off", kind: app.FindAfterCutOff,
			clock: time.Date(2026, 5, 14, 19, 5, 0, 0, time.Local),
			fires: func(f *shopFixture) app.OrderInput {
				in := f.input()
				in.Delivery.Urgency = app.UrgencyUrgent
				return in
			},
			quiet:   func(f *shopFixture) app.OrderInput { return f.input() },
			message: "urgent after today's 18:00 cut-off",
		},
		{
			name: "promised date cannot be met", kind: app.FindDateInfeasible,
			clock: time.Date(2026, 5, 14, 19, 5, 0, 0, time.Local), // Thursday evening
			fires: func(f *shopFixture) app.OrderInput {
				in := f.input()
				in.Delivery.ExpectedDate = time.Date(2026, 5, 14, 0, 0, 0, 0, time.Local)
				return in
			},
			quiet: func(f *shopFixture) app.OrderInput {
				in := f.input()
				in.Delivery.ExpectedDate = time.Date(2026, 5, 18, 0, 0, 0, 0, time.Local)
				return in
			},
			message: "delivery by 2026-05-14 cannot be met: the earliest it can ship is 2026-05-15",
		},
		{
			name: "price below floor", kind: app.FindBelowFloor,
			fires: func(f *shopFixture) app.OrderInput {
				return f.input(app.LineInput{SKU: "TEA-001", Qty: 1, UnitPrice: price(9000)})
			},
			quiet: func(f *shopFixture) app.OrderInput {
				return f.input(app.LineInput{SKU: "TEA-001", Qty: 1, UnitPrice: price(9900)})
			},
			message: "TEA-001: price ¥90.00 below floor ¥99.00",
		},
		{
			name: "discount beyond policy", kind: app.FindLargeDiscount,
			fires: func(f *shopFixture) app.OrderInput {
				in := f.input(app.LineInput{SKU: "POT-003", Qty: 1})
				in.OrderDiscount = 18000 // 40 %
				return in
			},
			quiet: func(f *shopFixture) app.OrderInput {
				in := f.input(app.LineInput{SKU: "POT-003", Qty: 1})
				in.OrderDiscount = 4500
				return in
			},
			message: "discount ¥180.00 is 40% of the goods, above the 30% allowed",
		},
		{
			name: "over the credit limit", kind: app.FindOverCredit,
			fires: func(f *shopFixture) app.OrderInput { return f.dealerInput(120) },
			quiet: func(f *shopFixture) app.OrderInput { return f.dealerInput(10) },
			// 120 teapots at ¥450.00 and ¥10.00 shipping against ¥50,000.00.
			message: "over credit limit by ¥4,010.00 (limit ¥50,000.00)",
		},
		{
			name: "new customer with a large order", kind: app.FindNewCustomer,
			policy: func(p *app.Policy) { p.LargeOrder = 100000 },
			setup: func(f *shopFixture) {
				f.submitted(f.input(app.LineInput{SKU: "CUP-002", Qty: 1}))
				f.clock = f.clock.Add(48 * time.Hour)
			},
			fires: func(f *shopFixture) app.OrderInput {
				c := &app.Customer{Name: "李娜", Kind: app.CustomerRetail, Phone: "13900139000"}
				f.must(f.svc.SaveCustomer(f.ctx, c))
				in := f.input(app.LineInput{SKU: "POT-003", Qty: 3})
				in.CustomerID, in.RecipientPhone = c.ID, "139 0013 9000"
				return in
			},
			quiet:   func(f *shopFixture) app.OrderInput { return f.input(app.LineInput{SKU: "POT-003", Qty: 3}) },
			message: "new customer with a large order: ¥1,360.00 (flagged from ¥1,000.00)",
		},
		{
			name: "likely duplicate", kind: app.FindDuplicate,
			setup: func(f *shopFixture) {
				f.submitted(f.input())
				f.clock = f.clock.Add(10 * time.Minute)
			},
			fires: func(f *shopFixture) app.OrderInput { return f.input() },
			quiet: func(f *shopFixture) app.OrderInput {
				return f.input(app.LineInput{SKU: "TEA-001", Qty: 3}, app.LineInput{SKU: "CUP-002", Qty: 1})
			},
			message: "looks like a duplicate of 202605-001",
		},
		{
			name: "coupon not honoured", kind: app.FindCoupon,
			policy: func(p *app.Policy) { p.Coupons = []string{"VIP10"} },
			fires: func(f *shopFixture) app.OrderInput {
				in := f.input()
				in.CouponCode = "free100"
				return in
			},
			quiet: func(f *shopFixture) app.OrderInput {
				in := f.input()
				in.CouponCode = "vip10"
				return in
			},
			message: "coupon FREE100 is not one the shop honours",
		},
		{
			name: "second check of hand-entered orders", kind: app.FindSecondCheck,
			policy: func(p *app.Policy) { p.SecondCheck = true },
			fires:  func(f *shopFixture) app.OrderInput { return f.input() },
			quiet: func(f *shopFixture) app.OrderInput {
				in := f.input()
				in.Channel = app.ChannelWebShop
				return in
			},
			message: "hand-entered: a second person checks it",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newShop(t)
			if !c.clock.IsZero() {
				f.clock = c.clock
			}
			f.withPolicy(func(p *app.Policy) {
				p.AutoConfirm = true
				if c.policy != nil {
					c.policy(p)
				}
			})
			if c.setup != nil {
				c.setup(f)
			}
			o, r := f.submitted(c.fires(f))
			got := findingOf(r, c.kind)
			if got == nil {
				t.Fatalf("rule %s did not fire; findings %+v", c.kind, r.Findings)
			}
			if got.Message != c.message {
				t.Errorf("finding says %q, want %q", got.Message, c.message)
			}
			if o.Status != app.StatusPendingReview {
				t.Errorf("a flagged order is %s, want it waiting in review", o.Status)
			}
			queue, total, err := f.svc.ReviewQueue(f.ctx, 50, 0)
			f.must(err)
			if total < 1 || findingOfRow(queue, o.ID, c.kind) == nil {
				t.Errorf("the review inbox does not show order %s with its finding: %+v", o.Number, queue)
			}

			// The flagged order is turned down, so it counts neither as
			// credit used nor as an order to duplicate.
			if _, err := f.svc.Reject(f.ctx, o.ID, "test over"); err != nil {
				t.Fatal(err)
			}
			_, r = f.submitted(c.quiet(f))
			if got := findingOf(r, c.kind); got != nil {
				t.Errorf("rule %s fired on an order it should pass: %s", c.kind, got.Message)
			}
			f.check()
		})
	}
}

func findingOfRow(rows []app.ReviewRow, orderID int64, k app.FindingKind) *app.Finding {
	for _, r := range rows {
		if r.Order.ID == orderID {
			for i := range r.Findings {
				if r.Findings[i].Kind == k {
					return &r.Findings[i]
				}
			}
		}
	}
	return nil
}

// dealerInput is a credit order of the dealer for qty teapots.
func (f *shopFixture) dealerInput(qty int64) app.OrderInput {
	return app.OrderInput{Channel: app.ChannelDealer, CustomerID: f.dealer.ID, RecipientName: "Mary Chan",
		RecipientPhone: "+852 2345 6789", Address: app.Address{City: "Hong Kong", Street: "8 Queen's Road", Country: "HK"},
		Lines: []app.LineInput{{SKU: "POT-003", Qty: qty}}, ShippingFee: 1000, PaymentMethod: app.PayCredit}
}

// TestCleanOrderConfirmsItself: nothing found and the shop allows it, so
// submitting confirms, and the follow-up tasks open at their times.
func TestCleanOrderConfirmsItself(t *testing.T) {
	f := newShop(t)
	f.clock = time.Date(2026, 5, 14, 10, 0, 0, 0, time.Local) // a Thursday morning
	f.withPolicy(func(p *app.Policy) { p.AutoConfirm = true })
	o, r := f.submitted(f.input())
	if o.Status != app.StatusConfirmed || r.Decision != app.DecisionAuto || len(r.Findings) != 0 {
		t.Fatalf("clean order: status %s, decision %q, findings %+v", o.Status, r.Decision, r.Findings)
	}
	due := map[app.TaskKind]time.Time{}
	tasks, err := f.svc.Tasks(f.ctx, app.TaskFilter{OpenOnly: true, SubjectKind: app.SubjectOrder, SubjectID: o.ID})
	f.must(err)
	for _, k := range tasks {
		due[k.Kind] = k.Due
	}
	want := map[app.TaskKind]time.Time{
		app.TaskSendConfirmation: f.clock.Add(2 * time.Hour),
		app.TaskPaymentReminder:  f.clock.Add(time.Hour),
		app.TaskPaymentContact:   f.clock.Add(24 * time.Hour),
	}
	for k, w := range want {
		if !due[k].Equal(w) {
			t.Errorf("task %s due %v, want %v", k, due[k], w)
		}
	}
	if len(tasks) != len(want) {
		t.Errorf("open tasks %+v, want %d", tasks, len(want))
	}

	// Turned off, the same order waits for a person.
	f.withPolicy(func(p *app.Policy) { p.AutoConfirm = false })
	f.clock = f.clock.Add(72 * time.Hour)
	o, r = f.submitted(f.input())
	if o.Status != app.StatusPendingReview || r.Decision != app.DecisionNone {
		t.Fatalf("without auto-confirm: status %s, decision %q", o.Status, r.Decision)
	}
}

// TestConfirmationLetterTask: the letter is due two working hours after
// confirming, counted in the shop's hours, and closes once sent.
func TestConfirmationLetterTask(t *testing.T) {
	f := newShop(t)
	f.clock = time.Date(2026, 5, 14, 17, 0, 0, 0, time.Local) // an hour before closing
	f.withPolicy(func(p *app.Policy) { p.AutoConfirm = true })
	o, _ := f.submitted(f.input())
	tasks, _ := f.svc.Tasks(f.ctx, app.TaskFilter{OpenOnly: true, SubjectKind: app.SubjectOrder, SubjectID: o.ID})
	var letter *app.Task
	for i := range tasks {
		if tasks[i].Kind == app.TaskSendConfirmation {
			letter = &tasks[i]
		}
	}
	if letter == nil || !letter.Due.Equal(time.Date(2026, 5, 15, 10, 0, 0, 0, time.Local)) {
		t.Fatalf("letter task %+v, want due Friday 10:00", letter)
	}
	f.must(f.svc.ConfirmationSent(f.ctx, o.ID, "e-mail"))
	tasks, _ = f.svc.Tasks(f.ctx, app.TaskFilter{OpenOnly: true, SubjectKind: app.SubjectOrder, SubjectID: o.ID})
	for _, k := range tasks {
		if k.Kind == app.TaskSendConfirmation {
			t.Fatalf("the letter task is still open after sending: %+v", k)
		}
	}
	hist, _ := f.svc.History(f.ctx, app.SubjectOrder, o.ID)
	if last := hist[len(hist)-1]; last.Action != "order.confirmation_sent" || !strings.Contains(last.Summary, "e-mail") {
		t.Fatalf("history does not record the letter: %+v", last)
	}
}

// TestPaymentFollowUp: reminder after an hour, call after a day;
// paying closes both; "no longer wants it" cancels with that reason.
func TestPaymentFollowUp(t *testing.T) {
	f := newShop(t)
	f.withPolicy(func(p *app.Policy) { p.AutoConfirm = true })
	paid, _ := f.submitted(f.input())
	_, err := f.svc.RecordPayment(f.ctx, paid.ID, app.PaymentInput{Method: app.PayAlipay, Amount: paid.Payable})
	f.must(err)
	f.clock = f.clock.Add(72 * time.Hour)
	unpaid, _ := f.submitted(f.input(app.LineInput{SKU: "POT-003", Qty: 1}))
	open := func(id int64) map[app.TaskKind]bool {
		tasks, err := f.svc.Tasks(f.ctx, app.TaskFilter{OpenOnly: true, SubjectKind: app.SubjectOrder, SubjectID: id})
		f.must(err)
		m := map[app.TaskKind]bool{}
		for _, k := range tasks {
			m[k.Kind] = true
		}
		return m
	}
	if o := open(paid.ID); o[app.TaskPaymentReminder] || o[app.TaskPaymentContact] {
		t.Fatalf("a paid order still has payment tasks: %v", o)
	}
	if o := open(unpaid.ID); !o[app.TaskPaymentReminder] || !o[app.TaskPaymentContact] {
		t.Fatalf("an unpaid order lacks its payment tasks: %v", o)
	}
	o, err := f.svc.CustomerWithdrew(f.ctx, unpaid.ID)
	f.must(err)
	if o.Status != app.StatusCancelled || o.CancelReason != app.ReasonNoLongerWanted {
		t.Fatalf("withdrawn order: %s, reason %q", o.Status, o.CancelReason)
	}
	if len(open(unpaid.ID)) != 0 {
		t.Fatalf("a cancelled order keeps open tasks: %v", open(unpaid.ID))
	}
	f.check()
}

// TestReviewDecisions: approve, hold and reject record the supervisor,
// the time and the opinion; a second check refuses the person who entered.
func TestReviewDecisions(t *testing.T) {
	f := newShop(t)
	f.withPolicy(func(p *app.Policy) { p.SecondCheck = true })
	o, _ := f.submitted(f.input())
	_, err := f.svc.Approve(f.ctx, o.ID, "looks fine")
	if v, ok := app.IsValidation(err); !ok || v.Fields[0].Field != "reviewer" {
		t.Fatalf("the person who entered the order approved it: %v", err)
	}
	boss := app.WithActor(context.Background(), app.Actor{Name: "boss", Role: app.RoleOwner})
	f.clock = f.clock.Add(time.Hour)
	if _, err := f.svc.Approve(boss, o.ID, "checked the address by phone"); err != nil {
		t.Fatal(err)
	}
	r, _ := f.svc.Review(f.ctx, o.ID)
	if r.Decision != app.DecisionApproved || r.Reviewer != "boss" || !r.ReviewedAt.Equal(f.clock) || r.Opinion != "checked the address by phone" {
		t.Fatalf("approval recorded as %+v", r)
	}

	held, _ := f.submitted(f.input(app.LineInput{SKU: "POT-003", Qty: 1}))
	if _, err := f.svc.Hold(boss, held.ID, "wait for the customer's call"); err != nil {
		t.Fatal(err)
	}
	r, _ = f.svc.Review(f.ctx, held.ID)
	if r.Decision != app.DecisionHeld || r.Reviewer != "boss" || r.Opinion != "wait for the customer's call" {
		t.Fatalf("hold recorded as %+v", r)
	}
	rejected, _ := f.submitted(f.input(app.LineInput{SKU: "CUP-002", Qty: 3}))
	if _, err := f.svc.Reject(boss, rejected.ID, "address does not exist"); err != nil {
		t.Fatal(err)
	}
	r, _ = f.svc.Review(f.ctx, rejected.ID)
	if r.Decision != app.DecisionRejected || r.Opinion != "address does not exist" {
		t.Fatalf("reject recorded as %+v", r)
	}
	if _, err := f.svc.Recheck(f.ctx, rejected.ID); err == nil {
		t.Fatal("a rejected order was checked again")
	} else if te := (*app.TransitionError)(nil); !errors.As(err, &te) {
		t.Fatalf("want a transition error, got %v", err)
	}
	f.check()
}

// TestReviewShowsStock: in stock, transferable from another
// warehouse, or short.
func TestReviewShowsStock(t *testing.T) {
	f := newShop(t)
	sz := &app.Warehouse{Code: "SZ", Name: "Shenzhen", Active: true, ShippingRank: 2}
	f.must(f.svc.SaveWarehouse(f.ctx, sz))
	bin := app.Bin{WarehouseID: sz.ID, Code: "A-1-1"}
	f.must(f.svc.AddBin(f.ctx, &bin))
	f.must(f.svc.ReceiveStock(f.ctx, app.StockReceipt{ProductID: f.products[0].ID, BinID: bin.ID, Qty: 20, Reference: "PO-2"}))
	o, _ := f.submitted(f.input(app.LineInput{SKU: "TEA-001", Qty: 60}, app.LineInput{SKU: "CUP-002", Qty: 60},
		app.LineInput{SKU: "POT-003", Qty: 2}))
	got, err := f.svc.Availability(f.ctx, o)
	f.must(err)
	if got[0].State != app.StockTransfer || got[0].Best != "SH" || got[0].Transfers["SZ"] != 10 {
		t.Errorf("TEA-001 60 (50 in SH, 20 in SZ): %+v", got[0])
	}
	if got[1].State != app.StockShort || got[1].Available != 50 {
		t.Errorf("CUP-002 60 (50 in all): %+v", got[1])
	}
	if got[2].State != app.StockInStock {
		t.Errorf("POT-003 2: %+v", got[2])
	}
	f.clock = f.clock.Add(72 * time.Hour)
	o2, _ := f.submitted(f.input(app.LineInput{SKU: "TEA-001", Qty: 30}))
	got, _ = f.svc.Availability(f.ctx, o2)
	if got[0].State != app.StockInStock || got[0].Best != "SH" {
		t.Errorf("TEA-001 30: %+v", got[0])
	}
}
