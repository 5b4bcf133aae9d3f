package screens

import (
	"bytes"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"
)

// fyneFallback is the font Fyne puts after the theme's for a style.
func fyneFallback(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Bold && s.Italic:
		return theme.DefaultTextBoldItalicFont()
	case s.Bold:
		return theme.DefaultTextBoldFont()
	case s.Italic:
		return theme.DefaultTextItalicFont()
	}
	return theme.DefaultTextFont()
}

// Fyne draws a line into a texture as tall as the line it measured (with
// the font that has the space) and puts the baseline at the ascent of the
// font that draws the first glyph. Whichever bundled font draws a glyph,
// the baseline must be the line's and its descent must fit below it:
// otherwise the bottoms of g, y, p and q are cut.
func TestTextKeepsDescendersWhole(t *testing.T) {
	samples := []string{"Try the sample shop", "Open an existing shop", "gypq jy", "订单 202612-101 已付款",
		"¥1,234.50 合计 quantity", "Late fee to date"}
	// The theme follows the language LoadTranslations was given; set here
	// alone, since Fyne's translations cannot be switched back within a
	// test binary.
	defer func(was string) { loadedLanguage = was }(loadedLanguage)
	for _, language := range []string{"en", "zh-Hans"} {
		test.NewTempApp(t)
		loadedLanguage = language
		th := NewTheme()
		fyne.CurrentApp().Settings().SetTheme(th)
		for _, style := range []fyne.TextStyle{{}, {Bold: true}, {Italic: true}} {
			for _, res := range []fyne.Resource{th.Font(style), fyneFallback(style)} {
				m, ok := fontLineMetrics(res.Content())
				if !ok {
					t.Fatalf("%s: not a TrueType font", res.Name())
				}
				for _, size := range []float32{theme.TextSize(), theme.TextSubHeadingSize(), theme.TextHeadingSize()} {
					ascent := float32(m.ascent) / float32(m.upem) * size
					descent := -float32(m.descent) / float32(m.upem) * size
					for _, text := range samples {
						got, baseline := fyne.CurrentApp().Driver().RenderedTextSize(text, size, style, nil)
						if math.Abs(float64(ascent-baseline)) > 0.5 {
							t.Errorf("%s %+v %.0fpx %q: %s puts the baseline at %.1f, the line at %.1f", language, style, size,
								text, res.Name(), ascent, baseline)
						}
						if below := got.Height - baseline; below+0.01 < descent {
							t.Errorf("%s %+v %.0fpx %q: %.1f px under the baseline, %s descends %.1f: descenders are cut",
								language, style, size, text, below, res.Name(), descent)
						}
					}
				}
			}
		}
	}
}

// A heading is drawn in one weight: in Chinese every glyph of a bold
// heading (Chinese, digits, Latin) comes from the theme's bold font rather
// than bold digits beside regular Chinese.
func TestChineseBoldHeadingIsOneFace(t *testing.T) {
	test.NewTempApp(t)
	defer func(was string) { loadedLanguage = was }(loadedLanguage)
	loadedLanguage = "zh-Hans"
	th := NewTheme()
	bold := fyne.TextStyle{Bold: true}
	first, err := font.ParseTTF(bytes.NewReader(th.Font(bold).Content()))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "订单 202612-101 · 合计 ¥1,234.50 ABC gypq" {
		if _, ok := first.NominalGlyph(r); !ok {
			t.Errorf("%q is not in %s: Fyne would draw it from %s, another weight", r, th.Font(bold).Name(),
				fyneFallback(bold).Name())
		}
	}
}
