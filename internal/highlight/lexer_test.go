package highlight

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// tokens lexes text with lx and returns its tokens, or the value it
// panicked with.
func tokens(lx chroma.Lexer, opts *chroma.TokeniseOptions, text string) (toks []chroma.Token, panicked any) {
	defer func() { panicked = recover() }()
	it, err := lx.Tokenise(opts, text)
	if err != nil {
		return nil, err
	}
	for t := it(); t != chroma.EOF; t = it() {
		toks = append(toks, t)
	}
	return toks, nil
}

// sameTokens fails t unless fastLexer and chroma's lexer give the same
// tokens (or both panic) for text.
func sameTokens(t *testing.T, lx *chroma.RegexLexer, fast *fastLexer, opts *chroma.TokeniseOptions, text, where string) {
	t.Helper()
	want, wantPanic := tokens(lx, opts, text)
	got, gotPanic := tokens(fast, opts, text)
	if (wantPanic == nil) != (gotPanic == nil) {
		t.Fatalf("%s: chroma panicked with %v, fastLexer with %v", where, wantPanic, gotPanic)
	}
	for i := range min(len(want), len(got)) {
		if want[i] != got[i] {
			t.Fatalf("%s: token %d: chroma %v, fastLexer %v", where, i, want[i], got[i])
		}
	}
	if len(want) != len(got) {
		t.Fatalf("%s: chroma gave %d tokens, fastLexer %d", where, len(want), len(got))
	}
}

// chromaDir is the chroma module's folder, which holds a sample file in
// every language it knows (lexers/testdata).
func chromaDir(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-json", "github.com/alecthomas/chroma/v2").Output()
	if err != nil {
		t.Fatalf("go list -m github.com/alecthomas/chroma/v2: %v", err)
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
		t.Fatalf("go list -m github.com/alecthomas/chroma/v2: no Dir in %s (%v)", out, err)
	}
	return mod.Dir
}

// TestFastLexerCompilesEveryLexer: every regex lexer chroma has compiles
// to a fastLexer, so none falls back to the slow path by surprise.
func TestFastLexerCompilesEveryLexer(t *testing.T) {
	n := 0
	for _, lx := range lexers.GlobalLexerRegistry.Lexers {
		rl, ok := lx.(*chroma.RegexLexer)
		if !ok {
			continue
		}
		n++
		if _, err := newFastLexer(rl); err != nil {
			t.Errorf("%s: %v", rl.Config().Name, err)
		}
	}
	if n < 200 {
		t.Fatalf("chroma has %d regex lexers; expected hundreds", n)
	}
}

// TestFastLexerMatchesChroma lexes chroma's own sample of each language,
// and a few awkward inputs, with both lexers: the tokens must be the same.
func TestFastLexerMatchesChroma(t *testing.T) {
	dir := filepath.Join(chromaDir(t), "lexers", "testdata")
	samples, err := filepath.Glob(filepath.Join(dir, "*.actual"))
	if err != nil {
		t.Fatal(err)
	}
	compared := 0
	for _, sample := range samples {
		// Samples are named after their language, some with a case after
		// a dot: go.trailing_slashes.actual.
		name, _, _ := strings.Cut(strings.TrimSuffix(filepath.Base(sample), ".actual"), ".")
		lx, ok := lexers.Get(name).(*chroma.RegexLexer)
		if !ok {
			continue
		}
		fast, err := newFastLexer(lx)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		text, err := os.ReadFile(sample)
		if err != nil {
			t.Fatal(err)
		}
		sameTokens(t, lx, fast, nil, string(text), sample)
		compared++
	}
	if compared < 150 {
		t.Fatalf("compared %d of chroma's samples; expected over 150", compared)
	}
	t.Logf("%d of chroma's samples give the same tokens", compared)

	awkward := []struct{ lang, text string }{
		{"python", ""},
		{"python", "x = 'unclosed\ny = 2"},
		{"python", "é = π * 2  # non-ASCII names\n"},
		{"python", "s = \"\"\"many\r\nlines\rend\"\"\"\r\n"},
		{"python", "def f(): return f'{x!r:>{w}}'"},
		{"go", "π := 3.14 // no newline at the end"},
		{"go", "s := `raw\nstring`\n"},
		{"sql", "SELECT * FROM t WHERE x = 'a'; select Id from T;\n"},
		{"bash", "echo \"${A:-$(date)}\" | grep -E '^[a-z]+' <<EOF\nbody\nEOF\n"},
		{"json", "{\"a\": [1, 2.5e3, true, null, \"\\u00e9\"]}"},
		{"javascript", "const re = /a\\/b/g; let s = `x${y}z`;\n"},
		{"yaml", "key: value\nlist:\n  - a\n  - \"b\"\n"},
		{"html", "<script>let a = 1 < 2;</script><style>p{color:red}</style>\n"},
		{"markdown", "# Title\n\n```go\nfunc main() {}\n```\n"},
		{"php", "<?php echo \"hi $name\"; ?>\n"},
		{"c", "#include <stdio.h>\nint main(void) { return 0; }\n"},
	}
	for _, c := range awkward {
		lx, ok := lexers.Get(c.lang).(*chroma.RegexLexer)
		if !ok {
			continue
		}
		fast, err := newFastLexer(lx)
		if err != nil {
			t.Fatal(err)
		}
		sameTokens(t, lx, fast, nil, c.text, fmt.Sprintf("%s %q", c.lang, c.text))
		sameTokens(t, lx, fast, &chroma.TokeniseOptions{State: "root", Nested: true}, c.text, fmt.Sprintf("%s %q nested", c.lang, c.text))
	}
}

// fuzzLanguages are the languages FuzzFastLexer lexes its input as: the
// ones API docs use most, and some with case-insensitive or unusual rules.
// (HTTP and Markdown are not regex lexers: chroma lexes them itself.)
var fuzzLanguages = []string{"python", "go", "javascript", "bash", "json", "yaml", "typescript",
	"java", "ruby", "php", "rust", "c", "sql", "html", "css", "toml", "powershell", "csharp", "kotlin", "swift"}

// FuzzFastLexer: for any text in any of fuzzLanguages, fastLexer gives
// chroma's tokens.
func FuzzFastLexer(f *testing.F) {
	for i, s := range benchSnippets {
		f.Add(uint8(i), s.code)
	}
	f.Add(uint8(12), "SELECT a FROM b WHERE c = 'd'")
	f.Add(uint8(4), "{\"a\": \"\\u00e9\", \"b\": [1, 2]}")
	fast := map[string]*fastLexer{}
	for _, lang := range fuzzLanguages {
		lx, ok := lexers.Get(lang).(*chroma.RegexLexer)
		if !ok {
			f.Fatalf("%s is not a regex lexer", lang)
		}
		fl, err := newFastLexer(lx)
		if err != nil {
			f.Fatal(err)
		}
		fast[lang] = fl
	}
	f.Fuzz(func(t *testing.T, lang uint8, text string) {
		name := fuzzLanguages[int(lang)%len(fuzzLanguages)]
		sameTokens(t, fast[name].lx, fast[name], nil, text, name)
	})
}

// TestStartsOf: the start set holds every rune a match can begin with,
// and says always where a match can be empty.
func TestStartsOf(t *testing.T) {
	cases := []struct {
		pattern    string
		can, canNo string // runes that can and cannot begin a match
		always     bool
	}{
		{pattern: `\G(?m)(?:#.*$)`, can: "#", canNo: "a \n/"},
		{pattern: `\G(?m)(?:\n)`, can: "\n", canNo: " a"},
		{pattern: `\G(?m)(?:(def)((?:\s|\\\s)+))`, can: "d", canNo: "Dfe "},
		{pattern: `\G(?m)(?:(?i)(rf|fr)("""))`, can: "rRfF", canNo: "\"a"},
		{pattern: `\G(?mi)(?:select\b)`, can: "sS", canNo: "e "},
		{pattern: `\G(?m)(?:\s*[a-z_]\w*)`, can: " \t\nab_", canNo: "A1."},
		{pattern: `\G(?m)(?:(?<!\.)(True|False)\b)`, can: "TF", canNo: "t."},
		{pattern: `\G(?m)(?:(?=x)y|z+)`, can: "yz", canNo: "a"},
		{pattern: `\G(?m)(?:[^"\\]+)`, can: "a ", canNo: "\"\\"},
		{pattern: `\G(?m)(?:\d{2,}|0x[0-9a-f]+)`, can: "019", canNo: "xa"},
		{pattern: `\G(?m)(?:)`, always: true},
		{pattern: `\G(?m)(?:a*)`, always: true},
		{pattern: `\G(?m)(?:(a)?\1)`, always: true},
		// The group is taken by the lookbehind, before the position, so
		// the reference can begin with any rune, though x follows it.
		{pattern: `\G(?m)(?:(?<=(b))\1x)`, always: true},
		{pattern: `\G(?m)(?:(?<q>["'])\k<q>)`, can: "\"'", canNo: "a"},
		{pattern: `\G(?m)(?:^$)`, always: true},
		{pattern: `\G(?m)(?:(?(x)a|b))`, always: true},
	}
	for _, c := range cases {
		s := startsOf(c.pattern)
		if s.always != c.always {
			t.Errorf("%s: always = %v, want %v", c.pattern, s.always, c.always)
			continue
		}
		for _, r := range c.can {
			if !s.can(r) {
				t.Errorf("%s: %q cannot begin a match, but it can", c.pattern, r)
			}
		}
		for _, r := range c.canNo {
			if s.can(r) && !c.always {
				t.Errorf("%s: %q can begin a match, but it cannot", c.pattern, r)
			}
		}
		if !s.can('é') || !s.can('π') {
			t.Errorf("%s: a non-ASCII rune must always be tried", c.pattern)
		}
	}
}
