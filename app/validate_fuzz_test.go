package app

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// Fuzz targets for what people type into the order desk. Each checks that
// a validator never panics, reports only well-formed problems, gives the
// same answer twice, and that what it accepts really has the shape the
// rule promises. Seeds are here and in testdata/fuzz; CI runs each for a
// few seconds (.ci/run):
//
//	go test ./app -run '^$' -fuzz '^FuzzCheckPhone$' -fuzztime 1m

var knownCodes = []string{CodeRequired, CodeTooLong, CodeInvalid, CodeTooSmall, CodeTooLarge, CodeUnknown, CodeDuplicate, CodeState, CodeShort}

// wellFormed fails on a problem a screen could not show. A message with
// fmt's "%!" marks a format slip, unless the input itself had a '%'
// (messages quote what was typed).
func wellFormed(t *testing.T, list []FieldError, typed ...string) {
	t.Helper()
	quotesPercent := slices.ContainsFunc(typed, func(s string) bool { return strings.Contains(s, "%") })
	for _, fe := range list {
		if fe.Field == "" || !slices.Contains(knownCodes, fe.Code) || strings.TrimSpace(fe.Message) == "" ||
			(!quotesPercent && strings.Contains(fe.Message, "%!")) {
			t.Fatalf("malformed problem %+v", fe)
		}
	}
}

func FuzzCheckPhone(f *testing.F) {
	for _, s := range []struct{ phone, country string }{
		{"+86 138-0013-8000", "CN"}, {"(020) 7946 0958", "GB"}, {"0755-8888 6666", ""}, {"12345", "CN"}, {"+", ""},
		{"++86", ""}, {"+86", "CN"}, {"1380013800", "CN"}, {"11200138000", "CN"}, {"+852 2345 6789", "HK"},
		{"１３８００１３８０００", "CN"}, {" 138 0013 8000\u00a0", ""}, {"\x00", ""}, {"+86-------", "CN"}, {"8613800138000", "CN"},
	} {
		f.Add(s.phone, s.country)
	}
	f.Fuzz(func(t *testing.T, phone, country string) {
		var p, again problems
		checkPhone(&p, "phone", phone, country)
		checkPhone(&again, "phone", phone, country)
		wellFormed(t, p.list, phone)
		if !reflect.DeepEqual(p.list, again.list) || len(p.list) > 1 {
			t.Fatalf("%q: %v, then %v", phone, p.list, again.list)
		}
		if len(p.list) > 0 {
			return
		}
		trimmed := strings.TrimSpace(phone)
		for i, r := range trimmed {
			if !(r >= '0' && r <= '9' || r == ' ' || r == '-' || r == '(' || r == ')' || r == '+' && i == 0) {
				t.Fatalf("accepted %q with %q in it", phone, r)
			}
		}
		digits := PhoneDigits(trimmed)
		if len(digits) < 7 || len(digits) > 15 {
			t.Fatalf("accepted %q with %d digits", phone, len(digits))
		}
		national, chinese := digits, country == "" || country == "CN"
		if strings.HasPrefix(trimmed, "+") {
			chinese = strings.HasPrefix(digits, "86")
			if chinese {
				national = digits[2:]
			}
		}
		if chinese && national[0] == '1' && len(national) >= 10 && len(national) <= 12 && (len(national) != 11 || national[1] < '3') {
			t.Fatalf("accepted %q, not a Chinese mobile number", phone)
		}
	})
}

func FuzzCheckEmail(f *testing.F) {
	for _, s := range []string{"lin@example.com", "a@b.c", "@example.com", "lin@", "lin@example", "lin@.com", "lin@example.",
		"lin@@example.com", "lin@exa@mple.com", "Lin Mei <lin@example.com>", "林@例子.中国", strings.Repeat("a", 120) + "@b.cn", "\x00@\x00.\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, email string) {
		var p problems
		checkEmail(&p, "email", email)
		wellFormed(t, p.list, email)
		if len(p.list) > 0 {
			return
		}
		local, domain, _ := strings.Cut(email, "@")
		dot := strings.LastIndex(domain, ".")
		if strings.Count(email, "@") != 1 || local == "" || dot <= 0 || dot == len(domain)-1 ||
			strings.ContainsAny(email, " ,;<>\"()[]") || utf8.RuneCountInString(email) > 120 {
			t.Fatalf("accepted %q", email)
		}
	})
}

// FuzzCustomerValidate: a customer as typed is cleaned and checked; the
// cleaning is done once for good (a second Validate changes nothing and
// finds the same), and names keep no control characters.
func FuzzCustomerValidate(f *testing.F) {
	f.Add("张伟", "13800138000", "zhang@example.com", "浙江省", "杭州市", "文三路 100 号", "CN", "retail", int64(0), 0)
	f.Add("Harbour Tea Trading Ltd", "+852 2345 6789", "", "", "Hong Kong", "8 Queen's Road", "HK", "dealer", int64(5_000_000), 30)
	f.Add(" \t", "phone", "@", "\n", "\x00", "", "cn", "", int64(-1), 400)
	f.Fuzz(func(t *testing.T, name, phone, email, province, city, street, country, kind string, credit int64, days int) {
		c := &Customer{Name: name, Phone: phone, Email: email, Kind: CustomerKind(kind), CreditLimit: Money(credit), PaymentTermDays: days,
			Address: Address{Province: province, City: city, Street: street, Country: country}, Notes: name + "\n" + street}
		err := c.Validate()
		if err != nil {
			v, ok := IsValidation(err)
			if !ok {
				t.Fatalf("not a validation error: %T %v", err, err)
			}
			wellFormed(t, v.Fields, name, phone, email, province, city, street, country, kind)
		}
		once := *c
		if again := c.Validate(); !reflect.DeepEqual(once, *c) || (err == nil) != (again == nil) {
			t.Fatalf("validating twice differs: %+v → %+v (%v, then %v)", once, *c, err, again)
		}
		for _, s := range []string{c.Name, c.Phone, c.Email} {
			if strings.IndexFunc(s, unicode.IsControl) >= 0 || s != strings.TrimSpace(s) {
				t.Fatalf("kept %q uncleaned", s)
			}
		}
	})
}

// FuzzOrderInput: an order as typed or imported is cleaned and checked
// for format and completeness without panicking; cleaning is idempotent
// and leaves no control characters (line breaks in notes aside); what
// passes the format check fits the columns it is stored in.
func FuzzOrderInput(f *testing.F) {
	f.Add("phone", "张伟", "138 0013 8000", "浙江省", "杭州市", "文三路 100 号", "310012", "CN", "vip10", "moisture-proof\r\npacking",
		"TEA-001", int64(2), int64(12800), int64(1000), "normal", "杭州青岚茶舍有限公司", "91330106MA2KXXXX1X")
	f.Add("walk_in", "", "", "", "", "", "", "", "", "", "", int64(0), int64(-5), int64(1<<62), "vat_special", "", "")
	f.Add("\x00", "\u202e", "+", "\t", "\n", "\r", "0", "cn", " ", "\x7f", " TEA\x00", int64(-1), int64(1_000_000_000_001), int64(0), "??", "x", "1")
	now := time.Date(2026, 5, 14, 9, 30, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, channel, name, phone, province, city, street, postcode, country, coupon, notes, sku string,
		qty, price, fee int64, invoice, title, taxID string) {
		p := Money(price)
		in := OrderInput{Channel: Channel(channel), CustomerID: 1, RecipientName: name, RecipientPhone: phone,
			Address: Address{Province: province, City: city, Street: street, Postcode: postcode, Country: country},
			Lines:   []LineInput{{SKU: sku, Qty: qty, UnitPrice: &p}, {ProductID: 7, Qty: 1}}, ShippingFee: Money(fee),
			CouponCode: coupon, SpecialRequest: notes, Notes: notes, PaymentMethod: PayAlipay,
			Invoice: InvoiceRequest{Type: InvoiceType(invoice), Title: title, TaxID: taxID}, OrderedAt: now.Add(-time.Hour)}
		in.clean("CN")
		cleaned := in
		cleaned.Lines = slices.Clone(in.Lines)
		in.clean("CN")
		if !reflect.DeepEqual(in, cleaned) {
			t.Fatalf("cleaning twice differs:\n%+v\n%+v", cleaned, in)
		}
		for _, s := range []string{in.RecipientName, in.RecipientPhone, in.CouponCode, in.Address.City, in.Address.Street, in.Lines[0].SKU} {
			if strings.IndexFunc(s, unicode.IsControl) >= 0 {
				t.Fatalf("%q keeps a control character", s)
			}
		}
		if strings.IndexFunc(in.Notes, func(r rune) bool { return r != '\n' && unicode.IsControl(r) }) >= 0 {
			t.Fatalf("notes %q keep a control character", in.Notes)
		}
		var format, complete problems
		in.validateFormat(&format, now)
		in.validateComplete(&complete)
		typed := []string{channel, name, phone, province, city, street, postcode, country, coupon, notes, sku, invoice, title, taxID}
		wellFormed(t, format.list, typed...)
		wellFormed(t, complete.list, typed...)
		var again problems
		in.validateFormat(&again, now)
		if !reflect.DeepEqual(format.list, again.list) {
			t.Fatalf("two checks differ: %v / %v", format.list, again.list)
		}
		if len(format.list) == 0 {
			for field, v := range map[string]struct {
				s   string
				max int
			}{"recipient.name": {in.RecipientName, 60}, "address.city": {in.Address.City, 40}, "address.street": {in.Address.Street, 200},
				"address.postcode": {in.Address.Postcode, 12}, "coupon_code": {in.CouponCode, 32}, "notes": {in.Notes, 2000}} {
				if utf8.RuneCountInString(v.s) > v.max {
					t.Fatalf("%s passed with %d characters", field, utf8.RuneCountInString(v.s))
				}
			}
			if in.Lines[0].Qty < 1 || *in.Lines[0].UnitPrice < 0 || in.ShippingFee < 0 || in.ShippingFee > maxAmount {
				t.Fatalf("passed with qty %d, price %d, shipping %d", in.Lines[0].Qty, *in.Lines[0].UnitPrice, in.ShippingFee)
			}
		}
	})
}
