package screens

import (
	"log"
	"net/url"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// How long a notice stays: long enough to read a line, short enough that
// it never describes an older state of the shop. One with a button (Open
// folder) stays longer, for the hand to get there.
const (
	noticeFor      = 6 * time.Second
	noticeWithTime = 20 * time.Second
)

// noticeTimer runs f once d has passed; tests keep f and run it
// themselves rather than wait.
var noticeTimer = func(d time.Duration, f func()) { time.AfterFunc(d, f) }

// noticeBar is the window's status line: what the last action did, in the
// user's words, for a few seconds. The shell puts one under its sections;
// every screen speaks through notify with the window it has, so no screen
// keeps a banner of its own that outlives what it says.
type noticeBar struct {
	text  *widget.Label
	offer *widget.Button // what goes with the message, such as Open folder
	box   *fyne.Container
	said  int // counts messages: a timer clears only its own
}

// notices are the windows' status lines; the UI goroutine's alone.
var notices = map[fyne.Window]*noticeBar{}

// newNoticeBar makes win's status line; notify speaks there from now on.
func newNoticeBar(win fyne.Window) *noticeBar {
	n := &noticeBar{text: widget.NewLabel(""), offer: widget.NewButton("", nil)}
	n.text.Wrapping = fyne.TextWrapWord
	closer := widget.NewButtonWithIcon("", theme.WindowCloseIcon(), n.clear)
	closer.Importance = widget.LowImportance
	n.box = container.NewBorder(widget.NewSeparator(), nil, nil, container.NewHBox(n.offer, closer), n.text)
	n.box.Hide()
	notices[win] = n
	return n
}

// notify says what an action did in win's status line, for a few seconds.
func notify(win fyne.Window, text string, importance widget.Importance) {
	notifyOffer(win, text, importance, "", nil)
}

// notifyOffer says text with a button that does do. A window without a
// status line (a screen shown alone) logs a plain message, and asks in a
// dialog when there is something to offer, so the offer is not lost.
func notifyOffer(win fyne.Window, text string, importance widget.Importance, button string, do func()) {
	n, ok := notices[win]
	if !ok {
		log.Print(text)
		if do != nil {
			offer := widget.NewButton(button, do)
			about := widget.NewLabel(text)
			about.Wrapping = fyne.TextWrapWord
			dialog.ShowCustom(lang.L("Notice"), lang.L("Close"), container.NewVBox(about, offer), win)
		}
		return
	}
	n.say(text, importance, button, do)
}

// clearNotice takes win's message away: the view it spoke about changed.
func clearNotice(win fyne.Window) {
	if n, ok := notices[win]; ok {
		n.clear()
	}
}

func (n *noticeBar) say(text string, importance widget.Importance, button string, do func()) {
	if text == "" {
		n.clear()
		return
	}
	n.said++
	said := n.said
	n.text.Importance = importance
	n.text.SetText(text)
	stay := noticeFor
	if do != nil {
		n.offer.SetText(button)
		n.offer.OnTapped = do
		n.offer.Show()
		stay = noticeWithTime
	} else {
		n.offer.Hide()
	}
	n.box.Show()
	n.box.Refresh()
	noticeTimer(stay, func() {
		fyne.Do(func() {
			if n.said == said {
				n.clear()
			}
		})
	})
}

func (n *noticeBar) clear() {
	n.said++
	n.text.SetText("")
	n.offer.OnTapped = nil
	n.box.Hide()
}

// openURL opens a file or folder with the system's own program; tests
// replace it to play a machine with no PDF viewer.
var openURL = func(u *url.URL) error { return fyne.CurrentApp().OpenURL(u) }

// showDocument opens a written document in the system's viewer, to read
// and print, and says so with what else came of it (said, if any); where
// nothing opens it, the window says so, where the file is, and offers its
// folder.
func showDocument(win fyne.Window, path, said string) {
	name, dir := filepath.Base(path), filepath.Dir(path)
	data := map[string]any{"Name": name, "Folder": dir}
	if err := openURL(folderURL(path)); err != nil {
		log.Printf("open %s: %v", path, err)
		notifyOffer(win, joinParts([]string{lang.L("{{.Name}} could not be opened: no PDF viewer answered. It is saved in {{.Folder}}", data), said}),
			widget.WarningImportance, lang.L("Open folder"), func() { openFolderOf(win, dir) })
		return
	}
	notify(win, joinParts([]string{lang.L("{{.Name}} is open in the PDF viewer, saved in {{.Folder}}", data), said}),
		widget.SuccessImportance)
}

// openFolderOf shows a document's folder, or says where it is when even
// that cannot be opened.
func openFolderOf(win fyne.Window, dir string) {
	if err := showFolder(dir); err != nil {
		log.Printf("open folder %s: %v", dir, err)
		notify(win, lang.L("The folder could not be opened here; it is {{.Folder}}", map[string]any{"Folder": dir}),
			widget.WarningImportance)
	}
}
