package app

import "time"

// Payment is money received for an order (positive) or paid back
// (negative, a refund). Payment status is derived from these rows.
type Payment struct {
	ID            int64
	OrderID       int64
	Method        PaymentMethod
	Amount        Money
	At            time.Time
	TransactionID string
	Note          string
	Actor         string
}

// Event is one line of a subject's history: who did what, when,
// and what changed. Events are only ever appended.
type Event struct {
	ID          int64
	At          time.Time
	Actor       string
	SubjectKind SubjectKind
	SubjectID   int64
	Action      string // what happened, a stable key: "order.created", "stock.received"
	Summary     string // one line in English for the history view
	Before      string // JSON of the changed fields before, or empty
	After       string // JSON of the changed fields after, or empty
}

// SubjectKind names what an event or task is about.
type SubjectKind string

const (
	SubjectOrder     SubjectKind = "order"
	SubjectCustomer  SubjectKind = "customer"
	SubjectProduct   SubjectKind = "product"
	SubjectWarehouse SubjectKind = "warehouse"
	SubjectShop      SubjectKind = "shop"
)

// TaskKind is what a work-queue task asks someone to do.
type TaskKind string

const (
	TaskPaymentReminder  TaskKind = "payment_reminder"  // R-21, an hour after confirmation
	TaskRefundDue        TaskKind = "refund_due"        // a paid order was cancelled
	TaskPaymentContact   TaskKind = "payment_contact"   // R-21, still unpaid a day after confirmation
	TaskContactCustomer  TaskKind = "contact_customer"  // R-10, details missing at review
	TaskSendConfirmation TaskKind = "send_confirmation" // R-20, within 2 working hours of confirming
	TaskIssueInvoice     TaskKind = "issue_invoice"     // R-41, 3 working days after payment
	TaskPaymentDueSoon   TaskKind = "payment_due_soon"  // R-42, 3 days before a credit order falls due
	TaskCollect          TaskKind = "collect"           // R-42, 15 days overdue
	TaskDecideStock      TaskKind = "decide_stock"      // R-32, a line stock cannot cover
	TaskTellCustomer     TaskKind = "tell_customer"     // R-32, what was decided about a short line
	TaskRecordWaybill    TaskKind = "record_waybill"    // R-37, tracking number within an hour of shipping
	TaskTrackingProblem  TaskKind = "tracking_problem"  // R-38, within 30 minutes of a problem
	TaskResendOrRefund   TaskKind = "resend_or_refund"  // R-38, lost or damaged: within 24 hours
	TaskCaseDecide       TaskKind = "case_decide"       // R-51, an after-sales request to decide
	TaskCaseRefund       TaskKind = "case_refund"       // R-52, a case's refund to pay back
	TaskComplaintAccept  TaskKind = "complaint_accept"  // R-60, the department takes it on within 2 hours
	TaskUndeliverable    TaskKind = "undeliverable"     // R-54, a parcel coming back: reach the customer
)

// TaskKinds lists every kind of task.
func TaskKinds() []TaskKind {
	return []TaskKind{TaskPaymentReminder, TaskPaymentContact, TaskContactCustomer, TaskSendConfirmation, TaskRefundDue,
		TaskIssueInvoice, TaskPaymentDueSoon, TaskCollect, TaskDecideStock, TaskTellCustomer, TaskRecordWaybill,
		TaskTrackingProblem, TaskResendOrRefund, TaskCaseDecide, TaskCaseRefund, TaskComplaintAccept, TaskUndeliverable}
}

// Role says who is expected to act on a task.
type Role string

const (
	RoleOwner     Role = "owner"
	RoleService   Role = "customer_service"
	RoleWarehouse Role = "warehouse"
	RoleFinance   Role = "finance"
)

// Task is one item of the work queue.
type Task struct {
	ID          int64
	Kind        TaskKind
	SubjectKind SubjectKind
	SubjectID   int64
	Ref         string // the subject's number as people know it ("202605-001")
	Title       string // English one-liner; screens translate by kind
	Due         time.Time
	Assignee    Role
	CreatedAt   time.Time
	DoneAt      time.Time // zero while open
	DoneBy      string
}

// Open reports whether the task still waits for someone.
func (t Task) Open() bool { return t.DoneAt.IsZero() }

// Shop is the shop's profile, printed on every document, and the settings
// the domain rules depend on.
type Shop struct {
	Name        string
	Currency    Currency
	Country     string // default country for addresses
	OrderPrefix string // put before YYYYMM-NNN order numbers, often empty
	Phone       string
	Address     Address
	Email       string
	TaxID       string
	Logo        []byte // PNG or JPEG for document letterheads
	Calendar    WorkCalendar
	Policy      Policy
	// DocumentLanguage is what letters print in when the order does not
	// say: "en" or "zh"; empty follows the shop's country.
	DocumentLanguage string
	// Paper is the page size documents print on: PaperA4 or PaperLetter
	// (shipping labels keep their own size).
	Paper string
	// Bank is how customers on account pay: printed on their
	// confirmations.
	Bank BankDetails
}

// BankDetails are the shop's bank account and what a payer writes with
// the transfer.
type BankDetails struct {
	AccountHolder string
	BankName      string
	Account       string // account number or IBAN
	SWIFT         string // SWIFT/BIC, for payments from abroad
	Instructions  string // "Write the order number as the reference"
}

// Given reports whether the shop has said how to pay it.
func (b BankDetails) Given() bool {
	return b.Account != "" || b.Instructions != ""
}

// The page sizes documents print on.
const (
	PaperA4     = "A4"
	PaperLetter = "Letter" // US Letter, 8.5 × 11 in
)
