package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file holds MkDocs admonitions (Python-Markdown's admonition
// extension) and their collapsible form (pymdownx.details):
//
//	!!! warning "Retries cost credits"
//	    Each retry is billed; the body is indented four spaces.
//
//	??? note "Shown closed"
//	    ...
//
//	???+ tip
//	    Shown open; no title means the type's name.
//
// The first word after the marker is the type (see callout.go); a type
// docsgen does not know renders as a neutral callout with a warning. The
// title is in double quotes; "" leaves the default. MkDocs' placement words
// (inline, end) are accepted and not used; any other word is ignored with a
// warning. The body is every following line indented by four spaces or a
// tab, blank lines included, so admonitions nest. A marker line with no type
// is text.

// Admonitions is the goldmark extender for MkDocs admonitions. They become
// the same callout node as ::: containers and GitHub alerts.
type Admonitions struct {
	// Warn is called for each problem (an unknown type, an ignored word)
	// with the parser context of the document, the problem's byte offset in
	// the source, a message and a hint. Default nil: problems are not
	// reported.
	Warn func(pc parser.Context, off int, msg, hint string)
}

var (
	_ goldmark.Extender  = (*Admonitions)(nil)
	_ parser.BlockParser = (*admonitionParser)(nil)
)

// Extend adds the admonition parser and the callout renderer to m.
func (e *Admonitions) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(
		util.Prioritized(&admonitionParser{warn: e.Warn}, 92),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(&calloutRenderer{}, 100),
	))
}

type admonitionParser struct {
	warn func(pc parser.Context, off int, msg, hint string)
}

func (p *admonitionParser) Trigger() []byte { return []byte{'!', '?'} }

func (p *admonitionParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos >= len(line) {
		return nil, parser.NoChildren
	}
	l := line[pos:]
	n := &containerNode{Off: seg.Start + pos - seg.Padding, closed: true}
	if continuesParagraph(parent, reader.Source(), n.Off) {
		return nil, parser.NoChildren
	}
	var k int
	switch {
	case bytes.HasPrefix(l, []byte("!!!")):
		k = 3
	case bytes.HasPrefix(l, []byte("???+")):
		k, n.Collapse = 4, collapseOpen
	case bytes.HasPrefix(l, []byte("???")):
		k, n.Collapse = 3, collapseClosed
	default:
		return nil, parser.NoChildren
	}
	h, ok := readAdmonitionHead(string(bytes.TrimRight(l[k:], " \t\r\n")))
	if !ok {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	style, title, known := calloutStyle(h.typ)
	n.Name, n.Title, n.typ = style, title, h.typ
	if h.titled {
		n.Title = h.title
	}
	report := func(at int, msg, hint string) {
		if p.warn != nil {
			p.warn(pc, n.Off+k+at, msg, hint)
		}
	}
	if !known {
		report(h.typOff, "unknown admonition type \""+h.typ+"\": shown as a plain callout", calloutHint(h.typ))
	}
	for _, w := range h.ignored {
		report(w.off, "admonition word \""+w.text+"\" is not used: it is ignored", `write !!! type "Title"; docsgen uses the type and the title`)
	}
	if h.unclosed {
		report(h.titleOff, "admonition title has no closing quote: the rest of the line is the title", `write !!! type "Title"`)
	}
	return n, parser.HasChildren
}

// admonitionHead is the rest of an admonition's marker line.
type admonitionHead struct {
	typ, title       string
	typOff, titleOff int
	titled, unclosed bool
	ignored          []infoToken
}

// readAdmonitionHead reads ` type extra words "Title"`. ok is false when
// no type follows the marker.
func readAdmonitionHead(s string) (h admonitionHead, ok bool) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	for word := 0; i < len(s); word++ {
		if s[i] == '"' {
			h.titleOff, h.titled = i, true
			end := strings.LastIndexByte(s, '"')
			if end <= i {
				h.title, h.unclosed = s[i+1:], true
			} else {
				h.title = s[i+1 : end]
			}
			return h, h.typ != ""
		}
		start := i
		for i < len(s) && isNameByte(s[i]) {
			i++
		}
		if i == start || i < len(s) && s[i] != ' ' && s[i] != '\t' {
			return h, false
		}
		switch w := s[start:i]; {
		case word == 0:
			h.typ, h.typOff = strings.ToLower(w), start
		case w != "inline" && w != "end":
			h.ignored = append(h.ignored, infoToken{text: w, off: start})
		}
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
	}
	return h, h.typ != ""
}

func (p *admonitionParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return indentedBody(reader)
}

// indentedBody continues a block whose body is indented four columns (an
// admonition, a content tab): blank lines belong to it, a line indented
// less closes it.
func indentedBody(reader text.Reader) parser.State {
	line, _ := reader.PeekLine()
	if line == nil {
		return parser.Close
	}
	if util.IsBlank(line) {
		reader.AdvanceToEOL()
		return parser.Continue | parser.HasChildren
	}
	if w, _ := util.IndentWidth(line, reader.LineOffset()); w < 4 {
		return parser.Close
	}
	pos, padding := util.IndentPosition(line, reader.LineOffset(), 4)
	reader.AdvanceAndSetPadding(pos, padding)
	return parser.Continue | parser.HasChildren
}

func (p *admonitionParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

// CanInterruptParagraph is true so that a marker line ends the body of the
// admonition or tab before it, but Open refuses a line right after a
// paragraph of its own parent: as in MkDocs, an admonition starts after a
// blank line, so prose that happens to start with "!!!" stays prose.
func (p *admonitionParser) CanInterruptParagraph() bool { return true }

// continuesParagraph reports whether the line at off comes right after a
// paragraph that is parent's last child.
func continuesParagraph(parent ast.Node, src []byte, off int) bool {
	para, ok := parent.LastChild().(*ast.Paragraph)
	if !ok || para.Lines().Len() == 0 {
		return false
	}
	last := para.Lines().At(para.Lines().Len() - 1)
	return last.Start <= off && bytes.Count(src[last.Start:off], []byte{'\n'}) <= 1
}

func (p *admonitionParser) CanAcceptIndentedLine() bool { return false }
