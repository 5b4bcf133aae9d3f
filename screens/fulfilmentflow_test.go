package screens

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// The Fulfilment section's steps one order at a time, through the GUI:
// the pick check, packing, shipping, problems, sign-off and the
// out-of-stock dialog.

// TestFulfilmentPickCheckByScanner scans as a keyboard-wedge scanner
// types: the order's number and Enter, then each item and Enter.
func TestFulfilmentPickCheckByScanner(t *testing.T) {
	f := fulfilShop(t)
	f.picked(t, f.first)
	s, w := openFulfilment(t, f)
	s.ShowStage(app.StageVerify)
	tapIn(t, w.Content(), "Pick check…")
	p := s.pickCheck
	if p == nil {
		t.Fatal("no pick check opened")
	}
	test.Type(p.verifier, "王师傅")
	pressEnter(p.verifier)
	test.Type(p.orderScan, f.first.Number)
	pressEnter(p.orderScan)
	if !strings.Contains(p.title.Text, f.first.Number) || !strings.Contains(p.progress.Text, "0 of 3 units") {
		t.Fatalf("the check shows %q, %q", p.title.Text, p.progress.Text)
	}
	scan := func(code string, want string, importance widget.Importance) {
		t.Helper()
		test.Type(p.itemScan, code)
		pressEnter(p.itemScan)
		if !strings.Contains(p.outcome.Text, want) || p.outcome.Importance != importance {
			t.Errorf("scanning %s says %q (%v), want %q (%v)", code, p.outcome.Text, p.outcome.Importance, want, importance)
		}
		if p.itemScan.Text != "" || p.win.Canvas().Focused() != p.itemScan {
			t.Errorf("after scanning %s the entry holds %q, focused: %v", code, p.itemScan.Text, p.win.Canvas().Focused() == p.itemScan)
		}
	}
	scan("6900000000001", "Wrong item: 6900000000001 is not on this order", widget.DangerImportance)
	scan("6901234567892", "TEA-001 龙井茶 250g: 1 of 2", widget.SuccessImportance)
	scan("6901234567892", "TEA-001 龙井茶 250g: 2 of 2", widget.SuccessImportance)
	scan("6901234567892", "Too many: TEA-001 needs only 2", widget.WarningImportance)
	scan("cup-002", "Everything is there", widget.SuccessImportance)
	if p.progress.Text != "3 of 3 units" {
		t.Errorf("progress says %q", p.progress.Text)
	}
	tapIn(t, p.Content(), "Confirm the check")
	if got := f.order(t, f.first).VerifiedBy; got != "王师傅" {
		t.Fatalf("the order was checked by %q", got)
	}
	if !strings.Contains(p.outcome.Text, "checked by 王师傅") || p.win.Canvas().Focused() != p.orderScan {
		t.Errorf("after confirming the check says %q", p.outcome.Text)
	}
	if got := s.queue(app.StagePack).tab.Text; got != "To pack (1)" {
		t.Errorf("the pack tab says %q", got)
	}
}

// TestFulfilmentPickCheckShortAccepted confirms a count one cup short:
// the check asks, then the out-of-stock dialog opens for the order.
func TestFulfilmentPickCheckShortAccepted(t *testing.T) {
	f := fulfilShop(t)
	f.picked(t, f.first)
	s, w := openFulfilment(t, f)
	showRow(t, s, app.StageVerify, f.first.ID)
	tapIn(t, w.Content(), "Check this pick…")
	p := s.pickCheck
	test.Type(p.verifier, "王师傅")
	// The tea is ticked by eye; the cup is not found.
	for _, r := range p.rows {
		if r.sku == "TEA-001" {
			r.tick.SetChecked(true)
		}
	}
	if p.progress.Text != "2 of 3 units" {
		t.Fatalf("progress says %q", p.progress.Text)
	}
	tapIn(t, p.Content(), "Confirm the check")
	ask := dialogOnTop(t, p.win)
	if shown := texts(ask); !strings.Contains(shown, "CUP-002 × 1 not found") {
		t.Fatalf("the short pick asks:\n%s", shown)
	}
	if f.order(t, f.first).VerifiedBy != "" {
		t.Fatal("a short count was recorded without asking")
	}
	tapIn(t, ask, "Accept short pick")
	if got := f.order(t, f.first).VerifiedBy; got != "王师傅" {
		t.Fatalf("the accepted short pick was checked by %q", got)
	}
	if shown := texts(dialogOnTop(t, p.win)); !strings.Contains(shown, "Out of stock") || !strings.Contains(shown, "CUP-002") {
		t.Fatalf("after accepting, the pick check shows:\n%s", shown)
	}
}

func TestFulfilmentPackShipAndTell(t *testing.T) {
	f := fulfilShop(t)
	f.picked(t, f.first)
	lists, err := f.svc.PickLists(f.ctx, []int64{f.first.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.VerifyPick(f.ctx, f.first.ID, "王师傅", app.NewPickCheck(lists[0]).Expected, false); err != nil {
		t.Fatal(err)
	}
	s, w := openFulfilment(t, f)

	// Pack in one box of 1.5 kg, 30 × 20 × 10.5 cm, fragile.
	showRow(t, s, app.StagePack, f.first.ID)
	tapIn(t, w.Content(), "Pack…")
	pack := dialogOnTop(t, w)
	test.Type(entryLike(t, pack, "kg"), "1.5")
	sides := entries(pack)[1:4]
	for i, v := range []string{"30", "20", "10.5"} {
		test.Type(sides[i], v)
	}
	for _, o := range test.LaidOutObjects(pack) {
		if c, ok := o.(*widget.Check); ok && c.Text == "Fragile" {
			c.SetChecked(true)
		}
	}
	tapIn(t, pack, "Pack")
	shipments, err := f.svc.OrderShipments(f.ctx, f.first.ID)
	if err != nil || len(shipments) != 1 {
		t.Fatalf("shipments %v (%v)", shipments, err)
	}
	box := shipments[0].Packages[0]
	if box.WeightGrams != 1500 || box.HeightMM != 105 || !box.Fragile || f.order(t, f.first).Status != app.StatusPacked {
		t.Fatalf("packed %+v, order %s", box, f.order(t, f.first).Status)
	}

	// The labels print for the queue, with the suggested carrier.
	s.ShowStage(app.StageShip)
	tapIn(t, w.Content(), "Labels…")
	tapIn(t, dialogOnTop(t, w), "Open to print")
	if files := written(t); len(files) != 1 || !strings.HasPrefix(filepath.Base(files[0]), "labels-") {
		t.Fatalf("written: %v", files)
	}

	// Ship: the carrier comes from the shop's rules, the tracking number
	// is scanned and its Enter ships.
	showRow(t, s, app.StageShip, f.first.ID)
	tapIn(t, w.Content(), "Ship…")
	ship := dialogOnTop(t, w)
	tracking := entryLike(t, ship, "Scan or type it; or leave it for later")
	test.Type(tracking, "sf 1234 5678")
	pressEnter(tracking)
	sh, err := f.svc.Shipment(f.ctx, shipments[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if sh.Status != app.ShipmentShipped || sh.Carrier != "SF Express" || sh.Service != "标快" || sh.TrackingNumber != "SF12345678" {
		t.Fatalf("shipment %s is %s by %q %q, tracking %q", sh.Number, sh.Status, sh.Carrier, sh.Service, sh.TrackingNumber)
	}
	if got := f.order(t, f.first).Status; got != app.StatusShipped {
		t.Errorf("the order is %s", got)
	}
	if got := s.queue(app.StageTransit).tab.Text; got != "In transit (1)" {
		t.Errorf("the transit tab says %q", got)
	}
	// The customer's message is ready to copy, in the customer's language.
	tell := dialogOnTop(t, w)
	message := entries(tell)[0].Text
	for _, want := range []string{"张伟，您好！", f.first.Number, "SF Express", "SF12345678"} {
		if !strings.Contains(message, want) {
			t.Errorf("the message lacks %q:\n%s", want, message)
		}
	}
	tapIn(t, tell, "Copy")
	if got := fyne.CurrentApp().Clipboard().Content(); got != message {
		t.Errorf("copied %q", got)
	}
}

// TestFulfilmentShipWithoutTrackingThenRecordIt ships with the tracking
// number left for later, then records it from the transit queue.
func TestFulfilmentShipWithoutTrackingThenRecordIt(t *testing.T) {
	f := fulfilShop(t)
	sh := f.packed(t, f.first)
	s, w := openFulfilment(t, f)
	showRow(t, s, app.StageShip, f.first.ID)
	tapIn(t, w.Content(), "Ship…")
	tapIn(t, dialogOnTop(t, w), "Ship")
	if msg := entries(dialogOnTop(t, w))[0].Text; !strings.Contains(msg, "运单号稍后发给您") {
		t.Errorf("the message says:\n%s", msg)
	}
	showRow(t, s, app.StageTransit, f.first.ID)
	tapIn(t, w.Content(), "Record tracking number…")
	ask := dialogOnTop(t, w)
	tapIn(t, ask, "Save")
	if shown := texts(ask); dialogOnTop(t, w) != ask || !strings.Contains(shown, "Enter or scan the tracking number") {
		t.Fatalf("an empty tracking number was not refused in the dialog:\n%s", shown)
	}
	test.Type(entryIn(t, ask), "YT998877")
	tapIn(t, ask, "Save")
	if got, _ := f.svc.Shipment(f.ctx, sh.ID); got.TrackingNumber != "YT998877" {
		t.Fatalf("the tracking number is %q", got.TrackingNumber)
	}
}

// TestFulfilmentLostParcelResent reports a parcel lost, sends it again
// and packs the re-send.
func TestFulfilmentLostParcelResent(t *testing.T) {
	f := fulfilShop(t)
	sh := f.shipped(t, f.urgent)
	s, w := openFulfilment(t, f)
	showRow(t, s, app.StageTransit, f.urgent.ID)
	tapIn(t, w.Content(), "Report problem…")
	ask := dialogOnTop(t, w)
	for _, o := range test.LaidOutObjects(ask) {
		if sel, ok := o.(*widget.Select); ok {
			sel.SetSelected("Lost")
		}
	}
	test.Type(entryIn(t, ask), "SF cannot find it")
	tapIn(t, ask, "Report")
	if got, _ := f.svc.Shipment(f.ctx, sh.ID); got.Problem != app.ProblemLost || got.ProblemNote != "SF cannot find it" {
		t.Fatalf("the shipment's problem is %q %q", got.Problem, got.ProblemNote)
	}
	if s.current().stage != app.StageProblem || s.queue(app.StageProblem).tab.Text != "Problems (1)" {
		t.Fatalf("after the report %s shows, its tab %q", s.current().stage, s.queue(app.StageProblem).tab.Text)
	}
	if shown := texts(w.Content()); !strings.Contains(shown, "Lost") || !strings.Contains(shown, "Refund…") {
		t.Errorf("the problem queue shows:\n%s", shown)
	}

	tapIn(t, w.Content(), "Re-send")
	tapIn(t, dialogOnTop(t, w), "Yes")
	list, err := f.svc.OrderShipments(f.ctx, f.urgent.ID)
	if err != nil || len(list) != 2 {
		t.Fatalf("shipments %v (%v)", list, err)
	}
	if list[0].Status != app.ShipmentClosed || list[1].Status != app.ShipmentToPack || list[1].ResendOf != sh.ID {
		t.Fatalf("after the re-send: %s %s, %s %s of %d", list[0].Number, list[0].Status, list[1].Number, list[1].Status, list[1].ResendOf)
	}
	// The re-send waits above the pack queue with its own Pack button.
	s.ShowStage(app.StagePack)
	if shown := texts(w.Content()); !strings.Contains(shown, "Re-send "+list[1].Number) {
		t.Fatalf("the pack queue does not offer the re-send:\n%s", shown)
	}
	tapIn(t, w.Content(), "Pack…")
	pack := dialogOnTop(t, w)
	test.Type(entryLike(t, pack, "kg"), "2")
	tapIn(t, pack, "Pack")
	again, err := f.svc.Shipment(f.ctx, list[1].ID)
	if err != nil || again.Status != app.ShipmentPacked || again.WeightGrams() != 2000 {
		t.Fatalf("the re-send is %+v (%v)", again, err)
	}
	if got := s.queue(app.StageShip).tab.Text; got != "To ship (1)" {
		t.Errorf("the ship tab says %q", got)
	}
}

// TestFulfilmentDamagedParcelRefunded pays the customer back for a
// broken parcel instead of sending it again.
func TestFulfilmentDamagedParcelRefunded(t *testing.T) {
	f := fulfilShop(t)
	sh := f.shipped(t, f.urgent)
	if _, err := f.svc.ReportProblem(f.ctx, sh.ID, app.ProblemDamaged, "box crushed"); err != nil {
		t.Fatal(err)
	}
	s, w := openFulfilment(t, f)
	showRow(t, s, app.StageProblem, f.urgent.ID)
	tapIn(t, w.Content(), "Refund…")
	ask := dialogOnTop(t, w)
	amount := entryIn(t, ask)
	if amount.Text != "128.00" {
		t.Errorf("the refund starts at %q, want the goods' value", amount.Text)
	}
	amount.SetText("abc")
	tapIn(t, ask, "Refund")
	if shown := texts(ask); !strings.Contains(shown, "Enter the amount like 12.50") {
		t.Fatalf("a bad amount is not refused:\n%s", shown)
	}
	amount.SetText("100")
	tapIn(t, ask, "Refund")
	if got := f.order(t, f.urgent).AmountRefunded; got != 10000 {
		t.Fatalf("refunded %d", got)
	}
	if got, _ := f.svc.Shipment(f.ctx, sh.ID); got.Status != app.ShipmentClosed {
		t.Errorf("the shipment is %s", got.Status)
	}
}

func TestFulfilmentSignOffCompletes(t *testing.T) {
	f := fulfilShop(t)
	sh := f.shipped(t, f.first)
	f.clock = f.clock.Add(26 * time.Hour)
	s, w := openFulfilment(t, f)
	showRow(t, s, app.StageTransit, f.first.ID)
	tapIn(t, w.Content(), "Sign-off…")
	ask := dialogOnTop(t, w)
	signer := entryIn(t, ask)
	if signer.Text != "张伟" {
		t.Errorf("the signer starts as %q", signer.Text)
	}
	signer.SetText("")
	tapIn(t, ask, "Signed for")
	if dialogOnTop(t, w) != ask {
		t.Fatal("a sign-off without a signer closed the dialog")
	}
	test.Type(signer, "张伟的同事")
	test.Type(entryLike(t, ask, "Optional: what the customer noted on inspection"), "outer box dented, goods fine")
	tapIn(t, ask, "Signed for")
	got, err := f.svc.Shipment(f.ctx, sh.ID)
	if err != nil || got.Status != app.ShipmentDelivered || got.Signer != "张伟的同事" || got.SignRemarks != "outer box dented, goods fine" {
		t.Fatalf("the shipment is %+v (%v)", got, err)
	}
	if status := f.order(t, f.first).Status; status != app.StatusCompleted {
		t.Fatalf("after the sign-off the order is %s", status)
	}
	if q := s.queue(app.StageTransit); q.tab.Text != "In transit (0)" {
		t.Errorf("the transit tab says %q", q.tab.Text)
	}
}

// TestFulfilmentShortageSubstitute allocates the teapot that is out of
// stock, chooses its alternate in the out-of-stock dialog, and gets the
// message for the customer.
func TestFulfilmentShortageSubstitute(t *testing.T) {
	f := fulfilShop(t)
	s, w := openFulfilment(t, f)
	showRow(t, s, app.StageAllocate, f.short.ID)
	tapIn(t, w.Content(), "Allocate")
	ask := dialogOnTop(t, w)
	shown := texts(ask)
	if !strings.Contains(shown, "Line 1 · POT-003 紫砂壶: needs 1, 0 available") {
		t.Fatalf("the out-of-stock dialog shows:\n%s", shown)
	}
	// Saving without a choice is refused in the dialog.
	tapIn(t, ask, "Save decisions")
	if !strings.Contains(texts(ask), "Choose what to do for at least one line") {
		t.Fatalf("no choice was not refused:\n%s", texts(ask))
	}
	for _, o := range test.LaidOutObjects(ask) {
		if r, ok := o.(*widget.RadioGroup); ok {
			r.SetSelected("Send a substitute")
		}
	}
	tapIn(t, ask, "Save decisions")

	o := f.order(t, f.short)
	if o.Lines[0].SKU != "POT-004" || o.Status != app.StatusAllocated {
		t.Fatalf("the order has %s and is %s", o.Lines[0].SKU, o.Status)
	}
	decisions, err := f.svc.LineDecisions(f.ctx, o.ID)
	if err != nil || len(decisions) != 1 || decisions[0].Kind != app.ShortSubstitute || decisions[0].SubstituteFor != "POT-003" {
		t.Fatalf("decisions %+v (%v)", decisions, err)
	}
	tell := dialogOnTop(t, w)
	message := entries(tell)[0].Text
	for _, want := range []string{"王芳，您好！", f.short.Number, "紫砂壶 (POT-003) 缺货，我们将以同价的 POT-004 紫砂壶 350ml 代替发出"} {
		if !strings.Contains(message, want) {
			t.Errorf("the message lacks %q:\n%s", want, message)
		}
	}
	if got := s.queue(app.StagePick).tab.Text; got != "To pick (1)" {
		t.Errorf("the pick tab says %q", got)
	}
}

// TestFulfilmentBackorderWaits backorders the teapot: the order waits
// for stock with the date shown in its row.
func TestFulfilmentBackorderWaits(t *testing.T) {
	f := fulfilShop(t)
	s, w := openFulfilment(t, f)
	showRow(t, s, app.StageAllocate, f.short.ID)
	tapIn(t, w.Content(), "Out of stock…")
	ask := dialogOnTop(t, w)
	for _, o := range test.LaidOutObjects(ask) {
		if r, ok := o.(*widget.RadioGroup); ok {
			r.SetSelected("Backorder: wait for the stock")
		}
	}
	test.Type(entryLike(t, ask, "YYYY-MM-DD"), "2026-05-20")
	tapIn(t, ask, "Save decisions")
	message := entries(dialogOnTop(t, w))[0].Text
	if !strings.Contains(message, "预计 2026年5月20日 到货") {
		t.Errorf("the message says:\n%s", message)
	}
	if got := s.queue(app.StageWaiting).tab.Text; got != "Waiting for stock (1)" {
		t.Fatalf("the waiting tab says %q", got)
	}
	s.ShowStage(app.StageWaiting)
	if shown := texts(w.Content()); !strings.Contains(shown, "Backordered until 2026-05-20") {
		t.Errorf("the waiting queue shows:\n%s", shown)
	}
}

// TestFulfilmentHandOverAtTheCounter: a walk-in's order with no address
// waits in the ship queue without Ship or Label; "Hand over…" asks who
// took it (the customer, to start with) and completes the order.
func TestFulfilmentHandOverAtTheCounter(t *testing.T) {
	f := fulfilShop(t)
	c := &app.Customer{Name: "陈先生", Kind: app.CustomerRetail, Phone: "13900139000"}
	if err := f.svc.SaveCustomer(f.ctx, c); err != nil {
		t.Fatal(err)
	}
	o, err := f.svc.CreateOrder(f.ctx, app.OrderInput{Channel: app.ChannelWalkIn, CustomerID: c.ID, PaymentMethod: app.PayCash,
		Lines: []app.LineInput{{SKU: "TEA-001", Qty: 1}}}, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Approve(f.ctx, o.ID, "at the counter"); err != nil {
		t.Fatal(err)
	}
	sh := f.packed(t, o)
	s, w := openFulfilment(t, f)
	showRow(t, s, app.StageShip, o.ID)
	for _, text := range []string{"Ship…", "Label"} {
		for _, obj := range test.LaidOutObjects(w.Content()) {
			if b, ok := obj.(*widget.Button); ok && b.Text == text {
				t.Errorf("a parcel with no address offers %q", text)
			}
		}
	}
	if !strings.Contains(texts(w.Content()), "No address: handed over at the counter") {
		t.Errorf("the detail does not say the order is collected:\n%s", texts(w.Content()))
	}
	tapIn(t, w.Content(), "Hand over…")
	ask := dialogOnTop(t, w)
	taker := entryIn(t, ask)
	if taker.Text != "陈先生" {
		t.Errorf("who took it starts as %q", taker.Text)
	}
	tapIn(t, ask, "Handed over")
	got, err := f.svc.Shipment(f.ctx, sh.ID)
	if err != nil || !got.HandedOver || got.Status != app.ShipmentDelivered || got.Signer != "陈先生" {
		t.Fatalf("the shipment is %+v (%v)", got, err)
	}
	if status := f.order(t, o).Status; status != app.StatusCompleted {
		t.Errorf("after the hand-over the order is %s", status)
	}
	if q := s.queue(app.StageShip); strings.Contains(q.tab.Text, "(1)") {
		t.Errorf("the ship tab still counts it: %q", q.tab.Text)
	}
}
