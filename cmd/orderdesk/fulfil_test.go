package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"orderdesk/app"
)

// TestFulfilmentDocs writes the warehouse's papers from a demo shop: the
// batch pick list moves the allocated orders to picking and lists bins in
// walking order; slips and labels cover the packed shipments; bad flags
// are refused with what to fix.
func TestFulfilmentDocs(t *testing.T) {
	dir, shop, say := demoCommands(t, 120)
	count := func(stage app.Stage) int {
		t.Helper()
		ctx := app.WithActor(context.Background(), app.Actor{Name: "test"})
		store, svc, ctx, err := openShop(ctx, shop)
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		counts, err := svc.StageCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return counts[stage]
	}
	toPick := count(app.StagePick)
	if toPick == 0 {
		t.Fatal("the demo shop has no allocated order to pick")
	}
	picks := filepath.Join(dir, "picks.pdf")
	code, out := say("doc", "picklist", "--db", shop, "--all-allocated", "-o", picks)
	if code != 0 || !regexp.MustCompile(`Pick lists for \d+ orders written to .*; \d+ moved to picking`).MatchString(out) {
		t.Fatalf("picklist: exit %d: %s", code, out)
	}
	if count(app.StagePick) != 0 {
		t.Fatalf("%d orders still to pick after printing their lists", count(app.StagePick))
	}
	if code, out := say("doc", "picklist", "--db", shop, "--all-allocated", "-o", picks); code != 1 || !strings.Contains(out, "nothing to pick") {
		t.Fatalf("a second batch: exit %d: %s", code, out)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command("pdftotext", "-layout", picks, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		// Within each order's sheet the bins come in walking order.
		for _, sheet := range strings.Split(string(text), "\f") {
			bins := regexp.MustCompile(`\b(HZ|SZ) ([A-C])-(\d)-(\d)\b`).FindAllString(sheet, -1)
			for i := 1; i < len(bins); i++ {
				if bins[i] < bins[i-1] {
					t.Fatalf("bins out of walking order on a sheet: %v", bins)
				}
			}
		}
	}
	// Check and box one of the orders just sent to picking.
	number := packOne(t, shop)
	for _, kind := range []string{"packing-slip", "label"} {
		pdf := filepath.Join(dir, kind+".pdf")
		code, out := say("doc", kind, "--db", shop, "--all-packed", "-o", pdf)
		if code != 0 || !strings.Contains(out, "shipments written to") {
			t.Fatalf("%s: exit %d: %s", kind, code, out)
		}
		code, out = say("doc", kind, "--db", shop, "--order", number, "-o", pdf)
		if code != 0 || !strings.Contains(out, "for 1 shipments") {
			t.Fatalf("%s --order: exit %d: %s", kind, code, out)
		}
		if _, err := exec.LookPath("pdftotext"); err == nil {
			text, err := exec.Command("pdftotext", pdf, "-").Output()
			if err != nil || !strings.Contains(string(text), number+"-") {
				t.Fatalf("the %s does not name shipment %s-…: %v\n%s", kind, number, err, text)
			}
			if kind == "label" && strings.Contains(string(text), "未指定承运商") {
				t.Fatalf("the label of a packed parcel names no carrier though the shop's rules suggest one:\n%s", text)
			}
		}
	}
	if code, out := say("doc", "shipping-list", "--db", shop, "--day", "2026-11-20", "-o", filepath.Join(dir, "list.pdf")); code != 0 {
		t.Fatalf("shipping list: %s", out)
	}
	for _, c := range []struct {
		args    []string
		message string
	}{
		{[]string{"doc", "picklist", "--db", shop, "-o", picks}, "--order NUMBER or --all-allocated"},
		{[]string{"doc", "label", "--db", shop, "--order", "1", "--all-packed", "-o", picks}, "--order NUMBER or --all-packed"},
		{[]string{"doc", "packing-slip", "--db", shop, "--order", "209901-001", "-o", picks}, "order 209901-001"},
		{[]string{"doc", "shipping-list", "--db", shop, "--day", "yesterday", "-o", picks}, "--day is a date"},
		{[]string{"doc", "waybill", "--db", shop}, "which document?"},
	} {
		if code, out := say(c.args...); code == 0 || !strings.Contains(out, c.message) {
			t.Errorf("%v: exit %d, said %q; want it to mention %q", c.args, code, out, c.message)
		}
	}
	if code, out := say("check", "--db", shop); code != 0 {
		t.Fatalf("check after printing: %s", out)
	}
}

// packOne checks the pick of an order being picked and boxes it, and
// returns its number.
func packOne(t *testing.T, path string) string {
	t.Helper()
	ctx := app.WithActor(context.Background(), app.Actor{Name: "test"})
	store, svc, ctx, err := openShop(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ids, err := svc.OrdersAtStage(ctx, app.StageVerify)
	if err != nil || len(ids) == 0 {
		t.Fatalf("no order to check: %v", err)
	}
	lists, err := svc.PickLists(ctx, ids[:1])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.VerifyPick(ctx, ids[0], "王芳", app.NewPickCheck(lists[0]).Expected, false); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.PackOrders(ctx, app.PackInput{OrderIDs: ids[:1]}); err != nil {
		t.Fatal(err)
	}
	return lists[0].Order.Number
}
