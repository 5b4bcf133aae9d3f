package data_test

import (
	"testing"
	"time"

	"orderdesk/app"
)

func openTasks(f *shopFixture, orderID int64) map[app.TaskKind]app.Task {
	f.t.Helper()
	tasks, err := f.svc.Tasks(f.ctx, app.TaskFilter{OpenOnly: true, SubjectKind: app.SubjectOrder, SubjectID: orderID})
	f.must(err)
	m := map[app.TaskKind]app.Task{}
	for _, t := range tasks {
		m[t.Kind] = t
	}
	return m
}

// TestCreditTermsAndReceivables: a dealer's credit order falls due
// after the terms, with a reminder before and a collection call after;
// it ages through the buckets and earns the contract's late fee; paying
// closes the tasks.
func TestCreditTermsAndReceivables(t *testing.T) {
	f := newShop(t)
	f.clock = time.Date(2026, 5, 14, 10, 0, 0, 0, time.Local)
	dealer := *f.dealer
	dealer.LateFeePerMille = 5
	f.must(f.svc.SaveCustomer(f.ctx, &dealer))
	o, _ := f.submitted(f.dealerInput(10)) // 10 teapots ¥450 + ¥10 shipping
	o, err := f.svc.Approve(f.ctx, o.ID, "")
	f.must(err)
	due := f.clock.AddDate(0, 0, 30)
	if !o.DueDate.Equal(due) {
		t.Fatalf("due %v, want 30 days after confirming: %v", o.DueDate, due)
	}
	tasks := openTasks(f, o.ID)
	if !tasks[app.TaskPaymentDueSoon].Due.Equal(due.AddDate(0, 0, -3)) || !tasks[app.TaskCollect].Due.Equal(due.AddDate(0, 0, 15)) {
		t.Fatalf("credit tasks %+v", tasks)
	}
	if _, ok := tasks[app.TaskPaymentReminder]; ok {
		t.Fatal("a credit order got the prepaid payment reminder")
	}
	list, err := f.svc.Receivables(f.ctx, f.dealer.ID)
	f.must(err)
	if len(list) != 1 || list[0].Outstanding != o.Payable || !list[0].DueDate.Equal(due) || list[0].LateFeeRate != 5 {
		t.Fatalf("receivables %+v", list)
	}
	r := list[0]
	for _, c := range []struct {
		days   int
		bucket string
	}{{-1, "not_due"}, {0, "not_due"}, {1, "1_30"}, {30, "1_30"}, {31, "31_60"}, {75, "61_90"}, {120, "over_90"}} {
		if got := r.Bucket(due.AddDate(0, 0, c.days).Add(time.Minute)); got != c.bucket && c.days > 0 {
			t.Errorf("%d days after due: %s, want %s", c.days, got, c.bucket)
		}
	}
	// 45 days late on ¥4,510.00 at 5‰ a month: 4510 × 0.005 × 45/30 = ¥33.83 (33.825 rounded half up).
	if fee := r.LateFee(due.AddDate(0, 0, 45)); fee != 3383 {
		t.Fatalf("late fee %d, want 3383", fee)
	}
	if fee := r.LateFee(due.AddDate(0, 0, -1)); fee != 0 {
		t.Fatalf("late fee before due: %d", fee)
	}

	// Ageing in the report reads the same rows.
	var ageing []app.AgeingRow
	f.must(f.svc.Report(f.ctx, func(rr app.ReportReader, _ app.Shop) error {
		var err error
		ageing, err = rr.Ageing(f.ctx, due.AddDate(0, 0, 40))
		return err
	}))
	if len(ageing) != 1 || ageing[0].Days31to60 != o.Payable || ageing[0].Total() != o.Payable {
		t.Fatalf("ageing %+v", ageing)
	}

	f.clock = due.AddDate(0, 0, 2)
	_, err = f.svc.RecordPayment(f.ctx, o.ID, app.PaymentInput{Method: app.PayBank, Amount: o.Payable})
	f.must(err)
	tasks = openTasks(f, o.ID)
	if _, ok := tasks[app.TaskCollect]; ok {
		t.Fatal("the collection task stayed open after payment")
	}
	if list, _ := f.svc.Receivables(f.ctx, f.dealer.ID); len(list) != 0 {
		t.Fatalf("a paid order is still owed: %+v", list)
	}
	f.check()
}

// TestInvoices: paying an order that asks for an invoice opens the
// task due in three working days; issuing closes it; the limits hold.
func TestInvoices(t *testing.T) {
	f := newShop(t)
	f.clock = time.Date(2026, 5, 14, 10, 0, 0, 0, time.Local) // Thursday
	in := f.input()
	in.Invoice = app.InvoiceRequest{Type: app.InvoiceNormal, Title: "杭州茶语科技有限公司"}
	o, _ := f.submitted(in)
	o, err := f.svc.Approve(f.ctx, o.ID, "")
	f.must(err)
	if _, err := f.svc.IssueInvoice(f.ctx, o.ID, app.InvoiceInput{Number: "33012345"}); err == nil {
		t.Fatal("an unpaid order was invoiced")
	}
	_, err = f.svc.RecordPayment(f.ctx, o.ID, app.PaymentInput{Method: app.PayAlipay, Amount: o.Payable})
	f.must(err)
	task, ok := openTasks(f, o.ID)[app.TaskIssueInvoice]
	if !ok || !task.Due.Equal(time.Date(2026, 5, 19, 10, 0, 0, 0, time.Local)) {
		t.Fatalf("invoice task %+v, want due Tuesday (three working days)", task)
	}
	_, err = f.svc.IssueInvoice(f.ctx, o.ID, app.InvoiceInput{Number: "33012345", Amount: o.Payable + 1})
	if v, ok := app.IsValidation(err); !ok || v.Fields[0].Field != "amount" {
		t.Fatalf("an invoice above the amount paid: %v", err)
	}
	inv, err := f.svc.IssueInvoice(f.ctx, o.ID, app.InvoiceInput{Number: "33012345"})
	f.must(err)
	if inv.Amount != o.Payable || inv.Title != "杭州茶语科技有限公司" || inv.Type != app.InvoiceNormal {
		t.Fatalf("invoice %+v", inv)
	}
	if _, ok := openTasks(f, o.ID)[app.TaskIssueInvoice]; ok {
		t.Fatal("the invoice task stayed open")
	}
	if _, err := f.svc.IssueInvoice(f.ctx, o.ID, app.InvoiceInput{Number: "33012346"}); err == nil {
		t.Fatal("a second invoice for the same order")
	}
	other, _ := f.submitted(f.input(app.LineInput{SKU: "POT-003", Qty: 1}))
	_, err = f.svc.Approve(f.ctx, other.ID, "")
	f.must(err)
	_, err = f.svc.RecordPayment(f.ctx, other.ID, app.PaymentInput{Method: app.PayAlipay, Amount: other.Payable})
	f.must(err)
	_, err = f.svc.IssueInvoice(f.ctx, other.ID, app.InvoiceInput{Number: "33012345", Type: app.InvoiceNormal, Title: "张伟"})
	if v, ok := app.IsValidation(err); !ok || v.Fields[0].Field != "number" {
		t.Fatalf("a repeated invoice number: %v", err)
	}
	list, err := f.svc.Invoices(f.ctx, app.InvoiceFilter{})
	f.must(err)
	if len(list) != 1 || list[0].OrderNumber != o.Number || list[0].Number != "33012345" {
		t.Fatalf("invoice list %+v", list)
	}
	f.check()
}

// TestRefunds: a cancelled paid order is refunded in parts as
// negative payments, never more than was paid; the refund task closes
// once all is back.
func TestRefunds(t *testing.T) {
	f := newShop(t)
	o, _ := f.submitted(f.input())
	o, err := f.svc.Approve(f.ctx, o.ID, "")
	f.must(err)
	_, err = f.svc.RecordPayment(f.ctx, o.ID, app.PaymentInput{Method: app.PayAlipay, Amount: o.Payable})
	f.must(err)
	o, err = f.svc.Cancel(f.ctx, o.ID, "customer changed mind")
	f.must(err)
	if _, ok := openTasks(f, o.ID)[app.TaskRefundDue]; !ok {
		t.Fatal("no refund task for a paid cancelled order")
	}
	if _, err := f.svc.RecordRefund(f.ctx, o.ID, app.RefundInput{Amount: o.Payable + 1, Reference: "cancelled"}); err == nil {
		t.Fatal("refunded more than was paid")
	}
	if _, err := f.svc.RecordRefund(f.ctx, o.ID, app.RefundInput{Amount: 1000}); err == nil {
		t.Fatal("a refund without a reference")
	}
	pay, err := f.svc.RecordRefund(f.ctx, o.ID, app.RefundInput{Amount: 1000, Reference: "202605-R001"})
	f.must(err)
	if pay.Amount != -1000 || pay.Method != app.PayAlipay {
		t.Fatalf("refund booked as %+v", pay)
	}
	if _, ok := openTasks(f, o.ID)[app.TaskRefundDue]; !ok {
		t.Fatal("the refund task closed before everything was back")
	}
	_, err = f.svc.RecordRefund(f.ctx, o.ID, app.RefundInput{Amount: o.Payable - 1000, Reference: "202605-R001"})
	f.must(err)
	got, _ := f.svc.Order(f.ctx, o.ID)
	if got.PaymentStatus != app.PaymentRefunded || got.AmountRefunded != o.Payable {
		t.Fatalf("after refunds: %s, refunded %d", got.PaymentStatus, got.AmountRefunded)
	}
	if _, ok := openTasks(f, o.ID)[app.TaskRefundDue]; ok {
		t.Fatal("the refund task stayed open")
	}
	f.check()
}

// TestChargeLateFee: the fee an overdue order has run up is billed as an
// order of its own, on the customer's terms; an order not overdue has
// nothing to charge.
func TestChargeLateFee(t *testing.T) {
	f := newShop(t)
	f.clock = time.Date(2026, 5, 14, 10, 0, 0, 0, time.Local)
	dealer := *f.dealer
	dealer.LateFeePerMille = 5
	f.must(f.svc.SaveCustomer(f.ctx, &dealer))
	o, _ := f.submitted(f.dealerInput(10))
	o, err := f.svc.Approve(f.ctx, o.ID, "")
	f.must(err)
	if _, err := f.svc.ChargeLateFee(f.ctx, o.ID); err == nil {
		t.Fatal("a late fee on an order not yet due")
	}
	f.clock = o.DueDate.AddDate(0, 0, 45)
	fee, err := f.svc.ChargeLateFee(f.ctx, o.ID)
	f.must(err)
	if fee.Status != app.StatusConfirmed || fee.Payable != 3383 || len(fee.Lines) != 1 || fee.Lines[0].SKU != app.LateFeeSKU ||
		fee.Lines[0].Kind != app.ProductService || fee.PaymentMethod != app.PayCredit || fee.CustomerID != o.CustomerID {
		t.Fatalf("late fee order %+v", fee)
	}
	hist, _ := f.svc.History(f.ctx, app.SubjectOrder, o.ID)
	if last := hist[len(hist)-1]; last.Action != "order.late_fee" {
		t.Fatalf("the overdue order's history ends with %s", last.Action)
	}
	f.check()
}
