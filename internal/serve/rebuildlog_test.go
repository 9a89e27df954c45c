package serve

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"docsgen/internal/site"
)

// TestRebuildLogNamesPages checks the console line of each rebuild: a body
// edit names the one page it re-rendered, an edit every page shows says
// all were.
func TestRebuildLogNamesPages(t *testing.T) {
	fsys := fstest.MapFS{
		"index.md":        {Data: []byte("---\ntitle: Home\n---\nHello.\n")},
		"guide/a.md":      {Data: []byte("---\ntitle: A\n---\nAlpha.\n")},
		"guide/b.md":      {Data: []byte("---\ntitle: B\n---\nBeta.\n")},
		"guide/_index.md": {Data: []byte("---\ntitle: Guide\n---\n")},
	}
	var out syncBuffer
	s := New(Config{Build: site.Options{Content: fsys}, Stdout: &out})
	if err := s.Build(context.Background(), site.Changes{}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, file, body, want string
	}{
		{"body edit", "guide/a.md", "---\ntitle: A\n---\nAlpha, edited.\n", "guide/a.md: re-rendered /guide/a/ (1 of 4 pages) in "},
		{"title edit", "guide/b.md", "---\ntitle: Bee\n---\nBeta.\n", "guide/b.md: re-rendered all 4 pages in "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys[c.file] = &fstest.MapFile{Data: []byte(c.body)}
			before := len(out.String())
			if err := s.Build(context.Background(), site.Changes{Content: []string{c.file}}); err != nil {
				t.Fatal(err)
			}
			if got := out.String()[before:]; !strings.HasPrefix(got, c.want) {
				t.Errorf("logged %q, want it to start %q", got, c.want)
			}
		})
	}
}
