package screens

import (
	"context"
	"errors"
	"log"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// section is one entry of the navigation rail.
type section struct {
	title   string // translated
	icon    fyne.Resource
	content fyne.CanvasObject
	refresh func() // reloads the section's data in the background
}

// Shell is the main window's frame: the navigation rail on the left, the
// chosen section on the right, menus and shortcuts.
type Shell struct {
	ctx      context.Context
	svc      *app.Service
	win      fyne.Window
	settings Settings

	sections []section
	nav      *widget.List
	stack    *fyne.Container
	current  int

	queue      *WorkQueue
	orders     *OrderList
	review     *ReviewScreen
	fulfilment *FulfilmentScreen
	afterSales *AfterSalesScreen
	details    map[int]*OrderDetail // the order sections' detail panes, by section
	customers  *CustomerScreen
	// background runs database work off the UI goroutine; tests run it
	// inline.
	background func(func())

	afterSalesAt int // the After-sales section's index
	settingsView *SettingsScreen
	session      *fyne.Container // who is signed in, under the navigation
	notice       *noticeBar      // what the last action did, under the section
}

// NewShell builds the main window's content for a shop.
func NewShell(ctx context.Context, svc *app.Service, win fyne.Window, settings Settings, dbPath string) *Shell {
	s := &Shell{ctx: ctx, svc: svc, win: win, settings: settings, background: func(f func()) { go f() },
		details: map[int]*OrderDetail{}}
	s.notice = newNoticeBar(win)
	s.queue = NewWorkQueue(svc, s.openTask)
	settingsScreen := NewSettingsScreen(ctx, svc, win, settings, dbPath)
	s.settingsView = settingsScreen
	s.customers = NewCustomerScreen(ctx, svc, win)
	products := NewProductScreen(ctx, svc, win)
	reportsScreen := NewReportsScreen(ctx, svc, win)
	money := NewMoneyScreen(ctx, svc, win)
	money.background = func(f func()) { s.background(f) }
	s.review = NewReviewScreen(ctx, svc, win)
	s.review.background = func(f func()) { s.background(f) }
	s.orders = NewOrderList(ctx, svc, nil)
	s.orders.actions.Add(widget.NewButtonWithIcon(lang.L("New order"), theme.ContentAddIcon(), func() { s.OpenOrderForm(nil) }))
	s.orders.actions.Add(widget.NewButtonWithIcon(lang.L("Import orders…"), theme.DownloadIcon(), s.importOrders))
	s.sections = []section{{lang.L("Work queue"), theme.HomeIcon(), s.queue.Content(), s.inBackground(s.queue.Update)}}
	s.sections = append(s.sections, s.orderSection(lang.L("Orders"), theme.ListIcon(), s.orders))
	s.sections = append(s.sections, section{lang.L("Review"), theme.VisibilityIcon(), s.review.Content(), s.inBackground(s.review.Update)})
	s.fulfilment = NewFulfilmentScreen(ctx, svc, win)
	s.fulfilment.background = func(f func()) { s.background(f) }
	s.fulfilment.openOrder = s.openOrder
	s.sections = append(s.sections, section{lang.L("Fulfilment"), theme.UploadIcon(), s.fulfilment.Content(),
		s.inBackground(s.fulfilment.Update)})
	s.afterSales = NewAfterSalesScreen(ctx, svc, win)
	s.afterSales.background = func(f func()) { s.background(f) }
	s.afterSales.openOrder = s.openOrder
	s.afterSalesAt = len(s.sections)
	s.afterSales.showSection = func() { s.nav.Select(s.afterSalesAt) }
	s.fulfilment.openCase = s.afterSales.ShowCase
	s.sections = append(s.sections, section{lang.L("After-sales"), theme.HistoryIcon(), s.afterSales.Content(),
		s.inBackground(s.afterSales.Update)})
	s.sections = append(s.sections, []section{
		{lang.L("Customers"), theme.AccountIcon(), s.customers.Content(), s.inBackground(s.customers.Update)},
		{lang.L("Products & stock"), theme.StorageIcon(), products.Content(), s.inBackground(products.Update)},
		{lang.L("Money"), theme.FileTextIcon(), money.Content(), s.inBackground(money.Update)},
		{lang.L("Reports"), theme.DocumentIcon(), reportsScreen.Content(), s.inBackground(reportsScreen.Update)},
		{lang.L("Settings"), theme.SettingsIcon(), settingsScreen.Content(), s.inBackground(settingsScreen.Update)},
	}...)
	s.nav = widget.NewList(func() int { return len(s.sections) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Fulfilment and more"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(s.sections[i].icon)
			row.Objects[1].(*widget.Label).SetText(s.sections[i].title)
		})
	s.nav.OnSelected = func(i widget.ListItemID) { s.Show(i) }
	s.stack = container.NewStack()
	s.session = container.NewVBox()
	for _, sec := range s.sections {
		sec.content.Hide()
		s.stack.Add(sec.content)
	}
	return s
}

// Content is the window's content.
func (s *Shell) Content() fyne.CanvasObject {
	split := container.NewHSplit(container.NewBorder(nil, s.session, nil, nil, s.nav),
		container.NewBorder(nil, s.notice.box, nil, nil, s.stack))
	split.Offset = 0.16
	return split
}

// ShowSession says who is signed in, under the navigation, with their
// password and signing out at hand (accounts on, R-80).
func (s *Shell) ShowSession(u app.User, signOut func()) {
	who := u.Login
	if u.FullName != "" {
		who = u.FullName
	}
	if u.Role != app.RoleOwner {
		s.queue.mine = u.Role
	}
	label := widget.NewLabel(who + "\n" + roleText(u.Role))
	label.Wrapping = fyne.TextWrapWord
	s.session.Objects = []fyne.CanvasObject{widget.NewSeparator(), label,
		widget.NewButtonWithIcon(lang.L("Password…"), theme.AccountIcon(),
			func() { ShowChangePassword(s.ctx, s.svc, s.win, s.background) }),
		widget.NewButtonWithIcon(lang.L("Sign out"), theme.LogoutIcon(), signOut)}
	s.session.Refresh()
}

// SetBackground says how the shell runs database work: off the UI
// goroutine in the window, inline in tests.
func (s *Shell) SetBackground(run func(func())) { s.background = run }

// OnAccountsChanged runs when the owner turned accounts on or off in
// Settings; the window then asks who is there, or stops asking.
func (s *Shell) OnAccountsChanged(f func(on bool)) { s.settingsView.users.OnAccountsChanged = f }

// Start shows the first section and installs menus and shortcuts.
func (s *Shell) Start() {
	s.nav.Select(0)
	closeDialogOnEscape(s.win.Canvas())
	// The shortcuts live on the menu items: the window's driver gives a
	// menu's shortcut to it before the focused widget, so they work with
	// the cursor in the search box or a table too (a shortcut added to
	// the canvas goes to a focused entry, which swallows it).
	s.win.SetMainMenu(fyne.NewMainMenu(
		fyne.NewMenu(lang.L("File"),
			menuItem(lang.L("New order…"), fyne.KeyN, func() { s.OpenOrderForm(nil) }),
			menuItem(lang.L("Find order…"), fyne.KeyF, s.findOrder),
			menuItem(lang.L("Import orders…"), fyne.KeyI, s.importOrders),
			menuItem(lang.L("Print"), fyne.KeyP, s.print),
			fyne.NewMenuItemSeparator(),
			quitItem(),
		),
		fyne.NewMenu(lang.L("View"),
			menuItem(lang.L("Refresh"), fyne.KeyR, func() { s.sections[s.current].refresh() }),
		),
	))
}

// closeDialogOnEscape lets Escape close the dialog on top of a window
// when no field has the cursor (a field of a form dialog takes Escape
// itself: dialogEntry). A form with changes chains its own handler over
// this one while it is open, to ask first.
func closeDialogOnEscape(c fyne.Canvas) {
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name != fyne.KeyEscape {
			return
		}
		if top := c.Overlays().Top(); top != nil {
			top.Hide()
		}
	})
}

// menuItem is a menu item with its shortcut: Ctrl (Cmd on macOS) + key.
func menuItem(label string, key fyne.KeyName, do func()) *fyne.MenuItem {
	item := fyne.NewMenuItem(label, do)
	item.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
	return item
}

// quitItem ends the program, with its shortcut.
func quitItem() *fyne.MenuItem {
	item := menuItem(lang.L("Quit"), fyne.KeyQ, func() { fyne.CurrentApp().Quit() })
	item.IsQuit = true
	return item
}

// Show switches to section i and reloads it.
func (s *Shell) Show(i int) {
	if i < 0 || i >= len(s.sections) {
		return
	}
	for k, sec := range s.sections {
		if k == i {
			sec.content.Show()
		} else {
			sec.content.Hide()
		}
	}
	if s.current != i {
		clearNotice(s.win) // it spoke of the section left
	}
	s.current = i
	s.stack.Refresh()
	s.sections[i].refresh()
}

// print prints the order shown in the current section, if any.
func (s *Shell) print() {
	if d, ok := s.details[s.current]; ok {
		d.Print()
	}
}

// importOrders opens the import window; the lists refresh when it is done.
func (s *Shell) importOrders() {
	OpenImportWindow(s.ctx, s.svc, func() { s.sections[s.current].refresh() })
}

// findOrder jumps to the order list with the cursor in its search box.
func (s *Shell) findOrder() {
	s.nav.Select(1)
	s.orders.FocusSearch(s.win.Canvas())
}

// openTask opens what a work-queue task is about.
func (s *Shell) openTask(t app.Task) {
	switch t.SubjectKind {
	case app.SubjectOrder:
		s.openOrder(t.SubjectID, t.Ref)
	case app.SubjectCase:
		s.afterSales.ShowCase(t.SubjectID, t.Ref)
	case app.SubjectComplaint:
		s.afterSales.ShowComplaint(t.SubjectID, t.Ref)
	}
}

// openOrder shows an order in the Orders section: selected in the list,
// narrowed to it, and so shown beside it.
func (s *Shell) openOrder(id int64, number string) {
	s.orders.ShowOrder(id, number) // before the section's own reload, so both search the same
	s.nav.Select(1)
}

// orderSection is an order list with the detail of the chosen order
// beside it.
func (s *Shell) orderSection(title string, icon fyne.Resource, list *OrderList) section {
	detail := NewOrderDetail(s.ctx, s.svc, s.win, list.Reload)
	detail.edit = s.OpenOrderForm
	detail.shortage = func(id int64) { s.fulfilment.openShortage(s.win, id) }
	// The After-sales section is made after the Orders one: read it when
	// a button is pressed.
	detail.sales = &afterSalesLinks{
		newCase:       func(o *app.Order) { s.afterSales.askNewCase(o.Number, nil, nil) },
		newComplaint:  func(o *app.Order) { s.afterSales.askNewComplaint(o) },
		openCase:      func(id int64, number string) { s.afterSales.ShowCase(id, number) },
		openComplaint: func(id int64, number string) { s.afterSales.ShowComplaint(id, number) },
	}
	s.details[len(s.sections)] = detail // this section's index: it is appended next
	detail.background = func(f func()) { s.background(f) }
	list.onOpen = func(id int64) {
		detail.choose(id)
		s.background(func() {
			if err := detail.Load(s.ctx, id); err != nil {
				log.Printf("order %d: %v", id, err)
			}
		})
	}
	list.onNone = detail.Clear
	list.background = func(f func()) { s.background(f) }
	split := container.NewHSplit(list.Content(), detail.Content())
	split.Offset = 0.62
	return section{title, icon, split, list.Reload}
}

// formSaved shows the order the form saved, selected in the Orders list,
// and tells what became of it.
func (s *Shell) formSaved(o *app.Order) {
	s.openOrder(o.ID, o.Number)
	s.saySaved(o)
}

// saySaved tells what became of an order the form saved: a draft kept,
// confirmed at once, or waiting in review with what the rules found.
func (s *Shell) saySaved(o *app.Order) {
	data := map[string]any{"Number": o.Number}
	switch o.Status {
	case app.StatusDraft:
		notify(s.win, lang.L("Order {{.Number}} saved as a draft", data), widget.SuccessImportance)
	case app.StatusConfirmed:
		notify(s.win, lang.L("Order {{.Number}} submitted: the rules found nothing, so it is confirmed", data), widget.SuccessImportance)
	case app.StatusPendingReview:
		s.background(func() {
			r, err := s.svc.Review(s.ctx, o.ID)
			if err != nil && !errors.Is(err, app.ErrNotFound) {
				log.Printf("review of order %d: %v", o.ID, err)
			}
			fyne.Do(func() { notify(s.win, inReviewText(o.Number, r), widget.WarningImportance) })
		})
	default:
		notify(s.win, lang.L("Order {{.Number}} saved", data), widget.SuccessImportance)
	}
}

// inReviewText says that an order waits for a person's review, and why:
// how many findings, and the first.
func inReviewText(number string, r *app.Review) string {
	if r == nil || len(r.Findings) == 0 {
		return lang.L("Order {{.Number}} submitted: it waits in Review for a person to approve it", map[string]any{"Number": number})
	}
	data := map[string]any{"Number": number, "Count": app.FormatCount(int64(len(r.Findings))), "First": findingText(r.Findings[0])}
	return countText(len(r.Findings), lang.L("Order {{.Number}} submitted; it waits in Review: {{.First}}", data),
		lang.L("Order {{.Number}} submitted; it waits in Review: {{.Count}} findings, the first: {{.First}}", data))
}

// inBackground runs a screen's update off the UI goroutine.
func (s *Shell) inBackground(update func(context.Context) error) func() {
	return func() {
		s.background(func() {
			if err := update(s.ctx); err != nil {
				log.Printf("update: %v", err)
			}
		})
	}
}

// OpenOrderForm opens order entry in its own window: for a new order
// (nil) or to change o. Saving closes it and shows the order.
func (s *Shell) OpenOrderForm(o *app.Order) {
	title := lang.L("New order")
	if o != nil {
		title = lang.L("Order {{.Number}}", map[string]any{"Number": o.Number})
	}
	w := fyne.CurrentApp().NewWindow(title)
	form := NewOrderForm(s.ctx, s.svc, w, o, func(saved *app.Order) {
		w.Close()
		s.formSaved(saved)
	})
	w.SetContent(form.Content())
	w.Resize(fyne.NewSize(980, 760))
	// The form's own menu carries its shortcuts, so they work from any
	// field (see Start).
	w.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu(lang.X("menu.order", "Order"),
		menuItem(lang.L("Save draft"), fyne.KeyS, func() { form.save(false) }),
	)))
	w.Show()
	form.FocusFirst(w.Canvas())
	go func() {
		if err := form.LoadShop(s.ctx); err != nil {
			log.Printf("order form: %v", err)
		}
	}()
}
