package reports

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"orderdesk/app"
)

// statementAsOf is the statement's date: 2 Nov 2026, 10:15 in Hangzhou.
var statementAsOf = letterNow

func sampleDealer() app.Customer {
	return app.Customer{ID: 7, Code: "D-007", Name: "杭州茗香茶行有限公司", Kind: app.CustomerDealer, Contact: "沈国强",
		Phone: "0571-87654321", Email: "shen@mingxiang.example", PaymentTermDays: 30, LateFeePerMille: 5,
		Address: app.Address{Province: "浙江省", City: "杭州市", District: "上城区", Street: "河坊街 188 号 2 楼", Postcode: "310002", Country: "CN"}}
}

// receivable is an order of the dealer's that fell due daysAgo days
// before the statement (negative: falls due later).
func receivable(n, daysAgo int, payable, outstanding app.Money) app.Receivable {
	due := statementAsOf.AddDate(0, 0, -daysAgo).Add(-time.Hour).UTC()
	return app.Receivable{OrderID: int64(n), Number: fmt.Sprintf("202609-%03d", n), CustomerID: 7, Customer: "杭州茗香茶行有限公司",
		OrderedAt: due.AddDate(0, 0, -30), DueDate: due, Payable: payable, Outstanding: outstanding, LateFeeRate: 5}
}

// sampleReceivables are one order in each ageing bucket.
func sampleReceivables() []app.Receivable {
	return []app.Receivable{
		receivable(1, 100, 300000, 300000), // over 90
		receivable(2, 75, 120000, 120000),  // 61–90
		receivable(3, 45, 451000, 451000),  // 31–60
		receivable(4, 10, 200000, 150000),  // 1–30, partly paid
		receivable(5, -5, 88000, 88000),    // not due
	}
}

func writeStatement(t testing.TB, v Statement) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteStatement(&buf, v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestStatementFigures checks the view's sums without a PDF reader: the
// late fees are the receivables' own, each bucket holds its order.
func TestStatementFigures(t *testing.T) {
	shop, items := sampleShop(), sampleReceivables()
	v := NewStatement(shop, sampleDealer(), items, statementAsOf, letterOptions(LangEnglish))
	var fees app.Money
	for _, r := range items {
		fees += r.LateFee(statementAsOf)
	}
	cur := shop.Currency
	owed := app.Money(300000 + 120000 + 451000 + 150000 + 88000)
	if v.TotalDue.Value != cur.Format(owed+fees) || v.Sums[0].Value != cur.Format(owed) || v.Sums[1].Value != cur.Format(fees) {
		t.Errorf("total due %v, sums %v; want %s + %s", v.TotalDue, v.Sums, cur.Format(owed), cur.Format(fees))
	}
	want := []string{"¥880.00", "¥1,500.00", "¥4,510.00", "¥1,200.00", "¥3,000.00", cur.Format(owed)}
	if strings.Join(v.AgeingAmounts, " ") != strings.Join(want, " ") {
		t.Errorf("ageing %v, want %v", v.AgeingAmounts, want)
	}
	if v.Items[3].DaysOverdue != "10" || !v.Items[3].Overdue || v.Items[4].DaysOverdue != "not due" || v.Items[4].Overdue {
		t.Errorf("days overdue %+v / %+v", v.Items[3], v.Items[4])
	}
	if v.Items[4].LateFee != "" || v.Items[0].LateFee == "" {
		t.Errorf("late fees %q (not due) and %q (100 days)", v.Items[4].LateFee, v.Items[0].LateFee)
	}
}

func TestStatementChinese(t *testing.T) {
	shop, items := onAccountShop(), sampleReceivables()
	v := NewStatement(shop, sampleDealer(), items, statementAsOf, letterOptions(LangChinese))
	pdf := writeStatement(t, v)
	got := pdfText(t, pdf)
	f := flat(got)
	for _, want := range []string{"对账单", "杭州茗香茶行有限公司", "沈国强", "310002浙江省杭州市上城区河坊街188号2楼",
		"2026年11月2日", "30天账期", "逾期金额每月5‰", "202609-001", "202609-005", "未到期",
		"账龄分析", "逾期1–30天", "逾期90天以上", "¥880.00", "¥1,500.00", "¥4,510.00", "¥1,200.00", "¥3,000.00",
		"应付合计（不含滞纳金）¥11,090.00", flat(v.TotalDue.Label) + flat(v.TotalDue.Value),
		"请通过银行转账付款，并在附言中注明订单号。", "户名杭州青岚茶舍有限公司·开户行中国银行杭州西湖支行", "电话0571-88001234·邮箱service@qinglan.example", "第1页，共1页"} {
		if !strings.Contains(f, want) {
			t.Errorf("the statement lacks %q:\n%s", want, got)
		}
	}
	if pages, _ := pageCount(t, pdf); pages != 1 {
		t.Errorf("five orders take %d pages", pages)
	}
}

func TestStatementEnglish(t *testing.T) {
	c := sampleDealer()
	c.LateFeePerMille = 0
	items := sampleReceivables()[3:]
	for i := range items {
		items[i].LateFeeRate = 0
	}
	got := pdfText(t, writeStatement(t, NewStatement(sampleShop(), c, items, statementAsOf, letterOptions(LangEnglish))))
	for _, want := range []string{"Statement of account", "Statement date", "2 Nov 2026", "net 30 days", "Days overdue",
		"Total due", "¥2,380.00", "Please pay by bank transfer, quoting the order numbers"} {
		if !strings.Contains(got, want) {
			t.Errorf("the statement lacks %q:\n%s", want, got)
		}
	}
	// Without a late fee rate there is no late fee line.
	for _, unwanted := range []string{"per month", "including late fees", "Late fees to date"} {
		if strings.Contains(got, unwanted) {
			t.Errorf("a statement without late fees has %q:\n%s", unwanted, got)
		}
	}
}

// TestStatementEmpty: a customer who owes nothing gets a statement that
// says so, without a table or ageing.
func TestStatementEmpty(t *testing.T) {
	v := NewStatement(sampleShop(), sampleDealer(), nil, statementAsOf, letterOptions(LangEnglish))
	got := pdfText(t, writeStatement(t, v))
	for _, want := range []string{"Statement of account", "Nothing is owed on this account as of 2 Nov 2026", "Total due", "¥0.00"} {
		if !strings.Contains(got, want) {
			t.Errorf("the empty statement lacks %q:\n%s", want, got)
		}
	}
	for _, unwanted := range []string{"Days overdue", "Ageing", "bank transfer"} {
		if strings.Contains(got, unwanted) {
			t.Errorf("the empty statement has %q:\n%s", unwanted, got)
		}
	}
}

// TestStatementLongList runs 90 open orders over several pages, each with
// the table's header, every order printed once, the totals at the end.
func TestStatementLongList(t *testing.T) {
	var items []app.Receivable
	for i := range 90 {
		items = append(items, receivable(i+1, 120-i*2, app.Money(10000+100*i), app.Money(10000+100*i)))
	}
	v := NewStatement(sampleShop(), sampleDealer(), items, statementAsOf, letterOptions(LangChinese))
	pdf := writeStatement(t, v)
	pages, _ := pageCount(t, pdf)
	if pages < 2 {
		t.Fatalf("90 orders fit on %d page", pages)
	}
	got := pdfText(t, pdf)
	perPage := strings.Split(got, "\f")
	tablePages := 0
	for p := 1; p <= pages; p++ {
		if want := fmt.Sprintf("第 %d 页，共 %d 页", p, pages); !strings.Contains(perPage[p-1], want) {
			t.Errorf("page %d lacks %q", p, want)
		}
		if regexp.MustCompile(`202609-\d{3}`).MatchString(perPage[p-1]) {
			tablePages++
		}
	}
	if heads := regexp.MustCompile(`订单号\s+下单日期\s+到期日`).FindAllString(got, -1); len(heads) != tablePages {
		t.Errorf("the table runs over %d pages and has its header %d times", tablePages, len(heads))
	}
	for i := range 90 {
		if n := strings.Count(got, fmt.Sprintf("202609-%03d", i+1)); n != 1 {
			t.Errorf("order %d printed %d times", i+1, n)
		}
	}
	end := got[strings.Index(got, "202609-090"):]
	if !strings.Contains(flat(end), flat(v.TotalDue.Value)) || !strings.Contains(end, "请通过银行转账付款") {
		t.Errorf("the total due %s or the payment note does not follow the last order:\n%s", v.TotalDue.Value, end)
	}
}

// TestStatementAccountActivity: the account's orders, credit notes,
// payments and refunds print with the running balance, as the reader
// checks it: brought forward, each line, the balance at the end; a
// credit balance (the shop owes) prints negative.
func TestStatementAccountActivity(t *testing.T) {
	loc := statementAsOf.Location()
	day := func(d int) time.Time { return time.Date(2026, 10, d, 11, 0, 0, 0, loc) }
	a := app.AccountActivity{From: day(1), To: time.Date(2026, 11, 3, 0, 0, 0, 0, loc), Opening: 10000, Entries: []app.AccountEntry{
		{At: day(5), Kind: app.EntryOrder, Order: "202610-007", Amount: 87400},
		{At: day(9), Kind: app.EntryCredit, Order: "202610-007", Detail: "return", Amount: -58000},
		{At: day(10), Kind: app.EntryPayment, Order: "202610-007", Detail: "wechat_pay", Amount: -29400},
		{At: day(12), Kind: app.EntryCredit, Order: "202610-007", Detail: "return", Amount: -9800},
		{At: day(13), Kind: app.EntryRefund, Order: "202610-007", Detail: "wechat_pay", Amount: 9800},
		{At: day(20), Kind: app.EntryPayment, Order: "202609-031", Detail: "bank_transfer", Amount: -20000},
	}}
	run := a.Opening
	for i := range a.Entries {
		run += a.Entries[i].Amount
		a.Entries[i].Balance = run
	}
	a.Closing = run
	v := NewStatement(sampleShop(), sampleDealer(), nil, statementAsOf, letterOptions(LangEnglish))
	v.SetActivity(sampleShop(), a, LangEnglish)
	got := pdfText(t, writeStatement(t, v))
	for _, want := range []string{"Account activity, 1 Oct 2026 – 2 Nov 2026", "Balance brought forward", "¥100.00",
		"Credit note: goods returned", "Payment: WeChat Pay", "Refund: WeChat Pay", "¥874.00", "¥580.00", "¥294.00",
		"Balance at 2 Nov 2026", "-¥100.00"} {
		if !strings.Contains(got, want) {
			t.Errorf("the statement lacks %q:\n%s", want, got)
		}
	}
}
