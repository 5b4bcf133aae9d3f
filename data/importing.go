package data

import (
	"context"
	"encoding/json"
	"fmt"

	"orderdesk/app"
)

// PlatformOrderNumber is the number of the order taken from the platform
// under that id, "" if none.
func (t *tx) PlatformOrderNumber(ctx context.Context, channel app.Channel, platformOrderID string) (string, error) {
	var number string
	err := t.queryRow(ctx, `SELECT number FROM orders WHERE channel = ? AND platform_order_id = ? AND platform_order_id <> ''`,
		channel, platformOrderID).Scan(&number)
	if isNoRows(err) {
		return "", nil
	}
	return number, storageError(err)
}

// ProductByListing is the product a platform item was matched to.
func (t *tx) ProductByListing(ctx context.Context, channel app.Channel, listing string) (int64, error) {
	var id int64
	err := t.queryRow(ctx, `SELECT product_id FROM product_listings WHERE channel = ? AND listing = ?`, channel, listing).Scan(&id)
	if isNoRows(err) {
		return 0, notFound("listing", listing)
	}
	return id, storageError(err)
}

// SaveProductListing remembers a platform item's product; an item
// already matched keeps its first product.
func (t *tx) SaveProductListing(ctx context.Context, channel app.Channel, listing string, productID int64) error {
	_, err := t.exec(ctx, `INSERT INTO product_listings (channel, listing, product_id) VALUES (?, ?, ?)
		ON CONFLICT (channel, listing) DO NOTHING`, channel, listing, productID)
	return storageError(err)
}

// ProductByTitle finds the one active product named so (its name or
// English name, letter case aside) with that spec; none or several is
// ErrNotFound.
func (t *tx) ProductByTitle(ctx context.Context, name, spec string) (int64, error) {
	rows, err := t.query(ctx, `SELECT id FROM products WHERE active = 1 AND (name = ? COLLATE NOCASE OR alt_name = ? COLLATE NOCASE)
		AND spec = ? COLLATE NOCASE LIMIT 2`, name, name, spec)
	if err != nil {
		return 0, storageError(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return 0, storageError(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return 0, storageError(err)
	}
	if len(ids) != 1 {
		return 0, notFound("product", name)
	}
	return ids[0], nil
}

// CustomerByKey finds a customer by code, else e-mail, else phone digits.
func (t *tx) CustomerByKey(ctx context.Context, code, email, phoneDigits string) (*app.Customer, error) {
	for _, q := range []struct {
		where, value string
	}{{"code = ?", code}, {"email = ? COLLATE NOCASE AND email <> ''", email}, {"phone_digits = ?", phoneDigits}} {
		if q.value == "" {
			continue
		}
		c, err := scanCustomer(t.queryRow(ctx, `SELECT `+customerColumns+` FROM customers WHERE `+q.where+
			` ORDER BY archived, id LIMIT 1`, q.value))
		if isNoRows(err) {
			continue
		}
		if err != nil {
			return nil, storageError(err)
		}
		return c, nil
	}
	return nil, notFound("customer", code+email+phoneDigits)
}

// SaveImportMapping stores a mapping under its name.
func (t *tx) SaveImportMapping(ctx context.Context, m app.ImportMapping) error {
	cols, err := json.Marshal(m.Columns)
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `INSERT INTO import_mappings (name, channel, columns, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET channel = excluded.channel, columns = excluded.columns,
		updated_at = excluded.updated_at`, m.Name, m.Channel, string(cols), fmtTime(m.UpdatedAt))
	return err
}

// ImportMappings lists the saved mappings by name.
func (t *tx) ImportMappings(ctx context.Context) ([]app.ImportMapping, error) {
	rows, err := t.query(ctx, `SELECT name, channel, columns, updated_at FROM import_mappings ORDER BY name`)
	if err != nil {
		return nil, storageError(err)
	}
	defer rows.Close()
	var list []app.ImportMapping
	for rows.Next() {
		var m app.ImportMapping
		var cols string
		var ts timeScanner
		if err := rows.Scan(&m.Name, &m.Channel, &cols, ts.at(&m.UpdatedAt)); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(cols), &m.Columns); err != nil {
			return nil, fmt.Errorf("import mapping %s: %w", m.Name, err)
		}
		if err := ts.parse(); err != nil {
			return nil, err
		}
		list = append(list, m)
	}
	return list, storageError(rows.Err())
}

// DeleteImportMapping removes a mapping.
func (t *tx) DeleteImportMapping(ctx context.Context, name string) error {
	res, err := t.exec(ctx, `DELETE FROM import_mappings WHERE name = ?`, name)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return notFound("import mapping", name)
	}
	return nil
}
