package screens

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"orderdesk/app"
	"orderdesk/app/sample"
	"orderdesk/data"
)

// TestMain removes the package's shared fixtures after the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if templateDir != "" {
		os.RemoveAll(templateDir)
	}
	os.Exit(code)
}

// newTestApp is test.NewTempApp with the program's theme: text is measured
// and drawn with the bundled fonts only, never with whichever fonts the
// machine has (Fyne falls back to system fonts for glyphs its test theme
// lacks, such as Chinese), so every test measures the same everywhere.
func newTestApp(t testing.TB) fyne.App {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	return a
}

// The sample shop the screen tests share, built once per test binary
// and copied for each test that asks for it: generating it takes most of
// a second, a copy a few milliseconds.
var (
	templateOnce sync.Once
	templateDir  string
	templatePath string
	templateErr  error
)

func sampleTemplate() (string, error) {
	templateOnce.Do(func() {
		templateDir, templateErr = os.MkdirTemp("", "orderdesk-screens-")
		if templateErr != nil {
			return
		}
		templatePath = filepath.Join(templateDir, "sample.db")
		ctx := app.WithActor(context.Background(), app.Actor{Name: "tester"})
		store, err := data.Open(ctx, templatePath)
		if err != nil {
			templateErr = err
			return
		}
		if _, err := sample.Generate(ctx, store, sample.Options{Orders: 80, Seed: 3, Now: time.Now()}); err != nil {
			store.Close()
			templateErr = fmt.Errorf("sample shop: %w", err)
			return
		}
		templateErr = store.Close()
	})
	return templatePath, templateErr
}

// copySampleShop puts a copy of the shared sample shop at dst.
func copySampleShop(t *testing.T, dst string) {
	t.Helper()
	src, err := sampleTemplate()
	if err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"", "-wal"} {
		in, err := os.Open(src + suffix)
		if os.IsNotExist(err) && suffix != "" {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		out, err := os.Create(dst + suffix)
		if err == nil {
			_, err = io.Copy(out, in)
			if cerr := out.Close(); err == nil {
				err = cerr
			}
		}
		in.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
}
