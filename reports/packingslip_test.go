package reports

import (
	"bytes"
	"regexp"
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
		"验货备注", "签收人", "第1页，共1页"} {
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
	if pages, _ := pageCount(t, pdf); pages != 3 {
		t.Fatalf("three shipments take %d pages, want one each", pages)
	}
	pages := strings.Split(pdfText(t, pdf), "\f")
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
