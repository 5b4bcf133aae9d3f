package app

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Service is the shop's use cases. Each public method is one transaction
// that validates, writes and records an event saying who did it and when.
type Service struct {
	store Store
	now   func() time.Time
	passwordState
}

// NewService returns the services over a store, with the wall clock.
func NewService(store Store) *Service {
	return &Service{store: store, now: time.Now}
}

// WithClock replaces the clock, for tests and for replaying history.
func (s *Service) WithClock(now func() time.Time) *Service {
	s.now = now
	return s
}

// Now is the service's clock, in UTC and to the millisecond, the precision
// the store keeps.
func (s *Service) Now() time.Time { return s.now().UTC().Truncate(time.Millisecond) }

type actorKey struct{}

// Actor is who is making a change, as the history names them.
type Actor struct {
	Name string
	Role Role
}

// WithActor returns a context that says who acts in service calls made
// with it. Every change needs one.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns who acts, or ErrNoActor.
func ActorFrom(ctx context.Context) (Actor, error) {
	a, ok := ctx.Value(actorKey{}).(Actor)
	if !ok || a.Name == "" {
		return Actor{}, ErrNoActor
	}
	return a, nil
}

// write runs fn in one write transaction, with the actor and the time of
// the change, so every service reads the same way; an actor whose role
// lacks the permission the change needs is refused first.
func (s *Service) write(ctx context.Context, need Permission, fn func(tx Tx, who Actor, now time.Time) error) error {
	who, err := allow(ctx, need)
	if err != nil {
		return err
	}
	now := s.Now()
	return s.store.Write(ctx, func(tx Tx) error { return fn(tx, who, now) })
}

// read runs fn on a consistent snapshot.
func (s *Service) read(ctx context.Context, fn func(tx Tx) error) error {
	return s.store.Read(ctx, fn)
}

// record appends one event to a subject's history.
func record(ctx context.Context, tx Tx, who Actor, now time.Time, kind SubjectKind, id int64, action, summary string, before, after any) error {
	e := &Event{At: now, Actor: who.Name, SubjectKind: kind, SubjectID: id, Action: action, Summary: summary}
	if before != nil {
		e.Before = toJSON(before)
	}
	if after != nil {
		e.After = toJSON(after)
	}
	if err := tx.InsertEvent(ctx, e); err != nil {
		return fmt.Errorf("record %s: %w", action, err)
	}
	return nil
}

func toJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%q", fmt.Sprint(v))
	}
	return string(b)
}

// Shop returns the shop's settings.
func (s *Service) Shop(ctx context.Context) (Shop, error) {
	var shop Shop
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		shop, err = tx.Shop(ctx)
		return err
	})
	return shop, err
}

// SaveShop changes the shop's settings.
func (s *Service) SaveShop(ctx context.Context, shop Shop) error {
	if err := validateShop(&shop); err != nil {
		return err
	}
	return s.write(ctx, PermSettings, func(tx Tx, who Actor, now time.Time) error {
		old, err := tx.Shop(ctx)
		if err != nil {
			return err
		}
		if old.Currency.Code != "" && old.Currency.Code != shop.Currency.Code {
			n, err := tx.CountOrders(ctx)
			if err != nil {
				return err
			}
			if n > 0 {
				return &ValidationError{Fields: []FieldError{{Field: "currency", Code: CodeInvalid,
					Message: "the currency cannot change once orders exist: their amounts are in " + old.Currency.Code}}}
			}
		}
		if err := tx.SaveShop(ctx, shop); err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectShop, 0, "shop.saved", "Shop settings changed", old, shop)
	})
}
