package screens

import (
	"context"
	"log"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// detailPane is the frame the after-sales panes share: a title, a body
// shown once something is chosen, and loading off the UI goroutine where
// the latest choice wins. V is what one pane shows of one record.
type detailPane[V any] struct {
	s *AfterSalesScreen

	// The rest belongs to the UI goroutine.
	view    *V    // nil when nothing is shown
	loading int64 // the record being loaded; an answer for another is dropped
	title   *widget.Label
	body    *fyne.Container
	box     fyne.CanvasObject
}

// frame builds the pane around body, titled choose until one is chosen.
func (p *detailPane[V]) frame(s *AfterSalesScreen, choose string, body *fyne.Container) {
	p.s = s
	p.title = widget.NewLabelWithStyle(choose, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.Wrapping = fyne.TextWrapWord
	p.body = body
	p.body.Hide()
	p.box = container.NewVScroll(container.NewVBox(p.title, p.body))
}

// Content is the pane's widget tree.
func (p *detailPane[V]) Content() fyne.CanvasObject { return p.box }

// nothing empties the pane, saying why.
func (p *detailPane[V]) nothing(why string) {
	p.view, p.loading = nil, 0
	p.title.SetText(why)
	p.body.Hide()
}

// load reads record id (a "case", a "complaint") in the background and
// shows it, unless another was chosen meanwhile.
func (p *detailPane[V]) load(id int64, what string, read func(context.Context, *app.Service, int64) (*V, error), show func(*V)) {
	p.loading = id
	s := p.s
	s.background(func() {
		v, err := read(s.ctx, s.svc, id)
		fyne.Do(func() {
			if p.loading != id {
				return // another was chosen meanwhile
			}
			if err != nil {
				log.Printf("%s %d: %v", what, id, err)
				p.nothing(errorText(err))
				return
			}
			show(v)
		})
	})
}
