package importer

import (
	"os"
	"strings"
	"testing"
	"time"
)

// The Online Retail II data set: the same real order lines once as the
// published two-sheet workbook and once as one CSV. Reading both must give
// the same text, cell for cell.
const (
	retailXLSX = "/work/shared/data/online-retail-ii/online_retail_II.xlsx"
	retailCSV  = "/work/shared/data/online-retail-ii/online_retail_II_combined.csv"
)

func TestOnlineRetailWorkbookMatchesCSV(t *testing.T) {
	for _, p := range []string{retailXLSX, retailCSV} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("real data not on this machine: %v", err)
		}
	}
	start := time.Now()
	sheets, err := ReadFile(retailXLSX)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("reading the workbook took %v", time.Since(start).Round(time.Millisecond))
	start = time.Now()
	csvTables, err := ReadFile(retailCSV)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("reading the CSV took %v", time.Since(start).Round(time.Millisecond))

	if len(sheets) != 2 || sheets[0].Name != "Year 2009-2010" || sheets[1].Name != "Year 2010-2011" {
		t.Fatalf("sheets = %v, want the two yearly sheets", tableNames(sheets))
	}
	combined := csvTables[0]
	if len(combined.Rows) != 34325 {
		t.Fatalf("CSV has %d lines, want 34325", len(combined.Rows))
	}
	wantHeader := "Invoice|StockCode|Description|Quantity|InvoiceDate|Price|Customer ID|Country"
	for _, tab := range append(sheets, combined) {
		if got := strings.Join(tab.Header, "|"); got != wantHeader {
			t.Fatalf("%s header = %q, want %q", tab.Name, got, wantHeader)
		}
	}

	// Invoices of 2010-12-01..09 are in both sheets; they must be the same
	// lines in each, and count once.
	date := sheets[0].Column("InvoiceDate")
	inOverlap := func(r Row) bool {
		day := r.Cells[date][:10]
		return day >= "2010-12-01" && day <= "2010-12-09"
	}
	firstOverlap, secondOverlap := map[string]int{}, map[string]int{}
	lines := map[string]int{}
	overlap := 0
	for _, r := range sheets[0].Rows {
		lines[rowText(r)]++
		if inOverlap(r) {
			firstOverlap[rowText(r)]++
		}
	}
	for _, r := range sheets[1].Rows {
		if inOverlap(r) {
			secondOverlap[rowText(r)]++
			overlap++
			continue
		}
		lines[rowText(r)]++
	}
	if overlap == 0 || !sameCounts(firstOverlap, secondOverlap) {
		t.Fatalf("overlap of %d lines differs between the sheets", overlap)
	}
	if got := len(sheets[0].Rows) + len(sheets[1].Rows) - overlap; got != len(combined.Rows) {
		t.Fatalf("sheets hold %d + %d − %d overlapping = %d lines, CSV %d",
			len(sheets[0].Rows), len(sheets[1].Rows), overlap, got, len(combined.Rows))
	}

	csvLines := map[string]int{}
	for _, r := range combined.Rows {
		csvLines[rowText(r)]++
	}
	if !sameCounts(lines, csvLines) {
		shown := 0
		for text, n := range lines {
			if csvLines[text] != n && shown < 5 {
				t.Errorf("workbook has %d× %q, CSV %d×", n, text, csvLines[text])
				shown++
			}
		}
		for text, n := range csvLines {
			if lines[text] != n && shown < 10 {
				t.Errorf("CSV has %d× %q, workbook %d×", n, text, lines[text])
				shown++
			}
		}
		t.FailNow()
	}

	// Spot checks of what the numeric and date cells read as.
	first := sheets[0].Rows[0]
	if got := strings.Join(first.Cells, "|"); got != "490397|21844|RETRO SPOT MUG|6|2009-12-06 10:30:00|2.95|12417|Belgium" {
		t.Errorf("first line = %q", got)
	}
	if first.Line != 2 {
		t.Errorf("first line's row = %d, want 2", first.Line)
	}
	second := sheets[1].Rows[1]
	if got := second.Cells[5]; got != "9.95" {
		t.Errorf("price stored as 9.9499999999999993 reads %q, want 9.95", got)
	}
}

func BenchmarkReadOnlineRetailWorkbook(b *testing.B) {
	if _, err := os.Stat(retailXLSX); err != nil {
		b.Skip(err)
	}
	for b.Loop() {
		if _, err := ReadFile(retailXLSX); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadOnlineRetailCSV(b *testing.B) {
	if _, err := os.Stat(retailCSV); err != nil {
		b.Skip(err)
	}
	for b.Loop() {
		if _, err := ReadFile(retailCSV); err != nil {
			b.Fatal(err)
		}
	}
}

func rowText(r Row) string { return strings.Join(r.Cells, "\x1f") }

func sameCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, n := range a {
		if b[k] != n {
			return false
		}
	}
	return true
}

func tableNames(tables []Table) []string {
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = t.Name
	}
	return names
}
