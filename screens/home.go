// Package screens is the Fyne GUI: the main window and its screens. It
// calls app services only; the store behind them is wired in by cmd.
package screens

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// Home is the first screen: which shop and database is open, and how many
// orders it holds.
type Home struct {
	svc    *app.Service
	title  *widget.Label
	count  *widget.Label
	dbPath *widget.Label
	box    *fyne.Container
}

// NewHome builds the home screen for the database at path.
func NewHome(svc *app.Service, path string) *Home {
	h := &Home{
		svc:    svc,
		title:  widget.NewLabelWithStyle(lang.L("OrderDesk"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		count:  widget.NewLabel(lang.L("Loading…")),
		dbPath: widget.NewLabel(lang.L("Database: {{.Path}}", map[string]any{"Path": path})),
	}
	h.dbPath.Wrapping = fyne.TextWrapBreak
	h.box = container.NewVBox(h.title, h.count, h.dbPath)
	return h
}

// Content is the screen's widget tree.
func (h *Home) Content() fyne.CanvasObject { return h.box }

// Update loads the shop's name and order count (call it off the UI
// goroutine) and shows them.
func (h *Home) Update(ctx context.Context) error {
	shop, err := h.svc.Shop(ctx)
	if err != nil {
		return err
	}
	n, err := h.svc.CountOrders(ctx)
	if err != nil {
		return err
	}
	fyne.Do(func() {
		if shop.Name != "" {
			h.title.SetText(shop.Name)
		}
		h.count.SetText(lang.L("{{.Count}} orders in this shop", map[string]any{"Count": strconv.FormatInt(n, 10)}))
	})
	return nil
}
