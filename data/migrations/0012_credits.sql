-- Credits, as an accountant keeps them: what the shop takes off what an
-- order owes, apart from money. Goods that came back, an order cancelled,
-- an agreed partial refund or compensation each credit the order; a
-- refund pays a credit balance out. What a customer owes on an order is
-- payable - credits - (money received - money paid back), and a negative
-- balance is money due back, never a debt.
CREATE TABLE credits (
    id       INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders (id),
    case_id  INTEGER REFERENCES cases (id),
    kind     TEXT NOT NULL CHECK (kind IN ('return', 'cancellation', 'partial_refund', 'compensation')),
    amount   INTEGER NOT NULL CHECK (amount > 0),
    at       TEXT NOT NULL,
    note     TEXT NOT NULL DEFAULT '',
    actor    TEXT NOT NULL
);
CREATE INDEX credits_order ON credits (order_id);
CREATE INDEX credits_at ON credits (at, id);
CREATE TRIGGER credits_no_update BEFORE UPDATE ON credits BEGIN
    SELECT RAISE(ABORT, 'credits are never changed; book another one');
END;
CREATE TRIGGER credits_no_delete BEFORE DELETE ON credits BEGIN
    SELECT RAISE(ABORT, 'credits are never deleted; book another one');
END;

ALTER TABLE orders ADD COLUMN amount_credited INTEGER NOT NULL DEFAULT 0;

-- Goods returned on an unpaid order were booked as payments in kind
-- (method returned_goods). They become credits; the payment rows stay,
-- as the history of what was done, and count as money no more.
INSERT INTO credits (order_id, case_id, kind, amount, at, note, actor)
SELECT p.order_id, (SELECT c.id FROM cases c WHERE p.note = 'goods returned, case ' || c.number), 'return',
       p.amount, p.at, p.note, p.actor
  FROM payments p WHERE p.method = 'returned_goods' ORDER BY p.id;

-- Before credits, what a case or a complaint gave back was only money
-- paid back, so the order seemed to owe it again. Each becomes the credit
-- it always was: a case's agreed amount (goods back, a partial refund),
-- a complaint's compensation, and any other money paid back on an order
-- that was not cancelled (a lost parcel refunded, a goodwill refund).
INSERT INTO credits (order_id, case_id, kind, amount, at, note, actor)
SELECT c.order_id, c.id, CASE c.kind WHEN 'partial_refund' THEN 'partial_refund' ELSE 'return' END, c.refund_amount,
       CASE WHEN c.received_at <> '' THEN c.received_at WHEN c.decided_at <> '' THEN c.decided_at ELSE c.requested_at END,
       'case ' || c.number, 'OrderDesk'
  FROM cases c JOIN orders o ON o.id = c.order_id
 WHERE c.refund_amount > 0 AND c.status IN ('approved', 'received', 'closed') AND o.status <> 'cancelled'
 ORDER BY c.id;

INSERT INTO credits (order_id, kind, amount, at, note, actor)
SELECT m.order_id, 'compensation', m.compensation, CASE WHEN m.resolved_at <> '' THEN m.resolved_at ELSE m.received_at END,
       'complaint ' || m.number, 'OrderDesk'
  FROM complaints m JOIN orders o ON o.id = m.order_id
 WHERE m.compensation > 0 AND o.status <> 'cancelled'
 ORDER BY m.id;

INSERT INTO credits (order_id, kind, amount, at, note, actor)
SELECT o.id, 'compensation',
       o.amount_refunded - COALESCE((SELECT sum(c.amount) FROM credits c WHERE c.order_id = o.id AND c.actor = 'OrderDesk'), 0),
       o.updated_at, 'money paid back before credits were kept', 'OrderDesk'
  FROM orders o
 WHERE o.kind = 'sale' AND o.status <> 'cancelled'
   AND o.amount_refunded > COALESCE((SELECT sum(c.amount) FROM credits c WHERE c.order_id = o.id AND c.actor = 'OrderDesk'), 0)
 ORDER BY o.id;

-- A cancelled order owes nothing: the rest of what it asked is credited,
-- as cancelling does from now on, at the time it was cancelled.
INSERT INTO credits (order_id, kind, amount, at, note, actor)
SELECT o.id, 'cancellation', o.payable - COALESCE((SELECT sum(c.amount) FROM credits c WHERE c.order_id = o.id), 0),
       COALESCE((SELECT max(e.at) FROM events e WHERE e.subject_kind = 'order' AND e.subject_id = o.id AND e.action = 'order.cancel'), o.updated_at),
       o.cancel_reason, 'OrderDesk'
  FROM orders o
 WHERE o.status = 'cancelled' AND o.kind = 'sale'
   AND o.payable > COALESCE((SELECT sum(c.amount) FROM credits c WHERE c.order_id = o.id), 0)
 ORDER BY o.id;

UPDATE orders SET
    amount_credited = (SELECT sum(c.amount) FROM credits c WHERE c.order_id = orders.id),
    amount_paid = amount_paid - COALESCE((SELECT sum(p.amount) FROM payments p
                                           WHERE p.order_id = orders.id AND p.method = 'returned_goods'), 0)
 WHERE id IN (SELECT order_id FROM credits);

-- The payment status follows the new rule (app.DerivePaymentStatus): an
-- order credited in full with nothing paid owes nothing.
UPDATE orders SET payment_status = CASE
    WHEN kind = 'credit' THEN 'refunded'
    WHEN amount_refunded > 0 AND amount_refunded >= amount_paid THEN 'refunded'
    WHEN amount_refunded > 0 THEN 'partly_refunded'
    WHEN amount_paid <= 0 AND payable - amount_credited <= 0 THEN 'nothing_due'
    WHEN amount_paid <= 0 THEN 'unpaid'
    WHEN amount_paid >= payable - amount_credited THEN 'paid'
    ELSE 'partly_paid' END;

-- What is owed leaves out what was credited.
DROP INDEX orders_owing;
CREATE INDEX orders_owing ON orders (customer_id)
    WHERE kind = 'sale' AND status NOT IN ('draft', 'pending_review', 'cancelled')
    AND payable - amount_credited - amount_paid + amount_refunded > 0;
