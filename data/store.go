// Package data keeps the shop in one SQLite file (modernc.org/sqlite, pure
// Go): opening and locking the file, migrations, the queries behind app's
// store interfaces, the order search index, consistency checks and
// backups. All SQL lives here.
package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/gofrs/flock"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"orderdesk/app"
)

// applicationID marks a file as an OrderDesk database ("ORDS") in the
// SQLite header, so a foreign database is recognised before it is touched.
const applicationID = 0x4F524453

// Errors Open returns; each says what the user can do.
var (
	ErrLocked      = errors.New("another OrderDesk window or program has this database open; close it first")
	ErrNotDatabase = errors.New("this file is not an OrderDesk shop")
	ErrTooNew      = errors.New("this database was written by a newer OrderDesk; update the program to open it")
)

// Store is an open shop database. It has one writer connection (SQLite
// allows one writer at a time anyway, and queueing in Go beats busy
// waits) and a small pool of readers that see committed data only.
type Store struct {
	path   string
	writer *sql.DB
	reader *sql.DB
	lock   *flock.Flock

	mu    sync.Mutex
	stmts map[*sql.DB]map[string]*sql.Stmt

	readingState // set when opened for reading only
}

var _ app.Store = (*Store)(nil)

// Open opens (creating if needed) the database at path, takes the lock
// that keeps a second OrderDesk out, and brings the schema up to date,
// backing the file up first when an existing database is migrated.
func Open(ctx context.Context, path string) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, fmt.Errorf("create the folder for %s: %w", abs, err)
	}
	lock := flock.New(abs+".lock", flock.SetFlag(os.O_CREATE|os.O_RDWR), flock.SetPermissions(0o600))
	locked, err := lock.TryLock()
	if err != nil {
		if readOnlyFile(err) {
			return nil, fmt.Errorf("%s: %w", abs, ErrReadOnly)
		}
		return nil, fmt.Errorf("lock %s: %w", abs, err)
	}
	if !locked {
		return nil, fmt.Errorf("%s: %w", abs, ErrLocked)
	}
	removeRestoreLeftovers(abs)
	RemoveLeftovers(abs)
	s, err := open(ctx, abs, lock)
	if err != nil {
		_ = lock.Unlock()
		return nil, err
	}
	return s, nil
}

func open(ctx context.Context, path string, lock *flock.Flock) (*Store, error) {
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	// Created here with owner-only rights; SQLite gives the -wal and
	// -shm files the same rights as the database.
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if readOnlyFile(err) {
		return nil, fmt.Errorf("%s: %w", path, ErrReadOnly)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	_ = f.Close()

	if err := checkApplication(ctx, path); err != nil {
		return nil, err
	}

	writer, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, err
	}
	writer.SetMaxOpenConns(1)
	writer.SetConnMaxIdleTime(0)
	s := &Store{path: path, writer: writer, lock: lock, stmts: map[*sql.DB]map[string]*sql.Stmt{}}
	if err := s.migrate(ctx); err != nil {
		_ = writer.Close()
		return nil, err
	}
	if err := s.saveFirstSettings(ctx); err != nil {
		_ = writer.Close()
		return nil, err
	}
	s.reader, err = sql.Open("sqlite", dsn(path, true))
	if err != nil {
		_ = writer.Close()
		return nil, err
	}
	s.reader.SetMaxOpenConns(4)
	return s, nil
}

// readOnlyFile reports whether err refuses to write a file that is
// read-only, or on a read-only disk.
func readOnlyFile(err error) bool {
	return errors.Is(err, syscall.EROFS) || errors.Is(err, fs.ErrPermission)
}

// dsn puts the pragmas in the connection string so every pooled connection
// has them. Writers take the write lock at BEGIN (immediate), so a
// transaction never fails half-way for want of it.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "synchronous(FULL)")
	// A bigger page cache than SQLite's 2 MB keeps a bulk import's dirty
	// pages in memory until commit instead of spilling them mid-way.
	if readOnly {
		q.Add("_pragma", "cache_size(-16384)")
		q.Add("_pragma", "query_only(1)")
		q.Set("_txlock", "deferred")
	} else {
		q.Add("_pragma", "cache_size(-65536)")
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// checkHeader refuses a file that is not SQLite at all before the driver
// sees it (the driver's own error comes late and reads badly).
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, 16)
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF || err == nil) {
		return nil // empty file: a new database
	}
	if !bytes.Equal(head[:n], []byte("SQLite format 3\x00")[:n]) || n < 16 {
		return fmt.Errorf("%s: %w (it is not an SQLite file)", path, ErrNotDatabase)
	}
	return nil
}

// checkApplication refuses an SQLite file some other program made. It
// looks through a query-only connection without the store's pragmas:
// the writer's journal_mode(WAL) would already change a foreign file.
func checkApplication(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?_pragma=query_only(1)")
	if err != nil {
		return err
	}
	defer db.Close()
	var appID, tables int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return storageError(fmt.Errorf("read %s: %w", path, err))
	}
	if appID == applicationID {
		return nil
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return storageError(fmt.Errorf("read %s: %w", path, err))
	}
	if appID != 0 || tables > 0 {
		return fmt.Errorf("%s: %w (it belongs to another program)", path, ErrNotDatabase)
	}
	return nil
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Close closes the database and releases the lock.
func (s *Store) Close() error {
	var errs []error
	s.mu.Lock()
	for _, m := range s.stmts {
		for _, st := range m {
			errs = append(errs, st.Close())
		}
	}
	s.stmts = map[*sql.DB]map[string]*sql.Stmt{}
	s.mu.Unlock()
	if s.reader != nil {
		errs = append(errs, s.reader.Close())
	}
	if s.writer != nil {
		errs = append(errs, s.writer.Close())
	}
	if s.lock != nil {
		errs = append(errs, s.lock.Unlock())
	}
	return errors.Join(errs...)
}

// Write runs fn in one immediate transaction on the writer connection.
func (s *Store) Write(ctx context.Context, fn func(app.Tx) error) error {
	if s.forReading {
		w, err := s.signInWriter()
		if err != nil {
			return err
		}
		return s.run(ctx, w, fn)
	}
	return s.run(ctx, s.writer, fn)
}

// Read runs fn in a read transaction: one consistent snapshot.
func (s *Store) Read(ctx context.Context, fn func(app.Tx) error) error {
	return s.run(ctx, s.reader, fn)
}

func (s *Store) run(ctx context.Context, db *sql.DB, fn func(app.Tx) error) error {
	sqlTx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return storageError(fmt.Errorf("begin: %w", err))
	}
	t := &tx{store: s, db: db, tx: sqlTx}
	defer func() { s.prepareForPool(context.WithoutCancel(ctx), db, t.unprepared) }()
	if err := fn(t); err != nil {
		_ = sqlTx.Rollback()
		return storageError(err)
	}
	if err := t.flushSearch(ctx); err != nil {
		_ = sqlTx.Rollback()
		return storageError(err)
	}
	if err := sqlTx.Commit(); err != nil {
		_ = sqlTx.Rollback()
		return storageError(fmt.Errorf("commit: %w", err))
	}
	return nil
}

// stmt returns a statement prepared once per pool and bound to this
// transaction: the bulk path runs the same few statements many thousand
// times. A statement seen for the first time is prepared on the
// transaction alone (the pool's only writer connection is busy with it)
// and then for the pool once the transaction is over.
func (t *tx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := t.bound[query]; ok {
		return st, nil
	}
	if t.bound == nil {
		t.bound = map[string]*sql.Stmt{}
	}
	s := t.store
	s.mu.Lock()
	st, ok := s.stmts[t.db][query]
	s.mu.Unlock()
	if ok {
		st = t.tx.StmtContext(ctx, st)
	} else {
		var err error
		if st, err = t.tx.PrepareContext(ctx, query); err != nil {
			return nil, fmt.Errorf("prepare %q: %w", firstLine(query), err)
		}
		t.unprepared = append(t.unprepared, query)
	}
	t.bound[query] = st
	return st, nil
}

// prepareForPool prepares, on the pool, statements a finished transaction
// used for the first time.
func (s *Store) prepareForPool(ctx context.Context, db *sql.DB, queries []string) {
	for _, q := range queries {
		s.mu.Lock()
		_, ok := s.stmts[db][q]
		s.mu.Unlock()
		if ok {
			continue
		}
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			continue // the next transaction prepares it for itself again
		}
		s.mu.Lock()
		if s.stmts[db] == nil {
			s.stmts[db] = map[string]*sql.Stmt{}
		}
		if _, ok := s.stmts[db][q]; ok {
			_ = st.Close()
		} else {
			s.stmts[db][q] = st
		}
		s.mu.Unlock()
	}
}

// Backup writes a consistent copy of the database to dst (which must not
// exist), even while the program writes.
func (s *Store) Backup(ctx context.Context, dst string) error {
	// The same careful copy as every backup: owner-only from its first
	// byte, written aside and renamed.
	return copyDatabase(ctx, sourceDSN(s.path), dst)
}

// now is the time stamp written by the store itself (migrations).
func now() time.Time { return time.Now().UTC() }

func firstLine(q string) string {
	for i, r := range q {
		if r == '\n' {
			return q[:i]
		}
	}
	return q
}
