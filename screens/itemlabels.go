package screens

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/printing"
	"orderdesk/reports"
)

// Barcode labels for products and bins (issue 20, point 10): the SKU or
// bin code as a barcode and in words, on A4 label sheets or a thermal
// printer's 50 × 25 mm labels. The sheet chosen last is kept per kind.

// prefLabelSheetFor is followed by the kind of label.
const prefLabelSheetFor = "labels.sheet:"

// itemLabelSheets are the choices of paper, in the order offered.
var itemLabelSheets = []string{string(reports.Sheet3x8), string(reports.Sheet3x7), "zpl"}

func itemSheetText(sheet string) string {
	switch sheet {
	case string(reports.Sheet3x8):
		return lang.L("A4 sheet, 3 × 8 labels of 70 × 37 mm")
	case string(reports.Sheet3x7):
		return lang.L("A4 sheet, 3 × 7 labels of 70 × 42.3 mm")
	}
	return lang.L("Thermal printer, 50 × 25 mm labels (ZPL)")
}

// itemLabelsDialog asks for the paper and where to print, then makes the
// labels off the UI goroutine with make.
type itemLabelsDialog struct {
	win        fyne.Window
	background func(func())
	kind       string // "product-labels", "bin-labels"
	sheet      *widget.RadioGroup
	choice     *printChoice
	dlg        dialog.Dialog
	// build makes the labels; false keeps the dialog open (a field's
	// problem is shown).
	build func() (func(ctx context.Context) (reports.ItemLabels, error), bool)
}

// askItemLabels shows the dialog: about, the fields (if any), the paper,
// where to print; Print or Save as….
func askItemLabels(win fyne.Window, background func(func()), kind, title, about string, fields fyne.CanvasObject,
	build func() (func(ctx context.Context) (reports.ItemLabels, error), bool)) *itemLabelsDialog {
	d := &itemLabelsDialog{win: win, background: background, kind: kind, build: build}
	prefs := fyne.CurrentApp().Preferences()
	options := make([]string, len(itemLabelSheets))
	for i, v := range itemLabelSheets {
		options[i] = itemSheetText(v)
	}
	d.sheet = widget.NewRadioGroup(options, nil)
	d.sheet.Required = true
	kept := prefs.StringWithFallback(prefLabelSheetFor+kind, string(reports.Sheet3x8))
	d.sheet.SetSelected(itemSheetText(kept))
	if d.sheet.Selected == "" {
		d.sheet.SetSelected(options[0])
	}
	d.choice = newPrintChoice(d.printKind(), d.zpl())
	d.sheet.OnChanged = func(string) { d.choice.setKind(d.printKind(), d.zpl()) }
	text := widget.NewLabel(about)
	text.Wrapping = fyne.TextWrapWord
	printButton := d.choice.printButton(func() { d.send(false) })
	save := widget.NewButton(lang.L("Save as…"), func() { d.send(true) })
	content := container.NewVBox(text)
	if fields != nil {
		content.Add(fields)
	}
	content.Add(d.sheet)
	content.Add(d.choice.box)
	content.Add(container.NewGridWithColumns(2, printButton, save))
	d.dlg = dialog.NewCustom(title, lang.L("Close"), content, win)
	d.dlg.Resize(fyne.NewSize(520, d.dlg.MinSize().Height))
	d.dlg.Show()
	return d
}

// sheetChosen is the chosen paper: "3x8", "3x7" or "zpl".
func (d *itemLabelsDialog) sheetChosen() string {
	for _, s := range itemLabelSheets {
		if itemSheetText(s) == d.sheet.Selected {
			return s
		}
	}
	return string(reports.Sheet3x8)
}

func (d *itemLabelsDialog) zpl() bool { return d.sheetChosen() == "zpl" }

// printKind is the kind the printer is kept for: sheets go to an office
// printer, ZPL to a label printer.
func (d *itemLabelsDialog) printKind() string {
	if d.zpl() {
		return d.kind + "-zpl"
	}
	return d.kind
}

// send makes the labels and prints, opens or saves them.
func (d *itemLabelsDialog) send(saveAs bool) {
	labels, ok := d.build()
	if !ok {
		return
	}
	sheet := d.sheetChosen()
	prefs := fyne.CurrentApp().Preferences()
	prefs.SetString(prefLabelSheetFor+d.kind, sheet)
	dpi := prefs.IntWithFallback(prefLabelsDPI, reports.DPI203)
	d.dlg.Hide()
	ext := ".pdf"
	if sheet == "zpl" {
		ext = ".zpl"
	}
	doc := pdfDocument{
		name:   fmt.Sprintf("%s%s", lang.L(d.kind), ext),
		failed: lang.L("The labels could not be written: "),
		render: func() ([]byte, error) {
			v, err := labels(context.Background())
			if err != nil {
				return nil, err
			}
			return itemLabelsFile(v, sheet, dpi)
		},
	}
	switch {
	case saveAs:
		saveDocumentAs(d.win, d.background, doc)
	case d.choice.printer() != "":
		kind := printing.PDF
		if sheet == "zpl" {
			kind = printing.Raw
		}
		printTo(d.win, d.background, d.choice.printer(), kind, doc)
	default:
		openDocument(d.win, d.background, doc, nil)
	}
}

// itemLabelsFile writes the labels on the chosen paper; ZPL at dpi, the
// resolution chosen for the shipping labels: a shop's label printer is
// one machine.
func itemLabelsFile(v reports.ItemLabels, sheet string, dpi int) ([]byte, error) {
	if reports.CheckDPI(dpi) != nil {
		dpi = reports.DPI203
	}
	var buf bytes.Buffer
	var err error
	if sheet == "zpl" {
		err = reports.WriteItemLabelsZPL(&buf, v, dpi)
	} else {
		err = reports.WriteItemLabelSheets(&buf, v, reports.LabelSheet(sheet))
	}
	return buf.Bytes(), err
}

// askProductLabels offers labels for a product, copies of them (the
// units just received, or 1).
func askProductLabels(svc *app.Service, win fyne.Window, background func(func()), p app.Product, copies int64) {
	entry := widget.NewEntry()
	entry.SetText(strconv.FormatInt(max(copies, 1), 10))
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Hide()
	form := container.NewVBox(widget.NewForm(widget.NewFormItem(lang.L("Labels"), entry)), problem)
	about := lang.L("Labels for {{.SKU}} {{.Name}}: its SKU as a barcode and in words", map[string]any{"SKU": p.SKU, "Name": p.Name})
	askItemLabels(win, background, "product-labels", lang.L("Print labels"), about, form,
		func() (func(ctx context.Context) (reports.ItemLabels, error), bool) {
			n, err := strconv.Atoi(strings.TrimSpace(entry.Text))
			if err != nil || n < 1 || n > 1000 {
				problem.SetText(lang.L("Enter how many labels, from 1 to 1000"))
				problem.Show()
				return nil, false
			}
			return func(context.Context) (reports.ItemLabels, error) {
				return reports.NewProductLabels([]reports.ProductLabelCount{{Product: p, Copies: n}}, svc.Now().Local()), nil
			}, true
		})
}

// offerArrivalLabels says goods arrived and offers their labels, a label
// a unit, in the window's status line.
func offerArrivalLabels(svc *app.Service, win fyne.Window, background func(func()), p app.Product, qty int64) {
	if _, ok := notices[win]; !ok {
		return // a screen shown alone has no status line to offer it in
	}
	text := lang.L("{{.Qty}} × {{.SKU}} received", map[string]any{"Qty": app.FormatCount(qty), "SKU": p.SKU})
	notifyOffer(win, text, widget.SuccessImportance, lang.L("Print their labels…"),
		func() { askProductLabels(svc, win, background, p, qty) })
}

// askBinLabels offers a label for every bin of a warehouse.
func askBinLabels(svc *app.Service, win fyne.Window, background func(func()), warehouses []app.Warehouse) {
	if len(warehouses) == 0 {
		showError(errors.New(lang.L("No warehouse yet: add one, then its bins, before receiving stock.")), win)
		return
	}
	names := make([]string, len(warehouses))
	for i, w := range warehouses {
		names[i] = w.Code + "  " + w.Name
	}
	which := widget.NewSelect(names, nil)
	which.SetSelected(names[0])
	form := widget.NewForm(widget.NewFormItem(lang.L("Warehouse"), which))
	askItemLabels(win, background, "bin-labels", lang.L("Print bin labels"),
		lang.L("A label for every bin of the warehouse: its code as a barcode and in words."), form,
		func() (func(ctx context.Context) (reports.ItemLabels, error), bool) {
			w := warehouses[max(which.SelectedIndex(), 0)]
			return func(ctx context.Context) (reports.ItemLabels, error) {
				bins, err := svc.Bins(ctx, w.ID)
				if err != nil {
					return reports.ItemLabels{}, err
				}
				if len(bins) == 0 {
					return reports.ItemLabels{}, errors.New(lang.L("{{.Warehouse}} has no bins yet.", map[string]any{"Warehouse": w.Code}))
				}
				return reports.NewBinLabels(w, bins, svc.Now().Local()), nil
			}, true
		})
}
