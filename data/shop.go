package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"orderdesk/app"
)

// Shop returns the shop's settings; a new database has none yet and gets
// an unnamed shop in CNY with the default calendar and policy.
func (t *tx) Shop(ctx context.Context) (app.Shop, error) {
	var s app.Shop
	var currency, days, holidays, areas, coupons string
	a, cal, pol := &s.Address, &s.Calendar, &s.Policy
	err := t.queryRow(ctx, `SELECT name, currency, country, order_prefix, phone, email,
		province, city, district, street, postcode, addr_country, tax_id, logo, work_start, work_end, work_days,
		holidays, remote_areas, quantity_factor, cutoff, return_window_days, auto_complete_days,
		auto_confirm, second_check, large_order, max_discount_percent, coupons, contact_within_minutes, document_language,
		verify_picks, complete_on_signoff, paper, bank_account_holder, bank_name, bank_account, bank_swift,
		payment_instructions FROM shop WHERE id = 1`).
		Scan(&s.Name, &currency, &s.Country, &s.OrderPrefix, &s.Phone, &s.Email,
			&a.Province, &a.City, &a.District, &a.Street, &a.Postcode, &a.Country, &s.TaxID, &s.Logo,
			&cal.Start, &cal.End, &days, &holidays, &areas, &pol.QuantityFactor, &pol.CutOff,
			&pol.ReturnWindowDays, &pol.AutoCompleteDays, &pol.AutoConfirm, &pol.SecondCheck, &pol.LargeOrder,
			&pol.MaxDiscountPercent, &coupons, &pol.ContactWithinMinutes, &s.DocumentLanguage,
			&pol.VerifyPicks, &pol.CompleteOnSignOff, &s.Paper, &s.Bank.AccountHolder, &s.Bank.BankName, &s.Bank.Account,
			&s.Bank.SWIFT, &s.Bank.Instructions)
	if isNoRows(err) {
		c, _ := app.LookupCurrency("CNY")
		return app.Shop{Currency: c, Country: "CN", Calendar: app.DefaultCalendar(), Policy: app.DefaultPolicy(),
			Paper: app.PaperA4}, nil
	}
	if err != nil {
		return s, storageError(err)
	}
	c, ok := app.LookupCurrency(currency)
	if !ok {
		return s, fmt.Errorf("the shop's currency %q is unknown to this program", currency)
	}
	s.Currency = c
	for _, d := range days {
		if d >= '0' && d <= '6' {
			cal.Days[d-'0'] = true
		}
	}
	for _, h := range strings.Split(holidays, ",") {
		if day, err := parseDate(strings.TrimSpace(h)); err == nil && !day.IsZero() {
			cal.Holidays = append(cal.Holidays, day)
		}
	}
	if areas != "" {
		pol.RemoteAreas = strings.Split(areas, "\n")
	}
	if coupons != "" {
		pol.Coupons = strings.Split(coupons, "\n")
	}
	return s, nil
}

// SaveShop stores the shop's settings.
func (t *tx) SaveShop(ctx context.Context, s app.Shop) error {
	a, cal, pol := s.Address, s.Calendar, s.Policy
	var days strings.Builder
	for d, open := range cal.Days {
		if open {
			days.WriteString(strconv.Itoa(d))
		}
	}
	holidays := make([]string, len(cal.Holidays))
	for i, h := range cal.Holidays {
		holidays[i] = h.Format(dateLayout)
	}
	var logo any
	if len(s.Logo) > 0 {
		logo = s.Logo
	} else {
		logo = sql.NullString{}
	}
	_, err := t.exec(ctx, `INSERT INTO shop (id, name, currency, country, order_prefix, phone, email,
		province, city, district, street, postcode, addr_country, tax_id, logo, work_start, work_end, work_days,
		holidays, remote_areas, quantity_factor, cutoff, return_window_days, auto_complete_days,
		auto_confirm, second_check, large_order, max_discount_percent, coupons, contact_within_minutes, document_language,
		verify_picks, complete_on_signoff, paper, bank_account_holder, bank_name, bank_account, bank_swift,
		payment_instructions)
		VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, currency = excluded.currency, country = excluded.country,
		order_prefix = excluded.order_prefix, phone = excluded.phone, email = excluded.email,
		province = excluded.province, city = excluded.city, district = excluded.district, street = excluded.street,
		postcode = excluded.postcode, addr_country = excluded.addr_country, tax_id = excluded.tax_id, logo = excluded.logo,
		work_start = excluded.work_start, work_end = excluded.work_end, work_days = excluded.work_days,
		holidays = excluded.holidays, remote_areas = excluded.remote_areas, quantity_factor = excluded.quantity_factor,
		cutoff = excluded.cutoff, return_window_days = excluded.return_window_days,
		auto_complete_days = excluded.auto_complete_days, auto_confirm = excluded.auto_confirm,
		second_check = excluded.second_check, large_order = excluded.large_order,
		max_discount_percent = excluded.max_discount_percent, coupons = excluded.coupons,
		contact_within_minutes = excluded.contact_within_minutes, document_language = excluded.document_language,
		verify_picks = excluded.verify_picks, complete_on_signoff = excluded.complete_on_signoff, paper = excluded.paper,
		bank_account_holder = excluded.bank_account_holder, bank_name = excluded.bank_name,
		bank_account = excluded.bank_account, bank_swift = excluded.bank_swift,
		payment_instructions = excluded.payment_instructions`,
		s.Name, s.Currency.Code, s.Country, s.OrderPrefix, s.Phone, s.Email,
		a.Province, a.City, a.District, a.Street, a.Postcode, a.Country, s.TaxID, logo, cal.Start, cal.End,
		days.String(), strings.Join(holidays, ","), strings.Join(pol.RemoteAreas, "\n"), pol.QuantityFactor,
		pol.CutOff, pol.ReturnWindowDays, pol.AutoCompleteDays, pol.AutoConfirm, pol.SecondCheck, pol.LargeOrder,
		pol.MaxDiscountPercent, strings.Join(pol.Coupons, "\n"), pol.ContactWithinMinutes, s.DocumentLanguage,
		pol.VerifyPicks, pol.CompleteOnSignOff, paperOrA4(s.Paper), s.Bank.AccountHolder, s.Bank.BankName, s.Bank.Account,
		s.Bank.SWIFT, s.Bank.Instructions)
	return err
}

// NextNumber bumps and returns a sequence inside the caller's transaction.
func (t *tx) NextNumber(ctx context.Context, sequence, period string) (int64, error) {
	var n int64
	err := t.queryRow(ctx, `INSERT INTO number_sequences (sequence, period, last) VALUES (?, ?, 1)
		ON CONFLICT (sequence, period) DO UPDATE SET last = last + 1 RETURNING last`, sequence, period).Scan(&n)
	if err != nil {
		return 0, storageError(fmt.Errorf("next %s number: %w", sequence, err))
	}
	return n, nil
}

// paperOrA4 is the shop's paper, A4 when it has not chosen.
func paperOrA4(paper string) string {
	if paper == "" {
		return app.PaperA4
	}
	return paper
}
