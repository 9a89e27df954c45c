package markdown

import (
	"reflect"
	"strings"
	"testing"
)

// FuzzRender checks that no input makes Render panic, and that every
// diagnostic it returns points inside the document.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		readBenchPage(f),
		":::note\n:::tip\nx\n:::\n",
		":::tabs\n```go\nx\n```\ntext\n:::\n",
		"> [!NOTE]\n> x\n",
		"::errors{category=\"a\\\"b\"}\n::nope{\n",
		"```py title=\"a\" {1-2,x} linenos\ncode",
		"# T\n\n## A {#a}\n\n## A\n\n[^1]\n\n[^1]: n\n",
		"<div>\n\nx <b>y</b>\n",
		"- a\n\n  :::note\n  x\n",
		"|a|\n|-|\n|[x](/y)|\n",
		"!!! note \"T\"\n    body\n\n???+ tip\n    x\n",
		"=== \"A\"\n    a\n=== \"B\"\n\n    ```go\n    x\n    ```\n",
		"::::warning[T]\n:::details x\ny\n:::\n::::\n",
		"## Object {}\n\nterm\n: def\n",
		"```ruby startline=3 {2} title=x\ncode\n```\n",
	} {
		f.Add(s)
	}
	r := New(Options{Directives: testDirectives()}, nil)
	f.Fuzz(func(t *testing.T, src string) {
		res, diags := r.Render([]byte(src), Source{File: "f.md", LineOffset: 2})
		if res == nil {
			t.Fatal("nil result")
		}
		lines := strings.Count(src, "\n") + 1
		for _, d := range diags {
			if d.File != "f.md" || d.Line < 3 || d.Line > lines+2 || d.Col < 1 {
				t.Fatalf("diagnostic outside the document: %v", d)
			}
		}
		for _, l := range res.Links {
			if l.Line < 3 || l.Line > lines+2 || l.Col < 1 {
				t.Fatalf("link position outside the document: %+v", l)
			}
		}
	})
}

// FuzzDirectiveAttrs checks the attribute parser: it never panics, error
// offsets fall inside the input, and whatever it accepts survives being
// written back out and parsed again.
func FuzzDirectiveAttrs(f *testing.F) {
	for _, s := range []string{
		`{}`, `{a="b"}`, `{category="rate-limit" limit="5"}`, `{a="\"q\" \\"}`,
		`{a="b"`, `{a=b}`, `{a="b"c="d"}`, `{a="b" a="c"}`, `{a="\n"}`, `{ a = "b" }  `, `{"x"}`, `{a="b"} x`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		attrs, err := parseAttrs(s)
		if err != nil {
			ae, ok := err.(*attrError)
			if !ok {
				t.Fatalf("error %T is not an *attrError", err)
			}
			if ae.Off < 0 || ae.Off > len(s) || ae.Msg == "" || ae.Hint == "" {
				t.Fatalf("bad error for %q: %+v", s, ae)
			}
			return
		}
		var b strings.Builder
		b.WriteString("{")
		for i, a := range attrs {
			if a.Off < 0 || a.Off >= len(s) || !strings.HasPrefix(s[a.Off:], a.Key) {
				t.Fatalf("attribute %q has offset %d in %q", a.Key, a.Off, s)
			}
			if i > 0 {
				b.WriteString(" ")
			}
			b.WriteString(a.Key + `="` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(a.Value) + `"`)
		}
		b.WriteString("}")
		again, err := parseAttrs(b.String())
		if err != nil {
			t.Fatalf("%q parsed, but its rewrite %q does not: %v", s, b.String(), err)
		}
		for i := range again {
			again[i].Off = attrs[i].Off
		}
		if !reflect.DeepEqual(attrs, again) {
			t.Fatalf("round trip of %q: %+v != %+v", s, attrs, again)
		}
	})
}
