package reports

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/jung-kurt/gofpdf"

	"orderdesk/app"
)

// RMAOptions are the choices made when a case's letter is printed.
type RMAOptions struct {
	Lang  Lang
	Paper Paper
	Now   time.Time // the PDF's creation date; the letter's when Letter has none
	// Letter is the letter the case gets now and its date
	// (app.CaseLetterFor); zero: the return authorisation.
	Letter app.Letter
	// ReturnTo is where the goods go back to: the warehouse's address.
	ReturnTo    app.Address
	ReturnPhone string
}

// RMALetter is an after-sales case's letter as printed: that the
// request came, the return authorisation (what to send back, where, what
// to write in the parcel, and a slip to stick on it), the rejection and
// its reason, a decision that asks nothing back, or the goods' arrival.
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
	Notes          []Fact // postage and refund, a decision's reason: highlighted
	// Slip is the label to cut out and stick on the returned parcel: the
	// case's barcode, where it goes and from whom; nil: none.
	Slip *ReturnSlip

	Footer    string
	PageLabel string
}

// ReturnSlip is the cut-out label of a returned parcel.
type ReturnSlip struct {
	Cut           string // "Cut out and stick on the parcel"
	Heading       string // "RETURN 202611-R004"
	Code, Caption string // the barcode (the case number) and what is printed under it
	To, From      string // the blocks' labels
	ToLines       []string
	FromLines     []string
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

	"rma.intro_approved": {"We approved your after-sales request on %s. Please send the goods below back as described, so that we can settle it quickly.",
		"您的售后申请已于 %s 审核通过。请按以下说明寄回商品，以便我们尽快为您处理。"},
	"rma.step_slip": {"Cut out the slip at the foot of this letter, with our address, and stick it on the parcel: its barcode tells us at once whose parcel it is.",
		"请剪下本函底部印有寄回地址的标签贴在包裹外，我们扫码即可认出您的包裹。"},
	"rma.slip_cut":     {"Cut out and stick on the parcel", "沿虚线剪下，贴在包裹外"},
	"rma.slip_heading": {"RETURN %s", "退货 %s"},
	"rma.slip_order":   {"Case %s · order %s", "售后单 %s · 订单 %s"},

	"case.received_title": {"After-sales request received", "售后申请受理通知"},
	"case.received_intro": {"We received your request on %s and are looking into it; we will tell you our decision within one working day. Please keep the goods until then and do not send anything to us yet.",
		"我们已于 %s 收到您的售后申请，正在核实处理，将在 1 个工作日内告知结果。在此之前请保留商品，暂勿寄出。"},
	"case.asked": {"Goods in your request", "申请涉及的商品"},
	"case.next":  {"What happens next", "后续安排"},
	"case.next_txt": {"Our decision follows by phone or e-mail; if it asks for the goods, a return authorisation tells you how to send them.",
		"处理结果将通过电话或邮件通知您；如需寄回商品，我们会另行寄送退货说明。"},

	"case.rejected_title": {"Decision on your after-sales request", "售后申请处理结果"},
	"case.rejected_intro": {"We have looked into your request carefully. On %s we decided that we cannot agree to it, for the reason below. The goods stay with you.",
		"我们已认真核实您的申请，于 %s 决定不予受理，原因如下。商品仍由您保留。"},
	"case.decision":    {"Decision", "处理结果"},
	"case.rejected":    {"Rejected", "不予受理"},
	"case.because":     {"Our reason", "不予受理原因"},
	"case.your_reason": {"You asked because", "申请原因"},
	"case.questions": {"If you see it differently, reply to this letter or call us and quote the case number.",
		"如有异议，请回复本函或来电，并提供售后单号。"},

	"case.decided_title": {"After-sales decision", "售后处理结果"},
	"case.resend_intro": {"On %s we decided to send you the goods below again, free of charge. You do not need to return anything.",
		"我们已于 %s 决定为您免费补发以下商品，您无需寄回任何物品。"},
	"case.resend_items": {"Goods we send again", "补发商品"},
	"case.resend_order": {"Sent with order", "补发订单"},
	"case.partial_intro": {"On %s we agreed to pay you %s back. Keep the goods: you do not need to return anything.",
		"我们已于 %s 同意向您退还 %s，商品由您保留，无需寄回。"},
	"case.partial_how":  {"Payment", "退款方式"},
	"case.partial_text": {"%s goes back the way you paid (%s).", "%s 将按原支付方式（%s）退回。"},
	"case.items_about":  {"Goods concerned", "涉及商品"},

	"case.arrived_title": {"Returned goods received", "退回商品签收通知"},
	"case.arrived_intro": {"Your parcel for case %s arrived on %s and we have checked the goods.",
		"售后单 %s 的退回包裹已于 %s 签收，我们已完成验货。"},
	"case.arrived_items": {"Goods received", "收到的商品"},
	"case.pay_back":      {"%s goes back the way you paid (%s).", "%s 将按原支付方式（%s）退回。"},
	"case.nothing_back":  {"Nothing is owed back on this case.", "本售后单无需退款。"},
}

// rma is a case letter's own word in l, with its blanks filled.
func (l Lang) rma(key string, args ...any) string { return l.from(rmaWords, key, args...) }

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

// NewRMALetter writes out the letter a case gets (opt.Letter) in
// opt.Lang.
func NewRMALetter(shop app.Shop, c *app.Case, o *app.Order, opt RMAOptions) RMALetter {
	l := opt.Lang
	dated := opt.Letter.Date
	if dated.IsZero() {
		dated = opt.Now
	}
	dated = dated.In(opt.Now.Location())
	reader := o.Address.Country
	contacts := shopContactsFor(l, shop, reader)
	v := RMALetter{
		Paper:   opt.Paper,
		Created: opt.Now,
		Letterhead: Letterhead{ShopName: shop.Name, Logo: shop.Logo,
			Lines: joinNonEmpty("\n", postalLine(shop.Address, l, reader), contacts)},
		Case: FactGroup{Title: l.rma("rma.case"), Facts: []Fact{
			{l.rma("rma.case_number"), c.Number},
			{l.label("order_number"), o.Number},
			{l.label("letter_date"), l.date(dated)},
			{l.rma("rma.kind"), l.pick(caseKindWords[c.Kind])},
			{l.rma("rma.reason"), l.pick(caseReasonWords[c.Reason])},
		}},
		Customer: FactGroup{Title: l.label("customer"), Facts: []Fact{
			{l.label("customer_name"), o.CustomerName},
			{l.label("phone"), o.CustomerPhone},
		}},
		ItemHeads: ItemRow{SKU: l.label("sku"), Product: l.label("product"), Spec: l.label("spec"), Qty: l.label("qty")},
		PageLabel: l.label("page"),
	}
	for _, line := range c.Lines {
		qty := line.Qty
		if opt.Letter.Kind == app.LetterReturnedReceived {
			qty = line.QtyReceived
		}
		v.Items = append(v.Items, ItemRow{SKU: line.SKU, Product: productName(l, line.Name, altNameOf(o, line.LineID)),
			Spec: specIn(l, line.Spec), Qty: app.FormatCount(qty)})
	}
	switch opt.Letter.Kind {
	case app.LetterCaseReceived:
		v.Title, v.Intro, v.ItemsTitle = l.rma("case.received_title"), l.rma("case.received_intro", l.date(dated)), l.rma("case.asked")
		v.Notes = []Fact{{l.rma("case.next"), l.rma("case.next_txt")}}
	case app.LetterCaseRejected:
		// Nothing here may read as if anything were agreed or paid: not
		// even the kind of request ("return and refund").
		v.Case.Facts = slices.Delete(v.Case.Facts, 3, 4)
		v.Case.Facts[3].Label = l.rma("case.your_reason")
		v.Title, v.Intro, v.ItemsTitle = l.rma("case.rejected_title"), l.rma("case.rejected_intro", l.date(dated)), l.rma("case.items_about")
		v.Notes = []Fact{{l.rma("case.decision"), l.rma("case.rejected")}, {l.rma("case.because"), c.DecisionNote}}
		v.StepsTitle, v.Steps = "", nil
		v.Intro += " " + l.rma("case.questions")
	case app.LetterNothingToReturn:
		v.Title = l.rma("case.decided_title")
		if c.Kind == app.CaseResend {
			v.Intro, v.ItemsTitle = l.rma("case.resend_intro", l.date(dated)), l.rma("case.resend_items")
		} else {
			amount := shop.Currency.Format(c.RefundAmount)
			v.Intro, v.ItemsTitle = l.rma("case.partial_intro", l.date(dated), amount), l.rma("case.items_about")
			v.Notes = []Fact{{l.rma("case.partial_how"),
				l.rma("case.partial_text", amount, l.valueLabel("method", string(o.PaymentMethod)))}}
		}
	case app.LetterReturnedReceived:
		v.Title = l.rma("case.arrived_title")
		v.Intro, v.ItemsTitle = l.rma("case.arrived_intro", c.Number, l.date(dated)), l.rma("case.arrived_items")
		settle := l.rma("case.nothing_back")
		if owed := c.RefundAmount - c.Refunded; owed > 0 {
			settle = l.rma("case.pay_back", shop.Currency.Format(owed), l.valueLabel("method", string(o.PaymentMethod)))
		} else if c.Refunded > 0 {
			settle = l.letter("cancel.refunded", shop.Currency.Format(c.Refunded))
		}
		v.Notes = []Fact{{l.rma("rma.refund"), settle}}
		if c.Kind == app.CaseExchange {
			v.Notes = append(v.Notes, Fact{l.rma("rma.exchange"), l.rma("rma.exchange_to", exchangeGoods(c))})
		}
	default:
		returnAuthorisation(&v, l, shop, c, o, opt, dated)
	}
	v.Footer = joinNonEmpty(" · ", shop.Name, v.Title+" "+c.Number)
	return v
}

// returnAuthorisation fills in how to send the goods back: where, how to
// pack and mark them, who pays the postage, what follows, and the slip
// to stick on the parcel.
func returnAuthorisation(v *RMALetter, l Lang, shop app.Shop, c *app.Case, o *app.Order, opt RMAOptions, dated time.Time) {
	reader := o.Address.Country
	returnTo, phone := opt.ReturnTo, opt.ReturnPhone
	if returnTo.OneLine() == "" {
		returnTo = shop.Address
	}
	if phone == "" {
		phone = shop.Phone
	}
	phone = senderPhone(phone, shopCountry(shop), reader)
	address := PostalAddress(returnTo, l, reader)
	v.Title = l.rma("rma.title")
	v.Intro = l.rma("rma.intro_approved", l.date(dated))
	v.ItemsTitle = l.rma("rma.items")
	// Where the parcel goes is on the slip, which the customer sticks on
	// it: written once, it cannot be copied wrong.
	days := shop.Policy.ReturnWindowDays
	if days <= 0 {
		days = 7
	}
	v.StepsTitle = l.rma("steps")
	v.Steps = []Fact{
		{"1.", l.rma("rma.step1")},
		{"2.", l.rma("rma.step2", c.Number, o.Number)},
		{"3.", l.rma("rma.step_slip")},
		{"4.", l.rma("rma.step3", days)},
		{"5.", l.rma("rma.step4")},
	}
	postage := l.rma("rma.you_pay")
	if c.ShopPaysShipping {
		postage = l.rma("rma.shop_pays")
	}
	v.Notes = []Fact{{l.rma("rma.postage"), postage}}
	switch c.Kind {
	case app.CaseExchange:
		v.Notes = append(v.Notes, Fact{l.rma("rma.exchange"), l.rma("rma.exchange_to", exchangeGoods(c))})
	default:
		v.Notes = append(v.Notes, Fact{l.rma("rma.refund"),
			l.rma("rma.refund_text", l.valueLabel("method", string(o.PaymentMethod)))})
	}
	v.Slip = &ReturnSlip{
		Cut:     l.rma("rma.slip_cut"),
		Heading: l.rma("rma.slip_heading", c.Number),
		Code:    c.Number,
		Caption: l.rma("rma.slip_order", c.Number, o.Number),
		To:      l.rma("rma.return_to"), From: l.label("label.from"),
		ToLines:   append([]string{shop.Name, l.rma("rma.attn_value", c.Number)}, append(address, phone)...),
		FromLines: append([]string{joinNonEmpty("  ", o.CustomerName, o.CustomerPhone)}, PostalAddress(o.Address, l, "")...),
	}
}

// exchangeGoods lists what an exchange sends out instead.
func exchangeGoods(c *app.Case) string {
	var goods []string
	for _, x := range c.Exchange {
		goods = append(goods, fmt.Sprintf("%s × %d", x.SKU, x.Qty))
	}
	return joinNonEmpty(", ", goods...)
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
	if len(v.ReturnTo.Facts) > 0 {
		heading(pdf, v.ReturnTo.Title)
		notes(pdf, v.ReturnTo.Facts)
	}

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

	if len(v.Steps) > 0 {
		heading(pdf, v.StepsTitle)
		facts(pdf, labelShare(pdf, v.Steps), FactGroup{Facts: v.Steps}, FactGroup{})
		pdf.Ln(2)
	}
	notes(pdf, v.Notes)
	if v.Slip != nil {
		returnSlip(pdf, *v.Slip)
	}
	return finish(pdf, w)
}

// returnSlip draws the label to cut out inside a dashed frame at the foot
// of the page (on the next when it does not fit): the case's barcode at
// the left, where the parcel goes and from whom at the right.
func returnSlip(pdf *gofpdf.Fpdf, s ReturnSlip) {
	const height, pad = 62.0, 4.0
	keepTogether(pdf, height+8)
	l, w := leftEdge(pdf), bodyWidth(pdf)
	top := max(pdf.GetY()+2, pageBottom(pdf)-height-1)
	pdf.SetFont(fontName, "", 8)
	textColor(pdf, grey)
	pdf.SetXY(l, top-5)
	pdf.CellFormat(w, 4, s.Cut, "", 0, "L", false, 0, "")
	drawColor(pdf, grey)
	pdf.SetLineWidth(0.3)
	pdf.SetDashPattern([]float64{2, 1.5}, 0)
	pdf.Rect(l, top, w, height, "D")
	pdf.SetDashPattern(nil, 0)
	textColor(pdf, black)

	codeWidth := w * 0.42
	pdf.SetFont(fontName, "", 15)
	pdf.SetXY(l+pad, top+pad)
	pdf.CellFormat(codeWidth, 8, firstLine(pdf, s.Heading, codeWidth), "", 0, "L", false, 0, "")
	barcodeWithText(pdf, s.Code, s.Caption, l+pad, top+pad+11, codeWidth, 22, 0.5, 8.5)

	x := l + pad + codeWidth + 6
	width := l + w - pad - x
	y := top + pad
	block := func(label string, lines []string, size float64, max int) {
		pdf.SetFont(fontName, "", 7.5)
		textColor(pdf, grey)
		pdf.SetXY(x, y)
		pdf.CellFormat(width, 3.5, label, "", 0, "L", false, 0, "")
		textColor(pdf, black)
		y += 4
		pdf.SetFont(fontName, "", size)
		lh := size * 0.3528 * 1.3
		n := 0
		for _, line := range lines {
			for _, part := range wrap(pdf, line, width) {
				if n == max {
					return
				}
				pdf.SetXY(x, y)
				pdf.CellFormat(width, lh, part, "", 0, "L", false, 0, "")
				y += lh
				n++
			}
		}
	}
	block(s.To, s.ToLines, 10.5, 6)
	y += 2
	block(s.From, s.FromLines, 8.5, 4)
	pdf.SetXY(l, top+height+2)
}
