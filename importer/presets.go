package importer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"orderdesk/app"
)

// The built-in presets; any other name is a saved generic mapping.
const (
	PresetShopify     = "shopify"
	PresetWooCommerce = "woocommerce"
	PresetTaobao      = "taobao"
	PresetGeneric     = "generic"
)

// Presets lists the built-in presets.
func Presets() []string {
	return []string{PresetShopify, PresetWooCommerce, PresetTaobao, PresetGeneric}
}

// Options says how to read a file's orders.
type Options struct {
	Preset   string
	Mapping  Mapping     // generic: columns chosen by the user over the guessed ones
	Channel  app.Channel // generic: where the orders came from (default web shop)
	Currency app.Currency
	Location *time.Location // for times without a zone; default local time
	// NewOrders (generic) says the file's orders are still to be handled
	// and go through review; otherwise they are history, completed.
	NewOrders bool
}

// Parsed is a file read by a preset: the orders and every bad row.
type Parsed struct {
	Channel  app.Channel
	Orders   []app.ImportOrder
	Problems []app.ImportProblem
	Mapping  Mapping // the generic mapping used, for the user to confirm
	Rows     int     // data rows read
}

// MissingColumnsError is a file without a column the preset needs.
type MissingColumnsError struct {
	Preset  string
	Missing []string // the fields or headers not found
}

func (e *MissingColumnsError) Error() string {
	return fmt.Sprintf("the file has no column for %s; is it a %s export? Map the columns or choose another preset",
		strings.Join(e.Missing, ", "), e.Preset)
}

// ErrItemsFileMissing: a Taobao order report without its item report.
var ErrItemsFileMissing = errors.New("the Taobao order report (订单报表) lists no SKUs: add its item report (宝贝报表)")

// Parse reads the tables of one import (a file's sheets, or Taobao's two
// files) with a preset.
func Parse(tables []Table, opt Options) (Parsed, error) {
	if opt.Location == nil {
		opt.Location = time.Local
	}
	switch opt.Preset {
	case PresetShopify:
		return parseShopify(tables, opt)
	case PresetWooCommerce:
		return parseWoo(tables, opt)
	case PresetTaobao:
		return parseTaobao(tables, opt)
	default:
		return parseGeneric(tables, opt)
	}
}

// orderGroup collects one order's rows in file order.
type orderGroup struct {
	id    string
	sheet string
	rows  []Row
}

// groupRows groups a table's rows by the order id column, orders in the
// order they first appear.
func groupRows(t Table, idCol int) []*orderGroup {
	byID := map[string]*orderGroup{}
	var list []*orderGroup
	for _, r := range t.Rows {
		id := r.Cells[idCol]
		g, ok := byID[id]
		if !ok {
			g = &orderGroup{id: id, sheet: t.Name}
			byID[id] = g
			list = append(list, g)
		}
		g.rows = append(g.rows, r)
	}
	return list
}

// columns finds a preset's named columns; missing required ones are an
// error naming them.
func columns(t Table, preset string, required []string, optional ...string) (map[string]int, error) {
	cols := map[string]int{}
	var missing []string
	for _, name := range append(append([]string{}, required...), optional...) {
		cols[name] = t.Column(name)
	}
	for _, name := range required {
		if cols[name] < 0 {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, &MissingColumnsError{Preset: preset, Missing: missing}
	}
	return cols, nil
}

// cell returns a named column's text in a row, "" when the file lacks it.
func cell(r Row, cols map[string]int, name string) string {
	if i, ok := cols[name]; ok && i >= 0 {
		return r.Cells[i]
	}
	return ""
}

// unreadable reports a row that cannot be read as it stands: cells past
// the header (an unquoted comma moved everything over, and importing it
// would misread every column), or a column the preset reads holding bytes
// that are not text (the file is read as UTF-8, as most of it is, but that
// cell is in another encoding; kept, it would show as "�").
func (p *parser) unreadable(r Row, order string) bool {
	bad := false
	if len(r.Extra) > 0 {
		p.bad(r.Line, order, "", "the row has %d more cells than the header: a value with an unquoted comma?", len(r.Extra))
		bad = true
	}
	var cols []int
	for _, i := range p.read {
		if i >= 0 && i < len(r.Cells) && !utf8.ValidString(r.Cells[i]) {
			cols = append(cols, i)
		}
	}
	slices.Sort(cols)
	for _, i := range slices.Compact(cols) {
		p.bad(r.Line, order, "", "column %q: %q is not UTF-8 text; the file is probably in more than one encoding: "+
			"save it as UTF-8 (in Excel: CSV UTF-8) and import it again", p.header[i], r.Cells[i])
		bad = true
	}
	return bad
}

// paymentMethodOf maps a platform's payment name onto the shop's methods.
func paymentMethodOf(name string) app.PaymentMethod {
	n := strings.ToLower(name)
	switch {
	case n == "":
		return ""
	case strings.Contains(n, "alipay") || strings.Contains(n, "支付宝"):
		return app.PayAlipay
	case strings.Contains(n, "wechat") || strings.Contains(n, "微信"):
		return app.PayWeChat
	case strings.Contains(n, "paypal"):
		return app.PayPayPal
	case strings.Contains(n, "cash on delivery") || strings.Contains(n, "cod") || strings.Contains(n, "货到付款"):
		return app.PayCOD
	case strings.Contains(n, "bank") || strings.Contains(n, "bacs") || strings.Contains(n, "transfer") || strings.Contains(n, "转账"):
		return app.PayBank
	case strings.Contains(n, "cash") || strings.Contains(n, "现金"):
		return app.PayCash
	case strings.Contains(n, "card") || strings.Contains(n, "stripe") || strings.Contains(n, "shopify payments") ||
		strings.Contains(n, "credit") || strings.Contains(n, "visa"):
		return app.PayCard
	}
	return app.PayPlatform
}

// parseShopify reads Shopify's order export: one row per line item, the
// order's own fields on its first row only.
func parseShopify(tables []Table, opt Options) (Parsed, error) {
	out := Parsed{Channel: app.ChannelShopify}
	for _, t := range tables {
		cols, err := columns(t, PresetShopify, []string{"Name", "Created at", "Lineitem quantity", "Lineitem sku", "Lineitem price"},
			"Email", "Financial Status", "Paid at", "Fulfillment Status", "Subtotal", "Shipping", "Taxes", "Total",
			"Discount Code", "Discount Amount", "Lineitem name", "Lineitem discount", "Shipping Name", "Shipping Street",
			"Shipping Address1", "Shipping Address2", "Shipping City", "Shipping Zip", "Shipping Province",
			"Shipping Province Name", "Shipping Country", "Shipping Phone", "Billing Name", "Billing Phone", "Phone", "Notes",
			"Cancelled at", "Payment Method", "Payment Reference", "Id")
		if err != nil {
			return out, err
		}
		p := &parser{currency: opt.Currency, loc: opt.Location, sheet: sheetName(tables, t)}
		p.reading(t, cols)
		for _, g := range groupRows(t, cols["Name"]) {
			out.Rows += len(g.rows)
			first := g.rows[0]
			id := strings.TrimPrefix(g.id, "#")
			o := app.ImportOrder{Row: first.Line, Sheet: p.sheet, PlatformOrderID: id}
			ok := !p.unreadable(first, id)
			if at, good := p.when(first.Line, id, cell(first, cols, "Created at")); good {
				o.OrderedAt = at
			} else {
				ok = false
			}
			name := firstNonEmpty(cell(first, cols, "Billing Name"), cell(first, cols, "Shipping Name"))
			o.Customer = app.ImportCustomer{Name: name, Email: cell(first, cols, "Email"),
				Phone: firstNonEmpty(cell(first, cols, "Billing Phone"), cell(first, cols, "Phone"), cell(first, cols, "Shipping Phone"))}
			o.RecipientName = firstNonEmpty(cell(first, cols, "Shipping Name"), name)
			o.RecipientPhone = firstNonEmpty(cell(first, cols, "Shipping Phone"), o.Customer.Phone)
			street := firstNonEmpty(cell(first, cols, "Shipping Street"),
				strings.TrimSpace(cell(first, cols, "Shipping Address1")+" "+cell(first, cols, "Shipping Address2")))
			o.Address = app.Address{Province: firstNonEmpty(cell(first, cols, "Shipping Province Name"), cell(first, cols, "Shipping Province")),
				City: cell(first, cols, "Shipping City"), Street: street, Postcode: cell(first, cols, "Shipping Zip"),
				Country: countryCode(cell(first, cols, "Shipping Country"))}
			o.SpecialRequest = cell(first, cols, "Notes")
			o.CouponCode = cell(first, cols, "Discount Code")
			o.PaymentMethod = paymentMethodOf(cell(first, cols, "Payment Method"))
			o.TransactionID = cell(first, cols, "Payment Reference")
			shipping, good1 := p.money(first.Line, id, FieldShipping, cell(first, cols, "Shipping"))
			discount, good2 := p.money(first.Line, id, FieldDiscount, cell(first, cols, "Discount Amount"))
			total, good3 := p.money(first.Line, id, FieldPaid, cell(first, cols, "Total"))
			taxes, good4 := p.money(first.Line, id, FieldPaid, cell(first, cols, "Taxes"))
			ok = ok && good1 && good2 && good3 && good4
			o.ShippingFee = shipping
			var lineDiscounts app.Money
			for _, r := range g.rows {
				if r.Line != first.Line && p.unreadable(r, id) {
					ok = false
					continue
				}
				l, good := p.line(r, id, cell(r, cols, "Lineitem sku"), cell(r, cols, "Lineitem name"), "",
					cell(r, cols, "Lineitem quantity"), cell(r, cols, "Lineitem price"), cell(r, cols, "Lineitem discount"))
				ok = ok && good
				lineDiscounts += l.Discount
				o.Lines = append(o.Lines, l)
			}
			// Shopify's discount amount counts the line discounts too.
			o.OrderDiscount = max(discount-lineDiscounts, 0)
			financial := strings.ToLower(cell(first, cols, "Financial Status"))
			switch financial {
			case "paid", "partially_refunded", "refunded":
				o.Paid = total - taxes
			}
			paidAt, _ := time.ParseInLocation("2006-01-02 15:04:05 -0700", cell(first, cols, "Paid at"), opt.Location)
			o.PaidAt = paidAt
			switch {
			case cell(first, cols, "Cancelled at") != "":
				o.Status, o.CancelReason = app.StatusCancelled, "cancelled in Shopify"
			case strings.EqualFold(cell(first, cols, "Fulfillment Status"), "fulfilled"):
				o.Status = app.StatusShipped
			default:
				o.Status = app.StatusPendingReview
			}
			if ok {
				out.Orders = append(out.Orders, o)
			}
		}
		out.Problems = append(out.Problems, p.problems...)
	}
	return out, nil
}

// line reads one order line; quantities must be whole and positive.
func (p *parser) line(r Row, order, sku, name, spec, qtyText, priceText, discountText string) (app.ImportLine, bool) {
	l := app.ImportLine{Row: r.Line, SKU: strings.TrimSpace(sku), Name: strings.TrimSpace(name), Spec: strings.TrimSpace(spec),
		Kind: ProductKindOf(sku)}
	ok := true
	if l.SKU == "" {
		p.bad(r.Line, order, FieldSKU, "line without a SKU: add the product's SKU to the platform item")
		ok = false
	}
	n, good := p.qty(r.Line, order, qtyText)
	ok = ok && good
	l.Qty = n
	if good && n <= 0 {
		p.bad(r.Line, order, FieldQty, "quantity %d: a line needs at least 1", n)
		ok = false
	}
	price, good := p.money(r.Line, order, FieldUnitPrice, priceText)
	ok = ok && good
	if good && price < 0 {
		p.bad(r.Line, order, FieldUnitPrice, "price %s is below zero", priceText)
		ok = false
	}
	l.UnitPrice = price
	d, good := p.money(r.Line, order, FieldLineDiscount, discountText)
	l.Discount = d
	return l, ok && good
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// sheetName names a table in messages only when the file has several.
func sheetName(tables []Table, t Table) string {
	if len(tables) > 1 {
		return t.Name
	}
	return ""
}

// parseWoo reads the usual WooCommerce order export (one row per item).
func parseWoo(tables []Table, opt Options) (Parsed, error) {
	out := Parsed{Channel: app.ChannelWoo}
	for _, t := range tables {
		cols, err := columns(t, PresetWooCommerce, []string{"Order Number", "Order Date", "SKU", "Quantity (- Refund)", "Item Cost"},
			"Order Status", "Customer Note", "First Name (Billing)", "Last Name (Billing)", "Company (Billing)",
			"Email (Billing)", "Phone (Billing)", "First Name (Shipping)", "Last Name (Shipping)", "Address 1&2 (Shipping)",
			"City (Shipping)", "State Code (Shipping)", "Postcode (Shipping)", "Country Code (Shipping)",
			"Address 1&2 (Billing)", "City (Billing)", "State Code (Billing)", "Postcode (Billing)", "Country Code (Billing)",
			"Payment Method Title", "Cart Discount Amount", "Order Shipping Amount", "Order Total Amount", "Item Name",
			"Coupon Code", "Order Refund Amount")
		if err != nil {
			return out, err
		}
		p := &parser{currency: opt.Currency, loc: opt.Location, sheet: sheetName(tables, t)}
		p.reading(t, cols)
		for _, g := range groupRows(t, cols["Order Number"]) {
			out.Rows += len(g.rows)
			first := g.rows[0]
			id := g.id
			o := app.ImportOrder{Row: first.Line, Sheet: p.sheet, PlatformOrderID: id}
			ok := true
			if at, good := p.when(first.Line, id, cell(first, cols, "Order Date")); good {
				o.OrderedAt = at
			} else {
				ok = false
			}
			billing := strings.TrimSpace(cell(first, cols, "First Name (Billing)") + " " + cell(first, cols, "Last Name (Billing)"))
			o.Customer = app.ImportCustomer{Name: firstNonEmpty(cell(first, cols, "Company (Billing)"), billing),
				Email: cell(first, cols, "Email (Billing)"), Phone: cell(first, cols, "Phone (Billing)")}
			if o.Customer.Name != billing && billing != "" {
				o.Contact = billing
			}
			o.RecipientName = firstNonEmpty(strings.TrimSpace(cell(first, cols, "First Name (Shipping)")+" "+
				cell(first, cols, "Last Name (Shipping)")), billing)
			o.RecipientPhone = o.Customer.Phone
			side := "Shipping"
			if cell(first, cols, "Address 1&2 (Shipping)") == "" {
				side = "Billing"
			}
			o.Address = app.Address{Province: cell(first, cols, "State Code ("+side+")"), City: cell(first, cols, "City ("+side+")"),
				Street: cell(first, cols, "Address 1&2 ("+side+")"), Postcode: cell(first, cols, "Postcode ("+side+")"),
				Country: countryCode(cell(first, cols, "Country Code ("+side+")"))}
			o.SpecialRequest = cell(first, cols, "Customer Note")
			o.CouponCode = cell(first, cols, "Coupon Code")
			o.PaymentMethod = paymentMethodOf(cell(first, cols, "Payment Method Title"))
			shipping, good1 := p.money(first.Line, id, FieldShipping, cell(first, cols, "Order Shipping Amount"))
			discount, good2 := p.money(first.Line, id, FieldDiscount, cell(first, cols, "Cart Discount Amount"))
			total, good3 := p.money(first.Line, id, FieldPaid, cell(first, cols, "Order Total Amount"))
			ok = ok && good1 && good2 && good3
			o.ShippingFee, o.OrderDiscount = shipping, discount
			for _, r := range g.rows {
				if p.unreadable(r, id) {
					ok = false
					continue
				}
				l, good := p.line(r, id, cell(r, cols, "SKU"), cell(r, cols, "Item Name"), "",
					cell(r, cols, "Quantity (- Refund)"), cell(r, cols, "Item Cost"), "")
				ok = ok && good
				o.Lines = append(o.Lines, l)
			}
			switch strings.ToLower(cell(first, cols, "Order Status")) {
			case "completed":
				o.Status, o.Paid = app.StatusCompleted, total
			case "processing":
				o.Status, o.Paid = app.StatusPendingReview, total
			case "cancelled", "failed", "refunded":
				o.Status, o.CancelReason = app.StatusCancelled, "cancelled in WooCommerce ("+cell(first, cols, "Order Status")+")"
			default: // pending payment, on hold: still to be paid
				o.Status = app.StatusPendingReview
			}
			if ok {
				out.Orders = append(out.Orders, o)
			}
		}
		out.Problems = append(out.Problems, p.problems...)
	}
	return out, nil
}

// parseTaobao reads Taobao/Tmall's order report (订单报表) and its item
// report (宝贝报表), which holds the lines and the shop's SKUs (商家编码).
func parseTaobao(tables []Table, opt Options) (Parsed, error) {
	out := Parsed{Channel: app.ChannelTaobao}
	var orders, items *Table
	for i := range tables {
		t := &tables[i]
		switch {
		case t.Column("收货地址") >= 0 || t.Column("总金额") >= 0:
			orders = t
		case t.Column("购买数量") >= 0:
			items = t
		}
	}
	if orders == nil {
		return out, &MissingColumnsError{Preset: PresetTaobao, Missing: []string{"订单编号", "收货地址", "总金额"}}
	}
	if items == nil {
		return out, ErrItemsFileMissing
	}
	ocols, err := columns(*orders, PresetTaobao, []string{"订单编号", "订单状态", "订单创建时间", "收货地址"},
		"买家会员名", "买家应付货款", "买家应付邮费", "总金额", "买家实际支付金额", "买家留言", "收货人姓名", "联系电话",
		"联系手机", "订单付款时间", "订单备注", "发票抬头", "订单关闭原因")
	if err != nil {
		return out, err
	}
	icols, err := columns(*items, PresetTaobao, []string{"订单编号", "价格", "购买数量", "商家编码"}, "标题", "商品属性")
	if err != nil {
		return out, err
	}
	p := &parser{currency: opt.Currency, loc: opt.Location}
	lines := map[string][]app.ImportLine{}
	itemsOK := map[string]bool{}
	p.sheet = items.Name
	p.reading(*items, icols)
	for _, r := range items.Rows {
		id := cell(r, icols, "订单编号")
		if _, seen := itemsOK[id]; !seen {
			itemsOK[id] = true
		}
		if p.unreadable(r, id) {
			itemsOK[id] = false
			continue
		}
		l, good := p.line(r, id, cell(r, icols, "商家编码"), cell(r, icols, "标题"), cell(r, icols, "商品属性"),
			cell(r, icols, "购买数量"), cell(r, icols, "价格"), "")
		if !good {
			itemsOK[id] = false
		}
		lines[id] = append(lines[id], l)
	}
	p.sheet = orders.Name
	p.reading(*orders, ocols)
	for _, r := range orders.Rows {
		out.Rows++
		id := cell(r, ocols, "订单编号")
		o := app.ImportOrder{Row: r.Line, Sheet: p.sheet, PlatformOrderID: id, Lines: lines[id]}
		ok := itemsOK[id] && !p.unreadable(r, id)
		if len(o.Lines) == 0 {
			p.bad(r.Line, id, FieldSKU, "order %s has no lines in the item report (宝贝报表)", id)
			ok = false
		}
		if at, good := p.when(r.Line, id, cell(r, ocols, "订单创建时间")); good {
			o.OrderedAt = at
		} else {
			ok = false
		}
		buyer := cell(r, ocols, "买家会员名")
		o.Customer = app.ImportCustomer{Code: buyer, Name: buyer,
			Phone: firstNonEmpty(cell(r, ocols, "联系手机"), cell(r, ocols, "联系电话"))}
		o.RecipientName = cell(r, ocols, "收货人姓名")
		o.RecipientPhone = o.Customer.Phone
		o.Address = chineseAddress(cell(r, ocols, "收货地址"))
		o.SpecialRequest = cell(r, ocols, "买家留言")
		o.Notes = cell(r, ocols, "订单备注")
		if title := cell(r, ocols, "发票抬头"); title != "" {
			o.Invoice = app.InvoiceRequest{Type: app.InvoiceNormal, Title: title}
		}
		o.PaymentMethod = app.PayAlipay
		goods, good1 := p.money(r.Line, id, FieldUnitPrice, cell(r, ocols, "买家应付货款"))
		shipping, good2 := p.money(r.Line, id, FieldShipping, cell(r, ocols, "买家应付邮费"))
		paid, good3 := p.money(r.Line, id, FieldPaid, cell(r, ocols, "买家实际支付金额"))
		ok = ok && good1 && good2 && good3
		o.ShippingFee = shipping
		// The shop's discounts show only as goods below the items' sum.
		var sum app.Money
		for _, l := range o.Lines {
			m, _ := l.UnitPrice.MulQty(l.Qty)
			sum += m
		}
		if goods > 0 && goods < sum {
			o.OrderDiscount = sum - goods
		}
		if at, err := time.ParseInLocation("2006-01-02 15:04:05", cell(r, ocols, "订单付款时间"), opt.Location); err == nil {
			o.PaidAt = at
		}
		state := cell(r, ocols, "订单状态")
		switch {
		case strings.Contains(state, "交易成功"):
			o.Status, o.Paid = app.StatusCompleted, paid
		case strings.Contains(state, "卖家已发货"):
			o.Status, o.Paid = app.StatusShipped, paid
		case strings.Contains(state, "交易关闭"):
			o.Status = app.StatusCancelled
			o.CancelReason = firstNonEmpty(strings.TrimPrefix(cell(r, ocols, "订单关闭原因"), "订单未关闭"), "交易关闭")
		case strings.Contains(state, "等待买家付款"):
			o.Status = app.StatusPendingReview
		default: // 买家已付款，等待卖家发货
			o.Status, o.Paid = app.StatusPendingReview, paid
		}
		if ok {
			out.Orders = append(out.Orders, o)
		}
	}
	out.Problems = append(out.Problems, p.problems...)
	sort.SliceStable(out.Problems, func(i, j int) bool { return out.Problems[i].Row < out.Problems[j].Row })
	return out, nil
}

// parseGeneric maps columns by their headers (or the user's mapping) and
// reads any order list: one row per line, rows of one order sharing its
// id. An id starting with C followed by a digit is a credit note (the UK
// convention), whose quantities are negative.
func parseGeneric(tables []Table, opt Options) (Parsed, error) {
	channel := opt.Channel
	if channel == "" {
		channel = app.ChannelWebShop
	}
	out := Parsed{Channel: channel}
	for _, t := range tables {
		m := GuessMapping(t.Header)
		for f, h := range opt.Mapping {
			m[f] = h
		}
		cols := map[string]int{}
		var missing []string
		for _, f := range Fields() {
			cols[string(f)] = -1
			if h, ok := m[f]; ok && h != "" {
				cols[string(f)] = t.Column(h)
				if cols[string(f)] < 0 {
					missing = append(missing, fmt.Sprintf("%s (%q)", f, h))
				}
			}
		}
		for _, f := range RequiredFields() {
			if cols[string(f)] < 0 && m[f] == "" {
				missing = append(missing, string(f))
			}
		}
		if len(missing) > 0 {
			return out, &MissingColumnsError{Preset: PresetGeneric, Missing: missing}
		}
		if out.Mapping == nil {
			out.Mapping = m
		}
		p := &parser{currency: opt.Currency, loc: opt.Location, sheet: sheetName(tables, t)}
		p.reading(t, cols)
		get := func(r Row, f Field) string { return cell(r, cols, string(f)) }
		for _, g := range groupRows(t, cols[string(FieldOrderID)]) {
			out.Rows += len(g.rows)
			first := g.rows[0]
			id := g.id
			o := app.ImportOrder{Row: first.Line, Sheet: p.sheet, PlatformOrderID: id}
			if id == "" {
				p.bad(first.Line, "", FieldOrderID, "row without an order id")
				continue
			}
			credit := len(id) > 1 && (id[0] == 'C' || id[0] == 'c') && id[1] >= '0' && id[1] <= '9'
			if credit {
				o.Kind = app.KindCredit
			}
			ok := true
			for _, r := range g.rows {
				if p.unreadable(r, id) {
					ok = false
					continue
				}
				if get(r, FieldOrderedAt) != "" {
					at, good := p.when(r.Line, id, get(r, FieldOrderedAt))
					ok = ok && good
					// Lines of one invoice can be a minute apart: the
					// order is placed at its first.
					if good && (o.OrderedAt.IsZero() || at.Before(o.OrderedAt)) {
						o.OrderedAt = at
					}
				}
				qty := get(r, FieldQty)
				if credit {
					if n, err := parseWhole(qty); err == nil {
						if n > 0 {
							p.bad(r.Line, id, FieldQty, "credit note %s has a positive quantity %d; its lines are negative", id, n)
							ok = false
							continue
						}
						qty = fmt.Sprint(-n)
					}
				}
				l, good := p.line(r, id, get(r, FieldSKU), get(r, FieldName), get(r, FieldSpec), qty,
					get(r, FieldUnitPrice), get(r, FieldLineDiscount))
				ok = ok && good
				o.Lines = append(o.Lines, l)
			}
			code := get(first, FieldCustomerCode)
			o.Customer = app.ImportCustomer{Code: code, Name: get(first, FieldCustomerName), Email: get(first, FieldEmail),
				Phone: get(first, FieldPhone)}
			o.RecipientName = firstNonEmpty(get(first, FieldRecipient), o.Customer.Name)
			o.RecipientPhone = o.Customer.Phone
			o.Address = app.Address{Province: get(first, FieldProvince), City: get(first, FieldCity),
				District: get(first, FieldDistrict), Street: get(first, FieldStreet), Postcode: get(first, FieldPostcode),
				Country: countryCode(get(first, FieldCountry))}
			if o.Address.Country == "" && strings.ContainsAny(o.Address.Province+o.Address.City, "省市区") {
				o.Address.Country = "CN"
			}
			o.SpecialRequest = get(first, FieldNote)
			o.CouponCode = get(first, FieldCoupon)
			shipping, good1 := p.money(first.Line, id, FieldShipping, get(first, FieldShipping))
			discount, good2 := p.money(first.Line, id, FieldDiscount, get(first, FieldDiscount))
			paid, good3 := p.money(first.Line, id, FieldPaid, get(first, FieldPaid))
			ok = ok && good1 && good2 && good3
			o.ShippingFee, o.OrderDiscount, o.Paid = max(shipping, 0), max(discount, 0), max(paid, 0)
			o.Status = genericStatus(get(first, FieldStatus), opt.NewOrders)
			if o.Status == app.StatusCompleted && o.Paid == 0 && cols[string(FieldPaid)] < 0 && !credit {
				o.PaidInFull = true // history without payments: settled
			}
			if ok {
				out.Orders = append(out.Orders, o)
			}
		}
		out.Problems = append(out.Problems, p.problems...)
	}
	return out, nil
}

func parseWhole(s string) (int64, error) {
	var n int64
	_, err := fmt.Sscanf(strings.TrimSuffix(strings.TrimSpace(s), ".0"), "%d", &n)
	return n, err
}

// genericStatus reads a status column in English or Chinese; without one
// the orders are history (completed) unless the user says they are new.
func genericStatus(s string, newOrders bool) app.Status {
	v := strings.ToLower(strings.TrimSpace(s))
	switch {
	case v == "":
		if newOrders {
			return app.StatusPendingReview
		}
		return app.StatusCompleted
	case strings.Contains(v, "cancel") || strings.Contains(v, "取消") || strings.Contains(v, "关闭"):
		return app.StatusCancelled
	case strings.Contains(v, "deliver") || strings.Contains(v, "签收"):
		return app.StatusDelivered
	case strings.Contains(v, "ship") || strings.Contains(v, "发货") || strings.Contains(v, "fulfilled"):
		if strings.Contains(v, "等待") || strings.Contains(v, "un") {
			return app.StatusPendingReview
		}
		return app.StatusShipped
	case strings.Contains(v, "complet") || strings.Contains(v, "done") || strings.Contains(v, "完成") || strings.Contains(v, "成功"):
		return app.StatusCompleted
	}
	return app.StatusPendingReview
}

// Run imports parsed orders through the shop's service. Rows the preset
// could not read refuse the file too: the service still checks the rest
// (without saving) so the user sees every problem at once.
func Run(ctx context.Context, svc *app.Service, parsed Parsed, batch app.ImportBatch, progress func(done, total int)) (app.ImportResult, error) {
	batch.Channel, batch.Orders = parsed.Channel, parsed.Orders
	if len(parsed.Problems) > 0 {
		batch.DryRun = true
	}
	res, err := svc.ImportOrders(ctx, batch, progress)
	var ie *app.ImportError
	if err != nil && !errors.As(err, &ie) {
		return res, err
	}
	if len(parsed.Problems) == 0 {
		return res, err
	}
	res.Problems = append(append([]app.ImportProblem{}, parsed.Problems...), res.Problems...)
	sort.SliceStable(res.Problems, func(i, j int) bool {
		if res.Problems[i].Sheet != res.Problems[j].Sheet {
			return res.Problems[i].Sheet < res.Problems[j].Sheet
		}
		return res.Problems[i].Row < res.Problems[j].Row
	})
	res.DryRun = batch.DryRun
	res.Orders, res.Lines, res.Sales, res.Credits, res.Preview = 0, 0, 0, 0, nil
	return res, &app.ImportError{Result: res}
}
