package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"orderdesk/app"
	"orderdesk/data"
)

// command runs orderdesk with args and returns its exit code and what it
// printed on stdout and stderr.
func command(args ...string) (int, string, string) {
	var out, errs bytes.Buffer
	code := run(args, &out, &errs)
	return code, out.String(), errs.String()
}

// sampleShop is a new sample shop of n orders in a folder of its own.
func sampleShop(t *testing.T, n int) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "tea.db")
	if code, out, errs := command("demo", "--db", db, "--orders", fmt.Sprint(n)); code != 0 {
		t.Fatal(out, errs)
	}
	return db
}

// fingerprint is the shop's files' contents and its orders per stage:
// what must not change when a command is refused.
func fingerprint(t *testing.T, db string) string {
	t.Helper()
	h := sha256.New()
	for _, side := range []string{"", "-wal"} {
		b, _ := os.ReadFile(db + side)
		h.Write(b)
	}
	ctx := app.WithActor(context.Background(), app.Actor{Name: "test"})
	store, err := data.OpenForReading(ctx, db)
	if err != nil {
		t.Fatalf("the shop no longer opens: %v", err)
	}
	defer store.Close()
	counts, err := app.NewService(store).StageCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x %v", h.Sum(nil), counts)
}

// TestOutputThatIsTheShopIsRefused: every way of naming the shop's own
// files as the output of a report or document is refused before anything
// is written or any order moves, and the shop is as it was.
func TestOutputThatIsTheShopIsRefused(t *testing.T) {
	db := sampleShop(t, 60)
	dir := filepath.Dir(db)
	t.Chdir(dir)
	if code, out, errs := command("backup", "--db", db); code != 0 { // makes the backups folder
		t.Fatal(out, errs)
	}
	if err := os.Mkdir("exports", 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(db, filepath.Join("exports", "latest.pdf")); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(db, filepath.Join("exports", "hard.xlsx")); err != nil {
		t.Fatal(err)
	}
	before := fingerprint(t, db)
	month := time.Now().Format("2006-01")
	outputs := []string{db, "tea.db", "exports/../tea.db", "./tea.db-wal", "tea.db-shm", "tea.db.lock", "tea.db-journal",
		"exports/latest.pdf", "exports/hard.xlsx", filepath.Join("backups", "month.xlsx")}
	for _, out := range outputs {
		for _, args := range [][]string{
			{"report", "monthly", "--db", db, "--month", month, "-o", out},
			{"doc", "picklist", "--db", "tea.db", "--all-allocated", "-o", out},
			{"doc", "shipping-list", "--db", db, "-o", out},
		} {
			code, stdout, stderr := command(args...)
			if code != 1 || stdout != "" || !strings.Contains(stderr, out) ||
				!(strings.Contains(stderr, "is the shop's own file") || strings.Contains(stderr, "is in the shop's backups folder")) {
				t.Fatalf("%v: exit %d, said %q %q; want it refused in words", args, code, stdout, stderr)
			}
		}
	}
	if after := fingerprint(t, db); after != before {
		t.Fatalf("a refused command changed the shop:\n%s\n%s", before, after)
	}
	if code, out, errs := command("check", "--db", db); code != 0 {
		t.Fatal(out, errs)
	}
	// A copy of the shop is refused over its own files too: one named like
	// its -journal would be rolled back into it.
	for _, out := range []string{"tea.db-journal", "tea.db-wal", "exports/hard.xlsx"} {
		if code, _, errs := command("backup", "--db", db, "-o", out); code != 1 || !strings.Contains(errs, "shop's own file") {
			t.Fatalf("backup -o %s: exit %d %q", out, code, errs)
		}
	}
	if _, err := os.Stat("tea.db-journal"); err == nil {
		t.Fatal("a journal appeared beside the shop")
	}
}

// TestOutputThatIsNotAFile: a device is written into, not replaced; a
// folder is refused in words.
func TestOutputThatIsNotAFile(t *testing.T) {
	db := sampleShop(t, 20)
	month := time.Now().Format("2006-01")
	if runtime.GOOS != "windows" {
		if code, out, errs := command("report", "monthly", "--db", db, "--month", month, "-o", "/dev/null"); code != 0 {
			t.Fatal(out, errs)
		}
		if info, err := os.Stat("/dev/null"); err != nil || info.Mode()&os.ModeCharDevice == 0 {
			t.Fatalf("/dev/null is no longer a device: %v", info)
		}
	}
	folder := t.TempDir()
	code, _, errs := command("doc", "shipping-list", "--db", db, "-o", folder)
	if code != 1 || !strings.Contains(errs, folder+" is a folder: give the name of a file") {
		t.Fatalf("a folder as output: exit %d %q", code, errs)
	}
}

// TestEmptyFileIsNoShop: check and restore refuse a 0-byte file, a file
// with the tables but no shop, and anything else that is not a shop, and
// change none of them.
func TestEmptyFileIsNoShop(t *testing.T) {
	db := sampleShop(t, 20)
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := command("check", "--db", empty)
	if code != 1 || !strings.Contains(errs, "not an OrderDesk shop") || strings.Contains(out, "check out") {
		t.Fatalf("check on an empty file: exit %d %q %q", code, out, errs)
	}
	if info, _ := os.Stat(empty); info.Size() != 0 {
		t.Fatalf("check wrote %d bytes into the empty file", info.Size())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("check left files beside it: %v", entries)
	}
	before := fingerprint(t, db)
	code, _, errs = command("restore", "--db", db, empty)
	if code != 1 || !strings.Contains(errs, "nothing restored") || !strings.Contains(errs, "not an OrderDesk shop") {
		t.Fatalf("restore from an empty file: exit %d %q", code, errs)
	}
	if fingerprint(t, db) != before {
		t.Fatal("a refused restore changed the shop")
	}
}

// TestCheckAndReportOnAReadOnlyShop: a shop on a read-only disk (a
// read-only mount, since the tests may run as root, whom file
// permissions do not stop) is checked, reported and printed; commands
// that change it say so in words.
func TestCheckAndReportOnAReadOnlyShop(t *testing.T) {
	dir := t.TempDir()
	if runtime.GOOS != "linux" || exec.Command("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", dir).Run() != nil {
		t.Skip("cannot mount a RAM disk here")
	}
	t.Cleanup(func() { _ = exec.Command("umount", dir).Run() })
	db := filepath.Join(dir, "tea.db")
	if code, out, errs := command("demo", "--db", db, "--orders", "30"); code != 0 {
		t.Fatal(out, errs)
	}
	store, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	owner := app.WithActor(context.Background(), app.Actor{Name: "lin"})
	if _, err := app.NewService(store).WithPasswords(data.Bcrypt{Cost: 4}).TurnOnAccounts(owner, app.UserInput{Login: "mei", Password: "tea-house-9"}); err != nil {
		t.Fatal(err)
	}
	store.Close()
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Skip("cannot make the RAM disk read-only:", string(out))
	}
	elsewhere := t.TempDir()
	// Sign-ins are checked, though nothing of them can be kept.
	t.Setenv("ORDERDESK_USER", "mei")
	t.Setenv("ORDERDESK_PASSWORD", "a-guess")
	if code, _, errs := command("check", "--db", db); code != 1 || !strings.Contains(errs, "the name or the password is wrong") {
		t.Fatalf("a wrong password on a read-only shop: exit %d %q", code, errs)
	}
	t.Setenv("ORDERDESK_PASSWORD", "tea-house-9")
	if code, out, errs := command("check", "--db", db); code != 0 || !strings.Contains(out, "30 orders") {
		t.Fatalf("check on a read-only shop: exit %d %q %q", code, out, errs)
	}
	month := time.Now().Format("2006-01")
	if code, out, errs := command("report", "monthly", "--db", db, "--month", month, "-o", filepath.Join(elsewhere, "m.xlsx")); code != 0 {
		t.Fatalf("report on a read-only shop: %q %q", out, errs)
	}
	if code, out, errs := command("doc", "shipping-list", "--db", db, "-o", filepath.Join(elsewhere, "s.pdf")); code != 0 {
		t.Fatalf("shipping list of a read-only shop: %q %q", out, errs)
	}
	if code, out, errs := command("backup", "--db", db, "-o", filepath.Join(elsewhere, "copy.db")); code != 0 {
		t.Fatalf("backup of a read-only shop: %q %q", out, errs)
	}
	code, _, errs := command("doc", "picklist", "--db", db, "--all-allocated", "-o", filepath.Join(elsewhere, "p.pdf"))
	if code != 1 || !strings.Contains(errs, "the shop's file is read-only") {
		t.Fatalf("a pick list moves orders, which a read-only shop cannot: exit %d %q", code, errs)
	}
}

// TestLeftoversAreRemoved: temporaries a killed command left beside its
// output, a restore's staged copy and an earlier version's half-written
// backups are gone after the next command.
func TestLeftoversAreRemoved(t *testing.T) {
	db := sampleShop(t, 20)
	dir := filepath.Dir(db)
	exports := t.TempDir()
	dead := exec.Command(os.Args[0], "-test.run=^$")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-48 * time.Hour)
	backups := data.BackupDir(db)
	if err := os.MkdirAll(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	leftovers := []string{
		filepath.Join(exports, fmt.Sprintf(".month.xlsx~%d-1a2b3c.partial", dead.Process.Pid)),
		filepath.Join(backups, fmt.Sprintf(".tea-auto-20261201-090000.db~%d-1a2b.partial-journal", dead.Process.Pid)),
		filepath.Join(backups, "tea-auto-20261101-090000.db.partial"),
		filepath.Join(backups, "tea-auto-20261101-090000.db.partial-journal"),
		db + ".restoring",
	}
	for _, f := range leftovers {
		if err := os.WriteFile(f, []byte("customers' addresses"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(f, old, old); err != nil {
			t.Fatal(err)
		}
	}
	if code, out, errs := command("report", "monthly", "--db", db, "--month", "2026-11", "-o", filepath.Join(exports, "month.xlsx")); code != 0 {
		t.Fatal(out, errs)
	}
	// The next command that opens the shop to change it clears the rest.
	if code, out, errs := command("doc", "confirmation", "--db", db, "--order", firstOrder(t, db), "--mark-sent", "-o", filepath.Join(exports, "c.pdf")); code != 0 {
		t.Fatal(out, errs)
	}
	for _, f := range leftovers {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s is still there", f)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "partial") || strings.HasSuffix(e.Name(), ".restoring") {
			t.Errorf("left beside the shop: %s", e.Name())
		}
	}
}

func firstOrder(t *testing.T, db string) string {
	t.Helper()
	ctx := app.WithActor(context.Background(), app.Actor{Name: "test"})
	store, err := data.OpenForReading(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	// A confirmed one: a draft or an order in review gets no letter.
	page, err := app.NewService(store).SearchOrders(ctx, app.OrderQuery{Limit: 1,
		Statuses: []app.Status{app.StatusConfirmed, app.StatusShipped, app.StatusCompleted}})
	if err != nil || len(page.Rows) == 0 {
		t.Fatalf("no order: %v", err)
	}
	return page.Rows[0].Number
}

// TestCommandsPrintOnlyTheirOwnWords: under the C.UTF-8 locale of servers
// and containers nothing but the command's words appear; a bad flag is
// said once, with exit code 2.
func TestCommandsPrintOnlyTheirOwnWords(t *testing.T) {
	if os.Getenv("ORDERDESK_RUN_AS_COMMAND") != "" {
		os.Exit(run(strings.Fields(os.Getenv("ORDERDESK_RUN_AS_COMMAND")), os.Stdout, os.Stderr))
	}
	for _, locale := range []string{"C", "C.UTF-8", "POSIX"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCommandsPrintOnlyTheirOwnWords$")
		cmd.Env = append(os.Environ(), "LANG="+locale, "LC_ALL=", "LANGUAGE=", "ORDERDESK_RUN_AS_COMMAND=check --db /no/such/shop.db")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		_ = cmd.Run()
		if got := strings.TrimSpace(stderr.String()); got != "orderdesk: /no/such/shop.db: no such database file; create one with orderdesk init or orderdesk demo" {
			t.Errorf("LANG=%s: stderr %q", locale, got)
		}
	}
	code, out, errs := command("check", "--db", "x.db", "--colour")
	if code != 2 || out != "" || strings.Count(errs, "--colour")+strings.Count(errs, "-colour") != 1 {
		t.Fatalf("a bad flag: exit %d %q %q", code, out, errs)
	}
	code, _, errs = command("doc", "confirmation", "--db", "x.db", "--order", "1", "-o", "x.pdf", "--paper", "a4")
	if code == 2 || strings.Contains(errs, "--paper") {
		t.Fatalf("--paper a4 is A4: exit %d %q", code, errs)
	}
}

// TestCopiesAndRestoresNeedTheOwner: with accounts on, a backup and a
// check (which read every customer and every password hash) need someone
// signed in whose role may; a restore needs the owner unless the shop is
// damaged, when it may be restored by anyone and is kept aside first.
func TestCopiesAndRestoresNeedTheOwner(t *testing.T) {
	db := sampleShop(t, 20)
	dir := filepath.Dir(db)
	monday := filepath.Join(dir, "monday.db")
	if code, out, errs := command("backup", "--db", db, "-o", monday); code != 0 {
		t.Fatal(out, errs)
	}
	turnOnAccounts(t, db)

	as := func(user, password string) {
		t.Setenv("ORDERDESK_USER", user)
		t.Setenv("ORDERDESK_PASSWORD", password)
	}
	copyTo := filepath.Join(t.TempDir(), "copy.db")
	as("", "")
	for _, args := range [][]string{{"backup", "--db", db, "-o", copyTo}, {"backup", "--db", db}, {"check", "--db", db}, {"restore", "--db", db, monday}} {
		if code, _, errs := command(args...); code != 1 || !strings.Contains(errs, "set ORDERDESK_USER") {
			t.Fatalf("%v without signing in: exit %d %q", args, code, errs)
		}
	}
	as("wang", "my-own-secret")
	for _, args := range [][]string{{"backup", "--db", db, "-o", copyTo}, {"check", "--db", db}, {"restore", "--db", db, monday}} {
		if code, _, errs := command(args...); code != 1 || !strings.Contains(errs, "wang (warehouse) may not") {
			t.Fatalf("%v as the warehouse: exit %d %q", args, code, errs)
		}
	}
	if _, err := os.Stat(copyTo); err == nil {
		t.Fatal("a refused backup left a copy")
	}
	as("mei", "tea-house-9")
	for _, args := range [][]string{{"backup", "--db", db, "-o", copyTo}, {"check", "--db", db}} {
		if code, out, errs := command(args...); code != 0 {
			t.Fatalf("%v as the owner: %q %q", args, out, errs)
		}
	}

	// Damaged: anyone may put a backup back, and the damaged file is kept.
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for i := 4096; i < len(raw); i += 7 {
		raw[i] = 0x5A
	}
	if err := os.WriteFile(db, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	_ = os.Remove(db + "-wal")
	as("", "")
	code, out, errs := command("restore", "--db", db, monday)
	if code != 0 || !strings.Contains(out, "kept in "+filepath.Join(data.BackupDir(db), "tea-damaged-")) {
		t.Fatalf("restoring a damaged shop: exit %d %q %q", code, out, errs)
	}
}

// TestWindowWithoutADesktop: started where there is no display, the
// window says so in words and exits 1 rather than crashing, and touches
// no shop.
func TestWindowWithoutADesktop(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("always a desktop there")
	}
	db := filepath.Join(t.TempDir(), "shop.db")
	for _, display := range []string{"", ":93"} {
		t.Setenv("DISPLAY", display)
		code, out, errs := command("--db", db)
		if code != 1 || out != "" || !strings.Contains(errs, "OrderDesk's window needs a desktop session") {
			t.Fatalf("DISPLAY=%q: exit %d %q %q", display, code, out, errs)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Fatal("a shop was created without a window")
	}
}
