package search

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// The tokenizer below has a twin in search.js (function words); the two
// must agree on every input, and TestTokenizerMatchesJS checks they do.

// Word is one word of a text: a run of letters, digits and combining marks,
// possibly joined by '_' or '-' into an identifier (RATE_LIMIT_EXCEEDED,
// X-RateLimit-Reset, max_tier).
type Word struct {
	// Whole is the word lower-cased, connectors kept: "x-ratelimit-reset".
	Whole string
	// Parts are the word's pieces, each once, in order: every segment
	// between connectors and, for a camelCase segment, its humps:
	// "x", "ratelimit", "rate", "limit", "reset". Empty for a plain word.
	Parts []string
	// Leaves are the smallest pieces, each once, in order: "x", "rate",
	// "limit", "reset". A query word matches through its parts only when
	// every leaf matches. Empty for a plain word.
	Leaves []string
	// Joined is the segments run together, "xratelimitreset", when the
	// word has more than one segment; else "".
	Joined string
	// Start and End are the word's byte offsets in the text.
	Start, End int
}

// Tokenize returns the search terms of s, in order: for every word its
// whole form, then its parts, then its joined form, without repeats within
// a word. Nothing is dropped: no stop words, numbers are words.
//
//	"RATE_LIMIT_EXCEEDED" -> rate_limit_exceeded rate limit exceeded ratelimitexceeded
//	"X-RateLimit-Reset"   -> x-ratelimit-reset x ratelimit rate limit reset xratelimitreset
//	"if 429"              -> if 429
func Tokenize(s string) []string {
	var out []string
	for _, w := range Words(s) {
		out = append(out, w.Terms()...)
	}
	return out
}

// Terms returns the word's search terms: Whole, Parts, Joined, each once.
func (w Word) Terms() []string {
	out := []string{w.Whole}
	for _, p := range w.Parts {
		if p != w.Whole {
			out = append(out, p)
		}
	}
	if w.Joined != "" && w.Joined != w.Whole && !contains(w.Parts, w.Joined) {
		out = append(out, w.Joined)
	}
	return out
}

// Words splits s into words; see Word.
func Words(s string) []Word {
	var out []Word
	eachWord(s, func(w *Word) {
		c := *w
		c.Parts, c.Leaves = slices.Clone(w.Parts), slices.Clone(w.Leaves)
		out = append(out, c)
	})
	return out
}

// eachWord calls fn for every word of s. The Word is fn's only until it
// returns: its slices are reused for the next word.
func eachWord(s string, fn func(w *Word)) {
	var w Word
	var segs [][2]int
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !isWordRune(rune(c)) {
				i++
				continue
			}
		} else if r, n := utf8.DecodeRuneInString(s[i:]); !isWordRune(r) {
			i += n
			continue
		}
		segs = segs[:0]
		end := scanWord(s, i, &w, segs)
		fn(&w)
		i = end
	}
}

// scanWord reads into w the word that starts at s[start] (a word rune)
// and returns where it ends. segs is scratch space.
func scanWord(s string, start int, w *Word, segs [][2]int) int {
	// segs holds [from, to) byte ranges of the segments.
	i := start
	for {
		from := i
		for i < len(s) {
			if c := s[i]; c < utf8.RuneSelf {
				if !isWordRune(rune(c)) {
					break
				}
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) {
				break
			}
			i += n
		}
		segs = append(segs, [2]int{from, i})
		// A run of connectors continues the word only when a word rune follows.
		j := i
		for j < len(s) && (s[j] == '_' || s[j] == '-') {
			j++
		}
		if j == i || j >= len(s) {
			break
		}
		if r, _ := utf8.DecodeRuneInString(s[j:]); !isWordRune(r) {
			break
		}
		i = j
	}
	*w = Word{Whole: lower(s[start:i]), Parts: w.Parts[:0], Leaves: w.Leaves[:0], Start: start, End: i}
	if len(segs) == 1 && !mayHump(s[start:i]) {
		// A plain word: no parts.
		w.Parts, w.Leaves = nil, nil
		return i
	}
	var joined []byte
	for _, sg := range segs {
		seg := s[sg[0]:sg[1]]
		ls := lower(seg)
		var humps []string
		if mayHump(seg) {
			humps = camelSplit(seg)
		}
		if len(segs) > 1 || len(humps) > 1 {
			w.Parts = appendOnce(w.Parts, ls)
		}
		if len(humps) > 1 {
			for _, h := range humps {
				lh := lower(h)
				w.Parts = appendOnce(w.Parts, lh)
				w.Leaves = appendOnce(w.Leaves, lh)
			}
		} else if len(segs) > 1 {
			w.Leaves = appendOnce(w.Leaves, ls)
		}
		joined = append(joined, ls...)
	}
	if len(segs) > 1 {
		w.Joined = string(joined)
	}
	if len(w.Parts) == 0 {
		w.Parts, w.Leaves = nil, nil
	}
	return i
}

// mayHump reports whether camelSplit could split seg: it has an upper-case
// letter after its first rune and a lower-case letter somewhere. Checked
// exactly for ASCII; any other text is left to camelSplit.
func mayHump(seg string) bool {
	upper, lower := false, false
	for i := 0; i < len(seg); i++ {
		c := seg[i]
		switch {
		case c >= utf8.RuneSelf:
			return true
		case c >= 'A' && c <= 'Z':
			upper = upper || i > 0
		case c >= 'a' && c <= 'z':
			lower = true
		}
	}
	return upper && lower
}

// camelSplit splits a segment at camelCase humps: a lower-case letter
// followed by an upper-case one (rateLimit), and the last capital of an
// upper-case run followed by a lower-case letter (HTTPServer -> HTTP
// Server), except a lone plural "s" that ends the segment (URLs, IDs).
// Digits never split.
func camelSplit(seg string) []string {
	rs := []rune(seg)
	var out []string
	from := 0
	for i := 1; i < len(rs); i++ {
		prev, cur := rs[i-1], rs[i]
		split := false
		switch {
		case unicode.IsLower(prev) && unicode.IsUpper(cur):
			split = true
		case unicode.IsUpper(prev) && unicode.IsUpper(cur) && i+1 < len(rs) && unicode.IsLower(rs[i+1]):
			// URLs, IDs: a plural s that ends the segment is no hump.
			split = !(i+2 == len(rs) && rs[i+1] == 's')
		}
		if split {
			out = append(out, string(rs[from:i]))
			from = i
		}
	}
	return append(out, string(rs[from:]))
}

// isWordRune reports whether r belongs in a word: a letter, a number or a
// combining mark (Unicode categories L, N, M).
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// lower lower-cases s rune by rune (simple case mapping).
func lower(s string) string {
	ascii := true
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if c >= 'A' && c <= 'Z' {
			upper = true
		}
	}
	if ascii {
		if !upper {
			return s
		}
		b := []byte(s)
		for i, c := range b {
			if c >= 'A' && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
		}
		return string(b)
	}
	rs := []rune(s)
	for i, r := range rs {
		rs[i] = unicode.ToLower(r)
	}
	return string(rs)
}

func appendOnce(list []string, s string) []string {
	if contains(list, s) {
		return list
	}
	return append(list, s)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
