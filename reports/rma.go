package reports

import (
	"fmt"
	"io"
	"time"

	"orderdesk/app"
)

// RMAOptions are the choices made when a return authorisation is printed.
type RMAOptions struct {
	Lang  Lang
	Paper Paper
	Now   time.Time // the letter's date and the PDF's creation date
	// ReturnTo is where the goods go back to: the warehouse's address.
	ReturnTo    app.Address
	ReturnPhone string
}

// RMALetter is the return authorisation as printed: what to send
// back, where, and what to write in the parcel.
type RMALetter struct {
	Paper   Paper
	Created time.Time

	Letterhead Letterhead
	Title      string
	Intro      string

	Case, Customer FactGroup // side by side
	ReturnTo       FactGroup // the return address, large and boxed
	ItemsTitle     string
	ItemHeads      ItemRow // SKU, product, spec and quantity
	Items          []ItemRow
	StepsTitle     string
	Steps          []Fact // numbered instructions
	Notes          []Fact // postage and refund, highlighted

	Footer    string
	PageLabel string
}

// rmaWords are the letter's own words.
var rmaWords = map[string]wording{
	"rma.title":       {"Return authorisation", "退货授权书（RMA）"},
	"rma.intro":       {"We have accepted your after-sales request. Please send the goods below back as described, so that we can settle it quickly.", "您的售后申请已受理。请按以下说明寄回商品，以便我们尽快为您处理。"},
	"rma.case":        {"After-sales case", "售后单"},
	"rma.case_number": {"Case number", "售后单号"},
	"rma.kind":        {"Request", "售后类型"},
	"rma.reason":      {"Reason", "原因"},
	"rma.return_to":   {"Send the parcel to", "寄回地址"},
	"rma.attn":        {"Attention", "收件人"},
	"rma.attn_value":  {"Returns desk, case %s", "售后部（售后单 %s）"},
	"rma.items":       {"Goods to send back", "寄回商品"},
	"rma.step1":       {"Pack the goods with their tags, accessories and original packaging; a tag removed or packaging thrown away may reduce the refund.", "请将商品连同吊牌、配件和原包装一起寄回；吊牌缺失或包装损毁可能影响退款。"},
	"rma.step2":       {"Write the case number %s and your order number %s on a note inside the parcel, and the case number on the outside.", "请在包裹内附纸条写明售后单号 %s 和订单号 %s，并在包裹外注明售后单号。"},
	"rma.step3":       {"Send it within %d days and keep the courier's receipt; tell us the tracking number.", "请在 %d 天内寄出并保留快递单据，寄出后告知我们快递单号。"},
	"rma.step4":       {"When the parcel arrives we check it and tell you the result.", "包裹到达后我们会进行验货，并通知您结果。"},
	"rma.postage":     {"Postage", "运费"},
	"rma.shop_pays":   {"The fault is ours: we pay the postage both ways. Send it freight collect, or keep the receipt and we refund it.", "问题由我方造成，往返运费由我方承担：可选择到付，或保留运费单据由我们退还。"},
	"rma.you_pay":     {"The return postage is yours to pay; please do not send it freight collect.", "退回运费由您承担，请勿选择到付。"},
	"rma.refund":      {"Refund", "退款"},
	"rma.refund_text": {"After inspection we refund what came back to the way you paid (%s).", "验货后，退款将按原支付方式（%s）退回。"},
	"rma.exchange":    {"Exchange", "换货"},
	"rma.exchange_to": {"After inspection we send you instead: %s.", "验货后我们将为您寄出：%s。"},
	"steps":           {"What to do", "寄回须知"},
}

func (l Lang) rma(key string, args ...any) string {
	w, ok := rmaWords[key]
	if !ok {
		return l.label(key)
	}
	s := w.in(l)
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// caseKindWords and caseReasonWords print a case's kind and reason.
var caseKindWords = map[app.CaseKind]wording{
	app.CaseReturnRefund:  {"Return and refund", "退货退款"},
	app.CaseExchange:      {"Exchange", "换货"},
	app.CaseResend:        {"Send again", "补发"},
	app.CasePartialRefund: {"Partial refund", "部分退款"},
	app.CaseUndeliverable: {"Undeliverable parcel", "无法投递退回"},
}

var caseReasonWords = map[app.CaseReason]wording{
	app.ReasonQuality:      {"Quality problem", "质量问题"},
	app.ReasonWrongItem:    {"Wrong item sent", "发错货"},
	app.ReasonDamaged:      {"Damaged in transit", "运输破损"},
	app.ReasonMissing:      {"Item missing", "少件漏发"},
	app.ReasonChangedMind:  {"Changed mind", "不想要了"},
	app.ReasonWrongSize:    {"Size or colour does not suit", "尺码或颜色不合适"},
	app.ReasonUndelivered:  {"Not delivered", "未能投递"},
	app.ReasonOtherProblem: {"Other", "其他"},
}

var caseStatusWords = map[app.CaseStatus]wording{
	app.CaseRequested: {"Requested", "待审核"},
	app.CaseApproved:  {"Approved", "已同意"},
	app.CaseReceived:  {"Goods received", "已收货验货"},
	app.CaseRejected:  {"Rejected", "已拒绝"},
	app.CaseClosed:    {"Closed", "已完结"},
}

var complaintWords = map[app.ComplaintCategory]wording{
	app.ComplaintQuality:   {"Product quality", "产品质量"},
	app.ComplaintLogistics: {"Logistics", "物流配送"},
	app.ComplaintAttitude:  {"Service attitude", "服务态度"},
	app.ComplaintWrong:     {"Wrong order", "错发漏发"},
}

func (l Lang) pick(w wording) string { return w.in(l) }

// NewRMALetter writes out a case's return authorisation in opt.Lang.
func NewRMALetter(shop app.Shop, c *app.Case, o *app.Order, opt RMAOptions) RMALetter {
	l := opt.Lang
	contacts := shopContacts(l, shop)
	v := RMALetter{
		Paper:   opt.Paper,
		Created: opt.Now,
		Letterhead: Letterhead{ShopName: shop.Name, Logo: shop.Logo,
			Lines: joinNonEmpty("\n", fullAddress(shop.Address), contacts)},
		Title: l.rma("rma.title"),
		Intro: l.rma("rma.intro"),
		Case: FactGroup{Title: l.rma("rma.case"), Facts: []Fact{
			{l.rma("rma.case_number"), c.Number},
			{l.label("order_number"), o.Number},
			{l.label("letter_date"), l.date(opt.Now)},
			{l.rma("rma.kind"), l.pick(caseKindWords[c.Kind])},
			{l.rma("rma.reason"), l.pick(caseReasonWords[c.Reason])},
		}},
		Customer: FactGroup{Title: l.label("customer"), Facts: []Fact{
			{l.label("customer_name"), o.CustomerName},
			{l.label("phone"), o.CustomerPhone},
		}},
		ReturnTo: FactGroup{Title: l.rma("rma.return_to"), Facts: []Fact{
			{l.rma("rma.attn"), l.rma("rma.attn_value", c.Number)},
			{l.label("address"), fullAddress(opt.ReturnTo)},
			{l.label("phone"), opt.ReturnPhone},
		}},
		ItemsTitle: l.rma("rma.items"),
		ItemHeads:  ItemRow{SKU: l.label("sku"), Product: l.label("product"), Spec: l.label("spec"), Qty: l.label("qty")},
		StepsTitle: l.rma("steps"),
		Footer:     joinNonEmpty(" · ", shop.Name, l.rma("rma.title")+" "+c.Number),
		PageLabel:  l.label("page"),
	}
	if opt.ReturnTo.OneLine() == "" {
		v.ReturnTo.Facts[1].Value = fullAddress(shop.Address)
	}
	if v.ReturnTo.Facts[2].Value == "" {
		v.ReturnTo.Facts[2].Value = shop.Phone
	}
	for _, line := range c.Lines {
		v.Items = append(v.Items, ItemRow{SKU: line.SKU, Product: line.Name, Spec: line.Spec, Qty: app.FormatCount(line.Qty)})
	}
	days := shop.Policy.ReturnWindowDays
	if days <= 0 {
		days = 7
	}
	v.Steps = []Fact{
		{"1.", l.rma("rma.step1")},
		{"2.", l.rma("rma.step2", c.Number, o.Number)},
		{"3.", l.rma("rma.step3", days)},
		{"4.", l.rma("rma.step4")},
	}
	postage := l.rma("rma.you_pay")
	if c.ShopPaysShipping {
		postage = l.rma("rma.shop_pays")
	}
	v.Notes = []Fact{{l.rma("rma.postage"), postage}}
	switch c.Kind {
	case app.CaseExchange:
		var goods []string
		for _, x := range c.Exchange {
			goods = append(goods, fmt.Sprintf("%s × %d", x.SKU, x.Qty))
		}
		v.Notes = append(v.Notes, Fact{l.rma("rma.exchange"), l.rma("rma.exchange_to", joinNonEmpty(", ", goods...))})
	default:
		v.Notes = append(v.Notes, Fact{l.rma("rma.refund"),
			l.rma("rma.refund_text", l.valueLabel("method", string(o.PaymentMethod)))})
	}
	return v
}

// WriteRMALetter prints the letter on one page where it fits.
func WriteRMALetter(w io.Writer, v RMALetter) error {
	pdf, err := newPDF(v.Paper, v.Created)
	if err != nil {
		return err
	}
	footer(pdf, v.Footer, v.PageLabel)
	pdf.AddPage()
	letterhead(pdf, v.Letterhead)
	title(pdf, v.Title)
	paragraph(pdf, v.Intro, 9.5)
	label := labelShare(pdf, v.Case.Facts, v.Customer.Facts, v.ReturnTo.Facts)
	facts(pdf, label, v.Case, v.Customer)
	pdf.Ln(3)
	heading(pdf, v.ReturnTo.Title)
	notes(pdf, v.ReturnTo.Facts)

	heading(pdf, v.ItemsTitle)
	pdf.SetFont(fontName, "", 9)
	// No money on a return form: the goods and how many.
	cols := []column{{head: v.ItemHeads.SKU, width: 0.22, align: "L"}, {head: v.ItemHeads.Product, width: 0.46, align: "L"},
		{head: v.ItemHeads.Spec, width: 0.2, align: "L"}, {head: v.ItemHeads.Qty, width: 0.12, align: "R"}}
	rows := make([]row, len(v.Items))
	for i, it := range v.Items {
		rows[i] = row{cells: []string{it.SKU, it.Product, it.Spec, it.Qty}}
	}
	table(pdf, cols, rows)
	pdf.Ln(2)

	heading(pdf, v.StepsTitle)
	facts(pdf, labelShare(pdf, v.Steps), FactGroup{Facts: v.Steps}, FactGroup{})
	pdf.Ln(2)
	notes(pdf, v.Notes)
	return finish(pdf, w)
}
