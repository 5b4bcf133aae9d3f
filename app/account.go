package app

import (
	"context"
	"time"
)

// AccountEntryKind says what one line of a customer's account is.
type AccountEntryKind string

const (
	EntryOrder   AccountEntryKind = "order"   // an order charged to the account
	EntryCredit  AccountEntryKind = "credit"  // a credit note: goods back, cancelled, agreed
	EntryPayment AccountEntryKind = "payment" // money received
	EntryRefund  AccountEntryKind = "refund"  // money paid back
)

// AccountEntry is one line of a customer's account. Amount charges the
// customer when positive (an order, a refund) and credits them when
// negative (a credit note, a payment); Balance is the account's after it.
type AccountEntry struct {
	At      time.Time
	Kind    AccountEntryKind
	Order   string // the order's number
	Detail  string // the credit's kind or the payment's method
	Amount  Money
	Balance Money
}

// AccountActivity is a customer's account over a period: what they owed
// before it, every order, credit note, payment and refund in it with the
// running balance, and what they owe at its end (negative: what the shop
// owes them). Orders count once confirmed (drafts and orders in review
// are not owed yet).
type AccountActivity struct {
	From, To time.Time
	Opening  Money
	Entries  []AccountEntry
	Closing  Money
}

// AccountActivityRepo lists a customer's account for the statement.
type AccountActivityRepo interface {
	// AccountEntries returns the balance of a customer's entries before
	// from, and their entries in [from, to), oldest first.
	AccountEntries(ctx context.Context, customerID int64, from, to time.Time) (Money, []AccountEntry, error)
}

// AccountActivity reads a customer's account for the statement.
func (s *Service) AccountActivity(ctx context.Context, customerID int64, from, to time.Time) (AccountActivity, error) {
	a := AccountActivity{From: from, To: to}
	err := s.read(ctx, func(tx Tx) (err error) {
		a.Opening, a.Entries, err = tx.AccountEntries(ctx, customerID, from, to)
		return err
	})
	if err != nil {
		return AccountActivity{}, err
	}
	a.Closing = a.Opening
	for i := range a.Entries {
		a.Closing += a.Entries[i].Amount
		a.Entries[i].Balance = a.Closing
	}
	return a, nil
}
