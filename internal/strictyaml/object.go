package strictyaml

// This file reads the values of a checked mapping (an Object) and of lists.

import (
	"math"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

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
	s, ok := StringValue(n)
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
	if s, ok := StringValue(n); ok {
		return s, true
	}
	switch v := Unwrap(n).(type) {
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return v.GetToken().Value, true
	}
	return "", false
}

// StringValue returns n as a string when it is one (plain, quoted or a
// literal block).
func StringValue(n ast.Node) (string, bool) {
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
