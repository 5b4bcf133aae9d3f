package app

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// FulfilmentRepo keeps what happens between confirming an order and the
// customer signing for it: short-line decisions, shipments with their
// lines and packages, carrier rules, and the queues the warehouse works
// from.
type FulfilmentRepo interface {
	SaveLineDecision(ctx context.Context, d *LineDecision) error
	DeleteLineDecision(ctx context.Context, lineID int64) error
	LineDecisions(ctx context.Context, orderID int64) ([]LineDecision, error)
	// ExpectedArrival is when incoming stock of the product is due: the
	// earliest expected date of goods still on their way, or zero.
	ExpectedArrival(ctx context.Context, productID int64) (time.Time, error)

	// InsertShipment stores a new shipment with its lines and packages and
	// sets its ID.
	InsertShipment(ctx context.Context, s *Shipment) error
	// UpdateShipment stores the shipment's fields and packages if its
	// version still matches (else ErrConflict), then bumps it. Lines
	// never change once packed.
	UpdateShipment(ctx context.Context, s *Shipment) error
	Shipment(ctx context.Context, id int64) (*Shipment, error)
	ShipmentByNumber(ctx context.Context, number string) (*Shipment, error)
	// OrderShipments lists every shipment holding lines of the order,
	// oldest first.
	OrderShipments(ctx context.Context, orderID int64) ([]Shipment, error)
	Shipments(ctx context.Context, f ShipmentFilter) ([]Shipment, error)
	// SetOrderTracking writes the order's tracking numbers (from its
	// shipments) into the order and its search entry.
	SetOrderTracking(ctx context.Context, orderID int64) error

	CarrierRules(ctx context.Context) ([]CarrierRule, error)
	SaveCarrierRules(ctx context.Context, rules []CarrierRule) error

	// StageOrders lists the orders waiting at a stage, oldest first, and
	// how many there are.
	StageOrders(ctx context.Context, stage Stage, limit, offset int) ([]StageRow, int, error)
	// StageCounts counts the orders (and shipments) at every stage.
	StageCounts(ctx context.Context) (map[Stage]int, error)
	// OrdersShippedBefore lists shipped or delivered orders whose last
	// parcel left before the time, for completing them automatically.
	OrdersShippedBefore(ctx context.Context, before time.Time, limit int) ([]int64, error)
}

// ShortageKind is what the shop decided about a line it cannot cover
// from stock.
type ShortageKind string

const (
	ShortBackorder     ShortageKind = "backorder"      // the order waits for the stock
	ShortShipAvailable ShortageKind = "ship_available" // send what is there, the rest later
	ShortSubstitute    ShortageKind = "substitute"     // send an alternate product instead
	ShortCancelLine    ShortageKind = "cancel_line"    // the line is dropped from the order
)

// ShortageKinds lists the choices in the order screens offer them.
func ShortageKinds() []ShortageKind {
	return []ShortageKind{ShortBackorder, ShortShipAvailable, ShortSubstitute, ShortCancelLine}
}

// Valid reports whether k is a known choice.
func (k ShortageKind) Valid() bool {
	for _, c := range ShortageKinds() {
		if k == c {
			return true
		}
	}
	return false
}

// LineDecision records what was decided for a short line.
type LineDecision struct {
	LineID       int64
	OrderID      int64
	Kind         ShortageKind
	ShortQty     int64     // units missing when the decision was made
	ExpectedDate time.Time // backorders: when the stock should be in
	// SubstituteFor is the SKU the line had before a substitute replaced it.
	SubstituteFor string
	Note          string
	At            time.Time
	Actor         string
}

// ShortageDecision is the choice a user makes for a short line.
type ShortageDecision struct {
	Kind         ShortageKind
	ExpectedDate time.Time // backorder: zero takes the incoming stock's date
	SubstituteID int64     // substitute: one of the product's alternates
	Note         string
}

// Shortage is one line that stock cannot cover now.
type Shortage struct {
	LineID    int64
	LineNo    int
	ProductID int64
	SKU       string
	Name      string
	Need      int64     // units the line still needs
	Available int64     // units free in every warehouse together
	Expected  time.Time // when incoming stock is due; zero if none is on its way
	Decision  ShortageKind
}

// ShortageError says which lines of an order stock cannot cover; the
// order is unchanged. Each line needs a decision.
type ShortageError struct {
	Order string
	Lines []Shortage
}

func (e *ShortageError) Error() string {
	parts := make([]string, len(e.Lines))
	for i, l := range e.Lines {
		parts[i] = fmt.Sprintf("%s needs %d, %d available", l.SKU, l.Need, l.Available)
	}
	return fmt.Sprintf("order %s is short: %s; decide what to do for each line", e.Order, strings.Join(parts, ", "))
}

// Stage is a queue of the Fulfilment section.
type Stage string

const (
	StageAllocate Stage = "allocate" // confirmed, stock not yet reserved (or the rest of a part shipment)
	StageWaiting  Stage = "waiting"  // backordered: waiting for stock to come in
	StagePick     Stage = "pick"     // allocated: print the pick list
	StageVerify   Stage = "verify"   // being picked: a second person checks it
	StagePack     Stage = "pack"     // checked: box it up
	StageShip     Stage = "ship"     // packed shipments waiting for the courier
	StageTransit  Stage = "transit"  // shipped, not yet signed for
	StageProblem  Stage = "problem"  // shipments with a tracking problem
)

// Stages lists the queues in the order the work flows.
func Stages() []Stage {
	return []Stage{StageAllocate, StageWaiting, StagePick, StageVerify, StagePack, StageShip, StageTransit, StageProblem}
}

// ShipmentStage reports whether the stage lists shipments rather than
// orders.
func (s Stage) ShipmentStage() bool {
	return s == StageShip || s == StageTransit || s == StageProblem
}

// StageRow is one order or shipment in a queue, as the list shows it.
type StageRow struct {
	OrderID     int64
	OrderNumber string // several when shipments were merged: "202611-007, 202611-009"
	ShipmentID  int64  // shipment stages only
	Shipment    string
	OrderedAt   time.Time
	Customer    string
	Recipient   string
	City        string
	Urgency     Urgency
	Units       int64
	Status      Status
	// Backorder is the earliest date a waiting order expects its stock.
	Backorder  time.Time
	Carrier    string
	Tracking   string
	Weight     int64
	Problem    TrackingProblem
	ShippedAt  time.Time
	VerifiedBy string
}

// ShipmentFilter narrows a shipment listing; zero fields do not filter.
type ShipmentFilter struct {
	Statuses    []ShipmentStatus
	ShippedFrom time.Time // inclusive
	ShippedTo   time.Time // exclusive
	WithProblem bool
	// Parcels leaves out what was handed over at the counter: only what
	// a courier took.
	Parcels bool
	Limit   int
}

// CutOffPassed reports whether an order placed at placed should have left
// today and the day's cut-off has passed: it was placed before the
// latest cut-off and now is after it.
func (p Policy) CutOffPassed(placed, now time.Time) bool {
	minutes, err := ParseClock(p.CutOff)
	if err != nil {
		return false
	}
	y, m, d := now.Date()
	cut := time.Date(y, m, d, minutes/60, minutes%60, 0, 0, now.Location())
	if now.Before(cut) {
		cut = cut.AddDate(0, 0, -1)
	}
	return placed.Before(cut)
}
