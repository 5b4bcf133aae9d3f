package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"orderdesk/app"
)

// TestLabelCommands writes the thermal shipping label of a packed order
// as ZPL, products' labels by SKU and for what arrived today, and a
// warehouse's bin labels, and reads them back; bad flags are refused
// with what to fix.
func TestLabelCommands(t *testing.T) {
	dir, shop, say := demoCommands(t, 120)
	if code, out := say("doc", "picklist", "--db", shop, "--all-allocated", "-o", filepath.Join(dir, "picks.pdf")); code != 0 {
		t.Fatalf("picklist: %s", out)
	}
	number := packOne(t, shop)

	zpl := filepath.Join(dir, "label.zpl")
	code, out := say("doc", "label", "--db", shop, "--order", number, "--format", "zpl", "--dpi", "300", "-o", zpl)
	if code != 0 || !strings.Contains(out, "Labels for 1 shipments written to") {
		t.Fatalf("label --format zpl: exit %d: %s", code, out)
	}
	b, _ := os.ReadFile(zpl)
	label := string(b)
	if !strings.HasPrefix(label, "^XA\n^CI28\n^PW1181\n^LL1772\n") || !strings.HasSuffix(label, "^XZ\n") {
		t.Errorf("not a 100×150 mm label at 300 dpi:\n%.200s", label)
	}
	// Packed, not yet handed to the courier: the shipment's number is the
	// barcode until a tracking number comes.
	if !regexp.MustCompile(`\^BCN,\d+,N,N,N,A\^FH\^FD` + regexp.QuoteMeta(number) + `-\d+\^FS`).MatchString(label) {
		t.Errorf("the label's barcode is not shipment %s-…:\n%s", number, label)
	}
	if !strings.Contains(label, "^GFA,") {
		t.Error("the Chinese recipient is not drawn as a graphic")
	}

	pdf := filepath.Join(dir, "products.pdf")
	code, out = say("doc", "product-labels", "--db", shop, "--sku", "TEA-LJ-250, TEA-BLC-250", "--copies", "13", "-o", pdf)
	if code != 0 || !strings.Contains(out, "26 labels for 2 products written to") {
		t.Fatalf("product-labels: exit %d: %s", code, out)
	}
	if text := pdfText(t, pdf); text != "" {
		for _, want := range []string{"TEA-LJ-250", "TEA-BLC-250", "西湖龙井", "洞庭碧螺春"} {
			if n := strings.Count(text, want); n != 13 {
				t.Errorf("%q is on %d labels, want 13", want, n)
			}
		}
		if pages := strings.Count(text, "\f"); pages != 2 {
			t.Errorf("26 labels on 3×8 sheets take %d pages, want 2", pages)
		}
	}

	// Goods arrive: a label a unit received today, none for other moves.
	ctx := app.WithActor(context.Background(), app.Actor{Name: "test", Role: app.RoleOwner})
	store, svc, ctx, err := openShop(ctx, shop)
	if err != nil {
		t.Fatal(err)
	}
	p, err := svc.ProductByCode(ctx, "TEA-LJ-100")
	if err != nil {
		t.Fatal(err)
	}
	ws, _ := svc.Warehouses(ctx)
	bins, _ := svc.Bins(ctx, ws[0].ID)
	for _, qty := range []int64{5, 2} {
		if err := svc.ReceiveStock(ctx, app.StockReceipt{ProductID: p.ID, BinID: bins[0].ID, Qty: qty, Reference: "PO-77"}); err != nil {
			t.Fatal(err)
		}
	}
	today := svc.Now().Local().Format("2006-01-02")
	store.Close()
	zpl = filepath.Join(dir, "arrived.zpl")
	code, out = say("doc", "product-labels", "--db", shop, "--received", today, "--sheet", "zpl", "-o", zpl)
	if code != 0 {
		t.Fatalf("product-labels --received: exit %d: %s", code, out)
	}
	b, _ = os.ReadFile(zpl)
	if !strings.Contains(string(b), "^FDTEA-LJ-100^FS") || !strings.Contains(string(b), "^PQ7\n") {
		t.Errorf("the arrival's labels lack TEA-LJ-100 × 7:\n%s", b)
	}

	bin := filepath.Join(dir, "bins.pdf")
	code, out = say("doc", "bin-labels", "--db", shop, "--warehouse", "sz", "--sheet", "3x7", "-o", bin)
	if code != 0 || !regexp.MustCompile(`\d+ bin labels written to`).MatchString(out) {
		t.Fatalf("bin-labels: exit %d: %s", code, out)
	}
	if text := pdfText(t, bin); text != "" && (!strings.Contains(text, "深圳前置仓 Shenzhen SZ") || !strings.Contains(text, "A-1-1")) {
		t.Errorf("the bin labels lack the warehouse or bin A-1-1:\n%s", text)
	}

	for _, c := range []struct {
		args    []string
		message string
	}{
		{[]string{"doc", "label", "--db", shop, "--all-packed", "--format", "png", "-o", zpl}, "--format is pdf or zpl"},
		{[]string{"doc", "label", "--db", shop, "--all-packed", "--format", "zpl", "--dpi", "600", "-o", zpl}, "--dpi is 203 or 300"},
		{[]string{"doc", "packing-slip", "--db", shop, "--all-packed", "--format", "zpl", "-o", zpl}, "only labels"},
		{[]string{"doc", "product-labels", "--db", shop, "-o", pdf}, "--sku SKU[,SKU…] or --received DATE"},
		{[]string{"doc", "product-labels", "--db", shop, "--sku", "NOPE-1", "-o", pdf}, "no product NOPE-1"},
		{[]string{"doc", "product-labels", "--db", shop, "--sku", "TEA-LJ-250", "--sheet", "4x10", "-o", pdf}, "--sheet is 3x8, 3x7 or zpl"},
		{[]string{"doc", "product-labels", "--db", shop, "--received", "2001-01-01", "-o", pdf}, "no stock was received on 2001-01-01"},
		{[]string{"doc", "bin-labels", "--db", shop, "--warehouse", "XX", "-o", bin}, "no warehouse XX"},
		{[]string{"doc", "bin-labels", "--db", shop, "-o", shop}, "tea.db"},
	} {
		if code, out := say(c.args...); code == 0 || !strings.Contains(out, c.message) {
			t.Errorf("%v: exit %d, said %q; want it to mention %q", c.args, code, out, c.message)
		}
	}
}

// pdfText is the PDF's text, pages split by form feeds; "" where
// pdftotext is missing.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return ""
	}
	text, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(text)
}
