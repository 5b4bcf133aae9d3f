package importer

import (
	"strings"

	"orderdesk/app"
)

// shopifyColumns are the columns of Shopify's "Export orders" CSV that the
// preset reads. Shopify has added columns over the years (Lineitem
// discount in 2019, Duties and the Province Name columns in 2021,
// Outstanding Balance, Payment ID and Payment References since); only the
// first five are needed, every other one is used when the file has it.
var shopifyColumns = []string{"Email", "Financial Status", "Paid at", "Fulfillment Status", "Currency", "Subtotal",
	"Shipping", "Taxes", "Total", "Discount Code", "Discount Amount", "Lineitem name", "Lineitem discount",
	"Lineitem fulfillment status", "Lineitem requires shipping", "Lineitem variant id", "Lineitem product id",
	"Shipping Name", "Shipping Street", "Shipping Address1", "Shipping Address2", "Shipping City", "Shipping Zip",
	"Shipping Province", "Shipping Province Name", "Shipping Country", "Shipping Phone", "Shipping Company",
	"Billing Name", "Billing Company", "Billing Phone", "Phone", "Notes", "Cancelled at", "Payment Method",
	"Payment Reference", "Payment References", "Payment ID", "Refunded Amount", "Outstanding Balance", "Duties", "Id"}

// parseShopify reads Shopify's order export: one row per line item, the
// order's own fields on its first row only.
//
// Money: Lineitem price is the price of one before discounts, Lineitem
// discount the line's share of the discounts, Discount Amount all of
// them, Subtotal the lines after discounts. Prices include tax in VAT
// shops (Total = Subtotal + Shipping + Duties, Taxes inside) and exclude
// it elsewhere (Total = Subtotal + Shipping + Taxes + Duties); the file does
// not say which, the arithmetic does. A paid order was paid its Total;
// Refunded Amount went back; Outstanding Balance, when given, is what is
// still to pay.
func parseShopify(tables []Table, opt Options) (Parsed, error) {
	out := Parsed{Channel: app.ChannelShopify}
	for _, t := range tables {
		cols, err := columns(t, PresetShopify, []string{"Name", "Created at", "Lineitem quantity", "Lineitem sku", "Lineitem price"},
			shopifyColumns...)
		if err != nil {
			return out, err
		}
		p := &parser{currency: opt.Currency, loc: opt.Location, sheet: sheetName(tables, t)}
		p.reading(t, cols)
		out.collect(t, p, groupRows(t, cols["Name"]), "an order name", func(g *orderGroup) (app.ImportOrder, bool) {
			return p.shopifyOrder(g, cols)
		})
	}
	return out, nil
}

// shopifyOrder reads one order's rows; it reports whether they read
// cleanly.
func (p *parser) shopifyOrder(g *orderGroup, cols map[string]int) (app.ImportOrder, bool) {
	first := g.rows[0]
	get := func(name string) string { return cell(first, cols, name) }
	id := strings.TrimPrefix(g.id, "#")
	o := app.ImportOrder{Row: first.Line, Sheet: p.sheet, PlatformOrderID: id, Currency: get("Currency")}
	ok := !p.unreadable(first, id)
	if at, good := p.when(first.Line, id, get("Created at")); good {
		o.OrderedAt = at
	} else {
		ok = false
	}
	name := firstNonEmpty(get("Billing Name"), get("Shipping Name"))
	o.Customer = app.ImportCustomer{Name: firstNonEmpty(get("Billing Company"), name), Email: get("Email"),
		Phone: firstNonEmpty(get("Billing Phone"), get("Phone"), get("Shipping Phone"))}
	if o.Customer.Name != name {
		o.Contact = name
	}
	o.RecipientName = firstNonEmpty(get("Shipping Name"), name)
	o.RecipientPhone = firstNonEmpty(get("Shipping Phone"), o.Customer.Phone)
	street := firstNonEmpty(get("Shipping Street"), strings.TrimSpace(get("Shipping Address1")+" "+get("Shipping Address2")))
	o.Address = app.Address{Province: firstNonEmpty(get("Shipping Province Name"), get("Shipping Province")),
		City: get("Shipping City"), Street: street, Postcode: get("Shipping Zip"), Country: countryCode(get("Shipping Country"))}
	o.SpecialRequest = get("Notes")
	o.CouponCode = get("Discount Code")
	o.PaymentMethod = paymentMethodOf(get("Payment Method"))
	o.TransactionID = firstNonEmpty(get("Payment Reference"), get("Payment References"), get("Payment ID"))

	amount := func(field Field, column string) app.Money {
		m, good := p.money(first.Line, id, field, get(column))
		ok = ok && good
		return m
	}
	shipping := amount(FieldShipping, "Shipping")
	discount := amount(FieldDiscount, "Discount Amount")
	total := amount(FieldPaid, "Total")
	taxes := amount(FieldTax, "Taxes")
	duties := amount(FieldDuties, "Duties")
	refunded := amount(FieldPaid, "Refunded Amount")
	outstanding := amount(FieldPaid, "Outstanding Balance")

	// Without per-line statuses (older exports), the order's own says
	// whether everything was sent.
	orderSent := strings.EqualFold(get("Fulfillment Status"), "fulfilled")
	for _, r := range g.rows {
		if r.Line != first.Line && p.unreadable(r, id) {
			ok = false
			continue
		}
		c := lineCells{SKU: cell(r, cols, "Lineitem sku"), Name: cell(r, cols, "Lineitem name"),
			ListingID: firstNonEmpty(cell(r, cols, "Lineitem variant id"), cell(r, cols, "Lineitem product id")),
			Qty:       cell(r, cols, "Lineitem quantity"), UnitPrice: cell(r, cols, "Lineitem price"),
			Discount: cell(r, cols, "Lineitem discount")}
		switch status := strings.ToLower(cell(r, cols, "Lineitem fulfillment status")); {
		case status == "fulfilled", status == "" && orderSent:
			c.Shipped = ShippedAll
		case status == "partial":
			p.warn(r.Line, id, FieldQty, "Shopify says %s was partly sent without saying how many: "+
				"all of it is to be sent; correct the order if some already left", firstNonEmpty(c.SKU, c.Name))
		}
		n := len(o.Lines)
		ok = p.addLine(&o, r, c) && ok
		if len(o.Lines) > n && strings.EqualFold(cell(r, cols, "Lineitem requires shipping"), "false") {
			o.Lines[n].Kind = app.ProductService // a gift card or a download: nothing to pick
		}
	}
	if !ok {
		return o, false
	}
	var gross, lineDiscounts app.Money
	for _, l := range o.Lines {
		g, _ := l.UnitPrice.MulQty(l.Qty)
		gross += g
		lineDiscounts += l.Discount
	}
	// Discount Amount counts the line discounts too.
	o.OrderDiscount = max(discount-lineDiscounts, 0)
	o.ShippingFee, o.Tax, o.Duties = shipping, taxes, duties
	subtotal := gross - lineDiscounts - o.OrderDiscount
	switch {
	case taxes == 0 || total == subtotal+shipping+duties:
		o.TaxIncluded = true
	case total == subtotal+shipping+taxes+duties:
		o.TaxIncluded = false
	default:
		p.bad(first.Line, id, FieldPaid, "the lines (%s after discounts), shipping %s, taxes %s and duties %s do not add up "+
			"to Shopify's total %s with the taxes inside the prices or on top of them", p.currency.FormatPlain(subtotal),
			p.currency.FormatPlain(shipping), p.currency.FormatPlain(taxes), p.currency.FormatPlain(duties), p.currency.FormatPlain(total))
		return o, false
	}

	financial := strings.ToLower(get("Financial Status"))
	switch financial {
	case "paid", "partially_refunded", "refunded":
		o.Paid = total
	case "partially_paid":
		if cols["Outstanding Balance"] >= 0 {
			o.Paid = max(total-outstanding, 0)
		} else {
			p.warn(first.Line, id, FieldPaid, "Shopify says the order is partly paid without saying how much: "+
				"record the payment received")
		}
	}
	if o.Paid > 0 {
		if paidAt := get("Paid at"); paidAt != "" {
			at, good := p.when(first.Line, id, paidAt)
			if !good {
				return o, false
			}
			o.PaidAt = at
		}
		o.Refunded = min(refunded, o.Paid)
	}
	switch {
	case get("Cancelled at") != "":
		o.Status, o.CancelReason = app.StatusCancelled, "cancelled in Shopify"
	case financial == "voided":
		o.Status, o.CancelReason = app.StatusCancelled, "payment voided in Shopify"
	default:
		// New; an order whose lines all left arrives shipped (the
		// service decides from the lines).
		o.Status = app.StatusPendingReview
	}
	return o, true
}
