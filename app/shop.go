package app

import (
	"fmt"
	"strings"
	"time"
)

// WorkCalendar is when the shop works, for deadlines counted in working
// hours and days.
type WorkCalendar struct {
	Start, End string      // "09:00", "18:00"
	Days       [7]bool     // by time.Weekday: Sunday is 0
	Holidays   []time.Time // dates the shop is closed
}

// Policy holds the thresholds the rules read; each default is the figure
// in the shop's handbook and the shop can change it.
type Policy struct {
	RemoteAreas      []string // provinces or cities the couriers do not serve well
	QuantityFactor   int      // flag a quantity this many times the customer's usual
	CutOff           string   // same-day shipping cut-off, "18:00"
	ReturnWindowDays int
	AutoCompleteDays int // complete shipped orders this long after shipping
}

// DefaultCalendar is Monday to Friday, 09:00–18:00.
func DefaultCalendar() WorkCalendar {
	return WorkCalendar{Start: "09:00", End: "18:00", Days: [7]bool{false, true, true, true, true, true, false}}
}

// DefaultPolicy is the handbooks' figures.
func DefaultPolicy() Policy {
	return Policy{QuantityFactor: 5, CutOff: "18:00", ReturnWindowDays: 7, AutoCompleteDays: 15}
}

// ParseClock reads "HH:MM" as minutes after midnight.
func ParseClock(s string) (int, error) {
	var h, m int
	if _, err := fmt.Sscanf(strings.TrimSpace(s), "%d:%d", &h, &m); err != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, fmt.Errorf("%q is not a time like 09:30", s)
	}
	return h*60 + m, nil
}

// validateShop checks every setting and reports all problems at once.
func validateShop(shop *Shop) error {
	// A shop set up without a calendar or policy gets the defaults.
	if shop.Calendar.Start == "" && shop.Calendar.End == "" {
		shop.Calendar = DefaultCalendar()
	}
	if shop.Policy.CutOff == "" && shop.Policy.QuantityFactor == 0 {
		shop.Policy = DefaultPolicy()
	}
	var p problems
	shop.Name = cleanText(shop.Name)
	requireText(&p, "name", shop.Name, 1, 80)
	if _, ok := LookupCurrency(shop.Currency.Code); !ok {
		p.add("currency", CodeInvalid, "choose one of the listed currencies")
	}
	// Upper case: order search upper-cases a typed number, so a prefix
	// stored in lower case would never be found.
	shop.OrderPrefix = strings.ToUpper(cleanText(shop.OrderPrefix))
	optionalText(&p, "order_prefix", shop.OrderPrefix, 6)
	for _, r := range shop.OrderPrefix {
		if r < 'A' || r > 'Z' {
			p.add("order_prefix", CodeInvalid, "the prefix uses the letters A to Z only")
			break
		}
	}
	shop.Phone, shop.Email, shop.TaxID = cleanText(shop.Phone), cleanText(shop.Email), cleanText(shop.TaxID)
	if shop.Phone != "" {
		checkPhone(&p, "phone", shop.Phone, shop.Country)
	}
	if shop.Email != "" {
		checkEmail(&p, "email", shop.Email)
	}
	optionalText(&p, "tax_id", shop.TaxID, 30)
	if len(shop.Logo) > 2<<20 {
		p.add("logo", CodeTooLarge, "the logo is larger than 2 MB; use a smaller image")
	}
	shop.Address = cleanAddress(shop.Address)
	checkAddressLengths(&p, "address", shop.Address)
	cal := &shop.Calendar
	start, err1 := ParseClock(cal.Start)
	end, err2 := ParseClock(cal.End)
	switch {
	case err1 != nil:
		p.add("calendar.start", CodeInvalid, "write the opening time like 09:00")
	case err2 != nil:
		p.add("calendar.end", CodeInvalid, "write the closing time like 18:00")
	case end <= start:
		p.add("calendar.end", CodeInvalid, "the shop must close after it opens")
	}
	open := false
	for _, d := range cal.Days {
		open = open || d
	}
	if !open {
		p.add("calendar.days", CodeRequired, "choose at least one working day")
	}
	pol := &shop.Policy
	if _, err := ParseClock(pol.CutOff); err != nil {
		p.add("policy.cutoff", CodeInvalid, "write the cut-off time like 18:00")
	}
	if pol.QuantityFactor < 2 || pol.QuantityFactor > 100 {
		p.add("policy.quantity_factor", CodeInvalid, "the quantity factor is between 2 and 100")
	}
	if pol.ReturnWindowDays < 0 || pol.ReturnWindowDays > 365 {
		p.add("policy.return_window_days", CodeInvalid, "the return window is between 0 and 365 days")
	}
	if pol.AutoCompleteDays < 1 || pol.AutoCompleteDays > 365 {
		p.add("policy.auto_complete_days", CodeInvalid, "orders complete between 1 and 365 days after shipping")
	}
	var areas []string
	for _, a := range pol.RemoteAreas {
		if a = cleanText(a); a != "" {
			areas = append(areas, a)
		}
	}
	pol.RemoteAreas = areas
	return p.err()
}
