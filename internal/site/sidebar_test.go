package site

import (
	"fmt"
	"os"
	"testing"
	"testing/fstest"

	"docsgen/internal/output"
)

// TestSidebarCacheChangesNothing builds sites with each section's sidebar
// rendered once and with every page rendering its own, and wants the same
// files byte for byte: the real site, the basic fixture, and a site big
// enough for the trimmed sidebar with nested sections, badges, a section
// without an index page and titles that need escaping.
func TestSidebarCacheChangesNothing(t *testing.T) {
	big := fstest.MapFS{
		"index.md": {Data: []byte("# Home\n\nWelcome.\n")},
	}
	for s := range 3 {
		big[fmt.Sprintf("s%d/_index.md", s)] = &fstest.MapFile{Data: fmt.Appendf(nil, "---\ntitle: Section <%d> & \"more\"\nbadge: New\n---\nText.\n", s)}
		for sub := range 2 {
			dir := fmt.Sprintf("s%d/sub%d", s, sub)
			if sub == 0 {
				big[dir+"/_index.md"] = &fstest.MapFile{Data: []byte("# Sub\n\nText.\n")}
			}
			for p := range 60 {
				badge := ""
				if p%7 == 0 {
					badge = "badge: Pro\n"
				}
				big[fmt.Sprintf("%s/p%02d.md", dir, p)] = &fstest.MapFile{Data: fmt.Appendf(nil, "---\ntitle: Page %d's <title>\nweight: %d\n%s---\nBody of page %d.\n", p, 60-p, badge, p)}
			}
		}
	}
	sites := map[string]func(opts Options) (*output.Memory, *Result){
		"content/": func(opts Options) (*output.Memory, *Result) {
			opts.Content = os.DirFS("../../content")
			return buildInto(t, opts)
		},
		"basic.txtar": func(opts Options) (*output.Memory, *Result) { return buildTxtar(t, "basic", opts) },
		"big": func(opts Options) (*output.Memory, *Result) {
			opts.Content = big
			return buildInto(t, opts)
		},
	}
	for name, build := range sites {
		for _, minify := range []bool{false, true} {
			cached, res := build(Options{Minify: minify})
			if res.Diags.HasErrors() {
				t.Fatalf("%s: %v", name, res.Diags)
			}
			direct, _ := build(Options{Minify: minify, renderEverySidebar: true})
			if d := diffSites(cached, direct); d != "" {
				t.Errorf("%s (minify %v): the sidebar cache changed the output: %s", name, minify, d)
			}
		}
	}
	if mem, _ := sites["big"](Options{}); mem.Len() < 360 {
		t.Errorf("big site: %d files, want at least 360", mem.Len())
	}
}
