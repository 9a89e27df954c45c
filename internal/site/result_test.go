package site

import (
	"context"
	"maps"
	"strings"
	"testing"
	"testing/fstest"

	"docsgen/internal/output"
)

// TestResultSaysWhatToServe checks the fields a server reads instead of the
// output: Redirects match the _redirects file, StyleURL names the written
// stylesheet, and Deferred names exactly the outputs it writes.
func TestResultSaysWhatToServe(t *testing.T) {
	fsys := fstest.MapFS{
		"index.md":      {Data: []byte("# Home\n")},
		"guide/page.md": {Data: []byte("---\ntitle: Page\naliases: [/old-page/, /older]\n---\n## Part\n")},
	}
	mem := output.NewMemory()
	res, err := Build(context.Background(), Options{Content: fsys}, mem)
	if err != nil || res.Diags.HasErrors() {
		t.Fatal(err, res.Diags)
	}
	want := map[string]string{"/old-page/": "/guide/page/", "/older": "/guide/page/"}
	if !maps.Equal(res.Redirects, want) {
		t.Errorf("Redirects %v, want %v", res.Redirects, want)
	}
	rules, _ := mem.Get("_redirects")
	for alias, to := range want {
		if !strings.Contains(string(rules), alias+" "+to+" 301\n") {
			t.Errorf("_redirects lacks %s -> %s:\n%s", alias, to, rules)
		}
	}
	if _, ok := mem.Get(strings.TrimPrefix(res.StyleURL, "/")); !ok || !strings.HasPrefix(res.StyleURL, "/assets/style.") {
		t.Errorf("StyleURL %q is not a written stylesheet", res.StyleURL)
	}
	if res.Deferred != nil {
		t.Error("Build left outputs for later")
	}

	sess := NewSession(Options{Content: fsys}, SessionOptions{DeferSlowOutputs: true})
	res, now, err := sess.Update(context.Background(), Changes{})
	if err != nil || res.Deferred == nil {
		t.Fatalf("session: %v, deferred %v", err, res.Deferred)
	}
	later := output.NewMemory()
	if err := res.Deferred.Write(later); err != nil {
		t.Fatal(err)
	}
	for _, name := range later.Names() {
		if !res.Deferred.Holds(name) {
			t.Errorf("Deferred wrote %s but does not hold it", name)
		}
		if _, ok := now.Get(name); ok {
			t.Errorf("%s was written at once and deferred too", name)
		}
	}
	for _, name := range now.Names() {
		if res.Deferred.Holds(name) {
			t.Errorf("Deferred holds %s, which the build wrote", name)
		}
	}
	if len(later.Names()) < 3 {
		t.Errorf("deferred outputs: %v", later.Names())
	}
}
