package data

import (
	"errors"
	"fmt"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"orderdesk/app"
)

// Errors the storage itself can raise, for screens to explain.
var (
	ErrDiskFull = errors.New("the disk is full: the change was not saved; free some space and try again")
	ErrBusy     = errors.New("the database is busy in another program; try again in a moment")
	ErrCorrupt  = errors.New("the database file is damaged; restore the latest backup")
	ErrReadOnly = fmt.Errorf("%w: the database file or its folder cannot be written", app.ErrShopReadOnly)
	// ErrStockBelowZero means a move would leave stock negative or reserve
	// more than is on hand; the services check first, this is the last guard.
	ErrStockBelowZero = errors.New("stock would go below zero or below what is reserved")
)

// storageError turns SQLite's result codes into errors a user can act on,
// keeping the original for the log. Domain errors pass through.
func storageError(err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch code := se.Code(); {
	case code&0xff == sqlite3.SQLITE_FULL:
		return fmt.Errorf("%w (%v)", ErrDiskFull, err)
	case code&0xff == sqlite3.SQLITE_BUSY, code&0xff == sqlite3.SQLITE_LOCKED:
		return fmt.Errorf("%w (%v)", ErrBusy, err)
	case code&0xff == sqlite3.SQLITE_CORRUPT, code&0xff == sqlite3.SQLITE_NOTADB:
		return fmt.Errorf("%w (%v)", ErrCorrupt, err)
	case code&0xff == sqlite3.SQLITE_READONLY, code&0xff == sqlite3.SQLITE_CANTOPEN:
		return fmt.Errorf("%w (%v)", ErrReadOnly, err)
	case code == sqlite3.SQLITE_CONSTRAINT_CHECK && (strings.Contains(err.Error(), "on_hand") || strings.Contains(err.Error(), "reserved")):
		return fmt.Errorf("%w (%v)", ErrStockBelowZero, err)
	}
	return err
}

// notFound maps sql.ErrNoRows to the domain's ErrNotFound with context.
func notFound(what string, key any) error {
	return fmt.Errorf("%s %v: %w", what, key, app.ErrNotFound)
}
