// Package highlight colours code blocks at build time with chroma.
//
// Output uses CSS classes only, never inline styles, in the structure of
// docsgen's HTML contract:
//
//	<pre class="chroma" tabindex="0"><code><span class="line"><span class="cl">...tokens...</span></span>
//	<span class="line hl"><span class="ln">2</span><span class="cl">...</span></span></code></pre>
//
// Each source line is a span.line holding a span.cl with the line's tokens
// (the line's newline included); lines picked by Block.Lines also have class
// "hl"; with Block.LineNumbers a span.ln holding the number (padded with
// spaces to the width of the last number) comes first. Tokens carry chroma's
// short class names (k, s, c1, ...). A language chroma does not know, or no
// language, gives the same structure with escaped plain text.
//
// Languages are looked up by chroma lexer name, alias or file extension
// (python, py, sh, js, json, yaml, toml, http, text, ...), once per
// language per Highlighter.
//
// CSS returns one stylesheet for both themes: the light style's rules under
// .chroma, the dark style's under [data-theme="dark"] .chroma and again in a
// prefers-color-scheme: dark media query for pages whose root does not say
// data-theme="light". Token colours that would read below WCAG AA (4.5:1)
// on the code background or on a highlighted line are pushed darker (light
// theme) or lighter (dark theme) until they pass.
//
// Chroma's regex lexers run on fastLexer (lexer.go): the same rules,
// mutators and emitters, so the same tokens, but a rule is tried only where
// its first character can match, through regexp2's allocation-free matcher.
// Other lexers (delegating ones, HTTP, Markdown) are chroma's own.
//
// Fingerprint names everything that changes the output, for build caches.
//
// A block's markup is already minified: an HTML minifier that keeps quotes,
// end tags and default attribute values leaves it byte for byte as it is
// (TestBlocksAreMinified). A build may therefore minify the HTML around
// blocks and copy each block as it is, from BlockOpen to BlockClose.
package highlight

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// ChromaVersion is the chroma module version in go.mod. Keep the two in
// step: it is part of Fingerprint, so a chroma upgrade invalidates caches
// (a test compares it with the build information).
const ChromaVersion = "v2.27.0"

// Regexp2Version is the version in go.mod of regexp2, the regular
// expression engine chroma's lexers and fastLexer run on: a change of
// engine may change tokens, so it is part of Fingerprint too.
const Regexp2Version = "v2.13.0"

// formatVersion names the HTML and CSS this package writes. Bump it whenever
// Highlight or CSS changes its output, so cached pages are rebuilt.
const formatVersion = "docsgen-highlight/1"

// BlockOpen starts and BlockClose ends every block Highlight writes;
// BlockClose occurs nowhere in between (a "<" in code is escaped).
const (
	BlockOpen  = `<pre class="chroma" tabindex="0"><code>`
	BlockClose = `</code></pre>`
)

// Options configures a Highlighter. The zero value is usable.
type Options struct {
	// LightStyle is the chroma style of the light theme. Default "github".
	LightStyle string
	// DarkStyle is the chroma style of the dark theme. Default "github-dark".
	DarkStyle string
}

// Block says how to present one code block.
type Block struct {
	// Lines are 1-based inclusive line ranges to highlight, such as
	// {{2, 2}, {4, 6}}. Ranges outside the code are ignored.
	Lines [][2]int
	// LineNumbers shows a number before each line. Default off.
	LineNumbers bool
	// FirstLine is the number shown on the first line. Default 0 means 1.
	FirstLine int
}

// Info describes the language a block was highlighted as.
type Info struct {
	// Lang is the display name: chroma's lexer name ("Python", "JSON",
	// "Go", "Bash") when the language is known, "Text" for plain text or no
	// language, else the name as written.
	Lang string
	// Known reports whether chroma knows the language.
	Known bool
}

// Highlighter renders code blocks. It is safe for concurrent use.
type Highlighter struct {
	lightName, darkName string
	css                 []byte
	fingerprint         string
	lexers              sync.Map // language as written -> *language
}

// language is a resolved lexer, cached per Highlighter.
type language struct {
	lexer chroma.Lexer // coalesced; nil when unknown or plain text
	info  Info
}

// New returns a Highlighter for the styles in opts. Unknown style names are
// an error.
func New(opts Options) (*Highlighter, error) {
	if opts.LightStyle == "" {
		opts.LightStyle = "github"
	}
	if opts.DarkStyle == "" {
		opts.DarkStyle = "github-dark"
	}
	light, err := style(opts.LightStyle)
	if err != nil {
		return nil, err
	}
	dark, err := style(opts.DarkStyle)
	if err != nil {
		return nil, err
	}
	h := &Highlighter{lightName: opts.LightStyle, darkName: opts.DarkStyle}
	h.css = stylesheet(light, dark, opts.LightStyle, opts.DarkStyle)
	sum := sha256.Sum256([]byte(strings.Join([]string{
		"chroma " + ChromaVersion, "regexp2 " + Regexp2Version, formatVersion,
		"light " + opts.LightStyle, "dark " + opts.DarkStyle,
		"classes", "tabindex", "ln-padded",
	}, "\n")))
	h.fingerprint = hex.EncodeToString(sum[:8])
	return h, nil
}

func style(name string) (*chroma.Style, error) {
	s, ok := styles.Registry[strings.ToLower(name)]
	if !ok {
		return nil, fmt.Errorf("unknown chroma style %q (known: %s)", name, strings.Join(styles.Names(), ", "))
	}
	return s, nil
}

// CSS returns the stylesheet for both themes. The bytes are the same for
// the same Options; callers must not modify them.
func (h *Highlighter) CSS() []byte { return h.css }

// Fingerprint returns a short hash of everything that affects the
// Highlighter's output: the chroma version, the styles and the output format.
func (h *Highlighter) Fingerprint() string { return h.fingerprint }

// Lookup returns the display name of lang and whether chroma knows it,
// without highlighting anything.
func (h *Highlighter) Lookup(lang string) Info { return h.language(lang).info }

func (h *Highlighter) language(lang string) *language {
	if v, ok := h.lexers.Load(lang); ok {
		return v.(*language)
	}
	l := resolve(lang)
	if len(lang) <= 64 { // bound the cache against arbitrary info strings
		v, _ := h.lexers.LoadOrStore(lang, l)
		return v.(*language)
	}
	return l
}

func resolve(lang string) *language {
	name := strings.TrimSpace(lang)
	if name == "" {
		return &language{info: Info{Lang: "Text"}}
	}
	lexer := lexers.Get(name)
	if lexer == nil {
		return &language{info: Info{Lang: name}}
	}
	display := lexer.Config().Name
	if display == "plaintext" {
		// Plain text needs no tokenising: write it as it is.
		return &language{info: Info{Lang: "Text", Known: true}}
	}
	if rl, ok := lexer.(*chroma.RegexLexer); ok {
		// The same tokens, found faster (lexer.go); chroma's own lexer
		// if its rules do not compile here.
		if fast, err := newFastLexer(rl); err == nil {
			lexer = fast
		}
	}
	return &language{lexer: chroma.Coalesce(lexer), info: Info{Lang: displayName(display), Known: true}}
}

// displayName capitalises the few lexer names chroma writes in lower case
// ("markdown"), so every label in a code header reads alike.
func displayName(name string) string {
	if name == "" || name[0] < 'a' || name[0] > 'z' || strings.ToLower(name) != name {
		return name
	}
	return string(name[0]-'a'+'A') + name[1:]
}

// Highlight writes code, coloured as lang, to w in the contract's structure
// and reports the language's display name. Only errors from w are returned;
// code chroma cannot tokenise is written as plain text.
func (h *Highlighter) Highlight(w io.Writer, code, lang string, o Block) (Info, error) {
	l := h.language(lang)
	var it chroma.Iterator
	if l.lexer != nil {
		var err error
		if it, err = l.lexer.Tokenise(nil, code); err != nil {
			it = nil
		}
	}
	if it == nil {
		it = chroma.Literator(chroma.Token{Type: chroma.Text, Value: code})
	}
	lw := lineWriter{w: w, block: o}
	if o.LineNumbers {
		lw.digits = len(strconv.Itoa(strings.Count(code, "\n") + max(o.FirstLine, 1)))
	}
	lw.str(BlockOpen)
	for t := it(); t != chroma.EOF; t = it() {
		lw.token(t)
	}
	lw.endLine()
	lw.str(BlockClose)
	return l.info, lw.err
}

// lineWriter writes tokens split into line spans, remembering the first
// write error.
type lineWriter struct {
	w      io.Writer
	block  Block
	digits int
	line   int  // number of the current line, 0 before the first
	open   bool // inside a line's spans
	err    error
}

func (lw *lineWriter) str(s string) {
	if lw.err == nil {
		_, lw.err = io.WriteString(lw.w, s)
	}
}

func (lw *lineWriter) bytes(b []byte) {
	if lw.err == nil {
		_, lw.err = lw.w.Write(b)
	}
}

func (lw *lineWriter) token(t chroma.Token) {
	cls := class(t.Type)
	v := t.Value
	for v != "" {
		if !lw.open {
			lw.startLine()
		}
		piece := v
		nl := strings.IndexByte(v, '\n')
		if nl >= 0 {
			piece, v = v[:nl+1], v[nl+1:]
		} else {
			v = ""
		}
		if cls != "" {
			lw.str(`<span class="`)
			lw.str(cls)
			lw.str(`">`)
			lw.escaped(piece)
			lw.str(`</span>`)
		} else {
			lw.escaped(piece)
		}
		if nl >= 0 {
			lw.endLine()
		}
	}
}

func (lw *lineWriter) startLine() {
	lw.line++
	lw.open = true
	if lw.highlighted(lw.line) {
		lw.str(`<span class="line hl">`)
	} else {
		lw.str(`<span class="line">`)
	}
	if lw.block.LineNumbers {
		var buf [32]byte
		n := strconv.AppendInt(buf[:0], int64(lw.line+max(lw.block.FirstLine, 1)-1), 10)
		lw.str(`<span class="ln">`)
		for i := len(n); i < lw.digits; i++ {
			lw.str(" ")
		}
		lw.bytes(n)
		lw.str(`</span>`)
	}
	lw.str(`<span class="cl">`)
}

func (lw *lineWriter) endLine() {
	if lw.open {
		lw.str(`</span></span>`)
		lw.open = false
	}
}

func (lw *lineWriter) highlighted(line int) bool {
	for _, r := range lw.block.Lines {
		if line >= r[0] && line <= r[1] {
			return true
		}
	}
	return false
}

// escaped writes s with &, <, > and " escaped, in runs between them.
func (lw *lineWriter) escaped(s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&#34;"
		default:
			continue
		}
		lw.str(s[start:i])
		lw.str(esc)
		start = i + 1
	}
	lw.str(s[start:])
}

// class returns chroma's CSS class for t, from the nearest ancestor type
// that has one; "" for plain text.
func class(t chroma.TokenType) string {
	for {
		if cls, ok := chroma.StandardTypes[t]; ok {
			return cls
		}
		if t == 0 {
			return ""
		}
		p := t.Parent()
		if p == t {
			return ""
		}
		t = p
	}
}
