package screens

import (
	"context"
	"errors"
	"regexp"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/printing"
)

// errorText is the one place an error becomes words for the user, in the
// window's language. The services' errors carry a code and the values
// they name (app.FieldError, the state errors); English shows the
// services' own messages, which are exact, other languages say the same
// from the code and the values. Only an error nobody foresaw shows its
// English text.
func errorText(err error) string {
	if err == nil {
		return ""
	}
	if text := saveFileText(err); text != "" {
		return text
	}
	var refused *app.PermissionError
	var step *app.TransitionError
	var shipment *app.ShipmentStateError
	var caseState *app.CaseStateError
	var complaint *app.ComplaintStateError
	var noAddress *app.NoAddressError
	var noLetter *app.NoLetterError
	var printerRefused *printing.RefusedError
	var printersUnknown *printing.ListError
	switch {
	case errors.As(err, &refused):
		return lang.L("Your role ({{.Role}}) may not do this; ask the owner, or someone whose role allows it.",
			map[string]any{"Role": lang.X("role."+string(refused.Role), string(refused.Role))})
	case errors.As(err, &step):
		return lang.X("fulfil.transition", "{{.Message}}", map[string]any{"Message": capitalize(err.Error()),
			"Number": step.Order, "Status": statusText(step.From), "Action": actionText(step.Action)})
	case errors.As(err, &shipment):
		return lang.X("fulfil.shipment_state", "{{.Message}}", map[string]any{"Message": capitalize(err.Error()),
			"Number": shipment.Shipment, "Status": shipmentStatusText(shipment.Status)})
	case errors.As(err, &caseState):
		return lang.X("aftersales.case_state", "{{.Message}}", map[string]any{"Message": capitalize(err.Error()),
			"Number": caseState.Case, "Status": caseStatusText(caseState.Status)})
	case errors.As(err, &complaint):
		return lang.X("aftersales.complaint_state", "{{.Message}}", map[string]any{"Message": capitalize(err.Error()),
			"Number": complaint.Complaint, "Status": complaintStatusText(complaint.Status)})
	case errors.As(err, &noAddress):
		return lang.L("{{.Number}} has no delivery address: hand it over at the counter, or give the order an address before it is picked.",
			map[string]any{"Number": noAddress.Shipment})
	case errors.Is(err, printing.ErrNoPrinters):
		return lang.L("No printer is set up on this computer: add one in the system's settings, or save the file instead.")
	case errors.Is(err, printing.ErrNoSpooler):
		return lang.L("This computer's printing service (CUPS: lp and lpstat) is missing: install it, or save the file instead.")
	case errors.As(err, &printersUnknown):
		return lang.L("The printers could not be listed: {{.Reason}}", map[string]any{"Reason": printersUnknown.Reason})
	case errors.As(err, &printerRefused):
		return lang.L("The printer {{.Printer}} refused the document: {{.Reason}}",
			map[string]any{"Printer": printerRefused.Printer, "Reason": printerRefused.Reason})
	case errors.As(err, &noLetter):
		return lang.X("letter.none."+noLetter.Code, "{{.Message}}", map[string]any{"Message": capitalize(err.Error()),
			"Number": noLetter.Number})
	case errors.Is(err, app.ErrConflict):
		return lang.L("Someone else changed this since it was opened. Open it again to see their change, then try again.")
	case errors.Is(err, app.ErrShopReadOnly):
		return lang.L("The shop's file is read-only: nothing can be changed. Open a copy you may write, or ask who manages the computer.")
	case errors.Is(err, context.Canceled):
		return lang.L("Cancelled: nothing was changed.")
	}
	if v, ok := app.IsValidation(err); ok {
		lines := make([]string, len(v.Fields))
		for i, f := range v.Fields {
			lines[i] = fieldWords(f.Field) + ": " + problemWords(f)
		}
		return strings.Join(lines, "\n")
	}
	if errors.Is(err, app.ErrNotFound) {
		return lang.L("It is no longer there: someone may have removed it. Refresh the list.")
	}
	return err.Error()
}

// showError shows an error in a dialog in the user's words.
func showError(err error, win fyne.Window) {
	if err == nil {
		return
	}
	dialog.ShowError(errors.New(errorText(err)), win)
}

// problemWords is one field problem, said where the field is. English
// shows the service's own message, which names the limit (en.json's
// error.* words exist so that every language has every key); other
// languages the field's own words for the code where there are some
// ("error.password.too_short"), else the code's, with the figures the
// service gave ("at most 255 characters, it has 300").
func problemWords(f app.FieldError) string {
	if english() {
		return capitalize(f.Message)
	}
	if text := lang.X("error."+f.Field+"."+f.Code, "", f.Values); text != "" {
		return capitalize(text)
	}
	if len(f.Values) > 0 {
		if text := lang.X("error."+f.Code+".limit", "", f.Values); text != "" {
			return capitalize(text)
		}
	}
	return capitalize(lang.X("error."+f.Code, f.Message))
}

// english reports whether the window speaks English, where the services'
// messages are shown as they are.
func english() bool { return lang.X("language.code", "en") == "en" }

// indexedField is a field of one box or line: "packages[1].weight".
var indexedField = regexp.MustCompile(`^(packages|lines)\[(\d+)\]\.(\w+)$`)

// fieldWords names a field the service refused: "packages[1].weight" is
// box 2's weight, "lines[0].qty" line 1's quantity.
func fieldWords(field string) string {
	m := indexedField.FindStringSubmatch(field)
	if m == nil {
		return lang.X("field."+field, field)
	}
	n, _ := strconv.Atoi(m[2])
	if m[1] == "lines" {
		return lang.L("Line {{.No}}", map[string]any{"No": n + 1}) + " " + lang.X("field.lines."+m[3], lang.X("field."+m[3], m[3]))
	}
	return lang.L("Box {{.No}}", map[string]any{"No": n + 1}) + " " + lang.X("field.package."+m[3], m[3])
}

// newSelect is a widget.Select whose empty choice speaks the window's
// language (Fyne's own "(Select one)" is English only).
func newSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = lang.L("(Select one)")
	return s
}
