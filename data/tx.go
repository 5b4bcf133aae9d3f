package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"orderdesk/app"
)

// tx implements app.Tx over one SQL transaction.
type tx struct {
	store *Store
	db    *sql.DB
	tx    *sql.Tx
	// bound are the statements this transaction has used, ready again.
	bound map[string]*sql.Stmt
	// unprepared are queries first seen in this transaction.
	unprepared []string
	// searchQueue holds search entries to write at the end (indexLater).
	searchQueue map[int64]string
	searchOrder []int64
}

var _ app.Tx = (*tx)(nil)

func (t *tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	res, err := st.ExecContext(ctx, args...)
	if err != nil {
		return nil, storageError(fmt.Errorf("%s: %w", firstLine(query), err))
	}
	return res, nil
}

func (t *tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, storageError(fmt.Errorf("%s: %w", firstLine(query), err))
	}
	return rows, nil
}

// queryRow runs a one-row query; missing rows come back as sql.ErrNoRows.
func (t *tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := t.stmt(ctx, query)
	if err != nil {
		// A query that does not prepare is a bug; surface it through Scan.
		return t.tx.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// insert runs an INSERT and returns the new row's id.
func (t *tx) insert(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := t.exec(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// Times are stored as fixed-width UTC RFC 3339 text, so text order is time
// order and every reader (and PostgreSQL) can parse them.
const timeLayout = "2006-01-02T15:04:05.000Z"

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad time %q in the database: %w", s, err)
	}
	return t, nil
}

// Dates (no time of day) are stored as YYYY-MM-DD.
const dateLayout = "2006-01-02"

func fmtDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateLayout)
}

func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(dateLayout, s, time.Local)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad date %q in the database: %w", s, err)
	}
	return t, nil
}

// timeScanner collects text times while scanning and parses them after,
// so a row's scan reads as a list of destinations.
type timeScanner struct {
	raw  []*string
	dst  []*time.Time
	date []bool
}

func (ts *timeScanner) at(dst *time.Time) *string {
	p := new(string)
	ts.raw = append(ts.raw, p)
	ts.dst = append(ts.dst, dst)
	ts.date = append(ts.date, false)
	return p
}

func (ts *timeScanner) day(dst *time.Time) *string {
	p := ts.at(dst)
	ts.date[len(ts.date)-1] = true
	return p
}

func (ts *timeScanner) parse() error {
	for i, r := range ts.raw {
		var err error
		if ts.date[i] {
			*ts.dst[i], err = parseDate(*r)
		} else {
			*ts.dst[i], err = parseTime(*r)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
