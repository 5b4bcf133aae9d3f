package app

import (
	"context"
	"time"
)

// SalesSummary is a period's orders in figures, for the Reports screen
// until the monthly workbook adds the rest.
type SalesSummary struct {
	From, To  time.Time // To is exclusive
	Orders    int       // all sales placed in the period, cancelled included
	Cancelled int
	Lines     int   // order lines of the sales and credit notes not cancelled
	Sales     Money // payable of the sales not cancelled (gross)
	Paid      Money // money received, less refunds, on those orders
	// SettledByReturns is what goods coming back settled of those orders
	// while unpaid: owed no more, but no money either.
	SettledByReturns Money
	// Credit notes (imported cancellation invoices) in the period and the
	// money they gave back.
	CreditNotes int
	Credits     Money
	ByStatus    []CountByStatus
	ByChannel   []SalesByChannel
	ByDay       []SalesByDay
}

// CountByStatus is how many of the period's orders are in a status now.
type CountByStatus struct {
	Status Status
	Orders int
}

// SalesByChannel is one channel's share of the period (cancelled orders
// left out, credit notes taken off).
type SalesByChannel struct {
	Channel Channel
	Orders  int
	Sales   Money
}

// SalesByDay is one day's orders and net sales (cancelled orders left
// out, credit notes taken off).
type SalesByDay struct {
	Day    time.Time
	Orders int
	Sales  Money
}

// Net is the sales less the credits.
func (s SalesSummary) Net() Money { return s.Sales - s.Credits }

// AverageOrder is the sales divided by the orders that were not cancelled.
func (s SalesSummary) AverageOrder() Money {
	n := s.Orders - s.Cancelled
	if n <= 0 {
		return 0
	}
	return s.Sales / Money(n)
}

// SummaryRepo sums orders over a period.
type SummaryRepo interface {
	SalesSummary(ctx context.Context, from, to time.Time) (SalesSummary, error)
}

// SalesSummary sums the orders placed in [from, to).
func (s *Service) SalesSummary(ctx context.Context, from, to time.Time) (SalesSummary, error) {
	var sum SalesSummary
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		sum, err = tx.SalesSummary(ctx, from, to)
		return err
	})
	return sum, err
}
