package reports

import (
	"fmt"
	"image"
	"math"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"orderdesk/assets"
)

// ZPL is the language of the thermal label printers most small shops use
// (Zebra's, and the many that speak it). A label is laid out here in
// millimetres like the PDFs and written in the printer's dots: text the
// printer's own scalable font draws (ASCII and Latin-1) as ^A0 text, so
// it stays sharp; anything else (Chinese, €…) drawn from the bundled
// document font as a 1-bit graphic (^GFA); barcodes as the printer's own
// Code 128 (^BC), which it draws to the dot. A line that mixes the two
// (a Chinese address with its house number) is drawn whole: the
// printer's font widths are not known here, so its pieces could not be
// set side by side.

// The printer resolutions the labels are written for.
const (
	DPI203 = 203 // 8 dots a millimetre, the common desktop printers
	DPI300 = 300 // 12 dots a millimetre
)

// CheckDPI refuses a resolution the labels are not laid out for.
func CheckDPI(dpi int) error {
	if dpi != DPI203 && dpi != DPI300 {
		return fmt.Errorf("a thermal printer prints at 203 or 300 dpi, not %d", dpi)
	}
	return nil
}

// zplLabel is one label (^XA … ^XZ) being written; positions and sizes
// are in millimetres from the label's top left corner.
type zplLabel struct {
	b   *strings.Builder
	dpi int
}

// startZPL begins a label w × h mm: UTF-8 field data (^CI28), the print
// width and length, the origin at the corner.
func startZPL(b *strings.Builder, dpi int, w, h float64) *zplLabel {
	z := &zplLabel{b: b, dpi: dpi}
	fmt.Fprintf(b, "^XA\n^CI28\n^PW%d\n^LL%d\n^LH0,0\n", z.dots(w), z.dots(h))
	return z
}

func (z *zplLabel) end() { z.b.WriteString("^XZ\n") }

// dots converts millimetres to the printer's dots.
func (z *zplLabel) dots(mm float64) int { return int(math.Round(mm * float64(z.dpi) / 25.4)) }

// box draws a rectangle's outline thick mm wide; thick ≥ the smaller side
// fills it.
func (z *zplLabel) box(x, y, w, h, thick float64) {
	t := max(z.dots(thick), 1)
	fmt.Fprintf(z.b, "^FO%d,%d^GB%d,%d,%d^FS\n", z.dots(x), z.dots(y), max(z.dots(w), t), max(z.dots(h), t), t)
}

// rule draws a horizontal line thick mm high.
func (z *zplLabel) rule(x, y, w, thick float64) { z.box(x, y, w, thick, thick) }

// text writes one line of s at x, y in a box w mm wide (align "L", "C"
// or "R"), h mm high; reverse prints it white where it meets black (on a
// filled box). The line is cut to the width: what does not fit is lost
// rather than printed over its neighbour.
func (z *zplLabel) text(x, y, w, h float64, s, align string, reverse bool) {
	s = zplFirstLine(s, w, h)
	if strings.TrimSpace(s) == "" {
		return
	}
	fr := ""
	if reverse {
		fr = "^FR"
	}
	if printerFontHas(s) {
		// A one-line field block places the line: the printer aligns
		// it in the block with its own font's widths.
		fmt.Fprintf(z.b, "^FO%d,%d%s^A0N,%d^FB%d,1,0,%s^FH^FD%s^FS\n", z.dots(x), z.dots(y), fr, z.dots(h),
			z.dots(w), align, zplFieldData(s, true))
		return
	}
	g := rasterLine(s, z.dots(h))
	left := z.dots(x)
	switch align {
	case "C":
		left += (z.dots(w) - g.width) / 2
	case "R":
		left += z.dots(w) - g.width
	}
	fmt.Fprintf(z.b, "^FO%d,%d%s%s^FS\n", max(left, 0), z.dots(y), fr, g.zpl())
}

// lines writes lines one under the other lh mm apart, and returns the
// foot's y.
func (z *zplLabel) lines(ls []string, x, y, w, h, lh float64) float64 {
	for _, l := range ls {
		z.text(x, y, w, h, l, "L", false)
		y += lh
	}
	return y
}

// barcode draws code as the printer's Code 128 centred in a box w mm
// wide, quiet zones included, h mm high, modules no wider than widest
// mm; false, drawing nothing, when Code 128 cannot hold the code or the
// box is too narrow for one dot a module.
func (z *zplLabel) barcode(code string, x, y, w, h, widest float64) bool {
	b, ok := code128Bars(code)
	if !ok {
		return false
	}
	n := len(b) + 2*quietModules
	module := min(max(z.dots(widest), 1), int(float64(z.dpi)*w/25.4)/n)
	if module < 1 {
		return false
	}
	// The printer chooses its code sets itself (mode A) as the library
	// does, so the pattern, and its width, is the one measured here.
	left := z.dots(x) + (z.dots(w)-module*n)/2 + module*quietModules
	fmt.Fprintf(z.b, "^BY%d,3,%d^FO%d,%d^BCN,%d,N,N,N,A^FH^FD%s^FS\n", module, z.dots(h), left, z.dots(y), z.dots(h),
		zplFieldData(code, false))
	return true
}

// printerFontHas says whether the printer's built-in font draws s: its
// scalable font 0 holds ASCII and Latin-1.
func printerFontHas(s string) bool {
	for _, r := range s {
		if r < 0x20 || (r > 0x7E && r < 0xA0) || r > 0xFF {
			return false
		}
	}
	return true
}

// zplFieldData escapes what ZPL reads as commands (^ and ~) and the hex
// escape's own sign (_) as ^FH hex; inside a field block the backslash
// is its escape too.
func zplFieldData(s string, block bool) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '^' || r == '~' || r == '_':
			fmt.Fprintf(&b, "_%02X", r)
		case r == '\\' && block:
			b.WriteString(`\\`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// The bundled font, parsed once, for measuring and drawing labels' text.
// opentype faces are not safe for use by several goroutines: one lock.
var labelFont struct {
	sync.Mutex
	font  *opentype.Font
	faces map[int]font.Face
	err   error
}

// labelFace is the bundled font at px pixels (dots) to the em, under
// labelFont's lock.
func labelFace(px int) font.Face {
	if labelFont.font == nil && labelFont.err == nil {
		labelFont.font, labelFont.err = opentype.Parse(assets.DocumentFont)
		labelFont.faces = map[int]font.Face{}
	}
	if labelFont.err != nil {
		// The font is built into the program: its tests fail first.
		panic(fmt.Sprintf("the bundled font: %v", labelFont.err))
	}
	f, ok := labelFont.faces[px]
	if !ok {
		var err error
		f, err = opentype.NewFace(labelFont.font, &opentype.FaceOptions{Size: float64(px), DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			panic(fmt.Sprintf("the bundled font at %d px: %v", px, err))
		}
		labelFont.faces[px] = f
	}
	return f
}

// measureScale is the em (px) text is measured at; widths scale from it.
const measureScale = 1000

// zplWidth is s's width in mm at h mm to the em, in the bundled font.
// The printer's font 0 is a condensed face, narrower than this one, so
// a line measured to fit here fits there too.
func zplWidth(s string, h float64) float64 {
	labelFont.Lock()
	defer labelFont.Unlock()
	adv := font.MeasureString(labelFace(measureScale), printable(s))
	return float64(adv) / 64 / measureScale * h
}

// zplWrap wraps s to lines w mm wide at h mm, breaking as the PDFs do.
func zplWrap(s string, w, h float64) []string {
	return wrapMeasured(func(t string) float64 { return zplWidth(t, h) }, s, w)
}

func zplFirstLine(s string, w, h float64) string {
	if ls := zplWrap(s, w, h); len(ls) > 0 {
		return ls[0]
	}
	return ""
}

// zplFit wraps s to width at the largest size from largest down to
// smallest (mm, in half millimetres) that takes at most maxLines lines.
func zplFit(s string, width, largest, smallest float64, maxLines int) ([]string, float64) {
	for size := largest; ; size -= 0.5 {
		ls := zplWrap(s, width, size)
		if len(ls) <= maxLines || size <= smallest {
			return ls, size
		}
	}
}

// zplBox wraps s into a box width wide and height high at the largest
// size that fits, like fitBox, cutting with "…" at the smallest; it
// returns the lines, their size and their distance.
func zplBox(s string, width, height, largest, smallest float64) ([]string, float64, float64) {
	for size := largest; ; size -= 0.5 {
		ls, lh := zplWrap(s, width, size), size*1.2
		if float64(len(ls))*lh <= height {
			return ls, size, lh
		}
		if size <= smallest {
			keep := max(int(height/lh), 1)
			ls = ls[:keep]
			last := []rune(ls[keep-1])
			for len(last) > 0 && zplWidth(string(last)+"…", size) > width {
				last = last[:len(last)-1]
			}
			ls[keep-1] = string(last) + "…"
			return ls, size, lh
		}
	}
}

// zplGraphic is a 1-bit picture, rows of bytes, the leftmost dot in the
// high bit, 1 for black.
type zplGraphic struct {
	width, height, rowBytes int
	bits                    []byte
}

// rasterLine draws s in the bundled font px dots to the em, black on
// nothing, as wide as it runs.
func rasterLine(s string, px int) zplGraphic {
	labelFont.Lock()
	defer labelFont.Unlock()
	face := labelFace(max(px, 4))
	s = printable(s)
	m := face.Metrics()
	ascent := m.Ascent.Ceil()
	h := ascent + m.Descent.Ceil()
	w := max(font.MeasureString(face, s).Ceil(), 1)
	img := image.NewAlpha(image.Rect(0, 0, w, h))
	d := font.Drawer{Dst: img, Src: image.Opaque, Face: face, Dot: fixed.P(0, ascent)}
	d.DrawString(s)
	g := zplGraphic{width: w, height: h, rowBytes: (w + 7) / 8}
	g.bits = make([]byte, g.rowBytes*h)
	for y := range h {
		for x := range w {
			// Half covered or more is black: thermal dots are all or none.
			if img.AlphaAt(x, y).A >= 0x80 {
				g.bits[y*g.rowBytes+x/8] |= 0x80 >> (x % 8)
			}
		}
	}
	return g
}

// zpl is the graphic as a ^GFA command, its hex rows in ZPL's ASCII
// compression: a row like the one before is ":", a row's trailing zeros
// ",", runs of one digit a count letter and the digit.
func (g zplGraphic) zpl() string {
	total := g.rowBytes * g.height
	var b strings.Builder
	fmt.Fprintf(&b, "^GFA,%d,%d,%d,", total, total, g.rowBytes)
	prev := ""
	for y := range g.height {
		row := fmt.Sprintf("%X", g.bits[y*g.rowBytes:(y+1)*g.rowBytes])
		if y > 0 && row == prev {
			b.WriteByte(':')
			continue
		}
		prev = row
		b.WriteString(zplCompressRow(row))
	}
	return b.String()
}

// zplCompressRow writes one hex row in ZPL's ASCII compression.
func zplCompressRow(row string) string {
	trimmed := strings.TrimRight(row, "0")
	var b strings.Builder
	for i := 0; i < len(trimmed); {
		j := i
		for j < len(trimmed) && trimmed[j] == trimmed[i] {
			j++
		}
		if n := j - i; n > 2 {
			b.WriteString(zplRepeat(n))
		} else if n == 2 {
			b.WriteByte(trimmed[i])
		}
		b.WriteByte(trimmed[i])
		i = j
	}
	if len(trimmed) < len(row) {
		b.WriteByte(',')
	}
	return b.String()
}

// zplRepeat is the count letters that repeat the next digit n times:
// g…z for 20…400 in twenties, then G…Y for 1…19.
func zplRepeat(n int) string {
	var b strings.Builder
	for n >= 20 {
		k := min(n/20, 20)
		b.WriteByte(byte('g' + k - 1))
		n -= k * 20
	}
	if n > 0 {
		b.WriteByte(byte('G' + n - 1))
	}
	return b.String()
}
