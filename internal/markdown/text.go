package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// plainText returns the text a reader sees in n's inline content: code
// spans and link texts included, raw HTML left out, soft line breaks as
// spaces.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	writeText(&b, n, src)
	return strings.TrimSpace(b.String())
}

func writeText(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.RawHTML, *east.FootnoteLink:
			// Not part of the text.
		default:
			writeText(b, c, src)
		}
	}
}

// nodeOffset returns the byte offset where block or inline n starts, as
// near as the AST tells: its first line or text segment, else its first
// child's; 0 when nothing is known.
func nodeOffset(n ast.Node, src []byte) int {
	for ; n != nil; n = n.FirstChild() {
		if n.Type() == ast.TypeBlock {
			if l := n.Lines(); l != nil && l.Len() > 0 {
				return l.At(0).Start
			}
		}
		if t, ok := n.(*ast.Text); ok {
			return t.Segment.Start
		}
		if o, ok := n.(interface{ Offset() int }); ok {
			return o.Offset()
		}
	}
	return 0
}

// lineStart returns the offset of the start of the line holding off.
func lineStart(src []byte, off int) int {
	if off > len(src) {
		off = len(src)
	}
	for off > 0 && src[off-1] != '\n' {
		off--
	}
	return off
}
