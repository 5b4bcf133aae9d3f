package app

import (
	"context"
	"fmt"
	"time"
)

// PaymentInput is money received for an order.
type PaymentInput struct {
	Method        PaymentMethod
	Amount        Money
	At            time.Time // zero: now
	TransactionID string
	Note          string
}

// RecordPayment books a payment against an order. It refuses more than is
// outstanding; the payment status follows from the payments.
func (s *Service) RecordPayment(ctx context.Context, orderID int64, in PaymentInput) (*Payment, error) {
	var p problems
	in.TransactionID, in.Note = cleanText(in.TransactionID), cleanText(in.Note)
	switch {
	case in.Method == "":
		p.add("method", CodeRequired, "choose how the customer paid")
	case !in.Method.Valid():
		p.add("method", CodeInvalid, "%q is not a known payment method", in.Method)
	}
	if in.Amount <= 0 {
		p.add("amount", CodeTooSmall, "enter the amount received, more than zero")
	}
	checkAmount(&p, "amount", in.Amount)
	optionalText(&p, "transaction_id", in.TransactionID, 64)
	optionalText(&p, "note", in.Note, 200)
	if err := p.err(); err != nil {
		return nil, err
	}
	var pay *Payment
	err := s.write(ctx, PermMoney, func(tx Tx, who Actor, now time.Time) error {
		if !in.At.IsZero() {
			var tp problems
			checkTime(&tp, "at", in.At, now)
			if err := tp.err(); err != nil {
				return err
			}
		}
		o, err := tx.Order(ctx, orderID)
		if err != nil {
			return err
		}
		if _, err := Step(o.Status, ActionRecordPayment, o.HeldFrom); err != nil {
			return withNumber(err, o)
		}
		shop, err := tx.Shop(ctx)
		if err != nil {
			return err
		}
		if out := o.Outstanding(); in.Amount > out {
			return &ValidationError{Fields: []FieldError{{Field: "amount", Code: CodeTooLarge,
				Message: fmt.Sprintf("only %s is outstanding on order %s", shop.Currency.Format(max(out, 0)), o.Number)}}}
		}
		at := in.At.UTC().Truncate(time.Millisecond)
		if in.At.IsZero() {
			at = now
		}
		pay = &Payment{OrderID: o.ID, Method: in.Method, Amount: in.Amount, At: at, TransactionID: in.TransactionID, Note: in.Note, Actor: who.Name}
		if err := tx.InsertPayment(ctx, pay); err != nil {
			return err
		}
		before := o.PaymentStatus
		o.AmountPaid += in.Amount
		o.TransactionID = in.TransactionID
		o.Recalculate()
		if o.PaymentStatus == PaymentPaid {
			o.PaidAt = at
			if err := paidInFull(ctx, tx, who, now, shop, o); err != nil {
				return err
			}
		}
		o.UpdatedAt = now
		if err := tx.UpdateOrder(ctx, o); err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectOrder, o.ID, "order.payment",
			fmt.Sprintf("Payment of %s by %s received", shop.Currency.Format(in.Amount), in.Method),
			map[string]any{"payment_status": before}, map[string]any{"payment_status": o.PaymentStatus, "amount": in.Amount, "method": in.Method})
	})
	if err != nil {
		return nil, err
	}
	return pay, nil
}

// Payments lists an order's payments and refunds.
func (s *Service) Payments(ctx context.Context, orderID int64) ([]Payment, error) {
	var list []Payment
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		list, err = tx.Payments(ctx, orderID)
		return err
	})
	return list, err
}

// RefundInput is money paid back to the customer: by the original method
// unless said otherwise, with the after-sales case or reason it settles.
type RefundInput struct {
	Method        PaymentMethod // empty: the order's payment method
	Amount        Money
	At            time.Time // zero: now
	TransactionID string
	Reference     string // the after-sales case number, or why
}

// RecordRefund books money paid back as a negative payment. It
// pays out what the order is owed back (RefundDue: what came back, was
// cancelled or credited and is not paid back yet), never more, so it can
// never exceed what was received less what went back; the refund task
// closes once nothing is due.
func (s *Service) RecordRefund(ctx context.Context, orderID int64, in RefundInput) (*Payment, error) {
	var p problems
	in.TransactionID, in.Reference = cleanText(in.TransactionID), cleanText(in.Reference)
	if in.Method != "" && !in.Method.Valid() {
		p.add("method", CodeInvalid, "%q is not a known payment method", in.Method)
	}
	if in.Amount <= 0 {
		p.add("amount", CodeTooSmall, "enter the amount paid back, more than zero")
	}
	checkAmount(&p, "amount", in.Amount)
	requireText(&p, "reference", in.Reference, 2, 200)
	optionalText(&p, "transaction_id", in.TransactionID, 64)
	if err := p.err(); err != nil {
		return nil, err
	}
	var pay *Payment
	err := s.write(ctx, PermRefund, func(tx Tx, who Actor, now time.Time) error {
		o, err := tx.Order(ctx, orderID)
		if err != nil {
			return err
		}
		pay, err = refund(ctx, tx, who, now, o, in)
		return err
	})
	if err != nil {
		return nil, err
	}
	return pay, nil
}

// refund books a refund inside the caller's transaction: never more than
// the order is owed back.
func refund(ctx context.Context, tx Tx, who Actor, now time.Time, o *Order, in RefundInput) (*Payment, error) {
	shop, err := tx.Shop(ctx)
	if err != nil {
		return nil, err
	}
	if due := o.RefundDue(); in.Amount > due {
		msg := fmt.Sprintf("only %s is due back on order %s", shop.Currency.Format(due), o.Number)
		if due == 0 {
			msg = fmt.Sprintf("nothing is due back on order %s: money goes back for goods returned, an order cancelled, "+
				"or a partial refund or compensation agreed in an after-sales case or complaint", o.Number)
		}
		return nil, &ValidationError{Fields: []FieldError{{Field: "amount", Code: CodeTooLarge, Message: msg}}}
	}
	at := now
	if !in.At.IsZero() {
		var tp problems
		checkTime(&tp, "at", in.At, now)
		if err := tp.err(); err != nil {
			return nil, err
		}
		at = in.At.UTC().Truncate(time.Millisecond)
	}
	method := in.Method
	if method == "" {
		method = o.PaymentMethod
	}
	if method == "" || method == PayCredit {
		method = PayBank
	}
	pay := &Payment{OrderID: o.ID, Method: method, Amount: -in.Amount, At: at, TransactionID: in.TransactionID,
		Note: in.Reference, Actor: who.Name}
	if err := tx.InsertPayment(ctx, pay); err != nil {
		return nil, err
	}
	before := o.PaymentStatus
	o.AmountRefunded += in.Amount
	o.Recalculate()
	o.UpdatedAt = now
	if err := tx.UpdateOrder(ctx, o); err != nil {
		return nil, err
	}
	if o.RefundDue() == 0 {
		if _, err := tx.CloseTasks(ctx, TaskRefundDue, SubjectOrder, o.ID, now, who.Name); err != nil {
			return nil, err
		}
	}
	return pay, record(ctx, tx, who, now, SubjectOrder, o.ID, "order.refund",
		fmt.Sprintf("Refund of %s by %s (%s)", shop.Currency.Format(in.Amount), method, in.Reference),
		map[string]any{"payment_status": before},
		map[string]any{"payment_status": o.PaymentStatus, "amount": in.Amount, "method": method, "reference": in.Reference})
}
