package screens

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"orderdesk/app"
	"orderdesk/data"
)

// accountsShop is an empty shop on a real file, with quick password hashes.
func accountsShop(t *testing.T) (context.Context, *app.Service) {
	t.Helper()
	ctx, store := emptyShop(t)
	return ctx, app.NewService(store).WithPasswords(data.Bcrypt{Cost: 4})
}

// TestAccountsTurnedOnInSettingsThenSignedIn: the owner turns accounts on
// with their own account and adds a warehouse person; that person signs
// in with the first password, must choose their own, and is then in;
// wrong passwords make the name wait, and the screen says how long in the
// same words whether an account has the name or not.
func TestAccountsTurnedOnInSettingsThenSignedIn(t *testing.T) {
	ctx, svc := accountsShop(t)
	p := NewUsersPanel(ctx, svc, nil)
	w := test.NewWindow(p.Content())
	defer w.Close()
	w.Resize(fyne.NewSize(900, 700))
	p.win = w
	p.background = func(f func()) { f() }
	var changed []bool
	p.OnAccountsChanged = func(on bool) { changed = append(changed, on) }
	if err := p.Update(ctx); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(texts(w.Content()), "Accounts are off") {
		t.Fatalf("a new shop has accounts off:\n%s", texts(w.Content()))
	}

	// Turning on: the passwords differ first, then a good account.
	tapIn(t, w.Content(), "Turn on accounts…")
	dlg := dialogOnTop(t, w)
	fields := entries(dlg)
	for i, v := range []string{"mei", "Li Mei", "tea-house-9", "tea-house-8"} {
		test.Type(fields[i], v)
	}
	tapIn(t, dlg, "Turn on")
	if !strings.Contains(texts(dlg), "The two passwords differ") {
		t.Fatalf("differing passwords are refused in the dialog:\n%s", texts(dlg))
	}
	fields[3].SetText("tea-house-9")
	tapIn(t, dlg, "Turn on")
	if a, _ := svc.AccountSettings(ctx); !a.On || len(changed) != 1 || !changed[0] {
		t.Fatalf("accounts on %v, window told %v", a.On, changed)
	}
	if shown := texts(w.Content()); !strings.Contains(shown, "mei (Li Mei) · Owner · active") {
		t.Fatalf("the owner's account is listed:\n%s", shown)
	}

	// A warehouse account; a too-short password is refused under its field.
	tapIn(t, w.Content(), "Add account…")
	dlg = dialogOnTop(t, w)
	fields = entries(dlg)
	for i, v := range []string{"wang", "Wang Qiang", "short", "short"} {
		test.Type(fields[i], v)
	}
	for _, o := range test.LaidOutObjects(dlg) {
		if s, ok := o.(interface{ SetSelected(string) }); ok {
			s.SetSelected("Warehouse")
		}
	}
	tapIn(t, dlg, "Add")
	if !strings.Contains(texts(dlg), "Use at least 8 characters") {
		t.Fatalf("a short password is refused:\n%s", texts(dlg))
	}
	fields[2].SetText("first-day-1")
	fields[3].SetText("first-day-1")
	tapIn(t, dlg, "Add")
	if shown := texts(w.Content()); !strings.Contains(shown, "wang (Wang Qiang) · Warehouse · chooses a password at the next sign-in") {
		t.Fatalf("wang is listed as warehouse, choosing a password:\n%s", shown)
	}

	// Wang signs in with the first password and chooses his own.
	s := NewSignIn(ctx, svc, w, "Tea House")
	s.background = func(f func()) { f() }
	var signedIn []app.User
	s.OnSignedIn = func(u app.User) { signedIn = append(signedIn, u) }
	w.SetContent(s.Content())
	test.Type(s.login, "wang")
	test.Type(s.password, "first-day-1")
	pressEnter(s.password)
	if len(signedIn) != 0 || !strings.Contains(texts(w.Content()), "Welcome, wang. Choose your own password") {
		t.Fatalf("a first password leads to choosing one's own:\n%s", texts(w.Content()))
	}
	test.Type(s.newPass, "my-own-secret")
	test.Type(s.repeat, "my-own-secret")
	pressEnter(s.repeat)
	if len(signedIn) != 1 || signedIn[0].Login != "wang" || signedIn[0].Role != app.RoleWarehouse || signedIn[0].MustChangePassword {
		t.Fatalf("wang is signed in as warehouse: %+v", signedIn)
	}

	// Three wrong passwords are free; the fourth makes the name wait 2
	// seconds, during which even the right one is refused. A name nobody
	// has hears the very same words at every step.
	now := time.Now()
	svc.WithClock(func() time.Time { return now })
	said := func(login, password string) string {
		s := NewSignIn(ctx, svc, w, "Tea House")
		s.background = func(f func()) { f() }
		s.OnSignedIn = func(u app.User) { signedIn = append(signedIn, u) }
		w.SetContent(s.Content())
		test.Type(s.login, login)
		test.Type(s.password, password)
		pressEnter(s.password)
		if !s.problem.Visible() {
			return ""
		}
		return s.problem.Text
	}
	for i := 1; i <= 4; i++ {
		want := "The name or the password is wrong. Check the keyboard's language and Caps Lock, then try again."
		if i == 4 {
			want = "The name or the password is wrong. Too many wrong tries for this name: try again in 2 seconds."
		}
		if real, none := said("wang", "wrong-guess"), said("nobody", "wrong-guess"); real != want || none != want {
			t.Fatalf("wrong password %d: wang is told %q, an unknown name %q, want %q", i, real, none, want)
		}
	}
	want := "Too many wrong tries for this name: try again in 2 seconds."
	if real, none := said("wang", "my-own-secret"), said("nobody", "my-own-secret"); real != want || none != want {
		t.Fatalf("during the wait: wang is told %q, an unknown name %q, want %q", real, none, want)
	}
	now = now.Add(time.Second + time.Millisecond)
	if real := said("wang", "my-own-secret"); real != "Too many wrong tries for this name: try again in a second." {
		t.Fatalf("a second later: %q", real)
	}
	now = now.Add(time.Second)
	if real := said("wang", "my-own-secret"); real != "" || len(signedIn) != 2 || signedIn[1].Login != "wang" {
		t.Fatalf("after the wait the right password signs in: %q, %+v", real, signedIn)
	}

	// The owner's panel says how wrong passwords slow guessing down; there
	// is no lock to lift.
	w.SetContent(p.Content())
	if err := p.Update(ctx); err != nil {
		t.Fatal(err)
	}
	if shown := texts(w.Content()); !strings.Contains(shown, "at most 60 seconds: guessing is slow, and nobody can lock anyone out") ||
		!strings.Contains(shown, "wang (Wang Qiang) · Warehouse · active") {
		t.Fatalf("the owner's panel:\n%s", shown)
	}
}

// TestAccountsPanelIsTheOwnersOnly: staff see no account controls.
func TestAccountsPanelIsTheOwnersOnly(t *testing.T) {
	ctx, svc := accountsShop(t)
	staff := app.WithActor(ctx, app.Actor{Name: "zhao", Role: app.RoleService})
	p := NewUsersPanel(staff, svc, nil)
	w := test.NewWindow(p.Content())
	defer w.Close()
	if err := p.Update(staff); err != nil {
		t.Fatal(err)
	}
	if shown := texts(w.Content()); !strings.Contains(shown, "Only the owner manages accounts.") || strings.Contains(shown, "Turn on") {
		t.Fatalf("customer service sees:\n%s", shown)
	}
}

// TestAccountsKeptWhileOffCanBeMended: with accounts off, the owner who
// forgot their password gives themselves a new one before turning on.
func TestAccountsKeptWhileOffCanBeMended(t *testing.T) {
	ctx, svc := accountsShop(t)
	owner, err := svc.TurnOnAccounts(ctx, app.UserInput{Login: "mei", Password: "tea-house-9"})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.TurnOffAccounts(ctx); err != nil {
		t.Fatal(err)
	}
	p := NewUsersPanel(ctx, svc, nil)
	w := test.NewWindow(p.Content())
	defer w.Close()
	w.Resize(fyne.NewSize(900, 600))
	p.win, p.background = w, func(f func()) { f() }
	if err := p.Update(ctx); err != nil {
		t.Fatal(err)
	}
	if shown := texts(w.Content()); !strings.Contains(shown, "1 accounts are kept from before.") || !strings.Contains(shown, "mei · Owner") {
		t.Fatalf("the kept accounts are listed:\n%s", shown)
	}
	tapIn(t, w.Content(), "New password…")
	dlg := dialogOnTop(t, w)
	for _, e := range entries(dlg) {
		test.Type(e, "remembered-1")
	}
	tapIn(t, dlg, "Save")
	if _, err := svc.SignIn(ctx, owner.Login, "remembered-1"); err != nil {
		t.Fatalf("the new password signs in: %v", err)
	}
}
