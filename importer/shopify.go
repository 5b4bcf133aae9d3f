package importer

import (
	"strings"
	"time"

	"orderdesk/app"
)

// parseShopify reads Shopify's order export: one row per line item, the
// order's own fields on its first row only.
func parseShopify(tables []Table, opt Options) (Parsed, error) {
	out := Parsed{Channel: app.ChannelShopify}
	for _, t := range tables {
		cols, err := columns(t, PresetShopify, []string{"Name", "Created at", "Lineitem quantity", "Lineitem sku", "Lineitem price"},
			"Email", "Financial Status", "Paid at", "Fulfillment Status", "Subtotal", "Shipping", "Taxes", "Total",
			"Discount Code", "Discount Amount", "Lineitem name", "Lineitem discount", "Shipping Name", "Shipping Street",
			"Shipping Address1", "Shipping Address2", "Shipping City", "Shipping Zip", "Shipping Province",
			"Shipping Province Name", "Shipping Country", "Shipping Phone", "Billing Name", "Billing Phone", "Phone", "Notes",
			"Cancelled at", "Payment Method", "Payment Reference", "Id")
		if err != nil {
			return out, err
		}
		p := &parser{currency: opt.Currency, loc: opt.Location, sheet: sheetName(tables, t)}
		p.reading(t, cols)
		for _, g := range groupRows(t, cols["Name"]) {
			out.Rows += len(g.rows)
			out.from(t, g.id, g.rows)
			first := g.rows[0]
			id := strings.TrimPrefix(g.id, "#")
			o := app.ImportOrder{Row: first.Line, Sheet: p.sheet, PlatformOrderID: id}
			ok := !p.unreadable(first, id)
			if at, good := p.when(first.Line, id, cell(first, cols, "Created at")); good {
				o.OrderedAt = at
			} else {
				ok = false
			}
			name := firstNonEmpty(cell(first, cols, "Billing Name"), cell(first, cols, "Shipping Name"))
			o.Customer = app.ImportCustomer{Name: name, Email: cell(first, cols, "Email"),
				Phone: firstNonEmpty(cell(first, cols, "Billing Phone"), cell(first, cols, "Phone"), cell(first, cols, "Shipping Phone"))}
			o.RecipientName = firstNonEmpty(cell(first, cols, "Shipping Name"), name)
			o.RecipientPhone = firstNonEmpty(cell(first, cols, "Shipping Phone"), o.Customer.Phone)
			street := firstNonEmpty(cell(first, cols, "Shipping Street"),
				strings.TrimSpace(cell(first, cols, "Shipping Address1")+" "+cell(first, cols, "Shipping Address2")))
			o.Address = app.Address{Province: firstNonEmpty(cell(first, cols, "Shipping Province Name"), cell(first, cols, "Shipping Province")),
				City: cell(first, cols, "Shipping City"), Street: street, Postcode: cell(first, cols, "Shipping Zip"),
				Country: countryCode(cell(first, cols, "Shipping Country"))}
			o.SpecialRequest = cell(first, cols, "Notes")
			o.CouponCode = cell(first, cols, "Discount Code")
			o.PaymentMethod = paymentMethodOf(cell(first, cols, "Payment Method"))
			o.TransactionID = cell(first, cols, "Payment Reference")
			shipping, good1 := p.money(first.Line, id, FieldShipping, cell(first, cols, "Shipping"))
			discount, good2 := p.money(first.Line, id, FieldDiscount, cell(first, cols, "Discount Amount"))
			total, good3 := p.money(first.Line, id, FieldPaid, cell(first, cols, "Total"))
			taxes, good4 := p.money(first.Line, id, FieldPaid, cell(first, cols, "Taxes"))
			ok = ok && good1 && good2 && good3 && good4
			o.ShippingFee = shipping
			var lineDiscounts app.Money
			for _, r := range g.rows {
				if r.Line != first.Line && p.unreadable(r, id) {
					ok = false
					continue
				}
				ok = p.addLine(&o, r, lineCells{SKU: cell(r, cols, "Lineitem sku"), Name: cell(r, cols, "Lineitem name"),
					Qty: cell(r, cols, "Lineitem quantity"), UnitPrice: cell(r, cols, "Lineitem price"),
					Discount: cell(r, cols, "Lineitem discount")}) && ok
			}
			// Shopify's discount amount counts the line discounts too.
			o.OrderDiscount = max(discount-lineDiscounts, 0)
			financial := strings.ToLower(cell(first, cols, "Financial Status"))
			switch financial {
			case "paid", "partially_refunded", "refunded":
				o.Paid = total - taxes
			}
			paidAt, _ := time.ParseInLocation("2006-01-02 15:04:05 -0700", cell(first, cols, "Paid at"), opt.Location)
			o.PaidAt = paidAt
			switch {
			case cell(first, cols, "Cancelled at") != "":
				o.Status, o.CancelReason = app.StatusCancelled, "cancelled in Shopify"
			case strings.EqualFold(cell(first, cols, "Fulfillment Status"), "fulfilled"):
				o.Status = app.StatusShipped
			default:
				o.Status = app.StatusPendingReview
			}
			if ok {
				out.Orders = append(out.Orders, o)
			}
		}
		out.Problems = append(out.Problems, p.problems...)
		out.Warnings = append(out.Warnings, p.warnings...)
	}
	return out, nil
}
