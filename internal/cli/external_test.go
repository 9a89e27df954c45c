package cli

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// TestCheckExternal: build and check leave other sites alone; check
// -external asks them and reports each failure at the link's position.
func TestCheckExternal(t *testing.T) {
	var asked atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		if r.URL.Path == "/gone" {
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	write(t, content, map[string]string{"index.md": "---\ntitle: Home\n---\nSee [ok](" + srv.URL + "/ok) and\n[gone](" + srv.URL + "/gone#x).\n"})
	t.Setenv("DOCSGEN_CACHE_DIR", filepath.Join(dir, "cache"))

	if code, _, stderr := run("build", "-content", content, "-out", filepath.Join(dir, "out")); code != ExitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := run("check", "-content", content); code != ExitOK {
		t.Fatalf("check: exit %d\n%s", code, stderr)
	}
	if n := asked.Load(); n != 0 {
		t.Fatalf("build and check asked the other site %d times", n)
	}
	code, _, stderr := run("check", "-content", content, "-external")
	if code != ExitContent {
		t.Fatalf("check -external: exit %d, want %d\n%s", code, ExitContent, stderr)
	}
	want := filepath.ToSlash(content) + "/index.md:5:1: error: link to " + srv.URL + "/gone#x: 404 Not Found"
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr)
	}
	if strings.Contains(stderr, "/ok") {
		t.Errorf("the good link is reported:\n%s", stderr)
	}
	// A second run within the day answers from the cache.
	before := asked.Load()
	if code, _, _ := run("check", "-content", content, "-external"); code != ExitContent || asked.Load() != before {
		t.Errorf("second check: exit %d, %d new requests; want %d and none", code, asked.Load()-before, ExitContent)
	}
}
