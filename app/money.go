package app

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Money is an amount in the shop currency's minor units (fen, cents, pence).
// It is never a float: totals must equal the sum of their parts to the unit.
type Money int64

// Currency describes how the shop's money is written.
type Currency struct {
	Code     string // ISO 4217, e.g. "CNY"
	Symbol   string // printed before the amount, e.g. "¥"
	Decimals int    // minor-unit digits: 2 for CNY, 0 for JPY
}

// currencies are the ones a shop can pick; others can be added here.
var currencies = map[string]Currency{
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

// LookupCurrency returns the currency with the given ISO code.
func LookupCurrency(code string) (Currency, bool) {
	c, ok := currencies[strings.ToUpper(strings.TrimSpace(code))]
	return c, ok
}

// CurrencyCodes lists the codes LookupCurrency knows, sorted.
func CurrencyCodes() []string {
	codes := make([]string, 0, len(currencies))
	for c := range currencies {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	return codes
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
	t = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(t, c.Code), c.Symbol))
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
	v := w * c.unit()
	if frac != "" {
		f, _ := strconv.ParseInt(frac+strings.Repeat("0", c.Decimals-len(frac)), 10, 64)
		v += f
	}
	if neg {
		v = -v
	}
	return Money(v), nil
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
