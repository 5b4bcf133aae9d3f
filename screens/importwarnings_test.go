package screens

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// TestImportPreviewListsWarnings: what the import changes in the file's
// values (a hidden text-direction character taken out of a name) shows in
// the preview's figures and on the Warnings tab, and does not stop the
// import; the tab is Problems again for a file with problems.
func TestImportPreviewListsWarnings(t *testing.T) {
	ctx, svc, imp := importScreen(t)
	dir := t.TempDir()
	when := time.Now().AddDate(0, 0, -2).Format("2006-01-02 15:04")
	file := filepath.Join(dir, "own.csv")
	if err := os.WriteFile(file, []byte("order id,sku,qty,price,date,customer,phone\n"+
		"W-1,TEA-LJ-250,1,12,"+when+",Wang \u202eFang,13800138011\n"+
		"W-2,TEA-LJ-250,2,12,"+when+",Li Na,13800138012\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	imp.SetFiles(file)
	if imp.preset.Selected != "Generic" {
		t.Fatalf("preset %q", imp.preset.Selected)
	}
	test.Tap(imp.newOrders)
	test.Tap(imp.previewBtn)
	check := func(when string) {
		t.Helper()
		if !strings.Contains(imp.figures.Text, "Changed on import: 2 values had hidden characters taken out (see Warnings)") ||
			imp.problemsTab.Text != "Warnings" {
			t.Fatalf("%s: figures %q, tab %q", when, imp.figures.Text, imp.problemsTab.Text)
		}
		shown := strings.Join(imp.problems, "\n")
		for _, want := range []string{"Changed on import · Row 2 · order W-1: removed a hidden text-direction character from the customer name",
			"Changed on import · Row 2 · order W-1: removed a hidden text-direction character from the recipient's name"} {
			if !strings.Contains(shown, want) {
				t.Fatalf("%s: the list lacks %q:\n%s", when, want, shown)
			}
		}
	}
	check("preview")
	if imp.importBtn.Disabled() {
		t.Fatalf("warnings stop the import: %q", imp.message.Text)
	}
	test.Tap(imp.importBtn)
	check("import")
	if n := orderCount(t, ctx, svc); n != 2 {
		t.Fatalf("%d orders imported, want 2", n)
	}

	imp.SetFiles(importData + "shopify_orders_bad_row.csv")
	imp.preset.SetSelected("Shopify")
	test.Tap(imp.previewBtn)
	if imp.problemsTab.Text != "Problems" || len(imp.problems) == 0 {
		t.Fatalf("tab %q with %q", imp.problemsTab.Text, imp.problems)
	}
}
