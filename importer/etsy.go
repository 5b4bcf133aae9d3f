package importer

import (
	"errors"
	"regexp"
	"strings"

	"orderdesk/app"
)

// Etsy's Shop Manager → Settings → Options → Download Data gives two CSV
// files a month or year at a time:
//
//   - "Sold Order Items" (EtsySoldOrderItems…csv), a row per item: Sale
//     Date, Item Name, Buyer ("Name (username)", or the username alone),
//     Quantity, Price (of one), Coupon Code, Discount Amount, Shipping
//     Discount, Order Shipping, Order Sales Tax, Item Total (Price ×
//     Quantity), Currency, Transaction ID, Listing ID, Date Paid, Date
//     Shipped, Ship Name, Ship Address1…, Order ID, Variations, SKU (often
//     empty), VAT Paid by Buyer. The order's figures (discount, shipping,
//     tax) are on its first item's row; the later rows write 0;
//   - "Sold Orders" (EtsySoldOrders…csv), a row per order: Sale Date,
//     Order ID, Buyer User ID, Full Name, Number of Items, Date Shipped,
//     Street 1…, Currency, Order Value (the items), Discount Amount,
//     Shipping Discount, Shipping, Sales Tax, Order Total, Status, Card
//     Processing Fees, Order Net, Adjusted Order Total (after refunds)….
//
// The items file alone is enough; with the orders file beside it, each
// order is checked against its Order Total. Dates are month first
// (12/26/21) unless the file shows otherwise.
var etsyItemFields = map[string][]string{
	"id":           {"Order ID"},
	"date":         {"Sale Date"},
	"name":         {"Item Name"},
	"buyer":        {"Buyer"},
	"qty":          {"Quantity"},
	"price":        {"Price"},
	"coupon":       {"Coupon Code"},
	"discount":     {"Discount Amount"},
	"shipDiscount": {"Shipping Discount"},
	"shipping":     {"Order Shipping"},
	"tax":          {"Order Sales Tax"},
	"itemTotal":    {"Item Total"},
	"currency":     {"Currency"},
	"listing":      {"Listing ID"},
	"paid":         {"Date Paid"},
	"shipped":      {"Date Shipped"},
	"shipName":     {"Ship Name"},
	"addr1":        {"Ship Address1", "Ship Address 1", "Street 1"},
	"addr2":        {"Ship Address2", "Ship Address 2", "Street 2"},
	"city":         {"Ship City"},
	"state":        {"Ship State"},
	"zip":          {"Ship Zipcode", "Ship Zip Code", "Ship Zip"},
	"country":      {"Ship Country"},
	"variations":   {"Variations"},
	"inPerson":     {"InPerson Discount"},
	"sku":          {"SKU"},
}

var etsyOrderFields = map[string][]string{
	"id":           {"Order ID"},
	"date":         {"Sale Date"},
	"buyerID":      {"Buyer User ID"},
	"buyer":        {"Buyer"},
	"fullName":     {"Full Name"},
	"first":        {"First Name"},
	"last":         {"Last Name"},
	"items":        {"Number of Items"},
	"shipped":      {"Date Shipped"},
	"paid":         {"Date Paid"},
	"addr1":        {"Street 1", "Ship Address1"},
	"addr2":        {"Street 2", "Ship Address2"},
	"city":         {"Ship City"},
	"state":        {"Ship State"},
	"zip":          {"Ship Zipcode", "Ship Zip Code", "Ship Zip"},
	"country":      {"Ship Country"},
	"currency":     {"Currency"},
	"value":        {"Order Value"},
	"coupon":       {"Coupon Code"},
	"discount":     {"Discount Amount"},
	"shipDiscount": {"Shipping Discount"},
	"shipping":     {"Shipping"},
	"tax":          {"Sales Tax"},
	"total":        {"Order Total"},
	"status":       {"Status"},
	"adjusted":     {"Adjusted Order Total"},
	"inPerson":     {"InPerson Discount"},
	"message":      {"Buyer Receipt Message", "Message from Buyer"},
}

// ErrEtsyItemsMissing: Etsy's Sold Orders file without its Sold Order
// Items file, which holds the items.
var ErrEtsyItemsMissing = errors.New("the Etsy Sold Orders file lists no items: add its Sold Order Items file (EtsySoldOrderItems)")

// parseEtsy reads Etsy's Sold Order Items file, with its Sold Orders file
// when given.
func parseEtsy(tables []Table, opt Options) (Parsed, error) {
	out := Parsed{Channel: app.ChannelEtsy}
	var items, orders *Table
	for i := range tables {
		t := &tables[i]
		switch {
		case t.Column("Item Name", "Listing ID", "Transaction ID") >= 0:
			items = t
		case t.Column("Number of Items", "Order Value", "Order Total") >= 0:
			orders = t
		}
	}
	if items == nil && orders != nil {
		return out, ErrEtsyItemsMissing
	}
	if items == nil {
		return out, &MissingColumnsError{Preset: PresetEtsy, Missing: []string{"Order ID", "Sale Date", "Item Name", "Quantity", "Price"}}
	}
	icols := findColumns(*items, etsyItemFields)
	if missing := missingOf(icols, etsyItemFields, "id", "date", "qty"); len(missing) > 0 ||
		icols["price"] < 0 && icols["itemTotal"] < 0 || icols["name"] < 0 && icols["listing"] < 0 && icols["sku"] < 0 {
		if icols["price"] < 0 && icols["itemTotal"] < 0 {
			missing = append(missing, "Price")
		}
		if icols["name"] < 0 && icols["listing"] < 0 && icols["sku"] < 0 {
			missing = append(missing, "Item Name")
		}
		return out, &MissingColumnsError{Preset: PresetEtsy, Missing: missing}
	}
	p, err := newParser(opt, tables, *items)
	if err != nil {
		return out, err
	}
	// Etsy writes month first (12/26/21); a file that shows day first
	// (26/12/21) is read so.
	if err := p.readDates(*items, icols["date"], orderMonthFirst); err != nil {
		return out, err
	}

	// The orders file, by order id.
	var ocols map[string]int
	orderRows := map[string]Row{}
	var orderList []string
	if orders != nil {
		ocols = findColumns(*orders, etsyOrderFields)
		if missing := missingOf(ocols, etsyOrderFields, "id"); len(missing) > 0 {
			return out, &MissingColumnsError{Preset: PresetEtsy, Missing: missing}
		}
		for _, r := range orders.Rows {
			id := strings.TrimSpace(cell(r, ocols, "id"))
			if _, seen := orderRows[id]; !seen {
				orderList = append(orderList, id)
			}
			orderRows[id] = r
		}
	}

	read := map[string]bool{}
	for _, g := range groupRows(*items, icols["id"]) {
		id := strings.TrimSpace(g.id)
		out.Rows += len(g.rows)
		out.from(*items, id, g.rows)
		read[id] = true
		p.sheet = sheetName(tables, *items)
		p.reading(*items, icols)
		if id == "" {
			p.bad(g.rows[0].Line, "", FieldOrderID, "row without an order id")
			continue
		}
		var orow *Row
		if r, ok := orderRows[id]; ok {
			orow = &r
			out.Rows++
			out.from(*orders, id, []Row{r})
		}
		if o, ok := p.etsyOrder(g, icols, orow, ocols); ok {
			out.Orders = append(out.Orders, o)
		}
	}
	for _, id := range orderList {
		if read[id] {
			continue
		}
		r := orderRows[id]
		out.Rows++
		out.from(*orders, id, []Row{r})
		p.sheet = sheetName(tables, *orders)
		p.bad(r.Line, id, FieldSKU, "order %s has no items in the Sold Order Items file", id)
	}
	out.Problems = append(out.Problems, p.problems...)
	out.Warnings = append(out.Warnings, p.warnings...)
	return out, nil
}

// etsyBuyer splits Etsy's buyer "Jane Doe (janedoe123)" into the name and
// the username; a buyer written alone is a username unless it has spaces.
var etsyBuyerForm = regexp.MustCompile(`^(.*?)\s*\(([^()\s]+)\)\s*$`)

func etsyBuyer(s string) (name, username string) {
	s = strings.TrimSpace(s)
	if m := etsyBuyerForm.FindStringSubmatch(s); m != nil {
		return strings.TrimSpace(m[1]), m[2]
	}
	if strings.ContainsAny(s, " \t") {
		return s, ""
	}
	return "", s
}

// etsyOrder reads one order's item rows, and its row of the orders file
// when there is one; it reports whether they read cleanly.
func (p *parser) etsyOrder(g *orderGroup, cols map[string]int, orow *Row, ocols map[string]int) (app.ImportOrder, bool) {
	rows := g.rows
	first := rows[0]
	id := strings.TrimSpace(g.id)
	get := func(name string) string { return orderCell(rows, cols, name) }
	oget := func(name string) string {
		if orow == nil {
			return ""
		}
		return cell(*orow, ocols, name)
	}
	o := app.ImportOrder{Row: first.Line, Sheet: p.sheet, PlatformOrderID: id,
		Currency: strings.ToUpper(firstNonEmpty(get("currency"), oget("currency"))), PaymentMethod: app.PayPlatform}
	ok := true
	if at, good := p.when(first.Line, id, get("date")); good {
		o.OrderedAt = at
	} else {
		ok = false
	}
	name, username := etsyBuyer(get("buyer"))
	if orow != nil {
		name = firstNonEmpty(oget("fullName"), joinName(oget("first"), oget("last")), name)
		if username == "" {
			_, username = etsyBuyer(firstNonEmpty(oget("buyerID"), oget("buyer")))
		}
	}
	// A guest checkout has no buyer: the order is the recipient's.
	o.Customer = app.ImportCustomer{Code: username, Name: firstNonEmpty(name, get("shipName"))}
	o.RecipientName = firstNonEmpty(get("shipName"), name)
	o.Address = app.Address{Province: firstNonEmpty(get("state"), oget("state")), City: firstNonEmpty(get("city"), oget("city")),
		Street:   firstNonEmpty(joinName(get("addr1"), get("addr2")), joinName(oget("addr1"), oget("addr2"))),
		Postcode: firstNonEmpty(get("zip"), oget("zip")), Country: countryCode(firstNonEmpty(get("country"), oget("country")))}
	o.CouponCode = firstNonEmpty(get("coupon"), oget("coupon"))
	o.SpecialRequest = oget("message")

	shippedRows, paid := 0, false
	for _, r := range rows {
		if p.unreadable(r, id) {
			ok = false
			continue
		}
		shipped := ""
		if cell(r, cols, "shipped") != "" || orow != nil && oget("shipped") != "" {
			shipped = ShippedAll
			shippedRows++
		}
		paid = paid || cell(r, cols, "paid") != ""
		ok = p.addLine(&o, r, lineCells{SKU: cell(r, cols, "sku"), ListingID: cell(r, cols, "listing"),
			Name: cell(r, cols, "name"), Spec: cell(r, cols, "variations"), Qty: cell(r, cols, "qty"),
			UnitPrice: cell(r, cols, "price"), LineTotal: cell(r, cols, "itemTotal"), Shipped: shipped}) && ok
	}

	// The order's figures: from the orders file, else from the items'
	// rows, where the first item carries them.
	var a amounts
	good := true
	money := func(line int, field Field, s string) app.Money {
		m, g := p.money(line, id, field, s)
		good = good && g
		return m
	}
	orderFigure := func(field Field, name string) app.Money {
		// "Order Shipping" and "Order Sales Tax" are the order's: on its
		// first row (the others write 0), or, in some files, on every
		// row alike, which counts once.
		var sum, firstValue app.Money
		same := true
		for i, r := range rows {
			m := money(r.Line, field, cell(r, cols, name))
			if i == 0 {
				firstValue = m
			} else if m != firstValue {
				same = false
			}
			sum += m
		}
		if same && len(rows) > 1 && firstValue != 0 {
			return firstValue
		}
		return sum
	}
	sumOf := func(field Field, name string) app.Money {
		var sum app.Money
		for _, r := range rows {
			sum += abs(money(r.Line, field, cell(r, cols, name)))
		}
		return sum
	}
	if orow != nil {
		line := orow.Line
		a.shipping = money(line, FieldShipping, oget("shipping"))
		a.shippingOff = abs(money(line, FieldShipping, oget("shipDiscount")))
		a.discount = abs(money(line, FieldDiscount, oget("discount"))) + abs(money(line, FieldDiscount, oget("inPerson")))
		a.taxes = []app.Money{money(line, Field("tax"), oget("tax"))}
		a.total, a.hasTotal = money(line, FieldPaid, oget("total")), oget("total") != ""
		if adj := oget("adjusted"); adj != "" {
			if m := money(line, FieldPaid, adj); m > 0 && m < a.total {
				a.refund = a.total - m
			}
		}
		paid = paid || oget("paid") != ""
	} else {
		a.shipping = orderFigure(FieldShipping, "shipping")
		a.shippingOff = sumOf(FieldShipping, "shipDiscount")
		a.discount = sumOf(FieldDiscount, "discount") + sumOf(FieldDiscount, "inPerson")
		a.taxes = []app.Money{orderFigure(Field("tax"), "tax")}
	}
	if a.shippingOff > a.shipping {
		a.discount += a.shippingOff - a.shipping
		a.shippingOff = a.shipping
	}
	ok = ok && good
	p.reckon(&o, first.Line, a)

	switch status := strings.ToLower(oget("status")); {
	case strings.Contains(status, "cancel"):
		o.Status, o.CancelReason = app.StatusCancelled, "cancelled on Etsy"
	case shippedRows == len(rows) && len(o.Lines) > 0:
		o.Status = app.StatusShipped
	default:
		o.Status = app.StatusPendingReview
	}
	if paid {
		o.Paid = payable(&o)
		o.Refunded = min(a.refund, o.Paid)
		if at, good := p.whenQuiet(firstNonEmpty(get("paid"), oget("paid"))); good {
			o.PaidAt = at
		}
	}
	return o, ok
}
