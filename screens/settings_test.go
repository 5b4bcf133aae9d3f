package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestSettingsSaveShopProfileAndPolicy edits the shop's profile and a
// threshold through the form and reads them back from the database; a
// malformed cut-off is shown at its field and nothing is saved.
func TestSettingsSaveShopProfileAndPolicy(t *testing.T) {
	ctx, svc := sampleShop(t)
	w := test.NewWindow(nil)
	defer w.Close()
	s := NewSettingsScreen(ctx, svc, w, NewSettings(test.NewTempApp(t).Preferences()), "/tmp/shop.db")
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
	test.Tap(findButton(t, w, "Save settings"))
	shop, err := svc.Shop(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if shop.Name != "青岚茶舍" || shop.Policy.CutOff != "17:30" || !shop.Calendar.Days[6] || shop.Policy.ReturnWindowDays != 15 ||
		!shop.Policy.SecondCheck || shop.Policy.LargeOrder != 300000 || strings.Join(shop.Policy.Coupons, " ") != "VIP10 NEW5" ||
		shop.DocumentLanguage != "zh" {
		t.Fatalf("saved %+v", shop)
	}

	s.maxDiscount.SetText("lots")
	test.Tap(findButton(t, w, "Save settings"))
	if l := s.errors["policy.max_discount_percent"]; l.Hidden {
		t.Fatal("a discount limit that is not a number was not pointed out")
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
