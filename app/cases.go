package app

import (
	"context"
	"fmt"
	"time"
)

// SubjectCase and SubjectComplaint are after-sales subjects of events and
// tasks.
const (
	SubjectCase      SubjectKind = "case"
	SubjectComplaint SubjectKind = "complaint"
)

// CaseInput is a customer's after-sales request.
type CaseInput struct {
	OrderID int64
	Kind    CaseKind
	Reason  CaseReason
	Details string
	Lines   []CaseLineInput
	// PackagingIntact is what the customer says of tags and packaging;
	// the inspection confirms it.
	PackagingIntact bool
	// RefundAmount is what a partial refund pays back.
	RefundAmount Money
	// Exchange is what goes out instead, for an exchange.
	Exchange    []LineInput
	ComplaintID int64
}

// CaseLineInput is units of one order line in a request.
type CaseLineInput struct {
	LineID int64
	Qty    int64
}

// caseNumber is YYYYMM-RNNN: the month the case was opened and its
// sequence in it.
func caseNumber(at time.Time, seq int64) string {
	return fmt.Sprintf("%s-R%03d", at.Local().Format("200601"), seq)
}

// OpenCase registers an after-sales request for goods that left:
// never more units than shipped less those already returned or in other
// open cases. Eligibility (the return window from the last delivery or
// shipping, tags and packaging intact) and who pays the postage are
// recorded; a task asks for a decision within a day.
func (s *Service) OpenCase(ctx context.Context, in CaseInput) (*Case, error) {
	var p problems
	in.Details = cleanText(in.Details)
	if !in.Kind.Valid() || in.Kind == CaseUndeliverable {
		p.add("kind", CodeInvalid, "choose return and refund, exchange, re-send or partial refund")
	}
	if !in.Reason.Valid() {
		p.add("reason", CodeInvalid, "choose the reason")
	}
	if in.Reason == ReasonOtherProblem {
		requireText(&p, "details", in.Details, 2, 500)
	} else {
		optionalText(&p, "details", in.Details, 500)
	}
	if in.Kind == CasePartialRefund {
		if in.RefundAmount <= 0 {
			p.add("refund_amount", CodeTooSmall, "enter the amount to pay back, more than zero")
		}
		checkAmount(&p, "refund_amount", in.RefundAmount)
	} else if len(in.Lines) == 0 {
		p.add("lines", CodeRequired, "choose the goods and how many")
	}
	if in.Kind == CaseExchange && len(in.Exchange) == 0 {
		p.add("exchange", CodeRequired, "choose what the customer gets instead")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	var c *Case
	err := s.write(ctx, PermAfterSales, func(tx Tx, who Actor, now time.Time) error {
		o, err := tx.Order(ctx, in.OrderID)
		if err != nil {
			return err
		}
		shop, err := tx.Shop(ctx)
		if err != nil {
			return err
		}
		if o.Kind != KindSale || !o.shippedAny() {
			return &TransitionError{Action: "open_case", From: o.Status, Order: o.Number,
				Reason: "after-sales cases are for goods that left; before shipping, change or cancel the order"}
		}
		c = &Case{OrderID: o.ID, Order: o.Number, Kind: in.Kind, Reason: in.Reason, Details: in.Details, Status: CaseRequested,
			PackagingIntact: in.PackagingIntact, ShopPaysShipping: in.Reason.ShopsFault(), ComplaintID: in.ComplaintID,
			RequestedAt: now, CreatedBy: who.Name}
		if err := caseLines(ctx, tx, o, c, in.Lines, 0); err != nil {
			return err
		}
		if c.WithinWindow, err = withinReturnWindow(ctx, tx, o, shop, now); err != nil {
			return err
		}
		if in.Kind == CasePartialRefund {
			// An agreed partial refund is a credit: never more than the order
			// still asks. What it pays back is settled when it is approved.
			if left := o.Creditable(); in.RefundAmount > left {
				return &ValidationError{Fields: []FieldError{{Field: "refund_amount", Code: CodeTooLarge,
					Message: fmt.Sprintf("only %s of order %s may still be credited", shop.Currency.Format(left), o.Number)}}}
			}
			c.RefundAmount = in.RefundAmount
		}
		if in.Kind == CaseExchange {
			// Checked now so a bad exchange is refused at once; the goods go
			// out when the returned ones are in.
			if c.Exchange, err = exchangeLines(ctx, tx, in.Exchange); err != nil {
				return err
			}
		}
		seq, err := tx.NextNumber(ctx, "case", now.Local().Format("200601"))
		if err != nil {
			return err
		}
		c.Number = caseNumber(now, seq)
		if err := tx.InsertCase(ctx, c); err != nil {
			return err
		}
		if in.ComplaintID != 0 {
			if err := linkComplaint(ctx, tx, in.ComplaintID, c); err != nil {
				return err
			}
		}
		if err := tx.InsertTask(ctx, &Task{Kind: TaskCaseDecide, SubjectKind: SubjectCase, SubjectID: c.ID, Ref: c.Number,
			Title: fmt.Sprintf("Decide after-sales case %s (%s) of order %s", c.Number, c.Kind, o.Number),
			Due:   shop.Calendar.AddWorking(now, 8*time.Hour), Assignee: RoleService, CreatedAt: now}); err != nil {
			return err
		}
		return recordCase(ctx, tx, who, now, c, "case.opened",
			fmt.Sprintf("after-sales case %s opened: %s, %s", c.Number, c.Kind, c.Reason))
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// unitsLeft is how many units of a line a new case may still be about:
// shipped, less what came back, less what open cases still expect.
func unitsLeft(l OrderLine, open map[int64]int64) int64 {
	return l.QtyShipped - l.QtyReturned - open[l.ID]
}

// UnitsLeftForCases says, per shipped goods line of an order, how many
// units a new case may still be about (the rule OpenCase checks), for
// screens to offer no more than that.
func (s *Service) UnitsLeftForCases(ctx context.Context, orderID int64) (map[int64]int64, error) {
	left := map[int64]int64{}
	err := s.read(ctx, func(tx Tx) error {
		o, err := tx.Order(ctx, orderID)
		if err != nil {
			return err
		}
		open, err := tx.OpenCaseQty(ctx, o.ID, 0)
		if err != nil {
			return err
		}
		for _, l := range o.Lines {
			if l.QtyShipped > 0 && l.Kind.Stocked() {
				left[l.ID] = max(unitsLeft(l, open), 0)
			}
		}
		return nil
	})
	return left, err
}

// caseLines checks and fills a case's lines: at most what shipped, less
// what came back and what other open cases (not except) still expect.
func caseLines(ctx context.Context, tx Tx, o *Order, c *Case, lines []CaseLineInput, except int64) error {
	open, err := tx.OpenCaseQty(ctx, o.ID, except)
	if err != nil {
		return err
	}
	var p problems
	seen := map[int64]bool{}
	for i, in := range lines {
		f := fmt.Sprintf("lines[%d].qty", i)
		l := o.lineByID(in.LineID)
		switch {
		case l == nil || seen[in.LineID]:
			p.add(f, CodeInvalid, "choose each line of order %s once", o.Number)
			continue
		case !l.Kind.Stocked():
			p.add(f, CodeInvalid, "%s is a charge, not goods", l.SKU)
			continue
		}
		seen[in.LineID] = true
		left := unitsLeft(*l, open)
		if in.Qty <= 0 || in.Qty > left {
			p.add(f, CodeTooLarge, "%s: between 1 and %d (%d shipped, %d returned, %d in other open cases)",
				l.SKU, max(left, 0), l.QtyShipped, l.QtyReturned, open[l.ID])
			continue
		}
		c.Lines = append(c.Lines, CaseLine{LineID: l.ID, LineNo: l.LineNo, ProductID: l.ProductID, SKU: l.SKU, Name: l.Name,
			Spec: l.Spec, UnitPrice: l.UnitPrice, Qty: in.Qty})
	}
	return p.err()
}

// withinReturnWindow reports whether now is within the shop's return
// window after the order's goods arrived (or left, when nobody signed).
func withinReturnWindow(ctx context.Context, tx Tx, o *Order, shop Shop, now time.Time) (bool, error) {
	list, err := tx.OrderShipments(ctx, o.ID)
	if err != nil {
		return false, err
	}
	var arrived time.Time
	for _, sh := range list {
		at := sh.DeliveredAt
		if at.IsZero() {
			at = sh.ShippedAt
		}
		if at.After(arrived) {
			arrived = at
		}
	}
	if arrived.IsZero() {
		arrived = o.UpdatedAt // shipped before shipments were kept
	}
	return !now.After(arrived.AddDate(0, 0, shop.Policy.ReturnWindowDays)), nil
}

// recordCase notes a step of a case in its own history and its order's.
func recordCase(ctx context.Context, tx Tx, who Actor, now time.Time, c *Case, action, summary string) error {
	if err := record(ctx, tx, who, now, SubjectCase, c.ID, action, summary, nil,
		map[string]any{"case": c.Number, "status": c.Status}); err != nil {
		return err
	}
	return record(ctx, tx, who, now, SubjectOrder, c.OrderID, action, summary, nil, map[string]any{"case": c.Number})
}

// changeCase runs one step of a case in a transaction, version-checked.
func (s *Service) changeCase(ctx context.Context, id int64, need Permission,
	step func(tx Tx, who Actor, now time.Time, c *Case) (string, error)) (*Case, error) {
	var c *Case
	err := s.write(ctx, need, func(tx Tx, who Actor, now time.Time) error {
		var err error
		if c, err = tx.Case(ctx, id); err != nil {
			return err
		}
		summary, err := step(tx, who, now, c)
		if err != nil {
			return err
		}
		if err := tx.UpdateCase(ctx, c); err != nil {
			return err
		}
		return recordCase(ctx, tx, who, now, c, "case."+string(c.Status), summary)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// CaseStateError says a case is not where a step needs it.
type CaseStateError struct {
	Step   string
	Case   string
	Status CaseStatus
	Reason string
}

func (e *CaseStateError) Error() string {
	return fmt.Sprintf("cannot %s case %s (%s): %s", e.Step, e.Case, e.Status, e.Reason)
}

// ApproveCase accepts a request. Goods that come back are awaited (the
// RMA letter tells the customer how); a re-send goes out at once as a
// new order at no charge; a partial refund waits for the money.
func (s *Service) ApproveCase(ctx context.Context, id int64, note string) (*Case, error) {
	note = cleanText(note)
	var p problems
	optionalText(&p, "note", note, 200)
	if err := p.err(); err != nil {
		return nil, err
	}
	return s.changeCase(ctx, id, PermAfterSales, func(tx Tx, who Actor, now time.Time, c *Case) (string, error) {
		if c.Status != CaseRequested {
			return "", &CaseStateError{"approve", c.Number, c.Status, "only requested cases are decided"}
		}
		c.Status, c.DecidedAt, c.DecisionNote = CaseApproved, now, note
		if _, err := tx.CloseTasks(ctx, TaskCaseDecide, SubjectCase, c.ID, now, who.Name); err != nil {
			return "", err
		}
		switch c.Kind {
		case CaseResend:
			o, err := tx.Order(ctx, c.OrderID)
			if err != nil {
				return "", err
			}
			var lines []LineInput
			for _, cl := range c.Lines {
				lines = append(lines, LineInput{ProductID: cl.ProductID, Qty: cl.Qty})
			}
			if _, err := s.linkedOrder(ctx, tx, who, now, o, c, lines, -1); err != nil {
				return "", err
			}
			c.Status, c.ClosedAt = CaseClosed, now
		case CasePartialRefund:
			o, err := tx.Order(ctx, c.OrderID)
			if err != nil {
				return "", err
			}
			if err := creditCase(ctx, tx, who, now, o, c, CreditPartialRefund, c.RefundAmount); err != nil {
				return "", err
			}
			if c.RefundAmount == 0 {
				c.Status, c.ClosedAt = CaseClosed, now
			} else if err := refundTask(ctx, tx, now, c); err != nil {
				return "", err
			}
		}
		return fmt.Sprintf("case %s approved %s", c.Number, note), nil
	})
}

// RejectCase refuses a request; the reason is required and told to the
// customer.
func (s *Service) RejectCase(ctx context.Context, id int64, reason string) (*Case, error) {
	reason, err := requireReason(reason)
	if err != nil {
		return nil, err
	}
	return s.changeCase(ctx, id, PermAfterSales, func(tx Tx, who Actor, now time.Time, c *Case) (string, error) {
		if c.Status != CaseRequested {
			return "", &CaseStateError{"reject", c.Number, c.Status, "only requested cases are decided"}
		}
		c.Status, c.DecidedAt, c.ClosedAt, c.DecisionNote = CaseRejected, now, now, reason
		if _, err := tx.CloseTasks(ctx, TaskCaseDecide, SubjectCase, c.ID, now, who.Name); err != nil {
			return "", err
		}
		return fmt.Sprintf("case %s rejected: %s", c.Number, reason), nil
	})
}

func refundTask(ctx context.Context, tx Tx, now time.Time, c *Case) error {
	if c.RefundAmount <= c.Refunded {
		return nil
	}
	return tx.InsertTask(ctx, &Task{Kind: TaskCaseRefund, SubjectKind: SubjectCase, SubjectID: c.ID, Ref: c.Number,
		Title: fmt.Sprintf("Pay back the refund of case %s (order %s)", c.Number, c.Order), Due: now.Add(24 * time.Hour),
		Assignee: RoleFinance, CreatedAt: now})
}

// Inspection is what the warehouse finds in a returned parcel.
type Inspection struct {
	Lines           []InspectedLine
	PackagingIntact bool
	Note            string
}

// InspectedLine is one line's count, condition and where it goes.
type InspectedLine struct {
	LineID      int64
	QtyReceived int64
	Condition   string // "as new", "box dented", "broken"…
	Disposition Disposition
	BinID       int64 // restock: the bin the units go back to
}

// ReceiveReturn records the inspection of returned goods: each
// line's units are put back on a shelf, scrapped or sent back to the
// supplier, each a ledger row; the order counts them as returned. The
// refund follows from what came back (never more than was paid); an
// exchange's goods go out as a new order through fulfilment.
func (s *Service) ReceiveReturn(ctx context.Context, id int64, in Inspection) (*Case, error) {
	in.Note = cleanText(in.Note)
	var p problems
	optionalText(&p, "note", in.Note, 200)
	for i := range in.Lines {
		in.Lines[i].Condition = cleanText(in.Lines[i].Condition)
		optionalText(&p, fmt.Sprintf("lines[%d].condition", i), in.Lines[i].Condition, 100)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return s.changeCase(ctx, id, PermReceiveReturns, func(tx Tx, who Actor, now time.Time, c *Case) (string, error) {
		if c.Status != CaseApproved || !c.Kind.GoodsComeBack() {
			return "", &CaseStateError{"receive the goods of", c.Number, c.Status, "goods are received for approved returns, exchanges and undelivered parcels"}
		}
		o, err := tx.Order(ctx, c.OrderID)
		if err != nil {
			return "", err
		}
		got, err := inspect(ctx, tx, who, now, o, c, in)
		if err != nil {
			return "", err
		}
		o.UpdatedAt = now
		if err := tx.UpdateOrder(ctx, o); err != nil {
			return "", err
		}
		c.Status, c.ReceivedAt, c.PackagingIntact = CaseReceived, now, in.PackagingIntact
		if _, err := tx.CloseTasks(ctx, TaskUndeliverable, SubjectCase, c.ID, now, who.Name); err != nil {
			return "", err
		}
		if in.Note != "" {
			c.DecisionNote = in.Note
		}
		value := returnedValue(o, c)
		switch c.Kind {
		case CaseExchange:
			out, err := s.linkedOrder(ctx, tx, who, now, o, c, c.Exchange, value)
			if err != nil {
				return "", err
			}
			// What came back pays for the new goods; any rest goes back.
			c.RefundAmount = value - out.OrderDiscount
		default:
			c.RefundAmount = value
		}
		// What came back is credited whether or not the order was paid; of
		// it, what the customer paid and is now owed back is the refund.
		if err := creditCase(ctx, tx, who, now, o, c, CreditReturn, c.RefundAmount); err != nil {
			return "", err
		}
		if c.RefundAmount == 0 {
			c.Status, c.ClosedAt = CaseClosed, now
		} else if err := refundTask(ctx, tx, now, c); err != nil {
			return "", err
		}
		return fmt.Sprintf("case %s: %d units received and inspected", c.Number, got), nil
	})
}

// creditCase credits the order with what case c agreed (goods back, a
// partial refund), and sets what the case pays back: the part of it the
// customer had paid and is now owed back. An unpaid order just owes less.
func creditCase(ctx context.Context, tx Tx, who Actor, now time.Time, o *Order, c *Case, kind CreditKind, amount Money) error {
	shop, err := tx.Shop(ctx)
	if err != nil {
		return err
	}
	amount = min(amount, o.Creditable())
	dueBefore := o.RefundDue()
	if err := credit(ctx, tx, who, now, shop, o, Credit{CaseID: c.ID, Kind: kind, Amount: amount,
		Note: fmt.Sprintf("case %s", c.Number)}); err != nil {
		return err
	}
	c.RefundAmount = min(amount, o.RefundDue()-dueBefore)
	return nil
}

// inspect writes each line's ledger rows and counts the units returned.
func inspect(ctx context.Context, tx Tx, who Actor, now time.Time, o *Order, c *Case, in Inspection) (int64, error) {
	byLine := map[int64]InspectedLine{}
	for _, l := range in.Lines {
		byLine[l.LineID] = l
	}
	warehouse, err := returnWarehouse(ctx, tx, o)
	if err != nil {
		return 0, err
	}
	var p problems
	var got int64
	for i := range c.Lines {
		cl := &c.Lines[i]
		seen := byLine[cl.LineID]
		f := fmt.Sprintf("lines[%d]", i)
		if seen.QtyReceived < 0 || seen.QtyReceived > cl.Qty {
			p.add(f+".qty", CodeTooLarge, "%s: between 0 and %d came back", cl.SKU, cl.Qty)
			continue
		}
		cl.QtyReceived, cl.Condition, cl.Disposition, cl.BinID = seen.QtyReceived, seen.Condition, seen.Disposition, seen.BinID
		if cl.QtyReceived == 0 {
			continue
		}
		m := &StockMove{At: now, ProductID: cl.ProductID, WarehouseID: warehouse, OrderID: o.ID, Reference: c.Number,
			Note: cl.Condition, Actor: who.Name}
		switch cl.Disposition {
		case DispositionRestock:
			if cl.BinID == 0 {
				p.add(f+".bin", CodeRequired, "%s: choose the bin the goods go back to", cl.SKU)
				continue
			}
			b, err := tx.Bin(ctx, cl.BinID)
			if err != nil {
				return 0, err
			}
			m.Kind, m.WarehouseID, m.BinID, m.OnHandDelta = MoveReturnRestock, b.WarehouseID, b.ID, cl.QtyReceived
		case DispositionScrap:
			// The units never count as stock again: the row records them.
			m.Kind, m.BinID = MoveReturnScrap, 0
			m.Note = fmt.Sprintf("%d returned and scrapped: %s", cl.QtyReceived, cl.Condition)
		case DispositionSupplier:
			m.Kind, m.BinID = MoveReturnSupplier, 0
			m.Note = fmt.Sprintf("%d returned and sent back to the supplier: %s", cl.QtyReceived, cl.Condition)
		default:
			p.add(f+".disposition", CodeRequired, "%s: restock, scrap or send back to the supplier?", cl.SKU)
			continue
		}
		if err := tx.InsertStockMove(ctx, m); err != nil {
			return 0, err
		}
		ol := o.lineByID(cl.LineID)
		if ol == nil || ol.QtyReturned+cl.QtyReceived > ol.QtyShipped {
			p.add(f+".qty", CodeTooLarge, "%s: more would come back than left", cl.SKU)
			continue
		}
		ol.QtyReturned += cl.QtyReceived
		got += cl.QtyReceived
	}
	return got, p.err()
}

// returnWarehouse is where returns of the order are received: the one its
// parcels left from, else the first.
func returnWarehouse(ctx context.Context, tx Tx, o *Order) (int64, error) {
	list, err := tx.OrderShipments(ctx, o.ID)
	if err != nil {
		return 0, err
	}
	for _, sh := range list {
		if sh.WarehouseID != 0 {
			return sh.WarehouseID, nil
		}
	}
	all, err := tx.Warehouses(ctx)
	if err != nil || len(all) == 0 {
		return 0, fmt.Errorf("the shop has no warehouse to receive returns: %w", err)
	}
	return all[0].ID, nil
}

// returnedValue is what the units that came back were paid at: each
// line's amount after its discount, per unit.
func returnedValue(o *Order, c *Case) Money {
	var v Money
	for _, cl := range c.Lines {
		ol := o.lineByID(cl.LineID)
		if ol == nil || ol.Qty == 0 || cl.QtyReceived == 0 {
			continue
		}
		v += ol.Subtotal() * Money(cl.QtyReceived) / Money(ol.Qty)
	}
	return v
}

// RefundCase pays back a case's refund: by the order's payment
// method unless told otherwise, never more than the case allows nor more
// than was paid. The case closes once all of it went back.
func (s *Service) RefundCase(ctx context.Context, id int64, in RefundInput) (*Case, error) {
	in.TransactionID = cleanText(in.TransactionID)
	var p problems
	if in.Amount <= 0 {
		p.add("amount", CodeTooSmall, "enter the amount paid back, more than zero")
	}
	checkAmount(&p, "amount", in.Amount)
	if err := p.err(); err != nil {
		return nil, err
	}
	return s.changeCase(ctx, id, PermRefund, func(tx Tx, who Actor, now time.Time, c *Case) (string, error) {
		owed := c.RefundAmount - c.Refunded
		if c.Status == CaseRequested {
			return "", &CaseStateError{"refund", c.Number, c.Status, "it is not approved yet"}
		}
		if !c.Status.Open() || owed <= 0 {
			return "", &CaseStateError{"refund", c.Number, c.Status, "nothing is owed back on this case"}
		}
		if in.Amount > owed {
			shop, err := tx.Shop(ctx)
			if err != nil {
				return "", err
			}
			return "", &ValidationError{Fields: []FieldError{{Field: "amount", Code: CodeTooLarge,
				Message: fmt.Sprintf("case %s owes %s back", c.Number, shop.Currency.Format(owed))}}}
		}
		o, err := tx.Order(ctx, c.OrderID)
		if err != nil {
			return "", err
		}
		in.Reference = "case " + c.Number
		if _, err := refund(ctx, tx, who, now, o, in); err != nil {
			return "", err
		}
		c.Refunded += in.Amount
		if c.Refunded == c.RefundAmount {
			c.Status, c.ClosedAt = CaseClosed, now
			if _, err := tx.CloseTasks(ctx, TaskCaseRefund, SubjectCase, c.ID, now, who.Name); err != nil {
				return "", err
			}
		}
		return fmt.Sprintf("case %s: %d paid back", c.Number, in.Amount), nil
	})
}

// CloseCase ends a case without more money or goods (the customer
// withdrew, or an exchange is on its way); the reason is required.
func (s *Service) CloseCase(ctx context.Context, id int64, reason string) (*Case, error) {
	reason, err := requireReason(reason)
	if err != nil {
		return nil, err
	}
	return s.changeCase(ctx, id, PermAfterSales, func(tx Tx, who Actor, now time.Time, c *Case) (string, error) {
		if !c.Status.Open() {
			return "", &CaseStateError{"close", c.Number, c.Status, "it is closed already"}
		}
		c.Status, c.ClosedAt, c.DecisionNote = CaseClosed, now, reason
		for _, k := range []TaskKind{TaskCaseDecide, TaskCaseRefund} {
			if _, err := tx.CloseTasks(ctx, k, SubjectCase, c.ID, now, who.Name); err != nil {
				return "", err
			}
		}
		return fmt.Sprintf("case %s closed: %s", c.Number, reason), nil
	})
}

// Case returns one case.
func (s *Service) Case(ctx context.Context, id int64) (*Case, error) {
	var c *Case
	err := s.read(ctx, func(tx Tx) error {
		var err error
		c, err = tx.Case(ctx, id)
		return err
	})
	return c, err
}

// CaseByNumber finds a case by its number.
func (s *Service) CaseByNumber(ctx context.Context, number string) (*Case, error) {
	var c *Case
	err := s.read(ctx, func(tx Tx) error {
		var err error
		c, err = tx.CaseByNumber(ctx, number)
		return err
	})
	return c, err
}

// Cases lists cases, newest first, and how many match.
func (s *Service) Cases(ctx context.Context, f CaseFilter) ([]Case, int, error) {
	var out []Case
	var n int
	err := s.read(ctx, func(tx Tx) error {
		var err error
		out, n, err = tx.Cases(ctx, f)
		return err
	})
	return out, n, err
}

// ReturnWarehouse is where a case's goods are sent back to: the
// warehouse its order's parcels left from (the RMA letter prints it).
func (s *Service) ReturnWarehouse(ctx context.Context, caseID int64) (*Warehouse, error) {
	var w *Warehouse
	err := s.read(ctx, func(tx Tx) error {
		c, err := tx.Case(ctx, caseID)
		if err != nil {
			return err
		}
		o, err := tx.Order(ctx, c.OrderID)
		if err != nil {
			return err
		}
		id, err := returnWarehouse(ctx, tx, o)
		if err != nil {
			return err
		}
		w, err = tx.Warehouse(ctx, id)
		return err
	})
	return w, err
}
