package data_test

import (
	"context"
	"path/filepath"
	"testing"

	"orderdesk/app"
	"orderdesk/data"
)

// FuzzSearchOrders: whatever is typed into the search box, ParseSearch
// gives one kind of query (an order number or a number prefix, each with
// its text match, or an FTS5 expression of at most eight terms), the same
// each time, and the real search over a shop with orders runs it without
// an error: quotes, FTS5 operators, NULs and stray bytes are taken
// literally.
//
//	go test ./data -run '^$' -fuzz '^FuzzSearchOrders$' -fuzztime 1m
func FuzzSearchOrders(f *testing.F) {
	for _, s := range []string{"202605-001", "qt202605-0", "张伟", "138 0013 8000", "+86 138-0013-8000", "8000", "TEA-LJ-250",
		`"`, `""`, `"张"伟`, "AND OR NOT", "NEAR(a b)", "*", "^tea", "body:tea", "((", "-", "a-", "-b", "ｔｅａ", "😀", "'",
		"tea\x00cup", "\xff\xfe", "a b c d e f g h i j", "Harbour Tea", "龙井茶 250g", "杭州市 西湖区", " \t\n"} {
		f.Add(s)
	}
	ctx := app.WithActor(context.Background(), app.Actor{Name: "fuzz", Role: app.RoleOwner})
	store, err := data.Open(ctx, filepath.Join(f.TempDir(), "shop.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = store.Close() })
	svc := app.NewService(store)
	shopWithOrders(f, ctx, svc)

	f.Fuzz(func(t *testing.T, text string) {
		q := data.ParseSearch(text)
		numbered := q.Number != "" || q.NumberPrefix != ""
		if (q.Number != "" && q.NumberPrefix != "") || (numbered && q.Match == "") || data.ParseSearch(text) != q {
			t.Fatalf("%q parses to %+v", text, q)
		}
		if n := phrases(q.Match); n > 8 {
			t.Fatalf("%q gives %d terms: %s", text, n, q.Match)
		}
		if _, err := svc.SearchOrders(ctx, app.OrderQuery{Text: text, Limit: 5}); err != nil {
			t.Fatalf("searching %q (%+v): %v", text, q, err)
		}
	})
}

// phrases counts the quoted phrases of an FTS5 expression ("" inside a
// phrase is a quote).
func phrases(match string) int {
	n, inside := 0, false
	for i := 0; i < len(match); i++ {
		switch {
		case match[i] != '"':
		case inside && i+1 < len(match) && match[i+1] == '"':
			i++
		case inside:
			inside = false
		default:
			inside = true
			n++
		}
	}
	return n
}

// shopWithOrders gives the search something to find: a few orders with
// Chinese and Latin names, phones and SKUs.
func shopWithOrders(f *testing.F, ctx context.Context, svc *app.Service) {
	cny, _ := app.LookupCurrency("CNY")
	must := func(err error) {
		if err != nil {
			f.Fatal(err)
		}
	}
	must(svc.SaveShop(ctx, app.Shop{Name: "Fuzz Tea", Currency: cny, Country: "CN", Calendar: app.DefaultCalendar(), Policy: app.DefaultPolicy()}))
	tea := &app.Product{SKU: "TEA-LJ-250", Name: "龙井茶", Unit: "box", Price: 12800, FloorPrice: 9900, Active: true}
	must(svc.SaveProduct(ctx, tea))
	for _, c := range []*app.Customer{
		{Name: "张伟", Kind: app.CustomerRetail, Phone: "13800138000", Address: app.Address{Province: "浙江省", City: "杭州市", Street: "文三路 100 号", Country: "CN"}},
		{Name: "Harbour Tea Trading Ltd", Kind: app.CustomerRetail, Phone: "+852 2345 6789", Address: app.Address{City: "Hong Kong", Street: "8 Queen's Road", Country: "HK"}},
	} {
		must(svc.SaveCustomer(ctx, c))
		_, err := svc.CreateOrder(ctx, app.OrderInput{Channel: app.ChannelPhone, CustomerID: c.ID, RecipientName: c.Name,
			RecipientPhone: c.Phone, Address: c.Address, Lines: []app.LineInput{{SKU: tea.SKU, Qty: 1}}, PaymentMethod: app.PayAlipay}, false)
		must(err)
	}
}
