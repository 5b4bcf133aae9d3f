package screens_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"orderdesk/app"
	"orderdesk/data"
	"orderdesk/screens"
)

func TestHomeShowsOrderCount(t *testing.T) {
	test.NewTempApp(t)
	ctx := app.WithActor(context.Background(), app.Actor{Name: "tester"})
	path := filepath.Join(t.TempDir(), "shop.db")
	store, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	svc := app.NewService(store)
	cny, _ := app.LookupCurrency("CNY")
	if err := svc.SaveShop(ctx, app.Shop{Name: "Corner Tea", Currency: cny, Country: "CN"}); err != nil {
		t.Fatal(err)
	}
	c := &app.Customer{Name: "王芳", Kind: app.CustomerRetail}
	if err := svc.SaveCustomer(ctx, c); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := svc.CreateOrder(ctx, app.OrderInput{Channel: app.ChannelPhone, CustomerID: c.ID}, false); err != nil {
			t.Fatal(err)
		}
	}

	home := screens.NewHome(svc, path)
	w := test.NewWindow(home.Content())
	defer w.Close()
	if err := home.Update(ctx); err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, o := range test.LaidOutObjects(w.Content()) {
		if l, ok := o.(interface{ String() string }); ok {
			texts = append(texts, l.String())
		}
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"Corner Tea", "3 orders in this shop", path} {
		if !strings.Contains(all, want) {
			t.Errorf("home screen lacks %q; it shows:\n%s", want, all)
		}
	}
}
