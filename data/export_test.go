package data

import (
	"context"
	"fmt"
)

// LimitPages caps the database at n pages (at least its size now) on the
// writer connection, as a full disk would: a write that needs one page
// more fails with SQLITE_FULL. For tests only.
func (s *Store) LimitPages(ctx context.Context, n int) error {
	_, err := s.writer.ExecContext(ctx, fmt.Sprintf("PRAGMA max_page_count = %d", n))
	return err
}
