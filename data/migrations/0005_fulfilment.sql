-- Fulfilment (R-31..R-39): what was decided about short lines, the
-- verified pick, shipments with their packages, carrier rules, and the
-- settings for the pick check and sign-off.

-- A line the shop decided not to send (R-32) stays on the order for the
-- record but counts for nothing: no money, no stock.
ALTER TABLE order_lines ADD COLUMN cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1));

-- The second person who checked the pick (R-35); empty until checked.
ALTER TABLE orders ADD COLUMN verified_by TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN verified_at TEXT NOT NULL DEFAULT '';

-- The Fulfilment queues read orders between confirming and shipping
-- through this index alone, never the million finished ones; its WHERE
-- is repeated word for word by the queries (fulfilmentOpen in the store).
CREATE INDEX orders_fulfilment ON orders (status, verified_at, urgency, ordered_at)
    WHERE status IN ('confirmed', 'allocated', 'picking', 'partly_shipped');

ALTER TABLE shop ADD COLUMN verify_picks INTEGER NOT NULL DEFAULT 1;
ALTER TABLE shop ADD COLUMN complete_on_signoff INTEGER NOT NULL DEFAULT 1;

-- What the shop decided for a line it could not cover from stock: the
-- latest decision per line; the history keeps the earlier ones.
CREATE TABLE line_decisions (
    order_line_id  INTEGER PRIMARY KEY REFERENCES order_lines (id),
    order_id       INTEGER NOT NULL REFERENCES orders (id),
    kind           TEXT NOT NULL CHECK (kind IN ('backorder', 'ship_available', 'substitute', 'cancel_line')),
    short_qty      INTEGER NOT NULL CHECK (short_qty >= 0),
    expected_date  TEXT NOT NULL DEFAULT '',
    substitute_for TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    at             TEXT NOT NULL,
    actor          TEXT NOT NULL
);
CREATE INDEX line_decisions_order ON line_decisions (order_id);

CREATE TABLE shipments (
    id              INTEGER PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,
    order_id        INTEGER NOT NULL REFERENCES orders (id),
    warehouse_id    INTEGER REFERENCES warehouses (id),
    status          TEXT NOT NULL CHECK (status IN ('to_pack', 'packed', 'shipped', 'delivered', 'returned', 'cancelled', 'closed')),
    recipient_name  TEXT NOT NULL DEFAULT '',
    recipient_phone TEXT NOT NULL DEFAULT '',
    province        TEXT NOT NULL DEFAULT '',
    city            TEXT NOT NULL DEFAULT '',
    district        TEXT NOT NULL DEFAULT '',
    street          TEXT NOT NULL DEFAULT '',
    postcode        TEXT NOT NULL DEFAULT '',
    country         TEXT NOT NULL DEFAULT '',
    carrier         TEXT NOT NULL DEFAULT '',
    service         TEXT NOT NULL DEFAULT '',
    tracking_number TEXT NOT NULL DEFAULT '',
    resend_of       INTEGER REFERENCES shipments (id),
    problem         TEXT NOT NULL DEFAULT '',
    problem_note    TEXT NOT NULL DEFAULT '',
    problem_at      TEXT NOT NULL DEFAULT '',
    packed_at       TEXT NOT NULL DEFAULT '',
    packed_by       TEXT NOT NULL DEFAULT '',
    shipped_at      TEXT NOT NULL DEFAULT '',
    delivered_at    TEXT NOT NULL DEFAULT '',
    signer          TEXT NOT NULL DEFAULT '',
    sign_remarks    TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX shipments_order ON shipments (order_id);
CREATE INDEX shipments_status ON shipments (status, shipped_at);
CREATE INDEX shipments_problem ON shipments (problem_at) WHERE problem <> '';
CREATE INDEX shipments_tracking ON shipments (tracking_number) WHERE tracking_number <> '';

-- Which order lines (of one or several orders, when merged) went in the
-- shipment, and how many units of each.
CREATE TABLE shipment_lines (
    shipment_id   INTEGER NOT NULL REFERENCES shipments (id),
    order_id      INTEGER NOT NULL REFERENCES orders (id),
    order_line_id INTEGER NOT NULL REFERENCES order_lines (id),
    product_id    INTEGER NOT NULL REFERENCES products (id),
    qty           INTEGER NOT NULL CHECK (qty > 0),
    PRIMARY KEY (shipment_id, order_line_id)
) WITHOUT ROWID;
CREATE INDEX shipment_lines_order ON shipment_lines (order_id);

CREATE TABLE packages (
    shipment_id  INTEGER NOT NULL REFERENCES shipments (id),
    no           INTEGER NOT NULL CHECK (no > 0),
    weight_grams INTEGER NOT NULL DEFAULT 0 CHECK (weight_grams >= 0),
    length_mm    INTEGER NOT NULL DEFAULT 0 CHECK (length_mm >= 0),
    width_mm     INTEGER NOT NULL DEFAULT 0 CHECK (width_mm >= 0),
    height_mm    INTEGER NOT NULL DEFAULT 0 CHECK (height_mm >= 0),
    material     TEXT NOT NULL DEFAULT '',
    fragile      INTEGER NOT NULL DEFAULT 0,
    keep_dry     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (shipment_id, no)
) WITHOUT ROWID;

-- Which carrier a shipment should go with (R-37): the first rule, by
-- position, whose limits the shipment meets.
CREATE TABLE carrier_rules (
    id               INTEGER PRIMARY KEY,
    position         INTEGER NOT NULL,
    carrier          TEXT NOT NULL CHECK (carrier <> ''),
    service          TEXT NOT NULL DEFAULT '',
    max_weight_grams INTEGER NOT NULL DEFAULT 0 CHECK (max_weight_grams >= 0),
    destinations     TEXT NOT NULL DEFAULT '',
    urgency          TEXT NOT NULL DEFAULT '' CHECK (urgency IN ('', 'standard', 'urgent'))
);
