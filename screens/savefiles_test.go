package screens

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"
)

// aShopOnDisk makes a shop's files (their content only matters for
// noticing a change) and tells the window they are the open shop's.
func aShopOnDisk(t *testing.T) (db, backups string) {
	t.Helper()
	dir := t.TempDir()
	db = filepath.Join(dir, "tea.db")
	backups = filepath.Join(dir, "backups")
	if err := os.WriteFile(db, []byte("every order of the shop"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	UseFolders(&fakeFolders{shop: db, backups: backups})
	t.Cleanup(func() { UseFolders(nil) })
	return db, backups
}

func mustStillHold(t *testing.T, db string) {
	t.Helper()
	if b, err := os.ReadFile(db); err != nil || string(b) != "every order of the shop" {
		t.Fatalf("the shop's file was changed: %q %v", b, err)
	}
}

// TestSaveDialogNeverEmptiesTheShop: Fyne's save dialog opens the chosen
// file for writing, emptying it, before the program writes a byte. With
// GuardFileSaves the shop's own file is refused there, in words, and any
// other chosen file keeps its content until it is written whole.
func TestSaveDialogNeverEmptiesTheShop(t *testing.T) {
	newTestApp(t)
	LoadTranslations("en")
	GuardFileSaves()
	db, _ := aShopOnDisk(t)
	if _, err := storage.Writer(storage.NewFileURI(db)); err == nil ||
		!strings.Contains(errorText(err), "is one of the shop's own files: saving there would destroy the shop") {
		t.Fatalf("choosing the shop's file: %v", err)
	}
	mustStillHold(t, db)

	old := filepath.Join(t.TempDir(), "last-month.xlsx")
	if err := os.WriteFile(old, []byte("last month's figures"), 0o600); err != nil {
		t.Fatal(err)
	}
	w, err := storage.Writer(storage.NewFileURI(old))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(old); string(b) != "last month's figures" {
		t.Fatalf("choosing the file emptied it: %q", b)
	}
	if _, err := w.Write([]byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(old); string(b) != "new" {
		t.Fatalf("a write through the dialog's file: %q", b)
	}
}

// TestWindowRefusesToSaveOverTheShop: the monthly workbook and documents
// chosen to go over the shop's file, or into its backups folder, are
// refused in words, and the shop's file is untouched.
func TestWindowRefusesToSaveOverTheShop(t *testing.T) {
	ctx, svc := sampleShop(t)
	db, backups := aShopOnDisk(t)
	r, w := openReports(t, ctx, svc)
	r.Export(db)
	if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(texts(top), "is one of the shop's own files") {
		t.Fatal("the workbook was not refused over the shop's file")
	}
	mustStillHold(t, db)
	if err := writeDocument(filepath.Join(backups, "letter.pdf"), []byte("%PDF")); err == nil ||
		!strings.Contains(errorText(err), "is in the shop's backups folder") {
		t.Fatalf("a letter into the backups folder: %v", err)
	}
	if err := writeDocument(filepath.Dir(db), []byte("%PDF")); err == nil || !strings.Contains(errorText(err), "is a folder") {
		t.Fatalf("a letter over a folder: %v", err)
	}
	entries, _ := os.ReadDir(backups)
	if len(entries) != 0 {
		t.Fatalf("something was written among the backups: %v", entries)
	}
	mustStillHold(t, db)
}
