package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// taskLabels renders GFM task-list checkboxes with an accessible name
// ("Done" or "Not done"), which goldmark's default checkbox lacks:
//
//	<input type="checkbox" disabled checked aria-label="Done">
type taskLabels struct{}

var _ goldmark.Extender = (*taskLabels)(nil)

func (taskLabels) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(taskLabels{}, 100)))
}

func (taskLabels) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.(*east.TaskCheckBox).IsChecked {
			_, _ = w.WriteString(`<input type="checkbox" disabled checked aria-label="Done"> `)
		} else {
			_, _ = w.WriteString(`<input type="checkbox" disabled aria-label="Not done"> `)
		}
		return ast.WalkContinue, nil
	})
}
