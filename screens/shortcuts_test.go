package screens

import (
	"errors"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// pressShortcut does what the desktop driver does with Ctrl/Cmd+key: a
// main-menu item with that shortcut runs first; otherwise a focused
// widget that takes shortcuts gets it (an entry swallows what it does
// not know); only then the canvas. It reports whether anything ran it.
func pressShortcut(w fyne.Window, key fyne.KeyName) bool {
	sc := &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
	if m := w.MainMenu(); m != nil {
		for _, menu := range m.Items {
			for _, item := range menu.Items {
				if item.Shortcut != nil && item.Shortcut.ShortcutName() == sc.ShortcutName() && item.Action != nil {
					item.Action()
					return true
				}
			}
		}
	}
	if focused, ok := w.Canvas().Focused().(fyne.Shortcutable); ok {
		focused.TypedShortcut(sc)
		return false
	}
	w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(sc)
	return true
}

// TestShortcutsWorkWhereverTheFocusIs: with the cursor in the orders
// search box, Ctrl/Cmd+N opens a new order, +F finds, +R refreshes and +P
// prints the order shown; the order form saves a draft with +S from any
// field.
func TestShortcutsWorkWhereverTheFocusIs(t *testing.T) {
	f := fulfilShop(t)
	s, w := startedShell(t, f)
	s.nav.Select(1)
	w.Canvas().Focus(s.orders.search)
	if _, ok := w.Canvas().Focused().(*widget.Entry); !ok {
		t.Fatalf("the search box is not focused: %T", w.Canvas().Focused())
	}

	windows := len(fyne.CurrentApp().Driver().AllWindows())
	if !pressShortcut(w, fyne.KeyN) || len(fyne.CurrentApp().Driver().AllWindows()) != windows+1 {
		t.Fatalf("Ctrl+N with the cursor in the search box opened %d windows", len(fyne.CurrentApp().Driver().AllWindows())-windows)
	}
	form := fyne.CurrentApp().Driver().AllWindows()[windows]
	if form.Title() != "New order" {
		t.Fatalf("Ctrl+N opened %q", form.Title())
	}
	before := orderCount(t, f.ctx, f.svc)
	if !pressShortcut(form, fyne.KeyS) {
		t.Fatal("the order form has no Ctrl+S")
	}
	// Saving runs off the UI goroutine and closes the form when done.
	for i := 0; i < 100 && len(fyne.CurrentApp().Driver().AllWindows()) > windows; i++ {
		time.Sleep(20 * time.Millisecond)
	}
	if n := orderCount(t, f.ctx, f.svc); n != before+1 || len(fyne.CurrentApp().Driver().AllWindows()) != windows {
		t.Fatalf("Ctrl+S in the order form saved %d drafts and left %d windows", n-before,
			len(fyne.CurrentApp().Driver().AllWindows())-windows)
	}

	s.nav.Select(0)
	w.Canvas().Focus(s.orders.search)
	if !pressShortcut(w, fyne.KeyF) || s.current != 1 || w.Canvas().Focused() != s.orders.search {
		t.Fatalf("Ctrl+F shows section %d with %T focused", s.current, w.Canvas().Focused())
	}
	for _, key := range []fyne.KeyName{fyne.KeyR, fyne.KeyP, fyne.KeyI} {
		if !pressShortcut(w, key) {
			t.Errorf("Ctrl+%s is swallowed by the search box", key)
		}
	}
}

// TestEscapeClosesADialog: Escape closes the dialog on top of the main
// window, as the desktop driver hands it over when no field has the
// cursor.
func TestEscapeClosesADialog(t *testing.T) {
	f := fulfilShop(t)
	_, w := startedShell(t, f)
	showError(errors.New("the printer is out of paper"), w)
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog shown")
	}
	w.Canvas().Unfocus()
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if top := w.Canvas().Overlays().Top(); top != nil && top.Visible() {
		t.Fatal("Escape left the dialog open")
	}
}
