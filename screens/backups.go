package screens

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// BackupKeeper is what Settings' Backups part needs. cmd/orderdesk
// implements it over the store's backups, since screens never import
// data; its errors are already in the user's words.
type BackupKeeper interface {
	// Folder is where the shop's backups go.
	Folder() string
	// Backups lists the shop's backups, newest first.
	Backups() ([]BackupFile, error)
	// Schedule says how automatic backups are made and how the last went.
	Schedule() BackupSchedule
	// BackUp writes a backup to path, or into the folder when path is "".
	BackUp(ctx context.Context, path string) (BackupFile, error)
	// Verify checks a backup and says what is in it, before a restore.
	Verify(ctx context.Context, path string) (BackupContents, error)
	// Restore replaces the shop with the backup at path: the window closes
	// the shop, restores and opens it again, this screen with it.
	Restore(path string)
	// Check runs the database's integrity check and the shop's own checks
	// (ledger, totals, the history's trace, R-81) and lists what is wrong,
	// one line each; none when all is well.
	Check(ctx context.Context) (ShopCheck, error)
}

// ShopCheck is what checking the open shop found.
type ShopCheck struct {
	Orders   int64
	Problems []string // "history chain: event 500 … was changed after it was written"
}

// BackupFile is one backup.
type BackupFile struct {
	Path string
	Kind string // auto, manual, before-restore, damaged, before-update
	Time time.Time
	Size int64
}

// BackupContents is what a verified backup holds.
type BackupContents struct {
	BackupFile
	Shop   string
	Orders int64
}

// BackupSchedule is how the window makes automatic backups.
type BackupSchedule struct {
	EveryHours, KeepDays, KeepMonths int
	Last                             time.Time // the last automatic backup this session, or zero
	Failed                           string    // why the last one failed, or ""
}

// backupKeeper is set by the window before it builds the shell
// (UseBackups); without one Settings says backups are unavailable.
var backupKeeper BackupKeeper

// UseBackups gives Settings the shop's backup keeper.
func UseBackups(k BackupKeeper) { backupKeeper = k }

// BackupsPanel is Settings' Backups part: where backups go, the latest
// ones, and backing up and restoring by hand.
type BackupsPanel struct {
	ctx    context.Context
	win    fyne.Window
	keeper BackupKeeper
	// background runs file work off the UI goroutine; tests run it inline.
	background func(func())
	// chooseSave and chooseOpen ask for a file; tests answer directly.
	chooseSave, chooseOpen func(picked func(path string))

	backups                  []BackupFile
	folder, schedule, latest *widget.Label
	note                     *widget.Label
	box                      fyne.CanvasObject
}

// NewBackupsPanel builds the panel over keeper (nil: unavailable);
// Update loads the list.
func NewBackupsPanel(ctx context.Context, win fyne.Window, keeper BackupKeeper) *BackupsPanel {
	p := &BackupsPanel{ctx: ctx, win: win, keeper: keeper, background: func(f func()) { go f() }}
	p.chooseSave, p.chooseOpen = p.askSavePath, p.askOpenPath
	if keeper == nil {
		p.box = widget.NewLabel(lang.L("Backups are made by the OrderDesk window."))
		return p
	}
	p.folder = widget.NewLabel(keeper.Folder())
	p.folder.Wrapping = fyne.TextWrapBreak
	p.schedule, p.latest, p.note = widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel("")
	for _, l := range []*widget.Label{p.schedule, p.latest, p.note} {
		l.Wrapping = fyne.TextWrapWord
	}
	p.box = container.NewVBox(
		container.NewBorder(nil, nil, nil, widget.NewButton(lang.L("Open folder"), p.openFolder), p.folder),
		p.schedule, p.latest,
		container.NewHBox(widget.NewButton(lang.L("Back up now…"), p.onBackUpNow), widget.NewButton(lang.L("Restore…"), p.onRestore),
			widget.NewButton(lang.L("Check the shop"), p.onCheck)),
		p.note)
	return p
}

// Content is the panel's widget tree.
func (p *BackupsPanel) Content() fyne.CanvasObject { return p.box }

// Update lists the backups, in the folder Settings may have changed; off
// the UI goroutine.
func (p *BackupsPanel) Update(context.Context) {
	if p.keeper == nil {
		return
	}
	folder := p.keeper.Folder()
	list, err := p.keeper.Backups()
	schedule := p.keeper.Schedule()
	fyne.Do(func() {
		p.folder.SetText(folder)
		p.show(list, schedule, err)
	})
}

// maxListed bounds the backups shown; the folder holds the rest.
const maxListed = 8

func (p *BackupsPanel) show(list []BackupFile, s BackupSchedule, err error) {
	p.backups = list
	text := lang.L("Automatic backups: when OrderDesk starts and every {{.Hours}} hours while it is open. Kept: the newest of each of the last {{.Days}} days and {{.Months}} months.",
		map[string]any{"Hours": s.EveryHours, "Days": s.KeepDays, "Months": s.KeepMonths})
	p.schedule.Importance = widget.MediumImportance
	switch {
	case s.Failed != "":
		text += "\n" + lang.L("The last automatic backup failed:") + " " + s.Failed
		p.schedule.Importance = widget.DangerImportance
	case !s.Last.IsZero():
		text += "\n" + lang.L("Last automatic backup: {{.Time}}", map[string]any{"Time": dateTime(s.Last)})
	}
	p.schedule.SetText(text)
	var lines []string
	switch {
	case err != nil:
		lines = append(lines, err.Error())
	case len(list) == 0:
		lines = append(lines, lang.L("No backups yet."))
	default:
		lines = append(lines, lang.L("Latest backups:"))
		for _, b := range list[:min(len(list), maxListed)] {
			lines = append(lines, backupLine(b))
		}
	}
	p.latest.SetText(strings.Join(lines, "\n"))
}

// backupLine says a backup in one line: "2026-05-14 09:30 · automatic · 1.2 MB".
func backupLine(b BackupFile) string {
	return dateTime(b.Time) + " · " + backupKindText(b.Kind) + " · " + fileSize(b.Size)
}

func backupKindText(kind string) string {
	switch kind {
	case "auto":
		return lang.L("automatic")
	case "manual":
		return lang.L("by hand")
	case "before-restore":
		return lang.L("before a restore")
	case "before-update":
		return lang.L("before an update")
	case "damaged":
		return lang.L("damaged copy")
	}
	return kind
}

// fileSize writes a size the way file managers do.
func fileSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

func (p *BackupsPanel) openFolder() {
	if err := showFolder(p.keeper.Folder()); err != nil {
		p.note.SetText(lang.L("The folder could not be opened here; it is {{.Folder}}", map[string]any{"Folder": p.keeper.Folder()}))
	}
}

// onBackUpNow asks where: into the backups folder, or a file of the
// user's choosing (a USB stick, a cloud folder).
func (p *BackupsPanel) onBackUpNow() {
	var d dialog.Dialog
	into := widget.NewButton(lang.L("Into the backups folder"), func() { d.Hide(); p.backUp("") })
	into.Importance = widget.HighImportance
	choose := widget.NewButton(lang.L("Choose file…"), func() { d.Hide(); p.chooseSave(p.backUp) })
	d = dialog.NewCustom(lang.L("Back up now"), lang.L("Cancel"), container.NewVBox(
		widget.NewLabel(lang.L("A backup is a copy of the whole shop as it is now; you can keep working meanwhile.")),
		container.NewHBox(into, choose)), p.win)
	d.Show()
}

func (p *BackupsPanel) backUp(path string) {
	p.note.SetText(lang.L("Backing up…"))
	p.background(func() {
		b, err := p.keeper.BackUp(p.ctx, path)
		fyne.Do(func() {
			if err != nil {
				p.note.SetText("")
				showError(errors.New(lang.L("The backup failed:")+"\n"+err.Error()), p.win)
				return
			}
			p.note.SetText(lang.L("Backed up to {{.Path}} ({{.Size}}).", map[string]any{"Path": b.Path, "Size": fileSize(b.Size)}))
		})
		p.Update(p.ctx)
	})
}

// onCheck checks the whole shop, which takes a while on a big one, with
// a moving bar and the window free meanwhile.
func (p *BackupsPanel) onCheck() {
	bar := widget.NewProgressBarInfinite()
	wait := dialog.NewCustomWithoutButtons(lang.L("Checking the shop…"), container.NewVBox(
		widget.NewLabel(lang.L("Every table, the stock ledger, the totals and the history are read once. On a big shop this takes a minute.")),
		bar), p.win)
	wait.Show()
	p.background(func() {
		found, err := p.keeper.Check(p.ctx)
		fyne.Do(func() {
			bar.Stop()
			wait.Hide()
			if err != nil {
				showError(errors.New(lang.L("The check could not run:")+"\n"+err.Error()), p.win)
				return
			}
			p.showCheck(found)
		})
	})
}

// showCheck says what the check found, and what to do about problems.
func (p *BackupsPanel) showCheck(found ShopCheck) {
	if len(found.Problems) == 0 {
		dialog.ShowInformation(lang.L("Check the shop"), lang.L("All is well: {{.Orders}} orders; the file, the stock ledger, the totals, the payments and the history all check out, and nothing was changed or removed behind OrderDesk's back.",
			map[string]any{"Orders": found.Orders}), p.win)
		return
	}
	list := widget.NewMultiLineEntry()
	list.SetText(strings.Join(found.Problems, "\n"))
	list.Wrapping = fyne.TextWrapWord
	list.SetMinRowsVisible(10)
	head := widget.NewLabel(lang.L("The check found {{.Count}} problems. Restore the latest backup from before they began, or keep working and send this list to whoever looks after your computer.",
		map[string]any{"Count": len(found.Problems)}))
	head.Wrapping = fyne.TextWrapWord
	head.Importance = widget.DangerImportance
	copyList := widget.NewButton(lang.L("Copy"), func() { fyne.CurrentApp().Clipboard().SetContent(list.Text) })
	d := dialog.NewCustom(lang.L("Check the shop"), lang.L("Close"),
		container.NewBorder(head, copyList, nil, nil, list), p.win)
	d.Resize(fyne.NewSize(760, 480))
	d.Show()
}

// onRestore offers the latest backups, or any file, to restore from.
func (p *BackupsPanel) onRestore() {
	var d dialog.Dialog
	options := make([]string, 0, maxListed)
	paths := map[string]string{}
	for _, b := range p.backups {
		if b.Kind == "damaged" || len(options) == maxListed {
			continue
		}
		line := backupLine(b)
		options = append(options, line)
		paths[line] = b.Path
	}
	choice := widget.NewRadioGroup(options, nil)
	if len(options) > 0 {
		choice.SetSelected(options[0])
	}
	choose := widget.NewButton(lang.L("Choose file…"), func() { d.Hide(); p.chooseOpen(p.verify) })
	content := container.NewVBox(widget.NewLabel(lang.L("Which backup?")), choice, container.NewHBox(choose))
	d = dialog.NewCustomConfirm(lang.L("Restore a backup"), lang.L("Check this backup…"), lang.L("Cancel"), content,
		func(ok bool) {
			if ok && paths[choice.Selected] != "" {
				p.verify(paths[choice.Selected])
			}
		}, p.win)
	d.Show()
}

// OfferRestore checks the backup at path and, if it is good, asks before
// restoring it: for the window's page saying the shop did not open,
// where Settings is out of reach.
func OfferRestore(ctx context.Context, win fyne.Window, keeper BackupKeeper, path string) {
	p := &BackupsPanel{ctx: ctx, win: win, keeper: keeper, background: func(f func()) { go f() }, note: widget.NewLabel("")}
	p.verify(path)
}

// verify checks the backup first (off the UI goroutine: integrity_check
// reads the whole file), then asks before restoring it.
func (p *BackupsPanel) verify(path string) {
	p.note.SetText(lang.L("Checking the backup…"))
	p.background(func() {
		contents, err := p.keeper.Verify(p.ctx, path)
		fyne.Do(func() {
			p.note.SetText("")
			if err != nil {
				showError(errors.New(lang.L("This backup cannot be restored:")+"\n"+err.Error()), p.win)
				return
			}
			p.confirmRestore(contents)
		})
	})
}

// confirmRestore says plainly what a restore takes away before doing it.
func (p *BackupsPanel) confirmRestore(c BackupContents) {
	shop := c.Shop
	if shop == "" {
		shop = filepath.Base(c.Path)
	}
	warning := widget.NewLabel(lang.L("The backup of {{.Shop}} from {{.Time}} ({{.Orders}} orders) checks out.", map[string]any{
		"Shop": shop, "Time": dateTime(c.Time), "Orders": c.Orders}) + "\n\n" +
		lang.L("Restoring it replaces the whole shop: everything entered since {{.Time}} is taken out.", map[string]any{"Time": dateTime(c.Time)}) + "\n" +
		lang.L("The shop as it is now is kept in the backups folder first, so this can be undone.") + "\n" +
		lang.L("OrderDesk closes the shop, restores the backup and opens it again."))
	warning.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.L("Restore this backup?"), lang.L("Restore"), lang.L("Cancel"), warning, func(ok bool) {
		if ok {
			p.keeper.Restore(c.Path)
		}
	}, p.win)
	d.SetConfirmImportance(widget.DangerImportance)
	d.Resize(fyne.NewSize(520, d.MinSize().Height))
	d.Show()
}

func (p *BackupsPanel) askSavePath(picked func(string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			showError(errors.New(errorText(err)), p.win)
			return
		}
		if w == nil {
			return
		}
		// Nothing is written there yet (GuardFileSaves); the backup is.
		path := w.URI().Path()
		_ = w.Close()
		picked(path)
	}, p.win)
	d.SetFileName("orderdesk-" + time.Now().Format("2006-01-02") + ".db")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
	d.Show()
}

func (p *BackupsPanel) askOpenPath(picked func(string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		picked(path)
	}, p.win)
	if u, err := storage.ListerForURI(storage.NewFileURI(p.keeper.Folder())); err == nil {
		d.SetLocation(u)
	}
	d.Show()
}
