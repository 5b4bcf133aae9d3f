package app

import (
	"testing"
	"time"
)

func TestAddWorking(t *testing.T) {
	cal := DefaultCalendar()
	cal.Holidays = []time.Time{time.Date(2026, 11, 24, 0, 0, 0, 0, time.Local)}
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, time.Local) }
	cases := []struct {
		name     string
		from     time.Time
		add      time.Duration
		want     time.Time
		workings bool
	}{
		{"inside the day", at(23, 10, 0), time.Hour, at(23, 11, 0), true},
		{"over closing time to the next working day, past a holiday", at(23, 17, 30), time.Hour, at(25, 9, 30), true},
		{"before opening", at(23, 7, 0), 2 * time.Hour, at(23, 11, 0), true},
		{"on a Saturday", at(28, 12, 0), time.Hour, at(30, 10, 0), false},
		{"two working days end at closing time", at(25, 9, 0), 18 * time.Hour, at(26, 18, 0), true},
	}
	for _, c := range cases {
		if got := cal.AddWorking(c.from, c.add); !got.Equal(c.want) {
			t.Errorf("%s: %v + %v = %v, want %v", c.name, c.from, c.add, got, c.want)
		}
		if cal.WorkingDay(c.from) != c.workings {
			t.Errorf("%s: working day %v", c.name, !c.workings)
		}
	}
	if got := cal.NextWorkingDay(at(23, 15, 0)); !got.Equal(at(25, 9, 0)) {
		t.Errorf("next working day after Monday before a holiday: %v", got)
	}
}
