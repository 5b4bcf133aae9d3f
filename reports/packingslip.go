package reports

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"orderdesk/app"
)

// PackingSlipOptions are the choices made when packing slips are printed.
type PackingSlipOptions struct {
	Lang  Lang
	Paper Paper
	Now   time.Time // the PDF's creation date
	// Prices prints unit prices, amounts and what is paid; off, the slip
	// names no money at all (gifts, marketplace orders). An order marked
	// NoPrices never shows money, whatever this says.
	Prices bool
}

// PackingSlips are packing slips / delivery notes for several
// shipments, each from a new page.
type PackingSlips struct {
	Paper   Paper
	Created time.Time
	Shop    string // the compact head of the pages a slip runs onto
	Slips   []PackingSlip

	Footer    string
	PageLabel string // "Page {n} of {total}"
}

// PackingSlip is what goes inside one shipment's box, as printed: every
// label and value already written out.
type PackingSlip struct {
	Letterhead Letterhead
	Title      string
	Continued  string   // the head of the pages it runs onto: "Packing slip 202611-007-1 (continued)"
	Marks      []string // handling marks: badges under the title
	// OrderCode is the order number as a barcode at the top right, for
	// scanning the slip at the counter or when the parcel comes back.
	OrderCode string

	Shipment, Customer FactGroup // side by side
	DeliverTo          FactGroup // recipient and phone, two to a line
	Address            Fact      // across the page: it can be long

	ItemsTitle string
	ItemHeads  SlipRow
	Items      []SlipRow

	// ToFollow lists what the orders still owe the customer after this
	// parcel: it comes in a later one (a split or a backorder).
	ToFollowTitle string
	ToFollowText  string // the rows in one sentence, then when they come
	ToFollow      []SlipRow

	Sums    []Fact // the units; with prices, the goods' value
	Total   Fact   // printed large: the goods' value, else the units
	Payment []Fact // per order: method, status (and what is owed, with prices); under the customer

	Notes []Fact // special requests: highlighted
	// Returns says how to start a return: within how many days, whom
	// to tell, with which order number. It prints in the sign-off box,
	// which the customer reads as the parcel is opened.
	Returns string
	SignOff SignOff
}

// SlipRow is one line of a packing slip. Order is empty when the
// shipment carries one order; the money columns are empty without prices.
type SlipRow struct {
	Order, SKU, Product, Spec, Qty, UnitPrice, Discount, Amount string
}

func (r SlipRow) cells() []string {
	return []string{r.Order, r.SKU, r.Product, r.Spec, r.Qty, r.UnitPrice, r.Discount, r.Amount}
}

// SignOff is the customer's receipt on delivery: what they
// declare, their inspection remarks, name and date. The values are filled
// in when a reprint follows a delivery already signed for.
type SignOff struct {
	Title string
	Note  string // how to inspect and sign
	Text  string // "received in good condition"

	Remarks, Signer, Date                string // labels of the lines
	RemarksValue, SignerValue, DateValue string
}

// NewPackingSlips writes out a packing slip for each shipment in
// opt.Lang, else each in its customer's language; orders are the orders
// the shipments carry (looked up by id: customer, payment, special
// requests).
func NewPackingSlips(shop app.Shop, shipments []app.Shipment, orders []*app.Order, opt PackingSlipOptions) PackingSlips {
	l := opt.Lang
	if l == "" {
		// Each slip in its customer's language; the pages' footer in the
		// first one's.
		l = LangFor(shop, firstOrder(orders))
	}
	v := PackingSlips{Paper: opt.Paper, Created: opt.Now, Shop: joinNonEmpty(" · ", shop.Name, shop.Phone),
		Footer:    joinNonEmpty(" · ", shop.Name, l.label("slip.title")),
		PageLabel: l.label("page")}
	byID := map[int64]*app.Order{}
	for _, o := range orders {
		if o != nil {
			byID[o.ID] = o
		}
	}
	for i := range shipments {
		v.Slips = append(v.Slips, newPackingSlip(shop, &shipments[i], byID, opt))
	}
	return v
}

func newPackingSlip(shop app.Shop, s *app.Shipment, byID map[int64]*app.Order, opt PackingSlipOptions) PackingSlip {
	l, cur := opt.Lang, shop.Currency
	// The shipment's orders, the first one first: its own list, else the
	// orders its lines name.
	var mine []*app.Order
	seen := map[int64]bool{}
	add := func(id int64) {
		if o := byID[id]; o != nil && !seen[id] {
			seen[id] = true
			mine = append(mine, o)
		}
	}
	for _, id := range s.OrderIDs {
		add(id)
	}
	for _, line := range s.Lines {
		add(line.OrderID)
	}
	first := &app.Order{}
	if len(mine) > 0 {
		first = mine[0]
	}
	if l == "" {
		l = LangFor(shop, first)
	}
	numbers := shipmentOrders(s)
	if len(numbers) == 0 {
		for _, o := range mine {
			numbers = append(numbers, o.Number)
		}
	}
	firstNumber := first.Number
	if firstNumber == "" && len(numbers) > 0 {
		firstNumber = numbers[0]
	}
	// A gift among the orders keeps the whole slip free of money: one
	// parcel's figures would tell the others'.
	prices := opt.Prices
	for _, o := range mine {
		prices = prices && !o.NoPrices
	}

	v := PackingSlip{
		Letterhead: Letterhead{ShopName: shop.Name, Logo: shop.Logo,
			Lines: joinNonEmpty("\n", postalLine(shop.Address, l, s.Address.Country), shopContactsFor(l, shop, s.Address.Country))},
		Title:     l.label("slip.title"),
		Continued: continued(l, l.label("slip.title")+" "+s.Number),
		Marks:     handlingMarks(l, s),
		OrderCode: firstNumber,
		Shipment: FactGroup{Title: l.label("shipment"), Facts: []Fact{
			{l.label("shipment_number"), s.Number},
			{l.label("orders"), strings.Join(numbers, ", ")},
			{l.label("packed_at"), l.date(s.PackedAt.In(opt.Now.Location()))},
			{l.label("carrier"), joinNonEmpty(" · ", s.Carrier, s.Service)},
			{l.label("tracking"), s.TrackingNumber},
			{l.label("packages"), packagesText(s)},
		}},
		Customer: FactGroup{Title: l.label("customer"), Facts: []Fact{
			{l.label("customer_name"), first.CustomerName},
			{l.label("contact"), first.Contact},
			{l.label("phone"), first.CustomerPhone},
		}},
		DeliverTo: FactGroup{Title: l.label("deliver_to"), Facts: []Fact{
			{l.label("recipient"), s.RecipientName},
			{l.label("phone"), s.RecipientPhone},
		}},
		Address:    Fact{l.label("address"), postalLine(s.Address, l, shopCountry(shop))},
		ItemsTitle: l.label("items"),
		ItemHeads: SlipRow{SKU: l.label("sku"), Product: l.label("product"), Spec: l.label("spec"),
			Qty: l.label("qty")},
		SignOff: SignOff{Title: l.label("signoff.title"), Note: l.label("signoff.note"), Text: l.label("signoff.text"),
			Remarks: l.label("signoff.remarks"), Signer: l.label("signoff.signer"), Date: l.label("date"),
			RemarksValue: s.SignRemarks, SignerValue: s.Signer, DateValue: l.date(s.DeliveredAt.In(opt.Now.Location()))},
	}
	several := len(numbers) > 1
	if several {
		v.ItemHeads.Order = l.label("order_number")
	}
	if prices {
		v.ItemHeads.UnitPrice, v.ItemHeads.Discount, v.ItemHeads.Amount = l.label("unit_price"), l.label("discount"), l.label("amount")
	}

	var units int64
	var goods app.Money
	for _, line := range s.Lines {
		qty := app.FormatCount(line.Qty)
		if unit := unitIn(l, line.Unit); unit != "" {
			qty += " " + unit
		}
		row := SlipRow{SKU: line.SKU, Product: productName(l, line.Name, altNameOf(byID[line.OrderID], line.LineID)),
			Spec: specIn(l, line.Spec), Qty: qty}
		if several {
			row.Order = line.OrderNumber
		}
		units += line.Qty
		if prices {
			discount, amount := lineAmount(line, byID[line.OrderID])
			row.UnitPrice, row.Amount = cur.Format(line.UnitPrice), cur.Format(amount)
			if discount != 0 {
				row.Discount = cur.Format(-discount)
			}
			goods += amount
		}
		v.Items = append(v.Items, row)
	}
	v.Total = Fact{l.label("total_units"), app.FormatCount(units)}
	if prices {
		v.Sums = []Fact{v.Total}
		v.Total = Fact{l.label("goods_value"), cur.Format(goods)}
	}

	for _, o := range mine {
		pay := []string{l.valueLabel("method", string(o.PaymentMethod)), l.valueLabel("payment", string(o.PaymentStatus))}
		// What is still owed, for cash on delivery above all.
		if out := o.Outstanding(); prices && out > 0 {
			pay = append(pay, labelled(l, "outstanding", cur.Format(out)))
		}
		label := l.label("payment")
		if len(mine) > 1 {
			label = o.Number
		}
		v.Payment = append(v.Payment, Fact{label, joinNonEmpty(" · ", pay...)})
		request := o.SpecialRequest
		if len(mine) > 1 && request != "" {
			request = o.Number + l.colon("") + request
		}
		v.Notes = append(v.Notes, Fact{l.label("special_request"), request})
	}
	if s.ResendOf == 0 {
		v.ToFollow = toFollow(l, s, mine, several)
	}
	if len(v.ToFollow) > 0 {
		items := make([]string, len(v.ToFollow))
		for i, r := range v.ToFollow {
			items[i] = joinNonEmpty(" ", r.Order, r.SKU, r.Product, r.Spec) + " × " + r.Qty
		}
		v.ToFollowTitle = l.label("slip.to_follow")
		v.ToFollowText = strings.Join(items, l.label("slip.list_sep")) + l.label("slip.to_follow_note")
	}
	v.Returns = l.colon(l.label("slip.returns")) + returnsText(l, shop, firstNumber, s.Address.Country)
	return v
}

// toFollow is what the orders still have to send once this parcel is
// out: ordered, not cancelled, not sent before and not in this box. A
// parcel still in the shop has not counted its units as shipped yet.
func toFollow(l Lang, s *app.Shipment, orders []*app.Order, several bool) []SlipRow {
	inBox := map[int64]int64{}
	if s.Status == app.ShipmentPacked || s.Status == app.ShipmentToPack {
		for _, line := range s.Lines {
			inBox[line.LineID] += line.Qty
		}
	}
	var rows []SlipRow
	for _, o := range orders {
		for _, ol := range o.Lines {
			left := ol.Outstanding() - inBox[ol.ID]
			if left <= 0 {
				continue
			}
			qty := app.FormatCount(left)
			if unit := unitIn(l, ol.Unit); unit != "" {
				qty += " " + unit
			}
			row := SlipRow{SKU: ol.SKU, Product: lineName(l, ol), Spec: ol.Spec, Qty: qty}
			if several {
				row.Order = o.Number
			}
			rows = append(rows, row)
		}
	}
	return rows
}

// returnsText tells the customer how to start a return: within the
// shop's return window, by its phone (as dialled from country) or
// e-mail, quoting the order.
func returnsText(l Lang, shop app.Shop, order, country string) string {
	how := joinNonEmpty(l.label("slip.or"), senderPhone(shop.Phone, shopCountry(shop), country), shop.Email)
	if how == "" {
		how = shop.Name
	}
	if shop.Policy.ReturnWindowDays <= 0 {
		return fmt.Sprintf(l.label("slip.returns_any_time"), how, order)
	}
	return fmt.Sprintf(l.label("slip.returns_text"), shop.Policy.ReturnWindowDays, how, order)
}

// firstOrder is the first of orders, nil when there is none.
func firstOrder(orders []*app.Order) *app.Order {
	for _, o := range orders {
		if o != nil {
			return o
		}
	}
	return nil
}

// handlingMarks are the marks a shipment's packages carry, in the order
// the labels print them.
func handlingMarks(l Lang, s *app.Shipment) []string {
	var marks []string
	if s.Fragile() {
		marks = append(marks, l.label("mark.fragile"))
	}
	if s.KeepDry() {
		marks = append(marks, l.label("mark.keep_dry"))
	}
	return marks
}

// packagesText is the package count and the gross weight: "2 · 3.20 kg".
func packagesText(s *app.Shipment) string {
	if len(s.Packages) == 0 {
		return ""
	}
	return joinNonEmpty(" · ", count(len(s.Packages)), weight(s.WeightGrams()))
}

// lineAmount is what the shipped units of a line cost: the unit price
// times the units, less their share of the order line's discount (which
// is off the whole line).
func lineAmount(line app.ShipmentLine, o *app.Order) (discount, amount app.Money) {
	gross, ok := line.UnitPrice.MulQty(line.Qty)
	if !ok {
		return 0, 0
	}
	if o != nil {
		for _, ol := range o.Lines {
			if ol.ID == line.LineID && ol.Qty > 0 && ol.Discount != 0 {
				discount = ol.Discount * app.Money(line.Qty) / app.Money(ol.Qty)
				break
			}
		}
	}
	return discount, gross - discount
}

// WritePackingSlips prints the slips, each from a new page.
func WritePackingSlips(w io.Writer, v PackingSlips) error {
	pdf, err := newPDF(v.Paper, v.Created)
	if err != nil {
		return err
	}
	footer(pdf, v.Footer, v.PageLabel)
	pages := newSections(pdf, v.Shop)
	for _, s := range v.Slips {
		// The first page has the letterhead instead of the head.
		pages.begin("", s.Continued)
		writePackingSlip(pdf, s)
	}
	return finish(pdf, w)
}

func writePackingSlip(pdf *gofpdf.Fpdf, s PackingSlip) {
	letterhead(pdf, s.Letterhead)
	if s.OrderCode != "" {
		// Under the letterhead's rule, at the right: the title stays
		// centred beside it.
		y := pdf.GetY()
		barcodeWithText(pdf, s.OrderCode, s.OrderCode, leftEdge(pdf)+bodyWidth(pdf)-48, y-1, 48, 9, 0.4, 8)
		pdf.SetY(y)
	}
	title(pdf, s.Title)
	marks(pdf, s.Marks, 11)
	label := labelShare(pdf, s.Shipment.Facts, s.Customer.Facts, s.DeliverTo.Facts, []Fact{s.Address}, s.Payment)
	// The payment goes under the customer: beside the totals it would
	// wrap.
	customer := FactGroup{Title: s.Customer.Title, Facts: append(slices.Clone(s.Customer.Facts), s.Payment...)}
	facts(pdf, label, s.Shipment, customer)
	pdf.Ln(3)
	factsTwoUp(pdf, label, s.DeliverTo)
	facts(pdf, label, FactGroup{Facts: []Fact{s.Address}}, FactGroup{})
	pdf.Ln(3)

	heading(pdf, s.ItemsTitle)
	pdf.SetFont(fontName, "", 9)
	rows := make([][]string, len(s.Items))
	for i, it := range s.Items {
		rows[i] = it.cells()
	}
	cols, keep := flexColumns(pdf, s.ItemHeads.cells(), rows, []string{"L", "L", "L", "L", "R", "R", "R", "R"},
		2, []float64{0.16, 0.18, 1, 0.18, 0.13, 0.15, 0.14, 0.16})
	table(pdf, cols, pickCells(rows, keep))

	totals(pdf, label, s.Sums, s.Total, nil)
	// The notes go with the sign-off: the box never stands alone on a
	// page of its own.
	all := append(slices.Clone(s.Notes), Fact{s.ToFollowTitle, s.ToFollowText})
	box := s.SignOff
	box.Note = joinNonEmpty(" ", box.Note, s.Returns)
	boxHeight, _, _, _ := signOffLayout(pdf, box)
	keepTogether(pdf, notesHeight(pdf, all)+boxHeight+4)
	notes(pdf, all)
	signOff(pdf, box)
}

// marks writes handling marks as badges in a centred line.
func marks(pdf *gofpdf.Fpdf, list []string, size float64) {
	if len(list) == 0 {
		return
	}
	const gap = 4.0
	pdf.SetFont(fontName, "", size)
	h := size * 0.3528 * 1.5
	width := -gap
	for _, m := range list {
		width += pdf.GetStringWidth(printable(m)) + h*0.8 + gap
	}
	x, y := leftEdge(pdf)+(bodyWidth(pdf)-width)/2, pdf.GetY()
	for _, m := range list {
		x += badge(pdf, m, x, y, size, black) + gap
	}
	pdf.SetXY(leftEdge(pdf), y+h+3)
}

// signOffLayout wraps the sign-off's texts and says how tall its box is.
func signOffLayout(pdf *gofpdf.Fpdf, s SignOff) (height float64, note, declared, remarks []string) {
	const pad = 4.0
	textWidth := bodyWidth(pdf) - 2*pad
	pdf.SetFont(fontName, "", 9)
	lh := lineHeight(pdf)
	note = wrap(pdf, s.Note, textWidth)
	pdf.SetFont(fontName, "", 10.5)
	declared = wrap(pdf, s.Text, textWidth-7)
	pdf.SetFont(fontName, "", 9.5)
	remarks = wrap(pdf, s.RemarksValue, textWidth-30)
	height = 2*pad + 7 + float64(len(note))*lh + float64(len(declared))*(lh+1) + 4 +
		float64(max(len(remarks), 2))*8 + 14
	return height, note, declared, remarks
}

// signOff writes the framed block the customer fills in on delivery:
// what they declare, lines for inspection remarks, their name and the
// date. It is never split between pages.
func signOff(pdf *gofpdf.Fpdf, s SignOff) {
	const pad = 4.0
	l, w := leftEdge(pdf), bodyWidth(pdf)
	textWidth := w - 2*pad
	height, note, declared, remarks := signOffLayout(pdf, s)
	remarkLines := max(len(remarks), 2)
	pdf.SetFont(fontName, "", 9)
	lh := lineHeight(pdf)
	keepTogether(pdf, height+2)
	pdf.Ln(2)
	top := pdf.GetY()

	pdf.SetXY(l+pad, top+pad)
	boxHead(pdf, l+pad, textWidth, lh, s.Title, note, 9)
	// The declaration with a box to tick: the customer says so, or
	// writes what is wrong below.
	pdf.SetFont(fontName, "", 10.5)
	textColor(pdf, black)
	y := pdf.GetY() + 1
	tickBox(pdf, l+pad, 4.2, y+0.6, 4.2)
	for i, d := range declared {
		pdf.SetXY(l+pad+7, y+float64(i)*(lh+1))
		pdf.CellFormat(textWidth-7, lh+1, d, "", 0, "L", false, 0, "")
	}
	y += float64(len(declared))*(lh+1) + 4

	pdf.SetFont(fontName, "", 9.5)
	line := func(label, value string, x, y, width, labelWidth float64) {
		textColor(pdf, grey)
		pdf.SetXY(x, y-5)
		if label != "" {
			pdf.CellFormat(labelWidth, 5, firstLine(pdf, label, labelWidth), "", 0, "L", false, 0, "")
		}
		textColor(pdf, black)
		pdf.SetXY(x+labelWidth+1, y-5.2)
		pdf.CellFormat(width-labelWidth-1, 5, firstLine(pdf, value, width-labelWidth-2), "", 0, "L", false, 0, "")
		drawColor(pdf, black)
		pdf.SetLineWidth(0.25)
		pdf.Line(x+labelWidth, y, x+width, y)
	}
	labelWidth := min(max(pdf.GetStringWidth(printable(s.Remarks)), pdf.GetStringWidth(printable(s.Signer)))+3, 40.0)
	for i := range remarkLines {
		label, value := "", ""
		if i == 0 {
			label = s.Remarks
		}
		if i < len(remarks) {
			value = remarks[i]
		}
		line(label, value, l+pad, y+6+float64(i)*8, textWidth, labelWidth)
	}
	y += float64(remarkLines)*8 + 12
	half := (textWidth - 8) / 2
	line(s.Signer, s.SignerValue, l+pad, y, half, labelWidth)
	dateWidth := min(pdf.GetStringWidth(printable(s.Date))+3, 30.0)
	line(s.Date, s.DateValue, l+pad+half+8, y, half, dateWidth)

	drawColor(pdf, rule)
	pdf.SetLineWidth(0.3)
	pdf.Rect(l, top, w, height, "D")
	pdf.SetXY(l, top+height+4)
}
