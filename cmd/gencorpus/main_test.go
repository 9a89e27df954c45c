package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr strings.Builder
	if err := run([]string{"-pages", "30", "-per-section", "20", "-out", dir}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	if got := stdout.String(); !strings.HasPrefix(got, "wrote 30 pages in 2 sections") {
		t.Errorf("stdout = %q", got)
	}
	for _, f := range []string{"content/s00/_index.md", "content/s00/p00019.md", "content/s01/_index.md", "content/s01/p00029.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	// A second run into the same folder is refused: it would mix corpora.
	err := run([]string{"-pages", "30", "-out", dir}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "exists; remove it") {
		t.Errorf("second run: %v, want a refusal", err)
	}
	for _, args := range [][]string{{"-pages", "0"}, {"extra"}, {"-pages", "x"}} {
		if err := run(append(args, "-out", t.TempDir()), &stdout, &stderr); err == nil {
			t.Errorf("run(%q): no error", args)
		}
	}
}
