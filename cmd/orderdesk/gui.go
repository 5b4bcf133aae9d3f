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
	"orderdesk/data"
	"orderdesk/screens"
)

// appID names the program to Fyne (preferences, storage).
const appID = "app.orderdesk.desk"

// runGUI opens the window on the database at path, creating the sample
// shop there first when no database exists yet.
func runGUI(ctx context.Context, path string) error {
	a := fyneapp.NewWithID(appID)
	settings := screens.NewSettings(a.Preferences())
	screens.LoadTranslations(settings.Language())
	a.Settings().SetTheme(screens.NewTheme())
	w := a.NewWindow(lang.L("OrderDesk"))
	w.Resize(fyne.NewSize(1280, 800))
	status := widget.NewLabel(lang.L("Loading…"))
	status.Wrapping = fyne.TextWrapWord
	w.SetContent(container.NewPadded(status))

	var store *data.Store
	go func() {
		_, statErr := os.Stat(path)
		fresh := errors.Is(statErr, os.ErrNotExist)
		var err error
		store, err = data.Open(ctx, path)
		if err == nil && fresh {
			fyne.Do(func() { status.SetText(lang.L("Creating the sample shop…")) })
			_, err = sample.Generate(ctx, store, sample.Options{})
		}
		if err != nil {
			fyne.Do(func() {
				status.SetText(lang.L("Could not open the database") + "\n\n" + openErrorText(err) + "\n\n" + err.Error())
			})
			return
		}
		settings.SetLastDatabase(store.Path())
		svc := app.NewService(store)
		shop, _ := svc.Shop(ctx)
		fyne.Do(func() {
			if shop.Name != "" {
				w.SetTitle(lang.L("OrderDesk") + " — " + shop.Name)
			}
			shell := screens.NewShell(ctx, svc, w, settings, store.Path())
			w.SetContent(shell.Content())
			shell.Start()
		})
	}()
	w.ShowAndRun()
	if store != nil {
		return store.Close()
	}
	return nil
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
