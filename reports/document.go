package reports

import (
	"strconv"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"orderdesk/app"
)

// Paper is the page size a document prints on.
type Paper string

const (
	PaperA4     Paper = "A4"
	PaperLetter Paper = "Letter" // US Letter, 8.5 × 11 in
	// paperLabel is the 100 × 150 mm shipping label; only labels use it.
	paperLabel Paper = "label"
)

const (
	margin      = 15.0 // mm on every side of the body
	footerSpace = 20.0 // mm below the body: the footer line and page number
	cellPadX    = 1.2  // mm between a table cell's edge and its text
)

// rgb is a colour; the documents use a handful of them.
type rgb struct{ r, g, b int }

var (
	black      = rgb{0, 0, 0}
	grey       = rgb{100, 100, 100}
	rule       = rgb{170, 170, 170}
	headShade  = rgb{232, 232, 232}
	rowShade   = rgb{255, 248, 220}
	noteFill   = rgb{255, 243, 205}
	noteBar    = rgb{230, 160, 30}
	noteLabel  = rgb{140, 85, 0}
	titleColor = rgb{30, 50, 80}
)

func textColor(pdf *gofpdf.Fpdf, c rgb) { pdf.SetTextColor(c.r, c.g, c.b) }
func fillColor(pdf *gofpdf.Fpdf, c rgb) { pdf.SetFillColor(c.r, c.g, c.b) }
func drawColor(pdf *gofpdf.Fpdf, c rgb) { pdf.SetDrawColor(c.r, c.g, c.b) }

// Fact is one labelled value of a document: "Order number", "202611-001".
type Fact struct{ Label, Value string }

// FactGroup is a titled list of facts.
type FactGroup struct {
	Title string
	Facts []Fact
}

// Letterhead is the shop's name, address and contacts at the top of the
// first page.
type Letterhead struct {
	ShopName string
	Lines    string // address and contacts, one per line
	Logo     []byte // PNG or JPEG; empty or unreadable: no logo
}

// SignatureBlock is what the customer fills in, signs and sends back.
type SignatureBlock struct {
	Title string
	Note  string // how and when to return it
	Text  string // what the signer declares
	// Labels of the blank lines; no Seal: no box for a company seal.
	Signature, Date, Seal string
}

func leftEdge(pdf *gofpdf.Fpdf) float64 {
	l, _, _, _ := pdf.GetMargins()
	return l
}

// bodyWidth is the width between the side margins.
func bodyWidth(pdf *gofpdf.Fpdf) float64 {
	w, _ := pdf.GetPageSize()
	l, _, r, _ := pdf.GetMargins()
	return w - l - r
}

// pageBottom is the lowest y the body may reach on a page.
func pageBottom(pdf *gofpdf.Fpdf) float64 {
	_, h := pdf.GetPageSize()
	_, b := pdf.GetAutoPageBreak()
	return h - b
}

// pageRoom is how much of a fresh page the body can use.
func pageRoom(pdf *gofpdf.Fpdf) float64 {
	_, t, _, _ := pdf.GetMargins()
	return pageBottom(pdf) - t
}

// fits reports whether h mm more fit on this page.
func fits(pdf *gofpdf.Fpdf, h float64) bool { return pdf.GetY()+h <= pageBottom(pdf) }

// keepTogether starts a new page unless h mm fit on this one; a block
// taller than a whole page starts where it is.
func keepTogether(pdf *gofpdf.Fpdf, h float64) {
	if !fits(pdf, h) && h <= pageRoom(pdf) {
		pdf.AddPage()
	}
}

// lineHeight is the distance between wrapped lines at the current font.
func lineHeight(pdf *gofpdf.Fpdf) float64 {
	_, size := pdf.GetFontSize()
	return size * 1.45
}

// totalPagesAlias stands for the page count until gofpdf knows it.
const totalPagesAlias = "{nb}"

// footer puts a line of text and the page number at the foot of every
// page. pageLabel has {n} for the page and {total} for the page count.
func footer(pdf *gofpdf.Fpdf, text, pageLabel string) {
	pdf.AliasNbPages(totalPagesAlias)
	pdf.SetFooterFunc(func() {
		l, w := leftEdge(pdf), bodyWidth(pdf)
		_, h := pdf.GetPageSize()
		y := h - footerSpace + 6
		drawColor(pdf, rule)
		pdf.SetLineWidth(0.2)
		pdf.Line(l, y, l+w, y)
		pdf.SetFont(fontName, "", 8)
		textColor(pdf, grey)
		n := strconv.Itoa(pdf.PageNo())
		page := printable(strings.NewReplacer("{n}", n, "{total}", totalPagesAlias).Replace(pageLabel))
		// The alias is wider than the count that replaces it; placed as if
		// the count had as many digits as this page's number, the label
		// ends at the margin (exactly so on the last page).
		pageWidth := pdf.GetStringWidth(page)
		if strings.Contains(page, totalPagesAlias) {
			pageWidth += pdf.GetStringWidth(n) - pdf.GetStringWidth(totalPagesAlias)
		}
		pdf.SetXY(l, y+1.5)
		pdf.CellFormat(w-pageWidth-6, 5, firstLine(pdf, text, w-pageWidth-8), "", 0, "L", false, 0, "")
		pdf.SetX(l + w - pageWidth - 2*pdf.GetCellMargin())
		pdf.CellFormat(pageWidth+2*pdf.GetCellMargin(), 5, page, "", 0, "L", false, 0, "")
		textColor(pdf, black)
	})
}

// letterhead writes the shop's name and contacts, with its logo in a box
// at the top right, and a rule under them.
func letterhead(pdf *gofpdf.Fpdf, h Letterhead) {
	const boxWidth, boxHeight = 30.0, 18.0
	l, w := leftEdge(pdf), bodyWidth(pdf)
	top := pdf.GetY()
	textWidth, bottom := w, top
	if logo, ok := registerLogo(pdf, h.Logo); ok {
		scale := min(boxWidth/logo.width, boxHeight/logo.height)
		width, height := logo.width*scale, logo.height*scale
		pdf.ImageOptions(logo.name, l+w-width, top, width, height, false, gofpdf.ImageOptions{}, 0, "")
		textWidth, bottom = w-boxWidth-4, top+height
	}
	pdf.SetXY(l, top)
	pdf.SetFont(fontName, "", 16)
	text(pdf, h.ShopName, textWidth, 7.5, "L")
	pdf.SetFont(fontName, "", 9)
	textColor(pdf, grey)
	text(pdf, h.Lines, textWidth, 4.4, "L")
	textColor(pdf, black)
	y := max(pdf.GetY(), bottom) + 2
	drawColor(pdf, rule)
	pdf.SetLineWidth(0.3)
	pdf.Line(l, y, l+w, y)
	pdf.SetXY(l, y+4)
}

// title writes the document's name, centred.
func title(pdf *gofpdf.Fpdf, s string) {
	pdf.SetFont(fontName, "", 17)
	textColor(pdf, titleColor)
	text(pdf, s, bodyWidth(pdf), 9, "C")
	textColor(pdf, black)
	pdf.Ln(2)
}

// paragraph writes wrapped body text across the page.
func paragraph(pdf *gofpdf.Fpdf, s string, size float64) {
	if s == "" {
		return
	}
	pdf.SetFont(fontName, "", size)
	pdf.SetX(leftEdge(pdf))
	text(pdf, s, bodyWidth(pdf), lineHeight(pdf), "L")
	pdf.Ln(2)
}

// heading writes a section's name over a rule, on the next page when
// the section would start at the foot of this one.
func heading(pdf *gofpdf.Fpdf, s string) {
	if s == "" {
		return
	}
	keepTogether(pdf, 22)
	l, w := leftEdge(pdf), bodyWidth(pdf)
	pdf.SetFont(fontName, "", 11)
	textColor(pdf, titleColor)
	pdf.SetX(l)
	text(pdf, s, w, 6, "L")
	textColor(pdf, black)
	drawColor(pdf, titleColor)
	pdf.SetLineWidth(0.3)
	pdf.Line(l, pdf.GetY()+0.3, l+w, pdf.GetY()+0.3)
	pdf.Ln(1.8)
}

// filled leaves out the facts that have no value.
func filled(facts []Fact) []Fact {
	var out []Fact
	for _, f := range facts {
		if strings.TrimSpace(f.Value) != "" {
			out = append(out, f)
		}
	}
	return out
}

// labelShare is the width of the label column of a document's facts
// blocks, as a share of the body: wide enough for the longest label, so
// that the values of every block line up and few labels wrap.
func labelShare(pdf *gofpdf.Fpdf, groups ...[]Fact) float64 {
	pdf.SetFont(fontName, "", factSize)
	widest := 0.0
	for _, g := range groups {
		for _, f := range filled(g) {
			widest = max(widest, pdf.GetStringWidth(printable(f.Label)))
		}
	}
	return min(max((widest+2*cellPadX+1)/bodyWidth(pdf), 0.12), 0.21)
}

// factSize is the font size of facts blocks.
const factSize = 9.5

// facts writes two groups of label/value pairs side by side, each under
// its title; an empty right group leaves the whole width to the left
// one. label is the label column's share of the body (see labelShare).
// Facts without a value are left out, and so is a group without facts.
func facts(pdf *gofpdf.Fpdf, label float64, left, right FactGroup) {
	lf, rf := filled(left.Facts), filled(right.Facts)
	if len(lf) == 0 {
		left, lf, right, rf = right, rf, FactGroup{}, nil
	}
	if len(lf) == 0 {
		return
	}
	l, w := leftEdge(pdf), bodyWidth(pdf)
	const half, gap = 0.48, 0.04
	cols := []column{{width: label, align: "L", muted: true}, {width: 1 - label, align: "L"}}
	if len(rf) > 0 {
		cols = []column{{width: label, align: "L", muted: true}, {width: half - label, align: "L"}, {width: gap},
			{width: label, align: "L", muted: true}, {width: half - label, align: "L"}}
	}
	pdf.SetFont(fontName, "", factSize)
	lh := lineHeight(pdf)
	if left.Title != "" || right.Title != "" {
		keepTogether(pdf, 8+2*lh)
		y := pdf.GetY()
		pdf.SetFont(fontName, "", 10.5)
		textColor(pdf, titleColor)
		drawColor(pdf, titleColor)
		pdf.SetLineWidth(0.25)
		// One rule under a lone title, two under a pair.
		titles, width := []string{left.Title}, w
		if right.Title != "" {
			titles, width = []string{left.Title, right.Title}, w*half
		}
		for i, t := range titles {
			x := l + float64(i)*w*(half+gap)
			pdf.SetXY(x, y)
			pdf.CellFormat(width, 6, firstLine(pdf, t, width), "", 0, "L", false, 0, "")
			pdf.Line(x, y+6.3, x+width, y+6.3)
		}
		textColor(pdf, black)
		pdf.SetXY(l, y+7.5)
		pdf.SetFont(fontName, "", factSize)
	}
	g := newGrid(pdf, cols, l, w)
	g.padY = 0.45
	for i := range max(len(lf), len(rf)) {
		cells := factCells(lf, i)
		if len(cols) > 2 {
			cells = append(append(cells, ""), factCells(rf, i)...)
		}
		g.writeRow(cells, nil)
	}
}

// factCells are the label and value of facts[i], or blanks past the end.
func factCells(facts []Fact, i int) []string {
	if i < len(facts) {
		return []string{facts[i].Label, facts[i].Value}
	}
	return []string{"", ""}
}

// factsTwoUp writes one group's facts two to a line, the first half on
// the left, under the group's title.
func factsTwoUp(pdf *gofpdf.Fpdf, label float64, g FactGroup) {
	f := filled(g.Facts)
	half := (len(f) + 1) / 2
	facts(pdf, label, FactGroup{Title: g.Title, Facts: f[:half]}, FactGroup{Facts: f[half:]})
}

// firstLine is as much of s as fits on one line of width w.
func firstLine(pdf *gofpdf.Fpdf, s string, w float64) string {
	if lines := wrap(pdf, s, w); len(lines) > 0 {
		return lines[0]
	}
	return ""
}

// totals writes the sums under a table at the right: those that make
// up the amount to pay, then that amount larger over a rule. Beside them
// at the left go the payment's facts (paid, outstanding, method), with
// label as the label column's share of the body.
func totals(pdf *gofpdf.Fpdf, label float64, sums []Fact, payable Fact, payment []Fact) {
	sums, payment = filled(sums), filled(payment)
	l, w := leftEdge(pdf), bodyWidth(pdf)
	pdf.SetFont(fontName, "", factSize)
	lh := lineHeight(pdf)
	right := min(w*0.56, 110)
	keepTogether(pdf, float64(max(len(sums)+2, len(payment)))*(lh+1)+6)
	pdf.Ln(1.5)
	top, page := pdf.GetY(), pdf.PageNo()

	bottom := top
	if len(payment) > 0 {
		leftWidth := w - right - 6
		share := min(label*w/leftWidth, 0.5)
		g := newGrid(pdf, []column{{width: share, align: "L", muted: true}, {width: 1 - share, align: "L"}}, l, leftWidth)
		g.padY = 0.45
		for _, f := range payment {
			g.writeRow([]string{f.Label, f.Value}, nil)
		}
		bottom = pdf.GetY()
		if pdf.PageNo() == page {
			pdf.SetY(top)
		}
	}

	g := newGrid(pdf, []column{{width: 0.64, align: "R", muted: true}, {width: 0.36, align: "R"}}, l+w-right, right)
	g.padY = 0.45
	for _, f := range sums {
		g.writeRow([]string{f.Label, f.Value}, nil)
	}
	if payable.Value != "" {
		drawColor(pdf, rule)
		pdf.SetLineWidth(0.3)
		pdf.Line(l+w-right*0.7, pdf.GetY()+0.5, l+w, pdf.GetY()+0.5)
		pdf.Ln(1)
		pdf.SetFont(fontName, "", 12)
		g.cols[0].muted = false
		g.writeRow([]string{payable.Label, payable.Value}, nil)
		pdf.SetFont(fontName, "", factSize)
	}
	pdf.SetXY(l, max(pdf.GetY(), bottom))
	pdf.Ln(3)
}

// notes writes facts in a light yellow box that catches the eye: special
// requests and the like, each label in colour before its wrapped text.
// Facts without a value are left out.
func notes(pdf *gofpdf.Fpdf, items []Fact) {
	items = filled(items)
	if len(items) == 0 {
		return
	}
	const pad, bar = 2.0, 1.2
	l, w := leftEdge(pdf), bodyWidth(pdf)
	textWidth := w - 2*pad - bar
	pdf.SetFont(fontName, "", 10)
	lh := lineHeight(pdf)
	type line struct {
		label, text string
		first       bool
	}
	var lines []line
	for _, it := range items {
		// The label is wrapped with its text, so that the text starts on
		// the label's line; its words are coloured where they land.
		label := printable(it.Label)
		for i, s := range wrap(pdf, label+" "+it.Value, textWidth) {
			ln := line{text: s, first: i == 0}
			if i == 0 && strings.HasPrefix(s, label) {
				ln.label, ln.text = label, s[len(label):]
			}
			lines = append(lines, ln)
		}
	}
	keepTogether(pdf, float64(len(lines))*lh+2*pad)
	strip := func(h float64) {
		if !fits(pdf, h) {
			pdf.AddPage()
		}
		y := pdf.GetY()
		fillColor(pdf, noteFill)
		pdf.Rect(l, y, w, h, "F")
		fillColor(pdf, noteBar)
		pdf.Rect(l, y, bar, h, "F")
	}
	strip(pad)
	pdf.SetY(pdf.GetY() + pad)
	for i, ln := range lines {
		if ln.first && i > 0 {
			strip(1)
			pdf.SetY(pdf.GetY() + 1)
		}
		strip(lh)
		pdf.SetX(l + bar + pad)
		labelWidth := 0.0
		if ln.label != "" {
			labelWidth = pdf.GetStringWidth(ln.label)
			textColor(pdf, noteLabel)
			pdf.CellFormat(labelWidth, lh, ln.label, "", 0, "L", false, 0, "")
		}
		textColor(pdf, black)
		pdf.CellFormat(textWidth-labelWidth, lh, ln.text, "", 1, "L", false, 0, "")
	}
	strip(pad)
	pdf.SetXY(l, pdf.GetY()+pad+3)
}

// boxHead writes a framed block's title and its grey note lines at x,
// from the current line down.
func boxHead(pdf *gofpdf.Fpdf, x, width, lh float64, title string, note []string, noteSize float64) {
	pdf.SetFont(fontName, "", 11)
	textColor(pdf, titleColor)
	pdf.CellFormat(width, 6, firstLine(pdf, title, width), "", 2, "L", false, 0, "")
	pdf.Ln(1)
	pdf.SetFont(fontName, "", noteSize)
	textColor(pdf, grey)
	for _, n := range note {
		pdf.SetX(x)
		pdf.CellFormat(width, lh, n, "", 2, "L", false, 0, "")
	}
}

const signaturePad, signatureSeal = 4.0, 26.0

// signatureLayout is a signature block's wrapped text and its height.
type signatureLayout struct {
	textWidth, lh, textHeight, height float64
	note, declared                    []string
}

// measureSignature wraps a signature block's text at width and sizes the
// block, before anything is drawn.
func measureSignature(pdf *gofpdf.Fpdf, s SignatureBlock, width float64) signatureLayout {
	const pad, seal = signaturePad, signatureSeal
	m := signatureLayout{textWidth: width - 2*pad}
	if s.Seal != "" {
		m.textWidth -= seal + 6
	}
	pdf.SetFont(fontName, "", 9.5)
	m.lh = lineHeight(pdf)
	m.note = wrap(pdf, s.Note, m.textWidth)
	pdf.SetFont(fontName, "", 10.5)
	m.declared = wrap(pdf, s.Text, m.textWidth)
	m.textHeight = 7 + float64(len(m.note))*m.lh + float64(len(m.declared))*(m.lh+0.5)
	lines := 3 + 9 + 2.0 // the signature and date lines, side by side below the text and seal
	if s.Seal != "" {
		m.textHeight = max(m.textHeight, seal)
	}
	m.height = m.textHeight + lines + 2*pad
	return m
}

// signatureAt draws the block at x, width wide, from the current y, and
// returns its foot: what the signer declares and, under it, lines for the
// signature and the date side by side at the left; a box for the company
// seal at the right.
func signatureAt(pdf *gofpdf.Fpdf, s SignatureBlock, l, w float64) float64 {
	const pad, seal = signaturePad, signatureSeal
	m := measureSignature(pdf, s, w)
	textWidth, lh, note, declared, textHeight, height := m.textWidth, m.lh, m.note, m.declared, m.textHeight, m.height
	top := pdf.GetY()

	pdf.SetXY(l+pad, top+pad)
	boxHead(pdf, l+pad, textWidth, lh, s.Title, note, 9.5)
	pdf.SetFont(fontName, "", 10.5)
	textColor(pdf, black)
	for _, d := range declared {
		pdf.SetX(l + pad)
		pdf.CellFormat(textWidth, lh+0.5, d, "", 2, "L", false, 0, "")
	}

	pdf.SetFont(fontName, "", 9)
	drawColor(pdf, rule)
	pdf.SetLineWidth(0.3)
	if s.Seal != "" {
		x := l + w - pad - seal
		pdf.SetDashPattern([]float64{1.5, 1.2}, 0)
		pdf.Rect(x, top+pad, seal, seal, "D")
		pdf.SetDashPattern(nil, 0)
		textColor(pdf, grey)
		pdf.SetXY(x, top+pad+seal-7)
		pdf.CellFormat(seal, 5, firstLine(pdf, s.Seal, seal-2), "", 0, "C", false, 0, "")
	}
	// Across the box, the signature takes three fifths of the line, the
	// date the rest.
	base := top + pad + textHeight + 3 + 9
	widths := []float64{(w-2*pad)*0.6 - 3, (w-2*pad)*0.4 - 3}
	x := l + pad
	for i, label := range []string{s.Signature, s.Date} {
		labelWidth := min(pdf.GetStringWidth(printable(label))+2, widths[i]/2)
		textColor(pdf, grey)
		pdf.SetXY(x, base-5)
		pdf.CellFormat(labelWidth, 5, firstLine(pdf, label, labelWidth), "", 0, "L", false, 0, "")
		drawColor(pdf, black)
		pdf.SetLineWidth(0.25)
		pdf.Line(x+labelWidth, base, x+widths[i], base)
		x += widths[i] + 6
	}
	textColor(pdf, black)

	drawColor(pdf, rule)
	pdf.SetLineWidth(0.3)
	pdf.Rect(l, top, w, height, "D")
	return top + height
}

// PaperFor is the page size a document prints on: the one asked for, else
// the one the shop chose in Settings.
func PaperFor(asked Paper, shop app.Shop) Paper {
	switch {
	case asked != "":
		return asked
	case shop.Paper == app.PaperLetter:
		return PaperLetter
	}
	return PaperA4
}
