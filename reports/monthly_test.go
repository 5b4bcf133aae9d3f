package reports_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"orderdesk/app"
	"orderdesk/app/sample"
	"orderdesk/data"
	"orderdesk/reports"
)

func sampleService(t *testing.T) (context.Context, *app.Service, time.Time) {
	t.Helper()
	ctx := app.WithActor(context.Background(), app.Actor{Name: "tester", Role: app.RoleOwner})
	store, err := data.Open(ctx, filepath.Join(t.TempDir(), "tea.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	now := time.Date(2026, 11, 20, 15, 0, 0, 0, time.Local)
	if _, err := sample.Generate(ctx, store, sample.Options{Orders: 150, Now: now, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	return ctx, app.NewService(store), now
}

func writeMonth(t *testing.T, ctx context.Context, svc *app.Service, from time.Time, l reports.Lang) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := reports.WriteMonthly(ctx, svc, &buf, reports.MonthlyOptions{Lang: l, From: from, To: from.AddDate(0, 1, 0),
		Now: from}, nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestMonthlyWorkbookTotals: the Orders sheet's totals equal the month's
// figures computed by the service from the same orders.
func TestMonthlyWorkbookTotals(t *testing.T) {
	ctx, svc, now := sampleService(t)
	from := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.Local)
	f := writeMonth(t, ctx, svc, from, reports.LangEnglish)
	sum, err := svc.SalesSummary(ctx, from, from.AddDate(0, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Orders", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	head, total := rows[0], rows[len(rows)-1]
	col := func(name string) int {
		for i, h := range head {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q in %v", name, head)
		return -1
	}
	if total[0] != "Total" {
		t.Fatalf("last row %v is not the totals", total)
	}
	// Drafts and cancelled orders are listed in their own columns and
	// count nowhere in the sales figures.
	var payable, lines float64
	var orders int
	for _, r := range rows[1 : len(rows)-1] {
		if r[col("Lines")] != "" {
			lines += parse(t, r[col("Lines")])
		}
		if r[col("Sales")] == "" {
			continue
		}
		orders++
		payable += parse(t, r[col("Sales")])
	}
	if orders != sum.Orders || app.Money(payable*100+0.5) != sum.Sales || int(lines) != sum.Lines {
		t.Fatalf("Orders sheet: %d orders, sales %.2f, %v lines; the service: %d, %d, %d", orders, payable, lines,
			sum.Orders, sum.Sales, sum.Lines)
	}
	days, err := f.GetRows("Sales by day", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := parse(t, days[len(days)-1][2]); app.Money(got*100+0.5) != sum.Net() {
		t.Fatalf("Sales by day totals %.2f, the month's net %d", got, sum.Net())
	}
}

// TestMonthlyWorkbookLanguagesAndEmptyMonth: Chinese sheets and headers;
// a month without orders still gives every sheet, saying it is empty.
func TestMonthlyWorkbookLanguagesAndEmptyMonth(t *testing.T) {
	ctx, svc, _ := sampleService(t)
	empty := time.Date(2020, 2, 1, 0, 0, 0, 0, time.Local)
	f := writeMonth(t, ctx, svc, empty, reports.LangChinese)
	sheets := strings.Join(f.GetSheetList(), " ")
	for _, want := range []string{"汇总", "订单", "订单明细", "按日销售", "按渠道销售", "按商品销售", "按客户销售", "订单执行跟踪",
		"退货及原因", "投诉统计", "库存及出入库", "应收账龄"} {
		if !strings.Contains(sheets, want) {
			t.Errorf("no sheet %s in %s", want, sheets)
		}
	}
	rows, err := f.GetRows("订单")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || rows[0][0] != "订单号" || !strings.Contains(strings.Join(rows[1], ""), "本期没有订单") {
		t.Fatalf("empty month's orders sheet: %v", rows)
	}
	en := writeMonth(t, ctx, svc, empty, reports.LangEnglish)
	rows, _ = en.GetRows("Order lines")
	if len(rows) < 2 || rows[0][4] != "SKU" || !strings.Contains(strings.Join(rows[1], ""), "No order lines in this period") {
		t.Fatalf("empty month's order lines: %v", rows)
	}
}

func parse(t *testing.T, s string) float64 {
	t.Helper()
	var v float64
	if _, err := fmt.Sscan(s, &v); err != nil {
		t.Fatalf("number %q: %v", s, err)
	}
	return v
}

// TestMonthlyWorkbookAfterSales: the Returns sheet lists the month's
// after-sales cases with their kind, reason, status and refunds, and the
// Complaints sheet counts them per category with the time to resolve.
func TestMonthlyWorkbookAfterSales(t *testing.T) {
	ctx, svc, now := sampleService(t)
	from := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.Local)
	f := writeMonth(t, ctx, svc, from, reports.LangEnglish)
	cases, _, err := svc.Cases(ctx, app.CaseFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var refunded app.Money
	want := map[string]bool{}
	for _, c := range cases {
		if !c.RequestedAt.Before(from) && c.RequestedAt.Before(from.AddDate(0, 1, 0)) {
			want[c.Number] = true
			refunded += c.Refunded
		}
	}
	if len(want) == 0 {
		t.Fatal("the sample has no case this month")
	}
	rows, err := f.GetRows("Returns", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	got := 0
	var sum float64
	for _, r := range rows[1 : len(rows)-1] {
		if want[r[0]] {
			got++
			sum += parse(t, r[9])
		}
	}
	if got != len(want) || app.Money(sum*100+0.5) != refunded {
		t.Fatalf("Returns sheet lists %d of the month's %d cases, refunded %.2f, want %d", got, len(want), sum, refunded)
	}
	stats, err := f.GetRows("Complaints", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	complaints, total, err := svc.Complaints(ctx, app.ComplaintFilter{Limit: 500})
	if err != nil || total == 0 {
		t.Fatalf("%d complaints: %v", total, err)
	}
	if counted := parse(t, stats[len(stats)-1][1]); int(counted) != len(complaints) {
		t.Fatalf("Complaints sheet counts %v, the shop has %d", counted, len(complaints))
	}
	resolvedHours := false
	for _, r := range stats[1 : len(stats)-1] {
		resolvedHours = resolvedHours || (len(r) > 3 && r[3] != "" && parse(t, r[3]) > 0)
	}
	if !resolvedHours {
		t.Fatalf("no category shows its time to resolve: %v", stats)
	}
}
