package reports

import (
	"image/color"
	"strconv"

	"github.com/boombuler/barcode/code128"
	"github.com/jung-kurt/gofpdf"
)

// Code 128 figures: a quiet zone of ten modules on either side is what
// scanners need to find the code's ends.
const (
	quietModules   = 10
	maxCode128Runs = 80 // the library encodes at most this many characters
)

// bars is a Code 128 pattern, one entry per module, true for a dark one.
type bars []bool

// code128Bars is text's Code 128 pattern; false when Code 128 cannot hold
// the text. Only printable ASCII goes in: the library reads some Latin-1
// letters (ñ, ò…) as function codes, and anything else it cannot encode
// at all.
func code128Bars(text string) (bars, bool) {
	n := 0
	for _, r := range text {
		if r < 0x20 || r > 0x7E {
			return nil, false
		}
		n++
	}
	if n == 0 || n > maxCode128Runs {
		return nil, false
	}
	code, err := code128.Encode(text)
	if err != nil {
		return nil, false
	}
	out := make(bars, code.Bounds().Dx())
	for x := range out {
		out[x] = dark(code.At(x, 0))
	}
	return out, true
}

func dark(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r+g+b < 3*0x8000
}

// module is the width (mm) of one module when the code, quiet zones
// included, is drawn at most width mm wide with modules no wider than
// widest.
func (b bars) module(width, widest float64) float64 {
	return min(widest, width/float64(len(b)+2*quietModules))
}

// draw draws the code as filled rectangles (vector bars print crisp at
// any resolution) in the box at x, y, at most width mm wide, quiet zones
// included, and height mm high, with modules no wider than widest; align
// "C" centres it in the box, anything else puts it at the left. It
// returns the width drawn.
func (b bars) draw(pdf *gofpdf.Fpdf, x, y, width, height, widest float64, align string) float64 {
	module := b.module(width, widest)
	total := module * float64(len(b)+2*quietModules)
	if align == "C" {
		x += (width - total) / 2
	}
	fillColor(pdf, black)
	// One rectangle a bar, not a module, all filled by one operator and
	// written straight to the page: a batch of pick lists draws thousands
	// of barcodes, and gofpdf's Rect formats each with fmt.
	k := pdf.GetConversionRatio()
	_, pageHeight := pdf.GetPageSize()
	top, h := (pageHeight-y)*k, -height*k
	path := make([]byte, 0, 16*len(b))
	start := -1
	for i := 0; i <= len(b); i++ {
		switch {
		case i < len(b) && b[i] && start < 0:
			start = i
		case (i == len(b) || !b[i]) && start >= 0:
			left := (x + float64(quietModules+start)*module) * k
			path = appendRect(path, left, top, float64(i-start)*module*k, h)
			start = -1
		}
	}
	if len(path) > 0 {
		pdf.RawWriteStr(string(append(path, 'f')))
	}
	return total
}

// appendRect appends a PDF rectangle (in points, from the page's foot)
// to a path.
func appendRect(path []byte, x, y, w, h float64) []byte {
	for _, v := range [4]float64{x, y, w, h} {
		path = strconv.AppendFloat(path, v, 'f', 2, 64)
		path = append(path, ' ')
	}
	return append(path, "re\n"...)
}

// drawBarcode draws text's barcode like bars.draw; false, drawing
// nothing, when Code 128 cannot hold the text.
func drawBarcode(pdf *gofpdf.Fpdf, text string, x, y, width, height, widest float64, align string) (float64, bool) {
	b, ok := code128Bars(text)
	if !ok {
		return 0, false
	}
	return b.draw(pdf, x, y, width, height, widest, align), true
}

// barcodeWithText draws code's barcode with a caption under it (the
// code itself, or the code with a label) at size points, both centred in
// the box at x, y, width mm wide; the bars are barHeight mm high. It
// returns the block's height; a code that Code 128 cannot hold prints as
// its caption alone.
func barcodeWithText(pdf *gofpdf.Fpdf, code, caption string, x, y, width, barHeight, widest, size float64) float64 {
	h := 0.0
	if _, ok := drawBarcode(pdf, code, x, y, width, barHeight, widest, "C"); ok {
		h = barHeight + 0.6
	}
	pdf.SetFont(fontName, "", size)
	lh := size * 0.3528 * 1.25
	pdf.SetXY(x, y+h)
	pdf.CellFormat(width, lh, firstLine(pdf, caption, width), "", 0, "C", false, 0, "")
	return h + lh
}
