package screens

import (
	"errors"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/importer"
)

// platformText names a platform in the user's language.
func platformText(p app.TrackingPlatform) string {
	switch p {
	case app.TrackShopify:
		return lang.L("Shopify")
	case app.TrackAmazon:
		return lang.L("Amazon")
	case app.TrackEBay:
		return lang.L("eBay")
	case app.TrackEtsy:
		return lang.L("Etsy")
	case app.TrackWoo:
		return lang.L("WooCommerce")
	case app.TrackTaobao:
		return lang.L("Taobao/Tmall")
	}
	return lang.L("All platforms (OrderDesk's layout)")
}

// askTrackingExport asks which platform to tell about the parcels that
// left, and which days, then asks where to save the platform's file and
// marks its parcels written (issue 18, point 8): the shop can do it
// every day and each parcel goes once.
func (s *FulfilmentScreen) askTrackingExport() {
	platforms := app.TrackingPlatforms()
	names := make([]string, len(platforms))
	for i, p := range platforms {
		names[i] = platformText(p)
	}
	note := widget.NewLabel("")
	note.Wrapping = fyne.TextWrapWord
	choose := newSelect(names, func(name string) {
		note.SetText("")
		if name == platformText(app.TrackEtsy) {
			note.SetText(lang.L("Etsy has no bulk upload: the file is a list to type from."))
		}
	})
	choose.SetSelectedIndex(0)
	from, to := widget.NewEntry(), widget.NewEntry()
	from.SetPlaceHolder(lang.L("optional, like 2026-11-01"))
	to.SetPlaceHolder(lang.L("optional, like 2026-11-30"))
	again := widget.NewCheck(lang.L("Include parcels already exported"), nil)
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Hide()
	form := widget.NewForm(widget.NewFormItem(lang.L("Platform"), choose),
		widget.NewFormItem(lang.L("First day shipped"), from), widget.NewFormItem(lang.L("Last day shipped"), to))
	about := widget.NewLabel(lang.L("The tracking numbers of the parcels that left, in the file the platform takes for bulk upload. Each parcel is written once, so you can do this every day."))
	about.Wrapping = fyne.TextWrapWord

	var dlg dialog.Dialog
	save := widget.NewButton(lang.L("Save as…"), func() {
		q, ok := trackingQuery(platforms[max(choose.SelectedIndex(), 0)], from.Text, to.Text, again.Checked)
		if !ok {
			problem.SetText(lang.L("Enter the days like 2026-11-01, the first not after the last"))
			problem.Show()
			return
		}
		dlg.Hide()
		s.exportTracking(q)
	})
	save.Importance = widget.HighImportance
	dlg = dialog.NewCustom(lang.L("Tracking for platforms"), lang.L("Close"),
		container.NewVBox(about, form, again, note, problem, save), s.win)
	dlg.Resize(fyne.NewSize(520, dlg.MinSize().Height))
	dlg.Show()
}

// trackingQuery reads the dialog: days in the computer's time zone, both
// included, either left empty.
func trackingQuery(p app.TrackingPlatform, from, to string, again bool) (app.TrackingQuery, bool) {
	q := app.TrackingQuery{Platform: p, Again: again}
	var err error
	q.From, q.To, err = app.DayRange(from, to)
	return q, err == nil
}

// exportTracking finds the parcels, asks where the file goes, writes it
// whole and only then marks them written, and says how many.
func (s *FulfilmentScreen) exportTracking(q app.TrackingQuery) {
	title := lang.L("Tracking for platforms")
	words := map[string]any{"Platform": platformText(q.Platform)}
	failed := func(err error) {
		fyne.Do(func() {
			showError(errors.New(lang.L("The tracking file could not be written: ")+errorText(err)), s.win)
		})
	}
	country := s.shop.Country
	s.background(func() {
		parcels, err := s.svc.TrackingToExport(s.ctx, q)
		if err != nil {
			failed(err)
			return
		}
		fyne.Do(func() {
			if len(parcels) == 0 {
				none := lang.L("No new parcels for {{.Platform}}", words)
				if q.Again {
					none = lang.L("No parcels for {{.Platform}} shipped on those days", words)
				}
				dialog.ShowInformation(title, none, s.win)
				return
			}
			s.chooseTrackingFile(importer.TrackingFileName(q.Platform, s.svc.Now().Local()), func(path string) {
				s.background(func() {
					err := saveFile(path, func(w io.Writer) error {
						return importer.WriteTracking(w, q.Platform, parcels, importer.TrackingOptions{Country: country})
					})
					if err != nil {
						failed(err) // not written whole: nothing is marked
						return
					}
					words["Path"], words["Count"] = path, app.FormatCount(int64(len(parcels)))
					done := lang.L("Wrote {{.Count}} parcels for {{.Platform}} to {{.Path}}", words)
					if len(parcels) == 1 {
						done = lang.L("Wrote 1 parcel for {{.Platform}} to {{.Path}}", words)
					}
					if err := s.svc.MarkTrackingExported(s.ctx, q.Platform, parcels); err != nil {
						fyne.Do(func() {
							showError(errors.New(done+"\n"+lang.L("They could not be marked as sent, so the next file holds them again: ")+
								errorText(err)), s.win)
						})
						return
					}
					fyne.Do(func() {
						s.job.say(done)
						dialog.ShowInformation(title, done, s.win)
					})
				})
			})
		})
	})
}

// chooseTrackingFile asks where to save the file; tests answer through
// chooseSave.
func (s *FulfilmentScreen) chooseTrackingFile(name string, picked func(path string)) {
	if s.chooseSave != nil {
		s.chooseSave(name, picked)
		return
	}
	askSaveExport(s.win, name, picked)
}
