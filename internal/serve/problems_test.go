package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"docsgen/internal/diag"
)

// TestProblemsReadEachFileOnce checks the overlay's source excerpts for a
// page with 20,000 broken links: reading the 2 MB page once per link made
// the preview server spend minutes before serving anything.
func TestProblemsReadEachFileOnce(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a.md")
	var src strings.Builder
	var ds diag.List
	for i := 1; i <= 20000; i++ {
		fmt.Fprintf(&src, "Line %d with a [broken link](/nowhere-%d/) and more text to make it longer than most.\n", i, i)
		ds.Add(diag.Errorf(file, i, 15, "link to /nowhere-%d/: no page or file has this path", i))
	}
	if err := os.WriteFile(file, []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	ps := problems(ds)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("problems took %v", took)
	}
	if len(ps) != 20000 {
		t.Fatalf("%d problems", len(ps))
	}
	p := ps[9999]
	if p.Line != 10000 || p.First != 9998 || len(p.Context) != 5 || !strings.HasPrefix(p.Context[2], "Line 10000 ") {
		t.Fatalf("problem 10000: %+v", p)
	}
}
