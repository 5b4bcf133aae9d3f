package app

import "time"

// ShipmentStatus is where one parcel (or set of parcels sent together) is
// between the packing table and the customer's door.
type ShipmentStatus string

const (
	ShipmentPacked    ShipmentStatus = "packed"    // boxed, waiting for the courier
	ShipmentToPack    ShipmentStatus = "to_pack"   // a re-send with its stock reserved, not boxed yet
	ShipmentShipped   ShipmentStatus = "shipped"   // handed to the carrier
	ShipmentDelivered ShipmentStatus = "delivered" // signed for
	ShipmentReturned  ShipmentStatus = "returned"  // came back undelivered
	ShipmentCancelled ShipmentStatus = "cancelled" // unpacked again before it left
	// ShipmentClosed: lost or damaged on the way, and settled by a re-send
	// or a refund.
	ShipmentClosed ShipmentStatus = "closed"
)

// ShipmentStatuses lists every shipment status.
func ShipmentStatuses() []ShipmentStatus {
	return []ShipmentStatus{ShipmentToPack, ShipmentPacked, ShipmentShipped, ShipmentDelivered, ShipmentReturned, ShipmentCancelled, ShipmentClosed}
}

// TrackingProblem is what went wrong on the way.
type TrackingProblem string

const (
	ProblemNone        TrackingProblem = ""
	ProblemDelayed     TrackingProblem = "delayed"
	ProblemFailed      TrackingProblem = "failed"      // delivery attempt failed
	ProblemLost        TrackingProblem = "lost"        // the carrier cannot find it
	ProblemDamaged     TrackingProblem = "damaged"     // arrived or found broken
	ProblemRefused     TrackingProblem = "refused"     // the customer would not take it
	ProblemUnreachable TrackingProblem = "unreachable" // nobody at the address or phone
)

// TrackingProblems lists every problem a shipment can be marked with.
func TrackingProblems() []TrackingProblem {
	return []TrackingProblem{ProblemDelayed, ProblemFailed, ProblemLost, ProblemDamaged, ProblemRefused, ProblemUnreachable}
}

// Valid reports whether p is a known problem (not none).
func (p TrackingProblem) Valid() bool {
	for _, k := range TrackingProblems() {
		if p == k {
			return true
		}
	}
	return false
}

// GoodsGone reports whether the goods are gone for good (lost or broken),
// so the customer gets them again or their money back.
func (p TrackingProblem) GoodsGone() bool { return p == ProblemLost || p == ProblemDamaged }

// Package is one box of a shipment.
type Package struct {
	No          int
	WeightGrams int64
	LengthMM    int
	WidthMM     int
	HeightMM    int
	Material    string // packing material notes: "carton, bubble wrap"
	Fragile     bool
	KeepDry     bool
}

// ShipmentLine is units of one order line inside a shipment. A merged
// shipment holds lines of several orders of the same customer.
type ShipmentLine struct {
	OrderID     int64
	OrderNumber string
	LineID      int64
	LineNo      int
	ProductID   int64
	SKU         string
	Barcode     string
	Name        string
	Spec        string
	Unit        string
	Qty         int64
	UnitPrice   Money
}

// Shipment is what leaves the shop in one go for one address: one or more
// packages, with the carrier and tracking number.
type Shipment struct {
	ID          int64
	Number      string // the first order's number and a sequence: 202611-007-1
	Status      ShipmentStatus
	WarehouseID int64
	// OrderIDs are the orders in the shipment, the first one first.
	OrderIDs []int64

	RecipientName  string
	RecipientPhone string
	Address        Address

	Lines    []ShipmentLine
	Packages []Package

	Carrier        string
	Service        string
	TrackingNumber string
	// ResendOf is the lost or damaged shipment this one replaces, sent at
	// no charge.
	ResendOf int64

	Problem     TrackingProblem
	ProblemNote string
	ProblemAt   time.Time

	PackedAt    time.Time
	PackedBy    string
	ShippedAt   time.Time
	DeliveredAt time.Time
	Signer      string
	SignRemarks string // the customer's inspection remarks at sign-off
	// HandedOver: collected at the counter, not sent. No label, no
	// courier, no tracking number; Signer is who took it.
	HandedOver bool

	Version int64
}

// WeightGrams is the shipment's gross weight: the packages' weights.
func (s *Shipment) WeightGrams() int64 {
	var g int64
	for _, p := range s.Packages {
		g += p.WeightGrams
	}
	return g
}

// Fragile reports whether any package is marked fragile.
func (s *Shipment) Fragile() bool {
	for _, p := range s.Packages {
		if p.Fragile {
			return true
		}
	}
	return false
}

// KeepDry reports whether any package must be kept dry.
func (s *Shipment) KeepDry() bool {
	for _, p := range s.Packages {
		if p.KeepDry {
			return true
		}
	}
	return false
}

// PickStop is one stop on a picker's walk: so many units of a product from
// one bin for one order line.
type PickStop struct {
	OrderID       int64
	OrderNumber   string
	LineID        int64
	LineNo        int
	ProductID     int64
	SKU           string
	Barcode       string
	Name          string
	Spec          string
	Unit          string
	WarehouseID   int64
	WarehouseCode string
	BinID         int64
	BinCode       string
	Aisle         string
	Shelf         int
	Position      int
	Qty           int64
}

// PickList is one order's picking work, stops in walking order.
type PickList struct {
	Order *Order
	Stops []PickStop
}

// Walks reports whether stop a comes before stop b on the walk through
// the warehouse: warehouse, aisle, shelf, position, then the order and
// line so the order is stable.
func Walks(a, b PickStop) bool {
	switch {
	case a.WarehouseCode != b.WarehouseCode:
		return a.WarehouseCode < b.WarehouseCode
	case a.Aisle != b.Aisle:
		return a.Aisle < b.Aisle
	case a.Shelf != b.Shelf:
		return a.Shelf < b.Shelf
	case a.Position != b.Position:
		return a.Position < b.Position
	case a.BinCode != b.BinCode:
		return a.BinCode < b.BinCode
	case a.OrderNumber != b.OrderNumber:
		return a.OrderNumber < b.OrderNumber
	}
	return a.LineNo < b.LineNo
}
