package screens

import (
	"errors"
	"io"
	"path/filepath"

	"fyne.io/fyne/v2"
)

// pdfDocument is a document a screen offers to open or save: its file
// name, how it is made (off the UI goroutine), and the words that start a
// failure ("The letter could not be written: ").
type pdfDocument struct {
	name   string
	render func() ([]byte, error)
	failed string
}

// writeDocument writes a PDF as the window saves every file (saveFile).
func writeDocument(path string, pdf []byte) error {
	return saveFile(path, func(w io.Writer) error { _, err := w.Write(pdf); return err })
}

// openDocument writes doc to the documents folder and opens it in the
// system's PDF viewer, to read and print (showDocument). written, if
// set, hears the path.
func openDocument(win fyne.Window, background func(func()), doc pdfDocument, written func(path string)) {
	background(func() {
		pdf, err := doc.render()
		path := filepath.Join(documentsDir(), doc.name)
		if err == nil {
			err = writeDocument(path, pdf)
		}
		fyne.Do(func() {
			if err != nil {
				showError(errors.New(doc.failed+errorText(err)), win)
				return
			}
			if written != nil {
				written(path)
			}
			showDocument(win, path, "")
		})
	})
}

// saveDocumentAs asks where to save doc and writes it there.
func saveDocumentAs(win fyne.Window, background func(func()), doc pdfDocument) {
	askSaveExport(win, doc.name, func(path string) {
		background(func() {
			pdf, err := doc.render()
			if err == nil {
				err = writeDocument(path, pdf)
			}
			if err != nil {
				fyne.Do(func() { showError(errors.New(doc.failed+errorText(err)), win) })
			}
		})
	})
}
