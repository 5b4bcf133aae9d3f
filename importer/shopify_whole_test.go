package importer_test

import (
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"orderdesk/app"
	"orderdesk/importer"
)

// shopifyHeader is the column set of Shopify's "Export orders" CSV as
// written since 2021 (Duties and the Province Name columns included).
var shopifyHeader = strings.Split("Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,"+
	"Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,"+
	"Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,"+
	"Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,"+
	"Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,"+
	"Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,"+
	"Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,"+
	"Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Phone,Receipt Number,Duties,"+
	"Billing Province Name,Shipping Province Name", ",")

// shopifyCSV writes rows given as column → value in Shopify's layout.
func shopifyCSV(t *testing.T, rows ...map[string]string) importer.Table {
	t.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	_ = w.Write(shopifyHeader)
	for _, r := range rows {
		rec := make([]string, len(shopifyHeader))
		for i, h := range shopifyHeader {
			rec[i] = r[h]
		}
		_ = w.Write(rec)
	}
	w.Flush()
	tab, err := importer.ReadCSV("orders_export.csv", strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// TestShopifyWhole: a US shop (prices without tax) imports Shopify's
// orders as Shopify shows them: taxes on top and duties are part of what
// an order asks and it was paid its Total; a partial refund is credited
// and paid back; a refunded cancelled order owes nothing and is owed
// nothing; a voided order is cancelled unpaid; a partly fulfilled order
// arrives with its fulfilled line sent and the rest to send; an order in
// euros is rejected with that reason. Every order reconciles.
func TestShopifyWhole(t *testing.T) {
	ctx, svc := platformShop(t, "USD")
	order := func(name, financial, currency, subtotal, shipping, taxes, total string) map[string]string {
		return map[string]string{"Name": name, "Email": strings.ToLower(strings.TrimPrefix(name, "#")) + "@example.com",
			"Financial Status": financial, "Paid at": "2026-10-02 10:00:00 -0400", "Currency": currency, "Subtotal": subtotal,
			"Shipping": shipping, "Taxes": taxes, "Total": total, "Discount Amount": "0.00", "Created at": "2026-10-02 09:58:00 -0400",
			"Billing Name": "Ann Lee", "Shipping Name": "Ann Lee", "Shipping Address1": "1 Main St", "Shipping City": "Austin",
			"Shipping Zip": "'78701", "Shipping Province": "TX", "Shipping Country": "US", "Refunded Amount": "0.00",
			"Outstanding Balance": "0.00", "Lineitem requires shipping": "true"}
	}
	line := func(row map[string]string, qty, name, price, sku, fulfilment string) map[string]string {
		if row == nil {
			row = map[string]string{}
		}
		row["Lineitem quantity"], row["Lineitem name"], row["Lineitem price"], row["Lineitem sku"] = qty, name, price, sku
		row["Lineitem fulfillment status"], row["Lineitem discount"], row["Lineitem requires shipping"] = fulfilment, "0.00", "true"
		return row
	}
	cont := func(name string) map[string]string { return map[string]string{"Name": name} }

	taxed := line(order("#1001", "paid", "USD", "50.00", "5.00", "4.13", "59.13"), "2", "Mug - Blue", "25.00", "MUG-B", "pending")
	taxed["Duties"] = "0.00"
	refunded := line(order("#1002", "partially_refunded", "USD", "40.00", "0.00", "3.30", "43.30"), "1", "Mug - Red", "40.00", "MUG-R", "fulfilled")
	refunded["Refunded Amount"] = "10.00"
	duties := line(order("#1003", "paid", "USD", "80.00", "10.00", "0.00", "97.50"), "1", "Teapot", "80.00", "POT", "pending")
	duties["Duties"] = "7.50"
	cancelled := line(order("#1004", "refunded", "USD", "25.00", "0.00", "2.06", "27.06"), "1", "Mug - Blue", "25.00", "MUG-B", "")
	cancelled["Cancelled at"], cancelled["Refunded Amount"] = "2026-10-03 08:00:00 -0400", "27.06"
	voided := line(order("#1005", "voided", "USD", "25.00", "0.00", "2.06", "27.06"), "1", "Mug - Blue", "25.00", "MUG-B", "")
	voided["Cancelled at"] = "2026-10-03 08:00:00 -0400"
	partly := line(order("#1006", "paid", "USD", "65.00", "5.00", "5.78", "75.78"), "1", "Mug - Red", "40.00", "MUG-R", "fulfilled")
	partlyRest := line(cont("#1006"), "1", "Mug - Blue", "25.00", "MUG-B", "pending")
	euros := line(order("#1007", "paid", "EUR", "25.00", "0.00", "0.00", "25.00"), "1", "Mug - Blue", "25.00", "MUG-B", "")

	tab := shopifyCSV(t, taxed, refunded, duties, cancelled, voided, partly, partlyRest, euros)
	if got := importer.Detect([]importer.Table{tab}); got != importer.PresetShopify {
		t.Fatalf("detected %q", got)
	}
	cur, _ := app.LookupCurrency("USD")
	parsed, err := importer.Parse([]importer.Table{tab}, importer.Options{Currency: cur, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	res, err := importer.Run(ctx, svc, parsed, app.ImportBatch{Source: "orders_export.csv", CreateProducts: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Orders != 6 || len(res.Rejected) != 1 || res.Rejected[0].Order != "1007" ||
		!strings.Contains(strings.Join(res.Rejected[0].Reasons, ";"), "in EUR") {
		t.Fatalf("imported %d, rejected %+v; problems %+v", res.Orders, res.Rejected, res.Problems)
	}
	for _, c := range []struct {
		id                                string
		payable, paid, credited, refunded app.Money
		tax                               app.Money
		status                            app.Status
		sent                              []int64
	}{
		{"1001", 5913, 5913, 0, 0, 413, "", []int64{0}},
		{"1002", 4330, 4330, 1000, 1000, 330, app.StatusShipped, []int64{1}},
		{"1003", 9750, 9750, 0, 0, 0, "", []int64{0}},
		{"1004", 2706, 2706, 2706, 2706, 206, app.StatusCancelled, []int64{0}},
		{"1005", 2706, 0, 2706, 0, 206, app.StatusCancelled, []int64{0}},
		{"1006", 7578, 7578, 0, 0, 578, "", []int64{1, 0}},
	} {
		o := orderOf(t, ctx, svc, app.ChannelShopify, c.id)
		var sent []int64
		for _, l := range o.Lines {
			sent = append(sent, l.QtyShipped)
		}
		if o.Payable != c.payable || o.AmountPaid != c.paid || o.AmountCredited != c.credited || o.AmountRefunded != c.refunded ||
			o.Tax != c.tax || o.Tax > 0 && o.TaxIncluded || !slicesEqual(sent, c.sent) ||
			c.status != "" && o.Status != c.status || c.status == "" && o.Status != app.StatusPendingReview && o.Status != app.StatusConfirmed {
			t.Errorf("order %s: payable %d paid %d credited %d refunded %d tax %d (inside %v) %s sent %v; want %+v", c.id,
				o.Payable, o.AmountPaid, o.AmountCredited, o.AmountRefunded, o.Tax, o.TaxIncluded, o.Status, sent, c)
		}
		if o.Balance() != 0 {
			t.Errorf("order %s does not reconcile: owed %d", c.id, o.Balance())
		}
	}
	if o := orderOf(t, ctx, svc, app.ChannelShopify, "1003"); o.Duties != 750 {
		t.Errorf("order 1003's duties %d", o.Duties)
	}
}

func slicesEqual(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
