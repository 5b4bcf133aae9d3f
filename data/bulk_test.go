package data_test

import (
	"errors"
	"fmt"
	"testing"

	"orderdesk/app"
)

// bulkInputs makes n distinct platform orders, as an import file would.
func (f *shopFixture) bulkInputs(n int) []app.OrderInput {
	inputs := make([]app.OrderInput, n)
	for i := range inputs {
		in := f.input(app.LineInput{SKU: "TEA-001", Qty: int64(i%3 + 1)}, app.LineInput{SKU: "6901234567908", Qty: 1})
		in.Channel, in.PlatformOrderID = app.ChannelTaobao, fmt.Sprintf("TB%08d", i)
		inputs[i] = in
	}
	return inputs
}

// TestBulkAllOrNothing: one bad order among a thousand stops the whole
// import, says which one, and leaves no trace, not even a used number.
func TestBulkAllOrNothing(t *testing.T) {
	f := newShop(t)
	raw := rawDB(t, f.store.Path())
	before := countRows(t, raw)
	inputs := f.bulkInputs(1000)
	inputs[617].Lines[0].Qty = 0
	res, err := f.svc.CreateOrders(f.ctx, inputs, true, nil)
	var bulk *app.BulkError
	if !errors.As(err, &bulk) {
		t.Fatalf("want a BulkError, got %v", err)
	}
	if len(bulk.Rows) != 1 || bulk.Rows[0].Index != 617 {
		t.Fatalf("bulk error names %+v, want input 617 only", bulk.Rows)
	}
	wantField(t, bulk.Rows[0].Err, "lines[0].qty", app.CodeTooSmall)
	if len(res.Created) != 0 {
		t.Fatalf("a failed import reports %d created orders", len(res.Created))
	}
	if after := countRows(t, raw); after != before {
		t.Fatalf("a failed import left traces: %+v, was %+v", after, before)
	}

	// Several bad inputs are all reported, in input order.
	inputs[617].Lines[0].Qty = 1
	inputs[3].RecipientPhone = "call me"
	inputs[999].Lines[1].SKU = "NO-SUCH-SKU"
	_, err = f.svc.CreateOrders(f.ctx, inputs, true, nil)
	if !errors.As(err, &bulk) || len(bulk.Rows) != 2 || bulk.Rows[0].Index != 3 || bulk.Rows[1].Index != 999 {
		t.Fatalf("want inputs 3 and 999 reported, got %v", err)
	}
	wantField(t, bulk.Rows[1].Err, "lines[1].sku", app.CodeUnknown)
	if after := countRows(t, raw); after != before {
		t.Fatalf("a failed import left traces: %+v, was %+v", after, before)
	}
	f.check()
}

// TestBulkCreatesAll: a clean import of a thousand orders lands in one go,
// numbered in input order, each with its history.
func TestBulkCreatesAll(t *testing.T) {
	f := newShop(t)
	var calls []int
	res, err := f.svc.CreateOrders(f.ctx, f.bulkInputs(1000), true, func(done, total int) {
		if total != 1000 {
			t.Errorf("progress total %d", total)
		}
		calls = append(calls, done)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Created) != 1000 {
		t.Fatalf("%d created", len(res.Created))
	}
	if len(calls) == 0 || calls[len(calls)-1] != 1000 {
		t.Fatalf("progress calls %v do not end at 1000", calls)
	}
	if n, _ := f.svc.CountOrders(f.ctx); n != 1000 {
		t.Fatalf("%d orders stored", n)
	}
	for _, i := range []int{0, 1, 499, 998, 999} {
		o, err := f.svc.Order(f.ctx, res.Created[i])
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("202605-%03d", i+1); o.Number != want || o.PlatformOrderID != fmt.Sprintf("TB%08d", i) {
			t.Fatalf("input %d became %s (%s), want %s", i, o.Number, o.PlatformOrderID, want)
		}
		if o.Status != app.StatusPendingReview || len(o.Lines) != 2 || o.Lines[1].SKU != "CUP-002" {
			t.Fatalf("input %d stored as %+v", i, o)
		}
		if h, _ := f.svc.History(f.ctx, app.SubjectOrder, o.ID); len(h) != 2 || h[0].Action != "order.created" || h[1].Action != "order.checked" {
			t.Fatalf("input %d history %+v", i, h)
		}
	}
	page, err := f.svc.SearchOrders(f.ctx, app.OrderQuery{Text: "TB00000777"})
	if err != nil || page.Total != 1 {
		t.Fatalf("imported order not searchable: %+v %v", page, err)
	}
	f.check()
}

// TestBulkDuplicatePlatformOrder: the same platform order twice, in one
// file or across imports, is refused; the same id from another channel is
// another order.
func TestBulkDuplicatePlatformOrder(t *testing.T) {
	f := newShop(t)
	raw := rawDB(t, f.store.Path())
	inputs := f.bulkInputs(10)
	inputs[7].PlatformOrderID = inputs[2].PlatformOrderID
	_, err := f.svc.CreateOrders(f.ctx, inputs, false, nil)
	var bulk *app.BulkError
	if !errors.As(err, &bulk) || len(bulk.Rows) != 1 || bulk.Rows[0].Index != 7 {
		t.Fatalf("want input 7 refused as a duplicate, got %v", err)
	}
	wantField(t, bulk.Rows[0].Err, "platform_order_id", app.CodeDuplicate)

	inputs[7].PlatformOrderID = "TB-OTHER"
	if _, err := f.svc.CreateOrders(f.ctx, inputs, false, nil); err != nil {
		t.Fatal(err)
	}
	before := countRows(t, raw)
	again := f.bulkInputs(12)[10:] // TB00000010, TB00000011: new
	again = append(again, f.bulkInputs(5)[4])
	_, err = f.svc.CreateOrders(f.ctx, again, false, nil)
	if !errors.As(err, &bulk) || len(bulk.Rows) != 1 || bulk.Rows[0].Index != 2 {
		t.Fatalf("want the re-imported order refused, got %v", err)
	}
	if _, err := f.svc.CreateOrder(f.ctx, again[2], true); err == nil {
		t.Fatal("a platform order was taken twice")
	} else {
		wantField(t, err, "platform_order_id", app.CodeDuplicate)
	}
	if after := countRows(t, raw); after != before {
		t.Fatalf("refused imports left traces: %+v, was %+v", after, before)
	}
	other := again[2]
	other.Channel = app.ChannelJD
	if _, err := f.svc.CreateOrder(f.ctx, other, true); err != nil {
		t.Fatalf("the same id from another channel: %v", err)
	}
	f.check()
}
