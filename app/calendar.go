package app

import "time"

// WorkingDay reports whether the shop works on t's day (local time).
func (c WorkCalendar) WorkingDay(t time.Time) bool {
	t = t.Local()
	if !c.Days[t.Weekday()] {
		return false
	}
	y, m, d := t.Date()
	for _, h := range c.Holidays {
		hy, hm, hd := h.Local().Date()
		if hy == y && hm == m && hd == d {
			return false
		}
	}
	return true
}

// hours gives the day's opening and closing times around t's date.
func (c WorkCalendar) hours(t time.Time) (open, shut time.Time) {
	start, err := ParseClock(c.Start)
	if err != nil {
		start = 9 * 60
	}
	end, err := ParseClock(c.End)
	if err != nil || end <= start {
		end = 18 * 60
	}
	y, m, d := t.Local().Date()
	midnight := time.Date(y, m, d, 0, 0, 0, 0, time.Local)
	return midnight.Add(time.Duration(start) * time.Minute), midnight.Add(time.Duration(end) * time.Minute)
}

// AddWorking counts d of working time on from t: an order that arrives at
// 17:30 with an hour to answer is due at 09:30 on the next working day
// . A calendar without working days counts plain time.
func (c WorkCalendar) AddWorking(t time.Time, d time.Duration) time.Time {
	open := false
	for _, w := range c.Days {
		open = open || w
	}
	if !open {
		return t.Add(d)
	}
	at := t.Local()
	for range 3700 { // ten years of days: stops a calendar of holidays only
		start, end := c.hours(at)
		if !c.WorkingDay(at) || !at.Before(end) {
			at = start.AddDate(0, 0, 1)
			continue
		}
		if at.Before(start) {
			at = start
		}
		left := end.Sub(at)
		if d <= left {
			return at.Add(d).In(t.Location())
		}
		d -= left
		at = start.AddDate(0, 0, 1)
	}
	return t.Add(d)
}

// NextWorkingDay is the first working day after t's day, at opening time.
func (c WorkCalendar) NextWorkingDay(t time.Time) time.Time {
	start, _ := c.hours(t)
	return c.AddWorking(start.AddDate(0, 0, 1), 0)
}

// AddWorkingDays moves t on by n working days at the same time of day
// (an invoice due within three working days, R-41).
func (c WorkCalendar) AddWorkingDays(t time.Time, n int) time.Time {
	open := false
	for _, w := range c.Days {
		open = open || w
	}
	if !open {
		return t.AddDate(0, 0, n)
	}
	at := t
	for i := 0; i < n; {
		at = at.AddDate(0, 0, 1)
		if c.WorkingDay(at) {
			i++
		}
	}
	return at
}
