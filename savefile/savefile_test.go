package savefile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// shop makes a folder with a shop's files as the store names them: the
// database with its -wal, -shm and lock, and a backups folder holding
// one backup.
func shop(t *testing.T) (dir string, p Protected) {
	t.Helper()
	dir = t.TempDir()
	db := filepath.Join(dir, "shop.db")
	for _, f := range []string{db, db + "-wal", db + "-shm", db + ".lock"} {
		if err := os.WriteFile(f, []byte("the shop: "+filepath.Base(f)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	backups := filepath.Join(dir, "backups")
	if err := os.Mkdir(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(backups, "shop-auto-20261201-090000.db"), []byte("a backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir, Protected{Files: []string{db, db + "-wal", db + "-shm", db + "-journal", db + ".lock"}, Folders: []string{backups}}
}

func pdf(w io.Writer) error { _, err := io.WriteString(w, "%PDF-1.4 a document"); return err }

// unchanged fails the test if any of the shop's files lost its content.
func unchanged(t *testing.T, dir string) {
	t.Helper()
	for _, name := range []string{"shop.db", "shop.db-wal", "shop.db-shm", "shop.db.lock"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(b) != "the shop: "+name {
			t.Fatalf("%s was changed: %q %v", name, b, err)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "backups", "shop-auto-20261201-090000.db")); err != nil || string(b) != "a backup" {
		t.Fatalf("the backup was changed: %q %v", b, err)
	}
	leftovers(t, dir)
}

// leftovers fails the test if a temporary stayed behind in dir.
func leftovers(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), partialSuffix) {
			t.Fatalf("a temporary stayed behind: %s", e.Name())
		}
	}
}

func TestRefusesTheShopsOwnFiles(t *testing.T) {
	dir, p := shop(t)
	t.Chdir(dir)
	sub := filepath.Join(dir, "exports")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	mustLink := func(err error) {
		if err != nil {
			t.Skip("this file system has no links:", err)
		}
	}
	mustLink(os.Symlink(filepath.Join(dir, "shop.db"), filepath.Join(sub, "link-to-shop.pdf")))
	mustLink(os.Link(filepath.Join(dir, "shop.db"), filepath.Join(sub, "hard-link.pdf")))
	mustLink(os.Symlink(filepath.Join(dir, "backups"), filepath.Join(sub, "backups-link")))
	mustLink(os.Symlink(dir, filepath.Join(sub, "up")))
	cases := []struct{ path, reaches string }{
		{filepath.Join(dir, "shop.db"), "shop.db"},
		{"shop.db", "shop.db"},
		{"./exports/../shop.db", "shop.db"},
		{filepath.Join(sub, "up", "shop.db"), "shop.db"},
		{"shop.db-wal", "shop.db-wal"},
		{"shop.db-shm", "shop.db-shm"},
		{"shop.db.lock", "shop.db.lock"},
		{"shop.db-journal", "shop.db-journal"}, // not there now, but SQLite's when it is
		{filepath.Join(sub, "link-to-shop.pdf"), "shop.db"},
		{filepath.Join(sub, "hard-link.pdf"), "shop.db"},
		{filepath.Join("backups", "report.xlsx"), "backups"},
		{filepath.Join("backups", "shop-auto-20261201-090000.db"), "backups"},
		{filepath.Join(sub, "backups-link", "new.pdf"), "backups"},
	}
	for _, c := range cases {
		err := Write(c.path, p, pdf)
		var refused *ShopFileError
		if !errors.As(err, &refused) || filepath.Base(refused.ShopFile) != c.reaches {
			t.Errorf("%s: want it refused as reaching %s, got %v", c.path, c.reaches, err)
			continue
		}
		if !strings.Contains(err.Error(), c.path) || !strings.Contains(err.Error(), "choose another") {
			t.Errorf("%s: the refusal should name the path and what to do: %v", c.path, err)
		}
	}
	unchanged(t, dir)
	leftovers(t, sub)
	// Beside the shop is fine, and so is a name that only starts like it.
	for _, ok := range []string{"shop.db.pdf", filepath.Join(sub, "report.xlsx"), "shop-2.db"} {
		if err := Write(ok, p, pdf); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	unchanged(t, dir)
}

// TestRefusesOtherLetterCase: where file names ignore letter case
// (Windows, macOS), SHOP.DB is the shop.
func TestRefusesOtherLetterCase(t *testing.T) {
	dir, p := shop(t)
	defer func(was func() bool) { caseInsensitive = was }(caseInsensitive)
	caseInsensitive = func() bool { return true }
	for _, path := range []string{"SHOP.DB", "Shop.db-WAL", filepath.Join("BACKUPS", "x.pdf")} {
		if err := p.Check(filepath.Join(dir, path)); !IsProtected(err) {
			t.Errorf("%s: want refused, got %v", path, err)
		}
	}
	caseInsensitive = func() bool { return false }
	if err := p.Check(filepath.Join(dir, "SHOP.DB")); err != nil {
		t.Errorf("where case matters SHOP.DB is another file: %v", err)
	}
}

func TestReplacesAFileWholeOrNotAtAll(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.xlsx")
	if err := os.WriteFile(path, []byte("last month's report"), 0o644); err != nil {
		t.Fatal(err)
	}
	failed := errors.New("the report query failed")
	err := Write(path, Protected{}, func(w io.Writer) error {
		_, _ = io.WriteString(w, strings.Repeat("half a report ", 100000))
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatalf("want the writer's own error, got %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "last month's report" {
		t.Fatalf("a failed write changed the old file: %q", b[:min(len(b), 40)])
	}
	leftovers(t, dir)
	if err := Write(path, Protected{}, pdf); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(path)
	if b, _ := os.ReadFile(path); string(b) != "%PDF-1.4 a document" {
		t.Fatalf("got %q", b)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm() != 0o644 {
		t.Errorf("a file written again keeps its permissions: %v", info.Mode())
	}
	leftovers(t, dir)
}

func TestWritesThroughASymbolicLink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.pdf")
	link := filepath.Join(dir, "latest.pdf")
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	if err := Write(link, Protected{}, pdf); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", info, err)
	}
	if b, _ := os.ReadFile(target); string(b) != "%PDF-1.4 a document" {
		t.Fatalf("the link's file: %q", b)
	}
}

func TestRefusesAFolder(t *testing.T) {
	dir := t.TempDir()
	err := Write(dir, Protected{}, pdf)
	var folder *FolderError
	if !errors.As(err, &folder) || !strings.Contains(err.Error(), "is a folder") {
		t.Fatalf("want a folder refused in words, got %v", err)
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		t.Fatal("the folder is gone")
	}
}

func TestWritesDevicesAndPipesDirectly(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/null or named pipes in the file system")
	}
	if err := Write("/dev/null", Protected{}, pdf); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat("/dev/null"); err != nil || info.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is no longer a device: %v %v", info, err)
	}
	fifo := filepath.Join(t.TempDir(), "to-printer")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	got := make(chan []byte)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- b
	}()
	if err := Write(fifo, Protected{}, pdf); err != nil {
		t.Fatal(err)
	}
	select {
	case b := <-got:
		if string(b) != "%PDF-1.4 a document" {
			t.Fatalf("the pipe's reader got %q", b)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("nothing came through the pipe")
	}
	if info, err := os.Stat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the pipe was replaced: %v %v", info, err)
	}
}

// TestFullDiskInWords: a write that meets a full disk says so, names the
// user's file and never the hidden temporary.
func TestFullDiskInWords(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full here")
	}
	err := Write("/dev/full", Protected{}, func(w io.Writer) error {
		_, err := w.Write(bytes.Repeat([]byte("x"), 1<<20))
		return err
	})
	var we *WriteError
	if !errors.As(err, &we) || we.Problem != ProblemDiskFull || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("want a full disk, got %#v", err)
	}
	if err.Error() != "/dev/full was not written: the disk is full; free some space and try again" {
		t.Fatalf("in words: %q", err.Error())
	}
}

// TestFullDiskOnARealFolder fills a small RAM disk, where the machine
// lets the test make one (root on Linux), and checks that the old file
// and the folder are as they were.
func TestFullDiskOnARealFolder(t *testing.T) {
	dir := t.TempDir()
	if runtime.GOOS != "linux" || exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir).Run() != nil {
		t.Skip("cannot mount a small RAM disk here")
	}
	t.Cleanup(func() { _ = exec.Command("umount", dir).Run() })
	path := filepath.Join(dir, "report.xlsx")
	if err := os.WriteFile(path, []byte("last month"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := Write(path, Protected{}, func(w io.Writer) error {
		_, err := w.Write(bytes.Repeat([]byte("x"), 1<<20))
		return err
	})
	var we *WriteError
	if !errors.As(err, &we) || we.Problem != ProblemDiskFull {
		t.Fatalf("want a full disk, got %v", err)
	}
	if strings.Contains(err.Error(), partialSuffix) || !strings.Contains(err.Error(), path) {
		t.Fatalf("the words should name %s only: %v", path, err)
	}
	if b, _ := os.ReadFile(path); string(b) != "last month" {
		t.Fatalf("the old file: %q", b)
	}
	leftovers(t, dir)
}

func TestRemovesLeftoversOfWritesThatDied(t *testing.T) {
	dir := t.TempDir()
	dead := deadPID(t)
	old := time.Now().Add(-25 * time.Hour)
	files := map[string]bool{ // name → removed
		fmt.Sprintf(".report.xlsx~%d-0a1b2c.partial", dead):                        true,
		fmt.Sprintf(".shop-auto-20261201-090000.db~%d-0a1b.partial-journal", dead): true,
		fmt.Sprintf(".mine.pdf~%d-0a1b.partial", os.Getpid()):                      false, // being written by this process
		fmt.Sprintf(".theirs.pdf~%d-0a1b.partial", os.Getppid()):                   false, // a running process writes it
		"report.xlsx":             false,
		".hidden-notes.partial":   false, // not ours
		"shop-20261201.partial":   false,
		".old.pdf~1-0a1b.partial": true, // older than a day, whoever wrote it
	}
	for name := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("customers"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chtimes(filepath.Join(dir, ".old.pdf~1-0a1b.partial"), old, old); err != nil {
		t.Fatal(err)
	}
	RemoveLeftovers(dir)
	for name, removed := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if gone := errors.Is(err, os.ErrNotExist); gone != removed {
			t.Errorf("%s: removed %v, want %v", name, gone, removed)
		}
	}
}

// deadPID is the number of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}
