package screens

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// The order detail's after-sales part: the order's cases and complaints,
// each opening in the After-sales section, and the buttons that start a
// new one once goods have left.

// afterSalesLinks is what the order detail offers of the After-sales
// section; the shell sets them.
type afterSalesLinks struct {
	newCase, newComplaint   func(o *app.Order)
	openCase, openComplaint func(id int64, number string)
}

// orderAfterSales reads an order's cases and complaints, newest first.
func orderAfterSales(ctx context.Context, svc *app.Service, orderID int64) ([]app.Case, []app.Complaint, error) {
	cases, _, err := svc.Cases(ctx, app.CaseFilter{OrderID: orderID, Limit: 50})
	if err != nil {
		return nil, nil, err
	}
	complaints, _, err := svc.Complaints(ctx, app.ComplaintFilter{OrderID: orderID, Limit: 50})
	if err != nil {
		return nil, nil, err
	}
	return cases, complaints, nil
}

// showAfterSales lists the order's cases and complaints, a row each.
func (d *OrderDetail) showAfterSales() {
	d.afterSales.RemoveAll()
	for _, c := range d.cases {
		text := joinParts([]string{caseKindText(c.Kind), caseStatusText(c.Status), refundText(&c, d.currency)})
		d.afterSales.Add(d.afterSalesRow(c.Number, text, func() { d.sales.openCase(c.ID, c.Number) }))
	}
	for _, c := range d.complaints {
		text := joinParts([]string{lang.L("Complaint"), complaintCategoryText(c.Category), complaintStatusText(c.Status)})
		d.afterSales.Add(d.afterSalesRow(c.Number, text, func() { d.sales.openComplaint(c.ID, c.Number) }))
	}
	d.afterSalesHead.Hidden = len(d.cases)+len(d.complaints) == 0
	d.afterSales.Hidden = d.afterSalesHead.Hidden
	d.afterSales.Refresh()
}

// afterSalesRow is a case's or complaint's number, a button to open it
// where the shell offers that, and what it is.
func (d *OrderDetail) afterSalesRow(number, text string, open func()) fyne.CanvasObject {
	if d.sales == nil {
		return widget.NewLabel(number + "  " + text)
	}
	b := widget.NewButton(number, open)
	b.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, b, nil, widget.NewLabel(text))
}

// addAfterSalesActions offers a new case or complaint for a sale whose
// goods left; before that the order itself is changed or cancelled.
func (d *OrderDetail) addAfterSalesActions() {
	o := d.order
	if d.sales == nil || o.Kind != app.KindSale {
		return
	}
	for _, l := range o.Lines {
		if l.QtyShipped > 0 && l.Kind.Stocked() {
			d.actions.Add(widget.NewButton(lang.L("New case…"), func() { d.sales.newCase(o) }))
			d.actions.Add(widget.NewButton(lang.L("New complaint…"), func() { d.sales.newComplaint(o) }))
			return
		}
	}
}
