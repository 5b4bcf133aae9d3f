package screens

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// WorkQueue lists every open task in the shop, earliest due first, so
// what is overdue is at the top.
type WorkQueue struct {
	svc    *app.Service
	onOpen func(app.Task)
	now    func() time.Time

	tasks []app.Task
	list  *widget.List
	empty *widget.Label
	box   fyne.CanvasObject
}

// NewWorkQueue builds the queue; onOpen opens a task's subject.
func NewWorkQueue(svc *app.Service, onOpen func(app.Task)) *WorkQueue {
	q := &WorkQueue{svc: svc, onOpen: onOpen, now: time.Now}
	q.empty = widget.NewLabel(lang.L("Nothing waits. Well done."))
	q.list = widget.NewList(func() int { return len(q.tasks) }, q.createRow, q.updateRow)
	q.list.OnSelected = func(i widget.ListItemID) {
		if i < len(q.tasks) && q.onOpen != nil {
			q.onOpen(q.tasks[i])
		}
		q.list.UnselectAll()
	}
	q.box = container.NewBorder(q.empty, nil, nil, nil, q.list)
	return q
}

// Content is the screen's widget tree.
func (q *WorkQueue) Content() fyne.CanvasObject { return q.box }

// Update loads the open tasks; call it off the UI goroutine.
func (q *WorkQueue) Update(ctx context.Context) error {
	tasks, err := q.svc.Tasks(ctx, app.TaskFilter{OpenOnly: true})
	if err != nil {
		return err
	}
	fyne.Do(func() {
		q.tasks = tasks
		q.empty.Hidden = len(tasks) > 0
		q.list.Refresh()
	})
	return nil
}

func (q *WorkQueue) createRow() fyne.CanvasObject {
	due := widget.NewLabel("")
	title := widget.NewLabel("")
	title.Truncation = fyne.TextTruncateEllipsis
	who := widget.NewLabel("")
	return container.NewBorder(nil, nil, due, who, title)
}

func (q *WorkQueue) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	t := q.tasks[i]
	row := o.(*fyne.Container)
	title, due, who := row.Objects[0].(*widget.Label), row.Objects[1].(*widget.Label), row.Objects[2].(*widget.Label)
	title.SetText(lang.X("task."+string(t.Kind), t.Title, map[string]any{"Ref": t.Ref}))
	due.SetText(dateTime(t.Due))
	due.Importance = widget.MediumImportance
	if t.Due.Before(q.now()) {
		due.Importance = widget.DangerImportance
		due.SetText(dateTime(t.Due) + " · " + lang.L("overdue"))
	}
	who.SetText(lang.X("role."+string(t.Assignee), string(t.Assignee)))
}
