package serve

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"docsgen/internal/site"
)

// TestServedPagesAreMadeOncePerBuild checks that a page goes out with the
// live-reload tag of its build, that later requests reuse the bytes made
// for the first (a request allocates its headers, not a copy of the page),
// and that the next build's pages carry the next version.
func TestServedPagesAreMadeOncePerBuild(t *testing.T) {
	big := strings.Repeat("A paragraph that makes the page large enough to notice a copy.\n\n", 2000)
	fsys := fstest.MapFS{
		"index.md": {Data: []byte("---\ntitle: Home\n---\nHello.\n")},
		"big.md":   {Data: []byte("---\ntitle: Big\n---\n" + big)},
	}
	s := New(Config{Build: site.Options{Content: fsys}})
	if err := s.Build(context.Background(), site.Changes{}); err != nil {
		t.Fatal(err)
	}
	get := func() *discardWriter {
		req := httptest.NewRequest(http.MethodGet, "/big/", nil)
		req.Host = "127.0.0.1"
		w := &discardWriter{h: http.Header{}}
		s.ServeHTTP(w, req)
		if w.status != http.StatusOK {
			t.Fatalf("GET /big/: status %d", w.status)
		}
		return w
	}
	first := get()
	snap := s.snap.Load()
	page, _ := snap.served("big/index.html")
	if len(page) < 100_000 || !bytes.Contains(page, liveTag(snap.version)) {
		t.Fatalf("the page (%d bytes) does not carry its build's tag", len(page))
	}
	if first.n != len(page) {
		t.Fatalf("sent %d bytes, the page has %d", first.n, len(page))
	}

	var before, after runtime.MemStats
	const n = 50
	runtime.ReadMemStats(&before)
	for range n {
		get()
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / n; per > 16<<10 {
		t.Errorf("a request allocates %d bytes: the %d-byte page is made again", per, len(page))
	}

	fsys["big.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Big\n---\nEdited.\n\n" + big)}
	if err := s.Build(context.Background(), site.Changes{Content: []string{"big.md"}}); err != nil {
		t.Fatal(err)
	}
	next := s.snap.Load()
	page, _ = next.served("big/index.html")
	if next.version != snap.version+1 || !bytes.Contains(page, liveTag(next.version)) || !bytes.Contains(page, []byte("Edited.")) {
		t.Errorf("after the edit: version %d (was %d), tagged %v, edited %v", next.version, snap.version,
			bytes.Contains(page, liveTag(next.version)), bytes.Contains(page, []byte("Edited.")))
	}
}
