package data

import (
	"context"
	"time"

	"orderdesk/app"
)

// InsertInvoice records an issued invoice.
func (t *tx) InsertInvoice(ctx context.Context, inv *app.Invoice) error {
	id, err := t.insert(ctx, `INSERT INTO invoices (number, order_id, type, title, tax_id, amount, issued_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, inv.Number, inv.OrderID, inv.Type, inv.Title, inv.TaxID, inv.Amount,
		fmtTime(inv.IssuedAt), inv.CreatedBy)
	if err != nil {
		return uniqueAsField(err, "number", "another invoice has this number")
	}
	inv.ID = id
	return nil
}

// Invoices lists invoices, newest first.
func (t *tx) Invoices(ctx context.Context, f app.InvoiceFilter) ([]app.Invoice, error) {
	var where []string
	var args []any
	if f.OrderID != 0 {
		where = append(where, "i.order_id = ?")
		args = append(args, f.OrderID)
	}
	if !f.From.IsZero() {
		where = append(where, "i.issued_at >= ?")
		args = append(args, fmtTime(f.From))
	}
	if !f.To.IsZero() {
		where = append(where, "i.issued_at < ?")
		args = append(args, fmtTime(f.To))
	}
	rows, err := t.query(ctx, `SELECT i.id, i.number, i.order_id, o.number, o.customer_name, i.type, i.title, i.tax_id,
		i.amount, i.issued_at, i.created_by FROM invoices i JOIN orders o ON o.id = i.order_id`+whereClause(where)+
		` ORDER BY i.issued_at DESC, i.id DESC LIMIT ?`, append(args, limitOr(f.Limit, 500))...)
	if err != nil {
		return nil, storageError(err)
	}
	defer rows.Close()
	var list []app.Invoice
	for rows.Next() {
		var inv app.Invoice
		var ts timeScanner
		if err := rows.Scan(&inv.ID, &inv.Number, &inv.OrderID, &inv.OrderNumber, &inv.Customer, &inv.Type, &inv.Title,
			&inv.TaxID, &inv.Amount, ts.at(&inv.IssuedAt), &inv.CreatedBy); err != nil {
			return nil, err
		}
		if err := ts.parse(); err != nil {
			return nil, err
		}
		list = append(list, inv)
	}
	return list, storageError(rows.Err())
}

// receivableDue is when an order's money is due: its due date, or for
// orders from before due dates (history) its order time plus the
// customer's terms.
const receivableDue = `CASE WHEN o.due_date <> '' THEN o.due_date
	ELSE strftime('%Y-%m-%dT%H:%M:%fZ', o.ordered_at, '+' || COALESCE(c.payment_term_days, 0) || ' days') END`

// Receivables lists the sales with money owed, oldest due first. Its
// WHERE repeats the orders_owing index's, so only owed orders are read.
func (t *tx) Receivables(ctx context.Context, customerID int64) ([]app.Receivable, error) {
	where := ""
	args := []any{}
	if customerID != 0 {
		where = " AND o.customer_id = ?"
		args = append(args, customerID)
	}
	rows, err := t.query(ctx, `SELECT o.id, o.number, COALESCE(o.customer_id, 0), o.customer_name, o.ordered_at, `+receivableDue+`,
		o.payable, o.payable - o.amount_credited - o.amount_paid + o.amount_refunded, COALESCE(c.late_fee_per_mille, 0)
		FROM orders o LEFT JOIN customers c ON c.id = o.customer_id
		WHERE o.kind = 'sale' AND o.status NOT IN ('draft', 'pending_review', 'cancelled')
		AND o.payable - o.amount_credited - o.amount_paid + o.amount_refunded > 0`+where+` ORDER BY 6, o.id LIMIT 20000`, args...)
	if err != nil {
		return nil, storageError(err)
	}
	defer rows.Close()
	var list []app.Receivable
	for rows.Next() {
		var r app.Receivable
		var ts timeScanner
		if err := rows.Scan(&r.OrderID, &r.Number, &r.CustomerID, &r.Customer, ts.at(&r.OrderedAt), ts.at(&r.DueDate),
			&r.Payable, &r.Outstanding, &r.LateFeeRate); err != nil {
			return nil, err
		}
		if err := ts.parse(); err != nil {
			return nil, err
		}
		list = append(list, r)
	}
	return list, storageError(rows.Err())
}

// ageingOf sorts receivables into the R-42 buckets per customer at asOf.
func ageingOf(list []app.Receivable, asOf time.Time) []app.AgeingRow {
	byName := map[string]*app.AgeingRow{}
	var order []*app.AgeingRow
	for _, r := range list {
		if !r.OrderedAt.Before(asOf) {
			continue
		}
		a := byName[r.Customer]
		if a == nil {
			a = &app.AgeingRow{Customer: r.Customer}
			byName[r.Customer] = a
			order = append(order, a)
		}
		switch r.Bucket(asOf) {
		case "not_due":
			a.NotDue += r.Outstanding
		case "1_30":
			a.Days1to30 += r.Outstanding
		case "31_60":
			a.Days31to60 += r.Outstanding
		case "61_90":
			a.Days61to90 += r.Outstanding
		default:
			a.Over90 += r.Outstanding
		}
	}
	out := make([]app.AgeingRow, len(order))
	for i, a := range order {
		out[i] = *a
	}
	return out
}

// accountEntries are a customer's orders (once confirmed), credit notes,
// payments and refunds, as signed amounts: what charges the account is
// positive. Goods once booked as a payment are credits now.
const accountEntries = `WITH o AS (SELECT id, number, ordered_at, payable FROM orders
		WHERE customer_id = ? AND kind = 'sale' AND status NOT IN ('draft', 'pending_review')),
	e AS (SELECT o.ordered_at AS at, 1 AS seq, 'order' AS kind, o.number AS number, '' AS detail, o.payable AS amount FROM o
		UNION ALL SELECT c.at, 2, 'credit', o.number, c.kind, -c.amount FROM credits c JOIN o ON o.id = c.order_id
		UNION ALL SELECT p.at, 3, CASE WHEN p.amount > 0 THEN 'payment' ELSE 'refund' END, o.number, p.method, -p.amount
			FROM payments p JOIN o ON o.id = p.order_id WHERE p.method <> 'returned_goods')`

// AccountEntries returns the balance of a customer's account before from
// and its entries in [from, to), oldest first.
func (t *tx) AccountEntries(ctx context.Context, customerID int64, from, to time.Time) (app.Money, []app.AccountEntry, error) {
	var opening app.Money
	if err := t.queryRow(ctx, accountEntries+` SELECT COALESCE(sum(amount), 0) FROM e WHERE at < ?`,
		customerID, fmtTime(from)).Scan(&opening); err != nil {
		return 0, nil, storageError(err)
	}
	rows, err := t.query(ctx, accountEntries+` SELECT at, kind, number, detail, amount FROM e WHERE at >= ? AND at < ?
		ORDER BY at, seq, number`, customerID, fmtTime(from), fmtTime(to))
	if err != nil {
		return 0, nil, storageError(err)
	}
	defer rows.Close()
	var list []app.AccountEntry
	for rows.Next() {
		var e app.AccountEntry
		var ts timeScanner
		if err := rows.Scan(ts.at(&e.At), &e.Kind, &e.Order, &e.Detail, &e.Amount); err != nil {
			return 0, nil, err
		}
		if err := ts.parse(); err != nil {
			return 0, nil, err
		}
		list = append(list, e)
	}
	return opening, list, storageError(rows.Err())
}
