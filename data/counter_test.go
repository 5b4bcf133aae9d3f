package data_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"orderdesk/app"
)

// counterOrder is a walk-in's order with no address: the customer takes
// the goods at the counter.
func (f *shopFixture) counterOrder() *app.Order {
	f.t.Helper()
	in := f.input(app.LineInput{SKU: "TEA-001", Qty: 2}, app.LineInput{SKU: "CUP-002", Qty: 1})
	in.Channel, in.Address, in.RecipientName, in.RecipientPhone, in.ShippingFee = app.ChannelWalkIn, app.Address{}, "", "", 0
	in.PaymentMethod = app.PayCash
	return f.confirmed(in)
}

// TestHandOverAtTheCounter: an order without an address is never a
// parcel. The courier step and the label are refused with the reason;
// the hand-over takes the goods off the shelf, is signed for by who took
// them and completes the order, with no tracking task, no line on the
// driver's list and nothing in a platform's tracking file.
func TestHandOverAtTheCounter(t *testing.T) {
	f := fulfilShop(t)
	o := f.picked(f.counterOrder())
	if slices.Contains(app.NextActions(o), app.ActionShip) || !slices.Contains(app.NextActions(o), app.ActionHandOver) {
		t.Fatalf("an order without an address offers %v", app.NextActions(o))
	}
	sh, err := f.svc.PackOrders(f.ctx, app.PackInput{OrderIDs: []int64{o.ID}})
	f.must(err)
	var noAddress *app.NoAddressError
	if _, err := f.svc.ShipShipment(f.ctx, sh.ID, app.ShipInput{Carrier: "SF Express", TrackingNumber: "SF1"}); !errors.As(err, &noAddress) {
		t.Fatalf("a courier took a parcel with no address: %v", err)
	}
	papers, err := f.svc.ShipmentPapers(f.ctx, []int64{sh.ID})
	f.must(err)
	if labels, err := papers.Labels(); len(labels) != 0 || !errors.As(err, &noAddress) || noAddress.Shipment != sh.Number {
		t.Fatalf("a label for a parcel with no address: %d labels, %v", len(labels), err)
	}
	before := f.level(f.products[0].ID, f.bins[0].ID)

	if _, err := f.svc.HandOver(f.ctx, o.ID, " "); err == nil {
		t.Fatal("handed over to nobody")
	}
	o, err = f.svc.HandOver(f.ctx, o.ID, "张伟")
	f.must(err)
	if o.Status != app.StatusCompleted {
		t.Errorf("handed over: %s, want completed (the shop completes on sign-off)", o.Status)
	}
	got, err := f.svc.Shipment(f.ctx, sh.ID)
	f.must(err)
	if !got.HandedOver || got.Status != app.ShipmentDelivered || got.Signer != "张伟" || got.Carrier != "" || got.TrackingNumber != "" {
		t.Errorf("the handed-over shipment: %+v", got)
	}
	if after := f.level(f.products[0].ID, f.bins[0].ID); after.OnHand != before.OnHand-2 || after.Reserved != before.Reserved-2 {
		t.Errorf("stock: on hand %d → %d, reserved %d → %d; want 2 fewer of each", before.OnHand, after.OnHand, before.Reserved, after.Reserved)
	}
	if _, open := f.openTasks(o.ID)[app.TaskRecordWaybill]; open {
		t.Error("a hand-over asks for a tracking number")
	}
	day := time.Date(f.clock.Year(), f.clock.Month(), f.clock.Day(), 0, 0, 0, 0, time.UTC)
	parcels, err := f.svc.DayParcels(f.ctx, day)
	f.must(err)
	if len(parcels) != 0 {
		t.Errorf("the driver's list holds %d handed-over parcels", len(parcels))
	}
	f.check()
}

// TestHandOverWhatIsHeld: an allocated counter order is handed over
// without a pick list or a box (what is held is boxed on the way out);
// one whose stock is not held yet is refused, and nothing moves.
func TestHandOverWhatIsHeld(t *testing.T) {
	f := fulfilShop(t)
	waiting := f.counterOrder()
	var step *app.TransitionError
	if _, err := f.svc.HandOver(f.ctx, waiting.ID, "张伟"); !errors.As(err, &step) {
		t.Fatalf("a confirmed order with nothing held was handed over: %v", err)
	}
	_, err := f.svc.Allocate(f.ctx, waiting.ID)
	f.must(err)
	o, err := f.svc.HandOver(f.ctx, waiting.ID, "张伟")
	f.must(err)
	if o.Status != app.StatusCompleted {
		t.Errorf("handed over from allocated: %s", o.Status)
	}
	for _, l := range o.Lines {
		if l.QtyShipped != l.Qty {
			t.Errorf("line %s: %d of %d left the shop", l.SKU, l.QtyShipped, l.Qty)
		}
	}
	list, err := f.svc.OrderShipments(f.ctx, o.ID)
	f.must(err)
	if len(list) != 1 || !list[0].HandedOver {
		t.Errorf("shipments of the hand-over: %+v", list)
	}
	// An order with an address is sent, and can still be collected: a
	// walk-in who leaves an address may take it along after all.
	sent := f.picked(f.confirmed(f.input()))
	if slices.Contains(app.NextActions(sent), app.ActionHandOver) {
		t.Errorf("a phone order to an address offers a hand-over: %v", app.NextActions(sent))
	}
	f.check()
}
