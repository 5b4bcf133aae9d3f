package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// PackInput is what goes in one shipment.
type PackInput struct {
	// OrderIDs are one order, or several of one customer to one address
	// that go out together (merge, R-33).
	OrderIDs []int64
	// Qty limits the shipment to these units per line (split, R-33); nil
	// packs everything picked and not yet packed.
	Qty      map[int64]int64
	Packages []Package // none: one box weighing what the goods weigh
}

func validatePackages(pk []Package) error {
	var p problems
	for i := range pk {
		b := &pk[i]
		f := fmt.Sprintf("packages[%d]", i)
		b.No = i + 1
		b.Material = cleanText(b.Material)
		if b.WeightGrams < 0 || b.WeightGrams > 1_000_000 {
			p.add(f+".weight", CodeInvalid, "box %d: the weight is between 0 and 1,000 kg", b.No)
		}
		for _, d := range []int{b.LengthMM, b.WidthMM, b.HeightMM} {
			if d < 0 || d > 10_000 {
				p.add(f+".size", CodeInvalid, "box %d: each side is between 0 and 10 m", b.No)
				break
			}
		}
		optionalText(&p, f+".material", b.Material, 100)
	}
	return p.err()
}

// PackOrders boxes what was picked for one order, or for several orders
// of one customer to one address, into one shipment. An
// order is packed once nothing picked is left out of a box.
func (s *Service) PackOrders(ctx context.Context, in PackInput) (*Shipment, error) {
	return s.pack(ctx, in, true)
}

func (s *Service) pack(ctx context.Context, in PackInput, mustBePicked bool) (*Shipment, error) {
	if len(in.OrderIDs) == 0 {
		return nil, &ValidationError{Fields: []FieldError{{Field: "orders", Code: CodeRequired, Message: "choose the orders to pack"}}}
	}
	packages := append([]Package(nil), in.Packages...)
	if err := validatePackages(packages); err != nil {
		return nil, err
	}
	var sh *Shipment
	err := s.write(ctx, func(tx Tx, who Actor, now time.Time) error {
		var err error
		sh, err = packInTx(ctx, tx, who, now, in, packages, mustBePicked)
		return err
	})
	return sh, err
}

func packInTx(ctx context.Context, tx Tx, who Actor, now time.Time, in PackInput, packages []Package, mustBePicked bool) (*Shipment, error) {
	shop, err := tx.Shop(ctx)
	if err != nil {
		return nil, err
	}
	var orders []*Order
	seen := map[int64]bool{}
	for _, id := range in.OrderIDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		o, err := tx.Order(ctx, id)
		if err != nil {
			return nil, err
		}
		orders = append(orders, o)
	}
	first := orders[0]
	sh := &Shipment{Status: ShipmentPacked, RecipientName: first.RecipientName, RecipientPhone: first.RecipientPhone,
		Address: first.Address, PackedAt: now, PackedBy: who.Name}
	var weight int64
	for _, o := range orders {
		if o != first && !sameDestination(first, o) {
			return nil, &ValidationError{Fields: []FieldError{{Field: "orders", Code: CodeInvalid,
				Message: fmt.Sprintf("order %s goes to another customer or address than %s: only orders to one address share a parcel",
					o.Number, first.Number)}}}
		}
		if mustBePicked {
			switch {
			case o.Status != StatusPicking && o.Status != StatusPartlyShipped:
				return nil, withNumber(&TransitionError{Action: ActionPack, From: o.Status,
					Reason: "orders are packed once they are picked"}, o)
			case shop.Policy.VerifyPicks && o.VerifiedBy == "":
				return nil, &ValidationError{Fields: []FieldError{{Field: "verified", Code: CodeRequired,
					Message: fmt.Sprintf("the pick of order %s has not been checked yet: a second person checks it first", o.Number)}}}
			}
		}
		held, err := heldFor(ctx, tx, o)
		if err != nil {
			return nil, err
		}
		packed, err := unshippedPacked(ctx, tx, o.ID)
		if err != nil {
			return nil, err
		}
		var p problems
		for i, l := range o.Lines {
			free := held[l.ID] - packed[l.ID]
			n := free
			if in.Qty != nil {
				n = in.Qty[l.ID]
				if n < 0 || n > free {
					p.add(fmt.Sprintf("lines[%d].qty", i), CodeTooLarge, "%s: pack between 0 and %d", l.SKU, max(free, 0))
					continue
				}
			}
			if n <= 0 {
				continue
			}
			pr, err := tx.Product(ctx, l.ProductID)
			if err != nil {
				return nil, err
			}
			weight += pr.WeightGrams * n
			sh.Lines = append(sh.Lines, ShipmentLine{OrderID: o.ID, OrderNumber: o.Number, LineID: l.ID, LineNo: l.LineNo,
				ProductID: l.ProductID, SKU: l.SKU, Barcode: pr.Barcode, Name: l.Name, Spec: l.Spec, Unit: l.Unit, Qty: n,
				UnitPrice: l.UnitPrice})
		}
		if err := p.err(); err != nil {
			return nil, err
		}
		sh.OrderIDs = append(sh.OrderIDs, o.ID)
	}
	if len(sh.Lines) == 0 {
		return nil, &ValidationError{Fields: []FieldError{{Field: "lines", Code: CodeRequired,
			Message: fmt.Sprintf("nothing of order %s is picked and waiting for a box", first.Number)}}}
	}
	if len(packages) == 0 {
		packages = []Package{{No: 1, WeightGrams: weight}}
	}
	sh.Packages = packages
	if sh.Number, err = shipmentNumber(ctx, tx, first); err != nil {
		return nil, err
	}
	res, err := tx.Reservations(ctx, first.ID)
	if err != nil {
		return nil, err
	}
	if len(res) > 0 {
		sh.WarehouseID = res[0].WarehouseID
	}
	if err := tx.InsertShipment(ctx, sh); err != nil {
		return nil, err
	}
	for _, o := range orders {
		if err := afterPacking(ctx, tx, who, now, o, sh); err != nil {
			return nil, err
		}
	}
	return sh, nil
}

// afterPacking moves an order to packed once nothing it holds is left out
// of a box, and notes the shipment in its history.
func afterPacking(ctx context.Context, tx Tx, who Actor, now time.Time, o *Order, sh *Shipment) error {
	held, err := heldFor(ctx, tx, o)
	if err != nil {
		return err
	}
	packed, err := unshippedPacked(ctx, tx, o.ID)
	if err != nil {
		return err
	}
	left := int64(0)
	for _, l := range o.Lines {
		left += held[l.ID] - packed[l.ID]
	}
	note := "shipment " + sh.Number
	if left == 0 && Can(o.Status, ActionPack) {
		return stepAndRecord(ctx, tx, who, now, o, ActionPack, note)
	}
	return record(ctx, tx, who, now, SubjectOrder, o.ID, "order.packed_part",
		fmt.Sprintf("part packed as %s; %d units still to pack", sh.Number, left), nil, map[string]any{"shipment": sh.Number})
}

func sameDestination(a, b *Order) bool {
	return a.CustomerID == b.CustomerID && a.RecipientName == b.RecipientName &&
		PhoneDigits(a.RecipientPhone) == PhoneDigits(b.RecipientPhone) && a.Address == b.Address
}

// shipmentNumber is the order's number and the next parcel of it:
// 202611-007-1, 202611-007-2…
func shipmentNumber(ctx context.Context, tx Tx, o *Order) (string, error) {
	n, err := tx.NextNumber(ctx, "shipment", o.Number)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s-%d", o.Number, n), nil
}

// PackShipment boxes a re-send waiting to be packed.
func (s *Service) PackShipment(ctx context.Context, id int64, packages []Package) (*Shipment, error) {
	packages = append([]Package(nil), packages...)
	if err := validatePackages(packages); err != nil {
		return nil, err
	}
	return s.changeShipment(ctx, id, func(tx Tx, who Actor, now time.Time, sh *Shipment) (string, error) {
		if sh.Status != ShipmentToPack {
			return "", shipmentStateError("pack", sh, "only a re-send waiting for its box is packed this way")
		}
		if len(packages) > 0 {
			sh.Packages = packages
		}
		sh.Status, sh.PackedAt, sh.PackedBy = ShipmentPacked, now, who.Name
		return "packed", nil
	})
}

// ShipmentStateError says a shipment is not where a step needs it.
type ShipmentStateError struct {
	Step     string
	Shipment string
	Status   ShipmentStatus
	Reason   string
}

func (e *ShipmentStateError) Error() string {
	return fmt.Sprintf("cannot %s shipment %s (%s): %s", e.Step, e.Shipment, e.Status, e.Reason)
}

func shipmentStateError(step string, sh *Shipment, reason string) error {
	return &ShipmentStateError{Step: step, Shipment: sh.Number, Status: sh.Status, Reason: reason}
}

// changeShipment runs one change to a shipment in a transaction and notes
// it in the history of each of its orders.
func (s *Service) changeShipment(ctx context.Context, id int64,
	work func(tx Tx, who Actor, now time.Time, sh *Shipment) (string, error)) (*Shipment, error) {
	var sh *Shipment
	err := s.write(ctx, func(tx Tx, who Actor, now time.Time) error {
		var err error
		if sh, err = tx.Shipment(ctx, id); err != nil {
			return err
		}
		what, err := work(tx, who, now, sh)
		if err != nil {
			return err
		}
		if err := tx.UpdateShipment(ctx, sh); err != nil {
			return err
		}
		for _, oid := range sh.OrderIDs {
			if err := record(ctx, tx, who, now, SubjectOrder, oid, "shipment."+strings.Fields(what)[0],
				"shipment "+sh.Number+": "+what, nil, map[string]any{"shipment": sh.Number, "status": sh.Status}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return sh, nil
}

// ShipInput is the courier's side of shipping.
type ShipInput struct {
	Carrier        string
	Service        string
	TrackingNumber string // empty: a task asks for it within the hour
}

// ShipShipment hands a packed shipment to the carrier: its units
// leave the ledger, its orders become shipped (or partly shipped while
// more is to follow), and the tracking number is recorded, or asked for
// within the hour.
func (s *Service) ShipShipment(ctx context.Context, id int64, in ShipInput) (*Shipment, error) {
	in, err := cleanShipInput(in)
	if err != nil {
		return nil, err
	}
	var sh *Shipment
	err = s.write(ctx, func(tx Tx, who Actor, now time.Time) error {
		var err error
		if sh, err = tx.Shipment(ctx, id); err != nil {
			return err
		}
		return shipInTx(ctx, tx, who, now, sh, in, false)
	})
	if err != nil {
		return nil, err
	}
	return sh, nil
}

func cleanShipInput(in ShipInput) (ShipInput, error) {
	var p problems
	in.Carrier, in.Service = cleanText(in.Carrier), cleanText(in.Service)
	in.TrackingNumber = strings.ToUpper(strings.Join(strings.Fields(in.TrackingNumber), ""))
	optionalText(&p, "carrier", in.Carrier, 40)
	optionalText(&p, "service", in.Service, 40)
	optionalText(&p, "tracking", in.TrackingNumber, 40)
	return in, p.err()
}

// shipInTx ships a packed shipment. part records the step as shipping
// part of the order even when it was the last part (ShipPart's way).
func shipInTx(ctx context.Context, tx Tx, who Actor, now time.Time, sh *Shipment, in ShipInput, part bool) error {
	if sh.Status != ShipmentPacked {
		return shipmentStateError("ship", sh, "only packed shipments leave with the courier")
	}
	byOrder := map[int64][]ShipmentLine{}
	for _, l := range sh.Lines {
		byOrder[l.OrderID] = append(byOrder[l.OrderID], l)
	}
	for _, oid := range sh.OrderIDs {
		o, err := tx.Order(ctx, oid)
		if err != nil {
			return err
		}
		action, to := ActionShip, StatusShipped
		if sh.ResendOf == 0 {
			for _, sl := range byOrder[oid] {
				if l := o.lineByID(sl.LineID); l != nil {
					l.QtyShipped += sl.Qty
				}
			}
			for _, l := range o.Lines {
				if l.Outstanding() > 0 {
					action, to = ActionShipPart, StatusPartlyShipped
				}
			}
			if part {
				action = ActionShipPart
			}
			if _, err := Step(o.Status, action, o.HeldFrom); err != nil {
				return withNumber(err, o)
			}
		}
		if err := takeOffShelf(ctx, tx, who, now, o, sh, byOrder[oid]); err != nil {
			return err
		}
		if sh.ResendOf != 0 {
			continue
		}
		// Charges (postage, fees) go with the first parcel.
		for i := range o.Lines {
			if !o.Lines[i].Kind.Stocked() {
				o.Lines[i].QtyShipped = o.Lines[i].Qty
			}
		}
		from := o.Status
		o.Status, o.UpdatedAt = to, now
		if err := tx.UpdateOrder(ctx, o); err != nil {
			return err
		}
		if err := recordStep(ctx, tx, who, now, o, action, from, "shipment "+sh.Number); err != nil {
			return err
		}
	}
	sh.Status, sh.ShippedAt = ShipmentShipped, now
	sh.Carrier, sh.Service, sh.TrackingNumber = in.Carrier, in.Service, in.TrackingNumber
	if err := tx.UpdateShipment(ctx, sh); err != nil {
		return err
	}
	for _, oid := range sh.OrderIDs {
		if err := tx.SetOrderTracking(ctx, oid); err != nil {
			return err
		}
	}
	if sh.TrackingNumber == "" {
		return tx.InsertTask(ctx, &Task{Kind: TaskRecordWaybill, SubjectKind: SubjectOrder, SubjectID: sh.OrderIDs[0], Ref: sh.Number,
			Title: "Record the tracking number of shipment " + sh.Number, Due: now.Add(time.Hour), Assignee: RoleWarehouse, CreatedAt: now})
	}
	return nil
}

// takeOffShelf writes the ship moves for an order's lines in a shipment:
// the held units leave their bins.
func takeOffShelf(ctx context.Context, tx Tx, who Actor, now time.Time, o *Order, sh *Shipment, lines []ShipmentLine) error {
	res, err := tx.Reservations(ctx, o.ID)
	if err != nil {
		return err
	}
	for _, l := range lines {
		n := l.Qty
		for k := range res {
			r := &res[k]
			if n == 0 {
				break
			}
			if r.ProductID != l.ProductID || r.Qty <= 0 {
				continue
			}
			take := min(n, r.Qty)
			if err := tx.InsertStockMove(ctx, &StockMove{At: now, Kind: MoveShip, ProductID: r.ProductID, WarehouseID: r.WarehouseID,
				BinID: r.BinID, OnHandDelta: -take, ReservedDelta: -take, OrderID: o.ID, Reference: sh.Number, Actor: who.Name}); err != nil {
				return err
			}
			r.Qty -= take
			n -= take
		}
		if n > 0 {
			return fmt.Errorf("shipment %s: %d of %s are not held for order %s", sh.Number, n, l.SKU, o.Number)
		}
	}
	return nil
}

// SetTracking records a shipment's tracking number after it left
// and closes the task that asked for it.
func (s *Service) SetTracking(ctx context.Context, id int64, tracking string) (*Shipment, error) {
	in, err := cleanShipInput(ShipInput{TrackingNumber: tracking})
	if err != nil {
		return nil, err
	}
	if in.TrackingNumber == "" {
		return nil, &ValidationError{Fields: []FieldError{{Field: "tracking", Code: CodeRequired, Message: "enter or scan the tracking number"}}}
	}
	var sh *Shipment
	err = s.write(ctx, func(tx Tx, who Actor, now time.Time) error {
		var err error
		if sh, err = tx.Shipment(ctx, id); err != nil {
			return err
		}
		if sh.Status != ShipmentShipped && sh.Status != ShipmentDelivered {
			return shipmentStateError("record the tracking number of", sh, "it has not left yet")
		}
		before := sh.TrackingNumber
		sh.TrackingNumber = in.TrackingNumber
		if err := tx.UpdateShipment(ctx, sh); err != nil {
			return err
		}
		for _, oid := range sh.OrderIDs {
			if err := tx.SetOrderTracking(ctx, oid); err != nil {
				return err
			}
			if _, err := tx.CloseTasks(ctx, TaskRecordWaybill, SubjectOrder, oid, now, who.Name); err != nil {
				return err
			}
			if err := record(ctx, tx, who, now, SubjectOrder, oid, "shipment.tracking",
				fmt.Sprintf("shipment %s: tracking number %s", sh.Number, sh.TrackingNumber),
				map[string]any{"tracking": before}, map[string]any{"tracking": sh.TrackingNumber}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return sh, nil
}

// ReportProblem marks a shipment on its way as delayed, failed, lost,
// damaged, refused or unreachable. Each opens a task due in 30
// minutes; lost or damaged goods also need a re-send or a refund within
// 24 hours.
func (s *Service) ReportProblem(ctx context.Context, id int64, problem TrackingProblem, note string) (*Shipment, error) {
	var p problems
	note = cleanText(note)
	if !problem.Valid() {
		p.add("problem", CodeInvalid, "choose what went wrong")
	}
	optionalText(&p, "note", note, 200)
	if err := p.err(); err != nil {
		return nil, err
	}
	return s.changeShipment(ctx, id, func(tx Tx, who Actor, now time.Time, sh *Shipment) (string, error) {
		if sh.Status != ShipmentShipped && !(sh.Status == ShipmentDelivered && problem == ProblemDamaged) {
			return "", shipmentStateError("report a problem with", sh, "only shipments on their way (or delivered broken) have problems")
		}
		sh.Problem, sh.ProblemNote, sh.ProblemAt = problem, note, now
		first := sh.OrderIDs[0]
		if err := tx.InsertTask(ctx, &Task{Kind: TaskTrackingProblem, SubjectKind: SubjectOrder, SubjectID: first, Ref: sh.Number,
			Title: fmt.Sprintf("Shipment %s is %s: call the carrier and the customer", sh.Number, problem),
			Due:   now.Add(30 * time.Minute), Assignee: RoleService, CreatedAt: now}); err != nil {
			return "", err
		}
		if problem.GoodsGone() {
			if err := tx.InsertTask(ctx, &Task{Kind: TaskResendOrRefund, SubjectKind: SubjectOrder, SubjectID: first, Ref: sh.Number,
				Title: fmt.Sprintf("Shipment %s is %s: re-send it or refund the customer", sh.Number, problem),
				Due:   now.Add(24 * time.Hour), Assignee: RoleService, CreatedAt: now}); err != nil {
				return "", err
			}
		}
		what := "problem " + string(problem)
		if note != "" {
			what += " (" + note + ")"
		}
		return what, nil
	})
}

// ClearProblem ends a problem that sorted itself out (a delayed parcel
// moving again); the reason is required.
func (s *Service) ClearProblem(ctx context.Context, id int64, note string) (*Shipment, error) {
	note, err := requireReason(note)
	if err != nil {
		return nil, err
	}
	return s.changeShipment(ctx, id, func(tx Tx, who Actor, now time.Time, sh *Shipment) (string, error) {
		if sh.Problem == ProblemNone {
			return "", shipmentStateError("clear the problem of", sh, "it has none")
		}
		if sh.Problem.GoodsGone() {
			return "", shipmentStateError("clear the problem of", sh, "lost or damaged goods are re-sent or refunded")
		}
		was := sh.Problem
		sh.Problem, sh.ProblemNote = ProblemNone, note
		if err := closeProblemTasks(ctx, tx, who, now, sh); err != nil {
			return "", err
		}
		return fmt.Sprintf("problem %s cleared (%s)", was, note), nil
	})
}

func closeProblemTasks(ctx context.Context, tx Tx, who Actor, now time.Time, sh *Shipment) error {
	for _, k := range []TaskKind{TaskTrackingProblem, TaskResendOrRefund} {
		if _, err := tx.CloseTasks(ctx, k, SubjectOrder, sh.OrderIDs[0], now, who.Name); err != nil {
			return err
		}
	}
	return nil
}

// Resend sends lost or damaged goods again at no charge: a new
// shipment of the same units, with stock reserved for it, waiting to be
// packed. The lost one is closed.
func (s *Service) Resend(ctx context.Context, id int64) (*Shipment, error) {
	var again *Shipment
	err := s.write(ctx, func(tx Tx, who Actor, now time.Time) error {
		sh, err := tx.Shipment(ctx, id)
		if err != nil {
			return err
		}
		if !sh.Problem.GoodsGone() || sh.Status == ShipmentClosed {
			return shipmentStateError("re-send", sh, "only lost or damaged shipments that are not settled are sent again")
		}
		again = &Shipment{Status: ShipmentToPack, WarehouseID: sh.WarehouseID, OrderIDs: sh.OrderIDs,
			RecipientName: sh.RecipientName, RecipientPhone: sh.RecipientPhone, Address: sh.Address,
			Lines: sh.Lines, Packages: sh.Packages, Carrier: sh.Carrier, Service: sh.Service, ResendOf: sh.ID}
		for _, oid := range sh.OrderIDs {
			o, err := tx.Order(ctx, oid)
			if err != nil {
				return err
			}
			// Reserve the same units again as if they were a new order's.
			want := *o
			want.Lines = nil
			for _, l := range sh.Lines {
				if l.OrderID == oid {
					ol := o.lineByID(l.LineID)
					if ol == nil {
						continue
					}
					c := *ol
					c.Qty, c.QtyShipped, c.Cancelled = l.Qty, 0, false
					want.Lines = append(want.Lines, c)
				}
			}
			if err := reserveStock(ctx, tx, who, now, &want); err != nil {
				var short *ShortageError
				if errors.As(err, &short) {
					return &ValidationError{Fields: []FieldError{{Field: "stock", Code: CodeShort,
						Message: fmt.Sprintf("not enough stock to send shipment %s again: %s; refund the customer instead", sh.Number, short.Error())}}}
				}
				return err
			}
		}
		first, err := tx.Order(ctx, sh.OrderIDs[0])
		if err != nil {
			return err
		}
		if again.Number, err = shipmentNumber(ctx, tx, first); err != nil {
			return err
		}
		if err := tx.InsertShipment(ctx, again); err != nil {
			return err
		}
		sh.Status = ShipmentClosed
		if err := tx.UpdateShipment(ctx, sh); err != nil {
			return err
		}
		if err := closeProblemTasks(ctx, tx, who, now, sh); err != nil {
			return err
		}
		for _, oid := range sh.OrderIDs {
			if err := record(ctx, tx, who, now, SubjectOrder, oid, "shipment.resent",
				fmt.Sprintf("shipment %s (%s) sent again as %s at no charge", sh.Number, sh.Problem, again.Number),
				nil, map[string]any{"shipment": sh.Number, "resend": again.Number}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return again, nil
}

// RefundShipment settles lost or damaged goods with money back instead
// of a re-send: a refund on the shipment's first order, and the
// shipment is closed.
func (s *Service) RefundShipment(ctx context.Context, id int64, in RefundInput) (*Payment, error) {
	var p problems
	in.TransactionID, in.Reference = cleanText(in.TransactionID), cleanText(in.Reference)
	if in.Amount <= 0 {
		p.add("amount", CodeTooSmall, "enter the amount paid back, more than zero")
	}
	checkAmount(&p, "amount", in.Amount)
	if err := p.err(); err != nil {
		return nil, err
	}
	var pay *Payment
	err := s.write(ctx, func(tx Tx, who Actor, now time.Time) error {
		sh, err := tx.Shipment(ctx, id)
		if err != nil {
			return err
		}
		if !sh.Problem.GoodsGone() || sh.Status == ShipmentClosed {
			return shipmentStateError("refund", sh, "only lost or damaged shipments that are not settled are refunded this way")
		}
		if in.Reference == "" {
			in.Reference = fmt.Sprintf("shipment %s %s", sh.Number, sh.Problem)
		}
		o, err := tx.Order(ctx, sh.OrderIDs[0])
		if err != nil {
			return err
		}
		if pay, err = refund(ctx, tx, who, now, o, in); err != nil {
			return err
		}
		sh.Status = ShipmentClosed
		if err := tx.UpdateShipment(ctx, sh); err != nil {
			return err
		}
		return closeProblemTasks(ctx, tx, who, now, sh)
	})
	if err != nil {
		return nil, err
	}
	return pay, nil
}

// SignOff is the customer's signature for a shipment.
type SignOff struct {
	Signer  string
	At      time.Time // zero: now
	Remarks string    // what the customer noted on inspection
}

// SignOffShipment records the delivery of a shipment. An order whose
// every parcel is signed for is delivered, and completes at once when the
// shop completes on sign-off.
func (s *Service) SignOffShipment(ctx context.Context, id int64, in SignOff) (*Shipment, error) {
	var p problems
	in.Signer, in.Remarks = cleanText(in.Signer), cleanText(in.Remarks)
	requireText(&p, "signer", in.Signer, 1, 60)
	optionalText(&p, "remarks", in.Remarks, 200)
	if err := p.err(); err != nil {
		return nil, err
	}
	var sh *Shipment
	err := s.write(ctx, func(tx Tx, who Actor, now time.Time) error {
		var err error
		if sh, err = tx.Shipment(ctx, id); err != nil {
			return err
		}
		return signOffInTx(ctx, tx, who, now, sh, in)
	})
	if err != nil {
		return nil, err
	}
	return sh, nil
}

func signOffInTx(ctx context.Context, tx Tx, who Actor, now time.Time, sh *Shipment, in SignOff) error {
	if sh.Status != ShipmentShipped {
		return shipmentStateError("sign for", sh, "only shipments on their way are signed for")
	}
	at := now
	if !in.At.IsZero() {
		var tp problems
		checkTime(&tp, "at", in.At, now)
		if in.At.Before(sh.ShippedAt) {
			tp.add("at", CodeInvalid, "the delivery cannot be before the parcel left")
		}
		if err := tp.err(); err != nil {
			return err
		}
		at = in.At.UTC().Truncate(time.Millisecond)
	}
	sh.Status, sh.DeliveredAt, sh.Signer, sh.SignRemarks = ShipmentDelivered, at, in.Signer, in.Remarks
	if sh.Problem != ProblemNone && !sh.Problem.GoodsGone() {
		sh.Problem = ProblemNone
		if err := closeProblemTasks(ctx, tx, who, now, sh); err != nil {
			return err
		}
	}
	if err := tx.UpdateShipment(ctx, sh); err != nil {
		return err
	}
	shop, err := tx.Shop(ctx)
	if err != nil {
		return err
	}
	for _, oid := range sh.OrderIDs {
		o, err := tx.Order(ctx, oid)
		if err != nil {
			return err
		}
		note := fmt.Sprintf("shipment %s signed by %s", sh.Number, in.Signer)
		if in.Remarks != "" {
			note += ": " + in.Remarks
		}
		all, err := tx.OrderShipments(ctx, oid)
		if err != nil {
			return err
		}
		arrived := o.Status == StatusShipped
		for _, x := range all {
			if x.Status == ShipmentShipped || x.Status == ShipmentPacked || x.Status == ShipmentToPack {
				arrived = false
			}
		}
		if !arrived {
			if err := record(ctx, tx, who, now, SubjectOrder, oid, "shipment.delivered", note, nil,
				map[string]any{"shipment": sh.Number, "signer": in.Signer}); err != nil {
				return err
			}
			continue
		}
		if err := stepAndRecord(ctx, tx, who, now, o, ActionDeliver, note); err != nil {
			return err
		}
		if shop.Policy.CompleteOnSignOff {
			if err := stepAndRecord(ctx, tx, who, now, o, ActionComplete, "signed for"); err != nil {
				return err
			}
		}
	}
	return nil
}

// CompleteShippedOrders completes the orders whose last parcel left at
// least the shop's auto-complete days ago. It says how many.
func (s *Service) CompleteShippedOrders(ctx context.Context) (int, error) {
	var ids []int64
	err := s.read(ctx, func(tx Tx) error {
		shop, err := tx.Shop(ctx)
		if err != nil || shop.Policy.AutoCompleteDays <= 0 {
			return err
		}
		ids, err = tx.OrdersShippedBefore(ctx, s.Now().AddDate(0, 0, -shop.Policy.AutoCompleteDays), 10_000)
		return err
	})
	if err != nil {
		return 0, err
	}
	done := 0
	for _, id := range ids {
		if _, err := s.move(ctx, id, ActionComplete, "no complaint within the auto-complete days", nil); err != nil {
			var te *TransitionError
			if errors.As(err, &te) {
				continue // moved on meanwhile
			}
			return done, err
		}
		done++
	}
	return done, nil
}

// Shipment returns one shipment with its lines and packages.
func (s *Service) Shipment(ctx context.Context, id int64) (*Shipment, error) {
	var sh *Shipment
	err := s.read(ctx, func(tx Tx) error {
		var err error
		sh, err = tx.Shipment(ctx, id)
		return err
	})
	return sh, err
}

// ShipmentByNumber finds a shipment by its number.
func (s *Service) ShipmentByNumber(ctx context.Context, number string) (*Shipment, error) {
	var sh *Shipment
	err := s.read(ctx, func(tx Tx) error {
		var err error
		sh, err = tx.ShipmentByNumber(ctx, strings.ToUpper(strings.TrimSpace(number)))
		return err
	})
	return sh, err
}

// OrderShipments lists an order's shipments, oldest first.
func (s *Service) OrderShipments(ctx context.Context, orderID int64) ([]Shipment, error) {
	var out []Shipment
	err := s.read(ctx, func(tx Tx) error {
		var err error
		out, err = tx.OrderShipments(ctx, orderID)
		return err
	})
	return out, err
}

// Shipments lists shipments, for the shipping list and the queues.
func (s *Service) Shipments(ctx context.Context, f ShipmentFilter) ([]Shipment, error) {
	var out []Shipment
	err := s.read(ctx, func(tx Tx) error {
		var err error
		out, err = tx.Shipments(ctx, f)
		return err
	})
	return out, err
}

// StageOrders lists one page of a Fulfilment queue.
func (s *Service) StageOrders(ctx context.Context, stage Stage, limit, offset int) ([]StageRow, int, error) {
	var rows []StageRow
	var total int
	err := s.read(ctx, func(tx Tx) error {
		var err error
		rows, total, err = tx.StageOrders(ctx, stage, limit, offset)
		return err
	})
	return rows, total, err
}

// StageCounts counts every Fulfilment queue.
func (s *Service) StageCounts(ctx context.Context) (map[Stage]int, error) {
	var out map[Stage]int
	err := s.read(ctx, func(tx Tx) error {
		var err error
		out, err = tx.StageCounts(ctx)
		return err
	})
	return out, err
}

// unpackAll cancels the order's shipments that have not left, when the
// order is cancelled before shipping.
func unpackAll(ctx context.Context, tx Tx, o *Order) error {
	list, err := tx.OrderShipments(ctx, o.ID)
	if err != nil {
		return err
	}
	for i := range list {
		if list[i].Status == ShipmentPacked || list[i].Status == ShipmentToPack {
			sh, err := tx.Shipment(ctx, list[i].ID)
			if err != nil {
				return err
			}
			sh.Status = ShipmentCancelled
			if err := tx.UpdateShipment(ctx, sh); err != nil {
				return err
			}
		}
	}
	return nil
}
