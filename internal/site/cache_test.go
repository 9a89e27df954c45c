package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"docsgen/internal/cache"
	"docsgen/internal/output"
)

func buildWith(t *testing.T, fsys fstest.MapFS, c *cache.Dir) *output.Memory {
	t.Helper()
	mem := output.NewMemory()
	res, err := Build(context.Background(), Options{Content: fsys, Cache: c}, mem)
	if err != nil {
		t.Fatal(err)
	}
	if res.Diags.HasErrors() {
		t.Fatalf("diagnostics: %v", res.Diags)
	}
	return mem
}

// TestCacheNeverLeaksStaleOutput changes, one at a time, each input that
// affects rendered Markdown and checks that a build with a warm cache equals
// a build with no cache at all.
func TestCacheNeverLeaksStaleOutput(t *testing.T) {
	dir := t.TempDir()
	c, err := cache.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	fsys := docsContent(t)
	fsys["raw.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Raw\n---\nBefore <kbd>Ctrl</kbd> after.\n")}
	check := func(step string) {
		t.Helper()
		warm := buildWith(t, fsys, c)
		cold := buildWith(t, fsys, nil)
		if d := diffSites(warm, cold); d != "" {
			t.Fatalf("%s: cached build differs from an uncached one: %s", step, d)
		}
	}
	check("first build fills the cache")
	entries := countFiles(t, dir)
	if entries == 0 {
		t.Fatal("the build wrote no cache entries")
	}
	check("unchanged sources")
	if n := countFiles(t, dir); n != entries {
		t.Errorf("an unchanged rebuild wrote %d new entries", n-entries)
	}

	// The raw-HTML switch changes every page's result.
	fsys["site.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys["site.yaml"].Data), "rawHTML: false", "rawHTML: true", 1))}
	check("rawHTML turned on")
	got := buildWith(t, fsys, c)
	if b, _ := got.Get("raw/index.html"); !strings.Contains(string(b), "<kbd>Ctrl</kbd>") {
		t.Fatal("raw HTML missing after turning rawHTML on")
	}

	// A data edit changes the pages that show data, and only those.
	for name, f := range fsys {
		if strings.HasPrefix(name, "_data/errors") {
			fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), "cause: ", "cause: Changed cause. ", 1))}
		}
	}
	check("a data file changed")
	errorsPage, _ := buildWith(t, fsys, c).Get("reference/errors/index.html")
	if !strings.Contains(string(errorsPage), "Changed cause.") {
		t.Fatal("the data edit did not reach the Error Codes page")
	}

	// Damaged entries (a killed write, a full disk) are misses, never output.
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			os.WriteFile(p, b[:len(b)/2], 0o644)
		}
		return nil
	})
	check("every entry torn in half")
}

func TestCacheKeysFollowSettings(t *testing.T) {
	a := renderSettings(false, false, "github/github-dark")
	if a == renderSettings(true, false, "github/github-dark") {
		t.Error("the raw-HTML switch does not change the key")
	}
	if a == renderSettings(false, true, "github/github-dark") {
		t.Error("minification does not change the key")
	}
	if renderSettings(true, false, "github/github-dark") == renderSettings(false, true, "github/github-dark") {
		t.Error("raw HTML and minification share a key")
	}
	if a == renderSettings(false, false, "monokai/github-dark") {
		t.Error("the highlighting style does not change the key")
	}
	if a != renderSettings(false, false, "github/github-dark") {
		t.Error("the key is not stable")
	}
}

func countFiles(t *testing.T, dir string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

// TestCacheSeesDirectivesInContainers puts a directive in each place
// Markdown lets it stand, builds with a warm cache, edits the data, and
// checks that the page shows the new data, as an uncached build does.
func TestCacheSeesDirectivesInContainers(t *testing.T) {
	tests := []struct{ name, body string }{
		{"line start", "::rate-limit-plans\n"},
		{"indented", "Text.\n\n   ::rate-limit-plans\n"},
		{"block quote", "> ::rate-limit-plans\n"},
		{"list item", "- ::rate-limit-plans\n"},
		{"list in a block quote", "> 1. ::rate-limit-plans\n"},
		{"under a list item", "- Plans:\n\n  ::rate-limit-plans\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := cache.Open(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			fsys := fstest.MapFS{
				"index.md":         {Data: []byte("---\ntitle: Home\n---\n" + tt.body)},
				"_data/plans.yaml": {Data: []byte("rate_limit_plans:\n  - {name: Free, per_minute: 30, burst_per_second: 5}\n")},
			}
			if page, _ := buildWith(t, fsys, c).Get("index.html"); !strings.Contains(string(page), "Free") {
				t.Fatalf("the directive did not render:\n%s", page)
			}
			fsys["_data/plans.yaml"] = &fstest.MapFile{Data: []byte("rate_limit_plans:\n  - {name: Pro, per_minute: 60, burst_per_second: 9}\n")}
			warm := buildWith(t, fsys, c)
			if page, _ := warm.Get("index.html"); !strings.Contains(string(page), "Pro") {
				t.Errorf("after the data edit, the cached build still shows the old plans:\n%s", page)
			}
			if d := diffSites(warm, buildWith(t, fsys, nil)); d != "" {
				t.Errorf("cached build differs from an uncached one: %s", d)
			}
		})
	}
}
