package app

import (
	"context"
	"fmt"
	"time"
)

// StockReceipt is goods arriving into a bin.
type StockReceipt struct {
	ProductID int64
	BinID     int64
	Qty       int64
	Reference string // delivery note or purchase order number
	Note      string
}

// ReceiveStock books goods into a bin. Goods that were expected as incoming
// for that warehouse come off the in-transit figure as they arrive.
func (s *Service) ReceiveStock(ctx context.Context, r StockReceipt) error {
	var p problems
	checkQty(&p, "qty", r.Qty)
	r.Reference, r.Note = cleanText(r.Reference), cleanText(r.Note)
	optionalText(&p, "reference", r.Reference, 60)
	optionalText(&p, "note", r.Note, 500)
	if err := p.err(); err != nil {
		return err
	}
	return s.write(ctx, PermStock, func(tx Tx, who Actor, now time.Time) error {
		prod, bin, err := productAndBin(ctx, tx, r.ProductID, r.BinID)
		if err != nil {
			return err
		}
		sums, err := tx.StockSummaries(ctx, prod.ID)
		if err != nil {
			return err
		}
		var inTransit int64
		for _, sm := range sums {
			if sm.WarehouseID == bin.WarehouseID {
				inTransit = sm.InTransit
			}
		}
		if inTransit > 0 {
			// The arrival clears what was expected, never more than that.
			m := &StockMove{At: now, Kind: MoveIncoming, ProductID: prod.ID, WarehouseID: bin.WarehouseID,
				InTransitDelta: -min(inTransit, r.Qty), Reference: r.Reference, Note: "arrived", Actor: who.Name}
			if err := tx.InsertStockMove(ctx, m); err != nil {
				return err
			}
		}
		m := &StockMove{At: now, Kind: MoveReceipt, ProductID: prod.ID, WarehouseID: bin.WarehouseID, BinID: bin.ID,
			OnHandDelta: r.Qty, Reference: r.Reference, Note: r.Note, Actor: who.Name}
		if err := tx.InsertStockMove(ctx, m); err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectProduct, prod.ID, "stock.received",
			fmt.Sprintf("%d × %s received into %s", r.Qty, prod.SKU, bin.Code), nil, m)
	})
}

// StockAdjustment corrects a bin's count after a stock take.
type StockAdjustment struct {
	ProductID int64
	BinID     int64
	Delta     int64  // + found, − missing
	Reason    string // required: why the count was wrong
}

// AdjustStock corrects a bin's on-hand count. It never takes on-hand below
// what is reserved for orders, nor below zero.
func (s *Service) AdjustStock(ctx context.Context, a StockAdjustment) error {
	var p problems
	a.Reason = cleanText(a.Reason)
	if a.Delta == 0 {
		p.add("delta", CodeInvalid, "enter how many units to add (+) or remove (−)")
	} else if a.Delta > MaxLineQty*10 || a.Delta < -MaxLineQty*10 {
		p.add("delta", CodeTooLarge, "an adjustment is at most %d units", MaxLineQty*10)
	}
	requireText(&p, "reason", a.Reason, 2, 200)
	if err := p.err(); err != nil {
		return err
	}
	return s.write(ctx, PermStock, func(tx Tx, who Actor, now time.Time) error {
		prod, bin, err := productAndBin(ctx, tx, a.ProductID, a.BinID)
		if err != nil {
			return err
		}
		if a.Delta < 0 {
			level, err := binLevel(ctx, tx, prod.ID, bin.ID)
			if err != nil {
				return err
			}
			if level.OnHand+a.Delta < level.Reserved {
				return &ValidationError{Fields: []FieldError{{Field: "delta", Code: CodeTooLarge,
					Message: fmt.Sprintf("bin %s holds %d of %s, %d of them reserved for orders: at most %d can be removed",
						bin.Code, level.OnHand, prod.SKU, level.Reserved, level.Available())}}}
			}
		}
		m := &StockMove{At: now, Kind: MoveAdjust, ProductID: prod.ID, WarehouseID: bin.WarehouseID, BinID: bin.ID,
			OnHandDelta: a.Delta, Note: a.Reason, Actor: who.Name}
		if err := tx.InsertStockMove(ctx, m); err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectProduct, prod.ID, "stock.adjusted",
			fmt.Sprintf("%+d × %s in %s: %s", a.Delta, prod.SKU, bin.Code, a.Reason), nil, m)
	})
}

// IncomingStock is goods ordered from a supplier, not yet arrived.
type IncomingStock struct {
	ProductID   int64
	WarehouseID int64
	Qty         int64
	ExpectedAt  time.Time
	Reference   string
}

// ExpectStock records goods on their way, so backorders can promise a date.
func (s *Service) ExpectStock(ctx context.Context, in IncomingStock) error {
	var p problems
	checkQty(&p, "qty", in.Qty)
	in.Reference = cleanText(in.Reference)
	optionalText(&p, "reference", in.Reference, 60)
	if in.ExpectedAt.IsZero() {
		p.add("expected_at", CodeRequired, "enter when the goods should arrive")
	}
	if err := p.err(); err != nil {
		return err
	}
	return s.write(ctx, PermStock, func(tx Tx, who Actor, now time.Time) error {
		prod, err := tx.Product(ctx, in.ProductID)
		if err != nil {
			return fmt.Errorf("product %d: %w", in.ProductID, err)
		}
		w, err := tx.Warehouse(ctx, in.WarehouseID)
		if err != nil {
			return fmt.Errorf("warehouse %d: %w", in.WarehouseID, err)
		}
		m := &StockMove{At: now, Kind: MoveIncoming, ProductID: prod.ID, WarehouseID: w.ID,
			InTransitDelta: in.Qty, Reference: in.Reference, ExpectedAt: in.ExpectedAt.UTC(), Actor: who.Name}
		if err := tx.InsertStockMove(ctx, m); err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectProduct, prod.ID, "stock.incoming",
			fmt.Sprintf("%d × %s expected at %s on %s", in.Qty, prod.SKU, w.Code, in.ExpectedAt.Format("2006-01-02")), nil, m)
	})
}

// StockLevels lists a product's stock per bin.
func (s *Service) StockLevels(ctx context.Context, productID int64) ([]StockLevel, error) {
	var list []StockLevel
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		list, err = tx.StockLevels(ctx, productID)
		return err
	})
	return list, err
}

// StockSummaries totals a product's stock per warehouse.
func (s *Service) StockSummaries(ctx context.Context, productID int64) ([]StockSummary, error) {
	var list []StockSummary
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		list, err = tx.StockSummaries(ctx, productID)
		return err
	})
	return list, err
}

func checkQty(p *problems, field string, qty int64) {
	switch {
	case qty <= 0:
		p.add(field, CodeTooSmall, "the quantity must be at least 1")
	case qty > MaxLineQty:
		p.add(field, CodeTooLarge, "the quantity must be at most %d", MaxLineQty)
	}
}

func productAndBin(ctx context.Context, tx Tx, productID, binID int64) (*Product, *Bin, error) {
	prod, err := tx.Product(ctx, productID)
	if err != nil {
		return nil, nil, fmt.Errorf("product %d: %w", productID, err)
	}
	bin, err := tx.Bin(ctx, binID)
	if err != nil {
		return nil, nil, fmt.Errorf("bin %d: %w", binID, err)
	}
	return prod, bin, nil
}

func binLevel(ctx context.Context, tx Tx, productID, binID int64) (StockLevel, error) {
	levels, err := tx.StockLevels(ctx, productID)
	if err != nil {
		return StockLevel{}, err
	}
	for _, l := range levels {
		if l.BinID == binID {
			return l, nil
		}
	}
	return StockLevel{ProductID: productID, BinID: binID}, nil
}

// StockMoves lists ledger rows, newest first.
func (s *Service) StockMoves(ctx context.Context, f MoveFilter) ([]StockMove, error) {
	var list []StockMove
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		list, err = tx.StockMoves(ctx, f)
		return err
	})
	return list, err
}
