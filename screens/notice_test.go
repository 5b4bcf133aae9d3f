package screens

import (
	"errors"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// listenNotices gives a window shown without the shell a status line, so
// a test can read what its screen says.
func listenNotices(t *testing.T, w fyne.Window) *noticeBar {
	t.Helper()
	n := newNoticeBar(w)
	t.Cleanup(func() { delete(notices, w) })
	return n
}

// openShell shows the main window over the fixture's shop, its work run
// inline and searches made at once.
func openShell(t *testing.T, f *fulfilFixture) (*Shell, fyne.Window) {
	t.Helper()
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	t.Cleanup(func() { delete(notices, w) })
	s := NewShell(f.ctx, f.svc, w, NewSettings(fyne.CurrentApp().Preferences()), "/shops/corner-tea.db")
	s.background = func(fn func()) { fn() }
	s.orders.typingPause = 0
	w.SetContent(s.Content())
	s.Start()
	w.Resize(fyne.NewSize(1400, 860))
	return s, w
}

// heldTimers keeps the notices' timers for the test to run.
type heldTimers struct{ waits []time.Duration }

func holdNoticeTimers(t *testing.T) (*heldTimers, *[]func()) {
	t.Helper()
	held, runs := &heldTimers{}, &[]func(){}
	before := noticeTimer
	noticeTimer = func(d time.Duration, f func()) {
		held.waits = append(held.waits, d)
		*runs = append(*runs, f)
	}
	t.Cleanup(func() { noticeTimer = before })
	return held, runs
}

// TestNoticeSaysWhatWasDone: Approve and Pack say what they did; a
// message goes when its time is up or the section changes.
func TestNoticeSaysWhatWasDone(t *testing.T) {
	f := fulfilShop(t)
	held, runs := holdNoticeTimers(t)
	s, w := openShell(t, f)
	waiting, err := f.svc.CreateOrder(f.ctx, app.OrderInput{Channel: app.ChannelPhone, CustomerID: f.first.CustomerID,
		RecipientName: "张伟", RecipientPhone: "13800138000", Address: f.first.Address, PaymentMethod: app.PayAlipay,
		Lines: []app.LineInput{{SKU: "CUP-002", Qty: 1}}}, true)
	if err != nil || waiting.Status != app.StatusPendingReview {
		t.Fatalf("the order waits? %v (%v)", waiting, err)
	}

	// Approve it in Review.
	s.nav.Select(2)
	if s.review.chosen != waiting.ID {
		t.Fatalf("Review shows order %d, want %s", s.review.chosen, waiting.Number)
	}
	tapIn(t, s.review.Content(), "Approve…")
	tapIn(t, dialogOnTop(t, w), "Approve")
	if said := s.notice.text.Text; said != "Order "+waiting.Number+" approved: it is confirmed" {
		t.Errorf("after approving the window says %q", said)
	}
	if len(held.waits) == 0 || held.waits[len(held.waits)-1] != noticeFor {
		t.Errorf("the message stays for %v", held.waits)
	}

	// Pack a checked pick in Fulfilment.
	f.picked(t, f.first)
	lists, err := f.svc.PickLists(f.ctx, []int64{f.first.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.VerifyPick(f.ctx, f.first.ID, "王师傅", app.NewPickCheck(lists[0]).Expected, false); err != nil {
		t.Fatal(err)
	}
	s.nav.Select(3)
	showRow(t, s.fulfilment, app.StagePack, f.first.ID)
	tapIn(t, s.fulfilment.detail.Content(), "Pack…")
	tapIn(t, dialogOnTop(t, w), "Pack")
	shipments, err := f.svc.OrderShipments(f.ctx, f.first.ID)
	if err != nil || len(shipments) != 1 {
		t.Fatalf("shipments %v (%v)", shipments, err)
	}
	want := f.first.Number + " packed in one box: shipment " + shipments[0].Number + " waits in To ship"
	if said := s.notice.text.Text; said != want || s.notice.box.Hidden {
		t.Errorf("after packing the window says %q, want %q", said, want)
	}

	// Its time up, the message goes.
	(*runs)[len(*runs)-1]()
	if !s.notice.box.Hidden || s.notice.text.Text != "" {
		t.Errorf("the message stays: %q", s.notice.text.Text)
	}
	// An older message's timer does not take a newer one away.
	notify(w, "newer", 0)
	(*runs)[0]()
	if s.notice.text.Text != "newer" {
		t.Errorf("an old timer cleared the newer message")
	}
	// Another section: the message spoke of the last one, and goes.
	s.nav.Select(1)
	if !s.notice.box.Hidden {
		t.Errorf("the message stays in another section: %q", s.notice.text.Text)
	}
}

// TestNoticeNoPDFViewer: on a machine where nothing opens a PDF, printing
// says the document could not be opened, where it is, and offers its
// folder; a screen shown alone asks the same in a dialog.
func TestNoticeNoPDFViewer(t *testing.T) {
	f := fulfilShop(t)
	var opened []string
	before := openURL
	openURL = func(u *url.URL) error {
		opened = append(opened, u.Path)
		if strings.HasSuffix(u.Path, ".pdf") {
			return errors.New("no application knows PDF")
		}
		return nil
	}
	t.Cleanup(func() { openURL = before })
	s, w := openShell(t, f)
	s.nav.Select(1)
	i, ok := s.orders.pages.Find(func(r app.OrderRow) bool { return r.ID == f.first.ID })
	if !ok {
		t.Fatalf("order %s is not listed", f.first.Number)
	}
	s.orders.table.Select(widget.TableCellID{Row: i, Col: 0})

	tapIn(t, s.details[1].Content(), "Print")
	folder := documentsDir()
	want := "order-" + f.first.Number + ".pdf could not be opened: no PDF viewer answered. It is saved in " + folder
	if said := s.notice.text.Text; said != want {
		t.Fatalf("the window says %q, want %q", said, want)
	}
	if s.notice.offer.Hidden || s.notice.offer.Text != "Open folder" {
		t.Fatalf("no Open folder offered: %q hidden %v", s.notice.offer.Text, s.notice.offer.Hidden)
	}
	test.Tap(s.notice.offer)
	if last := opened[len(opened)-1]; last != filepath.ToSlash(folder) {
		t.Errorf("Open folder opened %q, want %q", last, folder)
	}
	if top := w.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a dialog covers the window:\n%s", texts(top))
	}

	// The Fulfilment screen alone, without the shell's status line.
	if _, err := f.svc.Allocate(f.ctx, f.urgent.ID); err != nil {
		t.Fatal(err)
	}
	alone, aw := openFulfilment(t, f)
	showRow(t, alone, app.StagePick, f.urgent.ID)
	tapIn(t, alone.detail.Content(), "Print pick list")
	tapIn(t, dialogOnTop(t, aw), "Open to print")
	ask := dialogOnTop(t, aw)
	if shown := texts(ask); !strings.Contains(shown, "could not be opened") || !strings.Contains(shown, "1 order moved to picking") {
		t.Fatalf("the screen alone says:\n%s", shown)
	}
	tapIn(t, ask, "Open folder")
}

// TestNoticeFulfilmentSteps: allocating one order, shipping a parcel and
// reporting and clearing its problem each say what they did.
func TestNoticeFulfilmentSteps(t *testing.T) {
	f := fulfilShop(t)
	shipment := f.packed(t, f.urgent)
	s, w := openFulfilment(t, f)
	notice := listenNotices(t, w)

	showRow(t, s, app.StageAllocate, f.first.ID)
	tapIn(t, s.detail.Content(), "Allocate")
	if want := "Order " + f.first.Number + " allocated: it waits in To pick"; notice.text.Text != want {
		t.Errorf("after allocating the window says %q, want %q", notice.text.Text, want)
	}

	showRow(t, s, app.StageShip, f.urgent.ID)
	tapIn(t, s.detail.Content(), "Ship…")
	tracking := entryLike(t, dialogOnTop(t, w), "Scan or type it; or leave it for later")
	test.Type(tracking, "SF5550001")
	pressEnter(tracking)
	if want := shipment.Number + " shipped: it is in transit"; notice.text.Text != want {
		t.Errorf("after shipping the window says %q, want %q", notice.text.Text, want)
	}
	tapIn(t, dialogOnTop(t, w), "Close") // the customer's message

	showRow(t, s, app.StageTransit, f.urgent.ID)
	tapIn(t, s.detail.Content(), "Report problem…")
	report := dialogOnTop(t, w)
	selectsLike(report, "Choose what went wrong")[0].SetSelectedIndex(0)
	tapIn(t, report, "Report")
	if want := "Problem with " + shipment.Number + " reported: it waits in Problems"; notice.text.Text != want {
		t.Errorf("after reporting the window says %q, want %q", notice.text.Text, want)
	}

	showRow(t, s, app.StageProblem, f.urgent.ID)
	tapIn(t, s.detail.Content(), "Clear problem…")
	clear := dialogOnTop(t, w)
	test.Type(entries(clear)[0], "moving again")
	tapIn(t, clear, "Clear problem")
	if want := "The problem of " + shipment.Number + " is cleared"; notice.text.Text != want {
		t.Errorf("after clearing the window says %q, want %q", notice.text.Text, want)
	}
}
