package reports

import (
	"fmt"
	"image"
	"image/color"
	"strconv"
	"strings"
	"testing"

	"github.com/boombuler/barcode/code128"
)

// A reader of the ZPL the labels are written in: it parses the commands
// the writer uses (^XA ^PW ^LL ^FO ^A0 ^FB ^FH ^FD ^FR ^GB ^GFA ^BY ^BC
// ^FS ^XZ) into fields for the tests to check, and draws them as a
// printer would, for the README's picture: ^A0 text in the bundled font
// (the printer's own is not at hand), ^BC through the barcode library.

// zplField is one field as read back.
type zplField struct {
	kind      string // "text", "graphic", "barcode", "box"
	x, y      int    // origin, dots
	w, h      int    // box: size; text: block width and height; graphic: size; barcode: bar height
	thick     int    // box line
	align     string // text: L, C, R
	reverse   bool
	text      string // text and barcode data, hex escapes decoded
	module    int    // barcode module width
	rowBytes  int    // graphic
	bits      []byte // graphic, decompressed
	declared  int    // graphic: the byte count the command declares
	rowsFound int    // graphic: rows the data held
}

// zplRead is one label read back.
type zplRead struct {
	width, length int // ^PW, ^LL
	utf8          bool
	copies        int // ^PQ
	fields        []zplField
}

// readZPL parses the labels of a ZPL stream.
func readZPL(t testing.TB, zpl string) []zplRead {
	t.Helper()
	var labels []zplRead
	var cur *zplRead
	var f zplField
	var hex bool
	var module int
	for _, cmd := range strings.Split(zpl, "^")[1:] {
		cmd = strings.TrimRight(cmd, "\n")
		if len(cmd) < 2 {
			t.Fatalf("a command too short: ^%s", cmd)
		}
		name, arg := cmd[:2], cmd[2:]
		nums := func() []int {
			var out []int
			for _, p := range strings.Split(arg, ",") {
				n, err := strconv.Atoi(p)
				if err != nil {
					out = append(out, -1)
					continue
				}
				out = append(out, n)
			}
			return out
		}
		if name != "XA" && cur == nil {
			t.Fatalf("^%s outside a label", cmd)
		}
		switch name {
		case "XA":
			labels = append(labels, zplRead{})
			cur = &labels[len(labels)-1]
		case "XZ":
			cur = nil
		case "CI":
			cur.utf8 = arg == "28"
		case "PW":
			cur.width = nums()[0]
		case "LL":
			cur.length = nums()[0]
		case "LH":
		case "PQ":
			cur.copies = nums()[0]
		case "FO":
			n := nums()
			f = zplField{x: n[0], y: n[1]}
		case "FR":
			f.reverse = true
		case "A0":
			f.kind, f.h = "text", nums()[0] // "N,h" reads as -1, h
			if n := nums(); len(n) > 1 {
				f.h = n[1]
			}
		case "FB":
			p := strings.Split(arg, ",")
			f.w, _ = strconv.Atoi(p[0])
			f.align = p[3]
		case "FH":
			hex = true
		case "BY":
			module = nums()[0]
		case "BC":
			f.kind, f.h, f.module = "barcode", nums()[1], module
		case "GB":
			n := nums()
			f.kind, f.w, f.h, f.thick = "box", n[0], n[1], n[2]
		case "GF":
			p := strings.SplitN(arg, ",", 5)
			if p[0] != "A" {
				t.Fatalf("graphic format %q", p[0])
			}
			f.kind = "graphic"
			f.declared, _ = strconv.Atoi(p[2])
			f.rowBytes, _ = strconv.Atoi(p[3])
			f.bits, f.rowsFound = decompressZPL(t, p[4], f.rowBytes)
			f.w, f.h = f.rowBytes*8, f.rowsFound
		case "FD":
			f.text = arg
			if hex {
				f.text = unhexZPL(t, arg)
			}
			if f.kind == "text" {
				f.text = strings.ReplaceAll(f.text, `\\`, `\`)
			}
		case "FS":
			cur.fields = append(cur.fields, f)
			f, hex = zplField{}, false
		default:
			t.Fatalf("a command the writer should not use: ^%s", cmd)
		}
	}
	return labels
}

func unhexZPL(t testing.TB, s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '_' {
			v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				t.Fatalf("bad hex escape in %q", s)
			}
			b = append(b, byte(v))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

// decompressZPL undoes ZPL's ASCII compression of ^GFA data: count
// letters, "," (zeros to the row's end), "!" (ones), ":" (the row
// before again).
func decompressZPL(t testing.TB, data string, rowBytes int) ([]byte, int) {
	t.Helper()
	var out []byte
	var row, prev strings.Builder
	rows := 0
	endRow := func(fill byte) {
		for row.Len() < 2*rowBytes {
			row.WriteByte(fill)
		}
		if row.Len() > 2*rowBytes {
			t.Fatalf("a graphic row of %d digits, want %d", row.Len(), 2*rowBytes)
		}
		var b []byte
		fmt.Sscanf(row.String(), "%X", &b)
		out = append(out, b...)
		prev.Reset()
		prev.WriteString(row.String())
		row.Reset()
		rows++
	}
	count := 0
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c >= 'G' && c <= 'Y':
			count += int(c-'G') + 1
		case c >= 'g' && c <= 'z':
			count += (int(c-'g') + 1) * 20
		case c == ',':
			endRow('0')
		case c == '!':
			endRow('F')
		case c == ':':
			row.WriteString(prev.String())
			endRow('0')
		default:
			n := max(count, 1)
			for range n {
				row.WriteByte(c)
			}
			count = 0
			if row.Len() >= 2*rowBytes {
				endRow('0')
			}
		}
	}
	if row.Len() > 0 {
		endRow('0')
	}
	return out, rows
}

// draw paints a label as the printer would: black on white, reversed
// fields inverting what lies under them.
func (l zplRead) draw(t testing.TB) *image.Gray {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, l.width, l.length))
	for i := range img.Pix {
		img.Pix[i] = 0xFF
	}
	set := func(x, y int, reverse bool) {
		if !(image.Point{x, y}.In(img.Rect)) {
			return
		}
		if reverse && img.GrayAt(x, y).Y == 0 {
			img.SetGray(x, y, color.Gray{0xFF})
			return
		}
		img.SetGray(x, y, color.Gray{0})
	}
	bitmap := func(g zplGraphic, x0, y0 int, reverse bool) {
		for y := range g.height {
			for x := range g.rowBytes * 8 {
				if g.bits[y*g.rowBytes+x/8]&(0x80>>(x%8)) != 0 {
					set(x0+x, y0+y, reverse)
				}
			}
		}
	}
	for _, f := range l.fields {
		switch f.kind {
		case "box":
			for y := f.y; y < f.y+f.h; y++ {
				for x := f.x; x < f.x+f.w; x++ {
					if x < f.x+f.thick || x >= f.x+f.w-f.thick || y < f.y+f.thick || y >= f.y+f.h-f.thick {
						set(x, y, f.reverse)
					}
				}
			}
		case "graphic":
			bitmap(zplGraphic{width: f.w, height: f.h, rowBytes: f.rowBytes, bits: f.bits}, f.x, f.y, f.reverse)
		case "text":
			g := rasterLine(f.text, f.h)
			x := f.x
			switch f.align {
			case "C":
				x += (f.w - g.width) / 2
			case "R":
				x += f.w - g.width
			}
			bitmap(g, x, f.y, f.reverse)
		case "barcode":
			code, err := code128.Encode(f.text)
			if err != nil {
				t.Fatalf("the printer could not encode %q: %v", f.text, err)
			}
			for m := range code.Bounds().Dx() {
				if !dark(code.At(m, 0)) {
					continue
				}
				for y := f.y; y < f.y+f.h; y++ {
					for x := f.x + m*f.module; x < f.x+(m+1)*f.module; x++ {
						set(x, y, f.reverse)
					}
				}
			}
		}
	}
	return img
}
