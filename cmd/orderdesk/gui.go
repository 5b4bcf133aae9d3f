package main

import (
	"context"
	"errors"
	"os"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/app/sample"
	"orderdesk/assets"
	"orderdesk/data"
	"orderdesk/screens"
)

// appID names the program to Fyne (preferences, storage).
const appID = "app.orderdesk.desk"

// runGUI opens the window. The shop is the --db file if given, else the
// one opened last, else the one in the user's data folder; when none
// exists yet the first-start screen asks how to begin.
func runGUI(ctx context.Context, flagPath string) (err error) {
	if err := findDesktop(); err != nil {
		return err
	}
	defer noDesktopPanic(&err)
	a := fyneapp.NewWithID(appID)
	screens.GuardFileSaves()
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	settings := screens.NewSettings(a.Preferences())
	screens.LoadTranslations(settings.Language())
	a.Settings().SetTheme(screens.NewTheme())
	w := a.NewWindow(lang.L("OrderDesk"))
	// The size it had when it was last closed; the first time one that
	// fits a 1366×768 screen.
	w.Resize(settings.WindowSize())
	a.Lifecycle().SetOnStopped(func() { settings.SetWindowSize(w.Canvas().Size()) })
	d := &desk{ctx: ctx, win: w, settings: settings}
	d.backups = newBackupKeeper(d, a.Preferences())
	screens.UseBackups(d.backups)
	screens.UseFolders(newFolderKeeper(d))

	path := flagPath
	if path == "" {
		path = settings.LastDatabase()
		if path == "" || !exists(path) {
			path = defaultDBPath()
		}
	}
	if flagPath != "" || exists(path) {
		d.open(path, nil)
	} else {
		welcome := screens.NewWelcome(w)
		welcome.OnSample = func() { d.open(defaultDBPath(), d.fillSample) }
		welcome.OnOpen = func(p string) { d.open(p, nil) }
		welcome.OnEmpty = func(name, currency string) {
			d.open(defaultDBPath(), func(store *data.Store) error { return d.nameShop(store, name, currency) })
		}
		w.SetContent(welcome.Content())
	}
	w.ShowAndRun()
	return d.backups.closeShop()
}

// desk is the open window and the shop in it.
type desk struct {
	ctx      context.Context
	win      fyne.Window
	settings screens.Settings
	backups  *backupKeeper // also holds the open shop's store

	// The open shop, and who acts in it.
	svc      *app.Service
	dbPath   string
	shopName string
	session  context.Context // nil while nobody is signed in

	// background, if set, runs the screens' database work instead of a
	// goroutine, and shown runs once a screen is up: tests set both, to
	// step through the window without racing its widgets.
	background func(func())
	shown      func()
}

// open opens the database at path in the background, runs prepare on a
// new one (the sample shop, or naming an empty shop), and shows the desk
// or says why it could not.
func (d *desk) open(path string, prepare func(*data.Store) error) {
	status := widget.NewLabel(lang.L("Loading…"))
	status.Wrapping = fyne.TextWrapWord
	d.win.SetContent(container.NewPadded(status))
	d.chooseBackups(path)
	go func() {
		store, err := data.Open(d.ctx, path)
		if err == nil && prepare != nil {
			fyne.Do(func() { status.SetText(lang.L("Creating the sample shop…")) })
			if err = prepare(store); err != nil {
				// A shop that could not be set up is not left behind.
				_ = store.Close()
				removeShopFiles(store.Path())
			}
		}
		if err != nil {
			fyne.Do(func() { d.backups.openFailed(path, err) })
			return
		}
		d.settings.SetLastDatabase(store.Path())
		svc := newService(d.backups.use(store))
		shop, _ := svc.Shop(d.ctx)
		accounts, err := svc.AccountSettings(d.ctx)
		fyne.Do(func() {
			d.svc, d.dbPath, d.shopName = svc, store.Path(), shop.Name
			d.win.SetTitle(lang.L("OrderDesk"))
			if shop.Name != "" {
				d.win.SetTitle(lang.L("OrderDesk") + " — " + shop.Name)
			}
			if err == nil && accounts.On {
				d.askSignIn()
			} else {
				d.showDesk(d.ctx, nil)
			}
			d.backups.opened()
		})
	}()
}

// askSignIn shows the sign-in screen (accounts on, R-80); the desk opens
// as whoever signs in.
func (d *desk) askSignIn() {
	d.session = nil
	signIn := screens.NewSignIn(d.ctx, d.svc, d.win, orValue(d.shopName, lang.L("OrderDesk")))
	signIn.OnSignedIn = func(u app.User) { d.showDesk(app.WithActor(d.ctx, u.Actor()), &u) }
	if d.background != nil {
		signIn.SetBackground(d.background)
	}
	d.win.SetContent(signIn.Content())
	signIn.Focus()
	if d.shown != nil {
		d.shown()
	}
}

// showDesk opens the shop's sections acting as ctx's actor: the signed-in
// user, or without accounts the person at the computer, as the owner.
func (d *desk) showDesk(ctx context.Context, user *app.User) {
	d.session = ctx
	shell := screens.NewShell(ctx, d.svc, d.win, d.settings, d.dbPath)
	shell.OnAccountsChanged(func(on bool) {
		if on {
			d.askSignIn()
		} else {
			d.showDesk(d.ctx, nil)
		}
	})
	if user != nil {
		shell.ShowSession(*user, d.askSignIn)
	}
	if d.background != nil {
		shell.SetBackground(d.background)
	}
	d.win.SetContent(shell.Content())
	shell.Start()
	if d.shown != nil {
		d.shown()
	}
}

func orValue(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

func (d *desk) fillSample(store *data.Store) error {
	_, err := sample.Generate(d.ctx, store, sample.Options{})
	return err
}

func (d *desk) nameShop(store *data.Store, name, currency string) error {
	c, _ := app.LookupCurrency(currency)
	return newService(store).SaveShop(d.ctx, app.Shop{Name: name, Currency: c, Country: countryFor(currency)})
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// countryFor guesses the shop's country from its currency, for the
// default country of addresses; Settings can change it.
func countryFor(currency string) string {
	switch currency {
	case "CNY":
		return "CN"
	case "HKD":
		return "HK"
	case "TWD":
		return "TW"
	case "GBP":
		return "GB"
	case "USD":
		return "US"
	}
	return ""
}

// openErrorText says in the user's language what went wrong opening the
// database and what to do about it.
func openErrorText(err error) string {
	switch {
	case errors.Is(err, data.ErrLocked):
		return lang.L("Another OrderDesk window has this shop open. Close it, then start OrderDesk again.")
	case errors.Is(err, data.ErrNotDatabase):
		return lang.L("This file is not an OrderDesk database. Choose the shop's .db file.")
	case errors.Is(err, data.ErrTooNew):
		return lang.L("This shop was saved by a newer OrderDesk. Update OrderDesk to open it.")
	case errors.Is(err, data.ErrCorrupt):
		return lang.L("The database file is damaged. Restore the latest backup.")
	case errors.Is(err, data.ErrDiskFull):
		return lang.L("The disk is full. Free some space, then start OrderDesk again.")
	case errors.Is(err, data.ErrReadOnly), errors.Is(err, os.ErrPermission):
		return lang.L("The database file cannot be written. Check the file and folder permissions.")
	}
	return lang.L("Check that the file exists and that you may open it.")
}
