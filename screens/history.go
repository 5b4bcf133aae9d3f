package screens

import (
	"encoding/json"
	"strings"

	"fyne.io/fyne/v2/lang"

	"orderdesk/app"
)

// historyText writes one history line in the user's language. The store
// keeps an English summary and the changed values as JSON; this reads the
// values so the line can be said in any language, and falls back to the
// summary for events it does not know.
func historyText(e app.Event, cur app.Currency) string {
	var before, after map[string]any
	_ = json.Unmarshal([]byte(e.Before), &before)
	_ = json.Unmarshal([]byte(e.After), &after)
	str := func(m map[string]any, k string) string {
		if v, ok := m[k].(string); ok {
			return v
		}
		return ""
	}
	action, isOrder := strings.CutPrefix(e.Action, "order.")
	if !isOrder {
		if text, ok := stepText(e.Action, after); ok {
			return text
		}
		return e.Summary
	}
	switch action {
	case "created":
		if file := str(after, "imported_from"); file != "" {
			row, _ := after["row"].(float64)
			return lang.L("Imported from {{.File}} (row {{.Row}}) as {{.Status}}", map[string]any{
				"File": file, "Row": int(row), "Status": statusText(app.Status(str(after, "status")))})
		}
		if str(after, "status") == string(app.StatusPendingReview) {
			return lang.L("Created and submitted for review")
		}
		return lang.L("Created as a draft")
	case "changed":
		keys := make([]string, 0, len(after))
		for k := range after {
			keys = append(keys, lang.X("field."+k, k))
		}
		return lang.L("Changed: {{.Fields}}", map[string]any{"Fields": strings.Join(keys, ", ")})
	case "payment":
		amount, _ := after["amount"].(float64)
		return lang.L("Payment of {{.Amount}} received by {{.Method}}", map[string]any{
			"Amount": cur.Format(app.Money(amount)), "Method": methodText(app.PaymentMethod(str(after, "method")))})
	case "checked":
		var found struct{ Findings []app.Finding }
		_ = json.Unmarshal([]byte(e.After), &found)
		if len(found.Findings) == 0 {
			return lang.L("Review: nothing found")
		}
		texts := make([]string, len(found.Findings))
		for i, f := range found.Findings {
			texts[i] = findingText(f)
		}
		return lang.L("Review found: {{.Findings}}", map[string]any{"Findings": strings.Join(texts, "; ")})
	case "refund":
		amount, _ := after["amount"].(float64)
		return lang.L("Refund of {{.Amount}} by {{.Method}} ({{.Reference}})", map[string]any{
			"Amount": cur.Format(app.Money(amount)), "Method": methodText(app.PaymentMethod(str(after, "method"))),
			"Reference": str(after, "reference")})
	case "credit":
		amount, _ := after["credit"].(float64)
		if kind := str(after, "kind"); kind != "" {
			return lang.L("{{.Kind}}, {{.Amount}} ({{.Note}})", map[string]any{"Kind": lang.X("credit."+kind, kind),
				"Amount": cur.Format(app.Money(amount)), "Note": str(after, "note")})
		}
		// Before credits were kept, goods back on an unpaid order settled it.
		return lang.L("{{.Amount}} of what was owed settled by the goods returned in case {{.Case}}", map[string]any{
			"Amount": cur.Format(app.Money(amount)), "Case": str(after, "case")})
	case "invoiced":
		amount, _ := after["amount"].(float64)
		return lang.L("Invoice {{.Number}} of {{.Amount}} issued", map[string]any{
			"Number": str(after, "number"), "Amount": cur.Format(app.Money(amount))})
	case "late_fee":
		amount, _ := after["amount"].(float64)
		return lang.L("Late fee of {{.Amount}} charged as order {{.Order}}", map[string]any{
			"Amount": cur.Format(app.Money(amount)), "Order": str(after, "fee_order")})
	case "confirmation_sent":
		return lang.L("Confirmation sent ({{.How}})", map[string]any{"How": str(after, "how")})
	case "shortage_decided":
		if decision := str(after, "decision"); decision != "" {
			no, _ := after["line_no"].(float64)
			return lang.L("Missing stock on line {{.Line}} ({{.SKU}}) — {{.Decision}}", map[string]any{
				"Line": int(no), "SKU": str(after, "sku"), "Decision": shortageText(app.ShortageKind(decision))})
		}
		return e.Summary
	case "packed_part":
		if number := str(after, "shipment"); number != "" {
			return lang.L("Part packed as shipment {{.Shipment}}", map[string]any{"Shipment": number})
		}
		return e.Summary
	case "verified":
		if done, known := after["verified"].(bool); known && !done {
			return lang.L("Pick checked by {{.Verifier}}: units found in other bins, to pick and check again",
				map[string]any{"Verifier": str(after, "verifier")})
		}
		if missing, _ := after["missing"].(map[string]any); len(missing) > 0 {
			return lang.L("Pick checked by {{.Verifier}}: units short", map[string]any{"Verifier": str(after, "verifier")})
		}
		return lang.L("Pick checked by {{.Verifier}}", map[string]any{"Verifier": str(after, "verifier")})
	case "contact":
		return lang.L("Contact by {{.Channel}}: {{.Note}}", map[string]any{
			"Channel": lang.X("contact."+str(after, "channel"), str(after, "channel")), "Note": str(after, "note")})
	}
	from, to := str(before, "status"), str(after, "status")
	if from == "" || to == "" {
		return e.Summary
	}
	line := actionText(app.Action(action)) + ": " + statusText(app.Status(from)) + " → " + statusText(app.Status(to))
	if note := str(after, "note"); note != "" {
		line += " (" + note + ")"
	}
	return line
}

// stepText words the steps of cases, complaints and shipments, which the
// history of their order shows too. Events it cannot word (older ones
// without the values) keep their English summary.
func stepText(action string, after map[string]any) (string, bool) {
	kind, step, _ := strings.Cut(action, ".")
	str := func(k string) string { v, _ := after[k].(string); return v }
	switch kind {
	case "case":
		if str("case") == "" {
			return "", false
		}
		if step == "opened" {
			return lang.L("Case {{.Case}} opened", map[string]any{"Case": str("case")}), true
		}
		return lang.L("Case {{.Case}}: {{.Status}}", map[string]any{"Case": str("case"),
			"Status": caseStatusText(app.CaseStatus(step))}), true
	case "complaint":
		if str("complaint") == "" {
			return "", false
		}
		if step == "registered" {
			return lang.L("Complaint {{.Complaint}} registered", map[string]any{"Complaint": str("complaint")}), true
		}
		return lang.L("Complaint {{.Complaint}}: {{.Status}}", map[string]any{"Complaint": str("complaint"),
			"Status": complaintStatusText(app.ComplaintStatus(step))}), true
	case "shipment":
		number := str("shipment")
		if number == "" {
			return "", false
		}
		switch step {
		case "packed":
			return lang.L("Shipment {{.Shipment}} packed", map[string]any{"Shipment": number}), true
		case "tracking":
			return lang.L("Shipment {{.Shipment}}: tracking number {{.Tracking}}",
				map[string]any{"Shipment": number, "Tracking": str("tracking")}), true
		case "resent":
			return lang.L("Shipment {{.Shipment}} sent again as {{.Resend}}, at no charge",
				map[string]any{"Shipment": number, "Resend": str("resend")}), true
		case "delivered":
			return lang.L("Shipment {{.Shipment}} delivered, signed by {{.Signer}}",
				map[string]any{"Shipment": number, "Signer": str("signer")}), true
		case "problem":
			if _, known := after["problem"]; !known {
				return "", false
			}
			if p := str("problem"); p != "" {
				return lang.L("Shipment {{.Shipment}}: {{.Problem}}", map[string]any{"Shipment": number,
					"Problem": trackingProblemText(app.TrackingProblem(p))}), true
			}
			return lang.L("Shipment {{.Shipment}}: the problem is cleared", map[string]any{"Shipment": number}), true
		}
	}
	return "", false
}
