package reports

import (
	"io"
	"time"
)

// OrderSheet is an order as it is printed: every value already written
// out in the reader's language.
type OrderSheet struct {
	Created time.Time // the document's date, for a stable file

	ShopName, ShopLines string // letterhead: name, then address and contacts
	Title               string // "Order 202605-001"
	Facts               [][2]string
	LineHeads           [6]string // product, spec, qty, unit price, discount, subtotal
	Lines               [][6]string
	Totals              [][2]string
	Notes               [][2]string // special requests and the like, highlighted
	Footer              string
}

// WriteOrderSheet prints an order on A4.
func WriteOrderSheet(w io.Writer, v OrderSheet) error {
	pdf, err := newPDF(v.Created)
	if err != nil {
		return err
	}
	pdf.AddPage()
	pdf.SetFooterFunc(func() {
		pdf.SetY(-12)
		pdf.SetFont(fontName, "", 8)
		pdf.CellFormat(0, 5, printable(v.Footer), "", 0, "C", false, 0, "")
	})
	pageWidth, _ := pdf.GetPageSize()
	body := pageWidth - 30

	pdf.SetFont(fontName, "", 16)
	text(pdf, v.ShopName, body, 8, "L")
	pdf.SetFont(fontName, "", 9)
	text(pdf, v.ShopLines, body, 4.5, "L")
	pdf.Ln(4)
	pdf.SetFont(fontName, "", 14)
	text(pdf, v.Title, body, 8, "L")
	pdf.Ln(2)

	pdf.SetFont(fontName, "", 10)
	for _, f := range v.Facts {
		if f[1] == "" {
			continue
		}
		y := pdf.GetY()
		pdf.SetTextColor(90, 90, 90)
		text(pdf, f[0], 40, 5.5, "L")
		after := pdf.GetY()
		pdf.SetXY(55, y)
		pdf.SetTextColor(0, 0, 0)
		text(pdf, f[1], body-40, 5.5, "L")
		pdf.SetY(max(after, pdf.GetY()))
	}
	pdf.Ln(4)

	widths := [6]float64{62, 38, 14, 22, 20, 24}
	aligns := [6]string{"L", "L", "R", "R", "R", "R"}
	pdf.SetFillColor(235, 235, 235)
	pdf.SetFont(fontName, "", 9)
	for i, h := range v.LineHeads {
		pdf.CellFormat(widths[i], 7, printable(h), "B", 0, aligns[i], true, 0, "")
	}
	pdf.Ln(-1)
	for _, l := range v.Lines {
		// The tallest cell sets the row's height.
		rows := 1
		cells := make([][]string, 6)
		for i := range l {
			cells[i] = wrap(pdf, l[i], widths[i]-1)
			rows = max(rows, len(cells[i]))
		}
		if pdf.GetY()+float64(rows)*5 > 280 {
			pdf.AddPage()
		}
		y := pdf.GetY()
		x := pdf.GetX()
		for i := range l {
			for k, line := range cells[i] {
				pdf.SetXY(x, y+float64(k)*5)
				pdf.CellFormat(widths[i], 5, line, "", 0, aligns[i], false, 0, "")
			}
			x += widths[i]
		}
		pdf.SetXY(15, y+float64(rows)*5)
		pdf.Line(15, pdf.GetY()+0.5, 15+body, pdf.GetY()+0.5)
		pdf.Ln(1.5)
	}
	pdf.Ln(2)
	for _, t := range v.Totals {
		pdf.SetX(15 + body - 80)
		pdf.CellFormat(50, 6, printable(t[0]), "", 0, "R", false, 0, "")
		pdf.CellFormat(30, 6, printable(t[1]), "", 1, "R", false, 0, "")
	}
	for _, n := range v.Notes {
		if n[1] == "" {
			continue
		}
		pdf.Ln(3)
		pdf.SetFillColor(255, 243, 205)
		pdf.SetFont(fontName, "", 10)
		lines := wrap(pdf, n[0]+": "+n[1], body-4)
		for _, l := range lines {
			pdf.CellFormat(body, 6, l, "", 1, "L", true, 0, "")
		}
	}
	return finish(pdf, w)
}
