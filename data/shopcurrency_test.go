package data_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"orderdesk/app"
)

// TestShopCurrencySurvivesReopening sets up shops in currencies beyond the
// first twelve (two and three minor digits) through the settings service,
// closes the database, opens it again and reads the currency and the
// amounts back in the same minor units.
func TestShopCurrencySurvivesReopening(t *testing.T) {
	for _, tt := range []struct {
		code, symbol string
		decimals     int
		price        app.Money // minor units
		shown        string    // price as Format writes it
	}{
		{"ZAR", "R", 2, 12345, "R123.45"},
		{"KWD", "KWD ", 3, 12345, "KWD 12.345"},
		{"INR", "₹", 2, 9_999_900, "₹99,999.00"},
	} {
		t.Run(tt.code, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "shop.db")
			ctx := app.WithActor(context.Background(), app.Actor{Name: "owner", Role: app.RoleOwner})
			clock := func() time.Time { return time.Date(2026, 5, 14, 9, 30, 0, 0, time.UTC) }
			cur, ok := app.LookupCurrency(tt.code)
			if !ok {
				t.Fatalf("%s is unknown", tt.code)
			}
			store := openStore(t, path)
			svc := app.NewService(store).WithClock(clock)
			policy := app.DefaultPolicy()
			policy.LargeOrder = 10 * tt.price
			if err := svc.SaveShop(ctx, app.Shop{Name: "Shop in " + tt.code, Currency: cur, Calendar: app.DefaultCalendar(), Policy: policy}); err != nil {
				t.Fatal(err)
			}
			p := app.Product{SKU: "TEA-1", Name: "Rooibos", Unit: "box", Price: tt.price, Cost: tt.price / 2, Active: true}
			if err := svc.SaveProduct(ctx, &p); err != nil {
				t.Fatal(err)
			}
			if err := store.Close(); err != nil {
				t.Fatal(err)
			}

			svc = app.NewService(openStore(t, path)).WithClock(clock)
			shop, err := svc.Shop(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if shop.Currency != (app.Currency{Code: tt.code, Symbol: tt.symbol, Decimals: tt.decimals}) {
				t.Errorf("reopened, the shop's currency is %+v", shop.Currency)
			}
			if shop.Policy.LargeOrder != 10*tt.price {
				t.Errorf("large order %d, want %d", shop.Policy.LargeOrder, 10*tt.price)
			}
			got, err := svc.Product(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Price != tt.price || got.Cost != tt.price/2 {
				t.Errorf("price %d, cost %d; want %d, %d", got.Price, got.Cost, tt.price, tt.price/2)
			}
			if s := shop.Currency.Format(got.Price); s != tt.shown {
				t.Errorf("price shows %q, want %q", s, tt.shown)
			}
			if back, err := shop.Currency.ParseMoney(tt.shown); err != nil || back != tt.price {
				t.Errorf("ParseMoney(%q) = %d, %v; want %d", tt.shown, back, err, tt.price)
			}
		})
	}
}
