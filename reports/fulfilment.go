package reports

import (
	"strconv"

	"github.com/jung-kurt/gofpdf"

	"orderdesk/app"
)

// What the fulfilment papers (pick lists, packing slips, shipping labels
// and lists) share: a compact head instead of the letterhead, badges for
// what must catch the eye, lines to sign on, and rows the grid places
// with drawings (barcodes, tick boxes) added after.

// workHead writes the shop at the left and a note (when it was printed)
// at the right in small grey type over a rule: working papers need no
// letterhead.
func workHead(pdf *gofpdf.Fpdf, shop, note string) {
	l, w := leftEdge(pdf), bodyWidth(pdf)
	y := pdf.GetY()
	pdf.SetFont(fontName, "", 8.5)
	textColor(pdf, grey)
	noteWidth := min(pdf.GetStringWidth(printable(note))+2*pdf.GetCellMargin(), w/2)
	pdf.SetXY(l, y)
	pdf.CellFormat(w-noteWidth-4, 5, firstLine(pdf, shop, w-noteWidth-6), "", 0, "L", false, 0, "")
	pdf.SetXY(l+w-noteWidth, y)
	pdf.CellFormat(noteWidth, 5, firstLine(pdf, note, noteWidth), "", 0, "R", false, 0, "")
	textColor(pdf, black)
	drawColor(pdf, rule)
	pdf.SetLineWidth(0.2)
	pdf.Line(l, y+5.6, l+w, y+5.6)
	pdf.SetXY(l, y+8)
}

// badge writes s in white on a dark box at x, y, size points high, and
// returns the box's width: urgency and handling marks must be seen from
// across the room.
func badge(pdf *gofpdf.Fpdf, s string, x, y, size float64, c rgb) float64 {
	if s == "" {
		return 0
	}
	pdf.SetFont(fontName, "", size)
	s = printable(s)
	h := size * 0.3528 * 1.5
	w := pdf.GetStringWidth(s) + h*0.8
	fillColor(pdf, c)
	pdf.Rect(x, y, w, h, "F")
	pdf.SetTextColor(255, 255, 255)
	pdf.SetXY(x, y)
	pdf.CellFormat(w, h, s, "", 0, "C", false, 0, "")
	textColor(pdf, black)
	return w
}

// urgentColor is the red of urgency badges.
var urgentColor = rgb{190, 30, 45}

// signLines writes a blank line to sign on after each label, side by
// side across the page, and keeps them on one page.
func signLines(pdf *gofpdf.Fpdf, labels []string) {
	if len(labels) == 0 {
		return
	}
	l, w := leftEdge(pdf), bodyWidth(pdf)
	const gap = 8.0
	keepTogether(pdf, 16)
	y := pdf.GetY() + 9
	each := (w - gap*float64(len(labels)-1)) / float64(len(labels))
	pdf.SetFont(fontName, "", 9.5)
	for i, label := range labels {
		x := l + float64(i)*(each+gap)
		label = firstLine(pdf, label, each*0.45)
		lw := pdf.GetStringWidth(label) + 2
		textColor(pdf, grey)
		pdf.SetXY(x, y-5)
		pdf.CellFormat(lw, 5, label, "", 0, "L", false, 0, "")
		drawColor(pdf, black)
		pdf.SetLineWidth(0.25)
		pdf.Line(x+lw, y, x+each, y)
	}
	textColor(pdf, black)
	pdf.SetXY(l, y+4)
}

// writeRowThen writes one row like writeRow, then calls draw with the
// row's top and height for what text cells cannot hold: barcodes and tick
// boxes in lines the cells leave blank. The rows of these papers are a
// few lines high, never split between pages.
func (g *grid) writeRowThen(cells []string, fill *rgb, draw func(top, height float64)) {
	page, top := g.pdf.PageNo(), g.pdf.GetY()
	g.writeRow(cells, fill)
	if g.pdf.PageNo() != page {
		// The row moved to a new page, under the repeated header.
		top = g.top
	}
	draw(top, g.pdf.GetY()-top)
}

// tickBox draws an empty square to tick, size mm wide, centred in the
// column at x, w wide, from y.
func tickBox(pdf *gofpdf.Fpdf, x, w, y, size float64) {
	drawColor(pdf, black)
	pdf.SetLineWidth(0.3)
	pdf.Rect(x+(w-size)/2, y, size, size, "D")
}

// weight writes grams as kilograms with two decimals: "1.25 kg".
func weight(grams int64) string {
	if grams <= 0 {
		return ""
	}
	g := (grams + 5) / 10 // in tens of grams, rounded
	return strconv.FormatInt(g/100, 10) + "." + pad2(g%100) + " kg"
}

func pad2(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// city is where an address is, for lists: the city and district, else
// the province.
func city(a app.Address) string {
	if c := joinNonEmpty(" ", a.City, a.District); c != "" {
		return c
	}
	return a.Province
}

// shipmentOrders are the numbers of the orders a shipment carries, in
// the order its lines name them.
func shipmentOrders(s *app.Shipment) []string {
	var out []string
	seen := map[string]bool{}
	for _, line := range s.Lines {
		if line.OrderNumber != "" && !seen[line.OrderNumber] {
			seen[line.OrderNumber] = true
			out = append(out, line.OrderNumber)
		}
	}
	return out
}

// count writes a number of things: "3".
func count(n int) string { return app.FormatCount(int64(n)) }

// flexColumns sizes a table's columns to what they hold, like the
// letter's items: each column as wide as its widest cell up to its cap
// (a share of the body), and the flex column (the product's name) gets
// what is left. Columns without a head, and those no row fills, are left
// out; keep lists the columns shown. Call it with the table's font set.
func flexColumns(pdf *gofpdf.Fpdf, heads []string, rows [][]string, aligns []string, flex int, caps []float64) (cols []column, keep []int) {
	body := bodyWidth(pdf)
	taken, flexAt := 0.0, -1
	for i, h := range heads {
		widest, used := pdf.GetStringWidth(printable(h)), len(rows) == 0
		for _, r := range rows {
			if i < len(r) && r[i] != "" {
				used = true
				widest = max(widest, pdf.GetStringWidth(printable(r[i])))
			}
		}
		if h == "" || !used {
			continue
		}
		keep = append(keep, i)
		share := 0.0
		if i == flex {
			flexAt = len(cols)
		} else {
			share = min((widest+2*cellPadX+1.5)/body, caps[i])
			taken += share
		}
		cols = append(cols, column{head: h, width: share, align: aligns[i]})
	}
	if flexAt >= 0 {
		cols[flexAt].width = max(1-taken, 0.22)
	}
	// Should the columns need more than the width, all give way alike.
	total := 0.0
	for _, c := range cols {
		total += c.width
	}
	for i := range cols {
		cols[i].width /= total
	}
	return cols, keep
}

// pickCells keeps the cells of the columns shown.
func pickCells(rows [][]string, keep []int) []row {
	out := make([]row, len(rows))
	for i, r := range rows {
		cells := make([]string, len(keep))
		for j, k := range keep {
			if k < len(r) {
				cells[j] = r[k]
			}
		}
		out[i] = row{cells: cells}
	}
	return out
}

// sections starts each section of a batch (an order's pick list, a
// shipment's slip, a carrier's run) on a new page. The pages a section
// runs onto carry the compact head with the section's name, so that a
// loose page finds its place again; its first page has the head only
// when the section asks for it.
type sections struct {
	pdf   *gofpdf.Fpdf
	shop  string
	start int // the section's first page
	// The head's note on the first page ("": no head) and on the pages
	// after it.
	first, next string
}

func newSections(pdf *gofpdf.Fpdf, shop string) *sections {
	s := &sections{pdf: pdf, shop: shop}
	pdf.SetHeaderFunc(func() {
		switch {
		case pdf.PageNo() > s.start:
			workHead(pdf, s.shop, s.next)
		case s.first != "":
			workHead(pdf, s.shop, s.first)
		}
	})
	return s
}

// begin starts a section on a new page; first and next are the head's
// notes on its first page and on the pages after it.
func (s *sections) begin(first, next string) {
	s.first, s.next = first, next
	s.start = s.pdf.PageNo() + 1
	s.pdf.AddPage()
}

// continued is a section's name on the pages it runs onto:
// "202611-007 (continued)".
func continued(l Lang, name string) string {
	if l.chinese() {
		return name + "（" + l.label("continued") + "）"
	}
	return name + " (" + l.label("continued") + ")"
}
