package app

import (
	"strings"
	"time"
)

// Address is a structured postal address, fine enough for a courier
// and for the remote-area check.
type Address struct {
	Province string // province or state
	City     string
	District string
	Street   string // street and number
	Postcode string
	Country  string // ISO 3166 alpha-2, e.g. "CN", "GB"
}

// OneLine writes the address for lists and labels, largest part first for
// Chinese addresses and smallest first elsewhere.
func (a Address) OneLine() string {
	parts := []string{a.Province, a.City, a.District, a.Street}
	sep := ""
	if a.Country != "" && a.Country != "CN" && a.Country != "TW" && a.Country != "HK" {
		parts = []string{a.Street, a.District, a.City, a.Province, a.Postcode, a.Country}
		sep = ", "
	}
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += sep
		}
		out += p
	}
	return out
}

// Deliverable reports whether a courier could bring a parcel here: a
// street, or at least a city with a postcode. A walk-in's empty address
// is not one.
func (a Address) Deliverable() bool {
	return strings.TrimSpace(a.Street) != "" || (strings.TrimSpace(a.City) != "" && strings.TrimSpace(a.Postcode) != "")
}

// CustomerKind separates walk-in and web buyers from trade accounts.
type CustomerKind string

const (
	CustomerRetail CustomerKind = "retail"
	CustomerDealer CustomerKind = "dealer"
)

// Customer is someone who orders. Dealers may buy on credit terms up to a
// limit and carry their qualification details.
type Customer struct {
	ID      int64
	Code    string // the shop's own customer code, optional
	Name    string // full name or company name
	Kind    CustomerKind
	Contact string // contact person, for companies
	Phone   string
	Email   string
	Address Address
	// DocumentLanguage is what the customer's documents and messages are
	// written in (LanguageEnglish, …); empty: the shop's.
	DocumentLanguage string

	CreditLimit     Money // 0: no credit
	PaymentTermDays int   // net N days for dealers on credit
	LateFeePerMille int   // late fee per month, in ‰ of the overdue amount

	LicenceNo          string // business licence / qualification number
	QualificationNotes string

	Notes     string
	Archived  bool
	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int64
}

// Validate checks every field and reports all problems at once.
func (c *Customer) Validate() error {
	var p problems
	c.Name, c.Code, c.Contact = cleanText(c.Name), cleanText(c.Code), cleanText(c.Contact)
	c.Phone, c.Email, c.LicenceNo = cleanText(c.Phone), cleanText(c.Email), cleanText(c.LicenceNo)
	c.QualificationNotes, c.Notes = cleanMultiline(c.QualificationNotes), cleanMultiline(c.Notes)
	c.Address = cleanAddress(c.Address)
	requireText(&p, "name", c.Name, 1, MaxNameRunes)
	switch c.Kind {
	case CustomerRetail, CustomerDealer:
	case "":
		p.add("kind", CodeRequired, "choose retail or dealer")
	default:
		p.add("kind", CodeInvalid, "kind must be retail or dealer, not %q", c.Kind)
	}
	optionalText(&p, "code", c.Code, 40)
	optionalText(&p, "contact", c.Contact, MaxPersonRunes)
	if c.Phone != "" {
		checkPhone(&p, "phone", c.Phone, c.Address.Country)
	}
	if c.Email != "" {
		checkEmail(&p, "email", c.Email)
	}
	checkAddressLengths(&p, "address", c.Address)
	if !validDocumentLanguage(c.DocumentLanguage) {
		p.add("document_language", CodeInvalid, "documents are written in English, Simplified or Traditional Chinese")
	}
	if c.CreditLimit < 0 {
		p.add("credit_limit", CodeTooSmall, "the credit limit cannot be negative")
	}
	if c.CreditLimit > maxAmount {
		p.add("credit_limit", CodeTooLarge, "the credit limit is too large")
	}
	if c.PaymentTermDays < 0 || c.PaymentTermDays > 365 {
		p.add("payment_term_days", CodeInvalid, "payment terms must be between 0 and 365 days")
	}
	if c.LateFeePerMille < 0 || c.LateFeePerMille > 100 {
		p.add("late_fee", CodeInvalid, "the late fee must be between 0 and 10%% a month")
	}
	if c.Kind == CustomerRetail && c.PaymentTermDays > 0 {
		p.add("payment_term_days", CodeInvalid, "only dealers buy on credit terms")
	}
	optionalText(&p, "licence_no", c.LicenceNo, 60)
	optionalText(&p, "qualification_notes", c.QualificationNotes, 1000)
	optionalText(&p, "notes", c.Notes, 2000)
	return p.err()
}
