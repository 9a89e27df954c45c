package cli

import (
	"fmt"
	"strings"
	"testing"

	"docsgen/internal/diag"
)

func TestKindOf(t *testing.T) {
	tests := []struct{ a, b string }{
		{"link to /reference/eror/: no page or file has this path", "link to /x/: no page or file has this path"},
		{"link to setup.md: no page or file has this path", "link to ../a/b.md#c: no page or file has this path"},
		{"link to /a/#x: the page /a/ has no anchor #x", "link to b.md#y: the page /b/ has no anchor #y"},
		{`unknown directive "erors"`, `unknown directive "status-tabel"`},
		{"raw HTML `<div>` omitted", "raw HTML `<span...>` omitted"},
		{`duplicate id "a" (heading): already defined on line 3`, `duplicate id "b" (heading): already defined on line 12`},
	}
	for _, tt := range tests {
		if ka, kb := kindOf(tt.a), kindOf(tt.b); ka != kb {
			t.Errorf("kinds differ:\n%q → %q\n%q → %q", tt.a, ka, tt.b, kb)
		}
	}
	if kindOf("link to /x/: no page or file has this path") == kindOf("link to /x/#y: the page /x/ has no anchor #y") {
		t.Error("a missing page and a missing anchor are one kind")
	}
}

func TestReport(t *testing.T) {
	var ds diag.List
	for i := range 25 {
		ds.Add(diag.Errorf(fmt.Sprintf("content/p%02d.md", i), 4, 1, "link to /missing-%d/: no page or file has this path", i))
	}
	ds.Add(diag.Errorf("content/a.md", 2, 3, "link to /a/#x: the page /a/ has no anchor #x"))
	ds.Add(diag.Warnf("content/b.md", 1, 1, "raw HTML `<div>` omitted"), diag.Warnf("content/c.md", 1, 1, "raw HTML `<p>` omitted"))
	ds.Sort()
	tests := []struct {
		name      string
		all       bool
		wantLines []string
		lines     int
	}{
		{"first ten of each kind", false, []string{
			"25 errors: link to …: no page or file has this path",
			"content/p09.md:4:1: error: link to /missing-9/: no page or file has this path",
			"… and 15 more of this kind (-all prints every one)",
			"1 error: link to …: the page … has no anchor …",
			"2 warnings: raw HTML … omitted",
			"content/c.md:1:1: warning: raw HTML `<p>` omitted",
		}, 1 + 10 + 1 + 1 + 1 + 1 + 2},
		{"all", true, []string{"content/p24.md:4:1: error: link to /missing-24/: no page or file has this path"}, 1 + 25 + 1 + 1 + 1 + 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			r := printDiags(&b, ds, tt.all)
			out := b.String()
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if len(lines) != tt.lines {
				t.Errorf("%d lines, want %d:\n%s", len(lines), tt.lines, out)
			}
			for _, w := range tt.wantLines {
				if !strings.Contains("\n"+out, "\n"+w+"\n") {
					t.Errorf("no line %q in\n%s", w, out)
				}
			}
			if got := r.summary(); got != "26 errors, 2 warnings (3 kinds)" {
				t.Errorf("summary %q", got)
			}
		})
	}
}
