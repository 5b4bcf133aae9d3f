package reports

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"orderdesk/app"
)

// Barcode labels for the shelves: a product's SKU, or a bin's code, as a
// Code 128 barcode and in words, for goods as they arrive and shelves as
// they are set up. On A4 sheets of sticky labels for an office printer,
// or one label at a time for a thermal printer.

// ItemLabels are the labels to print, in order.
type ItemLabels struct {
	Created time.Time
	Labels  []ItemLabel
}

// ItemLabel is one product's or bin's label, and how many of it.
type ItemLabel struct {
	Code   string // the SKU or bin code: the barcode, and large under it
	Name   string // the product's name, or the bin's warehouse
	Detail string // the product's spec; a bin's place in words
	Copies int
}

// ProductLabelCount is a product and how many labels it gets: one a unit
// received, or as many as asked.
type ProductLabelCount struct {
	Product app.Product
	Copies  int
}

// NewProductLabels writes out the products' labels: the SKU, the name in
// the shop's language and the spec.
func NewProductLabels(products []ProductLabelCount, now time.Time) ItemLabels {
	v := ItemLabels{Created: now}
	for _, p := range products {
		if p.Copies < 1 {
			continue
		}
		v.Labels = append(v.Labels, ItemLabel{Code: p.Product.SKU, Name: p.Product.Name, Detail: p.Product.Spec, Copies: p.Copies})
	}
	return v
}

// NewBinLabels writes out one label for each of a warehouse's bins: the
// code, the warehouse's name and code.
func NewBinLabels(w app.Warehouse, bins []app.Bin, now time.Time) ItemLabels {
	v := ItemLabels{Created: now}
	for _, b := range bins {
		v.Labels = append(v.Labels, ItemLabel{Code: b.Code, Name: joinNonEmpty(" ", w.Name, w.Code), Copies: 1})
	}
	return v
}

// Count is how many labels print, copies included.
func (v ItemLabels) Count() int {
	n := 0
	for _, l := range v.Labels {
		n += max(l.Copies, 1)
	}
	return n
}

// LabelSheet is a layout of sticky labels on A4.
type LabelSheet string

const (
	Sheet3x8 LabelSheet = "3x8" // 24 labels of 70 × 37 mm (as Avery 3474, Herma 4453)
	Sheet3x7 LabelSheet = "3x7" // 21 labels of 70 × 42.3 mm (as Avery 3652, Herma 4463)
)

// sheetLayout is where a sheet's labels sit: the commercial sheets have
// no side margins and split what the rows leave of 297 mm top and
// bottom.
type sheetLayout struct {
	cols, rows int
	w, h, top  float64
}

func (s LabelSheet) layout() (sheetLayout, error) {
	switch s {
	case Sheet3x8:
		return sheetLayout{cols: 3, rows: 8, w: 70, h: 37, top: (297 - 8*37) / 2.0}, nil
	case Sheet3x7:
		return sheetLayout{cols: 3, rows: 7, w: 70, h: 42.3, top: (297 - 7*42.3) / 2}, nil
	}
	return sheetLayout{}, fmt.Errorf("unknown label sheet %q: 3x8 or 3x7", string(s))
}

// PerSheet is how many labels one sheet holds.
func (s LabelSheet) PerSheet() int {
	l, _ := s.layout()
	return l.cols * l.rows
}

// WriteItemLabelSheets prints the labels on A4 sheets, row by row, as
// many sheets as they take.
func WriteItemLabelSheets(w io.Writer, v ItemLabels, sheet LabelSheet) error {
	lay, err := sheet.layout()
	if err != nil {
		return err
	}
	pdf, err := newPDF(PaperA4, v.Created)
	if err != nil {
		return err
	}
	// The sheet is cut to the labels: no page margins, no page breaks
	// but the ones made here.
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	n := 0
	for _, label := range v.Labels {
		for range max(label.Copies, 1) {
			at := n % (lay.cols * lay.rows)
			if at == 0 {
				pdf.AddPage()
			}
			x := float64(at%lay.cols) * lay.w
			y := lay.top + float64(at/lay.cols)*lay.h
			writeItemLabel(pdf, label, x, y, lay.w, lay.h)
			n++
		}
	}
	if n == 0 {
		return fmt.Errorf("no labels to print")
	}
	return finish(pdf, w)
}

// writeItemLabel draws one label in its cell: the name (two lines at
// most) and detail at the top, the barcode, the code large under it.
// The insets keep clear of what an office printer cannot reach and of
// a sheet fed a little askew.
func writeItemLabel(pdf *gofpdf.Fpdf, v ItemLabel, x, y, w, h float64) {
	const side, top = 5.0, 3.5
	l, width := x+side, w-2*side
	cy := y + top
	size := 8.5
	name := fitLines(pdf, v.Name, width, &size, 2, 6.5)
	for _, line := range name[:min(len(name), 2)] {
		pdf.SetXY(l, cy)
		pdf.CellFormat(width, size*0.3528*1.2, line, "", 0, "L", false, 0, "")
		cy += size * 0.3528 * 1.2
	}
	if v.Detail != "" {
		pdf.SetFont(fontName, "", 7)
		textColor(pdf, grey)
		pdf.SetXY(l, cy)
		pdf.CellFormat(width, 3, firstLine(pdf, v.Detail, width), "", 0, "L", false, 0, "")
		textColor(pdf, black)
		cy += 3
	}
	caption := 11.0
	bars := y + h - top - caption*0.3528*1.25 - 0.6 - (cy + 1)
	barcodeWithText(pdf, v.Code, v.Code, l, cy+1, width, max(bars, 6), 0.4, caption)
}

// The thermal product label: 50 × 25 mm, the common roll of small
// direct-thermal labels (2 × 1 in).
const (
	itemLabelWidth, itemLabelHeight = 50.0, 25.0
)

// WriteItemLabelsZPL writes one 50 × 25 mm label for each, its copies
// printed by the printer (^PQ), at dpi (203 or 300).
func WriteItemLabelsZPL(w io.Writer, v ItemLabels, dpi int) error {
	if err := CheckDPI(dpi); err != nil {
		return err
	}
	if len(v.Labels) == 0 {
		return fmt.Errorf("no labels to print")
	}
	var b strings.Builder
	for _, label := range v.Labels {
		z := startZPL(&b, dpi, itemLabelWidth, itemLabelHeight)
		z.itemLabel(label)
		fmt.Fprintf(&b, "^PQ%d\n", max(label.Copies, 1))
		z.end()
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (z *zplLabel) itemLabel(v ItemLabel) {
	const side, top = 2.0, 1.5
	width := itemLabelWidth - 2*side
	name := joinNonEmpty(" · ", v.Name, v.Detail)
	z.text(side, top, width, 3, name, "L", false)
	if z.barcode(v.Code, side, top+4, width, 11, 0.375) {
		z.text(side, top+16, width, 4, v.Code, "C", false)
		return
	}
	// A code Code 128 cannot hold prints large in words alone.
	z.text(side, top+8, width, 6, v.Code, "C", false)
}
