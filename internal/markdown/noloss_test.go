package markdown

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
)

// This file proves that docsgen never drops an author's words silently:
// for generated pages (random, and driven by the fuzzer) every phrase of
// prose in the source appears in the page's text, or a warning or error is
// reported at the phrase's line.
//
// Pages are built from the block forms authors use, docsgen's and other
// tools' (callouts of every dialect, tabs, directives, fences with options,
// headings with attribute lists, definition lists, lists, quotes), nested,
// and from prose lines that start with text looking like syntax
// (::before, ::std::vector, a lone :::, !!!, ===, {}).

// pageGen writes a page and remembers each prose phrase with its line.
type pageGen struct {
	pick    func(n int) int // a choice in [0, n)
	lines   []string
	phrases []phrase
	words   int
}

// phrase is a piece of prose that must show in the page, on source line
// line (from 1).
type phrase struct {
	text string
	line int
}

// word returns a new word no other word contains.
func (g *pageGen) word() string {
	g.words++
	return fmt.Sprintf("w%04dz", g.words)
}

// prose returns 1-3 new words and records them on the next line written.
func (g *pageGen) prose() string {
	ws := make([]string, 1+g.pick(3))
	for i := range ws {
		ws[i] = g.word()
	}
	s := strings.Join(ws, " ")
	g.phrases = append(g.phrases, phrase{s, len(g.lines) + 1})
	return s
}

// line writes one line, indented.
func (g *pageGen) line(indent, s string) { g.lines = append(g.lines, indent+s) }

// trickyStarts are prose line starts that look like syntax.
var trickyStarts = []string{
	"", "", "", "::before and ::after", "::std::vector", "::errors are", "::: 42", ":::",
	"!!!", "!!! !!!", "===", "{}", "{#x}", "[!NOTE]", "::nope{", "??? ok?", "=== x",
}

// paragraph writes 1-3 lines of prose, the first maybe starting with
// tricky text, recorded with it.
func (g *pageGen) paragraph(indent string) {
	start := trickyStarts[g.pick(len(trickyStarts))]
	first := g.prose()
	if start != "" {
		first = start + " " + first
		g.phrases[len(g.phrases)-1].text = first
	}
	g.line(indent, first)
	for n := g.pick(3); n > 0; n-- {
		g.line(indent, g.prose())
	}
}

var calloutNames = []string{"note", "tip", "info", "warning", "caution", "danger", "details", "important", "shrug", "TIP"}

// block writes one block, nested at most depth more levels, then a blank
// line.
func (g *pageGen) block(indent string, depth int) {
	kinds := 12
	if depth <= 0 {
		kinds = 7 // no nesting forms
	}
	switch g.pick(kinds) {
	case 0, 1:
		g.paragraph(indent)
	case 2:
		attrs := []string{"", " {}", " {#id-" + g.word() + "}", " {.wide}", " { }"}
		a := attrs[g.pick(len(attrs))]
		p := g.prose()
		if a == " {}" || a == " { }" {
			g.phrases[len(g.phrases)-1].text += a
		}
		g.line(indent, strings.Repeat("#", 2+g.pick(3))+" "+p+a)
	case 3:
		fences := []string{"```go", "```ruby startline=3 $%@#$", "``` { .sh .no-copy }", "```py hl_lines=\"1\" wrap", "```js{1} showLineNumbers", "~~~rust,ignore", "```"}
		f := fences[g.pick(len(fences))]
		if g.pick(2) == 0 {
			f += ` title="` + g.prose() + `"`
		}
		g.line(indent, f)
		g.line(indent, g.prose())
		g.line(indent, f[:3])
	case 4:
		directives := []string{`::errors{category="a"}`, "::status-table", "::errors"}
		g.line(indent, directives[g.pick(len(directives))])
	case 5:
		g.line(indent, "- "+g.prose())
		g.line(indent, "- "+g.prose())
	case 6:
		g.line(indent, g.prose())
		g.line(indent, ": "+g.prose())
	case 7:
		g.colonCallout(indent, depth)
	case 8:
		markers := []string{"!!!", "???", "???+"}
		head := markers[g.pick(3)] + " " + calloutNames[g.pick(len(calloutNames))]
		if g.pick(2) == 0 {
			head += ` "` + g.prose() + `"`
		}
		g.line(indent, head)
		g.line("", "")
		g.blocks(indent+"    ", depth-1)
	case 9:
		for n := 1 + g.pick(2); n > 0; n-- {
			g.line(indent, `=== "`+g.prose()+`"`)
			g.line("", "")
			g.blocks(indent+"    ", depth-1)
		}
	case 10:
		kinds := []string{"NOTE", "tip", "WARNING", "nope"}
		g.line(indent, "> [!"+kinds[g.pick(len(kinds))]+"]")
		g.line(indent, "> "+g.prose())
	case 11:
		g.line(indent, ":::tabs")
		for n := 1 + g.pick(2); n > 0; n-- {
			if g.pick(4) == 0 {
				g.paragraph(indent)
				g.line(indent, "")
			}
			g.line(indent, "```go"+fmt.Sprintf(` title="%s"`, g.prose()))
			g.line(indent, g.prose())
			g.line(indent, "```")
		}
		g.line(indent, ":::")
	}
	g.line("", "")
}

// colonCallout writes a ::: container of some type and title form.
func (g *pageGen) colonCallout(indent string, depth int) {
	open := ":::"
	if g.pick(3) == 0 {
		open = "::::"
	}
	head := open + calloutNames[g.pick(len(calloutNames))]
	switch g.pick(3) {
	case 1:
		head += " " + g.prose()
	case 2:
		head += "[" + g.prose() + "]"
	}
	g.line(indent, head)
	g.blocks(indent, depth-1)
	if g.pick(8) > 0 {
		g.line(indent, open)
	}
}

// blocks writes 1-3 blocks.
func (g *pageGen) blocks(indent string, depth int) {
	for n := 1 + g.pick(3); n > 0; n-- {
		g.block(indent, depth)
	}
}

// page returns the generated page.
func (g *pageGen) page() string {
	g.blocks("", 2)
	g.blocks("", 2)
	return strings.Join(g.lines, "\n") + "\n"
}

// checkNoWordLost renders a generated page and fails for every phrase that
// neither shows in the page's text nor has a diagnostic on its line.
func checkNoWordLost(t *testing.T, r *Renderer, pick func(int) int) {
	t.Helper()
	g := &pageGen{pick: pick}
	src := g.page()
	res, diags := r.Render([]byte(src), Source{File: "gen.md"})
	text := pageText(string(res.HTML))
	if res.Title != "" {
		text = res.Title + " " + text
	}
	reported := map[int]bool{}
	for _, d := range diags {
		reported[d.Line] = true
	}
	for _, p := range g.phrases {
		if !strings.Contains(text, p.text) && !reported[p.line] {
			t.Errorf("%q (line %d) is neither in the page nor reported\npage:\n%s\ntext: %s\ndiagnostics: %v", p.text, p.line, src, text, diags)
			return
		}
	}
}

// pageText returns the text of an HTML fragment, white space runs as one
// space.
func pageText(h string) string {
	z := xhtml.NewTokenizer(strings.NewReader(h))
	var b strings.Builder
	for tt := z.Next(); tt != xhtml.ErrorToken; tt = z.Next() {
		if tt == xhtml.TextToken {
			b.Write(z.Text())
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestNoWordLost checks generated pages from 400 seeds.
func TestNoWordLost(t *testing.T) {
	r := newTestRenderer(t)
	for seed := uint64(1); seed <= 400; seed++ {
		rng := rand.New(rand.NewPCG(seed, 13))
		checkNoWordLost(t, r, rng.IntN)
		if t.Failed() {
			t.Fatalf("seed %d", seed)
		}
	}
}

// FuzzNoWordLost lets the fuzzer make the generator's choices.
func FuzzNoWordLost(f *testing.F) {
	for _, s := range []string{"", "\x07\x08\x09\x0a\x0b", "\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x00\x01", strings.Repeat("\x09\x08\x07", 20)} {
		f.Add([]byte(s))
	}
	r := New(Options{Directives: testDirectives()}, nil)
	f.Fuzz(func(t *testing.T, choices []byte) {
		i := 0
		pick := func(n int) int {
			if i >= len(choices) || i >= 400 {
				return 0
			}
			i++
			return int(choices[i-1]) % n
		}
		checkNoWordLost(t, r, pick)
	})
}
