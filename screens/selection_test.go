package screens

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// agree checks that the Orders list selects the order numbered number,
// that its detail shows that order, and that File → Print prints it.
func agree(t *testing.T, s *Shell, number string) {
	t.Helper()
	if s.current != 1 {
		t.Fatalf("section %d is shown, not Orders", s.current)
	}
	row, ok := s.orders.Selected()
	if !ok || row.Number != number {
		t.Fatalf("the list selects %q (%v), want %s", row.Number, ok, number)
	}
	d := s.details[1]
	if d.order == nil || d.order.Number != number || d.title.Text != "Order "+number || d.actions.Hidden {
		t.Fatalf("the detail shows %q, want order %s", d.title.Text, number)
	}
	if got := printed(t, s); got != "order-"+number+".pdf" {
		t.Fatalf("File → Print wrote %q, want the order shown, %s", got, number)
	}
}

// printed chooses File → Print and says which file it wrote, "" for none.
func printed(t *testing.T, s *Shell) string {
	t.Helper()
	for _, old := range written(t) {
		if err := os.Remove(old); err != nil {
			t.Fatal(err)
		}
	}
	s.print()
	files := written(t)
	if len(files) > 1 {
		t.Fatalf("File → Print wrote %v", files)
	}
	if len(files) == 0 {
		return ""
	}
	return filepath.Base(files[0])
}

// TestOrderListSelectionIsTheDetail: whatever changes the list's rows — a
// chosen row, a new order submitted, a task opened from the work queue, a
// pick list printed elsewhere, a search that leaves the order out — the
// list's selection, the detail beside it and File → Print name one order,
// or none.
func TestOrderListSelectionIsTheDetail(t *testing.T) {
	f := fulfilShop(t)
	s, w := openShell(t, f)
	s.nav.Select(1)
	i, ok := s.orders.pages.Find(func(r app.OrderRow) bool { return r.ID == f.short.ID })
	if !ok {
		t.Fatalf("order %s is not listed", f.short.Number)
	}
	s.orders.table.Select(widget.TableCellID{Row: i, Col: 3})
	agree(t, s, f.short.Number)

	// A new order submitted from the order form is selected and shown.
	saved := submitThroughForm(t, f, s, "张伟", "TEA-001")
	agree(t, s, saved.Number)
	if s.orders.search.Text != saved.Number {
		t.Errorf("the search says %q", s.orders.search.Text)
	}

	// A task opened from the work queue: its order is selected even where
	// a filter hid it.
	s.orders.status.SetSelected("Pending review")
	s.nav.Select(0)
	task := -1
	for k, tk := range s.queue.tasks {
		if tk.SubjectKind == app.SubjectOrder && tk.SubjectID == f.urgent.ID {
			task = k
		}
	}
	if task < 0 {
		t.Fatalf("no task about order %s among %+v", f.urgent.Number, s.queue.tasks)
	}
	s.queue.list.Select(task)
	agree(t, s, f.urgent.Number)
	if s.orders.status.SelectedIndex() != 0 {
		t.Errorf("the status filter still says %q", s.orders.status.Selected)
	}

	// Its pick list printed in Fulfilment: back in Orders the detail shows
	// the order as it is now, picking, not as it was.
	if _, err := f.svc.Allocate(f.ctx, f.urgent.ID); err != nil {
		t.Fatal(err)
	}
	s.nav.Select(3)
	showRow(t, s.fulfilment, app.StagePick, f.urgent.ID)
	tapIn(t, s.fulfilment.detail.Content(), "Print pick list")
	tapIn(t, dialogOnTop(t, w), "Open to print")
	if got := f.order(t, f.urgent).Status; got != app.StatusPicking {
		t.Fatalf("order %s is %s after its pick list", f.urgent.Number, got)
	}
	s.nav.Select(1)
	agree(t, s, f.urgent.Number)
	if d := s.details[1]; d.order.Status != app.StatusPicking || !strings.HasPrefix(d.status.Text, "Picking") {
		t.Errorf("the detail says %q", d.status.Text)
	}
	// A step asks in a dialog that names the order it acts on.
	tapIn(t, s.details[1].Content(), "Cancel order")
	if shown := texts(dialogOnTop(t, w)); !strings.Contains(shown, "Cancel order: "+f.urgent.Number) {
		t.Errorf("the cancel dialog says:\n%s", shown)
	}
	tapIn(t, dialogOnTop(t, w), "Cancel")

	// A search that leaves the order out empties the detail, and Print
	// has nothing to print.
	test.Type(s.orders.search, "-none")
	if _, ok := s.orders.Selected(); ok {
		t.Error("the list still selects a row")
	}
	if d := s.details[1]; d.order != nil || d.title.Text != "Nothing matches" {
		t.Errorf("with nothing listed the detail shows %q", d.title.Text)
	}
	if got := printed(t, s); got != "" {
		t.Errorf("File → Print wrote %s with nothing selected", got)
	}
}
