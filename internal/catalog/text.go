package catalog

import (
	"strings"
	"unicode"

	"docsgen/templates"
)

// runs splits prose into text and `code` runs. A backtick run closes only
// with a run of the same length, as in Markdown; an unclosed one stays as
// literal text. Nothing else is interpreted: the templates escape every run.
func runs(s string) []templates.TextRun {
	var out []templates.TextRun
	text := func(t string) {
		if t == "" {
			return
		}
		if n := len(out); n > 0 && !out[n-1].Code {
			out[n-1].Text += t
			return
		}
		out = append(out, templates.TextRun{Text: t})
	}
	for s != "" {
		i := strings.IndexByte(s, '`')
		if i < 0 {
			text(s)
			break
		}
		text(s[:i])
		s = s[i:]
		n := ticks(s)
		open := s[:n]
		rest := s[n:]
		end := closingTicks(rest, n)
		if end < 0 {
			text(open)
			s = rest
			continue
		}
		code := rest[:end]
		if len(code) >= 2 && code[0] == ' ' && code[len(code)-1] == ' ' && strings.Trim(code, " ") != "" {
			code = code[1 : len(code)-1]
		}
		out = append(out, templates.TextRun{Text: code, Code: true})
		s = rest[end+n:]
	}
	return out
}

// ticks counts the backticks at the start of s.
func ticks(s string) int {
	n := 0
	for n < len(s) && s[n] == '`' {
		n++
	}
	return n
}

// closingTicks finds a run of exactly n backticks in s.
func closingTicks(s string, n int) int {
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '`')
		if j < 0 {
			return -1
		}
		start := i + j
		m := ticks(s[start:])
		if m == n {
			return start
		}
		i = start + m
	}
	return -1
}

// plain is prose without its code marks, for search and JSON messages.
func plain(s string) string {
	var b strings.Builder
	for _, r := range runs(s) {
		b.WriteString(r.Text)
	}
	return b.String()
}

// searchText is the normalised text the filter matches against: the
// lower-cased words of parts (split at anything not a letter or digit),
// each once, plus every multi-part token joined without its separators
// (RATE_LIMIT_EXCEEDED also gives ratelimitexceeded).
func searchText(parts ...string) string {
	seen := map[string]bool{}
	var words []string
	add := func(w string) {
		if w != "" && !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	for _, part := range parts {
		for _, token := range strings.Fields(strings.ToLower(plain(part))) {
			pieces := strings.FieldsFunc(token, func(r rune) bool {
				return !unicode.IsLetter(r) && !unicode.IsDigit(r)
			})
			for _, p := range pieces {
				add(p)
			}
			if len(pieces) > 1 {
				add(strings.Join(pieces, ""))
			}
		}
	}
	return strings.Join(words, " ")
}
