package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"orderdesk/app"
)

// readTracking reads a written tracking file back; Taobao's is GBK.
func readTracking(t *testing.T, path string, gbk bool) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if gbk {
		if b, err = simplifiedchinese.GBK.NewDecoder().Bytes(b); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// shippedFor counts the sample shop's parcels that left with a tracking
// number for orders of the channels, as the shop itself says.
func shippedFor(t *testing.T, db string, channels ...app.Channel) (n int, first, last time.Time) {
	t.Helper()
	ctx := app.WithActor(context.Background(), app.Actor{Name: "test"})
	store, svc, ctx, err := openShopForReading(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	list, err := svc.Shipments(ctx, app.ShipmentFilter{Statuses: []app.ShipmentStatus{app.ShipmentShipped, app.ShipmentDelivered,
		app.ShipmentReturned, app.ShipmentClosed}})
	if err != nil {
		t.Fatal(err)
	}
	for _, sh := range list {
		if sh.TrackingNumber == "" {
			continue
		}
		for _, id := range sh.OrderIDs {
			o, err := svc.Order(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range channels {
				if o.Channel == c && o.PlatformOrderID != "" {
					n++
					if first.IsZero() || sh.ShippedAt.Before(first) {
						first = sh.ShippedAt
					}
					if sh.ShippedAt.After(last) {
						last = sh.ShippedAt
					}
				}
			}
		}
	}
	return n, first, last
}

// TestExportShipments writes the sample shop's Taobao and Shopify
// tracking files: every parcel once, nothing the second time, all again
// with --again, only the days asked; bad flags and the shop's own file
// as the output are refused before anything is written.
func TestExportShipments(t *testing.T) {
	db := sampleShop(t, 120)
	dir := t.TempDir()
	taobao, first, last := shippedFor(t, db, app.ChannelTaobao, app.ChannelTmall)
	if taobao < 2 || !first.Before(last) {
		t.Fatalf("the sample shop has %d Taobao/Tmall parcels, shipped %v to %v; the test needs some on different days", taobao, first, last)
	}
	out := filepath.Join(dir, "taobao.csv")
	code, stdout, stderr := command("export", "shipments", "--db", db, "--preset", "taobao", "-o", out)
	if want := "Wrote " + parcelCount(taobao) + " for Taobao/Tmall to " + out + "\n"; code != 0 || stdout != want || stderr != "" {
		t.Fatalf("export: exit %d, %q %q; want %q", code, stdout, stderr, want)
	}
	rows := readTracking(t, out, true)
	if strings.Join(rows[0], ",") != "订单编号,物流公司,运单号" || len(rows) != taobao+1 {
		t.Fatalf("the Taobao file has %d rows, header %q", len(rows), rows[0])
	}
	for _, r := range rows[1:] {
		if r[0] == "" || r[1] == "" || r[2] == "" {
			t.Fatalf("a row without order, carrier or tracking number: %q", r)
		}
	}

	// The next day's run has nothing new and leaves the file alone.
	code, stdout, _ = command("export", "shipments", "--db", db, "--preset", "taobao", "-o", out)
	if code != 0 || stdout != "No new parcels for Taobao/Tmall; "+out+" was not written\n" {
		t.Fatalf("second run: exit %d, %q", code, stdout)
	}
	if again := readTracking(t, out, true); len(again) != taobao+1 {
		t.Fatalf("the second run changed the file: %d rows", len(again))
	}
	// Shopify's parcels were not written for Taobao's file.
	shopify, _, _ := shippedFor(t, db, app.ChannelShopify)
	shop := filepath.Join(dir, "shopify.csv")
	if code, stdout, stderr := command("export", "shipments", "--preset", "shopify", "-o", shop, "--db", db); code != 0 ||
		!strings.HasPrefix(stdout, "Wrote "+parcelCount(shopify)+" for Shopify") {
		t.Fatalf("shopify: exit %d, %q %q", code, stdout, stderr)
	}
	if rows := readTracking(t, shop, false); strings.Join(rows[0], ",") != "Order Name,Tracking Number,Tracking Company,Notify Customer" ||
		len(rows) != shopify+1 || !strings.HasPrefix(rows[1][0], "#") {
		t.Fatalf("the Shopify file: %q", rows[:min(2, len(rows))])
	}

	// Again: everything; and the first day only.
	code, stdout, _ = command("export", "shipments", "--db", db, "--preset", "taobao", "--again", "-o", out)
	if code != 0 || !strings.HasPrefix(stdout, "Wrote "+parcelCount(taobao)+" ") {
		t.Fatalf("--again: exit %d, %q", code, stdout)
	}
	day := first.Local().Format("2006-01-02")
	code, stdout, _ = command("export", "shipments", "--db", db, "--preset", "taobao", "--again", "--from", day, "--to", day, "-o", out)
	rows = readTracking(t, out, true)
	if code != 0 || len(rows) < 2 || len(rows)-1 >= taobao || !strings.HasPrefix(stdout, "Wrote "+parcelCount(len(rows)-1)) {
		t.Fatalf("one day (%s): exit %d, %q, %d rows of %d parcels", day, code, stdout, len(rows)-1, taobao)
	}

	before := fingerprint(t, db)
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"export"}, 2, "what to export?"},
		{[]string{"export", "shipments", "--db", db, "-o", out}, 2, "needs --db FILE, --preset PLATFORM and -o FILE"},
		{[]string{"export", "shipments", "--db", db, "--preset", "jd", "-o", out}, 2, "--preset is one of shopify, amazon"},
		{[]string{"export", "shipments", "--db", db, "--preset", "ebay", "--from", "2026-13-01", "-o", out}, 2, "--from \"2026-13-01\""},
		{[]string{"export", "shipments", "--db", db, "--preset", "ebay", "--from", "2026-05-02", "--to", "2026-05-01", "-o", out}, 2, "--to is before --from"},
		{[]string{"export", "shipments", "--db", db, "--preset", "taobao", "--again", "-o", db}, 1, "would destroy the shop"},
		{[]string{"export", "shipments", "--db", db, "--preset", "taobao", "--again", "-o", dir}, 1, "is a folder"},
	} {
		code, stdout, stderr := command(c.args...)
		if code != c.code || !strings.Contains(stdout+stderr, c.says) {
			t.Errorf("%q: exit %d, %q %q; want exit %d saying %q", c.args, code, stdout, stderr, c.code, c.says)
		}
	}
	if fingerprint(t, db) != before {
		t.Fatal("a refused export changed the shop")
	}
}
