package savefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Protected names the files no output may replace (the shop's database
// and the files SQLite keeps beside it) and the folders no output may go
// into (its backups). The store says which they are.
type Protected struct {
	Files   []string
	Folders []string
}

// ShopFileError refuses an output that would replace one of the shop's
// own files, or land among its backups.
type ShopFileError struct {
	Path     string // as the user gave it
	ShopFile string // the protected file or folder it reaches
	InFolder bool   // it is inside the protected folder ShopFile
}

func (e *ShopFileError) Error() string {
	if e.InFolder {
		return fmt.Sprintf("%s is in the shop's backups folder %s: nothing else is saved there; choose another folder", e.Path, e.ShopFile)
	}
	return fmt.Sprintf("%s is the shop's own file %s: writing there would destroy the shop; choose another name", e.Path, e.ShopFile)
}

// Check refuses path when it reaches a protected file or a protected
// folder, however it is written: relative, through "..", a symbolic or
// hard link, or in another letter case where the file system ignores
// case (Windows, macOS).
func (p Protected) Check(path string) error {
	target, err := resolve(path)
	if err != nil {
		return nil // Write says what is wrong with path itself
	}
	targetInfo, _ := os.Stat(target)
	for _, f := range p.Files {
		shop, err := resolve(f)
		if err != nil {
			continue
		}
		if sameName(target, shop) || sameFile(targetInfo, shop) {
			return &ShopFileError{Path: path, ShopFile: f}
		}
	}
	for _, d := range p.Folders {
		folder, err := resolve(d)
		if err != nil {
			continue
		}
		for dir := filepath.Dir(target); ; dir = filepath.Dir(dir) {
			if sameName(dir, folder) || sameFile(statOrNil(dir), folder) {
				return &ShopFileError{Path: path, ShopFile: d, InFolder: true}
			}
			if dir == filepath.Dir(dir) {
				break
			}
		}
	}
	return nil
}

// sameFile reports whether info is the file at path: a hard link, or the
// same file under another spelling.
func sameFile(info fs.FileInfo, path string) bool {
	if info == nil {
		return false
	}
	other, err := os.Stat(path)
	return err == nil && os.SameFile(info, other)
}

func statOrNil(path string) fs.FileInfo {
	info, err := os.Stat(path)
	if err != nil {
		return nil
	}
	return info
}

// sameName compares two resolved paths as the file system does: Windows
// and macOS ignore letter case (by default), others do not. It catches a
// protected file that does not exist at the moment, such as the -wal
// while the shop is closed.
func sameName(a, b string) bool {
	if a == b {
		return true
	}
	return caseInsensitive() && strings.EqualFold(a, b)
}

// caseInsensitive is whether this system's file names ignore letter case; a
// variable, so tests on Linux can play Windows.
var caseInsensitive = func() bool { return runtime.GOOS == "windows" || runtime.GOOS == "darwin" }

// IsProtected reports whether err is a refusal to replace a shop's file.
func IsProtected(err error) bool {
	var e *ShopFileError
	return errors.As(err, &e)
}
