package site

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"docsgen/internal/output"
)

// BenchmarkFloor1000 is the floor the performance issue measures docsgen
// against: goldmark and chroma alone, in two workers, each page's HTML
// written to memory, with no layout, no link checks, no search, no
// minification. Run it beside BenchmarkBuild1000 for the ratio of a whole
// docsgen build to the floor:
//
//	go test -run '^$' -bench 'Build1000$|Floor1000$' ./internal/site
func BenchmarkFloor1000(b *testing.B) {
	root := corpus(b, 1000)
	b.ReportAllocs()
	for b.Loop() {
		mem := output.NewMemory()
		floorBuild(b, root, mem.WriteFile)
	}
}

// floorContent points BenchmarkFloor10000ToDisk at another content
// folder, such as a tree docsgen did not generate, to time the floor on
// the same Markdown as a build of it.
var floorContent = flag.String("floor-content", "", "content folder for BenchmarkFloor10000ToDisk instead of the 10,000-page corpus")

// BenchmarkFloor10000ToDisk is the same floor on the 10,000-page corpus
// (or -floor-content), writing index.html files to a fresh folder as a
// real build would, to time beside Hugo on the same machine (one
// iteration is a whole build):
//
//	go test -run '^$' -bench 'Floor10000ToDisk' -benchtime 1x ./internal/site [-args -floor-content DIR]
func BenchmarkFloor10000ToDisk(b *testing.B) {
	root := *floorContent
	if root == "" {
		root = corpus(b, 10000)
	}
	for b.Loop() {
		out := b.TempDir()
		floorBuild(b, root, func(name string, data []byte) error {
			name = filepath.Join(out, name)
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				return err
			}
			return os.WriteFile(name, data, 0o644)
		})
	}
}

// floorBuild renders every page under root with plain goldmark and chroma
// in two workers and hands each page's HTML to write.
func floorBuild(b *testing.B, root string, write func(name string, data []byte) error) {
	var files []string
	fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote),
				goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(floorCode{chtml.New(chtml.WithClasses(true))}, 100))))
			var buf bytes.Buffer
			for p := range jobs {
				src, err := os.ReadFile(filepath.Join(root, p))
				if err != nil {
					b.Error(err)
					continue
				}
				buf.Reset()
				if err := md.Convert(src, &buf); err != nil {
					b.Error(err)
				}
				if err := write(strings.TrimSuffix(p, ".md")+"/index.html", bytes.Clone(buf.Bytes())); err != nil {
					b.Error(err)
				}
			}
		})
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
}

// floorCode highlights fenced code blocks with chroma, nothing more.
type floorCode struct{ f *chtml.Formatter }

func (c floorCode) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		fb := n.(*ast.FencedCodeBlock)
		var code strings.Builder
		for i := 0; i < fb.Lines().Len(); i++ {
			l := fb.Lines().At(i)
			code.Write(l.Value(src))
		}
		lx := lexers.Get(string(fb.Language(src)))
		if lx == nil {
			lx = lexers.Fallback
		}
		it, err := chroma.Coalesce(lx).Tokenise(nil, code.String())
		if err != nil {
			return ast.WalkStop, err
		}
		return ast.WalkSkipChildren, c.f.Format(w, styles.Get("github"), it)
	})
}
