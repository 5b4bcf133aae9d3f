package screens

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// ledgerLimit is how many of a product's latest moves the Ledger tab shows.
const ledgerLimit = 200

// binPlace is a bin with its warehouse's code, named as on the shelf
// label: "HZ A-1-2".
type binPlace struct {
	app.Bin
	Warehouse string
	Active    bool // the warehouse takes goods
}

func (b binPlace) String() string { return b.Warehouse + " " + b.Code }

// placeName names where a move or level is: its bin, or for goods on
// their way, the warehouse they go to.
func (s *ProductScreen) placeName(warehouseID, binID int64) string {
	code := ""
	for _, p := range s.places {
		if binID != 0 && p.ID == binID {
			return p.String()
		}
		if p.WarehouseID == warehouseID {
			code = p.Warehouse
		}
	}
	for _, sm := range s.view.sums {
		if sm.WarehouseID == warehouseID {
			code = sm.WarehouseCode
		}
	}
	if binID == 0 {
		return code + " " + lang.L("in transit")
	}
	return code + " #" + strconv.FormatInt(binID, 10)
}

// stockTab is the Stock tab: totals per warehouse, then each bin in
// walking order, and the buttons that change them.
type stockTab struct {
	totals, bins    *fyne.Container
	empty           *widget.Label
	receive, adjust *widget.Button
	expect          *widget.Button
	labels          *widget.Button // the product's barcode labels
	box             fyne.CanvasObject
}

func newStockTab(onReceive, onAdjust, onExpect, onLabels func()) *stockTab {
	t := &stockTab{totals: container.NewGridWithColumns(5), bins: container.NewGridWithColumns(4)}
	t.empty = widget.NewLabel(lang.L("No stock yet: receive goods into a bin."))
	t.receive = widget.NewButtonWithIcon(lang.L("Receive"), theme.DownloadIcon(), onReceive)
	t.adjust = widget.NewButtonWithIcon(lang.L("Adjust"), theme.DocumentCreateIcon(), onAdjust)
	t.expect = widget.NewButtonWithIcon(lang.L("Expect…"), theme.HistoryIcon(), onExpect)
	t.labels = widget.NewButtonWithIcon(lang.L("Print labels…"), theme.DocumentPrintIcon(), onLabels)
	bold := fyne.TextStyle{Bold: true}
	body := container.NewVBox(
		widget.NewLabelWithStyle(lang.L("Per warehouse"), fyne.TextAlignLeading, bold), t.totals, t.empty,
		widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.L("Per bin, in walking order"), fyne.TextAlignLeading, bold), t.bins,
	)
	t.box = container.NewBorder(container.NewHBox(t.receive, t.adjust, t.expect, t.labels), nil, nil, nil, container.NewVScroll(body))
	return t
}

// showStock fills the Stock tab from s.view.
func (s *ProductScreen) showStock() {
	v, t := s.view, s.stock
	n := func(q int64) string { return strconv.FormatInt(q, 10) }
	var totals [][]string
	for _, sm := range v.sums {
		totals = append(totals, []string{sm.WarehouseCode, n(sm.OnHand), n(sm.Reserved), n(sm.Available()), n(sm.InTransit)})
	}
	setFigures(t.totals, []string{lang.L("Warehouse"), lang.L("On hand"), lang.L("Reserved"), lang.L("Available"),
		lang.L("In transit")}, totals)
	var bins [][]string
	for _, l := range v.levels {
		// Goods on their way have no bin yet: the totals show them. A bin
		// emptied long ago is no longer this product's place.
		if l.BinID == 0 || (l.OnHand == 0 && l.Reserved == 0) {
			continue
		}
		bins = append(bins, []string{s.placeName(l.WarehouseID, l.BinID), n(l.OnHand), n(l.Reserved), n(l.Available())})
	}
	setFigures(t.bins, []string{lang.L("Bin"), lang.L("On hand"), lang.L("Reserved"), lang.L("Available")}, bins)
	t.empty.Hidden = len(v.sums) > 0
	t.empty.Refresh()
	if v.product.ID == 0 {
		t.receive.Disable()
		t.adjust.Disable()
		t.labels.Disable()
	} else {
		t.receive.Enable()
		t.adjust.Enable()
		t.labels.Enable()
	}
}

// setFigures fills a grid with a header and rows: the first column names
// the place, the others are counts, aligned on the right.
func setFigures(grid *fyne.Container, header []string, rows [][]string) {
	grid.Objects = nil
	add := func(texts []string, style fyne.TextStyle) {
		for i, text := range texts {
			align := fyne.TextAlignTrailing
			if i == 0 {
				align = fyne.TextAlignLeading
			}
			grid.Add(widget.NewLabelWithStyle(text, align, style))
		}
	}
	add(header, fyne.TextStyle{Bold: true})
	for _, r := range rows {
		add(r, fyne.TextStyle{})
	}
	grid.Refresh()
}

// levelIn is the shown product's level in one bin.
func (s *ProductScreen) levelIn(binID int64) app.StockLevel {
	for _, l := range s.view.levels {
		if l.BinID == binID && binID != 0 {
			return l
		}
	}
	return app.StockLevel{BinID: binID}
}

// moveColumn is one column of the ledger.
type moveColumn struct {
	title string // translation key
	width float32
	value func(s *ProductScreen, m app.StockMove) string
}

var moveColumns = []moveColumn{
	{"Time", 140, func(_ *ProductScreen, m app.StockMove) string { return dateTime(m.At) }},
	{"Kind", 110, func(_ *ProductScreen, m app.StockMove) string { return moveText(m.Kind) }},
	{"Bin", 100, func(s *ProductScreen, m app.StockMove) string { return s.placeName(m.WarehouseID, m.BinID) }},
	{"On hand", 75, func(_ *ProductScreen, m app.StockMove) string { return signed(m.OnHandDelta) }},
	{"Reserved", 75, func(_ *ProductScreen, m app.StockMove) string { return signed(m.ReservedDelta) }},
	{"In transit", 75, func(_ *ProductScreen, m app.StockMove) string { return signed(m.InTransitDelta) }},
	{"Reference", 130, func(_ *ProductScreen, m app.StockMove) string { return m.Reference }},
	{"Note", 200, func(_ *ProductScreen, m app.StockMove) string {
		if m.ExpectedAt.IsZero() {
			return m.Note
		}
		due := lang.L("expected {{.Date}}", map[string]any{"Date": m.ExpectedAt.Local().Format("2006-01-02")})
		return strings.TrimSpace(m.Note + " " + due)
	}},
	{"Who", 100, func(_ *ProductScreen, m app.StockMove) string { return m.Actor }},
}

// newLedgerTable lists the shown product's moves, newest first.
func (s *ProductScreen) newLedgerTable() *widget.Table {
	t := widget.NewTableWithHeaders(func() (int, int) { return len(s.view.moves), len(moveColumns) }, newCellLabel,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(moveColumns[id.Col].value(s, s.view.moves[id.Row]))
		})
	t.ShowHeaderColumn = false
	t.CreateHeader = newCellLabel
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(lang.L(moveColumns[id.Col].title))
		}
	}
	for i, c := range moveColumns {
		t.SetColumnWidth(i, c.width)
	}
	t.OnSelected = func(widget.TableCellID) { t.UnselectAll() }
	return t
}

// moveText names a kind of stock move: "move.receipt" and so on.
func moveText(k app.MoveKind) string {
	label := strings.ReplaceAll(string(k), "_", " ")
	if label != "" {
		label = strings.ToUpper(label[:1]) + label[1:]
	}
	return lang.X("move."+string(k), label)
}

// signed writes a change with its sign, and no change as nothing.
func signed(q int64) string {
	if q == 0 {
		return ""
	}
	return fmt.Sprintf("%+d", q)
}

// stockForm is the receive or adjust dialog. It stays open until the
// service takes the change, with each refusal written under its field.
type stockForm struct {
	product  int64 // its ID
	dlg      *dialog.CustomDialog
	bin      *widget.Select
	here     *widget.Label // the chosen bin's figures for this product
	entries  map[string]*widget.Entry
	problems *fieldProblems
	general  *widget.Label // refusals about no one field
	confirm  *widget.Button
	places   []binPlace
}

// stockField is an entry of a stock dialog; key is its name in the
// service's FieldErrors.
type stockField struct{ key, label, hint string }

func (f *stockForm) text(key string) string { return strings.TrimSpace(f.entries[key].Text) }

func (f *stockForm) place() (binPlace, bool) {
	i := f.bin.SelectedIndex()
	if i < 0 {
		return binPlace{}, false
	}
	return f.places[i], true
}

func (s *ProductScreen) onReceive() {
	s.openStockForm(lang.L("Receive stock"), lang.L("Receive"), []stockField{
		{"qty", lang.L("Quantity"), ""},
		{"reference", lang.L("Reference"), lang.L("Delivery note or purchase order")},
		{"note", lang.L("Note"), ""},
	}, s.submitReceipt)
}

func (s *ProductScreen) onAdjust() {
	s.openStockForm(lang.L("Adjust stock"), lang.L("Adjust"), []stockField{
		{"delta", lang.L("Change"), lang.L("+5 found, -3 missing")},
		{"reason", lang.L("Reason"), lang.L("Why the count was wrong")},
	}, s.submitAdjustment)
}

// openStockForm shows a stock dialog for the shown product, with the bin
// it already sits in chosen.
func (s *ProductScreen) openStockForm(title, confirm string, fields []stockField, submit func(*stockForm)) {
	f := &stockForm{product: s.view.product.ID, entries: map[string]*widget.Entry{}, problems: newFieldProblems("stock.")}
	for _, p := range s.places {
		if p.Active {
			f.places = append(f.places, p)
		}
	}
	if len(f.places) == 0 {
		dialog.ShowInformation(title, lang.L("No warehouse has bins yet. Add bins first."), s.win)
		return
	}
	names := make([]string, len(f.places))
	for i, p := range f.places {
		names[i] = p.String()
	}
	f.here = widget.NewLabel("")
	f.bin = newSelect(names, func(string) {
		if p, ok := f.place(); ok {
			l := s.levelIn(p.ID)
			f.here.SetText(lang.L("Here now: {{.OnHand}} on hand, {{.Reserved}} reserved, {{.Available}} available",
				map[string]any{"OnHand": l.OnHand, "Reserved": l.Reserved, "Available": l.Available()}))
		}
	})
	rows := []fyne.CanvasObject{widget.NewLabel(lang.L("Bin")), container.NewVBox(f.bin, f.here, f.problems.label("bin"))}
	var entries []*widget.Entry
	for _, fl := range fields {
		e := widget.NewEntry()
		e.SetPlaceHolder(fl.hint)
		f.entries[fl.key] = e
		entries = append(entries, e)
		rows = append(rows, widget.NewLabel(fl.label), container.NewVBox(e, f.problems.label(fl.key)))
	}
	f.general = widget.NewLabel("")
	f.general.Importance = widget.DangerImportance
	f.general.Wrapping = fyne.TextWrapWord
	f.general.Hide()
	f.confirm = widget.NewButton(confirm, func() { submit(f) })
	f.confirm.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { f.dlg.Hide() })
	enterMovesOn(s.win.Canvas(), entries, func() { submit(f) })

	f.dlg = dialog.NewCustomWithoutButtons(title+": "+s.view.product.SKU,
		container.NewVBox(container.New(layout.NewFormLayout(), rows...), f.general), s.win)
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, f.confirm})
	f.dlg.SetOnClosed(func() {
		if s.dialog == f {
			s.dialog = nil
		}
	})
	f.bin.SetSelectedIndex(s.likelyBin(f.places))
	s.dialog = f
	f.dlg.Show()
	f.relayout()
	s.win.Canvas().Focus(entries[0])
}

// likelyBin is where the product already sits, else the first bin.
func (s *ProductScreen) likelyBin(places []binPlace) int {
	for _, l := range s.view.levels {
		for i, p := range places {
			if l.BinID != 0 && l.OnHand > 0 && p.ID == l.BinID {
				return i
			}
		}
	}
	return 0
}

// onExpect records goods ordered from a supplier and on their way, into
// the chosen bin's warehouse, so backorders can promise a date.
func (s *ProductScreen) onExpect() {
	s.openStockForm(lang.L("Expect stock"), lang.L("Expect…"), []stockField{
		{"qty", lang.L("Quantity"), ""},
		{"expected_at", lang.L("Expected on"), "YYYY-MM-DD"},
		{"reference", lang.L("Reference"), lang.L("Delivery note or purchase order")},
	}, s.submitExpected)
}

func (s *ProductScreen) submitExpected(f *stockForm) {
	in := app.IncomingStock{ProductID: f.product, Reference: f.text("reference")}
	var problems []app.FieldError
	if p, ok := f.place(); ok {
		in.WarehouseID = p.WarehouseID
	} else {
		problems = append(problems, app.FieldError{Field: "bin", Code: app.CodeRequired, Message: "choose the bin"})
	}
	qty, err := strconv.ParseInt(f.text("qty"), 10, 64)
	if err != nil {
		problems = append(problems, app.FieldError{Field: "qty", Code: app.CodeInvalid,
			Message: "enter the quantity as a whole number, like 10"})
	}
	in.Qty = qty
	if in.ExpectedAt, err = parseDay(f.text("expected_at")); err != nil {
		problems = append(problems, app.FieldError{Field: "expected_at", Code: app.CodeInvalid, Message: err.Error()})
	}
	s.sendStock(f, problems, func() error { return s.svc.ExpectStock(s.ctx, in) })
}

func (s *ProductScreen) submitReceipt(f *stockForm) {
	r := app.StockReceipt{ProductID: f.product, Reference: f.text("reference"), Note: f.text("note")}
	var problems []app.FieldError
	if p, ok := f.place(); ok {
		r.BinID = p.ID
	} else {
		problems = append(problems, app.FieldError{Field: "bin", Code: app.CodeRequired, Message: "choose the bin"})
	}
	qty, err := strconv.ParseInt(f.text("qty"), 10, 64)
	if err != nil {
		problems = append(problems, app.FieldError{Field: "qty", Code: app.CodeInvalid,
			Message: "enter the quantity as a whole number, like 10"})
	}
	r.Qty = qty
	s.sendStock(f, problems, func() error {
		if err := s.svc.ReceiveStock(s.ctx, r); err != nil {
			return err
		}
		// Goods that arrived want their labels: offered, a label a unit.
		fyne.Do(func() {
			if p := s.view.product; p.ID == r.ProductID {
				offerArrivalLabels(s.svc, s.win, s.background, p, r.Qty)
			}
		})
		return nil
	})
}

func (s *ProductScreen) submitAdjustment(f *stockForm) {
	a := app.StockAdjustment{ProductID: f.product, Reason: f.text("reason")}
	var problems []app.FieldError
	if p, ok := f.place(); ok {
		a.BinID = p.ID
	} else {
		problems = append(problems, app.FieldError{Field: "bin", Code: app.CodeRequired, Message: "choose the bin"})
	}
	// People write a minus sign as well as a hyphen; empty is no change,
	// which the service refuses in words.
	text := strings.ReplaceAll(f.text("delta"), "−", "-")
	if text != "" {
		d, err := strconv.ParseInt(text, 10, 64)
		switch {
		case err != nil:
			problems = append(problems, app.FieldError{Field: "delta", Code: app.CodeInvalid,
				Message: "enter how many units to add, like +5, or remove, like -3"})
		case d > app.MaxLineQty*10 || d < -app.MaxLineQty*10:
			// The service's too_large also means "reserved for orders";
			// this one has its own words.
			problems = append(problems, app.FieldError{Field: "delta", Code: "too_many",
				Message: fmt.Sprintf("an adjustment is at most %d units", app.MaxLineQty*10)})
		}
		a.Delta = d
	}
	s.sendStock(f, problems, func() error { return s.svc.AdjustStock(s.ctx, a) })
}

// sendStock hands a dialog's change to the service off the UI goroutine.
// Taken, the dialog closes and the figures reload; refused, it says why.
func (s *ProductScreen) sendStock(f *stockForm, problems []app.FieldError, send func() error) {
	if f.confirm.Disabled() {
		return // Enter pressed again while the change is on its way
	}
	data := s.stockData(f)
	if len(problems) > 0 {
		f.refuse(&app.ValidationError{Fields: problems}, data)
		return
	}
	id := f.product
	f.confirm.Disable()
	s.background(func() {
		err := send()
		fyne.Do(func() {
			f.confirm.Enable()
			if err != nil {
				f.refuse(err, data)
				return
			}
			f.dlg.Hide()
		})
		if err != nil {
			return
		}
		if err := s.load(s.ctx, id); err != nil {
			fyne.Do(func() { showError(err, s.win) })
		}
		s.searchOrSay(s.Wanted(), false) // the list's available figure
	})
}

// stockData is what a stock refusal may mention: the bin and what it holds.
func (s *ProductScreen) stockData(f *stockForm) func(app.FieldError) map[string]any {
	p, _ := f.place()
	l := s.levelIn(p.ID)
	return func(fe app.FieldError) map[string]any {
		most := app.MaxLineQty
		if fe.Field == "delta" {
			most *= 10
		}
		return map[string]any{"Bin": p.String(), "OnHand": l.OnHand, "Reserved": l.Reserved, "Available": l.Available(),
			"Max": most}
	}
}

// relayout sizes the dialog to what it shows now.
func (f *stockForm) relayout() {
	f.dlg.Resize(fyne.NewSize(520, f.dlg.MinSize().Height))
}

// refuse writes why the service refused: under the fields, or below them.
func (f *stockForm) refuse(err error, data func(app.FieldError) map[string]any) {
	defer f.relayout()
	f.general.Hide()
	v, ok := app.IsValidation(err)
	if !ok {
		f.problems.clear()
		text := err.Error()
		if errors.Is(err, app.ErrNotFound) {
			text = lang.L("This bin or product no longer exists. Close the dialog and look again.")
		}
		f.general.SetText(text)
		f.general.Show()
		return
	}
	if rest := f.problems.show(v.Fields, data); len(rest) > 0 {
		f.general.SetText(f.problems.elsewhere(rest, data))
		f.general.Show()
	}
}
