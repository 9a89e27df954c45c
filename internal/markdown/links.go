package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file rewrites link and image destinations through the caller's
// LinkResolver (Source.Links), so that a link written the way GitHub reads
// it, [setup](setup.md) relative to the Markdown file, reaches the page's
// URL in the HTML. Result.Links keeps both: Dest as written (for messages)
// and URL as written into the HTML.
//
// It also finds where a reference-style link's destination is defined
// ([id]: setup.md), so that a problem with that destination is reported
// on the definition's line rather than on every use.

// LinkResolver maps a link destination as an author wrote it to the URL
// the HTML should carry. It is called from concurrent Render calls.
type LinkResolver interface {
	// ResolveLink returns the URL for dest and true, or false to leave
	// dest as written.
	ResolveLink(dest string) (string, bool)
}

var (
	_ goldmark.Extender     = (*linkResolution)(nil)
	_ parser.ASTTransformer = (*linkRewriter)(nil)
)

// prioLinks runs the rewrite after every other transformer of ours, so
// links inside containers, alerts and tabs are all in place.
const prioLinks = 900

// linkResolution is the extender that rewrites destinations.
type linkResolution struct {
	key parser.ContextKey
}

func (e *linkResolution) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(&linkRewriter{key: e.key}, prioLinks),
	))
}

type linkRewriter struct {
	key parser.ContextKey
}

func (t *linkRewriter) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	d := docOf(pc, t.key)
	if d == nil || d.source.Links == nil {
		return
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		switch n := n.(type) {
		case *ast.Link:
			dest = &n.Destination
		case *ast.Image:
			dest = &n.Destination
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.Text:
			return ast.WalkSkipChildren, nil
		default:
			return ast.WalkContinue, nil
		}
		written := string(*dest)
		if u, ok := d.source.Links.ResolveLink(written); ok && u != written {
			if d.written == nil {
				d.written = map[ast.Node]string{}
			}
			d.written[n] = written
			*dest = []byte(u)
		}
		return ast.WalkContinue, nil
	})
}

// resolved returns the destination as written and the URL in the HTML of
// link node n, whose HTML destination is dest ("" URL when not rewritten).
func (d *document) resolved(n ast.Node, dest string) (written, url string) {
	if w, ok := d.written[n]; ok {
		return w, dest
	}
	return dest, ""
}

// referenceDefinition returns the offset of the "[" of the definition that
// link n (a reference-style link or image) takes its destination from, or
// -1. The first definition of a label wins, as in CommonMark.
func (d *document) referenceDefinition(n ast.Node) int {
	var label []byte
	switch n := n.(type) {
	case *ast.Link:
		if n.Reference != nil {
			label = n.Reference.Value
		}
	case *ast.Image:
		if n.Reference != nil {
			label = n.Reference.Value
		}
	}
	if label == nil {
		return -1
	}
	want := util.ToLinkReference(label)
	for i, start := range d.lines {
		end := len(d.src)
		if i+1 < len(d.lines) {
			end = d.lines[i+1]
		}
		if off := definitionOn(d.src[start:end], want); off >= 0 {
			return start + off
		}
	}
	return -1
}

// definitionOn returns the offset of "[" when line defines the normalised
// label want ("[Label]: dest", after up to three spaces, block quote
// markers and list markers), or -1.
func definitionOn(line []byte, want string) int {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '>' || line[i] == '-' || line[i] == '*' || line[i] == '+') {
		i++
	}
	if i >= len(line) || line[i] != '[' {
		return -1
	}
	end := bytes.Index(line[i:], []byte("]:"))
	if end < 0 {
		return -1
	}
	if util.ToLinkReference(line[i+1:i+end]) != want {
		return -1
	}
	return i
}
