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
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/importer"
)

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
	i.setProblemsTitle(lang.L("Problems"))
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
	for _, r := range res.Rejected {
		i.problems = append(i.problems, rejectedText(r))
	}
	if len(res.Warnings) > 0 {
		lines = append(lines, lang.L("Changed on import: {{.Count}} values (see Warnings)",
			map[string]any{"Count": len(res.Warnings)}))
		i.listWarnings(res.Warnings)
	}
	i.unknown = res.Unknown
	if len(res.Rejected)+len(res.Warnings) > 0 {
		if len(i.unknown) > 0 {
			i.problemsBox.Add(container.NewVSplit(i.problemList, i.unknownBox))
		} else {
			i.problemsBox.Add(i.problemList)
		}
		i.unknownTable.Refresh()
		i.problemList.Refresh()
		if len(res.Rejected) > 0 {
			i.setProblemsTitle(lang.L("Rejected ({{.Count}})", map[string]any{"Count": len(res.Rejected)}))
		} else {
			i.setProblemsTitle(lang.L("Warnings"))
		}
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
	i.listWarnings(res.Warnings)
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
	case len(res.Problems) == 0:
		i.showError(lang.L("Nothing can be imported yet. Products not in the shop: {{.Unknown}}.", n))
	default:
		i.showError(lang.L("Nothing can be imported yet. Problems in the file: {{.Problems}}; products not in the shop: {{.Unknown}}.", n))
	}
}

// rejectedText says which order was left out and why.
func rejectedText(r app.ImportRejected) string {
	where := lang.L("Row {{.Row}}", map[string]any{"Row": r.Row})
	if r.Sheet != "" {
		where = lang.L("Sheet {{.Sheet}}, row {{.Row}}", map[string]any{"Sheet": r.Sheet, "Row": r.Row})
	}
	if r.Order != "" {
		where += " · " + lang.L("order {{.Order}}", map[string]any{"Order": r.Order})
	}
	return lang.L("Rejected") + " · " + where + ": " + strings.Join(r.Reasons, "; ")
}

// listWarnings adds what the import changed in the file's values (hidden
// characters taken out) to the list under the problems, marked as such.
func (i *ImportOrders) listWarnings(warnings []app.ImportProblem) {
	for _, w := range warnings {
		i.problems = append(i.problems, lang.L("Changed on import")+" · "+problemText(w))
	}
}

func (i *ImportOrders) setProblemsTitle(title string) {
	if i.problemsTab.Text != title {
		i.problemsTab.Text = title
		i.tabs.Refresh()
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
	msg := p.Message
	if !english() {
		msg = lang.X("error."+p.Code, p.Message)
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
	var ambiguous *importer.AmbiguousDatesError
	switch {
	case errors.As(err, &ambiguous):
		return lang.L("The dates in column {{.Column}} (such as {{.Examples}}) could be day first or month first. Choose how the file writes dates under Dates, then press Preview again.",
			map[string]any{"Column": ambiguous.Column, "Examples": strings.Join(ambiguous.Examples, ", ")})
	case errors.Is(err, importer.ErrNoOrderDate):
		i.orderDateBox.Show()
		return lang.L("The file has no order dates. Enter the day its orders were placed, then press Preview again.")
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
