// Command orderdesk is the shop's order desk. With no command it opens
// the window; the commands run the same services headless (see usage).
package main

import (
	"os"

	_ "orderdesk/cmd/orderdesk/plainlocale" // before Fyne reads the locale
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
