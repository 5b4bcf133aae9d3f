package app

import (
	"context"
	"time"
)

// SalesSummary is a period's figures (R-70, issue 17): what the monthly
// workbook's Summary, its Sales-by sheets, the Reports screen and the
// statement all show, defined here once.
//
//   - A sale counts when it was placed in the period and is neither a
//     draft nor cancelled. Drafts and cancelled orders are counted apart
//     and are never sales.
//   - Gross sales are the payable of the sales that count.
//   - Credits are what the shop took off what orders ask, issued in the
//     period (by credit time): returns, partial refunds, compensation, on
//     orders not cancelled, and the credit notes (imported cancellation
//     invoices) placed in the period. Credits on cancelled orders are
//     reported apart: a cancelled order is not in gross either.
//   - Net sales = gross − credits; each Sales-by sheet totals the same net.
//   - Money received and refunds paid are payments by payment time.
//   - Owed is the Receivables ageing total at the end of the period: the
//     positive balances of confirmed-or-later sales not cancelled, placed
//     before the end (an order in review is sold but not yet owed). Owed to customers is the sum of the refunds due,
//     money held for cancelled orders included.
//   - Returns rate = goods credited (returns and credit notes) ÷ gross goods.
type SalesSummary struct {
	From, To time.Time // To is exclusive

	Orders int   // sales that count
	Lines  int   // order lines of those sales and of the credit notes
	Sales  Money // gross: payable of the sales that count
	Goods  Money // goods of the sales that count

	Drafts      int   // drafts placed in the period
	DraftAmount Money // what they would ask
	Cancelled   int   // placed in the period and cancelled
	// CancelledAmount is what the cancelled orders asked.
	CancelledAmount Money

	// Credits issued in the period, by kind, on orders not cancelled.
	Returns, PartialRefunds, Compensation Money
	CreditNotes                           int   // imported credit notes placed in the period
	CreditNoteAmount                      Money // their payable
	CreditNoteGoods                       Money // their goods
	// Credits is everything credited in the period on orders not
	// cancelled, credit notes included (Figures adds it up).
	Credits Money
	// CancelledCredits are the credits issued in the period on orders now
	// cancelled: apart from Credits, as those orders are apart from sales.
	CancelledCredits Money

	Received    Money // money received in the period
	RefundsPaid Money // money paid back in the period

	// Owed is what customers owe at the end of the period: the
	// Receivables ageing total (filled in by the service from Ageing).
	Owed Money
	// OwedToCustomers is what the shop owes back on orders placed before
	// the end of the period; HeldForCancelled is its part on cancelled
	// orders (money received and not yet refunded).
	OwedToCustomers  Money
	HeldForCancelled Money

	ByStatus  []CountByStatus
	ByChannel []SalesByChannel
	ByDay     []SalesByDay
}

// CountByStatus is how many of the period's orders are in a status now.
type CountByStatus struct {
	Status Status
	Orders int
}

// SalesByChannel is one channel's share of the period: gross sales of its
// orders less the credits issued on them in the period.
type SalesByChannel struct {
	Channel        Channel
	Orders         int
	Gross, Credits Money
	Sales          Money // net: Gross − Credits
}

// SalesByDay is one day's orders and net sales: the gross of the orders
// placed that day less the credits issued that day.
type SalesByDay struct {
	Day            time.Time
	Orders         int
	Gross, Credits Money
	Sales          Money // net: Gross − Credits
}

// Net is the gross sales less the credits.
func (s SalesSummary) Net() Money { return s.Sales - s.Credits }

// CreditedGoods is the goods credited in the period: returns and credit
// notes' goods.
func (s SalesSummary) CreditedGoods() Money { return s.Returns + s.CreditNoteGoods }

// ReturnsRate is credited goods ÷ gross goods; ok is false when nothing
// was sold.
func (s SalesSummary) ReturnsRate() (rate float64, ok bool) {
	if s.Goods == 0 {
		return 0, false
	}
	return float64(s.CreditedGoods()) / float64(s.Goods), true
}

// AverageOrder is the gross sales divided by the sales that count.
func (s SalesSummary) AverageOrder() Money {
	if s.Orders <= 0 {
		return 0
	}
	return s.Sales / Money(s.Orders)
}

// SummaryRepo sums orders, credits and payments over a period; the
// service derives the figures from these sums.
type SummaryRepo interface {
	// SalesSummary fills in every field of the period's figures but
	// Credits, Owed and the nets (Sales of ByChannel and ByDay).
	SalesSummary(ctx context.Context, from, to time.Time) (SalesSummary, error)
}

// figureReader is what the figures are read from.
type figureReader interface {
	SummaryRepo
	Ageing(ctx context.Context, asOf time.Time) ([]AgeingRow, error)
}

// Figures computes the period's figures inside r's snapshot: the one
// place the monthly workbook and the Reports screen get them from.
func Figures(ctx context.Context, r figureReader, from, to time.Time) (SalesSummary, error) {
	sum, err := r.SalesSummary(ctx, from, to)
	if err != nil {
		return sum, err
	}
	ageing, err := r.Ageing(ctx, to)
	if err != nil {
		return sum, err
	}
	sum.Credits = sum.Returns + sum.PartialRefunds + sum.Compensation + sum.CreditNoteAmount
	sum.Owed = 0
	for _, a := range ageing {
		sum.Owed += a.Total()
	}
	for i := range sum.ByChannel {
		c := &sum.ByChannel[i]
		c.Sales = c.Gross - c.Credits
	}
	for i := range sum.ByDay {
		d := &sum.ByDay[i]
		d.Sales = d.Gross - d.Credits
	}
	return sum, nil
}

// NotByProduct is what the net sales hold beyond the product lines of the
// sales that count: postage and order discounts (payable − line
// subtotals) and the credits. The Sales by product sheet lists them so
// that it totals the net sales.
func (s SalesSummary) NotByProduct(products []ProductSales) (postageAndDiscounts, credits Money) {
	var lines Money
	for _, p := range products {
		lines += p.Sales
	}
	// Product sales net the credit notes' lines; the credit notes' payable
	// is among the credits.
	return s.Sales - s.CreditNoteAmount - lines, -(s.Returns + s.PartialRefunds + s.Compensation)
}

// SalesSummary computes the figures of [from, to).
func (s *Service) SalesSummary(ctx context.Context, from, to time.Time) (SalesSummary, error) {
	var sum SalesSummary
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		sum, err = Figures(ctx, tx, from, to)
		return err
	})
	return sum, err
}
