package reports

import (
	"io"
	"time"
)

// OrderSheet is an order as it is printed: every value already written
// out in the reader's language.
type OrderSheet struct {
	Created time.Time // the document's date, for a stable file
	Paper   Paper     // zero: A4

	ShopName, ShopLines string // letterhead: name, then address and contacts
	Logo                []byte // PNG or JPEG; empty: none
	Title               string // "Order 202605-001"
	Facts               [][2]string
	LineHeads           [6]string // product, spec, qty, unit price, discount, subtotal
	Lines               [][6]string
	Totals              [][2]string // the last one is the amount to pay
	Notes               [][2]string // special requests and the like, highlighted
	Footer              string
}

// WriteOrderSheet prints an order.
func WriteOrderSheet(w io.Writer, v OrderSheet) error {
	pdf, err := newPDF(v.Paper, v.Created)
	if err != nil {
		return err
	}
	footer(pdf, v.Footer, "{n} / {total}")
	pdf.AddPage()
	letterhead(pdf, Letterhead{ShopName: v.ShopName, Lines: v.ShopLines, Logo: v.Logo})
	title(pdf, v.Title)
	label := labelShare(pdf, factList(v.Facts))
	facts(pdf, label, FactGroup{Facts: factList(v.Facts)}, FactGroup{})
	pdf.Ln(3)

	shares := [6]float64{0.34, 0.21, 0.08, 0.125, 0.11, 0.135}
	aligns := [6]string{"L", "L", "R", "R", "R", "R"}
	cols := make([]column, 6)
	for i := range cols {
		cols[i] = column{head: v.LineHeads[i], width: shares[i], align: aligns[i]}
	}
	rows := make([]row, len(v.Lines))
	for i, l := range v.Lines {
		rows[i] = row{cells: l[:]}
	}
	pdf.SetFont(fontName, "", 9)
	table(pdf, cols, rows)

	sums := factList(v.Totals)
	var payable Fact
	if len(sums) > 0 {
		sums, payable = sums[:len(sums)-1], sums[len(sums)-1]
	}
	totals(pdf, label, sums, payable, nil)
	notes(pdf, factList(v.Notes))
	return finish(pdf, w)
}

func factList(pairs [][2]string) []Fact {
	out := make([]Fact, len(pairs))
	for i, p := range pairs {
		out[i] = Fact{Label: p[0], Value: p[1]}
	}
	return out
}
