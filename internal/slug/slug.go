// Package slug turns heading text into the URL fragment ids GitHub gives
// headings, so that links written against a README on GitHub keep working on
// the site, and so that link checks, the catalog and search agree with the
// renderer on every id.
//
// The rule (Slug) is GitHub's: lower-case the text; keep Unicode letters,
// combining marks, digits, '-' and '_'; turn each space into '-'; drop every
// other rune (punctuation, backticks, emoji, symbols). Nothing is collapsed or
// trimmed, so "a - b" becomes "a---b" as on GitHub. Text that keeps nothing
// becomes "section", so an id is never empty.
//
//	"Error Codes Reference" -> "error-codes-reference"
//	"`X-RateLimit-Reset`"   -> "x-ratelimit-reset"
//	"RATE_LIMIT_EXCEEDED"   -> "rate_limit_exceeded"
//
// A Set hands out ids that are unique within one page: the second "Examples"
// heading gets "examples-1", the third "examples-2", skipping ids already
// taken (including ids reserved for explicit {#id} attributes).
package slug

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Empty is the id Slug returns for text that keeps no rune.
const Empty = "section"

// Slug returns the GitHub-style id for text; see the package comment for
// the rule. The result is never empty, and Slug(Slug(s)) == Slug(s).
func Slug(text string) string {
	if fast, ok := asciiSlug(text); ok {
		return fast
	}
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range text {
		switch {
		case r == '-' || r == '_':
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteByte('-')
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			b.WriteRune(lower(r))
		}
	}
	if b.Len() == 0 {
		return Empty
	}
	return b.String()
}

// lower lower-cases r, keeping it when its lower case would no longer be a
// rune Slug keeps (so the output stays inside the allowed set).
func lower(r rune) rune {
	l := unicode.ToLower(r)
	if l != r && !(unicode.IsLetter(l) || unicode.IsDigit(l) || unicode.IsMark(l)) {
		return r
	}
	return l
}

// asciiSlug handles the common all-ASCII case without decoding runes.
// It reports false when text holds a non-ASCII byte.
func asciiSlug(text string) (string, bool) {
	// Return text itself when it is already a slug: no allocation.
	clean := true
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c >= utf8.RuneSelf {
			return "", false
		}
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			clean = false
		}
	}
	if clean {
		if text == "" {
			return Empty, true
		}
		return text, true
	}
	buf := make([]byte, 0, len(text))
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_':
			buf = append(buf, c)
		case c >= 'A' && c <= 'Z':
			buf = append(buf, c+('a'-'A'))
		case c == ' ', c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			buf = append(buf, '-')
		}
	}
	if len(buf) == 0 {
		return Empty, true
	}
	return string(buf), true
}

// Set hands out ids unique within one document, GitHub's way. The zero value
// is ready to use. A Set is not safe for concurrent use; make one per page.
type Set struct {
	// used maps every id handed out or reserved to the number of times its
	// text has repeated so far (the next suffix to try, minus one).
	used map[string]int
}

// Unique returns Slug(text), or, when that id is taken, the first of
// id-1, id-2, ... that is free, and marks the result as taken.
func (s *Set) Unique(text string) string {
	if s.used == nil {
		s.used = make(map[string]int)
	}
	base := Slug(text)
	id := base
	for {
		if _, taken := s.used[id]; !taken {
			break
		}
		n := s.used[base] + 1
		s.used[base] = n
		id = base + "-" + strconv.Itoa(n)
	}
	s.used[id] = 0
	return id
}

// Reserve marks id as taken, as is (it is not slugged), so that Unique never
// returns it. Use it for ids written explicitly by authors.
func (s *Set) Reserve(id string) {
	if s.used == nil {
		s.used = make(map[string]int)
	}
	if _, ok := s.used[id]; !ok {
		s.used[id] = 0
	}
}

// Has reports whether id was handed out or reserved.
func (s *Set) Has(id string) bool {
	_, ok := s.used[id]
	return ok
}
