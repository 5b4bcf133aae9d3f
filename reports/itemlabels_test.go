package reports

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"orderdesk/app"
)

func sampleItemLabels() ItemLabels {
	return NewProductLabels([]ProductLabelCount{
		{Product: app.Product{SKU: "TEA-LJ-250", Name: "西湖龙井明前特级 250g", Spec: "250 g 罐装"}, Copies: 20},
		{Product: app.Product{SKU: "CUP-6", Name: "White porcelain tasting cups, set of six", Spec: "6 pcs"}, Copies: 7},
		{Product: app.Product{SKU: "NONE", Name: "nothing"}, Copies: 0},
	}, letterNow)
}

// TestItemLabelSheets prints 27 product labels on 3×8 sheets (two
// pages) and 3×7 (two pages): every label's SKU and name read back, and
// every barcode decodes to its SKU where zbarimg is at hand.
func TestItemLabelSheets(t *testing.T) {
	v := sampleItemLabels()
	if v.Count() != 27 || len(v.Labels) != 2 {
		t.Fatalf("%d labels of %d products, want 27 of 2 (no copies: none)", v.Count(), len(v.Labels))
	}
	for sheet, pages := range map[LabelSheet]int{Sheet3x8: 2, Sheet3x7: 2} {
		var buf bytes.Buffer
		if err := WriteItemLabelSheets(&buf, v, sheet); err != nil {
			t.Fatal(err)
		}
		got, size := pageCount(t, buf.Bytes())
		if got != pages || !strings.HasPrefix(size, "595.") {
			t.Errorf("%s: %d pages of %s, want %d A4", sheet, got, size, pages)
		}
		text := pdfText(t, buf.Bytes())
		if n := strings.Count(text, "TEA-LJ-250"); n != 20 {
			t.Errorf("%s: TEA-LJ-250 is printed %d times, want 20", sheet, n)
		}
		if n := strings.Count(text, "CUP-6"); n != 7 {
			t.Errorf("%s: CUP-6 is printed %d times, want 7", sheet, n)
		}
		for _, want := range []string{"西湖龙井明前特级 250g", "250 g 罐装", "White porcelain tasting cups,", "6 pcs"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the labels lack %q:\n%s", sheet, want, text)
			}
		}
		// The second sheet holds what the first could not.
		if second := strings.Split(text, "\f")[1]; strings.Count(second, "CUP-6")+strings.Count(second, "TEA-LJ-250") != 27-sheet.PerSheet() {
			t.Errorf("%s: the second sheet holds the wrong labels:\n%s", sheet, second)
		}
		{
			codes := scanBarcodes(t, buf.Bytes(), sheet)
			if codes != nil && (codes["TEA-LJ-250"] != 20 || codes["CUP-6"] != 7) {
				t.Errorf("the barcodes decode to %v, want 20 TEA-LJ-250 and 7 CUP-6", codes)
			}
		}
	}
	if err := WriteItemLabelSheets(&bytes.Buffer{}, v, "4x10"); err == nil {
		t.Error("an unknown sheet was accepted")
	}
	if err := WriteItemLabelSheets(&bytes.Buffer{}, ItemLabels{}, Sheet3x8); err == nil {
		t.Error("no labels made a PDF")
	}
}

// scannablePages renders every page of pdf at 200 dpi in grey for
// zbarimg: its path, the folder and the pages' pictures in order; no
// pages when zbarimg or pdftoppm is missing.
func scannablePages(t *testing.T, pdf []byte) (zbar, dir string, pages []string) {
	t.Helper()
	zbar, err := exec.LookPath("zbarimg")
	if err != nil {
		t.Log("zbarimg (zbar-tools) is not installed: barcodes not decoded")
		return "", "", nil
	}
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		return "", "", nil
	}
	dir = t.TempDir()
	path := filepath.Join(dir, "document.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "200", "-gray", "-png", path, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	pages, _ = filepath.Glob(filepath.Join(dir, "page*.png"))
	sort.Strings(pages)
	return zbar, dir, pages
}

// scanBarcodes renders every page at 200 dpi, cuts it into the sheet's
// labels and reads each label's barcode with zbarimg (which counts equal
// codes in one picture once); nil when zbarimg or pdftoppm is missing.
func scanBarcodes(t *testing.T, pdf []byte, sheet LabelSheet) map[string]int {
	t.Helper()
	zbar, dir, pages := scannablePages(t, pdf)
	if pages == nil {
		return nil
	}
	lay, _ := sheet.layout()
	px := func(mm float64) int { return int(mm * 200 / 25.4) }
	var cells []string
	for _, page := range pages {
		f, err := os.Open(page)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		sub := img.(interface {
			SubImage(image.Rectangle) image.Image
		})
		for i := range lay.cols * lay.rows {
			x, y := float64(i%lay.cols)*lay.w, lay.top+float64(i/lay.cols)*lay.h
			cell := sub.SubImage(image.Rect(px(x), px(y), px(x+lay.w), px(y+lay.h)))
			var buf bytes.Buffer
			if err := png.Encode(&buf, cell); err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(dir, fmt.Sprintf("%s-cell%02d.png", filepath.Base(page), i))
			if err := os.WriteFile(name, buf.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			cells = append(cells, name)
		}
	}
	// zbarimg exits 4 when some pictures (the empty cells) hold no code.
	out, _ := exec.Command(zbar, append([]string{"-q", "--raw", "-Sdisable", "-Scode128.enable"}, cells...)...).Output()
	codes := map[string]int{}
	for _, line := range strings.Fields(string(out)) {
		codes[line]++
	}
	return codes
}

// TestItemLabelsZPL reads the thermal product labels back: 50 × 25 mm,
// the SKU as the printer's Code 128 and in its font, the copies as ^PQ,
// the Chinese name a graphic.
func TestItemLabelsZPL(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteItemLabelsZPL(&buf, sampleItemLabels(), DPI203); err != nil {
		t.Fatal(err)
	}
	labels := readZPL(t, buf.String())
	if len(labels) != 2 {
		t.Fatalf("%d labels, want one a product", len(labels))
	}
	for i, want := range []struct {
		sku    string
		copies int
	}{{"TEA-LJ-250", 20}, {"CUP-6", 7}} {
		l := labels[i]
		if l.width != 400 || l.length != 200 || l.copies != want.copies {
			t.Errorf("label %d: %d × %d dots, %d copies; want 400 × 200, %d", i, l.width, l.length, l.copies, want.copies)
		}
		if !l.has("barcode", want.sku) || !l.has("text", want.sku) {
			t.Errorf("label %d lacks %s as barcode and text: %q", i, want.sku, l.texts())
		}
		for _, f := range l.fields {
			w := f.w
			if f.kind == "barcode" {
				w = 0
			}
			if f.x < 0 || f.y < 0 || f.x+w > l.width || f.y+f.h > l.length {
				t.Errorf("label %d: %s %q at %d,%d size %d×%d leaves the label", i, f.kind, f.text, f.x, f.y, w, f.h)
			}
		}
	}
	if !labels[1].has("text", "White porcelain tasting cups, set of six · 6 pcs") &&
		!strings.Contains(strings.Join(labels[1].texts(), "|"), "White porcelain") {
		t.Errorf("the English name is not printer text: %q", labels[1].texts())
	}
	bins := NewBinLabels(app.Warehouse{Code: "HZ", Name: "杭州仓"}, []app.Bin{{Code: "A-1-1"}, {Code: "A-1-2"}}, letterNow)
	buf.Reset()
	if err := WriteItemLabelsZPL(&buf, bins, DPI300); err != nil {
		t.Fatal(err)
	}
	got := readZPL(t, buf.String())
	if len(got) != 2 || !got[1].has("barcode", "A-1-2") || got[1].copies != 1 || got[1].width != 591 {
		t.Errorf("bin labels at 300 dpi: %+v", got)
	}
}
