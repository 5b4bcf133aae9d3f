package screens

import (
	"bytes"
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/reports"
)

// confirmationPDF renders the letter an order's state gives its customer
// (app.OrderLetterFor): its confirmation or, cancelled, its
// cancellation notice, in the customer's language. A draft or an order
// waiting in review gets none: the error says why.
func confirmationPDF(ctx context.Context, svc *app.Service, order *app.Order) ([]byte, error) {
	o, letter, err := svc.OrderLetter(ctx, order.ID)
	if err != nil {
		return nil, err
	}
	shop, err := svc.Shop(ctx)
	if err != nil {
		return nil, err
	}
	now := svc.Now()
	opt := reports.LetterOptions{Lang: reports.LangFor(shop, o), Paper: reports.PaperFor("", shop), Now: now.Local(), Letter: letter}
	if letter.Kind == app.LetterConfirmation && o.Status.Open() {
		opt.ExpectedShip = app.EarliestShipDay(shop, now)
	}
	if opt.PaymentTermDays, err = svc.PaymentTermDays(ctx, o); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := reports.WriteConfirmationLetter(&buf, reports.NewConfirmationLetter(shop, o, opt)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// letterName is the letter's file name: a confirmation's, or a
// cancelled order's notice's.
func letterName(o *app.Order) string {
	name := lang.L("confirmation")
	if letter, err := app.OrderLetterFor(o, nil); err == nil && letter.Kind == app.LetterCancellation {
		name = lang.L("cancellation")
	}
	return fmt.Sprintf("%s-%s.pdf", name, o.Number)
}

// confirmation is the order's letter as a document to open or save.
func (d *OrderDetail) confirmation() pdfDocument {
	o := d.order
	return pdfDocument{name: letterName(o), failed: lang.L("The letter could not be written: "),
		render: func() ([]byte, error) { return confirmationPDF(d.ctx, d.svc, o) }}
}

// letterMenu offers the letter the order's state gives its customer
// (app.OrderLetterFor): open, save, and record that it went to the
// customer, which closes a confirmation's task. An order that gets no
// letter yet says why, with nothing to open or mark.
func (d *OrderDetail) letterMenu() {
	title := lang.L("Confirmation letter")
	letter, refused := app.OrderLetterFor(d.order, nil)
	if refused == nil && letter.Kind == app.LetterCancellation {
		title = lang.L("Cancellation notice")
	}
	if refused != nil {
		why := widget.NewLabel(errorText(refused))
		why.Wrapping = fyne.TextWrapWord
		dlg := dialog.NewCustom(title, lang.L("Close"), why, d.win)
		dlg.Resize(fyne.NewSize(420, dlg.MinSize().Height))
		dlg.Show()
		return
	}
	var dlg dialog.Dialog
	how := newSelect([]string{lang.L("by e-mail"), lang.L("by messenger"), lang.L("printed and posted"),
		lang.L("handed over")}, nil)
	how.SetSelectedIndex(0)
	choice, open := printRow(d.win, d.background, "letters", d.confirmation, func() { dlg.Hide() }, nil)
	save := widget.NewButton(lang.L("Save as…"), func() { dlg.Hide(); saveDocumentAs(d.win, d.background, d.confirmation()) })
	sent := widget.NewButton(lang.L("Mark as sent"), func() {
		dlg.Hide()
		o, way := d.order, how.Selected
		d.run(func() (*app.Order, error) { return o, d.svc.ConfirmationSent(d.ctx, o.ID, way) })
	})
	sent.Importance = widget.HighImportance
	content := container.NewVBox(choice.box, container.NewGridWithColumns(2, open, save), widget.NewSeparator(),
		widget.NewLabel(lang.L("Sent to the customer:")), container.NewBorder(nil, nil, nil, sent, how))
	dlg = dialog.NewCustom(title, lang.L("Close"), content, d.win)
	dlg.Show()
}
