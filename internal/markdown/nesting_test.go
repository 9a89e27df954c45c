package markdown

import (
	"strings"
	"testing"
	"time"
)

func TestNestingLimit(t *testing.T) {
	deep := func(marker string, n int) string { return strings.Repeat(marker, n) + "deep\n" }
	tests := []struct {
		name       string
		src        string
		wantErr    string // "" for none
		quotes     int    // <blockquote> elements expected, -1 to skip
		lists      int    // <ul> elements expected, -1 to skip
		wantInHTML string
	}{
		{"100 quotes render", deep(">", 100), "", 100, -1, "deep"},
		{"101 quotes are too deep", deep(">", 101), "f.md:3:101: error: block quotes and lists nested more than 100 deep; nest fewer levels", 100, -1, `\deep`},
		{"10,000 quotes", deep(">", 10000), "f.md:3:101: error: block quotes and lists nested more than 100 deep", 100, -1, ""},
		{"10,000 quotes with spaces", deep("> ", 10000), "f.md:3:201: error: block quotes and lists nested more than 100 deep", 100, -1, ""},
		{"10,000 list items", deep("- ", 10000), "f.md:3:201: error: block quotes and lists nested more than 100 deep", -1, 100, ""},
		{"ordered and mixed", deep("> 1. * ", 50), "f.md:3:234: error:", -1, -1, ""},
		{"a long thematic break is no list", strings.Repeat("- ", 500) + "\n", "", 0, 0, "<hr"},
		{"quotes then a thematic break", strings.Repeat(">", 50) + strings.Repeat(" *", 300) + "\n", "", 50, 0, "<hr"},
		{"fenced code is not read", "```\n" + deep(">", 300) + "```\n", "", 0, 0, strings.Repeat("&gt;", 300)},
		{"indented code is not read", "    " + deep(">", 300), "", 0, 0, strings.Repeat("&gt;", 300)},
		{"text after markers", "> a" + strings.Repeat(" >", 300) + "\n", "", 1, 0, ""},
	}
	r := New(Options{}, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, diags := r.Render([]byte(tt.src), Source{File: "f.md", LineOffset: 2})
			got := ""
			for _, d := range diags {
				got += d.Error() + "\n"
			}
			if tt.wantErr == "" && got != "" || !strings.Contains(got, tt.wantErr) {
				t.Fatalf("diagnostics:\n%s\nwant %q", got, tt.wantErr)
			}
			html := string(res.HTML)
			if n := strings.Count(html, "<blockquote>"); tt.quotes >= 0 && n != tt.quotes {
				t.Errorf("%d block quotes, want %d", n, tt.quotes)
			}
			if n := strings.Count(html, "<ul>"); tt.lists >= 0 && n != tt.lists {
				t.Errorf("%d lists, want %d", n, tt.lists)
			}
			if !strings.Contains(html, tt.wantInHTML) {
				t.Errorf("HTML lacks %q", tt.wantInHTML)
			}
		})
	}
}

// TestNestingIsLinear renders a megabyte of block quote markers on one
// line, which goldmark alone takes hours on: a regression shows as this
// test running into go test's timeout, not as a budget of seconds that a
// loaded machine could miss. The time is logged; BenchmarkNesting1MB
// holds the figure.
func TestNestingIsLinear(t *testing.T) {
	r := New(Options{}, nil)
	for _, marker := range []string{">", "- ", "1. "} {
		src := []byte(strings.Repeat(marker, 1<<20/len(marker)) + "x\n")
		start := time.Now()
		_, diags := r.Render(src, Source{File: "f.md"})
		if len(diags) != 1 {
			t.Errorf("%q: %d diagnostics, want 1", marker, len(diags))
		}
		t.Logf("%q: 1 MB in %v", marker, time.Since(start).Round(time.Millisecond))
	}
}

func BenchmarkNesting1MB(b *testing.B) {
	r := New(Options{}, nil)
	src := []byte(strings.Repeat(">", 1<<20) + "x\n")
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		r.Render(src, Source{File: "f.md"})
	}
}
