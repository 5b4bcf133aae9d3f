package reports

import (
	"io"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"orderdesk/app"
)

const benchRows = 100_000

var benchColumns = []Column{
	{Header: "订单号 Order", Kind: TextColumn},
	{Header: "下单时间 Ordered", Kind: DateTimeColumn},
	{Header: "客户 Customer", Kind: TextColumn},
	{Header: "渠道 Channel", Kind: TextColumn},
	{Header: "数量 Qty", Kind: IntColumn, Total: true},
	{Header: "单价 Price", Kind: MoneyColumn},
	{Header: "小计 Subtotal", Kind: MoneyColumn, Total: true},
	{Header: "折扣 Discount", Kind: PercentColumn},
	{Header: "工时 Hours", Kind: DurationHoursColumn, Total: true},
	{Header: "计划发货 Planned", Kind: DateColumn},
}

var (
	benchCustomers = []string{"杭州茗香茶行有限公司", "Tea Lovers Ltd", "沈国强", "上海静安区茶艺馆", "Jade Leaf Trading"}
	benchChannels  = []string{"天猫", "京东", "web shop", "门店"}
	benchStart     = time.Date(2026, 11, 1, 9, 0, 0, 0, time.Local)
)

// benchRow fills row with order line i of a month, as a query would give it.
func benchRow(i int, row []any) {
	qty := int64(i%7 + 1)
	price := app.Money(1000 + i%50*137)
	at := benchStart.Add(time.Duration(i) * 26 * time.Second)
	row[0] = "202611-" + strconv.Itoa(i)
	row[1] = at
	row[2] = benchCustomers[i%len(benchCustomers)]
	row[3] = benchChannels[i%len(benchChannels)]
	row[4] = qty
	row[5] = price
	row[6] = price * app.Money(qty)
	row[7] = float64(i%20) / 100
	row[8] = float64(i%9) / 4
	row[9] = at.Add(48 * time.Hour)
}

// excelSerial is t as Excel's day number, so the bare writer needs no
// style for it.
func excelSerial(t time.Time) float64 {
	_, offset := t.Zone()
	return float64(t.Unix()+int64(offset))/86400 + 25569
}

// BenchmarkWorkbook writes 100,000 rows × 10 mixed columns with
// WriteWorkbook and, for comparison, with a bare StreamWriter: no styles,
// widths, totals or checks, times given as plain serial numbers.
func BenchmarkWorkbook(b *testing.B) {
	b.Run("WriteWorkbook", func(b *testing.B) {
		wb := Workbook{Currency: app.Currency{Code: "CNY", Symbol: "¥", Decimals: 2}, TotalLabel: "合计",
			Sheets: []Sheet{{Name: "订单明细 Lines", Title: "订单明细 · 2026-11", Columns: benchColumns,
				Rows: func(yield func([]any) error) error {
					row := make([]any, len(benchColumns))
					for i := range benchRows {
						benchRow(i, row)
						if err := yield(row); err != nil {
							return err
						}
					}
					return nil
				}}},
			Charts: []Chart{{Title: "Sales", Sheet: "订单明细 Lines", Category: 1, Value: 6, Kind: "line"}}}
		measurePeak(b, func() error { return WriteWorkbook(io.Discard, wb, nil) })
	})
	b.Run("BareStreamWriter", func(b *testing.B) {
		measurePeak(b, func() error {
			f := excelize.NewFile()
			defer f.Close()
			sw, err := f.NewStreamWriter("Sheet1")
			if err != nil {
				return err
			}
			row := make([]any, len(benchColumns))
			for i := range benchRows {
				benchRow(i, row)
				row[1] = excelSerial(row[1].(time.Time))
				row[5] = float64(row[5].(app.Money)) / 100
				row[6] = float64(row[6].(app.Money)) / 100
				row[9] = excelSerial(row[9].(time.Time))
				if err := sw.SetRow("A"+strconv.Itoa(i+1), row); err != nil {
					return err
				}
			}
			if err := sw.Flush(); err != nil {
				return err
			}
			return f.Write(io.Discard)
		})
	})
}

// measurePeak runs write b.N times and reports the highest heap in use
// while it ran, sampled every millisecond, as MB-peak.
func measurePeak(b *testing.B, write func() error) {
	b.ReportAllocs()
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	b.ResetTimer()
	for b.Loop() {
		if err := write(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	close(done)
	wg.Wait()
	b.ReportMetric(float64(peak)/(1<<20), "MB-peak")
}
