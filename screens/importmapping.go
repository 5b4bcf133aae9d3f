package screens

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/importer"
)

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
		sel := newSelect(options, nil)
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

// askMappingName asks the name to save the columns under; a refusal (no
// name) stays in the dialog, under the name.
func (i *ImportOrders) askMappingName() {
	name := newDialogEntry()
	if _, saved := i.chosen(); saved != nil {
		name.SetText(saved.Name)
	}
	f := newFormDialog(i.win, lang.L("Save mapping as…"), lang.L("Save"), "mapping.")
	f.show(widget.NewForm(f.item(lang.L("Name"), "name", name)), name, []fyne.Focusable{name}, func() {
		f.working(true)
		i.saveMapping(name.Text, func(err error) { f.refused(err, func(app.FieldError) map[string]any { return nil }) })
	})
}

// SaveMapping keeps the columns and channel under a name, which the
// preset choice then offers.
func (i *ImportOrders) SaveMapping(name string) {
	i.saveMapping(name, func(err error) {
		if err != nil {
			showError(err, i.win)
		}
	})
}

// saveMapping saves the mapping off the UI goroutine and tells done how
// it went, on the UI goroutine.
func (i *ImportOrders) saveMapping(name string, done func(error)) {
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
			done(err)
			if err != nil {
				return
			}
			i.setMappings(list, m.Name)
			i.setMessage(lang.L("The mapping is saved as {{.Name}}.", map[string]any{"Name": m.Name}), widget.MediumImportance)
		})
	})
}
