package screens

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/reports"
)

// The out-of-stock dialog: for each line stock cannot cover, the
// shop backorders it, ships what is there, sends an alternate product, or
// cancels the line; then the customer is told, with a message ready to
// copy.

// alternate is a product that may be sent instead of a short one, with
// what is free of it now.
type alternate struct {
	product   *app.Product
	available int64
}

// shortLine is one short line as the dialog shows it.
type shortLine struct {
	short      app.Shortage
	alternates []alternate
}

// decidedLine is what was decided for a short line, for the customer's
// message.
type decidedLine struct {
	short      app.Shortage
	decision   app.ShortageDecision
	substitute string // the alternate's name, for substitutes
}

// openShortage loads an order's short lines and asks what to do about
// each, in win (the main window or the pick check's).
func (s *FulfilmentScreen) openShortage(win fyne.Window, orderID int64) {
	s.background(func() {
		o, lines, err := loadShortages(s.ctx, s.svc, orderID)
		fyne.Do(func() {
			switch {
			case err != nil:
				showError(errors.New(errorText(err)), win)
			case len(lines) == 0:
				dialog.ShowInformation(lang.L("Out of stock"),
					lang.L("Every line of order {{.Number}} is covered by stock now.", map[string]any{"Number": o.Number}), win)
			default:
				s.showShortage(win, o, lines)
			}
		})
	})
}

// loadShortages reads an order, its short lines and their alternates.
func loadShortages(ctx context.Context, svc *app.Service, orderID int64) (*app.Order, []shortLine, error) {
	o, err := svc.Order(ctx, orderID)
	if err != nil {
		return nil, nil, err
	}
	shorts, err := svc.Shortages(ctx, orderID)
	if err != nil {
		return nil, nil, err
	}
	var lines []shortLine
	for _, sh := range shorts {
		line := shortLine{short: sh}
		p, err := svc.Product(ctx, sh.ProductID)
		if err != nil {
			return nil, nil, err
		}
		for _, id := range p.Alternates {
			alt, err := svc.Product(ctx, id)
			if err != nil {
				return nil, nil, err
			}
			if !alt.Active {
				continue
			}
			sums, err := svc.StockSummaries(ctx, id)
			if err != nil {
				return nil, nil, err
			}
			var free int64
			for _, x := range sums {
				free += max(x.Available(), 0)
			}
			line.alternates = append(line.alternates, alternate{product: alt, available: free})
		}
		lines = append(lines, line)
	}
	return o, lines, nil
}

// shortChoice is one line's controls in the dialog.
type shortChoice struct {
	line       shortLine
	kind       *widget.RadioGroup
	expected   *widget.Entry
	substitute *widget.Select
	note       *widget.Entry
	problem    *widget.Label
	done       *widget.Label // says what was decided once it is
	decided    bool
	box        *fyne.Container
}

func (s *FulfilmentScreen) showShortage(win fyne.Window, o *app.Order, lines []shortLine) {
	kinds := app.ShortageKinds()
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = shortageText(k)
	}
	var choices []*shortChoice
	list := container.NewVBox()
	for _, l := range lines {
		c := &shortChoice{line: l, expected: widget.NewEntry(), note: widget.NewEntry(), problem: problemLabel(),
			done: widget.NewLabel("")}
		c.done.Importance = widget.SuccessImportance
		c.done.Hide()
		c.expected.SetPlaceHolder("YYYY-MM-DD")
		if !l.short.Expected.IsZero() {
			c.expected.SetText(l.short.Expected.Local().Format("2006-01-02"))
		}
		alts := make([]string, len(l.alternates))
		for i, a := range l.alternates {
			alts[i] = lang.L("{{.SKU}} {{.Name}} {{.Spec}} ({{.Available}} available)", map[string]any{"SKU": a.product.SKU,
				"Name": a.product.Name, "Spec": a.product.Spec, "Available": app.FormatCount(a.available)})
		}
		c.substitute = newSelect(alts, nil)
		c.substitute.PlaceHolder = lang.L("Choose the product to send instead")
		if len(alts) == 0 {
			c.substitute.PlaceHolder = lang.L("No alternates are listed for this product")
		}
		c.note.SetPlaceHolder(lang.L("Optional: why, for the record"))
		c.expected.Disable()
		c.substitute.Disable()
		c.kind = widget.NewRadioGroup(names, func(v string) {
			c.expected.Disable()
			c.substitute.Disable()
			switch v {
			case names[0]:
				c.expected.Enable()
			case names[2]:
				c.substitute.Enable()
				if len(alts) == 1 && c.substitute.SelectedIndex() < 0 {
					c.substitute.SetSelectedIndex(0)
				}
			}
		})
		sh := l.short
		about := lang.L("Line {{.No}} · {{.SKU}} {{.Name}}: needs {{.Need}}, {{.Available}} available", map[string]any{
			"No": sh.LineNo, "SKU": sh.SKU, "Name": sh.Name, "Need": app.FormatCount(sh.Need), "Available": app.FormatCount(sh.Available)})
		if !sh.Expected.IsZero() {
			about += " · " + lang.L("more expected {{.Date}}", map[string]any{"Date": sh.Expected.Local().Format("2006-01-02")})
		}
		if sh.Decision != "" {
			about += " · " + lang.L("decided so far: {{.Decision}}", map[string]any{"Decision": shortageText(sh.Decision)})
		}
		head := widget.NewLabelWithStyle(about, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.Wrapping = fyne.TextWrapWord
		form := widget.NewForm(widget.NewFormItem(lang.L("Expected"), c.expected),
			widget.NewFormItem(lang.L("Instead"), c.substitute), widget.NewFormItem(lang.L("Note"), c.note))
		c.box = container.NewVBox(head, c.kind, form, c.problem, c.done)
		list.Add(c.box)
		list.Add(widget.NewSeparator())
		choices = append(choices, c)
	}
	general := problemLabel()
	scroll := container.NewVScroll(container.NewVBox(list, general))
	scroll.SetMinSize(fyne.NewSize(600, min(list.MinSize().Height+20, 520)))
	var dlg *dialog.CustomDialog
	var save *widget.Button
	var decided []decidedLine
	save = widget.NewButtonWithIcon(lang.L("Save decisions"), theme.ConfirmIcon(), func() {
		general.Hide()
		todo := s.readChoices(choices)
		if len(todo) == 0 {
			general.SetText(lang.L("Choose what to do for at least one line"))
			general.Show()
			return
		}
		save.Disable()
		s.background(func() {
			errs := make([]error, len(todo))
			for i, t := range todo {
				if t.bad != "" {
					continue
				}
				_, errs[i] = s.svc.DecideShortage(s.ctx, o.ID, t.c.line.short.LineID, t.decision)
			}
			fyne.Do(func() {
				save.Enable()
				for i, t := range todo {
					t.c.problem.Hide()
					switch {
					case t.bad != "":
						t.c.problem.SetText(t.bad)
						t.c.problem.Show()
					case errs[i] != nil:
						t.c.problem.SetText(errorText(errs[i]))
						t.c.problem.Show()
					default:
						t.c.markDecided(t.decision)
						decided = append(decided, decidedLine{short: t.c.line.short, decision: t.decision, substitute: t.substitute})
					}
				}
				for _, c := range choices {
					if !c.decided {
						scroll.Refresh()
						return // the dialog stays open for the lines still open
					}
				}
				dlg.Hide()
				s.afterShortage(win, o, decided)
			})
		})
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Close"), theme.CancelIcon(), func() {
		dlg.Hide()
		if len(decided) > 0 {
			s.afterShortage(win, o, decided)
		}
	})
	intro := widget.NewLabel(lang.L("Stock cannot cover these lines of order {{.Number}}. Decide for each what the shop does; the customer is told after.",
		map[string]any{"Number": o.Number}))
	intro.Wrapping = fyne.TextWrapWord
	dlg = dialog.NewCustomWithoutButtons(lang.L("Out of stock"), container.NewBorder(intro, nil, nil, nil, scroll), win)
	dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	dlg.Resize(fyne.NewSize(660, dlg.MinSize().Height))
	dlg.Show()
}

// pendingDecision is a line's choice read from the dialog.
type pendingDecision struct {
	c          *shortChoice
	decision   app.ShortageDecision
	substitute string
	bad        string // a field that is not right, said before asking the service
}

// readChoices reads the lines that have a choice and are not decided yet.
func (s *FulfilmentScreen) readChoices(choices []*shortChoice) []pendingDecision {
	kinds := app.ShortageKinds()
	var out []pendingDecision
	for _, c := range choices {
		i := slices.Index(c.kind.Options, c.kind.Selected)
		if c.decided || i < 0 {
			continue
		}
		p := pendingDecision{c: c, decision: app.ShortageDecision{Kind: kinds[i], Note: c.note.Text}}
		switch kinds[i] {
		case app.ShortBackorder:
			if text := strings.TrimSpace(c.expected.Text); text != "" {
				d, err := app.ParseDay(text)
				if err != nil {
					p.bad = lang.L("Enter the expected date like 2026-11-20, or leave it empty")
				}
				p.decision.ExpectedDate = d
			}
		case app.ShortSubstitute:
			if k := c.substitute.SelectedIndex(); k >= 0 {
				alt := c.line.alternates[k].product
				p.decision.SubstituteID = alt.ID
				p.substitute = strings.TrimSpace(alt.SKU + " " + alt.Name + " " + alt.Spec)
			}
		}
		out = append(out, p)
	}
	return out
}

// markDecided shows a line as decided and locks its controls.
func (c *shortChoice) markDecided(d app.ShortageDecision) {
	c.decided = true
	c.done.SetText(lang.L("Decided: {{.Decision}}", map[string]any{"Decision": shortageText(d.Kind)}))
	c.done.Show()
	c.kind.Disable()
	c.expected.Disable()
	c.substitute.Disable()
	c.note.Disable()
}

// afterShortage allocates the order again when nothing of it waits for
// stock (what is there now, the substitute), then offers the customer's
// message.
func (s *FulfilmentScreen) afterShortage(win fyne.Window, o *app.Order, decided []decidedLine) {
	backorder := false
	for _, d := range decided {
		backorder = backorder || d.decision.Kind == app.ShortBackorder
	}
	s.background(func() {
		fresh, err := s.svc.Order(s.ctx, o.ID)
		if err == nil && !backorder && (fresh.Status == app.StatusConfirmed || fresh.Status == app.StatusPartlyShipped) {
			// Still short (another line left open) is no failure here: the
			// order stays in its queue with its task.
			if _, err := s.svc.Allocate(s.ctx, o.ID); err != nil {
				var short *app.ShortageError
				if !errors.As(err, &short) {
					fyne.Do(func() { showError(errors.New(errorText(err)), win) })
				}
			}
		}
		fyne.Do(func() {
			showCustomerMessage(win, lang.L("Tell the customer"), customerMessage(s.shop, o, decided))
			s.reload()
		})
	})
}

// customerMessage tells the customer what happens to the goods the shop
// cannot send now, a sentence a decided line, in the customer's
// language.
func customerMessage(shop app.Shop, o *app.Order, decided []decidedLine) string {
	notes := make([]reports.ShortageNote, len(decided))
	for i, d := range decided {
		notes[i] = reports.ShortageNote{Short: d.short, Decision: d.decision, Substitute: d.substitute}
	}
	return reports.ShortageMessage(shop, o, notes)
}

// shortageSummary lists what a pick is short of, for the pick check's
// question: "CUP-002 × 1, TEA-001 × 2".
func shortageSummary(missing map[string]int64) string {
	parts := make([]string, 0, len(missing))
	for sku, n := range missing {
		parts = append(parts, fmt.Sprintf("%s × %s", sku, app.FormatCount(n)))
	}
	slices.Sort(parts)
	return strings.Join(parts, ", ")
}
