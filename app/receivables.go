package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Invoice is an invoice issued for an order. The number is the one
// the tax system gave; invoices are never changed once recorded.
type Invoice struct {
	ID          int64
	Number      string
	OrderID     int64
	OrderNumber string // for lists
	Customer    string // for lists
	Type        InvoiceType
	Title       string
	TaxID       string
	Amount      Money
	IssuedAt    time.Time
	CreatedBy   string
}

// InvoiceInput is an invoice as the user records it; empty fields take
// the order's request and its net amount.
type InvoiceInput struct {
	Number   string
	Type     InvoiceType
	Title    string
	TaxID    string
	Amount   Money
	IssuedAt time.Time // zero: now
}

// InvoiceFilter narrows the invoice list; zero fields do not filter.
type InvoiceFilter struct {
	From, To time.Time // issue time, To exclusive
	OrderID  int64
	Limit    int
}

// Receivable is an order with money still owed.
type Receivable struct {
	OrderID     int64
	Number      string
	CustomerID  int64
	Customer    string
	OrderedAt   time.Time
	DueDate     time.Time
	Payable     Money
	Outstanding Money
	LateFeeRate int // ‰ per month, from the customer's contract
}

// DaysOverdue is how many whole days past due the order is at asOf.
func (r Receivable) DaysOverdue(asOf time.Time) int {
	if r.DueDate.IsZero() || !asOf.After(r.DueDate) {
		return 0
	}
	return int(asOf.Sub(r.DueDate).Hours() / 24)
}

// LateFee is the contract's late fee at asOf: the rate per month on the
// outstanding amount, for each day overdue (a month counted as 30 days),
// rounded to the minor unit.
func (r Receivable) LateFee(asOf time.Time) Money {
	days := r.DaysOverdue(asOf)
	if days == 0 || r.LateFeeRate <= 0 || r.Outstanding <= 0 {
		return 0
	}
	fee := int64(r.Outstanding) * int64(r.LateFeeRate) * int64(days)
	return Money((fee + 15_000) / 30_000) // ‰ and per 30 days, rounded half up
}

// Bucket names the ageing bucket of the receivable at asOf.
func (r Receivable) Bucket(asOf time.Time) string {
	switch d := r.DaysOverdue(asOf); {
	case d == 0:
		return "not_due"
	case d <= 30:
		return "1_30"
	case d <= 60:
		return "31_60"
	case d <= 90:
		return "61_90"
	default:
		return "over_90"
	}
}

// MoneyRepo keeps invoices and lists what is owed.
type MoneyRepo interface {
	InsertInvoice(ctx context.Context, inv *Invoice) error
	Invoices(ctx context.Context, f InvoiceFilter) ([]Invoice, error)
	// Receivables lists the orders with money owed, oldest due first; a
	// customerID of 0 lists every customer's.
	Receivables(ctx context.Context, customerID int64) ([]Receivable, error)
}

// setDueDate fixes when a confirmed order must be paid: at once, or after
// a dealer's credit terms. Credit orders get a reminder three days before
// and a collection call at fifteen days overdue.
func setDueDate(ctx context.Context, tx Tx, now time.Time, o *Order, customers map[int64]*Customer) error {
	o.DueDate = now
	if o.PaymentMethod != PayCredit || o.CustomerID == 0 {
		return nil
	}
	c, ok := customers[o.CustomerID]
	if !ok {
		var err error
		if c, err = tx.Customer(ctx, o.CustomerID); err != nil {
			return err
		}
		customers[o.CustomerID] = c
	}
	if c.PaymentTermDays <= 0 {
		return nil
	}
	o.DueDate = now.AddDate(0, 0, c.PaymentTermDays)
	for _, t := range []Task{
		{Kind: TaskPaymentDueSoon, Title: "Remind the customer: order " + o.Number + " falls due in three days",
			Due: o.DueDate.AddDate(0, 0, -3), Assignee: RoleFinance},
		{Kind: TaskCollect, Title: "Collect the overdue payment of order " + o.Number, Due: o.DueDate.AddDate(0, 0, 15),
			Assignee: RoleFinance},
	} {
		t.SubjectKind, t.SubjectID, t.Ref, t.CreatedAt = SubjectOrder, o.ID, o.Number, now
		if err := tx.InsertTask(ctx, &t); err != nil {
			return err
		}
	}
	return nil
}

// paidInFull closes what waited for the money and, when the order asks
// for an invoice, opens the task to issue it within three working days.
func paidInFull(ctx context.Context, tx Tx, who Actor, now time.Time, shop Shop, o *Order) error {
	for _, k := range []TaskKind{TaskPaymentReminder, TaskPaymentContact, TaskPaymentDueSoon, TaskCollect} {
		if _, err := tx.CloseTasks(ctx, k, SubjectOrder, o.ID, now, who.Name); err != nil {
			return err
		}
	}
	if !o.Invoice.Wanted() || o.Kind != KindSale {
		return nil
	}
	issued, err := tx.Invoices(ctx, InvoiceFilter{OrderID: o.ID, Limit: 1})
	if err != nil || len(issued) > 0 {
		return err
	}
	return tx.InsertTask(ctx, &Task{Kind: TaskIssueInvoice, SubjectKind: SubjectOrder, SubjectID: o.ID, Ref: o.Number,
		Title: "Issue the invoice for order " + o.Number, Due: shop.Calendar.AddWorkingDays(now, 3),
		Assignee: RoleFinance, CreatedAt: now})
}

// IssueInvoice records the invoice issued for an order and closes its
// task. The amount is at most what the customer paid for the order, net
// of refunds; one invoice per order.
func (s *Service) IssueInvoice(ctx context.Context, orderID int64, in InvoiceInput) (*Invoice, error) {
	in.Number, in.Title = cleanText(in.Number), cleanText(in.Title)
	in.TaxID = strings.ToUpper(cleanText(in.TaxID))
	var inv *Invoice
	err := s.write(ctx, PermMoney, func(tx Tx, who Actor, now time.Time) error {
		o, err := tx.Order(ctx, orderID)
		if err != nil {
			return err
		}
		shop, err := tx.Shop(ctx)
		if err != nil {
			return err
		}
		if in.Type == InvoiceNone {
			in.Type = o.Invoice.Type
		}
		if in.Title == "" {
			in.Title = o.Invoice.Title
		}
		if in.TaxID == "" {
			in.TaxID = o.Invoice.TaxID
		}
		net := o.AmountPaid - o.AmountRefunded
		if in.Amount == 0 {
			in.Amount = net
		}
		var p problems
		requireText(&p, "number", in.Number, 1, 40)
		switch in.Type {
		case InvoiceNormal, InvoiceVATSpec:
		default:
			p.add("type", CodeRequired, "choose a normal or a VAT special invoice")
		}
		requireText(&p, "title", in.Title, 2, 100)
		if in.Type == InvoiceVATSpec && in.TaxID == "" {
			p.add("tax_id", CodeRequired, "a VAT special invoice needs the buyer's tax id")
		}
		switch {
		case o.Kind != KindSale || o.Status == StatusCancelled || o.Status == StatusDraft:
			p.add("order", CodeInvalid, "order %s cannot be invoiced: it is %s", o.Number, o.Status.Label())
		case in.Amount <= 0:
			p.add("amount", CodeTooSmall, "nothing is paid on order %s yet; invoice it once paid", o.Number)
		case in.Amount > net:
			p.add("amount", CodeTooLarge, "the invoice cannot be more than the %s paid", shop.Currency.Format(net))
		}
		issued, err := tx.Invoices(ctx, InvoiceFilter{OrderID: o.ID, Limit: 1})
		if err != nil {
			return err
		}
		if len(issued) > 0 {
			p.add("order", CodeDuplicate, "order %s already has invoice %s", o.Number, issued[0].Number)
		}
		at := in.IssuedAt
		if at.IsZero() {
			at = now
		} else {
			checkTime(&p, "issued_at", at, now)
		}
		if err := p.err(); err != nil {
			return err
		}
		inv = &Invoice{Number: in.Number, OrderID: o.ID, OrderNumber: o.Number, Customer: o.CustomerName, Type: in.Type,
			Title: in.Title, TaxID: in.TaxID, Amount: in.Amount, IssuedAt: at.UTC().Truncate(time.Millisecond), CreatedBy: who.Name}
		if err := tx.InsertInvoice(ctx, inv); err != nil {
			return err
		}
		if _, err := tx.CloseTasks(ctx, TaskIssueInvoice, SubjectOrder, o.ID, now, who.Name); err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectOrder, o.ID, "order.invoiced",
			fmt.Sprintf("Invoice %s of %s issued", inv.Number, shop.Currency.Format(inv.Amount)), nil,
			map[string]any{"number": inv.Number, "amount": inv.Amount, "type": inv.Type})
	})
	if err != nil {
		return nil, err
	}
	return inv, nil
}

// Invoices lists invoices, newest first.
func (s *Service) Invoices(ctx context.Context, f InvoiceFilter) ([]Invoice, error) {
	var list []Invoice
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		list, err = tx.Invoices(ctx, f)
		return err
	})
	return list, err
}

// Receivables lists what is owed, one customer's or everyone's.
func (s *Service) Receivables(ctx context.Context, customerID int64) ([]Receivable, error) {
	var list []Receivable
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		list, err = tx.Receivables(ctx, customerID)
		return err
	})
	return list, err
}

// LateFeeSKU is the product a charged late fee is booked to.
const LateFeeSKU = "LATE-FEE"

// ChargeLateFee bills the customer the late fee an overdue order has run
// up to now, as an order of its own (the overdue order may have shipped
// long ago and cannot change), on the same terms of payment. It skips
// review, being the shop's own charge; the overdue order's history says so.
func (s *Service) ChargeLateFee(ctx context.Context, orderID int64) (*Order, error) {
	var fee *Order
	err := s.write(ctx, PermMoney, func(tx Tx, who Actor, now time.Time) error {
		o, err := tx.Order(ctx, orderID)
		if err != nil {
			return err
		}
		owed, err := tx.Receivables(ctx, o.CustomerID)
		if err != nil {
			return err
		}
		var r *Receivable
		for i := range owed {
			if owed[i].OrderID == o.ID {
				r = &owed[i]
			}
		}
		shop, err := tx.Shop(ctx)
		if err != nil {
			return err
		}
		amount := Money(0)
		if r != nil {
			amount = r.LateFee(now)
		}
		if amount <= 0 {
			return &ValidationError{Fields: []FieldError{{Field: "late_fee", Code: CodeTooSmall,
				Message: fmt.Sprintf("order %s has no late fee to charge: it is not overdue, or the customer's contract has no rate", o.Number)}}}
		}
		products := newProductCache()
		if _, err := products.get(ctx, tx, 0, LateFeeSKU); errors.Is(err, ErrNotFound) {
			p := &Product{SKU: LateFeeSKU, Kind: ProductService, Name: "Late fee", AltName: "滞纳金", Unit: "pcs", Active: true,
				CreatedAt: now, UpdatedAt: now}
			if err := tx.InsertProduct(ctx, p); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
		days := r.DaysOverdue(now)
		in := OrderInput{Channel: o.Channel, CustomerID: o.CustomerID, Contact: o.Contact, RecipientName: o.RecipientName,
			RecipientPhone: o.RecipientPhone, Address: o.Address, PaymentMethod: o.PaymentMethod, Invoice: o.Invoice,
			Notes: fmt.Sprintf("Late fee on order %s: %d days overdue at %d‰ a month", o.Number, days, r.LateFeeRate),
			Lines: []LineInput{{SKU: LateFeeSKU, Qty: 1, UnitPrice: &amount}}}
		customers := map[int64]*Customer{}
		if fee, err = s.createOrder(ctx, tx, who, now, shop, in, false, products, customers); err != nil {
			return err
		}
		if err := stepAndRecord(ctx, tx, who, now, fee, ActionSubmit, o.Number); err != nil {
			return err
		}
		if err := confirmOrder(ctx, tx, who, now, shop, fee, o.Number, customers); err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectOrder, o.ID, "order.late_fee",
			fmt.Sprintf("Late fee of %s charged as order %s", shop.Currency.Format(amount), fee.Number), nil,
			map[string]any{"amount": amount, "fee_order": fee.Number, "days": days})
	})
	if err != nil {
		return nil, err
	}
	return fee, nil
}
