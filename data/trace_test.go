package data_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"orderdesk/app"
	"orderdesk/app/sample"
	"orderdesk/data"
)

// traceShop is the sample shop (orders in every state, payments, refunds,
// invoices, shipments, cases, complaints, an import) plus a stock
// adjustment, all written through the services, backed up to template so
// each case can damage a copy of its own.
func traceShop(t *testing.T) (template string) {
	t.Helper()
	ctx := app.WithActor(context.Background(), app.Actor{Name: "tester", Role: app.RoleOwner})
	dir := t.TempDir()
	s, err := data.Open(ctx, filepath.Join(dir, "sample.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := sample.Generate(ctx, s, sample.Options{Orders: 120, Seed: 3, Now: time.Date(2026, 5, 14, 9, 30, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	var product, bin int64
	if err := rawDB(t, s.Path()).QueryRow(`SELECT product_id, bin_id FROM stock_levels WHERE on_hand > reserved AND bin_id > 0 LIMIT 1`).
		Scan(&product, &bin); err != nil {
		t.Fatal(err)
	}
	if err := app.NewService(s).AdjustStock(ctx, app.StockAdjustment{ProductID: product, BinID: bin, Delta: -1, Reason: "broken on the shelf"}); err != nil {
		t.Fatal(err)
	}
	template = filepath.Join(dir, "template.db")
	if _, err := s.BackupTo(ctx, template); err != nil {
		t.Fatal(err)
	}
	return template
}

// copyShop restores the template into a fresh file of the test's own.
func copyShop(t *testing.T, template string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "shop.db")
	if _, err := data.BackupDatabase(context.Background(), template, path); err != nil {
		t.Fatal(err)
	}
	return path
}

// tamper edits the file as another SQLite tool would: the guard triggers
// dropped, then the statements, with the program closed.
func tamper(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, trig := range []string{"events_no_update", "events_no_delete", "payments_no_update", "payments_no_delete",
		"stock_moves_no_update", "stock_moves_no_delete", "invoices_no_update", "invoices_no_delete"} {
		stmts = append([]string{"DROP TRIGGER IF EXISTS " + trig}, stmts...)
	}
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// one reads a single value from the file.
func one[T any](t *testing.T, path, query string, args ...any) T {
	t.Helper()
	var v T
	if err := rawDB(t, path).QueryRow(query, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return v
}

// checkFile opens the file with the program and runs its check.
func checkFile(t *testing.T, path string) []data.Problem {
	t.Helper()
	s := openStore(t, path)
	problems, err := s.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return problems
}

// wantProblems fails unless every wanted problem is among those found,
// and, when only is set, nothing else of the wanted problems' checks was
// (other checks may see the same damage their own way).
func wantProblems(t *testing.T, got []data.Problem, only bool, want ...data.Problem) {
	t.Helper()
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing problem %q", w)
		}
	}
	if only {
		for _, g := range got {
			if !slices.Contains(want, g) && slices.ContainsFunc(want, func(w data.Problem) bool { return w.Check == g.Check }) {
				t.Errorf("unexpected problem %q", g)
			}
		}
	}
	if t.Failed() {
		t.Logf("found: %q", got)
	}
}

func TestTraceChecks(t *testing.T) {
	template := traceShop(t)
	if got := checkFile(t, copyShop(t, template)); len(got) != 0 {
		t.Fatalf("the sample shop, written by the services, does not check clean: %q", got)
	}

	t.Run("edited event", func(t *testing.T) {
		path := copyShop(t, template)
		id := one[int64](t, path, `SELECT id FROM events WHERE action = 'order.payment' ORDER BY id LIMIT 1 OFFSET 3`)
		order := one[int64](t, path, `SELECT subject_id FROM events WHERE id = ?`, id)
		tamper(t, path, fmt.Sprintf(`UPDATE events SET summary = 'Payment of ¥1.00 by cash received' WHERE id = %d`, id))
		wantProblems(t, checkFile(t, path), true, data.Problem{Check: "history chain",
			Detail: fmt.Sprintf("event %d (order id %d, order.payment) was changed after it was written: its link in the history chain does not match", id, order)})
	})

	t.Run("edited event and its link", func(t *testing.T) {
		// Whoever rewrites a link breaks the next event's instead.
		path := copyShop(t, template)
		id := one[int64](t, path, `SELECT id FROM events WHERE action = 'customer.created' ORDER BY id DESC LIMIT 1`)
		next := one[string](t, path, `SELECT subject_kind || ' id ' || subject_id || ', ' || action FROM events WHERE id = ?`, id+1)
		tamper(t, path, fmt.Sprintf(`UPDATE events SET chain = '%064d' WHERE id = %d`, 0, id))
		wantProblems(t, checkFile(t, path), true,
			data.Problem{Check: "history chain", Detail: fmt.Sprintf("event %d (customer id %d, customer.created) was changed after it was written: its link in the history chain does not match",
				id, one[int64](t, path, `SELECT subject_id FROM events WHERE id = ?`, id))},
			data.Problem{Check: "history chain", Detail: fmt.Sprintf("event %d (%s) was changed after it was written: its link in the history chain does not match", id+1, next)})
	})

	t.Run("event without a link", func(t *testing.T) {
		path := copyShop(t, template)
		last := one[int64](t, path, `SELECT max(id) FROM events`)
		tamper(t, path, `INSERT INTO events (at, actor, subject_kind, subject_id, action, summary) VALUES ('2026-05-14T10:00:00.000Z', 'x', 'shop', 1, 'shop.saved', 'added by hand')`)
		wantProblems(t, checkFile(t, path), true, data.Problem{Check: "history chain",
			Detail: fmt.Sprintf("event %d (shop id 1, shop.saved) has no link in the history chain: it was not written by OrderDesk", last+1)})
	})

	t.Run("deleted events", func(t *testing.T) {
		path := copyShop(t, template)
		// Customers may come without a creation event (by import), so
		// only the chain sees this one go.
		a := one[int64](t, path, `SELECT id FROM events WHERE action = 'customer.created' ORDER BY id LIMIT 1 OFFSET 5`)
		b := one[int64](t, path, `SELECT min(id) FROM events WHERE id > ? AND action = 'order.confirm'`, a+10)
		tamper(t, path, fmt.Sprintf(`DELETE FROM events WHERE id IN (%d, %d, %d)`, a, b, b+1))
		wantProblems(t, checkFile(t, path), true,
			data.Problem{Check: "history chain", Detail: fmt.Sprintf("event %d is missing: deleted from the history", a)},
			data.Problem{Check: "history chain", Detail: fmt.Sprintf("events %d–%d (2 rows) are missing: deleted from the history", b, b+1)})
	})

	t.Run("deleted first event", func(t *testing.T) {
		path := copyShop(t, template)
		tamper(t, path, `DELETE FROM events WHERE id = 1`)
		wantProblems(t, checkFile(t, path), true, data.Problem{Check: "history chain", Detail: "event 1 is missing: deleted from the history"})
	})

	t.Run("deleted payment", func(t *testing.T) {
		path := copyShop(t, template)
		id := one[int64](t, path, `SELECT id FROM payments ORDER BY id LIMIT 1 OFFSET 4`)
		tamper(t, path, fmt.Sprintf(`DELETE FROM payments WHERE id = %d`, id))
		wantProblems(t, checkFile(t, path), false, data.Problem{Check: "gaps", Detail: fmt.Sprintf("payment %d is missing: deleted", id)})
	})

	t.Run("deleted stock moves", func(t *testing.T) {
		path := copyShop(t, template)
		id := one[int64](t, path, `SELECT id FROM stock_moves ORDER BY id LIMIT 1 OFFSET 20`)
		tamper(t, path, fmt.Sprintf(`DELETE FROM stock_moves WHERE id BETWEEN %d AND %d`, id, id+2))
		wantProblems(t, checkFile(t, path), false, data.Problem{Check: "gaps", Detail: fmt.Sprintf("stock moves %d–%d (3 rows) are missing: deleted", id, id+2)})
	})

	t.Run("deleted invoice", func(t *testing.T) {
		path := copyShop(t, template)
		if n := one[int64](t, path, `SELECT count(*) FROM invoices`); n < 3 {
			t.Fatalf("the sample has %d invoices, want at least 3", n)
		}
		id := one[int64](t, path, `SELECT id FROM invoices ORDER BY id LIMIT 1 OFFSET 1`)
		tamper(t, path, fmt.Sprintf(`DELETE FROM invoices WHERE id = %d`, id))
		wantProblems(t, checkFile(t, path), true, data.Problem{Check: "gaps", Detail: fmt.Sprintf("invoice %d is missing: deleted", id)})
	})

	t.Run("order without history", func(t *testing.T) {
		path := copyShop(t, template)
		// Not the newest order: events of later ones follow its own, so
		// the chain sees them go too.
		id := one[int64](t, path, `SELECT subject_id FROM events WHERE action = 'order.created' ORDER BY id DESC LIMIT 1 OFFSET 5`)
		number := one[string](t, path, `SELECT number FROM orders WHERE id = ?`, id)
		tamper(t, path, fmt.Sprintf(`DELETE FROM events WHERE subject_kind = 'order' AND subject_id = %d`, id))
		got := checkFile(t, path)
		wantProblems(t, got, false, data.Problem{Check: "history", Detail: "order " + number + " has no creation event"})
		if !slices.ContainsFunc(got, func(p data.Problem) bool {
			return p.Check == "history chain" && strings.HasSuffix(p.Detail, "missing: deleted from the history")
		}) {
			t.Errorf("the chain does not see the order's events go: %q", got)
		}
	})

	t.Run("case, complaint and payment without history", func(t *testing.T) {
		path := copyShop(t, template)
		caseID := one[int64](t, path, `SELECT id FROM cases ORDER BY id LIMIT 1`)
		complaintID := one[int64](t, path, `SELECT id FROM complaints ORDER BY id LIMIT 1`)
		// A refund of an order made in the shop, not imported, so each
		// of its payments has an event of its own.
		payEvent := one[int64](t, path, `SELECT e.id FROM events e WHERE e.action = 'order.refund' AND NOT EXISTS (
			SELECT 1 FROM events c WHERE c.subject_kind = 'order' AND c.subject_id = e.subject_id AND c.action = 'order.created'
			AND c.summary LIKE '% imported from %') ORDER BY e.id LIMIT 1`)
		var number string
		var n int64
		if err := rawDB(t, path).QueryRow(`SELECT o.number, count(p.id) FROM events e JOIN orders o ON o.id = e.subject_id
			JOIN payments p ON p.order_id = o.id WHERE e.id = ? GROUP BY o.id`, payEvent).Scan(&number, &n); err != nil {
			t.Fatal(err)
		}
		tamper(t, path, fmt.Sprintf(`DELETE FROM events WHERE subject_kind = 'case' AND subject_id = %d`, caseID),
			fmt.Sprintf(`DELETE FROM events WHERE subject_kind = 'complaint' AND subject_id = %d`, complaintID),
			fmt.Sprintf(`DELETE FROM events WHERE id = %d`, payEvent))
		wantProblems(t, checkFile(t, path), true,
			data.Problem{Check: "history", Detail: "case " + one[string](t, path, `SELECT number FROM cases WHERE id = ?`, caseID) + " has no event of its opening"},
			data.Problem{Check: "history", Detail: "complaint " + one[string](t, path, `SELECT number FROM complaints WHERE id = ?`, complaintID) + " has no event of its registration"},
			data.Problem{Check: "history", Detail: fmt.Sprintf("order %s has %d payments but its history tells of %d", number, n, n-1)})
	})

	t.Run("shipment without history", func(t *testing.T) {
		path := copyShop(t, template)
		sh := one[string](t, path, `SELECT number FROM shipments ORDER BY id LIMIT 1`)
		order := one[string](t, path, `SELECT o.number FROM shipments s JOIN orders o ON o.id = s.order_id WHERE s.number = ?`, sh)
		tamper(t, path, fmt.Sprintf(`DELETE FROM events WHERE instr(summary, '%s') > 0`, sh))
		wantProblems(t, checkFile(t, path), false, data.Problem{Check: "history", Detail: "shipment " + sh + " is not in the history of order " + order})
	})

	t.Run("missing reasons", func(t *testing.T) {
		path := copyShop(t, template)
		cancelled := one[string](t, path, `SELECT number FROM orders WHERE status = 'cancelled' ORDER BY id LIMIT 1`)
		rejected := one[string](t, path, `SELECT number FROM cases WHERE status = 'rejected' ORDER BY id LIMIT 1`)
		refund := one[int64](t, path, `SELECT id FROM payments WHERE amount < 0 ORDER BY id LIMIT 1`)
		refunded := one[string](t, path, `SELECT o.number FROM payments p JOIN orders o ON o.id = p.order_id WHERE p.id = ?`, refund)
		adjust := one[string](t, path, `SELECT m.id || ' (' || m.on_hand_delta || ' × ' || p.sku || ')' FROM stock_moves m
			JOIN products p ON p.id = m.product_id WHERE m.kind = 'adjust' ORDER BY m.id LIMIT 1`)
		line := one[string](t, path, `SELECT o.number || ' line ' || l.line_no FROM order_lines l JOIN orders o ON o.id = l.order_id
			WHERE o.status = 'completed' ORDER BY l.id LIMIT 1`)
		tamper(t, path, `UPDATE orders SET cancel_reason = ' ' WHERE number = '`+cancelled+`'`,
			`UPDATE cases SET decision_note = '' WHERE number = '`+rejected+`'`,
			fmt.Sprintf(`UPDATE payments SET note = '' WHERE id = %d`, refund),
			`UPDATE stock_moves SET note = '' WHERE kind = 'adjust'`,
			`UPDATE order_lines SET cancelled = 1 WHERE id = (SELECT l.id FROM order_lines l JOIN orders o ON o.id = l.order_id
				WHERE o.status = 'completed' ORDER BY l.id LIMIT 1)`)
		wantProblems(t, checkFile(t, path), false,
			data.Problem{Check: "reasons", Detail: "order " + cancelled + " is cancelled without a reason"},
			data.Problem{Check: "reasons", Detail: "case " + rejected + " is rejected without a reason"},
			data.Problem{Check: "reasons", Detail: fmt.Sprintf("refund %d on order %s has no reason", refund, refunded)},
			data.Problem{Check: "reasons", Detail: "stock adjustment " + adjust + " has no reason"},
			data.Problem{Check: "reasons", Detail: "order " + line + " is cancelled but no decision to cancel it is recorded"})
	})

	t.Run("cancelled without its event", func(t *testing.T) {
		path := copyShop(t, template)
		id := one[int64](t, path, `SELECT subject_id FROM events WHERE action = 'order.cancel' ORDER BY id LIMIT 1`)
		tamper(t, path, fmt.Sprintf(`DELETE FROM events WHERE subject_kind = 'order' AND subject_id = %d AND action = 'order.cancel'`, id))
		wantProblems(t, checkFile(t, path), false, data.Problem{Check: "history",
			Detail: "order " + one[string](t, path, `SELECT number FROM orders WHERE id = ?`, id) + " is cancelled but its history does not say who cancelled it"})
	})
}

// TestTraceManyProblems: a badly damaged history is listed in part, with
// how much more there is.
func TestTraceManyProblems(t *testing.T) {
	path := copyShop(t, traceShop(t))
	tamper(t, path, `UPDATE events SET actor = 'someone else' WHERE id % 2 = 0 AND id > 1`)
	var chain []data.Problem
	for _, p := range checkFile(t, path) {
		if p.Check == "history chain" {
			chain = append(chain, p)
		}
	}
	n := one[int64](t, path, `SELECT count(*) FROM events WHERE id % 2 = 0 AND id > 1`)
	if len(chain) != 21 || chain[20].Detail != fmt.Sprintf("and %d more not listed (%d in all)", n-20, n) {
		t.Fatalf("%d events changed; the check says %q", n, chain)
	}
}

// TestHistoryRefusesChanges: the triggers refuse, to the program and to
// any other tool that leaves them in place, to change or delete history,
// payments, stock moves and invoices.
func TestHistoryRefusesChanges(t *testing.T) {
	f := busyShop(t)
	path := f.store.Path()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	before := countRows(t, rawDB(t, path))
	for _, c := range []struct{ stmt, want string }{
		{`UPDATE events SET summary = 'nothing happened' WHERE id = 2`, "history is never changed"},
		{`DELETE FROM events WHERE id = 2`, "history is never deleted"},
		{`UPDATE events SET chain = '' WHERE id = 2`, "history is never changed"},
		{`UPDATE payments SET amount = 1 WHERE id = 1`, "payments are never changed"},
		{`DELETE FROM payments WHERE id = 1`, "payments are never deleted"},
		{`UPDATE stock_moves SET on_hand_delta = 0 WHERE id = 1`, "the stock ledger is append-only"},
		{`DELETE FROM stock_moves WHERE id = 1`, "the stock ledger is append-only"},
	} {
		if _, err := db.Exec(c.stmt); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.stmt, err, c.want)
		}
	}
	if after := countRows(t, rawDB(t, path)); after != before {
		t.Fatalf("refused changes changed the file: %+v, then %+v", before, after)
	}
	f.check()
}

// TestHistoryChainAcrossUpgrade: events written before the chain existed
// have no link, and the chain starts with the first event after them.
func TestHistoryChainAcrossUpgrade(t *testing.T) {
	f := busyShop(t)
	path := f.store.Path()
	f.must(f.store.Close())
	// As the program before the chain left them: no link anywhere.
	tamper(t, path, `UPDATE events SET chain = ''`)
	f.store = openStore(t, path)
	f.svc = app.NewService(f.store).WithClock(func() time.Time { return f.clock })
	f.check()
	last := one[int64](t, path, `SELECT max(id) FROM events`)
	o, err := f.svc.CreateOrder(f.ctx, f.input(), true)
	f.must(err)
	_, err = f.svc.Cancel(f.ctx, o.ID, "ordered twice")
	f.must(err)
	f.check()
	linked := one[int64](t, path, `SELECT count(*) FROM events WHERE chain <> ''`)
	if added := one[int64](t, path, `SELECT count(*) FROM events WHERE id > ?`, last); linked != added || added < 2 {
		t.Fatalf("%d events linked after the upgrade, want the %d new ones", linked, added)
	}
	// The first link after the old events is checked like any other.
	f.must(f.store.Close())
	tamper(t, path, fmt.Sprintf(`UPDATE events SET summary = 'changed' WHERE id = %d`, last+1))
	wantProblems(t, checkFile(t, path), true, data.Problem{Check: "history chain",
		Detail: fmt.Sprintf("event %d (order id %d, order.created) was changed after it was written: its link in the history chain does not match", last+1, o.ID)})
}
