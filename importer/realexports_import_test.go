package importer_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"orderdesk/app"
	"orderdesk/importer"
)

// owed is what the file says an order asks, what the buyer paid, and
// how many units already left (-1: the file does not say).
type owed struct {
	payable, paid app.Money
	sent          int64
}

// importReal imports a real export into the shop with the preset the
// detector picks, making the products it names.
func importReal(t *testing.T, ctx context.Context, svc *app.Service, name string) (importer.Parsed, app.ImportResult) {
	t.Helper()
	tables, err := importer.ReadFile(filepath.Join(sharedExports, name))
	if err != nil {
		t.Fatal(err)
	}
	shop, _ := svc.Shop(ctx)
	parsed, err := importer.Parse(tables, importer.Options{Preset: importer.Detect(tables), Currency: shop.Currency, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	res, err := importer.Run(ctx, svc, parsed, app.ImportBatch{Source: name, CreateProducts: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return parsed, res
}

// TestRealExportsImportWhole: each real export imports every order, each
// asking exactly the file's total and paid what the file says was paid;
// every order reconciles (owed = payable − credits − net received) and a
// second import adds nothing.
func TestRealExportsImportWhole(t *testing.T) {
	for _, c := range []struct {
		file, currency string
		channel        app.Channel
		comma          rune
		want           func(t *testing.T, rows []map[string]string) map[string]owed
	}{
		{"shopify_kidsliving.csv", "ZAR", app.ChannelShopify, ',', shopifyOwed},
		{"etsy_solditems_starry2021.csv", "USD", app.ChannelEtsy, ',', etsyOwed},
		{"amazon_orders_amznparser.txt", "GBP", app.ChannelAmazon, '\t', amazonOwed},
		{"ebay_sample_etsyordermap.csv", "USD", app.ChannelEBay, ',', ebayOwed},
		{"woocommerce_aipos.csv", "USD", app.ChannelWoo, ',', wooOwed},
	} {
		t.Run(c.file, func(t *testing.T) {
			rows := sharedRecords(t, c.file, c.comma)
			want := c.want(t, rows)
			ctx, svc, store := platformStore(t, c.currency)
			_, res := importReal(t, ctx, svc, c.file)
			if len(res.Rejected) > 0 || res.Orders != len(want) {
				t.Fatalf("imported %d of %d orders; rejected %+v; problems %+v", res.Orders, len(want), res.Rejected, res.Problems)
			}
			for id, w := range want {
				o := orderOf(t, ctx, svc, c.channel, id)
				if o.Payable != w.payable || o.AmountPaid != w.paid {
					t.Errorf("order %s: payable %d paid %d, the file says %d and %d", id, o.Payable, o.AmountPaid, w.payable, w.paid)
				}
				var sent int64
				for _, l := range o.Lines {
					sent += l.QtyShipped
				}
				if w.sent >= 0 && sent != w.sent {
					t.Errorf("order %s: %d units shipped, the file says %d", id, sent, w.sent)
				}
				if owedNow := o.Payable - o.AmountCredited - (o.AmountPaid - o.AmountRefunded); owedNow != o.Balance() {
					t.Errorf("order %s does not reconcile: balance %d, owed %d", id, o.Balance(), owedNow)
				}
			}
			// Units the platform sent before the import never went
			// through the shop's stock ledger; the shop's own check
			// must still find every order sound.
			if problems, err := store.Check(ctx); err != nil || len(problems) > 0 {
				t.Errorf("the shop check after the import: %v %+v", err, problems)
			}
			_, again := importReal(t, ctx, svc, c.file)
			if again.Orders != 0 || len(again.Skipped) != len(want) {
				t.Fatalf("a second import made %d orders and skipped %d of %d", again.Orders, len(again.Skipped), len(want))
			}
		})
	}
}

// quantity reads a file's whole quantity.
func quantity(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// etsyOwed: an order asks its items' totals less the discounts, plus
// shipping and sales tax (order figures on one of its rows, zero on the
// others); paid when Etsy gives a payment date, sent when a ship date.
func etsyOwed(t *testing.T, rows []map[string]string) map[string]owed {
	out := map[string]owed{}
	for _, r := range rows {
		id := r["Order ID"]
		w := out[id]
		w.payable += centsIn(t, r["Item Total"]) - centsIn(t, r["Discount Amount"]) - centsIn(t, r["Shipping Discount"]) +
			centsIn(t, r["Order Shipping"]) + centsIn(t, r["Order Sales Tax"])
		if r["Date Shipped"] != "" {
			w.sent += quantity(t, r["Quantity"])
		}
		if r["Date Paid"] != "" {
			w.paid = -1 // paid: set to the payable below
		}
		out[id] = w
	}
	return settled(out)
}

// amazonOwed: item-price is for the whole quantity; the UK marketplace's
// prices include VAT (item-tax is inside them); paid once Amazon has a
// payment date. The report is of orders still to ship.
func amazonOwed(t *testing.T, rows []map[string]string) map[string]owed {
	out := map[string]owed{}
	for _, r := range rows {
		if r["sales-channel"] != "Amazon.co.uk" {
			t.Fatalf("the test knows the UK marketplace only, not %q", r["sales-channel"])
		}
		id := r["order-id"]
		w := out[id]
		w.payable += centsIn(t, r["item-price"]) + centsIn(t, r["shipping-price"]) -
			centsIn(t, r["item-promotion-discount"]) - centsIn(t, r["ship-promotion-discount"])
		if r["payments-date"] != "" {
			w.paid = w.payable
		}
		out[id] = w
	}
	return out
}

// ebayOwed: each row is an order of one item with its Total Price; paid
// on its Paid On Date, sent on its Posted On Date.
func ebayOwed(t *testing.T, rows []map[string]string) map[string]owed {
	out := map[string]owed{}
	for _, r := range rows {
		w := owed{payable: centsIn(t, r["Total Price"])}
		if r["Paid On Date"] != "" {
			w.paid = w.payable
		}
		if r["Posted On Date"] != "" {
			w.sent = quantity(t, r["Quantity"])
		}
		out[r["Order ID"]] = w
	}
	return out
}

// wooOwed: an order asks its order_total (on its first row); completed
// orders are paid and sent; processing ones are paid unless the money
// comes on delivery (cash on delivery is processing before it is paid,
// whatever paid_date says); pending and on-hold wait for the money.
func wooOwed(t *testing.T, rows []map[string]string) map[string]owed {
	out := map[string]owed{}
	for _, r := range rows {
		id := r["order_number"]
		w := out[id]
		if r["order_total"] != "" {
			w.payable = centsIn(t, r["order_total"])
		}
		switch r["status"] {
		case "processing":
			if r["payment_method"] != "cod" {
				w.paid = -1
			}
		case "completed":
			w.paid = -1
			w.sent += quantity(t, r["quantity"])
		}
		out[id] = w
	}
	return settled(out)
}

// settled: an order marked paid (-1) while its rows were added up paid
// what it asks.
func settled(out map[string]owed) map[string]owed {
	for id, w := range out {
		if w.paid == -1 {
			w.paid = w.payable
		}
		out[id] = w
	}
	return out
}

// shopifyOwed: each order asks its Total; paid orders paid it.
func shopifyOwed(t *testing.T, rows []map[string]string) map[string]owed {
	out := map[string]owed{}
	for _, r := range rows {
		id := strings.TrimPrefix(r["Name"], "#")
		if r["Total"] != "" {
			w := owed{payable: centsIn(t, r["Total"])}
			switch r["Financial Status"] {
			case "paid", "partially_refunded", "refunded":
				w.paid = w.payable
			}
			out[id] = w
		}
		if r["Lineitem fulfillment status"] == "fulfilled" {
			w := out[id]
			n, err := strconv.ParseInt(r["Lineitem quantity"], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			w.sent += n
			out[id] = w
		}
	}
	return out
}

// TestRejectedOrdersComeBackFixed: in a real Shopify export, one order in
// another currency and one with an unreadable quantity are rejected while
// the other 48 import; the rejects file holds exactly their rows, in
// Shopify's layout with the reason first; fixed there, it imports them,
// and nothing imports twice.
func TestRejectedOrdersComeBackFixed(t *testing.T) {
	rows := sharedRecords(t, "shopify_kidsliving.csv", ',')
	b, _ := os.ReadFile(filepath.Join(sharedExports, "shopify_kidsliving.csv"))
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := records[0]
	col := func(name string) int { return slices.Index(header, name) }
	inDollars, badQty := "#13519", "#13522"
	for _, r := range records[1:] {
		if r[0] == inDollars && r[col("Currency")] != "" {
			r[col("Currency")] = "USD"
		}
		if r[0] == badQty && r[col("Lineitem sku")] == "FCOTSNIG" {
			r[col("Lineitem quantity")] = "one"
		}
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "orders.csv")
	writeCSV(t, file, records)

	ctx, svc := platformShop(t, "ZAR")
	tables, err := importer.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	cur, _ := app.LookupCurrency("ZAR")
	parsed, err := importer.Parse(tables, importer.Options{Preset: importer.PresetShopify, Currency: cur, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	res, err := importer.Run(ctx, svc, parsed, app.ImportBatch{Source: "orders.csv", CreateProducts: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := shopifyOwed(t, rows)
	if res.Orders != len(want)-2 || len(res.Rejected) != 2 {
		t.Fatalf("imported %d, rejected %+v; want %d and 2", res.Orders, res.Rejected, len(want)-2)
	}
	var buf bytes.Buffer
	n, err := importer.WriteRejects(&buf, tables, parsed, res.Rejected)
	if err != nil {
		t.Fatal(err)
	}
	back, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(back[0], append([]string{importer.RejectsColumn}, header...)) {
		t.Fatalf("the rejects file's header is %q", back[0])
	}
	var fileRowsOf = func(id string) int {
		k := 0
		for _, r := range records[1:] {
			if r[0] == id {
				k++
			}
		}
		return k
	}
	if n != len(back)-1 || n != fileRowsOf(inDollars)+fileRowsOf(badQty) {
		t.Fatalf("%d rows written (%d read back), want the %d rows of the two orders", n, len(back)-1,
			fileRowsOf(inDollars)+fileRowsOf(badQty))
	}
	for _, r := range back[1:] {
		switch r[1] {
		case inDollars:
			if !strings.Contains(r[0], "USD") || !strings.Contains(r[0], "ZAR") {
				t.Errorf("the reason for %s is %q", inDollars, r[0])
			}
		case badQty:
			if !strings.Contains(r[0], `"one"`) {
				t.Errorf("the reason for %s is %q", badQty, r[0])
			}
		default:
			t.Errorf("order %s is in the rejects file", r[1])
		}
	}

	// Fixed in the rejects file, they import; the rest is not repeated.
	for _, r := range back[1:] {
		r[1+col("Currency")] = strings.Replace(r[1+col("Currency")], "USD", "ZAR", 1)
		if r[1+col("Lineitem quantity")] == "one" {
			r[1+col("Lineitem quantity")] = "1"
		}
	}
	fixed := filepath.Join(dir, "orders-rejects.csv")
	writeCSV(t, fixed, back)
	tables, err = importer.ReadFile(fixed)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err = importer.Parse(tables, importer.Options{Preset: importer.PresetShopify, Currency: cur, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	res, err = importer.Run(ctx, svc, parsed, app.ImportBatch{Source: "orders-rejects.csv", CreateProducts: true}, nil)
	if err != nil || res.Orders != 2 || len(res.Rejected) != 0 {
		t.Fatalf("the fixed rejects imported %d, rejected %+v: %v", res.Orders, res.Rejected, err)
	}
	for _, id := range []string{inDollars, badQty} {
		o := orderOf(t, ctx, svc, app.ChannelShopify, strings.TrimPrefix(id, "#"))
		if w := want[strings.TrimPrefix(id, "#")]; o.Payable != w.payable || o.AmountPaid != w.paid {
			t.Errorf("order %s: payable %d paid %d, the file says %d and %d", id, o.Payable, o.AmountPaid, w.payable, w.paid)
		}
	}
	if total, _ := svc.CountOrders(ctx); total != int64(len(want)) {
		t.Fatalf("the shop holds %d orders, the file %d", total, len(want))
	}
}

func writeCSV(t *testing.T, path string, records [][]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(records); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestRealExportsShipAndTellThePlatform: an order still to send from a
// real WooCommerce and a real Amazon export is picked, packed and shipped
// in OrderDesk, and the platform's tracking file, read back as the
// platform reads it, names the platform's order id with the carrier and
// tracking number; the orders the platform had already sent are not in
// it, and a second file holds nothing new.
func TestRealExportsShipAndTellThePlatform(t *testing.T) {
	for _, c := range []struct {
		file, currency, order string
		platform              app.TrackingPlatform
		comma                 rune
		idColumn              string
	}{
		{"woocommerce_aipos.csv", "USD", "10002", app.TrackWoo, ',', "order_id"},
		{"amazon_orders_amznparser.txt", "GBP", "111-31313131-775566", app.TrackAmazon, '\t', "order-id"},
	} {
		t.Run(c.file, func(t *testing.T) {
			sharedRecords(t, c.file, c.comma) // skips when the exports are absent
			ctx, svc := platformShop(t, c.currency)
			if _, res := importReal(t, ctx, svc, c.file); len(res.Rejected) > 0 {
				t.Fatalf("rejected %+v", res.Rejected)
			}
			o := orderOf(t, ctx, svc, app.Channel(c.platform), c.order)
			ship(t, ctx, svc, o, "UPS", "1Z999AA10123456784")

			parcels, err := svc.TrackingToExport(ctx, app.TrackingQuery{Platform: c.platform})
			if err != nil {
				t.Fatal(err)
			}
			var file bytes.Buffer
			if err := importer.WriteTracking(&file, c.platform, parcels, importer.TrackingOptions{Location: time.UTC}); err != nil {
				t.Fatal(err)
			}
			r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(file.Bytes(), []byte("\uFEFF"))))
			r.Comma = c.comma
			records, err := r.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(records) != 2 {
				t.Fatalf("the tracking file holds %d rows, want the one parcel:\n%s", len(records)-1, file.String())
			}
			row := map[string]string{}
			for i, h := range records[0] {
				row[h] = records[1][i]
			}
			if row[c.idColumn] != c.order || !strings.Contains(file.String(), "1Z999AA10123456784") || !strings.Contains(file.String(), "UPS") {
				t.Fatalf("the tracking file:\n%s", file.String())
			}
			if err := svc.MarkTrackingExported(ctx, c.platform, parcels); err != nil {
				t.Fatal(err)
			}
			if again, err := svc.TrackingToExport(ctx, app.TrackingQuery{Platform: c.platform}); err != nil || len(again) != 0 {
				t.Fatalf("after the file, still to tell: %+v %v", again, err)
			}
		})
	}
}

// ship stocks an imported order's goods, confirms it if it waits in
// review, and picks, packs and ships it with a tracking number.
func ship(t *testing.T, ctx context.Context, svc *app.Service, o *app.Order, carrier, tracking string) {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	w := &app.Warehouse{Code: "MAIN", Name: "Main", Active: true, Address: app.Address{City: "Springfield", Country: "US"}}
	must(svc.SaveWarehouse(ctx, w))
	bin := app.Bin{WarehouseID: w.ID, Code: "A-1"}
	must(svc.AddBin(ctx, &bin))
	for _, l := range o.Lines {
		if l.Kind.Stocked() {
			must(svc.ReceiveStock(ctx, app.StockReceipt{ProductID: l.ProductID, BinID: bin.ID, Qty: l.Qty, Reference: "PO-1"}))
		}
	}
	var err error
	if o.Status == app.StatusPendingReview {
		o, err = svc.Approve(ctx, o.ID, "checked with the buyer")
		must(err)
	}
	_, err = svc.Allocate(ctx, o.ID)
	must(err)
	_, err = svc.StartPickingAll(ctx, []int64{o.ID})
	must(err)
	lists, err := svc.PickLists(ctx, []int64{o.ID})
	must(err)
	_, err = svc.VerifyPick(ctx, o.ID, "Sam", app.NewPickCheck(lists[0]).Expected, false)
	must(err)
	sh, err := svc.PackOrders(ctx, app.PackInput{OrderIDs: []int64{o.ID}})
	must(err)
	_, err = svc.ShipShipment(ctx, sh.ID, app.ShipInput{Carrier: carrier, TrackingNumber: tracking})
	must(err)
}
