package reports

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"orderdesk/app"
)

func writePickLists(t testing.TB, v PickLists) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePickLists(&buf, v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// streamText is the PDF's text in the order it was drawn, without
// spaces: a table row's cells one after the other, however they wrap.
func streamText(t *testing.T, pdf []byte) []string {
	pages := strings.Split(poppler(t, "pdftotext", pdf, "-raw", "{}", "-"), "\f")
	for i := range pages {
		pages[i] = flat(pages[i])
	}
	return pages
}

// inOrder reports whether the wants occur in s one after the other.
func inOrder(s string, wants ...string) bool {
	for _, w := range wants {
		i := strings.Index(s, w)
		if i < 0 {
			return false
		}
		s = s[i+len(w):]
	}
	return true
}

// TestPickListWalkingOrder prints each order's list on its own page with
// the stops in walking order (aisle, then shelf and position as numbers:
// A-1-1, A-1-2, A-10-1, B-2-1), each with its quantity.
func TestPickListWalkingOrder(t *testing.T) {
	pdf := writePickLists(t, NewPickLists(sampleShop(), samplePickLists(), PickListOptions{Lang: LangChinese, Now: letterNow}))
	if pages, _ := pageCount(t, pdf); pages != 2 {
		t.Fatalf("two orders print on %d pages, want one each", pages)
	}
	layout := strings.Split(pdfText(t, pdf), "\f")
	stream := streamText(t, pdf)

	first := layout[0]
	for _, want := range []string{"拣货单", "加急", "202611-007", "沈国强", "杭州市 上城区", "防潮包装，礼盒单独装箱；请勿放价格单。",
		"合计件数 7", "拣货人", "复核人", "6901234567885", "第 1 页，共 2 页"} {
		if !strings.Contains(first, want) {
			t.Errorf("the first list lacks %q:\n%s", want, first)
		}
	}
	rows := []string{
		`HZ A-1-1\s+TEA-LJ-250\s+西湖龙井 明前特级\s+罐\s+3\n`,
		`HZ A-1-2\s+CUP-BC-6\s+白瓷品茗杯六只装\s+盒\s+2\n`,
		`HZ A-10-1\s+POT-ZS-300\s+宜兴紫砂壶 西施\s+把\s+1\n`,
		`HZ B-2-1\s+TEA-PE-357\s+云南普洱生茶饼\s+饼\s+1\n`,
	}
	at := -1
	for _, r := range rows {
		loc := regexp.MustCompile(r).FindStringIndex(first)
		if loc == nil {
			t.Fatalf("no row %s on the first list:\n%s", r, first)
		}
		if loc[0] < at {
			t.Errorf("row %s is out of walking order:\n%s", r, first)
		}
		at = loc[0]
	}
	if !inOrder(stream[0], "HZA-1-1", "HZA-1-2", "HZA-10-1", "HZB-2-1") {
		t.Errorf("the stops are not drawn in walking order: %s", stream[0])
	}

	second := layout[1]
	if strings.Contains(second, "202611-007") || strings.Contains(second, "加急") {
		t.Errorf("the second list has the first order's number or urgency:\n%s", second)
	}
	for _, want := range []string{"202611-009", "林晓雯", "苏州市 姑苏区", "合计件数 7"} {
		if !strings.Contains(second, want) {
			t.Errorf("the second list lacks %q:\n%s", want, second)
		}
	}
	if strings.Contains(second, "特殊要求") {
		t.Errorf("an order without special requests shows the note:\n%s", second)
	}
	if !inOrder(stream[1], "HZA-1-1TEA-LJ-250西湖龙井明前特级250g罐装罐2", "HZA-1-2CUP-BC-6", "HZB-2-1TEA-PE-357云南普洱生茶饼357g饼4") {
		t.Errorf("the second list's stops are wrong: %s", stream[1])
	}
}

// TestPickListBySKU sums the batch per bin and product in walking order
// and names the orders each unit goes to.
func TestPickListBySKU(t *testing.T) {
	lists := samplePickLists()
	pdf := writePickLists(t, NewPickLists(sampleShop(), lists, PickListOptions{Lang: LangChinese, Now: letterNow, BySKU: true}))
	if pages, _ := pageCount(t, pdf); pages != 1 {
		t.Errorf("the walk alone takes %d pages, want 1", pages)
	}
	stream := streamText(t, pdf)[0]
	walk := []string{
		"HZA-1-1TEA-LJ-250西湖龙井明前特级250g罐装罐5202611-007×3,202611-009×2",
		"HZA-1-2CUP-BC-6白瓷品茗杯六只装6只/盒盒3202611-007×2,202611-009×1",
		"HZA-10-1POT-ZS-300宜兴紫砂壶西施300ml把1202611-007×1",
		"HZB-2-1TEA-PE-357云南普洱生茶饼357g饼5202611-007×1,202611-009×4",
	}
	if !inOrder(stream, walk...) {
		t.Errorf("the walk is not %q in that order:\n%s", walk, stream)
	}
	for _, want := range []string{"汇总拣货单（按商品）", "订单数2", "拣货位数4", "合计件数14"} {
		if !strings.Contains(stream, want) {
			t.Errorf("the walk lacks %q:\n%s", want, stream)
		}
	}
	if strings.Contains(stream, "沈国强") {
		t.Error("the walk alone prints the orders' recipients")
	}

	// With the orders' own lists after it, for sorting the goods.
	pdf = writePickLists(t, NewPickLists(sampleShop(), lists, PickListOptions{Lang: LangEnglish, Now: letterNow, BySKU: true, WithOrders: true}))
	if pages, _ := pageCount(t, pdf); pages != 3 {
		t.Errorf("the walk and two lists take %d pages, want 3", pages)
	}
	pages := streamText(t, pdf)
	if !strings.Contains(pages[0], "BatchpicklistbySKU") || !strings.Contains(pages[1], "202611-007") || !strings.Contains(pages[2], "202611-009") {
		t.Errorf("the pages are not the walk then each order:\n%s", strings.Join(pages, "\n---\n"))
	}
}

func TestPickListEnglish(t *testing.T) {
	got := pdfText(t, writePickLists(t, NewPickLists(sampleShop(), samplePickLists()[:1], PickListOptions{Lang: LangEnglish, Now: letterNow})))
	for _, want := range []string{"Pick list", "urgent", "Printed 2 Nov 2026 10:15", "Recipient", "City", "Warehouse", "Bin",
		"Total units 7", "Picked by", "Checked by", "Page 1 of 1"} {
		if !strings.Contains(got, want) {
			t.Errorf("the list lacks %q:\n%s", want, got)
		}
	}
}

// TestPickListOddText prints what cannot be a barcode (Chinese SKUs, an
// emoji) as text alone, and an order without stops, without failing.
func TestPickListOddText(t *testing.T) {
	lists := samplePickLists()[:1]
	lists[0].Stops[0].SKU, lists[0].Stops[0].Barcode = "茶-001", ""
	lists[0].Stops[1].Name = "礼品 🎁 套装"
	lists = append(lists, app.PickList{Order: &app.Order{Number: "202611-010"}})
	got := flat(pdfText(t, writePickLists(t, NewPickLists(sampleShop(), lists, PickListOptions{Lang: LangChinese, Now: letterNow}))))
	for _, want := range []string{"茶-001", "礼品?套装", "202611-010", "合计件数0"} {
		if !strings.Contains(got, want) {
			t.Errorf("the lists lack %q:\n%s", want, got)
		}
	}
}

// TestPickListRunsOntoPages: a long list repeats its table's header on
// every page it runs onto, names the order in the head of those pages,
// and keeps every stop.
func TestPickListRunsOntoPages(t *testing.T) {
	lists := samplePickLists()[:1]
	o := lists[0].Order
	var stops []app.PickStop
	for i := range 30 {
		stops = append(stops, sampleStop(o, i+1, fmt.Sprintf("C-%d-%d", 1+i/6, 1+i%6), fmt.Sprintf("SKU-%02d", i), "",
			fmt.Sprintf("商品 %02d 号", i), "", "件", int64(i+1)))
	}
	lists[0].Stops = stops
	pdf := writePickLists(t, NewPickLists(sampleShop(), lists, PickListOptions{Lang: LangChinese, Now: letterNow}))
	pages, _ := pageCount(t, pdf)
	if pages < 2 {
		t.Fatalf("30 stops fit on %d page", pages)
	}
	layout := strings.Split(pdfText(t, pdf), "\f")
	for p := 1; p < pages; p++ {
		for _, want := range []string{"202611-007（续） · 打印时间", "库位", "货号", fmt.Sprintf("第 %d 页，共 %d 页", p+1, pages)} {
			if !strings.Contains(layout[p], want) {
				t.Errorf("page %d lacks %q:\n%s", p+1, want, layout[p])
			}
		}
	}
	if strings.Contains(layout[0], "（续）") {
		t.Errorf("the first page says it is continued:\n%s", layout[0])
	}
	all := strings.Join(streamText(t, pdf), "")
	var walk []string
	for i := range 30 {
		walk = append(walk, fmt.Sprintf("SKU-%02d商品%02d号件%d", i, i, i+1))
	}
	if !inOrder(all, walk...) {
		t.Errorf("the 30 stops are not all there in order:\n%s", all)
	}
	if !strings.Contains(all, "合计件数465") {
		t.Errorf("the total of 1+2+…+30 units is not 465:\n%s", all)
	}
}
