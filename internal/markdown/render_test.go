package markdown

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"docsgen/internal/diag"
)

func newTestRenderer(t testing.TB) *Renderer {
	t.Helper()
	return New(Options{Directives: testDirectives()}, nil)
}

// TestDiagnosticPositions checks that every kind of diagnostic points at
// the right line and column of the original file (front matter included).
func TestDiagnosticPositions(t *testing.T) {
	r := newTestRenderer(t)
	const offset = 4 // front matter lines above the body
	tests := []struct {
		name string
		src  string
		want []string // "line:col severity: message fragment"
	}{
		{"unknown callout type", "text\n\n:::nope\nx\n:::\n", []string{"7:4 warning: unknown callout type \"nope\": shown as a plain callout"}},
		{"container never closed", "para\n\n:::tip\nbody\n", []string{"7:1 error: :::tip is never closed"}},
		{"indented container in list", "- item\n\n  :::tip\n  body\n", []string{"7:3 error: :::tip is never closed"}},
		{"stray close", "a\n\n:::\n", []string{"7:1 warning: \":::\" closes no container: it is shown as text"}},
		{"tabs with a title", ":::tabs Title\n```go\nx\n```\n:::\n", []string{"5:9 warning: :::tabs takes no title"}},
		{"unknown directive", "\n::nope{a=\"b\"}\n", []string{"6:3 warning: unknown directive \"nope\": the line is shown as text"}},
		{"directive typo", "\n::eror\n", []string{"6:3 warning: unknown directive \"eror\": the line is shown as text"}},
		{"unknown attribute", "::errors{category=\"a\" lmit=\"2\"}\n", []string{"5:23 error: unknown attribute \"lmit\""}},
		{"missing required", "x\n\n  ::needs-id\n", []string{"7:3 error: ::needs-id needs attribute \"id\""}},
		{"unclosed brace", "::errors{category=\"a\"\n", []string{"5:22 error: unclosed {"}},
		{"junk in braces", "::errors{category=\"a\" !}\n", []string{"5:23 error: unexpected \"!\""}},
		{"bad escape", "::errors{category=\"a\\n\"}\n", []string{"5:21 error: unknown escape"}},
		{"directive render error", "\n\n::broken\n", []string{"7:1 error: ::broken: data not loaded"}},
		{"fence option", "```go linenos wrap\nx\n```\n", []string{"5:15 warning: code fence option \"wrap\" is not supported and is ignored"}},
		{"fence range", "~~~go {2-1}\nx\n~~~\n", []string{"5:7 warning: bad line range \"2-1\""}},
		{"fence mdBook attributes", "```rust,ignore\nx\n```\n", []string{"5:9 warning: code fence option \"ignore\" is not supported"}},
		{"fence bad startline", "```go startline=x\nx\n```\n", []string{"5:7 warning: code fence startline value \"x\" is not a number"}},
		{"fence never closed", "a\n\n```python\nx\n", []string{"7:1 warning: code fence is never closed"}},
		{"tabs with text", ":::tabs\n```go\nx\n```\n\nstray text\n:::\n", []string{"10:1 error: text inside :::tabs"}},
		{"raw inline html", "Some <span>x</span>\n", []string{"5:6 warning: raw HTML `<span>`", "5:13 warning: raw HTML `</span>`"}},
		{"raw html block", "x\n\n<div>\n</div>\n", []string{"7:1 warning: raw HTML block omitted"}},
		{"duplicate explicit id", "## A {#x}\n\n## B {#x}\n", []string{"7:4 error: duplicate id \"x\" (heading): already defined on line 5"}},
		{"directive id clashes with heading id", "## A {#err-a}\n\n::errors{category=\"a\"}\n", []string{"7:1 error: duplicate id \"err-a\" (::errors): already defined on line 5"}},
		{"heading data attribute", "## Head {data-x=1}\n", []string{"5:4 warning: heading attribute \"data-x\" is ignored"}},
		{"crlf line ends", "a\r\n\r\n:::nope\r\nx\r\n:::\r\n", []string{"7:4 warning: unknown callout type \"nope\""}},
		{"alert inside container", ":::note\n> [!TIP]\n> x\n:::\n\n::nope{}\n", []string{"10:3 warning: unknown directive \"nope\""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := r.Render([]byte(tt.src), Source{File: "content/p.md", LineOffset: offset})
			var got []string
			for _, d := range diags {
				if d.File != "content/p.md" {
					t.Errorf("diagnostic file = %q", d.File)
				}
				if d.Hint == "" {
					t.Errorf("diagnostic %q has no hint", d.Msg)
				}
				got = append(got, fmt.Sprintf("%d:%d %s: %s", d.Line, d.Col, d.Severity, d.Msg))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("diagnostic %d = %q, want it to start with %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestLinks(t *testing.T) {
	r := newTestRenderer(t)
	tests := []struct {
		name string
		src  string
		want []Link
	}{
		{"inline", "See [errors](/reference/errors/).\n", []Link{{Dest: "/reference/errors/", Line: 11, Col: 5}}},
		{"image", "An ![alt](/img/a.png) here\n", []Link{{Dest: "/img/a.png", Line: 11, Col: 4, Image: true}}},
		{"emphasis inside", "x **[bold *link*](#a)**\n", []Link{{Dest: "#a", Line: 11, Col: 5}}},
		{"code span inside", "Use [`max_tier`](#max-tier).\n", []Link{{Dest: "#max-tier", Line: 11, Col: 5}}},
		{"empty text", "a [](/empty) b\n", []Link{{Dest: "/empty", Line: 11, Col: 3}}},
		{"reference style at its definition", "Read [the guide][g] and [g].\n\n[g]: /guide/\n", []Link{{Dest: "/guide/", Line: 13, Col: 1}, {Dest: "/guide/", Line: 13, Col: 1}}},
		{"autolink", "Go to <https://example.com/a>.\n", []Link{{Dest: "https://example.com/a", Line: 11, Col: 7}}},
		{"email autolink", "Mail <help@example.com>.\n", []Link{{Dest: "mailto:help@example.com", Line: 11, Col: 6}}},
		{"bare url", "Go to https://example.com/b now\n", []Link{{Dest: "https://example.com/b", Line: 11, Col: 7}}},
		{"second line", "first line\nand [x](/x) here\n", []Link{{Dest: "/x", Line: 12, Col: 5}}},
		{"in heading", "## See [x](#y)\n", []Link{{Dest: "#y", Line: 11, Col: 8}}},
		{"in list and table", "- [a](/a)\n\n| h |\n|---|\n| [b](/b) |\n", []Link{{Dest: "/a", Line: 11, Col: 3}, {Dest: "/b", Line: 15, Col: 3}}},
		{"in callout", "> [!NOTE]\n> see [c](/c)\n", []Link{{Dest: "/c", Line: 12, Col: 7}}},
		{"two on a line", "[a](/a) [b](/b)\n", []Link{{Dest: "/a", Line: 11, Col: 1}, {Dest: "/b", Line: 11, Col: 9}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, diags := r.Render([]byte(tt.src), Source{File: "p.md", LineOffset: 10})
			if len(diags) > 0 {
				t.Fatalf("unexpected diagnostics: %v", diags)
			}
			if !reflect.DeepEqual(res.Links, tt.want) {
				t.Errorf("links = %+v\nwant    %+v", res.Links, tt.want)
			}
		})
	}
}

func TestResult(t *testing.T) {
	r := newTestRenderer(t)
	src := "# The Title\n\nIntro *text*.\n\n## Rate limits\n\nLimits `apply`.\n\n```python title=\"ex.py\"\ncode = 'apart'\n```\n\n- item one\n- item two\n\n::errors{category=\"auth\"}\n\nAfter the directive.\n\n### Headers\n\n| Header | Meaning |\n|---|---|\n| `X-RateLimit-Reset` | reset time |\n\n#### Deep\n\nDeep text[^1].\n\n:::tabs\n```go\nx\n```\n:::\n\n## Rate limits\n\n> [!TIP]\n> Tip text.\n\n[^1]: Note text.\n"
	res, diags := r.Render([]byte(src), Source{File: "p.md"})
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	if res.Title != "The Title" {
		t.Errorf("Title = %q", res.Title)
	}
	if bytes.Contains(res.HTML, []byte("The Title")) {
		t.Error("title left in the HTML")
	}
	wantHeadings := []Heading{
		{Level: 2, ID: "rate-limits", Text: "Rate limits"},
		{Level: 3, ID: "headers", Text: "Headers"},
		{Level: 4, ID: "deep", Text: "Deep"},
		{Level: 2, ID: "rate-limits-1", Text: "Rate limits"},
	}
	if !reflect.DeepEqual(res.Headings, wantHeadings) {
		t.Errorf("Headings = %+v", res.Headings)
	}
	wantIDs := []string{"rate-limits", "err-auth", "headers", "deep", "fnref:1", "tabs-1-1", "tabs-1-1-panel", "rate-limits-1", "fn:1"}
	if !reflect.DeepEqual(res.IDs, wantIDs) {
		t.Errorf("IDs = %q\nwant  %q", res.IDs, wantIDs)
	}
	wantSections := []Section{
		{Text: "Intro text."},
		{HeadingID: "rate-limits", Heading: "Rate limits", Text: "Limits apply. item one item two After the directive.", Code: "ex.py code = 'apart'"},
		{HeadingID: "err-auth", Heading: "Errors: auth", Text: "entries of auth"},
		{HeadingID: "headers", Heading: "Headers", Text: "Header Meaning X-RateLimit-Reset reset time Deep Deep text.", Code: "x"},
		{HeadingID: "rate-limits-1", Heading: "Rate limits", Text: "Tip text. Note text."},
	}
	if !reflect.DeepEqual(res.Sections, wantSections) {
		t.Errorf("Sections:\n%+v\nwant\n%+v", res.Sections, wantSections)
	}
}

// TestDirectiveSearchFalse checks that search="false", which every
// directive takes, renders the component and keeps its sections out of
// search, and that another value is an error at its position; a fence's
// search=false does the same for its code.
func TestDirectiveSearchFalse(t *testing.T) {
	r := newTestRenderer(t)
	tests := []struct {
		name, src string
		sections  []string // heading ids
		diag      string
	}{
		{"listed", "## A\n\n::errors{category=\"auth\"}\n", []string{"a", "err-auth"}, ""},
		{"search true", "## A\n\n::errors{category=\"auth\" search=\"true\"}\n", []string{"a", "err-auth"}, ""},
		{"left out", "## A\n\n::errors{category=\"auth\" search=\"false\"}\n", []string{"a"}, ""},
		{"bad value", "## A\n\n::errors{search=\"no\"}\n", []string{"a"}, `p.md:3:10: error: search="no" for ::errors is not true or false`},
	}
	// A fence with search=false keeps its code out; another fence's stays.
	res, diags := r.Render([]byte("## A\n\n```py search=false\nDEMO = 1\n```\n\n```py\nREAL = 2\n```\n"), Source{File: "p.md"})
	if len(diags) > 0 || len(res.Sections) != 1 || res.Sections[0].Code != "REAL = 2" {
		t.Errorf("fence search=false: sections %+v, diagnostics %v", res.Sections, diags)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, diags := r.Render([]byte(tt.src), Source{File: "p.md"})
			var got []string
			for _, s := range res.Sections {
				got = append(got, s.HeadingID)
			}
			if !reflect.DeepEqual(got, tt.sections) {
				t.Errorf("sections %q, want %q", got, tt.sections)
			}
			if tt.diag == "" && len(diags) > 0 {
				t.Fatalf("unexpected diagnostics: %v", diags)
			}
			if tt.diag != "" && (len(diags) != 1 || !strings.Contains(diags[0].Error(), tt.diag)) {
				t.Errorf("diagnostics %v, want one saying %s", diags, tt.diag)
			}
			if tt.diag == "" && !bytes.Contains(res.HTML, []byte(`id="err-auth"`)) {
				t.Errorf("the component is not rendered: %s", res.HTML)
			}
		})
	}
}

// TestTitleOnlyWhenFirst checks that an h1 after other content stays.
func TestTitleOnlyWhenFirst(t *testing.T) {
	r := newTestRenderer(t)
	res, _ := r.Render([]byte("Intro.\n\n# Not a title\n"), Source{})
	if res.Title != "" || !bytes.Contains(res.HTML, []byte(`<h1 id="not-a-title">`)) {
		t.Errorf("Title = %q, HTML = %s", res.Title, res.HTML)
	}
}

func TestRawHTMLAllowed(t *testing.T) {
	r := New(Options{AllowRawHTML: true}, nil)
	res, diags := r.Render([]byte("a <kbd>Ctrl</kbd>\n\n<details><summary>s</summary>\n\nbody\n\n</details>\n"), Source{})
	if len(diags) != 0 {
		t.Errorf("diagnostics with raw HTML allowed: %v", diags)
	}
	for _, want := range []string{"<kbd>Ctrl</kbd>", "<details><summary>s</summary>", "</details>"} {
		if !bytes.Contains(res.HTML, []byte(want)) {
			t.Errorf("HTML lacks %q:\n%s", want, res.HTML)
		}
	}
}

func TestRawHTMLOmitted(t *testing.T) {
	r := newTestRenderer(t)
	res, diags := r.Render([]byte("<script>alert(1)</script>\n\nx <img src=x onerror=alert(1)> y\n"), Source{})
	if bytes.Contains(res.HTML, []byte("<script")) || bytes.Contains(res.HTML, []byte("onerror")) || bytes.Contains(res.HTML, []byte("<!--")) {
		t.Errorf("raw HTML leaked: %s", res.HTML)
	}
	if len(diags.Warnings()) != 2 || diags.HasErrors() {
		t.Errorf("diagnostics = %v, want two warnings", diags)
	}
}

// TestConcurrentRender renders different documents from many goroutines
// with one Renderer; run with -race. Each result must equal a sequential
// render of the same document.
func TestConcurrentRender(t *testing.T) {
	r := newTestRenderer(t)
	docs := [][]byte{
		[]byte(readBenchPage(t)),
		[]byte("## A\n\n## A\n\n:::tabs\n```go\nx\n```\n:::\n\n::errors{category=\"x\"}\n"),
		[]byte(":::nope\nx\n\n```python\nunclosed\n"),
		[]byte("> [!NOTE]\n> n\n\n| a |\n|---|\n| b |\n\n[^1]\n\n[^1]: f\n"),
	}
	type out struct {
		html  string
		diags diag.List
		ids   []string
	}
	want := make([]out, len(docs))
	for i, d := range docs {
		res, diags := r.Render(d, Source{File: fmt.Sprint(i)})
		want[i] = out{string(res.HTML), diags, res.IDs}
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 10; k++ {
				i := (g + k) % len(docs)
				res, diags := r.Render(docs[i], Source{File: fmt.Sprint(i)})
				got := out{string(res.HTML), diags, res.IDs}
				if !reflect.DeepEqual(got, want[i]) {
					t.Errorf("doc %d: concurrent render differs from sequential", i)
					return
				}
			}
		}()
	}
	wg.Wait()
}
