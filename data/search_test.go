package data_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"orderdesk/app"
	"orderdesk/data"
)

// searchRecord is what the test knows about an order it created, to work
// out independently which orders a search must find.
type searchRecord struct {
	id                  int64
	number              string
	customer, recipient string
	contact             string
	phones              []string // digits
	platformID          string
	skus                []string
	channel             app.Channel
	status              app.Status
	orderedAt           time.Time
	payable             app.Money
}

type searchShop struct {
	*shopFixture
	records []searchRecord
}

// newSearchShop adds four distinct orders and twenty similar ones (for
// paging) to the fixture shop.
func newSearchShop(t *testing.T) *searchShop {
	f := newShop(t)
	s := &searchShop{shopFixture: f}
	lina := &app.Customer{Name: "李娜", Kind: app.CustomerRetail, Phone: "137 1111 2222"}
	f.must(f.svc.SaveCustomer(f.ctx, lina))
	may := func(day int) time.Time { return time.Date(2026, 5, day, 10, 0, 0, 0, time.UTC) }

	a := f.input(app.LineInput{SKU: "TEA-001", Qty: 2})
	a.OrderedAt = may(1)
	s.add(a, true, "张伟", "")

	b := f.input(app.LineInput{SKU: "CUP-002", Qty: 5})
	b.Channel, b.CustomerID, b.PaymentMethod = app.ChannelWebShop, f.dealer.ID, app.PayCredit
	b.RecipientName, b.RecipientPhone = "Mary Chan", "+852 2345 6789"
	b.Address = app.Address{City: "Hong Kong", Street: "8 Queen's Road", Country: "HK"}
	b.OrderedAt = may(3)
	s.add(b, false, f.dealer.Name, "Mary Chan")

	c := f.input(app.LineInput{SKU: "POT-003", Qty: 1})
	c.Channel, c.PlatformOrderID, c.CustomerID = app.ChannelTaobao, "3154208193719846", lina.ID
	c.RecipientName, c.RecipientPhone = "王芳", "139-1234-5678"
	c.OrderedAt = may(10)
	s.add(c, true, "李娜", "")
	if _, err := f.svc.Confirm(f.ctx, s.records[2].id); err != nil {
		t.Fatal(err)
	}
	s.records[2].status = app.StatusConfirmed

	d := f.input(app.LineInput{SKU: "TEA-001", Qty: 1}, app.LineInput{SKU: "CUP-002", Qty: 1})
	d.Channel, d.PlatformOrderID, d.CustomerID = app.ChannelJD, "JD-88776655", lina.ID
	d.RecipientName, d.RecipientPhone = "王伟", "136 5555 6666"
	d.OrderedAt = may(12)
	s.add(d, false, "李娜", "")

	for i := 0; i < 20; i++ {
		in := f.input(app.LineInput{SKU: "TEA-001", Qty: int64(i%5 + 1)})
		in.OrderedAt = time.Date(2026, 4, 1+i, 9, i, 0, 0, time.UTC)
		s.add(in, i%4 == 0, "张伟", "")
	}
	return s
}

func (s *searchShop) add(in app.OrderInput, submit bool, customer, contact string) {
	s.t.Helper()
	o, err := s.svc.CreateOrder(s.ctx, in, submit)
	if err != nil {
		s.t.Fatal(err)
	}
	r := searchRecord{id: o.ID, number: o.Number, customer: customer, contact: contact, recipient: in.RecipientName,
		platformID: in.PlatformOrderID, channel: in.Channel, status: o.Status, orderedAt: in.OrderedAt, payable: o.Payable}
	r.phones = append(r.phones, app.PhoneDigits(in.RecipientPhone), app.PhoneDigits(o.CustomerPhone))
	for _, l := range o.Lines {
		r.skus = append(r.skus, l.SKU)
	}
	s.records = append(s.records, r)
}

// want lists the ids of the records that match, in id order.
func (s *searchShop) want(match func(r searchRecord) bool) []int64 {
	var ids []int64
	for _, r := range s.records {
		if match(r) {
			ids = append(ids, r.id)
		}
	}
	return ids
}

func (s *searchShop) search(q app.OrderQuery) app.OrderPage {
	s.t.Helper()
	page, err := s.svc.SearchOrders(s.ctx, q)
	if err != nil {
		s.t.Fatalf("search %+v: %v", q, err)
	}
	return page
}

func pageIDs(p app.OrderPage) []int64 {
	ids := make([]int64, len(p.Rows))
	for i, r := range p.Rows {
		ids[i] = r.ID
	}
	slices.Sort(ids)
	return ids
}

func hasPhone(r searchRecord, f func(digits string) bool) bool {
	return slices.ContainsFunc(r.phones, func(d string) bool { return d != "" && f(d) })
}

func nameHas(r searchRecord, part string) bool {
	return strings.Contains(r.customer, part) || strings.Contains(r.recipient, part) || strings.Contains(r.contact, part)
}

// TestSearchText: every way R-06 says an order is looked up finds exactly
// the orders it should.
func TestSearchText(t *testing.T) {
	s := newSearchShop(t)
	a, c := s.records[0], s.records[2]
	filler := s.records[9]
	cases := []struct {
		text  string
		match func(r searchRecord) bool
	}{
		{a.number, func(r searchRecord) bool { return r.id == a.id }},
		{filler.number, func(r searchRecord) bool { return r.id == filler.id }},
		{"  " + filler.number + " ", func(r searchRecord) bool { return r.id == filler.id }},
		{"202605-999", func(searchRecord) bool { return false }},
		{c.platformID, func(r searchRecord) bool { return r.id == c.id }},
		{"31542081", func(r searchRecord) bool { return r.id == c.id }}, // start of the platform id
		{"JD-88776655", func(r searchRecord) bool { return r.platformID == "JD-88776655" }},
		{"jd-88776655", func(r searchRecord) bool { return r.platformID == "JD-88776655" }},
		{"张伟", func(r searchRecord) bool { return nameHas(r, "张伟") }},
		{"伟", func(r searchRecord) bool { return nameHas(r, "伟") }},
		{`"张伟"`, func(r searchRecord) bool { return nameHas(r, "张伟") }},
		{"李娜", func(r searchRecord) bool { return r.customer == "李娜" }},
		{"王芳", func(r searchRecord) bool { return r.recipient == "王芳" }},
		{"芳", func(r searchRecord) bool { return r.recipient == "王芳" }},
		{"李娜 王伟", func(r searchRecord) bool { return r.customer == "李娜" && r.recipient == "王伟" }},
		{"Harb", func(r searchRecord) bool { return strings.HasPrefix(r.customer, "Harbour") }},
		{"harbour trad", func(r searchRecord) bool { return strings.HasPrefix(r.customer, "Harbour") }},
		{"Mary", func(r searchRecord) bool { return nameHas(r, "Mary") }},
		{"chan", func(r searchRecord) bool { return nameHas(r, "Chan") }},
		{"Trading Harbour", func(r searchRecord) bool { return strings.HasPrefix(r.customer, "Harbour") }},
		{"Harbourx", func(searchRecord) bool { return false }},
		{"13800138000", func(r searchRecord) bool { return hasPhone(r, func(d string) bool { return d == "13800138000" }) }},
		{"138 0013 8000", func(r searchRecord) bool { return hasPhone(r, func(d string) bool { return d == "13800138000" }) }},
		{"138-0013-8000", func(r searchRecord) bool { return hasPhone(r, func(d string) bool { return d == "13800138000" }) }},
		{"8000", func(r searchRecord) bool {
			return hasPhone(r, func(d string) bool { return strings.HasSuffix(d, "8000") })
		}},
		{"5678", func(r searchRecord) bool {
			return hasPhone(r, func(d string) bool { return strings.HasSuffix(d, "5678") })
		}},
		{"1391234", func(r searchRecord) bool {
			return hasPhone(r, func(d string) bool { return strings.HasPrefix(d, "1391234") })
		}},
		{"+852 2345 6789", func(r searchRecord) bool { return hasPhone(r, func(d string) bool { return d == "85223456789" }) }},
		{"13711112222", func(r searchRecord) bool { return r.customer == "李娜" }}, // the customer's own phone
		{"TEA-001", func(r searchRecord) bool { return slices.Contains(r.skus, "TEA-001") }},
		{"pot-003", func(r searchRecord) bool { return slices.Contains(r.skus, "POT-003") }},
		{"CUP-002", func(r searchRecord) bool { return slices.Contains(r.skus, "CUP-002") }},
		{"CUP-002 李娜", func(r searchRecord) bool { return slices.Contains(r.skus, "CUP-002") && r.customer == "李娜" }},
	}
	for _, c := range cases {
		page := s.search(app.OrderQuery{Text: c.text})
		want := s.want(c.match)
		if got := pageIDs(page); !slices.Equal(got, want) {
			t.Errorf("search %q found %v, want %v", c.text, got, want)
		}
		if page.Total != len(want) {
			t.Errorf("search %q: total %d, want %d", c.text, page.Total, len(want))
		}
	}
}

// TestSearchFilters: status, channel and date filters narrow a text
// search and each other.
func TestSearchFilters(t *testing.T) {
	s := newSearchShop(t)
	may1 := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	may11 := time.Date(2026, 5, 11, 0, 0, 0, 0, time.UTC)
	apr10 := time.Date(2026, 4, 10, 9, 9, 0, 0, time.UTC)  // exactly one filler's time: From is inclusive
	apr15 := time.Date(2026, 4, 15, 9, 14, 0, 0, time.UTC) // and To exclusive
	inRange := func(r searchRecord, from, to time.Time) bool {
		return !r.orderedAt.Before(from) && r.orderedAt.Before(to)
	}
	cases := []struct {
		name  string
		q     app.OrderQuery
		match func(r searchRecord) bool
	}{
		{"status", app.OrderQuery{Statuses: []app.Status{app.StatusPendingReview}},
			func(r searchRecord) bool { return r.status == app.StatusPendingReview }},
		{"two statuses", app.OrderQuery{Statuses: []app.Status{app.StatusConfirmed, app.StatusDraft}},
			func(r searchRecord) bool { return r.status == app.StatusConfirmed || r.status == app.StatusDraft }},
		{"channel", app.OrderQuery{Channels: []app.Channel{app.ChannelTaobao, app.ChannelJD}},
			func(r searchRecord) bool { return r.channel == app.ChannelTaobao || r.channel == app.ChannelJD }},
		{"dates", app.OrderQuery{From: may1, To: may11},
			func(r searchRecord) bool { return inRange(r, may1, may11) }},
		{"date edges", app.OrderQuery{From: apr10, To: apr15},
			func(r searchRecord) bool { return inRange(r, apr10, apr15) }},
		{"from only", app.OrderQuery{From: may11},
			func(r searchRecord) bool { return !r.orderedAt.Before(may11) }},
		{"text and dates", app.OrderQuery{Text: "伟", From: may1, To: may11},
			func(r searchRecord) bool { return nameHas(r, "伟") && inRange(r, may1, may11) }},
		{"text, channel, status and dates", app.OrderQuery{Text: "张伟", Channels: []app.Channel{app.ChannelPhone},
			Statuses: []app.Status{app.StatusPendingReview}, From: apr10.AddDate(0, 0, -9), To: apr15},
			func(r searchRecord) bool {
				return nameHas(r, "张伟") && r.channel == app.ChannelPhone && r.status == app.StatusPendingReview &&
					inRange(r, apr10.AddDate(0, 0, -9), apr15)
			}},
		{"phone and status", app.OrderQuery{Text: "138-0013-8000", Statuses: []app.Status{app.StatusDraft}},
			func(r searchRecord) bool { return nameHas(r, "张伟") && r.status == app.StatusDraft }},
		{"payment status", app.OrderQuery{PaymentStatus: []app.PaymentStatus{app.PaymentUnpaid}},
			func(searchRecord) bool { return true }},
		{"customer", app.OrderQuery{CustomerID: s.dealer.ID},
			func(r searchRecord) bool { return r.customer == s.dealer.Name }},
		{"nothing matches", app.OrderQuery{Text: "李娜", Channels: []app.Channel{app.ChannelPhone}},
			func(searchRecord) bool { return false }},
	}
	for _, c := range cases {
		page := s.search(c.q)
		want := s.want(c.match)
		if len(want) == 0 && c.name != "nothing matches" {
			t.Fatalf("%s: the case matches nothing; it proves little", c.name)
		}
		if got := pageIDs(page); !slices.Equal(got, want) || page.Total != len(want) {
			t.Errorf("%s: found %v (total %d), want %v", c.name, got, page.Total, want)
		}
	}
}

// TestSearchSortAndPage: every sort column orders the rows (ties by id),
// and paging through a result returns each order exactly once with a
// steady total.
func TestSearchSortAndPage(t *testing.T) {
	s := newSearchShop(t)
	byID := map[int64]searchRecord{}
	for _, r := range s.records {
		byID[r.id] = r
	}
	key := map[app.OrderSort]func(r app.OrderRow) string{
		app.SortOrderedAt: func(r app.OrderRow) string { return r.OrderedAt.Format(time.RFC3339Nano) },
		app.SortNumber:    func(r app.OrderRow) string { return r.Number },
		app.SortPayable:   func(r app.OrderRow) string { return fmt.Sprintf("%020d", r.Payable) },
		app.SortCustomer:  func(r app.OrderRow) string { return r.CustomerName },
		app.SortStatus:    func(r app.OrderRow) string { return string(r.Status) },
	}
	for sort, k := range key {
		for _, asc := range []bool{true, false} {
			page := s.search(app.OrderQuery{Sort: sort, Ascending: asc})
			if len(page.Rows) != len(s.records) {
				t.Fatalf("%s: %d rows, want %d", sort, len(page.Rows), len(s.records))
			}
			for i := 1; i < len(page.Rows); i++ {
				p, q := page.Rows[i-1], page.Rows[i]
				cmp := strings.Compare(k(p), k(q))
				if cmp == 0 {
					cmp = int(p.ID - q.ID)
				}
				if (asc && cmp > 0) || (!asc && cmp < 0) {
					t.Fatalf("sort %s asc=%v: row %d (%s, id %d) before row %d (%s, id %d)", sort, asc, i-1, k(p), p.ID, i, k(q), q.ID)
				}
			}
		}
	}
	// The rows carry what the list shows.
	for _, row := range s.search(app.OrderQuery{}).Rows {
		r := byID[row.ID]
		if row.Number != r.number || row.Payable != r.payable || row.Status != r.status || !row.OrderedAt.Equal(r.orderedAt) ||
			row.Channel != r.channel || row.CustomerName != r.customer || row.RecipientName != r.recipient {
			t.Fatalf("row %+v does not match the order %+v", row, r)
		}
	}

	want := s.want(func(r searchRecord) bool { return nameHas(r, "张伟") })
	var seen []int64
	for offset := 0; offset < len(want)+7; offset += 7 {
		page := s.search(app.OrderQuery{Text: "张伟", Sort: app.SortNumber, Ascending: true, Limit: 7, Offset: offset})
		if page.Total != len(want) {
			t.Fatalf("offset %d: total %d, want %d", offset, page.Total, len(want))
		}
		if wantRows := min(7, max(len(want)-offset, 0)); len(page.Rows) != wantRows {
			t.Fatalf("offset %d: %d rows, want %d", offset, len(page.Rows), wantRows)
		}
		for _, r := range page.Rows {
			seen = append(seen, r.ID)
		}
	}
	slices.Sort(seen)
	if !slices.Equal(seen, want) {
		t.Fatalf("paging returned %v, want each of %v once", seen, want)
	}
	if page := s.search(app.OrderQuery{Text: "张伟", SkipTotal: true, Limit: 3}); page.Total != -1 || len(page.Rows) != 3 {
		t.Fatalf("SkipTotal: total %d, %d rows", page.Total, len(page.Rows))
	}
}

// TestSearchNeverFails: text with FTS5 syntax in it is taken literally;
// whatever is typed, a search answers rather than erring.
func TestSearchNeverFails(t *testing.T) {
	s := newSearchShop(t)
	nasty := []string{`"`, `""`, `"""`, `'`, `*`, `**`, `-`, `--`, `(`, `)`, `()`, `AND`, `OR`, `NOT`, `NEAR`, `NEAR(`,
		`NEAR(a b, 2)`, `a AND b`, `张伟 OR 李娜`, `NOT 张伟`, `^tea`, `tea:`, `body:tea`, `{body}: tea`, `:`, `+`, `-tea`,
		`"unterminated`, `a"b`, `\`, `%`, `_`, `;DROP TABLE orders;--`, "\x00", "tea\x00", `tea*`, `1*`, `*1`, `🍵`,
		"e\u0301", "\U00031350", "ꭰ", strings.Repeat("张伟 ", 500), strings.Repeat("a", 10000), `AND OR NOT NEAR`,
		`.`, `,`, `#`, `@`, `"张伟" AND "李娜"`, `NEAR("张伟" "李娜")`, "\t\n", `202605-001*`, `202605-`, `+86`, `(((`}
	rng := rand.New(rand.NewPCG(11, 13))
	pieces := []string{`"`, `*`, `-`, `(`, `)`, `:`, `^`, `+`, `AND`, `OR`, `NOT`, `NEAR`, ` `, `a`, `张`, `1`, `'`, `{`, `}`, `,`, `.`, `tea`}
	for i := 0; i < 300; i++ {
		var b strings.Builder
		for n := 1 + rng.IntN(8); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		nasty = append(nasty, b.String())
	}
	for _, text := range nasty {
		if _, err := s.svc.SearchOrders(s.ctx, app.OrderQuery{Text: text}); err != nil {
			t.Errorf("search %q: %v", text, err)
		}
		if _, err := s.svc.SearchOrders(s.ctx, app.OrderQuery{Text: text, Statuses: []app.Status{app.StatusDraft}, SkipTotal: true}); err != nil {
			t.Errorf("search %q with a filter: %v", text, err)
		}
	}
	// Operators are words like any other, and every word must match:
	// nobody is called "AND".
	for _, text := range []string{"AND", "NOT", "NEAR(张伟", "张伟 AND", "张伟 OR 李娜"} {
		if page := s.search(app.OrderQuery{Text: text}); page.Total != 0 {
			t.Errorf("%q found %d orders, want none", text, page.Total)
		}
	}
}

// TestParseSearch pins what typed text becomes.
func TestParseSearch(t *testing.T) {
	cases := []struct {
		text string
		want data.SearchQuery
	}{
		{"", data.SearchQuery{}},
		{"   ", data.SearchQuery{}},
		// A number, whole or its start, is looked up among the numbers
		// and in the text (platform ids look the same).
		{"202605-001", data.SearchQuery{Number: "202605-001", Match: `"202605001"`}},
		{" wx202605-0012 ", data.SearchQuery{Number: "WX202605-0012", Match: `"wx2026050012"`}},
		{"202605-01", data.SearchQuery{NumberPrefix: "202605-01", Match: `"20260501"*`}}, // the start of order numbers
		{"TB202611-01", data.SearchQuery{NumberPrefix: "TB202611-01", Match: `"TB20261101"*`}},
		{"p424272-5", data.SearchQuery{NumberPrefix: "P424272-5", Match: `"p4242725"*`}},
		{"202605-", data.SearchQuery{NumberPrefix: "202605-", Match: `"202605-"`}},
		{"tea\x00", data.SearchQuery{Match: `"tea"*`}},
		{"张\x00伟", data.SearchQuery{Match: `"张" "伟"`}},
		{"13800138000", data.SearchQuery{Match: `"13800138000"*`}},
		{"138 0013 8000", data.SearchQuery{Match: `"13800138000"*`}},
		{"+86 (138) 0013-8000", data.SearchQuery{Match: `"8613800138000"*`}},
		{"8000", data.SearchQuery{Match: `"8000"*`}},
		{"张伟", data.SearchQuery{Match: `"张 伟"`}},
		{"伟", data.SearchQuery{Match: `"伟"`}},
		{"张伟 Harb", data.SearchQuery{Match: `"张 伟" "Harb"*`}},
		{"张伟abc", data.SearchQuery{Match: `"张 伟 abc"*`}},
		{"a", data.SearchQuery{Match: `"a"`}},
		{"TEA-001", data.SearchQuery{Match: `"TEA001"*`}}, // a code is searched as one word
		{"TEA-", data.SearchQuery{Match: `"TEA-"`}},
		{`say "hi"`, data.SearchQuery{Match: `"say"* """hi"""`}},
		{"AND", data.SearchQuery{Match: `"AND"*`}},
		{"NEAR(a b)", data.SearchQuery{Match: `"NEARa"* "b)"`}},
		{"* - ( )", data.SearchQuery{}},
		{"a b c d e f g h i j", data.SearchQuery{Match: `"a" "b" "c" "d" "e" "f" "g" "h"`}},
	}
	for _, c := range cases {
		if got := data.ParseSearch(c.text); got != c.want {
			t.Errorf("ParseSearch(%q) = %+v, want %+v", c.text, got, c.want)
		}
	}
}

// TestSearchPlatformIDsShapedLikeNumbers: platform order ids that look like
// the shop's order numbers, whole or their start ("P424272-5" is one
// letter, six digits, a dash and a digit), are found by what was typed,
// and a number still finds its order.
func TestSearchPlatformIDsShapedLikeNumbers(t *testing.T) {
	f := newShop(t)
	ids := []string{"P424272-5", "AB123456-12", "TB202611-01", "202605-002"}
	byID := map[string]*app.Order{}
	var orders []*app.Order
	for _, id := range ids {
		in := f.input()
		in.Channel, in.PlatformOrderID = app.ChannelTaobao, id
		o, err := f.svc.CreateOrder(f.ctx, in, false)
		if err != nil {
			t.Fatal(err)
		}
		byID[id] = o
		orders = append(orders, o)
	}
	numbers := func(p app.OrderPage) []string {
		var out []string
		for _, r := range p.Rows {
			out = append(out, r.Number)
		}
		slices.Sort(out)
		return out
	}
	for _, c := range []struct {
		text string
		want []string
	}{
		{"P424272-5", []string{byID["P424272-5"].Number}},
		{"p424272-5", []string{byID["P424272-5"].Number}},
		{"AB123456-12", []string{byID["AB123456-12"].Number}},
		{"AB123456-1", []string{byID["AB123456-12"].Number}}, // its start
		{"TB202611-01", []string{byID["TB202611-01"].Number}},
		{"tb202611-0", []string{byID["TB202611-01"].Number}},
		{"TB202611-", []string{byID["TB202611-01"].Number}},
		// An order number finds its order, and the order whose platform
		// id is that number.
		{"202605-002", []string{orders[1].Number, byID["202605-002"].Number}},
		// The start of numbers finds the shop's numbers that start so.
		{"202605-00", []string{orders[0].Number, orders[1].Number, orders[2].Number, orders[3].Number}},
		{"202605-003", []string{orders[2].Number}},
		{"AB123456-13", nil},
	} {
		page, err := f.svc.SearchOrders(f.ctx, app.OrderQuery{Text: c.text})
		if err != nil {
			t.Fatalf("search %q: %v", c.text, err)
		}
		want := slices.Clone(c.want)
		slices.Sort(want)
		if got := numbers(page); !slices.Equal(got, slices.Compact(want)) || page.Total != len(got) {
			t.Errorf("search %q found %v (total %d), want %v", c.text, got, page.Total, want)
		}
	}
}

// TestSearchByStartOfNumber finds every order whose number starts with
// what was typed, and only those.
func TestSearchByStartOfNumber(t *testing.T) {
	f := newShop(t)
	for range 12 {
		if _, err := f.svc.CreateOrder(f.ctx, f.input(), false); err != nil {
			t.Fatal(err)
		}
	}
	page, err := f.svc.SearchOrders(f.ctx, app.OrderQuery{Text: "202605-01", Ascending: true, Sort: app.SortNumber})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 3 || page.Rows[0].Number != "202605-010" || page.Rows[2].Number != "202605-012" {
		t.Fatalf("want 202605-010…012, got %d: %+v", page.Total, page.Rows)
	}
}
