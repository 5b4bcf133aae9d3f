package reports

import (
	"io"
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
	Now          time.Time // the letter's date and the PDF's creation date
	ExpectedShip time.Time // zero: not printed
}

// ConfirmationLetter is the order confirmation letter as it is
// printed: every label and value already written out.
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

	Notes     []Fact // special requests, invoice: highlighted
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

// NewConfirmationLetter writes out the order's confirmation letter in
// opt.Lang. Moments (when the order was placed) print in opt.Now's time
// zone; calendar dates (promised delivery) print as they are.
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
	contacts := shopContacts(l, shop)
	v := ConfirmationLetter{
		Paper:   opt.Paper,
		Created: opt.Now,
		Letterhead: Letterhead{ShopName: shop.Name, Logo: shop.Logo,
			Lines: joinNonEmpty("\n", fullAddress(shop.Address),
				joinNonEmpty(" · ", contacts, labelled(l, "tax_id", shop.TaxID)))},
		Title: l.label("confirmation.title"),
		Intro: l.label("confirmation.intro"),
		Order: FactGroup{Title: l.label("order"), Facts: []Fact{
			{l.label("order_number"), o.Number},
			{l.label("letter_date"), l.date(opt.Now)},
			{l.label("ordered_at"), l.dateTime(o.OrderedAt.In(opt.Now.Location()))},
			{l.label("channel"), l.valueLabel("channel", string(o.Channel))},
			{l.label("platform_order"), o.PlatformOrderID},
		}},
		Customer: FactGroup{Title: l.label("customer"), Facts: []Fact{
			{l.label("customer_name"), o.CustomerName},
			{l.label("contact"), o.Contact},
			{l.label("phone"), o.CustomerPhone},
		}},
		DeliverTo: FactGroup{Title: l.label("deliver_to"), Facts: []Fact{
			{l.label("recipient"), o.RecipientName},
			{l.label("phone"), o.RecipientPhone},
		}},
		Address: Fact{l.label("address"), fullAddress(o.Address)},
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
			{l.label("invoice"), invoiceText(l, o.Invoice)},
		},
		Footer:    joinNonEmpty(" · ", shop.Name, l.label("confirmation.title")+" "+o.Number),
		PageLabel: l.label("page"),
	}
	if contacts != "" {
		v.ContactUs = l.label("contact_us") + contacts
	}
	for _, line := range o.Lines {
		qty := app.FormatCount(line.Qty)
		if line.Unit != "" {
			qty += " " + line.Unit
		}
		v.Items = append(v.Items, ItemRow{SKU: line.SKU, Product: line.Name, Spec: line.Spec, Qty: qty,
			UnitPrice: money(line.UnitPrice), Discount: minus(line.Discount), Subtotal: money(line.Subtotal())})
	}
	if o.CustomerKind == app.CustomerDealer {
		v.Confirmation = &SignatureBlock{
			Title: l.label("confirm.title"), Note: l.label("confirm.note"), Text: l.label("confirm.text"),
			Signature: l.label("signature"), Date: l.label("date"), Seal: l.label("seal"),
		}
	}
	return v
}

// fullAddress is the address on one line, with the postcode that the
// Chinese order of OneLine leaves out.
func fullAddress(a app.Address) string {
	line := a.OneLine()
	if a.Postcode != "" && !strings.Contains(line, a.Postcode) {
		line = joinNonEmpty(" ", line, a.Postcode)
	}
	return line
}

// shopContacts is the shop's phone and e-mail, each with its label.
func shopContacts(l Lang, shop app.Shop) string {
	return joinNonEmpty(" · ", labelled(l, "phone", shop.Phone), labelled(l, "email", shop.Email))
}

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
	if l == LangChinese {
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
	return joinNonEmpty(" · ", l.valueLabel("invoice", string(r.Type)),
		labelledColon(l, "invoice_title", r.Title), labelledColon(l, "tax_id", r.TaxID))
}

func labelledColon(l Lang, key, value string) string {
	if value == "" {
		return ""
	}
	return l.colon(l.label(key)) + value
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

// WriteConfirmationLetter prints the letter.
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
	facts(pdf, label, v.Order, v.Customer)
	pdf.Ln(3)
	factsTwoUp(pdf, label, v.DeliverTo)
	facts(pdf, label, FactGroup{Facts: []Fact{v.Address}}, FactGroup{})
	factsTwoUp(pdf, label, FactGroup{Facts: v.Delivery})
	pdf.Ln(3)

	heading(pdf, v.ItemsTitle)
	pdf.SetFont(fontName, "", 9)
	cols, pick := itemColumns(pdf, v.ItemHeads, v.Items)
	rows := make([]row, len(v.Items))
	for i, it := range v.Items {
		rows[i] = row{cells: pick(it.cells())}
	}
	table(pdf, cols, rows)

	totals(pdf, label, v.Sums, v.Payable, v.Payment)
	notes(pdf, v.Notes)
	paragraph(pdf, v.ContactUs, 9.5)
	if v.Confirmation != nil {
		signature(pdf, *v.Confirmation)
	}
	return finish(pdf, w)
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
