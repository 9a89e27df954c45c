package search

import (
	"slices"
	"strings"
	"testing"
)

// tokenizerCases are shared by the Go test and the JS twin test: both
// tokenizers must give want for give.
var tokenizerCases = []struct {
	give string
	want string // terms joined by spaces
}{
	{"RATE_LIMIT_EXCEEDED", "rate_limit_exceeded rate limit exceeded ratelimitexceeded"},
	{"X-RateLimit-Reset", "x-ratelimit-reset x ratelimit rate limit reset xratelimitreset"},
	{"max_tier", "max_tier max tier maxtier"},
	{"429", "429"},
	{"if a 429 then b", "if a 429 then b"},
	{"Hello, World!", "hello world"},
	{"`session_id`.", "session_id session id sessionid"},
	{"RateLimit", "ratelimit rate limit"},
	{"rateLimitReset", "ratelimitreset rate limit reset"},
	{"HTTPServer", "httpserver http server"},
	{"URLs and IDs", "urls and ids"},
	{"getURLs", "geturls get urls"},
	{"oauth2Token", "oauth2token"},
	{"--flag value-", "flag value"},
	{"a__b", "a__b a b ab"},
	{"a_-b", "a_-b a b ab"},
	{"_private", "private"},
	{"SESSION_EXPIRED (401)", "session_expired session expired sessionexpired 401"},
	{"v1.2.3", "v1 2 3"},
	{"e-mail e-mail", "e-mail e mail email e-mail e mail email"},
	{"Größe ÜBER straße", "größe über straße"},
	{"ΣΟΦΙΑ", "σοφια"},
	{"naïve café", "naïve café"},
	{"Привет_Мир", "привет_мир привет мир приветмир"},
	{"日本語 テキスト", "日本語 テキスト"},
	{"x²", "x²"},
	{"İstanbul", "istanbul"},
	{"emoji 🎉 here", "emoji here"},
	{"", ""},
	{"  ...  ", ""},
}

func TestTokenize(t *testing.T) {
	for _, tc := range tokenizerCases {
		t.Run(tc.give, func(t *testing.T) {
			got := strings.Join(Tokenize(tc.give), " ")
			if got != tc.want {
				t.Errorf("Tokenize(%q)\n got %q\nwant %q", tc.give, got, tc.want)
			}
		})
	}
}

func TestWordsLeavesAndOffsets(t *testing.T) {
	tests := []struct {
		give       string
		whole      string
		leaves     []string
		start, end int
	}{
		{"see X-RateLimit-Reset.", "x-ratelimit-reset", []string{"x", "rate", "limit", "reset"}, 4, 21},
		{"RATE_LIMIT_EXCEEDED", "rate_limit_exceeded", []string{"rate", "limit", "exceeded"}, 0, 19},
		{"plain", "plain", nil, 0, 5},
		{"«max_tier»", "max_tier", []string{"max", "tier"}, 2, 10},
	}
	for _, tc := range tests {
		t.Run(tc.give, func(t *testing.T) {
			ws := Words(tc.give)
			if len(ws) == 0 {
				t.Fatalf("Words(%q) found no word", tc.give)
			}
			w := ws[len(ws)-1]
			if w.Whole != tc.whole || !slices.Equal(w.Leaves, tc.leaves) || w.Start != tc.start || w.End != tc.end {
				t.Errorf("got whole %q leaves %q at [%d,%d), want %q %q at [%d,%d)",
					w.Whole, w.Leaves, w.Start, w.End, tc.whole, tc.leaves, tc.start, tc.end)
			}
		})
	}
}

// FuzzTokenize checks the tokenizer on any text: it never panics; words are
// in order, do not overlap and are the lower-cased text they cover; every
// term is non-empty, lower case, made of word runes and connectors, and
// appears once per word; the result is the same on every call and does not
// change when a space is appended.
func FuzzTokenize(f *testing.F) {
	for _, tc := range tokenizerCases {
		f.Add(tc.give)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words := Words(s)
		var terms []string
		prevEnd := 0
		for _, w := range words {
			if w.Whole == "" || w.Start >= w.End || w.End > len(s) || w.Start < prevEnd {
				t.Fatalf("bad word %+v in %q", w, s)
			}
			prevEnd = w.End
			if w.Whole != lower(s[w.Start:w.End]) {
				t.Fatalf("whole %q is not the lower-cased text %q", w.Whole, s[w.Start:w.End])
			}
			wt := w.Terms()
			for i, term := range wt {
				if term == "" || lower(term) != term {
					t.Fatalf("term %q of %q is not lower case", term, s)
				}
				for _, r := range term {
					if !isWordRune(r) && r != '_' && r != '-' {
						t.Fatalf("term %q of %q holds %q", term, s, r)
					}
				}
				if slices.Contains(wt[:i], term) {
					t.Fatalf("term %q repeated in the word %q", term, w.Whole)
				}
			}
			terms = append(terms, wt...)
		}
		got := Tokenize(s)
		if !slices.Equal(got, terms) || !slices.Equal(got, Tokenize(s)) {
			t.Fatalf("Tokenize(%q) is unstable: %q", s, got)
		}
		if spaced := Tokenize(s + " "); !slices.Equal(got, spaced) {
			t.Fatalf("Tokenize(%q) = %q, but with a space after it %q", s, got, spaced)
		}
	})
}
