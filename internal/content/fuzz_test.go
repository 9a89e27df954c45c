package content

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"path"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzSplitFrontMatter checks the splitter on any bytes: it never panics,
// the body is the end of the input, and bodyLine counts the lines before it.
func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{
		"", "---", "---\n", "---\n---\n", "---\ntitle: A\n---\nbody\n", "---\na: 1\n...\nbody",
		"----\nthematic", "--- \t\na\n---  \nb", "---\r\na: 1\r\n---\r\nb", "---\n---", "text\n---\na\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		front, body, bodyLine, ok := SplitFrontMatter(src)
		if !ok {
			first, _, _ := bytes.Cut(src, []byte("\n"))
			if !bytes.HasPrefix(src, []byte("---")) || len(bytes.TrimRight(first[3:], " \t")) != 0 {
				t.Fatalf("%q: not ok, but it does not open front matter", src)
			}
			if front != nil || body != nil || bodyLine != 0 {
				t.Fatalf("%q: not ok, yet returned parts", src)
			}
			return
		}
		if !bytes.HasSuffix(src, body) {
			t.Fatalf("%q: body %q is not the end of the input", src, body)
		}
		if front == nil {
			if !bytes.Equal(body, src) || bodyLine != 0 {
				t.Fatalf("%q: no front matter, yet body %q at line %d", src, body, bodyLine)
			}
			return
		}
		// src is "---" line, front, a closing line, body.
		if !bytes.HasPrefix(src[bytes.IndexByte(src, '\n')+1:], front) {
			t.Fatalf("%q: front %q does not follow the opening line", src, front)
		}
		if len(body) > 0 {
			if want := bytes.Count(src[:len(src)-len(body)], []byte("\n")); bodyLine != want {
				t.Fatalf("%q: bodyLine %d, want %d", src, bodyLine, want)
			}
		}
		if bodyLine < 2 {
			t.Fatalf("%q: front matter takes at least two lines, got %d", src, bodyLine)
		}
	})
}

// FuzzParsePage checks page parsing on any bytes: it never panics, a page
// that cannot be used comes with an error, every diagnostic names the file
// and a line inside it, and parsing is deterministic.
func FuzzParsePage(f *testing.F) {
	for _, s := range []string{
		"", "# Title\n", "---\ntitle: A\nweight: 2\n---\nbody\n", "---\ntitle: [A\n---\n", "---\nnope: 1\n---\n",
		"\xef\xbb\xbf---\r\ntitle: B\r\n---\r\n", "---\n- a\n---\n", "---\nweight: 1.5\n---\n", "---\ntitle: a\ntitle: b\n---\n",
		"---\nlastmod: 2026-13-01\nslug: ../x\naliases: [x, /y/]\n---\n", "a\x00b", "\xff", "---\nparams: {a: &x [*x]}\n---\n",
		"---\ntitle: !!binary aGk=\n---\n", "---\n? [a]\n: b\n---\n", "```\n# not\n```\n# Yes\n",
	} {
		f.Add("guide/page.md", []byte(s))
	}
	f.Add("index.md", []byte("---\nslug: home\n---\n"))
	f.Fuzz(func(t *testing.T, p string, src []byte) {
		if !fs.ValidPath(p) || p == "." {
			return
		}
		file := "content/" + p
		pg, diags := ParsePage(p, file, src)
		if pg == nil && !diags.HasErrors() {
			t.Fatalf("no page and no error for %q", src)
		}
		// CRLF, CR and LF each end a line.
		lines := bytes.Count(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")), []byte("\n")) + bytes.Count(src, []byte("\r")) - bytes.Count(src, []byte("\r\n")) + 1
		for _, d := range diags {
			if d.File != file || d.Line < 0 || d.Line > lines || d.Col < 0 || d.Msg == "" || d.Hint == "" {
				t.Fatalf("bad diagnostic for %q: %+v", src, d)
			}
			if strings.Contains(d.Msg, "Go struct") || strings.Contains(d.Msg, "key  ") {
				t.Fatalf("message leaks the YAML library's wording: %v", d)
			}
		}
		if pg != nil {
			if pg.Title == "" {
				t.Fatalf("page without a title for %q", src)
			}
			if !bytes.HasSuffix(pg.Source, pg.Body) {
				t.Fatalf("body is not the end of the source for %q", src)
			}
		}
		again, diags2 := ParsePage(p, file, src)
		if !reflect.DeepEqual(diags, diags2) || (pg == nil) != (again == nil) {
			t.Fatalf("two parses of %q differ", src)
		}
	})
}

// FuzzPageURL loads a page at any valid path with any slug: the URL it
// gets is a clean site path with a trailing slash, and the home page, the
// page and the URL index agree.
func FuzzPageURL(f *testing.F) {
	f.Add("guide/first.md", "")
	f.Add("guide/first.md", "start-here")
	f.Add("guide/index.md", "tutorial")
	f.Add("a/b/_index.md", "x")
	f.Add("a.b/c d.md", "ünïcode")
	f.Add("x.md", "..")
	f.Add("x.md", "a/b")
	f.Add("index.md", "home")
	f.Fuzz(func(t *testing.T, p, slug string) {
		if !fs.ValidPath(p) || p == "." || path.Ext(p) != ".md" || p == "site.yaml" {
			return
		}
		slugJSON, _ := json.Marshal(slug)
		fsys := fstest.MapFS{p: {Data: []byte("---\nslug: " + string(slugJSON) + "\n---\nText\n")}}
		s, _ := Load(fsys, Options{Display: "content"})
		if s == nil {
			t.Fatal("nil site")
		}
		for _, pg := range s.Pages {
			u := pg.URL
			if !strings.HasPrefix(u, "/") || !strings.HasSuffix(u, "/") || strings.Contains(u, "//") && u != "/" {
				t.Fatalf("%s with slug %q: URL %q", p, slug, u)
			}
			if u != "/" && path.Clean(u)+"/" != u {
				t.Fatalf("%s with slug %q: URL %q is not clean", p, slug, u)
			}
			for _, seg := range strings.Split(strings.Trim(u, "/"), "/") {
				if seg == "." || seg == ".." || strings.ContainsAny(seg, "?#\\") {
					t.Fatalf("%s with slug %q: URL %q has segment %q", p, slug, u, seg)
				}
			}
			if s.ByURL[u] != pg {
				t.Fatalf("%s: ByURL[%q] is another page", p, u)
			}
		}
	})
}
