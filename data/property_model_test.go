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
	product      int64
	qty, shipped int64
	price, disc  app.Money
}

type mOrder struct {
	id               int64
	number           string
	channel          app.Channel
	platformID       string
	phone            string // the recipient's, as typed
	status, heldFrom app.Status
	lines            []mLine
	payable, paid    app.Money
	complete         bool // has what submitting needs
	reserved         map[binKey]int64
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

// allocate plans the reservations for an order: the warehouse that can
// cover the most units first (the cheaper to ship from among equals),
// bins in walking order. It returns false if any line is short.
func (m *shopModel) allocate(o *mOrder) (map[binKey]int64, bool) {
	covered := func(w int64) int64 {
		var n int64
		for _, l := range o.lines {
			var avail int64
			for _, b := range m.bins {
				if b.warehouse == w {
					avail += m.available(binKey{l.product, b.id})
				}
			}
			n += min(avail, l.qty)
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
	taken := map[binKey]int64{}
	for _, l := range o.lines {
		need := l.qty
		for _, w := range ws {
			for _, b := range m.bins {
				if need == 0 {
					break
				}
				k := binKey{l.product, b.id}
				if b.warehouse != w.id || m.available(k)-taken[k] <= 0 {
					continue
				}
				take := min(need, m.available(k)-taken[k])
				taken[k] += take
				need -= take
			}
		}
		if need > 0 {
			return nil, false
		}
	}
	return taken, true
}

func (m *shopModel) reserve(o *mOrder, plan map[binKey]int64) {
	o.reserved = plan
	for k, q := range plan {
		m.reserved[k] += q
	}
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

// paymentStatus is the model's own reading of what the payments make an
// order (there are no refunds in the property test).
func (o *mOrder) paymentStatus() app.PaymentStatus {
	switch {
	case o.paid <= 0:
		return app.PaymentUnpaid
	case o.paid >= o.payable:
		return app.PaymentPaid
	}
	return app.PaymentPartlyPaid
}

// modelFrom is the model's copy of where each step may start.
var modelFrom = map[app.Action][]app.Status{
	app.ActionEdit:          {app.StatusDraft, app.StatusPendingReview, app.StatusConfirmed, app.StatusAllocated},
	app.ActionSubmit:        {app.StatusDraft},
	app.ActionConfirm:       {app.StatusPendingReview},
	app.ActionReject:        {app.StatusPendingReview},
	app.ActionHold:          {app.StatusPendingReview, app.StatusConfirmed, app.StatusAllocated, app.StatusPicking, app.StatusPacked},
	app.ActionRelease:       {app.StatusOnHold},
	app.ActionAllocate:      {app.StatusConfirmed},
	app.ActionDeallocate:    {app.StatusAllocated},
	app.ActionStartPicking:  {app.StatusAllocated},
	app.ActionPack:          {app.StatusPicking},
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
