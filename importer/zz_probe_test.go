package importer

import (
	"os"
	"testing"
	"time"
)

func TestProbeSlow(t *testing.T) {
	start := time.Now()
	f, _ := os.Open("/tmp/slow.xlsx")
	defer f.Close()
	_, err := ReadXLSX(f)
	t.Log(time.Since(start), err)
}
