package screens

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"io"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/reports"
)

// ReportsScreen shows a month's key figures and its daily sales, from the
// orders themselves (R-70; the Excel workbook arrives with its issue).
type ReportsScreen struct {
	svc   *app.Service
	win   fyne.Window
	month time.Time // first day of the shown month, local time
	now   func() time.Time

	title, figures, channels *widget.Label
	chart                    *fyne.Container
	export                   *widget.Button
	// A date range chosen instead of the month; zero when a month shows.
	rangeFrom, rangeTo time.Time
	fromEntry, toEntry *widget.Entry
	progress           *widget.ProgressBarInfinite
	exportNote         *widget.Label
	// exported is the last workbook written, for "Open".
	exported string
	box      fyne.CanvasObject
	// background runs database work off the UI goroutine; tests run it
	// inline.
	background func(func())
	ctx        context.Context
}

// NewReportsScreen builds the screen on the current month.
func NewReportsScreen(ctx context.Context, svc *app.Service, win fyne.Window) *ReportsScreen {
	r := &ReportsScreen{svc: svc, win: win, ctx: ctx, now: time.Now, background: func(f func()) { go f() }}
	now := time.Now()
	r.month = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.Local)
	r.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.figures, r.channels = widget.NewLabel(""), widget.NewLabel("")
	r.chart = container.NewHBox()
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { r.shift(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { r.shift(1) })
	r.export = widget.NewButtonWithIcon(lang.L("Export to Excel…"), theme.DocumentSaveIcon(), r.askExport)
	r.export.Importance = widget.HighImportance
	r.progress = widget.NewProgressBarInfinite()
	r.progress.Hide()
	r.exportNote = widget.NewLabel("")
	r.exportNote.Wrapping = fyne.TextWrapWord
	r.fromEntry, r.toEntry = widget.NewEntry(), widget.NewEntry()
	r.fromEntry.SetPlaceHolder(lang.L("From YYYY-MM-DD"))
	r.toEntry.SetPlaceHolder(lang.L("To YYYY-MM-DD"))
	apply := widget.NewButton(lang.L("Show range"), r.applyRange)
	dates := container.NewHBox(widget.NewLabel(lang.L("or a range:")), container.NewGridWrap(fyne.NewSize(140, 36), r.fromEntry, r.toEntry), apply)
	head := container.NewHBox(prev, r.title, next, dates, r.export)
	r.box = container.NewVScroll(container.NewVBox(head, r.progress, r.exportNote, r.figures, widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.L("Sales by day"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), r.chart,
		widget.NewSeparator(), widget.NewLabelWithStyle(lang.L("Sales by channel"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		r.channels))
	return r
}

// Content is the screen's widget tree.
func (r *ReportsScreen) Content() fyne.CanvasObject { return r.box }

func (r *ReportsScreen) shift(months int) {
	r.month = r.month.AddDate(0, months, 0)
	r.rangeFrom, r.rangeTo = time.Time{}, time.Time{}
	r.fromEntry.SetText("")
	r.toEntry.SetText("")
	r.background(func() { _ = r.Update(r.ctx) })
}

// Update loads the month's figures; call it off the UI goroutine.
func (r *ReportsScreen) Update(ctx context.Context) error {
	from, to := r.period()
	sum, err := r.svc.SalesSummary(ctx, from, to)
	if err != nil {
		return err
	}
	shop, err := r.svc.Shop(ctx)
	if err != nil {
		return err
	}
	fyne.Do(func() { r.show(sum, shop.Currency) })
	return nil
}

func (r *ReportsScreen) show(sum app.SalesSummary, cur app.Currency) {
	title := sum.From.Format("2006-01")
	if !r.rangeFrom.IsZero() {
		title = sum.From.Format("2006-01-02") + " – " + sum.To.AddDate(0, 0, -1).Format("2006-01-02")
	}
	r.title.SetText(title)
	// Every figure is the service's (app.SalesSummary): the same as the
	// monthly workbook's Summary.
	count := func(n int) string { return app.FormatCount(int64(n)) }
	rate := "–"
	if x, ok := sum.ReturnsRate(); ok {
		rate = strconv.FormatFloat(x*100, 'f', 1, 64) + "%"
	}
	r.figures.SetText(strings.Join([]string{
		lang.L("Sales orders: {{.N}} · not sales: {{.Drafts}} drafts, {{.Cancelled}} cancelled", map[string]any{
			"N": count(sum.Orders), "Drafts": count(sum.Drafts), "Cancelled": count(sum.Cancelled)}),
		lang.L("Gross sales: {{.Amount}}", map[string]any{"Amount": cur.Format(sum.Sales)}),
		lang.L("Credit notes: {{.N}} · credits {{.Credits}} · net sales {{.Net}}", map[string]any{
			"N": count(sum.CreditNotes), "Credits": cur.Format(sum.Credits), "Net": cur.Format(sum.Net())}),
		lang.L("Order lines: {{.N}}", map[string]any{"N": count(sum.Lines)}),
		lang.L("Average order: {{.Amount}}", map[string]any{"Amount": cur.Format(sum.AverageOrder())}),
		lang.L("Returns rate: {{.Rate}}", map[string]any{"Rate": rate}),
		lang.L("Received: {{.Received}} · refunds paid: {{.Refunds}}", map[string]any{
			"Received": cur.Format(sum.Received), "Refunds": cur.Format(sum.RefundsPaid)}),
		lang.L("Owed by customers: {{.Owed}} · owed to customers: {{.Back}} ({{.Held}} for cancelled orders)", map[string]any{
			"Owed": cur.Format(sum.Owed), "Back": cur.Format(sum.OwedToCustomers), "Held": cur.Format(sum.HeldForCancelled)}),
	}, "\n"))
	var b strings.Builder
	for _, c := range sum.ByChannel {
		fmt.Fprintf(&b, "%s  %s  %s\n", channelText(c.Channel), app.FormatCount(int64(c.Orders)), cur.Format(c.Sales))
	}
	r.channels.SetText(strings.TrimSpace(b.String()))
	r.drawChart(sum)
}

// drawChart draws a bar a day, scaled to the month's best day.
func (r *ReportsScreen) drawChart(sum app.SalesSummary) {
	r.chart.RemoveAll()
	var best app.Money
	byDay := map[string]app.Money{}
	for _, d := range sum.ByDay {
		byDay[d.Day.Format("2006-01-02")] = d.Sales
		best = max(best, d.Sales)
	}
	const height = 120
	for day := sum.From; day.Before(sum.To); day = day.AddDate(0, 0, 1) {
		sales := byDay[day.Format("2006-01-02")]
		h := float32(0)
		if best > 0 {
			h = float32(height) * float32(sales) / float32(best)
		}
		bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		bar.SetMinSize(fyne.NewSize(12, h))
		gap := canvas.NewRectangle(color.Transparent)
		gap.SetMinSize(fyne.NewSize(12, height-h))
		r.chart.Add(container.NewVBox(gap, bar))
	}
	r.chart.Refresh()
}

// period is what the screen shows: the chosen range, else the month.
func (r *ReportsScreen) period() (from, to time.Time) {
	if !r.rangeFrom.IsZero() {
		return r.rangeFrom, r.rangeTo
	}
	return r.month, r.month.AddDate(0, 1, 0)
}

// applyRange shows the typed date range instead of the month.
func (r *ReportsScreen) applyRange() {
	from, to, err := app.DayRange(r.fromEntry.Text, r.toEntry.Text)
	if err != nil || from.IsZero() || to.IsZero() {
		showError(errors.New(lang.L("Enter the first and last day like 2026-11-01, the first not after the last")), r.win)
		return
	}
	r.rangeFrom, r.rangeTo = from, to
	r.background(func() { _ = r.Update(r.ctx) })
}

// askExport asks where to save the month's workbook, then writes it.
func (r *ReportsScreen) askExport() {
	name := r.month.Format("2006-01")
	if from, to := r.period(); !r.rangeFrom.IsZero() {
		name = from.Format("20060102") + "-" + to.AddDate(0, 0, -1).Format("20060102")
	}
	askSaveExport(r.win, fmt.Sprintf("%s-%s.xlsx", lang.L("monthly-report"), name), r.Export)
}

// Export writes the shown month's workbook to path in the background,
// with a progress bar; the window stays usable.
func (r *ReportsScreen) Export(path string) {
	from, to := r.period()
	r.export.Disable()
	r.progress.Show()
	r.progress.Start()
	r.exportNote.SetText(lang.L("Writing the workbook…"))
	r.background(func() {
		err := writeWorkbookFile(r.ctx, r.svc, path, reports.MonthlyOptions{Lang: documentLang(), From: from,
			To: to, Now: time.Now()}, func(sheet string, rows int) {
			fyne.Do(func() {
				r.exportNote.SetText(lang.L("Writing {{.Sheet}}: {{.Rows}} rows", map[string]any{"Sheet": sheet, "Rows": app.FormatCount(int64(rows))}))
			})
		})
		fyne.Do(func() {
			r.progress.Stop()
			r.progress.Hide()
			r.export.Enable()
			if err != nil {
				r.exportNote.SetText("")
				showError(errors.New(lang.L("The workbook could not be written: ")+errorText(err)), r.win)
				return
			}
			r.exported = path
			r.exportNote.SetText(lang.L("Saved as {{.Path}}", map[string]any{"Path": path}))
			dialog.ShowConfirm(lang.L("Workbook saved"), lang.L("Open {{.Path}} now?", map[string]any{"Path": filepath.Base(path)}),
				func(open bool) {
					if open {
						u, _ := url.Parse("file://" + filepath.ToSlash(path))
						_ = fyne.CurrentApp().OpenURL(u)
					}
				}, r.win)
		})
	})
}

// writeWorkbookFile writes the workbook next to path and renames it, so a
// full disk or a crash never leaves half a workbook under the real name.
func writeWorkbookFile(ctx context.Context, svc *app.Service, path string, opt reports.MonthlyOptions,
	progress func(string, int)) error {
	return saveFile(path, func(w io.Writer) error { return reports.WriteMonthly(ctx, svc, w, opt, progress) })
}

// documentLang is the workbook's language: the window's, as its own
// translation says ("en" or "zh").
func documentLang() reports.Lang {
	if l := reports.Lang(lang.X("report.language", "en")); l == reports.LangChinese {
		return l
	}
	return reports.LangEnglish
}
