package app

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// nearness scores how close a warehouse is to a delivery address: the
// same city beats the same province beats the same country.
func nearness(w Warehouse, to Address) int {
	same := func(a, b string) bool {
		return a != "" && b != "" && (strings.Contains(a, b) || strings.Contains(b, a))
	}
	score := 0
	if w.Address.Country == to.Country || w.Address.Country == "" || to.Country == "" {
		score++
	}
	if same(w.Address.Province, to.Province) {
		score++
		if same(w.Address.City, to.City) {
			score++
		}
	}
	return score
}

// allocation is one order's stock plan being made inside a transaction.
type allocation struct {
	ctx    context.Context
	tx     Tx
	who    Actor
	now    time.Time
	o      *Order
	levels map[int64][]StockLevel // per product, bins in walking order
	// distrusted bins came up short at a pick: nothing is taken from them
	// until they are counted again.
	distrusted map[int64]bool
}

func (a *allocation) load(productID int64) ([]StockLevel, error) {
	if lv, ok := a.levels[productID]; ok {
		return lv, nil
	}
	all, err := a.tx.StockLevels(a.ctx, productID)
	if err != nil {
		return nil, err
	}
	var lv []StockLevel
	for _, l := range all {
		if !a.distrusted[l.BinID] {
			lv = append(lv, l)
		}
	}
	a.levels[productID] = lv
	return lv, nil
}

// free is what a warehouse (0: every warehouse) can still promise of a
// product.
func (a *allocation) free(productID, warehouseID int64) int64 {
	var n int64
	for _, lv := range a.levels[productID] {
		if lv.BinID != 0 && (warehouseID == 0 || lv.WarehouseID == warehouseID) {
			n += max(lv.Available(), 0)
		}
	}
	return n
}

func (a *allocation) insert(m *StockMove) error {
	m.At, m.OrderID, m.Reference, m.Actor = a.now, a.o.ID, a.o.Number, a.who.Name
	return a.tx.InsertStockMove(a.ctx, m)
}

// reserveIn reserves up to n units of a product from one warehouse's bins
// in walking order and says how many it got.
func (a *allocation) reserveIn(productID, warehouseID, n int64) (int64, error) {
	var got int64
	for k := range a.levels[productID] {
		lv := &a.levels[productID][k]
		if got == n {
			break
		}
		if lv.WarehouseID != warehouseID || lv.BinID == 0 || lv.Available() <= 0 {
			continue
		}
		take := min(n-got, lv.Available())
		if err := a.insert(&StockMove{Kind: MoveReserve, ProductID: productID, WarehouseID: warehouseID, BinID: lv.BinID,
			ReservedDelta: take}); err != nil {
			return got, err
		}
		lv.Reserved += take
		got += take
	}
	return got, nil
}

// receivingBin is where transferred stock of a product goes in the home
// warehouse: the first bin (walking order) that holds some of it, else
// the warehouse's first bin.
func (a *allocation) receivingBin(productID int64, home Warehouse) (StockLevel, bool, error) {
	for _, lv := range a.levels[productID] {
		if lv.WarehouseID == home.ID && lv.BinID != 0 && lv.OnHand > 0 {
			return lv, true, nil
		}
	}
	bins, err := a.tx.Bins(a.ctx, home.ID)
	if err != nil || len(bins) == 0 {
		return StockLevel{}, false, err
	}
	for _, lv := range a.levels[productID] {
		if lv.WarehouseID == home.ID && lv.BinID == bins[0].ID {
			return lv, true, nil
		}
	}
	lv := StockLevel{ProductID: productID, WarehouseID: home.ID, BinID: bins[0].ID, BinCode: bins[0].Code}
	a.levels[productID] = append(a.levels[productID], lv)
	return lv, true, nil
}

// transfer brings up to n free units of a product from the other
// warehouses into the home one: a transfer out and a transfer in,
// two ledger moves per bin it draws on. It says how many arrived.
func (a *allocation) transfer(productID int64, home Warehouse, from []Warehouse, n int64) (int64, error) {
	to, ok, err := a.receivingBin(productID, home)
	if err != nil || !ok {
		return 0, err
	}
	var moved int64
	for _, w := range from {
		for k := range a.levels[productID] {
			lv := &a.levels[productID][k]
			if moved == n {
				return moved, nil
			}
			if lv.WarehouseID != w.ID || lv.BinID == 0 || lv.Available() <= 0 {
				continue
			}
			take := min(n-moved, lv.Available())
			note := "for order " + a.o.Number + " to " + home.Code
			if err := a.insert(&StockMove{Kind: MoveTransferOut, ProductID: productID, WarehouseID: w.ID, BinID: lv.BinID,
				OnHandDelta: -take, Note: note}); err != nil {
				return moved, err
			}
			if err := a.insert(&StockMove{Kind: MoveTransferIn, ProductID: productID, WarehouseID: home.ID, BinID: to.BinID,
				OnHandDelta: take, Note: "from " + w.Code + " for order " + a.o.Number}); err != nil {
				return moved, err
			}
			lv.OnHand -= take
			for j := range a.levels[productID] {
				if r := &a.levels[productID][j]; r.WarehouseID == home.ID && r.BinID == to.BinID {
					r.OnHand += take
				}
			}
			moved += take
		}
	}
	return moved, nil
}

// reserveStock reserves what every open line of the order still needs
// . It picks one home warehouse for the order, so it leaves as one
// parcel: the one that covers the most units, then the nearest to the
// delivery address, then the cheapest to ship from. What the home
// warehouse lacks is transferred in from the others. A line still short
// fails the whole order with a ShortageError, unless the shop decided to
// ship what is there; a backorder waits until all of it is in.
func reserveStock(ctx context.Context, tx Tx, who Actor, now time.Time, o *Order) error {
	return reserveAvoiding(ctx, tx, who, now, o, nil)
}

// reserveAvoiding is reserveStock taking nothing from the distrusted bins.
func reserveAvoiding(ctx context.Context, tx Tx, who Actor, now time.Time, o *Order, distrusted map[int64]bool) error {
	a := &allocation{ctx: ctx, tx: tx, who: who, now: now, o: o, levels: map[int64][]StockLevel{}, distrusted: distrusted}
	all, err := tx.Warehouses(ctx)
	if err != nil {
		return err
	}
	var warehouses []Warehouse
	for _, w := range all {
		if w.Active {
			warehouses = append(warehouses, w)
		}
	}
	decided, err := tx.LineDecisions(ctx, o.ID)
	if err != nil {
		return err
	}
	decision := map[int64]LineDecision{}
	for _, d := range decided {
		decision[d.LineID] = d
	}
	// What the order already holds (the rest of a part shipment) is not
	// reserved twice.
	held, err := heldFor(ctx, tx, o)
	if err != nil {
		return err
	}
	open := func(l OrderLine) int64 { return l.Outstanding() - held[l.ID] }
	for _, l := range o.Lines {
		if open(l) > 0 {
			if _, err := a.load(l.ProductID); err != nil {
				return err
			}
		}
	}
	covered := func(w Warehouse) int64 {
		var n int64
		for _, l := range o.Lines {
			n += min(a.free(l.ProductID, w.ID), max(open(l), 0))
		}
		return n
	}
	sort.SliceStable(warehouses, func(i, j int) bool {
		wi, wj := warehouses[i], warehouses[j]
		if ci, cj := covered(wi), covered(wj); ci != cj {
			return ci > cj
		}
		if ni, nj := nearness(wi, o.Address), nearness(wj, o.Address); ni != nj {
			return ni > nj
		}
		return wi.ShippingRank < wj.ShippingRank
	})
	var short []Shortage
	var needed, reserved int64
	for _, l := range o.Lines {
		need := open(l)
		if need <= 0 {
			continue
		}
		needed += need
		freeBefore := a.free(l.ProductID, 0)
		got := int64(0)
		if len(warehouses) > 0 {
			home := warehouses[0]
			if got, err = a.reserveIn(l.ProductID, home.ID, need); err != nil {
				return err
			}
			if got < need {
				moved, err := a.transfer(l.ProductID, home, warehouses[1:], need-got)
				if err != nil {
					return err
				}
				more, err := a.reserveIn(l.ProductID, home.ID, moved)
				if err != nil {
					return err
				}
				got += more
			}
			// A home warehouse without bins cannot receive a transfer:
			// the rest is reserved where it lies.
			for _, w := range warehouses[1:] {
				if got == need {
					break
				}
				more, err := a.reserveIn(l.ProductID, w.ID, need-got)
				if err != nil {
					return err
				}
				got += more
			}
		}
		reserved += got
		d, hasDecision := decision[l.ID]
		if got < need && !(hasDecision && d.Kind == ShortShipAvailable) {
			expected, err := tx.ExpectedArrival(ctx, l.ProductID)
			if err != nil {
				return err
			}
			short = append(short, Shortage{LineID: l.ID, LineNo: l.LineNo, ProductID: l.ProductID, SKU: l.SKU, Name: l.Name,
				Need: need, Available: freeBefore, Expected: expected, Decision: d.Kind})
		}
		// A backorder that is now covered in full is over.
		if got == need && hasDecision && d.Kind == ShortBackorder {
			if err := tx.DeleteLineDecision(ctx, l.ID); err != nil {
				return err
			}
		}
	}
	if len(short) > 0 {
		return &ShortageError{Order: o.Number, Lines: short}
	}
	if reserved == 0 && needed > 0 {
		return &ValidationError{Fields: []FieldError{{Field: "lines", Code: CodeShort,
			Message: fmt.Sprintf("nothing of order %s is in stock yet: it waits for the stock to come in", o.Number)}}}
	}
	return nil
}

// AllocationRun is the outcome of allocating many orders at once.
type AllocationRun struct {
	Allocated int
	Short     []ShortageError // orders stock could not cover, unchanged
	Failed    []error         // orders that moved on meanwhile, and the like
}

// AllocateAll reserves stock for every order waiting for it, oldest
// first, each in its own transaction so one short order does not stop the
// rest (big sale days, R-31). progress is told after each order.
func (s *Service) AllocateAll(ctx context.Context, progress func(done, total int)) (AllocationRun, error) {
	var run AllocationRun
	var ids []int64
	err := s.read(ctx, func(tx Tx) error {
		for _, stage := range []Stage{StageAllocate, StageWaiting} {
			rows, _, err := tx.StageOrders(ctx, stage, 0, 0)
			if err != nil {
				return err
			}
			for _, r := range rows {
				ids = append(ids, r.OrderID)
			}
		}
		return nil
	})
	if err != nil {
		return run, err
	}
	for i, id := range ids {
		if err := ctx.Err(); err != nil {
			return run, err
		}
		_, err := s.Allocate(ctx, id)
		var short *ShortageError
		switch {
		case err == nil:
			run.Allocated++
		case errors.As(err, &short):
			run.Short = append(run.Short, *short)
		default:
			run.Failed = append(run.Failed, err)
		}
		if progress != nil {
			progress(i+1, len(ids))
		}
	}
	return run, nil
}
