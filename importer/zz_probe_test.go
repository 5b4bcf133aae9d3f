package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"math/rand"
	"os"
	"strings"
	"testing"
)

func TestProbeXMLMutations(t *testing.T) {
	b, _ := os.ReadFile("testdata/generic_orders.xlsx")
	zr, _ := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	parts := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		rc, _ := f.Open()
		parts[f.Name], _ = io.ReadAll(rc)
		names = append(names, f.Name)
	}
	rng := rand.New(rand.NewSource(3))
	found := 0
	for i := 0; i < 20000 && found < 3; i++ {
		var buf bytes.Buffer
		w := zip.NewWriter(&buf)
		target := names[rng.Intn(len(names))]
		for _, n := range names {
			data := append([]byte(nil), parts[n]...)
			if n == target {
				for k := 0; k < 1+rng.Intn(3); k++ {
					p := rng.Intn(len(data))
					switch rng.Intn(3) {
					case 0:
						data[p] = "<>\"=/0123456789-x \x00"[rng.Intn(19)]
					case 1:
						data = append(data[:p], data[min(len(data), p+1+rng.Intn(20)):]...)
					case 2:
						data = append(data[:p], append([]byte("99999999"), data[p:]...)...)
					}
				}
			}
			fw, _ := w.Create(n)
			fw.Write(data)
		}
		w.Close()
		_, err := ReadXLSX(bytes.NewReader(buf.Bytes()))
		var fe *FormatError
		if errors.As(err, &fe) && fe.Cause != nil && strings.Contains(fe.Cause.Error(), "runtime error") {
			found++
			t.Logf("%s: %v", target, err)
			os.WriteFile("/tmp/panic"+string(rune('0'+found))+".xlsx", buf.Bytes(), 0o644)
		}
	}
}
