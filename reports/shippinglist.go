package reports

import (
	"cmp"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"orderdesk/app"
)

// ShippingListOptions are the choices made when the day's shipping list
// is printed.
type ShippingListOptions struct {
	Lang  Lang
	Paper Paper
	Now   time.Time // printed in the head; the PDF's creation date
}

// ShippingList is the day's shipments for the drivers, per carrier
// as printed: every label and value already written out. Each
// carrier starts on a new page, so that each driver signs a sheet of
// their own.
type ShippingList struct {
	Paper   Paper
	Created time.Time

	Shop    string // the compact head: the shop's name and phone
	Printed string // "Printed 2 Nov 2026 17:40"
	Title   string
	Day     Fact   // "Shipping date", "2 Nov 2026"
	Empty   string // said instead of the carriers when nothing ships
	Runs    []CarrierRun

	Footer    string
	PageLabel string // "Page {n} of {total}"
}

// CarrierRun is what one carrier's driver takes away.
type CarrierRun struct {
	Carrier   string
	Continued string // the head of the pages it runs onto: "SF Express (continued)"
	Summary   []Fact // shipments, packages, total weight: beside the carrier
	Heads     ShippingRow
	Rows      []ShippingRow
	SignLines []string // "Driver", "Time"
}

// ShippingRow is one shipment on the list.
type ShippingRow struct {
	Number, Orders, Recipient, City, Packages, Weight, Tracking string
}

func (r ShippingRow) cells() []string {
	return []string{r.Number, r.Orders, r.Recipient, r.City, r.Packages, r.Weight, r.Tracking}
}

// NewShippingList writes out the day's shipments in opt.Lang, grouped per
// carrier (by name; shipments without one last) and by shipment number
// within a carrier.
func NewShippingList(shop app.Shop, shipments []app.Shipment, day time.Time, opt ShippingListOptions) ShippingList {
	l := opt.Lang
	v := ShippingList{
		Paper:     opt.Paper,
		Created:   opt.Now,
		Shop:      joinNonEmpty(" · ", shop.Name, shop.Phone),
		Printed:   joinNonEmpty(" ", l.label("printed"), l.dateTime(opt.Now)),
		Title:     l.label("shiplist.title"),
		Day:       Fact{l.label("ship_date"), l.date(day)},
		Footer:    joinNonEmpty(" · ", shop.Name, l.label("shiplist.title"), l.date(day)),
		PageLabel: l.label("page"),
	}
	sorted := slices.Clone(shipments)
	slices.SortStableFunc(sorted, func(a, b app.Shipment) int {
		// Shipments without a carrier come last.
		if (a.Carrier == "") != (b.Carrier == "") {
			if a.Carrier == "" {
				return 1
			}
			return -1
		}
		return cmp.Or(strings.Compare(a.Carrier, b.Carrier), strings.Compare(a.Number, b.Number))
	})
	heads := ShippingRow{l.label("shipment_number"), l.label("orders"), l.label("recipient"), l.label("city"),
		l.label("packages"), l.label("weight"), l.label("tracking")}
	for i := 0; i < len(sorted); {
		j := i
		for j < len(sorted) && sorted[j].Carrier == sorted[i].Carrier {
			j++
		}
		run := CarrierRun{Carrier: sorted[i].Carrier, Heads: heads,
			SignLines: []string{l.label("driver"), l.label("handover_time")}}
		if run.Carrier == "" {
			run.Carrier = l.label("no_carrier")
		}
		run.Continued = continued(l, run.Carrier)
		var packages int
		var grams int64
		for k := i; k < j; k++ {
			s := &sorted[k]
			packages += len(s.Packages)
			grams += s.WeightGrams()
			run.Rows = append(run.Rows, ShippingRow{Number: s.Number, Orders: strings.Join(shipmentOrders(s), ", "),
				Recipient: s.RecipientName, City: city(s.Address), Packages: count(len(s.Packages)),
				Weight: weight(s.WeightGrams()), Tracking: s.TrackingNumber})
		}
		run.Summary = []Fact{
			{l.label("shipments"), count(j - i)},
			{l.label("packages"), count(packages)},
			{l.label("total_weight"), weight(grams)},
		}
		v.Runs = append(v.Runs, run)
		i = j
	}
	if len(v.Runs) == 0 {
		v.Empty = l.label("shiplist.none")
	}
	return v
}

// WriteShippingList prints the list, each carrier from a new page.
func WriteShippingList(w io.Writer, v ShippingList) error {
	pdf, err := newPDF(v.Paper, v.Created)
	if err != nil {
		return err
	}
	footer(pdf, v.Footer, v.PageLabel)
	pages := newSections(pdf, v.Shop)
	head := func() {
		title(pdf, v.Title)
		paragraph(pdf, v.Day.Label+"  "+v.Day.Value, 10.5)
	}
	if len(v.Runs) == 0 {
		pages.begin(v.Printed, v.Printed)
		head()
		paragraph(pdf, v.Empty, 10.5)
	}
	for _, run := range v.Runs {
		pages.begin(v.Printed, joinNonEmpty(" · ", run.Continued, v.Printed))
		head()
		writeCarrierRun(pdf, run)
	}
	return finish(pdf, w)
}

func writeCarrierRun(pdf *gofpdf.Fpdf, run CarrierRun) {
	// The carrier large at the left, its figures at the right, over a
	// rule.
	l, w := leftEdge(pdf), bodyWidth(pdf)
	y := pdf.GetY() + 1
	parts := make([]string, 0, len(run.Summary))
	for _, f := range filled(run.Summary) {
		parts = append(parts, f.Label+" "+f.Value)
	}
	pdf.SetFont(fontName, "", 10.5)
	summary := firstLine(pdf, strings.Join(parts, "  ·  "), w*0.6)
	summaryWidth := pdf.GetStringWidth(summary) + 2*pdf.GetCellMargin()
	pdf.SetXY(l+w-summaryWidth, y+1.5)
	pdf.CellFormat(summaryWidth, 6, summary, "", 0, "R", false, 0, "")
	pdf.SetFont(fontName, "", 14)
	textColor(pdf, titleColor)
	pdf.SetXY(l, y)
	pdf.CellFormat(w-summaryWidth-4, 8, firstLine(pdf, run.Carrier, w-summaryWidth-6), "", 0, "L", false, 0, "")
	textColor(pdf, black)
	drawColor(pdf, titleColor)
	pdf.SetLineWidth(0.4)
	pdf.Line(l, y+9, l+w, y+9)
	pdf.SetXY(l, y+12)

	pdf.SetFont(fontName, "", 9)
	rows := make([][]string, len(run.Rows))
	for i, r := range run.Rows {
		rows[i] = r.cells()
	}
	cols, keep := flexColumns(pdf, run.Heads.cells(), rows, []string{"L", "L", "L", "L", "R", "R", "L"},
		1, []float64{0.18, 1, 0.17, 0.17, 0.09, 0.11, 0.2})
	table(pdf, cols, pickCells(rows, keep))
	pdf.Ln(4)
	signLines(pdf, run.SignLines)
}
