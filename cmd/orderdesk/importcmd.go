package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"orderdesk/app"
	"orderdesk/importer"
)

// runImport handles "import orders".
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "orders" {
		return fmt.Errorf("%w: import what? orderdesk import orders --db FILE --preset NAME FILE", errUsage)
	}
	fs := newFlags("import orders", stderr)
	db := fs.String("db", "", "the shop's database file")
	preset := fs.String("preset", importer.PresetAuto, "auto (told from the file's columns), "+strings.Join(importer.Presets(), ", ")+
		", or a saved mapping's name")
	dryRun := fs.Bool("dry-run", false, "check the file and show what would be imported, without saving")
	createProducts := fs.Bool("create-products", false, "add products the shop does not know, from the file "+
		"(items without a SKU get one made from the platform's item id)")
	allOrNothing := fs.Bool("all-or-nothing", false, "import nothing when any order is bad (default: import the good ones "+
		"and write the bad ones to a rejects file)")
	rejectsFile := fs.String("rejects", "", "where to write the rejected orders' rows to fix and import again "+
		"(default: beside the file, NAME-rejects.csv)")
	mapFile := fs.String("map", "", "generic: a JSON file of field → column header, over the guessed mapping")
	channel := fs.String("channel", "", "generic: the channel the orders came from (default webshop)")
	newOrders := fs.Bool("new", false, "generic: the orders are new and go to review (default: history, completed)")
	dateFormat := fs.String("date-format", "", "how the file writes dates when day and month cannot be told apart: "+
		"DD/MM/YYYY, MM/DD/YYYY, MM/DD/YY, YYYY-MM-DD …")
	orderDate := fs.String("date", "", "YYYY-MM-DD: the day the orders of a file without order dates were placed")
	// Flags may come before or after the files, as people type them.
	files, err := parseMixed(fs, args[1:])
	if err != nil {
		return err
	}
	if *db == "" || len(files) == 0 {
		return fmt.Errorf("%w: import orders needs --db FILE and the file to import", errUsage)
	}
	if *preset == "" {
		*preset = importer.PresetAuto
	}
	store, svc, ctx, err := openShop(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	shop, err := svc.Shop(ctx)
	if err != nil {
		return err
	}
	opt := importer.Options{Preset: *preset, Currency: shop.Currency, Channel: app.Channel(*channel), NewOrders: *newOrders,
		DateFormat: *dateFormat}
	if *orderDate != "" {
		day, err := app.ParseDay(*orderDate)
		if err != nil {
			return fmt.Errorf("%w: --date %q is not a day like 2026-11-02", errUsage, *orderDate)
		}
		opt.Date = day
	}
	if !isBuiltInPreset(*preset) && *preset != importer.PresetAuto {
		mappings, err := svc.ImportMappings(ctx)
		if err != nil {
			return err
		}
		found := false
		for _, m := range mappings {
			if m.Name == *preset {
				found, opt.Preset, opt.Channel, opt.Mapping = true, importer.PresetGeneric, m.Channel, mappingOf(m.Columns)
			}
		}
		if !found {
			return fmt.Errorf("%w: no preset or saved mapping is called %q; the presets are %s", errUsage, *preset,
				strings.Join(importer.Presets(), ", "))
		}
	}
	if *mapFile != "" {
		m, err := readMapFile(*mapFile)
		if err != nil {
			return err
		}
		if opt.Mapping == nil {
			opt.Mapping = importer.Mapping{}
		}
		for f, h := range m {
			opt.Mapping[f] = h
		}
	}
	var tables []importer.Table
	for _, f := range files {
		t, err := importer.ReadFile(f)
		if err != nil {
			return err // it names the file
		}
		tables = append(tables, t...)
	}
	if opt.Preset == importer.PresetAuto {
		opt.Preset = importer.Detect(tables)
		fmt.Fprintf(stdout, "Read as a %s export (--preset to choose another).\n", importer.PresetTitle(opt.Preset))
	}
	rejects := *rejectsFile
	if rejects == "" && !*allOrNothing {
		base := strings.TrimSuffix(files[0], filepath.Ext(files[0]))
		rejects = strings.TrimSuffix(base, "-rejects") + "-rejects" + importer.RejectsExt(tables)
	}
	if rejects != "" {
		if err := checkOutput(*db, rejects); err != nil {
			return err
		}
	}
	parsed, err := importer.Parse(tables, opt)
	if err != nil {
		return err
	}
	if opt.Preset == importer.PresetGeneric && len(parsed.Mapping) > 0 {
		fmt.Fprintln(stdout, "Columns:")
		for _, f := range importer.Fields() {
			if h := parsed.Mapping[f]; h != "" {
				fmt.Fprintf(stdout, "  %-14s ← %s\n", f, h)
			}
		}
	}
	source := filepath.Base(files[0])
	lastTenth := -1
	res, err := importer.Run(ctx, svc, parsed, app.ImportBatch{Source: source, CreateProducts: *createProducts, DryRun: *dryRun,
		AllOrNothing: *allOrNothing},
		func(done, total int) {
			if tenth := done * 10 / max(total, 1); total >= 5000 && tenth != lastTenth {
				lastTenth = tenth
				fmt.Fprintf(stderr, "\r%d%% of %d orders", tenth*10, total)
				if done == total {
					fmt.Fprintln(stderr)
				}
			}
		})
	// Only a committed import (or a dry run) says what it imported; a
	// refused file lists its problems; any other failure saved nothing.
	var ie *app.ImportError
	switch {
	case errors.As(err, &ie):
		printImport(stdout, shop.Currency, parsed, res)
		return errProblems
	case err != nil:
		return fmt.Errorf("nothing imported: %w", err)
	}
	printImport(stdout, shop.Currency, parsed, res)
	if len(res.Rejected) == 0 {
		return nil
	}
	if !res.DryRun {
		n := 0
		err := saveOutputFrom(store, rejects, func(w io.Writer) error {
			var err error
			n, err = importer.WriteRejects(w, tables, parsed, res.Rejected)
			return err
		})
		if err != nil {
			return fmt.Errorf("the rejected orders could not be written: %w", err)
		}
		fmt.Fprintf(stdout, "The %d rejected orders (%d rows) are in %s: fix them there and import that file again; "+
			"the orders imported now will be skipped.\n", len(res.Rejected), n, rejects)
	}
	return errProblems
}

func isBuiltInPreset(name string) bool {
	for _, p := range importer.Presets() {
		if p == name {
			return true
		}
	}
	return false
}

func mappingOf(cols map[string]string) importer.Mapping {
	m := importer.Mapping{}
	for f, h := range cols {
		m[importer.Field(f)] = h
	}
	return m
}

// readMapFile reads {"order_id": "Invoice", "sku": "StockCode", …}.
func readMapFile(path string) (importer.Mapping, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cols map[string]string
	if err := json.Unmarshal(b, &cols); err != nil {
		return nil, fmt.Errorf("%s: not a JSON object of field → column header: %w", path, err)
	}
	known := map[importer.Field]bool{}
	for _, f := range importer.Fields() {
		known[f] = true
	}
	for f := range cols {
		if !known[importer.Field(f)] {
			return nil, fmt.Errorf("%s: %q is not a field; the fields are %v", path, f, importer.Fields())
		}
	}
	return mappingOf(cols), nil
}

// printImport writes what the import did, or why it did nothing.
func printImport(w io.Writer, cur app.Currency, parsed importer.Parsed, res app.ImportResult) {
	if len(res.Rejected) == 0 && (len(res.Problems) > 0 || len(res.Unknown) > 0) {
		fmt.Fprintf(w, "Nothing imported: %d problem(s), %d unknown product(s).\n", len(res.Problems), len(res.Unknown))
		for _, p := range res.Problems {
			fmt.Fprintf(w, "  %s: %s\n", problemPlace(p), p.Message)
		}
		for _, u := range res.Unknown {
			fmt.Fprintf(w, "  unknown product %s %q on rows %s\n", u.SKU, u.Name, joinRows(u.Rows))
		}
		if len(res.Unknown) > 0 {
			fmt.Fprintln(w, "  Add them in Products & stock, or import with --create-products.")
		}
		printWarnings(w, res.Warnings)
		return
	}
	verb := "Imported"
	if res.DryRun {
		verb = "Dry run, nothing saved: would import"
	}
	fmt.Fprintf(w, "%s %d orders with %d lines from %d rows; %d skipped as already imported.\n", verb, res.Orders, res.Lines,
		parsed.Rows, len(res.Skipped))
	fmt.Fprintf(w, "  sales %s, credits %s; %d new customers, %d new products\n", cur.Format(res.Sales), cur.Format(res.Credits),
		res.Customers, len(res.Products))
	if res.Confirmed+res.Flagged > 0 {
		fmt.Fprintf(w, "  %d confirmed by the review rules, %d wait in the review inbox\n", res.Confirmed, res.Flagged)
	}
	for i, p := range res.Preview {
		if i == 20 {
			fmt.Fprintf(w, "  … and %d more\n", res.Orders-20)
			break
		}
		amount, state := p.Payable, p.Status.Label()
		if p.Kind == app.KindCredit {
			amount, state = -amount, "credit note"
		}
		fmt.Fprintf(w, "  %-12s %-22s %-24s %3d lines %12s  %s\n", p.Number, p.PlatformOrderID, clip(p.Customer, 24), p.Lines,
			cur.Format(amount), state)
	}
	if len(res.Rejected) > 0 {
		verb := "Rejected"
		if res.DryRun {
			verb = "Would reject"
		}
		fmt.Fprintf(w, "%s %d orders:\n", verb, len(res.Rejected))
		for _, r := range res.Rejected {
			fmt.Fprintf(w, "  %s: %s\n", problemPlace(app.ImportProblem{Row: r.Row, Sheet: r.Sheet, Order: r.Order}),
				strings.Join(r.Reasons, "; "))
		}
		if len(res.Unknown) > 0 {
			fmt.Fprintln(w, "  Add the products in Products & stock, or import with --create-products.")
		}
	}
	printWarnings(w, res.Warnings)
}

// printWarnings lists what the import changed in the file's values.
func printWarnings(w io.Writer, warnings []app.ImportProblem) {
	if len(warnings) == 0 {
		return
	}
	fmt.Fprintf(w, "Changed on import: %d value(s).\n", len(warnings))
	for _, p := range warnings {
		fmt.Fprintf(w, "  %s: %s\n", problemPlace(p), p.Message)
	}
}

// problemPlace says where in the file a problem or warning is: "row 3
// (order #1001)", "Sheet1 row 3".
func problemPlace(p app.ImportProblem) string {
	where := fmt.Sprintf("row %d", p.Row)
	if p.Sheet != "" {
		where = p.Sheet + " " + where
	}
	if p.Order != "" {
		where += " (order " + p.Order + ")"
	}
	return where
}

func joinRows(rows []int) string {
	parts := make([]string, 0, min(len(rows), 10))
	for i, r := range rows {
		if i == 10 {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, fmt.Sprint(r))
	}
	return strings.Join(parts, ", ")
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
