package app

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// openShortTask puts a "decide about missing stock" task in the queue for
// an order stock could not cover, once.
func (s *Service) openShortTask(ctx context.Context, orderID int64, short *ShortageError) error {
	return s.write(ctx, PermFulfil, func(tx Tx, who Actor, now time.Time) error {
		open, err := tx.Tasks(ctx, TaskFilter{OpenOnly: true, SubjectKind: SubjectOrder, SubjectID: orderID})
		if err != nil {
			return err
		}
		for _, t := range open {
			if t.Kind == TaskDecideStock {
				return nil
			}
		}
		return insertTaskDueIn(ctx, tx, &Task{Kind: TaskDecideStock, SubjectKind: SubjectOrder, SubjectID: orderID, Ref: short.Order,
			Title: short.Error(), Assignee: RoleService, CreatedAt: now}, time.Hour)
	})
}

// DecideShortage records what the shop does about a line stock cannot
// cover, and puts "tell the customer" in the queue:
//
//   - backorder: the order waits until the stock is in (by the incoming
//     goods' date unless one is given); stock already held for it goes back.
//   - ship what is there: the order is allocated with what there is and the
//     rest follows in a later parcel.
//   - substitute: the line becomes one of the product's alternates, at the
//     same price.
//   - cancel the line: it stays on the order but no longer counts; money
//     received beyond the new total becomes a refund task.
func (s *Service) DecideShortage(ctx context.Context, orderID, lineID int64, d ShortageDecision) (*Order, error) {
	var p problems
	d.Note = cleanText(d.Note)
	if !d.Kind.Valid() {
		p.add("kind", CodeInvalid, "choose what to do about the missing stock")
	}
	if d.Kind == ShortSubstitute && d.SubstituteID == 0 {
		p.add("substitute", CodeRequired, "choose the product to send instead")
	}
	optionalText(&p, "note", d.Note, 200)
	if err := p.err(); err != nil {
		return nil, err
	}
	var o *Order
	err := s.write(ctx, PermShortage, func(tx Tx, who Actor, now time.Time) error {
		var err error
		if o, err = tx.Order(ctx, orderID); err != nil {
			return err
		}
		switch o.Status {
		case StatusConfirmed, StatusAllocated, StatusPicking, StatusPartlyShipped:
		default:
			return &TransitionError{Action: "decide_shortage", From: o.Status,
				Reason: "missing stock is decided for orders between confirming and shipping"}
		}
		line := o.lineByID(lineID)
		if line == nil {
			return &ValidationError{Fields: []FieldError{{Field: "line", Code: CodeInvalid,
				Message: fmt.Sprintf("order %s has no such line", o.Number)}}}
		}
		if line.Cancelled || line.Outstanding() == 0 {
			return &ValidationError{Fields: []FieldError{{Field: "line", Code: CodeInvalid,
				Message: fmt.Sprintf("line %d (%s) has nothing left to send", line.LineNo, line.SKU)}}}
		}
		rec := &LineDecision{LineID: line.ID, OrderID: o.ID, Kind: d.Kind, Note: d.Note, At: now, Actor: who.Name}
		if rec.ShortQty, err = shortOf(ctx, tx, o, line); err != nil {
			return err
		}
		before := orderSnapshot(o)
		switch d.Kind {
		case ShortBackorder:
			rec.ExpectedDate = d.ExpectedDate
			if rec.ExpectedDate.IsZero() {
				if rec.ExpectedDate, err = tx.ExpectedArrival(ctx, line.ProductID); err != nil {
					return err
				}
			}
			if err := waitForStock(ctx, tx, who, now, o); err != nil {
				return err
			}
		case ShortSubstitute:
			if line.QtyShipped > 0 {
				return &ValidationError{Fields: []FieldError{{Field: "substitute", Code: CodeInvalid,
					Message: fmt.Sprintf("part of line %d has shipped: cancel the rest or ship what is there instead", line.LineNo)}}}
			}
			if err := substitute(ctx, tx, who, now, o, line, d.SubstituteID, rec); err != nil {
				return err
			}
		case ShortCancelLine:
			if line.QtyShipped > 0 {
				return &ValidationError{Fields: []FieldError{{Field: "kind", Code: CodeInvalid,
					Message: fmt.Sprintf("part of line %d has shipped: it cannot be cancelled whole", line.LineNo)}}}
			}
			if err := dropLine(ctx, tx, who, now, o, line); err != nil {
				return err
			}
		}
		if err := tx.SaveLineDecision(ctx, rec); err != nil {
			return err
		}
		o.UpdatedAt = now
		if err := tx.UpdateOrder(ctx, o); err != nil {
			return err
		}
		if _, err := tx.CloseTasks(ctx, TaskDecideStock, SubjectOrder, o.ID, now, who.Name); err != nil {
			return err
		}
		if err := insertTaskDueIn(ctx, tx, &Task{Kind: TaskTellCustomer, SubjectKind: SubjectOrder, SubjectID: o.ID, Ref: o.Number,
			Title:    fmt.Sprintf("Tell the customer of order %s: %s for %s", o.Number, d.Kind, line.SKU),
			Assignee: RoleService, CreatedAt: now}, time.Hour); err != nil {
			return err
		}
		after := orderSnapshot(o)
		b, a := diffSnapshots(before, after)
		// What was decided, for the history to say in any language.
		a["decision"], a["line_no"], a["sku"] = d.Kind, line.LineNo, line.SKU
		if a == nil {
			a = map[string]any{}
		}
		a["decision"] = rec
		return record(ctx, tx, who, now, SubjectOrder, o.ID, "order.shortage_decided",
			fmt.Sprintf("missing stock on line %d (%s): %s", line.LineNo, line.SKU, d.Kind), b, a)
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

func (o *Order) lineByID(id int64) *OrderLine {
	for i := range o.Lines {
		if o.Lines[i].ID == id {
			return &o.Lines[i]
		}
	}
	return nil
}

// shortOf is how many units of the line stock cannot cover now: its open
// quantity less what is held for it and what is free anywhere.
func shortOf(ctx context.Context, tx Tx, o *Order, l *OrderLine) (int64, error) {
	held, err := heldFor(ctx, tx, o)
	if err != nil {
		return 0, err
	}
	levels, err := tx.StockLevels(ctx, l.ProductID)
	if err != nil {
		return 0, err
	}
	var free int64
	for _, lv := range levels {
		if lv.BinID != 0 {
			free += max(lv.Available(), 0)
		}
	}
	return max(l.Outstanding()-held[l.ID]-free, 0), nil
}

// heldFor shares the stock reserved for an order out to its lines: per
// product, first line first.
func heldFor(ctx context.Context, tx Tx, o *Order) (map[int64]int64, error) {
	res, err := tx.Reservations(ctx, o.ID)
	if err != nil {
		return nil, err
	}
	byProduct := map[int64]int64{}
	for _, r := range res {
		byProduct[r.ProductID] += r.Qty
	}
	out := map[int64]int64{}
	for _, l := range o.Lines {
		n := min(byProduct[l.ProductID], l.Outstanding())
		out[l.ID] = n
		byProduct[l.ProductID] -= n
	}
	return out, nil
}

// waitForStock sends an order back to wait for its stock: whatever is
// held for it goes back on the shelf so other orders can have it.
func waitForStock(ctx context.Context, tx Tx, who Actor, now time.Time, o *Order) error {
	switch o.Status {
	case StatusAllocated, StatusPicking:
		if err := releaseStock(ctx, tx, who, now, o, "waiting for stock"); err != nil {
			return err
		}
		from := o.Status
		o.Status = StatusConfirmed
		if o.shippedAny() {
			o.Status = StatusPartlyShipped
		}
		o.VerifiedBy, o.VerifiedAt = "", time.Time{}
		return recordStep(ctx, tx, who, now, o, ActionDeallocate, from, "waiting for stock")
	}
	return nil
}

func (o *Order) shippedAny() bool {
	for _, l := range o.Lines {
		if l.QtyShipped > 0 && l.Kind.Stocked() {
			return true
		}
	}
	return false
}

// substitute puts an alternate product on the line. An order already
// holding stock gets the alternate reserved at once and is checked again.
func substitute(ctx context.Context, tx Tx, who Actor, now time.Time, o *Order, l *OrderLine, productID int64, rec *LineDecision) error {
	orig, err := tx.Product(ctx, l.ProductID)
	if err != nil {
		return err
	}
	allowed := false
	for _, a := range orig.Alternates {
		allowed = allowed || a == productID
	}
	if !allowed {
		return &ValidationError{Fields: []FieldError{{Field: "substitute", Code: CodeInvalid,
			Message: fmt.Sprintf("that product is not listed as an alternate of %s", orig.SKU)}}}
	}
	alt, err := tx.Product(ctx, productID)
	if err != nil {
		return err
	}
	if !alt.Active {
		return &ValidationError{Fields: []FieldError{{Field: "substitute", Code: CodeInvalid,
			Message: fmt.Sprintf("%s is no longer sold", alt.SKU)}}}
	}
	held := o.Status == StatusAllocated || o.Status == StatusPicking
	if held {
		// Give back what was held for the original product on this line.
		if err := releaseProduct(ctx, tx, who, now, o, l.ProductID, "substituted by "+alt.SKU); err != nil {
			return err
		}
	}
	rec.SubstituteFor = l.SKU
	l.ProductID, l.SKU, l.Name, l.Spec, l.Unit, l.Kind = alt.ID, alt.SKU, alt.Name, alt.Spec, alt.Unit, alt.Kind
	if !held {
		return nil
	}
	// Reserve only for this line: other lines keep what they hold.
	one := *o
	one.Lines = []OrderLine{*l}
	if err := reserveStock(ctx, tx, who, now, &one); err != nil {
		var short *ShortageError
		if errors.As(err, &short) {
			return &ValidationError{Fields: []FieldError{{Field: "substitute", Code: CodeShort,
				Message: fmt.Sprintf("%s is short too: %d needed, %d available", alt.SKU, l.Outstanding(), short.Lines[0].Available)}}}
		}
		return err
	}
	o.VerifiedBy, o.VerifiedAt = "", time.Time{}
	return nil
}

// dropLine cancels a line: its stock goes back and money received beyond
// the new total is owed back.
func dropLine(ctx context.Context, tx Tx, who Actor, now time.Time, o *Order, l *OrderLine) error {
	if o.Status == StatusAllocated || o.Status == StatusPicking {
		if err := releaseProduct(ctx, tx, who, now, o, l.ProductID, "line cancelled"); err != nil {
			return err
		}
	}
	l.Cancelled = true
	live := 0
	for _, x := range o.Lines {
		if !x.Cancelled {
			live++
		}
	}
	if live == 0 {
		return &ValidationError{Fields: []FieldError{{Field: "kind", Code: CodeInvalid,
			Message: fmt.Sprintf("this is the last line of order %s: cancel the order instead", o.Number)}}}
	}
	o.Recalculate()
	if o.Payable < 0 {
		return &ValidationError{Fields: []FieldError{{Field: "kind", Code: CodeInvalid,
			Message: fmt.Sprintf("without this line the discount is more than the goods of order %s: change the order instead", o.Number)}}}
	}
	if o.RefundDue() > 0 {
		return tx.InsertTask(ctx, &Task{Kind: TaskRefundDue, SubjectKind: SubjectOrder, SubjectID: o.ID, Ref: o.Number,
			Title: fmt.Sprintf("Refund the cancelled line %s of order %s", l.SKU, o.Number), Due: now.Add(24 * time.Hour),
			Assignee: RoleFinance, CreatedAt: now})
	}
	return nil
}

// releaseProduct gives back what the order holds of one product.
func releaseProduct(ctx context.Context, tx Tx, who Actor, now time.Time, o *Order, productID int64, why string) error {
	res, err := tx.Reservations(ctx, o.ID)
	if err != nil {
		return err
	}
	for _, r := range res {
		if r.ProductID != productID || r.Qty <= 0 {
			continue
		}
		if err := tx.InsertStockMove(ctx, &StockMove{At: now, Kind: MoveRelease, ProductID: r.ProductID, WarehouseID: r.WarehouseID,
			BinID: r.BinID, ReservedDelta: -r.Qty, OrderID: o.ID, Reference: o.Number, Note: why, Actor: who.Name}); err != nil {
			return err
		}
	}
	return nil
}

// LineDecisions lists what was decided about the order's short lines.
func (s *Service) LineDecisions(ctx context.Context, orderID int64) ([]LineDecision, error) {
	var out []LineDecision
	err := s.read(ctx, func(tx Tx) error {
		var err error
		out, err = tx.LineDecisions(ctx, orderID)
		return err
	})
	return out, err
}

// Shortages says which open lines of a confirmed order stock cannot cover
// now, without changing anything: what the out-of-stock dialog shows.
func (s *Service) Shortages(ctx context.Context, orderID int64) ([]Shortage, error) {
	var out []Shortage
	err := s.read(ctx, func(tx Tx) error {
		o, err := tx.Order(ctx, orderID)
		if err != nil {
			return err
		}
		decided, err := tx.LineDecisions(ctx, orderID)
		if err != nil {
			return err
		}
		kind := map[int64]ShortageKind{}
		for _, d := range decided {
			kind[d.LineID] = d.Kind
		}
		held, err := heldFor(ctx, tx, o)
		if err != nil {
			return err
		}
		// An order on the warehouse floor is short of whatever it does not
		// hold: its pick came up short, whatever the shelves elsewhere say.
		onFloor := o.Status == StatusAllocated || o.Status == StatusPicking
		for i := range o.Lines {
			l := &o.Lines[i]
			if l.Outstanding() == 0 {
				continue
			}
			n, err := shortOf(ctx, tx, o, l)
			if err != nil {
				return err
			}
			if onFloor {
				n = l.Outstanding() - held[l.ID]
			}
			if n <= 0 {
				continue
			}
			expected, err := tx.ExpectedArrival(ctx, l.ProductID)
			if err != nil {
				return err
			}
			out = append(out, Shortage{LineID: l.ID, LineNo: l.LineNo, ProductID: l.ProductID, SKU: l.SKU, Name: l.Name,
				Need: l.Outstanding(), Available: l.Outstanding() - n, Expected: expected, Decision: kind[l.ID]})
		}
		return nil
	})
	return out, err
}
