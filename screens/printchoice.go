package screens

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"orderdesk/printing"
)

// Printing straight to a printer: a document's dialog offers "Print to"
// with the computer's printers and, for PDFs, the viewer as one choice.
// The choice is remembered per kind of document (labels go to the label
// printer, letters to the office one).

// The spooler, replaced by tests; lookUpPrinters runs the listing off
// the UI goroutine (lpstat may take a moment), tests run it inline.
var (
	listPrinters   = printing.Printers
	sendToPrinter  = printing.Print
	lookUpPrinters = func(f func()) { go f() }
)

// prefPrinterFor is followed by the kind of document.
const prefPrinterFor = "printer.for:"

// printChoice is a dialog's "Print to" choice.
type printChoice struct {
	kind     string // the preference's key: "labels", "labels-zpl", "letters"…
	raw      bool   // ZPL: printers only, no viewer
	printers []string
	sel      *widget.Select
	note     *widget.Label
	box      *fyne.Container
	changed  func() // the button that prints follows the choice
}

// newPrintChoice offers the viewer (unless raw) and the printers, which
// are looked up in the background; the last choice for kind comes
// selected once they are known.
func newPrintChoice(kind string, raw bool) *printChoice {
	c := &printChoice{kind: kind, raw: raw, note: widget.NewLabel("")}
	c.sel = widget.NewSelect(nil, func(string) {
		if c.changed != nil {
			c.changed()
		}
	})
	c.note.Wrapping = fyne.TextWrapWord
	c.note.Importance = widget.LowImportance
	c.box = container.NewVBox(widget.NewForm(widget.NewFormItem(lang.L("Print to"), c.sel)), c.note)
	c.fill(nil, nil)
	c.say(lang.L("Looking for printers…"))
	lookUpPrinters(func() {
		list, err := listPrinters(context.Background())
		fyne.Do(func() { c.fill(list, err) })
	})
	return c
}

// say puts a word under the choice, or takes it away.
func (c *printChoice) say(text string) {
	c.note.SetText(text)
	c.note.Hidden = text == ""
	c.box.Refresh()
}

// viewer is the choice that opens the PDF in the system's viewer.
func viewerChoice() string { return lang.L("Open in the viewer") }

// fill lists the printers found, the default one first after the
// viewer, and selects the remembered choice.
func (c *printChoice) fill(list []printing.Printer, err error) {
	c.printers = c.printers[:0]
	for _, p := range list {
		if p.Default {
			c.printers = append([]string{p.Name}, c.printers...)
		} else {
			c.printers = append(c.printers, p.Name)
		}
	}
	var options []string
	if !c.raw {
		options = append(options, viewerChoice())
	}
	options = append(options, c.printers...)
	c.sel.SetOptions(options)
	c.say("")
	quiet := errors.Is(err, printing.ErrNoPrinters) || errors.Is(err, printing.ErrNoSpooler)
	if err != nil && (c.raw || !quiet) {
		// The viewer needs no printer: only say so where it matters.
		c.say(errorText(err))
	}
	remembered := fyne.CurrentApp().Preferences().String(prefPrinterFor + c.kind)
	switch {
	case remembered != "" && contains(c.printers, remembered):
		c.sel.SetSelected(remembered)
	case len(options) > 0 && (remembered == "" || !c.raw):
		c.sel.SetSelected(options[0])
	default:
		c.sel.ClearSelected()
	}
	if c.changed != nil {
		c.changed()
	}
}

// setKind switches to another kind of document (the label dialog's PDF
// or ZPL) and its remembered printer.
func (c *printChoice) setKind(kind string, raw bool) {
	c.kind, c.raw = kind, raw
	names := make([]printing.Printer, len(c.printers))
	for i, p := range c.printers {
		names[i] = printing.Printer{Name: p}
	}
	c.fill(names, nil)
	if raw && len(names) == 0 {
		c.say(errorText(printing.ErrNoPrinters))
	}
}

// printer is the printer chosen; "" the viewer or nothing.
func (c *printChoice) printer() string {
	if c.sel.Selected == viewerChoice() {
		return ""
	}
	return c.sel.Selected
}

// ready says whether there is somewhere to print to.
func (c *printChoice) ready() bool { return c.sel.Selected != "" }

// remember keeps the choice for the next document of its kind.
func (c *printChoice) remember() {
	fyne.CurrentApp().Preferences().SetString(prefPrinterFor+c.kind, c.printer())
}

// printButton is the button that sends the document where c says:
// "Open to print" for the viewer, "Print" for a printer; it is disabled
// while there is nowhere to print to.
func (c *printChoice) printButton(tapped func()) *widget.Button {
	b := widget.NewButton(lang.L("Open to print"), func() {
		c.remember()
		tapped()
	})
	b.Importance = widget.HighImportance
	c.changed = func() {
		if c.printer() == "" && !c.raw {
			b.SetText(lang.L("Open to print"))
		} else {
			b.SetText(lang.L("Print"))
		}
		if c.ready() {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	c.changed()
	return b
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// printTo sends a written document to printer, off the UI goroutine, and
// says so in win's status line or as an error starting with failed.
func printTo(win fyne.Window, background func(func()), printer string, kind printing.Kind, doc pdfDocument) {
	background(func() {
		b, err := doc.render()
		if err == nil {
			err = sendToPrinter(context.Background(), printer, kind, doc.name, b)
		}
		fyne.Do(func() {
			if err != nil {
				showError(errors.New(doc.failed+errorText(err)), win)
				return
			}
			notify(win, sentText(doc.name, printer), widget.SuccessImportance)
		})
	})
}

func sentText(name, printer string) string {
	return lang.L("{{.Name}} is sent to the printer {{.Printer}}", map[string]any{"Name": name, "Printer": printer})
}

// printRow is the "Print to" choice and its button for a dialog that
// offers a PDF: the viewer or a printer. before runs first (the dialog
// closes); written, if set, hears the path of a document opened in the
// viewer.
func printRow(win fyne.Window, background func(func()), kind string, doc func() pdfDocument, before func(),
	written func(path string)) (*printChoice, *widget.Button) {
	c := newPrintChoice(kind, false)
	b := c.printButton(func() {
		before()
		if p := c.printer(); p != "" {
			printTo(win, background, p, printing.PDF, doc())
			return
		}
		openDocument(win, background, doc(), written)
	})
	return c, b
}
