package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

const goodStatuses = "statuses:\n  - code: 200\n    text: OK\n    meaning: Fine.\n    retry: Not applicable.\n    retryable: n/a\n"

// TestOneCauseOneError: a page whose front matter does not parse, or a
// data file that does not parse, gives one error, not one more for every
// link to the page or every directive showing the data.
func TestOneCauseOneError(t *testing.T) {
	home := "---\ntitle: Home\n---\nSee [b](/b/), [b again](b.md), [b's anchor](/b/#part) and [c](/c/).\n\n::status-table\n"
	tests := []struct {
		name     string
		files    map[string]string
		wantFile string // the one error's file
	}{
		{"front matter", map[string]string{"b.md": "---\ntitle: [unclosed\n---\n## Part\n", "_data/statuses.yaml": goodStatuses}, "content/b.md"},
		{"data file", map[string]string{"b.md": "---\ntitle: B\n---\n## Part\n", "_data/statuses.yaml": goodStatuses + "  bad: [\n"}, "content/_data/statuses.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"index.md": {Data: []byte(home)}, "c.md": {Data: []byte("---\ntitle: C\n---\nC.\n")}}
			for name, data := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			_, res := buildInto(t, Options{Content: fsys})
			errs := res.Diags.Errors()
			if len(errs) != 1 || errs[0].File != tt.wantFile {
				t.Fatalf("want one error in %s, got %d:\n%v", tt.wantFile, len(errs), errs)
			}
		})
	}
}

// TestFailedPageStillGetsItsURL: a relative link to a page that failed to
// load is still written as that page's URL.
func TestFailedPageStillGetsItsURL(t *testing.T) {
	fsys := fstest.MapFS{
		"guide/a.md": {Data: []byte("---\ntitle: A\n---\n[b](b.md)\n")},
		"guide/b.md": {Data: []byte("---\ntitle: [\n---\nB\n")},
	}
	mem, res := buildInto(t, Options{Content: fsys})
	if n := len(res.Diags.Errors()); n != 1 {
		t.Fatalf("%d errors, want 1: %v", n, res.Diags)
	}
	if html := page(t, mem, "guide/a/index.html"); !strings.Contains(html, `href="/guide/b/">b<`) {
		t.Errorf("link to the failed page not rewritten:\n%s", html)
	}
}

// TestNoDataNoDirectives: in a tree with no _data/, an unknown directive's
// hint does not list this site's own directives (the line is shown as
// text, with a warning).
func TestNoDataNoDirectives(t *testing.T) {
	fsys := fstest.MapFS{"index.md": {Data: []byte("---\ntitle: Home\n---\n::erors{category=\"x\"}\n")}}
	_, res := buildInto(t, Options{Content: fsys})
	errs := res.Diags.Warnings()
	if len(errs) != 1 || !strings.Contains(errs[0].Msg, `unknown directive "erors"`) || len(res.Diags.Errors()) != 0 {
		t.Fatalf("want one unknown-directive warning, got %v", res.Diags)
	}
	if strings.Contains(errs[0].Hint, "errors") || strings.Contains(errs[0].Hint, "status-table") {
		t.Errorf("hint cites this site's directives: %q", errs[0].Hint)
	}
}
