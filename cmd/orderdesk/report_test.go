package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestReportMonthly writes this month's workbook of a demo shop, and
// refuses what it cannot do with a sentence that says what to fix.
func TestReportMonthly(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "tea.db")
	var out, errs bytes.Buffer
	if code := run([]string{"demo", "--db", db, "--orders", "40"}, &out, &errs); code != 0 {
		t.Fatalf("demo: %s", errs.String())
	}
	xlsx := filepath.Join(dir, "month.xlsx")
	month := time.Now().Format("2006-01")
	out.Reset()
	if code := run([]string{"report", "monthly", "--db", db, "--month", month, "-o", xlsx, "--lang", "zh"}, &out, &errs); code != 0 {
		t.Fatalf("report: exit %d: %s", code, errs.String())
	}
	if info, err := os.Stat(xlsx); err != nil || info.Size() < 5000 || !strings.Contains(out.String(), xlsx) {
		t.Fatalf("workbook %v, said %q", err, out.String())
	}
	for _, c := range []struct {
		args    []string
		message string
	}{
		{[]string{"report", "monthly", "--db", db, "--month", "Nov", "-o", xlsx}, `--month "Nov" is not like 2026-11`},
		{[]string{"report", "monthly", "--db", db, "-o", xlsx}, "either --month YYYY-MM or --from/--to"},
		{[]string{"report", "monthly", "--db", db, "--from", "2026-11-30", "--to", "2026-11-01", "-o", xlsx}, "the first not after the last"},
		{[]string{"report", "weekly"}, "which report?"},
	} {
		out.Reset()
		errs.Reset()
		if code := run(c.args, &out, &errs); code != 2 || !strings.Contains(errs.String(), c.message) {
			t.Errorf("%v: exit %d, said %q; want %q", c.args, code, errs.String(), c.message)
		}
	}
}
