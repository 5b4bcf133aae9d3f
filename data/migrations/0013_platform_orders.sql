-- What platforms charge beside goods and shipping. tax is the tax the
-- platform charged: inside the prices when tax_included (VAT shops, shown
-- only), otherwise added on top and part of what the order asks, as are
-- duties the buyer paid with the order.
ALTER TABLE orders ADD COLUMN tax INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN tax_included INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN duties INTEGER NOT NULL DEFAULT 0;

-- What an order asks now counts them: the table's CHECK is rewritten in
-- place, as sqlite.org's "Making Other Kinds Of Table Schema Changes"
-- describes for constraints that every row already meets (tax and
-- duties are 0 on every existing order), so no row is copied.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (payable = goods_total + shipping_fee - order_discount)',
       'CHECK (payable = goods_total + shipping_fee - order_discount + CASE WHEN tax_included = 1 THEN 0 ELSE tax END + duties)')
 WHERE type = 'table' AND name = 'orders';
PRAGMA writable_schema = RESET;

-- How a platform's item without a usable SKU finds the shop's product: by
-- the platform's own item id ("id:" + variant, product or listing id), or
-- by its title and variant ("title:" + both, folded), per channel. Kept
-- when an import makes a product for such an item, so the next import
-- finds it.
CREATE TABLE product_listings (
    channel    TEXT NOT NULL,
    listing    TEXT NOT NULL,
    product_id INTEGER NOT NULL REFERENCES products (id),
    PRIMARY KEY (channel, listing)
);
CREATE INDEX product_listings_product ON product_listings (product_id);
