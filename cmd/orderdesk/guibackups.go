package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/data"
	"orderdesk/screens"
)

// Preference keys and defaults for automatic backups (per user, like the
// language): every 4 hours of use, a week of days and a year of months.
const (
	prefBackupHours  = "backups.every_hours"
	prefBackupDays   = "backups.keep_days"
	prefBackupMonths = "backups.keep_months"
)

// backupKeeper looks after the open shop's backups: one when the
// shop opens and every few hours while it is open, in the background,
// and backups and restores by hand from Settings. It implements
// screens.BackupKeeper.
type backupKeeper struct {
	d     *desk
	every time.Duration
	keep  data.Retention

	mu     sync.Mutex
	path   string
	gate   *shopGate
	stop   context.CancelFunc
	last   time.Time
	failed string
	// afterOpen, if set, runs on the UI goroutine once the shop opens again
	// (or fails to): it tells how a restore went.
	afterOpen func()
	// auto is the automatic backups' goroutine, waited for before closing.
	auto sync.WaitGroup
}

var _ screens.BackupKeeper = (*backupKeeper)(nil)

func newBackupKeeper(d *desk, p fyne.Preferences) *backupKeeper {
	bounded := func(key string, fallback, low, high int) int {
		return min(max(p.IntWithFallback(key, fallback), low), high)
	}
	return &backupKeeper{d: d,
		every: time.Duration(bounded(prefBackupHours, 4, 1, 24*7)) * time.Hour,
		keep:  data.Retention{Daily: bounded(prefBackupDays, 7, 1, 366), Monthly: bounded(prefBackupMonths, 12, 0, 120)}}
}

// use puts an opened store behind a gate for the window's services and
// starts the automatic backups.
func (k *backupKeeper) use(store *data.Store) *shopGate {
	ctx, stop := context.WithCancel(k.d.ctx)
	g := &shopGate{store: store}
	k.mu.Lock()
	k.path, k.gate, k.stop = store.Path(), g, stop
	k.mu.Unlock()
	k.auto.Add(1)
	go k.backUpEvery(ctx, g)
	return g
}

// backUpEvery makes an automatic backup now and every k.every of use,
// until the shop closes. It never touches the window but through
// fyne.Do.
func (k *backupKeeper) backUpEvery(ctx context.Context, g *shopGate) {
	defer k.auto.Done()
	tick := time.NewTicker(k.every)
	defer tick.Stop()
	for {
		err := g.through(func(s *data.Store) error {
			_, err := s.AutoBackup(ctx, k.keep)
			return err
		})
		if ctx.Err() != nil {
			return
		}
		k.mu.Lock()
		k.failed = ""
		if err == nil {
			k.last = time.Now()
		} else {
			k.failed = err.Error()
		}
		k.mu.Unlock()
		if err != nil {
			log.Printf("automatic backup: %v", err)
			fyne.CurrentApp().SendNotification(fyne.NewNotification(lang.L("OrderDesk could not back up the shop"), err.Error()))
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// closeShop stops the automatic backups, waits for the work under way
// and closes the store; nothing when no shop is open.
func (k *backupKeeper) closeShop() error {
	k.mu.Lock()
	g, stop := k.gate, k.stop
	k.gate, k.stop = nil, nil
	k.mu.Unlock()
	if g == nil {
		return nil
	}
	stop()
	k.auto.Wait()
	return g.close()
}

// Folder is the open shop's backups folder.
func (k *backupKeeper) Folder() string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return data.BackupDir(k.path)
}

// Backups lists the open shop's backups, newest first.
func (k *backupKeeper) Backups() ([]screens.BackupFile, error) {
	k.mu.Lock()
	path := k.path
	k.mu.Unlock()
	list, err := data.ListBackups(path)
	if err != nil {
		return nil, inUserWords(err)
	}
	out := make([]screens.BackupFile, len(list))
	for i, b := range list {
		out[i] = backupFile(b)
	}
	return out, nil
}

func backupFile(b data.BackupInfo) screens.BackupFile {
	return screens.BackupFile{Path: b.Path, Kind: string(b.Kind), Time: b.Time, Size: b.Size}
}

// Schedule says how automatic backups are made and how the last went.
func (k *backupKeeper) Schedule() screens.BackupSchedule {
	k.mu.Lock()
	defer k.mu.Unlock()
	return screens.BackupSchedule{EveryHours: int(k.every / time.Hour), KeepDays: k.keep.Daily, KeepMonths: k.keep.Monthly,
		Last: k.last, Failed: k.failed}
}

// current is the open shop's gate, or an error saying no shop is open.
func (k *backupKeeper) current() (*shopGate, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.gate == nil {
		return nil, errNoShop()
	}
	return k.gate, nil
}

// errNoShop refuses work on the shop while none is open.
func errNoShop() error { return errors.New(lang.L("No shop is open.")) }

// mayCopy refuses a backup or a check of the shop (every customer, every
// account) to whoever ctx acts as, if they may not make one.
func mayCopy(ctx context.Context) error {
	return app.Permitted(ctx, app.PermBackup)
}

// BackUp writes a backup of the open shop to path, or into its folder.
func (k *backupKeeper) BackUp(ctx context.Context, path string) (screens.BackupFile, error) {
	if err := mayCopy(ctx); err != nil {
		return screens.BackupFile{}, err
	}
	g, err := k.current()
	if err != nil {
		return screens.BackupFile{}, err
	}
	var b data.BackupSummary
	err = g.through(func(s *data.Store) error {
		var err error
		b, err = s.BackupTo(ctx, path)
		return err
	})
	return backupFile(b.BackupInfo), err
}

// Verify checks a backup before a restore.
func (k *backupKeeper) Verify(ctx context.Context, path string) (screens.BackupContents, error) {
	sum, err := data.VerifyBackup(ctx, path)
	if err != nil {
		return screens.BackupContents{}, backupErrorInWords(err)
	}
	return screens.BackupContents{BackupFile: backupFile(sum.BackupInfo), Shop: sum.Shop, Orders: sum.Orders}, nil
}

// Check checks the open shop as `orderdesk check` does.
func (k *backupKeeper) Check(ctx context.Context) (screens.ShopCheck, error) {
	if err := mayCopy(ctx); err != nil {
		return screens.ShopCheck{}, err
	}
	g, err := k.current()
	if err != nil {
		return screens.ShopCheck{}, err
	}
	var found screens.ShopCheck
	err = g.through(func(s *data.Store) error {
		problems, err := s.Check(ctx)
		if err != nil {
			return err
		}
		for _, p := range problems {
			found.Problems = append(found.Problems, p.String())
		}
		found.Orders, err = newService(s).CountOrders(ctx)
		return err
	})
	return found, err
}

// backupErrorInWords heads a refused backup's reason, which says in
// English what the file is, with a sentence in the user's language.
func backupErrorInWords(err error) error {
	var head string
	switch {
	case errors.Is(err, data.ErrCorrupt):
		head = lang.L("The backup is damaged. Choose another one.")
	case errors.Is(err, data.ErrTooNew):
		head = lang.L("The backup was made by a newer OrderDesk. Update OrderDesk to restore it.")
	case errors.Is(err, data.ErrUnknownSchema):
		head = lang.L("The backup's tables were changed outside OrderDesk; restoring it could break the shop.")
	case errors.Is(err, data.ErrNotDatabase):
		head = lang.L("This file is not an OrderDesk backup.")
	case errors.Is(err, data.ErrLocked):
		head = lang.L("Another OrderDesk window has this shop open. Close it, then restore.")
	default:
		return inUserWords(err)
	}
	return &userError{text: head + "\n" + err.Error(), cause: err}
}

// Restore closes the open shop, restores the backup over it and opens it
// again (see restoreAndReopen). Called on the UI goroutine.
func (k *backupKeeper) Restore(from string) {
	// Only the owner puts a backup in place of the shop. Without a
	// session nobody signed in: only a damaged shop, which has nobody to
	// ask, may be restored then, as by the restore command.
	k.mu.Lock()
	path := k.path
	k.mu.Unlock()
	refused := func() {
		dialog.ShowError(errors.New(lang.L("Only the owner restores backups. Nothing was restored.")), k.d.win)
	}
	if who := k.d.session; who != nil {
		if err := k.d.svc.Permitted(who, app.PermRestore); err != nil {
			refused()
			return
		}
		k.restoreAndReopen(path, from)
		return
	}
	// Whether the shop is damaged reads all of it (SQLite's integrity
	// check): off the UI goroutine.
	go func() {
		nobody := restoreNeedsNobody(k.d.ctx, path)
		fyne.Do(func() {
			if !nobody {
				refused()
				return
			}
			k.restoreAndReopen(path, from)
		})
	}()
}

// restoreAndReopen replaces the database at path with the backup from.
// Restoring in place, rather than at the next start, keeps the user in
// one flow and leaves no pending state behind; it is safe because the
// window's services only reach the store through the gate, which waits
// for the transactions under way and refuses new ones, and because
// data.Restore takes the database's lock itself and swaps the file with
// one rename. The desk is rebuilt on the restored shop, as at a start.
func (k *backupKeeper) restoreAndReopen(path, from string) {
	status := widget.NewLabel(lang.L("Restoring the backup… The shop opens again when it is done."))
	status.Wrapping = fyne.TextWrapWord
	k.d.win.SetContent(container.NewPadded(status))
	go func() {
		if err := k.closeShop(); err != nil {
			log.Printf("close the shop before restoring: %v", err) // the restore's own lock says if it matters
		}
		res, err := data.Restore(k.d.ctx, path, from)
		k.mu.Lock()
		k.afterOpen = func() { k.tellRestored(res, err) }
		k.mu.Unlock()
		fyne.Do(func() { k.d.open(path, nil) })
	}()
}

func (k *backupKeeper) tellRestored(res data.RestoreResult, err error) {
	if err != nil {
		dialog.ShowError(restoreFailed(err), k.d.win)
		return
	}
	dialog.ShowInformation(lang.L("Backup restored"), restoredText(res), k.d.win)
}

func restoreFailed(err error) error {
	return fmt.Errorf("%s\n%w", lang.L("Nothing was restored; the shop is as it was."), backupErrorInWords(err))
}

func restoredText(res data.RestoreResult) string {
	text := lang.L("The shop is back as it was at {{.Time}}.", map[string]any{"Time": res.From.Time.Local().Format("2006-01-02 15:04")})
	if res.Kept != "" {
		text += "\n" + lang.L("The shop as it was before the restore is kept as {{.Path}}.", map[string]any{"Path": res.Kept})
	}
	return text
}

// opened runs, on the UI goroutine, what waited for the shop to open.
func (k *backupKeeper) opened() {
	k.mu.Lock()
	then := k.afterOpen
	k.afterOpen = nil
	k.mu.Unlock()
	if then != nil {
		then()
	}
}

// openFailed shows why the shop at path did not open and, when the file
// is damaged or not a shop and a backup exists, offers to restore the
// latest one: Settings is out of reach without an open shop.
func (k *backupKeeper) openFailed(path string, err error) {
	text := lang.L("Could not open the database") + "\n\n" + openErrorText(err) + "\n\n" + err.Error()
	status := widget.NewLabel(text)
	status.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(status)
	if latest, ok := data.LatestBackup(path); ok && (errors.Is(err, data.ErrCorrupt) || errors.Is(err, data.ErrNotDatabase)) {
		offer := widget.NewLabel(lang.L("The latest backup is {{.Name}}, from {{.Time}}.", map[string]any{
			"Name": latest.Name(), "Time": latest.Time.Local().Format("2006-01-02 15:04")}))
		offer.Wrapping = fyne.TextWrapWord
		restore := widget.NewButton(lang.L("Restore this backup…"), func() {
			k.mu.Lock()
			k.path = path
			k.mu.Unlock()
			screens.OfferRestore(k.d.ctx, k.d.win, k, latest.Path)
		})
		restore.Importance = widget.HighImportance
		content.Add(offer)
		content.Add(container.NewHBox(restore))
	}
	k.d.win.SetContent(container.NewPadded(content))
	k.opened()
}
