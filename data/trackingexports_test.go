package data_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"orderdesk/app"
)

// platformOrder enters and confirms an order of the retail customer that
// came from a platform.
func (f *shopFixture) platformOrder(ch app.Channel, platformID string, lines ...app.LineInput) *app.Order {
	f.t.Helper()
	in := f.input(lines...)
	in.Channel, in.PlatformOrderID = ch, platformID
	return f.confirmed(in)
}

// shipPacked hands a packed shipment to the carrier at the fixture's
// clock.
func (f *shopFixture) shipPacked(sh *app.Shipment, carrier, tracking string) *app.Shipment {
	f.t.Helper()
	sh, err := f.svc.ShipShipment(f.ctx, sh.ID, app.ShipInput{Carrier: carrier, TrackingNumber: tracking})
	f.must(err)
	return sh
}

// parcels lists what a platform's file would hold now, as "order
// tracking" pairs in the file's order.
func (f *shopFixture) parcels(q app.TrackingQuery) ([]app.TrackedParcel, string) {
	f.t.Helper()
	list, err := f.svc.TrackingToExport(f.ctx, q)
	f.must(err)
	var out []string
	for _, p := range list {
		out = append(out, p.PlatformOrderID+" "+p.TrackingNumber)
	}
	return list, strings.Join(out, ", ")
}

// TestTrackingForThePlatforms ships orders of several platforms through
// the services and asks, day after day, which parcels each platform must
// still be told about: only its own orders', one row per parcel (and per
// order in a parcel packed for two), each once unless asked again, within
// the days asked, and again once its tracking number changed.
func TestTrackingForThePlatforms(t *testing.T) {
	f := newShop(t)
	day1 := time.Date(2026, 5, 14, 9, 30, 0, 0, time.UTC)
	f.clock = day1

	// An Amazon order in two parcels: the tea today, the cups tomorrow.
	split := f.picked(f.platformOrder(app.ChannelAmazon, "111-0000001-0000001",
		app.LineInput{SKU: "TEA-001", Qty: 3}, app.LineInput{SKU: "CUP-002", Qty: 2}))
	first, err := f.svc.PackOrders(f.ctx, app.PackInput{OrderIDs: []int64{split.ID}, Qty: map[int64]int64{split.Lines[0].ID: 3}})
	f.must(err)
	f.shipPacked(first, "UPS", "1Z0001")
	// Another Amazon order, whole, by DHL; an eBay and a Shopify order;
	// an order taken on the phone (no platform id).
	whole := f.picked(f.platformOrder(app.ChannelAmazon, "111-0000002-0000002", app.LineInput{SKU: "POT-003", Qty: 1}))
	wholeParcel, err := f.svc.PackOrders(f.ctx, app.PackInput{OrderIDs: []int64{whole.ID}})
	f.must(err)
	f.shipPacked(wholeParcel, "DHL", "JD0002")
	for _, o := range []struct {
		ch       app.Channel
		id, trak string
	}{{app.ChannelEBay, "12-00003-00003", "9400003"}, {app.ChannelShopify, "#1004", "LX0004CN"}, {app.ChannelPhone, "", "SF0005"}} {
		ord := f.picked(f.platformOrder(o.ch, o.id, app.LineInput{SKU: "TEA-001", Qty: 1}))
		sh, err := f.svc.PackOrders(f.ctx, app.PackInput{OrderIDs: []int64{ord.ID}})
		f.must(err)
		f.shipPacked(sh, "SF Express", o.trak)
	}
	// An Amazon order that left without its tracking number: nothing to
	// tell Amazon yet.
	late := f.picked(f.platformOrder(app.ChannelAmazon, "111-0000006-0000006", app.LineInput{SKU: "TEA-001", Qty: 1}))
	lateParcel, err := f.svc.PackOrders(f.ctx, app.PackInput{OrderIDs: []int64{late.ID}})
	f.must(err)
	f.shipPacked(lateParcel, "USPS", "")

	amazon := app.TrackingQuery{Platform: app.TrackAmazon}
	list, got := f.parcels(amazon)
	if want := "111-0000001-0000001 1Z0001, 111-0000002-0000002 JD0002"; got != want {
		t.Fatalf("Amazon's parcels on day 1: %s, want %s", got, want)
	}
	if !list[0].MoreToFollow || list[1].MoreToFollow {
		t.Errorf("more to follow: %v and %v, want the split order's first parcel only", list[0].MoreToFollow, list[1].MoreToFollow)
	}
	if list[0].OrderNumber != split.Number || list[0].Carrier != "UPS" || list[0].ShipmentNumber != first.Number ||
		!list[0].ShippedAt.Equal(day1) || !list[0].ExportedAt.IsZero() {
		t.Errorf("the first parcel reads %+v", list[0])
	}
	f.must(f.svc.MarkTrackingExported(f.ctx, app.TrackAmazon, list))
	if _, got := f.parcels(amazon); got != "" {
		t.Fatalf("written parcels are offered again: %s", got)
	}
	// Written for Amazon is not written for every platform.
	if _, got := f.parcels(app.TrackingQuery{Platform: app.TrackGeneric}); got != "111-0000001-0000001 1Z0001, 111-0000002-0000002 JD0002, 12-00003-00003 9400003, #1004 LX0004CN" {
		t.Fatalf("the generic file: %s", got)
	}
	if _, got := f.parcels(app.TrackingQuery{Platform: app.TrackEBay}); got != "12-00003-00003 9400003" {
		t.Fatalf("eBay's parcels: %s", got)
	}
	if _, got := f.parcels(app.TrackingQuery{Platform: app.TrackTaobao}); got != "" {
		t.Fatalf("Taobao's parcels: %s", got)
	}

	// Day 2: the cups leave; the late tracking number comes in; two
	// orders of the same buyer go in one parcel.
	day2 := day1.AddDate(0, 0, 1)
	f.clock = day2
	rest, err := f.svc.PackOrders(f.ctx, app.PackInput{OrderIDs: []int64{split.ID}})
	f.must(err)
	f.shipPacked(rest, "UPS", "1Z0007")
	_, err = f.svc.SetTracking(f.ctx, lateParcel.ID, "9200006")
	f.must(err)
	a := f.picked(f.platformOrder(app.ChannelAmazon, "111-0000008-0000008", app.LineInput{SKU: "TEA-001", Qty: 1}))
	b := f.picked(f.platformOrder(app.ChannelAmazon, "111-0000009-0000009", app.LineInput{SKU: "CUP-002", Qty: 1}))
	together, err := f.svc.PackOrders(f.ctx, app.PackInput{OrderIDs: []int64{a.ID, b.ID}})
	f.must(err)
	f.shipPacked(together, "Royal Mail", "RM0008GB")

	list, got = f.parcels(amazon)
	if want := "111-0000006-0000006 9200006, 111-0000001-0000001 1Z0007, 111-0000008-0000008 RM0008GB, 111-0000009-0000009 RM0008GB"; got != want {
		t.Fatalf("Amazon's new parcels on day 2: %s, want %s", got, want)
	}
	if list[1].MoreToFollow {
		t.Error("the split order's last parcel says more is to follow")
	}
	f.must(f.svc.MarkTrackingExported(f.ctx, app.TrackAmazon, list))

	// Everything again, or only what left on day 2.
	all, got := f.parcels(app.TrackingQuery{Platform: app.TrackAmazon, Again: true})
	if len(all) != 6 {
		t.Fatalf("again: %d parcels (%s), want 6", len(all), got)
	}
	for _, p := range all {
		if p.ExportedAt.IsZero() {
			t.Errorf("parcel %s of %s has no export time", p.TrackingNumber, p.OrderNumber)
		}
	}
	from := time.Date(day2.Year(), day2.Month(), day2.Day(), 0, 0, 0, 0, time.UTC)
	if _, got := f.parcels(app.TrackingQuery{Platform: app.TrackAmazon, Again: true, From: from, To: from.AddDate(0, 0, 1)}); got != "111-0000001-0000001 1Z0007, 111-0000008-0000008 RM0008GB, 111-0000009-0000009 RM0008GB" {
		t.Fatalf("what left on day 2: %s", got)
	}
	if _, got := f.parcels(app.TrackingQuery{Platform: app.TrackAmazon, Again: true, To: from}); got != "111-0000001-0000001 1Z0001, 111-0000002-0000002 JD0002, 111-0000006-0000006 9200006" {
		t.Fatalf("what left before day 2: %s", got)
	}

	// A corrected tracking number is news to Amazon.
	f.clock = day2.Add(time.Hour)
	_, err = f.svc.SetTracking(f.ctx, wholeParcel.ID, "JD0002X")
	f.must(err)
	if _, got := f.parcels(amazon); got != "111-0000002-0000002 JD0002X" {
		t.Fatalf("after the correction: %s", got)
	}

	// The history of an order says where its tracking number went.
	events, err := f.svc.History(f.ctx, app.SubjectOrder, split.ID)
	f.must(err)
	var said []string
	for _, e := range events {
		if e.Action == "shipment.tracking_exported" {
			said = append(said, e.Summary)
		}
	}
	if want := fmt.Sprintf("shipment %s: tracking number 1Z0001 written for Amazon", first.Number); len(said) != 2 || said[0] != want {
		t.Fatalf("the split order's history: %q, want 2 entries, the first %q", said, want)
	}
	f.check()
}

// TestTrackingExportNeedsWhoMayShip: finance may not tell platforms
// about parcels, the warehouse may; a platform OrderDesk has no layout
// for and days the wrong way round are refused.
func TestTrackingExportNeedsWhoMayShip(t *testing.T) {
	f := newShop(t)
	finance := app.WithActor(f.ctx, app.Actor{Name: "钱会计", Role: app.RoleFinance})
	var denied *app.PermissionError
	if _, err := f.svc.TrackingToExport(finance, app.TrackingQuery{Platform: app.TrackAmazon}); !errors.As(err, &denied) {
		t.Fatalf("finance listed the parcels: %v", err)
	}
	parcel := []app.TrackedParcel{{ShipmentID: 1, OrderID: 1, TrackingNumber: "X"}}
	if err := f.svc.MarkTrackingExported(finance, app.TrackAmazon, parcel); !errors.As(err, &denied) {
		t.Fatalf("finance marked parcels written: %v", err)
	}
	warehouse := app.WithActor(f.ctx, app.Actor{Name: "王师傅", Role: app.RoleWarehouse})
	if _, err := f.svc.TrackingToExport(warehouse, app.TrackingQuery{Platform: app.TrackAmazon}); err != nil {
		t.Fatalf("the warehouse may not list the parcels: %v", err)
	}
	_, err := f.svc.TrackingToExport(f.ctx, app.TrackingQuery{Platform: "jd"})
	wantField(t, err, "platform", app.CodeInvalid)
	day := time.Date(2026, 5, 14, 0, 0, 0, 0, time.Local)
	_, err = f.svc.TrackingToExport(f.ctx, app.TrackingQuery{Platform: app.TrackEBay, From: day, To: day.AddDate(0, 0, -1)})
	wantField(t, err, "to", app.CodeInvalid)
}
