package serve

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"docsgen/internal/content"
	"docsgen/internal/diag"
)

// TestProblemsQuoteTheContentFS checks that the overlay's excerpts come
// from the sources the build read, through the content FS: a page as loaded
// (BOM removed, CRLF as LF, so lines match the positions reported), a data
// file, and nothing for a file outside the content folder.
func TestProblemsQuoteTheContentFS(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md":             {Data: []byte("\xef\xbb\xbf# A\r\n\r\nOne\r\nTwo\r\nThree\r\n")},
		"_data/plans.yaml": {Data: []byte("rate_limit_plans:\n  - name: Free\n")},
		"img/logo.txt":     {Data: []byte("first\nsecond\n")},
	}
	src, diags := content.Load(fsys, content.Options{Display: "content"})
	if src == nil || diags.HasErrors() {
		t.Fatalf("load: %v", diags)
	}
	tests := []struct {
		file  string
		line  int
		first int
		want  []string
	}{
		{"content/a.md", 4, 2, []string{"", "One", "Two", "Three", ""}},
		{"content/_data/plans.yaml", 1, 1, []string{"rate_limit_plans:", "  - name: Free", ""}},
		{"content/img/logo.txt", 2, 1, []string{"first", "second", ""}},
		{"/etc/passwd", 1, 0, nil},
		{"content/../a.md", 1, 0, nil},
		{"content/missing.md", 1, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			ps := problems(diag.List{diag.Errorf(tt.file, tt.line, 1, "something")}, src)
			if len(ps) != 1 {
				t.Fatalf("%d problems", len(ps))
			}
			p := ps[0]
			if p.First != tt.first || strings.Join(p.Context, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("got first %d context %q, want %d %q", p.First, p.Context, tt.first, tt.want)
			}
		})
	}
	if ps := problems(diag.List{diag.Errorf("content/a.md", 2, 1, "x")}, nil); ps[0].Context != nil {
		t.Errorf("no sources, yet context %q", ps[0].Context)
	}
}

// TestProblemsOfALargePage builds the overlay for a page with 20,000 broken
// links (splitting the 2 MB page once per link once made the preview server
// spend minutes before serving anything) and logs how long it took.
func TestProblemsOfALargePage(t *testing.T) {
	var src strings.Builder
	var ds diag.List
	for i := 1; i <= 20000; i++ {
		fmt.Fprintf(&src, "Line %d with a [broken link](/nowhere-%d/) and more text to make it longer than most.\n", i, i)
		ds.Add(diag.Errorf("content/a.md", i, 15, "link to /nowhere-%d/: no page or file has this path", i))
	}
	site, diags := content.Load(fstest.MapFS{"a.md": {Data: []byte(src.String())}}, content.Options{Display: "content"})
	if site == nil || diags.HasErrors() {
		t.Fatalf("load: %v", diags)
	}
	start := time.Now()
	ps := problems(ds, site)
	t.Logf("20,000 problems with excerpts in %v", time.Since(start))
	if len(ps) != 20000 {
		t.Fatalf("%d problems", len(ps))
	}
	p := ps[9999]
	if p.Line != 10000 || p.First != 9998 || len(p.Context) != 5 || !strings.HasPrefix(p.Context[2], "Line 10000 ") {
		t.Fatalf("problem 10000: %+v", p)
	}
}
