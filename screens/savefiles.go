package screens

import (
	"errors"
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage/repository"

	"orderdesk/savefile"
)

// shopFiles are the open shop's own files and folders, which no file the
// window saves may replace or go into; none before a shop is open.
func shopFiles() savefile.Protected {
	if folderKeeper == nil {
		return savefile.Protected{}
	}
	return folderKeeper.ShopFiles()
}

// saveFile writes what write produces to path as every file the window
// saves is written: never over the shop's own files, whole or not at all.
func saveFile(path string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return savefile.Write(path, shopFiles(), write)
}

// saveFileText says why a file was not saved, in the user's language,
// with what to do; "" when err is not about saving a file.
func saveFileText(err error) string {
	var shop *savefile.ShopFileError
	var folder *savefile.FolderError
	var write *savefile.WriteError
	switch {
	case errors.As(err, &shop) && shop.InFolder:
		return lang.L("{{.Path}} is in the shop's backups folder, which holds only backups. Choose another folder.",
			map[string]any{"Path": shop.Path})
	case errors.As(err, &shop):
		return lang.L("{{.Path}} is one of the shop's own files: saving there would destroy the shop. Choose another name.",
			map[string]any{"Path": shop.Path})
	case errors.As(err, &folder):
		return lang.L("{{.Path}} is a folder. Give the file a name.", map[string]any{"Path": folder.Path})
	case errors.As(err, &write):
		data := map[string]any{"Path": write.Path}
		switch write.Problem {
		case savefile.ProblemDiskFull:
			return lang.L("{{.Path}} was not saved: the disk is full. Free some space, then try again.", data)
		case savefile.ProblemPermission:
			return lang.L("{{.Path}} was not saved: you may not write in that folder. Choose another one.", data)
		case savefile.ProblemReadOnly:
			return lang.L("{{.Path}} was not saved: the disk or folder is read-only. Choose another one.", data)
		case savefile.ProblemNoFolder:
			return lang.L("{{.Path}} was not saved: its folder does not exist.", data)
		}
		return err.Error()
	}
	return ""
}

// GuardFileSaves makes Fyne's save dialogs safe for the shop. Out of the
// box the dialog empties the chosen file the moment it is chosen, before
// anything is written, and would empty the shop's own database if it
// were chosen. From now on a file chosen in a save dialog is refused if
// it is one of the shop's files, and otherwise left as it is until the
// program writes it whole (saveFile). Call it once the app exists.
func GuardFileSaves() {
	inner, err := repository.ForScheme("file")
	if err != nil {
		return
	}
	if _, done := inner.(*guardedFiles); done {
		return
	}
	repository.Register("file", &guardedFiles{Repository: inner})
}

// guardedFiles is Fyne's file repository with a guarded, lazy Writer;
// everything else is passed through.
type guardedFiles struct {
	repository.Repository
}

func (r *guardedFiles) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	// The shop's files only: a copy of the shop may go among its backups,
	// and saveFile keeps everything else out of them.
	if err := (savefile.Protected{Files: shopFiles().Files}).Check(u.Path()); err != nil {
		return nil, err
	}
	w, ok := r.Repository.(repository.WritableRepository)
	if !ok {
		return nil, repository.ErrOperationNotSupported
	}
	return &lazyWriter{uri: u, open: func() (fyne.URIWriteCloser, error) { return w.Writer(u) }}, nil
}

func (r *guardedFiles) CanWrite(u fyne.URI) (bool, error) {
	if w, ok := r.Repository.(repository.WritableRepository); ok {
		return w.CanWrite(u)
	}
	return false, repository.ErrOperationNotSupported
}

func (r *guardedFiles) Delete(u fyne.URI) error {
	if w, ok := r.Repository.(repository.WritableRepository); ok {
		return w.Delete(u)
	}
	return repository.ErrOperationNotSupported
}

func (r *guardedFiles) Appender(u fyne.URI) (fyne.URIWriteCloser, error) {
	if err := (savefile.Protected{Files: shopFiles().Files}).Check(u.Path()); err != nil {
		return nil, err
	}
	if a, ok := r.Repository.(repository.AppendableRepository); ok {
		return a.Appender(u)
	}
	return nil, repository.ErrOperationNotSupported
}

func (r *guardedFiles) CanList(u fyne.URI) (bool, error) {
	if l, ok := r.Repository.(repository.ListableRepository); ok {
		return l.CanList(u)
	}
	return false, repository.ErrOperationNotSupported
}

func (r *guardedFiles) List(u fyne.URI) ([]fyne.URI, error) {
	if l, ok := r.Repository.(repository.ListableRepository); ok {
		return l.List(u)
	}
	return nil, repository.ErrOperationNotSupported
}

func (r *guardedFiles) CreateListable(u fyne.URI) error {
	if l, ok := r.Repository.(repository.ListableRepository); ok {
		return l.CreateListable(u)
	}
	return repository.ErrOperationNotSupported
}

func (r *guardedFiles) Parent(u fyne.URI) (fyne.URI, error) {
	if h, ok := r.Repository.(repository.HierarchicalRepository); ok {
		return h.Parent(u)
	}
	return repository.GenericParent(u)
}

func (r *guardedFiles) Child(u fyne.URI, component string) (fyne.URI, error) {
	if h, ok := r.Repository.(repository.HierarchicalRepository); ok {
		return h.Child(u, component)
	}
	return repository.GenericChild(u, component)
}

// lazyWriter opens the file, emptying it, only when the first bytes come.
type lazyWriter struct {
	uri  fyne.URI
	open func() (fyne.URIWriteCloser, error)
	w    fyne.URIWriteCloser
}

func (l *lazyWriter) URI() fyne.URI { return l.uri }

func (l *lazyWriter) Write(p []byte) (int, error) {
	if l.w == nil {
		w, err := l.open()
		if err != nil {
			return 0, err
		}
		l.w = w
	}
	return l.w.Write(p)
}

func (l *lazyWriter) Close() error {
	if l.w == nil {
		return nil
	}
	return l.w.Close()
}

var (
	_ repository.WritableRepository     = (*guardedFiles)(nil)
	_ repository.AppendableRepository   = (*guardedFiles)(nil)
	_ repository.ListableRepository     = (*guardedFiles)(nil)
	_ repository.HierarchicalRepository = (*guardedFiles)(nil)
)
