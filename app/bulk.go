package app

import (
	"context"
	"fmt"
	"time"
)

// BulkResult says what a bulk creation did.
type BulkResult struct {
	Created []int64 // order IDs, in input order
}

// RowError ties a problem to the input it came from (for imports).
type RowError struct {
	Index int // position in the input slice
	Err   error
}

// BulkError lists every input that failed; nothing was written.
type BulkError struct{ Rows []RowError }

func (e *BulkError) Error() string {
	if len(e.Rows) == 1 {
		return fmt.Sprintf("order %d: %v", e.Rows[0].Index+1, e.Rows[0].Err)
	}
	return fmt.Sprintf("%d orders have problems; the first, order %d: %v", len(e.Rows), e.Rows[0].Index+1, e.Rows[0].Err)
}

// CreateOrders creates many orders in one transaction: all or nothing, as
// an import of one file must be. Every input is validated first and every
// problem reported; with submit, they go straight to review. progress, if
// set, is called now and then with how many are done.
func (s *Service) CreateOrders(ctx context.Context, inputs []OrderInput, submit bool, progress func(done, total int)) (BulkResult, error) {
	var res BulkResult
	err := s.write(ctx, PermOrders, func(tx Tx, who Actor, now time.Time) error {
		shop, err := tx.Shop(ctx)
		if err != nil {
			return err
		}
		products, customers := newProductCache(), map[int64]*Customer{}
		res.Created = make([]int64, 0, len(inputs))
		var bad BulkError
		for i, in := range inputs {
			if i%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				if progress != nil {
					progress(i, len(inputs))
				}
			}
			o, err := s.createOrder(ctx, tx, who, now, shop, in, submit, products, customers)
			if err != nil {
				if _, ok := IsValidation(err); ok {
					bad.Rows = append(bad.Rows, RowError{Index: i, Err: err})
					continue
				}
				return fmt.Errorf("order %d: %w", i+1, err)
			}
			res.Created = append(res.Created, o.ID)
		}
		if len(bad.Rows) > 0 {
			return &bad
		}
		if progress != nil {
			progress(len(inputs), len(inputs))
		}
		return nil
	})
	if err != nil {
		return BulkResult{}, err
	}
	return res, nil
}
