// Package assets holds the files built into the program: the UI
// translations, the icon, and the fonts the UI and documents use.
package assets

import "embed"

//go:generate go run icon_gen.go

// Icon is the application's icon (1024×1024 PNG), drawn by icon_gen.go:
// the window's icon, and what `fyne package` puts in the Windows .exe and
// the macOS .app.
//
//go:embed icon.png
var Icon []byte

// Translations are the UI strings per language, named so that Fyne's
// matcher picks Traditional Chinese for Taiwan and Hong Kong
// (zh-TW.json, zh-HK.json) and Simplified for the rest (zh-Hans.json).
//
//go:embed translations/*.json
var Translations embed.FS

// CJKFont is WenQuanYi Micro Hei cut down to its Chinese, Japanese and
// Korean characters (Apache-2.0; see fonts/LICENSE-WenQuanYiMicroHei.txt).
// The UI theme uses it so Chinese looks the same on every machine, while
// Latin text falls through to Fyne's own font and keeps its bold.
//
//go:embed fonts/WenQuanYiMicroHei-CJK.ttf
var CJKFont []byte

// DocumentFont is WenQuanYi Micro Hei whole (Latin, Simplified and
// Traditional Chinese, ¥€£), a TrueType font gofpdf embeds as a subset so
// documents print alike on every machine (Apache-2.0; see
// fonts/LICENSE-WenQuanYiMicroHei.txt).
//
//go:embed fonts/WenQuanYiMicroHei.ttf
var DocumentFont []byte
