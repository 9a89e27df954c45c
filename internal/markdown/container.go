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

	"docsgen/internal/suggest"
)

// This file holds the ::: containers: callouts and code tabs.
//
//	:::warning Retries cost credits
//	Each retry is billed.
//	:::
//
// A container opens with a line of three colons and a name, an optional
// title after it, and closes with a line holding only ":::". Containers
// nest: an inner opening line means the next ":::" closes the inner one.
// Lines inside fenced code blocks never open or close containers.

// callout kinds, in the order hints list them, with their default titles.
var calloutTitles = map[string]string{
	"note":      "Note",
	"tip":       "Tip",
	"important": "Important",
	"warning":   "Warning",
	"caution":   "Caution",
}

// containerNames lists the names a ::: container can have.
var containerNames = []string{"caution", "important", "note", "tabs", "tip", "warning"}

// kindContainer is the NodeKind of containerNode.
var kindContainer = ast.NewNodeKind("containerNode")

// containerNode is a ::: block, or a GitHub alert blockquote turned into one.
type containerNode struct {
	ast.BaseBlock
	// Name is the container's kind: note, tip, important, warning, caution
	// or tabs; empty for a container whose name was wrong (already reported).
	Name string
	// Title is the custom title given after the name, if any.
	Title string
	// Off is the byte offset of the opening line's ":::" (or of the alert
	// marker).
	Off int

	closed bool // seen its closing line
	stray  bool // a ":::" that closes nothing, or one nested too deep
	depth  int  // inner containers still open
	fence  fenceState
}

// fenceState tracks a fenced code block inside a container, whose lines
// must not be read as container lines.
type fenceState struct {
	char byte
	n    int
}

// Kind implements ast.Node.
func (n *containerNode) Kind() ast.NodeKind { return kindContainer }

// Offset is where the container starts.
func (n *containerNode) Offset() int { return n.Off }

// Dump implements ast.Node.
func (n *containerNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name, "Title": n.Title}, nil)
}

var (
	_ goldmark.Extender     = (*containers)(nil)
	_ parser.BlockParser    = (*containerParser)(nil)
	_ renderer.NodeRenderer = (*calloutRenderer)(nil)
)

// containers is the extender for ::: containers.
type containers struct {
	key parser.ContextKey
}

func (e *containers) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(
		util.Prioritized(&containerParser{key: e.key}, 90),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(&calloutRenderer{}, 100),
	))
}

type containerParser struct {
	key parser.ContextKey
}

func (p *containerParser) Trigger() []byte { return []byte{':'} }

// containerLine classifies a line (from its first non-space byte):
// a closing ":::" line, an opening ":::name" line, or neither.
func containerLine(line []byte) (closing, opening bool) {
	if len(line) < 3 || line[0] != ':' || line[1] != ':' || line[2] != ':' {
		return false, false
	}
	rest := line[3:]
	if len(rest) > 0 && rest[0] == ':' {
		return false, false
	}
	if util.IsBlank(rest) {
		return true, false
	}
	return false, true
}

func (p *containerParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos >= len(line) {
		return nil, parser.NoChildren
	}
	closing, opening := containerLine(line[pos:])
	if !closing && !opening {
		return nil, parser.NoChildren
	}
	d := docOf(pc, p.key)
	off := seg.Start + pos - seg.Padding
	n := &containerNode{Off: off}
	reader.AdvanceToEOL()
	if closing {
		n.stray = true
		if d != nil {
			d.errorf(off, "remove it, or open a container such as :::note before it", "\":::\" closes no container")
		}
		return n, parser.NoChildren
	}
	if containerDepth(parent) >= maxContainerDepth {
		// Every open container looks at every line, so unbounded nesting
		// would make parsing quadratic. The line is dropped.
		n.stray = true
		if d != nil {
			d.errorf(off, "close some containers before opening more", "containers nested more than %d deep", maxContainerDepth)
		}
		return n, parser.NoChildren
	}
	rest := line[pos+3:]
	lead := len(rest) - len(bytes.TrimLeft(rest, " \t"))
	rest = bytes.TrimSpace(rest)
	end := 0
	for end < len(rest) && isNameByte(rest[end]) {
		end++
	}
	name := strings.ToLower(string(rest[:end]))
	n.Title = string(bytes.TrimSpace(rest[end:]))
	nameOff := off + 3 + lead
	switch {
	case name == "":
		if d != nil {
			d.errorf(nameOff, "write a name right after the colons, such as :::note", "missing container name after \":::\"")
		}
	case name == "tabs":
		n.Name = name
		if n.Title != "" && d != nil {
			titleOff := nameOff + end + len(rest[end:]) - len(bytes.TrimLeft(rest[end:], " \t"))
			d.errorf(titleOff, "label each tab with title=\"...\" on its code fence instead", ":::tabs takes no title")
		}
	case calloutTitles[name] != "":
		n.Name = name
	default:
		if d != nil {
			d.errorf(nameOff, unknownHint("container", containerNames, name), "unknown container %q", name)
		}
	}
	return n, parser.HasChildren
}

// maxContainerDepth is how deep ::: containers may nest.
const maxContainerDepth = 16

// containerDepth counts the containers around n.
func containerDepth(n ast.Node) int {
	depth := 0
	for ; n != nil; n = n.Parent() {
		if _, ok := n.(*containerNode); ok {
			depth++
		}
	}
	return depth
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

func (p *containerParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*containerNode)
	if n.stray {
		return parser.Close
	}
	line, _ := reader.PeekLine()
	if line == nil {
		return parser.Close
	}
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w >= 4 || pos >= len(line) {
		return parser.Continue | parser.HasChildren
	}
	l := line[pos:]
	if n.fence.n > 0 {
		if c, k := fenceRun(l); c == n.fence.char && k >= n.fence.n && util.IsBlank(l[k:]) {
			n.fence = fenceState{}
		}
		return parser.Continue | parser.HasChildren
	}
	if c, k := fenceRun(l); k >= 3 && !(c == '`' && bytes.IndexByte(l[k:], '`') >= 0) {
		n.fence = fenceState{char: c, n: k}
		return parser.Continue | parser.HasChildren
	}
	closing, opening := containerLine(l)
	switch {
	case opening:
		n.depth++
	case closing && n.depth > 0:
		n.depth--
	case closing:
		n.closed = true
		reader.AdvanceToEOL()
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

// fenceRun returns the fence character that line starts with and how many
// times it repeats; k is 0 when line does not start with ` or ~.
func fenceRun(line []byte) (c byte, k int) {
	if len(line) == 0 || (line[0] != '`' && line[0] != '~') {
		return 0, 0
	}
	c = line[0]
	for k < len(line) && line[k] == c {
		k++
	}
	return c, k
}

func (p *containerParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	n := node.(*containerNode)
	if n.closed || n.stray {
		return
	}
	if d := docOf(pc, p.key); d != nil {
		name := n.Name
		if name == "" {
			name = "container"
		}
		d.errorf(n.Off, "add a line ::: after its content", ":::%s is never closed", name)
	}
}

func (p *containerParser) CanInterruptParagraph() bool { return true }

func (p *containerParser) CanAcceptIndentedLine() bool { return false }

// calloutRenderer writes callouts; containers whose name was wrong render
// their content only.
type calloutRenderer struct{}

func (r *calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindContainer, r.render)
}

func (r *calloutRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*containerNode)
	def := calloutTitles[n.Name]
	if def == "" {
		return ast.WalkContinue, nil
	}
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	title := n.Title
	if title == "" {
		title = def
	}
	_, _ = w.WriteString(`<div class="callout callout-` + n.Name + `" role="note"><p class="callout-title">`)
	_, _ = w.Write(util.EscapeHTML([]byte(title)))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

// unknownHint lists the known names and, when one is close, suggests it.
func unknownHint(what string, known []string, got string) string {
	hint := "known " + what + "s: " + strings.Join(known, ", ")
	if len(known) == 0 {
		hint = "no " + what + "s are configured"
	}
	if near := nearest(got, known); near != "" {
		hint = "did you mean " + near + "? " + hint
	}
	return hint
}

// nearest returns the name in known closest to got by edit distance, if
// it is close enough to be a likely typo.
func nearest(got string, known []string) string {
	best, bestD := "", 0
	for _, k := range known {
		dist := suggest.Distance(strings.ToLower(got), k)
		if best == "" || dist < bestD {
			best, bestD = k, dist
		}
	}
	if best == "" || bestD > max(2, len(best)/3) {
		return ""
	}
	return best
}
