package reports

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"orderdesk/app"
)

func writeShippingList(t testing.TB, v ShippingList) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteShippingList(&buf, v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestShippingListPerCarrier groups the day's shipments per carrier, one
// page each with its count, weight and the driver's lines; shipments
// without a carrier come last.
func TestShippingListPerCarrier(t *testing.T) {
	shipments, _ := sampleShipments()
	loose := shipments[2]
	loose.Number, loose.Carrier, loose.TrackingNumber, loose.RecipientName = "202611-015-1", "", "", "钱多多"
	// Given out of order: ZTO, then SF's second, no carrier, SF's first.
	day := []app.Shipment{shipments[2], shipments[1], loose, shipments[0]}
	pdf := writeShippingList(t, NewShippingList(sampleShop(), day, letterNow, ShippingListOptions{Lang: LangChinese, Now: letterNow}))
	if pages, _ := pageCount(t, pdf); pages != 3 {
		t.Fatalf("three carriers take %d pages, want one each", pages)
	}
	pages := strings.Split(pdfText(t, pdf), "\f")

	sf := pages[0]
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`SF Express\s+票数 2 · 件数 3 · 总重量 3\.85 kg`),
		regexp.MustCompile(`202611-007-1\s+202611-007, 202611-009\s+沈国强\s+杭州市 上城区\s+2\s+3\.25 kg\s+SF1234567890123`),
		regexp.MustCompile(`202611-009-2\s+202611-009\s+林晓雯\s+苏州市 姑苏区\s+1\s+0\.60 kg\s*\n`),
		regexp.MustCompile(`司机签字.*交接时间`),
		regexp.MustCompile(`发货日期\s+2026年11月2日`),
	} {
		if !want.MatchString(sf) {
			t.Errorf("SF's page lacks %s:\n%s", want, sf)
		}
	}
	if strings.Index(sf, "202611-007-1") > strings.Index(sf, "202611-009-2") {
		t.Errorf("SF's shipments are not in number order:\n%s", sf)
	}
	if strings.Contains(sf, "ZT7788990011") || strings.Contains(sf, "钱多多") {
		t.Errorf("SF's page has another carrier's shipment:\n%s", sf)
	}
	if !regexp.MustCompile(`ZTO Express\s+票数 1 · 件数 1 · 总重量 0\.98 kg`).MatchString(pages[1]) ||
		!strings.Contains(pages[1], "ZT7788990011") || !strings.Contains(pages[1], "司机签字") {
		t.Errorf("the second page is not ZTO's:\n%s", pages[1])
	}
	if !strings.Contains(pages[2], "未指定承运商") || !strings.Contains(pages[2], "钱多多") {
		t.Errorf("the last page is not the shipments without a carrier:\n%s", pages[2])
	}
}

func TestShippingListEnglishAndEmpty(t *testing.T) {
	shipments, _ := sampleShipments()
	got := pdfText(t, writeShippingList(t, NewShippingList(sampleShop(), shipments[:1], letterNow, ShippingListOptions{Lang: LangEnglish, Now: letterNow})))
	for _, want := range []string{"Shipping list", "Shipping date 2 Nov 2026", "Shipments 1 · Packages 2 · Total weight 3.25 kg",
		"Shipment number", "Tracking number", "Driver", "Time", "Page 1 of 1"} {
		if !strings.Contains(got, want) {
			t.Errorf("the list lacks %q:\n%s", want, got)
		}
	}
	got = pdfText(t, writeShippingList(t, NewShippingList(sampleShop(), nil, letterNow, ShippingListOptions{Lang: LangChinese, Now: letterNow})))
	if !strings.Contains(got, "当日没有发货。") || strings.Contains(got, "司机签字") {
		t.Errorf("an empty day's list is wrong:\n%s", got)
	}
}

// TestShippingListRunsOntoPages: a carrier's long run repeats its table's
// header and names the carrier in the head of every page it runs onto.
func TestShippingListRunsOntoPages(t *testing.T) {
	shipments, _ := sampleShipments()
	var day []app.Shipment
	for i := range 60 {
		s := shipments[0]
		s.Number = fmt.Sprintf("202611-%03d-1", 100+i)
		day = append(day, s)
	}
	pdf := writeShippingList(t, NewShippingList(sampleShop(), day, letterNow, ShippingListOptions{Lang: LangChinese, Now: letterNow}))
	pages, _ := pageCount(t, pdf)
	if pages < 2 {
		t.Fatalf("60 shipments fit on %d page", pages)
	}
	layout := strings.Split(pdfText(t, pdf), "\f")
	for p := 1; p < pages; p++ {
		if !strings.Contains(layout[p], "SF Express（续）") || !strings.Contains(layout[p], "发货单号") {
			t.Errorf("page %d does not continue SF's run under its header:\n%s", p+1, layout[p])
		}
	}
	if !strings.Contains(layout[0], "票数 60 · 件数 120 · 总重量 195.24 kg") {
		t.Errorf("the run's figures are wrong:\n%s", layout[0])
	}
	if n := strings.Count(strings.Join(layout, ""), "SF1234567890123"); n != 60 {
		t.Errorf("%d of the 60 shipments are listed", n)
	}
	if !strings.Contains(layout[pages-1], "司机签字") {
		t.Errorf("the driver signs elsewhere than under the run's end:\n%s", layout[pages-1])
	}
}
