package screens

import (
	"time"

	"fyne.io/fyne/v2"
)

// typingPause waits for typing to stop before a search runs, so a search
// box does not query the database at every key.
type typingPause struct{ timer *time.Timer }

// after runs search on the UI goroutine once pause has passed with no
// further call; with no pause (tests) it runs at once.
func (p *typingPause) after(pause time.Duration, search func()) {
	p.stop()
	if pause == 0 {
		search()
		return
	}
	p.timer = time.AfterFunc(pause, func() { fyne.Do(search) })
}

// stop forgets a search that was waiting (Enter searches at once).
func (p *typingPause) stop() {
	if p.timer != nil {
		p.timer.Stop()
	}
}
