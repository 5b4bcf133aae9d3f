package reports

import (
	"slices"

	"github.com/jung-kurt/gofpdf"
)

// The heights of blocks as the functions that draw them draw them, so a
// group of blocks can be kept together before any of it is drawn. Each
// includes the space its drawing leaves after it.

// paragraphHeight is paragraph's height.
func paragraphHeight(pdf *gofpdf.Fpdf, s string, size float64) float64 {
	if s == "" {
		return 0
	}
	pdf.SetFont(fontName, "", size)
	return float64(len(wrap(pdf, s, bodyWidth(pdf))))*lineHeight(pdf) + 2
}

// totalsHeight is totals' height: the longer of the sums (with the amount
// to pay, larger) and the payment facts beside them.
func totalsHeight(pdf *gofpdf.Fpdf, sums, payment []Fact) float64 {
	sums, payment = filled(sums), filled(payment)
	pdf.SetFont(fontName, "", factSize)
	lh := lineHeight(pdf)
	row := lh + 0.9
	right := float64(len(sums))*row + 1 + 12*0.3528*1.45 + 0.9
	return 1.5 + max(right, float64(len(payment))*row) + 3
}

// notesHeight is notes' height.
func notesHeight(pdf *gofpdf.Fpdf, items []Fact) float64 {
	items = filled(items)
	if len(items) == 0 {
		return 0
	}
	const pad, bar = 2.0, 1.2
	pdf.SetFont(fontName, "", 10)
	lh := lineHeight(pdf)
	width := bodyWidth(pdf) - 2*pad - bar
	lines := 0
	for _, it := range items {
		lines += len(wrap(pdf, printable(it.Label)+" "+it.Value, width))
	}
	return float64(lines)*lh + float64(len(items)-1) + 2*pad + 3
}

// factColumns writes groups of facts side by side, each under its title
// in its own column, the label column as wide as its longest label; each
// column runs down on its own. It fits three groups (order, customer,
// delivery) in the height two took one above the other.
func factColumns(pdf *gofpdf.Fpdf, groups ...FactGroup) {
	if factColumnsHeight(pdf, groups) == 0 {
		return
	}
	keepTogether(pdf, factColumnsHeight(pdf, groups))
	top, foot := pdf.GetY(), pdf.GetY()
	for i, g := range groups {
		x, width := factColumn(pdf, len(groups), i)
		pdf.SetFont(fontName, "", 10.5)
		textColor(pdf, titleColor)
		drawColor(pdf, titleColor)
		pdf.SetLineWidth(0.25)
		pdf.SetXY(x, top)
		pdf.CellFormat(width, 6, firstLine(pdf, g.Title, width), "", 0, "L", false, 0, "")
		pdf.Line(x, top+6.3, x+width, top+6.3)
		textColor(pdf, black)
		pdf.SetXY(x, top+7.5)
		pdf.SetFont(fontName, "", factSize)
		grid := newGrid(pdf, factGridColumns(pdf, g, width), x, width)
		grid.padY = 0.45
		for _, f := range filled(g.Facts) {
			grid.writeRow([]string{f.Label, f.Value}, nil)
		}
		foot = max(foot, pdf.GetY())
	}
	pdf.SetXY(leftEdge(pdf), foot)
}

// factColumn is where column i of n starts and how wide it is; of three,
// the last (the delivery) a little narrower.
func factColumn(pdf *gofpdf.Fpdf, n, i int) (x, width float64) {
	const gap = 4.0
	shares := []float64{0.34, 0.34, 0.32}
	if n != 3 {
		shares = make([]float64, n)
		for k := range shares {
			shares[k] = 1 / float64(n)
		}
	}
	room := bodyWidth(pdf) - gap*float64(n-1)
	x = leftEdge(pdf)
	for k := range i {
		x += shares[k]*room + gap
	}
	return x, shares[i] * room
}

// wrapInColumn is f's value wrapped as it would be in column i of three
// holding g's facts and f.
func wrapInColumn(pdf *gofpdf.Fpdf, g FactGroup, i int, f Fact) []string {
	_, width := factColumn(pdf, 3, i)
	g.Facts = append(slices.Clone(g.Facts), f)
	cols := factGridColumns(pdf, g, width)
	pdf.SetFont(fontName, "", factSize)
	return wrap(pdf, f.Value, cols[1].width*width-2*cellPadX)
}

// factGridColumns are a fact column's label and value columns.
func factGridColumns(pdf *gofpdf.Fpdf, g FactGroup, width float64) []column {
	pdf.SetFont(fontName, "", factSize)
	widest := 0.0
	for _, f := range filled(g.Facts) {
		widest = max(widest, pdf.GetStringWidth(printable(f.Label)))
	}
	label := min((widest+2*cellPadX+1)/width, 0.5)
	return []column{{width: label, align: "L", muted: true}, {width: 1 - label, align: "L"}}
}

// factColumnsHeight is factColumns' height: its tallest column's.
func factColumnsHeight(pdf *gofpdf.Fpdf, groups []FactGroup) float64 {
	h := 0.0
	for i, g := range groups {
		facts := filled(g.Facts)
		if len(facts) == 0 {
			continue
		}
		x, width := factColumn(pdf, len(groups), i)
		grid := newGrid(pdf, factGridColumns(pdf, g, width), x, width)
		pdf.SetFont(fontName, "", factSize)
		col := 7.5
		for _, f := range facts {
			n := 1
			for _, c := range grid.wrapCells([]string{f.Label, f.Value}) {
				n = max(n, len(c))
			}
			col += float64(n)*lineHeight(pdf) + 0.9
		}
		h = max(h, col)
	}
	return h
}
