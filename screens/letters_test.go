package screens

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// TestCustomerFormDocumentLanguage: a new customer's document language
// follows the country typed (Traditional for Taiwan) until one is chosen;
// the choice is saved and shown again.
func TestCustomerFormDocumentLanguage(t *testing.T) {
	ctx, svc, s, w := openCustomers(t)
	s.NewCustomer()
	if got := s.language.Selected; got != "简体中文" {
		t.Fatalf("a new customer in the shop's country (CN) is proposed %q", got)
	}
	test.Type(s.entries["name"], "林美玲")
	country := s.entries["address.country"]
	country.SetText("")
	test.Type(country, "TW")
	if got := s.language.Selected; got != "繁體中文" {
		t.Fatalf("a customer in Taiwan is proposed %q", got)
	}
	country.SetText("GB")
	if got := s.language.Selected; got != "English" {
		t.Fatalf("a customer in Britain is proposed %q", got)
	}
	// Chosen by hand, it stays whatever the country.
	s.language.SetSelected("繁體中文")
	country.SetText("US")
	if got := s.language.Selected; got != "繁體中文" {
		t.Fatalf("the language chosen changed with the country to %q", got)
	}
	test.Tap(button(t, w, "Save"))
	found, _, err := svc.FindCustomers(ctx, app.CustomerFilter{Text: "林美玲"})
	if err != nil || len(found) == 0 {
		t.Fatalf("the customer was not saved: %v (%s)", err, s.status.Text)
	}
	c := found[len(found)-1]
	if c.DocumentLanguage != app.LanguageTraditional || c.Address.Country != "US" {
		t.Fatalf("saved language %q, country %q", c.DocumentLanguage, c.Address.Country)
	}
	s.NewCustomer()
	s.fill(&c)
	if got := s.language.Selected; got != "繁體中文" {
		t.Fatalf("the saved customer shows %q", got)
	}
	s.language.SetSelectedIndex(0)
	if got := s.chosenLanguage(); got != "" {
		t.Fatalf("the shop's language reads %q", got)
	}
}

// TestSettingsBankDetails: the bank details are typed, refused with the
// problem under the field (an IBAN whose check digits are wrong), then
// saved and shown again.
func TestSettingsBankDetails(t *testing.T) {
	ctx, svc := sampleShop(t)
	w := test.NewWindow(nil)
	defer w.Close()
	s := NewSettingsScreen(ctx, svc, w, NewSettings(newTestApp(t).Preferences()), "/tmp/shop.db")
	s.background = func(f func()) { f() }
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(900, 1400))
	if err := s.Update(ctx); err != nil {
		t.Fatal(err)
	}
	before, err := svc.Shop(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Whatever the shop held, typed over.
	for _, e := range []*widget.Entry{s.bankHolder, s.bankName, s.bankAccount, s.bankSWIFT, s.payInstructions} {
		e.SetText("")
	}
	test.Type(s.bankHolder, "Qinglan Tea House Ltd")
	test.Type(s.bankName, "Bank of China, Hangzhou")
	test.Type(s.bankAccount, "GB82 WEST 1234 5698 7654 33")
	test.Type(s.bankSWIFT, "bkchcnbj910")
	test.Type(s.payInstructions, "Quote the order number.")
	test.Tap(findButton(t, w, "Save settings"))
	if l := s.errors["bank.account"]; l.Hidden || !strings.Contains(l.Text, "check digits") {
		t.Fatalf("a wrong IBAN shows %q (hidden %v)", l.Text, l.Hidden)
	}
	if shop, _ := svc.Shop(ctx); shop.Bank != before.Bank {
		t.Fatalf("bank details with a wrong IBAN were saved: %+v", shop.Bank)
	}
	s.bankAccount.SetText("GB82 WEST 1234 5698 7654 32")
	test.Tap(findButton(t, w, "Save settings"))
	shop, err := svc.Shop(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := app.BankDetails{AccountHolder: "Qinglan Tea House Ltd", BankName: "Bank of China, Hangzhou",
		Account: "GB82 WEST 1234 5698 7654 32", SWIFT: "BKCHCNBJ910", Instructions: "Quote the order number."}
	if shop.Bank != want {
		t.Fatalf("saved %+v", shop.Bank)
	}
	s.bankAccount.SetText("")
	if err := s.Update(ctx); err != nil {
		t.Fatal(err)
	}
	if s.bankAccount.Text != want.Account || s.bankSWIFT.Text != want.SWIFT {
		t.Fatalf("shown again: %q %q", s.bankAccount.Text, s.bankSWIFT.Text)
	}
}

// TestNoLetterSaysWhy: a draft's refused letter is said in the window's
// words, with the order's number.
func TestNoLetterSaysWhy(t *testing.T) {
	newTestApp(t)
	LoadTranslations("en")
	err := error(&app.NoLetterError{Subject: "order", Number: "202611-001", Code: "draft", Reason: "it is a draft"})
	if got := errorText(errors.Join(err)); !strings.Contains(got, "202611-001") || !strings.Contains(got, "draft") {
		t.Fatalf("the refusal reads %q", got)
	}
}

// TestLetterMenuFollowsTheOrder: a draft's letter menu says why there is
// none, with nothing to open or mark sent; a cancelled order's offers its
// cancellation notice.
func TestLetterMenuFollowsTheOrder(t *testing.T) {
	ctx, svc := sampleShop(t)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	d := NewOrderDetail(ctx, svc, w, nil)
	d.background = func(fn func()) { fn() }
	w.SetContent(d.Content())
	w.Resize(fyne.NewSize(1000, 900))
	first := func(status app.Status) int64 {
		page, err := svc.SearchOrders(ctx, app.OrderQuery{Statuses: []app.Status{status}, Limit: 1})
		if err != nil || len(page.Rows) == 0 {
			t.Fatalf("no %s order in the sample shop: %v", status, err)
		}
		return page.Rows[0].ID
	}
	if err := d.Load(ctx, first(app.StatusDraft)); err != nil {
		t.Fatal(err)
	}
	d.letterMenu()
	shown := texts(dialogOnTop(t, w))
	if !strings.Contains(shown, "is a draft") || strings.Contains(shown, "Mark as sent") || strings.Contains(shown, "Save as…") {
		t.Fatalf("a draft's letter menu shows:\n%s", shown)
	}
	if err := d.Load(ctx, first(app.StatusCancelled)); err != nil {
		t.Fatal(err)
	}
	if name := letterName(d.order); !strings.HasPrefix(name, "cancellation-") {
		t.Fatalf("a cancelled order's letter is named %q", name)
	}
}
