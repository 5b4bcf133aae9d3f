// Package printing sends a finished document straight to one of the
// computer's printers through the system's spooler: CUPS's lp on macOS
// and Linux, the print spooler (winspool) on Windows. ZPL goes raw, as
// the thermal printer reads it; a PDF goes to the spooler, which renders
// it for the printer. It knows nothing of the shop.
package printing

import (
	"context"
	"errors"
	"fmt"
)

// Kind is what a document is, which says how the spooler takes it.
type Kind int

const (
	PDF Kind = iota // rendered by the spooler for the printer
	Raw             // the printer's own language (ZPL), passed through untouched
)

// Printer is a printer the system knows.
type Printer struct {
	Name    string
	Default bool // the system's default printer
}

// ErrNoPrinters means the system knows no printer.
var ErrNoPrinters = errors.New("no printer is set up on this computer")

// ErrNoSpooler means the system's printing commands are missing (CUPS's
// lp and lpstat).
var ErrNoSpooler = errors.New("the system's printing service is not installed")

// RefusedError is a printer or spooler turning a document down, with
// the reason the system gave.
type RefusedError struct {
	Printer string
	Reason  string
}

func (e *RefusedError) Error() string {
	if e.Reason == "" {
		return fmt.Sprintf("the printer %s refused the document", e.Printer)
	}
	return fmt.Sprintf("the printer %s refused the document: %s", e.Printer, e.Reason)
}

// ListError is the system failing to say which printers it has (CUPS's
// scheduler not running), with the reason it gave.
type ListError struct{ Reason string }

func (e *ListError) Error() string { return "the printers could not be listed: " + e.Reason }

// Printers lists the printers the system knows, the default one marked;
// ErrNoPrinters when there are none.
func Printers(ctx context.Context) ([]Printer, error) {
	list, err := printers(ctx)
	if err == nil && len(list) == 0 {
		err = ErrNoPrinters
	}
	return list, err
}

// Print sends doc to the printer named, titled title in its queue.
func Print(ctx context.Context, printer string, kind Kind, title string, doc []byte) error {
	if printer == "" {
		return ErrNoPrinters
	}
	return send(ctx, printer, kind, title, doc)
}
