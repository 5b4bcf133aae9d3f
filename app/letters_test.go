package app

import (
	"errors"
	"testing"
	"time"
)

// TestOrderLetterFor: which letter each state of an order gets, and the
// day it bears.
func TestOrderLetterFor(t *testing.T) {
	ordered := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	confirmed, cancelled := ordered.Add(2*time.Hour), ordered.Add(48*time.Hour)
	history := []Event{{Action: "order.submit", At: ordered.Add(time.Hour)}, {Action: "order.confirm", At: confirmed},
		{Action: "order.cancel", At: cancelled}}
	for _, c := range []struct {
		status, heldFrom Status
		want             LetterKind
		at               time.Time
		refused          string
	}{
		{status: StatusDraft, refused: "draft"},
		{status: StatusPendingReview, refused: "pending_review"},
		{status: StatusOnHold, heldFrom: StatusPendingReview, refused: "pending_review"},
		{status: StatusOnHold, heldFrom: StatusAllocated, want: LetterConfirmation, at: confirmed},
		{status: StatusConfirmed, want: LetterConfirmation, at: confirmed},
		{status: StatusShipped, want: LetterConfirmation, at: confirmed},
		{status: StatusCompleted, want: LetterConfirmation, at: confirmed},
		{status: StatusCancelled, want: LetterCancellation, at: cancelled},
	} {
		o := &Order{Number: "202611-001", Status: c.status, HeldFrom: c.heldFrom, OrderedAt: ordered}
		got, err := OrderLetterFor(o, history)
		var none *NoLetterError
		switch {
		case c.refused != "":
			if !errors.As(err, &none) || none.Code != c.refused || none.Number != o.Number {
				t.Errorf("%s (from %s): %+v, %v; want refused as %s", c.status, c.heldFrom, got, err, c.refused)
			}
		case err != nil || got.Kind != c.want || !got.Date.Equal(c.at):
			t.Errorf("%s (from %s): %+v, %v; want %s of %s", c.status, c.heldFrom, got, err, c.want, c.at)
		}
	}
	// Imported confirmed, without the step in its history: the day it was
	// ordered.
	if got, _ := OrderLetterFor(&Order{Status: StatusConfirmed, OrderedAt: ordered}, nil); !got.Date.Equal(ordered) {
		t.Errorf("an order without history is dated %s", got.Date)
	}
}

// TestCaseLetterFor: which letter each state of an after-sales case gets.
func TestCaseLetterFor(t *testing.T) {
	asked := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	decided, received := asked.Add(24*time.Hour), asked.Add(5*24*time.Hour)
	for _, c := range []struct {
		name    string
		c       Case
		want    LetterKind
		at      time.Time
		refused string
	}{
		{"requested", Case{Kind: CaseReturnRefund, Status: CaseRequested, RequestedAt: asked}, LetterCaseReceived, asked, ""},
		{"approved return", Case{Kind: CaseReturnRefund, Status: CaseApproved, RequestedAt: asked, DecidedAt: decided}, LetterReturnGoods, decided, ""},
		{"approved exchange", Case{Kind: CaseExchange, Status: CaseApproved, DecidedAt: decided}, LetterReturnGoods, decided, ""},
		{"rejected", Case{Kind: CaseReturnRefund, Status: CaseRejected, DecidedAt: decided, ClosedAt: decided}, LetterCaseRejected, decided, ""},
		{"re-sent", Case{Kind: CaseResend, Status: CaseClosed, DecidedAt: decided, ClosedAt: decided}, LetterNothingToReturn, decided, ""},
		{"partial refund", Case{Kind: CasePartialRefund, Status: CaseApproved, DecidedAt: decided}, LetterNothingToReturn, decided, ""},
		{"goods back", Case{Kind: CaseReturnRefund, Status: CaseReceived, DecidedAt: decided, ReceivedAt: received}, LetterReturnedReceived, received, ""},
		{"refunded", Case{Kind: CaseReturnRefund, Status: CaseClosed, DecidedAt: decided, ReceivedAt: received}, LetterReturnedReceived, received, ""},
		{"withdrawn", Case{Kind: CaseReturnRefund, Status: CaseClosed, ClosedAt: decided}, "", time.Time{}, "closed_undecided"},
		{"never came back", Case{Kind: CaseReturnRefund, Status: CaseClosed, DecidedAt: decided}, "", time.Time{}, "closed_unreturned"},
		{"undeliverable", Case{Kind: CaseUndeliverable, Status: CaseApproved, DecidedAt: decided}, "", time.Time{}, "undeliverable"},
	} {
		got, err := CaseLetterFor(&c.c)
		var none *NoLetterError
		switch {
		case c.refused != "":
			if !errors.As(err, &none) || none.Code != c.refused {
				t.Errorf("%s: %+v, %v; want refused as %s", c.name, got, err, c.refused)
			}
		case err != nil || got.Kind != c.want || !got.Date.Equal(c.at):
			t.Errorf("%s: %+v, %v; want %s of %s", c.name, got, err, c.want, c.at)
		}
	}
}

// TestLanguageForCountry: the language proposed for a new customer.
func TestLanguageForCountry(t *testing.T) {
	for country, want := range map[string]string{"CN": "zh", "TW": "zh-Hant", "HK": "zh-Hant", "MO": "zh-Hant", "GB": "en",
		"DE": "en", "": ""} {
		if got := LanguageForCountry(country); got != want {
			t.Errorf("%q: %q, want %q", country, got, want)
		}
	}
	c := Customer{Name: "x", Kind: CustomerRetail, DocumentLanguage: "fr"}
	if _, ok := IsValidation(c.Validate()); !ok {
		t.Error("a document language the documents cannot print was accepted")
	}
}

// TestBankDetails: the shop's bank details are tidied and checked.
func TestBankDetails(t *testing.T) {
	for _, c := range []struct {
		name  string
		bank  BankDetails
		field string
	}{
		{"none", BankDetails{}, ""},
		{"instructions only", BankDetails{Instructions: "Pay at the counter."}, ""},
		{"Chinese account", BankDetails{AccountHolder: "杭州青岚茶舍有限公司", Account: "6222 0210 0109 8765 432"}, ""},
		{"IBAN", BankDetails{AccountHolder: "Qinglan", Account: "gb82 west 1234 5698 7654 32", SWIFT: "bkch cnbj 910"}, ""},
		{"IBAN mistyped", BankDetails{AccountHolder: "Qinglan", Account: "GB82 WEST 1234 5698 7654 33"}, "bank.account"},
		{"letters in an account", BankDetails{AccountHolder: "Qinglan", Account: "12345X"}, "bank.account"},
		{"no holder", BankDetails{Account: "6222021001098765432"}, "bank.account_holder"},
		{"bank without account", BankDetails{BankName: "Bank of China"}, "bank.account"},
		{"bad SWIFT", BankDetails{AccountHolder: "Qinglan", Account: "6222021001098765432", SWIFT: "BKCH12"}, "bank.swift"},
	} {
		var p problems
		b := c.bank
		checkBank(&p, &b)
		err := p.err()
		v, _ := IsValidation(err)
		switch {
		case c.field == "" && err != nil:
			t.Errorf("%s: refused: %v", c.name, err)
		case c.field != "" && (v == nil || v.Fields[0].Field != c.field):
			t.Errorf("%s: %v, want a problem with %s", c.name, err, c.field)
		}
		if c.name == "IBAN" && (b.Account != "GB82 WEST 1234 5698 7654 32" || b.SWIFT != "BKCHCNBJ910") {
			t.Errorf("tidied to %q %q", b.Account, b.SWIFT)
		}
	}
}
