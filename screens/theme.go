package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"orderdesk/assets"
)

// shopTheme is Fyne's default theme (it follows the system's light or dark
// setting) with a bundled Chinese font, so Chinese renders alike on every
// machine rather than only where the system happens to have a CJK font.
type shopTheme struct {
	fyne.Theme
	cjk fyne.Resource
}

// NewTheme returns the program's theme.
func NewTheme() fyne.Theme {
	return &shopTheme{Theme: theme.DefaultTheme(), cjk: fyne.NewStaticResource("WenQuanYiMicroHei-CJK.ttf", assets.CJKFont)}
}

func (t *shopTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return t.Theme.Font(s)
	}
	return t.cjk
}
