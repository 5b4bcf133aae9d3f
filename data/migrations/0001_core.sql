-- The order core: shop, customers, products, warehouses and bins, the
-- stock ledger with its derived levels, orders and lines, payments,
-- events, tasks and the order search index.

CREATE TABLE shop (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    name         TEXT NOT NULL,
    currency     TEXT NOT NULL,
    country      TEXT NOT NULL DEFAULT '',
    order_prefix TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    province     TEXT NOT NULL DEFAULT '',
    city         TEXT NOT NULL DEFAULT '',
    district     TEXT NOT NULL DEFAULT '',
    street       TEXT NOT NULL DEFAULT '',
    postcode     TEXT NOT NULL DEFAULT '',
    addr_country TEXT NOT NULL DEFAULT ''
);

CREATE TABLE number_sequences (
    sequence TEXT NOT NULL,
    period   TEXT NOT NULL,
    last     INTEGER NOT NULL,
    PRIMARY KEY (sequence, period)
) WITHOUT ROWID;

CREATE TABLE customers (
    id                  INTEGER PRIMARY KEY,
    code                TEXT NOT NULL DEFAULT '',
    name                TEXT NOT NULL CHECK (name <> ''),
    kind                TEXT NOT NULL CHECK (kind IN ('retail', 'dealer')),
    contact             TEXT NOT NULL DEFAULT '',
    phone               TEXT NOT NULL DEFAULT '',
    phone_digits        TEXT NOT NULL DEFAULT '',
    email               TEXT NOT NULL DEFAULT '',
    province            TEXT NOT NULL DEFAULT '',
    city                TEXT NOT NULL DEFAULT '',
    district            TEXT NOT NULL DEFAULT '',
    street              TEXT NOT NULL DEFAULT '',
    postcode            TEXT NOT NULL DEFAULT '',
    country             TEXT NOT NULL DEFAULT '',
    credit_limit        INTEGER NOT NULL DEFAULT 0 CHECK (credit_limit >= 0),
    payment_term_days   INTEGER NOT NULL DEFAULT 0 CHECK (payment_term_days >= 0),
    late_fee_per_mille  INTEGER NOT NULL DEFAULT 0 CHECK (late_fee_per_mille >= 0),
    licence_no          TEXT NOT NULL DEFAULT '',
    qualification_notes TEXT NOT NULL DEFAULT '',
    notes               TEXT NOT NULL DEFAULT '',
    archived            INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    version             INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX customers_name ON customers (name COLLATE NOCASE);
CREATE INDEX customers_phone ON customers (phone_digits);
CREATE UNIQUE INDEX customers_code ON customers (code) WHERE code <> '';

CREATE TABLE products (
    id           INTEGER PRIMARY KEY,
    sku          TEXT NOT NULL UNIQUE CHECK (sku <> ''),
    name         TEXT NOT NULL CHECK (name <> ''),
    alt_name     TEXT NOT NULL DEFAULT '',
    spec         TEXT NOT NULL DEFAULT '',
    unit         TEXT NOT NULL DEFAULT '',
    price        INTEGER NOT NULL CHECK (price >= 0),
    floor_price  INTEGER NOT NULL DEFAULT 0 CHECK (floor_price >= 0),
    cost         INTEGER NOT NULL DEFAULT 0 CHECK (cost >= 0),
    barcode      TEXT NOT NULL DEFAULT '',
    weight_grams INTEGER NOT NULL DEFAULT 0,
    active       INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX products_barcode ON products (barcode) WHERE barcode <> '';
CREATE INDEX products_name ON products (name COLLATE NOCASE);

CREATE TABLE product_alternates (
    product_id   INTEGER NOT NULL REFERENCES products (id),
    alternate_id INTEGER NOT NULL REFERENCES products (id),
    PRIMARY KEY (product_id, alternate_id)
) WITHOUT ROWID;

CREATE TABLE warehouses (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    province      TEXT NOT NULL DEFAULT '',
    city          TEXT NOT NULL DEFAULT '',
    district      TEXT NOT NULL DEFAULT '',
    street        TEXT NOT NULL DEFAULT '',
    postcode      TEXT NOT NULL DEFAULT '',
    country       TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    shipping_rank INTEGER NOT NULL DEFAULT 0,
    active        INTEGER NOT NULL DEFAULT 1,
    version       INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE bins (
    id           INTEGER PRIMARY KEY,
    warehouse_id INTEGER NOT NULL REFERENCES warehouses (id),
    code         TEXT NOT NULL,
    aisle        TEXT NOT NULL,
    shelf        INTEGER NOT NULL,
    position     INTEGER NOT NULL,
    UNIQUE (warehouse_id, code)
);
CREATE INDEX bins_walk ON bins (warehouse_id, aisle, shelf, position);

CREATE TABLE orders (
    id                INTEGER PRIMARY KEY,
    number            TEXT NOT NULL UNIQUE,
    channel           TEXT NOT NULL,
    platform_order_id TEXT NOT NULL DEFAULT '',
    customer_id       INTEGER REFERENCES customers (id),
    customer_name     TEXT NOT NULL DEFAULT '',
    customer_kind     TEXT NOT NULL DEFAULT '',
    customer_phone    TEXT NOT NULL DEFAULT '',
    contact           TEXT NOT NULL DEFAULT '',
    recipient_name    TEXT NOT NULL DEFAULT '',
    recipient_phone   TEXT NOT NULL DEFAULT '',
    phone_digits      TEXT NOT NULL DEFAULT '',
    province          TEXT NOT NULL DEFAULT '',
    city              TEXT NOT NULL DEFAULT '',
    district          TEXT NOT NULL DEFAULT '',
    street            TEXT NOT NULL DEFAULT '',
    postcode          TEXT NOT NULL DEFAULT '',
    country           TEXT NOT NULL DEFAULT '',
    goods_total       INTEGER NOT NULL,
    shipping_fee      INTEGER NOT NULL DEFAULT 0 CHECK (shipping_fee >= 0),
    coupon_code       TEXT NOT NULL DEFAULT '',
    order_discount    INTEGER NOT NULL DEFAULT 0 CHECK (order_discount >= 0),
    payable           INTEGER NOT NULL,
    amount_paid       INTEGER NOT NULL DEFAULT 0 CHECK (amount_paid >= 0),
    amount_refunded   INTEGER NOT NULL DEFAULT 0 CHECK (amount_refunded >= 0),
    payment_method    TEXT NOT NULL DEFAULT '',
    payment_status    TEXT NOT NULL,
    paid_at           TEXT NOT NULL DEFAULT '',
    transaction_id    TEXT NOT NULL DEFAULT '',
    urgency           TEXT NOT NULL DEFAULT 'standard',
    time_slot         TEXT NOT NULL DEFAULT '',
    expected_date     TEXT NOT NULL DEFAULT '',
    special_request   TEXT NOT NULL DEFAULT '',
    invoice_type      TEXT NOT NULL DEFAULT '',
    invoice_title     TEXT NOT NULL DEFAULT '',
    invoice_tax_id    TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL,
    held_from         TEXT NOT NULL DEFAULT '',
    cancel_reason     TEXT NOT NULL DEFAULT '',
    tracking_numbers  TEXT NOT NULL DEFAULT '',
    ordered_at        TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    created_by        TEXT NOT NULL DEFAULT '',
    version           INTEGER NOT NULL DEFAULT 1,
    CHECK (payable = goods_total + shipping_fee - order_discount),
    CHECK (amount_refunded <= amount_paid)
);
CREATE UNIQUE INDEX orders_platform ON orders (channel, platform_order_id) WHERE platform_order_id <> '';
CREATE INDEX orders_ordered_at ON orders (ordered_at, id);
CREATE INDEX orders_status ON orders (status, ordered_at);
CREATE INDEX orders_channel ON orders (channel, ordered_at);
CREATE INDEX orders_payment_status ON orders (payment_status, ordered_at);
CREATE INDEX orders_customer ON orders (customer_id, ordered_at);
CREATE INDEX orders_customer_name ON orders (customer_name, ordered_at);
CREATE INDEX orders_payable ON orders (payable, ordered_at);
CREATE INDEX orders_phone ON orders (phone_digits);

CREATE TABLE order_lines (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES orders (id),
    line_no      INTEGER NOT NULL,
    product_id   INTEGER NOT NULL REFERENCES products (id),
    sku          TEXT NOT NULL,
    name         TEXT NOT NULL,
    spec         TEXT NOT NULL DEFAULT '',
    unit         TEXT NOT NULL DEFAULT '',
    qty          INTEGER NOT NULL CHECK (qty > 0),
    unit_price   INTEGER NOT NULL CHECK (unit_price >= 0),
    discount     INTEGER NOT NULL DEFAULT 0 CHECK (discount >= 0),
    subtotal     INTEGER NOT NULL,
    qty_shipped  INTEGER NOT NULL DEFAULT 0,
    qty_returned INTEGER NOT NULL DEFAULT 0,
    CHECK (subtotal = qty * unit_price - discount),
    CHECK (qty_shipped BETWEEN 0 AND qty),
    CHECK (qty_returned BETWEEN 0 AND qty_shipped)
);
CREATE INDEX order_lines_order ON order_lines (order_id, line_no);
CREATE INDEX order_lines_product ON order_lines (product_id);

-- Free-text search over orders. Contentless: the text is built by the
-- store from the order, its lines and its shipments, and only the index
-- is kept. Chinese text is split into single characters before it gets
-- here, so a search for any part of a name matches as a phrase.
CREATE VIRTUAL TABLE order_search USING fts5 (
    body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE stock_moves (
    id               INTEGER PRIMARY KEY,
    at               TEXT NOT NULL,
    kind             TEXT NOT NULL,
    product_id       INTEGER NOT NULL REFERENCES products (id),
    warehouse_id     INTEGER NOT NULL REFERENCES warehouses (id),
    bin_id           INTEGER REFERENCES bins (id),
    on_hand_delta    INTEGER NOT NULL DEFAULT 0,
    reserved_delta   INTEGER NOT NULL DEFAULT 0,
    in_transit_delta INTEGER NOT NULL DEFAULT 0,
    order_id         INTEGER REFERENCES orders (id),
    reference        TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    actor            TEXT NOT NULL,
    expected_at      TEXT NOT NULL DEFAULT '',
    CHECK (bin_id IS NOT NULL OR (on_hand_delta = 0 AND reserved_delta = 0))
);
CREATE INDEX stock_moves_product ON stock_moves (product_id, id);
CREATE INDEX stock_moves_order ON stock_moves (order_id) WHERE order_id IS NOT NULL;

-- Levels are the ledger's sums, kept by trigger in the same statement as
-- each move, so they cannot drift from it. In-transit stock has no bin
-- yet and sits on bin 0 of its warehouse. The checks make a move that
-- would take stock below zero (or reserve more than is there) fail.
CREATE TABLE stock_levels (
    product_id   INTEGER NOT NULL,
    warehouse_id INTEGER NOT NULL,
    bin_id       INTEGER NOT NULL,
    on_hand      INTEGER NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    reserved     INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
    in_transit   INTEGER NOT NULL DEFAULT 0 CHECK (in_transit >= 0),
    PRIMARY KEY (product_id, warehouse_id, bin_id)
) WITHOUT ROWID;

CREATE TRIGGER stock_moves_apply AFTER INSERT ON stock_moves BEGIN
    INSERT OR IGNORE INTO stock_levels (product_id, warehouse_id, bin_id)
        VALUES (NEW.product_id, NEW.warehouse_id, COALESCE(NEW.bin_id, 0));
    UPDATE stock_levels
       SET on_hand = on_hand + NEW.on_hand_delta,
           reserved = reserved + NEW.reserved_delta,
           in_transit = in_transit + NEW.in_transit_delta
     WHERE product_id = NEW.product_id AND warehouse_id = NEW.warehouse_id
       AND bin_id = COALESCE(NEW.bin_id, 0);
END;
CREATE TRIGGER stock_moves_no_update BEFORE UPDATE ON stock_moves BEGIN
    SELECT RAISE(ABORT, 'the stock ledger is append-only');
END;
CREATE TRIGGER stock_moves_no_delete BEFORE DELETE ON stock_moves BEGIN
    SELECT RAISE(ABORT, 'the stock ledger is append-only');
END;

CREATE TABLE payments (
    id             INTEGER PRIMARY KEY,
    order_id       INTEGER NOT NULL REFERENCES orders (id),
    method         TEXT NOT NULL,
    amount         INTEGER NOT NULL CHECK (amount <> 0),
    at             TEXT NOT NULL,
    transaction_id TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    actor          TEXT NOT NULL
);
CREATE INDEX payments_order ON payments (order_id);
CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments BEGIN
    SELECT RAISE(ABORT, 'payments are never changed; record a correction');
END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments BEGIN
    SELECT RAISE(ABORT, 'payments are never deleted; record a correction');
END;

CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id   INTEGER NOT NULL,
    action       TEXT NOT NULL,
    summary      TEXT NOT NULL,
    before       TEXT NOT NULL DEFAULT '',
    after        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_subject ON events (subject_kind, subject_id, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN
    SELECT RAISE(ABORT, 'history is never changed');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN
    SELECT RAISE(ABORT, 'history is never deleted');
END;

CREATE TABLE tasks (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id   INTEGER NOT NULL,
    ref          TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL,
    due          TEXT NOT NULL,
    assignee     TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    done_at      TEXT NOT NULL DEFAULT '',
    done_by      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX tasks_open ON tasks (due) WHERE done_at = '';
CREATE INDEX tasks_subject ON tasks (subject_kind, subject_id);
