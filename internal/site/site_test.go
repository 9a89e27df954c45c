package site

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"docsgen/internal/output"
)

var update = flag.Bool("update", false, "rewrite golden files")

// buildTxtar builds the site written in testdata/name.txtar into memory.
func buildTxtar(t *testing.T, name string, opts Options) (*output.Memory, *Result) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	opts.Content = fsys
	return buildInto(t, opts)
}

// buildInto builds the site opts describes into memory.
func buildInto(t *testing.T, opts Options) (*output.Memory, *Result) {
	t.Helper()
	mem := output.NewMemory()
	res, err := Build(context.Background(), opts, mem)
	if err != nil {
		t.Fatal(err)
	}
	return mem, res
}

func page(t *testing.T, mem *output.Memory, name string) string {
	t.Helper()
	b, ok := mem.Get(name)
	if !ok {
		t.Fatalf("no file %s; have %v", name, mem.Names())
	}
	return string(b)
}

func TestBuildBasicSite(t *testing.T) {
	mem, res := buildTxtar(t, "basic", Options{})
	if res.Diags.HasErrors() {
		t.Fatalf("diagnostics: %v", res.Diags)
	}
	if res.Pages != 5 {
		t.Errorf("pages = %d, want 5", res.Pages)
	}
	errorsPage := page(t, mem, "reference/errors/index.html")
	for _, want := range []string{
		`<title>Error Codes · Test Docs</title>`,
		`aria-current="page"`,
		`href="/reference/rate-limits/"`, // sidebar and prev link
		`rel="prev"`,
		`id="timeout"`,
		`class="callout callout-warning"`,
		`class="code-title">retry.py<`,
		`class="line hl"`,
		`role="tablist"`,
		`datetime="2026-11-01"`,
		`<a href="#timeout"`, // TOC entry
	} {
		if !strings.Contains(errorsPage, want) {
			t.Errorf("errors page lacks %q", want)
		}
	}
	if strings.Contains(errorsPage, "style=") {
		t.Error("inline style attribute in output")
	}
	// The current link is the errors page, and only it.
	cur := regexp.MustCompile(`<a[^>]*aria-current="page"[^>]*>`).FindAllString(errorsPage, -1)
	if len(cur) != 1 || !strings.Contains(cur[0], `/reference/errors/`) {
		t.Errorf("aria-current links: %v", cur)
	}
	// Prev/next follow the reading order across sections: guides, reference, ...
	home := page(t, mem, "index.html")
	if !strings.Contains(home, `rel="next"`) || !strings.Contains(home, `/guides/`) {
		t.Error("home page has no next link to /guides/")
	}
	guides := page(t, mem, "guides/index.html")
	if strings.Contains(guides, `On this page`) {
		t.Error("toc: false still renders a table of contents")
	}
	src := page(t, mem, "reference/errors/index.md")
	head, body, _ := strings.Cut(src, "\n\n")
	if head != "> Markdown source of /reference/errors/; every page of this site is listed in /llms.txt" {
		t.Errorf("markdown page does not start with a header naming its URL and llms.txt: %q", head)
	}
	if !strings.HasPrefix(body, "---\ntitle: Error Codes") {
		t.Errorf("markdown source not published beside the page: %q", body[:min(len(body), 20)])
	}
	if _, ok := mem.Get("404.html"); !ok {
		t.Error("no 404.html")
	}
	var css, js int
	for _, n := range mem.Names() {
		if regexp.MustCompile(`^assets/style\.[0-9a-f]{10}\.css$`).MatchString(n) {
			css++
		}
		if regexp.MustCompile(`^assets/app\.[0-9a-f]{10}\.js$`).MatchString(n) {
			js++
		}
	}
	if css != 1 || js != 1 {
		t.Errorf("fingerprinted assets: %d css, %d js in %v", css, js, mem.Names())
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	a, _ := buildTxtar(t, "basic", Options{Minify: true})
	b, _ := buildTxtar(t, "basic", Options{Minify: true, Workers: 1})
	if strings.Join(a.Names(), ",") != strings.Join(b.Names(), ",") {
		t.Fatal("file lists differ")
	}
	for _, n := range a.Names() {
		x, _ := a.Get(n)
		y, _ := b.Get(n)
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between builds", n)
		}
	}
}

func TestBrokenLinksAreErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"index.md": {Data: []byte("---\ntitle: Home\n---\nSee [x](/nowhere/) and [y](#her).\n\n## Here\n")},
	}
	res, err := Build(context.Background(), Options{Content: fsys}, output.NewMemory())
	if err != nil {
		t.Fatal(err)
	}
	got := res.Diags.Errors()
	if len(got) != 2 {
		t.Fatalf("want 2 errors, got %v", got)
	}
	if got[0].Line != 4 || got[1].Line != 4 || !strings.Contains(got[1].Hint, "#here") {
		t.Errorf("positions or hints wrong: %v", got)
	}
}

func TestGoldenPage(t *testing.T) {
	mem, _ := buildTxtar(t, "basic", Options{})
	got := normalise(page(t, mem, "reference/errors/index.html"))
	golden := filepath.Join("testdata", "golden", "errors.html")
	if *update {
		os.MkdirAll(filepath.Dir(golden), 0o755)
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("page differs from %s; run go test ./internal/site -update and review the diff", golden)
	}
}

// normalise blanks out asset hashes so theme edits do not churn the golden file.
func normalise(s string) string {
	return regexp.MustCompile(`\.[0-9a-f]{10}\.(css|js)`).ReplaceAllString(s, ".HASH.$1")
}

func TestPublishingOutputsGolden(t *testing.T) {
	mem, res := buildTxtar(t, "basic", Options{BaseURL: "https://docs.example.com/"})
	if res.Diags.HasErrors() {
		t.Fatal(res.Diags)
	}
	for _, name := range []string{"sitemap.xml", "robots.txt", "llms.txt", "llms-full.txt", "_redirects"} {
		t.Run(name, func(t *testing.T) {
			got := page(t, mem, name)
			golden := filepath.Join("testdata", "golden", name)
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s:\n%s", name, golden, got)
			}
		})
	}
	if page(t, mem, ".well-known/llms.txt") != page(t, mem, "llms.txt") {
		t.Error("/.well-known/llms.txt differs from /llms.txt")
	}
	canonical := page(t, mem, "reference/errors/index.html")
	if !strings.Contains(canonical, `<link rel="canonical" href="https://docs.example.com/reference/errors/">`) {
		t.Error("no absolute canonical link")
	}
}

func TestAliasConflicts(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md": {Data: []byte("---\ntitle: A\naliases: [/b/, /old/]\n---\n")},
		"b.md": {Data: []byte("---\ntitle: B\n---\n")},
		"c.md": {Data: []byte("---\ntitle: C\naliases: [/old/]\n---\n")},
	}
	res, err := Build(context.Background(), Options{Content: fsys}, output.NewMemory())
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, d := range res.Diags.Errors() {
		msgs = append(msgs, d.Error())
	}
	joined := strings.Join(msgs, "\n")
	for _, want := range []string{
		"content/a.md:3:1: error: alias /b/ is the URL of the page content/b.md",
		"content/c.md:3:1: error: alias /old/ is also claimed by content/a.md",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("missing %q in:\n%s", want, joined)
		}
	}
}

// Links that components make from data (the refund policy links to error
// entries) are checked too: on a page without the entries they are broken.
func TestDataLinksAreChecked(t *testing.T) {
	fsys := fstest.MapFS{"index.md": {Data: []byte("---\ntitle: Home\n---\n::refund-policy\n")}}
	for name, f := range docsContent(t) {
		if strings.HasPrefix(name, "_data/") {
			fsys[name] = f
		}
	}
	res, err := Build(context.Background(), Options{Content: fsys}, output.NewMemory())
	if err != nil {
		t.Fatal(err)
	}
	errs := res.Diags.Errors()
	if len(errs) == 0 || errs[0].File != "content/index.md" || errs[0].Line != 4 || !strings.Contains(errs[0].Msg, "has no anchor #") {
		t.Fatalf("want broken data links at content/index.md:4, got %v", errs)
	}
}
