package reports

import (
	"io"
	"strings"
)

// WriteShippingLabelsZPL writes the labels for a thermal printer, one
// 100 × 150 mm label a package at dpi (203 or 300). It prints the same
// view as the PDF (NewShippingLabels decides what a label says); only
// the drawing differs.
func WriteShippingLabelsZPL(w io.Writer, v ShippingLabels, dpi int) error {
	if err := CheckDPI(dpi); err != nil {
		return err
	}
	var b strings.Builder
	for _, label := range v.Labels {
		z := startZPL(&b, dpi, labelWidth, labelHeight)
		z.shippingLabel(label)
		z.end()
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// shippingLabel lays a label out as writeShippingLabel does, in the
// printer's terms: black and white, no grey, the printer's font where it
// has the letters.
func (z *zplLabel) shippingLabel(v ShippingLabel) {
	const l, w = labelMargin, labelWidth - 2*labelMargin
	const bottom = labelHeight - labelMargin

	// The foot is fixed (barcode, caption, blank), the marks above it;
	// the recipient's address gets what the rest leaves.
	codeTop := bottom - 30
	if v.Blank != "" {
		codeTop -= 8
	}
	marksHeight := 0.0
	if len(v.Marks) > 0 {
		marksHeight = 17
	}
	sender := zplWrap(v.SenderAddress, w, 2.8)
	sender = sender[:min(len(sender), 2)]
	facts := filled(v.Facts)
	factLabel := 0.0
	for _, f := range facts {
		factLabel = max(factLabel, zplWidth(f.Label, 3)+2)
	}
	var factLines [][]string
	factsHeight := 3.0
	for _, f := range facts {
		values := zplWrap(f.Value, w-factLabel, 3)
		factLines = append(factLines, values[:min(len(values), 2)])
		factsHeight += 4 * float64(min(len(values), 2))
	}
	senderHeight := 5 + 4.4 + 3.6*float64(len(sender)) + 3

	// The carrier, and the package's place in the shipment white on black.
	y := float64(labelMargin)
	boxWidth := zplWidth(v.Package, 7) + 6
	z.box(l+w-boxWidth, y, boxWidth, 11, 11)
	z.text(l+w-boxWidth, y+2, boxWidth, 7, v.Package, "C", true)
	carrier, size := zplFit(v.Carrier, w-boxWidth-4, 5.5, 3.5, 1)
	z.text(l, y+(11-size)/2, w-boxWidth-2, size, carrier[0], "L", false)
	y += 13
	z.rule(l, y, w, 0.6)

	// The recipient, large.
	z.text(l, y+1.5, w, 2.8, v.To, "L", false)
	y += 5.5
	name, size := zplFit(v.Recipient, w, 7, 4.5, 1)
	y = z.lines(name[:min(len(name), 2)], l, y, w, size, size*1.2) + 1
	z.text(l, y, w, 5, v.Phone, "L", false)
	y += 7
	room := codeTop - marksHeight - factsHeight - senderHeight - y - 2
	address, size, lh := zplBox(v.Address, w, room, 4.5, 2.8)
	y = z.lines(address, l, y, w, size, lh) + 2
	z.rule(l, y, w, 0.3)

	// The sender, small.
	z.text(l, y+1.2, w, 2.8, v.From, "L", false)
	y += 5
	z.text(l, y, w, 3.4, v.Sender, "L", false)
	y += 4.4
	y = z.lines(sender, l, y, w, 2.8, 3.6) + 1.5
	z.rule(l, y, w, 0.3)

	// Orders, shipment and weight.
	y += 1.5
	for i, f := range facts {
		z.text(l, y, factLabel, 3, f.Label, "L", false)
		for _, value := range factLines[i] {
			z.text(l+factLabel, y, w-factLabel, 3, value, "L", false)
			y += 4
		}
	}

	if marksHeight > 0 {
		z.marks(v.Marks, max(y+2, codeTop-marksHeight), codeTop-2)
	}
	z.rule(l, codeTop, w, 0.6)
	top := codeTop + 2
	if z.barcode(v.Code, l, top, w, 20, 0.5) {
		top += 20.6
	}
	z.text(l, top+0.6, w, 3.8, v.Caption, "C", false)
	if v.Blank != "" {
		base := top + 4.4 + 6
		blank := zplFirstLine(v.Blank, w/2, 3.5)
		bw := zplWidth(blank, 3.5) + 2
		z.text(l, base-4, bw, 3.5, blank, "L", false)
		z.rule(l+bw, base, w-bw, 0.3)
	}
}

// marks draws the handling marks as black boxes side by side between top
// and bottom, the word large in white, the other language's under it.
func (z *zplLabel) marks(marks []Mark, top, bottom float64) {
	const gap = 3.0
	l, w := float64(labelMargin), labelWidth-2*labelMargin
	each := (w - gap*float64(len(marks)-1)) / float64(len(marks))
	h := bottom - top
	for i, m := range marks {
		x := l + float64(i)*(each+gap)
		z.box(x, top, each, h, h)
		big := min(6.0, h*0.5)
		z.text(x+1, top+h*0.1, each-2, big, m.Text, "C", true)
		z.text(x+1, top+h*0.65, each-2, min(3.0, h*0.25), m.Also, "C", true)
	}
}
