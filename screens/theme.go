package screens

import (
	"encoding/binary"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"orderdesk/assets"
)

// shopTheme is Fyne's default theme (it follows the system's light or dark
// setting) with a bundled Chinese font, so Chinese renders alike on every
// machine rather than only where the system happens to have a CJK font.
//
// Fyne measures a line with the font that has the space glyph (the first
// in its list: ours) and places the baseline at the ascent of the font
// that draws the first glyph. WenQuanYi's lines are 1.17 em tall and
// Fyne's Noto Sans needs 1.36 em, so Latin descenders (g, y, p, q) fell
// below the bottom of the text and were cut. The bundled fonts are
// therefore given Noto Sans's ascent and descent (scaled to their em):
// every face in the list then shares one baseline and one line height.
//
// Bold: WenQuanYi has no bold, so a bold Chinese heading drew its Chinese
// regular and its digits and Latin in Noto Sans Bold. In a Chinese UI a
// bold style is drawn whole in WenQuanYi (regular, it has Latin and
// digits too), one weight per heading; in other languages bold Latin
// stays Noto Sans Bold.
type shopTheme struct {
	fyne.Theme
	cjk   fyne.Resource // CJK only: Latin falls through to Noto Sans
	whole fyne.Resource // Latin and CJK in one weight, for bold in Chinese
}

// NewTheme returns the program's theme.
func NewTheme() fyne.Theme {
	model := theme.DefaultTextFont().Content()
	return &shopTheme{Theme: theme.DefaultTheme(),
		cjk:   fyne.NewStaticResource("WenQuanYiMicroHei-CJK.ttf", withLineMetricsOf(assets.CJKFont, model)),
		whole: fyne.NewStaticResource("WenQuanYiMicroHei.ttf", withLineMetricsOf(assets.DocumentFont, model)),
	}
}

func (t *shopTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return t.Theme.Font(s)
	}
	if s.Bold && chineseUI() {
		return t.whole
	}
	return t.cjk
}

// chineseUI reports whether the window speaks Chinese: the language chosen
// in Settings, else the system's.
func chineseUI() bool {
	l := loadedLanguage
	if l == "" {
		l = lang.SystemLocale().LanguageString()
	}
	return strings.HasPrefix(l, "zh")
}

// lineMetrics are a font's em and its horizontal line metrics (hhea), in
// font units; descent is negative.
type lineMetrics struct{ upem, ascent, descent, gap int }

// sfntTable returns the bytes of the table tag of a TrueType font (a
// slice of ttf, so writes go into the font), or nil.
func sfntTable(ttf []byte, tag string) []byte {
	if len(ttf) < 12 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return nil
		}
		if string(ttf[rec:rec+4]) == tag {
			off, size := int(binary.BigEndian.Uint32(ttf[rec+8:])), int(binary.BigEndian.Uint32(ttf[rec+12:]))
			if off < 0 || size < 0 || off+size > len(ttf) {
				return nil
			}
			return ttf[off : off+size]
		}
	}
	return nil
}

// fontLineMetrics reads a font's em and hhea line metrics; ok is false
// for a file that is not a TrueType font with both tables.
func fontLineMetrics(ttf []byte) (m lineMetrics, ok bool) {
	head, hhea := sfntTable(ttf, "head"), sfntTable(ttf, "hhea")
	if len(head) < 20 || len(hhea) < 10 {
		return m, false
	}
	i16 := func(b []byte) int { return int(int16(binary.BigEndian.Uint16(b))) }
	return lineMetrics{upem: int(binary.BigEndian.Uint16(head[18:])), ascent: i16(hhea[4:]), descent: i16(hhea[6:]), gap: i16(hhea[8:])}, true
}

// withLineMetricsOf returns a copy of the TrueType font ttf whose line
// metrics (hhea, and OS/2's typographic and Windows ones) are model's,
// scaled to ttf's em. The glyphs are untouched. A font it cannot read
// comes back as it was.
func withLineMetricsOf(ttf, model []byte) []byte {
	want, ok1 := fontLineMetrics(model)
	have, ok2 := fontLineMetrics(ttf)
	if !ok1 || !ok2 || want.upem == 0 {
		return ttf
	}
	scale := func(v int) int16 { return int16(math.Round(float64(v) * float64(have.upem) / float64(want.upem))) }
	asc, desc, gap := scale(want.ascent), scale(want.descent), scale(want.gap)
	out := append([]byte(nil), ttf...)
	put := func(b []byte, v int16) { binary.BigEndian.PutUint16(b, uint16(v)) }
	hhea := sfntTable(out, "hhea")
	put(hhea[4:], asc)
	put(hhea[6:], desc)
	put(hhea[8:], gap)
	if os2 := sfntTable(out, "OS/2"); len(os2) >= 78 {
		put(os2[68:], asc)
		put(os2[70:], desc)
		put(os2[72:], gap)
		if int(binary.BigEndian.Uint16(os2[74:])) < int(asc) {
			put(os2[74:], asc)
		}
		if int(binary.BigEndian.Uint16(os2[76:])) < -int(desc) {
			put(os2[76:], -desc)
		}
	}
	fixTableChecksums(out)
	return out
}

// fixTableChecksums recomputes the checksum of every table in the font's
// directory after its tables were changed in place.
func fixTableChecksums(ttf []byte) {
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := range n {
		rec := 12 + 16*i
		tag := string(ttf[rec : rec+4])
		if tag != "hhea" && tag != "OS/2" {
			continue
		}
		table := sfntTable(ttf, tag)
		var sum uint32
		for j := 0; j < len(table); j += 4 {
			var word [4]byte
			copy(word[:], table[j:])
			sum += binary.BigEndian.Uint32(word[:])
		}
		binary.BigEndian.PutUint32(ttf[rec+4:], sum)
	}
}
