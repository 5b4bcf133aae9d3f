package screens

import (
	"context"
	"fmt"
	"log"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// fulfilmentDetail is the right pane of the Fulfilment section: the
// chosen order or shipment, what it holds, and the steps its queue takes
// as buttons.
type fulfilmentDetail struct {
	s *FulfilmentScreen

	// The rest belongs to the UI goroutine.
	view *stageView // nil when nothing is shown
	// loading is the row being loaded; an answer for another row is
	// dropped.
	loading int64

	title, meta          *widget.Label
	party, lines, parcel *fyne.Container // a label a line
	actions              *fyne.Container
	body                 *fyne.Container
	box                  fyne.CanvasObject
}

// stageView is what the pane shows of one row, loaded off the UI
// goroutine.
type stageView struct {
	stage     app.Stage
	row       app.StageRow
	order     *app.Order    // the row's (first) order
	shipment  *app.Shipment // shipment stages only
	decisions []app.LineDecision
}

func newFulfilmentDetail(s *FulfilmentScreen) *fulfilmentDetail {
	d := &fulfilmentDetail{s: s}
	d.title = widget.NewLabelWithStyle(lang.L("Choose an order"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.title.Wrapping = fyne.TextWrapWord
	d.meta = widget.NewLabel("")
	d.meta.Wrapping = fyne.TextWrapWord
	d.party, d.lines, d.parcel = factLines(), factLines(), factLines()
	// Equal cells wrap the buttons onto more rows when the pane is narrow.
	d.actions = container.NewGridWrap(fyne.NewSize(170, 36))
	bold := fyne.TextStyle{Bold: true}
	d.body = container.NewVBox(d.meta, d.actions, widget.NewSeparator(), d.party, widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.L("Items"), fyne.TextAlignLeading, bold), d.lines, d.parcel)
	d.body.Hide()
	d.box = container.NewVScroll(container.NewVBox(d.title, d.body))
	return d
}

// Content is the pane's widget tree.
func (d *fulfilmentDetail) Content() fyne.CanvasObject { return d.box }

// nothing empties the pane, saying why.
func (d *fulfilmentDetail) nothing(why string) {
	d.view, d.loading = nil, 0
	d.title.SetText(why)
	d.body.Hide()
}

// showRow shows a queue's chosen row again, when its tab is chosen.
func (d *fulfilmentDetail) showRow(q *stageQueue) {
	if i, ok := q.pages.Find(func(r app.StageRow) bool { return q.key(r) == q.shown && q.shown != 0 }); ok {
		if r, ok := q.pages.Row(d.s.ctx, i); ok {
			d.open(q, r)
			return
		}
	}
	d.nothing(lang.L("Choose an order"))
}

// open loads a row's order or shipment in the background and shows it.
func (d *fulfilmentDetail) open(q *stageQueue, r app.StageRow) {
	key, stage := q.key(r), q.stage
	d.loading = key
	s := d.s
	s.background(func() {
		v, err := loadStageView(s.ctx, s.svc, stage, r)
		fyne.Do(func() {
			if d.loading != key || s.current().stage != stage {
				return // another row was chosen meanwhile
			}
			if err != nil {
				log.Printf("fulfilment row %d: %v", key, err)
				d.nothing(errorText(err))
				return
			}
			d.show(v)
		})
	})
}

func loadStageView(ctx context.Context, svc *app.Service, stage app.Stage, r app.StageRow) (*stageView, error) {
	v := &stageView{stage: stage, row: r}
	var err error
	if stage.ShipmentStage() {
		if v.shipment, err = svc.Shipment(ctx, r.ShipmentID); err != nil {
			return nil, err
		}
	}
	if v.order, err = svc.Order(ctx, r.OrderID); err != nil {
		return nil, err
	}
	if stage == app.StageAllocate || stage == app.StageWaiting {
		if v.decisions, err = svc.LineDecisions(ctx, r.OrderID); err != nil {
			return nil, err
		}
	}
	return v, nil
}

func (d *fulfilmentDetail) show(v *stageView) {
	d.view = v
	o, sh := v.order, v.shipment
	if sh != nil {
		d.title.SetText(lang.L("Shipment {{.Number}}", map[string]any{"Number": sh.Number}))
	} else {
		d.title.SetText(lang.L("Order {{.Number}}", map[string]any{"Number": o.Number}))
	}
	meta := []string{statusText(o.Status), lang.L("ordered {{.Time}}", map[string]any{"Time": dateTime(o.OrderedAt)})}
	if sh != nil {
		meta = []string{shipmentStatusText(sh.Status), lang.L("orders {{.Numbers}}", map[string]any{"Numbers": v.row.OrderNumber})}
		if !sh.ShippedAt.IsZero() {
			meta = append(meta, lang.L("shipped {{.Time}}", map[string]any{"Time": dateTime(sh.ShippedAt)}))
		}
	}
	if o.Delivery.Urgency == app.UrgencyUrgent {
		meta = append(meta, lang.L("Urgent"))
	}
	if d.s.cutOffMissed(v.stage, v.row) {
		meta = append(meta, lang.L("Cut-off missed"))
	}
	d.meta.SetText(capitalize(joinParts(meta)))
	setLines(d.party, fulfilmentParty(o, sh))
	setLines(d.lines, goodsText(o, sh, v.decisions))
	setLines(d.parcel, parcelText(sh))
	d.parcel.Hidden = sh == nil
	d.setActions(v)
	d.body.Show()
	d.body.Refresh()
}

// factLines is a column of facts, a label each: one label of many lines
// cuts its last line off when Chinese glyphs stand taller than its font's
// line height.
func factLines() *fyne.Container {
	return container.New(layout.NewCustomPaddedVBoxLayout(-theme.Padding()))
}

// setLines shows text in a column of facts, a label a line.
func setLines(box *fyne.Container, text string) {
	box.RemoveAll()
	for _, line := range strings.Split(text, "\n") {
		if line == "" {
			continue
		}
		l := widget.NewLabel(line)
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	box.Refresh()
}

// fulfilmentParty says who ordered and where the goods go.
func fulfilmentParty(o *app.Order, sh *app.Shipment) string {
	name, phone, addr := o.RecipientName, o.RecipientPhone, o.Address
	if sh != nil {
		name, phone, addr = sh.RecipientName, sh.RecipientPhone, sh.Address
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", lang.L("Customer"), o.CustomerName)
	if addr.Deliverable() {
		fmt.Fprintf(&b, "\n%s: %s %s", lang.L("Deliver to"), name, phone)
		fmt.Fprintf(&b, "\n%s %s", addr.OneLine(), addr.Postcode)
	} else {
		fmt.Fprintf(&b, "\n%s", lang.L("No address: handed over at the counter"))
	}
	if o.Delivery.TimeSlot != "" {
		fmt.Fprintf(&b, "\n%s: %s", lang.L("Time slot"), o.Delivery.TimeSlot)
	}
	if !o.Delivery.ExpectedDate.IsZero() {
		fmt.Fprintf(&b, "\n%s", lang.L("Deliver by {{.Date}}", map[string]any{"Date": o.Delivery.ExpectedDate.Local().Format("2006-01-02")}))
	}
	if o.SpecialRequest != "" {
		fmt.Fprintf(&b, "\n%s: %s", lang.L("Special request"), o.SpecialRequest)
	}
	return b.String()
}

// goodsText lists what still has to leave for an order (with what was
// decided about short lines), or what a shipment holds.
func goodsText(o *app.Order, sh *app.Shipment, decisions []app.LineDecision) string {
	var b strings.Builder
	if sh != nil {
		for _, l := range sh.Lines {
			fmt.Fprintf(&b, "%s  %s %s  × %s\n", l.SKU, l.Name, l.Spec, app.FormatCount(l.Qty))
		}
		return strings.TrimSpace(b.String())
	}
	decided := map[int64]app.LineDecision{}
	for _, dec := range decisions {
		decided[dec.LineID] = dec
	}
	for _, l := range o.Lines {
		if l.Outstanding() == 0 {
			continue
		}
		fmt.Fprintf(&b, "%d. %s  %s %s  × %s", l.LineNo, l.SKU, l.Name, l.Spec, app.FormatCount(l.Outstanding()))
		if dec, ok := decided[l.ID]; ok {
			fmt.Fprintf(&b, "  (%s", shortageText(dec.Kind))
			if dec.Kind == app.ShortBackorder && !dec.ExpectedDate.IsZero() {
				fmt.Fprintf(&b, ", %s", lang.L("expected {{.Date}}", map[string]any{"Date": dec.ExpectedDate.Local().Format("2006-01-02")}))
			}
			b.WriteString(")")
		}
		b.WriteByte('\n')
	}
	return strings.TrimSpace(b.String())
}

// parcelText says how a shipment is boxed and sent, and what went wrong.
func parcelText(sh *app.Shipment) string {
	if sh == nil {
		return ""
	}
	var b strings.Builder
	for _, p := range sh.Packages {
		b.WriteString(packageText(p) + "\n")
	}
	if sh.Carrier != "" || sh.TrackingNumber != "" {
		fmt.Fprintf(&b, "%s: %s\n", lang.L("Carrier"), joinParts([]string{sh.Carrier, sh.Service, sh.TrackingNumber}))
	}
	if sh.Problem != app.ProblemNone {
		fmt.Fprintf(&b, "%s: %s  %s  %s\n", lang.L("Problem"), trackingProblemText(sh.Problem), dateTime(sh.ProblemAt), sh.ProblemNote)
	}
	if sh.Signer != "" {
		fmt.Fprintf(&b, "%s\n", lang.L("Signed by {{.Name}} at {{.Time}}", map[string]any{"Name": sh.Signer, "Time": dateTime(sh.DeliveredAt)}))
	}
	return strings.TrimSpace(b.String())
}

// packageText is one box: weight, size, material and handling marks.
func packageText(p app.Package) string {
	parts := []string{lang.L("Box {{.No}}", map[string]any{"No": p.No}), kilograms(p.WeightGrams) + " kg"}
	if p.LengthMM > 0 || p.WidthMM > 0 || p.HeightMM > 0 {
		parts = append(parts, fmt.Sprintf("%s × %s × %s cm", centimetres(p.LengthMM), centimetres(p.WidthMM), centimetres(p.HeightMM)))
	}
	parts = append(parts, p.Material)
	if p.Fragile {
		parts = append(parts, lang.L("Fragile"))
	}
	if p.KeepDry {
		parts = append(parts, lang.L("Keep dry"))
	}
	return joinParts(parts)
}

// centimetres writes millimetres as centimetres: 305 → 30.5.
func centimetres(mm int) string {
	if mm%10 == 0 {
		return fmt.Sprint(mm / 10)
	}
	return fmt.Sprintf("%d.%d", mm/10, mm%10)
}

// setActions offers the steps the row's queue takes.
func (d *fulfilmentDetail) setActions(v *stageView) {
	s := d.s
	d.actions.RemoveAll()
	add := func(text string, icon fyne.Resource, important bool, do func()) {
		b := widget.NewButtonWithIcon(text, icon, do)
		if important {
			b.Importance = widget.HighImportance
		}
		d.actions.Add(b)
	}
	o, sh := v.order, v.shipment
	switch v.stage {
	case app.StageAllocate:
		add(lang.L("Allocate"), theme.MediaPlayIcon(), true, func() { s.allocateOne(o) })
		add(lang.L("Out of stock…"), theme.WarningIcon(), false, func() { s.openShortage(s.win, o.ID) })
	case app.StageWaiting:
		add(lang.L("Allocate now"), theme.MediaPlayIcon(), true, func() { s.allocateOne(o) })
		add(lang.L("Out of stock…"), theme.WarningIcon(), false, func() { s.openShortage(s.win, o.ID) })
	case app.StagePick:
		add(lang.L("Print pick list"), theme.DocumentPrintIcon(), true, func() { s.askPickListsFor([]int64{o.ID}, nil) })
	case app.StageVerify:
		add(lang.L("Check this pick…"), theme.ConfirmIcon(), true, func() { s.openPickCheck(o.Number) })
		add(lang.L("Reprint pick list"), theme.DocumentPrintIcon(), false, func() { s.askPickListsFor([]int64{o.ID}, nil) })
	case app.StagePack:
		add(lang.L("Pack…"), theme.ContentAddIcon(), true, func() { s.askPack([]int64{o.ID}) })
	case app.StageShip:
		sendable := sh.Address.Deliverable()
		if sendable {
			add(lang.L("Ship…"), theme.MailSendIcon(), true, func() { s.askShip(sh, o) })
		}
		if o.CollectedAtCounter() {
			add(lang.L("Hand over…"), theme.ConfirmIcon(), !sendable, func() { s.askHandOver(o) })
		}
		add(lang.L("Packing slip…"), theme.DocumentPrintIcon(), false, func() { s.askPackingSlipsFor([]int64{sh.ID}, nil) })
		if sendable {
			add(lang.L("Label"), theme.DocumentPrintIcon(), false, func() { s.printLabelsFor([]int64{sh.ID}, nil) })
		}
	case app.StageTransit:
		add(lang.L("Sign-off…"), theme.ConfirmIcon(), true, func() { s.askSignOff(sh) })
		add(lang.L("Report problem…"), theme.WarningIcon(), false, func() { s.askProblem(sh) })
		if sh.TrackingNumber == "" {
			add(lang.L("Record tracking number…"), theme.DocumentCreateIcon(), false, func() { s.askTracking(sh) })
		}
	case app.StageProblem:
		if sh.Problem.GoodsGone() && sh.Status != app.ShipmentClosed {
			add(lang.L("Re-send"), theme.MailSendIcon(), true, func() { s.askResend(sh) })
			add(lang.L("Refund…"), theme.ContentUndoIcon(), false, func() { s.askRefundShipment(sh, o) })
		} else {
			add(lang.L("Clear problem…"), theme.ConfirmIcon(), true, func() { s.askClearProblem(sh) })
		}
		if sh.Status == app.ShipmentShipped && !sh.Problem.GoodsGone() {
			add(lang.L("Sign-off…"), theme.ConfirmIcon(), false, func() { s.askSignOff(sh) })
		}
		if sh.TrackingNumber == "" && sh.Status == app.ShipmentShipped {
			add(lang.L("Record tracking number…"), theme.DocumentCreateIcon(), false, func() { s.askTracking(sh) })
		}
		if comesBack(sh) {
			add(lang.L("Return to sender…"), theme.ContentUndoIcon(), false, func() { s.askReturnToSender(sh) })
		}
	}
	add(lang.L("Open order"), theme.FileTextIcon(), false, func() {
		if s.openOrder != nil {
			s.openOrder(o.ID, o.Number)
		}
	})
	d.actions.Refresh()
}
