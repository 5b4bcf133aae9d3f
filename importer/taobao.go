package importer

import (
	"sort"
	"strings"
	"time"

	"orderdesk/app"
)

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
	lines := map[string]*app.ImportOrder{}
	itemsOK := map[string]bool{}
	itemRows := map[string][]Row{}
	p.sheet = items.Name
	p.reading(*items, icols)
	for _, r := range items.Rows {
		id := cell(r, icols, "订单编号")
		itemRows[id] = append(itemRows[id], r)
		if _, seen := itemsOK[id]; !seen {
			itemsOK[id] = true
		}
		if p.unreadable(r, id) {
			itemsOK[id] = false
			continue
		}
		if lines[id] == nil {
			lines[id] = &app.ImportOrder{PlatformOrderID: id}
		}
		if !p.addLine(lines[id], r, lineCells{SKU: cell(r, icols, "商家编码"), Name: cell(r, icols, "标题"),
			Spec: cell(r, icols, "商品属性"), Qty: cell(r, icols, "购买数量"), UnitPrice: cell(r, icols, "价格")}) {
			itemsOK[id] = false
		}
	}
	p.sheet = orders.Name
	p.reading(*orders, ocols)
	for _, r := range orders.Rows {
		out.Rows++
		id := cell(r, ocols, "订单编号")
		o := app.ImportOrder{Row: r.Line, Sheet: p.sheet, PlatformOrderID: id}
		if items := lines[id]; items != nil {
			o.Lines = items.Lines
		}
		out.from(*orders, id, []Row{r})
		out.from(*items, id, itemRows[id])
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
	out.Warnings = append(out.Warnings, p.warnings...)
	sort.SliceStable(out.Problems, func(i, j int) bool { return out.Problems[i].Row < out.Problems[j].Row })
	return out, nil
}
