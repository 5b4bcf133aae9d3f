package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestInitImportDoc: an empty GBP shop takes the real order lines, a demo
// shop takes a Shopify export (refused, then with its new product), and
// an imported order's confirmation letter is written.
func TestInitImportDoc(t *testing.T) {
	dir := t.TempDir()
	runOK := func(args ...string) string {
		t.Helper()
		var out, errs bytes.Buffer
		if code := run(args, &out, &errs); code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", args, code, out.String(), errs.String())
		}
		return out.String()
	}
	gift := filepath.Join(dir, "gift.db")
	if out := runOK("init", "--db", gift, "--currency", "gbp", "--name", "Gift shop"); !strings.Contains(out, "GBP") {
		t.Fatalf("init said %s", out)
	}
	csv := "../../../shared/data/online-retail-ii/online_retail_II_combined.csv"
	if _, err := os.Stat(csv); err == nil {
		out := runOK("import", "orders", "--db", gift, "--preset", "generic", "--dry-run", "--create-products", csv)
		if !strings.Contains(out, "would import 1742 orders with 34325 lines") || !strings.Contains(out, "order_id       ← Invoice") {
			t.Fatalf("dry run said:\n%s", out)
		}
	}

	shop := filepath.Join(dir, "tea.db")
	runOK("demo", "--db", shop, "--orders", "20")
	shopify := "../../importer/testdata/shopify_orders.csv"
	var out, errs bytes.Buffer
	rejects := filepath.Join(dir, "rejects.csv")
	code := run([]string{"import", "orders", "--db", shop, "--preset", "shopify", "--rejects", rejects, shopify}, &out, &errs)
	if code != 1 || !strings.Contains(out.String(), "Imported 5 orders") || !strings.Contains(out.String(), "product NEW-MUG-01 is not in the shop") ||
		!strings.Contains(out.String(), "--create-products") || !strings.Contains(out.String(), "are in "+rejects) {
		t.Fatalf("unknown product: exit %d\n%s%s", code, out.String(), errs.String())
	}
	imported := runOK("import", "orders", "--db", shop, "--preset", "shopify", "--create-products", rejects)
	if !strings.Contains(imported, "Imported 1 orders") {
		t.Fatalf("the rejects file imported:\n%s", imported)
	}
	again := runOK("import", "orders", "--db", shop, "--create-products", shopify)
	if !strings.Contains(again, "Read as a Shopify export") || !strings.Contains(again, "Imported 0 orders") || !strings.Contains(again, "6 skipped") {
		t.Fatalf("re-import said:\n%s", again)
	}
	number := regexp.MustCompile(`\d{6}-\d{3}`).FindString(imported)
	pdf := filepath.Join(dir, "letter.pdf")
	runOK("doc", "confirmation", "--db", shop, "--order", number, "-o", pdf, "--mark-sent")
	if _, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command("pdftotext", pdf, "-").Output()
		if err != nil || !strings.Contains(string(text), number) {
			t.Fatalf("the letter does not show %s: %v\n%s", number, err, text)
		}
	}
	runOK("check", "--db", shop)

	for _, c := range []struct {
		args    []string
		message string
	}{
		{[]string{"import", "orders", "--db", shop, "--preset", "nosuch", shopify}, `no preset or saved mapping is called "nosuch"`},
		{[]string{"import", "orders", "--db", shop, "--preset", "woocommerce", shopify}, "is it a woocommerce export?"},
		{[]string{"import", "orders", "--db", shop, "--preset", "shopify", pdf}, pdf},
		{[]string{"doc", "confirmation", "--db", shop, "--order", "209901-999", "-o", pdf}, "order 209901-999"},
		{[]string{"init", "--db", shop, "--currency", "GBP"}, "already exists"},
		{[]string{"init", "--db", filepath.Join(dir, "x.db"), "--currency", "XYZ"}, `unknown currency "XYZ"`},
	} {
		out.Reset()
		errs.Reset()
		if code := run(c.args, &out, &errs); code == 0 || !strings.Contains(out.String()+errs.String(), c.message) {
			t.Errorf("%v: exit %d, said %q; want it to mention %q", c.args, code, out.String()+errs.String(), c.message)
		}
	}
}
