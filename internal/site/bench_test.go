package site

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"docsgen/internal/content"
	synthetic "docsgen/internal/corpus"
	"docsgen/internal/output"
)

// corpus returns the content folder of the synthetic benchmark corpus of
// the given size (package corpus), written once into the temporary folder
// and reused by later benchmarks and runs.
func corpus(b *testing.B, pages int) string {
	b.Helper()
	dir, err := synthetic.Cached("", synthetic.Options{Pages: pages})
	if err != nil {
		b.Fatal(err)
	}
	return filepath.Join(dir, "content")
}

// BenchmarkLoad times reading and parsing the 1,000-page corpus (front
// matter, tree, order): the content-load stage.
func BenchmarkLoad(b *testing.B) {
	fsys := os.DirFS(corpus(b, 1000))
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := content.Load(fsys, content.Options{}); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}

// BenchmarkBuild1000 times a whole cold build of the 1,000-page corpus into
// memory (no disk cache, so every page is rendered and highlighted).
func BenchmarkBuild1000(b *testing.B) {
	fsys := os.DirFS(corpus(b, 1000))
	b.ReportAllocs()
	for b.Loop() {
		res, err := Build(context.Background(), Options{Content: fsys, Minify: true}, output.NewMemory())
		if err != nil || res.Diags.HasErrors() {
			b.Fatal(err, res.Diags)
		}
	}
}

// BenchmarkBuild1000Warm is the same build with every page's Markdown
// already in the session's cache: layout, minification, search and links.
func BenchmarkBuild1000Warm(b *testing.B) {
	fsys := os.DirFS(corpus(b, 1000))
	s := NewSession(Options{Content: fsys, Minify: true}, SessionOptions{})
	if _, err := s.Build(context.Background(), output.NewMemory()); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Build(context.Background(), output.NewMemory()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteDir times writing the built 1,000-page site to disk
// through the atomic output folder: the writing stage. In "unchanged" the
// folder already holds the same site, so every file is hard-linked from it
// (a warm rebuild); in "fresh" the previous output is removed first, so
// every file is created. It reports the files linked per build.
func BenchmarkWriteDir(b *testing.B) {
	mem := output.NewMemory()
	if _, err := Build(context.Background(), Options{Content: os.DirFS(corpus(b, 1000))}, mem); err != nil {
		b.Fatal(err)
	}
	names := mem.Names()
	for _, fresh := range []bool{false, true} {
		name := "unchanged"
		if fresh {
			name = "fresh"
		}
		b.Run(name, func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "build")
			reused := 0
			b.ReportAllocs()
			for b.Loop() {
				if fresh {
					b.StopTimer()
					os.RemoveAll(out)
					b.StartTimer()
				}
				d, err := output.NewDir(out)
				if err != nil {
					b.Fatal(err)
				}
				for _, n := range names {
					data, _ := mem.Get(n)
					d.WriteFile(n, data)
				}
				if err := d.Commit(); err != nil {
					b.Fatal(err)
				}
				reused, _ = d.Counts()
			}
			b.ReportMetric(float64(reused), "linked/op")
		})
	}
}

// BenchmarkUpdateOnePage10k times what the preview server does after one
// page body edit on the 10,000-page corpus: the page-by-page update of a
// session (render the page, lay it out, copy the site map, links,
// publishing outputs; search is deferred). It reports the heap the session
// holds (heap-MB) after a collection.
func BenchmarkUpdateOnePage10k(b *testing.B) { benchmarkUpdateOnePage(b, 10000) }

// huge turns on the benchmarks of the 100,000-page corpus, which take
// minutes and over a gigabyte of temporary space (set TMPDIR to a tmpfs):
//
//	go test -run '^$' -bench UpdateOnePage100k ./internal/site -args -100k
var huge = flag.Bool("100k", false, "run the benchmarks of the 100,000-page corpus")

// BenchmarkUpdateOnePage100k is BenchmarkUpdateOnePage10k on 100,000 pages
// (issue 16: an edit costs what it changes, not what the site holds). It
// runs only with -100k.
func BenchmarkUpdateOnePage100k(b *testing.B) {
	if !*huge {
		b.Skip("needs -100k")
	}
	benchmarkUpdateOnePage(b, 100000)
}

func benchmarkUpdateOnePage(b *testing.B, pages int) {
	src := corpus(b, pages)
	dir := b.TempDir()
	// Work on a copy: the benchmark edits a page.
	if out, err := exec.Command("cp", "-r", src, dir).CombinedOutput(); err != nil {
		b.Fatalf("%v\n%s", err, out)
	}
	content := filepath.Join(dir, "content")
	s := NewSession(Options{Content: os.DirFS(content), Display: content}, SessionOptions{DeferSlowOutputs: true, CompactMemory: true})
	if _, _, err := s.Update(context.Background(), Changes{}); err != nil {
		b.Fatal(err)
	}
	page := filepath.Join(content, "s05", "p00550.md")
	orig, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		i++
		b.StopTimer()
		os.WriteFile(page, append(append([]byte{}, orig...), []byte("\n\nEdit "+strconv.Itoa(i)+".\n")...), 0o644)
		b.StartTimer()
		if _, _, err := s.Update(context.Background(), Changes{Content: []string{"s05/p00550.md"}}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if s.pageUpdates == 0 {
		b.Fatal("the edits never took the page-by-page path")
	}
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
}
