package app

import (
	"context"
	"fmt"
	"time"
)

// TrackingPlatform is a sales platform the shop tells, in a file of the
// platform's own layout, which parcels left with which tracking numbers
// (issue 18, point 8). Generic is OrderDesk's own layout for every
// platform at once.
type TrackingPlatform string

const (
	TrackShopify TrackingPlatform = "shopify"
	TrackAmazon  TrackingPlatform = "amazon"
	TrackEBay    TrackingPlatform = "ebay"
	TrackEtsy    TrackingPlatform = "etsy"
	TrackWoo     TrackingPlatform = "woocommerce"
	TrackTaobao  TrackingPlatform = "taobao"
	TrackGeneric TrackingPlatform = "generic"
)

// TrackingPlatforms lists the platforms in the order menus offer them.
func TrackingPlatforms() []TrackingPlatform {
	return []TrackingPlatform{TrackShopify, TrackAmazon, TrackEBay, TrackEtsy, TrackWoo, TrackTaobao, TrackGeneric}
}

// Valid reports whether p is a known platform.
func (p TrackingPlatform) Valid() bool {
	for _, k := range TrackingPlatforms() {
		if p == k {
			return true
		}
	}
	return false
}

// Channels are the channels whose orders the platform's file reports:
// Taobao's tool takes Tmall's orders too. Generic has none: it reports
// orders of every channel that have a platform order id.
func (p TrackingPlatform) Channels() []Channel {
	switch p {
	case TrackShopify:
		return []Channel{ChannelShopify}
	case TrackAmazon:
		return []Channel{ChannelAmazon}
	case TrackEBay:
		return []Channel{ChannelEBay}
	case TrackEtsy:
		return []Channel{ChannelEtsy}
	case TrackWoo:
		return []Channel{ChannelWoo}
	case TrackTaobao:
		return []Channel{ChannelTaobao, ChannelTmall}
	}
	return nil
}

// TrackedParcel is one parcel of one platform order: what the platform
// needs to show the buyer where the goods are. A parcel holding two
// orders of the same buyer (packed together) is two of them, one per
// order, since the platform knows each order by its own id.
type TrackedParcel struct {
	ShipmentID      int64
	ShipmentNumber  string
	OrderID         int64
	OrderNumber     string
	Channel         Channel
	PlatformOrderID string
	Carrier         string
	Service         string
	TrackingNumber  string
	ShippedAt       time.Time
	// MoreToFollow: the order still has goods to send after this parcel
	// (it is partly shipped).
	MoreToFollow bool
	// ExportedAt is when this parcel, with this tracking number, was last
	// written for the platform; zero if never.
	ExportedAt time.Time
}

// TrackedParcelFilter narrows the parcels a platform's file reports.
// Only parcels that left, with a tracking number, of orders with a
// platform order id are ever listed.
type TrackedParcelFilter struct {
	// Channels are the orders' channels; none: every channel.
	Channels []Channel
	// Platform is whose exports count as done.
	Platform TrackingPlatform
	From, To time.Time // shipped; From inclusive, To exclusive; zero: open
	// IncludeExported lists parcels written for the platform before too.
	IncludeExported bool
}

// TrackingExportRepo keeps which parcels were written for which
// platform, so that a file run every day holds only the new ones.
type TrackingExportRepo interface {
	// TrackedParcels lists the parcels the filter asks for, oldest
	// shipped first. A parcel whose tracking number changed after it was
	// written counts as not written.
	TrackedParcels(ctx context.Context, f TrackedParcelFilter) ([]TrackedParcel, error)
	// MarkTrackingExported records the parcels, with their tracking
	// numbers, as written for the platform at the time.
	MarkTrackingExported(ctx context.Context, platform TrackingPlatform, parcels []TrackedParcel, at time.Time, actor string) error
}

// TrackingQuery asks for the parcels to tell a platform about.
type TrackingQuery struct {
	Platform TrackingPlatform
	From, To time.Time // shipped; From inclusive, To exclusive; zero: open
	// Again includes the parcels already written for the platform.
	Again bool
}

// validate checks the query.
func (q TrackingQuery) validate() error {
	var p problems
	if !q.Platform.Valid() {
		p.add("platform", CodeInvalid, "%q is not a platform OrderDesk writes tracking files for", string(q.Platform))
	}
	if !q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To) {
		p.add("to", CodeInvalid, "the last day is before the first")
	}
	return p.err()
}

// TrackingToExport lists the parcels of the platform's orders that left
// with a tracking number and were not written for it yet (or all of them,
// again), oldest first. Whoever may ship may tell the platforms.
func (s *Service) TrackingToExport(ctx context.Context, q TrackingQuery) ([]TrackedParcel, error) {
	if err := q.validate(); err != nil {
		return nil, err
	}
	if _, err := allow(ctx, PermFulfil); err != nil {
		return nil, err
	}
	var out []TrackedParcel
	err := s.read(ctx, func(tx Tx) error {
		var err error
		out, err = tx.TrackedParcels(ctx, TrackedParcelFilter{Channels: q.Platform.Channels(), Platform: q.Platform,
			From: q.From, To: q.To, IncludeExported: q.Again})
		return err
	})
	return out, err
}

// MarkTrackingExported records that the parcels were written, whole, in
// a file for the platform, so the next file leaves them out; each order's
// history says so. Call it only once the file is saved.
func (s *Service) MarkTrackingExported(ctx context.Context, platform TrackingPlatform, parcels []TrackedParcel) error {
	if err := (TrackingQuery{Platform: platform}).validate(); err != nil {
		return err
	}
	if len(parcels) == 0 {
		return nil
	}
	return s.write(ctx, PermFulfil, func(tx Tx, who Actor, now time.Time) error {
		if err := tx.MarkTrackingExported(ctx, platform, parcels, now, who.Name); err != nil {
			return err
		}
		for _, p := range parcels {
			if err := record(ctx, tx, who, now, SubjectOrder, p.OrderID, "shipment.tracking_exported",
				fmt.Sprintf("shipment %s: tracking number %s written for %s", p.ShipmentNumber, p.TrackingNumber, platform.Name()),
				nil, map[string]any{"platform": platform, "tracking": p.TrackingNumber}); err != nil {
				return err
			}
		}
		return nil
	})
}

// Name is the platform's name as people write it.
func (p TrackingPlatform) Name() string {
	switch p {
	case TrackShopify:
		return "Shopify"
	case TrackAmazon:
		return "Amazon"
	case TrackEBay:
		return "eBay"
	case TrackEtsy:
		return "Etsy"
	case TrackWoo:
		return "WooCommerce"
	case TrackTaobao:
		return "Taobao/Tmall"
	case TrackGeneric:
		return "all platforms"
	}
	return string(p)
}
