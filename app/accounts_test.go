package app

import (
	"math"
	"testing"
	"time"
)

// TestWaitAfterGrowsToItsCap: the shop's stored numbers say how wrong
// passwords slow a name down: free tries, then a wait that doubles per
// further wrong one, never past the cap, however many there were.
func TestWaitAfterGrowsToItsCap(t *testing.T) {
	s := time.Second
	shop := AccountSettings{FreeTries: 3, FirstWait: 2 * s, MaxWait: time.Minute}
	for _, c := range []struct {
		settings AccountSettings
		failures int
		want     time.Duration
	}{
		{shop, 0, 0}, {shop, 1, 0}, {shop, 3, 0},
		{shop, 4, 2 * s}, {shop, 5, 4 * s}, {shop, 6, 8 * s}, {shop, 7, 16 * s}, {shop, 8, 32 * s},
		{shop, 9, time.Minute}, {shop, 10, time.Minute}, {shop, 1000, time.Minute}, {shop, math.MaxInt, time.Minute},
		{AccountSettings{FreeTries: 0, FirstWait: s, MaxWait: 5 * s}, 1, s},
		{AccountSettings{FreeTries: 0, FirstWait: s, MaxWait: 5 * s}, 4, 5 * s},
		{AccountSettings{FreeTries: 2, FirstWait: 30 * s, MaxWait: 10 * s}, 3, 10 * s}, // a cap below the first wait wins
		{AccountSettings{FreeTries: 2, MaxWait: 10 * s}, math.MaxInt, 0},               // no first wait, no wait
	} {
		if got := c.settings.WaitAfter(c.failures); got != c.want {
			t.Errorf("%+v after %d wrong: wait %v, want %v", c.settings, c.failures, got, c.want)
		}
	}
}

// TestTooManyTriesErrorSaysTheWait: whole seconds, rounded up, and a
// wrong password that started the wait is still a wrong password.
func TestTooManyTriesErrorSaysTheWait(t *testing.T) {
	during := &TooManyTriesError{Wait: 1500 * time.Millisecond}
	if during.Seconds() != 2 || during.Error() != "too many wrong passwords for this name: try again in 2 seconds" ||
		during.Unwrap() != nil {
		t.Errorf("during the wait: %d, %q", during.Seconds(), during)
	}
	wrong := &TooManyTriesError{Wait: 4 * time.Second, Wrong: true}
	if wrong.Seconds() != 4 || wrong.Unwrap() != ErrSignIn ||
		wrong.Error() != "the name or the password is wrong; too many wrong passwords for this name: try again in 4 seconds" {
		t.Errorf("the wrong password that started it: %d, %q", wrong.Seconds(), wrong)
	}
}
