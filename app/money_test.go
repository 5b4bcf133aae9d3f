package app

import (
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func mustCurrency(t *testing.T, code string) Currency {
	t.Helper()
	c, ok := LookupCurrency(code)
	if !ok {
		t.Fatalf("LookupCurrency(%q) not found", code)
	}
	return c
}

func TestLookupCurrency(t *testing.T) {
	tests := []struct {
		code     string
		ok       bool
		symbol   string
		decimals int
	}{
		{"CNY", true, "¥", 2},
		{"cny", true, "¥", 2},
		{" GBP ", true, "£", 2},
		{"TWD", true, "NT$", 0},
		{"JPY", true, "¥", 0},
		{"KRW", true, "₩", 0},
		{"ZAR", true, "R", 2},
		{"inr", true, "₹", 2},
		{" TRY", true, "₺", 2},
		{"KWD", true, "KWD ", 3},
		{"BHD", true, "BHD ", 3},
		{"OMR", true, "OMR ", 3},
		{"XXX", false, "", 0},
		{"XAU", false, "", 0},
		{"NOPE", false, "", 0},
		{"", false, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			c, ok := LookupCurrency(tt.code)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if ok && (c.Symbol != tt.symbol || c.Decimals != tt.decimals) {
				t.Errorf("got %+v, want symbol %q, %d decimals", c, tt.symbol, tt.decimals)
			}
		})
	}
	codes := CurrencyCodes()
	if !slices.IsSorted(codes) || len(slices.Compact(slices.Clone(codes))) != len(codes) {
		t.Errorf("CurrencyCodes() = %v, want the codes sorted, each once", codes)
	}
	for _, code := range codes {
		if c, ok := LookupCurrency(code); !ok || c.Code != code {
			t.Errorf("CurrencyCodes() offers %s, LookupCurrency finds %+v, %v", code, c, ok)
		}
	}
}

// TestOldCurrenciesUnchanged: shops store amounts in these currencies'
// minor units and documents print these symbols, so they must never
// change, whatever CLDR says (it gives TWD 2 decimals and CNY "CN¥").
func TestOldCurrenciesUnchanged(t *testing.T) {
	want := []Currency{
		{"CNY", "¥", 2}, {"HKD", "HK$", 2}, {"TWD", "NT$", 0}, {"MOP", "MOP$", 2},
		{"SGD", "S$", 2}, {"USD", "$", 2}, {"CAD", "CA$", 2}, {"AUD", "A$", 2},
		{"GBP", "£", 2}, {"EUR", "€", 2}, {"JPY", "¥", 0}, {"KRW", "₩", 0},
	}
	codes := CurrencyCodes()
	for _, w := range want {
		if got, ok := LookupCurrency(w.Code); !ok || got != w {
			t.Errorf("LookupCurrency(%q) = %+v, %v; want %+v", w.Code, got, ok, w)
		}
		if !slices.Contains(codes, w.Code) {
			t.Errorf("%s is no longer offered", w.Code)
		}
	}
}

// TestCurrenciesFromCLDR: the currencies beyond the old twelve come with
// their own minor units and a symbol people there write.
func TestCurrenciesFromCLDR(t *testing.T) {
	tests := []struct {
		code     string
		symbol   string
		decimals int
		format   string // Format(-1234567)
	}{
		{"ZAR", "R", 2, "-R12,345.67"},
		{"INR", "₹", 2, "-₹12,345.67"},
		{"TRY", "₺", 2, "-₺12,345.67"},
		{"KWD", "KWD ", 3, "-KWD 1,234.567"},
		{"BHD", "BHD ", 3, "-BHD 1,234.567"},
		{"OMR", "OMR ", 3, "-OMR 1,234.567"},
		{"JOD", "JOD ", 3, "-JOD 1,234.567"},
		{"TND", "TND ", 3, "-TND 1,234.567"},
		{"CHF", "CHF ", 2, "-CHF 12,345.67"},
		{"SEK", "kr ", 2, "-kr 12,345.67"},
		{"BRL", "R$", 2, "-R$12,345.67"},
		{"MXN", "MX$", 2, "-MX$12,345.67"},
		{"VND", "₫", 0, "-₫1,234,567"},
		{"IDR", "Rp ", 0, "-Rp 1,234,567"},
		{"CLP", "$", 0, "-$1,234,567"},
		{"XAF", "FCFA ", 0, "-FCFA 1,234,567"},
		{"XOF", "CFA ", 0, "-CFA 1,234,567"},
		{"XPF", "CFPF ", 0, "-CFPF 1,234,567"},
		{"XCD", "EC$", 2, "-EC$12,345.67"},
	}
	codes := CurrencyCodes()
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			c := mustCurrency(t, tt.code)
			if c.Code != tt.code || c.Symbol != tt.symbol || c.Decimals != tt.decimals {
				t.Errorf("got %+v, want symbol %q, %d decimals", c, tt.symbol, tt.decimals)
			}
			if got := c.Format(-1234567); got != tt.format {
				t.Errorf("Format(-1234567) = %q, want %q", got, tt.format)
			}
			if !slices.Contains(codes, tt.code) {
				t.Errorf("%s is not offered", tt.code)
			}
		})
	}
}

// TestCurrenciesThatAreNotMoney: metals, funds, drawing rights and test
// codes are not what a shop sells in; currencies no longer in use are
// still found (a shop may have been set up in one) but not offered.
func TestCurrenciesThatAreNotMoney(t *testing.T) {
	for _, code := range []string{"XAU", "XAG", "XPT", "XPD", "XDR", "XTS", "XXX", "XSU", "XUA", "XBA", "XEU",
		"BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "CNH", "ABC", "ZZZ", "US", "USDX", "", "12"} {
		if c, ok := LookupCurrency(code); ok {
			t.Errorf("LookupCurrency(%q) = %+v, want not found", code, c)
		}
	}
	codes := CurrencyCodes()
	for _, code := range codes {
		if code[0] == 'X' && !slices.Contains([]string{"XAF", "XCD", "XOF", "XPF"}, code) {
			t.Errorf("%s is offered", code)
		}
	}
	for _, code := range []string{"DEM", "FRF", "ITL"} {
		if _, ok := LookupCurrency(code); !ok {
			t.Errorf("LookupCurrency(%q): a currency once in use is not found", code)
		}
		if slices.Contains(codes, code) {
			t.Errorf("%s, no longer in use, is offered", code)
		}
	}
	if len(codes) < 140 {
		t.Errorf("only %d currencies offered: %v", len(codes), codes)
	}
}

// TestEveryCurrencyRoundTrips writes amounts in every currency the program
// knows and reads them back, with the symbol, without it and after the
// code.
func TestEveryCurrencyRoundTrips(t *testing.T) {
	known := slices.Sorted(maps.Keys(currencyData().known))
	if len(known) < len(CurrencyCodes()) {
		t.Fatalf("%d currencies known, fewer than the %d offered", len(known), len(CurrencyCodes()))
	}
	values := []Money{0, 1, -1, 7, -7, 10, 99, -100, 1000, 1001, -123456, 1234567, -99999999, maxAmount, -maxAmount}
	for _, code := range known {
		c := mustCurrency(t, code)
		if c.Decimals < 0 || c.Decimals > 3 {
			t.Errorf("%s has %d decimals", code, c.Decimals)
		}
		if strings.TrimSpace(c.Symbol) == "" {
			t.Errorf("%s has no symbol", code)
		}
		for _, m := range values {
			plain := c.FormatPlain(m)
			sign, digits := "", plain
			if rest, ok := strings.CutPrefix(plain, "-"); ok {
				sign, digits = "-", rest
			}
			for _, s := range []string{c.Format(m), plain, sign + code + " " + digits, sign + strings.TrimSpace(c.Symbol) + digits} {
				got, err := c.ParseMoney(s)
				if err != nil {
					t.Errorf("%s: ParseMoney(%q) of %d failed: %v", code, s, m, err)
				} else if got != m {
					t.Errorf("%s: ParseMoney(%q) = %d, want %d", code, s, got, m)
				}
			}
		}
		if c.Decimals > 0 {
			if _, err := c.ParseMoney("1." + strings.Repeat("5", c.Decimals+1)); err == nil {
				t.Errorf("%s: %d decimals accepted", code, c.Decimals+1)
			}
		}
	}
}

// TestThreeDecimalCurrencies: a Kuwaiti dinar has 1000 fils.
func TestThreeDecimalCurrencies(t *testing.T) {
	kwd := mustCurrency(t, "KWD")
	for in, want := range map[string]Money{"1.5": 1500, "1.005": 1005, "KWD 12.345": 12345, "KWD12": 12000,
		"-0.001": -1, "1,234.567": 1234567, "-KWD 3": -3000} {
		if got, err := kwd.ParseMoney(in); err != nil || got != want {
			t.Errorf("KWD ParseMoney(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"1.0005", "1.2345", "KD 1"} {
		if got, err := kwd.ParseMoney(in); err == nil {
			t.Errorf("KWD ParseMoney(%q) = %d, want an error", in, got)
		}
	}
	if got := kwd.FormatPlain(1); got != "0.001" {
		t.Errorf("KWD FormatPlain(1) = %q", got)
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		code  string
		m     Money
		want  string
		plain string
	}{
		{"CNY", 0, "¥0.00", "0.00"},
		{"CNY", 1, "¥0.01", "0.01"},
		{"CNY", 10, "¥0.10", "0.10"},
		{"CNY", 99, "¥0.99", "0.99"},
		{"CNY", 100, "¥1.00", "1.00"},
		{"CNY", 123450, "¥1,234.50", "1,234.50"},
		{"CNY", 99999, "¥999.99", "999.99"},
		{"CNY", 100000, "¥1,000.00", "1,000.00"},
		{"CNY", 10000000, "¥100,000.00", "100,000.00"},
		{"CNY", 123456789012, "¥1,234,567,890.12", "1,234,567,890.12"},
		{"CNY", -1, "-¥0.01", "-0.01"},
		{"CNY", -123450, "-¥1,234.50", "-1,234.50"},
		{"GBP", -300, "-£3.00", "-3.00"},
		{"GBP", 5, "£0.05", "0.05"},
		{"GBP", 100000000, "£1,000,000.00", "1,000,000.00"},
		{"TWD", 0, "NT$0", "0"},
		{"TWD", 1200, "NT$1,200", "1,200"},
		{"TWD", 999, "NT$999", "999"},
		{"TWD", -1200, "-NT$1,200", "-1,200"},
		{"JPY", 1000000, "¥1,000,000", "1,000,000"},
		{"JPY", -5, "-¥5", "-5"},
		{"CNY", math.MaxInt64, "¥92,233,720,368,547,758.07", "92,233,720,368,547,758.07"},
		// The most negative int64 has no positive twin; it must still print.
		{"CNY", math.MinInt64, "-¥92,233,720,368,547,758.08", "-92,233,720,368,547,758.08"},
		{"JPY", math.MinInt64, "-¥9,223,372,036,854,775,808", "-9,223,372,036,854,775,808"},
	}
	for _, tt := range tests {
		t.Run(tt.code+"/"+tt.want, func(t *testing.T) {
			c := mustCurrency(t, tt.code)
			if got := c.Format(tt.m); got != tt.want {
				t.Errorf("Format(%d) = %q, want %q", tt.m, got, tt.want)
			}
			if got := c.FormatPlain(tt.m); got != tt.plain {
				t.Errorf("FormatPlain(%d) = %q, want %q", tt.m, got, tt.plain)
			}
		})
	}
}

func TestGroupThousands(t *testing.T) {
	tests := map[string]string{
		"0": "0", "12": "12", "123": "123", "1234": "1,234", "12345": "12,345",
		"123456": "123,456", "1234567": "1,234,567",
	}
	for in, want := range tests {
		if got := groupThousands(in); got != want {
			t.Errorf("groupThousands(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseMoney(t *testing.T) {
	tests := []struct {
		code string
		in   string
		want Money
	}{
		{"CNY", "12", 1200},
		{"CNY", "12.5", 1250},
		{"CNY", "12.05", 1205},
		{"CNY", "1,234.50", 123450},
		{"CNY", "¥12.00", 1200},
		{"CNY", "¥1,234.5", 123450},
		{"CNY", "CNY 12", 1200},
		{"CNY", "-3", -300},
		{"CNY", "-¥3.00", -300},
		{"CNY", "- 3", -300},
		{"CNY", ".5", 50},
		{"CNY", "-.5", -50},
		{"CNY", "0", 0},
		{"CNY", "0.01", 1},
		{"CNY", "  42  ", 4200},
		{"CNY", "007", 700},
		{"CNY", "999999999999999", 99999999999999900}, // 15 digits: the most allowed
		{"GBP", "£3.50", 350},
		{"GBP", "-£3", -300},
		{"MOP", "MOP$12", 1200}, // the symbol starts with the code
		{"MOP", "MOP 12", 1200},
		{"MOP", "-MOP$1,234.5", -123450},
		{"CNY", "CNY¥12", 1200},
		{"ZAR", "R12.50", 1250},
		{"ZAR", "ZAR 12.50", 1250},
		{"ZAR", "-R3", -300},
		{"INR", "₹1,00,000", 10000000}, // Indian grouping: the commas are dropped
		{"TRY", "₺9.99", 999},
		{"KWD", "KWD 1.005", 1005},
		{"KWD", "KWD1.5", 1500},
		{"KWD", "0.001", 1},
		{"SEK", "kr 100", 10000},
		{"SEK", "kr100", 10000},
		{"SEK", "SEK 100", 10000},
		{"TWD", "1200", 1200},
		{"TWD", "NT$1,200", 1200},
		{"TWD", "-7", -7},
		{"JPY", "¥1,000", 1000},
	}
	for _, tt := range tests {
		t.Run(tt.code+"/"+tt.in, func(t *testing.T) {
			got, err := mustCurrency(t, tt.code).ParseMoney(tt.in)
			if err != nil {
				t.Fatalf("ParseMoney(%q) failed: %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseMoney(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseMoneyRejects(t *testing.T) {
	tests := []struct {
		code, in, why string
	}{
		{"CNY", "", "empty"},
		{"CNY", "   ", "blank"},
		{"CNY", "abc", "letters"},
		{"CNY", "12abc", "trailing letters"},
		{"CNY", "¥", "symbol only"},
		{"CNY", "-", "sign only"},
		{"CNY", ".", "point only"},
		{"CNY", "1.234", "three decimals in a two-decimal currency"},
		{"CNY", "0.001", "three decimals"},
		{"CNY", "1.2.3", "two points"},
		{"CNY", "1 000", "inner space"},
		{"CNY", "+3", "plus sign"},
		{"CNY", "--3", "double minus"},
		{"CNY", "1e3", "exponent"},
		{"CNY", "3-", "trailing minus"},
		{"CNY", "1000000000000000", "16 digits: too large"},
		{"CNY", "99999999999999999999999", "beyond int64"},
		{"CNY", "１２", "full-width digits"},
		{"GBP", "£1.999", "three decimals"},
		{"TWD", "1.5", "decimals in a currency without them"},
		{"TWD", "1.0", "decimals in a currency without them"},
		{"JPY", "100.00", "decimals in a currency without them"},
		{"KWD", "1.0005", "four decimals in a three-decimal currency"},
		{"ZAR", "R1.999", "three decimals"},
		{"ZAR", "R", "symbol only"},
		{"KWD", "KWD", "code only"},
		{"ZAR", "$12", "another currency's symbol"},
	}
	for _, tt := range tests {
		t.Run(tt.code+"/"+tt.why, func(t *testing.T) {
			if got, err := mustCurrency(t, tt.code).ParseMoney(tt.in); err == nil {
				t.Errorf("ParseMoney(%q) = %d, want an error (%s)", tt.in, got, tt.why)
			}
		})
	}
}

func TestFormatParseRoundTrip(t *testing.T) {
	// ParseMoney allows 15 whole digits, so stay within ±10^15 minor units,
	// which fits every currency.
	values := []Money{0, 1, -1, 5, 99, 100, 101, 123450, -123450, 99999999, maxAmount, -maxAmount}
	rng := rand.New(rand.NewPCG(7, 11))
	for range 500 {
		values = append(values, Money(rng.Int64N(2_000_000_000_000_000)-1_000_000_000_000_000))
	}
	for _, code := range []string{"CNY", "GBP", "TWD", "JPY", "HKD", "USD", "MOP", "ZAR", "INR", "KWD", "BHD", "SEK"} {
		c := mustCurrency(t, code)
		for _, m := range values {
			for _, s := range []string{c.Format(m), c.FormatPlain(m)} {
				got, err := c.ParseMoney(s)
				if err != nil {
					t.Errorf("%s: ParseMoney(%q) of Format(%d) failed: %v", code, s, m, err)
					continue
				}
				if got != m {
					t.Errorf("%s: ParseMoney(%q) = %d, want %d", code, s, got, m)
				}
			}
		}
	}
}

func TestMulQty(t *testing.T) {
	tests := []struct {
		name   string
		m      Money
		qty    int64
		want   Money
		wantOK bool
	}{
		{"simple", 1250, 3, 3750, true},
		{"one", 999, 1, 999, true},
		{"zero qty", 1250, 0, 0, true},
		{"zero price", 0, 1_000_000, 0, true},
		{"negative price", -500, 3, -1500, true},
		{"negative qty", 500, -3, -1500, true},
		{"both negative", -500, -3, 1500, true},
		{"max line", maxAmount / MaxLineQty, MaxLineQty, maxAmount, true},
		{"2^31 × 2^31 fits", 1 << 31, 1 << 31, 1 << 62, true},
		{"max int64 × 1", math.MaxInt64, 1, math.MaxInt64, true},
		{"min int64 × 1", math.MinInt64, 1, math.MinInt64, true},
		{"1 × min int64", 1, math.MinInt64, math.MinInt64, true},
		{"max int64 × 2", math.MaxInt64, 2, 0, false},
		{"half max + 1 × 2", math.MaxInt64/2 + 1, 2, 0, false},
		{"2^32 × 2^31", 1 << 32, 1 << 31, 0, false},
		{"large price × large qty", 1_000_000_000_000, 10_000_000_000, 0, false},
		{"negative overflow", -(1 << 40), 1 << 30, 0, false},
		{"min int64 × -1", math.MinInt64, -1, 0, false},
		{"-1 × min int64", -1, math.MinInt64, 0, false},
		{"min int64 × 2", math.MinInt64, 2, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.m.MulQty(tt.qty)
			if ok != tt.wantOK || (ok && got != tt.want) {
				t.Errorf("(%d).MulQty(%d) = %d, %v; want %d, %v", tt.m, tt.qty, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestDerivePaymentStatus(t *testing.T) {
	tests := []struct {
		name                        string
		payable, received, refunded Money
		want                        PaymentStatus
	}{
		{"nothing received", 10000, 0, 0, PaymentUnpaid},
		{"part received", 10000, 2500, 0, PaymentPartlyPaid},
		{"one fen short", 10000, 9999, 0, PaymentPartlyPaid},
		{"exactly paid", 10000, 10000, 0, PaymentPaid},
		{"overpaid", 10000, 12000, 0, PaymentPaid},
		{"part refunded", 10000, 10000, 3000, PaymentPartlyRefunded},
		{"part refunded of a part payment", 10000, 5000, 1000, PaymentPartlyRefunded},
		{"all refunded", 10000, 10000, 10000, PaymentRefunded},
		{"all of a part payment refunded", 10000, 4000, 4000, PaymentRefunded},
		{"refunded more than received", 10000, 4000, 5000, PaymentRefunded},
		{"payable lowered after payment", 5000, 10000, 0, PaymentPaid},
		{"credited in full, nothing paid", 0, 0, 0, PaymentNothingDue},
		{"credited beyond, nothing paid", -500, 0, 0, PaymentNothingDue},
	}
	seen := map[PaymentStatus]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DerivePaymentStatus(tt.payable, tt.received, tt.refunded)
			if got != tt.want {
				t.Errorf("DerivePaymentStatus(%d, %d, %d) = %s, want %s", tt.payable, tt.received, tt.refunded, got, tt.want)
			}
		})
		seen[tt.want] = true
	}
	for _, s := range PaymentStatuses() {
		if !seen[s] {
			t.Errorf("no case reaches payment status %s", s)
		}
	}
}

func TestOrderLineSubtotal(t *testing.T) {
	tests := []struct {
		name string
		l    OrderLine
		want Money
	}{
		{"qty × price", OrderLine{Qty: 3, UnitPrice: 1999}, 5997},
		{"minus line discount", OrderLine{Qty: 3, UnitPrice: 1999, Discount: 997}, 5000},
		{"discount is per line, not per unit", OrderLine{Qty: 10, UnitPrice: 100, Discount: 50}, 950},
		{"free", OrderLine{Qty: 5, UnitPrice: 0}, 0},
		{"fully discounted", OrderLine{Qty: 2, UnitPrice: 500, Discount: 1000}, 0},
		{"shipped quantities do not change it", OrderLine{Qty: 4, UnitPrice: 250, QtyShipped: 2, QtyReturned: 1}, 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.l.Subtotal(); got != tt.want {
				t.Errorf("Subtotal() = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestOrderRecalculateAndOutstanding(t *testing.T) {
	lines := []OrderLine{
		{LineNo: 1, Qty: 2, UnitPrice: 12050},               // 241.00
		{LineNo: 2, Qty: 1, UnitPrice: 9900, Discount: 900}, // 90.00
		{LineNo: 3, Qty: 10, UnitPrice: 333, Discount: 30},  // 33.00
	}
	tests := []struct {
		name                 string
		o                    Order
		goods, payable, owed Money // owed: the balance, negative when money is due back
		status               PaymentStatus
		qty                  int64
	}{
		{"no lines", Order{}, 0, 0, 0, PaymentNothingDue, 0},
		{"no lines, shipping only", Order{ShippingFee: 1000}, 0, 1000, 1000, PaymentUnpaid, 0},
		{"lines only", Order{Lines: lines}, 36400, 36400, 36400, PaymentUnpaid, 13},
		{"with shipping and order discount", Order{Lines: lines, ShippingFee: 1200, OrderDiscount: 1600},
			36400, 36000, 36000, PaymentUnpaid, 13},
		{"partly paid", Order{Lines: lines, ShippingFee: 1200, OrderDiscount: 1600, AmountPaid: 20000},
			36400, 36000, 16000, PaymentPartlyPaid, 13},
		{"paid", Order{Lines: lines, ShippingFee: 1200, OrderDiscount: 1600, AmountPaid: 36000},
			36400, 36000, 0, PaymentPaid, 13},
		{"overpaid owes a negative amount", Order{Lines: lines, AmountPaid: 40000},
			36400, 36400, -3600, PaymentPaid, 13},
		{"refund raises what is owed", Order{Lines: lines, AmountPaid: 36400, AmountRefunded: 6400},
			36400, 36400, 6400, PaymentPartlyRefunded, 13},
		{"all refunded", Order{Lines: lines, AmountPaid: 36400, AmountRefunded: 36400},
			36400, 36400, 36400, PaymentRefunded, 13},
		{"unpaid, goods back credited", Order{Lines: lines, AmountCredited: 24100},
			36400, 36400, 12300, PaymentUnpaid, 13},
		{"unpaid, all credited", Order{Lines: lines, AmountCredited: 36400},
			36400, 36400, 0, PaymentNothingDue, 13},
		{"paid, goods back credited: due back", Order{Lines: lines, AmountPaid: 36400, AmountCredited: 9000},
			36400, 36400, -9000, PaymentPaid, 13},
		{"paid, credited and paid back", Order{Lines: lines, AmountPaid: 36400, AmountCredited: 9000, AmountRefunded: 9000},
			36400, 36400, 0, PaymentPartlyRefunded, 13},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tt.o
			// Stale snapshot values must be replaced, not added to.
			o.GoodsTotal, o.Payable, o.PaymentStatus = 777, 888, PaymentRefunded
			o.Recalculate()
			if o.GoodsTotal != tt.goods {
				t.Errorf("GoodsTotal = %d, want %d", o.GoodsTotal, tt.goods)
			}
			if o.Payable != tt.payable {
				t.Errorf("Payable = %d, want %d", o.Payable, tt.payable)
			}
			if got := o.Balance(); got != tt.owed {
				t.Errorf("Balance() = %d, want %d", got, tt.owed)
			}
			if o.Outstanding() != max(tt.owed, 0) || o.RefundDue() != max(-tt.owed, 0) {
				t.Errorf("Outstanding() = %d, RefundDue() = %d for a balance of %d", o.Outstanding(), o.RefundDue(), tt.owed)
			}
			if o.PaymentStatus != tt.status {
				t.Errorf("PaymentStatus = %s, want %s", o.PaymentStatus, tt.status)
			}
			if got := o.TotalQty(); got != tt.qty {
				t.Errorf("TotalQty() = %d, want %d", got, tt.qty)
			}
			var sum Money
			for _, l := range o.Lines {
				sum += l.Subtotal()
			}
			if sum != o.GoodsTotal {
				t.Errorf("GoodsTotal %d is not the sum of the line subtotals %d", o.GoodsTotal, sum)
			}
		})
	}
}
