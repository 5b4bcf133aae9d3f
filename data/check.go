package data

import (
	"context"
	"database/sql"
	"fmt"

	"orderdesk/app"
)

// Problem is one thing `orderdesk check` found wrong.
type Problem struct {
	Check  string // which rule: "integrity", "stock ledger", "order totals"…
	Detail string
}

func (p Problem) String() string { return p.Check + ": " + p.Detail }

// maxExamples bounds how many rows one failed rule reports.
const maxExamples = 20

// Check runs SQLite's integrity check and the shop's own invariants: stock
// levels equal the ledger's sums and are never negative, order totals
// equal their parts, payments add up, every order has its history,
// reservations belong to orders that hold stock, and shipped quantities
// match what left the ledger; then the trace checks (trace.go): nothing
// changed or removed behind the program's back, every cancellation with
// its reason. An empty result means all is well.
func (s *Store) Check(ctx context.Context) ([]Problem, error) {
	err := s.Read(ctx, func(_ app.Tx) error { return nil }) // the file opens for reading
	if err != nil {
		return nil, err
	}
	out, err := s.integrity(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range invariantChecks {
		found, err := s.listProblems(ctx, c.name, c.query)
		if err != nil {
			return nil, fmt.Errorf("check %s: %w", c.name, err)
		}
		out = append(out, found...)
	}
	found, err := s.checkPaymentStatus(ctx)
	if err != nil {
		return nil, err
	}
	out = append(out, found...)
	found, err = s.checkTrace(ctx)
	if err != nil {
		return nil, err
	}
	return append(out, found...), nil
}

// invariantChecks are queries whose every row is a problem, as one line.
var invariantChecks = []struct{ name, query string }{
	{"foreign keys", `SELECT "table" || ' row ' || rowid || ' points to a missing ' || parent FROM pragma_foreign_key_check`},
	{"stock ledger", `SELECT 'product ' || m.product_id || ' warehouse ' || m.warehouse_id || ' bin ' || m.bin ||
		': ledger says ' || m.oh || '/' || m.rs || '/' || m.it || ', level says ' ||
		COALESCE(l.on_hand, 0) || '/' || COALESCE(l.reserved, 0) || '/' || COALESCE(l.in_transit, 0)
		FROM (SELECT product_id, warehouse_id, COALESCE(bin_id, 0) AS bin, sum(on_hand_delta) AS oh,
		             sum(reserved_delta) AS rs, sum(in_transit_delta) AS it
		        FROM stock_moves GROUP BY 1, 2, 3) m
		LEFT JOIN stock_levels l ON l.product_id = m.product_id AND l.warehouse_id = m.warehouse_id AND l.bin_id = m.bin
		WHERE COALESCE(l.on_hand, 0) <> m.oh OR COALESCE(l.reserved, 0) <> m.rs OR COALESCE(l.in_transit, 0) <> m.it
		UNION ALL
		SELECT 'product ' || product_id || ' bin ' || bin_id || ' has a level with no ledger rows'
		FROM stock_levels l WHERE (on_hand <> 0 OR reserved <> 0 OR in_transit <> 0) AND NOT EXISTS (
			SELECT 1 FROM stock_moves m WHERE m.product_id = l.product_id AND m.warehouse_id = l.warehouse_id
			AND COALESCE(m.bin_id, 0) = l.bin_id)`},
	{"negative stock", `SELECT 'product ' || product_id || ' bin ' || bin_id || ': on hand ' || on_hand ||
		', reserved ' || reserved || ', in transit ' || in_transit FROM stock_levels
		WHERE on_hand < 0 OR reserved < 0 OR in_transit < 0 OR reserved > on_hand`},
	{"order totals", `SELECT 'order ' || o.number || ': goods total ' || o.goods_total || ' but lines sum to ' ||
		COALESCE(l.s, 0) FROM orders o LEFT JOIN (SELECT order_id, sum(subtotal) AS s FROM order_lines WHERE cancelled = 0 GROUP BY order_id) l
		ON l.order_id = o.id WHERE o.goods_total <> COALESCE(l.s, 0)
		UNION ALL
		SELECT 'order ' || o.number || ': payable ' || o.payable || ' is not goods + shipping − discount + tax added + duties'
		FROM orders o WHERE o.payable <> o.goods_total + o.shipping_fee - o.order_discount
		                                  + CASE WHEN o.tax_included = 1 THEN 0 ELSE o.tax END + o.duties
		UNION ALL
		SELECT 'order line ' || id || ': subtotal ' || subtotal || ' is not qty × price − discount'
		FROM order_lines WHERE subtotal <> qty * unit_price - discount`},
	// Goods returned were once booked as payments in kind (method
	// returned_goods); they are credits now, and their old rows no money.
	{"payments", `SELECT 'order ' || o.number || ': paid ' || o.amount_paid || '/refunded ' || o.amount_refunded ||
		' but payments say ' || COALESCE(p.inn, 0) || '/' || COALESCE(p.outt, 0)
		FROM orders o LEFT JOIN (SELECT order_id, sum(CASE WHEN amount > 0 THEN amount ELSE 0 END) AS inn,
		                                sum(CASE WHEN amount < 0 THEN -amount ELSE 0 END) AS outt
		                           FROM payments WHERE method <> 'returned_goods' GROUP BY order_id) p ON p.order_id = o.id
		WHERE o.amount_paid <> COALESCE(p.inn, 0) OR o.amount_refunded <> COALESCE(p.outt, 0)
		UNION ALL
		SELECT 'order ' || number || ': refunded ' || amount_refunded || ' is more than paid ' || amount_paid
		FROM orders WHERE amount_refunded > amount_paid`},
	// What a customer owes = payable - credits - (received - paid back):
	// the credits behind the snapshot, never more than the order asks.
	{"credits", `SELECT 'order ' || o.number || ': credited ' || o.amount_credited || ' but its credits say ' || COALESCE(c.s, 0)
		FROM orders o LEFT JOIN (SELECT order_id, sum(amount) AS s FROM credits GROUP BY order_id) c ON c.order_id = o.id
		WHERE o.amount_credited <> COALESCE(c.s, 0)
		UNION ALL
		SELECT 'order ' || number || ': credited ' || amount_credited || ', more than the ' || payable || ' it asks'
		FROM orders WHERE amount_credited > max(payable, 0)`},
	{"cancelled orders", `SELECT 'cancelled order ' || number || ' still asks ' || (payable - amount_credited) || ' beyond its credits'
		FROM orders WHERE kind = 'sale' AND status = 'cancelled' AND payable - amount_credited <> 0`},
	{"history", `SELECT 'order ' || o.number || ' has no creation event' FROM orders o WHERE NOT EXISTS (
		SELECT 1 FROM events e WHERE e.subject_kind = 'order' AND e.subject_id = o.id AND e.action = 'order.created')`},
	{"reservations", `SELECT 'order ' || o.number || ' (' || o.status || ') still holds ' || r.q || ' reserved units'
		FROM (SELECT order_id, sum(reserved_delta) AS q FROM stock_moves WHERE order_id IS NOT NULL
		      GROUP BY order_id HAVING sum(reserved_delta) <> 0) r JOIN orders o ON o.id = r.order_id
		WHERE r.q < 0 OR (o.status NOT IN ('allocated', 'picking', 'packed', 'partly_shipped', 'on_hold') AND NOT EXISTS (
			SELECT 1 FROM shipment_lines sl JOIN shipments s ON s.id = sl.shipment_id
			WHERE sl.order_id = o.id AND s.resend_of IS NOT NULL AND s.status IN ('to_pack', 'packed')))`},
	{"shipments", `SELECT 'order ' || o.number || ': lines say ' || COALESCE(l.q, 0) || ' shipped, the ledger ' || COALESCE(m.q, 0)
		FROM orders o
		LEFT JOIN (SELECT order_id, sum(q) AS q FROM (
			SELECT order_id, qty_shipped - qty_sent_before AS q FROM order_lines WHERE kind = 'goods'
			UNION ALL
			SELECT sl.order_id, sl.qty FROM shipment_lines sl JOIN shipments s ON s.id = sl.shipment_id
			WHERE s.resend_of IS NOT NULL AND s.status IN ('shipped', 'delivered', 'returned', 'closed')) GROUP BY order_id) l
		ON l.order_id = o.id
		LEFT JOIN (SELECT order_id, -sum(on_hand_delta) AS q FROM stock_moves WHERE kind = 'ship' GROUP BY order_id) m
		ON m.order_id = o.id WHERE o.from_history = 0 AND COALESCE(l.q, 0) <> COALESCE(m.q, 0)`},
	{"search index", `SELECT 'the search index has ' || (SELECT count(*) FROM order_search) || ' entries for ' ||
		(SELECT count(*) FROM orders) || ' orders' WHERE (SELECT count(*) FROM order_search) <> (SELECT count(*) FROM orders)`},
}

// integrity runs SQLite's own check on a connection of its own. A pooled
// reader may hold FTS5's cached layout of the search index from before
// later writes; a search refreshes it, integrity_check does not, and
// reports the merged-away segments as corruption.
func (s *Store) integrity(ctx context.Context) ([]Problem, error) {
	readDSN := s.readDSN
	if readDSN == "" {
		readDSN = dsn(s.path, true)
	}
	db, err := sql.Open("sqlite", readDSN)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return nil, storageError(err)
	}
	defer rows.Close()
	var out []Problem
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			return nil, err
		}
		if msg != "ok" {
			out = append(out, Problem{"integrity", msg})
		}
	}
	return out, storageError(rows.Err())
}

func (s *Store) listProblems(ctx context.Context, name, query string) ([]Problem, error) {
	rows, err := s.reader.QueryContext(ctx, query+` LIMIT `+fmt.Sprint(maxExamples))
	if err != nil {
		return nil, storageError(err)
	}
	defer rows.Close()
	var out []Problem
	for rows.Next() {
		var detail string
		if err := rows.Scan(&detail); err != nil {
			return nil, err
		}
		out = append(out, Problem{name, detail})
	}
	return out, rows.Err()
}

// checkPaymentStatus re-derives each order's payment status with the
// domain's own rule, so the check cannot drift from it.
func (s *Store) checkPaymentStatus(ctx context.Context) ([]Problem, error) {
	rows, err := s.reader.QueryContext(ctx, `SELECT number, kind, payable, amount_credited, amount_paid, amount_refunded, payment_status FROM orders`)
	if err != nil {
		return nil, storageError(err)
	}
	defer rows.Close()
	var out []Problem
	for rows.Next() {
		var number string
		var payable, credited, paid, refunded app.Money
		var status app.PaymentStatus
		var kind app.OrderKind
		if err := rows.Scan(&number, &kind, &payable, &credited, &paid, &refunded, &status); err != nil {
			return nil, err
		}
		if want := app.PaymentStatusOf(kind, payable, credited, paid, refunded); want != status && len(out) < maxExamples {
			out = append(out, Problem{"payment status", fmt.Sprintf("order %s is %s but its payments make it %s", number, status, want)})
		}
	}
	return out, rows.Err()
}
