package data_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"orderdesk/app"
)

// TestOrderNumbersConcurrent: orders created at the same time from many
// goroutines get distinct numbers that run 001…400 with no gap.
func TestOrderNumbersConcurrent(t *testing.T) {
	f := newShop(t)
	const workers, each = 8, 50
	var mu sync.Mutex
	var numbers []string
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				o, err := f.svc.CreateOrder(f.ctx, f.input(), i%2 == 0)
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				numbers = append(numbers, o.Number)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	slices.Sort(numbers)
	if len(numbers) != workers*each {
		t.Fatalf("%d orders created, want %d", len(numbers), workers*each)
	}
	for i, n := range numbers {
		if want := fmt.Sprintf("202605-%03d", i+1); n != want {
			t.Fatalf("number %d is %s, want %s (numbers collide or skip)", i, n, want)
		}
	}
	if n, _ := f.svc.CountOrders(f.ctx); n != workers*each {
		t.Fatalf("%d orders stored", n)
	}
	f.check()
}

// TestOrderNumbersPerMonth: each month's numbers start again at 001, by
// the month the order was placed, and go on where that month left off.
func TestOrderNumbersPerMonth(t *testing.T) {
	f := newShop(t)
	create := func(in app.OrderInput) string {
		t.Helper()
		o, err := f.svc.CreateOrder(f.ctx, in, false)
		if err != nil {
			t.Fatal(err)
		}
		return o.Number
	}
	var got []string
	got = append(got, create(f.input()), create(f.input()))
	f.clock = time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC)
	got = append(got, create(f.input()))
	late := f.input()
	late.OrderedAt = time.Date(2026, 5, 28, 15, 0, 0, 0, time.UTC) // keyed in late, placed in May
	got = append(got, create(late), create(f.input()))
	f.clock = time.Date(2026, 12, 15, 8, 0, 0, 0, time.UTC)
	got = append(got, create(f.input()))
	f.clock = time.Date(2027, 1, 15, 8, 0, 0, 0, time.UTC)
	got = append(got, create(f.input()), create(f.input()))
	want := []string{"202605-001", "202605-002", "202606-001", "202605-003", "202606-002", "202612-001", "202701-001", "202701-002"}
	if !slices.Equal(got, want) {
		t.Fatalf("numbers %v, want %v", got, want)
	}
}

// TestRefusedOrderKeepsItsNumber: an order refused for any reason does
// not use up a number; the next good one takes it.
func TestRefusedOrderKeepsItsNumber(t *testing.T) {
	f := newShop(t)
	raw := rawDB(t, f.store.Path())
	first := f.input()
	first.Channel, first.PlatformOrderID = app.ChannelTaobao, "TB-1001"
	if o, err := f.svc.CreateOrder(f.ctx, first, true); err != nil || o.Number != "202605-001" {
		t.Fatalf("%v %v", o, err)
	}
	before := countRows(t, raw)
	bad := f.input(app.LineInput{SKU: "TEA-001", Qty: 0})
	_, err := f.svc.CreateOrder(f.ctx, bad, false)
	wantField(t, err, "lines[0].qty", app.CodeTooSmall)
	_, err = f.svc.CreateOrder(f.ctx, first, false) // the same platform order again
	wantField(t, err, "platform_order_id", app.CodeDuplicate)
	incomplete := f.input()
	incomplete.RecipientName = ""
	_, err = f.svc.CreateOrder(f.ctx, incomplete, true)
	wantField(t, err, "recipient.name", app.CodeRequired)
	if after := countRows(t, raw); after != before {
		t.Fatalf("refused orders left traces: %+v, was %+v", after, before)
	}
	if o, err := f.svc.CreateOrder(f.ctx, f.input(), false); err != nil || o.Number != "202605-002" {
		t.Fatalf("after refusals: %v %v, want 202605-002", o, err)
	}
}

// TestOrderPrefix: the shop's prefix goes in front of every number, and a
// number is found however its prefix is typed.
func TestOrderPrefix(t *testing.T) {
	f := newShop(t)
	shop, err := f.svc.Shop(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range []struct{ prefix, want string }{
		{"WX", "WX202605-001"},
		{"wx", "WX202605-002"}, // typed in lower case, stored (and searched) in upper
		{"", "202605-003"},
	} {
		shop.OrderPrefix = c.prefix
		if err := f.svc.SaveShop(f.ctx, shop); err != nil {
			t.Fatal(err)
		}
		o, err := f.svc.CreateOrder(f.ctx, f.input(), false)
		if err != nil {
			t.Fatal(err)
		}
		if o.Number != c.want {
			t.Fatalf("prefix %q: number %s, want %s", c.prefix, o.Number, c.want)
		}
		for _, typed := range []string{c.want, " " + c.want + " ", strings.ToLower(c.want)} {
			page, err := f.svc.SearchOrders(f.ctx, app.OrderQuery{Text: typed})
			if err != nil {
				t.Fatal(err)
			}
			if len(page.Rows) != 1 || page.Rows[0].ID != o.ID {
				t.Fatalf("case %d: search %q found %+v", i, typed, page.Rows)
			}
		}
		if got, err := f.svc.OrderByNumber(f.ctx, c.want); err != nil || got.ID != o.ID {
			t.Fatalf("OrderByNumber(%s): %v %v", c.want, got, err)
		}
	}
	shop.OrderPrefix = "W X"
	if err := f.svc.SaveShop(f.ctx, shop); err == nil {
		t.Fatal("a prefix with a space was accepted")
	}
	shop.OrderPrefix = "TOOLONG"
	wantField(t, f.svc.SaveShop(f.ctx, shop), "order_prefix", app.CodeTooLong)
	if _, err := f.svc.OrderByNumber(f.ctx, "WX202605-999"); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("want ErrNotFound, got %v", err)
	}
}
