-- An order collected at the counter is handed over, not sent: its
-- shipment is marked so no label, driver's list or platform tracking
-- file counts it as a parcel.
ALTER TABLE shipments ADD COLUMN handed_over INTEGER NOT NULL DEFAULT 0 CHECK (handed_over IN (0, 1));

-- A gift or a marketplace order whose packing slip names no money, even
-- in a batch printed with prices.
ALTER TABLE orders ADD COLUMN no_prices INTEGER NOT NULL DEFAULT 0 CHECK (no_prices IN (0, 1));
