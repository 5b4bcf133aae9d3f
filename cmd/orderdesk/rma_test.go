package main

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"orderdesk/app"
)

// TestRMALetterCommand writes the return authorisation of a demo case and
// refuses an unknown case with its number.
func TestRMALetterCommand(t *testing.T) {
	dir := t.TempDir()
	shop := filepath.Join(dir, "tea.db")
	say := func(args ...string) (int, string) {
		var out, errs bytes.Buffer
		code := run(args, &out, &errs)
		return code, out.String() + errs.String()
	}
	if code, out := say("demo", "--db", shop, "--orders", "120"); code != 0 {
		t.Fatalf("demo: %s", out)
	}
	ctx := app.WithActor(context.Background(), app.Actor{Name: "test"})
	store, svc, ctx, err := openShop(ctx, shop)
	if err != nil {
		t.Fatal(err)
	}
	cases, _, err := svc.Cases(ctx, app.CaseFilter{Statuses: []app.CaseStatus{app.CaseApproved}, Kinds: []app.CaseKind{app.CaseReturnRefund}})
	store.Close()
	if err != nil || len(cases) == 0 {
		t.Fatalf("no approved return in the demo shop: %v", err)
	}
	pdf := filepath.Join(dir, "rma.pdf")
	code, out := say("doc", "rma", "--db", shop, "--case", strings.ToLower(cases[0].Number), "-o", pdf)
	if code != 0 || !strings.Contains(out, cases[0].Number) {
		t.Fatalf("doc rma: exit %d: %s", code, out)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command("pdftotext", pdf, "-").Output()
		if err != nil || !strings.Contains(string(text), cases[0].Number) || !strings.Contains(string(text), cases[0].Order) {
			t.Fatalf("the letter does not name the case and its order: %v\n%s", err, text)
		}
	}
	if code, out := say("doc", "rma", "--db", shop, "--case", "209901-R999", "-o", pdf); code == 0 || !strings.Contains(out, "case 209901-R999") {
		t.Fatalf("an unknown case: exit %d: %s", code, out)
	}
	if code, out := say("doc", "rma", "--db", shop, "-o", pdf); code != 2 || !strings.Contains(out, "--case NUMBER") {
		t.Fatalf("no case: exit %d: %s", code, out)
	}
}
