-- After-sales (R-50..R-54) and complaints (R-60).

-- One after-sales problem of one order: number YYYYMM-RNNN.
CREATE TABLE cases (
    id                 INTEGER PRIMARY KEY,
    number             TEXT NOT NULL UNIQUE,
    order_id           INTEGER NOT NULL REFERENCES orders (id),
    kind               TEXT NOT NULL CHECK (kind IN ('return_refund', 'exchange', 'resend', 'partial_refund', 'undeliverable')),
    reason             TEXT NOT NULL,
    details            TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'received', 'rejected', 'closed')),
    within_window      INTEGER NOT NULL DEFAULT 0,
    packaging_intact   INTEGER NOT NULL DEFAULT 0,
    shop_pays_shipping INTEGER NOT NULL DEFAULT 0,
    refund_amount      INTEGER NOT NULL DEFAULT 0 CHECK (refund_amount >= 0),
    refunded           INTEGER NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= refund_amount),
    exchange           TEXT NOT NULL DEFAULT '',
    linked_order_id    INTEGER REFERENCES orders (id),
    shipment_id        INTEGER REFERENCES shipments (id),
    complaint_id       INTEGER,
    decision_note      TEXT NOT NULL DEFAULT '',
    requested_at       TEXT NOT NULL,
    decided_at         TEXT NOT NULL DEFAULT '',
    received_at        TEXT NOT NULL DEFAULT '',
    closed_at          TEXT NOT NULL DEFAULT '',
    created_by         TEXT NOT NULL DEFAULT '',
    version            INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX cases_order ON cases (order_id);
CREATE INDEX cases_status ON cases (status, requested_at);
CREATE INDEX cases_requested ON cases (requested_at, id);

-- The units of each order line a case is about, and what the inspection
-- found and did with them.
CREATE TABLE case_lines (
    case_id       INTEGER NOT NULL REFERENCES cases (id),
    order_line_id INTEGER NOT NULL REFERENCES order_lines (id),
    product_id    INTEGER NOT NULL REFERENCES products (id),
    qty           INTEGER NOT NULL CHECK (qty > 0),
    qty_received  INTEGER NOT NULL DEFAULT 0 CHECK (qty_received BETWEEN 0 AND qty),
    condition     TEXT NOT NULL DEFAULT '',
    disposition   TEXT NOT NULL DEFAULT '' CHECK (disposition IN ('', 'restock', 'scrap', 'supplier')),
    bin_id        INTEGER REFERENCES bins (id),
    PRIMARY KEY (case_id, order_line_id)
) WITHOUT ROWID;

-- A registered complaint: number YYYYMM-TNNN.
CREATE TABLE complaints (
    id            INTEGER PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE,
    complainant   TEXT NOT NULL,
    contact       TEXT NOT NULL DEFAULT '',
    received_at   TEXT NOT NULL,
    order_id      INTEGER REFERENCES orders (id),
    product_id    INTEGER REFERENCES products (id),
    content       TEXT NOT NULL,
    expected      TEXT NOT NULL DEFAULT '',
    category      TEXT NOT NULL CHECK (category IN ('quality', 'logistics', 'attitude', 'wrong_order')),
    department    TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'investigating', 'resolved', 'closed')),
    investigation TEXT NOT NULL DEFAULT '',
    resolution    TEXT NOT NULL DEFAULT '',
    compensation  INTEGER NOT NULL DEFAULT 0 CHECK (compensation >= 0),
    satisfaction  TEXT NOT NULL DEFAULT '',
    case_id       INTEGER REFERENCES cases (id),
    accepted_at   TEXT NOT NULL DEFAULT '',
    resolved_at   TEXT NOT NULL DEFAULT '',
    closed_at     TEXT NOT NULL DEFAULT '',
    created_by    TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX complaints_order ON complaints (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX complaints_status ON complaints (status, received_at);
CREATE INDEX complaints_received ON complaints (received_at, id);
