-- Units a platform had already sent before the order was imported (a
-- partly fulfilled Shopify order, say). They count as shipped on the line
-- but never left through this shop's stock ledger, so the shop check
-- compares the ledger with qty_shipped less these.
ALTER TABLE order_lines ADD COLUMN qty_sent_before INTEGER NOT NULL DEFAULT 0 CHECK (qty_sent_before >= 0);
