package screens

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// A queue's rows, and the fulfilment's words for its enums.

// createRow is a queue row: a tick box, then two lines: number, who and
// units; when, city, flags and what the stage needs to know.
func (s *FulfilmentScreen) createRow() fyne.CanvasObject {
	tick := widget.NewCheck("", nil)
	number := widget.NewLabelWithStyle("202605-000", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	who := widget.NewLabel("")
	who.Truncation = fyne.TextTruncateEllipsis
	units := widget.NewLabel("")
	when := widget.NewLabel("2006-01-02 15:04")
	city := widget.NewLabel("")
	urgent := widget.NewLabelWithStyle(lang.L("Urgent"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	urgent.Importance = widget.DangerImportance
	late := widget.NewLabel(lang.L("Cut-off missed"))
	late.Importance = widget.WarningImportance
	about := widget.NewLabel("")
	about.Truncation = fyne.TextTruncateEllipsis
	lines := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()),
		container.NewBorder(nil, nil, number, units, who),
		container.NewBorder(nil, nil, container.NewHBox(when, city, urgent, late), nil, about))
	return container.NewBorder(nil, nil, tick, nil, lines)
}

// updateRow sets every field of a recycled row.
func (s *FulfilmentScreen) updateRow(q *stageQueue, i widget.ListItemID, o fyne.CanvasObject) {
	row := o.(*fyne.Container)
	lines, tick := row.Objects[0].(*fyne.Container), row.Objects[1].(*widget.Check)
	top, bottom := lines.Objects[0].(*fyne.Container), lines.Objects[1].(*fyne.Container)
	who, number, units := top.Objects[0].(*widget.Label), top.Objects[1].(*widget.Label), top.Objects[2].(*widget.Label)
	about, lead := bottom.Objects[0].(*widget.Label), bottom.Objects[1].(*fyne.Container)
	when, city := lead.Objects[0].(*widget.Label), lead.Objects[1].(*widget.Label)
	urgent, late := lead.Objects[2].(*widget.Label), lead.Objects[3].(*widget.Label)
	defer func() {
		lead.Refresh()
		top.Refresh()
		bottom.Refresh()
	}()

	tick.OnChanged = nil // setting the box must not tick the row
	tick.Hidden = !q.tickables
	r, ok := q.pages.Row(s.ctx, i)
	if !ok {
		number.SetText("…")
		for _, l := range []*widget.Label{who, units, when, city, about} {
			l.SetText("")
		}
		urgent.Hide()
		late.Hide()
		tick.SetChecked(false)
		return
	}
	key := q.key(r)
	tick.SetChecked(q.ticked[key])
	tick.OnChanged = func(on bool) {
		q.ticked[key] = on
		if !on {
			delete(q.ticked, key)
			q.tickAll.OnChanged = nil
			q.tickAll.SetChecked(false)
			q.tickAll.OnChanged = func(on bool) { s.tickAll(q, on) }
		}
		s.noteTicks(q)
	}
	number.SetText(r.OrderNumber)
	number.Importance = widget.MediumImportance
	if r.Urgency == app.UrgencyUrgent {
		number.Importance = widget.DangerImportance
	}
	number.Refresh()
	person := r.Customer
	if r.Recipient != "" && r.Recipient != r.Customer {
		person += " → " + r.Recipient
	}
	who.SetText(person)
	units.SetText(unitsText(r.Units))
	when.SetText(dateTime(r.OrderedAt))
	city.SetText(r.City)
	urgent.Hidden = r.Urgency != app.UrgencyUrgent
	late.Hidden = !s.cutOffMissed(q.stage, r)
	about.SetText(stageRowText(q.stage, r))
	about.Importance = widget.MediumImportance
	if r.Problem != app.ProblemNone {
		about.Importance = widget.WarningImportance
	}
	about.Refresh()
}

// unitsText counts units: "1 unit", "12 units".
func unitsText(n int64) string {
	if n == 1 {
		return lang.L("1 unit")
	}
	return lang.L("{{.Units}} units", map[string]any{"Units": app.FormatCount(n)})
}

// cutOffMissed reports whether an order still in the warehouse should
// have left today and the day's cut-off has passed.
func (s *FulfilmentScreen) cutOffMissed(st app.Stage, r app.StageRow) bool {
	switch st {
	case app.StageAllocate, app.StagePick, app.StageVerify, app.StagePack, app.StageShip:
		return !s.now.IsZero() && s.shop.Policy.CutOffPassed(r.OrderedAt, s.now)
	}
	return false
}

// stageRowText is what a row's stage needs known at a glance.
func stageRowText(st app.Stage, r app.StageRow) string {
	switch st {
	case app.StageWaiting:
		if r.Backorder.IsZero() {
			return lang.L("Backordered: no stock expected yet")
		}
		return lang.L("Backordered until {{.Date}}", map[string]any{"Date": r.Backorder.Local().Format("2006-01-02")})
	case app.StagePack:
		if r.VerifiedBy != "" {
			return lang.L("Checked by {{.Name}}", map[string]any{"Name": r.VerifiedBy})
		}
	case app.StageShip, app.StageTransit, app.StageProblem:
		return shipmentRowText(r)
	}
	return ""
}

// shipmentRowText is a shipment's number, weight, carrier and tracking
// number, and its problem if it has one.
func shipmentRowText(r app.StageRow) string {
	parts := []string{r.Shipment, kilograms(r.Weight) + " kg"}
	if r.Carrier != "" {
		parts = append(parts, r.Carrier)
	}
	switch {
	case r.Tracking != "":
		parts = append(parts, r.Tracking)
	case !r.ShippedAt.IsZero():
		parts = append(parts, lang.L("no tracking number yet"))
	}
	if r.Problem != app.ProblemNone {
		parts = append(parts, trackingProblemText(r.Problem))
	}
	return joinParts(parts)
}

// joinParts writes facts one after the other, skipping empty ones.
func joinParts(parts []string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += " · "
		}
		out += p
	}
	return out
}

// kilograms writes grams as kilograms with up to three decimals: 1.25.
func kilograms(grams int64) string {
	s := fmt.Sprintf("%d.%03d", grams/1000, grams%1000)
	for s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	if s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	return s
}

// The fulfilment enums are shown through translation keys built from
// their values ("stage.pick"), with the English label as fallback.

func stageText(st app.Stage) string {
	english := map[app.Stage]string{app.StageAllocate: "To allocate", app.StageWaiting: "Waiting for stock",
		app.StagePick: "To pick", app.StageVerify: "To check", app.StagePack: "To pack", app.StageShip: "To ship",
		app.StageTransit: "In transit", app.StageProblem: "Problems"}[st]
	if english == "" {
		english = string(st)
	}
	return lang.X("stage."+string(st), english)
}

func trackingProblemText(p app.TrackingProblem) string {
	english := map[app.TrackingProblem]string{app.ProblemDelayed: "Delayed", app.ProblemFailed: "Delivery failed",
		app.ProblemLost: "Lost", app.ProblemDamaged: "Damaged", app.ProblemRefused: "Refused by the recipient",
		app.ProblemUnreachable: "Recipient unreachable"}[p]
	if english == "" {
		english = string(p)
	}
	return lang.X("problem."+string(p), english)
}

func shortageText(k app.ShortageKind) string {
	english := map[app.ShortageKind]string{app.ShortBackorder: "Backorder: wait for the stock",
		app.ShortShipAvailable: "Ship what is there now, the rest later", app.ShortSubstitute: "Send a substitute",
		app.ShortCancelLine: "Cancel the line"}[k]
	if english == "" {
		english = string(k)
	}
	return lang.X("shortage."+string(k), english)
}

func shipmentStatusText(st app.ShipmentStatus) string {
	english := map[app.ShipmentStatus]string{app.ShipmentToPack: "To pack", app.ShipmentPacked: "Packed",
		app.ShipmentShipped: "Shipped", app.ShipmentDelivered: "Delivered", app.ShipmentReturned: "Returned",
		app.ShipmentCancelled: "Cancelled", app.ShipmentClosed: "Closed"}[st]
	if english == "" {
		english = string(st)
	}
	return lang.X("shipment."+string(st), english)
}

// emptyQueueText says a queue is empty in words that fit it.
func emptyQueueText(st app.Stage) string {
	switch st {
	case app.StageAllocate:
		return lang.L("No confirmed order waits for stock to be reserved")
	case app.StageWaiting:
		return lang.L("No order waits for incoming stock")
	case app.StagePick:
		return lang.L("Nothing to pick: every allocated order has its pick list")
	case app.StageVerify:
		return lang.L("No pick waits for its check")
	case app.StagePack:
		return lang.L("Nothing to pack")
	case app.StageShip:
		return lang.L("No parcel waits for the courier")
	case app.StageTransit:
		return lang.L("No parcel is on its way")
	}
	return lang.L("No shipment has a problem")
}
