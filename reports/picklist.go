package reports

import (
	"io"
	"slices"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"orderdesk/app"
)

// PickListOptions are the choices made when pick lists are printed.
type PickListOptions struct {
	Lang  Lang
	Paper Paper
	Now   time.Time // printed on every sheet; the PDF's creation date
	// BySKU prints one walk for the whole batch instead: every list's
	// stops summed per warehouse, bin and product, with the orders the
	// units go to (big sale days).
	BySKU bool
	// WithOrders, with BySKU, adds each order's own list after the walk,
	// for sorting the picked goods into orders.
	WithOrders bool
}

// PickLists is a batch of pick lists as printed: every label and
// value already written out. Each sheet starts on a new page.
type PickLists struct {
	Paper   Paper
	Created time.Time

	Shop    string // the compact head: the shop's name and phone
	Printed string // "Printed 2 Nov 2026 10:15"
	Sheets  []PickSheet

	Footer    string
	PageLabel string // "Page {n} of {total}"
}

// PickSheet is one order's pick list, or the batch's walk by SKU.
type PickSheet struct {
	Title       string // "Pick list"
	Continued   string // the head of the pages it runs onto: "202611-007 (continued)"
	OrderNumber string // printed large with its barcode; empty on the walk
	Urgent      string // a red badge beside the title; empty: none
	Facts       []Fact // recipient, city, warehouse…; two to a line
	Notes       []Fact // special requests: highlighted

	// Rows in walking order under Heads; Heads.Orders empty: no orders
	// column.
	Heads PickRow
	Rows  []PickRow
	Total Fact // the units to pick

	SignLines []string // "Picked by", "Checked by"
}

// PickRow is one stop on the walk.
type PickRow struct {
	Bin     string // warehouse code and bin: "SH A-1-1"
	SKU     string
	Barcode string // what the SKU's barcode holds: the product's barcode, else the SKU
	Product string
	Spec    string
	Unit    string
	Qty     string
	Orders  string // the walk only: "202611-007 ×2, 202611-009 ×1"
	Check   string // the tick column's head
}

// NewPickLists writes out pick lists in opt.Lang: one sheet per order,
// stops in walking order; or, with opt.BySKU, the batch's walk by SKU.
func NewPickLists(shop app.Shop, lists []app.PickList, opt PickListOptions) PickLists {
	l := opt.Lang
	v := PickLists{
		Paper:     opt.Paper,
		Created:   opt.Now,
		Shop:      joinNonEmpty(" · ", shop.Name, shop.Phone),
		Printed:   joinNonEmpty(" ", l.label("printed"), l.dateTime(opt.Now)),
		Footer:    joinNonEmpty(" · ", shop.Name, l.label("pick.title")),
		PageLabel: l.label("page"),
	}
	if opt.BySKU {
		v.Sheets = append(v.Sheets, pickWalk(l, lists))
		if !opt.WithOrders {
			return v
		}
	}
	for _, list := range lists {
		v.Sheets = append(v.Sheets, pickSheet(l, list))
	}
	return v
}

func pickHeads(l Lang) PickRow {
	return PickRow{Bin: l.label("bin"), SKU: l.label("sku"), Product: l.label("product"), Unit: l.label("unit"),
		Qty: l.label("qty"), Check: l.label("picked")}
}

// walked is a copy of stops in walking order: the service hands them so,
// and a list printed out of order sends the picker back and forth.
func walked(stops []app.PickStop) []app.PickStop {
	out := slices.Clone(stops)
	slices.SortStableFunc(out, func(a, b app.PickStop) int {
		switch {
		case app.Walks(a, b):
			return -1
		case app.Walks(b, a):
			return 1
		}
		return 0
	})
	return out
}

func pickRow(s app.PickStop) PickRow {
	code := s.Barcode
	if code == "" {
		code = s.SKU
	}
	return PickRow{Bin: joinNonEmpty(" ", s.WarehouseCode, s.BinCode), SKU: s.SKU, Barcode: code,
		Product: s.Name, Spec: s.Spec, Unit: s.Unit, Qty: app.FormatCount(s.Qty)}
}

func pickSheet(l Lang, list app.PickList) PickSheet {
	o := list.Order
	if o == nil {
		o = &app.Order{}
	}
	stops := walked(list.Stops)
	number := o.Number
	if number == "" && len(stops) > 0 {
		number = stops[0].OrderNumber
	}
	var warehouses []string
	var units int64
	sheet := PickSheet{Title: l.label("pick.title"), Continued: continued(l, number), OrderNumber: number, Heads: pickHeads(l),
		SignLines: []string{l.label("picked_by"), l.label("checked_by")}}
	for _, s := range stops {
		if !slices.Contains(warehouses, s.WarehouseCode) {
			warehouses = append(warehouses, s.WarehouseCode)
		}
		units += s.Qty
		sheet.Rows = append(sheet.Rows, pickRow(s))
	}
	if o.Delivery.Urgency == app.UrgencyUrgent {
		sheet.Urgent = strings.ToUpper(l.valueLabel("urgency", string(o.Delivery.Urgency)))
	}
	sheet.Facts = []Fact{
		{l.label("recipient"), o.RecipientName},
		{l.label("city"), city(o.Address)},
		{l.label("warehouse"), strings.Join(warehouses, ", ")},
		{l.label("urgency"), l.valueLabel("urgency", string(o.Delivery.Urgency))},
	}
	sheet.Notes = []Fact{{l.label("special_request"), o.SpecialRequest}}
	sheet.Total = Fact{l.label("total_units"), app.FormatCount(units)}
	return sheet
}

// pickWalk sums the stops of every list per warehouse, bin and product,
// in walking order, and names the orders each unit goes to.
func pickWalk(l Lang, lists []app.PickList) PickSheet {
	var all []app.PickStop
	for _, list := range lists {
		all = append(all, list.Stops...)
	}
	type key struct {
		warehouse, bin, sku string
		product             int64
	}
	type stop struct {
		row      PickRow
		qty      int64
		orders   []string
		perOrder map[string]int64
	}
	var walk []*stop
	at := map[key]*stop{}
	var units int64
	orders := map[string]bool{}
	for _, s := range walked(all) {
		k := key{s.WarehouseCode, s.BinCode, s.SKU, s.ProductID}
		st := at[k]
		if st == nil {
			st = &stop{row: pickRow(s), perOrder: map[string]int64{}}
			at[k] = st
			walk = append(walk, st)
		}
		if _, ok := st.perOrder[s.OrderNumber]; !ok {
			st.orders = append(st.orders, s.OrderNumber)
		}
		st.perOrder[s.OrderNumber] += s.Qty
		st.qty += s.Qty
		units += s.Qty
		orders[s.OrderNumber] = true
	}
	heads := pickHeads(l)
	heads.Orders = l.label("orders")
	sheet := PickSheet{Title: l.label("pick.walk_title"), Continued: continued(l, l.label("pick.walk_title")), Heads: heads,
		SignLines: []string{l.label("picked_by"), l.label("checked_by")}}
	for _, st := range walk {
		parts := make([]string, len(st.orders))
		for i, n := range st.orders {
			// A no-break space keeps each number with its count.
			parts[i] = n + "\u00a0×" + app.FormatCount(st.perOrder[n])
		}
		st.row.Qty = app.FormatCount(st.qty)
		st.row.Orders = strings.Join(parts, ", ")
		sheet.Rows = append(sheet.Rows, st.row)
	}
	sheet.Facts = []Fact{
		{l.label("order_count"), count(len(orders))},
		{l.label("stops"), count(len(walk))},
	}
	sheet.Total = Fact{l.label("total_units"), app.FormatCount(units)}
	return sheet
}

// WritePickLists prints the batch, each sheet from a new page.
func WritePickLists(w io.Writer, v PickLists) error {
	pdf, err := newPDF(v.Paper, v.Created)
	if err != nil {
		return err
	}
	footer(pdf, v.Footer, v.PageLabel)
	pages := newSections(pdf, v.Shop)
	for _, sheet := range v.Sheets {
		pages.begin(v.Printed, joinNonEmpty(" · ", sheet.Continued, v.Printed))
		writePickSheet(pdf, sheet)
	}
	return finish(pdf, w)
}

func writePickSheet(pdf *gofpdf.Fpdf, s PickSheet) {
	l, w := leftEdge(pdf), bodyWidth(pdf)
	top := pdf.GetY()
	// The order's barcode at the top right, its number large at the left.
	const codeWidth, codeHeight = 72.0, 13.0
	bottom := top
	textWidth := w
	if s.OrderNumber != "" {
		bottom = top + barcodeWithText(pdf, s.OrderNumber, s.OrderNumber, l+w-codeWidth, top, codeWidth, codeHeight, 0.42, 9)
		textWidth = w - codeWidth - 4
	}
	pdf.SetXY(l, top)
	pdf.SetFont(fontName, "", 17)
	textColor(pdf, titleColor)
	name := firstLine(pdf, s.Title, textWidth)
	pdf.CellFormat(pdf.GetStringWidth(name)+1, 9, name, "", 0, "L", false, 0, "")
	textColor(pdf, black)
	badge(pdf, s.Urgent, pdf.GetX()+3, top+1.2, 11, urgentColor)
	pdf.SetXY(l, top+10)
	if s.OrderNumber != "" {
		pdf.SetFont(fontName, "", 15)
		pdf.CellFormat(textWidth, 8, firstLine(pdf, s.OrderNumber, textWidth), "", 0, "L", false, 0, "")
		pdf.SetXY(l, top+18)
	}
	pdf.SetY(max(pdf.GetY(), bottom) + 2)

	label := labelShare(pdf, s.Facts)
	factsTwoUp(pdf, label, FactGroup{Facts: s.Facts})
	pdf.Ln(2)
	notes(pdf, s.Notes)
	pickTable(pdf, s)

	// The units to pick at the right, under the table.
	pdf.SetFont(fontName, "", 11)
	pdf.Ln(1)
	pdf.SetX(l)
	pdf.CellFormat(w, 7, firstLine(pdf, s.Total.Label+"  "+s.Total.Value, w), "", 1, "R", false, 0, "")
	pdf.Ln(2)
	signLines(pdf, s.SignLines)
}

// skuModule is the widest module of a SKU's barcode (mm): small enough
// for the column, wide enough for a hand scanner.
const skuModule = 0.33

// pickTable writes the stops: each SKU with its barcode under it, and a
// box to tick per stop.
func pickTable(pdf *gofpdf.Fpdf, s PickSheet) {
	const sku, product = 1, 2
	withOrders := s.Heads.Orders != ""
	cols := []column{
		{head: s.Heads.Bin, width: 0.12, align: "L"},
		{head: s.Heads.SKU, width: 0.25, align: "L"},
		{head: s.Heads.Product, width: 0.39, align: "L"},
		{head: s.Heads.Unit, width: 0.07, align: "C"},
		{head: s.Heads.Qty, width: 0.08, align: "R"},
	}
	if withOrders {
		cols[product].width = 0.22
		cols = append(cols, column{head: s.Heads.Orders, width: 0.17, align: "L"})
	}
	cols = append(cols, column{head: s.Heads.Check, width: 0.09, align: "C"})
	check := len(cols) - 1

	pdf.SetFont(fontName, "", 9.5)
	g := newGrid(pdf, cols, leftEdge(pdf), bodyWidth(pdf))
	g.header, g.rules = true, true
	lh := lineHeight(pdf)
	keepTogether(pdf, lh+2*g.padY+4*lh)
	g.writeHeader()
	for _, r := range s.Rows {
		// Two blank lines under the SKU hold its barcode; its quiet
		// zones lie inside the cell.
		code, coded := code128Bars(r.Barcode)
		skuCell := r.SKU
		if coded {
			skuCell += "\n\n"
		}
		cells := []string{r.Bin, skuCell, joinNonEmpty("\n", r.Product, r.Spec), r.Unit, r.Qty}
		if withOrders {
			cells = append(cells, r.Orders)
		}
		g.writeRowThen(cells, nil, func(top, height float64) {
			tickBox(pdf, g.x[check], g.w[check], top+g.padY+0.4, lh-0.8)
			if !coded {
				return
			}
			y, barHeight := top+g.padY+lh+0.3, 2*lh-0.6
			// The product's own barcode prints its digits under the
			// bars; a barcode of the SKU has the SKU above it.
			caption := r.Barcode != r.SKU
			if caption {
				barHeight -= 2.6
			}
			code.draw(pdf, g.x[sku], y, g.w[sku], barHeight, skuModule, "L")
			if caption {
				x := g.x[sku] + quietModules*code.module(g.w[sku], skuModule)
				pdf.SetFont(fontName, "", 6.5)
				pdf.SetXY(x, y+barHeight)
				pdf.CellFormat(g.w[sku]-x+g.x[sku], 2.6, firstLine(pdf, r.Barcode, g.w[sku]), "", 0, "L", false, 0, "")
				pdf.SetFont(fontName, "", 9.5)
			}
			pdf.SetXY(g.left, top+height)
		})
	}
}
