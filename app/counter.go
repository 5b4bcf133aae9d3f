package app

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// NoAddressError refuses a courier parcel or a shipping label for a
// shipment with nowhere to go: a walk-in's order is handed over at the
// counter instead.
type NoAddressError struct {
	Shipment string // the shipment's number, or several joined by commas
}

func (e *NoAddressError) Error() string {
	what := "shipment " + e.Shipment + " has"
	if strings.Contains(e.Shipment, ",") {
		what = "shipments " + e.Shipment + " have"
	}
	return fmt.Sprintf("%s no delivery address: hand it over at the counter, or give the order an address before it is picked", what)
}

// CollectedAtCounter reports whether the order is handed over at the
// counter rather than sent: a walk-in's order, or any order without an
// address a courier could find.
func (o *Order) CollectedAtCounter() bool {
	return o.Channel == ChannelWalkIn || !o.Address.Deliverable()
}

// HandOver gives the customer at the counter everything held for the
// order (R-39 for a parcel the customer takes away): the boxes already
// packed for it and whatever is held but not boxed leave the stock ledger
// as one or more shipments marked handed over, signed for by receivedBy
// at once. No label, courier or tracking number is asked for. Every
// outstanding unit must be held: what is not in stock yet cannot be
// handed over.
func (s *Service) HandOver(ctx context.Context, id int64, receivedBy string) (*Order, error) {
	var p problems
	receivedBy = cleanText(receivedBy)
	requireText(&p, "signer", receivedBy, 1, 60)
	if err := p.err(); err != nil {
		return nil, err
	}
	err := s.write(ctx, PermFulfil, func(tx Tx, who Actor, now time.Time) error {
		o, err := tx.Order(ctx, id)
		if err != nil {
			return err
		}
		if _, err := Step(o.Status, ActionHandOver, o.HeldFrom); err != nil {
			return withNumber(err, o)
		}
		held, err := heldFor(ctx, tx, o)
		if err != nil {
			return err
		}
		var short problems
		for i, l := range o.Lines {
			if missing := l.Outstanding() - held[l.ID]; missing > 0 {
				short.add(fmt.Sprintf("lines[%d].qty", i), CodeTooLarge,
					"%s: %d not held for this order yet; allocate the stock before handing it over", l.SKU, missing)
			}
		}
		if err := short.err(); err != nil {
			return err
		}
		list, err := tx.OrderShipments(ctx, id)
		if err != nil {
			return err
		}
		var boxes []*Shipment
		for i := range list {
			if list[i].Status == ShipmentPacked && list[i].ResendOf == 0 {
				sh, err := tx.Shipment(ctx, list[i].ID)
				if err != nil {
					return err
				}
				boxes = append(boxes, sh)
			}
		}
		packed, err := unshippedPacked(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, l := range o.Lines {
			if held[l.ID] > packed[l.ID] {
				// Held but not boxed: it goes in a shipment of its own.
				sh, err := packInTx(ctx, tx, who, now, PackInput{OrderIDs: []int64{id}}, nil, false)
				if err != nil {
					return err
				}
				boxes = append(boxes, sh)
				break
			}
		}
		for _, sh := range boxes {
			sh.HandedOver = true
			if err := shipInTx(ctx, tx, who, now, sh, ShipInput{}, false); err != nil {
				return err
			}
			if err := signOffInTx(ctx, tx, who, now, sh, SignOff{Signer: receivedBy, Remarks: "handed over at the counter"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.Order(ctx, id)
}
