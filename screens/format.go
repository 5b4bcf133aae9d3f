package screens

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// The domain's enums are shown through translation keys built from their
// values ("status.pending_review"), with the English label as fallback.

func statusText(s app.Status) string { return lang.X("status."+string(s), s.Label()) }

func paymentStatusText(s app.PaymentStatus) string {
	return lang.X("payment."+string(s), strings.ReplaceAll(string(s), "_", " "))
}

func channelText(c app.Channel) string { return lang.X("channel."+string(c), string(c)) }

func methodText(m app.PaymentMethod) string {
	return lang.X("method."+string(m), strings.ReplaceAll(string(m), "_", " "))
}

// methodChoice offers the payment methods with current chosen (the first
// when it is not one of them); chosen reads the choice.
func methodChoice(current app.PaymentMethod) (choice *widget.Select, chosen func() app.PaymentMethod) {
	methods := app.PaymentMethods()
	names := make([]string, len(methods))
	for i, m := range methods {
		names[i] = methodText(m)
	}
	choice = newSelect(names, nil)
	choice.SetSelectedIndex(max(slices.Index(methods, current), 0))
	return choice, func() app.PaymentMethod { return methods[max(choice.SelectedIndex(), 0)] }
}

func actionText(a app.Action) string {
	return lang.X("action."+string(a), strings.ToUpper(a.Verb()[:1])+a.Verb()[1:])
}

// dateTime writes a time in the user's local zone the way both English
// and Chinese readers take it: 2026-05-14 09:30.
func dateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2006-01-02 15:04")
}
