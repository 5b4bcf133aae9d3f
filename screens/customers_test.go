package screens

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// openCustomers shows the customer screen on the sample shop, with its
// database work run inline.
func openCustomers(t *testing.T) (context.Context, *app.Service, *CustomerScreen, fyne.Window) {
	t.Helper()
	ctx, svc := sampleShop(t)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	s := NewCustomerScreen(ctx, svc, w)
	s.background, s.typingPause = func(f func()) { f() }, 0
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(1200, 900))
	if err := s.Update(ctx); err != nil {
		t.Fatal(err)
	}
	return ctx, svc, s, w
}

// button finds a button by its text.
func button(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no %q button", text)
	return nil
}

// listed is what the list shows: each row's customer ID, with the first
// column's text checked against the customer's name.
func listed(t *testing.T, s *CustomerScreen) []int64 {
	t.Helper()
	var ids []int64
	cell := widget.NewLabel("")
	for i := 0; i < s.pages.Len(); i++ {
		c, ok := s.pages.Row(context.Background(), i)
		if !ok {
			t.Fatalf("row %d is not loaded", i)
		}
		s.updateCell(widget.TableCellID{Row: i, Col: 0}, cell)
		if !strings.HasPrefix(cell.Text, c.Name) {
			t.Errorf("row %d shows %q, want %q", i, cell.Text, c.Name)
		}
		ids = append(ids, c.ID)
	}
	return ids
}

func customerIDs(list []app.Customer) []int64 {
	var ids []int64
	for _, c := range list {
		ids = append(ids, c.ID)
	}
	return ids
}

func countCustomers(t *testing.T, ctx context.Context, svc *app.Service) int {
	t.Helper()
	_, n, err := svc.FindCustomers(ctx, app.CustomerFilter{IncludeArchived: true, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCustomerSearchNarrowsTheList(t *testing.T) {
	ctx, svc, s, w := openCustomers(t)
	all, total, err := svc.FindCustomers(ctx, app.CustomerFilter{Limit: 100})
	if err != nil || total < 10 {
		t.Fatalf("sample shop has %d customers: %v", total, err)
	}
	if want := fmt.Sprintf("%d customers", total); !strings.Contains(texts(w.Content()), want) {
		t.Fatalf("the list does not say %q:\n%s", want, texts(w.Content()))
	}
	if got := listed(t, s); !reflect.DeepEqual(got, customerIDs(all)) {
		t.Fatalf("list shows %v, want %v", got, customerIDs(all))
	}

	for _, typed := range []string{"Leaf", "杭州", "0571"} { // name, Chinese name, phone digits
		s.search.SetText("")
		test.Type(s.search, typed) // searches as the user types
		want, n, err := svc.FindCustomers(ctx, app.CustomerFilter{Text: typed, Limit: 100})
		if err != nil || n == 0 || n >= total {
			t.Fatalf("%q matches %d of %d: %v", typed, n, total, err)
		}
		if got := listed(t, s); !reflect.DeepEqual(got, customerIDs(want)) {
			t.Errorf("search %q lists %v, want %v", typed, got, customerIDs(want))
		}
		if c := fmt.Sprintf("%d customers", n); s.count.Text != c {
			t.Errorf("search %q counts %q, want %q", typed, s.count.Text, c)
		}
	}

	s.search.SetText("")
	s.kindFilter.SetSelected("dealer")
	dealers, n, _ := svc.FindCustomers(ctx, app.CustomerFilter{Kind: app.CustomerDealer, Limit: 100})
	if got := listed(t, s); n == 0 || !reflect.DeepEqual(got, customerIDs(dealers)) {
		t.Fatalf("dealer filter lists %v, want %v", got, customerIDs(dealers))
	}
}

func TestCustomerNewDealerTypedThroughTheForm(t *testing.T) {
	ctx, svc, s, w := openCustomers(t)
	shop, _ := svc.Shop(ctx)
	test.Tap(button(t, w, "New customer"))
	c := w.Canvas()
	if c.Focused() != s.entries["name"] {
		t.Fatal("a new customer does not start in the name field")
	}
	if s.shown("credit_limit") {
		t.Fatal("a retail customer shows the credit limit")
	}
	s.kind.SetSelected("dealer")
	if !s.shown("credit_limit") || !s.shown("licence_no") {
		t.Fatal("a dealer hides the credit and licence fields")
	}

	typed := map[string]string{
		"name": "宁波茶友贸易有限公司", "code": "NB-001", "contact": "周明", "phone": "0574-87001234",
		"email": "buy@chayou.example.cn", "address.province": "浙江省", "address.city": "宁波市",
		"address.district": "海曙区", "address.street": "中山西路 100 号", "address.postcode": "315000",
		"credit_limit": "5,000.00", "payment_term_days": "30", "late_fee": "5", "licence_no": "91330203MA2GQ1234X",
		"qualification_notes": "营业执照已核验", "notes": "月结，送货前电话联系",
	}
	for i, f := range s.fields {
		if c.Focused() != s.entries[f.path] {
			t.Fatalf("Enter did not lead to %s", f.path)
		}
		if f.path == "address.country" { // filled in with the shop's country
			if s.entries[f.path].Text != shop.Country {
				t.Fatalf("a new customer's country is %q, want %q", s.entries[f.path].Text, shop.Country)
			}
		}
		for _, r := range typed[f.path] { // into whatever has the cursor
			c.Focused().TypedRune(r)
		}
		if i == len(s.fields)-1 {
			break
		}
		e := s.entries[f.path]
		if f.multiLine { // Enter is a new line there; Shift+Enter moves on
			e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
			e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
		} else {
			e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		}
	}
	before := countCustomers(t, ctx, svc)
	test.Tap(button(t, w, "Save"))

	found, n, err := svc.FindCustomers(ctx, app.CustomerFilter{Text: "宁波茶友"})
	if err != nil || n != 1 || before+1 != countCustomers(t, ctx, svc) {
		t.Fatalf("the new dealer was not saved once: %d found, %v\n%s", n, err, texts(w.Content()))
	}
	got, _ := svc.Customer(ctx, found[0].ID)
	credit, _ := shop.Currency.ParseMoney("5,000.00")
	want := app.Customer{ID: got.ID, Name: typed["name"], Kind: app.CustomerDealer, Code: "NB-001", Contact: "周明",
		Phone: "0574-87001234", Email: "buy@chayou.example.cn",
		Address: app.Address{Province: "浙江省", City: "宁波市", District: "海曙区", Street: "中山西路 100 号",
			Postcode: "315000", Country: shop.Country},
		CreditLimit: credit, PaymentTermDays: 30, LateFeePerMille: 5, LicenceNo: "91330203MA2GQ1234X",
		QualificationNotes: "营业执照已核验", Notes: "月结，送货前电话联系", DocumentLanguage: app.LanguageChinese,
		CreatedAt: got.CreatedAt, UpdatedAt: got.UpdatedAt, Version: 1}
	if credit != 500000 || !reflect.DeepEqual(*got, want) {
		t.Fatalf("saved\n%+v\nwant\n%+v", *got, want)
	}
	// The list now has it, selected, and the form shows the saved customer.
	if i, ok := s.pages.Find(func(c app.Customer) bool { return c.ID == got.ID }); !ok || s.selected != got.ID {
		t.Fatalf("the list does not keep the new dealer selected (row %d, %v; selected %d)", i, ok, s.selected)
	}
	if s.customer.ID != got.ID || s.title.Text != typed["name"] || s.status.Text != "Saved" {
		t.Fatalf("the form shows %d %q %q after saving", s.customer.ID, s.title.Text, s.status.Text)
	}
}

func TestCustomerProblemsShowBesideTheirFields(t *testing.T) {
	ctx, svc, s, w := openCustomers(t)
	before := countCustomers(t, ctx, svc)
	test.Tap(button(t, w, "New customer"))
	test.Type(s.entries["phone"], "12ab")
	test.Tap(button(t, w, "Save"))

	for path, want := range map[string]string{"name": "This field is required", "phone": "A phone number has digits"} {
		problem, entry := s.problems[path], s.entries[path]
		if !problem.Visible() || !strings.HasPrefix(problem.Text, want) {
			t.Errorf("%s shows %q (visible %v), want %q", path, problem.Text, problem.Visible(), want)
		}
		// Beside the field: right under its entry, in the same column.
		d := fyne.CurrentApp().Driver()
		e, p := d.AbsolutePositionForObject(entry), d.AbsolutePositionForObject(problem)
		if p.X != e.X || p.Y < e.Y+entry.Size().Height || p.Y > e.Y+entry.Size().Height+20 {
			t.Errorf("%s problem at %v is not under its entry at %v", path, p, e)
		}
	}
	if !strings.Contains(texts(w.Content()), "This field is required") {
		t.Error("the problem is not on screen")
	}
	if s.problems["email"].Visible() || s.problems["address.city"].Visible() {
		t.Error("fields without problems show one")
	}
	if w.Canvas().Focused() != s.entries["name"] {
		t.Error("the cursor is not on the first field with a problem")
	}
	test.Type(s.entries["phone"], "5")
	if s.problems["phone"].Visible() {
		t.Error("changing the phone keeps its old problem")
	}

	// Amounts and days that are not numbers are caught with the rest.
	s.kind.SetSelected("dealer")
	test.Type(s.entries["credit_limit"], "lots")
	test.Type(s.entries["payment_term_days"], "thirty")
	test.Tap(button(t, w, "Save"))
	for path, want := range map[string]string{"name": "This field is required",
		"credit_limit": "Write the amount like 5,000.00", "payment_term_days": "Write the number of days"} {
		if p := s.problems[path]; !p.Visible() || !strings.HasPrefix(p.Text, want) {
			t.Errorf("%s shows %q, want %q", path, p.Text, want)
		}
	}
	if after := countCustomers(t, ctx, svc); after != before {
		t.Fatalf("a refused customer was saved: %d customers, were %d", after, before)
	}
}

// openLeaf opens the sample dealer Leaf & Kettle in the form.
func openLeaf(t *testing.T, ctx context.Context, svc *app.Service, s *CustomerScreen) *app.Customer {
	t.Helper()
	test.Type(s.search, "Leaf")
	s.table.Select(widget.TableCellID{Row: 0, Col: 0})
	list, _, _ := svc.FindCustomers(ctx, app.CustomerFilter{Text: "Leaf"})
	c, err := svc.Customer(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if s.customer.ID != c.ID || s.entries["name"].Text != c.Name || !s.shown("credit_limit") {
		t.Fatalf("choosing %s shows %q", c.Name, s.entries["name"].Text)
	}
	return c
}

func TestCustomerEditPhone(t *testing.T) {
	ctx, svc, s, w := openCustomers(t)
	was := openLeaf(t, ctx, svc, s)
	s.entries["phone"].SetText("")
	test.Type(s.entries["phone"], "+44 161 496 0999")
	test.Tap(button(t, w, "Save"))

	got, err := svc.Customer(ctx, was.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Phone != "+44 161 496 0999" || got.Version != was.Version+1 {
		t.Fatalf("saved phone %q version %d, want the new phone and version %d", got.Phone, got.Version, was.Version+1)
	}
	// Nothing else changed: the credit limit and terms came back as they went.
	want := *was
	want.Phone, want.Version, want.UpdatedAt = got.Phone, got.Version, got.UpdatedAt
	if !reflect.DeepEqual(*got, want) {
		t.Fatalf("saved\n%+v\nwant\n%+v", *got, want)
	}
	if s.selected != was.ID || s.customer.Version != got.Version {
		t.Fatalf("after saving the list selects %d and the form holds version %d", s.selected, s.customer.Version)
	}
}

func TestCustomerChangedElsewhereSaysSoAndReloads(t *testing.T) {
	ctx, svc, s, w := openCustomers(t)
	was := openLeaf(t, ctx, svc, s)
	other := *was
	other.Notes = "changed at the other desk"
	if err := svc.SaveCustomer(ctx, &other); err != nil {
		t.Fatal(err)
	}
	s.entries["phone"].SetText("+44 161 496 0111")
	test.Tap(button(t, w, "Save"))

	top := w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(texts(top), "Someone else changed this customer") {
		t.Fatal("no word that someone else changed the customer")
	}
	if got, _ := svc.Customer(ctx, was.ID); got.Phone != was.Phone {
		t.Fatalf("the stale form overwrote the phone: %q", got.Phone)
	}
	if s.entries["notes"].Text != other.Notes || s.customer.Version != other.Version {
		t.Fatalf("the form was not reloaded: notes %q, version %d", s.entries["notes"].Text, s.customer.Version)
	}
}
