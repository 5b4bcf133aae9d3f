package data

import (
	"context"
	"fmt"
	"strings"

	"orderdesk/app"
)

const customerColumns = `id, code, name, kind, contact, phone, email, province, city, district, street, postcode, country,
	document_language, credit_limit, payment_term_days, late_fee_per_mille, licence_no, qualification_notes, notes, archived,
	created_at, updated_at, version`

type scanner interface{ Scan(dest ...any) error }

func scanCustomer(r scanner) (*app.Customer, error) {
	var c app.Customer
	var ts timeScanner
	var archived int
	a := &c.Address
	if err := r.Scan(&c.ID, &c.Code, &c.Name, &c.Kind, &c.Contact, &c.Phone, &c.Email,
		&a.Province, &a.City, &a.District, &a.Street, &a.Postcode, &a.Country, &c.DocumentLanguage,
		&c.CreditLimit, &c.PaymentTermDays, &c.LateFeePerMille, &c.LicenceNo, &c.QualificationNotes, &c.Notes, &archived,
		ts.at(&c.CreatedAt), ts.at(&c.UpdatedAt), &c.Version); err != nil {
		return nil, err
	}
	c.Archived = archived != 0
	return &c, ts.parse()
}

func customerArgs(c *app.Customer) []any {
	a := c.Address
	return []any{c.Code, c.Name, c.Kind, c.Contact, c.Phone, app.PhoneDigits(c.Phone), c.Email,
		a.Province, a.City, a.District, a.Street, a.Postcode, a.Country, c.DocumentLanguage,
		c.CreditLimit, c.PaymentTermDays, c.LateFeePerMille, c.LicenceNo, c.QualificationNotes, c.Notes, boolInt(c.Archived)}
}

// InsertCustomer stores a new customer and sets its ID.
func (t *tx) InsertCustomer(ctx context.Context, c *app.Customer) error {
	c.Version = 1
	id, err := t.insert(ctx, `INSERT INTO customers (code, name, kind, contact, phone, phone_digits, email,
		province, city, district, street, postcode, country, document_language, credit_limit, payment_term_days,
		late_fee_per_mille, licence_no, qualification_notes, notes, archived, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
		append(customerArgs(c), fmtTime(c.CreatedAt), fmtTime(c.UpdatedAt))...)
	if err != nil {
		return uniqueAsField(err, "code", "another customer has the code "+c.Code)
	}
	c.ID = id
	return nil
}

// UpdateCustomer stores changes if nobody saved the customer in between.
func (t *tx) UpdateCustomer(ctx context.Context, c *app.Customer) error {
	args := append(customerArgs(c), fmtTime(c.UpdatedAt), c.ID, c.Version)
	res, err := t.exec(ctx, `UPDATE customers SET code = ?, name = ?, kind = ?, contact = ?, phone = ?, phone_digits = ?,
		email = ?, province = ?, city = ?, district = ?, street = ?, postcode = ?, country = ?, document_language = ?, credit_limit = ?,
		payment_term_days = ?, late_fee_per_mille = ?, licence_no = ?, qualification_notes = ?, notes = ?, archived = ?,
		updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`, args...)
	if err != nil {
		return uniqueAsField(err, "code", "another customer has the code "+c.Code)
	}
	if err := expectOne(res, "customer", c.ID); err != nil {
		return err
	}
	c.Version++
	return nil
}

// Customer returns one customer.
func (t *tx) Customer(ctx context.Context, id int64) (*app.Customer, error) {
	c, err := scanCustomer(t.queryRow(ctx, `SELECT `+customerColumns+` FROM customers WHERE id = ?`, id))
	if isNoRows(err) {
		return nil, notFound("customer", id)
	}
	return c, storageError(err)
}

// FindCustomers matches name, code and contact by prefix and phone by
// digits, with the total count for paging.
func (t *tx) FindCustomers(ctx context.Context, f app.CustomerFilter) ([]app.Customer, int, error) {
	var where []string
	var args []any
	if text := strings.TrimSpace(f.Text); text != "" {
		like := escapeLike(text) + "%"
		cond := `(name LIKE ? ESCAPE '\' OR code LIKE ? ESCAPE '\' OR contact LIKE ? ESCAPE '\' OR email LIKE ? ESCAPE '\'`
		args = append(args, like, like, like, like)
		if d := app.PhoneDigits(text); len(d) >= 3 && len(d)*2 >= len(text) {
			cond += ` OR phone_digits LIKE ?`
			args = append(args, "%"+d+"%")
		}
		where = append(where, cond+")")
	}
	if f.Kind != "" {
		where = append(where, "kind = ?")
		args = append(args, f.Kind)
	}
	if !f.IncludeArchived {
		where = append(where, "archived = 0")
	}
	q := `SELECT ` + customerColumns + `, count(*) OVER () FROM customers` + whereClause(where) +
		` ORDER BY name COLLATE NOCASE, id LIMIT ? OFFSET ?`
	rows, err := t.tx.QueryContext(ctx, q, append(args, limitOr(f.Limit, 50), f.Offset)...)
	if err != nil {
		return nil, 0, storageError(err)
	}
	defer rows.Close()
	var list []app.Customer
	total := 0
	for rows.Next() {
		var c *app.Customer
		c, err = scanCustomer(scanWithTotal{rows, &total})
		if err != nil {
			return nil, 0, err
		}
		list = append(list, *c)
	}
	return list, total, storageError(rows.Err())
}

const productColumns = `id, sku, kind, name, alt_name, spec, unit, price, floor_price, cost, barcode, weight_grams, active,
	created_at, updated_at, version`

func scanProduct(r scanner) (*app.Product, error) {
	var p app.Product
	var ts timeScanner
	var active int
	if err := r.Scan(&p.ID, &p.SKU, &p.Kind, &p.Name, &p.AltName, &p.Spec, &p.Unit, &p.Price, &p.FloorPrice, &p.Cost,
		&p.Barcode, &p.WeightGrams, &active, ts.at(&p.CreatedAt), ts.at(&p.UpdatedAt), &p.Version); err != nil {
		return nil, err
	}
	p.Active = active != 0
	return &p, ts.parse()
}

// productKind stores an unset kind as goods, what every product was
// before kinds existed.
func productKind(k app.ProductKind) app.ProductKind {
	if k == "" {
		return app.ProductGoods
	}
	return k
}

func productArgs(p *app.Product) []any {
	return []any{p.SKU, productKind(p.Kind), p.Name, p.AltName, p.Spec, p.Unit, p.Price, p.FloorPrice, p.Cost, p.Barcode, p.WeightGrams, boolInt(p.Active)}
}

// InsertProduct stores a new product with its alternates.
func (t *tx) InsertProduct(ctx context.Context, p *app.Product) error {
	p.Version = 1
	id, err := t.insert(ctx, `INSERT INTO products (sku, kind, name, alt_name, spec, unit, price, floor_price, cost, barcode,
		weight_grams, active, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
		append(productArgs(p), fmtTime(p.CreatedAt), fmtTime(p.UpdatedAt))...)
	if err != nil {
		return uniqueAsField(err, "sku", "another product has this SKU or barcode")
	}
	p.ID = id
	return t.saveAlternates(ctx, p)
}

// UpdateProduct stores changes if nobody saved the product in between.
func (t *tx) UpdateProduct(ctx context.Context, p *app.Product) error {
	res, err := t.exec(ctx, `UPDATE products SET sku = ?, kind = ?, name = ?, alt_name = ?, spec = ?, unit = ?, price = ?,
		floor_price = ?, cost = ?, barcode = ?, weight_grams = ?, active = ?, updated_at = ?, version = version + 1
		WHERE id = ? AND version = ?`, append(productArgs(p), fmtTime(p.UpdatedAt), p.ID, p.Version)...)
	if err != nil {
		return uniqueAsField(err, "sku", "another product has this SKU or barcode")
	}
	if err := expectOne(res, "product", p.ID); err != nil {
		return err
	}
	p.Version++
	return t.saveAlternates(ctx, p)
}

func (t *tx) saveAlternates(ctx context.Context, p *app.Product) error {
	if _, err := t.exec(ctx, `DELETE FROM product_alternates WHERE product_id = ?`, p.ID); err != nil {
		return err
	}
	for _, a := range p.Alternates {
		if _, err := t.exec(ctx, `INSERT OR IGNORE INTO product_alternates (product_id, alternate_id) VALUES (?, ?)`, p.ID, a); err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) loadAlternates(ctx context.Context, p *app.Product) error {
	rows, err := t.query(ctx, `SELECT alternate_id FROM product_alternates WHERE product_id = ? ORDER BY alternate_id`, p.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	p.Alternates = nil
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		p.Alternates = append(p.Alternates, id)
	}
	return rows.Err()
}

// Product returns one product with its alternates.
func (t *tx) Product(ctx context.Context, id int64) (*app.Product, error) {
	p, err := scanProduct(t.queryRow(ctx, `SELECT `+productColumns+` FROM products WHERE id = ?`, id))
	if isNoRows(err) {
		return nil, notFound("product", id)
	}
	if err != nil {
		return nil, storageError(err)
	}
	return p, t.loadAlternates(ctx, p)
}

// ProductByCode finds a product by exact SKU, else by barcode.
func (t *tx) ProductByCode(ctx context.Context, code string) (*app.Product, error) {
	if code == "" {
		return nil, notFound("product", `""`)
	}
	p, err := scanProduct(t.queryRow(ctx, `SELECT `+productColumns+` FROM products WHERE sku = ?
		UNION ALL SELECT `+productColumns+` FROM products WHERE barcode = ? AND sku <> ? LIMIT 1`, code, code, code))
	if isNoRows(err) {
		return nil, notFound("product", code)
	}
	if err != nil {
		return nil, storageError(err)
	}
	return p, t.loadAlternates(ctx, p)
}

// FindProducts matches SKU, barcode and names by prefix.
func (t *tx) FindProducts(ctx context.Context, f app.ProductFilter) ([]app.Product, int, error) {
	var where []string
	var args []any
	if text := strings.TrimSpace(f.Text); text != "" {
		like := escapeLike(text) + "%"
		where = append(where, `(sku LIKE ? ESCAPE '\' OR barcode LIKE ? ESCAPE '\' OR name LIKE ? ESCAPE '\' OR alt_name LIKE ? ESCAPE '\' OR name LIKE ? ESCAPE '\')`)
		args = append(args, like, like, like, like, "%"+like)
	}
	if !f.IncludeInactive {
		where = append(where, "active = 1")
	}
	q := `SELECT ` + productColumns + `, count(*) OVER () FROM products` + whereClause(where) + ` ORDER BY sku LIMIT ? OFFSET ?`
	rows, err := t.tx.QueryContext(ctx, q, append(args, limitOr(f.Limit, 50), f.Offset)...)
	if err != nil {
		return nil, 0, storageError(err)
	}
	defer rows.Close()
	var list []app.Product
	total := 0
	for rows.Next() {
		p, err := scanProduct(scanWithTotal{rows, &total})
		if err != nil {
			return nil, 0, err
		}
		list = append(list, *p)
	}
	return list, total, storageError(rows.Err())
}

const warehouseColumns = `id, code, name, province, city, district, street, postcode, country, phone, shipping_rank, active, version`

func scanWarehouse(r scanner) (*app.Warehouse, error) {
	var w app.Warehouse
	var active int
	a := &w.Address
	err := r.Scan(&w.ID, &w.Code, &w.Name, &a.Province, &a.City, &a.District, &a.Street, &a.Postcode, &a.Country,
		&w.Phone, &w.ShippingRank, &active, &w.Version)
	w.Active = active != 0
	return &w, err
}

// InsertWarehouse stores a new warehouse.
func (t *tx) InsertWarehouse(ctx context.Context, w *app.Warehouse) error {
	a := w.Address
	w.Version = 1
	id, err := t.insert(ctx, `INSERT INTO warehouses (code, name, province, city, district, street, postcode, country,
		phone, shipping_rank, active, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
		w.Code, w.Name, a.Province, a.City, a.District, a.Street, a.Postcode, a.Country, w.Phone, w.ShippingRank, boolInt(w.Active))
	if err != nil {
		return uniqueAsField(err, "code", "another warehouse has the code "+w.Code)
	}
	w.ID = id
	return nil
}

// UpdateWarehouse stores changes if nobody saved the warehouse in between.
func (t *tx) UpdateWarehouse(ctx context.Context, w *app.Warehouse) error {
	a := w.Address
	res, err := t.exec(ctx, `UPDATE warehouses SET code = ?, name = ?, province = ?, city = ?, district = ?, street = ?,
		postcode = ?, country = ?, phone = ?, shipping_rank = ?, active = ?, version = version + 1 WHERE id = ? AND version = ?`,
		w.Code, w.Name, a.Province, a.City, a.District, a.Street, a.Postcode, a.Country, w.Phone, w.ShippingRank,
		boolInt(w.Active), w.ID, w.Version)
	if err != nil {
		return uniqueAsField(err, "code", "another warehouse has the code "+w.Code)
	}
	if err := expectOne(res, "warehouse", w.ID); err != nil {
		return err
	}
	w.Version++
	return nil
}

// Warehouse returns one warehouse.
func (t *tx) Warehouse(ctx context.Context, id int64) (*app.Warehouse, error) {
	w, err := scanWarehouse(t.queryRow(ctx, `SELECT `+warehouseColumns+` FROM warehouses WHERE id = ?`, id))
	if isNoRows(err) {
		return nil, notFound("warehouse", id)
	}
	return w, storageError(err)
}

// Warehouses lists all warehouses by code.
func (t *tx) Warehouses(ctx context.Context) ([]app.Warehouse, error) {
	rows, err := t.query(ctx, `SELECT `+warehouseColumns+` FROM warehouses ORDER BY shipping_rank, code`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []app.Warehouse
	for rows.Next() {
		w, err := scanWarehouse(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, *w)
	}
	return list, rows.Err()
}

// InsertBin stores a new bin.
func (t *tx) InsertBin(ctx context.Context, b *app.Bin) error {
	id, err := t.insert(ctx, `INSERT INTO bins (warehouse_id, code, aisle, shelf, position) VALUES (?, ?, ?, ?, ?)`,
		b.WarehouseID, b.Code, b.Aisle, b.Shelf, b.Position)
	if err != nil {
		return uniqueAsField(err, "code", "the warehouse already has a bin "+b.Code)
	}
	b.ID = id
	return nil
}

// Bin returns one bin.
func (t *tx) Bin(ctx context.Context, id int64) (*app.Bin, error) {
	var b app.Bin
	err := t.queryRow(ctx, `SELECT id, warehouse_id, code, aisle, shelf, position FROM bins WHERE id = ?`, id).
		Scan(&b.ID, &b.WarehouseID, &b.Code, &b.Aisle, &b.Shelf, &b.Position)
	if isNoRows(err) {
		return nil, notFound("bin", id)
	}
	return &b, storageError(err)
}

// Bins lists a warehouse's bins in walking order.
func (t *tx) Bins(ctx context.Context, warehouseID int64) ([]app.Bin, error) {
	rows, err := t.query(ctx, `SELECT id, warehouse_id, code, aisle, shelf, position FROM bins
		WHERE warehouse_id = ? ORDER BY aisle, shelf, position, code`, warehouseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []app.Bin
	for rows.Next() {
		var b app.Bin
		if err := rows.Scan(&b.ID, &b.WarehouseID, &b.Code, &b.Aisle, &b.Shelf, &b.Position); err != nil {
			return nil, err
		}
		list = append(list, b)
	}
	return list, rows.Err()
}

// scanWithTotal scans a row whose last column is count(*) OVER ().
type scanWithTotal struct {
	r     scanner
	total *int
}

func (s scanWithTotal) Scan(dest ...any) error { return s.r.Scan(append(dest, s.total)...) }

func whereClause(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

func limitOr(limit, def int) int {
	if limit <= 0 || limit > 1000 {
		return def
	}
	return limit
}

// escapeLike makes user text literal inside a LIKE pattern.
func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

func expectOne(res interface{ RowsAffected() (int64, error) }, what string, id int64) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s %d: %w", what, id, app.ErrConflict)
	}
	return nil
}

// uniqueAsField turns a unique-constraint failure into a field error the
// form can show; other errors pass through.
func uniqueAsField(err error, field, msg string) error {
	if err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed") {
		return &app.ValidationError{Fields: []app.FieldError{{Field: field, Code: app.CodeDuplicate, Message: msg}}}
	}
	return err
}
