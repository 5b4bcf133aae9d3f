package importer_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"orderdesk/app"
	"orderdesk/data"
	"orderdesk/importer"
)

// benchOrders is how many orders the Shopify benchmark imports;
// BENCH_IMPORT_ORDERS overrides it for a quick run.
func benchOrders(b *testing.B) int {
	if v := os.Getenv("BENCH_IMPORT_ORDERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("BENCH_IMPORT_ORDERS=%q", v)
		}
		return n
	}
	return 100_000
}

var benchSKUs = []string{"TEA-LJ-250", "TEA-LJ-100", "TEA-BLC-250", "TEA-TGY-500", "TEA-DHP-200", "TEA-PE-357",
	"TEA-JSM-250", "TEA-QM-250", "CUP-BC-6", "POT-ZS-300"}

// shopifyFile writes n Shopify orders of one to three lines, once per
// size, into the temp folder.
func shopifyFile(b *testing.B, n int) string {
	path := filepath.Join(os.TempDir(), fmt.Sprintf("orderdesk-bench-shopify-%d.csv", n))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	f, err := os.Create(path + ".tmp")
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "Name,Email,Financial Status,Paid at,Fulfillment Status,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,"+
		"Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Lineitem discount,Billing Name,"+
		"Shipping Name,Shipping Street,Shipping City,Shipping Zip,Shipping Province Name,Shipping Country,Shipping Phone,Notes,"+
		"Cancelled at,Payment Method,Payment Reference")
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2026, 1, 1, 8, 0, 0, 0, time.FixedZone("CST", 8*3600))
	for i := range n {
		at := start.Add(time.Duration(i) * 4 * time.Minute).Format("2006-01-02 15:04:05 -0700")
		lines := 1 + rng.IntN(3)
		var subtotal int64
		qty := make([]int64, lines)
		for k := range qty {
			qty[k] = int64(1 + rng.IntN(3))
			subtotal += qty[k] * 9800
		}
		total := subtotal + 1000
		for k := range lines {
			sku := benchSKUs[(i+k)%len(benchSKUs)]
			if k == 0 {
				fmt.Fprintf(w, "#%d,buyer%d@example.cn,paid,%s,,CNY,%d.00,10.00,0.00,%d.00,,0.00,%s,%d,Tea %s,98.00,%s,0.00,"+
					"买家%d,买家%d,文三路 %d 号,杭州市,310012,Zhejiang,CN,+86138%08d,,,Alipay,ref%d\n",
					1000+i, i%5000, at, subtotal/100, total/100, at, qty[k], sku, sku, i%5000, i%5000, i%300, i%5000, i)
			} else {
				fmt.Fprintf(w, "#%d,buyer%d@example.cn,,,,,,,,,,,,%d,Tea %s,98.00,%s,0.00,,,,,,,,,,,,\n",
					1000+i, i%5000, qty[k], sku, sku)
			}
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(path+".tmp", path); err != nil {
		b.Fatal(err)
	}
	return path
}

// emptyShop opens a new shop with the benchmark's products.
func emptyShop(b *testing.B, currency string, skus ...string) (context.Context, *app.Service) {
	ctx := app.WithActor(context.Background(), app.Actor{Name: "bench", Role: app.RoleOwner})
	store, err := data.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	svc := app.NewService(store)
	cur, _ := app.LookupCurrency(currency)
	if err := svc.SaveShop(ctx, app.Shop{Name: "Bench", Currency: cur, Country: "CN"}); err != nil {
		b.Fatal(err)
	}
	for _, s := range skus {
		if err := svc.SaveProduct(ctx, &app.Product{SKU: s, Name: "Tea " + s, Unit: "pcs", Price: 9800, Active: true}); err != nil {
			b.Fatal(err)
		}
	}
	return ctx, svc
}

// BenchmarkImportShopify reads, maps and imports a Shopify export of
// 100,000 orders into an empty shop: every order reviewed and confirmed.
func BenchmarkImportShopify(b *testing.B) {
	n := benchOrders(b)
	path := shopifyFile(b, n)
	for b.Loop() {
		b.StopTimer()
		ctx, svc := emptyShop(b, "CNY", benchSKUs...)
		b.StartTimer()
		tables, err := importer.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		parsed, err := importer.Parse(tables, importer.Options{Preset: importer.PresetShopify, Currency: app.Currency{Code: "CNY", Symbol: "¥", Decimals: 2}})
		if err != nil {
			b.Fatal(err)
		}
		res, err := importer.Run(ctx, svc, parsed, app.ImportBatch{Source: "bench.csv"}, nil)
		if err != nil || res.Orders != n {
			b.Fatalf("%v: %d orders imported of %d; %+v", err, res.Orders, n, res.Problems[:min(3, len(res.Problems))])
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "orders/s")
}

// BenchmarkImportRealRetail imports the UK gift shop's 34,325 real order
// lines (1,742 invoices) from the CSV into an empty GBP shop.
func BenchmarkImportRealRetail(b *testing.B) {
	path := filepath.Join(retailDir, "online_retail_II_combined.csv")
	if _, err := os.Stat(path); err != nil {
		b.Skip("the real order lines are not here")
	}
	for b.Loop() {
		b.StopTimer()
		ctx, svc := emptyShop(b, "GBP")
		b.StartTimer()
		tables, err := importer.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		gbp, _ := app.LookupCurrency("GBP")
		parsed, err := importer.Parse(tables, importer.Options{Preset: importer.PresetGeneric, Currency: gbp})
		if err != nil {
			b.Fatal(err)
		}
		res, err := importer.Run(ctx, svc, parsed, app.ImportBatch{Source: "retail.csv", CreateProducts: true}, nil)
		if err != nil || res.Lines != 34325 {
			b.Fatalf("%v: %d lines", err, res.Lines)
		}
	}
	b.ReportMetric(34325*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}
