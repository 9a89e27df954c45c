package highlight

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/alecthomas/chroma/v2"
)

func newHighlighter(t testing.TB) *Highlighter {
	t.Helper()
	h, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// highlightCase is one input of TestHighlight and what its output must be.
type highlightCase struct {
	name      string
	code      string
	lang      string
	block     Block
	wantInfo  Info
	want      string   // whole output, when set
	contains  []string // substrings that must appear
	forbidden []string // substrings that must not appear
}

// languageCases name a language in the ways authors write it.
func languageCases() []highlightCase {
	return []highlightCase{
		{
			name:     "python keyword and string",
			code:     "import json\nprint(\"hi\")\n",
			lang:     "python",
			wantInfo: Info{Lang: "Python", Known: true},
			want: `<pre class="chroma" tabindex="0"><code>` +
				`<span class="line"><span class="cl"><span class="kn">import</span> <span class="nn">json</span>` + "\n" + `</span></span>` +
				`<span class="line"><span class="cl"><span class="nb">print</span><span class="p">(</span><span class="s2">&#34;hi&#34;</span><span class="p">)</span>` + "\n" + `</span></span>` +
				`</code></pre>`,
		},
		{
			name:     "alias py",
			code:     "x = 1\n",
			lang:     "py",
			wantInfo: Info{Lang: "Python", Known: true},
			contains: []string{`<span class="mi">1</span>`},
		},
		{name: "sh is Bash", code: "echo hi\n", lang: "sh", wantInfo: Info{Lang: "Bash", Known: true}},
		{name: "js is JavaScript", code: "let a = 1;\n", lang: "js", wantInfo: Info{Lang: "JavaScript", Known: true}},
		{name: "json", code: "{\"a\": 1}\n", lang: "json", wantInfo: Info{Lang: "JSON", Known: true}},
		{name: "yaml", code: "a: 1\n", lang: "yaml", wantInfo: Info{Lang: "YAML", Known: true}},
		{name: "toml", code: "a = 1\n", lang: "toml", wantInfo: Info{Lang: "TOML", Known: true}},
		{name: "http", code: "GET / HTTP/1.1\nHost: x\n", lang: "http", wantInfo: Info{Lang: "HTTP", Known: true}},
		{name: "lower-case lexer name capitalised", code: "# x\n", lang: "md", wantInfo: Info{Lang: "Markdown", Known: true}},
		{name: "go upper case", code: "package x\n", lang: "Go", wantInfo: Info{Lang: "Go", Known: true}},
		{name: "empty code", code: "", lang: "python", wantInfo: Info{Lang: "Python", Known: true}},
	}
}

// plainTextCases fall back to escaped plain text.
func plainTextCases() []highlightCase {
	return []highlightCase{
		{
			name:     "text is known plain text",
			code:     "a <b>\n",
			lang:     "text",
			wantInfo: Info{Lang: "Text", Known: true},
			want:     `<pre class="chroma" tabindex="0"><code><span class="line"><span class="cl">a &lt;b&gt;` + "\n" + `</span></span></code></pre>`,
		},
		{
			name:     "no language",
			code:     "x & y",
			lang:     "",
			wantInfo: Info{Lang: "Text"},
			want:     `<pre class="chroma" tabindex="0"><code><span class="line"><span class="cl">x &amp; y</span></span></code></pre>`,
		},
		{
			name:     "unknown language is escaped plain text",
			code:     "<script>alert(1)</script>\nline 2\n",
			lang:     "nosuchlang",
			wantInfo: Info{Lang: "nosuchlang"},
			want: `<pre class="chroma" tabindex="0"><code>` +
				`<span class="line"><span class="cl">&lt;script&gt;alert(1)&lt;/script&gt;` + "\n" + `</span></span>` +
				`<span class="line"><span class="cl">line 2` + "\n" + `</span></span></code></pre>`,
		},
	}
}

// lineCases mark lines, number them, or split tokens across lines.
func lineCases() []highlightCase {
	return []highlightCase{
		{
			name:     "highlighted lines",
			code:     "a\nb\nc\nd\n",
			lang:     "text",
			block:    Block{Lines: [][2]int{{2, 2}, {4, 9}}},
			wantInfo: Info{Lang: "Text", Known: true},
			want: `<pre class="chroma" tabindex="0"><code>` +
				`<span class="line"><span class="cl">a` + "\n" + `</span></span>` +
				`<span class="line hl"><span class="cl">b` + "\n" + `</span></span>` +
				`<span class="line"><span class="cl">c` + "\n" + `</span></span>` +
				`<span class="line hl"><span class="cl">d` + "\n" + `</span></span></code></pre>`,
		},
		{
			name:     "line numbers padded to the widest",
			code:     strings.Repeat("x\n", 10),
			lang:     "text",
			block:    Block{LineNumbers: true, Lines: [][2]int{{10, 10}}},
			wantInfo: Info{Lang: "Text", Known: true},
			contains: []string{
				`<span class="line"><span class="ln"> 1</span><span class="cl">x` + "\n",
				`<span class="line hl"><span class="ln">10</span><span class="cl">x` + "\n",
			},
		},
		{
			name:      "multi-line token is split into lines",
			code:      "\"\"\"doc\nstring\"\"\"\n",
			lang:      "python",
			wantInfo:  Info{Lang: "Python", Known: true},
			contains:  []string{`<span class="line"><span class="cl"><span class="s2">string&#34;&#34;&#34;</span>`},
			forbidden: []string{"</span></span>\n"}, // a newline never sits outside its line
		},
	}
}

func TestHighlight(t *testing.T) {
	h := newHighlighter(t)
	tests := slices.Concat(languageCases(), plainTextCases(), lineCases())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			info, err := h.Highlight(&buf, tt.code, tt.lang, tt.block)
			if err != nil {
				t.Fatal(err)
			}
			if info != tt.wantInfo {
				t.Errorf("info = %+v, want %+v", info, tt.wantInfo)
			}
			got := buf.String()
			if tt.want != "" && got != tt.want {
				t.Errorf("output:\n%s\nwant:\n%s", got, tt.want)
			}
			for _, s := range tt.contains {
				if !strings.Contains(got, s) {
					t.Errorf("output lacks %q:\n%s", s, got)
				}
			}
			for _, s := range tt.forbidden {
				if strings.Contains(got, s) {
					t.Errorf("output has %q:\n%s", s, got)
				}
			}
			if !strings.HasPrefix(got, `<pre class="chroma" tabindex="0"><code>`) || !strings.HasSuffix(got, `</code></pre>`) {
				t.Errorf("output not wrapped in the contract's pre/code:\n%s", got)
			}
			if strings.Contains(got, "style=") {
				t.Errorf("output has an inline style:\n%s", got)
			}
			// The text is the code, escaped; lexers may add a final newline.
			if text := stripTags(got); text != escapeText(tt.code) && text != escapeText(tt.code+"\n") {
				t.Errorf("text content changed:\n%q\nwant\n%q", text, escapeText(tt.code))
			}
		})
	}
}

var tagRE = regexp.MustCompile(`<span class="ln">[^<]*</span>|<[^>]*>`)

func stripTags(s string) string { return tagRE.ReplaceAllString(s, "") }

func escapeText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}

func TestNewUnknownStyle(t *testing.T) {
	for _, o := range []Options{{LightStyle: "nope"}, {DarkStyle: "nope"}} {
		if _, err := New(o); err == nil || !strings.Contains(err.Error(), `"nope"`) {
			t.Errorf("New(%+v) error = %v, want one naming the style", o, err)
		}
	}
}

func TestCSS(t *testing.T) {
	h := newHighlighter(t)
	css := string(h.CSS())
	again := newHighlighter(t)
	if !bytes.Equal(h.CSS(), again.CSS()) {
		t.Fatal("CSS differs between two Highlighters with the same options")
	}
	for _, want := range []string{
		".chroma{color:",
		".chroma .hl{background-color:",
		".chroma .ln{color:",
		"user-select:none",
		`[data-theme="dark"] .chroma{color:`,
		`[data-theme="dark"] .chroma .hl{background-color:`,
		`[data-theme="dark"] .chroma .ln{color:`,
		"@media (prefers-color-scheme:dark){\n" + `:root:not([data-theme="light"]) .chroma{`,
		`:root:not([data-theme="light"]) .chroma .hl{`,
		".chroma .k,",
		`[data-theme="dark"] .chroma .k,`,
	} {
		if !strings.Contains(css, want) {
			t.Errorf("CSS lacks %q", want)
		}
	}
	if strings.Count(css, "{") != strings.Count(css, "}") {
		t.Error("CSS braces do not balance")
	}
}

// TestContrast checks every colour the CSS gives text against WCAG AA, on
// the code background and on highlighted lines, for several style pairs.
func TestContrast(t *testing.T) {
	for _, pair := range [][2]string{{"github", "github-dark"}, {"monokailight", "monokai"}, {"solarized-light", "solarized-dark"}} {
		for _, name := range pair {
			t.Run(name, func(t *testing.T) {
				s, err := style(name)
				if err != nil {
					t.Fatal(err)
				}
				th := newTheme(s)
				check := func(what string, c, bg chroma.Colour) {
					t.Helper()
					if r := contrast(c, bg); r < minTokenContrast {
						t.Errorf("%s %s on %s: contrast %.2f < %.1f", what, c, bg, r, minTokenContrast)
					}
				}
				check("text", th.fg, th.bg)
				check("text on highlighted line", th.fg, th.hl)
				check("line number", th.ln, th.bg)
				check("line number on highlighted line", th.ln, th.hl)
				for tt, e := range th.tokens {
					switch {
					case e.Background.IsSet() && e.Colour.IsSet():
						check(tt.String(), e.Colour, e.Background)
					case e.Background.IsSet():
						check(tt.String()+" (text colour)", th.fg, e.Background)
					case e.Colour.IsSet():
						check(tt.String(), e.Colour, th.bg)
						check(tt.String()+" highlighted", e.Colour, th.hl)
					}
				}
			})
		}
	}
}

func TestFingerprint(t *testing.T) {
	a := newHighlighter(t)
	if a.Fingerprint() != newHighlighter(t).Fingerprint() {
		t.Error("fingerprint is not stable")
	}
	if len(a.Fingerprint()) != 16 {
		t.Errorf("fingerprint %q is not 16 hex digits", a.Fingerprint())
	}
	b, err := New(Options{DarkStyle: "monokai"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Fingerprint() == b.Fingerprint() {
		t.Error("fingerprint ignores the dark style")
	}
}

// TestChromaVersion keeps ChromaVersion and Regexp2Version in step with
// go.mod.
func TestChromaVersion(t *testing.T) {
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	for module, version := range map[string]string{"github.com/alecthomas/chroma/v2": ChromaVersion, "github.com/dlclark/regexp2/v2": Regexp2Version} {
		m := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(module) + ` (v\S+)`).FindSubmatch(mod)
		if m == nil {
			t.Fatalf("%s not found in go.mod", module)
		}
		if string(m[1]) != version {
			t.Errorf("the constant for %s says %s, but go.mod requires %s: update the constant", module, version, m[1])
		}
	}
}

func TestConcurrent(t *testing.T) {
	h := newHighlighter(t)
	var wg sync.WaitGroup
	want := make([]string, len(benchSnippets))
	for i, s := range benchSnippets {
		var buf bytes.Buffer
		if _, err := h.Highlight(&buf, s.code, s.lang, Block{Lines: [][2]int{{2, 3}}}); err != nil {
			t.Fatal(err)
		}
		want[i] = buf.String()
	}
	h = newHighlighter(t) // fresh lexer cache: lookups race too
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, s := range benchSnippets {
				var buf bytes.Buffer
				if _, err := h.Highlight(&buf, s.code, s.lang, Block{Lines: [][2]int{{2, 3}}}); err != nil {
					t.Error(err)
				}
				if buf.String() != want[i] {
					t.Errorf("%s: concurrent output differs", s.lang)
				}
			}
		}()
	}
	wg.Wait()
}

type errWriter struct{ n int }

func (w *errWriter) Write(p []byte) (int, error) {
	if w.n--; w.n < 0 {
		return 0, fmt.Errorf("disk full")
	}
	return len(p), nil
}

func TestWriteError(t *testing.T) {
	h := newHighlighter(t)
	if _, err := h.Highlight(&errWriter{n: 3}, "print(1)\n", "python", Block{}); err == nil {
		t.Error("write error not returned")
	}
}

var benchSnippets = []struct{ lang, code string }{
	{"python", `import time
import requests

def scrape(url: str, retries: int = 3) -> dict:
    """Fetch url, waiting on 429 and backing off on 5xx."""
    for attempt in range(retries):
        r = requests.post(API, json={"url": url}, headers={"X-API-Key": KEY})
        if r.status_code == 429:
            time.sleep(int(r.headers.get("Retry-After", "1")))
            continue
        return r.json()
`},
	{"json", `{
  "error": {
    "code": "RATE_LIMIT_EXCEEDED",
    "message": "Too many requests",
    "status": 429,
    "refunded": false,
    "details": {"retry_after": 12, "limit": 60}
  },
  "request_id": "req_123"
}
`},
	{"go", `package main

import "fmt"

func main() {
	for i := 0; i < 3; i++ {
		if err := run(i); err != nil {
			fmt.Println("error:", err)
		}
	}
}
`},
	{"bash", `#!/usr/bin/env bash
set -euo pipefail
for i in 1 2 3; do
  curl -sS -X POST "$API/scrape" \
    -H "X-API-Key: $KEY" \
    -d '{"url": "https://example.com"}' || sleep $((i * 2))
done
echo "done" > /dev/null
`},
	{"javascript", `const API = "https://api.example.com";

async function scrape(url) {
  const res = await fetch(API + "/scrape", {
    method: "POST",
    headers: { "X-API-Key": process.env.KEY },
    body: JSON.stringify({ url }),
  });
  if (res.status === 429) return null;
  return res.json();
}
`},
}

func BenchmarkHighlight(b *testing.B) {
	h := newHighlighter(b)
	for _, s := range benchSnippets {
		b.Run(s.lang, func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			b.SetBytes(int64(len(s.code)))
			for b.Loop() {
				buf.Reset()
				if _, err := h.Highlight(&buf, s.code, s.lang, Block{Lines: [][2]int{{2, 3}}}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
