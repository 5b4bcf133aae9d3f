//go:build !windows

package savefile

import (
	"errors"
	"syscall"
)

// processRunning reports whether a process with this number exists. A
// process of another user answers EPERM: it exists too.
func processRunning(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

func isDiskFull(error) bool { return false } // ENOSPC says it here
