package sample_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"orderdesk/app"
	"orderdesk/app/sample"
	"orderdesk/data"
)

// TestSampleShop builds the sample shop on a real file and checks it has
// what a new user needs to try every step: orders in every state, both
// kinds of customer, stock in both warehouses, and no broken invariant.
func TestSampleShop(t *testing.T) {
	ctx := context.Background()
	store, err := data.Open(ctx, filepath.Join(t.TempDir(), "sample.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	now := time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)
	sum, err := sample.Generate(ctx, store, sample.Options{Orders: 300, Now: now, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Orders != 300 || sum.Products < 40 || sum.Customers < 30 || sum.Warehouses != 2 {
		t.Fatalf("summary %+v", sum)
	}
	for _, s := range app.Statuses() {
		if sum.ByStatus[s] == 0 {
			t.Errorf("no sample order is %s (%v)", s.Label(), sum.ByStatus)
		}
	}
	problems, err := store.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
	svc := app.NewService(store)
	page, err := svc.SearchOrders(ctx, app.OrderQuery{Limit: 1, Ascending: true})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 300 || page.Rows[0].OrderedAt.Before(now.AddDate(0, -3, -1)) {
		t.Fatalf("oldest order %+v of %d", page.Rows, page.Total)
	}
	dealers, _, err := svc.FindCustomers(ctx, app.CustomerFilter{Kind: app.CustomerDealer})
	if err != nil || len(dealers) < 5 {
		t.Fatalf("dealers: %d, %v", len(dealers), err)
	}
	// The review inbox shows every finding the rules make (the second
	// check is off in the sample shop), and follow-up tasks are open.
	queue, _, err := svc.ReviewQueue(ctx, 100, 0)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[app.FindingKind]bool{}
	for _, r := range queue {
		for _, f := range r.Findings {
			kinds[f.Kind] = true
		}
	}
	for _, k := range app.FindingKinds() {
		if !kinds[k] && k != app.FindSecondCheck {
			t.Errorf("no order in the review inbox shows %s", k)
		}
	}
	tasks, err := svc.Tasks(ctx, app.TaskFilter{OpenOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	open := map[app.TaskKind]int{}
	for _, k := range tasks {
		open[k.Kind]++
	}
	for _, k := range []app.TaskKind{app.TaskContactCustomer, app.TaskSendConfirmation, app.TaskPaymentReminder} {
		if open[k] == 0 {
			t.Errorf("no open %s task (%v)", k, open)
		}
	}
	// Money: deposits, dealer accounts due and overdue, invoices issued.
	owed, err := svc.Receivables(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var due, overdue int
	for _, r := range owed {
		if r.DaysOverdue(now) > 0 {
			overdue++
		} else {
			due++
		}
	}
	invoices, err := svc.Invoices(ctx, app.InvoiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	partly, err := svc.SearchOrders(ctx, app.OrderQuery{PaymentStatus: []app.PaymentStatus{app.PaymentPartlyPaid}, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if due == 0 || overdue == 0 || len(invoices) == 0 || partly.Total == 0 {
		t.Errorf("partly paid orders: %d", partly.Total)
		t.Errorf("receivables: %d not yet due, %d overdue; %d invoices", due, overdue, len(invoices))
	}
	// Fulfilment: every queue has work in it, and parcels in every state
	// a shop sees.
	counts, err := svc.StageCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range app.Stages() {
		if counts[st] == 0 {
			t.Errorf("the %s queue is empty (%v)", st, counts)
		}
	}
	shipments, err := svc.Shipments(ctx, app.ShipmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	states := map[app.ShipmentStatus]int{}
	var merged, split int
	perOrder := map[int64]int{}
	for _, sh := range shipments {
		states[sh.Status]++
		if len(sh.OrderIDs) > 1 {
			merged++
		}
		if sh.ResendOf == 0 {
			perOrder[sh.OrderIDs[0]]++
		}
	}
	for _, n := range perOrder {
		if n > 1 {
			split++
		}
	}
	for _, st := range []app.ShipmentStatus{app.ShipmentToPack, app.ShipmentPacked, app.ShipmentShipped, app.ShipmentDelivered, app.ShipmentClosed} {
		if states[st] == 0 {
			t.Errorf("no sample shipment is %s (%v)", st, states)
		}
	}
	if merged == 0 || split == 0 {
		t.Errorf("%d merged and %d split shipments, want some of each", merged, split)
	}
	// After-sales: cases in every state, complaints in every category and
	// state, an exchange sent out as an order of its own.
	cases, _, err := svc.Cases(ctx, app.CaseFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	caseStates, linked := map[app.CaseStatus]int{}, 0
	for _, c := range cases {
		caseStates[c.Status]++
		if c.LinkedOrderID != 0 {
			linked++
		}
	}
	for _, st := range app.CaseStatuses() {
		if caseStates[st] == 0 {
			t.Errorf("no sample case is %s (%v)", st, caseStates)
		}
	}
	complaints, _, err := svc.Complaints(ctx, app.ComplaintFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	cats, cstates := map[app.ComplaintCategory]int{}, map[app.ComplaintStatus]int{}
	for _, c := range complaints {
		cats[c.Category]++
		cstates[c.Status]++
	}
	if len(cats) != len(app.ComplaintCategories()) || len(cstates) != len(app.ComplaintStatuses()) || linked < 2 {
		t.Errorf("complaints by category %v, by state %v; %d cases send goods out", cats, cstates, linked)
	}
	if rules, _ := svc.CarrierRules(ctx); len(rules) < 3 {
		t.Errorf("carrier rules: %+v", rules)
	}
	if _, err := sample.Generate(ctx, store, sample.Options{Orders: 1, Now: now}); err == nil {
		t.Fatal("a second sample went into a shop that has orders")
	}
}
