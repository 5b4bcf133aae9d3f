//go:build !windows && !darwin

package main

import (
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"
)

// findDesktop says why no window can be shown: the window is drawn
// through X11 (XWayland on a Wayland desktop), so it needs a display
// named in DISPLAY that answers.
func findDesktop() error {
	display := os.Getenv("DISPLAY")
	if display == "" {
		return fmt.Errorf("%w (DISPLAY is not set)", errNoDesktop)
	}
	network, address, ok := displayAddress(display)
	if !ok {
		return nil // a form we do not know: let the library try
	}
	conn, err := net.DialTimeout(network, address, 2*time.Second)
	if err != nil {
		return fmt.Errorf("%w (the display %s does not answer)", errNoDesktop, display)
	}
	_ = conn.Close()
	return nil
}

// displayAddress is where the X server of DISPLAY ("[host]:n[.screen]")
// listens: its socket for a local display, TCP port 6000+n for a remote
// one.
func displayAddress(display string) (network, address string, ok bool) {
	host, rest, found := strings.Cut(display, ":")
	if !found || strings.Contains(host, "/") {
		return "", "", false // e.g. macOS's launchd paths
	}
	num, _, _ := strings.Cut(rest, ".")
	n, err := strconv.Atoi(num)
	if err != nil {
		return "", "", false
	}
	if host == "" || host == "unix" {
		return "unix", "/tmp/.X11-unix/X" + num, true
	}
	return "tcp", net.JoinHostPort(host, strconv.Itoa(6000+n)), true
}
