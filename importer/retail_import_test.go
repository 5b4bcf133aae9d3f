package importer_test

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"orderdesk/app"
	"orderdesk/data"
	"orderdesk/importer"
)

const retailDir = "../../shared/data/online-retail-ii"

// monthFigures is what a month of the UK gift shop's data says.
type monthFigures struct {
	Orders, CreditNotes, Lines int
	Sales, Credits             app.Money // pence; credits as a positive amount
}

// figuresFromCSV works the months out straight from the CSV, without
// the importer: an invoice counts in the month of its first line, and
// money is summed in whole pence.
func figuresFromCSV(t *testing.T) map[string]*monthFigures {
	t.Helper()
	f, err := os.Open(filepath.Join(retailDir, "online_retail_II_combined.csv"))
	if err != nil {
		t.Skip("the real order lines are not here:", err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	firstDate := map[string]string{}
	for _, r := range records[1:] {
		if d, ok := firstDate[r[0]]; !ok || r[4] < d {
			firstDate[r[0]] = r[4]
		}
	}
	months := map[string]*monthFigures{}
	seen := map[string]bool{}
	for _, r := range records[1:] {
		invoice, month := r[0], firstDate[r[0]][:7]
		m := months[month]
		if m == nil {
			m = &monthFigures{}
			months[month] = m
		}
		credit := strings.HasPrefix(invoice, "C")
		if !seen[invoice] {
			seen[invoice] = true
			if credit {
				m.CreditNotes++
			} else {
				m.Orders++
			}
		}
		m.Lines++
		qty, err := strconv.ParseInt(r[3], 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		pence := penceOf(t, r[5])
		if credit {
			m.Credits += app.Money(-qty * pence)
		} else {
			m.Sales += app.Money(qty * pence)
		}
	}
	return months
}

func penceOf(t *testing.T, price string) int64 {
	whole, frac, _ := strings.Cut(price, ".")
	frac = (frac + "00")[:2]
	w, err1 := strconv.ParseInt(whole, 10, 64)
	f, err2 := strconv.ParseInt(frac, 10, 64)
	if err1 != nil || err2 != nil {
		t.Fatalf("price %q", price)
	}
	return w*100 + f
}

// importRetail imports one of the real files into a new GBP shop.
func importRetail(t *testing.T, file string) (*app.Service, app.ImportResult) {
	t.Helper()
	ctx := app.WithActor(context.Background(), app.Actor{Name: "tester", Role: app.RoleOwner})
	store, err := data.Open(ctx, filepath.Join(t.TempDir(), "retail.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	svc := app.NewService(store)
	gbp, _ := app.LookupCurrency("GBP")
	if err := svc.SaveShop(ctx, app.Shop{Name: "Gift shop", Currency: gbp, Country: "GB"}); err != nil {
		t.Fatal(err)
	}
	tables, err := importer.ReadFile(filepath.Join(retailDir, file))
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := importer.Parse(tables, importer.Options{Preset: importer.PresetGeneric, Currency: gbp, Location: time.Local})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res, err := importer.Run(ctx, svc, parsed, app.ImportBatch{Source: file, CreateProducts: true}, nil)
	if err != nil {
		t.Fatalf("%s: %v; problems %+v", file, err, res.Problems[:min(5, len(res.Problems))])
	}
	t.Logf("%s: %d orders, %d lines, %d skipped, %d products in %v", file, res.Orders, res.Lines, len(res.Skipped),
		len(res.Products), time.Since(start))
	return svc, res
}

// TestRealRetailData: both the CSV and the two-sheet workbook give, for
// every month, the orders, lines, sales, credits and net the data says.
func TestRealRetailData(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 34,000 real order lines")
	}
	want := figuresFromCSV(t)
	for _, file := range []string{"online_retail_II_combined.csv", "online_retail_II.xlsx"} {
		t.Run(file, func(t *testing.T) {
			svc, res := importRetail(t, file)
			if file == "online_retail_II.xlsx" && len(res.Skipped) == 0 {
				t.Error("the sheets' overlap was not noticed")
			}
			ctx := context.Background()
			for month, w := range want {
				from, err := time.ParseInLocation("2006-01", month, time.Local)
				if err != nil {
					t.Fatal(err)
				}
				got, err := svc.SalesSummary(ctx, from, from.AddDate(0, 1, 0))
				if err != nil {
					t.Fatal(err)
				}
				if got.Orders != w.Orders || got.CreditNotes != w.CreditNotes || got.Lines != w.Lines ||
					got.Sales != w.Sales || got.Credits != w.Credits || got.Net() != w.Sales-w.Credits {
					t.Errorf("%s: program says orders %d, credit notes %d, lines %d, sales %d, credits %d, net %d; the data %+v",
						month, got.Orders, got.CreditNotes, got.Lines, got.Sales, got.Credits, got.Net(), *w)
				}
			}
		})
	}
}
