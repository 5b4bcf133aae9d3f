package app

import (
	"fmt"
	"strings"
	"time"
)

// DayLayout is how a day is typed and shown everywhere: 2026-11-23.
const DayLayout = "2006-01-02"

// ParseDay reads a day typed as 2026-11-23 as its first moment in the
// computer's time zone.
func ParseDay(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	t, err := time.ParseInLocation(DayLayout, s, time.Local)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a day like 2026-11-23", s)
	}
	return t, nil
}

// DayRangeError says which end of a range of days is wrong: "from" or
// "to" is not a day, "order" when the last comes before the first.
type DayRangeError struct{ Bad string }

func (e *DayRangeError) Error() string {
	if e.Bad == "order" {
		return "the last day is before the first"
	}
	return fmt.Sprintf("the %s day is not a day like 2026-11-23", map[string]string{"from": "first", "to": "last"}[e.Bad])
}

// DayRange reads a first and a last day, both included and either left
// empty for no bound, as the moments they cover: from the first day's
// start (zero without one) up to, not including, the start of the day
// after the last (zero without one).
func DayRange(first, last string) (from, to time.Time, err error) {
	if strings.TrimSpace(first) != "" {
		if from, err = ParseDay(first); err != nil {
			return time.Time{}, time.Time{}, &DayRangeError{Bad: "from"}
		}
	}
	if strings.TrimSpace(last) != "" {
		end, err := ParseDay(last)
		if err != nil {
			return time.Time{}, time.Time{}, &DayRangeError{Bad: "to"}
		}
		if !from.IsZero() && end.Before(from) {
			return time.Time{}, time.Time{}, &DayRangeError{Bad: "order"}
		}
		to = end.AddDate(0, 0, 1)
	}
	return from, to, nil
}
