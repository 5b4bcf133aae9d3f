package screens

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// fakeKeeper records what the panel asks of the backups.
type fakeKeeper struct {
	list      []BackupFile
	backedUp  []string
	verified  []string
	restored  []string
	backUpErr error
	bad       map[string]error // Verify's answer by path
	check     ShopCheck        // Check's answer
}

func (k *fakeKeeper) Folder() string                 { return "/home/lin/.local/share/orderdesk/backups" }
func (k *fakeKeeper) Backups() ([]BackupFile, error) { return k.list, nil }
func (k *fakeKeeper) Schedule() BackupSchedule {
	return BackupSchedule{EveryHours: 4, KeepDays: 7, KeepMonths: 12, Last: time.Date(2026, 5, 14, 9, 30, 0, 0, time.Local)}
}

func (k *fakeKeeper) BackUp(_ context.Context, path string) (BackupFile, error) {
	k.backedUp = append(k.backedUp, path)
	if k.backUpErr != nil {
		return BackupFile{}, k.backUpErr
	}
	if path == "" {
		path = k.Folder() + "/shop-manual-20260514-113000.db"
	}
	b := BackupFile{Path: path, Kind: "manual", Time: time.Date(2026, 5, 14, 11, 30, 0, 0, time.Local), Size: 12 << 10}
	k.list = append([]BackupFile{b}, k.list...)
	return b, nil
}

func (k *fakeKeeper) Verify(_ context.Context, path string) (BackupContents, error) {
	k.verified = append(k.verified, path)
	if err := k.bad[path]; err != nil {
		return BackupContents{}, err
	}
	for _, b := range k.list {
		if b.Path == path {
			return BackupContents{BackupFile: b, Shop: "青岚茶舍", Orders: 80}, nil
		}
	}
	return BackupContents{}, errors.New("no such file")
}

func (k *fakeKeeper) Restore(path string) { k.restored = append(k.restored, path) }

func (k *fakeKeeper) Check(context.Context) (ShopCheck, error) { return k.check, nil }

func newFakeKeeper() *fakeKeeper {
	day := func(d, h int) time.Time { return time.Date(2026, 5, d, h, 0, 0, 0, time.Local) }
	return &fakeKeeper{list: []BackupFile{
		{Path: "/b/shop-damaged-20260514-100000.db", Kind: "damaged", Time: day(14, 10), Size: 900 << 10},
		{Path: "/b/shop-auto-20260514-090000.db", Kind: "auto", Time: day(14, 9), Size: 1258291},
		{Path: "/b/shop-auto-20260513-170000.db", Kind: "auto", Time: day(13, 17), Size: 1153433},
		{Path: "/b/shop-before-restore-20260512-080000.db", Kind: "before-restore", Time: day(12, 8), Size: 3 << 20},
	}}
}

func backupsPanel(t *testing.T, k BackupKeeper) (*BackupsPanel, fyne.Window) {
	t.Helper()
	newTestApp(t)
	LoadTranslations("en")
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	p := NewBackupsPanel(context.Background(), w, k)
	p.background = func(f func()) { f() }
	w.SetContent(p.Content())
	w.Resize(fyne.NewSize(900, 700))
	p.Update(context.Background())
	return p, w
}

// inDialog finds a button in the topmost dialog.
func inDialog(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog open; wanted one with %q", text)
	}
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q in the dialog: %s", text, texts(top))
	return nil
}

// TestBackupsPanelListsAndBacksUp: the panel shows where backups go, how
// automatic ones are made, the latest with their times and sizes, and
// backs up into the folder or to a chosen file.
func TestBackupsPanelListsAndBacksUp(t *testing.T) {
	k := newFakeKeeper()
	p, w := backupsPanel(t, k)
	shown := texts(w.Content())
	for _, want := range []string{"/home/lin/.local/share/orderdesk/backups", "every 4 hours", "last 7 days and 12 months",
		"Last automatic backup: 2026-05-14 09:30", "2026-05-14 09:00 · automatic · 1.2 MB", "2026-05-13 17:00 · automatic · 1.1 MB",
		"2026-05-12 08:00 · before a restore · 3.0 MB", "damaged copy"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the panel does not show %q:\n%s", want, shown)
		}
	}

	test.Tap(findButton(t, w, "Back up now…"))
	test.Tap(inDialog(t, w, "Into the backups folder"))
	if len(k.backedUp) != 1 || k.backedUp[0] != "" {
		t.Fatalf("backed up to %q", k.backedUp)
	}
	if !strings.Contains(p.note.Text, "Backed up to /home/lin/.local/share/orderdesk/backups/shop-manual-20260514-113000.db (12 KB)") ||
		!strings.Contains(p.latest.Text, "2026-05-14 11:30 · by hand · 12 KB") {
		t.Fatalf("after the backup: note %q, list %q", p.note.Text, p.latest.Text)
	}

	p.chooseSave = func(picked func(string)) { picked("/media/usb/tea.db") }
	test.Tap(findButton(t, w, "Back up now…"))
	test.Tap(inDialog(t, w, "Choose file…"))
	if len(k.backedUp) != 2 || k.backedUp[1] != "/media/usb/tea.db" {
		t.Fatalf("backed up to %q", k.backedUp)
	}

	k.backUpErr = errors.New("The disk is full: the change was not saved.")
	test.Tap(findButton(t, w, "Back up now…"))
	test.Tap(inDialog(t, w, "Into the backups folder"))
	if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(texts(top), "The backup failed:\nThe disk is full") {
		t.Fatalf("a failed backup is not shown as one")
	}
}

// TestBackupsPanelRestore: Restore… offers the latest good backups, checks
// the chosen one, warns what a restore takes away, and restores only
// when told to; a file that is no backup is refused with the reason.
func TestBackupsPanelRestore(t *testing.T) {
	k := newFakeKeeper()
	k.bad = map[string]error{"/home/lin/notes.txt": errors.New("This file is not an OrderDesk backup.\n(it is a text file)")}
	p, w := backupsPanel(t, k)

	test.Tap(findButton(t, w, "Restore…"))
	offered := texts(w.Canvas().Overlays().Top())
	if strings.Contains(offered, "damaged") {
		t.Fatalf("a damaged copy is offered for restoring:\n%s", offered)
	}
	test.Tap(inDialog(t, w, "Check this backup…"))
	if len(k.verified) != 1 || k.verified[0] != "/b/shop-auto-20260514-090000.db" {
		t.Fatalf("verified %q, want the newest good backup", k.verified)
	}
	warning := texts(w.Canvas().Overlays().Top())
	for _, want := range []string{"The backup of 青岚茶舍 from 2026-05-14 09:00 (80 orders) checks out.",
		"everything entered since 2026-05-14 09:00 is taken out", "kept in the backups folder first"} {
		if !strings.Contains(warning, want) {
			t.Errorf("the warning does not say %q:\n%s", want, warning)
		}
	}
	test.Tap(inDialog(t, w, "Cancel"))
	if len(k.restored) != 0 {
		t.Fatal("restored although the user cancelled")
	}

	p.chooseOpen = func(picked func(string)) { picked("/home/lin/notes.txt") }
	test.Tap(findButton(t, w, "Restore…"))
	test.Tap(inDialog(t, w, "Choose file…"))
	if refused := texts(w.Canvas().Overlays().Top()); !strings.Contains(refused, "This backup cannot be restored:\nThis file is not an OrderDesk backup.") {
		t.Fatalf("the refusal says:\n%s", refused)
	}
	if len(k.restored) != 0 {
		t.Fatal("restored a file that is no backup")
	}
	w.Canvas().Overlays().Top().Hide()

	test.Tap(findButton(t, w, "Restore…"))
	test.Tap(inDialog(t, w, "Check this backup…"))
	test.Tap(inDialog(t, w, "Restore"))
	if len(k.restored) != 1 || k.restored[0] != "/b/shop-auto-20260514-090000.db" {
		t.Fatalf("restored %q", k.restored)
	}
}

// TestSettingsHasBackups: Settings shows the Backups part when the window
// gives it a keeper, and says backups are the window's business when not.
func TestSettingsHasBackups(t *testing.T) {
	ctx, svc := sampleShop(t)
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(900, 1600))
	s := NewSettingsScreen(ctx, svc, w, NewSettings(newTestApp(t).Preferences()), "/tmp/shop.db")
	w.SetContent(s.Content())
	if !strings.Contains(texts(w.Content()), "Backups are made by the OrderDesk window.") {
		t.Fatal("without a keeper Settings does not say where backups are made")
	}

	UseBackups(newFakeKeeper())
	defer UseBackups(nil)
	s = NewSettingsScreen(ctx, svc, w, NewSettings(newTestApp(t).Preferences()), "/tmp/shop.db")
	s.background = func(f func()) { f() }
	w.SetContent(s.Content())
	if err := s.Update(ctx); err != nil {
		t.Fatal(err)
	}
	findButton(t, w, "Back up now…")
	findButton(t, w, "Restore…")
	if !strings.Contains(texts(w.Content()), "2026-05-14 09:00 · automatic · 1.2 MB") {
		t.Fatalf("Settings does not list the backups:\n%s", texts(w.Content()))
	}
}

// TestBackupsPanelChecksTheShop: the check says all is well in one
// sentence, or lists the problems to copy, with what to do.
func TestBackupsPanelChecksTheShop(t *testing.T) {
	k := newFakeKeeper()
	k.check = ShopCheck{Orders: 80}
	_, w := backupsPanel(t, k)
	tapIn(t, w.Content(), "Check the shop")
	if shown := texts(dialogOnTop(t, w)); !strings.Contains(shown, "All is well: 80 orders") {
		t.Fatalf("a clean shop:\n%s", shown)
	}
	tapIn(t, dialogOnTop(t, w), "OK")

	k.check.Problems = []string{"history chain: event 500 (order id 24, order.allocate) was changed after it was written",
		"gaps: payment 10 is missing: deleted"}
	tapIn(t, w.Content(), "Check the shop")
	top := dialogOnTop(t, w)
	if shown := texts(top); !strings.Contains(shown, "The check found 2 problems. Restore the latest backup") {
		t.Fatalf("a damaged shop:\n%s", shown)
	}
	list := entries(top)[0].Text
	if !strings.Contains(list, "event 500") || !strings.Contains(list, "payment 10 is missing") {
		t.Fatalf("the problems are listed: %q", list)
	}
	tapIn(t, top, "Copy")
	if got := fyne.CurrentApp().Clipboard().Content(); got != list {
		t.Fatalf("copied %q", got)
	}
}
