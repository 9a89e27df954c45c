package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func pagesOf(s *Site) []string {
	var out []string
	for _, p := range s.Pages {
		out = append(out, p.Path+"="+p.Title)
	}
	return out
}

func TestOrderAndTitles(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{{
		name: "weight, then file name with numbers by value, never title",
		files: map[string]string{
			"guide/10-deploy.md": "# Aardvark deploy\n",
			"guide/2-setup.md":   "# Zebra setup\n",
			"guide/01-intro.md":  "# Yak intro\n",
			"guide/last.md":      "---\nweight: 5\n---\n# Weighted\n",
		},
		want: []string{"guide/last.md=Weighted", "guide/01-intro.md=Yak intro", "guide/2-setup.md=Zebra setup", "guide/10-deploy.md=Aardvark deploy"},
	}, {
		name: "nav: in _index.md, unlisted pages follow by name",
		files: map[string]string{
			"guide/_index.md": "---\ntitle: Guide\nnav:\n  - setup.md\n  - Intro: intro.md\n---\n",
			"guide/intro.md":  "# Intro\n",
			"guide/setup.md":  "# Setup\n",
			"guide/b.md":      "# B\n",
			"guide/a.md":      "# A\n",
		},
		want: []string{"guide/_index.md=Guide", "guide/setup.md=Setup", "guide/intro.md=Intro", "guide/a.md=A", "guide/b.md=B"},
	}, {
		name: "SUMMARY.md orders its folder and the folders below; it is no page",
		files: map[string]string{
			"SUMMARY.md":       "# Summary\n\n[Intro](intro.md)\n\n- [Zed](zed.md)\n- [Guide](guide/index.md)\n  - [Two](guide/two.md)\n  - [One](guide/one.md)\n- [Draft]()\n- [Site](https://example.com/)\n",
			"intro.md":         "# Intro\n",
			"zed.md":           "# Zed\n",
			"alpha.md":         "# Alpha\n",
			"guide/index.md":   "# Guide\n",
			"guide/one.md":     "# One\n",
			"guide/two.md":     "# Two\n",
			"guide/three.md":   "# Three\n",
			"appendix/more.md": "# More\n",
		},
		want: []string{"intro.md=Intro", "zed.md=Zed", "guide/index.md=Guide", "guide/two.md=Two", "guide/one.md=One", "guide/three.md=Three",
			"alpha.md=Alpha", "appendix/more.md=More"},
	}, {
		name: "weight wins over the list",
		files: map[string]string{
			"_index.md": "---\nnav: [b.md, a.md]\n---\n# Home\n",
			"a.md":      "---\nweight: 1\n---\n# A\n",
			"b.md":      "# B\n",
		},
		want: []string{"_index.md=Home", "a.md=A", "b.md=B"},
	}, {
		name: "titles: first heading of any level, else a readable file name",
		files: map[string]string{
			"01-first.md":            "intro text\n\n### Third level first\n\n# Later top\n",
			"02-getting_started.md":  "no heading here\n",
			"03-setext.md":           "Underlined\n----------\n",
			"ops/_index.md":          "",
			"ops/04-title-wins.md":   "---\ntitle: Given\n---\n# Heading\n",
			"ops/05-link-title.md":   "---\nlinkTitle: Short\n---\n## Long heading\n",
			"ops/06-code-heading.md": "```\n# not this\n```\nplain\n",
		},
		want: []string{"01-first.md=Third level first", "02-getting_started.md=Getting started", "03-setext.md=Underlined",
			"ops/_index.md=Ops", "ops/04-title-wins.md=Given", "ops/05-link-title.md=Long heading", "ops/06-code-heading.md=Code heading"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for p, src := range tt.files {
				fsys[p] = &fstest.MapFile{Data: []byte(src)}
			}
			s, diags := Load(fsys, Options{})
			if diags.HasErrors() {
				t.Fatalf("errors: %v", diags)
			}
			if got := pagesOf(s); !slices.Equal(got, tt.want) {
				t.Errorf("reading order:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestNavListProblems(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"front matter entry naming no file", map[string]string{
			"guide/_index.md": "---\ntitle: Guide\nnav:\n  - setup.md\n  - gone.md\n---\n",
			"guide/setup.md":  "# Setup\n",
		}, "guide/_index.md:5:5: error: the navigation list names gone.md, which is not in the content folder"},
		{"SUMMARY entry naming no file", map[string]string{
			"SUMMARY.md": "# Summary\n\n- [Here](here.md)\n- [Gone](gone/page.md)\n",
			"here.md":    "# Here\n",
		}, "SUMMARY.md:4:10: error: the navigation list names gone/page.md"},
		{"entry leaving the content folder", map[string]string{
			"_index.md": "---\nnav: [../outside.md]\n---\n",
		}, "_index.md:2:7: error: the navigation list names ../outside.md"},
		{"entry of the wrong kind", map[string]string{
			"_index.md": "---\nnav:\n  - 12\n---\n",
		}, "_index.md:3:5: error: front matter key nav has an entry that is an integer"},
		{"nav: on a page that is not a section page", map[string]string{
			"page.md": "---\nnav: [a.md]\n---\n",
			"a.md":    "",
		}, "page.md:2:7: warning: nav: orders a section's pages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for p, src := range tt.files {
				fsys[p] = &fstest.MapFile{Data: []byte(src)}
			}
			_, diags := Load(fsys, Options{})
			var all []string
			for _, d := range diags {
				all = append(all, d.Error())
			}
			got := strings.Join(all, "\n")
			if !strings.Contains(got, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant one containing:\n%s", got, tt.want)
			}
		})
	}
}

func TestFilesBesidePages(t *testing.T) {
	fsys := fstest.MapFS{
		"guide/intro.md":        {Data: []byte("# Intro\n")},
		"guide/img/d.png":       {Data: []byte("png")},
		"guide/files/spec.pdf":  {Data: []byte("pdf")},
		"site.yaml":             {Data: []byte("title: T\n")},
		"_data/errors.yaml":     {Data: []byte("a: 1\n")},
		".git/config":           {Data: []byte("secret")},
		"guide/.notes.txt":      {Data: []byte("hidden")},
		"_assets/logo.svg":      {Data: []byte("svg")},
		"_partials/snippet.md":  {Data: []byte("# Not a page, not published")},
		"guide/_category_.json": {Data: []byte("{}")},
		"guide/_draft.md":       {Data: []byte("# Not a page either")},
		"SUMMARY.md":            {Data: []byte("- [Intro](guide/intro.md)\n")},
		"guide/inside.png":      {Data: []byte("img/d.png"), Mode: fs.ModeSymlink},
		"guide/abs.txt":         {Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink},
		"guide/up.txt":          {Data: []byte("../../secret.txt"), Mode: fs.ModeSymlink},
	}
	s, diags := Load(fsys, Options{Display: "content"})
	var got []string
	for _, f := range s.Files {
		got = append(got, f.Path)
	}
	want := []string{"_assets/logo.svg", "guide/_category_.json", "guide/files/spec.pdf", "guide/img/d.png", "guide/inside.png"}
	if !slices.Equal(got, want) {
		t.Errorf("Files = %v, want %v", got, want)
	}
	if u, ok := s.FileURL("guide/img/d.png"); !ok || u != "/guide/img/d.png" {
		t.Errorf("FileURL(guide/img/d.png) = %q, %v", u, ok)
	}
	for _, p := range []string{"guide/intro.md", "guide/abs.txt", "site.yaml", "_data/errors.yaml", "guide/.notes.txt", "nothing.png", "_partials/snippet.md", ".git/config"} {
		if u, ok := s.FileURL(p); ok {
			t.Errorf("FileURL(%s) = %q, want no file", p, u)
		}
	}
	if pages := pagesOf(s); !slices.Equal(pages, []string{"guide/intro.md=Intro"}) {
		t.Errorf("pages %v, want only guide/intro.md", pages)
	}
	if data, err := s.ReadFile(s.Files[4]); err != nil || string(data) != "png" {
		t.Errorf("ReadFile(inside.png) = %q, %v", data, err)
	}
	var errs []string
	for _, d := range diags.Errors() {
		errs = append(errs, d.Error())
	}
	wantErrs := []string{
		"content/guide/abs.txt: error: symbolic link to /etc/passwd, outside the project folder",
		"content/guide/up.txt: error: symbolic link to ../../secret.txt, outside the project folder",
	}
	if len(errs) != len(wantErrs) {
		t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
	}
	for i, w := range wantErrs {
		if !strings.HasPrefix(errs[i], w) {
			t.Errorf("error %d = %s, want %s…", i, errs[i], w)
		}
	}
	if _, ok := s.Text("content/guide/abs.txt"); ok {
		t.Error("Text quoted a file linked from outside the project")
	}
}

// TestLinksOutOfTheProjectOnDisk uses real symbolic links: one to a file
// of the machine outside the project, one to a file of the project outside
// the content folder (allowed), one to a page outside (refused too).
func TestLinksOutOfTheProjectOnDisk(t *testing.T) {
	outside := t.TempDir()
	project := t.TempDir()
	dir := filepath.Join(project, "content")
	write := func(p, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, p string) {
		t.Helper()
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(outside, "passwd"), "root:x:0:0")
	write(filepath.Join(outside, "secret.md"), "# Secret\n")
	write(filepath.Join(project, "static", "logo.png"), "png")
	write(filepath.Join(dir, "index.md"), "# Home\n")
	link(filepath.Join(outside, "passwd"), filepath.Join(dir, "pw.txt"))
	link(filepath.Join(outside, "secret.md"), filepath.Join(dir, "secret.md"))
	link("../static/logo.png", filepath.Join(dir, "logo.png"))
	if err := os.MkdirAll(filepath.Join(dir, "_data"), 0o755); err != nil {
		t.Fatal(err)
	}
	link(filepath.Join(outside, "passwd"), filepath.Join(dir, "_data", "leak.yaml"))

	s, diags := Load(os.DirFS(dir), Options{Display: "content", Confine: Confine{Dir: dir}})
	var files []string
	for _, f := range s.Files {
		files = append(files, f.Path)
	}
	if !slices.Equal(files, []string{"logo.png"}) {
		t.Errorf("Files = %v, want only logo.png", files)
	}
	if s.ByPath["secret.md"] != nil || len(s.Data) != 0 {
		t.Errorf("a page or data file linked from outside was read: pages %v, data %d", pagesOf(s), len(s.Data))
	}
	var errs []string
	for _, d := range diags.Errors() {
		errs = append(errs, d.File+": "+d.Msg)
	}
	want := []string{
		"content/_data/leak.yaml: symbolic link to " + filepath.Join(outside, "passwd") + ", outside the project folder: it is not published",
		"content/pw.txt: symbolic link to " + filepath.Join(outside, "passwd") + ", outside the project folder: it is not published",
		"content/secret.md: symbolic link to " + filepath.Join(outside, "secret.md") + ", outside the project folder: it is not published",
	}
	if !slices.Equal(errs, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
}
