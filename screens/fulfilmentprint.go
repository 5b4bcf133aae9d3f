package screens

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/printing"
	"orderdesk/reports"
)

// The warehouse's documents: pick lists, packing
// slips, shipping labels and the day's shipping list. Each is written in
// the background with the job bar, then opened in the system's viewer or
// saved where the user chose.

// docTarget is where a document goes: the documents folder and then the
// viewer, the file the user chose, or a printer.
type docTarget struct {
	saveTo  string // "": the documents folder, then the viewer
	printer string // set: straight to this printer instead
}

// write puts the document in place and says where: a printer gets it
// through the spooler (ZPL raw), a file is written whole.
func (t docTarget) write(ctx context.Context, doc batchDoc, b []byte) (string, error) {
	if t.printer != "" {
		kind := printing.PDF
		if doc.raw {
			kind = printing.Raw
		}
		return "", sendToPrinter(ctx, t.printer, kind, doc.name, b)
	}
	path := t.saveTo
	if path == "" {
		path = filepath.Join(documentsDir(), doc.name)
	}
	return path, writeDocument(path, b)
}

// done says where the document went and what came of it (said): opened
// in the viewer from the documents folder, sent to a printer, or saved
// where the user chose.
func (t docTarget) done(win fyne.Window, path, said string, doc batchDoc) {
	if t.printer != "" {
		notify(win, joinParts([]string{sentText(doc.name, t.printer), said}), widget.SuccessImportance)
		return
	}
	if t.saveTo == "" {
		showDocument(win, path, said)
		return
	}
	notify(win, joinParts([]string{lang.L("Saved as {{.Path}}", map[string]any{"Path": path}), said}), widget.SuccessImportance)
}

// batchDoc is one document a batch action writes.
type batchDoc struct {
	name    string // the file's name
	raw     bool   // ZPL for a thermal printer, not a PDF
	writing string // what the job bar says meanwhile
	failed  string // "The pick lists could not be written: "
	render  func(ctx context.Context) ([]byte, error)
	// after runs once the file is written, and says what it did: the
	// printed pick lists move their orders to picking.
	after func() (string, error)
}

// askDocument offers a document: print it (in the viewer or straight to
// a printer, the last one used for this kind of document chosen), or save
// it elsewhere; options (if any) sit above the buttons, and build makes
// the document once a button is chosen, so it reads the options then. It
// returns the print choice, for options that change the kind.
func (s *FulfilmentScreen) askDocument(kind, title, about string, options fyne.CanvasObject, build func() (batchDoc, bool)) *printChoice {
	var dlg dialog.Dialog
	text := widget.NewLabel(about)
	text.Wrapping = fyne.TextWrapWord
	choice := newPrintChoice(kind, false)
	open := choice.printButton(func() {
		if doc, ok := build(); ok {
			dlg.Hide()
			s.printBatch(doc, docTarget{printer: choice.printer()})
		}
	})
	save := widget.NewButton(lang.L("Save as…"), func() {
		doc, ok := build()
		if !ok {
			return
		}
		dlg.Hide()
		askSaveExport(s.win, doc.name, func(path string) { s.printBatch(doc, docTarget{saveTo: path}) })
	})
	content := container.NewVBox(text)
	if options != nil {
		content.Add(options)
	}
	content.Add(choice.box)
	content.Add(container.NewGridWithColumns(2, open, save))
	dlg = dialog.NewCustom(title, lang.L("Close"), content, s.win)
	dlg.Resize(fyne.NewSize(480, dlg.MinSize().Height))
	dlg.Show()
	return choice
}

// printBatch writes a document in the background with the job bar, then
// runs its after step and opens it.
func (s *FulfilmentScreen) printBatch(doc batchDoc, target docTarget) {
	ctx, ok := s.job.start(s.ctx, doc.writing, false)
	if !ok {
		s.busyElsewhere()
		return
	}
	s.background(func() {
		pdf, err := doc.render(ctx)
		path := ""
		if err == nil {
			path, err = target.write(ctx, doc, pdf)
		}
		var said string
		if err == nil && doc.after != nil {
			// Once the file is there the step is taken whatever the
			// Cancel button says: the paper exists.
			said, err = doc.after()
		}
		fyne.Do(func() {
			if err != nil {
				outcome := doc.failed + errorText(err)
				if errors.Is(err, context.Canceled) {
					outcome = lang.L("Stopped.")
				}
				s.job.finish(outcome)
				if !errors.Is(err, context.Canceled) {
					showError(errors.New(outcome), s.win)
				}
				return
			}
			s.job.finish("")
			target.done(s.win, path, said, doc)
			if doc.after != nil {
				s.reload()
			}
		})
	})
}

// stamp makes a batch's file name: what, and when to the minute.
func (s *FulfilmentScreen) stamp(what string) string {
	return fmt.Sprintf("%s-%s.pdf", what, s.svc.Now().Local().Format("20060102-1504"))
}

// batchSize says what a batch takes, for the words offering it: 0 the
// one shown order or shipment, 1 the ticked rows, 2 the whole queue; and
// how many as {{.Count}}.
func batchSize(ids []int64, whole *stageQueue) (int, map[string]any) {
	switch {
	case len(ids) > 0 && whole != nil:
		return 1, map[string]any{"Count": app.FormatCount(int64(len(ids)))}
	case len(ids) == 0 && whole != nil:
		return 2, map[string]any{"Count": app.FormatCount(int64(whole.count))}
	}
	return 0, nil
}

// askPickLists prints the pick lists of the ticked orders, or of every
// order of the queue.
func (s *FulfilmentScreen) askPickLists(q *stageQueue) { s.askPickListsFor(q.tickedKeys(), q) }

// askPickListsFor asks how to print the orders' pick lists: a sheet per
// order, or one walk by SKU for the whole batch. Allocated orders move to
// picking once the file is written. With no ids it takes the whole queue
// whole; whole's ticks clear once printed.
func (s *FulfilmentScreen) askPickListsFor(ids []int64, whole *stageQueue) {
	sheets := []string{lang.L("One sheet per order"), lang.L("One walk by SKU for the whole batch")}
	layout := widget.NewRadioGroup(sheets, nil)
	layout.Required = true
	withOrders := widget.NewCheck(lang.L("Then each order's own sheet, for sorting the goods"), nil)
	withOrders.Disable()
	layout.OnChanged = func(v string) {
		if v == sheets[1] {
			withOrders.Enable()
		} else {
			withOrders.Disable()
		}
	}
	layout.SetSelected(sheets[0])
	note := widget.NewLabel(lang.L("Allocated orders move to picking once the file is written."))
	note.Wrapping = fyne.TextWrapWord
	kind, n := batchSize(ids, whole)
	about := []string{lang.L("The pick list of this order"), lang.L("Pick lists for the {{.Count}} ticked orders", n),
		lang.L("Pick lists for every order of the queue ({{.Count}})", n)}[kind]
	s.askDocument("pick-lists", lang.L("Print pick lists"), about, container.NewVBox(layout, withOrders, note), func() (batchDoc, bool) {
		bySKU, sorting := layout.Selected == sheets[1], withOrders.Checked && layout.Selected == sheets[1]
		var printed []int64
		return batchDoc{name: s.stamp(lang.L("pick-lists")), writing: lang.L("Writing pick lists…"),
			failed: lang.L("The pick lists could not be written: "),
			render: func(ctx context.Context) ([]byte, error) {
				keys, err := s.batchKeys(ctx, whole, ids)
				if err != nil {
					return nil, err
				}
				var pdf []byte
				pdf, printed, err = pickListsPDF(ctx, s.svc, keys, bySKU, sorting)
				return pdf, err
			},
			after: func() (string, error) {
				moved, err := s.svc.StartPickingAll(s.ctx, printed)
				if whole != nil {
					fyne.Do(func() { s.untick(whole) })
				}
				return countText(moved, lang.L("1 order moved to picking"),
					lang.L("{{.Count}} orders moved to picking", countData(moved))), err
			}}, true
	})
}

// batchKeys is what a batch takes: ids, else the whole queue.
func (s *FulfilmentScreen) batchKeys(ctx context.Context, whole *stageQueue, ids []int64) ([]int64, error) {
	if len(ids) > 0 || whole == nil {
		return ids, nil
	}
	return s.keysOrAll(ctx, whole, nil)
}

// workLang is the language of the warehouse's own papers: the shop's
// document language when set, else the window's.
func workLang(shop app.Shop) reports.Lang {
	switch shop.DocumentLanguage {
	case "zh":
		return reports.LangChinese
	case "en":
		return reports.LangEnglish
	}
	return documentLang()
}

// pickListsPDF writes the orders' pick lists and says which orders they
// are (orders holding no stock have none).
func pickListsPDF(ctx context.Context, svc *app.Service, ids []int64, bySKU, withOrders bool) ([]byte, []int64, error) {
	shop, err := svc.Shop(ctx)
	if err != nil {
		return nil, nil, err
	}
	lists, err := svc.PickLists(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	if len(lists) == 0 {
		return nil, nil, errors.New(lang.L("none of these orders holds stock to pick"))
	}
	printed := make([]int64, len(lists))
	for i, l := range lists {
		printed[i] = l.Order.ID
	}
	v := reports.NewPickLists(shop, lists, reports.PickListOptions{Lang: workLang(shop), Paper: reports.PaperFor("", shop),
		Now: svc.Now().Local(), BySKU: bySKU, WithOrders: withOrders})
	var buf bytes.Buffer
	if err := reports.WritePickLists(&buf, v); err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), printed, nil
}

// askPackingSlips prints the packing slips of the ticked shipments, or of
// every packed one.
func (s *FulfilmentScreen) askPackingSlips(q *stageQueue) { s.askPackingSlipsFor(q.tickedKeys(), q) }

// askPackingSlipsFor asks whether the slips show prices (not for gifts
// and marketplace orders), then prints them.
func (s *FulfilmentScreen) askPackingSlipsFor(ids []int64, whole *stageQueue) {
	prices := widget.NewCheck(lang.L("Show prices and what was paid"), nil)
	prices.SetChecked(true)
	kind, n := batchSize(ids, whole)
	about := []string{lang.L("The packing slip of this shipment"), lang.L("Packing slips for the {{.Count}} ticked shipments", n),
		lang.L("Packing slips for every shipment of the queue ({{.Count}})", n)}[kind]
	s.askDocument("packing-slips", lang.L("Packing slips"), about, prices, func() (batchDoc, bool) {
		withPrices := prices.Checked
		return batchDoc{name: s.stamp(lang.L("packing-slips")), writing: lang.L("Writing packing slips…"),
			failed: lang.L("The packing slips could not be written: "),
			render: func(ctx context.Context) ([]byte, error) {
				keys, err := s.batchKeys(ctx, whole, ids)
				if err != nil {
					return nil, err
				}
				return packingSlipsPDF(ctx, s.svc, keys, withPrices)
			}}, true
	})
}

// shipmentPapers reads what the shipments' papers print from.
func shipmentPapers(ctx context.Context, svc *app.Service, ids []int64) (app.ShipmentPapers, error) {
	if len(ids) == 0 {
		return app.ShipmentPapers{}, errors.New(lang.L("no shipment is chosen"))
	}
	return svc.ShipmentPapers(ctx, ids)
}

// packingSlipsPDF writes the shipments' packing slips in the customers'
// language (the first order's decides for a batch).
func packingSlipsPDF(ctx context.Context, svc *app.Service, ids []int64, prices bool) ([]byte, error) {
	shop, err := svc.Shop(ctx)
	if err != nil {
		return nil, err
	}
	p, err := shipmentPapers(ctx, svc, ids)
	if err != nil {
		return nil, err
	}
	// No language given: each slip in its customer's (reports.LangFor).
	v := reports.NewPackingSlips(shop, p.Shipments, p.Orders, reports.PackingSlipOptions{
		Paper: reports.PaperFor("", shop), Now: svc.Now().Local(), Prices: prices})
	var buf bytes.Buffer
	if err := reports.WritePackingSlips(&buf, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// printLabels prints the labels of the ticked shipments, or of every
// packed one.
func (s *FulfilmentScreen) printLabels(q *stageQueue) { s.printLabelsFor(q.tickedKeys(), q) }

// printLabelsFor offers the shipments' labels, one 100 × 150 mm page a
// package: a PDF, or ZPL for a thermal printer at its resolution (the
// choice kept for next time: a shop with a label printer always wants
// it).
func (s *FulfilmentScreen) printLabelsFor(ids []int64, whole *stageQueue) {
	kind, n := batchSize(ids, whole)
	about := []string{lang.L("The labels of this shipment, one a package"), lang.L("Labels for the {{.Count}} ticked shipments", n),
		lang.L("Labels for every shipment of the queue ({{.Count}})", n)}[kind]
	prefs := fyne.CurrentApp().Preferences()
	thermal := widget.NewCheck(lang.L("Labels for a thermal printer (ZPL)"), nil)
	thermal.SetChecked(prefs.Bool(prefLabelsZPL))
	resolutions := []string{"203 dpi", "300 dpi"}
	dpi := widget.NewRadioGroup(resolutions, nil)
	dpi.Horizontal, dpi.Required = true, true
	dpi.SetSelected(resolutions[0])
	if prefs.Int(prefLabelsDPI) == reports.DPI300 {
		dpi.SetSelected(resolutions[1])
	}
	var choice *printChoice
	thermal.OnChanged = func(on bool) {
		if on {
			dpi.Enable()
			choice.setKind(labelsKind(true), true)
		} else {
			dpi.Disable()
			choice.setKind(labelsKind(false), false)
		}
	}
	if !thermal.Checked {
		dpi.Disable()
	}
	choice = s.askDocument(labelsKind(thermal.Checked), lang.L("Shipping labels"), about, container.NewVBox(thermal, dpi), func() (batchDoc, bool) {
		zpl, dots := thermal.Checked, reports.DPI203
		if dpi.Selected == resolutions[1] {
			dots = reports.DPI300
		}
		prefs.SetBool(prefLabelsZPL, zpl)
		prefs.SetInt(prefLabelsDPI, dots)
		name := s.stamp(lang.L("labels"))
		if zpl {
			name = strings.TrimSuffix(name, ".pdf") + ".zpl"
		} else {
			dots = 0
		}
		return batchDoc{name: name, raw: zpl, writing: lang.L("Writing labels…"),
			failed: lang.L("The labels could not be written: "),
			render: func(ctx context.Context) ([]byte, error) {
				keys, err := s.batchKeys(ctx, whole, ids)
				if err != nil {
					return nil, err
				}
				return labelsDoc(ctx, s.svc, keys, dots)
			}}, true
	})
	if thermal.Checked {
		choice.setKind(labelsKind(true), true)
	}
}

// The label dialog's kept choices.
const (
	prefLabelsZPL = "labels.zpl"
	prefLabelsDPI = "labels.dpi"
)

// labelsKind is the kind of document labels are, for the printer kept:
// the PDF's may go to an office printer, the ZPL's to a label printer.
func labelsKind(zpl bool) string {
	if zpl {
		return "labels-zpl"
	}
	return "labels"
}

// labelsDoc writes the shipments' labels, as a PDF or (dpi set) as ZPL
// at dpi; parcels still waiting for the courier name the carrier the
// shop's rules suggest, and the sender is the warehouse when they all
// leave from one.
func labelsDoc(ctx context.Context, svc *app.Service, ids []int64, dpi int) ([]byte, error) {
	shop, err := svc.Shop(ctx)
	if err != nil {
		return nil, err
	}
	p, err := shipmentPapers(ctx, svc, ids)
	if err != nil {
		return nil, err
	}
	// A parcel with no address gets no label; when none has one, say why.
	parcels, refused := p.Labels()
	if len(parcels) == 0 {
		return nil, refused
	}
	// No language given: each label in its destination's.
	opt := reports.LabelOptions{Now: svc.Now().Local(), From: p.From}
	labels := reports.NewShippingLabels(shop, parcels, opt)
	var buf bytes.Buffer
	if dpi != 0 {
		err = reports.WriteShippingLabelsZPL(&buf, labels, dpi)
	} else {
		err = reports.WriteShippingLabels(&buf, labels)
	}
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// askShippingList asks for the day and prints the parcels that left that
// day, per carrier, for the drivers to sign.
func (s *FulfilmentScreen) askShippingList() {
	day := widget.NewEntry()
	day.SetText(s.svc.Now().Local().Format("2006-01-02"))
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Hide()
	form := widget.NewForm(widget.NewFormItem(lang.L("Shipping date"), day))
	s.askDocument("shipping-list", lang.L("Shipping list"), lang.L("The parcels that left on the day, per carrier, for the drivers to sign."),
		container.NewVBox(form, problem), func() (batchDoc, bool) {
			d, err := app.ParseDay(day.Text)
			if err != nil {
				problem.SetText(lang.L("Enter the day like 2026-11-01"))
				problem.Show()
				return batchDoc{}, false
			}
			return batchDoc{name: fmt.Sprintf("%s-%s.pdf", lang.L("shipping-list"), d.Format("2006-01-02")),
				writing: lang.L("Writing the shipping list…"), failed: lang.L("The shipping list could not be written: "),
				render: func(ctx context.Context) ([]byte, error) { return shippingListPDF(ctx, s.svc, d) }}, true
		})
}

// shippingListPDF writes the list of the parcels shipped on day.
func shippingListPDF(ctx context.Context, svc *app.Service, day time.Time) ([]byte, error) {
	shop, err := svc.Shop(ctx)
	if err != nil {
		return nil, err
	}
	list, err := svc.DayParcels(ctx, day)
	if err != nil {
		return nil, err
	}
	v := reports.NewShippingList(shop, list, day, reports.ShippingListOptions{Lang: workLang(shop), Paper: reports.PaperFor("", shop),
		Now: svc.Now().Local()})
	var buf bytes.Buffer
	if err := reports.WriteShippingList(&buf, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
