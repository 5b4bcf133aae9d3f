package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// The After-sales section with the rest of the desk: complaints, a parcel
// brought back from the Fulfilment section, and the shell's order detail
// and work queue opening cases.

// TestAfterSalesComplaintLife registers a complaint (a refusal first),
// takes it on, notes the investigation, opens a partial refund from it,
// resolves it with compensation and closes it satisfied.
func TestAfterSalesComplaintLife(t *testing.T) {
	f, o, _ := afterSalesShop(t)
	s, w := openAfterSales(t, f)
	s.tabs.Select(s.complaintsTab)
	tapIn(t, w.Content(), "New complaint…")
	ask := dialogOnTop(t, w)
	test.Type(entries(ask)[0], "张伟")
	test.Type(entryLike(t, ask, "Phone or e-mail"), "13800138000")
	test.Type(entryLike(t, ask, "Optional: the order it is about"), o.Number)
	selectLike(t, ask, "Choose what it is about").SetSelected("Logistics")
	selectsLike(ask, "(Select one)")[0].SetSelected("Warehouse")
	tapIn(t, ask, "Register")
	content := entryLike(t, ask, "What happened, in the customer's words")
	if dialogOnTop(t, w) != ask {
		t.Fatal("a complaint without content closed the dialog")
	}
	if got := problemPast(ask, func(o fyne.CanvasObject) bool { return o == content }); got != "This field is required" {
		t.Fatalf("under the complaint's text: %q\n%s", got, texts(ask))
	}
	if list, n, _ := f.svc.Complaints(f.ctx, app.ComplaintFilter{}); n != 0 {
		t.Fatalf("a refused complaint was saved: %+v", list)
	}
	test.Type(content, "The courier threw the parcel over the gate.")
	tapIn(t, ask, "Register")
	list, _, _ := f.svc.Complaints(f.ctx, app.ComplaintFilter{})
	if len(list) != 1 || list[0].Status != app.ComplaintPending || list[0].OrderID != o.ID || list[0].Department != app.RoleWarehouse ||
		list[0].Category != app.ComplaintLogistics {
		t.Fatalf("complaints %+v", list)
	}
	cp := list[0]
	if shown := texts(w.Content()); !strings.Contains(shown, "Complaint "+cp.Number) || s.complaintsTab.Text != "Complaints (1 open)" {
		t.Fatalf("the section shows:\n%s", shown)
	}
	complaint := func() *app.Complaint {
		t.Helper()
		c, err := f.svc.Complaint(f.ctx, cp.ID)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}

	tapIn(t, w.Content(), "Take on")
	if got := complaint(); got.Status != app.ComplaintInvestigating {
		t.Fatalf("taken on: %s", got.Status)
	}
	tapIn(t, w.Content(), "Add note…")
	note := dialogOnTop(t, w)
	test.Type(entryIn(t, note), "called ZTO: the driver was warned")
	tapIn(t, note, "Add note")
	if got := complaint(); !strings.Contains(got.Investigation, "the driver was warned") {
		t.Fatalf("notes %q", got.Investigation)
	}

	tapIn(t, w.Content(), "Open a case…")
	ask = dialogOnTop(t, w)
	if e := entryLike(t, ask, "Order number, then Enter"); e.Text != o.Number || len(entriesLike(ask, "0")) != 2 {
		t.Fatalf("the case starts from order %q with %d lines", e.Text, len(entriesLike(ask, "0")))
	}
	selectLike(t, ask, "Choose what the customer asks for").SetSelected("Partial refund, goods kept")
	selectLike(t, ask, "Choose why").SetSelected("Damaged in transit")
	test.Type(entryLike(t, ask, "For a partial refund: the amount, like 12.50"), "10")
	tapIn(t, ask, "Create case")
	got := complaint()
	if got.CaseID == 0 {
		t.Fatal("the complaint opened no case")
	}
	linked, _ := f.svc.Case(f.ctx, got.CaseID)
	if linked.Kind != app.CasePartialRefund || linked.RefundAmount != 1000 || linked.ComplaintID != cp.ID {
		t.Fatalf("the complaint's case %+v", linked)
	}
	if shown := texts(w.Content()); !strings.Contains(shown, "After-sales case "+linked.Number+": Partial refund, goods kept, Requested") {
		t.Errorf("the complaint does not show its case:\n%s", shown)
	}

	tapIn(t, w.Content(), "Resolve…")
	resolve := dialogOnTop(t, w)
	test.Type(entryIn(t, resolve), "apologised; the courier was changed")
	test.Type(entryLike(t, resolve, "Optional, like 12.50"), "5")
	tapIn(t, resolve, "Resolve")
	if got := complaint(); got.Status != app.ComplaintResolved || got.Compensation != 500 || f.order(t, o).AmountRefunded != 500 {
		t.Fatalf("resolved %+v, order refunded %d", got, f.order(t, o).AmountRefunded)
	}

	tapIn(t, w.Content(), "Close…")
	closing := dialogOnTop(t, w)
	for _, obj := range test.LaidOutObjects(closing) {
		if r, ok := obj.(*widget.RadioGroup); ok {
			r.SetSelected("Satisfied")
		}
	}
	tapIn(t, closing, "Close complaint")
	if got := complaint(); got.Status != app.ComplaintClosed || got.Satisfaction != app.Satisfied {
		t.Fatalf("closed %+v", got)
	}
	if s.complaintsTab.Text != "Complaints (0 open)" {
		t.Errorf("the tab says %q", s.complaintsTab.Text)
	}
}

// TestAfterSalesReturnToSender brings a refused parcel back from the
// Fulfilment section's problems: its order gets an undeliverable case,
// which opens in After-sales.
func TestAfterSalesReturnToSender(t *testing.T) {
	f := fulfilShop(t)
	sh := f.shipped(t, f.urgent)
	if _, err := f.svc.ReportProblem(f.ctx, sh.ID, app.ProblemRefused, "refused at the door"); err != nil {
		t.Fatal(err)
	}
	s, w := openFulfilment(t, f)
	var opened int64
	s.openCase = func(id int64, _ string) { opened = id }
	showRow(t, s, app.StageProblem, f.urgent.ID)
	tapIn(t, w.Content(), "Return to sender…")
	ask := dialogOnTop(t, w)
	test.Type(entryIn(t, ask), "called twice, no answer")
	tapIn(t, ask, "Return to sender")
	if got, _ := f.svc.Shipment(f.ctx, sh.ID); got.Status != app.ShipmentReturned {
		t.Fatalf("the shipment is %s", got.Status)
	}
	list := f.cases(t, f.urgent.ID)
	if len(list) != 1 || list[0].Kind != app.CaseUndeliverable || list[0].Status != app.CaseApproved || list[0].ShipmentID != sh.ID {
		t.Fatalf("cases %+v", list)
	}
	told := dialogOnTop(t, w)
	if shown := texts(told); !strings.Contains(shown, "comes back as case "+list[0].Number) {
		t.Fatalf("the user is told:\n%s", shown)
	}
	tapIn(t, told, "Open case")
	if opened != list[0].ID {
		t.Fatalf("opened case %d, want %d", opened, list[0].ID)
	}
	if got := s.queue(app.StageProblem).tab.Text; got != "Problems (0)" {
		t.Errorf("the problems tab says %q", got)
	}
}

// TestAfterSalesFromOrderAndWorkQueue: in the shell, the order detail
// lists the order's case and offers a new one; the work queue's task to
// decide the case opens it in After-sales.
func TestAfterSalesFromOrderAndWorkQueue(t *testing.T) {
	f, o, _ := afterSalesShop(t)
	c, err := f.svc.OpenCase(f.ctx, app.CaseInput{OrderID: o.ID, Kind: app.CaseReturnRefund, Reason: app.ReasonChangedMind,
		PackagingIntact: true, Lines: []app.CaseLineInput{{LineID: o.Lines[0].ID, Qty: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	defer w.Close()
	s := NewShell(f.ctx, f.svc, w, NewSettings(fyne.CurrentApp().Preferences()), "/shops/corner-tea.db")
	s.background = func(fn func()) { fn() }
	s.afterSales.typingPause = 0
	w.SetContent(s.Content())
	s.Start()
	w.Resize(fyne.NewSize(1400, 860))
	if s.sections[s.afterSalesAt].title != "After-sales" {
		t.Fatalf("section %d is %q", s.afterSalesAt, s.sections[s.afterSalesAt].title)
	}

	d := s.details[1]
	if err := d.Load(f.ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	if shown := texts(d.Content()); !strings.Contains(shown, c.Number) || !strings.Contains(shown, "Return and refund · Requested") ||
		!strings.Contains(shown, "New complaint…") {
		t.Fatalf("the order detail shows:\n%s", shown)
	}
	tapIn(t, d.Content(), "New case…")
	ask := dialogOnTop(t, w)
	if shown := texts(ask); !strings.Contains(shown, "1. TEA-001 龙井茶 250g\nshipped 2 · returned 0 · up to 1") {
		t.Fatalf("the new case from the order lists:\n%s", shown)
	}
	tapIn(t, ask, "Cancel")
	// An order whose goods have not left offers no case.
	if err := d.Load(f.ctx, f.short.ID); err != nil {
		t.Fatal(err)
	}
	if shown := texts(d.Content()); strings.Contains(shown, "New case…") {
		t.Fatalf("an order not shipped offers a case:\n%s", shown)
	}

	s.nav.Select(0)
	i := -1
	for k, task := range s.queue.tasks {
		if task.SubjectKind == app.SubjectCase && task.SubjectID == c.ID && task.Kind == app.TaskCaseDecide {
			i = k
		}
	}
	if i < 0 {
		t.Fatalf("no task to decide case %s among %+v", c.Number, s.queue.tasks)
	}
	s.queue.list.Select(i)
	if s.current != s.afterSalesAt || s.afterSales.cases.search.Text != c.Number {
		t.Fatalf("the task shows section %d searching %q", s.current, s.afterSales.cases.search.Text)
	}
	if v := s.afterSales.caseDetail.view; v == nil || v.c.ID != c.ID {
		t.Fatalf("the After-sales detail does not show case %s", c.Number)
	}
	// Past the window? No: within it, with the packaging intact.
	if text := s.afterSales.caseDetail.eligibility.Text; !strings.HasPrefix(text, "Eligible") {
		t.Errorf("eligibility says %q", text)
	}
}
