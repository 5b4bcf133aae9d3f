package app

import (
	"context"
	"time"
)

// The monthly report's rows. The store streams them, so a month
// of a hundred thousand lines never sits in memory at once.

// ReportOrder is one order (or credit note) of the period.
type ReportOrder struct {
	Number        string
	OrderedAt     time.Time
	Kind          OrderKind
	Channel       Channel
	Customer      string
	Status        Status
	PaymentStatus PaymentStatus
	Lines         int
	Goods         Money // signed: a credit note's money counts negative
	Shipping      Money
	Discount      Money
	Payable       Money
	Paid          Money // money received less refunded
	Credited      Money // credits on the order to date
	Outstanding   Money // what the customer owes (never on a cancelled order or a draft)
	RefundDue     Money // what the shop owes back, a cancelled order's money held included
}

// Counts says whether the order is among the period's sales: neither a
// draft nor cancelled (a credit note counts, negative).
func (r ReportOrder) Counts() bool { return Counts(r.Status) }

// Counts says whether an order in status st is a sale in the figures:
// neither a draft nor cancelled. An order in review counts as sold,
// though it is owed only once confirmed.
func Counts(st Status) bool { return st != StatusDraft && st != StatusCancelled }

// ReportLine is one order line of the period; a credit note's quantity
// and subtotal are negative.
type ReportLine struct {
	Number    string
	OrderedAt time.Time
	Channel   Channel
	Customer  string
	SKU       string
	Name      string
	Spec      string
	Kind      ProductKind
	Qty       int64
	UnitPrice Money
	Discount  Money
	Subtotal  Money
}

// ProductSales is a product's net sales in the period.
type ProductSales struct {
	SKU, Name, Spec string
	Kind            ProductKind
	Orders          int
	Qty             int64 // net of credit notes
	Sales           Money // net of credit notes
}

// CustomerSales is a customer's net sales in the period.
type CustomerSales struct {
	Customer    string
	Kind        CustomerKind
	Orders      int
	CreditNotes int
	Gross       Money // payable of the customer's sales that count, less credit notes
	Credits     Money // credited in the period on the customer's orders not cancelled
	Outstanding Money
}

// Net is the customer's net sales: gross less credits.
func (c CustomerSales) Net() Money { return c.Gross - c.Credits }

// ExecutionRow is one order's way through the stages (seed 002, table 2):
// when each stage was planned and done, the waybill and who signed.
type ExecutionRow struct {
	Number      string
	Customer    string
	Status      Status
	OrderedAt   time.Time
	ConfirmedAt time.Time
	PlannedShip time.Time
	ShippedAt   time.Time
	DeliveredAt time.Time
	CompletedAt time.Time
	Waybill     string
	Signer      string
}

// OnTime reports whether the order left by the day it was planned to.
func (r ExecutionRow) OnTime() bool {
	if r.ShippedAt.IsZero() || r.PlannedShip.IsZero() {
		return false
	}
	return !dayOf(r.ShippedAt.Local()).After(dayOf(r.PlannedShip.Local()))
}

// StockMovement is a product's stock now and what moved in the period.
type StockMovement struct {
	SKU, Name                   string
	OnHand, Reserved, InTransit int64 // now
	Received, Shipped, Adjusted int64 // in the period; adjusted is signed
	Returned, Scrapped          int64
}

// AgeingRow is what a customer owes, by how long it has been due, at the
// end of the period.
type AgeingRow struct {
	Customer                                          string
	NotDue, Days1to30, Days31to60, Days61to90, Over90 Money
}

// Total is everything the customer owes.
func (a AgeingRow) Total() Money {
	return a.NotDue + a.Days1to30 + a.Days31to60 + a.Days61to90 + a.Over90
}

// ReportCase is one after-sales case of the period (R-70: returns and
// reasons).
type ReportCase struct {
	Number      string
	RequestedAt time.Time
	Order       string
	Customer    string
	Kind        CaseKind
	Reason      CaseReason
	Status      CaseStatus
	Units       int64 // asked back (or out)
	Received    int64 // came back
	Refunded    Money
}

// ComplaintStat is one category's complaints of the period.
type ComplaintStat struct {
	Category ComplaintCategory
	Count    int
	Resolved int
	// HoursToResolve is the average from receiving to resolving, over the
	// resolved ones; 0 when none is.
	HoursToResolve float64
}

// ReportReader reads the period's rows inside one consistent snapshot.
type ReportReader interface {
	SummaryRepo
	EachOrder(ctx context.Context, from, to time.Time, fn func(ReportOrder) error) error
	EachLine(ctx context.Context, from, to time.Time, fn func(ReportLine) error) error
	SalesByProduct(ctx context.Context, from, to time.Time) ([]ProductSales, error)
	SalesByCustomer(ctx context.Context, from, to time.Time) ([]CustomerSales, error)
	EachExecution(ctx context.Context, from, to time.Time, fn func(ExecutionRow) error) error
	StockMovements(ctx context.Context, from, to time.Time) ([]StockMovement, error)
	// Ageing sorts what is owed on orders placed before asOf by days past
	// due: an order is due when placed, or after the customer's payment
	// terms.
	Ageing(ctx context.Context, asOf time.Time) ([]AgeingRow, error)
	// EachCase streams the after-sales cases opened in [from, to).
	EachCase(ctx context.Context, from, to time.Time, fn func(ReportCase) error) error
	// ComplaintStats counts the complaints received in [from, to) by
	// category.
	ComplaintStats(ctx context.Context, from, to time.Time) ([]ComplaintStat, error)
}

// Report runs fn on one read snapshot of the shop, so every sheet of a
// workbook agrees with the others even while orders keep coming in.
func (s *Service) Report(ctx context.Context, fn func(ReportReader, Shop) error) error {
	return s.store.Read(ctx, func(tx Tx) error {
		shop, err := tx.Shop(ctx)
		if err != nil {
			return err
		}
		return fn(tx, shop)
	})
}
