package screens

import (
	"errors"
	"maps"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// productForm is the Details tab: every field of a product, each with its
// problem written under it.
type productForm struct {
	fields []formField
	// amounts label the money fields, which name the shop's currency.
	amounts  map[string]*widget.Label
	active   *widget.Check
	save     *widget.Button
	saved    *widget.Label
	problems *fieldProblems
	box      *container.Scroll
}

// formField is one entry of the form; key is the field's name in the
// service's FieldErrors.
type formField struct {
	key   string
	entry *widget.Entry
}

func newProductForm(c fyne.Canvas, onSave func()) *productForm {
	f := &productForm{problems: newFieldProblems("product."), amounts: map[string]*widget.Label{}}
	rows := []struct{ key, label, hint string }{
		{"sku", lang.L("SKU"), ""},
		{"barcode", lang.L("Barcode"), lang.L("Scan or type")},
		{"name", lang.L("Name"), ""},
		{"alt_name", lang.L("Name in the other language"), ""},
		{"spec", lang.L("Spec"), lang.L("Size, colour, model…")},
		{"unit", lang.L("Unit"), lang.L("pcs, box, kg…")},
		{"price", lang.L("Price"), ""},
		{"floor_price", lang.L("Floor price"), lang.L("Lowest price without a supervisor")},
		{"cost", lang.L("Cost"), ""},
		{"weight", lang.L("Weight (g)"), ""},
		{"alternates", lang.L("Alternates"), lang.L("SKUs of products to offer instead, separated by commas")},
	}
	var grid []fyne.CanvasObject
	var entries []*widget.Entry
	for _, r := range rows {
		e := widget.NewEntry()
		e.SetPlaceHolder(r.hint)
		f.fields = append(f.fields, formField{r.key, e})
		entries = append(entries, e)
		label := widget.NewLabel(r.label)
		if isAmount(r.key) {
			f.amounts[r.key] = label
		}
		grid = append(grid, label, container.NewVBox(e, f.problems.label(r.key)))
	}
	f.active = widget.NewCheck(lang.L("Active: offered on new orders"), nil)
	grid = append(grid, layout.NewSpacer(), f.active)
	f.save = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), onSave)
	f.save.Importance = widget.HighImportance
	f.saved = widget.NewLabel("")
	enterMovesOn(c, entries, onSave)
	f.box = container.NewVScroll(container.NewVBox(container.New(layout.NewFormLayout(), grid...),
		container.NewHBox(f.save, f.saved)))
	return f
}

func isAmount(key string) bool { return key == "price" || key == "floor_price" || key == "cost" }

func (f *productForm) entry(key string) *widget.Entry {
	for _, fl := range f.fields {
		if fl.key == key {
			return fl.entry
		}
	}
	return nil
}

// fill shows a product; a new one starts with empty amounts rather than
// zeros to type over.
func (f *productForm) fill(p app.Product, alternates []string, cur app.Currency) {
	example, _ := cur.ParseMoney("128")
	money := func(m app.Money) string { return cur.FormatPlain(m) }
	weight := strconv.FormatInt(p.WeightGrams, 10)
	if p.ID == 0 {
		money = func(app.Money) string { return "" }
		weight = ""
	}
	for key, text := range map[string]string{
		"sku": p.SKU, "barcode": p.Barcode, "name": p.Name, "alt_name": p.AltName, "spec": p.Spec, "unit": p.Unit,
		"price": money(p.Price), "floor_price": money(p.FloorPrice), "cost": money(p.Cost),
		"weight": weight, "alternates": strings.Join(alternates, ", "),
	} {
		f.entry(key).SetText(text)
	}
	f.amounts["price"].SetText(lang.L("Price") + " (" + cur.Symbol + ")")
	f.amounts["floor_price"].SetText(lang.L("Floor price") + " (" + cur.Symbol + ")")
	f.amounts["cost"].SetText(lang.L("Cost") + " (" + cur.Symbol + ")")
	f.entry("price").SetPlaceHolder(cur.FormatPlain(example))
	f.entry("cost").SetPlaceHolder(cur.FormatPlain(example))
	f.active.SetChecked(p.Active)
	f.problems.clear()
	f.saved.SetText("")
	f.box.Refresh()
}

// read returns the product as typed over base (which keeps its ID and
// version), the alternates' SKUs, and the fields it could not read.
func (f *productForm) read(base app.Product, cur app.Currency) (app.Product, []string, []app.FieldError) {
	p := base
	var problems []app.FieldError
	example, _ := cur.ParseMoney("128")
	text := func(key string) string { return strings.TrimSpace(f.entry(key).Text) }
	p.SKU, p.Barcode, p.Name, p.AltName = text("sku"), text("barcode"), text("name"), text("alt_name")
	p.Spec, p.Unit = text("spec"), text("unit")
	for _, m := range []struct {
		key  string
		into *app.Money
	}{{"price", &p.Price}, {"floor_price", &p.FloorPrice}, {"cost", &p.Cost}} {
		*m.into = 0
		if text(m.key) == "" {
			continue
		}
		v, err := cur.ParseMoney(text(m.key))
		if err != nil {
			problems = append(problems, app.FieldError{Field: m.key, Code: app.CodeInvalid,
				Message: "enter the amount like " + cur.FormatPlain(example)})
			continue
		}
		*m.into = v
	}
	p.WeightGrams = 0
	if w := text("weight"); w != "" {
		g, err := strconv.ParseInt(w, 10, 64)
		if err != nil {
			problems = append(problems, app.FieldError{Field: "weight", Code: app.CodeInvalid,
				Message: "enter the weight in whole grams, like 250"})
		}
		p.WeightGrams = g
	}
	p.Active = f.active.Checked
	skus := strings.FieldsFunc(text("alternates"), func(r rune) bool {
		return r == ',' || r == '，' || r == '、' || r == ';' || unicode.IsSpace(r)
	})
	return p, skus, problems
}

// onSave checks the form, then saves off the UI goroutine. Everything
// wrong is shown at once, each beside its field.
func (s *ProductScreen) onSave() {
	if s.form.save.Disabled() {
		return // Enter pressed again while saving
	}
	p, skus, problems := s.form.read(s.view.product, s.currency)
	checked := p // Validate tidies what it checks; the service does that again
	if v, ok := app.IsValidation(checked.Validate()); ok {
		problems = mergeProblems(problems, v.Fields)
	}
	if len(problems) > 0 {
		s.showProblems(problems, nil)
		return
	}
	s.form.problems.clear()
	s.form.box.Refresh()
	s.form.save.Disable()
	s.background(func() { s.saveProduct(p, skus) })
}

// mergeProblems adds what Validate found to what the form could not read,
// leaving out what an unreadable field makes meaningless: a price typed
// wrong reads as 0, and the floor price is then "above the price".
func mergeProblems(unreadable, found []app.FieldError) []app.FieldError {
	bad := map[string]bool{}
	for _, f := range unreadable {
		bad[f.Field] = true
	}
	list := unreadable
	for _, f := range found {
		if bad[f.Field] || (f.Field == "floor_price" && bad["price"]) {
			continue
		}
		list = append(list, f)
	}
	return list
}

// saveProduct resolves the alternates' SKUs and saves; off the UI
// goroutine.
func (s *ProductScreen) saveProduct(p app.Product, skus []string) {
	defer fyne.Do(s.form.save.Enable)
	opened := p.ID // 0 for a new product
	p.Alternates = nil
	var problems []app.FieldError
	others := map[string]string{} // field → what its problem names
	var unknown []string
	for _, sku := range skus {
		alt, err := s.svc.ProductByCode(s.ctx, sku)
		if err != nil {
			unknown = append(unknown, sku)
			continue
		}
		p.Alternates = append(p.Alternates, alt.ID)
	}
	if len(unknown) > 0 {
		problems = append(problems, app.FieldError{Field: "alternates", Code: app.CodeUnknown,
			Message: "no product has the SKU " + strings.Join(unknown, ", ")})
		others["alternates"] = strings.Join(unknown, ", ")
	}
	err := error(&app.ValidationError{Fields: problems})
	if len(problems) == 0 {
		err = s.svc.SaveProduct(s.ctx, &p)
	}
	if v, ok := app.IsValidation(err); ok {
		for _, f := range v.Fields {
			if f.Code != app.CodeDuplicate {
				continue
			}
			code := map[string]string{"sku": p.SKU, "barcode": p.Barcode}[f.Field]
			if other, err := s.svc.ProductByCode(s.ctx, code); err == nil {
				others[f.Field] = other.SKU + " " + other.Name
			}
		}
	}
	switch {
	case err == nil:
		s.searchOrSay(s.Wanted(), false)
		// A new product stays on the right, unless the user has moved on.
		if !s.openID.CompareAndSwap(opened, p.ID) {
			return
		}
		if err := s.load(s.ctx, p.ID); err != nil {
			fyne.Do(func() { showError(err, s.win) })
			return
		}
		fyne.Do(func() {
			if s.view.product.ID == p.ID {
				s.form.saved.SetText(lang.L("Saved."))
			}
		})
	case errors.Is(err, app.ErrConflict):
		fyne.Do(func() {
			text := lang.L("Someone else saved this product after you opened it. It is shown again as it is now: make your change again.")
			dialog.ShowInformation(lang.L("Changed by someone else"), text, s.win)
		})
		if err := s.load(s.ctx, p.ID); err != nil {
			fyne.Do(func() { showError(err, s.win) })
		}
	default:
		fyne.Do(func() {
			if v, ok := app.IsValidation(err); ok {
				s.showProblems(v.Fields, others)
				return
			}
			showError(err, s.win)
		})
	}
}

// showProblems writes each problem beside its field and puts the cursor
// in the first of them; others go in a dialog.
func (s *ProductScreen) showProblems(list []app.FieldError, others map[string]string) {
	data := s.problemData(others)
	rest := s.form.problems.show(list, data)
	s.form.box.Refresh() // lays the form out again around the problems
	for _, fl := range s.form.fields {
		if s.form.problems.labels[fl.key].Visible() {
			s.win.Canvas().Focus(fl.entry)
			break
		}
	}
	if len(rest) > 0 {
		showError(errors.New(s.form.problems.elsewhere(rest, data)), s.win)
	}
}

// problemData is what problem messages may mention: an example amount in
// the shop's currency, and per field the product already using a code.
func (s *ProductScreen) problemData(others map[string]string) func(app.FieldError) map[string]any {
	example, _ := s.currency.ParseMoney("128")
	return func(f app.FieldError) map[string]any {
		return map[string]any{"Example": s.currency.FormatPlain(example), "Other": others[f.Field]}
	}
}

// enterMovesOn makes Enter in each entry move the cursor to the next one,
// and Enter in the last one finish the form.
func enterMovesOn(c fyne.Canvas, entries []*widget.Entry, finish func()) {
	for i, e := range entries {
		if i == len(entries)-1 {
			e.OnSubmitted = func(string) { finish() }
			continue
		}
		next := entries[i+1]
		e.OnSubmitted = func(string) { c.Focus(next) }
	}
}

// fieldProblems writes refusals under the fields they are about.
type fieldProblems struct {
	prefix string // of the translation keys: "product." + "sku.required"
	labels map[string]*widget.Label
}

func newFieldProblems(prefix string) *fieldProblems {
	return &fieldProblems{prefix: prefix, labels: map[string]*widget.Label{}}
}

// label makes the hidden label for a field's problems.
func (fp *fieldProblems) label(key string) *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	fp.labels[key] = l
	return l
}

// show writes each problem under its field, in words, and returns those
// about no field shown here.
func (fp *fieldProblems) show(list []app.FieldError, data func(app.FieldError) map[string]any) (elsewhere []app.FieldError) {
	fp.clear()
	for _, f := range list {
		l, ok := fp.labels[f.Field]
		if !ok {
			elsewhere = append(elsewhere, f)
			continue
		}
		text := fp.text(f, data(f))
		if l.Text != "" {
			text = l.Text + "\n" + text
		}
		l.SetText(text)
		l.Show()
	}
	return elsewhere
}

func (fp *fieldProblems) clear() {
	for _, l := range fp.labels {
		l.SetText("")
		l.Hide()
	}
}

// text words a problem. The service's English message is exact ("shorten
// this to 40 characters or fewer (it has 52)"), so the English
// translations pass it through as {{.Message}}; other languages say it
// per field and code, with what the screen knows as data.
func (fp *fieldProblems) text(f app.FieldError, data map[string]any) string {
	d := map[string]any{"Message": f.Message}
	maps.Copy(d, f.Values)
	maps.Copy(d, data)
	text := lang.X(fp.prefix+f.Field+"."+f.Code, "", d)
	if text == "" {
		return problemWords(f) // the words every screen has for the code
	}
	r, n := utf8.DecodeRuneInString(text)
	return string(unicode.ToUpper(r)) + text[n:]
}

// elsewhere writes problems about no field on the screen, one a line.
func (fp *fieldProblems) elsewhere(list []app.FieldError, data func(app.FieldError) map[string]any) string {
	lines := make([]string, len(list))
	for i, f := range list {
		lines[i] = lang.X("field."+f.Field, f.Field) + ": " + fp.text(f, data(f))
	}
	return strings.Join(lines, "\n")
}
