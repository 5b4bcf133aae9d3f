// Package sample builds the sample shop: a tea shop with two
// warehouses, about forty products, thirty customers and a few months of
// orders in every state, made through the real services so that every
// figure, ledger row and history line is what the program itself writes.
package sample

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"orderdesk/app"
)

// Options shape the sample shop.
type Options struct {
	Orders int       // how many orders; 300 if zero
	Now    time.Time // the shop's "today"; the wall clock if zero
	Seed   uint64    // same seed, same shop
	// Progress, if set, is called after each order with how many are done.
	Progress func(done, total int)
}

// Summary says what was made.
type Summary struct {
	Products, Customers, Warehouses, Bins, Orders int
	ByStatus                                      map[app.Status]int
}

// builder carries the service with its movable clock and what was made.
type builder struct {
	invoices  int // invoice numbers issued so far
	ctx       context.Context
	svc       *app.Service
	clock     time.Time
	now       time.Time
	rng       *rand.Rand
	products  []*app.Product
	customers []*app.Customer
	bins      map[int64][]app.Bin // per warehouse
	whs       []*app.Warehouse
}

// Generate fills an empty store with the sample shop.
func Generate(ctx context.Context, store app.Store, opt Options) (Summary, error) {
	if opt.Orders <= 0 {
		opt.Orders = 300
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	b := &builder{now: opt.Now.UTC().Truncate(time.Second), rng: rand.New(rand.NewPCG(opt.Seed, 0x5eed)), bins: map[int64][]app.Bin{}}
	b.clock = b.now.AddDate(0, -3, -1)
	b.svc = app.NewService(store).WithClock(func() time.Time { return b.clock })
	b.ctx = app.WithActor(ctx, app.Actor{Name: "sample", Role: app.RoleOwner})

	if n, err := b.svc.CountOrders(ctx); err != nil {
		return Summary{}, err
	} else if n > 0 {
		return Summary{}, errors.New("the sample shop goes into an empty database; this one already has orders")
	}
	steps := []func() error{b.shop, b.warehouses, b.catalog, b.stock, b.people}
	for _, step := range steps {
		if err := step(); err != nil {
			return Summary{}, err
		}
	}
	sum := Summary{Products: len(b.products), Customers: len(b.customers), Warehouses: len(b.whs), ByStatus: map[app.Status]int{}}
	for _, bins := range b.bins {
		sum.Bins += len(bins)
	}
	random := opt.Orders
	if opt.Orders >= 20 {
		random -= reviewCaseCount + fulfilmentCaseCount // made last, below
	}
	// After-sales needs delivered orders to work on: a shop of a hundred
	// orders or more has them.
	withAftersales := opt.Orders >= aftersalesMinOrders
	if withAftersales {
		random -= aftersalesOrderCount
	}
	times := b.orderTimes(random)
	for i, at := range times {
		status, err := b.order(at)
		if err != nil {
			return sum, fmt.Errorf("sample order %d: %w", i+1, err)
		}
		sum.Orders++
		sum.ByStatus[status]++
		if opt.Progress != nil {
			opt.Progress(i+1, len(times))
		}
	}
	if random < opt.Orders {
		// Today's inbox: one order for each thing the review rules notice.
		made, err := b.reviewCases()
		if err != nil {
			return sum, fmt.Errorf("sample review cases: %w", err)
		}
		for _, o := range made {
			sum.Orders++
			sum.ByStatus[o.Status]++
		}
		made, err = b.fulfilmentCases()
		if err != nil {
			return sum, fmt.Errorf("sample fulfilment cases: %w", err)
		}
		if withAftersales {
			linked, err := b.aftersales()
			if err != nil {
				return sum, fmt.Errorf("sample after-sales cases: %w", err)
			}
			made = append(made, linked...)
		}
		for _, o := range made {
			sum.Orders++
			sum.ByStatus[o.Status]++
		}
	}
	return sum, nil
}

func (b *builder) shop() error {
	cny, _ := app.LookupCurrency("CNY")
	err := b.svc.SaveShop(b.ctx, app.Shop{Name: "青岚茶舍 Qinglan Tea House", Currency: cny, Country: "CN",
		Phone: "0571-88001234", Email: "hello@qinglan.example.cn",
		Address: app.Address{Province: "浙江省", City: "杭州市", District: "西湖区", Street: "龙井路 18 号", Postcode: "310013", Country: "CN"},
		Policy:  reviewPolicy(),
		// Dealers on account pay by transfer: their confirmations say where.
		Bank: app.BankDetails{AccountHolder: "杭州青岚茶舍有限公司 Hangzhou Qinglan Tea House Co., Ltd.",
			BankName: "中国银行杭州西湖支行 Bank of China, Hangzhou Xihu Branch", Account: "3568 5821 0476",
			SWIFT: "BKCHCNBJ910", Instructions: "请在付款附言中注明订单号。Please quote the order number with your payment."}})
	if err != nil {
		return err
	}
	return b.svc.SaveCarrierRules(b.ctx, carrierRules)
}

// reviewPolicy is the sample shop's review rules: couriers are slow to
// the far west, TEA20 is the shop's coupon, and a first order from
// ¥3,000 gets a look.
func reviewPolicy() app.Policy {
	p := app.DefaultPolicy()
	p.RemoteAreas = []string{"新疆维吾尔自治区", "西藏自治区", "青海省"}
	p.Coupons = []string{"TEA20"}
	p.LargeOrder = 300000
	// Orders complete 15 days after shipping, as the platforms confirm
	// receipt, rather than on the signature.
	p.CompleteOnSignOff = false
	return p
}

func (b *builder) warehouses() error {
	for _, def := range warehouses {
		w := def.w
		if err := b.svc.SaveWarehouse(b.ctx, &w); err != nil {
			return err
		}
		b.whs = append(b.whs, &w)
		for _, aisle := range def.aisles {
			for shelf := 1; shelf <= 3; shelf++ {
				for pos := 1; pos <= 4; pos++ {
					bin := app.Bin{WarehouseID: w.ID, Code: fmt.Sprintf("%s-%d-%d", aisle, shelf, pos)}
					if err := b.svc.AddBin(b.ctx, &bin); err != nil {
						return err
					}
					b.bins[w.ID] = append(b.bins[w.ID], bin)
				}
			}
		}
	}
	return nil
}

// alternates pair products that can stand in for each other.
var alternates = [][2]string{
	{"TEA-LJ-250", "TEA-LJ-100"}, {"TEA-TGY-500", "TEA-TGY-250"}, {"TEA-PE-357", "TEA-PE-SHU"},
	{"POT-ZS-300", "POT-ZS-180"}, {"TRAY-BMB-L", "TRAY-BMB-S"}, {"CUP-BC-6", "CUP-QH-2"},
}

func (b *builder) catalog() error {
	bySKU := map[string]*app.Product{}
	for _, p := range products {
		prod := &app.Product{SKU: p.sku, Name: p.name, AltName: p.alt, Spec: p.spec, Unit: p.unit,
			Price: app.Money(p.price), FloorPrice: app.Money(p.price * 85 / 100), Cost: app.Money(p.cost),
			Barcode: p.barcode, WeightGrams: p.grams, Active: true}
		if err := b.svc.SaveProduct(b.ctx, prod); err != nil {
			return fmt.Errorf("product %s: %w", p.sku, err)
		}
		b.products = append(b.products, prod)
		bySKU[p.sku] = prod
	}
	for _, pair := range alternates {
		for _, dir := range [][2]string{pair, {pair[1], pair[0]}} {
			p := bySKU[dir[0]]
			p.Alternates = append(p.Alternates, bySKU[dir[1]].ID)
			if err := b.svc.SaveProduct(b.ctx, p); err != nil {
				return err
			}
		}
	}
	return nil
}

// stock fills the shelves: every product in the main warehouse, about
// half of them in the second, a few scarce, a few on their way.
func (b *builder) stock() error {
	main, second := b.whs[0], b.whs[1]
	for i, p := range b.products {
		qty := int64(150 + b.rng.IntN(350))
		if p.Price > 50000 {
			qty = int64(8 + b.rng.IntN(12)) // dear teapots: a handful
		}
		bins := b.bins[main.ID]
		if err := b.svc.ReceiveStock(b.ctx, app.StockReceipt{ProductID: p.ID, BinID: bins[i%len(bins)].ID, Qty: qty,
			Reference: "PO-OPENING"}); err != nil {
			return err
		}
		if i%2 == 0 {
			bins = b.bins[second.ID]
			if err := b.svc.ReceiveStock(b.ctx, app.StockReceipt{ProductID: p.ID, BinID: bins[i%len(bins)].ID,
				Qty: int64(40 + b.rng.IntN(120)), Reference: "TR-OPENING"}); err != nil {
				return err
			}
		}
	}
	for _, i := range []int{0, 5, 18} {
		if err := b.svc.ExpectStock(b.ctx, app.IncomingStock{ProductID: b.products[i].ID, WarehouseID: main.ID, Qty: 120,
			ExpectedAt: b.now.AddDate(0, 0, 5+i), Reference: fmt.Sprintf("PO-%s-%02d", b.now.Format("0601"), i+1)}); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) people() error {
	for _, c := range customers {
		cust := &app.Customer{Name: c.name, Kind: c.kind, Contact: c.contact, Phone: c.phone, Email: c.email, Address: c.addr,
			CreditLimit: app.Money(c.credit), PaymentTermDays: c.terms, LicenceNo: c.licence}
		if c.kind == app.CustomerDealer {
			cust.LateFeePerMille = 5
			cust.QualificationNotes = "营业执照已核验 licence checked"
		}
		if err := b.svc.SaveCustomer(b.ctx, cust); err != nil {
			return fmt.Errorf("customer %s: %w", c.name, err)
		}
		b.customers = append(b.customers, cust)
	}
	return nil
}

// orderTimes spreads n order times over the last three months, busier in
// the daytime and a little busier lately, oldest first.
func (b *builder) orderTimes(n int) []time.Time {
	start := b.now.AddDate(0, -3, 0)
	span := b.now.Add(-15 * time.Minute).Sub(start)
	out := make([]time.Time, n)
	for i := range out {
		f := 1 - b.rng.Float64()*b.rng.Float64() // leans to recent
		t := start.Add(time.Duration(f * float64(span)))
		hour := 8 + b.rng.IntN(14)
		t = time.Date(t.Year(), t.Month(), t.Day(), hour, b.rng.IntN(60), b.rng.IntN(60), 0, time.Local).UTC()
		if t.After(b.now.Add(-15 * time.Minute)) {
			t = b.now.Add(-time.Duration(15+b.rng.IntN(600)) * time.Minute)
		}
		out[i] = t
	}
	slices.SortFunc(out, func(a, c time.Time) int { return a.Compare(c) })
	return out
}

func (b *builder) pick(weights map[string]int) string {
	total := 0
	keys := make([]string, 0, len(weights))
	for k, w := range weights {
		total += w
		keys = append(keys, k)
	}
	slices.Sort(keys)
	n := b.rng.IntN(total)
	for _, k := range keys {
		if n < weights[k] {
			return k
		}
		n -= weights[k]
	}
	return keys[0]
}
