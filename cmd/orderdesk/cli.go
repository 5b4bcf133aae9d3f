package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"

	"orderdesk/app"
	"orderdesk/app/sample"
	"orderdesk/data"
)

const usage = `Usage:
  orderdesk [--db FILE]                        open the order desk window
  orderdesk demo --db FILE [--orders N]        create the sample shop in a new database
  orderdesk init --db FILE --currency CODE [--name NAME] [--country CC]
                                               create an empty shop in a new database
  orderdesk import orders --db FILE [--preset auto|shopify|woocommerce|etsy|amazon|ebay|taobao|generic|NAME]
                 [--dry-run] [--create-products] [--all-or-nothing] [--rejects FILE] [--date-format DD/MM/YYYY]
                 [--date YYYY-MM-DD] [--map MAP.json] [--channel C] [--new] FILE [SECOND-FILE]
                                               import a platform's order export (CSV or XLSX); bad orders
                                               go to a rejects file to fix and import again
  orderdesk doc confirmation --db FILE --order NUMBER -o FILE.pdf [--lang en|zh] [--paper A4|Letter]
                                               write an order's confirmation letter
  orderdesk doc picklist --db FILE (--order NUMBER | --all-allocated) [--by-sku] -o FILE.pdf
                                               write pick lists; the orders move to picking
  orderdesk doc packing-slip --db FILE (--order NUMBER | --all-packed) [--prices] -o FILE.pdf
  orderdesk doc label --db FILE (--order NUMBER | --all-packed) [--format pdf|zpl] [--dpi 203|300] -o FILE
                                               write packing slips or 100×150 mm shipping labels (ZPL: for a
                                               thermal printer)
  orderdesk doc shipping-list --db FILE [--day YYYY-MM-DD] -o FILE.pdf
                                               write the day's shipments per carrier, for the drivers
  orderdesk doc rma --db FILE --case NUMBER -o FILE.pdf [--lang en|zh] [--paper A4|Letter]
                                               write an after-sales case's return authorisation
  orderdesk doc product-labels --db FILE (--sku SKU[,SKU…] [--copies N] | --received DATE)
                 [--sheet 3x8|3x7|zpl] [--dpi 203|300] -o FILE
                                               write products' barcode labels (--received: a label a unit that
                                               arrived that day) on A4 label sheets or as 50×25 mm ZPL labels
  orderdesk doc bin-labels --db FILE [--warehouse CODE] [--sheet 3x8|3x7|zpl] [--dpi 203|300] -o FILE
                                               write a label for every bin of the warehouse
  orderdesk report monthly --db FILE (--month YYYY-MM | --from DATE --to DATE) -o FILE.xlsx [--lang en|zh]
                                               write the monthly Excel workbook
  orderdesk export shipments --db FILE --preset shopify|amazon|ebay|etsy|woocommerce|taobao|generic
                 [--from DATE --to DATE] [--again] -o FILE
                                               write the parcels' tracking numbers in the platform's bulk-upload
                                               file, each parcel once (--again: those written before too);
                                               Etsy has no bulk upload: its file is a list to type from
  orderdesk check --db FILE                    check the database; exit 1 on any problem
  orderdesk backup --db FILE [-o FILE]         copy the database, safely even while the window has it open
                                               (without -o: into the backups folder beside it)
  orderdesk restore --db FILE FROM             replace the database with a verified backup, keeping it as
                                               it was in the backups folder first; close the window first

Without --db the window opens the shop in your data folder:
  %s
`

// run dispatches a command line and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx = app.WithActor(ctx, app.Actor{Name: currentUser(), Role: app.RoleOwner})
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, rest := args[0], args[1:]
		var err error
		switch cmd {
		case "demo":
			err = runDemo(ctx, rest, stdout, stderr)
		case "init":
			err = runInit(ctx, rest, stdout, stderr)
		case "import":
			err = runImport(ctx, rest, stdout, stderr)
		case "doc":
			err = runDoc(ctx, rest, stdout, stderr)
		case "report":
			err = runReport(ctx, rest, stdout, stderr)
		case "export":
			err = runExport(ctx, rest, stdout, stderr)
		case "check":
			err = runCheck(ctx, rest, stdout)
		case "backup":
			err = runBackup(ctx, rest, stdout, stderr)
		case "restore":
			err = runRestore(ctx, rest, stdout, stderr)
		case "help":
			fmt.Fprintf(stdout, usage, defaultDBPath())
			return 0
		default:
			fmt.Fprintf(stderr, "orderdesk: unknown command %q\n\n"+usage, cmd, defaultDBPath())
			return 2
		}
		return exitCode(err, stderr)
	}
	fs := flag.NewFlagSet("orderdesk", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "the shop's database file")
	fs.Usage = func() { fmt.Fprintf(stderr, usage, defaultDBPath()) }
	if err := fs.Parse(args); err != nil {
		return 2
	}
	// Without --db the window chooses: the shop opened last, the one in
	// the data folder, or the first-start screen.
	return exitCode(runGUI(ctx, *db), stderr)
}

// errProblems means check found something; the details are printed.
var errProblems = errors.New("the check found problems")

func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintln(stderr, "orderdesk:", err)
		return 2
	case errors.Is(err, errProblems):
		return 1
	}
	fmt.Fprintln(stderr, "orderdesk:", err)
	return 1
}

var errUsage = errors.New("usage")

// flagSet is a command's flags and where -h lists them.
type flagSet struct {
	*flag.FlagSet
	help io.Writer
}

// newFlags is a command's flags. Parsing errors are not printed by the
// flag package but returned, so they are said once, with exit code 2.
func newFlags(name string, help io.Writer) *flagSet {
	fs := flag.NewFlagSet("orderdesk "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flagSet{FlagSet: fs, help: help}
}

// parseMixed parses flags that may come before or after the positional
// arguments ("restore FROM --db FILE" as well as "restore --db FILE
// FROM"), and returns the positional ones. A bad flag is a usage error;
// -h lists the flags.
func parseMixed(fs *flagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprintf(fs.help, "Flags of %s:\n", fs.Name())
				fs.SetOutput(fs.help)
				fs.PrintDefaults()
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v; see orderdesk help", errUsage, err)
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// parseFlags parses a command that takes flags only.
func parseFlags(fs *flagSet, args []string) error {
	rest, err := parseMixed(fs, args)
	if err == nil && len(rest) > 0 {
		err = fmt.Errorf("%w: %s takes no %q; see orderdesk help", errUsage, fs.Name(), rest[0])
	}
	return err
}

// runDemo writes the sample shop into a new database file.
func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("demo", stderr)
	db := fs.String("db", "", "the database file to create")
	orders := fs.Int("orders", 300, "how many orders")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *db == "" {
		return fmt.Errorf("%w: demo needs --db FILE", errUsage)
	}
	if *orders < 1 || *orders > 2_000_000 {
		return fmt.Errorf("%w: --orders must be between 1 and 2000000", errUsage)
	}
	if info, err := os.Stat(*db); err == nil && info.Size() > 0 {
		return fmt.Errorf("%s already exists; the sample shop goes into a new file", *db)
	}
	store, err := data.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	lastTenth := -1
	sum, err := sample.Generate(ctx, store, sample.Options{Orders: *orders, Progress: func(done, total int) {
		if tenth := done * 10 / total; total >= 2000 && tenth != lastTenth {
			lastTenth = tenth
			fmt.Fprintf(stderr, "\r%d%% of %d orders", tenth*10, total)
			if done == total {
				fmt.Fprintln(stderr)
			}
		}
	}})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Sample shop written to %s:\n  %d warehouses with %d bins, %d products, %d customers, %d orders\n",
		store.Path(), sum.Warehouses, sum.Bins, sum.Products, sum.Customers, sum.Orders)
	for _, s := range app.Statuses() {
		if n := sum.ByStatus[s]; n > 0 {
			fmt.Fprintf(stdout, "  %-15s %d\n", s.Label(), n)
		}
	}
	return nil
}

// runCheck runs the integrity check and the shop's invariants. It only
// reads: the file is opened read-only, works while the window has it
// open and on a read-only disk, and is never given a schema.
func runCheck(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("check", stdout)
	db := fs.String("db", "", "the database file to check")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *db == "" {
		return fmt.Errorf("%w: check needs --db FILE", errUsage)
	}
	store, svc, ctx, err := openShopForReading(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := svc.Permitted(ctx, app.PermBackup); err != nil {
		return err
	}
	problems, err := store.Check(ctx)
	if err != nil {
		return err
	}
	n, err := svc.CountOrders(ctx)
	if err != nil {
		return err
	}
	if len(problems) == 0 {
		orders := fmt.Sprintf("%d orders", n)
		if n == 1 {
			orders = "1 order"
		}
		fmt.Fprintf(stdout, "%s: %s; integrity, stock ledger, totals, payments, history and its chain, gaps, reasons, reservations, shipments and search index all check out\n", store.Path(), orders)
		return nil
	}
	slices.SortStableFunc(problems, func(a, b data.Problem) int { return strings.Compare(a.Check, b.Check) })
	fmt.Fprintf(stdout, "%s: %d problems found\n", store.Path(), len(problems))
	for _, p := range problems {
		fmt.Fprintln(stdout, "  "+p.String())
	}
	return errProblems
}

// openShop opens an existing shop's database for a command that changes
// it, and returns the context acting as whoever signed in when the shop
// has accounts.
func openShop(ctx context.Context, path string) (*data.Store, *app.Service, context.Context, error) {
	if err := shopExists(path); err != nil {
		return nil, nil, ctx, err
	}
	store, err := data.Open(ctx, path)
	if err != nil {
		return nil, nil, ctx, explainOpen(path, err)
	}
	return signInTo(ctx, store)
}

// openShopForReading opens an existing shop for a command that only
// reads it (documents, reports, check, backup): without the lock, so it
// works beside the open window, and on a read-only file.
func openShopForReading(ctx context.Context, path string) (*data.Store, *app.Service, context.Context, error) {
	if err := shopExists(path); err != nil {
		return nil, nil, ctx, err
	}
	store, err := data.OpenForReading(ctx, path)
	if err != nil {
		return nil, nil, ctx, explainOpen(path, err)
	}
	return signInTo(ctx, store)
}

func shopExists(path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("%s: no such database file; create one with orderdesk init or orderdesk demo", path)
	}
	return nil
}

func signInTo(ctx context.Context, store *data.Store) (*data.Store, *app.Service, context.Context, error) {
	svc := newService(store)
	ctx, err := signedIn(ctx, svc)
	if err != nil {
		_ = store.Close()
		return nil, nil, ctx, err
	}
	return store, svc, ctx, nil
}

// newService is the shop's services over a store, with bcrypt for the
// accounts' passwords.
func newService(store app.Store) *app.Service {
	return app.NewService(store).WithPasswords(data.Bcrypt{})
}

// signedIn returns ctx acting as the person ORDERDESK_USER and
// ORDERDESK_PASSWORD name when the shop has personal accounts, so
// a command has no more rights than its user has in the window. Without
// accounts a command acts as the owner, as the window does.
func signedIn(ctx context.Context, svc *app.Service) (context.Context, error) {
	accounts, err := svc.AccountSettings(ctx)
	if err != nil || !accounts.On {
		return ctx, err
	}
	login := os.Getenv("ORDERDESK_USER")
	if login == "" {
		return ctx, errors.New("this shop has personal accounts: set ORDERDESK_USER and ORDERDESK_PASSWORD to sign in")
	}
	u, err := svc.SignIn(ctx, login, os.Getenv("ORDERDESK_PASSWORD"))
	if err != nil {
		return ctx, fmt.Errorf("signing in as %s: %w", login, err)
	}
	if u.MustChangePassword {
		return ctx, fmt.Errorf("%s must choose a new password first: sign in once in the window", u.Login)
	}
	return app.WithActor(ctx, u.Actor()), nil
}
