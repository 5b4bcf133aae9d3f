package reports

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	"orderdesk/app"
)

func writeLabels(t testing.TB, v ShippingLabels) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteShippingLabels(&buf, v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestShippingLabels prints one 100 × 150 mm page per package: the
// recipient, the sender from the warehouse's address, the orders, the
// tracking number under its barcode, and each box's own marks.
func TestShippingLabels(t *testing.T) {
	shipments, _ := sampleShipments()
	from := app.Address{Province: "浙江省", City: "杭州市", District: "余杭区", Street: "仓前街道 9 号 青岚仓", Country: "CN"}
	pdf := writeLabels(t, NewShippingLabels(sampleShop(), shipments, LabelOptions{Lang: LangChinese, Now: letterNow, From: from}))
	pages, size := pageCount(t, pdf)
	if pages != 4 {
		t.Fatalf("four packages print %d labels", pages)
	}
	// 100 × 150 mm is 283.465 × 425.197 points.
	var w, h float64
	if _, err := fmt.Sscanf(size, "%g x %g pts", &w, &h); err != nil || math.Abs(w-283.465) > 0.05 || math.Abs(h-425.197) > 0.05 {
		t.Errorf("the label's page is %q, want 100 × 150 mm (283.465 x 425.197 pts)", size)
	}
	labels := strings.Split(pdfText(t, pdf), "\f")
	first := labels[0]
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`SF Express · 标准快递\s+1/2`),
		regexp.MustCompile(`收件人\s+沈国强\s+138 0571 2468\s+310002 浙江省杭州市上城区\s+河坊街 188 号 2 楼`),
		regexp.MustCompile(`寄件人\s+青岚茶舍 Qinglan Tea House\s+0571-88001234\s+浙江省杭州市余杭区 仓前街道 9 号 青岚仓`),
		regexp.MustCompile(`订单\s+202611-007, 202611-009`),
		regexp.MustCompile(`发货单号\s+202611-007-1`),
		regexp.MustCompile(`重量\s+1\.25 kg`),
		regexp.MustCompile(`易碎\s+FRAGILE`),
		regexp.MustCompile(`运单号 SF1234567890123`),
	} {
		if !want.MatchString(first) {
			t.Errorf("the first label lacks %s:\n%s", want, first)
		}
	}
	if strings.Contains(first, "防潮") {
		t.Errorf("the fragile box is marked keep dry too:\n%s", first)
	}
	second := labels[1]
	for _, want := range []string{"2/2", "2.00 kg", "防潮", "KEEP DRY", "SF1234567890123"} {
		if !strings.Contains(second, want) {
			t.Errorf("the second label lacks %q:\n%s", want, second)
		}
	}
	if strings.Contains(second, "易碎") {
		t.Errorf("the dry box is marked fragile:\n%s", second)
	}
	// No tracking number yet: the shipment's barcode and a line to write
	// the number on.
	resend := labels[2]
	if !regexp.MustCompile(`发货单号 202611-009-2\s+运单号\s*\n`).MatchString(resend) {
		t.Errorf("the label without a tracking number lacks the shipment's code and a blank:\n%s", resend)
	}
	if !strings.Contains(labels[3], "ZTO Express") || !strings.Contains(labels[3], "运单号 ZT7788990011") {
		t.Errorf("the last label is not ZTO's:\n%s", labels[3])
	}
}

// TestShippingLabelEnglishAndOdd: English words with the Chinese mark
// under them; no packages yet gives one label without a weight; no
// carrier says so; a tracking number Code 128 cannot hold prints as text.
func TestShippingLabelEnglishAndOdd(t *testing.T) {
	shipments, _ := sampleShipments()
	s := shipments[2]
	s.Packages, s.Carrier, s.TrackingNumber = nil, "", "运单-42"
	got := pdfText(t, writeLabels(t, NewShippingLabels(sampleShop(), []app.Shipment{shipments[0], s}, LabelOptions{Lang: LangEnglish, Now: letterNow})))
	labels := strings.Split(got, "\f")
	for _, want := range []string{"TO", "FROM", "Orders", "FRAGILE", "易碎", "Tracking number SF1234567890123",
		"310013 浙江省杭州市西湖区 龙井路 18 号"} {
		if !strings.Contains(labels[0], want) {
			t.Errorf("the English label lacks %q:\n%s", want, labels[0])
		}
	}
	odd := labels[2]
	for _, want := range []string{"No carrier chosen", "1/1", "Tracking number 运单-42"} {
		if !strings.Contains(odd, want) {
			t.Errorf("the odd label lacks %q:\n%s", want, odd)
		}
	}
	if strings.Contains(odd, "kg") {
		t.Errorf("a label without packages shows a weight:\n%s", odd)
	}
}
