package reports

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"orderdesk/app"
)

// PostalAddress writes an address the way its country's post reads it,
// one line per entry: China, Taiwan, Hong Kong and Macao from the
// province down in Chinese script, with the postcode first; the United
// States, Canada and Australia "City STATE ZIP"; Britain and Ireland the
// town on its own line and the postcode under it; Germany, France and
// most of Europe "PLZ City"; Japan from the prefecture down after 〒.
// A part that repeats the one above it (北京市北京市, Berlin, Berlin) is
// written once. from is the sender's country: when the parcel crosses a
// border, the last line is the country in words in l (capitals in
// English, as the post asks), and never when it stays at home.
func PostalAddress(a app.Address, l Lang, from string) []string {
	province, city, district := dedupe(a.Province, a.City, a.District)
	street, postcode := strings.TrimSpace(a.Street), strings.TrimSpace(a.Postcode)
	var lines []string
	switch country := a.Country; {
	case (country == "CN" || country == "TW" || country == "HK" || country == "MO" || country == "JP" || country == "") &&
		hasHan(province+city+district+street):
		// Big to small, no spaces between the parts of a Chinese address.
		if country == "JP" && postcode != "" {
			postcode = "〒" + postcode
		}
		lines = append(lines, joinNonEmpty(" ", postcode, province+city+district))
		lines = append(lines, street)
		if lines[0] == "" {
			lines = lines[1:]
		}
	case country == "US" || country == "CA" || country == "AU":
		lines = append(lines, street, district, joinNonEmpty(" ", city, joinNonEmpty(" ", province, postcode)))
	case country == "GB" || country == "IE":
		// The county is not part of a British address; Ireland's is.
		if country == "GB" {
			province = ""
		}
		lines = append(lines, street, district, city, province, postcode)
	case europeanPostcodeFirst[country]:
		// The region is not part of the address in these countries.
		lines = append(lines, street, district, joinNonEmpty(" ", postcode, city))
	default:
		lines = append(lines, street, district, city, joinNonEmpty(" ", province, postcode))
	}
	if a.Country != "" && from != "" && a.Country != from {
		lines = append(lines, countryName(a.Country, l))
	}
	var out []string
	for _, line := range lines {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// postalLine is the postal address on one line: Chinese lines run on,
// others are joined by commas.
func postalLine(a app.Address, l Lang, from string) string {
	lines := PostalAddress(a, l, from)
	if len(lines) > 0 && hasHan(lines[0]) {
		return strings.Join(lines, " ")
	}
	return strings.Join(lines, ", ")
}

// dedupe blanks a larger part that the smaller one under it repeats
// (a city that is its own province: 北京市北京市, Berlin, Berlin),
// compared without case and spaces.
func dedupe(province, city, district string) (string, string, string) {
	key := func(s string) string { return strings.ToLower(strings.ReplaceAll(s, " ", "")) }
	province, city, district = strings.TrimSpace(province), strings.TrimSpace(city), strings.TrimSpace(district)
	if key(city) != "" && key(city) == key(district) {
		city = ""
	}
	if key(province) != "" && (key(province) == key(city) || city == "" && key(province) == key(district)) {
		province = ""
	}
	return province, city, district
}

// europeanPostcodeFirst are the countries that write "PLZ City".
var europeanPostcodeFirst = map[string]bool{
	"DE": true, "AT": true, "CH": true, "LI": true, "FR": true, "MC": true, "BE": true, "LU": true, "NL": true,
	"DK": true, "NO": true, "SE": true, "FI": true, "IS": true, "ES": true, "PT": true, "IT": true, "PL": true,
	"CZ": true, "SK": true, "HU": true, "SI": true, "HR": true, "RO": true, "BG": true, "GR": true, "EE": true,
}

// postalCountryNames are the names the post uses where the common name
// says more than an envelope needs.
var postalCountryNames = map[string]wording{
	"HK": {"Hong Kong", "香港"},
	"MO": {"Macao", "澳门"},
}

// countryName is a country in words in l, in capitals in English.
func countryName(code string, l Lang) string {
	if w, ok := postalCountryNames[code]; ok {
		return strings.ToUpper(w.in(l))
	}
	region, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	var name string
	switch l {
	case LangTaiwan, LangHongKong:
		name = display.TraditionalChinese.Regions().Name(region)
	case LangChinese:
		name = display.SimplifiedChinese.Regions().Name(region)
	default:
		name = strings.ToUpper(display.English.Regions().Name(region))
	}
	if name == "" {
		return code
	}
	return name
}

// callingCodes are the international dialling codes of the countries a
// shop here sends to most; a number elsewhere prints as it was typed.
var callingCodes = map[string]string{
	"CN": "86", "TW": "886", "HK": "852", "MO": "853", "JP": "81", "KR": "82", "SG": "65", "MY": "60",
	"GB": "44", "IE": "353", "DE": "49", "FR": "33", "NL": "31", "BE": "32", "IT": "39", "ES": "34", "AT": "43",
	"CH": "41", "SE": "46", "DK": "45", "NO": "47", "FI": "358", "PL": "48", "US": "1", "CA": "1", "AU": "61",
	"NZ": "64",
}

// InternationalPhone writes a phone number of country as a caller abroad
// dials it: "0571-88001234" in China is "+86 571-88001234". A number
// that already starts with + stays as it is.
func InternationalPhone(phone, country string) string {
	phone = strings.TrimSpace(phone)
	code, ok := callingCodes[country]
	if phone == "" || strings.HasPrefix(phone, "+") || !ok {
		return phone
	}
	national := strings.TrimLeft(phone, "0 ")
	// The trunk prefix goes: (020) 7946 0958 is +44 20 7946 0958.
	if strings.HasPrefix(phone, "(0") {
		national = strings.Replace(strings.Replace(phone, "(0", "", 1), ")", "", 1)
	}
	return "+" + code + " " + strings.TrimSpace(national)
}

// senderPhone is the shop's phone as a customer in country dials it.
func senderPhone(phone, shopCountry, country string) string {
	if country != "" && shopCountry != "" && country != shopCountry {
		return InternationalPhone(phone, shopCountry)
	}
	return phone
}
