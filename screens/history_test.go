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
