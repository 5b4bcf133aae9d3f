package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
)

// The trace checks: the program never changes or deletes history,
// payments, stock moves or invoices (triggers refuse it), but anyone can
// open the file with another SQLite tool. These checks find what such a
// tool left behind: a history row changed or removed, a hole in an
// append-only table, a record whose history is missing, a cancellation
// without the reason the program always asks for.

// eventChain is an event's link in the history chain: the hex SHA-256 of
// the previous event's link and this event's fields, as stored. Every
// field is length-prefixed, so no two different events encode alike
// ("ab"+"c" and "a"+"bc" differ). It shows a row changed or removed by
// another tool; someone who knows this code could rewrite the whole chain,
// so it is a trace, not a seal.
func eventChain(prev string, id int64, at, actor, kind string, subject int64, action, summary, before, after string) string {
	var c chainer
	return string(c.link([]byte(prev), id, []byte(at), []byte(actor), []byte(kind), subject,
		[]byte(action), []byte(summary), []byte(before), []byte(after)))
}

// chainer computes links reusing its buffers: the check runs it over
// every event of the shop. The fields are gathered and hashed at once.
type chainer struct {
	buf, num, out []byte
}

func (c *chainer) link(prev []byte, id int64, at, actor, kind []byte, subject int64, action, summary, before, after []byte) []byte {
	c.buf = appendField(c.buf[:0], prev)
	c.num = strconv.AppendInt(c.num[:0], id, 10)
	c.buf = appendField(c.buf, c.num)
	c.buf = appendField(c.buf, at)
	c.buf = appendField(c.buf, actor)
	c.buf = appendField(c.buf, kind)
	c.num = strconv.AppendInt(c.num[:0], subject, 10)
	c.buf = appendField(c.buf, c.num)
	c.buf = appendField(c.buf, action)
	c.buf = appendField(c.buf, summary)
	c.buf = appendField(c.buf, before)
	c.buf = appendField(c.buf, after)
	sum := sha256.Sum256(c.buf)
	c.out = hex.AppendEncode(c.out[:0], sum[:])
	return c.out
}

// appendField appends b with its length, 8 bytes big-endian, before it.
func appendField(buf, b []byte) []byte {
	return append(binary.BigEndian.AppendUint64(buf, uint64(len(b))), b...)
}

// checkTrace runs the trace checks, in the order a reader would want them.
func (s *Store) checkTrace(ctx context.Context) ([]Problem, error) {
	out, err := s.checkHistoryChain(ctx)
	if err != nil {
		return nil, fmt.Errorf("check history chain: %w", err)
	}
	for _, t := range appendOnlyTables {
		found, err := s.checkGaps(ctx, t.table, t.one, t.many)
		if err != nil {
			return nil, fmt.Errorf("check gaps in %s: %w", t.table, err)
		}
		out = append(out, found...)
	}
	for _, c := range traceChecks {
		found, err := s.listProblems(ctx, c.name, c.query)
		if err != nil {
			return nil, fmt.Errorf("check %s: %w", c.name, err)
		}
		out = append(out, found...)
	}
	return out, nil
}

// problemList keeps the first maxExamples problems of one check and
// counts the rest, so a badly damaged file gives a readable report.
type problemList struct {
	check string
	list  []Problem
	more  int
}

func (l *problemList) add(format string, args ...any) {
	if len(l.list) < maxExamples {
		l.list = append(l.list, Problem{l.check, fmt.Sprintf(format, args...)})
		return
	}
	l.more++
}

func (l *problemList) done() []Problem {
	if l.more > 0 {
		l.list = append(l.list, Problem{l.check, fmt.Sprintf("and %d more not listed (%d in all)", l.more, l.more+len(l.list))})
	}
	return l.list
}

// idRange names the ids first..last of a table, as "payment 7" or
// "payments 7–9".
func idRange(one, many string, first, last int64) string {
	if first == last {
		return fmt.Sprintf("%s %d is", one, first)
	}
	return fmt.Sprintf("%s %d–%d (%d rows) are", many, first, last, last-first+1)
}

// checkHistoryChain walks the history in id order, one row at a time (a
// shop has millions), recomputing each event's link. Ids are assigned
// one after the other and a rolled-back insert takes its id back, so a
// missing id before the last event is a deleted event. Events written
// before the chain existed have none; once the chain has begun, every
// event must have its link. What the walk cannot see is the newest events
// removed from the end: the checks that every record has its history
// catch most of that.
func (s *Store) checkHistoryChain(ctx context.Context) ([]Problem, error) {
	rows, err := s.reader.QueryContext(ctx, `SELECT id, at, actor, subject_kind, subject_id, action, summary, before, after, chain
		FROM events ORDER BY id`)
	if err != nil {
		return nil, storageError(err)
	}
	defer rows.Close()
	found := problemList{check: "history chain"}
	var c chainer
	var (
		id, subject                                           int64
		at, actor, kind, action, summary, before, after, link sql.RawBytes
		prev                                                  []byte
		next                                                  = int64(1)
		chained                                               bool
	)
	for rows.Next() {
		if err := rows.Scan(&id, &at, &actor, &kind, &subject, &action, &summary, &before, &after, &link); err != nil {
			return nil, err
		}
		afterGap := id > next
		if afterGap {
			found.add("%s missing: deleted from the history", idRange("event", "events", next, id-1))
		}
		next = id + 1
		switch {
		case len(link) == 0 && chained:
			found.add("event %d (%s id %d, %s) has no link in the history chain: it was not written by OrderDesk", id, kind, subject, action)
		case len(link) == 0:
			// written before the chain began
		case afterGap:
			// Its link was made from the deleted event's, which is gone.
			chained = true
		default:
			if want := c.link(prev, id, at, actor, kind, subject, action, summary, before, after); string(want) != string(link) {
				found.add("event %d (%s id %d, %s) was changed after it was written: its link in the history chain does not match",
					id, kind, subject, action)
			}
			chained = true
		}
		// The stored link, right or wrong, is what the next event was
		// chained to, so one changed event is reported once.
		prev = append(prev[:0], link...)
	}
	if err := rows.Err(); err != nil {
		return nil, storageError(err)
	}
	return found.done(), nil
}

// appendOnlyTables are the tables whose rows the program never deletes
// (their triggers refuse it) and whose ids have no holes.
var appendOnlyTables = []struct{ table, one, many string }{
	{"payments", "payment", "payments"},
	{"stock_moves", "stock move", "stock moves"},
	{"invoices", "invoice", "invoices"},
	{"credits", "credit", "credits"},
}

// checkGaps reports the ids missing before a table's last row. The window
// query reads the primary key in order, once, and returns only the holes.
func (s *Store) checkGaps(ctx context.Context, table, one, many string) ([]Problem, error) {
	rows, err := s.reader.QueryContext(ctx, `SELECT prev + 1, id - 1 FROM (
		SELECT id, COALESCE(lag(id) OVER (ORDER BY id), 0) AS prev FROM `+table+`) t WHERE id > prev + 1`)
	if err != nil {
		return nil, storageError(err)
	}
	defer rows.Close()
	found := problemList{check: "gaps"}
	for rows.Next() {
		var first, last int64
		if err := rows.Scan(&first, &last); err != nil {
			return nil, err
		}
		found.add("%s missing: deleted", idRange(one, many, first, last))
	}
	if err := rows.Err(); err != nil {
		return nil, storageError(err)
	}
	return found.done(), nil
}

// traceChecks are queries whose every row is a problem: records without
// the history the program always writes with them, and cancellations
// without the reason it always asks for. They look only for what the
// services really write: customers and products, for one, may come in
// by import without a creation event.
var traceChecks = []struct{ name, query string }{
	{"history", `SELECT 'case ' || c.number || ' has no event of its opening' FROM cases c WHERE NOT EXISTS (
		SELECT 1 FROM events e WHERE e.subject_kind = 'case' AND e.subject_id = c.id AND e.action = 'case.opened')`},
	{"history", `SELECT 'complaint ' || c.number || ' has no event of its registration' FROM complaints c WHERE NOT EXISTS (
		SELECT 1 FROM events e WHERE e.subject_kind = 'complaint' AND e.subject_id = c.id AND e.action = 'complaint.registered')`},
	// Packing a shipment (or sending one again) names it in its order's
	// history. LIKE, not instr, for PostgreSQL: a number that contains a
	// wildcard can only match more, never report a shipment wrongly.
	{"history", `SELECT 'shipment ' || s.number || ' is not in the history of order ' || o.number
		FROM shipments s JOIN orders o ON o.id = s.order_id WHERE NOT EXISTS (
		SELECT 1 FROM events e WHERE e.subject_kind = 'order' AND e.subject_id = s.order_id AND e.summary LIKE ('%' || s.number || '%'))`},
	// Every payment and refund has its own event; an imported order's
	// payment comes in with the order's creation. (Goods returned once
	// booked as payments are credits now, told of as credits.)
	{"history", `SELECT 'order ' || o.number || ' has ' || p.n || ' payments but its history tells of ' || p.told
		FROM (SELECT pp.order_id, count(*) AS n, (SELECT count(*) FROM events e WHERE e.subject_kind = 'order' AND e.subject_id = pp.order_id
		        AND (e.action IN ('order.payment', 'order.refund')
		             OR (e.action = 'order.created' AND e.summary LIKE '% imported from %'))) AS told
		        FROM payments pp WHERE pp.method <> 'returned_goods' GROUP BY pp.order_id) p
		JOIN orders o ON o.id = p.order_id WHERE p.n > p.told`},
	// Every credit has its event, but those the update to credits made
	// for orders cancelled before it (actor OrderDesk).
	{"history", `SELECT 'order ' || o.number || ' has ' || c.n || ' credits but its history tells of ' || c.told
		FROM (SELECT cc.order_id, count(*) AS n, (SELECT count(*) FROM events e WHERE e.subject_kind = 'order'
		        AND e.subject_id = cc.order_id AND e.action = 'order.credit') AS told
		        FROM credits cc WHERE cc.actor <> 'OrderDesk' GROUP BY cc.order_id) c
		JOIN orders o ON o.id = c.order_id WHERE c.n > c.told`},
	// Cancelling and rejecting are steps with their event; an order
	// imported cancelled has it in its creation.
	{"history", `SELECT 'order ' || o.number || ' is cancelled but its history does not say who cancelled it'
		FROM orders o WHERE o.status = 'cancelled' AND NOT EXISTS (
		SELECT 1 FROM events e WHERE e.subject_kind = 'order' AND e.subject_id = o.id
		AND (e.action IN ('order.cancel', 'order.reject') OR (e.action = 'order.created' AND e.after LIKE '%"status":"cancelled"%')))`},
	{"reasons", `SELECT 'order ' || number || ' is cancelled without a reason' FROM orders
		WHERE status = 'cancelled' AND trim(cancel_reason) = ''`},
	{"reasons", `SELECT 'case ' || number || ' is rejected without a reason' FROM cases
		WHERE status = 'rejected' AND trim(decision_note) = ''`},
	{"reasons", `SELECT 'refund ' || p.id || ' on order ' || o.number || ' has no reason'
		FROM payments p JOIN orders o ON o.id = p.order_id WHERE p.amount < 0 AND trim(p.note) = ''`},
	{"reasons", `SELECT 'stock adjustment ' || m.id || ' (' || m.on_hand_delta || ' × ' || p.sku || ') has no reason'
		FROM stock_moves m JOIN products p ON p.id = m.product_id WHERE m.kind = 'adjust' AND trim(m.note) = ''`},
	{"reasons", `SELECT 'order ' || o.number || ' line ' || l.line_no || ' is cancelled but no decision to cancel it is recorded'
		FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE l.cancelled = 1 AND NOT EXISTS (
		SELECT 1 FROM line_decisions d WHERE d.order_line_id = l.id AND d.kind = 'cancel_line')`},
}
