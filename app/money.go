package app

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/currency"
)

// Money is an amount in the shop currency's minor units (fen, cents, pence).
// It is never a float: totals must equal the sum of their parts to the unit.
type Money int64

// Currency describes how the shop's money is written.
type Currency struct {
	Code     string // ISO 4217, e.g. "CNY"
	Symbol   string // printed before the amount: "¥", "R", "kr " or the code and a space, "KWD "
	Decimals int    // minor-unit digits: 2 for CNY, 0 for JPY
}

// legacyCurrencies are the twelve currencies the program offered before it
// read x/text's table. Shops already store amounts in their minor units and
// print them with these symbols, so they stay exactly as they were, even
// where CLDR now differs (TWD has 2 standard decimals there, 0 here).
var legacyCurrencies = map[string]Currency{
	"CNY": {"CNY", "¥", 2},
	"HKD": {"HKD", "HK$", 2},
	"TWD": {"TWD", "NT$", 0},
	"MOP": {"MOP", "MOP$", 2},
	"SGD": {"SGD", "S$", 2},
	"USD": {"USD", "$", 2},
	"CAD": {"CAD", "CA$", 2},
	"AUD": {"AUD", "A$", 2},
	"GBP": {"GBP", "£", 2},
	"EUR": {"EUR", "€", 2},
	"JPY": {"JPY", "¥", 0},
	"KRW": {"KRW", "₩", 0},
}

// currencyTable is what the program knows of ISO 4217, built once from
// golang.org/x/text/currency (CLDR's supplemental data).
type currencyTable struct {
	// known holds every code that is or was legal tender in some region:
	// LookupCurrency must keep finding a shop's currency after a country
	// gives it up, or the shop would no longer open. Units that were never
	// anyone's tender (gold, SDR, funds, test and "no currency" codes) are
	// not money a shop sells in and are not here.
	known map[string]Currency
	// offered are the codes legal tender somewhere today, sorted: the ones
	// a shop is offered.
	offered []string
}

var currencyData = sync.OnceValue(func() currencyTable {
	t := currencyTable{known: map[string]Currency{}}
	for it := currency.Query(currency.Historical); it.Next(); {
		if code := it.Unit().String(); code != "XXX" && t.known[code].Code == "" {
			t.known[code] = currencyFromUnit(it.Unit())
		}
	}
	offered := map[string]bool{}
	for it := currency.Query(); it.Next(); {
		if code := it.Unit().String(); t.known[code].Code != "" {
			offered[code] = true
		}
	}
	for code, c := range legacyCurrencies {
		t.known[code] = c
		offered[code] = true
	}
	t.offered = slices.Sorted(maps.Keys(offered))
	return t
})

// currencyFromUnit takes the decimals from the currency's standard rounding
// and the symbol from CLDR's root locale: the symbol if it has one ("₹",
// "MX$"), else the narrow symbol ("R" for ZAR, "₺" for TRY), else the code.
// A symbol that ends in a letter is followed by a space, so that "kr 100"
// and "KWD 1.500" stay readable; one letter ("R100", "Q100") is written as
// the countries write it.
func currencyFromUnit(u currency.Unit) Currency {
	code := u.String()
	scale, _ := currency.Standard.Rounding(u)
	sym := fmt.Sprint(currency.Symbol(u))
	if sym == code {
		sym = fmt.Sprint(currency.NarrowSymbol(u))
	}
	if sym == "" || sym == code || strings.ContainsAny(sym, "0123456789+-, ") {
		return Currency{Code: code, Symbol: code + " ", Decimals: scale}
	}
	if last, _ := utf8.DecodeLastRuneInString(sym); utf8.RuneCountInString(sym) > 1 && (unicode.IsLetter(last) || last == '.') {
		sym += " "
	}
	return Currency{Code: code, Symbol: sym, Decimals: scale}
}

// LookupCurrency returns the currency with the given ISO 4217 code, in any
// case and with spaces around it. It knows every currency that is or was
// legal tender somewhere; metals, funds and test codes (XAU, XDR, XTS,
// XXX) are not money a shop sells in and are not found.
func LookupCurrency(code string) (Currency, bool) {
	c, ok := currencyData().known[strings.ToUpper(strings.TrimSpace(code))]
	return c, ok
}

// CurrencyCodes lists the codes a shop is offered, sorted: every currency
// legal tender somewhere today. LookupCurrency finds each of them (and
// also currencies no longer in use, which are not offered).
func CurrencyCodes() []string {
	return slices.Clone(currencyData().offered)
}

// unit is 10^Decimals: how many minor units make one major unit.
func (c Currency) unit() int64 {
	u := int64(1)
	for i := 0; i < c.Decimals; i++ {
		u *= 10
	}
	return u
}

// Format writes m with the currency symbol, thousands separators and the
// currency's decimals: ¥1,234.50, -£3.00, NT$1,200.
func (c Currency) Format(m Money) string {
	s := c.FormatPlain(m)
	if rest, neg := strings.CutPrefix(s, "-"); neg {
		return "-" + c.Symbol + rest
	}
	return c.Symbol + s
}

// FormatPlain writes m like Format but without the symbol (for table cells
// whose header names the currency). Negative amounts lead with "-".
func (c Currency) FormatPlain(m Money) string {
	v := int64(m)
	neg := v < 0
	var abs uint64
	if neg {
		abs = uint64(-(v + 1)) + 1 // safe for math.MinInt64
	} else {
		abs = uint64(v)
	}
	unit := uint64(c.unit())
	whole, frac := abs/unit, abs%unit
	s := groupThousands(strconv.FormatUint(whole, 10))
	if c.Decimals > 0 {
		s += "." + fmt.Sprintf("%0*d", c.Decimals, frac)
	}
	if neg {
		s = "-" + s
	}
	return s
}

// groupThousands inserts "," every three digits from the right.
func groupThousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	lead := len(digits) % 3
	if lead > 0 {
		b.WriteString(digits[:lead])
	}
	for i := lead; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// ParseMoney reads an amount as people type it: "12", "12.5", "1,234.50",
// "¥12.00", "-3". More decimals than the currency has is an error rather
// than a silent rounding.
func (c Currency) ParseMoney(s string) (Money, error) {
	t := strings.TrimSpace(s)
	neg := strings.HasPrefix(t, "-")
	if neg {
		t = strings.TrimSpace(t[1:])
	}
	t = c.trimCurrency(t)
	t = strings.ReplaceAll(t, ",", "")
	whole, frac, hasFrac := strings.Cut(t, ".")
	if hasFrac && whole == "" {
		whole = "0"
	}
	if !allDigits(whole) || (hasFrac && !allDigits(frac)) {
		return 0, fmt.Errorf("%q is not an amount", s)
	}
	if len(frac) > c.Decimals {
		return 0, fmt.Errorf("%q has more than %d decimals", s, c.Decimals)
	}
	if len(whole) > 15 {
		return 0, fmt.Errorf("%q is too large", s)
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	unit := c.unit()
	if w > (math.MaxInt64-(unit-1))/unit {
		return 0, fmt.Errorf("%q is too large", s)
	}
	v := w * unit
	if frac != "" {
		f, _ := strconv.ParseInt(frac+strings.Repeat("0", c.Decimals-len(frac)), 10, 64)
		v += f
	}
	if neg {
		v = -v
	}
	return Money(v), nil
}

// trimCurrency takes the code or the symbol (or both: "CNY¥12") off the
// front of an amount. The longer is tried first, so "MOP$12" loses "MOP$"
// rather than "MOP"; a symbol is matched without its trailing space, so
// "kr100" reads like "kr 100".
func (c Currency) trimCurrency(t string) string {
	prefixes := []string{c.Code, strings.TrimSpace(c.Symbol)}
	if len(prefixes[1]) > len(prefixes[0]) {
		prefixes[0], prefixes[1] = prefixes[1], prefixes[0]
	}
	for i, p := range prefixes {
		rest, ok := strings.CutPrefix(t, p)
		if p == "" || !ok {
			continue
		}
		t = strings.TrimSpace(rest)
		if other := prefixes[1]; i == 0 && other != "" && other != p {
			t = strings.TrimPrefix(t, other)
		}
		break
	}
	return strings.TrimSpace(t)
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// MulQty multiplies a unit price by a quantity, reporting overflow instead
// of wrapping around.
func (m Money) MulQty(qty int64) (Money, bool) {
	if qty == 0 || m == 0 {
		return 0, true
	}
	// The division check below cannot see this one: MinInt64 / -1 wraps
	// back to MinInt64.
	if qty == -1 && m == math.MinInt64 {
		return 0, false
	}
	r := int64(m) * qty
	if r/qty != int64(m) {
		return 0, false
	}
	return Money(r), true
}

// FormatCount writes a count with thousands separators: 1,000,000. English
// and Chinese both write numbers this way.
func FormatCount(n int64) string {
	if n < 0 {
		return "-" + groupThousands(strconv.FormatInt(-n, 10))
	}
	return groupThousands(strconv.FormatInt(n, 10))
}
