package app

import (
	"testing"
	"time"
)

func TestCutOffPassed(t *testing.T) {
	p := Policy{CutOff: "18:00"}
	at := func(day, h, m int) time.Time { return time.Date(2026, 11, day, h, m, 0, 0, time.UTC) }
	for _, c := range []struct {
		placed, now time.Time
		want        bool
	}{
		{at(23, 9, 0), at(23, 17, 59), false},  // before today's cut-off: still time
		{at(23, 9, 0), at(23, 18, 1), true},    // placed this morning, cut-off passed
		{at(23, 18, 30), at(23, 20, 0), false}, // placed after the cut-off: tomorrow's
		{at(22, 19, 0), at(23, 10, 0), false},  // last night after the cut-off: today's
		{at(22, 17, 0), at(23, 10, 0), true},   // yesterday before the cut-off: late
	} {
		if got := p.CutOffPassed(c.placed, c.now); got != c.want {
			t.Errorf("placed %s, now %s: %v, want %v", c.placed.Format("02 15:04"), c.now.Format("02 15:04"), got, c.want)
		}
	}
	if (Policy{CutOff: "late"}).CutOffPassed(at(1, 0, 0), at(23, 23, 0)) {
		t.Error("an unreadable cut-off flags orders")
	}
}

func TestSuggestCarrier(t *testing.T) {
	rules := []CarrierRule{
		{Carrier: "SF", Urgency: UrgencyUrgent},
		{Carrier: "ZTO", MaxWeightGrams: 3000, Destinations: []string{"浙江", "上海"}},
		{Carrier: "DHL", Destinations: []string{"HK", "GB"}},
		{Carrier: "EMS"},
	}
	hangzhou := Address{Province: "浙江省", City: "杭州市", Country: "CN"}
	for _, c := range []struct {
		weight  int64
		to      Address
		urgency Urgency
		want    string
	}{
		{500, hangzhou, UrgencyUrgent, "SF"},
		{500, hangzhou, UrgencyStandard, "ZTO"},
		{3001, hangzhou, UrgencyStandard, "EMS"},
		{500, Address{City: "Hong Kong", Country: "HK"}, UrgencyStandard, "DHL"},
		{500, Address{Province: "四川省", Country: "CN"}, UrgencyStandard, "EMS"},
	} {
		got, ok := SuggestCarrier(rules, c.weight, c.to, c.urgency)
		if !ok || got.Carrier != c.want {
			t.Errorf("%d g to %v (%s): %q, want %q", c.weight, c.to, c.urgency, got.Carrier, c.want)
		}
	}
	if _, ok := SuggestCarrier(rules[:1], 10, hangzhou, UrgencyStandard); ok {
		t.Error("a rule for urgent parcels took a standard one")
	}
	bad := []CarrierRule{{Carrier: " "}, {Carrier: "X", MaxWeightGrams: -1, Urgency: "soon"}}
	err := validateCarrierRules(bad)
	v, ok := IsValidation(err)
	if !ok || len(v.Fields) != 3 {
		t.Fatalf("bad rules: %v, want three problems", err)
	}
}

func TestNearness(t *testing.T) {
	to := Address{Province: "浙江省", City: "杭州市", Country: "CN"}
	hz := Warehouse{Address: Address{Province: "浙江", City: "杭州", Country: "CN"}}
	nb := Warehouse{Address: Address{Province: "浙江省", City: "宁波市", Country: "CN"}}
	sh := Warehouse{Address: Address{Province: "上海市", City: "上海市", Country: "CN"}}
	hk := Warehouse{Address: Address{City: "Hong Kong", Country: "HK"}}
	if !(nearness(hz, to) > nearness(nb, to) && nearness(nb, to) > nearness(sh, to) && nearness(sh, to) > nearness(hk, to)) {
		t.Fatalf("nearness hz %d, nb %d, sh %d, hk %d: want same city > same province > same country > abroad",
			nearness(hz, to), nearness(nb, to), nearness(sh, to), nearness(hk, to))
	}
}

func TestPickCheckSet(t *testing.T) {
	c := NewPickCheck(PickList{Stops: []PickStop{{LineID: 1, SKU: "A", Qty: 2}, {LineID: 1, SKU: "A", Qty: 1}, {LineID: 2, SKU: "B", Barcode: "123", Qty: 1}}})
	if c.Expected[1] != 3 {
		t.Fatalf("expected %v: stops of one line in two bins add up", c.Expected)
	}
	c.Set(1, 9)
	c.Tick(2)
	if c.Counted[1] != 3 || !c.Done() || len(c.Missing()) != 0 {
		t.Fatalf("counted %v, want a typed count capped at the list and the tick counting the line", c.Counted)
	}
	c.Set(1, 1)
	if m := c.Missing(); m[1] != 2 || c.Done() {
		t.Fatalf("missing %v, want 2 of line 1", m)
	}
}
