package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file holds MkDocs Material's content tabs (pymdownx.tabbed):
//
//	=== "Python"
//
//	    Any Markdown, indented four spaces.
//
//	=== "Node.js"
//
//	    ...
//
// Consecutive tabs form one group, rendered like :::tabs (tabs.go) but
// with any content in the panels. "===!" starts a new group even right
// after another tab; "===+" (select this tab first) is accepted and the
// first tab is shown first. A "===" line without a quoted label is text
// (or a setext heading's underline).

// ContentTabs is the goldmark extender for MkDocs content tabs. It has no
// settings.
type ContentTabs struct{}

var (
	_ goldmark.Extender     = (*ContentTabs)(nil)
	_ parser.BlockParser    = (*contentTabParser)(nil)
	_ parser.ASTTransformer = (*contentTabGrouper)(nil)
)

// kindContentTab is the NodeKind of contentTab.
var kindContentTab = ast.NewNodeKind("contentTab")

// contentTab is one "=== " block before grouping.
type contentTab struct {
	ast.BaseBlock
	Label    string
	NewGroup bool // written "===!"
	Off      int
}

// Kind implements ast.Node.
func (n *contentTab) Kind() ast.NodeKind { return kindContentTab }

// Offset is where the tab's line starts.
func (n *contentTab) Offset() int { return n.Off }

// Dump implements ast.Node.
func (n *contentTab) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Label": n.Label}, nil)
}

// Extend adds the tab parser, the grouping transformer and the tabs
// renderer to m.
func (e *ContentTabs) Extend(m goldmark.Markdown) {
	seen := parser.NewContextKey() // set when a document has a tab
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(&contentTabParser{seen: seen}, 93)),
		// Before docsgen's own transformers, which number every tab group.
		parser.WithASTTransformers(util.Prioritized(&contentTabGrouper{seen: seen}, prioContentTabs)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(&tabsRenderer{}, 100),
	))
}

type contentTabParser struct {
	seen parser.ContextKey
}

func (p *contentTabParser) Trigger() []byte { return []byte{'='} }

func (p *contentTabParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !bytes.HasPrefix(line[pos:], []byte("===")) {
		return nil, parser.NoChildren
	}
	l := bytes.TrimRight(line[pos+3:], " \t\r\n")
	n := &contentTab{Off: seg.Start + pos - seg.Padding}
	if continuesParagraph(parent, reader.Source(), n.Off) {
		return nil, parser.NoChildren
	}
	for len(l) > 0 && (l[0] == '!' || l[0] == '+') {
		n.NewGroup = n.NewGroup || l[0] == '!'
		l = l[1:]
	}
	label := bytes.TrimLeft(l, " \t")
	if len(label) == len(l) || len(label) < 2 || label[0] != '"' || label[len(label)-1] != '"' {
		return nil, parser.NoChildren
	}
	n.Label = string(label[1 : len(label)-1])
	reader.AdvanceToEOL()
	pc.Set(p.seen, true)
	return n, parser.HasChildren
}

func (p *contentTabParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return indentedBody(reader)
}

func (p *contentTabParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

// CanInterruptParagraph: see admonitionParser's.
func (p *contentTabParser) CanInterruptParagraph() bool { return true }

func (p *contentTabParser) CanAcceptIndentedLine() bool { return false }

// contentTabGrouper turns each run of adjacent content tabs into a
// tabsNode whose panels hold the tabs' content. Groups are numbered in
// document order.
type contentTabGrouper struct {
	seen parser.ContextKey
}

func (t *contentTabGrouper) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if pc.Get(t.seen) == nil {
		return
	}
	var tabs []*contentTab
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*contentTab); ok && entering {
			tabs = append(tabs, c)
		}
		return ast.WalkContinue, nil
	})
	var g *tabsNode
	groups := 0
	for _, c := range tabs {
		parent := c.Parent()
		if g == nil || c.NewGroup || c.PreviousSibling() != ast.Node(g) {
			groups++
			g = &tabsNode{Group: groups, Off: c.Off, Content: true}
			parent.InsertBefore(parent, c, g)
		}
		g.Labels = append(g.Labels, c.Label)
		p := &tabPanel{First: len(g.Labels) == 1, Off: c.Off}
		for ch := c.FirstChild(); ch != nil; {
			next := ch.NextSibling()
			p.AppendChild(p, ch)
			ch = next
		}
		parent.RemoveChild(parent, c)
		g.AppendChild(g, p)
	}
	numberTabs(doc, nil)
}
