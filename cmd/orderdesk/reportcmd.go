package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"orderdesk/app"
	"orderdesk/reports"
)

// runReport writes the monthly workbook.
func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "monthly" {
		return fmt.Errorf("%w: which report? orderdesk report monthly --db FILE --month YYYY-MM -o FILE.xlsx", errUsage)
	}
	fs := newFlags("report monthly", stderr)
	db := fs.String("db", "", "the shop's database file")
	month := fs.String("month", "", "the month, YYYY-MM")
	fromFlag := fs.String("from", "", "instead of --month: the first day, YYYY-MM-DD")
	toFlag := fs.String("to", "", "with --from: the last day, YYYY-MM-DD")
	out := fs.String("o", "", "the .xlsx file to write")
	language := fs.String("lang", "", "en or zh; default: the shop's document language, else by the shop's country")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if *db == "" || *out == "" || (*month == "") == (*fromFlag == "") {
		return fmt.Errorf("%w: report monthly needs --db FILE, -o FILE.xlsx and either --month YYYY-MM or --from/--to", errUsage)
	}
	var from, to time.Time
	var err error
	if *month != "" {
		if from, err = time.ParseInLocation("2006-01", *month, time.Local); err != nil {
			return fmt.Errorf("%w: --month %q is not like 2026-11", errUsage, *month)
		}
		to = from.AddDate(0, 1, 0)
	} else {
		from, to, err = app.DayRange(*fromFlag, *toFlag)
		if err != nil || from.IsZero() || to.IsZero() {
			return fmt.Errorf("%w: --from and --to are dates like 2026-11-01, the first not after the last", errUsage)
		}
	}
	if *language != "" && *language != "en" && *language != "zh" {
		return fmt.Errorf("%w: --lang is en or zh", errUsage)
	}
	if err := checkOutput(*db, *out); err != nil {
		return err
	}
	store, svc, ctx, err := openShopForReading(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	err = saveOutputFrom(store, *out, func(w io.Writer) error {
		return reports.WriteMonthly(ctx, svc, w, reports.MonthlyOptions{Lang: reports.Lang(*language), From: from, To: to,
			Now: svc.Now()}, func(sheet string, n int) {
			if n >= 5000 {
				fmt.Fprintf(stderr, "\r%s: %d rows ", sheet, n)
			}
		})
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Monthly report %s – %s written to %s\n", from.Format("2006-01-02"), to.AddDate(0, 0, -1).Format("2006-01-02"), *out)
	return nil
}
