package screens

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// customerField is one entry of the customer form, named by the path the
// service's FieldErrors use, so a problem lands beside its field.
type customerField struct {
	path      string
	label     string // translated
	dealer    bool   // shown for dealers only (credit and qualification, R-13)
	multiLine bool
}

// customerFields are the form's entries in the order Enter walks them.
func customerFields() []customerField {
	return []customerField{
		{path: "name", label: lang.L("Name")}, {path: "code", label: lang.L("Code")},
		{path: "contact", label: lang.L("Contact")}, {path: "phone", label: lang.L("Phone")},
		{path: "email", label: lang.L("E-mail")}, {path: "address.province", label: lang.L("Province")},
		{path: "address.city", label: lang.L("City")}, {path: "address.district", label: lang.L("District")},
		{path: "address.street", label: lang.L("Street")}, {path: "address.postcode", label: lang.L("Postcode")},
		{path: "address.country", label: lang.L("Country code")},
		{path: "credit_limit", label: lang.L("Credit limit"), dealer: true},
		{path: "payment_term_days", label: lang.L("Payment terms (days)"), dealer: true},
		{path: "late_fee", label: lang.L("Late fee (‰ a month)"), dealer: true},
		{path: "licence_no", label: lang.L("Licence number"), dealer: true},
		{path: "qualification_notes", label: lang.L("Qualification notes"), dealer: true, multiLine: true},
		{path: "notes", label: lang.L("Notes"), multiLine: true},
	}
}

// customerKinds are the kinds in the order the filter and form offer them.
var customerKinds = []app.CustomerKind{app.CustomerRetail, app.CustomerDealer}

func customerKindText(k app.CustomerKind) string { return lang.X("kind."+string(k), string(k)) }

// CustomerScreen is the customer book: a search and a list that
// loads a page at a time on the left, the chosen customer's form on the
// right.
type CustomerScreen struct {
	ctx   context.Context
	svc   *app.Service
	win   fyne.Window
	pages *pager[app.Customer]

	mu     sync.Mutex
	filter app.CustomerFilter // set on the UI goroutine, read by Update off it

	// The rest belongs to the UI goroutine.
	currency app.Currency
	country  string       // the shop's, for new customers
	customer app.Customer // the one in the form as loaded; ID 0 while new
	selected int64        // the customer the list keeps selected

	search         *widget.Entry
	kindFilter     *widget.Select
	archivedFilter *widget.Check
	count          *widget.Label
	table          *widget.Table

	fields   []customerField
	entries  map[string]*widget.Entry
	problems map[string]*widget.Label       // under each field, hidden while empty
	rows     map[string][]fyne.CanvasObject // dealer-only label and field, hidden for retail
	kind     *widget.RadioGroup
	// language is the customer's document language, proposed from the
	// country until the user chooses one (languageChosen).
	language       *widget.Select
	languageChosen bool
	archived       *widget.Check
	form           *container.Scroll // laid out again when problems or dealer rows show
	title          *widget.Label
	status         *widget.Label
	save           *widget.Button
	box            fyne.CanvasObject

	debounce typingPause
	// background runs database work off the UI goroutine; typingPause is
	// how long typing must stop before a search. Tests run both inline.
	background  func(func())
	typingPause time.Duration
}

// NewCustomerScreen builds the screen with an empty form for a new
// customer; Update loads the list.
func NewCustomerScreen(ctx context.Context, svc *app.Service, win fyne.Window) *CustomerScreen {
	s := &CustomerScreen{ctx: ctx, svc: svc, win: win, fields: customerFields(),
		entries: map[string]*widget.Entry{}, problems: map[string]*widget.Label{}, rows: map[string][]fyne.CanvasObject{},
		background: func(f func()) { go f() }, typingPause: 250 * time.Millisecond}
	s.currency, _ = app.LookupCurrency("CNY")
	s.pages = newPager[app.Customer](func() { fyne.Do(s.table.Refresh) })
	split := container.NewHSplit(s.buildList(), s.buildForm())
	split.Offset = 0.45
	s.box = split
	s.startNew()
	return s
}

// Content is the screen's widget tree.
func (s *CustomerScreen) Content() fyne.CanvasObject { return s.box }

// FocusSearch puts the cursor in the search box.
func (s *CustomerScreen) FocusSearch(c fyne.Canvas) { c.Focus(s.search) }

func (s *CustomerScreen) buildList() fyne.CanvasObject {
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(lang.L("Search name, code, contact, phone, e-mail…"))
	s.search.OnChanged = func(string) { s.searchSoon() }
	s.search.OnSubmitted = func(string) { s.Reload() }
	kinds := []string{lang.L("All")}
	for _, k := range customerKinds {
		kinds = append(kinds, customerKindText(k))
	}
	s.kindFilter = newSelect(kinds, nil)
	s.kindFilter.SetSelectedIndex(0)
	s.kindFilter.OnChanged = func(string) { s.Reload() } // wired after the first choice: no search yet
	s.archivedFilter = widget.NewCheck(lang.L("Show archived"), func(bool) { s.Reload() })
	s.count = widget.NewLabel("")

	s.table = widget.NewTableWithHeaders(
		func() (int, int) { return s.pages.Len(), 4 },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		s.updateCell)
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText([]string{lang.L("Name"), lang.L("Kind"), lang.L("Phone"), lang.L("City")}[id.Col])
		}
	}
	for col, width := range []float32{220, 80, 150, 110} {
		s.table.SetColumnWidth(col, width)
	}
	s.table.OnSelected = s.onSelected

	newButton := widget.NewButton(lang.L("New customer"), s.NewCustomer)
	filters := container.NewHBox(s.kindFilter, s.archivedFilter, s.count, layout.NewSpacer(), newButton)
	return container.NewBorder(container.NewVBox(s.search, filters), nil, nil, nil, s.table)
}

func (s *CustomerScreen) buildForm() fyne.CanvasObject {
	var cells []fyne.CanvasObject
	add := func(path, label string, w fyne.CanvasObject, dealer bool) {
		problem := widget.NewLabel("")
		problem.Importance = widget.DangerImportance
		problem.Wrapping = fyne.TextWrapWord
		problem.Hide()
		s.problems[path] = problem
		row := []fyne.CanvasObject{widget.NewLabel(label), container.NewVBox(w, problem)}
		if dealer {
			s.rows[path] = row
		}
		cells = append(cells, row...)
	}
	for i, f := range s.fields {
		e := widget.NewEntry()
		if f.multiLine {
			e = widget.NewMultiLineEntry()
			e.SetMinRowsVisible(3)
			e.Wrapping = fyne.TextWrapWord
		}
		e.AlwaysShowValidationError = true // the service validates, not a Validator
		path := f.path
		e.OnChanged = func(string) { s.clearProblem(path) }
		e.OnSubmitted = func(string) { s.focusAfter(i) } // Shift+Enter in a multi-line field
		s.entries[path] = e
		add(path, f.label, e, f.dealer)
		if path == "name" {
			kinds := make([]string, len(customerKinds))
			for k, kind := range customerKinds {
				kinds[k] = customerKindText(kind)
			}
			s.kind = widget.NewRadioGroup(kinds, func(string) { s.showDealerFields(); s.clearProblem("kind") })
			s.kind.Horizontal, s.kind.Required = true, true
			add("kind", lang.L("Kind"), s.kind, false)
		}
		if path == "address.country" {
			e.OnChanged = func(string) { s.clearProblem(path); s.proposeLanguage() }
			s.language = newSelect(documentLanguageNames(), func(string) {
				s.languageChosen = true
				s.clearProblem("document_language")
			})
			add("document_language", lang.L("Documents in"), s.language, false)
		}
	}
	s.entries["credit_limit"].SetPlaceHolder("5,000.00")
	s.archived = widget.NewCheck(lang.L("Archived"), nil)
	add("archived", "", s.archived, false)
	s.form = container.NewVScroll(container.New(layout.NewFormLayout(), cells...))

	s.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.status = widget.NewLabel("")
	s.save = widget.NewButton(lang.L("Save"), s.Save)
	s.save.Importance = widget.HighImportance
	return container.NewBorder(s.title, container.NewHBox(s.save, s.status), nil, nil, s.form)
}

// searchSoon waits for typing to pause before searching.
func (s *CustomerScreen) searchSoon() {
	s.debounce.after(s.typingPause, s.Reload)
}

// Reload runs the search the widgets describe, in the background.
func (s *CustomerScreen) Reload() {
	f := app.CustomerFilter{Text: strings.TrimSpace(s.search.Text), IncludeArchived: s.archivedFilter.Checked}
	if i := s.kindFilter.SelectedIndex(); i > 0 {
		f.Kind = customerKinds[i-1]
	}
	s.mu.Lock()
	s.filter = f
	s.mu.Unlock()
	s.background(func() {
		if err := s.Update(s.ctx); err != nil {
			fyne.Do(func() { s.count.SetText(lang.L("Search failed: ") + err.Error()) })
		}
	})
}

// Update loads the shop's currency and the first page of the list; call
// it off the UI goroutine.
func (s *CustomerScreen) Update(ctx context.Context) error {
	shop, err := s.svc.Shop(ctx)
	if err != nil {
		return err
	}
	s.mu.Lock()
	f := s.filter
	s.mu.Unlock()
	fetch := func(ctx context.Context, offset, limit int, _ bool) ([]app.Customer, int, error) {
		f.Offset, f.Limit = offset, limit
		return s.svc.FindCustomers(ctx, f)
	}
	if err := s.pages.Search(ctx, fetch); err != nil {
		return err
	}
	n := s.pages.Len()
	fyne.Do(func() {
		s.currency, s.country = shop.Currency, shop.Country
		if country := s.entries["address.country"]; s.customer.ID == 0 && country.Text == "" {
			country.SetText(shop.Country)
		}
		s.count.SetText(lang.L("{{.Count}} customers", map[string]any{"Count": app.FormatCount(int64(n))}))
		s.table.Refresh()
		s.keepSelection()
	})
	return nil
}

// keepSelection selects the chosen customer's row again after the list
// changed, when it is among the loaded rows.
func (s *CustomerScreen) keepSelection() {
	if i, ok := s.pages.Find(func(c app.Customer) bool { return c.ID == s.selected && c.ID != 0 }); ok {
		s.table.Select(widget.TableCellID{Row: i, Col: 0})
		return
	}
	s.table.UnselectAll()
}

func (s *CustomerScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	label := o.(*widget.Label)
	c, ok := s.pages.Row(s.ctx, id.Row)
	if !ok {
		label.SetText("…")
		return
	}
	name := c.Name
	if c.Archived {
		name += " · " + lang.L("archived")
	}
	label.SetText([]string{name, customerKindText(c.Kind), c.Phone, c.Address.City}[id.Col])
}

// onSelected opens the chosen customer fresh from the database, so the
// form holds the version a save will check against.
func (s *CustomerScreen) onSelected(id widget.TableCellID) {
	c, ok := s.pages.Row(s.ctx, id.Row)
	if !ok {
		return
	}
	s.selected = c.ID
	if c.ID != s.customer.ID {
		s.open(c.ID)
	}
}

// open loads a customer into the form in the background.
func (s *CustomerScreen) open(id int64) {
	s.background(func() {
		c, err := s.svc.Customer(s.ctx, id)
		fyne.Do(func() {
			if err != nil {
				showError(err, s.win)
				return
			}
			s.fill(c)
		})
	})
}

// NewCustomer empties the form for a new retail customer in the shop's
// country.
func (s *CustomerScreen) NewCustomer() {
	s.startNew()
	s.win.Canvas().Focus(s.entries["name"])
}

func (s *CustomerScreen) startNew() {
	s.selected = 0
	s.table.UnselectAll()
	s.fill(&app.Customer{Kind: app.CustomerRetail, Address: app.Address{Country: s.country}})
}

// fill shows c in the form.
func (s *CustomerScreen) fill(c *app.Customer) {
	s.customer = *c
	amount, number := "", func(n int) string { return strings.TrimPrefix(strconv.Itoa(n), "0") } // 0 shows blank
	if c.CreditLimit != 0 {
		amount = s.currency.FormatPlain(c.CreditLimit)
	}
	for path, text := range map[string]string{
		"name": c.Name, "code": c.Code, "contact": c.Contact, "phone": c.Phone, "email": c.Email,
		"address.province": c.Address.Province, "address.city": c.Address.City, "address.district": c.Address.District,
		"address.street": c.Address.Street, "address.postcode": c.Address.Postcode, "address.country": c.Address.Country,
		"credit_limit": amount, "payment_term_days": number(c.PaymentTermDays), "late_fee": number(c.LateFeePerMille),
		"licence_no": c.LicenceNo, "qualification_notes": c.QualificationNotes, "notes": c.Notes,
	} {
		s.entries[path].SetText(text)
	}
	s.kind.SetSelected(customerKindText(c.Kind))
	s.showLanguage(c.DocumentLanguage)
	// A customer's stored language stays; a new one's follows the country
	// until chosen.
	s.languageChosen = c.ID != 0
	if c.ID == 0 {
		s.proposeLanguage()
	}
	s.archived.SetChecked(c.Archived)
	if c.ID == 0 {
		s.title.SetText(lang.L("New customer"))
	} else {
		s.title.SetText(c.Name)
	}
	s.status.SetText("")
	s.clearProblems()
	s.showDealerFields()
}

func (s *CustomerScreen) chosenKind() app.CustomerKind {
	for _, k := range customerKinds {
		if s.kind.Selected == customerKindText(k) {
			return k
		}
	}
	return ""
}

func (s *CustomerScreen) showDealerFields() {
	dealer := s.chosenKind() == app.CustomerDealer
	for _, row := range s.rows {
		for _, o := range row {
			if dealer {
				o.Show()
			} else {
				o.Hide()
			}
		}
	}
	s.form.Refresh()
}

// focusAfter moves the cursor to the next visible field; Enter in the
// last one saves.
func (s *CustomerScreen) focusAfter(i int) {
	for _, f := range s.fields[i+1:] {
		if s.shown(f.path) {
			s.win.Canvas().Focus(s.entries[f.path])
			return
		}
	}
	s.Save()
}

func (s *CustomerScreen) shown(path string) bool {
	row, dealer := s.rows[path]
	return !dealer || row[0].Visible()
}

// read builds the customer the form describes, with the problems of
// fields that are not even numbers (the service never sees those).
func (s *CustomerScreen) read() (app.Customer, map[string]string) {
	text := func(path string) string { return strings.TrimSpace(s.entries[path].Text) }
	c := s.customer
	c.Name, c.Kind, c.Code, c.Contact = text("name"), s.chosenKind(), text("code"), text("contact")
	c.Phone, c.Email = text("phone"), text("email")
	c.Address = app.Address{Province: text("address.province"), City: text("address.city"),
		District: text("address.district"), Street: text("address.street"), Postcode: text("address.postcode"),
		Country: strings.ToUpper(text("address.country"))}
	c.LicenceNo, c.QualificationNotes, c.Notes = text("licence_no"), text("qualification_notes"), text("notes")
	c.DocumentLanguage = s.chosenLanguage()
	c.Archived = s.archived.Checked
	// Credit is for dealers only: a dealer turned retail leaves its terms
	// behind rather than failing on fields the form no longer shows.
	c.CreditLimit, c.PaymentTermDays, c.LateFeePerMille = 0, 0, 0
	bad := map[string]string{}
	if c.Kind != app.CustomerDealer {
		return c, bad
	}
	if t := text("credit_limit"); t != "" {
		m, err := s.currency.ParseMoney(t)
		if err != nil {
			bad["credit_limit"] = lang.L("Write the amount like 5,000.00")
		}
		c.CreditLimit = m
	}
	whole := func(path, problem string) int {
		t := text(path)
		if t == "" {
			return 0
		}
		n, err := strconv.Atoi(t)
		if err != nil {
			bad[path] = problem
		}
		return n
	}
	c.PaymentTermDays = whole("payment_term_days", lang.L("Write the number of days, like 30"))
	c.LateFeePerMille = whole("late_fee", lang.L("Write the late fee in ‰ a month, like 5"))
	return c, bad
}

// Save stores the form's customer in the background; problems appear
// beside their fields.
func (s *CustomerScreen) Save() {
	c, bad := s.read()
	s.clearProblems()
	if len(bad) > 0 {
		// Show the service's other problems too, so one try shows them all.
		var others []app.FieldError
		if v, ok := app.IsValidation(c.Validate()); ok {
			others = v.Fields
		}
		s.showProblems(others, bad)
		return
	}
	s.status.SetText(lang.L("Saving…"))
	s.save.Disable() // a second tap must not create the customer twice
	s.background(func() {
		err := s.svc.SaveCustomer(s.ctx, &c)
		fyne.Do(func() { s.saved(c, err) })
	})
}

func (s *CustomerScreen) saved(c app.Customer, err error) {
	s.status.SetText("")
	s.save.Enable()
	v, invalid := app.IsValidation(err)
	switch {
	case err == nil:
		s.fill(&c)
		s.status.SetText(lang.L("Saved"))
		s.selected = c.ID
		s.Reload()
	case invalid:
		s.showProblems(v.Fields, nil)
	case errors.Is(err, app.ErrConflict):
		dialog.ShowInformation(lang.L("Changed elsewhere"),
			lang.L("Someone else changed this customer since you opened it. The form now shows their version: make your change again."), s.win)
		s.open(c.ID)
		s.Reload()
	default:
		showError(err, s.win)
	}
}

// showProblems puts each problem under its field; one whose field the
// form does not show goes in a dialog.
func (s *CustomerScreen) showProblems(list []app.FieldError, local map[string]string) {
	var elsewhere []string
	var first fyne.Focusable
	put := func(path, text string) {
		l, ok := s.problems[path]
		if !ok || !s.shown(path) {
			name := path
			for _, f := range s.fields {
				if f.path == path {
					name = f.label
				}
			}
			elsewhere = append(elsewhere, name+": "+text)
			return
		}
		if l.Text != "" {
			text = l.Text + "\n" + text
		}
		l.SetText(text)
		l.Show()
		if e, ok := s.entries[path]; ok {
			e.SetValidationError(errors.New(text))
			if first == nil {
				first = e
			}
		}
	}
	for _, f := range s.fields { // in form order, so the cursor goes to the topmost
		if text, ok := local[f.path]; ok {
			put(f.path, text)
		}
	}
	for _, f := range list {
		if _, done := local[f.Field]; !done {
			put(f.Field, customerProblem(f))
		}
	}
	s.form.Refresh() // lays the form out again around the shown problems
	if first != nil {
		s.win.Canvas().Focus(first)
	}
	if len(elsewhere) > 0 {
		showError(errors.New(strings.Join(elsewhere, "\n")), s.win)
	}
}

func (s *CustomerScreen) clearProblem(path string) {
	if l := s.problems[path]; l != nil && l.Text != "" {
		l.SetText("")
		l.Hide()
		s.form.Refresh()
	}
	if e := s.entries[path]; e != nil {
		e.SetValidationError(nil)
	}
}

func (s *CustomerScreen) clearProblems() {
	for path := range s.problems {
		s.clearProblem(path)
	}
}

// customerProblem words a field problem. The service's English message
// is exact ("this one has 16 digits"), so the English translation passes
// it through as {{.Message}}; other languages say it per field and code.
func customerProblem(f app.FieldError) string {
	text := lang.X("customer."+f.Field+"."+f.Code, "", map[string]any{"Message": f.Message})
	if text == "" {
		return problemWords(f) // the words every screen has for the code
	}
	if r, n := utf8.DecodeRuneInString(text); n > 0 && r != utf8.RuneError {
		text = string(unicode.ToUpper(r)) + text[n:]
	}
	return text
}

// documentLanguageNames are the choices of a customer's document
// language: the shop's, then each language in its own words, as
// language menus write them.
func documentLanguageNames() []string {
	return []string{lang.L("The shop's document language"), "English", "简体中文", "繁體中文"}
}

// documentLanguageValues are the languages documentLanguageNames name.
var documentLanguageValues = []string{"", app.LanguageEnglish, app.LanguageChinese, app.LanguageTraditional}

// showLanguage selects language without counting as the user's choice.
func (s *CustomerScreen) showLanguage(language string) {
	chosen := s.languageChosen
	s.language.SetSelectedIndex(max(slices.Index(documentLanguageValues, language), 0))
	s.languageChosen = chosen
}

// proposeLanguage sets the language the country proposes (app's rule),
// unless the user chose one.
func (s *CustomerScreen) proposeLanguage() {
	if s.language == nil || s.languageChosen {
		return
	}
	s.showLanguage(app.LanguageForCountry(strings.ToUpper(strings.TrimSpace(s.entries["address.country"].Text))))
}

// chosenLanguage is the language the form shows.
func (s *CustomerScreen) chosenLanguage() string {
	if i := s.language.SelectedIndex(); i > 0 {
		return documentLanguageValues[i]
	}
	return ""
}
