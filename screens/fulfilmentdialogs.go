package screens

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/reports"
)

// actionDialog is a dialog of fields whose confirm button calls a service
// off the UI goroutine. A refusal shows in the dialog, under its field
// where there is one, and keeps what was typed.
type actionDialog struct {
	win        fyne.Window
	background func(func())
	dlg        *dialog.CustomDialog
	ok         *widget.Button
	fields     map[string]*widget.Label // by the service's field name, or its prefix ("packages[0]")
	general    *widget.Label
	width      float32
}

func newActionDialog(win fyne.Window, background func(func())) *actionDialog {
	a := &actionDialog{win: win, background: background, fields: map[string]*widget.Label{}, width: 520}
	a.general = problemLabel()
	return a
}

func problemLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// field is w with the problems of the service's field name under it.
func (a *actionDialog) field(name string, w fyne.CanvasObject) fyne.CanvasObject {
	l := problemLabel()
	a.fields[name] = l
	return container.NewVBox(w, l)
}

// item is a form row with its field's problems under it.
func (a *actionDialog) item(label, name string, w fyne.CanvasObject) *widget.FormItem {
	return widget.NewFormItem(label, a.field(name, w))
}

// show opens the dialog with the cursor in first; Enter in an entry moves
// to the next and confirms from the last. take reads the fields on the UI
// goroutine and returns the service call, or false when a field is not
// right (it says so with say); the call runs off the UI goroutine, and
// done runs on it once the call succeeded and the dialog closed.
func (a *actionDialog) show(title, confirm string, content fyne.CanvasObject, first fyne.Focusable, entries []*widget.Entry,
	take func() (func() error, bool), done func()) {
	submit := func() {
		if a.ok.Disabled() {
			return
		}
		a.clear()
		call, ok := take()
		if !ok {
			a.resize()
			return
		}
		a.ok.Disable()
		a.background(func() {
			err := call()
			fyne.Do(func() {
				a.ok.Enable()
				if err != nil {
					a.refused(err)
					return
				}
				a.dlg.Hide()
				if done != nil {
					done()
				}
			})
		})
	}
	a.ok = widget.NewButtonWithIcon(confirm, theme.ConfirmIcon(), submit)
	a.ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() { a.dlg.Hide() })
	a.dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(content, a.general), a.win)
	a.dlg.SetButtons([]fyne.CanvasObject{cancel, a.ok})
	if len(entries) > 0 {
		enterMovesOn(a.win.Canvas(), entries, submit)
	}
	a.resize()
	a.dlg.Show()
	if first != nil {
		a.win.Canvas().Focus(first)
	}
}

func (a *actionDialog) resize() { a.dlg.Resize(fyne.NewSize(a.width, a.dlg.MinSize().Height)) }

func (a *actionDialog) clear() {
	for _, l := range append([]*widget.Label{a.general}, mapValues(a.fields)...) {
		l.SetText("")
		l.Hide()
	}
}

func mapValues(m map[string]*widget.Label) []*widget.Label {
	out := make([]*widget.Label, 0, len(m))
	for _, l := range m {
		out = append(out, l)
	}
	return out
}

// refused shows why the service said no: each field problem under its
// field, the rest (and refusals of the step itself) at the bottom.
func (a *actionDialog) refused(err error) {
	v, ok := app.IsValidation(err)
	if !ok {
		a.say("", errorText(err))
		return
	}
	for _, f := range v.Fields {
		if l := a.labelFor(f.Field); l != nil {
			addLine(l, problemWords(f))
			continue
		}
		addLine(a.general, fieldWords(f.Field)+": "+problemWords(f))
	}
	a.resize()
}

// labelFor is the problem label of a field, or of the box or line it
// belongs to.
func (a *actionDialog) labelFor(field string) *widget.Label {
	if l, ok := a.fields[field]; ok {
		return l
	}
	for name, l := range a.fields {
		if strings.HasPrefix(field, name+".") {
			return l
		}
	}
	return nil
}

// say shows a problem found before asking the service (a weight that is
// not a number) under its field, or at the bottom.
func (a *actionDialog) say(field, text string) {
	l := a.general
	if f, ok := a.fields[field]; ok {
		l = f
	}
	addLine(l, text)
	a.resize()
}

func addLine(l *widget.Label, text string) {
	l.SetText(strings.TrimSpace(l.Text + "\n" + text))
	l.Show()
}

// parseDecimal reads a number with up to places decimals ("1.25", "1,25")
// as a whole count of its smallest unit: parseDecimal("1.25", 3) is 1250.
// Empty is zero.
func parseDecimal(text string, places int) (int64, error) {
	text = strings.ReplaceAll(strings.TrimSpace(text), ",", ".")
	if text == "" {
		return 0, nil
	}
	whole, frac, _ := strings.Cut(text, ".")
	if len(frac) > places || strings.HasPrefix(whole, "-") || strings.HasPrefix(whole, "+") {
		return 0, errors.New("not a number")
	}
	if whole == "" {
		whole = "0"
	}
	frac += strings.Repeat("0", places-len(frac))
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		return 0, err
	}
	return n, nil
}

// showCustomerMessage shows a message ready for the customer, to change
// if need be and copy into the chat or e-mail.
func showCustomerMessage(win fyne.Window, title, text string) {
	message := widget.NewMultiLineEntry()
	message.Wrapping = fyne.TextWrapWord
	message.SetText(text)
	message.SetMinRowsVisible(6)
	about := widget.NewLabel(lang.L("Ready for the customer: change it if you like, then copy it into the chat or e-mail."))
	about.Wrapping = fyne.TextWrapWord
	var copyButton *widget.Button
	copyButton = widget.NewButtonWithIcon(lang.L("Copy"), theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(message.Text)
		copyButton.SetText(lang.L("Copied"))
	})
	copyButton.Importance = widget.HighImportance
	dlg := dialog.NewCustom(title, lang.L("Close"), container.NewVBox(about, message, container.NewHBox(copyButton)), win)
	dlg.Resize(fyne.NewSize(560, dlg.MinSize().Height))
	dlg.Show()
}

// shippedMessage tells the customer their parcel left, in the
// customer's language: reports keeps the messages' words with the
// documents'.
func shippedMessage(shop app.Shop, o *app.Order, sh *app.Shipment) string {
	return reports.ShippedMessage(shop, o, sh)
}

// askShip hands a packed shipment to the courier: the carrier and
// service the shop's rules suggest, and the tracking number scanned or
// typed, or left for later (a task asks for it within the hour).
func (s *FulfilmentScreen) askShip(sh *app.Shipment, o *app.Order) {
	s.background(func() {
		rule, suggested, err := s.svc.SuggestCarrierFor(s.ctx, sh.ID)
		var rules []app.CarrierRule
		if err == nil {
			rules, err = s.svc.CarrierRules(s.ctx)
		}
		fyne.Do(func() {
			if err != nil {
				showError(errors.New(errorText(err)), s.win)
				return
			}
			if !suggested {
				rule = app.CarrierRule{}
			}
			s.showShip(sh, o, rule, rules)
		})
	})
}

func (s *FulfilmentScreen) showShip(sh *app.Shipment, o *app.Order, rule app.CarrierRule, rules []app.CarrierRule) {
	var carriers []string
	for _, r := range rules {
		if !containsString(carriers, r.Carrier) {
			carriers = append(carriers, r.Carrier)
		}
	}
	carrier := widget.NewSelectEntry(carriers)
	carrier.SetText(rule.Carrier)
	service := widget.NewEntry()
	service.SetText(rule.Service)
	tracking := widget.NewEntry()
	tracking.SetPlaceHolder(lang.L("Scan or type it; or leave it for later"))
	about := widget.NewLabel(lang.L("Shipment {{.Number}} · boxes: {{.Boxes}} · {{.Weight}} kg · to {{.Recipient}}, {{.City}}",
		map[string]any{"Number": sh.Number, "Boxes": len(sh.Packages), "Weight": kilograms(sh.WeightGrams()),
			"Recipient": sh.RecipientName, "City": sh.Address.City}))
	about.Wrapping = fyne.TextWrapWord
	hint := widget.NewLabel(lang.L("Without a tracking number a task asks for it within the hour."))
	hint.Truncation = fyne.TextTruncateEllipsis
	hint.Importance = widget.LowImportance
	a := newActionDialog(s.win, s.background)
	form := widget.NewForm(a.item(lang.L("Carrier"), "carrier", carrier), a.item(lang.L("Service"), "service", service),
		a.item(lang.L("Tracking number"), "tracking", tracking))
	var shipped *app.Shipment
	// A scanner ends the tracking number with Enter: that ships.
	a.show(lang.L("Ship {{.Number}}", map[string]any{"Number": sh.Number}), lang.L("Ship"), container.NewVBox(about, form, hint),
		tracking, []*widget.Entry{&carrier.Entry, service, tracking}, func() (func() error, bool) {
			in := app.ShipInput{Carrier: carrier.Text, Service: service.Text, TrackingNumber: tracking.Text}
			return func() error {
				var err error
				shipped, err = s.svc.ShipShipment(s.ctx, sh.ID, in)
				return err
			}, true
		}, func() {
			notify(s.win, lang.L("{{.Number}} shipped: it is in transit", map[string]any{"Number": shipped.Number}), widget.SuccessImportance)
			s.reload()
			showCustomerMessage(s.win, lang.L("Shipped"), shippedMessage(s.shop, o, shipped))
		})
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// askTracking records the tracking number of a parcel that left without
// one, and offers the customer's message with it.
func (s *FulfilmentScreen) askTracking(sh *app.Shipment) {
	a := newActionDialog(s.win, s.background)
	tracking := widget.NewEntry()
	tracking.SetPlaceHolder(lang.L("Scan or type it"))
	var saved *app.Shipment
	a.show(lang.L("Tracking number of {{.Number}}", map[string]any{"Number": sh.Number}), lang.L("Save"),
		widget.NewForm(a.item(lang.L("Tracking number"), "tracking", tracking)), tracking, []*widget.Entry{tracking},
		func() (func() error, bool) {
			text := tracking.Text
			return func() error {
				var err error
				saved, err = s.svc.SetTracking(s.ctx, sh.ID, text)
				return err
			}, true
		}, func() {
			s.reload()
			s.background(func() {
				o, err := s.svc.Order(s.ctx, saved.OrderIDs[0])
				if err == nil {
					fyne.Do(func() { showCustomerMessage(s.win, lang.L("Tracking number saved"), shippedMessage(s.shop, o, saved)) })
				}
			})
		})
}

// askProblem marks a parcel on its way as delayed, failed, lost, damaged,
// refused or unreachable.
func (s *FulfilmentScreen) askProblem(sh *app.Shipment) {
	problems := app.TrackingProblems()
	names := make([]string, len(problems))
	for i, p := range problems {
		names[i] = trackingProblemText(p)
	}
	what := newSelect(names, nil)
	what.PlaceHolder = lang.L("Choose what went wrong")
	note := widget.NewMultiLineEntry()
	note.SetMinRowsVisible(3)
	note.SetPlaceHolder(lang.L("What the carrier or the customer said"))
	a := newActionDialog(s.win, s.background)
	a.show(lang.L("Problem with {{.Number}}", map[string]any{"Number": sh.Number}), lang.L("Report"),
		widget.NewForm(a.item(lang.L("Problem"), "problem", what), a.item(lang.L("Note"), "note", note)), what, nil,
		func() (func() error, bool) {
			var p app.TrackingProblem
			if i := what.SelectedIndex(); i >= 0 {
				p = problems[i]
			}
			text := note.Text
			return func() error {
				_, err := s.svc.ReportProblem(s.ctx, sh.ID, p, text)
				return err
			}, true
		}, func() {
			s.reload()
			s.ShowStage(app.StageProblem)
			notify(s.win, lang.L("Problem with {{.Number}} reported: it waits in Problems", map[string]any{"Number": sh.Number}),
				widget.WarningImportance)
		})
}

// askClearProblem ends a problem that sorted itself out; the reason is
// kept.
func (s *FulfilmentScreen) askClearProblem(sh *app.Shipment) {
	reason := widget.NewEntry()
	reason.SetPlaceHolder(lang.L("The parcel is moving again, the customer was reached…"))
	a := newActionDialog(s.win, s.background)
	a.show(lang.L("Clear the problem of {{.Number}}", map[string]any{"Number": sh.Number}), lang.L("Clear problem"),
		widget.NewForm(a.item(lang.L("Reason"), "reason", reason)), reason, []*widget.Entry{reason},
		func() (func() error, bool) {
			text := reason.Text
			return func() error {
				_, err := s.svc.ClearProblem(s.ctx, sh.ID, text)
				return err
			}, true
		}, func() {
			notify(s.win, lang.L("The problem of {{.Number}} is cleared", map[string]any{"Number": sh.Number}), widget.SuccessImportance)
			s.reload()
		})
}

// askResend sends lost or damaged goods again at no charge, after asking.
func (s *FulfilmentScreen) askResend(sh *app.Shipment) {
	dialog.ShowConfirm(lang.L("Re-send"),
		lang.L("Send the goods of shipment {{.Number}} again at no charge? Their stock is reserved and the re-send waits in To pack.",
			map[string]any{"Number": sh.Number}),
		func(yes bool) {
			if !yes {
				return
			}
			s.background(func() {
				again, err := s.svc.Resend(s.ctx, sh.ID)
				fyne.Do(func() {
					if err != nil {
						showError(errors.New(errorText(err)), s.win)
						return
					}
					s.job.say(lang.L("Re-send {{.Number}} waits in To pack", map[string]any{"Number": again.Number}))
					s.reload()
				})
			})
		}, s.win)
}

// askRefundShipment pays the customer back for lost or damaged goods
// instead of sending them again: the goods' value to start with,
// by the order's payment method.
func (s *FulfilmentScreen) askRefundShipment(sh *app.Shipment, o *app.Order) {
	cur := s.shop.Currency
	var value app.Money
	for _, l := range sh.Lines {
		if m, ok := l.UnitPrice.MulQty(l.Qty); ok {
			value += m
		}
	}
	value = min(value, o.Creditable())
	amount := widget.NewEntry()
	amount.SetText(cur.FormatPlain(max(value, 0)))
	method, chosenMethod := methodChoice(o.PaymentMethod)
	reference := widget.NewEntry()
	reference.SetPlaceHolder(lang.L("Optional: the case number or why"))
	about := widget.NewLabel(lang.L("Shipment {{.Number}} is {{.Problem}}: pay the customer back instead of sending it again.",
		map[string]any{"Number": sh.Number, "Problem": trackingProblemText(sh.Problem)}))
	about.Wrapping = fyne.TextWrapWord
	a := newActionDialog(s.win, s.background)
	form := widget.NewForm(a.item(lang.L("Amount"), "amount", amount), a.item(lang.L("Method"), "method", method),
		a.item(lang.L("Case or reason"), "reference", reference))
	a.show(lang.L("Refund for {{.Number}}", map[string]any{"Number": sh.Number}), lang.L("Refund"), container.NewVBox(about, form),
		amount, []*widget.Entry{amount, reference}, func() (func() error, bool) {
			m, err := cur.ParseMoney(amount.Text)
			if err != nil {
				a.say("amount", lang.L("Enter the amount like 12.50"))
				return nil, false
			}
			in := app.RefundInput{Method: chosenMethod(), Amount: m, Reference: reference.Text}
			return func() error {
				_, err := s.svc.RefundShipment(s.ctx, sh.ID, in)
				return err
			}, true
		}, s.reload)
}

// askHandOver gives a counter order to the customer there and then: who
// took it; no courier, label or tracking number.
func (s *FulfilmentScreen) askHandOver(o *app.Order) {
	taker := widget.NewEntry()
	taker.SetText(o.CustomerName)
	a := newActionDialog(s.win, s.background)
	form := widget.NewForm(a.item(lang.L("Taken by"), "signer", taker))
	a.show(lang.L("Hand over {{.Number}} at the counter", map[string]any{"Number": o.Number}), lang.L("Handed over"), form, taker,
		[]*widget.Entry{taker}, func() (func() error, bool) {
			name := taker.Text
			return func() error {
				_, err := s.svc.HandOver(s.ctx, o.ID, name)
				return err
			}, true
		}, func() {
			s.job.say(lang.L("{{.Number}} handed over to {{.Name}}", map[string]any{"Number": o.Number, "Name": taker.Text}))
			s.reload()
		})
}

// askSignOff records the customer's signature for a parcel: who,
// when, and what they noted on inspection.
func (s *FulfilmentScreen) askSignOff(sh *app.Shipment) {
	signer := widget.NewEntry()
	signer.SetText(sh.RecipientName)
	at := widget.NewEntry()
	at.SetText(s.svc.Now().Local().Format("2006-01-02 15:04"))
	remarks := widget.NewMultiLineEntry()
	remarks.SetMinRowsVisible(3)
	remarks.SetPlaceHolder(lang.L("Optional: what the customer noted on inspection"))
	a := newActionDialog(s.win, s.background)
	form := widget.NewForm(a.item(lang.L("Signed by"), "signer", signer), a.item(lang.L("Signed at"), "at", at),
		a.item(lang.L("Inspection remarks"), "remarks", remarks))
	a.show(lang.L("Sign-off for {{.Number}}", map[string]any{"Number": sh.Number}), lang.L("Signed for"), form, signer,
		[]*widget.Entry{signer, at}, func() (func() error, bool) {
			when, err := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(at.Text), time.Local)
			if err != nil {
				a.say("at", lang.L("Enter the time like 2026-11-02 14:30"))
				return nil, false
			}
			in := app.SignOff{Signer: signer.Text, At: when, Remarks: remarks.Text}
			return func() error {
				_, err := s.svc.SignOffShipment(s.ctx, sh.ID, in)
				return err
			}, true
		}, func() {
			s.job.say(lang.L("{{.Number}} signed for by {{.Name}}", map[string]any{"Number": sh.Number, "Name": signer.Text}))
			s.reload()
		})
}
