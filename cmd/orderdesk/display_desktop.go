//go:build windows || darwin

package main

// findDesktop: Windows and macOS always run programs in a desktop
// session.
func findDesktop() error { return nil }
