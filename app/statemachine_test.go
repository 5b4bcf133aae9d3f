package app

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// sameStatus marks an action that leaves the status as it is (edit,
// record_payment); heldStatus marks release, which goes back to HeldFrom.
const (
	sameStatus Status = "<same>"
	heldStatus Status = "<held from>"
)

// expectedMoves is the order's life written out by hand, independently of
// the transitions table, so that any change to the table shows up here:
// draft → pending review → confirmed → allocated → picking → packed →
// (partly shipped) → shipped → delivered → completed, with on hold and
// cancelled beside the main line. Pairs not listed are illegal.
var expectedMoves = map[Status]map[Action]Status{
	StatusDraft: {
		ActionEdit:          sameStatus,
		ActionSubmit:        StatusPendingReview,
		ActionCancel:        StatusCancelled,
		ActionRecordPayment: sameStatus,
	},
	StatusPendingReview: {
		ActionEdit:          sameStatus,
		ActionConfirm:       StatusConfirmed,
		ActionReject:        StatusCancelled,
		ActionReturnToDraft: StatusDraft,
		ActionHold:          StatusOnHold,
		ActionCancel:        StatusCancelled,
		ActionRecordPayment: sameStatus,
	},
	StatusConfirmed: {
		ActionEdit:          sameStatus,
		ActionHold:          StatusOnHold,
		ActionAllocate:      StatusAllocated,
		ActionCancel:        StatusCancelled,
		ActionRecordPayment: sameStatus,
	},
	StatusAllocated: {
		ActionEdit:          sameStatus,
		ActionHold:          StatusOnHold,
		ActionDeallocate:    StatusConfirmed,
		ActionStartPicking:  StatusPicking,
		ActionShipPart:      StatusPartlyShipped,
		ActionHandOver:      StatusShipped, // then signed for at the counter
		ActionCancel:        StatusCancelled,
		ActionRecordPayment: sameStatus,
	},
	// Picking has started: no more edits.
	StatusPicking: {
		ActionHold:          StatusOnHold,
		ActionPack:          StatusPacked,
		ActionShipPart:      StatusPartlyShipped,
		ActionHandOver:      StatusShipped,
		ActionCancel:        StatusCancelled,
		ActionRecordPayment: sameStatus,
	},
	StatusPacked: {
		ActionHold:          StatusOnHold,
		ActionShipPart:      StatusPartlyShipped,
		ActionShip:          StatusShipped,
		ActionHandOver:      StatusShipped,
		ActionCancel:        StatusCancelled,
		ActionRecordPayment: sameStatus,
	},
	// Goods have left: returns, not cancellation.
	StatusPartlyShipped: {
		ActionAllocate:      StatusAllocated, // the rest, once stock is in
		ActionPack:          StatusPacked,    // the rest, already held
		ActionShipPart:      StatusPartlyShipped,
		ActionShip:          StatusShipped,
		ActionHandOver:      StatusShipped,
		ActionRecordPayment: sameStatus,
	},
	StatusShipped: {
		ActionDeliver:       StatusDelivered,
		ActionComplete:      StatusCompleted,
		ActionRecordPayment: sameStatus,
	},
	StatusDelivered: {
		ActionComplete:      StatusCompleted,
		ActionRecordPayment: sameStatus,
	},
	// A completed order may still be paid (credit terms, COD settled late).
	StatusCompleted: {
		ActionRecordPayment: sameStatus,
	},
	StatusOnHold: {
		ActionRelease:       heldStatus,
		ActionCancel:        StatusCancelled,
		ActionRecordPayment: sameStatus,
	},
	StatusCancelled: {},
}

func TestStatusesAndActionsAreTheExpectedSets(t *testing.T) {
	wantStatuses := []Status{StatusDraft, StatusPendingReview, StatusConfirmed, StatusAllocated,
		StatusPicking, StatusPacked, StatusPartlyShipped, StatusShipped, StatusDelivered,
		StatusCompleted, StatusOnHold, StatusCancelled}
	if got := Statuses(); !slices.Equal(got, wantStatuses) {
		t.Errorf("Statuses() = %v, want %v", got, wantStatuses)
	}
	wantActions := []Action{ActionEdit, ActionSubmit, ActionConfirm, ActionReject, ActionReturnToDraft,
		ActionHold, ActionRelease, ActionAllocate, ActionDeallocate, ActionStartPicking, ActionPack,
		ActionShipPart, ActionShip, ActionHandOver, ActionDeliver, ActionComplete, ActionCancel, ActionRecordPayment}
	got := Actions()
	// Order matters: NextActions returns actions in table order and screens
	// lay out their buttons that way.
	if !slices.Equal(got, wantActions) {
		t.Errorf("Actions() = %v, want %v", got, wantActions)
	}
	if len(expectedMoves) != len(wantStatuses) {
		t.Errorf("expectedMoves covers %d statuses, want %d", len(expectedMoves), len(wantStatuses))
	}
}

func TestStepEveryPair(t *testing.T) {
	// Release goes back to HeldFrom; use a status that differs from every
	// ordinary target so a wrong choice shows.
	const heldFrom = StatusPacked
	for _, from := range Statuses() {
		for _, a := range Actions() {
			want, legal := expectedMoves[from][a]
			t.Run(string(from)+"/"+string(a), func(t *testing.T) {
				if got := Can(from, a); got != legal {
					t.Errorf("Can(%s, %s) = %v, want %v", from, a, got, legal)
				}
				got, err := Step(from, a, heldFrom)
				if legal {
					switch want {
					case sameStatus:
						want = from
					case heldStatus:
						want = heldFrom
					}
					if err != nil {
						t.Fatalf("Step(%s, %s) failed: %v", from, a, err)
					}
					if got != want {
						t.Errorf("Step(%s, %s) = %s, want %s", from, a, got, want)
					}
					return
				}
				if got != from {
					t.Errorf("refused Step(%s, %s) returned status %s, want it unchanged", from, a, got)
				}
				checkTransitionError(t, err, a, from)
			})
		}
	}
}

// checkTransitionError asserts err says which step, from which state, and why.
func checkTransitionError(t *testing.T, err error, a Action, from Status) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s from %s: no error, want a TransitionError", a, from)
	}
	var te *TransitionError
	if !errors.As(err, &te) {
		t.Fatalf("%s from %s: error %T (%v), want *TransitionError", a, from, err, err)
	}
	if te.Action != a || te.From != from {
		t.Errorf("TransitionError{Action: %s, From: %s}, want {%s, %s}", te.Action, te.From, a, from)
	}
	if strings.TrimSpace(te.Reason) == "" {
		t.Errorf("%s from %s: empty reason", a, from)
	}
	msg := err.Error()
	for _, part := range []string{"cannot " + a.Verb() + " order", "it is " + from.Label(), te.Reason} {
		if !strings.Contains(msg, part) {
			t.Errorf("message %q does not contain %q", msg, part)
		}
	}
}

func TestStepReleaseReturnsToHeldFrom(t *testing.T) {
	tests := []struct {
		name     string
		heldFrom Status
		want     Status
	}{
		{"from pending review", StatusPendingReview, StatusPendingReview},
		{"from confirmed", StatusConfirmed, StatusConfirmed},
		{"from allocated", StatusAllocated, StatusAllocated},
		{"from picking", StatusPicking, StatusPicking},
		{"from packed", StatusPacked, StatusPacked},
		// A lost or broken HeldFrom must not strand the order on hold:
		// review again is the safe place to go back to.
		{"empty", "", StatusPendingReview},
		{"unknown", "bogus", StatusPendingReview},
		{"on hold itself", StatusOnHold, StatusPendingReview},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Step(StatusOnHold, ActionRelease, tt.heldFrom)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("release with HeldFrom %q = %s, want %s", tt.heldFrom, got, tt.want)
			}
		})
	}
}

func TestStepUnknownActionAndStatus(t *testing.T) {
	got, err := Step(StatusDraft, "teleport", "")
	if got != StatusDraft {
		t.Errorf("unknown action moved the order to %s", got)
	}
	checkTransitionError(t, err, "teleport", StatusDraft)
	if !strings.Contains(err.Error(), "no such step") {
		t.Errorf("unknown action: message %q does not say there is no such step", err)
	}
	if Can(StatusDraft, "teleport") {
		t.Error("Can allows an unknown action")
	}
	for _, a := range Actions() {
		if Can("lost", a) {
			t.Errorf("Can allows %s from an unknown status", a)
		}
	}
}

func TestTransitionErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  TransitionError
		want string
	}{
		{"with number",
			TransitionError{Action: ActionShip, From: StatusDraft, Order: "202405-001", Reason: "an order ships once it is packed"},
			"cannot ship order 202405-001: it is draft; an order ships once it is packed"},
		{"without number",
			TransitionError{Action: ActionRecordPayment, From: StatusCancelled, Reason: "cancelled orders take no new payments"},
			"cannot record a payment for order: it is cancelled; cancelled orders take no new payments"},
		{"multi-word verb and label",
			TransitionError{Action: ActionStartPicking, From: StatusPendingReview, Reason: "picking starts once stock is allocated"},
			"cannot start picking order: it is pending review; picking starts once stock is allocated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRefusalReasonsExplain(t *testing.T) {
	// The reason is what the user reads; spot-check that it fits the step.
	tests := []struct {
		from Status
		a    Action
		want string
	}{
		{StatusShipped, ActionCancel, "returns"},
		{StatusPartlyShipped, ActionCancel, "returns"},
		{StatusCancelled, ActionRecordPayment, "cancelled"},
		{StatusPicking, ActionEdit, "picking"},
		{StatusDraft, ActionConfirm, "review"},
		{StatusDraft, ActionRelease, "on hold"},
	}
	for _, tt := range tests {
		t.Run(string(tt.from)+"/"+string(tt.a), func(t *testing.T) {
			_, err := Step(tt.from, tt.a, "")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Step(%s, %s) error = %v, want it to mention %q", tt.from, tt.a, err, tt.want)
			}
		})
	}
}

func TestVerbAndLabel(t *testing.T) {
	for _, a := range Actions() {
		if v := a.Verb(); v == "" || strings.Contains(v, "_") {
			t.Errorf("%s.Verb() = %q, want English words", a, v)
		}
	}
	seen := map[string]Status{}
	for _, s := range Statuses() {
		l := s.Label()
		if l == "" || strings.Contains(l, "_") {
			t.Errorf("%s.Label() = %q, want English words", s, l)
		}
		if other, dup := seen[l]; dup {
			t.Errorf("%s and %s share the label %q", s, other, l)
		}
		seen[l] = s
		if !s.Valid() {
			t.Errorf("%s.Valid() = false", s)
		}
	}
	if Status("bogus").Valid() || Status("").Valid() {
		t.Error("unknown statuses are valid")
	}
}

func TestStatusPredicates(t *testing.T) {
	tests := []struct {
		s                          Status
		open, editable, holdsStock bool
	}{
		{StatusDraft, true, true, false},
		{StatusPendingReview, true, true, false},
		{StatusConfirmed, true, true, false},
		{StatusAllocated, true, true, true},
		{StatusPicking, true, false, true},
		{StatusPacked, true, false, true},
		{StatusPartlyShipped, true, false, true},
		{StatusShipped, true, false, false},
		{StatusDelivered, true, false, false},
		{StatusCompleted, false, false, false},
		{StatusOnHold, true, false, false},
		{StatusCancelled, false, false, false},
	}
	if len(tests) != len(Statuses()) {
		t.Fatalf("table has %d statuses, want %d", len(tests), len(Statuses()))
	}
	for _, tt := range tests {
		t.Run(string(tt.s), func(t *testing.T) {
			if got := tt.s.Open(); got != tt.open {
				t.Errorf("Open() = %v, want %v", got, tt.open)
			}
			if got := tt.s.Editable(); got != tt.editable {
				t.Errorf("Editable() = %v, want %v", got, tt.editable)
			}
			// Editable and the edit row of the table must never disagree:
			// screens use one, services the other.
			if got := Can(tt.s, ActionEdit); got != tt.editable {
				t.Errorf("Can(edit) = %v, want %v", got, tt.editable)
			}
			// An order on hold keeps whatever it held before, which
			// HoldsStock cannot see from the status alone; not pinned here.
			if got := tt.s.HoldsStock(); tt.s != StatusOnHold && got != tt.holdsStock {
				t.Errorf("HoldsStock() = %v, want %v", got, tt.holdsStock)
			}
		})
	}
}

// orderWith builds an order in status s with n lines of 10.00 each and the
// given amount paid, totals recalculated, to an address a courier finds.
func orderWith(s Status, lines int, paid Money) *Order {
	o := &Order{Status: s, AmountPaid: paid, Address: Address{City: "Hangzhou", Street: "1 Tea Lane", Country: "CN"}}
	for i := range lines {
		o.Lines = append(o.Lines, OrderLine{LineNo: i + 1, ProductID: int64(i + 1), Qty: 1, UnitPrice: 1000})
	}
	o.Recalculate()
	return o
}

// atCounter makes o a walk-in's order (channel set) or, with no channel,
// an order without an address.
func atCounter(o *Order, channel Channel) *Order {
	if channel == "" {
		o.Address = Address{}
		return o
	}
	o.Channel = channel
	return o
}

func TestNextActions(t *testing.T) {
	tests := []struct {
		name string
		o    *Order
		want []Action
	}{
		{"draft with lines, unpaid", orderWith(StatusDraft, 2, 0),
			[]Action{ActionEdit, ActionSubmit, ActionCancel, ActionRecordPayment}},
		{"draft without lines: nothing to submit or pay", orderWith(StatusDraft, 0, 0),
			[]Action{ActionEdit, ActionCancel}},
		{"draft paid in full", orderWith(StatusDraft, 1, 1000),
			[]Action{ActionEdit, ActionSubmit, ActionCancel}},
		{"pending review with lines", orderWith(StatusPendingReview, 1, 0),
			[]Action{ActionEdit, ActionConfirm, ActionReject, ActionReturnToDraft, ActionHold, ActionCancel, ActionRecordPayment}},
		{"pending review without lines: no confirm", orderWith(StatusPendingReview, 0, 0),
			[]Action{ActionEdit, ActionReject, ActionReturnToDraft, ActionHold, ActionCancel}},
		{"confirmed, partly paid", orderWith(StatusConfirmed, 2, 500),
			[]Action{ActionEdit, ActionHold, ActionAllocate, ActionCancel, ActionRecordPayment}},
		{"allocated, paid", orderWith(StatusAllocated, 1, 1000),
			[]Action{ActionEdit, ActionHold, ActionDeallocate, ActionStartPicking, ActionShipPart, ActionCancel}},
		{"picking", orderWith(StatusPicking, 1, 1000),
			[]Action{ActionHold, ActionPack, ActionShipPart, ActionCancel}},
		{"packed", orderWith(StatusPacked, 1, 0),
			[]Action{ActionHold, ActionShipPart, ActionShip, ActionCancel, ActionRecordPayment}},
		{"partly shipped", orderWith(StatusPartlyShipped, 2, 2000),
			[]Action{ActionAllocate, ActionPack, ActionShipPart, ActionShip}},
		{"allocated, no address: handed over, never shipped", atCounter(orderWith(StatusAllocated, 1, 1000), ""),
			[]Action{ActionEdit, ActionHold, ActionDeallocate, ActionStartPicking, ActionHandOver, ActionCancel}},
		{"packed, no address", atCounter(orderWith(StatusPacked, 1, 0), ""),
			[]Action{ActionHold, ActionHandOver, ActionCancel, ActionRecordPayment}},
		{"packed walk-in with an address: sent or handed over", atCounter(orderWith(StatusPacked, 1, 1000), ChannelWalkIn),
			[]Action{ActionHold, ActionShipPart, ActionShip, ActionHandOver, ActionCancel}},
		{"shipped, cash on delivery outstanding", orderWith(StatusShipped, 1, 0),
			[]Action{ActionDeliver, ActionComplete, ActionRecordPayment}},
		{"delivered", orderWith(StatusDelivered, 1, 1000),
			[]Action{ActionComplete}},
		{"completed and paid: nothing", orderWith(StatusCompleted, 1, 1000), nil},
		{"completed with money owed: only a payment", orderWith(StatusCompleted, 1, 0),
			[]Action{ActionRecordPayment}},
		{"overpaid: no further payment", orderWith(StatusConfirmed, 1, 5000),
			[]Action{ActionEdit, ActionHold, ActionAllocate, ActionCancel}},
		{"on hold", orderWith(StatusOnHold, 1, 0),
			[]Action{ActionRelease, ActionCancel, ActionRecordPayment}},
		{"cancelled: nothing, even when money is owed", orderWith(StatusCancelled, 3, 0), nil},
		{"cancelled and paid: nothing", orderWith(StatusCancelled, 1, 1000), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NextActions(tt.o); !slices.Equal(got, tt.want) {
				t.Errorf("NextActions = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNextActionsAreAllowedSteps(t *testing.T) {
	// Whatever the screen offers must succeed in Step, in table order.
	for _, s := range Statuses() {
		for _, lines := range []int{0, 1} {
			for _, paid := range []Money{0, 1000} {
				o := orderWith(s, lines, paid)
				o.HeldFrom = StatusConfirmed
				got := NextActions(o)
				last := -1
				for _, a := range got {
					if _, err := Step(s, a, o.HeldFrom); err != nil {
						t.Errorf("%s: NextActions offers %s but Step refuses: %v", s, a, err)
					}
					i := slices.Index(Actions(), a)
					if i <= last {
						t.Errorf("%s: NextActions %v not in table order", s, got)
					}
					last = i
				}
			}
		}
	}
}

// TestRandomWalk takes random steps through the machine and checks the
// invariants after each: a property test over the table alone.
func TestRandomWalk(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	actions := Actions()
	for walk := range 200 {
		status, heldFrom := StatusDraft, Status("")
		for range 60 {
			a := actions[rng.IntN(len(actions))]
			to, err := Step(status, a, heldFrom)
			if err != nil {
				if Can(status, a) {
					t.Fatalf("walk %d: Step(%s, %s) refused an allowed step: %v", walk, status, a, err)
				}
				if to != status {
					t.Fatalf("walk %d: refused step changed the status", walk)
				}
				continue
			}
			if !status.Open() && to != status {
				t.Fatalf("walk %d: %s left the closed status %s for %s", walk, a, status, to)
			}
			// The service keeps HeldFrom the same way.
			switch a {
			case ActionHold:
				heldFrom = status
			case ActionRelease:
				if to != heldFrom {
					t.Fatalf("walk %d: release went to %s, held from %s", walk, to, heldFrom)
				}
				heldFrom = ""
			}
			status = to
			if !status.Valid() {
				t.Fatalf("walk %d: reached unknown status %q", walk, status)
			}
			// Only one way round: cancelling an order on hold leaves HeldFrom
			// set, which is harmless as nothing leaves cancelled.
			if status == StatusOnHold && !Can(heldFrom, ActionHold) {
				t.Fatalf("walk %d: on hold from %s, which cannot be held", walk, heldFrom)
			}
		}
	}
}
