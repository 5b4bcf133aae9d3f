package importer

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"orderdesk/app"
)

// Field is an order detail a generic mapping points a column at.
type Field string

const (
	FieldOrderID      Field = "order_id"
	FieldOrderedAt    Field = "ordered_at"
	FieldSKU          Field = "sku"
	FieldName         Field = "name"
	FieldSpec         Field = "spec"
	FieldQty          Field = "qty"
	FieldUnitPrice    Field = "unit_price"
	FieldLineDiscount Field = "line_discount"
	FieldLineTotal    Field = "line_total"
	FieldCustomerCode Field = "customer_code"
	FieldCustomerName Field = "customer_name"
	FieldEmail        Field = "email"
	FieldPhone        Field = "phone"
	FieldRecipient    Field = "recipient"
	FieldProvince     Field = "province"
	FieldCity         Field = "city"
	FieldDistrict     Field = "district"
	FieldStreet       Field = "street"
	FieldPostcode     Field = "postcode"
	FieldCountry      Field = "country"
	FieldShipping     Field = "shipping"
	FieldDiscount     Field = "discount"
	FieldPaid         Field = "paid"
	FieldStatus       Field = "status"
	FieldNote         Field = "note"
	FieldCoupon       Field = "coupon"
	// FieldFirstName and FieldLastName are a name in two columns, joined
	// for the customer (and the recipient) when no column gives it whole.
	FieldFirstName Field = "first_name"
	FieldLastName  Field = "last_name"
	FieldCurrency  Field = "currency"
)

// fieldSynonyms are the header names, English and Chinese, that platforms
// and people use for each field; the first match wins.
var fieldSynonyms = []struct {
	field Field
	names []string
}{
	{FieldOrderID, []string{"Invoice", "InvoiceNo", "Invoice No", "Order", "Order ID", "Order Number", "Order No",
		"订单编号", "订单号", "单号", "主订单编号", "发票号"}},
	{FieldOrderedAt, []string{"InvoiceDate", "Invoice Date", "Order Date", "Date", "Created at", "Created", "Ordered at",
		"Order Created", "Date Created", "Created Date", "Purchase Date", "Sale Date", "Sales Date", "Order Time",
		"下单时间", "订单创建时间", "创建时间", "日期", "订单日期"}},
	{FieldSKU, []string{"StockCode", "Stock Code", "SKU", "Item SKU", "Lineitem sku", "Product Code", "Item Code",
		"商家编码", "商品编码", "货号", "SKU编码", "产品编码"}},
	{FieldName, []string{"Description", "Product", "Product Name", "Item Name", "Lineitem name", "Title",
		"商品名称", "宝贝标题", "标题", "品名", "商品"}},
	{FieldSpec, []string{"Spec", "Variant", "Options", "规格", "商品属性", "颜色分类", "型号"}},
	{FieldQty, []string{"Quantity", "Qty", "Lineitem quantity", "Quantity Purchased", "Item Quantity", "Units",
		"数量", "购买数量", "件数"}},
	{FieldUnitPrice, []string{"Price", "UnitPrice", "Unit Price", "Item Price", "Lineitem price", "Item Cost",
		"单价", "价格", "售价"}},
	{FieldLineDiscount, []string{"Line Discount", "Lineitem discount", "Item Discount", "商品优惠", "行折扣"}},
	// The price of the whole line, read when there is no unit price. Only
	// names that say "line" or "item": "Total" and "Order Total" are the
	// order's.
	{FieldLineTotal, []string{"Line Total", "Lineitem total", "Line Amount", "Line Price", "Line Subtotal", "Item Total",
		"Item Subtotal", "Item Amount", "Total Price", "Extended Price", "Ext Price", "Subtotal", "Sub Total",
		"商品金额", "商品总价", "小计", "金额小计"}},
	{FieldCustomerCode, []string{"Customer ID", "CustomerID", "Customer No", "Customer Number", "Customer Code", "Buyer",
		"客户编号", "客户编码", "买家会员名", "会员名"}},
	{FieldCustomerName, []string{"Customer", "Customer Name", "Billing Name", "Buyer Name", "Full Name", "Company",
		"客户", "客户名称", "买家", "购买人"}},
	{FieldFirstName, []string{"First Name", "Billing First Name", "Customer First Name", "Buyer First Name", "Given Name",
		"Forename", "First Name (Billing)"}},
	{FieldLastName, []string{"Last Name", "Billing Last Name", "Customer Last Name", "Buyer Last Name", "Surname",
		"Family Name", "Last Name (Billing)"}},
	{FieldEmail, []string{"Email", "E-mail", "Customer Email", "邮箱", "电子邮件"}},
	{FieldPhone, []string{"Phone", "Telephone", "Mobile", "Shipping Phone", "电话", "手机", "联系电话", "联系手机", "手机号"}},
	{FieldRecipient, []string{"Recipient", "Ship To", "Shipping Name", "Consignee", "收货人", "收货人姓名", "收件人"}},
	{FieldProvince, []string{"Province", "State", "Region", "Shipping Province", "省", "省份"}},
	{FieldCity, []string{"City", "Town", "Shipping City", "市", "城市"}},
	{FieldDistrict, []string{"District", "County", "区", "区县", "县"}},
	{FieldStreet, []string{"Street", "Address", "Address1", "Shipping Street", "Shipping Address1", "Street Address",
		"详细地址", "地址", "收货地址", "街道"}},
	{FieldPostcode, []string{"Postcode", "Post Code", "Zip", "ZIP Code", "Postal Code", "Shipping Zip", "邮编", "邮政编码"}},
	{FieldCountry, []string{"Country", "Country Code", "Shipping Country", "国家", "国家/地区"}},
	{FieldShipping, []string{"Shipping", "Shipping Fee", "Postage", "Freight", "运费", "邮费", "买家应付邮费"}},
	{FieldDiscount, []string{"Discount", "Order Discount", "Discount Amount", "优惠", "折扣", "优惠金额"}},
	{FieldPaid, []string{"Paid", "Amount Paid", "Paid Amount", "实付", "实付金额", "买家实际支付金额", "已付金额"}},
	{FieldStatus, []string{"Status", "Order Status", "订单状态", "状态"}},
	{FieldNote, []string{"Note", "Notes", "Comment", "Customer Note", "备注", "买家留言", "留言"}},
	{FieldCoupon, []string{"Coupon", "Coupon Code", "Discount Code", "优惠券", "优惠码"}},
	{FieldCurrency, []string{"Currency", "Currency Code", "Order Currency", "币种", "货币"}},
}

// Fields lists every field in the order a mapping screen shows them.
func Fields() []Field {
	out := make([]Field, len(fieldSynonyms))
	for i, s := range fieldSynonyms {
		out[i] = s.field
	}
	return out
}

// RequiredFields are what a generic file must have.
func RequiredFields() []Field { return []Field{FieldOrderID, FieldSKU, FieldQty} }

// Mapping points each field at a column header.
type Mapping map[Field]string

// GuessMapping maps a header by the synonyms; each column is used once.
func GuessMapping(header []string) Mapping {
	m := Mapping{}
	used := map[int]bool{}
	t := Table{Header: header}
	for _, s := range fieldSynonyms {
		for _, name := range s.names {
			if i := t.Column(name); i >= 0 && !used[i] {
				m[s.field], used[i] = header[i], true
				break
			}
		}
	}
	return m
}

// parser reads one preset's cells into values, collecting what is wrong.
type parser struct {
	currency app.Currency
	loc      *time.Location
	// format and layouts are the user's date format (Options.DateFormat)
	// and the layouts that read it; dates is the order of day and month
	// readDates found in the file, when there is no format.
	format   string
	layouts  []string
	dates    dateOrder
	tried    []string // the layouts when reads, in order, made for triedFor
	triedFor dateOrder
	problems []app.ImportProblem
	warnings []app.ImportProblem
	sheet    string
	// header and read are the table's header and the columns the preset
	// reads from it (header name or field → index, -1 if absent), for
	// unreadable: a column the preset ignores may hold anything.
	header []string
	read   map[string]int
}

// reading tells the parser which table and columns it reads now.
func (p *parser) reading(t Table, cols map[string]int) {
	p.header, p.read = t.Header, cols
}

// warn notes a change made to what the file gave; the order still
// imports.
func (p *parser) warn(row int, order string, field Field, format string, args ...any) {
	p.warnings = append(p.warnings, app.ImportProblem{Row: row, Sheet: p.sheet, Order: order, Field: string(field),
		Code: app.CodeChanged, Message: fmt.Sprintf(format, args...)})
}

func (p *parser) bad(row int, order string, field Field, format string, args ...any) {
	p.problems = append(p.problems, app.ImportProblem{Row: row, Sheet: p.sheet, Order: order, Field: string(field),
		Code: app.CodeInvalid, Message: fmt.Sprintf(format, args...)})
}

// currencyMarks are what platforms write before an amount (eBay writes
// "US $12.00", "AU $12.00", "C $12.00", "£12.00"), longest first.
var currencyMarks = []string{"US $", "AU $", "C $", "NZ $", "RMB", "HK$", "NT$", "US$", "AU$", "CA$", "NZ$",
	"USD", "EUR", "GBP", "CAD", "AUD", "CNY", "HKD", "JPY", "A$", "C$", "¥", "￥", "$", "£", "€"}

// currencyOfMarks is the currency a mark names without doubt; "$" and "¥"
// name several.
var currencyOfMarks = map[string]string{"US $": "USD", "US$": "USD", "AU $": "AUD", "AU$": "AUD", "A$": "AUD",
	"C $": "CAD", "CA$": "CAD", "C$": "CAD", "NZ $": "NZD", "NZ$": "NZD", "HK$": "HKD", "NT$": "TWD", "RMB": "CNY",
	"£": "GBP", "€": "EUR", "USD": "USD", "EUR": "EUR", "GBP": "GBP", "CAD": "CAD", "AUD": "AUD", "CNY": "CNY",
	"HKD": "HKD", "JPY": "JPY"}

// currencyOf says which currency an amount is written in ("£2.95" is
// GBP), "" when its mark does not say.
func currencyOf(amount string) string {
	s := strings.TrimPrefix(strings.TrimSpace(amount), "-")
	for _, mark := range currencyMarks {
		if strings.HasPrefix(s, mark) {
			return currencyOfMarks[mark]
		}
	}
	return ""
}

// money reads an amount as platforms write it: "128.00", "¥1,280.00",
// "£2.95", "HK$ 12", "-3.5". Empty is zero. A problem quotes the cell as
// typed.
func (p *parser) money(row int, order string, field Field, s string) (app.Money, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	typed := s
	neg := false
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	}
	for _, mark := range currencyMarks {
		if strings.HasPrefix(s, mark) {
			s = strings.TrimSpace(s[len(mark):])
			break
		}
	}
	s = strings.ReplaceAll(s, ",", "")
	// Platforms write 1200.00 in currencies without cents (yen): zeros
	// past the currency's decimals say nothing.
	if whole, frac, ok := strings.Cut(s, "."); ok && len(frac) > p.currency.Decimals &&
		strings.Trim(frac[p.currency.Decimals:], "0") == "" {
		s = whole
		if p.currency.Decimals > 0 {
			s += "." + frac[:p.currency.Decimals]
		}
	}
	m, err := p.currency.ParseMoney(s)
	if err != nil {
		p.bad(row, order, field, "%q is not an amount", typed)
		return 0, false
	}
	if neg {
		m = -m
	}
	return m, true
}

// qty reads a whole quantity; "2.0" from a spreadsheet is 2.
func (p *parser) qty(row int, order string, s string) (int64, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ".0"))
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		p.bad(row, order, FieldQty, "quantity %q is not a whole number", s)
		return 0, false
	}
	return n, true
}

// timeLayouts are the dates every file may use: year first, or the month
// written as a word, so that they never depend on the order of day and
// month. Numeric dates with the year last follow (see numericLayouts).
var timeLayouts = []string{
	"2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 -07:00", time.RFC3339, "2006-01-02T15:04:05",
	"2006-01-02T15:04:05Z", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006/01/02 15:04:05", "2006/1/2 15:04:05",
	"2006/1/2 15:04", "2006-01-02", "2006/01/02", "2006/1/2", "2006年1月2日 15:04:05", "2006年1月2日 15:04", "2006年1月2日",
	// eBay and other English reports: Jan-08-2025, 08-Jan-25, Jan 8, 2025.
	"Jan-2-2006 15:04:05", "Jan-2-2006 15:04", "Jan-2-2006", "Jan-2-06 15:04:05", "Jan-2-06 15:04", "Jan-2-06",
	"2-Jan-2006 15:04:05", "2-Jan-2006 15:04", "2-Jan-2006", "2-Jan-06 15:04:05", "2-Jan-06 15:04", "2-Jan-06",
	"Jan 2, 2006 15:04:05", "Jan 2, 2006 3:04:05 PM", "Jan 2, 2006 3:04 PM", "Jan 2, 2006 15:04", "Jan 2, 2006",
	"January 2, 2006 15:04:05", "January 2, 2006 3:04 PM", "January 2, 2006", "2 Jan 2006 15:04:05", "2 Jan 2006 15:04",
	"2 Jan 2006", "2 January 2006", "Mon, 02 Jan 2006 15:04:05 -0700", "Mon Jan 2 15:04:05 2006",
}

// dateOrder is how a file writes numeric dates with the year last:
// 03/04/2024 is the 3rd of April day first, the 4th of March month first.
type dateOrder int

const (
	// orderDayFirstDefault: nobody chose; day first, as the importer always
	// read 02/01/2006 (presets that have not looked at their column).
	orderDayFirstDefault dateOrder = iota
	orderDayFirst
	orderMonthFirst
)

// numericLayouts are the numeric dates with the year last in one order,
// with the times files put after them.
func numericLayouts(o dateOrder) []string {
	var dates []string
	switch o {
	case orderMonthFirst:
		dates = []string{"1/2/2006", "1-2-2006", "1/2/06", "1-2-06"}
	case orderDayFirst:
		dates = []string{"2/1/2006", "2-1-2006", "2.1.2006", "2/1/06", "2-1-06", "2.1.06"}
	default:
		return []string{"02/01/2006 15:04", "02.01.2006 15:04", "02.01.2006"}
	}
	var out []string
	for _, d := range dates {
		out = append(out, d+" 15:04:05", d+" 15:04", d+" 3:04:05 PM", d+" 3:04 PM", d)
	}
	return out
}

// ErrNoOrderDate: the file has no order date column and no date was given
// for its orders (Options.Date, --date); they are not stamped with today.
var ErrNoOrderDate = errors.New("the file has no order date column: give the date its orders were placed (--date)")

// AmbiguousDatesError: a date column writes every date with day and month
// both 12 or below (03/04/2024), so whether the day or the month comes
// first cannot be told from the file. The user chooses the date format
// (Options.DateFormat, --date-format DD/MM/YYYY or MM/DD/YYYY).
type AmbiguousDatesError struct {
	Column   string
	Examples []string // a few of the column's values, as written
	// Mixed: some dates can only be day first and others only month
	// first; no one format reads the column.
	Mixed bool
}

func (e *AmbiguousDatesError) Error() string {
	if e.Mixed {
		return fmt.Sprintf("column %q writes some dates day first and others month first (%s): choose the date format "+
			"(DD/MM/YYYY or MM/DD/YYYY) and correct the others", e.Column, strings.Join(e.Examples, ", "))
	}
	return fmt.Sprintf("the dates in column %q (%s) can be read day first or month first: choose the date format, "+
		"DD/MM/YYYY or MM/DD/YYYY", e.Column, strings.Join(e.Examples, ", "))
}

// DateFormatError: Options.DateFormat is neither a Go layout nor a form
// like DD/MM/YYYY.
type DateFormatError struct{ Format string }

func (e *DateFormatError) Error() string {
	return fmt.Sprintf("%q is not a date format: write it like DD/MM/YYYY, MM/DD/YY, YYYY-MM-DD or DD.MM.YYYY HH:mm", e.Format)
}

// DateLayouts turns a date format into the Go layouts that read it. It
// takes a Go layout as it is ("02/01/2006", "Jan 2, 2006") or the form
// people write:
//
//	YYYY year, YY two-digit year (20YY), MM or M month, MMM Jan, MMMM January,
//	DD or D day, HH or H hour (24), hh or h hour (12) with A or a for AM/PM,
//	mm minutes, ss seconds; anything else (/ - . space T : ,) as written.
//
// Days, months and hours are read with or without a leading zero. A format
// without a time also reads the date followed by a time (HH:mm, HH:mm:ss).
func DateLayouts(format string) ([]string, error) {
	f := strings.TrimSpace(format)
	if f == "" {
		return nil, &DateFormatError{Format: format}
	}
	var layout string
	if strings.ContainsAny(f, "0123456789") || strings.Contains(f, "Jan") {
		layout = f // a Go layout
	} else {
		if !strings.Contains(f, "M") && !strings.ContainsAny(f, "Hh") {
			f = strings.ReplaceAll(f, "m", "M") // dd/mm/yyyy: no time, so mm is the month
		}
		var b strings.Builder
		tokens := []struct{ token, layout string }{
			{"YYYY", "2006"}, {"yyyy", "2006"}, {"YY", "06"}, {"yy", "06"}, {"MMMM", "January"}, {"MMM", "Jan"},
			{"MM", "1"}, {"M", "1"}, {"DD", "2"}, {"dd", "2"}, {"D", "2"}, {"d", "2"}, {"HH", "15"}, {"H", "15"},
			{"hh", "3"}, {"h", "3"}, {"mm", "04"}, {"ss", "05"}, {"SS", "05"}, {"A", "PM"}, {"a", "pm"},
		}
		year, month, day := false, false, false
	next:
		for i := 0; i < len(f); {
			for _, t := range tokens {
				if strings.HasPrefix(f[i:], t.token) {
					b.WriteString(t.layout)
					switch t.layout {
					case "2006", "06":
						year = true
					case "1", "Jan", "January":
						month = true
					case "2":
						day = true
					}
					i += len(t.token)
					continue next
				}
			}
			c := f[i]
			if !strings.ContainsRune("/-. T:,", rune(c)) {
				return nil, &DateFormatError{Format: format}
			}
			b.WriteByte(c)
			i++
		}
		if !year || !month || !day {
			return nil, &DateFormatError{Format: format}
		}
		layout = b.String()
	}
	// A layout that reads nothing of a date it formats is not one.
	probe := time.Date(2024, 11, 23, 16, 5, 7, 0, time.UTC)
	if back, err := time.Parse(layout, probe.Format(layout)); err != nil || back.Year() != 2024 || back.Month() != 11 || back.Day() != 23 {
		return nil, &DateFormatError{Format: format}
	}
	layouts := []string{layout}
	if !strings.Contains(layout, "15") && !strings.Contains(layout, "3") {
		layouts = append(layouts, layout+" 15:04:05", layout+" 15:04", layout+" 3:04:05 PM", layout+" 3:04 PM", layout+"T15:04:05")
	}
	return layouts, nil
}

// numericDate matches a date with the year last: 03/04/2024, 4-30-22,
// 26.12.2021 (a time may follow).
var numericDate = regexp.MustCompile(`^\s*(\d{1,2})([/.-])(\d{1,2})[/.-](\d{4}|\d{2})\b`)

// readDates looks at a date column before its rows are read and sets how
// the parser reads numeric dates: in the user's format when there is one;
// else day first when some value can only be day first (13/04/2024), month
// first when some can only be month first (04/13/2024), the preset's
// platform order when nothing tells (fallback, e.g. Etsy's month first),
// and otherwise an *AmbiguousDatesError. Dates with dots (26.12.2021) are
// day first, as everywhere they are written so. col < 0 changes nothing.
func (p *parser) readDates(t Table, col int, fallback dateOrder) error {
	if len(p.layouts) > 0 || col < 0 {
		return nil
	}
	dayFirst, monthFirst, ambiguous := "", "", []string{}
	for _, r := range t.Rows {
		v := r.Cells[col]
		m := numericDate.FindStringSubmatch(v)
		if m == nil {
			continue
		}
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[3])
		switch {
		case m[2] == ".":
			if dayFirst == "" {
				dayFirst = v
			}
		case a > 12 && b <= 12:
			if dayFirst == "" {
				dayFirst = v
			}
		case b > 12 && a <= 12:
			if monthFirst == "" {
				monthFirst = v
			}
		case a <= 12 && b <= 12:
			if len(ambiguous) < 3 && !slices.Contains(ambiguous, v) {
				ambiguous = append(ambiguous, v)
			}
		}
	}
	header := ""
	if col < len(t.Header) {
		header = t.Header[col]
	}
	switch {
	case dayFirst != "" && monthFirst != "":
		return &AmbiguousDatesError{Column: header, Examples: []string{dayFirst, monthFirst}, Mixed: true}
	case dayFirst != "":
		p.dates = orderDayFirst
	case monthFirst != "":
		p.dates = orderMonthFirst
	case len(ambiguous) == 0:
	case fallback != orderDayFirstDefault:
		p.dates = fallback
	default:
		return &AmbiguousDatesError{Column: header, Examples: ambiguous}
	}
	return nil
}

// zoneNames are the time zone abbreviations reports write after a time
// (eBay: "Jan-08-25 14:22:11 PST"); Go would read an unknown one as UTC.
// CST and IST are left out: they name zones hours apart (China and US
// Central; India, Ireland and Israel).
var zoneNames = map[string]int{
	"UTC": 0, "GMT": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3,
	"PST": -8, "PDT": -7, "MST": -7, "MDT": -6, "CDT": -5, "EST": -5, "EDT": -4, "AKST": -9, "AKDT": -8,
	"HST": -10, "AEST": 10, "AEDT": 11, "ACST": 9, "AWST": 8, "NZST": 12, "NZDT": 13, "JST": 9, "KST": 9, "HKT": 8, "SGT": 8,
}

// when reads a date and time in the shop's zone unless the text names one.
// A date before 2000 (0001-01-01 is what some tools write for "none") is
// refused: the shop had no orders then, and a zero date would become today.
// Dates in the future are the service's to refuse: it has the clock.
// Numeric dates with the year last are read in the user's format, else in
// the order readDates found (day first when it was not asked).
func (p *parser) when(row int, order string, s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	loc := p.loc
	if loc == nil {
		loc = time.Local
	}
	text := s
	if i := strings.LastIndexByte(text, ' '); i > 0 {
		if off, ok := zoneNames[strings.ToUpper(text[i+1:])]; ok {
			loc, text = time.FixedZone(strings.ToUpper(text[i+1:]), off*3600), strings.TrimSpace(text[:i])
		}
	}
	if p.tried == nil || p.triedFor != p.dates {
		if len(p.layouts) == 0 {
			p.tried = append(timeLayouts[:len(timeLayouts):len(timeLayouts)], numericLayouts(p.dates)...)
		} else {
			p.tried = append(p.layouts[:len(p.layouts):len(p.layouts)], timeLayouts...)
		}
		p.triedFor = p.dates
	}
	for _, layout := range p.tried {
		if t, err := time.ParseInLocation(layout, text, loc); err == nil {
			if t.Year() < 2000 {
				p.bad(row, order, FieldOrderedAt, "the order date %q is not a real date", s)
				return time.Time{}, false
			}
			return t, true
		}
	}
	if len(p.layouts) > 0 {
		p.bad(row, order, FieldOrderedAt, "%q is not a date in the format %s", s, p.format)
		return time.Time{}, false
	}
	p.bad(row, order, FieldOrderedAt, "%q is not a date and time like 2026-11-02 10:15", s)
	return time.Time{}, false
}

// countryCode turns a country name or code into its ISO code; unknown
// names are kept out rather than guessed.
func countryCode(s string) string {
	s = strings.TrimSpace(s)
	if len(s) == 2 {
		return strings.ToUpper(s)
	}
	return countries[strings.ToLower(s)]
}

var countries = map[string]string{
	"china": "CN", "中国": "CN", "中国大陆": "CN", "hong kong": "HK", "香港": "HK", "taiwan": "TW", "台湾": "TW",
	"macau": "MO", "macao": "MO", "澳门": "MO", "singapore": "SG", "japan": "JP", "korea": "KR", "south korea": "KR",
	"united kingdom": "GB", "uk": "GB", "great britain": "GB", "eire": "IE", "ireland": "IE", "united states": "US",
	"usa": "US", "canada": "CA", "australia": "AU", "new zealand": "NZ", "france": "FR", "germany": "DE",
	"netherlands": "NL", "belgium": "BE", "luxembourg": "LU", "spain": "ES", "portugal": "PT", "italy": "IT",
	"switzerland": "CH", "austria": "AT", "denmark": "DK", "sweden": "SE", "norway": "NO", "finland": "FI",
	"iceland": "IS", "poland": "PL", "czech republic": "CZ", "greece": "GR", "cyprus": "CY", "malta": "MT",
	"lithuania": "LT", "israel": "IL", "lebanon": "LB", "bahrain": "BH", "saudi arabia": "SA",
	"united arab emirates": "AE", "brazil": "BR", "south africa": "ZA", "nigeria": "NG", "thailand": "TH",
	"malaysia": "MY", "vietnam": "VN", "philippines": "PH", "indonesia": "ID", "india": "IN", "russia": "RU",
	"west indies": "", "european community": "", "channel islands": "", "rsa": "ZA", "unspecified": "",
}

// nonGoods are the codes shops use for what is not stock: postage,
// manual charges, discounts, adjustments (as in the UK gift-shop data).
var nonGoods = map[string]app.ProductKind{
	"POST": app.ProductShipping, "DOT": app.ProductShipping, "C2": app.ProductShipping, "SHIPPING": app.ProductShipping,
	"M": app.ProductService, "BANK CHARGES": app.ProductService, "AMAZONFEE": app.ProductService,
	"CRUK": app.ProductService, "S": app.ProductService, "PADS": app.ProductService,
	"D": app.ProductDiscount, "ADJUST": app.ProductAdjustment, "ADJUST2": app.ProductAdjustment, "B": app.ProductAdjustment,
}

// ProductKindOf says what a code is: goods unless it is one of the known
// charge codes.
func ProductKindOf(sku string) app.ProductKind {
	if k, ok := nonGoods[strings.ToUpper(strings.TrimSpace(sku))]; ok {
		return k
	}
	return app.ProductGoods
}

// chineseAddress splits "浙江省 杭州市 西湖区 文三路 398号 东方通信大厦 (310013)"
// as Taobao writes it into its parts.
var postcodeTail = regexp.MustCompile(`\s*[(（](\d{6})[)）]\s*$`)

func chineseAddress(s string) app.Address {
	a := app.Address{Country: "CN"}
	s = strings.TrimSpace(s)
	if m := postcodeTail.FindStringSubmatch(s); m != nil {
		a.Postcode = m[1]
		s = strings.TrimSpace(s[:len(s)-len(m[0])])
	}
	parts := strings.Fields(s)
	take := func() string {
		if len(parts) == 0 {
			return ""
		}
		p := parts[0]
		parts = parts[1:]
		return p
	}
	if len(parts) >= 3 {
		a.Province = take()
		a.City = take()
		if strings.HasSuffix(parts[0], "区") || strings.HasSuffix(parts[0], "县") || strings.HasSuffix(parts[0], "市") {
			a.District = take()
		}
	}
	a.Street = strings.Join(parts, " ")
	return a
}

// newParser starts reading a table with the options' currency, time zone
// and date format (an unreadable DateFormat is a *DateFormatError).
func newParser(opt Options, tables []Table, t Table) (*parser, error) {
	p := &parser{currency: opt.Currency, loc: opt.Location, sheet: sheetName(tables, t)}
	if opt.DateFormat != "" {
		layouts, err := DateLayouts(opt.DateFormat)
		if err != nil {
			return nil, err
		}
		p.format, p.layouts = opt.DateFormat, layouts
	}
	return p, nil
}
