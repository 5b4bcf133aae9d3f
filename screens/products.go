package screens

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// ProductScreen is Products & stock: the product list on the left;
// the chosen product's details, stock and ledger in tabs on the right.
// The Details tab is in productform.go, Stock and Ledger in
// productstock.go.
type ProductScreen struct {
	svc *app.Service
	ctx context.Context
	win fyne.Window

	pages *pager[productRow]
	// wanted is the search asked for last (the list may still show the
	// one before while it loads).
	wanted   app.ProductFilter
	wantedMu sync.Mutex
	// openID is the product on the right (0: none or a new one); Update
	// reads it off the UI goroutine.
	openID atomic.Int64

	// Set on the UI goroutine only.
	currency app.Currency
	places   []binPlace  // every bin, warehouse by warehouse, in walking order
	view     productView // what the right side shows

	search   *widget.Entry
	inactive *widget.Check
	count    *widget.Label
	table    *widget.Table
	title    *widget.Label
	hint     *widget.Label
	tabs     *container.AppTabs
	right    *fyne.Container
	form     *productForm
	stock    *stockTab
	ledger   *widget.Table
	// ledgerNote says when the ledger shows only the latest moves.
	ledgerNote *widget.Label
	// dialog is the receive or adjust dialog open now, if any.
	dialog *stockForm
	box    fyne.CanvasObject

	debounce typingPause
	// background runs database work off the UI goroutine; typingPause is
	// how long typing must stop before a search. Tests run both inline.
	background  func(func())
	typingPause time.Duration
}

// productView is one product with everything the tabs show about it.
type productView struct {
	product    app.Product
	alternates []string // their SKUs
	levels     []app.StockLevel
	sums       []app.StockSummary
	moves      []app.StockMove
}

// NewProductScreen builds the screen; call Update to fill it.
func NewProductScreen(ctx context.Context, svc *app.Service, win fyne.Window) *ProductScreen {
	s := &ProductScreen{svc: svc, ctx: ctx, win: win,
		background: func(f func()) { go f() }, typingPause: 250 * time.Millisecond}
	s.currency, _ = app.LookupCurrency("CNY")
	s.pages = newPager[productRow](func() { fyne.Do(s.table.Refresh) })
	s.pages.size = productPageSize
	s.pages.background = func(f func()) { s.background(f) }

	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(lang.L("Search SKU, barcode, name…"))
	s.search.OnChanged = func(string) { s.searchSoon() }
	s.search.OnSubmitted = s.onSearchSubmitted
	s.inactive = widget.NewCheck(lang.L("Show inactive"), func(bool) { s.Reload() })
	s.count = widget.NewLabel("")
	newButton := widget.NewButtonWithIcon(lang.L("New product"), theme.ContentAddIcon(), s.onNew)

	s.table = widget.NewTableWithHeaders(func() (int, int) { return s.pages.Len(), len(productColumns) },
		newCellLabel, s.updateCell)
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = newCellLabel
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(lang.L(productColumns[id.Col].title))
		}
	}
	for i, c := range productColumns {
		s.table.SetColumnWidth(i, c.width)
	}
	s.table.OnSelected = s.onSelected

	s.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.hint = widget.NewLabel(lang.L("Choose a product, scan its barcode, or make a new one."))
	s.hint.Wrapping = fyne.TextWrapWord
	s.form = newProductForm(s.win.Canvas(), s.onSave)
	s.stock = newStockTab(s.onReceive, s.onAdjust, s.onExpect, s.onPrintLabels)
	s.ledger = s.newLedgerTable()
	s.ledgerNote = widget.NewLabel("")
	s.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Details"), s.form.box),
		container.NewTabItem(lang.L("Stock"), s.stock.box),
		container.NewTabItem(lang.L("Ledger"), container.NewBorder(s.ledgerNote, nil, nil, nil, s.ledger)),
	)
	s.tabs.Hide()

	left := container.NewBorder(container.NewVBox(s.search,
		container.NewHBox(s.inactive, s.count, layout.NewSpacer(), newButton)), nil, nil, nil, s.table)
	s.right = container.NewBorder(container.NewVBox(s.title, s.hint), nil, nil, nil, s.tabs)
	split := container.NewHSplit(left, s.right)
	split.Offset = 0.45
	s.box = split
	return s
}

// Content is the screen's widget tree.
func (s *ProductScreen) Content() fyne.CanvasObject { return s.box }

// FocusSearch puts the cursor in the search box, ready for a scan.
func (s *ProductScreen) FocusSearch(c fyne.Canvas) { c.Focus(s.search) }

// Update reloads the list with the last search and the product shown, if
// any; call it off the UI goroutine.
func (s *ProductScreen) Update(ctx context.Context) error {
	if err := s.readShop(ctx); err != nil {
		return err
	}
	if err := s.runSearch(ctx, s.Wanted(), false); err != nil {
		return err
	}
	if id := s.openID.Load(); id != 0 {
		return s.load(ctx, id)
	}
	return nil
}

// Open shows a product, as if chosen in the list.
func (s *ProductScreen) Open(id int64) {
	s.openID.Store(id)
	s.background(func() {
		if err := s.load(s.ctx, id); err != nil {
			fyne.Do(func() { showError(err, s.win) })
		}
	})
}

// readShop reads the currency and the bins the stock dialogs offer.
func (s *ProductScreen) readShop(ctx context.Context) error {
	shop, err := s.svc.Shop(ctx)
	if err != nil {
		return err
	}
	whs, err := s.svc.Warehouses(ctx)
	if err != nil {
		return err
	}
	var places []binPlace
	for _, w := range whs {
		bins, err := s.svc.Bins(ctx, w.ID)
		if err != nil {
			return err
		}
		for _, b := range bins {
			places = append(places, binPlace{Bin: b, Warehouse: w.Code, Active: w.Active})
		}
	}
	fyne.Do(func() { s.currency, s.places = shop.Currency, places })
	return nil
}

// load reads one product with its stock and ledger, then shows it unless
// another product was chosen meanwhile. Call it off the UI goroutine.
func (s *ProductScreen) load(ctx context.Context, id int64) error {
	if err := s.readShop(ctx); err != nil {
		return err
	}
	p, err := s.svc.Product(ctx, id)
	if err != nil {
		return err
	}
	v := productView{product: *p}
	for _, a := range p.Alternates {
		alt, err := s.svc.Product(ctx, a)
		if err != nil {
			return err
		}
		v.alternates = append(v.alternates, alt.SKU)
	}
	if v.levels, err = s.svc.StockLevels(ctx, id); err != nil {
		return err
	}
	if v.sums, err = s.svc.StockSummaries(ctx, id); err != nil {
		return err
	}
	if v.moves, err = s.svc.StockMoves(ctx, app.MoveFilter{ProductID: id, Limit: ledgerLimit}); err != nil {
		return err
	}
	fyne.Do(func() {
		if s.openID.Load() == id {
			s.show(v)
		}
	})
	return nil
}

// show puts a product on the right; a new one (ID 0) has no stock yet.
func (s *ProductScreen) show(v productView) {
	same := v.product.ID != 0 && v.product.ID == s.view.product.ID && v.product.Version == s.view.product.Version
	s.view = v
	if s.tabs.Hidden {
		s.hint.Hide()
		s.tabs.Show()
		s.right.Refresh() // lays it out again without the hint
	}
	if v.product.ID == 0 {
		s.title.SetText(lang.L("New product"))
		s.tabs.SelectIndex(0)
		s.tabs.DisableIndex(1)
		s.tabs.DisableIndex(2)
	} else {
		s.title.SetText(v.product.SKU + "  " + v.product.Name)
		s.tabs.EnableIndex(1)
		s.tabs.EnableIndex(2)
	}
	// The same version again (after a stock change, or a refresh) keeps
	// what the user is typing; a saved or another product replaces it.
	if !same {
		s.form.fill(v.product, v.alternates, s.currency)
	}
	s.showStock()
	s.ledgerNote.SetText(lang.L("The latest {{.Count}} moves, newest first", map[string]any{"Count": len(v.moves)}))
	s.ledgerNote.Hidden = len(v.moves) < ledgerLimit
	s.ledger.Refresh()
}

// searchSoon waits for typing to pause before searching.
func (s *ProductScreen) searchSoon() {
	s.debounce.after(s.typingPause, s.Reload)
}

// Reload runs the search the widgets describe, from the top.
func (s *ProductScreen) Reload() {
	f := s.filter()
	s.background(func() { s.searchOrSay(f, true) })
}

func (s *ProductScreen) filter() app.ProductFilter {
	return app.ProductFilter{Text: strings.TrimSpace(s.search.Text), IncludeInactive: s.inactive.Checked}
}

func (s *ProductScreen) searchOrSay(f app.ProductFilter, fromTop bool) {
	if err := s.runSearch(s.ctx, f, fromTop); err != nil {
		fyne.Do(func() { s.count.SetText(lang.L("Search failed: ") + err.Error()) })
	}
}

// runSearch loads the first page of a search and shows its count; off the
// UI goroutine. fromTop is false when figures changed under the same
// search, so the user keeps their place in the list.
func (s *ProductScreen) runSearch(ctx context.Context, f app.ProductFilter, fromTop bool) error {
	s.wantedMu.Lock()
	s.wanted = f
	s.wantedMu.Unlock()
	if err := s.pages.Search(ctx, s.productsFor(f)); err != nil {
		return err
	}
	n := s.pages.Len()
	fyne.Do(func() {
		s.count.SetText(lang.L("{{.Count}} products", map[string]any{"Count": app.FormatCount(int64(n))}))
		if fromTop {
			s.table.UnselectAll()
			s.table.ScrollToTop()
		}
		s.table.Refresh()
	})
	return nil
}

// onSearchSubmitted is Enter in the search box: what a barcode scanner
// types after a code. A code that names a product opens it at once.
func (s *ProductScreen) onSearchSubmitted(text string) {
	s.debounce.stop()
	f := s.filter()
	code := strings.TrimSpace(text)
	s.background(func() {
		s.searchOrSay(f, true)
		if code == "" {
			return
		}
		p, err := s.svc.ProductByCode(s.ctx, code)
		if err != nil {
			return // not a whole code: the list shows what starts with it
		}
		s.openID.Store(p.ID)
		if err := s.load(s.ctx, p.ID); err != nil {
			fyne.Do(func() { showError(err, s.win) })
			return
		}
		// Selected, so the next scan replaces the code instead of
		// adding to it.
		fyne.Do(func() { s.search.TypedShortcut(&fyne.ShortcutSelectAll{}) })
	})
}

func (s *ProductScreen) onSelected(id widget.TableCellID) {
	if row, ok := s.pages.Row(s.ctx, id.Row); ok && row.ID != s.openID.Load() {
		s.Open(row.ID)
	}
}

// onPrintLabels offers barcode labels for the product shown.
func (s *ProductScreen) onPrintLabels() {
	if s.view.product.ID != 0 {
		askProductLabels(s.svc, s.win, s.background, s.view.product, 1)
	}
}

func (s *ProductScreen) onNew() {
	s.openID.Store(0)
	s.table.UnselectAll()
	s.show(productView{product: app.Product{Active: true}})
	s.win.Canvas().Focus(s.form.fields[0].entry)
}

// productColumn is one column of the product list.
type productColumn struct {
	title string // translation key
	width float32
	value func(r productRow, cur app.Currency) string
}

var productColumns = []productColumn{
	{"SKU", 130, func(r productRow, _ app.Currency) string { return r.SKU }},
	{"Name", 170, func(r productRow, _ app.Currency) string { return r.Name }},
	{"Spec", 110, func(r productRow, _ app.Currency) string { return r.Spec }},
	{"Price", 90, func(r productRow, c app.Currency) string { return c.Format(r.Price) }},
	{"Available", 80, func(r productRow, _ app.Currency) string { return strconv.FormatInt(r.Available, 10) }},
}

func newCellLabel() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func (s *ProductScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	label := o.(*widget.Label)
	row, ok := s.pages.Row(s.ctx, id.Row)
	label.Importance = widget.MediumImportance
	if !ok {
		label.SetText("…")
		return
	}
	if !row.Active {
		label.Importance = widget.LowImportance
	}
	label.SetText(productColumns[id.Col].value(row, s.currency))
}

// productPageSize is how many products one query loads; a screenful is
// about 30.
const productPageSize = 50

// productRow is a product as the list shows it.
type productRow struct {
	app.Product
	Available int64 // over every warehouse
}

// productsFor reads a search a page at a time, with each product's
// available stock.
func (s *ProductScreen) productsFor(f app.ProductFilter) fetchPage[productRow] {
	return func(ctx context.Context, offset, limit int, _ bool) ([]productRow, int, error) {
		f.Limit, f.Offset = limit, offset
		return s.fetchProducts(ctx, f)
	}
}

func (s *ProductScreen) fetchProducts(ctx context.Context, f app.ProductFilter) ([]productRow, int, error) {
	list, total, err := s.svc.FindProducts(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	rows := make([]productRow, len(list))
	for i, prod := range list {
		rows[i].Product = prod
		// One small query per row of one page; a total in FindProducts
		// would save them.
		sums, err := s.svc.StockSummaries(ctx, prod.ID)
		if err != nil {
			return nil, 0, err
		}
		for _, sm := range sums {
			rows[i].Available += sm.Available()
		}
	}
	return rows, total, nil
}

// Wanted is the search asked for last.
func (s *ProductScreen) Wanted() app.ProductFilter {
	s.wantedMu.Lock()
	defer s.wantedMu.Unlock()
	return s.wanted
}
