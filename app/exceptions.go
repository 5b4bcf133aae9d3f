package app

import (
	"context"
	"time"
)

// ExceptionClass sorts the work queue's exceptions by where the trouble
// lies.
type ExceptionClass string

const (
	ClassCustomer  ExceptionClass = "customer"  // the customer must be reached or told
	ClassStock     ExceptionClass = "stock"     // goods are missing
	ClassLogistics ExceptionClass = "logistics" // parcels and couriers
	ClassPayment   ExceptionClass = "payment"   // money and invoices
	ClassInternal  ExceptionClass = "internal"  // the shop's own decisions
)

// ExceptionClasses lists the classes in the order the queue groups them.
func ExceptionClasses() []ExceptionClass {
	return []ExceptionClass{ClassCustomer, ClassStock, ClassLogistics, ClassPayment, ClassInternal}
}

// Class is the exception class of a task of this kind.
func (k TaskKind) Class() ExceptionClass {
	switch k {
	case TaskContactCustomer, TaskSendConfirmation, TaskTellCustomer, TaskUndeliverable, TaskComplaintAccept:
		return ClassCustomer
	case TaskDecideStock:
		return ClassStock
	case TaskRecordWaybill, TaskTrackingProblem, TaskResendOrRefund:
		return ClassLogistics
	case TaskPaymentReminder, TaskPaymentContact, TaskRefundDue, TaskIssueInvoice, TaskPaymentDueSoon, TaskCollect,
		TaskCaseRefund:
		return ClassPayment
	}
	return ClassInternal
}

// Class is the exception class of the task.
func (t Task) Class() ExceptionClass { return t.Kind.Class() }

// insertTaskDueIn opens a task due d of the shop's working time after it
// was raised: a task for a person falls within working hours (DESIGN), so
// one raised at night is due the next working morning, not before dawn.
func insertTaskDueIn(ctx context.Context, tx Tx, t *Task, d time.Duration) error {
	shop, err := tx.Shop(ctx)
	if err != nil {
		return err
	}
	t.Due = shop.Calendar.AddWorking(t.CreatedAt, d)
	return tx.InsertTask(ctx, t)
}
