package app

import (
	"context"
	"strings"
	"time"
)

// Shipment returns one shipment with its lines and packages.
func (s *Service) Shipment(ctx context.Context, id int64) (*Shipment, error) {
	var sh *Shipment
	err := s.read(ctx, func(tx Tx) error {
		var err error
		sh, err = tx.Shipment(ctx, id)
		return err
	})
	return sh, err
}

// ShipmentByNumber finds a shipment by its number.
func (s *Service) ShipmentByNumber(ctx context.Context, number string) (*Shipment, error) {
	var sh *Shipment
	err := s.read(ctx, func(tx Tx) error {
		var err error
		sh, err = tx.ShipmentByNumber(ctx, strings.ToUpper(strings.TrimSpace(number)))
		return err
	})
	return sh, err
}

// OrderShipments lists an order's shipments, oldest first.
func (s *Service) OrderShipments(ctx context.Context, orderID int64) ([]Shipment, error) {
	var out []Shipment
	err := s.read(ctx, func(tx Tx) error {
		var err error
		out, err = tx.OrderShipments(ctx, orderID)
		return err
	})
	return out, err
}

// Shipments lists shipments, for the shipping list and the queues.
func (s *Service) Shipments(ctx context.Context, f ShipmentFilter) ([]Shipment, error) {
	var out []Shipment
	err := s.read(ctx, func(tx Tx) error {
		var err error
		out, err = tx.Shipments(ctx, f)
		return err
	})
	return out, err
}

// DayParcels are the parcels couriers took on the day starting at day
// (local midnight), per carrier: the driver's list. What was
// handed over at the counter is not on it.
func (s *Service) DayParcels(ctx context.Context, day time.Time) ([]Shipment, error) {
	return s.Shipments(ctx, ShipmentFilter{Statuses: []ShipmentStatus{ShipmentShipped, ShipmentDelivered},
		ShippedFrom: day, ShippedTo: day.AddDate(0, 0, 1), Parcels: true})
}

// StageOrders lists one page of a Fulfilment queue.
func (s *Service) StageOrders(ctx context.Context, stage Stage, limit, offset int) ([]StageRow, int, error) {
	var rows []StageRow
	var total int
	err := s.read(ctx, func(tx Tx) error {
		var err error
		rows, total, err = tx.StageOrders(ctx, stage, limit, offset)
		return err
	})
	return rows, total, err
}

// StageCounts counts every Fulfilment queue.
func (s *Service) StageCounts(ctx context.Context) (map[Stage]int, error) {
	var out map[Stage]int
	err := s.read(ctx, func(tx Tx) error {
		var err error
		out, err = tx.StageCounts(ctx)
		return err
	})
	return out, err
}

// ShipmentPapers is what the papers of some shipments print from.
type ShipmentPapers struct {
	Shipments []Shipment
	Orders    []*Order // each order once, in the shipments' order
	// From is where the parcels leave: the warehouse's address when they
	// all leave from one, else empty (the shop's own).
	From Address
}

// Labels are the shipments a shipping label can be printed for. Those
// with no address a courier could find (handed over at the counter) are
// left out and named in a NoAddressError; the error comes with the
// others, so a batch prints what it can.
func (p ShipmentPapers) Labels() ([]Shipment, error) {
	var out []Shipment
	var refused []string
	for _, sh := range p.Shipments {
		if sh.HandedOver || !sh.Address.Deliverable() {
			refused = append(refused, sh.Number)
			continue
		}
		out = append(out, sh)
	}
	if len(refused) > 0 {
		return out, &NoAddressError{Shipment: strings.Join(refused, ", ")}
	}
	return out, nil
}

// ShipmentPapers loads shipments for their packing slips and labels. A
// parcel still waiting for the courier names the carrier the shop's
// rules suggest.
func (s *Service) ShipmentPapers(ctx context.Context, ids []int64) (ShipmentPapers, error) {
	var out ShipmentPapers
	err := s.read(ctx, func(tx Tx) error {
		rules, err := tx.CarrierRules(ctx)
		if err != nil {
			return err
		}
		seen := map[int64]bool{}
		from := int64(-1)
		for _, id := range ids {
			if err := ctx.Err(); err != nil {
				return err
			}
			sh, err := tx.Shipment(ctx, id)
			if err != nil {
				return err
			}
			for _, oid := range sh.OrderIDs {
				if seen[oid] {
					continue
				}
				seen[oid] = true
				o, err := tx.Order(ctx, oid)
				if err != nil {
					return err
				}
				out.Orders = append(out.Orders, o)
			}
			if sh.Carrier == "" && (sh.Status == ShipmentPacked || sh.Status == ShipmentToPack) {
				first := out.Orders[0]
				for _, o := range out.Orders {
					if o.ID == sh.OrderIDs[0] {
						first = o
					}
				}
				if rule, ok := SuggestCarrier(rules, sh.WeightGrams(), sh.Address, first.Delivery.Urgency); ok {
					sh.Carrier, sh.Service = rule.Carrier, rule.Service
				}
			}
			switch {
			case from == -1:
				from = sh.WarehouseID
			case from != sh.WarehouseID:
				from = 0
			}
			out.Shipments = append(out.Shipments, *sh)
		}
		if from > 0 {
			w, err := tx.Warehouse(ctx, from)
			if err != nil {
				return err
			}
			out.From = w.Address
		}
		return nil
	})
	return out, err
}
