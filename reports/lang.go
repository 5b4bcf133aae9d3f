package reports

import (
	"strings"
	"sync"
	"unicode"

	"github.com/longbridgeapp/opencc"

	"orderdesk/app"
)

// Traditional Chinese: the Simplified words converted with OpenCC, in
// Taiwan's words and forms (s2twp: 软件 → 軟體) or Hong Kong's (s2hk),
// rather than a third table to keep in step by hand.
const (
	LangTaiwan   Lang = "zh-TW" // also for a customer in Taiwan
	LangHongKong Lang = "zh-HK" // Hong Kong and Macao
)

// chinese reports whether l is written in Chinese, either script.
func (l Lang) chinese() bool {
	return l == LangChinese || l == LangTaiwan || l == LangHongKong
}

// other is the language a bilingual mark is repeated in.
func (l Lang) other() Lang {
	if l.chinese() {
		return LangEnglish
	}
	return LangChinese
}

// in is the wording in l.
func (w wording) in(l Lang) string {
	switch l {
	case LangChinese:
		return w.zh
	case LangTaiwan, LangHongKong:
		return l.script(w.zh)
	}
	return w.en
}

// converters are built once per program, when a document first needs
// one: loading OpenCC's dictionaries takes about 100 ms and 8 MB of heap
// per converter; then a letter's words convert in about 0.4 ms (a
// Simplified letter's view takes 0.02 ms, the whole PDF about 40 ms; see
// BenchmarkTraditional, every label in 0.7 ms).
var converters = struct {
	sync.Mutex
	byLang map[Lang]*opencc.OpenCC
	failed map[Lang]bool
}{byLang: map[Lang]*opencc.OpenCC{}, failed: map[Lang]bool{}}

// script writes Simplified Chinese text in l's script: as it is for
// Simplified, converted for Traditional. The dictionaries are embedded
// in the program; should they fail to load, the text stays Simplified,
// which a reader of Traditional still reads.
func (l Lang) script(s string) string {
	var conversion string
	switch l {
	case LangTaiwan:
		conversion = "s2twp"
	case LangHongKong:
		conversion = "s2hk"
	default:
		return s
	}
	if !hasHan(s) {
		return s
	}
	converters.Lock()
	defer converters.Unlock()
	cc := converters.byLang[l]
	if cc == nil && !converters.failed[l] {
		var err error
		if cc, err = opencc.New(conversion); err != nil {
			converters.failed[l] = true
		}
		converters.byLang[l] = cc
	}
	if cc == nil {
		return s
	}
	out, err := cc.Convert(s)
	if err != nil {
		return s
	}
	return out
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// ParseLang reads a language as the user asks for it (--lang, a
// customer's document language): en, zh (Simplified) or zh-Hant, which is
// Taiwan's or Hong Kong's by country. Empty or unknown: "".
func ParseLang(s, country string) Lang {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "en":
		return LangEnglish
	case "zh", "zh-hans", "zh-cn":
		return LangChinese
	case "zh-tw":
		return LangTaiwan
	case "zh-hk", "zh-mo":
		return LangHongKong
	case "zh-hant":
		if country == "HK" || country == "MO" {
			return LangHongKong
		}
		return LangTaiwan
	}
	return ""
}

// LangFor is the language a customer's document prints in: the
// customer's own, else the shop's document language, else Chinese for
// deliveries to Chinese-speaking places (Traditional for Taiwan, Hong
// Kong and Macao) and English elsewhere. With no order (the warehouse's
// own papers) the shop's country decides.
func LangFor(shop app.Shop, o *app.Order) Lang {
	country := ""
	if o != nil {
		country = o.Address.Country
		if l := ParseLang(o.CustomerLanguage, country); l != "" {
			return l
		}
	}
	if l := ParseLang(shop.DocumentLanguage, country); l != "" {
		return l
	}
	if country == "" {
		country = shop.Country
	}
	return ParseLang(app.LanguageForCountry(country), country)
}

// LangAsked is the language a document prints in when the user may have
// chosen one (--lang, a menu): that one, else the customer's (LangFor).
func LangAsked(asked string, shop app.Shop, o *app.Order) Lang {
	country := ""
	if o != nil {
		country = o.Address.Country
	}
	if l := ParseLang(asked, country); l != "" {
		return l
	}
	return LangFor(shop, o)
}

// productName is a product's name in l: English documents print the
// English name (the other-language name when the main one is not in
// Latin letters), Chinese documents the Chinese one, in their script.
func productName(l Lang, name, alt string) string {
	latin := !hasHan(name)
	switch {
	case l.chinese() && latin && hasHan(alt):
		return l.script(alt)
	case l.chinese():
		return l.script(name)
	case !latin && alt != "" && !hasHan(alt):
		return alt
	}
	return name
}

// lineName is an order line's product name in l.
func lineName(l Lang, line app.OrderLine) string {
	return productName(l, line.Name, line.AltName)
}

// altNameOf is the other-language name of an order's line, for documents
// whose lines name the order line (shipments, cases).
func altNameOf(o *app.Order, lineID int64) string {
	if o == nil {
		return ""
	}
	for _, l := range o.Lines {
		if l.ID == lineID {
			return l.AltName
		}
	}
	return ""
}
