package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"docsgen/internal/highlight"
)

// This file renders fenced code blocks through the Highlighter:
//
//	```python title="handle_errors.py" {2,4-6} linenos
//
// fenceinfo.go reads the info string: the language, then options such as
// title="..." (shown in the block's header), {ranges} (1-based lines to
// highlight) and linenos (line numbers); an option it does not know is a
// warning. A fence that is never closed is a warning at its opening line.

// kindCodeBlock is the NodeKind of codeBlock.
var kindCodeBlock = ast.NewNodeKind("codeBlock")

// codeBlock is a fenced code block with its info string parsed.
type codeBlock struct {
	ast.BaseBlock
	// Lang is the language as written; empty for none.
	Lang string
	// Title is the title="..." value.
	Title string
	// Block holds the highlighted lines and the line-numbers switch.
	Block highlight.Block
	// Info is the language's display name and whether it is known.
	Info highlight.Info
	// Off is the byte offset of the opening fence.
	Off int
	// NoSearch is search=false: the code is left out of search.
	NoSearch bool
}

// Kind implements ast.Node.
func (n *codeBlock) Kind() ast.NodeKind { return kindCodeBlock }

// IsRaw implements ast.Node: the content is code, not Markdown.
func (n *codeBlock) IsRaw() bool { return true }

// Offset is where the opening fence starts.
func (n *codeBlock) Offset() int { return n.Off }

// Dump implements ast.Node.
func (n *codeBlock) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Lang": n.Lang, "Title": n.Title}, nil)
}

var (
	_ goldmark.Extender     = (*codeBlocks)(nil)
	_ parser.BlockParser    = (*fenceParser)(nil)
	_ parser.ASTTransformer = (*codeBlockTransformer)(nil)
	_ renderer.NodeRenderer = (*codeBlockRenderer)(nil)
)

// codeBlocks is the extender for code blocks. The fence parser itself is
// installed by New, in place of goldmark's.
type codeBlocks struct {
	key parser.ContextKey
	hl  *highlight.Highlighter
}

func (e *codeBlocks) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(&codeBlockTransformer{key: e.key, hl: e.hl}, prioCodeBlocks),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(&codeBlockRenderer{hl: e.hl}, 100),
	))
}

// fenceParser is goldmark's fenced code block parser, noting where each
// fence opens and which fences are closed by a fence of their own.
type fenceParser struct {
	key parser.ContextKey
}

func (p *fenceParser) inner() parser.BlockParser { return parser.NewFencedCodeBlockParser() }

func (p *fenceParser) Trigger() []byte { return p.inner().Trigger() }

func (p *fenceParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	_, seg := reader.PeekLine()
	off := seg.Start + max(pc.BlockOffset(), 0) - seg.Padding
	n, st := p.inner().Open(parent, reader, pc)
	if n != nil {
		if d := docOf(pc, p.key); d != nil {
			d.fenceStart[n] = max(off, 0)
		}
	}
	return n, st
}

func (p *fenceParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	st := p.inner().Continue(node, reader, pc)
	if st&parser.Close != 0 {
		if d := docOf(pc, p.key); d != nil {
			d.closedFences[node] = 1
		}
	}
	return st
}

func (p *fenceParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.inner().Close(node, reader, pc)
}

func (p *fenceParser) CanInterruptParagraph() bool { return true }

func (p *fenceParser) CanAcceptIndentedLine() bool { return false }

// codeBlockTransformer replaces fenced code blocks with CodeBlocks.
type codeBlockTransformer struct {
	key parser.ContextKey
	hl  *highlight.Highlighter
}

func (t *codeBlockTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	d := docOf(pc, t.key)
	if d == nil {
		return
	}
	src := reader.Source()
	for _, f := range d.index(doc).fences {
		off := d.fenceStart[f]
		if _, ok := d.closedFences[f]; !ok {
			fence := "```"
			if c, k := fenceRun(src[off:]); k >= 3 {
				fence = strings.Repeat(string(c), k)
			}
			d.warnf(off, "add a line "+fence+" after the code", "code fence is never closed: the code block runs to the end of its container or of the page")
		}
		cb := &codeBlock{Off: off}
		if f.Info != nil {
			seg := f.Info.Segment
			parseInfo(d, cb, string(seg.Value(src)), seg.Start)
		}
		cb.Info = t.hl.Lookup(cb.Lang)
		cb.SetLines(f.Lines())
		checkRanges(d, cb)
		f.Parent().ReplaceChild(f.Parent(), f, cb)
	}
}

// parseInfo reads a fence's info string into cb; off is the info string's
// byte offset, for positions. Problems are warnings: the block renders.
func parseInfo(d *document, cb *codeBlock, info string, off int) {
	fi, probs := parseFenceInfo(info)
	for _, p := range probs {
		d.warnf(off+p.Off, p.Hint, "%s", p.Msg)
	}
	cb.Lang, cb.Title = fi.Lang, fi.Title
	cb.Block.Lines = fi.Lines
	cb.Block.LineNumbers = fi.LineNumbers
	cb.Block.FirstLine = fi.FirstLine
	cb.NoSearch = fi.NoSearch
}

// checkRanges warns about highlighted lines past the end of the block.
func checkRanges(d *document, cb *codeBlock) {
	n := cb.Lines().Len()
	for _, r := range cb.Block.Lines {
		if r[0] > n {
			d.warnf(cb.Off, "line ranges count from 1 at the first line of code", "highlighted line %d is past the end of the block (%d lines)", r[0], n)
			return
		}
	}
}

// codeBlockRenderer writes code blocks as the HTML contract says.
type codeBlockRenderer struct {
	hl *highlight.Highlighter
}

func (r *codeBlockRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindCodeBlock, r.render)
}

func (r *codeBlockRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*codeBlock)
	lang := n.Lang
	if lang == "" {
		lang = "text"
	}
	_, _ = w.WriteString(`<figure class="code" data-lang="`)
	_, _ = w.Write(util.EscapeHTML([]byte(lang)))
	_, _ = w.WriteString("\">\n<figcaption class=\"code-header\">")
	if n.Title != "" {
		_, _ = w.WriteString(`<span class="code-title">`)
		_, _ = w.Write(util.EscapeHTML([]byte(n.Title)))
		_, _ = w.WriteString(`</span>`)
	}
	_, _ = w.WriteString(`<span class="code-lang">`)
	_, _ = w.Write(util.EscapeHTML([]byte(n.Info.Lang)))
	_, _ = w.WriteString("</span><button type=\"button\" class=\"code-copy\" aria-label=\"Copy code\">Copy</button></figcaption>\n")
	var code strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		code.Write(seg.Value(src))
	}
	if _, err := r.hl.Highlight(w, code.String(), n.Lang, n.Block); err != nil {
		return ast.WalkStop, err
	}
	_, _ = w.WriteString("\n</figure>\n")
	return ast.WalkSkipChildren, nil
}

// quoted reads a double-quoted string with \" and \\ escapes from the
// start of s. It returns the value and the bytes read; on failure, err
// says what is wrong and n is the offset of the problem (0, the opening
// quote, for a quote never closed).
func quoted(s string) (v string, n int, err string) {
	if s == "" || s[0] != '"' {
		return "", 0, "expected a double quote"
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			return b.String(), i + 1, ""
		case '\\':
			if i+1 >= len(s) {
				return "", 0, "unclosed quote"
			}
			if s[i+1] != '"' && s[i+1] != '\\' {
				return "", i, "unknown escape " + strconv.Quote(s[i:i+2])
			}
			b.WriteByte(s[i+1])
			i++
		case '\n', '\r':
			return "", 0, "unclosed quote"
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, "unclosed quote"
}
