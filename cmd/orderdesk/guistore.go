package main

import (
	"context"
	"errors"
	"log"
	"sync"

	"fyne.io/fyne/v2/lang"

	"orderdesk/app"
	"orderdesk/data"
)

// shopGate is the open shop's store as the window's services see it.
// Closing it for a restore waits for the transactions under way and then
// turns new ones away, so no screen writes to a file being replaced (and
// database/sql's Close would not wait for them). It also says storage
// failures, such as a full disk, in the user's language for every
// screen's error dialog.
type shopGate struct {
	store *data.Store

	mu     sync.Mutex
	closed bool
	inUse  sync.WaitGroup
}

var _ app.Store = (*shopGate)(nil)

func (g *shopGate) Write(ctx context.Context, fn func(app.Tx) error) error {
	return g.through(func(s *data.Store) error { return s.Write(ctx, fn) })
}

func (g *shopGate) Read(ctx context.Context, fn func(app.Tx) error) error {
	return g.through(func(s *data.Store) error { return s.Read(ctx, fn) })
}

// through runs work on the store unless the shop is closing.
func (g *shopGate) through(work func(*data.Store) error) error {
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		return errors.New(lang.L("The shop is closed for a restore; it opens again in a moment."))
	}
	g.inUse.Add(1) // under mu, so close's Wait never races an Add
	g.mu.Unlock()
	defer g.inUse.Done()
	return inUserWords(work(g.store))
}

// close turns new work away, waits for the work under way and closes
// the store. A nested Read inside a Write gets the closing error rather
// than waiting for ever.
func (g *shopGate) close() error {
	g.mu.Lock()
	g.closed = true
	g.mu.Unlock()
	g.inUse.Wait()
	return g.store.Close()
}

// userError is a storage failure said for the user; errors.Is still
// finds the cause, and the log keeps SQLite's own words.
type userError struct {
	text  string
	cause error
}

func (e *userError) Error() string { return e.text }
func (e *userError) Unwrap() error { return e.cause }

// inUserWords turns the store's failures the user can act on into a
// sentence in their language; other errors pass as they are.
func inUserWords(err error) error {
	var text string
	switch {
	case err == nil:
		return nil
	case errors.Is(err, data.ErrDiskFull):
		text = lang.L("The disk is full, so this was not saved. Free some space, then try again; what was saved before is not lost.")
	case errors.Is(err, data.ErrCorrupt):
		text = lang.L("The database file is damaged. Restore the latest backup in Settings, Backups.")
	case errors.Is(err, data.ErrBusy):
		text = lang.L("Another program is using the database. Try again in a moment.")
	case errors.Is(err, data.ErrReadOnly):
		text = lang.L("The database file cannot be written. Check the file and folder permissions.")
	default:
		return err
	}
	log.Printf("storage: %v", err)
	return &userError{text: text, cause: err}
}
