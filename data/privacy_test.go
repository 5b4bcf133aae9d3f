//go:build unix

package data_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"orderdesk/data"
)

// TestFilesAreTheUsersOnly: with a umask that would let everyone
// read, the database, its -wal and -shm, the lock file, the backups
// folder and every kind of backup, and a restored database, are still
// the user's only (0600 files, 0700 folders).
func TestFilesAreTheUsersOnly(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)

	dir := filepath.Join(t.TempDir(), "OrderDesk")
	path := filepath.Join(dir, "shop.db")
	ctx := context.Background()
	store := openStore(t, path)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	manual, err := store.BackupTo(ctx, "")
	must(err)
	auto, err := store.AutoBackup(ctx, data.DefaultRetention)
	must(err)
	chosen, err := store.BackupTo(ctx, filepath.Join(t.TempDir(), "usb", "shop.db"))
	must(err)
	cli, err := data.BackupDatabase(ctx, path, "")
	must(err)
	want := map[string]fs.FileMode{dir: 0o700, data.BackupDir(path): 0o700, filepath.Dir(chosen.Path): 0o700,
		path: 0o600, path + "-wal": 0o600, path + "-shm": 0o600, path + ".lock": 0o600,
		manual.Path: 0o600, auto.Path: 0o600, chosen.Path: 0o600, cli.Path: 0o600}
	checkModes(t, want)
	must(store.Close())

	// A damaged database is kept byte for byte before the restore.
	must(os.WriteFile(path, []byte("SQLite format 3\x00 and then nothing of use"), 0o600))
	res, err := data.Restore(ctx, path, manual.Path)
	must(err)
	restored := openStore(t, path)
	checkModes(t, map[string]fs.FileMode{res.Kept: 0o600, path: 0o600, path + "-wal": 0o600, path + "-shm": 0o600})
	must(restored.Close())
}

func checkModes(t *testing.T, want map[string]fs.FileMode) {
	t.Helper()
	for name, mode := range want {
		st, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Mode().Perm(); got != mode {
			t.Errorf("%s has mode %v, want %v", name, got, mode)
		}
	}
}
