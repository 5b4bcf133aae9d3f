// Package savefile writes the files OrderDesk hands to people (documents,
// workbooks, copies of the shop) so that no path, crash or full disk
// destroys anything: an output that is the shop's own file is refused
// before a byte is written; a regular file is written whole under a
// temporary name, synced and renamed into place, so the old file stays
// until the new one is complete; a device or pipe is written directly; a
// folder is refused in words. Temporaries a crash left behind are removed
// the next time a file is written in their folder or the shop opens.
//
// It imports nothing of the program's, so the commands, the window and
// the store share it.
package savefile

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
)

// Write writes what write produces to path, unless path resolves to a
// file or folder p protects. A regular file (or a new one) is replaced
// only once the new content is complete and on the disk.
func Write(path string, p Protected, write func(io.Writer) error) error {
	if strings.TrimSpace(path) == "" {
		return errors.New("no file name given")
	}
	if err := p.Check(path); err != nil {
		return err
	}
	target, err := resolve(path)
	if err != nil {
		return explain(path, err)
	}
	info, err := os.Stat(target)
	switch {
	case err == nil && info.IsDir():
		return &FolderError{Path: path}
	case err == nil && !info.Mode().IsRegular():
		return writeDevice(path, target, write)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return explain(path, err)
	}
	dir := filepath.Dir(target)
	RemoveLeftovers(dir)
	tmp, f, err := create(target)
	if err != nil {
		return explain(path, err)
	}
	done := false
	defer func() {
		if !done {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if info != nil {
		_ = f.Chmod(info.Mode().Perm()) // a file written again keeps who may read it
	}
	if err := writeAll(f, write); err != nil {
		return explain(path, err)
	}
	if err := f.Sync(); err != nil {
		return explain(path, err)
	}
	done = true
	if err := f.Close(); err != nil {
		_ = os.Remove(tmp)
		return explain(path, err)
	}
	if err := os.Rename(tmp, target); err != nil {
		_ = os.Remove(tmp)
		return explain(path, err)
	}
	if err := SyncDir(dir); err != nil {
		return explain(path, err)
	}
	return nil
}

// writeAll runs write through a buffer, so small writes cost no system
// calls, and flushes it.
func writeAll(w io.Writer, write func(io.Writer) error) error {
	b := bufio.NewWriterSize(w, 64<<10)
	if err := write(b); err != nil {
		return err
	}
	return b.Flush()
}

// writeDevice writes straight into a device or named pipe (/dev/null, a
// printer's port, another program reading): it cannot be replaced, and
// renaming over it would swap the device for a plain file.
func writeDevice(path, target string, write func(io.Writer) error) error {
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return explain(path, err)
	}
	err = writeAll(f, write)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return explain(path, err)
	}
	return nil
}

// Temporary is the name a file being written to dst has until it is
// complete: hidden, in dst's folder (so the rename stays on one disk),
// and naming the process that writes it, so RemoveLeftovers can tell a
// crash's leftover from another program's file still being written.
func Temporary(dst string) string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := fmt.Sprintf(".%s~%d-%s%s", filepath.Base(dst), os.Getpid(), hex.EncodeToString(b[:]), partialSuffix)
	return filepath.Join(filepath.Dir(dst), name)
}

// create makes a new owner-only temporary for dst: what it holds is the
// shop's customers until the user decides otherwise.
func create(dst string) (string, *os.File, error) {
	for range 10 {
		name := Temporary(dst)
		f, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return name, f, err
	}
	return "", nil, errors.New("no free temporary name")
}

// resolve is path made absolute with every symbolic link in it followed,
// as far as the path exists: the file a write would really reach. A
// symbolic link is written through, not replaced.
func resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	abs = filepath.Clean(abs)
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real, nil
	}
	// The file does not exist (yet): resolve its folder, as far as it exists.
	dir, rest := abs, ""
	for {
		parent := filepath.Dir(dir)
		rest = filepath.Join(filepath.Base(dir), rest)
		dir = parent
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, rest), nil
		}
		if parent == filepath.Dir(parent) {
			return abs, nil
		}
	}
}

// SyncDir makes a rename in dir survive a power cut. Windows cannot open
// a folder for syncing and does not need it.
func SyncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// FolderError refuses an output path that is a folder.
type FolderError struct{ Path string }

func (e *FolderError) Error() string {
	return fmt.Sprintf("%s is a folder: give the name of a file to write", e.Path)
}

// Problem is why a file could not be written, in a word a screen can
// translate.
type Problem int

// The problems writing a file can have.
const (
	ProblemOther      Problem = iota
	ProblemDiskFull           // no space left on the disk
	ProblemPermission         // the folder or file may not be written by this user
	ProblemReadOnly           // the disk or folder is read-only
	ProblemNoFolder           // the folder does not exist
)

// WriteError says which file could not be written and why, in words that
// name only the user's path (never the hidden temporary's); errors.Is
// still finds the cause.
type WriteError struct {
	Path    string
	Problem Problem
	Err     error
}

func (e *WriteError) Error() string {
	switch e.Problem {
	case ProblemDiskFull:
		return fmt.Sprintf("%s was not written: the disk is full; free some space and try again", e.Path)
	case ProblemPermission:
		return fmt.Sprintf("%s was not written: you may not write there; choose another folder", e.Path)
	case ProblemReadOnly:
		return fmt.Sprintf("%s was not written: the disk or folder is read-only; choose another folder", e.Path)
	case ProblemNoFolder:
		return fmt.Sprintf("%s was not written: its folder does not exist", e.Path)
	}
	return fmt.Sprintf("%s was not written: %v", e.Path, Cause(e.Err))
}

func (e *WriteError) Unwrap() error { return e.Err }

// explain wraps a failure writing path; an error already in words (from
// write itself, or a refusal) passes as it is.
func explain(path string, err error) error {
	var pathErr *fs.PathError
	var linkErr *os.LinkError
	if !errors.As(err, &pathErr) && !errors.As(err, &linkErr) && !errors.As(err, new(syscall.Errno)) {
		return err
	}
	p := ProblemOther
	switch {
	case errors.Is(err, syscall.ENOSPC) || isDiskFull(err):
		p = ProblemDiskFull
	case errors.Is(err, syscall.EROFS):
		p = ProblemReadOnly
	case errors.Is(err, fs.ErrPermission):
		p = ProblemPermission
	case errors.Is(err, fs.ErrNotExist):
		p = ProblemNoFolder
	}
	return &WriteError{Path: path, Problem: p, Err: err}
}

// Cause is the operating system's reason for err without the file names
// Go puts around it, which would show a temporary's name to the user.
func Cause(err error) error {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return pathErr.Err
	}
	var linkErr *os.LinkError
	if errors.As(err, &linkErr) {
		return linkErr.Err
	}
	return err
}
