package reports

import (
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"orderdesk/app"
)

// statementWords are the statement's own words in both languages; the
// rest come from the shared labels.
var statementWords = map[string]wording{
	"title":                 {"Statement of account", "对账单"},
	"intro":                 {"Below are the orders on your account that are not yet paid in full, as of the statement date.", "截至对账日，贵方以下订单尚未付清，请核对。"},
	"account":               {"Account", "账户信息"},
	"statement_date":        {"Statement date", "对账日期"},
	"terms":                 {"Payment terms", "付款期限"},
	"terms.value":           {"net {n} days", "{n} 天账期"},
	"late_rate":             {"Late fee", "滞纳金"},
	"late_rate.value":       {"{n}‰ per month on overdue amounts", "逾期金额每月 {n}‰"},
	"customer_code":         {"Customer code", "客户编号"},
	"open_items":            {"Open items", "未结订单"},
	"col.order":             {"Order", "订单号"},
	"col.ordered":           {"Order date", "下单日期"},
	"col.due":               {"Due date", "到期日"},
	"col.overdue":           {"Days overdue", "逾期天数"},
	"col.amount":            {"Amount", "订单金额"},
	"col.outstanding":       {"Outstanding", "未付金额"},
	"col.late_fee":          {"Late fee to date", "截至今日滞纳金"},
	"not_due":               {"not due", "未到期"},
	"items_total":           {"Total", "合计"},
	"ageing":                {"Ageing", "账龄分析"},
	"age.not_due":           {"Not yet due", "未到期"},
	"age.1_30":              {"1–30 days", "逾期 1–30 天"},
	"age.31_60":             {"31–60 days", "逾期 31–60 天"},
	"age.61_90":             {"61–90 days", "逾期 61–90 天"},
	"age.over_90":           {"Over 90 days", "逾期 90 天以上"},
	"age.total":             {"Total", "合计"},
	"open_orders":           {"Open orders", "未结订单数"},
	"overdue":               {"Overdue", "已逾期"},
	"excl_fees":             {"Total due excluding late fees", "应付合计（不含滞纳金）"},
	"late_fees":             {"Late fees to date", "滞纳金"},
	"incl_fees":             {"Total due including late fees", "应付合计（含滞纳金）"},
	"total_due":             {"Total due", "应付合计"},
	"nothing_owed":          {"Nothing is owed on this account as of {date}. Thank you.", "截至{date}，贵方账户无未付款项。谢谢！"},
	"how_to_pay":            {"How to pay", "付款方式"},
	"pay_note":              {"Please pay by bank transfer, quoting the order numbers in the payment reference.", "请通过银行转账付款，并在附言中注明订单号。"},
	"contact_us":            {"Questions about this statement? Contact us: ", "如对本对账单有任何疑问，请联系我们："},
	"activity":              {"Account activity, {from} – {to}", "账户往来明细（{from} – {to}）"},
	"col.date":              {"Date", "日期"},
	"col.entry":             {"Entry", "项目"},
	"col.charged":           {"Charged", "应收"},
	"col.credited":          {"Credited / paid", "冲减 / 已付"},
	"col.balance":           {"Balance", "余额"},
	"brought_forward":       {"Balance brought forward", "上期结余"},
	"closing":               {"Balance at {date}", "截至 {date} 余额"},
	"entry.order":           {"Order", "订单"},
	"entry.credit":          {"Credit note", "冲减单"},
	"entry.payment":         {"Payment", "收款"},
	"entry.refund":          {"Refund", "退款"},
	"credit.return":         {"goods returned", "退回商品"},
	"credit.cancellation":   {"order cancelled", "订单取消"},
	"credit.partial_refund": {"partial refund", "部分退款"},
	"credit.compensation":   {"compensation", "补偿"},
}

// statementWord is the statement's word for key in l, else the shared
// label (which shows the key itself when it knows none).
func statementWord(l Lang, key string) string {
	if w, ok := statementWords[key]; ok {
		return w.in(l)
	}
	return l.label(key)
}

// ageingBuckets are the R-42 buckets in the order they print, by the
// names app.Receivable.Bucket gives them.
var ageingBuckets = []string{"not_due", "1_30", "31_60", "61_90", "over_90"}

// StatementRow is one open order of a statement, or its totals.
type StatementRow struct {
	Number, Ordered, Due, DaysOverdue, Amount, Outstanding, LateFee string
	Overdue                                                         bool // shaded
}

func (r StatementRow) cells() []string {
	return []string{r.Number, r.Ordered, r.Due, r.DaysOverdue, r.Amount, r.Outstanding, r.LateFee}
}

// Statement is a customer's statement of account as it is printed:
// every label and value already written out.
type Statement struct {
	Paper   Paper
	Created time.Time

	Letterhead Letterhead
	Title      string
	Intro      string

	Customer, Account FactGroup // side by side

	ItemsTitle string
	ItemHeads  StatementRow
	Items      []StatementRow
	ItemTotals StatementRow
	// Empty is said instead of the items and the ageing when nothing is
	// owed.
	Empty string

	AgeingTitle   string
	AgeingHeads   []string // the buckets and their total
	AgeingAmounts []string

	// The account over the period (SetActivity): a row an entry, between
	// the balance brought forward and the balance at the end.
	ActivityTitle string
	ActivityHeads []string
	Activity      [][]string

	Sums     []Fact // excluding late fees, the late fees
	TotalDue Fact
	Summary  []Fact // open orders, overdue: beside the sums

	Notes     []Fact // how to pay: highlighted
	ContactUs string

	Footer    string
	PageLabel string // "Page {n} of {total}"
}

// NewStatement writes out what the customer owes at asOf, from their
// receivables (oldest due first, as the service lists them), in opt.Lang.
// Dates print in asOf's time zone; opt.Now is the PDF's creation date
// (zero: asOf).
func NewStatement(shop app.Shop, c app.Customer, items []app.Receivable, asOf time.Time, opt LetterOptions) Statement {
	l := opt.Lang
	cur := shop.Currency
	loc := asOf.Location()
	word := func(key string) string { return statementWord(l, key) }
	unlessZero := func(m app.Money) string {
		if m == 0 {
			return ""
		}
		return cur.Format(m)
	}
	created := opt.Now
	if created.IsZero() {
		created = asOf
	}
	contacts := shopContactsFor(l, shop, c.Address.Country)
	v := Statement{
		Paper:   opt.Paper,
		Created: created,
		Letterhead: Letterhead{ShopName: shop.Name, Logo: shop.Logo,
			Lines: joinNonEmpty("\n", postalLine(shop.Address, l, c.Address.Country),
				joinNonEmpty(" · ", contacts, labelled(l, "tax_id", shop.TaxID)))},
		Title: word("title"),
		Customer: FactGroup{Title: l.label("customer"), Facts: []Fact{
			{l.label("customer_name"), c.Name},
			{word("customer_code"), c.Code},
			{l.label("contact"), c.Contact},
			{l.label("phone"), c.Phone},
			{l.label("email"), c.Email},
			{l.label("address"), postalLine(c.Address, l, shopCountry(shop))},
		}},
		Account: FactGroup{Title: word("account"), Facts: []Fact{
			{word("statement_date"), l.date(asOf)},
		}},
		ItemsTitle: word("open_items"),
		ItemHeads: StatementRow{word("col.order"), word("col.ordered"), word("col.due"), word("col.overdue"),
			word("col.amount"), word("col.outstanding"), word("col.late_fee"), false},
		AgeingTitle: word("ageing"),
		Footer:      joinNonEmpty(" · ", shop.Name, word("title"), c.Name),
		PageLabel:   l.label("page"),
	}
	if c.PaymentTermDays > 0 {
		v.Account.Facts = append(v.Account.Facts, Fact{word("terms"), replaceN(word("terms.value"), c.PaymentTermDays)})
	}
	if c.LateFeePerMille > 0 {
		v.Account.Facts = append(v.Account.Facts, Fact{word("late_rate"), replaceN(word("late_rate.value"), c.LateFeePerMille)})
	}

	var payable, owed, fees, overdue app.Money
	ageing := make([]app.Money, len(ageingBuckets))
	for _, r := range items {
		days, fee := r.DaysOverdue(asOf), r.LateFee(asOf)
		row := StatementRow{Number: r.Number, Ordered: l.date(r.OrderedAt.In(loc)), Due: l.date(r.DueDate.In(loc)),
			DaysOverdue: word("not_due"), Amount: cur.Format(r.Payable), Outstanding: cur.Format(r.Outstanding),
			LateFee: unlessZero(fee), Overdue: days > 0}
		if days > 0 {
			row.DaysOverdue = strconv.Itoa(days)
			overdue += r.Outstanding
		}
		v.Items = append(v.Items, row)
		payable, owed, fees = payable+r.Payable, owed+r.Outstanding, fees+fee
		for i, b := range ageingBuckets {
			if r.Bucket(asOf) == b {
				ageing[i] += r.Outstanding
			}
		}
	}

	if len(items) == 0 {
		v.Empty = replaceDate(word("nothing_owed"), l.date(asOf))
		v.TotalDue = Fact{word("total_due"), cur.Format(0)}
	} else {
		v.Intro = word("intro")
		v.ItemTotals = StatementRow{Number: word("items_total"), Amount: cur.Format(payable), Outstanding: cur.Format(owed),
			LateFee: unlessZero(fees)}
		for i, b := range ageingBuckets {
			v.AgeingHeads = append(v.AgeingHeads, word("age."+b))
			v.AgeingAmounts = append(v.AgeingAmounts, cur.Format(ageing[i]))
		}
		v.AgeingHeads = append(v.AgeingHeads, word("age.total"))
		v.AgeingAmounts = append(v.AgeingAmounts, cur.Format(owed))
		v.Summary = []Fact{
			{word("open_orders"), app.FormatCount(int64(len(items)))},
			{word("overdue"), unlessZero(overdue)},
		}
		if fees > 0 {
			v.Sums = []Fact{{word("excl_fees"), cur.Format(owed)}, {word("late_fees"), cur.Format(fees)}}
			v.TotalDue = Fact{word("incl_fees"), cur.Format(owed + fees)}
		} else {
			v.TotalDue = Fact{word("total_due"), cur.Format(owed)}
		}
		v.Notes = []Fact{{word("how_to_pay"), joinNonEmpty(" ", word("pay_note"), bankLine(l, shop.Bank))}}
	}
	if contacts != "" {
		v.ContactUs = word("contact_us") + contacts
	}
	return v
}

// SetActivity adds the customer's account over a period: the balance
// brought forward, every order, credit note, payment and refund with the
// running balance, and the balance at the period's end (negative: what
// the shop owes the customer).
func (v *Statement) SetActivity(shop app.Shop, a app.AccountActivity, l Lang) {
	cur := shop.Currency
	word := func(key string) string { return statementWord(l, key) }
	loc := a.To.Location()
	last := a.To.Add(-time.Nanosecond)
	v.ActivityTitle = strings.NewReplacer("{from}", l.date(a.From.In(loc)), "{to}", l.date(last.In(loc))).Replace(word("activity"))
	v.ActivityHeads = []string{word("col.date"), word("col.entry"), word("col.order"), word("col.charged"), word("col.credited"),
		word("col.balance")}
	v.Activity = [][]string{{l.date(a.From.In(loc)), word("brought_forward"), "", "", "", cur.Format(a.Opening)}}
	for _, e := range a.Entries {
		entry := word("entry." + string(e.Kind))
		switch e.Kind {
		case app.EntryCredit:
			entry += ": " + word("credit."+e.Detail)
		case app.EntryPayment, app.EntryRefund:
			entry += ": " + l.label("method."+e.Detail)
		}
		charged, credited := "", ""
		if e.Amount >= 0 {
			charged = cur.Format(e.Amount)
		} else {
			credited = cur.Format(-e.Amount)
		}
		v.Activity = append(v.Activity, []string{l.date(e.At.In(loc)), entry, e.Order, charged, credited, cur.Format(e.Balance)})
	}
	v.Activity = append(v.Activity, []string{l.date(last.In(loc)), replaceDate(word("closing"), l.date(last.In(loc))), "", "", "",
		cur.Format(a.Closing)})
}

// replaceN puts a number in place of "{n}".
func replaceN(s string, n int) string { return strings.ReplaceAll(s, "{n}", strconv.Itoa(n)) }

// replaceDate puts a date in place of "{date}".
func replaceDate(s, date string) string { return strings.ReplaceAll(s, "{date}", date) }

// WriteStatement prints the statement.
func WriteStatement(w io.Writer, v Statement) error {
	pdf, err := newPDF(v.Paper, v.Created)
	if err != nil {
		return err
	}
	footer(pdf, v.Footer, v.PageLabel)
	pdf.AddPage()
	letterhead(pdf, v.Letterhead)
	title(pdf, v.Title)
	paragraph(pdf, v.Intro, 9.5)
	label := labelShare(pdf, v.Customer.Facts, v.Account.Facts, v.Summary)
	facts(pdf, label, v.Customer, v.Account)
	pdf.Ln(3)

	heading(pdf, v.ItemsTitle)
	if v.Empty != "" {
		paragraph(pdf, v.Empty, 10.5)
	} else {
		statementItems(pdf, v)
		pdf.Ln(3)
		statementAgeing(pdf, v)
	}
	totals(pdf, label, v.Sums, v.TotalDue, v.Summary)
	statementActivity(pdf, v)
	notes(pdf, v.Notes)
	paragraph(pdf, v.ContactUs, 9.5)
	return finish(pdf, w)
}

// statementItems writes the open orders, overdue ones shaded, under a
// header repeated on every page, and their totals in a shaded last row.
func statementItems(pdf *gofpdf.Fpdf, v Statement) {
	pdf.SetFont(fontName, "", 9)
	rows := make([][]string, 0, len(v.Items)+1)
	for _, it := range v.Items {
		rows = append(rows, it.cells())
	}
	rows = append(rows, v.ItemTotals.cells())
	cols := fitColumns(pdf, v.ItemHeads.cells(), rows, []string{"L", "L", "L", "R", "R", "R", "R"})
	g := newGrid(pdf, cols, leftEdge(pdf), bodyWidth(pdf))
	g.header, g.rules = true, true
	// The header never stands alone at the foot of a page.
	keepTogether(pdf, 3*(lineHeight(pdf)+2*g.padY))
	g.writeHeader()
	for _, it := range v.Items {
		fill := (*rgb)(nil)
		if it.Overdue {
			fill = &rowShade
		}
		g.writeRow(it.cells(), fill)
	}
	g.writeRow(v.ItemTotals.cells(), &headShade)
}

// statementActivity writes the account's entries under a header repeated
// on every page, the balances brought forward and at the end shaded.
func statementActivity(pdf *gofpdf.Fpdf, v Statement) {
	if len(v.Activity) == 0 {
		return
	}
	pdf.Ln(3)
	heading(pdf, v.ActivityTitle)
	pdf.SetFont(fontName, "", 9)
	cols := fitColumns(pdf, v.ActivityHeads, v.Activity, []string{"L", "L", "L", "R", "R", "R"})
	g := newGrid(pdf, cols, leftEdge(pdf), bodyWidth(pdf))
	g.header, g.rules = true, true
	keepTogether(pdf, 3*(lineHeight(pdf)+2*g.padY))
	g.writeHeader()
	for i, r := range v.Activity {
		fill := (*rgb)(nil)
		if i == 0 || i == len(v.Activity)-1 {
			fill = &headShade
		}
		g.writeRow(r, fill)
	}
}

// statementAgeing writes the ageing buckets as a one-row table under its
// heading; it is never split from its heading.
func statementAgeing(pdf *gofpdf.Fpdf, v Statement) {
	if len(v.AgeingHeads) == 0 {
		return
	}
	heading(pdf, v.AgeingTitle)
	pdf.SetFont(fontName, "", 9)
	cols := make([]column, len(v.AgeingHeads))
	for i, h := range v.AgeingHeads {
		cols[i] = column{head: h, width: 1 / float64(len(v.AgeingHeads)), align: "R"}
	}
	table(pdf, cols, []row{{cells: v.AgeingAmounts}})
}

// fitColumns sizes a table's columns to what they hold: every column at
// least as wide as its widest cell, so that dates and amounts never wrap,
// and as wide as its head where the page allows; what is left over is
// shared out alike. Call it with the table's font set.
func fitColumns(pdf *gofpdf.Fpdf, heads []string, rows [][]string, aligns []string) []column {
	body := bodyWidth(pdf)
	need := make([]float64, len(heads))
	want := make([]float64, len(heads))
	for _, r := range rows {
		for i, c := range r {
			if i < len(need) {
				need[i] = max(need[i], pdf.GetStringWidth(printable(c))+2*cellPadX+1)
			}
		}
	}
	var sumNeed, sumWant float64
	for i, h := range heads {
		want[i] = max(need[i], pdf.GetStringWidth(printable(h))+2*cellPadX+1)
		sumNeed += need[i]
		sumWant += want[i]
	}
	widths := want
	switch {
	case sumWant <= body:
		for i := range widths {
			widths[i] += (body - sumWant) / float64(len(widths))
		}
	case sumNeed <= body:
		// The heads wrap: each gets its share of the room left.
		for i := range widths {
			widths[i] = need[i] + (body-sumNeed)*(want[i]-need[i])/(sumWant-sumNeed)
		}
	default:
		for i := range widths {
			widths[i] = need[i] * body / sumNeed
		}
	}
	cols := make([]column, len(heads))
	for i, h := range heads {
		cols[i] = column{head: h, width: widths[i] / body, align: aligns[i]}
	}
	return cols
}
