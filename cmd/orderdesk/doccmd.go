package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"orderdesk/app"
	"orderdesk/reports"
)

// runDoc writes one of the shop's documents to a PDF file.
func runDoc(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "picklist", "packing-slip", "label", "shipping-list":
			return runFulfilmentDoc(ctx, args[0], args[1:], stdout, stderr)
		case "rma":
			return runRMA(ctx, args[1:], stdout, stderr)
		}
	}
	if len(args) == 0 || args[0] != "confirmation" {
		return fmt.Errorf("%w: which document? confirmation, picklist, packing-slip, label, shipping-list or rma; see orderdesk help", errUsage)
	}
	fs := newFlags("doc "+args[0], stderr)
	db := fs.String("db", "", "the shop's database file")
	number := fs.String("order", "", "the order's number, e.g. 202611-014")
	out := fs.String("o", "", "the PDF file to write")
	language := fs.String("lang", "", "en or zh; default: the shop's document language, else by the delivery country")
	paper := fs.String("paper", "", "A4 or Letter; default: the shop's paper")
	markSent := fs.Bool("mark-sent", false, "record in the order's history that the letter was sent")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *db == "" || *number == "" || *out == "" {
		return fmt.Errorf("%w: doc %s needs --db FILE, --order NUMBER and -o FILE.pdf", errUsage, args[0])
	}
	pap, err := docPaperAndLang(*paper, *language)
	if err != nil {
		return err
	}
	store, svc, ctx, err := openShop(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	o, err := svc.OrderByNumber(ctx, *number)
	if err != nil {
		return fmt.Errorf("order %s: %w", *number, err)
	}
	shop, err := svc.Shop(ctx)
	if err != nil {
		return err
	}
	lang := reports.Lang(*language)
	if lang == "" {
		lang = reports.LangFor(shop, o)
	}
	now := svc.Now()
	opt := reports.LetterOptions{Lang: lang, Paper: reports.PaperFor(pap, shop), Now: now.Local()}
	if o.Status.Open() && o.Status != app.StatusDraft {
		opt.ExpectedShip = app.EarliestShipDay(shop, now)
	}
	var buf bytes.Buffer
	if err := reports.WriteConfirmationLetter(&buf, reports.NewConfirmationLetter(shop, o, opt)); err != nil {
		return err
	}
	if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
		return err
	}
	if *markSent {
		if err := svc.ConfirmationSent(ctx, o.ID, "PDF "+filepath.Base(*out)); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "Confirmation of order %s written to %s (%d KB)\n", o.Number, *out, (buf.Len()+1023)/1024)
	return nil
}

// writeFileAtomic writes next to the target and renames, so a full disk
// or a crash never leaves half a document under the real name.
func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// docPaperAndLang checks the --paper and --lang flags every document
// command takes.
func docPaperAndLang(paper, language string) (reports.Paper, error) {
	if language != "" && language != "en" && language != "zh" {
		return "", fmt.Errorf("%w: --lang is en or zh", errUsage)
	}
	switch {
	case paper == "":
		return "", nil // the shop's, once it is read
	case strings.EqualFold(paper, string(reports.PaperLetter)):
		return reports.PaperLetter, nil
	case paper == string(reports.PaperA4):
		return reports.PaperA4, nil
	}
	return "", fmt.Errorf("%w: --paper is A4 or Letter", errUsage)
}
