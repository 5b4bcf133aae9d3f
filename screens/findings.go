package screens

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// The review rules' findings and a line's stock at review
// said in the user's language. A finding is translated by its
// kind ("finding.remote_area") with its Params as the template's values;
// the English sentence below is the fallback.

// findingTemplate is the English sentence of a rule, with the Params the
// rule sets (app/review.go checkOrder) as placeholders.
func findingTemplate(k app.FindingKind) (string, bool) {
	switch k {
	case app.FindMissing:
		return "{{.Field}}: {{.Detail}}", true
	case app.FindRemoteArea:
		return "{{.Area}} is on the remote-area list", true
	case app.FindUnusualQuantity:
		return "{{.SKU}}: quantity {{.Qty}} is {{.Times}}× this customer's usual {{.Usual}}", true
	case app.FindAfterCutOff:
		return "Urgent, but today's {{.CutOff}} cut-off has passed", true
	case app.FindDateInfeasible:
		return "Delivery by {{.Date}} cannot be met: the earliest it can ship is {{.Earliest}}", true
	case app.FindBelowFloor:
		return "{{.SKU}}: price {{.Price}} is below the floor price {{.Floor}}", true
	case app.FindLargeDiscount:
		return "Discount {{.Discount}} is {{.Percent}}% of the goods, above the {{.Max}}% allowed", true
	case app.FindOverCredit:
		return "Over the credit limit by {{.Over}} (limit {{.Limit}})", true
	case app.FindNewCustomer:
		return "New customer with a large order: {{.Amount}} (flagged from {{.Threshold}})", true
	case app.FindDuplicate:
		return "Looks like a duplicate of order {{.Number}}", true
	case app.FindCoupon:
		return "Coupon {{.Code}} is not one the shop honours", true
	case app.FindSecondCheck:
		return "Hand-entered: a second person checks it", true
	}
	return "", false
}

// findingText is a finding as a sentence in the user's language. A
// missing detail names its field in the user's words; the service's
// English detail is only the English fallback.
func findingText(f app.Finding) string {
	template, ok := findingTemplate(f.Kind)
	if !ok { // a rule newer than this screen: its own sentence
		return capitalize(lang.X("finding."+string(f.Kind), f.Message))
	}
	data := make(map[string]any, len(f.Params)+1)
	for k, v := range f.Params {
		data[k] = v
	}
	if f.Kind == app.FindMissing {
		field := f.Params["Field"]
		data["Field"] = lang.X("field."+field, field)
	}
	text := lang.X("finding."+string(f.Kind), template, data)
	if strings.Contains(text, "<no value>") { // stored by an older version without its values
		text = f.Message
	}
	return capitalize(text)
}

// capitalize starts a sentence with a capital letter; Chinese is left as
// it is.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// stockStateText names a line's stock state at review.
func stockStateText(s app.StockState) string {
	switch s {
	case app.StockInStock:
		return lang.X("stockstate."+string(s), "In stock")
	case app.StockTransfer:
		return lang.X("stockstate."+string(s), "Needs a transfer")
	case app.StockShort:
		return lang.X("stockstate."+string(s), "Short")
	case app.StockNone:
		return lang.X("stockstate."+string(s), "Not stocked")
	}
	return string(s)
}

// availabilityText says in one line whether a line's goods are there:
// "In stock in SH (50)", "Transfer 10 from SZ to SH", "Short: 50 of 60
// available".
func availabilityText(a app.LineAvailability) string {
	switch a.State {
	case app.StockInStock:
		return lang.L("In stock in {{.Warehouse}} ({{.Available}})",
			map[string]any{"Warehouse": a.Best, "Available": a.ByHouse[a.Best]})
	case app.StockTransfer:
		codes := make([]string, 0, len(a.Transfers))
		for code := range a.Transfers {
			codes = append(codes, code)
		}
		slices.Sort(codes)
		parts := make([]string, len(codes))
		for i, code := range codes {
			parts[i] = lang.L("Transfer {{.Qty}} from {{.From}} to {{.To}}",
				map[string]any{"Qty": a.Transfers[code], "From": code, "To": a.Best})
		}
		return strings.Join(parts, "; ")
	case app.StockShort:
		return lang.L("Short: {{.Available}} of {{.Qty}} available", map[string]any{"Available": a.Available, "Qty": a.Qty})
	}
	return stockStateText(a.State)
}

// availabilityImportance colours a line's stock: green there, amber to
// move, red short.
func availabilityImportance(s app.StockState) widget.Importance {
	switch s {
	case app.StockInStock:
		return widget.SuccessImportance
	case app.StockTransfer:
		return widget.WarningImportance
	case app.StockShort:
		return widget.DangerImportance
	}
	return widget.LowImportance
}
