package markdown

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/util"
)

// This file reads a code fence's info string, as CommonMark and the tools
// authors come from write it:
//
//	```python title="handle_errors.py" {2,4-6} linenos
//	```ruby startline=3 hl_lines="2 3"
//	``` { .sh .no-copy title="run.sh" }
//	```js{1,3} showLineNumbers
//	```rust,ignore
//
// The first word is the language (CommonMark), with backslash escapes and
// entities decoded; a language glued to line ranges (js{1,3}) or to mdBook
// attributes (rust,ignore) is split off them. After it, in any order:
//
//   - title="x", title=x, title='x', file=..., filename=...: the title;
//   - {2,4-6}, hl_lines="2 4-6" or mark={2,4-6}: lines to highlight,
//     counted from 1;
//   - linenos, linenums, showLineNumbers (or linenos=false): line numbers;
//   - startline=N, linenostart=N, linenums=N, showLineNumbers=N,
//     startLineNumber=N: line numbers that start at N;
//   - search=false: the code stays out of the site search (a demo that
//     repeats an example found elsewhere);
//   - {.lang .class #id key=value}: an attribute list (Pandoc, MkDocs); its
//     first .class is the language when no word came before, other classes
//     are accepted and not used, key=value pairs read as above.
//
// Nothing in an info string is an error: an option docsgen does not know,
// or a bad value, is ignored with one warning each.

// fenceInfo is what a fence's info string asks for.
type fenceInfo struct {
	Lang        string
	Title       string
	Lines       [][2]int
	LineNumbers bool
	FirstLine   int  // number of the first line; 0 means 1
	NoSearch    bool // search=false: leave the code out of search
}

// infoProblem is an ignored part of an info string, at byte Off.
type infoProblem struct {
	Off       int
	Msg, Hint string
}

const fenceOptionsHint = `a fence understands title="...", {2,4-6}, hl_lines="2 3", linenos and startline=N; the rest is ignored`

// parseFenceInfo reads an info string. It never fails: what it cannot use
// comes back as problems.
func parseFenceInfo(raw string) (fenceInfo, []infoProblem) {
	var fi fenceInfo
	var probs []infoProblem
	warn := func(off int, hint, format string, args ...any) {
		probs = append(probs, infoProblem{Off: off, Msg: fmt.Sprintf(format, args...), Hint: hint})
	}
	toks := infoTokens(raw)
	if len(toks) > 0 && toks[0].text[0] != '{' && !strings.Contains(toks[0].text, "=") {
		lang, extra, _ := strings.Cut(toks[0].text, ",")
		fi.Lang = decodeInfo(lang)
		off := toks[0].off + len(lang) + 1
		for w := range strings.SplitSeq(extra, ",") {
			if w != "" {
				warn(off, fenceOptionsHint, "code fence option %q is not supported and is ignored", w)
			}
			off += len(w) + 1
		}
		toks = toks[1:]
	}
	for _, t := range toks {
		if t.text[0] == '{' {
			fi.braces(t, warn)
			continue
		}
		fi.option(t.text, t.off, warn)
	}
	return fi, probs
}

// infoToken is one word of an info string, at byte off.
type infoToken struct {
	text string
	off  int
}

// infoTokens splits an info string at spaces and tabs, keeping quoted
// values and {...} groups whole (key={...} too), and splitting a word
// before any other "{".
func infoTokens(s string) []infoToken {
	var toks []infoToken
	for i := 0; i < len(s); {
		if s[i] == ' ' || s[i] == '\t' {
			i++
			continue
		}
		start := i
		if s[i] == '{' {
			i = scanUntil(s, i+1, '}')
			if i < len(s) {
				i++
			}
		} else {
			for i < len(s) && s[i] != ' ' && s[i] != '\t' && (s[i] != '{' || i > start && s[i-1] == '=') {
				if (s[i] == '"' || s[i] == '\'' || s[i] == '{') && i > start && s[i-1] == '=' {
					end := s[i]
					if end == '{' {
						end = '}'
					}
					i = scanUntil(s, i+1, end)
				}
				if i < len(s) {
					i++
				}
			}
		}
		toks = append(toks, infoToken{text: s[start:i], off: start})
	}
	return toks
}

// scanUntil returns the offset of the first end byte at or after i that is
// outside double quotes and not escaped by a backslash, or len(s).
func scanUntil(s string, i int, end byte) int {
	inQuote := end == '"' || end == '\''
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			i++
		case c == end:
			return i
		case c == '"' && !inQuote:
			i = scanUntil(s, i+1, '"')
		}
	}
	return len(s)
}

// braces reads a {...} group: line ranges or an attribute list.
func (fi *fenceInfo) braces(t infoToken, warn func(int, string, string, ...any)) {
	inner := strings.TrimPrefix(t.text, "{")
	if !strings.HasSuffix(inner, "}") {
		warn(t.off, "close the group with }", "unclosed { in code fence: %q is ignored", t.text)
		return
	}
	inner = strings.TrimSuffix(inner, "}")
	if strings.TrimSpace(inner) == "" {
		return
	}
	if strings.Trim(inner, "0123456789,- \t") == "" {
		fi.ranges(inner, t.off, warn)
		return
	}
	for _, a := range infoTokens(inner) {
		off := t.off + 1 + a.off
		switch {
		case a.text[0] == '.' && len(a.text) > 1:
			if fi.Lang == "" {
				fi.Lang = decodeInfo(a.text[1:])
			}
		case a.text[0] == '#' && len(a.text) > 1:
			warn(off, fenceOptionsHint, "code fence id %q is not supported and is ignored", a.text)
		default:
			fi.option(a.text, off, warn)
		}
	}
}

// option reads one word or key=value option at byte off.
func (fi *fenceInfo) option(word string, off int, warn func(int, string, string, ...any)) {
	key, raw, hasValue := strings.Cut(word, "=")
	value := unquoteInfo(raw)
	num, numErr := strconv.Atoi(value)
	switch k := strings.ToLower(key); {
	case k == "title" || k == "file" || k == "filename":
		if !hasValue || value == "" {
			warn(off, `write title="file.py"`, "code fence %s has no value and is ignored", key)
			return
		}
		if fi.Title != "" {
			warn(off, "give one title", "code fence has a second title %q: it is ignored", value)
			return
		}
		fi.Title = value
	case (k == "hl_lines" || k == "mark") && hasValue:
		v := strings.TrimSuffix(strings.TrimPrefix(value, "{"), "}")
		fi.ranges(strings.ReplaceAll(v, " ", ","), off+len(key)+1, warn)
	case (k == "linenos" || k == "linenums" || k == "shownumbers" || k == "showlinenumbers") && !hasValue:
		fi.LineNumbers = true
	case k == "linenos" && hasValue:
		fi.LineNumbers = value != "false" && value != "False" && value != "0"
	case k == "startline" || k == "linenostart" || k == "linenums" || k == "showlinenumbers" || k == "startlinenumber":
		if numErr != nil || num < 0 || num > 1_000_000 {
			warn(off, "write "+key+"=N with N a line number, such as "+key+"=3", "code fence %s value %q is not a number: it is ignored", key, value)
			return
		}
		fi.LineNumbers, fi.FirstLine = true, num
	case k == "search" && (value == "false" || value == "true"):
		fi.NoSearch = value == "false"
	case k == "search":
		warn(off, `write search=false to keep the code out of the site search`, "code fence search value %q is not true or false: it is ignored", value)
	default:
		hint := fenceOptionsHint
		if near := nearest(key, fenceOptionKeys); near != "" {
			hint = "did you mean " + near + "? " + hint
		}
		warn(off, hint, "code fence option %q is not supported and is ignored", word)
	}
}

// fenceOptionKeys are the option names option reads, for suggestions.
var fenceOptionKeys = []string{"title", "file", "filename", "hl_lines", "linenos", "linenums", "startline", "linenostart", "showLineNumbers", "search"}

// ranges adds line ranges such as "2,4-6" written at off.
func (fi *fenceInfo) ranges(s string, off int, warn func(int, string, string, ...any)) {
	ranges, bad := parseRanges(s)
	if bad != "" {
		warn(off, "write line ranges as {2,4-6}: numbers from 1, each range low-high", "bad line range %q in code fence: the ranges are ignored", bad)
		return
	}
	fi.Lines = append(fi.Lines, ranges...)
}

// parseRanges parses "2,4-6" into [2,2] and [4,6]. bad is the first part
// that is not a valid range; empty parts (from doubled separators) are
// skipped.
func parseRanges(s string) (ranges [][2]int, bad string) {
	for part := range strings.SplitSeq(s, ",") {
		p := strings.TrimSpace(part)
		if p == "" {
			continue
		}
		lo, hi, isRange := strings.Cut(p, "-")
		a, err1 := strconv.Atoi(strings.TrimSpace(lo))
		b, err2 := a, error(nil)
		if isRange {
			b, err2 = strconv.Atoi(strings.TrimSpace(hi))
		}
		if err1 != nil || err2 != nil || a < 1 || b < a || b > 1_000_000 {
			return nil, p
		}
		ranges = append(ranges, [2]int{a, b})
	}
	return ranges, ""
}

// unquoteInfo returns an option value without its quotes (double or
// single), with \" and \\ decoded, then backslash escapes and entities
// decoded as CommonMark does in info strings.
func unquoteInfo(v string) string {
	if len(v) >= 1 && (v[0] == '"' || v[0] == '\'') {
		q := v[0]
		v = v[1:]
		if end := scanUntil(v, 0, q); end < len(v) {
			v = v[:end]
		}
	}
	return decodeInfo(v)
}

// decodeInfo decodes backslash escapes and entity references.
func decodeInfo(s string) string {
	if !strings.ContainsAny(s, `\&`) {
		return s
	}
	b := util.UnescapePunctuations([]byte(s))
	b = util.ResolveNumericReferences(b)
	return string(util.ResolveEntityNames(b))
}
