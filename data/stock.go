package data

import (
	"context"
	"database/sql"

	"orderdesk/app"
)

// InsertStockMove appends a ledger row; the trigger updates the levels in
// the same statement, and their checks refuse a move that would take
// stock below zero.
func (t *tx) InsertStockMove(ctx context.Context, m *app.StockMove) error {
	var bin sql.NullInt64
	if m.BinID != 0 {
		bin = sql.NullInt64{Int64: m.BinID, Valid: true}
	}
	var order sql.NullInt64
	if m.OrderID != 0 {
		order = sql.NullInt64{Int64: m.OrderID, Valid: true}
	}
	id, err := t.insert(ctx, `INSERT INTO stock_moves (at, kind, product_id, warehouse_id, bin_id, on_hand_delta,
		reserved_delta, in_transit_delta, order_id, reference, note, actor, expected_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		fmtTime(m.At), m.Kind, m.ProductID, m.WarehouseID, bin, m.OnHandDelta, m.ReservedDelta, m.InTransitDelta,
		order, m.Reference, m.Note, m.Actor, fmtTime(m.ExpectedAt))
	if err != nil {
		return err
	}
	m.ID = id
	return nil
}

// StockLevels lists a product's levels, bins in walking order within each
// warehouse; in-transit rows (bin 0) come first in their warehouse.
func (t *tx) StockLevels(ctx context.Context, productID int64) ([]app.StockLevel, error) {
	rows, err := t.query(ctx, `SELECT l.product_id, l.warehouse_id, l.bin_id, COALESCE(b.code, ''), l.on_hand, l.reserved, l.in_transit
		FROM stock_levels l JOIN warehouses w ON w.id = l.warehouse_id LEFT JOIN bins b ON b.id = l.bin_id
		WHERE l.product_id = ? ORDER BY w.shipping_rank, w.code, b.aisle, b.shelf, b.position, b.code`, productID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []app.StockLevel
	for rows.Next() {
		var l app.StockLevel
		if err := rows.Scan(&l.ProductID, &l.WarehouseID, &l.BinID, &l.BinCode, &l.OnHand, &l.Reserved, &l.InTransit); err != nil {
			return nil, err
		}
		list = append(list, l)
	}
	return list, rows.Err()
}

// StockSummaries totals a product's levels per warehouse.
func (t *tx) StockSummaries(ctx context.Context, productID int64) ([]app.StockSummary, error) {
	rows, err := t.query(ctx, `SELECT l.product_id, l.warehouse_id, w.code, sum(l.on_hand), sum(l.reserved), sum(l.in_transit)
		FROM stock_levels l JOIN warehouses w ON w.id = l.warehouse_id
		WHERE l.product_id = ? GROUP BY l.warehouse_id ORDER BY w.shipping_rank, w.code`, productID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []app.StockSummary
	for rows.Next() {
		var s app.StockSummary
		if err := rows.Scan(&s.ProductID, &s.WarehouseID, &s.WarehouseCode, &s.OnHand, &s.Reserved, &s.InTransit); err != nil {
			return nil, err
		}
		list = append(list, s)
	}
	return list, rows.Err()
}

// Reservations sums what the ledger holds for an order, per product and bin.
func (t *tx) Reservations(ctx context.Context, orderID int64) ([]app.Reservation, error) {
	rows, err := t.query(ctx, `SELECT product_id, warehouse_id, bin_id, sum(reserved_delta) FROM stock_moves
		WHERE order_id = ? AND bin_id IS NOT NULL GROUP BY product_id, warehouse_id, bin_id
		HAVING sum(reserved_delta) <> 0 ORDER BY product_id, bin_id`, orderID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []app.Reservation
	for rows.Next() {
		r := app.Reservation{OrderID: orderID}
		if err := rows.Scan(&r.ProductID, &r.WarehouseID, &r.BinID, &r.Qty); err != nil {
			return nil, err
		}
		list = append(list, r)
	}
	return list, rows.Err()
}

// StockMoves lists ledger rows, newest first.
func (t *tx) StockMoves(ctx context.Context, f app.MoveFilter) ([]app.StockMove, error) {
	var where []string
	var args []any
	if f.ProductID != 0 {
		where = append(where, "product_id = ?")
		args = append(args, f.ProductID)
	}
	if f.OrderID != 0 {
		where = append(where, "order_id = ?")
		args = append(args, f.OrderID)
	}
	if f.Kind != "" {
		where = append(where, "kind = ?")
		args = append(args, string(f.Kind))
	}
	if !f.From.IsZero() {
		where = append(where, "at >= ?")
		args = append(args, fmtTime(f.From))
	}
	if !f.To.IsZero() {
		where = append(where, "at < ?")
		args = append(args, fmtTime(f.To))
	}
	rows, err := t.tx.QueryContext(ctx, `SELECT id, at, kind, product_id, warehouse_id, COALESCE(bin_id, 0), on_hand_delta,
		reserved_delta, in_transit_delta, COALESCE(order_id, 0), reference, note, actor, expected_at FROM stock_moves`+
		whereClause(where)+` ORDER BY id DESC LIMIT ?`, append(args, limitOr(f.Limit, 200))...)
	if err != nil {
		return nil, storageError(err)
	}
	defer rows.Close()
	var list []app.StockMove
	for rows.Next() {
		var m app.StockMove
		var ts timeScanner
		if err := rows.Scan(&m.ID, ts.at(&m.At), &m.Kind, &m.ProductID, &m.WarehouseID, &m.BinID, &m.OnHandDelta,
			&m.ReservedDelta, &m.InTransitDelta, &m.OrderID, &m.Reference, &m.Note, &m.Actor, ts.at(&m.ExpectedAt)); err != nil {
			return nil, err
		}
		if err := ts.parse(); err != nil {
			return nil, err
		}
		list = append(list, m)
	}
	return list, rows.Err()
}
