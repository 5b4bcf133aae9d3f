package importer

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadCSV: whatever bytes a user picks, ReadCSV returns a table of
// header-wide rows in increasing row order, or one of the typed errors.
//
//	go test ./importer -run '^$' -fuzz FuzzReadCSV -fuzztime 1m
func FuzzReadCSV(f *testing.F) {
	for _, name := range []string{"shopify_orders.csv", "shopify_orders_bad_row.csv",
		"woocommerce_orders.csv", "taobao_orders_gbk.csv", "taobao_items_gbk.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{"", "\uFEFF", "\xFF\xFE", "\xFE\xFF\x00a", "sep=;\n", "a\n\"", "a,b\n\"x\ny",
		"a;b\tc\n1", "=\"\n", "'", "a\n\r\n\r", "\x00\x00", "PK\x03\x04"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := ReadCSV("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		if len(tab.Header) == 0 || len(tab.Rows) == 0 {
			t.Fatalf("no error but header %q, %d rows", tab.Header, len(tab.Rows))
		}
		last := 0
		for _, r := range tab.Rows {
			if len(r.Cells) != len(tab.Header) {
				t.Fatalf("row %d has %d cells, header %d", r.Line, len(r.Cells), len(tab.Header))
			}
			if r.Line <= last {
				t.Fatalf("row %d after row %d", r.Line, last)
			}
			last = r.Line
		}
	})
}

// FuzzReadXLSX: a damaged workbook gives a typed error, never a crash.
// testdata/fuzz holds a damaged workbook on which excelize v2.11.1 alone
// panics; checkZip now refuses it before excelize sees it.
func FuzzReadXLSX(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("testdata", "generic_orders.xlsx"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		tables, err := ReadXLSX(bytes.NewReader(data))
		if err != nil {
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		for _, tab := range tables {
			for _, r := range tab.Rows {
				if len(r.Cells) != len(tab.Header) {
					t.Fatalf("%s row %d has %d cells, header %d", tab.Name, r.Line, len(r.Cells), len(tab.Header))
				}
			}
		}
	})
}
