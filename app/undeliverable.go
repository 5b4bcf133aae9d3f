package app

import (
	"context"
	"fmt"
	"time"
)

// ReturnToSender starts bringing back a parcel the customer refused or
// could not be reached for: the shipment is marked returned and
// each of its orders gets an undeliverable case, approved, whose goods
// are received and inspected like any return. A task asks to reach the
// customer meanwhile.
func (s *Service) ReturnToSender(ctx context.Context, shipmentID int64, note string) ([]Case, error) {
	note = cleanText(note)
	var p problems
	optionalText(&p, "note", note, 200)
	if err := p.err(); err != nil {
		return nil, err
	}
	var cases []Case
	err := s.write(ctx, PermAfterSales, func(tx Tx, who Actor, now time.Time) error {
		sh, err := tx.Shipment(ctx, shipmentID)
		if err != nil {
			return err
		}
		if sh.Status != ShipmentShipped || (sh.Problem != ProblemRefused && sh.Problem != ProblemUnreachable && sh.Problem != ProblemFailed) {
			return shipmentStateError("return", sh, "only parcels on their way that were refused, failed or found nobody come back this way")
		}
		if sh.ResendOf != 0 {
			return shipmentStateError("return", sh, "a re-sent parcel comes back through a return case of its order")
		}
		for _, oid := range sh.OrderIDs {
			o, err := tx.Order(ctx, oid)
			if err != nil {
				return err
			}
			c := &Case{OrderID: o.ID, Order: o.Number, Kind: CaseUndeliverable, Reason: ReasonUndelivered, Status: CaseApproved,
				Details: fmt.Sprintf("shipment %s %s: %s", sh.Number, sh.Problem, note), ShipmentID: sh.ID, WithinWindow: true,
				ShopPaysShipping: true, RequestedAt: now, DecidedAt: now, CreatedBy: who.Name}
			var lines []CaseLineInput
			for _, l := range sh.Lines {
				if l.OrderID == oid {
					lines = append(lines, CaseLineInput{LineID: l.LineID, Qty: l.Qty})
				}
			}
			if err := caseLines(ctx, tx, o, c, lines, 0); err != nil {
				return err
			}
			seq, err := tx.NextNumber(ctx, "case", now.Local().Format("200601"))
			if err != nil {
				return err
			}
			c.Number = caseNumber(now, seq)
			if err := tx.InsertCase(ctx, c); err != nil {
				return err
			}
			if err := insertTaskDueIn(ctx, tx, &Task{Kind: TaskUndeliverable, SubjectKind: SubjectCase, SubjectID: c.ID, Ref: c.Number,
				Title:    fmt.Sprintf("Parcel %s of order %s is coming back: reach the customer", sh.Number, o.Number),
				Assignee: RoleService, CreatedAt: now}, 2*time.Hour); err != nil {
				return err
			}
			if err := recordCase(ctx, tx, who, now, c, "case.opened",
				fmt.Sprintf("parcel %s comes back (%s): case %s", sh.Number, sh.Problem, c.Number)); err != nil {
				return err
			}
			cases = append(cases, *c)
		}
		sh.Status = ShipmentReturned
		if err := tx.UpdateShipment(ctx, sh); err != nil {
			return err
		}
		return closeProblemTasks(ctx, tx, who, now, sh)
	})
	if err != nil {
		return nil, err
	}
	return cases, nil
}
