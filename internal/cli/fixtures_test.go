package cli

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The trees under testdata/fixtures are written in the style of other
// documentation tools (issue 12.8): a Hugo site's content/, an mdBook's
// src/, an MkDocs docs/, a Docusaurus docs/ and a GitHub repository's
// README-style Markdown. Each is built through the real command line and
// checked for what an author moving over expects to keep: every page,
// the reading order, relative links written as page URLs, images beside
// pages published, and exactly the warnings for what does not carry over.

// fixture is one tree and what its build must give.
type fixture struct {
	name string
	// content is the folder passed to -content, under testdata/fixtures.
	content string
	// pages are the HTML pages written, sorted.
	pages []string
	// sidebarOf is the page whose sidebar is read; sidebar lists it in
	// order: "[Group]" for a folder's heading, "Label /url/" for a link.
	sidebarOf string
	sidebar   []string
	// links maps a page to anchors it must hold: `href="/url/">text<`.
	links map[string][]string
	// images pairs a published file with a page that shows it.
	images [][2]string
	// diags are the diagnostic lines printed, in order (paths relative to
	// testdata/fixtures).
	diags []string
}

func TestFixturesFromOtherTools(t *testing.T) {
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			content := filepath.Join("testdata", "fixtures", filepath.FromSlash(f.content))
			code, stderr, _ := runWithin(t, 0, "build", "-content", content, "-out", out, "-no-cache")
			if code != 0 {
				t.Fatalf("exit %d:\n%s", code, stderr)
			}
			var diags []string
			for _, l := range strings.Split(stderr, "\n") {
				if strings.Contains(l, ": warning: ") || strings.Contains(l, ": error: ") {
					diags = append(diags, strings.TrimPrefix(filepath.ToSlash(l), "testdata/fixtures/"))
				}
			}
			if !slices.Equal(diags, f.diags) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(diags, "\n"), strings.Join(f.diags, "\n"))
			}
			if got := htmlPages(t, out); !slices.Equal(got, f.pages) {
				t.Errorf("pages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(f.pages, "\n"))
			}
			if got := sidebarOf(readOut(t, out, f.sidebarOf)); !slices.Equal(got, f.sidebar) {
				t.Errorf("sidebar of %s:\n%s\nwant:\n%s", f.sidebarOf, strings.Join(got, "\n"), strings.Join(f.sidebar, "\n"))
			}
			for pg, want := range f.links {
				html := readOut(t, out, pg)
				for _, w := range want {
					if !strings.Contains(html, w) {
						t.Errorf("%s lacks %s", pg, w)
					}
				}
			}
			for _, im := range f.images {
				file, pg := im[0], im[1]
				published, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(file)))
				if err != nil || !bytes.HasPrefix(published, []byte("\x89PNG\r\n\x1a\n")) {
					t.Errorf("%s not published as the PNG beside the page (%v)", file, err)
				}
				if html := readOut(t, out, pg); !strings.Contains(html, `<img src="/`+file+`"`) {
					t.Errorf("%s shows no <img src=\"/%s\">", pg, file)
				}
			}
		})
	}
}

// htmlPages lists the pages (index.html files) under out, but the 404
// page and search's own files.
func htmlPages(t *testing.T, out string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && d.Name() == "index.html" {
			rel, _ := filepath.Rel(out, p)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(pages)
	return pages
}

func readOut(t *testing.T, out, page string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var sidebarItem = regexp.MustCompile(`<summary><span>([^<]*)</span>|<a href="([^"]*)"[^>]*><span>([^<]*)</span>`)

// sidebarOf lists a page's sidebar in order: "[Group]" for a folder's
// heading, "Label /url/" for a link.
func sidebarOf(html string) []string {
	start := strings.Index(html, `<nav id="docsgen-sidebar"`)
	if start < 0 {
		return nil
	}
	end := strings.Index(html[start:], "</nav>")
	var out []string
	for _, m := range sidebarItem.FindAllStringSubmatch(html[start:start+end], -1) {
		if m[1] != "" {
			out = append(out, "["+m[1]+"]")
		} else {
			out = append(out, m[3]+" "+m[2])
		}
	}
	return out
}
