package site

import (
	"fmt"
	"math/rand"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"docsgen/internal/diag"
)

// TestRelativeLinks builds a tree linked GitHub-style and checks the URLs
// written into each page.
func TestRelativeLinks(t *testing.T) {
	mem, res := buildTxtar(t, "relative-links", Options{})
	if res.Diags.HasErrors() {
		t.Fatalf("diagnostics: %v", res.Diags)
	}
	tests := []struct {
		page string
		want []string
	}{
		{"index.html", []string{`href="/guide/">the guide<`, `href="/guide/install/">setup<`}},
		{"guide/index.html", []string{`href="/guide/intro/">intro<`, `href="/guide/install/">setup<`}},
		{"guide/intro/index.html", []string{`href="/guide/install/">setup<`, `href="/api/keys/#rotate">keys<`, `href="/guide/">the guide<`,
			`href="/api/">the api<`, `href="/api/keys/#rotate">absolute<`, `href="#details">details<`, `href="../../api/keys/">keys<`}},
		{"guide/install/index.html", []string{`href="/guide/intro/#details">intro<`}},
		{"api/index.html", []string{`href="/api/keys/">keys<`}},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			html := page(t, mem, tt.page)
			for _, w := range tt.want {
				if !strings.Contains(html, w) {
					t.Errorf("%s lacks %s", tt.page, w)
				}
			}
		})
	}
}

// TestRelativeLinkErrors checks where and how broken relative links are
// reported.
func TestRelativeLinkErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"guide/intro.md": {Data: []byte("---\ntitle: Intro\n---\n[a](setpu.md)\n\n[b][ref]\n\n[ref]: ../api/keys.md#rotat\n\n![d](img/missing.png)\n\n[c](Setup.md)\n")},
		"guide/setup.md": {Data: []byte("---\ntitle: Setup\n---\nSetup.\n")},
		"api/keys.md":    {Data: []byte("---\ntitle: Keys\n---\n## Rotate\n")},
	}
	_, res := buildInto(t, Options{Content: fsys})
	want := []string{
		"content/guide/intro.md:4:1: error: link to setpu.md: no page or file has this path; did you mean /guide/setup/?",
		"content/guide/intro.md:8:1: error: link to ../api/keys.md#rotat: the page /api/keys/ has no anchor #rotat; did you mean /api/keys/#rotate?",
		"content/guide/intro.md:10:1: error: link to img/missing.png: no page or file has this path",
		"content/guide/intro.md:12:1: error: link to Setup.md: no page or file has this path; did you mean /guide/setup/?",
	}
	got := errorsOnly(res.Diags)
	if len(got) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("error %d\n got %s\nwant %s", i, got[i], want[i])
		}
	}
}

func errorsOnly(ds diag.List) []string {
	var out []string
	for _, d := range ds {
		if d.Severity == diag.Error {
			out = append(out, d.Error())
		}
	}
	return out
}

// TestRandomTreesRelativeLinks is a property test: in random trees with
// random relative links of every form (to pages, section pages, folders,
// images and files beside pages; some to what exists, some not), every
// link to something that exists resolves to its URL, and every broken one
// is reported exactly once, at its position. See randomtree_test.go.
func TestRandomTreesRelativeLinks(t *testing.T) {
	for seed := int64(1); seed <= 20; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			randomTreeProperty(t, rand.New(rand.NewSource(seed)))
		})
	}
}

// relPath is the relative path from folder dir to file to.
func relPath(dir, to string) string {
	up := 0
	for dir != "." && !strings.HasPrefix(to, dir+"/") {
		dir = path.Dir(dir)
		up++
	}
	rest := to
	if dir != "." {
		rest = strings.TrimPrefix(to, dir+"/")
	}
	return strings.Repeat("../", up) + rest
}

// TestRawHTMLLinksChecked: with rawHTML on, links in raw HTML are checked
// and its id/name attributes are anchors.
func TestRawHTMLLinksChecked(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml": {Data: []byte("rawHTML: true\n")},
		"a.md":      {Data: []byte("---\ntitle: A\n---\n<a name=\"legacy\"></a>\n\n<p id=\"box\">Box</p>\n")},
		"b.md":      {Data: []byte("---\ntitle: B\n---\n[l](/a/#legacy) [b](a.md#box)\n\n<a href=\"/a/#nothing\">x</a>\n\n<img src=\"/missing.png\">\n")},
	}
	_, res := buildInto(t, Options{Content: fsys})
	got := errorsOnly(res.Diags)
	want := []string{
		"content/b.md:6:1: error: link to /a/#nothing: the page /a/ has no anchor #nothing",
		"content/b.md:8:1: error: link to /missing.png: no page or file has this path",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("error %d\n got %s\nwant %s", i, got[i], want[i])
		}
	}
}

// TestLinkPolicy: site.yaml's links: setting turns broken links into
// warnings or skips them.
func TestLinkPolicy(t *testing.T) {
	page := &fstest.MapFile{Data: []byte("---\ntitle: A\n---\n[x](/nowhere/) [y](/vendor/api/)\n")}
	tests := []struct {
		name        string
		yaml        string
		errs, warns int
	}{
		{"default", "", 2, 0},
		{"warn", "links:\n  broken: warn\n", 0, 2},
		{"ignore", "links:\n  ignore: [/vendor/**]\n", 1, 0},
		{"bad choice", "links:\n  broken: sometimes\n", 3, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"index.md": {Data: []byte("# Home\n")}, "a.md": page}
			if tt.yaml != "" {
				fsys["site.yaml"] = &fstest.MapFile{Data: []byte(tt.yaml)}
			}
			_, res := buildInto(t, Options{Content: fsys})
			if e, w := len(res.Diags.Errors()), len(res.Diags.Warnings()); e != tt.errs || w != tt.warns {
				t.Fatalf("%d errors, %d warnings, want %d, %d: %v", e, w, tt.errs, tt.warns, res.Diags)
			}
		})
	}
	_, res := buildInto(t, Options{Content: fstest.MapFS{"a.md": page, "site.yaml": {Data: []byte("links:\n  broken: sometimes\n")}}})
	found := false
	for _, d := range res.Diags {
		if d.File == "content/site.yaml" {
			found = true
			// At the value, where the fix goes.
			if d.Line != 2 || d.Col != 11 || !strings.Contains(d.Msg, `"sometimes" is not a choice`) {
				t.Errorf("bad broken: value reported as %v", d)
			}
		}
	}
	if !found {
		t.Errorf("no error for broken: sometimes in %v", res.Diags)
	}
}
