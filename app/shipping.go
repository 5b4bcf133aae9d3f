package app

import (
	"context"
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
	err := s.write(ctx, PermFulfil, func(tx Tx, who Actor, now time.Time) error {
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
	return s.changeShipment(ctx, id, PermFulfil, func(tx Tx, who Actor, now time.Time, sh *Shipment) (string, error) {
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
func (s *Service) changeShipment(ctx context.Context, id int64, need Permission,
	work func(tx Tx, who Actor, now time.Time, sh *Shipment) (string, error)) (*Shipment, error) {
	var sh *Shipment
	err := s.write(ctx, need, func(tx Tx, who Actor, now time.Time) error {
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
				"shipment "+sh.Number+": "+what, nil, map[string]any{"shipment": sh.Number, "status": sh.Status,
					"problem": sh.Problem}); err != nil {
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
	err = s.write(ctx, PermFulfil, func(tx Tx, who Actor, now time.Time) error {
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
	if !sh.HandedOver && !sh.Address.Deliverable() {
		return &NoAddressError{Shipment: sh.Number}
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
			if sh.HandedOver {
				action = ActionHandOver
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
	if sh.TrackingNumber == "" && !sh.HandedOver {
		return insertTaskDueIn(ctx, tx, &Task{Kind: TaskRecordWaybill, SubjectKind: SubjectOrder, SubjectID: sh.OrderIDs[0], Ref: sh.Number,
			Title: "Record the tracking number of shipment " + sh.Number, Assignee: RoleWarehouse, CreatedAt: now}, time.Hour)
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
	err = s.write(ctx, PermFulfil, func(tx Tx, who Actor, now time.Time) error {
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
