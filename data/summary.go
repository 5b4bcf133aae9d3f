package data

import (
	"context"
	"time"

	"orderdesk/app"
)

// signedPayable counts a credit note's money as going back.
const signedPayable = `CASE kind WHEN 'credit' THEN -payable ELSE payable END`

// SalesSummary sums the orders placed in [from, to) with three grouped
// queries over the order-time index; days are the shop's local days.
func (t *tx) SalesSummary(ctx context.Context, from, to time.Time) (app.SalesSummary, error) {
	sum := app.SalesSummary{From: from, To: to}
	args := []any{fmtTime(from), fmtTime(to)}
	rows, err := t.tx.QueryContext(ctx, `SELECT status, count(*), sum(payable), sum(amount_paid - amount_refunded)
		FROM orders WHERE ordered_at >= ? AND ordered_at < ? AND kind = 'sale' GROUP BY status`, args...)
	if err != nil {
		return sum, storageError(err)
	}
	for rows.Next() {
		var c app.CountByStatus
		var payable, paid app.Money
		if err := rows.Scan(&c.Status, &c.Orders, &payable, &paid); err != nil {
			rows.Close()
			return sum, err
		}
		sum.Orders += c.Orders
		if c.Status == app.StatusCancelled {
			sum.Cancelled += c.Orders
		} else {
			sum.Sales += payable
			sum.Paid += paid
		}
		sum.ByStatus = append(sum.ByStatus, c)
	}
	rows.Close()
	err = t.tx.QueryRowContext(ctx, `SELECT COALESCE(sum(p.amount), 0) FROM payments p JOIN orders o ON o.id = p.order_id
		WHERE p.method = 'returned_goods' AND o.ordered_at >= ? AND o.ordered_at < ? AND o.kind = 'sale'
		AND o.status <> 'cancelled'`, args...).Scan(&sum.SettledByReturns)
	if err != nil {
		return sum, storageError(err)
	}
	sum.Paid -= sum.SettledByReturns // goods that came back are not money
	err = t.tx.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(payable), 0) FROM orders
		WHERE ordered_at >= ? AND ordered_at < ? AND kind = 'credit'`, args...).Scan(&sum.CreditNotes, &sum.Credits)
	if err != nil {
		return sum, storageError(err)
	}
	err = t.tx.QueryRowContext(ctx, `SELECT count(*) FROM order_lines WHERE cancelled = 0 AND order_id IN (SELECT id FROM orders
		WHERE ordered_at >= ? AND ordered_at < ? AND status <> 'cancelled')`, args...).Scan(&sum.Lines)
	if err != nil {
		return sum, storageError(err)
	}
	rows, err = t.tx.QueryContext(ctx, `SELECT channel, sum(kind = 'sale'), sum(`+signedPayable+`) FROM orders
		WHERE ordered_at >= ? AND ordered_at < ? AND status <> 'cancelled' GROUP BY channel ORDER BY 3 DESC`, args...)
	if err != nil {
		return sum, storageError(err)
	}
	for rows.Next() {
		var c app.SalesByChannel
		if err := rows.Scan(&c.Channel, &c.Orders, &c.Sales); err != nil {
			rows.Close()
			return sum, err
		}
		sum.ByChannel = append(sum.ByChannel, c)
	}
	rows.Close()
	// Order times are UTC; a local day is found by shifting them by the
	// zone's offset at the start of the period (a DST change inside it
	// moves at most an hour's orders, acceptable for a screen's chart).
	_, offset := from.Zone()
	rows, err = t.tx.QueryContext(ctx, `SELECT substr(datetime(ordered_at, ? || ' seconds'), 1, 10) AS day,
		sum(kind = 'sale'), sum(`+signedPayable+`) FROM orders WHERE ordered_at >= ? AND ordered_at < ? AND status <> 'cancelled'
		GROUP BY day ORDER BY day`, append([]any{offset}, args...)...)
	if err != nil {
		return sum, storageError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var d app.SalesByDay
		var day string
		if err := rows.Scan(&day, &d.Orders, &d.Sales); err != nil {
			return sum, err
		}
		if d.Day, err = parseDate(day); err != nil {
			return sum, err
		}
		sum.ByDay = append(sum.ByDay, d)
	}
	return sum, storageError(rows.Err())
}
