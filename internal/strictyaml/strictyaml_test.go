package strictyaml

import (
	"reflect"
	"strings"
	"testing"

	"docsgen/internal/diag"
)

// settings is a block of settings for the tests, worded as front matter.
var settings = Mapping{
	What: "front matter", Key: "setting", Known: []string{"title", "weight", "draft", "tags", "extra"},
	Takes: map[string]string{"title": "text", "weight": "a whole number", "draft": "true or false", "tags": "a list", "extra": "anything"},
}

// record is a data record for the tests.
var record = Mapping{What: "a status", Known: []string{"code", "text"}}

func lines(l diag.List) string {
	var out []string
	for _, d := range l {
		out = append(out, d.Error())
	}
	return strings.Join(out, "\n")
}

// decode parses src (shown as f.yaml, starting on line 2 of the file) and
// reads every key of m the way the package's users do.
func decode(m Mapping, src string) (got map[string]any, unknown []string, diags diag.List) {
	d, body, ok := Parse(Source{File: "f.yaml", LineOffset: 1, Name: "the test", Invalid: "invalid test: "}, []byte(src), &diags)
	if !ok || body == nil {
		return nil, nil, diags
	}
	o, ok := d.Mapping(body, m)
	if !ok {
		return nil, nil, diags
	}
	got = map[string]any{}
	for _, k := range m.Known {
		if !o.Has(k) {
			continue
		}
		switch k {
		case "title":
			got[k], _ = o.Text(k)
		case "text":
			got[k], _ = o.Str(k, true)
		case "weight", "code":
			got[k], _ = o.Int(k, k == "code")
		case "draft":
			got[k], _ = o.Bool(k, false)
		case "tags":
			got[k], _ = o.Strings(k)
		case "extra":
			got[k], _ = d.Value(o.Value(k, false), k)
		}
	}
	if !o.Has("code") && m.What == record.What {
		o.Value("code", true) // reports the missing key
	}
	diags.Sort()
	for _, f := range o.Unknown {
		unknown = append(unknown, f.Name+"@"+f.Pos.String())
	}
	return got, unknown, diags
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name    string
		m       Mapping
		src     string
		want    map[string]any
		unknown []string
		diags   string
	}{
		{"settings", settings, "title: 404\nweight: 3\ndraft: true\ntags: [a, 2]\n",
			map[string]any{"title": "404", "weight": 3, "draft": true, "tags": []string{"a", "2"}}, nil, ""},
		{"values and aliases", settings, "extra: {a: &x [1, 2.5, null], b: *x, c: 'q'}\n",
			map[string]any{"extra": map[string]any{"a": []any{1, 2.5, nil}, "b": []any{1, 2.5, nil}, "c": "q"}}, nil, ""},
		{"empty text", settings, "# only a comment\n", nil, nil, ""},
		{"wrong types", settings, "title: [x]\nweight: heavy\ndraft: maybe\ntags: x\n",
			map[string]any{"title": "", "weight": 0, "draft": false, "tags": []string(nil)}, nil,
			"f.yaml:2:8: error: setting title has the wrong type; it takes text\n" +
				"f.yaml:3:9: error: setting weight has the wrong type; it takes a whole number\n" +
				"f.yaml:4:8: error: setting draft has the wrong type; it takes true or false\n" +
				"f.yaml:5:7: error: setting tags has the wrong type; it takes a list"},
		{"too large", settings, "weight: 99999999999999999999\n", map[string]any{"weight": 0}, nil,
			"f.yaml:2:9: error: setting weight is too large; it takes a whole number"},
		{"twice", settings, "title: a\ntitle: b\n", map[string]any{"title": "a"}, nil,
			"f.yaml:3:1: error: setting title appears twice (first on line 2); remove one of the two lines"},
		{"unknown kept, typo refused", Mapping{What: settings.What, Key: settings.Key, Known: settings.Known, Takes: settings.Takes, Unknown: Keep},
			"author: A\ntitel: T\nauthor: B\n", map[string]any{}, []string{"author@f.yaml:2:1"},
			"f.yaml:3:1: error: unknown setting \"titel\"; did you mean \"title\"? (known keys: title, weight, draft, tags, extra)\n" +
				"f.yaml:4:1: error: setting author appears twice (first on line 2); remove one of the two lines"},
		{"unknown refused", settings, "colour: x\n", map[string]any{}, nil,
			"f.yaml:2:1: error: unknown setting \"colour\"; known keys: title, weight, draft, tags, extra"},
		{"not a mapping", settings, "- a\n", nil, nil,
			"f.yaml:2:1: error: front matter must be key: value lines; write one key: value per line, such as title: Rate limits"},
		{"record", record, "code: 200\ntext: OK\n", map[string]any{"code": 200, "text": "OK"}, nil, ""},
		{"record wording", record, "code: OK\ntext: 5\ncolour: x\ntext: y\n", map[string]any{"code": 0, "text": ""}, nil,
			"f.yaml:2:7: error: code must be a whole number, got a string; write digits without quotes, such as 429\n" +
				"f.yaml:3:7: error: text must be a string, got an integer; put the value in quotes if it is meant as text\n" +
				"f.yaml:4:1: error: unknown key \"colour\" in a status; known keys: code, text\n" +
				"f.yaml:5:1: error: a status has the key \"text\" twice (first at f.yaml:3:1); remove one of the two"},
		{"record missing key", record, "text: OK\n", map[string]any{"text": "OK"}, nil,
			"f.yaml:2:1: error: a status is missing the required key \"code\"; add a line \"code: ...\" to it"},
		{"record not a mapping", record, "[1]\n", nil, nil,
			"f.yaml:2:1: error: a status must be a mapping of keys to values, got a list; write it as key: value lines (known keys: code, text)"},
		{"syntax", settings, "title: [x\n", nil, nil,
			"f.yaml:2:8: error: invalid test: sequence end token ']' not found; fix the YAML syntax at this position"},
		{"valueless tag", settings, "tags: !x\n", nil, nil,
			"f.yaml:2:7: error: YAML tag !x has no value; remove the tag; the test needs no tags"},
		{"two documents", settings, "title: a\n---\ntitle: b\n", nil, nil,
			"f.yaml:4:1: error: more than one YAML document in the file; remove the \"---\" separator and merge the sections into one mapping"},
		{"nesting", settings, "extra: " + strings.Repeat("[", 101), nil, nil,
			"f.yaml:2:108: error: YAML nested more than 100 deep; flatten the data; no docsgen setting needs this depth"},
		{"alias bomb", settings, "extra:\n  a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
			map[string]any{"extra": nil}, nil,
			"f.yaml:3:13: error: extra expands into more than 10000 values; write fewer aliases (*name)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, unknown, diags := decode(tt.m, tt.src)
			if lines(diags) != tt.diags {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", lines(diags), tt.diags)
			}
			if len(tt.want) > 0 && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
			if !reflect.DeepEqual(unknown, tt.unknown) {
				t.Errorf("unknown %v, want %v", unknown, tt.unknown)
			}
		})
	}
}

func TestJSON(t *testing.T) {
	tests := []struct{ src, want, diags string }{
		{"x: {b: 1, a: [true, null, 'c<d'], f: 1.5}\n", `{"b":1,"a":[true,null,"c<d"],"f":1.5}`, ""},
		{"x: {a: &q 1, b: *q}\n", "", "f.yaml:2:17: error: x holds an alias, which JSON cannot show"},
	}
	for _, tt := range tests {
		var diags diag.List
		d, body, _ := Parse(Source{File: "f.yaml", LineOffset: 1}, []byte(tt.src), &diags)
		o, _ := d.Mapping(body, Mapping{What: "t", Known: []string{"x"}})
		js, ok := d.JSON(o.Value("x", true), "x")
		if tt.diags == "" && (!ok || string(js) != tt.want) {
			t.Errorf("%q: got %s (%v), want %s", tt.src, js, lines(diags), tt.want)
		}
		if tt.diags != "" && (ok || !strings.HasPrefix(lines(diags), tt.diags)) {
			t.Errorf("%q: got %q, want %q", tt.src, lines(diags), tt.diags)
		}
	}
}

func TestClosest(t *testing.T) {
	known := []string{"title", "weight", "description", "toc", "rawHTML"}
	for _, c := range []struct{ in, want string }{
		{"titel", "title"}, {"wieght", "weight"}, {"descripton", "description"}, {"rawhtml", "rawHTML"},
		{"tag", ""}, {"id", ""}, {"author", ""}, {"tags", ""},
	} {
		if got := Closest(c.in, known); got != c.want {
			t.Errorf("Closest(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzParse checks that no text makes Parse or the decoding panic, and that
// every problem points inside the text.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"title: a\n", "a: &x [*x]\n", "extra: !x\n", "? [a]\n: b\n", "<<: *b\n", "- - - x", "extra: {a: 1, a: 2}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		m := settings
		m.Unknown = Keep
		_, _, diags := decode(m, src)
		// YAML ends a line at LF, CRLF or a lone CR; the text starts on line 2.
		n := strings.Count(strings.ReplaceAll(strings.ReplaceAll(src, "\r\n", "\n"), "\r", "\n"), "\n") + 2
		for _, d := range diags {
			if d.Line < 0 || d.Line > n+1 {
				t.Fatalf("%q: %v points outside the text", src, d)
			}
		}
	})
}
