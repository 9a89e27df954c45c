package markdown

import (
	"strings"
	"testing"
)

// TestExpandDirectives checks Result.Markdown: each directive line becomes
// the directive's Markdown, in the container it was written in.
func TestExpandDirectives(t *testing.T) {
	r := expandRenderer()
	tests := []struct {
		desc, give, want string
	}{
		{"no directive", "# T\n\ntext\n", ""},
		{"own paragraph", "a\n\n::table{name=\"x\"}\n\nb\n", "a\n\n| x |\n| --- |\n| 1 |\n\nb\n"},
		{"blank lines added", "a\n::table\nb", "a\n\n|  |\n| --- |\n| 1 |\n\nb"},
		{"last line", "a\n\n::table", "a\n\n|  |\n| --- |\n| 1 |"},
		{"in a block quote", "> a\n> ::table\n", "> a\n>\n> |  |\n> | --- |\n> | 1 |\n"},
		{"in a list item", "- ::table\n- b\n", "- |  |\n  | --- |\n  | 1 |\n\n- b\n"},
		{"no Markdown: line left out", "a\n\n::widget\n\nb\n", "a\n\n\nb\n"},
		{"error: line kept", "a\n\n::table{nam=\"x\"}\n", "a\n\n::table{nam=\"x\"}\n"},
		{"two", "::table\n::widget\n::table{name=\"y\"}\n", "|  |\n| --- |\n| 1 |\n\n\n| y |\n| --- |\n| 1 |\n"},
		{"code block untouched", "```\n::table\n```\n\n::table\n", "```\n::table\n```\n\n|  |\n| --- |\n| 1 |\n"},
	}
	for _, tt := range tests {
		t.Run(tt.desc, func(t *testing.T) {
			res, _ := r.Render([]byte(tt.give), Source{File: "p.md"})
			if string(res.Markdown) != tt.want {
				t.Errorf("Markdown =\n%q\nwant\n%q", res.Markdown, tt.want)
			}
		})
	}
}

// expandRenderer has a directive with Markdown and one without.
func expandRenderer() *Renderer {
	return New(Options{Directives: map[string]Directive{
		"table": {Attrs: []string{"name"}, Render: func(a map[string]string) (Output, error) {
			return Output{HTML: "<table></table>", Markdown: "| " + a["name"] + " |\n| --- |\n| 1 |\n"}, nil
		}},
		"widget": {Render: func(map[string]string) (Output, error) {
			return Output{HTML: "<form></form>"}, nil
		}},
	}}, nil)
}

// FuzzExpandDirectives checks that expanding directives never panics,
// leaves documents without directives alone, and leaves no directive call
// behind when every directive rendered.
func FuzzExpandDirectives(f *testing.F) {
	for _, s := range []string{"::table\n", "> - ::table{name=\"x\"}\n>", "a\n::widget", "::table{nam=\"x\"}", "1. ::table\n   ::widget\n"} {
		f.Add(s)
	}
	r := expandRenderer()
	f.Fuzz(func(t *testing.T, src string) {
		res, diags := r.Render([]byte(src), Source{File: "f.md"})
		if res.Markdown != nil && !strings.Contains(src, "::") {
			t.Errorf("Markdown set for a document without directives: %q", src)
		}
		if res.Markdown == nil || diags.HasErrors() {
			return
		}
		// Expanded without errors: no directive is left to expand.
		if again, _ := r.Render(res.Markdown, Source{File: "f.md"}); again.Markdown != nil {
			t.Errorf("%q expands to %q, which still calls a directive (%q)", src, res.Markdown, again.Markdown)
		}
	})
}
