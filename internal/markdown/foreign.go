package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file warns about template syntax of other tools, which docsgen
// shows as the text it is:
//
//	{{< figure src="a.png" >}}   Hugo shortcode
//	{{% notice note %}}           Hugo shortcode
//	{{#include ../listing.rs}}   mdBook preprocessor
//	{% include "x.md" %}          Jekyll, mkdocs-macros, Markdoc
//	--8<-- "snippet.md"           MkDocs (pymdownx.snippets)
//	import Tabs from '@theme/Tabs';   MDX (Docusaurus, Starlight)
//
// The first on each line of a paragraph or heading gets a warning at its
// position, so an author moving pages over finds every place that needs
// rewriting. Code spans and code blocks are not looked at, but for a
// line of a code block that is an mdBook include ({{#include file}}),
// which mdBook would replace with the file's lines.

var (
	_ goldmark.Extender     = (*foreignSyntax)(nil)
	_ parser.ASTTransformer = (*foreignSyntax)(nil)
)

// foreignSyntax is the extender and transformer for the warnings.
type foreignSyntax struct {
	key parser.ContextKey
}

func (e *foreignSyntax) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, prioForeign)))
}

// foreignMarks are the openings warned about, with what they are.
var foreignMarks = []struct {
	open, what, hint string
}{
	{"{{<", "Hugo shortcode", "docsgen has no shortcodes: use a callout, a directive or plain Markdown"},
	{"{{%", "Hugo shortcode", "docsgen has no shortcodes: use a callout, a directive or plain Markdown"},
	{"{{#", "mdBook preprocessor directive", "docsgen has no preprocessors: paste the content or link to it"},
	{"{%", "template tag", "docsgen does not run Liquid, Jinja or Markdoc tags: write the content out"},
	{"--8<--", "MkDocs snippet", "docsgen does not include snippets: paste the content or link to it"},
}

func (e *foreignSyntax) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	d := docOf(pc, e.key)
	src := reader.Source()
	if d == nil || !bytes.Contains(src, []byte("{{")) && !bytes.Contains(src, []byte("{%")) && !bytes.Contains(src, []byte("--8<--")) &&
		!bytes.Contains(src, []byte("import ")) && !bytes.Contains(src, []byte("export ")) {
		return
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *codeBlock, *ast.CodeBlock, *ast.FencedCodeBlock:
			mdBookIncludes(d, n, src)
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph:
			mdxLine(d, n, src)
			templateTags(d, n, src)
			return ast.WalkSkipChildren, nil
		case *ast.Heading:
			templateTags(d, n, src)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// templateTags warns about the first foreign mark on each line of block
// b that is not inside a code span. (goldmark splits text at "<" and
// "{", so the lines are read, not the text nodes.)
func templateTags(d *document, b ast.Node, src []byte) {
	var code [][2]int
	_ = ast.Walk(b, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if cs, ok := n.(*ast.CodeSpan); ok && entering {
			for c := cs.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					code = append(code, [2]int{t.Segment.Start, t.Segment.Stop})
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	inCode := func(off int) bool {
		for _, r := range code {
			if off >= r[0] && off < r[1] {
				return true
			}
		}
		return false
	}
	lines := b.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		line := seg.Value(src)
		for _, m := range foreignMarks {
			j := bytes.Index(line, []byte(m.open))
			if j >= 0 && !inCode(seg.Start+j) {
				d.warnf(seg.Start+j, m.hint, "%s %q is shown as text", m.what, excerpt(line[j:]))
				break
			}
		}
	}
}

// mdBookIncludes warns about the lines of code block b that are an
// mdBook include ({{#include file}}, {{#rustdoc_include file}},
// {{#playground file}}): mdBook replaces them with the file's lines, which
// is where authors write them; docsgen shows the line.
func mdBookIncludes(d *document, b ast.Node, src []byte) {
	lines := b.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		line := seg.Value(src)
		t := bytes.TrimLeft(line, " \t")
		for _, name := range []string{"{{#include ", "{{#rustdoc_include ", "{{#playground "} {
			if bytes.HasPrefix(t, []byte(name)) && bytes.Contains(t, []byte("}}")) {
				d.warnf(seg.Start+len(line)-len(t), "docsgen has no preprocessors: paste the file's lines into the block",
					"mdBook include %q in a code block is shown as text", excerpt(t))
				break
			}
		}
	}
}

// mdxLine warns about an MDX import or export statement opening a
// paragraph.
func mdxLine(d *document, p *ast.Paragraph, src []byte) {
	if p.Lines().Len() == 0 {
		return
	}
	seg := p.Lines().At(0)
	line := seg.Value(src)
	if (bytes.HasPrefix(line, []byte("import ")) && bytes.Contains(line, []byte(" from "))) ||
		bytes.HasPrefix(line, []byte("export const ")) || bytes.HasPrefix(line, []byte("export default ")) {
		d.warnf(seg.Start, "docsgen reads Markdown, not MDX: remove the statement and the components it brings in", "MDX statement %q is shown as text", excerpt(line))
	}
}

// excerpt returns the start of s, up to its first line end, at most 40
// bytes.
func excerpt(s []byte) string {
	if i := bytes.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	s = bytes.TrimSpace(s)
	if len(s) > 40 {
		return string(s[:40]) + "..."
	}
	return string(s)
}
