package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"orderdesk/app"
	"orderdesk/data"
)

// TestCommandsSignInWhenAccountsAreOn: once the shop has personal
// accounts, a command acts as the person ORDERDESK_USER names, with that
// person's rights: nobody at all without a name, a wrong password
// is refused in the same words as a name nobody has, the warehouse may write the monthly workbook but not
// restore, the owner may restore.
func TestCommandsSignInWhenAccountsAreOn(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "tea.db")
	run1 := func(args ...string) (int, string) {
		t.Helper()
		var out, errs bytes.Buffer
		code := run(args, &out, &errs)
		return code, out.String() + errs.String()
	}
	if code, said := run1("demo", "--db", db, "--orders", "40"); code != 0 {
		t.Fatal(said)
	}
	if code, said := run1("backup", "--db", db, "-o", filepath.Join(dir, "monday.db")); code != 0 {
		t.Fatal(said)
	}

	turnOnAccounts(t, db)

	// The monthly workbook: a command any role may run, whatever state
	// the demo's orders are in today.
	doc := []string{"report", "monthly", "--db", db, "--month", time.Now().Format("2006-01"), "-o", filepath.Join(dir, "month.xlsx")}
	t.Setenv("ORDERDESK_USER", "")
	if code, said := run1(doc...); code == 0 || !strings.Contains(said, "set ORDERDESK_USER and ORDERDESK_PASSWORD") {
		t.Fatalf("without a name the command is refused: %d %s", code, said)
	}
	t.Setenv("ORDERDESK_USER", "wang")
	t.Setenv("ORDERDESK_PASSWORD", "guess")
	code, wrong := run1(doc...)
	if code == 0 || !strings.Contains(wrong, "the name or the password is wrong") {
		t.Fatalf("a wrong password is refused: %d %s", code, wrong)
	}
	t.Setenv("ORDERDESK_USER", "nobody")
	if code, said := run1(doc...); code == 0 || strings.ReplaceAll(said, "nobody", "wang") != wrong {
		t.Fatalf("a name nobody has is refused in the same words as a wrong password: %d %q, not %q", code, said, wrong)
	}
	t.Setenv("ORDERDESK_USER", "wang")
	t.Setenv("ORDERDESK_PASSWORD", "my-own-secret")
	if code, said := run1(doc...); code != 0 {
		t.Fatalf("the warehouse writes the monthly workbook: %s", said)
	}
	restore := []string{"restore", "--db", db, filepath.Join(dir, "monday.db")}
	if code, said := run1(restore...); code == 0 || !strings.Contains(said, "may not change restore") {
		t.Fatalf("the warehouse may not restore: %d %s", code, said)
	}
	t.Setenv("ORDERDESK_USER", "mei")
	t.Setenv("ORDERDESK_PASSWORD", "tea-house-9")
	if code, said := run1(restore...); code != 0 || !strings.Contains(said, "Restored") {
		t.Fatalf("the owner restores: %d %s", code, said)
	}
}

// turnOnAccounts gives the shop at db personal accounts: the owner mei
// (password tea-house-9) and wang of the warehouse, who has chosen his
// own password, my-own-secret.
func turnOnAccounts(t *testing.T, db string) {
	t.Helper()
	store, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	svc := app.NewService(store).WithPasswords(data.Bcrypt{Cost: 4})
	owner := app.WithActor(context.Background(), app.Actor{Name: "lin"})
	if _, err := svc.TurnOnAccounts(owner, app.UserInput{Login: "mei", Password: "tea-house-9"}); err != nil {
		t.Fatal(err)
	}
	wang, err := svc.AddUser(owner, app.UserInput{Login: "wang", Role: app.RoleWarehouse, Password: "first-day-1"})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.ChangePassword(app.WithActor(owner, wang.Actor()), "first-day-1", "my-own-secret"); err != nil {
		t.Fatal(err)
	}
	store.Close()
}
