package markdown

import (
	"bytes"
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file gives headings their ids and anchor links, and lifts an opening
// level-1 heading out of the body into Result.Title.
//
//	## Rate limits            -> <h2 id="rate-limits">Rate limits<a class="anchor" ...></a></h2>
//	## Limits {#plan-limits}  -> <h2 id="plan-limits">Limits...</h2>
//	## Limits {.wide}         -> <h2 id="limits" class="wide">Limits...</h2>
//	## Object literal {}      -> the braces are text: no attributes in them

// headings is the extender for heading ids, anchors and the title.
type headings struct {
	key parser.ContextKey
}

var (
	_ goldmark.Extender     = (*headings)(nil)
	_ parser.ASTTransformer = (*headingTransformer)(nil)
	_ renderer.NodeRenderer = (*headingRenderer)(nil)
)

func (e *headings) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(&headingTransformer{key: e.key}, prioHeadings),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(&headingRenderer{}, 100),
	))
}

// Priorities of our AST transformers: they run in this order, after
// goldmark's own (tables at 0) and before footnotes (999).
const (
	prioContentTabs = 50
	prioAlerts      = 100
	prioCodeBlocks  = 200
	prioTabs        = 300
	prioDirectives  = 400
	prioHeadings    = 500
	prioRawHTML     = 600
	prioForeign     = 700
)

type headingTransformer struct {
	key parser.ContextKey
}

// Transform takes the title out, then gives every heading an id: explicit
// {#id}s first (so generated ids avoid them), then slugs in document order.
func (t *headingTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	d := docOf(pc, t.key)
	if d == nil {
		return
	}
	src := reader.Source()
	all := d.index(doc).headings
	if h, ok := doc.FirstChild().(*ast.Heading); ok && h.Level == 1 {
		d.title = plainText(h, src)
		doc.RemoveChild(doc, h)
		if len(all) > 0 && all[0] == h {
			all = all[1:]
		}
	}
	explicit := map[*ast.Heading]bool{}
	for _, h := range all {
		keepAttributes(d, h, src)
		if v, ok := h.AttributeString("id"); ok {
			if id, _ := v.([]byte); len(id) > 0 {
				explicit[h] = true
				d.claim(string(id), nodeOffset(h, src), "heading")
			}
		}
	}
	for _, h := range all {
		if !explicit[h] {
			h.SetAttributeString("id", pc.IDs().Generate([]byte(plainText(h, src)), ast.KindHeading))
		}
	}
}

// keepAttributes keeps a heading's id and class attributes, warns about
// and drops any other, and puts back an empty "{}" that goldmark took for
// an attribute list: "## Object literal {}" keeps its braces.
func keepAttributes(d *document, h *ast.Heading, src []byte) {
	attrs := h.Attributes()
	if len(attrs) == 0 {
		restoreBraces(h, src)
		return
	}
	h.RemoveAttributes()
	for _, a := range attrs {
		switch string(a.Name) {
		case "id", "class":
			h.SetAttribute(a.Name, a.Value)
		default:
			d.warnf(nodeOffset(h, src), "write {#some-id} or {.some-class} after a heading; other attributes are not supported", "heading attribute %q is ignored", a.Name)
		}
	}
}

// restoreBraces appends to h, as text, an empty {} (spaces allowed inside)
// that ends its last line and that goldmark removed as an attribute list.
func restoreBraces(h *ast.Heading, src []byte) {
	lines := h.Lines()
	if lines.Len() == 0 {
		return
	}
	stop := lines.At(lines.Len() - 1).Stop
	eol := stop
	for eol < len(src) && src[eol] != '\n' {
		eol++
	}
	rest := bytes.TrimRight(src[stop:eol], " \t\r")
	open := bytes.LastIndexByte(rest, '{')
	if open < 0 || !bytes.HasSuffix(rest, []byte("}")) || !util.IsBlank(rest[open+1:len(rest)-1]) {
		return
	}
	h.AppendChild(h, ast.NewTextSegment(text.NewSegment(stop, stop+len(rest))))
}

// headingRenderer writes headings with their id and anchor link.
type headingRenderer struct{}

func (r *headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.render)
}

func (r *headingRenderer) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	h := n.(*ast.Heading)
	var id []byte
	if v, ok := h.AttributeString("id"); ok {
		id, _ = v.([]byte)
	}
	level := strconv.Itoa(h.Level)
	if entering {
		_, _ = w.WriteString("<h" + level)
		if len(id) > 0 {
			_, _ = w.WriteString(` id="`)
			_, _ = w.Write(util.EscapeHTML(id))
			_ = w.WriteByte('"')
		}
		if v, ok := h.AttributeString("class"); ok {
			if class, _ := v.([]byte); len(class) > 0 {
				_, _ = w.WriteString(` class="`)
				_, _ = w.Write(util.EscapeHTML(class))
				_ = w.WriteByte('"')
			}
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if len(id) > 0 {
		_, _ = w.WriteString(`<a class="anchor" href="#`)
		_, _ = w.Write(util.EscapeHTML(id))
		_, _ = w.WriteString(`"><span class="sr-only">Link to this section: `)
		_, _ = w.Write(util.EscapeHTML([]byte(plainText(h, src))))
		_, _ = w.WriteString(`</span></a>`)
	}
	_, _ = w.WriteString("</h" + level + ">\n")
	return ast.WalkContinue, nil
}
