package strictyaml

import (
	"fmt"
	"math"
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

// Has reports whether key is present with a non-null value.
func (o *Object) Has(key string) bool {
	mv, ok := o.vals[key]
	if !ok || mv.Value == nil {
		return false
	}
	_, null := Unwrap(mv.Value).(*ast.NullNode)
	return !null
}

// Value returns the node of key, nil when it is absent or null. A missing
// required key is reported at the start of the mapping.
func (o *Object) Value(key string, required bool) ast.Node {
	if o.Has(key) {
		return o.vals[key].Value
	}
	if !required {
		return nil
	}
	if mv, ok := o.vals[key]; ok {
		o.d.Add(o.d.At(mv.Key).Errorf("%s has no value for the required key %q", o.m.What, key).
			WithHint("give %s a value", key))
		return nil
	}
	o.d.Add(o.d.At(o.node).Errorf("%s is missing the required key %q", o.m.What, key).
		WithHint("add a line %q to it", key+": ..."))
	return nil
}

// KeyPos is the position of key's key, or of the mapping when the key is
// absent.
func (o *Object) KeyPos(key string) Pos {
	if mv, ok := o.vals[key]; ok {
		return o.d.At(mv.Key)
	}
	return o.d.At(o.node)
}

// wrong reports a value of the wrong type: as a setting that "takes"
// something, or as a record's field that "must be" something.
func (o *Object) wrong(key string, n ast.Node, mustBe, hint string) {
	p := o.d.At(n)
	if o.m.Takes != nil {
		o.d.Add(p.Errorf("%s %s has the wrong type", o.m.Key, key).WithHint("it takes %s", o.m.Takes[key]))
		return
	}
	o.d.Add(p.Errorf("%s must be %s, got %s", key, mustBe, Kind(n)).WithHint("%s", hint))
}

// Str reads a string; a number or boolean is the wrong type. Required
// strings must not be blank.
func (o *Object) Str(key string, required bool) (string, Pos) {
	n := o.Value(key, required)
	if n == nil {
		return "", o.KeyPos(key)
	}
	p := o.d.At(n)
	s, ok := stringValue(n)
	if !ok {
		o.wrong(key, n, "a string", "put the value in quotes if it is meant as text")
		return "", p
	}
	if required && strings.TrimSpace(s) == "" {
		o.d.Add(p.Errorf("%s must not be empty", key).WithHint("write the %s", key))
	}
	return s, p
}

// Text reads text: a string, or a number or boolean as written
// ("title: 404" is the text 404).
func (o *Object) Text(key string) (string, Pos) {
	n := o.Value(key, false)
	if n == nil {
		return "", o.KeyPos(key)
	}
	s, ok := o.d.text(n)
	if !ok {
		o.wrong(key, n, "text", "put the value in quotes if it is meant as text")
	}
	return s, o.d.At(n)
}

// text returns a scalar as text.
func (d *Decoder) text(n ast.Node) (string, bool) {
	if s, ok := stringValue(n); ok {
		return s, true
	}
	switch v := Unwrap(n).(type) {
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return v.GetToken().Value, true
	}
	return "", false
}

func stringValue(n ast.Node) (string, bool) {
	switch v := Unwrap(n).(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		return v.Value.Value, true
	}
	return "", false
}

// Int reads a whole number that fits in 32 bits.
func (o *Object) Int(key string, required bool) (int, Pos) {
	n := o.Value(key, required)
	if n == nil {
		return 0, o.KeyPos(key)
	}
	p := o.d.At(n)
	v, ok := IntValue(n)
	switch {
	case ok:
	case tooLarge(n):
		if o.m.Takes != nil {
			o.d.Add(p.Errorf("%s %s is too large", o.m.Key, key).WithHint("it takes %s", o.m.Takes[key]))
		} else {
			o.d.Add(p.Errorf("%s is too large", key).WithHint("write a number below %d", math.MaxInt32))
		}
	default:
		o.wrong(key, n, "a whole number", "write digits without quotes, such as 429")
	}
	return v, p
}

// IntValue returns n as a whole number when it is one that fits in 32 bits.
func IntValue(n ast.Node) (int, bool) {
	iv, ok := Unwrap(n).(*ast.IntegerNode)
	if !ok {
		return 0, false
	}
	switch x := iv.Value.(type) {
	case int64:
		if x > math.MaxInt32 || x < math.MinInt32 {
			return 0, false
		}
		return int(x), true
	case uint64:
		if x > math.MaxInt32 {
			return 0, false
		}
		return int(x), true
	}
	return 0, false
}

// tooLarge reports an integer past 32 bits, which the parser gives as an
// integer, or as a plain string when it is past 64 bits.
func tooLarge(n ast.Node) bool {
	switch v := Unwrap(n).(type) {
	case *ast.IntegerNode:
		return true // IntValue refused it
	case *ast.StringNode:
		digits := strings.TrimLeft(v.Value, "+-")
		return v.Token.Type == token.StringType && digits != "" && strings.Trim(digits, "0123456789") == ""
	}
	return false
}

// Bool reads true or false.
func (o *Object) Bool(key string, required bool) (bool, Pos) {
	n := o.Value(key, required)
	if n == nil {
		return false, o.KeyPos(key)
	}
	p := o.d.At(n)
	b, ok := Unwrap(n).(*ast.BoolNode)
	if !ok {
		o.wrong(key, n, "true or false", "write true or false without quotes")
		return false, p
	}
	return b.Value, p
}

// List reads a sequence and returns its items.
func (o *Object) List(key string, required bool) []ast.Node {
	n := o.Value(key, required)
	if n == nil {
		return nil
	}
	if o.m.Takes != nil {
		seq, ok := Unwrap(n).(*ast.SequenceNode)
		if !ok {
			o.wrong(key, n, "a list", "")
			return nil
		}
		return seq.Values
	}
	return o.d.Sequence(n, key)
}

// Strings reads a list of texts, such as aliases: [/a/, /b/], with the
// position of each.
func (o *Object) Strings(key string) ([]string, []Pos) {
	var out []string
	var at []Pos
	for _, item := range o.List(key, false) {
		s, ok := o.d.text(item)
		if !ok {
			o.wrong(key, item, "a list of texts", "write one text per item")
			continue
		}
		out = append(out, s)
		at = append(at, o.d.At(item))
	}
	return out, at
}

// Sequence checks that n is a list and returns its items.
func (d *Decoder) Sequence(n ast.Node, what string) []ast.Node {
	seq, ok := Unwrap(n).(*ast.SequenceNode)
	if !ok {
		d.Add(d.At(n).Errorf("%s must be a list, got %s", what, Kind(n)).
			WithHint("write one item per line, each starting with \"- \""))
		return nil
	}
	return seq.Values
}

// EntryPos returns the position of the i-th item of the list n: its "-"
// in block style, the item itself in flow style.
func (d *Decoder) EntryPos(n ast.Node, i int) Pos {
	seq, ok := Unwrap(n).(*ast.SequenceNode)
	if !ok || i >= len(seq.Values) {
		return d.At(n)
	}
	if i < len(seq.Entries) && seq.Entries[i] != nil && seq.Entries[i].Start != nil {
		return d.tokenPos(seq.Entries[i].Start)
	}
	return d.At(seq.Values[i])
}

// Present reports whether key is given, even with a null value.
func (o *Object) Present(key string) bool {
	_, ok := o.vals[key]
	return ok
}
