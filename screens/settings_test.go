package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// TestSettingsSaveShopProfileAndPolicy edits the shop's profile and a
// threshold through the form and reads them back from the database; a
// malformed cut-off is shown at its field and nothing is saved.
func TestSettingsSaveShopProfileAndPolicy(t *testing.T) {
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
	if !strings.Contains(s.name.Text, "Qinglan") || s.cutoff.Text != "18:00" || !s.days[1].Checked || s.days[0].Checked {
		t.Fatalf("loaded name %q, cut-off %q, days %v/%v", s.name.Text, s.cutoff.Text, s.days[1].Checked, s.days[0].Checked)
	}

	s.cutoff.SetText("6 pm")
	test.Tap(findButton(t, w, "Save settings"))
	if l := s.errors["policy.cutoff"]; l.Hidden || !strings.Contains(l.Text, "18:00") {
		t.Fatalf("cut-off problem shows %q (hidden %v)", l.Text, l.Hidden)
	}
	if shop, _ := svc.Shop(ctx); shop.Policy.CutOff != "18:00" {
		t.Fatalf("a bad cut-off was saved: %q", shop.Policy.CutOff)
	}

	s.name.SetText("")
	test.Type(s.name, "青岚茶舍")
	s.cutoff.SetText("17:30")
	s.days[6].SetChecked(true)
	s.returnDays.SetText("15")
	test.Tap(s.secondCheck)
	s.largeOrder.SetText("")
	test.Type(s.largeOrder, "3,000.00")
	s.coupons.SetText("vip10\nNEW5")
	s.docLanguage.SetSelectedIndex(2)
	if s.paper.Selected != "A4" {
		t.Fatalf("the sample shop prints on A4, the list shows %q", s.paper.Selected)
	}
	s.paper.SetSelected("US Letter")
	if !s.verifyPicks.Checked || s.completeOnSignOff.Checked {
		t.Fatalf("loaded pick check %v, complete on sign-off %v; the sample shop checks picks and completes later",
			s.verifyPicks.Checked, s.completeOnSignOff.Checked)
	}
	test.Tap(s.completeOnSignOff)
	test.Tap(findButton(t, w, "Save settings"))
	shop, err := svc.Shop(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if shop.Name != "青岚茶舍" || shop.Policy.CutOff != "17:30" || !shop.Calendar.Days[6] || shop.Policy.ReturnWindowDays != 15 ||
		!shop.Policy.SecondCheck || shop.Policy.LargeOrder != 300000 || strings.Join(shop.Policy.Coupons, " ") != "VIP10 NEW5" ||
		shop.DocumentLanguage != "zh" || !shop.Policy.VerifyPicks || !shop.Policy.CompleteOnSignOff || shop.Paper != app.PaperLetter {
		t.Fatalf("saved %+v", shop)
	}

	s.maxDiscount.SetText("lots")
	test.Tap(findButton(t, w, "Save settings"))
	if l := s.errors["policy.max_discount_percent"]; l.Hidden {
		t.Fatal("a discount limit that is not a number was not pointed out")
	}
}

// TestCarrierRulesEditor adds a rule through the dialog, is refused a
// weight that is not a number, and saves the rules in the order shown.
func TestCarrierRulesEditor(t *testing.T) {
	ctx, svc := sampleShop(t)
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1000, 700))
	e := NewCarrierRulesEditor(ctx, svc, w)
	e.background = func(f func()) { f() }
	w.SetContent(e.Content())
	if err := e.Update(ctx); err != nil {
		t.Fatal(err)
	}
	before := len(e.rules)
	if before == 0 || !strings.Contains(e.list.Text, "SF Express") {
		t.Fatalf("the sample's rules show as %q", e.list.Text)
	}
	test.Tap(findButton(t, w, "Edit carrier rules…"))
	overlay := w.Canvas().Overlays().Top()
	inOverlay := func(text string) *widget.Button {
		for _, o := range test.LaidOutObjects(overlay) {
			if b, ok := o.(*widget.Button); ok && b.Text == text {
				return b
			}
		}
		t.Fatalf("no button %q in the dialog", text)
		return nil
	}
	test.Tap(inOverlay("Add rule"))
	var entries []*widget.Entry
	for _, o := range test.LaidOutObjects(overlay) {
		if en, ok := o.(*widget.Entry); ok {
			entries = append(entries, en)
		}
	}
	last := entries[len(entries)-4:] // carrier, service, weight, places of the new row
	test.Type(last[0], "极兔 J&T")
	test.Type(last[2], "heavy")
	test.Tap(inOverlay("Save"))
	if rules, _ := svc.CarrierRules(ctx); len(rules) != before {
		t.Fatalf("a rule with a bad weight was saved: %d rules", len(rules))
	}
	last[2].SetText("")
	test.Type(last[2], "2.5")
	test.Type(last[3], "广东，福建")
	test.Tap(inOverlay("Save"))
	rules, err := svc.CarrierRules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := rules[len(rules)-1]
	if len(rules) != before+1 || got.Carrier != "极兔 J&T" || got.MaxWeightGrams != 2500 || strings.Join(got.Destinations, "|") != "广东|福建" {
		t.Fatalf("saved %+v", got)
	}
	if !strings.Contains(e.list.Text, "极兔 J&T — up to 2.5 kg; to 广东, 福建") {
		t.Fatalf("the list shows %q", e.list.Text)
	}
}

func findButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

// TestSettingsAreTheOwners: staff see the settings but cannot save them,
// and are told why before they type.
func TestSettingsAreTheOwners(t *testing.T) {
	ctx, svc := sampleShop(t)
	staff := app.WithActor(ctx, app.Actor{Name: "wang", Role: app.RoleWarehouse})
	w := test.NewWindow(nil)
	defer w.Close()
	s := NewSettingsScreen(staff, svc, w, NewSettings(newTestApp(t).Preferences()), "/tmp/shop.db")
	s.background = func(f func()) { f() }
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(900, 1400))
	if err := s.Update(staff); err != nil {
		t.Fatal(err)
	}
	if s.ownerOnly.Hidden || !s.saveButton.Disabled() || !strings.Contains(s.name.Text, "Qinglan") {
		t.Fatalf("staff: note hidden %v, save disabled %v, name %q", s.ownerOnly.Hidden, s.saveButton.Disabled(), s.name.Text)
	}
	owner := NewSettingsScreen(ctx, svc, w, NewSettings(newTestApp(t).Preferences()), "/tmp/shop.db")
	owner.background = func(f func()) { f() }
	if err := owner.Update(ctx); err != nil {
		t.Fatal(err)
	}
	if !owner.ownerOnly.Hidden || owner.saveButton.Disabled() {
		t.Fatal("the owner is told they may not change settings")
	}
}

// TestSettingsCurrencyIsTyped: a shop picks any currency by typing its
// code, the list under the entry narrowing as it goes; a code that is not
// a currency is pointed out and nothing is saved; a three-decimal
// currency reads amounts in its own minor units.
func TestSettingsCurrencyIsTyped(t *testing.T) {
	ctx, store := emptyShop(t)
	svc := app.NewService(store)
	cny, _ := app.LookupCurrency("CNY")
	if err := svc.SaveShop(ctx, app.Shop{Name: "Kaapstad Tee", Currency: cny, Country: "ZA"}); err != nil {
		t.Fatal(err)
	}
	// The window belongs to the app that is current, so that the list
	// under the entry opens on it.
	settings := NewSettings(newTestApp(t).Preferences())
	w := test.NewWindow(nil)
	defer w.Close()
	s := NewSettingsScreen(ctx, svc, w, settings, "/tmp/shop.db")
	s.background = func(f func()) { f() }
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(900, 1400))
	if err := s.Update(ctx); err != nil {
		t.Fatal(err)
	}
	if s.currency.Text != "CNY" {
		t.Fatalf("the entry shows %q, want the shop's CNY", s.currency.Text)
	}
	// choices opens the list under the entry and reads the codes in it.
	choices := func() []string {
		t.Helper()
		test.Tap(s.currency.ActionItem.(*widget.Button))
		top := w.Canvas().Overlays().Top()
		if top == nil {
			t.Fatal("the currency list did not open")
		}
		defer w.Canvas().Overlays().Remove(top)
		var out []string
		for _, o := range test.LaidOutObjects(top) {
			if txt, ok := o.(*canvas.Text); ok && txt.Text != "" {
				out = append(out, txt.Text)
			}
		}
		return out
	}
	if n := len(choices()); n != len(app.CurrencyCodes()) {
		t.Errorf("with a whole code typed the list holds %d codes, want all %d", n, len(app.CurrencyCodes()))
	}

	s.currency.SetText("")
	test.Type(s.currency, "za")
	if got := strings.Join(choices(), " "); got != "ZAR" {
		t.Errorf("after typing \"za\" the list holds %q, want ZAR", got)
	}
	test.Type(s.currency, "x")
	test.Tap(findButton(t, w, "Save settings"))
	if l := s.errors["currency"]; l.Hidden || !strings.Contains(l.Text, "three-letter code") {
		t.Fatalf("the currency problem shows %q (hidden %v)", l.Text, l.Hidden)
	}
	if shop, _ := svc.Shop(ctx); shop.Currency.Code != "CNY" {
		t.Fatalf("an unknown currency changed the shop's to %q", shop.Currency.Code)
	}

	for _, tt := range []struct {
		typed, large string
		want         app.Money
	}{{"zar", "R1,500.50", 150050}, {"KWD", "2.125", 2125}, {"xau", "", 0}} {
		s.currency.SetText(tt.typed)
		s.largeOrder.SetText(tt.large)
		test.Tap(findButton(t, w, "Save settings"))
		shop, err := svc.Shop(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if tt.typed == "xau" { // gold is no shop's currency
			if l := s.errors["currency"]; l.Hidden || shop.Currency.Code != "KWD" {
				t.Errorf("XAU: problem hidden %v, shop's currency %q", l.Hidden, shop.Currency.Code)
			}
			continue
		}
		if code := strings.ToUpper(tt.typed); shop.Currency.Code != code || shop.Policy.LargeOrder != tt.want {
			t.Errorf("typed %q and %q: saved %+v, large order %d; want %s, %d", tt.typed, tt.large,
				shop.Currency, shop.Policy.LargeOrder, code, tt.want)
		}
		if l := s.errors["currency"]; !l.Hidden {
			t.Errorf("typed %q: the currency problem %q is still shown", tt.typed, l.Text)
		}
	}
	if err := s.Update(ctx); err != nil {
		t.Fatal(err)
	}
	if s.currency.Text != "KWD" || s.largeOrder.Text != "2.125" {
		t.Errorf("reloaded currency %q, large order %q; want KWD, 2.125", s.currency.Text, s.largeOrder.Text)
	}
}
