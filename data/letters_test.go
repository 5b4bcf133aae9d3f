package data_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"orderdesk/app"
	"orderdesk/reports"
)

// pdfText reads a PDF back with pdftotext; the test is skipped where
// poppler-utils is not installed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestLettersOnARealShop runs the letters through the services on a
// database file: a British customer made without a language is given
// English by the country; their draft gets no letter and no "sent" in
// its history; confirmed, the letter is English with the product's
// English name and the shop's country; cancelled, a cancellation notice
// dated the day it was cancelled, and sending it is recorded as that; a
// rejected case's letter gives the reason. The shop's bank details are
// kept.
func TestLettersOnARealShop(t *testing.T) {
	f := fulfilShop(t)
	shop, err := f.svc.Shop(f.ctx)
	f.must(err)
	shop.DocumentLanguage = "zh" // the shop's own papers are Chinese
	shop.Address = app.Address{Province: "上海市", City: "上海市", District: "黄浦区", Street: "南京东路 1 号", Postcode: "200001", Country: "CN"}
	shop.Phone = "021-63210000"
	shop.Bank = app.BankDetails{AccountHolder: "Test Shop Ltd", BankName: "Bank of China", Account: "6222 0210 0109 8765 432",
		SWIFT: "BKCHCNBJ300", Instructions: "Quote the order number."}
	f.must(f.svc.SaveShop(f.ctx, shop))
	if shop, err = f.svc.Shop(f.ctx); err != nil || shop.Bank.SWIFT != "BKCHCNBJ300" || shop.Bank.Instructions != "Quote the order number." {
		t.Fatalf("the bank details read back as %+v (%v)", shop.Bank, err)
	}
	if f.retail.DocumentLanguage != app.LanguageChinese || f.dealer.DocumentLanguage != app.LanguageTraditional {
		t.Fatalf("proposed languages: %q for China, %q for Hong Kong", f.retail.DocumentLanguage, f.dealer.DocumentLanguage)
	}
	british := &app.Customer{Name: "Emily Watson", Kind: app.CustomerRetail, Phone: "+44 20 7946 0958",
		Address: app.Address{City: "London", Street: "221 Baker Street", Postcode: "NW1 6XE", Country: "GB"}}
	f.must(f.svc.SaveCustomer(f.ctx, british))
	if british.DocumentLanguage != app.LanguageEnglish {
		t.Fatalf("a British customer is given %q", british.DocumentLanguage)
	}
	in := f.input(app.LineInput{SKU: "TEA-001", Qty: 2})
	in.CustomerID, in.RecipientName, in.RecipientPhone, in.Address = british.ID, "Emily Watson", "+44 20 7946 0958", british.Address

	draft, err := f.svc.CreateOrder(f.ctx, in, false)
	f.must(err)
	var none *app.NoLetterError
	if _, _, err := f.svc.OrderLetter(f.ctx, draft.ID); !errors.As(err, &none) || none.Code != "draft" {
		t.Fatalf("a draft's letter: %v", err)
	}
	if err := f.svc.ConfirmationSent(f.ctx, draft.ID, "e-mail"); !errors.As(err, &none) {
		t.Fatalf("a draft's confirmation was marked sent: %v", err)
	}

	f.clock = f.clock.Add(time.Hour)
	o := f.confirmed(in)
	o, letter, err := f.svc.OrderLetter(f.ctx, o.ID)
	f.must(err)
	if letter.Kind != app.LetterConfirmation || !letter.Date.Equal(f.clock) || o.CustomerLanguage != app.LanguageEnglish ||
		o.Lines[0].AltName != "Longjing tea" {
		t.Fatalf("the letter %+v, language %q, alt name %q", letter, o.CustomerLanguage, o.Lines[0].AltName)
	}
	l := reports.LangFor(shop, o)
	var buf bytes.Buffer
	f.must(reports.WriteConfirmationLetter(&buf, reports.NewConfirmationLetter(shop, o, reports.LetterOptions{Lang: l,
		Now: f.clock, Letter: letter})))
	text := pdfText(t, buf.Bytes())
	for _, want := range []string{"Order confirmation", "Longjing tea", "London", "UNITED KINGDOM", "CHINA", "+86 21-63210000"} {
		if !strings.Contains(text, want) {
			t.Errorf("the British customer's letter lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "龙井茶") || strings.Contains(text, "订单确认书") {
		t.Errorf("the British customer's letter is in Chinese:\n%s", text)
	}

	f.clock = f.clock.Add(24 * time.Hour)
	_, err = f.svc.Cancel(f.ctx, o.ID, "customer changed their mind")
	f.must(err)
	if _, letter, err = f.svc.OrderLetter(f.ctx, o.ID); err != nil || letter.Kind != app.LetterCancellation || !letter.Date.Equal(f.clock) {
		t.Fatalf("a cancelled order's letter %+v (%v)", letter, err)
	}
	f.must(f.svc.ConfirmationSent(f.ctx, o.ID, "e-mail"))
	history, err := f.svc.History(f.ctx, app.SubjectOrder, o.ID)
	f.must(err)
	var sent []string
	for _, e := range history {
		if strings.HasSuffix(e.Action, "_sent") {
			sent = append(sent, e.Action+": "+e.Summary)
		}
	}
	if len(sent) != 1 || !strings.Contains(sent[0], "order.cancellation_sent: Cancellation notice") {
		t.Fatalf("the history says %q", sent)
	}

	delivered := f.delivered(app.LineInput{SKU: "CUP-002", Qty: 1})
	c, err := f.svc.OpenCase(f.ctx, app.CaseInput{OrderID: delivered.ID, Kind: app.CaseReturnRefund, Reason: app.ReasonChangedMind,
		Lines: []app.CaseLineInput{{LineID: delivered.Lines[0].ID, Qty: 1}}})
	f.must(err)
	c, err = f.svc.RejectCase(f.ctx, c.ID, "the cup was used")
	f.must(err)
	caseLetter, err := app.CaseLetterFor(c)
	f.must(err)
	delivered = f.order(delivered.ID)
	buf.Reset()
	f.must(reports.WriteRMALetter(&buf, reports.NewRMALetter(shop, c, delivered, reports.RMAOptions{Lang: reports.LangEnglish,
		Now: f.clock, Letter: caseLetter})))
	text = pdfText(t, buf.Bytes())
	if !strings.Contains(text, "Rejected") || !strings.Contains(text, "the cup was used") || strings.Contains(text, "refund") ||
		!strings.Contains(text, "Porcelain cup") {
		t.Errorf("the rejected case's letter:\n%s", text)
	}
}
