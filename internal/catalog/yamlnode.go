package catalog

// This file reads goccy/go-yaml syntax trees into Go values by hand, so that
// every problem is reported at the exact node it is about and decoding goes
// on after the first problem (a reflection decoder stops at the first).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"docsgen/internal/diag"
	"docsgen/internal/suggest"
)

// pos is a position in a data file, kept on decoded values for the checks
// that run after decoding (duplicates, references).
type pos struct {
	File      string
	Line, Col int
}

func (p pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// errorf returns an error Diagnostic at p.
func (p pos) errorf(format string, args ...any) diag.Diagnostic {
	return diag.Errorf(p.File, p.Line, p.Col, format, args...)
}

// decoder reads the nodes of one file and collects its diagnostics.
type decoder struct {
	file  string // the path shown to authors
	diags *diag.List
}

// at returns the position of n: the first key of a block mapping, the
// opening token otherwise.
func (d *decoder) at(n ast.Node) pos {
	n = unwrap(n)
	if m, ok := n.(*ast.MappingNode); ok && !m.IsFlowStyle && len(m.Values) > 0 {
		return d.at(m.Values[0].Key)
	}
	if mv, ok := n.(*ast.MappingValueNode); ok {
		return d.at(mv.Key)
	}
	if n == nil {
		return pos{File: d.file}
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return pos{File: d.file}
	}
	return pos{File: d.file, Line: tk.Position.Line, Col: tk.Position.Column}
}

func (d *decoder) add(ds diag.Diagnostic) { d.diags.Add(ds) }

// unwrap skips tags (!!str) and anchors (&a), which carry no data of their own.
func unwrap(n ast.Node) ast.Node {
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

// kindOf names a node's YAML type for messages: "a string", "a list"...
func kindOf(n ast.Node) string {
	switch v := unwrap(n).(type) {
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

// object is a decoded YAML mapping whose keys have been checked against
// the keys its type knows.
type object struct {
	d    *decoder
	node ast.Node
	what string // "error entry", for messages
	vals map[string]*ast.MappingValueNode
}

// mapping checks that n is a mapping with string keys, each known and given
// once. It reports every unknown or repeated key and returns the mapping's
// fields, or false when n is not a mapping at all.
func (d *decoder) mapping(n ast.Node, what string, known ...string) (*object, bool) {
	n = unwrap(n)
	var values []*ast.MappingValueNode
	switch v := n.(type) {
	case *ast.MappingNode:
		values = v.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{v}
	case *ast.AliasNode:
		d.add(d.at(n).errorf("%s is an alias; aliases are not supported in catalog data", what).
			WithHint("write the value out in full"))
		return nil, false
	default:
		d.add(d.at(n).errorf("%s must be a mapping of keys to values, got %s", what, kindOf(n)).
			WithHint("write it as key: value lines (known keys: %s)", strings.Join(known, ", ")))
		return nil, false
	}
	o := &object{d: d, node: n, what: what, vals: make(map[string]*ast.MappingValueNode, len(values))}
	for _, mv := range values {
		key, ok := unwrap(mv.Key).(*ast.StringNode)
		if !ok {
			d.add(d.at(mv.Key).errorf("%s has a key that is not a name: %s", what, strings.TrimSpace(mv.Key.String())).
				WithHint("keys are names such as %s", known[0]))
			continue
		}
		if prev, dup := o.vals[key.Value]; dup {
			d.add(d.at(mv.Key).errorf("%s has the key %q twice (first at %s)", what, key.Value, d.at(prev.Key)).
				WithHint("remove one of the two"))
			continue
		}
		if !contains(known, key.Value) {
			hint := fmt.Sprintf("known keys: %s", strings.Join(known, ", "))
			if near := closest(key.Value, known); near != "" {
				hint = fmt.Sprintf("did you mean %q? (%s)", near, hint)
			}
			d.add(d.at(mv.Key).errorf("unknown key %q in %s", key.Value, what).WithHint("%s", hint))
			continue
		}
		o.vals[key.Value] = mv
	}
	return o, true
}

// value returns the node of key, nil when it is absent or null. A missing
// required key is reported at the start of the mapping.
func (o *object) value(key string, required bool) ast.Node {
	mv, ok := o.vals[key]
	if ok {
		if _, null := unwrap(mv.Value).(*ast.NullNode); !null && mv.Value != nil {
			return mv.Value
		}
		if required {
			o.d.add(o.d.at(mv.Key).errorf("%s has no value for the required key %q", o.what, key).
				WithHint("give %s a value", key))
		}
		return nil
	}
	if required {
		o.d.add(o.d.at(o.node).errorf("%s is missing the required key %q", o.what, key).
			WithHint("add a line %q to it", key+": ..."))
	}
	return nil
}

// has reports whether key is present with a non-null value.
func (o *object) has(key string) bool {
	mv, ok := o.vals[key]
	if !ok || mv.Value == nil {
		return false
	}
	_, null := unwrap(mv.Value).(*ast.NullNode)
	return !null
}

// str reads a string. Required strings must not be blank.
func (o *object) str(key string, required bool) (string, pos) {
	n := o.value(key, required)
	if n == nil {
		return "", o.keyPos(key)
	}
	p := o.d.at(n)
	s, ok := stringValue(n)
	if !ok {
		o.d.add(p.errorf("%s must be a string, got %s", key, kindOf(n)).
			WithHint("put the value in quotes if it is meant as text"))
		return "", p
	}
	if required && strings.TrimSpace(s) == "" {
		o.d.add(p.errorf("%s must not be empty", key).WithHint("write the %s", key))
	}
	return s, p
}

// keyPos is the position of key's key node, or of the mapping when the key
// is absent.
func (o *object) keyPos(key string) pos {
	if mv, ok := o.vals[key]; ok {
		return o.d.at(mv.Key)
	}
	return o.d.at(o.node)
}

func stringValue(n ast.Node) (string, bool) {
	switch v := unwrap(n).(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		return v.Value.Value, true
	}
	return "", false
}

// integer reads a whole number.
func (o *object) integer(key string, required bool) (int, pos) {
	n := o.value(key, required)
	if n == nil {
		return 0, o.keyPos(key)
	}
	p := o.d.at(n)
	v, ok := intValue(n)
	if !ok {
		o.d.add(p.errorf("%s must be a whole number, got %s", key, kindOf(n)).
			WithHint("write digits without quotes, such as 429"))
	}
	return v, p
}

func intValue(n ast.Node) (int, bool) {
	iv, ok := unwrap(n).(*ast.IntegerNode)
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

// boolean reads true or false.
func (o *object) boolean(key string, required bool) (bool, pos) {
	n := o.value(key, required)
	if n == nil {
		return false, o.keyPos(key)
	}
	p := o.d.at(n)
	b, ok := unwrap(n).(*ast.BoolNode)
	if !ok {
		o.d.add(p.errorf("%s must be true or false, got %s", key, kindOf(n)).
			WithHint("write true or false without quotes"))
		return false, p
	}
	return b.Value, p
}

// list reads a sequence and returns its items.
func (o *object) list(key string, required bool) []ast.Node {
	n := o.value(key, required)
	if n == nil {
		return nil
	}
	return o.d.sequence(n, key)
}

// sequence checks that n is a list and returns its items.
func (d *decoder) sequence(n ast.Node, what string) []ast.Node {
	seq, ok := unwrap(n).(*ast.SequenceNode)
	if !ok {
		d.add(d.at(n).errorf("%s must be a list, got %s", what, kindOf(n)).
			WithHint("write one item per line, each starting with \"- \""))
		return nil
	}
	return seq.Values
}

// jsonValue converts a YAML value into compact JSON, keeping the order of
// mapping keys, so that examples print the way their authors wrote them.
func (d *decoder) jsonValue(n ast.Node, what string) (json.RawMessage, bool) {
	var b strings.Builder
	ok := d.writeJSON(&b, n, what)
	return json.RawMessage(b.String()), ok
}

func (d *decoder) writeJSON(b *strings.Builder, n ast.Node, what string) bool {
	n = unwrap(n)
	switch v := n.(type) {
	case nil, *ast.NullNode:
		b.WriteString("null")
	case *ast.StringNode, *ast.LiteralNode:
		s, _ := stringValue(v)
		writeJSONString(b, s)
	case *ast.IntegerNode:
		switch x := v.Value.(type) {
		case int64:
			b.WriteString(strconv.FormatInt(x, 10))
		case uint64:
			b.WriteString(strconv.FormatUint(x, 10))
		}
	case *ast.FloatNode:
		b.WriteString(strconv.FormatFloat(v.Value, 'g', -1, 64))
	case *ast.BoolNode:
		b.WriteString(strconv.FormatBool(v.Value))
	case *ast.SequenceNode:
		b.WriteByte('[')
		ok := true
		for i, item := range v.Values {
			if i > 0 {
				b.WriteByte(',')
			}
			ok = d.writeJSON(b, item, what) && ok
		}
		b.WriteByte(']')
		return ok
	case *ast.MappingNode, *ast.MappingValueNode:
		values := []*ast.MappingValueNode{}
		if m, isMap := v.(*ast.MappingNode); isMap {
			values = m.Values
		} else {
			values = append(values, v.(*ast.MappingValueNode))
		}
		b.WriteByte('{')
		ok := true
		seen := map[string]pos{}
		for i, mv := range values {
			key, isStr := unwrap(mv.Key).(*ast.StringNode)
			if !isStr {
				d.add(d.at(mv.Key).errorf("%s has a key that is not a name: %s", what, strings.TrimSpace(mv.Key.String())).
					WithHint("use names as keys, such as required_credits"))
				ok = false
				continue
			}
			if first, dup := seen[key.Value]; dup {
				d.add(d.at(mv.Key).errorf("%s has the key %q twice (first at %s)", what, key.Value, first).
					WithHint("remove one of the two"))
				ok = false
				continue
			}
			seen[key.Value] = d.at(mv.Key)
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, key.Value)
			b.WriteByte(':')
			ok = d.writeJSON(b, mv.Value, what) && ok
		}
		b.WriteByte('}')
		return ok
	default:
		d.add(d.at(n).errorf("%s holds %s, which JSON cannot show", what, kindOf(n)).
			WithHint("use strings, numbers, true/false, null, lists and mappings"))
		b.WriteString("null")
		return false
	}
	return true
}

func writeJSONString(b *strings.Builder, s string) {
	b.Write(jsonString(s))
}

// jsonString encodes s as a JSON string, leaving <, > and & as they are
// (the output is shown as text or served as JSON, never inlined in HTML).
func jsonString(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// closest returns the known word nearest to s when it is within two edits.
func closest(s string, known []string) string {
	best, bestDist := "", 3
	sorted := append([]string(nil), known...)
	sort.Strings(sorted)
	for _, k := range sorted {
		if d := suggest.Distance(strings.ToLower(s), k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}
