package site

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"docsgen/internal/content"
	"docsgen/internal/highlight"
	"docsgen/internal/markdown"
	"docsgen/internal/search"
)

// TestKeysFromOtherTools builds pages whose front matter was written for
// other tools: linkTitle names the page in the sidebar, an unlisted page
// is built but left out of the sidebar and of search, keywords find their
// page in search, and a key docsgen does not know reaches the page's view
// model as a param, with a warning but no error.
func TestKeysFromOtherTools(t *testing.T) {
	fsys := fstest.MapFS{
		"index.md":        {Data: []byte("# Home\n")},
		"guide/index.md":  {Data: []byte("---\ntitle: Guide\n---\n")},
		"guide/long.md":   {Data: []byte("---\ntitle: A very long title for the setup page\nsidebar_label: Setup\nnav_order: 1\nkeywords: [zephyrine]\nauthor: Ann\n---\nText.\n")},
		"guide/hidden.md": {Data: []byte("---\ntitle: Hidden page\nunlisted: true\n---\nHidden text about quillwort.\n")},
	}
	mem, res := buildInto(t, Options{Content: fsys})
	if res.Diags.HasErrors() {
		t.Fatalf("errors: %v", res.Diags)
	}
	if w := res.Diags.Warnings(); len(w) != 1 || !strings.Contains(w[0].Msg, `"author"`) {
		t.Errorf("want one warning about author, got %v", w)
	}
	home := page(t, mem, "index.html")
	for _, want := range []string{`href="/guide/long/"`, ">Setup<"} {
		if !strings.Contains(home, want) {
			t.Errorf("the home page's sidebar lacks %s", want)
		}
	}
	if strings.Contains(home, "/guide/hidden/") {
		t.Error("the unlisted page is in the sidebar")
	}
	if !strings.Contains(page(t, mem, "guide/hidden/index.html"), "<h1>Hidden page</h1>") {
		t.Error("the unlisted page was not built")
	}
	s, err := search.NewSearcher(func(name string) ([]byte, error) {
		b, ok := mem.Get("search/" + name)
		if !ok {
			return nil, fmt.Errorf("no search/%s", name)
		}
		return b, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{"zephyrine": "/guide/long/", "quillwort": ""} {
		hits, err := s.Search(q, 5)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if len(hits) > 0 {
			got = hits[0].Href()
		}
		if got != want {
			t.Errorf("search %q: first result %q, want %q", q, got, want)
		}
	}

	opts := Options{Content: fsys}
	opts.defaults()
	src, _ := content.Load(fsys, opts.contentOptions())
	cache := newRenderCache(true, nil)
	hl, err := highlight.New(highlight.Options{})
	if err != nil {
		t.Fatal(err)
	}
	in, err := prepare(context.Background(), opts, src, cache, hl)
	if err != nil {
		t.Fatal(err)
	}
	b := newBuilder(in, src, cache)
	vm := b.pageView(b.site.ByURL["/guide/long/"], &markdown.Result{})
	if vm.Params["author"] != "Ann" {
		t.Errorf("view model params %v, want author Ann", vm.Params)
	}
}

// TestUpdateReportsUnknownKeys checks the preview session against a full
// build for unknown front matter keys, which are reported across pages:
// an edit that adds one (an error when strict) or that touches the page a
// warning points at must report what a full build reports.
func TestUpdateReportsUnknownKeys(t *testing.T) {
	tests := []struct {
		name   string
		strict string
		before string // a.md before the edit; b.md is "author: Bo"
		after  string
	}{
		{"strict: a key added", "strict: true\n", "---\ntitle: A\n---\nText.\n", "---\ntitle: A\ncolour: red\n---\nText.\n"},
		{"warning: its page edited", "", "---\ntitle: A\nauthor: Ann\n---\nText.\n", "---\ntitle: A\nauthor: Ann\n---\nMore text.\n"},
		{"warning: a key removed", "", "---\ntitle: A\nauthor: Ann\n---\nText.\n", "---\ntitle: A\n---\nText.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"site.yaml": {Data: []byte("title: T\n" + tt.strict)},
				"a.md":      {Data: []byte(tt.before)},
				"b.md":      {Data: []byte("---\ntitle: B\nauthor: Bo\n---\nText.\n")},
			}
			sess := NewSession(Options{Content: fsys}, SessionOptions{})
			if _, _, err := sess.Update(context.Background(), Changes{}); err != nil {
				t.Fatal(err)
			}
			fsys["a.md"] = &fstest.MapFile{Data: []byte(tt.after)}
			res, _, err := sess.Update(context.Background(), Changes{Content: []string{"a.md"}})
			if err != nil {
				t.Fatal(err)
			}
			_, fresh := buildInto(t, Options{Content: fsys})
			if got, want := fmt.Sprint(res.Diags), fmt.Sprint(fresh.Diags); got != want {
				t.Errorf("after the update:\n%s\nafter a full build:\n%s", got, want)
			}
		})
	}
}
