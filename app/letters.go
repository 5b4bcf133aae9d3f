package app

import (
	"context"
	"fmt"
	"time"
)

// LetterKind is which letter a customer gets about an order or an
// after-sales case: it follows the state of what it is about, so a
// letter never says more than the shop has decided.
type LetterKind string

const (
	// About an order.
	LetterConfirmation LetterKind = "confirmation" // the order as agreed
	LetterCancellation LetterKind = "cancellation" // the order is off, and why

	// About an after-sales case.
	LetterCaseReceived     LetterKind = "case_received"     // we have your request; the decision follows
	LetterReturnGoods      LetterKind = "return_goods"      // approved: how to send the goods back
	LetterCaseRejected     LetterKind = "case_rejected"     // refused, and why
	LetterNothingToReturn  LetterKind = "nothing_to_return" // re-send or partial refund: the goods stay
	LetterReturnedReceived LetterKind = "returned_received" // the goods came back; what follows
)

// Letter is the letter a subject gets now: which one and the date it
// bears, the day of the decision it tells, not the day it is printed.
type Letter struct {
	Kind LetterKind
	Date time.Time
}

// NoLetterError says why a subject gets no letter now. Code names the
// reason for screens to translate ("letter.none."+Code).
type NoLetterError struct {
	Subject string // "order" or "case"
	Number  string
	Code    string
	Reason  string
}

func (e *NoLetterError) Error() string {
	return fmt.Sprintf("no letter for %s %s: %s", e.Subject, e.Number, e.Reason)
}

// OrderLetterFor is the letter an order's customer gets now. A
// confirmation confirms: not before the shop has confirmed the order, so
// drafts and orders waiting in review (or held before review) get none.
// A cancelled order gets a cancellation notice. history is the order's
// events, for the day it was confirmed or cancelled.
func OrderLetterFor(o *Order, history []Event) (Letter, error) {
	status := o.Status
	if status == StatusOnHold {
		status = o.HeldFrom
	}
	switch status {
	case StatusDraft:
		return Letter{}, &NoLetterError{"order", o.Number, "draft",
			"it is a draft; a confirmation goes out once the order is submitted and confirmed"}
	case StatusPendingReview:
		return Letter{}, &NoLetterError{"order", o.Number, "pending_review",
			"it waits for review; a confirmation goes out once the order is confirmed"}
	case StatusCancelled:
		return Letter{LetterCancellation, lastEvent(history, o.UpdatedAt, "order.cancel", "order.reject")}, nil
	}
	return Letter{LetterConfirmation, lastEvent(history, o.OrderedAt, "order.confirm")}, nil
}

// lastEvent is when the latest event of one of the actions happened,
// else otherwise (an order imported confirmed has no such event).
func lastEvent(history []Event, otherwise time.Time, actions ...string) time.Time {
	at := time.Time{}
	for _, e := range history {
		for _, a := range actions {
			if e.Action == a && e.At.After(at) {
				at = e.At
			}
		}
	}
	if at.IsZero() {
		return otherwise
	}
	return at
}

// CaseLetterFor is the letter an after-sales case's customer gets now.
func CaseLetterFor(c *Case) (Letter, error) {
	if c.Kind == CaseUndeliverable {
		return Letter{}, &NoLetterError{"case", c.Number, "undeliverable",
			"the parcel comes back through the carrier; there is nothing for the customer to send or sign"}
	}
	switch c.Status {
	case CaseRequested:
		return Letter{LetterCaseReceived, c.RequestedAt}, nil
	case CaseRejected:
		return Letter{LetterCaseRejected, c.DecidedAt}, nil
	}
	if c.DecidedAt.IsZero() {
		// Closed by hand before anyone decided (the customer withdrew).
		return Letter{}, &NoLetterError{"case", c.Number, "closed_undecided",
			"it was closed before it was decided: " + c.DecisionNote}
	}
	if !c.Kind.GoodsComeBack() {
		return Letter{LetterNothingToReturn, c.DecidedAt}, nil
	}
	if !c.ReceivedAt.IsZero() {
		return Letter{LetterReturnedReceived, c.ReceivedAt}, nil
	}
	if c.Status == CaseClosed {
		return Letter{}, &NoLetterError{"case", c.Number, "closed_unreturned",
			"it was closed without the goods coming back: " + c.DecisionNote}
	}
	return Letter{LetterReturnGoods, c.DecidedAt}, nil
}

// OrderLetter is the letter an order's customer gets now, with the order
// it is about.
func (s *Service) OrderLetter(ctx context.Context, id int64) (*Order, Letter, error) {
	var o *Order
	var l Letter
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		if o, err = tx.Order(ctx, id); err != nil {
			return err
		}
		history, err := tx.Events(ctx, SubjectOrder, o.ID)
		if err != nil {
			return err
		}
		l, err = OrderLetterFor(o, history)
		return err
	})
	return o, l, err
}

// PaymentTermDays is the customer's credit terms, for the letter of an
// order on account; 0 when the order is not on account.
func (s *Service) PaymentTermDays(ctx context.Context, o *Order) (int, error) {
	if o.PaymentMethod != PayCredit || o.CustomerID == 0 {
		return 0, nil
	}
	c, err := s.Customer(ctx, o.CustomerID)
	if err != nil {
		return 0, err
	}
	return c.PaymentTermDays, nil
}
