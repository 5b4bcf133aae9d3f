package screens

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"orderdesk/app"
)

// fixedForm opens order entry on the small fixed shop, with database work
// and typing pauses run inline.
func fixedForm(t *testing.T) (*OrderForm, *app.Service, fyne.Window) {
	t.Helper()
	ctx, svc, _ := fixedShop(t)
	w := test.NewWindow(nil)
	t.Cleanup(func() {
		if windowOpen(w) { // the test may have closed it
			w.Close()
		}
	})
	f := NewOrderForm(ctx, svc, w, nil, nil)
	f.background, f.typingPause = func(fn func()) { fn() }, 0
	w.SetContent(f.Content())
	w.Resize(fyne.NewSize(1000, 900))
	if err := f.LoadShop(ctx); err != nil {
		t.Fatal(err)
	}
	return f, svc, w
}

func windowOpen(w fyne.Window) bool {
	return slices.Contains(fyne.CurrentApp().Driver().AllWindows(), w)
}

func TestOrderFormClosesAtOnceWithoutChanges(t *testing.T) {
	f, _, w := fixedForm(t)
	f.RequestClose() // the window's close button
	if windowOpen(w) || w.Canvas().Overlays().Top() != nil {
		t.Fatal("an untouched form asked before closing, or stayed open")
	}
}

func TestOrderFormAsksBeforeDiscardingChanges(t *testing.T) {
	f, _, w := fixedForm(t)
	test.Type(f.recipient, "王芳")
	f.RequestClose()
	ask := dialogOnTop(t, w)
	if shown := texts(ask); !strings.Contains(shown, "Discard changes?") || !strings.Contains(shown, "Keep editing") {
		t.Fatalf("closing a changed form does not ask:\n%s", shown)
	}
	tapIn(t, ask, "Keep editing")
	if !windowOpen(w) || f.recipient.Text != "王芳" {
		t.Fatal("keep editing lost the form or its text")
	}
	// Escape with no field focused is the same close, asked the same.
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	tapIn(t, dialogOnTop(t, w), "Discard changes")
	if windowOpen(w) {
		t.Fatal("discarding did not close the form")
	}
}

// TestNewCustomerRefusalKeepsTheDialog: a refused new customer leaves the
// dialog open with what was typed and the problem under the phone; mended,
// it saves and becomes the order's customer.
func TestNewCustomerRefusalKeepsTheDialog(t *testing.T) {
	f, _, w := fixedForm(t)
	tapIn(t, w.Content(), "New customer…")
	dlg := dialogOnTop(t, w)
	fields := entries(dlg)
	fields[0].SetText("李雷")
	fields[1].SetText("12345abc")
	tapIn(t, dlg, "Save")
	if w.Canvas().Overlays().Top() != dlg {
		t.Fatal("a refused customer closed the dialog")
	}
	if fields[0].Text != "李雷" || fields[1].Text != "12345abc" {
		t.Fatalf("the dialog lost what was typed: %q %q", fields[0].Text, fields[1].Text)
	}
	if got := problemAfterEntry(dlg, "12345abc"); !strings.Contains(got, "phone number") {
		t.Fatalf("under the phone: %q\n%s", got, texts(dlg))
	}
	fields[1].SetText("13900139000")
	tapIn(t, dlg, "Save")
	if w.Canvas().Overlays().Top() != nil {
		t.Fatalf("the mended customer was not saved:\n%s", texts(dlg))
	}
	if f.customerID == 0 || !strings.HasPrefix(f.customer.Text, "李雷") || f.recipient.Text != "李雷" {
		t.Fatalf("the new customer is not on the order: id %d, %q, recipient %q", f.customerID, f.customer.Text, f.recipient.Text)
	}
}

// TestProductSuggestedAsTyped: part of a name lists the matches; Down and
// Enter take one. A scanned barcode and Enter add its product at once,
// without a list.
func TestProductSuggestedAsTyped(t *testing.T) {
	f, svc, w := fixedForm(t)
	spring := &app.Product{SKU: "TEA-003", Name: "龙井茶 明前", Spec: "100g", Unit: "box", Price: 26800, Active: true}
	if err := svc.SaveProduct(f.ctx, spring); err != nil {
		t.Fatal(err)
	}
	w.Canvas().Focus(f.product)
	test.Type(f.product, "龙井")
	if got := f.product.Options(); len(got) != 2 || w.Canvas().Overlays().Top() == nil {
		t.Fatalf("typing part of a name offers %q (list shown: %v)", got, w.Canvas().Overlays().Top() != nil)
	}
	key(w, fyne.KeyDown)
	key(w, fyne.KeyDown)
	key(w, fyne.KeyReturn)
	if len(f.lines) != 1 || f.lines[0].product.ID != spring.ID || f.product.Text != "" {
		t.Fatalf("Down, Down, Enter added %d lines (%+v), box %q", len(f.lines), f.lines, f.product.Text)
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("the list stayed open after taking a match")
	}

	test.Type(f.product, "6901234567892")
	if w.Canvas().Overlays().Top() != nil {
		t.Fatalf("an exact barcode opened a list: %q", f.product.Options())
	}
	f.product.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(f.lines) != 2 || f.lines[1].product.SKU != "TEA-001" {
		t.Fatalf("the scanned barcode did not add its line: %d lines", len(f.lines))
	}

	// Enter on a part that several products share lists them, the
	// first highlighted: a second Enter takes it, nothing to retype.
	test.Type(f.product, "TEA")
	f.product.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if f.errors["lines"].Visible() {
		t.Fatalf("Enter on several matches says %q", f.errors["lines"].Text)
	}
	key(w, fyne.KeyReturn)
	if len(f.lines) != 2 || f.lines[1].qty.Text != "2" {
		t.Fatalf("the second Enter did not take the first match: %d lines", len(f.lines))
	}
}

func TestCustomerSuggestedAsTyped(t *testing.T) {
	f, _, w := fixedForm(t)
	w.Canvas().Focus(f.customer)
	test.Type(f.customer, "1380013")
	if got := f.customer.Options(); len(got) != 1 || !strings.HasPrefix(got[0], "张伟") {
		t.Fatalf("typing part of a phone offers %q", got)
	}
	key(w, fyne.KeyDown)
	key(w, fyne.KeyReturn)
	if f.customerID == 0 || f.recipient.Text != "张伟" || f.city.Text != "杭州市" {
		t.Fatalf("taking the match did not choose the customer: id %d, recipient %q", f.customerID, f.recipient.Text)
	}
}

// TestOrderFormErrorGoesWhenFixed: after a refused submit, mending a
// field takes its error away while another still wrong keeps its own.
func TestOrderFormErrorGoesWhenFixed(t *testing.T) {
	f, _, _ := fixedForm(t)
	test.Type(f.customer, "张伟")
	f.customer.SetText(customerLabel(f.customers[0]))
	test.Type(f.product, "TEA-001")
	f.product.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	f.phone.SetText("call me")
	f.street.SetText("")
	f.save(true)
	phone, street := f.errors["recipient.phone"], f.errors["address.street"]
	if !phone.Visible() || !street.Visible() {
		t.Fatalf("the problems are not shown: %v", f.problemTexts())
	}
	f.phone.SetText("13800138000")
	if phone.Visible() || phone.Text != "" {
		t.Fatalf("the mended phone still shows %q", phone.Text)
	}
	if !street.Visible() {
		t.Fatal("the street, still empty, lost its problem")
	}
	test.Type(f.street, "文三路 100 号")
	if street.Visible() {
		t.Fatalf("the mended street still shows %q", street.Text)
	}
}

// TestNegativePriceIsOneProblem: a negative price is said once, under its
// line, with no discount problems it did not cause.
func TestNegativePriceIsOneProblem(t *testing.T) {
	f, _, _ := fixedForm(t)
	test.Type(f.customer, "张伟")
	f.customer.SetText(customerLabel(f.customers[0]))
	test.Type(f.product, "TEA-001")
	f.product.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	f.lines[0].price.SetText("-5.00")
	f.save(true)
	line := f.lines[0].problem
	if !line.Visible() || strings.Count(line.Text, "\n") != 0 || !strings.Contains(line.Text, "negative") {
		t.Fatalf("the line shows %q, want one problem about the price", line.Text)
	}
	if others := f.problemTexts(); len(others) != 0 {
		t.Fatalf("a negative price also shows %q", others)
	}
}

// TestCustomerCopiedOnlyWithinLimits: a customer whose name is longer
// than a recipient may be leaves Recipient for the user, instead of
// filling it with a name Save then refuses.
func TestCustomerCopiedOnlyWithinLimits(t *testing.T) {
	f, _, _ := fixedForm(t)
	long := strings.Repeat("茶", app.MaxPersonRunes+1)
	f.chooseCustomer(app.Customer{ID: 1, Name: long, Phone: "13800138000",
		Address: app.Address{City: "杭州市", Street: strings.Repeat("路", app.MaxStreetRunes+1)}})
	if f.recipient.Text != "" || f.street.Text != "" {
		t.Fatalf("over-long values copied: recipient %d runes, street %d", len([]rune(f.recipient.Text)), len([]rune(f.street.Text)))
	}
	if f.phone.Text != "13800138000" || f.city.Text != "杭州市" {
		t.Fatalf("values within the limits not copied: %q %q", f.phone.Text, f.city.Text)
	}
}

// TestUnreadableQuantityIsOneProblem: checked again as the user types, a
// quantity that is no number is one problem, not also "at least 1" for
// the zero the service was given in its place.
func TestUnreadableQuantityIsOneProblem(t *testing.T) {
	f, _, _ := fixedForm(t)
	test.Type(f.product, "TEA-001")
	f.product.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	f.lines[0].qty.SetText("two")
	f.save(false)
	test.Type(f.notes, "ring twice")
	if p := f.lines[0].problem; !p.Visible() || strings.Contains(p.Text, "\n") {
		t.Fatalf("the line shows %q, want the one problem", p.Text)
	}
}

// TestEditedOrderKeepsItsCustomer: the form shows an edited order's
// customer by name; showing it must not count as typing another.
func TestEditedOrderKeepsItsCustomer(t *testing.T) {
	ctx, svc, o := fixedShop(t)
	w := test.NewWindow(nil)
	f := NewOrderForm(ctx, svc, w, o, nil)
	f.background, f.typingPause = func(fn func()) { fn() }, 0
	w.SetContent(f.Content())
	if err := f.LoadShop(ctx); err != nil {
		t.Fatal(err)
	}
	if f.customerID != o.CustomerID || f.customer.Text != o.CustomerName {
		t.Fatalf("editing shows customer %d %q, want %d %q", f.customerID, f.customer.Text, o.CustomerID, o.CustomerName)
	}
	f.RequestClose()
	if windowOpen(w) {
		w.Close()
		t.Fatal("an edited order opened and closed untouched asked first")
	}
}
