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
	// VerifyPicks: a second person checks every pick before packing.
	VerifyPicks bool
	// CompleteOnSignOff: the customer's signature completes the order.
	CompleteOnSignOff bool

	// Review.
	AutoConfirm          bool     // orders without findings are confirmed at once
	SecondCheck          bool     // hand-entered orders wait for a second person
	LargeOrder           Money    // a new customer's order from this amount is flagged; 0: never
	MaxDiscountPercent   int      // discounts beyond this share of the goods are flagged
	Coupons              []string // coupon codes the shop honours
	ContactWithinMinutes int      // working minutes to reach a customer about missing details
}

// DefaultCalendar is Monday to Friday, 09:00–18:00.
func DefaultCalendar() WorkCalendar {
	return WorkCalendar{Start: "09:00", End: "18:00", Days: [7]bool{false, true, true, true, true, true, false}}
}

// DefaultPolicy is the handbooks' figures.
func DefaultPolicy() Policy {
	return Policy{QuantityFactor: 5, CutOff: "18:00", ReturnWindowDays: 7, AutoCompleteDays: 15,
		VerifyPicks: true, CompleteOnSignOff: true, AutoConfirm: true, MaxDiscountPercent: 30, ContactWithinMinutes: 60}
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
	checkBank(&p, &shop.Bank)
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
	if pol.MaxDiscountPercent < 0 || pol.MaxDiscountPercent > 100 {
		p.add("policy.max_discount_percent", CodeInvalid, "the largest discount is between 0 and 100 percent")
	}
	if pol.ContactWithinMinutes < 5 || pol.ContactWithinMinutes > 24*60 {
		p.add("policy.contact_within_minutes", CodeInvalid, "contact the customer within 5 to 1,440 minutes")
	}
	checkAmount(&p, "policy.large_order", pol.LargeOrder)
	switch shop.DocumentLanguage {
	case "", "en", "zh":
	default:
		p.add("document_language", CodeInvalid, "documents are printed in English or Chinese")
	}
	switch shop.Paper {
	case "":
		shop.Paper = PaperA4
	case PaperA4, PaperLetter:
	default:
		p.add("paper", CodeInvalid, "documents print on A4 or US Letter")
	}
	pol.RemoteAreas = cleanList(pol.RemoteAreas, false)
	pol.Coupons = cleanList(pol.Coupons, true)
	return p.err()
}

// cleanList trims a list typed one entry per line, drops empty and
// repeated entries, and with upper upper-cases them (coupon codes).
func cleanList(list []string, upper bool) []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range list {
		a = cleanText(a)
		if upper {
			a = strings.ToUpper(a)
		}
		if a != "" && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}
