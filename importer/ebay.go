package importer

import (
	"strings"

	"orderdesk/app"
)

// eBay Seller Hub's orders report (Orders → Download report, "All
// orders"; the older Selling Manager "sales records" file is its
// ancestor) is a CSV with a blank or all-commas first line, the header
// ("Sales Record Number, Order Number, Buyer Username, Buyer Name, …, Item
// Number, Item Title, Custom Label, Quantity, Sold For, Postage And
// Packaging / Shipping And Handling, …, Total Price, Sale Date, Paid On
// Date, …, Dispatched / Shipped On Date, Tracking Number, Variation
// Details…"; older: User ID, Buyer Full Name, Sale Price, Postage and
// Handling, Sales Date, Posted On Date), an all-commas padding row, the
// data, and a trailer ("20 record(s) downloaded, from Jan-01-25 to …",
// "Seller ID : …") that is not an order.
//
// An order of one item is one row. An order of several items is a row
// for the order (buyer, address, postage, Total Price; no item number)
// followed by a row per item, under the same sales record number. Sold For
// is the price of one; Custom Label is the seller's SKU, often empty: the
// item is then known by its item number and variation.
var ebayFields = map[string][]string{
	"record":   {"Sales Record Number", "Selling Manager Sales Record Number", "Sales Record No"},
	"order":    {"Order Number", "Order ID", "Order No"},
	"user":     {"Buyer Username", "User ID", "Buyer User ID", "Buyer ID"},
	"buyer":    {"Buyer Name", "Buyer Full Name", "Buyer Fullname"},
	"email":    {"Buyer Email", "Buyer E-mail", "Email"},
	"phone":    {"Buyer Phone Number", "Buyer Phone", "Buyer Contact Phone"},
	"note":     {"Buyer Note", "Buyer Notes", "Buyer Message"},
	"bAddr1":   {"Buyer Address 1", "Buyer Address Line 1"},
	"bAddr2":   {"Buyer Address 2", "Buyer Address Line 2"},
	"bCity":    {"Buyer City", "Buyer Town/City"},
	"bState":   {"Buyer State", "Buyer County", "Buyer Province", "Buyer State/Province"},
	"bZip":     {"Buyer Zip", "Buyer Postcode", "Buyer Post Code", "Buyer Zip Code", "Buyer Postal Code"},
	"bCountry": {"Buyer Country"},
	"sName":    {"Ship To Name", "Post To Name", "Deliver To Name", "Shipping Name"},
	"sPhone":   {"Ship To Phone", "Post To Phone", "Deliver To Phone"},
	"sAddr1":   {"Ship To Address 1", "Post To Address 1", "Deliver To Address 1"},
	"sAddr2":   {"Ship To Address 2", "Post To Address 2", "Deliver To Address 2"},
	"sCity":    {"Ship To City", "Post To City", "Post To Town/City", "Deliver To City"},
	"sState":   {"Ship To State", "Post To County", "Ship To County", "Ship To Province", "Post To State", "Deliver To State"},
	"sZip":     {"Ship To Zip", "Post To Postcode", "Ship To Postcode", "Post To Post Code", "Ship To Postal Code", "Deliver To Zip"},
	"sCountry": {"Ship To Country", "Post To Country", "Deliver To Country"},
	"item":     {"Item Number", "Item ID"},
	"title":    {"Item Title"},
	"sku":      {"Custom Label", "Custom Label (SKU)", "SKU"},
	"qty":      {"Quantity"},
	"price":    {"Sold For", "Sale Price", "Item Price", "Price"},
	"shipping": {"Shipping And Handling", "Postage And Packaging", "Postage And Handling", "Shipping And Packaging",
		"Postage", "Shipping"},
	"insurance":   {"Insurance Cost", "Insurance"},
	"cod":         {"Cash on Delivery Fee", "Cash On Delivery Fee", "COD Fee"},
	"sellerTax":   {"Seller Collected Tax", "Sales Tax"},
	"ebayTax":     {"eBay Collected Tax"},
	"ebayCharges": {"eBay Collected Charges"},
	"taxInTotal":  {"eBay Collected Tax and Fees Included in Total", "eBay Collected Tax Included in Total"},
	"total":       {"Total Price", "Total"},
	"payment":     {"Payment Method"},
	"date":        {"Sale Date", "Sales Date", "Order Date", "Transaction Date"},
	"paid":        {"Paid On Date", "Payment Date", "Paid Date"},
	"shipped":     {"Shipped On Date", "Dispatched On Date", "Posted On Date", "Dispatch Date", "Shipped Date"},
	"txn":         {"PayPal Transaction ID"},
	"variation":   {"Variation Details", "Variation"},
}

// parseEBay reads eBay's orders report (see ebayFields).
func parseEBay(tables []Table, opt Options) (Parsed, error) {
	out := Parsed{Channel: app.ChannelEBay}
	for _, t := range tables {
		cols := findColumns(t, ebayFields)
		missing := missingOf(cols, ebayFields, "qty", "price", "date")
		if cols["record"] < 0 && cols["order"] < 0 {
			missing = append([]string{"Sales Record Number or Order Number"}, missing...)
		}
		if cols["item"] < 0 && cols["title"] < 0 && cols["sku"] < 0 {
			missing = append(missing, "Item Number or Item Title")
		}
		if len(missing) > 0 {
			return out, &MissingColumnsError{Preset: PresetEBay, Missing: missing}
		}
		p, err := newParser(opt, tables, t)
		if err != nil {
			return out, err
		}
		p.reading(t, cols)
		if err := p.readDates(t, cols["date"], orderDayFirstDefault); err != nil {
			return out, err
		}
		out.collect(t, p, ebayGroups(t, cols), "a sales record or order number", func(g *orderGroup) (app.ImportOrder, bool) {
			return p.ebayOrder(g, cols)
		})
	}
	return out, nil
}

// ebayTrailer tells the report's closing lines ("20 record(s)
// downloaded, from … to …", "Seller ID : …") from data.
func ebayTrailer(r Row) bool {
	var text []string
	for _, c := range r.Cells {
		if c != "" {
			text = append(text, c)
		}
	}
	text = append(text, r.Extra...)
	if len(text) == 0 || len(text) > 4 {
		return false
	}
	s := strings.ToLower(strings.Join(text, " "))
	return strings.Contains(s, "record(s) downloaded") || strings.Contains(s, "records downloaded") ||
		strings.HasPrefix(s, "seller id")
}

// ebayGroups groups the report's rows by order: rows that share a sales
// record number or an order number are one order (an order of several
// items may write either on its item rows); a row with neither continues
// the order above. The trailer is left out.
func ebayGroups(t Table, cols map[string]int) []*orderGroup {
	byRecord, byOrder := map[string]*orderGroup{}, map[string]*orderGroup{}
	var list []*orderGroup
	var last *orderGroup
	for _, r := range t.Rows {
		if ebayTrailer(r) {
			continue
		}
		record, order := cell(r, cols, "record"), cell(r, cols, "order")
		g := byOrder[order]
		if g == nil || order == "" {
			g = byRecord[record]
		}
		if g == nil || record == "" && order == "" {
			if record == "" && order == "" && last != nil {
				g = last
			} else {
				g = &orderGroup{id: firstNonEmpty(record, order), sheet: t.Name}
				list = append(list, g)
			}
		}
		if record != "" && byRecord[record] == nil {
			byRecord[record] = g
		}
		if order != "" && byOrder[order] == nil {
			byOrder[order] = g
		}
		g.rows = append(g.rows, r)
		last = g
	}
	return list
}

// ebayOrder reads one order's rows; it reports whether they read cleanly.
func (p *parser) ebayOrder(g *orderGroup, cols map[string]int) (app.ImportOrder, bool) {
	// The order's own row: the one without an item when the order has
	// several items, else its only row.
	var head *Row
	var items []Row
	for i, r := range g.rows {
		if cell(r, cols, "item") == "" && cell(r, cols, "title") == "" && cell(r, cols, "sku") == "" {
			if head == nil {
				head = &g.rows[i]
			}
			continue
		}
		items = append(items, r)
	}
	summary := head != nil && len(items) > 0
	if head == nil {
		head = &g.rows[0]
	}
	get := func(name string) string {
		if v := cell(*head, cols, name); v != "" {
			return v
		}
		return orderCell(g.rows, cols, name)
	}
	id := firstNonEmpty(get("order"), g.id)
	o := app.ImportOrder{Row: g.rows[0].Line, Sheet: p.sheet, PlatformOrderID: id}
	ok := true
	for _, r := range g.rows {
		if p.unreadable(r, id) {
			ok = false
		}
	}
	if at, good := p.when(head.Line, id, get("date")); good {
		o.OrderedAt = at
	} else {
		ok = false
	}
	o.Customer = app.ImportCustomer{Code: get("user"), Name: get("buyer"), Email: get("email"), Phone: get("phone")}
	o.Customer.Address = app.Address{Province: get("bState"), City: get("bCity"), Street: joinName(get("bAddr1"), get("bAddr2")),
		Postcode: get("bZip"), Country: countryCode(get("bCountry"))}
	o.RecipientName = firstNonEmpty(get("sName"), get("buyer"))
	o.RecipientPhone = firstNonEmpty(get("sPhone"), get("phone"))
	o.Address = app.Address{Province: get("sState"), City: get("sCity"), Street: joinName(get("sAddr1"), get("sAddr2")),
		Postcode: get("sZip"), Country: countryCode(get("sCountry"))}
	if o.Address.Street == "" && o.Address.City == "" {
		o.Address = o.Customer.Address
	}
	o.SpecialRequest = get("note")
	o.PaymentMethod = paymentMethodOf(get("payment"))
	o.TransactionID = get("txn")
	// eBay writes "$12.00" for US dollars and marks the others (AU $,
	// C $, £, EUR).
	o.Currency = firstNonEmpty(currencyOf(get("total")), currencyOf(get("price")))
	if o.Currency == "" && strings.HasPrefix(strings.TrimPrefix(firstNonEmpty(get("total"), get("price")), "-"), "$") {
		o.Currency = "USD"
	}
	if len(items) == 0 {
		p.bad(head.Line, id, FieldSKU, "order %s has no item (no item number, title or custom label)", id)
		return o, false
	}

	// The order's figures: on its own row, or, for an order of one item,
	// on that row; rows of separate sales under one order number add up.
	figureRows := []Row{*head}
	if !summary {
		figureRows = items
	}
	good := true
	sum := func(field Field, name string) app.Money {
		var s app.Money
		for _, r := range figureRows {
			m, g := p.money(r.Line, id, field, cell(r, cols, name))
			good = good && g
			s += m
		}
		return s
	}
	var a amounts
	a.shipping = sum(FieldShipping, "shipping") + sum(FieldShipping, "insurance") + sum(FieldShipping, "cod")
	sellerTax, ebayTax, charges := sum(Field("tax"), "sellerTax"), sum(Field("tax"), "ebayTax"), sum(Field("tax"), "ebayCharges")
	a.taxes = []app.Money{sellerTax + ebayTax + charges, sellerTax + ebayTax, sellerTax}
	if strings.EqualFold(strings.TrimSpace(get("taxInTotal")), "no") {
		a.taxes = []app.Money{sellerTax}
	}
	a.total, a.hasTotal = sum(FieldPaid, "total"), get("total") != ""

	// Sold For is the price of one; should an export write the line's
	// price instead, only that reading adds up to the total.
	lineTotals := false
	if a.hasTotal {
		var unitSum, lineSum app.Money
		several := false
		for _, r := range items {
			n, err := parseWhole(cell(r, cols, "qty"))
			v, err2 := p.currency.ParseMoney(strings.TrimLeft(stripMark(cell(r, cols, "price")), " "))
			if err != nil || err2 != nil {
				continue
			}
			several = several || n > 1
			unitSum += v * app.Money(n)
			lineSum += v
		}
		if several {
			adds := func(goods app.Money) bool {
				for _, t := range a.taxes {
					if goods+a.shipping+t == a.total || goods+a.shipping == a.total {
						return true
					}
				}
				return false
			}
			lineTotals = !adds(unitSum) && adds(lineSum)
		}
	}

	shippedAll := true
	for _, r := range items {
		c := func(name string) string { return cell(r, cols, name) }
		shipped := ""
		if c("shipped") != "" || cell(*head, cols, "shipped") != "" {
			shipped = ShippedAll
		} else {
			shippedAll = false
		}
		// The item number names the listing; its variation (the spec)
		// tells which of its variants.
		cells := lineCells{SKU: c("sku"), ListingID: c("item"), Name: c("title"), Spec: c("variation"), Qty: c("qty"),
			Shipped: shipped}
		if lineTotals {
			cells.LineTotal = c("price")
		} else {
			cells.UnitPrice = c("price")
		}
		ok = p.addLine(&o, r, cells) && ok
	}
	ok = ok && good
	p.reckon(&o, head.Line, a)

	o.Status = app.StatusPendingReview
	if shippedAll {
		o.Status = app.StatusShipped
	}
	if get("paid") != "" {
		o.Paid = payable(&o)
		if at, good := p.whenQuiet(get("paid")); good {
			o.PaidAt = at
		}
	}
	return o, ok
}

// stripMark takes a currency mark off an amount ("£12.00", "US $12.00").
func stripMark(s string) string {
	s = strings.TrimSpace(s)
	for _, mark := range currencyMarks {
		if strings.HasPrefix(s, mark) {
			return strings.ReplaceAll(strings.TrimSpace(s[len(mark):]), ",", "")
		}
	}
	return strings.ReplaceAll(s, ",", "")
}
