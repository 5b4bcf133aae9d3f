package screens

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// Typed work is not lost by a slip: a form or dialog with changes asks
// before it closes, by its close button, Cancel or Escape alike.

// askDiscard asks whether typed changes may go, and tells answer.
func askDiscard(win fyne.Window, answer func(discard bool)) {
	d := dialog.NewConfirm(lang.L("Discard changes?"), lang.L("What you typed here has not been saved and will be lost."),
		answer, win)
	d.SetConfirmText(lang.L("Discard changes"))
	d.SetDismissText(lang.L("Keep editing"))
	d.Show()
}

// dialogEntry is an entry in a dialog: Escape in it closes the dialog as
// Cancel does. A plain entry ignores Escape, and while it has the cursor
// the window never sees the key.
type dialogEntry struct {
	widget.Entry
	onEscape func()
}

func newDialogEntry() *dialogEntry {
	e := &dialogEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey closes the dialog on Escape; other keys edit the text.
func (e *dialogEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(ev)
}

// entryOf is the entry inside a dialog's field, or nil for other widgets.
func entryOf(o fyne.Focusable) *widget.Entry {
	switch e := o.(type) {
	case *widget.Entry:
		return e
	case *dialogEntry:
		return &e.Entry
	}
	return nil
}

// textsOf is what the fields hold, to tell later whether anything changed.
func textsOf(fields []fyne.Focusable) string {
	var b strings.Builder
	for _, o := range fields {
		if e := entryOf(o); e != nil {
			b.WriteString(e.Text)
		}
		b.WriteByte(0)
	}
	return b.String()
}
