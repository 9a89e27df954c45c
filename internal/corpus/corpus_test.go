package corpus_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"docsgen/internal/corpus"
	"docsgen/internal/output"
	"docsgen/internal/site"
)

// digest hashes every path and file of a corpus, in order.
func digest(t *testing.T, o corpus.Options) (string, int) {
	t.Helper()
	h := sha256.New()
	n := 0
	err := corpus.Generate(o, func(path string, data []byte) error {
		n++
		h.Write([]byte(path + "\x00"))
		h.Write(data)
		h.Write([]byte{0})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], n
}

// TestPinned pins the bytes of a small corpus. When it fails you changed
// what the generator writes: change corpus.Version too (so cached corpora
// of the old shape are not reused), then paste the new digest here.
func TestPinned(t *testing.T) {
	const want, wantVersion = "31831be5a9385627", "2"
	got, files := digest(t, corpus.Options{Pages: 250})
	if files != 254 {
		t.Errorf("250 pages made %d files, want 250 pages, 3 section pages and the home page", files)
	}
	if got != want || corpus.Version != wantVersion {
		t.Errorf("digest %s with Version %q, want %s with Version %q: the generated corpus changed; bump corpus.Version and update both here", got, corpus.Version, want, wantVersion)
	}
}

func TestDeterministic(t *testing.T) {
	tests := []struct {
		name string
		a, b corpus.Options
		same bool
	}{
		{"same options", corpus.Options{Pages: 120}, corpus.Options{Pages: 120}, true},
		{"defaults spelled out", corpus.Options{Pages: 120}, corpus.Options{Pages: 120, PerSection: 100, Seed: 1}, true},
		{"another seed", corpus.Options{Pages: 120}, corpus.Options{Pages: 120, Seed: 2}, false},
		{"smaller sections", corpus.Options{Pages: 120}, corpus.Options{Pages: 120, PerSection: 30}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _ := digest(t, tt.a)
			b, _ := digest(t, tt.b)
			if (a == b) != tt.same {
				t.Errorf("digests %s and %s: same = %v, want %v", a, b, a == b, tt.same)
			}
		})
	}
}

var (
	fenceRE = regexp.MustCompile("(?s)```([a-z]+)\n(.*?)\n```")
	linkRE  = regexp.MustCompile(`\]\((/s\d+/p\d+/)\)`)
)

// TestShape checks, over a 10,000-page corpus, what the benchmarks rely
// on: the file layout, every code block different from every other, five
// languages, and every link pointing at a page of the corpus.
func TestShape(t *testing.T) {
	o := corpus.Options{Pages: 10000}
	pages := map[string]bool{}
	var links []string
	blocks := map[string]string{}
	langs := map[string]int{}
	err := corpus.Generate(o, func(path string, data []byte) error {
		if (!strings.HasPrefix(path, "content/s") || !strings.HasSuffix(path, ".md")) && path != "content/index.md" {
			t.Errorf("unexpected file %s", path)
		}
		if !bytes.HasPrefix(data, []byte("---\ntitle: ")) {
			t.Errorf("%s does not open with front matter", path)
		}
		if strings.HasSuffix(path, "/_index.md") || path == "content/index.md" {
			return nil
		}
		pages["/"+strings.TrimSuffix(strings.TrimPrefix(path, "content/"), ".md")+"/"] = true
		for _, m := range linkRE.FindAllSubmatch(data, -1) {
			links = append(links, string(m[1]))
		}
		for _, m := range fenceRE.FindAllSubmatch(data, -1) {
			langs[string(m[1])]++
			if prev, dup := blocks[string(m[2])]; dup {
				t.Errorf("%s repeats a code block of %s:\n%s", path, prev, m[2])
			}
			blocks[string(m[2])] = path
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != o.Pages || o.Sections() != 100 {
		t.Errorf("%d pages in %d sections, want %d in 100", len(pages), o.Sections(), o.Pages)
	}
	if len(blocks) != 2*o.Pages {
		t.Errorf("%d distinct code blocks, want two per page (%d)", len(blocks), 2*o.Pages)
	}
	if len(langs) != 5 {
		t.Errorf("code blocks in %v, want five languages", langs)
	}
	if len(links) != 4*o.Pages {
		t.Errorf("%d links, want four per page", len(links))
	}
	for _, l := range links {
		if !pages[l] {
			t.Errorf("link to %s, which is not a page of the corpus", l)
			break
		}
	}
	t.Logf("languages: %v", langs)
}

// TestBuilds builds a corpus with docsgen: every page renders, with no
// diagnostic (no broken link, no bad front matter).
func TestBuilds(t *testing.T) {
	root, err := corpus.FS(corpus.Options{Pages: 150, PerSection: 40})
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := fs.Sub(root, "content")
	if err != nil {
		t.Fatal(err)
	}
	mem := output.NewMemory()
	res, err := site.Build(context.Background(), site.Options{Content: fsys}, mem)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diags) > 0 {
		t.Errorf("the corpus builds with %d diagnostics, the first: %v", len(res.Diags), res.Diags[0])
	}
	if res.Pages < 150+4 {
		t.Errorf("built %d pages, want the 150 pages, 4 section pages and the home page", res.Pages)
	}
	html, ok := mem.Get("s03/p00149/index.html")
	if !ok {
		t.Fatalf("no s03/p00149/index.html among %d outputs", len(mem.Names()))
	}
	if !bytes.Contains(bytes.ToLower(html), []byte("p149_b1")) {
		t.Error("the last page's code blocks are missing from its HTML")
	}
}

func TestCached(t *testing.T) {
	cache := t.TempDir()
	o := corpus.Options{Pages: 30}
	dir, err := corpus.Cached(cache, o)
	if err != nil {
		t.Fatal(err)
	}
	var files int
	fs.WalkDir(os.DirFS(dir), "content", func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files++
		}
		return err
	})
	if files != 32 {
		t.Errorf("the cached corpus holds %d files, want 32", files)
	}
	// A second call reuses the folder: a file changed in it stays changed.
	marker := filepath.Join(dir, "content", "s00", "p00000.md")
	if err := os.WriteFile(marker, []byte("reused"), 0o644); err != nil {
		t.Fatal(err)
	}
	again, err := corpus.Cached(cache, o)
	if err != nil || again != dir {
		t.Fatalf("second call: %s, %v; want %s", again, err, dir)
	}
	if b, _ := os.ReadFile(marker); string(b) != "reused" {
		t.Error("the second call wrote the corpus again")
	}
	// Other options get another folder, and nothing is left half-written.
	other, err := corpus.Cached(cache, corpus.Options{Pages: 31})
	if err != nil || other == dir {
		t.Fatalf("other options: %s, %v", other, err)
	}
	entries, _ := os.ReadDir(cache)
	if len(entries) != 2 {
		t.Errorf("the cache folder holds %d entries, want the two corpora", len(entries))
	}
}
