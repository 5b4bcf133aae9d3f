package app

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors the store and services return; check with errors.Is.
var (
	ErrNotFound = errors.New("not found")
	// ErrConflict means someone else changed the record since it was read.
	ErrConflict = errors.New("changed by someone else since it was opened")
	// ErrNoActor means a service was called without saying who acts.
	ErrNoActor = errors.New("no user given for this change")
	// ErrShopReadOnly means the shop's file or disk cannot be written: the
	// store says it, so services can do what needs no writing.
	ErrShopReadOnly = errors.New("the shop's file is read-only")
)

// Error codes carried by FieldError. Screens translate by code; the message
// is the English fallback and always says what to fix.
const (
	CodeRequired  = "required"
	CodeTooLong   = "too_long"
	CodeInvalid   = "invalid"
	CodeTooSmall  = "too_small"
	CodeTooLarge  = "too_large"
	CodeUnknown   = "unknown"
	CodeDuplicate = "duplicate"
	CodeState     = "state"
	CodeShort     = "short_stock"
	CodeTooShort  = "too_short"
	CodeLastOwner = "last_owner"
)

// FieldError is one problem with one field of an input, for the screen to
// show beside that field.
type FieldError struct {
	Field   string // dotted path: "recipient.phone", "lines[2].qty"
	Code    string // one of the Code* constants
	Message string // English, says what to fix
	// Values are the figures the message names, for a screen to say in
	// its own words: "Max" and "Have" for text too long, "Min" for too
	// short.
	Values map[string]any
}

func (e FieldError) Error() string { return e.Field + ": " + e.Message }

// ValidationError collects every problem found in one input, so the user
// sees them all at once rather than one per try.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Error()
	}
	return "please correct: " + strings.Join(parts, "; ")
}

// For returns the first problem with the given field, if any.
func (e *ValidationError) For(field string) (FieldError, bool) {
	for _, f := range e.Fields {
		if f.Field == field {
			return f, true
		}
	}
	return FieldError{}, false
}

// problems gathers FieldErrors while an input is checked.
type problems struct{ list []FieldError }

func (p *problems) add(field, code, format string, args ...any) {
	p.list = append(p.list, FieldError{Field: field, Code: code, Message: fmt.Sprintf(format, args...)})
}

// hasAmountProblem reports a price, discount or fee already refused: the
// order's totals built from it would only add problems that are not real.
func (p *problems) hasAmountProblem() bool {
	for _, f := range p.list {
		if strings.HasSuffix(f.Field, ".unit_price") || strings.HasSuffix(f.Field, ".discount") ||
			f.Field == "shipping_fee" || strings.HasSuffix(f.Field, ".qty") {
			return true
		}
	}
	return false
}

// limit adds a problem with the figures it names.
func (p *problems) limit(field, code string, values map[string]any, format string, args ...any) {
	p.list = append(p.list, FieldError{Field: field, Code: code, Message: fmt.Sprintf(format, args...), Values: values})
}

// err returns nil when nothing was found.
func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	return &ValidationError{Fields: p.list}
}

// IsValidation reports whether err carries field problems.
func IsValidation(err error) (*ValidationError, bool) {
	var v *ValidationError
	ok := errors.As(err, &v)
	return v, ok
}

// TransitionError says why an order cannot take a step now.
type TransitionError struct {
	Action Action
	From   Status
	Order  string // order number, when known
	Reason string
}

func (e *TransitionError) Error() string {
	who := "order"
	if e.Order != "" {
		who = "order " + e.Order
	}
	return fmt.Sprintf("cannot %s %s: it is %s; %s", e.Action.Verb(), who, e.From.Label(), e.Reason)
}
