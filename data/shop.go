package data

import (
	"context"
	"fmt"

	"orderdesk/app"
)

// Shop returns the shop's settings; a new database has none yet and gets
// an unnamed shop in CNY.
func (t *tx) Shop(ctx context.Context) (app.Shop, error) {
	var s app.Shop
	var currency string
	a := &s.Address
	err := t.queryRow(ctx, `SELECT name, currency, country, order_prefix, phone, email,
		province, city, district, street, postcode, addr_country FROM shop WHERE id = 1`).
		Scan(&s.Name, &currency, &s.Country, &s.OrderPrefix, &s.Phone, &s.Email,
			&a.Province, &a.City, &a.District, &a.Street, &a.Postcode, &a.Country)
	if isNoRows(err) {
		c, _ := app.LookupCurrency("CNY")
		return app.Shop{Currency: c, Country: "CN"}, nil
	}
	if err != nil {
		return s, storageError(err)
	}
	c, ok := app.LookupCurrency(currency)
	if !ok {
		return s, fmt.Errorf("the shop's currency %q is unknown to this program", currency)
	}
	s.Currency = c
	return s, nil
}

// SaveShop stores the shop's settings.
func (t *tx) SaveShop(ctx context.Context, s app.Shop) error {
	a := s.Address
	_, err := t.exec(ctx, `INSERT INTO shop (id, name, currency, country, order_prefix, phone, email,
		province, city, district, street, postcode, addr_country) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, currency = excluded.currency, country = excluded.country,
		order_prefix = excluded.order_prefix, phone = excluded.phone, email = excluded.email,
		province = excluded.province, city = excluded.city, district = excluded.district, street = excluded.street,
		postcode = excluded.postcode, addr_country = excluded.addr_country`,
		s.Name, s.Currency.Code, s.Country, s.OrderPrefix, s.Phone, s.Email,
		a.Province, a.City, a.District, a.Street, a.Postcode, a.Country)
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
