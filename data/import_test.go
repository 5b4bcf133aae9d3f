package data_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"orderdesk/app"
)

// platformOrder is a new web order of the fixture's products.
func platformOrder(id string, row int, lines ...app.ImportLine) app.ImportOrder {
	if len(lines) == 0 {
		lines = []app.ImportLine{{Row: row, SKU: "TEA-001", Qty: 2, UnitPrice: 12800}, {Row: row + 1, SKU: "CUP-002", Qty: 1, UnitPrice: 8800}}
	}
	return app.ImportOrder{Row: row, PlatformOrderID: id, OrderedAt: time.Date(2026, 5, 13, 20, 15, 0, 0, time.UTC),
		Customer:      app.ImportCustomer{Code: "tb_buyer_" + id, Name: "王芳", Phone: "13700137000"},
		RecipientName: "王芳", RecipientPhone: "13700137000",
		Address: app.Address{Province: "江苏省", City: "南京市", District: "鼓楼区", Street: "中山路 1 号"},
		Lines:   lines, ShippingFee: 800, PaymentMethod: app.PayPlatform}
}

// TestImportOrders: new orders go through review, a second import skips
// them, and the shop's figures follow.
func TestImportOrders(t *testing.T) {
	f := newShop(t)
	f.withPolicy(func(p *app.Policy) { p.AutoConfirm = true })
	batch := app.ImportBatch{Source: "orders.csv", Channel: app.ChannelTaobao, Orders: []app.ImportOrder{
		platformOrder("3372874982348239101", 2), platformOrder("3372874982348239102", 4),
	}}
	for i := range batch.Orders {
		batch.Orders[i].Paid = 35200 // 2 × ¥128.00 + ¥88.00 + ¥8.00 shipping
	}
	// The second has no phone: it waits in review with a task to ask.
	batch.Orders[1].RecipientPhone, batch.Orders[1].Customer.Phone = "", ""
	batch.Orders[1].Customer.Code = "tb_other"

	dry := batch
	dry.DryRun = true
	before := countRows(t, rawDB(t, f.store.Path()))
	res, err := f.svc.ImportOrders(f.ctx, dry, nil)
	f.must(err)
	if res.Orders != 2 || res.Lines != 4 || res.Confirmed != 1 || res.Flagged != 1 || res.Preview[0].Number != "202605-001" {
		t.Fatalf("dry run: %+v", res)
	}
	if after := countRows(t, rawDB(t, f.store.Path())); after != before {
		t.Fatalf("a dry run wrote: %+v → %+v", before, after)
	}

	var progress []int
	res, err = f.svc.ImportOrders(f.ctx, batch, func(done, total int) { progress = append(progress, done) })
	f.must(err)
	if res.Orders != 2 || res.Customers != 2 || res.Sales != 2*35200 || len(progress) == 0 || progress[len(progress)-1] != 2 {
		t.Fatalf("import: %+v, progress %v", res, progress)
	}
	clean, err := f.svc.OrderByNumber(f.ctx, res.Preview[0].Number)
	f.must(err)
	if clean.Status != app.StatusConfirmed || clean.PaymentStatus != app.PaymentPaid || clean.Channel != app.ChannelTaobao ||
		clean.PlatformOrderID != "3372874982348239101" {
		t.Fatalf("clean imported order: %+v", clean)
	}
	flagged, _ := f.svc.OrderByNumber(f.ctx, res.Preview[1].Number)
	r, _ := f.svc.Review(f.ctx, flagged.ID)
	if flagged.Status != app.StatusPendingReview || !r.Has(app.FindMissing) {
		t.Fatalf("order without a phone: %s, findings %+v", flagged.Status, r.Findings)
	}
	tasks, _ := f.svc.Tasks(f.ctx, app.TaskFilter{OpenOnly: true, SubjectKind: app.SubjectOrder, SubjectID: flagged.ID})
	var ask *app.Task
	for i := range tasks {
		if tasks[i].Kind == app.TaskContactCustomer {
			ask = &tasks[i]
		}
	}
	if ask == nil || !ask.Due.Equal(f.clock.Add(time.Hour)) {
		t.Fatalf("missing details: contact task %+v, want due in one working hour", ask)
	}

	// Again: nothing new, both counted as skipped.
	res, err = f.svc.ImportOrders(f.ctx, batch, nil)
	f.must(err)
	if res.Orders != 0 || len(res.Skipped) != 2 {
		t.Fatalf("re-import: %+v", res)
	}
	f.check()
}

// TestImportRefusesBadFiles: all or nothing, one bad row or unknown
// product refuses the whole file, with every problem and its row, and
// nothing changes.
func TestImportRefusesBadFiles(t *testing.T) {
	f := newShop(t)
	raw := rawDB(t, f.store.Path())
	before := countRows(t, raw)
	bad := platformOrder("A-2", 4, app.ImportLine{Row: 4, SKU: "TEA-001", Qty: 0, UnitPrice: 12800},
		app.ImportLine{Row: 5, SKU: "", Qty: 1, UnitPrice: 100})
	unknown := platformOrder("A-3", 6, app.ImportLine{Row: 6, SKU: "NEW-MUG-01", Name: "Tea mug", Qty: 1, UnitPrice: 3900},
		app.ImportLine{Row: 7, SKU: "NEW-MUG-01", Name: "Tea mug", Qty: 2, UnitPrice: 3900})
	batch := app.ImportBatch{Source: "bad.csv", Channel: app.ChannelShopify, Orders: []app.ImportOrder{platformOrder("A-1", 2), bad, unknown},
		AllOrNothing: true}
	res, err := f.svc.ImportOrders(f.ctx, batch, nil)
	var ie *app.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("want an import error, got %v", err)
	}
	rows := map[int]string{}
	for _, p := range res.Problems {
		rows[p.Row] = p.Field
	}
	if rows[4] != "lines[0].qty" || rows[5] != "lines[1].sku" {
		t.Errorf("problems %+v, want the zero quantity on row 4 and the missing SKU on row 5", res.Problems)
	}
	if len(res.Unknown) != 1 || res.Unknown[0].SKU != "NEW-MUG-01" || len(res.Unknown[0].Rows) != 2 {
		t.Errorf("unknown products %+v", res.Unknown)
	}
	if after := countRows(t, raw); after != before {
		t.Fatalf("a refused import wrote: %+v → %+v", before, after)
	}

	// With the bad order fixed and products created from the file, it goes.
	batch.Orders[1] = platformOrder("A-2", 4)
	batch.CreateProducts = true
	res, err = f.svc.ImportOrders(f.ctx, batch, nil)
	f.must(err)
	if res.Orders != 3 || len(res.Products) != 1 || res.Products[0] != "NEW-MUG-01" {
		t.Fatalf("import with new products: %+v", res)
	}
	mug, err := f.svc.ProductByCode(f.ctx, "NEW-MUG-01")
	f.must(err)
	if mug.Name != "Tea mug" || mug.Price != 3900 || mug.Kind != app.ProductGoods {
		t.Fatalf("created product %+v", mug)
	}
	f.check()
}

// TestImportLeavesOutBadOrders: by default the good orders of a file are
// imported and each bad one is rejected with its reasons, leaving nothing
// of it behind (not even its new customer); an order in another currency
// is rejected, never taken as the shop's.
func TestImportLeavesOutBadOrders(t *testing.T) {
	f := newShop(t)
	bad := platformOrder("B-2", 4, app.ImportLine{Row: 4, SKU: "TEA-001", Qty: -1, UnitPrice: 12800})
	bad.Customer = app.ImportCustomer{Code: "tb_rejected", Name: "Rejected buyer", Email: "rejected@example.com"}
	unknown := platformOrder("B-3", 6, app.ImportLine{Row: 6, SKU: "NEW-MUG-01", Name: "Tea mug", Qty: 1, UnitPrice: 3900})
	dollars := platformOrder("B-4", 8)
	dollars.Currency = "USD"
	batch := app.ImportBatch{Source: "mixed.csv", Channel: app.ChannelShopify,
		Orders: []app.ImportOrder{platformOrder("B-1", 2), bad, unknown, dollars, platformOrder("B-5", 10)}}
	res, err := f.svc.ImportOrders(f.ctx, batch, nil)
	f.must(err)
	if res.Orders != 2 || len(res.Rejected) != 3 {
		t.Fatalf("imported %d, rejected %+v", res.Orders, res.Rejected)
	}
	why := map[string]string{}
	for _, r := range res.Rejected {
		why[r.Order] = strings.Join(r.Reasons, "; ")
	}
	if !strings.Contains(why["B-3"], "NEW-MUG-01 is not in the shop") || !strings.Contains(why["B-4"], "in USD") ||
		why["B-2"] == "" || why["B-1"] != "" || why["B-5"] != "" {
		t.Fatalf("reasons %q", why)
	}
	if list, _, err := f.svc.FindCustomers(f.ctx, app.CustomerFilter{Text: "Rejected buyer", IncludeArchived: true}); err != nil || len(list) != 0 {
		t.Fatalf("the rejected order's buyer was kept: %+v %v", list, err)
	}
	f.check()
	// Fixed, the rejected ones come in; the others are not repeated.
	batch.Orders = []app.ImportOrder{platformOrder("B-1", 2), platformOrder("B-2", 4), platformOrder("B-4", 8)}
	res, err = f.svc.ImportOrders(f.ctx, batch, nil)
	f.must(err)
	if res.Orders != 2 || len(res.Skipped) != 1 || len(res.Rejected) != 0 {
		t.Fatalf("the fixed orders: %+v", res)
	}
	f.check()
}

// TestImportHistory: finished orders and credit notes arrive as they were,
// outside the stock ledger; charges are not stocked; the anonymous
// customer takes lines without one; an order repeated in the file (two
// overlapping sheets) counts once.
func TestImportHistory(t *testing.T) {
	f := newShop(t)
	gbp, _ := app.LookupCurrency("GBP")
	shop, _ := f.svc.Shop(f.ctx)
	shop.Currency, shop.Country = gbp, "GB"
	f.must(f.svc.SaveShop(f.ctx, shop))
	at := time.Date(2010, 12, 1, 8, 26, 0, 0, time.UTC)
	sale := app.ImportOrder{Row: 2, Sheet: "Year 2009-2010", PlatformOrderID: "536365", Status: app.StatusCompleted, OrderedAt: at,
		Customer: app.ImportCustomer{Code: "17850"}, Address: app.Address{Country: "FR"},
		Lines: []app.ImportLine{
			{Row: 2, SKU: "85123A", Name: "WHITE HANGING HEART T-LIGHT HOLDER", Qty: 6, UnitPrice: 255},
			{Row: 3, SKU: "85123A", Name: "WHITE HANGING HEART T-LIGHT HOLDER", Qty: 6, UnitPrice: 255},
			{Row: 4, SKU: "POST", Name: "POSTAGE", Kind: app.ProductShipping, Qty: 1, UnitPrice: 1800},
		}}
	credit := app.ImportOrder{Row: 5, Sheet: "Year 2009-2010", PlatformOrderID: "C536379", Kind: app.KindCredit,
		Status: app.StatusCompleted, OrderedAt: at.Add(time.Hour),
		Lines: []app.ImportLine{{Row: 5, SKU: "D", Name: "Discount", Kind: app.ProductDiscount, Qty: 1, UnitPrice: 2750}}}
	again := sale
	again.Row, again.Sheet = 2, "Year 2010-2011"
	batch := app.ImportBatch{Source: "online_retail_II.xlsx", Channel: app.ChannelWebShop, CreateProducts: true,
		Orders: []app.ImportOrder{sale, credit, again}}
	res, err := f.svc.ImportOrders(f.ctx, batch, nil)
	f.must(err)
	if res.Orders != 2 || res.Lines != 4 || len(res.Skipped) != 1 || res.Sales != 4860 || res.Credits != 2750 {
		t.Fatalf("history import: %+v", res)
	}
	o, _ := f.svc.OrderByNumber(f.ctx, res.Preview[0].Number)
	if o.Number != "201012-001" || o.Status != app.StatusCompleted || !o.FromHistory || o.Lines[0].QtyShipped != 6 ||
		o.Lines[2].Kind != app.ProductShipping || o.CustomerName != "Customer 17850" {
		t.Fatalf("historical sale: %+v", o)
	}
	c, _ := f.svc.OrderByNumber(f.ctx, res.Preview[1].Number)
	if c.Kind != app.KindCredit || c.Signed() != -2750 || c.Outstanding() != 0 || c.CustomerName != "Anonymous customer" {
		t.Fatalf("credit note: kind %s signed %d outstanding %d customer %q", c.Kind, c.Signed(), c.Outstanding(), c.CustomerName)
	}
	post, _ := f.svc.ProductByCode(f.ctx, "POST")
	if post.Kind != app.ProductShipping {
		t.Fatalf("POST made as %s", post.Kind)
	}
	f.check()

	// The same invoice with different lines in the second sheet is an error.
	changed := sale
	changed.PlatformOrderID = "536366"
	changed2 := changed
	changed2.Lines = changed.Lines[:1]
	_, err = f.svc.ImportOrders(f.ctx, app.ImportBatch{Source: "x.xlsx", Channel: app.ChannelWebShop, CreateProducts: true,
		Orders: []app.ImportOrder{changed, changed2}, AllOrNothing: true}, nil)
	if ie := (*app.ImportError)(nil); !errors.As(err, &ie) || ie.Result.Problems[0].Field != "platform_order_id" {
		t.Fatalf("want the repeated invoice with other lines refused, got %v", err)
	}
}

// TestImportBuyersKnownByNameOnly: buyers with a name and nothing else
// (no code, e-mail or phone) are each their own customer; Bob's order is
// never booked to Anna, who came first in the file.
func TestImportBuyersKnownByNameOnly(t *testing.T) {
	f := newShop(t)
	anna, bob := platformOrder("WEB-1", 2), platformOrder("WEB-2", 4)
	anna.Customer = app.ImportCustomer{Name: "Anna Smith"}
	bob.Customer = app.ImportCustomer{Name: "Bob Jones"}
	again := platformOrder("WEB-3", 6)
	again.Customer = app.ImportCustomer{Name: "anna smith"}
	res, err := f.svc.ImportOrders(f.ctx, app.ImportBatch{Source: "orders.csv", Channel: app.ChannelWebShop,
		Orders: []app.ImportOrder{anna, bob, again}}, nil)
	f.must(err)
	if res.Orders != 3 || res.Customers != 2 {
		t.Fatalf("import: %d orders, %d new customers; want 3 orders of 2 customers", res.Orders, res.Customers)
	}
	names := map[string]string{}
	for _, p := range res.Preview {
		o, err := f.svc.OrderByNumber(f.ctx, p.Number)
		f.must(err)
		c, err := f.svc.Customer(f.ctx, o.CustomerID)
		f.must(err)
		names[p.PlatformOrderID] = c.Name
	}
	if names["WEB-1"] != "Anna Smith" || names["WEB-2"] != "Bob Jones" || names["WEB-3"] != "Anna Smith" {
		t.Fatalf("orders booked to %v", names)
	}
}

// TestImportedTaxesAndDutiesAddUp: an order with tax on top and duties is
// stored asking them, the shop's check agrees, and the check still finds
// a payable that does not add up.
func TestImportedTaxesAndDutiesAddUp(t *testing.T) {
	f := newShop(t)
	o := platformOrder("T-1", 2)
	o.Tax, o.Duties, o.Paid = 2816, 1500, 35200+2816+1500
	inside := platformOrder("T-2", 4)
	inside.Tax, inside.TaxIncluded, inside.Paid = 5867, true, 35200
	res, err := f.svc.ImportOrders(f.ctx, app.ImportBatch{Source: "taxed.csv", Channel: app.ChannelShopify,
		Orders: []app.ImportOrder{o, inside}}, nil)
	f.must(err)
	if res.Orders != 2 || res.Sales != 35200+2816+1500+35200 {
		t.Fatalf("imported %+v", res)
	}
	f.check()
	raw := rawDB(t, f.store.Path())
	if _, err := raw.Exec(`UPDATE orders SET payable = payable - duties WHERE platform_order_id = 'T-1'`); err == nil {
		t.Fatal("the database took a payable without the duties")
	}
}
