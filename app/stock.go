package app

import "time"

// MoveKind says why stock moved. Every change to stock is one ledger row.
type MoveKind string

const (
	MoveReceipt       MoveKind = "receipt"        // goods arrived: on hand +
	MoveIncoming      MoveKind = "incoming"       // goods ordered from a supplier: in transit +
	MoveReserve       MoveKind = "reserve"        // held for an order: reserved +
	MoveRelease       MoveKind = "release"        // reservation given back: reserved −
	MovePick          MoveKind = "pick"           // taken from the bin for an order (reserved stays until shipping)
	MoveShip          MoveKind = "ship"           // left with the courier: on hand −, reserved −
	MoveReturnRestock MoveKind = "return_restock" // a return put back on the shelf: on hand +
	MoveScrap         MoveKind = "scrap"          // written off: on hand −
	MoveAdjust        MoveKind = "adjust"         // stock count correction: on hand ±
	MoveTransferOut   MoveKind = "transfer_out"   // sent to another warehouse: on hand −
	MoveTransferIn    MoveKind = "transfer_in"    // arrived from another warehouse: on hand +
	// A returned unit that never counts as stock again is still a ledger
	// row, with nothing added or taken.
	MoveReturnScrap    MoveKind = "return_scrap"    // came back broken and was written off
	MoveReturnSupplier MoveKind = "return_supplier" // came back and went on to the supplier
)

// MoveKinds lists every kind of ledger move.
func MoveKinds() []MoveKind {
	return []MoveKind{MoveReceipt, MoveIncoming, MoveReserve, MoveRelease, MovePick, MoveShip, MoveReturnRestock,
		MoveScrap, MoveAdjust, MoveTransferOut, MoveTransferIn, MoveReturnScrap, MoveReturnSupplier}
}

// StockMove is one row of the stock ledger. The deltas say what the move
// did to the bin's on-hand, reserved and in-transit figures; the levels are
// their sums and nothing else.
type StockMove struct {
	ID             int64
	At             time.Time
	Kind           MoveKind
	ProductID      int64
	WarehouseID    int64
	BinID          int64 // 0 for in-transit moves, which have no bin yet
	OnHandDelta    int64
	ReservedDelta  int64
	InTransitDelta int64
	OrderID        int64 // the order it was for, if any
	Reference      string
	Note           string
	Actor          string
	// ExpectedAt is when incoming goods should arrive (incoming moves only).
	ExpectedAt time.Time
}

// StockLevel is the ledger's sum for one product in one bin (or, for
// in-transit stock, one warehouse).
type StockLevel struct {
	ProductID   int64
	WarehouseID int64
	BinID       int64
	BinCode     string
	OnHand      int64
	Reserved    int64
	InTransit   int64
}

// Available is what can still be promised to an order.
func (l StockLevel) Available() int64 { return l.OnHand - l.Reserved }

// StockSummary totals a product's stock in one warehouse.
type StockSummary struct {
	ProductID     int64
	WarehouseID   int64
	WarehouseCode string
	OnHand        int64
	Reserved      int64
	InTransit     int64
}

// Available is what can still be promised to an order.
func (s StockSummary) Available() int64 { return s.OnHand - s.Reserved }

// Reservation is stock held for one order line in one bin.
type Reservation struct {
	OrderID     int64
	ProductID   int64
	WarehouseID int64
	BinID       int64
	Qty         int64
}
