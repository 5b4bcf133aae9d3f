package data

import (
	"context"
	"time"

	"orderdesk/app"
)

// signedPayable counts a credit note's money as going back.
const signedPayable = `CASE kind WHEN 'credit' THEN -payable ELSE payable END`

// countsAsSale keeps the orders that are sales in the figures: neither
// drafts nor cancelled (app.Counts).
const countsAsSale = `status NOT IN ('draft', 'cancelled')`

// periodCredits are the credits issued in [from, to) on sales not
// cancelled, with their order's channel, customer and local day.
const periodCredits = `SELECT c.amount, o.channel, o.customer_id, o.customer_name, o.customer_kind, c.at
	FROM credits c JOIN orders o ON o.id = c.order_id
	WHERE c.at >= ? AND c.at < ? AND o.kind = 'sale' AND o.status <> 'cancelled'`

// SalesSummary sums the orders placed in [from, to), the credits issued
// and the money moved in it, with grouped queries over the time indexes;
// app.Figures derives the figures. Days are the shop's local days.
func (t *tx) SalesSummary(ctx context.Context, from, to time.Time) (app.SalesSummary, error) {
	sum := app.SalesSummary{From: from, To: to}
	args := []any{fmtTime(from), fmtTime(to)}
	rows, err := t.tx.QueryContext(ctx, `SELECT status, count(*), sum(payable), sum(goods_total)
		FROM orders WHERE ordered_at >= ? AND ordered_at < ? AND kind = 'sale' GROUP BY status`, args...)
	if err != nil {
		return sum, storageError(err)
	}
	for rows.Next() {
		var c app.CountByStatus
		var payable, goods app.Money
		if err := rows.Scan(&c.Status, &c.Orders, &payable, &goods); err != nil {
			rows.Close()
			return sum, err
		}
		switch {
		case c.Status == app.StatusCancelled:
			sum.Cancelled += c.Orders
			sum.CancelledAmount += payable
		case !app.Counts(c.Status):
			sum.Drafts += c.Orders
			sum.DraftAmount += payable
		default:
			sum.Orders += c.Orders
			sum.Sales += payable
			sum.Goods += goods
		}
		sum.ByStatus = append(sum.ByStatus, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return sum, storageError(err)
	}
	rows, err = t.tx.QueryContext(ctx, `SELECT c.kind, o.status = 'cancelled', sum(c.amount)
		FROM credits c JOIN orders o ON o.id = c.order_id
		WHERE c.at >= ? AND c.at < ? AND o.kind = 'sale' GROUP BY 1, 2`, args...)
	if err != nil {
		return sum, storageError(err)
	}
	for rows.Next() {
		var kind app.CreditKind
		var cancelled bool
		var amount app.Money
		if err := rows.Scan(&kind, &cancelled, &amount); err != nil {
			rows.Close()
			return sum, err
		}
		switch {
		case cancelled:
			sum.CancelledCredits += amount
		case kind == app.CreditReturn:
			sum.Returns += amount
		case kind == app.CreditPartialRefund:
			sum.PartialRefunds += amount
		default:
			// Compensation; a cancellation credit on an order not
			// cancelled (its lines cancelled) takes money off it alike.
			sum.Compensation += amount
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return sum, storageError(err)
	}
	err = t.tx.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(payable), 0), COALESCE(sum(goods_total), 0) FROM orders
		WHERE ordered_at >= ? AND ordered_at < ? AND kind = 'credit' AND status <> 'cancelled'`, args...).
		Scan(&sum.CreditNotes, &sum.CreditNoteAmount, &sum.CreditNoteGoods)
	if err != nil {
		return sum, storageError(err)
	}
	err = t.tx.QueryRowContext(ctx, `SELECT count(*) FROM order_lines WHERE cancelled = 0 AND order_id IN (SELECT id FROM orders
		WHERE ordered_at >= ? AND ordered_at < ? AND `+countsAsSale+`)`, args...).Scan(&sum.Lines)
	if err != nil {
		return sum, storageError(err)
	}
	// Goods that came back were once booked as payments in kind; those
	// rows stay and are no money.
	err = t.tx.QueryRowContext(ctx, `SELECT COALESCE(sum(CASE WHEN amount > 0 THEN amount END), 0),
		COALESCE(-sum(CASE WHEN amount < 0 THEN amount END), 0)
		FROM payments WHERE at >= ? AND at < ? AND method <> 'returned_goods'`, args...).Scan(&sum.Received, &sum.RefundsPaid)
	if err != nil {
		return sum, storageError(err)
	}
	err = t.tx.QueryRowContext(ctx, `SELECT COALESCE(sum(due), 0), COALESCE(sum(CASE WHEN status = 'cancelled' THEN due END), 0)
		FROM (SELECT status, -(payable - amount_credited - amount_paid + amount_refunded) AS due FROM orders
		WHERE kind = 'sale' AND ordered_at < ? AND payable - amount_credited - amount_paid + amount_refunded < 0)`,
		fmtTime(to)).Scan(&sum.OwedToCustomers, &sum.HeldForCancelled)
	if err != nil {
		return sum, storageError(err)
	}
	rows, err = t.tx.QueryContext(ctx, `SELECT channel, sum(n), sum(gross), sum(credits) FROM (
		SELECT channel, kind = 'sale' AS n, `+signedPayable+` AS gross, 0 AS credits FROM orders
		WHERE ordered_at >= ? AND ordered_at < ? AND `+countsAsSale+`
		UNION ALL SELECT channel, 0, 0, amount FROM (`+periodCredits+`))
		GROUP BY channel ORDER BY sum(gross) - sum(credits) DESC, channel`, append(args, args...)...)
	if err != nil {
		return sum, storageError(err)
	}
	for rows.Next() {
		var c app.SalesByChannel
		if err := rows.Scan(&c.Channel, &c.Orders, &c.Gross, &c.Credits); err != nil {
			rows.Close()
			return sum, err
		}
		sum.ByChannel = append(sum.ByChannel, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return sum, storageError(err)
	}
	// Times are UTC; a local day is found by shifting them by the zone's
	// offset at the start of the period (a DST change inside it moves at
	// most an hour's orders, acceptable for a chart).
	_, offset := from.Zone()
	rows, err = t.tx.QueryContext(ctx, `SELECT substr(datetime(at, ? || ' seconds'), 1, 10) AS day, sum(n), sum(gross), sum(credits)
		FROM (SELECT ordered_at AS at, kind = 'sale' AS n, `+signedPayable+` AS gross, 0 AS credits FROM orders
		WHERE ordered_at >= ? AND ordered_at < ? AND `+countsAsSale+`
		UNION ALL SELECT at, 0, 0, amount FROM (`+periodCredits+`))
		GROUP BY day ORDER BY day`, append([]any{offset}, append(args, args...)...)...)
	if err != nil {
		return sum, storageError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var d app.SalesByDay
		var day string
		if err := rows.Scan(&day, &d.Orders, &d.Gross, &d.Credits); err != nil {
			return sum, err
		}
		if d.Day, err = parseDate(day); err != nil {
			return sum, err
		}
		sum.ByDay = append(sum.ByDay, d)
	}
	return sum, storageError(rows.Err())
}
