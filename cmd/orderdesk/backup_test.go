package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"orderdesk/data"
)

// TestBackupAndRestoreCommands: a backup to a chosen file and one into
// the backups folder; a damaged shop that names its latest backup; a
// restore refused while the shop is open and from a file that is no
// backup; then the restore, after which the shop checks out again.
func TestBackupAndRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "tea.db")
	runOK := func(args ...string) string {
		t.Helper()
		var out, errs bytes.Buffer
		if code := run(args, &out, &errs); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs.String())
		}
		return out.String()
	}
	runFails := func(code int, says string, args ...string) {
		t.Helper()
		var out, errs bytes.Buffer
		if got := run(args, &out, &errs); got != code || !strings.Contains(errs.String(), says) {
			t.Fatalf("%v: exit %d (want %d), said %q; want it to say %q", args, got, code, errs.String(), says)
		}
	}
	runOK("demo", "--db", db, "--orders", "40")

	copyPath := filepath.Join(dir, "usb", "tea-monday.db")
	said := runOK("backup", "--db", db, "-o", copyPath)
	if !strings.Contains(said, "Backed up "+db) || !strings.Contains(said, "40 orders") || !strings.Contains(said, copyPath) ||
		!strings.Contains(said, "checks out") {
		t.Fatalf("backup said %q", said)
	}
	said = runOK("backup", "--db", db)
	if !strings.Contains(said, data.BackupDir(db)+string(filepath.Separator)+"tea-auto-") {
		t.Fatalf("a backup without -o goes to the backups folder as an automatic one; it said %q", said)
	}
	runFails(1, "already exists", "backup", "--db", db, "-o", copyPath)
	runFails(2, "backup needs --db FILE", "backup", "-o", copyPath)

	// The shop is damaged: every command says which backup to restore.
	good, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	damaged := append([]byte(nil), good...)
	for i := 4096; i < len(damaged); i += 5 {
		damaged[i] = 0x42
	}
	if err := os.WriteFile(db, damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	runFails(1, "The latest backup is "+data.BackupDir(db), "check", "--db", db)
	runFails(1, "orderdesk restore --db "+db, "doc", "shipping-list", "--db", db, "-o", filepath.Join(dir, "x.pdf"))

	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("tea, cups, pots"), 0o600); err != nil {
		t.Fatal(err)
	}
	runFails(1, "nothing restored: the backup cannot be restored: "+notes+": this file is not an OrderDesk shop (it is a text file",
		"restore", "--db", db, notes)
	runFails(2, "restore needs --db FILE and the backup", "restore", "--db", db)

	// Restoring under an open window is refused and changes nothing.
	if err := os.WriteFile(db, good, 0o600); err != nil {
		t.Fatal(err)
	}
	open, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	runFails(1, "nothing restored: "+db+": another OrderDesk window or program has this database open", "restore", "--db", db, copyPath)
	if err := open.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(db, damaged, 0o600); err != nil {
		t.Fatal(err)
	}

	said = runOK("restore", copyPath, "--db", db) // flags after the backup work too
	if !strings.Contains(said, "Restored "+db+" from "+copyPath) || !strings.Contains(said, "40 orders") ||
		!strings.Contains(said, "kept in "+filepath.Join(data.BackupDir(db), "tea-damaged-")) {
		t.Fatalf("restore said %q", said)
	}
	if said := runOK("check", "--db", db); !strings.Contains(said, "40 orders") || !strings.Contains(said, "check out") {
		t.Fatalf("check after the restore said %q", said)
	}
}
