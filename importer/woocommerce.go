package importer

import (
	"strings"

	"orderdesk/app"
)

// parseWoo reads the usual WooCommerce order export (one row per item).
func parseWoo(tables []Table, opt Options) (Parsed, error) {
	out := Parsed{Channel: app.ChannelWoo}
	for _, t := range tables {
		cols, err := columns(t, PresetWooCommerce, []string{"Order Number", "Order Date", "SKU", "Quantity (- Refund)", "Item Cost"},
			"Order Status", "Customer Note", "First Name (Billing)", "Last Name (Billing)", "Company (Billing)",
			"Email (Billing)", "Phone (Billing)", "First Name (Shipping)", "Last Name (Shipping)", "Address 1&2 (Shipping)",
			"City (Shipping)", "State Code (Shipping)", "Postcode (Shipping)", "Country Code (Shipping)",
			"Address 1&2 (Billing)", "City (Billing)", "State Code (Billing)", "Postcode (Billing)", "Country Code (Billing)",
			"Payment Method Title", "Cart Discount Amount", "Order Shipping Amount", "Order Total Amount", "Item Name",
			"Coupon Code", "Order Refund Amount")
		if err != nil {
			return out, err
		}
		p := &parser{currency: opt.Currency, loc: opt.Location, sheet: sheetName(tables, t)}
		p.reading(t, cols)
		for _, g := range groupRows(t, cols["Order Number"]) {
			out.Rows += len(g.rows)
			out.from(t, g.id, g.rows)
			first := g.rows[0]
			id := g.id
			o := app.ImportOrder{Row: first.Line, Sheet: p.sheet, PlatformOrderID: id}
			ok := true
			if at, good := p.when(first.Line, id, cell(first, cols, "Order Date")); good {
				o.OrderedAt = at
			} else {
				ok = false
			}
			billing := strings.TrimSpace(cell(first, cols, "First Name (Billing)") + " " + cell(first, cols, "Last Name (Billing)"))
			o.Customer = app.ImportCustomer{Name: firstNonEmpty(cell(first, cols, "Company (Billing)"), billing),
				Email: cell(first, cols, "Email (Billing)"), Phone: cell(first, cols, "Phone (Billing)")}
			if o.Customer.Name != billing && billing != "" {
				o.Contact = billing
			}
			o.RecipientName = firstNonEmpty(strings.TrimSpace(cell(first, cols, "First Name (Shipping)")+" "+
				cell(first, cols, "Last Name (Shipping)")), billing)
			o.RecipientPhone = o.Customer.Phone
			side := "Shipping"
			if cell(first, cols, "Address 1&2 (Shipping)") == "" {
				side = "Billing"
			}
			o.Address = app.Address{Province: cell(first, cols, "State Code ("+side+")"), City: cell(first, cols, "City ("+side+")"),
				Street: cell(first, cols, "Address 1&2 ("+side+")"), Postcode: cell(first, cols, "Postcode ("+side+")"),
				Country: countryCode(cell(first, cols, "Country Code ("+side+")"))}
			o.SpecialRequest = cell(first, cols, "Customer Note")
			o.CouponCode = cell(first, cols, "Coupon Code")
			o.PaymentMethod = paymentMethodOf(cell(first, cols, "Payment Method Title"))
			shipping, good1 := p.money(first.Line, id, FieldShipping, cell(first, cols, "Order Shipping Amount"))
			discount, good2 := p.money(first.Line, id, FieldDiscount, cell(first, cols, "Cart Discount Amount"))
			total, good3 := p.money(first.Line, id, FieldPaid, cell(first, cols, "Order Total Amount"))
			ok = ok && good1 && good2 && good3
			o.ShippingFee, o.OrderDiscount = shipping, discount
			for _, r := range g.rows {
				if p.unreadable(r, id) {
					ok = false
					continue
				}
				ok = p.addLine(&o, r, lineCells{SKU: cell(r, cols, "SKU"), Name: cell(r, cols, "Item Name"),
					Qty: cell(r, cols, "Quantity (- Refund)"), UnitPrice: cell(r, cols, "Item Cost")}) && ok
			}
			switch strings.ToLower(cell(first, cols, "Order Status")) {
			case "completed":
				o.Status, o.Paid = app.StatusCompleted, total
			case "processing":
				o.Status, o.Paid = app.StatusPendingReview, total
			case "cancelled", "failed", "refunded":
				o.Status, o.CancelReason = app.StatusCancelled, "cancelled in WooCommerce ("+cell(first, cols, "Order Status")+")"
			default: // pending payment, on hold: still to be paid
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
