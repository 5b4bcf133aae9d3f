package screens

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// suggestEntry is an entry that lists matches under itself as the user
// types (customers by name or phone, products by name, SKU or barcode).
// Down and Up move through the list, Enter takes the highlighted match,
// Escape closes the list. Enter with nothing highlighted is the entry's
// own OnSubmitted, so a scanner's code and Enter never land on a list.
type suggestEntry struct {
	widget.Entry
	// OnChosen is called with the index of the match the user took.
	OnChosen func(i int)

	options []string
	current int // the highlighted match; -1 for none
	focused bool
	rows    *fyne.Container
	keys    *suggestKeys
	popUp   *widget.PopUp
}

func newSuggestEntry() *suggestEntry {
	e := &suggestEntry{current: -1, rows: container.NewVBox()}
	e.ExtendBaseWidget(e)
	e.keys = &suggestKeys{entry: e}
	e.keys.ExtendBaseWidget(e.keys)
	return e
}

// SetOptions replaces the matches; the list shows while the entry has the
// cursor and there is something to offer. Nothing is highlighted: the
// user chooses with the arrows.
func (e *suggestEntry) SetOptions(options []string) {
	e.options, e.current = options, -1
	e.rows.RemoveAll()
	for i, o := range options {
		e.rows.Add(newSuggestRow(o, func() { e.take(i) }))
	}
	if len(options) == 0 || !e.focused {
		e.hideList()
		return
	}
	e.showList()
}

// Highlight marks match i (-1 for none), opening the list if it is shut.
func (e *suggestEntry) Highlight(i int) {
	if i >= len(e.options) {
		i = len(e.options) - 1
	}
	e.current = max(i, -1)
	for n, o := range e.rows.Objects {
		o.(*suggestRow).highlight(n == e.current)
	}
	if e.current >= 0 && !e.listShown() {
		e.showList()
	}
}

// Options are the matches offered now.
func (e *suggestEntry) Options() []string { return e.options }

func (e *suggestEntry) listShown() bool { return e.popUp != nil && e.popUp.Visible() }

func (e *suggestEntry) showList() {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	if e.popUp == nil {
		e.popUp = widget.NewPopUp(e.keys, c)
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e).Add(fyne.NewPos(0, e.Size().Height))
	e.popUp.ShowAtPosition(pos)
	e.popUp.Resize(fyne.NewSize(e.Size().Width, e.popUp.MinSize().Height))
	// The list is an overlay, which takes the keyboard: its key catcher
	// hands every key back to the entry, so typing goes on.
	c.Focus(e.keys)
}

func (e *suggestEntry) hideList() {
	if e.listShown() {
		e.popUp.Hide()
	}
}

func (e *suggestEntry) take(i int) {
	e.hideList()
	e.current = -1
	if e.OnChosen != nil && i < len(e.options) {
		e.OnChosen(i)
	}
}

// TypedKey moves through the list while it is open; other keys edit the
// text as in any entry.
func (e *suggestEntry) TypedKey(ev *fyne.KeyEvent) {
	open := e.listShown()
	switch ev.Name {
	case fyne.KeyDown:
		if len(e.options) > 0 {
			e.Highlight(e.current + 1)
			return
		}
	case fyne.KeyUp:
		if open {
			e.Highlight(e.current - 1)
			return
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if open && e.current >= 0 {
			e.take(e.current)
			return
		}
		e.hideList()
	case fyne.KeyEscape:
		if open {
			e.hideList()
			return
		}
	case fyne.KeyTab:
		// Only reaches here from the open list's key catcher: Tab leaves
		// the field as it would without a list.
		e.hideList()
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
			c.FocusNext()
		}
		return
	default:
		e.Highlight(-1) // the text changes: the old highlight no longer fits it
	}
	e.Entry.TypedKey(ev)
}

// TypedRune types into the entry; a highlight chosen for the text before
// does not carry over to the new text.
func (e *suggestEntry) TypedRune(r rune) {
	e.Highlight(-1)
	e.Entry.TypedRune(r)
}

// FocusGained notes the cursor is here, so matches may show.
func (e *suggestEntry) FocusGained() {
	e.focused = true
	e.Entry.FocusGained()
}

// FocusLost closes the list: matches for a field the user left are noise.
func (e *suggestEntry) FocusLost() {
	e.focused = false
	e.hideList()
	e.Entry.FocusLost()
}

// suggestKeys is the list's content and, while the list is open, where
// the keyboard goes; it hands every key back to the entry.
type suggestKeys struct {
	widget.BaseWidget
	entry *suggestEntry
}

func (k *suggestKeys) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(k.entry.rows)
}

func (k *suggestKeys) FocusGained()                  {}
func (k *suggestKeys) FocusLost()                    {}
func (k *suggestKeys) AcceptsTab() bool              { return true }
func (k *suggestKeys) TypedRune(r rune)              { k.entry.TypedRune(r) }
func (k *suggestKeys) TypedKey(ev *fyne.KeyEvent)    { k.entry.TypedKey(ev) }
func (k *suggestKeys) TypedShortcut(s fyne.Shortcut) { k.entry.TypedShortcut(s) }
func (k *suggestKeys) KeyDown(ev *fyne.KeyEvent)     { k.entry.KeyDown(ev) }
func (k *suggestKeys) KeyUp(ev *fyne.KeyEvent)       { k.entry.KeyUp(ev) }

// suggestRow is one match: tap it to take it.
type suggestRow struct {
	widget.BaseWidget
	bg     *canvas.Rectangle
	label  *widget.Label
	tapped func()
}

func newSuggestRow(text string, tapped func()) *suggestRow {
	r := &suggestRow{bg: canvas.NewRectangle(color.Transparent), label: widget.NewLabel(text), tapped: tapped}
	r.label.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

func (r *suggestRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(r.bg, r.label))
}

func (r *suggestRow) Tapped(*fyne.PointEvent) { r.tapped() }

func (r *suggestRow) highlight(on bool) {
	r.bg.FillColor = color.Transparent
	if on {
		r.bg.FillColor = theme.Color(theme.ColorNameSelection)
	}
	r.bg.Refresh()
}
