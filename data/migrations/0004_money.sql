-- Money owed and invoiced (R-40..R-42).

-- When an order must be paid: placing it, or the customer's credit terms
-- after confirmation. Empty for drafts and orders still in review.
ALTER TABLE orders ADD COLUMN due_date TEXT NOT NULL DEFAULT '';
CREATE INDEX orders_due ON orders (due_date) WHERE due_date <> '';

-- Invoices issued for orders (R-41): the number is the tax system's.
CREATE TABLE invoices (
    id         INTEGER PRIMARY KEY,
    number     TEXT NOT NULL UNIQUE CHECK (number <> ''),
    order_id   INTEGER NOT NULL REFERENCES orders (id),
    type       TEXT NOT NULL CHECK (type IN ('normal', 'vat_special')),
    title      TEXT NOT NULL CHECK (title <> ''),
    tax_id     TEXT NOT NULL DEFAULT '',
    amount     INTEGER NOT NULL CHECK (amount > 0),
    issued_at  TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX invoices_order ON invoices (order_id);
CREATE INDEX invoices_issued ON invoices (issued_at, id);

CREATE TRIGGER invoices_no_update BEFORE UPDATE ON invoices
BEGIN SELECT RAISE(ABORT, 'invoices are never changed'); END;
CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices
BEGIN SELECT RAISE(ABORT, 'invoices are never deleted'); END;

-- What is owed is a small part of all orders: the receivables list and
-- the ageing read it through this index instead of every order.
CREATE INDEX orders_owing ON orders (customer_id)
    WHERE kind = 'sale' AND status NOT IN ('draft', 'pending_review', 'cancelled')
    AND payable - amount_paid + amount_refunded > 0;
