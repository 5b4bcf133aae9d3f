package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"orderdesk/app"
	"orderdesk/data"
)

// runBackup handles "backup --db FILE [-o FILE]". It reads the database
// without taking its lock, so it works while the window has the shop open.
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
	sum, err := data.BackupDatabase(ctx, *db, *out)
	if err != nil {
		return explainOpen(*db, err)
	}
	abs, _ := filepath.Abs(*db)
	fmt.Fprintf(stdout, "Backed up %s (%s, %d orders) to %s, %s; the copy checks out.\n",
		abs, shopName(sum.Shop), sum.Orders, sum.Path, byteSize(sum.Size))
	return nil
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
// personal accounts. A shop that does not open at all is the very
// case restoring is for, and has nobody to ask: it may be restored.
func mayRestore(ctx context.Context, path string) error {
	store, err := data.Open(ctx, path)
	if err != nil {
		return nil
	}
	defer store.Close()
	svc := newService(store)
	ctx, err = signedIn(ctx, svc)
	if err != nil {
		return err
	}
	return svc.Permitted(ctx, app.PermRestore)
}

// parseMixed parses flags that may come before or after the positional
// arguments ("restore FROM --db FILE" as well as "restore --db FILE FROM").
func parseMixed(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
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
