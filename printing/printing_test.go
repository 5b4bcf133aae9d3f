//go:build !windows

// The CUPS commands are for macOS and Linux: on Windows these tests are
// not built.
package printing

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeCUPS puts lp and lpstat scripts first on PATH: lpstat answers as
// given, lp records its arguments and what it was sent in dir, and
// refuses when refuse is set.
func fakeCUPS(t *testing.T, destinations, def, refuse string) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name, script string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write("lpstat", `case "$1" in
-e) printf '%s' '`+destinations+`' ;;
-a) exit 1 ;;
-d) `+map[bool]string{true: `echo "no system default destination"`, false: `echo "system default destination: ` + def + `"`}[def == ""]+` ;;
esac
`)
	lp := `printf '%s\n' "$@" > "` + dir + `/lp.args"
cat > "` + dir + `/lp.input"
`
	if refuse != "" {
		lp += `echo "lp: ` + refuse + `" >&2
exit 1
`
	} else {
		lp += "echo 'request id is Zebra-42 (1 file(s))'\n"
	}
	write("lp", lp)
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	return dir
}

func TestPrintersFromCUPS(t *testing.T) {
	fakeCUPS(t, "Office_Laser\nZebra_GK420d\n", "Office_Laser", "")
	list, err := Printers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []Printer{{Name: "Office_Laser", Default: true}, {Name: "Zebra_GK420d"}}
	if len(list) != 2 || list[0] != want[0] || list[1] != want[1] {
		t.Errorf("printers %+v, want %+v", list, want)
	}
}

func TestPrintRawAndPDF(t *testing.T) {
	dir := fakeCUPS(t, "Zebra_GK420d\n", "", "")
	zpl := []byte("^XA^FO10,10^A0N,30^FDTest^FS^XZ\n")
	if err := Print(context.Background(), "Zebra_GK420d", Raw, "labels-20261108", zpl); err != nil {
		t.Fatal(err)
	}
	args, _ := os.ReadFile(filepath.Join(dir, "lp.args"))
	input, _ := os.ReadFile(filepath.Join(dir, "lp.input"))
	if got := strings.Fields(string(args)); strings.Join(got, " ") != "-d Zebra_GK420d -t labels-20261108 -o raw" {
		t.Errorf("lp was called with %q", got)
	}
	if string(input) != string(zpl) {
		t.Errorf("lp was sent %q, want the ZPL whole", input)
	}
	if err := Print(context.Background(), "Office", PDF, "order", []byte("%PDF-1.3")); err != nil {
		t.Fatal(err)
	}
	args, _ = os.ReadFile(filepath.Join(dir, "lp.args"))
	if strings.Contains(string(args), "raw") || !strings.Contains(string(args), "Office") {
		t.Errorf("a PDF went to lp as %q", args)
	}
}

func TestPrintFailures(t *testing.T) {
	fakeCUPS(t, "", "", "The printer or class does not exist.")
	if _, err := Printers(context.Background()); !errors.Is(err, ErrNoPrinters) {
		t.Errorf("no destinations gave %v", err)
	}
	var refused *RefusedError
	err := Print(context.Background(), "Gone", Raw, "", []byte("^XA^XZ"))
	if !errors.As(err, &refused) || refused.Printer != "Gone" || refused.Reason != "The printer or class does not exist." {
		t.Errorf("a refusal gave %v", err)
	}
	if err := Print(context.Background(), "", Raw, "", nil); !errors.Is(err, ErrNoPrinters) {
		t.Errorf("no printer chosen gave %v", err)
	}
	// The scheduler down: lpstat -e answers nothing on some systems,
	// fails on others; then lpstat -a says why.
	dir := fakeCUPS(t, "", "", "")
	if err := os.WriteFile(filepath.Join(dir, "lpstat"), []byte("#!/bin/sh\necho 'lpstat: Scheduler is not running.' >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	var listing *ListError
	if _, err := Printers(context.Background()); !errors.As(err, &listing) || listing.Reason != "Scheduler is not running." {
		t.Errorf("the scheduler down gave %v", err)
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := Printers(context.Background()); !errors.Is(err, ErrNoSpooler) {
		t.Errorf("without lpstat: %v", err)
	}
	if err := Print(context.Background(), "Zebra", Raw, "", []byte("^XA^XZ")); !errors.Is(err, ErrNoSpooler) {
		t.Errorf("without lp: %v", err)
	}
}
