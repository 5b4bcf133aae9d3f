package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// orderNumber writes R-02's number: prefix + YYYYMM + "-" + at least three
// digits.
func orderNumber(prefix string, at time.Time, seq int64) string {
	return fmt.Sprintf("%s%s-%03d", prefix, at.Local().Format("200601"), seq)
}

// CreateOrder saves a new order as a draft, or, with submit, sends it
// straight to review. A draft may be incomplete; a submitted order may not.
func (s *Service) CreateOrder(ctx context.Context, in OrderInput, submit bool) (*Order, error) {
	var o *Order
	err := s.write(ctx, PermOrders, func(tx Tx, who Actor, now time.Time) error {
		shop, err := tx.Shop(ctx)
		if err != nil {
			return err
		}
		o, err = s.createOrder(ctx, tx, who, now, shop, in, submit, newProductCache(), map[int64]*Customer{})
		return err
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

func (s *Service) createOrder(ctx context.Context, tx Tx, who Actor, now time.Time, shop Shop, in OrderInput, submit bool,
	products *productCache, customers map[int64]*Customer) (*Order, error) {
	o := &Order{Status: StatusDraft, CreatedAt: now, UpdatedAt: now, CreatedBy: who.Name}
	if err := buildOrder(ctx, tx, in, o, submit, shop, products, customers, now); err != nil {
		return nil, err
	}
	if o.PlatformOrderID != "" {
		dup, err := tx.PlatformOrderNumber(ctx, o.Channel, o.PlatformOrderID)
		switch {
		case err != nil:
			return nil, err
		case dup != "":
			return nil, &ValidationError{Fields: []FieldError{{Field: "platform_order_id", Code: CodeDuplicate,
				Message: fmt.Sprintf("this platform order is already order %s", dup)}}}
		}
	}
	seq, err := tx.NextNumber(ctx, "order", o.OrderedAt.Local().Format("200601"))
	if err != nil {
		return nil, err
	}
	o.Number = orderNumber(shop.OrderPrefix, o.OrderedAt, seq)
	if submit {
		o.Status = StatusPendingReview
	}
	if err := tx.InsertOrder(ctx, o); err != nil {
		return nil, err
	}
	summary := "Order " + o.Number + " created as draft"
	if submit {
		summary = "Order " + o.Number + " created and submitted for review"
	}
	if err := record(ctx, tx, who, now, SubjectOrder, o.ID, "order.created", summary, nil, orderSnapshot(o)); err != nil {
		return nil, err
	}
	if submit {
		if _, err := s.reviewOrder(ctx, tx, who, now, shop, o, lookups{products, customers}); err != nil {
			return nil, err
		}
	}
	return o, nil
}

// UpdateOrder stores changes to an order that has not reached the
// warehouse. An allocated order gives its stock back and returns to
// confirmed, to be allocated again for what it now holds. version is the
// one the user opened; if someone saved in between, ErrConflict.
func (s *Service) UpdateOrder(ctx context.Context, id, version int64, in OrderInput) (*Order, error) {
	var o *Order
	err := s.write(ctx, PermOrders, func(tx Tx, who Actor, now time.Time) error {
		var err error
		o, err = tx.Order(ctx, id)
		if err != nil {
			return err
		}
		if o.Version != version {
			return ErrConflict
		}
		if _, err := Step(o.Status, ActionEdit, o.HeldFrom); err != nil {
			return withNumber(err, o)
		}
		if o.shippedAny() {
			return withNumber(&TransitionError{Action: ActionEdit, From: o.Status,
				Reason: "part of the order has already shipped; change the rest through after-sales"}, o)
		}
		shop, err := tx.Shop(ctx)
		if err != nil {
			return err
		}
		before := orderSnapshot(o)
		complete := o.Status != StatusDraft
		if err := buildOrder(ctx, tx, in, o, complete, shop, newProductCache(), map[int64]*Customer{}, now); err != nil {
			return err
		}
		wasAllocated := o.Status == StatusAllocated
		if wasAllocated {
			if err := releaseStock(ctx, tx, who, now, o, "order changed"); err != nil {
				return err
			}
			o.Status = StatusConfirmed
		}
		o.UpdatedAt = now
		if err := tx.UpdateOrder(ctx, o); err != nil {
			return err
		}
		b, a := diffSnapshots(before, orderSnapshot(o))
		if err := record(ctx, tx, who, now, SubjectOrder, o.ID, "order.changed", "Order changed: "+changedKeys(a), b, a); err != nil {
			return err
		}
		// The stock is held again for what the order now holds, when it
		// is all there; else it waits to be allocated.
		if !wasAllocated {
			return nil
		}
		covered, err := coverable(ctx, tx, o, nil)
		if err != nil || !covered {
			return err
		}
		if err := reserveStock(ctx, tx, who, now, o); err != nil {
			return err
		}
		return stepAndRecord(ctx, tx, who, now, o, ActionAllocate, "allocated again after the change")
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// CheckOrder validates an order as CreateOrder (orderID 0) or UpdateOrder
// would, without saving: a form checks again as the user mends it, so a
// problem goes as soon as it is fixed. complete asks what submitting asks.
func (s *Service) CheckOrder(ctx context.Context, orderID int64, in OrderInput, complete bool) error {
	return s.store.Read(ctx, func(tx Tx) error {
		shop, err := tx.Shop(ctx)
		if err != nil {
			return err
		}
		o := &Order{Status: StatusDraft}
		if orderID != 0 {
			if o, err = tx.Order(ctx, orderID); err != nil {
				return err
			}
			complete = complete || o.Status != StatusDraft
		}
		return buildOrder(ctx, tx, in, o, complete, shop, newProductCache(), map[int64]*Customer{}, s.Now())
	})
}

// Order returns one order with its lines.
func (s *Service) Order(ctx context.Context, id int64) (*Order, error) {
	var o *Order
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		o, err = tx.Order(ctx, id)
		return err
	})
	return o, err
}

// OrderByNumber returns the order with that number (a scanned barcode).
func (s *Service) OrderByNumber(ctx context.Context, number string) (*Order, error) {
	var o *Order
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		o, err = tx.OrderByNumber(ctx, strings.TrimSpace(number))
		return err
	})
	return o, err
}

// SearchOrders finds orders, one page at a time.
func (s *Service) SearchOrders(ctx context.Context, q OrderQuery) (OrderPage, error) {
	if q.Limit <= 0 || q.Limit > 1000 {
		q.Limit = 100
	}
	var page OrderPage
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		page, err = tx.SearchOrders(ctx, q)
		return err
	})
	return page, err
}

// CountOrders is the number of orders in the shop.
func (s *Service) CountOrders(ctx context.Context) (int64, error) {
	var n int64
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		n, err = tx.CountOrders(ctx)
		return err
	})
	return n, err
}

// History returns a subject's events, oldest first.
func (s *Service) History(ctx context.Context, kind SubjectKind, id int64) ([]Event, error) {
	var list []Event
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		list, err = tx.Events(ctx, kind, id)
		return err
	})
	return list, err
}

// Tasks lists the work queue.
func (s *Service) Tasks(ctx context.Context, f TaskFilter) ([]Task, error) {
	var list []Task
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		list, err = tx.Tasks(ctx, f)
		return err
	})
	return list, err
}

// withNumber puts the order number into a transition error.
func withNumber(err error, o *Order) error {
	var te *TransitionError
	if errors.As(err, &te) {
		te.Order = o.Number
	}
	return err
}

// orderSnapshot is what the history keeps of an order's editable state.
func orderSnapshot(o *Order) map[string]any {
	lines := make([]string, len(o.Lines))
	for i, l := range o.Lines {
		lines[i] = fmt.Sprintf("%s×%d@%d-%d", l.SKU, l.Qty, l.UnitPrice, l.Discount)
	}
	return map[string]any{
		"channel": o.Channel, "platform_order_id": o.PlatformOrderID, "customer_id": o.CustomerID,
		"recipient": o.RecipientName, "phone": o.RecipientPhone, "address": o.Address.OneLine(),
		"postcode": o.Address.Postcode, "country": o.Address.Country,
		"lines": strings.Join(lines, ", "), "shipping_fee": o.ShippingFee, "coupon": o.CouponCode,
		"order_discount": o.OrderDiscount, "payable": o.Payable, "payment_method": o.PaymentMethod,
		"urgency": o.Delivery.Urgency, "time_slot": o.Delivery.TimeSlot, "expected": dateOrEmpty(o.Delivery.ExpectedDate),
		"special_request": o.SpecialRequest, "invoice": o.Invoice, "notes": o.Notes, "status": o.Status,
		"ordered_at": o.OrderedAt.Format(time.RFC3339),
	}
}

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// diffSnapshots keeps only the fields that changed.
func diffSnapshots(before, after map[string]any) (map[string]any, map[string]any) {
	b, a := map[string]any{}, map[string]any{}
	for k, v := range after {
		if fmt.Sprint(before[k]) != fmt.Sprint(v) {
			b[k], a[k] = before[k], v
		}
	}
	return b, a
}

func changedKeys(m map[string]any) string {
	if len(m) == 0 {
		return "nothing"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return strings.Join(keys, ", ")
}
