package reports

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"orderdesk/app"
)

var zplPicture = flag.String("zpl-picture", "", "write the sample ZPL labels, drawn, to this PNG (the README's picture)")

func writeZPL(t testing.TB, v ShippingLabels, dpi int) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteShippingLabelsZPL(&buf, v, dpi); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// texts is what a label's text and barcode fields say, graphics aside.
func (l zplRead) texts() []string {
	var out []string
	for _, f := range l.fields {
		if f.kind == "text" || f.kind == "barcode" {
			out = append(out, f.text)
		}
	}
	return out
}

func (l zplRead) has(kind, text string) bool {
	for _, f := range l.fields {
		if f.kind == kind && f.text == text {
			return true
		}
	}
	return false
}

// TestShippingLabelsZPL reads the thermal labels back: one 100 × 150 mm
// label a package at 203 and 300 dpi, every field inside it, the
// tracking number as the printer's Code 128, Latin text as the printer's
// font, Chinese as graphics whose rows hold the bytes they declare.
func TestShippingLabelsZPL(t *testing.T) {
	shipments, _ := sampleShipments()
	for _, dpi := range []int{DPI203, DPI300} {
		v := NewShippingLabels(sampleShop(), shipments, LabelOptions{Lang: LangEnglish, Now: letterNow})
		labels := readZPL(t, writeZPL(t, v, dpi))
		if len(labels) != len(v.Labels) || len(labels) != 4 {
			t.Fatalf("%d dpi: %d labels for %d packages", dpi, len(labels), len(v.Labels))
		}
		wantW, wantH := map[int][2]int{DPI203: {799, 1199}, DPI300: {1181, 1772}}[dpi][0], map[int][2]int{DPI203: {799, 1199}, DPI300: {1181, 1772}}[dpi][1]
		for i, l := range labels {
			if l.width != wantW || l.length != wantH || !l.utf8 {
				t.Errorf("%d dpi label %d: ^PW%d ^LL%d utf8 %v, want %d × %d dots in UTF-8", dpi, i, l.width, l.length, l.utf8, wantW, wantH)
			}
			graphics := 0
			for _, f := range l.fields {
				w, h := f.w, f.h
				if f.kind == "barcode" {
					w = 0
				}
				if f.x < 0 || f.y < 0 || f.x+w > l.width || f.y+h > l.length {
					t.Errorf("%d dpi label %d: %s field %q at %d,%d size %d×%d leaves the label", dpi, i, f.kind, f.text, f.x, f.y, w, h)
				}
				if f.kind == "graphic" {
					graphics++
					if f.declared != f.rowBytes*f.rowsFound || len(f.bits) != f.declared {
						t.Errorf("%d dpi label %d: a graphic declares %d bytes, %d a row, and holds %d rows (%d bytes)",
							dpi, i, f.declared, f.rowBytes, f.rowsFound, len(f.bits))
					}
				}
			}
			if graphics == 0 {
				t.Errorf("%d dpi label %d: the Chinese address and marks drew no graphic", dpi, i)
			}
		}
		first := labels[0]
		for _, want := range []string{"1/2", "TO", "FROM", "Orders", "202611-007, 202611-009",
			"Shipment number", "202611-007-1", "1.25 kg", "FRAGILE", "Tracking number SF1234567890123"} {
			if !first.has("text", want) {
				t.Errorf("%d dpi: the first label lacks the text %q: %q", dpi, want, first.texts())
			}
		}
		if !first.has("barcode", "SF1234567890123") {
			t.Errorf("%d dpi: the first label's barcode is not the tracking number: %q", dpi, first.texts())
		}
		// No tracking number yet: the shipment number in the barcode.
		if !labels[2].has("barcode", "202611-009-2") {
			t.Errorf("%d dpi: the label without tracking does not carry the shipment's code: %q", dpi, labels[2].texts())
		}
	}
}

// TestZPLChineseIsDrawn: text the printer's font lacks is a graphic of
// the bundled font's strokes, not text the printer would print as boxes;
// what it has stays text.
func TestZPLChineseIsDrawn(t *testing.T) {
	shipments, _ := sampleShipments()
	v := NewShippingLabels(sampleShop(), shipments[:1], LabelOptions{Lang: LangChinese, Now: letterNow})
	zpl := writeZPL(t, v, DPI203)
	for _, r := range zpl {
		if r >= 0x2E80 {
			t.Fatalf("Chinese went to the printer as text: %q", r)
		}
	}
	l := readZPL(t, zpl)[0]
	if !l.has("barcode", "SF1234567890123") || !l.has("text", "1/2") || !l.has("text", "138 0571 2468") {
		t.Errorf("the Chinese label lost its ASCII fields: %q", l.texts())
	}
	// The recipient's name, 7 mm high: a graphic some 56 dots high with
	// ink in it.
	var inked int
	for _, f := range l.fields {
		if f.kind != "graphic" {
			continue
		}
		for _, b := range f.bits {
			if b != 0 {
				inked++
				break
			}
		}
	}
	if inked < 5 {
		t.Errorf("only %d graphics have ink in them", inked)
	}
	if !strings.Contains(zpl, "^BCN,160,N,N,N,A") {
		t.Errorf("the barcode is not 20 mm (160 dots) high in automatic mode:\n%s", zpl)
	}
}

// TestZPLEscapes: what ZPL reads as commands never reaches the printer
// raw, and comes back whole.
func TestZPLEscapes(t *testing.T) {
	v := ShippingLabels{Labels: []ShippingLabel{{Carrier: "A^B~C_D", Package: "1/1", Recipient: `Zoë \ Smith`,
		Address: "Rue de l'Église 3", Code: "X^1", Caption: "X^1"}}}
	zpl := writeZPL(t, v, DPI203)
	if strings.Contains(zpl, "A^B") || strings.Contains(zpl, "~") {
		t.Fatalf("command characters went out raw:\n%s", zpl)
	}
	l := readZPL(t, zpl)[0]
	for _, want := range []string{"A^B~C_D", `Zoë \ Smith`, "Rue de l'Église 3", "X^1"} {
		if !l.has("text", want) {
			t.Errorf("%q did not come back: %q", want, l.texts())
		}
	}
	if err := WriteShippingLabelsZPL(&bytes.Buffer{}, v, 600); err == nil {
		t.Error("600 dpi was accepted")
	}
}

// TestZPLCompression: a graphic's compressed rows decompress to its
// bits.
func TestZPLCompression(t *testing.T) {
	g := rasterLine("青岚茶舍 ¥128", 40)
	f := readZPL(t, "^XA^FO0,0"+g.zpl()+"^FS^XZ")[0].fields[0]
	if !bytes.Equal(f.bits, g.bits) {
		t.Fatalf("the graphic's %d bytes came back as %d different ones", len(g.bits), len(f.bits))
	}
	for n, want := range map[int]string{3: "I", 19: "Y", 20: "g", 47: "hM", 400: "z", 401: "zG"} {
		if got := zplRepeat(n); got != want {
			t.Errorf("a run of %d is %q, want %q", n, got, want)
		}
	}
}

// TestZPLLabelPicture draws the sample labels, Chinese and English, as
// the printer would; with -zpl-picture FILE it writes them for the
// README (go test ./reports -run ZPLLabelPicture -zpl-picture
// ../docs/screenshots/label-zpl.png).
func TestZPLLabelPicture(t *testing.T) {
	shipments, _ := sampleShipments()
	var drawn []*image.Gray
	for _, lang := range []Lang{LangChinese, LangEnglish} {
		ships := []app.Shipment{shipments[0]}
		if lang == LangEnglish {
			ships = []app.Shipment{shipments[2]}
		}
		v := NewShippingLabels(sampleShop(), ships, LabelOptions{Lang: lang, Now: letterNow})
		drawn = append(drawn, readZPL(t, writeZPL(t, v, DPI203))[0].draw(t))
	}
	// Ink where a label has it, and none in the margins.
	for i, img := range drawn {
		black := 0
		for _, p := range img.Pix {
			if p == 0 {
				black++
			}
		}
		if share := float64(black) / float64(len(img.Pix)); share < 0.03 || share > 0.5 {
			t.Errorf("label %d is %.0f%% black", i, share*100)
		}
	}
	// The printer's Code 128, drawn at the module width the label asks
	// for, scans as the tracking number.
	if zbar, err := exec.LookPath("zbarimg"); err == nil {
		path := filepath.Join(t.TempDir(), "label.png")
		var buf bytes.Buffer
		if err := png.Encode(&buf, drawn[0]); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(zbar, "-q", "--raw", "-Sdisable", "-Scode128.enable", path).Output()
		if err != nil || strings.TrimSpace(string(out)) != "SF1234567890123" {
			t.Errorf("the drawn label scans as %q (%v), want SF1234567890123", out, err)
		}
	}
	if *zplPicture == "" {
		return
	}
	const gap = 24
	w, h := drawn[0].Rect.Dx(), drawn[0].Rect.Dy()
	page := image.NewGray(image.Rect(0, 0, 2*w+3*gap, h+2*gap))
	draw.Draw(page, page.Rect, image.NewUniform(color.Gray{Y: 0xC8}), image.Point{}, draw.Src)
	for i, img := range drawn {
		draw.Draw(page, img.Rect.Add(image.Pt(gap+i*(w+gap), gap)), img, image.Point{}, draw.Src)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, page); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(*zplPicture, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkShippingLabelsZPL writes the four sample labels (Chinese
// names and addresses drawn as graphics) at 203 dpi.
func BenchmarkShippingLabelsZPL(b *testing.B) {
	shipments, _ := sampleShipments()
	v := NewShippingLabels(sampleShop(), shipments, LabelOptions{Lang: LangChinese, Now: letterNow})
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := WriteShippingLabelsZPL(&buf, v, DPI203); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/float64(len(v.Labels)), "bytes/label")
}
