package app

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ReportProblem marks a shipment on its way as delayed, failed, lost,
// damaged, refused or unreachable. Each opens a task due in 30
// minutes; lost or damaged goods also need a re-send or a refund within
// 24 hours.
func (s *Service) ReportProblem(ctx context.Context, id int64, problem TrackingProblem, note string) (*Shipment, error) {
	var p problems
	note = cleanText(note)
	if !problem.Valid() {
		p.add("problem", CodeInvalid, "choose what went wrong")
	}
	optionalText(&p, "note", note, 200)
	if err := p.err(); err != nil {
		return nil, err
	}
	return s.changeShipment(ctx, id, PermTracking, func(tx Tx, who Actor, now time.Time, sh *Shipment) (string, error) {
		if sh.Status != ShipmentShipped && !(sh.Status == ShipmentDelivered && problem == ProblemDamaged) {
			return "", shipmentStateError("report a problem with", sh, "only shipments on their way (or delivered broken) have problems")
		}
		sh.Problem, sh.ProblemNote, sh.ProblemAt = problem, note, now
		first := sh.OrderIDs[0]
		if err := insertTaskDueIn(ctx, tx, &Task{Kind: TaskTrackingProblem, SubjectKind: SubjectOrder, SubjectID: first, Ref: sh.Number,
			Title:    fmt.Sprintf("Shipment %s is %s: call the carrier and the customer", sh.Number, problem),
			Assignee: RoleService, CreatedAt: now}, 30*time.Minute); err != nil {
			return "", err
		}
		if problem.GoodsGone() {
			if err := tx.InsertTask(ctx, &Task{Kind: TaskResendOrRefund, SubjectKind: SubjectOrder, SubjectID: first, Ref: sh.Number,
				Title: fmt.Sprintf("Shipment %s is %s: re-send it or refund the customer", sh.Number, problem),
				Due:   now.Add(24 * time.Hour), Assignee: RoleService, CreatedAt: now}); err != nil {
				return "", err
			}
		}
		what := "problem " + string(problem)
		if note != "" {
			what += " (" + note + ")"
		}
		return what, nil
	})
}

// ClearProblem ends a problem that sorted itself out (a delayed parcel
// moving again); the reason is required.
func (s *Service) ClearProblem(ctx context.Context, id int64, note string) (*Shipment, error) {
	note, err := requireReason(note)
	if err != nil {
		return nil, err
	}
	return s.changeShipment(ctx, id, PermTracking, func(tx Tx, who Actor, now time.Time, sh *Shipment) (string, error) {
		if sh.Problem == ProblemNone {
			return "", shipmentStateError("clear the problem of", sh, "it has none")
		}
		if sh.Problem.GoodsGone() {
			return "", shipmentStateError("clear the problem of", sh, "lost or damaged goods are re-sent or refunded")
		}
		was := sh.Problem
		sh.Problem, sh.ProblemNote = ProblemNone, note
		if err := closeProblemTasks(ctx, tx, who, now, sh); err != nil {
			return "", err
		}
		return fmt.Sprintf("problem %s cleared (%s)", was, note), nil
	})
}

func closeProblemTasks(ctx context.Context, tx Tx, who Actor, now time.Time, sh *Shipment) error {
	for _, k := range []TaskKind{TaskTrackingProblem, TaskResendOrRefund} {
		if _, err := tx.CloseTasks(ctx, k, SubjectOrder, sh.OrderIDs[0], now, who.Name); err != nil {
			return err
		}
	}
	return nil
}

// Resend sends lost or damaged goods again at no charge: a new
// shipment of the same units, with stock reserved for it, waiting to be
// packed. The lost one is closed.
func (s *Service) Resend(ctx context.Context, id int64) (*Shipment, error) {
	var again *Shipment
	err := s.write(ctx, PermFulfil, func(tx Tx, who Actor, now time.Time) error {
		sh, err := tx.Shipment(ctx, id)
		if err != nil {
			return err
		}
		if !sh.Problem.GoodsGone() || sh.Status == ShipmentClosed {
			return shipmentStateError("re-send", sh, "only lost or damaged shipments that are not settled are sent again")
		}
		again = &Shipment{Status: ShipmentToPack, WarehouseID: sh.WarehouseID, OrderIDs: sh.OrderIDs,
			RecipientName: sh.RecipientName, RecipientPhone: sh.RecipientPhone, Address: sh.Address,
			Lines: sh.Lines, Packages: sh.Packages, Carrier: sh.Carrier, Service: sh.Service, ResendOf: sh.ID}
		for _, oid := range sh.OrderIDs {
			o, err := tx.Order(ctx, oid)
			if err != nil {
				return err
			}
			// Reserve the same units again as if they were a new order's.
			want := *o
			want.Lines = nil
			for _, l := range sh.Lines {
				if l.OrderID == oid {
					ol := o.lineByID(l.LineID)
					if ol == nil {
						continue
					}
					c := *ol
					c.Qty, c.QtyShipped, c.QtySentBefore, c.Cancelled = l.Qty, 0, 0, false
					want.Lines = append(want.Lines, c)
				}
			}
			if err := reserveStock(ctx, tx, who, now, &want); err != nil {
				var short *ShortageError
				if errors.As(err, &short) {
					return &ValidationError{Fields: []FieldError{{Field: "stock", Code: CodeShort,
						Message: fmt.Sprintf("not enough stock to send shipment %s again: %s; refund the customer instead", sh.Number, short.Error())}}}
				}
				return err
			}
		}
		first, err := tx.Order(ctx, sh.OrderIDs[0])
		if err != nil {
			return err
		}
		if again.Number, err = shipmentNumber(ctx, tx, first); err != nil {
			return err
		}
		if err := tx.InsertShipment(ctx, again); err != nil {
			return err
		}
		sh.Status = ShipmentClosed
		if err := tx.UpdateShipment(ctx, sh); err != nil {
			return err
		}
		if err := closeProblemTasks(ctx, tx, who, now, sh); err != nil {
			return err
		}
		for _, oid := range sh.OrderIDs {
			if err := record(ctx, tx, who, now, SubjectOrder, oid, "shipment.resent",
				fmt.Sprintf("shipment %s (%s) sent again as %s at no charge", sh.Number, sh.Problem, again.Number),
				nil, map[string]any{"shipment": sh.Number, "resend": again.Number}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return again, nil
}

// RefundShipment settles lost or damaged goods with money instead of a
// re-send: the amount is credited on the shipment's first order
// and paid back as far as the customer had paid (the payment is nil when
// nothing was), and the shipment is closed.
func (s *Service) RefundShipment(ctx context.Context, id int64, in RefundInput) (*Payment, error) {
	var p problems
	in.TransactionID, in.Reference = cleanText(in.TransactionID), cleanText(in.Reference)
	if in.Amount <= 0 {
		p.add("amount", CodeTooSmall, "enter the amount paid back, more than zero")
	}
	checkAmount(&p, "amount", in.Amount)
	if err := p.err(); err != nil {
		return nil, err
	}
	var pay *Payment
	err := s.write(ctx, PermRefund, func(tx Tx, who Actor, now time.Time) error {
		sh, err := tx.Shipment(ctx, id)
		if err != nil {
			return err
		}
		if !sh.Problem.GoodsGone() || sh.Status == ShipmentClosed {
			return shipmentStateError("refund", sh, "only lost or damaged shipments that are not settled are refunded this way")
		}
		if in.Reference == "" {
			in.Reference = fmt.Sprintf("shipment %s %s", sh.Number, sh.Problem)
		}
		o, err := tx.Order(ctx, sh.OrderIDs[0])
		if err != nil {
			return err
		}
		// The goods never arrived whole: the amount is credited, and paid
		// back as far as the customer had paid it.
		shop, err := tx.Shop(ctx)
		if err != nil {
			return err
		}
		dueBefore := o.RefundDue()
		if err := credit(ctx, tx, who, now, shop, o, Credit{Kind: CreditCompensation, Amount: in.Amount, Note: in.Reference}); err != nil {
			return err
		}
		if back := min(in.Amount, o.RefundDue()-dueBefore); back > 0 {
			in.Amount = back
			if pay, err = refund(ctx, tx, who, now, o, in); err != nil {
				return err
			}
		}
		sh.Status = ShipmentClosed
		if err := tx.UpdateShipment(ctx, sh); err != nil {
			return err
		}
		return closeProblemTasks(ctx, tx, who, now, sh)
	})
	if err != nil {
		return nil, err
	}
	return pay, nil
}

// SignOff is the customer's signature for a shipment.
type SignOff struct {
	Signer  string
	At      time.Time // zero: now
	Remarks string    // what the customer noted on inspection
}

// SignOffShipment records the delivery of a shipment. An order whose
// every parcel is signed for is delivered, and completes at once when the
// shop completes on sign-off.
func (s *Service) SignOffShipment(ctx context.Context, id int64, in SignOff) (*Shipment, error) {
	var p problems
	in.Signer, in.Remarks = cleanText(in.Signer), cleanText(in.Remarks)
	requireText(&p, "signer", in.Signer, 1, 60)
	optionalText(&p, "remarks", in.Remarks, 200)
	if err := p.err(); err != nil {
		return nil, err
	}
	var sh *Shipment
	err := s.write(ctx, PermFulfil, func(tx Tx, who Actor, now time.Time) error {
		var err error
		if sh, err = tx.Shipment(ctx, id); err != nil {
			return err
		}
		return signOffInTx(ctx, tx, who, now, sh, in)
	})
	if err != nil {
		return nil, err
	}
	return sh, nil
}

func signOffInTx(ctx context.Context, tx Tx, who Actor, now time.Time, sh *Shipment, in SignOff) error {
	if sh.Status != ShipmentShipped {
		return shipmentStateError("sign for", sh, "only shipments on their way are signed for")
	}
	at := now
	if !in.At.IsZero() {
		var tp problems
		checkTime(&tp, "at", in.At, now)
		if in.At.Before(sh.ShippedAt) {
			tp.add("at", CodeInvalid, "the delivery cannot be before the parcel left")
		}
		if err := tp.err(); err != nil {
			return err
		}
		at = in.At.UTC().Truncate(time.Millisecond)
	}
	sh.Status, sh.DeliveredAt, sh.Signer, sh.SignRemarks = ShipmentDelivered, at, in.Signer, in.Remarks
	if sh.Problem != ProblemNone && !sh.Problem.GoodsGone() {
		sh.Problem = ProblemNone
		if err := closeProblemTasks(ctx, tx, who, now, sh); err != nil {
			return err
		}
	}
	if err := tx.UpdateShipment(ctx, sh); err != nil {
		return err
	}
	shop, err := tx.Shop(ctx)
	if err != nil {
		return err
	}
	for _, oid := range sh.OrderIDs {
		o, err := tx.Order(ctx, oid)
		if err != nil {
			return err
		}
		note := fmt.Sprintf("shipment %s signed by %s", sh.Number, in.Signer)
		if in.Remarks != "" {
			note += ": " + in.Remarks
		}
		all, err := tx.OrderShipments(ctx, oid)
		if err != nil {
			return err
		}
		arrived := o.Status == StatusShipped
		for _, x := range all {
			if x.Status == ShipmentShipped || x.Status == ShipmentPacked || x.Status == ShipmentToPack {
				arrived = false
			}
		}
		if !arrived {
			if err := record(ctx, tx, who, now, SubjectOrder, oid, "shipment.delivered", note, nil,
				map[string]any{"shipment": sh.Number, "signer": in.Signer}); err != nil {
				return err
			}
			continue
		}
		if err := stepAndRecord(ctx, tx, who, now, o, ActionDeliver, note); err != nil {
			return err
		}
		if shop.Policy.CompleteOnSignOff {
			if err := stepAndRecord(ctx, tx, who, now, o, ActionComplete, "signed for"); err != nil {
				return err
			}
		}
	}
	return nil
}

// CompleteShippedOrders completes the orders whose last parcel left at
// least the shop's auto-complete days ago. It says how many.
func (s *Service) CompleteShippedOrders(ctx context.Context) (int, error) {
	// Run as a side effect of opening a screen: someone who may not move
	// orders on simply leaves it to someone who may.
	if _, err := allow(ctx, PermFulfil); err != nil {
		var refused *PermissionError
		if errors.As(err, &refused) {
			return 0, nil
		}
		return 0, err
	}
	var ids []int64
	err := s.read(ctx, func(tx Tx) error {
		shop, err := tx.Shop(ctx)
		if err != nil || shop.Policy.AutoCompleteDays <= 0 {
			return err
		}
		ids, err = tx.OrdersShippedBefore(ctx, s.Now().AddDate(0, 0, -shop.Policy.AutoCompleteDays), 10_000)
		return err
	})
	if err != nil {
		return 0, err
	}
	done := 0
	for _, id := range ids {
		if _, err := s.move(ctx, id, ActionComplete, "no complaint within the auto-complete days", nil); err != nil {
			var te *TransitionError
			if errors.As(err, &te) {
				continue // moved on meanwhile
			}
			return done, err
		}
		done++
	}
	return done, nil
}
