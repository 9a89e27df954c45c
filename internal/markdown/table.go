package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// This file wraps GFM tables for horizontal scrolling on narrow screens:
//
//	<div class="table-wrap" tabindex="0"><table>...</table></div>
//
// The wrapper scrolls a wide table sideways on narrow screens; tabindex lets
// keyboard users scroll it too.

var (
	_ goldmark.Extender     = (*tableWrap)(nil)
	_ renderer.NodeRenderer = (*tableWrapRenderer)(nil)
)

// tableWrap is the extender; it must come after extension.GFM.
type tableWrap struct{}

func (e *tableWrap) Extend(m goldmark.Markdown) {
	inner := &capture{}
	// Alignment as the align attribute: a style attribute would need
	// 'unsafe-inline' styles in the site's Content-Security-Policy.
	extension.NewTableHTMLRenderer(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)).RegisterFuncs(inner)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(&tableWrapRenderer{funcs: inner.funcs}, 100),
	))
}

// capture records the functions a NodeRenderer registers.
type capture struct {
	funcs map[ast.NodeKind]renderer.NodeRendererFunc
}

func (c *capture) Register(k ast.NodeKind, f renderer.NodeRendererFunc) {
	if c.funcs == nil {
		c.funcs = map[ast.NodeKind]renderer.NodeRendererFunc{}
	}
	c.funcs[k] = f
}

// tableWrapRenderer is goldmark's table renderer (cells aligned with the
// align attribute) with the wrapper around tables.
type tableWrapRenderer struct {
	funcs map[ast.NodeKind]renderer.NodeRendererFunc
}

func (r *tableWrapRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	for k, f := range r.funcs {
		if k != east.KindTable {
			reg.Register(k, f)
		}
	}
	reg.Register(east.KindTable, r.render)
}

func (r *tableWrapRenderer) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<div class="table-wrap" tabindex="0">`)
	}
	s, err := r.funcs[east.KindTable](w, src, n, entering)
	if !entering {
		_, _ = w.WriteString("</div>\n")
	}
	return s, err
}
