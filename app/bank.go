package app

import (
	"math/big"
	"strings"
	"unicode"
)

// checkBank tidies and checks the shop's bank details: an account needs
// its holder, and the numbers are what a bank would take. A customer who
// copies a wrong IBAN from a letter pays into nowhere, so an IBAN's check
// digits are checked.
func checkBank(p *problems, b *BankDetails) {
	b.AccountHolder, b.BankName = cleanText(b.AccountHolder), cleanText(b.BankName)
	b.Account = strings.Join(strings.Fields(strings.ToUpper(cleanText(b.Account))), " ")
	b.SWIFT = strings.ToUpper(strings.ReplaceAll(cleanText(b.SWIFT), " ", ""))
	b.Instructions = cleanMultiline(b.Instructions)
	optionalText(p, "bank.account_holder", b.AccountHolder, 120)
	optionalText(p, "bank.bank_name", b.BankName, 120)
	optionalText(p, "bank.instructions", b.Instructions, 500)
	if b.Account == "" {
		if b.AccountHolder != "" || b.BankName != "" || b.SWIFT != "" {
			p.add("bank.account", CodeRequired, "enter the account number the customers pay into")
		}
	} else {
		if b.AccountHolder == "" {
			p.add("bank.account_holder", CodeRequired, "enter whose account it is, as the bank has it")
		}
		checkAccountNumber(p, b.Account)
	}
	if b.SWIFT != "" && !validSWIFT(b.SWIFT) {
		p.add("bank.swift", CodeInvalid, "a SWIFT/BIC code has 8 or 11 letters and digits, like BKCHCNBJ300")
	}
}

// checkAccountNumber takes an account number of digits (spaces and
// dashes between groups), or an IBAN whose check digits add up.
func checkAccountNumber(p *problems, account string) {
	compact := strings.NewReplacer(" ", "", "-", "").Replace(account)
	if len(compact) < 5 || len(compact) > 34 {
		p.add("bank.account", CodeInvalid, "an account number has 5 to 34 digits or letters")
		return
	}
	if len(compact) >= 15 && unicode.IsLetter(rune(compact[0])) && unicode.IsLetter(rune(compact[1])) {
		if !validIBAN(compact) {
			p.add("bank.account", CodeInvalid, "this IBAN's check digits do not add up; copy it again from the bank's papers")
		}
		return
	}
	for _, r := range compact {
		if r < '0' || r > '9' {
			p.add("bank.account", CodeInvalid, "an account number has digits only (an IBAN starts with the country's two letters)")
			return
		}
	}
}

// validIBAN checks an IBAN's letters and its check digits (ISO 13616:
// moved to the end, letters as numbers, mod 97 is 1).
func validIBAN(iban string) bool {
	var digits strings.Builder
	for _, r := range iban[4:] + iban[:4] {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			digits.WriteString(big.NewInt(int64(r - 'A' + 10)).String())
		default:
			return false
		}
	}
	n, ok := new(big.Int).SetString(digits.String(), 10)
	return ok && new(big.Int).Mod(n, big.NewInt(97)).Int64() == 1
}

// validSWIFT checks a SWIFT/BIC code's shape: bank (4 letters), country
// (2 letters), place (2), branch (3, optional).
func validSWIFT(code string) bool {
	if len(code) != 8 && len(code) != 11 {
		return false
	}
	for i, r := range code {
		letter := r >= 'A' && r <= 'Z'
		if i < 6 && !letter || !letter && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}
