package data_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"orderdesk/app"
	"orderdesk/data"
)

// testHasher is bcrypt at its lowest cost, so the tests stay quick; the
// program uses the default cost.
var testHasher = data.Bcrypt{Cost: 4}

// TestAccountsFromTurningOnToSignIn walks personal accounts on a
// real file: turning them on with the owner's account, adding staff who
// choose their own password, the wait after too many wrong passwords, the
// history naming the real person, and the rules that keep the shop
// manageable (one active owner at least; staff cannot manage accounts).
func TestAccountsFromTurningOnToSignIn(t *testing.T) {
	f := newShop(t)
	f.svc.WithPasswords(testHasher)
	if a, err := f.svc.AccountSettings(f.ctx); err != nil || a.On || a.FreeTries != 3 || a.FirstWait != 2*time.Second ||
		a.MaxWait != time.Minute {
		t.Fatalf("a new shop has accounts off, 3 free tries, then waits from 2 seconds to a minute: %+v, %v", a, err)
	}

	// A too-short password turns nothing on.
	_, err := f.svc.TurnOnAccounts(f.ctx, app.UserInput{Login: "mei", FullName: "Li Mei", Password: "short"})
	wantField(t, err, "password", app.CodeTooShort)
	if a, _ := f.svc.AccountSettings(f.ctx); a.On {
		t.Fatal("a refused turn-on left accounts on")
	}
	owner, err := f.svc.TurnOnAccounts(f.ctx, app.UserInput{Login: " mei ", FullName: "Li Mei", Role: app.RoleWarehouse,
		Password: "tea-house-9"})
	if err != nil {
		t.Fatal(err)
	}
	if owner.Login != "mei" || owner.Role != app.RoleOwner || owner.MustChangePassword {
		t.Fatalf("the first account is the owner's, with the password they chose: %+v", owner)
	}
	var stored string
	if err := rawDB(t, f.store.Path()).QueryRow(`SELECT password_hash FROM users WHERE login = 'mei'`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stored, "$2a$") || strings.Contains(stored, "tea-house-9") {
		t.Fatalf("the password is kept as a bcrypt hash only, not %q", stored)
	}

	wang, err := f.svc.AddUser(f.ctx, app.UserInput{Login: "wang", FullName: "Wang Qiang", Role: app.RoleWarehouse, Password: "first-day-1"})
	if err != nil {
		t.Fatal(err)
	}
	if !wang.MustChangePassword {
		t.Fatal("someone given a password by the owner chooses their own at the first sign-in")
	}
	_, err = f.svc.AddUser(f.ctx, app.UserInput{Login: "WANG", Role: app.RoleFinance, Password: "another-one-2"})
	wantField(t, err, "login", app.CodeDuplicate)
	_, err = f.svc.AddUser(f.ctx, app.UserInput{Login: "zhao li", Password: "zhao li"})
	wantField(t, err, "login", app.CodeInvalid)
	wantField(t, err, "role", app.CodeRequired)

	// Three wrong passwords are free; the fourth, in any letter case,
	// makes the name wait 2 seconds, and during the wait even the right
	// one is refused, unchecked.
	for i := 1; i <= 3; i++ {
		if _, err := f.svc.SignIn(f.ctx, "wang", "guess-"+string(rune('0'+i))); err != app.ErrSignIn {
			t.Fatalf("wrong password %d: %v", i, err)
		}
	}
	var wait *app.TooManyTriesError
	if _, err := f.svc.SignIn(f.ctx, "Wang", "guess-4"); !errors.Is(err, app.ErrSignIn) || !errors.As(err, &wait) ||
		!wait.Wrong || wait.Wait != 2*time.Second {
		t.Fatalf("the fourth wrong password makes the name wait 2 seconds: %v", err)
	}
	if _, err := f.svc.SignIn(f.ctx, "wang", "first-day-1"); !errors.As(err, &wait) || wait.Wrong || errors.Is(err, app.ErrSignIn) {
		t.Fatalf("during the wait even the right password is refused: %v", err)
	}
	if _, err := f.svc.SignIn(f.ctx, "nobody", "first-day-1"); err != app.ErrSignIn {
		t.Fatalf("an unknown name gets the same answer as a wrong password: %v", err)
	}
	f.clock = f.clock.Add(2 * time.Second)
	wang, err = f.svc.SignIn(f.ctx, "wang", "first-day-1")
	if err != nil || !wang.LastSignInAt.Equal(f.clock) || !wang.MustChangePassword {
		t.Fatalf("after the wait the right password signs in: %+v, %v", wang, err)
	}

	// Wang chooses a password, then acts under his own name.
	asWang := app.WithActor(context.Background(), wang.Actor())
	wantField(t, f.svc.ChangePassword(asWang, "not-it-at-all", "my-own-secret"), "current", app.CodeInvalid)
	wantField(t, f.svc.ChangePassword(asWang, "first-day-1", "first-day-1"), "password", app.CodeInvalid)
	if err := f.svc.ChangePassword(asWang, "first-day-1", "my-own-secret"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.SignIn(f.ctx, "wang", "first-day-1"); !errors.Is(err, app.ErrSignIn) {
		t.Fatalf("the old password no longer signs in: %v", err)
	}
	if wang, err = f.svc.SignIn(f.ctx, "wang", "my-own-secret"); err != nil || wang.MustChangePassword {
		t.Fatalf("the new password signs in and is his own: %+v, %v", wang, err)
	}
	if err := f.svc.ReceiveStock(asWang, app.StockReceipt{ProductID: f.products[0].ID, BinID: f.bins[0].ID, Qty: 5, Reference: "PO-2"}); err != nil {
		t.Fatal(err)
	}
	events, err := f.svc.History(f.ctx, app.SubjectProduct, f.products[0].ID)
	if err != nil || len(events) == 0 || events[len(events)-1].Actor != "wang" {
		t.Fatalf("the history names who received the stock: %+v, %v", events, err)
	}
	var refused *app.PermissionError
	if _, err := f.svc.AddUser(asWang, app.UserInput{Login: "friend", Role: app.RoleOwner, Password: "let-me-in-1"}); !errors.As(err, &refused) {
		t.Fatalf("only the owner manages accounts: %v", err)
	}
	if err := f.svc.Permitted(asWang, app.PermRestore); !errors.As(err, &refused) {
		t.Fatalf("only the owner restores backups: %v", err)
	}
	if err := f.svc.Permitted(f.ctx, app.PermRestore); err != nil {
		t.Fatalf("the owner restores backups: %v", err)
	}

	// The shop keeps an active owner; a switched-off account cannot sign in.
	owner.Role = app.RoleFinance
	_, err = f.svc.ChangeUser(f.ctx, owner)
	wantField(t, err, "role", app.CodeLastOwner)
	wang.Active = false
	if wang, err = f.svc.ChangeUser(f.ctx, wang); err != nil {
		t.Fatal(err)
	}
	var off *app.SwitchedOffError
	if _, err := f.svc.SignIn(f.ctx, "wang", "my-own-secret"); !errors.As(err, &off) {
		t.Fatalf("a switched-off account cannot sign in: %v", err)
	}
	wang.Active = true
	if _, err = f.svc.ChangeUser(f.ctx, wang); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.ResetPassword(f.ctx, wang.ID, "forgot-it-again"); err != nil {
		t.Fatal(err)
	}
	if wang, err = f.svc.SignIn(f.ctx, "wang", "forgot-it-again"); err != nil || !wang.MustChangePassword {
		t.Fatalf("a reset password signs in once, to choose a new one: %+v, %v", wang, err)
	}

	history, err := f.svc.History(f.ctx, app.SubjectUser, wang.ID)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range history {
		actions = append(actions, e.Action)
	}
	got := strings.Join(actions, " ")
	for _, want := range []string{"user.added", "user.sign_in_failed", "user.signed_in", "user.password_changed", "user.changed",
		"user.password_reset"} {
		if !strings.Contains(got, want) {
			t.Errorf("wang's history lacks %s: %s", want, got)
		}
	}
	if !strings.Contains(history[4].Summary, "wrong password for wang (4 in a row); the name waits 2 seconds") {
		t.Errorf("the fourth failure says the name waits: %q", history[4].Summary)
	}

	// Off again: the accounts stay, and turning on again needs no new owner.
	if err := f.svc.TurnOffAccounts(f.ctx); err != nil {
		t.Fatal(err)
	}
	if a, _ := f.svc.AccountSettings(f.ctx); a.On {
		t.Fatal("accounts are off")
	}
	if _, err := f.svc.TurnOnAccounts(f.ctx, app.UserInput{}); err != nil {
		t.Fatal(err)
	}
	if users, _ := f.svc.Users(f.ctx); len(users) != 2 {
		t.Fatalf("both accounts are kept: %+v", users)
	}
}

// TestTurningOnAccountsNeedsAnOwner: with no account yet, turning on needs
// the owner's, or nobody could sign in to manage the shop.
func TestTurningOnAccountsNeedsAnOwner(t *testing.T) {
	f := newShop(t)
	f.svc.WithPasswords(testHasher)
	_, err := f.svc.TurnOnAccounts(f.ctx, app.UserInput{})
	wantField(t, err, "login", app.CodeLastOwner)
	if a, _ := f.svc.AccountSettings(f.ctx); a.On {
		t.Fatal("accounts turned on with nobody to sign in")
	}
}
