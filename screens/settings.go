package screens

import (
	"fmt"
	"log"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"orderdesk/assets"
)

// Preference keys, in one place so screens never spell them twice.
const (
	prefLanguage     = "ui.language"
	prefLastDatabase = "db.last"
	prefExports      = "exports.folder"
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
	// prefBackupsIn is followed by the database's path: each shop has
	// its own backups folder.
	prefBackupsIn = "backups.folder:"
)

// Languages the UI can be switched to; "" follows the system.
var Languages = []string{"", "en", "zh-Hans", "zh-Hant"}

// Settings are the per-user choices kept in Fyne's preferences (not in
// the shop's database: two users of one shop may read different
// languages).
type Settings struct{ p fyne.Preferences }

// NewSettings wraps an app's preferences.
func NewSettings(p fyne.Preferences) Settings { return Settings{p} }

// Language is the chosen UI language, or "" for the system's.
func (s Settings) Language() string {
	v := s.p.StringWithFallback(prefLanguage, "")
	for _, l := range Languages {
		if v == l {
			return v
		}
	}
	return ""
}

// SetLanguage stores the UI language; it applies from the next start.
func (s Settings) SetLanguage(v string) { s.p.SetString(prefLanguage, v) }

// LastDatabase is the database file opened last, or "".
func (s Settings) LastDatabase() string { return s.p.StringWithFallback(prefLastDatabase, "") }

// SetLastDatabase remembers the database file.
func (s Settings) SetLastDatabase(path string) { s.p.SetString(prefLastDatabase, path) }

// DefaultWindowSize fits a 1366×768 screen with its taskbar and the
// window's title bar: the orders list shows its number, date, customer,
// status and amount without scrolling sideways.
var DefaultWindowSize = fyne.NewSize(1280, 680)

// WindowSize is the main window's size when it was last closed, or
// DefaultWindowSize the first time (or after an implausible value).
func (s Settings) WindowSize() fyne.Size {
	w := s.p.FloatWithFallback(prefWindowWidth, 0)
	h := s.p.FloatWithFallback(prefWindowHeight, 0)
	if w < 640 || h < 400 || w > 10000 || h > 10000 {
		return DefaultWindowSize
	}
	return fyne.NewSize(float32(w), float32(h))
}

// SetWindowSize remembers the main window's size for the next start.
func (s Settings) SetWindowSize(size fyne.Size) {
	if size.Width <= 0 || size.Height <= 0 {
		return
	}
	s.p.SetFloat(prefWindowWidth, float64(size.Width))
	s.p.SetFloat(prefWindowHeight, float64(size.Height))
}

// ExportsFolder is where save dialogs for exported files (reports, PDFs)
// start and printed documents are written: the chosen folder, else an
// OrderDesk folder in the user's Documents.
func (s Settings) ExportsFolder() string {
	if dir := s.p.StringWithFallback(prefExports, ""); dir != "" {
		return dir
	}
	return defaultExportsFolder()
}

// SetExportsFolder chooses the exports folder; "" goes back to the default.
func (s Settings) SetExportsFolder(dir string) { s.p.SetString(prefExports, dir) }

// BackupsFolder is the backups folder chosen for the database at dbPath,
// or "" for the default beside it.
func (s Settings) BackupsFolder(dbPath string) string {
	return s.p.StringWithFallback(prefBackupsIn+dbPath, "")
}

// SetBackupsFolder chooses the backups folder of the database at dbPath;
// "" goes back to the default.
func (s Settings) SetBackupsFolder(dbPath, dir string) {
	if dir == "" {
		s.p.RemoveValue(prefBackupsIn + dbPath)
		return
	}
	s.p.SetString(prefBackupsIn+dbPath, dir)
}

// loadedLanguage is the language LoadTranslations was given last ("" for
// the system's): the theme draws bold in one weight for Chinese.
var loadedLanguage string

// LoadTranslations registers the UI strings. With a chosen language its
// strings are registered for every locale, since Fyne has no call to force
// one: whatever the system asks for, it gets the chosen language.
func LoadTranslations(choice string) {
	loadedLanguage = choice
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		log.Printf("translations: %v", err)
	}
	file := map[string]string{"en": "en.json", "zh-Hans": "zh-Hans.json", "zh-Hant": "zh-TW.json"}[choice]
	if file == "" {
		return
	}
	data, err := assets.Translations.ReadFile("translations/" + file)
	if err != nil {
		log.Printf("translations: %v", err)
		return
	}
	for _, tag := range []string{"en", "zh-Hans", "zh-TW", "zh-HK", "zh"} {
		if err := lang.AddTranslationsForLocale(data, fyne.Locale(tag)); err != nil {
			log.Print(fmt.Errorf("translations for %s: %w", tag, err))
		}
	}
}
