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

// TestRMALetterCommand writes the return authorisation of a demo case and
// refuses an unknown case with its number.
func TestRMALetterCommand(t *testing.T) {
	dir, shop, say := demoCommands(t, 120)
	ctx := app.WithActor(context.Background(), app.Actor{Name: "test"})
	store, svc, ctx, err := openShop(ctx, shop)
	if err != nil {
		t.Fatal(err)
	}
	cases, _, err := svc.Cases(ctx, app.CaseFilter{Statuses: []app.CaseStatus{app.CaseApproved}, Kinds: []app.CaseKind{app.CaseReturnRefund}})
	// The shop prints on US Letter: documents follow unless told otherwise.
	settings, _ := svc.Shop(ctx)
	settings.Paper = app.PaperLetter
	if err := svc.SaveShop(ctx, settings); err != nil {
		t.Fatal(err)
	}
	store.Close()
	if err != nil || len(cases) == 0 {
		t.Fatalf("no approved return in the demo shop: %v", err)
	}
	pdf := filepath.Join(dir, "rma.pdf")
	code, out := say("doc", "rma", "--db", shop, "--case", strings.ToLower(cases[0].Number), "-o", pdf)
	if code != 0 || !strings.Contains(out, cases[0].Number) {
		t.Fatalf("doc rma: exit %d: %s", code, out)
	}
	pageSize := func() string {
		raw, _ := os.ReadFile(pdf)
		return string(regexp.MustCompile(`/MediaBox \[0 0 [0-9.]+ [0-9.]+\]`).Find(raw))
	}
	if got := pageSize(); got != "/MediaBox [0 0 612.00 792.00]" {
		t.Fatalf("the shop's Letter paper: %q", got)
	}
	if code, out := say("doc", "rma", "--db", shop, "--case", cases[0].Number, "--paper", "A4", "-o", pdf); code != 0 {
		t.Fatalf("doc rma --paper A4: %s", out)
	}
	if got := pageSize(); got != "/MediaBox [0 0 595.28 841.89]" {
		t.Fatalf("--paper A4 over the shop's Letter: %q", got)
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
