package importer_test

import (
	"path/filepath"
	"testing"

	"orderdesk/importer"
)

// TestDetect: each platform's sample exports, and the real ones beside
// the repository when they are there, name their preset; a shop's own
// list is generic.
func TestDetect(t *testing.T) {
	read := func(path string) []importer.Table {
		t.Helper()
		tables, err := importer.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return tables
	}
	for files, want := range map[[2]string]string{
		{"shopify_orders.csv"}:                                importer.PresetShopify,
		{"shopify_orders_bad_row.csv"}:                        importer.PresetShopify,
		{"woocommerce_orders.csv"}:                            importer.PresetWooCommerce,
		{"woocommerce_items_rows.csv"}:                        importer.PresetWooCommerce,
		{"woocommerce_line_items.csv"}:                        importer.PresetWooCommerce,
		{"woocommerce_webtoffee.csv"}:                         importer.PresetWooCommerce,
		{"taobao_orders_gbk.csv", "taobao_items_gbk.csv"}:     importer.PresetTaobao,
		{"taobao_items_gbk.csv", "taobao_orders_gbk.csv"}:     importer.PresetTaobao,
		{"taobao_orders_gbk.csv"}:                             importer.PresetTaobao,
		{"etsy_sold_order_items.csv"}:                         importer.PresetEtsy,
		{"etsy_sold_orders.csv", "etsy_sold_order_items.csv"}: importer.PresetEtsy,
		{"etsy_sold_orders.csv"}:                              importer.PresetEtsy,
		{"amazon_order_report.txt"}:                           importer.PresetAmazon,
		{"amazon_all_orders.txt"}:                             importer.PresetAmazon,
		{"ebay_orders_report.csv"}:                            importer.PresetEBay,
		{"generic_orders.xlsx"}:                               importer.PresetGeneric,
		{"generic_first_last_name.csv"}:                       importer.PresetGeneric,
	} {
		var tables []importer.Table
		for _, f := range files {
			if f != "" {
				tables = append(tables, read(filepath.Join("testdata", f))...)
			}
		}
		if got := importer.Detect(tables); got != want {
			t.Errorf("%v: %q, want %q", files, got, want)
		}
	}
	for name, want := range map[string]string{
		"shopify_kidsliving.csv":        importer.PresetShopify,
		"woocommerce_aipos.csv":         importer.PresetWooCommerce,
		"etsy_solditems_starry2021.csv": importer.PresetEtsy,
		"amazon_orders_amznparser.txt":  importer.PresetAmazon,
		"ebay_sample_etsyordermap.csv":  importer.PresetEBay,
	} {
		t.Run(name, func(t *testing.T) {
			if got := importer.Detect(sharedFile(t, name)); got != want {
				t.Errorf("%q, want %q", got, want)
			}
		})
	}
	if got := importer.Detect(nil); got != importer.PresetGeneric {
		t.Errorf("no tables: %q", got)
	}
}
