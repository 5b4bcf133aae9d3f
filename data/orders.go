package data

import (
	"context"
	"fmt"

	"orderdesk/app"
)

// The customer's document language is read with the order, not kept on
// it: a customer who asks for English papers gets them on a reprint too.
const orderColumns = `id, number, kind, channel, platform_order_id, COALESCE(customer_id, 0), customer_name, customer_kind,
	COALESCE((SELECT document_language FROM customers WHERE customers.id = orders.customer_id), ''),
	customer_phone, contact, recipient_name, recipient_phone, province, city, district, street, postcode, country,
	goods_total, shipping_fee, coupon_code, order_discount, payable, amount_paid, amount_refunded, amount_credited,
	payment_method, payment_status, paid_at, transaction_id, urgency, time_slot, expected_date, special_request, invoice_type,
	invoice_title, invoice_tax_id, notes, status, held_from, cancel_reason, ordered_at, created_at, updated_at,
	created_by, version, from_history, due_date, verified_by, verified_at, tax, tax_included, duties, no_prices`

func scanOrder(r scanner) (*app.Order, error) {
	var o app.Order
	var ts timeScanner
	a := &o.Address
	if err := r.Scan(&o.ID, &o.Number, &o.Kind, &o.Channel, &o.PlatformOrderID, &o.CustomerID, &o.CustomerName, &o.CustomerKind,
		&o.CustomerLanguage,
		&o.CustomerPhone, &o.Contact, &o.RecipientName, &o.RecipientPhone, &a.Province, &a.City, &a.District, &a.Street,
		&a.Postcode, &a.Country, &o.GoodsTotal, &o.ShippingFee, &o.CouponCode, &o.OrderDiscount, &o.Payable,
		&o.AmountPaid, &o.AmountRefunded, &o.AmountCredited, &o.PaymentMethod, &o.PaymentStatus, ts.at(&o.PaidAt), &o.TransactionID,
		&o.Delivery.Urgency, &o.Delivery.TimeSlot, ts.day(&o.Delivery.ExpectedDate), &o.SpecialRequest, &o.Invoice.Type,
		&o.Invoice.Title, &o.Invoice.TaxID, &o.Notes, &o.Status, &o.HeldFrom, &o.CancelReason, ts.at(&o.OrderedAt),
		ts.at(&o.CreatedAt), ts.at(&o.UpdatedAt), &o.CreatedBy, &o.Version, &o.FromHistory, ts.at(&o.DueDate),
		&o.VerifiedBy, ts.at(&o.VerifiedAt), &o.Tax, &o.TaxIncluded, &o.Duties, &o.NoPrices); err != nil {
		return nil, err
	}
	return &o, ts.parse()
}

// orderArgs are the columns written on insert and update, in the order
// of orderWriteColumns.
func orderArgs(o *app.Order) []any {
	a := o.Address
	var customer any
	if o.CustomerID != 0 {
		customer = o.CustomerID
	}
	return []any{o.Channel, o.PlatformOrderID, customer, o.CustomerName, o.CustomerKind, o.CustomerPhone, o.Contact,
		o.RecipientName, o.RecipientPhone, app.PhoneDigits(o.RecipientPhone), a.Province, a.City, a.District, a.Street,
		a.Postcode, a.Country, o.GoodsTotal, o.ShippingFee, o.CouponCode, o.OrderDiscount, o.Payable, o.AmountPaid,
		o.AmountRefunded, o.AmountCredited, o.PaymentMethod, o.PaymentStatus, fmtTime(o.PaidAt), o.TransactionID, o.Delivery.Urgency,
		o.Delivery.TimeSlot, fmtDate(o.Delivery.ExpectedDate), o.SpecialRequest, o.Invoice.Type, o.Invoice.Title,
		o.Invoice.TaxID, o.Notes, o.Status, o.HeldFrom, o.CancelReason, fmtTime(o.OrderedAt), fmtTime(o.UpdatedAt),
		o.Tax, boolInt(o.TaxIncluded), o.Duties, boolInt(o.NoPrices)}
}

// InsertOrder stores a new order, its lines and its search entry.
func (t *tx) InsertOrder(ctx context.Context, o *app.Order) error {
	kind := o.Kind
	if kind == "" {
		kind = app.KindSale
	}
	args := append([]any{o.Number, kind}, orderArgs(o)...)
	args = append(args, fmtTime(o.CreatedAt), o.CreatedBy, boolInt(o.FromHistory))
	id, err := t.insert(ctx, `INSERT INTO orders (number, kind, channel, platform_order_id, customer_id, customer_name,
		customer_kind, customer_phone, contact, recipient_name, recipient_phone, phone_digits, province, city, district,
		street, postcode, country, goods_total, shipping_fee, coupon_code, order_discount, payable, amount_paid,
		amount_refunded, amount_credited, payment_method, payment_status, paid_at, transaction_id, urgency, time_slot,
		expected_date, special_request, invoice_type, invoice_title, invoice_tax_id, notes, status, held_from, cancel_reason,
		ordered_at, updated_at, tax, tax_included, duties, no_prices, created_at, created_by, from_history, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
		args...)
	if err != nil {
		return uniqueAsField(err, "platform_order_id", "this platform order was already taken")
	}
	o.ID, o.Version, o.Kind = id, 1, kind
	if err := t.insertLines(ctx, o); err != nil {
		return err
	}
	t.indexLater(o.ID, searchBody(o, ""))
	return nil
}

func (t *tx) insertLines(ctx context.Context, o *app.Order) error {
	for i := range o.Lines {
		o.Lines[i].LineNo = i + 1
		if err := t.insertLine(ctx, o.ID, &o.Lines[i]); err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) insertLine(ctx context.Context, orderID int64, l *app.OrderLine) error {
	id, err := t.insert(ctx, `INSERT INTO order_lines (order_id, line_no, product_id, sku, name, spec, unit, kind, qty,
		unit_price, discount, subtotal, qty_shipped, qty_sent_before, qty_returned, cancelled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		orderID, l.LineNo, l.ProductID, l.SKU, l.Name, l.Spec, l.Unit, productKind(l.Kind), l.Qty, l.UnitPrice, l.Discount, l.Subtotal(),
		l.QtyShipped, l.QtySentBefore, l.QtyReturned, boolInt(l.Cancelled))
	if err != nil {
		return fmt.Errorf("line %d: %w", l.LineNo, err)
	}
	l.ID = id
	return nil
}

// saveLines updates the lines that stay (keeping their ids, which screens
// and part shipments refer to), inserts new ones and deletes the rest.
func (t *tx) saveLines(ctx context.Context, o *app.Order) error {
	rows, err := t.query(ctx, `SELECT id FROM order_lines WHERE order_id = ?`, o.ID)
	if err != nil {
		return err
	}
	stale := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		stale[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for i := range o.Lines {
		l := &o.Lines[i]
		l.LineNo = i + 1
		if !stale[l.ID] {
			l.ID = 0
			continue
		}
		delete(stale, l.ID)
		if _, err := t.exec(ctx, `UPDATE order_lines SET line_no = ?, product_id = ?, sku = ?, name = ?, spec = ?, unit = ?,
			kind = ?, qty = ?, unit_price = ?, discount = ?, subtotal = ?, qty_shipped = ?, qty_sent_before = ?, qty_returned = ?, cancelled = ? WHERE id = ?`,
			l.LineNo, l.ProductID, l.SKU, l.Name, l.Spec, l.Unit, productKind(l.Kind), l.Qty, l.UnitPrice, l.Discount, l.Subtotal(),
			l.QtyShipped, l.QtySentBefore, l.QtyReturned, boolInt(l.Cancelled), l.ID); err != nil {
			return fmt.Errorf("line %d: %w", l.LineNo, err)
		}
	}
	for id := range stale {
		if _, err := t.exec(ctx, `DELETE FROM line_decisions WHERE order_line_id = ?`, id); err != nil {
			return err
		}
		if _, err := t.exec(ctx, `DELETE FROM order_lines WHERE id = ?`, id); err != nil {
			return err
		}
	}
	for i := range o.Lines {
		if o.Lines[i].ID == 0 {
			if err := t.insertLine(ctx, o.ID, &o.Lines[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// UpdateOrder stores the order's fields and lines if its version still
// matches, and refreshes its search entry.
func (t *tx) UpdateOrder(ctx context.Context, o *app.Order) error {
	args := append(orderArgs(o), o.VerifiedBy, fmtTime(o.VerifiedAt), o.ID, o.Version)
	res, err := t.exec(ctx, `UPDATE orders SET channel = ?, platform_order_id = ?, customer_id = ?, customer_name = ?,
		customer_kind = ?, customer_phone = ?, contact = ?, recipient_name = ?, recipient_phone = ?, phone_digits = ?,
		province = ?, city = ?, district = ?, street = ?, postcode = ?, country = ?, goods_total = ?, shipping_fee = ?,
		coupon_code = ?, order_discount = ?, payable = ?, amount_paid = ?, amount_refunded = ?, amount_credited = ?, payment_method = ?,
		payment_status = ?, paid_at = ?, transaction_id = ?, urgency = ?, time_slot = ?, expected_date = ?,
		special_request = ?, invoice_type = ?, invoice_title = ?, invoice_tax_id = ?, notes = ?, status = ?,
		held_from = ?, cancel_reason = ?, ordered_at = ?, updated_at = ?, tax = ?, tax_included = ?, duties = ?,
		no_prices = ?, verified_by = ?, verified_at = ?,
		version = version + 1 WHERE id = ? AND version = ?`, args...)
	if err != nil {
		return uniqueAsField(err, "platform_order_id", "this platform order was already taken")
	}
	if err := expectOne(res, "order", o.ID); err != nil {
		return err
	}
	o.Version++
	if err := t.saveLines(ctx, o); err != nil {
		return err
	}
	var tracking string
	if err := t.queryRow(ctx, `SELECT tracking_numbers FROM orders WHERE id = ?`, o.ID).Scan(&tracking); err != nil {
		return storageError(err)
	}
	if _, err := t.exec(ctx, `DELETE FROM order_search WHERE rowid = ?`, o.ID); err != nil {
		return err
	}
	t.indexLater(o.ID, searchBody(o, tracking))
	return nil
}

// UpdateOrderStatus stores a step of the order's life (status, hold,
// reason, due date) without rewriting its lines or search entry, which a
// step does not change.
func (t *tx) UpdateOrderStatus(ctx context.Context, o *app.Order) error {
	res, err := t.exec(ctx, `UPDATE orders SET status = ?, held_from = ?, cancel_reason = ?, due_date = ?, updated_at = ?,
		verified_by = ?, verified_at = ?, version = version + 1 WHERE id = ? AND version = ?`, o.Status, o.HeldFrom,
		o.CancelReason, fmtTime(o.DueDate), fmtTime(o.UpdatedAt), o.VerifiedBy, fmtTime(o.VerifiedAt), o.ID, o.Version)
	if err != nil {
		return err
	}
	if err := expectOne(res, "order", o.ID); err != nil {
		return err
	}
	o.Version++
	return nil
}

// Order returns one order with its lines.
func (t *tx) Order(ctx context.Context, id int64) (*app.Order, error) {
	o, err := scanOrder(t.queryRow(ctx, `SELECT `+orderColumns+` FROM orders WHERE id = ?`, id))
	if isNoRows(err) {
		return nil, notFound("order", id)
	}
	if err != nil {
		return nil, storageError(err)
	}
	return o, t.loadLines(ctx, o)
}

// OrderByNumber returns the order with that number.
func (t *tx) OrderByNumber(ctx context.Context, number string) (*app.Order, error) {
	o, err := scanOrder(t.queryRow(ctx, `SELECT `+orderColumns+` FROM orders WHERE number = ?`, number))
	if isNoRows(err) {
		return nil, notFound("order", number)
	}
	if err != nil {
		return nil, storageError(err)
	}
	return o, t.loadLines(ctx, o)
}

// loadLines reads the order's lines with their product's name in the
// other language as it is now: a translation of the product, not a fact
// of the sale, so every order has it without a copy per line, and a
// name corrected later prints on a reprint.
func (t *tx) loadLines(ctx context.Context, o *app.Order) error {
	rows, err := t.query(ctx, `SELECT id, line_no, product_id, sku, name,
		COALESCE((SELECT alt_name FROM products WHERE products.id = order_lines.product_id), ''), spec, unit, kind, qty,
		unit_price, discount, qty_shipped, qty_sent_before, qty_returned, cancelled FROM order_lines WHERE order_id = ?
		ORDER BY line_no`, o.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	o.Lines = nil
	for rows.Next() {
		var l app.OrderLine
		if err := rows.Scan(&l.ID, &l.LineNo, &l.ProductID, &l.SKU, &l.Name, &l.AltName, &l.Spec, &l.Unit, &l.Kind, &l.Qty, &l.UnitPrice,
			&l.Discount, &l.QtyShipped, &l.QtySentBefore, &l.QtyReturned, &l.Cancelled); err != nil {
			return err
		}
		o.Lines = append(o.Lines, l)
	}
	return rows.Err()
}

// CountOrders counts every order.
func (t *tx) CountOrders(ctx context.Context) (int64, error) {
	var n int64
	err := t.queryRow(ctx, `SELECT count(*) FROM orders`).Scan(&n)
	return n, storageError(err)
}
