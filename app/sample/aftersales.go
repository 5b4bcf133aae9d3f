package sample

import (
	"fmt"
	"time"

	"orderdesk/app"
)

// aftersalesOrderCount is how many orders aftersales makes: the exchange
// and the re-send go out as orders of their own.
const aftersalesOrderCount = 2

// aftersalesMinOrders is the smallest sample shop with after-sales cases.
const aftersalesMinOrders = 100

// caseStage is how far a sample case has come.
type caseStage int

const (
	stageRequested caseStage = iota
	stageApproved
	stageReceived
	stageRefunded
	stageRejected
)

// aftersales opens cases in every state and complaints in every category
// and state on orders the customers already have (R-51..R-54, R-60).
func (b *builder) aftersales() ([]*app.Order, error) {
	page, err := b.svc.SearchOrders(b.ctx, app.OrderQuery{Statuses: []app.Status{app.StatusDelivered, app.StatusCompleted},
		Limit: 60, Sort: app.SortOrderedAt, Ascending: true})
	if err != nil {
		return nil, err
	}
	var orders []*app.Order
	for _, r := range page.Rows {
		o, err := b.svc.Order(b.ctx, r.ID)
		if err != nil {
			return nil, err
		}
		if o.AmountPaid > 0 && o.Channel != app.ChannelWalkIn && o.Lines[0].Kind.Stocked() && o.Lines[0].QtyShipped > 0 {
			orders = append(orders, o)
		}
	}
	plans := []struct {
		kind   app.CaseKind
		reason app.CaseReason
		stage  caseStage
		note   string
	}{
		{app.CaseReturnRefund, app.ReasonQuality, stageRequested, "茶饼发霉 the tea cake is mouldy"},
		{app.CaseReturnRefund, app.ReasonChangedMind, stageApproved, "不想要了 no longer wanted"},
		{app.CaseReturnRefund, app.ReasonDamaged, stageReceived, "壶盖碎裂 the lid arrived broken"},
		{app.CaseReturnRefund, app.ReasonWrongItem, stageRefunded, "发成了铁观音 sent Tieguanyin instead"},
		{app.CaseExchange, app.ReasonWrongSize, stageReceived, "想换小一号 a smaller one, please"},
		{app.CaseResend, app.ReasonMissing, stageApproved, "少了一盒 one box missing"},
		{app.CasePartialRefund, app.ReasonDamaged, stageRefunded, "外盒压坏 outer box crushed"},
		{app.CaseReturnRefund, app.ReasonChangedMind, stageRejected, "已拆封饮用 opened and drunk"},
	}
	if len(orders) < len(plans)+4 {
		return nil, fmt.Errorf("only %d delivered orders to open cases on", len(orders))
	}
	// Long-delivered orders, cases over the last six days: each case's
	// steps take up to a day or two, all end before today (at most about
	// five and a half days in all), and those still open are made last,
	// so their tasks fall due about now rather than weeks ago.
	b.clock = b.now.AddDate(0, 0, -6)
	var linked []*app.Order
	for i := len(plans) - 1; i >= 0; i-- {
		plan, o := plans[i], orders[i]
		l := o.Lines[0]
		in := app.CaseInput{OrderID: o.ID, Kind: plan.kind, Reason: plan.reason, Details: plan.note, PackagingIntact: i%3 != 0,
			Lines: []app.CaseLineInput{{LineID: l.ID, Qty: 1}}}
		switch plan.kind {
		case app.CasePartialRefund:
			in.Lines, in.RefundAmount = nil, min(o.AmountPaid-o.AmountRefunded, 1500)
		case app.CaseExchange:
			in.Exchange = []app.LineInput{{SKU: b.alternateOf(l.SKU), Qty: 1}}
		}
		b.clock = b.clock.Add(time.Duration(40+b.rng.IntN(60)) * time.Minute)
		c, err := b.svc.OpenCase(b.ctx, in)
		if err != nil {
			return nil, fmt.Errorf("case on %s: %w", o.Number, err)
		}
		if c, err = b.advanceCase(c, plan.stage, o); err != nil {
			return nil, fmt.Errorf("case %s: %w", c.Number, err)
		}
		if c.LinkedOrderID != 0 {
			out, err := b.svc.Order(b.ctx, c.LinkedOrderID)
			if err != nil {
				return nil, err
			}
			linked = append(linked, out)
		}
	}
	if err := b.complaints(orders[len(plans):]); err != nil {
		return nil, err
	}
	return linked, nil
}

// advanceCase takes a case to its planned stage.
func (b *builder) advanceCase(c *app.Case, stage caseStage, o *app.Order) (*app.Case, error) {
	if stage == stageRequested {
		return c, nil
	}
	var err error
	b.clock = b.clock.Add(2 * time.Hour)
	if stage == stageRejected {
		return b.svc.RejectCase(b.ctx, c.ID, "已拆封食品不退不换 opened food cannot be returned")
	}
	if c, err = b.svc.ApproveCase(b.ctx, c.ID, "已核实 checked"); err != nil || stage == stageApproved {
		return c, err
	}
	if c.Kind.GoodsComeBack() {
		b.clock = b.clock.Add(24 * time.Hour) // the parcel comes back
		bins := b.bins[b.whs[0].ID]
		var lines []app.InspectedLine
		for _, l := range c.Lines {
			in := app.InspectedLine{LineID: l.LineID, QtyReceived: l.Qty, Condition: "完好 as new",
				Disposition: app.DispositionRestock, BinID: bins[b.rng.IntN(len(bins))].ID}
			if c.Reason == app.ReasonDamaged || c.Reason == app.ReasonQuality {
				in.Condition, in.Disposition, in.BinID = "破损 broken", app.DispositionScrap, 0
			}
			lines = append(lines, in)
		}
		if c, err = b.svc.ReceiveReturn(b.ctx, c.ID, app.Inspection{Lines: lines, PackagingIntact: true}); err != nil {
			return c, err
		}
	}
	if stage == stageRefunded && c.Status.Open() && c.RefundAmount > c.Refunded {
		b.clock = b.clock.Add(3 * time.Hour)
		return b.svc.RefundCase(b.ctx, c.ID, app.RefundInput{Amount: c.RefundAmount - c.Refunded,
			TransactionID: fmt.Sprintf("RF%s%04d", b.clock.Format("060102"), b.rng.IntN(10000))})
	}
	return c, nil
}

// alternateOf names a product to exchange for: an alternate, else any
// other.
func (b *builder) alternateOf(sku string) string {
	p := b.bySKU(sku)
	if len(p.Alternates) > 0 {
		for _, q := range b.products {
			if q.ID == p.Alternates[0] {
				return q.SKU
			}
		}
	}
	for _, q := range b.products {
		if q.SKU != sku && q.Price <= p.Price {
			return q.SKU
		}
	}
	return sku
}

// complaints registers one complaint in each category, each at a
// different stage; the wrong-order one opens a case.
func (b *builder) complaints(orders []*app.Order) error {
	plans := []struct {
		category app.ComplaintCategory
		dept     app.Role
		content  string
		stage    app.ComplaintStatus
	}{
		{app.ComplaintQuality, app.RoleService, "龙井茶叶碎末多，和描述不符。The Longjing is mostly dust.", app.ComplaintPending},
		{app.ComplaintLogistics, app.RoleWarehouse, "快递员态度差，包裹被扔在门口。The courier left the parcel outside.", app.ComplaintInvestigating},
		{app.ComplaintAttitude, app.RoleOwner, "客服回复很慢且不耐烦。Slow and impatient replies.", app.ComplaintResolved},
		{app.ComplaintWrong, app.RoleWarehouse, "收到的规格不对。Received the wrong size.", app.ComplaintClosed},
	}
	for i, plan := range plans {
		o := orders[i]
		b.clock = b.clock.Add(time.Duration(30+b.rng.IntN(90)) * time.Minute)
		c, err := b.svc.RegisterComplaint(b.ctx, app.ComplaintInput{Complainant: o.CustomerName, Contact: o.CustomerPhone,
			OrderID: o.ID, ProductID: o.Lines[0].ProductID, Content: plan.content, Expected: "道歉并处理 an apology and a fix",
			Category: plan.category, Department: plan.dept})
		if err != nil {
			return fmt.Errorf("complaint on %s: %w", o.Number, err)
		}
		if plan.stage == app.ComplaintPending {
			continue
		}
		b.clock = b.clock.Add(time.Hour)
		if c, err = b.svc.NoteComplaint(b.ctx, c.ID, "已联系客户了解情况 called the customer"); err != nil {
			return err
		}
		if plan.category == app.ComplaintWrong {
			if _, err := b.svc.OpenCase(b.ctx, app.CaseInput{OrderID: o.ID, Kind: app.CaseReturnRefund, Reason: app.ReasonWrongItem,
				PackagingIntact: true, ComplaintID: c.ID, Lines: []app.CaseLineInput{{LineID: o.Lines[0].ID, Qty: 1}}}); err != nil {
				return err
			}
		}
		if plan.stage == app.ComplaintInvestigating {
			continue
		}
		b.clock = b.clock.Add(3 * time.Hour)
		comp := min(app.Money(1000), o.AmountPaid-o.AmountRefunded)
		if c, err = b.svc.ResolveComplaint(b.ctx, c.ID, app.ComplaintResolution{Resolution: "致歉并补偿 apologised and compensated",
			Compensation: comp}); err != nil {
			return err
		}
		if plan.stage == app.ComplaintClosed {
			if _, err := b.svc.CloseComplaint(b.ctx, c.ID, app.Satisfied); err != nil {
				return err
			}
		}
	}
	return nil
}
