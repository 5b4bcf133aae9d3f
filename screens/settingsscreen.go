package screens

import (
	"context"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// SettingsScreen holds the shop's profile (printed on every document), its
// working calendar and policy thresholds, which are the shop's and live in
// its database, and the user's own language.
type SettingsScreen struct {
	ctx      context.Context
	svc      *app.Service
	win      fyne.Window
	settings Settings
	shop     app.Shop
	// background runs database work off the UI goroutine; tests run it
	// inline.
	background func(func())

	name, phone, email, taxID, prefix, country              *widget.Entry
	province, city, district, street, postcode, addrCountry *widget.Entry
	workStart, workEnd, holidays, remote, factor, cutoff    *widget.Entry
	returnDays, completeDays                                *widget.Entry
	largeOrder, maxDiscount, contactMinutes, coupons        *widget.Entry
	// How customers on account pay: printed on their confirmations.
	bankHolder, bankName, bankAccount, bankSWIFT, payInstructions *widget.Entry
	autoConfirm, secondCheck, verifyPicks, completeOnSignOff      *widget.Check
	language, docLanguage, paper                                  *widget.Select
	currency                                                      *widget.SelectEntry
	days                                                          [7]*widget.Check
	logo                                                          *canvas.Image
	note                                                          *widget.Label
	errors                                                        map[string]*widget.Label
	warehouses                                                    *WarehouseEditor
	carriers                                                      *CarrierRulesEditor
	backups                                                       *BackupsPanel
	folders                                                       *DataFoldersPanel
	users                                                         *UsersPanel
	saveButton                                                    *widget.Button
	ownerOnly                                                     *widget.Label // shown to staff, whose role may not change settings
	box                                                           fyne.CanvasObject
}

// NewSettingsScreen builds the settings screen; Update loads the shop.
func NewSettingsScreen(ctx context.Context, svc *app.Service, win fyne.Window, settings Settings, dbPath string) *SettingsScreen {
	s := &SettingsScreen{ctx: ctx, svc: svc, win: win, settings: settings, errors: map[string]*widget.Label{},
		background: func(f func()) { go f() }}
	e := widget.NewEntry
	s.name, s.phone, s.email, s.taxID, s.prefix, s.country = e(), e(), e(), e(), e(), e()
	s.province, s.city, s.district, s.street, s.postcode, s.addrCountry = e(), e(), e(), e(), e(), e()
	s.workStart, s.workEnd, s.factor, s.cutoff, s.returnDays, s.completeDays = e(), e(), e(), e(), e(), e()
	s.holidays, s.remote = widget.NewMultiLineEntry(), widget.NewMultiLineEntry()
	s.largeOrder, s.maxDiscount, s.contactMinutes, s.coupons = e(), e(), e(), widget.NewMultiLineEntry()
	s.bankHolder, s.bankName, s.bankAccount, s.bankSWIFT = e(), e(), e(), e()
	s.payInstructions = widget.NewMultiLineEntry()
	s.payInstructions.SetMinRowsVisible(2)
	s.payInstructions.Wrapping = fyne.TextWrapWord
	s.bankAccount.SetPlaceHolder("6222 0210 0109 8765 432")
	s.bankSWIFT.SetPlaceHolder("BKCHCNBJ")
	s.payInstructions.SetPlaceHolder(lang.L("For example: write the order number as the payment reference."))
	s.coupons.SetPlaceHolder(lang.L("One coupon code per line"))
	s.largeOrder.SetPlaceHolder(lang.L("0: never"))
	s.autoConfirm = widget.NewCheck(lang.L("Confirm orders the rules find nothing wrong with"), nil)
	s.secondCheck = widget.NewCheck(lang.L("Hand-entered orders need a second person's check"), nil)
	s.verifyPicks = widget.NewCheck(lang.L("A second person checks every pick before packing"), nil)
	s.completeOnSignOff = widget.NewCheck(lang.L("The customer's signature completes the order"), nil)
	s.docLanguage = newSelect([]string{lang.L("By the delivery country"), "English", "中文"}, nil)
	s.paper = newSelect([]string{"A4", lang.L("US Letter")}, nil)
	s.holidays.SetPlaceHolder("2026-10-01\n2026-10-02")
	s.remote.SetPlaceHolder(lang.L("One province or city per line"))
	s.currency = newCurrencyEntry()
	s.prefix.SetPlaceHolder(lang.L("Letters before the number, often empty"))
	s.logo = canvas.NewImageFromResource(nil)
	s.logo.FillMode = canvas.ImageFillContain
	s.logo.SetMinSize(fyne.NewSize(160, 60))
	dayNames := []string{lang.L("Sun"), lang.L("Mon"), lang.L("Tue"), lang.L("Wed"), lang.L("Thu"), lang.L("Fri"), lang.L("Sat")}
	dayBox := container.NewHBox()
	for i := range s.days {
		s.days[i] = widget.NewCheck(dayNames[i], nil)
		dayBox.Add(s.days[i])
	}

	names := []string{lang.L("Same as the system"), "English", "简体中文", "繁體中文"}
	s.language = newSelect(names, nil)
	for i, l := range Languages {
		if l == settings.Language() {
			s.language.SetSelectedIndex(i)
		}
	}
	s.language.OnChanged = s.onLanguageChanged
	s.note = widget.NewLabel("")

	field := func(label, key string, o fyne.CanvasObject) *widget.FormItem {
		problem := widget.NewLabel("")
		problem.Importance = widget.DangerImportance
		problem.Hide()
		s.errors[key] = problem
		return widget.NewFormItem(label, container.NewVBox(o, problem))
	}
	grid := func(objs ...fyne.CanvasObject) fyne.CanvasObject {
		return container.NewGridWithColumns(len(objs), objs...)
	}
	s.warehouses = NewWarehouseEditor(ctx, svc, win)
	s.warehouses.background = func(f func()) { s.background(f) }
	s.carriers = NewCarrierRulesEditor(ctx, svc, win)
	s.carriers.background = func(f func()) { s.background(f) }
	s.backups = NewBackupsPanel(ctx, win, backupKeeper)
	s.backups.background = func(f func()) { s.background(f) }
	s.folders = NewDataFoldersPanel(ctx, win, settings, folderKeeper, dbPath)
	s.folders.background = func(f func()) { s.background(f) }
	s.folders.backupsMoved = func() { s.background(func() { s.backups.Update(ctx) }) }
	s.users = NewUsersPanel(ctx, svc, win)
	s.users.background = func(f func()) { s.background(f) }
	save := widget.NewButton(lang.L("Save settings"), s.save)
	save.Importance = widget.HighImportance
	s.saveButton = save
	s.ownerOnly = widget.NewLabel(lang.L("Only the owner changes the shop's settings; they are shown here as they are."))
	s.ownerOnly.Importance = widget.WarningImportance
	s.ownerOnly.Wrapping = fyne.TextWrapWord
	s.ownerOnly.Hide()
	form := widget.NewForm(
		field(lang.L("Shop name"), "name", s.name),
		field(lang.L("Phone / e-mail"), "phone", grid(s.phone, s.email)),
		field(lang.L("Tax id"), "tax_id", s.taxID),
		field(lang.L("Address"), "address.street", container.NewVBox(grid(s.province, s.city, s.district), s.street,
			grid(s.postcode, s.addrCountry))),
		field(lang.L("Logo"), "logo", container.NewHBox(s.logo, widget.NewButton(lang.L("Choose image…"), s.chooseLogo),
			widget.NewButton(lang.L("Remove"), func() { s.shop.Logo = nil; s.showLogo() }))),
		field(lang.L("Currency"), "currency", s.currency),
		field(lang.L("Country of addresses"), "country", s.country),
		field(lang.L("Order number prefix"), "order_prefix", s.prefix),
		field(lang.L("Working hours"), "calendar.end", grid(s.workStart, s.workEnd)),
		field(lang.L("Working days"), "calendar.days", dayBox),
		field(lang.L("Holidays"), "calendar.holidays", s.holidays),
		field(lang.L("Remote areas"), "policy.remote_areas", s.remote),
		field(lang.L("Flag quantities above the usual ×"), "policy.quantity_factor", s.factor),
		field(lang.L("Same-day shipping cut-off"), "policy.cutoff", s.cutoff),
		field(lang.L("Fulfilment"), "policy.verify_picks", container.NewVBox(s.verifyPicks, s.completeOnSignOff)),
		field(lang.L("Review"), "policy.auto_confirm", container.NewVBox(s.autoConfirm, s.secondCheck)),
		field(lang.L("Flag a new customer's order from"), "policy.large_order", s.largeOrder),
		field(lang.L("Largest discount (%)"), "policy.max_discount_percent", s.maxDiscount),
		field(lang.L("Coupons honoured"), "policy.coupons", s.coupons),
		field(lang.L("Ask for missing details within (working minutes)"), "policy.contact_within_minutes", s.contactMinutes),
		field(lang.L("Letters to customers in"), "document_language", s.docLanguage),
		field(lang.L("Paper for documents"), "paper", s.paper),
		widget.NewFormItem(lang.L("Paying on account"), newNote(lang.L("Printed on the confirmations of orders on account, with the due date and the terms."))),
		field(lang.L("Account holder"), "bank.account_holder", s.bankHolder),
		field(lang.L("Bank"), "bank.bank_name", s.bankName),
		field(lang.L("Account number or IBAN"), "bank.account", s.bankAccount),
		field(lang.L("SWIFT/BIC"), "bank.swift", s.bankSWIFT),
		field(lang.L("Payment instructions"), "bank.instructions", s.payInstructions),
		field(lang.L("Return window (days)"), "policy.return_window_days", s.returnDays),
		field(lang.L("Complete orders after shipping (days)"), "policy.auto_complete_days", s.completeDays),
		widget.NewFormItem("", save),
		widget.NewFormItem(lang.L("Warehouses"), s.warehouses.Content()),
		widget.NewFormItem(lang.L("Carriers"), s.carriers.Content()),
		widget.NewFormItem(lang.L("Language"), container.NewVBox(s.language, s.note)),
		widget.NewFormItem(lang.L("Where your data is"), s.folders.Content()),
		widget.NewFormItem(lang.L("Backups"), s.backups.Content()),
		widget.NewFormItem(lang.L("Accounts"), s.users.Content()),
	)
	s.errors["calendar.start"] = s.errors["calendar.end"]
	s.errors["email"] = s.errors["phone"]
	for _, k := range []string{"address.province", "address.city", "address.district", "address.postcode", "address.country"} {
		s.errors[k] = s.errors["address.street"]
	}
	s.box = container.NewVScroll(container.NewPadded(container.NewVBox(s.ownerOnly, form)))
	return s
}

// Content is the screen's widget tree.
func (s *SettingsScreen) Content() fyne.CanvasObject { return s.box }

// Update loads the shop's settings; call it off the UI goroutine.
func (s *SettingsScreen) Update(ctx context.Context) error {
	shop, err := s.svc.Shop(ctx)
	if err != nil {
		return err
	}
	// The service refuses staff's changes anyway; saying so up front spares
	// them filling in a form for nothing.
	mayChange := s.svc.Permitted(ctx, app.PermSettings) == nil
	fyne.Do(func() {
		s.show(shop)
		s.ownerOnly.Hidden = mayChange
		s.ownerOnly.Refresh()
		if mayChange {
			s.saveButton.Enable()
		} else {
			s.saveButton.Disable()
		}
	})
	s.backups.Update(ctx)
	if err := s.users.Update(ctx); err != nil {
		return err
	}
	if err := s.warehouses.Update(ctx); err != nil {
		return err
	}
	return s.carriers.Update(ctx)
}

func (s *SettingsScreen) show(shop app.Shop) {
	s.shop = shop
	a, cal, pol := shop.Address, shop.Calendar, shop.Policy
	for _, p := range []struct {
		e *widget.Entry
		v string
	}{{s.name, shop.Name}, {s.phone, shop.Phone}, {s.email, shop.Email}, {s.taxID, shop.TaxID}, {s.prefix, shop.OrderPrefix},
		{s.country, shop.Country}, {s.province, a.Province}, {s.city, a.City}, {s.district, a.District}, {s.street, a.Street},
		{s.postcode, a.Postcode}, {s.addrCountry, a.Country}, {s.workStart, cal.Start}, {s.workEnd, cal.End},
		{s.factor, strconv.Itoa(pol.QuantityFactor)}, {s.cutoff, pol.CutOff}, {s.returnDays, strconv.Itoa(pol.ReturnWindowDays)},
		{s.completeDays, strconv.Itoa(pol.AutoCompleteDays)}, {s.remote, strings.Join(pol.RemoteAreas, "\n")},
		{s.largeOrder, shop.Currency.FormatPlain(pol.LargeOrder)}, {s.maxDiscount, strconv.Itoa(pol.MaxDiscountPercent)},
		{s.contactMinutes, strconv.Itoa(pol.ContactWithinMinutes)}, {s.coupons, strings.Join(pol.Coupons, "\n")},
		{s.bankHolder, shop.Bank.AccountHolder}, {s.bankName, shop.Bank.BankName}, {s.bankAccount, shop.Bank.Account},
		{s.bankSWIFT, shop.Bank.SWIFT}, {s.payInstructions, shop.Bank.Instructions}} {
		p.e.SetText(p.v)
	}
	s.autoConfirm.SetChecked(pol.AutoConfirm)
	s.secondCheck.SetChecked(pol.SecondCheck)
	s.verifyPicks.SetChecked(pol.VerifyPicks)
	s.completeOnSignOff.SetChecked(pol.CompleteOnSignOff)
	s.docLanguage.SetSelectedIndex(map[string]int{"": 0, "en": 1, "zh": 2}[shop.DocumentLanguage])
	s.paper.SetSelectedIndex(map[string]int{app.PaperA4: 0, app.PaperLetter: 1}[shop.Paper])
	var days []string
	for _, h := range cal.Holidays {
		days = append(days, h.Format("2006-01-02"))
	}
	s.holidays.SetText(strings.Join(days, "\n"))
	for i, c := range s.days {
		c.SetChecked(cal.Days[i])
	}
	s.currency.SetText(shop.Currency.Code)
	s.showLogo()
}

func (s *SettingsScreen) showLogo() {
	if len(s.shop.Logo) == 0 {
		s.logo.Resource = nil
	} else {
		s.logo.Resource = fyne.NewStaticResource("logo", s.shop.Logo)
	}
	s.logo.Refresh()
}

func (s *SettingsScreen) chooseLogo() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		b, err := io.ReadAll(io.LimitReader(r, 4<<20))
		if err != nil {
			showError(err, s.win)
			return
		}
		s.shop.Logo = b
		s.showLogo()
	}, s.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg"}))
	d.Show()
}

// Shop reads the form into the shop's settings, with the problems found
// in typed numbers and dates.
func (s *SettingsScreen) Shop() (app.Shop, []app.FieldError) {
	var bad []app.FieldError
	number := func(field string, e *widget.Entry) int {
		n, err := strconv.Atoi(strings.TrimSpace(e.Text))
		if err != nil {
			bad = append(bad, app.FieldError{Field: field, Code: app.CodeInvalid, Message: lang.L("Enter a whole number")})
		}
		return n
	}
	shop := s.shop
	shop.Name, shop.Phone, shop.Email, shop.TaxID = s.name.Text, s.phone.Text, s.email.Text, s.taxID.Text
	shop.OrderPrefix, shop.Country = s.prefix.Text, strings.ToUpper(strings.TrimSpace(s.country.Text))
	shop.Address = app.Address{Province: s.province.Text, City: s.city.Text, District: s.district.Text,
		Street: s.street.Text, Postcode: s.postcode.Text, Country: s.addrCountry.Text}
	shop.Bank = app.BankDetails{AccountHolder: s.bankHolder.Text, BankName: s.bankName.Text, Account: s.bankAccount.Text,
		SWIFT: s.bankSWIFT.Text, Instructions: s.payInstructions.Text}
	if c, ok := s.chosenCurrency(); ok {
		shop.Currency = c
	} else {
		bad = append(bad, app.FieldError{Field: "currency", Code: app.CodeInvalid,
			Message: lang.L("Choose a currency from the list: its three-letter code, such as ZAR or KWD")})
	}
	shop.Calendar = app.WorkCalendar{Start: s.workStart.Text, End: s.workEnd.Text}
	for i, c := range s.days {
		shop.Calendar.Days[i] = c.Checked
	}
	for _, line := range strings.Fields(s.holidays.Text) {
		day, err := app.ParseDay(line)
		if err != nil {
			bad = append(bad, app.FieldError{Field: "calendar.holidays", Code: app.CodeInvalid,
				Message: lang.L("Write each holiday as YYYY-MM-DD on its own line")})
			break
		}
		shop.Calendar.Holidays = append(shop.Calendar.Holidays, day)
	}
	large, err := shop.Currency.ParseMoney(strings.ReplaceAll(strings.TrimSpace(s.largeOrder.Text), ",", ""))
	if strings.TrimSpace(s.largeOrder.Text) == "" {
		large, err = 0, nil
	}
	if err != nil {
		bad = append(bad, app.FieldError{Field: "policy.large_order", Code: app.CodeInvalid, Message: lang.L("Enter an amount like 5000.00")})
	}
	shop.Policy = app.Policy{RemoteAreas: strings.Split(s.remote.Text, "\n"), CutOff: s.cutoff.Text,
		QuantityFactor: number("policy.quantity_factor", s.factor), ReturnWindowDays: number("policy.return_window_days", s.returnDays),
		AutoCompleteDays: number("policy.auto_complete_days", s.completeDays), AutoConfirm: s.autoConfirm.Checked,
		SecondCheck: s.secondCheck.Checked, VerifyPicks: s.verifyPicks.Checked, CompleteOnSignOff: s.completeOnSignOff.Checked,
		LargeOrder: large, MaxDiscountPercent: number("policy.max_discount_percent", s.maxDiscount),
		Coupons: strings.Split(s.coupons.Text, "\n"), ContactWithinMinutes: number("policy.contact_within_minutes", s.contactMinutes)}
	shop.DocumentLanguage = []string{"", "en", "zh"}[max(s.docLanguage.SelectedIndex(), 0)]
	shop.Paper = []string{app.PaperA4, app.PaperLetter}[max(s.paper.SelectedIndex(), 0)]
	return shop, bad
}

// newCurrencyEntry is where the shop's currency is typed: some 150 codes
// are too many to scroll through, so the list under the entry holds the
// codes that start with what has been typed ("K" lists KES to KZT). Once
// the entry holds a whole code the list offers every code again, to change
// it.
func newCurrencyEntry() *widget.SelectEntry {
	codes := app.CurrencyCodes()
	e := widget.NewSelectEntry(codes)
	e.SetPlaceHolder(lang.L("Type a code such as ZAR, or pick one from the list"))
	e.OnChanged = func(text string) { e.SetOptions(currencyChoices(codes, text)) }
	return e
}

// currencyChoices are the codes starting with what was typed; all of them
// when nothing was, or when a whole code was; none when nothing matches.
func currencyChoices(codes []string, typed string) []string {
	typed = strings.ToUpper(strings.TrimSpace(typed))
	if typed == "" || slices.Contains(codes, typed) {
		return codes
	}
	var match []string
	for _, c := range codes {
		if strings.HasPrefix(c, typed) {
			match = append(match, c)
		}
	}
	return match
}

// chosenCurrency is the currency typed, if it is one the shop may pick:
// one offered, or the one the shop already has (which stays valid even
// if it is no longer offered).
func (s *SettingsScreen) chosenCurrency() (app.Currency, bool) {
	code := strings.ToUpper(strings.TrimSpace(s.currency.Text))
	if code != s.shop.Currency.Code && !slices.Contains(app.CurrencyCodes(), code) {
		return app.Currency{}, false
	}
	return app.LookupCurrency(code)
}

func (s *SettingsScreen) save() {
	shop, bad := s.Shop()
	for _, l := range s.errors {
		l.SetText("")
		l.Hide()
	}
	if len(bad) > 0 {
		s.showProblems(bad)
		return
	}
	s.background(func() {
		err := s.svc.SaveShop(s.ctx, shop)
		fyne.Do(func() {
			if v, ok := app.IsValidation(err); ok {
				s.showProblems(v.Fields)
				return
			}
			if err != nil {
				showError(errors.New(errorText(err)), s.win)
				return
			}
			s.shop = shop
			s.note.SetText(lang.L("Settings saved."))
		})
	})
}

func (s *SettingsScreen) showProblems(list []app.FieldError) {
	for _, p := range list {
		l, ok := s.errors[p.Field]
		if !ok {
			showError(&app.ValidationError{Fields: []app.FieldError{p}}, s.win)
			continue
		}
		l.SetText(strings.TrimSpace(l.Text + "\n" + problemWords(p)))
		l.Show()
	}
}

func (s *SettingsScreen) onLanguageChanged(string) {
	i := s.language.SelectedIndex()
	if i < 0 || Languages[i] == s.settings.Language() {
		return
	}
	s.settings.SetLanguage(Languages[i])
	s.note.SetText(lang.L("The new language applies when OrderDesk starts again."))
}

// newNote is a line of grey text that explains a part of a form.
func newNote(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.LowImportance
	return l
}
