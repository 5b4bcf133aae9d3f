package screens

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// OrderDetail shows one order: who and where, lines and totals, payments,
// its history, and the steps it can take now as buttons.
type OrderDetail struct {
	svc     *app.Service
	ctx     context.Context
	win     fyne.Window
	changed func()           // tells the list that an order changed
	edit    func(*app.Order) // opens the order form, when the shell offers one
	// shortage asks what to do about an order's missing stock,
	// when the shell offers it.
	shortage func(orderID int64)
	// sales opens after-sales cases and complaints, when the shell has
	// an After-sales section.
	sales *afterSalesLinks
	// background runs database work off the UI goroutine; tests run it
	// inline.
	background func(func())

	// chosen is the order the list selected (UI goroutine): a Load that
	// answers for another, chosen away meanwhile, is dropped, so the pane
	// never shows an order the list does not. anyOrder while no list
	// drives the pane (it shows what Load reads); noOrder while the list
	// has nothing selected.
	chosen   int64
	order    *app.Order
	short    []string // lines that cannot be covered by stock now
	payments []app.Payment
	credits  []app.Credit
	events   []app.Event
	parcels  []app.Shipment
	decided  []app.LineDecision
	currency app.Currency
	// The order's after-sales cases and complaints.
	cases      []app.Case
	complaints []app.Complaint

	title, status, blocker, party, totals *widget.Label
	lines, payList, history, shipments    *widget.Label
	shipmentsHead                         *widget.Label
	afterSalesHead                        *widget.Label
	afterSales                            *fyne.Container // a row a case or complaint
	actions                               *fyne.Container
	body                                  *fyne.Container
	box                                   fyne.CanvasObject
}

// NewOrderDetail builds an empty detail pane.
func NewOrderDetail(ctx context.Context, svc *app.Service, win fyne.Window, changed func()) *OrderDetail {
	d := &OrderDetail{svc: svc, ctx: ctx, win: win, changed: changed, background: func(f func()) { go f() }}
	d.title = widget.NewLabelWithStyle(lang.L("Choose an order"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.status, d.blocker = widget.NewLabel(""), widget.NewLabel("")
	d.blocker.Importance = widget.WarningImportance
	d.party, d.totals = widget.NewLabel(""), widget.NewLabel("")
	d.lines, d.payList, d.history = widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel("")
	d.shipments = widget.NewLabel("")
	d.shipmentsHead = widget.NewLabelWithStyle(lang.L("Shipments"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.afterSalesHead = widget.NewLabelWithStyle(lang.L("After-sales"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.afterSales = container.NewVBox()
	for _, l := range []*widget.Label{d.party, d.lines, d.payList, d.history, d.blocker, d.totals, d.shipments} {
		l.Wrapping = fyne.TextWrapWord
	}
	// A grid of equal cells wraps the buttons onto more rows when the
	// pane is narrow.
	d.actions = container.NewGridWrap(fyne.NewSize(150, 36))
	body := container.NewVBox(
		d.title, d.status, d.blocker, d.actions, widget.NewSeparator(),
		d.party, widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.L("Lines"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), d.lines, d.totals,
		widget.NewSeparator(),
		d.shipmentsHead, d.shipments,
		d.afterSalesHead, d.afterSales,
		widget.NewLabelWithStyle(lang.L("Payments"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), d.payList,
		widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.L("History"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), d.history,
	)
	// Until an order is chosen only the title shows.
	for _, o := range body.Objects[1:] {
		o.Hide()
	}
	d.body = body
	d.box = container.NewVScroll(body)
	return d
}

// Content is the pane's widget tree.
func (d *OrderDetail) Content() fyne.CanvasObject { return d.box }

// The values of chosen that are no order.
const (
	anyOrder int64 = 0
	noOrder  int64 = -1
)

// choose makes id the order the pane stands for, before it is read:
// until it arrives the old order's steps are hidden, so no button acts on
// an order the list no longer selects.
func (d *OrderDetail) choose(id int64) {
	d.chosen = id
	if d.order != nil && d.order.ID != id {
		d.actions.Hide()
	}
}

// Clear empties the pane, saying why (the hint): the list selects nothing.
func (d *OrderDetail) Clear(hint string) {
	d.chosen, d.order = noOrder, nil
	d.title.SetText(hint)
	for _, o := range d.body.Objects[1:] {
		o.Hide()
	}
}

// shown is the order the pane shows and the list selects, nil when none
// is or while the selected one is still being read.
func (d *OrderDetail) shown() *app.Order {
	if d.order == nil || (d.chosen != anyOrder && d.chosen != d.order.ID) {
		return nil
	}
	return d.order
}

// Load reads an order with its payments and history (off the UI
// goroutine) and shows it.
func (d *OrderDetail) Load(ctx context.Context, id int64) error {
	o, err := d.svc.Order(ctx, id)
	if err != nil {
		return err
	}
	pays, err := d.svc.Payments(ctx, id)
	if err != nil {
		return err
	}
	credits, err := d.svc.Credits(ctx, id)
	if err != nil {
		return err
	}
	events, err := d.svc.History(ctx, app.SubjectOrder, id)
	if err != nil {
		return err
	}
	shop, err := d.svc.Shop(ctx)
	if err != nil {
		return err
	}
	short, err := d.shortLines(ctx, o)
	if err != nil {
		return err
	}
	parcels, err := d.svc.OrderShipments(ctx, id)
	if err != nil {
		return err
	}
	decided, err := d.svc.LineDecisions(ctx, id)
	if err != nil {
		return err
	}
	cases, complaints, err := orderAfterSales(ctx, d.svc, id)
	if err != nil {
		return err
	}
	fyne.Do(func() {
		if d.chosen != anyOrder && d.chosen != id {
			return // the list selected another order, or none, meanwhile
		}
		d.order, d.payments, d.credits, d.events, d.currency, d.short = o, pays, credits, events, shop.Currency, short
		d.parcels, d.decided, d.cases, d.complaints = parcels, decided, cases, complaints
		d.show()
	})
	return nil
}

func (d *OrderDetail) show() {
	for _, o := range d.body.Objects {
		o.Show()
	}
	o, cur := d.order, d.currency
	d.title.SetText(lang.L("Order {{.Number}}", map[string]any{"Number": o.Number}))
	d.status.SetText(fmt.Sprintf("%s · %s · %s · %s", statusText(o.Status), paymentStatusText(o.PaymentStatus),
		channelText(o.Channel), dateTime(o.OrderedAt)))
	d.blocker.SetText(d.blockedBy())
	d.blocker.Hidden = d.blocker.Text == ""

	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s (%s)", lang.L("Customer"), o.CustomerName, lang.X("kind."+string(o.CustomerKind), string(o.CustomerKind)))
	if o.PlatformOrderID != "" {
		fmt.Fprintf(&b, "\n%s: %s", lang.L("Platform order"), o.PlatformOrderID)
	}
	if o.RecipientName != "" || o.Address.OneLine() != "" {
		fmt.Fprintf(&b, "\n%s: %s %s\n%s %s", lang.L("Deliver to"), o.RecipientName, o.RecipientPhone, o.Address.OneLine(), o.Address.Postcode)
	}
	if o.Delivery.Urgency == app.UrgencyUrgent {
		fmt.Fprintf(&b, "\n%s", lang.L("Urgent delivery"))
	}
	if o.Delivery.TimeSlot != "" {
		fmt.Fprintf(&b, "\n%s: %s", lang.L("Time slot"), o.Delivery.TimeSlot)
	}
	if o.SpecialRequest != "" {
		fmt.Fprintf(&b, "\n%s: %s", lang.L("Special request"), o.SpecialRequest)
	}
	if o.Invoice.Wanted() {
		fmt.Fprintf(&b, "\n%s: %s %s", lang.L("Invoice"), o.Invoice.Title, o.Invoice.TaxID)
	}
	if o.CancelReason != "" {
		fmt.Fprintf(&b, "\n%s: %s", lang.L("Reason"), o.CancelReason)
	}
	d.party.SetText(b.String())

	b.Reset()
	for _, l := range o.Lines {
		fmt.Fprintf(&b, "%d. %s  %s %s  × %d @ %s", l.LineNo, l.SKU, l.Name, l.Spec, l.Qty, cur.Format(l.UnitPrice))
		if l.Discount > 0 {
			fmt.Fprintf(&b, " − %s", cur.Format(l.Discount))
		}
		fmt.Fprintf(&b, " = %s", cur.Format(l.Subtotal()))
		if l.QtyShipped > 0 {
			fmt.Fprintf(&b, "  (%s %d)", lang.L("shipped"), l.QtyShipped)
		}
		if l.QtyReturned > 0 {
			fmt.Fprintf(&b, "  (%s %d)", lang.L("returned"), l.QtyReturned)
		}
		if l.Cancelled {
			fmt.Fprintf(&b, "  (%s)", lang.L("line cancelled"))
		}
		b.WriteByte('\n')
	}
	d.lines.SetText(strings.TrimSpace(b.String()))
	d.shipments.SetText(d.parcelText())
	d.shipmentsHead.Hidden = d.shipments.Text == ""
	d.shipments.Hidden = d.shipmentsHead.Hidden
	d.showAfterSales()
	totals := fmt.Sprintf("%s %s   %s %s   %s %s   %s %s", lang.L("Goods"), cur.Format(o.GoodsTotal), lang.L("Shipping"),
		cur.Format(o.ShippingFee), lang.L("Discount"), cur.Format(o.OrderDiscount), lang.L("Payable"), cur.Format(o.Payable))
	if o.AmountCredited > 0 {
		totals += fmt.Sprintf("   %s %s", lang.L("Credited"), cur.Format(o.AmountCredited))
	}
	if due := o.RefundDue(); due > 0 {
		totals += fmt.Sprintf("   %s %s", lang.L("Refund due"), cur.Format(due))
	} else {
		totals += fmt.Sprintf("   %s %s", lang.L("Outstanding"), cur.Format(o.Outstanding()))
	}
	d.totals.SetText(totals)

	// Money and credits as they came, oldest first.
	b.Reset()
	pays, credits := d.payments, d.credits
	for len(pays) > 0 || len(credits) > 0 {
		if len(credits) == 0 || (len(pays) > 0 && !pays[0].At.After(credits[0].At)) {
			p := pays[0]
			pays = pays[1:]
			fmt.Fprintf(&b, "%s  %s  %s  %s\n", dateTime(p.At), methodText(p.Method), cur.Format(p.Amount), p.TransactionID)
			continue
		}
		c := credits[0]
		credits = credits[1:]
		fmt.Fprintf(&b, "%s  %s  %s  %s\n", dateTime(c.At), lang.X("credit."+string(c.Kind), string(c.Kind)), cur.Format(-c.Amount), c.Note)
	}
	if b.Len() == 0 {
		b.WriteString(lang.L("No payments yet"))
	}
	d.payList.SetText(strings.TrimSpace(b.String()))

	b.Reset()
	for i := len(d.events) - 1; i >= 0; i-- {
		e := d.events[i]
		fmt.Fprintf(&b, "%s  %s  %s\n", dateTime(e.At), e.Actor, historyText(e, cur))
	}
	d.history.SetText(strings.TrimSpace(b.String()))

	d.actions.RemoveAll()
	for _, a := range app.NextActions(o) {
		if a == app.ActionShipPart || (a == app.ActionEdit && d.edit == nil) {
			continue // done from the fulfilment screen, or the order form
		}
		a := a
		btn := widget.NewButton(actionText(a), func() { d.onAction(a) })
		if a == app.ActionCancel || a == app.ActionReject {
			btn.Importance = widget.DangerImportance
		}
		d.actions.Add(btn)
	}
	if o.Kind == app.KindSale && o.Status.Open() && o.Status != app.StatusDraft && o.Status != app.StatusPendingReview {
		d.actions.Add(widget.NewButton(lang.L("Confirmation…"), d.letterMenu))
	}
	if o.Kind == app.KindSale && o.Invoice.Wanted() && o.AmountPaid > 0 && o.Status != app.StatusCancelled {
		d.actions.Add(widget.NewButton(lang.L("Issue invoice…"), d.askInvoice))
	}
	if o.Status == app.StatusConfirmed && o.PaymentStatus == app.PaymentUnpaid && o.PaymentMethod != app.PayCOD &&
		o.PaymentMethod != app.PayCredit {
		withdrew := widget.NewButton(lang.L("No longer wanted"), d.askWithdrew)
		withdrew.Importance = widget.DangerImportance
		d.actions.Add(withdrew)
	}
	if o.RefundDue() > 0 {
		d.actions.Add(widget.NewButton(lang.L("Refund…"), d.askRefund))
	}
	d.addAfterSalesActions()
	d.actions.Add(widget.NewButton(lang.L("Log contact…"), d.askContact))
	d.actions.Add(widget.NewButton(lang.L("Print"), d.Print))
	d.actions.Refresh()
}

// parcelText lists the order's shipments and what was decided about its
// short lines, one per line.
func (d *OrderDetail) parcelText() string {
	var b strings.Builder
	for _, sh := range d.parcels {
		fmt.Fprintf(&b, "%s  %s", sh.Number, lang.X("shipment."+string(sh.Status), string(sh.Status)))
		if sh.Carrier != "" || sh.TrackingNumber != "" {
			fmt.Fprintf(&b, "  %s %s", sh.Carrier, sh.TrackingNumber)
		}
		fmt.Fprintf(&b, "  %s", lang.L("{{.Count}} boxes, {{.Kg}} kg", map[string]any{"Count": len(sh.Packages), "Kg": kilos(sh.WeightGrams())}))
		if !sh.ShippedAt.IsZero() {
			fmt.Fprintf(&b, "  %s %s", lang.L("shipped"), dateTime(sh.ShippedAt))
		}
		if sh.Signer != "" {
			fmt.Fprintf(&b, "  %s", lang.L("signed by {{.Name}}", map[string]any{"Name": sh.Signer}))
		}
		if sh.Problem != app.ProblemNone {
			fmt.Fprintf(&b, "  ⚠ %s", lang.X("problem."+string(sh.Problem), string(sh.Problem)))
		}
		b.WriteByte('\n')
	}
	for _, dec := range d.decided {
		line := ""
		for _, l := range d.order.Lines {
			if l.ID == dec.LineID {
				line = fmt.Sprintf("%d. %s", l.LineNo, l.SKU)
			}
		}
		fmt.Fprintf(&b, "%s: %s", line, lang.X("shortage."+string(dec.Kind), string(dec.Kind)))
		if !dec.ExpectedDate.IsZero() {
			fmt.Fprintf(&b, " (%s)", lang.L("expected {{.Date}}", map[string]any{"Date": dec.ExpectedDate.Format("2006-01-02")}))
		}
		if dec.SubstituteFor != "" {
			fmt.Fprintf(&b, " (%s)", lang.L("instead of {{.SKU}}", map[string]any{"SKU": dec.SubstituteFor}))
		}
		b.WriteByte('\n')
	}
	return strings.TrimSpace(b.String())
}

// askWithdrew cancels an unpaid order the customer no longer wants,
// after asking.
func (d *OrderDetail) askWithdrew() {
	id := d.order.ID
	dialog.ShowConfirm(lang.L("No longer wanted"),
		lang.L("Cancel order {{.Number}} because the customer no longer wants it?", map[string]any{"Number": d.order.Number}),
		func(yes bool) {
			if yes {
				d.run(func() (*app.Order, error) { return d.svc.CustomerWithdrew(d.ctx, id) })
			}
		}, d.win)
}

// Print opens the order's printed sheet in the system's PDF viewer: the
// order shown, which is the one the list selects.
func (d *OrderDetail) Print() {
	if o := d.shown(); o != nil {
		printOrder(d.ctx, d.svc, d.win, o, d.background)
	}
}

// askContact logs a call, e-mail or chat with the customer.
func (d *OrderDetail) askContact() {
	via := app.ContactChannels()
	names := make([]string, len(via))
	for i, c := range via {
		names[i] = lang.X("contact."+string(c), string(c))
	}
	channel := newSelect(names, nil)
	channel.SetSelectedIndex(0)
	note := newDialogEntry()
	note.MultiLine, note.Wrapping = true, fyne.TextWrapWord
	note.SetMinRowsVisible(3)
	f := newFormDialog(d.win, lang.L("Log contact…"), lang.L("Save"), "contact.")
	form := widget.NewForm(f.item(lang.L("By"), "channel", channel), f.item(lang.L("What was said"), "note", note))
	id := d.order.ID
	// The note is what matters: a refusal keeps it, under its field.
	f.show(form, note, []fyne.Focusable{note}, func() {
		via, text := via[channel.SelectedIndex()], note.Text
		f.working(true)
		d.background(func() {
			err := d.svc.LogContact(d.ctx, id, via, text)
			fyne.Do(func() {
				if f.refused(err, func(app.FieldError) map[string]any { return nil }) {
					return
				}
				d.run(func() (*app.Order, error) { return d.svc.Order(d.ctx, id) })
			})
		})
	})
}

// shortLines lists the lines of an order waiting for stock that the
// shelves cannot cover now, as the review's stock check says.
func (d *OrderDetail) shortLines(ctx context.Context, o *app.Order) ([]string, error) {
	if o.Status != app.StatusPendingReview && o.Status != app.StatusConfirmed {
		return nil, nil
	}
	lines, err := d.svc.Availability(ctx, o)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, a := range lines {
		if a.State == app.StockShort {
			out = append(out, lang.L("{{.SKU}} needs {{.Qty}}, {{.Available}} available", map[string]any{
				"SKU": a.SKU, "Qty": a.Qty, "Available": a.Available}))
		}
	}
	return out, nil
}

// blockedBy says, in words, what the order waits for.
func (d *OrderDetail) blockedBy() string {
	o := d.order
	switch {
	case o.Status == app.StatusOnHold:
		return lang.L("On hold")
	case o.Status == app.StatusConfirmed && o.PaysFirst():
		return lang.L("Waiting for payment")
	case o.Status == app.StatusDraft && len(o.Lines) == 0:
		return lang.L("Add products before submitting")
	case len(d.short) > 0:
		return lang.L("Short of stock") + ": " + strings.Join(d.short, "; ")
	}
	return ""
}

// onAction runs a step, asking first for what it needs (a reason, the
// signer, the payment).
func (d *OrderDetail) onAction(a app.Action) {
	id := d.order.ID
	switch a {
	case app.ActionCancel, app.ActionReject, app.ActionHold, app.ActionReturnToDraft, app.ActionDeallocate:
		d.ask(a, lang.L("Reason"), func(reason string) (*app.Order, error) { return d.step(id, a, reason) })
	case app.ActionDeliver:
		d.ask(a, lang.L("Signed by"), func(signer string) (*app.Order, error) { return d.svc.Deliver(d.ctx, id, signer) })
	case app.ActionHandOver:
		d.ask(a, lang.L("Taken by"), func(taker string) (*app.Order, error) { return d.svc.HandOver(d.ctx, id, taker) })
	case app.ActionRecordPayment:
		d.askPayment()
	case app.ActionEdit:
		d.edit(d.order)
	default:
		d.run(func() (*app.Order, error) { return d.step(id, a, "") })
	}
}

func (d *OrderDetail) step(id int64, a app.Action, reason string) (*app.Order, error) {
	ctx, svc := d.ctx, d.svc
	switch a {
	case app.ActionSubmit:
		return svc.Submit(ctx, id)
	case app.ActionConfirm:
		return svc.Confirm(ctx, id)
	case app.ActionReject:
		return svc.Reject(ctx, id, reason)
	case app.ActionReturnToDraft:
		return svc.ReturnToDraft(ctx, id, reason)
	case app.ActionHold:
		return svc.Hold(ctx, id, reason)
	case app.ActionRelease:
		return svc.Release(ctx, id)
	case app.ActionAllocate:
		return svc.Allocate(ctx, id)
	case app.ActionDeallocate:
		return svc.Deallocate(ctx, id, reason)
	case app.ActionStartPicking:
		return svc.StartPicking(ctx, id)
	case app.ActionPack:
		return svc.Pack(ctx, id)
	case app.ActionShip:
		return svc.Ship(ctx, id)
	case app.ActionComplete:
		return svc.Complete(ctx, id)
	case app.ActionCancel:
		return svc.Cancel(ctx, id, reason)
	}
	return nil, fmt.Errorf("%s", lang.L("This step is done elsewhere"))
}

// ask asks what step a needs (a reason, the signer) in a dialog that
// names the order it acts on, then takes it.
// A refusal (a reason too short) shows under the field and the dialog
// stays open with what was typed; Escape or Cancel asks before dropping
// it.
func (d *OrderDetail) ask(a app.Action, label string, do func(string) (*app.Order, error)) {
	entry := newDialogEntry()
	title := lang.L("{{.Step}}: {{.Number}}", map[string]any{"Step": actionText(a), "Number": d.order.Number})
	f := newFormDialog(d.win, title, lang.L("OK"), "step.")
	field := "reason"
	if a == app.ActionDeliver || a == app.ActionHandOver {
		field = "signer"
	}
	f.show(widget.NewForm(f.item(label, field, entry)), entry, []fyne.Focusable{entry}, func() {
		text := entry.Text
		f.working(true)
		d.background(func() {
			o, err := do(text)
			fyne.Do(func() {
				if f.refused(err, func(app.FieldError) map[string]any { return nil }) {
					return
				}
				d.run(func() (*app.Order, error) { return o, nil })
			})
		})
	})
}

func (d *OrderDetail) askPayment() {
	o := d.order
	d.askMoney(lang.L("Record payment"), "payment.", o.Outstanding(), lang.L("Transaction id"), "transaction_id", func(m app.Money, method app.PaymentMethod, ref string) error {
		_, err := d.svc.RecordPayment(d.ctx, o.ID, app.PaymentInput{Method: method, Amount: m, TransactionID: ref})
		return err
	})
}

// askRefund pays money back: by the original method unless chosen
// otherwise, with the case number or reason it settles.
func (d *OrderDetail) askRefund() {
	o := d.order
	d.askMoney(lang.L("Refund"), "refund.", o.RefundDue(), lang.L("Case or reason"), "reference", func(m app.Money, method app.PaymentMethod, ref string) error {
		_, err := d.svc.RecordRefund(d.ctx, o.ID, app.RefundInput{Method: method, Amount: m, Reference: ref})
		return err
	})
}

// askMoney asks an amount, a method (the order's by default) and a
// reference (the service's field refField), then records them with do off
// the UI goroutine. A refusal shows under its field and the dialog stays
// open with what was typed.
func (d *OrderDetail) askMoney(title, prefix string, amountDefault app.Money, refLabel, refField string,
	do func(m app.Money, method app.PaymentMethod, ref string) error) {
	o := d.order
	amount := newDialogEntry()
	amount.SetText(d.currency.FormatPlain(max(amountDefault, 0)))
	method, chosenMethod := methodChoice(o.PaymentMethod)
	ref := newDialogEntry()
	f := newFormDialog(d.win, title, lang.L("OK"), prefix)
	data := func(app.FieldError) map[string]any {
		return map[string]any{"Number": o.Number, "Outstanding": d.currency.Format(max(o.Outstanding(), 0)),
			"Due": d.currency.Format(max(o.RefundDue(), 0))}
	}
	form := widget.NewForm(f.item(lang.L("Amount"), "amount", amount), f.item(lang.L("Method"), "method", method),
		f.item(refLabel, refField, ref))
	f.show(form, amount, []fyne.Focusable{amount, ref}, func() {
		m, err := d.currency.ParseMoney(amount.Text)
		if err != nil {
			f.problem("amount", lang.L("Enter the amount like 12.50"))
			return
		}
		chosen, text := chosenMethod(), ref.Text
		f.working(true)
		d.background(func() {
			err := do(m, chosen, text)
			fyne.Do(func() {
				if f.refused(err, data) {
					return
				}
				d.run(func() (*app.Order, error) { return d.svc.Order(d.ctx, o.ID) })
			})
		})
	})
}

// run does a step off the UI goroutine, then shows the order again or
// says why the step was refused.
func (d *OrderDetail) run(do func() (*app.Order, error)) {
	before := d.order
	d.background(func() {
		o, err := do()
		var short *app.ShortageError
		if errors.As(err, &short) && d.shortage != nil && before != nil {
			fyne.Do(func() { d.shortage(before.ID) })
			return
		}
		if err != nil {
			fyne.Do(func() { showError(errors.New(errorText(err)), d.win) })
			return
		}
		fyne.Do(func() { notify(d.win, stepDoneText(before, o), widget.SuccessImportance) })
		if err := d.Load(d.ctx, o.ID); err != nil {
			fyne.Do(func() { showError(err, d.win) })
		}
		if d.changed != nil {
			fyne.Do(d.changed)
		}
	})
}

// stepDoneText says what a step did to an order: its new status, else its
// new payment status, else that it changed.
func stepDoneText(before, after *app.Order) string {
	data := map[string]any{"Number": after.Number, "Status": statusText(after.Status), "Payment": paymentStatusText(after.PaymentStatus)}
	switch {
	case before == nil || before.Status != after.Status:
		return lang.L("Order {{.Number}} is now {{.Status}}", data)
	case before.PaymentStatus != after.PaymentStatus:
		return lang.L("Order {{.Number}} is now {{.Payment}}", data)
	}
	return lang.L("Order {{.Number}} updated", data)
}
