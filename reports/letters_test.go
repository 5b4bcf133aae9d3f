package reports

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"orderdesk/app"
)

// onAccountShop is the sample shop with its bank account set up.
func onAccountShop() app.Shop {
	shop := sampleShop()
	shop.Bank = app.BankDetails{AccountHolder: "杭州青岚茶舍有限公司", BankName: "中国银行杭州西湖支行",
		Account: "3560 6802 1234 5678", SWIFT: "BKCHCNBJ910", Instructions: "请在转账附言中注明订单号。"}
	return shop
}

// TestLetterPaperDealerOrderOnOnePage prints a dealer's three-line order
// on account on US Letter, in both languages: the sums, how to pay and
// the box to sign stay on the one page with the items.
func TestLetterPaperDealerOrderOnOnePage(t *testing.T) {
	for _, l := range []Lang{LangEnglish, LangChinese} {
		o := sampleOrder(3)
		o.DueDate = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
		opt := letterOptions(l)
		opt.Paper, opt.PaymentTermDays = PaperLetter, 30
		pdf := writeLetter(t, NewConfirmationLetter(onAccountShop(), o, opt))
		if pages, size := pageCount(t, pdf); pages != 1 || !strings.HasPrefix(size, "612 x 792") {
			t.Errorf("%s: a three-line dealer order on Letter takes %d pages of %s\n%s", l, pages, size, pdfText(t, pdf))
		}
	}
}

var decided = time.Date(2026, 10, 30, 9, 0, 0, 0, time.UTC)

// britishOrder is sampleOrder delivered to London, for a customer who
// reads English, with the products' English names.
func britishOrder(n int) *app.Order {
	o := sampleOrder(n)
	o.CustomerName, o.Contact, o.CustomerKind, o.PaymentMethod = "Emily Watson", "", app.CustomerRetail, app.PayCard
	o.CustomerLanguage = "en"
	o.Address = app.Address{Province: "Greater London", City: "London", Street: "221 Baker Street, Flat 3", Postcode: "NW1 6XE", Country: "GB"}
	o.Invoice = app.InvoiceRequest{}
	o.Lines[0].Name, o.Lines[0].AltName, o.Lines[0].Unit = "伯爵红茶", "Earl Grey black tea", "罐"
	return o
}

func caseLetter(t *testing.T, c *app.Case, o *app.Order, l Lang) string {
	t.Helper()
	letter, err := app.CaseLetterFor(c)
	if err != nil {
		t.Fatalf("%s: %v", c.Status, err)
	}
	opt := RMAOptions{Lang: l, Now: letterNow, Letter: letter}
	return pdfText(t, writeRMA(t, NewRMALetter(sampleShop(), c, o, opt)))
}

// TestCaseLettersFollowTheCase reads each letter a case gets back and
// checks it says what was decided, and nothing more.
func TestCaseLettersFollowTheCase(t *testing.T) {
	o := britishOrder(3)
	requested := sampleCase(o, app.CaseReturnRefund, app.ReasonChangedMind)
	requested.Status, requested.RequestedAt = app.CaseRequested, decided.AddDate(0, 0, -2)
	text := caseLetter(t, requested, o, LangEnglish)
	for _, want := range []string{"After-sales request received", "28 Oct 2026", "decision within one working day",
		"do not send anything"} {
		if !strings.Contains(flat(text), flat(want)) {
			t.Errorf("the letter of a requested case lacks %q:\n%s", want, text)
		}
	}
	for _, unwanted := range []string{"approved", "Send the parcel to", "What to do", "we refund"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("the letter of an undecided case says %q:\n%s", unwanted, text)
		}
	}

	rejected := sampleCase(o, app.CaseReturnRefund, app.ReasonChangedMind)
	rejected.Status, rejected.DecidedAt = app.CaseRejected, decided
	rejected.DecisionNote = "The tins were opened; we take back unopened tins only."
	text = caseLetter(t, rejected, o, LangEnglish)
	for _, want := range []string{"Decision on your after-sales request", "Rejected", "30 Oct 2026",
		"The tins were opened; we take back unopened tins only.", "The goods stay with you"} {
		if !strings.Contains(flat(text), flat(want)) {
			t.Errorf("the rejection lacks %q:\n%s", want, text)
		}
	}
	for _, unwanted := range []string{"accept", "Accept", "refund", "Refund", "Send the parcel", "send the goods"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("the rejection says %q:\n%s", unwanted, text)
		}
	}
	zh := caseLetter(t, rejected, o, LangChinese)
	if !strings.Contains(zh, "不予受理") || strings.Contains(zh, "退款") || strings.Contains(zh, "已受理") {
		t.Errorf("the Chinese rejection:\n%s", zh)
	}

	resend := sampleCase(o, app.CaseResend, app.ReasonMissing)
	resend.Status, resend.DecidedAt, resend.ClosedAt = app.CaseClosed, decided, decided
	text = caseLetter(t, resend, o, LangEnglish)
	for _, want := range []string{"send you the goods below again, free of charge", "do not need to return anything",
		"Earl Grey black tea"} {
		if !strings.Contains(flat(text), flat(want)) {
			t.Errorf("the re-send lacks %q:\n%s", want, text)
		}
	}
	for _, unwanted := range []string{"Send the parcel to", "Goods to send back", "What to do", "Cut out", "RETURN"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("the re-send asks for the item back: %q\n%s", unwanted, text)
		}
	}

	partial := sampleCase(o, app.CasePartialRefund, app.ReasonDamaged)
	partial.Status, partial.DecidedAt, partial.RefundAmount = app.CaseApproved, decided, 3000
	text = caseLetter(t, partial, o, LangEnglish)
	if !strings.Contains(text, "¥30.00") || !strings.Contains(text, "Keep the goods") || strings.Contains(text, "Send the parcel") {
		t.Errorf("the partial refund:\n%s", text)
	}

	approved := sampleCase(o, app.CaseReturnRefund, app.ReasonQuality)
	approved.Status, approved.DecidedAt = app.CaseApproved, decided
	pdf := writeRMA(t, NewRMALetter(sampleShop(), approved, o, RMAOptions{Lang: LangEnglish, Now: letterNow,
		Letter: app.Letter{Kind: app.LetterReturnGoods, Date: decided}}))
	text = pdfText(t, pdf)
	for _, want := range []string{"Return authorisation", "approved your after-sales request on 30 Oct 2026",
		"Cut out and stick on the parcel", "RETURN 202611-R004", "Send the parcel to", "龙井路 18 号", "CHINA",
		"+86 571-88001234", "Earl Grey black tea"} {
		if !strings.Contains(flat(text), flat(want)) {
			t.Errorf("the return authorisation lacks %q:\n%s", want, text)
		}
	}
	if pages, _ := pageCount(t, pdf); pages != 1 {
		t.Errorf("the return authorisation with its slip takes %d pages", pages)
	}
	if codes := scanCodes(t, pdf); !strings.Contains(codes, "202611-R004") {
		t.Errorf("the slip's barcode reads %q", codes)
	}

	received := sampleCase(o, app.CaseReturnRefund, app.ReasonQuality)
	received.Status, received.DecidedAt, received.ReceivedAt, received.RefundAmount = app.CaseReceived, decided, decided.AddDate(0, 0, 5), 16800
	text = caseLetter(t, received, o, LangEnglish)
	if !strings.Contains(text, "Returned goods received") || !strings.Contains(text, "4 Nov 2026") ||
		!strings.Contains(text, "¥168.00") || strings.Contains(text, "Cut out") {
		t.Errorf("the goods' arrival:\n%s", text)
	}
}

// scanCodes reads the barcodes of a PDF's first page with zbarimg, where
// the machine has it.
func scanCodes(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("zbarimg"); err != nil {
		return "202611-R004 (zbarimg is not installed)"
	}
	dir := t.TempDir()
	poppler(t, "pdftoppm", pdf, "-r", "200", "-png", "-f", "1", "-l", "1", "{}", filepath.Join(dir, "page"))
	pages, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	if len(pages) == 0 {
		t.Fatal("no page picture")
	}
	out, _ := exec.Command("zbarimg", "-q", pages[0]).Output()
	return string(out)
}

// TestCancellationNotice: a cancelled order's letter says so, when and
// why, pays back what was paid, and asks for nothing.
func TestCancellationNotice(t *testing.T) {
	o := sampleOrder(2)
	o.Status, o.CancelReason, o.PaymentMethod = app.StatusCancelled, "out of stock at the tea garden", app.PayAlipay
	o.AmountPaid = 20000
	letter, err := app.OrderLetterFor(o, []app.Event{{Action: "order.cancel", At: decided}})
	if err != nil || letter.Kind != app.LetterCancellation {
		t.Fatalf("a cancelled order gets %+v, %v", letter, err)
	}
	opt := letterOptions(LangEnglish)
	opt.Letter = letter
	text := pdfText(t, writeLetter(t, NewConfirmationLetter(sampleShop(), o, opt)))
	for _, want := range []string{"Order cancellation notice", "was cancelled on 30 Oct 2026", "out of stock at the tea garden",
		"The ¥200.00 you paid is being paid back the way you paid (Alipay)", "Order total (cancelled)"} {
		if !strings.Contains(flat(text), flat(want)) {
			t.Errorf("the cancellation notice lacks %q:\n%s", want, text)
		}
	}
	for _, unwanted := range []string{"Order confirmation", "Customer confirmation", "How to pay", "Est. shipping", "We confirm"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("the cancellation notice says %q:\n%s", unwanted, text)
		}
	}
}

// TestOnAccountConfirmation: an order on account says when it is due, on
// what terms, and into which account to pay.
func TestOnAccountConfirmation(t *testing.T) {
	o := sampleOrder(2)
	o.DueDate = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	opt := letterOptions(LangEnglish)
	opt.PaymentTermDays = 30
	text := pdfText(t, writeLetter(t, NewConfirmationLetter(onAccountShop(), o, opt)))
	for _, want := range []string{"Payment terms", "net 30 days", "Due date", "1 Dec 2026", "How to pay", "Payment reference",
		"202611-007", "Account holder", "杭州青岚茶舍有限公司", "中国银行杭州西湖支行", "3560 6802 1234 5678", "BKCHCNBJ910",
		"请在转账附言中注明订单号。"} {
		if !strings.Contains(flat(text), flat(want)) {
			t.Errorf("the on-account letter lacks %q:\n%s", want, text)
		}
	}
	o.PaymentMethod = app.PayAlipay
	if text := pdfText(t, writeLetter(t, NewConfirmationLetter(onAccountShop(), o, opt))); strings.Contains(text, "How to pay") {
		t.Errorf("an Alipay order is told how to pay by transfer:\n%s", text)
	}
}

// TestDocumentsInTheCustomersLanguage: a British customer's letter and
// packing slip are English with the products' English names and the
// shop's address with its country and the phone as dialled from abroad;
// a Taiwanese customer's are in Traditional Chinese with Taiwan's words.
func TestDocumentsInTheCustomersLanguage(t *testing.T) {
	shop := sampleShop()
	shop.DocumentLanguage = "zh" // the shop's own papers are Chinese
	o := britishOrder(3)
	l := LangFor(shop, o)
	if l != LangEnglish {
		t.Fatalf("a British customer who reads English gets %q", l)
	}
	text := pdfText(t, writeLetter(t, NewConfirmationLetter(shop, o, letterOptions(l))))
	for _, want := range []string{"Order confirmation", "Earl Grey black tea", "221 Baker Street, Flat 3, London, NW1 6XE",
		"UNITED KINGDOM", "CHINA", "+86 571-88001234"} {
		if !strings.Contains(flat(text), flat(want)) {
			t.Errorf("the British letter lacks %q:\n%s", want, text)
		}
	}
	for _, unwanted := range []string{"伯爵红茶", "订单确认书", "Greater London", "1 罐"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("the British letter has %q:\n%s", unwanted, text)
		}
	}

	shipments, orders := britishShipment(o)
	slip := pdfText(t, writePackingSlips(t, NewPackingSlips(shop, shipments, orders, PackingSlipOptions{Lang: l, Now: letterNow})))
	for _, want := range []string{"Packing slip", "Earl Grey black tea", "London", "NW1 6XE", "CHINA", "+86 571-88001234"} {
		if !strings.Contains(flat(slip), flat(want)) {
			t.Errorf("the British packing slip lacks %q:\n%s", want, slip)
		}
	}
	items := slip[strings.Index(slip, "Items"):]
	if !regexp.MustCompile(`TEA-LJ-250\s+Earl Grey black tea\s+250g 罐装\s+1\n`).MatchString(items) ||
		strings.Contains(items[:strings.Index(items, "Total units")], "伯爵红茶") || strings.Contains(slip, "装箱单") {
		t.Errorf("the British packing slip is in Chinese:\n%s", slip)
	}

	tw := sampleOrder(2)
	tw.CustomerLanguage = app.LanguageTraditional
	tw.Address = app.Address{Province: "臺北市", City: "臺北市", District: "大安區", Street: "忠孝東路四段 100 號", Postcode: "106", Country: "TW"}
	tw.Lines[0].Name, tw.Lines[0].AltName = "伯爵红茶", "Earl Grey black tea"
	if l = LangFor(shop, tw); l != LangTaiwan {
		t.Fatalf("a Taiwanese customer gets %q", l)
	}
	text = pdfText(t, writeLetter(t, NewConfirmationLetter(shop, tw, letterOptions(l))))
	for _, want := range []string{"訂單確認書", "伯爵紅茶", "106臺北市大安區忠孝", "台灣"} {
		if !strings.Contains(flat(text), flat(want)) {
			t.Errorf("the Taiwanese letter lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "订单确认书") || strings.Contains(text, "臺北市臺北市") {
		t.Errorf("the Taiwanese letter:\n%s", text)
	}
}

// britishShipment is one parcel of the order's lines.
func britishShipment(o *app.Order) ([]app.Shipment, []*app.Order) {
	o.ID = 7
	s := app.Shipment{Number: o.Number + "-1", OrderIDs: []int64{o.ID}, RecipientName: o.CustomerName,
		RecipientPhone: "+44 20 7946 0958", Address: o.Address, Carrier: "SF International", PackedAt: decided}
	for i := range o.Lines {
		o.Lines[i].ID = int64(100 + i)
		line := o.Lines[i]
		s.Lines = append(s.Lines, app.ShipmentLine{OrderID: o.ID, OrderNumber: o.Number, LineID: line.ID, SKU: line.SKU,
			Name: line.Name, Spec: line.Spec, Unit: line.Unit, Qty: line.Qty, UnitPrice: line.UnitPrice})
	}
	return []app.Shipment{s}, []*app.Order{o}
}

// TestPostalAddress writes addresses as each country's post reads them.
func TestPostalAddress(t *testing.T) {
	for _, c := range []struct {
		name string
		a    app.Address
		l    Lang
		from string
		want string
	}{
		{"Beijing, at home", app.Address{Province: "北京市", City: "北京市", District: "朝阳区", Street: "建国路 93 号", Postcode: "100022", Country: "CN"},
			LangChinese, "CN", "100022 北京市朝阳区|建国路 93 号"},
		{"Berlin from China", app.Address{Province: "Berlin", City: "Berlin", Street: "Friedrichstraße 43", Postcode: "10117", Country: "DE"},
			LangEnglish, "CN", "Friedrichstraße 43|10117 Berlin|GERMANY"},
		{"London", app.Address{Province: "Greater London", City: "London", Street: "221 Baker Street", Postcode: "NW1 6XE", Country: "GB"},
			LangEnglish, "CN", "221 Baker Street|London|NW1 6XE|UNITED KINGDOM"},
		{"San Francisco", app.Address{Province: "CA", City: "San Francisco", Street: "750 Kearny Street", Postcode: "94108", Country: "US"},
			LangEnglish, "CN", "750 Kearny Street|San Francisco CA 94108|UNITED STATES"},
		{"Sydney, at home", app.Address{Province: "NSW", City: "Sydney", Street: "12 George Street", Postcode: "2000", Country: "AU"},
			LangEnglish, "AU", "12 George Street|Sydney NSW 2000"},
		{"Paris in Chinese", app.Address{Province: "Île-de-France", City: "Paris", Street: "18 Rue de Rivoli", Postcode: "75004", Country: "FR"},
			LangChinese, "CN", "18 Rue de Rivoli|75004 Paris|法国"},
		{"Hong Kong from China", app.Address{Province: "香港", City: "香港", District: "九龍城區", Street: "太子道西 200 號", Country: "HK"},
			LangHongKong, "CN", "香港九龍城區|太子道西 200 號|香港"},
		{"Tokyo", app.Address{Province: "東京都", City: "千代田区", Street: "丸の内 1-1", Postcode: "100-0005", Country: "JP"},
			LangEnglish, "CN", "〒100-0005 東京都千代田区|丸の内 1-1|JAPAN"},
	} {
		if got := strings.Join(PostalAddress(c.a, c.l, c.from), "|"); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	if got := InternationalPhone("0571-88001234", "CN"); got != "+86 571-88001234" {
		t.Errorf("international phone %q", got)
	}
	if got := InternationalPhone("(020) 7946 0958", "GB"); got != "+44 20 7946 0958" {
		t.Errorf("international phone %q", got)
	}
}

// BenchmarkTraditional converts a letter's wording to Taiwan's Chinese
// with the converter built once: what Traditional costs per document.
func BenchmarkTraditional(b *testing.B) {
	LangTaiwan.script("预热") // the dictionaries load once per program
	var words []string
	for _, w := range labels {
		words = append(words, w.zh)
	}
	for b.Loop() {
		for _, w := range words {
			LangTaiwan.script(w)
		}
	}
}

// TestInternationalLabel: a parcel to London is labelled in English (the
// destination's language) with the country under the address, the
// sender's country and phone as dialled from abroad, in the PDF and in
// the ZPL the thermal printer gets; a parcel at home names no country.
func TestInternationalLabel(t *testing.T) {
	o := britishOrder(2)
	shipments, _ := britishShipment(o)
	v := NewShippingLabels(sampleShop(), shipments, LabelOptions{Now: letterNow})
	text := pdfText(t, writeLabels(t, v))
	for _, want := range []string{"TO", "FROM", "221 Baker Street, Flat 3", "London", "NW1 6XE", "UNITED KINGDOM", "CHINA",
		"+86 571-88001234"} {
		if !strings.Contains(text, want) {
			t.Errorf("the label lacks %q:\n%s", want, text)
		}
	}
	var zpl strings.Builder
	if err := WriteShippingLabelsZPL(&zpl, v, 203); err != nil {
		t.Fatal(err)
	}
	// The sender's line, with the shop's Chinese name, is drawn as a
	// picture there; the recipient's are the printer's own text.
	for _, want := range []string{"^FDLondon", "^FDNW1 6XE", "^FDUNITED KINGDOM"} {
		if !strings.Contains(zpl.String(), want) {
			t.Errorf("the ZPL label lacks %q", want)
		}
	}

	home := shipments[0]
	home.Address = app.Address{Province: "北京市", City: "北京市", District: "朝阳区", Street: "建国路 93 号", Postcode: "100022", Country: "CN"}
	text = pdfText(t, writeLabels(t, NewShippingLabels(sampleShop(), []app.Shipment{home}, LabelOptions{Now: letterNow})))
	if !strings.Contains(flat(text), "100022北京市朝阳区") || strings.Contains(text, "北京市北京市") ||
		strings.Contains(text, "中国") || strings.Contains(text, "CHINA") || !strings.Contains(text, "收件人") {
		t.Errorf("the domestic label:\n%s", text)
	}
}
