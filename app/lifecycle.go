package app

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// move takes one step of the state machine on an order in one
// transaction: check the table, run the step's own work, store, record.
func (s *Service) move(ctx context.Context, id int64, a Action, note string,
	work func(tx Tx, who Actor, now time.Time, o *Order) error) (*Order, error) {
	var o *Order
	err := s.write(ctx, actionPermission(a), func(tx Tx, who Actor, now time.Time) error {
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
		if a == ActionDeallocate && o.shippedAny() {
			to = StatusPartlyShipped // the rest of a part shipment goes back to waiting
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
	err := s.write(ctx, PermOrders, func(tx Tx, who Actor, now time.Time) error {
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
// held for it is released; what it asked is credited, so it owes nothing,
// and money already received is due back, with its task.
func (s *Service) Cancel(ctx context.Context, id int64, reason string) (*Order, error) {
	reason, err := requireReason(reason)
	if err != nil {
		return nil, err
	}
	return s.move(ctx, id, ActionCancel, reason, func(tx Tx, who Actor, now time.Time, o *Order) error {
		// Cancelling credits everything the order asks: once goods have
		// left, the customer would keep them and get their money back.
		if o.shippedAny() {
			return &TransitionError{Action: ActionCancel, From: o.Status, Order: o.Number,
				Reason: "part of it has left the warehouse: what comes back is an after-sales return, and the rest is settled line by line"}
		}
		if err := releaseStock(ctx, tx, who, now, o, "order cancelled"); err != nil {
			return err
		}
		if err := unpackAll(ctx, tx, o); err != nil {
			return err
		}
		o.CancelReason = reason
		return closeWhenDead(ctx, tx, who, now, o)
	})
}

// closeWhenDead settles an order that will not go on (cancelled or
// rejected, o.CancelReason says why): what it asked is credited, so it
// owes nothing, money received is due back with its task, and the work
// queue stops asking about it.
func closeWhenDead(ctx context.Context, tx Tx, who Actor, now time.Time, o *Order) error {
	shop, err := tx.Shop(ctx)
	if err != nil {
		return err
	}
	if err := credit(ctx, tx, who, now, shop, o, Credit{Kind: CreditCancellation, Amount: o.Creditable(),
		Note: o.CancelReason}); err != nil {
		return err
	}
	if o.RefundDue() > 0 {
		if err := refundDueTask(ctx, tx, now, shop, o); err != nil {
			return err
		}
	}
	for _, k := range []TaskKind{TaskPaymentReminder, TaskPaymentContact, TaskContactCustomer, TaskSendConfirmation} {
		if _, err := tx.CloseTasks(ctx, k, SubjectOrder, o.ID, now, who.Name); err != nil {
			return err
		}
	}
	return nil
}

func requireReason(reason string) (string, error) {
	var p problems
	reason = cleanText(reason)
	requireText(&p, "reason", reason, 2, 200)
	return reason, p.err()
}

// Allocate reserves stock for a confirmed order (or the rest of a partly
// shipped one), from its best warehouse. A line stock cannot cover
// leaves the order unchanged with a ShortageError, and a task asks for a
// decision.
func (s *Service) Allocate(ctx context.Context, id int64) (*Order, error) {
	o, err := s.move(ctx, id, ActionAllocate, "", func(tx Tx, who Actor, now time.Time, o *Order) error {
		if err := reserveStock(ctx, tx, who, now, o); err != nil {
			return err
		}
		_, err := tx.CloseTasks(ctx, TaskDecideStock, SubjectOrder, o.ID, now, who.Name)
		return err
	})
	var short *ShortageError
	if errors.As(err, &short) {
		if terr := s.openShortTask(ctx, id, short); terr != nil {
			return nil, terr
		}
	}
	return o, err
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
	return s.move(ctx, id, ActionStartPicking, "", func(_ Tx, _ Actor, _ time.Time, o *Order) error {
		o.VerifiedBy, o.VerifiedAt = "", time.Time{}
		return nil
	})
}

// Pack boxes everything picked for the order as one shipment of one box.
func (s *Service) Pack(ctx context.Context, id int64) (*Order, error) {
	if _, err := s.PackOrders(ctx, PackInput{OrderIDs: []int64{id}}); err != nil {
		return nil, err
	}
	return s.Order(ctx, id)
}

// Ship hands every packed shipment of the order to the courier, without
// a carrier or tracking number yet (a task asks for it).
func (s *Service) Ship(ctx context.Context, id int64) (*Order, error) {
	err := s.write(ctx, PermFulfil, func(tx Tx, who Actor, now time.Time) error {
		o, err := tx.Order(ctx, id)
		if err != nil {
			return err
		}
		if _, err := Step(o.Status, ActionShip, o.HeldFrom); err != nil {
			return withNumber(err, o)
		}
		list, err := tx.OrderShipments(ctx, id)
		if err != nil {
			return err
		}
		sent := 0
		for i := range list {
			if list[i].Status == ShipmentPacked && list[i].ResendOf == 0 {
				sh, err := tx.Shipment(ctx, list[i].ID)
				if err != nil {
					return err
				}
				if err := shipInTx(ctx, tx, who, now, sh, ShipInput{}, false); err != nil {
					return err
				}
				sent++
			}
		}
		if sent > 0 {
			return nil
		}
		// The rest of a part shipment, held but not boxed: box it and go.
		sh, err := packInTx(ctx, tx, who, now, PackInput{OrderIDs: []int64{id}}, nil, false)
		if err != nil {
			return err
		}
		return shipInTx(ctx, tx, who, now, sh, ShipInput{}, false)
	})
	if err != nil {
		return nil, err
	}
	return s.Order(ctx, id)
}

// ShipPart sends some of the order now: qty maps line IDs to the
// units leaving in this parcel, taken from what is held for the order. It
// packs them as one shipment and ships it at once. The order is shipped
// once every unit has left, partly shipped until then.
func (s *Service) ShipPart(ctx context.Context, id int64, qty map[int64]int64) (*Order, error) {
	err := s.write(ctx, PermFulfil, func(tx Tx, who Actor, now time.Time) error {
		o, err := tx.Order(ctx, id)
		if err != nil {
			return err
		}
		if _, err := Step(o.Status, ActionShipPart, o.HeldFrom); err != nil {
			return withNumber(err, o)
		}
		var p problems
		for i, l := range o.Lines {
			if n := qty[l.ID]; n < 0 || n > l.Outstanding() {
				p.add(fmt.Sprintf("lines[%d].qty", i), CodeTooLarge, "%s: ship between 1 and %d", l.SKU, l.Outstanding())
			}
		}
		if err := p.err(); err != nil {
			return err
		}
		// Boxes waiting for the courier are opened again: what goes now
		// is this parcel, the rest is boxed later.
		if err := unpackAll(ctx, tx, o); err != nil {
			return err
		}
		sh, err := packInTx(ctx, tx, who, now, PackInput{OrderIDs: []int64{id}, Qty: qty}, nil, false)
		if err != nil {
			return err
		}
		return shipInTx(ctx, tx, who, now, sh, ShipInput{}, true)
	})
	if err != nil {
		return nil, err
	}
	return s.Order(ctx, id)
}

// Deliver records the customer's sign-off for every parcel of the order
// on its way. Orders shipped before shipments were kept are signed for
// directly.
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
	var o *Order
	err := s.write(ctx, PermFulfil, func(tx Tx, who Actor, now time.Time) error {
		var err error
		if o, err = tx.Order(ctx, id); err != nil {
			return err
		}
		if _, err := Step(o.Status, ActionDeliver, o.HeldFrom); err != nil {
			return withNumber(err, o)
		}
		list, err := tx.OrderShipments(ctx, id)
		if err != nil {
			return err
		}
		signed := 0
		for _, x := range list {
			if x.Status != ShipmentShipped {
				continue
			}
			sh, err := tx.Shipment(ctx, x.ID)
			if err != nil {
				return err
			}
			name := signer
			if name == "" {
				name = o.RecipientName
			}
			if err := signOffInTx(ctx, tx, who, now, sh, SignOff{Signer: name}); err != nil {
				return err
			}
			signed++
		}
		if signed == 0 {
			return stepAndRecord(ctx, tx, who, now, o, ActionDeliver, note)
		}
		o, err = tx.Order(ctx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// Complete closes a delivered (or long shipped) order.
func (s *Service) Complete(ctx context.Context, id int64) (*Order, error) {
	return s.move(ctx, id, ActionComplete, "", nil)
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
