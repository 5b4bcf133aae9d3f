package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// OrderInput is the part of an order a person or an import fills in. The
// service turns it into an Order: it snapshots customer and product
// details, works out the totals and allocates the number.
type OrderInput struct {
	Channel         Channel
	PlatformOrderID string
	CustomerID      int64
	Contact         string

	RecipientName  string
	RecipientPhone string
	Address        Address

	Lines []LineInput

	ShippingFee   Money
	CouponCode    string
	OrderDiscount Money

	PaymentMethod  PaymentMethod
	Delivery       Delivery
	SpecialRequest string
	Invoice        InvoiceRequest
	Notes          string
	NoPrices       bool      // a gift: no money on the packing slip
	OrderedAt      time.Time // zero: now
}

// LineInput is one line as entered: the product by ID or by SKU/barcode.
type LineInput struct {
	ProductID int64
	SKU       string
	Qty       int64
	// UnitPrice nil takes the product's list price.
	UnitPrice *Money
	Discount  Money
}

// InputFromOrder gives back the editable part of an order, for the edit
// form.
func InputFromOrder(o *Order) OrderInput {
	in := OrderInput{
		Channel: o.Channel, PlatformOrderID: o.PlatformOrderID, CustomerID: o.CustomerID, Contact: o.Contact,
		RecipientName: o.RecipientName, RecipientPhone: o.RecipientPhone, Address: o.Address,
		ShippingFee: o.ShippingFee, CouponCode: o.CouponCode, OrderDiscount: o.OrderDiscount,
		PaymentMethod: o.PaymentMethod, Delivery: o.Delivery, SpecialRequest: o.SpecialRequest,
		Invoice: o.Invoice, Notes: o.Notes, NoPrices: o.NoPrices, OrderedAt: o.OrderedAt,
	}
	for _, l := range o.Lines {
		price := l.UnitPrice
		in.Lines = append(in.Lines, LineInput{ProductID: l.ProductID, SKU: l.SKU, Qty: l.Qty, UnitPrice: &price, Discount: l.Discount})
	}
	return in
}

// clean trims every text field, so validation and storage see the same.
func (in *OrderInput) clean(shopCountry string) {
	in.PlatformOrderID = cleanText(in.PlatformOrderID)
	in.Contact = cleanText(in.Contact)
	in.RecipientName = cleanText(in.RecipientName)
	in.RecipientPhone = cleanText(in.RecipientPhone)
	in.Address = cleanAddress(in.Address)
	if in.Address.Country == "" {
		in.Address.Country = shopCountry
	}
	in.CouponCode = strings.ToUpper(cleanText(in.CouponCode))
	in.Delivery.TimeSlot = cleanText(in.Delivery.TimeSlot)
	if in.Delivery.Urgency == "" {
		in.Delivery.Urgency = UrgencyStandard
	}
	in.SpecialRequest = cleanMultiline(in.SpecialRequest)
	in.Invoice.Title = cleanText(in.Invoice.Title)
	in.Invoice.TaxID = strings.ToUpper(cleanText(in.Invoice.TaxID))
	in.Notes = cleanMultiline(in.Notes)
	for i := range in.Lines {
		in.Lines[i].SKU = cleanText(in.Lines[i].SKU)
	}
}

// validateFormat checks what is typed, field by field: what a draft must
// already get right. Missing fields are checked by validateComplete.
func (in *OrderInput) validateFormat(p *problems, now time.Time) {
	switch {
	case in.Channel == "":
		p.add("channel", CodeRequired, "choose the channel the order came from")
	case !in.Channel.Valid():
		p.add("channel", CodeInvalid, "%q is not a known channel", in.Channel)
	}
	optionalText(p, "platform_order_id", in.PlatformOrderID, 64)
	optionalText(p, "contact", in.Contact, MaxPersonRunes)
	optionalText(p, "recipient.name", in.RecipientName, MaxPersonRunes)
	if in.RecipientPhone != "" {
		checkPhone(p, "recipient.phone", in.RecipientPhone, in.Address.Country)
	}
	checkAddressLengths(p, "address", in.Address)
	if len(in.Lines) > MaxLines {
		p.add("lines", CodeTooLarge, "an order has at most %d lines; split it", MaxLines)
	}
	for i, l := range in.Lines {
		f := fmt.Sprintf("lines[%d]", i)
		if l.ProductID == 0 && l.SKU == "" {
			p.add(f+".sku", CodeRequired, "choose a product for line %d", i+1)
		}
		checkQty(p, f+".qty", l.Qty)
		if l.UnitPrice != nil {
			checkAmount(p, f+".unit_price", *l.UnitPrice)
		}
		checkAmount(p, f+".discount", l.Discount)
	}
	checkAmount(p, "shipping_fee", in.ShippingFee)
	checkAmount(p, "order_discount", in.OrderDiscount)
	optionalText(p, "coupon_code", in.CouponCode, MaxCouponRunes)
	if in.PaymentMethod != "" && !in.PaymentMethod.Valid() {
		p.add("payment_method", CodeInvalid, "%q is not a known payment method", in.PaymentMethod)
	}
	if in.Delivery.Urgency != UrgencyStandard && in.Delivery.Urgency != UrgencyUrgent {
		p.add("delivery.urgency", CodeInvalid, "delivery is standard or urgent")
	}
	optionalText(p, "delivery.time_slot", in.Delivery.TimeSlot, 40)
	optionalText(p, "special_request", in.SpecialRequest, MaxRequestRunes)
	optionalText(p, "notes", in.Notes, MaxNotesRunes)
	switch in.Invoice.Type {
	case InvoiceNone:
	case InvoiceNormal, InvoiceVATSpec:
		requireText(p, "invoice.title", in.Invoice.Title, 2, 100)
		if in.Invoice.Type == InvoiceVATSpec && in.Invoice.TaxID == "" {
			p.add("invoice.tax_id", CodeRequired, "a VAT special invoice needs the buyer's tax id")
		}
		if in.Invoice.TaxID != "" && (len(in.Invoice.TaxID) < 15 || len(in.Invoice.TaxID) > 20 || !validCode(in.Invoice.TaxID)) {
			p.add("invoice.tax_id", CodeInvalid, "a tax id has 15 to 20 letters and digits")
		}
	default:
		p.add("invoice.type", CodeInvalid, "the invoice type is normal or VAT special")
	}
	if !in.OrderedAt.IsZero() {
		checkTime(p, "ordered_at", in.OrderedAt, now)
	}
}

// validateComplete checks that nothing needed to fulfil the order is
// missing: what submitting requires. Walk-in orders leave with the
// customer and need no delivery details.
func (in *OrderInput) validateComplete(p *problems) {
	if in.CustomerID == 0 {
		p.add("customer", CodeRequired, "choose the customer or create one")
	}
	if len(in.Lines) == 0 {
		p.add("lines", CodeRequired, "add at least one product")
	}
	if in.Channel == ChannelWalkIn {
		return
	}
	if in.RecipientName == "" {
		p.add("recipient.name", CodeRequired, "enter who receives the parcel")
	}
	if in.RecipientPhone == "" {
		p.add("recipient.phone", CodeRequired, "enter the recipient's phone number for the courier")
	}
	if in.Address.City == "" {
		p.add("address.city", CodeRequired, "enter the city")
	}
	if in.Address.Street == "" {
		p.add("address.street", CodeRequired, "enter the street and number")
	}
	if in.Address.Country == "" {
		p.add("address.country", CodeRequired, "enter the country")
	}
	if in.Address.Country == "CN" && in.Address.Province == "" {
		p.add("address.province", CodeRequired, "enter the province")
	}
}

// productCache saves repeated lookups of the same product in one
// transaction (the bulk path sees the same SKUs again and again).
type productCache struct {
	byID   map[int64]*Product
	byCode map[string]*Product
}

func newProductCache() *productCache {
	return &productCache{byID: map[int64]*Product{}, byCode: map[string]*Product{}}
}

func (c *productCache) get(ctx context.Context, tx Tx, id int64, code string) (*Product, error) {
	if id != 0 {
		if p, ok := c.byID[id]; ok {
			return p, nil
		}
		p, err := tx.Product(ctx, id)
		if err != nil {
			return nil, err
		}
		c.byID[id] = p
		return p, nil
	}
	if p, ok := c.byCode[code]; ok {
		return p, nil
	}
	p, err := tx.ProductByCode(ctx, code)
	if err != nil {
		return nil, err
	}
	c.byCode[code] = p
	c.byID[p.ID] = p
	return p, nil
}

// buildOrder validates the input and fills o's editable fields, lines and
// totals from it. The number, status and payments are left alone.
func buildOrder(ctx context.Context, tx Tx, in OrderInput, o *Order, complete bool, shop Shop, products *productCache,
	customers map[int64]*Customer, now time.Time) error {
	in.clean(shop.Country)
	var p problems
	in.validateFormat(&p, now)
	if complete {
		in.validateComplete(&p)
	}
	if in.CustomerID != 0 {
		c, ok := customers[in.CustomerID]
		if !ok {
			var err error
			c, err = tx.Customer(ctx, in.CustomerID)
			switch {
			case errors.Is(err, ErrNotFound):
				p.add("customer", CodeUnknown, "the customer no longer exists; choose another")
			case err != nil:
				return err
			}
			if c != nil {
				customers[in.CustomerID] = c
			}
		}
		if c != nil {
			o.CustomerID, o.CustomerName, o.CustomerKind, o.CustomerPhone = c.ID, c.Name, c.Kind, c.Phone
			if in.PaymentMethod == PayCredit && (c.Kind != CustomerDealer || c.PaymentTermDays == 0) {
				p.add("payment_method", CodeInvalid, "%s has no credit terms; choose another payment method", c.Name)
			}
		}
	} else {
		o.CustomerID, o.CustomerName, o.CustomerKind, o.CustomerPhone = 0, "", "", ""
	}
	lines := make([]OrderLine, 0, len(in.Lines))
	for i, li := range in.Lines {
		if li.ProductID == 0 && li.SKU == "" {
			continue
		}
		f := fmt.Sprintf("lines[%d]", i)
		prod, err := products.get(ctx, tx, li.ProductID, li.SKU)
		switch {
		case errors.Is(err, ErrNotFound):
			what := li.SKU
			if what == "" {
				what = fmt.Sprint("#", li.ProductID)
			}
			p.add(f+".sku", CodeUnknown, "no product has the SKU or barcode %s", what)
			continue
		case err != nil:
			return err
		}
		line := OrderLine{LineNo: i + 1, ProductID: prod.ID, SKU: prod.SKU, Name: prod.Name, Spec: prod.Spec,
			Unit: prod.Unit, Kind: productKindOrGoods(prod.Kind), Qty: li.Qty, UnitPrice: prod.Price, Discount: li.Discount}
		if li.UnitPrice != nil {
			line.UnitPrice = *li.UnitPrice
		}
		// Keep fulfilment progress of a line that stays on an edited order.
		for _, old := range o.Lines {
			if old.ProductID == prod.ID && old.LineNo == i+1 {
				line.ID, line.QtyShipped, line.QtySentBefore, line.QtyReturned = old.ID, old.QtyShipped, old.QtySentBefore, old.QtyReturned
			}
		}
		gross, ok := line.UnitPrice.MulQty(line.Qty)
		if !ok || gross > maxAmount {
			p.add(f+".qty", CodeTooLarge, "quantity × price is too large")
			continue
		}
		// A negative price is its own problem, said once: against a
		// negative gross even no discount would look too large.
		if gross >= 0 && line.Discount > gross {
			p.add(f+".discount", CodeTooLarge, "the discount is more than the line's %s", shop.Currency.Format(gross))
		}
		lines = append(lines, line)
	}
	o.Channel, o.PlatformOrderID, o.Contact = in.Channel, in.PlatformOrderID, in.Contact
	o.RecipientName, o.RecipientPhone, o.Address = in.RecipientName, in.RecipientPhone, in.Address
	o.Lines = lines
	o.ShippingFee, o.CouponCode, o.OrderDiscount = in.ShippingFee, in.CouponCode, in.OrderDiscount
	o.PaymentMethod, o.Delivery, o.SpecialRequest = in.PaymentMethod, in.Delivery, in.SpecialRequest
	o.Invoice, o.Notes, o.NoPrices = in.Invoice, in.Notes, in.NoPrices
	if !in.OrderedAt.IsZero() {
		o.OrderedAt = in.OrderedAt.UTC().Truncate(time.Millisecond)
	} else if o.OrderedAt.IsZero() {
		o.OrderedAt = now
	}
	o.Recalculate()
	if o.GoodsTotal > maxAmount {
		p.add("lines", CodeTooLarge, "the order total is too large")
	}
	if base := o.GoodsTotal + o.ShippingFee; !p.hasAmountProblem() && o.OrderDiscount > base {
		p.add("order_discount", CodeTooLarge, "the discount is more than the order's %s", shop.Currency.Format(base))
	}
	if paid := o.AmountPaid - o.AmountRefunded; o.RefundDue() > 0 && o.Payable >= 0 && o.ID != 0 {
		p.add("lines", CodeTooSmall, "the customer has paid %s, more than the new total %s: record a refund first",
			shop.Currency.Format(paid), shop.Currency.Format(o.Payable-o.AmountCredited))
	}
	return p.err()
}

func productKindOrGoods(k ProductKind) ProductKind {
	if k == "" {
		return ProductGoods
	}
	return k
}
