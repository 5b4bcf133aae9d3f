package screens

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// The Cases tab's rows and the case on the right: what was
// asked, whether it is eligible, what came back and what is owed, and the
// steps from request to inspection to refund as buttons.

// createCaseRow is a case row: number, order and customer, status; when,
// kind and reason, and the money.
func (s *AfterSalesScreen) createCaseRow() fyne.CanvasObject {
	return twoLineRow("202605-R000")
}

// updateCaseRow sets every field of a recycled row; a row still loading
// (the zero case) shows empty.
func (s *AfterSalesScreen) updateCaseRow(r caseRow, o fyne.CanvasObject) {
	rows := o.(*fyne.Container)
	top, bottom := rows.Objects[0].(*fyne.Container), rows.Objects[1].(*fyne.Container)
	who, number, status := top.Objects[0].(*widget.Label), top.Objects[1].(*widget.Label), top.Objects[2].(*widget.Label)
	about, when, money := bottom.Objects[0].(*widget.Label), bottom.Objects[1].(*widget.Label), bottom.Objects[2].(*widget.Label)
	defer func() {
		top.Refresh()
		bottom.Refresh()
	}()
	if r.ID == 0 {
		number.SetText("…")
		for _, l := range []*widget.Label{who, status, about, when, money} {
			l.SetText("")
		}
		return
	}
	number.SetText(r.Number)
	who.SetText(joinParts([]string{r.Order, r.Customer}))
	status.SetText(caseStatusText(r.Status))
	status.Importance = caseStatusImportance(r.Status)
	status.Refresh()
	when.SetText(dateTime(r.RequestedAt))
	about.SetText(joinParts([]string{caseKindText(r.Kind), caseReasonText(r.Reason), unitsText(caseUnits(&r.Case))}))
	money.SetText(refundText(&r.Case, s.currency))
}

// caseStatusImportance colours a status: what waits for the shop stands
// out, what is over fades.
func caseStatusImportance(st app.CaseStatus) widget.Importance {
	switch st {
	case app.CaseRequested:
		return widget.WarningImportance
	case app.CaseRejected, app.CaseClosed:
		return widget.LowImportance
	}
	return widget.HighImportance
}

// caseUnits counts the units a case is about.
func caseUnits(c *app.Case) int64 {
	var n int64
	for _, l := range c.Lines {
		n += l.Qty
	}
	return n
}

// refundText says what a case owes and paid back, or nothing.
func refundText(c *app.Case, cur app.Currency) string {
	data := map[string]any{"Amount": cur.Format(c.RefundAmount), "Paid": cur.Format(c.Refunded)}
	switch {
	case c.RefundAmount == 0:
		return ""
	case c.Refunded == 0:
		return lang.L("{{.Amount}} owed", data)
	case c.Refunded < c.RefundAmount:
		return lang.L("{{.Paid}} of {{.Amount}} refunded", data)
	}
	return lang.L("{{.Amount}} refunded", data)
}

// caseDetail is the right pane of the Cases tab.
type caseDetail struct {
	detailPane[caseView]

	meta, eligibility   *widget.Label
	facts, goods, money *fyne.Container // a label a line
	history             *fyne.Container // who did what to the case, oldest first
	actions             *fyne.Container
}

// caseView is what the pane shows of one case, loaded off the UI
// goroutine.
type caseView struct {
	c         *app.Case
	order     *app.Order
	linked    *app.Order     // the exchange's or re-send's order
	complaint *app.Complaint // the complaint that opened it
	history   []app.Event
	payments  []app.Payment // the order's money in and out
	bins      map[int64]string
	currency  app.Currency
}

func newCaseDetail(s *AfterSalesScreen) *caseDetail {
	d := &caseDetail{}
	d.meta, d.eligibility = widget.NewLabel(""), widget.NewLabel("")
	d.meta.Wrapping, d.eligibility.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
	d.facts, d.goods, d.money, d.history = factLines(), factLines(), factLines(), factLines()
	d.actions = container.NewGridWrap(fyne.NewSize(170, 36))
	bold := fyne.TextStyle{Bold: true}
	d.frame(s, lang.L("Choose a case"), container.NewVBox(d.meta, d.eligibility, d.actions, widget.NewSeparator(), d.facts,
		widget.NewSeparator(), widget.NewLabelWithStyle(lang.X("aftersales.goods", "Goods"), fyne.TextAlignLeading, bold),
		d.goods, d.money, widget.NewSeparator(), widget.NewLabelWithStyle(lang.L("History"), fyne.TextAlignLeading, bold),
		d.history))
	return d
}

// open loads a case in the background and shows it.
func (d *caseDetail) open(id int64) { d.load(id, "case", loadCaseView, d.show) }

func loadCaseView(ctx context.Context, svc *app.Service, id int64) (*caseView, error) {
	v := &caseView{}
	var err error
	if v.c, err = svc.Case(ctx, id); err != nil {
		return nil, err
	}
	if v.order, err = svc.Order(ctx, v.c.OrderID); err != nil {
		return nil, err
	}
	if v.payments, err = svc.Payments(ctx, v.c.OrderID); err != nil {
		return nil, err
	}
	if v.c.LinkedOrderID != 0 {
		if v.linked, err = svc.Order(ctx, v.c.LinkedOrderID); err != nil {
			return nil, err
		}
	}
	if v.c.ComplaintID != 0 {
		if v.complaint, err = svc.Complaint(ctx, v.c.ComplaintID); err != nil {
			return nil, err
		}
	}
	for _, l := range v.c.Lines {
		if l.BinID != 0 && v.bins == nil {
			choices, err := loadBins(ctx, svc)
			if err != nil {
				return nil, err
			}
			v.bins = map[int64]string{}
			for _, b := range choices {
				v.bins[b.id] = b.label
			}
		}
	}
	if v.history, err = svc.History(ctx, app.SubjectCase, id); err != nil {
		return nil, err
	}
	shop, err := svc.Shop(ctx)
	if err != nil {
		return nil, err
	}
	v.currency = shop.Currency
	return v, nil
}

// binChoice is a bin goods can go back to, named with its warehouse.
type binChoice struct {
	id, warehouse int64
	label         string
}

// loadBins lists the bins of the active warehouses.
func loadBins(ctx context.Context, svc *app.Service) ([]binChoice, error) {
	houses, err := svc.Warehouses(ctx)
	if err != nil {
		return nil, err
	}
	var out []binChoice
	for _, w := range houses {
		if !w.Active {
			continue
		}
		bins, err := svc.Bins(ctx, w.ID)
		if err != nil {
			return nil, err
		}
		for _, b := range bins {
			out = append(out, binChoice{id: b.ID, warehouse: w.ID, label: w.Code + " · " + b.Code})
		}
	}
	return out, nil
}

func (d *caseDetail) show(v *caseView) {
	d.view = v
	c, o, cur := v.c, v.order, v.currency
	d.title.SetText(lang.L("Case {{.Number}}", map[string]any{"Number": c.Number}))
	d.meta.SetText(capitalize(joinParts([]string{caseStatusText(c.Status), caseKindText(c.Kind), caseReasonText(c.Reason),
		lang.L("requested {{.Time}}", map[string]any{"Time": dateTime(c.RequestedAt)})})))
	d.eligibility.SetText(eligibilityText(c))
	d.eligibility.Importance = widget.SuccessImportance
	if !c.Eligible() {
		d.eligibility.Importance = widget.WarningImportance
	}
	d.eligibility.Refresh()

	facts := []string{fmt.Sprintf("%s: %s · %s · %s", lang.L("Order"), o.Number, o.CustomerName, o.CustomerPhone)}
	if c.Details != "" {
		facts = append(facts, lang.L("Details")+": "+c.Details)
	}
	if c.DecisionNote != "" {
		facts = append(facts, lang.L("Note")+": "+c.DecisionNote)
	}
	if v.linked != nil {
		facts = append(facts, lang.L("Goods go out as order {{.Number}} ({{.Status}})",
			map[string]any{"Number": v.linked.Number, "Status": statusText(v.linked.Status)}))
	}
	if v.complaint != nil {
		facts = append(facts, lang.L("Opened from complaint {{.Number}} ({{.Status}})",
			map[string]any{"Number": v.complaint.Number, "Status": complaintStatusText(v.complaint.Status)}))
	}
	for _, step := range []struct {
		at   string
		when string
	}{{lang.L("Decided"), dateTime(c.DecidedAt)}, {lang.L("Goods received"), dateTime(c.ReceivedAt)},
		{lang.L("Closed"), dateTime(c.ClosedAt)}} {
		if step.when != "" {
			facts = append(facts, step.at+": "+step.when)
		}
	}
	setLines(d.facts, joinLines(facts))
	setLines(d.goods, caseGoodsText(c, v.bins, cur))
	var money []string
	if c.Kind == app.CasePartialRefund && c.Status == app.CaseRequested {
		money = append(money, lang.L("Asked to pay back: {{.Amount}}", map[string]any{"Amount": cur.Format(c.RefundAmount)}))
	} else if text := refundText(c, cur); text != "" {
		money = append(money, lang.L("Refund")+": "+text)
	}
	money = append(money, orderMoneyText(o, v.payments, cur))
	setLines(d.money, joinLines(money))
	steps := make([]string, len(v.history))
	for i, e := range v.history {
		steps[i] = dateTime(e.At) + "  " + e.Actor + "  " + historyText(e, cur)
	}
	setLines(d.history, joinLines(steps))
	d.setActions(v)
	d.body.Show()
	d.body.Refresh()
}

// eligibilityText says whether a case meets the return policy and why,
// and who pays the postage.
func eligibilityText(c *app.Case) string {
	var parts []string
	if c.Kind != app.CaseUndeliverable {
		if c.WithinWindow {
			parts = append(parts, lang.L("within the return window"))
		} else {
			parts = append(parts, lang.L("past the return window"))
		}
		if c.PackagingIntact {
			parts = append(parts, lang.L("tags and packaging intact"))
		} else {
			parts = append(parts, lang.L("tags or packaging not intact"))
		}
	}
	if c.ShopPaysShipping {
		parts = append(parts, lang.L("the shop pays the postage both ways"))
	} else {
		parts = append(parts, lang.L("the customer pays the postage"))
	}
	verdict := lang.L("Eligible")
	switch {
	case c.Reason.ShopsFault():
		verdict = lang.L("Eligible, the shop's fault")
	case !c.Eligible():
		verdict = lang.L("Not eligible under the return policy")
	}
	return verdict + ": " + joinParts(parts)
}

// caseGoodsText lists a case's lines with what the inspection found, and
// what an exchange sends instead.
func caseGoodsText(c *app.Case, bins map[int64]string, cur app.Currency) string {
	var lines []string
	for _, l := range c.Lines {
		line := fmt.Sprintf("%d. %s  %s %s  × %s @ %s", l.LineNo, l.SKU, l.Name, l.Spec, app.FormatCount(l.Qty), cur.Format(l.UnitPrice))
		if !c.ReceivedAt.IsZero() {
			line += "  → " + inspectedText(l, bins)
		}
		lines = append(lines, line)
	}
	for _, x := range c.Exchange {
		lines = append(lines, lang.L("Sent instead: {{.SKU}} × {{.Qty}}", map[string]any{"SKU": x.SKU, "Qty": app.FormatCount(x.Qty)}))
	}
	return joinLines(lines)
}

// inspectedText is what came back of a line and where it went.
func inspectedText(l app.CaseLine, bins map[int64]string) string {
	if l.QtyReceived == 0 {
		return lang.L("nothing came back")
	}
	var where string
	switch l.Disposition {
	case app.DispositionRestock:
		where = lang.L("restocked into {{.Bin}}", map[string]any{"Bin": orValue(bins[l.BinID], "?")})
	case app.DispositionScrap:
		where = lang.L("scrapped")
	case app.DispositionSupplier:
		where = lang.L("sent back to the supplier")
	}
	return joinParts([]string{lang.L("{{.Qty}} received", map[string]any{"Qty": app.FormatCount(l.QtyReceived)}), l.Condition, where})
}

// joinLines puts facts one a line, skipping empty ones.
func joinLines(lines []string) string {
	out := ""
	for _, l := range lines {
		if l != "" {
			out += l + "\n"
		}
	}
	return out
}

// setActions offers the steps the case can take now.
func (d *caseDetail) setActions(v *caseView) {
	s, c := d.s, v.c
	d.actions.RemoveAll()
	add := func(text string, icon fyne.Resource, importance widget.Importance, do func()) {
		b := widget.NewButtonWithIcon(text, icon, do)
		b.Importance = importance
		d.actions.Add(b)
	}
	owed := c.RefundAmount - c.Refunded
	switch c.Status {
	case app.CaseRequested:
		add(lang.L("Approve…"), theme.ConfirmIcon(), widget.HighImportance, func() { s.askApprove(v) })
		add(lang.L("Reject…"), theme.CancelIcon(), widget.DangerImportance, func() { s.askReject(c) })
	case app.CaseApproved:
		if c.Kind.GoodsComeBack() {
			add(lang.L("Receive goods…"), theme.DownloadIcon(), widget.HighImportance, func() { s.askReceive(v) })
		}
	}
	if c.Status.Open() && owed > 0 && c.Status != app.CaseRequested {
		add(lang.L("Refund…"), theme.ContentUndoIcon(), widget.HighImportance, func() { s.askRefundCase(v) })
	}
	// Every case whose state has something to tell the customer has its
	// letter (app.CaseLetterFor): not only returns.
	if _, err := app.CaseLetterFor(c); err == nil {
		add(lang.L("RMA letter…"), theme.DocumentPrintIcon(), widget.MediumImportance, func() { s.askRMALetter(c) })
	}
	if c.Status.Open() {
		add(lang.L("Close case…"), theme.WindowCloseIcon(), widget.MediumImportance, func() { s.askCloseCase(c) })
	}
	open := func(o *app.Order) func() {
		return func() {
			if s.openOrder != nil {
				s.openOrder(o.ID, o.Number)
			}
		}
	}
	add(lang.L("Open order"), theme.FileTextIcon(), widget.MediumImportance, open(v.order))
	if v.linked != nil {
		add(lang.L("Open linked order"), theme.FileTextIcon(), widget.MediumImportance, open(v.linked))
	}
	if v.complaint != nil {
		cp := v.complaint
		add(lang.L("Open complaint"), theme.MailComposeIcon(), widget.MediumImportance, func() { s.ShowComplaint(cp.ID, cp.Number) })
	}
	d.actions.Refresh()
}

// orderMoneyText says where an order's money stands, as a shop owner
// reads it: what came in by each method, what went back, what was
// credited, and what is owed either way.
func orderMoneyText(o *app.Order, payments []app.Payment, cur app.Currency) string {
	if o.AmountPaid == 0 && o.AmountCredited == 0 {
		return lang.L("Order {{.Number}} is not paid: it owes {{.Owed}}.", map[string]any{"Number": o.Number, "Owed": cur.Format(o.Outstanding())})
	}
	var parts []string
	if in := paidByMethod(payments, cur); in != "" {
		parts = append(parts, lang.L("received {{.Amounts}}", map[string]any{"Amounts": in}))
	}
	if o.AmountRefunded > 0 {
		parts = append(parts, lang.L("{{.Amount}} paid back", map[string]any{"Amount": cur.Format(o.AmountRefunded)}))
	}
	if o.AmountCredited > 0 {
		parts = append(parts, lang.L("{{.Amount}} credited", map[string]any{"Amount": cur.Format(o.AmountCredited)}))
	}
	standing := lang.L("nothing owed")
	switch {
	case o.RefundDue() > 0:
		standing = lang.L("{{.Amount}} due back to the customer", map[string]any{"Amount": cur.Format(o.RefundDue())})
	case o.Outstanding() > 0:
		standing = lang.L("{{.Amount}} still owed", map[string]any{"Amount": cur.Format(o.Outstanding())})
	}
	return lang.L("Order {{.Number}}: {{.Parts}}; {{.Standing}}.", map[string]any{"Number": o.Number,
		"Parts": strings.Join(parts, ", "), "Standing": standing})
}

// paidByMethod is the money received, by method in the order it came:
// "¥294.00 by WeChat Pay, ¥100.00 by cash". Goods once booked as a
// payment are credits now, not money.
func paidByMethod(payments []app.Payment, cur app.Currency) string {
	sums := map[app.PaymentMethod]app.Money{}
	var order []app.PaymentMethod
	for _, p := range payments {
		if p.Amount <= 0 || p.Method == app.PayReturnedGoods {
			continue
		}
		if _, seen := sums[p.Method]; !seen {
			order = append(order, p.Method)
		}
		sums[p.Method] += p.Amount
	}
	parts := make([]string, len(order))
	for i, m := range order {
		parts[i] = lang.L("{{.Amount}} by {{.Method}}", map[string]any{"Amount": cur.Format(sums[m]), "Method": methodText(m)})
	}
	return strings.Join(parts, ", ")
}
