package app

import "time"

// Channel is where an order came from. It drives reports.
type Channel string

const (
	ChannelWebShop  Channel = "webshop"
	ChannelTaobao   Channel = "taobao"
	ChannelTmall    Channel = "tmall"
	ChannelJD       Channel = "jd"
	ChannelPDD      Channel = "pinduoduo"
	ChannelShopify  Channel = "shopify"
	ChannelWoo      Channel = "woocommerce"
	ChannelAmazon   Channel = "amazon"
	ChannelEBay     Channel = "ebay"
	ChannelEtsy     Channel = "etsy"
	ChannelPlatform Channel = "platform" // any other marketplace
	ChannelPhone    Channel = "phone"
	ChannelEmail    Channel = "email"
	ChannelDealer   Channel = "dealer"
	ChannelWalkIn   Channel = "walkin"
)

// Channels lists every channel.
func Channels() []Channel {
	return []Channel{ChannelWebShop, ChannelTaobao, ChannelTmall, ChannelJD, ChannelPDD, ChannelShopify,
		ChannelWoo, ChannelAmazon, ChannelEBay, ChannelEtsy, ChannelPlatform, ChannelPhone, ChannelEmail, ChannelDealer, ChannelWalkIn}
}

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool {
	for _, k := range Channels() {
		if c == k {
			return true
		}
	}
	return false
}

// HandEntered reports whether orders from this channel are keyed in by
// staff (and so get a second check when the shop wants one, R-05).
func (c Channel) HandEntered() bool {
	switch c {
	case ChannelPhone, ChannelEmail, ChannelDealer, ChannelWalkIn:
		return true
	}
	return false
}

// PaymentMethod is how the customer pays or paid.
type PaymentMethod string

const (
	PayCash     PaymentMethod = "cash"
	PayBank     PaymentMethod = "bank_transfer"
	PayCard     PaymentMethod = "card"
	PayAlipay   PaymentMethod = "alipay"
	PayWeChat   PaymentMethod = "wechat_pay"
	PayPayPal   PaymentMethod = "paypal"
	PayPlatform PaymentMethod = "platform" // collected by the marketplace
	PayCOD      PaymentMethod = "cod"      // cash on delivery
	PayCredit   PaymentMethod = "credit"   // dealer account, net N days
	// PayReturnedGoods is goods that came back settling what an unpaid
	// order owed; the program books it, nobody chooses it.
	PayReturnedGoods PaymentMethod = "returned_goods"
)

// PaymentMethods lists every payment method.
func PaymentMethods() []PaymentMethod {
	return []PaymentMethod{PayCash, PayBank, PayCard, PayAlipay, PayWeChat, PayPayPal, PayPlatform, PayCOD, PayCredit}
}

// Valid reports whether m is a known method.
func (m PaymentMethod) Valid() bool {
	for _, k := range PaymentMethods() {
		if m == k {
			return true
		}
	}
	return false
}

// Urgency is the delivery requirement's speed.
type Urgency string

const (
	UrgencyStandard Urgency = "standard"
	UrgencyUrgent   Urgency = "urgent"
)

// InvoiceType is the kind of invoice the customer asks for.
type InvoiceType string

const (
	InvoiceNone    InvoiceType = ""
	InvoiceNormal  InvoiceType = "normal"
	InvoiceVATSpec InvoiceType = "vat_special"
)

// InvoiceRequest is what the customer asked to be invoiced as.
type InvoiceRequest struct {
	Type  InvoiceType // empty: no invoice wanted
	Title string      // company or person the invoice is made out to
	TaxID string
}

// Wanted reports whether an invoice was asked for.
func (r InvoiceRequest) Wanted() bool { return r.Type != InvoiceNone }

// Delivery is the customer's delivery requirement.
type Delivery struct {
	Urgency      Urgency
	TimeSlot     string    // e.g. "weekdays 9-12"
	ExpectedDate time.Time // zero if none promised
}

// OrderLine is one product on an order. Name, spec and price are a
// snapshot taken when the line was made.
type OrderLine struct {
	ID        int64
	LineNo    int
	ProductID int64
	SKU       string
	Name      string
	// AltName is the product's name in the other language as the
	// product has it now (read with the line, not kept on it), for
	// documents in the customer's language.
	AltName   string `json:"-"`
	Spec      string
	Unit      string
	Kind      ProductKind // charges (postage, fees) are never reserved or picked
	Qty       int64
	UnitPrice Money
	Discount  Money // off the whole line, not per unit
	// Fulfilment progress, filled as the order moves on.
	QtyShipped int64
	// QtySentBefore is the part of QtyShipped a platform had already sent
	// when the order was imported: shipped, but never through this shop's
	// stock ledger.
	QtySentBefore int64
	QtyReturned   int64
	// Cancelled lines stay on the order for the record but count for
	// nothing: the shop decided not to send them.
	Cancelled bool
}

// Outstanding is how many units of the line still have to leave.
func (l OrderLine) Outstanding() int64 {
	if l.Cancelled || !l.Kind.Stocked() {
		return 0
	}
	return l.Qty - l.QtyShipped
}

// Subtotal is quantity × unit price − line discount.
func (l OrderLine) Subtotal() Money {
	gross, _ := l.UnitPrice.MulQty(l.Qty)
	return gross - l.Discount
}

// OrderKind tells a sale from a credit note.
type OrderKind string

const (
	KindSale OrderKind = "sale"
	// KindCredit is a cancellation invoice from an imported history: money
	// and goods went back to the customer, and the order it undoes is not
	// named. Its lines hold positive quantities; figures count it negative.
	KindCredit OrderKind = "credit"
)

// Order is a customer's order with every field of R-03.
type Order struct {
	ID              int64
	Number          string // YYYYMM-NNN, allocated when saved
	Kind            OrderKind
	Channel         Channel
	PlatformOrderID string

	CustomerID    int64
	CustomerName  string // snapshot, so old orders read as they were
	CustomerKind  CustomerKind
	CustomerPhone string
	Contact       string
	// CustomerLanguage is the customer's document language as it is now
	// (read with the order, not kept on it): who reads the papers.
	CustomerLanguage string `json:"-"`

	RecipientName  string
	RecipientPhone string
	Address        Address

	Lines []OrderLine

	// Snapshot totals, derived from the lines; the store keeps them for
	// lists and reports and checks they still add up.
	GoodsTotal    Money
	ShippingFee   Money
	CouponCode    string
	OrderDiscount Money
	// Tax is the tax a platform charged: inside the prices when
	// TaxIncluded (shown only), else on top and part of Payable, as are
	// Duties the buyer paid with the order.
	Tax            Money
	TaxIncluded    bool
	Duties         Money
	Payable        Money
	AmountPaid     Money // sum of money received
	AmountRefunded Money // sum of money paid back
	// AmountCredited is what the shop took off what the order asks, apart
	// from money: goods that came back, the order cancelled, an agreed
	// partial refund or compensation (credits.go).
	AmountCredited Money

	PaymentMethod PaymentMethod // how the customer pays or will pay
	PaymentStatus PaymentStatus
	PaidAt        time.Time // when it became paid in full
	TransactionID string    // of the latest payment
	// DueDate is when the money is due: on confirming, or after the
	// dealer's credit terms. Zero before confirmation.
	DueDate time.Time

	Delivery       Delivery
	SpecialRequest string
	Invoice        InvoiceRequest
	Notes          string
	// NoPrices: the packing slip names no money (a gift), even in a
	// batch printed with prices.
	NoPrices bool

	Status       Status
	HeldFrom     Status // where an order on hold returns to
	CancelReason string
	// FromHistory marks an order imported already shipped or finished: its
	// goods left before the stock ledger began.
	FromHistory bool
	// VerifiedBy is the second person who checked the pick.
	VerifiedBy string
	VerifiedAt time.Time

	OrderedAt time.Time
	CreatedAt time.Time
	UpdatedAt time.Time
	CreatedBy string
	Version   int64 // bumped on every write; guards against lost updates
}

// Recalculate sets the snapshot totals from the lines and fees.
func (o *Order) Recalculate() {
	var goods Money
	for _, l := range o.Lines {
		if !l.Cancelled {
			goods += l.Subtotal()
		}
	}
	o.GoodsTotal = goods
	o.Payable = goods + o.ShippingFee - o.OrderDiscount + o.TaxAdded() + o.Duties
	o.PaymentStatus = PaymentStatusOf(o.Kind, o.Payable, o.AmountCredited, o.AmountPaid, o.AmountRefunded)
}

// TaxAdded is the tax the order asks on top of its prices.
func (o *Order) TaxAdded() Money {
	if o.TaxIncluded {
		return 0
	}
	return o.Tax
}

// PaymentStatusOf derives an order's payment status; a credit note
// records money already paid back.
func PaymentStatusOf(kind OrderKind, payable, credited, received, refunded Money) PaymentStatus {
	if kind == KindCredit {
		return PaymentRefunded
	}
	return DerivePaymentStatus(payable-credited, received, refunded)
}

// Balance is what the customer owes on the order, as an accountant keeps
// it: payable - credits - (money received - money paid back). Negative,
// it is money due back to the customer, never a debt. A credit note (an
// imported refund) has none.
func (o *Order) Balance() Money {
	if o.Kind == KindCredit {
		return 0
	}
	return o.Payable - o.AmountCredited - (o.AmountPaid - o.AmountRefunded)
}

// Outstanding is what the customer still owes: the balance, when it is
// above zero.
func (o *Order) Outstanding() Money { return max(o.Balance(), 0) }

// PaysFirst reports whether the order waits for its money before it is
// sent: something is owed and it is neither cash on delivery nor on the
// customer's credit terms.
func (o *Order) PaysFirst() bool {
	return o.Outstanding() > 0 && o.PaymentMethod != PayCOD && o.PaymentMethod != PayCredit
}

// RefundDue is what the shop owes the customer back: the balance, when it
// is below zero. It is never more than was received and not yet paid
// back, since credits never exceed what the order asks.
func (o *Order) RefundDue() Money { return max(-o.Balance(), 0) }

// Creditable is what may still be credited on the order: what it asks,
// less what was credited already.
func (o *Order) Creditable() Money { return max(o.Payable-o.AmountCredited, 0) }

// Signed is the order's payable as it counts in sales figures: negative
// for a credit note.
func (o *Order) Signed() Money {
	if o.Kind == KindCredit {
		return -o.Payable
	}
	return o.Payable
}

// TotalQty is the number of units on the order.
func (o *Order) TotalQty() int64 {
	var n int64
	for _, l := range o.Lines {
		if !l.Cancelled {
			n += l.Qty
		}
	}
	return n
}
