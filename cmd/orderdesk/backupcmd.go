package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"orderdesk/app"
	"orderdesk/data"
)

// runBackup handles "backup --db FILE [-o FILE]". It reads the database
// without taking its lock, so it works while the window has the shop
// open. A copy holds every customer and every account, so when the shop
// has accounts it needs someone signed in who may make one (the owner).
// Into the backups folder it is rotated as the window's automatic
// backups are; a copy written with -o is kept where it was put.
func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("backup", stderr)
	db := fs.String("db", "", "the shop's database file")
	out := fs.String("o", "", "the backup file to write (default: a new file in the backups folder beside the database)")
	rest, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	if *db == "" || len(rest) > 0 {
		return fmt.Errorf("%w: backup needs --db FILE and, if not into the backups folder, -o FILE", errUsage)
	}
	if err := mayCopyShop(ctx, *db); err != nil {
		return err
	}
	sum, err := data.BackupDatabase(ctx, *db, *out)
	if err != nil {
		return explainOpen(*db, err)
	}
	abs, _ := filepath.Abs(*db)
	fmt.Fprintf(stdout, "Backed up %s (%s, %d orders) to %s, %s; the copy checks out.\n",
		abs, shopName(sum.Shop), sum.Orders, sum.Path, byteSize(sum.Size))
	return nil
}

// mayCopyShop refuses a copy of the shop to anyone but a signed-in person
// who may make one, when the shop has accounts.
func mayCopyShop(ctx context.Context, path string) error {
	store, svc, ctx, err := openShopForReading(ctx, path)
	if err != nil {
		return err
	}
	defer store.Close()
	return svc.Permitted(ctx, app.PermBackup)
}

// runRestore handles "restore --db FILE FROM".
func runRestore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("restore", stderr)
	db := fs.String("db", "", "the shop's database file to replace")
	rest, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	if *db == "" || len(rest) != 1 {
		return fmt.Errorf("%w: restore needs --db FILE and the backup file to restore from", errUsage)
	}
	if err := mayRestore(ctx, *db); err != nil {
		return fmt.Errorf("nothing restored: %w", err)
	}
	res, err := data.Restore(ctx, *db, rest[0])
	if err != nil {
		return fmt.Errorf("nothing restored: %w", err)
	}
	abs, _ := filepath.Abs(*db)
	fmt.Fprintf(stdout, "Restored %s from %s (%s, %d orders, backed up %s).\n",
		abs, res.From.Path, shopName(res.From.Shop), res.From.Orders, res.From.Time.Local().Format("2006-01-02 15:04"))
	if res.Kept != "" {
		fmt.Fprintf(stdout, "The database as it was is kept in %s.\n", res.Kept)
	}
	return nil
}

// mayRestore refuses a restore by anyone but the owner when the shop has
// personal accounts, unless the shop has nobody to ask
// (restoreNeedsNobody).
func mayRestore(ctx context.Context, path string) error {
	if restoreNeedsNobody(ctx, path) {
		return nil
	}
	store, err := data.OpenForReading(ctx, path)
	if errors.Is(err, data.ErrOlderShop) || errors.Is(err, data.ErrUnknownSchema) {
		store, err = data.Open(ctx, path) // as the window would open it, to read its accounts
	}
	if err != nil {
		return fmt.Errorf("the shop could not be opened to ask who may restore it: %w", err)
	}
	defer store.Close()
	svc := newService(store)
	ctx, err = signedIn(ctx, svc)
	if err != nil {
		return err
	}
	return svc.Permitted(ctx, app.PermRestore)
}

// restoreNeedsNobody reports whether the shop at path may be restored
// without asking who is there: there is no shop file yet, an empty one,
// or a damaged one (not an SQLite file at all, failing SQLite's integrity
// check, or with accounts that cannot be read), which Restore keeps aside
// before replacing it. A shop that is merely read-only, locked or on a
// full disk still has its owner to ask.
func restoreNeedsNobody(ctx context.Context, path string) bool {
	if info, err := os.Stat(path); errors.Is(err, os.ErrNotExist) || (err == nil && info.Size() == 0) {
		return true
	}
	if _, err := data.VerifyBackup(ctx, path); errors.Is(err, data.ErrCorrupt) || errors.Is(err, data.ErrNotDatabase) {
		return true
	}
	store, err := data.OpenForReading(ctx, path)
	if errors.Is(err, data.ErrCorrupt) {
		return true
	}
	if err != nil {
		return false
	}
	defer store.Close()
	_, err = newService(store).AccountSettings(ctx)
	return errors.Is(err, data.ErrCorrupt)
}

// explainOpen adds to an error opening the database at path, when the
// file is damaged or not a shop, which backup to restore and how.
func explainOpen(path string, err error) error {
	if !errors.Is(err, data.ErrCorrupt) && !errors.Is(err, data.ErrNotDatabase) {
		return err
	}
	latest, ok := data.LatestBackup(path)
	if !ok {
		return err
	}
	return fmt.Errorf("%w\nThe latest backup is %s (%s, %s). To restore it:\n  orderdesk restore --db %s %s",
		err, latest.Path, latest.Time.Local().Format("2006-01-02 15:04"), byteSize(latest.Size), path, latest.Path)
}

func shopName(name string) string {
	if name == "" {
		return "a shop without a name"
	}
	return name
}

// byteSize writes a file size the way a file manager does.
func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
