package screens

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// The Complaints tab's rows and the complaint on the right: who
// complained about what, the department's investigation, the resolution
// and the customer's satisfaction, and the case it opened.

// createComplaintRow is a complaint row: number, complainant and order,
// status; when, category and department, and any compensation.
func (s *AfterSalesScreen) createComplaintRow() fyne.CanvasObject {
	return twoLineRow("202605-T000")
}

// updateComplaintRow sets every field of a recycled row.
func (s *AfterSalesScreen) updateComplaintRow(c app.Complaint, o fyne.CanvasObject) {
	rows := o.(*fyne.Container)
	top, bottom := rows.Objects[0].(*fyne.Container), rows.Objects[1].(*fyne.Container)
	who, number, status := top.Objects[0].(*widget.Label), top.Objects[1].(*widget.Label), top.Objects[2].(*widget.Label)
	about, when, money := bottom.Objects[0].(*widget.Label), bottom.Objects[1].(*widget.Label), bottom.Objects[2].(*widget.Label)
	defer func() {
		top.Refresh()
		bottom.Refresh()
	}()
	if c.ID == 0 {
		number.SetText("…")
		for _, l := range []*widget.Label{who, status, about, when, money} {
			l.SetText("")
		}
		return
	}
	number.SetText(c.Number)
	who.SetText(joinParts([]string{c.Complainant, c.Order}))
	status.SetText(complaintStatusText(c.Status))
	status.Importance = complaintStatusImportance(c.Status)
	status.Refresh()
	when.SetText(dateTime(c.ReceivedAt))
	about.SetText(joinParts([]string{complaintCategoryText(c.Category), roleText(c.Department), c.SKU}))
	money.SetText("")
	if c.Compensation > 0 {
		money.SetText(lang.L("{{.Amount}} compensation", map[string]any{"Amount": s.currency.Format(c.Compensation)}))
	}
}

func complaintStatusImportance(st app.ComplaintStatus) widget.Importance {
	switch st {
	case app.ComplaintPending:
		return widget.WarningImportance
	case app.ComplaintClosed:
		return widget.LowImportance
	}
	return widget.HighImportance
}

// complaintDetail is the right pane of the Complaints tab.
type complaintDetail struct {
	detailPane[complaintView]

	meta                   *widget.Label
	facts, content         *fyne.Container // a label a line
	notes, outcome         *fyne.Container
	notesHead, outcomeHead *widget.Label
	actions                *fyne.Container
}

// complaintView is what the pane shows of one complaint, loaded off the
// UI goroutine.
type complaintView struct {
	c        *app.Complaint
	order    *app.Order // nil: about no one order
	linked   *app.Case  // the case it opened
	currency app.Currency
}

func newComplaintDetail(s *AfterSalesScreen) *complaintDetail {
	d := &complaintDetail{}
	bold := fyne.TextStyle{Bold: true}
	d.meta = widget.NewLabel("")
	d.meta.Wrapping = fyne.TextWrapWord
	d.facts, d.content, d.notes, d.outcome = factLines(), factLines(), factLines(), factLines()
	d.notesHead = widget.NewLabelWithStyle(lang.L("Investigation"), fyne.TextAlignLeading, bold)
	d.outcomeHead = widget.NewLabelWithStyle(lang.L("Resolution"), fyne.TextAlignLeading, bold)
	d.actions = container.NewGridWrap(fyne.NewSize(170, 36))
	d.frame(s, lang.L("Choose a complaint"), container.NewVBox(d.meta, d.actions, widget.NewSeparator(), d.facts,
		widget.NewSeparator(), widget.NewLabelWithStyle(lang.L("What the customer says"), fyne.TextAlignLeading, bold),
		d.content, d.notesHead, d.notes, d.outcomeHead, d.outcome))
	return d
}

// open loads a complaint in the background and shows it.
func (d *complaintDetail) open(id int64) { d.load(id, "complaint", loadComplaintView, d.show) }

func loadComplaintView(ctx context.Context, svc *app.Service, id int64) (*complaintView, error) {
	v := &complaintView{}
	var err error
	if v.c, err = svc.Complaint(ctx, id); err != nil {
		return nil, err
	}
	if v.c.OrderID != 0 {
		if v.order, err = svc.Order(ctx, v.c.OrderID); err != nil {
			return nil, err
		}
	}
	if v.c.CaseID != 0 {
		if v.linked, err = svc.Case(ctx, v.c.CaseID); err != nil {
			return nil, err
		}
	}
	shop, err := svc.Shop(ctx)
	if err != nil {
		return nil, err
	}
	v.currency = shop.Currency
	return v, nil
}

func (d *complaintDetail) show(v *complaintView) {
	d.view = v
	c := v.c
	d.title.SetText(lang.L("Complaint {{.Number}}", map[string]any{"Number": c.Number}))
	d.meta.SetText(capitalize(joinParts([]string{complaintStatusText(c.Status), complaintCategoryText(c.Category),
		lang.L("received {{.Time}}", map[string]any{"Time": dateTime(c.ReceivedAt)})})))
	facts := []string{lang.L("Complainant") + ": " + joinParts([]string{c.Complainant, c.Contact})}
	if v.order != nil {
		facts = append(facts, fmt.Sprintf("%s: %s · %s · %s", lang.L("Order"), v.order.Number, v.order.CustomerName,
			statusText(v.order.Status)))
	}
	if c.SKU != "" {
		facts = append(facts, lang.L("Product")+": "+c.SKU)
	}
	facts = append(facts, lang.L("Handled by")+": "+roleText(c.Department))
	if v.linked != nil {
		facts = append(facts, lang.L("After-sales case {{.Number}}: {{.Kind}}, {{.Status}}", map[string]any{
			"Number": v.linked.Number, "Kind": caseKindText(v.linked.Kind), "Status": caseStatusText(v.linked.Status)}))
	}
	for _, step := range []struct{ what, when string }{{lang.L("Taken on"), dateTime(c.AcceptedAt)},
		{lang.L("Resolved"), dateTime(c.ResolvedAt)}, {lang.L("Closed"), dateTime(c.ClosedAt)}} {
		if step.when != "" {
			facts = append(facts, step.what+": "+step.when)
		}
	}
	setLines(d.facts, joinLines(facts))
	content := c.Content
	if c.Expected != "" {
		content += "\n" + lang.L("Expects: {{.Expected}}", map[string]any{"Expected": c.Expected})
	}
	setLines(d.content, content)
	setLines(d.notes, c.Investigation)
	d.notesHead.Hidden = c.Investigation == ""
	var outcome []string
	if c.Resolution != "" {
		outcome = append(outcome, c.Resolution)
	}
	if c.Compensation > 0 {
		outcome = append(outcome, lang.L("Compensation: {{.Amount}}", map[string]any{"Amount": v.currency.Format(c.Compensation)}))
	}
	if c.Satisfaction != app.SatisfactionNone {
		outcome = append(outcome, lang.L("Customer: {{.Satisfaction}}", map[string]any{"Satisfaction": satisfactionText(c.Satisfaction)}))
	}
	setLines(d.outcome, joinLines(outcome))
	d.outcomeHead.Hidden = len(outcome) == 0
	d.setActions(v)
	d.body.Show()
	d.body.Refresh()
}

// setActions offers the steps the complaint can take now.
func (d *complaintDetail) setActions(v *complaintView) {
	s, c := d.s, v.c
	d.actions.RemoveAll()
	add := func(text string, icon fyne.Resource, important bool, do func()) {
		b := widget.NewButtonWithIcon(text, icon, do)
		if important {
			b.Importance = widget.HighImportance
		}
		d.actions.Add(b)
	}
	switch c.Status {
	case app.ComplaintPending:
		add(lang.L("Take on"), theme.ConfirmIcon(), true, func() { s.acceptComplaint(c) })
	case app.ComplaintResolved:
		add(lang.L("Close…"), theme.ConfirmIcon(), true, func() { s.askCloseComplaint(c) })
	}
	if c.Status == app.ComplaintPending || c.Status == app.ComplaintInvestigating {
		add(lang.L("Add note…"), theme.DocumentCreateIcon(), false, func() { s.askNoteComplaint(c) })
		add(lang.L("Resolve…"), theme.ConfirmIcon(), c.Status == app.ComplaintInvestigating, func() { s.askResolve(v) })
		if c.CaseID == 0 {
			add(lang.L("Open a case…"), theme.ContentAddIcon(), false, func() {
				s.askNewCase(c.Order, c, func(*app.Case) { s.complaintChanged(c.ID, "") })
			})
		}
	}
	if v.order != nil {
		o := v.order
		add(lang.L("Open order"), theme.FileTextIcon(), false, func() {
			if s.openOrder != nil {
				s.openOrder(o.ID, o.Number)
			}
		})
	}
	if v.linked != nil {
		cs := v.linked
		add(lang.L("Open case"), theme.HistoryIcon(), false, func() { s.ShowCase(cs.ID, cs.Number) })
	}
	d.actions.Refresh()
}

// complaintChanged shows a complaint again after a step.
func (s *AfterSalesScreen) complaintChanged(id int64, said string) {
	s.complaints.shown, s.complaints.keep = id, true
	if said != "" {
		s.job.say(said)
	}
	s.reload()
}

// askNewComplaint takes a complaint down, about order o when
// given; the department must take it on within two hours.
func (s *AfterSalesScreen) askNewComplaint(o *app.Order) {
	complainant, contact, orderNo, sku := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	content, expected := widget.NewMultiLineEntry(), widget.NewEntry()
	content.SetMinRowsVisible(4)
	content.Wrapping = fyne.TextWrapWord
	contact.SetPlaceHolder(lang.L("Phone or e-mail"))
	orderNo.SetPlaceHolder(lang.L("Optional: the order it is about"))
	sku.SetPlaceHolder(lang.L("Optional: SKU or barcode"))
	content.SetPlaceHolder(lang.L("What happened, in the customer's words"))
	expected.SetPlaceHolder(lang.L("Optional: an apology, a refund, a replacement…"))
	if o != nil {
		complainant.SetText(o.CustomerName)
		contact.SetText(orValue(o.CustomerPhone, o.RecipientPhone))
		orderNo.SetText(o.Number)
	}
	categories := app.ComplaintCategories()
	names := make([]string, len(categories))
	for i, c := range categories {
		names[i] = complaintCategoryText(c)
	}
	category := newSelect(names, nil)
	category.PlaceHolder = lang.L("Choose what it is about")
	departments := []app.Role{app.RoleService, app.RoleWarehouse, app.RoleFinance, app.RoleOwner}
	deptNames := make([]string, len(departments))
	for i, r := range departments {
		deptNames[i] = roleText(r)
	}
	department := newSelect(deptNames, nil)
	department.SetSelectedIndex(0)
	a := newActionDialog(s.win, s.background)
	a.width = 600
	form := widget.NewForm(a.item(lang.L("Complainant"), "complainant", complainant), a.item(lang.X("complaint.contact", "Contact"), "contact", contact),
		a.item(lang.L("Order"), "order", orderNo), a.item(lang.L("Product"), "product", sku),
		a.item(lang.L("Complaint"), "content", content), a.item(lang.L("Expects"), "expected", expected),
		a.item(lang.L("Category"), "category", category), a.item(lang.L("Department"), "department", department))
	var saved *app.Complaint
	a.show(lang.L("New complaint"), lang.L("Register"), form, complainant, []*widget.Entry{complainant, contact, orderNo, sku},
		func() (func() error, bool) {
			in := app.ComplaintInput{Complainant: complainant.Text, Contact: contact.Text, Content: content.Text,
				Expected: expected.Text, Department: departments[max(department.SelectedIndex(), 0)]}
			if i := category.SelectedIndex(); i >= 0 {
				in.Category = categories[i]
			}
			number, code := strings.TrimSpace(orderNo.Text), strings.TrimSpace(sku.Text)
			return func() error {
				if number != "" {
					found, err := s.svc.OrderByNumber(s.ctx, number)
					if err != nil {
						return notFound("order", lang.L("There is no order {{.Number}}", map[string]any{"Number": number}), err)
					}
					in.OrderID = found.ID
				}
				if code != "" {
					p, err := s.svc.ProductByCode(s.ctx, code)
					if err != nil {
						return notFound("product", lang.L("There is no product {{.SKU}}", map[string]any{"SKU": code}), err)
					}
					in.ProductID = p.ID
				}
				var err error
				saved, err = s.svc.RegisterComplaint(s.ctx, in)
				return err
			}, true
		}, func() {
			s.job.say(lang.L("Complaint {{.Number}} registered: {{.Department}} must take it on within two hours",
				map[string]any{"Number": saved.Number, "Department": roleText(saved.Department)}))
			s.ShowComplaint(saved.ID, saved.Number)
		})
}

// notFound turns a failed look-up into a problem under its field; other
// failures pass unchanged.
func notFound(field, message string, err error) error {
	if !errors.Is(err, app.ErrNotFound) {
		return err
	}
	return &app.ValidationError{Fields: []app.FieldError{{Field: field, Code: app.CodeInvalid, Message: message}}}
}

// acceptComplaint is the department taking the complaint on.
func (s *AfterSalesScreen) acceptComplaint(c *app.Complaint) {
	s.background(func() {
		_, err := s.svc.AcceptComplaint(s.ctx, c.ID)
		fyne.Do(func() {
			if err != nil {
				showError(afterSalesError(err), s.win)
				return
			}
			s.complaintChanged(c.ID, lang.L("Complaint {{.Number}} taken on", map[string]any{"Number": c.Number}))
		})
	})
}

// askNoteComplaint adds to the investigation notes.
func (s *AfterSalesScreen) askNoteComplaint(c *app.Complaint) {
	note := widget.NewMultiLineEntry()
	note.SetMinRowsVisible(3)
	note.Wrapping = fyne.TextWrapWord
	note.SetPlaceHolder(lang.L("Who was asked, what was found"))
	a := newActionDialog(s.win, s.background)
	a.show(lang.L("Note on complaint {{.Number}}", map[string]any{"Number": c.Number}), lang.L("Add note"),
		widget.NewForm(a.item(lang.L("Note"), "note", note)), note, nil, func() (func() error, bool) {
			text := note.Text
			return func() error {
				_, err := s.svc.NoteComplaint(s.ctx, c.ID, text)
				return afterSalesError(err)
			}, true
		}, func() { s.complaintChanged(c.ID, "") })
}

// askResolve records what the shop did, and any compensation paid back on
// the complaint's order.
func (s *AfterSalesScreen) askResolve(v *complaintView) {
	c, cur := v.c, v.currency
	resolution := widget.NewMultiLineEntry()
	resolution.SetMinRowsVisible(3)
	resolution.Wrapping = fyne.TextWrapWord
	resolution.SetPlaceHolder(lang.L("What the shop did about it"))
	compensation := widget.NewEntry()
	compensation.SetPlaceHolder(lang.L("Optional, like 12.50"))
	about := widget.NewLabel(lang.L("This complaint names no order, so no money can be paid back."))
	if v.order != nil {
		about.SetText(lang.L("Compensation is paid back on order {{.Order}} by {{.Method}}.",
			map[string]any{"Order": v.order.Number, "Method": methodText(v.order.PaymentMethod)}))
	} else {
		compensation.Disable()
	}
	about.Wrapping = fyne.TextWrapWord
	a := newActionDialog(s.win, s.background)
	a.show(lang.L("Resolve complaint {{.Number}}", map[string]any{"Number": c.Number}), lang.L("Resolve"),
		container.NewVBox(widget.NewForm(a.item(lang.L("Resolution"), "resolution", resolution),
			a.item(lang.L("Compensation"), "compensation", compensation)), about), resolution, nil,
		func() (func() error, bool) {
			in := app.ComplaintResolution{Resolution: resolution.Text}
			if text := strings.TrimSpace(compensation.Text); text != "" {
				m, err := cur.ParseMoney(text)
				if err != nil {
					a.say("compensation", lang.L("Enter the amount like 12.50"))
					return nil, false
				}
				in.Compensation = m
			}
			return func() error {
				_, err := s.svc.ResolveComplaint(s.ctx, c.ID, in)
				return afterSalesError(err)
			}, true
		}, func() {
			s.complaintChanged(c.ID, lang.L("Complaint {{.Number}} resolved: ask the customer how they took it, then close it",
				map[string]any{"Number": c.Number}))
		})
}

// askCloseComplaint records how the customer took the resolution.
func (s *AfterSalesScreen) askCloseComplaint(c *app.Complaint) {
	answers := app.Satisfactions()
	names := make([]string, len(answers))
	for i, v := range answers {
		names[i] = satisfactionText(v)
	}
	how := widget.NewRadioGroup(names, nil)
	how.Horizontal = true
	a := newActionDialog(s.win, s.background)
	a.show(lang.L("Close complaint {{.Number}}", map[string]any{"Number": c.Number}), lang.L("Close complaint"),
		widget.NewForm(a.item(lang.L("The customer is"), "satisfaction", how)), nil, nil, func() (func() error, bool) {
			var v app.Satisfaction
			if i := slices.Index(how.Options, how.Selected); i >= 0 {
				v = answers[i]
			}
			return func() error {
				_, err := s.svc.CloseComplaint(s.ctx, c.ID, v)
				return afterSalesError(err)
			}, true
		}, func() {
			s.complaintChanged(c.ID, lang.L("Complaint {{.Number}} closed", map[string]any{"Number": c.Number}))
		})
}
