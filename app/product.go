package app

import "time"

// Product is something the shop sells. Orders keep a snapshot of its
// name, spec and price, so later changes here do not rewrite history.
type Product struct {
	ID          int64
	SKU         string
	Kind        ProductKind
	Name        string // name in the shop's language
	AltName     string // name in the other language, for bilingual documents
	Spec        string // size, colour, model…
	Unit        string // pcs, box, kg…
	Price       Money  // list price
	FloorPrice  Money  // lowest price allowed without a supervisor
	Cost        Money
	Barcode     string // EAN/UPC or the shop's own code; unique when set
	WeightGrams int64
	// Alternates are products that may be offered instead when this one is
	// out of stock.
	Alternates []int64
	Active     bool
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Version    int64
}

// ProductKind separates stocked goods from the charges an order may carry.
type ProductKind string

const (
	ProductGoods      ProductKind = "goods"
	ProductShipping   ProductKind = "shipping"   // postage and carriage charged to the customer
	ProductService    ProductKind = "service"    // manual charges, gift wrap, fees
	ProductDiscount   ProductKind = "discount"   // a discount given as a line of its own
	ProductAdjustment ProductKind = "adjustment" // corrections of an earlier bill
)

// ProductKinds lists every kind, goods first.
func ProductKinds() []ProductKind {
	return []ProductKind{ProductGoods, ProductShipping, ProductService, ProductDiscount, ProductAdjustment}
}

// Stocked reports whether the product is kept in bins, reserved and picked.
func (k ProductKind) Stocked() bool { return k == ProductGoods || k == "" }

// Validate checks every field and reports all problems at once.
func (pr *Product) Validate() error {
	var p problems
	pr.SKU = cleanText(pr.SKU)
	pr.Name = cleanText(pr.Name)
	pr.Unit, pr.AltName, pr.Spec, pr.Barcode = cleanText(pr.Unit), cleanText(pr.AltName), cleanText(pr.Spec), cleanText(pr.Barcode)
	requireText(&p, "sku", pr.SKU, 1, MaxSKURunes)
	if pr.SKU != "" && !validSKU(pr.SKU) {
		p.add("sku", CodeInvalid, "a SKU uses Latin letters, digits, spaces and punctuation only, as a barcode prints them")
	}
	requireText(&p, "name", pr.Name, 1, MaxNameRunes)
	optionalText(&p, "alt_name", pr.AltName, MaxNameRunes)
	optionalText(&p, "spec", pr.Spec, MaxNameRunes)
	requireText(&p, "unit", pr.Unit, 1, 12)
	checkAmount(&p, "price", pr.Price)
	checkAmount(&p, "floor_price", pr.FloorPrice)
	checkAmount(&p, "cost", pr.Cost)
	if pr.FloorPrice > pr.Price {
		p.add("floor_price", CodeTooLarge, "the floor price cannot be above the price")
	}
	if pr.Barcode != "" && !validCode(pr.Barcode) {
		p.add("barcode", CodeInvalid, "a barcode uses letters and digits only, without spaces")
	}
	optionalText(&p, "barcode", pr.Barcode, 40)
	if pr.WeightGrams < 0 || pr.WeightGrams > 1_000_000 {
		p.add("weight", CodeInvalid, "the weight must be between 0 and 1,000 kg")
	}
	for _, a := range pr.Alternates {
		if a == pr.ID && a != 0 {
			p.add("alternates", CodeInvalid, "a product cannot be its own alternate")
		}
	}
	return p.err()
}
