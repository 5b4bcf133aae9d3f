package importer_test

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"orderdesk/app"
	"orderdesk/importer"
)

// The real exports beside the repository (see their README): each is read
// with the preset Detect names, and every order is checked against the
// figures the file itself gives, read here with encoding/csv alone.

// sharedExports is the folder of real exports, never copied into the
// repository.
var sharedExports = filepath.Join("..", "..", "shared", "data", "real-exports")

// sharedFile reads a real export's tables, or skips the test.
func sharedFile(t *testing.T, name string) []importer.Table {
	t.Helper()
	path := filepath.Join(sharedExports, name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("the real exports are not on this machine: %v", err)
	}
	tables, err := importer.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return tables
}

// sharedRecords reads a real export as plain records, header first, with
// encoding/csv: the test's figures come from the file, not from the
// importer.
func sharedRecords(t *testing.T, name string, comma rune) []map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedExports, name))
	if err != nil {
		t.Skipf("the real exports are not on this machine: %v", err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = comma, -1, true
	var header []string
	var out []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		if header == nil {
			header = rec
			continue
		}
		m := map[string]string{}
		for i, h := range header {
			if i < len(rec) {
				m[h] = strings.TrimSpace(rec[i])
			}
		}
		out = append(out, m)
	}
	return out
}

// centsIn reads "12.5", "$12.50", "-3" as cents.
func centsIn(t *testing.T, s string) app.Money {
	t.Helper()
	s = strings.TrimSpace(strings.NewReplacer("$", "", "£", "", "€", "", ",", "").Replace(s))
	if s == "" {
		return 0
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	frac = (frac + "00")[:2]
	var v int64
	for _, c := range whole + frac {
		if c < '0' || c > '9' {
			t.Fatalf("%q is not an amount", s)
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return app.Money(v)
}

// orderPayable is what the service asks for an imported order, as the
// fields of app.ImportOrder say.
func orderPayable(o app.ImportOrder) app.Money { return o.Payable() }

// parseShared parses a real export with the preset Detect chooses, which
// must be want, in the currency given.
func parseShared(t *testing.T, name, want, currency string) importer.Parsed {
	t.Helper()
	tables := sharedFile(t, name)
	if got := importer.Detect(tables); got != want {
		t.Fatalf("%s detected as %q, want %q", name, got, want)
	}
	cur, ok := app.LookupCurrency(currency)
	if !ok {
		t.Fatalf("no currency %s", currency)
	}
	parsed, err := importer.Parse(tables, importer.Options{Preset: importer.PresetAuto, Currency: cur})
	if err != nil {
		t.Fatal(err)
	}
	if len(parsed.Problems) > 0 {
		t.Errorf("%s: %d problems, the first: row %d: %s", name, len(parsed.Problems), parsed.Problems[0].Row, parsed.Problems[0].Message)
	}
	return parsed
}

// checkTotals compares every order's payable with the file's total for
// it, and what was paid with it for the paid ones.
func checkTotals(t *testing.T, parsed importer.Parsed, totals map[string]app.Money, paid map[string]bool, currency string) {
	t.Helper()
	if len(parsed.Orders) != len(totals) {
		t.Errorf("%d orders read, the file has %d", len(parsed.Orders), len(totals))
	}
	for _, o := range parsed.Orders {
		want, ok := totals[o.PlatformOrderID]
		if !ok {
			t.Errorf("order %q is not in the file", o.PlatformOrderID)
			continue
		}
		if got := orderPayable(o); got != want {
			t.Errorf("order %s asks %d, the file's total is %d (lines %+v, shipping %d, discount %d, tax %d inside %v)",
				o.PlatformOrderID, got, want, o.Lines, o.ShippingFee, o.OrderDiscount, o.Tax, o.TaxIncluded)
		}
		if paid[o.PlatformOrderID] && o.Paid != want {
			t.Errorf("order %s paid %d, want its total %d", o.PlatformOrderID, o.Paid, want)
		}
		if !paid[o.PlatformOrderID] && o.Paid != 0 {
			t.Errorf("order %s is not paid but reads paid %d", o.PlatformOrderID, o.Paid)
		}
		if o.Currency != currency {
			t.Errorf("order %s in %q, want %s", o.PlatformOrderID, o.Currency, currency)
		}
	}
}

func countLines(parsed importer.Parsed) int {
	n := 0
	for _, o := range parsed.Orders {
		n += len(o.Lines)
	}
	return n
}

// TestSharedWooCommerce: the snake_case one-row-per-item export: order
// totals on each order's first row only, item_total the line's total.
func TestSharedWooCommerce(t *testing.T) {
	const name = "woocommerce_aipos.csv"
	parsed := parseShared(t, name, importer.PresetWooCommerce, "USD")
	totals, paid := map[string]app.Money{}, map[string]bool{}
	status := map[string]string{}
	rows := sharedRecords(t, name, ',')
	for _, r := range rows {
		id := r["order_number"]
		if r["order_total"] != "" {
			totals[id] = centsIn(t, r["order_total"])
		}
		status[id] = r["status"]
		// Cash on delivery is paid when it arrives, not while processing.
		paid[id] = r["status"] == "completed" || r["status"] == "processing" && r["payment_method"] != "cod"
	}
	checkTotals(t, parsed, totals, paid, "USD")
	if len(parsed.Orders) != 50 || countLines(parsed) != 101 || len(parsed.Warnings) != 0 {
		t.Errorf("%d orders, %d lines, warnings %+v; want 50 and 101", len(parsed.Orders), countLines(parsed), parsed.Warnings)
	}
	for _, o := range parsed.Orders {
		want := map[string]app.Status{"completed": app.StatusCompleted, "processing": app.StatusPendingReview,
			"pending": app.StatusPendingReview, "on-hold": app.StatusPendingReview}[status[o.PlatformOrderID]]
		if o.Status != want {
			t.Errorf("order %s (%s) is %s, want %s", o.PlatformOrderID, status[o.PlatformOrderID], o.Status, want)
		}
		for _, l := range o.Lines {
			if shipped := o.Status == app.StatusCompleted; shipped != (l.QtyShipped == l.Qty) || l.SKU == "" {
				t.Errorf("order %s line %+v", o.PlatformOrderID, l)
			}
		}
		if o.Customer.Name == "" || o.Customer.Email == "" || o.Address.Country != "US" || o.OrderedAt.IsZero() {
			t.Errorf("order %s: %+v", o.PlatformOrderID, o)
		}
	}
}

// TestSharedEtsy: the Sold Order Items file alone, dates month first, no
// SKUs: each line is known by its listing and variations. The file has no
// order total: it is the items, the order's shipping and tax, less its
// discounts, as its columns name them.
func TestSharedEtsy(t *testing.T) {
	const name = "etsy_solditems_starry2021.csv"
	parsed := parseShared(t, name, importer.PresetEtsy, "USD")
	totals, paid := map[string]app.Money{}, map[string]bool{}
	shipped := map[string]bool{}
	for _, r := range sharedRecords(t, name, ',') {
		id := r["Order ID"]
		totals[id] += centsIn(t, r["Item Total"]) + centsIn(t, r["Order Shipping"]) - centsIn(t, r["Shipping Discount"]) +
			centsIn(t, r["Order Sales Tax"]) - centsIn(t, r["Discount Amount"])
		paid[id] = paid[id] || r["Date Paid"] != ""
		shipped[id] = r["Date Shipped"] != ""
	}
	checkTotals(t, parsed, totals, paid, "USD")
	if len(parsed.Orders) != 109 || countLines(parsed) != 136 {
		t.Errorf("%d orders, %d lines; want 109 and 136", len(parsed.Orders), countLines(parsed))
	}
	for _, o := range parsed.Orders {
		if shipped[o.PlatformOrderID] != (o.Status == app.StatusShipped) {
			t.Errorf("order %s is %s", o.PlatformOrderID, o.Status)
		}
		if o.OrderedAt.Year() != 2021 || o.Customer.Name == "" || o.Address.Country == "" {
			t.Errorf("order %s: dated %v, buyer %+v, country %q", o.PlatformOrderID, o.OrderedAt, o.Customer, o.Address.Country)
		}
		for _, l := range o.Lines {
			if l.SKU != "" || l.ListingID == "" || l.Name == "" {
				t.Errorf("order %s line %+v", o.PlatformOrderID, l)
			}
		}
	}
	// "Fqfkrl Iyrtyg (xrusebkjrlshpzoia)": the name and the username.
	for _, o := range parsed.Orders {
		if o.PlatformOrderID == "2323514365" {
			if o.Customer.Name != "Fqfkrl Iyrtyg" || o.Customer.Code != "xrusebkjrlshpzoia" || o.OrderedAt.Month() != 12 || o.OrderedAt.Day() != 26 {
				t.Errorf("order 2323514365: %+v, %v", o.Customer, o.OrderedAt)
			}
		}
	}
}

// TestSharedAmazon: the tab-separated order report of an Amazon.co.uk
// order: item-price is for the quantity and includes the VAT that
// item-tax shows.
func TestSharedAmazon(t *testing.T) {
	const name = "amazon_orders_amznparser.txt"
	parsed := parseShared(t, name, importer.PresetAmazon, "GBP")
	totals, paid := map[string]app.Money{}, map[string]bool{}
	for _, r := range sharedRecords(t, name, '\t') {
		id := r["order-id"]
		totals[id] += centsIn(t, r["item-price"]) + centsIn(t, r["shipping-price"]) -
			centsIn(t, r["item-promotion-discount"]) - centsIn(t, r["ship-promotion-discount"])
		paid[id] = r["payments-date"] != ""
	}
	checkTotals(t, parsed, totals, paid, "GBP")
	if len(parsed.Orders) != 1 || countLines(parsed) != 1 {
		t.Fatalf("%d orders, %d lines", len(parsed.Orders), countLines(parsed))
	}
	o := parsed.Orders[0]
	if !o.TaxIncluded || o.Tax != 184+17 || o.Status != app.StatusPendingReview || o.Lines[0].SKU != "AB-FOTX-IASP" ||
		o.Address.Country != "ES" || o.RecipientName == "" {
		t.Errorf("order %+v", o)
	}
}

// TestSharedEBay: the orders report's header set, one item per order,
// dates Jan-08-2025, no custom labels: every order's total is its Total
// Price. Order 1007's Total Price is a dollar more than 2 × 22.00 + 9.99
// postage: the difference is taken as postage, with a warning.
func TestSharedEBay(t *testing.T) {
	const name = "ebay_sample_etsyordermap.csv"
	parsed := parseShared(t, name, importer.PresetEBay, "USD")
	totals, paid := map[string]app.Money{}, map[string]bool{}
	for _, r := range sharedRecords(t, name, ',') {
		if r["Sales Record Number"] == "" {
			continue
		}
		totals[r["Order ID"]] += centsIn(t, r["Total Price"])
		paid[r["Order ID"]] = r["Paid On Date"] != ""
	}
	for i := range parsed.Orders {
		if parsed.Orders[i].Currency != "" {
			t.Errorf("order %s in %q: the file names no currency", parsed.Orders[i].PlatformOrderID, parsed.Orders[i].Currency)
		}
		parsed.Orders[i].Currency = "USD"
	}
	checkTotals(t, parsed, totals, paid, "USD")
	if len(parsed.Orders) != 20 || countLines(parsed) != 20 {
		t.Errorf("%d orders, %d lines", len(parsed.Orders), countLines(parsed))
	}
	if len(parsed.Warnings) != 1 || parsed.Warnings[0].Order != "28-12345-67896" {
		t.Errorf("warnings %+v", parsed.Warnings)
	}
	for _, o := range parsed.Orders {
		l := o.Lines[0]
		if o.Status != app.StatusShipped || l.QtyShipped != l.Qty || l.SKU != "" || l.ListingID == "" || o.Customer.Code == "" ||
			o.OrderedAt.Year() != 2025 || o.Address.Country != "US" {
			t.Errorf("order %s: %+v", o.PlatformOrderID, o)
		}
	}
}
