package markdown

import (
	"fmt"
	"reflect"
	"testing"
)

// TestParseFenceInfo reads the info strings of every tool docsgen takes
// pages from. Problems are listed as "offset: message".
func TestParseFenceInfo(t *testing.T) {
	tests := []struct {
		give  string
		want  fenceInfo
		probs []string
	}{
		{give: "", want: fenceInfo{}},
		{give: "python", want: fenceInfo{Lang: "python"}},
		{give: `python title="handle_errors.py" {2,4-6} linenos`, want: fenceInfo{Lang: "python", Title: "handle_errors.py", Lines: [][2]int{{2, 2}, {4, 6}}, LineNumbers: true}},
		{give: "ruby startline=3", want: fenceInfo{Lang: "ruby", LineNumbers: true, FirstLine: 3}},
		{give: "go linenostart=10 linenos=table", want: fenceInfo{Lang: "go", LineNumbers: true, FirstLine: 10}},
		{give: "go linenos=false", want: fenceInfo{Lang: "go"}},
		{give: `py hl_lines="2 3"`, want: fenceInfo{Lang: "py", Lines: [][2]int{{2, 2}, {3, 3}}}},
		{give: `py hl_lines="1 3-5" linenums="7"`, want: fenceInfo{Lang: "py", Lines: [][2]int{{1, 1}, {3, 5}}, LineNumbers: true, FirstLine: 7}},
		{give: "sh title=run.sh", want: fenceInfo{Lang: "sh", Title: "run.sh"}},
		{give: "sh title='a b'", want: fenceInfo{Lang: "sh", Title: "a b"}},
		{give: `sh title="say \"hi\""`, want: fenceInfo{Lang: "sh", Title: `say "hi"`}},
		{give: "{ .sh .no-copy }", want: fenceInfo{Lang: "sh"}},
		{give: `{.python title="x.py" hl_lines="2"}`, want: fenceInfo{Lang: "python", Title: "x.py", Lines: [][2]int{{2, 2}}}},
		{give: `toml {file="netlify.toml"}`, want: fenceInfo{Lang: "toml", Title: "netlify.toml"}},
		{give: "js{1,3} showLineNumbers", want: fenceInfo{Lang: "js", Lines: [][2]int{{1, 1}, {3, 3}}, LineNumbers: true}},
		{give: "jsx showLineNumbers=5", want: fenceInfo{Lang: "jsx", LineNumbers: true, FirstLine: 5}},
		{give: "js startLineNumber=5 ins={4} mark={2,3}", want: fenceInfo{Lang: "js", Lines: [][2]int{{2, 2}, {3, 3}}, LineNumbers: true, FirstLine: 5}, probs: []string{`21: code fence option "ins={4}" is not supported and is ignored`}},
		{give: `ts filename="app.ts"`, want: fenceInfo{Lang: "ts", Title: "app.ts"}},
		{give: `foo\+bar`, want: fenceInfo{Lang: "foo+bar"}},
		{give: "f&ouml;&ouml;", want: fenceInfo{Lang: "föö"}},
		{give: "rust,ignore", want: fenceInfo{Lang: "rust"}, probs: []string{`5: code fence option "ignore" is not supported and is ignored`}},
		{give: "go wrap {x} #no", want: fenceInfo{Lang: "go"}, probs: []string{
			`3: code fence option "wrap" is not supported and is ignored`,
			`9: code fence option "x" is not supported and is ignored`,
			`12: code fence option "#no" is not supported and is ignored`,
		}},
		{give: "go {2-1}", want: fenceInfo{Lang: "go"}, probs: []string{`3: bad line range "2-1" in code fence: the ranges are ignored`}},
		{give: "go {1", want: fenceInfo{Lang: "go"}, probs: []string{`3: unclosed { in code fence: "{1" is ignored`}},
		{give: `go title="a" title="b"`, want: fenceInfo{Lang: "go", Title: "a"}, probs: []string{`13: code fence has a second title "b": it is ignored`}},
		{give: "go startline=x", want: fenceInfo{Lang: "go"}, probs: []string{`3: code fence startline value "x" is not a number: it is ignored`}},
		{give: "py search=false", want: fenceInfo{Lang: "py", NoSearch: true}},
		{give: `{.py search="true" title="a.py"}`, want: fenceInfo{Lang: "py", Title: "a.py"}},
		{give: "py search=no", want: fenceInfo{Lang: "py"}, probs: []string{`3: code fence search value "no" is not true or false: it is ignored`}},
		{give: `go {#id .c}`, want: fenceInfo{Lang: "go"}, probs: []string{`4: code fence id "#id" is not supported and is ignored`}},
	}
	for _, tt := range tests {
		t.Run(tt.give, func(t *testing.T) {
			got, probs := parseFenceInfo(tt.give)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseFenceInfo(%q) = %+v, want %+v", tt.give, got, tt.want)
			}
			var ps []string
			for _, p := range probs {
				if p.Hint == "" || p.Off < 0 || p.Off > len(tt.give) {
					t.Errorf("problem %+v: no hint or offset outside", p)
				}
				ps = append(ps, fmt.Sprintf("%d: %s", p.Off, p.Msg))
			}
			if !reflect.DeepEqual(ps, tt.probs) {
				t.Errorf("problems = %q, want %q", ps, tt.probs)
			}
		})
	}
}

// FuzzFenceInfo checks that no info string makes the reader panic and that
// every problem points inside the string and says what to do.
func FuzzFenceInfo(f *testing.F) {
	for _, s := range []string{"", "go", `py title="a" {1-2} linenos`, "{ .sh .x }", `x title="\"`, "{", "a{b", `k='v`, "rust,ignore,", "&#0;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, probs := parseFenceInfo(s)
		for _, p := range probs {
			if p.Off < 0 || p.Off > len(s) || p.Msg == "" || p.Hint == "" {
				t.Fatalf("bad problem for %q: %+v", s, p)
			}
		}
	})
}
