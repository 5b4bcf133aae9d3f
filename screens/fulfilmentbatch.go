package screens

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// jobBar shows the batch job under way above the queues: what it does, how
// far it got, and a Cancel button. It hides between jobs: a job's outcome,
// and whatever the screen says, go to the window's status line (notify),
// which forgets it after a few seconds rather than keep an old banner.
type jobBar struct {
	win    fyne.Window
	box    *fyne.Container
	bar    *widget.ProgressBar
	busy   *widget.ProgressBarInfinite
	note   *widget.Label
	cancel *widget.Button
	stop   context.CancelFunc // nil between jobs
}

func newJobBar(win fyne.Window) *jobBar {
	j := &jobBar{win: win, bar: widget.NewProgressBar(), busy: widget.NewProgressBarInfinite(), note: widget.NewLabel("")}
	j.note.Wrapping = fyne.TextWrapWord
	j.cancel = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() {
		if j.stop != nil {
			j.stop()
			j.cancel.Disable()
			j.note.SetText(lang.L("Stopping…"))
		}
	})
	j.bar.Hide()
	j.busy.Hide()
	j.busy.Stop()
	j.cancel.Hide()
	j.box = container.NewBorder(nil, nil, nil, j.cancel,
		container.NewVBox(j.note, container.NewStack(j.bar, j.busy)))
	j.box.Hide()
	return j
}

// start begins a job: counted shows a bar that fills, else one that runs
// until the job ends. It returns the job's context, or false when another
// job is still running.
func (j *jobBar) start(parent context.Context, what string, counted bool) (context.Context, bool) {
	if j.stop != nil {
		return nil, false
	}
	ctx, stop := context.WithCancel(parent)
	j.stop = stop
	j.note.SetText(what)
	j.bar.SetValue(0)
	if counted {
		j.bar.Show()
	} else {
		j.busy.Show()
		j.busy.Start()
	}
	j.cancel.Enable()
	j.cancel.Show()
	j.box.Show()
	j.box.Refresh()
	return ctx, true
}

// progress moves the bar; call it on the UI goroutine.
func (j *jobBar) progress(what string, done, total int) {
	if total > 0 {
		j.bar.SetValue(float64(done) / float64(total))
	}
	j.note.SetText(what)
}

// finish ends the job and says how it went ("" when something else says
// it, such as the document's opening).
func (j *jobBar) finish(outcome string) {
	if j.stop != nil {
		j.stop()
		j.stop = nil
	}
	j.bar.Hide()
	j.busy.Stop()
	j.busy.Hide()
	j.cancel.Hide()
	j.note.SetText("")
	j.box.Hide()
	if outcome != "" {
		j.say(outcome)
	}
}

// say tells the user what the screen did, in the window's status line.
func (j *jobBar) say(text string) { notify(j.win, text, widget.MediumImportance) }

// busyElsewhere tells the user a job is still running.
func (s *FulfilmentScreen) busyElsewhere() {
	dialog.ShowInformation(lang.L("Please wait"), lang.L("Another batch is still running: wait for it or cancel it first."), s.win)
}

// allocateAll reserves stock for every order waiting for it, in
// the background with a bar that fills; short orders are listed after,
// each with its decision to make.
func (s *FulfilmentScreen) allocateAll() {
	ctx, ok := s.job.start(s.ctx, lang.L("Allocating stock…"), true)
	if !ok {
		s.busyElsewhere()
		return
	}
	s.background(func() {
		run, err := s.svc.AllocateAll(ctx, func(done, total int) {
			fyne.Do(func() {
				s.job.progress(lang.L("Allocating stock: {{.Done}} of {{.Total}} orders",
					map[string]any{"Done": app.FormatCount(int64(done)), "Total": app.FormatCount(int64(total))}), done, total)
			})
		})
		fyne.Do(func() {
			summary := allocationSummary(run)
			if errors.Is(err, context.Canceled) {
				summary = lang.L("Stopped.") + " " + summary
			} else if err != nil {
				summary = lang.L("Allocation failed: ") + errorText(err)
			}
			s.job.finish(summary)
			if err == nil && (len(run.Short) > 0 || len(run.Failed) > 0) {
				s.showAllocationRun(run)
			}
			s.reload()
		})
	})
}

// allocationSummary says in one line how a batch allocation went.
func allocationSummary(run app.AllocationRun) string {
	return lang.L("Allocated: {{.Allocated}} · short, each needs a decision: {{.Short}} · failed: {{.Failed}}", map[string]any{
		"Allocated": app.FormatCount(int64(run.Allocated)), "Short": app.FormatCount(int64(len(run.Short))),
		"Failed": app.FormatCount(int64(len(run.Failed)))})
}

// showAllocationRun lists the orders a batch could not allocate: the
// short ones with a button to decide, the failed ones with the reason.
func (s *FulfilmentScreen) showAllocationRun(run app.AllocationRun) {
	list := container.NewVBox(widget.NewLabelWithStyle(allocationSummary(run), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	var dlg dialog.Dialog
	for _, short := range run.Short {
		parts := make([]string, len(short.Lines))
		for i, l := range short.Lines {
			parts[i] = lang.L("{{.SKU}} needs {{.Qty}}, {{.Available}} available",
				map[string]any{"SKU": l.SKU, "Qty": l.Need, "Available": l.Available})
		}
		text := widget.NewLabel(short.Order + ": " + strings.Join(parts, "; "))
		text.Wrapping = fyne.TextWrapWord
		number := short.Order
		decide := widget.NewButtonWithIcon(lang.L("Decide…"), theme.WarningIcon(), func() {
			dlg.Hide()
			s.background(func() {
				o, err := s.svc.OrderByNumber(s.ctx, number)
				fyne.Do(func() {
					if err != nil {
						showError(errors.New(errorText(err)), s.win)
						return
					}
					s.openShortage(s.win, o.ID)
				})
			})
		})
		list.Add(container.NewBorder(nil, nil, nil, decide, text))
	}
	for _, err := range run.Failed {
		text := widget.NewLabel(errorText(err))
		text.Wrapping = fyne.TextWrapWord
		text.Importance = widget.DangerImportance
		list.Add(text)
	}
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(560, min(list.MinSize().Height, 420)))
	dlg = dialog.NewCustom(lang.L("Allocation"), lang.L("Close"), scroll, s.win)
	dlg.Show()
}

// allocateOne reserves one order's stock; a short order opens the
// out-of-stock dialog.
func (s *FulfilmentScreen) allocateOne(o *app.Order) {
	id := o.ID
	s.background(func() {
		_, err := s.svc.Allocate(s.ctx, id)
		fyne.Do(func() {
			var short *app.ShortageError
			switch {
			case errors.As(err, &short):
				s.openShortage(s.win, id)
			case err != nil:
				showError(errors.New(errorText(err)), s.win)
			default:
				notify(s.win, lang.L("Order {{.Number}} allocated: it waits in To pick", map[string]any{"Number": o.Number}),
					widget.SuccessImportance)
			}
			s.reload()
		})
	})
}
