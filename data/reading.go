package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"

	"orderdesk/savefile"
)

// ErrOlderShop means a shop saved by an older OrderDesk, which only a
// program that may change the file brings up to date.
var ErrOlderShop = errors.New("this shop was saved by an older OrderDesk; open it once in the window, which brings it up to date, then try again")

// ErrNoShop means an OrderDesk database in which no shop was ever saved:
// an empty schema, nothing to check, back up or restore.
var ErrNoShop = errors.New("no shop was ever saved in it")

// OpenForReading opens the shop at path for work that only reads it:
// documents, reports, check and backup. It never changes the shop: it
// takes no lock (so it works while a window has the shop open), creates
// and updates no schema, and reads a file or disk that is read-only. The
// file must be a shop (VerifyShop's checks but the slow integrity check,
// which `check` runs itself).
//
// Write is for the one record such work makes, a person's sign-in: it
// goes through a connection of its own when the file may be written, and
// fails with ErrReadOnly when it may not.
func OpenForReading(ctx context.Context, path string) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if _, err := inspectShop(ctx, abs, false); err != nil {
		return nil, err
	}
	readDSN, err := readingDSN(ctx, abs)
	if err != nil {
		return nil, err
	}
	reader, err := sql.Open("sqlite", readDSN)
	if err != nil {
		return nil, err
	}
	reader.SetMaxOpenConns(4)
	s := &Store{path: abs, reader: reader, stmts: map[*sql.DB]map[string]*sql.Stmt{}}
	s.forReading, s.readDSN = true, readDSN
	return s, nil
}

// readingDSN reads the shop read-only, for queries.
func readingDSN(ctx context.Context, path string) (string, error) {
	return readOnlyCopyDSN(ctx, path, "&_pragma=busy_timeout(5000)&_pragma=query_only(1)&_txlock=deferred")
}

// readOnlyCopyDSN reads the shop read-only, seeing what an open window
// has committed in its -wal; pragmas are added. Where SQLite cannot make
// its -shm file beside a read-only shop and no -wal is there, nobody can
// be writing it: the file is opened as immutable.
func readOnlyCopyDSN(ctx context.Context, path, pragmas string) (string, error) {
	base := "file:" + (&url.URL{Path: path}).EscapedPath() + "?"
	readOnly := base + "mode=ro" + pragmas
	err := tryRead(ctx, readOnly)
	if err == nil {
		return readOnly, nil
	}
	if _, walErr := os.Stat(path + "-wal"); walErr == nil {
		return "", storageError(fmt.Errorf("read %s: %w", path, err))
	}
	immutable := base + "immutable=1" + pragmas
	if err := tryRead(ctx, immutable); err != nil {
		return "", storageError(fmt.Errorf("read %s: %w", path, err))
	}
	return immutable, nil
}

func tryRead(ctx context.Context, dsn string) error {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	var n int
	return db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n)
}

// signInWriter opens, once, the connection a reading store writes a
// sign-in through. It takes no lock and changes no schema: SQLite's own
// locking keeps it apart from an open window's writes.
func (s *Store) signInWriter() (*sql.DB, error) {
	s.writerOnce.Do(func() {
		f, err := os.OpenFile(s.path, os.O_RDWR, 0)
		if err != nil {
			s.writerErr = fmt.Errorf("%s: %w (%v)", s.path, ErrReadOnly, err)
			return
		}
		_ = f.Close()
		w, err := sql.Open("sqlite", dsn(s.path, false))
		if err != nil {
			s.writerErr = err
			return
		}
		w.SetMaxOpenConns(1)
		s.writer = w
	})
	return s.writer, s.writerErr
}

// ShopFiles are the files and folders no exported document, workbook or
// copy may replace or go into: the database, the files SQLite and
// OrderDesk keep beside it, and its backups folder.
func ShopFiles(dbPath string) savefile.Protected {
	abs := absPath(dbPath)
	p := savefile.Protected{Folders: []string{BackupDir(abs)}}
	if def := filepath.Join(filepath.Dir(abs), "backups"); def != BackupDir(abs) {
		p.Folders = append(p.Folders, def)
	}
	for _, side := range []string{"", "-wal", "-shm", "-journal", ".lock", restoringSuffix, restoringSuffix + "-journal"} {
		p.Files = append(p.Files, abs+side)
	}
	return p
}

// readingState is what a store opened for reading keeps besides a
// store's own: how it reads, and its sign-in writer once opened.
type readingState struct {
	forReading bool
	readDSN    string
	writerOnce sync.Once
	writerErr  error
}
