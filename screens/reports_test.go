package screens

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"
)

// TestReportsExportWritesTheWorkbook exports the shown month and reads the
// file back: every sheet is there, and the window says where it went.
func TestReportsExportWritesTheWorkbook(t *testing.T) {
	ctx, svc := sampleShop(t)
	w := test.NewWindow(nil)
	defer w.Close()
	r := NewReportsScreen(ctx, svc, w)
	r.background = func(f func()) { f() }
	w.SetContent(r.Content())
	w.Resize(fyne.NewSize(1000, 700))
	if err := r.Update(ctx); err != nil {
		t.Fatal(err)
	}
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
