package data_test

import (
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"orderdesk/app"
)

var (
	propSeed = flag.Uint64("prop.seed", 20260514, "first seed of TestStoreProperties")
	propRuns = flag.Int("prop.runs", 0, "seeds TestStoreProperties runs (0: 20, or 5 with -short)")
)

// TestStoreProperties runs random sequences of everything a shop does to
// orders and stock through the services on a real database file: the
// order's life, payments, returns, partial refunds, complaints with
// compensation and refunds of what is due back. After every step the
// store's own check finds nothing wrong, a success left an event in the
// right history, a refusal changed nothing at all, and stock, statuses,
// reservations and money (each order's credits, balance, what is owed and
// what is due back, the receivables, the cases' refunds and the tasks
// about money) agree with the test's own model.
//
// A failure names its seed and the command that runs it alone. Other
// seeds: -prop.seed=N -prop.runs=M.
func TestStoreProperties(t *testing.T) {
	runs, steps := 20, 120
	if testing.Short() {
		runs, steps = 5, 60
	}
	if *propRuns > 0 {
		runs = *propRuns
	}
	// What the steps came to over all runs, shown with -v: proof that the
	// sequences reach deep into an order's life, not only its start.
	var mu sync.Mutex
	tally := map[string]int{}
	t.Cleanup(func() {
		keys := slices.Sorted(maps.Keys(tally))
		for _, k := range keys {
			t.Logf("%5d × %s", tally[k], k)
		}
	})
	for i := 0; i < runs; i++ {
		seed := *propSeed + uint64(i)
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Parallel()
			r := newPropRun(t, seed)
			for r.step = 1; r.step <= steps; r.step++ {
				r.do(r.next())
			}
			mu.Lock()
			defer mu.Unlock()
			for k, n := range r.stats {
				tally[k] += n
			}
		})
	}
}

// propRun is one random sequence on its own database.
type propRun struct {
	t     *testing.T
	f     *shopFixture
	raw   *sql.DB
	rng   *rand.Rand
	seed  uint64
	step  int
	m     *shopModel
	trail []string // the last steps, for the failure message
	stats map[string]int
}

func newPropRun(t *testing.T, seed uint64) *propRun {
	f := newShop(t)
	r := &propRun{t: t, f: f, rng: rand.New(rand.NewPCG(seed, seed*0x9E3779B97F4A7C15+1)), seed: seed, m: newShopModel(), stats: map[string]int{}}
	r.raw = rawDB(t, f.store.Path())
	// A second warehouse, dearer to ship from, and bins added out of
	// walking order ("A-10-1" walks after "A-2-1", "A-1-10" after "A-1-2").
	bj := &app.Warehouse{Code: "BJ", Name: "Beijing", ShippingRank: 5, Active: true}
	f.must(f.svc.SaveWarehouse(f.ctx, bj))
	ink := &app.Product{SKU: "INK-004", Name: "墨水", Unit: "btl", Price: 1500, Active: true}
	f.must(f.svc.SaveProduct(f.ctx, ink))
	f.products = append(f.products, ink)

	sh := whInfo{f.warehouse.ID, f.warehouse.ShippingRank, f.warehouse.Code}
	r.m.addWarehouse(f.warehouse)
	r.m.addWarehouse(bj)
	extra := app.Bin{WarehouseID: f.warehouse.ID, Code: "A-1-10"}
	f.must(f.svc.AddBin(f.ctx, &extra))
	for _, b := range append(slices.Clone(f.bins), extra) {
		r.m.addBin(b, sh)
	}
	for _, code := range []string{"C-1-1", "A-10-1", "A-2-1"} {
		b := app.Bin{WarehouseID: bj.ID, Code: code}
		f.must(f.svc.AddBin(f.ctx, &b))
		r.m.addBin(b, whInfo{bj.ID, bj.ShippingRank, bj.Code})
	}
	for i, p := range f.products {
		r.m.products = append(r.m.products, p.ID)
		if i < len(f.bins) {
			r.m.onHand[binKey{p.ID, f.bins[i].ID}] = 50 // what newShop received
		}
	}
	// Little stock, spread over bins in both warehouses, so that orders
	// are allocated from several bins, and sometimes cannot be.
	for i, p := range f.products[:len(f.bins)] {
		f.must(f.svc.AdjustStock(f.ctx, app.StockAdjustment{ProductID: p.ID, BinID: f.bins[i].ID, Delta: -44, Reason: "spread out"}))
		r.m.onHand[binKey{p.ID, f.bins[i].ID}] -= 44
	}
	for _, p := range f.products {
		for n := 0; n < 2; n++ {
			b, qty := r.randomBin(), int64(1+r.rng.IntN(5))
			f.must(f.svc.ReceiveStock(f.ctx, app.StockReceipt{ProductID: p.ID, BinID: b.id, Qty: qty}))
			r.m.onHand[binKey{p.ID, b.id}] += qty
		}
	}
	r.compare(0)
	return r
}

func (r *propRun) fatalf(format string, args ...any) {
	r.t.Helper()
	r.t.Fatalf("seed %d, step %d: %s\nlast steps:\n  %s\nrerun: go test ./data/ -run TestStoreProperties -v -prop.seed=%d -prop.runs=1",
		r.seed, r.step, fmt.Sprintf(format, args...), strings.Join(r.trail, "\n  "), r.seed)
}

// outcome is what a step is expected to (and did) end in.
type outcome string

const (
	wantOK       outcome = "ok"
	wantInvalid  outcome = "validation error"
	wantIllegal  outcome = "transition error"
	wantConflict outcome = "conflict"
	wantMissing  outcome = "not found"
	otherError   outcome = "other error"
)

func classifyErr(err error) outcome {
	var te *app.TransitionError
	var ce *app.CaseStateError
	var pe *app.ComplaintStateError
	switch {
	case err == nil:
		return wantOK
	case errors.Is(err, app.ErrConflict):
		return wantConflict
	case errors.Is(err, app.ErrNotFound):
		return wantMissing
	case errors.As(err, &te), errors.As(err, &ce), errors.As(err, &pe):
		// A case or complaint not where the step needs it is refused
		// like an order step its status does not allow.
		return wantIllegal
	}
	if _, isV := app.IsValidation(err); isV {
		return wantInvalid
	}
	// Stock that cannot cover an order is refused with its reasons, like
	// bad input: the order is left as it was.
	var short *app.ShortageError
	if errors.As(err, &short) {
		return wantInvalid
	}
	return otherError
}

// attempt is one step: what it does, what the model expects, and how the
// model changes if it succeeds.
type attempt struct {
	desc    string
	subject app.SubjectKind
	id      int64  // the subject; 0 for an order yet to be created
	event   string // the action of the event a success appends
	want    outcome
	field   string // for a validation error: a field it must name
	run     func() (int64, error)
	apply   func(id int64)
}

func (r *propRun) do(a attempt) {
	r.t.Helper()
	r.f.clock = r.f.clock.Add(time.Duration(1+r.rng.IntN(20)) * time.Minute)
	r.trail = append(r.trail, fmt.Sprintf("%d: %s (want %s)", r.step, a.desc, a.want))
	if len(r.trail) > 15 {
		r.trail = r.trail[1:]
	}
	before, beforeAS := countRows(r.t, r.raw), r.afterSalesRows()
	var hist []app.Event
	if a.id != 0 {
		hist = r.history(a.subject, a.id)
	}
	id, err := a.run()
	got := classifyErr(err)
	r.stats[fmt.Sprintf("%s → %s", strings.Fields(a.desc)[0], got)]++
	if got != a.want {
		r.fatalf("%s: got %s (%v), want %s", a.desc, got, err, a.want)
	}
	if a.id != 0 {
		id = a.id
	}
	if got == wantOK {
		a.apply(id)
		after := r.history(a.subject, id)
		if len(after) <= len(hist) {
			r.fatalf("%s succeeded but %s %d has %d events, as before", a.desc, a.subject, id, len(after))
		}
		// A step may write more than its own event (submit also records
		// the review's check); every new one is the tester's, now.
		found := false
		for _, e := range after[len(hist):] {
			if e.Actor != "tester" || !e.At.Equal(r.f.clock) {
				r.fatalf("%s: event %s by %s at %s, want by tester at %s", a.desc, e.Action, e.Actor, e.At, r.f.clock)
			}
			found = found || e.Action == a.event
		}
		if !found {
			r.fatalf("%s: no %s event among the new ones", a.desc, a.event)
		}
	} else {
		if a.field != "" {
			if v, _ := app.IsValidation(err); v != nil {
				if _, has := v.For(a.field); !has {
					r.fatalf("%s: refused for %v, want a problem with %s", a.desc, err, a.field)
				}
			}
		}
		after := countRows(r.t, r.raw)
		var short *app.ShortageError
		if errors.As(err, &short) && after.Tasks == before.Tasks+1 {
			// A short order is left as it was; only the task asking
			// for a decision about the missing stock is new.
			after.Tasks--
		}
		if after != before {
			r.fatalf("%s was refused (%v) but changed the database: %+v, was %+v", a.desc, err, after, before)
		}
		if afterAS := r.afterSalesRows(); afterAS != beforeAS {
			r.fatalf("%s was refused (%v) but changed credits, cases or complaints: %v, was %v", a.desc, err, afterAS, beforeAS)
		}
	}
	var touched int64
	if a.subject == app.SubjectOrder {
		touched = id
	}
	r.compare(touched)
	problems, err := r.f.store.Check(r.f.ctx)
	if err != nil {
		r.fatalf("check: %v", err)
	}
	if len(problems) > 0 {
		r.fatalf("after %s the check finds %v", a.desc, problems)
	}
}

func (r *propRun) history(kind app.SubjectKind, id int64) []app.Event {
	r.t.Helper()
	h, err := r.f.svc.History(r.f.ctx, kind, id)
	if err != nil {
		r.fatalf("history of %s %d: %v", kind, id, err)
	}
	return h
}

func (r *propRun) order(id int64) *app.Order {
	r.t.Helper()
	o, err := r.f.svc.Order(r.f.ctx, id)
	if err != nil {
		r.fatalf("order %d: %v", id, err)
	}
	return o
}

// compare holds the store against the model: every bin's stock, every
// order's status and money, every reservation, and the touched order in
// full.
func (r *propRun) compare(touched int64) {
	r.t.Helper()
	m := r.m
	for _, p := range m.products {
		levels, err := r.f.svc.StockLevels(r.f.ctx, p)
		if err != nil {
			r.fatalf("stock levels: %v", err)
		}
		seen := map[binKey]bool{}
		for _, l := range levels {
			if l.BinID == 0 {
				if want := m.inTransit[transitKey{p, l.WarehouseID}]; l.InTransit != want || l.OnHand != 0 || l.Reserved != 0 {
					r.fatalf("product %d in transit to warehouse %d: %+v, model says %d", p, l.WarehouseID, l, want)
				}
				continue
			}
			k := binKey{p, l.BinID}
			seen[k] = true
			if l.OnHand != m.onHand[k] || l.Reserved != m.reserved[k] || l.InTransit != 0 {
				r.fatalf("product %d bin %s: on hand %d, reserved %d; model says %d, %d", p, l.BinCode, l.OnHand, l.Reserved,
					m.onHand[k], m.reserved[k])
			}
		}
		for _, b := range m.bins {
			if k := (binKey{p, b.id}); !seen[k] && (m.onHand[k] != 0 || m.reserved[k] != 0) {
				r.fatalf("product %d bin %s: the store has no level, the model %d on hand", p, b.code, m.onHand[k])
			}
		}
	}

	page, err := r.f.svc.SearchOrders(r.f.ctx, app.OrderQuery{Limit: 1000, Sort: app.SortNumber, Ascending: true, SkipTotal: true})
	if err != nil {
		r.fatalf("list orders: %v", err)
	}
	if len(page.Rows) != len(m.orders) {
		r.fatalf("the store lists %d orders, the model has %d", len(page.Rows), len(m.orders))
	}
	for i, row := range page.Rows {
		o := m.orders[i]
		if row.ID != o.id || row.Number != o.number || row.Status != o.status || row.Payable != o.payable ||
			row.PaymentStatus != o.paymentStatus() {
			r.fatalf("order %s is %s, payable %d, %s; model says %s %s, payable %d, %s", row.Number, row.Status, row.Payable,
				row.PaymentStatus, o.number, o.status, o.payable, o.paymentStatus())
		}
	}

	rows, err := r.raw.Query(`SELECT order_id, product_id, bin_id, sum(reserved_delta) FROM stock_moves
		WHERE order_id IS NOT NULL AND bin_id IS NOT NULL GROUP BY 1, 2, 3 HAVING sum(reserved_delta) <> 0`)
	if err != nil {
		r.fatalf("reservations: %v", err)
	}
	stored := map[int64]map[binKey]int64{}
	for rows.Next() {
		var order int64
		var k binKey
		var q int64
		if err := rows.Scan(&order, &k.product, &k.bin, &q); err != nil {
			r.fatalf("reservations: %v", err)
		}
		if stored[order] == nil {
			stored[order] = map[binKey]int64{}
		}
		stored[order][k] = q
	}
	rows.Close()
	for _, o := range m.orders {
		if fmt.Sprint(sortedRes(stored[o.id])) != fmt.Sprint(sortedRes(o.reserved)) {
			r.fatalf("order %s (%s) holds %v, model says %v", o.number, o.status, sortedRes(stored[o.id]), sortedRes(o.reserved))
		}
	}

	r.compareMoney()
	if touched == 0 {
		return
	}
	o, want := r.order(touched), m.byID[touched]
	r.compareCredits(o, want)
	if o.HeldFrom != want.heldFrom || o.AmountPaid != want.paid || o.AmountRefunded != want.refunded || len(o.Lines) != len(want.lines) {
		r.fatalf("order %s: held from %q, paid %d, refunded %d, %d lines; model says %q, %d, %d, %d lines", o.Number, o.HeldFrom,
			o.AmountPaid, o.AmountRefunded, len(o.Lines), want.heldFrom, want.paid, want.refunded, len(want.lines))
	}
	// The search index follows the order's changes: it is found by what
	// identifies it now.
	for _, text := range []string{want.phone, want.platformID} {
		if text == "" {
			continue
		}
		page, err := r.f.svc.SearchOrders(r.f.ctx, app.OrderQuery{Text: text, Limit: 1000, SkipTotal: true})
		if err != nil {
			r.fatalf("search %q: %v", text, err)
		}
		if !slices.ContainsFunc(page.Rows, func(row app.OrderRow) bool { return row.ID == touched }) {
			r.fatalf("search %q does not find order %s", text, o.Number)
		}
	}
	for i, l := range o.Lines {
		w := want.lines[i]
		if l.ProductID != w.product || l.Qty != w.qty || l.QtyShipped != w.shipped || l.QtyReturned != w.returned ||
			l.UnitPrice != w.price || l.Discount != w.disc {
			r.fatalf("order %s line %d: %+v; model says %+v", o.Number, i+1, l, w)
		}
	}
}

func sortedRes(m map[binKey]int64) []string {
	var out []string
	for k, q := range m {
		if q != 0 {
			out = append(out, fmt.Sprintf("p%d/b%d:%d", k.product, k.bin, q))
		}
	}
	sort.Strings(out)
	return out
}
