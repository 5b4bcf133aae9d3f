package importer_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"orderdesk/app"
	"orderdesk/reports"
)

// summaryFigures reads the Summary sheet's label → raw value pairs.
func summaryFigures(t *testing.T, f *excelize.File) map[string]string {
	t.Helper()
	rows, err := f.GetRows(f.GetSheetName(0), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range rows {
		if len(r) >= 2 && r[0] != "" {
			out[r[0]] = r[1]
		}
	}
	return out
}

// pence reads a money cell's raw value (major units) as minor units.
func pence(t *testing.T, raw string) app.Money {
	t.Helper()
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		t.Fatalf("money cell %q: %v", raw, err)
	}
	if v < 0 {
		return app.Money(v*100 - 0.5)
	}
	return app.Money(v*100 + 0.5)
}

// TestRealRetailWorkbooks: each month's workbook of the imported UK gift
// shop says what the data says: orders, lines, gross sales, credits, net,
// on the Summary and as the Order lines sheet's rows.
func TestRealRetailWorkbooks(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 34,000 real order lines")
	}
	want := figuresFromCSV(t)
	svc, _ := importRetail(t, "online_retail_II_combined.csv")
	ctx := context.Background()
	months := make([]string, 0, len(want))
	for m := range want {
		months = append(months, m)
	}
	for _, month := range months {
		w := want[month]
		from, _ := time.ParseInLocation("2006-01", month, time.Local)
		var buf bytes.Buffer
		if err := reports.WriteMonthly(ctx, svc, &buf, reports.MonthlyOptions{Lang: reports.LangEnglish, From: from,
			To: from.AddDate(0, 1, 0), Now: time.Now()}, nil); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		fig := summaryFigures(t, f)
		got := monthFigures{Sales: pence(t, fig["Gross sales"]), Credits: pence(t, fig["Credits issued"])}
		got.Orders, _ = strconv.Atoi(fig["Sales orders (not drafts, not cancelled)"])
		got.CreditNotes, _ = strconv.Atoi(fig["Credit notes"])
		got.Lines, _ = strconv.Atoi(fig["Order lines"])
		if got != *w || pence(t, fig["Net sales (gross − credits)"]) != w.Sales-w.Credits {
			t.Errorf("%s: the workbook says %+v (net %s), the data %+v", month, got, fig["Net sales (gross − credits)"], *w)
		}
		// The Order lines sheet holds every line: header, lines, totals.
		rows, err := f.GetRows("Order lines", excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		var lines int
		var net app.Money
		for _, r := range rows {
			if len(r) >= 12 && strings.Contains(r[0], "-") && r[0] != "Total" {
				if _, err := strconv.ParseFloat(r[11], 64); err == nil {
					lines++
					net += pence(t, r[11])
				}
			}
		}
		if lines != w.Lines || net != w.Sales-w.Credits {
			t.Errorf("%s: Order lines sheet has %d lines summing to %d, the data %d lines, net %d", month, lines, net, w.Lines,
				w.Sales-w.Credits)
		}
		f.Close()
	}
}
