package data_test

import (
	"bytes"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"orderdesk/app"
	"orderdesk/reports"
)

// TestMonthlyFiguresReconcile builds a month through the services, with a
// draft, a cancelled paid order not yet refunded, a return refunded on a
// paid order, a return on an unpaid one and an order still owed; writes
// the monthly workbook and reads it back (issue 17, point 3):
//   - the Summary's net sales is the total of every Sales-by sheet;
//   - what the Summary says is owed is the Receivables ageing total;
//   - credits and the returns rate count the returned goods;
//   - drafts and cancelled orders stand in their own columns, not in the
//     sales, and a cancelled order's money held is owed to the customer;
//   - refunds paid are the money that went back;
//   - the Order execution sheet has its totals row.
func TestMonthlyFiguresReconcile(t *testing.T) {
	f := fulfilShop(t)

	draft, err := f.svc.CreateOrder(f.ctx, f.input(app.LineInput{SKU: "TEA-001", Qty: 1}), false)
	f.must(err)
	gone := f.confirmed(f.input(app.LineInput{SKU: "CUP-002", Qty: 1}))
	_, err = f.svc.RecordPayment(f.ctx, gone.ID, app.PaymentInput{Method: app.PayAlipay, Amount: gone.Payable})
	f.must(err)
	_, err = f.svc.Cancel(f.ctx, gone.ID, "customer changed their mind")
	f.must(err)
	paid := f.delivered(app.LineInput{SKU: "TEA-001", Qty: 2})
	back := f.returned(paid, paid.Lines[0].ID, 1)
	_, err = f.svc.RefundCase(f.ctx, back.ID, app.RefundInput{Amount: back.RefundAmount})
	f.must(err)
	unpaid := f.shippedUnpaid(app.LineInput{SKU: "TEA-001", Qty: 3}, app.LineInput{SKU: "POT-003", Qty: 1})
	f.returned(unpaid, unpaid.Lines[1].ID, 1)
	owing := f.confirmed(f.input(app.LineInput{SKU: "TEA-001", Qty: 1}))

	gross := paid.Payable + unpaid.Payable + owing.Payable
	goods := gross - 3*1000 // the postage of each
	credits := app.Money(12800 + 45000)
	owed := unpaid.Payable - 45000 + owing.Payable

	from := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	f.must(reports.WriteMonthly(f.ctx, f.svc, &buf, reports.MonthlyOptions{Lang: reports.LangEnglish, From: from,
		To: from.AddDate(0, 1, 0), Now: f.clock}, nil))
	x, err := excelize.OpenReader(&buf)
	f.must(err)
	defer x.Close()
	sheet := func(name string) [][]string {
		t.Helper()
		rows, err := x.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil || len(rows) < 2 {
			t.Fatalf("sheet %s: %v %v", name, rows, err)
		}
		return rows
	}
	money := func(s string) app.Money {
		t.Helper()
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("amount %q: %v", s, err)
		}
		return app.Money(math.Round(v * 100))
	}
	column := func(rows [][]string, head string) int {
		t.Helper()
		for i, h := range rows[0] {
			if h == head {
				return i
			}
		}
		t.Fatalf("no column %q in %v", head, rows[0])
		return -1
	}
	total := func(name, head string) app.Money {
		t.Helper()
		rows := sheet(name)
		last := rows[len(rows)-1]
		if c := column(rows, head); c < len(last) {
			return money(last[c])
		}
		t.Fatalf("%s has no total under %q: %v", name, head, last)
		return 0
	}

	summary := map[string]string{}
	for _, r := range sheet("Summary") {
		if len(r) >= 2 {
			summary[r[0]] = r[1]
		}
	}
	fig := func(label string) app.Money {
		t.Helper()
		v, ok := summary[label]
		if !ok {
			t.Fatalf("no figure %q on the Summary: %v", label, summary)
		}
		return money(v)
	}
	want := map[string]app.Money{
		"Gross sales":                                  gross,
		"Credits: returned goods":                      credits,
		"Credits issued":                               credits,
		"Net sales (gross − credits)":                  gross - credits,
		"Refunds paid":                                 12800,
		"Money received":                               paid.Payable + gone.Payable,
		"Owed by customers (= receivables ageing)":     owed,
		"Owed to customers (refunds due)":              gone.Payable,
		"of which held for cancelled orders":           gone.Payable,
		"Draft orders: amount (not sales)":             draft.Payable,
		"Cancelled orders: amount (not sales)":         gone.Payable,
		"Credits on cancelled orders (not in credits)": gone.Payable,
	}
	for label, w := range want {
		if got := fig(label); got != w {
			t.Errorf("Summary %q: %d, want %d", label, got, w)
		}
	}
	if n := summary["Sales orders (not drafts, not cancelled)"]; n != "3" {
		t.Errorf("sales orders %q, want 3", n)
	}
	if n := summary["Draft orders (not sales)"]; n != "1" {
		t.Errorf("drafts %q, want 1", n)
	}
	rate, _ := strconv.ParseFloat(summary["Returns rate (credited goods ÷ gross goods)"], 64)
	if math.Abs(rate-float64(credits)/float64(goods)) > 1e-9 {
		t.Errorf("returns rate %v, want %v", rate, float64(credits)/float64(goods))
	}

	net := fig("Net sales (gross − credits)")
	for _, name := range []string{"Sales by day", "Sales by channel", "Sales by product", "Sales by customer"} {
		if got := total(name, "Net sales"); got != net {
			t.Errorf("%s totals %d, the Summary's net is %d", name, got, net)
		}
	}
	if got := total("Receivables ageing", "Outstanding"); got != fig("Owed by customers (= receivables ageing)") {
		t.Errorf("Receivables ageing totals %d, the Summary says %d is owed", got, owed)
	}

	orders := sheet("Orders")
	byNumber := map[string][]string{}
	for _, r := range orders[1:] {
		byNumber[r[0]] = r
	}
	cell := func(number, head string) string {
		r := byNumber[number]
		if c := column(orders, head); c < len(r) {
			return r[c]
		}
		return ""
	}
	if cell(draft.Number, "Sales") != "" || money(cell(draft.Number, "Draft (not sales)")) != draft.Payable {
		t.Errorf("the draft's row: %v", byNumber[draft.Number])
	}
	if cell(gone.Number, "Sales") != "" || money(cell(gone.Number, "Cancelled (not sales)")) != gone.Payable ||
		money(cell(gone.Number, "Owed to customer")) != gone.Payable {
		t.Errorf("the cancelled order's row: %v", byNumber[gone.Number])
	}
	if got := total("Orders", "Sales"); got != gross {
		t.Errorf("the Orders sheet's sales total %d, want the gross %d", got, gross)
	}
	if got := total("Orders", "Outstanding"); got != owed {
		t.Errorf("the Orders sheet's outstanding total %d, want %d", got, owed)
	}

	execution := sheet("Order execution")
	if last := execution[len(execution)-1]; last[0] != "Total" || len(execution) != 2+3 {
		t.Errorf("Order execution: %v, want the three sales and a totals row", execution)
	}
	if got := total("Order execution", "Shipped orders"); got != 200 { // two shipped: money() counts in minor units
		t.Errorf("Order execution counts %d shipped, want 2", got/100)
	}
}
