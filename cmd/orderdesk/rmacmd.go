package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"orderdesk/app"
	"orderdesk/reports"
)

// runRMA writes an after-sales case's return authorisation.
func runRMA(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("doc rma", stderr)
	db := fs.String("db", "", "the shop's database file")
	number := fs.String("case", "", "the case's number, e.g. 202611-R004")
	out := fs.String("o", "", "the PDF file to write")
	language := fs.String("lang", "", "en, zh or zh-Hant; default: the customer's, else the shop's document language, else by the delivery country")
	paper := fs.String("paper", "", "A4 or Letter; default: the shop's paper")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *db == "" || *number == "" || *out == "" {
		return fmt.Errorf("%w: doc rma needs --db FILE, --case NUMBER and -o FILE.pdf", errUsage)
	}
	pap, err := docPaperAndLang(*paper, *language)
	if err != nil {
		return err
	}
	if err := checkOutput(*db, *out); err != nil {
		return err
	}
	store, svc, ctx, err := openShopForReading(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	c, err := svc.CaseByNumber(ctx, strings.TrimSpace(*number))
	if errors.Is(err, app.ErrNotFound) {
		return fmt.Errorf("there is no after-sales case %s; check the number (like 202611-R004)", strings.TrimSpace(*number))
	}
	if err != nil {
		return err
	}
	// Which letter, if any, is the case's state's to say.
	letter, err := app.CaseLetterFor(c)
	if err != nil {
		return err
	}
	o, err := svc.Order(ctx, c.OrderID)
	if err != nil {
		return err
	}
	shop, err := svc.Shop(ctx)
	if err != nil {
		return err
	}
	w, err := svc.ReturnWarehouse(ctx, c.ID)
	if err != nil {
		return err
	}
	opt := reports.RMAOptions{Lang: reports.LangAsked(*language, shop, o), Paper: reports.PaperFor(pap, shop), Now: svc.Now().Local(),
		Letter: letter, ReturnTo: w.Address, ReturnPhone: w.Phone}
	var buf bytes.Buffer
	if err := reports.WriteRMALetter(&buf, reports.NewRMALetter(shop, c, o, opt)); err != nil {
		return err
	}
	if err := saveOutput(store, *out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Letter (%s) of case %s written to %s (%d KB)\n", strings.ReplaceAll(string(letter.Kind), "_", " "),
		c.Number, *out, (buf.Len()+1023)/1024)
	return nil
}
