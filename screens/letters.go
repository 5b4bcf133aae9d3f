package screens

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/reports"
)

// confirmationPDF renders an order's confirmation letter in the
// order's document language.
func confirmationPDF(ctx context.Context, svc *app.Service, o *app.Order) ([]byte, error) {
	shop, err := svc.Shop(ctx)
	if err != nil {
		return nil, err
	}
	now := svc.Now()
	opt := reports.LetterOptions{Lang: reports.LangFor(shop, o), Paper: reports.PaperA4, Now: now.Local()}
	if o.Status.Open() && o.Status != app.StatusDraft {
		opt.ExpectedShip = app.EarliestShipDay(shop, now)
	}
	var buf bytes.Buffer
	if err := reports.WriteConfirmationLetter(&buf, reports.NewConfirmationLetter(shop, o, opt)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeDocument writes a PDF whole under a temporary name and renames it,
// so a full disk never leaves half a document behind.
func writeDocument(path string, pdf []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".doc-*.pdf")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(pdf); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// letterName is the letter's file name.
func letterName(o *app.Order) string {
	return fmt.Sprintf("%s-%s.pdf", lang.L("confirmation"), o.Number)
}

// openConfirmation writes the letter to the documents folder and opens it
// in the system's PDF viewer, to read and print.
func (d *OrderDetail) openConfirmation() {
	o := d.order
	d.background(func() {
		pdf, err := confirmationPDF(d.ctx, d.svc, o)
		path := filepath.Join(documentsDir(), letterName(o))
		if err == nil {
			err = writeDocument(path, pdf)
		}
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(errors.New(lang.L("The letter could not be written: ")+err.Error()), d.win)
				return
			}
			u, _ := url.Parse("file://" + filepath.ToSlash(path))
			if err := fyne.CurrentApp().OpenURL(u); err != nil {
				dialog.ShowInformation(lang.L("Confirmation letter"),
					lang.L("The letter is saved as {{.Path}}", map[string]any{"Path": path}), d.win)
			}
		})
	})
}

// saveConfirmation asks where to save the letter.
func (d *OrderDetail) saveConfirmation() {
	o := d.order
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		d.background(func() {
			pdf, err := confirmationPDF(d.ctx, d.svc, o)
			if err == nil {
				_, err = w.Write(pdf)
			}
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				fyne.Do(func() {
					dialog.ShowError(errors.New(lang.L("The letter could not be written: ")+err.Error()), d.win)
				})
			}
		})
	}, d.win)
	save.SetFileName(letterName(o))
	save.SetFilter(storage.NewExtensionFileFilter([]string{".pdf"}))
	save.Show()
}

// letterMenu offers the confirmation letter: open, save, and record that
// it went to the customer, which closes its task.
func (d *OrderDetail) letterMenu() {
	var dlg dialog.Dialog
	how := widget.NewSelect([]string{lang.L("by e-mail"), lang.L("by messenger"), lang.L("printed and posted"),
		lang.L("handed over")}, nil)
	how.SetSelectedIndex(0)
	open := widget.NewButton(lang.L("Open to print"), func() { dlg.Hide(); d.openConfirmation() })
	save := widget.NewButton(lang.L("Save as…"), func() { dlg.Hide(); d.saveConfirmation() })
	sent := widget.NewButton(lang.L("Mark as sent"), func() {
		dlg.Hide()
		o, way := d.order, how.Selected
		d.run(func() (*app.Order, error) { return o, d.svc.ConfirmationSent(d.ctx, o.ID, way) })
	})
	sent.Importance = widget.HighImportance
	content := container.NewVBox(container.NewGridWithColumns(2, open, save), widget.NewSeparator(),
		widget.NewLabel(lang.L("Sent to the customer:")), container.NewBorder(nil, nil, nil, sent, how))
	dlg = dialog.NewCustom(lang.L("Confirmation letter"), lang.L("Close"), content, d.win)
	dlg.Show()
}
