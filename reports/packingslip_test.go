package reports

import (
	"bytes"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func writePackingSlips(t testing.TB, v PackingSlips) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePackingSlips(&buf, v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestPackingSlipWithPrices prints the merged shipment's lines with their
// prices, the discount's share of the units shipped, the goods' value,
// each order's payment, and the customer's sign-off.
func TestPackingSlipWithPrices(t *testing.T) {
	shipments, orders := sampleShipments()
	pdf := writePackingSlips(t, NewPackingSlips(sampleShop(), shipments[:1], orders, PackingSlipOptions{Lang: LangChinese, Now: letterNow, Prices: true}))
	got := pdfText(t, pdf)
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`202611-007\s+TEA-LJ-250\s+西湖龙井 明前特级\s+250g 罐装\s+1\s*罐\s+¥168\.00\s+¥168\.00`),
		// Two of the line's two pots: all of its ¥5.00 discount.
		regexp.MustCompile(`202611-007\s+POT-ZS-300\s+宜兴紫砂壶 西施.*\s+300ml\s+2\s*把\s+¥178\.00\s+-¥5\.00\s+¥351\.00`),
		regexp.MustCompile(`202611-009\s+TEA-PE-357\s+云南普洱生茶饼\s+357g\s+4\s*饼\s+¥198\.00\s+-¥20\.00\s+¥772\.00`),
		regexp.MustCompile(`合计件数\s+8`),
		regexp.MustCompile(`本次发货商品金额\s+¥1,379\.00`),
		regexp.MustCompile(`202611-007\s+账期结算 · 部分付款 ·`),
		regexp.MustCompile(`202611-009\s+支付宝 · 已付款`),
		regexp.MustCompile(`件数\s+2 · 3\.25 kg`),
		regexp.MustCompile(`运单号\s+SF1234567890123`),
	} {
		if !want.MatchString(got) {
			t.Errorf("the slip lacks %s:\n%s", want, got)
		}
	}
	f := flat(got)
	for _, want := range []string{"装箱单/送货单", "易碎", "防潮", "202611-007-1", "202611-007,202611-009", "2026年11月2日",
		"SFExpress·标准快递", "杭州茗香茶行有限公司", "310002浙江省杭州市上城区河坊街188号2楼", "待付¥1,630.00",
		"特殊要求202611-007：防潮包装，礼盒单独装箱；请勿放价格单。", "签收确认", "本人已收到以上货物，外包装及商品完好无损。",
		"验货备注", "签收人", "第1页，共2页"} {
		if !strings.Contains(f, want) {
			t.Errorf("the slip lacks %q:\n%s", want, got)
		}
	}
}

// TestPackingSlipWithoutPrices names no money at all.
func TestPackingSlipWithoutPrices(t *testing.T) {
	shipments, orders := sampleShipments()
	for _, l := range []Lang{LangChinese, LangEnglish} {
		got := pdfText(t, writePackingSlips(t, NewPackingSlips(sampleShop(), shipments[:1], orders, PackingSlipOptions{Lang: l, Now: letterNow})))
		for _, unwanted := range []string{"¥", "单价", "金额", "优惠", "待付", "Unit price", "Amount", "Discount", "Outstanding", "Goods in this shipment"} {
			if strings.Contains(got, unwanted) {
				t.Errorf("a slip without prices has %q:\n%s", unwanted, got)
			}
		}
		row := regexp.MustCompile(`POT-ZS-300\s+宜兴紫砂壶 西施.*\s+300ml\s+2(\s*把)?\n`) // a Chinese unit says nothing in English
		if !row.MatchString(got) {
			t.Errorf("the slip lacks the row %s:\n%s", row, got)
		}
		total := map[Lang]string{LangChinese: `合计件数\s+8`, LangEnglish: `Total units\s+8`}[l]
		if !regexp.MustCompile(total).MatchString(got) {
			t.Errorf("the slip lacks the units %s:\n%s", total, got)
		}
	}
}

// TestPackingSlipsOnePerShipment prints several shipments in one PDF, each
// from a new page; a single-order shipment has no order column, and a
// delivery already signed for shows who signed, when, and their remarks.
func TestPackingSlipsOnePerShipment(t *testing.T) {
	shipments, orders := sampleShipments()
	shipments[1].Signer, shipments[1].SignRemarks = "林晓雯", "外箱一角压扁，商品完好。"
	shipments[1].DeliveredAt = time.Date(2026, 11, 4, 15, 0, 0, 0, time.UTC)
	pdf := writePackingSlips(t, NewPackingSlips(sampleShop(), shipments, orders, PackingSlipOptions{Lang: LangEnglish, Now: letterNow, Prices: true}))
	// The merged parcel's notes and sign-off run onto a second page
	// together; each slip starts a page of its own.
	if pages, _ := pageCount(t, pdf); pages != 4 {
		t.Fatalf("three shipments take %d pages, want 4", pages)
	}
	pages := strings.Split(pdfText(t, pdf), "\f")
	pages = append(pages[:1], pages[2:]...)
	for i, number := range []string{"202611-007-1", "202611-009-2", "202611-012-1"} {
		if !strings.Contains(pages[i], number) || !strings.Contains(pages[i], "Packing slip / delivery note") {
			t.Errorf("page %d is not the slip of %s:\n%s", i+1, number, pages[i])
		}
	}
	resend := pages[1]
	if strings.Contains(resend, "Order number") {
		t.Errorf("a one-order slip has an order column:\n%s", resend)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`TEA-LJ-250\s+西湖龙井 明前特级\s+250g 罐装\s+2\s+¥168\.00\s+¥336\.00`),
		regexp.MustCompile(`Received by\s+林晓雯`),
		regexp.MustCompile(`Date\s+4 Nov 2026`),
		regexp.MustCompile(`Inspection remarks\s+外箱一角压扁，商品完好。`),
		regexp.MustCompile(`KEEP DRY`),
	} {
		if !want.MatchString(resend) {
			t.Errorf("the re-send's slip lacks %s:\n%s", want, resend)
		}
	}
	if strings.Contains(resend, "FRAGILE") || strings.Contains(resend, "Tracking number") {
		t.Errorf("the re-send's slip is marked fragile or has a tracking number:\n%s", resend)
	}
	// The third shipment's order is not among those given: the slip
	// prints what the shipment itself knows.
	if !strings.Contains(pages[2], "赵建国") || !strings.Contains(pages[2], "FRAGILE") {
		t.Errorf("the third slip lacks its recipient or mark:\n%s", pages[2])
	}
}

// TestPackingSlipTellsTheCustomer: what follows in a later parcel is
// listed (and nothing for a re-send); a gift's slip names no money even
// in a batch printed with prices; every slip carries its order's number
// as a barcode that scans, and says how to start a return.
func TestPackingSlipTellsTheCustomer(t *testing.T) {
	shipments, orders := sampleShipments()
	shop := sampleShop()
	shop.Policy.ReturnWindowDays = 7
	orders[1].NoPrices = true // 202611-009, in the merged parcel
	shipments[1].ResendOf = 1
	pdf := writePackingSlips(t, NewPackingSlips(shop, shipments, orders, PackingSlipOptions{Lang: LangEnglish, Now: letterNow, Prices: true}))
	text := pdfText(t, pdf)
	pages := strings.Split(text, "\f")
	merged, resend, other := pages[0]+pages[1], pages[2], pages[3]
	for _, unwanted := range []string{"¥", "Unit price", "Amount", "Outstanding"} {
		if strings.Contains(merged, unwanted) {
			t.Errorf("a parcel holding a gift prints %q:\n%s", unwanted, merged)
		}
	}
	if !strings.Contains(other, "¥580.00") {
		t.Errorf("the other slip of the batch lost its prices:\n%s", other)
	}
	// Order 202611-007 has four lines; two are in the box, the other two
	// follow. Order 202611-009's first line is in the re-send, still to
	// pack: it follows too.
	f := flat(merged)
	for _, want := range []string{"Tofollowinalaterparcel", "202611-007CUP-BC-6白瓷品茗杯六只装6只/盒×3;",
		"202611-007TEA-PE-357云南普洱生茶饼357g×4;", "202611-009TEA-LJ-250西湖龙井明前特级250g罐装×2.",
		"Returns:Toreturnsomething,telluswithin7daysofdeliveryat0571-88001234orservice@qinglan.example,quotingorder202611-007."} {
		if !strings.Contains(f, want) {
			t.Errorf("the merged slip lacks %q:\n%s", want, merged)
		}
	}
	if strings.Contains(resend, "later parcel") {
		t.Errorf("a re-send lists what follows:\n%s", resend)
	}
	if codes := slipBarcodes(t, pdf); codes != nil && !slices.Equal(codes, []string{"202611-007", "", "202611-009", "202611-012"}) {
		t.Errorf("the slips' barcodes read %q, want each page's order", codes)
	}
	zh := flat(pdfText(t, writePackingSlips(t, NewPackingSlips(shop, shipments[:1], orders, PackingSlipOptions{Lang: LangChinese, Now: letterNow}))))
	for _, want := range []string{"后续包裹寄出", "202611-007CUP-BC-6白瓷品茗杯六只装6只/盒×3盒；", "以上商品不在本包裹内，备齐后另行寄出。", "退换货：如需退换货，请在签收后7天内通过0571-88001234或service@qinglan.example联系我们，并告知订单号202611-007。"} {
		if !strings.Contains(zh, want) {
			t.Errorf("the Chinese slip lacks %q:\n%s", want, zh)
		}
	}
}

// slipBarcodes reads the Code 128 on each page with zbarimg ("" for a
// page without one); nil when zbarimg or pdftoppm is missing.
func slipBarcodes(t *testing.T, pdf []byte) []string {
	t.Helper()
	zbar, _, pages := scannablePages(t, pdf)
	if pages == nil {
		return nil
	}
	var codes []string
	for _, page := range pages {
		out, _ := exec.Command(zbar, "-q", "--raw", "-Sdisable", "-Scode128.enable", page).Output()
		codes = append(codes, strings.TrimSpace(string(out)))
	}
	return codes
}
