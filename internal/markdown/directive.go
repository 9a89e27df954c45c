package markdown

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"docsgen/internal/diag"
)

// This file holds block directives, the way pages use components:
//
//	::errors{category="rate-limit"}
//	::status-table
//
// A directive is a line of its own: two colons, a name (a letter, then
// letters, digits, '-' or '_'), and optionally attributes in braces, each
// key="value" with \" and \\ as the only escapes, separated by spaces.
// Options.Directives says which names exist, which attributes each accepts
// and requires, and renders them; the HTML is inserted as is.
//
// Only a registered name makes a line a directive, and only when nothing
// but attributes in braces follows it: "::before and ::after", "::std::vector"
// or an unregistered "::name" stay text as written. An unregistered name
// that looks meant as a directive (braces follow it, or it is a likely typo
// of a registered one) is shown as text with a warning.
//
// Every directive also takes search="false": the component renders as
// usual, but the search entries it contributes (Output.Sections) are left
// out, so a demo of a table on a page about writing docs does not repeat
// the reference's results.

// kindDirective is the NodeKind of Directive.
var kindDirective = ast.NewNodeKind("Directive")

// directiveNode is a ::name{...} line.
type directiveNode struct {
	ast.BaseBlock
	// Name is the directive's name as written.
	Name string
	// Attrs are the attributes in the order written.
	Attrs []attr
	// Off is the byte offset of the leading "::".
	Off int
	// Output is what the directive rendered (set by the transformer).
	Output Output

	bad     bool // a syntax error was reported; do not render
	example bool // search="false": keep its sections out of search
}

// attr is one key="value" attribute of a directive.
type attr struct {
	Key, Value string
	// Off is the key's byte offset within the attribute text.
	Off int
}

// Kind implements ast.Node.
func (n *directiveNode) Kind() ast.NodeKind { return kindDirective }

// Offset is where the directive starts.
func (n *directiveNode) Offset() int { return n.Off }

// Dump implements ast.Node.
func (n *directiveNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name}, nil)
}

var (
	_ goldmark.Extender     = (*directives)(nil)
	_ parser.BlockParser    = (*directiveParser)(nil)
	_ parser.ASTTransformer = (*directiveTransformer)(nil)
	_ renderer.NodeRenderer = (*directiveRenderer)(nil)
)

// directives is the extender for block directives.
type directives struct {
	key  parser.ContextKey
	defs map[string]Directive
}

func (e *directives) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(&directiveParser{key: e.key, defs: e.defs}, 95)),
		parser.WithASTTransformers(util.Prioritized(&directiveTransformer{key: e.key, defs: e.defs}, prioDirectives)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(&directiveRenderer{}, 100),
	))
}

type directiveParser struct {
	key  parser.ContextKey
	defs map[string]Directive
}

func (p *directiveParser) Trigger() []byte { return []byte{':'} }

func (p *directiveParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos+2 >= len(line) || line[pos] != ':' || line[pos+1] != ':' || !isLetter(line[pos+2]) {
		return nil, parser.NoChildren
	}
	off := seg.Start + pos - seg.Padding
	l := strings.TrimRight(string(line[pos+2:]), " \t\r\n")
	end := 0
	for end < len(l) && isNameByte(l[end]) {
		end++
	}
	d := docOf(pc, p.key)
	rest := l[end:]
	if !p.isDirective(d, l[:end], rest, off) {
		return nil, parser.NoChildren
	}
	n := &directiveNode{Name: l[:end], Off: off}
	reader.AdvanceToEOL()
	if rest == "" {
		return n, parser.NoChildren
	}
	restOff := off + 2 + end
	if rest[0] != '{' {
		n.bad = true
		if d != nil {
			trimmed := strings.TrimLeft(rest, " \t")
			at := restOff + len(rest) - len(trimmed)
			if trimmed[0] == '{' {
				d.errorf(restOff, `write the braces right after the name: ::`+n.Name+`{key="value"}`, "space between directive name and {")
			} else {
				d.errorf(at, `a directive line holds only ::name{key="value"}`, "unexpected %q after directive name", firstRune(trimmed))
			}
		}
		return n, parser.NoChildren
	}
	attrs, err := parseAttrs(rest)
	if err != nil {
		n.bad = true
		if d != nil {
			var ae *attrError
			if errors.As(err, &ae) {
				d.errorf(restOff+ae.Off, ae.Hint, "%s", ae.Msg)
			}
		}
		return n, parser.NoChildren
	}
	for i := range attrs {
		attrs[i].Off += restOff
	}
	n.Attrs = attrs
	return n, parser.NoChildren
}

// isDirective reports whether a line starting "::name" followed by rest is
// a directive: name is registered and rest is empty or attributes in
// braces. For an unregistered name that looks meant as a directive it
// warns (once per line) that the line is shown as text.
func (p *directiveParser) isDirective(d *document, name, rest string, off int) bool {
	braces := strings.HasPrefix(strings.TrimLeft(rest, " \t"), "{")
	if rest != "" && !braces {
		return false
	}
	if _, ok := p.defs[name]; ok {
		return true
	}
	known := make([]string, 0, len(p.defs))
	for k := range p.defs {
		known = append(known, k)
	}
	sort.Strings(known)
	if d != nil && (braces || nearest(name, known) != "") && d.warnOnce(off) {
		d.warnf(off+2, unknownHint("directive", known, name), "unknown directive %q: the line is shown as text", name)
	}
	return false
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func firstRune(s string) string {
	for _, r := range s {
		return string(r)
	}
	return ""
}

func (p *directiveParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return parser.Close
}

func (p *directiveParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

func (p *directiveParser) CanInterruptParagraph() bool { return true }

func (p *directiveParser) CanAcceptIndentedLine() bool { return false }

// attrError is a syntax error in directive attributes.
type attrError struct {
	// Off is the byte offset of the problem in the attribute text.
	Off  int
	Msg  string
	Hint string
}

func (e *attrError) Error() string { return e.Msg }

// parseAttrs parses directive attributes written as
// {key="value" other="v"}: the braces, then key="value" pairs separated by
// spaces or tabs, values double-quoted with \" and \\ escapes. Nothing may
// follow the closing brace but spaces. Keys start with a letter or '_' and
// go on with letters, digits, '-' or '_'; a key given twice is an error.
// Errors are *attrError with the offset of the problem.
func parseAttrs(s string) ([]attr, error) {
	const syntax = `write attributes as {key="value" other="value"}`
	fail := func(off int, hint, format string, args ...any) ([]attr, error) {
		return nil, &attrError{Off: off, Msg: fmt.Sprintf(format, args...), Hint: hint}
	}
	if s == "" || s[0] != '{' {
		return fail(0, syntax, "directive attributes must start with {")
	}
	var attrs []attr
	i := 1
	skip := func() {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
	}
	for {
		skip()
		if i >= len(s) {
			return fail(i, "add } after the last attribute", "unclosed { in directive attributes")
		}
		if s[i] == '}' {
			i++
			break
		}
		if len(attrs) > 0 && s[i-1] != ' ' && s[i-1] != '\t' {
			return fail(i, "separate attributes with a space", "missing space between directive attributes")
		}
		start := i
		if !isLetter(s[i]) && s[i] != '_' {
			return fail(i, syntax, "unexpected %q in directive attributes: expected an attribute name", firstRune(s[i:]))
		}
		for i < len(s) && isNameByte(s[i]) {
			i++
		}
		key := s[start:i]
		skip()
		if i >= len(s) || s[i] != '=' {
			return fail(start, syntax, "attribute %q needs a value: %s=\"...\"", key, key)
		}
		i++
		skip()
		if i >= len(s) || s[i] != '"' {
			return fail(i, `put the value in double quotes: `+key+`="..."`, "value of attribute %q must be double-quoted", key)
		}
		v, n, msg := quoted(s[i:])
		if msg != "" {
			return fail(i+n, `close the value with "; write \" for a quote and \\ for a backslash`, "%s in attribute %q", msg, key)
		}
		for _, a := range attrs {
			if a.Key == key {
				return fail(start, "give each attribute once", "attribute %q given twice", key)
			}
		}
		attrs = append(attrs, attr{Key: key, Value: v, Off: start})
		i += n
	}
	skip()
	if i < len(s) {
		return fail(i, "nothing may follow the closing }", "unexpected %q after directive attributes", firstRune(s[i:]))
	}
	return attrs, nil
}

// directiveTransformer checks directives against Options.Directives and
// renders them.
type directiveTransformer struct {
	key  parser.ContextKey
	defs map[string]Directive
}

func (t *directiveTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	d := docOf(pc, t.key)
	if d == nil {
		return
	}
	found := d.index(doc).directives
	if len(found) == 0 {
		return
	}
	for _, n := range found {
		t.render(d, n)
	}
}

func (t *directiveTransformer) render(d *document, n *directiveNode) {
	def := t.defs[n.Name]
	if n.bad {
		return
	}
	attrs := make(map[string]string, len(n.Attrs))
	for _, a := range n.Attrs {
		if a.Key == searchAttr && !slices.Contains(def.Attrs, a.Key) {
			switch a.Value {
			case "false":
				n.example = true
			case "true":
			default:
				d.errorf(a.Off, `write search="false" to keep the directive's entries out of search`, "search=%q for ::%s is not true or false", a.Value, n.Name)
				n.bad = true
			}
			continue
		}
		if !slices.Contains(def.Attrs, a.Key) {
			hint := "::" + n.Name + " takes no attributes"
			if len(def.Attrs) > 0 {
				hint = "::" + n.Name + " accepts: " + strings.Join(def.Attrs, ", ")
				if near := nearest(a.Key, def.Attrs); near != "" {
					hint = "did you mean " + near + "? " + hint
				}
			}
			d.errorf(a.Off, hint, "unknown attribute %q for ::%s", a.Key, n.Name)
			n.bad = true
		}
		attrs[a.Key] = a.Value
	}
	for _, req := range def.Required {
		if _, ok := attrs[req]; !ok {
			d.errorf(n.Off, "add "+req+`="..." inside the braces`, "::%s needs attribute %q", n.Name, req)
			n.bad = true
		}
	}
	if n.bad || def.Render == nil {
		return
	}
	out, err := def.Render(attrs)
	if err != nil {
		var dg diag.Diagnostic
		if errors.As(err, &dg) {
			d.errorf(n.Off, dg.Hint, "::%s: %s", n.Name, dg.Msg)
		} else {
			d.errorf(n.Off, "check the attributes and the data ::"+n.Name+" reads", "::%s: %v", n.Name, err)
		}
		n.bad = true
		return
	}
	n.Output = out
	for _, id := range out.IDs {
		d.claim(id, n.Off, "::"+n.Name)
	}
}

// searchAttr is the attribute every directive takes: search="false" keeps
// its sections out of search.
const searchAttr = "search"

// directiveRenderer inserts a directive's HTML as it is.
type directiveRenderer struct{}

func (r *directiveRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindDirective, r.render)
}

func (r *directiveRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*directiveNode)
	if entering && !n.bad && n.Output.HTML != "" {
		_, _ = w.WriteString(n.Output.HTML)
		if !strings.HasSuffix(n.Output.HTML, "\n") {
			_ = w.WriteByte('\n')
		}
	}
	return ast.WalkContinue, nil
}
