package importer

import (
	"fmt"
	"strings"

	"orderdesk/app"
)

// parseGeneric maps columns by their headers (or the user's mapping) and
// reads any order list: one row per line, rows of one order sharing its
// id. An id starting with C followed by a digit is a credit note (the UK
// convention), whose quantities are negative.
func parseGeneric(tables []Table, opt Options) (Parsed, error) {
	channel := opt.Channel
	if channel == "" {
		channel = app.ChannelWebShop
	}
	out := Parsed{Channel: channel}
	for _, t := range tables {
		m := GuessMapping(t.Header)
		for f, h := range opt.Mapping {
			m[f] = h
		}
		cols := map[string]int{}
		var missing []string
		for _, f := range Fields() {
			cols[string(f)] = -1
			if h, ok := m[f]; ok && h != "" {
				cols[string(f)] = t.Column(h)
				if cols[string(f)] < 0 {
					missing = append(missing, fmt.Sprintf("%s (%q)", f, h))
				}
			}
		}
		for _, f := range RequiredFields() {
			if cols[string(f)] < 0 && m[f] == "" {
				missing = append(missing, string(f))
			}
		}
		if len(missing) > 0 {
			return out, &MissingColumnsError{Preset: PresetGeneric, Missing: missing}
		}
		// Orders are not dated today for want of a date: the user says
		// when they were placed.
		if cols[string(FieldOrderedAt)] < 0 && opt.Date.IsZero() {
			return out, ErrNoOrderDate
		}
		if out.Mapping == nil {
			out.Mapping = m
		}
		p, err := newParser(opt, tables, t)
		if err != nil {
			return out, err
		}
		p.reading(t, cols)
		if err := p.readDates(t, cols[string(FieldOrderedAt)], orderDayFirstDefault); err != nil {
			return out, err
		}
		get := func(r Row, f Field) string { return cell(r, cols, string(f)) }
		for _, g := range groupRows(t, cols[string(FieldOrderID)]) {
			out.Rows += len(g.rows)
			out.from(t, g.id, g.rows)
			first := g.rows[0]
			id := g.id
			o := app.ImportOrder{Row: first.Line, Sheet: p.sheet, PlatformOrderID: id}
			if id == "" {
				p.bad(first.Line, "", FieldOrderID, "row without an order id")
				continue
			}
			credit := len(id) > 1 && (id[0] == 'C' || id[0] == 'c') && id[1] >= '0' && id[1] <= '9'
			if credit {
				o.Kind = app.KindCredit
			}
			ok := true
			for _, r := range g.rows {
				if p.unreadable(r, id) {
					ok = false
					continue
				}
				if get(r, FieldOrderedAt) != "" {
					at, good := p.when(r.Line, id, get(r, FieldOrderedAt))
					ok = ok && good
					// Lines of one invoice can be a minute apart: the
					// order is placed at its first.
					if good && (o.OrderedAt.IsZero() || at.Before(o.OrderedAt)) {
						o.OrderedAt = at
					}
				}
				qty := get(r, FieldQty)
				if credit {
					if n, err := parseWhole(qty); err == nil {
						if n > 0 {
							p.bad(r.Line, id, FieldQty, "credit note %s has a positive quantity %d; its lines are negative", id, n)
							ok = false
							continue
						}
						qty = fmt.Sprint(-n)
					}
				}
				ok = p.addLine(&o, r, lineCells{SKU: get(r, FieldSKU), Name: get(r, FieldName), Spec: get(r, FieldSpec),
					Qty: qty, UnitPrice: get(r, FieldUnitPrice), LineTotal: get(r, FieldLineTotal),
					Discount: get(r, FieldLineDiscount)}) && ok
			}
			if o.OrderedAt.IsZero() {
				o.OrderedAt = opt.Date
			}
			code := get(first, FieldCustomerCode)
			name := firstNonEmpty(get(first, FieldCustomerName), joinName(get(first, FieldFirstName), get(first, FieldLastName)))
			o.Customer = app.ImportCustomer{Code: code, Name: name, Email: get(first, FieldEmail), Phone: get(first, FieldPhone)}
			o.Currency = strings.ToUpper(get(first, FieldCurrency))
			o.RecipientName = firstNonEmpty(get(first, FieldRecipient), o.Customer.Name)
			o.RecipientPhone = o.Customer.Phone
			o.Address = app.Address{Province: get(first, FieldProvince), City: get(first, FieldCity),
				District: get(first, FieldDistrict), Street: get(first, FieldStreet), Postcode: get(first, FieldPostcode),
				Country: countryCode(get(first, FieldCountry))}
			if o.Address.Country == "" && strings.ContainsAny(o.Address.Province+o.Address.City, "省市区") {
				o.Address.Country = "CN"
			}
			o.SpecialRequest = get(first, FieldNote)
			o.CouponCode = get(first, FieldCoupon)
			shipping, good1 := p.money(first.Line, id, FieldShipping, get(first, FieldShipping))
			discount, good2 := p.money(first.Line, id, FieldDiscount, get(first, FieldDiscount))
			paid, good3 := p.money(first.Line, id, FieldPaid, get(first, FieldPaid))
			ok = ok && good1 && good2 && good3
			o.ShippingFee, o.OrderDiscount, o.Paid = max(shipping, 0), max(discount, 0), max(paid, 0)
			o.Status = genericStatus(get(first, FieldStatus), opt.NewOrders)
			if o.Status == app.StatusCompleted && o.Paid == 0 && cols[string(FieldPaid)] < 0 && !credit {
				o.PaidInFull = true // history without payments: settled
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

func parseWhole(s string) (int64, error) {
	var n int64
	_, err := fmt.Sscanf(strings.TrimSuffix(strings.TrimSpace(s), ".0"), "%d", &n)
	return n, err
}

// genericStatus reads a status column in English or Chinese; without one
// the orders are history (completed) unless the user says they are new.
func genericStatus(s string, newOrders bool) app.Status {
	v := strings.ToLower(strings.TrimSpace(s))
	switch {
	case v == "":
		if newOrders {
			return app.StatusPendingReview
		}
		return app.StatusCompleted
	case strings.Contains(v, "cancel") || strings.Contains(v, "取消") || strings.Contains(v, "关闭"):
		return app.StatusCancelled
	case strings.Contains(v, "deliver") || strings.Contains(v, "签收"):
		return app.StatusDelivered
	case strings.Contains(v, "ship") || strings.Contains(v, "发货") || strings.Contains(v, "fulfilled"):
		if strings.Contains(v, "等待") || strings.Contains(v, "un") {
			return app.StatusPendingReview
		}
		return app.StatusShipped
	case strings.Contains(v, "complet") || strings.Contains(v, "done") || strings.Contains(v, "完成") || strings.Contains(v, "成功"):
		return app.StatusCompleted
	}
	return app.StatusPendingReview
}
