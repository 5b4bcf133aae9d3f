package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const shopifyExport = "../../importer/testdata/shopify_orders.csv"

// TestImportThatFailsClaimsNothing: an import refused for another reason
// than its rows (here the signed-in person's role may not import) says
// nothing was imported and why, and never "Imported N orders" first.
func TestImportThatFailsClaimsNothing(t *testing.T) {
	db := sampleShop(t, 20)
	turnOnAccounts(t, db)
	t.Setenv("ORDERDESK_USER", "wang")
	t.Setenv("ORDERDESK_PASSWORD", "my-own-secret")

	for _, dry := range []bool{false, true} {
		args := []string{"import", "orders", "--db", db, "--preset", "shopify", "--create-products", shopifyExport}
		if dry {
			args = append(args, "--dry-run")
		}
		code, out, errs := command(args...)
		if code != 1 || out != "" || !strings.Contains(errs, "nothing imported: wang (warehouse) may not change orders") {
			t.Fatalf("dry run %v: exit %d\nstdout: %s\nstderr: %s", dry, code, out, errs)
		}
	}
	t.Setenv("ORDERDESK_USER", "mei")
	t.Setenv("ORDERDESK_PASSWORD", "tea-house-9")
	if code, out, errs := command("import", "orders", "--db", db, "--preset", "shopify", "--create-products", shopifyExport); code != 0 ||
		!strings.Contains(out, "Imported 6 orders") {
		t.Fatalf("the owner imports: exit %d\n%s%s", code, out, errs)
	}
}

// TestImportFlagsAfterTheFile: flags may follow the file, as people type
// them; nothing after the file is taken for another file.
func TestImportFlagsAfterTheFile(t *testing.T) {
	db := sampleShop(t, 20)
	code, out, errs := command("import", "orders", "--db", db, "--preset", "shopify", shopifyExport, "--create-products", "--dry-run")
	if code != 0 || !strings.Contains(out, "Dry run, nothing saved: would import 6 orders") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = command("import", "orders", shopifyExport, "--db", db, "--create-products", "--preset", "shopify")
	if code != 0 || !strings.Contains(out, "Imported 6 orders") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
}

// TestImportErrorsNameTheFileOnce: a file that cannot be read is named
// once in the message, not "x.csv: x.csv: …".
func TestImportErrorsNameTheFileOnce(t *testing.T) {
	db := sampleShop(t, 20)
	dir := t.TempDir()
	logo := filepath.Join(dir, "logo.csv")
	if err := os.WriteFile(logo, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.csv")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{filepath.Join(dir, "csv", "missing.csv"), logo, empty} {
		code, out, errs := command("import", "orders", "--db", db, "--preset", "shopify", file)
		if code != 1 || strings.Count(out+errs, file) != 1 {
			t.Errorf("%s: exit %d, said %q; want the file named once", file, code, out+errs)
		}
	}
}

// TestImportSaysWhatItChangedAndRefused: a hidden text-direction character
// taken out of a name is listed with its order; a price of NaN is refused
// as the file has it.
func TestImportSaysWhatItChangedAndRefused(t *testing.T) {
	db := sampleShop(t, 20)
	dir := t.TempDir()
	when := time.Now().AddDate(0, 0, -2).Format("2006-01-02 15:04")
	good := filepath.Join(dir, "good.csv")
	if err := os.WriteFile(good, []byte("order id,sku,qty,price,date,customer,phone\n"+
		"W-1,TEA-LJ-250,1,12,"+when+",Wang \u202eFang,13800138011\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := command("import", "orders", "--db", db, "--preset", "generic", "--new", "--create-products", good)
	if code != 0 || !strings.Contains(out, "Imported 1 orders") || !strings.Contains(out, "Changed on import: 2 value(s).") ||
		!strings.Contains(out, "row 2 (order W-1): removed a hidden text-direction character from the customer name") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("order id,sku,qty,price,date\nN-1,TEA-LJ-250,1,NaN,"+when+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = command("import", "orders", "--db", db, "--preset", "generic", "--create-products", "--all-or-nothing", bad)
	if code != 1 || !strings.Contains(out, `Nothing imported: 1 problem(s)`) || !strings.Contains(out, `row 2 (order N-1): "NaN" is not an amount`) {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "bad-rejects.csv")); !os.IsNotExist(err) {
		t.Fatalf("all or nothing wrote a rejects file: %v", err)
	}
	code, out, errs = command("import", "orders", "--db", db, "--preset", "generic", "--create-products", bad)
	if code != 1 || !strings.Contains(out, `Rejected 1 orders`) || !strings.Contains(out, `row 2 (order N-1): "NaN" is not an amount`) ||
		!strings.Contains(out, "are in "+filepath.Join(dir, "bad-rejects.csv")) {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
}
