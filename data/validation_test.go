package data_test

import (
	"strings"
	"testing"
	"time"

	"orderdesk/app"
)

func moneyPtr(m app.Money) *app.Money { return &m }

// TestOrderInputRefused: bad input through the services comes back as a
// ValidationError on the right field, as a draft and when submitted, and
// nothing at all is written.
func TestOrderInputRefused(t *testing.T) {
	f := newShop(t)
	raw := rawDB(t, f.store.Path())
	cases := []struct {
		name   string
		change func(in *app.OrderInput)
		field  string
		code   string
	}{
		{"no channel", func(in *app.OrderInput) { in.Channel = "" }, "channel", app.CodeRequired},
		{"unknown channel", func(in *app.OrderInput) { in.Channel = "fax" }, "channel", app.CodeInvalid},
		{"long recipient", func(in *app.OrderInput) { in.RecipientName = strings.Repeat("张", app.MaxPersonRunes+1) }, "recipient.name", app.CodeTooLong},
		{"long street", func(in *app.OrderInput) { in.Address.Street = strings.Repeat("x", app.MaxStreetRunes+1) }, "address.street", app.CodeTooLong},
		{"long platform id", func(in *app.OrderInput) { in.PlatformOrderID = strings.Repeat("9", 65) }, "platform_order_id", app.CodeTooLong},
		{"long notes", func(in *app.OrderInput) { in.Notes = strings.Repeat("n", app.MaxNotesRunes+1) }, "notes", app.CodeTooLong},
		{"letters in phone", func(in *app.OrderInput) { in.RecipientPhone = "138-ABCD-8000" }, "recipient.phone", app.CodeInvalid},
		{"short phone", func(in *app.OrderInput) { in.RecipientPhone = "12345" }, "recipient.phone", app.CodeInvalid},
		{"long phone", func(in *app.OrderInput) { in.RecipientPhone = "1234567890123456" }, "recipient.phone", app.CodeInvalid},
		{"not a mobile", func(in *app.OrderInput) { in.RecipientPhone = "12800138000" }, "recipient.phone", app.CodeInvalid},
		{"plus inside phone", func(in *app.OrderInput) { in.RecipientPhone = "138+0013+8000" }, "recipient.phone", app.CodeInvalid},
		{"bad country", func(in *app.OrderInput) { in.Address.Country = "China" }, "address.country", app.CodeInvalid},
		{"zero qty", func(in *app.OrderInput) { in.Lines[0].Qty = 0 }, "lines[0].qty", app.CodeTooSmall},
		{"negative qty", func(in *app.OrderInput) { in.Lines[1].Qty = -2 }, "lines[1].qty", app.CodeTooSmall},
		{"absurd qty", func(in *app.OrderInput) { in.Lines[0].Qty = app.MaxLineQty + 1 }, "lines[0].qty", app.CodeTooLarge},
		{"huge line", func(in *app.OrderInput) { in.Lines[0].Qty, in.Lines[0].UnitPrice = app.MaxLineQty, moneyPtr(1<<40) }, "lines[0].unit_price", app.CodeTooLarge},
		{"overflowing line", func(in *app.OrderInput) {
			in.Lines[0].Qty, in.Lines[0].UnitPrice = app.MaxLineQty, moneyPtr(999_999_999_999)
		}, "lines[0].qty", app.CodeTooLarge},
		{"unknown SKU", func(in *app.OrderInput) { in.Lines[1].SKU = "NOPE-1" }, "lines[1].sku", app.CodeUnknown},
		{"unknown product id", func(in *app.OrderInput) { in.Lines[0] = app.LineInput{ProductID: 9999, Qty: 1} }, "lines[0].sku", app.CodeUnknown},
		{"line without product", func(in *app.OrderInput) { in.Lines[0].SKU = "  " }, "lines[0].sku", app.CodeRequired},
		{"negative price", func(in *app.OrderInput) { in.Lines[0].UnitPrice = moneyPtr(-100) }, "lines[0].unit_price", app.CodeTooSmall},
		{"negative discount", func(in *app.OrderInput) { in.Lines[0].Discount = -1 }, "lines[0].discount", app.CodeTooSmall},
		{"discount over line", func(in *app.OrderInput) { in.Lines[1].Discount = 8801 }, "lines[1].discount", app.CodeTooLarge},
		{"negative shipping", func(in *app.OrderInput) { in.ShippingFee = -1 }, "shipping_fee", app.CodeTooSmall},
		{"discount over order", func(in *app.OrderInput) { in.OrderDiscount = 34400 + 1000 + 1 }, "order_discount", app.CodeTooLarge},
		{"too many lines", func(in *app.OrderInput) {
			in.Lines = make([]app.LineInput, app.MaxLines+1)
			for i := range in.Lines {
				in.Lines[i] = app.LineInput{SKU: "TEA-001", Qty: 1}
			}
		}, "lines", app.CodeTooLarge},
		{"unknown payment method", func(in *app.OrderInput) { in.PaymentMethod = "bitcoin" }, "payment_method", app.CodeInvalid},
		{"credit for retail", func(in *app.OrderInput) { in.PaymentMethod = app.PayCredit }, "payment_method", app.CodeInvalid},
		{"unknown customer", func(in *app.OrderInput) { in.CustomerID = 424242 }, "customer", app.CodeUnknown},
		{"urgency", func(in *app.OrderInput) { in.Delivery.Urgency = "asap" }, "delivery.urgency", app.CodeInvalid},
		{"invoice without title", func(in *app.OrderInput) { in.Invoice.Type = app.InvoiceNormal }, "invoice.title", app.CodeRequired},
		{"VAT invoice without tax id", func(in *app.OrderInput) {
			in.Invoice = app.InvoiceRequest{Type: app.InvoiceVATSpec, Title: "杭州某某公司"}
		}, "invoice.tax_id", app.CodeRequired},
		{"bad tax id", func(in *app.OrderInput) {
			in.Invoice = app.InvoiceRequest{Type: app.InvoiceNormal, Title: "Acme", TaxID: "123"}
		}, "invoice.tax_id", app.CodeInvalid},
		{"ordered in the future", func(in *app.OrderInput) { in.OrderedAt = f.clock.Add(48 * time.Hour) }, "ordered_at", app.CodeInvalid},
		{"ordered long ago", func(in *app.OrderInput) { in.OrderedAt = time.Date(1999, 12, 31, 0, 0, 0, 0, time.UTC) }, "ordered_at", app.CodeInvalid},
	}
	before := countRows(t, raw)
	for _, c := range cases {
		for _, submit := range []bool{false, true} {
			in := f.input()
			c.change(&in)
			o, err := f.svc.CreateOrder(f.ctx, in, submit)
			if err == nil {
				t.Fatalf("%s (submit %v): accepted as %s", c.name, submit, o.Number)
			}
			t.Run(c.name, func(t *testing.T) { wantField(t, err, c.field, c.code) })
		}
	}
	// What only a submitted order must have.
	for _, c := range []struct {
		field  string
		change func(in *app.OrderInput)
	}{
		{"customer", func(in *app.OrderInput) { in.CustomerID = 0 }},
		{"lines", func(in *app.OrderInput) { in.Lines = nil }},
		{"recipient.name", func(in *app.OrderInput) { in.RecipientName = " \t " }},
		{"recipient.phone", func(in *app.OrderInput) { in.RecipientPhone = "" }},
		{"address.city", func(in *app.OrderInput) { in.Address.City = "" }},
		{"address.street", func(in *app.OrderInput) { in.Address.Street = "" }},
		{"address.province", func(in *app.OrderInput) { in.Address.Province = "" }},
	} {
		in := f.input()
		c.change(&in)
		_, err := f.svc.CreateOrder(f.ctx, in, true)
		wantField(t, err, c.field, app.CodeRequired)
	}
	if after := countRows(t, raw); after != before {
		t.Fatalf("refused orders left traces: %+v, was %+v", after, before)
	}
	// The same input, fixed, is accepted: the refusals were for the
	// reason given and nothing else.
	if _, err := f.svc.CreateOrder(f.ctx, f.input(), true); err != nil {
		t.Fatal(err)
	}
	f.check()
}

// TestServicesRefuseBadInput: the other services refuse bad input on the
// right field and write nothing.
func TestServicesRefuseBadInput(t *testing.T) {
	f := newShop(t)
	raw := rawDB(t, f.store.Path())
	o, err := f.svc.CreateOrder(f.ctx, f.input(), true)
	if err != nil {
		t.Fatal(err)
	}
	tea, bin := f.products[0], f.bins[0]
	before := countRows(t, raw)
	edit := func(change func(in *app.OrderInput)) error {
		in := app.InputFromOrder(o)
		change(&in)
		_, err := f.svc.UpdateOrder(f.ctx, o.ID, o.Version, in)
		return err
	}
	cases := []struct {
		name  string
		err   error
		field string
		code  string
	}{
		{"edit: zero qty", edit(func(in *app.OrderInput) { in.Lines[0].Qty = 0 }), "lines[0].qty", app.CodeTooSmall},
		{"edit: no recipient", edit(func(in *app.OrderInput) { in.RecipientName = "" }), "recipient.name", app.CodeRequired},
		{"edit: unknown SKU", edit(func(in *app.OrderInput) { in.Lines = append(in.Lines, app.LineInput{SKU: "X-1", Qty: 1}) }), "lines[2].sku", app.CodeUnknown},
		{"payment: zero", payOrder(f, o.ID, 0), "amount", app.CodeTooSmall},
		{"payment: negative", payOrder(f, o.ID, -500), "amount", app.CodeTooSmall},
		{"payment: more than owed", payOrder(f, o.ID, o.Payable+1), "amount", app.CodeTooLarge},
		{"payment: no method", func() error {
			_, err := f.svc.RecordPayment(f.ctx, o.ID, app.PaymentInput{Amount: 100})
			return err
		}(), "method", app.CodeRequired},
		{"payment: in the future", func() error {
			_, err := f.svc.RecordPayment(f.ctx, o.ID, app.PaymentInput{Method: app.PayCash, Amount: 100, At: f.clock.AddDate(0, 0, 3)})
			return err
		}(), "at", app.CodeInvalid},
		{"receive: zero", f.svc.ReceiveStock(f.ctx, app.StockReceipt{ProductID: tea.ID, BinID: bin.ID}), "qty", app.CodeTooSmall},
		{"receive: absurd", f.svc.ReceiveStock(f.ctx, app.StockReceipt{ProductID: tea.ID, BinID: bin.ID, Qty: 1e9}), "qty", app.CodeTooLarge},
		{"adjust: zero", f.svc.AdjustStock(f.ctx, app.StockAdjustment{ProductID: tea.ID, BinID: bin.ID, Reason: "count"}), "delta", app.CodeInvalid},
		{"adjust: no reason", f.svc.AdjustStock(f.ctx, app.StockAdjustment{ProductID: tea.ID, BinID: bin.ID, Delta: 1}), "reason", app.CodeRequired},
		{"adjust: below zero", f.svc.AdjustStock(f.ctx, app.StockAdjustment{ProductID: tea.ID, BinID: bin.ID, Delta: -51, Reason: "count"}), "delta", app.CodeTooLarge},
		{"expect: no date", f.svc.ExpectStock(f.ctx, app.IncomingStock{ProductID: tea.ID, WarehouseID: f.warehouse.ID, Qty: 5}), "expected_at", app.CodeRequired},
		{"hold: no reason", func() error { _, err := f.svc.Hold(f.ctx, o.ID, " "); return err }(), "reason", app.CodeRequired},
		{"cancel: short reason", func() error { _, err := f.svc.Cancel(f.ctx, o.ID, "x"); return err }(), "reason", app.CodeTooSmall},
		{"product: negative price", f.svc.SaveProduct(f.ctx, &app.Product{SKU: "NEW-1", Name: "n", Unit: "pcs", Price: -1}), "price", app.CodeTooSmall},
		{"product: SKU a barcode cannot print", f.svc.SaveProduct(f.ctx, &app.Product{SKU: "新-1", Name: "n", Unit: "pcs"}), "sku", app.CodeInvalid},
		{"product: taken SKU", f.svc.SaveProduct(f.ctx, &app.Product{SKU: "TEA-001", Name: "n", Unit: "pcs"}), "sku", app.CodeDuplicate},
		{"product: taken barcode", f.svc.SaveProduct(f.ctx, &app.Product{SKU: "NEW-2", Name: "n", Unit: "pcs", Barcode: "6901234567892"}), "barcode", app.CodeDuplicate},
		{"customer: no name", f.svc.SaveCustomer(f.ctx, &app.Customer{Kind: app.CustomerRetail}), "name", app.CodeRequired},
		{"customer: bad phone", f.svc.SaveCustomer(f.ctx, &app.Customer{Name: "王五", Kind: app.CustomerRetail, Phone: "phone me"}), "phone", app.CodeInvalid},
		{"customer: bad e-mail", f.svc.SaveCustomer(f.ctx, &app.Customer{Name: "王五", Kind: app.CustomerRetail, Email: "wang@"}), "email", app.CodeInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { wantField(t, c.err, c.field, c.code) })
	}
	if after := countRows(t, raw); after != before {
		t.Fatalf("refused changes left traces: %+v, was %+v", after, before)
	}
	if got, _ := f.svc.Order(f.ctx, o.ID); got.Version != o.Version || got.Status != o.Status {
		t.Fatalf("refused edits changed the order: version %d → %d", o.Version, got.Version)
	}
	f.check()
}

func payOrder(f *shopFixture, orderID int64, amount app.Money) error {
	_, err := f.svc.RecordPayment(f.ctx, orderID, app.PaymentInput{Method: app.PayAlipay, Amount: amount})
	return err
}
