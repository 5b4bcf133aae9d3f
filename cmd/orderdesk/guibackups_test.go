package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/data"
	"orderdesk/screens"
)

// englishOnce loads the UI strings once per test binary: a shell built
// by one test may still be translating in the background when the next
// test starts, and loading again would write under its reads.
var englishOnce sync.Once

func english() { englishOnce.Do(func() { screens.LoadTranslations("en") }) }

// testDesk is the window's desk on a test app, over a demo shop.
func testDesk(t *testing.T, orders int) (*desk, string) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "tea.db")
	var out, errs bytes.Buffer
	if code := run([]string{"demo", "--db", db, "--orders", fmt.Sprint(orders)}, &out, &errs); code != 0 {
		t.Fatalf("demo: %s", errs.String())
	}
	a := test.NewTempApp(t)
	english()
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(w.Close)
	ctx := app.WithActor(context.Background(), app.Actor{Name: "tester", Role: app.RoleOwner})
	d := &desk{ctx: ctx, win: w, settings: screens.NewSettings(a.Preferences())}
	d.backups = newBackupKeeper(d, a.Preferences())
	screens.UseBackups(d.backups)
	t.Cleanup(func() {
		screens.UseBackups(nil)
		if err := d.backups.closeShop(); err != nil {
			t.Error(err)
		}
	})
	return d, db
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !ok(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func (k *backupKeeper) openGate() *shopGate {
	g, _ := k.current()
	return g
}

// reopened says the shop is open again on a new gate and what waited
// for it (the message about the restore) has run. The tests watch the
// keeper rather than the widgets: Fyne's test driver runs fyne.Do on the
// calling goroutine, so laying out the window while the shell loads in
// the background would race.
func (k *backupKeeper) reopened(old *shopGate) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.gate != nil && k.gate != old && k.afterOpen == nil
}

// TestBackupsInTheWindow: opening the shop makes an automatic backup in
// the background; a restore while the window is open waits for the
// transaction under way, turns later ones away, swaps the file, opens the
// restored shop and says so; the work done since the backup is kept in
// the before-restore copy.
func TestBackupsInTheWindow(t *testing.T) {
	d, db := testDesk(t, 40)
	k := d.backups
	d.open(db, nil)
	waitFor(t, "the shop to open and the first automatic backup", func() bool { return !k.Schedule().Last.IsZero() })
	list, err := data.ListBackups(db)
	if err != nil || len(list) != 1 || list[0].Kind != data.BackupAutomatic {
		t.Fatalf("after opening: %v %v", list, err)
	}
	manual, err := k.BackUp(d.ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.Verify(d.ctx, manual.Path); err != nil {
		t.Fatal(err)
	}
	// The window's check of the open shop finds nothing wrong with it.
	if found, err := k.Check(d.ctx); err != nil || len(found.Problems) > 0 || found.Orders == 0 {
		t.Fatalf("check of the open shop: %+v, %v", found, err)
	}

	// A transaction under way when the restore starts: it finishes first.
	old := k.openGate()
	svc := app.NewService(old)
	inside, release := make(chan struct{}), make(chan struct{})
	written := make(chan error, 1)
	go func() {
		written <- old.Write(d.ctx, func(tx app.Tx) error {
			close(inside)
			<-release
			return tx.SaveShop(d.ctx, app.Shop{Name: "Renamed during the restore", Currency: mustCurrency(t, "CNY"), Country: "CN"})
		})
	}()
	<-inside
	k.Restore(manual.Path)
	time.Sleep(150 * time.Millisecond)
	if kept, _ := filepath.Glob(filepath.Join(data.BackupDir(db), "tea-before-restore-*")); len(kept) > 0 {
		t.Fatal("the restore went ahead while a transaction was under way")
	}
	close(release)
	if err := <-written; err != nil {
		t.Fatalf("the transaction under way: %v", err)
	}
	waitFor(t, "the restored shop to open", func() bool { return k.reopened(old) })
	if _, err := svc.Shop(d.ctx); err == nil || !strings.Contains(err.Error(), "closed for a restore") {
		t.Fatalf("the old shop still answers: %v", err)
	}
	shop, err := app.NewService(k.openGate()).Shop(d.ctx)
	if err != nil || shop.Name == "Renamed during the restore" {
		t.Fatalf("the restored shop is %q (%v); want the name it had at the backup", shop.Name, err)
	}
	kept, _ := filepath.Glob(filepath.Join(data.BackupDir(db), "tea-before-restore-*"))
	if len(kept) != 1 {
		t.Fatalf("kept before the restore: %v", kept)
	}
	sum, err := data.VerifyBackup(d.ctx, kept[0])
	if err != nil || sum.Shop != "Renamed during the restore" {
		t.Fatalf("the copy kept before the restore has %q (%v); want the change made during it", sum.Shop, err)
	}
}

func mustCurrency(t *testing.T, code string) app.Currency {
	t.Helper()
	c, ok := app.LookupCurrency(code)
	if !ok {
		t.Fatal(code)
	}
	return c
}

// TestDamagedShopOffersLatestBackup: a shop that will not open says why
// and offers its latest backup; restoring it (what the offer does once
// confirmed; the confirming is screens' TestBackupsPanelRestore) opens
// the shop again.
func TestDamagedShopOffersLatestBackup(t *testing.T) {
	d, db := testDesk(t, 40)
	sum, err := data.BackupDatabase(d.ctx, db, "")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for i := 4096; i < len(raw); i += 3 {
		raw[i] = 0x99
	}
	if err := os.WriteFile(db, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = data.Open(d.ctx, db)
	d.backups.openFailed(db, err) // what open does when it fails
	page := texts(d.win.Content())
	for _, want := range []string{"Could not open the database", "The database file is damaged. Restore the latest backup.",
		"The latest backup is " + sum.Name() + ", from ", "Restore this backup…"} {
		if !strings.Contains(page, want) {
			t.Fatalf("the page does not say %q:\n%s", want, page)
		}
	}

	d.backups.restoreAndReopen(db, sum.Path)
	waitFor(t, "the restored shop to open", func() bool { return d.backups.reopened(nil) })
	n, err := app.NewService(d.backups.openGate()).CountOrders(d.ctx)
	if err != nil || n != 40 {
		t.Fatalf("the restored shop has %d orders (%v)", n, err)
	}
}

// texts lists the labels and buttons under o.
func texts(o fyne.CanvasObject) string {
	var out []string
	for _, obj := range test.LaidOutObjects(o) {
		switch w := obj.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.Button:
			out = append(out, w.Text)
		}
	}
	return strings.Join(out, "\n")
}

// TestStorageFailuresInUserWords: a full disk reaches every screen's
// error dialog as a sentence in the user's language, while errors.Is
// still finds the cause; other errors pass unchanged; a restore's
// outcome is told plainly.
func TestStorageFailuresInUserWords(t *testing.T) {
	test.NewTempApp(t)
	english()
	full := fmt.Errorf("create order: %w (database or disk is full (13))", data.ErrDiskFull)
	err := inUserWords(full)
	if !errors.Is(err, data.ErrDiskFull) || !strings.HasPrefix(err.Error(), "The disk is full, so this was not saved.") {
		t.Fatalf("got %q", err)
	}
	if other := errors.New("order 202605-001: not found"); inUserWords(other) != other {
		t.Fatal("an ordinary error was changed")
	}
	at := time.Date(2026, 5, 14, 9, 30, 0, 0, time.Local)
	said := restoredText(data.RestoreResult{From: data.BackupSummary{BackupInfo: data.BackupInfo{Time: at}}, Kept: "/b/tea-before-restore.db"})
	if said != "The shop is back as it was at 2026-05-14 09:30.\nThe shop as it was before the restore is kept as /b/tea-before-restore.db." {
		t.Fatalf("after a restore: %q", said)
	}
	refused := restoreFailed(fmt.Errorf("x.db: %w (it is a text file)", data.ErrNotDatabase))
	if !errors.Is(refused, data.ErrNotDatabase) || !strings.HasPrefix(refused.Error(),
		"Nothing was restored; the shop is as it was.\nThis file is not an OrderDesk backup.\nx.db: ") {
		t.Fatalf("a refused restore: %q", refused)
	}
}
