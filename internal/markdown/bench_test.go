package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func BenchmarkRender(b *testing.B) {
	r := New(Options{Directives: testDirectives()}, nil)
	src := []byte(readBenchPage(b))
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, diags := r.Render(src, Source{File: "bench.md"}); len(diags) > 0 {
			b.Fatal(diags)
		}
	}
}

// BenchmarkRenderNoCode times the Markdown side alone, without chroma.
func BenchmarkRenderNoCode(b *testing.B) {
	r := New(Options{Directives: testDirectives()}, nil)
	src := []byte(strings.ReplaceAll(readBenchPage(b), "```", "xxx"))
	b.ReportAllocs()
	for b.Loop() {
		r.Render(src, Source{File: "bench.md"})
	}
}

// BenchmarkGoldmarkBaseline is plain goldmark with GFM and footnotes on the
// same page without code, the floor BenchmarkRenderNoCode is compared to.
func BenchmarkGoldmarkBaseline(b *testing.B) {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))
	src := []byte(strings.ReplaceAll(readBenchPage(b), "```", "xxx"))
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := md.Convert(src, &buf); err != nil {
			b.Fatal(err)
		}
	}
}
