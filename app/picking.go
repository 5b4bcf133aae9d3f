package app

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
)

// pickList builds one order's pick list from what is reserved for it:
// one stop per bin and line, in walking order.
func pickList(ctx context.Context, tx Tx, o *Order, bins map[int64]*Bin, warehouses map[int64]string) (PickList, error) {
	res, err := tx.Reservations(ctx, o.ID)
	if err != nil {
		return PickList{}, err
	}
	packed, err := unshippedPacked(ctx, tx, o.ID)
	if err != nil {
		return PickList{}, err
	}
	list := PickList{Order: o}
	products := map[int64]*Product{}
	for i := range o.Lines {
		l := &o.Lines[i]
		need := l.Outstanding() - packed[l.ID]
		for k := range res {
			r := &res[k]
			if need <= 0 {
				break
			}
			if r.ProductID != l.ProductID || r.Qty <= 0 {
				continue
			}
			take := min(need, r.Qty)
			r.Qty -= take
			need -= take
			b, ok := bins[r.BinID]
			if !ok {
				if b, err = tx.Bin(ctx, r.BinID); err != nil {
					return PickList{}, err
				}
				bins[r.BinID] = b
			}
			code, ok := warehouses[r.WarehouseID]
			if !ok {
				w, err := tx.Warehouse(ctx, r.WarehouseID)
				if err != nil {
					return PickList{}, err
				}
				code = w.Code
				warehouses[r.WarehouseID] = code
			}
			p, ok := products[l.ProductID]
			if !ok {
				if p, err = tx.Product(ctx, l.ProductID); err != nil {
					return PickList{}, err
				}
				products[l.ProductID] = p
			}
			list.Stops = append(list.Stops, PickStop{OrderID: o.ID, OrderNumber: o.Number, LineID: l.ID, LineNo: l.LineNo,
				ProductID: l.ProductID, SKU: l.SKU, Barcode: p.Barcode, Name: l.Name, Spec: l.Spec, Unit: l.Unit,
				WarehouseID: r.WarehouseID, WarehouseCode: code, BinID: r.BinID, BinCode: b.Code, Aisle: b.Aisle, Shelf: b.Shelf,
				Position: b.Position, Qty: take})
		}
	}
	sort.SliceStable(list.Stops, func(i, j int) bool { return Walks(list.Stops[i], list.Stops[j]) })
	return list, nil
}

// unshippedPacked counts, per order line, the units already boxed in
// shipments that have not left yet: they are not picked again.
func unshippedPacked(ctx context.Context, tx Tx, orderID int64) (map[int64]int64, error) {
	shipments, err := tx.OrderShipments(ctx, orderID)
	if err != nil {
		return nil, err
	}
	out := map[int64]int64{}
	for _, s := range shipments {
		if s.ResendOf != 0 || (s.Status != ShipmentPacked && s.Status != ShipmentToPack) {
			continue
		}
		for _, l := range s.Lines {
			if l.OrderID == orderID {
				out[l.LineID] += l.Qty
			}
		}
	}
	return out, nil
}

// PickLists builds the pick lists of the given orders, in the order
// given; orders holding no stock are skipped.
func (s *Service) PickLists(ctx context.Context, orderIDs []int64) ([]PickList, error) {
	var lists []PickList
	err := s.read(ctx, func(tx Tx) error {
		bins, warehouses := map[int64]*Bin{}, map[int64]string{}
		for _, id := range orderIDs {
			if err := ctx.Err(); err != nil {
				return err
			}
			o, err := tx.Order(ctx, id)
			if err != nil {
				return err
			}
			l, err := pickList(ctx, tx, o, bins, warehouses)
			if err != nil {
				return err
			}
			if len(l.Stops) > 0 {
				lists = append(lists, l)
			}
		}
		return nil
	})
	return lists, err
}

// OrdersAtStage lists the ids of every order waiting at a stage, oldest
// first: what a batch action works through.
func (s *Service) OrdersAtStage(ctx context.Context, stage Stage) ([]int64, error) {
	var ids []int64
	err := s.read(ctx, func(tx Tx) error {
		rows, _, err := tx.StageOrders(ctx, stage, 0, 0)
		for _, r := range rows {
			ids = append(ids, r.OrderID)
		}
		return err
	})
	return ids, err
}

// StartPickingAll hands allocated orders to the warehouse once their pick
// lists are printed, in one transaction; orders already being picked
// (a reprint) are left as they are. It says how many moved.
func (s *Service) StartPickingAll(ctx context.Context, orderIDs []int64) (int, error) {
	moved := 0
	err := s.write(ctx, PermFulfil, func(tx Tx, who Actor, now time.Time) error {
		moved = 0
		for _, id := range orderIDs {
			o, err := tx.Order(ctx, id)
			if err != nil {
				return err
			}
			if o.Status != StatusAllocated {
				continue
			}
			from := o.Status
			o.Status, o.UpdatedAt = StatusPicking, now
			o.VerifiedBy, o.VerifiedAt = "", time.Time{}
			if err := tx.UpdateOrderStatus(ctx, o); err != nil {
				return err
			}
			if err := recordStep(ctx, tx, who, now, o, ActionStartPicking, from, "pick list printed"); err != nil {
				return err
			}
			moved++
		}
		return nil
	})
	return moved, err
}

// ScanOutcome is what one scan at the pick check means.
type ScanOutcome string

const (
	ScanMatched   ScanOutcome = "matched"    // one more of a line that wanted it
	ScanComplete  ScanOutcome = "complete"   // that scan completed the whole order
	ScanTooMany   ScanOutcome = "too_many"   // the line already has all its units
	ScanWrongItem ScanOutcome = "wrong_item" // not on this order
)

// PickCheck is a second person's count of one order's pick: every scan or
// tick is checked against the pick list at once.
type PickCheck struct {
	List     PickList
	Expected map[int64]int64 // per line
	Counted  map[int64]int64
	codes    map[string]int64 // barcode or SKU → line
}

// NewPickCheck starts a count for a pick list.
func NewPickCheck(l PickList) *PickCheck {
	c := &PickCheck{List: l, Expected: map[int64]int64{}, Counted: map[int64]int64{}, codes: map[string]int64{}}
	for _, s := range l.Stops {
		c.Expected[s.LineID] += s.Qty
		if s.Barcode != "" {
			c.codes[strings.ToUpper(s.Barcode)] = s.LineID
		}
		c.codes[strings.ToUpper(s.SKU)] = s.LineID
	}
	return c
}

// Scan counts one unit by its barcode or SKU, as a scanner types it, and
// says what it means; a wrong or surplus unit is not counted.
func (c *PickCheck) Scan(code string) (ScanOutcome, int64) {
	line, ok := c.codes[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return ScanWrongItem, 0
	}
	if c.Counted[line] >= c.Expected[line] {
		return ScanTooMany, line
	}
	c.Counted[line]++
	if c.Done() {
		return ScanComplete, line
	}
	return ScanMatched, line
}

// Tick counts a whole line as checked by eye.
func (c *PickCheck) Tick(lineID int64) { c.Counted[lineID] = c.Expected[lineID] }

// Set records a counted quantity typed in for a line.
func (c *PickCheck) Set(lineID, n int64) { c.Counted[lineID] = max(0, min(n, c.Expected[lineID])) }

// Done reports whether every line has all its units.
func (c *PickCheck) Done() bool {
	for id, n := range c.Expected {
		if c.Counted[id] < n {
			return false
		}
	}
	return true
}

// Missing lists, per line, how many units were not found.
func (c *PickCheck) Missing() map[int64]int64 {
	out := map[int64]int64{}
	for id, n := range c.Expected {
		if c.Counted[id] < n {
			out[id] = n - c.Counted[id]
		}
	}
	return out
}

// PickShortError says the count found fewer units than the pick list.
type PickShortError struct {
	Order   string
	Missing map[string]int64 // SKU → units
}

func (e *PickShortError) Error() string {
	parts := make([]string, 0, len(e.Missing))
	for sku, n := range e.Missing {
		parts = append(parts, fmt.Sprintf("%s %d", sku, n))
	}
	sort.Strings(parts)
	return fmt.Sprintf("order %s is short after picking: %s missing", e.Order, strings.Join(parts, ", "))
}

// VerifyPick records the second person's check of an order being picked
// . counted is per line; more than the pick list is refused. Fewer
// is refused too unless acceptShort: then the missing units are taken
// off the shelf's count (they were not there) and the line waits for a
// decision about the missing stock.
func (s *Service) VerifyPick(ctx context.Context, orderID int64, verifier string, counted map[int64]int64, acceptShort bool) (*Order, error) {
	var p problems
	verifier = cleanText(verifier)
	requireText(&p, "verifier", verifier, 1, 60)
	if err := p.err(); err != nil {
		return nil, err
	}
	var o *Order
	err := s.write(ctx, PermFulfil, func(tx Tx, who Actor, now time.Time) error {
		var err error
		if o, err = tx.Order(ctx, orderID); err != nil {
			return err
		}
		if o.Status != StatusPicking {
			return &TransitionError{Action: "verify", From: o.Status, Reason: "only orders being picked are checked"}
		}
		list, err := pickList(ctx, tx, o, map[int64]*Bin{}, map[int64]string{})
		if err != nil {
			return err
		}
		check := NewPickCheck(list)
		var p problems
		missing := map[string]int64{}
		for i, l := range o.Lines {
			want, got := check.Expected[l.ID], counted[l.ID]
			switch {
			case got > want:
				p.add(fmt.Sprintf("lines[%d].qty", i), CodeTooLarge, "%s: %d counted but only %d on the pick list", l.SKU, got, want)
			case got < 0:
				p.add(fmt.Sprintf("lines[%d].qty", i), CodeTooSmall, "%s: a count cannot be negative", l.SKU)
			case got < want:
				missing[l.SKU] += want - got
			}
		}
		if err := p.err(); err != nil {
			return err
		}
		if len(missing) > 0 && !acceptShort {
			return &PickShortError{Order: o.Number, Missing: missing}
		}
		verifiedBy := verifier
		if len(missing) > 0 {
			if err := writeOffMissing(ctx, tx, who, now, o, list, counted); err != nil {
				return err
			}
			// Other bins may hold what this one lacked: then the missing
			// units are reserved there and the order is picked again.
			short := map[int64]bool{}
			for _, st := range list.Stops {
				if counted[st.LineID] < check.Expected[st.LineID] {
					short[st.BinID] = true
				}
			}
			covered, err := coverable(ctx, tx, o, short)
			if err != nil {
				return err
			}
			if covered {
				if err := reserveAvoiding(ctx, tx, who, now, o, short); err != nil {
					return err
				}
				verifiedBy = ""
				missing = nil
			}
		}
		if len(missing) > 0 {
			short := &ShortageError{Order: o.Number}
			for sku, n := range missing {
				short.Lines = append(short.Lines, Shortage{SKU: sku, Need: n})
			}
			if err := insertTaskDueIn(ctx, tx, &Task{Kind: TaskDecideStock, SubjectKind: SubjectOrder, SubjectID: o.ID, Ref: o.Number,
				Title: short.Error(), Assignee: RoleService, CreatedAt: now}, time.Hour); err != nil {
				return err
			}
		}
		o.VerifiedBy, o.VerifiedAt, o.UpdatedAt = verifiedBy, now, now
		if verifiedBy == "" {
			o.VerifiedAt = time.Time{}
		}
		if err := tx.UpdateOrderStatus(ctx, o); err != nil {
			return err
		}
		summary := "pick checked by " + verifier
		if verifiedBy == "" {
			summary += " — units missing from their bin were found in other bins: pick them and check again"
		}
		if len(missing) > 0 {
			summary += " — short: " + (&PickShortError{Order: o.Number, Missing: missing}).Error()
		}
		return record(ctx, tx, who, now, SubjectOrder, o.ID, "order.verified", summary, nil,
			map[string]any{"verifier": verifier, "missing": missing, "verified": verifiedBy != ""})
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// coverable reports whether free stock outside the distrusted bins can
// cover everything the order still needs beyond what it holds.
func coverable(ctx context.Context, tx Tx, o *Order, distrusted map[int64]bool) (bool, error) {
	held, err := heldFor(ctx, tx, o)
	if err != nil {
		return false, err
	}
	need := map[int64]int64{}
	for _, l := range o.Lines {
		need[l.ProductID] += l.Outstanding() - held[l.ID]
	}
	for product, n := range need {
		if n <= 0 {
			continue
		}
		levels, err := tx.StockLevels(ctx, product)
		if err != nil {
			return false, err
		}
		for _, lv := range levels {
			if lv.BinID != 0 && !distrusted[lv.BinID] {
				n -= max(lv.Available(), 0)
			}
		}
		if n > 0 {
			return false, nil
		}
	}
	return true, nil
}

// writeOffMissing gives back the reservation of units the picker did not
// find and takes them off the bin's count, so no other order is promised
// stock that is not there.
func writeOffMissing(ctx context.Context, tx Tx, who Actor, now time.Time, o *Order, list PickList, counted map[int64]int64) error {
	left := map[int64]int64{}
	for id, n := range counted {
		left[id] = n
	}
	for _, st := range list.Stops {
		found := min(left[st.LineID], st.Qty)
		left[st.LineID] -= found
		gone := st.Qty - found
		if gone == 0 {
			continue
		}
		note := "not found when picking order " + o.Number
		if err := tx.InsertStockMove(ctx, &StockMove{At: now, Kind: MoveRelease, ProductID: st.ProductID, WarehouseID: st.WarehouseID,
			BinID: st.BinID, ReservedDelta: -gone, OrderID: o.ID, Reference: o.Number, Note: note, Actor: who.Name}); err != nil {
			return err
		}
		if err := tx.InsertStockMove(ctx, &StockMove{At: now, Kind: MoveAdjust, ProductID: st.ProductID, WarehouseID: st.WarehouseID,
			BinID: st.BinID, OnHandDelta: -gone, Reference: o.Number, Note: note, Actor: who.Name}); err != nil {
			return err
		}
	}
	return nil
}
