package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"orderdesk/app"
	"orderdesk/data"
)

// runInit creates an empty shop: the database file, its currency and name.
func runInit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("init", stderr)
	db := fs.String("db", "", "the database file to create")
	currency := fs.String("currency", "", "the shop's currency: "+strings.Join(app.CurrencyCodes(), ", "))
	name := fs.String("name", "My shop", "the shop's name, printed on documents")
	country := fs.String("country", "", "the shop's country (ISO code such as CN, GB); default from the currency")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *db == "" || *currency == "" {
		return fmt.Errorf("%w: init needs --db FILE and --currency CODE", errUsage)
	}
	cur, ok := app.LookupCurrency(strings.ToUpper(*currency))
	if !ok {
		return fmt.Errorf("%w: unknown currency %q; choose one of %s", errUsage, *currency, strings.Join(app.CurrencyCodes(), ", "))
	}
	if info, err := os.Stat(*db); err == nil && info.Size() > 0 {
		return fmt.Errorf("%s already exists; a new shop goes into a new file", *db)
	}
	store, err := data.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	shop := app.Shop{Name: *name, Currency: cur, Country: strings.ToUpper(*country)}
	if shop.Country == "" {
		shop.Country = countryOfCurrency(cur.Code)
	}
	if err := newService(store).SaveShop(ctx, shop); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Empty shop %q in %s written to %s\n", shop.Name, cur.Code, store.Path())
	return nil
}

// countryOfCurrency guesses the shop's country from a currency used by
// one country only; the euro names none.
func countryOfCurrency(code string) string {
	return map[string]string{"CNY": "CN", "HKD": "HK", "TWD": "TW", "MOP": "MO", "SGD": "SG", "USD": "US", "CAD": "CA",
		"AUD": "AU", "GBP": "GB", "JPY": "JP", "KRW": "KR"}[code]
}
