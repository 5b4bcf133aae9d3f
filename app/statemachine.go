package app

// Action is a step a user (or a rule) can take on an order.
type Action string

const (
	ActionEdit          Action = "edit"
	ActionSubmit        Action = "submit"
	ActionConfirm       Action = "confirm"
	ActionReject        Action = "reject"
	ActionReturnToDraft Action = "return_to_draft"
	ActionHold          Action = "hold"
	ActionRelease       Action = "release"
	ActionAllocate      Action = "allocate"
	ActionDeallocate    Action = "deallocate"
	ActionStartPicking  Action = "start_picking"
	ActionPack          Action = "pack"
	ActionShipPart      Action = "ship_part"
	ActionShip          Action = "ship"
	ActionDeliver       Action = "deliver"
	// ActionHandOver gives the goods to the customer at the counter: no
	// parcel, no courier; the order leaves and is signed for at once.
	ActionHandOver      Action = "hand_over"
	ActionComplete      Action = "complete"
	ActionCancel        Action = "cancel"
	ActionRecordPayment Action = "record_payment"
)

// Verb is the English imperative for messages: "cannot ship order …".
func (a Action) Verb() string {
	switch a {
	case ActionReturnToDraft:
		return "return to draft"
	case ActionStartPicking:
		return "start picking"
	case ActionShipPart:
		return "ship part of"
	case ActionRecordPayment:
		return "record a payment for"
	case ActionHandOver:
		return "hand over"
	}
	return string(a)
}

// transition is one row of the table: an action, the states it may start
// from, the state it leads to, and why it is refused elsewhere.
type transition struct {
	action Action
	from   []Status
	// to is the resulting state; empty means the state does not change
	// (edit, payment) or is decided at run time (release from hold).
	to     Status
	reason string
}

// transitions is the one table of allowed steps. Everything that moves an
// order consults it; nothing else decides what is legal.
var transitions = []transition{
	{ActionEdit, []Status{StatusDraft, StatusPendingReview, StatusConfirmed, StatusAllocated}, "",
		"orders can only be changed until the warehouse starts picking"},
	{ActionSubmit, []Status{StatusDraft}, StatusPendingReview,
		"only draft orders are submitted for review"},
	{ActionConfirm, []Status{StatusPendingReview}, StatusConfirmed,
		"only orders waiting for review can be confirmed"},
	{ActionReject, []Status{StatusPendingReview}, StatusCancelled,
		"only orders waiting for review can be rejected"},
	{ActionReturnToDraft, []Status{StatusPendingReview}, StatusDraft,
		"only orders waiting for review can be sent back for correction"},
	{ActionHold, []Status{StatusPendingReview, StatusConfirmed, StatusAllocated, StatusPicking, StatusPacked}, StatusOnHold,
		"only orders that are being reviewed or prepared can be put on hold"},
	{ActionRelease, []Status{StatusOnHold}, "",
		"only orders on hold can be released"},
	{ActionAllocate, []Status{StatusConfirmed, StatusPartlyShipped}, StatusAllocated,
		"stock is reserved for confirmed orders, and for the rest of partly shipped ones"},
	{ActionDeallocate, []Status{StatusAllocated}, StatusConfirmed,
		"only allocated orders that are not yet being picked can give their stock back"},
	{ActionStartPicking, []Status{StatusAllocated}, StatusPicking,
		"picking starts once stock is allocated"},
	{ActionPack, []Status{StatusPicking, StatusPartlyShipped}, StatusPacked,
		"only orders being picked can be packed"},
	{ActionShipPart, []Status{StatusAllocated, StatusPicking, StatusPacked, StatusPartlyShipped}, StatusPartlyShipped,
		"part of an order ships only once its stock is allocated"},
	{ActionShip, []Status{StatusPacked, StatusPartlyShipped}, StatusShipped,
		"an order ships once it is packed"},
	{ActionHandOver, []Status{StatusAllocated, StatusPicking, StatusPacked, StatusPartlyShipped}, StatusShipped,
		"goods are handed over once their stock is held for the order"},
	{ActionDeliver, []Status{StatusShipped}, StatusDelivered,
		"only shipped orders can be signed for"},
	{ActionComplete, []Status{StatusShipped, StatusDelivered}, StatusCompleted,
		"only shipped or delivered orders can be completed"},
	{ActionCancel, []Status{StatusDraft, StatusPendingReview, StatusConfirmed, StatusAllocated, StatusPicking, StatusPacked, StatusOnHold}, StatusCancelled,
		"orders that have left the warehouse are handled as returns, not cancelled"},
	{ActionRecordPayment, []Status{StatusDraft, StatusPendingReview, StatusConfirmed, StatusAllocated, StatusPicking,
		StatusPacked, StatusPartlyShipped, StatusShipped, StatusDelivered, StatusCompleted, StatusOnHold}, "",
		"cancelled orders take no new payments"},
}

// Actions lists every action in table order.
func Actions() []Action {
	out := make([]Action, len(transitions))
	for i, t := range transitions {
		out[i] = t.action
	}
	return out
}

func findTransition(a Action) (transition, bool) {
	for _, t := range transitions {
		if t.action == a {
			return t, true
		}
	}
	return transition{}, false
}

// Can reports whether action a is allowed from status s.
func Can(s Status, a Action) bool {
	t, ok := findTransition(a)
	if !ok {
		return false
	}
	for _, f := range t.from {
		if f == s {
			return true
		}
	}
	return false
}

// Step returns the status an order in s reaches by action a, or a
// TransitionError naming the step, the current state and the reason.
// heldFrom is the status an order on hold returns to on release.
func Step(s Status, a Action, heldFrom Status) (Status, error) {
	t, ok := findTransition(a)
	if !ok {
		return s, &TransitionError{Action: a, From: s, Reason: "there is no such step"}
	}
	if !Can(s, a) {
		return s, &TransitionError{Action: a, From: s, Reason: t.reason}
	}
	switch {
	case a == ActionRelease:
		if !heldFrom.Valid() || heldFrom == StatusOnHold {
			return StatusPendingReview, nil
		}
		return heldFrom, nil
	case t.to == "":
		return s, nil
	}
	return t.to, nil
}

// NextActions says what a user may do with the order now, in table order.
// Screens show exactly these and nothing else.
func NextActions(o *Order) []Action {
	var out []Action
	for _, t := range transitions {
		if !Can(o.Status, t.action) {
			continue
		}
		switch t.action {
		case ActionSubmit, ActionConfirm:
			if len(o.Lines) == 0 {
				continue
			}
		case ActionRecordPayment:
			if o.Outstanding() <= 0 {
				continue
			}
		case ActionCancel:
			if o.shippedAny() {
				continue // what left comes back as a return; Cancel refuses it
			}
		case ActionShip, ActionShipPart:
			if !o.Address.Deliverable() {
				continue // no address to send to: it is handed over
			}
		case ActionHandOver:
			if !o.CollectedAtCounter() {
				continue
			}
		}
		out = append(out, t.action)
	}
	return out
}
