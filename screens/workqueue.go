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
	// mine is the signed-in person's role: their tasks are shown first.
	mine app.Role

	all     []app.Task // every open task
	tasks   []app.Task // the ones the filters let through
	kinds   []app.TaskKind
	roles   []app.Role
	classes []app.ExceptionClass

	kind, role, class *widget.Select
	list              *widget.List
	empty             *widget.Label
	box               fyne.CanvasObject
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
	q.kind = newSelect([]string{lang.L("All kinds")}, func(string) { q.filter() })
	q.role = newSelect([]string{lang.L("Everyone")}, func(string) { q.filter() })
	// Every exception has a class: where the trouble lies.
	q.classes = app.ExceptionClasses()
	classes := []string{lang.L("Every class")}
	for _, c := range q.classes {
		classes = append(classes, lang.L("class."+string(c)))
	}
	q.class = newSelect(classes, func(string) { q.filter() })
	q.class.SetSelectedIndex(0)
	q.box = container.NewBorder(container.NewVBox(container.NewHBox(q.class, q.kind, q.role), q.empty), nil, nil, nil, q.list)
	return q
}

// filter shows the tasks of the chosen kind and role; the choices offered
// are the kinds and roles the open tasks have, so new task kinds appear
// without changes here.
func (q *WorkQueue) filter() {
	kind, role, class := q.kind.SelectedIndex(), q.role.SelectedIndex(), q.class.SelectedIndex()
	q.tasks = q.tasks[:0]
	for _, t := range q.all {
		if class > 0 && t.Class() != q.classes[class-1] {
			continue
		}
		if kind > 0 && t.Kind != q.kinds[kind-1] {
			continue
		}
		if role > 0 && t.Assignee != q.roles[role-1] {
			continue
		}
		q.tasks = append(q.tasks, t)
	}
	q.empty.Hidden = len(q.tasks) > 0
	q.empty.Refresh()
	q.list.Refresh()
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
		q.all, q.tasks = tasks, make([]app.Task, 0, len(tasks))
		q.kinds, q.roles = nil, nil
		kinds, roles := []string{lang.L("All kinds")}, []string{lang.L("Everyone")}
		for _, t := range tasks {
			if slicesIndex(q.kinds, t.Kind) < 0 {
				q.kinds = append(q.kinds, t.Kind)
				kinds = append(kinds, lang.X("taskkind."+string(t.Kind), string(t.Kind)))
			}
			if slicesIndex(q.roles, t.Assignee) < 0 {
				q.roles = append(q.roles, t.Assignee)
				roles = append(roles, lang.X("role."+string(t.Assignee), string(t.Assignee)))
			}
		}
		k, r := q.kind.Selected, q.role.Selected
		if r == "" && q.mine != "" {
			r = roleText(q.mine) // first shown: the signed-in person's own tasks
		}
		q.kind.Options, q.role.Options = kinds, roles
		q.kind.SetSelected(k)
		q.role.SetSelected(r)
		if q.kind.SelectedIndex() < 0 {
			q.kind.SetSelectedIndex(0)
		}
		if q.role.SelectedIndex() < 0 {
			q.role.SetSelectedIndex(0)
		}
		q.filter()
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
	who.SetText(lang.L("class."+string(t.Class())) + " · " + lang.X("role."+string(t.Assignee), string(t.Assignee)))
}
