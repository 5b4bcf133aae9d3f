package screens

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/data"
)

// emptyShop opens a new database file under a test app speaking English.
func emptyShop(t *testing.T) (context.Context, *data.Store) {
	t.Helper()
	newTestApp(t)
	LoadTranslations("en")
	ctx := app.WithActor(context.Background(), app.Actor{Name: "tester"})
	store, err := data.Open(ctx, filepath.Join(t.TempDir(), "shop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return ctx, store
}

// sampleShop opens a real database with a small sample shop (80 orders,
// seed 3, made once per test binary and copied for each test).
func sampleShop(t *testing.T) (context.Context, *app.Service) {
	t.Helper()
	newTestApp(t)
	LoadTranslations("en")
	ctx := app.WithActor(context.Background(), app.Actor{Name: "tester"})
	path := filepath.Join(t.TempDir(), "shop.db")
	copySampleShop(t, path)
	store, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return ctx, app.NewService(store)
}

// texts lists what the labels and buttons under o show.
func texts(o fyne.CanvasObject) string {
	var out []string
	for _, obj := range test.LaidOutObjects(o) {
		switch w := obj.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.Button:
			out = append(out, w.Text)
		}
	}
	return strings.Join(out, "\n")
}

func TestOrderListSearchesAndOpens(t *testing.T) {
	ctx, svc := sampleShop(t)
	var opened int64
	list := NewOrderList(ctx, svc, func(id int64) { opened = id })
	list.background, list.typingPause = func(f func()) { f() }, 0
	w := test.NewWindow(list.Content())
	defer w.Close()
	w.Resize(fyne.NewSize(1100, 700))

	if err := list.Update(ctx, list.Query()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(texts(w.Content()), "80 orders") {
		t.Fatalf("the list does not count 80 orders:\n%s", texts(w.Content()))
	}

	// Search for one order by its number, typed as a user would.
	page, err := svc.SearchOrders(ctx, app.OrderQuery{Limit: 1, Offset: 40})
	if err != nil {
		t.Fatal(err)
	}
	want := page.Rows[0]
	test.Type(list.search, want.Number) // searches as the user types
	if !strings.Contains(texts(w.Content()), "1 orders") {
		t.Fatalf("the search does not count 1 order:\n%s", texts(w.Content()))
	}
	cell := list.createCell()
	for col, wantText := range map[int]string{0: want.Number, 2: want.CustomerName, 3: "Pending review"} {
		if col == 3 && want.Status != app.StatusPendingReview {
			continue
		}
		list.updateCell(widget.TableCellID{Row: 0, Col: col}, cell)
		if got := cell.(*widget.Label).Text; got != wantText {
			t.Errorf("column %d shows %q, want %q", col, got, wantText)
		}
	}

	// Choosing the row opens the order.
	list.table.Select(widget.TableCellID{Row: 0, Col: 2})
	if opened != want.ID {
		t.Fatalf("opened order %d, want %d", opened, want.ID)
	}

	// A status filter narrows the list to that status.
	list.search.SetText("")
	list.status.SetSelected("Completed")
	completed, _ := svc.SearchOrders(ctx, app.OrderQuery{Statuses: []app.Status{app.StatusCompleted}, Limit: 1})
	if n := list.pages.Len(); n != completed.Total || n == 0 {
		t.Fatalf("completed filter shows %d orders, want %d", n, completed.Total)
	}
}

func TestOrderDetailTakesNextStep(t *testing.T) {
	ctx, svc := sampleShop(t)
	page, err := svc.SearchOrders(ctx, app.OrderQuery{Statuses: []app.Status{app.StatusDraft}, Limit: 1})
	if err != nil || len(page.Rows) == 0 {
		t.Fatalf("no draft order: %v", err)
	}
	id := page.Rows[0].ID
	// A person reviews it here, whatever the rules find.
	shop, err := svc.Shop(ctx)
	if err != nil {
		t.Fatal(err)
	}
	shop.Policy.AutoConfirm = false
	if err := svc.SaveShop(ctx, shop); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Submit(ctx, id); err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	defer w.Close()
	changed := 0
	detail := NewOrderDetail(ctx, svc, w, func() { changed++ })
	detail.background = func(f func()) { f() } // the step runs before Tap returns
	w.SetContent(detail.Content())
	w.Resize(fyne.NewSize(900, 800))
	if err := detail.Load(ctx, id); err != nil {
		t.Fatal(err)
	}
	shown := texts(w.Content())
	for _, want := range []string{page.Rows[0].Number, "Pending review", "Confirm", "Reject", "History"} {
		if !strings.Contains(shown, want) {
			t.Fatalf("detail lacks %q:\n%s", want, shown)
		}
	}
	if strings.Contains(shown, "Ship\n") || strings.Contains(shown, "Allocate stock") {
		t.Fatalf("detail offers a step that is not possible now:\n%s", shown)
	}
	var confirm *widget.Button
	for _, obj := range test.LaidOutObjects(w.Content()) {
		if b, ok := obj.(*widget.Button); ok && b.Text == "Confirm" {
			confirm = b
		}
	}
	test.Tap(confirm)
	if o, err := svc.Order(ctx, id); err != nil || o.Status != app.StatusConfirmed {
		t.Fatalf("after Confirm the order is %v (%v)", o.Status, err)
	}
	if s := texts(w.Content()); !strings.Contains(s, "Confirmed") || !strings.Contains(s, "Allocate stock") || changed != 1 {
		t.Fatalf("the detail does not show the confirmed order (list told %d times):\n%s", changed, s)
	}
	history, _ := svc.History(ctx, app.SubjectOrder, id)
	if last := history[len(history)-1]; last.Actor != "tester" || last.Action != "order.confirm" {
		t.Fatalf("last event %+v", last)
	}
}

func TestWorkQueueShowsOpenTasksOverdueFirst(t *testing.T) {
	ctx, svc := sampleShop(t)
	tasks, err := svc.Tasks(ctx, app.TaskFilter{OpenOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var opened app.Task
	q := NewWorkQueue(svc, func(task app.Task) { opened = task })
	w := test.NewWindow(q.Content())
	defer w.Close()
	w.Resize(fyne.NewSize(900, 600))
	if err := q.Update(ctx); err != nil {
		t.Fatal(err)
	}
	shown := texts(w.Content())
	if len(tasks) == 0 {
		if !strings.Contains(shown, "Nothing waits") {
			t.Fatalf("empty queue says:\n%s", shown)
		}
		return
	}
	if !strings.Contains(shown, tasks[0].Ref) || !strings.Contains(shown, "overdue") {
		t.Fatalf("queue lacks the first task %s or its overdue mark:\n%s", tasks[0].Ref, shown)
	}
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(q.list)
	test.TapCanvas(w.Canvas(), at.Add(fyne.NewPos(40, 15))) // the first row
	if opened.ID != tasks[0].ID {
		t.Fatalf("opened task %d, want %d", opened.ID, tasks[0].ID)
	}
}

func TestWelcomeOffersThreeStarts(t *testing.T) {
	newTestApp(t)
	LoadTranslations("en")
	w := test.NewWindow(nil)
	defer w.Close()
	welcome := NewWelcome(w)
	sampled := false
	welcome.OnSample = func() { sampled = true }
	w.SetContent(welcome.Content())
	shown := texts(w.Content())
	for _, want := range []string{"Try the sample shop", "Start an empty shop…", "Open an existing database file…"} {
		if !strings.Contains(shown, want) {
			t.Fatalf("welcome lacks %q:\n%s", want, shown)
		}
	}
	for _, obj := range test.LaidOutObjects(w.Content()) {
		if b, ok := obj.(*widget.Button); ok && b.Text == "Try the sample shop" {
			test.Tap(b)
		}
	}
	if !sampled {
		t.Fatal("tapping the sample shop did nothing")
	}
}

func TestWorkQueueFilters(t *testing.T) {
	ctx, svc := sampleShop(t)
	all, err := svc.Tasks(ctx, app.TaskFilter{OpenOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	q := NewWorkQueue(svc, nil)
	w := test.NewWindow(q.Content())
	defer w.Close()
	if err := q.Update(ctx); err != nil {
		t.Fatal(err)
	}
	if len(q.tasks) != len(all) {
		t.Fatalf("queue shows %d of %d open tasks", len(q.tasks), len(all))
	}
	if len(q.roles) == 0 {
		t.Skip("the sample has no open tasks to filter")
	}
	q.role.SetSelectedIndex(1)
	for _, task := range q.tasks {
		if task.Assignee != q.roles[0] {
			t.Fatalf("role filter let through %+v", task)
		}
	}
	want := 0
	for _, task := range all {
		if task.Assignee == q.roles[0] {
			want++
		}
	}
	if len(q.tasks) != want {
		t.Fatalf("role filter shows %d, want %d", len(q.tasks), want)
	}
	// The class filter: payment exceptions only.
	q.role.SetSelectedIndex(0)
	q.class.SetSelected("Payment and invoices")
	want = 0
	for _, task := range all {
		if task.Class() == app.ClassPayment {
			want++
		}
	}
	if len(q.tasks) != want || want == 0 {
		t.Fatalf("class filter shows %d, want %d payment tasks", len(q.tasks), want)
	}
	for _, task := range q.tasks {
		if task.Class() != app.ClassPayment {
			t.Fatalf("class filter let through %+v", task)
		}
	}
	if shown := texts(w.Content()); !strings.Contains(shown, "Payment and invoices · ") {
		t.Fatalf("rows do not name their class:\n%s", shown)
	}
}

func TestOrderDetailSaysWhatBlocksIt(t *testing.T) {
	ctx, svc, o := fixedShop(t) // confirmed, unpaid, and nothing on the shelves
	w := test.NewWindow(nil)
	defer w.Close()
	d := NewOrderDetail(ctx, svc, w, nil)
	w.SetContent(d.Content())
	if err := d.Load(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.blocker.Text, "Waiting for payment") {
		t.Fatalf("blocker says %q", d.blocker.Text)
	}
	if _, err := svc.RecordPayment(ctx, o.ID, app.PaymentInput{Method: app.PayAlipay, Amount: o.Payable}); err != nil {
		t.Fatal(err)
	}
	if err := d.Load(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.blocker.Text, "Short of stock") || !strings.Contains(d.blocker.Text, "TEA-001 needs 2, 0 available") {
		t.Fatalf("blocker says %q", d.blocker.Text)
	}
	// Gift wrap is a charge: nothing to pick, never short.
	wrap := &app.Product{SKU: "WRAP-1", Name: "Gift wrap", Unit: "pcs", Kind: app.ProductService, Price: 500, Active: true}
	if err := svc.SaveProduct(ctx, wrap); err != nil {
		t.Fatal(err)
	}
	o, err := svc.Order(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	in := app.InputFromOrder(o)
	in.Lines = append(in.Lines, app.LineInput{SKU: "WRAP-1", Qty: 1})
	if o, err = svc.UpdateOrder(ctx, o.ID, o.Version, in); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.RecordPayment(ctx, o.ID, app.PaymentInput{Method: app.PayAlipay, Amount: o.Outstanding()}); err != nil {
		t.Fatal(err)
	}
	if err := d.Load(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(d.blocker.Text, "WRAP-1") || !strings.Contains(d.blocker.Text, "TEA-001 needs 2") {
		t.Fatalf("blocker with a charge line says %q", d.blocker.Text)
	}
}

// TestPrintOrderWritesItsSheet prints the fixed shop's order to a folder
// and reads the PDF back.
func TestPrintOrderWritesItsSheet(t *testing.T) {
	ctx, svc, o := fixedShop(t)
	dir := t.TempDir()
	path, err := writeOrderSheet(ctx, svc, o, dir)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(path) != "order-202605-001.pdf" {
		t.Fatalf("printed to %s", path)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".order-*"))
	if len(leftovers) != 0 {
		t.Fatalf("temporary files left behind: %v", leftovers)
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	out, err := exec.Command(pdftotext, path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Corner Tea", "Order 202605-001", "张伟", "TEA-001", "¥354.00", "moisture-proof packing"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the sheet lacks %q:\n%s", want, out)
		}
	}
}

// TestOrderListEnterOpens moves to the second row with the arrow key and
// opens it with Enter.
func TestOrderListEnterOpens(t *testing.T) {
	ctx, svc := sampleShop(t)
	var opened int64
	list := NewOrderList(ctx, svc, func(id int64) { opened = id })
	list.background, list.typingPause = func(f func()) { f() }, 0
	w := test.NewWindow(list.Content())
	defer w.Close()
	w.Resize(fyne.NewSize(1100, 700))
	if err := list.Update(ctx, list.Query()); err != nil {
		t.Fatal(err)
	}
	w.Canvas().Focus(list.table)
	list.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	list.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	second, _ := list.pages.Row(ctx, 1)
	if opened == 0 || opened != second.ID {
		t.Fatalf("Enter opened order %d, want the second row's %d", opened, second.ID)
	}
}

// openReports shows the Reports screen on this month in a test window,
// its work done inline.
func openReports(t *testing.T, ctx context.Context, svc *app.Service) (*ReportsScreen, fyne.Window) {
	t.Helper()
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	r := NewReportsScreen(ctx, svc, w)
	r.background = func(f func()) { f() }
	w.SetContent(r.Content())
	w.Resize(fyne.NewSize(1200, 700))
	if err := r.Update(ctx); err != nil {
		t.Fatal(err)
	}
	return r, w
}

// TestReportsShowTheMonth checks the month's order count against a search
// over the same month, and that the previous-month button moves back.
func TestReportsShowTheMonth(t *testing.T) {
	ctx, svc := sampleShop(t)
	r, w := openReports(t, ctx, svc)
	month := r.month
	page, err := svc.SearchOrders(ctx, app.OrderQuery{From: month, To: month.AddDate(0, 1, 0), Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := svc.SalesSummary(ctx, month, month.AddDate(0, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Orders+sum.Drafts+sum.Cancelled+sum.CreditNotes != page.Total {
		t.Fatalf("the month's %d orders are not its %d sales, %d drafts, %d cancelled and %d credit notes", page.Total,
			sum.Orders, sum.Drafts, sum.Cancelled, sum.CreditNotes)
	}
	// The screen shows the service's figures, drafts and cancelled apart.
	want := fmt.Sprintf("Sales orders: %s · not sales: %s drafts, %s cancelled", app.FormatCount(int64(sum.Orders)),
		app.FormatCount(int64(sum.Drafts)), app.FormatCount(int64(sum.Cancelled)))
	if !strings.Contains(r.figures.Text, want) || !strings.Contains(r.figures.Text, "Owed by customers: ") ||
		r.title.Text != month.Format("2006-01") {
		t.Fatalf("reports show %q / %q, want %q", r.title.Text, r.figures.Text, want)
	}
	test.Tap(findButtonWithIcon(t, w, "back"))
	if r.title.Text != month.AddDate(0, -1, 0).Format("2006-01") {
		t.Fatalf("after going back the title is %q", r.title.Text)
	}
	days := month.AddDate(0, 0, -1).Day()
	if len(r.chart.Objects) != days {
		t.Fatalf("the chart has %d bars for a %d-day month", len(r.chart.Objects), days)
	}
}

func findButtonWithIcon(t *testing.T, w fyne.Window, name string) *widget.Button {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Icon != nil && strings.Contains(b.Icon.Name(), name) {
			return b
		}
	}
	t.Fatalf("no button with a %s icon", name)
	return nil
}

// TestWorkQueueStartsWithMyTasks: signed in as finance, the queue first
// shows finance's tasks; Everyone shows them all.
func TestWorkQueueStartsWithMyTasks(t *testing.T) {
	ctx, svc := sampleShop(t)
	all, err := svc.Tasks(ctx, app.TaskFilter{OpenOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	mine := 0
	for _, task := range all {
		if task.Assignee == app.RoleFinance {
			mine++
		}
	}
	if mine == 0 || mine == len(all) {
		t.Fatalf("the sample shop has %d of %d open tasks for finance; want some, not all", mine, len(all))
	}
	q := NewWorkQueue(svc, nil)
	q.mine = app.RoleFinance
	w := test.NewWindow(q.Content())
	defer w.Close()
	if err := q.Update(ctx); err != nil {
		t.Fatal(err)
	}
	if len(q.tasks) != mine || q.role.Selected != "Finance" {
		t.Fatalf("queue shows %d tasks for %q, want finance's %d", len(q.tasks), q.role.Selected, mine)
	}
	q.role.SetSelected("Everyone")
	if err := q.Update(ctx); err != nil {
		t.Fatal(err)
	}
	if len(q.tasks) != len(all) {
		t.Fatalf("after choosing Everyone the queue shows %d of %d", len(q.tasks), len(all))
	}
}

// TestWelcomeEmptyShopNeedsAName: starting an empty shop without a name
// keeps the dialog open and says so under the name; with one it starts.
func TestWelcomeEmptyShopNeedsAName(t *testing.T) {
	newTestApp(t)
	LoadTranslations("en")
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(800, 600))
	welcome := NewWelcome(w)
	var started, currency string
	welcome.OnEmpty = func(name, cur string) { started, currency = name, cur }
	w.SetContent(welcome.Content())
	tapIn(t, w.Content(), "Start an empty shop…")
	form := w.Canvas().Overlays().Top()
	tapIn(t, form, "OK")
	if top := w.Canvas().Overlays().Top(); top != form || started != "" || !strings.Contains(texts(form), "Enter the shop's name") {
		t.Fatalf("a shop without a name: started %q\n%s", started, texts(form))
	}
	test.Type(entries(form)[0], "Corner Tea")
	tapIn(t, form, "OK")
	if started != "Corner Tea" || currency != "CNY" {
		t.Fatalf("started %q in %q", started, currency)
	}
}
