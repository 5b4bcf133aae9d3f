package app

// Status is where an order is in its life.
type Status string

// The order's life: draft → pending review → confirmed → allocated →
// picking → packed → (partly) shipped → delivered → completed, with on hold
// and cancelled beside the main line.
const (
	StatusDraft         Status = "draft"
	StatusPendingReview Status = "pending_review"
	StatusConfirmed     Status = "confirmed"
	StatusAllocated     Status = "allocated"
	StatusPicking       Status = "picking"
	StatusPacked        Status = "packed"
	StatusPartlyShipped Status = "partly_shipped"
	StatusShipped       Status = "shipped"
	StatusDelivered     Status = "delivered"
	StatusCompleted     Status = "completed"
	StatusOnHold        Status = "on_hold"
	StatusCancelled     Status = "cancelled"
)

// Statuses lists every status in the order of the order's life.
func Statuses() []Status {
	return []Status{StatusDraft, StatusPendingReview, StatusConfirmed, StatusAllocated,
		StatusPicking, StatusPacked, StatusPartlyShipped, StatusShipped, StatusDelivered,
		StatusCompleted, StatusOnHold, StatusCancelled}
}

// Label is the English name of the status; screens translate it by the
// status value.
func (s Status) Label() string {
	switch s {
	case StatusDraft:
		return "draft"
	case StatusPendingReview:
		return "pending review"
	case StatusConfirmed:
		return "confirmed"
	case StatusAllocated:
		return "allocated"
	case StatusPicking:
		return "picking"
	case StatusPacked:
		return "packed"
	case StatusPartlyShipped:
		return "partly shipped"
	case StatusShipped:
		return "shipped"
	case StatusDelivered:
		return "delivered"
	case StatusCompleted:
		return "completed"
	case StatusOnHold:
		return "on hold"
	case StatusCancelled:
		return "cancelled"
	}
	return string(s)
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, k := range Statuses() {
		if s == k {
			return true
		}
	}
	return false
}

// Open reports whether the order is still being worked on.
func (s Status) Open() bool {
	return s != StatusCompleted && s != StatusCancelled
}

// Editable reports whether lines, address and prices may still change:
// until the warehouse starts picking.
func (s Status) Editable() bool {
	switch s {
	case StatusDraft, StatusPendingReview, StatusConfirmed, StatusAllocated:
		return true
	}
	return false
}

// HoldsStock reports whether the order has stock reserved in the ledger.
func (s Status) HoldsStock() bool {
	switch s {
	case StatusAllocated, StatusPicking, StatusPacked, StatusPartlyShipped:
		return true
	}
	return false
}

// PaymentStatus is derived from the order's payments, never typed in.
type PaymentStatus string

const (
	PaymentUnpaid         PaymentStatus = "unpaid"
	PaymentPartlyPaid     PaymentStatus = "partly_paid"
	PaymentPaid           PaymentStatus = "paid"
	PaymentPartlyRefunded PaymentStatus = "partly_refunded"
	PaymentRefunded       PaymentStatus = "refunded"
	// PaymentNothingDue is an order credited in full with nothing paid:
	// its goods came back, or it was cancelled, before any money came.
	PaymentNothingDue PaymentStatus = "nothing_due"
)

// PaymentStatuses lists every payment status.
func PaymentStatuses() []PaymentStatus {
	return []PaymentStatus{PaymentUnpaid, PaymentPartlyPaid, PaymentPaid, PaymentPartlyRefunded, PaymentRefunded, PaymentNothingDue}
}

// DerivePaymentStatus works out the payment status from what the order
// asks (payable less credits), what came in and what went back out.
func DerivePaymentStatus(due, received, refunded Money) PaymentStatus {
	switch {
	case refunded > 0 && refunded >= received:
		return PaymentRefunded
	case refunded > 0:
		return PaymentPartlyRefunded
	case received <= 0 && due <= 0:
		return PaymentNothingDue
	case received <= 0:
		return PaymentUnpaid
	case received >= due:
		return PaymentPaid
	default:
		return PaymentPartlyPaid
	}
}
