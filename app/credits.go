package app

import (
	"context"
	"fmt"
	"time"
)

// CreditKind says why the shop took something off what an order owes.
type CreditKind string

const (
	CreditReturn        CreditKind = "return"         // goods came back, at the price paid
	CreditCancellation  CreditKind = "cancellation"   // the order was cancelled
	CreditPartialRefund CreditKind = "partial_refund" // agreed in an after-sales case
	CreditCompensation  CreditKind = "compensation"   // agreed when a complaint was resolved
)

// CreditKinds lists every kind of credit.
func CreditKinds() []CreditKind {
	return []CreditKind{CreditReturn, CreditCancellation, CreditPartialRefund, CreditCompensation}
}

// Credit is a credit note on an order: an amount the customer no longer
// owes, apart from money. Credits are never changed or deleted.
type Credit struct {
	ID      int64
	OrderID int64
	CaseID  int64 // the after-sales case it settles, if any
	Kind    CreditKind
	Amount  Money
	At      time.Time
	Note    string
	Actor   string
}

// CreditRepo keeps the credits.
type CreditRepo interface {
	InsertCredit(ctx context.Context, c *Credit) error
	Credits(ctx context.Context, orderID int64) ([]Credit, error)
}

// Credits lists an order's credits, oldest first.
func (s *Service) Credits(ctx context.Context, orderID int64) ([]Credit, error) {
	var list []Credit
	err := s.read(ctx, func(tx Tx) (err error) { list, err = tx.Credits(ctx, orderID); return err })
	return list, err
}

// credit books c on o inside the caller's transaction, never more than
// the order still asks. What the customer then owes goes down: once
// nothing is owed, reminders and collection stop. Where more came in than
// is now owed, the difference is due back: the caller pays it or asks for
// it (a case's refundTask, an order's refundDueTask).
func credit(ctx context.Context, tx Tx, who Actor, now time.Time, shop Shop, o *Order, c Credit) error {
	if c.Amount <= 0 {
		return nil
	}
	if left := o.Creditable(); c.Amount > left {
		return &ValidationError{Fields: []FieldError{{Field: "amount", Code: CodeTooLarge,
			Message: fmt.Sprintf("only %s of order %s may still be credited", shop.Currency.Format(left), o.Number)}}}
	}
	c.OrderID, c.At, c.Actor = o.ID, now, who.Name
	if err := tx.InsertCredit(ctx, &c); err != nil {
		return err
	}
	before := o.PaymentStatus
	o.AmountCredited += c.Amount
	o.Recalculate()
	o.UpdatedAt = now
	if err := tx.UpdateOrder(ctx, o); err != nil {
		return err
	}
	if o.Outstanding() == 0 {
		if err := stopAskingForMoney(ctx, tx, who, now, o); err != nil {
			return err
		}
	}
	return record(ctx, tx, who, now, SubjectOrder, o.ID, "order.credit",
		fmt.Sprintf("Credit of %s (%s): %s", shop.Currency.Format(c.Amount), c.Kind, c.Note),
		map[string]any{"payment_status": before},
		map[string]any{"payment_status": o.PaymentStatus, "credit": c.Amount, "kind": c.Kind, "note": c.Note, "balance": o.Balance()})
}

// stopAskingForMoney closes the reminders and collection tasks of an
// order that owes nothing any more.
func stopAskingForMoney(ctx context.Context, tx Tx, who Actor, now time.Time, o *Order) error {
	for _, k := range []TaskKind{TaskPaymentReminder, TaskPaymentContact, TaskPaymentDueSoon, TaskCollect} {
		if _, err := tx.CloseTasks(ctx, k, SubjectOrder, o.ID, now, who.Name); err != nil {
			return err
		}
	}
	return nil
}

// refundDueTask asks finance to pay back what the order is owed, once.
func refundDueTask(ctx context.Context, tx Tx, now time.Time, shop Shop, o *Order) error {
	open, err := tx.Tasks(ctx, TaskFilter{OpenOnly: true, SubjectKind: SubjectOrder, SubjectID: o.ID})
	if err != nil {
		return err
	}
	for _, t := range open {
		if t.Kind == TaskRefundDue {
			return nil
		}
	}
	return tx.InsertTask(ctx, &Task{Kind: TaskRefundDue, SubjectKind: SubjectOrder, SubjectID: o.ID, Ref: o.Number,
		Title: fmt.Sprintf("Pay back %s due on order %s", shop.Currency.Format(o.RefundDue()), o.Number),
		Due:   now.Add(24 * time.Hour), Assignee: RoleFinance, CreatedAt: now})
}
