package main

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/data"
)

// TestWindowAsksWhoIsThere: a shop with accounts opens on the sign-in
// screen; the desk then acts as the person who signed in, and signing
// out asks again. The screens' work runs inline and the test waits for
// each screen, so it never touches widgets while the window builds them.
func TestWindowAsksWhoIsThere(t *testing.T) {
	d, db := testDesk(t, 20)
	store, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	svc := app.NewService(store).WithPasswords(data.Bcrypt{Cost: 4})
	if _, err := svc.TurnOnAccounts(d.ctx, app.UserInput{Login: "mei", FullName: "Li Mei", Password: "tea-house-9"}); err != nil {
		t.Fatal(err)
	}
	store.Close()

	shown := make(chan struct{}, 4)
	d.background = func(f func()) { f() }
	d.shown = func() { shown <- struct{}{} }
	waitShown := func(what string) {
		t.Helper()
		select {
		case <-shown:
		case <-time.After(20 * time.Second):
			t.Fatalf("timed out waiting for %s", what)
		}
	}
	d.open(db, nil)
	waitShown("the sign-in screen")
	if d.session != nil {
		t.Fatal("a shop with accounts opened without anyone signing in")
	}
	entry := func(placeholder string) *widget.Entry {
		for _, o := range test.LaidOutObjects(d.win.Content()) {
			if e, ok := o.(*widget.Entry); ok && e.PlaceHolder == placeholder {
				return e
			}
		}
		t.Fatalf("no %q on the sign-in screen", placeholder)
		return nil
	}
	test.Type(entry("Your sign-in name"), "mei")
	password := entry("Password")
	test.Type(password, "tea-house-9")
	password.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	waitShown("the desk")
	if who, err := app.ActorFrom(d.session); err != nil || who.Name != "mei" || who.Role != app.RoleOwner {
		t.Fatalf("the desk acts as %+v (%v), want mei the owner", who, err)
	}
	var signOut *widget.Button
	for _, o := range test.LaidOutObjects(d.win.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Sign out" {
			signOut = b
		}
	}
	if signOut == nil {
		t.Fatal("no Sign out under the navigation")
	}
	test.Tap(signOut)
	waitShown("the sign-in screen again")
	if d.session != nil {
		t.Error("signed out, the desk still acts for someone")
	}
}
