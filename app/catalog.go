package app

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// SaveCustomer creates the customer (ID 0) or stores changes to it.
func (s *Service) SaveCustomer(ctx context.Context, c *Customer) error {
	c.Address = cleanAddress(c.Address)
	if err := c.Validate(); err != nil {
		return err
	}
	return s.write(ctx, PermCustomers, func(tx Tx, who Actor, now time.Time) error {
		c.UpdatedAt = now
		if c.ID == 0 {
			c.CreatedAt = now
			if c.DocumentLanguage == "" {
				// Made without a form (an import, a platform order): the
				// language its country proposes.
				c.DocumentLanguage = LanguageForCountry(c.Address.Country)
			}
			if err := tx.InsertCustomer(ctx, c); err != nil {
				return err
			}
			return record(ctx, tx, who, now, SubjectCustomer, c.ID, "customer.created", "Customer "+c.Name+" created", nil, c)
		}
		old, err := tx.Customer(ctx, c.ID)
		if err != nil {
			return err
		}
		if err := tx.UpdateCustomer(ctx, c); err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectCustomer, c.ID, "customer.changed", "Customer "+c.Name+" changed", old, c)
	})
}

// Customer returns one customer.
func (s *Service) Customer(ctx context.Context, id int64) (*Customer, error) {
	var c *Customer
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		c, err = tx.Customer(ctx, id)
		return err
	})
	return c, err
}

// FindCustomers looks customers up as the user types.
func (s *Service) FindCustomers(ctx context.Context, f CustomerFilter) ([]Customer, int, error) {
	var list []Customer
	var total int
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		list, total, err = tx.FindCustomers(ctx, f)
		return err
	})
	return list, total, err
}

// SaveProduct creates the product (ID 0) or stores changes to it. A SKU or
// barcode another product has is refused.
func (s *Service) SaveProduct(ctx context.Context, p *Product) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.write(ctx, PermCatalog, func(tx Tx, who Actor, now time.Time) error {
		for _, code := range []struct{ field, value string }{{"sku", p.SKU}, {"barcode", p.Barcode}} {
			if code.value == "" {
				continue
			}
			other, err := tx.ProductByCode(ctx, code.value)
			switch {
			case errors.Is(err, ErrNotFound):
			case err != nil:
				return err
			case other.ID != p.ID:
				return &ValidationError{Fields: []FieldError{{Field: code.field, Code: CodeDuplicate,
					Message: fmt.Sprintf("%s is already used by product %s (%s)", code.value, other.SKU, other.Name)}}}
			}
		}
		for _, a := range p.Alternates {
			if _, err := tx.Product(ctx, a); err != nil {
				if errors.Is(err, ErrNotFound) {
					return &ValidationError{Fields: []FieldError{{Field: "alternates", Code: CodeUnknown,
						Message: "an alternate product no longer exists"}}}
				}
				return err
			}
		}
		p.UpdatedAt = now
		if p.ID == 0 {
			p.CreatedAt = now
			if err := tx.InsertProduct(ctx, p); err != nil {
				return err
			}
			return record(ctx, tx, who, now, SubjectProduct, p.ID, "product.created", "Product "+p.SKU+" created", nil, p)
		}
		old, err := tx.Product(ctx, p.ID)
		if err != nil {
			return err
		}
		if err := tx.UpdateProduct(ctx, p); err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectProduct, p.ID, "product.changed", "Product "+p.SKU+" changed", old, p)
	})
}

// Product returns one product.
func (s *Service) Product(ctx context.Context, id int64) (*Product, error) {
	var p *Product
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		p, err = tx.Product(ctx, id)
		return err
	})
	return p, err
}

// ProductByCode finds a product by SKU or barcode.
func (s *Service) ProductByCode(ctx context.Context, code string) (*Product, error) {
	var p *Product
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		p, err = tx.ProductByCode(ctx, cleanText(code))
		return err
	})
	return p, err
}

// FindProducts looks products up as the user types.
func (s *Service) FindProducts(ctx context.Context, f ProductFilter) ([]Product, int, error) {
	var list []Product
	var total int
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		list, total, err = tx.FindProducts(ctx, f)
		return err
	})
	return list, total, err
}

// SaveWarehouse creates the warehouse (ID 0) or stores changes to it.
func (s *Service) SaveWarehouse(ctx context.Context, w *Warehouse) error {
	w.Address = cleanAddress(w.Address)
	if err := w.Validate(); err != nil {
		return err
	}
	return s.write(ctx, PermStock, func(tx Tx, who Actor, now time.Time) error {
		if w.ID == 0 {
			if err := tx.InsertWarehouse(ctx, w); err != nil {
				return err
			}
			return record(ctx, tx, who, now, SubjectWarehouse, w.ID, "warehouse.created", "Warehouse "+w.Code+" created", nil, w)
		}
		old, err := tx.Warehouse(ctx, w.ID)
		if err != nil {
			return err
		}
		if err := tx.UpdateWarehouse(ctx, w); err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectWarehouse, w.ID, "warehouse.changed", "Warehouse "+w.Code+" changed", old, w)
	})
}

// Warehouses lists every warehouse.
func (s *Service) Warehouses(ctx context.Context) ([]Warehouse, error) {
	var list []Warehouse
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		list, err = tx.Warehouses(ctx)
		return err
	})
	return list, err
}

// AddBin adds a bin location to a warehouse.
func (s *Service) AddBin(ctx context.Context, b *Bin) error {
	if err := b.Validate(); err != nil {
		return err
	}
	return s.write(ctx, PermStock, func(tx Tx, who Actor, now time.Time) error {
		w, err := tx.Warehouse(ctx, b.WarehouseID)
		if err != nil {
			return fmt.Errorf("warehouse %d: %w", b.WarehouseID, err)
		}
		bins, err := tx.Bins(ctx, w.ID)
		if err != nil {
			return err
		}
		for _, other := range bins {
			if other.Code == b.Code {
				return &ValidationError{Fields: []FieldError{{Field: "code", Code: CodeDuplicate,
					Message: fmt.Sprintf("warehouse %s already has a bin %s", w.Code, b.Code)}}}
			}
		}
		if err := tx.InsertBin(ctx, b); err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectWarehouse, w.ID, "bin.created", "Bin "+b.Code+" added to "+w.Code, nil, b)
	})
}

// Bins lists a warehouse's bins in walking order.
func (s *Service) Bins(ctx context.Context, warehouseID int64) ([]Bin, error) {
	var list []Bin
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		list, err = tx.Bins(ctx, warehouseID)
		return err
	})
	return list, err
}
