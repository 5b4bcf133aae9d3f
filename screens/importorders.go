package screens

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/importer"
)

// dateFormats are the formats offered for dates whose day and month the
// file does not tell apart.
var dateFormats = []string{"DD/MM/YYYY", "MM/DD/YYYY", "DD/MM/YY", "MM/DD/YY", "YYYY-MM-DD"}

// previewRows is how many of the previewed orders the table shows.
const previewRows = 200

// ImportOrders is the Import orders window: choose a platform's
// export or a shop's own spreadsheet, confirm a generic file's columns,
// preview what the file would do, then import it whole or not at all.
type ImportOrders struct {
	ctx    context.Context
	svc    *app.Service
	win    fyne.Window
	onDone func() // after an import, when the window goes: the shell refreshes its lists
	close  func() // closes the window; nil when the screen is not in one
	// background runs file and database work off the UI goroutine; tests
	// run it inline.
	background func(func())

	currency app.Currency
	mappings []app.ImportMapping // saved generic mappings, offered after the presets
	files    []string
	tables   []importer.Table
	header   []string // the file's column headers, for the mapping
	mapSel   map[importer.Field]*widget.Select
	result   app.ImportResult
	preview  []app.ImportPreview // the table's rows
	problems []string
	unknown  []app.UnknownProduct
	ready    bool // the last preview was clean and nothing changed since: Import may run
	imported bool
	gone     bool // the window closed
	cancel   context.CancelFunc
	reads    int // counts file choices; a late read of an older choice is dropped
	lastDir  string

	preset, channel   *widget.Select
	create, newOrders *widget.Check
	allOrNothing      *widget.Check
	dateFormat        *widget.Select // automatic, or the format the user says the file\'s dates have
	orderDate         *widget.Entry  // the day of a file\'s orders when it has no dates
	orderDateBox      *fyne.Container
	saveRejects       *widget.Button
	parsed            importer.Parsed // of the last preview or import, for the rejects file
	// chooseSave asks where to save a file (the rejects); tests answer it.
	chooseSave                 func(name string, picked func(path string))
	choose, addItems, saveMap  *widget.Button
	previewBtn, importBtn      *widget.Button
	cancelBtn, closeBtn        *widget.Button
	fileInfo, message, figures *widget.Label
	previewNote, unknownHint   *widget.Label
	channelBox, problemsBox    *fyne.Container
	unknownBox                 *fyne.Container
	mapping                    *fyne.Container
	progress                   *widget.ProgressBar
	previewTable, unknownTable *widget.Table
	problemList                *widget.List
	tabs                       *container.AppTabs
	mappingTab, previewTab     *container.TabItem
	problemsTab                *container.TabItem
	box                        fyne.CanvasObject
}

// OpenImportWindow opens the Import orders window. onDone is called when
// the window closes after orders were imported.
func OpenImportWindow(ctx context.Context, svc *app.Service, onDone func()) fyne.Window {
	w := fyne.CurrentApp().NewWindow(lang.L("Import orders"))
	i := NewImportOrders(ctx, svc, w)
	i.onDone, i.close = onDone, w.Close
	w.SetContent(i.Content())
	w.Resize(fyne.NewSize(1040, 760))
	w.SetOnClosed(i.closed)
	w.Show()
	i.background(func() {
		if err := i.Update(ctx); err != nil {
			fyne.Do(func() { i.showError(lang.L("The shop could not be read: ") + err.Error()) })
		}
	})
	return w
}

// NewImportOrders builds the window's content; Update loads the shop's
// currency and saved mappings.
func NewImportOrders(ctx context.Context, svc *app.Service, win fyne.Window) *ImportOrders {
	i := &ImportOrders{ctx: ctx, svc: svc, win: win, background: func(f func()) { go f() }}
	i.chooseSave = func(name string, picked func(string)) { askSaveExport(win, name, picked) }
	i.currency, _ = app.LookupCurrency("CNY")

	i.preset = newSelect(i.presetNames(), nil)
	i.preset.PlaceHolder = lang.L("Choose the file's platform")
	i.preset.OnChanged = i.onPreset
	i.choose = widget.NewButton(lang.L("Choose file…"), func() { i.chooseFile(false) })
	i.choose.Importance = widget.HighImportance
	i.addItems = widget.NewButton(lang.L("Add item report…"), func() { i.chooseFile(true) })
	i.addItems.Hide()
	i.fileInfo = widget.NewLabel(lang.L("No file chosen yet."))
	i.fileInfo.Wrapping = fyne.TextWrapWord

	channels := make([]string, len(app.Channels()))
	for k, c := range app.Channels() {
		channels[k] = channelText(c)
	}
	i.channel = newSelect(channels, nil)
	i.setChannel(app.ChannelWebShop)
	i.channel.OnChanged = func(string) { i.invalidate() }
	i.channelBox = container.NewHBox(widget.NewLabel(lang.L("Channel")), i.channel)
	i.create = widget.NewCheck(lang.L("Create products the shop does not know"), func(bool) { i.invalidate() })
	i.newOrders = widget.NewCheck(lang.L("These are new orders (send them to review)"), func(bool) { i.invalidate() })
	i.allOrNothing = widget.NewCheck(lang.L("Import nothing if any order is bad"), func(bool) { i.invalidate() })
	i.saveRejects = widget.NewButton(lang.L("Save rejected orders…"), i.askSaveRejects)
	i.dateFormat = newSelect(append([]string{lang.L("Automatic")}, dateFormats...), nil)
	i.dateFormat.SetSelectedIndex(0)
	i.dateFormat.OnChanged = func(string) { i.invalidate() }
	i.orderDate = widget.NewEntry()
	i.orderDate.SetPlaceHolder("2026-11-02")
	i.orderDate.OnChanged = func(string) { i.invalidate() }
	i.orderDateBox = container.NewHBox(widget.NewLabel(lang.L("Orders placed on")), i.orderDate)
	i.orderDateBox.Hide()
	i.saveRejects.Hide()
	i.channelBox.Hide()
	i.newOrders.Hide()

	i.mapping = container.New(layout.NewFormLayout())
	i.saveMap = widget.NewButton(lang.L("Save mapping as…"), i.askMappingName)
	mapHint := widget.NewLabel(lang.L("Choose the file's column for each detail. Fields marked * are needed."))
	mapHint.Wrapping = fyne.TextWrapWord
	i.mappingTab = container.NewTabItem(lang.L("Columns"),
		container.NewBorder(mapHint, container.NewHBox(i.saveMap), nil, nil, container.NewVScroll(i.mapping)))

	i.previewNote = widget.NewLabel("")
	i.previewTable = i.newPreviewTable()
	i.previewTab = container.NewTabItem(lang.L("Orders"), container.NewBorder(i.previewNote, nil, nil, nil, i.previewTable))

	i.problemList = widget.NewList(func() int { return len(i.problems) },
		func() fyne.CanvasObject {
			return widget.NewLabel("Row 12")
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(i.problems[id]) })
	i.unknownHint = widget.NewLabel(lang.L("The shop does not know these products. Tick “Create products the shop does not know” to add them from the file, or add them in Products & stock first."))
	i.unknownHint.Wrapping = fyne.TextWrapWord
	i.unknownTable = i.newUnknownTable()
	i.unknownBox = container.NewBorder(i.unknownHint, nil, nil, nil, i.unknownTable)
	i.problemsBox = container.NewStack()
	i.problemsTab = container.NewTabItem(lang.L("Problems"), i.problemsBox)
	i.tabs = container.NewAppTabs(i.previewTab, i.problemsTab)

	i.previewBtn = widget.NewButton(lang.L("Preview"), i.Preview)
	i.previewBtn.Disable()
	i.importBtn = widget.NewButton(lang.L("Import"), i.Import)
	i.importBtn.Importance = widget.HighImportance
	i.importBtn.Disable()
	i.cancelBtn = widget.NewButton(lang.L("Cancel"), i.Cancel)
	i.cancelBtn.Hide()
	i.closeBtn = widget.NewButton(lang.L("Close"), i.Close)
	i.progress = widget.NewProgressBar()
	i.progress.Hide()
	i.message = widget.NewLabel(lang.L("Choose the file's platform and the file."))
	i.message.Wrapping = fyne.TextWrapWord
	i.figures = widget.NewLabel("")
	i.figures.Hide()
	i.previewNote.Hide()

	top := container.NewVBox(
		container.NewHBox(widget.NewLabel(lang.L("Preset")), i.preset, i.choose, i.addItems),
		i.fileInfo,
		container.NewHBox(i.channelBox, i.create, i.newOrders, i.allOrNothing),
		container.NewHBox(widget.NewLabel(lang.L("Dates")), i.dateFormat, i.orderDateBox),
	)
	bottom := container.NewVBox(i.progress, i.message, i.figures,
		container.NewHBox(i.previewBtn, i.importBtn, i.cancelBtn, i.saveRejects, layout.NewSpacer(), i.closeBtn))
	i.box = container.NewBorder(top, bottom, nil, nil, i.tabs)
	return i
}

// Content is the window's widget tree.
func (i *ImportOrders) Content() fyne.CanvasObject { return i.box }

// Update loads the shop's currency and its saved mappings (off the UI
// goroutine).
func (i *ImportOrders) Update(ctx context.Context) error {
	shop, err := i.svc.Shop(ctx)
	if err != nil {
		return err
	}
	list, err := i.svc.ImportMappings(ctx)
	if err != nil {
		return err
	}
	fyne.Do(func() {
		i.currency = shop.Currency
		i.setMappings(list, "")
	})
	return nil
}

func presetLabel(p string) string {
	switch p {
	case importer.PresetShopify:
		return lang.L("Shopify")
	case importer.PresetWooCommerce:
		return lang.L("WooCommerce")
	case importer.PresetTaobao:
		return lang.L("Taobao/Tmall")
	case importer.PresetEtsy:
		return lang.L("Etsy")
	case importer.PresetAmazon:
		return lang.L("Amazon")
	case importer.PresetEBay:
		return lang.L("eBay")
	}
	return lang.L("Generic")
}

func (i *ImportOrders) presetNames() []string {
	var names []string
	for _, p := range importer.Presets() {
		names = append(names, presetLabel(p))
	}
	for _, m := range i.mappings {
		names = append(names, m.Name)
	}
	return names
}

// chosen is the preset the Select shows; a saved mapping is the generic
// preset with its columns and channel.
func (i *ImportOrders) chosen() (string, *app.ImportMapping) {
	k, presets := i.preset.SelectedIndex(), importer.Presets()
	switch {
	case k < 0:
		return "", nil
	case k < len(presets):
		return presets[k], nil
	}
	m := i.mappings[k-len(presets)]
	return importer.PresetGeneric, &m
}

// setMappings offers the saved mappings, keeping the choice (or choosing
// the one called sel) without treating it as a change.
func (i *ImportOrders) setMappings(list []app.ImportMapping, sel string) {
	k, builtIn := i.preset.SelectedIndex(), len(importer.Presets())
	if _, saved := i.chosen(); saved != nil && sel == "" {
		sel = saved.Name
	}
	i.mappings = list
	i.preset.OnChanged = nil
	i.preset.SetOptions(i.presetNames())
	switch {
	case sel != "":
		for n, m := range list {
			if m.Name == sel {
				i.preset.SetSelectedIndex(builtIn + n)
			}
		}
	case k >= 0 && k < builtIn:
		i.preset.SetSelectedIndex(k)
	}
	i.preset.OnChanged = i.onPreset
}

func (i *ImportOrders) channelChoice() app.Channel {
	if k := i.channel.SelectedIndex(); k >= 0 {
		return app.Channels()[k]
	}
	return app.ChannelWebShop
}

func (i *ImportOrders) setChannel(c app.Channel) {
	for k, known := range app.Channels() {
		if known == c {
			i.channel.SetSelectedIndex(k)
		}
	}
}

func (i *ImportOrders) onPreset(string) {
	preset, saved := i.chosen()
	generic := preset == importer.PresetGeneric
	showIf(i.addItems, preset == importer.PresetTaobao)
	showIf(i.channelBox, generic)
	showIf(i.newOrders, generic)
	if saved != nil {
		i.setChannel(saved.Channel)
	}
	i.buildMapping()
	i.invalidate()
}

func showIf(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// SetFiles reads the files to import, as if the user had chosen them:
// one export, or Taobao's order report with its item report.
func (i *ImportOrders) SetFiles(paths ...string) {
	i.files = append([]string(nil), paths...)
	i.tables, i.header = nil, nil
	i.reads++
	read := i.reads
	i.invalidate()
	i.previewBtn.Disable()
	i.clearResult()
	i.closeBtn.Importance = widget.MediumImportance
	i.closeBtn.Refresh()
	i.progress.Hide()
	i.tabs.Select(i.previewTab)
	if len(paths) == 0 {
		i.fileInfo.SetText(lang.L("No file chosen yet."))
		i.buildMapping()
		return
	}
	i.lastDir = filepath.Dir(paths[len(paths)-1])
	i.fileInfo.SetText(lang.L("Reading {{.Files}}…", map[string]any{"Files": baseNames(paths)}))
	i.background(func() {
		var tables []importer.Table
		var err error
		failed := ""
		for _, p := range paths {
			t, e := importer.ReadFile(p)
			if e != nil {
				err, failed = e, p
				break
			}
			tables = append(tables, t...)
		}
		fyne.Do(func() {
			if read == i.reads {
				i.filesRead(tables, failed, err)
			}
		})
	})
}

func baseNames(paths []string) string {
	names := make([]string, len(paths))
	for k, p := range paths {
		names[k] = filepath.Base(p)
	}
	return strings.Join(names, ", ")
}

func (i *ImportOrders) filesRead(tables []importer.Table, failed string, err error) {
	if err != nil {
		i.fileInfo.SetText(baseNames(i.files))
		i.buildMapping()
		i.showError(readErrorText(failed, err))
		return
	}
	i.tables = tables
	rows := 0
	seen := map[string]bool{}
	for _, t := range tables {
		rows += len(t.Rows)
		for _, h := range t.Header {
			if h != "" && !seen[h] {
				seen[h] = true
				i.header = append(i.header, h)
			}
		}
	}
	i.fileInfo.SetText(lang.L("{{.Files}}: {{.Rows}} rows", map[string]any{"Files": baseNames(i.files), "Rows": rows}))
	// A platform's export is recognised by its columns; a saved mapping
	// stays chosen.
	guess := importer.Detect(tables)
	if current, saved := i.chosen(); saved == nil && current != guess {
		i.preset.SetSelected(presetLabel(guess)) // builds the mapping
	} else {
		i.buildMapping()
	}
	i.previewBtn.Enable()
	i.setMessage(lang.L("Check the choices, then press Preview."), widget.MediumImportance)
}

func (i *ImportOrders) chooseFile(add bool) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			showError(err, i.win)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		if add {
			i.SetFiles(append(append([]string(nil), i.files...), path)...)
		} else {
			i.SetFiles(path)
		}
	}, i.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".txt", ".xlsx"}))
	if i.lastDir != "" {
		if dir, err := storage.ListerForURI(storage.NewFileURI(i.lastDir)); err == nil {
			d.SetLocation(dir)
		}
	}
	d.Show()
}

// invalidate: a choice changed, so the last preview no longer holds.
func (i *ImportOrders) invalidate() {
	if i.ready {
		i.setMessage(lang.L("The choices changed: press Preview again."), widget.MediumImportance)
	}
	i.ready = false
	i.importBtn.Disable()
}

// Preview checks the file with a dry run: everything is counted and
// checked, nothing is saved.
func (i *ImportOrders) Preview() { i.run(true) }

// Import imports the previewed file for real, whole or not at all.
func (i *ImportOrders) Import() {
	if i.ready {
		i.run(false)
	}
}

// Cancel stops a preview or import under way; nothing is saved.
func (i *ImportOrders) Cancel() {
	if i.cancel != nil {
		i.cancel()
	}
}

// Close closes the window.
func (i *ImportOrders) Close() {
	if i.close != nil {
		i.close() // the window's close handler follows
		return
	}
	i.closed()
}

func (i *ImportOrders) closed() {
	i.gone = true
	i.Cancel()
	if i.imported && i.onDone != nil {
		i.onDone()
		i.onDone = nil
	}
}

func (i *ImportOrders) run(dry bool) {
	preset, _ := i.chosen()
	if preset == "" {
		i.showError(lang.L("Choose the file's platform first."))
		return
	}
	if len(i.tables) == 0 {
		return
	}
	generic := preset == importer.PresetGeneric
	opt := importer.Options{Preset: preset, Currency: i.currency, NewOrders: generic && i.newOrders.Checked}
	if k := i.dateFormat.SelectedIndex(); k > 0 {
		opt.DateFormat = dateFormats[k-1]
	}
	if text := strings.TrimSpace(i.orderDate.Text); text != "" && i.orderDateBox.Visible() {
		day, err := app.ParseDay(text)
		if err != nil {
			i.showError(lang.L("Enter the day the orders were placed like 2026-11-02."))
			return
		}
		opt.Date = day
	}
	if generic {
		opt.Channel, opt.Mapping = i.channelChoice(), i.Mapping()
	}
	tables := i.tables
	batch := app.ImportBatch{Source: filepath.Base(i.files[0]), CreateProducts: i.create.Checked, DryRun: dry,
		AllOrNothing: i.allOrNothing.Checked}
	ctx, cancel := context.WithCancel(i.ctx)
	i.cancel = cancel
	i.setRunning(true)
	if dry {
		i.setMessage(lang.L("Checking the file…"), widget.MediumImportance)
	} else {
		i.setMessage(lang.L("Importing… The window stays open; Cancel stops it and saves nothing."), widget.MediumImportance)
	}
	i.background(func() {
		defer cancel()
		parsed, err := importer.Parse(tables, opt)
		var res app.ImportResult
		if err == nil {
			res, err = importer.Run(ctx, i.svc, parsed, batch, func(done, total int) {
				fyne.Do(func() { i.progress.SetValue(float64(done) / float64(max(total, 1))) })
			})
		}
		fyne.Do(func() { i.finish(dry, parsed, res, err) })
	})
}

func (i *ImportOrders) setRunning(on bool) {
	for _, w := range []fyne.Disableable{i.preset, i.channel, i.create, i.newOrders, i.allOrNothing, i.dateFormat, i.orderDate,
		i.choose, i.addItems, i.saveMap, i.previewBtn, i.closeBtn, i.saveRejects} {
		if on {
			w.Disable()
		} else {
			w.Enable()
		}
	}
	for _, sel := range i.mapSel {
		if on {
			sel.Disable()
		} else {
			sel.Enable()
		}
	}
	i.importBtn.Disable()
	showIf(i.cancelBtn, on)
	i.progress.SetValue(0)
	i.progress.Show()
	if !on {
		i.cancel = nil
	}
}

func (i *ImportOrders) finish(dry bool, parsed importer.Parsed, res app.ImportResult, err error) {
	i.setRunning(false)
	i.result, i.parsed = res, parsed
	var refused *app.ImportError
	rejected := map[string]any{"Rejected": len(res.Rejected), "Orders": res.Orders, "Flagged": res.Flagged,
		"Skipped": len(res.Skipped)}
	switch {
	case errors.As(err, &refused) || err == nil && len(res.Rejected) == 0 && (len(res.Problems) > 0 || len(res.Unknown) > 0):
		i.showProblems(res)
	case err != nil:
		i.clearResult()
		i.progress.Hide()
		i.showError(i.errorSentence(err))
	case dry:
		i.showPreview(res, parsed.Rows)
		if res.Orders == 0 && len(res.Rejected) == 0 {
			i.setMessage(lang.L("Nothing new to import: the file's {{.Skipped}} orders are already in the shop.",
				map[string]any{"Skipped": len(res.Skipped)}), widget.MediumImportance)
			break
		}
		if res.Orders > 0 {
			i.ready = true
			i.importBtn.Enable()
		}
		if len(res.Rejected) > 0 {
			i.setMessage(lang.L("{{.Orders}} orders can be imported; bad orders to leave out: {{.Rejected}} (see Rejected). Press Import to import the good ones.",
				rejected), widget.WarningImportance)
			break
		}
		i.setMessage(lang.L("No problems found: {{.Orders}} orders can be imported. Press Import.",
			map[string]any{"Orders": res.Orders}), widget.SuccessImportance)
	default:
		i.imported = res.Orders > 0
		i.showPreview(res, parsed.Rows)
		if len(res.Rejected) > 0 {
			i.setMessage(lang.L("Imported {{.Orders}} orders ({{.Flagged}} wait in review); {{.Rejected}} rejected: save them with “Save rejected orders…”, fix them there and import that file again.",
				rejected), widget.WarningImportance)
		} else {
			i.setMessage(lang.L("Imported {{.Orders}} orders ({{.Flagged}} wait in review); {{.Skipped}} skipped as already imported",
				rejected), widget.SuccessImportance)
		}
		i.closeBtn.Importance = widget.HighImportance
		i.closeBtn.Refresh()
		if i.gone && i.onDone != nil { // closed while the import finished
			i.onDone()
			i.onDone = nil
		}
	}
	showIf(i.saveRejects, err == nil && len(res.Rejected) > 0)
}

// askSaveRejects writes the rejected orders' rows, in the file's own
// layout with the reasons first, where the user says.
func (i *ImportOrders) askSaveRejects() {
	if len(i.result.Rejected) == 0 || len(i.files) == 0 {
		return
	}
	base := strings.TrimSuffix(filepath.Base(i.files[0]), filepath.Ext(i.files[0]))
	name := strings.TrimSuffix(base, "-rejects") + "-rejects" + importer.RejectsExt(i.tables)
	tables, parsed, rejected := i.tables, i.parsed, i.result.Rejected
	i.chooseSave(name, func(path string) {
		// A file of thousands of rows is written off the UI goroutine.
		i.background(func() {
			n := 0
			err := saveFile(path, func(w io.Writer) error {
				var err error
				n, err = importer.WriteRejects(w, tables, parsed, rejected)
				return err
			})
			fyne.Do(func() {
				if err != nil {
					i.showError(errorText(err))
					return
				}
				i.setMessage(lang.L("Saved the {{.Orders}} rejected orders ({{.Rows}} rows) as {{.Path}}: fix them there, then import that file.",
					map[string]any{"Orders": len(rejected), "Rows": n, "Path": path}), widget.SuccessImportance)
			})
		})
	})
}
