package screens

import (
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
)

// WarehouseEditor lists the shop's warehouses with their bins and adds
// new ones, so a shop started empty can receive its first stock.
type WarehouseEditor struct {
	ctx context.Context
	svc *app.Service
	win fyne.Window
	// background runs database work off the UI goroutine; tests run it
	// inline.
	background func(func())

	warehouses []app.Warehouse
	list       *widget.Label
	box        fyne.CanvasObject
}

// NewWarehouseEditor builds the editor; Update loads the warehouses.
func NewWarehouseEditor(ctx context.Context, svc *app.Service, win fyne.Window) *WarehouseEditor {
	e := &WarehouseEditor{ctx: ctx, svc: svc, win: win, background: func(f func()) { go f() }}
	e.list = widget.NewLabel("")
	e.list.Wrapping = fyne.TextWrapWord
	e.box = container.NewVBox(e.list, container.NewHBox(
		widget.NewButton(lang.L("Add warehouse…"), e.askWarehouse),
		widget.NewButton(lang.L("Add bins…"), e.askBins),
		widget.NewButton(lang.L("Print bin labels…"), func() { askBinLabels(e.svc, e.win, e.background, e.warehouses) })))
	return e
}

// Content is the editor's widget tree.
func (e *WarehouseEditor) Content() fyne.CanvasObject { return e.box }

// Update loads the warehouses and their bins; off the UI goroutine.
func (e *WarehouseEditor) Update(ctx context.Context) error {
	list, err := e.svc.Warehouses(ctx)
	if err != nil {
		return err
	}
	var lines []string
	for _, w := range list {
		bins, err := e.svc.Bins(ctx, w.ID)
		if err != nil {
			return err
		}
		line := fmt.Sprintf("%s  %s — %s", w.Code, w.Name,
			lang.L("{{.Count}} bins", map[string]any{"Count": app.FormatCount(int64(len(bins)))}))
		if len(bins) > 0 {
			line += fmt.Sprintf(" (%s … %s)", bins[0].Code, bins[len(bins)-1].Code)
		}
		lines = append(lines, line)
	}
	fyne.Do(func() {
		e.warehouses = list
		if len(lines) == 0 {
			e.list.SetText(lang.L("No warehouse yet: add one, then its bins, before receiving stock."))
			return
		}
		e.list.SetText(strings.Join(lines, "\n"))
	})
	return nil
}

// askWarehouse adds a warehouse. A refusal shows under its field and the
// dialog keeps what was typed.
func (e *WarehouseEditor) askWarehouse() {
	code, name, province, city, street, rank := newDialogEntry(), newDialogEntry(), newDialogEntry(),
		newDialogEntry(), newDialogEntry(), newDialogEntry()
	code.SetPlaceHolder("HZ")
	rank.SetText(strconv.Itoa(len(e.warehouses) + 1))
	f := newFormDialog(e.win, lang.L("Add warehouse…"), lang.L("Save"), "warehouse.")
	form := widget.NewForm(f.item(lang.L("Code"), "code", code), f.item(lang.L("Name"), "name", name),
		f.item(lang.L("Province / state"), "address.province", province), f.item(lang.L("City"), "address.city", city),
		f.item(lang.L("Street and number"), "address.street", street),
		f.item(lang.L("Shipping cost rank (1 = cheapest)"), "shipping_rank", rank))
	f.show(form, code, []fyne.Focusable{code, name, province, city, street, rank}, func() {
		n, err := strconv.Atoi(strings.TrimSpace(rank.Text))
		if err != nil {
			f.problem("shipping_rank", lang.L("Enter a whole number, 1 for the cheapest to ship from"))
			return
		}
		w := app.Warehouse{Code: code.Text, Name: name.Text, ShippingRank: n, Active: true,
			Address: app.Address{Province: province.Text, City: city.Text, Street: street.Text}}
		f.working(true)
		e.background(func() {
			err := e.AddWarehouse(w)
			fyne.Do(func() { f.refused(err, func(app.FieldError) map[string]any { return nil }) })
		})
	})
}

// askBins adds bins to a warehouse; codes refused are said under the
// codes, and the dialog keeps them to mend.
func (e *WarehouseEditor) askBins() {
	if len(e.warehouses) == 0 {
		dialog.ShowInformation(lang.L("Add bins…"), lang.L("No warehouse yet: add one, then its bins, before receiving stock."), e.win)
		return
	}
	names := make([]string, len(e.warehouses))
	for i, w := range e.warehouses {
		names[i] = w.Code + "  " + w.Name
	}
	which := newSelect(names, nil)
	which.SetSelectedIndex(0)
	codes := newDialogEntry()
	codes.MultiLine, codes.Wrapping = true, fyne.TextWrapWord
	codes.SetPlaceHolder("A-1-1 A-1-2 A-1-3\nB-1-1")
	codes.SetMinRowsVisible(4)
	f := newFormDialog(e.win, lang.L("Add bins…"), lang.L("Save"), "bin.")
	form := widget.NewForm(f.item(lang.L("Warehouse"), "warehouse", which),
		f.item(lang.L("Bin codes (aisle-shelf-position)"), "code", codes))
	f.show(form, codes, []fyne.Focusable{codes}, func() {
		if which.SelectedIndex() < 0 {
			return
		}
		id, text := e.warehouses[which.SelectedIndex()].ID, codes.Text
		f.working(true)
		e.background(func() {
			err := e.AddBins(id, text)
			fyne.Do(func() { f.refused(err, func(app.FieldError) map[string]any { return nil }) })
		})
	})
}

// AddWarehouse saves a new warehouse and shows the list again.
func (e *WarehouseEditor) AddWarehouse(w app.Warehouse) error {
	if err := e.svc.SaveWarehouse(e.ctx, &w); err != nil {
		return err
	}
	return e.Update(e.ctx)
}

// AddBins adds every code in text (separated by spaces, commas or lines)
// to a warehouse. Codes that are refused are named in the error; the
// others are added.
func (e *WarehouseEditor) AddBins(warehouseID int64, text string) error {
	var refused []string
	for _, code := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' }) {
		if err := e.svc.AddBin(e.ctx, &app.Bin{WarehouseID: warehouseID, Code: code}); err != nil {
			refused = append(refused, code+": "+errorText(err))
		}
	}
	if err := e.Update(e.ctx); err != nil {
		return err
	}
	if len(refused) > 0 {
		return errors.New(strings.Join(refused, "\n"))
	}
	return nil
}
