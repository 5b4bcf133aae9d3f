package data_test

import (
	"slices"
	"sort"

	"orderdesk/app"
)

// The model is the property test's own idea of the shop, kept without
// looking at the store: stock per product and bin, and each order's
// status, lines, money and reservations. Its rules are written out here
// again on purpose, so that a slip in the services shows as a difference.

type binKey struct{ product, bin int64 }

type transitKey struct{ product, warehouse int64 }

type binInfo struct {
	id, warehouse int64
	rank          int
	whCode, code  string
	aisle         string
	shelf, pos    int
}

type whInfo struct {
	id   int64
	rank int
	code string
}

type mLine struct {
	product                int64
	qty, shipped, returned int64
	price, disc            app.Money
}

type mOrder struct {
	id               int64
	number           string
	channel          app.Channel
	platformID       string
	phone            string // the recipient's, as typed
	status, heldFrom app.Status
	lines            []mLine
	// The money, as an accountant keeps it: what the order asks, what
	// the shop took off it apart from money (credits), what came in and
	// what went back out.
	payable  app.Money
	credited app.Money
	paid     app.Money // money received
	refunded app.Money // money paid back, by a case, a complaint or a refund
	credits  []mCredit // oldest first
	complete bool      // has what submitting needs
	// settledAtConfirm: it owed nothing when it was confirmed (its
	// due-soon and collection tasks open all the same: compareMoney).
	settledAtConfirm bool
	reserved         map[binKey]int64
}

// mCredit is one credit note the model expects on an order.
type mCredit struct {
	kind   app.CreditKind
	amount app.Money
}

// mCase is an after-sales case the model follows for its money: what it
// owes back and what it paid back so far.
type mCase struct {
	id           int64
	number       string
	order        *mOrder
	status       app.CaseStatus
	asked        app.Money // a partial refund: the amount asked for
	refundAmount app.Money // what the case pays back (a partial refund: asked, until it is approved)
	refunded     app.Money
}

// owes is what the case still has to pay back: once it is decided (a
// requested case has agreed to nothing yet).
func (c *mCase) owes() app.Money {
	if c.status != app.CaseApproved && c.status != app.CaseReceived {
		return 0
	}
	return c.refundAmount - c.refunded
}

// mComplaint is a complaint about an order, resolved or not.
type mComplaint struct {
	id       int64
	number   string
	order    *mOrder
	resolved bool
}

type shopModel struct {
	bins       []binInfo // in walking order: warehouse rank, code, then aisle, shelf, position
	warehouses []whInfo  // by rank, then code
	binByID    map[int64]binInfo
	onHand     map[binKey]int64
	reserved   map[binKey]int64
	inTransit  map[transitKey]int64
	orders     []*mOrder
	byID       map[int64]*mOrder
	cases      []*mCase
	complaints []*mComplaint
	products   []int64
	created    int // orders created, for the next number
}

func newShopModel() *shopModel {
	return &shopModel{binByID: map[int64]binInfo{}, onHand: map[binKey]int64{}, reserved: map[binKey]int64{},
		inTransit: map[transitKey]int64{}, byID: map[int64]*mOrder{}}
}

func (m *shopModel) addWarehouse(w *app.Warehouse) {
	m.warehouses = append(m.warehouses, whInfo{w.ID, w.ShippingRank, w.Code})
	sort.SliceStable(m.warehouses, func(i, j int) bool {
		a, b := m.warehouses[i], m.warehouses[j]
		if a.rank != b.rank {
			return a.rank < b.rank
		}
		return a.code < b.code
	})
}

func (m *shopModel) addBin(b app.Bin, w whInfo) {
	aisle, shelf, pos := app.ParseBinCode(b.Code)
	info := binInfo{id: b.ID, warehouse: w.id, rank: w.rank, whCode: w.code, code: b.Code, aisle: aisle, shelf: shelf, pos: pos}
	m.binByID[b.ID] = info
	m.bins = append(m.bins, info)
	sort.SliceStable(m.bins, func(i, j int) bool {
		a, b := m.bins[i], m.bins[j]
		switch {
		case a.rank != b.rank:
			return a.rank < b.rank
		case a.whCode != b.whCode:
			return a.whCode < b.whCode
		case a.aisle != b.aisle:
			return a.aisle < b.aisle
		case a.shelf != b.shelf:
			return a.shelf < b.shelf
		case a.pos != b.pos:
			return a.pos < b.pos
		}
		return a.code < b.code
	})
}

func (m *shopModel) available(k binKey) int64 { return m.onHand[k] - m.reserved[k] }

// heldByLine shares what the order holds out to its lines: per product,
// first line first.
func (m *shopModel) heldByLine(o *mOrder) []int64 {
	byProduct := map[int64]int64{}
	for k, q := range o.reserved {
		byProduct[k.product] += q
	}
	out := make([]int64, len(o.lines))
	for i, l := range o.lines {
		out[i] = min(byProduct[l.product], l.qty-l.shipped)
		byProduct[l.product] -= out[i]
	}
	return out
}

// allocPlan is what allocating an order does: the units it reserves per
// bin and the on-hand changes of the transfers it makes.
type allocPlan struct {
	reserve, transfer map[binKey]int64
}

// allocate plans the reservations for what an order still needs: one
// home warehouse, the one that can cover the most units (the cheaper to
// ship from among equals; the test's addresses are equally near to
// both), bins in walking order; what home lacks is transferred in from
// the other warehouse's bins, in walking order, to the first home bin
// holding the product (else home's first bin). It returns false if any
// line is still short.
func (m *shopModel) allocate(o *mOrder) (allocPlan, bool) {
	held := m.heldByLine(o)
	need := make([]int64, len(o.lines))
	for i, l := range o.lines {
		need[i] = l.qty - l.shipped - held[i]
	}
	p := allocPlan{reserve: map[binKey]int64{}, transfer: map[binKey]int64{}}
	free := func(k binKey) int64 { return m.onHand[k] + p.transfer[k] - m.reserved[k] - p.reserve[k] }
	covered := func(w int64) int64 {
		var n int64
		for i, l := range o.lines {
			var avail int64
			for _, b := range m.bins {
				if b.warehouse == w {
					avail += max(free(binKey{l.product, b.id}), 0)
				}
			}
			n += min(avail, max(need[i], 0))
		}
		return n
	}
	ws := slices.Clone(m.warehouses)
	sort.SliceStable(ws, func(i, j int) bool {
		ci, cj := covered(ws[i].id), covered(ws[j].id)
		if ci != cj {
			return ci > cj
		}
		return ws[i].rank < ws[j].rank
	})
	home := ws[0].id
	for i, l := range o.lines {
		n := need[i]
		if n <= 0 {
			continue
		}
		for _, b := range m.bins {
			k := binKey{l.product, b.id}
			if n == 0 || b.warehouse != home || free(k) <= 0 {
				continue
			}
			take := min(n, free(k))
			p.reserve[k] += take
			n -= take
		}
		if n == 0 {
			continue
		}
		var recv binKey
		found := false
		for _, b := range m.bins {
			if b.warehouse == home && m.onHand[binKey{l.product, b.id}]+p.transfer[binKey{l.product, b.id}] > 0 {
				recv, found = binKey{l.product, b.id}, true
				break
			}
		}
		if !found {
			for _, b := range m.bins {
				if b.warehouse == home {
					recv = binKey{l.product, b.id}
					break
				}
			}
		}
		for _, w := range ws[1:] {
			for _, b := range m.bins {
				k := binKey{l.product, b.id}
				if n == 0 || b.warehouse != w.id || free(k) <= 0 {
					continue
				}
				take := min(n, free(k))
				p.transfer[k] -= take
				p.transfer[recv] += take
				p.reserve[recv] += take
				n -= take
			}
		}
		if n > 0 {
			return p, false
		}
	}
	return p, true
}

func (m *shopModel) reserve(o *mOrder, p allocPlan) {
	if o.reserved == nil {
		o.reserved = map[binKey]int64{}
	}
	for k, q := range p.transfer {
		m.onHand[k] += q
	}
	for k, q := range p.reserve {
		o.reserved[k] += q
		m.reserved[k] += q
	}
}

// shippedAny reports whether part of the order has left.
func (o *mOrder) shippedAny() bool {
	for _, l := range o.lines {
		if l.shipped > 0 {
			return true
		}
	}
	return false
}

// heldAny reports whether the order holds stock.
func (o *mOrder) heldAny() bool {
	for _, q := range o.reserved {
		if q > 0 {
			return true
		}
	}
	return false
}

func (m *shopModel) release(o *mOrder) {
	for k, q := range o.reserved {
		m.reserved[k] -= q
	}
	o.reserved = nil
}

// shipAll sends everything still reserved for the order.
func (m *shopModel) shipAll(o *mOrder) {
	for k, q := range o.reserved {
		m.reserved[k] -= q
		m.onHand[k] -= q
	}
	o.reserved = nil
	for i := range o.lines {
		o.lines[i].shipped = o.lines[i].qty
	}
	o.status = app.StatusShipped
}

// planShipPart works out what ShipPart sends for qty (by line index):
// each line's units come from the order's reservations of its product,
// lowest product and bin id first. ok is false when the parcel must be
// refused.
func (m *shopModel) planShipPart(o *mOrder, qty []int64) (moves map[binKey]int64, shipped []int64, ok bool) {
	type res struct {
		k binKey
		q int64
	}
	var list []res
	for k, q := range o.reserved {
		if q > 0 {
			list = append(list, res{k, q})
		}
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].k.product != list[j].k.product {
			return list[i].k.product < list[j].k.product
		}
		return list[i].k.bin < list[j].k.bin
	})
	moves = map[binKey]int64{}
	shipped = make([]int64, len(o.lines))
	ok, sent := true, 0
	for i, l := range o.lines {
		n := qty[i]
		if n == 0 {
			continue
		}
		if n < 0 || n > l.qty-l.shipped {
			ok = false
			continue
		}
		for k := range list {
			r := &list[k]
			if n == 0 || r.k.product != l.product || r.q <= 0 {
				continue
			}
			take := min(n, r.q)
			moves[r.k] += take
			r.q -= take
			n -= take
			shipped[i] += take
			sent++
		}
		if n > 0 {
			ok = false
		}
	}
	return moves, shipped, ok && sent > 0
}

func (m *shopModel) applyShipPart(o *mOrder, moves map[binKey]int64, shipped []int64) {
	for k, q := range moves {
		m.onHand[k] -= q
		m.reserved[k] -= q
		o.reserved[k] -= q
		if o.reserved[k] == 0 {
			delete(o.reserved, k)
		}
	}
	o.status = app.StatusShipped
	for i := range o.lines {
		o.lines[i].shipped += shipped[i]
		if o.lines[i].shipped < o.lines[i].qty {
			o.status = app.StatusPartlyShipped
		}
	}
}

// balance is what the customer owes on the order: what it asks, less
// what was credited, less the money the shop kept (received less paid
// back). Below zero it is money due back.
func (o *mOrder) balance() app.Money { return o.payable - o.credited - (o.paid - o.refunded) }

func (o *mOrder) outstanding() app.Money { return max(o.balance(), 0) }

func (o *mOrder) refundDue() app.Money { return max(-o.balance(), 0) }

// creditable is what the order still asks beyond its credits.
func (o *mOrder) creditable() app.Money { return max(o.payable-o.credited, 0) }

// credit books a credit of up to amount (never more than the order still
// asks) and returns the part of it that is money due back: whatever it
// takes off beyond what the customer still owed.
func (o *mOrder) credit(kind app.CreditKind, amount app.Money) (booked, back app.Money) {
	amount = min(amount, o.creditable())
	if amount <= 0 {
		return 0, 0
	}
	owed := o.outstanding()
	o.credited += amount
	o.credits = append(o.credits, mCredit{kind, amount})
	return amount, max(amount-owed, 0)
}

// paymentStatus is the model's own reading of what the order's money
// makes it. Money paid back marks it (in full once all that came in went
// back); else it is judged against what the order still asks after its
// credits: nothing asked and nothing received is nothing due.
func (o *mOrder) paymentStatus() app.PaymentStatus {
	asks := o.payable - o.credited
	switch {
	case o.refunded > 0 && o.refunded >= o.paid:
		return app.PaymentRefunded
	case o.refunded > 0:
		return app.PaymentPartlyRefunded
	case o.paid == 0 && asks <= 0:
		return app.PaymentNothingDue
	case o.paid == 0:
		return app.PaymentUnpaid
	case o.paid >= asks:
		return app.PaymentPaid
	}
	return app.PaymentPartlyPaid
}

// receivable reports whether the order counts among the money owed to the
// shop: a sale past review, not cancelled, owing something. An order on
// hold counts whatever it was held from, as the store has it (so one held
// while still in review, never confirmed, counts too).
func (o *mOrder) receivable() bool {
	switch o.status {
	case app.StatusDraft, app.StatusPendingReview, app.StatusCancelled:
		return false
	}
	return o.balance() > 0
}

// modelFrom is the model's copy of where each step may start.
var modelFrom = map[app.Action][]app.Status{
	app.ActionEdit:          {app.StatusDraft, app.StatusPendingReview, app.StatusConfirmed, app.StatusAllocated},
	app.ActionSubmit:        {app.StatusDraft},
	app.ActionConfirm:       {app.StatusPendingReview},
	app.ActionReject:        {app.StatusPendingReview},
	app.ActionHold:          {app.StatusPendingReview, app.StatusConfirmed, app.StatusAllocated, app.StatusPicking, app.StatusPacked},
	app.ActionRelease:       {app.StatusOnHold},
	app.ActionAllocate:      {app.StatusConfirmed, app.StatusPartlyShipped},
	app.ActionDeallocate:    {app.StatusAllocated},
	app.ActionStartPicking:  {app.StatusAllocated},
	app.ActionPack:          {app.StatusPicking, app.StatusPartlyShipped},
	app.ActionShipPart:      {app.StatusAllocated, app.StatusPicking, app.StatusPacked, app.StatusPartlyShipped},
	app.ActionShip:          {app.StatusPacked, app.StatusPartlyShipped},
	app.ActionDeliver:       {app.StatusShipped},
	app.ActionComplete:      {app.StatusShipped, app.StatusDelivered},
	app.ActionCancel:        {app.StatusDraft, app.StatusPendingReview, app.StatusConfirmed, app.StatusAllocated, app.StatusPicking, app.StatusPacked, app.StatusOnHold},
	app.ActionRecordPayment: {app.StatusDraft, app.StatusPendingReview, app.StatusConfirmed, app.StatusAllocated, app.StatusPicking, app.StatusPacked, app.StatusPartlyShipped, app.StatusShipped, app.StatusDelivered, app.StatusCompleted, app.StatusOnHold},
}

func modelCan(s app.Status, a app.Action) bool { return slices.Contains(modelFrom[a], s) }

// inputComplete is the model's copy of what a submitted order must have.
func inputComplete(in app.OrderInput) bool {
	if in.CustomerID == 0 || len(in.Lines) == 0 {
		return false
	}
	if in.Channel == app.ChannelWalkIn {
		return true
	}
	a := in.Address
	return in.RecipientName != "" && in.RecipientPhone != "" && a.City != "" && a.Street != "" && a.Province != ""
}

// dead settles an order cancelled or rejected: all it still asks is
// credited, so it owes nothing, and what the shop kept of the money is
// due back.
func (m *shopModel) dead(o *mOrder) {
	o.status = app.StatusCancelled
	o.credit(app.CreditCancellation, o.creditable())
}
