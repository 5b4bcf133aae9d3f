//go:build windows

package savefile

import (
	"errors"
	"syscall"
)

// processRunning reports whether a process with this number is still
// running: one that has exited answers with an exit code other than
// STILL_ACTIVE.
func processRunning(pid int) bool {
	const stillActive = 259
	h, err := syscall.OpenProcess(syscall.PROCESS_QUERY_INFORMATION, false, uint32(pid))
	if err != nil {
		return errors.Is(err, syscall.ERROR_ACCESS_DENIED)
	}
	defer syscall.CloseHandle(h)
	var code uint32
	if err := syscall.GetExitCodeProcess(h, &code); err != nil {
		return true
	}
	return code == stillActive
}

// isDiskFull recognises Windows' own words for a full disk.
func isDiskFull(err error) bool {
	const errorHandleDiskFull, errorDiskFull = syscall.Errno(39), syscall.Errno(112)
	return errors.Is(err, errorHandleDiskFull) || errors.Is(err, errorDiskFull)
}
