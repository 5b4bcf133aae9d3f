package screens

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// The money screen's Invoices tab, and the dialogs that record
// money: a payment against an open order, an invoice issued for a paid
// one (from the order's detail).

// invoicePeriods are the invoice filter's choices, in its order.
const (
	periodThisMonth = iota
	periodLastMonth
	periodAll
)

// invoiceLimit is how many invoices the list shows, newest first.
const invoiceLimit = 500

func (s *MoneyScreen) buildInvoices() fyne.CanvasObject {
	s.periodSelect = newSelect([]string{lang.L("This month"), lang.L("Last month"), lang.L("All")}, nil)
	s.periodSelect.SetSelectedIndex(periodThisMonth)
	s.periodSelect.OnChanged = func(string) { s.choosePeriod(s.periodSelect.SelectedIndex()) }
	s.invoiceCount = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.invoiceEmpty = widget.NewLabel("")
	s.invoiceEmpty.Hide()
	heads := []string{lang.L("Invoice number"), lang.L("Issued"), lang.L("Order"), lang.L("Customer"), lang.L("Type"),
		lang.L("Invoice title"), lang.L("Amount")}
	s.invoiceTable = newHeadedTable(heads, []float32{130, 140, 120, 200, 150, 220, 110},
		func() (int, int) { return len(s.invoices), len(heads) }, s.updateInvoiceCell)
	return container.NewBorder(container.NewVBox(container.NewHBox(s.periodSelect, s.invoiceCount), s.invoiceEmpty),
		nil, nil, nil, s.invoiceTable)
}

// invoiceRange is the issue times a period covers, the To exclusive;
// zero times for all.
func invoiceRange(period int, now time.Time) (from, to time.Time) {
	now = now.Local()
	month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.Local)
	switch period {
	case periodThisMonth:
		return month, month.AddDate(0, 1, 0)
	case periodLastMonth:
		return month.AddDate(0, -1, 0), month
	}
	return time.Time{}, time.Time{}
}

func (s *MoneyScreen) loadInvoices(ctx context.Context, period int, now time.Time) ([]app.Invoice, error) {
	from, to := invoiceRange(period, now)
	return s.svc.Invoices(ctx, app.InvoiceFilter{From: from, To: to, Limit: invoiceLimit})
}

// choosePeriod reloads the invoices of another period.
func (s *MoneyScreen) choosePeriod(period int) {
	s.period.Store(int32(period))
	now := s.now()
	s.background(func() {
		list, err := s.loadInvoices(s.ctx, period, now)
		fyne.Do(func() {
			if err != nil {
				s.invoiceCount.SetText(lang.L("Search failed: ") + errorText(err))
				return
			}
			if int(s.period.Load()) == period { // not chosen again meanwhile
				s.showInvoices(period, list)
			}
		})
	})
}

func (s *MoneyScreen) showInvoices(period int, list []app.Invoice) {
	s.invoices = list
	var total app.Money
	for _, inv := range list {
		total += inv.Amount
	}
	count := lang.L("Invoices: {{.Count}} · {{.Amount}} in all", map[string]any{
		"Count": app.FormatCount(int64(len(list))), "Amount": s.currency.Format(total)})
	if len(list) == invoiceLimit {
		count = lang.L("The latest {{.Count}} invoices", map[string]any{"Count": app.FormatCount(invoiceLimit)})
	}
	s.invoiceCount.SetText(count)
	s.invoiceEmpty.SetText([]string{lang.L("No invoices issued this month"), lang.L("No invoices issued last month"),
		lang.L("No invoices issued yet")}[min(max(period, 0), periodAll)])
	s.invoiceCount.Hidden = len(list) == 0
	s.invoiceEmpty.Hidden = len(list) > 0
	s.invoiceTable.Refresh()
}

func (s *MoneyScreen) updateInvoiceCell(id widget.TableCellID, l *widget.Label) {
	if id.Row >= len(s.invoices) {
		l.SetText("")
		return
	}
	inv := s.invoices[id.Row]
	switch id.Col {
	case 0:
		l.SetText(inv.Number)
	case 1:
		l.SetText(dateTime(inv.IssuedAt))
	case 2:
		l.SetText(inv.OrderNumber)
	case 3:
		l.SetText(inv.Customer)
	case 4:
		l.SetText(invoiceTypeText(inv.Type))
	case 5:
		l.SetText(inv.Title)
	default:
		l.Alignment = fyne.TextAlignTrailing
		l.SetText(s.currency.Format(inv.Amount))
	}
}

// invoiceTypes are the kinds of invoice in the order the dialog offers
// them.
var invoiceTypes = []app.InvoiceType{app.InvoiceNormal, app.InvoiceVATSpec}

func invoiceTypeText(t app.InvoiceType) string {
	switch t {
	case app.InvoiceNormal:
		return lang.L("Normal invoice")
	case app.InvoiceVATSpec:
		return lang.L("VAT special invoice")
	}
	return string(t)
}

// askInvoice records the invoice issued for the shown order; an order
// that has one says so instead.
func (d *OrderDetail) askInvoice() {
	o := d.order
	if o == nil {
		return
	}
	d.background(func() {
		issued, err := d.svc.Invoices(d.ctx, app.InvoiceFilter{OrderID: o.ID, Limit: 1})
		fyne.Do(func() {
			switch {
			case err != nil:
				showError(errors.New(errorText(err)), d.win)
			case len(issued) > 0:
				inv := issued[0]
				dialog.ShowInformation(lang.L("Invoice"), lang.L("Order {{.Number}} already has invoice {{.Invoice}} of {{.Amount}}, issued {{.Time}}.",
					map[string]any{"Number": o.Number, "Invoice": inv.Number, "Amount": d.currency.Format(inv.Amount),
						"Time": dateTime(inv.IssuedAt)}), d.win)
			default:
				d.showInvoiceForm(o)
			}
		})
	})
}

// showInvoiceForm asks for the invoice's number; its kind, title and tax
// id start as the customer asked, the amount as what they paid net of
// refunds. A refusal keeps the dialog open with what was typed.
func (d *OrderDetail) showInvoiceForm(o *app.Order) {
	number := widget.NewEntry()
	number.SetPlaceHolder(lang.L("The number the tax system gave"))
	names := make([]string, len(invoiceTypes))
	for i, t := range invoiceTypes {
		names[i] = invoiceTypeText(t)
	}
	kind := newSelect(names, nil)
	for i, t := range invoiceTypes {
		if t == o.Invoice.Type {
			kind.SetSelectedIndex(i)
		}
	}
	title, taxID, amount := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	title.SetText(o.Invoice.Title)
	taxID.SetText(o.Invoice.TaxID)
	net := o.AmountPaid - o.AmountRefunded
	amount.SetText(d.currency.FormatPlain(net))

	f := newFormDialog(d.win, lang.L("Issue invoice for order {{.Number}}", map[string]any{"Number": o.Number}),
		lang.L("Issue invoice"), "invoice.")
	data := func(app.FieldError) map[string]any {
		return map[string]any{"Number": o.Number, "Paid": d.currency.Format(net)}
	}
	form := widget.NewForm(f.item(lang.L("Invoice number"), "number", number), f.item(lang.L("Type"), "type", kind),
		f.item(lang.L("Invoice title"), "title", title), f.item(lang.L("Tax id"), "tax_id", taxID),
		f.item(lang.L("Amount"), "amount", amount))
	f.show(form, number, []fyne.Focusable{number, title, taxID, amount}, func() {
		m, err := d.currency.ParseMoney(amount.Text)
		if err != nil {
			f.problem("amount", lang.L("Enter the amount like 12.50"))
			return
		}
		in := app.InvoiceInput{Number: number.Text, Title: title.Text, TaxID: taxID.Text, Amount: m}
		if i := kind.SelectedIndex(); i >= 0 {
			in.Type = invoiceTypes[i]
		}
		f.working(true)
		d.background(func() {
			_, err := d.svc.IssueInvoice(d.ctx, o.ID, in)
			fyne.Do(func() {
				if f.refused(err, data) {
					return
				}
				d.run(func() (*app.Order, error) {
					if err != nil {
						return nil, err
					}
					return d.svc.Order(d.ctx, o.ID)
				})
			})
		})
	})
}

// askPayment records a payment for the chosen order: the amount starts
// at what is outstanding. When the service refuses it the dialog stays
// open with the problem under its field, so nothing typed is lost.
func (s *MoneyScreen) askPayment() {
	r, ok := s.chosenReceivable()
	if !ok {
		return
	}
	method, chosenMethod := methodChoice(app.PayBank) // dealers pay by transfer
	amount := newDialogEntry()
	amount.SetText(s.currency.FormatPlain(r.Outstanding))
	reference := newDialogEntry()
	reference.SetPlaceHolder(lang.L("Optional: the bank's reference"))

	f := newFormDialog(s.win, lang.L("Record payment for order {{.Number}}", map[string]any{"Number": r.Number}),
		lang.L("Record payment"), "payment.")
	info := widget.NewLabel(lang.L("{{.Outstanding}} outstanding, due {{.Date}}", map[string]any{
		"Outstanding": s.currency.Format(r.Outstanding), "Date": r.DueDate.Local().Format("2006-01-02")}))
	data := func(fe app.FieldError) map[string]any {
		return map[string]any{"Number": r.Number, "Outstanding": s.currency.Format(r.Outstanding)}
	}
	f.show(container.NewVBox(info, widget.NewForm(
		f.item(lang.L("Method"), "method", method),
		f.item(lang.L("Amount"), "amount", amount),
		f.item(lang.L("Transaction id"), "transaction_id", reference))), amount,
		[]fyne.Focusable{amount, reference}, func() {
			m, err := s.currency.ParseMoney(amount.Text)
			if err != nil {
				f.problem("amount", lang.L("Enter the amount like 12.50"))
				return
			}
			in := app.PaymentInput{Method: chosenMethod(), Amount: m, TransactionID: reference.Text}
			f.working(true)
			s.background(func() {
				_, err := s.svc.RecordPayment(s.ctx, r.OrderID, in)
				fyne.Do(func() {
					if f.refused(err, data) {
						return
					}
					s.reload()
				})
			})
		})
}

// formDialog is a dialog of entries whose confirm button runs the work in
// the background; refusals show under their fields and keep the dialog
// open with what was typed, and Cancel or Escape asks before dropping
// changes.
type formDialog struct {
	win     fyne.Window
	title   string
	confirm string
	dlg     *dialog.CustomDialog
	ok      *widget.Button
	fields  *fieldProblems
	general *widget.Label // problems about no field shown
	entries []fyne.Focusable
	opened  string // the entries' texts when shown
	asking  bool   // whether to discard changes, so Escape does not ask twice
}

func newFormDialog(win fyne.Window, title, confirm, prefix string) *formDialog {
	f := &formDialog{win: win, title: title, confirm: confirm, fields: newFieldProblems(prefix)}
	f.general = widget.NewLabel("")
	f.general.Importance = widget.DangerImportance
	f.general.Wrapping = fyne.TextWrapWord
	f.general.Hide()
	return f
}

// item is a form row with the field's problem under it.
func (f *formDialog) item(label, field string, w fyne.CanvasObject) *widget.FormItem {
	return widget.NewFormItem(label, container.NewVBox(w, f.fields.label(field)))
}

// show opens the dialog with focus in first; Enter in an entry moves to
// the next and submits from the last; Escape in a dialogEntry cancels.
func (f *formDialog) show(content fyne.CanvasObject, first fyne.Focusable, entries []fyne.Focusable, submit func()) {
	f.ok = widget.NewButtonWithIcon(f.confirm, theme.ConfirmIcon(), submit)
	f.ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), f.cancel)
	f.dlg = dialog.NewCustomWithoutButtons(f.title, container.NewVBox(content, f.general), f.win)
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, f.ok})
	c := f.win.Canvas()
	for i, o := range entries {
		if d, ok := o.(*dialogEntry); ok {
			d.onEscape = f.cancel
		}
		e := entryOf(o)
		switch {
		case e == nil:
		case i == len(entries)-1:
			e.OnSubmitted = func(string) { submit() }
		default:
			next := entries[i+1]
			e.OnSubmitted = func(string) { c.Focus(next) }
		}
	}
	f.entries, f.opened = entries, textsOf(entries)
	// With no entry focused (after a tap on a button) Escape goes to the
	// window: while the dialog is open it cancels it there too.
	before := c.OnTypedKey()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			f.cancel()
			return
		}
		if before != nil {
			before(ev)
		}
	})
	f.dlg.SetOnClosed(func() { c.SetOnTypedKey(before) })
	f.resize()
	f.dlg.Show()
	c.Focus(first)
}

// cancel closes the dialog, asking first when something was typed.
func (f *formDialog) cancel() {
	switch {
	case f.asking:
	case textsOf(f.entries) == f.opened:
		f.dlg.Hide()
	default:
		f.asking = true
		askDiscard(f.win, func(discard bool) {
			f.asking = false
			if discard {
				f.dlg.Hide()
			}
		})
	}
}

func (f *formDialog) resize() { f.dlg.Resize(fyne.NewSize(520, f.dlg.MinSize().Height)) }

// working disables the confirm button while the service works.
func (f *formDialog) working(on bool) {
	if on {
		f.ok.Disable()
	} else {
		f.ok.Enable()
	}
}

// problem shows one problem under a field, found before asking the
// service (an amount that is not one).
func (f *formDialog) problem(field, text string) {
	f.fields.clear()
	f.general.Hide()
	if l, ok := f.fields.labels[field]; ok {
		l.SetText(text)
		l.Show()
	}
	f.resize()
}

// refused shows why the service refused, under the fields concerned or
// else under the form, and keeps the dialog open with what was typed,
// reporting true; without an error it closes the dialog and reports
// false.
func (f *formDialog) refused(err error, data func(app.FieldError) map[string]any) bool {
	f.working(false)
	if err == nil {
		f.dlg.Hide()
		return false
	}
	v, ok := app.IsValidation(err)
	if !ok {
		f.fields.clear()
		f.general.SetText(errorText(err))
		f.general.Show()
		f.resize()
		return true
	}
	elsewhere := f.fields.show(v.Fields, data)
	f.general.SetText(f.fields.elsewhere(elsewhere, data))
	f.general.Hidden = len(elsewhere) == 0
	f.general.Refresh()
	f.resize()
	return true
}

// askLateFee bills the chosen overdue order's late fee, after asking.
func (s *MoneyScreen) askLateFee() {
	r, ok := s.chosenReceivable()
	if !ok {
		return
	}
	fee := r.LateFee(s.now())
	dialog.ShowConfirm(lang.L("Charge late fee…"),
		lang.L("Bill {{.Fee}} late fee on order {{.Number}} ({{.Days}} days overdue) as a new order for the customer?",
			map[string]any{"Fee": s.currency.Format(fee), "Number": r.Number, "Days": r.DaysOverdue(s.now())}),
		func(yes bool) {
			if !yes {
				return
			}
			s.background(func() {
				o, err := s.svc.ChargeLateFee(s.ctx, r.OrderID)
				fyne.Do(func() {
					if err != nil {
						showError(errors.New(errorText(err)), s.win)
						return
					}
					dialog.ShowInformation(lang.L("Charge late fee…"),
						lang.L("Late fee billed as order {{.Number}}", map[string]any{"Number": o.Number}), s.win)
				})
				if err == nil {
					_ = s.Update(s.ctx)
				}
			})
		}, s.win)
}
