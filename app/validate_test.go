package app

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// problem is one expected FieldError, by field and code.
type problem struct{ field, code string }

// wantProblems asserts err is a ValidationError that reports exactly the
// given fields (each with its code) and nothing else.
func wantProblems(t *testing.T, err error, want ...problem) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Fatalf("want no problems, got %v", err)
		}
		return
	}
	ve, ok := IsValidation(err)
	if !ok {
		t.Fatalf("want a ValidationError with %v, got %T %v", want, err, err)
	}
	for _, w := range want {
		fe, ok := ve.For(w.field)
		if !ok {
			t.Errorf("no problem reported for %q; got %v", w.field, ve)
			continue
		}
		if fe.Code != w.code {
			t.Errorf("%s: code %q, want %q (%s)", w.field, fe.Code, w.code, fe.Message)
		}
		if strings.TrimSpace(fe.Message) == "" {
			t.Errorf("%s: empty message", w.field)
		}
	}
	for _, fe := range ve.Fields {
		found := false
		for _, w := range want {
			found = found || fe.Field == w.field
		}
		if !found {
			t.Errorf("unexpected problem %s (%s)", fe, fe.Code)
		}
	}
}

// han returns n Chinese characters: three bytes each, one rune each, so a
// byte-counting limit would show.
func han(n int) string { return strings.Repeat("中", n) }

func validCustomer() Customer {
	return Customer{
		Code: "C-001", Name: "张三", Kind: CustomerRetail, Contact: "李四",
		Phone: "138-0013-8000", Email: "zhang@example.com",
		Address: Address{Province: "广东省", City: "深圳市", District: "南山区", Street: "科技园路1号", Postcode: "518000", Country: "CN"},
		Notes:   "老客户",
	}
}

func TestCustomerValidate(t *testing.T) {
	tests := []struct {
		name   string
		modify func(c *Customer)
		want   []problem
	}{
		{"valid", func(*Customer) {}, nil},
		{"valid dealer on terms", func(c *Customer) {
			c.Kind, c.CreditLimit, c.PaymentTermDays, c.LateFeePerMille = CustomerDealer, 5_000_000, 30, 5
		}, nil},
		{"name at limit in Chinese", func(c *Customer) { c.Name = han(120) }, nil},
		{"no phone or e-mail is fine", func(c *Customer) { c.Phone, c.Email = "", "" }, nil},
		{"name empty", func(c *Customer) { c.Name = "" }, []problem{{"name", CodeRequired}}},
		{"name blank", func(c *Customer) { c.Name = " \t\n " }, []problem{{"name", CodeRequired}}},
		{"name too long in Chinese", func(c *Customer) { c.Name = han(MaxNameRunes + 1) }, []problem{{"name", CodeTooLong}}},
		{"name too long in Latin", func(c *Customer) { c.Name = strings.Repeat("a", MaxNameRunes+1) }, []problem{{"name", CodeTooLong}}},
		{"kind missing", func(c *Customer) { c.Kind = "" }, []problem{{"kind", CodeRequired}}},
		{"kind unknown", func(c *Customer) { c.Kind = "vip" }, []problem{{"kind", CodeInvalid}}},
		{"code too long", func(c *Customer) { c.Code = strings.Repeat("C", 41) }, []problem{{"code", CodeTooLong}}},
		{"contact too long", func(c *Customer) { c.Contact = han(MaxPersonRunes + 1) }, []problem{{"contact", CodeTooLong}}},
		{"phone with letters", func(c *Customer) { c.Phone = "138abc00138" }, []problem{{"phone", CodeInvalid}}},
		{"mobile starting 12", func(c *Customer) { c.Phone = "12012345678" }, []problem{{"phone", CodeInvalid}}},
		{"e-mail malformed", func(c *Customer) { c.Email = "zhang.example.com" }, []problem{{"email", CodeInvalid}}},
		{"address street too long", func(c *Customer) { c.Address.Street = han(MaxStreetRunes + 1) }, []problem{{"address.street", CodeTooLong}}},
		{"address country not a code", func(c *Customer) { c.Address.Country = "中国" }, []problem{{"address.country", CodeInvalid}}},
		{"credit limit negative", func(c *Customer) { c.Kind, c.CreditLimit = CustomerDealer, -1 }, []problem{{"credit_limit", CodeTooSmall}}},
		{"credit limit absurd", func(c *Customer) { c.Kind, c.CreditLimit = CustomerDealer, maxAmount+1 }, []problem{{"credit_limit", CodeTooLarge}}},
		{"terms negative", func(c *Customer) { c.Kind, c.PaymentTermDays = CustomerDealer, -1 }, []problem{{"payment_term_days", CodeInvalid}}},
		{"terms over a year", func(c *Customer) { c.Kind, c.PaymentTermDays = CustomerDealer, 366 }, []problem{{"payment_term_days", CodeInvalid}}},
		{"terms for a retail customer", func(c *Customer) { c.PaymentTermDays = 30 }, []problem{{"payment_term_days", CodeInvalid}}},
		{"late fee negative", func(c *Customer) { c.LateFeePerMille = -1 }, []problem{{"late_fee", CodeInvalid}}},
		{"late fee over 10%", func(c *Customer) { c.LateFeePerMille = 101 }, []problem{{"late_fee", CodeInvalid}}},
		{"licence too long", func(c *Customer) { c.LicenceNo = strings.Repeat("9", 61) }, []problem{{"licence_no", CodeTooLong}}},
		{"qualification notes too long", func(c *Customer) { c.QualificationNotes = han(1001) }, []problem{{"qualification_notes", CodeTooLong}}},
		{"notes too long", func(c *Customer) { c.Notes = han(2001) }, []problem{{"notes", CodeTooLong}}},
		{"several at once", func(c *Customer) {
			c.Name, c.Kind, c.Phone, c.Email, c.LateFeePerMille = "", "", "12", "x@", 500
		}, []problem{{"name", CodeRequired}, {"kind", CodeRequired}, {"phone", CodeInvalid}, {"email", CodeInvalid}, {"late_fee", CodeInvalid}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validCustomer()
			tt.modify(&c)
			wantProblems(t, c.Validate(), tt.want...)
		})
	}
}

func TestCustomerValidateCleansName(t *testing.T) {
	c := validCustomer()
	c.Name = "  张\t三\n"
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.Name != "张 三" {
		t.Errorf("Name = %q, want the tab replaced and the ends trimmed", c.Name)
	}
}

// TestCustomerValidateCleansAddress: the address is cleaned like the
// name, so a hidden character cannot disguise it on a label.
func TestCustomerValidateCleansAddress(t *testing.T) {
	c := validCustomer()
	c.Address.Street = " 文三路\u202e 100 号\t"
	c.Address.City = "\u200b杭州市"
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.Address.Street != "文三路 100 号" || c.Address.City != "杭州市" {
		t.Errorf("address %+v, want it cleaned", c.Address)
	}
}

func TestHiddenText(t *testing.T) {
	for _, tt := range []struct {
		in                   string
		direction, invisible int
	}{
		{"Wang Fang", 0, 0},
		{"Wang \u202eFang", 1, 0},
		{"\u2066\u200e王\u200b芳\ufeff", 2, 2},
		{"👩\u200d👧", 0, 0},
	} {
		if d, i := hiddenText(tt.in); d != tt.direction || i != tt.invisible {
			t.Errorf("hiddenText(%q) = %d, %d; want %d, %d", tt.in, d, i, tt.direction, tt.invisible)
		}
	}
}

func TestCheckPhone(t *testing.T) {
	tests := []struct {
		phone, country string
		ok             bool
	}{
		{"13800138000", "CN", true},
		{"138-0013-8000", "CN", true},
		{"138 0013 8000", "", true},
		{"+86 138-0013-8000", "CN", true},
		{"19912345678", "CN", true},
		{"(020) 7946 0958", "GB", true},
		{"0755-8888 6666", "CN", true},
		{"  0755-88886666  ", "CN", true},
		{"1234567", "CN", true},          // 7 digits: a local landline
		{"+123456789012345", "GB", true}, // 15 digits: the most E.164 allows
		{"12012345678", "GB", true},      // the 13–19 rule is Chinese only
		{"", "CN", false},
		{"+", "CN", false},
		{"138abc00138", "CN", false},
		{"0755-8888 6666 ext 12", "CN", false},
		{"138.0013.8000", "CN", false},
		{"138+0013 8000", "CN", false}, // '+' only leads
		{"１３８００１３８０００", "CN", false},   // full-width digits
		{"123456", "CN", false},
		{"1234567890123456", "GB", false},
		{"12012345678", "CN", false},
		{"11012345678", "CN", false},
		{"10012345678", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.country+"/"+tt.phone, func(t *testing.T) {
			var p problems
			checkPhone(&p, "phone", tt.phone, tt.country)
			if tt.ok {
				wantProblems(t, p.err())
			} else {
				wantProblems(t, p.err(), problem{"phone", CodeInvalid})
			}
		})
	}
}

func TestPhoneDigits(t *testing.T) {
	tests := map[string]string{
		"+86 138-0013-8000": "8613800138000",
		"(020) 7946 0958":   "02079460958",
		"":                  "",
		"abc":               "",
	}
	for in, want := range tests {
		if got := PhoneDigits(in); got != want {
			t.Errorf("PhoneDigits(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCheckEmail(t *testing.T) {
	long := strings.Repeat("a", 109) + "@example.com" // 121 characters
	tests := []struct {
		email string
		code  string // empty: accepted
	}{
		{"li@example.com", ""},
		{"li.wei+shop@mail.example.cn", ""},
		{long[1:], ""},
		{long, CodeTooLong},
		{"li.example.com", CodeInvalid},
		{"@example.com", CodeInvalid},
		{"li@", CodeInvalid},
		{"li@example", CodeInvalid},
		{"li wei@example.com", CodeInvalid},
		{"a@b.com,c@d.com", CodeInvalid},
		{"a@b.com;c@d.com", CodeInvalid},
		{"Li <li@example.com>", CodeInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.email, func(t *testing.T) {
			var p problems
			checkEmail(&p, "email", tt.email)
			if tt.code == "" {
				wantProblems(t, p.err())
			} else {
				wantProblems(t, p.err(), problem{"email", tt.code})
			}
		})
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, text, multiline string }{
		{"  张三  ", "张三", "张三"},
		{"a\nb", "a b", "a\nb"},
		{"line1\r\nline2", "line1  line2", "line1\nline2"},
		{"a\x00b", "a b", "ab"},
		{" \t\n", "", ""},
		{"", "", ""},
		// Hidden characters go: a right-to-left override would show the
		// rest of the name backwards, a zero-width space or a BOM makes a
		// name that looks the same differ.
		{"Wang \u202eFang", "Wang Fang", "Wang Fang"},
		{"\u2067王芳\u2069", "王芳", "王芳"},
		{"\ufeff张\u200b三\u200f", "张三", "张三"},
		{"a\u00adb\u2060c", "abc", "abc"},
		{"\u202e \u202e", "", ""},
		// The joiners emoji and scripts need stay.
		{"👩\u200d👧 می\u200cخواهم", "👩\u200d👧 می\u200cخواهم", "👩\u200d👧 می\u200cخواهم"},
	}
	for _, tt := range tests {
		if got := cleanText(tt.in); got != tt.text {
			t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.text)
		}
		if got := cleanMultiline(tt.in); got != tt.multiline {
			t.Errorf("cleanMultiline(%q) = %q, want %q", tt.in, got, tt.multiline)
		}
	}
}

func validProduct() Product {
	return Product{ID: 7, SKU: "TEA-001", Name: "龙井茶", AltName: "Longjing tea", Spec: "250g 罐装", Unit: "罐",
		Price: 12800, FloorPrice: 9900, Cost: 6000, Barcode: "6901234567892", WeightGrams: 300, Alternates: []int64{8, 9}, Active: true}
}

func TestProductValidate(t *testing.T) {
	tests := []struct {
		name   string
		modify func(p *Product)
		want   []problem
	}{
		{"valid", func(*Product) {}, nil},
		{"free sample", func(p *Product) { p.Price, p.FloorPrice, p.Cost = 0, 0, 0 }, nil},
		{"limits reached", func(p *Product) {
			p.SKU, p.Name, p.Unit, p.Price, p.FloorPrice, p.WeightGrams = strings.Repeat("S", 40), han(120), han(12), maxAmount, maxAmount, 1_000_000
		}, nil},
		{"SKU with every allowed sign", func(p *Product) { p.SKU = "a-Z_0.9/x" }, nil},
		{"sku empty", func(p *Product) { p.SKU = "  " }, []problem{{"sku", CodeRequired}}},
		{"sku too long", func(p *Product) { p.SKU = strings.Repeat("S", MaxSKURunes+1) }, []problem{{"sku", CodeTooLong}}},
		{"sku beyond what a barcode prints", func(p *Product) { p.SKU = "茶-01" }, []problem{{"sku", CodeInvalid}}},
		{"sku in Chinese", func(p *Product) { p.SKU = "茶001" }, []problem{{"sku", CodeInvalid}}},
		{"name empty", func(p *Product) { p.Name = "" }, []problem{{"name", CodeRequired}}},
		{"name too long in Chinese", func(p *Product) { p.Name = han(MaxNameRunes + 1) }, []problem{{"name", CodeTooLong}}},
		{"alt name too long", func(p *Product) { p.AltName = strings.Repeat("x", MaxNameRunes+1) }, []problem{{"alt_name", CodeTooLong}}},
		{"spec too long", func(p *Product) { p.Spec = han(MaxNameRunes + 1) }, []problem{{"spec", CodeTooLong}}},
		{"unit empty", func(p *Product) { p.Unit = "" }, []problem{{"unit", CodeRequired}}},
		{"unit blank", func(p *Product) { p.Unit = "   " }, []problem{{"unit", CodeRequired}}},
		{"unit too long", func(p *Product) { p.Unit = han(13) }, []problem{{"unit", CodeTooLong}}},
		{"price negative", func(p *Product) { p.Price, p.FloorPrice = -1, 0 }, []problem{{"price", CodeTooSmall}, {"floor_price", CodeTooLarge}}},
		{"price absurd", func(p *Product) { p.Price = maxAmount + 1 }, []problem{{"price", CodeTooLarge}}},
		{"floor price negative", func(p *Product) { p.FloorPrice = -1 }, []problem{{"floor_price", CodeTooSmall}}},
		{"floor price above price", func(p *Product) { p.FloorPrice = p.Price + 1 }, []problem{{"floor_price", CodeTooLarge}}},
		{"cost negative", func(p *Product) { p.Cost = -100 }, []problem{{"cost", CodeTooSmall}}},
		{"cost absurd", func(p *Product) { p.Cost = maxAmount + 1 }, []problem{{"cost", CodeTooLarge}}},
		{"barcode with a space", func(p *Product) { p.Barcode = "690 1234" }, []problem{{"barcode", CodeInvalid}}},
		{"barcode too long", func(p *Product) { p.Barcode = strings.Repeat("1", 41) }, []problem{{"barcode", CodeTooLong}}},
		{"weight negative", func(p *Product) { p.WeightGrams = -1 }, []problem{{"weight", CodeInvalid}}},
		{"weight over a tonne", func(p *Product) { p.WeightGrams = 1_000_001 }, []problem{{"weight", CodeInvalid}}},
		{"own alternate", func(p *Product) { p.Alternates = []int64{8, 7} }, []problem{{"alternates", CodeInvalid}}},
		{"new product may list alternates", func(p *Product) { p.ID, p.Alternates = 0, []int64{8} }, nil},
		{"several at once", func(p *Product) { p.SKU, p.Name, p.Unit, p.Cost = "", "", "", -1 },
			[]problem{{"sku", CodeRequired}, {"name", CodeRequired}, {"unit", CodeRequired}, {"cost", CodeTooSmall}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validProduct()
			tt.modify(&p)
			wantProblems(t, p.Validate(), tt.want...)
		})
	}
}

func validWarehouse() Warehouse {
	return Warehouse{Code: "SZ-1", Name: "深圳一号仓", Phone: "0755-8888 6666", ShippingRank: 10,
		Address: Address{Province: "广东省", City: "深圳市", Street: "宝安大道100号", Country: "CN"}}
}

func TestWarehouseValidate(t *testing.T) {
	tests := []struct {
		name   string
		modify func(w *Warehouse)
		want   []problem
	}{
		{"valid", func(*Warehouse) {}, nil},
		{"limits reached", func(w *Warehouse) { w.Code, w.Name, w.ShippingRank = strings.Repeat("W", 20), han(80), 1000 }, nil},
		{"no phone", func(w *Warehouse) { w.Phone = "" }, nil},
		{"code empty", func(w *Warehouse) { w.Code = "" }, []problem{{"code", CodeRequired}}},
		{"code too long", func(w *Warehouse) { w.Code = strings.Repeat("W", 21) }, []problem{{"code", CodeTooLong}}},
		{"code in Chinese", func(w *Warehouse) { w.Code = "深圳" }, []problem{{"code", CodeInvalid}}},
		{"code with a space", func(w *Warehouse) { w.Code = "SZ 1" }, []problem{{"code", CodeInvalid}}},
		{"name empty", func(w *Warehouse) { w.Name = "\t" }, []problem{{"name", CodeRequired}}},
		{"name too long in Chinese", func(w *Warehouse) { w.Name = han(81) }, []problem{{"name", CodeTooLong}}},
		{"phone malformed", func(w *Warehouse) { w.Phone = "call 0755" }, []problem{{"phone", CodeInvalid}}},
		{"phone too short", func(w *Warehouse) { w.Phone = "8888" }, []problem{{"phone", CodeInvalid}}},
		{"rank negative", func(w *Warehouse) { w.ShippingRank = -1 }, []problem{{"shipping_rank", CodeInvalid}}},
		{"rank absurd", func(w *Warehouse) { w.ShippingRank = 1001 }, []problem{{"shipping_rank", CodeInvalid}}},
		{"city too long", func(w *Warehouse) { w.Address.City = han(MaxRegionRunes + 1) }, []problem{{"address.city", CodeTooLong}}},
		{"country lower case", func(w *Warehouse) { w.Address.Country = "cn" }, []problem{{"address.country", CodeInvalid}}},
		{"several at once", func(w *Warehouse) { w.Code, w.Name, w.ShippingRank = "", "", -5 },
			[]problem{{"code", CodeRequired}, {"name", CodeRequired}, {"shipping_rank", CodeInvalid}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := validWarehouse()
			tt.modify(&w)
			wantProblems(t, w.Validate(), tt.want...)
		})
	}
}

func TestParseBinCode(t *testing.T) {
	tests := []struct {
		code            string
		aisle           string
		shelf, position int
	}{
		{"A-3-5", "A", 3, 5},
		{"B12-10-02", "B12", 10, 2},
		{"A-0-0", "A", 0, 0},
		// Other schemes are kept whole as the aisle and sort by text.
		{"A-3", "A-3", 0, 0},
		{"A-3-5-1", "A-3-5-1", 0, 0},
		{"A-x-5", "A-x-5", 0, 0},
		{"A-3-", "A-3-", 0, 0},
		{"RACK7", "RACK7", 0, 0},
		{"", "", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			a, s, p := ParseBinCode(tt.code)
			if a != tt.aisle || s != tt.shelf || p != tt.position {
				t.Errorf("ParseBinCode(%q) = %q, %d, %d; want %q, %d, %d", tt.code, a, s, p, tt.aisle, tt.shelf, tt.position)
			}
		})
	}
}

func TestBinValidate(t *testing.T) {
	tests := []struct {
		name            string
		bin             Bin
		want            []problem
		code, aisle     string
		shelf, position int
	}{
		{"valid", Bin{WarehouseID: 1, Code: "A-3-5"}, nil, "A-3-5", "A", 3, 5},
		{"lower case and spaces are tidied", Bin{WarehouseID: 1, Code: " b-12-4 "}, nil, "B-12-4", "B", 12, 4},
		{"own scheme", Bin{WarehouseID: 1, Code: "COLD1"}, nil, "COLD1", "COLD1", 0, 0},
		{"code at limit", Bin{WarehouseID: 1, Code: strings.Repeat("A", 20)}, nil, strings.Repeat("A", 20), strings.Repeat("A", 20), 0, 0},
		{"code empty", Bin{WarehouseID: 1}, []problem{{"code", CodeRequired}}, "", "", 0, 0},
		{"code too long", Bin{WarehouseID: 1, Code: strings.Repeat("A", 21)}, []problem{{"code", CodeTooLong}}, "", "", 0, 0},
		{"code with spaces", Bin{WarehouseID: 1, Code: "A 3 5"}, []problem{{"code", CodeInvalid}}, "", "", 0, 0},
		{"code in Chinese", Bin{WarehouseID: 1, Code: "甲-3-5"}, []problem{{"code", CodeInvalid}}, "", "", 0, 0},
		{"no warehouse", Bin{Code: "A-3-5"}, []problem{{"warehouse", CodeRequired}}, "", "", 0, 0},
		{"nothing", Bin{}, []problem{{"code", CodeRequired}, {"warehouse", CodeRequired}}, "", "", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.bin
			err := b.Validate()
			wantProblems(t, err, tt.want...)
			if err != nil {
				return
			}
			if b.Code != tt.code || b.Aisle != tt.aisle || b.Shelf != tt.shelf || b.Position != tt.position {
				t.Errorf("bin = %q (%q, %d, %d), want %q (%q, %d, %d)", b.Code, b.Aisle, b.Shelf, b.Position,
					tt.code, tt.aisle, tt.shelf, tt.position)
			}
		})
	}
}

func TestValidationErrorReporting(t *testing.T) {
	var p problems
	if p.err() != nil {
		t.Fatal("no problems must give a nil error, not a typed nil")
	}
	p.add("recipient.phone", CodeInvalid, "a phone number has %d to %d digits", 7, 15)
	p.add("lines[2].qty", CodeTooSmall, "the quantity must be at least 1")
	p.add("recipient.phone", CodeRequired, "second problem with the same field")
	err := fmt.Errorf("save order: %w", p.err())

	ve, ok := IsValidation(err)
	if !ok {
		t.Fatalf("IsValidation(%v) = false through wrapping", err)
	}
	if len(ve.Fields) != 3 {
		t.Errorf("got %d problems, want 3", len(ve.Fields))
	}
	fe, ok := ve.For("recipient.phone")
	if !ok || fe.Code != CodeInvalid || fe.Message != "a phone number has 7 to 15 digits" {
		t.Errorf("For(recipient.phone) = %+v, %v; want the first one", fe, ok)
	}
	if _, ok := ve.For("recipient"); ok {
		t.Error("For matched a prefix of a field")
	}
	want := "please correct: recipient.phone: a phone number has 7 to 15 digits; lines[2].qty: the quantity must be at least 1; " +
		"recipient.phone: second problem with the same field"
	if got := ve.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if _, ok := IsValidation(errors.New("plain")); ok {
		t.Error("IsValidation accepted a plain error")
	}
	if _, ok := IsValidation(&TransitionError{}); ok {
		t.Error("IsValidation accepted a TransitionError")
	}
}
