package screens

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// CarrierRulesEditor shows which carrier takes which parcels and
// edits the rules: the first rule a shipment meets suggests its carrier.
type CarrierRulesEditor struct {
	ctx context.Context
	svc *app.Service
	win fyne.Window
	// background runs database work off the UI goroutine; tests run it
	// inline.
	background func(func())

	rules []app.CarrierRule
	list  *widget.Label
	box   fyne.CanvasObject
}

// NewCarrierRulesEditor builds the editor; Update loads the rules.
func NewCarrierRulesEditor(ctx context.Context, svc *app.Service, win fyne.Window) *CarrierRulesEditor {
	e := &CarrierRulesEditor{ctx: ctx, svc: svc, win: win, background: func(f func()) { go f() }}
	e.list = widget.NewLabel("")
	e.list.Wrapping = fyne.TextWrapWord
	e.box = container.NewVBox(e.list, container.NewHBox(widget.NewButton(lang.L("Edit carrier rules…"), e.edit)))
	return e
}

// Content is the editor's widget tree.
func (e *CarrierRulesEditor) Content() fyne.CanvasObject { return e.box }

// Update loads the rules; off the UI goroutine.
func (e *CarrierRulesEditor) Update(ctx context.Context) error {
	rules, err := e.svc.CarrierRules(ctx)
	if err != nil {
		return err
	}
	fyne.Do(func() { e.show(rules) })
	return nil
}

func (e *CarrierRulesEditor) show(rules []app.CarrierRule) {
	e.rules = rules
	if len(rules) == 0 {
		e.list.SetText(lang.L("No carrier rules yet: shipments get no carrier suggested."))
		return
	}
	lines := make([]string, len(rules))
	for i, r := range rules {
		lines[i] = fmt.Sprintf("%d. %s", i+1, ruleText(r))
	}
	e.list.SetText(strings.Join(lines, "\n"))
}

// ruleText says a rule in words: "ZTO (standard): up to 3 kg, to 浙江, 上海".
func ruleText(r app.CarrierRule) string {
	name := r.Carrier
	if r.Service != "" {
		name += " · " + r.Service
	}
	var limits []string
	switch r.Urgency {
	case app.UrgencyUrgent:
		limits = append(limits, lang.L("Urgent"))
	case app.UrgencyStandard:
		limits = append(limits, lang.L("Standard"))
	}
	if r.MaxWeightGrams > 0 {
		limits = append(limits, lang.L("up to {{.Kg}} kg", map[string]any{"Kg": kilos(r.MaxWeightGrams)}))
	}
	if len(r.Destinations) > 0 {
		limits = append(limits, lang.L("to {{.Places}}", map[string]any{"Places": strings.Join(r.Destinations, ", ")}))
	}
	if len(limits) == 0 {
		return name + " — " + lang.L("everything else")
	}
	return name + " — " + strings.Join(limits, "; ")
}

// kilos writes grams as kilograms without trailing zeros.
func kilos(g int64) string {
	return strconv.FormatFloat(float64(g)/1000, 'f', -1, 64)
}

// parseKilos reads "2.5" (kg) as grams; empty is no limit.
func parseKilos(s string) (int64, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(strings.ToLower(s)), "kg"))
	if s == "" {
		return 0, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 {
		return 0, errors.New(lang.L("Enter the weight in kg, like 2.5"))
	}
	return int64(f*1000 + 0.5), nil
}

// ruleRow is one rule's inputs in the edit dialog.
type ruleRow struct {
	carrier, service, weight, places *widget.Entry
	urgency                          *widget.Select
	problem                          *widget.Label
}

func (e *CarrierRulesEditor) edit() {
	urgencies := []string{lang.L("Any urgency"), lang.L("Standard"), lang.L("Urgent")}
	var rows []*ruleRow
	box := container.NewVBox()
	var rebuild func()
	newRow := func(r app.CarrierRule) *ruleRow {
		row := &ruleRow{carrier: widget.NewEntry(), service: widget.NewEntry(), weight: widget.NewEntry(),
			places: widget.NewEntry(), urgency: newSelect(urgencies, nil), problem: widget.NewLabel("")}
		row.carrier.SetPlaceHolder(lang.L("Carrier"))
		row.service.SetPlaceHolder(lang.L("Service"))
		row.weight.SetPlaceHolder(lang.L("Up to kg"))
		row.places.SetPlaceHolder(lang.L("Provinces, cities or country codes"))
		row.carrier.SetText(r.Carrier)
		row.service.SetText(r.Service)
		if r.MaxWeightGrams > 0 {
			row.weight.SetText(kilos(r.MaxWeightGrams))
		}
		row.places.SetText(strings.Join(r.Destinations, ", "))
		row.urgency.SetSelectedIndex(map[app.Urgency]int{"": 0, app.UrgencyStandard: 1, app.UrgencyUrgent: 2}[r.Urgency])
		row.problem.Importance = widget.DangerImportance
		row.problem.Hide()
		return row
	}
	move := func(i, j int) {
		if j < 0 || j >= len(rows) {
			return
		}
		rows[i], rows[j] = rows[j], rows[i]
		rebuild()
	}
	rebuild = func() {
		box.RemoveAll()
		for i, row := range rows {
			i := i
			buttons := container.NewHBox(
				widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { move(i, i-1) }),
				widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { move(i, i+1) }),
				widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { rows = append(rows[:i], rows[i+1:]...); rebuild() }))
			fields := container.NewGridWithColumns(5, row.carrier, row.service, row.weight, row.places, row.urgency)
			box.Add(container.NewBorder(nil, row.problem, widget.NewLabel(strconv.Itoa(i+1)+"."), buttons, fields))
		}
		box.Refresh()
	}
	for _, r := range e.rules {
		rows = append(rows, newRow(r))
	}
	rebuild()
	add := widget.NewButtonWithIcon(lang.L("Add rule"), theme.ContentAddIcon(), func() {
		rows = append(rows, newRow(app.CarrierRule{}))
		rebuild()
	})
	hint := widget.NewLabel(lang.L("The first rule a shipment meets suggests its carrier. Leave a limit empty to accept anything."))
	hint.Wrapping = fyne.TextWrapWord
	content := container.NewBorder(hint, add, nil, nil, container.NewVScroll(box))
	var d *dialog.CustomDialog
	save := widget.NewButton(lang.L("Save"), func() {
		rules := make([]app.CarrierRule, len(rows))
		bad := false
		for i, row := range rows {
			row.problem.Hide()
			grams, err := parseKilos(row.weight.Text)
			if err != nil {
				row.problem.SetText(err.Error())
				row.problem.Show()
				bad = true
			}
			var places []string
			for _, p := range strings.FieldsFunc(row.places.Text, func(r rune) bool { return r == ',' || r == '，' || r == ';' }) {
				places = append(places, strings.TrimSpace(p))
			}
			rules[i] = app.CarrierRule{Carrier: row.carrier.Text, Service: row.service.Text, MaxWeightGrams: grams,
				Destinations: places, Urgency: []app.Urgency{"", app.UrgencyStandard, app.UrgencyUrgent}[max(row.urgency.SelectedIndex(), 0)]}
		}
		if bad {
			return
		}
		e.background(func() {
			err := e.svc.SaveCarrierRules(e.ctx, rules)
			fyne.Do(func() {
				if v, ok := app.IsValidation(err); ok {
					for _, f := range v.Fields {
						var i int
						if _, scanErr := fmt.Sscanf(f.Field, "rules[%d]", &i); scanErr == nil && i < len(rows) {
							rows[i].problem.SetText(problemWords(f))
							rows[i].problem.Show()
						}
					}
					return
				}
				if err != nil {
					showError(errors.New(errorText(err)), e.win)
					return
				}
				d.Hide()
				e.show(rules)
			})
		})
	})
	save.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons(lang.L("Carrier rules"), content, e.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("Cancel"), func() { d.Hide() }), save})
	d.Resize(fyne.NewSize(900, 480))
	d.Show()
}
