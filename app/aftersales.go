package app

import (
	"context"
	"time"
)

// CaseKind is what the customer gets for a problem after shipping.
type CaseKind string

const (
	CaseReturnRefund  CaseKind = "return_refund"  // goods come back, money goes back
	CaseExchange      CaseKind = "exchange"       // goods come back, other goods go out
	CaseResend        CaseKind = "resend"         // goods missing or broken: sent again, nothing comes back
	CasePartialRefund CaseKind = "partial_refund" // some money back, the goods stay
	CaseUndeliverable CaseKind = "undeliverable"  // refused or unreachable: the parcel comes back
)

// CaseKinds lists the kinds in the order screens offer them.
func CaseKinds() []CaseKind {
	return []CaseKind{CaseReturnRefund, CaseExchange, CaseResend, CasePartialRefund, CaseUndeliverable}
}

// Valid reports whether k is a known kind.
func (k CaseKind) Valid() bool {
	for _, c := range CaseKinds() {
		if k == c {
			return true
		}
	}
	return false
}

// GoodsComeBack reports whether the case waits for goods to arrive.
func (k CaseKind) GoodsComeBack() bool {
	return k == CaseReturnRefund || k == CaseExchange || k == CaseUndeliverable
}

// CaseReason is why the customer asks.
type CaseReason string

const (
	ReasonQuality      CaseReason = "quality"      // faulty or not as described
	ReasonWrongItem    CaseReason = "wrong_item"   // the shop sent the wrong goods
	ReasonDamaged      CaseReason = "damaged"      // broken on the way
	ReasonMissing      CaseReason = "missing"      // something was not in the parcel
	ReasonChangedMind  CaseReason = "changed_mind" // the customer no longer wants it
	ReasonWrongSize    CaseReason = "wrong_size"   // the size or colour does not suit
	ReasonUndelivered  CaseReason = "undelivered"  // refused or nobody there
	ReasonOtherProblem CaseReason = "other"        // anything else, in the details
)

// CaseReasons lists the reasons in the order screens offer them.
func CaseReasons() []CaseReason {
	return []CaseReason{ReasonQuality, ReasonWrongItem, ReasonDamaged, ReasonMissing, ReasonChangedMind, ReasonWrongSize,
		ReasonUndelivered, ReasonOtherProblem}
}

// Valid reports whether r is a known reason.
func (r CaseReason) Valid() bool {
	for _, c := range CaseReasons() {
		if r == c {
			return true
		}
	}
	return false
}

// ShopsFault reports whether the shop is to blame, so the shop pays the
// postage both ways and the return window does not apply.
func (r CaseReason) ShopsFault() bool {
	switch r {
	case ReasonQuality, ReasonWrongItem, ReasonDamaged, ReasonMissing:
		return true
	}
	return false
}

// CaseStatus is where an after-sales case is.
type CaseStatus string

const (
	CaseRequested CaseStatus = "requested" // asked for, not yet decided
	CaseApproved  CaseStatus = "approved"  // accepted: the goods are on their way back, or the money or goods follow
	CaseReceived  CaseStatus = "received"  // the goods came back and were inspected
	CaseRejected  CaseStatus = "rejected"  // refused, with the reason
	CaseClosed    CaseStatus = "closed"    // settled
)

// CaseStatuses lists every case status in the order of a case's life.
func CaseStatuses() []CaseStatus {
	return []CaseStatus{CaseRequested, CaseApproved, CaseReceived, CaseRejected, CaseClosed}
}

// Open reports whether the case is still being worked on.
func (s CaseStatus) Open() bool { return s == CaseRequested || s == CaseApproved || s == CaseReceived }

// Disposition is what happens to a returned unit after inspection.
type Disposition string

const (
	DispositionRestock  Disposition = "restock"  // back on a shelf, for sale again
	DispositionScrap    Disposition = "scrap"    // written off
	DispositionSupplier Disposition = "supplier" // sent back to the supplier
)

// Dispositions lists them in the order screens offer them.
func Dispositions() []Disposition {
	return []Disposition{DispositionRestock, DispositionScrap, DispositionSupplier}
}

// CaseLine is units of one order line in a case.
type CaseLine struct {
	LineID      int64
	LineNo      int
	ProductID   int64
	SKU         string
	Name        string
	Spec        string
	UnitPrice   Money
	Qty         int64 // asked to return (or resend, or refund)
	QtyReceived int64 // came back, counted at inspection
	Condition   string
	Disposition Disposition
	BinID       int64 // restocked into
}

// Case is one after-sales problem of one order: number
// YYYYMM-RNNN.
type Case struct {
	ID       int64
	Number   string
	OrderID  int64
	Order    string // the order's number
	Customer string // the order's customer, as lists show it
	Kind     CaseKind
	Reason   CaseReason
	Details  string
	Status   CaseStatus
	Lines    []CaseLine

	// Eligibility, as recorded when the case was opened.
	WithinWindow     bool // asked within the return window after delivery
	PackagingIntact  bool // tags and packaging intact, as the customer or the inspection says
	ShopPaysShipping bool // the shop's fault: it pays the postage both ways

	RefundAmount Money // what the case pays back, once decided
	Refunded     Money // paid back so far
	// Exchange is what an exchange sends out instead.
	Exchange []LineInput
	// LinkedOrderID is the order that sends the exchange or re-send out
	// through fulfilment.
	LinkedOrderID int64
	ShipmentID    int64 // an undeliverable parcel's shipment
	ComplaintID   int64

	DecisionNote string // why approved or rejected
	RequestedAt  time.Time
	DecidedAt    time.Time
	ReceivedAt   time.Time
	ClosedAt     time.Time
	CreatedBy    string
	Version      int64
}

// Eligible reports whether the case meets the shop's return policy: the
// shop's own fault always does; otherwise within the window with tags
// and packaging intact.
func (c *Case) Eligible() bool {
	if c.Reason.ShopsFault() || c.Kind == CaseUndeliverable {
		return true
	}
	return c.WithinWindow && c.PackagingIntact
}

// ComplaintCategory is what a complaint is about.
type ComplaintCategory string

const (
	ComplaintQuality   ComplaintCategory = "quality"     // product quality
	ComplaintLogistics ComplaintCategory = "logistics"   // late, lost, rough couriers
	ComplaintAttitude  ComplaintCategory = "attitude"    // how staff spoke to the customer
	ComplaintWrong     ComplaintCategory = "wrong_order" // wrong goods or quantity
)

// ComplaintCategories lists them in the order screens offer them.
func ComplaintCategories() []ComplaintCategory {
	return []ComplaintCategory{ComplaintQuality, ComplaintLogistics, ComplaintAttitude, ComplaintWrong}
}

// Valid reports whether c is a known category.
func (c ComplaintCategory) Valid() bool {
	for _, k := range ComplaintCategories() {
		if c == k {
			return true
		}
	}
	return false
}

// Department is who handles a complaint.
type Department = Role

// ComplaintStatus is where a complaint is.
type ComplaintStatus string

const (
	ComplaintPending       ComplaintStatus = "pending"       // registered, not yet taken on
	ComplaintInvestigating ComplaintStatus = "investigating" // accepted by the department
	ComplaintResolved      ComplaintStatus = "resolved"      // a resolution was given
	ComplaintClosed        ComplaintStatus = "closed"        // the customer's satisfaction recorded
)

// ComplaintStatuses lists them in the order of a complaint's life.
func ComplaintStatuses() []ComplaintStatus {
	return []ComplaintStatus{ComplaintPending, ComplaintInvestigating, ComplaintResolved, ComplaintClosed}
}

// Satisfaction is how the customer took the resolution.
type Satisfaction string

const (
	SatisfactionNone    Satisfaction = ""
	Satisfied           Satisfaction = "satisfied"
	SatisfactionNeutral Satisfaction = "neutral"
	SatisfactionUnhappy Satisfaction = "unsatisfied"
)

// Satisfactions lists the answers.
func Satisfactions() []Satisfaction {
	return []Satisfaction{Satisfied, SatisfactionNeutral, SatisfactionUnhappy}
}

// Complaint is one registered complaint: number YYYYMM-TNNN.
type Complaint struct {
	ID            int64
	Number        string
	Complainant   string
	Contact       string // phone or e-mail to reach them
	ReceivedAt    time.Time
	OrderID       int64 // zero: not about one order
	Order         string
	ProductID     int64
	SKU           string
	Content       string
	Expected      string // the resolution the customer expects
	Category      ComplaintCategory
	Department    Department
	Status        ComplaintStatus
	Investigation string // notes, newest last
	Resolution    string
	Compensation  Money
	Satisfaction  Satisfaction
	CaseID        int64 // the after-sales case it opened
	AcceptedAt    time.Time
	ResolvedAt    time.Time
	ClosedAt      time.Time
	CreatedBy     string
	Version       int64
}

// AfterSalesRepo keeps after-sales cases and complaints.
type AfterSalesRepo interface {
	InsertCase(ctx context.Context, c *Case) error
	// UpdateCase stores the case's fields and lines if its version still
	// matches (else ErrConflict), then bumps it.
	UpdateCase(ctx context.Context, c *Case) error
	Case(ctx context.Context, id int64) (*Case, error)
	CaseByNumber(ctx context.Context, number string) (*Case, error)
	Cases(ctx context.Context, f CaseFilter) ([]Case, int, error)
	// OpenCaseQty counts, per order line, the units in the order's open
	// cases other than except, that have not come back yet.
	OpenCaseQty(ctx context.Context, orderID, except int64) (map[int64]int64, error)

	InsertComplaint(ctx context.Context, c *Complaint) error
	UpdateComplaint(ctx context.Context, c *Complaint) error
	Complaint(ctx context.Context, id int64) (*Complaint, error)
	Complaints(ctx context.Context, f ComplaintFilter) ([]Complaint, int, error)
}

// CaseFilter narrows the case list; zero fields do not filter.
type CaseFilter struct {
	OrderID       int64
	Statuses      []CaseStatus
	Kinds         []CaseKind
	Text          string // case or order number, by prefix
	Limit, Offset int
}

// ComplaintFilter narrows the complaint list; zero fields do not filter.
type ComplaintFilter struct {
	OrderID       int64
	Statuses      []ComplaintStatus
	Categories    []ComplaintCategory
	Text          string // complaint or order number by prefix, or the complainant
	Limit, Offset int
}
