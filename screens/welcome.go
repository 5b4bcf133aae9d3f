package screens

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// Welcome is the first start: start an empty shop, try the sample
// shop, or open a database file someone already has.
type Welcome struct {
	win fyne.Window
	box fyne.CanvasObject
	// What the choices do; the program wires them to the store.
	OnEmpty  func(name, currency string)
	OnSample func()
	OnOpen   func(path string)
}

// NewWelcome builds the first-start screen.
func NewWelcome(win fyne.Window) *Welcome {
	w := &Welcome{win: win}
	title := widget.NewLabelWithStyle(lang.L("Welcome to OrderDesk"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	intro := widget.NewLabel(lang.L("There is no shop on this computer yet. How would you like to start?"))
	intro.Alignment = fyne.TextAlignCenter
	sample := widget.NewButton(lang.L("Try the sample shop"), func() {
		if w.OnSample != nil {
			w.OnSample()
		}
	})
	sample.Importance = widget.HighImportance
	empty := widget.NewButton(lang.L("Start an empty shop…"), w.askEmpty)
	open := widget.NewButton(lang.L("Open an existing database file…"), w.askOpen)
	w.box = container.NewCenter(container.NewVBox(title, intro, sample, empty, open))
	return w
}

// Content is the screen's widget tree.
func (w *Welcome) Content() fyne.CanvasObject { return w.box }

// askEmpty asks the new shop's name and currency; without a name the
// dialog stays open and says so under the name.
func (w *Welcome) askEmpty() {
	name := newDialogEntry()
	name.SetPlaceHolder(lang.L("The shop's name"))
	codes := app.CurrencyCodes()
	currency := newSelect(codes, nil)
	currency.SetSelected("CNY")
	f := newFormDialog(w.win, lang.L("Start an empty shop…"), lang.L("OK"), "shop.")
	form := widget.NewForm(f.item(lang.L("Name"), "name", name), f.item(lang.L("Currency"), "currency", currency))
	f.show(form, name, []fyne.Focusable{name}, func() {
		if strings.TrimSpace(name.Text) == "" {
			f.problem("name", lang.L("Enter the shop's name"))
			return
		}
		f.refused(nil, nil)
		if w.OnEmpty != nil {
			w.OnEmpty(strings.TrimSpace(name.Text), currency.Selected)
		}
	})
}

func (w *Welcome) askOpen() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		if w.OnOpen != nil {
			w.OnOpen(path)
		}
	}, w.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db", ".sqlite"}))
	d.Show()
}
