package data

import (
	"context"
	"time"

	"orderdesk/app"
)

// TrackedParcels lists the parcels that left with a tracking number, one
// row per parcel and order, of orders with a platform order id, oldest
// shipped first, each with when it was last written for the platform
// with its present tracking number.
func (t *tx) TrackedParcels(ctx context.Context, f app.TrackedParcelFilter) ([]app.TrackedParcel, error) {
	var c conditions
	c.add("s.tracking_number <> '' AND s.shipped_at <> '' AND s.status <> 'cancelled' AND s.handed_over = 0 AND o.platform_order_id <> ''")
	addIn(&c, "o.channel", f.Channels)
	if !f.From.IsZero() {
		c.add("s.shipped_at >= ?", fmtTime(f.From))
	}
	if !f.To.IsZero() {
		c.add("s.shipped_at < ?", fmtTime(f.To))
	}
	if !f.IncludeExported {
		c.add("e.exported_at IS NULL")
	}
	args := append([]any{string(f.Platform)}, c.args...)
	// Joined through the lines (DISTINCT: one row per parcel and order),
	// so the plan starts from the channel's orders or the days' parcels
	// rather than reading every shipment line.
	rows, err := t.query(ctx, `SELECT DISTINCT s.id, s.number, o.id, o.number, o.channel, o.platform_order_id, s.carrier,
		s.service, s.tracking_number, s.shipped_at, o.status = 'partly_shipped', COALESCE(e.exported_at, '')
		FROM shipments s
		JOIN shipment_lines sl ON sl.shipment_id = s.id
		JOIN orders o ON o.id = sl.order_id
		LEFT JOIN tracking_exports e ON e.platform = ? AND e.shipment_id = s.id AND e.order_id = o.id
			AND e.tracking_number = s.tracking_number
		WHERE `+c.where()+` ORDER BY s.shipped_at, s.id, o.number`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []app.TrackedParcel
	for rows.Next() {
		var p app.TrackedParcel
		var ts timeScanner
		if err := rows.Scan(&p.ShipmentID, &p.ShipmentNumber, &p.OrderID, &p.OrderNumber, &p.Channel, &p.PlatformOrderID,
			&p.Carrier, &p.Service, &p.TrackingNumber, ts.at(&p.ShippedAt), &p.MoreToFollow, ts.at(&p.ExportedAt)); err != nil {
			return nil, storageError(err)
		}
		if err := ts.parse(); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, storageError(rows.Err())
}

// MarkTrackingExported records the parcels as written for the platform;
// written again, a parcel keeps one row with the latest time.
func (t *tx) MarkTrackingExported(ctx context.Context, platform app.TrackingPlatform, parcels []app.TrackedParcel, at time.Time, actor string) error {
	for _, p := range parcels {
		if _, err := t.exec(ctx, `INSERT INTO tracking_exports (platform, shipment_id, order_id, tracking_number, exported_at, actor)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (platform, shipment_id, order_id, tracking_number)
			DO UPDATE SET exported_at = excluded.exported_at, actor = excluded.actor`,
			string(platform), p.ShipmentID, p.OrderID, p.TrackingNumber, fmtTime(at), actor); err != nil {
			return err
		}
	}
	return nil
}
