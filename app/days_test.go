package app

import (
	"errors"
	"testing"
	"time"
)

func TestDayRange(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.Local) }
	for _, tt := range []struct {
		first, last string
		from, to    time.Time
		bad         string
	}{
		{"2026-11-01", "2026-11-30", day(2026, 11, 1), day(2026, 12, 1), ""},
		{" 2026-11-05 ", "", day(2026, 11, 5), time.Time{}, ""},
		{"", "2026-12-31", time.Time{}, day(2027, 1, 1), ""},
		{"", "", time.Time{}, time.Time{}, ""},
		{"2026-11-05", "2026-11-05", day(2026, 11, 5), day(2026, 11, 6), ""},
		{"5/11/2026", "2026-11-30", time.Time{}, time.Time{}, "from"},
		{"2026-11-01", "2026-13-01", time.Time{}, time.Time{}, "to"},
		{"2026-11-30", "2026-11-01", time.Time{}, time.Time{}, "order"},
	} {
		from, to, err := DayRange(tt.first, tt.last)
		var bad *DayRangeError
		switch {
		case tt.bad != "" && (!errors.As(err, &bad) || bad.Bad != tt.bad):
			t.Errorf("%q–%q: error %v, want one about %s", tt.first, tt.last, err, tt.bad)
		case tt.bad == "" && (err != nil || !from.Equal(tt.from) || !to.Equal(tt.to)):
			t.Errorf("%q–%q: %v–%v (%v), want %v–%v", tt.first, tt.last, from, to, err, tt.from, tt.to)
		}
	}
	// A day is its first moment where the computer is, whatever the
	// season's offset.
	if d, err := ParseDay("2026-03-29"); err != nil || d.Hour() != 0 || d.Location() != time.Local {
		t.Errorf("ParseDay: %v %v", d, err)
	}
}
