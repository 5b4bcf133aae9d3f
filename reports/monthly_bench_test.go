package reports_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"orderdesk/app"
	"orderdesk/data"
	"orderdesk/reports"
)

// benchMonth is a shop with one month of 34,000 three-line orders
// (102,000 order lines), made once and kept in the temp folder.
func benchMonth(b *testing.B) (context.Context, *app.Service, time.Time) {
	const orders = 34_000
	month := time.Date(2026, 10, 1, 0, 0, 0, 0, time.Local)
	path := filepath.Join(os.TempDir(), fmt.Sprintf("orderdesk-bench-month-%d-v4.db", orders))
	ctx := app.WithActor(context.Background(), app.Actor{Name: "bench", Role: app.RoleOwner})
	_, statErr := os.Stat(path)
	store, err := data.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	svc := app.NewService(store).WithClock(func() time.Time { return month.AddDate(0, 1, 5) })
	if statErr == nil {
		return ctx, svc, month
	}
	cny, _ := app.LookupCurrency("CNY")
	if err := svc.SaveShop(ctx, app.Shop{Name: "Bench tea", Currency: cny, Country: "CN"}); err != nil {
		b.Fatal(err)
	}
	var customers []int64
	for i := range 500 {
		c := &app.Customer{Name: fmt.Sprintf("客户 %03d", i), Kind: app.CustomerRetail, Phone: fmt.Sprintf("138%08d", i)}
		if err := svc.SaveCustomer(ctx, c); err != nil {
			b.Fatal(err)
		}
		customers = append(customers, c.ID)
	}
	for i := range 60 {
		p := &app.Product{SKU: fmt.Sprintf("TEA-%03d", i), Name: fmt.Sprintf("茶叶 %d 号", i), Unit: "罐", Price: app.Money(5000 + 100*i), Active: true}
		if err := svc.SaveProduct(ctx, p); err != nil {
			b.Fatal(err)
		}
	}
	inputs := make([]app.OrderInput, orders)
	step := month.AddDate(0, 1, 0).Sub(month) / orders
	for i := range inputs {
		inputs[i] = app.OrderInput{Channel: app.ChannelTaobao, CustomerID: customers[i%len(customers)],
			OrderedAt: month.Add(time.Duration(i) * step), ShippingFee: 800,
			Lines: []app.LineInput{{SKU: fmt.Sprintf("TEA-%03d", i%60), Qty: 1}, {SKU: fmt.Sprintf("TEA-%03d", (i+7)%60), Qty: 2},
				{SKU: fmt.Sprintf("TEA-%03d", (i+13)%60), Qty: 3}}}
	}
	if _, err := svc.CreateOrders(ctx, inputs, false, nil); err != nil {
		b.Fatal(err)
	}
	return ctx, svc, month
}

// peakHeap samples the heap while fn runs and returns its peak in MB.
func peakHeap(fn func()) float64 {
	runtime.GC()
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	fn()
	close(done)
	return float64(peak.Load()) / (1 << 20)
}

// BenchmarkMonthlyWorkbook writes the whole workbook for a month of
// 102,000 order lines (every sheet, formats, totals, charts).
func BenchmarkMonthlyWorkbook(b *testing.B) {
	ctx, svc, month := benchMonth(b)
	var mb float64
	for b.Loop() {
		mb = peakHeap(func() {
			if err := reports.WriteMonthly(ctx, svc, io.Discard, reports.MonthlyOptions{Lang: reports.LangChinese, From: month,
				To: month.AddDate(0, 1, 0), Now: month}, nil); err != nil {
				b.Fatal(err)
			}
		})
	}
	b.ReportMetric(mb, "MB-peak")
}

// BenchmarkMonthlyLinesBare writes only the same month's order lines with
// a bare excelize StreamWriter: no formats, totals or other sheets.
func BenchmarkMonthlyLinesBare(b *testing.B) {
	ctx, svc, month := benchMonth(b)
	var mb float64
	for b.Loop() {
		mb = peakHeap(func() {
			f := excelize.NewFile()
			defer f.Close()
			sw, err := f.NewStreamWriter("Sheet1")
			if err != nil {
				b.Fatal(err)
			}
			row := 1
			err = svc.Report(ctx, func(r app.ReportReader, _ app.Shop) error {
				return r.EachLine(ctx, month, month.AddDate(0, 1, 0), func(l app.ReportLine) error {
					cell, _ := excelize.CoordinatesToCellName(1, row)
					row++
					return sw.SetRow(cell, []any{l.Number, l.OrderedAt, string(l.Channel), l.Customer, l.SKU, l.Name, l.Spec,
						string(l.Kind), l.Qty, float64(l.UnitPrice) / 100, float64(l.Discount) / 100, float64(l.Subtotal) / 100})
				})
			})
			if err != nil {
				b.Fatal(err)
			}
			if err := sw.Flush(); err != nil {
				b.Fatal(err)
			}
			if err := f.Write(io.Discard); err != nil {
				b.Fatal(err)
			}
		})
	}
	b.ReportMetric(mb, "MB-peak")
}
