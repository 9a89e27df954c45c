package cli

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestBuildMemProfile checks that build -memprofile writes a heap profile
// (pprof's format: gzip-compressed protocol buffers) naming the sample types
// go tool pprof -sample_index=inuse_space reads.
func TestBuildMemProfile(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	write(t, content, map[string]string{"index.md": "---\ntitle: Home\n---\nHi\n"})
	prof := filepath.Join(dir, "mem.prof")
	code, _, stderr := run("build", "-no-cache", "-content", content, "-out", filepath.Join(dir, "out"), "-memprofile", prof)
	if code != 0 {
		t.Fatalf("build exited %d: %s", code, stderr)
	}
	data, err := os.ReadFile(prof)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("profile is not gzip-compressed: %v", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"inuse_space", "alloc_space"} {
		if !bytes.Contains(raw, []byte(want)) {
			t.Errorf("profile names no %s sample type", want)
		}
	}
}
