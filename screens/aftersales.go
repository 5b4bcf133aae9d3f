package screens

import (
	"context"
	"errors"
	"log"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// AfterSalesScreen is the After-sales section (R-50..R-54, R-60): a tab
// of cases and one of complaints, each a filtered list loaded a page at a
// time with the chosen one's detail beside it and the steps it can take
// now as buttons.
type AfterSalesScreen struct {
	ctx context.Context
	svc *app.Service
	win fyne.Window
	// background runs database and PDF work off the UI goroutine;
	// typingPause is how long typing must stop before a search. Tests run
	// both inline.
	background  func(func())
	typingPause time.Duration
	// openOrder shows an order in the Orders section; showSection brings
	// this section into view for a case opened from elsewhere. The shell
	// sets both.
	openOrder   func(id int64, number string)
	showSection func()

	// mu guards what Update reads off the UI goroutine: the filters and
	// the tab shown.
	mu             sync.Mutex
	caseQuery      app.CaseFilter
	complaintQuery app.ComplaintFilter
	onComplaints   bool

	// The rest belongs to the UI goroutine.
	currency                app.Currency
	tabs                    *container.AppTabs
	casesTab, complaintsTab *container.TabItem
	cases                   *salesList[caseRow]
	complaints              *salesList[app.Complaint]
	caseDetail              *caseDetail
	complaintDetail         *complaintDetail
	job                     *jobBar
	// quiet stops the filters' handlers while several are set at once.
	quiet bool
	box   fyne.CanvasObject
}

// caseRow is a case as its list shows it.
type caseRow struct {
	app.Case
	Customer string
}

// salesList is one tab's list: its filters, count, and rows a page at a
// time; shown is the ID of the row on the right.
type salesList[T any] struct {
	pages        *pager[T]
	list         *widget.List
	status, kind *widget.Select
	search       *widget.Entry
	count, empty *widget.Label
	debounce     typingPause
	id           func(T) int64
	open         func(id int64) // shows a row's detail
	none         func()         // empties the detail
	shown        int64
	// keep shows the row on the right even when it left the list: a step
	// just taken on it (closed, it leaves the open ones).
	keep bool
	box  fyne.CanvasObject
}

// NewAfterSalesScreen builds the section; Update loads it.
func NewAfterSalesScreen(ctx context.Context, svc *app.Service, win fyne.Window) *AfterSalesScreen {
	s := &AfterSalesScreen{ctx: ctx, svc: svc, win: win, background: func(f func()) { go f() },
		typingPause: 250 * time.Millisecond}
	s.currency, _ = app.LookupCurrency("CNY")
	s.job = newJobBar(win)
	s.caseDetail = newCaseDetail(s)
	s.complaintDetail = newComplaintDetail(s)

	caseStatuses := []string{lang.X("aftersales.open", "Open"), lang.L("All")}
	for _, st := range app.CaseStatuses() {
		caseStatuses = append(caseStatuses, caseStatusText(st))
	}
	kinds := []string{lang.L("All kinds")}
	for _, k := range app.CaseKinds() {
		kinds = append(kinds, caseKindText(k))
	}
	s.cases = newSalesList(s, caseStatuses, kinds, lang.L("Case or order number"), s.createCaseRow, s.updateCaseRow,
		func(r caseRow) int64 { return r.ID }, s.caseDetail.open)
	s.cases.none = func() { s.caseDetail.nothing(lang.L("Choose a case")) }
	newCase := widget.NewButtonWithIcon(lang.L("New case…"), theme.ContentAddIcon(), func() { s.askNewCase("", nil, nil) })
	newCase.Importance = widget.HighImportance

	complaintStatuses := []string{lang.X("aftersales.open", "Open"), lang.L("All")}
	for _, st := range app.ComplaintStatuses() {
		complaintStatuses = append(complaintStatuses, complaintStatusText(st))
	}
	categories := []string{lang.L("All categories")}
	for _, c := range app.ComplaintCategories() {
		categories = append(categories, complaintCategoryText(c))
	}
	s.complaints = newSalesList(s, complaintStatuses, categories, lang.L("Complaint or order number, or name"),
		s.createComplaintRow, s.updateComplaintRow, func(c app.Complaint) int64 { return c.ID }, s.complaintDetail.open)
	s.complaints.none = func() { s.complaintDetail.nothing(lang.L("Choose a complaint")) }
	newComplaint := widget.NewButtonWithIcon(lang.L("New complaint…"), theme.ContentAddIcon(), func() { s.askNewComplaint(nil) })
	newComplaint.Importance = widget.HighImportance

	s.casesTab = container.NewTabItem(lang.L("Cases"), s.split(s.cases.build(newCase), s.caseDetail.Content()))
	s.complaintsTab = container.NewTabItem(lang.L("Complaints"), s.split(s.complaints.build(newComplaint), s.complaintDetail.Content()))
	s.tabs = container.NewAppTabs(s.casesTab, s.complaintsTab)
	s.tabs.OnSelected = func(t *container.TabItem) {
		s.mu.Lock()
		s.onComplaints = t == s.complaintsTab
		s.mu.Unlock()
		s.reload()
	}
	s.readFilters()
	s.box = container.NewBorder(s.job.box, nil, nil, nil, s.tabs)
	return s
}

func (s *AfterSalesScreen) split(list, detail fyne.CanvasObject) fyne.CanvasObject {
	split := container.NewHSplit(list, detail)
	split.Offset = 0.58
	return split
}

// Content is the section's widget tree.
func (s *AfterSalesScreen) Content() fyne.CanvasObject { return s.box }

func newSalesList[T any](s *AfterSalesScreen, statuses, kinds []string, placeholder string, create func() fyne.CanvasObject,
	update func(T, fyne.CanvasObject), id func(T) int64, open func(int64)) *salesList[T] {
	l := &salesList[T]{id: id, open: open}
	l.pages = newPager[T](func() { fyne.Do(l.list.Refresh) })
	l.pages.background = func(f func()) { s.background(f) }
	l.list = widget.NewList(l.pages.Len, create, func(i widget.ListItemID, o fyne.CanvasObject) {
		r, ok := l.pages.Row(s.ctx, i)
		if !ok {
			var zero T
			update(zero, o) // a row still loading shows empty
			return
		}
		update(r, o)
	})
	l.list.OnSelected = func(i widget.ListItemID) {
		if r, ok := l.pages.Row(s.ctx, i); ok {
			l.shown, l.keep = l.id(r), false
			l.open(l.shown)
		}
	}
	changed := func(string) {
		if !s.quiet {
			l.keep = false
			s.readFilters()
			s.reload()
		}
	}
	l.status = newSelect(statuses, nil)
	l.status.SetSelectedIndex(0)
	l.kind = newSelect(kinds, nil)
	l.kind.SetSelectedIndex(0)
	l.status.OnChanged, l.kind.OnChanged = changed, changed
	l.search = widget.NewEntry()
	l.search.SetPlaceHolder(placeholder)
	l.search.OnChanged = func(string) {
		if !s.quiet {
			l.debounce.after(s.typingPause, func() { changed("") })
		}
	}
	l.search.OnSubmitted = func(string) {
		l.debounce.stop()
		changed("")
	}
	l.count = widget.NewLabel("")
	l.empty = widget.NewLabel(lang.L("Nothing matches"))
	l.empty.Hide()
	return l
}

// build lays the list out under its search box, filters and add button.
func (l *salesList[T]) build(add *widget.Button) fyne.CanvasObject {
	// Fixed widths: a select is as wide as its choice and would cut
	// "All categories" short.
	sized := func(o fyne.CanvasObject, width float32) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(width, o.MinSize().Height), o)
	}
	filters := container.NewHBox(sized(l.status, 160), sized(l.kind, 220), l.count)
	l.box = container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, add, l.search), filters, l.empty),
		nil, nil, nil, l.list)
	return l.box
}

// selectAgain shows the chosen row again once the list reloaded: chosen
// in the list where it still is, else alone on the right when a step was
// just taken on it; otherwise the first row is, as the Fulfilment queues
// do.
func (l *salesList[T]) selectAgain() {
	l.list.UnselectAll()
	if i, ok := l.pages.Find(func(r T) bool { return l.id(r) == l.shown }); ok && l.shown != 0 {
		l.list.Select(i)
		l.list.ScrollTo(i)
		return
	}
	switch {
	case l.keep && l.shown != 0:
		l.open(l.shown)
	case l.pages.Len() > 0:
		l.list.Select(0)
	default:
		l.shown = 0
		l.none()
	}
}

// openCaseStatuses and openComplaintStatuses are what "Open" shows.
func openCaseStatuses() []app.CaseStatus {
	return []app.CaseStatus{app.CaseRequested, app.CaseApproved, app.CaseReceived}
}

func openComplaintStatuses() []app.ComplaintStatus {
	return []app.ComplaintStatus{app.ComplaintPending, app.ComplaintInvestigating, app.ComplaintResolved}
}

// readFilters takes the filters' choices for Update.
func (s *AfterSalesScreen) readFilters() {
	var cq app.CaseFilter
	switch i := s.cases.status.SelectedIndex(); {
	case i == 0:
		cq.Statuses = openCaseStatuses()
	case i >= 2:
		cq.Statuses = []app.CaseStatus{app.CaseStatuses()[i-2]}
	}
	if i := s.cases.kind.SelectedIndex(); i >= 1 {
		cq.Kinds = []app.CaseKind{app.CaseKinds()[i-1]}
	}
	cq.Text = s.cases.search.Text
	var pq app.ComplaintFilter
	switch i := s.complaints.status.SelectedIndex(); {
	case i == 0:
		pq.Statuses = openComplaintStatuses()
	case i >= 2:
		pq.Statuses = []app.ComplaintStatus{app.ComplaintStatuses()[i-2]}
	}
	if i := s.complaints.kind.SelectedIndex(); i >= 1 {
		pq.Categories = []app.ComplaintCategory{app.ComplaintCategories()[i-1]}
	}
	pq.Text = s.complaints.search.Text
	s.mu.Lock()
	s.caseQuery, s.complaintQuery = cq, pq
	s.mu.Unlock()
}

// Update counts the open cases and complaints for the tabs and reloads
// the shown list; call it off the UI goroutine.
func (s *AfterSalesScreen) Update(ctx context.Context) error {
	shop, err := s.svc.Shop(ctx)
	if err != nil {
		return err
	}
	_, openCases, err := s.svc.Cases(ctx, app.CaseFilter{Statuses: openCaseStatuses(), Limit: 1})
	if err != nil {
		return err
	}
	_, openComplaints, err := s.svc.Complaints(ctx, app.ComplaintFilter{Statuses: openComplaintStatuses(), Limit: 1})
	if err != nil {
		return err
	}
	s.mu.Lock()
	cq, pq, onComplaints := s.caseQuery, s.complaintQuery, s.onComplaints
	s.mu.Unlock()
	if onComplaints {
		err = s.complaints.pages.Search(ctx, func(ctx context.Context, offset, limit int, _ bool) ([]app.Complaint, int, error) {
			pq.Offset, pq.Limit = offset, limit
			return s.svc.Complaints(ctx, pq)
		})
	} else {
		err = s.cases.pages.Search(ctx, func(ctx context.Context, offset, limit int, _ bool) ([]caseRow, int, error) {
			return caseRows(ctx, s.svc, cq, offset, limit)
		})
	}
	if err != nil {
		return err
	}
	fyne.Do(func() {
		s.currency = shop.Currency
		s.casesTab.Text = lang.L("Cases ({{.Count}} open)", map[string]any{"Count": app.FormatCount(int64(openCases))})
		s.complaintsTab.Text = lang.L("Complaints ({{.Count}} open)", map[string]any{"Count": app.FormatCount(int64(openComplaints))})
		s.tabs.Refresh()
		if onComplaints {
			n := s.complaints.pages.Len()
			s.complaints.count.SetText(countText(n, lang.L("1 complaint"), lang.L("{{.Count}} complaints", countData(n))))
			s.complaints.empty.Hidden = n > 0
			s.complaints.list.Refresh()
			s.complaints.selectAgain()
			return
		}
		n := s.cases.pages.Len()
		s.cases.count.SetText(countText(n, lang.L("1 case"), lang.L("{{.Count}} cases", countData(n))))
		s.cases.empty.Hidden = n > 0
		s.cases.list.Refresh()
		s.cases.selectAgain()
	})
	return nil
}

// countText says how many rows a list shows: one, else many.
func countText(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func countData(n int) map[string]any { return map[string]any{"Count": app.FormatCount(int64(n))} }

// caseRows loads a page of cases.
func caseRows(ctx context.Context, svc *app.Service, f app.CaseFilter, offset, limit int) ([]caseRow, int, error) {
	f.Offset, f.Limit = offset, limit
	list, total, err := svc.Cases(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	rows := make([]caseRow, len(list))
	for i, c := range list {
		rows[i] = caseRow{Case: c, Customer: c.Customer}
	}
	return rows, total, nil
}

// reload runs Update in the background.
func (s *AfterSalesScreen) reload() {
	s.background(func() {
		if err := s.Update(s.ctx); err != nil {
			log.Printf("after-sales: %v", err)
			fyne.Do(func() { s.job.say(lang.L("The after-sales lists could not be read: ") + errorText(err)) })
		}
	})
}

// ShowCase brings a case into view: the Cases tab, every status, the list
// narrowed to its number, its detail on the right.
func (s *AfterSalesScreen) ShowCase(id int64, number string) {
	showIn(s, s.casesTab, s.cases, id, number, false)
}

// ShowComplaint brings a complaint into view the same way.
func (s *AfterSalesScreen) ShowComplaint(id int64, number string) {
	showIn(s, s.complaintsTab, s.complaints, id, number, true)
}

// showIn selects a tab, widens its list to every status and kind, narrows
// it to the number and shows that row.
func showIn[T any](s *AfterSalesScreen, tab *container.TabItem, l *salesList[T], id int64, number string, complaints bool) {
	if s.showSection != nil {
		s.showSection()
	}
	s.quiet = true
	s.tabs.Select(tab)
	l.status.SetSelectedIndex(1)
	l.kind.SetSelectedIndex(0)
	l.search.SetText(number)
	s.quiet = false
	s.mu.Lock()
	s.onComplaints = complaints
	s.mu.Unlock()
	l.shown = id
	s.readFilters()
	s.reload()
}

// afterSalesError words a case's or complaint's refusal of a step in the
// user's language; other errors pass unchanged, for their fields to be
// marked where they are.
func afterSalesError(err error) error {
	var cs *app.CaseStateError
	var ps *app.ComplaintStateError
	if errors.As(err, &cs) || errors.As(err, &ps) {
		return errors.New(errorText(err))
	}
	return err
}

// The after-sales enums are shown through translation keys built from
// their values ("casekind.exchange"), with the English label as fallback.

func caseKindText(k app.CaseKind) string {
	english := map[app.CaseKind]string{app.CaseReturnRefund: "Return and refund", app.CaseExchange: "Exchange",
		app.CaseResend: "Re-send", app.CasePartialRefund: "Partial refund, goods kept",
		app.CaseUndeliverable: "Undeliverable parcel"}[k]
	return lang.X("casekind."+string(k), orValue(english, string(k)))
}

func caseReasonText(r app.CaseReason) string {
	english := map[app.CaseReason]string{app.ReasonQuality: "Quality problem", app.ReasonWrongItem: "Wrong item sent",
		app.ReasonDamaged: "Damaged in transit", app.ReasonMissing: "Something missing",
		app.ReasonChangedMind: "Changed their mind", app.ReasonWrongSize: "Size or colour does not suit",
		app.ReasonUndelivered: "Refused or not delivered", app.ReasonOtherProblem: "Other"}[r]
	return lang.X("reason."+string(r), orValue(english, string(r)))
}

func caseStatusText(st app.CaseStatus) string {
	english := map[app.CaseStatus]string{app.CaseRequested: "Requested", app.CaseApproved: "Approved",
		app.CaseReceived: "Goods received", app.CaseRejected: "Rejected", app.CaseClosed: "Closed"}[st]
	return lang.X("casestatus."+string(st), orValue(english, string(st)))
}

func dispositionText(d app.Disposition) string {
	english := map[app.Disposition]string{app.DispositionRestock: "Restock", app.DispositionScrap: "Scrap",
		app.DispositionSupplier: "Back to the supplier"}[d]
	return lang.X("disposition."+string(d), orValue(english, string(d)))
}

func complaintCategoryText(c app.ComplaintCategory) string {
	english := map[app.ComplaintCategory]string{app.ComplaintQuality: "Product quality", app.ComplaintLogistics: "Logistics",
		app.ComplaintAttitude: "Service attitude", app.ComplaintWrong: "Wrong order"}[c]
	return lang.X("complaintcat."+string(c), orValue(english, string(c)))
}

func complaintStatusText(st app.ComplaintStatus) string {
	english := map[app.ComplaintStatus]string{app.ComplaintPending: "Pending", app.ComplaintInvestigating: "Investigating",
		app.ComplaintResolved: "Resolved", app.ComplaintClosed: "Closed"}[st]
	return lang.X("complaintstatus."+string(st), orValue(english, string(st)))
}

func satisfactionText(v app.Satisfaction) string {
	english := map[app.Satisfaction]string{app.Satisfied: "Satisfied", app.SatisfactionNeutral: "Neutral",
		app.SatisfactionUnhappy: "Unsatisfied"}[v]
	return lang.X("satisfaction."+string(v), orValue(english, string(v)))
}

func roleText(r app.Role) string { return lang.X("role."+string(r), string(r)) }

func orValue(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// twoLineRow is a case or complaint row: its number (sized by sample),
// who and the status on the first line; when, what about and the money on
// the second. updateRow functions fill them in this order.
func twoLineRow(sample string) fyne.CanvasObject {
	number := widget.NewLabelWithStyle(sample, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	who := widget.NewLabel("")
	who.Truncation = fyne.TextTruncateEllipsis
	status := widget.NewLabel("")
	when := widget.NewLabel("2006-01-02 15:04")
	about := widget.NewLabel("")
	about.Truncation = fyne.TextTruncateEllipsis
	money := widget.NewLabel("")
	return container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()),
		container.NewBorder(nil, nil, number, status, who),
		container.NewBorder(nil, nil, when, money, about))
}
