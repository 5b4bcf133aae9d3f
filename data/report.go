package data

import (
	"context"
	"slices"
	"strings"
	"time"

	"orderdesk/app"
)

// The monthly report's queries. Each streams its rows over the order-time
// index; sums are signed so a credit note's money counts negative.

// EachOrder streams the orders and credit notes placed in [from, to).
func (t *tx) EachOrder(ctx context.Context, from, to time.Time, fn func(app.ReportOrder) error) error {
	rows, err := t.query(ctx, `SELECT o.number, o.ordered_at, o.kind, o.channel, o.customer_name, o.status,
		o.payment_status, (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id), o.goods_total, o.shipping_fee,
		o.order_discount, o.payable, o.amount_paid - o.amount_refunded, o.amount_credited
		FROM orders o WHERE o.ordered_at >= ? AND o.ordered_at < ? ORDER BY o.ordered_at, o.id`, fmtTime(from), fmtTime(to))
	if err != nil {
		return storageError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var r app.ReportOrder
		var ts timeScanner
		if err := rows.Scan(&r.Number, ts.at(&r.OrderedAt), &r.Kind, &r.Channel, &r.Customer, &r.Status, &r.PaymentStatus,
			&r.Lines, &r.Goods, &r.Shipping, &r.Discount, &r.Payable, &r.Paid, &r.Credited); err != nil {
			return err
		}
		if err := ts.parse(); err != nil {
			return err
		}
		o := app.Order{Kind: r.Kind, Payable: r.Payable, AmountPaid: r.Paid, AmountCredited: r.Credited}
		r.RefundDue = o.RefundDue()
		if r.Counts() {
			r.Outstanding = o.Outstanding()
		}
		if r.Kind == app.KindCredit {
			r.Goods, r.Shipping, r.Discount, r.Payable = -r.Goods, -r.Shipping, -r.Discount, -r.Payable
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return storageError(rows.Err())
}

// EachLine streams the lines of the orders placed in [from, to).
func (t *tx) EachLine(ctx context.Context, from, to time.Time, fn func(app.ReportLine) error) error {
	rows, err := t.query(ctx, `SELECT o.number, o.ordered_at, o.channel, o.customer_name, o.kind, l.sku, l.name, l.spec,
		l.kind, l.qty, l.unit_price, l.discount, l.subtotal
		FROM orders o CROSS JOIN order_lines l ON l.order_id = o.id
		WHERE o.ordered_at >= ? AND o.ordered_at < ? AND o.`+countsAsSale+` AND l.cancelled = 0
		ORDER BY o.ordered_at, o.id, l.line_no`,
		fmtTime(from), fmtTime(to))
	if err != nil {
		return storageError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var r app.ReportLine
		var ts timeScanner
		var kind app.OrderKind
		if err := rows.Scan(&r.Number, ts.at(&r.OrderedAt), &r.Channel, &r.Customer, &kind, &r.SKU, &r.Name, &r.Spec,
			&r.Kind, &r.Qty, &r.UnitPrice, &r.Discount, &r.Subtotal); err != nil {
			return err
		}
		if err := ts.parse(); err != nil {
			return err
		}
		if kind == app.KindCredit {
			r.Qty, r.Subtotal, r.Discount = -r.Qty, -r.Subtotal, -r.Discount
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return storageError(rows.Err())
}

// signedLine counts a credit note's line negative.
const signedLine = `CASE o.kind WHEN 'credit' THEN -1 ELSE 1 END`

// SalesByProduct sums each product's net quantity and sales.
func (t *tx) SalesByProduct(ctx context.Context, from, to time.Time) ([]app.ProductSales, error) {
	rows, err := t.query(ctx, `SELECT l.sku, max(l.name), max(l.spec), max(l.kind), count(DISTINCT o.id),
		sum(`+signedLine+` * l.qty), sum(`+signedLine+` * l.subtotal)
		FROM orders o CROSS JOIN order_lines l ON l.order_id = o.id
		WHERE o.ordered_at >= ? AND o.ordered_at < ? AND o.`+countsAsSale+` AND l.cancelled = 0
		GROUP BY l.sku ORDER BY 7 DESC, l.sku`, fmtTime(from), fmtTime(to))
	if err != nil {
		return nil, storageError(err)
	}
	defer rows.Close()
	var list []app.ProductSales
	for rows.Next() {
		var p app.ProductSales
		if err := rows.Scan(&p.SKU, &p.Name, &p.Spec, &p.Kind, &p.Orders, &p.Qty, &p.Sales); err != nil {
			return nil, err
		}
		list = append(list, p)
	}
	return list, storageError(rows.Err())
}

// SalesByCustomer sums each customer's gross sales, the credits issued
// on their orders in the period, and what they owe on the period's sales.
func (t *tx) SalesByCustomer(ctx context.Context, from, to time.Time) ([]app.CustomerSales, error) {
	args := []any{fmtTime(from), fmtTime(to)}
	rows, err := t.query(ctx, `SELECT customer_name, max(customer_kind), sum(sales), sum(notes), sum(gross), sum(credits), sum(owed)
		FROM (SELECT o.customer_id, o.customer_name, o.customer_kind, o.kind = 'sale' AS sales, o.kind = 'credit' AS notes,
			CASE o.kind WHEN 'credit' THEN -o.payable ELSE o.payable END AS gross, 0 AS credits,
			CASE WHEN o.kind = 'sale' THEN max(o.payable - o.amount_credited - o.amount_paid + o.amount_refunded, 0) ELSE 0 END AS owed
			FROM orders o WHERE o.ordered_at >= ? AND o.ordered_at < ? AND o.`+countsAsSale+`
		UNION ALL SELECT customer_id, customer_name, customer_kind, 0, 0, 0, amount, 0 FROM (`+periodCredits+`))
		GROUP BY customer_id, customer_name ORDER BY sum(gross) - sum(credits) DESC, 1`, append(args, args...)...)
	if err != nil {
		return nil, storageError(err)
	}
	defer rows.Close()
	var list []app.CustomerSales
	for rows.Next() {
		var c app.CustomerSales
		if err := rows.Scan(&c.Customer, &c.Kind, &c.Orders, &c.CreditNotes, &c.Gross, &c.Credits, &c.Outstanding); err != nil {
			return nil, err
		}
		list = append(list, c)
	}
	return list, storageError(rows.Err())
}

// EachExecution streams each sale's stages from its history: when it was
// confirmed, shipped, delivered and completed, the waybill and the signer.
func (t *tx) EachExecution(ctx context.Context, from, to time.Time, fn func(app.ExecutionRow) error) error {
	rows, err := t.query(ctx, `SELECT o.number, o.customer_name, o.status, o.ordered_at, o.tracking_numbers,
		COALESCE((SELECT min(e.at) FROM events e WHERE e.subject_kind = 'order' AND e.subject_id = o.id AND e.action = 'order.confirm'), ''),
		COALESCE((SELECT min(e.at) FROM events e WHERE e.subject_kind = 'order' AND e.subject_id = o.id
			AND e.action IN ('order.ship', 'order.ship_part')), ''),
		COALESCE((SELECT min(e.at) FROM events e WHERE e.subject_kind = 'order' AND e.subject_id = o.id AND e.action = 'order.deliver'), ''),
		COALESCE((SELECT min(e.at) FROM events e WHERE e.subject_kind = 'order' AND e.subject_id = o.id AND e.action = 'order.complete'), ''),
		COALESCE((SELECT e.summary FROM events e WHERE e.subject_kind = 'order' AND e.subject_id = o.id AND e.action = 'order.deliver'
			ORDER BY e.id DESC LIMIT 1), '')
		FROM orders o WHERE o.ordered_at >= ? AND o.ordered_at < ? AND o.kind = 'sale' AND o.`+countsAsSale+`
		ORDER BY o.ordered_at, o.id`, fmtTime(from), fmtTime(to))
	if err != nil {
		return storageError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var r app.ExecutionRow
		var ts timeScanner
		var deliverSummary string
		if err := rows.Scan(&r.Number, &r.Customer, &r.Status, ts.at(&r.OrderedAt), &r.Waybill, ts.at(&r.ConfirmedAt),
			ts.at(&r.ShippedAt), ts.at(&r.DeliveredAt), ts.at(&r.CompletedAt), &deliverSummary); err != nil {
			return err
		}
		if err := ts.parse(); err != nil {
			return err
		}
		// The deliver step's note is "signed by NAME".
		if _, signer, ok := strings.Cut(deliverSummary, "signed by "); ok {
			r.Signer = strings.TrimSuffix(signer, ")")
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return storageError(rows.Err())
}

// StockMovements lists each product's stock now and its moves in the
// period.
func (t *tx) StockMovements(ctx context.Context, from, to time.Time) ([]app.StockMovement, error) {
	rows, err := t.query(ctx, `SELECT p.sku, p.name,
		COALESCE((SELECT sum(on_hand) FROM stock_levels s WHERE s.product_id = p.id), 0),
		COALESCE((SELECT sum(reserved) FROM stock_levels s WHERE s.product_id = p.id), 0),
		COALESCE((SELECT sum(in_transit) FROM stock_levels s WHERE s.product_id = p.id), 0),
		COALESCE(sum(CASE WHEN m.kind IN ('receipt', 'transfer_in') THEN m.on_hand_delta END), 0),
		COALESCE(-sum(CASE WHEN m.kind IN ('ship', 'transfer_out') THEN m.on_hand_delta END), 0),
		COALESCE(sum(CASE WHEN m.kind = 'adjust' THEN m.on_hand_delta END), 0),
		COALESCE(sum(CASE WHEN m.kind = 'return_restock' THEN m.on_hand_delta END), 0),
		COALESCE(-sum(CASE WHEN m.kind = 'scrap' THEN m.on_hand_delta END), 0)
		FROM products p LEFT JOIN stock_moves m ON m.product_id = p.id AND m.at >= ? AND m.at < ?
		WHERE p.kind = 'goods' GROUP BY p.id ORDER BY p.sku`, fmtTime(from), fmtTime(to))
	if err != nil {
		return nil, storageError(err)
	}
	defer rows.Close()
	var list []app.StockMovement
	for rows.Next() {
		var m app.StockMovement
		if err := rows.Scan(&m.SKU, &m.Name, &m.OnHand, &m.Reserved, &m.InTransit, &m.Received, &m.Shipped, &m.Adjusted,
			&m.Returned, &m.Scrapped); err != nil {
			return nil, err
		}
		list = append(list, m)
	}
	return list, storageError(rows.Err())
}

// Ageing buckets what each customer owes by days past due at asOf, from
// the same rows as the receivables screen.
func (t *tx) Ageing(ctx context.Context, asOf time.Time) ([]app.AgeingRow, error) {
	list, err := t.Receivables(ctx, 0)
	if err != nil {
		return nil, err
	}
	rows := ageingOf(list, asOf)
	slices.SortStableFunc(rows, func(a, b app.AgeingRow) int { return strings.Compare(a.Customer, b.Customer) })
	return rows, nil
}

// EachCase streams the after-sales cases opened in [from, to), oldest
// first.
func (t *tx) EachCase(ctx context.Context, from, to time.Time, fn func(app.ReportCase) error) error {
	rows, err := t.query(ctx, `SELECT c.number, c.requested_at, o.number, o.customer_name, c.kind, c.reason, c.status,
		(SELECT COALESCE(sum(qty), 0) FROM case_lines WHERE case_id = c.id),
		(SELECT COALESCE(sum(qty_received), 0) FROM case_lines WHERE case_id = c.id), c.refunded
		FROM cases c JOIN orders o ON o.id = c.order_id
		WHERE c.requested_at >= ? AND c.requested_at < ? ORDER BY c.requested_at, c.id`, fmtTime(from), fmtTime(to))
	if err != nil {
		return storageError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var r app.ReportCase
		var ts timeScanner
		if err := rows.Scan(&r.Number, ts.at(&r.RequestedAt), &r.Order, &r.Customer, &r.Kind, &r.Reason, &r.Status, &r.Units,
			&r.Received, &r.Refunded); err != nil {
			return err
		}
		if err := ts.parse(); err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return storageError(rows.Err())
}

// ComplaintStats counts the period's complaints per category, with the
// average time from receiving to resolving the resolved ones.
func (t *tx) ComplaintStats(ctx context.Context, from, to time.Time) ([]app.ComplaintStat, error) {
	rows, err := t.query(ctx, `SELECT category, count(*), sum(resolved_at <> ''),
		COALESCE(avg(CASE WHEN resolved_at <> '' THEN (julianday(resolved_at) - julianday(received_at)) * 24 END), 0)
		FROM complaints WHERE received_at >= ? AND received_at < ? GROUP BY category ORDER BY 2 DESC, category`,
		fmtTime(from), fmtTime(to))
	if err != nil {
		return nil, storageError(err)
	}
	defer rows.Close()
	var out []app.ComplaintStat
	for rows.Next() {
		var s app.ComplaintStat
		if err := rows.Scan(&s.Category, &s.Count, &s.Resolved, &s.HoursToResolve); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, storageError(rows.Err())
}
