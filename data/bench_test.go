package data_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"orderdesk/app"
	"orderdesk/data"
)

// The benchmarks behind the README's performance table. They build their
// databases on generated data: a shop of 200 products and 5,000
// customers, and orders of three lines each. Run them with `make bench`.

var benchSurnames = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "Smith", "Jones", "Brown", "Taylor", "Wilson", "Müller"}
var benchGiven = []string{"伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "军", "强", "Anna", "James", "Oliver", "Emma", "Lucas", "Mia"}

// benchShop is a generated shop ready for orders.
type benchShop struct {
	store     *data.Store
	svc       *app.Service
	ctx       context.Context
	products  []*app.Product
	customers []*app.Customer
	rng       *rand.Rand
}

func newBenchShop(tb testing.TB, path string) *benchShop {
	tb.Helper()
	ctx := app.WithActor(context.Background(), app.Actor{Name: "bench"})
	store, err := data.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	s := &benchShop{store: store, svc: app.NewService(store), ctx: ctx, rng: rand.New(rand.NewPCG(7, 7))}
	cny, _ := app.LookupCurrency("CNY")
	if err := s.svc.SaveShop(ctx, app.Shop{Name: "Bench", Currency: cny, Country: "CN"}); err != nil {
		tb.Fatal(err)
	}
	for i := range 200 {
		p := &app.Product{SKU: fmt.Sprintf("SKU-%04d", i), Name: fmt.Sprintf("商品 %d", i), Unit: "pcs",
			Price: app.Money(1000 + s.rng.IntN(50000)), Barcode: fmt.Sprintf("69%011d", i), Active: true}
		if err := s.svc.SaveProduct(ctx, p); err != nil {
			tb.Fatal(err)
		}
		s.products = append(s.products, p)
	}
	for i := range 5000 {
		name := benchSurnames[s.rng.IntN(len(benchSurnames))] + benchGiven[s.rng.IntN(len(benchGiven))]
		if s.rng.IntN(3) == 0 {
			name = benchGiven[s.rng.IntN(len(benchGiven))] + " " + benchSurnames[s.rng.IntN(len(benchSurnames))]
		}
		c := &app.Customer{Name: name, Kind: app.CustomerRetail, Phone: fmt.Sprintf("13%09d", i*7919%1_000_000_000)}
		if err := s.svc.SaveCustomer(ctx, c); err != nil {
			tb.Fatal(err)
		}
		s.customers = append(s.customers, c)
	}
	return s
}

// inputs makes n complete orders of three lines, spread over two years.
func (s *benchShop) inputs(n int, start time.Time) []app.OrderInput {
	out := make([]app.OrderInput, n)
	step := 2 * 365 * 24 * time.Hour / time.Duration(n)
	for i := range out {
		c := s.customers[s.rng.IntN(len(s.customers))]
		in := app.OrderInput{Channel: app.ChannelTaobao, PlatformOrderID: fmt.Sprintf("TB%012d", s.rng.Int64N(1e12)),
			CustomerID: c.ID, RecipientName: c.Name, RecipientPhone: c.Phone,
			Address:     app.Address{Province: "浙江省", City: "杭州市", District: "西湖区", Street: fmt.Sprintf("文三路 %d 号", i%999+1)},
			ShippingFee: 1000, PaymentMethod: app.PayPlatform, OrderedAt: start.Add(time.Duration(i) * step)}
		for k := range 3 {
			p := s.products[(i*3+k*67)%len(s.products)]
			in.Lines = append(in.Lines, app.LineInput{ProductID: p.ID, Qty: int64(1 + k)})
		}
		out[i] = in
	}
	return out
}

// BenchmarkCreateOrdersBulk creates 100,000 orders of three lines through
// the services' bulk path (validation, snapshots, numbers, events and the
// search index included), in one transaction.
func BenchmarkCreateOrdersBulk(b *testing.B) {
	n := benchOrders()
	b.StopTimer()
	for range b.N {
		s := newBenchShop(b, filepath.Join(b.TempDir(), "bulk.db"))
		inputs := s.inputs(n, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
		b.StartTimer()
		start := time.Now()
		if _, err := s.svc.CreateOrders(s.ctx, inputs, true, nil); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n)/time.Since(start).Seconds(), "orders/s")
		b.StopTimer()
		s.store.Close()
	}
}

// BenchmarkRawSQLiteInsert writes the same rows as the bulk path (order,
// three lines, an event, the search entry and the number sequence) with
// prepared statements in one transaction: SQLite's own speed, the bar the
// bulk path is measured against.
func BenchmarkRawSQLiteInsert(b *testing.B) {
	n := benchOrders()
	b.StopTimer()
	for range b.N {
		path := filepath.Join(b.TempDir(), "raw.db")
		s := newBenchShop(b, path)
		inputs := s.inputs(n, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
		prices := map[int64]app.Money{}
		for _, p := range s.products {
			prices[p.ID] = p.Price
		}
		s.store.Close()
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate")
		if err != nil {
			b.Fatal(err)
		}
		db.SetMaxOpenConns(1)
		b.StartTimer()
		start := time.Now()
		rawInsert(b, db, inputs, prices)
		b.ReportMetric(float64(n)/time.Since(start).Seconds(), "orders/s")
		b.StopTimer()
		db.Close()
	}
}

func rawInsert(b *testing.B, db *sql.DB, inputs []app.OrderInput, prices map[int64]app.Money) {
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	prep := func(q string) *sql.Stmt {
		st, err := tx.Prepare(q)
		if err != nil {
			b.Fatal(err)
		}
		return st
	}
	seq := prep(`INSERT INTO number_sequences (sequence, period, last) VALUES ('order', ?, 1)
		ON CONFLICT (sequence, period) DO UPDATE SET last = last + 1 RETURNING last`)
	ord := prep(`INSERT INTO orders (number, channel, platform_order_id, customer_id, customer_name, recipient_name,
		recipient_phone, phone_digits, province, city, district, street, country, goods_total, shipping_fee, payable,
		payment_method, payment_status, status, ordered_at, created_at, updated_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'CN', ?, ?, ?, ?, 'unpaid', 'pending_review', ?, ?, ?, 'bench')`)
	line := prep(`INSERT INTO order_lines (order_id, line_no, product_id, sku, name, qty, unit_price, subtotal)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	ev := prep(`INSERT INTO events (at, actor, subject_kind, subject_id, action, summary, after) VALUES (?, 'bench', 'order', ?, 'order.created', ?, ?)`)
	fts := prep(`INSERT INTO order_search (rowid, body) VALUES (?, ?)`)
	now := time.Now().UTC().Format("2006-01-02T15:04:05.000Z")
	for _, in := range inputs {
		period := in.OrderedAt.Format("200601")
		var n int64
		if err := seq.QueryRow(period).Scan(&n); err != nil {
			b.Fatal(err)
		}
		number := fmt.Sprintf("%s-%03d", period, n)
		var goods app.Money
		for _, l := range in.Lines {
			goods += prices[l.ProductID] * app.Money(l.Qty)
		}
		res, err := ord.Exec(number, in.Channel, in.PlatformOrderID, in.CustomerID, in.RecipientName, in.RecipientName,
			in.RecipientPhone, in.RecipientPhone, in.Address.Province, in.Address.City, in.Address.District, in.Address.Street,
			goods, in.ShippingFee, goods+in.ShippingFee, in.PaymentMethod, in.OrderedAt.Format("2006-01-02T15:04:05.000Z"), now, now)
		if err != nil {
			b.Fatal(err)
		}
		id, _ := res.LastInsertId()
		for k, l := range in.Lines {
			p := prices[l.ProductID]
			if _, err := line.Exec(id, k+1, l.ProductID, "SKU", "name", l.Qty, p, p*app.Money(l.Qty)); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := ev.Exec(now, id, "Order "+number+" created", `{"lines":"SKU×1, SKU×2, SKU×3"}`); err != nil {
			b.Fatal(err)
		}
		if _, err := fts.Exec(id, number+" "+in.PlatformOrderID+" "+in.RecipientName+" "+in.RecipientPhone+" SKU-0001 SKU-0002 SKU-0003"); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

// benchOrders is how many orders the insert benchmarks write: 100,000,
// or BENCH_ORDERS for a quicker look.
func benchOrders() int {
	if v, err := strconv.Atoi(os.Getenv("BENCH_ORDERS")); err == nil && v > 0 {
		return v
	}
	return 100_000
}

// searchDB returns a database of n generated orders, built once and kept
// in the temp folder between runs (a million orders take a while).
func searchDB(b *testing.B, n int) *benchShop {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("orderdesk-bench-%d-v%d.db", n, data.SchemaVersion()))
	if _, err := os.Stat(path); err == nil {
		ctx := app.WithActor(context.Background(), app.Actor{Name: "bench"})
		store, err := data.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		got, err := app.NewService(store).CountOrders(ctx)
		if err == nil && got == int64(n) {
			b.Cleanup(func() { store.Close() })
			return &benchShop{store: store, svc: app.NewService(store), ctx: ctx}
		}
		store.Close()
		os.Remove(path)
	}
	s := newBenchShop(b, path)
	const batch = 100_000
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	all := s.inputs(n, start)
	for i := 0; i < n; i += batch {
		if _, err := s.svc.CreateOrders(s.ctx, all[i:min(i+batch, n)], true, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.Cleanup(func() { s.store.Close() })
	return s
}

func benchmarkSearch(b *testing.B, n int) {
	s := searchDB(b, n)
	// Pick real values from the database to look for.
	page, err := s.svc.SearchOrders(s.ctx, app.OrderQuery{Limit: 1, Offset: n / 2, SkipTotal: true})
	if err != nil || len(page.Rows) == 0 {
		b.Fatalf("no middle order: %v", err)
	}
	mid := page.Rows[0]
	digits := app.PhoneDigits(mid.RecipientPhone)
	midOrder, err := s.svc.Order(s.ctx, mid.ID)
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name string
		q    app.OrderQuery
	}{
		{"number", app.OrderQuery{Text: mid.Number}},
		// The start of a number ("202501-20" finds 202501-20…), and a
		// month's numbers ("202501-"): also looked up in the text.
		{"number-start", app.OrderQuery{Text: mid.Number[:strings.Index(mid.Number, "-")+3]}},
		{"number-month", app.OrderQuery{Text: mid.Number[:strings.Index(mid.Number, "-")+1]}},
		{"platform-id", app.OrderQuery{Text: midOrder.PlatformOrderID}},
		{"phone", app.OrderQuery{Text: mid.RecipientPhone}},
		{"phone-last4", app.OrderQuery{Text: digits[len(digits)-4:]}},
		{"text-name", app.OrderQuery{Text: mid.RecipientName}},
		{"text-sku", app.OrderQuery{Text: "SKU-0042"}},
		{"first-page", app.OrderQuery{}},
		{"status+month", app.OrderQuery{Statuses: []app.Status{app.StatusPendingReview},
			From: mid.OrderedAt.AddDate(0, 0, -15), To: mid.OrderedAt.AddDate(0, 0, 15)}},
		{"text+channel", app.OrderQuery{Text: mid.RecipientName, Channels: []app.Channel{app.ChannelTaobao}}},
		{"deep-page", app.OrderQuery{Offset: n - 200, SkipTotal: true}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			c.q.Limit = 100
			var total int
			for b.Loop() {
				page, err := s.svc.SearchOrders(s.ctx, c.q)
				if err != nil {
					b.Fatal(err)
				}
				total = page.Total
			}
			b.ReportMetric(float64(total), "matches")
		})
	}
}

func BenchmarkSearch100k(b *testing.B) { benchmarkSearch(b, 100_000) }
func BenchmarkSearch1M(b *testing.B)   { benchmarkSearch(b, 1_000_000) }
