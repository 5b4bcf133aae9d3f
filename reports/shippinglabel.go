package reports

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"orderdesk/app"
)

// The label page: 100 × 150 mm, the thermal printers' 4 × 6 in roll.
const (
	labelWidth, labelHeight = 100.0, 150.0
	labelMargin             = 4.0
)

// LabelOptions are the choices made when shipping labels are printed.
type LabelOptions struct {
	Lang Lang
	Now  time.Time // the PDF's creation date
	// From is the address the parcels leave from, the warehouse's; zero:
	// the shop's own.
	From app.Address
}

// ShippingLabels are the labels of several shipments, one page per
// package.
type ShippingLabels struct {
	Created time.Time
	Labels  []ShippingLabel
}

// ShippingLabel is one package's label as printed: every label and value
// already written out.
type ShippingLabel struct {
	Carrier string // "SF Express · 标快"
	Package string // "1/2"

	To, Recipient, Phone, Address string // To is the block's label
	From, Sender, SenderAddress   string // Sender: the shop's name and phone

	Facts []Fact // orders, shipment number, this package's weight
	Marks []Mark // handling marks, boxed and large

	// Code is what the barcode holds: the tracking number, else the
	// shipment number until the carrier gives one; Caption is printed
	// under it.
	Code, Caption string
	// Blank labels a line to write the tracking number on, when there is
	// none yet; empty: no line.
	Blank string
}

// Mark is a handling mark in the label's language, and in the other one
// smaller under it: a parcel crosses hands that read either.
type Mark struct{ Text, Also string }

// NewShippingLabels writes out a label for every package of every
// shipment in opt.Lang, else each in its destination's language.
func NewShippingLabels(shop app.Shop, shipments []app.Shipment, opt LabelOptions) ShippingLabels {
	from := opt.From
	if from == (app.Address{}) {
		from = shop.Address
	}
	// The parcel's country in words, and the sender's, when it crosses
	// a border.
	fromCountry := from.Country
	if fromCountry == "" {
		fromCountry = shopCountry(shop)
	}
	v := ShippingLabels{Created: opt.Now}
	for i := range shipments {
		s := &shipments[i]
		// A label is read by the post where it goes: unless told, in the
		// destination's language.
		l := opt.Lang
		if l == "" {
			l = ParseLang(app.LanguageForCountry(s.Address.Country), s.Address.Country)
		}
		if l == "" {
			l = LangFor(shop, nil)
		}
		other := l.other()
		packages := s.Packages
		if len(packages) == 0 {
			// Not weighed yet: one label, without a weight.
			packages = []app.Package{{No: 1}}
		}
		for n, p := range packages {
			label := ShippingLabel{
				Carrier:       joinNonEmpty(" · ", s.Carrier, s.Service),
				Package:       fmt.Sprintf("%d/%d", n+1, len(packages)),
				To:            l.label("label.to"),
				Recipient:     s.RecipientName,
				Phone:         s.RecipientPhone,
				Address:       strings.Join(PostalAddress(s.Address, l, fromCountry), "\n"),
				From:          l.label("label.from"),
				Sender:        joinNonEmpty("  ", shop.Name, senderPhone(shop.Phone, fromCountry, s.Address.Country)),
				SenderAddress: postalLine(from, l, s.Address.Country),
				Facts: []Fact{
					{l.label("orders"), strings.Join(shipmentOrders(s), ", ")},
					{l.label("shipment_number"), s.Number},
					{l.label("weight"), weight(p.WeightGrams)},
				},
				Code:    s.TrackingNumber,
				Caption: joinNonEmpty(" ", l.label("tracking"), s.TrackingNumber),
			}
			if label.Carrier == "" {
				label.Carrier = l.label("no_carrier")
			}
			if p.Fragile {
				label.Marks = append(label.Marks, Mark{l.label("mark.fragile"), other.label("mark.fragile")})
			}
			if p.KeepDry {
				label.Marks = append(label.Marks, Mark{l.label("mark.keep_dry"), other.label("mark.keep_dry")})
			}
			if s.TrackingNumber == "" {
				label.Code, label.Caption, label.Blank = s.Number, joinNonEmpty(" ", l.label("shipment_number"), s.Number), l.label("tracking")
			}
			v.Labels = append(v.Labels, label)
		}
	}
	return v
}

// WriteShippingLabels prints the labels, one page each.
func WriteShippingLabels(w io.Writer, v ShippingLabels) error {
	pdf, err := newPDF(paperLabel, v.Created)
	if err != nil {
		return err
	}
	for _, label := range v.Labels {
		pdf.AddPage()
		writeShippingLabel(pdf, label)
	}
	return finish(pdf, w)
}

func writeShippingLabel(pdf *gofpdf.Fpdf, v ShippingLabel) {
	const l, w = labelMargin, labelWidth - 2*labelMargin
	const bottom = labelHeight - labelMargin
	rules := func(y, width float64) {
		drawColor(pdf, black)
		pdf.SetLineWidth(width)
		pdf.Line(l, y, l+w, y)
	}
	small := func(s string, y float64) {
		pdf.SetFont(fontName, "", 7.5)
		textColor(pdf, grey)
		pdf.SetXY(l, y)
		pdf.CellFormat(w, 3.5, firstLine(pdf, s, w), "", 0, "L", false, 0, "")
		textColor(pdf, black)
	}
	lines := func(ls []string, y, lh float64) float64 {
		for _, line := range ls {
			pdf.SetXY(l, y)
			pdf.CellFormat(w, lh, line, "", 0, "L", false, 0, "")
			y += lh
		}
		return y
	}

	// The foot is fixed: the barcode with its caption (and the blank for
	// a tracking number), the marks above it. The sender and the facts
	// take what they need, and the recipient's address gets the rest, in
	// smaller type the longer it is.
	codeTop := bottom - 30
	if v.Blank != "" {
		codeTop -= 8
	}
	marksHeight := 0.0
	if len(v.Marks) > 0 {
		marksHeight = 17
	}
	pdf.SetFont(fontName, "", 8)
	sender := wrap(pdf, v.SenderAddress, w)
	sender = sender[:min(len(sender), 2)]
	pdf.SetFont(fontName, "", 8.5)
	factLabel := 0.0
	for _, f := range filled(v.Facts) {
		factLabel = max(factLabel, pdf.GetStringWidth(printable(f.Label))+2)
	}
	var factLines [][]string
	factsHeight := 3.0
	for _, f := range filled(v.Facts) {
		values := wrap(pdf, f.Value, w-factLabel)
		factLines = append(factLines, values[:min(len(values), 2)])
		factsHeight += 4 * float64(min(len(values), 2))
	}
	senderHeight := 5 + 4.4 + 3.6*float64(len(sender)) + 3

	// The carrier and the package's place in the shipment, in a band.
	y := labelMargin
	pdf.SetFont(fontName, "", 20)
	boxWidth := pdf.GetStringWidth(v.Package) + 6
	fillColor(pdf, black)
	pdf.Rect(l+w-boxWidth, y, boxWidth, 11, "F")
	pdf.SetTextColor(255, 255, 255)
	pdf.SetXY(l+w-boxWidth, y)
	pdf.CellFormat(boxWidth, 11, v.Package, "", 0, "C", false, 0, "")
	textColor(pdf, black)
	size := 14.0
	carrier := fitLines(pdf, v.Carrier, w-boxWidth-4, &size, 1, 9)
	pdf.SetXY(l, y)
	pdf.CellFormat(w-boxWidth-2, 11, carrier[0], "", 0, "L", false, 0, "")
	y += 13
	rules(y, 0.6)

	// The recipient, large.
	small(v.To, y+1.5)
	y += 5.5
	size = 18
	name := fitLines(pdf, v.Recipient, w, &size, 1, 12)
	y = lines(name[:min(len(name), 2)], y, size*0.3528*1.25) + 1
	pdf.SetFont(fontName, "", 13)
	pdf.SetXY(l, y)
	pdf.CellFormat(w, 6, firstLine(pdf, v.Phone, w), "", 0, "L", false, 0, "")
	y += 7
	room := codeTop - marksHeight - factsHeight - senderHeight - y - 2
	address, lh := fitBox(pdf, v.Address, w, room, 12, 7)
	y = lines(address, y, lh) + 2
	rules(y, 0.3)

	// The sender, small.
	small(v.From, y+1.2)
	y += 5
	pdf.SetFont(fontName, "", 9)
	pdf.SetXY(l, y)
	pdf.CellFormat(w, 4.2, firstLine(pdf, v.Sender, w), "", 0, "L", false, 0, "")
	y += 4.4
	pdf.SetFont(fontName, "", 8)
	y = lines(sender, y, 3.6) + 1.5
	rules(y, 0.3)

	// Orders, shipment and weight.
	y += 1.5
	pdf.SetFont(fontName, "", 8.5)
	for i, f := range filled(v.Facts) {
		textColor(pdf, grey)
		pdf.SetXY(l, y)
		pdf.CellFormat(factLabel, 4, firstLine(pdf, f.Label, factLabel), "", 0, "L", false, 0, "")
		textColor(pdf, black)
		for _, value := range factLines[i] {
			pdf.SetXY(l+factLabel, y)
			pdf.CellFormat(w-factLabel, 4, value, "", 0, "L", false, 0, "")
			y += 4
		}
	}

	// The marks just above the barcode, shorter when the text above
	// leaves less room.
	if marksHeight > 0 {
		labelMarks(pdf, v.Marks, max(y+2, codeTop-marksHeight), codeTop-2)
	}
	rules(codeTop, 0.6)
	h := barcodeWithText(pdf, v.Code, v.Caption, l, codeTop+2, w, 20, 0.5, 11)
	if v.Blank != "" {
		base := codeTop + 2 + h + 6
		pdf.SetFont(fontName, "", 10)
		blank := firstLine(pdf, v.Blank, w/2)
		bw := pdf.GetStringWidth(blank) + 2
		pdf.SetXY(l, base-5)
		pdf.CellFormat(bw, 5, blank, "", 0, "L", false, 0, "")
		pdf.SetLineWidth(0.3)
		pdf.Line(l+bw, base, l+w, base)
	}
}

// fitLines wraps s to width at *size points, stepping the size down to
// smallest until it takes at most maxLines lines; at the smallest size it
// takes what it needs.
func fitLines(pdf *gofpdf.Fpdf, s string, width float64, size *float64, maxLines int, smallest float64) []string {
	for {
		pdf.SetFont(fontName, "", *size)
		lines := wrap(pdf, s, width)
		if len(lines) <= maxLines || *size <= smallest {
			return lines
		}
		*size--
	}
}

// fitBox wraps s into a box width wide and height high at the largest
// size from largest down to smallest points that fits, and returns the
// lines and their distance. Text too long even at the smallest size is
// cut at the box's foot with "…": on a label, overprinting the barcode
// would lose the parcel.
func fitBox(pdf *gofpdf.Fpdf, s string, width, height, largest, smallest float64) ([]string, float64) {
	size := largest
	for {
		pdf.SetFont(fontName, "", size)
		lines, lh := wrap(pdf, s, width), size*0.3528*1.3
		if float64(len(lines))*lh <= height {
			return lines, lh
		}
		if size <= smallest {
			keep := max(int(height/lh), 1)
			lines = lines[:keep]
			last := []rune(lines[keep-1])
			for len(last) > 0 && pdf.GetStringWidth(string(last)+"…") > width {
				last = last[:len(last)-1]
			}
			lines[keep-1] = string(last) + "…"
			return lines, lh
		}
		size -= 0.5
	}
}

// labelMarks writes the handling marks as black boxes side by side
// between top and bottom: the word large in white, the other language's
// word under it.
func labelMarks(pdf *gofpdf.Fpdf, marks []Mark, top, bottom float64) {
	if len(marks) == 0 {
		return
	}
	const gap = 3.0
	l, w := labelMargin, labelWidth-2*labelMargin
	each := (w - gap*float64(len(marks)-1)) / float64(len(marks))
	h := bottom - top
	for i, m := range marks {
		x := l + float64(i)*(each+gap)
		fillColor(pdf, black)
		pdf.Rect(x, top, each, h, "F")
		pdf.SetTextColor(255, 255, 255)
		pdf.SetFont(fontName, "", min(16, h*1.6))
		pdf.SetXY(x, top+h*0.08)
		pdf.CellFormat(each, h*0.58, firstLine(pdf, m.Text, each-2), "", 0, "C", false, 0, "")
		pdf.SetFont(fontName, "", min(8, h*0.75))
		pdf.SetXY(x, top+h*0.64)
		pdf.CellFormat(each, h*0.3, firstLine(pdf, m.Also, each-2), "", 0, "C", false, 0, "")
	}
	textColor(pdf, black)
}
