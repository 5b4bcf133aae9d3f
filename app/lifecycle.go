package app

import (
	"context"
	"fmt"
	"sort"
	"time"
)

// move takes one step of the state machine on an order in one
// transaction: check the table, run the step's own work, store, record.
func (s *Service) move(ctx context.Context, id int64, a Action, note string,
	work func(tx Tx, who Actor, now time.Time, o *Order) error) (*Order, error) {
	var o *Order
	err := s.write(ctx, func(tx Tx, who Actor, now time.Time) error {
		var err error
		o, err = tx.Order(ctx, id)
		if err != nil {
			return err
		}
		from := o.Status
		to, err := Step(o.Status, a, o.HeldFrom)
		if err != nil {
			return withNumber(err, o)
		}
		if work != nil {
			if err := work(tx, who, now, o); err != nil {
				return err
			}
		}
		if a == ActionHold {
			o.HeldFrom = from
		}
		if to != StatusOnHold {
			o.HeldFrom = ""
		}
		o.Status = to
		o.UpdatedAt = now
		if err := tx.UpdateOrder(ctx, o); err != nil {
			return err
		}
		return recordStep(ctx, tx, who, now, o, a, from, note)
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// Submit sends a draft for review: it must be complete by then. The rules
// check it at once; a clean order is confirmed straight away
// when the shop allows it, a flagged one waits in the review inbox.
func (s *Service) Submit(ctx context.Context, id int64) (*Order, error) {
	var o *Order
	err := s.write(ctx, func(tx Tx, who Actor, now time.Time) error {
		var err error
		if o, err = tx.Order(ctx, id); err != nil {
			return err
		}
		if _, err := Step(o.Status, ActionSubmit, o.HeldFrom); err != nil {
			return withNumber(err, o)
		}
		var p problems
		in := InputFromOrder(o)
		in.validateComplete(&p)
		if err := p.err(); err != nil {
			return err
		}
		if err := stepAndRecord(ctx, tx, who, now, o, ActionSubmit, ""); err != nil {
			return err
		}
		shop, err := tx.Shop(ctx)
		if err != nil {
			return err
		}
		_, err = s.reviewOrder(ctx, tx, who, now, shop, o, lookups{})
		return err
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// Confirm accepts an order waiting in review: the supervisor's approval
// without an opinion.
func (s *Service) Confirm(ctx context.Context, id int64) (*Order, error) {
	return s.Approve(ctx, id, "")
}

// stepAndRecord takes one plain step of the state machine inside a
// running transaction.
func stepAndRecord(ctx context.Context, tx Tx, who Actor, now time.Time, o *Order, a Action, note string) error {
	from := o.Status
	to, err := Step(o.Status, a, o.HeldFrom)
	if err != nil {
		return withNumber(err, o)
	}
	o.Status, o.UpdatedAt = to, now
	if err := tx.UpdateOrderStatus(ctx, o); err != nil {
		return err
	}
	return recordStep(ctx, tx, who, now, o, a, from, note)
}

// recordStep appends a step's event: what was done, from and to which
// status, and the note (a reason, a signer).
func recordStep(ctx context.Context, tx Tx, who Actor, now time.Time, o *Order, a Action, from Status, note string) error {
	summary := fmt.Sprintf("%s: %s → %s", a.Verb(), from.Label(), o.Status.Label())
	if note != "" {
		summary += " (" + note + ")"
	}
	return record(ctx, tx, who, now, SubjectOrder, o.ID, "order."+string(a), summary,
		map[string]any{"status": from}, map[string]any{"status": o.Status, "note": note})
}

// Reject refuses an order at review; the reason is required.
func (s *Service) Reject(ctx context.Context, id int64, reason string) (*Order, error) {
	reason, err := requireReason(reason)
	if err != nil {
		return nil, err
	}
	return s.move(ctx, id, ActionReject, reason, func(tx Tx, who Actor, now time.Time, o *Order) error {
		o.CancelReason = reason
		if err := decide(ctx, tx, who, now, o.ID, DecisionRejected, reason); err != nil {
			return err
		}
		return closeWhenDead(ctx, tx, who, now, o)
	})
}

// ReturnToDraft sends an order back from review for correction.
func (s *Service) ReturnToDraft(ctx context.Context, id int64, reason string) (*Order, error) {
	reason, err := requireReason(reason)
	if err != nil {
		return nil, err
	}
	return s.move(ctx, id, ActionReturnToDraft, reason, nil)
}

// Hold stops an order where it is until released; the reason is required.
func (s *Service) Hold(ctx context.Context, id int64, reason string) (*Order, error) {
	reason, err := requireReason(reason)
	if err != nil {
		return nil, err
	}
	return s.move(ctx, id, ActionHold, reason, func(tx Tx, who Actor, now time.Time, o *Order) error {
		if o.Status != StatusPendingReview {
			return nil
		}
		return decide(ctx, tx, who, now, o.ID, DecisionHeld, reason)
	})
}

// Release lets an order on hold go on from where it stopped.
func (s *Service) Release(ctx context.Context, id int64) (*Order, error) {
	return s.move(ctx, id, ActionRelease, "", nil)
}

// Cancel cancels an order before it ships; the reason is required. Stock
// held for it is released; money already received becomes a refund task.
func (s *Service) Cancel(ctx context.Context, id int64, reason string) (*Order, error) {
	reason, err := requireReason(reason)
	if err != nil {
		return nil, err
	}
	return s.move(ctx, id, ActionCancel, reason, func(tx Tx, who Actor, now time.Time, o *Order) error {
		if err := releaseStock(ctx, tx, who, now, o, "order cancelled"); err != nil {
			return err
		}
		o.CancelReason = reason
		return closeWhenDead(ctx, tx, who, now, o)
	})
}

// closeWhenDead tidies the work queue of an order that will not go on.
func closeWhenDead(ctx context.Context, tx Tx, who Actor, now time.Time, o *Order) error {
	for _, k := range []TaskKind{TaskPaymentReminder, TaskPaymentContact, TaskContactCustomer, TaskSendConfirmation} {
		if _, err := tx.CloseTasks(ctx, k, SubjectOrder, o.ID, now, who.Name); err != nil {
			return err
		}
	}
	if held := o.AmountPaid - o.AmountRefunded; held > 0 {
		return tx.InsertTask(ctx, &Task{Kind: TaskRefundDue, SubjectKind: SubjectOrder, SubjectID: o.ID, Ref: o.Number,
			Title: "Refund the payment of cancelled order " + o.Number, Due: now.Add(24 * time.Hour), Assignee: RoleFinance, CreatedAt: now})
	}
	return nil
}

func requireReason(reason string) (string, error) {
	var p problems
	reason = cleanText(reason)
	requireText(&p, "reason", reason, 2, 200)
	return reason, p.err()
}

// Allocate reserves stock for every line of a confirmed order, bin by bin,
// from the warehouse that can cover the most of it (cheapest shipping
// first among equals). Lines short everywhere are refused with what is
// missing.
func (s *Service) Allocate(ctx context.Context, id int64) (*Order, error) {
	return s.move(ctx, id, ActionAllocate, "", func(tx Tx, who Actor, now time.Time, o *Order) error {
		return reserveStock(ctx, tx, who, now, o)
	})
}

// Deallocate gives an allocated order's stock back.
func (s *Service) Deallocate(ctx context.Context, id int64, reason string) (*Order, error) {
	reason, err := requireReason(reason)
	if err != nil {
		return nil, err
	}
	return s.move(ctx, id, ActionDeallocate, reason, func(tx Tx, who Actor, now time.Time, o *Order) error {
		return releaseStock(ctx, tx, who, now, o, reason)
	})
}

// StartPicking hands the order to the warehouse; from here it can no
// longer be changed.
func (s *Service) StartPicking(ctx context.Context, id int64) (*Order, error) {
	return s.move(ctx, id, ActionStartPicking, "", nil)
}

// Pack records that the order is packed.
func (s *Service) Pack(ctx context.Context, id int64) (*Order, error) {
	return s.move(ctx, id, ActionPack, "", nil)
}

// Ship sends everything still reserved for the order; the stock leaves the
// ledger here.
func (s *Service) Ship(ctx context.Context, id int64) (*Order, error) {
	return s.move(ctx, id, ActionShip, "", func(tx Tx, who Actor, now time.Time, o *Order) error {
		if err := clearReservations(ctx, tx, who, now, o, MoveShip, ""); err != nil {
			return err
		}
		for i := range o.Lines {
			o.Lines[i].QtyShipped = o.Lines[i].Qty
		}
		return nil
	})
}

// ShipPart sends some of the order now: qty maps line IDs to the
// units leaving in this parcel, taken from what is reserved for the line.
// The order is shipped once every unit has left, partly shipped until then.
func (s *Service) ShipPart(ctx context.Context, id int64, qty map[int64]int64) (*Order, error) {
	var o *Order
	err := s.write(ctx, func(tx Tx, who Actor, now time.Time) error {
		var err error
		o, err = tx.Order(ctx, id)
		if err != nil {
			return err
		}
		from := o.Status
		if _, err := Step(o.Status, ActionShipPart, o.HeldFrom); err != nil {
			return withNumber(err, o)
		}
		res, err := tx.Reservations(ctx, o.ID)
		if err != nil {
			return err
		}
		var p problems
		sent := 0
		for i := range o.Lines {
			l := &o.Lines[i]
			n := qty[l.ID]
			f := fmt.Sprintf("lines[%d].qty", i)
			switch {
			case n == 0 || !l.Kind.Stocked():
				continue
			case n < 0 || n > l.Qty-l.QtyShipped:
				p.add(f, CodeTooLarge, "%s: ship between 1 and %d", l.SKU, l.Qty-l.QtyShipped)
				continue
			}
			for k := range res {
				r := &res[k]
				if n == 0 || r.ProductID != l.ProductID || r.Qty <= 0 {
					continue
				}
				take := min(n, r.Qty)
				m := &StockMove{At: now, Kind: MoveShip, ProductID: r.ProductID, WarehouseID: r.WarehouseID, BinID: r.BinID,
					OnHandDelta: -take, ReservedDelta: -take, OrderID: o.ID, Reference: o.Number, Actor: who.Name}
				if err := tx.InsertStockMove(ctx, m); err != nil {
					return err
				}
				r.Qty -= take
				n -= take
				l.QtyShipped += take
				sent++
			}
			if n > 0 {
				p.add(f, CodeShort, "%s: only %d more reserved", l.SKU, qty[l.ID]-n)
			}
		}
		if err := p.err(); err != nil {
			return err
		}
		if sent == 0 {
			return &ValidationError{Fields: []FieldError{{Field: "lines", Code: CodeRequired, Message: "choose what goes in this parcel"}}}
		}
		// Charges (postage, fees) go with the first parcel.
		for i := range o.Lines {
			if !o.Lines[i].Kind.Stocked() {
				o.Lines[i].QtyShipped = o.Lines[i].Qty
			}
		}
		o.Status = StatusShipped
		for _, l := range o.Lines {
			if l.QtyShipped < l.Qty {
				o.Status = StatusPartlyShipped
			}
		}
		o.UpdatedAt = now
		if err := tx.UpdateOrder(ctx, o); err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectOrder, o.ID, "order."+string(ActionShipPart),
			fmt.Sprintf("ship part of: %s → %s", from.Label(), o.Status.Label()),
			map[string]any{"status": from}, map[string]any{"status": o.Status, "qty": qty})
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// Deliver records the customer's sign-off.
func (s *Service) Deliver(ctx context.Context, id int64, signer string) (*Order, error) {
	signer = cleanText(signer)
	var p problems
	optionalText(&p, "signer", signer, 60)
	if err := p.err(); err != nil {
		return nil, err
	}
	note := ""
	if signer != "" {
		note = "signed by " + signer
	}
	return s.move(ctx, id, ActionDeliver, note, nil)
}

// Complete closes a delivered (or long shipped) order.
func (s *Service) Complete(ctx context.Context, id int64) (*Order, error) {
	return s.move(ctx, id, ActionComplete, "", nil)
}

// reserveStock reserves every line's quantity. It prefers one warehouse
// for the whole order (one parcel), ranked by how many units it can cover,
// then by shipping rank.
func reserveStock(ctx context.Context, tx Tx, who Actor, now time.Time, o *Order) error {
	warehouses, err := tx.Warehouses(ctx)
	if err != nil {
		return err
	}
	levels := map[int64][]StockLevel{}
	for _, l := range o.Lines {
		if _, ok := levels[l.ProductID]; ok {
			continue
		}
		if levels[l.ProductID], err = tx.StockLevels(ctx, l.ProductID); err != nil {
			return err
		}
	}
	covered := func(warehouseID int64) int64 {
		var n int64
		for _, l := range o.Lines {
			if !l.Kind.Stocked() {
				continue
			}
			var avail int64
			for _, lv := range levels[l.ProductID] {
				if lv.WarehouseID == warehouseID && lv.BinID != 0 {
					avail += lv.Available()
				}
			}
			n += min(avail, l.Qty)
		}
		return n
	}
	sort.SliceStable(warehouses, func(i, j int) bool {
		ci, cj := covered(warehouses[i].ID), covered(warehouses[j].ID)
		if ci != cj {
			return ci > cj
		}
		return warehouses[i].ShippingRank < warehouses[j].ShippingRank
	})
	var p problems
	for i, l := range o.Lines {
		if !l.Kind.Stocked() {
			continue
		}
		need := l.Qty
		for _, w := range warehouses {
			for k := range levels[l.ProductID] {
				lv := &levels[l.ProductID][k]
				if need == 0 {
					break
				}
				if lv.WarehouseID != w.ID || lv.BinID == 0 || lv.Available() <= 0 {
					continue
				}
				take := min(need, lv.Available())
				m := &StockMove{At: now, Kind: MoveReserve, ProductID: l.ProductID, WarehouseID: w.ID, BinID: lv.BinID,
					ReservedDelta: take, OrderID: o.ID, Reference: o.Number, Actor: who.Name}
				if err := tx.InsertStockMove(ctx, m); err != nil {
					return err
				}
				lv.Reserved += take
				need -= take
			}
		}
		if need > 0 {
			p.add(fmt.Sprintf("lines[%d].qty", i), CodeShort, "%s is short by %d", l.SKU, need)
		}
	}
	return p.err()
}

// releaseStock gives back everything still reserved for the order.
func releaseStock(ctx context.Context, tx Tx, who Actor, now time.Time, o *Order, why string) error {
	return clearReservations(ctx, tx, who, now, o, MoveRelease, why)
}

// clearReservations ends every reservation the order holds, either by
// giving the stock back (release) or by sending it out (ship, which also
// takes it off the shelf).
func clearReservations(ctx context.Context, tx Tx, who Actor, now time.Time, o *Order, kind MoveKind, why string) error {
	res, err := tx.Reservations(ctx, o.ID)
	if err != nil {
		return err
	}
	for _, r := range res {
		if r.Qty <= 0 {
			continue
		}
		m := &StockMove{At: now, Kind: kind, ProductID: r.ProductID, WarehouseID: r.WarehouseID, BinID: r.BinID,
			ReservedDelta: -r.Qty, OrderID: o.ID, Reference: o.Number, Note: why, Actor: who.Name}
		if kind == MoveShip {
			m.OnHandDelta = -r.Qty
		}
		if err := tx.InsertStockMove(ctx, m); err != nil {
			return err
		}
	}
	return nil
}
