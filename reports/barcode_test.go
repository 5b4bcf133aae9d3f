package reports

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
)

// Code 128's own start and stop symbols, as modules.
const (
	startB = "11010010000"
	startC = "11010011100"
	stop   = "1100011101011"
)

func modules(bars []bool) string {
	var b strings.Builder
	for _, dark := range bars {
		if dark {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
	}
	return b.String()
}

// runs are the lengths of the stretches of equal modules.
func runs(pattern string) []int {
	var out []int
	for i := 0; i < len(pattern); {
		j := i
		for j < len(pattern) && pattern[j] == pattern[i] {
			j++
		}
		out = append(out, j-i)
		i = j
	}
	return out
}

func TestCode128Refuses(t *testing.T) {
	for name, text := range map[string]string{
		"empty": "", "Chinese": "货号-01", "Latin-1 read as a function code": "ñandú", "tab": "A\tB",
		"too long": strings.Repeat("7", 81), "emoji": "box🎁",
	} {
		if _, ok := code128Bars(text); ok {
			t.Errorf("%s (%q) was encoded", name, text)
		}
	}
	pdf, err := newPDF(PaperA4, letterNow)
	if err != nil {
		t.Fatal(err)
	}
	pdf.AddPage()
	if w, ok := drawBarcode(pdf, "货号", 10, 10, 80, 10, 0.4, "L"); ok || w != 0 {
		t.Errorf("an unencodable text drew a barcode %.1f mm wide", w)
	}
	for _, text := range []string{"A", strings.Repeat("7", 80), "202611-007", "SF1234567890123", `a~ {}|"'`} {
		if _, ok := code128Bars(text); !ok {
			t.Errorf("%q was refused", text)
		}
	}
}

// TestBarcodePrintsItsPattern rasterises barcodes drawn 0.5 mm a module
// at 254 dpi (5 pixels a module) and reads the bars back from a row of
// pixels: they start after the quiet zone, begin with the right start
// symbol, end with the stop symbol, and every bar and space is as wide
// as the pattern says.
func TestBarcodePrintsItsPattern(t *testing.T) {
	for code, start := range map[string]string{"202611-007": startC, "TEA-LJ-250": startB, "SF1234567890123": startB} {
		bars, ok := code128Bars(code)
		if !ok {
			t.Fatalf("%q was refused", code)
		}
		pattern := modules(bars)
		if !strings.HasPrefix(pattern, start) || !strings.HasSuffix(pattern, stop) {
			t.Errorf("%q: the pattern %s does not start with %s and end with %s", code, pattern, start, stop)
		}

		pdf, err := newPDF(PaperA4, letterNow)
		if err != nil {
			t.Fatal(err)
		}
		pdf.AddPage()
		const x, y, module = 20.0, 20.0, 0.5
		width, ok := drawBarcode(pdf, code, x, y, 180, 15, module, "L")
		if !ok || width != module*float64(len(bars)+2*quietModules) {
			t.Fatalf("%q: drawn %.2f mm wide, ok %v", code, width, ok)
		}
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			t.Fatal(err)
		}
		// One row of pixels through the middle of the bars, 10 px a mm,
		// anti-aliased so that a pixel is dark when the bars cover most
		// of it, whatever the rasteriser's rule for edges.
		raster := poppler(t, "pdftoppm", buf.Bytes(), "-r", "254", "-gray", "-png",
			"-singlefile", "-x", "0", "-y", "270", "-W", "2100", "-H", "1", "{}")
		img, err := png.Decode(strings.NewReader(raster))
		if err != nil {
			t.Fatal(err)
		}
		var row strings.Builder
		for px := img.Bounds().Min.X; px < img.Bounds().Max.X; px++ {
			gray, _, _, _ := img.At(px, 0).RGBA()
			if gray < 0x8000 {
				row.WriteByte('1')
			} else {
				row.WriteByte('0')
			}
		}
		printed := row.String()
		first, last := strings.IndexByte(printed, '1'), strings.LastIndexByte(printed, '1')
		if first < 0 {
			t.Fatalf("%q: no bars in the raster", code)
		}
		if want := int((x + quietModules*module) * 10); abs(first-want) > 1 {
			t.Errorf("%q: the bars start at pixel %d, want %d (after the quiet zone)", code, first, want)
		}
		got, want := runs(printed[first:last+1]), runs(pattern)
		if len(got) != len(want) {
			t.Fatalf("%q: %d bars and spaces printed, want %d", code, len(got), len(want))
		}
		for i := range want {
			if abs(got[i]-want[i]*5) > 1 {
				t.Errorf("%q: bar or space %d is %d px, want %d", code, i, got[i], want[i]*5)
			}
		}
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
