package screens

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"
)

// TestReportsExportWritesTheWorkbook exports the shown month and reads the
// file back: every sheet is there, and the window says where it went.
func TestReportsExportWritesTheWorkbook(t *testing.T) {
	ctx, svc := sampleShop(t)
	r, w := openReports(t, ctx, svc)
	path := filepath.Join(t.TempDir(), "month.xlsx")
	r.Export(path)
	if r.exported != path || !strings.Contains(r.exportNote.Text, path) || r.export.Disabled() {
		t.Fatalf("after export: file %q, note %q, button disabled %v", r.exported, r.exportNote.Text, r.export.Disabled())
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := strings.Join(f.GetSheetList(), ", ")
	for _, want := range []string{"Summary", "Orders", "Order lines", "Sales by day", "Sales by channel", "Sales by product",
		"Sales by customer", "Order execution", "Returns", "Complaints", "Stock and movements", "Receivables ageing"} {
		if !strings.Contains(sheets, want) {
			t.Errorf("the workbook lacks %q: %s", want, sheets)
		}
	}
	rows, err := f.GetRows("Orders")
	if err != nil || len(rows) < 3 {
		t.Fatalf("Orders sheet: %v, %d rows", err, len(rows))
	}
	if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(texts(top), "month.xlsx") {
		t.Fatal("no offer to open the saved workbook")
	}
}

// TestReportsDateRange shows a typed range instead of the month, and
// refuses a range that ends before it starts.
func TestReportsDateRange(t *testing.T) {
	ctx, svc := sampleShop(t)
	r, w := openReports(t, ctx, svc)
	first := r.month.AddDate(0, -1, 10)
	last := r.month.AddDate(0, 0, 4)
	test.Type(r.fromEntry, first.Format("2006-01-02"))
	test.Type(r.toEntry, last.Format("2006-01-02"))
	test.Tap(findButton(t, w, "Show range"))
	want := first.Format("2006-01-02") + " – " + last.Format("2006-01-02")
	if r.title.Text != want {
		t.Fatalf("title %q, want %q", r.title.Text, want)
	}
	from, to := r.period()
	if !from.Equal(first) || !to.Equal(last.AddDate(0, 0, 1)) {
		t.Fatalf("period %v – %v", from, to)
	}
	r.toEntry.SetText(first.AddDate(0, 0, -1).Format("2006-01-02"))
	test.Tap(findButton(t, w, "Show range"))
	if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(texts(top), "the first not after the last") {
		t.Fatal("a backwards range was not refused")
	}
}
