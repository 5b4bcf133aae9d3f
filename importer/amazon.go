package importer

import (
	"strings"

	"orderdesk/app"
)

// Amazon Seller Central's order reports are tab-separated flat files with
// lower-case hyphenated headers, a row per order item:
//
//   - the order report (Orders → Order Reports; "New Orders", and the
//     Unshipped Orders report with quantity-shipped and quantity-to-ship):
//     order-id, order-item-id, purchase-date, payments-date, buyer-email,
//     buyer-name, buyer-phone-number, sku, product-name,
//     quantity-purchased, currency, item-price, item-tax, shipping-price,
//     shipping-tax, item-promotion-discount, ship-promotion-discount,
//     recipient-name, ship-address-1..3, ship-city, ship-state,
//     ship-postal-code, ship-country, ship-phone-number, sales-channel…;
//   - the All Orders report (Reports → Fulfillment): amazon-order-id,
//     merchant-order-id, purchase-date, order-status, fulfillment-channel,
//     sales-channel, product-name, sku, asin, item-status, quantity,
//     currency, item-price…, without the buyer's name or address.
//
// item-price, item-tax and the promotions are for the whole quantity.
// On the VAT marketplaces (Amazon.co.uk, .de, .fr, .it, .es, .nl, .se,
// .pl, .com.be, .ie, .co.jp, .com.au, .in, .sg, .ae, .sa, .com.tr, .eg,
// .com.br) prices include the tax, which item-tax and shipping-tax show;
// on Amazon.com, .ca and .com.mx the tax is added on top.
var amazonFields = map[string][]string{
	"id":             {"order-id", "amazon-order-id"},
	"date":           {"purchase-date"},
	"paid":           {"payments-date"},
	"status":         {"order-status"},
	"itemStatus":     {"item-status"},
	"email":          {"buyer-email"},
	"buyer":          {"buyer-name"},
	"buyerPhone":     {"buyer-phone-number"},
	"sku":            {"sku"},
	"asin":           {"asin"},
	"name":           {"product-name"},
	"qty":            {"quantity-purchased", "quantity"},
	"qtyShipped":     {"quantity-shipped"},
	"currency":       {"currency"},
	"price":          {"item-price"},
	"tax":            {"item-tax"},
	"shipping":       {"shipping-price"},
	"shippingTax":    {"shipping-tax"},
	"giftWrap":       {"gift-wrap-price"},
	"giftWrapTax":    {"gift-wrap-tax"},
	"itemPromo":      {"item-promotion-discount"},
	"shipPromo":      {"ship-promotion-discount"},
	"recipient":      {"recipient-name"},
	"addr1":          {"ship-address-1"},
	"addr2":          {"ship-address-2"},
	"addr3":          {"ship-address-3"},
	"city":           {"ship-city"},
	"state":          {"ship-state"},
	"zip":            {"ship-postal-code"},
	"country":        {"ship-country"},
	"phone":          {"ship-phone-number"},
	"channel":        {"sales-channel"},
	"instructions":   {"delivery-Instructions", "delivery-instructions"},
	"business":       {"is-business-order"},
	"purchaseOrder":  {"purchase-order-number"},
	"fulfillment":    {"fulfillment-channel"},
	"merchantOrder":  {"merchant-order-id"},
	"shipServiceLvl": {"ship-service-level"},
}

// amazonVAT are the marketplaces whose prices include the tax.
var amazonVAT = []string{"amazon.co.uk", "amazon.de", "amazon.fr", "amazon.it", "amazon.es", "amazon.nl", "amazon.se",
	"amazon.pl", "amazon.com.be", "amazon.ie", "amazon.co.jp", "amazon.com.au", "amazon.in", "amazon.sg", "amazon.ae",
	"amazon.sa", "amazon.com.tr", "amazon.eg", "amazon.com.br"}

// amazonTaxOnTop says whether an order's tax comes on top of its prices,
// by its marketplace, else its currency, else the country it ships to.
func amazonTaxOnTop(channel, currency, country string) bool {
	c := strings.ToLower(strings.TrimSpace(channel))
	switch {
	case c == "amazon.com" || c == "amazon.ca" || c == "amazon.com.mx":
		return true
	case strings.HasPrefix(c, "amazon."):
		for _, v := range amazonVAT {
			if c == v {
				return false
			}
		}
	}
	switch strings.ToUpper(currency) {
	case "USD", "CAD", "MXN":
		return true
	case "":
		switch strings.ToUpper(country) {
		case "US", "CA", "MX", "PR":
			return true
		}
	}
	return false
}

// parseAmazon reads Amazon's order reports (see amazonFields).
func parseAmazon(tables []Table, opt Options) (Parsed, error) {
	out := Parsed{Channel: app.ChannelAmazon}
	for _, t := range tables {
		cols := findColumns(t, amazonFields)
		if missing := missingOf(cols, amazonFields, "id", "date", "sku", "qty"); len(missing) > 0 {
			return out, &MissingColumnsError{Preset: PresetAmazon, Missing: missing}
		}
		p, err := newParser(opt, tables, t)
		if err != nil {
			return out, err
		}
		p.reading(t, cols)
		if err := p.readDates(t, cols["date"], orderDayFirstDefault); err != nil {
			return out, err
		}
		out.collect(t, p, groupRows(t, cols["id"]), "an order id", func(g *orderGroup) (app.ImportOrder, bool) {
			return p.amazonOrder(g, cols)
		})
	}
	return out, nil
}

// amazonOrder reads one order's item rows; it reports whether they read
// cleanly and the order is to be imported.
func (p *parser) amazonOrder(g *orderGroup, cols map[string]int) (app.ImportOrder, bool) {
	rows := g.rows
	first := rows[0]
	id := strings.TrimSpace(g.id)
	get := func(name string) string { return orderCell(rows, cols, name) }
	status := strings.ToLower(get("status"))
	o := app.ImportOrder{Row: first.Line, Sheet: p.sheet, PlatformOrderID: id, Currency: strings.ToUpper(get("currency")),
		PaymentMethod: app.PayPlatform}
	// A pending order is not paid yet and Amazon gives no prices for it:
	// taken now, it would stand at 0 and the paid order would later be
	// skipped as already imported.
	if strings.Contains(status, "pending") && get("price") == "" {
		p.warn(first.Line, id, FieldStatus, "left out order %s: it is pending on Amazon (not paid, no prices yet); "+
			"import it once Amazon has charged it", id)
		return o, false
	}
	ok := true
	if at, good := p.when(first.Line, id, get("date")); good {
		o.OrderedAt = at
	} else {
		ok = false
	}
	o.Customer = app.ImportCustomer{Name: get("buyer"), Email: get("email"), Phone: get("buyerPhone")}
	o.RecipientName = firstNonEmpty(get("recipient"), get("buyer"))
	o.RecipientPhone = firstNonEmpty(get("phone"), get("buyerPhone"))
	o.Address = app.Address{Province: get("state"), City: get("city"),
		Street:   joinName(joinName(get("addr1"), get("addr2")), get("addr3")),
		Postcode: get("zip"), Country: countryCode(get("country"))}
	o.SpecialRequest = get("instructions")
	if po := get("purchaseOrder"); po != "" {
		o.Notes = "purchase order " + po
	}

	var shipping, shipOff, tax app.Money
	good := true
	money := func(r Row, field Field, name string) app.Money {
		m, g := p.money(r.Line, id, field, cell(r, cols, name))
		good = good && g
		return m
	}
	orderShipped := strings.Contains(status, "shipped") && !strings.Contains(status, "partially") &&
		!strings.Contains(status, "unshipped") || strings.Contains(status, "complete") || strings.Contains(status, "delivered")
	for _, r := range rows {
		if p.unreadable(r, id) {
			ok = false
			continue
		}
		c := func(name string) string { return cell(r, cols, name) }
		itemStatus := strings.ToLower(c("itemStatus"))
		if strings.Contains(itemStatus, "cancel") && !strings.Contains(status, "cancel") {
			p.warn(r.Line, id, FieldQty, "left out %s: cancelled on Amazon", firstNonEmpty(c("sku"), c("name"), "an item"))
			continue
		}
		shipped := c("qtyShipped")
		if orderShipped || itemStatus == "shipped" {
			shipped = ShippedAll
		}
		promo := abs(money(r, FieldLineDiscount, "itemPromo"))
		ok = p.addLine(&o, r, lineCells{SKU: c("sku"), ListingID: c("asin"), Name: c("name"), Qty: c("qty"),
			LineTotal: firstNonEmpty(c("price"), "0"), Discount: p.moneyText(promo), Shipped: shipped}) && ok
		shipping += money(r, FieldShipping, "shipping") + money(r, FieldShipping, "giftWrap")
		shipOff += abs(money(r, FieldShipping, "shipPromo"))
		tax += money(r, Field("tax"), "tax") + money(r, Field("tax"), "shippingTax") + money(r, Field("tax"), "giftWrapTax")
	}
	ok = ok && good
	if strings.Contains(status, "cancel") && len(o.Lines) == 0 && ok {
		p.warn(first.Line, id, FieldStatus, "left out order %s: cancelled on Amazon before anything was charged", id)
		return o, false
	}
	o.ShippingFee = max(shipping-shipOff, 0)
	o.OrderDiscount = max(shipOff-shipping, 0)
	o.Tax, o.TaxIncluded = tax, !amazonTaxOnTop(get("channel"), o.Currency, o.Address.Country)
	if tax == 0 {
		o.TaxIncluded = false
	}

	paid := get("paid") != ""
	switch {
	case strings.Contains(status, "cancel"):
		o.Status, o.CancelReason = app.StatusCancelled, "cancelled on Amazon"
	case orderShipped:
		o.Status, paid = app.StatusShipped, true
	case strings.Contains(status, "pending"):
		o.Status, paid = app.StatusPendingReview, false
	case status != "": // unshipped, partially shipped, shipping: Amazon has charged
		o.Status, paid = app.StatusPendingReview, true
	default: // the order report lists orders to ship
		o.Status = app.StatusPendingReview
	}
	if paid {
		o.Paid = payable(&o)
		if at, good := p.whenQuiet(get("paid")); good {
			o.PaidAt = at
		}
	}
	return o, ok
}
