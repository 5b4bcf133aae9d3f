package app

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// exchangeLines checks what an exchange sends out: known, sold products
// in whole units.
func exchangeLines(ctx context.Context, tx Tx, lines []LineInput) ([]LineInput, error) {
	cache := newProductCache()
	var p problems
	var out []LineInput
	for i, l := range lines {
		f := fmt.Sprintf("exchange[%d]", i)
		pr, err := cache.get(ctx, tx, l.ProductID, l.SKU)
		switch {
		case errors.Is(err, ErrNotFound):
			p.add(f+".sku", CodeInvalid, "there is no product %s", l.SKU)
			continue
		case err != nil:
			return nil, err
		case !pr.Active:
			p.add(f+".sku", CodeInvalid, "%s is no longer sold", pr.SKU)
			continue
		case l.Qty <= 0 || l.Qty > 100_000:
			p.add(f+".qty", CodeInvalid, "%s: how many? a whole number from 1", pr.SKU)
			continue
		}
		out = append(out, LineInput{ProductID: pr.ID, SKU: pr.SKU, Qty: l.Qty})
	}
	return out, p.err()
}

// linkedOrder sends goods out for a case: a new order to the same
// customer and address, confirmed at once and allocated when the stock is
// there, so it goes through picking, packing and shipping like any
// other. credit is what the customer already paid towards it (the goods
// that came back); -1 makes it free (a re-send). It returns the order.
func (s *Service) linkedOrder(ctx context.Context, tx Tx, who Actor, now time.Time, o *Order, c *Case, lines []LineInput,
	credit Money) (*Order, error) {
	shop, err := tx.Shop(ctx)
	if err != nil {
		return nil, err
	}
	in := OrderInput{Channel: o.Channel, CustomerID: o.CustomerID, Contact: o.Contact, RecipientName: o.RecipientName,
		RecipientPhone: o.RecipientPhone, Address: o.Address, Lines: lines, PaymentMethod: o.PaymentMethod,
		Delivery: Delivery{Urgency: o.Delivery.Urgency}, Notes: fmt.Sprintf("%s for case %s of order %s", c.Kind, c.Number, o.Number)}
	out, err := s.createOrder(ctx, tx, who, now, shop, in, false, newProductCache(), map[int64]*Customer{})
	if err != nil {
		return nil, err
	}
	// The goods are paid already: by the order the case is about (a
	// re-send), or by what came back (an exchange), up to their value.
	paid := out.GoodsTotal
	if credit >= 0 {
		paid = min(credit, out.GoodsTotal)
	}
	out.OrderDiscount = paid
	out.Recalculate()
	from := out.Status
	out.Status, out.UpdatedAt = StatusConfirmed, now
	if err := tx.UpdateOrder(ctx, out); err != nil {
		return nil, err
	}
	if err := recordStep(ctx, tx, who, now, out, ActionConfirm, from, "for case "+c.Number); err != nil {
		return nil, err
	}
	c.LinkedOrderID = out.ID
	// Reserved only when all of it is there: the order then waits to be
	// allocated like any short one, holding nothing.
	covered, err := coverable(ctx, tx, out, nil)
	if err != nil {
		return nil, err
	}
	if !covered {
		return out, insertTaskDueIn(ctx, tx, &Task{Kind: TaskDecideStock, SubjectKind: SubjectOrder, SubjectID: out.ID, Ref: out.Number,
			Title: fmt.Sprintf("Order %s for case %s is short of stock", out.Number, c.Number), Assignee: RoleService, CreatedAt: now}, time.Hour)
	}
	if err := reserveStock(ctx, tx, who, now, out); err != nil {
		return nil, err
	}
	allocated := out.Status
	out.Status = StatusAllocated
	if err := tx.UpdateOrderStatus(ctx, out); err != nil {
		return nil, err
	}
	return out, recordStep(ctx, tx, who, now, out, ActionAllocate, allocated, "")
}
