package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDemoThenCheck runs the two headless commands as a user would and
// checks their output and exit codes.
func TestDemoThenCheck(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	var out, errs bytes.Buffer
	if code := run([]string{"demo", "--db", db, "--orders", "60"}, &out, &errs); code != 0 {
		t.Fatalf("demo exit %d: %s", code, errs.String())
	}
	if !strings.Contains(out.String(), "60 orders") || !strings.Contains(out.String(), "2 warehouses") {
		t.Fatalf("demo said: %s", out.String())
	}
	out.Reset()
	if code := run([]string{"check", "--db", db}, &out, &errs); code != 0 {
		t.Fatalf("check exit %d: %s%s", code, out.String(), errs.String())
	}
	if !strings.Contains(out.String(), "60 orders") || !strings.Contains(out.String(), "check out") {
		t.Fatalf("check said: %s", out.String())
	}
	errs.Reset()
	if code := run([]string{"demo", "--db", db}, &out, &errs); code != 1 || !strings.Contains(errs.String(), "already exists") {
		t.Fatalf("demo over an existing shop: exit %d, %s", code, errs.String())
	}
}

func TestCommandErrors(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(notDB, []byte("shopping list: tea, cups"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		args    []string
		code    int
		message string
	}{
		{"not a database", []string{"check", "--db", notDB}, 1, "not an OrderDesk shop"},
		{"missing file", []string{"check", "--db", filepath.Join(dir, "none.db")}, 1, "no such database file"},
		{"check without db", []string{"check"}, 2, "check needs --db FILE"},
		{"demo without db", []string{"demo"}, 2, "demo needs --db FILE"},
		{"absurd order count", []string{"demo", "--db", filepath.Join(dir, "x.db"), "--orders", "0"}, 2, "--orders must be"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errs bytes.Buffer
			code := run(c.args, &out, &errs)
			if code != c.code || !strings.Contains(errs.String()+out.String(), c.message) {
				t.Fatalf("exit %d (want %d), output %q, want it to say %q", code, c.code, errs.String()+out.String(), c.message)
			}
		})
	}
	if b, _ := os.ReadFile(notDB); string(b) != "shopping list: tea, cups" {
		t.Fatal("check changed a file that is not a database")
	}
}

// demoCommands makes a demo shop of n orders in a folder of the test's
// own and gives the folder, the shop's file and a way to run commands,
// which answers with the exit code and everything printed.
func demoCommands(t *testing.T, n int) (dir, shop string, say func(args ...string) (int, string)) {
	t.Helper()
	dir = t.TempDir()
	shop = filepath.Join(dir, "tea.db")
	say = func(args ...string) (int, string) {
		var out, errs bytes.Buffer
		code := run(args, &out, &errs)
		return code, out.String() + errs.String()
	}
	if code, out := say("demo", "--db", shop, "--orders", strconv.Itoa(n)); code != 0 {
		t.Fatalf("demo: %s", out)
	}
	return dir, shop, say
}
