package app

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

const (
	// maxAmount bounds any single amount (10 billion in major units): far
	// above any real order, far below int64 overflow when summed.
	maxAmount Money = 1_000_000_000_000
	// MaxLineQty bounds one line's quantity; more is a typing slip.
	MaxLineQty = 100_000
	// MaxLines bounds the lines on one order.
	MaxLines = 500
)

// isBidiControl reports the characters that change the direction text is
// shown in without showing themselves: after a right-to-left override
// (U+202E) the rest of a name or address is shown backwards, on screen and
// on paper, so what is read is not what is stored.
func isBidiControl(r rune) bool {
	switch {
	case r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069':
		return true
	}
	return r == '\u200E' || r == '\u200F' || r == '\u061C'
}

// isHiddenRune reports a character that shows nothing yet changes the
// text: the direction controls, and zero-width and invisible characters
// that make two values that look the same differ (a name not found by a
// search, a duplicate customer). The joiners U+200C and U+200D stay: emoji
// and several scripts need them.
func isHiddenRune(r rune) bool {
	switch r {
	case '\u00AD', '\u180E', '\u200B', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', '\uFEFF',
		'\uFFF9', '\uFFFA', '\uFFFB':
		return true
	}
	return isBidiControl(r)
}

// hiddenText counts what cleaning takes out of s without a trace on
// screen: direction controls, and other invisible characters.
func hiddenText(s string) (direction, invisible int) {
	for _, r := range s {
		switch {
		case isBidiControl(r):
			direction++
		case isHiddenRune(r):
			invisible++
		}
	}
	return direction, invisible
}

// cleanText turns control characters (a pasted tab or newline in a name
// field) into spaces, drops hidden characters (isHiddenRune) and trims the
// ends, so what is stored is what is shown and a field of blanks counts as
// empty.
func cleanText(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) || isHiddenRune(r) }) >= 0 {
		s = strings.Map(func(r rune) rune {
			switch {
			case unicode.IsControl(r):
				return ' '
			case isHiddenRune(r):
				return -1
			}
			return r
		}, s)
	}
	return strings.TrimSpace(s)
}

// cleanMultiline trims the ends but keeps line breaks (notes, requests);
// tabs become spaces, other control characters and hidden ones go.
func cleanMultiline(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case unicode.IsControl(r), isHiddenRune(r):
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// Text limits, as wide as the sales platforms' own (Shopify, WooCommerce
// and Etsy allow 255 characters in most fields), so what they export fits.
// An import trims a longer value with a warning instead of refusing its
// order (fitText).
const (
	MaxNameRunes     = 255 // customer and product names, a product's spec
	MaxPersonRunes   = 255 // a recipient or contact
	MaxRegionRunes   = 100 // province, city, district
	MaxStreetRunes   = 500 // address lines 1 and 2 together
	MaxPostcodeRunes = 20
	MaxCouponRunes   = 255
	MaxRequestRunes  = 5000 // the customer's note
	MaxNotesRunes    = 5000
	MaxSKURunes      = 64
)

func requireText(p *problems, field, value string, minRunes, maxRunes int) {
	n := utf8.RuneCountInString(value)
	switch {
	case n == 0:
		p.add(field, CodeRequired, "this field is required")
	case n < minRunes:
		p.limit(field, CodeTooSmall, map[string]any{"Min": minRunes}, "enter at least %d characters", minRunes)
	default:
		optionalText(p, field, value, maxRunes)
	}
}

func optionalText(p *problems, field, value string, maxRunes int) {
	if n := utf8.RuneCountInString(value); n > maxRunes {
		p.limit(field, CodeTooLong, map[string]any{"Max": maxRunes, "Have": n},
			"shorten this to %d characters or fewer (it has %d)", maxRunes, n)
	}
}

func checkAmount(p *problems, field string, m Money) {
	switch {
	case m < 0:
		p.add(field, CodeTooSmall, "the amount cannot be negative")
	case m > maxAmount:
		p.add(field, CodeTooLarge, "the amount is too large")
	}
}

// validSKU accepts what a Code 128 barcode can print: ASCII letters,
// digits, spaces and punctuation ("GG1596SK 001 55", "TEE#2/XL").
func validSKU(s string) bool {
	for _, r := range s {
		if r < ' ' || r > '~' {
			return false
		}
	}
	return true
}

// validCode accepts the characters SKUs, barcodes and bin codes use.
func validCode(s string) bool {
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case r == '-', r == '_', r == '.', r == '/':
		default:
			return false
		}
	}
	return true
}

// PhoneDigits keeps only the digits of a phone number (for search and
// comparison), dropping a leading "+".
func PhoneDigits(phone string) string {
	var b strings.Builder
	for _, r := range phone {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// checkPhone accepts what people write: "+86 138-0013-8000", "(020) 7946
// 0958", "0755-8888 6666". Chinese mobile numbers (11 digits starting with
// 1, with or without +86) must start 13–19.
func checkPhone(p *problems, field, phone, country string) {
	phone = strings.TrimSpace(phone)
	for i, r := range phone {
		switch {
		case r >= '0' && r <= '9', r == ' ', r == '-', r == '(', r == ')':
		case r == '+' && i == 0:
		default:
			p.add(field, CodeInvalid, "a phone number has digits, spaces, '-', '(' ')' and a leading '+' only")
			return
		}
	}
	digits := PhoneDigits(phone)
	if len(digits) < 7 || len(digits) > 15 {
		p.add(field, CodeInvalid, "a phone number has 7 to 15 digits (this one has %d)", len(digits))
		return
	}
	national := digits
	if strings.HasPrefix(phone, "+") {
		if !strings.HasPrefix(digits, "86") {
			return // another country's number: its own rules
		}
		national = digits[2:]
	} else if country != "" && country != "CN" {
		return
	}
	// 10 or 12 digits starting with 1 is a mobile number mistyped; shorter
	// ones are service lines (12345) or local numbers.
	if national[0] == '1' && len(national) >= 10 && len(national) <= 12 {
		switch {
		case len(national) != 11:
			p.add(field, CodeInvalid, "a Chinese mobile number has 11 digits (this one has %d)", len(national))
		case national[1] < '3':
			p.add(field, CodeInvalid, "a Chinese mobile number starts with 13 to 19")
		}
	}
}

// checkEmail wants one "@" with something before it and a domain with a
// dot inside it after it.
func checkEmail(p *problems, field, email string) {
	local, domain, ok := strings.Cut(email, "@")
	dot := strings.LastIndex(domain, ".")
	if !ok || local == "" || strings.Contains(domain, "@") || dot <= 0 || dot == len(domain)-1 ||
		strings.ContainsAny(email, " ,;<>\"()[]") {
		p.add(field, CodeInvalid, "an e-mail address looks like name@example.com")
		return
	}
	optionalText(p, field, email, 120)
}

func checkAddressLengths(p *problems, field string, a Address) {
	optionalText(p, field+".province", a.Province, MaxRegionRunes)
	optionalText(p, field+".city", a.City, MaxRegionRunes)
	optionalText(p, field+".district", a.District, MaxRegionRunes)
	optionalText(p, field+".street", a.Street, MaxStreetRunes)
	optionalText(p, field+".postcode", a.Postcode, MaxPostcodeRunes)
	if a.Country != "" && (len(a.Country) != 2 || strings.ToUpper(a.Country) != a.Country) {
		p.add(field+".country", CodeInvalid, "use the two-letter country code, like CN or GB")
	}
}

func cleanAddress(a Address) Address {
	return Address{
		Province: cleanText(a.Province),
		City:     cleanText(a.City),
		District: cleanText(a.District),
		Street:   cleanText(a.Street),
		Postcode: cleanText(a.Postcode),
		Country:  strings.ToUpper(cleanText(a.Country)),
	}
}

// checkTime refuses a time more than a day ahead: an order from the future
// is a clock or typing mistake.
func checkTime(p *problems, field string, t, now time.Time) {
	if why := unrealTime(t, now); why != "" {
		p.add(field, CodeInvalid, "%s", why)
	}
}

// unrealTime says why a date cannot be meant, or "": before 2000 (the
// shop had no orders then; 0001-01-01 is what tools write for "none"), or
// more than a day ahead.
func unrealTime(t, now time.Time) string {
	switch {
	case t.After(now.Add(24 * time.Hour)):
		return "the time is in the future"
	case t.Year() < 2000:
		return "the date is before the year 2000"
	}
	return ""
}
