package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// ImportBatch is one file's orders, read and mapped by a preset.
// The file is imported whole or not at all.
type ImportBatch struct {
	Source  string // the file's name, for the history
	Channel Channel
	Orders  []ImportOrder
	// CreateProducts adds SKUs the shop does not know, from the file's
	// names and prices; without it they are reported and nothing is saved.
	CreateProducts bool
	DryRun         bool // check and count everything, then save nothing
	// AllOrNothing refuses the whole file when any order is bad; without
	// it the good orders are saved and the bad ones listed as Rejected.
	AllOrNothing bool
}

// ImportOrder is one order as a file gives it.
type ImportOrder struct {
	Row             int // first row of the order in the file, for messages
	Sheet           string
	PlatformOrderID string
	Kind            OrderKind // empty: a sale
	// Status is what the file implies: pending review for new orders
	// (they go through the rules), or shipped, delivered, completed or
	// cancelled for history.
	Status    Status
	OrderedAt time.Time

	Customer       ImportCustomer
	Contact        string
	RecipientName  string
	RecipientPhone string
	Address        Address

	Lines []ImportLine

	// Currency is the ISO code the file gives the order's amounts in; ""
	// when it does not say. An order in another currency than the shop's
	// is refused, never taken as the shop's.
	Currency string

	ShippingFee Money
	// Tax is the tax the platform charged. TaxIncluded says it is inside
	// the prices (VAT shops); otherwise it was added on top and is part of
	// what the order asks. Duties are import duties the buyer paid with
	// the order, also part of what it asks.
	Tax           Money
	TaxIncluded   bool
	Duties        Money
	OrderDiscount Money
	CouponCode    string
	PaymentMethod PaymentMethod
	Paid          Money // received, as the file says
	PaidInFull    bool  // settled, amount not given: history without payments
	PaidAt        time.Time
	TransactionID string
	// Refunded is what the platform paid back to the buyer: credited on
	// the order and recorded as refunded.
	Refunded   Money
	RefundedAt time.Time

	Delivery       Delivery
	SpecialRequest string
	Invoice        InvoiceRequest
	Notes          string
	CancelReason   string
}

// Payable is what the order asks once imported, by the rule every order
// follows (Order.Recalculate): the lines less their discounts, less the
// order's discount, plus shipping, tax added on top and duties.
func (io *ImportOrder) Payable() Money {
	o := Order{Kind: KindSale, ShippingFee: io.ShippingFee, OrderDiscount: io.OrderDiscount, Tax: io.Tax,
		TaxIncluded: io.TaxIncluded, Duties: io.Duties}
	for _, l := range io.Lines {
		o.Lines = append(o.Lines, OrderLine{Qty: l.Qty, UnitPrice: l.UnitPrice, Discount: l.Discount})
	}
	o.Recalculate()
	return o.Payable
}

// ImportCustomer is the buyer as a file names them. All fields empty:
// the shop's anonymous customer.
type ImportCustomer struct {
	Code    string // the platform's buyer id or the shop's customer number
	Name    string
	Phone   string
	Email   string
	Kind    CustomerKind
	Address Address
}

func (c ImportCustomer) anonymous() bool {
	return c.Code == "" && c.Name == "" && c.Phone == "" && c.Email == ""
}

// ImportLine is one order line as a file gives it.
type ImportLine struct {
	Row int
	SKU string // "" when the platform's item has none
	// ListingID is the platform's own id of the item (variant id, else
	// product or listing id): how a line without a usable SKU finds its
	// product, and what a product created from it keeps.
	ListingID string
	Name      string
	Spec      string
	Kind      ProductKind // for products created from the file
	Qty       int64
	// QtyShipped is how many the platform already sent (a fulfilled
	// line): they arrive shipped and are not picked again.
	QtyShipped int64
	UnitPrice  Money
	Discount   Money
}

// ImportProblem is a bad row, with what to fix.
type ImportProblem struct {
	Row     int
	Sheet   string
	Order   string // the platform order id, when known
	Field   string
	Code    string
	Message string
}

// UnknownProduct is an item the shop has no product for, with where it
// appears: a SKU it does not know, or a platform item without a usable
// SKU that matched no product (SKU empty, Listing its id).
type UnknownProduct struct {
	SKU     string
	Listing string
	Name    string
	Sheet   string
	Rows    []int
}

// Reason says why an order with this item was rejected.
func (u UnknownProduct) Reason() string {
	if u.SKU != "" {
		return fmt.Sprintf("product %s is not in the shop: add it, or import with new products made from the file", u.SKU)
	}
	what := fmt.Sprintf("%q", u.Name)
	if u.Listing != "" {
		what += " (item " + u.Listing + ")"
	}
	return fmt.Sprintf("no product matches %s, which has no SKU: give it the shop's SKU on the platform, or import with new products made from the file", what)
}

// ImportRejected is an order of the file that was not imported, with why.
type ImportRejected struct {
	Order   string // the platform order id
	Sheet   string
	Row     int
	Reasons []string
}

// ImportPreview is one order an import makes (or would make).
type ImportPreview struct {
	PlatformOrderID string
	Number          string
	Customer        string
	Lines           int
	Payable         Money
	Kind            OrderKind
	Status          Status
	Findings        int
}

// CodeHiddenText marks an import warning, not a refusal: hidden characters
// were taken out of a value (see cleanText).
const CodeHiddenText = "hidden_text"

// CodeChanged marks an import warning: a value was trimmed to fit, or a
// line left out (quantity 0); the order still imports.
const CodeChanged = "changed"

// ImportResult says what an import did, or on a dry run would do. When the
// import fails for another reason than the file's problems (a refused role,
// a full disk), nothing was saved and the result is empty.
type ImportResult struct {
	DryRun    bool
	Orders    int // created
	Lines     int
	Skipped   []string // platform order ids already in the shop, or twice in the file
	Customers int      // new customers
	Products  []string // SKUs created from the file
	Unknown   []UnknownProduct
	Problems  []ImportProblem
	// Rejected are the bad orders left out while the good ones were
	// imported; each has its problems among Problems or Unknown.
	Rejected []ImportRejected
	// Warnings are changes made to what the file gave, one per order and
	// value (hidden characters taken out); they do not stop the import.
	Warnings  []ImportProblem
	Sales     Money // payable of the sales created
	Credits   Money // of the credit notes created
	Confirmed int   // went through review clean
	Flagged   int   // wait in the review inbox
	Preview   []ImportPreview
}

// ImportError is an import refused for bad rows or unknown products;
// nothing was saved. The result lists them all.
type ImportError struct{ Result ImportResult }

func (e *ImportError) Error() string {
	r := e.Result
	switch {
	case len(r.Problems) > 0:
		p := r.Problems[0]
		return fmt.Sprintf("%d problem(s) in the file, nothing imported; the first, row %d: %s", len(r.Problems), p.Row, p.Message)
	case len(r.Unknown) > 0:
		return fmt.Sprintf("%d product(s) are not in the shop (the first is %s), nothing imported", len(r.Unknown), r.Unknown[0].SKU)
	}
	return "nothing imported"
}

// ImportMapping is a generic column mapping the user saved under a name:
// for each order field, the file's column header.
type ImportMapping struct {
	Name      string
	Channel   Channel
	Columns   map[string]string
	UpdatedAt time.Time
}

// ImportRepo answers the import's lookups and keeps saved mappings.
type ImportRepo interface {
	// PlatformOrderNumber is the number of the order already taken from
	// the platform under that id, "" if none.
	PlatformOrderNumber(ctx context.Context, channel Channel, platformOrderID string) (string, error)
	// CustomerByKey finds a customer by code, else e-mail, else phone;
	// ErrNotFound when none matches.
	CustomerByKey(ctx context.Context, code, email, phone string) (*Customer, error)
	// ProductByListing finds the product a platform item was matched to
	// (by its listingKey); ErrNotFound when none.
	ProductByListing(ctx context.Context, channel Channel, listing string) (int64, error)
	// SaveProductListing remembers that a platform item is this product.
	SaveProductListing(ctx context.Context, channel Channel, listing string, productID int64) error
	// ProductByTitle finds the one active product with that name (or
	// English name) and spec, letter case aside; ErrNotFound when none or
	// several match.
	ProductByTitle(ctx context.Context, name, spec string) (int64, error)
	SaveImportMapping(ctx context.Context, m ImportMapping) error
	ImportMappings(ctx context.Context) ([]ImportMapping, error)
	DeleteImportMapping(ctx context.Context, name string) error
}

// AnonymousCustomerCode is the code of the customer that orders without
// a name (walk-ins, history lines without a customer id) are booked to.
const AnonymousCustomerCode = "ANONYMOUS"

var errDryRun = errors.New("dry run")

// ImportOrders saves a file's orders. Orders already taken from the
// platform are skipped and counted. An order with a bad row, an unknown
// product or a currency not the shop's is rejected with its reasons and
// the good ones are saved, unless the batch is all or nothing: then any
// bad order refuses the whole file (ImportError) and nothing is saved.
// New orders go through review like hand-entered ones; history arrives in
// the state the file gives, its goods outside the stock ledger. progress,
// if set, hears how many orders are done.
func (s *Service) ImportOrders(ctx context.Context, b ImportBatch, progress func(done, total int)) (ImportResult, error) {
	res, bad, err := s.importOnce(ctx, b, progress)
	var refused *ImportError
	if b.AllOrNothing || !errors.As(err, &refused) {
		return res, err
	}
	// Some orders are bad: the rest are imported without them. Saving
	// only the good ones needs a second pass, since the first wrote (and
	// rolled back) what the bad ones asked for, such as their customers.
	// A second pass can find no new problem unless the shop changed in
	// between; then those orders are rejected too.
	first := refused.Result
	rejected := map[int]bool{}
	for pass := 0; pass < 3 && len(bad) > 0; pass++ {
		good := b
		good.Orders = nil
		var index []int
		for i := range b.Orders {
			if bad[i] {
				rejected[i] = true
			}
			if !rejected[i] {
				good.Orders = append(good.Orders, b.Orders[i])
				index = append(index, i)
			}
		}
		res, bad, err = s.importOnce(ctx, good, progress)
		if errors.As(err, &refused) {
			first.Problems = append(first.Problems, refused.Result.Problems...)
			moved := map[int]bool{}
			for i := range bad {
				moved[index[i]] = true
			}
			bad = moved
			continue
		}
		if err != nil {
			return ImportResult{DryRun: b.DryRun}, err
		}
		break
	}
	if err != nil {
		return ImportResult{DryRun: b.DryRun}, err
	}
	res.Problems, res.Unknown = first.Problems, first.Unknown
	res.Warnings = append(res.Warnings, warningsOf(first.Warnings, rejected, b.Orders)...)
	for i := range b.Orders {
		if rejected[i] {
			res.Rejected = append(res.Rejected, rejectedOrder(b.Orders[i], first.Problems, first.Unknown))
		}
	}
	sortProblems(res.Problems)
	return res, nil
}

// warningsOf keeps the first pass's warnings about rejected orders: the
// second pass did not see those orders, and the user fixes them with the
// warnings in mind.
func warningsOf(all []ImportProblem, rejected map[int]bool, orders []ImportOrder) []ImportProblem {
	ids := map[string]bool{}
	for i := range orders {
		if rejected[i] {
			ids[orders[i].Sheet+"\x00"+orders[i].PlatformOrderID] = true
		}
	}
	var out []ImportProblem
	for _, w := range all {
		if ids[w.Sheet+"\x00"+w.Order] {
			out = append(out, w)
		}
	}
	return out
}

// rejectedOrder names a rejected order with its problems.
func rejectedOrder(io ImportOrder, problems []ImportProblem, unknown []UnknownProduct) ImportRejected {
	r := ImportRejected{Order: io.PlatformOrderID, Sheet: io.Sheet, Row: io.Row}
	rows := map[int]bool{io.Row: true}
	for _, l := range io.Lines {
		rows[l.Row] = true
	}
	for _, p := range problems {
		if p.Sheet == io.Sheet && (p.Order == io.PlatformOrderID && p.Order != "" || p.Order == "" && rows[p.Row]) {
			r.Reasons = append(r.Reasons, p.Message)
		}
	}
	for _, u := range unknown {
		for _, row := range u.Rows {
			if rows[row] && u.Sheet == io.Sheet {
				r.Reasons = append(r.Reasons, u.Reason())
				break
			}
		}
	}
	return r
}

func sortProblems(list []ImportProblem) {
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].Sheet != list[j].Sheet {
			return list[i].Sheet < list[j].Sheet
		}
		return list[i].Row < list[j].Row
	})
}

// importOnce runs one import in one transaction: saved whole, or (any bad
// order, or a dry run) rolled back. bad holds the indexes of the bad
// orders in b.Orders.
func (s *Service) importOnce(ctx context.Context, b ImportBatch, progress func(done, total int)) (ImportResult, map[int]bool, error) {
	res := ImportResult{DryRun: b.DryRun}
	if !b.Channel.Valid() {
		return res, nil, &ValidationError{Fields: []FieldError{{Field: "channel", Code: CodeInvalid,
			Message: fmt.Sprintf("%q is not a known channel", b.Channel)}}}
	}
	var bad map[int]bool
	err := s.write(ctx, PermOrders, func(tx Tx, who Actor, now time.Time) error {
		res = ImportResult{DryRun: b.DryRun}
		bad = map[int]bool{}
		shop, err := tx.Shop(ctx)
		if err != nil {
			return err
		}
		im := importer{svc: s, tx: tx, who: who, now: now, shop: shop, batch: &b, res: &res,
			customers: map[string]*Customer{}, byID: map[int64]*Customer{}, products: newProductCache(), unknown: map[string]*UnknownProduct{},
			seen: map[string]*ImportOrder{}}
		for i := range b.Orders {
			if i%500 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				if progress != nil {
					progress(i, len(b.Orders))
				}
			}
			problems, unknown := len(res.Problems), im.unknownRows
			if err := im.add(ctx, &b.Orders[i]); err != nil {
				return err
			}
			if len(res.Problems) > problems || im.unknownRows > unknown {
				bad[i] = true
			}
		}
		if len(im.unknown) > 0 {
			for _, u := range im.unknown {
				res.Unknown = append(res.Unknown, *u)
			}
			sort.Slice(res.Unknown, func(i, j int) bool { return res.Unknown[i].Rows[0] < res.Unknown[j].Rows[0] })
		}
		sortProblems(res.Problems)
		if len(bad) > 0 {
			return &ImportError{Result: res}
		}
		if progress != nil {
			progress(len(b.Orders), len(b.Orders))
		}
		if b.DryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		return res, nil, nil
	}
	var refused *ImportError
	if errors.As(err, &refused) {
		// Rolled back: nothing of it was saved.
		r := refused.Result
		r.Orders, r.Lines, r.Customers, r.Products, r.Sales, r.Credits, r.Confirmed, r.Flagged, r.Preview = 0, 0, 0, nil, 0, 0, 0, 0, nil
		return r, bad, &ImportError{Result: r}
	}
	if err != nil {
		// Rolled back: no figure of what was about to be saved may be
		// taken for what was.
		return ImportResult{DryRun: b.DryRun}, nil, err
	}
	return res, nil, nil
}

// importer carries one import's caches through its transaction.
type importer struct {
	svc       *Service
	tx        Tx
	who       Actor
	now       time.Time
	shop      Shop
	batch     *ImportBatch
	res       *ImportResult
	customers map[string]*Customer
	byID      map[int64]*Customer // the same customers by id, for the review rules
	products  *productCache
	unknown   map[string]*UnknownProduct
	// unknownRows counts the lines with an unknown product, to tell
	// which orders have one.
	unknownRows int
	seen        map[string]*ImportOrder
}

func (im *importer) problem(io *ImportOrder, row int, field, code, format string, args ...any) {
	if row == 0 {
		row = io.Row
	}
	im.res.Problems = append(im.res.Problems, ImportProblem{Row: row, Sheet: io.Sheet, Order: io.PlatformOrderID,
		Field: field, Code: code, Message: fmt.Sprintf(format, args...)})
}

func (im *importer) add(ctx context.Context, io *ImportOrder) error {
	tx, b := im.tx, im.batch
	given := io.PlatformOrderID
	io.PlatformOrderID = cleanText(io.PlatformOrderID)
	if io.PlatformOrderID != "" {
		// The same order twice in one file (a workbook's sheets overlap)
		// is taken once, if it is really the same.
		if first, ok := im.seen[io.PlatformOrderID]; ok {
			if !sameImportOrder(first, io) {
				im.problem(io, 0, "platform_order_id", CodeDuplicate,
					"order %s appears again with different lines (first at row %d)", io.PlatformOrderID, first.Row)
			} else {
				im.res.Skipped = append(im.res.Skipped, io.PlatformOrderID)
			}
			return nil
		}
		im.seen[io.PlatformOrderID] = io
		number, err := tx.PlatformOrderNumber(ctx, b.Channel, io.PlatformOrderID)
		if err != nil {
			return err
		}
		if number != "" {
			im.res.Skipped = append(im.res.Skipped, io.PlatformOrderID)
			return nil
		}
	}
	if !im.checkText(io, given) {
		return nil
	}
	if len(io.Lines) == 0 {
		im.problem(io, 0, "lines", CodeRequired, "order %s has no lines", io.PlatformOrderID)
		return nil
	}
	switch io.Status {
	case "":
		io.Status = StatusPendingReview
	case StatusPendingReview, StatusConfirmed, StatusShipped, StatusDelivered, StatusCompleted, StatusCancelled:
	default:
		im.problem(io, 0, "status", CodeInvalid, "an imported order arrives new, shipped, delivered, completed or cancelled, not %s", io.Status.Label())
		return nil
	}
	if io.Kind == "" {
		io.Kind = KindSale
	}
	// A new order without a date is taken now; history without one
	// cannot be placed in its month.
	if io.OrderedAt.IsZero() && io.Status != StatusPendingReview {
		im.problem(io, 0, "ordered_at", CodeRequired, "no order date: an order from the past needs the day it was placed")
		return nil
	}
	if why := unrealTime(io.OrderedAt, im.now); !io.OrderedAt.IsZero() && why != "" {
		im.problem(io, 0, "ordered_at", CodeInvalid, "the order date %s is not a real date: %s",
			io.OrderedAt.Format("2006-01-02 15:04"), why)
		return nil
	}

	if io.Currency != "" && !strings.EqualFold(strings.TrimSpace(io.Currency), im.shop.Currency.Code) {
		im.problem(io, 0, "currency", CodeInvalid, "the order is in %s and the shop keeps its accounts in %s: "+
			"amounts are never converted; import it into a shop that keeps %s", strings.ToUpper(io.Currency),
			im.shop.Currency.Code, strings.ToUpper(io.Currency))
		return nil
	}
	im.fitOrder(io)

	customerID, err := im.customer(ctx, io)
	if err != nil {
		return err
	}
	in := OrderInput{Channel: b.Channel, PlatformOrderID: io.PlatformOrderID, CustomerID: customerID, Contact: io.Contact,
		RecipientName: io.RecipientName, RecipientPhone: io.RecipientPhone, Address: io.Address,
		ShippingFee: io.ShippingFee, CouponCode: io.CouponCode, OrderDiscount: io.OrderDiscount,
		PaymentMethod: io.PaymentMethod, Delivery: io.Delivery, SpecialRequest: io.SpecialRequest, Invoice: io.Invoice,
		Notes: io.Notes, OrderedAt: io.OrderedAt}
	rowOfLine := make([]int, 0, len(io.Lines))
	complete := true
	for i := range io.Lines {
		l := &io.Lines[i]
		if cleanText(l.SKU) == "" && cleanText(l.ListingID) == "" && cleanText(l.Name) == "" {
			im.problem(io, l.Row, fmt.Sprintf("lines[%d].sku", i), CodeRequired, "line without a SKU, item id or title: "+
				"nothing tells which product it is")
			complete = false
			continue
		}
		if ok, err := im.product(ctx, io, l); err != nil {
			return err
		} else if !ok {
			complete = false
			continue
		}
		price := l.UnitPrice
		in.Lines = append(in.Lines, LineInput{SKU: l.SKU, Qty: l.Qty, UnitPrice: &price, Discount: l.Discount})
		rowOfLine = append(rowOfLine, l.Row)
	}
	o := &Order{Kind: io.Kind, Status: StatusDraft, CreatedAt: im.now, UpdatedAt: im.now, CreatedBy: im.who.Name}
	if err := buildOrder(ctx, tx, in, o, false, im.shop, im.products, map[int64]*Customer{}, im.now); err != nil {
		v, ok := IsValidation(err)
		if !ok {
			return err
		}
		for _, f := range v.Fields {
			row := io.Row
			var n int
			if _, e := fmt.Sscanf(f.Field, "lines[%d]", &n); e == nil && n < len(rowOfLine) {
				row = rowOfLine[n]
			}
			im.problem(io, row, f.Field, f.Code, "%s", f.Message)
		}
		return nil
	}
	if !complete {
		return nil // its other lines were checked; the order is rejected
	}
	o.Kind = io.Kind
	var p problems
	checkAmount(&p, "tax", io.Tax)
	checkAmount(&p, "duties", io.Duties)
	checkAmount(&p, "refunded", io.Refunded)
	if err := p.err(); err != nil {
		v, _ := IsValidation(err)
		for _, f := range v.Fields {
			im.problem(io, 0, f.Field, f.Code, "%s: %s", f.Field, f.Message)
		}
		return nil
	}
	o.Tax, o.TaxIncluded, o.Duties = io.Tax, io.TaxIncluded, io.Duties
	o.Recalculate()
	if io.PaidInFull && o.Kind == KindSale {
		io.Paid = o.Payable
	}
	if io.Paid > 0 && o.Kind == KindSale && io.Paid > o.Payable {
		im.problem(io, 0, "paid", CodeTooLarge, "paid %s is more than the order's total %s",
			im.shop.Currency.Format(io.Paid), im.shop.Currency.Format(o.Payable))
		return nil
	}
	if io.Refunded > max(io.Paid, 0) {
		im.problem(io, 0, "refunded", CodeTooLarge, "refunded %s is more than the %s paid",
			im.shop.Currency.Format(io.Refunded), im.shop.Currency.Format(io.Paid))
		return nil
	}
	if len(im.res.Problems) > 0 || len(im.unknown) > 0 {
		return nil // this import is rolled back anyway: only look for more problems
	}
	return im.save(ctx, io, o)
}

// fitOrder trims values longer than the shop keeps to its limits, with a
// warning each: a platform's long title or address must not cost the
// order. Longer values than these are not real data.
func (im *importer) fitOrder(io *ImportOrder) {
	fit := func(row int, field, what string, s *string, limit int) {
		if n := utf8.RuneCountInString(*s); n > limit {
			*s = strings.TrimSpace(string([]rune(*s)[:limit]))
			if row == 0 {
				row = io.Row
			}
			im.res.Warnings = append(im.res.Warnings, ImportProblem{Row: row, Sheet: io.Sheet, Order: io.PlatformOrderID,
				Field: field, Code: CodeChanged, Message: fmt.Sprintf("cut %s from %d to %d characters", what, n, limit)})
		}
	}
	c, a := &io.Customer, &io.Address
	fit(0, "customer_name", "the customer name", &c.Name, MaxNameRunes)
	fit(0, "customer_code", "the customer's code", &c.Code, 40)
	fit(0, "contact", "the contact", &io.Contact, MaxPersonRunes)
	fit(0, "recipient", "the recipient's name", &io.RecipientName, MaxPersonRunes)
	for _, addr := range []struct {
		field string
		a     *Address
	}{{"address", a}, {"customer.address", &c.Address}} {
		fit(0, addr.field+".province", "the province", &addr.a.Province, MaxRegionRunes)
		fit(0, addr.field+".city", "the city", &addr.a.City, MaxRegionRunes)
		fit(0, addr.field+".district", "the district", &addr.a.District, MaxRegionRunes)
		fit(0, addr.field+".street", "the street", &addr.a.Street, MaxStreetRunes)
		fit(0, addr.field+".postcode", "the postcode", &addr.a.Postcode, MaxPostcodeRunes)
	}
	fit(0, "coupon", "the coupon code", &io.CouponCode, MaxCouponRunes)
	fit(0, "note", "the customer's note", &io.SpecialRequest, MaxRequestRunes)
	fit(0, "notes", "the notes", &io.Notes, MaxNotesRunes)
	fit(0, "transaction_id", "the payment's transaction id", &io.TransactionID, 64)
	for i := range io.Lines {
		l := &io.Lines[i]
		f := fmt.Sprintf("lines[%d].", i)
		fit(l.Row, f+"name", "the product name", &l.Name, MaxNameRunes)
		fit(l.Row, f+"spec", "the product's spec", &l.Spec, MaxNameRunes)
	}
}

// save numbers and stores one checked order, with its payment, history
// and, for a new order, its review.
func (im *importer) save(ctx context.Context, io *ImportOrder, o *Order) error {
	tx := im.tx
	seq, err := tx.NextNumber(ctx, "order", o.OrderedAt.Local().Format("200601"))
	if err != nil {
		return err
	}
	o.Number = orderNumber(im.shop.OrderPrefix, o.OrderedAt, seq)
	history := io.Status != StatusPendingReview && io.Status != StatusConfirmed
	// Lines the platform already sent arrive sent: the warehouse picks
	// only the rest. An order sent in full is history.
	sentAll, sentSome := true, false
	for i := range o.Lines {
		if i < len(io.Lines) {
			o.Lines[i].QtyShipped = min(max(io.Lines[i].QtyShipped, 0), o.Lines[i].Qty)
			o.Lines[i].QtySentBefore = o.Lines[i].QtyShipped
			sentSome = sentSome || o.Lines[i].QtyShipped > 0
			sentAll = sentAll && o.Lines[i].QtyShipped == o.Lines[i].Qty
		}
	}
	if !history && sentSome && sentAll && io.Status != StatusCancelled {
		io.Status, history = StatusShipped, true
	}
	switch {
	case o.Kind == KindCredit:
		o.Status, o.FromHistory = StatusCompleted, true
	case io.Status == StatusCancelled:
		o.Status, o.CancelReason = StatusCancelled, cleanText(io.CancelReason)
		if o.CancelReason == "" {
			o.CancelReason = "cancelled before it was imported"
		}
	case history:
		o.Status, o.FromHistory = io.Status, true
		for i := range o.Lines {
			o.Lines[i].QtyShipped = o.Lines[i].Qty
		}
	default:
		o.Status = StatusPendingReview
	}
	paidAt := io.PaidAt
	if paidAt.IsZero() {
		paidAt = o.OrderedAt
	}
	if io.Paid > 0 && o.Kind == KindSale {
		o.AmountPaid, o.TransactionID = io.Paid, cleanText(io.TransactionID)
		o.Recalculate()
		if o.PaymentStatus == PaymentPaid {
			o.PaidAt = paidAt.UTC().Truncate(time.Millisecond)
		}
	}
	if err := tx.InsertOrder(ctx, o); err != nil {
		return err
	}
	if io.Paid > 0 && o.Kind == KindSale {
		method := io.PaymentMethod
		switch {
		case method != "":
		case im.batch.Channel.HandEntered() || im.batch.Channel == ChannelWebShop:
			method = PayBank
		default:
			method = PayPlatform
		}
		if err := tx.InsertPayment(ctx, &Payment{OrderID: o.ID, Method: method, Amount: io.Paid, At: paidAt.UTC().Truncate(time.Millisecond),
			TransactionID: o.TransactionID, Note: "imported", Actor: im.who.Name}); err != nil {
			return err
		}
	}
	where := fmt.Sprintf("row %d", io.Row)
	if io.Sheet != "" {
		where = fmt.Sprintf("sheet %s, row %d", io.Sheet, io.Row)
	}
	snap := orderSnapshot(o)
	snap["imported_from"], snap["row"] = im.batch.Source, io.Row
	if err := record(ctx, tx, im.who, im.now, SubjectOrder, o.ID, "order.created",
		fmt.Sprintf("Order %s imported from %s (%s) as %s", o.Number, im.batch.Source, where, o.Status.Label()),
		nil, snap); err != nil {
		return err
	}
	// A cancelled order owes nothing, as one cancelled here: what it asked
	// is credited. Unless the file says the platform paid the money back,
	// what it received shows as due back.
	if o.Status == StatusCancelled && o.Kind == KindSale {
		if err := credit(ctx, tx, im.who, im.now, im.shop, o, Credit{Kind: CreditCancellation, Amount: o.Creditable(),
			Note: o.CancelReason}); err != nil {
			return err
		}
	}
	if err := im.refunded(ctx, io, o, paidAt); err != nil {
		return err
	}
	pv := ImportPreview{PlatformOrderID: o.PlatformOrderID, Number: o.Number, Customer: o.CustomerName,
		Lines: len(o.Lines), Payable: o.Payable, Kind: o.Kind, Status: o.Status}
	if o.Status == StatusPendingReview {
		r, err := im.svc.reviewOrder(ctx, tx, im.who, im.now, im.shop, o, lookups{im.products, im.byID})
		if err != nil {
			return err
		}
		pv.Status, pv.Findings = o.Status, len(r.Findings)
		if o.Status == StatusConfirmed {
			im.res.Confirmed++
		} else {
			im.res.Flagged++
		}
	}
	im.res.Orders++
	im.res.Lines += len(o.Lines)
	if o.Kind == KindCredit {
		im.res.Credits += o.Payable
	} else if o.Status != StatusCancelled {
		im.res.Sales += o.Payable
	}
	if len(im.res.Preview) < 1000 {
		im.res.Preview = append(im.res.Preview, pv)
	}
	return nil
}

// refunded books what the platform paid back: a credit of that much
// (unless the order is cancelled, which credited it all) and the refund,
// so the order reconciles as the platform shows it. The file does not
// say when; the refund is dated with the payment.
func (im *importer) refunded(ctx context.Context, io *ImportOrder, o *Order, paidAt time.Time) error {
	amount := min(io.Refunded, o.AmountPaid)
	if amount <= 0 || o.Kind != KindSale {
		return nil
	}
	note := fmt.Sprintf("refunded on %s before the import", im.batch.Channel)
	if o.Status != StatusCancelled {
		if err := credit(ctx, im.tx, im.who, im.now, im.shop, o, Credit{Kind: CreditPartialRefund,
			Amount: min(amount, o.Creditable()), Note: note}); err != nil {
			return err
		}
	}
	at := io.RefundedAt
	if at.IsZero() {
		at = paidAt
	}
	if amount = min(amount, o.RefundDue()); amount <= 0 {
		return nil
	}
	_, err := refund(ctx, im.tx, im.who, im.now, o, RefundInput{Amount: amount, At: at, Reference: note})
	return err
}

// checkText looks at every text of an order before it is cleaned (the
// platform order id as given): bytes that are not UTF-8 refuse the order
// (kept, they would show as "�"; the file's encoding was misread), hidden
// characters are listed as warnings (cleaning takes them out). It reports
// whether the order can go on.
func (im *importer) checkText(io *ImportOrder, platformOrderID string) bool {
	type value struct {
		row         int
		field, what string
		text        string
	}
	c, a, ca := io.Customer, io.Address, io.Customer.Address
	values := []value{
		{0, "platform_order_id", "the platform order id", platformOrderID},
		{0, "customer_code", "the customer's code", c.Code},
		{0, "customer_name", "the customer name", c.Name},
		{0, "phone", "the customer's phone", c.Phone},
		{0, "email", "the customer's e-mail", c.Email},
		{0, "customer.province", "the customer's province", ca.Province},
		{0, "customer.city", "the customer's city", ca.City},
		{0, "customer.district", "the customer's district", ca.District},
		{0, "customer.street", "the customer's street", ca.Street},
		{0, "customer.postcode", "the customer's postcode", ca.Postcode},
		{0, "customer.country", "the customer's country", ca.Country},
		{0, "contact", "the contact", io.Contact},
		{0, "recipient", "the recipient's name", io.RecipientName},
		{0, "recipient.phone", "the recipient's phone", io.RecipientPhone},
		{0, "address.province", "the province", a.Province},
		{0, "address.city", "the city", a.City},
		{0, "address.district", "the district", a.District},
		{0, "address.street", "the street", a.Street},
		{0, "address.postcode", "the postcode", a.Postcode},
		{0, "address.country", "the country", a.Country},
		{0, "coupon", "the coupon code", io.CouponCode},
		{0, "transaction_id", "the payment's transaction id", io.TransactionID},
		{0, "delivery.time_slot", "the delivery time", io.Delivery.TimeSlot},
		{0, "note", "the customer's note", io.SpecialRequest},
		{0, "invoice.title", "the invoice title", io.Invoice.Title},
		{0, "invoice.tax_id", "the tax id", io.Invoice.TaxID},
		{0, "notes", "the notes", io.Notes},
		{0, "cancel_reason", "the reason for cancelling", io.CancelReason},
	}
	for i, l := range io.Lines {
		f := fmt.Sprintf("lines[%d].", i)
		values = append(values, value{l.Row, f + "sku", "the SKU", l.SKU})
		// A line's name and spec are used only for a product created from
		// the file (product warns of them then); their bytes are checked
		// here.
		for _, v := range []value{{l.Row, f + "name", "the product name", l.Name}, {l.Row, f + "spec", "the product's spec", l.Spec}} {
			if !utf8.ValidString(v.text) {
				values = append(values, v)
			}
		}
	}
	ok := true
	for _, v := range values {
		if !utf8.ValidString(v.text) {
			im.problem(io, v.row, v.field, CodeInvalid, "%s %q is not UTF-8 text: the file's encoding was misread; save it as UTF-8 and import it again",
				v.what, v.text)
			ok = false
			continue
		}
		im.warnHidden(io, v.row, v.field, v.what, v.text)
	}
	return ok
}

// warnHidden lists a warning when cleaning takes hidden characters out of
// text (see cleanText).
func (im *importer) warnHidden(io *ImportOrder, row int, field, what, text string) {
	direction, invisible := hiddenText(text)
	if direction+invisible == 0 {
		return
	}
	var removed []string
	if direction > 0 {
		removed = append(removed, countOf(direction, "a hidden text-direction character", "hidden text-direction characters"))
	}
	if invisible > 0 {
		removed = append(removed, countOf(invisible, "an invisible character", "invisible characters"))
	}
	if row == 0 {
		row = io.Row
	}
	im.res.Warnings = append(im.res.Warnings, ImportProblem{Row: row, Sheet: io.Sheet, Order: io.PlatformOrderID,
		Field: field, Code: CodeHiddenText, Message: "removed " + strings.Join(removed, " and ") + " from " + what})
}

// countOf says "a thing" or "3 things".
func countOf(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// customer finds the file's buyer among the shop's customers or adds
// them; a buyer without any detail is the anonymous customer.
func (im *importer) customer(ctx context.Context, io *ImportOrder) (int64, error) {
	c := io.Customer
	c.Code, c.Name, c.Phone, c.Email = cleanText(c.Code), cleanText(c.Name), cleanText(c.Phone), strings.ToLower(cleanText(c.Email))
	if c.anonymous() {
		c = ImportCustomer{Code: AnonymousCustomerCode, Name: "Anonymous customer"}
	}
	key := c.Code + "\x00" + c.Email + "\x00" + PhoneDigits(c.Phone)
	if c.Code == "" && c.Email == "" && c.Phone == "" {
		// Known by name alone: each name is its own buyer, never the
		// first name-only buyer of the file again.
		key += "\x00" + strings.ToLower(c.Name)
	}
	if known, ok := im.customers[key]; ok {
		return known.ID, nil
	}
	found, err := im.tx.CustomerByKey(ctx, c.Code, c.Email, PhoneDigits(c.Phone))
	switch {
	case err == nil:
		im.customers[key] = found
		return found.ID, nil
	case !errors.Is(err, ErrNotFound):
		return 0, err
	}
	if c.Name == "" {
		switch {
		case c.Code != "":
			c.Name = "Customer " + c.Code
		case c.Email != "":
			c.Name = c.Email
		default:
			c.Name = "Customer " + c.Phone
		}
	}
	if c.Kind == "" {
		c.Kind = CustomerRetail
	}
	addr := c.Address
	if addr == (Address{}) {
		addr = io.Address
	}
	cust := &Customer{Code: c.Code, Name: c.Name, Kind: c.Kind, Phone: c.Phone, Email: c.Email, Address: addr,
		CreatedAt: im.now, UpdatedAt: im.now}
	if err := cust.Validate(); err != nil {
		// A platform's odd phone or e-mail must not stop the order: keep
		// the customer with what is valid, and the order keeps the rest.
		cust.Phone, cust.Email = "", ""
		if cust.Address.Country == "" {
			cust.Address.Country = im.shop.Country
		}
		if err := cust.Validate(); err != nil {
			v, _ := IsValidation(err)
			msg := err.Error()
			if v != nil && len(v.Fields) > 0 {
				msg = "customer " + v.Fields[0].Field + ": " + v.Fields[0].Message
			}
			im.problem(io, 0, "customer", CodeInvalid, "%s", msg)
			im.customers[key] = &Customer{}
			return 0, nil
		}
	}
	if err := im.tx.InsertCustomer(ctx, cust); err != nil {
		return 0, err
	}
	im.res.Customers++
	im.customers[key] = cust
	return cust.ID, nil
}

// product finds the line's product and sets its SKU: by the SKU when it
// is one a product can have, else by the platform's item id, else by its
// title and variant (a product of that name, or one an earlier import
// matched); with CreateProducts it makes one from the file. Otherwise the
// item is noted as unknown. It reports whether the line can be used.
func (im *importer) product(ctx context.Context, io *ImportOrder, l *ImportLine) (bool, error) {
	l.SKU, l.ListingID = cleanText(l.SKU), cleanText(l.ListingID)
	usable := l.SKU != "" && validSKU(l.SKU) && utf8.RuneCountInString(l.SKU) <= MaxSKURunes
	if usable {
		_, err := im.products.get(ctx, im.tx, 0, l.SKU)
		switch {
		case err == nil:
			return true, nil
		case !errors.Is(err, ErrNotFound):
			return false, err
		}
		return im.newProduct(ctx, io, l, l.SKU)
	}
	channel := im.batch.Channel
	keys := listingKeys(l)
	for _, key := range keys {
		id, err := im.tx.ProductByListing(ctx, channel, key)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return false, err
		}
		return im.useProduct(ctx, l, id)
	}
	if name := cleanText(l.Name); name != "" {
		id, err := im.tx.ProductByTitle(ctx, name, cleanText(l.Spec))
		switch {
		case err == nil:
			return im.useProduct(ctx, l, id)
		case !errors.Is(err, ErrNotFound):
			return false, err
		}
	}
	return im.newProduct(ctx, io, l, generatedSKU(channel, l))
}

// useProduct puts a matched product's SKU on the line.
func (im *importer) useProduct(ctx context.Context, l *ImportLine, id int64) (bool, error) {
	p, err := im.products.get(ctx, im.tx, id, "")
	if err != nil {
		return false, err
	}
	im.products.byCode[p.SKU] = p
	l.SKU = p.SKU
	return true, nil
}

// listingKeys are how a line without a usable SKU is known on its
// platform: its item id (with the variant, when the id names the listing
// only), and its title and variant, letter case and spacing aside.
func listingKeys(l *ImportLine) []string {
	spec := foldTitle(l.Spec)
	var keys []string
	if l.ListingID != "" {
		key := "id:" + l.ListingID
		if spec != "" {
			key += "|" + spec
		}
		keys = append(keys, key)
	}
	if title := foldTitle(l.Name); title != "" {
		keys = append(keys, "title:"+title+"|"+spec)
	}
	return keys
}

func foldTitle(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(cleanText(s)), " "))
}

// generatedSKU makes a SKU for a platform item that has none: the
// channel's name and the item id ("ETSY-839935919"), or a short hash of
// the title and variant when there is no id; the variant adds a hash so
// each variant of one listing is its own product.
func generatedSKU(channel Channel, l *ImportLine) string {
	prefix := strings.ToUpper(string(channel))
	hash := func(s string) string {
		sum := sha256.Sum256([]byte(s))
		return strings.ToUpper(hex.EncodeToString(sum[:4]))
	}
	id := strings.Map(func(r rune) rune {
		if r < '!' || r > '~' {
			return '-'
		}
		return r
	}, l.ListingID)
	spec := foldTitle(l.Spec)
	var sku string
	switch {
	case id != "" && spec != "":
		sku = prefix + "-" + id + "-" + hash(spec)[:6]
	case id != "":
		sku = prefix + "-" + id
	default:
		sku = prefix + "-" + hash(foldTitle(l.Name)+"|"+spec)
	}
	if utf8.RuneCountInString(sku) > MaxSKURunes {
		sku = prefix + "-" + hash(l.ListingID+"|"+spec)
	}
	return sku
}

// newProduct makes the line's product from the file when the import may
// (CreateProducts), under sku, remembering a platform item's keys so the
// next import finds it; otherwise it notes the item as unknown.
func (im *importer) newProduct(ctx context.Context, io *ImportOrder, l *ImportLine, sku string) (bool, error) {
	// generated: the line had no usable SKU, sku was made for its item.
	generated := sku != l.SKU
	key := sku
	if u, ok := im.unknown[key]; ok {
		u.Rows = append(u.Rows, l.Row)
		im.unknownRows++
		return false, nil
	}
	if p, err := im.products.get(ctx, im.tx, 0, sku); err == nil && generated {
		// Made by an earlier line of this file.
		l.SKU = p.SKU
		return true, nil
	} else if err != nil && !errors.Is(err, ErrNotFound) {
		return false, err
	}
	unknown := func(name string) (bool, error) {
		u := &UnknownProduct{SKU: sku, Name: name, Sheet: io.Sheet, Rows: []int{l.Row}}
		if generated {
			u.SKU, u.Listing = "", l.ListingID
		}
		im.unknown[key] = u
		im.unknownRows++
		return false, nil
	}
	if !im.batch.CreateProducts {
		return unknown(cleanText(l.Name))
	}
	kind := l.Kind
	if kind == "" {
		kind = ProductGoods
	}
	im.warnHidden(io, l.Row, "name", "the name of new product "+sku, l.Name)
	im.warnHidden(io, l.Row, "spec", "the spec of new product "+sku, l.Spec)
	name := cleanText(l.Name)
	if name == "" {
		name = sku
	}
	p := &Product{SKU: sku, Kind: kind, Name: name, Spec: cleanText(l.Spec), Unit: "pcs", Price: max(l.UnitPrice, 0),
		Active: true, CreatedAt: im.now, UpdatedAt: im.now}
	if err := p.Validate(); err != nil {
		v, _ := IsValidation(err)
		msg := err.Error()
		if v != nil && len(v.Fields) > 0 {
			msg = v.Fields[0].Message
		}
		im.problem(io, l.Row, "sku", CodeInvalid, "product %s cannot be created: %s", sku, msg)
		return unknown(name)
	}
	if err := im.tx.InsertProduct(ctx, p); err != nil {
		return false, err
	}
	im.products.byCode[p.SKU], im.products.byID[p.ID] = p, p
	if generated {
		for _, k := range listingKeys(l) {
			if err := im.tx.SaveProductListing(ctx, im.batch.Channel, k, p.ID); err != nil {
				return false, err
			}
		}
	}
	im.res.Products = append(im.res.Products, p.SKU)
	l.SKU = p.SKU
	return true, nil
}

// sameImportOrder reports whether two readings of an order agree line for
// line (what overlapping workbook sheets give).
func sameImportOrder(a, b *ImportOrder) bool {
	if len(a.Lines) != len(b.Lines) || !a.OrderedAt.Equal(b.OrderedAt) {
		return false
	}
	for i := range a.Lines {
		x, y := a.Lines[i], b.Lines[i]
		if x.SKU != y.SKU || x.Qty != y.Qty || x.UnitPrice != y.UnitPrice || x.Discount != y.Discount {
			return false
		}
	}
	return true
}

// ImportMappings lists the saved generic mappings by name.
func (s *Service) ImportMappings(ctx context.Context) ([]ImportMapping, error) {
	var list []ImportMapping
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		list, err = tx.ImportMappings(ctx)
		return err
	})
	return list, err
}

// SaveImportMapping stores a generic mapping under its name, replacing
// one of the same name.
func (s *Service) SaveImportMapping(ctx context.Context, m ImportMapping) error {
	m.Name = cleanText(m.Name)
	var p problems
	requireText(&p, "name", m.Name, 1, 60)
	if !m.Channel.Valid() {
		p.add("channel", CodeInvalid, "choose the channel the file's orders come from")
	}
	if len(m.Columns) == 0 {
		p.add("columns", CodeRequired, "map at least the order id, SKU and quantity columns")
	}
	if err := p.err(); err != nil {
		return err
	}
	return s.write(ctx, PermSettings, func(tx Tx, who Actor, now time.Time) error {
		m.UpdatedAt = now
		if err := tx.SaveImportMapping(ctx, m); err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectShop, 1, "import.mapping_saved", "Import mapping "+m.Name+" saved", nil, m.Columns)
	})
}

// DeleteImportMapping removes a saved mapping.
func (s *Service) DeleteImportMapping(ctx context.Context, name string) error {
	return s.write(ctx, PermSettings, func(tx Tx, who Actor, now time.Time) error {
		if err := tx.DeleteImportMapping(ctx, name); err != nil {
			return err
		}
		return record(ctx, tx, who, now, SubjectShop, 1, "import.mapping_deleted", "Import mapping "+name+" deleted", nil, nil)
	})
}
