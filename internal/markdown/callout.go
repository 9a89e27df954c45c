package markdown

import (
	"slices"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// This file holds what every callout dialect shares: the admonition types
// other tools use, mapped to docsgen's five callout styles, and the renderer
// of the containerNode they all become.
//
//	<div class="callout callout-warning" role="note"><p class="callout-title">Title</p>...</div>
//	<details class="callout callout-note"><summary class="callout-title">Title</summary>...</details>
//
// A type docsgen does not know renders as a neutral callout (class
// callout-neutral) titled with the type's name, and the dialect's parser
// warns about it.

// calloutStyles maps admonition types, as GitHub, Docusaurus, VitePress and
// MkDocs Material spell them, to docsgen's callout styles.
var calloutStyles = map[string]string{
	"note": "note", "info": "note", "todo": "note", "abstract": "note", "summary": "note",
	"tldr": "note", "seealso": "note", "question": "note", "help": "note", "faq": "note",
	"tip": "tip", "hint": "tip", "success": "tip", "check": "tip", "done": "tip",
	"important": "important",
	"warning":   "warning", "attention": "warning",
	"caution": "caution", "danger": "caution", "error": "caution", "failure": "caution",
	"fail": "caution", "missing": "caution", "bug": "caution",
	"example": "neutral", "quote": "neutral", "cite": "neutral", "details": "neutral",
}

// mainCalloutTypes are the types hints name, in the order they are
// proposed when a typo is as close to several.
var mainCalloutTypes = []string{"note", "tip", "info", "important", "warning", "caution", "danger", "details"}

// calloutTypes lists every type of calloutStyles: mainCalloutTypes, then
// the others sorted.
func calloutTypes() []string {
	names := slices.Clone(mainCalloutTypes)
	var rest []string
	for k := range calloutStyles {
		if !slices.Contains(names, k) {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(names, rest...)
}

// calloutHint suggests the type nearest to a mistyped one.
func calloutHint(typ string) string {
	hint := "types: " + strings.Join(mainCalloutTypes, ", ") + " and MkDocs' others (abstract, success, question, bug, example, ...)"
	if near := nearest(typ, calloutTypes()); near != "" {
		hint = "did you mean " + near + "? " + hint
	}
	return hint
}

// calloutStyle returns the style of admonition type typ (any case) and its
// default title, the type's name capitalised; known is false for a type
// docsgen does not know, which gets the neutral style.
func calloutStyle(typ string) (style, title string, known bool) {
	typ = strings.ToLower(typ)
	style, known = calloutStyles[typ]
	if !known {
		style = "neutral"
	}
	if typ != "" {
		title = strings.ToUpper(typ[:1]) + typ[1:]
	}
	return style, title, known
}

// calloutRenderer writes callouts; a containerNode with no Name (its
// opening line was wrong and reported) renders its content only.
type calloutRenderer struct{}

var _ renderer.NodeRenderer = (*calloutRenderer)(nil)

func (r *calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindContainer, r.render)
}

func (r *calloutRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*containerNode)
	if n.Name == "" {
		return ast.WalkContinue, nil
	}
	tag, title := "div", "p"
	if n.Collapse != collapseNone {
		tag, title = "details", "summary"
	}
	if !entering {
		_, _ = w.WriteString("</" + tag + ">\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<" + tag + ` class="callout callout-` + n.Name + `"`)
	switch n.Collapse {
	case collapseNone:
		_, _ = w.WriteString(` role="note"`)
	case collapseOpen:
		_, _ = w.WriteString(` open`)
	}
	_, _ = w.WriteString(">")
	if n.Title == "" && n.Collapse == collapseNone {
		// MkDocs' !!! type "": a callout without a title bar.
		_ = w.WriteByte('\n')
		return ast.WalkContinue, nil
	}
	t := n.Title
	if t == "" {
		t = "Details"
	}
	_, _ = w.WriteString("<" + title + ` class="callout-title">`)
	_, _ = w.Write(util.EscapeHTML([]byte(t)))
	_, _ = w.WriteString("</" + title + ">\n")
	return ast.WalkContinue, nil
}
