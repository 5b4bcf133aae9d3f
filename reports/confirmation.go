package reports

import (
	"io"
	"slices"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"orderdesk/app"
)

// LetterOptions are the choices made when a confirmation letter is
// printed rather than facts of the order.
type LetterOptions struct {
	Lang         Lang
	Paper        Paper
	Now          time.Time // the PDF's creation date; the letter's date when Letter has none
	ExpectedShip time.Time // zero: not printed
	// Letter is the letter the order gets now and its date
	// (app.OrderLetterFor): a confirmation or a cancellation notice.
	Letter app.Letter
	// PaymentTermDays are the customer's credit terms, for an order on
	// account.
	PaymentTermDays int
}

// ConfirmationLetter is the order confirmation letter, or the
// notice of its cancellation, as it is printed: every label and value
// already written out.
type ConfirmationLetter struct {
	Paper   Paper
	Created time.Time

	Letterhead Letterhead
	Title      string
	Intro      string

	Order, Customer FactGroup // side by side
	DeliverTo       FactGroup // recipient and phone, side by side
	Address         Fact      // across the page: it can be long
	Delivery        []Fact    // dates, urgency, time slot; two to a line

	ItemsTitle string
	ItemHeads  ItemRow
	Items      []ItemRow

	Sums    []Fact // goods, shipping, order discount
	Payable Fact
	Payment []Fact // method, status, paid, outstanding: beside the sums

	// HowToPay is the reference to quote and the shop's bank account,
	// under its title, with the shop's instructions, for an order on
	// account (whose terms and due date join Payment) or by transfer; no
	// facts: none.
	HowToPay     FactGroup
	Instructions string

	Notes     []Fact // special requests, a cancellation's reason: highlighted
	ContactUs string

	Confirmation *SignatureBlock // dealers only: nil prints none
	Footer       string
	PageLabel    string // "Page {n} of {total}"
}

// ItemRow is one line of the letter's items table.
type ItemRow struct {
	SKU, Product, Spec, Qty, UnitPrice, Discount, Subtotal string
}

func (r ItemRow) cells() []string {
	return []string{r.SKU, r.Product, r.Spec, r.Qty, r.UnitPrice, r.Discount, r.Subtotal}
}

// letterWords are the words of the letters that are not the confirmation's.
var letterWords = map[string]wording{
	"cancel.title": {"Order cancellation notice", "订单取消通知"},
	"cancel.intro": {"We are sorry: your order %s was cancelled on %s. Nothing will be sent, and nothing more is owed on it.",
		"很抱歉，您的订单 %s 已于 %s 取消。我们不会发货，您也无需再为此订单付款。"},
	"cancel.reason":      {"Reason", "取消原因"},
	"cancel.refund":      {"Refund", "退款"},
	"cancel.refund_due":  {"The %s you paid is being paid back the way you paid (%s).", "您已付的 %s 将按原支付方式（%s）退回。"},
	"cancel.refunded":    {"The %s you paid has been paid back.", "您已付的 %s 已退回。"},
	"cancel.total":       {"Order total (cancelled)", "订单金额（已取消）"},
	"pay.title":          {"How to pay", "付款方式"},
	"pay.terms":          {"Payment terms", "账期"},
	"pay.terms_days":     {"net %d days", "%d 天账期"},
	"pay.due":            {"Due date", "付款截止日"},
	"pay.reference":      {"Payment reference", "付款附言"},
	"pay.account_holder": {"Account holder", "户名"},
	"pay.bank_name":      {"Bank", "开户行"},
	"pay.account":        {"Account number", "账号"},
	"pay.swift":          {"SWIFT/BIC", "SWIFT/BIC"},
}

// letter is a letter's own word in l, with its blanks filled.
func (l Lang) letter(key string, args ...any) string { return l.from(letterWords, key, args...) }

// NewConfirmationLetter writes out the order's letter in opt.Lang: its
// confirmation, or its cancellation notice when opt.Letter says so.
// Moments (when the order was placed) print in opt.Now's time zone;
// calendar dates (promised delivery) print as they are.
func NewConfirmationLetter(shop app.Shop, o *app.Order, opt LetterOptions) ConfirmationLetter {
	l := opt.Lang
	cur := shop.Currency
	money := cur.Format
	// A discount prints as the amount it takes off; nothing when none.
	minus := func(m app.Money) string {
		if m == 0 {
			return ""
		}
		return cur.Format(-m)
	}
	unlessZero := func(m app.Money) string {
		if m == 0 {
			return ""
		}
		return cur.Format(m)
	}
	dated := opt.Letter.Date
	if dated.IsZero() {
		dated = opt.Now
	}
	dated = dated.In(opt.Now.Location())
	reader := o.Address.Country
	contacts := shopContactsFor(l, shop, reader)
	v := ConfirmationLetter{
		Paper:   opt.Paper,
		Created: opt.Now,
		Letterhead: Letterhead{ShopName: shop.Name, Logo: shop.Logo,
			Lines: joinNonEmpty("\n", postalLine(shop.Address, l, reader),
				joinNonEmpty(" · ", contacts, labelled(l, "tax_id", shop.TaxID)))},
		Title: l.label("confirmation.title"),
		Intro: l.label("confirmation.intro"),
		Order: FactGroup{Title: l.label("order"), Facts: []Fact{
			{l.label("order_number"), o.Number},
			{l.label("letter_date"), l.date(dated)},
			{l.label("ordered_at"), l.dateTime(o.OrderedAt.In(opt.Now.Location()))},
			{l.label("channel"), l.valueLabel("channel", string(o.Channel))},
			{l.label("platform_order"), o.PlatformOrderID},
		}},
		Customer: FactGroup{Title: l.label("customer"), Facts: []Fact{
			{l.label("customer_name"), o.CustomerName},
			{l.label("contact"), o.Contact},
			{l.label("phone"), o.CustomerPhone},
			{l.label("invoice"), invoiceText(l, o.Invoice)},
		}},
		DeliverTo: FactGroup{Title: l.label("deliver_to"), Facts: []Fact{
			{l.label("recipient"), o.RecipientName},
			{l.label("phone"), o.RecipientPhone},
		}},
		Address: Fact{l.label("address"), postalLine(o.Address, l, shopCountry(shop))},
		Delivery: []Fact{
			{l.label("expected_ship"), l.date(opt.ExpectedShip)},
			{l.label("expected_arrive"), l.date(o.Delivery.ExpectedDate)},
			{l.label("urgency"), l.valueLabel("urgency", string(o.Delivery.Urgency))},
			{l.label("time_slot"), o.Delivery.TimeSlot},
		},
		ItemsTitle: l.label("items"),
		ItemHeads: ItemRow{l.label("sku"), l.label("product"), l.label("spec"), l.label("qty"),
			l.label("unit_price"), l.label("discount"), l.label("subtotal")},
		Sums: []Fact{
			{l.label("goods"), money(o.GoodsTotal)},
			{l.label("shipping"), money(o.ShippingFee)},
			{orderDiscountLabel(l, o.CouponCode), minus(o.OrderDiscount)},
		},
		Payable: Fact{l.label("total"), money(o.Payable)},
		Payment: []Fact{
			{l.label("payment_method"), l.valueLabel("method", string(o.PaymentMethod))},
			{l.label("payment_status"), l.valueLabel("payment", string(o.PaymentStatus))},
			{l.label("paid"), money(o.AmountPaid)},
			{l.label("refunded"), unlessZero(o.AmountRefunded)},
			{l.label("outstanding"), money(o.Outstanding())},
		},
		Notes: []Fact{
			{l.label("special_request"), o.SpecialRequest},
		},
		Footer:    joinNonEmpty(" · ", shop.Name, l.label("confirmation.title")+" "+o.Number),
		PageLabel: l.label("page"),
	}
	if contacts != "" {
		v.ContactUs = l.label("contact_us") + contacts
	}
	for _, line := range o.Lines {
		qty := app.FormatCount(line.Qty)
		if unit := unitIn(l, line.Unit); unit != "" {
			qty += " " + unit
		}
		v.Items = append(v.Items, ItemRow{SKU: line.SKU, Product: lineName(l, line), Spec: specIn(l, line.Spec), Qty: qty,
			UnitPrice: money(line.UnitPrice), Discount: minus(line.Discount), Subtotal: money(line.Subtotal())})
	}
	if opt.Letter.Kind == app.LetterCancellation {
		cancellation(&v, l, shop, o, dated)
		return v
	}
	if o.CustomerKind == app.CustomerDealer {
		v.Confirmation = &SignatureBlock{
			Title: l.label("confirm.title"), Note: l.label("confirm.note"), Text: l.label("confirm.text"),
			Signature: l.label("signature"), Date: l.label("date"), Seal: l.label("seal"),
		}
	}
	howToPay(&v, l, shop, o, opt.PaymentTermDays)
	return v
}

// bankLine is the shop's bank account on one line, with its
// instructions: "Account holder X · Bank Y · Account number Z · SWIFT/BIC W".
func bankLine(l Lang, b app.BankDetails) string {
	part := func(key, value string) string {
		if value == "" {
			return ""
		}
		return l.letter(key) + " " + value
	}
	return joinNonEmpty(" · ", part("pay.account_holder", b.AccountHolder), part("pay.bank_name", b.BankName),
		part("pay.account", b.Account), part("pay.swift", b.SWIFT), b.Instructions)
}

// cancellation turns the letter into the notice that the order is off:
// when and why, and what happens to money paid; no delivery, nothing to
// sign or pay.
func cancellation(v *ConfirmationLetter, l Lang, shop app.Shop, o *app.Order, dated time.Time) {
	cur := shop.Currency
	v.Title = l.letter("cancel.title")
	v.Intro = l.letter("cancel.intro", o.Number, l.date(dated))
	v.Footer = joinNonEmpty(" · ", shop.Name, v.Title+" "+o.Number)
	v.Delivery, v.DeliverTo.Facts = nil, nil
	v.Payable.Label = l.letter("cancel.total")
	v.Payment = []Fact{{l.label("payment_method"), l.valueLabel("method", string(o.PaymentMethod))}}
	refund := ""
	if back := o.AmountPaid - o.AmountRefunded; back > 0 {
		refund = l.letter("cancel.refund_due", cur.Format(back), l.valueLabel("method", string(o.PaymentMethod)))
	} else if o.AmountRefunded > 0 {
		refund = l.letter("cancel.refunded", cur.Format(o.AmountRefunded))
	}
	v.Notes = []Fact{{l.letter("cancel.reason"), o.CancelReason}, {l.letter("cancel.refund"), refund}}
}

// howToPay adds, for an order paid on account or by transfer that still
// asks money, when it is due, on what terms, and the shop's bank account.
func howToPay(v *ConfirmationLetter, l Lang, shop app.Shop, o *app.Order, termDays int) {
	onAccount := o.PaymentMethod == app.PayCredit
	if !onAccount && (o.PaymentMethod != app.PayBank || o.Outstanding() <= 0) {
		return
	}
	terms := ""
	if onAccount && termDays > 0 {
		terms = l.letter("pay.terms_days", termDays)
	}
	due := ""
	if onAccount {
		due = l.date(o.DueDate)
	}
	b := shop.Bank
	// The terms and the day go with the money, beside the sums, where they
	// say more than the payment status they replace.
	if onAccount {
		v.Payment = slices.DeleteFunc(v.Payment, func(f Fact) bool { return f.Label == l.label("payment_status") })
	}
	v.Payment = append(v.Payment, filled([]Fact{{l.letter("pay.terms"), terms}, {l.letter("pay.due"), due}})...)
	v.HowToPay = FactGroup{Title: l.letter("pay.title"), Facts: filled([]Fact{
		{l.letter("pay.reference"), o.Number},
		{l.letter("pay.account_holder"), b.AccountHolder},
		{l.letter("pay.bank_name"), b.BankName},
		{l.letter("pay.account"), b.Account},
		{l.letter("pay.swift"), b.SWIFT},
	})}
	v.Instructions = b.Instructions
}

// shopContactsFor is the shop's phone and e-mail, each with its label,
// for a reader in country: the phone as they dial it from there (+86 …).
func shopContactsFor(l Lang, shop app.Shop, country string) string {
	return joinNonEmpty(" · ", labelled(l, "phone", senderPhone(shop.Phone, shopCountry(shop), country)),
		labelled(l, "email", shop.Email))
}

// shopCountry is where the shop sends from.
func shopCountry(shop app.Shop) string {
	if shop.Address.Country != "" {
		return shop.Address.Country
	}
	return shop.Country
}

// unitIn is a line's unit in l: a Chinese unit (罐, 盒) says nothing to an
// English reader, so an English document gives the count alone.
func unitIn(l Lang, unit string) string {
	if !l.chinese() && hasHan(unit) {
		return ""
	}
	return l.script(unit)
}

// specIn is a line's spec in l's script.
func specIn(l Lang, spec string) string { return l.script(spec) }

// labelled is "Phone 0571-88001234", or nothing when there is no value.
func labelled(l Lang, key, value string) string {
	if value == "" {
		return ""
	}
	return l.label(key) + " " + value
}

func orderDiscountLabel(l Lang, coupon string) string {
	if coupon == "" {
		return l.label("order_discount")
	}
	if l.chinese() {
		return l.label("order_discount") + "（" + l.label("coupon") + " " + coupon + "）"
	}
	return l.label("order_discount") + " (" + l.label("coupon") + " " + coupon + ")"
}

// invoiceText is the invoice the customer asked for: its kind, who it is
// made out to and their tax id.
func invoiceText(l Lang, r app.InvoiceRequest) string {
	if !r.Wanted() {
		return ""
	}
	// One part a line, the label apart from a value that can be long:
	// the letter prints it in a narrow column.
	return joinNonEmpty("\n", l.valueLabel("invoice", string(r.Type)),
		labelled(l, "invoice_title", r.Title), labelled(l, "tax_id", r.TaxID))
}

func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}

// WriteConfirmationLetter prints the letter. What closes it (the sums,
// how to pay, the notes, the contact line and the box to sign) is measured
// first and goes to a new page as one when it does not fit under the
// items: the box to sign never stands alone on a page.
func WriteConfirmationLetter(w io.Writer, v ConfirmationLetter) error {
	pdf, err := newPDF(v.Paper, v.Created)
	if err != nil {
		return err
	}
	footer(pdf, v.Footer, v.PageLabel)
	pdf.AddPage()
	letterhead(pdf, v.Letterhead)
	title(pdf, v.Title)
	paragraph(pdf, v.Intro, 9.5)
	label := labelShare(pdf, v.Order.Facts, v.Customer.Facts, v.DeliverTo.Facts, []Fact{v.Address}, v.Delivery, v.Payment)
	// Three columns: what was ordered and when it comes, who ordered, and
	// where it goes.
	// The dates go with the order, how it comes with where it goes.
	var dates, how []Fact
	if len(v.Delivery) >= 2 {
		dates, how = v.Delivery[:2], v.Delivery[2:]
	}
	order := FactGroup{Title: v.Order.Title, Facts: append(slices.Clone(v.Order.Facts), dates...)}
	deliverTo := FactGroup{Title: v.DeliverTo.Title, Facts: append(slices.Clone(v.DeliverTo.Facts), how...)}
	// An address of more than three lines there goes across the page.
	across := len(wrapInColumn(pdf, deliverTo, 2, v.Address)) > 3
	if !across {
		deliverTo.Facts = slices.Insert(deliverTo.Facts, len(v.DeliverTo.Facts), v.Address)
	}
	factColumns(pdf, order, v.Customer, deliverTo)
	if across {
		facts(pdf, label, FactGroup{Facts: []Fact{v.Address}}, FactGroup{})
	}
	pdf.Ln(3)

	heading(pdf, v.ItemsTitle)
	pdf.SetFont(fontName, "", 9)
	cols, pick := itemColumns(pdf, v.ItemHeads, v.Items)
	rows := make([]row, len(v.Items))
	for i, it := range v.Items {
		rows[i] = row{cells: pick(it.cells())}
	}
	table(pdf, cols, rows)

	keepTogether(pdf, closingHeight(pdf, label, v))
	totals(pdf, label, v.Sums, v.Payable, v.Payment)
	notes(pdf, v.Notes)
	paragraph(pdf, v.ContactUs, 9.5)
	payAndSign(pdf, v)
	return finish(pdf, w)
}

// payAndSign writes how to pay and the box to sign side by side, each
// across the page when the letter has only one of them.
func payAndSign(pdf *gofpdf.Fpdf, v ConfirmationLetter) {
	pay, sign := len(v.HowToPay.Facts) > 0, v.Confirmation != nil
	if !pay && !sign {
		return
	}
	l, w := leftEdge(pdf), bodyWidth(pdf)
	payWidth, signWidth := w, w
	if pay && sign {
		payWidth, signWidth = w*0.46, w*0.51
	}
	keepTogether(pdf, payAndSignHeight(pdf, v))
	pdf.Ln(2)
	top, foot := pdf.GetY(), pdf.GetY()
	if pay {
		foot = payBlockAt(pdf, v, l, payWidth)
	}
	if sign {
		pdf.SetY(top)
		foot = max(foot, signatureAt(pdf, *v.Confirmation, l+w-signWidth, signWidth))
	}
	pdf.SetXY(l, foot+4)
}

// payBlockAt writes how to pay at x, width wide, from the current y, and
// returns its foot.
func payBlockAt(pdf *gofpdf.Fpdf, v ConfirmationLetter, x, width float64) float64 {
	top := pdf.GetY()
	pdf.SetFont(fontName, "", 10.5)
	textColor(pdf, titleColor)
	drawColor(pdf, titleColor)
	pdf.SetLineWidth(0.25)
	pdf.SetXY(x, top)
	pdf.CellFormat(width, 6, firstLine(pdf, v.HowToPay.Title, width), "", 0, "L", false, 0, "")
	pdf.Line(x, top+6.3, x+width, top+6.3)
	textColor(pdf, black)
	pdf.SetXY(x, top+7.5)
	share := payLabelShare(pdf, v.HowToPay.Facts, width)
	g := newGrid(pdf, []column{{width: share, align: "L", muted: true}, {width: 1 - share, align: "L"}}, x, width)
	g.padY = 0.45
	for _, f := range v.HowToPay.Facts {
		g.writeRow([]string{f.Label, f.Value}, nil)
	}
	if v.Instructions != "" {
		pdf.SetFont(fontName, "", 9)
		pdf.SetXY(x+cellPadX, pdf.GetY()+1)
		text(pdf, v.Instructions, width-2*cellPadX, lineHeight(pdf), "L")
	}
	return pdf.GetY()
}

// payLabelShare is the share of the pay block's width its labels take.
func payLabelShare(pdf *gofpdf.Fpdf, facts []Fact, width float64) float64 {
	pdf.SetFont(fontName, "", factSize)
	widest := 0.0
	for _, f := range facts {
		widest = max(widest, pdf.GetStringWidth(printable(f.Label)))
	}
	return min((widest+2*cellPadX+1)/width, 0.45)
}

// payBlockHeight is payBlockAt's height.
func payBlockHeight(pdf *gofpdf.Fpdf, v ConfirmationLetter, width float64) float64 {
	if len(v.HowToPay.Facts) == 0 {
		return 0
	}
	share := payLabelShare(pdf, v.HowToPay.Facts, width)
	pdf.SetFont(fontName, "", factSize)
	lh := lineHeight(pdf)
	h := 7.5
	for _, f := range v.HowToPay.Facts {
		h += float64(max(len(wrap(pdf, f.Value, (1-share)*width-2*cellPadX)), 1))*lh + 0.9
	}
	if v.Instructions != "" {
		pdf.SetFont(fontName, "", 9)
		h += 1 + float64(len(wrap(pdf, v.Instructions, width-2*cellPadX)))*lineHeight(pdf)
	}
	return h
}

// payAndSignHeight is payAndSign's height.
func payAndSignHeight(pdf *gofpdf.Fpdf, v ConfirmationLetter) float64 {
	w := bodyWidth(pdf)
	switch pay, sign := len(v.HowToPay.Facts) > 0, v.Confirmation != nil; {
	case pay && sign:
		return 2 + max(payBlockHeight(pdf, v, w*0.46), measureSignature(pdf, *v.Confirmation, w*0.51).height) + 4
	case pay:
		return 2 + payBlockHeight(pdf, v, w) + 4
	case sign:
		return 2 + measureSignature(pdf, *v.Confirmation, w).height + 4
	}
	return 0
}

// closingHeight is how tall what follows the items is, drawn as
// WriteConfirmationLetter draws it.
func closingHeight(pdf *gofpdf.Fpdf, label float64, v ConfirmationLetter) float64 {
	return totalsHeight(pdf, v.Sums, v.Payment) + notesHeight(pdf, v.Notes) + paragraphHeight(pdf, v.ContactUs, 9.5) +
		payAndSignHeight(pdf, v)
}

// itemColumns sizes the items table to what it holds: SKU, quantity and
// money as wide as their widest entry, so that no amount wraps; spec and
// discount only when some line has one; the product name takes the rest.
// pick keeps a row's cells of the columns shown. Call it with the
// table's font set.
func itemColumns(pdf *gofpdf.Fpdf, heads ItemRow, items []ItemRow) (cols []column, pick func([]string) []string) {
	const product = 1
	aligns := []string{"L", "L", "L", "R", "R", "R", "R"}
	// The most of the width a column sized to its text may take; SKU and
	// spec wrap past it, and the product name gets what is left.
	caps := []float64{0.18, 1, 0.18, 0.14, 0.17, 0.17, 0.19}
	optional := []bool{false, false, true, false, false, true, false}
	body := bodyWidth(pdf)
	headCells := heads.cells()
	widest := make([]float64, len(headCells))
	shown := make([]bool, len(headCells))
	for i, h := range headCells {
		widest[i] = pdf.GetStringWidth(printable(h))
		shown[i] = !optional[i]
	}
	for _, it := range items {
		for i, c := range it.cells() {
			widest[i] = max(widest[i], pdf.GetStringWidth(printable(c)))
			shown[i] = shown[i] || c != ""
		}
	}
	var keep []int
	taken := 0.0
	for i := range headCells {
		if !shown[i] {
			continue
		}
		keep = append(keep, i)
		share := 0.0
		if i != product {
			share = min((widest[i]+2*cellPadX+1.5)/body, caps[i])
			taken += share
		}
		cols = append(cols, column{head: headCells[i], width: share, align: aligns[i]})
	}
	// The SKU is always shown, so the product name is the second column.
	cols[product].width = max(1-taken, 0.22)
	// Should the columns need more than the width, all give way alike.
	if total := taken + cols[product].width; total > 1 {
		for i := range cols {
			cols[i].width /= total
		}
	}
	pick = func(cells []string) []string {
		out := make([]string, len(keep))
		for i, k := range keep {
			out[i] = cells[k]
		}
		return out
	}
	return cols, pick
}
