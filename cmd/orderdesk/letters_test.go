package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"orderdesk/app"
)

// TestConfirmationCommandFollowsTheOrder: doc confirmation refuses a
// draft with the reason and writes nothing into its history even with
// --mark-sent; a cancelled order gets its cancellation notice, recorded as
// that; --lang zh-Hant prints Traditional Chinese.
func TestConfirmationCommandFollowsTheOrder(t *testing.T) {
	dir, shop, say := demoCommands(t, 80)
	ctx := app.WithActor(context.Background(), app.Actor{Name: "test"})
	store, svc, ctx, err := openShop(ctx, shop)
	if err != nil {
		t.Fatal(err)
	}
	first := func(status app.Status) app.OrderRow {
		page, err := svc.SearchOrders(ctx, app.OrderQuery{Statuses: []app.Status{status}, Limit: 1})
		if err != nil || len(page.Rows) == 0 {
			t.Fatalf("no %s order in the demo shop: %v", status, err)
		}
		return page.Rows[0]
	}
	draft, cancelled, confirmed := first(app.StatusDraft), first(app.StatusCancelled), first(app.StatusShipped)
	store.Close()

	pdf := filepath.Join(dir, "letter.pdf")
	code, out := say("doc", "confirmation", "--db", shop, "--order", draft.Number, "--mark-sent", "-o", pdf)
	if code == 0 || !strings.Contains(out, "draft") || !strings.Contains(out, draft.Number) {
		t.Fatalf("a draft's confirmation: exit %d: %s", code, out)
	}
	code, out = say("doc", "confirmation", "--db", shop, "--order", cancelled.Number, "--mark-sent", "-o", pdf)
	if code != 0 || !strings.Contains(out, "Cancellation notice of order "+cancelled.Number) {
		t.Fatalf("a cancelled order's letter: exit %d: %s", code, out)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		text, _ := exec.Command("pdftotext", "-layout", pdf, "-").Output()
		if !strings.Contains(string(text), "取消") || strings.Contains(string(text), "订单确认书") {
			t.Errorf("the cancelled order's letter:\n%s", text)
		}
	}
	if code, out = say("doc", "confirmation", "--db", shop, "--order", confirmed.Number, "--lang", "zh-Hant", "-o", pdf); code != 0 {
		t.Fatalf("--lang zh-Hant: exit %d: %s", code, out)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		if text, _ := exec.Command("pdftotext", "-layout", pdf, "-").Output(); !strings.Contains(string(text), "訂單確認書") {
			t.Errorf("--lang zh-Hant printed:\n%s", text)
		}
	}
	if code, out = say("doc", "confirmation", "--db", shop, "--order", confirmed.Number, "--lang", "fr", "-o", pdf); code != 2 {
		t.Fatalf("--lang fr: exit %d: %s", code, out)
	}

	store, svc, ctx, err = openShop(ctx, shop)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for _, o := range []app.OrderRow{draft, cancelled} {
		history, err := svc.History(ctx, app.SubjectOrder, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range history {
			if e.Action == "order.confirmation_sent" && e.At.After(o.OrderedAt) && strings.Contains(e.Summary, "PDF") {
				t.Errorf("order %s (%s) says %q", o.Number, o.Status, e.Summary)
			}
		}
	}
}
