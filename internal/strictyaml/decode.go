package strictyaml

import (
	"fmt"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"

	"docsgen/internal/diag"
	"docsgen/internal/suggest"
)

// Decoder reads the nodes of one parsed text and collects its problems.
type Decoder struct {
	src     Source
	diags   *diag.List
	anchors map[string]ast.Node
}

// Add reports problems of the text.
func (d *Decoder) Add(ds ...diag.Diagnostic) { d.diags.Add(ds...) }

// At returns the position of n in the file: the first key of a block
// mapping, the opening token otherwise.
func (d *Decoder) At(n ast.Node) Pos {
	n = Unwrap(n)
	if m, ok := n.(*ast.MappingNode); ok && !m.IsFlowStyle && len(m.Values) > 0 {
		return d.At(m.Values[0].Key)
	}
	if mv, ok := n.(*ast.MappingValueNode); ok {
		return d.At(mv.Key)
	}
	if n == nil {
		return Pos{File: d.src.File}
	}
	return d.tokenPos(n.GetToken())
}

func (d *Decoder) tokenPos(tk *token.Token) Pos {
	if tk == nil || tk.Position == nil {
		return Pos{File: d.src.File}
	}
	return Pos{File: d.src.File, Line: tk.Position.Line + d.src.LineOffset, Col: tk.Position.Column}
}

// Unwrap skips tags (!!str) and anchors (&a), which carry no data of their
// own.
func Unwrap(n ast.Node) ast.Node {
	for {
		switch v := n.(type) {
		case *ast.TagNode:
			n = v.Value
		case *ast.AnchorNode:
			n = v.Value
		default:
			return n
		}
	}
}

// Kind names a node's YAML type for messages: "a string", "a list"...
func Kind(n ast.Node) string {
	switch v := Unwrap(n).(type) {
	case nil, *ast.NullNode:
		return "nothing (null)"
	case *ast.StringNode, *ast.LiteralNode:
		return "a string"
	case *ast.IntegerNode:
		return "an integer"
	case *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return "a number"
	case *ast.BoolNode:
		return "a boolean"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.AliasNode:
		return "an alias"
	default:
		return fmt.Sprintf("a %s", v.Type())
	}
}

// Unknown says what Mapping does with a key it does not know.
type Unknown int

const (
	// Reject reports every unknown key as an error.
	Reject Unknown = iota
	// Keep reports an unknown key as an error only when a known key is
	// within two edits of it (a typo); other unknown keys are kept in
	// Object.Unknown.
	Keep
)

// Mapping describes a mapping of keys to values for Decoder.Mapping.
type Mapping struct {
	// What names the mapping in messages: "a status", "front matter".
	What string
	// Key names one of its keys: "front matter key", "site setting";
	// default: unknown keys read `unknown key "x" in <What>`.
	Key string
	// Known lists the keys, in the order hints show them.
	Known []string
	// KnownHint is the hint for an unknown key; default "known keys: "
	// and the list.
	KnownHint string
	// Takes says what each key accepts ("a whole number"). When set, the
	// mapping is a block of settings and its messages are worded as such
	// (see the package comment); default nil, worded as a record.
	Takes map[string]string
	// Unknown is what happens to unknown keys; default Reject.
	Unknown Unknown
}

func (m Mapping) knownHint() string {
	if m.KnownHint != "" {
		return m.KnownHint
	}
	return "known keys: " + strings.Join(m.Known, ", ")
}

// Field is a key of a mapping and its value.
type Field struct {
	Name  string
	Pos   Pos // the key's
	Value ast.Node
}

// Object is a decoded mapping whose keys have been checked.
type Object struct {
	d    *Decoder
	m    Mapping
	node ast.Node
	vals map[string]*ast.MappingValueNode
	// Unknown holds the keys the Mapping does not know, in the order
	// written, when its Unknown is Keep.
	Unknown []Field
}

// Mapping checks that n is a mapping with string keys, each known and given
// once. It reports every problem and returns the mapping's fields, or false
// when n is not a mapping at all.
func (d *Decoder) Mapping(n ast.Node, m Mapping) (*Object, bool) {
	n = Unwrap(n)
	var values []*ast.MappingValueNode
	switch v := n.(type) {
	case *ast.MappingNode:
		values = v.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{v}
	case *ast.AliasNode:
		d.Add(d.At(n).Errorf("%s is an alias; aliases are not supported in %s", m.What, d.src.Name).
			WithHint("write the value out in full"))
		return nil, false
	default:
		if m.Takes != nil {
			d.Add(d.At(n).Errorf("%s must be key: value lines", m.What).
				WithHint("write one key: value per line, such as %s: %s", m.Known[0], example(m.Takes[m.Known[0]])))
			return nil, false
		}
		d.Add(d.At(n).Errorf("%s must be a mapping of keys to values, got %s", m.What, Kind(n)).
			WithHint("write it as key: value lines (known keys: %s)", strings.Join(m.Known, ", ")))
		return nil, false
	}
	o := &Object{d: d, m: m, node: n, vals: make(map[string]*ast.MappingValueNode, len(values))}
	for _, mv := range values {
		o.field(mv)
	}
	return o, true
}

// example is a sample value for the hint of a settings block that is not
// a mapping.
func example(takes string) string {
	if takes == "text" {
		return "Rate limits"
	}
	return "..."
}

// field checks one key of the mapping.
func (o *Object) field(mv *ast.MappingValueNode) {
	d, m := o.d, o.m
	key, ok := Unwrap(mv.Key).(*ast.StringNode)
	if !ok {
		d.Add(d.At(mv.Key).Errorf("%s has a key that is not a name: %s", m.What, strings.TrimSpace(mv.Key.String())).
			WithHint("keys are names such as %s", m.Known[0]))
		return
	}
	at := d.At(mv.Key)
	if prev, dup := o.vals[key.Value]; dup || o.keptAlready(key.Value) {
		if m.Takes != nil {
			first := o.firstLine(key.Value, prev)
			d.Add(at.Errorf("%s %s appears twice (first on line %d)", m.Key, key.Value, first).
				WithHint("remove one of the two lines"))
			return
		}
		d.Add(at.Errorf("%s has the key %q twice (first at %s)", m.What, key.Value, d.At(prev.Key)).
			WithHint("remove one of the two"))
		return
	}
	if slices.Contains(m.Known, key.Value) {
		o.vals[key.Value] = mv
		return
	}
	near := Closest(key.Value, m.Known)
	if m.Unknown == Keep && near == "" {
		o.Unknown = append(o.Unknown, Field{Name: key.Value, Pos: at, Value: mv.Value})
		return
	}
	hint := m.knownHint()
	if near != "" {
		hint = fmt.Sprintf("did you mean %q? (%s)", near, hint)
	}
	msg := fmt.Sprintf("unknown key %q in %s", key.Value, m.What)
	if m.Key != "" {
		msg = fmt.Sprintf("unknown %s %q", m.Key, key.Value)
	}
	d.Add(at.Errorf("%s", msg).WithHint("%s", hint))
}

func (o *Object) keptAlready(name string) bool {
	return slices.ContainsFunc(o.Unknown, func(f Field) bool { return f.Name == name })
}

func (o *Object) firstLine(name string, prev *ast.MappingValueNode) int {
	if prev != nil {
		return o.d.At(prev.Key).Line
	}
	for _, f := range o.Unknown {
		if f.Name == name {
			return f.Pos.Line
		}
	}
	return 0
}

// Closest returns the word of known nearest to s when it is within two
// edits and the edits change less than half of s ("tag" is not a typo of
// "toc"), or "".
func Closest(s string, known []string) string {
	best, bestDist := "", 3
	sorted := slices.Clone(known)
	slices.Sort(sorted)
	for _, k := range sorted {
		if dist := suggest.Distance(strings.ToLower(s), strings.ToLower(k)); dist < bestDist && 2*dist < len(s) {
			best, bestDist = k, dist
		}
	}
	return best
}
