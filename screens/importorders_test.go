package screens

import (
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/data"
	"orderdesk/importer"
)

const importData = "../importer/testdata/"

// importShop is an empty tea shop that sells what the sample exports
// order, but for the new mug in the Shopify file.
func importShop(t *testing.T) (context.Context, *app.Service) {
	t.Helper()
	newTestApp(t)
	LoadTranslations("en")
	ctx := app.WithActor(context.Background(), app.Actor{Name: "tester", Role: app.RoleOwner})
	store, err := data.Open(ctx, filepath.Join(t.TempDir(), "import.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	svc := app.NewService(store)
	cny, _ := app.LookupCurrency("CNY")
	if err := svc.SaveShop(ctx, app.Shop{Name: "West Lake Tea", Currency: cny, Country: "CN"}); err != nil {
		t.Fatal(err)
	}
	for _, sku := range []string{"TEA-LJ-250", "CUP-BC-6", "TEA-DHP-200", "TEA-JSM-250", "ACC-STRN", "POT-ZS-300",
		"TEA-GIFT-4", "GIFT-BAG", "TEA-QM-250", "TEA-BLC-250", "CUP-QH-2"} {
		p := &app.Product{SKU: sku, Name: "茶 " + sku, Unit: "pcs", Price: 10000, Active: true}
		if err := svc.SaveProduct(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	return ctx, svc
}

// importScreen is the Import orders window over the import shop, with
// its background work run inline.
func importScreen(t *testing.T) (context.Context, *app.Service, *ImportOrders) {
	t.Helper()
	ctx, svc := importShop(t)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	imp := NewImportOrders(ctx, svc, w)
	imp.background = func(f func()) { f() }
	w.SetContent(imp.Content())
	w.Resize(fyne.NewSize(1040, 760))
	if err := imp.Update(ctx); err != nil {
		t.Fatal(err)
	}
	return ctx, svc, imp
}

func orderCount(t *testing.T, ctx context.Context, svc *app.Service) int64 {
	t.Helper()
	n, err := svc.CountOrders(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func previewCell(imp *ImportOrders, row, col int) string {
	cell := imp.previewTable.CreateCell()
	imp.previewTable.UpdateCell(widget.TableCellID{Row: row, Col: col}, cell)
	return cell.(*widget.Label).Text
}

// TestImportShopifyPreviewThenImport walks the whole window: file, preset,
// a preview that finds an unknown product, "Create products", a clean
// preview, the import, Close, and the same file again.
func TestImportShopifyPreviewThenImport(t *testing.T) {
	ctx, svc, imp := importScreen(t)
	done := 0
	imp.onDone = func() { done++ }

	imp.SetFiles(importData + "shopify_orders.csv")
	if got := imp.fileInfo.Text; got != "shopify_orders.csv: 10 rows" {
		t.Fatalf("file line says %q", got)
	}
	imp.preset.SetSelected("Shopify")
	if imp.previewBtn.Disabled() || !imp.importBtn.Disabled() {
		t.Fatal("after reading, Preview should be on and Import off")
	}

	// The shop has every product but the new mug: its order is left out,
	// the others can be imported.
	test.Tap(imp.previewBtn)
	if len(imp.unknown) != 1 || imp.unknown[0].SKU != "NEW-MUG-01" || len(imp.problems) != 1 ||
		!strings.Contains(imp.problems[0], "order 1002: product NEW-MUG-01 is not in the shop") {
		t.Fatalf("unknown %+v, problems %q", imp.unknown, imp.problems)
	}
	if !strings.Contains(imp.unknownHint.Text, "Create products the shop does not know") || imp.importBtn.Disabled() {
		t.Fatalf("hint %q, import disabled %v", imp.unknownHint.Text, imp.importBtn.Disabled())
	}
	if imp.problemsTab.Text != "Rejected (1)" || !strings.Contains(imp.message.Text, "5 orders can be imported; bad orders to leave out: 1") {
		t.Fatalf("the rejected order is not shown: tab %q, %q", imp.problemsTab.Text, imp.message.Text)
	}

	test.Tap(imp.create)
	test.Tap(imp.previewBtn)
	if len(imp.problems) != 0 || len(imp.unknown) != 0 {
		t.Fatalf("clean file shows problems %q, unknown %+v", imp.problems, imp.unknown)
	}
	for _, want := range []string{"Orders: 6 · lines: 10 · rows read: 10", "products to create: 1", "skipped (already imported): 0"} {
		if !strings.Contains(imp.figures.Text, want) {
			t.Fatalf("preview figures lack %q:\n%s", want, imp.figures.Text)
		}
	}
	if !strings.Contains(imp.message.Text, "No problems found: 6 orders") || imp.importBtn.Disabled() {
		t.Fatalf("after a clean preview: %q, import disabled %v", imp.message.Text, imp.importBtn.Disabled())
	}
	if len(imp.preview) != 6 || previewCell(imp, 0, 0) != "1001" || previewCell(imp, 0, 1) == "" ||
		previewCell(imp, 0, 4) != "¥424.00" || previewCell(imp, 0, 5) != "Shipped" {
		t.Fatalf("preview row 1: %q %q %q %q", previewCell(imp, 0, 0), previewCell(imp, 0, 1), previewCell(imp, 0, 4),
			previewCell(imp, 0, 5))
	}
	before := orderCount(t, ctx, svc)
	if before != 0 {
		t.Fatalf("the preview saved something: %d orders", before)
	}

	// Changing a choice asks for a new preview.
	test.Tap(imp.create)
	if !imp.importBtn.Disabled() {
		t.Fatal("Import stays on after the choices changed")
	}
	test.Tap(imp.create)
	test.Tap(imp.previewBtn)

	test.Tap(imp.importBtn)
	if n := orderCount(t, ctx, svc); n != before+6 {
		t.Fatalf("%d orders after the import, want %d", n, before+6)
	}
	r := imp.result
	want := "Imported 6 orders (" + itoa(r.Flagged) + " wait in review); 0 skipped as already imported"
	if imp.message.Text != want || !imp.importBtn.Disabled() {
		t.Fatalf("summary %q, want %q", imp.message.Text, want)
	}
	page, err := svc.SearchOrders(ctx, app.OrderQuery{Text: imp.preview[0].Number, Limit: 5})
	if err != nil || page.Total != 1 || page.Rows[0].Channel != app.ChannelShopify {
		t.Fatalf("imported order %s not found: %+v %v", imp.preview[0].Number, page.Rows, err)
	}
	test.Tap(imp.closeBtn)
	if done != 1 {
		t.Fatalf("Close told the shell %d times", done)
	}

	// The same file again: every order is skipped, nothing to import.
	imp.SetFiles(importData + "shopify_orders.csv")
	test.Tap(imp.previewBtn)
	if !strings.Contains(imp.figures.Text, "skipped (already imported): 6") || !imp.importBtn.Disabled() ||
		!strings.Contains(imp.message.Text, "Nothing new to import") {
		t.Fatalf("second preview: %q\n%s", imp.message.Text, imp.figures.Text)
	}
	if n := orderCount(t, ctx, svc); n != before+6 {
		t.Fatalf("%d orders after the second preview", n)
	}
}

func itoa(n int) string { return app.FormatCount(int64(n)) }

// TestImportBadRowsAreListed: when every order of a file is bad, each is
// listed with its row and reason and nothing can be imported.
func TestImportBadRowsAreListed(t *testing.T) {
	ctx, svc, imp := importScreen(t)
	imp.SetFiles(importData + "shopify_orders_bad_row.csv")
	test.Tap(imp.previewBtn)
	shown := strings.Join(imp.problems, "\n")
	for _, want := range []string{"Row 3 · order 1011: quantity \"abc\" is not a whole number",
		"Row 4 · order 1012: product TEA-BHYZ-100 is not in the shop", `no product matches "刻字服务 (定制)", which has no SKU`,
		"Row 6 · order 1013: product CUP-GLS-4 is not in the shop"} {
		if !strings.Contains(shown, want) {
			t.Fatalf("problems lack %q:\n%s", want, shown)
		}
	}
	if !imp.importBtn.Disabled() || !strings.Contains(imp.message.Text, "0 orders can be imported; bad orders to leave out: 3") {
		t.Fatalf("Import is on with nothing to import (%q)", imp.message.Text)
	}
	imp.Import() // refused without a preview that found something to import
	if n := orderCount(t, ctx, svc); n != 0 {
		t.Fatalf("a file of bad orders saved orders: %d", n)
	}
}

// TestImportGenericWorkbook guesses the columns of a shop's own Chinese
// workbook, saves them as a mapping, and imports the orders as new ones.
func TestImportGenericWorkbook(t *testing.T) {
	ctx, svc, imp := importScreen(t)
	imp.SetFiles(importData + "generic_orders.xlsx")
	if imp.preset.Selected != "Generic" || imp.tabs.Selected() != imp.mappingTab {
		t.Fatalf("preset %q; the columns are not shown", imp.preset.Selected)
	}
	for f, want := range map[importer.Field]string{importer.FieldOrderID: "订单编号", importer.FieldOrderedAt: "下单时间",
		importer.FieldSKU: "商家编码", importer.FieldQty: "数量", importer.FieldUnitPrice: "单价",
		importer.FieldCustomerName: "客户", importer.FieldStreet: "详细地址", importer.FieldEmail: "— not in the file —"} {
		if got := imp.mapSel[f].Selected; got != want {
			t.Errorf("%s is mapped to %q, want %q", f, got, want)
		}
	}
	if got := texts(imp.Content()); !strings.Contains(got, "SKU *") || !strings.Contains(got, "Customer name") {
		t.Fatalf("the mapping form does not mark the required fields:\n%s", got)
	}

	// A column the guess left out, saved with the rest.
	imp.mapSel[importer.FieldNote].SetSelected("区")
	imp.SaveMapping("Own list")
	list, err := svc.ImportMappings(ctx)
	if err != nil || len(list) != 1 || list[0].Columns["sku"] != "商家编码" || list[0].Columns["note"] != "区" ||
		list[0].Channel != app.ChannelWebShop {
		t.Fatalf("saved mappings %+v (%v)", list, err)
	}
	if imp.preset.Selected != "Own list" {
		t.Fatalf("the saved mapping is not chosen: %q", imp.preset.Selected)
	}
	imp.preset.SetSelected("Generic")
	if got := imp.mapSel[importer.FieldNote].SelectedIndex(); got != 0 {
		t.Fatalf("the guess maps the note to %q", imp.mapSel[importer.FieldNote].Selected)
	}
	imp.preset.SetSelected("Own list")
	if got := imp.mapSel[importer.FieldNote].Selected; got != "区" {
		t.Fatalf("the saved mapping gives the note %q", got)
	}

	// Without the SKU column the file cannot be read.
	imp.mapSel[importer.FieldSKU].SetSelectedIndex(0)
	test.Tap(imp.previewBtn)
	if want := "The file has no column for SKU."; !strings.HasPrefix(imp.message.Text, want) {
		t.Fatalf("message %q, want %q…", imp.message.Text, want)
	}
	imp.mapSel[importer.FieldSKU].SetSelected("商家编码")

	test.Tap(imp.newOrders)
	test.Tap(imp.previewBtn)
	if !strings.Contains(imp.figures.Text, "Orders: 4 · lines: 6") || imp.importBtn.Disabled() {
		t.Fatalf("preview: %q\n%s", imp.message.Text, imp.figures.Text)
	}
	test.Tap(imp.importBtn)
	if n := orderCount(t, ctx, svc); n != 4 {
		t.Fatalf("%d orders after importing 4", n)
	}
	r := imp.result
	if r.Confirmed+r.Flagged != 4 || !strings.HasPrefix(imp.message.Text, "Imported 4 orders (") {
		t.Fatalf("new orders went to review %d + %d: %q", r.Confirmed, r.Flagged, imp.message.Text)
	}
	page, err := svc.SearchOrders(ctx, app.OrderQuery{Channels: []app.Channel{app.ChannelWebShop},
		Statuses: []app.Status{app.StatusPendingReview, app.StatusConfirmed}, Text: "20261102004", Limit: 1})
	if err != nil || page.Total != 1 {
		t.Fatalf("order 20261102004 is not a new web shop order: %+v %v", page, err)
	}
}

func TestImportTaobaoNeedsItemReport(t *testing.T) {
	ctx, svc, imp := importScreen(t)
	imp.SetFiles(importData + "taobao_orders_gbk.csv")
	if imp.preset.Selected != "Taobao/Tmall" || imp.addItems.Hidden {
		t.Fatalf("preset %q, add item report hidden %v", imp.preset.Selected, imp.addItems.Hidden)
	}
	test.Tap(imp.previewBtn)
	if !strings.Contains(imp.message.Text, "add its item report (宝贝报表)") {
		t.Fatalf("message %q", imp.message.Text)
	}
	imp.SetFiles(importData+"taobao_orders_gbk.csv", importData+"taobao_items_gbk.csv")
	test.Tap(imp.create)
	test.Tap(imp.previewBtn)
	if imp.importBtn.Disabled() {
		t.Fatalf("the two reports do not preview clean: %q %q", imp.message.Text, imp.problems)
	}
	test.Tap(imp.importBtn)
	if n := orderCount(t, ctx, svc); n != int64(imp.result.Orders) || imp.result.Orders == 0 {
		t.Fatalf("%d orders after importing %d", n, imp.result.Orders)
	}
}

func TestImportRefusesAPicture(t *testing.T) {
	_, _, imp := importScreen(t)
	path := filepath.Join(t.TempDir(), "orders.png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, image.NewRGBA(image.Rect(0, 0, 8, 8))); err != nil {
		t.Fatal(err)
	}
	f.Close()
	imp.SetFiles(path)
	want := "orders.png is not a CSV or Excel table. Choose the orders exported as .csv or .xlsx."
	if imp.message.Text != want || !imp.previewBtn.Disabled() {
		t.Fatalf("message %q, want %q", imp.message.Text, want)
	}
}

// TestImportCancelSavesNothing cancels an import before its work runs.
func TestImportCancelSavesNothing(t *testing.T) {
	ctx, svc, imp := importScreen(t)
	imp.SetFiles(importData + "shopify_orders.csv")
	imp.preset.SetSelected("Shopify")
	test.Tap(imp.create)
	test.Tap(imp.previewBtn)
	var work func()
	imp.background = func(f func()) { work = f }
	test.Tap(imp.importBtn)
	if imp.cancelBtn.Hidden || !imp.previewBtn.Disabled() {
		t.Fatal("while importing, Cancel is not offered")
	}
	test.Tap(imp.cancelBtn)
	work()
	if n := orderCount(t, ctx, svc); n != 0 || imp.message.Text != "Cancelled: nothing was imported." {
		t.Fatalf("%d orders after a cancelled import: %q", n, imp.message.Text)
	}
	if !imp.cancelBtn.Hidden || imp.previewBtn.Disabled() {
		t.Fatal("after cancelling, the window does not return to its choices")
	}
}
