package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/data"
	"orderdesk/savefile"
	"orderdesk/screens"
)

// folderKeeper shows and changes where the open shop keeps its data
// (Settings, "Where your data is"): it moves the shop to another folder,
// opens another shop, and chooses the backups folder. It implements
// screens.FolderKeeper.
type folderKeeper struct {
	d *desk
	// copyShop writes the checked copy a move opens (data's backup by
	// VACUUM INTO); tests make it fail.
	copyShop func(ctx context.Context, from *data.Store, dst string) (data.BackupSummary, error)
	// busy lets one move or switch run at a time.
	busy sync.Mutex
}

var _ screens.FolderKeeper = (*folderKeeper)(nil)

func newFolderKeeper(d *desk) *folderKeeper {
	return &folderKeeper{d: d, copyShop: func(ctx context.Context, from *data.Store, dst string) (data.BackupSummary, error) {
		return from.BackupTo(ctx, dst)
	}}
}

// chooseBackups tells the data package the backups folder the user chose
// for the shop at path, if any. It runs before the shop opens: the
// backup made before a migration goes there too.
func (d *desk) chooseBackups(path string) {
	if abs, err := filepath.Abs(path); err == nil {
		data.SetBackupDir(abs, d.settings.BackupsFolder(abs))
	}
}

// ShopFile is the open shop's database file.
func (f *folderKeeper) ShopFile() string {
	k := f.d.backups
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.path
}

// ShopFiles are the open shop's files and folders no saved file may
// replace or go into; none while no shop is open.
func (f *folderKeeper) ShopFiles() savefile.Protected {
	path := f.ShopFile()
	if path == "" {
		return savefile.Protected{}
	}
	return data.ShopFiles(path)
}

// BackupsFolder is where the open shop's backups go.
func (f *folderKeeper) BackupsFolder() string { return f.d.backups.Folder() }

// SetBackupsFolder sends the open shop's backups to dir from the next
// one on, and remembers it for this shop.
func (f *folderKeeper) SetBackupsFolder(ctx context.Context, dir string) error {
	if err := mayMove(ctx); err != nil {
		return err
	}
	path := f.ShopFile()
	if path == "" {
		return errNoShop()
	}
	if err := screens.CheckFolder(dir); err != nil {
		return err
	}
	dir = filepath.Clean(dir)
	f.d.settings.SetBackupsFolder(path, dir)
	data.SetBackupDir(path, dir)
	return nil
}

// MoveShop moves the open shop into folder. The shop is closed (so no
// change is made after the copy), opened again here alone, copied with
// data's verified backup, its orders counted in both, and opened from
// the new place; only then is the old file renamed, so that nobody goes
// on working in it by mistake. Whatever fails, the shop opens again
// where it was and nothing there has changed.
func (f *folderKeeper) MoveShop(ctx context.Context, folder string, step func(string)) (screens.MovedShop, error) {
	if err := mayMove(ctx); err != nil {
		return screens.MovedShop{}, err
	}
	if !f.busy.TryLock() {
		return screens.MovedShop{}, errors.New(lang.L("OrderDesk is already moving or opening a shop; wait until it is done."))
	}
	defer f.busy.Unlock()
	if step == nil {
		step = func(string) {}
	}
	old := f.ShopFile()
	if old == "" {
		return screens.MovedShop{}, errNoShop()
	}
	folder = filepath.Clean(folder)
	dst := filepath.Join(folder, filepath.Base(old))
	if err := checkMoveTarget(old, folder, dst); err != nil {
		return screens.MovedShop{}, err
	}

	step(lang.L("Closing the shop…"))
	f.showStatus(lang.L("Moving the shop… It opens again from its new place when it is done."))
	if err := f.d.backups.closeShop(); err != nil {
		log.Printf("close the shop before moving it: %v", err) // opening it again below says if it matters
	}
	src, err := data.Open(ctx, old)
	if err != nil {
		_ = f.reopen(old) // shows why it does not open
		return screens.MovedShop{}, fmt.Errorf("%s\n%w", openErrorText(err), err)
	}
	step(lang.L("Copying the shop to {{.Folder}}…", map[string]any{"Folder": folder}))
	orders, err := f.copyChecked(ctx, src, folder, dst)
	if cerr := src.Close(); cerr != nil {
		log.Printf("close the shop after copying it: %v", cerr)
	}
	if err != nil {
		_ = f.reopen(old)
		return screens.MovedShop{}, err
	}

	step(lang.L("Opening the shop from its new place…"))
	custom := f.d.settings.BackupsFolder(old)
	if custom != "" {
		f.d.settings.SetBackupsFolder(dst, custom) // a chosen folder stays chosen
	}
	if err := f.openNew(ctx, dst); err != nil {
		f.d.settings.SetBackupsFolder(dst, "")
		removeShopFiles(dst)
		_ = f.reopen(old)
		return screens.MovedShop{}, err
	}
	moved := screens.MovedShop{Path: dst, Kept: keepOld(old), Orders: orders}
	if dir := data.BackupDir(old); custom == "" && exists(dir) {
		moved.OldBackups = dir
	}
	return moved, nil
}

// mayMove lets only the owner (or, without accounts, whoever is at the
// desk) say where the shop keeps its data or open another shop.
func mayMove(ctx context.Context) error {
	if who, _ := app.ActorFrom(ctx); who.Role != "" && !app.Allowed(who.Role, app.PermSettings) {
		return errors.New(lang.L("Only the owner changes where the shop keeps its data or opens another shop."))
	}
	return nil
}

// checkMoveTarget refuses, before the shop closes, a move that cannot
// work: into its own folder, over another file, or into a folder
// OrderDesk may not write in.
func checkMoveTarget(old, folder, dst string) error {
	if a, err1 := os.Stat(filepath.Dir(old)); err1 == nil {
		if b, err2 := os.Stat(folder); err2 == nil && os.SameFile(a, b) {
			return errors.New(lang.L("The shop is already in {{.Folder}}. Choose another folder.", map[string]any{"Folder": folder}))
		}
	}
	if _, err := os.Lstat(dst); err == nil {
		return errors.New(lang.L("There is already a file named {{.Name}} in {{.Folder}}. Choose another folder, or move that file away first.",
			map[string]any{"Name": filepath.Base(dst), "Folder": folder}))
	}
	return screens.CheckFolder(folder)
}

// copyChecked copies the shop to dst and checks the copy: whole, ours,
// and with every order. A copy that does not check out is deleted.
func (f *folderKeeper) copyChecked(ctx context.Context, src *data.Store, folder, dst string) (int64, error) {
	orders, err := app.NewService(src).CountOrders(ctx)
	if err != nil {
		return 0, inUserWords(err)
	}
	sum, err := f.copyShop(ctx, src, dst)
	if err != nil {
		return 0, folderErrorInWords(folder, err)
	}
	if sum.Orders != orders {
		removeShopFiles(dst)
		return 0, errors.New(lang.L("The copy holds {{.Copied}} of the shop's {{.Orders}} orders, so it was deleted. Try again, or choose another folder.",
			map[string]any{"Copied": sum.Orders, "Orders": orders}))
	}
	return orders, nil
}

// openNew opens the copy at dst in the window. It is opened once here
// first, so that a copy that will not open is told in words and the shop
// goes back to where it was.
func (f *folderKeeper) openNew(ctx context.Context, dst string) error {
	f.d.chooseBackups(dst)
	probe, err := data.Open(ctx, dst)
	if err != nil {
		return fmt.Errorf("%s\n%w", openErrorText(err), err)
	}
	if err := probe.Close(); err != nil {
		return err
	}
	return f.reopen(dst)
}

// OpenShop opens the shop at path in the window instead of this one.
// It is opened once first, so that a file that is not a shop, is
// damaged or is open in another window is refused while this shop stays
// open.
func (f *folderKeeper) OpenShop(ctx context.Context, path string) error {
	if err := mayMove(ctx); err != nil {
		return err
	}
	if !f.busy.TryLock() {
		return errors.New(lang.L("OrderDesk is already moving or opening a shop; wait until it is done."))
	}
	defer f.busy.Unlock()
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	old := f.ShopFile()
	if abs == old {
		return errors.New(lang.L("That shop is open already."))
	}
	if !exists(abs) {
		return errors.New(lang.L("There is no file at {{.Path}}.", map[string]any{"Path": abs}))
	}
	f.d.chooseBackups(abs)
	probe, err := data.Open(ctx, abs)
	if err != nil {
		return fmt.Errorf("%s\n%w", openErrorText(err), err)
	}
	if err := probe.Close(); err != nil {
		return err
	}
	if err := f.d.backups.closeShop(); err != nil {
		log.Printf("close the shop before opening another: %v", err)
	}
	if err := f.reopen(abs); err != nil {
		if old != "" {
			_ = f.reopen(old)
		}
		return err
	}
	return nil
}

// reopen opens the shop at path in the window, as at a start, and waits
// until it is open or has failed (the window then says why). It must not
// run on the UI goroutine.
func (f *folderKeeper) reopen(path string) error {
	k := f.d.backups
	opened := make(chan bool, 1)
	k.mu.Lock()
	k.afterOpen = func() {
		k.mu.Lock()
		ok := k.gate != nil && k.path == path
		k.mu.Unlock()
		opened <- ok
	}
	k.mu.Unlock()
	fyne.Do(func() { f.d.open(path, nil) })
	if !<-opened {
		return errors.New(lang.L("The shop could not be opened from {{.Path}}.", map[string]any{"Path": path}))
	}
	return nil
}

// showStatus puts a line in the window while the shop is closed, so that
// no screen works on a shop that is not there.
func (f *folderKeeper) showStatus(text string) {
	fyne.Do(func() {
		status := widget.NewLabel(text)
		status.Wrapping = fyne.TextWrapWord
		f.d.win.SetContent(container.NewPadded(status))
	})
}

// keepOld renames the shop's old file, with any journal beside it, to
// NAME-moved-DATE.db, and says where it is now: as it was, where the
// rename fails.
func keepOld(old string) string {
	ext := filepath.Ext(old)
	kept := fmt.Sprintf("%s-moved-%s%s", strings.TrimSuffix(old, ext), time.Now().Format("20060102-150405"), ext)
	if err := os.Rename(old, kept); err != nil {
		log.Printf("keep the moved shop's old file: %v", err)
		return old
	}
	for _, side := range []string{"-wal", "-shm"} {
		if exists(old + side) {
			_ = os.Rename(old+side, kept+side)
		}
	}
	_ = os.Remove(old + ".lock")
	return kept
}

// removeShopFiles deletes a copy that will not be used, with what SQLite
// and the lock left beside it.
func removeShopFiles(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal", ".lock"} {
		_ = os.Remove(path + suffix)
	}
}

// folderErrorInWords says why nothing could be written in folder. The
// store's own disk-full and read-only failures come from SQLite, not the
// OS; they are made to read as the OS's, for screens' words.
func folderErrorInWords(folder string, err error) error {
	switch {
	case errors.Is(err, data.ErrDiskFull):
		err = likeOS{err, syscall.ENOSPC}
	case errors.Is(err, data.ErrReadOnly):
		err = likeOS{err, os.ErrPermission}
	}
	return screens.FolderError(folder, err)
}

// likeOS is an error that errors.Is also finds as an OS error.
type likeOS struct{ err, os error }

func (e likeOS) Error() string   { return e.err.Error() }
func (e likeOS) Unwrap() []error { return []error{e.err, e.os} }
