package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"orderdesk/app"
	"orderdesk/importer"
)

// runExport writes files for other programs to take: "shipments" is the
// parcels' tracking numbers for a platform's bulk upload (issue 18,
// point 8), each parcel once, so the shop can run it every day.
func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "shipments" {
		return fmt.Errorf("%w: what to export? orderdesk export shipments --db FILE --preset PLATFORM -o FILE", errUsage)
	}
	fs := newFlags("export shipments", stderr)
	db := fs.String("db", "", "the shop's database file")
	preset := fs.String("preset", "", "whose layout: "+platformList())
	fromFlag := fs.String("from", "", "only parcels shipped on or after this day, YYYY-MM-DD")
	toFlag := fs.String("to", "", "only parcels shipped on or before this day, YYYY-MM-DD")
	again := fs.Bool("again", false, "also the parcels already written for the platform")
	out := fs.String("o", "", "the file to write")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if *db == "" || *out == "" || *preset == "" {
		return fmt.Errorf("%w: export shipments needs --db FILE, --preset PLATFORM and -o FILE", errUsage)
	}
	platform := app.TrackingPlatform(strings.ToLower(strings.TrimSpace(*preset)))
	if !platform.Valid() {
		return fmt.Errorf("%w: --preset is one of %s", errUsage, platformList())
	}
	from, to, err := shippedDays(*fromFlag, *toFlag)
	if err != nil {
		return err
	}
	if err := checkOutput(*db, *out); err != nil {
		return err
	}
	store, svc, ctx, err := openShop(ctx, *db) // the parcels are marked as written
	if err != nil {
		return err
	}
	defer store.Close()
	parcels, err := svc.TrackingToExport(ctx, app.TrackingQuery{Platform: platform, From: from, To: to, Again: *again})
	if err != nil {
		return err
	}
	if len(parcels) == 0 {
		what := "new parcels"
		if *again {
			what = "parcels"
		}
		fmt.Fprintf(stdout, "No %s for %s; %s was not written\n", what, platform.Name(), *out)
		return nil
	}
	shop, err := svc.Shop(ctx)
	if err != nil {
		return err
	}
	err = saveOutputFrom(store, *out, func(w io.Writer) error {
		return importer.WriteTracking(w, platform, parcels, importer.TrackingOptions{Country: shop.Country})
	})
	if err != nil {
		return err // not written whole: nothing is marked
	}
	if err := svc.MarkTrackingExported(ctx, platform, parcels); err != nil {
		return fmt.Errorf("%s is written, but its parcels could not be marked as sent to %s, so the next file holds them again: %w",
			*out, platform.Name(), err)
	}
	fmt.Fprintf(stdout, "Wrote %s for %s to %s\n", parcelCount(len(parcels)), platform.Name(), *out)
	return nil
}

// platformList names the --preset values.
func platformList() string {
	var names []string
	for _, p := range app.TrackingPlatforms() {
		names = append(names, string(p))
	}
	return strings.Join(names, ", ")
}

// shippedDays reads --from and --to as report monthly does: days in the
// computer's time zone, both included; either may be left out.
func shippedDays(from, to string) (time.Time, time.Time, error) {
	first, end, err := app.DayRange(from, to)
	var bad *app.DayRangeError
	if errors.As(err, &bad) {
		switch bad.Bad {
		case "from":
			return first, end, fmt.Errorf("%w: --from %q is not a date like 2026-11-01", errUsage, from)
		case "to":
			return first, end, fmt.Errorf("%w: --to %q is not a date like 2026-11-30", errUsage, to)
		}
		return first, end, fmt.Errorf("%w: --to is before --from", errUsage)
	}
	return first, end, err
}

func parcelCount(n int) string {
	if n == 1 {
		return "1 parcel"
	}
	return fmt.Sprintf("%d parcels", n)
}
