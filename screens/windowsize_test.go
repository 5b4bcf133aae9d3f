package screens

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// The window starts at a size that fits a 1366×768 screen (less the
// taskbar and title bar) and then at the size it had when last closed.
func TestWindowSizeFitsAndIsRemembered(t *testing.T) {
	s := NewSettings(test.NewTempApp(t).Preferences())
	if got := s.WindowSize(); got != DefaultWindowSize {
		t.Errorf("first start: %v, want %v", got, DefaultWindowSize)
	}
	if DefaultWindowSize.Width > 1366 || DefaultWindowSize.Height > 768-70 {
		t.Errorf("%v does not fit a 1366×768 screen with its taskbar and title bar", DefaultWindowSize)
	}
	s.SetWindowSize(fyne.NewSize(1100, 650))
	if got := s.WindowSize(); got != fyne.NewSize(1100, 650) {
		t.Errorf("after closing at 1100×650 it starts at %v", got)
	}
	s.SetWindowSize(fyne.NewSize(30, 20)) // a window shrunk to nothing
	if got := s.WindowSize(); got != DefaultWindowSize {
		t.Errorf("after closing at 30×20 it starts at %v, want %v", got, DefaultWindowSize)
	}
}

// The orders list shows number, date, customer, status and amount first,
// within the width the list has beside the detail in the first window
// (about 718 px at 1280 wide): no scrolling sideways to see them.
func TestOrderListKeyColumnsComeFirst(t *testing.T) {
	want := []string{"Number", "Date", "Customer", "Status", "Amount"}
	cols := orderColumns()
	var width float32
	for i, key := range want {
		if cols[i].title != key {
			t.Fatalf("column %d is %s, want %s", i, cols[i].title, key)
		}
		width += cols[i].width + 4 // the table's separator and padding
	}
	if width > 700 {
		t.Errorf("the key columns take %.0f px, more than the list has beside the detail", width)
	}
}
