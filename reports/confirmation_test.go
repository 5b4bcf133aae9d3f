package reports

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"orderdesk/app"
)

var letterNow = time.Date(2026, 11, 2, 10, 15, 0, 0, time.FixedZone("CST", 8*3600))

func sampleShop() app.Shop {
	cny, _ := app.LookupCurrency("CNY")
	return app.Shop{
		Name: "青岚茶舍 Qinglan Tea House", Currency: cny, Country: "CN",
		Phone: "0571-88001234", Email: "service@qinglan.example", TaxID: "91330106MA2KXXXX0X",
		Address: app.Address{Province: "浙江省", City: "杭州市", District: "西湖区", Street: "龙井路 18 号", Postcode: "310013", Country: "CN"},
	}
}

// sampleOrder is a dealer's order of n lines with Chinese names.
func sampleOrder(n int) *app.Order {
	products := []struct{ sku, name, spec, unit string }{
		{"TEA-LJ-250", "西湖龙井 明前特级", "250g 罐装", "罐"},
		{"POT-ZS-300", "宜兴紫砂壶 西施 Yixing teapot with a long English name", "300ml", "把"},
		{"CUP-BC-6", "白瓷品茗杯六只装", "6 只/盒", "盒"},
		{"TEA-PE-357", "云南普洱生茶饼", "357g", "饼"},
	}
	o := &app.Order{
		Number: "202611-007", Channel: app.ChannelDealer, PlatformOrderID: "",
		CustomerName: "杭州茗香茶行有限公司", CustomerKind: app.CustomerDealer, CustomerPhone: "0571-87654321",
		Contact:       "沈国强",
		RecipientName: "沈国强", RecipientPhone: "138 0571 2468",
		Address:     app.Address{Province: "浙江省", City: "杭州市", District: "上城区", Street: "河坊街 188 号 2 楼", Postcode: "310002", Country: "CN"},
		ShippingFee: 1500, CouponCode: "DEALER-NOV", OrderDiscount: 5000, AmountPaid: 20000,
		PaymentMethod: app.PayCredit,
		Delivery: app.Delivery{Urgency: app.UrgencyUrgent, TimeSlot: "工作日 9:00-12:00",
			ExpectedDate: time.Date(2026, 11, 6, 0, 0, 0, 0, time.Local)},
		SpecialRequest: "防潮包装，礼盒单独装箱；请勿放价格单。",
		Invoice:        app.InvoiceRequest{Type: app.InvoiceVATSpec, Title: "杭州茗香茶行有限公司", TaxID: "91330102MA27YYYY1Y"},
		OrderedAt:      time.Date(2026, 11, 1, 6, 30, 0, 0, time.UTC),
	}
	for i := range n {
		p := products[i%len(products)]
		o.Lines = append(o.Lines, app.OrderLine{LineNo: i + 1, SKU: p.sku, Name: p.name, Spec: p.spec, Unit: p.unit,
			Qty: int64(1 + i%7), UnitPrice: app.Money(16800 + 1000*(i%5)), Discount: app.Money(500 * (i % 3))})
	}
	o.Recalculate()
	return o
}

func letterOptions(l Lang) LetterOptions {
	return LetterOptions{Lang: l, Now: letterNow, ExpectedShip: time.Date(2026, 11, 3, 0, 0, 0, 0, time.Local)}
}

func writeLetter(t testing.TB, v ConfirmationLetter) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteConfirmationLetter(&buf, v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// poppler runs one of poppler-utils' tools with the PDF's path in place
// of "{}" and returns what it prints; the test is skipped where the tool
// is not installed.
func poppler(t *testing.T, tool string, pdf []byte, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath(tool)
	if err != nil {
		t.Skipf("%s (poppler-utils) is not installed", tool)
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	for i, a := range args {
		if a == "{}" {
			args[i] = path
		}
	}
	out, err := exec.Command(bin, args...).Output()
	if err != nil {
		t.Fatalf("%s: %v", tool, err)
	}
	return string(out)
}

func pdfText(t *testing.T, pdf []byte) string {
	return poppler(t, "pdftotext", pdf, "-layout", "{}", "-")
}

// flat is text without any spaces or line breaks, to compare wrapped text
// with its source.
func flat(s string) string { return strings.Join(strings.Fields(s), "") }

func pageCount(t *testing.T, pdf []byte) (pages int, size string) {
	info := poppler(t, "pdfinfo", pdf, "{}")
	if m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info); m != nil {
		pages, _ = strconv.Atoi(m[1])
	}
	if m := regexp.MustCompile(`Page size:\s+(.*)`).FindStringSubmatch(info); m != nil {
		size = strings.TrimSpace(m[1])
	}
	return pages, size
}

func TestConfirmationLetterChinese(t *testing.T) {
	shop, o := sampleShop(), sampleOrder(4)
	pdf := writeLetter(t, NewConfirmationLetter(shop, o, letterOptions(LangChinese)))
	if len(pdf) > 80_000 {
		t.Errorf("a one-page Chinese letter is %d bytes; the font is not being subset", len(pdf))
	}
	got := pdfText(t, pdf)
	f := flat(got)
	for _, want := range []string{"订单确认书", "202611-007", "杭州茗香茶行有限公司", "西湖龙井明前特级", "白瓷品茗杯六只装",
		flat(shop.Currency.Format(o.Payable)), "2026年11月2日", "2026年11月1日14:30", "2026年11月3日", "2026年11月6日",
		"加急", "经销商", "账期结算", "增值税专用发票", "订单优惠（优惠券DEALER-NOV）", "-¥50.00",
		"防潮包装，礼盒单独装箱；请勿放价格单。", "310002浙江省杭州市", "河坊街188号2楼",
		"如对本订单有任何疑问，请联系我们：电话0571-88001234·邮箱service@qinglan.example",
		"我方确认以上订单内容。", "公司盖章", "第1页，共1页"} {
		if !strings.Contains(f, want) {
			t.Errorf("the letter lacks %q:\n%s", want, got)
		}
	}
	if pages, _ := pageCount(t, pdf); pages != 1 {
		t.Errorf("a four-line letter takes %d pages", pages)
	}
}

func TestConfirmationLetterEnglish(t *testing.T) {
	o := sampleOrder(3)
	o.CustomerKind, o.Channel, o.PaymentMethod = app.CustomerRetail, app.ChannelTmall, app.PayAlipay
	o.PlatformOrderID = "TM-3325-8841-0071"
	o.AmountPaid = o.Payable
	o.Recalculate()
	pdf := writeLetter(t, NewConfirmationLetter(sampleShop(), o, letterOptions(LangEnglish)))
	got := pdfText(t, pdf)
	f := flat(got)
	for _, want := range []string{"Orderconfirmation", "Ordernumber", "202611-007", "2Nov2026", "1Nov202614:30",
		"Tmall", "TM-3325-8841-0071", "Alipay", "Totalpayable", "Page1of1", "杭州茗香茶行有限公司"} {
		if !strings.Contains(f, want) {
			t.Errorf("the letter lacks %q:\n%s", want, got)
		}
	}
	if !regexp.MustCompile(`Payment status\s+paid`).MatchString(got) {
		t.Errorf("the paid order does not say so:\n%s", got)
	}
	// A retail customer is not asked to sign anything.
	for _, unwanted := range []string{"Customer confirmation", "We confirm the order above", "Company seal"} {
		if strings.Contains(got, unwanted) {
			t.Errorf("a retail letter has %q", unwanted)
		}
	}
}

func TestConfirmationLetterDealerSigns(t *testing.T) {
	got := pdfText(t, writeLetter(t, NewConfirmationLetter(sampleShop(), sampleOrder(2), letterOptions(LangEnglish))))
	for _, want := range []string{"Customer confirmation", "We confirm the order above.", "within 2 working days",
		"Signature", "Company seal"} {
		if !strings.Contains(got, want) {
			t.Errorf("the dealer's letter lacks %q:\n%s", want, got)
		}
	}
}

// TestConfirmationLetterLongChinese wraps a 200-character address and a
// 300-character special request over many lines and finds every
// character again; an emoji in them prints as "?" instead of panicking.
func TestConfirmationLetterLongChinese(t *testing.T) {
	const phrase = "浙江省杭州市西湖区文三路一百号，青岚大厦东楼十二层（近学院路口）；"
	address := strings.Repeat(phrase, 200/len([]rune(phrase))+1)
	address = string([]rune(address)[:200])
	request := strings.Repeat("请用防潮袋包好每一罐茶叶，外箱贴“易碎”标识，礼盒里附手写贺卡：生日快乐，不放价格单。", 8)
	request = string([]rune(request)[:299]) + "🎁"
	o := sampleOrder(3)
	o.Address = app.Address{Street: address}
	o.SpecialRequest = request
	pdf := writeLetter(t, NewConfirmationLetter(sampleShop(), o, letterOptions(LangChinese)))
	got := pdfText(t, pdf)
	f := flat(got)
	for name, want := range map[string]string{"address": address, "special request": strings.TrimSuffix(request, "🎁") + "?"} {
		if !strings.Contains(f, flat(want)) {
			t.Errorf("the %s lost characters in the wrap:\nwant %s\ngot:\n%s", name, flat(want), got)
		}
	}
	for _, line := range strings.Split(got, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "，") {
			t.Errorf("a line starts with a comma: %q", line)
		}
	}
}

func TestConfirmationLetterLetterPaper(t *testing.T) {
	opt := letterOptions(LangEnglish)
	opt.Paper = PaperLetter
	pdf := writeLetter(t, NewConfirmationLetter(sampleShop(), sampleOrder(3), opt))
	if _, size := pageCount(t, pdf); !strings.HasPrefix(size, "612 x 792 pts") {
		t.Errorf("Letter paper gives pages of %q, want 612 x 792 pts", size)
	}
	opt.Paper = "A5"
	if err := WriteConfirmationLetter(&bytes.Buffer{}, NewConfirmationLetter(sampleShop(), sampleOrder(1), opt)); err == nil {
		t.Error("an unknown paper size was accepted")
	}
}

// TestConfirmationLetterManyLines runs a 60-line order over several pages,
// each with the table's header on top and the page count in the footer.
func TestConfirmationLetterManyLines(t *testing.T) {
	pdf := writeLetter(t, NewConfirmationLetter(sampleShop(), sampleOrder(60), letterOptions(LangChinese)))
	pages, _ := pageCount(t, pdf)
	if pages < 2 {
		t.Fatalf("60 lines fit on %d page", pages)
	}
	got := pdfText(t, pdf)
	perPage := strings.Split(got, "\f")
	for p := 1; p <= pages; p++ {
		if want := fmt.Sprintf("第 %d 页，共 %d 页", p, pages); !strings.Contains(perPage[p-1], want) {
			t.Errorf("page %d lacks %q", p, want)
		}
	}
	heads := regexp.MustCompile(`货号\s+商品\s+规格\s+数量\s+单价`).FindAllString(got, -1)
	tablePages := 0
	for _, page := range perPage {
		if regexp.MustCompile(`(TEA|POT|CUP)-[A-Z]{2}-\d`).MatchString(page) {
			tablePages++
		}
	}
	if len(heads) != tablePages || tablePages < 2 {
		t.Errorf("the table runs over %d pages and has its header %d times", tablePages, len(heads))
	}
	if n := strings.Count(got, "TEA-PE-357"); n != 15 {
		t.Errorf("%d of the 15 lines of TEA-PE-357 printed", n)
	}
}

func testLogo(t testing.TB) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 120, 60))
	for y := range 60 {
		for x := range 120 {
			img.Set(x, y, color.NRGBA{R: uint8(x * 2), G: 120, B: uint8(y * 4), A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestConfirmationLetterLogo(t *testing.T) {
	shop, o := sampleShop(), sampleOrder(2)
	plain := writeLetter(t, NewConfirmationLetter(shop, o, letterOptions(LangEnglish)))
	good := testLogo(t)
	for name, logo := range map[string][]byte{
		"garbage":      []byte("not a picture at all"),
		"cut-off PNG":  good[:len(good)/2],
		"PNG header":   []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
		"JPEG header":  {0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10},
		"empty":        nil,
		"just a magic": []byte("\x89PNG\r\n\x1a\n"),
	} {
		shop.Logo = logo
		pdf := writeLetter(t, NewConfirmationLetter(shop, o, letterOptions(LangEnglish)))
		if !bytes.Equal(pdf, plain) {
			t.Errorf("a letter with a bad logo (%s) differs from one without", name)
		}
	}
	img, _ := png.Decode(bytes.NewReader(good))
	var photo bytes.Buffer
	if err := jpeg.Encode(&photo, img, nil); err != nil {
		t.Fatal(err)
	}
	for name, logo := range map[string][]byte{"PNG": good, "JPEG": photo.Bytes()} {
		shop.Logo = logo
		pdf := writeLetter(t, NewConfirmationLetter(shop, o, letterOptions(LangEnglish)))
		if list := poppler(t, "pdfimages", pdf, "-list", "{}"); !strings.Contains(list, "120    60") {
			t.Errorf("the %s logo is not in the letter:\n%s", name, list)
		}
	}
}

// TestConfirmationLetterSixteenBitLogo prints a 16-bit PNG, which gofpdf
// cannot read itself, by way of a plain copy.
func TestConfirmationLetterSixteenBitLogo(t *testing.T) {
	img := image.NewRGBA64(image.Rect(0, 0, 40, 20))
	for x := range 40 {
		img.Set(x, x/2, color.RGBA64{R: 0xFFFF, A: 0xFFFF})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	shop := sampleShop()
	shop.Logo = buf.Bytes()
	pdf := writeLetter(t, NewConfirmationLetter(shop, sampleOrder(1), letterOptions(LangEnglish)))
	if list := poppler(t, "pdfimages", pdf, "-list", "{}"); !strings.Contains(list, "40    20") {
		t.Errorf("the 16-bit logo is not in the letter:\n%s", list)
	}
}

// TestConfirmationLetterReproducible: the same letter twice is the same
// file, so a reprint can be compared with what was sent.
func TestConfirmationLetterReproducible(t *testing.T) {
	v := NewConfirmationLetter(sampleShop(), sampleOrder(5), letterOptions(LangChinese))
	if !bytes.Equal(writeLetter(t, v), writeLetter(t, v)) {
		t.Error("the same letter printed twice gives different files")
	}
}

// TestLabelsCoverTheShopsLists: every channel, payment method and payment
// status the app knows has a word in both languages.
func TestLabelsCoverTheShopsLists(t *testing.T) {
	var keys []string
	for _, c := range app.Channels() {
		keys = append(keys, "channel."+string(c))
	}
	for _, m := range app.PaymentMethods() {
		keys = append(keys, "method."+string(m))
	}
	for _, s := range app.PaymentStatuses() {
		keys = append(keys, "payment."+string(s))
	}
	keys = append(keys, "urgency."+string(app.UrgencyStandard), "urgency."+string(app.UrgencyUrgent),
		"invoice."+string(app.InvoiceNormal), "invoice."+string(app.InvoiceVATSpec))
	for _, k := range keys {
		if _, ok := labels[k]; !ok {
			t.Errorf("no label for %s", k)
		}
	}
	for k, w := range labels {
		if w.en == "" || w.zh == "" {
			t.Errorf("label %s lacks a language: %+v", k, w)
		}
	}
	if got := Lang("fr").label("total"); got != "Total payable" {
		t.Errorf("an unknown language reads %q, want English", got)
	}
}

// TestWriteSampleLetters writes sample letters for a person to look at
// when ORDERDESK_SAMPLES names a folder.
func TestWriteSampleLetters(t *testing.T) {
	dir := os.Getenv("ORDERDESK_SAMPLES")
	if dir == "" {
		t.Skip("set ORDERDESK_SAMPLES to a folder to get sample letters")
	}
	shop := sampleShop()
	shop.Logo = testLogo(t)
	save := func(name string, pdf []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, l := range map[string]Lang{"zh": LangChinese, "en": LangEnglish} {
		for _, lines := range []int{4, 60} {
			save(fmt.Sprintf("letter-%s-%d.pdf", name, lines), writeLetter(t, NewConfirmationLetter(shop, sampleOrder(lines), letterOptions(l))))
		}
	}
	long := sampleOrder(3)
	long.Address = app.Address{Street: strings.Repeat("浙江省杭州市西湖区文三路一百号，青岚大厦东楼十二层（近学院路口）；", 6)}
	long.SpecialRequest = strings.Repeat("请用防潮袋包好每一罐茶叶，外箱贴“易碎”标识，礼盒里附手写贺卡：生日快乐，不放价格单。", 7) + "🎁"
	long.Lines[1].Name = strings.Repeat("宜兴紫砂壶西施壶", 8)
	opt := letterOptions(LangChinese)
	opt.Paper = PaperLetter
	save("letter-zh-long.pdf", writeLetter(t, NewConfirmationLetter(shop, long, opt)))
	var sheet bytes.Buffer
	if err := WriteOrderSheet(&sheet, sampleSheet()); err != nil {
		t.Fatal(err)
	}
	save("ordersheet.pdf", sheet.Bytes())
}

func BenchmarkConfirmationLetter(b *testing.B) {
	v := NewConfirmationLetter(sampleShop(), sampleOrder(4), letterOptions(LangChinese))
	for b.Loop() {
		if err := WriteConfirmationLetter(&bytes.Buffer{}, v); err != nil {
			b.Fatal(err)
		}
	}
}
