package screens

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"log"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/reports"
)

// MoneyScreen is the money desk. Its Receivables tab lists what
// each customer owes, aged into buckets with the late fee to date; the
// chosen customer's open orders show below, with their statement and a
// payment to record. Its Invoices tab lists the invoices issued.
type MoneyScreen struct {
	ctx context.Context
	svc *app.Service
	win fyne.Window
	// background runs database work off the UI goroutine; tests run it
	// inline.
	background func(func())
	// now is the day the ageing is counted at; tests set it.
	now func() time.Time
	// period is the invoice filter's choice (see invoicePeriods); Update
	// reads it off the UI goroutine.
	period atomic.Int32

	// The rest belongs to the UI goroutine.
	currency    app.Currency
	asOf        time.Time
	owed        []owedCustomer
	chosen      string // the chosen customer's key, "" for none
	chosenOrder int64  // the chosen open order, 0 for none
	invoices    []app.Invoice
	// lastDocument is the last statement written to the documents
	// folder.
	lastDocument string

	summary, empty, title *widget.Label
	customers, orders     *widget.Table
	statement, pay        *widget.Button
	lateFee               *widget.Button

	periodSelect               *widget.Select
	invoiceCount, invoiceEmpty *widget.Label
	invoiceTable               *widget.Table
	tabs                       *container.AppTabs
}

// owedCustomer is one customer's open orders with their sums at asOf.
type owedCustomer struct {
	ID      int64 // 0: an order without a customer record, known by name
	Name    string
	Items   []app.Receivable // oldest due first
	Owed    app.Money
	Overdue app.Money
	Buckets [5]app.Money // not due, 1–30, 31–60, 61–90, over 90 days
	LateFee app.Money
}

func (c owedCustomer) key() string {
	if c.ID != 0 {
		return "#" + strconv.FormatInt(c.ID, 10)
	}
	return "name:" + c.Name
}

// ageingBuckets are app.Receivable's bucket names in the columns' order.
var ageingBuckets = [5]string{"not_due", "1_30", "31_60", "61_90", "over_90"}

// groupReceivables sums the open orders per customer at asOf, the most
// overdue customers first.
func groupReceivables(list []app.Receivable, asOf time.Time) []owedCustomer {
	index := map[string]int{}
	var out []owedCustomer
	for _, r := range list {
		c := owedCustomer{ID: r.CustomerID, Name: r.Customer}
		i, ok := index[c.key()]
		if !ok {
			i = len(out)
			index[c.key()] = i
			out = append(out, c)
		}
		g := &out[i]
		g.Items = append(g.Items, r)
		g.Owed += r.Outstanding
		g.LateFee += r.LateFee(asOf)
		if r.DaysOverdue(asOf) > 0 {
			g.Overdue += r.Outstanding
		}
		g.Buckets[slices.Index(ageingBuckets[:], r.Bucket(asOf))] += r.Outstanding
	}
	slices.SortStableFunc(out, func(a, b owedCustomer) int {
		return cmp.Or(cmp.Compare(b.Overdue, a.Overdue), cmp.Compare(b.Owed, a.Owed), cmp.Compare(a.Name, b.Name))
	})
	return out
}

// NewMoneyScreen builds the screen; Update loads it.
func NewMoneyScreen(ctx context.Context, svc *app.Service, win fyne.Window) *MoneyScreen {
	s := &MoneyScreen{ctx: ctx, svc: svc, win: win, now: time.Now, background: func(f func()) { go f() }}
	s.currency, _ = app.LookupCurrency("CNY")
	s.tabs = container.NewAppTabs(container.NewTabItem(lang.L("Receivables"), s.buildReceivables()),
		container.NewTabItem(lang.L("Invoices"), s.buildInvoices()))
	return s
}

// Content is the screen's widget tree.
func (s *MoneyScreen) Content() fyne.CanvasObject { return s.tabs }

// customerColumns are the receivables list's heads and widths: all of
// them, the last included, fit beside the sections in the first window
// (1280 wide); newHeadedTable widens a column whose head needs more.
func customerColumns() ([]string, []float32) {
	return []string{lang.L("Customer"), lang.L("Owed"), lang.L("Overdue"), lang.L("Not yet due"), lang.L("1–30 days"),
			lang.L("31–60 days"), lang.L("61–90 days"), lang.L("Over 90 days"), lang.L("Late fee to date")},
		[]float32{190, 110, 100, 100, 95, 95, 95, 100, 130}
}

// openOrderColumns are the chosen customer's open orders' heads and widths.
func openOrderColumns() ([]string, []float32) {
	return []string{lang.L("Order"), lang.L("Ordered"), lang.L("Due date"), lang.L("Days overdue"), lang.L("Outstanding"),
		lang.L("Late fee to date")}, []float32{130, 110, 110, 120, 120, 130}
}

func (s *MoneyScreen) buildReceivables() fyne.CanvasObject {
	bold := fyne.TextStyle{Bold: true}
	s.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, bold)
	s.empty = widget.NewLabel(lang.L("Nothing is owed: every order is paid."))
	s.empty.Hide()
	heads, widths := customerColumns()
	s.customers = newHeadedTable(heads, widths, func() (int, int) { return len(s.owed), len(widths) }, s.updateCustomerCell)
	s.customers.OnSelected = func(id widget.TableCellID) { s.chooseCustomer(id.Row) }

	s.title = widget.NewLabelWithStyle(lang.L("Choose a customer to see their open orders"), fyne.TextAlignLeading, bold)
	s.title.Truncation = fyne.TextTruncateEllipsis
	s.statement = widget.NewButtonWithIcon(lang.L("Statement…"), theme.DocumentPrintIcon(), s.statementMenu)
	s.pay = widget.NewButtonWithIcon(lang.L("Record payment…"), theme.ContentAddIcon(), s.askPayment)
	s.pay.Importance = widget.HighImportance
	s.lateFee = widget.NewButton(lang.L("Charge late fee…"), s.askLateFee)
	s.statement.Disable()
	s.pay.Disable()
	s.lateFee.Disable()
	orderHeads, orderWidths := openOrderColumns()
	s.orders = newHeadedTable(orderHeads, orderWidths, func() (int, int) { return len(s.chosenItems()), len(orderWidths) },
		s.updateOrderCell)
	s.orders.OnSelected = func(id widget.TableCellID) {
		if items := s.chosenItems(); id.Row < len(items) {
			s.chosenOrder = items[id.Row].OrderID
			s.pay.Enable()
			if items[id.Row].LateFee(s.now()) > 0 {
				s.lateFee.Enable()
			} else {
				s.lateFee.Disable()
			}
		}
	}
	top := container.NewBorder(container.NewVBox(s.summary, s.empty), nil, nil, nil, s.customers)
	bottom := container.NewBorder(container.NewBorder(nil, nil, nil, container.NewHBox(s.statement, s.lateFee, s.pay), s.title),
		nil, nil, nil, s.orders)
	split := container.NewVSplit(top, bottom)
	split.Offset = 0.5
	return split
}

// newHeadedTable is a table of labels under a row of bold heads.
func newHeadedTable(heads []string, widths []float32, length func() (int, int),
	update func(widget.TableCellID, *widget.Label)) *widget.Table {
	t := widget.NewTableWithHeaders(length, newCellLabel,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Alignment, l.Importance = fyne.TextAlignLeading, widget.MediumImportance
			update(id, l)
		})
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(heads) {
			o.(*widget.Label).SetText(heads[id.Col])
		}
	}
	for i, w := range widths {
		// A column is never narrower than its head, in any language.
		if i < len(heads) {
			w = max(w, widget.NewLabelWithStyle(heads[i], fyne.TextAlignLeading, fyne.TextStyle{Bold: true}).MinSize().Width)
		}
		t.SetColumnWidth(i, w)
	}
	return t
}

// Update reloads what is owed and the invoices of the chosen period; call
// it off the UI goroutine.
func (s *MoneyScreen) Update(ctx context.Context) error {
	shop, err := s.svc.Shop(ctx)
	if err != nil {
		return err
	}
	list, err := s.svc.Receivables(ctx, 0)
	if err != nil {
		return err
	}
	asOf := s.now()
	owed := groupReceivables(list, asOf)
	period := int(s.period.Load())
	invoices, err := s.loadInvoices(ctx, period, asOf)
	if err != nil {
		return err
	}
	fyne.Do(func() {
		s.currency, s.asOf, s.owed = shop.Currency, asOf, owed
		s.showReceivables()
		s.showInvoices(period, invoices)
	})
	return nil
}

// reload runs Update in the background.
func (s *MoneyScreen) reload() {
	s.background(func() {
		if err := s.Update(s.ctx); err != nil {
			log.Printf("money: %v", err)
			fyne.Do(func() {
				s.summary.SetText(lang.L("The shop could not be read: ") + errorText(err))
				s.summary.Show()
			})
		}
	})
}

func (s *MoneyScreen) showReceivables() {
	var total, overdue app.Money
	for _, c := range s.owed {
		total, overdue = total+c.Owed, overdue+c.Overdue
	}
	s.summary.SetText(lang.L("Customers owing: {{.Customers}} · owed {{.Owed}}, of which {{.Overdue}} overdue · as of {{.Date}}",
		map[string]any{"Customers": app.FormatCount(int64(len(s.owed))), "Owed": s.currency.Format(total),
			"Overdue": s.currency.Format(overdue), "Date": s.asOf.Local().Format("2006-01-02")}))
	s.summary.Hidden = len(s.owed) == 0
	s.empty.Hidden = len(s.owed) > 0
	s.customers.Refresh()
	// The chosen customer stays chosen while they owe anything.
	s.customers.UnselectAll()
	i := slices.IndexFunc(s.owed, func(c owedCustomer) bool { return c.key() == s.chosen })
	if i < 0 {
		s.showNoCustomer()
		return
	}
	s.customers.Select(widget.TableCellID{Row: i, Col: 0})
}

func (s *MoneyScreen) updateCustomerCell(id widget.TableCellID, l *widget.Label) {
	if id.Row >= len(s.owed) {
		l.SetText("")
		return
	}
	c := s.owed[id.Row]
	if id.Col == 0 {
		l.SetText(c.Name)
		return
	}
	l.Alignment = fyne.TextAlignTrailing
	var m app.Money
	switch id.Col {
	case 1:
		m = c.Owed
	case 2:
		m = c.Overdue
		if m > 0 {
			l.Importance = widget.WarningImportance
		}
	case 8:
		m = c.LateFee
	default:
		m = c.Buckets[id.Col-3]
		if id.Col >= 5 && m > 0 { // more than 30 days overdue
			l.Importance = widget.DangerImportance
		}
	}
	l.SetText(s.unlessZero(m))
}

// unlessZero is the amount, or nothing for none, so that what is owed
// stands out.
func (s *MoneyScreen) unlessZero(m app.Money) string {
	if m == 0 {
		return ""
	}
	return s.currency.Format(m)
}

// chosenCustomer is the customer whose orders show, if any.
func (s *MoneyScreen) chosenCustomer() (owedCustomer, bool) {
	i := slices.IndexFunc(s.owed, func(c owedCustomer) bool { return c.key() == s.chosen })
	if i < 0 {
		return owedCustomer{}, false
	}
	return s.owed[i], true
}

func (s *MoneyScreen) chosenItems() []app.Receivable {
	c, _ := s.chosenCustomer()
	return c.Items
}

// chooseCustomer shows row i's open orders, the chosen order again if it
// is still open, else the oldest.
func (s *MoneyScreen) chooseCustomer(i int) {
	if i < 0 || i >= len(s.owed) {
		return
	}
	c := s.owed[i]
	s.chosen = c.key()
	s.title.SetText(lang.L("{{.Customer}} · open orders: {{.Count}} · owed {{.Owed}}, {{.Overdue}} overdue · late fee {{.Fee}}",
		map[string]any{"Customer": c.Name, "Count": app.FormatCount(int64(len(c.Items))), "Owed": s.currency.Format(c.Owed),
			"Overdue": s.currency.Format(c.Overdue), "Fee": s.currency.Format(c.LateFee)}))
	s.statement.Enable()
	s.orders.Refresh()
	s.orders.UnselectAll()
	row := max(slices.IndexFunc(c.Items, func(r app.Receivable) bool { return r.OrderID == s.chosenOrder }), 0)
	s.orders.Select(widget.TableCellID{Row: row, Col: 0})
}

// showNoCustomer empties the lower pane.
func (s *MoneyScreen) showNoCustomer() {
	s.chosen, s.chosenOrder = "", 0
	s.title.SetText(lang.L("Choose a customer to see their open orders"))
	s.statement.Disable()
	s.pay.Disable()
	s.lateFee.Disable()
	s.orders.UnselectAll()
	s.orders.Refresh()
}

func (s *MoneyScreen) updateOrderCell(id widget.TableCellID, l *widget.Label) {
	items := s.chosenItems()
	if id.Row >= len(items) {
		l.SetText("")
		return
	}
	r := items[id.Row]
	switch id.Col {
	case 0:
		l.SetText(r.Number)
	case 1:
		l.SetText(r.OrderedAt.Local().Format("2006-01-02"))
	case 2:
		l.SetText(r.DueDate.Local().Format("2006-01-02"))
	case 3:
		l.Alignment = fyne.TextAlignTrailing
		days := r.DaysOverdue(s.asOf)
		l.SetText(daysOverdueText(days))
		switch {
		case days >= collectAfterDays:
			l.Importance = widget.DangerImportance
		case days > 0:
			l.Importance = widget.WarningImportance
		}
	case 4:
		l.Alignment = fyne.TextAlignTrailing
		l.SetText(s.currency.Format(r.Outstanding))
	default:
		l.Alignment = fyne.TextAlignTrailing
		l.SetText(s.unlessZero(r.LateFee(s.asOf)))
	}
}

// collectAfterDays is when an overdue order's collection call is due
// from then on its days overdue show in the danger colour.
const collectAfterDays = 15

func daysOverdueText(days int) string {
	if days <= 0 {
		return lang.L("not due")
	}
	return lang.L("{{.Days}} days", map[string]any{"Days": days})
}

// chosenReceivable is the open order the payment is for.
func (s *MoneyScreen) chosenReceivable() (app.Receivable, bool) {
	for _, r := range s.chosenItems() {
		if r.OrderID == s.chosenOrder {
			return r, true
		}
	}
	return app.Receivable{}, false
}

// statementMenu offers the chosen customer's statement of account: open
// it in the system's viewer to print, or save it elsewhere.
func (s *MoneyScreen) statementMenu() {
	c, ok := s.chosenCustomer()
	if !ok {
		return
	}
	asOf := s.asOf
	var dlg dialog.Dialog
	choice, open := printRow(s.win, s.background, "statements", func() pdfDocument { return s.statementDoc(c, asOf) },
		func() { dlg.Hide() }, func(path string) { s.lastDocument = path })
	save := widget.NewButton(lang.L("Save as…"), func() { dlg.Hide(); saveDocumentAs(s.win, s.background, s.statementDoc(c, asOf)) })
	about := widget.NewLabel(lang.L("{{.Customer}}'s open orders and what they owe as of {{.Date}}",
		map[string]any{"Customer": c.Name, "Date": asOf.Local().Format("2006-01-02")}))
	about.Wrapping = fyne.TextWrapWord
	dlg = dialog.NewCustom(lang.L("Statement of account"), lang.L("Close"),
		container.NewVBox(about, choice.box, container.NewGridWithColumns(2, open, save)), s.win)
	dlg.Resize(fyne.NewSize(440, dlg.MinSize().Height))
	dlg.Show()
}

// statementPDF renders a customer's statement at asOf in their document
// language: the shop's choice, else their country's.
func statementPDF(ctx context.Context, svc *app.Service, c owedCustomer, asOf time.Time) ([]byte, error) {
	shop, err := svc.Shop(ctx)
	if err != nil {
		return nil, err
	}
	customer := app.Customer{Name: c.Name}
	if c.ID != 0 {
		found, err := svc.Customer(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		customer = *found
	}
	list, err := svc.Receivables(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	var items []app.Receivable
	for _, r := range list {
		if r.CustomerID == c.ID && (c.ID != 0 || r.Customer == c.Name) {
			items = append(items, r)
		}
	}
	opt := reports.LetterOptions{Lang: reports.LangFor(shop, &app.Order{Address: customer.Address, CustomerLanguage: customer.DocumentLanguage}), Paper: reports.PaperFor("", shop),
		Now: svc.Now().Local()}
	v := reports.NewStatement(shop, customer, items, asOf.Local(), opt)
	if c.ID != 0 {
		// The last three months of the account, to the end of the day.
		day := asOf.Local()
		to := time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, time.Local)
		activity, err := svc.AccountActivity(ctx, c.ID, to.AddDate(0, -3, 0), to)
		if err != nil {
			return nil, err
		}
		v.SetActivity(shop, activity, opt.Lang)
	}
	var buf bytes.Buffer
	if err := reports.WriteStatement(&buf, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// statementName is the statement's file name: what, whose and when.
func statementName(c owedCustomer, asOf time.Time) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || unicode.IsControl(r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(c.Name))
	if rs := []rune(name); len(rs) > 60 {
		name = string(rs[:60])
	}
	return fmt.Sprintf("%s-%s-%s.pdf", lang.L("statement"), name, asOf.Local().Format("2006-01-02"))
}

// statementDoc is the customer's statement as a document to open or save.
func (s *MoneyScreen) statementDoc(c owedCustomer, asOf time.Time) pdfDocument {
	return pdfDocument{name: statementName(c, asOf), failed: lang.L("The statement could not be written: "),
		render: func() ([]byte, error) { return statementPDF(s.ctx, s.svc, c, asOf) }}
}
