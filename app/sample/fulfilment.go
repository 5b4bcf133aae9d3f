package sample

import (
	"errors"
	"fmt"
	"time"

	"orderdesk/app"
)

// carrierRules are the sample shop's couriers: SF for urgent parcels,
// ZTO for light ones in the Yangtze delta, YTO for the rest of the
// mainland up to 20 kg, EMS for anything else, DHL abroad.
var carrierRules = []app.CarrierRule{
	{Carrier: "顺丰速运 SF Express", Service: "次日达 next day", Urgency: app.UrgencyUrgent},
	{Carrier: "DHL", Service: "Express Worldwide", Destinations: []string{"HK", "TW", "MO", "SG", "GB", "US", "DE", "JP"}},
	{Carrier: "中通快递 ZTO", MaxWeightGrams: 3000, Destinations: []string{"浙江", "江苏", "上海"}},
	{Carrier: "圆通速递 YTO", MaxWeightGrams: 20000, Destinations: []string{"CN"}},
	{Carrier: "中国邮政 EMS"},
}

// checkers are the staff who check picks.
var checkers = []string{"王芳", "李强", "Chen Jing"}

// verifyAndPack has a second person check the pick and boxes it: split
// boxes only the first line (the rest follows later, R-33).
func (b *builder) verifyAndPack(o *app.Order, split bool) (*app.Shipment, error) {
	if err := b.verify(o); err != nil {
		return nil, err
	}
	var qty map[int64]int64
	if split {
		qty = map[int64]int64{o.Lines[0].ID: o.Lines[0].Qty}
	}
	return b.svc.PackOrders(b.ctx, app.PackInput{OrderIDs: []int64{o.ID}, Qty: qty, Packages: b.packages(o, qty)})
}

// verify has a second person count the pick and find it right.
func (b *builder) verify(o *app.Order) error {
	lists, err := b.svc.PickLists(b.ctx, []int64{o.ID})
	if err != nil {
		return err
	}
	if len(lists) == 0 {
		return fmt.Errorf("order %s has nothing to pick", o.Number)
	}
	check := app.NewPickCheck(lists[0])
	_, err = b.svc.VerifyPick(b.ctx, o.ID, checkers[b.rng.IntN(len(checkers))], check.Expected, false)
	return err
}

// packages boxes the goods: the goods' weight plus the carton, teaware
// marked fragile, tea marked keep dry.
func (b *builder) packages(o *app.Order, qty map[int64]int64) []app.Package {
	box := app.Package{WeightGrams: 250, LengthMM: 300, WidthMM: 220, HeightMM: 160, Material: "纸箱 carton"}
	for _, l := range o.Lines {
		n := l.Qty
		if qty != nil {
			n = qty[l.ID]
		}
		if n == 0 || !l.Kind.Stocked() {
			continue
		}
		p := b.bySKU(l.SKU)
		box.WeightGrams += p.WeightGrams * n
		switch l.SKU[:3] {
		case "POT", "CUP", "TRA":
			box.Fragile = true
			box.Material = "纸箱、气泡膜 carton, bubble wrap"
		case "TEA":
			box.KeepDry = true
		}
	}
	if box.WeightGrams > 8000 {
		half := box
		half.WeightGrams = box.WeightGrams / 2
		box.WeightGrams -= half.WeightGrams
		return []app.Package{box, half}
	}
	return []app.Package{box}
}

// ship hands a shipment to the carrier the rules suggest, with a
// tracking number in the carrier's style.
func (b *builder) ship(sh *app.Shipment, o *app.Order) (*app.Order, error) {
	if o.CollectedAtCounter() && !sh.Address.Deliverable() {
		// A walk-in without an address takes the goods with them. The
		// draw a tracking number would take is made all the same, so the
		// rest of the sample shop stays as it was.
		b.rng.Int64N(1e12)
		return b.svc.HandOver(b.ctx, o.ID, o.CustomerName)
	}
	rule, _, err := b.svc.SuggestCarrierFor(b.ctx, sh.ID)
	if err != nil {
		return nil, err
	}
	prefix := map[string]string{"顺丰速运 SF Express": "SF", "中通快递 ZTO": "ZT", "圆通速递 YTO": "YT", "中国邮政 EMS": "EA", "DHL": "JD"}[rule.Carrier]
	tracking := fmt.Sprintf("%s%012d", prefix, b.rng.Int64N(1e12))
	if _, err := b.svc.ShipShipment(b.ctx, sh.ID, app.ShipInput{Carrier: rule.Carrier, Service: rule.Service, TrackingNumber: tracking}); err != nil {
		return nil, err
	}
	return b.svc.Order(b.ctx, o.ID)
}

// signOff records the customer's signature for every parcel on its way.
func (b *builder) signOff(o *app.Order) (*app.Order, error) {
	list, err := b.svc.OrderShipments(b.ctx, o.ID)
	if err != nil {
		return nil, err
	}
	remarks := []string{"", "", "", "外箱轻微压痕，货品完好 box dented, goods fine", "已开箱验货 inspected on delivery"}
	signer := o.RecipientName
	if signer == "" {
		signer = o.CustomerName
	}
	for _, sh := range list {
		if sh.Status != app.ShipmentShipped {
			continue
		}
		if _, err := b.svc.SignOffShipment(b.ctx, sh.ID, app.SignOff{Signer: signer,
			Remarks: remarks[b.rng.IntN(len(remarks))]}); err != nil {
			return nil, err
		}
	}
	return b.svc.Order(b.ctx, o.ID)
}

// shortOrBackorder handles an order stock cannot cover: a recent one
// waiting for goods already on their way is backordered, anything
// else makes the shop restock at once.
func (b *builder) shortOrBackorder(o *app.Order, short *app.ShortageError) (bool, error) {
	if b.now.Sub(b.clock) > 4*24*time.Hour {
		return false, nil
	}
	for _, l := range short.Lines {
		if l.Expected.IsZero() {
			return false, nil
		}
	}
	for _, l := range short.Lines {
		if _, err := b.svc.DecideShortage(b.ctx, o.ID, l.LineID, app.ShortageDecision{Kind: app.ShortBackorder,
			Note: "客户同意等待到货 customer will wait"}); err != nil {
			return false, err
		}
	}
	return true, nil
}

// fulfilmentCaseCount is how many orders fulfilmentCases makes.
const fulfilmentCaseCount = 5

// fulfilmentCases places a few orders that show the rarer parts of
// fulfilment: a backorder waiting for goods on their way, two orders of
// one customer merged into one parcel, a parcel lost and sent again, and
// one delayed on the way.
func (b *builder) fulfilmentCases() ([]*app.Order, error) {
	c := b.customers[0]
	in := func(sku string, qty int64) app.OrderInput {
		return app.OrderInput{Channel: app.ChannelWebShop, CustomerID: c.ID, RecipientName: c.Name, RecipientPhone: c.Phone,
			Address: c.Address, PaymentMethod: app.PayAlipay, Lines: []app.LineInput{{ProductID: b.bySKU(sku).ID, Qty: qty}}}
	}
	// confirm approves an order the rules held, sends its confirmation
	// and records its Alipay payment, made at checkout: nothing is left
	// to remind anyone of.
	confirm := func(o *app.Order) (*app.Order, error) {
		if o.Status == app.StatusPendingReview {
			var err error
			if o, err = b.svc.Approve(b.ctx, o.ID, "已核实 checked"); err != nil {
				return nil, err
			}
		}
		if err := b.svc.ConfirmationSent(b.ctx, o.ID, "e-mail"); err != nil {
			return nil, err
		}
		if owed := o.Outstanding(); owed > 0 {
			if _, err := b.svc.RecordPayment(b.ctx, o.ID, app.PaymentInput{Method: app.PayAlipay, Amount: owed,
				TransactionID: fmt.Sprintf("AP%s%04d", b.clock.Format("060102150405"), b.rng.IntN(10000))}); err != nil {
				return nil, err
			}
			return b.svc.Order(b.ctx, o.ID)
		}
		return o, nil
	}
	// picking places an order and takes it to the warehouse floor.
	picking := func(sku string, qty int64) (*app.Order, error) {
		o, err := b.svc.CreateOrder(b.ctx, in(sku, qty), true)
		if err != nil {
			return nil, err
		}
		if o, err = confirm(o); err != nil {
			return nil, err
		}
		if _, err := b.allocate(o.ID); err != nil {
			return nil, err
		}
		return b.svc.StartPicking(b.ctx, o.ID)
	}
	var made []*app.Order
	b.clock = b.now.Add(-50 * time.Hour)
	// A backorder: more of the first incoming product than the shelves hold.
	scarce := b.products[0]
	levels, err := b.svc.StockLevels(b.ctx, scarce.ID)
	if err != nil {
		return nil, err
	}
	var free int64
	for _, l := range levels {
		if l.BinID != 0 {
			free += l.Available()
		}
	}
	o, err := b.svc.CreateOrder(b.ctx, in(scarce.SKU, free+20), true)
	if err != nil {
		return nil, err
	}
	if o, err = confirm(o); err != nil {
		return nil, err
	}
	_, err = b.svc.Allocate(b.ctx, o.ID)
	var short *app.ShortageError
	if !errors.As(err, &short) {
		return nil, fmt.Errorf("the backorder case was not short: %v", err)
	}
	if _, err := b.shortOrBackorder(o, short); err != nil {
		return nil, err
	}
	made = append(made, o)

	// Two orders of one customer to one address, one parcel.
	var pair []*app.Order
	for _, sku := range []string{"CUP-BC-6", "TRAY-BMB-S"} {
		o, err := picking(sku, 1)
		if err != nil {
			return nil, err
		}
		if err := b.verify(o); err != nil {
			return nil, err
		}
		pair = append(pair, o)
	}
	b.clock = b.clock.Add(2 * time.Hour)
	merged, err := b.svc.PackOrders(b.ctx, app.PackInput{OrderIDs: []int64{pair[0].ID, pair[1].ID},
		Packages: []app.Package{{WeightGrams: 1600, LengthMM: 350, WidthMM: 250, HeightMM: 200, Material: "纸箱、气泡膜 carton, bubble wrap", Fragile: true}}})
	if err != nil {
		return nil, err
	}
	if _, err := b.ship(merged, pair[0]); err != nil {
		return nil, err
	}
	made = append(made, pair...)

	// Lost on the way and sent again; another delayed.
	for i, problem := range []app.TrackingProblem{app.ProblemLost, app.ProblemDelayed} {
		o, err := picking("TEA-LJ-100", 2)
		if err != nil {
			return nil, err
		}
		sh, err := b.verifyAndPack(o, false)
		if err != nil {
			return nil, err
		}
		if _, err := b.ship(sh, o); err != nil {
			return nil, err
		}
		b.clock = b.clock.Add(time.Duration(20+i) * time.Hour)
		note := []string{"快递公司查无此件 the carrier cannot find it", "中转站滞留 held at a hub"}[i]
		if _, err := b.svc.ReportProblem(b.ctx, sh.ID, problem, note); err != nil {
			return nil, err
		}
		if problem == app.ProblemLost {
			if _, err := b.svc.Resend(b.ctx, sh.ID); err != nil {
				return nil, err
			}
		}
		made = append(made, o)
	}
	for i, o := range made {
		if made[i], err = b.svc.Order(b.ctx, o.ID); err != nil {
			return nil, err
		}
	}
	return made, nil
}
