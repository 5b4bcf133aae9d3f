package screens

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// orderColumn is one column of the order table.
type orderColumn struct {
	title string // translation key
	width float32
	sort  app.OrderSort // "" when the column does not sort
	value func(r app.OrderRow, cur app.Currency) string
}

func orderColumns() []orderColumn {
	return []orderColumn{
		// What a shop looks for first comes first: on a 1366×768 screen
		// number, date, customer, status and amount show without
		// scrolling sideways, beside the order's detail.
		{"Number", 120, app.SortNumber, func(r app.OrderRow, _ app.Currency) string { return r.Number }},
		{"Date", 140, app.SortOrderedAt, func(r app.OrderRow, _ app.Currency) string { return dateTime(r.OrderedAt) }},
		{"Customer", 160, app.SortCustomer, func(r app.OrderRow, _ app.Currency) string { return r.CustomerName }},
		{"Status", 130, app.SortStatus, func(r app.OrderRow, _ app.Currency) string { return statusText(r.Status) }},
		{"Amount", 110, app.SortPayable, func(r app.OrderRow, c app.Currency) string { return c.Format(r.Payable) }},
		{"Payment", 110, "", func(r app.OrderRow, _ app.Currency) string { return paymentStatusText(r.PaymentStatus) }},
		{"Channel", 100, "", func(r app.OrderRow, _ app.Currency) string { return channelText(r.Channel) }},
		{"Recipient", 140, "", func(r app.OrderRow, _ app.Currency) string { return r.RecipientName }},
	}
}

// OrderList is the order list: search box, filters, and a table
// that loads only the rows in view.
type OrderList struct {
	actions  *fyne.Container // buttons beside the search box, set by the shell
	svc      *app.Service
	ctx      context.Context
	pages    *pager[app.OrderRow]
	columns  []orderColumn
	currency app.Currency
	// onOpen shows the selected order beside the list, onNone says why
	// none is (the hint): the list's selection is the one place that
	// decides which order the detail, Print and the steps act on.
	onOpen func(orderID int64)
	onNone func(hint string)
	// shown is the selected order (UI goroutine), 0 for none: when the
	// rows change it stays selected if it is still among them. selected
	// is its row as the table last reported it, -1 for none.
	shown    int64
	selected int
	// fixed narrows every search (the Review and Fulfilment sections are
	// this list with their statuses fixed).
	fixed []app.Status

	search   *widget.Entry
	status   *widget.Select
	channel  *widget.Select
	from, to *widget.Entry
	count    *widget.Label
	table    *enterTable
	box      fyne.CanvasObject

	sort      app.OrderSort
	ascending bool
	debounce  typingPause
	// background runs database work off the UI goroutine; typingPause is
	// how long typing must stop before a search. Tests run both inline.
	background  func(func())
	typingPause time.Duration
}

// NewOrderList builds the list; onOpen is called with an order's ID when
// the user opens it. fixed, if any, limits the list to those statuses.
func NewOrderList(ctx context.Context, svc *app.Service, onOpen func(int64), fixed ...app.Status) *OrderList {
	l := &OrderList{svc: svc, ctx: ctx, columns: orderColumns(), onOpen: onOpen, fixed: fixed, sort: app.SortOrderedAt, selected: -1,
		background: func(f func()) { go f() }, typingPause: 250 * time.Millisecond}
	l.currency, _ = app.LookupCurrency("CNY")
	l.pages = newPager[app.OrderRow](func() { fyne.Do(l.table.Refresh) })

	l.search = widget.NewEntry()
	l.search.SetPlaceHolder(lang.L("Search number, customer, phone, SKU, tracking…"))
	l.search.OnChanged = func(string) { l.searchSoon() }
	l.search.OnSubmitted = func(string) { l.Reload() }

	all := lang.L("All")
	statuses := []string{all}
	for _, s := range l.offeredStatuses() {
		statuses = append(statuses, statusText(s))
	}
	l.status = newSelect(statuses, nil)
	l.status.SetSelectedIndex(0)
	channels := []string{all}
	for _, c := range app.Channels() {
		channels = append(channels, channelText(c))
	}
	l.channel = newSelect(channels, nil)
	l.channel.SetSelectedIndex(0)
	l.from, l.to = widget.NewEntry(), widget.NewEntry()
	l.from.SetPlaceHolder(lang.L("From YYYY-MM-DD"))
	l.to.SetPlaceHolder(lang.L("To YYYY-MM-DD"))
	l.from.Validator, l.to.Validator = validDate, validDate
	l.from.OnChanged = func(string) { l.searchSoon() }
	l.to.OnChanged = func(string) { l.searchSoon() }
	l.count = widget.NewLabel("")
	// Wired last: setting the first choice above must not search yet.
	l.status.OnChanged = func(string) { l.Reload() }
	l.channel.OnChanged = func(string) { l.Reload() }

	l.table = newEnterTable(l.size, l.createCell, l.updateCell)
	l.table.ShowHeaderColumn = false
	l.table.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("", nil) }
	l.table.UpdateHeader = l.updateHeader
	for i, c := range l.columns {
		l.table.SetColumnWidth(i, c.width)
	}
	l.table.OnSelected = l.onSelected
	l.table.OnUnselected = func(widget.TableCellID) { l.selected = -1 }

	dateBox := func(e *widget.Entry) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(180, e.MinSize().Height), e)
	}
	filters := container.NewHBox(l.status, l.channel, dateBox(l.from), dateBox(l.to), l.count)
	l.actions = container.NewHBox()
	l.box = container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, l.actions, l.search), filters),
		nil, nil, nil, l.table)
	return l
}

// Content is the screen's widget tree.
func (l *OrderList) Content() fyne.CanvasObject { return l.box }

// FocusSearch puts the cursor in the search box (Ctrl+F).
func (l *OrderList) FocusSearch(c fyne.Canvas) { c.Focus(l.search) }

func (l *OrderList) offeredStatuses() []app.Status {
	if len(l.fixed) > 0 {
		return l.fixed
	}
	return app.Statuses()
}

// searchSoon waits for typing to pause before searching.
func (l *OrderList) searchSoon() {
	l.debounce.after(l.typingPause, l.Reload)
}

// Reload runs the search the widgets describe, in the background.
func (l *OrderList) Reload() {
	q := l.Query()
	l.background(func() {
		if err := l.Update(l.ctx, q); err != nil {
			fyne.Do(func() { l.count.SetText(lang.L("Search failed: ") + err.Error()) })
		}
	})
}

// Query is the search the widgets describe.
func (l *OrderList) Query() app.OrderQuery {
	q := app.OrderQuery{Text: strings.TrimSpace(l.search.Text), Sort: l.sort, Ascending: l.ascending}
	if i := l.status.SelectedIndex(); i > 0 {
		q.Statuses = []app.Status{l.offeredStatuses()[i-1]}
	} else {
		q.Statuses = l.fixed
	}
	if i := l.channel.SelectedIndex(); i > 0 {
		q.Channels = []app.Channel{app.Channels()[i-1]}
	}
	if t, err := parseDay(l.from.Text); err == nil && !t.IsZero() {
		q.From = t
	}
	if t, err := parseDay(l.to.Text); err == nil && !t.IsZero() {
		q.To = t.AddDate(0, 0, 1) // "to" includes the whole day
	}
	return q
}

// Update runs q and shows its first page; call it off the UI goroutine.
func (l *OrderList) Update(ctx context.Context, q app.OrderQuery) error {
	if shop, err := l.svc.Shop(ctx); err == nil {
		l.currency = shop.Currency
	}
	fetch := func(ctx context.Context, offset, limit int, withTotal bool) ([]app.OrderRow, int, error) {
		q.Offset, q.Limit, q.SkipTotal = offset, limit, !withTotal
		page, err := l.svc.SearchOrders(ctx, q)
		return page.Rows, page.Total, err
	}
	if err := l.pages.Search(ctx, fetch); err != nil {
		return err
	}
	n := l.pages.Len()
	fyne.Do(func() {
		l.count.SetText(lang.L("{{.Count}} orders", map[string]any{"Count": app.FormatCount(int64(n))}))
		l.table.UnselectAll()
		l.table.ScrollToTop()
		l.table.Refresh()
		l.selectAgain(n)
	})
	return nil
}

// selectAgain decides the selection once the rows changed (a search, a
// filter, a refresh, a new order): the order selected before if it is
// still listed, the only row if there is one, else none, and the detail
// says so; it never keeps showing an order the list no longer has.
func (l *OrderList) selectAgain(n int) {
	i, ok := l.pages.Find(func(r app.OrderRow) bool { return r.ID == l.shown })
	switch {
	case ok && l.shown != 0:
	case n == 1:
		i, ok = 0, true
	}
	if ok {
		// Selecting reads the order again: the step that changed the
		// rows may have changed it too.
		l.table.Select(widget.TableCellID{Row: i, Col: 0})
		return
	}
	l.shown = 0
	if l.onNone != nil {
		l.onNone(map[bool]string{true: lang.L("Nothing matches"), false: lang.L("Choose an order")}[n == 0])
	}
}

// Selected is the row the table has selected, if any.
func (l *OrderList) Selected() (app.OrderRow, bool) {
	if l.selected < 0 {
		return app.OrderRow{}, false
	}
	return l.pages.Row(l.ctx, l.selected)
}

// ShowOrder selects an order opened from elsewhere (a task, a new order,
// another section): every filter that could hide it is cleared and the
// search narrows to its number; once the rows are in, it is the
// selection and the detail shows it. Call it on the UI goroutine.
func (l *OrderList) ShowOrder(id int64, number string) {
	l.shown = id
	l.debounce.stop()
	// Quiet while the filters are set, so that one search runs, not one
	// per widget.
	search, from, to, status, channel := l.search.OnChanged, l.from.OnChanged, l.to.OnChanged, l.status.OnChanged, l.channel.OnChanged
	l.search.OnChanged, l.from.OnChanged, l.to.OnChanged, l.status.OnChanged, l.channel.OnChanged = nil, nil, nil, nil, nil
	l.status.SetSelectedIndex(0)
	l.channel.SetSelectedIndex(0)
	l.from.SetText("")
	l.to.SetText("")
	l.search.SetText(number)
	l.search.OnChanged, l.from.OnChanged, l.to.OnChanged, l.status.OnChanged, l.channel.OnChanged = search, from, to, status, channel
	l.Reload()
}

func (l *OrderList) size() (int, int) { return l.pages.Len(), len(l.columns) }

func (l *OrderList) createCell() fyne.CanvasObject {
	t := widget.NewLabel("")
	t.Truncation = fyne.TextTruncateEllipsis
	return t
}

func (l *OrderList) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	label := o.(*widget.Label)
	row, ok := l.pages.Row(l.ctx, id.Row)
	if !ok {
		label.SetText("…")
		return
	}
	label.SetText(l.columns[id.Col].value(row, l.currency))
}

func (l *OrderList) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 {
		return
	}
	c := l.columns[id.Col]
	text := lang.L(c.title)
	if c.sort != "" && c.sort == l.sort {
		text += map[bool]string{true: " ▲", false: " ▼"}[l.ascending]
	}
	b.SetText(text)
	if c.sort == "" {
		b.OnTapped = nil
		return
	}
	b.OnTapped = func() { l.SortBy(c.sort) }
}

// SortBy sorts by a column; a second tap on the same column reverses it.
func (l *OrderList) SortBy(s app.OrderSort) {
	if l.sort == s {
		l.ascending = !l.ascending
	} else {
		l.sort, l.ascending = s, s == app.SortCustomer || s == app.SortStatus
	}
	l.table.Refresh()
	l.Reload()
}

func (l *OrderList) onSelected(id widget.TableCellID) {
	row, ok := l.pages.Row(l.ctx, id.Row)
	if !ok {
		return
	}
	l.shown, l.selected = row.ID, id.Row
	if l.onOpen != nil {
		l.onOpen(row.ID)
	}
}

func validDate(s string) error {
	_, err := parseDay(s)
	return err
}

// parseDay reads a date as YYYY-MM-DD in local time; empty is no date.
func parseDay(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := app.ParseDay(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s", lang.L("Write the date as YYYY-MM-DD"))
	}
	return t, nil
}

// enterTable is a table where Enter opens the focused row, as Space does:
// a desk user moves with the arrow keys and opens with Enter.
type enterTable struct{ widget.Table }

func newEnterTable(length func() (int, int), create func() fyne.CanvasObject, update func(widget.TableCellID, fyne.CanvasObject)) *enterTable {
	t := &enterTable{}
	t.Length, t.CreateCell, t.UpdateCell = length, create, update
	t.ShowHeaderRow = true
	t.ExtendBaseWidget(t)
	return t
}

// TypedKey treats Enter and Return as Space, which selects the focused cell.
func (t *enterTable) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
		ev = &fyne.KeyEvent{Name: fyne.KeySpace}
	}
	t.Table.TypedKey(ev)
}
