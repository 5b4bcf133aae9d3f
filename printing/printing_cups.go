//go:build !windows

package printing

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
)

// printers asks CUPS: lpstat -e names the destinations (lpstat -a on
// older systems, the name first on each line), lpstat -d the default.
func printers(ctx context.Context) ([]Printer, error) {
	out, err := lpstat(ctx, "-e")
	if err != nil {
		if errors.Is(err, ErrNoSpooler) {
			return nil, err
		}
		if out, err = lpstat(ctx, "-a"); err != nil {
			return nil, err
		}
	}
	def := ""
	if d, err := lpstat(ctx, "-d"); err == nil {
		// "system default destination: Zebra_GK420d"
		if _, name, ok := strings.Cut(d, ":"); ok {
			def = strings.TrimSpace(name)
		}
	}
	var list []Printer
	seen := map[string]bool{}
	for _, line := range strings.Split(out, "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || seen[fields[0]] {
			continue
		}
		seen[fields[0]] = true
		list = append(list, Printer{Name: fields[0], Default: fields[0] == def})
	}
	return list, nil
}

// lpstat runs lpstat; no printers at all is an empty answer, not a
// failure (lpstat says so on stderr and exits 1 on some systems).
func lpstat(ctx context.Context, arg string) (string, error) {
	cmd := exec.CommandContext(ctx, "lpstat", arg)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	switch {
	case errors.Is(err, exec.ErrNotFound):
		return "", ErrNoSpooler
	case err != nil && strings.Contains(strings.ToLower(stderr.String()), "no destinations"):
		return "", nil
	case err != nil:
		return "", &ListError{Reason: reason(stderr.String(), err)}
	}
	return string(out), nil
}

// send hands doc to lp on its standard input: -o raw keeps CUPS from
// filtering ZPL, which it would otherwise try to render as text.
func send(ctx context.Context, printer string, kind Kind, title string, doc []byte) error {
	args := []string{"-d", printer}
	if title != "" {
		args = append(args, "-t", title)
	}
	if kind == Raw {
		args = append(args, "-o", "raw")
	}
	cmd := exec.CommandContext(ctx, "lp", args...)
	cmd.Stdin = bytes.NewReader(doc)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	switch {
	case errors.Is(err, exec.ErrNotFound):
		return ErrNoSpooler
	case ctx.Err() != nil:
		return ctx.Err()
	case err != nil:
		return &RefusedError{Printer: printer, Reason: reason(stderr.String(), err)}
	}
	return nil
}

// reason is what the command said, else how it ended.
func reason(stderr string, err error) string {
	if s := strings.TrimSpace(stderr); s != "" {
		return strings.TrimPrefix(strings.TrimPrefix(s, "lp: "), "lpstat: ")
	}
	return err.Error()
}
