package screens

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// OrderForm is order entry: customer, recipient and address, lines
// found by SKU, name or scanned barcode, money, delivery, invoice and
// notes. It can be keyed without a mouse: Enter moves to the next field,
// and Enter in the product box adds the line.
type OrderForm struct {
	ctx      context.Context
	svc      *app.Service
	win      fyne.Window
	currency app.Currency
	editing  *app.Order // nil for a new order
	saved    func(*app.Order)
	// background runs database work off the UI goroutine; typingPause is
	// how long typing must stop before a lookup. Tests run both inline.
	background  func(func())
	typingPause time.Duration

	customerID int64
	// customerText is what the customer box shows for the chosen
	// customer: the label, or an edited order's stored name.
	customerText string
	customers    []app.Customer
	products     []app.Product // the matches the product box offers
	lines        []formLine
	// pristine is the form as opened, to tell whether closing loses work.
	pristine string
	// checked is set once saving showed problems: from then on the form
	// checks again as the user types, so a mended field loses its error.
	checked, checkedSubmit bool

	customerPause, productPause, checkPause typingPause

	customer                                            *suggestEntry
	platformID, contact, recipient, phone               *widget.Entry
	province, city, district, street, postcode, country *widget.Entry
	product                                             *suggestEntry
	shipping, coupon, discount, timeSlot, expected      *widget.Entry
	taxTitle, taxID, special, notes                     *widget.Entry
	noPrices                                            *widget.Check // a gift: no money on the packing slip
	channel, method, urgency, invoiceType               *widget.Select
	lineBox                                             *fyne.Container
	totals                                              *widget.Label
	errors                                              map[string]*widget.Label
	box                                                 fyne.CanvasObject
	focusOrder                                          []fyne.Focusable
}

// formLine is one line being entered.
type formLine struct {
	product              *app.Product
	qty, price, discount *widget.Entry
	subtotal, problem    *widget.Label
	row                  fyne.CanvasObject
}

// NewOrderForm builds the form for a new order, or for editing o.
func NewOrderForm(ctx context.Context, svc *app.Service, win fyne.Window, o *app.Order, saved func(*app.Order)) *OrderForm {
	f := &OrderForm{ctx: ctx, svc: svc, win: win, editing: o, saved: saved, errors: map[string]*widget.Label{},
		background: func(fn func()) { go fn() }, typingPause: 250 * time.Millisecond}
	f.currency, _ = app.LookupCurrency("CNY")
	f.build()
	f.pristine = f.snapshot()
	// win is the form's own window: closing it must not lose typed work.
	win.SetCloseIntercept(f.RequestClose)
	return f
}

// Content is the form's widget tree.
func (f *OrderForm) Content() fyne.CanvasObject { return f.box }

// FocusFirst puts the cursor in the customer box, where keying starts.
func (f *OrderForm) FocusFirst(c fyne.Canvas) { c.Focus(f.customer) }

// LoadShop reads the shop's currency and fills in the order being
// edited; call it off the UI goroutine before the form is used.
func (f *OrderForm) LoadShop(ctx context.Context) error {
	shop, err := f.svc.Shop(ctx)
	if err != nil {
		return err
	}
	fyne.Do(func() {
		untouched := f.snapshot() == f.pristine
		f.currency = shop.Currency
		if f.editing != nil {
			f.fill(f.editing)
		} else if f.country.Text == "" {
			f.country.SetText(shop.Country)
		}
		f.recalculate()
		if untouched { // what loading filled in is not the user's work
			f.pristine = f.snapshot()
		}
	})
	return nil
}

func (f *OrderForm) build() {
	entry := func(placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(placeholder)
		return e
	}
	f.customer = newSuggestEntry()
	f.customer.SetPlaceHolder(lang.L("Type a name or phone…"))
	f.customer.OnChanged = f.onCustomerTyped
	f.customer.OnChosen = func(i int) {
		if i < len(f.customers) {
			f.customer.SetText(customerLabel(f.customers[i])) // chooses the customer
			f.focus(f.recipient)
		}
	}
	f.contact = widget.NewEntry()
	f.platformID = widget.NewEntry()
	channels := app.Channels()
	names := make([]string, len(channels))
	for i, c := range channels {
		names[i] = channelText(c)
	}
	f.channel = newSelect(names, nil)
	f.channel.SetSelectedIndex(slicesIndex(channels, app.ChannelPhone))
	f.recipient, f.phone = entry(lang.L("Recipient")), entry(lang.L("Phone"))
	f.province, f.city, f.district = entry(lang.L("Province / state")), entry(lang.L("City")), entry(lang.L("District"))
	f.street, f.postcode, f.country = entry(lang.L("Street and number")), entry(lang.L("Postcode")), entry("CN")
	f.product = newSuggestEntry()
	f.product.SetPlaceHolder(lang.L("SKU, name or scan a barcode, then Enter"))
	f.product.OnChanged = f.onProductTyped
	f.product.OnSubmitted = f.onProductEntered
	f.product.OnChosen = func(i int) {
		if i < len(f.products) {
			p := f.products[i]
			f.addLine(&p, 1)
			f.product.SetText("")
		}
	}
	f.lineBox = container.NewVBox()
	f.shipping, f.coupon, f.discount = entry("0.00"), entry(lang.L("Coupon code")), entry("0.00")
	for _, e := range []*widget.Entry{f.shipping, f.discount} {
		e.OnChanged = func(string) { f.recalculate() }
	}
	methods := app.PaymentMethods()
	mnames := make([]string, len(methods))
	for i, m := range methods {
		mnames[i] = methodText(m)
	}
	f.method = newSelect(mnames, nil)
	f.urgency = newSelect([]string{lang.L("Standard"), lang.L("Urgent")}, nil)
	f.urgency.SetSelectedIndex(0)
	f.timeSlot, f.expected = entry(lang.L("e.g. weekdays 9–12")), entry("YYYY-MM-DD")
	f.invoiceType = newSelect([]string{lang.L("No invoice"), lang.L("Normal invoice"), lang.L("VAT special invoice")}, nil)
	f.invoiceType.SetSelectedIndex(0)
	f.taxTitle, f.taxID = entry(lang.L("Invoice title")), entry(lang.L("Tax id"))
	f.special, f.notes = widget.NewMultiLineEntry(), widget.NewMultiLineEntry()
	f.special.SetPlaceHolder(lang.L("e.g. moisture-proof packing"))
	f.special.SetMinRowsVisible(2)
	f.noPrices = widget.NewCheck(lang.L("A gift: no prices on the packing slip"), nil)
	f.notes.SetMinRowsVisible(2)
	f.totals = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})

	field := func(label string, key string, o fyne.CanvasObject) *widget.FormItem {
		problem := widget.NewLabel("")
		problem.Importance = widget.DangerImportance
		problem.Wrapping = fyne.TextWrapWord
		problem.Hide()
		f.errors[key] = problem
		return widget.NewFormItem(label, container.NewVBox(o, problem))
	}
	addressRow := container.NewGridWithColumns(3, f.province, f.city, f.district)
	form := widget.NewForm(
		field(lang.L("Channel"), "channel", f.channel),
		field(lang.L("Platform order"), "platform_order_id", f.platformID),
		field(lang.L("Customer"), "customer", container.NewBorder(nil, nil, nil,
			widget.NewButton(lang.L("New customer…"), f.newCustomer), f.customer)),
		field(lang.L("Recipient"), "recipient.name", f.recipient),
		field(lang.L("Phone"), "recipient.phone", f.phone),
		field(lang.L("Address"), "address.city", addressRow),
		field(lang.L("Street and number"), "address.street", f.street),
		field(lang.L("Postcode / country"), "address.country", container.NewGridWithColumns(2, f.postcode, f.country)),
		field(lang.L("Add product"), "lines", f.product),
		widget.NewFormItem("", f.lineBox),
		field(lang.L("Shipping"), "shipping_fee", f.shipping),
		field(lang.L("Coupon"), "coupon_code", container.NewGridWithColumns(2, f.coupon, f.discount)),
		field(lang.L("Payment method"), "payment_method", f.method),
		field(lang.L("Delivery"), "delivery.urgency", container.NewGridWithColumns(3, f.urgency, f.timeSlot, f.expected)),
		field(lang.L("Special request"), "special_request", f.special),
		field(lang.L("Packing slip"), "no_prices", f.noPrices),
		field(lang.L("Invoice"), "invoice.type", container.NewGridWithColumns(3, f.invoiceType, f.taxTitle, f.taxID)),
		field(lang.L("Notes"), "notes", f.notes),
	)
	// Errors on fields that share a row show under that row.
	for _, alias := range [][2]string{{"address.province", "address.city"}, {"address.district", "address.city"},
		{"address.postcode", "address.country"}, {"order_discount", "coupon_code"}, {"delivery.time_slot", "delivery.urgency"},
		{"invoice.title", "invoice.type"}, {"invoice.tax_id", "invoice.type"}, {"contact", "customer"}, {"ordered_at", "channel"}} {
		f.errors[alias[0]] = f.errors[alias[1]]
	}
	draft := widget.NewButton(lang.L("Save draft"), func() { f.save(false) })
	submit := widget.NewButton(lang.L("Submit for review"), func() { f.save(true) })
	submit.Importance = widget.HighImportance
	f.focusOrder = []fyne.Focusable{f.platformID, f.customer, f.recipient, f.phone, f.province, f.city, f.district,
		f.street, f.postcode, f.country, f.product, f.shipping, f.coupon, f.discount, f.timeSlot, f.expected,
		f.taxTitle, f.taxID}
	for i, w := range f.focusOrder {
		next := submit
		if i+1 < len(f.focusOrder) {
			n := f.focusOrder[i+1]
			f.onEnter(w, func() { f.focus(n) })
			continue
		}
		f.onEnter(w, func() { f.focus(next) })
	}
	f.box = container.NewBorder(nil, container.NewHBox(f.totals, layout.NewSpacer(), draft, submit), nil, nil,
		container.NewVScroll(form))
	for _, e := range []*widget.Entry{f.platformID, f.contact, f.recipient, f.phone, f.province, f.city, f.district,
		f.street, f.postcode, f.country, f.shipping, f.coupon, f.discount, f.timeSlot, f.expected, f.taxTitle, f.taxID,
		f.special, f.notes} {
		then := e.OnChanged
		e.OnChanged = func(s string) {
			if then != nil {
				then(s)
			}
			f.edited()
		}
	}
	for _, s := range []*widget.Select{f.channel, f.method, f.urgency, f.invoiceType} {
		s.OnChanged = func(string) { f.edited() }
	}
	// Escape with no field focused is the window's close, asked the same.
	f.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape && f.win.Canvas().Overlays().Top() == nil {
			f.RequestClose()
		}
	})
}

// snapshot is what the user has entered, to tell whether closing would
// lose any of it. Text typed in the product box is a search, not work.
func (f *OrderForm) snapshot() string {
	var b strings.Builder
	for _, e := range []*widget.Entry{&f.customer.Entry, f.platformID, f.contact, f.recipient, f.phone, f.province,
		f.city, f.district, f.street, f.postcode, f.country, f.shipping, f.coupon, f.discount, f.timeSlot, f.expected,
		f.taxTitle, f.taxID, f.special, f.notes} {
		b.WriteString(e.Text)
		b.WriteByte(0)
	}
	for _, s := range []*widget.Select{f.channel, f.method, f.urgency, f.invoiceType} {
		fmt.Fprint(&b, s.SelectedIndex(), "\x00")
	}
	fmt.Fprint(&b, f.noPrices.Checked, "\x00")
	for _, l := range f.lines {
		fmt.Fprint(&b, l.product.ID, "\x00", l.qty.Text, "\x00", l.price.Text, "\x00", l.discount.Text, "\x00")
	}
	return b.String()
}

// RequestClose closes the form's window, first asking whether to discard
// what was typed when anything was: the window's close button and Escape
// come here.
func (f *OrderForm) RequestClose() {
	if f.snapshot() == f.pristine {
		f.win.Close()
		return
	}
	askDiscard(f.win, func(discard bool) {
		if discard {
			f.win.Close()
		}
	})
}

// edited checks the form again once typing pauses, after saving showed
// problems: a mended field loses its error, one still wrong keeps it.
func (f *OrderForm) edited() {
	if f.checked {
		f.checkPause.after(f.typingPause, f.recheck)
	}
}

func (f *OrderForm) recheck() {
	in, bad := f.Input()
	var id int64
	if f.editing != nil {
		id = f.editing.ID
	}
	submit := f.checkedSubmit
	f.background(func() {
		err := f.svc.CheckOrder(f.ctx, id, in, submit)
		fyne.Do(func() {
			v, invalid := app.IsValidation(err)
			if !f.checked || (err != nil && !invalid) {
				return // saved meanwhile, or the check could not run: keep what is shown
			}
			f.clearProblems()
			f.showProblems(bad)
			if !invalid {
				return
			}
			// A number that cannot be read reaches the service as zero:
			// its problem is the one typed, said once.
			var rest []app.FieldError
			for _, p := range v.Fields {
				if !slices.ContainsFunc(bad, func(b app.FieldError) bool { return b.Field == p.Field }) {
					rest = append(rest, p)
				}
			}
			f.showProblems(rest)
		})
	})
}

// onEnter sets what Enter does in an entry, keeping the product box's own
// handler (it adds a line first).
func (f *OrderForm) onEnter(w fyne.Focusable, next func()) {
	switch e := w.(type) {
	case *suggestEntry:
		if e == f.customer {
			// Enter with no match highlighted takes the best one, so a
			// customer is chosen without the mouse: "Emily" + Enter is
			// Emily Watson.
			e.OnSubmitted = func(string) {
				f.customerPause.stop()
				if f.customerID == 0 && len(f.customers) > 0 {
					f.customer.SetText(customerLabel(f.customers[0]))
				}
				next()
			}
		}
		// The product box's Enter adds a line (onProductEntered).
	case *widget.Entry:
		e.OnSubmitted = func(string) { next() }
	}
}

func (f *OrderForm) focus(w fyne.Focusable) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(f.box); c != nil {
		c.Focus(w)
	}
}

// onCustomerTyped offers matching customers by name, code or phone once
// typing pauses.
func (f *OrderForm) onCustomerTyped(text string) {
	if f.customerID != 0 && text == f.customerText {
		return // the chosen customer's own text: an edited order keeps its customer
	}
	for _, c := range f.customers {
		if customerLabel(c) == text {
			f.customerPause.stop()
			f.customer.SetOptions(nil)
			f.chooseCustomer(c)
			f.edited()
			return
		}
	}
	f.customerID = 0
	f.edited()
	if strings.TrimSpace(text) == "" {
		f.customerPause.stop()
		f.customer.SetOptions(nil)
		return
	}
	f.customerPause.after(f.typingPause, func() {
		f.background(func() {
			list, _, err := f.svc.FindCustomers(f.ctx, app.CustomerFilter{Text: text, Limit: 8})
			if err != nil {
				return // no suggestions; Save still says what is wrong
			}
			fyne.Do(func() {
				if f.customer.Text != text {
					return // typed on since: a newer lookup follows
				}
				f.customers = list
				opts := make([]string, len(list))
				for i, c := range list {
					opts[i] = customerLabel(c)
				}
				f.customer.SetOptions(opts)
			})
		})
	})
}

func customerLabel(c app.Customer) string {
	if c.Phone == "" {
		return c.Name
	}
	return c.Name + " · " + c.Phone
}

// chooseCustomer takes the customer and, where the form is still empty,
// their details as the recipient.
func (f *OrderForm) chooseCustomer(c app.Customer) {
	f.customerID, f.customerText = c.ID, customerLabel(c)
	// Only what the order's own limits accept is copied: a customer's
	// name may be longer than a recipient may be, and a value the form
	// would then refuse is worse than a field left for the user to fill.
	fits := func(v string, limit int) bool { return utf8.RuneCountInString(strings.TrimSpace(v)) <= limit }
	fill := func(e *widget.Entry, v string, limit int) {
		if e.Text == "" && fits(v, limit) {
			e.SetText(v)
		}
	}
	fill(f.recipient, c.Name, app.MaxPersonRunes)
	if c.Contact != "" && fits(c.Contact, app.MaxPersonRunes) {
		f.recipient.SetText(c.Contact)
	}
	fill(f.phone, c.Phone, math.MaxInt) // checked by the same rule for customers and orders
	fill(f.province, c.Address.Province, app.MaxRegionRunes)
	fill(f.city, c.Address.City, app.MaxRegionRunes)
	fill(f.district, c.Address.District, app.MaxRegionRunes)
	fill(f.street, c.Address.Street, app.MaxStreetRunes)
	fill(f.postcode, c.Address.Postcode, app.MaxPostcodeRunes)
	if c.Address.Country != "" {
		f.country.SetText(c.Address.Country)
	}
	if c.Kind == app.CustomerDealer && c.PaymentTermDays > 0 {
		f.method.SetSelectedIndex(slicesIndex(app.PaymentMethods(), app.PayCredit))
		f.channel.SetSelectedIndex(slicesIndex(app.Channels(), app.ChannelDealer))
	}
}

// newCustomer creates a customer inline from name, kind and phone. A
// refusal shows under its field and the dialog stays open with what was
// typed.
func (f *OrderForm) newCustomer() {
	name, phone := newDialogEntry(), newDialogEntry()
	name.SetText(f.customer.Text)
	kind := newSelect([]string{lang.X("kind.retail", "retail"), lang.X("kind.dealer", "dealer")}, nil)
	kind.SetSelectedIndex(0)
	d := newFormDialog(f.win, lang.L("New customer…"), lang.L("Save"), "customer.")
	form := widget.NewForm(d.item(lang.L("Name"), "name", name), d.item(lang.L("Kind"), "kind", kind),
		d.item(lang.L("Phone"), "phone", phone))
	nothing := func(app.FieldError) map[string]any { return nil }
	d.show(form, name, []fyne.Focusable{name, phone}, func() {
		c := &app.Customer{Name: name.Text, Phone: phone.Text, Kind: customerKinds[max(kind.SelectedIndex(), 0)]}
		d.working(true)
		f.background(func() {
			err := f.svc.SaveCustomer(f.ctx, c)
			fyne.Do(func() {
				if d.refused(err, nothing) {
					return
				}
				f.customers = append(f.customers, *c)
				f.customer.SetText(customerLabel(*c)) // chooses the customer
			})
		})
	})
}

// onProductTyped offers the products whose name, SKU or barcode starts
// with what is typed, once typing pauses. An exact SKU or barcode offers
// nothing: Enter adds it at once, as a scanner expects.
func (f *OrderForm) onProductTyped(text string) {
	text = strings.TrimSpace(text)
	if text == "" {
		f.productPause.stop()
		f.product.SetOptions(nil)
		return
	}
	f.productPause.after(f.typingPause, func() {
		f.background(func() {
			var list []app.Product
			_, err := f.svc.ProductByCode(f.ctx, text)
			if errors.Is(err, app.ErrNotFound) {
				list, _, err = f.svc.FindProducts(f.ctx, app.ProductFilter{Text: text, Limit: 8})
			}
			if err != nil && !errors.Is(err, app.ErrNotFound) {
				return // no suggestions; Enter says what is wrong
			}
			fyne.Do(func() {
				if strings.TrimSpace(f.product.Text) == text {
					f.offerProducts(list)
				}
			})
		})
	})
}

// onProductEntered adds the product typed or scanned when no suggestion
// is highlighted: an exact SKU or barcode at once, else the only product
// whose name or SKU starts so; several matches are listed with the first
// highlighted, so a second Enter takes it.
func (f *OrderForm) onProductEntered(text string) {
	text = strings.TrimSpace(text)
	f.productPause.stop()
	if text == "" {
		f.focus(f.shipping)
		return
	}
	f.background(func() {
		p, err := f.svc.ProductByCode(f.ctx, text)
		if errors.Is(err, app.ErrNotFound) {
			var list []app.Product
			list, _, err = f.svc.FindProducts(f.ctx, app.ProductFilter{Text: text, Limit: 8})
			if err == nil && len(list) == 1 {
				p = &list[0]
			} else if err == nil {
				fyne.Do(func() {
					if len(list) == 0 {
						f.showProblem("lines", lang.L("No product has the SKU, barcode or name {{.Text}}", map[string]any{"Text": text}))
						return
					}
					f.offerProducts(list)
					f.product.Highlight(0)
				})
				return
			}
		}
		fyne.Do(func() {
			if err != nil {
				f.showProblem("lines", errorText(err))
				return
			}
			f.addLine(p, 1)
			f.product.SetText("")
		})
	})
}

// offerProducts lists products under the product box.
func (f *OrderForm) offerProducts(list []app.Product) {
	f.products = list
	opts := make([]string, len(list))
	for i, p := range list {
		opts[i] = strings.TrimSpace(p.SKU + " · " + p.Name + " " + p.Spec)
	}
	f.product.SetOptions(opts)
}

// addLine adds a product, or one more of it when it is on the order
// already (a second scan of the same barcode).
func (f *OrderForm) addLine(p *app.Product, qty int64) {
	f.showProblem("lines", "")
	for _, l := range f.lines {
		if l.product.ID == p.ID {
			n, _ := strconv.ParseInt(strings.TrimSpace(l.qty.Text), 10, 64)
			l.qty.SetText(strconv.FormatInt(n+qty, 10))
			return
		}
	}
	l := formLine{product: p, qty: widget.NewEntry(), price: widget.NewEntry(), discount: widget.NewEntry(),
		subtotal: widget.NewLabel(""), problem: widget.NewLabel("")}
	l.qty.SetText(strconv.FormatInt(qty, 10))
	l.price.SetText(f.currency.FormatPlain(p.Price))
	l.discount.SetText(f.currency.FormatPlain(0))
	l.problem.Importance = widget.DangerImportance
	l.problem.Hide()
	for _, e := range []*widget.Entry{l.qty, l.price, l.discount} {
		e.OnChanged = func(string) { f.recalculate(); f.edited() }
		e.OnSubmitted = func(string) { f.focus(f.product) }
	}
	name := widget.NewLabel(p.SKU + "  " + p.Name + " " + p.Spec)
	name.Truncation = fyne.TextTruncateEllipsis
	var row *fyne.Container
	remove := widget.NewButton("✕", func() { f.removeLine(row) })
	numbers := container.NewGridWithColumns(4, l.qty, l.price, l.discount, l.subtotal)
	row = container.NewVBox(container.NewBorder(nil, nil, nil, remove, container.NewGridWithColumns(2, name, numbers)), l.problem)
	l.row = row
	if len(f.lines) == 0 {
		f.lineBox.Add(f.lineHeader())
	}
	f.lines = append(f.lines, l)
	f.lineBox.Add(row)
	f.recalculate()
	f.edited()
}

// lineHeader names the columns of the line rows.
func (f *OrderForm) lineHeader() fyne.CanvasObject {
	head := func(text string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	}
	numbers := container.NewGridWithColumns(4, head(lang.L("Qty")), head(lang.L("Unit price")),
		head(lang.L("Line discount")), head(lang.L("Subtotal")))
	// As wide as the rows' remove button, so the heads sit over their columns.
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(widget.NewButton("✕", nil).MinSize())
	return container.NewBorder(nil, nil, nil, spacer, container.NewGridWithColumns(2, head(lang.L("Product")), numbers))
}

func (f *OrderForm) removeLine(row fyne.CanvasObject) {
	for i, l := range f.lines {
		if l.row == row {
			f.lines = append(f.lines[:i], f.lines[i+1:]...)
			f.lineBox.Remove(row)
			if len(f.lines) == 0 {
				f.lineBox.RemoveAll() // the column heads go with the last line
			}
			break
		}
	}
	f.recalculate()
	f.edited()
}

// recalculate shows live totals from what is typed; unreadable numbers
// count as zero until Save names them.
func (f *OrderForm) recalculate() {
	var goods app.Money
	for _, l := range f.lines {
		line := app.OrderLine{Qty: f.int(l.qty), UnitPrice: f.money(l.price), Discount: f.money(l.discount)}
		l.subtotal.SetText(f.currency.Format(line.Subtotal()))
		goods += line.Subtotal()
	}
	payable := goods + f.money(f.shipping) - f.money(f.discount)
	f.totals.SetText(lang.L("Goods {{.Goods}} · payable {{.Payable}}", map[string]any{
		"Goods": f.currency.Format(goods), "Payable": f.currency.Format(payable)}))
}

func (f *OrderForm) money(e *widget.Entry) app.Money {
	if strings.TrimSpace(e.Text) == "" {
		return 0
	}
	m, err := f.currency.ParseMoney(e.Text)
	if err != nil {
		return 0
	}
	return m
}

func (f *OrderForm) int(e *widget.Entry) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(e.Text), 10, 64)
	return n
}

// Input reads the form into an order input, with the problems it found
// in typed numbers and dates (the service checks the rest).
func (f *OrderForm) Input() (app.OrderInput, []app.FieldError) {
	var bad []app.FieldError
	money := func(field string, e *widget.Entry) app.Money {
		if strings.TrimSpace(e.Text) == "" {
			return 0
		}
		m, err := f.currency.ParseMoney(e.Text)
		if err != nil {
			bad = append(bad, app.FieldError{Field: field, Code: app.CodeInvalid, Message: lang.L("Enter the amount like 12.50")})
		}
		return m
	}
	in := app.OrderInput{
		Channel: app.Channels()[max(f.channel.SelectedIndex(), 0)], PlatformOrderID: f.platformID.Text,
		CustomerID: f.customerID, Contact: f.contact.Text, RecipientName: f.recipient.Text, RecipientPhone: f.phone.Text,
		Address: app.Address{Province: f.province.Text, City: f.city.Text, District: f.district.Text, Street: f.street.Text,
			Postcode: f.postcode.Text, Country: strings.ToUpper(strings.TrimSpace(f.country.Text))},
		ShippingFee: money("shipping_fee", f.shipping), CouponCode: f.coupon.Text, OrderDiscount: money("order_discount", f.discount),
		SpecialRequest: f.special.Text, Notes: f.notes.Text, NoPrices: f.noPrices.Checked,
		Delivery: app.Delivery{Urgency: []app.Urgency{app.UrgencyStandard, app.UrgencyUrgent}[max(f.urgency.SelectedIndex(), 0)],
			TimeSlot: f.timeSlot.Text},
		Invoice: app.InvoiceRequest{Type: []app.InvoiceType{app.InvoiceNone, app.InvoiceNormal, app.InvoiceVATSpec}[max(f.invoiceType.SelectedIndex(), 0)],
			Title: f.taxTitle.Text, TaxID: f.taxID.Text},
	}
	if i := f.method.SelectedIndex(); i >= 0 {
		in.PaymentMethod = app.PaymentMethods()[i]
	}
	if t, err := parseDay(f.expected.Text); err != nil {
		bad = append(bad, app.FieldError{Field: "delivery.urgency", Code: app.CodeInvalid, Message: err.Error()})
	} else {
		in.Delivery.ExpectedDate = t
	}
	if f.editing != nil {
		in.OrderedAt = f.editing.OrderedAt
	}
	for i, l := range f.lines {
		field := fmt.Sprintf("lines[%d]", i)
		qty, err := strconv.ParseInt(strings.TrimSpace(l.qty.Text), 10, 64)
		if err != nil {
			bad = append(bad, app.FieldError{Field: field + ".qty", Code: app.CodeInvalid, Message: lang.L("Enter a whole number of units")})
		}
		price := money(field+".unit_price", l.price)
		in.Lines = append(in.Lines, app.LineInput{ProductID: l.product.ID, Qty: qty, UnitPrice: &price,
			Discount: money(field+".discount", l.discount)})
	}
	return in, bad
}

// save stores the order (as a draft, or submitted for review) and shows
// every problem beside its field.
func (f *OrderForm) save(submit bool) {
	in, bad := f.Input()
	f.clearProblems()
	f.checkPause.stop()
	f.checked, f.checkedSubmit = false, submit
	if len(bad) > 0 {
		f.showProblems(bad)
		f.checked = true
		return
	}
	f.background(func() {
		var o *app.Order
		var err error
		if f.editing == nil {
			o, err = f.svc.CreateOrder(f.ctx, in, submit)
		} else {
			o, err = f.svc.UpdateOrder(f.ctx, f.editing.ID, f.editing.Version, in)
			if err == nil && submit && o.Status == app.StatusDraft {
				o, err = f.svc.Submit(f.ctx, o.ID)
			}
		}
		fyne.Do(func() {
			if v, ok := app.IsValidation(err); ok {
				f.showProblems(v.Fields)
				f.checked = true
				return
			}
			if err != nil {
				msg := err.Error()
				if errors.Is(err, app.ErrConflict) {
					msg = lang.L("Someone else changed this order since you opened it. Close the form and open the order again.")
				}
				showError(errors.New(msg), f.win)
				return
			}
			f.editing = o
			f.pristine = f.snapshot() // saved: closing loses nothing now
			if f.saved != nil {
				f.saved(o)
			}
		})
	})
}

func (f *OrderForm) clearProblems() {
	for _, l := range f.errors {
		l.SetText("")
		l.Hide()
	}
	for _, l := range f.lines {
		l.problem.SetText("")
		l.problem.Hide()
	}
}

func (f *OrderForm) showProblems(list []app.FieldError) {
	for _, p := range list {
		msg := problemWords(p)
		if i, ok := lineIndex(p.Field); ok && i < len(f.lines) {
			l := f.lines[i].problem
			l.SetText(strings.TrimSpace(l.Text + "\n" + msg))
			l.Show()
			continue
		}
		f.showProblem(p.Field, msg)
	}
}

// showProblem puts a message under a field (empty clears it); fields
// without their own place use the lines' place.
func (f *OrderForm) showProblem(field, msg string) {
	l, ok := f.errors[field]
	if !ok {
		l = f.errors["lines"]
	}
	if msg == "" {
		l.SetText("")
		l.Hide()
		return
	}
	l.SetText(strings.TrimSpace(l.Text + "\n" + msg))
	l.Show()
}

// lineIndex reads "lines[3].qty" as 3.
func lineIndex(field string) (int, bool) {
	rest, ok := strings.CutPrefix(field, "lines[")
	if !ok {
		return 0, false
	}
	n, _, ok := strings.Cut(rest, "]")
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(n)
	return i, err == nil
}

// fill shows an existing order for editing.
func (f *OrderForm) fill(o *app.Order) {
	f.customerID, f.customerText = o.CustomerID, o.CustomerName
	f.customer.SetText(o.CustomerName)
	f.channel.SetSelectedIndex(slicesIndex(app.Channels(), o.Channel))
	f.platformID.SetText(o.PlatformOrderID)
	f.contact.SetText(o.Contact)
	f.recipient.SetText(o.RecipientName)
	f.phone.SetText(o.RecipientPhone)
	a := o.Address
	for _, p := range []struct {
		e *widget.Entry
		v string
	}{{f.province, a.Province}, {f.city, a.City}, {f.district, a.District}, {f.street, a.Street},
		{f.postcode, a.Postcode}, {f.country, a.Country}, {f.coupon, o.CouponCode}, {f.timeSlot, o.Delivery.TimeSlot},
		{f.taxTitle, o.Invoice.Title}, {f.taxID, o.Invoice.TaxID}, {f.special, o.SpecialRequest}, {f.notes, o.Notes}} {
		p.e.SetText(p.v)
	}
	f.shipping.SetText(f.currency.FormatPlain(o.ShippingFee))
	f.discount.SetText(f.currency.FormatPlain(o.OrderDiscount))
	if !o.Delivery.ExpectedDate.IsZero() {
		f.expected.SetText(o.Delivery.ExpectedDate.Format("2006-01-02"))
	}
	f.method.SetSelectedIndex(slicesIndex(app.PaymentMethods(), o.PaymentMethod))
	f.noPrices.SetChecked(o.NoPrices)
	f.urgency.SetSelectedIndex(slicesIndex([]app.Urgency{app.UrgencyStandard, app.UrgencyUrgent}, o.Delivery.Urgency))
	f.invoiceType.SetSelectedIndex(slicesIndex([]app.InvoiceType{app.InvoiceNone, app.InvoiceNormal, app.InvoiceVATSpec}, o.Invoice.Type))
	for _, l := range o.Lines {
		p := &app.Product{ID: l.ProductID, SKU: l.SKU, Name: l.Name, Spec: l.Spec, Price: l.UnitPrice}
		f.addLine(p, l.Qty)
		line := f.lines[len(f.lines)-1]
		line.discount.SetText(f.currency.FormatPlain(l.Discount))
	}
}

func slicesIndex[T comparable](list []T, v T) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return -1
}
