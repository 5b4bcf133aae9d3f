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

// runFulfilmentDoc writes the warehouse's papers: pick lists (moving the
// orders to picking once the file is written, R-34), packing slips and
// shipping labels for packed shipments, and a day's shipping list
//
func runFulfilmentDoc(ctx context.Context, kind string, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("doc "+kind, stderr)
	db := fs.String("db", "", "the shop's database file")
	number := fs.String("order", "", "one order's number, e.g. 202611-014")
	allAllocated := fs.Bool("all-allocated", false, "picklist: every allocated order")
	allPacked := fs.Bool("all-packed", false, "packing-slip, label: every packed shipment waiting for the courier")
	bySKU := fs.Bool("by-sku", false, "picklist: one walk for the batch, summed by bin and SKU, with the orders each unit goes to")
	prices := fs.Bool("prices", false, "packing-slip: print prices and amounts")
	day := fs.String("day", "", "shipping-list: the day, YYYY-MM-DD; default today")
	out := fs.String("o", "", "the PDF file to write")
	language := fs.String("lang", "", "en or zh; default: the shop's document language")
	paper := fs.String("paper", "", "A4 or Letter; default: the shop's paper (labels are always 100×150 mm)")
	format := fs.String("format", "pdf", "label: pdf, or zpl for a thermal printer")
	dpi := fs.Int("dpi", reports.DPI203, "label --format zpl: the printer's resolution, 203 or 300")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *db == "" || *out == "" {
		return fmt.Errorf("%w: doc %s needs --db FILE and -o FILE.pdf", errUsage, kind)
	}
	switch kind {
	case "picklist":
		if (*number == "") == !*allAllocated {
			return fmt.Errorf("%w: doc picklist needs --order NUMBER or --all-allocated", errUsage)
		}
	case "packing-slip", "label":
		if (*number == "") == !*allPacked {
			return fmt.Errorf("%w: doc %s needs --order NUMBER or --all-packed", errUsage, kind)
		}
	}
	if err := checkLabelFormat(kind, *format, *dpi); err != nil {
		return err
	}
	pap, err := docPaperAndLang(*paper, *language)
	if err != nil {
		return err
	}
	if err := checkOutput(*db, *out); err != nil {
		return err
	}
	open := openShopForReading
	if kind == "picklist" {
		open = openShop // the orders move to picking
	}
	store, svc, ctx, err := open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	shop, err := svc.Shop(ctx)
	if err != nil {
		return err
	}
	// Slips and labels, unless told, each in its reader's language; the
	// warehouse's own papers in the shop's.
	asked := reports.ParseLang(*language, "")
	lang := asked
	if lang == "" {
		lang = reports.LangFor(shop, nil)
	}
	now := svc.Now().Local()
	var order *app.Order
	if *number != "" {
		if order, err = svc.OrderByNumber(ctx, strings.TrimSpace(*number)); err != nil {
			return orderNotFound(*number, err)
		}
	}
	var buf bytes.Buffer
	var what string
	var written error // the PDF writer's verdict, from whichever document
	switch kind {
	case "picklist":
		ids := []int64{}
		if order != nil {
			ids = append(ids, order.ID)
		} else if ids, err = svc.OrdersAtStage(ctx, app.StagePick); err != nil {
			return err
		}
		lists, err := svc.PickLists(ctx, ids)
		if err != nil {
			return err
		}
		if len(lists) == 0 {
			return errors.New("nothing to pick: no order holds stock waiting to be picked")
		}
		opt := reports.PickListOptions{Lang: lang, Paper: reports.PaperFor(pap, shop), Now: now, BySKU: *bySKU}
		if err := reports.WritePickLists(&buf, reports.NewPickLists(shop, lists, opt)); err != nil {
			return err
		}
		if err := saveOutput(store, *out, buf.Bytes()); err != nil {
			return err
		}
		picked := make([]int64, len(lists))
		for i, l := range lists {
			picked[i] = l.Order.ID
		}
		moved, err := svc.StartPickingAll(ctx, picked)
		if err != nil {
			return fmt.Errorf("the pick lists are written to %s, but the orders could not be moved to picking: %w", *out, err)
		}
		fmt.Fprintf(stdout, "Pick lists for %d orders written to %s (%d KB); %d moved to picking\n",
			len(lists), *out, (buf.Len()+1023)/1024, moved)
		return nil
	case "packing-slip", "label":
		ids, err := shipmentsFor(ctx, svc, order)
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			return errors.New("no packed shipment to print for: pack the orders first")
		}
		p, err := svc.ShipmentPapers(ctx, ids)
		if err != nil {
			return err
		}
		if kind == "label" {
			parcels, refused := p.Labels()
			if len(parcels) == 0 {
				return refused
			}
			if refused != nil {
				fmt.Fprintf(stderr, "No label: %v\n", refused)
			}
			opt := reports.LabelOptions{Lang: asked, Now: now, From: p.From}
			labels := reports.NewShippingLabels(shop, parcels, opt)
			if *format == "zpl" {
				written = reports.WriteShippingLabelsZPL(&buf, labels, *dpi)
			} else {
				written = reports.WriteShippingLabels(&buf, labels)
			}
			what = fmt.Sprintf("Labels for %d shipments", len(parcels))
			break
		}
		opt := reports.PackingSlipOptions{Lang: asked, Paper: reports.PaperFor(pap, shop), Now: now, Prices: *prices}
		written = reports.WritePackingSlips(&buf, reports.NewPackingSlips(shop, p.Shipments, p.Orders, opt))
		what = fmt.Sprintf("Packing slips for %d shipments", len(ids))
	case "shipping-list":
		from := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.Local)
		if *day != "" {
			if from, err = app.ParseDay(*day); err != nil {
				return fmt.Errorf("%w: --day is a date like 2026-11-23", errUsage)
			}
		}
		shipments, err := svc.DayParcels(ctx, from)
		if err != nil {
			return err
		}
		opt := reports.ShippingListOptions{Lang: lang, Paper: reports.PaperFor(pap, shop), Now: now}
		written = reports.WriteShippingList(&buf, reports.NewShippingList(shop, shipments, from, opt))
		what = fmt.Sprintf("Shipping list of %s (%d shipments)", from.Format("2006-01-02"), len(shipments))
	}
	if written != nil {
		return written
	}
	if err := saveOutput(store, *out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s written to %s (%d KB)\n", what, *out, (buf.Len()+1023)/1024)
	return nil
}

// shipmentsFor names the packed shipments of one order, or of the whole
// shop when no order is named.
func shipmentsFor(ctx context.Context, svc *app.Service, o *app.Order) ([]int64, error) {
	var list []app.Shipment
	var err error
	if o == nil {
		list, err = svc.Shipments(ctx, app.ShipmentFilter{Statuses: []app.ShipmentStatus{app.ShipmentPacked}})
	} else {
		list, err = svc.OrderShipments(ctx, o.ID)
	}
	if err != nil {
		return nil, err
	}
	// An order's parcels still in the shop; else its latest, for a reprint.
	var ids []int64
	for _, sh := range list {
		if sh.Status == app.ShipmentPacked || sh.Status == app.ShipmentToPack {
			ids = append(ids, sh.ID)
		}
	}
	if len(ids) == 0 && o != nil && len(list) > 0 {
		ids = append(ids, list[len(list)-1].ID)
	}
	return ids, nil
}

// checkLabelFormat checks --format and --dpi: ZPL is for labels, at a
// thermal printer's resolution.
func checkLabelFormat(kind, format string, dpi int) error {
	switch {
	case format != "pdf" && format != "zpl":
		return fmt.Errorf("%w: --format is pdf or zpl", errUsage)
	case format == "zpl" && kind != "label":
		return fmt.Errorf("%w: only labels are written as ZPL", errUsage)
	case format == "zpl":
		if err := reports.CheckDPI(dpi); err != nil {
			return fmt.Errorf("%w: --dpi is 203 or 300", errUsage)
		}
	}
	return nil
}
