package app

import (
	"context"
	"fmt"
	"time"
)

// ContactChannel is how the shop and the customer spoke.
type ContactChannel string

const (
	ContactPhone ContactChannel = "phone"
	ContactEmail ContactChannel = "email"
	ContactChat  ContactChannel = "chat"
	ContactSMS   ContactChannel = "sms"
)

// ContactChannels lists every contact channel.
func ContactChannels() []ContactChannel {
	return []ContactChannel{ContactPhone, ContactEmail, ContactChat, ContactSMS}
}

// LogContact records a conversation with the customer about an order in
// its history (R-10: every contact is logged on the order).
func (s *Service) LogContact(ctx context.Context, orderID int64, via ContactChannel, note string) error {
	var p problems
	note = cleanMultiline(note)
	switch via {
	case ContactPhone, ContactEmail, ContactChat, ContactSMS:
	default:
		p.add("channel", CodeInvalid, "choose phone, e-mail, chat or SMS")
	}
	requireText(&p, "note", note, 2, 1000)
	if err := p.err(); err != nil {
		return err
	}
	return s.write(ctx, PermOrders, func(tx Tx, who Actor, now time.Time) error {
		o, err := tx.Order(ctx, orderID)
		if err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectOrder, o.ID, "order.contact",
			fmt.Sprintf("Contact by %s: %s", via, note), nil, map[string]any{"channel": via, "note": note})
	})
}
