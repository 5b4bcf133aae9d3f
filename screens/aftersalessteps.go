package screens

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/reports"
)

// A case's steps after the request: approve or reject,
// receive and inspect the goods, pay the refund, close; the RMA letter;
// and bringing an undeliverable parcel back from the Fulfilment section.

// caseChanged shows a case again after a step, saying what happened.
func (s *AfterSalesScreen) caseChanged(id int64, said string) {
	s.cases.shown, s.cases.keep = id, true
	if said != "" {
		s.job.say(said)
	}
	s.reload()
}

// askApprove accepts a request, saying what follows for its kind.
func (s *AfterSalesScreen) askApprove(v *caseView) {
	c := v.c
	var next string
	switch c.Kind {
	case app.CaseResend:
		next = lang.L("The goods go out again at once, as a new order at no charge.")
	case app.CasePartialRefund:
		next = lang.L("{{.Amount}} is then owed back to the customer.", map[string]any{"Amount": v.currency.Format(c.RefundAmount)})
	default:
		next = lang.L("The customer sends the goods back (give them the RMA letter); they are inspected when they arrive.")
	}
	about := widget.NewLabel(next)
	about.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(about)
	if !c.Eligible() {
		warn := widget.NewLabel(lang.L("This case is not eligible under the return policy: approve it only as a goodwill gesture."))
		warn.Wrapping, warn.Importance = fyne.TextWrapWord, widget.WarningImportance
		content.Add(warn)
	}
	note := widget.NewEntry()
	note.SetPlaceHolder(lang.L("Optional: why, or what was agreed with the customer"))
	a := newActionDialog(s.win, s.background)
	content.Add(widget.NewForm(a.item(lang.L("Note"), "note", note)))
	var approved *app.Case
	a.show(lang.L("Approve case {{.Number}}", map[string]any{"Number": c.Number}), lang.L("Approve"), content, note,
		[]*widget.Entry{note}, func() (func() error, bool) {
			text := note.Text
			return func() error {
				var err error
				approved, err = s.svc.ApproveCase(s.ctx, c.ID, text)
				return afterSalesError(err)
			}, true
		}, func() {
			said := lang.L("Case {{.Number}} approved", map[string]any{"Number": c.Number})
			if approved.Status == app.CaseClosed && approved.LinkedOrderID != 0 {
				said = lang.L("Case {{.Number}} approved: the goods go out again as a new order", map[string]any{"Number": c.Number})
			}
			s.caseChanged(c.ID, said)
		})
}

// askReject refuses a request with the reason the customer is told.
func (s *AfterSalesScreen) askReject(c *app.Case) {
	s.askReason(lang.L("Reject case {{.Number}}", map[string]any{"Number": c.Number}), lang.L("Reject"),
		lang.L("Why, as the customer is told: past the return window, used…"), func(reason string) error {
			_, err := s.svc.RejectCase(s.ctx, c.ID, reason)
			return err
		}, func() { s.caseChanged(c.ID, lang.L("Case {{.Number}} rejected", map[string]any{"Number": c.Number})) })
}

// askCloseCase ends a case without more money or goods.
func (s *AfterSalesScreen) askCloseCase(c *app.Case) {
	s.askReason(lang.L("Close case {{.Number}}", map[string]any{"Number": c.Number}), lang.L("Close case"),
		lang.L("Why: the customer withdrew, settled otherwise…"), func(reason string) error {
			_, err := s.svc.CloseCase(s.ctx, c.ID, reason)
			return err
		}, func() { s.caseChanged(c.ID, lang.L("Case {{.Number}} closed", map[string]any{"Number": c.Number})) })
}

// askReason asks one required reason and runs do with it.
func (s *AfterSalesScreen) askReason(title, confirm, placeholder string, do func(string) error, done func()) {
	reason := widget.NewEntry()
	reason.SetPlaceHolder(placeholder)
	a := newActionDialog(s.win, s.background)
	a.show(title, confirm, widget.NewForm(a.item(lang.L("Reason"), "reason", reason)), reason, []*widget.Entry{reason},
		func() (func() error, bool) {
			text := reason.Text
			return func() error { return afterSalesError(do(text)) }, true
		}, done)
}

// askReceive loads the bins the goods can go back to, then asks what
// came back.
func (s *AfterSalesScreen) askReceive(v *caseView) {
	c := v.c
	s.background(func() {
		bins, usual, err := returnBins(s.ctx, s.svc, c)
		fyne.Do(func() {
			if err != nil {
				showError(errors.New(errorText(err)), s.win)
				return
			}
			s.showReceive(c, bins, usual)
		})
	})
}

// returnBins lists the bins, the return warehouse's first, and for each
// product the bin of that warehouse holding most of it: where it usually
// goes back.
func returnBins(ctx context.Context, svc *app.Service, c *app.Case) ([]binChoice, map[int64]int64, error) {
	all, err := loadBins(ctx, svc)
	if err != nil {
		return nil, nil, err
	}
	house, err := svc.ReturnWarehouse(ctx, c.ID)
	if err != nil {
		return nil, nil, err
	}
	var bins []binChoice
	for _, first := range []bool{true, false} {
		for _, b := range all {
			if (b.warehouse == house.ID) == first {
				bins = append(bins, b)
			}
		}
	}
	usual := map[int64]int64{}
	for _, l := range c.Lines {
		levels, err := svc.StockLevels(ctx, l.ProductID)
		if err != nil {
			return nil, nil, err
		}
		most := int64(-1)
		for _, lv := range levels {
			if lv.WarehouseID == house.ID && lv.BinID != 0 && lv.OnHand > most {
				usual[l.ProductID], most = lv.BinID, lv.OnHand
			}
		}
		if _, ok := usual[l.ProductID]; !ok && len(bins) > 0 {
			usual[l.ProductID] = bins[0].id
		}
	}
	return bins, usual, nil
}

// receiveLine is one case line in the receiving dialog.
type receiveLine struct {
	line        app.CaseLine
	qty, note   *widget.Entry
	disposition *widget.Select
	bin         *widget.Select
}

func (s *AfterSalesScreen) showReceive(c *app.Case, bins []binChoice, usual map[int64]int64) {
	dispositions := app.Dispositions()
	names := make([]string, len(dispositions))
	for i, d := range dispositions {
		names[i] = dispositionText(d)
	}
	binNames := make([]string, len(bins))
	for i, b := range bins {
		binNames[i] = b.label
	}
	a := newActionDialog(s.win, s.background)
	a.width = 720
	list := container.NewVBox()
	list.Add(receiveRow(widget.NewLabel(lang.L("Received")), widget.NewLabel(lang.L("Condition")),
		widget.NewLabel(lang.L("Goes to")), widget.NewLabel(lang.L("Bin"))))
	var rows []*receiveLine
	var entries []*widget.Entry
	for i, l := range c.Lines {
		r := &receiveLine{line: l, qty: widget.NewEntry(), note: widget.NewEntry()}
		r.qty.SetText(app.FormatCount(l.Qty))
		r.note.SetPlaceHolder(lang.L("as new, dented, broken…"))
		r.bin = newSelect(binNames, nil)
		r.bin.PlaceHolder = lang.L("Choose the bin")
		for k, b := range bins {
			if b.id == usual[l.ProductID] {
				r.bin.SetSelectedIndex(k)
			}
		}
		r.disposition = newSelect(names, func(string) {
			if r.disposition.SelectedIndex() == 0 { // restock: back on a shelf
				r.bin.Enable()
			} else {
				r.bin.Disable()
			}
		})
		r.disposition.PlaceHolder = lang.L("Choose")
		// Goods the customer says are faulty are looked at before any
		// default sends them back on a shelf.
		if !c.Reason.ShopsFault() {
			r.disposition.SetSelectedIndex(0)
		} else {
			r.bin.Disable()
		}
		head := widget.NewLabel(lang.L("{{.No}}. {{.SKU}} {{.Name}} {{.Spec}} · asked back {{.Qty}}", map[string]any{
			"No": l.LineNo, "SKU": l.SKU, "Name": l.Name, "Spec": l.Spec, "Qty": app.FormatCount(l.Qty)}))
		head.Wrapping = fyne.TextWrapWord
		list.Add(head)
		list.Add(a.field(fmt.Sprintf("lines[%d]", i), receiveRow(r.qty, r.note, r.disposition, r.bin)))
		rows = append(rows, r)
		entries = append(entries, r.qty, r.note)
	}
	packaging := widget.NewCheck(lang.L("Tags and packaging intact"), nil)
	packaging.SetChecked(c.PackagingIntact)
	note := widget.NewEntry()
	note.SetPlaceHolder(lang.L("Optional: what the inspection found"))
	list.Add(packaging)
	list.Add(widget.NewForm(a.item(lang.L("Note"), "note", note)))
	entries = append(entries, note)
	scroll := upToHeight(container.NewVScroll(container.New(layout.NewCustomPaddedLayout(0, 0, 0, 2*theme.Padding()), list)), 680, 560)
	var got *app.Case
	var first fyne.Focusable
	if len(rows) > 0 {
		first = rows[0].qty
	}
	a.show(lang.L("Receive the goods of case {{.Number}}", map[string]any{"Number": c.Number}), lang.L("Receive"), scroll,
		first, entries, func() (func() error, bool) {
			in := app.Inspection{PackagingIntact: packaging.Checked, Note: note.Text}
			ok := true
			for i, r := range rows {
				n, good := wholeNumber(r.qty.Text, 0)
				if !good {
					a.say(fmt.Sprintf("lines[%d]", i), lang.L("Enter a whole number of units"))
					ok = false
				}
				seen := app.InspectedLine{LineID: r.line.LineID, QtyReceived: n, Condition: r.note.Text}
				if k := r.disposition.SelectedIndex(); k >= 0 {
					seen.Disposition = dispositions[k]
				}
				if k := r.bin.SelectedIndex(); k >= 0 && seen.Disposition == app.DispositionRestock {
					seen.BinID = bins[k].id
				}
				in.Lines = append(in.Lines, seen)
			}
			return func() error {
				var err error
				got, err = s.svc.ReceiveReturn(s.ctx, c.ID, in)
				return afterSalesError(err)
			}, ok
		}, func() {
			said := lang.L("Goods of case {{.Number}} received and inspected", map[string]any{"Number": c.Number})
			if owed := got.RefundAmount - got.Refunded; owed > 0 {
				said = lang.L("Goods of case {{.Number}} received and inspected: {{.Amount}} is owed back",
					map[string]any{"Number": c.Number, "Amount": s.currency.Format(owed)})
			}
			s.caseChanged(c.ID, said)
		})
}

// receiveRow lays out a line's count, condition, disposition and bin:
// the condition takes what room is left.
func receiveRow(qty, condition, disposition, bin fyne.CanvasObject) fyne.CanvasObject {
	sized := func(o fyne.CanvasObject, width float32) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(width, o.MinSize().Height), o)
	}
	return container.NewBorder(nil, nil, sized(qty, 90), container.NewHBox(sized(disposition, 190), sized(bin, 170)), condition)
}

// askRefundCase pays back what a case owes: the amount owed to
// start with, by the order's payment method unless chosen otherwise.
func (s *AfterSalesScreen) askRefundCase(v *caseView) {
	c, o, cur := v.c, v.order, v.currency
	owed := c.RefundAmount - c.Refunded
	amount := widget.NewEntry()
	amount.SetText(cur.FormatPlain(max(owed, 0)))
	method, chosenMethod := methodChoice(o.PaymentMethod)
	transaction := widget.NewEntry()
	transaction.SetPlaceHolder(lang.L("Optional: the payment service's reference"))
	about := widget.NewLabel(lang.L("Case {{.Number}} owes {{.Owed}} back.", map[string]any{"Number": c.Number, "Owed": cur.Format(owed)}) +
		"\n" + orderMoneyText(o, v.payments, cur))
	about.Wrapping = fyne.TextWrapWord
	a := newActionDialog(s.win, s.background)
	form := widget.NewForm(a.item(lang.L("Amount"), "amount", amount), a.item(lang.L("Method"), "method", method),
		a.item(lang.L("Transaction id"), "transaction_id", transaction))
	a.show(lang.L("Refund for case {{.Number}}", map[string]any{"Number": c.Number}), lang.L("Refund"),
		container.NewVBox(about, form), amount, []*widget.Entry{amount, transaction}, func() (func() error, bool) {
			m, err := cur.ParseMoney(amount.Text)
			if err != nil {
				a.say("amount", lang.L("Enter the amount like 12.50"))
				return nil, false
			}
			in := app.RefundInput{Method: chosenMethod(), Amount: m, TransactionID: transaction.Text}
			return func() error {
				_, err := s.svc.RefundCase(s.ctx, c.ID, in)
				return afterSalesError(err)
			}, true
		}, func() {
			s.caseChanged(c.ID, lang.L("{{.Amount}} paid back for case {{.Number}}", map[string]any{"Amount": amount.Text, "Number": c.Number}))
		})
}

// askRMALetter offers the letter the case's state gives the customer
// (app.CaseLetterFor): open it to print, or save it to send.
func (s *AfterSalesScreen) askRMALetter(c *app.Case) {
	doc := pdfDocument{name: fmt.Sprintf("%s-%s.pdf", lang.L("rma"), c.Number), failed: lang.L("The RMA letter could not be written: "),
		render: func() ([]byte, error) { return rmaLetterPDF(s.ctx, s.svc, c.ID) }}
	var dlg dialog.Dialog
	about := widget.NewLabel(caseLetterAbout(c))
	about.Wrapping = fyne.TextWrapWord
	choice, open := printRow(s.win, s.background, "letters", func() pdfDocument { return doc }, func() { dlg.Hide() }, nil)
	save := widget.NewButton(lang.L("Save as…"), func() { dlg.Hide(); saveDocumentAs(s.win, s.background, doc) })
	dlg = dialog.NewCustom(lang.L("RMA letter"), lang.L("Close"), container.NewVBox(about, choice.box, container.NewGridWithColumns(2, open, save)), s.win)
	dlg.Resize(fyne.NewSize(480, dlg.MinSize().Height))
	dlg.Show()
}

// caseLetterAbout says what the case's letter tells the customer.
func caseLetterAbout(c *app.Case) string {
	letter, err := app.CaseLetterFor(c)
	if err != nil {
		return errorText(err)
	}
	switch letter.Kind {
	case app.LetterCaseReceived:
		return lang.L("The letter tells the customer their request has arrived and the decision follows.")
	case app.LetterCaseRejected:
		return lang.L("The letter tells the customer the request is rejected, and why.")
	case app.LetterNothingToReturn:
		return lang.L("The letter tells the customer what was decided; nothing is to be sent back.")
	case app.LetterReturnedReceived:
		return lang.L("The letter tells the customer their goods arrived and what is paid back.")
	}
	return lang.L("The letter tells the customer where to send the goods and what to write on the note in the parcel.")
}

// rmaLetterPDF writes the letter the case's state gives the customer, in
// the customer's language, with the address of the warehouse the goods
// go back to.
func rmaLetterPDF(ctx context.Context, svc *app.Service, caseID int64) ([]byte, error) {
	c, err := svc.Case(ctx, caseID)
	if err != nil {
		return nil, err
	}
	letter, err := app.CaseLetterFor(c)
	if err != nil {
		return nil, err
	}
	o, err := svc.Order(ctx, c.OrderID)
	if err != nil {
		return nil, err
	}
	shop, err := svc.Shop(ctx)
	if err != nil {
		return nil, err
	}
	house, err := svc.ReturnWarehouse(ctx, caseID)
	if err != nil {
		return nil, err
	}
	v := reports.NewRMALetter(shop, c, o, reports.RMAOptions{Lang: reports.LangFor(shop, o), Paper: reports.PaperFor("", shop),
		Now: svc.Now().Local(), Letter: letter, ReturnTo: house.Address, ReturnPhone: house.Phone})
	var buf bytes.Buffer
	if err := reports.WriteRMALetter(&buf, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// comesBack reports whether a parcel on its way can be brought back as
// undeliverable: refused, failed or nobody reached, and not itself
// a re-send.
func comesBack(sh *app.Shipment) bool {
	switch sh.Problem {
	case app.ProblemRefused, app.ProblemUnreachable, app.ProblemFailed:
		return sh.Status == app.ShipmentShipped && sh.ResendOf == 0
	}
	return false
}

// askReturnToSender brings an undeliverable parcel back: each of
// its orders gets a case that waits for the goods, received and inspected
// in After-sales like any return.
func (s *FulfilmentScreen) askReturnToSender(sh *app.Shipment) {
	note := widget.NewEntry()
	note.SetPlaceHolder(lang.L("Optional: what the customer or the carrier said"))
	about := widget.NewLabel(lang.L("Shipment {{.Number}}: {{.Problem}}. Have the carrier bring it back; a case per order then waits for the goods in After-sales.",
		map[string]any{"Number": sh.Number, "Problem": trackingProblemText(sh.Problem)}))
	about.Wrapping = fyne.TextWrapWord
	a := newActionDialog(s.win, s.background)
	var cases []app.Case
	a.show(lang.L("Return {{.Number}} to sender", map[string]any{"Number": sh.Number}), lang.L("Return to sender"),
		container.NewVBox(about, widget.NewForm(a.item(lang.L("Note"), "note", note))), note, []*widget.Entry{note},
		func() (func() error, bool) {
			text := note.Text
			return func() error {
				var err error
				cases, err = s.svc.ReturnToSender(s.ctx, sh.ID, text)
				return err
			}, true
		}, func() {
			s.reload()
			numbers := make([]string, len(cases))
			for i, c := range cases {
				numbers[i] = c.Number
			}
			said := lang.L("Shipment {{.Number}} comes back as case {{.Cases}}: receive it in After-sales when it arrives.",
				map[string]any{"Number": sh.Number, "Cases": strings.Join(numbers, ", ")})
			s.job.say(said)
			if s.openCase == nil || len(cases) == 0 {
				return
			}
			text := widget.NewLabel(said)
			text.Wrapping = fyne.TextWrapWord
			first := cases[0]
			ask := dialog.NewCustomConfirm(lang.L("Coming back"), lang.L("Open case"), lang.L("Close"), text, func(open bool) {
				if open {
					s.openCase(first.ID, first.Number)
				}
			}, s.win)
			ask.Resize(fyne.NewSize(480, ask.MinSize().Height))
			ask.Show()
		})
}
