package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// FindingKind names a review rule.
type FindingKind string

const (
	FindMissing         FindingKind = "missing"            // a detail needed to fulfil is missing
	FindRemoteArea      FindingKind = "remote_area"        // the address is on the remote-area list
	FindUnusualQuantity FindingKind = "unusual_quantity"   // far above what this customer usually takes
	FindAfterCutOff     FindingKind = "after_cutoff"       // urgent, but the day's cut-off has passed
	FindDateInfeasible  FindingKind = "date_infeasible"    // the promised date cannot be met
	FindBelowFloor      FindingKind = "below_floor"        // a unit price under the product's floor
	FindLargeDiscount   FindingKind = "large_discount"     // more discount than the policy allows
	FindOverCredit      FindingKind = "over_credit"        // over the customer's credit limit
	FindNewCustomer     FindingKind = "new_customer_large" // a first order of a large amount
	FindDuplicate       FindingKind = "duplicate"          // looks like an order already taken
	FindCoupon          FindingKind = "coupon"             // a coupon the shop does not honour
	FindSecondCheck     FindingKind = "second_check"       // hand-entered, the shop wants a second person
)

// FindingKinds lists every rule.
func FindingKinds() []FindingKind {
	return []FindingKind{FindMissing, FindRemoteArea, FindUnusualQuantity, FindAfterCutOff, FindDateInfeasible,
		FindBelowFloor, FindLargeDiscount, FindOverCredit, FindNewCustomer, FindDuplicate, FindCoupon, FindSecondCheck}
}

// Finding is one thing a rule noticed, said as a sentence with its reason.
// Params carry the sentence's values so screens can say it in the user's
// language; Message is the English sentence.
type Finding struct {
	Kind    FindingKind
	Line    int // 1-based order line, 0 for the whole order
	Params  map[string]string
	Message string
}

// ReviewDecision is what became of a reviewed order.
type ReviewDecision string

const (
	DecisionNone     ReviewDecision = ""         // waiting for a supervisor
	DecisionAuto     ReviewDecision = "auto"     // nothing found, confirmed by the rules
	DecisionApproved ReviewDecision = "approved" // a supervisor confirmed it
	DecisionHeld     ReviewDecision = "held"
	DecisionRejected ReviewDecision = "rejected"
)

// Review is an order's latest check and the decision on it.
type Review struct {
	OrderID    int64
	CheckedAt  time.Time
	Findings   []Finding
	Decision   ReviewDecision
	Opinion    string
	Reviewer   string
	ReviewedAt time.Time
}

// Has reports whether a rule of that kind fired.
func (r *Review) Has(k FindingKind) bool {
	return slices.ContainsFunc(r.Findings, func(f Finding) bool { return f.Kind == k })
}

// ReviewRepo keeps reviews and answers the rules' questions about a
// customer's other orders.
type ReviewRepo interface {
	SaveReview(ctx context.Context, r *Review) error
	Review(ctx context.Context, orderID int64) (*Review, error)
	// ReviewQueue lists the orders waiting in review, oldest first.
	ReviewQueue(ctx context.Context, limit, offset int) ([]ReviewRow, int, error)
	// UsualQuantities is the average quantity of each product on the
	// customer's recent other orders (cancelled ones left out).
	UsualQuantities(ctx context.Context, customerID, exceptOrder int64) (map[int64]float64, error)
	// CustomerHistory counts the customer's other orders (not cancelled)
	// and sums what they still owe on them.
	CustomerHistory(ctx context.Context, customerID, exceptOrder int64) (orders int, owing Money, err error)
	// NearbyGoods lists the other orders (not cancelled) of the customer,
	// or to the phone, placed in [from, to), with what they hold.
	NearbyGoods(ctx context.Context, customerID int64, phoneDigits string, from, to time.Time, exceptOrder int64) ([]OrderGoods, error)
}

// OrderGoods is an order's number with its products and quantities, for
// the duplicate rule.
type OrderGoods struct {
	Number string
	Kind   OrderKind
	Lines  []GoodsLine
}

// GoodsLine is a product and its quantity on an order.
type GoodsLine struct {
	ProductID int64
	Qty       int64
}

// ReviewRow is one order in the review inbox with its findings.
type ReviewRow struct {
	Order    OrderRow
	Findings []Finding
}

// finding builds a Finding from its English sentence and its values.
func finding(kind FindingKind, line int, params map[string]string, format string, args ...any) Finding {
	return Finding{Kind: kind, Line: line, Params: params, Message: fmt.Sprintf(format, args...)}
}

// checkOrder runs the completeness check and every anomaly rule (R-10,
// R-11) on an order about to be reviewed. now is when the check runs.
func checkOrder(ctx context.Context, tx Tx, shop Shop, o *Order, now time.Time, look lookups) ([]Finding, error) {
	var out []Finding
	cur := shop.Currency
	pol := shop.Policy

	var p problems
	in := InputFromOrder(o)
	in.validateComplete(&p)
	if o.RecipientPhone != "" {
		checkPhone(&p, "recipient.phone", o.RecipientPhone, o.Address.Country)
	}
	for _, f := range p.list {
		out = append(out, finding(FindMissing, 0, map[string]string{"Field": f.Field, "Detail": f.Message},
			"%s: %s", f.Field, f.Message))
	}

	if area := remoteArea(pol.RemoteAreas, o.Address); area != "" {
		out = append(out, finding(FindRemoteArea, 0, map[string]string{"Area": area},
			"%s is on the remote-area list", area))
	}

	if o.Delivery.Urgency == UrgencyUrgent {
		if cut, err := ParseClock(pol.CutOff); err == nil {
			local := now.Local()
			if local.Hour()*60+local.Minute() >= cut {
				out = append(out, finding(FindAfterCutOff, 0, map[string]string{"CutOff": pol.CutOff},
					"urgent after today's %s cut-off", pol.CutOff))
			}
		}
	}
	if !o.Delivery.ExpectedDate.IsZero() {
		earliest := EarliestShipDay(shop, now)
		want := o.Delivery.ExpectedDate.Local()
		if dayOf(want).Before(dayOf(earliest)) {
			out = append(out, finding(FindDateInfeasible, 0,
				map[string]string{"Date": want.Format("2006-01-02"), "Earliest": earliest.Format("2006-01-02")},
				"delivery by %s cannot be met: the earliest it can ship is %s", want.Format("2006-01-02"), earliest.Format("2006-01-02")))
		}
	}

	var usual map[int64]float64
	if o.CustomerID != 0 && pol.QuantityFactor > 0 {
		var err error
		if usual, err = tx.UsualQuantities(ctx, o.CustomerID, o.ID); err != nil {
			return nil, err
		}
	}
	var lineDiscounts Money
	for i, l := range o.Lines {
		lineDiscounts += l.Discount
		if !l.Kind.Stocked() {
			continue
		}
		prod, err := look.products.get(ctx, tx, l.ProductID, "")
		if err != nil {
			return nil, err
		}
		if l.Qty > 0 && prod.FloorPrice > 0 {
			// The floor is per unit, after the line's discount.
			net := l.Subtotal() / Money(l.Qty)
			if net < prod.FloorPrice {
				out = append(out, finding(FindBelowFloor, i+1,
					map[string]string{"SKU": l.SKU, "Price": cur.Format(net), "Floor": cur.Format(prod.FloorPrice)},
					"%s: price %s below floor %s", l.SKU, cur.Format(net), cur.Format(prod.FloorPrice)))
			}
		}
		if avg, ok := usual[l.ProductID]; ok {
			usual := int64(avg + 0.5)
			if usual > 0 && l.Qty >= usual*int64(pol.QuantityFactor) {
				times := l.Qty / usual
				out = append(out, finding(FindUnusualQuantity, i+1,
					map[string]string{"SKU": l.SKU, "Qty": strconv.FormatInt(l.Qty, 10), "Times": strconv.FormatInt(times, 10),
						"Usual": strconv.FormatInt(usual, 10)},
					"%s: quantity %d is %d× this customer's usual %d", l.SKU, l.Qty, times, usual))
			}
		}
	}
	if goods := o.GoodsTotal + lineDiscounts; goods > 0 && pol.MaxDiscountPercent < 100 {
		discount := lineDiscounts + o.OrderDiscount
		if discount*100 > goods*Money(pol.MaxDiscountPercent) {
			pct := strconv.FormatInt(int64(discount*100/goods), 10)
			out = append(out, finding(FindLargeDiscount, 0,
				map[string]string{"Discount": cur.Format(discount), "Percent": pct, "Max": strconv.Itoa(pol.MaxDiscountPercent)},
				"discount %s is %s%% of the goods, above the %d%% allowed", cur.Format(discount), pct, pol.MaxDiscountPercent))
		}
	}
	if o.CouponCode != "" && !slices.Contains(pol.Coupons, strings.ToUpper(o.CouponCode)) {
		out = append(out, finding(FindCoupon, 0, map[string]string{"Code": o.CouponCode},
			"coupon %s is not one the shop honours", o.CouponCode))
	}

	if o.CustomerID != 0 {
		c, ok := look.customers[o.CustomerID]
		if !ok {
			var err error
			if c, err = tx.Customer(ctx, o.CustomerID); err != nil {
				return nil, err
			}
			look.customers[o.CustomerID] = c
		}
		earlier, owing, err := tx.CustomerHistory(ctx, o.CustomerID, o.ID)
		if err != nil {
			return nil, err
		}
		if c.CreditLimit > 0 && o.PaymentMethod == PayCredit {
			if exposure := owing + o.Outstanding(); exposure > c.CreditLimit {
				over := exposure - c.CreditLimit
				out = append(out, finding(FindOverCredit, 0,
					map[string]string{"Over": cur.Format(over), "Limit": cur.Format(c.CreditLimit)},
					"over credit limit by %s (limit %s)", cur.Format(over), cur.Format(c.CreditLimit)))
			}
		}
		if earlier == 0 && pol.LargeOrder > 0 && o.Payable >= pol.LargeOrder {
			out = append(out, finding(FindNewCustomer, 0,
				map[string]string{"Amount": cur.Format(o.Payable), "Threshold": cur.Format(pol.LargeOrder)},
				"new customer with a large order: %s (flagged from %s)", cur.Format(o.Payable), cur.Format(pol.LargeOrder)))
		}
	}
	if dup, err := likelyDuplicate(ctx, tx, o); err != nil {
		return nil, err
	} else if dup != "" {
		out = append(out, finding(FindDuplicate, 0, map[string]string{"Number": dup}, "looks like a duplicate of %s", dup))
	}
	if pol.SecondCheck && o.Channel.HandEntered() {
		out = append(out, finding(FindSecondCheck, 0, nil, "hand-entered: a second person checks it"))
	}
	return out, nil
}

// lookups caches what the rules read again and again in one transaction
// (a bulk import sees the same products and customers many times).
type lookups struct {
	products  *productCache
	customers map[int64]*Customer
}

// remoteArea returns the list entry the address falls under, if any.
func remoteArea(areas []string, a Address) string {
	for _, area := range areas {
		for _, part := range []string{a.Province, a.City, a.District} {
			if part != "" && (strings.HasPrefix(part, area) || strings.HasPrefix(area, part)) {
				return area
			}
		}
	}
	return ""
}

// EarliestShipDay is today if the cut-off has not passed and the shop
// works today, else the next working day: what a confirmation promises.
func EarliestShipDay(shop Shop, now time.Time) time.Time {
	local := now.Local()
	cut, err := ParseClock(shop.Policy.CutOff)
	if err == nil && shop.Calendar.WorkingDay(local) && local.Hour()*60+local.Minute() < cut {
		return local
	}
	return shop.Calendar.NextWorkingDay(local)
}

func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// likelyDuplicate finds an order of the same customer or to the same
// phone within a day either side with exactly the same goods.
func likelyDuplicate(ctx context.Context, tx Tx, o *Order) (string, error) {
	phone := PhoneDigits(o.RecipientPhone)
	if o.CustomerID == 0 && phone == "" {
		return "", nil
	}
	others, err := tx.NearbyGoods(ctx, o.CustomerID, phone, o.OrderedAt.Add(-24*time.Hour), o.OrderedAt.Add(24*time.Hour), o.ID)
	if err != nil {
		return "", err
	}
	mine := make([]GoodsLine, len(o.Lines))
	for i, l := range o.Lines {
		mine[i] = GoodsLine{l.ProductID, l.Qty}
	}
	key := goodsKey(mine)
	for _, other := range others {
		if other.Kind == o.Kind && goodsKey(other.Lines) == key {
			return other.Number, nil
		}
	}
	return "", nil
}

// goodsKey writes products and quantities in a fixed order.
func goodsKey(lines []GoodsLine) string {
	parts := make([]string, 0, len(lines))
	for _, l := range lines {
		parts = append(parts, fmt.Sprintf("%d×%d", l.ProductID, l.Qty))
	}
	slices.Sort(parts)
	return strings.Join(parts, ",")
}

// reviewOrder checks an order that has just reached pending review. With
// nothing found and the shop allowing it, the order is confirmed at once;
// otherwise it waits in the inbox, and missing details open a "contact
// customer" task.
func (s *Service) reviewOrder(ctx context.Context, tx Tx, who Actor, now time.Time, shop Shop, o *Order,
	look lookups) (*Review, error) {
	if look.products == nil {
		look.products = newProductCache()
	}
	if look.customers == nil {
		look.customers = map[int64]*Customer{}
	}
	findings, err := checkOrder(ctx, tx, shop, o, now, look)
	if err != nil {
		return nil, err
	}
	if findings == nil {
		findings = []Finding{}
	}
	r := &Review{OrderID: o.ID, CheckedAt: now, Findings: findings}
	if err := record(ctx, tx, who, now, SubjectOrder, o.ID, "order.checked", reviewSummary(findings), nil,
		map[string]any{"findings": findings}); err != nil {
		return nil, err
	}
	if r.Has(FindMissing) {
		if err := tx.InsertTask(ctx, &Task{Kind: TaskContactCustomer, SubjectKind: SubjectOrder, SubjectID: o.ID, Ref: o.Number,
			Title:    "Ask the customer for the missing details of order " + o.Number,
			Due:      shop.Calendar.AddWorking(now, time.Duration(shop.Policy.ContactWithinMinutes)*time.Minute),
			Assignee: RoleService, CreatedAt: now}); err != nil {
			return nil, err
		}
	}
	if len(findings) == 0 && shop.Policy.AutoConfirm {
		r.Decision, r.Reviewer, r.ReviewedAt = DecisionAuto, who.Name, now
		// The note is left empty: the history shows it in the reader's
		// language, after the check's own "nothing found".
		if err := confirmOrder(ctx, tx, who, now, shop, o, "", look.customers); err != nil {
			return nil, err
		}
	}
	return r, tx.SaveReview(ctx, r)
}

func reviewSummary(findings []Finding) string {
	if len(findings) == 0 {
		return "Review: nothing found"
	}
	msgs := make([]string, len(findings))
	for i, f := range findings {
		msgs[i] = f.Message
	}
	return fmt.Sprintf("Review: %d finding(s): %s", len(findings), strings.Join(msgs, "; "))
}

// confirmOrder moves a pending order to confirmed inside a running
// transaction and opens the follow-up tasks of; note is the
// supervisor's opinion, if any.
func confirmOrder(ctx context.Context, tx Tx, who Actor, now time.Time, shop Shop, o *Order, note string,
	customers map[int64]*Customer) error {
	if err := setDueDate(ctx, tx, now, o, customers); err != nil {
		return err
	}
	if err := stepAndRecord(ctx, tx, who, now, o, ActionConfirm, note); err != nil {
		return err
	}
	return openConfirmTasks(ctx, tx, now, shop, o)
}

// openConfirmTasks: the confirmation letter is due within 2 working hours
// an unpaid order (not cash on delivery or on credit) gets a
// payment reminder after an hour and a call after a day.
func openConfirmTasks(ctx context.Context, tx Tx, now time.Time, shop Shop, o *Order) error {
	tasks := []Task{{Kind: TaskSendConfirmation, Title: "Send the confirmation of order " + o.Number,
		Due: shop.Calendar.AddWorking(now, 2*time.Hour), Assignee: RoleService}}
	if o.PaysFirst() {
		tasks = append(tasks,
			Task{Kind: TaskPaymentReminder, Title: "Remind the customer to pay order " + o.Number, Due: now.Add(time.Hour), Assignee: RoleService},
			Task{Kind: TaskPaymentContact, Title: "Call the customer: order " + o.Number + " is still unpaid", Due: now.Add(24 * time.Hour), Assignee: RoleService})
	}
	for i := range tasks {
		t := &tasks[i]
		t.SubjectKind, t.SubjectID, t.Ref, t.CreatedAt = SubjectOrder, o.ID, o.Number, now
		if err := tx.InsertTask(ctx, t); err != nil {
			return err
		}
	}
	return nil
}

// Review returns an order's latest review (ErrNotFound if it was never
// checked).
func (s *Service) Review(ctx context.Context, orderID int64) (*Review, error) {
	var r *Review
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		r, err = tx.Review(ctx, orderID)
		return err
	})
	return r, err
}

// ReviewQueue lists the review inbox.
func (s *Service) ReviewQueue(ctx context.Context, limit, offset int) ([]ReviewRow, int, error) {
	var rows []ReviewRow
	var total int
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		rows, total, err = tx.ReviewQueue(ctx, limit, offset)
		return err
	})
	return rows, total, err
}

// Recheck runs the rules again on an order waiting in review, after it
// was corrected.
func (s *Service) Recheck(ctx context.Context, id int64) (*Review, error) {
	var r *Review
	err := s.write(ctx, PermReview, func(tx Tx, who Actor, now time.Time) error {
		o, err := tx.Order(ctx, id)
		if err != nil {
			return err
		}
		if o.Status != StatusPendingReview {
			return withNumber(&TransitionError{Action: ActionConfirm, From: o.Status, Reason: "only an order waiting in review is checked"}, o)
		}
		shop, err := tx.Shop(ctx)
		if err != nil {
			return err
		}
		if _, err := tx.CloseTasks(ctx, TaskContactCustomer, SubjectOrder, o.ID, now, who.Name); err != nil {
			return err
		}
		r, err = s.reviewOrder(ctx, tx, who, now, shop, o, lookups{})
		return err
	})
	return r, err
}

// Approve confirms a flagged order with the supervisor's opinion. When the
// shop wants a second check of hand-entered orders, the person who
// entered the order cannot approve it.
func (s *Service) Approve(ctx context.Context, id int64, opinion string) (*Order, error) {
	opinion = cleanMultiline(opinion)
	var p problems
	optionalText(&p, "opinion", opinion, 500)
	if err := p.err(); err != nil {
		return nil, err
	}
	var o *Order
	err := s.write(ctx, PermReview, func(tx Tx, who Actor, now time.Time) error {
		var err error
		if o, err = tx.Order(ctx, id); err != nil {
			return err
		}
		shop, err := tx.Shop(ctx)
		if err != nil {
			return err
		}
		r, err := tx.Review(ctx, id)
		switch {
		case err == nil:
		case errors.Is(err, ErrNotFound):
			r = &Review{OrderID: id, CheckedAt: now}
		default:
			return err
		}
		if r.Has(FindSecondCheck) && shop.Policy.SecondCheck && who.Name == o.CreatedBy {
			return &ValidationError{Fields: []FieldError{{Field: "reviewer", Code: CodeInvalid,
				Message: fmt.Sprintf("%s entered order %s; a second person must check it", who.Name, o.Number)}}}
		}
		// The supervisor's own words are the step's note.
		if err := confirmOrder(ctx, tx, who, now, shop, o, opinion, map[int64]*Customer{}); err != nil {
			return err
		}
		if _, err := tx.CloseTasks(ctx, TaskContactCustomer, SubjectOrder, o.ID, now, who.Name); err != nil {
			return err
		}
		r.Decision, r.Opinion, r.Reviewer, r.ReviewedAt = DecisionApproved, opinion, who.Name, now
		return tx.SaveReview(ctx, r)
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// decide records a supervisor's hold or reject on the order's review.
func decide(ctx context.Context, tx Tx, who Actor, now time.Time, orderID int64, d ReviewDecision, opinion string) error {
	r, err := tx.Review(ctx, orderID)
	switch {
	case err == nil:
	case errors.Is(err, ErrNotFound):
		return nil // never checked by the rules: nothing to note
	default:
		return err
	}
	r.Decision, r.Opinion, r.Reviewer, r.ReviewedAt = d, opinion, who.Name, now
	return tx.SaveReview(ctx, r)
}

// LineAvailability says whether a line's goods are there.
type LineAvailability struct {
	Line      int // 1-based
	SKU       string
	Qty       int64
	State     StockState
	Available int64            // in all warehouses together
	Best      string           // warehouse code that has the most
	ByHouse   map[string]int64 // available per warehouse code
	Transfers map[string]int64 // when State is transfer: what to move from where
}

// StockState is a line's stock at review.
type StockState string

const (
	StockInStock  StockState = "in_stock" // one warehouse has it all
	StockTransfer StockState = "transfer" // together the warehouses have it
	StockShort    StockState = "short"
	StockNone     StockState = "not_stocked" // a charge, nothing to pick
)

// Availability checks each line of an order against the stock.
func (s *Service) Availability(ctx context.Context, o *Order) ([]LineAvailability, error) {
	var out []LineAvailability
	err := s.store.Read(ctx, func(tx Tx) error {
		for i, l := range o.Lines {
			a := LineAvailability{Line: i + 1, SKU: l.SKU, Qty: l.Qty, State: StockNone}
			if !l.Kind.Stocked() {
				out = append(out, a)
				continue
			}
			sums, err := tx.StockSummaries(ctx, l.ProductID)
			if err != nil {
				return err
			}
			a.ByHouse = map[string]int64{}
			var most int64
			for _, sm := range sums {
				avail := max(sm.Available(), 0)
				a.ByHouse[sm.WarehouseCode] += avail
				a.Available += avail
				if avail > most {
					most, a.Best = avail, sm.WarehouseCode
				}
			}
			switch {
			case most >= l.Qty:
				a.State = StockInStock
			case a.Available >= l.Qty:
				a.State = StockTransfer
				a.Transfers = map[string]int64{}
				need := l.Qty - most
				codes := make([]string, 0, len(a.ByHouse))
				for code := range a.ByHouse {
					codes = append(codes, code)
				}
				slices.Sort(codes)
				for _, code := range codes {
					if code == a.Best || need == 0 {
						continue
					}
					take := min(a.ByHouse[code], need)
					if take > 0 {
						a.Transfers[code] = take
						need -= take
					}
				}
			default:
				a.State = StockShort
			}
			out = append(out, a)
		}
		return nil
	})
	return out, err
}

// ReasonNoLongerWanted is the cancel reason when an unpaid customer says
// they no longer want the order.
const ReasonNoLongerWanted = "customer no longer wants it"

// CustomerWithdrew cancels an unpaid order the customer no longer wants.
func (s *Service) CustomerWithdrew(ctx context.Context, id int64) (*Order, error) {
	return s.Cancel(ctx, id, ReasonNoLongerWanted)
}

// ConfirmationSent records that the order's letter went to the customer
// (how: "e-mail", "printed"…): its confirmation, closing its task,
// or for a cancelled order the cancellation notice. An order that gets
// no letter yet (a draft, one waiting in review) is refused, so its
// history never says a confirmation went out.
func (s *Service) ConfirmationSent(ctx context.Context, id int64, how string) error {
	how = cleanText(how)
	var p problems
	optionalText(&p, "how", how, 60)
	if err := p.err(); err != nil {
		return err
	}
	return s.write(ctx, PermReview, func(tx Tx, who Actor, now time.Time) error {
		o, err := tx.Order(ctx, id)
		if err != nil {
			return err
		}
		history, err := tx.Events(ctx, SubjectOrder, o.ID)
		if err != nil {
			return err
		}
		letter, err := OrderLetterFor(o, history)
		if err != nil {
			return err
		}
		action, summary := "order.confirmation_sent", "Confirmation of order "+o.Number+" sent"
		if letter.Kind == LetterCancellation {
			action, summary = "order.cancellation_sent", "Cancellation notice of order "+o.Number+" sent"
		} else if _, err := tx.CloseTasks(ctx, TaskSendConfirmation, SubjectOrder, o.ID, now, who.Name); err != nil {
			return err
		}
		if how != "" {
			summary += " (" + how + ")"
		}
		return record(ctx, tx, who, now, SubjectOrder, o.ID, action, summary, nil, map[string]any{"how": how})
	})
}
