package screens

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// PickCheckScreen is the second person's check of a pick, in a
// window of its own beside the packing table. The checker types their
// name, scans the order's barcode from the pick list, then scans every
// item; each scan says at once whether it matched, completed the order,
// is the wrong item or one too many. A scanner types like a keyboard and
// ends with Enter, so the entries take their text on Enter and stay
// ready for the next scan. Lines can also be ticked by eye or counted
// by hand.
type PickCheckScreen struct {
	ctx context.Context
	svc *app.Service
	win fyne.Window
	// background runs database work off the UI goroutine; tests run it
	// inline.
	background func(func())
	// checked hears each confirmed check: the queues reload.
	checked func(verifier string)
	// short opens the out-of-stock dialog for an order whose short pick
	// was accepted.
	short func(win fyne.Window, orderID int64)

	// The rest belongs to the UI goroutine.
	order *app.Order
	check *app.PickCheck
	rows  map[int64]*checkLine // by order line
	// setting is true while the screen writes a count itself, so the
	// count's OnChanged does not take it for typing.
	setting bool

	verifier, orderScan, itemScan *widget.Entry
	title, outcome, progress      *widget.Label
	problem                       *widget.Label
	lines                         *fyne.Container
	confirm                       *widget.Button
	form                          *widget.Form
	box                           fyne.CanvasObject
}

// checkLine is one line of the pick in the check.
type checkLine struct {
	id    int64
	sku   string
	name  string
	text  *widget.Label
	count *widget.Entry
	tick  *widget.Check
	of    *widget.Label
}

// NewPickCheckScreen builds an empty check; Start begins it.
func NewPickCheckScreen(ctx context.Context, svc *app.Service, win fyne.Window) *PickCheckScreen {
	p := &PickCheckScreen{ctx: ctx, svc: svc, win: win, background: func(f func()) { go f() }, rows: map[int64]*checkLine{}}
	p.verifier, p.orderScan, p.itemScan = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	p.verifier.SetPlaceHolder(lang.L("Your name"))
	p.orderScan.SetPlaceHolder(lang.L("Scan the barcode on the pick list, or type the order number"))
	p.itemScan.SetPlaceHolder(lang.L("Scan each item, or type its barcode or SKU"))
	p.verifier.OnSubmitted = func(string) { p.win.Canvas().Focus(p.orderScan) }
	p.orderScan.OnSubmitted = p.load
	p.itemScan.OnSubmitted = p.scan
	p.title = widget.NewLabelWithStyle(lang.L("No order yet"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.outcome = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.outcome.SizeName = theme.SizeNameSubHeadingText
	p.outcome.Wrapping = fyne.TextWrapWord
	p.progress = widget.NewLabel("")
	p.problem = problemLabel()
	p.lines = container.NewVBox()
	p.confirm = widget.NewButtonWithIcon(lang.L("Confirm the check"), theme.ConfirmIcon(), p.onConfirm)
	p.confirm.Importance = widget.HighImportance
	p.confirm.Disable()
	p.itemScan.Disable()
	p.form = widget.NewForm(widget.NewFormItem(lang.L("Checked by"), p.verifier),
		widget.NewFormItem(lang.L("Order"), p.orderScan), widget.NewFormItem(lang.L("Item"), p.itemScan))
	top := container.NewVBox(p.form, p.outcome, widget.NewSeparator(), container.NewBorder(nil, nil, nil, p.progress, p.title))
	bottom := container.NewVBox(p.problem, container.NewHBox(p.confirm))
	p.box = container.NewBorder(top, bottom, nil, nil, container.NewVScroll(p.lines))
	return p
}

// Content is the screen's widget tree.
func (p *PickCheckScreen) Content() fyne.CanvasObject { return p.box }

// Start puts the cursor where the checker begins: their name, else the
// order; a number given loads that order at once.
func (p *PickCheckScreen) Start(verifier, number string) {
	p.verifier.SetText(verifier)
	switch {
	case number != "":
		p.load(number)
	case verifier != "":
		p.win.Canvas().Focus(p.orderScan)
	default:
		p.win.Canvas().Focus(p.verifier)
	}
}

// say shows the outcome of the last scan in its colour.
func (p *PickCheckScreen) say(text string, importance widget.Importance) {
	p.outcome.Importance = importance
	p.outcome.SetText(text)
}

// load reads the scanned order's pick list and starts its count.
func (p *PickCheckScreen) load(number string) {
	number = strings.TrimSpace(number)
	if number == "" {
		return
	}
	p.background(func() {
		o, err := p.svc.OrderByNumber(p.ctx, number)
		var lists []app.PickList
		if err == nil && o.Status == app.StatusPicking {
			lists, err = p.svc.PickLists(p.ctx, []int64{o.ID})
		}
		fyne.Do(func() {
			p.orderScan.SetText("")
			switch {
			case errors.Is(err, app.ErrNotFound):
				p.say(lang.L("There is no order {{.Number}}", map[string]any{"Number": number}), widget.DangerImportance)
			case err != nil:
				p.say(errorText(err), widget.DangerImportance)
			case o.Status != app.StatusPicking:
				p.say(lang.L("Order {{.Number}} is {{.Status}}: only orders being picked are checked",
					map[string]any{"Number": o.Number, "Status": statusText(o.Status)}), widget.DangerImportance)
			case len(lists) == 0:
				p.say(lang.L("Order {{.Number}} holds no stock to check", map[string]any{"Number": o.Number}), widget.DangerImportance)
			default:
				p.begin(o, lists[0])
				return
			}
			p.win.Canvas().Focus(p.orderScan)
		})
	})
}

// begin shows an order's lines with nothing counted yet.
func (p *PickCheckScreen) begin(o *app.Order, list app.PickList) {
	p.order, p.check = o, app.NewPickCheck(list)
	p.rows = map[int64]*checkLine{}
	p.lines.RemoveAll()
	p.problem.Hide()
	title := lang.L("Order {{.Number}} · {{.Recipient}}", map[string]any{"Number": o.Number, "Recipient": o.RecipientName})
	if o.VerifiedBy != "" {
		title += " · " + lang.L("checked before by {{.Name}}", map[string]any{"Name": o.VerifiedBy})
	}
	p.title.SetText(title)
	// One row a line, its bins together: a line may be picked from two.
	bins := map[int64][]string{}
	var order []int64
	for _, st := range list.Stops {
		if _, ok := p.rows[st.LineID]; !ok {
			order = append(order, st.LineID)
			p.rows[st.LineID] = &checkLine{id: st.LineID, sku: st.SKU, name: strings.TrimSpace(st.Name + " " + st.Spec)}
		}
		bins[st.LineID] = append(bins[st.LineID], fmt.Sprintf("%s %s ×%s", st.WarehouseCode, st.BinCode, app.FormatCount(st.Qty)))
	}
	for _, id := range order {
		r := p.rows[id]
		r.text = widget.NewLabel(fmt.Sprintf("%s  %s\n%s", r.sku, r.name, strings.Join(bins[id], ", ")))
		r.text.Truncation = fyne.TextTruncateEllipsis
		r.count = widget.NewEntry()
		r.count.OnChanged = func(text string) { p.typed(r, text) }
		r.of = widget.NewLabel("")
		r.tick = widget.NewCheck(lang.L("All there"), func(on bool) { p.ticked(r, on) })
		counts := container.NewHBox(container.NewGridWrap(fyne.NewSize(70, 36), r.count), r.of, r.tick)
		p.lines.Add(container.NewBorder(nil, nil, nil, counts, r.text))
		p.lines.Add(widget.NewSeparator())
		p.show(r)
	}
	p.lines.Refresh()
	p.itemScan.Enable()
	p.form.Refresh() // the item's label greys with its entry
	p.confirm.Enable()
	p.say(lang.L("Scan each item"), widget.MediumImportance)
	p.showProgress()
	p.win.Canvas().Focus(p.itemScan)
}

// show writes a line's count and colours it: green once complete.
func (p *PickCheckScreen) show(r *checkLine) {
	counted, expected := p.check.Counted[r.id], p.check.Expected[r.id]
	p.setting = true
	r.count.SetText(strconv.FormatInt(counted, 10))
	r.tick.SetChecked(counted == expected)
	p.setting = false
	r.of.SetText(lang.L("of {{.Expected}}", map[string]any{"Expected": app.FormatCount(expected)}))
	r.text.Importance = widget.MediumImportance
	if counted == expected {
		r.text.Importance = widget.SuccessImportance
	}
	r.text.Refresh()
}

// showProgress says how many units are counted of how many.
func (p *PickCheckScreen) showProgress() {
	var counted, expected int64
	for id, n := range p.check.Expected {
		counted += p.check.Counted[id]
		expected += n
	}
	p.progress.SetText(lang.L("{{.Counted}} of {{.Expected}} units", map[string]any{
		"Counted": app.FormatCount(counted), "Expected": app.FormatCount(expected)}))
}

// scan counts one scanned item and says at once what it means; the entry
// empties and keeps the cursor for the next scan.
func (p *PickCheckScreen) scan(code string) {
	p.itemScan.SetText("")
	defer p.win.Canvas().Focus(p.itemScan)
	code = strings.TrimSpace(code)
	if code == "" {
		return
	}
	if p.check == nil {
		p.say(lang.L("Scan the order's number first"), widget.WarningImportance)
		return
	}
	outcome, line := p.check.Scan(code)
	data := map[string]any{"Code": code}
	if r, ok := p.rows[line]; ok {
		data["SKU"], data["Name"] = r.sku, r.name
		data["Counted"], data["Expected"] = app.FormatCount(p.check.Counted[line]), app.FormatCount(p.check.Expected[line])
		p.show(r)
	}
	p.showProgress()
	switch outcome {
	case app.ScanMatched:
		p.say(lang.X("scan.matched", "✓ {{.SKU}} {{.Name}}: {{.Counted}} of {{.Expected}}", data), widget.SuccessImportance)
	case app.ScanComplete:
		p.say(lang.X("scan.complete", "✓ Everything is there: confirm the check", data), widget.SuccessImportance)
	case app.ScanTooMany:
		p.say(lang.X("scan.too_many", "Too many: {{.SKU}} needs only {{.Expected}}. Put this one back.", data), widget.WarningImportance)
	case app.ScanWrongItem:
		p.say(lang.X("scan.wrong_item", "Wrong item: {{.Code}} is not on this order. Put it back.", data), widget.DangerImportance)
	}
}

// typed takes a count typed by hand.
func (p *PickCheckScreen) typed(r *checkLine, text string) {
	if p.setting || p.check == nil {
		return
	}
	n, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64)
	if err != nil {
		return // half typed; the count stays as it was
	}
	p.check.Set(r.id, n)
	p.setting = true
	r.tick.SetChecked(p.check.Counted[r.id] == p.check.Expected[r.id])
	p.setting = false
	p.showProgress()
}

// ticked counts a whole line as checked by eye, or none of it.
func (p *PickCheckScreen) ticked(r *checkLine, on bool) {
	if p.setting || p.check == nil {
		return
	}
	if on {
		p.check.Tick(r.id)
	} else {
		p.check.Set(r.id, 0)
	}
	p.show(r)
	p.showProgress()
}

// onConfirm records the check. A short count asks first whether the
// missing units are accepted as not there.
func (p *PickCheckScreen) onConfirm() {
	if p.order == nil {
		return
	}
	p.verify(false)
}

func (p *PickCheckScreen) verify(acceptShort bool) {
	o, verifier := p.order, p.verifier.Text
	counted := maps.Clone(p.check.Counted)
	p.confirm.Disable()
	p.problem.Hide()
	p.background(func() {
		_, err := p.svc.VerifyPick(p.ctx, o.ID, verifier, counted, acceptShort)
		fyne.Do(func() {
			p.confirm.Enable()
			var short *app.PickShortError
			switch {
			case errors.As(err, &short):
				p.askShort(short)
			case err != nil:
				p.problem.SetText(errorText(err))
				p.problem.Show()
				if v, ok := app.IsValidation(err); ok && slices.ContainsFunc(v.Fields, func(f app.FieldError) bool { return f.Field == "verifier" }) {
					p.win.Canvas().Focus(p.verifier)
				}
			default:
				p.finished(o, verifier, acceptShort)
			}
		})
	})
}

// askShort asks whether to accept a pick that found fewer units than its
// list: the missing units come off the shelf's count and the order waits
// for a decision about them.
func (p *PickCheckScreen) askShort(short *app.PickShortError) {
	ask := dialog.NewConfirm(lang.L("Short pick"),
		lang.L("Order {{.Number}} is short: {{.Missing}} not found. Accept the short pick? The missing units come off the shelf's count, and the order waits for a decision about them.",
			map[string]any{"Number": short.Order, "Missing": shortageSummary(short.Missing)}),
		func(yes bool) {
			if yes {
				p.verify(true)
			} else {
				p.win.Canvas().Focus(p.itemScan)
			}
		}, p.win)
	ask.SetConfirmText(lang.L("Accept short pick"))
	ask.SetDismissText(lang.L("Keep counting"))
	ask.Show()
}

// finished clears the check for the next order and tells the queues.
func (p *PickCheckScreen) finished(o *app.Order, verifier string, short bool) {
	p.order, p.check = nil, nil
	p.lines.RemoveAll()
	p.rows = map[int64]*checkLine{}
	p.itemScan.Disable()
	p.form.Refresh()
	p.confirm.Disable()
	p.title.SetText(lang.L("No order yet"))
	p.progress.SetText("")
	p.say(lang.L("Order {{.Number}} checked by {{.Name}}: ready to pack. Scan the next order.",
		map[string]any{"Number": o.Number, "Name": verifier}), widget.SuccessImportance)
	p.win.Canvas().Focus(p.orderScan)
	if p.checked != nil {
		p.checked(verifier)
	}
	if short && p.short != nil {
		p.short(p.win, o.ID)
	}
}

// openPickCheck opens the pick check in a window of its own; a number
// loads that order at once.
func (s *FulfilmentScreen) openPickCheck(number string) {
	w := fyne.CurrentApp().NewWindow(lang.L("Pick check"))
	p := NewPickCheckScreen(s.ctx, s.svc, w)
	p.background = func(f func()) { s.background(f) }
	p.checked = func(verifier string) {
		s.verifier = verifier
		s.reload()
	}
	p.short = s.openShortage
	w.SetContent(p.Content())
	w.Resize(fyne.NewSize(900, 680))
	w.Show()
	s.pickCheck = p
	p.Start(s.verifier, number)
}
