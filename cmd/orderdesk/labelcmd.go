package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"orderdesk/app"
	"orderdesk/reports"
)

// runItemLabels writes barcode labels for the shelves: products' (named
// by SKU, or what arrived on a day, a label a unit) or a warehouse's bins,
// on A4 label sheets or as ZPL for a thermal printer.
func runItemLabels(ctx context.Context, kind string, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("doc "+kind, stderr)
	db := fs.String("db", "", "the shop's database file")
	out := fs.String("o", "", "the file to write: a PDF, or ZPL with --sheet zpl")
	sheet := fs.String("sheet", "3x8", "3x8 (A4, 24 labels of 70×37 mm), 3x7 (A4, 21 of 70×42.3 mm) or zpl (50×25 mm thermal labels)")
	dpi := fs.Int("dpi", reports.DPI203, "--sheet zpl: the printer's resolution, 203 or 300")
	var skus, received, warehouse *string
	var copies *int
	if kind == "product-labels" {
		skus = fs.String("sku", "", "the products' SKUs, comma-separated")
		copies = fs.Int("copies", 1, "labels per product named by --sku")
		received = fs.String("received", "", "instead of --sku: what arrived on the day (YYYY-MM-DD or today), a label a unit")
	} else {
		warehouse = fs.String("warehouse", "", "the warehouse's code; default: every warehouse")
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *db == "" || *out == "" {
		return fmt.Errorf("%w: doc %s needs --db FILE and -o FILE", errUsage, kind)
	}
	if kind == "product-labels" && (*skus == "") == (*received == "") {
		return fmt.Errorf("%w: doc product-labels needs --sku SKU[,SKU…] or --received DATE", errUsage)
	}
	if kind == "product-labels" && (*copies < 1 || *copies > 1000) {
		return fmt.Errorf("%w: --copies is between 1 and 1000", errUsage)
	}
	if *sheet != "zpl" && reports.LabelSheet(*sheet).PerSheet() == 0 {
		return fmt.Errorf("%w: --sheet is 3x8, 3x7 or zpl", errUsage)
	}
	if *sheet == "zpl" && reports.CheckDPI(*dpi) != nil {
		return fmt.Errorf("%w: --dpi is 203 or 300", errUsage)
	}
	if err := checkOutput(*db, *out); err != nil {
		return err
	}
	store, svc, ctx, err := openShopForReading(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	now := svc.Now().Local()
	var v reports.ItemLabels
	var what string
	if kind == "product-labels" {
		var list []reports.ProductLabelCount
		if *skus != "" {
			list, err = productsBySKU(ctx, svc, *skus, *copies)
		} else {
			list, err = productsReceived(ctx, svc, *received, now)
		}
		if err != nil {
			return err
		}
		v = reports.NewProductLabels(list, now)
		what = fmt.Sprintf("%d labels for %d products", v.Count(), len(v.Labels))
	} else {
		if v, err = binLabels(ctx, svc, *warehouse, now); err != nil {
			return err
		}
		what = fmt.Sprintf("%d bin labels", v.Count())
	}
	var buf bytes.Buffer
	if *sheet == "zpl" {
		err = reports.WriteItemLabelsZPL(&buf, v, *dpi)
	} else {
		err = reports.WriteItemLabelSheets(&buf, v, reports.LabelSheet(*sheet))
	}
	if err != nil {
		return err
	}
	if err := saveOutput(store, *out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s written to %s (%d KB)\n", what, *out, (buf.Len()+1023)/1024)
	return nil
}

// productsBySKU finds each SKU named, copies labels each.
func productsBySKU(ctx context.Context, svc *app.Service, skus string, copies int) ([]reports.ProductLabelCount, error) {
	var list []reports.ProductLabelCount
	for _, sku := range strings.Split(skus, ",") {
		if sku = strings.TrimSpace(sku); sku == "" {
			continue
		}
		p, err := svc.ProductByCode(ctx, sku)
		if errors.Is(err, app.ErrNotFound) {
			return nil, fmt.Errorf("there is no product %s; check the SKU", sku)
		}
		if err != nil {
			return nil, err
		}
		list = append(list, reports.ProductLabelCount{Product: *p, Copies: copies})
	}
	return list, nil
}

// productsReceived is what arrived on the day, a label a unit received.
func productsReceived(ctx context.Context, svc *app.Service, day string, now time.Time) ([]reports.ProductLabelCount, error) {
	from := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.Local)
	if day != "today" {
		var err error
		if from, err = app.ParseDay(day); err != nil {
			return nil, fmt.Errorf("%w: --received is a date like 2026-11-23, or today", errUsage)
		}
	}
	arrivals, err := svc.ReceivedBetween(ctx, from, from.AddDate(0, 0, 1))
	if err != nil {
		return nil, err
	}
	if len(arrivals) == 0 {
		return nil, fmt.Errorf("no stock was received on %s", from.Format("2006-01-02"))
	}
	list := make([]reports.ProductLabelCount, len(arrivals))
	for i, a := range arrivals {
		list[i] = reports.ProductLabelCount{Product: a.Product, Copies: int(a.Qty)}
	}
	return list, nil
}

// binLabels is a label for every bin of the warehouse named, or of every
// warehouse.
func binLabels(ctx context.Context, svc *app.Service, code string, now time.Time) (reports.ItemLabels, error) {
	warehouses, err := svc.Warehouses(ctx)
	if err != nil {
		return reports.ItemLabels{}, err
	}
	v := reports.ItemLabels{Created: now}
	found := false
	for _, w := range warehouses {
		if code != "" && !strings.EqualFold(w.Code, strings.TrimSpace(code)) {
			continue
		}
		found = true
		bins, err := svc.Bins(ctx, w.ID)
		if err != nil {
			return v, err
		}
		v.Labels = append(v.Labels, reports.NewBinLabels(w, bins, now).Labels...)
	}
	switch {
	case !found && code != "":
		return v, fmt.Errorf("there is no warehouse %s", code)
	case len(v.Labels) == 0:
		return v, errors.New("no bins to label: add bins to the warehouse first")
	}
	return v, nil
}
