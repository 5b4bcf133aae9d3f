-- Intake and review (R-05, R-10..R-12, R-20, R-21).

-- A credit note is a historical cancellation invoice (the order it undoes
-- is not named): its lines are stored with positive quantities and every
-- figure counts it as money going back.
ALTER TABLE orders ADD COLUMN kind TEXT NOT NULL DEFAULT 'sale' CHECK (kind IN ('sale', 'credit'));

-- Postage, manual charges, discounts and adjustments are sold on orders
-- but never stocked, picked or counted.
ALTER TABLE products ADD COLUMN kind TEXT NOT NULL DEFAULT 'goods'
    CHECK (kind IN ('goods', 'shipping', 'service', 'discount', 'adjustment'));

-- The review policy: which orders wait for a person and what the rules read.
ALTER TABLE shop ADD COLUMN auto_confirm INTEGER NOT NULL DEFAULT 1;
ALTER TABLE shop ADD COLUMN second_check INTEGER NOT NULL DEFAULT 0;
ALTER TABLE shop ADD COLUMN large_order INTEGER NOT NULL DEFAULT 0;
ALTER TABLE shop ADD COLUMN max_discount_percent INTEGER NOT NULL DEFAULT 30;
ALTER TABLE shop ADD COLUMN coupons TEXT NOT NULL DEFAULT '';
ALTER TABLE shop ADD COLUMN contact_within_minutes INTEGER NOT NULL DEFAULT 60;
ALTER TABLE shop ADD COLUMN document_language TEXT NOT NULL DEFAULT '';

-- The latest review of an order: the findings of the rules (JSON) and the
-- supervisor's decision. The history keeps every earlier one as events.
CREATE TABLE reviews (
    order_id    INTEGER PRIMARY KEY REFERENCES orders (id),
    checked_at  TEXT NOT NULL,
    findings    TEXT NOT NULL DEFAULT '[]',
    decision    TEXT NOT NULL DEFAULT '',
    opinion     TEXT NOT NULL DEFAULT '',
    reviewer    TEXT NOT NULL DEFAULT '',
    reviewed_at TEXT NOT NULL DEFAULT ''
);

-- Column mappings the user saved for the generic import, by name.
CREATE TABLE import_mappings (
    name       TEXT PRIMARY KEY CHECK (name <> ''),
    channel    TEXT NOT NULL,
    columns    TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Rules look up a customer's earlier orders and their lines.
DROP INDEX order_lines_product;
CREATE INDEX order_lines_product_order ON order_lines (product_id, order_id, qty);
CREATE INDEX customers_email ON customers (email COLLATE NOCASE) WHERE email <> '';

-- Each line remembers its product's kind, so charges are never reserved or picked.
ALTER TABLE order_lines ADD COLUMN kind TEXT NOT NULL DEFAULT 'goods';

-- Orders imported already shipped or finished: their goods left before the
-- stock ledger began, so the ledger checks pass them by.
ALTER TABLE orders ADD COLUMN from_history INTEGER NOT NULL DEFAULT 0;
