package screens

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"orderdesk/savefile"
)

// fakeFolders records what the panel asks of the window's folders.
type fakeFolders struct {
	shop, backups string
	moveErr       error
	movedTo       []string
	steps         []string
	opened        []string
}

func (k *fakeFolders) ShopFile() string      { return k.shop }
func (k *fakeFolders) BackupsFolder() string { return k.backups }
func (k *fakeFolders) ShopFiles() savefile.Protected {
	return savefile.Protected{Files: []string{k.shop, k.shop + "-wal"}, Folders: []string{k.backups}}
}

func (k *fakeFolders) SetBackupsFolder(_ context.Context, dir string) error {
	if err := CheckFolder(dir); err != nil {
		return err
	}
	k.backups = dir
	return nil
}

func (k *fakeFolders) MoveShop(_ context.Context, folder string, step func(string)) (MovedShop, error) {
	k.movedTo = append(k.movedTo, folder)
	step("Copying the shop…")
	k.steps = append(k.steps, "copied")
	if k.moveErr != nil {
		return MovedShop{}, k.moveErr
	}
	old := k.shop
	k.shop = filepath.Join(folder, filepath.Base(old))
	return MovedShop{Path: k.shop, Kept: strings.TrimSuffix(old, ".db") + "-moved-20260514-093000.db", Orders: 80,
		OldBackups: k.backups}, nil
}

func (k *fakeFolders) OpenShop(_ context.Context, path string) error {
	k.opened = append(k.opened, path)
	k.shop = path
	return nil
}

func foldersPanel(t *testing.T, k FolderKeeper) (*DataFoldersPanel, fyne.Window, *string) {
	t.Helper()
	a := newTestApp(t)
	LoadTranslations("en")
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	p := NewDataFoldersPanel(context.Background(), w, NewSettings(a.Preferences()), k, "")
	p.background = func(f func()) { f() }
	answer := new(string)
	p.chooseFolder = func(_ string, picked func(string)) { picked(*answer) }
	p.chooseFile = func(_ string, picked func(string)) { picked(*answer) }
	w.SetContent(p.Content())
	w.Resize(fyne.NewSize(900, 700))
	return p, w, answer
}

// TestDataFoldersPanelMovesTheShop: the panel shows where the shop, its
// backups, exported files and the window's settings are; moving the shop
// asks first, then shows where it went and what stayed behind; a move
// that fails says so in words and the panel still shows the old place.
func TestDataFoldersPanelMovesTheShop(t *testing.T) {
	k := &fakeFolders{shop: "/home/lin/.local/share/orderdesk/shop.db", backups: "/home/lin/.local/share/orderdesk/backups"}
	p, w, answer := foldersPanel(t, k)
	shown := texts(w.Content())
	for _, want := range []string{"The shop's database", k.shop, "Backups", k.backups, "Exported files (reports, PDFs)",
		defaultExportsFolder(), "preferences.json", "Move the shop to another folder…", "Open another shop…"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the panel does not show %q:\n%s", want, shown)
		}
	}

	*answer = "/media/lin/USB/OrderDesk"
	test.Tap(findButton(t, w, "Move the shop to another folder…"))
	if len(k.movedTo) != 0 {
		t.Fatal("the shop moved before the move was confirmed")
	}
	test.Tap(inDialog(t, w, "Move"))
	if len(k.movedTo) != 1 || k.movedTo[0] != "/media/lin/USB/OrderDesk" {
		t.Fatalf("moved to %q", k.movedTo)
	}
	if p.shop.Text != "/media/lin/USB/OrderDesk/shop.db" {
		t.Fatalf("the panel shows the shop at %q", p.shop.Text)
	}
	said := texts(w.Canvas().Overlays().Top())
	for _, want := range []string{"The shop is now /media/lin/USB/OrderDesk/shop.db, with all its 80 orders",
		"The old file is kept as /home/lin/.local/share/orderdesk/shop-moved-20260514-093000.db",
		"the earlier ones stay in /home/lin/.local/share/orderdesk/backups"} {
		if !strings.Contains(said, want) {
			t.Errorf("after the move the window does not say %q:\n%s", want, said)
		}
	}

	k.moveErr = errors.New("There is already a file named shop.db in /mnt/nas. Choose another folder, or move that file away first.")
	*answer = "/mnt/nas"
	test.Tap(findButton(t, w, "Move the shop to another folder…"))
	test.Tap(inDialog(t, w, "Move"))
	said = texts(w.Canvas().Overlays().Top())
	if !strings.Contains(said, "The shop was not moved; it is still at /media/lin/USB/OrderDesk/shop.db.") ||
		!strings.Contains(said, "There is already a file named shop.db in /mnt/nas.") {
		t.Fatalf("a failed move says:\n%s", said)
	}
	if p.shop.Text != "/media/lin/USB/OrderDesk/shop.db" {
		t.Fatalf("after a failed move the panel shows %q", p.shop.Text)
	}
}

// TestDataFoldersPanelChangesFolders: the backups and exports folders
// change to a folder that can be written in, which save dialogs and
// printed documents then use; one that cannot is refused in words and
// nothing changes.
func TestDataFoldersPanelChangesFolders(t *testing.T) {
	k := &fakeFolders{shop: "/srv/shop.db", backups: "/srv/backups"}
	p, w, answer := foldersPanel(t, k)
	moved := 0
	p.backupsMoved = func() { moved++ }

	*answer = filepath.Join(t.TempDir(), "nas", "backups")
	test.Tap(changeButtons(t, w)[0])
	if k.backups != *answer || p.backups.Text != *answer || moved != 1 {
		t.Fatalf("backups folder: keeper %q, shown %q, list refreshed %d times", k.backups, p.backups.Text, moved)
	}
	if !strings.Contains(p.note.Text, "Backups go to "+*answer+" from now on; those made before stay in /srv/backups.") {
		t.Fatalf("the note says %q", p.note.Text)
	}

	exports := filepath.Join(t.TempDir(), "reports")
	*answer = exports
	test.Tap(changeButtons(t, w)[1])
	if p.exports.Text != exports || documentsDir() != exports {
		t.Fatalf("exports folder shown %q, used %q; want %q", p.exports.Text, documentsDir(), exports)
	}

	file := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	*answer = filepath.Join(file, "exports")
	test.Tap(changeButtons(t, w)[1])
	said := texts(w.Canvas().Overlays().Top())
	if !strings.Contains(said, "The folder for exported files stays "+exports+".") || !strings.Contains(said, "is not a folder: part of it is a file.") {
		t.Fatalf("an unusable exports folder says:\n%s", said)
	}
	if documentsDir() != exports {
		t.Fatalf("the exports folder changed to %q", documentsDir())
	}
}

// changeButtons are the panel's "Change…" buttons: backups, then exports.
func changeButtons(t *testing.T, w fyne.Window) []*widget.Button {
	t.Helper()
	var out []*widget.Button
	for _, o := range test.LaidOutObjects(w.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Change…" {
			out = append(out, b)
		}
	}
	if len(out) != 2 {
		t.Fatalf("%d Change… buttons", len(out))
	}
	return out
}

// TestSettingsShowsWhereDataIs: Settings shows the panel in place of the
// bare database path.
func TestSettingsShowsWhereDataIs(t *testing.T) {
	ctx, svc := sampleShop(t)
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(900, 1600))
	UseFolders(&fakeFolders{shop: "/srv/tea.db", backups: "/srv/backups"})
	defer UseFolders(nil)
	s := NewSettingsScreen(ctx, svc, w, NewSettings(newTestApp(t).Preferences()), "/tmp/shop.db")
	w.SetContent(s.Content())
	shown := texts(w.Content())
	if !strings.Contains(shown, "/srv/tea.db") || !strings.Contains(shown, "Move the shop to another folder…") ||
		strings.Contains(shown, "/tmp/shop.db") {
		t.Fatalf("Settings shows:\n%s", shown)
	}
}
