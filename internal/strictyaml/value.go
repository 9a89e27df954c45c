package strictyaml

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// maxExpansion bounds the nodes Value produces, aliases included, so that
// a few lines of nested aliases cannot expand into millions of values.
const maxExpansion = 10000

// Value converts n into plain Go values: map[string]any, []any, string,
// int (int64 or uint64 past 32 bits), float64, bool and nil. Aliases are
// resolved. It reports keys that are not names, keys given twice, and
// values past maxExpansion, and returns false after any of them.
func (d *Decoder) Value(n ast.Node, what string) (any, bool) {
	budget := maxExpansion
	v, ok := d.value(n, what, &budget)
	if !ok {
		return nil, false
	}
	return v, true
}

func (d *Decoder) value(n ast.Node, what string, budget *int) (any, bool) {
	*budget--
	if *budget < 0 {
		if *budget == -1 {
			d.Add(d.At(n).Errorf("%s expands into more than %d values", what, maxExpansion).
				WithHint("write fewer aliases (*name)"))
		}
		return nil, false
	}
	switch v := Unwrap(n).(type) {
	case nil, *ast.NullNode:
		return nil, true
	case *ast.AliasNode:
		target, ok := d.anchors[v.Value.GetToken().Value]
		if !ok {
			d.Add(d.At(v).Errorf("%s uses the alias %s, which no anchor defines", what, v.Value.GetToken().Value).
				WithHint("define &%s before using it", v.Value.GetToken().Value))
			return nil, false
		}
		return d.value(target, what, budget)
	case *ast.IntegerNode:
		if i, ok := IntValue(v); ok {
			return i, true
		}
		return v.Value, true
	case *ast.FloatNode:
		return v.Value, true
	case *ast.BoolNode:
		return v.Value, true
	case *ast.SequenceNode:
		out := make([]any, 0, len(v.Values))
		ok := true
		for _, item := range v.Values {
			x, fine := d.value(item, what, budget)
			ok = ok && fine
			out = append(out, x)
		}
		return out, ok
	case *ast.MappingNode, *ast.MappingValueNode:
		return d.mapValue(v, what, budget)
	}
	if s, ok := d.text(n); ok {
		return s, true
	}
	d.Add(d.At(n).Errorf("%s holds %s, which is not a value", what, Kind(n)).
		WithHint("use strings, numbers, true/false, null, lists and mappings"))
	return nil, false
}

func (d *Decoder) mapValue(n ast.Node, what string, budget *int) (map[string]any, bool) {
	out := map[string]any{}
	ok := d.eachKey(n, what, "use names as keys", func(name string, v ast.Node) bool {
		x, fine := d.value(v, what, budget)
		out[name] = x
		return fine
	})
	return out, ok
}

// eachKey calls f with each key of the mapping n that is a name given
// once, in the order written, and reports every other key. It returns
// false when a key was refused or f returned false.
func (d *Decoder) eachKey(n ast.Node, what, hint string, f func(name string, v ast.Node) bool) bool {
	seen := map[string]Pos{}
	ok := true
	for _, mv := range pairs(n) {
		key, isStr := Unwrap(mv.Key).(*ast.StringNode)
		if !isStr {
			d.Add(d.At(mv.Key).Errorf("%s has a key that is not a name: %s", what, strings.TrimSpace(mv.Key.String())).
				WithHint("%s", hint))
			ok = false
			continue
		}
		if first, dup := seen[key.Value]; dup {
			d.Add(d.At(mv.Key).Errorf("%s has the key %q twice (first at %s)", what, key.Value, first).
				WithHint("remove one of the two"))
			ok = false
			continue
		}
		seen[key.Value] = d.At(mv.Key)
		ok = f(key.Value, mv.Value) && ok
	}
	return ok
}

func pairs(n ast.Node) []*ast.MappingValueNode {
	if m, ok := n.(*ast.MappingNode); ok {
		return m.Values
	}
	return []*ast.MappingValueNode{n.(*ast.MappingValueNode)}
}

// JSON converts a YAML value into compact JSON, keeping the order of
// mapping keys, so that examples print the way their authors wrote them.
// Aliases are refused: JSON has none.
func (d *Decoder) JSON(n ast.Node, what string) (json.RawMessage, bool) {
	var b strings.Builder
	ok := d.writeJSON(&b, n, what)
	return json.RawMessage(b.String()), ok
}

func (d *Decoder) writeJSON(b *strings.Builder, n ast.Node, what string) bool {
	n = Unwrap(n)
	switch v := n.(type) {
	case nil, *ast.NullNode:
		b.WriteString("null")
	case *ast.StringNode, *ast.LiteralNode:
		s, _ := StringValue(v)
		b.Write(JSONString(s))
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
		return d.writeJSONObject(b, v, what)
	default:
		d.Add(d.At(n).Errorf("%s holds %s, which JSON cannot show", what, Kind(n)).
			WithHint("use strings, numbers, true/false, null, lists and mappings"))
		b.WriteString("null")
		return false
	}
	return true
}

func (d *Decoder) writeJSONObject(b *strings.Builder, n ast.Node, what string) bool {
	b.WriteByte('{')
	first := true
	ok := d.eachKey(n, what, "use names as keys, such as required_credits", func(name string, v ast.Node) bool {
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.Write(JSONString(name))
		b.WriteByte(':')
		return d.writeJSON(b, v, what)
	})
	b.WriteByte('}')
	return ok
}

// JSONString encodes s as a JSON string, leaving <, > and & as they are
// (the output is shown as text or served as JSON, never inlined in HTML).
func JSONString(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}
