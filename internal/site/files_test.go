package site

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for p, src := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

func errorTexts(res *Result) []string {
	var out []string
	for _, d := range res.Diags.Errors() {
		out = append(out, d.Error())
	}
	return out
}

func TestFilesBesidePagesArePublished(t *testing.T) {
	mem, res := buildInto(t, Options{Content: mapFS(map[string]string{
		"index.md":                "# Home\n",
		"guide/intro.md":          "# Intro\n\n![d](/guide/img/d.png)\n\n[Spec](/guide/files/spec%20v2.pdf) and [again](/guide/files/spec v2.pdf)\n",
		"guide/img/d.png":         "\x89PNG",
		"guide/files/spec v2.pdf": "%PDF",
		"_data/notes.txt":         "data folder",
		"guide/.draft.png":        "hidden",
		"_drafts/notes.txt":       "published",
		"site.yaml":               "title: T\n",
	})})
	if res.Diags.HasErrors() {
		t.Fatalf("errors: %v", res.Diags)
	}
	for name, want := range map[string]string{"guide/img/d.png": "\x89PNG", "guide/files/spec v2.pdf": "%PDF", "_drafts/notes.txt": "published"} {
		if got, ok := mem.Get(name); !ok || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, ok, want)
		}
	}
	for _, name := range []string{"_data/notes.txt", "guide/.draft.png", "site.yaml"} {
		if _, ok := mem.Get(name); ok {
			t.Errorf("%s was published", name)
		}
	}
}

func TestMissingFileIsAnErrorAtTheLink(t *testing.T) {
	_, res := buildInto(t, Options{Content: mapFS(map[string]string{
		"index.md":        "# Home\n",
		"guide/intro.md":  "---\ntitle: Intro\n---\n\nText.\n\n![d](img/nope.png) and ![e](/guide/img/gone.png)\n",
		"guide/img/d.png": "png",
	})})
	errs := errorTexts(res)
	if len(errs) != 2 || !strings.HasPrefix(errs[0], "content/guide/intro.md:7:1: error: ") || !strings.Contains(errs[0], "img/nope.png") ||
		!strings.HasPrefix(errs[1], "content/guide/intro.md:7:24: error: ") || !strings.Contains(errs[1], "/guide/img/gone.png") {
		t.Errorf("errors:\n%s", strings.Join(errs, "\n"))
	}
}

func TestFilesThatLandOnOneOutputPath(t *testing.T) {
	_, res := buildInto(t, Options{
		Content: mapFS(map[string]string{
			"index.md":               "# Home\n",
			"guide/intro.md":         "# Intro\n",
			"guide/logo.svg":         "content logo",
			"favicon.svg":            "content favicon",
			"guide/intro/index.html": "<p>hand written</p>",
			"robots.txt":             "User-agent: *\n",
			"_redirects":             "/a /b 301\n",
			"search/index.json":      "{}",
		}),
		Static: mapFS(map[string]string{"guide/logo.svg": "static logo"}),
	})
	want := []string{
		"content/_redirects: error: content/_redirects and the _redirects docsgen writes would both be published at /_redirects",
		"content/favicon.svg: error: content/favicon.svg and the built-in theme's favicon.svg would both be published at /favicon.svg",
		"content/guide/intro/index.html: error: content/guide/intro/index.html and the page content/guide/intro.md would both be published at /guide/intro/index.html",
		"content/guide/logo.svg: error: content/guide/logo.svg and static/guide/logo.svg would both be published at /guide/logo.svg",
		"content/robots.txt: error: content/robots.txt and the robots.txt docsgen writes would both be published at /robots.txt",
		"content/search/index.json: error: content/search/index.json and the search index docsgen writes under /search/ would both be published at /search/index.json",
	}
	var got []string
	for _, e := range errorTexts(res) {
		got = append(got, e[:strings.Index(e, "; ")])
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLinksOutOfTheProjectAreNotPublished builds from disk with real
// symbolic links: static/pw.txt and content/pw.txt lead to a file outside
// the project, static/ok.txt to a file of the project.
func TestLinksOutOfTheProjectAreNotPublished(t *testing.T) {
	outside, project := t.TempDir(), t.TempDir()
	content, static := filepath.Join(project, "content"), filepath.Join(project, "static")
	for p, data := range map[string]string{
		filepath.Join(outside, "passwd"):          "root:x:0:0",
		filepath.Join(content, "index.md"):        "# Home\n",
		filepath.Join(project, "notes", "ok.txt"): "fine",
	} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(static, 0o755); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{
		filepath.Join(static, "pw.txt"):  filepath.Join(outside, "passwd"),
		filepath.Join(content, "pw.txt"): filepath.Join(outside, "passwd"),
		filepath.Join(static, "ok.txt"):  "../notes/ok.txt",
	} {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	mem, res := buildInto(t, Options{Content: os.DirFS(content), ContentDir: content, Display: "content",
		Static: os.DirFS(static), StaticDir: static})
	passwd := filepath.Join(outside, "passwd")
	var got []string
	for _, e := range errorTexts(res) {
		got = append(got, strings.TrimPrefix(e, filepath.ToSlash(project)+"/"))
	}
	slices.Sort(got)
	want := []string{
		"content/pw.txt: error: symbolic link to " + passwd + ", outside the project folder: it is not published; copy the file into the project instead of linking to it, or remove the link",
		"static/pw.txt: error: symbolic link to " + passwd + ", outside the project folder: it is not published; copy the file into the project instead of linking to it, or remove the link",
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, name := range mem.Names() {
		if data, _ := mem.Get(name); strings.Contains(string(data), "root:x") {
			t.Errorf("%s holds the linked file", name)
		}
	}
	if data, ok := mem.Get("ok.txt"); !ok || string(data) != "fine" {
		t.Errorf("ok.txt (a link inside the project) = %q, %v", data, ok)
	}
}

func TestTreeWithoutHomePage(t *testing.T) {
	mem, res := buildInto(t, Options{Content: mapFS(map[string]string{
		"guide/_index.md": "---\ntitle: Guide\ndescription: How to start.\n---\n",
		"guide/setup.md":  "# Setup\n\nBack [home](/).\n",
		"api/02-keys.md":  "# Keys\n",
		"api/01-auth.md":  "# Auth & tokens\n",
		"faq.md":          "# FAQ & help\n",
		"site.yaml":       "title: Tree docs\n",
	})})
	if res.Diags.HasErrors() {
		t.Fatalf("errors: %v", res.Diags)
	}
	warned := false
	for _, d := range res.Diags.Warnings() {
		warned = warned || (d.File == "content" && strings.Contains(d.Msg, "no home page"))
	}
	if !warned {
		t.Errorf("no warning about the missing home page: %v", res.Diags)
	}
	home := page(t, mem, "index.html")
	idx := home[strings.Index(home, `data-testid="home-index"`):]
	idx = idx[:strings.Index(idx, "</ul>")]
	for _, want := range []string{`<a href="/api/01-auth/">Api</a>`, `<a href="/faq/">FAQ &amp; help</a>`, `<a href="/guide/">Guide</a>: How to start.`} {
		if !strings.Contains(idx, want) {
			t.Errorf("home index lacks %s:\n%s", want, idx)
		}
	}
	if a, f, g := strings.Index(idx, "/api/"), strings.Index(idx, "/faq/"), strings.Index(idx, "/guide/"); !(a < f && f < g) {
		t.Errorf("home index not in sidebar (file name) order:\n%s", idx)
	}
}

func TestSessionPicksUpFilesBesidePages(t *testing.T) {
	fsys := mapFS(map[string]string{"index.md": "# Home\n\n![chart](/img/chart.png)\n"})
	sess := NewSession(Options{Content: fsys}, SessionOptions{})
	ctx := context.Background()
	res, _, err := sess.Update(ctx, Changes{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Diags.HasErrors() {
		t.Fatal("a link to a missing image built without error")
	}
	fsys["img/chart.png"] = &fstest.MapFile{Data: []byte("v1")}
	res, mem, err := sess.Update(ctx, Changes{Content: []string{"img/chart.png"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := mem.Get("img/chart.png"); !ok || string(got) != "v1" || res.Diags.HasErrors() {
		t.Fatalf("after adding: %q, %v, %v", got, ok, res.Diags)
	}
	fsys["img/chart.png"] = &fstest.MapFile{Data: []byte("v2")}
	if _, mem, err = sess.Update(ctx, Changes{Content: []string{"img/chart.png"}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := mem.Get("img/chart.png"); string(got) != "v2" {
		t.Fatalf("after editing: %q", got)
	}
	delete(fsys, "img/chart.png")
	res, mem, err = sess.Update(ctx, Changes{Content: []string{"img/chart.png"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := mem.Get("img/chart.png"); ok || !res.Diags.HasErrors() {
		t.Fatalf("after removing: still served %v, errors %v", ok, res.Diags.Errors())
	}
}
