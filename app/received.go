package app

import (
	"context"
	"time"
)

// Arrival is how many units of a product were received over a time: what
// gets a label each when goods arrive.
type Arrival struct {
	Product Product
	Qty     int64
}

// maxArrivalMoves bounds the receipts read for one period: a shop
// receives far fewer in a day or week.
const maxArrivalMoves = 100_000

// ReceivedBetween sums the stock received in [from, to) per product, in
// the order the products first arrived; corrections (adjustments) and
// returns do not count: they are not goods arriving.
func (s *Service) ReceivedBetween(ctx context.Context, from, to time.Time) ([]Arrival, error) {
	var out []Arrival
	err := s.store.Read(ctx, func(tx Tx) error {
		moves, err := tx.StockMoves(ctx, MoveFilter{Kind: MoveReceipt, From: from, To: to, Limit: maxArrivalMoves})
		if err != nil {
			return err
		}
		at := map[int64]int{}
		// Newest first from the store: walk back to keep arrival order.
		for i := len(moves) - 1; i >= 0; i-- {
			m := moves[i]
			if m.OnHandDelta <= 0 {
				continue
			}
			if k, ok := at[m.ProductID]; ok {
				out[k].Qty += m.OnHandDelta
				continue
			}
			p, err := tx.Product(ctx, m.ProductID)
			if err != nil {
				return err
			}
			at[m.ProductID] = len(out)
			out = append(out, Arrival{Product: *p, Qty: m.OnHandDelta})
		}
		return nil
	})
	return out, err
}
