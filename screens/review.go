package screens

import (
	"context"
	"errors"
	"fmt"
	"log"
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

// ReviewScreen is the review inbox: on the left the
// orders the rules stopped, oldest first, each with its first finding; on
// the right the chosen order with every finding, each line's stock, and
// the supervisor's decision: approve, hold, reject or check again.
type ReviewScreen struct {
	ctx   context.Context
	svc   *app.Service
	win   fyne.Window
	pages *pager[app.ReviewRow]
	// background runs database work off the UI goroutine; tests run it
	// inline.
	background func(func())

	// The rest belongs to the UI goroutine.
	currency  app.Currency
	chosen    int64  // the order shown on the right, 0 for none
	chosenRow int    // its row: after a decision the next order takes it
	number    string // the shown order's number, for the dialogs' titles

	count, empty *widget.Label
	list         *widget.List

	title, meta, checked, party, totals *widget.Label
	findings, lines                     *fyne.Container
	approve, hold, reject, recheck      *widget.Button
	body                                *fyne.Container
	box                                 fyne.CanvasObject
}

// reviewView is what the right pane shows of one order, loaded off the UI
// goroutine.
type reviewView struct {
	order    *app.Order
	review   *app.Review // nil when the rules never checked it
	stock    []app.LineAvailability
	currency app.Currency
}

// NewReviewScreen builds the inbox; Update loads it.
func NewReviewScreen(ctx context.Context, svc *app.Service, win fyne.Window) *ReviewScreen {
	s := &ReviewScreen{ctx: ctx, svc: svc, win: win, background: func(f func()) { go f() }}
	s.currency, _ = app.LookupCurrency("CNY")
	s.pages = newPager[app.ReviewRow](func() { fyne.Do(s.list.Refresh) })
	s.pages.background = func(f func()) { s.background(f) }
	split := container.NewHSplit(s.buildInbox(), s.buildDetail())
	split.Offset = 0.42
	s.box = split
	return s
}

// Content is the screen's widget tree.
func (s *ReviewScreen) Content() fyne.CanvasObject { return s.box }

func (s *ReviewScreen) buildInbox() fyne.CanvasObject {
	s.count = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.empty = widget.NewLabel(lang.L("Nothing waits for review"))
	s.empty.Hide()
	s.list = widget.NewList(s.pages.Len, s.createRow, s.updateRow)
	s.list.OnSelected = s.onSelected
	return container.NewBorder(container.NewVBox(s.count, s.empty), nil, nil, nil, s.list)
}

func (s *ReviewScreen) buildDetail() fyne.CanvasObject {
	bold := fyne.TextStyle{Bold: true}
	s.title = widget.NewLabelWithStyle(lang.L("Choose an order"), fyne.TextAlignLeading, bold)
	s.meta, s.checked, s.party, s.totals = widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel("")
	for _, l := range []*widget.Label{s.checked, s.party, s.totals} {
		l.Wrapping = fyne.TextWrapWord
	}
	s.findings, s.lines = container.NewVBox(), container.NewVBox()

	s.approve = widget.NewButtonWithIcon(lang.L("Approve…"), theme.ConfirmIcon(), s.onApprove)
	s.approve.Importance = widget.HighImportance
	s.hold = widget.NewButtonWithIcon(lang.L("Hold…"), theme.MediaPauseIcon(), s.onHold)
	s.reject = widget.NewButtonWithIcon(lang.L("Reject…"), theme.CancelIcon(), s.onReject)
	s.reject.Importance = widget.DangerImportance
	s.recheck = widget.NewButtonWithIcon(lang.L("Check again"), theme.ViewRefreshIcon(), s.onRecheck)
	// Equal cells wrap the buttons onto more rows when the pane is narrow.
	actions := container.NewGridWrap(fyne.NewSize(150, 36), s.approve, s.hold, s.reject, s.recheck)

	heading := func(text string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, bold)
	}
	s.body = container.NewVBox(s.meta, actions, s.checked, widget.NewSeparator(),
		heading(lang.L("Findings")), s.findings, widget.NewSeparator(),
		s.party, widget.NewSeparator(),
		heading(lang.L("Lines")), s.lines, s.totals)
	s.body.Hide() // until an order is chosen
	return container.NewVScroll(container.NewVBox(s.title, s.body))
}

// Update reloads the inbox and shows the chosen order again, or the one
// that took its place; call it off the UI goroutine.
func (s *ReviewScreen) Update(ctx context.Context) error {
	shop, err := s.svc.Shop(ctx)
	if err != nil {
		return err
	}
	fetch := func(ctx context.Context, offset, limit int, _ bool) ([]app.ReviewRow, int, error) {
		return s.svc.ReviewQueue(ctx, limit, offset)
	}
	if err := s.pages.Search(ctx, fetch); err != nil {
		return err
	}
	n := s.pages.Len()
	fyne.Do(func() {
		s.currency = shop.Currency
		s.count.SetText(lang.L("{{.Count}} orders waiting", map[string]any{"Count": app.FormatCount(int64(n))}))
		if n == 0 {
			s.count.Hide()
			s.empty.Show()
		} else {
			s.count.Show()
			s.empty.Hide()
		}
		s.list.Refresh()
		s.selectAgain(n)
	})
	return nil
}

// selectAgain selects the chosen order's row after the inbox changed; an
// order that left it (decided) gives its place to the next one.
func (s *ReviewScreen) selectAgain(n int) {
	s.list.UnselectAll()
	if n == 0 {
		s.showNothing(lang.L("Nothing waits for review"))
		return
	}
	i, ok := s.pages.Find(func(r app.ReviewRow) bool { return r.Order.ID == s.chosen })
	if !ok {
		i = min(s.chosenRow, n-1)
	}
	s.list.Select(i)
}

// reload runs Update in the background.
func (s *ReviewScreen) reload() {
	s.background(func() {
		if err := s.Update(s.ctx); err != nil {
			fyne.Do(func() { s.count.SetText(lang.L("Search failed: ") + err.Error()) })
		}
	})
}

func (s *ReviewScreen) createRow() fyne.CanvasObject {
	// The placeholders give the cells their widths.
	number := widget.NewLabelWithStyle("202605-000", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	customer := widget.NewLabel("")
	customer.Truncation = fyne.TextTruncateEllipsis
	total := widget.NewLabel("¥99,999.00")
	when := widget.NewLabel("2006-01-02 15:04")
	icon := widget.NewIcon(theme.WarningIcon())
	first := widget.NewLabel("")
	first.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(
		container.NewBorder(nil, nil, number, total, customer),
		container.NewBorder(nil, nil, container.NewHBox(when, icon), nil, first))
}

// updateRow sets every field of a recycled row, then lays it out again
// for the new texts' widths.
func (s *ReviewScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	row := o.(*fyne.Container)
	top, bottom := row.Objects[0].(*fyne.Container), row.Objects[1].(*fyne.Container)
	customer, number, total := top.Objects[0].(*widget.Label), top.Objects[1].(*widget.Label), top.Objects[2].(*widget.Label)
	lead := bottom.Objects[1].(*fyne.Container)
	first, when, icon := bottom.Objects[0].(*widget.Label), lead.Objects[0].(*widget.Label), lead.Objects[1].(*widget.Icon)
	defer func() {
		lead.Refresh()
		top.Refresh()
		bottom.Refresh()
	}()

	r, ok := s.pages.Row(s.ctx, i)
	if !ok {
		number.SetText("…")
		for _, l := range []*widget.Label{customer, total, when, first} {
			l.SetText("")
		}
		icon.Hide()
		return
	}
	number.SetText(r.Order.Number)
	customer.SetText(r.Order.CustomerName)
	total.SetText(s.currency.Format(r.Order.Payable))
	when.SetText(dateTime(r.Order.OrderedAt))
	if len(r.Findings) == 0 {
		icon.Hide()
		first.SetText(lang.L("The rules found nothing"))
		return
	}
	icon.Show()
	first.SetText(fmt.Sprintf("%d: %s", len(r.Findings), findingText(r.Findings[0])))
}

func (s *ReviewScreen) onSelected(i widget.ListItemID) {
	r, ok := s.pages.Row(s.ctx, i)
	if !ok {
		return
	}
	s.chosenRow = i
	s.Open(r.Order.ID)
}

// Open shows an order in the right pane; its data loads in the
// background. Call it on the UI goroutine.
func (s *ReviewScreen) Open(id int64) {
	s.chosen = id
	s.background(func() {
		v, err := s.load(s.ctx, id)
		fyne.Do(func() {
			if s.chosen != id {
				return // another order was chosen meanwhile
			}
			if err != nil {
				log.Printf("review of order %d: %v", id, err)
				s.showNothing(errorText(err))
				return
			}
			s.show(v)
		})
	})
}

// load reads an order with its latest review and its lines' stock.
func (s *ReviewScreen) load(ctx context.Context, id int64) (reviewView, error) {
	var v reviewView
	o, err := s.svc.Order(ctx, id)
	if err != nil {
		return v, err
	}
	r, err := s.svc.Review(ctx, id)
	if err != nil && !errors.Is(err, app.ErrNotFound) {
		return v, err
	}
	stock, err := s.svc.Availability(ctx, o)
	if err != nil {
		return v, err
	}
	shop, err := s.svc.Shop(ctx)
	if err != nil {
		return v, err
	}
	return reviewView{order: o, review: r, stock: stock, currency: shop.Currency}, nil
}

// showNothing empties the right pane, saying why.
func (s *ReviewScreen) showNothing(why string) {
	s.chosen, s.number = 0, ""
	s.title.SetText(why)
	s.body.Hide()
}

func (s *ReviewScreen) show(v reviewView) {
	o, cur := v.order, v.currency
	s.number = o.Number
	s.title.SetText(lang.L("Order {{.Number}}", map[string]any{"Number": o.Number}))
	s.meta.SetText(fmt.Sprintf("%s · %s · %s", statusText(o.Status), channelText(o.Channel), dateTime(o.OrderedAt)))
	s.checked.SetText(reviewedText(v.review))

	s.findings.RemoveAll()
	var findings []app.Finding
	if v.review != nil {
		findings = v.review.Findings
	}
	for _, f := range findings {
		text := widget.NewLabel(findingText(f))
		text.Wrapping = fyne.TextWrapWord
		s.findings.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, text))
	}
	if len(findings) == 0 {
		s.findings.Add(widget.NewLabel(lang.L("The rules found nothing")))
	}

	s.party.SetText(partyText(o))

	s.lines.RemoveAll()
	for i, l := range o.Lines {
		text := fmt.Sprintf("%d. %s  %s %s  × %d @ %s", l.LineNo, l.SKU, l.Name, l.Spec, l.Qty, cur.Format(l.UnitPrice))
		if l.Discount > 0 {
			text += " − " + cur.Format(l.Discount)
		}
		line := widget.NewLabel(text + " = " + cur.Format(l.Subtotal()))
		line.Wrapping = fyne.TextWrapWord
		// The line's stock sits right under it, indented.
		group := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), line)
		if i < len(v.stock) {
			a := v.stock[i]
			stock := widget.NewLabel(availabilityText(a))
			stock.Importance = availabilityImportance(a.State)
			group.Add(container.New(layout.NewCustomPaddedLayout(0, 0, 6*theme.Padding(), 0), stock))
		}
		s.lines.Add(group)
	}
	s.totals.SetText(fmt.Sprintf("%s %s   %s %s   %s %s   %s %s",
		lang.L("Goods"), cur.Format(o.GoodsTotal), lang.L("Shipping"), cur.Format(o.ShippingFee),
		lang.L("Discount"), cur.Format(o.OrderDiscount), lang.L("Payable"), cur.Format(o.Payable)))

	// An order decided elsewhere meanwhile shows, but takes no decision.
	s.setDeciding(o.Status == app.StatusPendingReview)
	s.body.Show()
	s.body.Refresh()
}

// partyText says who ordered, where it goes and what was asked for.
func partyText(o *app.Order) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s (%s)", lang.L("Customer"), o.CustomerName, customerKindText(o.CustomerKind))
	fmt.Fprintf(&b, "\n%s: %s %s", lang.L("Recipient"), o.RecipientName, o.RecipientPhone)
	fmt.Fprintf(&b, "\n%s: %s %s", lang.L("Address"), o.Address.OneLine(), o.Address.Postcode)
	fmt.Fprintf(&b, "\n%s: %s", lang.L("Payment method"), methodText(o.PaymentMethod))
	if o.Delivery.Urgency == app.UrgencyUrgent {
		fmt.Fprintf(&b, "\n%s", lang.L("Urgent delivery"))
	}
	if !o.Delivery.ExpectedDate.IsZero() {
		fmt.Fprintf(&b, "\n%s", lang.L("Deliver by {{.Date}}", map[string]any{"Date": o.Delivery.ExpectedDate.Local().Format("2006-01-02")}))
	}
	if o.CouponCode != "" {
		fmt.Fprintf(&b, "\n%s: %s", lang.L("Coupon code"), o.CouponCode)
	}
	if o.SpecialRequest != "" {
		fmt.Fprintf(&b, "\n%s: %s", lang.L("Special request"), o.SpecialRequest)
	}
	if o.Notes != "" {
		fmt.Fprintf(&b, "\n%s: %s", lang.L("Notes"), o.Notes)
	}
	return b.String()
}

// reviewedText says when the rules checked the order and what the
// supervisor decided, if anything.
func reviewedText(r *app.Review) string {
	if r == nil {
		return lang.L("The rules have not checked this order yet: Check again runs them")
	}
	text := lang.L("Checked by the rules at {{.Time}}", map[string]any{"Time": dateTime(r.CheckedAt)})
	if r.Decision == app.DecisionNone {
		return text
	}
	text += "\n" + lang.L("{{.Decision}} by {{.Reviewer}} at {{.Time}}", map[string]any{
		"Decision": decisionText(r.Decision), "Reviewer": r.Reviewer, "Time": dateTime(r.ReviewedAt)})
	if r.Opinion != "" {
		text += "\n" + lang.L("Opinion") + ": " + r.Opinion
	}
	return text
}

func decisionText(d app.ReviewDecision) string {
	english := map[app.ReviewDecision]string{app.DecisionAuto: "Confirmed automatically", app.DecisionApproved: "Approved",
		app.DecisionHeld: "Held", app.DecisionRejected: "Rejected"}[d]
	if english == "" {
		english = string(d)
	}
	return lang.X("decision."+string(d), english)
}

// setDeciding enables the decision buttons, or disables them while a
// decision is under way or the order no longer waits.
func (s *ReviewScreen) setDeciding(on bool) {
	for _, b := range []*widget.Button{s.approve, s.hold, s.reject, s.recheck} {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

func (s *ReviewScreen) onApprove() {
	s.askDecision(lang.L("Approve order {{.Number}}", s.numberData()), lang.L("Opinion"), lang.L("Approve"), true,
		lang.L("Order {{.Number}} approved: it is confirmed", s.numberData()),
		func(id int64, opinion string) error {
			_, err := s.svc.Approve(s.ctx, id, opinion)
			return err
		})
}

func (s *ReviewScreen) onHold() {
	s.askDecision(lang.L("Hold order {{.Number}}", s.numberData()), lang.L("Reason"), lang.L("Hold"), false,
		lang.L("Order {{.Number}} put on hold", s.numberData()),
		func(id int64, reason string) error {
			_, err := s.svc.Hold(s.ctx, id, reason)
			return err
		})
}

func (s *ReviewScreen) onReject() {
	s.askDecision(lang.L("Reject order {{.Number}}", s.numberData()), lang.L("Reason"), lang.L("Reject"), false,
		lang.L("Order {{.Number}} rejected", s.numberData()),
		func(id int64, reason string) error {
			_, err := s.svc.Reject(s.ctx, id, reason)
			return err
		})
}

// onRecheck runs the rules again, after the order was corrected.
func (s *ReviewScreen) onRecheck() {
	id, number := s.chosen, s.number
	s.setDeciding(false)
	s.background(func() {
		r, err := s.svc.Recheck(s.ctx, id)
		fyne.Do(func() { s.decided(err, recheckedText(number, r)) })
	})
}

// recheckedText says what the rules found when they checked an order
// again.
func recheckedText(number string, r *app.Review) string {
	if r == nil || len(r.Findings) == 0 {
		return lang.L("Order {{.Number}} checked again: the rules found nothing", map[string]any{"Number": number})
	}
	data := map[string]any{"Number": number, "Count": app.FormatCount(int64(len(r.Findings))), "First": findingText(r.Findings[0])}
	return countText(len(r.Findings), lang.L("Order {{.Number}} checked again: {{.First}}", data),
		lang.L("Order {{.Number}} checked again: {{.Count}} findings, the first: {{.First}}", data))
}

func (s *ReviewScreen) numberData() map[string]any { return map[string]any{"Number": s.number} }

// askDecision asks for the opinion or reason a decision records and takes
// the decision. When the service refuses the text, the dialog stays open
// with the problem under the field, so nothing typed is lost. done says
// what was decided, once it is.
func (s *ReviewScreen) askDecision(title, label, confirm string, multiline bool, done string, take func(id int64, text string) error) {
	id := s.chosen
	if id == 0 {
		return
	}
	entry := widget.NewEntry()
	if multiline {
		entry = widget.NewMultiLineEntry()
		entry.SetMinRowsVisible(3)
		entry.SetPlaceHolder(lang.L("Optional: a note for the record"))
	}
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()

	content := container.NewVBox(widget.NewForm(widget.NewFormItem(label, entry)), problem)
	var dlg *dialog.CustomDialog
	var ok *widget.Button
	submit := func() {
		ok.Disable()
		text := entry.Text
		s.background(func() {
			err := take(id, text)
			fyne.Do(func() {
				ok.Enable()
				if v, refused := app.IsValidation(err); refused {
					problem.SetText(reviewProblems(v))
					problem.Show()
					content.Refresh()
					dlg.Resize(fyne.NewSize(480, dlg.MinSize().Height))
					return
				}
				dlg.Hide()
				s.decided(err, done)
			})
		})
	}
	ok = widget.NewButtonWithIcon(confirm, theme.ConfirmIcon(), submit)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() { dlg.Hide() })
	if !multiline {
		entry.OnSubmitted = func(string) { submit() }
	}
	dlg = dialog.NewCustomWithoutButtons(title, content, s.win)
	dlg.SetButtons([]fyne.CanvasObject{cancel, ok})
	dlg.Resize(fyne.NewSize(480, dlg.MinSize().Height))
	dlg.Show()
	s.win.Canvas().Focus(entry)
}

// decided reloads the inbox after a decision (the next order takes the
// decided one's place) and says what was decided (done), or why it was
// refused.
func (s *ReviewScreen) decided(err error, done string) {
	if err == nil {
		notify(s.win, done, widget.SuccessImportance)
	}
	if err != nil {
		s.setDeciding(true)
		showError(errors.New(errorText(err)), s.win)
	}
	s.reload()
}

// reviewProblems words the service's refusal of a reason or opinion. The
// English message is exact, so English passes it through as {{.Message}};
// other languages say it per field and code.
func reviewProblems(v *app.ValidationError) string {
	lines := make([]string, len(v.Fields))
	for i, f := range v.Fields {
		text := lang.X("review."+f.Field+"."+f.Code, "", map[string]any{"Message": f.Message})
		if text == "" {
			text = fieldWords(f.Field) + ": " + problemWords(f)
		}
		lines[i] = capitalize(text)
	}
	return strings.Join(lines, "\n")
}
