package data_test

import (
	"path/filepath"
	"testing"

	"orderdesk/data"
)

// TestChosenBackupFolder: once a folder is chosen, automatic and manual
// backups go there and are listed and rotated from there; the default
// folder beside the database is left alone, and choosing "" brings it
// back.
func TestChosenBackupFolder(t *testing.T) {
	f := newShop(t)
	chosen := filepath.Join(t.TempDir(), "elsewhere", "backups")
	data.SetBackupDir(f.store.Path(), chosen)
	t.Cleanup(func() { data.SetBackupDir(f.store.Path(), "") })
	if got := data.BackupDir(f.store.Path()); got != chosen {
		t.Fatalf("BackupDir = %s, want %s", got, chosen)
	}
	auto, err := f.store.AutoBackup(f.ctx, data.DefaultRetention)
	f.must(err)
	manual, err := f.store.BackupTo(f.ctx, "")
	f.must(err)
	for _, b := range []data.BackupSummary{auto, manual} {
		if filepath.Dir(b.Path) != chosen {
			t.Fatalf("backup written to %s, want it in %s", b.Path, chosen)
		}
	}
	list, err := data.ListBackups(f.store.Path())
	if err != nil || len(list) != 2 {
		t.Fatalf("listed %v (%v)", list, err)
	}

	data.SetBackupDir(f.store.Path(), "")
	if got, want := data.BackupDir(f.store.Path()), filepath.Join(filepath.Dir(f.store.Path()), "backups"); got != want {
		t.Fatalf("after going back, BackupDir = %s, want %s", got, want)
	}
	if list, _ := data.ListBackups(f.store.Path()); len(list) != 0 {
		t.Fatalf("the default folder lists %v", list)
	}
}
