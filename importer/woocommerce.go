package importer

import (
	"regexp"
	"strconv"
	"strings"

	"orderdesk/app"
)

// WooCommerce has no order export of its own; shops use a plugin, and the
// preset reads the common ones by their column names:
//
//   - AlgolPlus "Advanced Order Export For WooCommerce", default fields:
//     "Order Number", "Order Date", "First Name (Billing)", …, "SKU",
//     "Item Name", "Quantity (- Refund)", "Item Cost" (the price of one),
//     "Order Shipping Amount", "Cart Discount Amount", "Order Total Amount";
//   - the snake_case one-row-per-item layouts (WooCommerce's
//     Customer/Order/Coupon Export "one row per item", and plugins close to
//     it): order_number, order_date, status, order_currency, shipping_total,
//     tax_total, discount_total, order_total, billing_first_name, …,
//     sku or item_sku, product_name or item_name, quantity or item_quantity,
//     item_total (the line's total after coupons, not a price of one);
//   - the one-row-per-order layouts with the items packed in a cell:
//     line_items ("id:1|name:Mug|sku:M1|quantity:2|subtotal:20.00|
//     total:18.00;id:2|…", Customer/Order/Coupon Export) or line_item_1,
//     line_item_2, … ("name:Mug|product_id:12|sku:M1|quantity:2|
//     total:18.00|sub_total:20.00|tax:0.00", WebToffee Order Export).
//
// The order's own fields may be on every row or on its first row only;
// rows with no order number continue the order above.
var wooFields = map[string][]string{
	"id":            {"Order Number", "order_number", "Order ID", "order_id", "Order #", "Order No"},
	"date":          {"Order Date", "order_date", "Date Created", "date_created", "date", "Created"},
	"status":        {"Order Status", "status"},
	"currency":      {"Order Currency", "order_currency", "Currency"},
	"paid":          {"Paid Date", "paid_date", "Date Paid", "date_paid", "Order Paid Date"},
	"note":          {"Customer Note", "customer_note", "Customer Provided Note"},
	"payment":       {"Payment Method Title", "payment_method_title", "Payment Method", "payment_method"},
	"txn":           {"Transaction ID", "transaction_id"},
	"coupon":        {"Coupon Code", "coupon_code", "Coupons", "Coupon", "Coupon Codes"},
	"couponItems":   {"coupon_items", "Coupon Items"},
	"shipping":      {"Order Shipping Amount", "shipping_total", "Order Shipping", "order_shipping", "Shipping Total", "Shipping Amount"},
	"shippingTax":   {"Order Shipping Tax Amount", "shipping_tax_total", "order_shipping_tax", "Shipping Tax Total", "Shipping Tax"},
	"tax":           {"Order Total Tax Amount", "tax_total", "order_tax", "Order Tax", "Total Tax", "Tax Total"},
	"discount":      {"Cart Discount Amount", "discount_total", "Order Discount Amount", "Discount Total", "Discount Amount"},
	"cartDiscount":  {"cart_discount"},
	"orderDiscount": {"order_discount"},
	"fee":           {"Order Fee Amount", "fee_total", "Fee Total", "Order Fees"},
	"feeTax":        {"Order Fee Tax Amount", "fee_tax_total", "Fee Tax Total"},
	"total":         {"Order Total Amount", "order_total", "Order Total", "Total"},
	"refund":        {"Order Refund Amount", "refunded_total", "order_refund", "Refund Amount", "Refunded Total"},

	"bFirst":   {"First Name (Billing)", "billing_first_name", "Billing First Name"},
	"bLast":    {"Last Name (Billing)", "billing_last_name", "Billing Last Name"},
	"bName":    {"Full Name (Billing)", "billing_full_name", "Billing Full Name", "Billing Name"},
	"bCompany": {"Company (Billing)", "billing_company", "Billing Company"},
	"email":    {"Email (Billing)", "billing_email", "customer_email", "Customer Email", "Billing Email", "Email"},
	"phone":    {"Phone (Billing)", "billing_phone", "Billing Phone", "Phone"},
	"bAddr":    {"Address 1&2 (Billing)", "Billing Address", "billing_address"},
	"bAddr1":   {"Address 1 (Billing)", "billing_address_1", "Billing Address 1"},
	"bAddr2":   {"Address 2 (Billing)", "billing_address_2", "Billing Address 2"},
	"bCity":    {"City (Billing)", "billing_city", "Billing City"},
	"bState":   {"State Code (Billing)", "billing_state", "billing_state_code", "State (Billing)", "Billing State"},
	"bPost":    {"Postcode (Billing)", "billing_postcode", "Billing Postcode", "Billing Zip"},
	"bCountry": {"Country Code (Billing)", "billing_country", "Country (Billing)", "Billing Country"},
	"sFirst":   {"First Name (Shipping)", "shipping_first_name", "Shipping First Name"},
	"sLast":    {"Last Name (Shipping)", "shipping_last_name", "Shipping Last Name"},
	"sName":    {"Full Name (Shipping)", "shipping_full_name", "Shipping Full Name", "Shipping Name"},
	"sCompany": {"Company (Shipping)", "shipping_company", "Shipping Company"},
	"sPhone":   {"Phone (Shipping)", "shipping_phone", "Shipping Phone"},
	"sAddr":    {"Address 1&2 (Shipping)", "Shipping Address", "shipping_address"},
	"sAddr1":   {"Address 1 (Shipping)", "shipping_address_1", "Shipping Address 1"},
	"sAddr2":   {"Address 2 (Shipping)", "shipping_address_2", "Shipping Address 2"},
	"sCity":    {"City (Shipping)", "shipping_city", "Shipping City"},
	"sState":   {"State Code (Shipping)", "shipping_state", "shipping_state_code", "State (Shipping)", "Shipping State"},
	"sPost":    {"Postcode (Shipping)", "shipping_postcode", "Shipping Postcode", "Shipping Zip"},
	"sCountry": {"Country Code (Shipping)", "shipping_country", "Country (Shipping)", "Shipping Country"},

	"sku":  {"SKU", "item_sku", "Product SKU", "Item SKU"},
	"name": {"Item Name", "item_name", "product_name", "Product Name", "Item"},
	// The quantity bought; "Quantity (- Refund)" is what remained after
	// refunds, read only when the file has no other.
	"qty":          {"Quantity", "item_quantity", "Qty", "Quantity (- Refund)"},
	"price":        {"Item Cost", "item_price", "Item Price", "Product Price", "Unit Price", "item_cost", "Price"},
	"lineSubtotal": {"Order Line Subtotal", "item_subtotal", "line_subtotal", "Item Subtotal", "Line Subtotal"},
	"lineTotal":    {"Order Line Total", "item_total", "line_total", "Item Total", "Line Total", "Order Line (w/o tax)"},
	"productID":    {"Product ID", "product_id", "item_product_id"},
	"variationID":  {"Variation ID", "variation_id", "item_variation_id"},
	"spec":         {"Variation", "item_variation", "Item Variation"},
	"lineItems":    {"line_items", "Line Items"},
}

// parseWoo reads a WooCommerce order export (see wooFields).
func parseWoo(tables []Table, opt Options) (Parsed, error) {
	out := Parsed{Channel: app.ChannelWoo}
	for _, t := range tables {
		cols := findColumns(t, wooFields)
		packed := wooPackedColumns(t)
		if cols["lineItems"] >= 0 {
			packed = append([]int{cols["lineItems"]}, packed...)
		}
		missing := missingOf(cols, wooFields, "id", "date")
		if len(packed) == 0 {
			missing = append(missing, missingOf(cols, wooFields, "qty")...)
			if cols["sku"] < 0 && cols["name"] < 0 {
				missing = append(missing, "SKU or Item Name")
			}
			if cols["price"] < 0 && cols["lineTotal"] < 0 && cols["lineSubtotal"] < 0 {
				missing = append(missing, "Item Cost or item_total")
			}
		}
		if len(missing) > 0 {
			return out, &MissingColumnsError{Preset: PresetWooCommerce, Missing: missing}
		}
		p, err := newParser(opt, tables, t)
		if err != nil {
			return out, err
		}
		for i, c := range packed {
			cols["packed"+strconv.Itoa(i)] = c
		}
		p.reading(t, cols)
		if err := p.readDates(t, cols["date"], orderDayFirstDefault); err != nil {
			return out, err
		}
		out.collect(t, p, groupContinued(t, cols["id"]), "an order number", func(g *orderGroup) (app.ImportOrder, bool) {
			return p.wooOrder(g, cols, packed)
		})
	}
	return out, nil
}

// wooPackedColumns are WebToffee's line_item_1, line_item_2, … columns.
func wooPackedColumns(t Table) []int {
	var cols []int
	for i, h := range t.Header {
		k := headerKey(h)
		if n, ok := strings.CutPrefix(k, "lineitem"); ok && n != "" && strings.Trim(n, "0123456789") == "" {
			cols = append(cols, i)
		}
	}
	return cols
}

// wooOrder reads one order's rows; it reports whether they read cleanly.
func (p *parser) wooOrder(g *orderGroup, cols map[string]int, packed []int) (app.ImportOrder, bool) {
	rows := g.rows
	first := rows[0]
	get := func(name string) string { return orderCell(rows, cols, name) }
	id := strings.TrimPrefix(g.id, "#")
	o := app.ImportOrder{Row: first.Line, Sheet: p.sheet, PlatformOrderID: id, Currency: strings.ToUpper(get("currency"))}
	ok := true
	if at, good := p.when(first.Line, id, get("date")); good {
		o.OrderedAt = at
	} else {
		ok = false
	}

	billing := firstNonEmpty(joinName(get("bFirst"), get("bLast")), get("bName"))
	o.Customer = app.ImportCustomer{Name: firstNonEmpty(get("bCompany"), billing), Email: get("email"), Phone: get("phone")}
	if o.Customer.Name != billing && billing != "" {
		o.Contact = billing
	}
	o.RecipientName = firstNonEmpty(joinName(get("sFirst"), get("sLast")), get("sName"), get("sCompany"), billing)
	o.RecipientPhone = firstNonEmpty(get("sPhone"), o.Customer.Phone)
	side := "s"
	if get("sAddr") == "" && get("sAddr1") == "" && get("sCity") == "" {
		side = "b"
	}
	o.Address = app.Address{Province: get(side + "State"), City: get(side + "City"),
		Street:   firstNonEmpty(get(side+"Addr"), joinName(get(side+"Addr1"), get(side+"Addr2"))),
		Postcode: get(side + "Post"), Country: countryCode(get(side + "Country"))}
	if side == "s" && get("bAddr1")+get("bAddr") != "" {
		o.Customer.Address = app.Address{Province: get("bState"), City: get("bCity"),
			Street:   firstNonEmpty(get("bAddr"), joinName(get("bAddr1"), get("bAddr2"))),
			Postcode: get("bPost"), Country: countryCode(get("bCountry"))}
	}
	o.SpecialRequest = get("note")
	o.CouponCode = firstNonEmpty(get("coupon"), packedCodes(get("couponItems")))
	o.PaymentMethod = paymentMethodOf(get("payment"))
	o.TransactionID = get("txn")

	status := strings.ToLower(strings.TrimSpace(get("status")))
	status = strings.ReplaceAll(strings.TrimPrefix(status, "wc-"), " ", "-")
	shipped := ""
	switch status {
	case "completed", "shipped", "delivered":
		shipped = ShippedAll
	}

	// The lines: from the rows, or packed in the order's cells.
	lineTotals := false
	if len(packed) > 0 {
		if p.unreadable(first, id) {
			ok = false
		}
		for _, c := range packed {
			for _, item := range packedItems(first.Cells[c]) {
				cells, total := p.wooPackedLine(item)
				cells.Shipped = shipped
				lineTotals = lineTotals || total
				ok = p.addLine(&o, first, cells) && ok
			}
		}
	} else {
		for _, r := range rows {
			if p.unreadable(r, id) {
				ok = false
				continue
			}
			c := func(name string) string { return cell(r, cols, name) }
			if c("sku") == "" && c("name") == "" && c("qty") == "" {
				continue // an order-only row
			}
			cells := lineCells{SKU: c("sku"), Name: c("name"), Spec: c("spec"), Qty: c("qty"),
				ListingID: wooListing(c("productID"), c("variationID")), Shipped: shipped}
			switch sub, tot := c("lineSubtotal"), c("lineTotal"); {
			case c("price") != "":
				cells.UnitPrice = c("price")
			case sub != "" && tot != "":
				// The line before and after coupons: the difference is
				// the line's discount.
				s, good1 := p.money(r.Line, id, FieldLineTotal, sub)
				t, good2 := p.money(r.Line, id, FieldLineTotal, tot)
				ok = ok && good1 && good2
				cells.LineTotal, cells.Discount = sub, p.moneyText(max(s-t, 0))
				lineTotals = true
			default:
				cells.LineTotal = firstNonEmpty(tot, sub)
				lineTotals = lineTotals || tot != ""
			}
			ok = p.addLine(&o, r, cells) && ok
		}
	}
	if len(o.Lines) == 0 && ok {
		p.bad(first.Line, id, FieldSKU, "order %s has no items", id)
		ok = false
	}

	var a amounts
	var good bool
	read := func(field Field, name string) app.Money {
		m, g := p.money(first.Line, id, field, get(name))
		good = good && g
		return m
	}
	good = true
	shipping, shippingTax := read(FieldShipping, "shipping"), read(FieldShipping, "shippingTax")
	fee, feeTax := read(FieldShipping, "fee"), read(FieldShipping, "feeTax")
	tax := read(Field("tax"), "tax")
	discount := read(FieldDiscount, "discount")
	if cols["discount"] < 0 {
		discount = read(FieldDiscount, "cartDiscount") + read(FieldDiscount, "orderDiscount")
	}
	a.total, a.hasTotal = read(FieldPaid, "total"), get("total") != ""
	a.refund = abs(read(FieldPaid, "refund"))
	ok = ok && good
	// Fees are charges beside the goods (cash on delivery, gift wrap);
	// a negative fee is a discount.
	a.shipping, a.discount = shipping+max(fee, 0), abs(discount)-min(fee, 0)
	a.taxes = []app.Money{tax, tax + shippingTax, tax + shippingTax + feeTax}
	a.discountInside = lineTotals
	res := p.reckon(&o, first.Line, a)
	paid := payable(&o)
	if res.netOfRefund {
		a.refund = 0 // the lines are what was kept: the refund is outside them
	}

	switch status {
	case "completed":
		o.Status, o.Paid = app.StatusCompleted, paid
	case "processing", "partial-shipped", "partially-shipped":
		// Processing is paid, save cash on delivery: paid on arrival
		// (WooCommerce dates it paid when it turns processing all the
		// same).
		o.Status = app.StatusPendingReview
		if o.PaymentMethod != app.PayCOD {
			o.Paid = paid
		}
	case "shipped":
		o.Status, o.Paid = app.StatusShipped, paid
	case "delivered":
		o.Status, o.Paid = app.StatusDelivered, paid
	case "cancelled", "canceled":
		o.Status, o.CancelReason = app.StatusCancelled, "cancelled in WooCommerce"
	case "failed":
		o.Status, o.CancelReason = app.StatusCancelled, "payment failed in WooCommerce"
	case "refunded":
		o.Status, o.CancelReason, o.Paid = app.StatusCancelled, "refunded in WooCommerce", paid
		a.refund = firstMoney(a.refund, paid)
	default: // pending payment, on hold (awaiting a transfer or cheque), draft
		o.Status = app.StatusPendingReview
		if get("paid") != "" && status != "pending" && status != "on-hold" && status != "pending-payment" {
			o.Paid = paid
		}
	}
	if o.Paid > 0 {
		o.Refunded = min(a.refund, o.Paid)
		if at, good := p.whenQuiet(get("paid")); good {
			o.PaidAt = at
		}
	}
	return o, ok
}

// wooListing is the platform's id of the item: its variation, else its
// product ("0" is none).
func wooListing(product, variation string) string {
	if variation != "" && variation != "0" {
		return variation
	}
	if product == "0" {
		return ""
	}
	return product
}

// wooPackedLine reads a packed item's fields; it reports whether its
// price is a line total after coupons.
func (p *parser) wooPackedLine(item map[string]string) (lineCells, bool) {
	c := lineCells{SKU: item["sku"], Name: item["name"], Qty: firstNonEmpty(item["quantity"], item["qty"]),
		ListingID: wooListing(item["product_id"], item["variation_id"])}
	sub := firstNonEmpty(item["subtotal"], item["sub_total"], item["line_subtotal"])
	total := firstNonEmpty(item["total"], item["line_total"])
	if s, err := p.currency.ParseMoney(sub); err == nil && sub != "" {
		if t, err := p.currency.ParseMoney(total); err == nil && total != "" && t <= s {
			c.LineTotal, c.Discount = sub, p.moneyText(s-t)
			return c, true
		}
	}
	c.LineTotal = firstNonEmpty(total, sub)
	return c, total != ""
}

var packedKey = regexp.MustCompile(`^[a-z_]+:`)

// packedItems splits a packed items cell: items by ";", fields by "|",
// each field "key:value". A ";" or "|" inside a value (a product name, a
// meta value) stays in it: only a fragment that starts with a key begins
// a new item or field.
func packedItems(s string) []map[string]string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	var raw []string
	for _, part := range strings.Split(s, ";") {
		if len(raw) > 0 && !packedKey.MatchString(strings.TrimSpace(part)) {
			raw[len(raw)-1] += ";" + part
			continue
		}
		raw = append(raw, part)
	}
	var items []map[string]string
	for _, r := range raw {
		item := map[string]string{}
		last := ""
		for _, f := range strings.Split(r, "|") {
			if k, v, found := strings.Cut(f, ":"); found && packedKey.MatchString(strings.TrimSpace(f)) {
				last = strings.TrimSpace(k)
				item[last] = strings.TrimSpace(v)
				continue
			}
			if last != "" {
				item[last] += "|" + f
			}
		}
		if len(item) > 0 {
			items = append(items, item)
		}
	}
	return items
}

// packedCodes are the coupon codes of a coupon_items cell.
func packedCodes(s string) string {
	var codes []string
	for _, item := range packedItems(s) {
		if c := item["code"]; c != "" {
			codes = append(codes, c)
		}
	}
	return strings.Join(codes, ", ")
}
