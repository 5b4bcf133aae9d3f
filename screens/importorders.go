package screens

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
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

	preset, channel            *widget.Select
	create, newOrders          *widget.Check
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
	i.currency, _ = app.LookupCurrency("CNY")

	i.preset = widget.NewSelect(i.presetNames(), nil)
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
	i.channel = widget.NewSelect(channels, nil)
	i.setChannel(app.ChannelWebShop)
	i.channel.OnChanged = func(string) { i.invalidate() }
	i.channelBox = container.NewHBox(widget.NewLabel(lang.L("Channel")), i.channel)
	i.create = widget.NewCheck(lang.L("Create products the shop does not know"), func(bool) { i.invalidate() })
	i.newOrders = widget.NewCheck(lang.L("These are new orders (send them to review)"), func(bool) { i.invalidate() })
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
		container.NewHBox(i.channelBox, i.create, i.newOrders),
	)
	bottom := container.NewVBox(i.progress, i.message, i.figures,
		container.NewHBox(i.previewBtn, i.importBtn, i.cancelBtn, layout.NewSpacer(), i.closeBtn))
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
	guess := guessPreset(tables)
	if current, saved := i.chosen(); saved == nil && current != guess {
		i.preset.SetSelected(presetLabel(guess)) // builds the mapping
	} else {
		i.buildMapping()
	}
	i.previewBtn.Enable()
	i.setMessage(lang.L("Check the choices, then press Preview."), widget.MediumImportance)
}

// guessPreset recognises a platform's export by its columns.
func guessPreset(tables []importer.Table) string {
	for _, t := range tables {
		switch {
		case t.Column("Lineitem sku") >= 0:
			return importer.PresetShopify
		case t.Column("Quantity (- Refund)") >= 0:
			return importer.PresetWooCommerce
		case t.Column("收货地址") >= 0 && t.Column("订单状态") >= 0, t.Column("购买数量") >= 0 && t.Column("商家编码") >= 0:
			return importer.PresetTaobao
		}
	}
	return importer.PresetGeneric
}

func (i *ImportOrders) chooseFile(add bool) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, i.win)
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

// fieldLabel is a mapping field's name for the user.
func fieldLabel(f importer.Field) string {
	english := map[importer.Field]string{
		importer.FieldOrderID: "Order id", importer.FieldOrderedAt: "Order date", importer.FieldSKU: "SKU",
		importer.FieldName: "Product name", importer.FieldSpec: "Spec", importer.FieldQty: "Quantity",
		importer.FieldUnitPrice: "Unit price", importer.FieldLineDiscount: "Line discount",
		importer.FieldCustomerCode: "Customer number", importer.FieldCustomerName: "Customer name",
		importer.FieldEmail: "E-mail", importer.FieldPhone: "Phone", importer.FieldRecipient: "Recipient",
		importer.FieldProvince: "Province / state", importer.FieldCity: "City", importer.FieldDistrict: "District",
		importer.FieldStreet: "Street", importer.FieldPostcode: "Postcode", importer.FieldCountry: "Country",
		importer.FieldShipping: "Shipping fee", importer.FieldDiscount: "Order discount", importer.FieldPaid: "Amount paid",
		importer.FieldStatus: "Status", importer.FieldNote: "Note", importer.FieldCoupon: "Coupon code",
	}[f]
	if english == "" {
		english = string(f)
	}
	return lang.X("import.field."+string(f), english)
}

// buildMapping shows the generic preset's columns: each field with the
// file's column for it, guessed from the headers or taken from the saved
// mapping.
func (i *ImportOrders) buildMapping() {
	preset, saved := i.chosen()
	if preset != importer.PresetGeneric || len(i.tables) == 0 {
		i.mapSel = nil
		i.mapping.RemoveAll()
		i.setTabs(false)
		return
	}
	choice := importer.GuessMapping(i.header)
	if saved != nil {
		t := importer.Table{Header: i.header}
		for f, h := range saved.Columns {
			if k := t.Column(h); k >= 0 {
				h = i.header[k]
			}
			choice[importer.Field(f)] = h
		}
	}
	required := map[importer.Field]bool{}
	for _, f := range importer.RequiredFields() {
		required[f] = true
	}
	none := lang.L("— not in the file —")
	inFile := importer.Table{Header: i.header}
	i.mapping.RemoveAll()
	i.mapSel = map[importer.Field]*widget.Select{}
	for _, f := range importer.Fields() {
		options := append([]string{none}, i.header...)
		h := choice[f]
		if h != "" && inFile.Column(h) < 0 {
			options = append(options, h) // a saved column this file lacks: the preview says so
		}
		sel := widget.NewSelect(options, nil)
		if h == "" {
			sel.SetSelectedIndex(0)
		} else {
			sel.SetSelected(h)
		}
		sel.OnChanged = func(string) { i.invalidate() }
		label := fieldLabel(f)
		if required[f] {
			label += " *"
		}
		i.mapSel[f] = sel
		i.mapping.Add(widget.NewLabel(label))
		i.mapping.Add(sel)
	}
	i.mapping.Refresh()
	i.setTabs(true)
	i.tabs.Select(i.mappingTab)
}

func (i *ImportOrders) setTabs(withMapping bool) {
	has := len(i.tabs.Items) == 3
	if has == withMapping {
		return
	}
	items := []*container.TabItem{i.previewTab, i.problemsTab}
	if withMapping {
		items = append([]*container.TabItem{i.mappingTab}, items...)
	}
	i.tabs.SetItems(items)
}

// Mapping is the generic columns as the form shows them: every field,
// "" for those not in the file.
func (i *ImportOrders) Mapping() importer.Mapping {
	m := importer.Mapping{}
	for f, sel := range i.mapSel {
		m[f] = ""
		if sel.SelectedIndex() > 0 {
			m[f] = sel.Selected
		}
	}
	return m
}

func (i *ImportOrders) askMappingName() {
	name := widget.NewEntry()
	if _, saved := i.chosen(); saved != nil {
		name.SetText(saved.Name)
	}
	items := []*widget.FormItem{widget.NewFormItem(lang.L("Name"), name)}
	dialog.ShowForm(lang.L("Save mapping as…"), lang.L("Save"), lang.L("Cancel"), items, func(ok bool) {
		if ok {
			i.SaveMapping(name.Text)
		}
	}, i.win)
}

// SaveMapping keeps the columns and channel under a name, which the
// preset choice then offers.
func (i *ImportOrders) SaveMapping(name string) {
	m := app.ImportMapping{Name: strings.TrimSpace(name), Channel: i.channelChoice(), Columns: map[string]string{}}
	for f, h := range i.Mapping() {
		if h != "" {
			m.Columns[string(f)] = h
		}
	}
	i.background(func() {
		err := i.svc.SaveImportMapping(i.ctx, m)
		var list []app.ImportMapping
		if err == nil {
			list, err = i.svc.ImportMappings(i.ctx)
		}
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(errors.New(errorText(err)), i.win)
				return
			}
			i.setMappings(list, m.Name)
			i.setMessage(lang.L("The mapping is saved as {{.Name}}.", map[string]any{"Name": m.Name}), widget.MediumImportance)
		})
	})
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
	if generic {
		opt.Channel, opt.Mapping = i.channelChoice(), i.Mapping()
	}
	tables := i.tables
	batch := app.ImportBatch{Source: filepath.Base(i.files[0]), CreateProducts: i.create.Checked, DryRun: dry}
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
	for _, w := range []fyne.Disableable{i.preset, i.channel, i.create, i.newOrders, i.choose, i.addItems, i.saveMap,
		i.previewBtn, i.closeBtn} {
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
	i.result = res
	var refused *app.ImportError
	switch {
	case errors.As(err, &refused) || err == nil && (len(res.Problems) > 0 || len(res.Unknown) > 0):
		i.showProblems(res)
	case err != nil:
		i.clearResult()
		i.progress.Hide()
		i.showError(i.errorSentence(err))
	case dry:
		i.showPreview(res, parsed.Rows)
		if res.Orders == 0 {
			i.setMessage(lang.L("Nothing new to import: the file's {{.Skipped}} orders are already in the shop.",
				map[string]any{"Skipped": len(res.Skipped)}), widget.MediumImportance)
			break
		}
		i.ready = true
		i.importBtn.Enable()
		i.setMessage(lang.L("No problems found: {{.Orders}} orders can be imported. Press Import.",
			map[string]any{"Orders": res.Orders}), widget.SuccessImportance)
	default:
		i.imported = true
		i.showPreview(res, parsed.Rows)
		i.setMessage(lang.L("Imported {{.Orders}} orders ({{.Flagged}} wait in review); {{.Skipped}} skipped as already imported",
			map[string]any{"Orders": res.Orders, "Flagged": res.Flagged, "Skipped": len(res.Skipped)}), widget.SuccessImportance)
		i.closeBtn.Importance = widget.HighImportance
		i.closeBtn.Refresh()
		if i.gone && i.onDone != nil { // closed while the import finished
			i.onDone()
			i.onDone = nil
		}
	}
}

func (i *ImportOrders) setMessage(text string, imp widget.Importance) {
	i.message.Importance = imp
	i.message.SetText(text)
}

func (i *ImportOrders) showError(text string) {
	i.ready = false
	i.importBtn.Disable()
	i.setMessage(text, widget.DangerImportance)
}

func (i *ImportOrders) clearResult() {
	i.preview, i.problems, i.unknown = nil, nil, nil
	i.figures.SetText("")
	i.figures.Hide()
	i.previewNote.Hide()
	i.problemsBox.RemoveAll()
	i.progress.SetValue(0)
	i.previewTable.Refresh()
	i.problemList.Refresh()
	i.unknownTable.Refresh()
}

// showPreview shows what the import does (or would do), with its orders.
func (i *ImportOrders) showPreview(res app.ImportResult, rows int) {
	i.clearResult()
	cur := i.currency
	lines := []string{
		lang.L("Orders: {{.Orders}} · lines: {{.Lines}} · rows read: {{.Rows}}",
			map[string]any{"Orders": res.Orders, "Lines": res.Lines, "Rows": rows}),
		lang.L("New customers: {{.Customers}} · products to create: {{.Products}} · skipped (already imported): {{.Skipped}}",
			map[string]any{"Customers": res.Customers, "Products": len(res.Products), "Skipped": len(res.Skipped)}),
		lang.L("Sales: {{.Sales}} · credits: {{.Credits}}",
			map[string]any{"Sales": cur.Format(res.Sales), "Credits": cur.Format(res.Credits)}),
	}
	if res.Confirmed+res.Flagged > 0 {
		lines = append(lines, lang.L("Confirmed by the review rules: {{.Confirmed}} · waiting in review: {{.Flagged}}",
			map[string]any{"Confirmed": res.Confirmed, "Flagged": res.Flagged}))
	}
	i.figures.SetText(strings.Join(lines, "\n"))
	i.figures.Show()
	i.preview = res.Preview[:min(len(res.Preview), previewRows)]
	if res.Orders > len(i.preview) {
		i.previewNote.SetText(lang.L("The first {{.Shown}} of {{.Orders}} orders", map[string]any{"Shown": len(i.preview), "Orders": res.Orders}))
		i.previewNote.Show()
	}
	i.progress.SetValue(1)
	i.previewTable.Refresh()
	i.tabs.Select(i.previewTab)
}

// showProblems lists every bad row and unknown product; nothing can be
// imported until they are fixed.
func (i *ImportOrders) showProblems(res app.ImportResult) {
	i.clearResult()
	i.progress.SetValue(1)
	for _, p := range res.Problems {
		i.problems = append(i.problems, problemText(p))
	}
	i.unknown = res.Unknown
	switch {
	case len(i.problems) > 0 && len(i.unknown) > 0:
		i.problemsBox.Add(container.NewVSplit(i.problemList, i.unknownBox))
	case len(i.unknown) > 0:
		i.problemsBox.Add(i.unknownBox)
	default:
		i.problemsBox.Add(i.problemList)
	}
	i.problemList.Refresh()
	i.unknownTable.Refresh()
	i.tabs.Select(i.problemsTab)
	n := map[string]any{"Problems": len(res.Problems), "Unknown": len(res.Unknown)}
	switch {
	case len(i.unknown) == 0:
		i.showError(lang.L("Nothing can be imported yet. Problems in the file: {{.Problems}}. Fix those rows, then choose the file again.", n))
	case len(i.problems) == 0:
		i.showError(lang.L("Nothing can be imported yet. Products not in the shop: {{.Unknown}}.", n))
	default:
		i.showError(lang.L("Nothing can be imported yet. Problems in the file: {{.Problems}}; products not in the shop: {{.Unknown}}.", n))
	}
}

// problemText says where a bad row is and what is wrong with it. English
// shows the importer's own message; other languages the words for its
// code, with the message (which quotes the cell) after it.
func problemText(p app.ImportProblem) string {
	where := lang.L("Row {{.Row}}", map[string]any{"Row": p.Row})
	if p.Sheet != "" {
		where = lang.L("Sheet {{.Sheet}}, row {{.Row}}", map[string]any{"Sheet": p.Sheet, "Row": p.Row})
	}
	if p.Order != "" {
		where += " · " + lang.L("order {{.Order}}", map[string]any{"Order": p.Order})
	}
	msg := lang.X("error."+p.Code, p.Message)
	if msg != p.Message {
		field := p.Field
		if k := strings.LastIndex(field, "."); k >= 0 {
			field = field[k+1:] // lines[2].sku
		}
		for _, f := range importer.Fields() {
			if string(f) == field {
				msg = fieldLabel(f) + ": " + msg
			}
		}
		msg += " (" + p.Message + ")"
	}
	return where + ": " + msg
}

// readErrorText says in one sentence why a file cannot be read as orders
// and what to do about it.
func readErrorText(path string, err error) string {
	data := map[string]any{"File": filepath.Base(path)}
	var fe *importer.FormatError
	switch {
	case errors.Is(err, importer.ErrOldOrLockedExcel):
		return lang.L("{{.File}} is an old Excel .xls or a password-protected workbook. Open it in Excel and save it as .xlsx without a password, or as CSV.", data)
	case errors.Is(err, importer.ErrDamagedWorkbook):
		return lang.L("{{.File}} is a damaged or incomplete Excel workbook. Download or save it again, then choose it.", data)
	case errors.Is(err, importer.ErrEmptyFile):
		return lang.L("{{.File}} has no header row or no order rows. Choose the export that holds the orders.", data)
	case errors.Is(err, importer.ErrNotATable) && errors.As(err, &fe) && fe.Line > 0:
		data["Row"] = fe.Line
		return lang.L("{{.File}} cannot be read as CSV at row {{.Row}}: a quote is probably not closed. Open it in a spreadsheet program, save it as CSV again, then choose it.", data)
	case errors.Is(err, importer.ErrNotATable):
		return lang.L("{{.File}} is not a CSV or Excel table. Choose the orders exported as .csv or .xlsx.", data)
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, fs.ErrPermission):
		return lang.L("{{.File}} cannot be opened.", data) + " " + lang.L("Check that the file exists and that you may open it.")
	}
	return lang.L("{{.File}} cannot be read: ", data) + err.Error()
}

// errorSentence says why a file's orders cannot be read or imported.
func (i *ImportOrders) errorSentence(err error) string {
	var missing *importer.MissingColumnsError
	switch {
	case errors.Is(err, context.Canceled):
		return lang.L("Cancelled: nothing was imported.")
	case errors.Is(err, importer.ErrItemsFileMissing):
		return lang.L("The Taobao order report (订单报表) lists no products: add its item report (宝贝报表) with “Add item report…”.")
	case errors.As(err, &missing) && missing.Preset == importer.PresetGeneric:
		return lang.L("The file has no column for {{.Columns}}. Choose the columns on the Columns tab, then press Preview again.",
			map[string]any{"Columns": missingFields(missing.Missing)})
	case errors.As(err, &missing):
		preset, _ := i.chosen()
		return lang.L("The file has no column {{.Columns}}: is it a {{.Preset}} export? Choose the right preset, or Generic to choose the columns yourself.",
			map[string]any{"Columns": strings.Join(missing.Missing, ", "), "Preset": presetLabel(preset)})
	}
	if _, ok := app.IsValidation(err); ok {
		return errorText(err)
	}
	return lang.L("The import failed, nothing was saved: ") + err.Error()
}

// missingFields names a generic mapping's missing fields for the user:
// "sku" or `sku ("Artikel")` as the importer writes them.
func missingFields(list []string) string {
	out := make([]string, len(list))
	for k, m := range list {
		name, rest, _ := strings.Cut(m, " ")
		out[k] = strings.TrimSpace(fieldLabel(importer.Field(name)) + " " + rest)
	}
	return strings.Join(out, ", ")
}

var previewHeads = [...]struct {
	title string // translation key
	width float32
}{{"Platform order", 170}, {"Number", 130}, {"Customer", 230}, {"Lines", 70}, {"Payable", 120}, {"Status", 150}}

func (i *ImportOrders) newPreviewTable() *widget.Table {
	t := widget.NewTableWithHeaders(func() (int, int) { return len(i.preview), len(previewHeads) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			p, l := i.preview[id.Row], o.(*widget.Label)
			l.Alignment = fyne.TextAlignLeading
			switch id.Col {
			case 0:
				l.SetText(p.PlatformOrderID)
			case 1:
				l.SetText(p.Number)
			case 2:
				l.SetText(p.Customer)
			case 3:
				l.Alignment = fyne.TextAlignTrailing
				l.SetText(fmt.Sprint(p.Lines))
			case 4:
				l.Alignment = fyne.TextAlignTrailing
				l.SetText(i.currency.Format(p.Payable))
			default:
				l.SetText(statusText(p.Status))
			}
		})
	t.ShowHeaderColumn = false
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(lang.L(previewHeads[id.Col].title))
		}
	}
	for k, h := range previewHeads {
		t.SetColumnWidth(k, h.width)
	}
	return t
}

func (i *ImportOrders) newUnknownTable() *widget.Table {
	heads := []string{lang.L("SKU"), lang.L("Name"), lang.L("Rows")}
	t := widget.NewTableWithHeaders(func() (int, int) { return len(i.unknown), len(heads) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			u, l := i.unknown[id.Row], o.(*widget.Label)
			switch id.Col {
			case 0:
				l.SetText(u.SKU)
			case 1:
				l.SetText(u.Name)
			default:
				l.SetText(rowList(u.Rows))
			}
		})
	t.ShowHeaderColumn = false
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(heads[id.Col])
		}
	}
	for k, w := range []float32{180, 320, 300} {
		t.SetColumnWidth(k, w)
	}
	return t
}

// rowList writes row numbers as "3, 5, 9", the first ten of them.
func rowList(rows []int) string {
	parts := make([]string, 0, min(len(rows), 11))
	for k, r := range rows {
		if k == 10 {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, fmt.Sprint(r))
	}
	return strings.Join(parts, ", ")
}
