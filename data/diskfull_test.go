package data_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"orderdesk/app"
	"orderdesk/data"
)

// TestDiskFullLosesNothingCommitted: when the disk fills (simulated with
// a page limit), the write that needs the space fails with ErrDiskFull
// and a sentence that says what to do; every order committed before it,
// big import or single order, is still there whole; and once there is
// space again the shop carries on.
func TestDiskFullLosesNothingCommitted(t *testing.T) {
	f := newShop(t)
	var committed []string
	for i := 0; i < 3; i++ {
		o, err := f.svc.CreateOrder(f.ctx, f.input(), true)
		f.must(err)
		committed = append(committed, o.Number)
	}
	f.must(f.store.LimitPages(f.ctx, 1)) // clamped to the pages in use now

	inputs := f.bulkInputs(500)
	_, err := f.svc.CreateOrders(f.ctx, inputs, true, nil)
	if !errors.Is(err, data.ErrDiskFull) || !strings.Contains(err.Error(), "free some space") {
		t.Fatalf("a big import on a full disk: want ErrDiskFull, got %v", err)
	}
	// Single orders fill what free pages are left; one of them meets the end.
	var full error
	for i := 0; i < 5000 && full == nil; i++ {
		in := f.input()
		in.PlatformOrderID = fmt.Sprint("WEB-", i)
		o, err := f.svc.CreateOrder(f.ctx, in, true)
		switch {
		case errors.Is(err, data.ErrDiskFull):
			full = err
		case err != nil:
			t.Fatalf("order %d: %v", i, err)
		default:
			committed = append(committed, o.Number)
		}
	}
	if full == nil {
		t.Fatal("the page limit never filled up")
	}
	checkCommitted := func(store *data.Store) {
		t.Helper()
		svc := app.NewService(store)
		if n, err := svc.CountOrders(f.ctx); err != nil || n != int64(len(committed)) {
			t.Fatalf("%d orders (%v), want the %d committed", n, err, len(committed))
		}
		for _, number := range committed {
			o, err := svc.OrderByNumber(f.ctx, number)
			if err != nil || len(o.Lines) != 2 || o.Payable != 35400 {
				t.Fatalf("order %s after the disk filled: %v %+v", number, err, o)
			}
		}
		if problems, err := store.Check(f.ctx); err != nil || len(problems) > 0 {
			t.Fatalf("%v %v", problems, err)
		}
	}
	checkCommitted(f.store)

	f.must(f.store.LimitPages(f.ctx, 1<<30))
	o, err := f.svc.CreateOrder(f.ctx, f.input(), true)
	if err != nil {
		t.Fatalf("with space again: %v", err)
	}
	committed = append(committed, o.Number)
	path := f.store.Path()
	f.must(f.store.Close())
	checkCommitted(openStore(t, path))
}
