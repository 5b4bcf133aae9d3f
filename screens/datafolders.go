package screens

import (
	"bufio"
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"orderdesk/savefile"
)

// FolderKeeper is what Settings' "Where your data is" part needs from
// the window: where the open shop and its backups are, and moving them.
// cmd/orderdesk implements it over the store, since screens never import
// data; its errors are already in the user's words.
type FolderKeeper interface {
	// ShopFile is the open shop's database file.
	ShopFile() string
	// ShopFiles are the open shop's own files and folders (its database,
	// the files beside it, its backups), which no file the window saves
	// may replace or go into.
	ShopFiles() savefile.Protected
	// BackupsFolder is where the open shop's backups go.
	BackupsFolder() string
	// SetBackupsFolder sends the shop's backups to dir from now on.
	SetBackupsFolder(ctx context.Context, dir string) error
	// MoveShop copies the shop into folder, checks the copy and opens the
	// shop from there, telling each step to step; on any failure the shop
	// stays where it was. It blocks: call it off the UI goroutine.
	MoveShop(ctx context.Context, folder string, step func(what string)) (MovedShop, error)
	// OpenShop opens the shop at path in the window instead of this one,
	// which stays open if that one cannot be. Off the UI goroutine.
	OpenShop(ctx context.Context, path string) error
}

// MovedShop says where a moved shop went and what stayed behind.
type MovedShop struct {
	Path   string // the shop's file in its new place
	Kept   string // the old file, as it is now called
	Orders int64  // orders found in the copy
	// OldBackups is the backups folder left behind (backups beside the
	// shop stay where they were made); "" when the backups folder stays.
	OldBackups string
}

// folderKeeper is set by the window before it builds the shell
// (UseFolders); without one Settings shows the database file only.
var folderKeeper FolderKeeper

// UseFolders gives Settings the window's folder keeper.
func UseFolders(k FolderKeeper) { folderKeeper = k }

// DataFoldersPanel is Settings' "Where your data is" part: the shop's
// database, its backups, exported files and the window's own settings,
// each with its folder to open, and the ones the user may change.
type DataFoldersPanel struct {
	ctx      context.Context
	win      fyne.Window
	settings Settings
	keeper   FolderKeeper
	// background runs file work off the UI goroutine; tests run it inline.
	background func(func())
	// chooseFolder and chooseFile ask for a folder or a file, starting
	// in start; tests answer directly.
	chooseFolder, chooseFile func(start string, picked func(path string))
	// backupsMoved runs after the backups folder changed, so that the
	// Backups part lists the new folder.
	backupsMoved func()

	shop, backups, exports, prefs *widget.Label
	note                          *widget.Label
	box                           fyne.CanvasObject
}

// NewDataFoldersPanel builds the panel; dbPath is shown when there is no
// keeper (nil).
func NewDataFoldersPanel(ctx context.Context, win fyne.Window, settings Settings, keeper FolderKeeper, dbPath string) *DataFoldersPanel {
	p := &DataFoldersPanel{ctx: ctx, win: win, settings: settings, keeper: keeper,
		background: func(f func()) { go f() }, backupsMoved: func() {}}
	p.chooseFolder, p.chooseFile = p.askFolder, p.askFile
	path := func(text string) *widget.Label {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapBreak
		return l
	}
	if keeper != nil {
		dbPath = keeper.ShopFile()
	}
	p.shop, p.exports, p.prefs = path(dbPath), path(settings.ExportsFolder()), path(settingsFile())
	p.note = widget.NewLabel("")
	p.note.Wrapping = fyne.TextWrapWord
	open := func(dir func() string) *widget.Button {
		return widget.NewButton(lang.L("Open folder"), func() { p.openFolder(dir()) })
	}
	shopButtons := []fyne.CanvasObject{open(func() string { return filepath.Dir(p.shop.Text) })}
	if keeper != nil {
		shopButtons = append(shopButtons, widget.NewButton(lang.L("Move the shop to another folder…"), p.onMove),
			widget.NewButton(lang.L("Open another shop…"), p.onOpenShop))
	}
	rows := []fyne.CanvasObject{part(lang.L("The shop's database"), p.shop, shopButtons...)}
	if keeper != nil {
		p.backups = path(keeper.BackupsFolder())
		rows = append(rows, part(lang.L("Backups"), p.backups, open(func() string { return p.backups.Text }),
			widget.NewButton(lang.L("Change…"), p.onChangeBackups)))
	}
	rows = append(rows,
		part(lang.L("Exported files (reports, PDFs)"), p.exports, open(func() string { return p.exports.Text }),
			widget.NewButton(lang.L("Change…"), p.onChangeExports)),
		part(lang.L("This window's own settings (language, last shop)"), p.prefs, open(func() string { return filepath.Dir(p.prefs.Text) })),
		p.note)
	p.box = container.NewVBox(rows...)
	return p
}

// part is one place: what it holds, where it is, what can be done.
func part(title string, path *widget.Label, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVBox(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		path, container.NewHBox(buttons...))
}

// Content is the panel's widget tree.
func (p *DataFoldersPanel) Content() fyne.CanvasObject { return p.box }

// openFolder shows dir in the system's file manager.
func (p *DataFoldersPanel) openFolder(dir string) {
	if err := showFolder(dir); err != nil {
		p.note.SetText(lang.L("The folder could not be opened here; it is {{.Folder}}", map[string]any{"Folder": dir}))
	}
}

// showFolder opens dir in the system's file manager, making it first: the
// backups and exports folders only appear with their first file.
func showFolder(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return openURL(folderURL(dir))
}

// folderURL is dir (or a file) as a file URL, file:///C:/… on Windows too.
func folderURL(dir string) *url.URL {
	slashed := filepath.ToSlash(dir)
	if !strings.HasPrefix(slashed, "/") {
		slashed = "/" + slashed
	}
	return &url.URL{Scheme: "file", Path: slashed}
}

// onMove asks for the new folder and, once confirmed, moves the shop.
func (p *DataFoldersPanel) onMove() {
	p.chooseFolder(filepath.Dir(p.shop.Text), func(dir string) {
		text := widget.NewLabel(lang.L("OrderDesk closes the shop, copies it to {{.Folder}}, checks the copy and opens the shop from there. The old file is kept under a new name until you delete it.",
			map[string]any{"Folder": dir}))
		text.Wrapping = fyne.TextWrapWord
		d := dialog.NewCustomConfirm(lang.L("Move the shop?"), lang.L("Move"), lang.L("Cancel"), text, func(ok bool) {
			if ok {
				p.move(dir)
			}
		}, p.win)
		d.Resize(fyne.NewSize(520, d.MinSize().Height))
		d.Show()
	})
}

// busy shows a modal progress dialog for a long step: the window keeps
// drawing while the work runs in the background, and nothing else can be
// started meanwhile. done hides it.
func (p *DataFoldersPanel) busy(title, first string) (step func(string), done func()) {
	what := widget.NewLabel(first)
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(what, bar), p.win)
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	d.Show()
	return func(s string) { fyne.Do(func() { what.SetText(s) }) }, func() { bar.Stop(); d.Hide() }
}

func (p *DataFoldersPanel) move(dir string) {
	step, done := p.busy(lang.L("Moving the shop"), lang.L("Closing the shop…"))
	p.background(func() {
		moved, err := p.keeper.MoveShop(p.ctx, dir, step)
		fyne.Do(func() {
			done()
			if err != nil {
				showError(errors.New(lang.L("The shop was not moved; it is still at {{.Path}}.",
					map[string]any{"Path": p.keeper.ShopFile()})+"\n"+err.Error()), p.win)
				return
			}
			p.shop.SetText(moved.Path)
			p.backups.SetText(p.keeper.BackupsFolder())
			p.note.SetText("")
			dialog.ShowInformation(lang.L("The shop has moved"), movedText(moved), p.win)
		})
	})
}

// movedText says where the shop is now and what stayed behind.
func movedText(m MovedShop) string {
	lines := []string{lang.L("The shop is now {{.Path}}, with all its {{.Orders}} orders; OrderDesk opens it from there from now on.",
		map[string]any{"Path": m.Path, "Orders": m.Orders})}
	if m.Kept != "" {
		lines = append(lines, lang.L("The old file is kept as {{.Path}}. Delete it once you have checked the shop in its new place.",
			map[string]any{"Path": m.Kept}))
	}
	if m.OldBackups != "" {
		lines = append(lines, lang.L("New backups go beside the shop; the earlier ones stay in {{.Folder}}.",
			map[string]any{"Folder": m.OldBackups}))
	}
	return strings.Join(lines, "\n")
}

// onOpenShop opens another database file in the window.
func (p *DataFoldersPanel) onOpenShop() {
	p.chooseFile(filepath.Dir(p.shop.Text), func(path string) {
		_, done := p.busy(lang.L("Open another shop"), lang.L("Opening the shop…"))
		p.background(func() {
			err := p.keeper.OpenShop(p.ctx, path)
			fyne.Do(func() {
				done()
				if err != nil {
					showError(errors.New(lang.L("The shop at {{.Path}} was not opened; this one stays open.",
						map[string]any{"Path": path})+"\n"+err.Error()), p.win)
					return
				}
				p.shop.SetText(p.keeper.ShopFile())
			})
		})
	})
}

func (p *DataFoldersPanel) onChangeBackups() {
	p.chooseFolder(p.backups.Text, func(dir string) {
		p.background(func() {
			err := p.keeper.SetBackupsFolder(p.ctx, dir)
			fyne.Do(func() {
				if err != nil {
					showError(errors.New(lang.L("The backups folder stays {{.Folder}}.", map[string]any{"Folder": p.backups.Text})+
						"\n"+err.Error()), p.win)
					return
				}
				old := p.backups.Text
				p.backups.SetText(p.keeper.BackupsFolder())
				p.note.SetText(lang.L("Backups go to {{.Folder}} from now on; those made before stay in {{.Old}}.",
					map[string]any{"Folder": p.backups.Text, "Old": old}))
				p.backupsMoved()
			})
		})
	})
}

func (p *DataFoldersPanel) onChangeExports() {
	p.chooseFolder(p.exports.Text, func(dir string) {
		p.background(func() {
			err := CheckFolder(dir)
			fyne.Do(func() {
				if err != nil {
					showError(errors.New(lang.L("The folder for exported files stays {{.Folder}}.",
						map[string]any{"Folder": p.exports.Text})+"\n"+err.Error()), p.win)
					return
				}
				p.settings.SetExportsFolder(dir)
				p.exports.SetText(p.settings.ExportsFolder())
				p.note.SetText(lang.L("Reports and documents are saved in {{.Folder}} from now on.", map[string]any{"Folder": dir}))
			})
		})
	})
}

func (p *DataFoldersPanel) askFolder(start string, picked func(string)) {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err == nil && u != nil {
			picked(u.Path())
		}
	}, p.win)
	startIn(d, start, false)
	d.Show()
}

func (p *DataFoldersPanel) askFile(start string, picked func(string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		picked(path)
	}, p.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db", ".sqlite"}))
	startIn(d, start, false)
	d.Show()
}

// startIn opens a file dialog in dir, making it first when create is
// set; where that fails the dialog starts where Fyne chooses.
func startIn(d *dialog.FileDialog, dir string, create bool) {
	if create {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return
		}
	}
	if u, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		d.SetLocation(u)
	}
}

// askSaveExport asks where to save an exported file (a report, a PDF),
// suggesting name in the exports folder; picked gets the path chosen,
// where nothing is written yet (GuardFileSaves), or the dialog says why
// the file cannot be chosen. Every export asks through here, so all
// start in the same place.
func askSaveExport(win fyne.Window, name string, picked func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			showError(errors.New(errorText(err)), win)
			return
		}
		if w != nil {
			path := w.URI().Path()
			_ = w.Close()
			picked(path)
		}
	}, win)
	d.SetFileName(name)
	if ext := filepath.Ext(name); ext != "" {
		d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	}
	startIn(d, documentsDir(), true)
	d.Show()
}

// documentsDir is the exports folder: where save dialogs for exported
// files start and printed documents are written before the system's PDF
// viewer opens them.
func documentsDir() string {
	if a := fyne.CurrentApp(); a != nil {
		return NewSettings(a.Preferences()).ExportsFolder()
	}
	return defaultExportsFolder()
}

// defaultExportsFolder is an OrderDesk folder in the user's Documents,
// where people look for files a program made for them.
func defaultExportsFolder() string {
	docs := userDocuments()
	if docs == "" {
		return filepath.Join(os.TempDir(), "OrderDesk")
	}
	return filepath.Join(docs, "OrderDesk")
}

// userDocuments is the user's Documents folder: ~/Documents on Windows
// and macOS; on Linux the one xdg-user-dirs names, which a Chinese
// desktop calls ~/文档.
func userDocuments() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	if runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		if dir := xdgDocuments(home); dir != "" {
			return dir
		}
	}
	return filepath.Join(home, "Documents")
}

// xdgDocuments reads XDG_DOCUMENTS_DIR from the environment or from
// user-dirs.dirs; "" when unset, or set to home itself (which means the
// desktop has no documents folder).
func xdgDocuments(home string) string {
	dir := os.Getenv("XDG_DOCUMENTS_DIR")
	if dir == "" {
		config := os.Getenv("XDG_CONFIG_HOME")
		if config == "" {
			config = filepath.Join(home, ".config")
		}
		f, err := os.Open(filepath.Join(config, "user-dirs.dirs"))
		if err != nil {
			return ""
		}
		defer f.Close()
		for lines := bufio.NewScanner(f); lines.Scan(); {
			if v, ok := strings.CutPrefix(strings.TrimSpace(lines.Text()), "XDG_DOCUMENTS_DIR="); ok {
				if unquoted, err := strconv.Unquote(v); err == nil {
					v = unquoted
				}
				dir = v
			}
		}
	}
	dir = strings.Replace(dir, "$HOME", home, 1)
	if !filepath.IsAbs(dir) || filepath.Clean(dir) == filepath.Clean(home) {
		return ""
	}
	return filepath.Clean(dir)
}

// settingsFile is where Fyne keeps this program's preferences for the
// user: preferences.json in the app's storage folder (on Linux
// ~/.config/fyne/<app id>, on Windows %AppData%\fyne\<app id>, on macOS
// ~/Library/Preferences/fyne/<app id>).
func settingsFile() string {
	a := fyne.CurrentApp()
	if a == nil {
		return ""
	}
	return filepath.Join(a.Storage().RootURI().Path(), "preferences.json")
}

// CheckFolder makes dir if needed and writes a file in it, to prove that
// OrderDesk may; its error says what is wrong in the user's words.
func CheckFolder(dir string) error {
	if !filepath.IsAbs(dir) {
		return errors.New(lang.L("Choose a folder by its full path."))
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return FolderError(dir, err)
	}
	f, err := os.CreateTemp(dir, ".orderdesk-check-*")
	if err != nil {
		return FolderError(dir, err)
	}
	name := f.Name()
	_, err = f.Write([]byte("OrderDesk"))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if rerr := os.Remove(name); err == nil {
		err = rerr
	}
	return FolderError(dir, err)
}

// FolderError says why a file could not be written in dir, in the user's
// words and with what to do, keeping the cause for errors.Is; nil stays
// nil.
func FolderError(dir string, err error) error {
	if err == nil {
		return nil
	}
	var errno syscall.Errno
	errors.As(err, &errno)
	windows := runtime.GOOS == "windows"
	var text string
	switch {
	// Windows reports a full disk as ERROR_DISK_FULL or
	// ERROR_HANDLE_DISK_FULL, a read-only medium as ERROR_WRITE_PROTECT.
	case errors.Is(err, syscall.ENOSPC), windows && (errno == 112 || errno == 39):
		text = lang.L("The disk of {{.Folder}} is full. Free some space there, or choose a folder on another disk.", map[string]any{"Folder": dir})
	case errors.Is(err, syscall.EROFS), windows && errno == 19:
		text = lang.L("{{.Folder}} is on a disk that cannot be written to. Choose another folder.", map[string]any{"Folder": dir})
	case errors.Is(err, os.ErrPermission):
		text = lang.L("OrderDesk may not write in {{.Folder}}. Choose a folder you may change, such as one in your Documents.", map[string]any{"Folder": dir})
	case errors.Is(err, syscall.ENOTDIR), windows && errno == 267:
		text = lang.L("{{.Folder}} is not a folder: part of it is a file. Choose another folder.", map[string]any{"Folder": dir})
	default:
		text = lang.L("OrderDesk could not write in {{.Folder}}. Choose another folder.", map[string]any{"Folder": dir})
	}
	return &folderError{text: text + "\n(" + err.Error() + ")", cause: err}
}

// folderError is a failure to write in a folder, said for the user.
type folderError struct {
	text  string
	cause error
}

func (e *folderError) Error() string { return e.text }
func (e *folderError) Unwrap() error { return e.cause }
