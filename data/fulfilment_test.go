package data_test

import (
	"errors"
	"testing"
	"time"

	"orderdesk/app"
)

// fulfilShop is the fixture shop with the pick check and sign-off
// completing orders turned on, as a new shop has them.
func fulfilShop(t *testing.T) *shopFixture {
	f := newShop(t)
	f.withPolicy(func(p *app.Policy) { p.VerifyPicks, p.CompleteOnSignOff = true, true })
	return f
}

// confirmed enters, submits and confirms an order.
func (f *shopFixture) confirmed(in app.OrderInput) *app.Order {
	f.t.Helper()
	o, _ := f.submitted(in)
	o, err := f.svc.Confirm(f.ctx, o.ID)
	f.must(err)
	return o
}

// picked takes a confirmed order through allocation, the pick list and
// the pick check.
func (f *shopFixture) picked(o *app.Order) *app.Order {
	f.t.Helper()
	_, err := f.svc.Allocate(f.ctx, o.ID)
	f.must(err)
	_, err = f.svc.StartPickingAll(f.ctx, []int64{o.ID})
	f.must(err)
	lists, err := f.svc.PickLists(f.ctx, []int64{o.ID})
	f.must(err)
	check := app.NewPickCheck(lists[0])
	o, err = f.svc.VerifyPick(f.ctx, o.ID, "李四", check.Expected, false)
	f.must(err)
	return o
}

func (f *shopFixture) order(id int64) *app.Order {
	f.t.Helper()
	o, err := f.svc.Order(f.ctx, id)
	f.must(err)
	return o
}

func (f *shopFixture) openTasks(orderID int64) map[app.TaskKind]app.Task {
	f.t.Helper()
	tasks, err := f.svc.Tasks(f.ctx, app.TaskFilter{OpenOnly: true, SubjectKind: app.SubjectOrder, SubjectID: orderID})
	f.must(err)
	out := map[app.TaskKind]app.Task{}
	for _, t := range tasks {
		out[t.Kind] = t
	}
	return out
}

// level is a product's stock in one bin.
func (f *shopFixture) level(productID, binID int64) app.StockLevel {
	f.t.Helper()
	levels, err := f.svc.StockLevels(f.ctx, productID)
	f.must(err)
	for _, l := range levels {
		if l.BinID == binID {
			return l
		}
	}
	return app.StockLevel{}
}

// TestFulfilmentWholePath takes one order from confirmed to signed for:
// batch allocation, the pick list in walking order, the pick check with
// every scan outcome, packing, carrier rules, shipping without and then
// with a tracking number, and sign-off completing the order.
func TestFulfilmentWholePath(t *testing.T) {
	f := fulfilShop(t)
	o := f.confirmed(f.input(app.LineInput{SKU: "CUP-002", Qty: 1}, app.LineInput{SKU: "TEA-001", Qty: 2}))

	run, err := f.svc.AllocateAll(f.ctx, nil)
	f.must(err)
	if run.Allocated != 1 || len(run.Short) != 0 {
		t.Fatalf("allocate all: %+v, want one allocated", run)
	}
	counts, err := f.svc.StageCounts(f.ctx)
	f.must(err)
	if counts[app.StageAllocate] != 0 || counts[app.StagePick] != 1 {
		t.Fatalf("stage counts %v, want 1 to pick and none to allocate", counts)
	}
	lists, err := f.svc.PickLists(f.ctx, []int64{o.ID})
	f.must(err)
	if len(lists) != 1 || len(lists[0].Stops) != 2 {
		t.Fatalf("pick lists %+v, want one with two stops", lists)
	}
	// TEA lies in A-1-1 and CUP in A-1-2: the walk goes TEA first though
	// the order lists CUP first.
	if s := lists[0].Stops; s[0].BinCode != "A-1-1" || s[0].SKU != "TEA-001" || s[0].Qty != 2 || s[1].BinCode != "A-1-2" {
		t.Fatalf("stops %+v, want TEA ×2 in A-1-1 then CUP in A-1-2", s)
	}
	moved, err := f.svc.StartPickingAll(f.ctx, []int64{o.ID})
	f.must(err)
	if moved != 1 || f.order(o.ID).Status != app.StatusPicking {
		t.Fatalf("start picking moved %d", moved)
	}
	if _, err := f.svc.PackOrders(f.ctx, app.PackInput{OrderIDs: []int64{o.ID}}); err == nil {
		t.Fatal("an unchecked pick was packed")
	} else if v, ok := app.IsValidation(err); !ok || !hasField(v, "verified") {
		t.Fatalf("packing an unchecked pick: %v, want a problem with verified", err)
	}

	check := app.NewPickCheck(lists[0])
	for _, step := range []struct {
		code string
		want app.ScanOutcome
	}{
		{"6901234567892", app.ScanMatched},   // TEA
		{"NOT-A-PRODUCT", app.ScanWrongItem}, // not on the order
		{"tea-001", app.ScanMatched},         // by SKU, any case
		{"6901234567892", app.ScanTooMany},   // a third TEA
		{"6901234567908", app.ScanComplete},  // CUP completes it
	} {
		if got, _ := check.Scan(step.code); got != step.want {
			t.Fatalf("scan %s: %s, want %s", step.code, got, step.want)
		}
	}
	if _, err := f.svc.VerifyPick(f.ctx, o.ID, "", check.Counted, false); err == nil {
		t.Fatal("a check without the verifier's name was accepted")
	}
	o, err = f.svc.VerifyPick(f.ctx, o.ID, "李四", check.Counted, false)
	f.must(err)
	if o.VerifiedBy != "李四" || o.VerifiedAt.IsZero() {
		t.Fatalf("verifier %q at %v", o.VerifiedBy, o.VerifiedAt)
	}

	sh, err := f.svc.PackOrders(f.ctx, app.PackInput{OrderIDs: []int64{o.ID},
		Packages: []app.Package{{WeightGrams: 1800, LengthMM: 300, WidthMM: 200, HeightMM: 150, Material: "carton, bubble wrap", Fragile: true}}})
	f.must(err)
	if sh.Number != o.Number+"-1" || sh.Status != app.ShipmentPacked || len(sh.Lines) != 2 || !sh.Fragile() {
		t.Fatalf("shipment %+v", sh)
	}
	if got := f.order(o.ID).Status; got != app.StatusPacked {
		t.Fatalf("order is %s after packing everything, want packed", got)
	}

	f.must(f.svc.SaveCarrierRules(f.ctx, []app.CarrierRule{
		{Carrier: "SF Express", Service: "next day", Urgency: app.UrgencyUrgent},
		{Carrier: "ZTO", MaxWeightGrams: 1000, Destinations: []string{"浙江"}},
		{Carrier: "YTO", MaxWeightGrams: 20000, Destinations: []string{"浙江", "上海"}},
		{Carrier: "EMS"},
	}))
	rule, ok, err := f.svc.SuggestCarrierFor(f.ctx, sh.ID)
	f.must(err)
	if !ok || rule.Carrier != "YTO" {
		t.Fatalf("suggested %+v, want YTO (standard, 1.8 kg to 浙江: ZTO's 1 kg limit is passed)", rule)
	}

	f.clock = f.clock.Add(time.Hour)
	sh, err = f.svc.ShipShipment(f.ctx, sh.ID, app.ShipInput{Carrier: rule.Carrier})
	f.must(err)
	if got := f.order(o.ID); got.Status != app.StatusShipped || got.Lines[0].QtyShipped != 1 || got.Lines[1].QtyShipped != 2 {
		t.Fatalf("after shipping the order is %s with lines %+v", got.Status, got.Lines)
	}
	if l := f.level(f.products[0].ID, f.bins[0].ID); l.OnHand != 48 || l.Reserved != 0 {
		t.Fatalf("TEA in A-1-1 is %+v after shipping, want 48 on hand and none reserved", l)
	}
	task, open := f.openTasks(o.ID)[app.TaskRecordWaybill]
	if !open || !task.Due.Equal(f.clock.Add(time.Hour)) {
		t.Fatalf("record-waybill task %+v (open %v), want one due an hour after shipping", task, open)
	}
	if _, err := f.svc.SetTracking(f.ctx, sh.ID, "yt 7788 9900 11"); err != nil {
		t.Fatal(err)
	}
	if _, open := f.openTasks(o.ID)[app.TaskRecordWaybill]; open {
		t.Fatal("the record-waybill task is still open after the tracking number was recorded")
	}
	page, err := f.svc.SearchOrders(f.ctx, app.OrderQuery{Text: "YT778899001"})
	f.must(err)
	if len(page.Rows) != 1 || page.Rows[0].ID != o.ID {
		t.Fatalf("search by tracking number found %+v", page.Rows)
	}
	counts, _ = f.svc.StageCounts(f.ctx)
	if counts[app.StageTransit] != 1 {
		t.Fatalf("counts %v, want one in transit", counts)
	}

	sh, err = f.svc.SignOffShipment(f.ctx, sh.ID, app.SignOff{Signer: "张伟", Remarks: "box dented, goods fine"})
	f.must(err)
	if sh.Status != app.ShipmentDelivered || sh.SignRemarks != "box dented, goods fine" {
		t.Fatalf("shipment after sign-off: %+v", sh)
	}
	if got := f.order(o.ID).Status; got != app.StatusCompleted {
		t.Fatalf("order is %s after sign-off, want completed (the shop completes on sign-off)", got)
	}
	f.check()
}

// TestAllocationPicksWarehouseAndTransfers: the warehouse that covers the
// most units wins; among equals the nearest to the address beats the
// cheaper; what home lacks is transferred in with two ledger moves.
func TestAllocationPicksWarehouseAndTransfers(t *testing.T) {
	f := fulfilShop(t)
	hz := &app.Warehouse{Code: "HZ", Name: "Hangzhou", ShippingRank: 9, Active: true,
		Address: app.Address{Province: "浙江省", City: "杭州市", Country: "CN"}}
	f.must(f.svc.SaveWarehouse(f.ctx, hz))
	hzBin := app.Bin{WarehouseID: hz.ID, Code: "H-1-1"}
	f.must(f.svc.AddBin(f.ctx, &hzBin))
	tea := f.products[0]
	f.must(f.svc.ReceiveStock(f.ctx, app.StockReceipt{ProductID: tea.ID, BinID: hzBin.ID, Qty: 1}))

	// Both cover one TEA: Hangzhou is nearer to 杭州 than Shanghai, though
	// dearer to ship from.
	near := f.confirmed(f.input(app.LineInput{SKU: "TEA-001", Qty: 1}))
	_, err := f.svc.Allocate(f.ctx, near.ID)
	f.must(err)
	if l := f.level(tea.ID, hzBin.ID); l.Reserved != 1 {
		t.Fatalf("HZ's TEA is %+v, want the near warehouse's unit reserved", l)
	}

	// Two more TEA: only Shanghai has them.
	far := f.confirmed(f.input(app.LineInput{SKU: "TEA-001", Qty: 2}))
	_, err = f.svc.Allocate(f.ctx, far.ID)
	f.must(err)
	if l := f.level(tea.ID, f.bins[0].ID); l.Reserved != 2 {
		t.Fatalf("SH's TEA is %+v, want 2 reserved", l)
	}

	// HZ holds 3 POT, SH 50: an order of TEA ×1 and POT ×4 is covered
	// best by SH (TEA 1 + POT 4 = 5 units), so no transfer is needed. Make
	// SH short of POT instead: take 48 away, leaving 2.
	pot := f.products[2]
	f.must(f.svc.AdjustStock(f.ctx, app.StockAdjustment{ProductID: pot.ID, BinID: f.bins[2].ID, Delta: -48, Reason: "count"}))
	f.must(f.svc.ReceiveStock(f.ctx, app.StockReceipt{ProductID: pot.ID, BinID: hzBin.ID, Qty: 3}))
	// SH covers CUP 3 + POT 2 = 5, HZ covers POT 3 = 3: SH is home and one
	// POT travels from HZ.
	o := f.confirmed(f.input(app.LineInput{SKU: "CUP-002", Qty: 3}, app.LineInput{SKU: "POT-003", Qty: 3}))
	_, err = f.svc.Allocate(f.ctx, o.ID)
	f.must(err)
	moves, err := f.svc.StockMoves(f.ctx, app.MoveFilter{OrderID: o.ID})
	f.must(err)
	kinds := map[app.MoveKind]int64{}
	for _, m := range moves {
		kinds[m.Kind] += m.OnHandDelta + m.ReservedDelta
	}
	if kinds[app.MoveTransferOut] != -1 || kinds[app.MoveTransferIn] != 1 || kinds[app.MoveReserve] != 6 {
		t.Fatalf("moves %v, want one POT out of HZ, one into SH, six reserved", kinds)
	}
	if l := f.level(pot.ID, f.bins[2].ID); l.OnHand != 3 || l.Reserved != 3 {
		t.Fatalf("SH's POT is %+v, want 3 on hand (2 + 1 transferred), all 3 reserved", l)
	}
	if l := f.level(pot.ID, hzBin.ID); l.OnHand != 2 {
		t.Fatalf("HZ's POT is %+v, want 2 left", l)
	}
	lists, err := f.svc.PickLists(f.ctx, []int64{o.ID})
	f.must(err)
	for _, s := range lists[0].Stops {
		if s.WarehouseCode != "SH" {
			t.Fatalf("stop %+v: everything is picked in the home warehouse", s)
		}
	}

	// Cancelling gives it all back; the transfer stays (the goods moved).
	_, err = f.svc.Cancel(f.ctx, o.ID, "customer changed mind")
	f.must(err)
	if l := f.level(pot.ID, f.bins[2].ID); l.Reserved != 0 || l.OnHand != 3 {
		t.Fatalf("SH's POT after cancelling is %+v", l)
	}
	f.check()
}

// TestShortLines: an order stock cannot cover is left unchanged with a
// task; each of the four decisions then does what it says.
func TestShortLines(t *testing.T) {
	f := fulfilShop(t)
	tea, cup, pot := f.products[0], f.products[1], f.products[2]
	expected := time.Date(2026, 5, 20, 0, 0, 0, 0, time.UTC)
	f.must(f.svc.ExpectStock(f.ctx, app.IncomingStock{ProductID: tea.ID, WarehouseID: f.warehouse.ID, Qty: 30, ExpectedAt: expected, Reference: "PO-9"}))

	t.Run("backorder", func(t *testing.T) {
		o := f.confirmed(f.input(app.LineInput{SKU: "TEA-001", Qty: 52}))
		_, err := f.svc.Allocate(f.ctx, o.ID)
		var short *app.ShortageError
		if !errors.As(err, &short) || len(short.Lines) != 1 || short.Lines[0].Need != 52 || short.Lines[0].Available != 50 ||
			!short.Lines[0].Expected.Equal(expected) {
			t.Fatalf("allocating 52 of 50: %v (%+v)", err, short)
		}
		if got := f.order(o.ID).Status; got != app.StatusConfirmed {
			t.Fatalf("a short order is %s, want it left confirmed", got)
		}
		if _, open := f.openTasks(o.ID)[app.TaskDecideStock]; !open {
			t.Fatal("no task asks for a decision about the missing stock")
		}
		_, err = f.svc.DecideShortage(f.ctx, o.ID, o.Lines[0].ID, app.ShortageDecision{Kind: app.ShortBackorder})
		f.must(err)
		decided, _ := f.svc.LineDecisions(f.ctx, o.ID)
		if len(decided) != 1 || decided[0].ShortQty != 2 || !decided[0].ExpectedDate.Equal(expected) {
			t.Fatalf("decisions %+v, want a backorder of 2 expected %v", decided, expected)
		}
		tasks := f.openTasks(o.ID)
		if _, open := tasks[app.TaskDecideStock]; open {
			t.Fatal("the decide task is still open after deciding")
		}
		if _, open := tasks[app.TaskTellCustomer]; !open {
			t.Fatal("no task to tell the customer")
		}
		rows, _, err := f.svc.StageOrders(f.ctx, app.StageWaiting, 10, 0)
		f.must(err)
		if len(rows) != 1 || rows[0].OrderID != o.ID || !rows[0].Backorder.Equal(expected) {
			t.Fatalf("waiting queue %+v", rows)
		}
		f.must(f.svc.ReceiveStock(f.ctx, app.StockReceipt{ProductID: tea.ID, BinID: f.bins[0].ID, Qty: 5, Reference: "PO-9"}))
		run, err := f.svc.AllocateAll(f.ctx, nil)
		f.must(err)
		if run.Allocated != 1 || f.order(o.ID).Status != app.StatusAllocated {
			t.Fatalf("after the stock came in: %+v", run)
		}
		if decided, _ := f.svc.LineDecisions(f.ctx, o.ID); len(decided) != 0 {
			t.Fatalf("the backorder is over but still recorded: %+v", decided)
		}
		_, err = f.svc.Cancel(f.ctx, o.ID, "test done")
		f.must(err)
		f.check()
	})

	t.Run("ship what is there, the rest later", func(t *testing.T) {
		f.must(f.svc.AdjustStock(f.ctx, app.StockAdjustment{ProductID: cup.ID, BinID: f.bins[1].ID, Delta: -45, Reason: "count"}))
		o := f.confirmed(f.input(app.LineInput{SKU: "CUP-002", Qty: 8}, app.LineInput{SKU: "TEA-001", Qty: 1}))
		if _, err := f.svc.Allocate(f.ctx, o.ID); err == nil {
			t.Fatal("8 CUP allocated from 5")
		}
		_, err := f.svc.DecideShortage(f.ctx, o.ID, o.Lines[0].ID, app.ShortageDecision{Kind: app.ShortShipAvailable, Note: "customer agreed"})
		f.must(err)
		o = f.picked(o)
		sh, err := f.svc.PackOrders(f.ctx, app.PackInput{OrderIDs: []int64{o.ID}})
		f.must(err)
		_, err = f.svc.ShipShipment(f.ctx, sh.ID, app.ShipInput{Carrier: "ZTO", TrackingNumber: "ZT1"})
		f.must(err)
		o = f.order(o.ID)
		if o.Status != app.StatusPartlyShipped || o.Lines[0].QtyShipped != 5 || o.Lines[1].QtyShipped != 1 {
			t.Fatalf("after the first parcel: %s %+v", o.Status, o.Lines)
		}
		rows, _, _ := f.svc.StageOrders(f.ctx, app.StageAllocate, 10, 0)
		if len(rows) != 1 || rows[0].OrderID != o.ID || rows[0].Units != 3 {
			t.Fatalf("allocate queue %+v, want the rest (3 units) of %s", rows, o.Number)
		}
		f.must(f.svc.ReceiveStock(f.ctx, app.StockReceipt{ProductID: cup.ID, BinID: f.bins[1].ID, Qty: 3}))
		o = f.picked(o)
		sh2, err := f.svc.PackOrders(f.ctx, app.PackInput{OrderIDs: []int64{o.ID}})
		f.must(err)
		if sh2.Number != o.Number+"-2" || sh2.Lines[0].Qty != 3 {
			t.Fatalf("second parcel %+v", sh2)
		}
		_, err = f.svc.ShipShipment(f.ctx, sh2.ID, app.ShipInput{Carrier: "ZTO", TrackingNumber: "ZT2"})
		f.must(err)
		if got := f.order(o.ID).Status; got != app.StatusShipped {
			t.Fatalf("after the second parcel the order is %s", got)
		}
		list, _ := f.svc.OrderShipments(f.ctx, o.ID)
		if len(list) != 2 {
			t.Fatalf("%d shipments, want 2", len(list))
		}
		f.check()
	})

	t.Run("substitute", func(t *testing.T) {
		tea.Alternates = []int64{pot.ID}
		f.must(f.svc.SaveProduct(f.ctx, tea))
		o := f.confirmed(f.input(app.LineInput{SKU: "TEA-001", Qty: 60}))
		if _, err := f.svc.Allocate(f.ctx, o.ID); err == nil {
			t.Fatal("60 TEA allocated")
		}
		if _, err := f.svc.DecideShortage(f.ctx, o.ID, o.Lines[0].ID, app.ShortageDecision{Kind: app.ShortSubstitute, SubstituteID: cup.ID}); err == nil {
			t.Fatal("a product that is not an alternate was substituted")
		}
		o, err := f.svc.DecideShortage(f.ctx, o.ID, o.Lines[0].ID, app.ShortageDecision{Kind: app.ShortSubstitute, SubstituteID: pot.ID})
		f.must(err)
		if l := o.Lines[0]; l.SKU != "POT-003" || l.UnitPrice != 12800 || l.Qty != 60 {
			t.Fatalf("substituted line %+v, want POT-003 ×60 at TEA's price", l)
		}
		decided, _ := f.svc.LineDecisions(f.ctx, o.ID)
		if len(decided) != 1 || decided[0].SubstituteFor != "TEA-001" {
			t.Fatalf("decisions %+v", decided)
		}
		f.must(f.svc.ReceiveStock(f.ctx, app.StockReceipt{ProductID: pot.ID, BinID: f.bins[2].ID, Qty: 10}))
		_, err = f.svc.Allocate(f.ctx, o.ID)
		f.must(err)
		_, err = f.svc.Cancel(f.ctx, o.ID, "test done")
		f.must(err)
		f.check()
	})

	t.Run("cancel the line", func(t *testing.T) {
		o := f.confirmed(f.input(app.LineInput{SKU: "TEA-001", Qty: 1}, app.LineInput{SKU: "CUP-002", Qty: 90}))
		_, err := f.svc.RecordPayment(f.ctx, o.ID, app.PaymentInput{Method: app.PayAlipay, Amount: o.Payable})
		f.must(err)
		if _, err := f.svc.Allocate(f.ctx, o.ID); err == nil {
			t.Fatal("90 CUP allocated")
		}
		o, err = f.svc.DecideShortage(f.ctx, o.ID, o.Lines[1].ID, app.ShortageDecision{Kind: app.ShortCancelLine})
		f.must(err)
		if !o.Lines[1].Cancelled || o.GoodsTotal != 12800 || o.Payable != 13800 {
			t.Fatalf("after cancelling the CUP line: %+v goods %d payable %d", o.Lines, o.GoodsTotal, o.Payable)
		}
		if _, open := f.openTasks(o.ID)[app.TaskRefundDue]; !open {
			t.Fatal("the money for the cancelled line is not in the queue to refund")
		}
		if _, err := f.svc.DecideShortage(f.ctx, o.ID, o.Lines[0].ID, app.ShortageDecision{Kind: app.ShortCancelLine}); err == nil {
			t.Fatal("the last line was cancelled; the order should be cancelled instead")
		}
		o, err = f.svc.Allocate(f.ctx, o.ID)
		f.must(err)
		if o.Status != app.StatusAllocated || o.TotalQty() != 1 {
			t.Fatalf("allocated %s with %d units, want the TEA only", o.Status, o.TotalQty())
		}
		f.check()
	})
}

// TestSplitAndMerge: one order in two parcels, and two orders of one
// customer to one address in one parcel; another address is refused.
func TestSplitAndMerge(t *testing.T) {
	f := fulfilShop(t)
	o := f.picked(f.confirmed(f.input(app.LineInput{SKU: "TEA-001", Qty: 3}, app.LineInput{SKU: "CUP-002", Qty: 2})))
	if _, err := f.svc.PackOrders(f.ctx, app.PackInput{OrderIDs: []int64{o.ID}, Qty: map[int64]int64{o.Lines[0].ID: 4}}); err == nil {
		t.Fatal("4 TEA packed of 3 picked")
	}
	first, err := f.svc.PackOrders(f.ctx, app.PackInput{OrderIDs: []int64{o.ID}, Qty: map[int64]int64{o.Lines[0].ID: 3}})
	f.must(err)
	if got := f.order(o.ID).Status; got != app.StatusPicking {
		t.Fatalf("after packing part the order is %s, want still picking", got)
	}
	_, err = f.svc.ShipShipment(f.ctx, first.ID, app.ShipInput{Carrier: "SF", TrackingNumber: "SF1"})
	f.must(err)
	if got := f.order(o.ID).Status; got != app.StatusPartlyShipped {
		t.Fatalf("after the first parcel the order is %s", got)
	}
	rest, err := f.svc.PackOrders(f.ctx, app.PackInput{OrderIDs: []int64{o.ID}})
	f.must(err)
	if len(rest.Lines) != 1 || rest.Lines[0].SKU != "CUP-002" || rest.Lines[0].Qty != 2 {
		t.Fatalf("the rest is %+v", rest.Lines)
	}
	_, err = f.svc.ShipShipment(f.ctx, rest.ID, app.ShipInput{Carrier: "SF", TrackingNumber: "SF2"})
	f.must(err)
	got := f.order(o.ID)
	if got.Status != app.StatusShipped {
		t.Fatalf("after both parcels the order is %s", got.Status)
	}

	a := f.picked(f.confirmed(f.input(app.LineInput{SKU: "TEA-001", Qty: 1})))
	b := f.picked(f.confirmed(f.input(app.LineInput{SKU: "POT-003", Qty: 1})))
	elsewhere := f.input(app.LineInput{SKU: "CUP-002", Qty: 1})
	elsewhere.Address.Street = "延安路 1 号"
	c := f.picked(f.confirmed(elsewhere))
	if _, err := f.svc.PackOrders(f.ctx, app.PackInput{OrderIDs: []int64{a.ID, c.ID}}); err == nil {
		t.Fatal("orders to two addresses were packed together")
	}
	sh, err := f.svc.PackOrders(f.ctx, app.PackInput{OrderIDs: []int64{a.ID, b.ID}})
	f.must(err)
	if len(sh.OrderIDs) != 2 || len(sh.Lines) != 2 {
		t.Fatalf("merged shipment %+v", sh)
	}
	_, err = f.svc.ShipShipment(f.ctx, sh.ID, app.ShipInput{Carrier: "SF", TrackingNumber: "SF3"})
	f.must(err)
	for _, id := range []int64{a.ID, b.ID} {
		if got := f.order(id).Status; got != app.StatusShipped {
			t.Fatalf("merged order %d is %s", id, got)
		}
		page, _ := f.svc.SearchOrders(f.ctx, app.OrderQuery{Text: "SF3"})
		if len(page.Rows) != 2 {
			t.Fatalf("tracking SF3 finds %d orders, want both merged ones", len(page.Rows))
		}
	}
	f.check()
}

// TestShortPick: a count below the pick list is refused until accepted;
// then the missing units come off the bin's count and the line waits for
// a decision.
func TestShortPick(t *testing.T) {
	f := fulfilShop(t)
	tea := f.products[0]
	o := f.confirmed(f.input(app.LineInput{SKU: "TEA-001", Qty: 3}))
	_, err := f.svc.Allocate(f.ctx, o.ID)
	f.must(err)
	_, err = f.svc.StartPicking(f.ctx, o.ID)
	f.must(err)
	counted := map[int64]int64{o.Lines[0].ID: 2}
	_, err = f.svc.VerifyPick(f.ctx, o.ID, "李四", counted, false)
	var short *app.PickShortError
	if !errors.As(err, &short) || short.Missing["TEA-001"] != 1 {
		t.Fatalf("a short count: %v, want a PickShortError missing one TEA", err)
	}
	if _, err := f.svc.VerifyPick(f.ctx, o.ID, "李四", map[int64]int64{o.Lines[0].ID: 4}, true); err == nil {
		t.Fatal("4 counted of 3 picked was accepted")
	}
	_, err = f.svc.VerifyPick(f.ctx, o.ID, "李四", counted, true)
	f.must(err)
	if l := f.level(tea.ID, f.bins[0].ID); l.OnHand != 49 || l.Reserved != 2 {
		t.Fatalf("TEA after the short pick is %+v, want 49 on hand, 2 reserved", l)
	}
	if _, open := f.openTasks(o.ID)[app.TaskDecideStock]; !open {
		t.Fatal("no decision asked for after a short pick")
	}
	_, err = f.svc.DecideShortage(f.ctx, o.ID, o.Lines[0].ID, app.ShortageDecision{Kind: app.ShortShipAvailable})
	f.must(err)
	sh, err := f.svc.PackOrders(f.ctx, app.PackInput{OrderIDs: []int64{o.ID}})
	f.must(err)
	_, err = f.svc.ShipShipment(f.ctx, sh.ID, app.ShipInput{TrackingNumber: "X1"})
	f.must(err)
	if got := f.order(o.ID); got.Status != app.StatusPartlyShipped || got.Lines[0].QtyShipped != 2 {
		t.Fatalf("after shipping what was found: %s %+v", got.Status, got.Lines)
	}
	f.check()
}

// TestTrackingProblems: every problem opens a 30-minute task; lost goods
// are sent again from stock at no charge, damaged ones refunded; a delay
// that sorts itself out is cleared; problems need a parcel on its way.
func TestTrackingProblems(t *testing.T) {
	f := fulfilShop(t)
	tea := f.products[0]
	shipped := func() (*app.Order, *app.Shipment) {
		o := f.picked(f.confirmed(f.input(app.LineInput{SKU: "TEA-001", Qty: 2})))
		_, err := f.svc.RecordPayment(f.ctx, o.ID, app.PaymentInput{Method: app.PayAlipay, Amount: o.Payable})
		f.must(err)
		sh, err := f.svc.PackOrders(f.ctx, app.PackInput{OrderIDs: []int64{o.ID}})
		f.must(err)
		if _, err := f.svc.ReportProblem(f.ctx, sh.ID, app.ProblemLost, ""); err == nil {
			t.Fatal("a parcel still in the shop was reported lost")
		}
		sh, err = f.svc.ShipShipment(f.ctx, sh.ID, app.ShipInput{Carrier: "ZTO", TrackingNumber: "ZT" + o.Number})
		f.must(err)
		return o, sh
	}
	for _, p := range app.TrackingProblems() {
		t.Run(string(p), func(t *testing.T) {
			o, sh := shipped()
			before, _ := f.svc.StageCounts(f.ctx)
			sh, err := f.svc.ReportProblem(f.ctx, sh.ID, p, "carrier says so")
			f.must(err)
			tasks := f.openTasks(o.ID)
			if task, open := tasks[app.TaskTrackingProblem]; !open || !task.Due.Equal(f.clock.Add(30*time.Minute)) {
				t.Fatalf("problem task %+v (open %v), want one due in 30 minutes", task, open)
			}
			_, resend := tasks[app.TaskResendOrRefund]
			if resend != p.GoodsGone() {
				t.Fatalf("re-send-or-refund task open %v for %s", resend, p)
			}
			counts, _ := f.svc.StageCounts(f.ctx)
			if counts[app.StageProblem] != before[app.StageProblem]+1 || counts[app.StageTransit] != before[app.StageTransit]-1 {
				t.Fatalf("queues %v before %v, want the parcel moved from in transit to problems", counts, before)
			}
			switch p {
			case app.ProblemLost:
				before := f.level(tea.ID, f.bins[0].ID)
				again, err := f.svc.Resend(f.ctx, sh.ID)
				f.must(err)
				if again.Status != app.ShipmentToPack || again.ResendOf != sh.ID || again.Lines[0].Qty != 2 {
					t.Fatalf("re-send %+v", again)
				}
				if l := f.level(tea.ID, f.bins[0].ID); l.Reserved != before.Reserved+2 {
					t.Fatalf("TEA after the re-send is %+v, want 2 more reserved", l)
				}
				f.check()
				if _, err := f.svc.Resend(f.ctx, sh.ID); err == nil {
					t.Fatal("a lost parcel was sent again twice")
				}
				again, err = f.svc.PackShipment(f.ctx, again.ID, []app.Package{{WeightGrams: 700}})
				f.must(err)
				_, err = f.svc.ShipShipment(f.ctx, again.ID, app.ShipInput{Carrier: "ZTO", TrackingNumber: "ZT-AGAIN"})
				f.must(err)
				if l := f.level(tea.ID, f.bins[0].ID); l.OnHand != before.OnHand-2 || l.Reserved != before.Reserved {
					t.Fatalf("TEA after the re-send left is %+v, want 2 fewer on hand", l)
				}
				got := f.order(o.ID)
				if got.Lines[0].QtyShipped != 2 || got.Payable != o.Payable {
					t.Fatalf("the re-send changed the order: %+v payable %d", got.Lines, got.Payable)
				}
				if _, open := f.openTasks(o.ID)[app.TaskResendOrRefund]; open {
					t.Fatal("the re-send-or-refund task is still open")
				}
			case app.ProblemDamaged:
				if _, err := f.svc.RefundShipment(f.ctx, sh.ID, app.RefundInput{Amount: o.Payable + 1}); err == nil {
					t.Fatal("more than was paid was refunded")
				}
				_, err := f.svc.RefundShipment(f.ctx, sh.ID, app.RefundInput{Amount: o.Payable})
				f.must(err)
				if got := f.order(o.ID); got.PaymentStatus != app.PaymentRefunded {
					t.Fatalf("after the refund the order is %s", got.PaymentStatus)
				}
				if got, _ := f.svc.Shipment(f.ctx, sh.ID); got.Status != app.ShipmentClosed {
					t.Fatalf("the damaged shipment is %s, want closed", got.Status)
				}
			case app.ProblemDelayed:
				if _, err := f.svc.ClearProblem(f.ctx, sh.ID, ""); err == nil {
					t.Fatal("a problem was cleared without a reason")
				}
				_, err := f.svc.ClearProblem(f.ctx, sh.ID, "moving again")
				f.must(err)
				if _, open := f.openTasks(o.ID)[app.TaskTrackingProblem]; open {
					t.Fatal("the problem task is still open after clearing")
				}
				_, err = f.svc.SignOffShipment(f.ctx, sh.ID, app.SignOff{Signer: "张伟"})
				f.must(err)
			default:
				if _, err := f.svc.Resend(f.ctx, sh.ID); err == nil {
					t.Fatalf("a %s parcel was sent again: it comes back through returns", p)
				}
			}
			f.check()
		})
	}
}

// TestAutoComplete: orders complete on their own N days after shipping
// when nobody signs.
func TestAutoComplete(t *testing.T) {
	f := newShop(t)
	o := f.confirmed(f.input(app.LineInput{SKU: "TEA-001", Qty: 1}))
	_, err := f.svc.Allocate(f.ctx, o.ID)
	f.must(err)
	_, err = f.svc.ShipPart(f.ctx, o.ID, map[int64]int64{o.Lines[0].ID: 1})
	f.must(err)
	f.clock = f.clock.AddDate(0, 0, 14)
	n, err := f.svc.CompleteShippedOrders(f.ctx)
	f.must(err)
	if n != 0 {
		t.Fatalf("%d completed after 14 days, want none before 15", n)
	}
	f.clock = f.clock.AddDate(0, 0, 2)
	n, err = f.svc.CompleteShippedOrders(f.ctx)
	f.must(err)
	if n != 1 || f.order(o.ID).Status != app.StatusCompleted {
		t.Fatalf("%d completed after 16 days", n)
	}
	f.check()
}

func hasField(v *app.ValidationError, field string) bool {
	_, ok := v.For(field)
	return ok
}

// TestShortPickFoundElsewhere: units missing from their bin but lying in
// another are reserved there at once, and the order is picked again
// rather than asking for a decision.
func TestShortPickFoundElsewhere(t *testing.T) {
	f := fulfilShop(t)
	tea := f.products[0]
	f.must(f.svc.ReceiveStock(f.ctx, app.StockReceipt{ProductID: tea.ID, BinID: f.bins[2].ID, Qty: 5}))
	f.must(f.svc.AdjustStock(f.ctx, app.StockAdjustment{ProductID: tea.ID, BinID: f.bins[0].ID, Delta: -47, Reason: "count"}))
	o := f.confirmed(f.input(app.LineInput{SKU: "TEA-001", Qty: 3}))
	_, err := f.svc.Allocate(f.ctx, o.ID)
	f.must(err)
	_, err = f.svc.StartPicking(f.ctx, o.ID)
	f.must(err)
	o, err = f.svc.VerifyPick(f.ctx, o.ID, "李四", map[int64]int64{o.Lines[0].ID: 2}, true)
	f.must(err)
	if o.VerifiedBy != "" {
		t.Fatalf("verified by %q, want the order back to be picked and checked again", o.VerifiedBy)
	}
	if _, open := f.openTasks(o.ID)[app.TaskDecideStock]; open {
		t.Fatal("a decision was asked for though another bin holds the missing unit")
	}
	lists, err := f.svc.PickLists(f.ctx, []int64{o.ID})
	f.must(err)
	bins := map[string]int64{}
	for _, s := range lists[0].Stops {
		bins[s.BinCode] += s.Qty
	}
	if bins["A-1-1"] != 2 || bins["B-2-1"] != 1 {
		t.Fatalf("stops %v, want the two found in A-1-1 and the third from B-2-1", bins)
	}
	f.check()
}
