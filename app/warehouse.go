package app

import (
	"strconv"
	"strings"
)

// Warehouse is a place stock is kept and shipped from.
type Warehouse struct {
	ID      int64
	Code    string
	Name    string
	Address Address
	Phone   string
	// ShippingRank orders warehouses by what shipping from them usually
	// costs: lower is cheaper.
	ShippingRank int
	Active       bool
	Version      int64
}

// Validate checks every field and reports all problems at once.
func (w *Warehouse) Validate() error {
	var p problems
	w.Code = cleanText(w.Code)
	w.Name, w.Phone = cleanText(w.Name), cleanText(w.Phone)
	requireText(&p, "code", w.Code, 1, 20)
	if w.Code != "" && !validCode(w.Code) {
		p.add("code", CodeInvalid, "a warehouse code uses letters, digits and '-' only")
	}
	requireText(&p, "name", w.Name, 1, 80)
	checkAddressLengths(&p, "address", w.Address)
	if w.Phone != "" {
		checkPhone(&p, "phone", w.Phone, w.Address.Country)
	}
	if w.ShippingRank < 0 || w.ShippingRank > 1000 {
		p.add("shipping_rank", CodeInvalid, "the shipping rank must be between 0 and 1000")
	}
	return p.err()
}

// Bin is a storage location inside a warehouse, written aisle-shelf-position
// ("A-3-5"). Pick lists walk bins in (aisle, shelf, position) order.
type Bin struct {
	ID          int64
	WarehouseID int64
	Code        string
	Aisle       string
	Shelf       int
	Position    int
}

// ParseBinCode splits "A-3-5" into its aisle, shelf and position. Codes that
// do not follow the pattern are kept whole as the aisle, so any shop's own
// scheme still works; they sort by text.
func ParseBinCode(code string) (aisle string, shelf, position int) {
	parts := strings.Split(code, "-")
	if len(parts) == 3 {
		s, err1 := strconv.Atoi(parts[1])
		q, err2 := strconv.Atoi(parts[2])
		if err1 == nil && err2 == nil {
			return parts[0], s, q
		}
	}
	return code, 0, 0
}

// Validate checks the bin code.
func (b *Bin) Validate() error {
	var p problems
	b.Code = strings.ToUpper(cleanText(b.Code))
	requireText(&p, "code", b.Code, 1, 20)
	if b.Code != "" && !validCode(b.Code) {
		p.add("code", CodeInvalid, "a bin code uses letters, digits and '-', like A-3-5")
	}
	if b.WarehouseID == 0 {
		p.add("warehouse", CodeRequired, "choose the warehouse the bin is in")
	}
	b.Aisle, b.Shelf, b.Position = ParseBinCode(b.Code)
	return p.err()
}
