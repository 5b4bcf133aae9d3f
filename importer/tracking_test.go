package importer_test

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"orderdesk/app"
	"orderdesk/importer"
)

// shanghai is where the test shop's days begin.
var shanghai = time.FixedZone("CST", 8*3600)

// parcelsToTell are three parcels: one by a carrier every platform
// knows, typed the Chinese shop's way, shipped late in the evening UTC
// (the next morning in Shanghai); one of an order with more to follow;
// one by a carrier no platform knows.
func parcelsToTell() []app.TrackedParcel {
	return []app.TrackedParcel{
		{ShipmentNumber: "202605-001-1", OrderNumber: "202605-001", Channel: app.ChannelAmazon, PlatformOrderID: "111-0000001-0000001",
			Carrier: "顺丰速运 SF Express", Service: "标快", TrackingNumber: "SF1000001", ShippedAt: time.Date(2026, 5, 14, 23, 30, 0, 0, time.UTC)},
		{ShipmentNumber: "202605-002-1", OrderNumber: "202605-002", Channel: app.ChannelWoo, PlatformOrderID: "#2002",
			Carrier: "UPS", Service: "Ground", TrackingNumber: "1Z0002", ShippedAt: time.Date(2026, 5, 15, 2, 0, 0, 0, time.UTC), MoreToFollow: true},
		{ShipmentNumber: "202605-003-1", OrderNumber: "202605-003", Channel: app.ChannelTaobao, PlatformOrderID: "4001234567890123",
			Carrier: "Bob's\tVan\nService", TrackingNumber: "BV3", ShippedAt: time.Date(2026, 5, 15, 3, 0, 0, 0, time.UTC)},
	}
}

// readBack writes the platform's file and reads it as a table.
func readBack(t *testing.T, p app.TrackingPlatform, opt importer.TrackingOptions, comma rune) ([][]string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := importer.WriteTracking(&buf, p, parcelsToTell(), opt); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(buf.Bytes()))
	r.Comma = comma
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: the file does not read back: %v\n%s", p, err, buf.String())
	}
	if len(rows) != 4 {
		t.Fatalf("%s: %d rows, want the header and 3 parcels:\n%s", p, len(rows), buf.String())
	}
	return rows, buf.Bytes()
}

func wantRows(t *testing.T, p app.TrackingPlatform, got, want [][]string) {
	t.Helper()
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("%s row %d:\n got %q\nwant %q", p, i, got[i], want[i])
		}
	}
}

func TestAmazonShippingConfirmation(t *testing.T) {
	rows, raw := readBack(t, app.TrackAmazon, importer.TrackingOptions{Location: shanghai}, '\t')
	wantRows(t, app.TrackAmazon, rows, [][]string{
		{"order-id", "order-item-id", "quantity", "ship-date", "carrier-code", "carrier-name", "tracking-number", "ship-method"},
		{"111-0000001-0000001", "", "", "2026-05-15", "SF Express", "", "SF1000001", "标快"},
		{"#2002", "", "", "2026-05-15", "UPS", "", "1Z0002", "Ground"},
		{"4001234567890123", "", "", "2026-05-15", "Other", "Bob's Van Service", "BV3", ""},
	})
	if bytes.Count(raw, []byte("\t")) != 4*7 || bytes.Contains(raw, []byte(",")) {
		t.Errorf("not one tab between every two columns:\n%s", raw)
	}
	if got := importer.TrackingFileName(app.TrackAmazon, time.Date(2026, 5, 15, 0, 0, 0, 0, time.Local)); got != "tracking-amazon-2026-05-15.txt" {
		t.Errorf("Amazon's file is offered as %s", got)
	}
}

func TestEBayOrderStatusUpload(t *testing.T) {
	rows, _ := readBack(t, app.TrackEBay, importer.TrackingOptions{Location: shanghai, Country: "US"}, ',')
	wantRows(t, app.TrackEBay, rows, [][]string{
		{"Action(SiteID=US|Country=US|Currency=USD|Version=1193)", "OrderID", "ItemID", "TransactionID", "ShippingStatus",
			"ShippingCarrierUsed", "ShipmentTrackingNumber"},
		{"Status", "111-0000001-0000001", "", "", "1", "SF Express", "SF1000001"},
		{"Status", "#2002", "", "", "1", "UPS", "1Z0002"},
		{"Status", "4001234567890123", "", "", "1", "Bob's Van Service", "BV3"},
	})
	uk, _ := readBack(t, app.TrackEBay, importer.TrackingOptions{Country: "GB"}, ',')
	if uk[0][0] != "Action(SiteID=UK|Country=GB|Currency=GBP|Version=1193)" {
		t.Errorf("a British shop's eBay file starts %q", uk[0][0])
	}
	cn, _ := readBack(t, app.TrackEBay, importer.TrackingOptions{Country: "CN"}, ',')
	if cn[0][0] != rows[0][0] {
		t.Errorf("a shop in a country without an eBay site gets %q, want the US site", cn[0][0])
	}
}

func TestTaobaoBatchShipping(t *testing.T) {
	var buf bytes.Buffer
	if err := importer.WriteTracking(&buf, app.TrackTaobao, parcelsToTell(), importer.TrackingOptions{}); err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()
	if utf8.Valid(raw) {
		t.Fatalf("the Taobao file is UTF-8, want GBK:\n%s", raw)
	}
	if !bytes.HasPrefix(raw, []byte("\xb6\xa9\xb5\xa5\xb1\xe0\xba\xc5,")) {
		t.Fatalf("the file does not start with 订单编号 in GBK: % x", raw[:min(len(raw), 12)])
	}
	text, err := simplifiedchinese.GBK.NewDecoder().Bytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	wantRows(t, app.TrackTaobao, rows, [][]string{
		{"订单编号", "物流公司", "运单号"},
		{"111-0000001-0000001", "顺丰速运", "SF1000001"},
		{"#2002", "UPS", "1Z0002"},
		{"4001234567890123", "Bob's Van Service", "BV3"},
	})
	// OrderDesk's own reader takes it back, as Taobao's tool does.
	table, err := importer.ReadCSV("taobao.csv", bytes.NewReader(raw))
	if err != nil || len(table.Rows) != 3 || table.Header[1] != "物流公司" {
		t.Fatalf("read back: %v %+v", err, table.Header)
	}
}

func TestShopifyWooEtsyAndGenericFiles(t *testing.T) {
	opt := importer.TrackingOptions{Location: shanghai}
	rows, _ := readBack(t, app.TrackShopify, opt, ',')
	wantRows(t, app.TrackShopify, rows, [][]string{
		{"Order Name", "Tracking Number", "Tracking Company", "Notify Customer"},
		{"111-0000001-0000001", "SF1000001", "SF Express", "TRUE"},
		{"#2002", "1Z0002", "UPS", "TRUE"},
		{"4001234567890123", "BV3", "Bob's Van Service", "TRUE"},
	})
	rows, _ = readBack(t, app.TrackWoo, opt, ',')
	wantRows(t, app.TrackWoo, rows, [][]string{
		{"order_id", "tracking_provider", "tracking_number", "date_shipped", "status_shipped"},
		{"111-0000001-0000001", "SF Express", "SF1000001", "15-05-2026", "1"},
		{"2002", "UPS", "1Z0002", "15-05-2026", "2"},
		{"4001234567890123", "Bob's Van Service", "BV3", "15-05-2026", "1"},
	})
	rows, _ = readBack(t, app.TrackEtsy, opt, ',')
	wantRows(t, app.TrackEtsy, rows, [][]string{
		{"Order ID", "Carrier", "Tracking Number", "Ship Date"},
		{"111-0000001-0000001", "SF Express", "SF1000001", "2026-05-15"},
	})
	rows, _ = readBack(t, app.TrackGeneric, opt, ',')
	wantRows(t, app.TrackGeneric, rows, [][]string{
		{"Order number", "Platform order ID", "Channel", "Carrier", "Tracking number", "Shipped date"},
		{"202605-001", "111-0000001-0000001", "amazon", "顺丰速运 SF Express", "SF1000001", "2026-05-15"},
		{"202605-002", "#2002", "woocommerce", "UPS", "1Z0002", "2026-05-15"},
		{"202605-003", "4001234567890123", "taobao", "Bob's Van Service", "BV3", "2026-05-15"},
	})
	if err := importer.WriteTracking(&bytes.Buffer{}, "jd", parcelsToTell(), opt); err == nil {
		t.Error("a platform without a layout was written")
	}
}

// TestCarrierNames: what shops type is recognised and named as each
// platform knows the carrier.
func TestCarrierNames(t *testing.T) {
	for _, c := range []struct {
		typed                           string
		amazonCode, amazonName, shopify string
		ebay, taobao                    string
	}{
		{"SF", "SF Express", "", "SF Express", "SF Express", "顺丰速运"},
		{"顺丰包邮", "SF Express", "", "SF Express", "SF Express", "顺丰速运"},
		{"ZTO", "Other", "ZTO Express", "ZTO Express", "ZTO Express", "中通快递"},
		{"圆通速递 YTO", "Other", "YTO Express", "YTO Express", "YTO Express", "圆通速递"},
		{"韵达", "Other", "Yunda Express", "Yunda Express", "Yunda Express", "韵达快递"},
		{"申通快递", "Other", "STO Express", "STO Express", "STO Express", "申通快递"},
		{"京东", "Other", "JD Logistics", "JD Logistics", "JD Logistics", "京东物流"},
		{"中国邮政 EMS", "China Post", "", "China EMS", "ChinaPost", "邮政EMS"},
		{"中国邮政", "China Post", "", "China Post", "ChinaPost", "邮政快递包裹"},
		{"dhl express", "DHL", "", "DHL Express", "DHL", "DHL"},
		{"DHL eCommerce", "DHL eCommerce", "", "DHL eCommerce", "DHL", "DHL"},
		{"USPS Priority", "USPS", "", "USPS", "USPS", "USPS Priority"},
		{"ups", "UPS", "", "UPS", "UPS", "UPS"},
		{"Royal Mail Tracked 24", "Royal Mail", "", "Royal Mail", "RoyalMail", "Royal Mail Tracked 24"},
		{"FedEx", "FedEx", "", "FedEx", "FedEx", "联邦快递"},
		{"J&T", "Other", "J&T Express", "J&T Express", "J&T Express", "极兔速递"},
		{"Stork Couriers", "Other", "Stork Couriers", "Stork Couriers", "Stork Couriers", "Stork Couriers"},
	} {
		parcel := []app.TrackedParcel{{PlatformOrderID: "1", Carrier: c.typed, TrackingNumber: "T", ShippedAt: time.Now()}}
		row := func(p app.TrackingPlatform, comma rune) []string {
			var buf bytes.Buffer
			if err := importer.WriteTracking(&buf, p, parcel, importer.TrackingOptions{}); err != nil {
				t.Fatal(err)
			}
			text := buf.String()
			if p == app.TrackTaobao {
				b, _ := simplifiedchinese.GBK.NewDecoder().String(text)
				text = b
			}
			r := csv.NewReader(strings.NewReader(text))
			r.Comma = comma
			rows, err := r.ReadAll()
			if err != nil || len(rows) != 2 {
				t.Fatalf("%s: %v %q", p, err, text)
			}
			return rows[1]
		}
		amazon := row(app.TrackAmazon, '\t')
		got := []string{amazon[4], amazon[5], row(app.TrackShopify, ',')[2], row(app.TrackEBay, ',')[5], row(app.TrackTaobao, ',')[1]}
		want := []string{c.amazonCode, c.amazonName, c.shopify, c.ebay, c.taobao}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q is named %q, want %q", c.typed, got, want)
		}
	}
}
