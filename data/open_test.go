package data_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"orderdesk/app"
	"orderdesk/data"
)

// orderDeskID is "ORDS", the application_id data.Open writes.
const orderDeskID = 0x4F524453

func pragmaInt(t *testing.T, path, pragma string) int {
	t.Helper()
	db := rawDB(t, path)
	var n int
	if err := db.QueryRow("PRAGMA " + pragma).Scan(&n); err != nil {
		t.Fatal(err)
	}
	_ = db.Close()
	return n
}

// TestOpenNewFile: a new file gets the whole schema, its version and our
// application id, and only its owner may read it (it holds customers'
// addresses and phones).
func TestOpenNewFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "shop.db")
	s := openStore(t, path)
	if got := pragmaInt(t, path, "user_version"); got != data.SchemaVersion() || got < 1 {
		t.Fatalf("user_version %d, want %d", got, data.SchemaVersion())
	}
	if got := pragmaInt(t, path, "application_id"); got != orderDeskID {
		t.Fatalf("application_id %#x, want %#x", got, orderDeskID)
	}
	for _, name := range []string{path, path + "-wal", path + ".lock"} {
		st, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", filepath.Base(name), st.Mode().Perm())
		}
	}
	if s.Path() != path {
		t.Errorf("Path() = %s, want %s", s.Path(), path)
	}
	if problems, err := s.Check(context.Background()); err != nil || len(problems) > 0 {
		t.Fatalf("a new database does not check clean: %v %v", problems, err)
	}
}

// TestReopenKeepsDataWithoutMigrating: data survives a close, and a file
// already at the current schema is not migrated (nor backed up) again.
func TestReopenKeepsDataWithoutMigrating(t *testing.T) {
	f := newShop(t)
	o, err := f.svc.CreateOrder(f.ctx, f.input(), true)
	if err != nil {
		t.Fatal(err)
	}
	path := f.store.Path()
	if err := f.store.Close(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		s := openStore(t, path)
		svc := app.NewService(s)
		got, err := svc.OrderByNumber(f.ctx, o.Number)
		if err != nil {
			t.Fatalf("reopen %d: %v", i+1, err)
		}
		if got.ID != o.ID || got.Payable != o.Payable || len(got.Lines) != 2 || got.Status != app.StatusPendingReview {
			t.Fatalf("reopen %d: order reads back as %+v", i+1, got)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if got := pragmaInt(t, path, "user_version"); got != data.SchemaVersion() {
		t.Fatalf("user_version %d after reopening, want %d", got, data.SchemaVersion())
	}
	if entries, err := os.ReadDir(data.BackupDir(path)); err == nil && len(entries) > 0 {
		t.Fatalf("reopening an up-to-date database made backups: %v", entries)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
}

// TestOpenRefusesNewerSchema: a file a newer program wrote is refused,
// left as it was, and the lock is free again afterwards.
func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop.db")
	s := openStore(t, path)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	setUserVersion(t, path, data.SchemaVersion()+1)
	if _, err := data.Open(context.Background(), path); !errors.Is(err, data.ErrTooNew) {
		t.Fatalf("want ErrTooNew, got %v", err)
	}
	if got := pragmaInt(t, path, "user_version"); got != data.SchemaVersion()+1 {
		t.Fatalf("refusing changed user_version to %d", got)
	}
	setUserVersion(t, path, data.SchemaVersion())
	openStore(t, path) // the refused open let go of the lock
}

func setUserVersion(t *testing.T, path string, v int) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d", v)); err != nil {
		t.Fatal(err)
	}
}

// TestOpenRefusesOtherFiles: whatever sits at the path and is not an
// OrderDesk database is refused with ErrNotDatabase and left untouched.
func TestOpenRefusesOtherFiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	random := make([]byte, 8192)
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	cases := []struct {
		name    string
		content []byte
	}{
		{"text", []byte("order,customer,qty\n202605-001,张伟,2\n")},
		{"random bytes", random},
		{"short", []byte("SQLit")},
		{"one byte", []byte{0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "shop.db")
			if err := os.WriteFile(path, c.content, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := data.Open(context.Background(), path); !errors.Is(err, data.ErrNotDatabase) {
				t.Fatalf("want ErrNotDatabase, got %v", err)
			}
			sameFile(t, path, c.content)
		})
	}
}

// TestOpenRefusesForeignSQLite: an SQLite file some other program made is
// not ours: refused, and not converted to WAL or otherwise written.
func TestOpenRefusesForeignSQLite(t *testing.T) {
	for _, c := range []struct{ name, sql string }{
		{"with a table", "CREATE TABLE contacts (name TEXT, phone TEXT); INSERT INTO contacts VALUES ('a', '1')"},
		{"other application id", "PRAGMA application_id = 12345; PRAGMA user_version = 3"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "shop.db")
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(c.sql); err != nil {
				t.Fatal(err)
			}
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := data.Open(context.Background(), path); !errors.Is(err, data.ErrNotDatabase) {
				t.Fatalf("want ErrNotDatabase, got %v", err)
			}
			sameFile(t, path, before)
			for _, extra := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(path + extra); err == nil {
					t.Errorf("refusing the file left %s behind", filepath.Base(path+extra))
				}
			}
		})
	}
}

// TestOpenDamagedFile: a file with SQLite's header and garbage after it is
// refused as damaged (restore a backup), and not overwritten.
func TestOpenDamagedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop.db")
	content := append([]byte("SQLite format 3\x00"), bytes.Repeat([]byte{0xA5}, 4096)...)
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := data.Open(context.Background(), path); !errors.Is(err, data.ErrCorrupt) {
		t.Fatalf("want ErrCorrupt, got %v", err)
	}
	sameFile(t, path, content)
}

func sameFile(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("the refused file was changed (%d bytes, was %d)", len(got), len(want))
	}
}

// TestOpenEmptyFile: a 0-byte file (say, made by "New file" in a file
// manager) becomes a new database.
func TestOpenEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s := openStore(t, path)
	if got := pragmaInt(t, path, "user_version"); got != data.SchemaVersion() {
		t.Fatalf("user_version %d, want %d", got, data.SchemaVersion())
	}
	if got := pragmaInt(t, path, "application_id"); got != orderDeskID {
		t.Fatalf("application_id %#x", got)
	}
	svc := app.NewService(s)
	ctx := app.WithActor(context.Background(), app.Actor{Name: "tester"})
	if err := svc.SaveWarehouse(ctx, &app.Warehouse{Code: "W1", Name: "Main", Active: true}); err != nil {
		t.Fatal(err)
	}
}

// TestOpenLocked: a second Open of a file already open is refused until
// the first one closes.
func TestOpenLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop.db")
	first, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if second, err := data.Open(context.Background(), path); !errors.Is(err, data.ErrLocked) {
		if second != nil {
			_ = second.Close()
		}
		t.Fatalf("want ErrLocked, got %v", err)
	}
	// The same file by another name is the same file.
	if _, err := data.Open(context.Background(), filepath.Join(filepath.Dir(path), ".", "shop.db")); !errors.Is(err, data.ErrLocked) {
		t.Fatalf("want ErrLocked through another spelling of the path, got %v", err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	second := openStore(t, path)
	if problems, err := second.Check(context.Background()); err != nil || len(problems) > 0 {
		t.Fatalf("%v %v", problems, err)
	}
}
