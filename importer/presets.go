package importer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"orderdesk/app"
)

// The built-in presets; any other name is a saved generic mapping.
const (
	PresetShopify     = "shopify"
	PresetWooCommerce = "woocommerce"
	PresetTaobao      = "taobao"
	PresetEtsy        = "etsy"
	PresetAmazon      = "amazon"
	PresetEBay        = "ebay"
	PresetGeneric     = "generic"
	// PresetAuto (or no preset) lets Detect choose from the headers.
	PresetAuto = "auto"
)

// Presets lists the built-in presets.
func Presets() []string {
	return []string{PresetShopify, PresetWooCommerce, PresetTaobao, PresetEtsy, PresetAmazon, PresetEBay, PresetGeneric}
}

// PresetTitle is a preset's name as people write it.
func PresetTitle(preset string) string {
	titles := map[string]string{"shopify": "Shopify", "woocommerce": "WooCommerce", "taobao": "Taobao/Tmall",
		"etsy": "Etsy", "amazon": "Amazon", "ebay": "eBay", "generic": "generic"}
	if t, ok := titles[preset]; ok {
		return t
	}
	return preset
}

// Options says how to read a file's orders.
type Options struct {
	Preset   string
	Mapping  Mapping     // generic: columns chosen by the user over the guessed ones
	Channel  app.Channel // generic: where the orders came from (default web shop)
	Currency app.Currency
	Location *time.Location // for times without a zone; default local time
	// NewOrders (generic) says the file's orders are still to be handled
	// and go through review; otherwise they are history, completed.
	NewOrders bool
	// DateFormat is how the file writes dates whose day and month cannot
	// be told apart (03/04/2024): "DD/MM/YYYY", "MM/DD/YY", "YYYY-MM-DD",
	// "DD.MM.YYYY HH:mm" or a Go layout (see DateLayouts). Empty: read
	// from the file; a column whose every date could be either is refused
	// with an *AmbiguousDatesError.
	DateFormat string
	// Date is when the orders of a file without an order date column were
	// placed; without it such a file is refused (ErrNoOrderDate).
	Date time.Time
}

// Parsed is a file read by a preset: the orders and every bad row.
type Parsed struct {
	Channel  app.Channel
	Orders   []app.ImportOrder
	Problems []app.ImportProblem
	// Warnings are changes made to what the file gave (a line of
	// quantity 0 left out); the orders still import.
	Warnings []app.ImportProblem
	Mapping  Mapping // the generic mapping used, for the user to confirm
	Rows     int     // data rows read
	// Sources are the rows each order was read from, good or bad, per
	// table: what a rejects file copies for the orders refused.
	Sources []OrderSource
}

// collect reads a table's order groups with read, keeping every group's
// rows for a rejects file and the orders that read cleanly; a group
// without an order id is a problem of its first row (noID says which id).
func (out *Parsed) collect(t Table, p *parser, groups []*orderGroup, noID string, read func(*orderGroup) (app.ImportOrder, bool)) {
	for _, g := range groups {
		out.Rows += len(g.rows)
		out.from(t, g.id, g.rows)
		if strings.TrimSpace(g.id) == "" {
			p.bad(g.rows[0].Line, "", FieldOrderID, "row without %s", noID)
			continue
		}
		if o, ok := read(g); ok {
			out.Orders = append(out.Orders, o)
		}
	}
	out.Problems = append(out.Problems, p.problems...)
	out.Warnings = append(out.Warnings, p.warnings...)
}

// OrderSource is where one order's rows are in one of the tables read.
type OrderSource struct {
	Table string // the Table's Name
	Order string // the platform order id as the preset gives it
	Lines []int  // Row.Line of each row
}

// from records the rows of one order group.
func (out *Parsed) from(t Table, order string, rows []Row) {
	src := OrderSource{Table: t.Name, Order: order}
	for _, r := range rows {
		src.Lines = append(src.Lines, r.Line)
	}
	out.Sources = append(out.Sources, src)
}

// MissingColumnsError is a file without a column the preset needs.
type MissingColumnsError struct {
	Preset  string
	Missing []string // the fields or headers not found
}

func (e *MissingColumnsError) Error() string {
	return fmt.Sprintf("the file has no column for %s; is it a %s export? Map the columns or choose another preset",
		strings.Join(e.Missing, ", "), e.Preset)
}

// ErrItemsFileMissing: a Taobao order report without its item report.
var ErrItemsFileMissing = errors.New("the Taobao order report (订单报表) lists no SKUs: add its item report (宝贝报表)")

// Parse reads the tables of one import (a file's sheets, or Taobao's two
// files) with a preset.
func Parse(tables []Table, opt Options) (Parsed, error) {
	if opt.Location == nil {
		opt.Location = time.Local
	}
	if opt.Preset == PresetAuto || opt.Preset == "" {
		opt.Preset = Detect(tables)
	}
	switch opt.Preset {
	case PresetShopify:
		return parseShopify(tables, opt)
	case PresetWooCommerce:
		return parseWoo(tables, opt)
	case PresetTaobao:
		return parseTaobao(tables, opt)
	case PresetEtsy:
		return parseEtsy(tables, opt)
	case PresetAmazon:
		return parseAmazon(tables, opt)
	case PresetEBay:
		return parseEBay(tables, opt)
	default:
		return parseGeneric(tables, opt)
	}
}

// orderGroup collects one order's rows in file order.
type orderGroup struct {
	id    string
	sheet string
	rows  []Row
}

// groupRows groups a table's rows by the order id column, orders in the
// order they first appear.
func groupRows(t Table, idCol int) []*orderGroup {
	byID := map[string]*orderGroup{}
	var list []*orderGroup
	for _, r := range t.Rows {
		id := r.Cells[idCol]
		g, ok := byID[id]
		if !ok {
			g = &orderGroup{id: id, sheet: t.Name}
			byID[id] = g
			list = append(list, g)
		}
		g.rows = append(g.rows, r)
	}
	return list
}

// columns finds a preset's named columns; missing required ones are an
// error naming them.
func columns(t Table, preset string, required []string, optional ...string) (map[string]int, error) {
	cols := map[string]int{}
	var missing []string
	for _, name := range append(append([]string{}, required...), optional...) {
		cols[name] = t.Column(name)
	}
	for _, name := range required {
		if cols[name] < 0 {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, &MissingColumnsError{Preset: preset, Missing: missing}
	}
	return cols, nil
}

// cell returns a named column's text in a row, "" when the file lacks it.
func cell(r Row, cols map[string]int, name string) string {
	if i, ok := cols[name]; ok && i >= 0 {
		return r.Cells[i]
	}
	return ""
}

// unreadable reports a row that cannot be read as it stands: cells past
// the header (an unquoted comma moved everything over, and importing it
// would misread every column), or a column the preset reads holding bytes
// that are not text (the file is read as UTF-8, as most of it is, but that
// cell is in another encoding; kept, it would show as "�").
func (p *parser) unreadable(r Row, order string) bool {
	bad := false
	if len(r.Extra) > 0 {
		p.bad(r.Line, order, "", "the row has %d more cells than the header: a value with an unquoted comma?", len(r.Extra))
		bad = true
	}
	var cols []int
	for _, i := range p.read {
		if i >= 0 && i < len(r.Cells) && !utf8.ValidString(r.Cells[i]) {
			cols = append(cols, i)
		}
	}
	slices.Sort(cols)
	for _, i := range slices.Compact(cols) {
		p.bad(r.Line, order, "", "column %q: %q is not UTF-8 text; the file is probably in more than one encoding: "+
			"save it as UTF-8 (in Excel: CSV UTF-8) and import it again", p.header[i], r.Cells[i])
		bad = true
	}
	return bad
}

// paymentMethodOf maps a platform's payment name onto the shop's methods.
func paymentMethodOf(name string) app.PaymentMethod {
	n := strings.ToLower(name)
	switch {
	case n == "":
		return ""
	case strings.Contains(n, "alipay") || strings.Contains(n, "支付宝"):
		return app.PayAlipay
	case strings.Contains(n, "wechat") || strings.Contains(n, "微信"):
		return app.PayWeChat
	case strings.Contains(n, "paypal"):
		return app.PayPayPal
	case strings.Contains(n, "cash on delivery") || strings.Contains(n, "cod") || strings.Contains(n, "货到付款"):
		return app.PayCOD
	case strings.Contains(n, "bank") || strings.Contains(n, "bacs") || strings.Contains(n, "transfer") || strings.Contains(n, "转账"):
		return app.PayBank
	case strings.Contains(n, "cash") || strings.Contains(n, "现金"):
		return app.PayCash
	case strings.Contains(n, "card") || strings.Contains(n, "stripe") || strings.Contains(n, "shopify payments") ||
		strings.Contains(n, "credit") || strings.Contains(n, "visa"):
		return app.PayCard
	}
	return app.PayPlatform
}

// lineCells are one order line's cells as a preset finds them; a cell
// the file does not have is "".
type lineCells struct {
	SKU       string
	ListingID string // the platform's variant, product or listing id
	Name      string
	Spec      string
	Qty       string
	UnitPrice string // the price of one
	// LineTotal is the price of the whole line, for files that give it
	// instead of a unit price (WooCommerce, Amazon, Etsy's item total).
	LineTotal string
	Discount  string // the line's own discount, for the whole line
	// Shipped says how many the platform already sent: a number, or
	// ShippedAll for a fulfilled line.
	Shipped string
}

// Fields of platform presets that a generic mapping does not offer.
const (
	FieldTax    Field = "tax"
	FieldDuties Field = "duties"
)

// ShippedAll marks a line the platform has sent in full.
const ShippedAll = "all"

// addLine reads one line onto the order. A line of quantity 0 (cancelled
// or refunded on the platform) is left out with a warning. It reports
// whether the line could be read.
func (p *parser) addLine(o *app.ImportOrder, r Row, c lineCells) bool {
	order := o.PlatformOrderID
	l := app.ImportLine{Row: r.Line, SKU: strings.TrimSpace(c.SKU), ListingID: strings.TrimSpace(c.ListingID),
		Name: strings.TrimSpace(c.Name), Spec: strings.TrimSpace(c.Spec), Kind: ProductKindOf(c.SKU)}
	n, ok := p.qty(r.Line, order, c.Qty)
	l.Qty = n
	switch {
	case ok && n == 0:
		p.warn(r.Line, order, FieldQty, "left out %s: its quantity is 0 (cancelled or refunded on the platform)",
			firstNonEmpty(l.SKU, l.Name, "a line"))
		return true
	case ok && n < 0:
		p.bad(r.Line, order, FieldQty, "quantity %d: a line needs at least 1", n)
		ok = false
	}
	if l.SKU == "" && l.ListingID == "" && l.Name == "" {
		p.bad(r.Line, order, FieldSKU, "the line has no SKU, item id or title to tell which product it is")
		ok = false
	}
	if c.UnitPrice == "" && c.LineTotal != "" {
		total, good := p.money(r.Line, order, FieldLineTotal, c.LineTotal)
		ok = ok && good
		if good && n > 0 {
			// A total that does not divide by the quantity keeps its
			// exact sum: the price rounds up, the remainder is discount.
			l.UnitPrice = (total + app.Money(n) - 1) / app.Money(n)
			l.Discount = l.UnitPrice*app.Money(n) - total
		}
	} else {
		price, good := p.money(r.Line, order, FieldUnitPrice, c.UnitPrice)
		ok = ok && good
		l.UnitPrice = price
	}
	if l.UnitPrice < 0 {
		p.bad(r.Line, order, FieldUnitPrice, "price %s is below zero", firstNonEmpty(c.UnitPrice, c.LineTotal))
		ok = false
	}
	d, good := p.money(r.Line, order, FieldLineDiscount, c.Discount)
	ok = ok && good
	l.Discount += d
	switch c.Shipped {
	case "":
	case ShippedAll:
		l.QtyShipped = l.Qty
	default:
		shipped, good := p.qty(r.Line, order, c.Shipped)
		ok = ok && good
		l.QtyShipped = min(max(shipped, 0), l.Qty)
	}
	o.Lines = append(o.Lines, l)
	return ok
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// sheetName names a table in messages only when the file has several.
func sheetName(tables []Table, t Table) string {
	if len(tables) > 1 {
		return t.Name
	}
	return ""
}

// Run imports parsed orders through the shop's service. Orders the
// preset could not read are rejected with the service's own rejects; with
// batch.AllOrNothing they refuse the file instead, and the service still
// checks the rest (without saving) so the user sees every problem at once.
func Run(ctx context.Context, svc *app.Service, parsed Parsed, batch app.ImportBatch, progress func(done, total int)) (app.ImportResult, error) {
	batch.Channel, batch.Orders = parsed.Channel, parsed.Orders
	refuse := batch.AllOrNothing && len(parsed.Problems) > 0
	if refuse {
		batch.DryRun = true
	}
	res, err := svc.ImportOrders(ctx, batch, progress)
	var ie *app.ImportError
	if err != nil && !errors.As(err, &ie) {
		return res, err
	}
	res.Warnings = append(append([]app.ImportProblem{}, parsed.Warnings...), res.Warnings...)
	if len(parsed.Problems) == 0 {
		return res, err
	}
	res.Problems = append(append([]app.ImportProblem{}, parsed.Problems...), res.Problems...)
	sortProblems(res.Problems)
	if !refuse {
		res.Rejected = append(parsed.rejected(), res.Rejected...)
		sort.SliceStable(res.Rejected, func(i, j int) bool {
			if res.Rejected[i].Sheet != res.Rejected[j].Sheet {
				return res.Rejected[i].Sheet < res.Rejected[j].Sheet
			}
			return res.Rejected[i].Row < res.Rejected[j].Row
		})
		return res, err
	}
	res.DryRun = batch.DryRun
	res.Orders, res.Lines, res.Sales, res.Credits, res.Preview = 0, 0, 0, 0, nil
	return res, &app.ImportError{Result: res}
}

func sortProblems(list []app.ImportProblem) {
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].Sheet != list[j].Sheet {
			return list[i].Sheet < list[j].Sheet
		}
		return list[i].Row < list[j].Row
	})
}

// rejected lists the orders the preset could not read, with their
// problems, one entry per order (or per row without an order id).
func (parsed Parsed) rejected() []app.ImportRejected {
	var out []app.ImportRejected
	at := map[string]int{}
	for _, p := range parsed.Problems {
		key := p.Sheet + "\x00" + p.Order
		if p.Order == "" {
			key += fmt.Sprint("\x00", p.Row)
		}
		i, ok := at[key]
		if !ok {
			i = len(out)
			at[key] = i
			out = append(out, app.ImportRejected{Order: p.Order, Sheet: p.Sheet, Row: p.Row})
		}
		out[i].Row = min(out[i].Row, p.Row)
		out[i].Reasons = append(out[i].Reasons, p.Message)
	}
	return out
}
