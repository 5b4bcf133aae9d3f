package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"orderdesk/app"
)

// FuzzParseCSV: whatever a CSV file holds, each preset reads it into
// orders and row problems without panicking: every problem names a row
// and says what is wrong, every order has lines, and no order comes from
// more rows than the file has.
//
//	go test ./importer -run '^$' -fuzz '^FuzzParseCSV$' -fuzztime 1m
func FuzzParseCSV(f *testing.F) {
	for _, name := range []string{"shopify_orders.csv", "shopify_orders_bad_row.csv", "woocommerce_orders.csv", "taobao_orders_gbk.csv",
		"etsy_sold_order_items.csv", "amazon_all_orders.txt", "ebay_orders_report.csv", "woocommerce_line_items.csv",
		"woocommerce_webtoffee.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		for preset := range byte(8) {
			f.Add(b, preset)
		}
	}
	f.Add([]byte("Name,Lineitem sku,Lineitem quantity,Lineitem price,Created at\n#1001,TEA-001,-2,1e308,yesterday\n"), byte(0))
	f.Add([]byte("order id,sku,qty,price\nA,TEA,99999999999999999999,¥12.80\nA,,1,\n"), byte(3))
	cny, _ := app.LookupCurrency("CNY")
	presets := []string{PresetShopify, PresetWooCommerce, PresetTaobao, PresetGeneric, PresetEtsy, PresetAmazon, PresetEBay, PresetAuto}
	f.Fuzz(func(t *testing.T, file []byte, preset byte) {
		tab, err := ReadCSV("fuzz.csv", bytes.NewReader(file))
		if err != nil {
			return // FuzzReadCSV covers reading
		}
		opt := Options{Preset: presets[int(preset)%len(presets)], Currency: cny, NewOrders: preset&8 != 0}
		if preset&16 != 0 {
			opt.Date = time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
		}
		parsed, err := Parse([]Table{tab}, opt)
		if err != nil {
			if strings.TrimSpace(err.Error()) == "" {
				t.Fatal("an error that says nothing")
			}
			return
		}
		for _, p := range parsed.Problems {
			if p.Row < 1 || strings.TrimSpace(p.Message) == "" || strings.Contains(p.Message, "%!") && !bytes.Contains(file, []byte("%")) {
				t.Fatalf("problem %+v", p)
			}
		}
		if len(parsed.Orders) > parsed.Rows {
			t.Fatalf("%d orders from %d rows", len(parsed.Orders), parsed.Rows)
		}
		for _, o := range parsed.Orders {
			if len(o.Lines) == 0 {
				t.Fatalf("order %q has no lines", o.PlatformOrderID)
			}
		}
	})
}
