package markdown

import (
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file turns :::tabs containers into code tabs:
//
//	:::tabs
//	```python title="Python"
//	...
//	```
//	```js
//	...
//	```
//	:::
//
// A tabs container holds fenced code blocks only, one per tab (anything
// else is an error, and shown before the group). A tab's label
// is the fence's title="..." or else the language's display name; labels
// must differ within a group. Groups are numbered 1, 2, ... per page, and
// the tab and panel ids (tabs-N-M, tabs-N-M-panel) are page ids.

// kindTabs is the NodeKind of Tabs.
var kindTabs = ast.NewNodeKind("Tabs")

// tabsNode is a group of code tabs; its children are TabPanels.
type tabsNode struct {
	ast.BaseBlock
	// Group is the group's number on the page, from 1.
	Group int
	// Labels are the tab labels, one per panel.
	Labels []string
	// Off is the byte offset of the :::tabs line.
	Off int
	// Content is true for tabs of any content (MkDocs' === tabs), false
	// for code tabs.
	Content bool
}

// Kind implements ast.Node.
func (n *tabsNode) Kind() ast.NodeKind { return kindTabs }

// Offset is where the group starts.
func (n *tabsNode) Offset() int { return n.Off }

// Dump implements ast.Node.
func (n *tabsNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Group": strconv.Itoa(n.Group)}, nil)
}

// kindTabPanel is the NodeKind of tabPanel.
var kindTabPanel = ast.NewNodeKind("tabPanel")

// tabPanel is one tab's panel, holding its code block.
type tabPanel struct {
	ast.BaseBlock
	// ID is the panel's tab id, such as tabs-1-2.
	ID string
	// First is true for the group's first panel (shown at first).
	First bool
	// Off is the byte offset of the tab's code fence or === line.
	Off int
}

// Kind implements ast.Node.
func (n *tabPanel) Kind() ast.NodeKind { return kindTabPanel }

// Dump implements ast.Node.
func (n *tabPanel) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.ID}, nil)
}

var (
	_ goldmark.Extender     = (*tabs)(nil)
	_ parser.ASTTransformer = (*tabsTransformer)(nil)
	_ renderer.NodeRenderer = (*tabsRenderer)(nil)
)

// tabs is the extender for code tabs; the ::: parser is the containers'.
type tabs struct {
	key parser.ContextKey
}

func (e *tabs) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(&tabsTransformer{key: e.key}, prioTabs),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(&tabsRenderer{}, 100),
	))
}

type tabsTransformer struct {
	key parser.ContextKey
}

func (t *tabsTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	d := docOf(pc, t.key)
	if d == nil {
		return
	}
	src := reader.Source()
	x := d.index(doc)
	found := len(x.tabs) > 0
	for _, c := range x.containers {
		if c.Name == "tabs" {
			t.group(d, c, src)
			found = true
		}
	}
	if found {
		numberTabs(doc, d)
	}
}

// group replaces a :::tabs container with a tabsNode, one panel per code
// block.
func (t *tabsTransformer) group(d *document, c *containerNode, src []byte) {
	g := &tabsNode{Off: c.Off}
	seen := map[string]bool{}
	for ch := c.FirstChild(); ch != nil; {
		next := ch.NextSibling()
		cb, ok := ch.(*codeBlock)
		if !ok {
			// Shown before the group, so that no word is lost.
			d.errorf(nodeOffset(ch, src), "put only fenced code blocks (one per tab) inside :::tabs", "%s inside :::tabs", describe(ch))
			c.Parent().InsertBefore(c.Parent(), c, ch)
			ch = next
			continue
		}
		label := cb.Title
		if label == "" {
			label = cb.Info.Lang
		}
		if seen[label] {
			d.errorf(cb.Off, `give one of them a different label with title="..."`, "two tabs labelled %q in one :::tabs", label)
		}
		seen[label] = true
		g.Labels = append(g.Labels, label)
		p := &tabPanel{First: len(g.Labels) == 1, Off: cb.Off}
		p.AppendChild(p, cb)
		g.AppendChild(g, p)
		ch = next
	}
	if len(g.Labels) == 0 {
		d.errorf(c.Off, "put one fenced code block per tab inside :::tabs", ":::tabs holds no code blocks")
	}
	c.Parent().ReplaceChild(c.Parent(), c, g)
}

// numberTabs numbers every tab group of doc in document order, from 1, and
// gives its panels their ids (tabs-N-M); with a document, the ids are
// claimed as the page's.
func numberTabs(doc ast.Node, d *document) {
	groups := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		g, ok := n.(*tabsNode)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		groups++
		g.Group = groups
		i := 0
		for ch := g.FirstChild(); ch != nil; ch = ch.NextSibling() {
			p, ok := ch.(*tabPanel)
			if !ok {
				continue
			}
			i++
			p.ID = "tabs-" + strconv.Itoa(groups) + "-" + strconv.Itoa(i)
			if d != nil {
				d.claim(p.ID, p.Off, "tab")
				d.claim(p.ID+"-panel", p.Off, "tab panel")
			}
		}
		return ast.WalkContinue, nil
	})
}

// describe names a block for messages.
func describe(n ast.Node) string {
	switch n := n.(type) {
	case *ast.Paragraph:
		return "text"
	case *ast.Heading:
		return "a heading"
	case *ast.List:
		return "a list"
	case *ast.Blockquote:
		return "a blockquote"
	case *containerNode:
		if n.Name != "" {
			return ":::" + n.Name
		}
		return "a container"
	case *ast.CodeBlock:
		return "an indented code block"
	default:
		return "a " + n.Kind().String() + " block"
	}
}

// tabsRenderer writes tab groups as the HTML contract says.
type tabsRenderer struct{}

func (r *tabsRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTabs, r.renderTabs)
	reg.Register(kindTabPanel, r.renderPanel)
}

func (r *tabsRenderer) renderTabs(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*tabsNode)
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	label := "Code examples"
	if n.Content {
		label = "Tabs"
	}
	_, _ = w.WriteString("<div class=\"tabs\" data-tabs>\n<div class=\"tab-list\" role=\"tablist\" aria-label=\"" + label + "\">\n")
	for i, label := range n.Labels {
		id := "tabs-" + strconv.Itoa(n.Group) + "-" + strconv.Itoa(i+1)
		selected, tabindex := "false", "-1"
		if i == 0 {
			selected, tabindex = "true", "0"
		}
		esc := util.EscapeHTML([]byte(label))
		_, _ = w.WriteString(`<button type="button" role="tab" id="` + id + `" aria-controls="` + id + `-panel" aria-selected="` + selected + `" tabindex="` + tabindex + `" data-tab="`)
		_, _ = w.Write(esc)
		_, _ = w.WriteString(`">`)
		_, _ = w.Write(esc)
		_, _ = w.WriteString("</button>\n")
	}
	_, _ = w.WriteString("</div>\n")
	return ast.WalkContinue, nil
}

func (r *tabsRenderer) renderPanel(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*tabPanel)
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<div class="tab-panel" role="tabpanel" id="` + n.ID + `-panel" aria-labelledby="` + n.ID + `" tabindex="0"`)
	if !n.First {
		_, _ = w.WriteString(" hidden")
	}
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}
