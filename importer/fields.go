package importer

import (
	"fmt"
	"regexp"
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
		"下单时间", "订单创建时间", "创建时间", "日期", "订单日期"}},
	{FieldSKU, []string{"StockCode", "Stock Code", "SKU", "Item SKU", "Lineitem sku", "Product Code", "Item Code",
		"商家编码", "商品编码", "货号", "SKU编码", "产品编码"}},
	{FieldName, []string{"Description", "Product", "Product Name", "Item Name", "Lineitem name", "Title",
		"商品名称", "宝贝标题", "标题", "品名", "商品"}},
	{FieldSpec, []string{"Spec", "Variant", "Options", "规格", "商品属性", "颜色分类", "型号"}},
	{FieldQty, []string{"Quantity", "Qty", "Lineitem quantity", "数量", "购买数量", "件数"}},
	{FieldUnitPrice, []string{"Price", "UnitPrice", "Unit Price", "Item Price", "Lineitem price", "Item Cost",
		"单价", "价格", "售价"}},
	{FieldLineDiscount, []string{"Line Discount", "Lineitem discount", "Item Discount", "商品优惠", "行折扣"}},
	{FieldCustomerCode, []string{"Customer ID", "CustomerID", "Customer No", "Customer Number", "Customer Code", "Buyer",
		"客户编号", "客户编码", "买家会员名", "会员名"}},
	{FieldCustomerName, []string{"Customer", "Customer Name", "Billing Name", "Company", "客户", "客户名称", "买家", "购买人"}},
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

// currencyMarks are what platforms write before an amount.
var currencyMarks = []string{"RMB", "HK$", "NT$", "US$", "¥", "￥", "$", "£", "€"}

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

var timeLayouts = []string{
	"2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 -07:00", time.RFC3339, "2006-01-02T15:04:05",
	"2006-01-02 15:04:05", "2006-01-02 15:04", "2006/01/02 15:04:05", "2006/1/2 15:04:05", "2006/1/2 15:04",
	"2006-01-02", "2006/01/02", "2006/1/2", "2006年1月2日 15:04", "2006年1月2日",
	"02/01/2006 15:04", "02.01.2006 15:04", "02.01.2006",
}

// when reads a date and time in the shop's zone unless the text names one.
// A date before 2000 (0001-01-01 is what some tools write for "none") is
// refused: the shop had no orders then, and a zero date would become today.
// Dates in the future are the service's to refuse: it has the clock.
func (p *parser) when(row int, order string, s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range timeLayouts {
		if t, err := time.ParseInLocation(layout, s, p.loc); err == nil {
			if t.Year() < 2000 {
				p.bad(row, order, FieldOrderedAt, "the order date %q is not a real date", s)
				return time.Time{}, false
			}
			return t, true
		}
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
