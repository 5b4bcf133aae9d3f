package screens

import (
	"testing"

	"orderdesk/app"
)

// TestHistoryWordsOtherSteps: the steps of cases, complaints and
// shipments in an order's history are said in the user's words from the
// values the event keeps; an event without them keeps its summary. (The
// words are keys every language file has, TestTranslationsComplete; a
// test here cannot switch to Chinese and back, since Fyne's translations
// are global and Chinese-only keys would stay.)
func TestHistoryWordsOtherSteps(t *testing.T) {
	newTestApp(t)
	LoadTranslations("en")
	cny, _ := app.LookupCurrency("CNY")
	const summary = "the English summary"
	cases := []struct {
		action, after, want string
	}{
		{"case.opened", `{"case":"202611-R001"}`, "Case 202611-R001 opened"},
		{"case.approved", `{"case":"202611-R001","status":"approved"}`, "Case 202611-R001: Approved"},
		{"complaint.registered", `{"complaint":"202611-T002"}`, "Complaint 202611-T002 registered"},
		{"shipment.problem", `{"shipment":"202611-007-1","status":"shipped","problem":"lost"}`,
			"Shipment 202611-007-1: Lost"},
		{"shipment.problem", `{"shipment":"202611-007-1","status":"shipped","problem":""}`,
			"Shipment 202611-007-1: the problem is cleared"},
		{"order.shortage_decided", `{"decision":"backorder","line_no":2,"sku":"TEA-001"}`,
			"Missing stock on line 2 (TEA-001) — Backorder: wait for the stock"},
		{"order.packed_part", `{"shipment":"202611-007-1"}`, "Part packed as shipment 202611-007-1"},
		{"order.verified", `{"verifier":"王师傅","missing":null,"verified":true}`, "Pick checked by 王师傅"},
		{"order.verified", `{"verifier":"王师傅","missing":{"TEA-001":1},"verified":true}`, "Pick checked by 王师傅: units short"},
		{"order.verified", `{"verifier":"王师傅","missing":null,"verified":false}`,
			"Pick checked by 王师傅: units found in other bins, to pick and check again"},
		// Written before the values were kept: the summary stays.
		{"shipment.problem", `{"shipment":"202611-007-1","status":"shipped"}`, summary},
		{"shipment.tracking", `{"tracking":"SF123"}`, summary},
	}
	for _, c := range cases {
		e := app.Event{Action: c.action, After: c.after, Summary: summary}
		if got := historyText(e, cny); got != c.want {
			t.Errorf("%s %s: %q, want %q", c.action, c.after, got, c.want)
		}
	}
}
