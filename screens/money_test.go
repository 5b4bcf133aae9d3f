package screens

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/data"
)

// moneyFixture is a shop 40 days after a dealer's credit order (net 30,
// 5‰ a month late fee) was confirmed, with a retail order that asked for
// an invoice and is paid.
type moneyFixture struct {
	ctx    context.Context
	svc    *app.Service
	clock  time.Time
	dealer *app.Customer
	credit *app.Order // the dealer's, 10 days overdue
	paid   *app.Order // the retail customer's, paid, invoice wanted
}

func (f *moneyFixture) now() time.Time { return f.clock }

func moneyShop(t *testing.T) *moneyFixture {
	t.Helper()
	newTestApp(t)
	LoadTranslations("en")
	f := &moneyFixture{clock: time.Date(2026, 5, 4, 2, 0, 0, 0, time.UTC)}
	f.ctx = app.WithActor(context.Background(), app.Actor{Name: "mei", Role: app.RoleOwner})
	store, err := data.Open(f.ctx, filepath.Join(t.TempDir(), "money.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	f.svc = app.NewService(store).WithClock(f.now)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	cny, _ := app.LookupCurrency("CNY")
	policy := app.DefaultPolicy()
	policy.AutoConfirm = false
	must(f.svc.SaveShop(f.ctx, app.Shop{Name: "Corner Tea", Currency: cny, Country: "CN", Phone: "0571-88001234",
		Email: "hello@corner.example", Calendar: app.DefaultCalendar(), Policy: policy}))
	w := &app.Warehouse{Code: "SH", Name: "Shanghai", Active: true}
	must(f.svc.SaveWarehouse(f.ctx, w))
	bin := &app.Bin{WarehouseID: w.ID, Code: "A-1-1"}
	must(f.svc.AddBin(f.ctx, bin))
	pot := &app.Product{SKU: "POT-003", Name: "紫砂壶", Spec: "300ml", Unit: "pcs", Price: 45000, Active: true}
	must(f.svc.SaveProduct(f.ctx, pot))
	must(f.svc.ReceiveStock(f.ctx, app.StockReceipt{ProductID: pot.ID, BinID: bin.ID, Qty: 50, Reference: "PO-1"}))

	f.dealer = &app.Customer{Name: "Harbour Tea Trading Ltd", Kind: app.CustomerDealer, Contact: "Mary Chan",
		Phone: "+852 2345 6789", CreditLimit: 5_000_000, PaymentTermDays: 30, LateFeePerMille: 5,
		Address: app.Address{City: "Hong Kong", Street: "8 Queen's Road", Country: "HK"}}
	must(f.svc.SaveCustomer(f.ctx, f.dealer))
	retail := &app.Customer{Name: "张伟", Kind: app.CustomerRetail, Phone: "13800138000",
		Address: app.Address{Province: "浙江省", City: "杭州市", District: "西湖区", Street: "文三路 100 号", Country: "CN"}}
	must(f.svc.SaveCustomer(f.ctx, retail))

	confirmed := func(in app.OrderInput) *app.Order {
		t.Helper()
		o, err := f.svc.CreateOrder(f.ctx, in, true)
		must(err)
		o, err = f.svc.Approve(f.ctx, o.ID, "")
		must(err)
		return o
	}
	f.credit = confirmed(app.OrderInput{Channel: app.ChannelDealer, CustomerID: f.dealer.ID, RecipientName: "Mary Chan",
		RecipientPhone: "+852 2345 6789", Address: f.dealer.Address, ShippingFee: 1000, PaymentMethod: app.PayCredit,
		Lines: []app.LineInput{{SKU: "POT-003", Qty: 10}}})
	f.paid = confirmed(app.OrderInput{Channel: app.ChannelPhone, CustomerID: retail.ID, RecipientName: "张伟",
		RecipientPhone: "138 0013 8000", Address: retail.Address, PaymentMethod: app.PayAlipay,
		Invoice: app.InvoiceRequest{Type: app.InvoiceNormal, Title: "杭州茶语科技有限公司"},
		Lines:   []app.LineInput{{SKU: "POT-003", Qty: 1}}})
	_, err = f.svc.RecordPayment(f.ctx, f.paid.ID, app.PaymentInput{Method: app.PayAlipay, Amount: f.paid.Payable})
	must(err)
	f.clock = f.clock.AddDate(0, 0, 40)
	return f
}

// openMoney shows the money screen with its work run inline.
func openMoney(t *testing.T, f *moneyFixture) (*MoneyScreen, fyne.Window) {
	t.Helper()
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	s := NewMoneyScreen(f.ctx, f.svc, w)
	s.background, s.now = func(fn func()) { fn() }, f.now
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(1300, 900))
	if err := s.Update(f.ctx); err != nil {
		t.Fatal(err)
	}
	return s, w
}

// cellText is what a table's update function writes into a cell.
func cellText(update func(widget.TableCellID, *widget.Label), row, col int) *widget.Label {
	l := widget.NewLabel("")
	update(widget.TableCellID{Row: row, Col: col}, l)
	return l
}

// tapIn taps the button with the text under o (a window's content or a
// dialog), failing when there is none.
func tapIn(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	for _, obj := range test.LaidOutObjects(o) {
		if b, ok := obj.(*widget.Button); ok && b.Text == text && !b.Disabled() {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no enabled %q button in:\n%s", text, texts(o))
}

// entries lists the text entries under o in their order.
func entries(o fyne.CanvasObject) []*widget.Entry {
	var out []*widget.Entry
	for _, obj := range test.LaidOutObjects(o) {
		if f, ok := obj.(fyne.Focusable); ok && entryOf(f) != nil {
			out = append(out, entryOf(f))
		}
	}
	return out
}

func TestMoneyReceivablesAgeAndPayment(t *testing.T) {
	f := moneyShop(t)
	s, w := openMoney(t, f)

	// ¥4,510.00 due 30 days after confirming, now 10 days overdue: the
	// 1–30 bucket, and 4510 × 5‰ × 10/30 = ¥7.52 late fee.
	if len(s.owed) != 1 {
		t.Fatalf("%d customers owe, want the dealer only:\n%s", len(s.owed), texts(w.Content()))
	}
	if rows, cols := s.customers.Length(); rows != 1 || cols != 9 {
		t.Errorf("the receivables table has %d rows of %d columns, want 1 of 9", rows, cols)
	}
	for col, want := range map[int]string{0: f.dealer.Name, 1: "¥4,510.00", 2: "¥4,510.00", 3: "", 4: "¥4,510.00", 5: "",
		8: "¥7.52"} {
		if got := cellText(s.updateCustomerCell, 0, col).Text; got != want {
			t.Errorf("customer column %d shows %q, want %q", col, got, want)
		}
	}
	if !strings.Contains(texts(w.Content()), "Customers owing: 1 · owed ¥4,510.00, of which ¥4,510.00 overdue") {
		t.Errorf("no summary:\n%s", texts(w.Content()))
	}
	// No invoice is issued yet.
	if s.invoiceEmpty.Hidden || s.invoiceEmpty.Text != "No invoices issued this month" {
		t.Errorf("the empty invoice list says %q (hidden %v)", s.invoiceEmpty.Text, s.invoiceEmpty.Hidden)
	}

	// Choosing the dealer lists the order, 10 days overdue in the warning colour.
	s.customers.Select(widget.TableCellID{Row: 0, Col: 0})
	if n := len(s.chosenItems()); n != 1 {
		t.Fatalf("the dealer has %d open orders listed", n)
	}
	if got := cellText(s.updateOrderCell, 0, 0).Text; got != f.credit.Number {
		t.Errorf("the open order is %q, want %s", got, f.credit.Number)
	}
	days := cellText(s.updateOrderCell, 0, 3)
	if days.Text != "10 days" || days.Importance != widget.WarningImportance {
		t.Errorf("days overdue %q in %v, want 10 days in the warning colour", days.Text, days.Importance)
	}
	if got := cellText(s.updateOrderCell, 0, 5).Text; got != "¥7.52" {
		t.Errorf("the order's late fee is %q", got)
	}

	// A payment of nothing is refused in the dialog, which keeps the text.
	tapIn(t, w.Content(), "Record payment…")
	dlg := dialogOnTop(t, w)
	amount := entries(dlg)[0]
	if amount.Text != "4,510.00" {
		t.Errorf("the amount starts at %q, want the outstanding 4,510.00", amount.Text)
	}
	test.Type(amount, "x")
	tapIn(t, dlg, "Record payment")
	if shown := texts(dlg); !strings.Contains(shown, "Enter the amount like 12.50") || w.Canvas().Overlays().Top() == nil {
		t.Fatalf("an amount that is none is not refused in the dialog:\n%s", shown)
	}
	amount.SetText("0")
	tapIn(t, dlg, "Record payment")
	if shown := texts(dlg); !strings.Contains(shown, "Enter the amount received, more than zero") || amount.Text != "0" {
		t.Fatalf("the refusal is not shown under the amount:\n%s", shown)
	}

	// The full amount pays the order: nobody owes anything any more.
	amount.SetText("4,510.00")
	tapIn(t, dlg, "Record payment")
	if w.Canvas().Overlays().Top() != nil {
		t.Fatalf("the dialog stayed open:\n%s", texts(w.Canvas().Overlays().Top()))
	}
	if o, _ := f.svc.Order(f.ctx, f.credit.ID); o.PaymentStatus != app.PaymentPaid {
		t.Fatalf("the order is %s after paying in full", o.PaymentStatus)
	}
	if len(s.owed) != 0 || s.empty.Hidden || !strings.Contains(texts(w.Content()), "Nothing is owed: every order is paid.") {
		t.Fatalf("the list still shows %d customers:\n%s", len(s.owed), texts(w.Content()))
	}
	if !s.pay.Disabled() || !s.statement.Disabled() {
		t.Error("payment and statement stay enabled without a customer")
	}
}

func TestMoneyStatementPDF(t *testing.T) {
	f := moneyShop(t)
	home := t.TempDir()
	t.Setenv("HOME", home) // the documents folder
	s, w := openMoney(t, f)
	s.customers.Select(widget.TableCellID{Row: 0, Col: 0})
	tapIn(t, w.Content(), "Statement…")
	tapIn(t, dialogOnTop(t, w), "Open to print")
	if s.lastDocument == "" || !strings.HasPrefix(s.lastDocument, filepath.Join(home, "Documents", "OrderDesk")) {
		t.Fatalf("the statement went to %q", s.lastDocument)
	}
	pdf, err := os.ReadFile(s.lastDocument)
	if err != nil {
		t.Fatal(err)
	}
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	out, err := exec.Command(bin, "-layout", s.lastDocument, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v (%d bytes)", err, len(pdf))
	}
	got := string(out)
	// The dealer is in Hong Kong: the statement is in Traditional Chinese,
	// Hong Kong's.
	// It also lists the account's entries: the order charged, its
	// balance carried down to the end.
	for _, want := range []string{"對賬單", f.dealer.Name, f.credit.Number, "應付合計（含滯納金）", "¥4,517.52",
		"逾期 1–30 天", "¥4,510.00", "¥7.52", "30 天賬期", "賬户往來明細", "上期結餘", "訂單"} {
		if !strings.Contains(got, want) {
			t.Errorf("the statement lacks %q:\n%s", want, got)
		}
	}
}

func TestInvoiceIssuedFromOrderDetail(t *testing.T) {
	f := moneyShop(t)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	d := NewOrderDetail(f.ctx, f.svc, w, nil)
	d.background = func(fn func()) { fn() }
	w.SetContent(d.Content())
	w.Resize(fyne.NewSize(1000, 900))

	// The dealer's order asks for no invoice: no button.
	if err := d.Load(f.ctx, f.credit.ID); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(texts(w.Content()), "Issue invoice…") {
		t.Fatal("an order that wants no invoice offers to issue one")
	}

	if err := d.Load(f.ctx, f.paid.ID); err != nil {
		t.Fatal(err)
	}
	tapIn(t, w.Content(), "Issue invoice…")
	dlg := dialogOnTop(t, w)
	fields := entries(dlg) // number, title, tax id, amount
	if len(fields) != 4 || fields[1].Text != "杭州茶语科技有限公司" || fields[3].Text != "450.00" {
		t.Fatalf("the form starts as %d entries: %q", len(fields), texts(dlg))
	}
	// Without a number it is refused, in the dialog, and nothing changes.
	tapIn(t, dlg, "Issue invoice")
	if shown := texts(dlg); !strings.Contains(shown, "This field is required") {
		t.Fatalf("an invoice without a number is not refused in the dialog:\n%s", shown)
	}
	if list, _ := f.svc.Invoices(f.ctx, app.InvoiceFilter{}); len(list) != 0 {
		t.Fatalf("a refused invoice was recorded: %+v", list)
	}
	test.Type(fields[0], "33012345")
	tapIn(t, dlg, "Issue invoice")
	if w.Canvas().Overlays().Top() != nil {
		t.Fatalf("the dialog stayed open:\n%s", texts(w.Canvas().Overlays().Top()))
	}
	list, err := f.svc.Invoices(f.ctx, app.InvoiceFilter{})
	if err != nil || len(list) != 1 || list[0].Number != "33012345" || list[0].Amount != f.paid.Payable ||
		list[0].Title != "杭州茶语科技有限公司" {
		t.Fatalf("invoices %+v (%v)", list, err)
	}
	if shown := texts(w.Content()); !strings.Contains(shown, "33012345") {
		t.Errorf("the order's history does not show the invoice:\n%s", shown)
	}

	// A second time the order says it has its invoice.
	tapIn(t, w.Content(), "Issue invoice…")
	if shown := texts(dialogOnTop(t, w)); !strings.Contains(shown, "already has invoice 33012345") {
		t.Errorf("a second invoice is offered:\n%s", shown)
	}

	// The Invoices tab lists it this month, not last month.
	s, _ := openMoney(t, f)
	if len(s.invoices) != 1 || s.invoiceEmpty.Visible() || !strings.Contains(s.invoiceCount.Text, "Invoices: 1 · ¥450.00") {
		t.Fatalf("the invoices tab lists %d invoices", len(s.invoices))
	}
	for col, want := range map[int]string{0: "33012345", 2: f.paid.Number, 3: "张伟", 4: "Normal invoice",
		5: "杭州茶语科技有限公司", 6: "¥450.00"} {
		if got := cellText(s.updateInvoiceCell, 0, col).Text; got != want {
			t.Errorf("invoice column %d shows %q, want %q", col, got, want)
		}
	}
	s.periodSelect.SetSelectedIndex(periodLastMonth)
	if len(s.invoices) != 0 || s.invoiceEmpty.Text != "No invoices issued last month" {
		t.Errorf("last month lists %d invoices, says %q", len(s.invoices), s.invoiceEmpty.Text)
	}
	s.periodSelect.SetSelectedIndex(periodAll)
	if len(s.invoices) != 1 {
		t.Errorf("all periods list %d invoices", len(s.invoices))
	}
}

// TestMoneyChargeLateFee bills the overdue order's late fee as a new
// order, after asking.
func TestMoneyChargeLateFee(t *testing.T) {
	f := moneyShop(t)
	s, w := openMoney(t, f)
	s.customers.Select(widget.TableCellID{Row: 0, Col: 0})
	if s.lateFee.Disabled() {
		t.Fatal("no late fee to charge on a 10-day overdue order")
	}
	test.Tap(s.lateFee)
	top := w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(texts(top), "¥7.52") {
		t.Fatalf("no question with the fee: %v", top)
	}
	tapIn(t, top, "Yes")
	page, err := f.svc.SearchOrders(f.ctx, app.OrderQuery{Text: app.LateFeeSKU})
	if err != nil || page.Total != 1 || page.Rows[0].Payable != 752 {
		t.Fatalf("late fee orders: %v, %+v", err, page)
	}
	if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(texts(top), page.Rows[0].Number) {
		t.Fatal("no word of the fee order's number")
	}
}
