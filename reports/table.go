package reports

import (
	"math"

	"github.com/jung-kurt/gofpdf"
)

// column is one column of a table.
type column struct {
	head  string
	width float64 // share of the table's width; a table's shares add up to 1
	align string  // "L", "C" or "R"
	muted bool    // grey text, for labels
}

// row is one row of a table.
type row struct {
	cells     []string
	highlight bool
}

// grid lays out rows of wrapped cells and breaks pages between lines,
// never through one; a table repeats its header on every new page.
type grid struct {
	pdf    *gofpdf.Fpdf
	cols   []column
	x, w   []float64 // each column's left edge and width
	left   float64
	width  float64
	padY   float64 // above and below each row's text
	header bool    // print the heads as a shaded first row
	rules  bool    // a hairline under each row
	// Where the rows start on the page the header was last written on:
	// a row that does not fit there is split rather than moved on.
	page int
	top  float64
}

func newGrid(pdf *gofpdf.Fpdf, cols []column, left, width float64) *grid {
	g := &grid{pdf: pdf, cols: cols, left: left, width: width, padY: 1}
	x := left
	for _, c := range cols {
		g.x = append(g.x, x)
		g.w = append(g.w, c.width*width)
		x += c.width * width
	}
	return g
}

// table writes rows under a shaded header row that is repeated at the
// top of every page the table runs onto. Each row is as tall as its
// tallest wrapped cell. Call it with the table's font set.
func table(pdf *gofpdf.Fpdf, cols []column, rows []row) {
	g := newGrid(pdf, cols, leftEdge(pdf), bodyWidth(pdf))
	g.header, g.rules = true, true
	// The header never stands alone at the foot of a page.
	keepTogether(pdf, 3*(lineHeight(pdf)+2*g.padY))
	g.writeHeader()
	for _, r := range rows {
		fill := (*rgb)(nil)
		if r.highlight {
			fill = &rowShade
		}
		g.writeRow(r.cells, fill)
	}
}

func (g *grid) writeHeader() {
	heads := make([]string, len(g.cols))
	for i, c := range g.cols {
		heads[i] = c.head
	}
	g.paint(g.wrapCells(heads), 0, -1, &headShade)
	g.page, g.top = g.pdf.PageNo(), g.pdf.GetY()
}

func (g *grid) newPage() {
	g.pdf.AddPage()
	g.pdf.SetX(g.left)
	g.page, g.top = g.pdf.PageNo(), g.pdf.GetY()
	if g.header {
		g.writeHeader()
	}
}

func (g *grid) wrapCells(cells []string) [][]string {
	lines := make([][]string, len(g.cols))
	for i := range g.cols {
		if i < len(cells) {
			lines[i] = wrap(g.pdf, cells[i], g.w[i]-2*cellPadX)
		}
	}
	return lines
}

// writeRow writes one row: on this page if it fits, else on the next;
// a row taller than a whole page is split between lines.
func (g *grid) writeRow(cells []string, fill *rgb) {
	lines := g.wrapCells(cells)
	count := 0
	for _, l := range lines {
		count = max(count, len(l))
	}
	lh := lineHeight(g.pdf)
	for from := 0; from < count; {
		room := int(math.Floor((pageBottom(g.pdf)-g.pdf.GetY()-2*g.padY)/lh + 1e-9))
		fresh := g.pdf.PageNo() == g.page && g.pdf.GetY() <= g.top+0.01
		switch {
		case room >= count-from:
			g.paint(lines, from, count, fill)
			return
		case !fresh:
			g.newPage()
		default:
			to := from + max(room, 1)
			g.paint(lines, from, to, fill)
			from = to
			g.newPage()
		}
	}
}

// paint draws lines [from, to) of a row's cells (to < 0: all of them)
// at the current y and moves below them.
func (g *grid) paint(lines [][]string, from, to int, fill *rgb) {
	pdf := g.pdf
	if to < 0 {
		for _, l := range lines {
			to = max(to, len(l))
		}
	}
	lh := lineHeight(pdf)
	y := pdf.GetY()
	height := float64(to-from)*lh + 2*g.padY
	if fill != nil {
		fillColor(pdf, *fill)
		pdf.Rect(g.left, y, g.width, height, "F")
	}
	for i, c := range g.cols {
		textColor(pdf, black)
		if c.muted {
			textColor(pdf, grey)
		}
		for k := from; k < to && k < len(lines[i]); k++ {
			pdf.SetXY(g.x[i]+cellPadX, y+g.padY+float64(k-from)*lh)
			pdf.CellFormat(g.w[i]-2*cellPadX, lh, lines[i][k], "", 0, c.align, false, 0, "")
		}
	}
	textColor(pdf, black)
	if g.rules {
		drawColor(pdf, rule)
		pdf.SetLineWidth(0.15)
		pdf.Line(g.left, y+height, g.left+g.width, y+height)
	}
	pdf.SetXY(g.left, y+height)
}
