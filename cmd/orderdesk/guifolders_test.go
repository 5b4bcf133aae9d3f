package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"orderdesk/app"
	"orderdesk/data"
)

// openedDesk is testDesk with the shop open in the window and its first
// automatic backup made.
func openedDesk(t *testing.T, orders int) (*desk, *folderKeeper, string) {
	t.Helper()
	d, db := testDesk(t, orders)
	f := newFolderKeeper(d)
	if err := f.reopen(db); err != nil { // waits for the desk to be built
		t.Fatal(err)
	}
	waitFor(t, "the first automatic backup", func() bool { return !d.backups.Schedule().Last.IsZero() })
	return d, f, db
}

// orderNumbers lists every order's number in the open shop.
func orderNumbers(t *testing.T, d *desk) []string {
	t.Helper()
	page, err := app.NewService(d.backups.openGate()).SearchOrders(d.ctx, app.OrderQuery{Limit: 1000, SkipTotal: true})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range page.Rows {
		out = append(out, r.Number)
	}
	slices.Sort(out)
	return out
}

// TestMoveShopToAnotherFolder: the open shop moves to a new folder and
// opens from there with every order; it is remembered as the last shop,
// its backups go beside it, and the old file is kept under a new name.
func TestMoveShopToAnotherFolder(t *testing.T) {
	d, f, db := openedDesk(t, 40)
	before := orderNumbers(t, d)
	if len(before) != 40 {
		t.Fatalf("the demo shop has %d orders", len(before))
	}
	old := d.backups.openGate()
	target := filepath.Join(t.TempDir(), "new place", "OrderDesk")
	var steps []string
	moved, err := f.MoveShop(d.ctx, target, func(s string) { steps = append(steps, s) })
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(target, "tea.db")
	if moved.Path != dst || moved.Orders != 40 || f.ShopFile() != dst || d.backups.openGate() == old {
		t.Fatalf("moved %+v; the window has %s open", moved, f.ShopFile())
	}
	if got := orderNumbers(t, d); !slices.Equal(got, before) {
		t.Fatalf("the moved shop has orders %v, want %v", got, before)
	}
	if d.settings.LastDatabase() != dst {
		t.Fatalf("the last shop is remembered as %q", d.settings.LastDatabase())
	}
	if exists(db) || !strings.HasPrefix(filepath.Base(moved.Kept), "tea-moved-") || !exists(moved.Kept) {
		t.Fatalf("the old file: %s still there %v, kept as %s", db, exists(db), moved.Kept)
	}
	if sum, err := data.VerifyBackup(d.ctx, moved.Kept); err != nil || sum.Orders != 40 {
		t.Fatalf("the kept old file has %d orders (%v)", sum.Orders, err)
	}
	if moved.OldBackups != filepath.Join(filepath.Dir(db), "backups") || f.BackupsFolder() != filepath.Join(target, "backups") {
		t.Fatalf("old backups in %q, new ones go to %q", moved.OldBackups, f.BackupsFolder())
	}
	waitFor(t, "an automatic backup of the moved shop", func() bool {
		list, _ := data.ListBackups(dst)
		return len(list) > 0
	})
	if len(steps) < 3 {
		t.Fatalf("the steps told: %q", steps)
	}
}

// TestMoveShopRefused: a folder that cannot take the shop is refused in
// words before the shop closes; a copy that fails after it closed (a
// full disk) opens the shop again where it was, untouched.
func TestMoveShopRefused(t *testing.T) {
	d, f, db := openedDesk(t, 40)
	open := d.backups.openGate()

	taken := t.TempDir()
	if err := os.WriteFile(filepath.Join(taken, "tea.db"), []byte("someone else's"), 0o600); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		taken:                       "There is already a file named tea.db in " + taken + ".",
		filepath.Join(file, "shop"): "is not a folder: part of it is a file. Choose another folder.",
		filepath.Dir(db):            "The shop is already in " + filepath.Dir(db) + ".",
	}
	if os.Geteuid() != 0 { // root may write anywhere
		locked := t.TempDir()
		if err := os.Chmod(locked, 0o500); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = os.Chmod(locked, 0o700) })
		cases[locked] = "OrderDesk may not write in " + locked + "."
	}
	for folder, want := range cases {
		_, err := f.MoveShop(d.ctx, folder, nil)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("moving to %s: %v; want it to say %q", folder, err, want)
		}
		if d.backups.openGate() != open || f.ShopFile() != db {
			t.Fatalf("a refused move to %s closed the shop", folder)
		}
	}
	clerk := app.WithActor(d.ctx, app.Actor{Name: "wang", Role: app.RoleWarehouse})
	if _, err := f.MoveShop(clerk, t.TempDir(), nil); err == nil || !strings.Contains(err.Error(), "Only the owner") {
		t.Errorf("the warehouse moved the shop: %v", err)
	}
	if got, err := os.ReadFile(filepath.Join(taken, "tea.db")); err != nil || string(got) != "someone else's" {
		t.Fatalf("the file in the way was changed: %q %v", got, err)
	}

	target := filepath.Join(t.TempDir(), "full disk")
	f.copyShop = func(_ context.Context, _ *data.Store, dst string) (data.BackupSummary, error) {
		return data.BackupSummary{}, fmt.Errorf("back up to %s: %w (database or disk is full (13))", dst, data.ErrDiskFull)
	}
	_, err := f.MoveShop(d.ctx, target, nil)
	if err == nil || !strings.Contains(err.Error(), "The disk of "+target+" is full.") {
		t.Fatalf("a full disk says %v", err)
	}
	if f.ShopFile() != db || d.backups.openGate() == nil || d.settings.LastDatabase() != db {
		t.Fatalf("after the failed copy the window has %s open, remembers %s", f.ShopFile(), d.settings.LastDatabase())
	}
	if n := len(orderNumbers(t, d)); n != 40 {
		t.Fatalf("the shop reopened with %d orders", n)
	}
	if exists(filepath.Join(target, "tea.db")) {
		t.Fatal("a copy was left in the target folder")
	}
}

// TestOpenAnotherShop: another shop's file opens in the window in place
// of this one; a file that is not a shop is refused and this one stays.
func TestOpenAnotherShop(t *testing.T) {
	d, f, db := openedDesk(t, 10)
	text := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(text, []byte("not a shop"), 0o600); err != nil {
		t.Fatal(err)
	}
	open := d.backups.openGate()
	if err := f.OpenShop(d.ctx, text); err == nil || !strings.Contains(err.Error(), "This file is not an OrderDesk database.") {
		t.Fatalf("opening a text file: %v", err)
	}
	if d.backups.openGate() != open || f.ShopFile() != db {
		t.Fatal("a refused file closed the shop")
	}

	other := filepath.Join(t.TempDir(), "second.db")
	var out, errs strings.Builder
	if code := run([]string{"demo", "--db", other, "--orders", "5"}, &out, &errs); code != 0 {
		t.Fatalf("demo: %s", errs.String())
	}
	if err := f.OpenShop(d.ctx, other); err != nil {
		t.Fatal(err)
	}
	if f.ShopFile() != other || len(orderNumbers(t, d)) != 5 || d.settings.LastDatabase() != other {
		t.Fatalf("the window has %s open, remembers %s", f.ShopFile(), d.settings.LastDatabase())
	}
}
