package importer

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The sample exports of Etsy, Amazon, eBay and WooCommerce's export
// plugins in testdata/ are written here, in each platform's documented
// layout (their column names and order, their dates and amounts), with
// made-up orders whose amounts add up by construction. Rewrite them with
//
//	go test ./importer -run TestPlatformSampleExports -update
func TestPlatformSampleExports(t *testing.T) {
	files := map[string][]byte{
		"etsy_sold_order_items.csv":   etsyItemsCSV(),
		"etsy_sold_orders.csv":        etsyOrdersCSV(),
		"amazon_order_report.txt":     amazonOrderReport(),
		"amazon_all_orders.txt":       amazonAllOrders(),
		"ebay_orders_report.csv":      ebayReportCSV(),
		"woocommerce_items_rows.csv":  wooRowsCSV(),
		"woocommerce_line_items.csv":  wooLineItemsCSV(),
		"woocommerce_webtoffee.csv":   wooWebToffeeCSV(),
		"generic_first_last_name.csv": genericNamesCSV(),
	}
	for name, want := range files {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("testdata/%s differs from what the generator writes; run with -update", name)
		}
	}
}

// csvRows writes a header and rows (by header name) as encoding/csv
// quotes them, with the line end and comma given.
func csvRows(header []string, rows []map[string]string, comma rune, crlf bool) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma, w.UseCRLF = comma, crlf
	w.Write(header)
	for _, r := range rows {
		w.Write(fieldsInOrder(header, r))
	}
	w.Flush()
	return buf.Bytes()
}

// centsText writes an amount in cents as platforms do: "12.50".
func centsText(c int64) string { return fenText(c) }

// ---- Etsy: Shop Manager → Settings → Options → Download Data, "Orders"
// (Sold Orders) and "Order Items" (Sold Order Items). Dates MM/DD/YY, the
// paid date with four digits; amounts without a currency mark; Buyer
// "Name (username)"; the order's discount, shipping and tax on its first
// item's row, 0 on the others.

var etsyItemsHeader = strings.Split("Sale Date,Item Name,Buyer,Quantity,Price,Coupon Code,Coupon Details,"+
	"Discount Amount,Shipping Discount,Order Shipping,Order Sales Tax,Item Total,Currency,Transaction ID,"+
	"Listing ID,Date Paid,Date Shipped,Ship Name,Ship Address1,Ship Address2,Ship City,Ship State,"+
	"Ship Zipcode,Ship Country,Order ID,Variations,Order Type,Listings Type,Payment Type,InPerson Discount,"+
	"InPerson Location,VAT Paid by Buyer,SKU", ",")

var etsyOrdersHeader = strings.Split("Sale Date,Order ID,Buyer User ID,Full Name,First Name,Last Name,"+
	"Number of Items,Payment Method,Date Shipped,Street 1,Street 2,Ship City,Ship State,Ship Zipcode,"+
	"Ship Country,Currency,Order Value,Coupon Code,Coupon Details,Discount Amount,Shipping Discount,"+
	"Shipping,Sales Tax,Order Total,Status,Card Processing Fees,Order Net,Adjusted Order Total,"+
	"Adjusted Card Processing Fees,Adjusted Net Order Amount,Buyer,Order Type,Payment Type,"+
	"InPerson Discount,InPerson Location,SKU", ",")

type etsyItem struct {
	name, variations, sku, listing, shipped string
	qty, price                              int64
}

type etsyOrder struct {
	id, sale, paid, buyer, username, first, last  string
	street, city, state, zip, country, shipName   string
	coupon, couponDetails                         string
	discount, shipDiscount, shipping, tax, refund int64
	items                                         []etsyItem
}

var etsyOrders = []etsyOrder{
	// Two items, a 10% coupon, sales tax, shipped.
	{id: "3001000001", sale: "11/02/26", paid: "11/02/2026", buyer: "Grace Hopper", username: "gracehop",
		first: "Grace", last: "Hopper", street: "12 Navy Yard Rd", city: "Arlington", state: "VA", zip: "22202",
		country: "United States", shipName: "Grace Hopper", coupon: "FALL10", couponDetails: "FALL10 - 10% off",
		discount: 430, shipping: 500, tax: 310,
		items: []etsyItem{{name: "Oolong tea sampler tin", variations: "Size:Small", listing: "1400000001", shipped: "11/04/2026", qty: 2, price: 1250},
			{name: "Stoneware tea mug", sku: "MUG-01", listing: "1400000002", shipped: "11/04/2026", qty: 1, price: 1800}}},
	// The buyer known by the username alone; free shipping by coupon;
	// not shipped yet; a date with the day above 12.
	{id: "3001000002", sale: "11/13/26", paid: "11/13/2026", username: "tealover88", first: "Sam", last: "Lee",
		street: "400 Pine St", city: "Seattle", state: "WA", zip: "98101", country: "United States", shipName: "Sam Lee",
		coupon: "FREESHIP", couponDetails: "FREESHIP - free shipping", shipDiscount: 250, shipping: 250,
		items: []etsyItem{{name: "Botanical postcard set", variations: "Design:Fern", listing: "1400000003", qty: 3, price: 400}}},
	// A guest checkout (no buyer) from the UK; VAT collected by Etsy.
	{id: "3001000003", sale: "11/05/26", paid: "11/05/2026", first: "Ada", last: "Lovelace", street: "10 St James's Sq",
		city: "London", zip: "SW1Y 4LE", country: "United Kingdom", shipName: "Ada Lovelace", shipping: 800, tax: 560,
		items: []etsyItem{{name: "Cast iron teapot", listing: "1400000004", shipped: "11/06/2026", qty: 1, price: 2000}}},
	// One item sent, one not; part refunded after.
	{id: "3001000004", sale: "11/07/26", paid: "11/07/2026", buyer: "Alan Turing", username: "aturing", first: "Alan",
		last: "Turing", street: "2 Bletchley Ln", city: "Austin", state: "TX", zip: "78701", country: "United States",
		shipName: "Alan Turing", shipping: 400, refund: 900,
		items: []etsyItem{{name: "Bamboo tea scoop", listing: "1400000005", shipped: "11/09/2026", qty: 2, price: 750},
			{name: "Linen tea towel", variations: "Colour:Sage", listing: "1400000006", qty: 1, price: 900}}},
}

func (o etsyOrder) value() int64 {
	var v int64
	for _, it := range o.items {
		v += it.qty * it.price
	}
	return v
}

func (o etsyOrder) total() int64 {
	return o.value() - o.discount + o.shipping - o.shipDiscount + o.tax
}

func (o etsyOrder) buyerCell() string {
	switch {
	case o.buyer != "" && o.username != "":
		return o.buyer + " (" + o.username + ")"
	default:
		return o.username
	}
}

func etsyItemsCSV() []byte {
	var rows []map[string]string
	for n, o := range etsyOrders {
		for i, it := range o.items {
			order := func(c int64) string {
				if i > 0 {
					return "0"
				}
				return centsText(c)
			}
			rows = append(rows, map[string]string{"Sale Date": o.sale, "Item Name": it.name, "Buyer": o.buyerCell(),
				"Quantity": intText(it.qty), "Price": centsText(it.price), "Coupon Code": o.coupon, "Coupon Details": o.couponDetails,
				"Discount Amount": order(o.discount), "Shipping Discount": order(o.shipDiscount), "Order Shipping": order(o.shipping),
				"Order Sales Tax": order(o.tax), "Item Total": centsText(it.qty * it.price), "Currency": "USD",
				"Transaction ID": "42000" + intText(int64(n*10+i)), "Listing ID": it.listing, "Date Paid": o.paid,
				"Date Shipped": it.shipped, "Ship Name": o.shipName, "Ship Address1": o.street, "Ship City": o.city,
				"Ship State": o.state, "Ship Zipcode": o.zip, "Ship Country": o.country, "Order ID": o.id,
				"Variations": it.variations, "Order Type": "online", "Listings Type": "listing", "Payment Type": "online_cc",
				"VAT Paid by Buyer": "0", "SKU": it.sku})
		}
	}
	return csvRows(etsyItemsHeader, rows, ',', false)
}

func etsyOrdersCSV() []byte {
	var rows []map[string]string
	for _, o := range etsyOrders {
		shipped := ""
		all := true
		for _, it := range o.items {
			if it.shipped == "" {
				all = false
			} else {
				shipped = it.shipped[:6] + it.shipped[8:]
			}
		}
		if !all {
			shipped = ""
		}
		var qty int64
		for _, it := range o.items {
			qty += it.qty
		}
		fees := (o.total()*3 + 50) / 100
		adjusted := "0.00"
		if o.refund > 0 {
			adjusted = centsText(o.total() - o.refund)
		}
		rows = append(rows, map[string]string{"Sale Date": o.sale, "Order ID": o.id, "Buyer User ID": o.username,
			"Full Name": joinName(o.first, o.last), "First Name": o.first, "Last Name": o.last, "Number of Items": intText(qty),
			"Payment Method": "Credit Card", "Date Shipped": shipped, "Street 1": o.street, "Ship City": o.city,
			"Ship State": o.state, "Ship Zipcode": o.zip, "Ship Country": o.country, "Currency": "USD",
			"Order Value": centsText(o.value()), "Coupon Code": o.coupon, "Coupon Details": o.couponDetails,
			"Discount Amount": centsText(o.discount), "Shipping Discount": centsText(o.shipDiscount), "Shipping": centsText(o.shipping),
			"Sales Tax": centsText(o.tax), "Order Total": centsText(o.total()), "Card Processing Fees": centsText(fees),
			"Order Net": centsText(o.total() - fees), "Adjusted Order Total": adjusted, "Adjusted Card Processing Fees": "0.00",
			"Adjusted Net Order Amount": "0.00", "Buyer": o.username, "Order Type": "online", "Payment Type": "online_cc"})
	}
	return csvRows(etsyOrdersHeader, rows, ',', false)
}

func intText(n int64) string {
	return strings.TrimSpace(strings.Replace(fenText(n*100), ".00", "", 1))
}

// ---- Amazon Seller Central: tab-separated flat files, lower-case
// hyphenated headers, times ISO 8601 with an offset. item-price is for
// the quantity.

var amazonOrderReportHeader = strings.Split("order-id	order-item-id	purchase-date	payments-date	buyer-email	"+
	"buyer-name	buyer-phone-number	sku	product-name	quantity-purchased	currency	item-price	item-tax	"+
	"shipping-price	shipping-tax	item-promotion-discount	item-promotion-id	ship-promotion-discount	"+
	"ship-promotion-id	ship-service-level	recipient-name	ship-address-1	ship-address-2	ship-address-3	"+
	"ship-city	ship-state	ship-postal-code	ship-country	ship-phone-number	delivery-start-date	"+
	"delivery-end-date	delivery-time-zone	delivery-Instructions	sales-channel	is-business-order	"+
	"purchase-order-number	price-designation", "\t")

var amazonAllOrdersHeader = strings.Split("amazon-order-id	merchant-order-id	purchase-date	last-updated-date	"+
	"order-status	fulfillment-channel	sales-channel	order-channel	url	ship-service-level	product-name	sku	asin	"+
	"item-status	quantity	currency	item-price	item-tax	shipping-price	shipping-tax	gift-wrap-price	"+
	"gift-wrap-tax	item-promotion-discount	ship-promotion-discount	ship-city	ship-state	ship-postal-code	"+
	"ship-country	promotion-ids	is-business-order	purchase-order-number	price-designation", "\t")

type amazonItem struct {
	itemID, sku, asin, name, status  string
	qty                              int64
	price, tax, ship, shipTax, promo int64 // for the whole quantity
	shipPromo, giftWrap, giftWrapTax int64
	blankPrice                       bool // a pending order: Amazon gives no amounts yet
}

type amazonOrder struct {
	id, date, paid, status, channel, currency string
	buyer, email, recipient, street, city     string
	state, zip, country, instructions         string
	items                                     []amazonItem
}

// US orders of the order report: tax on top of the prices.
var amazonReportOrders = []amazonOrder{
	{id: "111-4827193-0000001", date: "2026-11-02T15:04:05-08:00", paid: "2026-11-02T15:04:05-08:00", channel: "Amazon.com",
		currency: "USD", buyer: "Jane Roe", email: "x2k9q7@marketplace.amazon.com", recipient: "Jane Roe",
		street: "500 Market St", city: "San Francisco", state: "CA", zip: "94105", country: "US",
		instructions: "Leave at the front desk",
		items: []amazonItem{{itemID: "60000000000001", sku: "TEA-001", name: "Oolong tea 100g", qty: 2, price: 2598, tax: 208,
			ship: 599, shipTax: 48, promo: 200},
			{itemID: "60000000000002", sku: "MUG-01", name: "Stoneware tea mug", qty: 1, price: 1400, tax: 112}}},
	// A price for three that does not divide by three; free shipping by
	// promotion.
	{id: "111-4827193-0000002", date: "2026-11-03T09:30:00-08:00", paid: "2026-11-03T09:31:00-08:00", channel: "Amazon.com",
		currency: "USD", buyer: "Rob Poe", email: "r7t2m1@marketplace.amazon.com", recipient: "Rob Poe",
		street: "1 Main St", city: "Boston", state: "MA", zip: "02108", country: "US",
		items: []amazonItem{{itemID: "60000000000003", sku: "SCOOP-01", name: "Bamboo tea scoop", qty: 3, price: 1000, tax: 80,
			ship: 300, shipPromo: 300}}},
}

// EU orders of the All Orders report: VAT inside the prices.
var amazonEUOrders = []amazonOrder{
	{id: "302-1111111-0000001", date: "2026-11-02T10:00:00+00:00", status: "Shipped", channel: "Amazon.de", currency: "EUR",
		city: "Berlin", zip: "10117", country: "DE",
		items: []amazonItem{{sku: "TEA-001", asin: "B0TEA00001", name: "Oolong Tee 100g", status: "Shipped", qty: 2, price: 3980,
			tax: 635, ship: 499, shipTax: 80}}},
	{id: "302-1111111-0000002", date: "2026-11-03T11:00:00+00:00", status: "Unshipped", channel: "Amazon.de", currency: "EUR",
		city: "München", zip: "80331", country: "DE",
		items: []amazonItem{{sku: "MUG-01", asin: "B0MUG00001", name: "Teetasse", status: "Unshipped", qty: 1, price: 1800, tax: 287,
			giftWrap: 300, giftWrapTax: 48},
			{sku: "SCOOP-01", asin: "B0SCO00001", name: "Teelöffel", status: "Unshipped", qty: 1, price: 900, tax: 144, promo: 100}}},
	{id: "302-1111111-0000003", date: "2026-11-04T12:00:00+00:00", status: "Pending", channel: "Amazon.de", currency: "EUR",
		city: "Hamburg", zip: "20095", country: "DE",
		items: []amazonItem{{sku: "TEA-001", asin: "B0TEA00001", name: "Oolong Tee 100g", status: "Unshipped", qty: 1, blankPrice: true}}},
	{id: "302-1111111-0000004", date: "2026-11-04T13:00:00+00:00", status: "Cancelled", channel: "Amazon.de", currency: "EUR",
		city: "Köln", zip: "50667", country: "DE",
		items: []amazonItem{{sku: "MUG-01", asin: "B0MUG00001", name: "Teetasse", status: "Cancelled", qty: 0, blankPrice: true}}},
	{id: "302-1111111-0000005", date: "2026-11-05T14:00:00+00:00", status: "PartiallyShipped", channel: "Amazon.de",
		currency: "EUR", city: "Frankfurt", zip: "60311", country: "DE",
		items: []amazonItem{{sku: "TEA-001", asin: "B0TEA00001", name: "Oolong Tee 100g", status: "Shipped", qty: 1, price: 1990,
			tax: 318, ship: 499, shipTax: 80},
			{sku: "MUG-01", asin: "B0MUG00001", name: "Teetasse", status: "Unshipped", qty: 1, price: 1800, tax: 287}}},
}

func amazonMoney(c int64, blank bool) string {
	if blank {
		return ""
	}
	return centsText(c)
}

func amazonOrderReport() []byte {
	var rows []map[string]string
	for _, o := range amazonReportOrders {
		for _, it := range o.items {
			rows = append(rows, map[string]string{"order-id": o.id, "order-item-id": it.itemID, "purchase-date": o.date,
				"payments-date": o.paid, "buyer-email": o.email, "buyer-name": o.buyer, "sku": it.sku, "product-name": it.name,
				"quantity-purchased": intText(it.qty), "currency": o.currency, "item-price": centsText(it.price), "item-tax": centsText(it.tax),
				"shipping-price": centsText(it.ship), "shipping-tax": centsText(it.shipTax), "item-promotion-discount": centsText(it.promo),
				"ship-promotion-discount": centsText(it.shipPromo), "ship-service-level": "Standard", "recipient-name": o.recipient,
				"ship-address-1": o.street, "ship-city": o.city, "ship-state": o.state, "ship-postal-code": o.zip,
				"ship-country": o.country, "delivery-Instructions": o.instructions, "sales-channel": o.channel,
				"is-business-order": "false"})
		}
	}
	return amazonTSV(amazonOrderReportHeader, rows)
}

func amazonAllOrders() []byte {
	var rows []map[string]string
	for _, o := range amazonEUOrders {
		for _, it := range o.items {
			b := it.blankPrice
			rows = append(rows, map[string]string{"amazon-order-id": o.id, "purchase-date": o.date, "last-updated-date": o.date,
				"order-status": o.status, "fulfillment-channel": "Merchant", "sales-channel": o.channel, "order-channel": "",
				"ship-service-level": "Standard", "product-name": it.name, "sku": it.sku, "asin": it.asin, "item-status": it.status,
				"quantity": intText(it.qty), "currency": o.currency, "item-price": amazonMoney(it.price, b),
				"item-tax": amazonMoney(it.tax, b), "shipping-price": amazonMoney(it.ship, b), "shipping-tax": amazonMoney(it.shipTax, b),
				"gift-wrap-price": amazonMoney(it.giftWrap, b), "gift-wrap-tax": amazonMoney(it.giftWrapTax, b),
				"item-promotion-discount": amazonMoney(-it.promo, b || it.promo == 0), "ship-promotion-discount": amazonMoney(0, b),
				"ship-city": o.city, "ship-postal-code": o.zip, "ship-country": o.country, "is-business-order": "false"})
		}
	}
	return amazonTSV(amazonAllOrdersHeader, rows)
}

// amazonTSV writes a flat file: tabs, no quoting, CRLF.
func amazonTSV(header []string, rows []map[string]string) []byte {
	var b strings.Builder
	b.WriteString(strings.Join(header, "\t") + "\r\n")
	for _, r := range rows {
		b.WriteString(strings.Join(fieldsInOrder(header, r), "\t") + "\r\n")
	}
	return []byte(b.String())
}

// ---- eBay Seller Hub: Orders → Download report. A first line of bare
// commas, the header, a padding line of commas, the rows, then "N
// record(s) downloaded" and "Seller ID : …". Amounts "$12.34", dates
// "Nov-02-26". An order of several items: its own row (no item number),
// then a row per item under the same sales record number.

var ebayHeader = strings.Split("Sales Record Number,Order Number,Buyer Username,Buyer Name,Buyer Email,Buyer Note,"+
	"Buyer Address 1,Buyer Address 2,Buyer City,Buyer State,Buyer Zip,Buyer Country,Ship To Name,Ship To Phone,"+
	"Ship To Address 1,Ship To Address 2,Ship To City,Ship To State,Ship To Zip,Ship To Country,Item Number,"+
	"Item Title,Custom Label,Sold Via Promoted Listings,Quantity,Sold For,Shipping And Handling,"+
	"Seller Collected Tax,eBay Collected Tax,Total Price,eBay Collected Tax and Fees Included in Total,"+
	"Payment Method,Sale Date,Paid On Date,Ship By Date,Shipped On Date,Feedback Left,Feedback Received,"+
	"My Item Note,PayPal Transaction ID,Shipping Service,Tracking Number,Transaction ID,Variation Details,"+
	"Global Shipping Program,Global Shipping Reference ID,Click And Collect,Click And Collect Reference Number,"+
	"eBay Plus,Tax City,Tax State,Tax Zip,Tax Country", ",")

type ebayItem struct {
	number, title, label, variation string
	qty, price                      int64
}

type ebayOrder struct {
	record, order, user, name, email, street, city, state, zip string
	shipping, tax                                              int64
	sale, paid, shipped, tracking                              string
	items                                                      []ebayItem
}

var ebayOrders = []ebayOrder{
	{record: "1001", order: "05-12345-00001", user: "teafan_01", name: "Pat Doe", email: "pat@example.com",
		street: "12 Oak Ave", city: "Portland", state: "OR", zip: "97201", shipping: 500, tax: 207,
		sale: "Nov-02-26", paid: "Nov-02-26", shipped: "Nov-03-26", tracking: "9400100000000000000001",
		items: []ebayItem{{number: "276400000001", title: "Oolong tea 100g loose leaf", label: "TEA-001", qty: 1, price: 2400}}},
	{record: "1002", order: "05-12345-00002", user: "mugcollector", name: "Chris Poe", email: "chris@example.com",
		street: "88 Lamar Blvd", city: "Austin", state: "TX", zip: "78701", shipping: 650,
		sale: "Nov-04-26", paid: "Nov-04-26",
		items: []ebayItem{{number: "276400000002", title: "Hand-thrown tea bowl", variation: "Color:Red", qty: 2, price: 1400},
			{number: "276400000001", title: "Oolong tea 100g loose leaf", label: "TEA-001", qty: 1, price: 2400}}},
	{record: "1003", order: "05-12345-00003", user: "latepayer", name: "Sam Roe", email: "sam@example.com",
		street: "5 Elm St", city: "Denver", state: "CO", zip: "80201", shipping: 300,
		sale:  "Nov-05-26",
		items: []ebayItem{{number: "276400000003", title: "Bamboo tea scoop", qty: 1, price: 999}}},
}

func (o ebayOrder) goods() int64 {
	var g int64
	for _, it := range o.items {
		g += it.qty * it.price
	}
	return g
}

func ebayDollars(c int64) string { return "$" + centsText(c) }

func ebayReportCSV() []byte {
	var rows []map[string]string
	for _, o := range ebayOrders {
		order := map[string]string{"Sales Record Number": o.record, "Order Number": o.order, "Buyer Username": o.user,
			"Buyer Name": o.name, "Buyer Email": o.email, "Buyer Address 1": o.street, "Buyer City": o.city,
			"Buyer State": o.state, "Buyer Zip": o.zip, "Buyer Country": "United States", "Ship To Name": o.name,
			"Ship To Address 1": o.street, "Ship To City": o.city, "Ship To State": o.state, "Ship To Zip": o.zip,
			"Ship To Country": "United States", "Shipping And Handling": ebayDollars(o.shipping),
			"Seller Collected Tax": ebayDollars(0), "eBay Collected Tax": ebayDollars(o.tax),
			"Total Price": ebayDollars(o.goods() + o.shipping + o.tax), "eBay Collected Tax and Fees Included in Total": "Yes",
			"Payment Method": "eBay Managed Payments", "Sale Date": o.sale, "Paid On Date": o.paid, "Shipped On Date": o.shipped,
			"Tracking Number": o.tracking, "Shipping Service": "USPS Ground Advantage"}
		item := func(it ebayItem, n int) map[string]string {
			return map[string]string{"Sales Record Number": o.record, "Order Number": o.order, "Buyer Username": o.user,
				"Item Number": it.number, "Item Title": it.title, "Custom Label": it.label, "Sold Via Promoted Listings": "No",
				"Quantity": intText(it.qty), "Sold For": ebayDollars(it.price), "Sale Date": o.sale, "Paid On Date": o.paid,
				"Shipped On Date": o.shipped, "Transaction ID": "19000000" + intText(int64(n)), "Variation Details": it.variation}
		}
		if len(o.items) == 1 {
			r := item(o.items[0], 1)
			for k, v := range order {
				if r[k] == "" {
					r[k] = v
				}
			}
			rows = append(rows, r)
			continue
		}
		var qty int64
		for _, it := range o.items {
			qty += it.qty
		}
		order["Quantity"], order["Sold For"] = intText(qty), ebayDollars(o.goods())
		rows = append(rows, order)
		for i, it := range o.items {
			rows = append(rows, item(it, i+1))
		}
	}
	var b bytes.Buffer
	blank := strings.Repeat(",", len(ebayHeader)-1) + "\r\n"
	b.WriteString(blank)
	b.Write(csvRows(ebayHeader, nil, ',', true))
	b.WriteString(blank)
	body := csvRows(ebayHeader, rows, ',', true)
	b.Write(body[bytes.IndexByte(body, '\n')+1:])
	b.WriteString("\r\n")
	b.WriteString(intText(int64(len(ebayOrders))) + ",record(s) downloaded,\"from Nov-01-26 to Nov-20-26\"\r\n")
	b.WriteString("Seller ID : tea-seller-01\r\n")
	return b.Bytes()
}

// ---- WooCommerce through its export plugins. The same orders three
// ways: one row per item (WooCommerce Customer/Order/Coupon Export,
// "Default - One Row per Item": order fields on every row, item_subtotal
// before coupons and item_total after), one row per order with the items
// packed in line_items (its "Default" format), and WebToffee's Order
// Export with line_item_1, line_item_2….

type wooItem struct {
	id, productID, name, sku  string
	qty, subtotal, total, tax int64 // subtotal before coupons, total after; tax on the total
}

type wooExportOrder struct {
	id, date, paid, status, payment, paymentTitle string
	first, last, email, phone, street, city       string
	state, zip, country, coupon, note             string
	shipping, shippingTax, fee, refunded          int64
	items                                         []wooItem
}

var wooExportOrders = []wooExportOrder{
	// A 10% coupon taken off each line; tax on items and shipping.
	{id: "7001", date: "2026-11-02 10:15:00", paid: "2026-11-02 10:16:00", status: "completed", payment: "stripe",
		paymentTitle: "Credit Card (Stripe)", first: "Mary", last: "Major", email: "mary@example.com", phone: "555-0101",
		street: "1 Elm St", city: "Springfield", state: "IL", zip: "62701", country: "US", coupon: "save10",
		shipping: 500, shippingTax: 40,
		items: []wooItem{{id: "11", productID: "101", name: "Oolong tea 100g", sku: "TEA-001", qty: 2, subtotal: 3000, total: 2700, tax: 216},
			{id: "12", productID: "102", name: "Stoneware tea mug", sku: "MUG-01", qty: 1, subtotal: 1800, total: 1620, tax: 130}}},
	// Cash on delivery with a fee; processing (paid on delivery: not yet).
	{id: "7002", date: "2026-11-03 09:00:00", status: "processing", payment: "cod", paymentTitle: "Cash on delivery",
		first: "Leo", last: "Minor", email: "leo@example.com", phone: "555-0102", street: "2 Oak St", city: "Dayton",
		state: "OH", zip: "45402", country: "US", fee: 200, note: "Ring twice",
		items: []wooItem{{id: "13", productID: "103", name: "Bamboo tea scoop", sku: "SCOOP-01", qty: 2, subtotal: 1000, total: 1000}}},
	// Refunded in full.
	{id: "7003", date: "2026-11-04 18:30:00", paid: "2026-11-04 18:31:00", status: "refunded", payment: "paypal",
		paymentTitle: "PayPal", first: "Ivy", last: "Park", email: "ivy@example.com", phone: "555-0103", street: "3 Pine St",
		city: "Eugene", state: "OR", zip: "97401", country: "US", refunded: 1500,
		items: []wooItem{{id: "14", productID: "104", name: "Linen tea towel", sku: "TOWEL-01", qty: 1, subtotal: 1500, total: 1500}}},
	// On hold, awaiting a bank transfer.
	{id: "7004", date: "2026-11-05 08:00:00", status: "on-hold", payment: "bacs", paymentTitle: "Direct bank transfer",
		first: "Tom", last: "Hale", email: "tom@example.com", phone: "555-0104", street: "4 Ash St", city: "Reno",
		state: "NV", zip: "89501", country: "US", shipping: 300,
		items: []wooItem{{id: "15", productID: "101", name: "Oolong tea 100g", sku: "TEA-001", qty: 1, subtotal: 1500, total: 1500}}},
}

func (o wooExportOrder) sums() (subtotal, total, tax, discount, orderTotal int64) {
	for _, it := range o.items {
		subtotal += it.subtotal
		total += it.total
		tax += it.tax
	}
	discount = subtotal - total
	orderTotal = total + tax + o.shipping + o.shippingTax + o.fee
	return
}

var wooRowsHeader = strings.Split("order_id,order_number,order_date,status,shipping_total,shipping_tax_total,fee_total,"+
	"fee_tax_total,tax_total,cart_discount,order_discount,discount_total,order_total,refunded_total,order_currency,"+
	"payment_method,shipping_method,customer_id,billing_first_name,billing_last_name,billing_company,billing_email,"+
	"billing_phone,billing_address_1,billing_address_2,billing_postcode,billing_city,billing_state,billing_country,"+
	"shipping_first_name,shipping_last_name,shipping_address_1,shipping_address_2,shipping_postcode,shipping_city,"+
	"shipping_state,shipping_country,shipping_company,customer_note,item_id,item_product_id,item_name,item_sku,"+
	"item_quantity,item_subtotal,item_subtotal_tax,item_total,item_total_tax,item_refunded,item_refunded_qty,item_meta,"+
	"shipping_items,fee_items,tax_items,coupon_items,order_notes,download_permissions_granted", ",")

// wooOrderFields are an order's own columns, for every layout.
func wooOrderFields(o wooExportOrder) map[string]string {
	_, _, tax, discount, total := o.sums()
	m := map[string]string{"order_id": "9" + o.id, "order_number": o.id, "order_date": o.date, "paid_date": o.paid,
		"status": o.status, "shipping_total": centsText(o.shipping), "shipping_tax_total": centsText(o.shippingTax),
		"fee_total": centsText(o.fee), "fee_tax_total": "0.00", "tax_total": centsText(tax), "cart_discount": centsText(discount),
		"order_discount": "0.00", "discount_total": centsText(discount), "order_total": centsText(total),
		"refunded_total": centsText(o.refunded), "order_currency": "USD", "payment_method": o.payment,
		"payment_method_title": o.paymentTitle, "shipping_method": "Flat rate", "customer_id": "0",
		"billing_first_name": o.first, "billing_last_name": o.last, "billing_email": o.email, "billing_phone": o.phone,
		"billing_address_1": o.street, "billing_postcode": o.zip, "billing_city": o.city, "billing_state": o.state,
		"billing_country": o.country, "shipping_first_name": o.first, "shipping_last_name": o.last,
		"shipping_address_1": o.street, "shipping_postcode": o.zip, "shipping_city": o.city, "shipping_state": o.state,
		"shipping_country": o.country, "customer_note": o.note, "customer_email": o.email}
	if o.coupon != "" {
		m["coupon_items"] = "code:" + o.coupon + "|amount:" + centsText(discount)
	}
	return m
}

func wooRowsCSV() []byte {
	var rows []map[string]string
	for _, o := range wooExportOrders {
		for _, it := range o.items {
			r := wooOrderFields(o)
			r["item_id"], r["item_product_id"], r["item_name"], r["item_sku"] = it.id, it.productID, it.name, it.sku
			r["item_quantity"], r["item_subtotal"], r["item_total"] = intText(it.qty), centsText(it.subtotal), centsText(it.total)
			r["item_subtotal_tax"], r["item_total_tax"], r["item_refunded"], r["item_refunded_qty"] = "0.00", centsText(it.tax), "0.00", "0"
			rows = append(rows, r)
		}
	}
	return csvRows(wooRowsHeader, rows, ',', true)
}

var wooLineItemsHeader = strings.Split("order_id,order_number,order_date,status,shipping_total,shipping_tax_total,"+
	"fee_total,fee_tax_total,tax_total,cart_discount,order_discount,discount_total,order_total,refunded_total,"+
	"order_currency,payment_method,shipping_method,customer_id,billing_first_name,billing_last_name,billing_company,"+
	"billing_email,billing_phone,billing_address_1,billing_address_2,billing_postcode,billing_city,billing_state,"+
	"billing_country,shipping_first_name,shipping_last_name,shipping_address_1,shipping_address_2,shipping_postcode,"+
	"shipping_city,shipping_state,shipping_country,shipping_company,customer_note,line_items,shipping_items,fee_items,"+
	"tax_items,coupon_items,order_notes,download_permissions_granted", ",")

func wooLineItemsCSV() []byte {
	var rows []map[string]string
	for _, o := range wooExportOrders {
		r := wooOrderFields(o)
		var items []string
		for _, it := range o.items {
			items = append(items, "id:"+it.id+"|name:"+it.name+"|product_id:"+it.productID+"|variation_id:0|sku:"+it.sku+
				"|quantity:"+intText(it.qty)+"|subtotal:"+centsText(it.subtotal)+"|subtotal_tax:0.00|total:"+centsText(it.total)+
				"|total_tax:"+centsText(it.tax)+"|refunded:0.00|refunded_qty:0|meta:")
		}
		r["line_items"] = strings.Join(items, ";")
		rows = append(rows, r)
	}
	return csvRows(wooLineItemsHeader, rows, ',', true)
}

var wooWebToffeeHeader = strings.Split("order_id,order_number,order_date,paid_date,status,shipping_total,"+
	"shipping_tax_total,fee_total,fee_tax_total,tax_total,cart_discount,order_discount,discount_total,order_total,"+
	"order_subtotal,order_key,order_currency,payment_method,payment_method_title,transaction_id,customer_ip_address,"+
	"customer_user_agent,shipping_method,customer_id,customer_user,customer_email,billing_first_name,billing_last_name,"+
	"billing_company,billing_email,billing_phone,billing_address_1,billing_address_2,billing_postcode,billing_city,"+
	"billing_state,billing_country,shipping_first_name,shipping_last_name,shipping_company,shipping_phone,"+
	"shipping_address_1,shipping_address_2,shipping_postcode,shipping_city,shipping_state,shipping_country,"+
	"customer_note,wt_import_key,shipping_items,fee_items,tax_items,coupon_items,refund_items,order_notes,"+
	"download_permissions,line_item_1,line_item_2", ",")

func wooWebToffeeCSV() []byte {
	var rows []map[string]string
	for _, o := range wooExportOrders {
		r := wooOrderFields(o)
		subtotal, _, _, _, _ := o.sums()
		r["order_subtotal"], r["order_key"], r["customer_user"] = centsText(subtotal), "wc_order_"+o.id, "0"
		for i, it := range o.items {
			r["line_item_"+intText(int64(i+1))] = "name:" + it.name + "|product_id:" + it.productID + "|sku:" + it.sku +
				"|quantity:" + intText(it.qty) + "|total:" + centsText(it.total) + "|sub_total:" + centsText(it.subtotal) +
				"|tax:" + centsText(it.tax) + "|tax_data:"
		}
		rows = append(rows, r)
	}
	return csvRows(wooWebToffeeHeader, rows, ',', true)
}

// ---- A generic list with the name in two columns, snake_case and
// hyphenated headers, line totals and day-first dates.

func genericNamesCSV() []byte {
	header := []string{"order-id", "order_date", "first_name", "last_name", "e-mail", "sku", "qty", "line_total", "currency"}
	rows := []map[string]string{
		{"order-id": "G-1", "order_date": "13/11/2026", "first_name": "Mei", "last_name": "Chen", "e-mail": "mei@example.com",
			"sku": "TEA-LJ-250", "qty": "2", "line_total": "336.00", "currency": "CNY"},
		{"order-id": "G-1", "order_date": "13/11/2026", "sku": "CUP-BC-6", "qty": "1", "line_total": "88.00", "currency": "CNY"},
		{"order-id": "G-2", "order_date": "03/11/2026", "first_name": "Wei", "last_name": "Zhang", "e-mail": "wei@example.com",
			"sku": "TEA-LJ-250", "qty": "3", "line_total": "500.00", "currency": "CNY"},
	}
	return csvRows(header, rows, ',', false)
}
