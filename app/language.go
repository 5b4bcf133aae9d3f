package app

// The languages a customer's documents and messages are written in.
// Traditional Chinese reads Taiwan's words or Hong Kong's by where the
// parcel goes; reports picks the variant.
const (
	LanguageEnglish     = "en"
	LanguageChinese     = "zh" // Simplified
	LanguageTraditional = "zh-Hant"
)

// DocumentLanguages lists them in the order forms offer them.
func DocumentLanguages() []string {
	return []string{LanguageEnglish, LanguageChinese, LanguageTraditional}
}

// LanguageForCountry is the document language proposed for a new
// customer in country (ISO 3166 alpha-2): Simplified Chinese for the
// mainland, Traditional for Taiwan, Hong Kong and Macao, English
// elsewhere; nothing without a country, so the shop's language applies.
// Migration 0016 proposed the same for customers made before.
func LanguageForCountry(country string) string {
	switch country {
	case "":
		return ""
	case "CN":
		return LanguageChinese
	case "TW", "HK", "MO":
		return LanguageTraditional
	}
	return LanguageEnglish
}

// validDocumentLanguage reports whether l is empty (the shop's) or one of
// DocumentLanguages.
func validDocumentLanguage(l string) bool {
	if l == "" {
		return true
	}
	for _, k := range DocumentLanguages() {
		if l == k {
			return true
		}
	}
	return false
}
