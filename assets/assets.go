// Package assets holds the files built into the program: the UI
// translations (and, as they arrive, the icon and the fonts documents
// embed).
package assets

import "embed"

// Translations are the UI strings per language, named so that Fyne's
// matcher picks Traditional Chinese for Taiwan and Hong Kong
// (zh-TW.json, zh-HK.json) and Simplified for the rest (zh-Hans.json).
//
//go:embed translations/*.json
var Translations embed.FS
