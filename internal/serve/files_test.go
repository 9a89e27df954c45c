package serve

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"docsgen/internal/site"
)

// TestFilesBesidePagesAreServed checks that preview serves the files of
// the content folder at their paths and follows them as they are added,
// changed and removed, and that a stylesheet of the content folder reloads
// pages instead of swapping the theme's.
func TestFilesBesidePagesAreServed(t *testing.T) {
	s, base, dir := newTestServer(t, map[string]string{
		"index.md":        "# Home\n\n![d](/guide/img/d.png)\n",
		"guide/intro.md":  "# Intro\n",
		"guide/img/d.png": "\x89PNG one",
	})
	get := func(p string) (int, string, string) {
		t.Helper()
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("Content-Type"), string(body)
	}
	build := func(changed ...string) {
		t.Helper()
		if err := s.Build(context.Background(), site.Changes{Content: changed}); err != nil {
			t.Fatal(err)
		}
	}
	if code, ctype, body := get("/guide/img/d.png"); code != 200 || ctype != "image/png" || body != "\x89PNG one" {
		t.Fatalf("GET /guide/img/d.png = %d %s %q", code, ctype, body)
	}
	writeFiles(t, dir, map[string]string{"guide/spec.pdf": "%PDF", "guide/img/d.png": "\x89PNG two"})
	build("guide/spec.pdf", "guide/img/d.png")
	if code, ctype, _ := get("/guide/spec.pdf"); code != 200 || ctype != "application/pdf" {
		t.Errorf("added file: %d %s", code, ctype)
	}
	if _, _, body := get("/guide/img/d.png"); body != "\x89PNG two" {
		t.Errorf("changed file serves %q", body)
	}
	if err := os.Remove(filepath.Join(dir, "guide", "spec.pdf")); err != nil {
		t.Fatal(err)
	}
	build("guide/spec.pdf")
	if code, _, _ := get("/guide/spec.pdf"); code != 404 {
		t.Errorf("removed file: %d, want 404", code)
	}
	if onlyCSS(site.Changes{Content: []string{"guide/extra.css"}}) || !onlyCSS(site.Changes{Static: []string{"css/site.css"}}) {
		t.Error("a content folder stylesheet is taken for a theme stylesheet")
	}
}
