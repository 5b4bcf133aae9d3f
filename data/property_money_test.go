package data_test

import (
	"fmt"
	"slices"
	"strings"

	"orderdesk/app"
)

// The property test's money: refunds of what is due back, partial refunds
// agreed in after-sales cases, complaints resolved with compensation, and
// after every step the identity each order's money keeps, against the
// model's own bookkeeping:
//
//	balance = payable - credited - (received - paid back)
//	outstanding = max(balance, 0), refund due = max(-balance, 0)
//
// Credits (goods returned, the order cancelled, a partial refund,
// compensation) never exceed what the order asks; money paid back never
// exceeds what came in; and what is owed to the shop (the receivables)
// is the positive balances of its sales past review and not cancelled.

// pickDue mostly picks an order with money due back (a cancelled paid
// order, goods returned on a paid one), else any order.
func (r *propRun) pickDue() *mOrder {
	var due []*mOrder
	for _, o := range r.m.orders {
		if o.refundDue() > 0 {
			due = append(due, o)
		}
	}
	if len(due) > 0 && r.chance(80) {
		return due[r.rng.IntN(len(due))]
	}
	if len(r.m.orders) == 0 {
		return nil
	}
	return r.m.orders[r.rng.IntN(len(r.m.orders))]
}

// refundOrder pays back money due on an order (RecordRefund): never more
// than is due back, and nothing where nothing is.
func (r *propRun) refundOrder() attempt {
	mo := r.pickDue()
	if mo == nil {
		return r.create()
	}
	due := mo.refundDue()
	var amount app.Money
	switch n := r.rng.IntN(100); {
	case due > 0 && n < 50:
		amount = due
	case due > 0 && n < 75:
		amount = 1 + app.Money(r.rng.Int64N(int64(due)))
	case n < 92:
		amount = due + 1 + app.Money(r.rng.IntN(3000))
	default:
		amount = -app.Money(r.rng.IntN(50))
	}
	a := attempt{subject: app.SubjectOrder, id: mo.id, event: "order.refund", want: wantOK,
		desc: fmt.Sprintf("refund %d on order %s (%s, %s, %d due back)", amount, mo.number, mo.status, mo.paymentStatus(), due)}
	if amount <= 0 || amount > due {
		a.want, a.field = wantInvalid, "amount"
	}
	a.run = func() (int64, error) {
		_, err := r.f.svc.RecordRefund(r.f.ctx, mo.id, app.RefundInput{Amount: amount, Reference: "paid back, step " + fmt.Sprint(r.step)})
		return 0, err
	}
	a.apply = func(int64) {
		mo.refunded += amount
		if mo.status == app.StatusCancelled {
			r.note("refund on a cancelled order")
		} else {
			r.note("refund on an order going on")
		}
	}
	return a
}

// note counts a money path the steps took, shown with -v beside the
// steps' outcomes.
func (r *propRun) note(path string) { r.stats["· money: "+path]++ }

// noteDead counts what a cancelled or rejected order left behind.
func (r *propRun) noteDead(o *mOrder) {
	switch {
	case o.refundDue() > 0:
		r.note("cancelled with money due back")
	case o.paid > 0:
		r.note("cancelled, money already paid back")
	default:
		r.note("cancelled unpaid")
	}
}

// shippedOrders are the orders after-sales cases may be opened on.
func (r *propRun) shippedOrders() []*mOrder {
	var out []*mOrder
	for _, o := range r.m.orders {
		if o.shippedAny() {
			out = append(out, o)
		}
	}
	return out
}

// openPartialRefund asks for a partial refund on an order: agreed, it is a
// credit, so never more than the order still asks; an order nothing of
// which left is refused.
func (r *propRun) openPartialRefund() attempt {
	sent := r.shippedOrders()
	var mo *mOrder
	switch {
	case len(sent) > 0 && r.chance(90):
		mo = sent[r.rng.IntN(len(sent))]
	case len(r.m.orders) > 0:
		mo = r.m.orders[r.rng.IntN(len(r.m.orders))]
	default:
		return r.create()
	}
	left := mo.creditable()
	var amount app.Money
	switch n := r.rng.IntN(100); {
	case left > 0 && n < 20:
		amount = left
	case left > 0 && n < 80:
		amount = 1 + app.Money(r.rng.Int64N(int64(left)))
	case n < 93:
		amount = left + 1 + app.Money(r.rng.IntN(2000))
	default:
		amount = 0
	}
	a := attempt{subject: app.SubjectOrder, id: mo.id, event: "case.opened", want: wantOK,
		desc: fmt.Sprintf("open a partial refund of %d on order %s (%s, %s, %d creditable)", amount, mo.number, mo.status,
			mo.paymentStatus(), left)}
	switch {
	case amount <= 0:
		a.want, a.field = wantInvalid, "refund_amount"
	case !mo.shippedAny():
		a.want = wantIllegal
	case amount > left:
		a.want, a.field = wantInvalid, "refund_amount"
	}
	var c *app.Case
	a.run = func() (int64, error) {
		var err error
		c, err = r.f.svc.OpenCase(r.f.ctx, app.CaseInput{OrderID: mo.id, Kind: app.CasePartialRefund, Reason: app.ReasonDamaged,
			Details: "box dented", RefundAmount: amount})
		return 0, err
	}
	a.apply = func(int64) {
		if c.Status != app.CaseRequested || c.RefundAmount != amount {
			r.fatalf("case %s opened %s, %d to refund; the model expects requested, %d", c.Number, c.Status, c.RefundAmount, amount)
		}
		r.m.cases = append(r.m.cases, &mCase{id: c.ID, number: c.Number, order: mo, status: app.CaseRequested, asked: amount,
			refundAmount: amount})
	}
	return a
}

// pickCase mostly picks a case the test can still take a step on, else
// any; nil if there are none.
func (r *propRun) pickCase(ready func(*mCase) bool) *mCase {
	var list []*mCase
	for _, c := range r.m.cases {
		if ready(c) {
			list = append(list, c)
		}
	}
	if len(list) > 0 && r.chance(85) {
		return list[r.rng.IntN(len(list))]
	}
	if len(r.m.cases) == 0 {
		return nil
	}
	return r.m.cases[r.rng.IntN(len(r.m.cases))]
}

// decideCase approves or rejects a requested partial refund. Approved, it
// credits the order (what is still creditable of it), and the case pays
// back only what the credit made due back; nothing due, it closes at once.
func (r *propRun) decideCase() attempt {
	c := r.pickCase(func(c *mCase) bool { return c.status == app.CaseRequested })
	if c == nil {
		return r.openPartialRefund()
	}
	mo := c.order
	approve := r.chance(80)
	a := attempt{subject: app.SubjectOrder, id: mo.id, want: wantOK}
	if c.status != app.CaseRequested {
		a.want = wantIllegal
	}
	if approve {
		credit := min(c.asked, mo.creditable())
		back := max(credit-mo.outstanding(), 0)
		a.event = "case.approved"
		if back == 0 {
			a.event = "case.closed"
		}
		a.desc = fmt.Sprintf("approve case %s, a partial refund of %d on order %s (%s, %s, %d owed, %d creditable)", c.number,
			c.asked, mo.number, mo.status, mo.paymentStatus(), mo.outstanding(), mo.creditable())
		a.run = func() (int64, error) {
			got, err := r.f.svc.ApproveCase(r.f.ctx, c.id, "")
			if err == nil && got.RefundAmount != back {
				r.fatalf("case %s credits %d of order %s and pays back %d; the model %d (the order owed %d)", c.number, credit,
					mo.number, got.RefundAmount, back, mo.outstanding())
			}
			return 0, err
		}
		a.apply = func(int64) {
			if booked, due := mo.credit(app.CreditPartialRefund, c.asked); booked != credit || due != back {
				r.fatalf("the model credits %d (%d back), it expected %d (%d back)", booked, due, credit, back)
			}
			c.refundAmount, c.status = back, app.CaseApproved
			if back == 0 {
				c.status = app.CaseClosed
				r.note("partial refund credited, nothing due back")
			} else {
				r.note("partial refund credited, money due back")
			}
		}
		return a
	}
	reason, good := r.reason()
	if !good {
		a.want, a.field = wantInvalid, "reason" // checked before the case's state
	}
	a.event = "case.rejected"
	a.desc = fmt.Sprintf("reject case %s (%s) of order %s", c.number, c.status, mo.number)
	a.run = func() (int64, error) { _, err := r.f.svc.RejectCase(r.f.ctx, c.id, reason); return 0, err }
	a.apply = func(int64) { c.status = app.CaseRejected }
	return a
}

// refundCase pays back (some of) what a case owes: never more than it
// owes, nor more than is due back on its order (money paid back on the
// order itself counts too).
func (r *propRun) refundCase() attempt {
	c := r.pickCase(func(c *mCase) bool { return c.owes() > 0 })
	if c == nil {
		return r.returnGoods()
	}
	mo := c.order
	owed := c.owes()
	var amount app.Money
	switch n := r.rng.IntN(100); {
	case owed > 0 && n < 55:
		amount = owed
	case owed > 0 && n < 85:
		amount = 1 + app.Money(r.rng.Int64N(int64(owed)))
	case n < 95:
		amount = max(owed, 0) + 1 + app.Money(r.rng.IntN(500))
	default:
		amount = 0
	}
	a := attempt{subject: app.SubjectOrder, id: mo.id, event: "order.refund", want: wantOK,
		desc: fmt.Sprintf("case_refund of %d, case %s (%s, owes %d, says %d) on order %s (%d due back)", amount, c.number, c.status, owed, c.refundAmount-c.refunded,
			mo.number, mo.refundDue())}
	switch {
	case amount <= 0:
		a.want, a.field = wantInvalid, "amount"
	case owed <= 0:
		a.want = wantIllegal // closed, rejected, paid back, or not decided yet
	case amount > owed || amount > mo.refundDue():
		a.want, a.field = wantInvalid, "amount"
	}
	a.run = func() (int64, error) {
		_, err := r.f.svc.RefundCase(r.f.ctx, c.id, app.RefundInput{Amount: amount})
		return 0, err
	}
	a.apply = func(int64) {
		c.refunded += amount
		mo.refunded += amount
		if c.refunded == c.refundAmount {
			c.status = app.CaseClosed
		}
	}
	return a
}

// complain takes down a complaint about an order, any order.
func (r *propRun) complain() attempt {
	if len(r.m.orders) == 0 {
		return r.create()
	}
	mo := r.m.orders[r.rng.IntN(len(r.m.orders))]
	in := app.ComplaintInput{Complainant: "王芳", Contact: "139 0000 0000", OrderID: mo.id,
		Content:  []string{"the tea arrived late and crushed", "客服态度不好，电话没人接", "wrong cups in the parcel"}[r.rng.IntN(3)],
		Category: []app.ComplaintCategory{app.ComplaintQuality, app.ComplaintLogistics, app.ComplaintAttitude, app.ComplaintWrong}[r.rng.IntN(4)]}
	a := attempt{subject: app.SubjectOrder, id: mo.id, event: "complaint.registered", want: wantOK,
		desc: fmt.Sprintf("complaint about order %s (%s)", mo.number, mo.status)}
	if r.chance(8) {
		in.Content, a.want, a.field = "bad", wantInvalid, "content"
	}
	var c *app.Complaint
	a.run = func() (int64, error) {
		var err error
		c, err = r.f.svc.RegisterComplaint(r.f.ctx, in)
		return 0, err
	}
	a.apply = func(int64) {
		r.m.complaints = append(r.m.complaints, &mComplaint{id: c.ID, number: c.Number, order: mo})
	}
	return a
}

// resolveComplaint resolves a complaint, often with compensation: a credit
// on its order (never more than the order still asks), of which the part
// the customer had paid for goes back at once.
func (r *propRun) resolveComplaint() attempt {
	var open []*mComplaint
	for _, c := range r.m.complaints {
		if !c.resolved {
			open = append(open, c)
		}
	}
	var c *mComplaint
	switch {
	case len(open) > 0 && r.chance(90):
		c = open[r.rng.IntN(len(open))]
	case len(r.m.complaints) > 0:
		c = r.m.complaints[r.rng.IntN(len(r.m.complaints))]
	default:
		return r.complain()
	}
	mo := c.order
	left := mo.creditable()
	var comp app.Money
	switch n := r.rng.IntN(100); {
	case n < 25:
		comp = 0
	case left > 0 && n < 40:
		comp = left
	case left > 0 && n < 85:
		comp = 1 + app.Money(r.rng.Int64N(int64(left)))
	default:
		comp = left + 1 + app.Money(r.rng.IntN(2000))
	}
	credit := min(comp, left)
	back := max(credit-mo.outstanding(), 0)
	a := attempt{subject: app.SubjectOrder, id: mo.id, event: "complaint.resolved", want: wantOK,
		desc: fmt.Sprintf("resolve complaint %s with %d on order %s (%s, %s, %d owed, %d creditable)", c.number, comp, mo.number,
			mo.status, mo.paymentStatus(), mo.outstanding(), left)}
	switch {
	case c.resolved:
		a.want = wantIllegal
	case comp > left:
		a.want = wantInvalid
	}
	a.run = func() (int64, error) {
		_, err := r.f.svc.ResolveComplaint(r.f.ctx, c.id, app.ComplaintResolution{Resolution: "apologised", Compensation: comp})
		// Too much compensation is a problem with the amount. The form's
		// field is compensation; the service names it amount for now.
		if v, _ := app.IsValidation(err); v != nil && a.want == wantInvalid {
			_, comp := v.For("compensation")
			_, amount := v.For("amount")
			if !comp && !amount {
				r.fatalf("resolving complaint %s refused for %v, want a problem with the compensation", c.number, err)
			}
		}
		return 0, err
	}
	a.apply = func(int64) {
		c.resolved = true
		booked, due := mo.credit(app.CreditCompensation, comp)
		if booked != credit || due != back {
			r.fatalf("the model credits %d (%d back), it expected %d (%d back)", booked, due, credit, back)
		}
		mo.refunded += back
		switch {
		case back > 0:
			r.note("compensation paid back")
		case booked > 0:
			r.note("compensation credited, nothing paid back")
		}
	}
	return a
}

// afterSalesRows counts what the shared row count leaves out: credits,
// cases and complaints and their versions. A refused step changes none.
func (r *propRun) afterSalesRows() [5]int64 {
	r.t.Helper()
	var n [5]int64
	err := r.raw.QueryRow(`SELECT (SELECT count(*) FROM credits), (SELECT COALESCE(sum(amount), 0) FROM credits),
		(SELECT count(*) FROM cases), (SELECT COALESCE(sum(version), 0) FROM cases), (SELECT count(*) FROM complaints)`).
		Scan(&n[0], &n[1], &n[2], &n[3], &n[4])
	if err != nil {
		r.fatalf("count after-sales rows: %v", err)
	}
	return n
}

// compareMoney holds every order's money against the model and the
// identity it keeps, what is owed to the shop against the receivables,
// the cases' refunds, and the tasks about money.
func (r *propRun) compareMoney() {
	r.t.Helper()
	rows, err := r.raw.Query(`SELECT id, number, kind, status, payable, amount_credited, amount_paid, amount_refunded,
		payment_status FROM orders ORDER BY id`)
	if err != nil {
		r.fatalf("orders' money: %v", err)
	}
	type stored struct {
		o      app.Order
		status app.Status
	}
	var list []stored
	for rows.Next() {
		var s stored
		if err := rows.Scan(&s.o.ID, &s.o.Number, &s.o.Kind, &s.status, &s.o.Payable, &s.o.AmountCredited, &s.o.AmountPaid,
			&s.o.AmountRefunded, &s.o.PaymentStatus); err != nil {
			r.fatalf("orders' money: %v", err)
		}
		list = append(list, s)
	}
	rows.Close()
	if len(list) != len(r.m.orders) {
		r.fatalf("the store has %d orders, the model %d", len(list), len(r.m.orders))
	}
	owedModel := map[int64]app.Money{}
	var sumModel app.Money
	for _, s := range list {
		o, mo := s.o, r.m.byID[s.o.ID]
		if mo == nil {
			r.fatalf("order %s is not in the model", o.Number)
		}
		if o.Payable != mo.payable || o.AmountCredited != mo.credited || o.AmountPaid != mo.paid || o.AmountRefunded != mo.refunded ||
			o.PaymentStatus != mo.paymentStatus() {
			r.fatalf("order %s (%s): payable %d, credited %d, received %d, paid back %d, %s; model says %d, %d, %d, %d, %s",
				o.Number, s.status, o.Payable, o.AmountCredited, o.AmountPaid, o.AmountRefunded, o.PaymentStatus,
				mo.payable, mo.credited, mo.paid, mo.refunded, mo.paymentStatus())
		}
		// The identity, first in the model's own terms…
		bal := mo.payable - mo.credited - (mo.paid - mo.refunded)
		switch {
		case mo.refunded < 0 || mo.refunded > mo.paid:
			r.fatalf("order %s: the model paid back %d of %d received", mo.number, mo.refunded, mo.paid)
		case mo.credited < 0 || mo.credited > max(mo.payable, 0):
			r.fatalf("order %s: the model credited %d of %d payable", mo.number, mo.credited, mo.payable)
		case mo.status == app.StatusCancelled && mo.payable-mo.credited != 0:
			r.fatalf("cancelled order %s still asks %d in the model", mo.number, mo.payable-mo.credited)
		}
		// …then as the order reads it.
		if o.Balance() != bal || o.Outstanding() != max(bal, 0) || o.RefundDue() != max(-bal, 0) || o.Creditable() != mo.creditable() {
			r.fatalf("order %s: balance %d, outstanding %d, due back %d, creditable %d; model says %d, %d, %d, %d", o.Number,
				o.Balance(), o.Outstanding(), o.RefundDue(), o.Creditable(), bal, max(bal, 0), max(-bal, 0), mo.creditable())
		}
		if mo.receivable() {
			owedModel[mo.id] = bal
			sumModel += bal
		}
	}

	owed, err := r.f.svc.Receivables(r.f.ctx, 0)
	if err != nil {
		r.fatalf("receivables: %v", err)
	}
	owedStore := map[int64]app.Money{}
	var sumStore app.Money
	for _, rc := range owed {
		owedStore[rc.OrderID] = rc.Outstanding
		sumStore += rc.Outstanding
	}
	if sumStore != sumModel || fmt.Sprint(owedStore) != fmt.Sprint(owedModel) {
		r.fatalf("receivables come to %d: %v; model says %d: %v", sumStore, owedStore, sumModel, owedModel)
	}

	// Cases: what each owes back and paid back, and whether it is open.
	crows, err := r.raw.Query(`SELECT id, number, status, refund_amount, refunded FROM cases ORDER BY id`)
	if err != nil {
		r.fatalf("cases: %v", err)
	}
	n := 0
	for crows.Next() {
		var id int64
		var number string
		var status app.CaseStatus
		var amount, refunded app.Money
		if err := crows.Scan(&id, &number, &status, &amount, &refunded); err != nil {
			r.fatalf("cases: %v", err)
		}
		if n >= len(r.m.cases) {
			r.fatalf("case %s is not in the model", number)
		}
		c := r.m.cases[n]
		n++
		if c.id != id || c.status != status || c.refundAmount != amount || c.refunded != refunded {
			r.fatalf("case %s is %s, pays back %d, paid back %d; model says %s %s, %d, %d", number, status, amount, refunded,
				c.number, c.status, c.refundAmount, c.refunded)
		}
	}
	crows.Close()
	if n != len(r.m.cases) {
		r.fatalf("the store has %d cases, the model %d", n, len(r.m.cases))
	}

	// A task asks finance to pay back what a cancelled order or a case
	// still owes, one each, and none once it is paid back. Once an order
	// owes nothing, no task chases its money. (A dealer's order on credit
	// terms confirmed when it owed nothing already gets its due-soon and
	// collection tasks all the same, as before credits; those are let be.)
	trows, err := r.raw.Query(`SELECT kind, subject_id, count(*) FROM tasks WHERE done_at = '' AND (kind IN ('refund_due', 'case_refund')
		OR subject_kind = 'order' AND kind IN ('payment_reminder', 'payment_contact', 'payment_due_soon', 'collect')) GROUP BY 1, 2`)
	if err != nil {
		r.fatalf("tasks: %v", err)
	}
	openTasks := map[string]int{}
	var chasing []string
	for trows.Next() {
		var kind app.TaskKind
		var id int64
		var k int
		if err := trows.Scan(&kind, &id, &k); err != nil {
			r.fatalf("tasks: %v", err)
		}
		switch kind {
		case app.TaskRefundDue, app.TaskCaseRefund:
			openTasks[fmt.Sprintf("%s/%d", kind, id)] = k
		case app.TaskPaymentDueSoon, app.TaskCollect:
			if o := r.m.byID[id]; o != nil && o.outstanding() == 0 && !o.settledAtConfirm {
				chasing = append(chasing, fmt.Sprintf("%s for %s (%s, %s)", kind, o.number, o.status, o.paymentStatus()))
			}
		default:
			if o := r.m.byID[id]; o != nil && o.outstanding() == 0 {
				chasing = append(chasing, fmt.Sprintf("%s for %s (%s, %s)", kind, o.number, o.status, o.paymentStatus()))
			}
		}
	}
	trows.Close()
	if len(chasing) > 0 {
		r.fatalf("orders owe nothing, yet tasks ask for their money: %s", strings.Join(chasing, "; "))
	}
	wantTasks := map[string]int{}
	for _, o := range r.m.orders {
		if o.status == app.StatusCancelled && o.refundDue() > 0 {
			wantTasks[fmt.Sprintf("%s/%d", app.TaskRefundDue, o.id)] = 1
		}
	}
	for _, c := range r.m.cases {
		if c.owes() > 0 {
			wantTasks[fmt.Sprintf("%s/%d", app.TaskCaseRefund, c.id)] = 1
		}
	}
	if fmt.Sprint(openTasks) != fmt.Sprint(wantTasks) {
		r.fatalf("open refund tasks %v; model says %v", openTasks, wantTasks)
	}
}

// compareCredits holds the order a step touched against the model: its
// credit notes one by one, and its balance as the order reads it.
func (r *propRun) compareCredits(o *app.Order, mo *mOrder) {
	r.t.Helper()
	credits, err := r.f.svc.Credits(r.f.ctx, o.ID)
	if err != nil {
		r.fatalf("credits of order %s: %v", mo.number, err)
	}
	var got []mCredit
	for _, c := range credits {
		if c.OrderID != o.ID {
			r.fatalf("order %s lists a credit of order %d", o.Number, c.OrderID)
		}
		got = append(got, mCredit{c.Kind, c.Amount})
	}
	if !slices.Equal(got, mo.credits) {
		r.fatalf("order %s has credits %v; model says %v", mo.number, got, mo.credits)
	}
	if o.AmountCredited != mo.credited || o.Balance() != mo.balance() || o.Outstanding() != mo.outstanding() ||
		o.RefundDue() != mo.refundDue() {
		r.fatalf("order %s: credited %d, balance %d, outstanding %d, due back %d; model says %d, %d, %d, %d", o.Number,
			o.AmountCredited, o.Balance(), o.Outstanding(), o.RefundDue(), mo.credited, mo.balance(), mo.outstanding(), mo.refundDue())
	}
}
