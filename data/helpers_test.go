package data_test

import (
	"context"
	"database/sql"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"orderdesk/app"
	"orderdesk/data"
)

// shopFixture is a small real shop on a database file in a temp folder.
type shopFixture struct {
	t         *testing.T
	ctx       context.Context
	store     *data.Store
	svc       *app.Service
	clock     time.Time
	warehouse *app.Warehouse
	bins      []app.Bin
	products  []*app.Product
	retail    *app.Customer
	dealer    *app.Customer
}

func openStore(t *testing.T, path string) *data.Store {
	t.Helper()
	s, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// newShop opens a fresh database and fills it with one warehouse, three
// bins, three products with stock and two customers.
func newShop(t *testing.T) *shopFixture {
	t.Helper()
	f := &shopFixture{t: t, clock: time.Date(2026, 5, 14, 9, 30, 0, 0, time.UTC)}
	f.store = openStore(t, filepath.Join(t.TempDir(), "shop.db"))
	f.svc = app.NewService(f.store).WithClock(func() time.Time { return f.clock })
	f.ctx = app.WithActor(context.Background(), app.Actor{Name: "tester", Role: app.RoleOwner})
	cny, _ := app.LookupCurrency("CNY")
	// Submitted orders wait in review here, as they did before the review
	// rules confirmed clean ones; review_test.go turns that on.
	policy := app.DefaultPolicy()
	policy.AutoConfirm = false
	// The plain steps, as before the pick check and sign-off completing
	// the order; fulfilment_test.go turns them on.
	policy.VerifyPicks, policy.CompleteOnSignOff = false, false
	f.must(f.svc.SaveShop(f.ctx, app.Shop{Name: "Test Shop", Currency: cny, Country: "CN", Calendar: app.DefaultCalendar(), Policy: policy}))
	f.warehouse = &app.Warehouse{Code: "SH", Name: "Shanghai", Active: true, Address: app.Address{Province: "上海市", City: "上海市", Country: "CN"}}
	f.must(f.svc.SaveWarehouse(f.ctx, f.warehouse))
	for _, code := range []string{"A-1-1", "A-1-2", "B-2-1"} {
		b := app.Bin{WarehouseID: f.warehouse.ID, Code: code}
		f.must(f.svc.AddBin(f.ctx, &b))
		f.bins = append(f.bins, b)
	}
	for i, p := range []app.Product{
		{SKU: "TEA-001", Name: "龙井茶", AltName: "Longjing tea", Spec: "250g", Unit: "box", Price: 12800, FloorPrice: 9900, Cost: 6000, Barcode: "6901234567892", WeightGrams: 300, Active: true},
		{SKU: "CUP-002", Name: "白瓷杯", AltName: "Porcelain cup", Spec: "6 pcs", Unit: "set", Price: 8800, FloorPrice: 7000, Cost: 3000, Barcode: "6901234567908", WeightGrams: 900, Active: true},
		{SKU: "POT-003", Name: "紫砂壶", AltName: "Clay teapot", Spec: "300ml", Unit: "pcs", Price: 45000, FloorPrice: 38000, Cost: 20000, WeightGrams: 500, Active: true},
	} {
		p := p
		f.must(f.svc.SaveProduct(f.ctx, &p))
		f.products = append(f.products, &p)
		f.must(f.svc.ReceiveStock(f.ctx, app.StockReceipt{ProductID: p.ID, BinID: f.bins[i].ID, Qty: 50, Reference: "PO-1"}))
	}
	f.retail = &app.Customer{Name: "张伟", Kind: app.CustomerRetail, Phone: "13800138000", Address: app.Address{Province: "浙江省", City: "杭州市", District: "西湖区", Street: "文三路 100 号", Country: "CN"}}
	f.must(f.svc.SaveCustomer(f.ctx, f.retail))
	f.dealer = &app.Customer{Name: "Harbour Tea Trading Ltd", Kind: app.CustomerDealer, Contact: "Mary Chan", Phone: "+852 2345 6789",
		CreditLimit: 5_000_000, PaymentTermDays: 30, LicenceNo: "HK-BR-12345678", Address: app.Address{City: "Hong Kong", Street: "8 Queen's Road", Country: "HK"}}
	f.must(f.svc.SaveCustomer(f.ctx, f.dealer))
	return f
}

func (f *shopFixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

// input is a complete order for the retail customer.
func (f *shopFixture) input(lines ...app.LineInput) app.OrderInput {
	if len(lines) == 0 {
		lines = []app.LineInput{{SKU: "TEA-001", Qty: 2}, {SKU: "CUP-002", Qty: 1}}
	}
	return app.OrderInput{
		Channel: app.ChannelPhone, CustomerID: f.retail.ID, RecipientName: "张伟", RecipientPhone: "138 0013 8000",
		Address: app.Address{Province: "浙江省", City: "杭州市", District: "西湖区", Street: "文三路 100 号", Postcode: "310012"},
		Lines:   lines, ShippingFee: 1000, PaymentMethod: app.PayAlipay, SpecialRequest: "moisture-proof packing",
	}
}

// check fails the test on any broken invariant.
func (f *shopFixture) check() {
	f.t.Helper()
	problems, err := f.store.Check(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	for _, p := range problems {
		f.t.Error(p)
	}
}

// rawDB opens a second, query-only pool on the shop's file, so tests can
// count rows no service exposes. It never writes.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?_pragma=query_only(1)&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// tableCounts fingerprints everything a refused change must leave alone:
// row counts, the sum of order versions (bumped by every update), the
// highest line id (lines are rewritten on update) and the number
// sequences (a refused order must not use up a number).
type tableCounts struct {
	Orders, Lines, MaxLineID, Events, Moves, Payments, Tasks, Versions, Numbers, Customers, Products int64
}

func countRows(t *testing.T, db *sql.DB) tableCounts {
	t.Helper()
	var c tableCounts
	err := db.QueryRow(`SELECT (SELECT count(*) FROM orders), (SELECT count(*) FROM order_lines),
		(SELECT COALESCE(max(id), 0) FROM order_lines), (SELECT count(*) FROM events), (SELECT count(*) FROM stock_moves),
		(SELECT count(*) FROM payments), (SELECT count(*) FROM tasks), (SELECT COALESCE(sum(version), 0) FROM orders),
		(SELECT COALESCE(sum(last), 0) FROM number_sequences), (SELECT count(*) FROM customers),
		(SELECT count(*) FROM products)`).
		Scan(&c.Orders, &c.Lines, &c.MaxLineID, &c.Events, &c.Moves, &c.Payments, &c.Tasks, &c.Versions, &c.Numbers,
			&c.Customers, &c.Products)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// wantField fails unless err is a ValidationError naming field (and, if
// code is not empty, with that code).
func wantField(t *testing.T, err error, field, code string) {
	t.Helper()
	v, ok := app.IsValidation(err)
	if !ok {
		t.Fatalf("want a validation error on %s, got %v", field, err)
	}
	fe, ok := v.For(field)
	if !ok {
		t.Fatalf("want a problem with %s, got %v", field, err)
	}
	if code != "" && fe.Code != code {
		t.Fatalf("%s: code %s, want %s (%v)", field, fe.Code, code, err)
	}
}
