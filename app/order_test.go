package app

import (
	"strings"
	"testing"
	"time"
)

// testNow is the fixed clock for order input checks.
var testNow = time.Date(2024, 5, 20, 10, 0, 0, 0, time.UTC)

func validInput() OrderInput {
	price := Money(12800)
	return OrderInput{
		Channel: ChannelTaobao, PlatformOrderID: "TB2024050112345", CustomerID: 1, Contact: "张三",
		RecipientName: "李四", RecipientPhone: "138-0013-8000",
		Address: Address{Province: "广东省", City: "深圳市", District: "南山区", Street: "科技园路1号", Postcode: "518000"},
		Lines: []LineInput{
			{ProductID: 7, Qty: 2, UnitPrice: &price},
			{SKU: "TEA-002", Qty: 1, Discount: 500},
		},
		ShippingFee: 1000, CouponCode: "may10", OrderDiscount: 1000,
		PaymentMethod: PayAlipay, Delivery: Delivery{Urgency: UrgencyUrgent, TimeSlot: "工作日 9-12"},
		SpecialRequest: "防潮包装", Invoice: InvoiceRequest{Type: InvoiceNormal, Title: "深圳某某科技有限公司"},
		OrderedAt: testNow.Add(-time.Hour),
	}
}

// checkInput runs the checks the way the service does: clean first, then
// the format checks, then (when submitting) the completeness checks.
func checkInput(in OrderInput, shopCountry string, complete bool) error {
	in.clean(shopCountry)
	var p problems
	in.validateFormat(&p, testNow)
	if complete {
		in.validateComplete(&p)
	}
	return p.err()
}

func money(m Money) *Money { return &m }

func TestOrderInputValidate(t *testing.T) {
	tests := []struct {
		name   string
		modify func(in *OrderInput)
		want   []problem
	}{
		{"valid", func(*OrderInput) {}, nil},
		{"no order time means now", func(in *OrderInput) { in.OrderedAt = time.Time{} }, nil},
		{"no payment method yet", func(in *OrderInput) { in.PaymentMethod = "" }, nil},
		{"urgency left empty is standard", func(in *OrderInput) { in.Delivery.Urgency = "" }, nil},
		{"no invoice ignores title and tax id", func(in *OrderInput) { in.Invoice = InvoiceRequest{TaxID: "x"} }, nil},
		{"country typed in lower case", func(in *OrderInput) { in.Address.Country = "cn" }, nil},
		{"abroad needs no province", func(in *OrderInput) {
			in.Address = Address{City: "London", Street: "1 High St", Postcode: "SW1A 1AA", Country: "GB"}
			in.RecipientPhone = "020 7946 0958"
		}, nil},
		{"walk-in needs no delivery details", func(in *OrderInput) {
			in.Channel, in.RecipientName, in.RecipientPhone, in.Address = ChannelWalkIn, "", "", Address{}
		}, nil},
		{"free line", func(in *OrderInput) { in.Lines[0].UnitPrice = money(0) }, nil},
		{"limits reached", func(in *OrderInput) {
			in.RecipientName, in.Contact, in.PlatformOrderID = han(60), han(80), strings.Repeat("9", 64)
			in.Address.Street, in.Address.City = han(200), han(40)
			in.Lines[0].Qty, in.Lines[0].UnitPrice = MaxLineQty, money(maxAmount)
			in.CouponCode, in.Delivery.TimeSlot = strings.Repeat("C", 32), han(40)
			in.SpecialRequest, in.Notes, in.Invoice.Title = han(500), han(2000), han(100)
			in.OrderedAt = testNow.Add(23 * time.Hour)
		}, nil},

		{"channel missing", func(in *OrderInput) { in.Channel = "" }, []problem{{"channel", CodeRequired}}},
		{"channel unknown", func(in *OrderInput) { in.Channel = "aliexpress" }, []problem{{"channel", CodeInvalid}}},
		{"platform order id too long", func(in *OrderInput) { in.PlatformOrderID = strings.Repeat("9", 65) }, []problem{{"platform_order_id", CodeTooLong}}},
		{"contact too long", func(in *OrderInput) { in.Contact = han(MaxPersonRunes + 1) }, []problem{{"contact", CodeTooLong}}},
		{"recipient name too long in Chinese", func(in *OrderInput) { in.RecipientName = han(MaxPersonRunes + 1) }, []problem{{"recipient.name", CodeTooLong}}},

		{"phone with letters", func(in *OrderInput) { in.RecipientPhone = "138abcd8000" }, []problem{{"recipient.phone", CodeInvalid}}},
		{"phone with an extension", func(in *OrderInput) { in.RecipientPhone = "0755-8888 6666 ext 12" }, []problem{{"recipient.phone", CodeInvalid}}},
		{"phone too few digits", func(in *OrderInput) { in.RecipientPhone = "138001" }, []problem{{"recipient.phone", CodeInvalid}}},
		{"phone too many digits", func(in *OrderInput) { in.RecipientPhone = "1380013800013800" }, []problem{{"recipient.phone", CodeInvalid}}},
		// The shop's country fills the address in, so the Chinese mobile
		// rule applies without a country typed.
		{"mobile starting 12", func(in *OrderInput) { in.RecipientPhone = "120-0013-8000" }, []problem{{"recipient.phone", CodeInvalid}}},

		{"province too long", func(in *OrderInput) { in.Address.Province = han(MaxRegionRunes + 1) }, []problem{{"address.province", CodeTooLong}}},
		{"city too long", func(in *OrderInput) { in.Address.City = han(MaxRegionRunes + 1) }, []problem{{"address.city", CodeTooLong}}},
		{"district too long", func(in *OrderInput) { in.Address.District = han(MaxRegionRunes + 1) }, []problem{{"address.district", CodeTooLong}}},
		{"street too long", func(in *OrderInput) { in.Address.Street = han(MaxStreetRunes + 1) }, []problem{{"address.street", CodeTooLong}}},
		{"postcode too long", func(in *OrderInput) { in.Address.Postcode = strings.Repeat("5", MaxPostcodeRunes+1) }, []problem{{"address.postcode", CodeTooLong}}},
		{"country not two letters", func(in *OrderInput) { in.Address.Country = "CHN" }, []problem{{"address.country", CodeInvalid}}},

		{"too many lines", func(in *OrderInput) {
			in.Lines = make([]LineInput, MaxLines+1)
			for i := range in.Lines {
				in.Lines[i] = LineInput{ProductID: int64(i + 1), Qty: 1}
			}
		}, []problem{{"lines", CodeTooLarge}}},
		{"line without product", func(in *OrderInput) { in.Lines[1].SKU = "  " }, []problem{{"lines[1].sku", CodeRequired}}},
		{"quantity zero", func(in *OrderInput) { in.Lines[0].Qty = 0 }, []problem{{"lines[0].qty", CodeTooSmall}}},
		{"quantity negative", func(in *OrderInput) { in.Lines[1].Qty = -3 }, []problem{{"lines[1].qty", CodeTooSmall}}},
		{"quantity over the limit", func(in *OrderInput) { in.Lines[0].Qty = MaxLineQty + 1 }, []problem{{"lines[0].qty", CodeTooLarge}}},
		{"quantity absurd", func(in *OrderInput) { in.Lines[0].Qty = 1 << 40 }, []problem{{"lines[0].qty", CodeTooLarge}}},
		{"unit price negative", func(in *OrderInput) { in.Lines[0].UnitPrice = money(-1) }, []problem{{"lines[0].unit_price", CodeTooSmall}}},
		{"unit price absurd", func(in *OrderInput) { in.Lines[0].UnitPrice = money(maxAmount + 1) }, []problem{{"lines[0].unit_price", CodeTooLarge}}},
		{"line discount negative", func(in *OrderInput) { in.Lines[1].Discount = -1 }, []problem{{"lines[1].discount", CodeTooSmall}}},
		{"line discount absurd", func(in *OrderInput) { in.Lines[1].Discount = maxAmount + 1 }, []problem{{"lines[1].discount", CodeTooLarge}}},
		{"shipping fee negative", func(in *OrderInput) { in.ShippingFee = -100 }, []problem{{"shipping_fee", CodeTooSmall}}},
		{"shipping fee absurd", func(in *OrderInput) { in.ShippingFee = maxAmount + 1 }, []problem{{"shipping_fee", CodeTooLarge}}},
		{"order discount negative", func(in *OrderInput) { in.OrderDiscount = -1 }, []problem{{"order_discount", CodeTooSmall}}},
		{"coupon too long", func(in *OrderInput) { in.CouponCode = strings.Repeat("C", MaxCouponRunes+1) }, []problem{{"coupon_code", CodeTooLong}}},

		{"payment method unknown", func(in *OrderInput) { in.PaymentMethod = "bitcoin" }, []problem{{"payment_method", CodeInvalid}}},
		{"urgency unknown", func(in *OrderInput) { in.Delivery.Urgency = "asap" }, []problem{{"delivery.urgency", CodeInvalid}}},
		{"time slot too long", func(in *OrderInput) { in.Delivery.TimeSlot = han(41) }, []problem{{"delivery.time_slot", CodeTooLong}}},
		{"special request too long", func(in *OrderInput) { in.SpecialRequest = han(MaxRequestRunes + 1) }, []problem{{"special_request", CodeTooLong}}},
		{"notes too long", func(in *OrderInput) { in.Notes = han(MaxNotesRunes + 1) }, []problem{{"notes", CodeTooLong}}},

		{"invoice type unknown", func(in *OrderInput) { in.Invoice.Type = "fancy" }, []problem{{"invoice.type", CodeInvalid}}},
		{"invoice without title", func(in *OrderInput) { in.Invoice.Title = " " }, []problem{{"invoice.title", CodeRequired}}},
		{"invoice title of one character", func(in *OrderInput) { in.Invoice.Title = "王" }, []problem{{"invoice.title", CodeTooSmall}}},
		{"invoice title too long", func(in *OrderInput) { in.Invoice.Title = han(101) }, []problem{{"invoice.title", CodeTooLong}}},
		{"VAT special without tax id", func(in *OrderInput) { in.Invoice.Type = InvoiceVATSpec }, []problem{{"invoice.tax_id", CodeRequired}}},
		{"VAT special with tax id", func(in *OrderInput) {
			in.Invoice.Type, in.Invoice.TaxID = InvoiceVATSpec, "91440300MA5F1234XY"
		}, nil},
		{"tax id typed in lower case", func(in *OrderInput) { in.Invoice.TaxID = " 91440300ma5f1234xy " }, nil},
		{"tax id of 15", func(in *OrderInput) { in.Invoice.TaxID = "440300123456789" }, nil},
		{"tax id of 20", func(in *OrderInput) { in.Invoice.TaxID = "44030012345678901234" }, nil},
		{"tax id of 14", func(in *OrderInput) { in.Invoice.TaxID = "44030012345678" }, []problem{{"invoice.tax_id", CodeInvalid}}},
		{"tax id of 21", func(in *OrderInput) { in.Invoice.TaxID = "440300123456789012345" }, []problem{{"invoice.tax_id", CodeInvalid}}},
		{"tax id with a space", func(in *OrderInput) { in.Invoice.TaxID = "91440300 MA5F1234X" }, []problem{{"invoice.tax_id", CodeInvalid}}},
		{"tax id in Chinese", func(in *OrderInput) { in.Invoice.TaxID = "税号税号税号税号税号" }, []problem{{"invoice.tax_id", CodeInvalid}}},

		{"ordered in the future", func(in *OrderInput) { in.OrderedAt = testNow.Add(25 * time.Hour) }, []problem{{"ordered_at", CodeInvalid}}},
		{"ordered last century", func(in *OrderInput) { in.OrderedAt = time.Date(1999, 12, 31, 0, 0, 0, 0, time.UTC) }, []problem{{"ordered_at", CodeInvalid}}},

		{"no customer", func(in *OrderInput) { in.CustomerID = 0 }, []problem{{"customer", CodeRequired}}},
		{"no lines", func(in *OrderInput) { in.Lines = nil }, []problem{{"lines", CodeRequired}}},
		{"no recipient", func(in *OrderInput) { in.RecipientName = "\t" }, []problem{{"recipient.name", CodeRequired}}},
		{"no recipient phone", func(in *OrderInput) { in.RecipientPhone = "" }, []problem{{"recipient.phone", CodeRequired}}},
		{"no city", func(in *OrderInput) { in.Address.City = "" }, []problem{{"address.city", CodeRequired}}},
		{"no street", func(in *OrderInput) { in.Address.Street = " " }, []problem{{"address.street", CodeRequired}}},
		{"no province in China", func(in *OrderInput) { in.Address.Province = "" }, []problem{{"address.province", CodeRequired}}},
		{"walk-in still needs customer and lines", func(in *OrderInput) {
			in.Channel, in.CustomerID, in.Lines = ChannelWalkIn, 0, nil
		}, []problem{{"customer", CodeRequired}, {"lines", CodeRequired}}},

		{"several at once", func(in *OrderInput) {
			in.Channel, in.RecipientName, in.RecipientPhone = "", "", "12"
			in.Lines[0].Qty, in.Lines[1].Discount = 0, -5
			in.Invoice = InvoiceRequest{Type: InvoiceVATSpec, Title: "某某公司"}
			in.OrderedAt = testNow.AddDate(1, 0, 0)
		}, []problem{
			{"channel", CodeRequired}, {"recipient.name", CodeRequired}, {"recipient.phone", CodeInvalid},
			{"lines[0].qty", CodeTooSmall}, {"lines[1].discount", CodeTooSmall}, {"invoice.tax_id", CodeRequired},
			{"ordered_at", CodeInvalid},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := validInput()
			tt.modify(&in)
			wantProblems(t, checkInput(in, "CN", true), tt.want...)
		})
	}
}

func TestOrderInputDraftChecksFormatOnly(t *testing.T) {
	// A draft may be saved half-filled: only what is typed must be right.
	wantProblems(t, checkInput(OrderInput{Channel: ChannelPhone}, "CN", false))
	wantProblems(t, checkInput(OrderInput{Channel: ChannelPhone, RecipientPhone: "12345"}, "CN", false),
		problem{"recipient.phone", CodeInvalid})
	// Even a draft says where it came from.
	wantProblems(t, checkInput(OrderInput{}, "CN", false), problem{"channel", CodeRequired})
}

func TestOrderInputNoShopCountry(t *testing.T) {
	in := validInput()
	in.Address.Country = ""
	wantProblems(t, checkInput(in, "", true), problem{"address.country", CodeRequired})
}

func TestOrderInputFieldNamesPointAtTheLine(t *testing.T) {
	// With many lines the error must name the right one.
	in := validInput()
	in.Lines = make([]LineInput, 12)
	for i := range in.Lines {
		in.Lines[i] = LineInput{ProductID: int64(i + 1), Qty: 1}
	}
	in.Lines[10].Qty = 0
	wantProblems(t, checkInput(in, "CN", true), problem{"lines[10].qty", CodeTooSmall})
}

func TestOrderInputClean(t *testing.T) {
	in := OrderInput{
		PlatformOrderID: " TB1 ", Contact: " 张三\t", RecipientName: "\n李四 ", RecipientPhone: " 13800138000 ",
		Address:        Address{Province: " 广东省 ", City: "深圳市\t", Street: " 科技园路1号 ", Country: " gb "},
		CouponCode:     " may10 ",
		Delivery:       Delivery{TimeSlot: " 9-12 "},
		SpecialRequest: "  防潮包装\r\n轻放  ",
		Invoice:        InvoiceRequest{Title: " 某某公司 ", TaxID: " 91440300ma5f1234xy "},
		Notes:          "\tfirst line\nsecond line\x00 ",
		Lines:          []LineInput{{SKU: " TEA-001\t"}},
	}
	in.clean("CN")
	checks := []struct{ field, got, want string }{
		{"platform order id", in.PlatformOrderID, "TB1"},
		{"contact", in.Contact, "张三"},
		{"recipient name", in.RecipientName, "李四"},
		{"recipient phone", in.RecipientPhone, "13800138000"},
		{"province", in.Address.Province, "广东省"},
		{"city", in.Address.City, "深圳市"},
		{"street", in.Address.Street, "科技园路1号"},
		{"country", in.Address.Country, "GB"},
		{"coupon", in.CouponCode, "MAY10"},
		{"time slot", in.Delivery.TimeSlot, "9-12"},
		{"urgency", string(in.Delivery.Urgency), string(UrgencyStandard)},
		{"special request", in.SpecialRequest, "防潮包装\n轻放"},
		{"invoice title", in.Invoice.Title, "某某公司"},
		{"tax id", in.Invoice.TaxID, "91440300MA5F1234XY"},
		{"notes", in.Notes, "first line\nsecond line"},
		{"line sku", in.Lines[0].SKU, "TEA-001"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}

	var empty OrderInput
	empty.clean("CN")
	if empty.Address.Country != "CN" {
		t.Errorf("empty country = %q, want the shop's CN", empty.Address.Country)
	}
}

func TestInputFromOrder(t *testing.T) {
	o := &Order{
		Channel: ChannelJD, PlatformOrderID: "JD1", CustomerID: 3, RecipientName: "李四", RecipientPhone: "13800138000",
		Address:     Address{City: "深圳市", Street: "科技园路1号", Country: "CN"},
		ShippingFee: 800, OrderDiscount: 200, PaymentMethod: PayWeChat, Notes: "n",
		Invoice: InvoiceRequest{Type: InvoiceNormal, Title: "某某公司"},
		Lines: []OrderLine{
			{LineNo: 1, ProductID: 7, SKU: "A", Qty: 2, UnitPrice: 1000, Discount: 100},
			{LineNo: 2, ProductID: 8, SKU: "B", Qty: 1, UnitPrice: 2500},
		},
		OrderedAt: testNow,
	}
	in := InputFromOrder(o)
	if in.Channel != o.Channel || in.CustomerID != 3 || in.ShippingFee != 800 || in.OrderDiscount != 200 ||
		in.Invoice != o.Invoice || !in.OrderedAt.Equal(testNow) || in.Address != o.Address {
		t.Errorf("InputFromOrder lost header fields: %+v", in)
	}
	if len(in.Lines) != 2 {
		t.Fatalf("got %d lines, want 2", len(in.Lines))
	}
	// Each line keeps its own price: the edit form changes them one by one.
	if *in.Lines[0].UnitPrice != 1000 || *in.Lines[1].UnitPrice != 2500 || in.Lines[0].UnitPrice == in.Lines[1].UnitPrice {
		t.Errorf("line prices = %d, %d (shared pointer: %v)", *in.Lines[0].UnitPrice, *in.Lines[1].UnitPrice,
			in.Lines[0].UnitPrice == in.Lines[1].UnitPrice)
	}
	*in.Lines[0].UnitPrice = 1
	if o.Lines[0].UnitPrice != 1000 {
		t.Error("changing the input changed the order")
	}
	if in.Lines[0].Qty != 2 || in.Lines[0].Discount != 100 || in.Lines[0].ProductID != 7 || in.Lines[0].SKU != "A" {
		t.Errorf("line 0 = %+v", in.Lines[0])
	}
	// What came from a valid order must pass the checks again.
	wantProblems(t, checkInput(InputFromOrder(o), "CN", false))
}

// TestPaysFirst: an order waits for its money unless it is paid, cash on
// delivery or on the customer's credit terms.
func TestPaysFirst(t *testing.T) {
	for _, tt := range []struct {
		method PaymentMethod
		paid   Money
		want   bool
	}{
		{PayAlipay, 0, true},
		{PayBank, 500, true},
		{PayBank, 1000, false},
		{PayCOD, 0, false},
		{PayCredit, 0, false},
	} {
		o := &Order{PaymentMethod: tt.method, AmountPaid: tt.paid,
			Lines: []OrderLine{{Qty: 1, UnitPrice: 1000, Kind: ProductGoods}}}
		o.Recalculate()
		if got := o.PaysFirst(); got != tt.want {
			t.Errorf("%s with %d paid of %d: PaysFirst %v, want %v", tt.method, tt.paid, o.Payable, got, tt.want)
		}
	}
}
