package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"orderdesk/app"
	"orderdesk/data"
	"orderdesk/reports"
	"orderdesk/savefile"
)

// runDoc writes one of the shop's documents to a PDF file.
func runDoc(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "picklist", "packing-slip", "label", "shipping-list":
			return runFulfilmentDoc(ctx, args[0], args[1:], stdout, stderr)
		case "rma":
			return runRMA(ctx, args[1:], stdout, stderr)
		case "product-labels", "bin-labels":
			return runItemLabels(ctx, args[0], args[1:], stdout, stderr)
		}
	}
	if len(args) == 0 || args[0] != "confirmation" {
		return fmt.Errorf("%w: which document? confirmation, picklist, packing-slip, label, shipping-list, rma, product-labels or bin-labels; see orderdesk help", errUsage)
	}
	fs := newFlags("doc "+args[0], stderr)
	db := fs.String("db", "", "the shop's database file")
	number := fs.String("order", "", "the order's number, e.g. 202611-014")
	out := fs.String("o", "", "the PDF file to write")
	language := fs.String("lang", "", "en, zh or zh-Hant; default: the customer's, else the shop's document language, else by the delivery country")
	paper := fs.String("paper", "", "A4 or Letter; default: the shop's paper")
	markSent := fs.Bool("mark-sent", false, "record in the order's history that the letter was sent")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if *db == "" || *number == "" || *out == "" {
		return fmt.Errorf("%w: doc %s needs --db FILE, --order NUMBER and -o FILE.pdf", errUsage, args[0])
	}
	pap, err := docPaperAndLang(*paper, *language)
	if err != nil {
		return err
	}
	if err := checkOutput(*db, *out); err != nil {
		return err
	}
	open := openShopForReading
	if *markSent {
		open = openShop // the letter's sending goes into the order's history
	}
	store, svc, ctx, err := open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	found, err := svc.OrderByNumber(ctx, strings.TrimSpace(*number))
	if err != nil {
		return orderNotFound(*number, err)
	}
	// Which letter, if any, is the order's state's to say.
	o, letter, err := svc.OrderLetter(ctx, found.ID)
	if err != nil {
		return err
	}
	shop, err := svc.Shop(ctx)
	if err != nil {
		return err
	}
	opt, err := letterOptions(ctx, svc, shop, o, letter, *language, pap)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := reports.WriteConfirmationLetter(&buf, reports.NewConfirmationLetter(shop, o, opt)); err != nil {
		return err
	}
	if err := saveOutput(store, *out, buf.Bytes()); err != nil {
		return err
	}
	if *markSent {
		if err := svc.ConfirmationSent(ctx, o.ID, "PDF "+filepath.Base(*out)); err != nil {
			return err
		}
	}
	what := "Confirmation"
	if letter.Kind == app.LetterCancellation {
		what = "Cancellation notice"
	}
	fmt.Fprintf(stdout, "%s of order %s written to %s (%d KB)\n", what, o.Number, *out, (buf.Len()+1023)/1024)
	return nil
}

// letterOptions are an order's letter's options: the language asked, else
// the customer's; the customer's terms for an order on account; the
// expected ship day of an order still to ship.
func letterOptions(ctx context.Context, svc *app.Service, shop app.Shop, o *app.Order, letter app.Letter, language string,
	paper reports.Paper) (reports.LetterOptions, error) {
	now := svc.Now()
	opt := reports.LetterOptions{Lang: reports.LangAsked(language, shop, o), Paper: reports.PaperFor(paper, shop),
		Now: now.Local(), Letter: letter}
	if letter.Kind == app.LetterConfirmation && o.Status.Open() {
		opt.ExpectedShip = app.EarliestShipDay(shop, now)
	}
	days, err := svc.PaymentTermDays(ctx, o)
	opt.PaymentTermDays = days
	return opt, err
}

// saveOutput writes a document or workbook the command made to path:
// never over the shop's own files (the database, its -wal, -shm and lock,
// its backups), whole or not at all, straight into a device or pipe.
func saveOutput(store *data.Store, path string, b []byte) error {
	return saveOutputFrom(store, path, func(w io.Writer) error { _, err := w.Write(b); return err })
}

func saveOutputFrom(store *data.Store, path string, write func(io.Writer) error) error {
	return savefile.Write(path, data.ShopFiles(store.Path()), write)
}

// checkOutput refuses, before any work, an output path that is one of
// the shop's own files or a folder.
func checkOutput(db, path string) error {
	if err := data.ShopFiles(db).Check(path); err != nil {
		return err
	}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return &savefile.FolderError{Path: path}
	}
	return nil
}

// orderNotFound says which order number was not found, once.
func orderNotFound(number string, err error) error {
	if errors.Is(err, app.ErrNotFound) {
		return fmt.Errorf("there is no order %s; check the number (like 202611-014)", strings.TrimSpace(number))
	}
	return err
}

// docPaperAndLang checks the --paper and --lang flags every document
// command takes.
func docPaperAndLang(paper, language string) (reports.Paper, error) {
	if language != "" && reports.ParseLang(language, "") == "" {
		return "", fmt.Errorf("%w: --lang is en, zh or zh-Hant", errUsage)
	}
	switch {
	case paper == "":
		return "", nil // the shop's, once it is read
	case strings.EqualFold(paper, string(reports.PaperLetter)):
		return reports.PaperLetter, nil
	case strings.EqualFold(paper, string(reports.PaperA4)):
		return reports.PaperA4, nil
	}
	return "", fmt.Errorf("%w: --paper is A4 or Letter", errUsage)
}
