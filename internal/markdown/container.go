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

// This file holds the ::: containers: callouts and code tabs, as
// Docusaurus, VitePress and docsgen write them.
//
//	:::warning Retries cost credits
//	Each retry is billed.
//	:::
//
// A container opens with a line of three or more colons and a name (a
// space between them is allowed), then an optional title: the rest of the
// line, or in brackets as in :::tip[Title]. It closes with a line of only
// colons, at least as many as opened it. Containers nest: an inner opening
// line means the next closing line closes the inner one. Lines inside
// fenced code blocks never open or close containers.
//
// The name is "tabs" (code tabs, see tabs.go), "details" (a collapsed
// box), or an admonition type (see callout.go); an unknown type renders
// as a neutral callout with a warning. A colon line that does not fit,
// such as a lone ":::" that closes nothing or ":::" followed by no name,
// is text, shown as written.

// kindContainer is the NodeKind of containerNode.
var kindContainer = ast.NewNodeKind("containerNode")

// containerNode is a ::: block, or a GitHub alert blockquote turned into one.
type containerNode struct {
	ast.BaseBlock
	// Name is the callout style (note, tip, important, warning, caution,
	// neutral) or "tabs"; empty for a container whose opening line was
	// wrong (already reported), which renders its content only.
	Name string
	// Title is the callout's title: the one given, else the type's name.
	Title string
	// Collapse makes the callout a <details> box, closed or open.
	Collapse collapse
	// Off is the byte offset of the opening line's ":::" (or of the alert
	// marker).
	Off int

	closed bool   // seen its closing line
	stray  bool   // a container nested too deep
	colons int    // length of the opening colon run
	typ    string // the name as written, for messages
	depth  int    // inner containers still open
	fence  fenceState
}

// collapse says whether a callout is a collapsible <details> box.
type collapse int

const (
	collapseNone   collapse = iota // always shown
	collapseClosed                 // <details>, closed at first
	collapseOpen                   // <details open>
)

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
	_ goldmark.Extender  = (*containers)(nil)
	_ parser.BlockParser = (*containerParser)(nil)
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

// colonRun returns how many colons line starts with.
func colonRun(line []byte) int {
	k := 0
	for k < len(line) && line[k] == ':' {
		k++
	}
	return k
}

// containerLine classifies a line (from its first non-space byte): a
// closing line (k colons and nothing else), an opening line (k colons and
// a name), or neither (k is 0).
func containerLine(line []byte) (k int, closing bool) {
	k = colonRun(line)
	if k < 3 {
		return 0, false
	}
	rest := bytes.TrimLeft(line[k:], " \t")
	if util.IsBlank(rest) {
		return k, true
	}
	if !isLetter(rest[0]) {
		return 0, false
	}
	return k, false
}

func (p *containerParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos >= len(line) {
		return nil, parser.NoChildren
	}
	k, closing := containerLine(line[pos:])
	d := docOf(pc, p.key)
	off := seg.Start + pos - seg.Padding
	if k == 0 || closing {
		if closing && d != nil && d.warnOnce(off) {
			d.warnf(off, "remove it, or open a container such as :::note before it", "%q closes no container: it is shown as text", strings.Repeat(":", k))
		}
		return nil, parser.NoChildren
	}
	n := &containerNode{Off: off, colons: k}
	reader.AdvanceToEOL()
	if containerDepth(parent) >= maxContainerDepth {
		// Every open container looks at every line, so unbounded nesting
		// would make parsing quadratic. The line is dropped.
		n.stray = true
		if d != nil {
			d.errorf(off, "close some containers before opening more", "containers nested more than %d deep", maxContainerDepth)
		}
		return n, parser.NoChildren
	}
	p.name(d, n, line[pos+k:], off+k)
	return n, parser.HasChildren
}

// name reads the name and title of an opening line into n; rest follows
// the colons, at offset off.
func (p *containerParser) name(d *document, n *containerNode, rest []byte, off int) {
	lead := len(rest) - len(bytes.TrimLeft(rest, " \t"))
	rest = bytes.TrimRight(rest[lead:], " \t\r\n")
	end := 0
	for end < len(rest) && isNameByte(rest[end]) {
		end++
	}
	name := strings.ToLower(string(rest[:end]))
	n.typ = name
	nameOff := off + lead
	title, titled := containerTitle(rest[end:])
	switch name {
	case "tabs":
		n.Name = name
		if titled && d != nil {
			titleOff := nameOff + end + len(rest[end:]) - len(bytes.TrimLeft(rest[end:], " \t"))
			d.warnf(titleOff, "label each tab with title=\"...\" on its code fence instead", ":::tabs takes no title: it is ignored")
		}
		return
	case "details":
		n.Collapse = collapseClosed
	}
	style, def, known := calloutStyle(name)
	if !known && d != nil {
		d.warnf(nameOff, calloutHint(name), "unknown callout type %q: shown as a plain callout", name)
	}
	n.Name, n.Title = style, def
	if titled {
		n.Title = title
	}
}

// containerTitle reads the title after a container's name: [Title],
// {title="Title"} or the rest of the line.
func containerTitle(rest []byte) (string, bool) {
	t := bytes.TrimSpace(rest)
	switch {
	case len(t) >= 2 && t[0] == '[' && t[len(t)-1] == ']':
		t = bytes.TrimSpace(t[1 : len(t)-1])
	case bytes.HasPrefix(t, []byte(`{title="`)) && bytes.HasSuffix(t, []byte(`"}`)):
		if v, n, msg := quoted(string(t[7 : len(t)-1])); msg == "" && n == len(t)-8 {
			return v, v != ""
		}
	}
	return string(t), len(t) > 0
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
	k, closing := containerLine(l)
	switch {
	case k > 0 && !closing:
		n.depth++
	case closing && n.depth > 0:
		n.depth--
	case closing && k >= n.colons:
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
		colons := strings.Repeat(":", n.colons)
		d.errorf(n.Off, "add a line "+colons+" after its content", "%s%s is never closed", colons, n.typ)
	}
}

func (p *containerParser) CanInterruptParagraph() bool { return true }

func (p *containerParser) CanAcceptIndentedLine() bool { return false }

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
