// Package plainlocale keeps Fyne from complaining about the "C.UTF-8"
// locale of servers and containers ("Fyne error: Error parsing user
// locale C", printed by Fyne's translations as they load, before main
// runs): a command prints only its own words.
//
// It must run before Fyne's lang package initialises, which is why it
// imports nothing but syscall. Go initialises, at each step, the first
// package by import path whose imports are all initialised; Fyne's lang
// needs os, and os needs syscall, so once syscall is ready this package
// ("orderdesk/…", before "os") is taken before os, and so before lang.
package plainlocale

import "syscall"

func init() {
	if !plainC(localeFromEnv()) {
		return
	}
	// With LC_ALL, LC_MESSAGES or LANG set to C.UTF-8, the locale library
	// Fyne uses reads LANGUAGE next; gettext ignores LANGUAGE in the C
	// locale, so other programs see no difference.
	if v, ok := syscall.Getenv("LANGUAGE"); !ok || v == "" {
		_ = syscall.Setenv("LANGUAGE", "en")
	}
}

// localeFromEnv is the locale the C library would use for messages.
func localeFromEnv() string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v, ok := syscall.Getenv(name); ok && v != "" {
			return v
		}
	}
	return ""
}

// plainC reports whether locale is the C or POSIX locale with a code set
// ("C.UTF-8", "POSIX.utf8"), which is no language at all. Plain "C" and
// "POSIX" are already understood as none.
func plainC(locale string) bool {
	for i := 0; i < len(locale); i++ {
		if locale[i] == '.' || locale[i] == '@' {
			base := locale[:i]
			return base == "C" || base == "POSIX"
		}
	}
	return false
}
