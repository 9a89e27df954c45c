package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file turns GitHub alerts into callouts:
//
//	> [!WARNING]
//	> Retries cost credits.
//
// The marker must be alone on the first line of the blockquote (any case:
// [!note] works too); the line is removed and the blockquote becomes a
// containerNode rendered like :::warning.

var (
	_ goldmark.Extender           = (*alerts)(nil)
	_ parser.ParagraphTransformer = (*alertMarker)(nil)
	_ parser.ASTTransformer       = (*alertTransformer)(nil)
)

// alerts is the extender for GitHub alerts.
type alerts struct {
	key parser.ContextKey
}

func (e *alerts) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(&alertMarker{key: e.key}, 10)),
		parser.WithASTTransformers(util.Prioritized(&alertTransformer{key: e.key}, prioAlerts)),
	)
}

// alertMarker finds the [!KIND] line when a blockquote's first paragraph
// closes, removes it and remembers the blockquote.
type alertMarker struct {
	key parser.ContextKey
}

func (t *alertMarker) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	bq, ok := p.Parent().(*ast.Blockquote)
	if !ok || bq.FirstChild() != p || p.Lines().Len() == 0 {
		return
	}
	d := docOf(pc, t.key)
	if d == nil {
		return
	}
	if _, done := d.alerts[bq]; done {
		return
	}
	first := p.Lines().At(0)
	kind, ok := alertKind(first.Value(reader.Source()))
	if !ok {
		return
	}
	d.alerts[bq] = alertMark{kind: kind, off: first.Start}
	lines := p.Lines()
	rest := text.NewSegments()
	for i := 1; i < lines.Len(); i++ {
		rest.Append(lines.At(i))
	}
	p.SetLines(rest)
	if rest.Len() == 0 {
		bq.RemoveChild(bq, p)
	}
}

// alertKind reads a "[!KIND]" line.
func alertKind(line []byte) (string, bool) {
	line = bytes.TrimSpace(line)
	if len(line) < 4 || line[0] != '[' || line[1] != '!' || line[len(line)-1] != ']' {
		return "", false
	}
	kind := strings.ToLower(string(line[2 : len(line)-1]))
	switch kind {
	case "note", "tip", "important", "warning", "caution":
		return kind, true
	}
	return "", false
}

// alertTransformer replaces each marked blockquote with a containerNode.
type alertTransformer struct {
	key parser.ContextKey
}

func (t *alertTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	d := docOf(pc, t.key)
	if d == nil || len(d.alerts) == 0 {
		return
	}
	for _, bq := range d.index(doc).blockquotes {
		mark := d.alerts[bq]
		_, title, _ := calloutStyle(mark.kind)
		c := &containerNode{Name: mark.kind, Title: title, Off: mark.off, closed: true}
		for ch := bq.FirstChild(); ch != nil; {
			next := ch.NextSibling()
			c.AppendChild(c, ch)
			ch = next
		}
		bq.Parent().ReplaceChild(bq.Parent(), bq, c)
	}
}
