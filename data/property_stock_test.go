package data_test

import (
	"fmt"
	"time"

	"orderdesk/app"
)

// The property test's stock steps: goods received, counted and expected.

func (r *propRun) randomBin() binInfo { return r.m.bins[r.rng.IntN(len(r.m.bins))] }

func (r *propRun) randomProduct() int64 { return r.m.products[r.rng.IntN(len(r.m.products))] }

func (r *propRun) receive() attempt {
	p, b := r.randomProduct(), r.randomBin()
	qty := int64(1 + r.rng.IntN(12))
	a := attempt{subject: app.SubjectProduct, id: p, event: "stock.received", want: wantOK}
	if r.chance(8) {
		qty, a.want, a.field = 0, wantInvalid, "qty"
	}
	a.desc = fmt.Sprintf("receive %d of product %d into %s", qty, p, b.code)
	a.run = func() (int64, error) {
		return 0, r.f.svc.ReceiveStock(r.f.ctx, app.StockReceipt{ProductID: p, BinID: b.id, Qty: qty, Reference: "PO-" + fmt.Sprint(r.step)})
	}
	a.apply = func(int64) {
		w := transitKey{p, b.warehouse}
		r.m.inTransit[w] -= min(r.m.inTransit[w], qty)
		r.m.onHand[binKey{p, b.id}] += qty
	}
	return a
}

func (r *propRun) adjust() attempt {
	p, b := r.randomProduct(), r.randomBin()
	k := binKey{p, b.id}
	delta := int64(1 + r.rng.IntN(20))
	if r.chance(55) {
		delta = -(1 + r.rng.Int64N(r.m.available(k)+3))
	}
	reason := "stock take"
	a := attempt{subject: app.SubjectProduct, id: p, event: "stock.adjusted", want: wantOK}
	switch {
	case r.chance(5):
		reason, a.want, a.field = "", wantInvalid, "reason"
	case r.m.onHand[k]+delta < r.m.reserved[k]:
		a.want, a.field = wantInvalid, "delta"
	}
	a.desc = fmt.Sprintf("adjust product %d in %s by %+d (%d on hand, %d reserved)", p, b.code, delta, r.m.onHand[k], r.m.reserved[k])
	a.run = func() (int64, error) {
		return 0, r.f.svc.AdjustStock(r.f.ctx, app.StockAdjustment{ProductID: p, BinID: b.id, Delta: delta, Reason: reason})
	}
	a.apply = func(int64) { r.m.onHand[k] += delta }
	return a
}

func (r *propRun) expect() attempt {
	p := r.randomProduct()
	w := r.m.warehouses[r.rng.IntN(len(r.m.warehouses))]
	qty := int64(1 + r.rng.IntN(30))
	when := r.f.clock.AddDate(0, 0, 7)
	a := attempt{subject: app.SubjectProduct, id: p, event: "stock.incoming", want: wantOK}
	if r.chance(5) {
		when, a.want, a.field = time.Time{}, wantInvalid, "expected_at"
	}
	a.desc = fmt.Sprintf("expect %d of product %d at %s", qty, p, w.code)
	a.run = func() (int64, error) {
		return 0, r.f.svc.ExpectStock(r.f.ctx, app.IncomingStock{ProductID: p, WarehouseID: w.id, Qty: qty, ExpectedAt: when, Reference: "PO"})
	}
	a.apply = func(int64) { r.m.inTransit[transitKey{p, w.id}] += qty }
	return a
}
