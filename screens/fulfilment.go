package screens

import (
	"context"
	"fmt"
	"log"
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

// FulfilmentScreen is the warehouse's desk (R-31..R-39): a tab per queue
// (to allocate, waiting for stock, to pick, to check, to pack, to ship, in
// transit, problems) with its count, the batch actions of that queue
// above its list, and the chosen order or shipment on the right with the
// steps it can take.
type FulfilmentScreen struct {
	ctx context.Context
	svc *app.Service
	win fyne.Window
	// background runs database and PDF work off the UI goroutine; tests
	// run it inline.
	background func(func())
	// openOrder shows an order's full detail, openCase an after-sales
	// case; the shell sets them.
	openOrder func(id int64, number string)
	openCase  func(id int64, number string)
	// chooseSave asks where a file goes; nil: the save dialog (tests
	// answer directly).
	chooseSave func(name string, picked func(path string))
	// stage is the index of the shown queue in app.Stages(); Update reads
	// it off the UI goroutine.
	stage atomic.Int32
	// completedAt is when shipped orders were last completed (Unix
	// seconds): Update does it at most every few minutes, not at every
	// click.
	completedAt atomic.Int64

	// The rest belongs to the UI goroutine.
	queues []*stageQueue // in app.Stages() order
	shop   app.Shop      // the policy's cut-off and the currency
	now    time.Time     // when the queues were read: the cut-off is judged then
	tabs   *container.AppTabs
	detail *fulfilmentDetail
	job    *jobBar
	box    fyne.CanvasObject
	// verifier is the name typed at the last pick check, offered at the
	// next; pickCheck is the last check opened.
	verifier  string
	pickCheck *PickCheckScreen
}

// stageQueue is one queue: its rows a page at a time, the rows ticked
// for a batch action, and the row shown on the right.
type stageQueue struct {
	stage  app.Stage
	pages  *pager[app.StageRow]
	list   *widget.List
	tab    *container.TabItem
	box    *fyne.Container // the queue's tools and list, under its tab
	count  int
	ticked map[int64]bool // by key: the order, or the shipment in shipment stages
	// shown is the key of the row on the right, shownRow its place: when
	// it leaves the queue the next row takes it.
	shown    int64
	shownRow int

	tickAll   *widget.Check
	tickNote  *widget.Label
	empty     *widget.Label
	batch     []*widget.Button // need ticked rows, or take the whole queue
	toPack    *fyne.Container  // the pack queue only: re-sends waiting for their box
	resends   []app.Shipment
	tickables bool
}

// key is what identifies a row of this queue.
func (q *stageQueue) key(r app.StageRow) int64 {
	if q.stage.ShipmentStage() {
		return r.ShipmentID
	}
	return r.OrderID
}

// tickedKeys lists the ticked rows' keys.
func (q *stageQueue) tickedKeys() []int64 {
	out := make([]int64, 0, len(q.ticked))
	for k, on := range q.ticked {
		if on {
			out = append(out, k)
		}
	}
	return out
}

// NewFulfilmentScreen builds the queues; Update loads them.
func NewFulfilmentScreen(ctx context.Context, svc *app.Service, win fyne.Window) *FulfilmentScreen {
	s := &FulfilmentScreen{ctx: ctx, svc: svc, win: win, background: func(f func()) { go f() }}
	s.shop.Currency, _ = app.LookupCurrency("CNY")
	s.shop.Policy = app.DefaultPolicy()
	s.job = newJobBar(win)
	s.detail = newFulfilmentDetail(s)
	// The tabs are only the bar across the whole section, so that every
	// queue's title shows; the chosen queue's list sits under it, beside
	// the detail.
	s.tabs = container.NewAppTabs()
	lists := container.NewStack()
	for _, st := range app.Stages() {
		q := s.newQueue(st)
		s.queues = append(s.queues, q)
		s.tabs.Append(q.tab)
		lists.Add(q.box)
		q.box.Hidden = len(s.queues) > 1
	}
	s.tabs.OnSelected = func(t *container.TabItem) {
		for i, q := range s.queues {
			q.box.Hidden = q.tab != t
			if q.tab == t {
				s.stage.Store(int32(i))
				s.detail.showRow(q)
				s.reload()
			}
		}
		lists.Refresh()
	}
	split := container.NewHSplit(lists, s.detail.Content())
	split.Offset = 0.6
	s.box = container.NewBorder(container.NewVBox(s.tabs, s.job.box), nil, nil, nil, split)
	return s
}

// Content is the screen's widget tree.
func (s *FulfilmentScreen) Content() fyne.CanvasObject { return s.box }

// current is the shown queue.
func (s *FulfilmentScreen) current() *stageQueue { return s.queues[s.stage.Load()] }

// queue is the queue of a stage.
func (s *FulfilmentScreen) queue(st app.Stage) *stageQueue {
	for _, q := range s.queues {
		if q.stage == st {
			return q
		}
	}
	return s.queues[0]
}

// ShowStage switches to a queue's tab.
func (s *FulfilmentScreen) ShowStage(st app.Stage) { s.tabs.Select(s.queue(st).tab) }

func (s *FulfilmentScreen) newQueue(st app.Stage) *stageQueue {
	q := &stageQueue{stage: st, ticked: map[int64]bool{}}
	q.pages = newPager[app.StageRow](func() { fyne.Do(q.list.Refresh) })
	q.pages.background = func(f func()) { s.background(f) }
	q.list = widget.NewList(q.pages.Len, s.createRow, func(i widget.ListItemID, o fyne.CanvasObject) { s.updateRow(q, i, o) })
	q.list.OnSelected = func(i widget.ListItemID) {
		r, ok := q.pages.Row(s.ctx, i)
		if !ok {
			s.detail.nothing(lang.L("Choose an order"))
			return
		}
		q.shown, q.shownRow = q.key(r), i
		s.detail.open(q, r)
	}
	q.empty = widget.NewLabel(emptyQueueText(st))
	q.empty.Hide()
	q.tickNote = widget.NewLabel("")
	q.tickAll = widget.NewCheck(lang.L("All"), func(on bool) { s.tickAll(q, on) })

	tools := container.NewHBox()
	add := func(text string, icon fyne.Resource, batch bool, do func()) *widget.Button {
		b := widget.NewButtonWithIcon(text, icon, do)
		tools.Add(b)
		if batch {
			q.batch = append(q.batch, b)
		}
		return b
	}
	switch st {
	case app.StageAllocate, app.StageWaiting:
		add(lang.L("Allocate all"), theme.MediaPlayIcon(), false, s.allocateAll).Importance = widget.HighImportance
	case app.StagePick:
		q.tickables = true
		add(lang.L("Print pick lists…"), theme.DocumentPrintIcon(), true, func() { s.askPickLists(q) }).Importance = widget.HighImportance
	case app.StageVerify:
		q.tickables = true
		add(lang.L("Pick check…"), theme.ConfirmIcon(), false, func() { s.openPickCheck("") }).Importance = widget.HighImportance
		add(lang.L("Reprint pick lists…"), theme.DocumentPrintIcon(), true, func() { s.askPickLists(q) })
	case app.StagePack:
		q.tickables = true
		add(lang.L("Pack ticked together…"), theme.ContentAddIcon(), true, func() { s.packTicked(q) })
		q.toPack = container.NewVBox()
		q.toPack.Hide()
	case app.StageShip:
		q.tickables = true
		add(lang.L("Packing slips…"), theme.DocumentPrintIcon(), true, func() { s.askPackingSlips(q) })
		add(lang.L("Labels…"), theme.DocumentPrintIcon(), true, func() { s.printLabels(q) })
		add(lang.L("Shipping list…"), theme.ListIcon(), false, s.askShippingList)
		add(lang.L("Tracking for platforms…"), theme.UploadIcon(), false, s.askTrackingExport)
	case app.StageTransit:
		add(lang.L("Shipping list…"), theme.ListIcon(), false, s.askShippingList)
		add(lang.L("Tracking for platforms…"), theme.UploadIcon(), false, s.askTrackingExport)
	}
	var head fyne.CanvasObject = tools
	if q.tickables {
		// The tick line above the buttons: side by side they are wider
		// than the list's share of the window and squeeze the detail.
		head = container.NewVBox(container.NewHBox(q.tickAll, q.tickNote), tools)
	}
	top := container.NewVBox(head, q.empty)
	if q.toPack != nil {
		top.Add(q.toPack)
	}
	q.box = container.NewBorder(top, nil, nil, nil, q.list)
	q.tab = container.NewTabItem(stageText(st), layout.NewSpacer())
	s.noteTicks(q)
	return q
}

// Update finishes orders shipped long enough ago, then recounts every
// queue and reloads the shown one; call it off the UI goroutine.
func (s *FulfilmentScreen) Update(ctx context.Context) error {
	// Orders shipped the shop's auto-complete days ago complete quietly
	// nobody waits for it, and a failure is only logged.
	if last, now := s.completedAt.Load(), time.Now().Unix(); last == 0 || now-last >= 300 {
		s.completedAt.Store(now)
		if n, err := s.svc.CompleteShippedOrders(ctx); err != nil {
			log.Printf("completing shipped orders: %v", err)
		} else if n > 0 {
			log.Printf("completed %d orders shipped long enough ago", n)
		}
	}
	shop, err := s.svc.Shop(ctx)
	if err != nil {
		return err
	}
	counts, err := s.svc.StageCounts(ctx)
	if err != nil {
		return err
	}
	q := s.queues[s.stage.Load()]
	stage := q.stage
	fetch := func(ctx context.Context, offset, limit int, _ bool) ([]app.StageRow, int, error) {
		return s.svc.StageOrders(ctx, stage, limit, offset)
	}
	if err := q.pages.Search(ctx, fetch); err != nil {
		return err
	}
	var resends []app.Shipment
	if stage == app.StagePack {
		// Re-sends wait in no queue of their own (the service counts
		// none): they show above the orders to pack.
		if resends, err = s.svc.Shipments(ctx, app.ShipmentFilter{Statuses: []app.ShipmentStatus{app.ShipmentToPack}, Limit: 50}); err != nil {
			return err
		}
	}
	now := s.svc.Now()
	fyne.Do(func() {
		s.shop, s.now = shop, now
		for _, x := range s.queues {
			x.count = counts[x.stage]
			x.tab.Text = fmt.Sprintf("%s (%s)", stageText(x.stage), app.FormatCount(int64(x.count)))
		}
		s.tabs.Refresh()
		if q.toPack != nil {
			q.resends = resends
			s.showResends(q)
		}
		n := q.pages.Len()
		q.empty.Hidden = n > 0
		q.list.Refresh()
		s.selectAgain(q, n)
	})
	return nil
}

// reload runs Update in the background.
func (s *FulfilmentScreen) reload() {
	s.background(func() {
		if err := s.Update(s.ctx); err != nil {
			log.Printf("fulfilment: %v", err)
			fyne.Do(func() { s.job.say(lang.L("The queues could not be read: ") + errorText(err)) })
		}
	})
}

// selectAgain shows the chosen row again after the queue changed; a row
// that left it (its step was taken) gives its place to the next.
func (s *FulfilmentScreen) selectAgain(q *stageQueue, n int) {
	q.list.UnselectAll()
	if n == 0 {
		q.shown = 0
		s.detail.nothing(emptyQueueText(q.stage))
		return
	}
	i, ok := q.pages.Find(func(r app.StageRow) bool { return q.key(r) == q.shown })
	if !ok {
		i = min(q.shownRow, n-1)
	}
	q.list.Select(i)
}

// tickAll ticks every row of the queue (their keys load in the
// background) or none.
func (s *FulfilmentScreen) tickAll(q *stageQueue, on bool) {
	if !on {
		q.ticked = map[int64]bool{}
		s.noteTicks(q)
		q.list.Refresh()
		return
	}
	stage := q.stage
	s.background(func() {
		rows, _, err := s.svc.StageOrders(s.ctx, stage, 0, 0)
		fyne.Do(func() {
			if err != nil {
				s.job.say(errorText(err))
				return
			}
			for _, r := range rows {
				q.ticked[q.key(r)] = true
			}
			s.noteTicks(q)
			q.list.Refresh()
		})
	})
}

// noteTicks says how many rows a batch action takes.
func (s *FulfilmentScreen) noteTicks(q *stageQueue) {
	n := len(q.tickedKeys())
	if n == 0 {
		q.tickNote.SetText(lang.L("None ticked: actions take the whole queue"))
	} else {
		q.tickNote.SetText(lang.L("{{.Count}} ticked", map[string]any{"Count": app.FormatCount(int64(n))}))
	}
	if q.stage == app.StagePack {
		for _, b := range q.batch {
			b.Disable()
			if n >= 2 {
				b.Enable()
			}
		}
	}
}

// untick clears a queue's ticks after its batch action.
func (s *FulfilmentScreen) untick(q *stageQueue) {
	q.ticked = map[int64]bool{}
	q.tickAll.OnChanged = nil
	q.tickAll.SetChecked(false)
	q.tickAll.OnChanged = func(on bool) { s.tickAll(q, on) }
	s.noteTicks(q)
}

// keysOrAll is what a batch action takes: the ticked rows, else every row
// of the queue (loaded off the UI goroutine).
func (s *FulfilmentScreen) keysOrAll(ctx context.Context, q *stageQueue, ticked []int64) ([]int64, error) {
	if len(ticked) > 0 {
		return ticked, nil
	}
	rows, _, err := s.svc.StageOrders(ctx, q.stage, 0, 0)
	keys := make([]int64, len(rows))
	for i, r := range rows {
		keys[i] = q.key(r)
	}
	return keys, err
}

// showResends lists the re-sends waiting for their box above the pack
// queue, each with its Pack button.
func (s *FulfilmentScreen) showResends(q *stageQueue) {
	q.toPack.RemoveAll()
	for _, sh := range q.resends {
		sh := sh
		text := widget.NewLabel(lang.L("Re-send {{.Number}} to {{.Recipient}}, {{.City}}: waiting for its box",
			map[string]any{"Number": sh.Number, "Recipient": sh.RecipientName, "City": sh.Address.City}))
		text.Truncation = fyne.TextTruncateEllipsis
		pack := widget.NewButtonWithIcon(lang.L("Pack…"), theme.ContentAddIcon(), func() { s.askPackResend(sh) })
		q.toPack.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), pack, text))
	}
	if len(q.resends) > 0 {
		q.toPack.Add(widget.NewSeparator())
	}
	q.toPack.Hidden = len(q.resends) == 0
	q.toPack.Refresh()
}
