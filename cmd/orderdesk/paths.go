package main

import (
	"os"
	"os/user"
	"path/filepath"
	"runtime"
)

// defaultDBPath is the shop database in the user's data folder, where
// each OS expects a program's own data: %AppData%\OrderDesk on Windows,
// ~/Library/Application Support/OrderDesk on macOS, and
// $XDG_DATA_HOME/orderdesk (~/.local/share/orderdesk) elsewhere.
func defaultDBPath() string {
	var dir string
	switch runtime.GOOS {
	case "windows", "darwin":
		base, err := os.UserConfigDir()
		if err != nil {
			base = "."
		}
		dir = filepath.Join(base, "OrderDesk")
	default:
		base := os.Getenv("XDG_DATA_HOME")
		if base == "" {
			home, err := os.UserHomeDir()
			if err != nil {
				home = "."
			}
			base = filepath.Join(home, ".local", "share")
		}
		dir = filepath.Join(base, "orderdesk")
	}
	return filepath.Join(dir, "orderdesk.db")
}

// currentUser names who acts in single-user mode: the OS account.
func currentUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "owner"
}
