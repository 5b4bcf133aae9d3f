package importer

import (
	"strings"
	"time"

	"orderdesk/app"
)

// This file holds what the platform presets share beyond presets.go:
// finding a column under the names its export layouts give it, reading an
// order's cells when only some of its rows carry them, and the arithmetic
// that checks an order against the total the platform wrote.

// findColumns finds each of a preset's fields under any of its names (the
// first name found wins; -1 when none is in the table).
func findColumns(t Table, fields map[string][]string) map[string]int {
	cols := make(map[string]int, len(fields))
	for key, names := range fields {
		cols[key] = t.Column(names...)
	}
	return cols
}

// missingOf lists the fields among required the table lacks, by their
// first name, for a MissingColumnsError.
func missingOf(cols map[string]int, fields map[string][]string, required ...string) []string {
	var missing []string
	for _, key := range required {
		if cols[key] < 0 {
			missing = append(missing, fields[key][0])
		}
	}
	return missing
}

// orderCell is an order's value of a column: the first row that has one
// (exports write the order's fields on its first row only, on every row,
// or, with products "on new lines", on the first row and none after).
func orderCell(rows []Row, cols map[string]int, name string) string {
	for _, r := range rows {
		if v := cell(r, cols, name); v != "" {
			return v
		}
	}
	return ""
}

// groupContinued groups rows by the order id column like groupRows, but
// a row without an id continues the order above it (exports that put an
// order's further products on rows of their own). Rows without an id
// before any order make a group with the id "".
func groupContinued(t Table, idCol int) []*orderGroup {
	byID := map[string]*orderGroup{}
	var list []*orderGroup
	var last *orderGroup
	for _, r := range t.Rows {
		id := strings.TrimSpace(r.Cells[idCol])
		if id == "" && last != nil {
			last.rows = append(last.rows, r)
			continue
		}
		g, ok := byID[id]
		if !ok {
			g = &orderGroup{id: id, sheet: t.Name}
			byID[id] = g
			list = append(list, g)
		}
		g.rows = append(g.rows, r)
		last = g
	}
	return list
}

// payable is what the service asks for an imported order.
func payable(o *app.ImportOrder) app.Money { return o.Payable() }

// amounts are the order's figures as a platform's file gives them, before
// the preset knows how they add up to the total.
type amounts struct {
	shipping app.Money // charged for delivery (and other charges: fees, gift wrap)
	// shippingOff is a discount on the shipping that the shipping figure
	// may or may not already be net of (Etsy's Shipping Discount).
	shippingOff app.Money
	discount    app.Money // the order's discount, as the file states it
	// taxes are the ways the file's tax may be counted, most likely
	// first (the items' tax; with the shipping's; with the fees').
	taxes []app.Money
	total app.Money // the order's total as the file states it
	// hasTotal: the file gives a total to check against.
	hasTotal bool
	// discountInside: the line amounts are after the discount (a line
	// total after coupons); try that reading first.
	discountInside bool
	// refund is what went back; netOfRefund is set when the lines add up
	// to the total less it (quantities after refunds).
	refund app.Money
}

// reckoning is how the preset found the order's figures to add up.
type reckoning struct {
	netOfRefund bool // the lines are what remained after the refund
	settled     bool // nothing added up: the difference was put in shipping or discount
}

// reckon sets the order's discount, tax and shipping from the file's
// figures in the first reading under which the order asks what the file
// says it cost: the discount off the lines or already inside them; the
// tax on top of the prices (the items', then with shipping's and fees')
// or inside them. When no reading adds up, the last figure is taken as
// the file states it and the difference goes into shipping (the order
// cost more) or the order discount (less), with a warning: what the
// buyer paid stands, and the user sees where it was put.
func (p *parser) reckon(o *app.ImportOrder, row int, a amounts) reckoning {
	var res reckoning
	tax := app.Money(0)
	if len(a.taxes) > 0 {
		tax = a.taxes[0]
	}
	shippings := []app.Money{a.shipping - a.shippingOff}
	if a.shippingOff != 0 {
		shippings = append(shippings, a.shipping)
	}
	o.ShippingFee = shippings[0]
	if !a.hasTotal {
		o.OrderDiscount, o.Tax, o.TaxIncluded = a.discount, tax, false
		if a.discountInside {
			o.OrderDiscount = 0
		}
		return res
	}
	discounts := []app.Money{a.discount, 0}
	if a.discountInside {
		discounts = []app.Money{0, a.discount}
	}
	taxes := a.taxes
	if len(taxes) == 0 {
		taxes = []app.Money{0}
	}
	targets := []app.Money{a.total}
	if a.refund > 0 {
		targets = append(targets, a.total-a.refund)
	}
	for ti, target := range targets {
		for _, ship := range shippings {
			for _, d := range discounts {
				for _, included := range []bool{false, true} {
					for _, t := range taxes {
						if included && t != taxes[len(taxes)-1] {
							continue // tax inside the prices: all of it
						}
						o.ShippingFee, o.OrderDiscount, o.Tax, o.TaxIncluded = ship, d, t, included && t != 0
						if payable(o) == target {
							res.netOfRefund = ti == 1
							return res
						}
					}
				}
			}
		}
	}
	o.ShippingFee, o.OrderDiscount, o.Tax, o.TaxIncluded = shippings[0], discounts[0], tax, false
	p.settle(o, row, a.total)
	res.settled = true
	return res
}

// settle makes an order whose figures do not add up to the total the
// platform wrote ask that total: the difference goes into shipping when
// the order cost more, into its discount when less, and a warning says so.
func (p *parser) settle(o *app.ImportOrder, row int, total app.Money) {
	sum := payable(o)
	switch diff := total - sum; {
	case diff > 0:
		o.ShippingFee += diff
		p.warn(row, o.PlatformOrderID, FieldShipping, "the order's total %s is %s more than its lines, shipping and tax (%s): "+
			"the difference is taken as shipping and other charges", p.currency.FormatPlain(total),
			p.currency.FormatPlain(diff), p.currency.FormatPlain(sum))
	case diff < 0:
		o.OrderDiscount += -diff
		p.warn(row, o.PlatformOrderID, FieldDiscount, "the order's total %s is %s less than its lines, shipping and tax (%s): "+
			"the difference is taken as a discount on the order", p.currency.FormatPlain(total),
			p.currency.FormatPlain(-diff), p.currency.FormatPlain(sum))
	}
}

// moneyText writes an amount back as text for lineCells.
func (p *parser) moneyText(m app.Money) string {
	return strings.ReplaceAll(p.currency.FormatPlain(m), ",", "")
}

// abs is an amount without its sign: platforms write discounts both as
// 5.00 and as -5.00.
func abs(m app.Money) app.Money {
	if m < 0 {
		return -m
	}
	return m
}

// joinName joins a first and a last name (or two address lines) with a
// space, leaving out an empty one.
func joinName(a, b string) string {
	return strings.TrimSpace(strings.TrimSpace(a) + " " + strings.TrimSpace(b))
}

func firstMoney(values ...app.Money) app.Money {
	for _, v := range values {
		if v != 0 {
			return v
		}
	}
	return 0
}

// whenQuiet reads a secondary date (paid, shipped) without a problem when
// it cannot: the order stands without it.
func (p *parser) whenQuiet(s string) (at time.Time, ok bool) {
	if strings.TrimSpace(s) == "" {
		return at, false
	}
	saved := len(p.problems)
	at, ok = p.when(0, "", s)
	p.problems = p.problems[:saved]
	return at, ok
}
