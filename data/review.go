package data

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"orderdesk/app"
)

// SaveReview stores an order's latest review over the one before.
func (t *tx) SaveReview(ctx context.Context, r *app.Review) error {
	findings, err := json.Marshal(r.Findings)
	if err != nil {
		return err
	}
	if r.Findings == nil {
		findings = []byte("[]")
	}
	_, err = t.exec(ctx, `INSERT INTO reviews (order_id, checked_at, findings, decision, opinion, reviewer, reviewed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (order_id) DO UPDATE SET checked_at = excluded.checked_at, findings = excluded.findings,
		decision = excluded.decision, opinion = excluded.opinion, reviewer = excluded.reviewer,
		reviewed_at = excluded.reviewed_at`,
		r.OrderID, fmtTime(r.CheckedAt), string(findings), r.Decision, r.Opinion, r.Reviewer, fmtTime(r.ReviewedAt))
	return err
}

// Review returns an order's latest review.
func (t *tx) Review(ctx context.Context, orderID int64) (*app.Review, error) {
	r := app.Review{OrderID: orderID}
	var ts timeScanner
	var findings string
	err := t.queryRow(ctx, `SELECT checked_at, findings, decision, opinion, reviewer, reviewed_at FROM reviews
		WHERE order_id = ?`, orderID).Scan(ts.at(&r.CheckedAt), &findings, &r.Decision, &r.Opinion, &r.Reviewer,
		ts.at(&r.ReviewedAt))
	if isNoRows(err) {
		return nil, notFound("review of order", fmt.Sprint(orderID))
	}
	if err != nil {
		return nil, storageError(err)
	}
	if err := json.Unmarshal([]byte(findings), &r.Findings); err != nil {
		return nil, fmt.Errorf("review of order %d: %w", orderID, err)
	}
	return &r, ts.parse()
}

// ReviewQueue lists the orders waiting in review, oldest first, with
// their findings.
func (t *tx) ReviewQueue(ctx context.Context, limit, offset int) ([]app.ReviewRow, int, error) {
	var total int
	if err := t.queryRow(ctx, `SELECT count(*) FROM orders WHERE status = 'pending_review'`).Scan(&total); err != nil {
		return nil, 0, storageError(err)
	}
	rows, err := t.query(ctx, `SELECT o.id, o.number, o.ordered_at, o.channel, o.customer_name, o.recipient_name,
		o.recipient_phone, o.payable, o.payment_status, o.status, COALESCE(r.findings, '[]')
		FROM orders o LEFT JOIN reviews r ON r.order_id = o.id
		WHERE o.status = 'pending_review' ORDER BY o.ordered_at, o.id LIMIT ? OFFSET ?`, limitOr(limit, 100), max(offset, 0))
	if err != nil {
		return nil, 0, storageError(err)
	}
	defer rows.Close()
	var list []app.ReviewRow
	for rows.Next() {
		var r app.ReviewRow
		var ts timeScanner
		var findings string
		o := &r.Order
		if err := rows.Scan(&o.ID, &o.Number, ts.at(&o.OrderedAt), &o.Channel, &o.CustomerName, &o.RecipientName,
			&o.RecipientPhone, &o.Payable, &o.PaymentStatus, &o.Status, &findings); err != nil {
			return nil, 0, err
		}
		if err := ts.parse(); err != nil {
			return nil, 0, err
		}
		if err := json.Unmarshal([]byte(findings), &r.Findings); err != nil {
			return nil, 0, fmt.Errorf("review of order %s: %w", o.Number, err)
		}
		list = append(list, r)
	}
	return list, total, storageError(rows.Err())
}

// UsualQuantities averages each product's quantity over the customer's
// latest 50 other sales: their habit now, found from their orders (few)
// rather than from the products' lines (many).
func (t *tx) UsualQuantities(ctx context.Context, customerID, exceptOrder int64) (map[int64]float64, error) {
	rows, err := t.query(ctx, `SELECT l.product_id, avg(l.qty) FROM (
		SELECT id FROM orders WHERE customer_id = ? AND id <> ? AND kind = 'sale' AND status <> 'cancelled'
		ORDER BY ordered_at DESC LIMIT 50) o CROSS JOIN order_lines l ON l.order_id = o.id
		GROUP BY l.product_id`, customerID, exceptOrder)
	if err != nil {
		return nil, storageError(err)
	}
	defer rows.Close()
	out := map[int64]float64{}
	for rows.Next() {
		var id int64
		var avg float64
		if err := rows.Scan(&id, &avg); err != nil {
			return nil, err
		}
		out[id] = avg
	}
	return out, storageError(rows.Err())
}

// CustomerHistory counts the customer's other orders and what is owed.
func (t *tx) CustomerHistory(ctx context.Context, customerID, exceptOrder int64) (int, app.Money, error) {
	var n int
	var owing app.Money
	err := t.queryRow(ctx, `SELECT count(*), COALESCE(sum(CASE WHEN kind = 'sale' AND status NOT IN ('draft', 'cancelled')
		THEN max(payable - amount_credited - amount_paid + amount_refunded, 0) ELSE 0 END), 0)
		FROM orders WHERE customer_id = ? AND id <> ? AND status <> 'cancelled'`, customerID, exceptOrder).Scan(&n, &owing)
	return n, owing, storageError(err)
}

// NearbyGoods lists the customer's, or the phone's, other orders placed
// in [from, to) with their products and quantities.
func (t *tx) NearbyGoods(ctx context.Context, customerID int64, phoneDigits string, from, to time.Time, exceptOrder int64) ([]app.OrderGoods, error) {
	rows, err := t.query(ctx, `SELECT o.id, o.number, o.kind, l.product_id, l.qty FROM orders o
		JOIN order_lines l ON l.order_id = o.id WHERE o.id IN (
		SELECT id FROM orders WHERE customer_id = ? AND ordered_at >= ? AND ordered_at < ?
		UNION SELECT id FROM orders WHERE phone_digits = ? AND phone_digits <> '' AND ordered_at >= ? AND ordered_at < ?)
		AND o.id <> ? AND o.status <> 'cancelled' ORDER BY o.ordered_at, o.id, l.line_no LIMIT 500`,
		customerID, fmtTime(from), fmtTime(to), phoneDigits, fmtTime(from), fmtTime(to), exceptOrder)
	if err != nil {
		return nil, storageError(err)
	}
	defer rows.Close()
	var list []app.OrderGoods
	var last int64
	for rows.Next() {
		var id int64
		var g app.OrderGoods
		var l app.GoodsLine
		if err := rows.Scan(&id, &g.Number, &g.Kind, &l.ProductID, &l.Qty); err != nil {
			return nil, err
		}
		if id != last || len(list) == 0 {
			list = append(list, g)
			last = id
		}
		cur := &list[len(list)-1]
		cur.Lines = append(cur.Lines, l)
	}
	return list, storageError(rows.Err())
}
