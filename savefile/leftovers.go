package savefile

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"time"
)

// partialSuffix ends every temporary's name.
const partialSuffix = ".partial"

// leftoverName reads a temporary's name (see Temporary), and the files
// SQLite makes beside one while it writes a copy of the shop into it.
var leftoverName = regexp.MustCompile(`^\..+~(\d+)-[0-9a-f]+\.partial(?:-journal|-wal|-shm)?$`)

// staleAfter is the age after which a temporary is a leftover even if its
// process number is in use again: no document or copy takes a day.
const staleAfter = 24 * time.Hour

// RemoveLeftovers deletes, in dir, the temporaries of writes that never
// finished: their process is gone (it crashed or was killed), or they are
// older than a day. They may hold customers' data, so they do not stay.
// It returns the names it removed; what cannot be removed stays quietly
// for the next time.
func RemoveLeftovers(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		m := leftoverName.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		pid, err := strconv.Atoi(m[1])
		if err != nil {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		if pid != os.Getpid() && processRunning(pid) && time.Since(info.ModTime()) < staleAfter {
			continue // another OrderDesk is writing it now
		}
		if pid == os.Getpid() && time.Since(info.ModTime()) < staleAfter {
			continue // this process is writing it
		}
		if os.Remove(filepath.Join(dir, e.Name())) == nil {
			removed = append(removed, e.Name())
		}
	}
	return removed
}
