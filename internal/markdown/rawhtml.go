package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file decides what happens to raw HTML in Markdown, both HTML blocks
// and inline tags. By default (Options.AllowRawHTML false) it is left out
// of the page entirely and each piece gets a warning at its position; with
// AllowRawHTML it is passed through as written.

var (
	_ goldmark.Extender     = (*rawHTML)(nil)
	_ parser.ASTTransformer = (*rawHTMLChecker)(nil)
	_ renderer.NodeRenderer = (*rawHTMLRenderer)(nil)
)

// rawHTML is the extender for raw HTML.
type rawHTML struct {
	key   parser.ContextKey
	allow bool
}

func (e *rawHTML) Extend(m goldmark.Markdown) {
	if !e.allow {
		m.Parser().AddOptions(parser.WithASTTransformers(
			util.Prioritized(&rawHTMLChecker{key: e.key}, prioRawHTML),
		))
	}
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(&rawHTMLRenderer{allow: e.allow}, 100),
	))
}

const rawHTMLHint = "raw HTML is left out of pages; set rawHTML: true in site.yaml, in the content folder, to allow it"

// rawHTMLChecker warns about every piece of raw HTML.
type rawHTMLChecker struct {
	key parser.ContextKey
}

func (t *rawHTMLChecker) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	d := docOf(pc, t.key)
	if d == nil {
		return
	}
	for _, n := range d.index(doc).raw {
		switch n := n.(type) {
		case *ast.HTMLBlock:
			off := 0
			if n.Lines().Len() > 0 {
				off = n.Lines().At(0).Start
			}
			d.warnf(off, rawHTMLHint, "raw HTML block omitted")
		case *ast.RawHTML:
			if n.Segments.Len() == 0 {
				break
			}
			seg := n.Segments.At(0)
			d.warnf(seg.Start, rawHTMLHint, "raw HTML %s omitted", tagName(seg.Value(reader.Source())))
		}
	}
}

// tagName returns a short form of an inline tag for messages.
func tagName(tag []byte) string {
	end := 0
	for end < len(tag) && end < 40 && tag[end] != ' ' && tag[end] != '>' && tag[end] != '\n' {
		end++
	}
	s := string(tag[:end])
	if end < len(tag) && tag[end] == '>' {
		s += ">"
	} else if s != "" {
		s += "...>"
	}
	return "`" + s + "`"
}

// rawHTMLRenderer writes raw HTML as is, or nothing.
type rawHTMLRenderer struct {
	allow bool
}

func (r *rawHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, r.block)
	reg.Register(ast.KindRawHTML, r.inline)
}

func (r *rawHTMLRenderer) block(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !r.allow || !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.HTMLBlock)
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		_, _ = w.Write(seg.Value(src))
	}
	if n.HasClosure() {
		seg := n.ClosureLine
		_, _ = w.Write(seg.Value(src))
	}
	return ast.WalkSkipChildren, nil
}

func (r *rawHTMLRenderer) inline(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !r.allow || !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		_, _ = w.Write(seg.Value(src))
	}
	return ast.WalkSkipChildren, nil
}
