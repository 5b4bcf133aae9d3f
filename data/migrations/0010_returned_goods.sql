-- Goods that came back settling an unpaid order are booked as payments in
-- kind (method returned_goods). They are few; this index finds them
-- without reading every payment, so reports can tell them from money.
CREATE INDEX payments_returned_goods ON payments (order_id) WHERE method = 'returned_goods';
