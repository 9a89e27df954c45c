package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadTreeOrderAndURLs(t *testing.T) {
	fsys := fstest.MapFS{
		"index.md":                  {Data: []byte("---\ntitle: Home\n---\nWelcome")},
		"reference/_index.md":       {Data: []byte("---\ntitle: Reference\nweight: 10\n---\n")},
		"reference/errors.md":       {Data: []byte("---\ntitle: Error Codes\nweight: 30\nbadge: New\n---\n")},
		"reference/rate-limits.md":  {Data: []byte("---\nweight: 20\n---\n# Rate Limits\n")},
		"reference/zeta.md":         {Data: []byte("no front matter, no heading")},
		"guides/index.md":           {Data: []byte("---\ntitle: Guides\nweight: 5\n---\n")},
		"guides/first.md":           {Data: []byte("---\ntitle: First\nslug: start-here\n---\n")},
		"guides/draft.md":           {Data: []byte("---\ntitle: WIP\ndraft: true\n---\n")},
		"_data/errors.yaml":         {Data: []byte("not: a page")},
		".hidden/x.md":              {Data: []byte("hidden")},
		"reference/images/diag.png": {Data: []byte("png")},
		"site.yaml":                 {Data: []byte("title: Test Docs\nheaderLinks:\n  - title: Errors\n    url: /reference/errors/\n")},
	}
	s, diags := Load(fsys, Options{Display: "content"})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	var got []string
	for _, p := range s.Pages {
		got = append(got, p.URL+"="+p.Title)
	}
	want := []string{
		"/=Home",
		"/guides/=Guides",
		"/guides/start-here/=First",
		"/reference/=Reference",
		"/reference/rate-limits/=Rate Limits",
		"/reference/errors/=Error Codes",
		"/reference/zeta/=Zeta",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("reading order:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s.Config.Title != "Test Docs" || len(s.Config.HeaderLinks) != 1 || s.Config.HeaderLinks[0].Line != 3 {
		t.Errorf("config: %+v", s.Config)
	}
	if p := s.ByURL["/reference/errors/"]; p.Front.Badge != "New" || p.File != "content/reference/errors.md" || p.BodyLine != 5 {
		t.Errorf("errors page: %+v", p)
	}
	withDrafts, _ := Load(fsys, Options{Drafts: true})
	if withDrafts.ByURL["/guides/draft/"] == nil {
		t.Error("-drafts did not include the draft page")
	}
}

func TestLoadDiagnostics(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // file:line:col: ... substring
	}{
		{"unknown key", map[string]string{"a.md": "---\ntitle: A\ncolour: red\n---\n"}, "content/a.md:3:1: warning: front matter key \"colour\" is not one docsgen knows"},
		{"unknown key, strict", map[string]string{"site.yaml": "strict: true\n", "a.md": "---\ntitle: A\ncolour: red\n---\n"}, "content/a.md:3:1: error: unknown front matter key \"colour\""},
		{"wrong type", map[string]string{"a.md": "---\nweight: heavy\n---\n"}, "content/a.md:2:9: error: front matter key weight has the wrong type; it takes a whole number"},
		{"unclosed front matter", map[string]string{"a.md": "---\ntitle: A\n"}, "content/a.md:1:1: error: front matter opened with --- is never closed"},
		{"bad yaml", map[string]string{"a.md": "---\ntitle: [A\n---\n"}, "content/a.md:2:8: error:"},
		{"duplicate key", map[string]string{"a.md": "---\ntitle: A\ntitle: B\n---\n"}, "content/a.md:3:1: error:"},
		{"bad lastmod", map[string]string{"a.md": "---\nlastmod: yesterday\n---\n"}, "content/a.md:2:1: error: lastmod \"yesterday\" is not a date"},
		{"bad slug", map[string]string{"a.md": "---\nslug: a/b\n---\n"}, "content/a.md:2:1: error: slug \"a/b\" cannot be used in a URL"},
		{"relative alias", map[string]string{"a.md": "---\naliases: [old/]\n---\n"}, "content/a.md:2:11: error: alias \"old/\" is not a site path"},
		{"two sources one url", map[string]string{"a.md": "A", "a/index.md": "B"}, "both produce the page /a/"},
		{"slug collision", map[string]string{"a.md": "A", "b.md": "---\nslug: a\n---\n"}, "both produce the page /a/"},
		{"index and _index", map[string]string{"s/index.md": "A", "s/_index.md": "B"}, "both open the section"},
		{"invalid utf8", map[string]string{"a.md": "ok\nbad \xff here"}, "content/a.md:2:5: error: the file is not valid UTF-8"},
		{"binary", map[string]string{"a.md": "PK\x03\x04\x00\x00"}, "content/a.md:1:5: error: the file holds a NUL byte"},
		{"unknown site setting", map[string]string{"site.yaml": "title: X\nthem: dark\n"}, "content/site.yaml:2:1: error: unknown site setting \"them\""},
		{"header link without url", map[string]string{"site.yaml": "headerLinks:\n  - title: X\n"}, "content/site.yaml:2:3: error: headerLinks entry needs both title and url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for n, c := range tt.files {
				fsys[n] = &fstest.MapFile{Data: []byte(c)}
			}
			_, diags := Load(fsys, Options{Display: "content"})
			var all []string
			for _, d := range diags {
				all = append(all, d.Error())
			}
			joined := strings.Join(all, "\n")
			if !strings.Contains(joined, tt.want) {
				t.Fatalf("want %q in:\n%s", tt.want, joined)
			}
		})
	}
}

func TestBOMAndCRLF(t *testing.T) {
	fsys := fstest.MapFS{"a.md": {Data: []byte("\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nbody\r\n")}}
	s, diags := Load(fsys, Options{})
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	p := s.ByURL["/a/"]
	if p.Title != "A" || string(p.Body) != "body\n" || p.BodyLine != 3 {
		t.Fatalf("page %+v body %q", p, p.Body)
	}
}

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		in, front, body string
		line            int
		ok              bool
	}{
		{"no front matter", "", "no front matter", 0, true},
		{"---\na: 1\n---\nbody", "a: 1\n", "body", 3, true},
		{"---\n---\n", "", "", 2, true},
		{"---\na: 1\n...\nbody", "a: 1\n", "body", 3, true},
		{"----\nthematic", "", "----\nthematic", 0, true},
		{"---\na: 1\n", "", "", 0, false},
	}
	for _, tt := range tests {
		front, body, line, ok := SplitFrontMatter([]byte(tt.in))
		if string(front) != tt.front || string(body) != tt.body || line != tt.line || ok != tt.ok {
			t.Errorf("%q: got (%q, %q, %d, %v)", tt.in, front, body, line, ok)
		}
	}
}

func TestFirstHeading(t *testing.T) {
	for in, want := range map[string]string{
		"# Title\n":                        "Title",
		"text\n\n# `Code` **Bold** #\n":    "Code Bold",
		"```\n# not a heading\n```\n# Yes": "Yes",
		"## Level two\n":                   "Level two",
		"    # indented code\n":            "",
		"intro\n\n### Deep *one*\n# Top\n": "Deep one",
		"Setext title\n============\n":     "Setext title",
		"Second level\n---\n":              "Second level",
		"text\n\n---\n\nmore\n":            "",
		"- item\n---\n":                    "",
		"#hashtag, not a heading\n":        "",
	} {
		if got := FirstHeading([]byte(in)); got != want {
			t.Errorf("FirstHeading(%q) = %q, want %q", in, got, want)
		}
	}
}
