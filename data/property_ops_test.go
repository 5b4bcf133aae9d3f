package data_test

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"orderdesk/app"
)

// The property test's steps. Each builds an attempt: the call, the
// outcome the model expects from it, and the model's change on success.

// next picks the step to take. Steps some order is ready for weigh three
// times as much as the rest, so that orders get all the way through
// their life; the others still come up, to be refused.
func (r *propRun) next() attempt {
	type op struct {
		weight int
		action app.Action // the order step it takes, if any
		make   func() attempt
	}
	ops := []op{
		{5, "", r.create}, {2, app.ActionEdit, r.edit}, {4, "", r.receive}, {3, "", r.adjust}, {2, "", r.expect},
		{3, app.ActionRecordPayment, r.payment}, {3, app.ActionSubmit, r.onOrder(app.ActionSubmit)},
		{3, app.ActionConfirm, r.onOrder(app.ActionConfirm)}, {1, app.ActionReject, r.onOrder(app.ActionReject)},
		{4, app.ActionAllocate, r.onOrder(app.ActionAllocate)}, {1, app.ActionDeallocate, r.onOrder(app.ActionDeallocate)},
		{4, app.ActionStartPicking, r.onOrder(app.ActionStartPicking)}, {4, app.ActionPack, r.onOrder(app.ActionPack)},
		{3, app.ActionShipPart, r.shipPart}, {4, app.ActionShip, r.onOrder(app.ActionShip)},
		{4, app.ActionDeliver, r.onOrder(app.ActionDeliver)}, {3, app.ActionComplete, r.onOrder(app.ActionComplete)},
		{1, app.ActionHold, r.onOrder(app.ActionHold)}, {2, app.ActionRelease, r.onOrder(app.ActionRelease)},
		{1, app.ActionCancel, r.onOrder(app.ActionCancel)}, {3, "", r.returnGoods},
		{1, "", r.complain},
	}
	total := 0
	for i, o := range ops {
		if o.action != "" && slices.ContainsFunc(r.m.orders, func(m *mOrder) bool { return modelCan(m.status, o.action) }) {
			ops[i].weight *= 3
		}
		total += ops[i].weight
	}
	// The money steps weigh more once something is there for them: money
	// due back, goods that left, a case to decide or pay, a complaint.
	for _, o := range []struct {
		weight int
		ready  bool
		make   func() attempt
	}{
		{2, slices.ContainsFunc(r.m.orders, func(o *mOrder) bool { return o.refundDue() > 0 }), r.refundOrder},
		{2, slices.ContainsFunc(r.m.orders, (*mOrder).shippedAny), r.openPartialRefund},
		{2, slices.ContainsFunc(r.m.cases, func(c *mCase) bool { return c.status == app.CaseRequested }), r.decideCase},
		{2, slices.ContainsFunc(r.m.cases, func(c *mCase) bool { return c.owes() > 0 }), r.refundCase},
		{2, slices.ContainsFunc(r.m.complaints, func(c *mComplaint) bool { return !c.resolved }), r.resolveComplaint},
	} {
		w := 1
		if o.ready {
			w = o.weight * 3
		}
		ops = append(ops, op{weight: w, make: o.make})
		total += w
	}
	n := r.rng.IntN(total)
	for _, o := range ops {
		if n < o.weight {
			return o.make()
		}
		n -= o.weight
	}
	panic("unreachable")
}

// pickOrder mostly picks an order the action is legal for, else any
// order; nil if there are none yet.
func (r *propRun) pickOrder(a app.Action) *mOrder {
	var legal []*mOrder
	for _, o := range r.m.orders {
		if modelCan(o.status, a) {
			legal = append(legal, o)
		}
	}
	if len(legal) > 0 && r.rng.IntN(10) < 8 {
		return legal[r.rng.IntN(len(legal))]
	}
	if len(r.m.orders) == 0 {
		return nil
	}
	return r.m.orders[r.rng.IntN(len(r.m.orders))]
}

func (r *propRun) chance(percent int) bool { return r.rng.IntN(100) < percent }

// reason is a valid reason mostly, and sometimes one too short to keep.
func (r *propRun) reason() (string, bool) {
	if r.chance(12) {
		return []string{"", "x", " "}[r.rng.IntN(3)], false
	}
	return []string{"customer asked to wait", "地址有误", "payment check"}[r.rng.IntN(3)], true
}

// genLines makes one to three valid lines and the model's view of them.
func (r *propRun) genLines() ([]app.LineInput, []mLine) {
	n := 1 + r.rng.IntN(3)
	var in []app.LineInput
	var lines []mLine
	for i := 0; i < n; i++ {
		p := r.f.products[r.rng.IntN(len(r.f.products))]
		li := app.LineInput{Qty: int64(1 + r.rng.IntN(6))}
		switch {
		case p.Barcode != "" && r.chance(25):
			li.SKU = p.Barcode
		case r.chance(30):
			li.ProductID = p.ID
		default:
			li.SKU = p.SKU
		}
		ml := mLine{product: p.ID, qty: li.Qty, price: p.Price}
		if r.chance(25) {
			price := app.Money(r.rng.IntN(20000))
			li.UnitPrice, ml.price = &price, price
		}
		if gross := ml.price * app.Money(li.Qty); gross > 0 && r.chance(20) {
			li.Discount = app.Money(r.rng.Int64N(int64(gross)/3 + 1))
			ml.disc = li.Discount
		}
		in = append(in, li)
		lines = append(lines, ml)
	}
	return in, lines
}

func linesTotal(lines []mLine) app.Money {
	var g app.Money
	for _, l := range lines {
		g += l.price*app.Money(l.qty) - l.disc
	}
	return g
}

// genInput makes a complete order input; what the model needs to know
// about it comes back beside it.
func (r *propRun) genInput() (app.OrderInput, []mLine) {
	f := r.f
	lineIn, lines := r.genLines()
	in := app.OrderInput{
		Channel:        []app.Channel{app.ChannelPhone, app.ChannelWebShop, app.ChannelWalkIn, app.ChannelTaobao, app.ChannelJD}[r.rng.IntN(5)],
		CustomerID:     f.retail.ID,
		RecipientName:  []string{"张伟", "李娜", "Mary Chan", "王芳"}[r.rng.IntN(4)],
		RecipientPhone: fmt.Sprintf("139 %04d %04d", r.rng.IntN(10000), r.rng.IntN(10000)),
		Address:        app.Address{Province: "浙江省", City: "杭州市", District: "西湖区", Street: fmt.Sprintf("文三路 %d 号", 1+r.rng.IntN(500))},
		Lines:          lineIn,
		ShippingFee:    app.Money(r.rng.IntN(2000)),
		PaymentMethod:  []app.PaymentMethod{app.PayAlipay, app.PayWeChat, app.PayCOD, app.PayBank}[r.rng.IntN(4)],
	}
	if r.chance(30) {
		in.CustomerID = f.dealer.ID
		if r.chance(50) {
			in.PaymentMethod = app.PayCredit
		}
	}
	if in.Channel == app.ChannelTaobao || in.Channel == app.ChannelJD {
		in.PlatformOrderID = fmt.Sprintf("P%d-%d", r.seed, r.step)
	}
	if r.chance(30) {
		in.OrderDiscount = app.Money(r.rng.Int64N(int64(linesTotal(lines)+in.ShippingFee)/5 + 1))
	}
	if r.chance(15) {
		in.OrderedAt = r.f.clock.Add(-time.Duration(r.rng.IntN(48*60)) * time.Minute)
	}
	return in, lines
}

// incomplete drops one thing a submitted order needs.
func (r *propRun) incomplete(in *app.OrderInput) {
	switch r.rng.IntN(6) {
	case 0:
		in.CustomerID = 0
		if in.PaymentMethod == app.PayCredit {
			in.PaymentMethod = app.PayCOD
		}
	case 1:
		in.Lines, in.OrderDiscount = nil, 0
	case 2:
		in.RecipientName = ""
	case 3:
		in.RecipientPhone = ""
	case 4:
		in.Address.City = ""
	default:
		in.Address.Province = ""
	}
}

// spoil makes the input wrong in a way even a draft may not be, and
// names the field the refusal must point at.
func (r *propRun) spoil(in *app.OrderInput, lines []mLine) string {
	switch r.rng.IntN(11) {
	case 0:
		in.Lines[0].Qty = []int64{0, -1, app.MaxLineQty + 1}[r.rng.IntN(3)]
		return "lines[0].qty"
	case 1:
		in.Lines[0] = app.LineInput{SKU: "NO-SUCH", Qty: 1}
		return "lines[0].sku"
	case 2:
		in.RecipientPhone = "138-0013-80O0"
		return "recipient.phone"
	case 3:
		in.RecipientName = strings.Repeat("名", app.MaxPersonRunes+1)
		return "recipient.name"
	case 4:
		in.ShippingFee = -100
		return "shipping_fee"
	case 5:
		p := app.Money(-1)
		in.Lines[0].UnitPrice = &p
		return "lines[0].unit_price"
	case 6:
		in.Lines[0].Discount = lines[0].price*app.Money(lines[0].qty) + 1
		return "lines[0].discount"
	case 7:
		in.Channel = "fax"
		return "channel"
	case 8:
		in.CustomerID, in.PaymentMethod = r.f.retail.ID, app.PayCredit
		return "payment_method"
	case 9:
		in.OrderDiscount = linesTotal(lines) + in.ShippingFee + 1
		return "order_discount"
	default:
		in.OrderedAt = r.f.clock.Add(72 * time.Hour)
		return "ordered_at"
	}
}

func (r *propRun) takenPlatformID(channel app.Channel) string {
	for _, o := range r.m.orders {
		if o.channel == channel && o.platformID != "" {
			return o.platformID
		}
	}
	return ""
}

func (r *propRun) create() attempt {
	in, lines := r.genInput()
	submit := r.chance(50)
	a := attempt{subject: app.SubjectOrder, event: "order.created", want: wantOK}
	kind := "complete"
	switch n := r.rng.IntN(100); {
	case n < 15:
		kind, a.want = "spoilt", wantInvalid
		a.field = r.spoil(&in, lines)
	case n < 20 && r.takenPlatformID(app.ChannelTaobao) != "":
		kind, a.want, a.field = "duplicate", wantInvalid, "platform_order_id"
		in.Channel, in.PlatformOrderID = app.ChannelTaobao, r.takenPlatformID(app.ChannelTaobao)
	case n < 40:
		kind = "incomplete"
		r.incomplete(&in)
		if in.Lines == nil {
			lines = nil
		}
		if submit && !inputComplete(in) {
			a.want = wantInvalid
		}
	}
	a.desc = fmt.Sprintf("create %s (submit %v, %d lines)", kind, submit, len(in.Lines))
	a.run = func() (int64, error) {
		o, err := r.f.svc.CreateOrder(r.f.ctx, in, submit)
		if err != nil {
			return 0, err
		}
		return o.ID, nil
	}
	a.apply = func(id int64) {
		r.m.created++
		o := &mOrder{id: id, number: fmt.Sprintf("202605-%03d", r.m.created), channel: in.Channel, platformID: in.PlatformOrderID, phone: in.RecipientPhone,
			status: app.StatusDraft, lines: lines, payable: linesTotal(lines) + in.ShippingFee - in.OrderDiscount, complete: inputComplete(in)}
		if submit {
			o.status = app.StatusPendingReview
		}
		r.m.orders = append(r.m.orders, o)
		r.m.byID[id] = o
		want := 1
		if submit {
			want = 2 // created, and the review's check
		}
		if h := r.history(app.SubjectOrder, id); len(h) != want {
			r.fatalf("a new order has %d events, want %d", len(h), want)
		}
	}
	return a
}

func (r *propRun) edit() attempt {
	mo := r.pickOrder(app.ActionEdit)
	if mo == nil {
		return r.create()
	}
	current := r.order(mo.id)
	version := current.Version
	in, lines := r.genInput()
	in.Channel, in.PlatformOrderID = mo.channel, mo.platformID
	a := attempt{subject: app.SubjectOrder, id: mo.id, event: "order.changed", want: wantOK}
	kind := "complete"
	switch n := r.rng.IntN(100); {
	case n < 10:
		kind, version = "stale", version-1
	case n < 22:
		kind = "spoilt"
		a.field = r.spoil(&in, lines)
	case n < 35:
		kind = "incomplete"
		r.incomplete(&in)
		if in.Lines == nil {
			lines = nil
		}
	}
	payable := linesTotal(lines) + in.ShippingFee - in.OrderDiscount
	switch {
	case kind == "stale":
		a.want = wantConflict
	case !modelCan(mo.status, app.ActionEdit) || mo.shippedAny():
		a.want = wantIllegal
	case kind == "spoilt":
		a.want = wantInvalid
	case mo.status != app.StatusDraft && !inputComplete(in):
		a.want = wantInvalid
	case payable-mo.credited-(mo.paid-mo.refunded) < 0:
		// The new total, less what was credited, is less than the money
		// the shop holds: that would be money due back.
		a.want, a.field = wantInvalid, "lines"
	}
	a.desc = fmt.Sprintf("edit %s order %s (%s)", kind, mo.number, mo.status)
	a.run = func() (int64, error) {
		_, err := r.f.svc.UpdateOrder(r.f.ctx, mo.id, version, in)
		return 0, err
	}
	a.apply = func(int64) {
		wasAllocated := mo.status == app.StatusAllocated
		if wasAllocated {
			r.m.release(mo)
			mo.status = app.StatusConfirmed
		}
		mo.lines, mo.payable, mo.complete, mo.phone = lines, payable, inputComplete(in), in.RecipientPhone
		// The changed order is allocated again when all of it is there.
		if plan, enough := r.m.allocate(mo); wasAllocated && enough {
			r.m.reserve(mo, plan)
			mo.status = app.StatusAllocated
		}
	}
	return a
}

// onOrder makes the steps that only move an order on (and, for some,
// reserve, release or send stock).
func (r *propRun) onOrder(action app.Action) func() attempt {
	return func() attempt {
		mo := r.pickOrder(action)
		if mo == nil {
			return r.create()
		}
		svc, ctx := r.f.svc, r.f.ctx
		a := attempt{subject: app.SubjectOrder, id: mo.id, event: "order." + string(action), want: wantOK,
			desc: fmt.Sprintf("%s order %s (%s)", action, mo.number, mo.status)}
		if r.chance(2) {
			// An order that is not there.
			a.id, a.want = 0, wantMissing
			a.run = func() (int64, error) { _, err := svc.Submit(ctx, 1_000_000); return 0, err }
			a.desc = "submit a missing order"
			return a
		}
		if !modelCan(mo.status, action) {
			a.want = wantIllegal
		}
		var call func() (*app.Order, error)
		var apply func()
		switch action {
		case app.ActionSubmit:
			call = func() (*app.Order, error) { return svc.Submit(ctx, mo.id) }
			if a.want == wantOK && !mo.complete {
				a.want = wantInvalid
			}
			apply = func() { mo.status = app.StatusPendingReview }
		case app.ActionConfirm:
			call = func() (*app.Order, error) { return svc.Confirm(ctx, mo.id) }
			apply = func() { mo.status, mo.settledAtConfirm = app.StatusConfirmed, mo.outstanding() == 0 }
		case app.ActionReject:
			reason, good := r.reason()
			if !good {
				a.want, a.field = wantInvalid, "reason"
			}
			call = func() (*app.Order, error) { return svc.Reject(ctx, mo.id, reason) }
			apply = func() { r.m.dead(mo); r.noteDead(mo) }
		case app.ActionAllocate:
			call = func() (*app.Order, error) { return svc.Allocate(ctx, mo.id) }
			plan, enough := r.m.allocate(mo)
			if a.want == wantOK && !enough {
				a.want = wantInvalid
			}
			apply = func() { r.m.reserve(mo, plan); mo.status = app.StatusAllocated }
		case app.ActionDeallocate:
			reason, good := r.reason()
			if !good {
				a.want, a.field = wantInvalid, "reason"
			}
			call = func() (*app.Order, error) { return svc.Deallocate(ctx, mo.id, reason) }
			apply = func() {
				r.m.release(mo)
				mo.status = app.StatusConfirmed
				if mo.shippedAny() {
					mo.status = app.StatusPartlyShipped
				}
			}
		case app.ActionStartPicking:
			call = func() (*app.Order, error) { return svc.StartPicking(ctx, mo.id) }
			apply = func() { mo.status = app.StatusPicking }
		case app.ActionPack:
			call = func() (*app.Order, error) { return svc.Pack(ctx, mo.id) }
			if a.want == wantOK && !mo.heldAny() {
				a.want = wantInvalid // nothing picked is waiting for a box
			}
			apply = func() { mo.status = app.StatusPacked }
		case app.ActionShip:
			call = func() (*app.Order, error) { return svc.Ship(ctx, mo.id) }
			if a.want == wantOK && !mo.heldAny() {
				a.want = wantInvalid // the rest of a part shipment is not held yet
			}
			apply = func() { r.m.shipAll(mo) }
		case app.ActionDeliver:
			signer := []string{"", "张伟", "front desk"}[r.rng.IntN(3)]
			if r.chance(8) {
				signer = strings.Repeat("签", 61)
				a.want, a.field = wantInvalid, "signer"
			}
			call = func() (*app.Order, error) { return svc.Deliver(ctx, mo.id, signer) }
			apply = func() { mo.status = app.StatusDelivered }
		case app.ActionComplete:
			call = func() (*app.Order, error) { return svc.Complete(ctx, mo.id) }
			apply = func() { mo.status = app.StatusCompleted }
		case app.ActionHold:
			reason, good := r.reason()
			if !good {
				a.want, a.field = wantInvalid, "reason"
			}
			call = func() (*app.Order, error) { return svc.Hold(ctx, mo.id, reason) }
			apply = func() { mo.heldFrom, mo.status = mo.status, app.StatusOnHold }
		case app.ActionRelease:
			call = func() (*app.Order, error) { return svc.Release(ctx, mo.id) }
			apply = func() { mo.status, mo.heldFrom = mo.heldFrom, "" }
		case app.ActionCancel:
			reason, good := r.reason()
			if !good {
				a.want, a.field = wantInvalid, "reason"
			}
			if a.want == wantOK && mo.shippedAny() {
				// Goods that left come back as returns: an order part of
				// which shipped is not cancelled, though the rest of it
				// is allocated again (its credit would be the goods too).
				a.want = wantIllegal
			}
			call = func() (*app.Order, error) { return svc.Cancel(ctx, mo.id, reason) }
			apply = func() { r.m.release(mo); r.m.dead(mo); r.noteDead(mo) }
		default:
			panic("no step for " + action)
		}
		a.run = func() (int64, error) {
			o, err := call()
			if err == nil && o.Status == "" {
				r.fatalf("%s returned an order without a status", action)
			}
			return 0, err
		}
		a.apply = func(int64) {
			apply()
			if mo.status != app.StatusOnHold {
				mo.heldFrom = "" // only an order on hold has somewhere to return to
			}
		}
		return a
	}
}

func (r *propRun) shipPart() attempt {
	mo := r.pickOrder(app.ActionShipPart)
	if mo == nil {
		return r.create()
	}
	current := r.order(mo.id)
	if len(current.Lines) != len(mo.lines) {
		r.fatalf("order %s has %d lines, model %d", mo.number, len(current.Lines), len(mo.lines))
	}
	qty := make([]int64, len(mo.lines))
	byLine := map[int64]int64{}
	for i, l := range mo.lines {
		left := l.qty - l.shipped
		switch {
		case left > 0 && r.chance(55):
			qty[i] = 1 + r.rng.Int64N(left)
		case r.chance(5):
			qty[i] = left + 1 // more than is left
		}
		if qty[i] != 0 {
			byLine[current.Lines[i].ID] = qty[i]
		}
	}
	a := attempt{subject: app.SubjectOrder, id: mo.id, event: "order.ship_part", want: wantOK,
		desc: fmt.Sprintf("ship_part order %s (%s) %v", mo.number, mo.status, qty)}
	moves, shipped, good := r.m.planShipPart(mo, qty)
	switch {
	case !modelCan(mo.status, app.ActionShipPart):
		a.want = wantIllegal
	case !good:
		a.want = wantInvalid
	}
	a.run = func() (int64, error) { _, err := r.f.svc.ShipPart(r.f.ctx, mo.id, byLine); return 0, err }
	a.apply = func(int64) { r.m.applyShipPart(mo, moves, shipped) }
	return a
}

func (r *propRun) payment() attempt {
	mo := r.pickOrder(app.ActionRecordPayment)
	if mo == nil {
		return r.create()
	}
	// Never more than is outstanding: what the order asks less its
	// credits and the money kept.
	out := mo.outstanding()
	var amount app.Money
	switch n := r.rng.IntN(100); {
	case out > 0 && n < 40:
		amount = out
	case out > 0 && n < 75:
		amount = 1 + app.Money(r.rng.Int64N(int64(out)))
	case n < 88:
		amount = out + 1 + app.Money(r.rng.IntN(5000))
	case n < 95:
		amount = -app.Money(r.rng.IntN(100))
	default:
		amount = 2_000_000_000_000
	}
	method := app.PaymentMethods()[r.rng.IntN(len(app.PaymentMethods()))]
	a := attempt{subject: app.SubjectOrder, id: mo.id, event: "order.payment", want: wantOK,
		desc: fmt.Sprintf("payment of %d on order %s (%s, %s, %d outstanding)", amount, mo.number, mo.status, mo.paymentStatus(), out)}
	switch {
	case amount <= 0 || amount > 1_000_000_000_000:
		a.want, a.field = wantInvalid, "amount"
	case !modelCan(mo.status, app.ActionRecordPayment):
		a.want = wantIllegal
	case amount > out:
		a.want, a.field = wantInvalid, "amount"
	}
	a.run = func() (int64, error) {
		_, err := r.f.svc.RecordPayment(r.f.ctx, mo.id, app.PaymentInput{Method: method, Amount: amount, TransactionID: "T" + fmt.Sprint(r.step)})
		return 0, err
	}
	a.apply = func(int64) {
		if mo.credited > 0 {
			r.note("payment on a credited order")
		}
		mo.paid += amount
	}
	return a
}

// returnGoods takes back goods that left, as one after-sales case opened,
// approved and received: each unit restocked into a random bin or
// scrapped. The goods' value is credited, whether or not the order was
// paid; the case pays back the part of the credit the customer had paid
// for (beyond what they still owed), at once, in part, or later (the
// refundCase step). Asking back more than shipped less returned is
// refused with nothing changed.
func (r *propRun) returnGoods() attempt {
	var sent []*mOrder
	for _, o := range r.m.orders {
		for _, l := range o.lines {
			if l.shipped > l.returned {
				sent = append(sent, o)
				break
			}
		}
	}
	if len(sent) == 0 {
		return r.create()
	}
	mo := sent[r.rng.IntN(len(sent))]
	current := r.order(mo.id)
	i := r.rng.IntN(len(mo.lines))
	for mo.lines[i].shipped == mo.lines[i].returned {
		i = (i + 1) % len(mo.lines)
	}
	left := mo.lines[i].shipped - mo.lines[i].returned
	qty := 1 + r.rng.Int64N(left)
	if r.chance(10) {
		qty = left + 1
	}
	restock := r.chance(60)
	bin := r.randomBin()
	a := attempt{subject: app.SubjectOrder, id: mo.id, event: "case.opened", want: wantOK,
		desc: fmt.Sprintf("return %d of line %d of order %s (%s, %s, %d left)", qty, i+1, mo.number, mo.status, mo.paymentStatus(), left)}
	if qty > left {
		a.want, a.field = wantInvalid, "lines[0].qty"
	}
	lineID := current.Lines[i].ID
	// What the units were paid at: the line's amount after its discount,
	// per unit, from the model's own line.
	ml := mo.lines[i]
	value := (ml.price*app.Money(ml.qty) - ml.disc) * app.Money(qty) / app.Money(ml.qty)
	credit := min(value, mo.creditable())
	back := max(credit-mo.outstanding(), 0)
	refund := back
	switch n := r.rng.IntN(100); {
	case back > 0 && n < 30:
		refund = 1 + app.Money(r.rng.Int64N(int64(back)))
	case n < 50:
		refund = 0 // paid back later, by refundCase
	}
	var caseID int64
	var caseNo string
	a.run = func() (int64, error) {
		svc, ctx := r.f.svc, r.f.ctx
		c, err := svc.OpenCase(ctx, app.CaseInput{OrderID: mo.id, Kind: app.CaseReturnRefund, Reason: app.ReasonQuality,
			Lines: []app.CaseLineInput{{LineID: lineID, Qty: qty}}})
		if err != nil {
			return 0, err
		}
		caseID, caseNo = c.ID, c.Number
		if _, err := svc.ApproveCase(ctx, c.ID, ""); err != nil {
			r.fatalf("approve case %s: %v", c.Number, err)
		}
		seen := app.InspectedLine{LineID: lineID, QtyReceived: qty, Disposition: app.DispositionScrap}
		if restock {
			seen.Disposition, seen.BinID = app.DispositionRestock, bin.id
		}
		if c, err = svc.ReceiveReturn(ctx, c.ID, app.Inspection{Lines: []app.InspectedLine{seen}}); err != nil {
			r.fatalf("receive case %s: %v", c.Number, err)
		}
		if c.RefundAmount != back {
			r.fatalf("case %s of goods worth %d owes %d back, the model %d (credit %d, order owed %d)", c.Number, value,
				c.RefundAmount, back, credit, mo.outstanding())
		}
		if refund > 0 {
			if _, err := svc.RefundCase(ctx, c.ID, app.RefundInput{Amount: refund}); err != nil {
				r.fatalf("refund case %s: %v", c.Number, err)
			}
		}
		return 0, nil
	}
	a.apply = func(int64) {
		mo.lines[i].returned += qty
		if restock {
			r.m.onHand[binKey{mo.lines[i].product, bin.id}] += qty
		}
		if booked, due := mo.credit(app.CreditReturn, value); booked != credit || due != back {
			r.fatalf("the model credits %d (%d back), it expected %d (%d back)", booked, due, credit, back)
		}
		mo.refunded += refund
		switch {
		case back == 0:
			r.note("return credited, nothing due back")
		case back == credit:
			r.note("return credited, all due back")
		default:
			r.note("return credited, part due back")
		}
		c := &mCase{id: caseID, number: caseNo, order: mo, status: app.CaseClosed, refundAmount: back, refunded: refund}
		if refund < back {
			c.status = app.CaseReceived
		}
		r.m.cases = append(r.m.cases, c)
	}
	return a
}
