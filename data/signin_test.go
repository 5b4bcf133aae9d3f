package data_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"orderdesk/app"
	"orderdesk/data"
)

// signInShop is a shop with accounts on: mei the owner and wang, who
// has chosen his own password.
func signInShop(t *testing.T) *shopFixture {
	t.Helper()
	f := newShop(t)
	f.svc.WithPasswords(testHasher)
	if _, err := f.svc.TurnOnAccounts(f.ctx, app.UserInput{Login: "mei", Password: "tea-house-9"}); err != nil {
		t.Fatal(err)
	}
	wang, err := f.svc.AddUser(f.ctx, app.UserInput{Login: "wang", Role: app.RoleWarehouse, Password: "first-day-1"})
	if err != nil {
		t.Fatal(err)
	}
	f.must(f.svc.ChangePassword(app.WithActor(context.Background(), wang.Actor()), "first-day-1", "my-own-secret"))
	return f
}

// waitOf is how long a refused sign-in makes its name wait, 0 for none.
func waitOf(err error) time.Duration {
	var tooMany *app.TooManyTriesError
	if errors.As(err, &tooMany) {
		return tooMany.Wait
	}
	return 0
}

// TestSignInAnswersAlikeForUnknownNames: wrong passwords under a real name
// and under a name nobody has get the same words at every step, during
// the waits too, and count the same way; so guessing learns nothing about
// which names exist (issue 16).
func TestSignInAnswersAlikeForUnknownNames(t *testing.T) {
	f := signInShop(t)
	tries := func(login string) (int, string) {
		var failures int
		var notBefore string
		err := rawDB(t, f.store.Path()).QueryRow(`SELECT failures, not_before FROM sign_in_tries WHERE name = ?`, login).
			Scan(&failures, &notBefore)
		if err != nil {
			t.Fatalf("%s's tries: %v", login, err)
		}
		return failures, notBefore
	}
	for step := 1; step <= 12; step++ {
		guess := fmt.Sprintf("guess-%d", step)
		_, real := f.svc.SignIn(f.ctx, "wang", guess)
		_, none := f.svc.SignIn(f.ctx, "nobody", guess)
		if real == nil || none == nil || real.Error() != none.Error() {
			t.Fatalf("wrong password %d: wang hears %q, an unknown name %q", step, real, none)
		}
		realCount, realUntil := tries("wang")
		noneCount, noneUntil := tries("nobody")
		if realCount != step || noneCount != step || realUntil != noneUntil {
			t.Fatalf("after %d wrong passwords wang counts %d until %s, nobody %d until %s", step, realCount, realUntil, noneCount, noneUntil)
		}
		wait := waitOf(real)
		if wait == 0 {
			continue
		}
		// During the wait: refused unchecked, the right password too.
		_, real = f.svc.SignIn(f.ctx, "WANG", "my-own-secret")
		_, none = f.svc.SignIn(f.ctx, "Nobody", "my-own-secret")
		if waitOf(real) != wait || real.Error() != none.Error() {
			t.Fatalf("during the wait after %d: wang hears %q, an unknown name %q", step, real, none)
		}
		f.clock = f.clock.Add(wait / 2)
		_, real = f.svc.SignIn(f.ctx, "wang", guess)
		_, none = f.svc.SignIn(f.ctx, "nobody", guess)
		if real.Error() != none.Error() || waitOf(real) != wait-wait/2 {
			t.Fatalf("half-way through the wait after %d: wang hears %q, an unknown name %q", step, real, none)
		}
		f.clock = f.clock.Add(wait - wait/2)
	}
}

// TestSignInWaitGrowsToItsCapAndClears: three wrong passwords are free,
// then each makes the name wait twice as long as the one before, up to a
// minute; the right password after the wait signs in and starts the
// count afresh, and so does a new password from the owner.
func TestSignInWaitGrowsToItsCapAndClears(t *testing.T) {
	f := signInShop(t)
	var waits []time.Duration
	for i := 0; i < 11; i++ {
		_, err := f.svc.SignIn(f.ctx, "wang", "not-it")
		if !errors.Is(err, app.ErrSignIn) {
			t.Fatalf("wrong password %d: %v", i+1, err)
		}
		waits = append(waits, waitOf(err))
		f.clock = f.clock.Add(waitOf(err))
	}
	s := time.Second
	if got, want := fmt.Sprint(waits), fmt.Sprint([]time.Duration{0, 0, 0, 2 * s, 4 * s, 8 * s, 16 * s, 32 * s, 60 * s, 60 * s, 60 * s}); got != want {
		t.Fatalf("waits %s, want %s", got, want)
	}
	if _, err := f.svc.SignIn(f.ctx, "wang", "my-own-secret"); err != nil {
		t.Fatalf("after the wait the right password signs in: %v", err)
	}
	if _, err := f.svc.SignIn(f.ctx, "wang", "not-it"); err != app.ErrSignIn {
		t.Fatalf("after signing in, the count starts again: %v", err)
	}

	// Wrong passwords up to a wait; the owner's new password ends it.
	for i := 0; i < 4; i++ {
		_, _ = f.svc.SignIn(f.ctx, "wang", "not-it")
	}
	if _, err := f.svc.SignIn(f.ctx, "wang", "my-own-secret"); waitOf(err) == 0 {
		t.Fatalf("wang waits: %v", err)
	}
	users, err := f.svc.Users(f.ctx)
	if err != nil || len(users) != 2 || users[1].Login != "wang" {
		t.Fatalf("mei and wang: %+v, %v", users, err)
	}
	f.must(f.svc.ResetPassword(f.ctx, users[1].ID, "given-anew-1"))
	if u, err := f.svc.SignIn(f.ctx, "wang", "given-anew-1"); err != nil || u.Login != "wang" {
		t.Fatalf("a new password from the owner ends the wait: %+v, %v", u, err)
	}
}

// TestSignInByStrangersNeverKeepsTheOwnerOut: however many wrong passwords a
// stranger types under the owner's name, each as soon as allowed, the
// owner waits at most a minute after the last, and then signs in (and
// could restore a backup). A lock would have kept them out for good.
func TestSignInByStrangersNeverKeepsTheOwnerOut(t *testing.T) {
	f := signInShop(t)
	for i := 0; i < 40; i++ {
		_, err := f.svc.SignIn(f.ctx, "mei", fmt.Sprintf("guess-%d", i))
		if wait := waitOf(err); wait > time.Minute {
			t.Fatalf("wrong password %d makes the owner wait %v", i+1, wait)
		}
		if i%3 == 0 { // tries during the wait change nothing
			if _, err := f.svc.SignIn(f.ctx, "mei", "guess"); waitOf(err) > time.Minute {
				t.Fatalf("a try during the wait: %v", err)
			}
		}
		f.clock = f.clock.Add(waitOf(err))
	}
	_, err := f.svc.SignIn(f.ctx, "mei", "last-guess")
	if waitOf(err) != time.Minute {
		t.Fatalf("the stranger's last guess: %v", err)
	}
	f.clock = f.clock.Add(59 * time.Second)
	if _, err := f.svc.SignIn(f.ctx, "mei", "tea-house-9"); waitOf(err) != time.Second {
		t.Fatalf("a second before the minute is over the owner still waits: %v", err)
	}
	f.clock = f.clock.Add(time.Second)
	owner, err := f.svc.SignIn(f.ctx, "mei", "tea-house-9")
	if err != nil || owner.Role != app.RoleOwner {
		t.Fatalf("a minute after the last guess the owner signs in: %+v, %v", owner, err)
	}
	if err := f.svc.Permitted(app.WithActor(context.Background(), owner.Actor()), app.PermRestore); err != nil {
		t.Fatalf("and may restore: %v", err)
	}
}

// TestSignInTriesAtOnceAreCounted: tries started together (several
// commands at once) cannot slip past the count: each is counted before
// its password is checked, so no more than the free ones and the one
// that starts the wait are checked.
func TestSignInTriesAtOnceAreCounted(t *testing.T) {
	f := signInShop(t)
	const together = 12
	var wg sync.WaitGroup
	errs := make([]error, together)
	for i := range together {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = f.svc.SignIn(f.ctx, "nobody", fmt.Sprintf("guess-%d", i))
		}()
	}
	wg.Wait()
	checked := 0
	for _, err := range errs {
		switch {
		case errors.Is(err, app.ErrSignIn):
			checked++
		case waitOf(err) == 0:
			t.Fatalf("a try at once: %v", err)
		}
	}
	if checked != 4 {
		t.Fatalf("%d of %d tries at once had their password checked, want the 3 free ones and the one that started the wait", checked, together)
	}
}

// TestSignInTakesAsLongForUnknownNames: a command is a fresh process, so
// each sign-in here has a fresh service with the program's real bcrypt;
// an unknown name and a wrong password for a real one take the same time
// (the median of several, so a busy machine does not decide), or the time
// would tell which names exist.
func TestSignInTakesAsLongForUnknownNames(t *testing.T) {
	if testing.Short() {
		t.Skip("bcrypt at the program's cost")
	}
	f := newShop(t)
	real := data.Bcrypt{}
	f.svc.WithPasswords(real)
	if _, err := f.svc.TurnOnAccounts(f.ctx, app.UserInput{Login: "mei", Password: "tea-house-9"}); err != nil {
		t.Fatal(err)
	}
	signIn := func(login string) time.Duration {
		f.clock = f.clock.Add(time.Hour) // past any wait: every try is checked
		svc := app.NewService(f.store).WithClock(func() time.Time { return f.clock }).WithPasswords(real)
		start := time.Now()
		if _, err := svc.SignIn(f.ctx, login, "not-the-password"); err == nil {
			t.Fatal("a wrong password signed in")
		}
		return time.Since(start)
	}
	const samples = 11
	var known, unknown []time.Duration
	for i := 0; i < samples; i++ { // interleaved, each first in turn, so load on the machine falls on both alike
		if i%2 == 0 {
			unknown = append(unknown, signIn("nobody"))
			known = append(known, signIn("mei"))
		} else {
			known = append(known, signIn("mei"))
			unknown = append(unknown, signIn("nobody"))
		}
	}
	k, u := median(known), median(unknown)
	t.Logf("median sign-in: real name %v, unknown name %v", k, u)
	if slower, faster := max(k, u), min(k, u); float64(slower-faster) > 0.25*float64(slower) {
		t.Errorf("a wrong password for a real name takes %v, an unknown name %v: the time tells them apart", k, u)
	}
}

func median(list []time.Duration) time.Duration {
	sorted := append([]time.Duration(nil), list...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	return sorted[len(sorted)/2]
}
