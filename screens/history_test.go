package screens

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"orderdesk/app"
)

// TestHistoryWordsOtherSteps: the steps of cases, complaints and
// shipments in an order's history are said in the user's words from the
// values the event keeps; an event without them keeps its summary.
func TestHistoryWordsOtherSteps(t *testing.T) {
	test.NewTempApp(t)
	defer LoadTranslations("en")
	cny, _ := app.LookupCurrency("CNY")
	const summary = "the English summary"
	cases := []struct {
		action, after, en, zh string
	}{
		{"case.opened", `{"case":"202611-R001"}`, "Case 202611-R001 opened", "售后单 202611-R001 已创建"},
		{"case.approved", `{"case":"202611-R001","status":"approved"}`, "Case 202611-R001: Approved", "售后单 202611-R001：已同意"},
		{"complaint.registered", `{"complaint":"202611-T002"}`, "Complaint 202611-T002 registered", "投诉 202611-T002 已登记"},
		{"shipment.problem", `{"shipment":"202611-007-1","status":"shipped","problem":"lost"}`,
			"Shipment 202611-007-1: Lost", "包裹 202611-007-1：丢件"},
		{"shipment.problem", `{"shipment":"202611-007-1","status":"shipped","problem":""}`,
			"Shipment 202611-007-1: the problem is cleared", "包裹 202611-007-1：问题已解除"},
		{"order.shortage_decided", `{"decision":"backorder","line_no":2,"sku":"TEA-001"}`,
			"Missing stock on line 2 (TEA-001) — Backorder: wait for the stock", "第 2 行（TEA-001）缺货——缺货等待：等到货后再发"},
		{"order.packed_part", `{"shipment":"202611-007-1"}`, "Part packed as shipment 202611-007-1", "已部分打包为包裹 202611-007-1"},
		{"order.verified", `{"verifier":"王师傅","missing":null,"verified":true}`, "Pick checked by 王师傅", "王师傅 已复核拣货"},
		{"order.verified", `{"verifier":"王师傅","missing":{"TEA-001":1},"verified":true}`, "Pick checked by 王师傅: units short",
			"王师傅 已复核拣货：有货品短缺"},
		// Written before the values were kept: the summary stays.
		{"shipment.problem", `{"shipment":"202611-007-1","status":"shipped"}`, summary, summary},
		{"shipment.tracking", `{"tracking":"SF123"}`, summary, summary},
	}
	for _, language := range []string{"en", "zh-Hans"} {
		LoadTranslations(language)
		for _, c := range cases {
			want := c.en
			if language != "en" {
				want = c.zh
			}
			e := app.Event{Action: c.action, After: c.after, Summary: summary}
			if got := historyText(e, cny); got != want {
				t.Errorf("%s %s %s: %q, want %q", language, c.action, c.after, got, want)
			}
		}
	}
}
