-- Which parcels were written, with which tracking number, in a file for
-- which platform (orderdesk export shipments; Fulfilment, Tracking for
-- platforms), so that a file made every day holds only the new ones. A
-- parcel holding two orders of one buyer is written once per order; a
-- parcel whose tracking number changed since counts as not written.
CREATE TABLE tracking_exports (
    platform        TEXT NOT NULL,
    shipment_id     INTEGER NOT NULL REFERENCES shipments (id),
    order_id        INTEGER NOT NULL REFERENCES orders (id),
    tracking_number TEXT NOT NULL,
    exported_at     TEXT NOT NULL,
    actor           TEXT NOT NULL,
    PRIMARY KEY (platform, shipment_id, order_id, tracking_number)
) WITHOUT ROWID;

-- The parcels that left with a tracking number, by when: what a day's
-- file reads.
CREATE INDEX shipments_shipped ON shipments (shipped_at) WHERE tracking_number <> '';
