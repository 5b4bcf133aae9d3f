package screens

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// The New case dialog: the order by its number, then its shipped
// lines with how many units each (never more than shipped less returned
// and already asked for), what the customer asks for and why, and the
// refund amount or the goods an exchange sends instead.

// caseForm is the dialog's fields; order is the order found, nil until
// then.
type caseForm struct {
	s           *AfterSalesScreen
	a           *actionDialog
	complaintID int64
	order       *app.Order

	orderNo   *widget.Entry
	about     *widget.Label
	lines     *fyne.Container
	rows      []*caseFormLine
	kinds     []app.CaseKind
	reasons   []app.CaseReason
	kind      *widget.Select
	reason    *widget.Select
	details   *widget.Entry
	packaging *widget.Check
	refund    *widget.Entry
	exchange  []*exchangeRow
	swaps     *fyne.Container // the exchange rows
	addSwap   *widget.Button
	scroll    *container.Scroll
}

// caseFormLine is one shipped line: how many may still come back, and
// the units typed.
type caseFormLine struct {
	line    app.OrderLine
	left    int64
	qty     *widget.Entry
	problem *widget.Label
}

// exchangeRow is one product an exchange sends out.
type exchangeRow struct {
	sku, qty *widget.Entry
	problem  *widget.Label
}

// askNewCase opens the New case dialog, for the order of that number when
// given (it is found at once) and opened from a complaint when from is
// set. done hears the case opened; without it the case is shown here.
func (s *AfterSalesScreen) askNewCase(orderNumber string, from *app.Complaint, done func(*app.Case)) {
	f := &caseForm{s: s, a: newActionDialog(s.win, s.background)}
	title := lang.L("New after-sales case")
	if from != nil {
		f.complaintID = from.ID
		title = lang.L("New after-sales case for complaint {{.Number}}", map[string]any{"Number": from.Number})
	}
	f.a.width = 680
	f.orderNo = widget.NewEntry()
	f.orderNo.SetPlaceHolder(lang.L("Order number, then Enter"))
	f.orderNo.SetText(orderNumber)
	f.orderNo.OnSubmitted = func(string) { f.findOrder() }
	find := widget.NewButtonWithIcon(lang.L("Find"), theme.SearchIcon(), f.findOrder)
	f.about = widget.NewLabel(lang.L("The goods of the order that left are listed here once it is found."))
	f.about.Wrapping = fyne.TextWrapWord
	f.lines = container.NewVBox()

	for _, k := range app.CaseKinds() {
		if k != app.CaseUndeliverable { // opened by bringing a parcel back, not by request
			f.kinds = append(f.kinds, k)
		}
	}
	for _, r := range app.CaseReasons() {
		if r != app.ReasonUndelivered {
			f.reasons = append(f.reasons, r)
		}
	}
	kindNames, reasonNames := make([]string, len(f.kinds)), make([]string, len(f.reasons))
	for i, k := range f.kinds {
		kindNames[i] = caseKindText(k)
	}
	for i, r := range f.reasons {
		reasonNames[i] = caseReasonText(r)
	}
	f.kind = newSelect(kindNames, func(string) { f.kindChanged() })
	f.kind.PlaceHolder = lang.L("Choose what the customer asks for")
	f.reason = newSelect(reasonNames, nil)
	f.reason.PlaceHolder = lang.L("Choose why")
	f.details = widget.NewMultiLineEntry()
	f.details.SetMinRowsVisible(2)
	f.details.Wrapping = fyne.TextWrapWord
	f.details.SetPlaceHolder(lang.L("What the customer says (needed for Other)"))
	f.packaging = widget.NewCheck(lang.L("Tags and packaging intact, as the customer says"), nil)
	f.refund = widget.NewEntry()
	f.refund.SetPlaceHolder(lang.L("For a partial refund: the amount, like 12.50"))
	f.swaps = container.NewVBox()
	f.addSwap = widget.NewButtonWithIcon(lang.L("Another product"), theme.ContentAddIcon(), func() { f.addExchange(); f.fit() })
	f.addExchange()
	f.kindChanged()

	form := widget.NewForm(
		f.a.item(lang.L("Order"), "order", container.NewBorder(nil, nil, nil, find, f.orderNo)),
		f.a.item(lang.X("aftersales.goods", "Goods"), "lines", container.NewVBox(f.about, f.lines)),
		f.a.item(lang.L("Request"), "kind", f.kind),
		f.a.item(lang.L("Reason"), "reason", f.reason),
		f.a.item(lang.L("Details"), "details", f.details),
		widget.NewFormItem("", f.packaging),
		f.a.item(lang.L("Refund amount"), "refund_amount", f.refund),
		f.a.item(lang.L("Sent instead"), "exchange", container.NewVBox(f.swaps, container.NewHBox(f.addSwap))),
	)
	// Room on the right for the scroll bar, clear of the units entries.
	f.scroll = container.NewVScroll(container.New(layout.NewCustomPaddedLayout(0, 0, 0, 2*theme.Padding()), form))
	var opened *app.Case
	f.a.show(title, lang.L("Create case"), upToHeight(f.scroll, 640, 600), f.orderNo, nil, func() (func() error, bool) {
		in, ok := f.take()
		if !ok {
			return nil, false
		}
		return func() error {
			var err error
			opened, err = s.svc.OpenCase(s.ctx, in)
			return afterSalesError(err)
		}, true
	}, func() {
		s.job.say(lang.L("Case {{.Number}} opened for order {{.Order}}: decide it within a working day",
			map[string]any{"Number": opened.Number, "Order": opened.Order}))
		if done != nil {
			done(opened)
			return
		}
		s.ShowCase(opened.ID, opened.Number)
	})
	if strings.TrimSpace(orderNumber) != "" {
		f.findOrder()
	}
}

// fit sizes the dialog to its form again.
func (f *caseForm) fit() {
	if f.a.dlg != nil {
		f.a.resize()
	}
}

// upTo lays out a scroll as tall as its content up to height, so a
// dialog grows with what it shows (a refusal under a field) until it
// would leave a laptop's screen, then scrolls.
type upTo struct{ width, height float32 }

func upToHeight(scroll *container.Scroll, width, height float32) fyne.CanvasObject {
	return container.New(upTo{width, height}, scroll)
}

func (u upTo) MinSize(objects []fyne.CanvasObject) fyne.Size {
	content := objects[0].(*container.Scroll).Content.MinSize()
	return fyne.NewSize(max(u.width, content.Width), min(content.Height, u.height))
}

func (u upTo) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(size)
}

// kindChanged enables the refund amount for a partial refund and the
// goods sent instead for an exchange.
func (f *caseForm) kindChanged() {
	var kind app.CaseKind
	if i := f.kind.SelectedIndex(); i >= 0 {
		kind = f.kinds[i]
	}
	if kind == app.CasePartialRefund {
		f.refund.Enable()
	} else {
		f.refund.Disable()
	}
	for _, x := range f.exchange {
		if kind == app.CaseExchange {
			x.sku.Enable()
			x.qty.Enable()
		} else {
			x.sku.Disable()
			x.qty.Disable()
		}
	}
	if kind == app.CaseExchange {
		f.addSwap.Enable()
	} else {
		f.addSwap.Disable()
	}
}

// addExchange adds a row for one more product sent instead.
func (f *caseForm) addExchange() {
	x := &exchangeRow{sku: widget.NewEntry(), qty: widget.NewEntry(), problem: problemLabel()}
	x.sku.SetPlaceHolder(lang.L("SKU or barcode"))
	x.qty.SetPlaceHolder(lang.L("Qty (1)"))
	f.a.fields[fmt.Sprintf("swap#%d", len(f.exchange))] = x.problem // cleared with the others
	f.exchange = append(f.exchange, x)
	f.swaps.Add(container.NewVBox(container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(90, x.qty.MinSize().Height), x.qty), x.sku),
		x.problem))
	f.kindChanged()
}

// findOrder looks the typed order up, off the UI goroutine, and lists its
// goods that left.
func (f *caseForm) findOrder() {
	s := f.s
	number := strings.TrimSpace(f.orderNo.Text)
	f.a.clear()
	if number == "" {
		f.a.say("order", lang.L("Type the order number"))
		return
	}
	s.background(func() {
		o, left, err := shippedLines(s.ctx, s.svc, number)
		fyne.Do(func() {
			if err != nil {
				f.order = nil
				f.showLines(nil, nil)
				f.a.say("order", err.Error())
				return
			}
			f.order = o
			f.showLines(o, left)
		})
	})
}

// shippedLines finds an order by number and says, per line, how many
// units may still be asked back (the service's count).
func shippedLines(ctx context.Context, svc *app.Service, number string) (*app.Order, map[int64]int64, error) {
	o, err := svc.OrderByNumber(ctx, number)
	if errors.Is(err, app.ErrNotFound) {
		return nil, nil, errors.New(lang.L("There is no order {{.Number}}", map[string]any{"Number": number}))
	}
	if err != nil {
		return nil, nil, errors.New(errorText(err))
	}
	left, err := svc.UnitsLeftForCases(ctx, o.ID)
	if err != nil {
		return nil, nil, errors.New(errorText(err))
	}
	shipped := len(left) > 0
	if !shipped {
		return nil, nil, errors.New(lang.L("Nothing of order {{.Number}} has left yet: change or cancel the order instead",
			map[string]any{"Number": o.Number}))
	}
	return o, left, nil
}

// showLines lists the order's shipped lines, each with its units entry.
func (f *caseForm) showLines(o *app.Order, left map[int64]int64) {
	for k := range f.a.fields {
		if strings.HasPrefix(k, "row#") {
			delete(f.a.fields, k)
		}
	}
	f.rows = nil
	f.lines.RemoveAll()
	if o == nil {
		f.about.SetText(lang.L("The goods of the order that left are listed here once it is found."))
		f.fit()
		return
	}
	f.about.SetText(lang.L("Order {{.Number}} · {{.Customer}} · {{.Status}}: how many units of each?",
		map[string]any{"Number": o.Number, "Customer": o.CustomerName, "Status": statusText(o.Status)}))
	var entries []*widget.Entry
	for _, l := range o.Lines {
		n, ok := left[l.ID]
		if !ok {
			continue
		}
		r := &caseFormLine{line: l, left: n, qty: widget.NewEntry(), problem: problemLabel()}
		r.qty.SetPlaceHolder("0")
		name := widget.NewLabel(fmt.Sprintf("%d. %s %s %s", l.LineNo, l.SKU, l.Name, l.Spec))
		name.Truncation = fyne.TextTruncateEllipsis
		counts := widget.NewLabel(lang.L("shipped {{.Shipped}} · returned {{.Returned}} · up to {{.Left}}",
			map[string]any{"Shipped": app.FormatCount(l.QtyShipped), "Returned": app.FormatCount(l.QtyReturned),
				"Left": app.FormatCount(n)}))
		counts.Importance = widget.LowImportance
		text := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), name, counts)
		if n == 0 {
			r.qty.Disable()
		} else {
			entries = append(entries, r.qty)
		}
		f.a.fields[fmt.Sprintf("row#%d", len(f.rows))] = r.problem
		f.rows = append(f.rows, r)
		f.lines.Add(container.NewVBox(container.NewBorder(nil, nil, nil,
			container.NewGridWrap(fyne.NewSize(90, r.qty.MinSize().Height), r.qty), text), r.problem))
	}
	if len(entries) > 0 {
		// Enter moves from one line's units to the next, then on to the
		// request.
		enterMovesOn(f.s.win.Canvas(), entries, func() { f.s.win.Canvas().Focus(f.details) })
		f.s.win.Canvas().Focus(entries[0])
	}
	f.fit()
}

// take reads the dialog into a request, or says under a field what is
// not a number. Each line and exchange row sent is named for the
// service's answer by its place in the request.
func (f *caseForm) take() (app.CaseInput, bool) {
	if f.order == nil {
		f.a.say("order", lang.L("Find the order first: type its number and press Enter"))
		return app.CaseInput{}, false
	}
	for k := range f.a.fields {
		if strings.HasPrefix(k, "lines[") || strings.HasPrefix(k, "exchange[") {
			delete(f.a.fields, k)
		}
	}
	in := app.CaseInput{OrderID: f.order.ID, Details: f.details.Text, PackagingIntact: f.packaging.Checked, ComplaintID: f.complaintID}
	if i := f.kind.SelectedIndex(); i >= 0 {
		in.Kind = f.kinds[i]
	}
	if i := f.reason.SelectedIndex(); i >= 0 {
		in.Reason = f.reasons[i]
	}
	ok := true
	for _, r := range f.rows {
		n, good := wholeNumber(r.qty.Text, 0)
		if !good {
			addLine(r.problem, lang.L("Enter a whole number of units"))
			ok = false
			continue
		}
		if n == 0 {
			continue
		}
		f.a.fields[fmt.Sprintf("lines[%d]", len(in.Lines))] = r.problem
		in.Lines = append(in.Lines, app.CaseLineInput{LineID: r.line.ID, Qty: n})
	}
	if in.Kind == app.CasePartialRefund && strings.TrimSpace(f.refund.Text) != "" {
		m, err := f.s.currency.ParseMoney(f.refund.Text)
		if err != nil {
			f.a.say("refund_amount", lang.L("Enter the amount like 12.50"))
			ok = false
		}
		in.RefundAmount = m
	}
	if in.Kind == app.CaseExchange {
		for _, x := range f.exchange {
			sku := strings.TrimSpace(x.sku.Text)
			if sku == "" {
				continue
			}
			n, good := wholeNumber(x.qty.Text, 1)
			if !good {
				addLine(x.problem, lang.L("Enter a whole number of units"))
				ok = false
				continue
			}
			f.a.fields[fmt.Sprintf("exchange[%d]", len(in.Exchange))] = x.problem
			in.Exchange = append(in.Exchange, app.LineInput{SKU: sku, Qty: n})
		}
	}
	return in, ok
}

// wholeNumber reads a count of units; empty is empty.
func wholeNumber(text string, empty int64) (int64, bool) {
	text = strings.TrimSpace(text)
	if text == "" {
		return empty, true
	}
	n, err := strconv.ParseInt(text, 10, 64)
	return n, err == nil && n >= 0
}
