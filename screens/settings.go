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
