package importer_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"orderdesk/app"
	"orderdesk/app/sample"
	"orderdesk/data"
	"orderdesk/importer"
)

// teaShop is the sample tea shop, whose products the platform samples sell.
func teaShop(t *testing.T) (context.Context, *app.Service) {
	t.Helper()
	ctx := app.WithActor(context.Background(), app.Actor{Name: "tester", Role: app.RoleOwner})
	store, err := data.Open(ctx, filepath.Join(t.TempDir(), "tea.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := sample.Generate(ctx, store, sample.Options{Orders: 5, Now: time.Date(2026, 11, 20, 10, 0, 0, 0, time.Local)}); err != nil {
		t.Fatal(err)
	}
	return ctx, app.NewService(store).WithClock(func() time.Time { return time.Date(2026, 11, 20, 10, 0, 0, 0, time.Local) })
}

// importFiles reads, parses and imports files with a preset.
func importFiles(t *testing.T, ctx context.Context, svc *app.Service, opt importer.Options, create bool, files ...string) (importer.Parsed, app.ImportResult, error) {
	t.Helper()
	return importBatch(t, ctx, svc, opt, app.ImportBatch{CreateProducts: create}, files...)
}

// importBatch is importFiles with the batch's options given.
func importBatch(t *testing.T, ctx context.Context, svc *app.Service, opt importer.Options, batch app.ImportBatch, files ...string) (importer.Parsed, app.ImportResult, error) {
	t.Helper()
	var tables []importer.Table
	for _, f := range files {
		ts, err := importer.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		tables = append(tables, ts...)
	}
	shop, _ := svc.Shop(ctx)
	opt.Currency = shop.Currency
	parsed, err := importer.Parse(tables, opt)
	if err != nil {
		return parsed, app.ImportResult{}, err
	}
	batch.Source = files[0]
	res, err := importer.Run(ctx, svc, parsed, batch, nil)
	return parsed, res, err
}

func orderOf(t *testing.T, ctx context.Context, svc *app.Service, channel app.Channel, platformID string) *app.Order {
	t.Helper()
	page, err := svc.SearchOrders(ctx, app.OrderQuery{Text: platformID, Channels: []app.Channel{channel}, Limit: 5})
	if err != nil || len(page.Rows) != 1 {
		t.Fatalf("order %s: %v, %d found", platformID, err, len(page.Rows))
	}
	o, err := svc.Order(ctx, page.Rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestShopifyPreset(t *testing.T) {
	ctx, svc := teaShop(t)
	_, res, err := importBatch(t, ctx, svc, importer.Options{Preset: importer.PresetShopify}, app.ImportBatch{AllOrNothing: true},
		"shopify_orders.csv")
	var ie *app.ImportError
	if !errors.As(err, &ie) || len(res.Unknown) != 1 || res.Unknown[0].SKU != "NEW-MUG-01" || res.Unknown[0].Rows[0] != 5 {
		t.Fatalf("unknown product: %v, %+v", err, res.Unknown)
	}
	_, res, err = importFiles(t, ctx, svc, importer.Options{Preset: importer.PresetShopify}, true, "shopify_orders.csv")
	if err != nil {
		t.Fatal(err)
	}
	if res.Orders != 6 || res.Lines != 10 || len(res.Products) != 1 {
		t.Fatalf("shopify import: %+v", res)
	}
	// #1001: two rows, one order, fulfilled and paid.
	o := orderOf(t, ctx, svc, app.ChannelShopify, "1001")
	if len(o.Lines) != 2 || o.Status != app.StatusShipped || o.PaymentStatus != app.PaymentPaid || o.Payable != 42400 ||
		o.Address.City != "杭州市" || o.RecipientName != "张伟" || o.PaymentMethod != app.PayAlipay {
		t.Fatalf("#1001: %+v", o)
	}
	// #1003: a discount code off the order.
	o = orderOf(t, ctx, svc, app.ChannelShopify, "1003")
	if o.OrderDiscount != 2000 || o.Payable != 22200 || o.CouponCode == "" {
		t.Fatalf("#1003 discount %d payable %d coupon %q", o.OrderDiscount, o.Payable, o.CouponCode)
	}
	if o := orderOf(t, ctx, svc, app.ChannelShopify, "1005"); o.Status != app.StatusCancelled {
		t.Fatalf("#1005 cancelled in Shopify is %s", o.Status)
	}
	if o := orderOf(t, ctx, svc, app.ChannelShopify, "1002"); o.PaymentStatus != app.PaymentUnpaid || !o.Status.Open() {
		t.Fatalf("#1002 pending payment: %s %s", o.Status, o.PaymentStatus)
	}
	// Again: all six skipped.
	_, res, err = importFiles(t, ctx, svc, importer.Options{Preset: importer.PresetShopify}, true, "shopify_orders.csv")
	if err != nil || res.Orders != 0 || len(res.Skipped) != 6 {
		t.Fatalf("re-import: %v %+v", err, res)
	}
}

// TestShopifyBadRows: all or nothing, a bad quantity refuses the file;
// by default the order is rejected and the others (a line without a SKU
// among them, which gets a product of its own) are imported.
func TestShopifyBadRows(t *testing.T) {
	ctx, svc := teaShop(t)
	before, _ := svc.CountOrders(ctx)
	_, res, err := importBatch(t, ctx, svc, importer.Options{Preset: importer.PresetShopify},
		app.ImportBatch{CreateProducts: true, AllOrNothing: true}, "shopify_orders_bad_row.csv")
	var ie *app.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("want the file refused, got %v", err)
	}
	if len(res.Problems) != 1 || res.Problems[0].Row != 3 || res.Problems[0].Field != "qty" {
		t.Fatalf("problems %+v, want the quantity on row 3", res.Problems)
	}
	if after, _ := svc.CountOrders(ctx); after != before {
		t.Fatalf("a refused file added %d orders", after-before)
	}
	_, res, err = importFiles(t, ctx, svc, importer.Options{Preset: importer.PresetShopify}, true, "shopify_orders_bad_row.csv")
	if err != nil || res.Orders != 2 || len(res.Rejected) != 1 || res.Rejected[0].Order != "1011" {
		t.Fatalf("imported %d, rejected %+v: %v", res.Orders, res.Rejected, err)
	}
	o := orderOf(t, ctx, svc, app.ChannelShopify, "1012")
	var custom *app.OrderLine
	for i := range o.Lines {
		if o.Lines[i].Name == "刻字服务 (定制)" {
			custom = &o.Lines[i]
		}
	}
	if custom == nil || !strings.HasPrefix(custom.SKU, "SHOPIFY-") {
		t.Fatalf("the line without a SKU: %+v", o.Lines)
	}
}

func TestWooCommercePreset(t *testing.T) {
	ctx, svc := teaShop(t)
	_, res, err := importFiles(t, ctx, svc, importer.Options{Preset: importer.PresetWooCommerce}, true, "woocommerce_orders.csv")
	if err != nil {
		t.Fatalf("%v %+v", err, res.Problems)
	}
	if res.Orders != 5 || res.Lines != 7 {
		t.Fatalf("woocommerce import: %+v", res)
	}
	o := orderOf(t, ctx, svc, app.ChannelWoo, "5012")
	if len(o.Lines) != 2 || o.Payable != 47400 || o.PaymentStatus != app.PaymentPaid || o.Address.Country != "US" ||
		o.PaymentMethod != app.PayPayPal || o.RecipientName != "Michael Chen" {
		t.Fatalf("5012: %+v", o)
	}
	if o := orderOf(t, ctx, svc, app.ChannelWoo, "5013"); o.Status != app.StatusCompleted || o.Payable != 33060 {
		t.Fatalf("5013: %s %d", o.Status, o.Payable)
	}
	if o := orderOf(t, ctx, svc, app.ChannelWoo, "5014"); o.PaymentStatus != app.PaymentUnpaid {
		t.Fatalf("5014 on hold: %s", o.PaymentStatus)
	}
}

func TestTaobaoPreset(t *testing.T) {
	ctx, svc := teaShop(t)
	_, _, err := importFiles(t, ctx, svc, importer.Options{Preset: importer.PresetTaobao}, true, "taobao_orders_gbk.csv")
	if !errors.Is(err, importer.ErrItemsFileMissing) {
		t.Fatalf("the order report alone: %v", err)
	}
	_, res, err := importFiles(t, ctx, svc, importer.Options{Preset: importer.PresetTaobao}, true,
		"taobao_orders_gbk.csv", "taobao_items_gbk.csv")
	if err != nil {
		t.Fatalf("%v %+v", err, res.Problems)
	}
	if res.Orders != 6 || res.Lines != 10 {
		t.Fatalf("taobao import: %+v", res)
	}
	o := orderOf(t, ctx, svc, app.ChannelTaobao, "3373015526671139102")
	if o.Address.Province != "新疆维吾尔自治区" || o.Address.Postcode != "830002" || o.RecipientName != "吴倩" ||
		o.SpecialRequest != "新疆偏远，请发邮政EMS，谢谢！" || o.ShippingFee != 2000 || o.Lines[0].SKU != "TEA-PE-357" {
		t.Fatalf("Xinjiang order: %+v", o)
	}
	// The buyer's phone is a customer the shop already has: she is found,
	// not made twice.
	o = orderOf(t, ctx, svc, app.ChannelTaobao, "3373120098455387203")
	if o.Status != app.StatusCompleted || len(o.Lines) != 3 || o.Payable != 19200 || o.CustomerName != "李娜" {
		t.Fatalf("completed order: %s, %d lines, %d, %q", o.Status, len(o.Lines), o.Payable, o.CustomerName)
	}
	if o := orderOf(t, ctx, svc, app.ChannelTaobao, "3373302219984512405"); o.Status != app.StatusCancelled {
		t.Fatalf("交易关闭 is %s", o.Status)
	}
	if o := orderOf(t, ctx, svc, app.ChannelTaobao, "3373288871204451304"); o.PaymentStatus != app.PaymentUnpaid {
		t.Fatalf("等待买家付款 is %s", o.PaymentStatus)
	}
}

func TestGenericPresetChineseHeaders(t *testing.T) {
	ctx, svc := teaShop(t)
	parsed, res, err := importFiles(t, ctx, svc, importer.Options{Preset: importer.PresetGeneric, Channel: app.ChannelPhone,
		NewOrders: true}, true, "generic_orders.xlsx")
	if err != nil {
		t.Fatalf("%v %+v", err, res.Problems)
	}
	for f, h := range map[importer.Field]string{importer.FieldOrderID: "订单编号", importer.FieldSKU: "商家编码",
		importer.FieldQty: "数量", importer.FieldUnitPrice: "单价", importer.FieldCustomerName: "客户",
		importer.FieldStreet: "详细地址", importer.FieldOrderedAt: "下单时间"} {
		if parsed.Mapping[f] != h {
			t.Errorf("%s mapped to %q, want %q", f, parsed.Mapping[f], h)
		}
	}
	if res.Orders != 4 || res.Lines != 6 || res.Confirmed+res.Flagged != 4 {
		t.Fatalf("generic import: %+v", res)
	}
	o := orderOf(t, ctx, svc, app.ChannelPhone, "20261102004")
	if len(o.Lines) != 2 || o.Payable != 10*39800+5*12800 || o.Address.Country != "CN" || o.CustomerName != "杭州茗香茶行有限公司" {
		t.Fatalf("company order: %+v", o)
	}
	// A mapping that names a column the file lacks says so.
	_, _, err = importFiles(t, ctx, svc, importer.Options{Preset: importer.PresetGeneric,
		Mapping: importer.Mapping{importer.FieldSKU: "货品编号"}}, true, "generic_orders.xlsx")
	var mc *importer.MissingColumnsError
	if !errors.As(err, &mc) {
		t.Fatalf("want missing columns, got %v", err)
	}
}
