package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// SettingsScreen holds the per-user settings: for now the language and
// where the shop's database is.
type SettingsScreen struct {
	settings Settings
	language *widget.Select
	note     *widget.Label
	box      fyne.CanvasObject
}

// NewSettingsScreen builds the settings screen.
func NewSettingsScreen(settings Settings, dbPath string) *SettingsScreen {
	s := &SettingsScreen{settings: settings}
	names := []string{lang.L("Same as the system"), "English", "简体中文", "繁體中文"}
	s.language = widget.NewSelect(names, s.onLanguageChanged)
	for i, l := range Languages {
		if l == settings.Language() {
			s.language.SetSelectedIndex(i)
		}
	}
	s.note = widget.NewLabel("")
	db := widget.NewLabel(dbPath)
	db.Wrapping = fyne.TextWrapBreak
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Language"), container.NewVBox(s.language, s.note)),
		widget.NewFormItem(lang.L("Database file"), db),
	)
	s.box = container.NewVScroll(container.NewPadded(form))
	return s
}

// Content is the screen's widget tree.
func (s *SettingsScreen) Content() fyne.CanvasObject { return s.box }

func (s *SettingsScreen) onLanguageChanged(string) {
	i := s.language.SelectedIndex()
	if i < 0 || Languages[i] == s.settings.Language() {
		return
	}
	s.settings.SetLanguage(Languages[i])
	s.note.SetText(lang.L("The new language applies when OrderDesk starts again."))
}
