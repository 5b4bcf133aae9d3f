package screens

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// boxEditor is one box in the pack dialog: weight, size, packing material
// and handling marks.
type boxEditor struct {
	weight, length, width, height, material *widget.Entry
	fragile, keepDry                        *widget.Check
	row                                     *fyne.Container
}

// packageEditor edits a shipment's boxes: one to start with, more added.
type packageEditor struct {
	a     *actionDialog
	boxes []*boxEditor
	list  *fyne.Container
	box   fyne.CanvasObject
}

func newPackageEditor(a *actionDialog) *packageEditor {
	p := &packageEditor{a: a, list: container.NewVBox()}
	add := widget.NewButtonWithIcon(lang.L("Add box"), theme.ContentAddIcon(), func() {
		p.add()
		a.resize()
	})
	p.add()
	hint := widget.NewLabel(lang.L("One box left empty weighs what its goods weigh."))
	hint.Importance = widget.LowImportance
	p.box = container.NewVBox(widget.NewLabelWithStyle(lang.L("Boxes"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		p.list, container.NewBorder(nil, nil, add, nil, hint))
	return p
}

func (p *packageEditor) add() {
	n := len(p.boxes)
	b := &boxEditor{weight: widget.NewEntry(), length: widget.NewEntry(), width: widget.NewEntry(), height: widget.NewEntry(),
		material: widget.NewEntry()}
	b.weight.SetPlaceHolder("kg")
	for _, e := range []*widget.Entry{b.length, b.width, b.height} {
		e.SetPlaceHolder("cm")
	}
	b.material.SetPlaceHolder(lang.L("Packing material: carton, bubble wrap…"))
	b.fragile = widget.NewCheck(lang.L("Fragile"), nil)
	b.keepDry = widget.NewCheck(lang.L("Keep dry"), nil)
	size := container.NewGridWithColumns(3, b.length, b.width, b.height)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Box {{.No}}", map[string]any{"No": n + 1})+" · "+lang.L("Weight (kg)"), b.weight),
		widget.NewFormItem(lang.L("Length × width × height (cm)"), size),
		widget.NewFormItem(lang.L("Material"), b.material),
		widget.NewFormItem("", container.NewHBox(b.fragile, b.keepDry)))
	b.row = container.NewVBox(p.a.field(fmt.Sprintf("packages[%d]", n), form))
	p.boxes = append(p.boxes, b)
	p.list.Add(b.row)
}

// entries are the box entries in typing order.
func (p *packageEditor) entries() []*widget.Entry {
	var out []*widget.Entry
	for _, b := range p.boxes {
		out = append(out, b.weight, b.length, b.width, b.height, b.material)
	}
	return out
}

// packages reads the boxes. One box left empty is none: the service
// weighs the goods. A figure that is not one is said under its box.
func (p *packageEditor) packages() ([]app.Package, bool) {
	if len(p.boxes) == 1 {
		b := p.boxes[0]
		empty := !b.fragile.Checked && !b.keepDry.Checked
		for _, e := range []*widget.Entry{b.weight, b.length, b.width, b.height, b.material} {
			empty = empty && strings.TrimSpace(e.Text) == ""
		}
		if empty {
			return nil, true
		}
	}
	var out []app.Package
	good := true
	for i, b := range p.boxes {
		field := fmt.Sprintf("packages[%d]", i)
		grams, err := parseDecimal(b.weight.Text, 3)
		if err != nil {
			p.a.say(field, lang.L("Enter the weight in kilograms, like 1.25"))
			good = false
		}
		var sides [3]int64
		for k, e := range []*widget.Entry{b.length, b.width, b.height} {
			mm, err := parseDecimal(e.Text, 1)
			if err != nil {
				p.a.say(field, lang.L("Enter each side in centimetres, like 30 or 30.5"))
				good = false
				break
			}
			sides[k] = mm
		}
		out = append(out, app.Package{No: i + 1, WeightGrams: grams, LengthMM: int(sides[0]), WidthMM: int(sides[1]),
			HeightMM: int(sides[2]), Material: b.material.Text, Fragile: b.fragile.Checked, KeepDry: b.keepDry.Checked})
	}
	return out, good
}

// askPack boxes one order, or several of one customer to one address
// together; a part can be packed alone, the rest following
// in another parcel.
func (s *FulfilmentScreen) askPack(orderIDs []int64) {
	s.background(func() {
		var orders []*app.Order
		for _, id := range orderIDs {
			o, err := s.svc.Order(s.ctx, id)
			if err != nil {
				fyne.Do(func() { showError(errors.New(errorText(err)), s.win) })
				return
			}
			orders = append(orders, o)
		}
		fyne.Do(func() { s.showPack(orders) })
	})
}

// packTicked packs the ticked orders of the pack queue together.
func (s *FulfilmentScreen) packTicked(q *stageQueue) {
	if ids := q.tickedKeys(); len(ids) >= 2 {
		s.askPack(ids)
	}
}

func (s *FulfilmentScreen) showPack(orders []*app.Order) {
	a := newActionDialog(s.win, s.background)
	a.width = 620
	boxes := newPackageEditor(a)
	numbers := make([]string, len(orders))
	ids := make([]int64, len(orders))
	for i, o := range orders {
		numbers[i], ids[i] = o.Number, o.ID
	}
	first := orders[0]
	data := map[string]any{"Numbers": strings.Join(numbers, ", "), "Recipient": first.RecipientName, "City": first.Address.City}
	about := widget.NewLabel(lang.L("Order {{.Numbers}} for {{.Recipient}}, {{.City}}", data))
	if len(orders) > 1 {
		about.SetText(lang.L("Orders {{.Numbers}} for {{.Recipient}}, {{.City}}: one parcel", data))
	}
	about.Wrapping = fyne.TextWrapWord

	// Split: how many of each line go in this parcel.
	type splitLine struct {
		id  int64
		qty *widget.Entry
	}
	var split []splitLine
	splitRows := container.NewVBox()
	for _, o := range orders {
		for _, l := range o.Lines {
			if l.Outstanding() == 0 {
				continue
			}
			qty := widget.NewEntry()
			qty.SetText(strconv.FormatInt(l.Outstanding(), 10))
			split = append(split, splitLine{l.ID, qty})
			text := widget.NewLabel(fmt.Sprintf("%s · %d. %s %s %s", o.Number, l.LineNo, l.SKU, l.Name, l.Spec))
			text.Truncation = fyne.TextTruncateEllipsis
			splitRows.Add(container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(80, 36), qty), text))
		}
	}
	splitRows.Hide()
	partOnly := widget.NewCheck(lang.L("Pack only part now; the rest follows in another parcel"), func(on bool) {
		splitRows.Hidden = !on
		a.resize()
	})
	content := container.NewVBox(about, boxes.box, widget.NewSeparator(), partOnly, a.field("lines", splitRows))
	title := lang.L("Pack order {{.Number}}", map[string]any{"Number": first.Number})
	if len(orders) > 1 {
		title = lang.L("Pack {{.Count}} orders together", map[string]any{"Count": len(orders)})
	}
	var packed *app.Shipment
	a.show(title, lang.L("Pack"), content, boxes.boxes[0].weight, boxes.entries(), func() (func() error, bool) {
		packages, good := boxes.packages()
		in := app.PackInput{OrderIDs: ids, Packages: packages}
		if partOnly.Checked {
			in.Qty = map[int64]int64{}
			for _, l := range split {
				n, err := strconv.ParseInt(strings.TrimSpace(l.qty.Text), 10, 64)
				if err != nil || n < 0 {
					a.say("lines", lang.L("Enter how many of each line go in this parcel, 0 for none"))
					good = false
					break
				}
				in.Qty[l.id] = n
			}
		}
		return func() error {
			var err error
			packed, err = s.svc.PackOrders(s.ctx, in)
			return err
		}, good
	}, func() {
		said := map[string]any{"Numbers": data["Numbers"], "Count": len(packed.Packages), "Shipment": packed.Number}
		notify(s.win, countText(len(packed.Packages), lang.L("{{.Numbers}} packed in one box: shipment {{.Shipment}} waits in To ship", said),
			lang.L("{{.Numbers}} packed in {{.Count}} boxes: shipment {{.Shipment}} waits in To ship", said)), widget.SuccessImportance)
		s.untick(s.queue(app.StagePack))
		s.reload()
	})
}

// askPackResend boxes a re-send waiting for its box.
func (s *FulfilmentScreen) askPackResend(sh app.Shipment) {
	a := newActionDialog(s.win, s.background)
	a.width = 620
	boxes := newPackageEditor(a)
	about := widget.NewLabel(lang.L("Re-send {{.Number}} to {{.Recipient}}, {{.City}}: the same goods again, at no charge",
		map[string]any{"Number": sh.Number, "Recipient": sh.RecipientName, "City": sh.Address.City}))
	about.Wrapping = fyne.TextWrapWord
	a.show(lang.L("Pack re-send {{.Number}}", map[string]any{"Number": sh.Number}), lang.L("Pack"),
		container.NewVBox(about, boxes.box), boxes.boxes[0].weight, boxes.entries(), func() (func() error, bool) {
			packages, good := boxes.packages()
			return func() error {
				_, err := s.svc.PackShipment(s.ctx, sh.ID, packages)
				return err
			}, good
		}, func() {
			notify(s.win, lang.L("Re-send {{.Number}} packed: it waits in To ship", map[string]any{"Number": sh.Number}), widget.SuccessImportance)
			s.reload()
		})
}
