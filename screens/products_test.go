package screens

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// productScreen opens the products screen on the sample shop, with its
// database work and searches run inline.
func productScreen(t *testing.T) (context.Context, *app.Service, *ProductScreen, fyne.Window) {
	t.Helper()
	ctx, svc := sampleShop(t)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	s := NewProductScreen(ctx, svc, w)
	s.background, s.typingPause = func(f func()) { f() }, 0
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(1400, 900))
	if err := s.Update(ctx); err != nil {
		t.Fatal(err)
	}
	return ctx, svc, s, w
}

// productBySKU reads a product as the database has it.
func productBySKU(t *testing.T, ctx context.Context, svc *app.Service, sku string) *app.Product {
	t.Helper()
	p, err := svc.ProductByCode(ctx, sku)
	if err != nil {
		t.Fatalf("product %s: %v", sku, err)
	}
	return p
}

// listedSKUs is the SKU column of the product list, row by row.
func listedSKUs(s *ProductScreen) []string {
	var skus []string
	cell := newCellLabel()
	for row := 0; row < s.pages.Len(); row++ {
		s.updateCell(widget.TableCellID{Row: row, Col: 0}, cell)
		skus = append(skus, cell.(*widget.Label).Text)
	}
	return skus
}

func foundSKUs(t *testing.T, ctx context.Context, svc *app.Service, f app.ProductFilter) ([]string, int) {
	t.Helper()
	f.Limit = 1000
	list, total, err := svc.FindProducts(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	var skus []string
	for _, p := range list {
		skus = append(skus, p.SKU)
	}
	return skus, total
}

func pressEnter(o fyne.Focusable) { o.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

func TestProductSearchNarrowsList(t *testing.T) {
	ctx, svc, s, w := productScreen(t)
	all, total := foundSKUs(t, ctx, svc, app.ProductFilter{})
	if !strings.Contains(texts(w.Content()), "40 products") || total != 40 {
		t.Fatalf("the list does not count the 40 sample products (service says %d):\n%s", total, texts(w.Content()))
	}
	if got := listedSKUs(s); !slices.Equal(got, all) {
		t.Fatalf("list shows %v, want %v", got, all)
	}

	cases := []struct {
		name, typed string
	}{
		{"SKU prefix", "TEA-LJ"},
		{"barcode prefix", "69212345001"},
		{"name", "龙井"},
		{"English name", "Yixing"},
		{"nothing matches", "NO-SUCH-THING"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s.search.SetText("")
			test.Type(s.search, c.typed) // searches as the user types
			want, n := foundSKUs(t, ctx, svc, app.ProductFilter{Text: c.typed})
			if n >= total && c.typed != "" {
				t.Fatalf("%q does not narrow the search at all", c.typed)
			}
			if got := listedSKUs(s); !slices.Equal(got, want) || s.pages.Len() != n {
				t.Fatalf("search %q lists %v, want %v", c.typed, got, want)
			}
			if s.count.Text != fmt.Sprintf("%d products", n) {
				t.Fatalf("count says %q for %d products", s.count.Text, n)
			}
		})
	}

	// An inactive product shows only when asked for.
	p := productBySKU(t, ctx, svc, "TEA-LJ-100")
	p.Active = false
	if err := svc.SaveProduct(ctx, p); err != nil {
		t.Fatal(err)
	}
	s.search.SetText("TEA-LJ")
	if got := listedSKUs(s); !slices.Equal(got, []string{"TEA-LJ-250"}) {
		t.Fatalf("inactive product listed: %v", got)
	}
	test.Tap(s.inactive)
	if got := listedSKUs(s); !slices.Equal(got, []string{"TEA-LJ-100", "TEA-LJ-250"}) {
		t.Fatalf("show inactive lists %v", got)
	}
}

func TestProductScanOpensProduct(t *testing.T) {
	ctx, svc, s, w := productScreen(t)
	for _, sku := range []string{"TEA-DHP-200", "CUP-QH-2"} {
		want := productBySKU(t, ctx, svc, sku)
		w.Canvas().Focus(s.search)
		test.Type(w.Canvas().Focused(), want.Barcode) // what a scanner types…
		pressEnter(s.search)                          // …and its Enter
		if s.view.product.ID != want.ID || s.openID.Load() != want.ID {
			t.Fatalf("scanning %s opened product %d, want %d", want.Barcode, s.view.product.ID, want.ID)
		}
		if s.form.entry("sku").Text != sku || !strings.Contains(s.title.Text, sku) || s.tabs.Hidden {
			t.Fatalf("after the scan the form shows %q, the title %q", s.form.entry("sku").Text, s.title.Text)
		}
		// The code stays selected, so the next scan replaces it.
		if s.search.SelectedText() != want.Barcode {
			t.Fatalf("the scanned code is not selected: %q", s.search.SelectedText())
		}
	}
}

func TestProductCreateByTyping(t *testing.T) {
	ctx, svc, s, w := productScreen(t)
	test.Tap(shownButton(t, w.Content(), "New product"))
	c := w.Canvas()
	if c.Focused() != s.form.entry("sku") {
		t.Fatal("a new product does not start in the SKU field")
	}
	typed := []struct{ field, text string }{
		{"sku", "TEA-NEW-1"}, {"barcode", "6920000000019"}, {"name", "明前新茶"}, {"alt_name", "Spring tea"},
		{"spec", "100g 袋装"}, {"unit", "袋"}, {"price", "128.00"}, {"floor_price", "100.5"}, {"cost", "1,060.25"},
		{"weight", "150"}, {"alternates", "TEA-LJ-250, TEA-LJ-100"},
	}
	// Keyboard only: type, Enter to the next field; Enter in the last saves.
	for _, in := range typed {
		if c.Focused() != s.form.entry(in.field) {
			t.Fatalf("Enter did not move to the %s field", in.field)
		}
		test.Type(c.Focused(), in.text)
		pressEnter(c.Focused())
	}
	got := productBySKU(t, ctx, svc, "TEA-NEW-1")
	alts := []int64{productBySKU(t, ctx, svc, "TEA-LJ-250").ID, productBySKU(t, ctx, svc, "TEA-LJ-100").ID}
	slices.Sort(alts)
	slices.Sort(got.Alternates)
	want := app.Product{ID: got.ID, SKU: "TEA-NEW-1", Barcode: "6920000000019", Name: "明前新茶", AltName: "Spring tea",
		Spec: "100g 袋装", Unit: "袋", Price: 12800, FloorPrice: 10050, Cost: 106025, WeightGrams: 150, Active: true}
	if got.SKU != want.SKU || got.Barcode != want.Barcode || got.Name != want.Name || got.AltName != want.AltName ||
		got.Spec != want.Spec || got.Unit != want.Unit || got.Price != want.Price || got.FloorPrice != want.FloorPrice ||
		got.Cost != want.Cost || got.WeightGrams != want.WeightGrams || got.Active != want.Active ||
		!slices.Equal(got.Alternates, alts) {
		t.Fatalf("saved %+v\nwant %+v with alternates %v", *got, want, alts)
	}
	if s.view.product.ID != got.ID || s.form.saved.Text != "Saved." || s.pages.Len() != 41 {
		t.Fatalf("after saving: shown %d, %q, %d products listed", s.view.product.ID, s.form.saved.Text, s.pages.Len())
	}
	if s.form.entry("price").Text != "128.00" || s.form.entry("cost").Text != "1,060.25" {
		t.Fatalf("saved amounts shown as %q and %q", s.form.entry("price").Text, s.form.entry("cost").Text)
	}
}

func TestProductProblemsShownBesideFields(t *testing.T) {
	ctx, svc, s, w := productScreen(t)
	test.Tap(shownButton(t, w.Content(), "New product"))
	for field, text := range map[string]string{"name": "明前新茶", "unit": "袋", "price": "128.00", "floor_price": "200.00"} {
		test.Type(s.form.entry(field), text)
	}
	test.Tap(s.form.save)

	for _, field := range []string{"sku", "floor_price"} {
		l := s.form.problems.labels[field]
		if !l.Visible() || l.Text == "" {
			t.Errorf("no problem shown beside %s", field)
		}
	}
	if !strings.Contains(s.form.problems.labels["floor_price"].Text, "price") {
		t.Errorf("floor price problem says %q", s.form.problems.labels["floor_price"].Text)
	}
	for _, field := range []string{"name", "unit", "price", "barcode"} {
		if l := s.form.problems.labels[field]; l.Visible() {
			t.Errorf("%s shows a problem it does not have: %q", field, l.Text)
		}
	}
	if top := w.Canvas().Overlays().Top(); top != nil {
		t.Errorf("field problems went to a dialog:\n%s", texts(top))
	}
	if _, n := foundSKUs(t, ctx, svc, app.ProductFilter{IncludeInactive: true}); n != 40 {
		t.Fatalf("a refused product was saved: %d products", n)
	}

	// Put right, the problems go and the product is saved.
	test.Type(s.form.entry("sku"), "TEA-NEW-2")
	s.form.entry("floor_price").SetText("99")
	test.Tap(s.form.save)
	if s.form.problems.labels["sku"].Visible() || s.form.problems.labels["floor_price"].Visible() {
		t.Fatal("problems stay after they were put right")
	}
	if p := productBySKU(t, ctx, svc, "TEA-NEW-2"); p.FloorPrice != 9900 {
		t.Fatalf("floor price saved as %d", p.FloorPrice)
	}
}

func TestProductSaveConflictReloads(t *testing.T) {
	ctx, svc, s, w := productScreen(t)
	p := productBySKU(t, ctx, svc, "TEA-QM-250")
	s.Open(p.ID)
	// Someone else renames it meanwhile.
	other := *p
	other.Name = "祁门红茶 特级"
	if err := svc.SaveProduct(ctx, &other); err != nil {
		t.Fatal(err)
	}
	s.form.entry("spec").SetText("500g")
	test.Tap(s.form.save)
	top := w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(texts(top), "Someone else saved this product") {
		t.Fatal("a conflicting save is not said plainly")
	}
	if s.form.entry("name").Text != other.Name || s.form.entry("spec").Text != p.Spec {
		t.Fatalf("the form was not reloaded: name %q, spec %q", s.form.entry("name").Text, s.form.entry("spec").Text)
	}
	if got := productBySKU(t, ctx, svc, "TEA-QM-250"); got.Spec != p.Spec {
		t.Fatalf("the stale form overwrote the product: spec %q", got.Spec)
	}
}

// binNamed is a sample bin by its shelf label, "HZ C-3-4".
func binNamed(t *testing.T, s *ProductScreen, name string) binPlace {
	t.Helper()
	for _, p := range s.places {
		if p.String() == name {
			return p
		}
	}
	t.Fatalf("no bin %s", name)
	return binPlace{}
}

func stockIn(t *testing.T, ctx context.Context, svc *app.Service, productID, binID int64) app.StockLevel {
	t.Helper()
	levels, err := svc.StockLevels(ctx, productID)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range levels {
		if l.BinID == binID {
			return l
		}
	}
	return app.StockLevel{}
}

func TestProductReceiveStock(t *testing.T) {
	ctx, svc, s, w := productScreen(t)
	p := productBySKU(t, ctx, svc, "TEA-BLC-250")
	s.Open(p.ID)
	s.tabs.SelectIndex(1)
	bin := binNamed(t, s, "HZ C-3-4")
	if stockIn(t, ctx, svc, p.ID, bin.ID).OnHand != 0 {
		t.Fatal("the test bin already holds the product")
	}

	before := available(t, ctx, svc, p.ID)
	if got := listedAvailable(t, s, p.SKU); got != fmt.Sprint(before) {
		t.Fatalf("the list shows %s available, want %d", got, before)
	}
	// Half-typed details survive the stock changing underneath.
	s.form.entry("spec").SetText("250g 新罐")

	test.Tap(shownButton(t, w.Content(), "Receive"))
	f := s.dialog
	if f == nil || w.Canvas().Overlays().Top() == nil {
		t.Fatal("Receive opens no dialog")
	}
	f.bin.SetSelected(bin.String())
	test.Type(f.entries["qty"], "10")
	test.Type(f.entries["reference"], "PO-2605-77")
	test.Type(f.entries["note"], "spring delivery")
	test.Tap(f.confirm)

	if l := stockIn(t, ctx, svc, p.ID, bin.ID); l.OnHand != 10 {
		t.Fatalf("bin %s holds %d after receiving 10", bin, l.OnHand)
	}
	if s.dialog != nil || w.Canvas().Overlays().Top() != nil {
		t.Fatal("the dialog stays open after the stock was received")
	}
	if shown := texts(s.stock.box); !strings.Contains(shown, "HZ C-3-4\n10\n0\n10") {
		t.Fatalf("the stock tab does not show the new bin:\n%s", shown)
	}
	if got := listedAvailable(t, s, p.SKU); got != fmt.Sprint(before+10) {
		t.Fatalf("after receiving 10 the list shows %s available, want %d", got, before+10)
	}
	if s.form.entry("spec").Text != "250g 新罐" {
		t.Fatalf("receiving stock threw away what was typed in the details: %q", s.form.entry("spec").Text)
	}

	s.tabs.SelectIndex(2)
	cell := newCellLabel().(*widget.Label)
	var row []string
	for col := range moveColumns {
		s.ledger.UpdateCell(widget.TableCellID{Row: 0, Col: col}, cell)
		row = append(row, cell.Text)
	}
	if want := []string{"Receipt", "HZ C-3-4", "+10", "", "", "PO-2605-77", "spring delivery", "tester"}; !slices.Equal(row[1:], want) {
		t.Fatalf("newest ledger row %q, want %q", row[1:], want)
	}
	if s.tabs.Selected().Text != "Ledger" || s.ledgerNote.Visible() {
		t.Fatal("the ledger tab is not shown whole")
	}
}

func TestProductAdjustNeedsReason(t *testing.T) {
	ctx, svc, s, w := productScreen(t)
	p := productBySKU(t, ctx, svc, "ACC-STRN")
	s.Open(p.ID)
	s.tabs.SelectIndex(1)

	test.Tap(shownButton(t, w.Content(), "Adjust"))
	f := s.dialog
	if f == nil {
		t.Fatal("Adjust opens no dialog")
	}
	// It offers the bin the product is in.
	place, _ := f.place()
	before := stockIn(t, ctx, svc, p.ID, place.ID)
	if before.OnHand == 0 {
		t.Fatalf("the dialog offers bin %s, where the product is not", place)
	}
	test.Type(f.entries["delta"], "-2")
	test.Tap(f.confirm)
	if l := f.problems.labels["reason"]; !l.Visible() || l.Text == "" {
		t.Fatal("an adjustment without a reason is not refused beside the reason")
	}
	if w.Canvas().Overlays().Top() == nil || s.dialog != f {
		t.Fatal("the refused dialog closed")
	}
	if l := stockIn(t, ctx, svc, p.ID, place.ID); l.OnHand != before.OnHand {
		t.Fatalf("a refused adjustment changed on hand from %d to %d", before.OnHand, l.OnHand)
	}

	test.Type(f.entries["reason"], "stock take: two dented")
	test.Tap(f.confirm)
	if l := stockIn(t, ctx, svc, p.ID, place.ID); l.OnHand != before.OnHand-2 {
		t.Fatalf("on hand %d after adjusting %d by -2", l.OnHand, before.OnHand)
	}
	if s.dialog != nil {
		t.Fatal("the dialog stays open after the adjustment")
	}
	if m := s.view.moves[0]; m.Kind != app.MoveAdjust || m.OnHandDelta != -2 || m.Note != "stock take: two dented" {
		t.Fatalf("newest move %+v", m)
	}
}

func TestProductListLoadsPagesAsItScrolls(t *testing.T) {
	ctx, svc, s, _ := productScreen(t)
	s.pages.size = 10
	if err := s.pages.Search(ctx, s.productsFor(app.ProductFilter{})); err != nil {
		t.Fatal(err)
	}
	loaded := 0
	s.pages.onLoaded = func() { loaded++ }
	if len(s.pages.pages) != 1 || s.pages.Len() != 40 {
		t.Fatalf("a search loads %d pages for %d products", len(s.pages.pages), s.pages.Len())
	}
	row, ok := s.pages.Row(ctx, 25)
	want, _, _ := svc.FindProducts(ctx, app.ProductFilter{Limit: 1, Offset: 25})
	if !ok || row.SKU != want[0].SKU || loaded != 1 || len(s.pages.pages) != 2 {
		t.Fatalf("row 25 is %q (want %q) after %d loads; pages %d", row.SKU, want[0].SKU, loaded, len(s.pages.pages))
	}
	if a := available(t, ctx, svc, row.ID); row.Available != a {
		t.Fatalf("row 25 shows %d available, the warehouses %d", row.Available, a)
	}
}

// available is a product's on hand less reserved over every warehouse.
func available(t *testing.T, ctx context.Context, svc *app.Service, productID int64) int64 {
	t.Helper()
	sums, err := svc.StockSummaries(ctx, productID)
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, sm := range sums {
		n += sm.Available()
	}
	return n
}

// listedAvailable is what the list's Available column shows for a SKU.
func listedAvailable(t *testing.T, s *ProductScreen, sku string) string {
	t.Helper()
	cell := newCellLabel().(*widget.Label)
	for row, listed := range listedSKUs(s) {
		if listed == sku {
			s.updateCell(widget.TableCellID{Row: row, Col: 4}, cell)
			return cell.Text
		}
	}
	t.Fatalf("%s is not listed", sku)
	return ""
}

// shownButton finds a shown button by its text.
func shownButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, obj := range test.LaidOutObjects(o) {
		if b, ok := obj.(*widget.Button); ok && b.Text == text && b.Visible() {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

// TestProductExpectStock records goods on their way through the Expect
// dialog: a bad date is refused beside its field, a good one puts the
// quantity in transit at the bin's warehouse.
func TestProductExpectStock(t *testing.T) {
	ctx, svc, s, w := productScreen(t)
	p := productBySKU(t, ctx, svc, "TEA-QM-250")
	s.Open(p.ID)
	s.tabs.SelectIndex(1)
	bin := binNamed(t, s, "HZ A-1-1")
	inTransit := func() int64 {
		var n int64
		sums, err := svc.StockSummaries(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, sm := range sums {
			if sm.WarehouseID == bin.WarehouseID {
				n += sm.InTransit
			}
		}
		return n
	}
	before := inTransit()
	test.Tap(shownButton(t, w.Content(), "Expect…"))
	f := s.dialog
	if f == nil {
		t.Fatal("Expect opens no dialog")
	}
	f.bin.SetSelected(bin.String())
	test.Type(f.entries["qty"], "24")
	test.Type(f.entries["expected_at"], "next week")
	test.Tap(f.confirm)
	if inTransit() != before || s.dialog == nil {
		t.Fatal("goods with an unreadable date were recorded")
	}
	f.entries["expected_at"].SetText(time.Now().AddDate(0, 0, 7).Format("2006-01-02"))
	test.Tap(f.confirm)
	if got := inTransit(); got != before+24 {
		t.Fatalf("in transit went from %d to %d, want +24", before, got)
	}
}
