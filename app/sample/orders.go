package sample

import (
	"errors"
	"fmt"
	"time"

	"orderdesk/app"
)

var specialRequests = []string{
	"防潮包装 moisture-proof packing", "礼品包装，不放价格单 gift wrap, no prices inside", "请勿敲门，放快递柜",
	"易碎品，请多加泡沫", "Please deliver after 6 pm", "附手写贺卡：生日快乐", "",
}

// errWaiting stops an order's progress where it is, as planned.
var errWaiting = errors.New("waiting")

var timeSlots = []string{"工作日 9:00-12:00", "周末全天", "weekdays 18:00-21:00", ""}

// order makes one order at time at and takes it as far along its life as
// time allows, returning where it ended up.
func (b *builder) order(at time.Time) (app.Status, error) {
	b.clock = at
	in := b.orderInput(at)
	draft := b.rng.IntN(100) < 3
	o, err := b.svc.CreateOrder(b.ctx, in, !draft)
	if err != nil {
		return "", err
	}
	if draft {
		return o.Status, nil
	}
	fate := b.rng.IntN(100)
	paid := false
	pay := func() error {
		if paid || o.Outstanding() <= 0 {
			return nil
		}
		method := o.PaymentMethod
		if method == "" || method == app.PayCOD || method == app.PayCredit {
			method = app.PayBank
		}
		amount := o.Outstanding()
		// A deposit now, the rest at the end, on orders agreed by
		// phone or e-mail; platforms and dealers' accounts take it whole.
		agreed := o.Channel == app.ChannelPhone || o.Channel == app.ChannelEmail || o.PaymentMethod == app.PayBank
		if fate%7 == 1 && o.AmountPaid == 0 && amount > 20000 && agreed && o.PaymentMethod != app.PayCredit {
			amount /= 2
		}
		p, err := b.svc.RecordPayment(b.ctx, o.ID, app.PaymentInput{Method: method, Amount: amount,
			TransactionID: fmt.Sprintf("TX%s%04d", b.clock.Format("060102150405"), b.rng.IntN(10000))})
		if err != nil {
			return err
		}
		o.AmountPaid += p.Amount
		paid = o.Outstanding() <= 0
		if paid && o.Invoice.Wanted() && b.now.Sub(b.clock) > 72*time.Hour {
			// Older invoices are issued; the last few days' wait in the queue.
			b.invoices++
			if _, err := b.svc.IssueInvoice(b.ctx, o.ID, app.InvoiceInput{Number: fmt.Sprintf("3301%06d", b.invoices)}); err != nil {
				return err
			}
		}
		return nil
	}
	prepaid := o.PaymentMethod != app.PayCOD && o.PaymentMethod != app.PayCredit && o.PaymentMethod != app.PayBank
	// Each step happens some time after the last; a step that would fall
	// after "today" has not happened yet.
	type step struct {
		after time.Duration
		run   func() (*app.Order, error)
	}
	review := b.minutes(10, 90)
	if fate >= 12 && fate < 22 {
		review = b.minutes(600, 2880) // flagged: waits for the supervisor
	}
	var extra time.Duration // a backordered remainder ships days later
	var sh *app.Shipment
	split := fate >= 8 && fate < 14 && len(o.Lines) > 1 && o.Lines[0].Kind.Stocked()
	// deliver settles cash on delivery (one dealer account in three stays
	// open, due or overdue, R-42) and takes the customer's signature.
	deliver := func() (*app.Order, error) {
		if o.PaymentMethod != app.PayCredit || fate%3 != 0 || !b.unpaidOnCredit(o, fate) {
			if err := pay(); err != nil {
				return nil, err
			}
		}
		return b.signOff(o)
	}
	steps := []step{
		{review, func() (*app.Order, error) {
			if o.Status == app.StatusConfirmed { // nothing found: the rules confirmed it
				return o, b.svc.ConfirmationSent(b.ctx, o.ID, "e-mail")
			}
			if fate < 3 {
				return b.svc.Reject(b.ctx, o.ID, "疑似重复下单 suspected duplicate")
			}
			o, err := b.svc.Approve(b.ctx, o.ID, "已电话核实 checked by phone")
			if err != nil {
				return nil, err
			}
			return o, b.svc.ConfirmationSent(b.ctx, o.ID, "e-mail")
		}},
		{b.minutes(1, 30), func() (*app.Order, error) {
			if prepaid || (o.PaymentMethod == app.PayBank && b.rng.IntN(4) > 0) {
				if err := pay(); err != nil {
					return nil, err
				}
			}
			if fate >= 3 && fate < 6 {
				c, err := b.svc.Cancel(b.ctx, o.ID, "客户要求取消 customer cancelled")
				if err != nil || c.RefundDue() <= 0 || b.now.Sub(b.clock) < 24*time.Hour {
					return c, err
				}
				// What was paid goes back within the day.
				b.clock = b.clock.Add(b.minutes(60, 600))
				if _, err := b.svc.RecordRefund(b.ctx, o.ID, app.RefundInput{Amount: c.RefundDue(), Reference: "订单取消 order cancelled",
					TransactionID: fmt.Sprintf("RF%s%04d", b.clock.Format("060102150405"), b.rng.IntN(10000))}); err != nil {
					return nil, err
				}
				return b.svc.Order(b.ctx, o.ID)
			}
			if o.PaymentMethod == app.PayBank && o.AmountPaid == 0 {
				// Paid (or a deposit paid) before shipping: it waits, and
				// after three days unpaid the customer has given up
				// . Most pay the next day, after the shop's
				// reminder: only the last day's transfers are still
				// awaited this morning.
				waited := b.now.Sub(b.clock)
				switch {
				case waited > 72*time.Hour && fate%2 == 0:
					b.clock = b.clock.Add(72 * time.Hour)
					return b.svc.Cancel(b.ctx, o.ID, "逾期未付款 not paid within three days")
				case waited > 24*time.Hour:
					b.clock = b.clock.Add(b.minutes(120, 20*60))
					if err := pay(); err != nil {
						return nil, err
					}
				default:
					return o, errWaiting
				}
			}
			if o.PaymentMethod == app.PayCredit && b.now.Sub(b.clock) < 48*time.Hour {
				return o, errWaiting // the dealer's written confirmation is due within two working days
			}
			return b.allocate(o.ID)
		}},
		{b.minutes(60, 900), func() (*app.Order, error) {
			if fate >= 6 && fate < 8 {
				return b.svc.Hold(b.ctx, o.ID, "等待客户确认地址 waiting for the customer to confirm the address")
			}
			return b.svc.StartPicking(b.ctx, o.ID)
		}},
		{b.minutes(120, 1440), func() (*app.Order, error) {
			var err error
			sh, err = b.verifyAndPack(o, split)
			if err != nil {
				return nil, err
			}
			return b.svc.Order(b.ctx, o.ID)
		}},
		{b.minutes(60, 1200), func() (*app.Order, error) {
			if split {
				extra = b.minutes(5*24*60, 12*24*60) // the rest waits for new stock
			}
			return b.ship(sh, o)
		}},
		{b.minutes(24*60, 4*24*60), func() (*app.Order, error) {
			if o.Status == app.StatusPartlyShipped {
				rest, err := b.svc.PackOrders(b.ctx, app.PackInput{OrderIDs: []int64{o.ID}, Packages: b.packages(o, nil)})
				if err != nil {
					return nil, err
				}
				return b.ship(rest, o)
			}
			return deliver()
		}},
		{b.minutes(60, 3*24*60), func() (*app.Order, error) {
			if o.Status == app.StatusShipped {
				return deliver()
			}
			return o, nil
		}},
		{b.minutes(7*24*60, 20*24*60), func() (*app.Order, error) {
			if o.Status == app.StatusDelivered {
				return b.svc.Complete(b.ctx, o.ID)
			}
			return o, nil
		}},
	}
	for _, s := range steps {
		next := b.clock.Add(s.after + extra)
		extra = 0
		if next.After(b.now) {
			break
		}
		b.clock = next
		got, err := s.run()
		if errors.Is(err, errWaiting) {
			break
		}
		if err != nil {
			return "", fmt.Errorf("%s at %s: %w", o.Number, o.Status.Label(), err)
		}
		o = got
		if !o.Status.Open() || o.Status == app.StatusOnHold {
			break // cancelled, done or held: it stays there
		}
	}
	return o.Status, nil
}

// unpaidOnCredit says whether a delivered order on a dealer's account is
// still to be paid "today": dealers pay by the due date, so an account
// stays open only while its reminder (three days before the due date) is
// still ahead, and one order in a hundred is late, as happens.
func (b *builder) unpaidOnCredit(o *app.Order, fate int) bool {
	if fate == 9 {
		return true
	}
	terms := 30
	for _, c := range b.customers {
		if c.ID == o.CustomerID && c.PaymentTermDays > 0 {
			terms = c.PaymentTermDays
		}
	}
	// The due date runs from the confirmation, up to a week before the
	// delivery.
	return b.clock.AddDate(0, 0, terms-10).After(b.now)
}

// allocate reserves stock; when a product has run out the shop reorders
// it (a receipt) and tries again, as a real shop would within the day.
func (b *builder) allocate(id int64) (*app.Order, error) {
	o, err := b.svc.Allocate(b.ctx, id)
	var short *app.ShortageError
	if err == nil || !errors.As(err, &short) {
		return o, err
	}
	if o, err = b.svc.Order(b.ctx, id); err != nil {
		return nil, err
	}
	if waiting, err := b.shortOrBackorder(o, short); err != nil || waiting {
		if err == nil {
			err = errWaiting
		}
		return o, err
	}
	main := b.whs[0]
	for _, l := range o.Lines {
		levels, err := b.svc.StockLevels(b.ctx, l.ProductID)
		if err != nil {
			return nil, err
		}
		var avail int64
		var bin int64
		for _, lv := range levels {
			if lv.WarehouseID == main.ID && lv.BinID != 0 {
				avail += lv.Available()
				bin = lv.BinID
			}
		}
		if avail >= l.Qty {
			continue
		}
		if bin == 0 {
			bin = b.bins[main.ID][0].ID
		}
		if err := b.svc.ReceiveStock(b.ctx, app.StockReceipt{ProductID: l.ProductID, BinID: bin, Qty: l.Qty + 100,
			Reference: "PO-RESTOCK"}); err != nil {
			return nil, err
		}
	}
	return b.svc.Allocate(b.ctx, id)
}

func (b *builder) minutes(lo, hi int) time.Duration {
	return time.Duration(lo+b.rng.IntN(hi-lo+1)) * time.Minute
}

// orderInput writes a plausible order for a random customer.
func (b *builder) orderInput(at time.Time) app.OrderInput {
	c := b.customers[b.rng.IntN(len(b.customers))]
	in := app.OrderInput{CustomerID: c.ID, RecipientName: c.Name, RecipientPhone: c.Phone, Address: c.Address, OrderedAt: at}
	dealer := c.Kind == app.CustomerDealer
	switch {
	case dealer:
		in.Channel = app.Channel(b.pick(map[string]int{"dealer": 6, "email": 3, "phone": 1}))
		in.PaymentMethod = app.PayCredit
		in.Contact = c.Contact
		in.RecipientName = c.Contact
		in.Invoice = app.InvoiceRequest{Type: app.InvoiceVATSpec, Title: c.Name, TaxID: c.LicenceNo}
		if len(c.LicenceNo) < 15 || c.Address.Country != "CN" {
			in.Invoice = app.InvoiceRequest{Type: app.InvoiceNormal, Title: c.Name}
		}
	case c.Phone == "":
		in.Channel, in.PaymentMethod = app.ChannelWalkIn, app.PaymentMethod(b.pick(map[string]int{"cash": 1, "wechat_pay": 2, "alipay": 2}))
		in.RecipientName = ""
	case c.Address.Country == "CN":
		in.Channel = app.Channel(b.pick(map[string]int{"taobao": 5, "tmall": 3, "jd": 2, "pinduoduo": 1, "webshop": 2, "phone": 1}))
		in.PaymentMethod = app.PayPlatform
		switch in.Channel {
		case app.ChannelWebShop:
			in.PaymentMethod = app.PaymentMethod(b.pick(map[string]int{"alipay": 3, "wechat_pay": 3}))
		case app.ChannelPhone:
			in.PaymentMethod = app.PaymentMethod(b.pick(map[string]int{"cod": 1, "bank_transfer": 1, "wechat_pay": 1}))
		}
	default:
		in.Channel = app.Channel(b.pick(map[string]int{"shopify": 4, "email": 1}))
		in.PaymentMethod = app.PayCard
		if in.Channel == app.ChannelEmail {
			in.PaymentMethod = app.PayPayPal
		}
	}
	switch in.Channel {
	case app.ChannelTaobao, app.ChannelTmall:
		in.PlatformOrderID = fmt.Sprintf("%d%013d", 3+b.rng.IntN(2), b.rng.Int64N(1e13))
	case app.ChannelJD:
		in.PlatformOrderID = fmt.Sprintf("%012d", b.rng.Int64N(1e12))
	case app.ChannelPDD:
		in.PlatformOrderID = fmt.Sprintf("%s-%015d", at.Format("060102"), b.rng.Int64N(1e15))
	case app.ChannelShopify:
		in.PlatformOrderID = fmt.Sprintf("#%d", 1001+b.rng.IntN(900000))
	}
	nLines := 1 + b.rng.IntN(3)
	if dealer {
		nLines = 2 + b.rng.IntN(4)
	}
	used := map[int]bool{}
	for len(in.Lines) < nLines {
		i := b.rng.IntN(len(b.products))
		if used[i] {
			continue
		}
		used[i] = true
		p := b.products[i]
		qty := int64(1 + b.rng.IntN(2))
		if dealer {
			qty = int64(4 + b.rng.IntN(20))
		}
		li := app.LineInput{ProductID: p.ID, Qty: qty}
		if dealer {
			price := p.Price * 88 / 100 // trade price, above the floor
			li.UnitPrice = &price
		}
		in.Lines = append(in.Lines, li)
	}
	if !dealer && in.Channel != app.ChannelWalkIn {
		in.ShippingFee = app.Money(800 + 200*b.rng.IntN(5))
		var goods app.Money
		for _, l := range in.Lines {
			goods += b.productByID(l.ProductID).Price * app.Money(l.Qty)
		}
		if b.rng.IntN(5) == 0 && goods >= 9900 {
			in.CouponCode, in.OrderDiscount = "TEA20", 2000 // ¥20 off ¥99
		}
	}
	if in.Channel != app.ChannelWalkIn {
		if b.rng.IntN(10) == 0 {
			in.Delivery.Urgency = app.UrgencyUrgent
		}
		in.Delivery.TimeSlot = timeSlots[b.rng.IntN(len(timeSlots))]
		in.Delivery.ExpectedDate = time.Date(at.Year(), at.Month(), at.Day()+3+b.rng.IntN(3), 0, 0, 0, 0, time.Local)
		in.SpecialRequest = specialRequests[b.rng.IntN(len(specialRequests))]
	}
	if b.rng.IntN(8) == 0 && in.Channel != app.ChannelWalkIn && !dealer {
		in.Invoice = app.InvoiceRequest{Type: app.InvoiceNormal, Title: c.Name}
	}
	return in
}

func (b *builder) productByID(id int64) *app.Product {
	for _, p := range b.products {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// reviewCaseCount is how many orders reviewCases makes.
const reviewCaseCount = 10

// reviewCases places, a little before "now", one order for each thing the
// review rules notice, so the inbox shows what each finding looks like,
// and an imported platform order with details missing.
func (b *builder) reviewCases() ([]*app.Order, error) {
	byName := map[string]*app.Customer{}
	for _, c := range b.customers {
		byName[c.Name] = c
	}
	price := func(m app.Money) *app.Money { return &m }
	base := func(c *app.Customer, lines ...app.LineInput) app.OrderInput {
		return app.OrderInput{Channel: app.ChannelTaobao, CustomerID: c.ID, RecipientName: c.Name, RecipientPhone: c.Phone,
			Address: c.Address, PaymentMethod: app.PayPlatform, ShippingFee: 1000, Lines: lines}
	}
	sku := func(code string, qty int64) app.LineInput {
		return app.LineInput{ProductID: b.bySKU(code).ID, Qty: qty}
	}
	at := b.now.Add(-3 * time.Hour)
	evening := time.Date(b.now.Year(), b.now.Month(), b.now.Day(), 19, 10, 0, 0, time.Local)
	if evening.After(b.now) {
		evening = evening.AddDate(0, 0, -1)
	}
	newcomer := &app.Customer{Name: "郑可欣", Kind: app.CustomerRetail, Phone: "13566667777",
		Address: app.Address{Province: "江苏省", City: "苏州市", District: "姑苏区", Street: "平江路 120 号", Postcode: "215000", Country: "CN"}}
	if err := b.svc.SaveCustomer(b.ctx, newcomer); err != nil {
		return nil, err
	}
	cases := []struct {
		at   time.Time
		make func() app.OrderInput
	}{
		{at, func() app.OrderInput { return base(byName["吴倩"], sku("TEA-PE-357", 2)) }}, // remote area
		{at.Add(5 * time.Minute), func() app.OrderInput { return b.unusualQuantity(base) }},
		{evening, func() app.OrderInput { // urgent after the cut-off
			in := base(byName["刘洋"], sku("TEA-DHP-200", 1))
			in.Delivery.Urgency = app.UrgencyUrgent
			in.Delivery.ExpectedDate = time.Date(evening.Year(), evening.Month(), evening.Day(), 0, 0, 0, 0, time.Local)
			return in
		}},
		{at.Add(10 * time.Minute), func() app.OrderInput { // price under the floor
			return base(byName["赵敏"], app.LineInput{ProductID: b.bySKU("TEA-BHYZ-100").ID, Qty: 1, UnitPrice: price(22000)})
		}},
		{at.Add(15 * time.Minute), func() app.OrderInput { // discount beyond the policy, with an unknown coupon
			in := base(byName["黄晓明"], sku("TEA-GIFT-4", 1))
			in.CouponCode, in.OrderDiscount = "VIP50", 19900
			return in
		}},
		{at.Add(20 * time.Minute), func() app.OrderInput { // a dealer over the credit limit
			c := byName["成都蜀韵茶馆"]
			in := base(c, sku("POT-ZS-300", 20), sku("TEA-GIFT-4", 40))
			in.Channel, in.PaymentMethod, in.ShippingFee, in.Contact = app.ChannelDealer, app.PayCredit, 0, c.Contact
			return in
		}},
		{at.Add(25 * time.Minute), func() app.OrderInput { // a new customer's large first order
			return base(newcomer, sku("TEA-GIFT-4", 8))
		}},
		{at.Add(30 * time.Minute), func() app.OrderInput { return base(byName["孙浩然"], sku("TEA-QM-250", 2)) }},
		{at.Add(36 * time.Minute), func() app.OrderInput { return base(byName["孙浩然"], sku("TEA-QM-250", 2)) }}, // duplicate
	}
	var out []*app.Order
	for _, c := range cases {
		b.clock = c.at
		in := c.make()
		in.OrderedAt = c.at
		if in.Channel == app.ChannelTaobao {
			in.PlatformOrderID = fmt.Sprintf("4%018d", b.rng.Int64N(1e18))
		}
		o, err := b.svc.CreateOrder(b.ctx, in, true)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	// A Shopify order came in without a phone number: it waits, and a task
	// says to ask the customer.
	b.clock = b.now.Add(-40 * time.Minute)
	res, err := b.svc.ImportOrders(b.ctx, app.ImportBatch{Source: "orders_export.csv", Channel: app.ChannelShopify,
		Orders: []app.ImportOrder{{Row: 2, PlatformOrderID: "#2417", OrderedAt: b.clock.Add(-10 * time.Minute),
			Customer: app.ImportCustomer{Name: "Hannah Lee", Email: "hannah.lee@example.com"}, RecipientName: "Hannah Lee",
			Address: app.Address{City: "Vancouver", Province: "BC", Street: "1055 West Georgia Street", Postcode: "V6E 3P3", Country: "CA"},
			Lines:   []app.ImportLine{{Row: 2, SKU: "TEA-DHG-100", Qty: 2, UnitPrice: 9800}}, ShippingFee: 12000,
			PaymentMethod: app.PayCard, Paid: 31600}}}, nil)
	if err != nil {
		return nil, err
	}
	o, err := b.svc.OrderByNumber(b.ctx, res.Preview[0].Number)
	if err != nil {
		return nil, err
	}
	return append(out, o), nil
}

// unusualQuantity orders ten times what a regular customer usually takes
// of a product they bought before.
func (b *builder) unusualQuantity(base func(*app.Customer, ...app.LineInput) app.OrderInput) app.OrderInput {
	for _, c := range b.customers {
		if c.Kind != app.CustomerRetail || c.Phone == "" || c.Address.Country != "CN" {
			continue
		}
		page, err := b.svc.SearchOrders(b.ctx, app.OrderQuery{CustomerID: c.ID, Limit: 1})
		if err != nil || len(page.Rows) == 0 {
			continue
		}
		o, err := b.svc.Order(b.ctx, page.Rows[0].ID)
		if err != nil || len(o.Lines) == 0 {
			continue
		}
		return base(c, app.LineInput{ProductID: o.Lines[0].ProductID, Qty: o.Lines[0].Qty * 10})
	}
	return base(b.customers[0], app.LineInput{ProductID: b.products[0].ID, Qty: 40})
}

func (b *builder) bySKU(sku string) *app.Product {
	for _, p := range b.products {
		if p.SKU == sku {
			return p
		}
	}
	panic("sample: no product " + sku)
}
