package screens

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"orderdesk/app"
)

// englishWord is a run of three Latin letters or more: an English word
// where the window speaks Chinese (order numbers and codes are digits).
var englishWord = regexp.MustCompile(`[A-Za-z]{3,}`)

// TestErrorsSpeakTheWindowsLanguage: in Chinese, the services' refusals
// reach the user in Chinese through the one errorText: a step the order
// cannot take (the same words from the order detail and from
// Fulfilment), a field problem naming its field and its limit, a form's
// empty choice; in English, the services' own exact messages.
func TestErrorsSpeakTheWindowsLanguage(t *testing.T) {
	f := fulfilShop(t)
	_, refused := f.svc.Ship(f.ctx, f.first.ID) // confirmed, not packed
	if refused == nil {
		t.Fatal("an order not packed was shipped")
	}
	long := &app.ValidationError{Fields: []app.FieldError{{Field: "recipient.name", Code: app.CodeTooLong,
		Message: "shorten this to 255 characters or fewer (it has 300)", Values: map[string]any{"Max": 255, "Have": 300}}}}

	if text := errorText(long); !strings.Contains(text, "horten this to 255 characters or fewer (it has 300)") {
		t.Errorf("English field problem: %q", text)
	}
	if text := errorText(refused); !strings.Contains(text, f.first.Number) || !strings.Contains(strings.ToLower(text), "ship") {
		t.Errorf("English refusal: %q", text)
	}

	LoadTranslations("zh-Hans")
	t.Cleanup(func() { LoadTranslations("en") })
	noCustomer := f.svc.SaveCustomer(f.ctx, &app.Customer{Kind: app.CustomerRetail})
	for _, c := range []struct {
		err  error
		want []string
	}{
		{refused, []string{f.first.Number}},
		{long, []string{"收货人", "255", "300"}},
		{noCustomer, []string{"必填"}},
		{app.ErrConflict, []string{"修改"}},
		{errors.Join(errors.New("wrapped"), app.ErrShopReadOnly), []string{"只读"}},
	} {
		text := errorText(c.err)
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%v in Chinese is %q, without %q", c.err, text, w)
			}
		}
		if word := englishWord.FindString(text); word != "" {
			t.Errorf("%v in Chinese is %q: English %q", c.err, text, word)
		}
	}
	if s := newSelect([]string{"a"}, nil); s.PlaceHolder != "（请选择）" {
		t.Errorf("a choice's placeholder in Chinese is %q", s.PlaceHolder)
	}
}
