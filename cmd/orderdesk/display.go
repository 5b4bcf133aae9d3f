package main

import (
	"errors"
	"fmt"
)

// errNoDesktop refuses to open the window where there is no desktop to
// show it on: over SSH, on a server, in a container.
var errNoDesktop = errors.New("OrderDesk's window needs a desktop session, and none was found here; " +
	"start it from the desktop, or use the commands (orderdesk help)")

// noDesktopPanic turns the graphics library's panic when it finds no
// display after all (a display named but refusing us) into the same
// words; any other panic goes on.
func noDesktopPanic(err *error) {
	r := recover()
	if r == nil {
		return
	}
	if fmt.Sprint(r) == "NotInitialized: The GLFW library is not initialized" {
		*err = errNoDesktop
		return
	}
	panic(r)
}
