package importer_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"orderdesk/app"
	"orderdesk/importer"
)

// parseDates parses a generic list of one order per date with options,
// and returns the dates read (by order id) or the error.
func parseDates(t *testing.T, opt importer.Options, dates ...string) (map[string]time.Time, error) {
	t.Helper()
	var b strings.Builder
	b.WriteString("order id,order date,sku,qty,price\n")
	for i, d := range dates {
		b.WriteString("D" + itoa(i+1) + ",\"" + d + "\",TEA-LJ-250,1,12\n")
	}
	tab, err := importer.ReadCSV("orders.csv", strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	opt.Currency, _ = app.LookupCurrency("CNY")
	opt.Location = time.UTC
	if opt.Preset == "" {
		opt.Preset = importer.PresetGeneric
	}
	parsed, err := importer.Parse([]importer.Table{tab}, opt)
	if err != nil {
		return nil, err
	}
	for _, p := range parsed.Problems {
		t.Errorf("row %d: %s", p.Row, p.Message)
	}
	out := map[string]time.Time{}
	for _, o := range parsed.Orders {
		out[o.PlatformOrderID] = o.OrderedAt
	}
	return out, nil
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// TestAmbiguousDates: a column whose every date has day and month both 12
// or below cannot be read without being told the order; one date that
// can only be one way decides for the column.
func TestAmbiguousDates(t *testing.T) {
	_, err := parseDates(t, importer.Options{}, "03/04/2024", "05/06/2024", "03/04/2024")
	var amb *importer.AmbiguousDatesError
	if !errors.As(err, &amb) || amb.Column != "order date" || strings.Join(amb.Examples, " ") != "03/04/2024 05/06/2024" || amb.Mixed ||
		!strings.Contains(err.Error(), "choose the date format") {
		t.Fatalf("all ambiguous: %v", err)
	}
	for _, c := range []struct {
		format string
		want   time.Time
	}{{"DD/MM/YYYY", day(2024, 4, 3)}, {"MM/DD/YYYY", day(2024, 3, 4)}, {"dd/mm/yyyy", day(2024, 4, 3)},
		{"D/M/YYYY", day(2024, 4, 3)}, {"02/01/2006", day(2024, 4, 3)}, {"01/02/2006", day(2024, 3, 4)}} {
		got, err := parseDates(t, importer.Options{DateFormat: c.format}, "03/04/2024", "05/06/2024")
		if err != nil || !got["D1"].Equal(c.want) {
			t.Errorf("format %s: %v %v, want %v", c.format, got["D1"], err, c.want)
		}
	}
	// One date past the 12th tells the order for all.
	got, err := parseDates(t, importer.Options{}, "03/04/2024", "13/04/2024")
	if err != nil || !got["D1"].Equal(day(2024, 4, 3)) || !got["D2"].Equal(day(2024, 4, 13)) {
		t.Errorf("day first: %v %v", got, err)
	}
	got, err = parseDates(t, importer.Options{}, "03/04/2024 10:15", "04/13/2024 9:05 PM")
	if err != nil || !got["D1"].Equal(time.Date(2024, 3, 4, 10, 15, 0, 0, time.UTC)) || !got["D2"].Equal(time.Date(2024, 4, 13, 21, 5, 0, 0, time.UTC)) {
		t.Errorf("month first: %v %v", got, err)
	}
	// Two-digit years, hyphens.
	got, err = parseDates(t, importer.Options{}, "04-30-22", "12/26/21", "1/2/22")
	if err != nil || !got["D1"].Equal(day(2022, 4, 30)) || !got["D2"].Equal(day(2021, 12, 26)) || !got["D3"].Equal(day(2022, 1, 2)) {
		t.Errorf("two-digit years: %v %v", got, err)
	}
	// Both ways in one column: no format reads it.
	_, err = parseDates(t, importer.Options{}, "13/04/2024", "04/13/2024")
	if !errors.As(err, &amb) || !amb.Mixed {
		t.Errorf("mixed: %v", err)
	}
	// Dots are day first, year-first dates are never in doubt.
	got, err = parseDates(t, importer.Options{}, "03.04.2024", "2024-05-06", "2024/5/7 08:00")
	if err != nil || !got["D1"].Equal(day(2024, 4, 3)) || !got["D2"].Equal(day(2024, 5, 6)) || got["D3"].Day() != 7 {
		t.Errorf("dots and ISO: %v %v", got, err)
	}
	// With a format, a date written otherwise is that row's problem.
	tab, _ := importer.ReadCSV("orders.csv", strings.NewReader("order id,order date,sku,qty\nD1,2024-04-03,TEA,1\nD2,3 April,TEA,1\n"))
	cny, _ := app.LookupCurrency("CNY")
	parsed, err := importer.Parse([]importer.Table{tab}, importer.Options{Preset: importer.PresetGeneric, Currency: cny, DateFormat: "DD/MM/YYYY"})
	if err != nil || len(parsed.Orders) != 1 || len(parsed.Problems) != 1 || !strings.Contains(parsed.Problems[0].Message, "in the format DD/MM/YYYY") {
		t.Errorf("a date not in the format: %v %+v", err, parsed.Problems)
	}
}

// TestDateFormats: the forms people write and Go layouts; anything else
// is refused before a row is read.
func TestDateFormats(t *testing.T) {
	for format, want := range map[string]string{"DD/MM/YYYY": "2/1/2006", "MM/DD/YY": "1/2/06", "YYYY-MM-DD": "2006-1-2",
		"DD.MM.YYYY HH:mm": "2.1.2006 15:04", "D MMM YYYY": "2 Jan 2006", "MMMM D, YYYY h:mm A": "January 2, 2006 3:04 PM",
		"dd/mm/yyyy": "2/1/2006", "2006-01-02": "2006-01-02"} {
		layouts, err := importer.DateLayouts(format)
		if err != nil || layouts[0] != want {
			t.Errorf("%q: %v %v, want %q", format, layouts, err, want)
		}
	}
	for _, bad := range []string{"", "nonsense", "DD/MM", "YYYY-MM", "DD/MM/YYYY!", "Q"} {
		var fe *importer.DateFormatError
		if _, err := importer.DateLayouts(bad); !errors.As(err, &fe) {
			t.Errorf("%q: %v", bad, err)
		}
	}
	if _, err := parseDates(t, importer.Options{DateFormat: "DD/MM"}, "03/04/2024"); err == nil {
		t.Error("a format without a year was taken")
	}
}

// TestDatesWithMonthNames: eBay's and other English reports' dates, and
// US zone names after a time.
func TestDatesWithMonthNames(t *testing.T) {
	got, err := parseDates(t, importer.Options{}, "Jan-08-2025", "08-Jan-25", "Jan 8, 2025", "Sep-30-26 23:45:00",
		"Jan-08-25 14:22:11 PST", "8 January 2025")
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]time.Time{"D1": day(2025, 1, 8), "D2": day(2025, 1, 8), "D3": day(2025, 1, 8),
		"D4": time.Date(2026, 9, 30, 23, 45, 0, 0, time.UTC), "D5": time.Date(2025, 1, 8, 22, 22, 11, 0, time.UTC),
		"D6": day(2025, 1, 8)} {
		if !got[id].Equal(want) {
			t.Errorf("%s: %v, want %v", id, got[id], want)
		}
	}
}

// TestEtsyDatesMonthFirst: Etsy writes month first; a file whose every
// date could be either is read so, without asking.
func TestEtsyDatesMonthFirst(t *testing.T) {
	text := "Sale Date,Item Name,Buyer,Quantity,Price,Item Total,Currency,Listing ID,Date Paid,Order ID\n" +
		"03/04/26,Tea tin,Jo (jo1),1,5.00,5.00,USD,11,03/04/2026,900\n"
	tab, _ := importer.ReadCSV("EtsySoldOrderItems2026.csv", strings.NewReader(text))
	usd, _ := app.LookupCurrency("USD")
	parsed, err := importer.Parse([]importer.Table{tab}, importer.Options{Currency: usd, Location: time.UTC})
	if err != nil || len(parsed.Orders) != 1 || !parsed.Orders[0].OrderedAt.Equal(day(2026, 3, 4)) || parsed.Channel != app.ChannelEtsy {
		t.Fatalf("%v %+v", err, parsed)
	}
	// Told otherwise, it reads so.
	parsed, err = importer.Parse([]importer.Table{tab}, importer.Options{Currency: usd, Location: time.UTC, DateFormat: "DD/MM/YY"})
	if err != nil || len(parsed.Orders) != 1 || !parsed.Orders[0].OrderedAt.Equal(day(2026, 4, 3)) {
		t.Fatalf("day first by the user's format: %v %+v", err, parsed.Problems)
	}
}

// TestOrderDateGiven: a file without an order date column takes the date
// the user gives for all its orders, and is refused without one.
func TestOrderDateGiven(t *testing.T) {
	tab, _ := importer.ReadCSV("orders.csv", strings.NewReader("order id,sku,qty,price\nA1,TEA-LJ-250,1,12\nA2,TEA-LJ-250,2,12\n"))
	cny, _ := app.LookupCurrency("CNY")
	if _, err := importer.Parse([]importer.Table{tab}, importer.Options{Preset: importer.PresetGeneric, Currency: cny}); !errors.Is(err, importer.ErrNoOrderDate) {
		t.Fatalf("no date: %v", err)
	}
	at := time.Date(2026, 11, 2, 0, 0, 0, 0, time.Local)
	parsed, err := importer.Parse([]importer.Table{tab}, importer.Options{Preset: importer.PresetGeneric, Currency: cny, Date: at})
	if err != nil || len(parsed.Orders) != 2 || !parsed.Orders[0].OrderedAt.Equal(at) || !parsed.Orders[1].OrderedAt.Equal(at) {
		t.Fatalf("dated by the user: %v %+v", err, parsed.Orders)
	}
}

// TestAmountsInCurrenciesWithoutCents: 1200.00 yen is 1200; 1200.50 yen
// is not an amount.
func TestAmountsInCurrenciesWithoutCents(t *testing.T) {
	tab, _ := importer.ReadCSV("orders.csv", strings.NewReader("order id,order date,sku,qty,price\n"+
		"J1,2026-11-02,TEA,1,1200.00\nJ2,2026-11-02,TEA,1,1200.50\nJ3,2026-11-02,TEA,1,\"1,980\"\n"))
	jpy, _ := app.LookupCurrency("JPY")
	parsed, err := importer.Parse([]importer.Table{tab}, importer.Options{Preset: importer.PresetGeneric, Currency: jpy})
	if err != nil || len(parsed.Orders) != 2 || len(parsed.Problems) != 1 || parsed.Problems[0].Row != 3 {
		t.Fatalf("%v %+v", err, parsed.Problems)
	}
	if parsed.Orders[0].Lines[0].UnitPrice != 1200 || parsed.Orders[1].Lines[0].UnitPrice != 1980 {
		t.Errorf("prices %d and %d", parsed.Orders[0].Lines[0].UnitPrice, parsed.Orders[1].Lines[0].UnitPrice)
	}
}
