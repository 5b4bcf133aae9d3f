// Package reports writes the shop's documents (PDF, with gofpdf) and
// workbooks (Excel, with excelize) to an io.Writer from plain view structs
// of already formatted text. It knows nothing of the store or the GUI.
package reports

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"github.com/jung-kurt/gofpdf"

	"orderdesk/assets"
)

// fontName is the embedded document font's name inside a PDF.
const fontName = "doc"

// newPDF starts a document on the given paper with the embedded font,
// fixed dates and catalog order, so the same view always gives the same
// file.
func newPDF(paper Paper, created time.Time) (*gofpdf.Fpdf, error) {
	var pdf *gofpdf.Fpdf
	switch paper {
	case "", PaperA4:
		pdf = gofpdf.New("P", "mm", string(PaperA4), "")
	case PaperLetter:
		pdf = gofpdf.New("P", "mm", string(PaperLetter), "")
	case paperLabel:
		pdf = gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: "P", UnitStr: "mm",
			Size: gofpdf.SizeType{Wd: labelWidth, Ht: labelHeight}})
	default:
		return nil, fmt.Errorf("unknown paper size %q", paper)
	}
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.AddUTF8FontFromBytes(fontName, "", assets.DocumentFont)
	pdf.SetFont(fontName, "", 10)
	// gofpdf reports a bad font only here, as "undefined font".
	if pdf.Err() {
		return nil, fmt.Errorf("document font: %w", pdf.Error())
	}
	if paper == paperLabel {
		// A label is one page per package, laid out to the millimetre.
		pdf.SetMargins(labelMargin, labelMargin, labelMargin)
		pdf.SetAutoPageBreak(false, 0)
		return pdf, nil
	}
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, footerSpace)
	return pdf, nil
}

// printable replaces what the font cannot draw: runes outside the Basic
// Multilingual Plane (emoji, rare Han) make gofpdf panic, and control
// characters print as boxes.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r > 0xFFFF:
			return '?'
		case r == '\n':
			return r
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, s)
}

// closingPunct may not start a line, openingPunct may not end one.
const (
	closingPunct = "，。、；：？！）》」』】〉”’…,.;:?!)]}%"
	openingPunct = "（《「『【〈“‘"
)

// wrap splits text into lines no wider than width (mm) at the current
// font. gofpdf's own MultiCell drops a Chinese character at each wrap, so
// lines are measured here: Latin text breaks at spaces, Chinese between
// any two characters, and no line starts with closing punctuation nor
// ends with opening punctuation.
func wrap(pdf *gofpdf.Fpdf, text string, width float64) []string {
	return wrapMeasured(pdf.GetStringWidth, text, width)
}

// wrapMeasured is wrap with any measure of a string's width: ZPL labels
// measure with the bundled font's own metrics (zpl.go).
func wrapMeasured(measure func(string) float64, text string, width float64) []string {
	var lines []string
	for _, para := range strings.Split(printable(text), "\n") {
		line, word := "", ""
		flushWord := func() {
			if word == "" {
				return
			}
			if measure(line+word) <= width || line == "" {
				line += word
			} else {
				lines = append(lines, strings.TrimRight(line, " "))
				line = strings.TrimLeft(word, " ")
			}
			word = ""
		}
		afterOpening := false
		for _, r := range para {
			closing := strings.ContainsRune(closingPunct, r)
			opening := strings.ContainsRune(openingPunct, r)
			// Chinese may break before any character, Latin at a space;
			// never after an opening mark nor before a closing one.
			if (r == ' ' || r >= 0x2E80 || opening) && !closing && !afterOpening {
				flushWord()
			}
			word += string(r)
			afterOpening = opening
			// A word wider than the line on its own is cut where it must.
			for measure(word) > width && len([]rune(word)) > 1 {
				rs := []rune(word)
				cut := len(rs) - 1
				for cut > 1 && measure(string(rs[:cut])) > width {
					cut--
				}
				if line != "" {
					lines = append(lines, strings.TrimRight(line, " "))
					line = ""
				}
				lines = append(lines, string(rs[:cut]))
				word = string(rs[cut:])
			}
		}
		flushWord()
		lines = append(lines, strings.TrimRight(line, " "))
	}
	return lines
}

// text writes wrapped text at the current position, lineHeight mm apart.
func text(pdf *gofpdf.Fpdf, s string, width, lineHeight float64, align string) {
	x := pdf.GetX()
	for _, l := range wrap(pdf, s, width) {
		pdf.SetX(x)
		pdf.CellFormat(width, lineHeight, l, "", 1, align, false, 0, "")
	}
}

func finish(pdf *gofpdf.Fpdf, w io.Writer) error {
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("write the PDF: %w", err)
	}
	return nil
}
