package reports

import (
	"context"
	"fmt"
	"io"
	"time"

	"orderdesk/app"
)

// MonthlyOptions says which period the monthly workbook covers and in
// which language its sheets are headed.
type MonthlyOptions struct {
	Lang     Lang
	From, To time.Time // To is exclusive
	Now      time.Time // the workbook's date
	Paper    Paper     // what the sheets print on; "" is the shop's paper
}

// monthlyWords are the workbook's headings in both languages.
var monthlyWords = map[string]wording{
	"title":            {"Monthly report", "月度报表"},
	"sheet.summary":    {"Summary", "汇总"},
	"total":            {"Total", "合计"},
	"sheet.orders":     {"Orders", "订单"},
	"sheet.lines":      {"Order lines", "订单明细"},
	"sheet.days":       {"Sales by day", "按日销售"},
	"sheet.channels":   {"Sales by channel", "按渠道销售"},
	"sheet.products":   {"Sales by product", "按商品销售"},
	"sheet.customers":  {"Sales by customer", "按客户销售"},
	"sheet.execution":  {"Order execution", "订单执行跟踪"},
	"sheet.returns":    {"Returns", "退货及原因"},
	"sheet.complaints": {"Complaints", "投诉统计"},
	"sheet.stock":      {"Stock and movements", "库存及出入库"},
	"sheet.ageing":     {"Receivables ageing", "应收账龄"},

	"fig.orders":          {"Sales orders (not drafts, not cancelled)", "销售订单数（不含草稿、已取消）"},
	"fig.drafts":          {"Draft orders (not sales)", "草稿订单数（不计销售）"},
	"fig.draftamount":     {"Draft orders: amount (not sales)", "草稿订单金额（不计销售）"},
	"fig.cancelled":       {"Cancelled orders (not sales)", "已取消订单数（不计销售）"},
	"fig.cancelledamount": {"Cancelled orders: amount (not sales)", "已取消订单金额（不计销售）"},
	"fig.credits":         {"Credit notes", "退货冲红单"},
	"fig.lines":           {"Order lines", "订单明细行数"},
	"fig.gross":           {"Gross sales", "销售额（毛）"},
	"fig.returns":         {"Credits: returned goods", "冲减：退货"},
	"fig.partial":         {"Credits: partial refunds", "冲减：部分退款"},
	"fig.compensation":    {"Credits: compensation", "冲减：补偿"},
	"fig.creditnotes":     {"Credits: credit notes", "冲减：冲红单"},
	"fig.creditsum":       {"Credits issued", "冲减合计"},
	"fig.net":             {"Net sales (gross − credits)", "净销售额（毛销售额−冲减）"},
	"fig.average":         {"Average order", "平均订单金额"},
	"fig.received":        {"Money received", "本期收款"},
	"fig.refunds":         {"Refunds paid", "本期退款"},
	"fig.owed":            {"Owed by customers (= receivables ageing)", "客户欠款（=应收账龄合计）"},
	"fig.owedback":        {"Owed to customers (refunds due)", "应退客户款"},
	"fig.held":            {"of which held for cancelled orders", "其中已取消订单待退款"},
	"fig.cancelcredits":   {"Credits on cancelled orders (not in credits)", "已取消订单冲减（不计入冲减）"},
	"fig.returnrate":      {"Returns rate (credited goods ÷ gross goods)", "退货率（退货货款÷毛货款）"},
	"fig.complaints":      {"Complaints", "投诉数"},
	"fig.cases":           {"After-sales cases", "售后单数"},
	"col.order":           {"Order", "订单号"},
	"col.case":            {"Case / credit note", "售后单/冲红单号"},
	"col.units":           {"Units", "件数"},
	"col.refunded":        {"Refunded", "已退款"},
	"col.resolved":        {"Resolved", "已解决"},
	"fig.ontime":          {"Shipped on time", "按时发货率"},
	"chart.days":          {"Sales by day", "每日销售额"},
	"chart.channels":      {"Sales by channel", "各渠道销售额"},

	"col.number":      {"Order", "订单号"},
	"col.date":        {"Date", "日期"},
	"col.kind":        {"Kind", "类型"},
	"col.channel":     {"Channel", "渠道"},
	"col.customer":    {"Customer", "客户"},
	"col.status":      {"Status", "状态"},
	"col.payment":     {"Payment", "付款状态"},
	"col.lines":       {"Lines", "行数"},
	"col.goods":       {"Goods", "货款"},
	"col.shipping":    {"Shipping", "运费"},
	"col.discount":    {"Discount", "优惠"},
	"col.payable":     {"Payable", "应付"},
	"col.paid":        {"Paid", "已付"},
	"col.sale":        {"Sales", "销售额"},
	"col.draft":       {"Draft (not sales)", "草稿（不计销售）"},
	"col.cancelled":   {"Cancelled (not sales)", "已取消（不计销售）"},
	"col.credited":    {"Credited", "已冲减"},
	"col.refunddue":   {"Owed to customer", "应退客户"},
	"col.gross":       {"Gross sales", "毛销售额"},
	"col.credits":     {"Credits", "冲减"},
	"col.shippedn":    {"Shipped orders", "已发货订单数"},
	"col.ontimen":     {"Shipped on time", "按时发货数"},
	"row.postage":     {"Postage and order discounts", "运费及整单优惠"},
	"row.credits":     {"Credits (returns, partial refunds, compensation)", "冲减（退货、部分退款、补偿）"},
	"col.outstanding": {"Outstanding", "未付"},
	"col.sku":         {"SKU", "商品编码"},
	"col.product":     {"Product", "商品"},
	"col.spec":        {"Spec", "规格"},
	"col.qty":         {"Qty", "数量"},
	"col.price":       {"Unit price", "单价"},
	"col.subtotal":    {"Subtotal", "小计"},
	"col.day":         {"Day", "日期"},
	"col.orders":      {"Orders", "订单数"},
	"col.sales":       {"Net sales", "净销售额"},
	"col.creditnotes": {"Credit notes", "冲红单数"},
	"col.ordered":     {"Ordered", "下单时间"},
	"col.confirmed":   {"Confirmed", "确认时间"},
	"col.planned":     {"Planned ship", "计划发货"},
	"col.shipped":     {"Shipped", "实际发货"},
	"col.ontime":      {"On time", "按时"},
	"col.delivered":   {"Delivered", "签收时间"},
	"col.signer":      {"Signed by", "签收人"},
	"col.waybill":     {"Waybill", "运单号"},
	"col.completed":   {"Completed", "完成时间"},
	"col.stage":       {"Stage", "当前环节"},
	"col.reason":      {"Reason", "原因"},
	"col.category":    {"Category", "类别"},
	"col.count":       {"Complaints", "投诉数"},
	"col.hours":       {"Average hours to resolve", "平均处理时长（小时）"},
	"col.onhand":      {"On hand", "现存"},
	"col.reserved":    {"Reserved", "已预留"},
	"col.intransit":   {"In transit", "在途"},
	"col.received":    {"Received", "入库"},
	"col.shippedqty":  {"Shipped", "出库"},
	"col.adjusted":    {"Adjusted", "盘点调整"},
	"col.returned":    {"Returned", "退货入库"},
	"col.scrapped":    {"Scrapped", "报废"},
	"col.notdue":      {"Not due", "未到期"},
	"col.d30":         {"1–30 days", "1–30 天"},
	"col.d60":         {"31–60 days", "31–60 天"},
	"col.d90":         {"61–90 days", "61–90 天"},
	"col.over90":      {"Over 90 days", "90 天以上"},

	"kind.sale":             {"sale", "销售"},
	"kind.credit":           {"credit note", "冲红单"},
	"yes":                   {"yes", "是"},
	"no":                    {"no", "否"},
	"reason.credit":         {"credit note (cancellation invoice)", "冲红单（退货/取消发票）"},
	"empty.orders":          {"No orders in this period", "本期没有订单"},
	"empty.lines":           {"No order lines in this period", "本期没有订单明细"},
	"empty.returns":         {"No returns in this period", "本期没有退货"},
	"empty.complaints":      {"No complaints recorded in this period", "本期没有投诉记录"},
	"empty.stock":           {"No products", "没有商品"},
	"empty.ageing":          {"Nothing owed at the end of the period", "期末没有应收款"},
	"empty.sales":           {"No sales in this period", "本期没有销售"},
	"status.draft":          {"draft", "草稿"},
	"status.pending_review": {"pending review", "待审核"},
	"status.confirmed":      {"confirmed", "已确认"},
	"status.allocated":      {"allocated", "已配货"},
	"status.picking":        {"picking", "拣货中"},
	"status.packed":         {"packed", "已打包"},
	"status.partly_shipped": {"partly shipped", "部分发货"},
	"status.shipped":        {"shipped", "已发货"},
	"status.delivered":      {"delivered", "已签收"},
	"status.completed":      {"completed", "已完成"},
	"status.on_hold":        {"on hold", "已暂停"},
	"status.cancelled":      {"cancelled", "已取消"},
	"custkind.retail":       {"retail", "零售"},
	"custkind.dealer":       {"dealer", "经销商"},
	"prodkind.goods":        {"goods", "商品"},
	"prodkind.shipping":     {"postage", "运费"},
	"prodkind.service":      {"charge", "服务费"},
	"prodkind.discount":     {"discount", "折扣"},
	"prodkind.adjustment":   {"adjustment", "调整"},
}

// word is a workbook heading in l, falling back on the documents' labels.
func (l Lang) word(key string) string {
	if w, ok := monthlyWords[key]; ok {
		if l == LangChinese {
			return w.zh
		}
		return w.en
	}
	return l.label(key)
}

// NewMonthlyWorkbook lays out the monthly workbook over a report
// snapshot: the Summary with its key figures and charts, then one sheet
// per table, each streamed from the store as the workbook is written. It
// must be written inside the same app.Service.Report call.
func NewMonthlyWorkbook(ctx context.Context, r app.ReportReader, shop app.Shop, sum app.SalesSummary,
	opt MonthlyOptions) (Workbook, error) {
	l := opt.Lang
	from, to := opt.From, opt.To
	period := from.Format("2006-01-02") + " – " + to.AddDate(0, 0, -1).Format("2006-01-02")
	if from.Day() == 1 && to.Equal(from.AddDate(0, 1, 0)) {
		period = from.Format("2006-01")
	}
	onTime, shipped := 0, 0
	err := r.EachExecution(ctx, from, to, func(e app.ExecutionRow) error {
		if e.ConfirmedAt.IsZero() || e.ShippedAt.IsZero() {
			return nil
		}
		e.PlannedShip = app.EarliestShipDay(shop, e.ConfirmedAt)
		shipped++
		if e.OnTime() {
			onTime++
		}
		return nil
	})
	if err != nil {
		return Workbook{}, err
	}
	complaints, err := r.ComplaintStats(ctx, from, to)
	if err != nil {
		return Workbook{}, err
	}
	received := 0
	for _, c := range complaints {
		received += c.Count
	}
	cases := 0
	if err := r.EachCase(ctx, from, to, func(app.ReportCase) error { cases++; return nil }); err != nil {
		return Workbook{}, err
	}
	rate := func(part, whole float64) any {
		if whole == 0 {
			return nil
		}
		return part / whole
	}
	var returnsRate any
	if r, ok := sum.ReturnsRate(); ok {
		returnsRate = r
	}
	wb := Workbook{
		Title:       fmt.Sprintf("%s · %s %s", shop.Name, l.word("title"), period),
		Period:      period,
		Currency:    shop.Currency,
		TotalLabel:  l.word("total"),
		SummaryName: l.word("sheet.summary"),
		Created:     opt.Now,
		Paper:       PaperFor(opt.Paper, shop),
		PageLabel:   l.word("page"),
		Summary: []Figure{
			{l.word("fig.orders"), sum.Orders, IntColumn},
			{l.word("fig.lines"), sum.Lines, IntColumn},
			{l.word("fig.gross"), sum.Sales, MoneyColumn},
			{l.word("fig.returns"), sum.Returns, MoneyColumn},
			{l.word("fig.partial"), sum.PartialRefunds, MoneyColumn},
			{l.word("fig.compensation"), sum.Compensation, MoneyColumn},
			{l.word("fig.creditnotes"), sum.CreditNoteAmount, MoneyColumn},
			{l.word("fig.creditsum"), sum.Credits, MoneyColumn},
			{l.word("fig.net"), sum.Net(), MoneyColumn},
			{l.word("fig.credits"), sum.CreditNotes, IntColumn},
			{l.word("fig.average"), sum.AverageOrder(), MoneyColumn},
			{l.word("fig.returnrate"), returnsRate, PercentColumn},
			{l.word("fig.received"), sum.Received, MoneyColumn},
			{l.word("fig.refunds"), sum.RefundsPaid, MoneyColumn},
			{l.word("fig.owed"), sum.Owed, MoneyColumn},
			{l.word("fig.owedback"), sum.OwedToCustomers, MoneyColumn},
			{l.word("fig.held"), sum.HeldForCancelled, MoneyColumn},
			{l.word("fig.drafts"), sum.Drafts, IntColumn},
			{l.word("fig.draftamount"), sum.DraftAmount, MoneyColumn},
			{l.word("fig.cancelled"), sum.Cancelled, IntColumn},
			{l.word("fig.cancelledamount"), sum.CancelledAmount, MoneyColumn},
			{l.word("fig.cancelcredits"), sum.CancelledCredits, MoneyColumn},
			{l.word("fig.cases"), cases, IntColumn},
			{l.word("fig.complaints"), received, IntColumn},
			{l.word("fig.ontime"), rate(float64(onTime), float64(shipped)), PercentColumn},
		},
	}
	col := func(key string, kind ColumnKind, total bool) Column {
		return Column{Header: l.word(key), Kind: kind, Total: total}
	}
	days, channels := l.word("sheet.days"), l.word("sheet.channels")
	wb.Charts = []Chart{{Title: l.word("chart.days"), Sheet: days, Category: 0, Value: 2, Kind: "line"},
		{Title: l.word("chart.channels"), Sheet: channels, Category: 0, Value: 2, Kind: "bar"}}
	wb.Sheets = []Sheet{
		{Name: l.word("sheet.orders"), Empty: l.word("empty.orders"),
			Columns: []Column{col("col.number", TextColumn, false), col("col.date", DateTimeColumn, false),
				col("col.kind", TextColumn, false), col("col.channel", TextColumn, false), col("col.customer", TextColumn, false),
				col("col.status", TextColumn, false), col("col.payment", TextColumn, false), col("col.lines", IntColumn, true),
				col("col.goods", MoneyColumn, true), col("col.shipping", MoneyColumn, true), col("col.discount", MoneyColumn, true),
				col("col.sale", MoneyColumn, true), col("col.draft", MoneyColumn, true), col("col.cancelled", MoneyColumn, true),
				col("col.credited", MoneyColumn, true), col("col.paid", MoneyColumn, true), col("col.outstanding", MoneyColumn, true),
				col("col.refunddue", MoneyColumn, true)},
			Rows: func(yield func([]any) error) error {
				return r.EachOrder(ctx, from, to, func(o app.ReportOrder) error {
					return yield(orderRow(l, o))
				})
			}},
		{Name: l.word("sheet.lines"), Empty: l.word("empty.lines"),
			Columns: []Column{col("col.number", TextColumn, false), col("col.date", DateTimeColumn, false),
				col("col.channel", TextColumn, false), col("col.customer", TextColumn, false), col("col.sku", TextColumn, false),
				col("col.product", TextColumn, false), col("col.spec", TextColumn, false), col("col.kind", TextColumn, false),
				col("col.qty", IntColumn, true), col("col.price", MoneyColumn, false), col("col.discount", MoneyColumn, true),
				col("col.subtotal", MoneyColumn, true)},
			Rows: func(yield func([]any) error) error {
				return r.EachLine(ctx, from, to, func(x app.ReportLine) error {
					return yield([]any{x.Number, x.OrderedAt, l.valueLabel("channel", string(x.Channel)), x.Customer, x.SKU, x.Name,
						x.Spec, l.word("prodkind." + string(x.Kind)), x.Qty, x.UnitPrice, x.Discount, x.Subtotal})
				})
			}},
		{Name: days, Empty: l.word("empty.sales"),
			Columns: []Column{col("col.day", DateColumn, false), col("col.orders", IntColumn, true), col("col.sales", MoneyColumn, true),
				col("col.gross", MoneyColumn, true), col("col.credits", MoneyColumn, true)},
			Rows: func(yield func([]any) error) error {
				for _, d := range sum.ByDay {
					if err := yield([]any{d.Day, d.Orders, d.Sales, d.Gross, d.Credits}); err != nil {
						return err
					}
				}
				return nil
			}},
		{Name: channels, Empty: l.word("empty.sales"),
			Columns: []Column{col("col.channel", TextColumn, false), col("col.orders", IntColumn, true), col("col.sales", MoneyColumn, true),
				col("col.gross", MoneyColumn, true), col("col.credits", MoneyColumn, true)},
			Rows: func(yield func([]any) error) error {
				for _, c := range sum.ByChannel {
					if err := yield([]any{l.valueLabel("channel", string(c.Channel)), c.Orders, c.Sales, c.Gross, c.Credits}); err != nil {
						return err
					}
				}
				return nil
			}},
		{Name: l.word("sheet.products"), Empty: l.word("empty.sales"),
			Columns: []Column{col("col.sku", TextColumn, false), col("col.product", TextColumn, false), col("col.spec", TextColumn, false),
				col("col.kind", TextColumn, false), col("col.orders", IntColumn, false), col("col.qty", IntColumn, true),
				col("col.sales", MoneyColumn, true)},
			Rows: func(yield func([]any) error) error {
				list, err := r.SalesByProduct(ctx, from, to)
				if err != nil {
					return err
				}
				for _, p := range list {
					if err := yield([]any{p.SKU, p.Name, p.Spec, l.word("prodkind." + string(p.Kind)), p.Orders, p.Qty, p.Sales}); err != nil {
						return err
					}
				}
				// What the net holds beyond the products, so that the
				// sheet totals the net sales.
				postage, credits := sum.NotByProduct(list)
				for _, x := range []struct {
					key    string
					amount app.Money
				}{{"row.postage", postage}, {"row.credits", credits}} {
					if x.amount == 0 {
						continue
					}
					if err := yield([]any{"", l.word(x.key), "", "", nil, nil, x.amount}); err != nil {
						return err
					}
				}
				return nil
			}},
		{Name: l.word("sheet.customers"), Empty: l.word("empty.sales"),
			Columns: []Column{col("col.customer", TextColumn, false), col("col.kind", TextColumn, false), col("col.orders", IntColumn, true),
				col("col.creditnotes", IntColumn, true), col("col.sales", MoneyColumn, true), col("col.gross", MoneyColumn, true),
				col("col.credits", MoneyColumn, true), col("col.outstanding", MoneyColumn, true)},
			Rows: func(yield func([]any) error) error {
				list, err := r.SalesByCustomer(ctx, from, to)
				if err != nil {
					return err
				}
				for _, c := range list {
					if err := yield([]any{c.Customer, l.word("custkind." + string(c.Kind)), c.Orders, c.CreditNotes, c.Net(),
						c.Gross, c.Credits, c.Outstanding}); err != nil {
						return err
					}
				}
				return nil
			}},
		{Name: l.word("sheet.execution"), Empty: l.word("empty.orders"),
			Columns: []Column{col("col.number", TextColumn, false), col("col.customer", TextColumn, false),
				col("col.stage", TextColumn, false), col("col.ordered", DateTimeColumn, false), col("col.confirmed", DateTimeColumn, false),
				col("col.planned", DateColumn, false), col("col.shipped", DateTimeColumn, false), col("col.ontime", TextColumn, false),
				col("col.delivered", DateTimeColumn, false), col("col.signer", TextColumn, false), col("col.waybill", TextColumn, false),
				col("col.completed", DateTimeColumn, false), col("col.shippedn", IntColumn, true), col("col.ontimen", IntColumn, true)},
			Rows: func(yield func([]any) error) error {
				return r.EachExecution(ctx, from, to, func(e app.ExecutionRow) error {
					if !e.ConfirmedAt.IsZero() {
						e.PlannedShip = app.EarliestShipDay(shop, e.ConfirmedAt)
					}
					onTime, shippedN, onTimeN := "", 0, 0
					if !e.ShippedAt.IsZero() {
						shippedN = 1
					}
					if !e.ShippedAt.IsZero() && !e.PlannedShip.IsZero() {
						onTime = l.word("no")
						if e.OnTime() {
							onTime, onTimeN = l.word("yes"), 1
						}
					}
					return yield([]any{e.Number, e.Customer, l.word("status." + string(e.Status)), e.OrderedAt, zeroNil(e.ConfirmedAt),
						zeroNil(e.PlannedShip), zeroNil(e.ShippedAt), onTime, zeroNil(e.DeliveredAt), e.Signer, e.Waybill,
						zeroNil(e.CompletedAt), shippedN, onTimeN})
				})
			}},
		{Name: l.word("sheet.returns"), Empty: l.word("empty.returns"),
			Columns: []Column{col("col.case", TextColumn, false), col("col.date", DateTimeColumn, false),
				col("col.order", TextColumn, false), col("col.customer", TextColumn, false), col("col.kind", TextColumn, false),
				col("col.reason", TextColumn, false), col("col.status", TextColumn, false), col("col.units", IntColumn, true),
				col("col.returned", IntColumn, true), col("col.refunded", MoneyColumn, true)},
			Rows: func(yield func([]any) error) error {
				// After-sales cases first, then imported credit notes.
				err := r.EachCase(ctx, from, to, func(c app.ReportCase) error {
					return yield([]any{c.Number, c.RequestedAt, c.Order, c.Customer, l.pick(caseKindWords[c.Kind]),
						l.pick(caseReasonWords[c.Reason]), l.pick(caseStatusWords[c.Status]), c.Units, c.Received, c.Refunded})
				})
				if err != nil {
					return err
				}
				return r.EachOrder(ctx, from, to, func(o app.ReportOrder) error {
					if o.Kind != app.KindCredit {
						return nil
					}
					return yield([]any{o.Number, o.OrderedAt, o.Number, o.Customer, l.word("kind.credit"),
						l.word("reason.credit"), "", nil, nil, o.Payable})
				})
			}},
		{Name: l.word("sheet.complaints"), Empty: l.word("empty.complaints"),
			Columns: []Column{col("col.category", TextColumn, false), col("col.count", IntColumn, true),
				col("col.resolved", IntColumn, true), col("col.hours", DurationHoursColumn, false)},
			Rows: func(yield func([]any) error) error {
				for _, c := range complaints {
					var hours any
					if c.Resolved > 0 {
						hours = c.HoursToResolve
					}
					if err := yield([]any{l.pick(complaintWords[c.Category]), c.Count, c.Resolved, hours}); err != nil {
						return err
					}
				}
				return nil
			}},
		{Name: l.word("sheet.stock"), Empty: l.word("empty.stock"),
			Columns: []Column{col("col.sku", TextColumn, false), col("col.product", TextColumn, false), col("col.onhand", IntColumn, true),
				col("col.reserved", IntColumn, true), col("col.intransit", IntColumn, true), col("col.received", IntColumn, true),
				col("col.shippedqty", IntColumn, true), col("col.adjusted", IntColumn, true), col("col.returned", IntColumn, true),
				col("col.scrapped", IntColumn, true)},
			Rows: func(yield func([]any) error) error {
				list, err := r.StockMovements(ctx, from, to)
				if err != nil {
					return err
				}
				for _, m := range list {
					if err := yield([]any{m.SKU, m.Name, m.OnHand, m.Reserved, m.InTransit, m.Received, m.Shipped, m.Adjusted,
						m.Returned, m.Scrapped}); err != nil {
						return err
					}
				}
				return nil
			}},
		{Name: l.word("sheet.ageing"), Empty: l.word("empty.ageing"),
			Columns: []Column{col("col.customer", TextColumn, false), col("col.notdue", MoneyColumn, true),
				col("col.d30", MoneyColumn, true), col("col.d60", MoneyColumn, true), col("col.d90", MoneyColumn, true),
				col("col.over90", MoneyColumn, true), col("col.outstanding", MoneyColumn, true)},
			Rows: func(yield func([]any) error) error {
				list, err := r.Ageing(ctx, to)
				if err != nil {
					return err
				}
				for _, a := range list {
					if err := yield([]any{a.Customer, a.NotDue, a.Days1to30, a.Days31to60, a.Days61to90, a.Over90, a.Total()}); err != nil {
						return err
					}
				}
				return nil
			}},
	}
	return wb, nil
}

// orderRow is one order of the Orders sheet. Only the sales that count
// fill the sales columns; a draft's or a cancelled order's payable stands
// in its own column, and a credit note's in the credited one, so that
// each column totals the Summary's figure.
func orderRow(l Lang, o app.ReportOrder) []any {
	row := []any{o.Number, o.OrderedAt, l.word("kind." + string(o.Kind)), l.valueLabel("channel", string(o.Channel)),
		o.Customer, l.word("status." + string(o.Status)), l.valueLabel("payment", string(o.PaymentStatus))}
	var lines, goods, shipping, discount, sale, draft, cancelled any
	credited := any(o.Credited)
	switch {
	case o.Status == app.StatusCancelled:
		cancelled, credited = o.Payable, nil
	case !o.Counts():
		draft = o.Payable
	case o.Kind == app.KindCredit:
		lines, goods, shipping, discount = o.Lines, o.Goods, o.Shipping, o.Discount
		credited = -o.Payable
	default:
		lines, goods, shipping, discount, sale = o.Lines, o.Goods, o.Shipping, o.Discount, o.Payable
	}
	return append(row, lines, goods, shipping, discount, sale, draft, cancelled, credited, o.Paid, o.Outstanding, o.RefundDue)
}

// zeroNil leaves a stage not reached as an empty cell.
func zeroNil(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// WriteMonthly writes the workbook for opt's period from one snapshot of
// the shop. An empty Lang follows the shop's document language.
func WriteMonthly(ctx context.Context, svc *app.Service, w io.Writer, opt MonthlyOptions, progress func(sheet string, rows int)) error {
	return svc.Report(ctx, func(r app.ReportReader, shop app.Shop) error {
		if opt.Lang == "" {
			opt.Lang = LangFor(shop, &app.Order{})
		}
		sum, err := app.Figures(ctx, r, opt.From, opt.To)
		if err != nil {
			return err
		}
		wb, err := NewMonthlyWorkbook(ctx, r, shop, sum, opt)
		if err != nil {
			return err
		}
		return WriteWorkbook(w, wb, progress)
	})
}
