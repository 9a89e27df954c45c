package search

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// This file matches and scores a query, as search.js does: the forms a
// query word takes, the terms each form matches, the score of a document
// for each word, and the order of the hits.

// form is one way a query word can match: its whole form, its joined form
// or one of its leaves. Every form also matches terms up to two runes
// longer (limit: limits); an open form, the word still being typed, matches
// any longer term it starts.
type form struct {
	text string
	open bool
}

// extraRunes is how much longer than a closed form a matching term may be.
const extraRunes = 2

// group is one query word's forms.
type group struct {
	whole, joined form
	hasJoined     bool
	leaves        []form
}

// parseQuery turns a query into groups, one per word. The last word is
// still being typed when the query ends right after it: its whole and
// joined forms and its last leaf are open.
func parseQuery(q string) []group {
	var gs []group
	ws := Words(q)
	for i, w := range ws {
		typing := i == len(ws)-1 && w.End == len(q)
		g := group{whole: form{w.Whole, typing}}
		if w.Joined != "" && w.Joined != w.Whole {
			g.joined, g.hasJoined = form{w.Joined, typing}, true
		}
		for j, l := range w.Leaves {
			g.leaves = append(g.leaves, form{l, typing && j == len(w.Leaves)-1})
		}
		gs = append(gs, g)
	}
	return gs
}

// forms lists every form of the groups, in order.
func forms(gs []group) []form {
	var out []form
	for _, g := range gs {
		out = append(out, g.whole)
		if g.hasJoined {
			out = append(out, g.joined)
		}
		out = append(out, g.leaves...)
	}
	return out
}

// query is what one search has read: the window of chunks of each form
// (Searcher.window) and those chunks' terms.
type query struct {
	windows map[form][]int
	chunks  map[int][]entry
	expand  int
}

// match is a term a form matched, with its prefix factor (100 = exact).
type match struct {
	e  *entry
	pf int
}

// lookup returns the terms f matches in the loaded chunks: the exact term,
// then up to Expand longer terms that start with it, most documents first.
func (q *query) lookup(f form) []match {
	var exact []match
	var longer []*entry
	n := utf8.RuneCountInString(f.text)
	for _, c := range q.windows[f] {
		es := q.chunks[c]
		for i := range es {
			e := &es[i]
			if e.term == f.text {
				exact = append(exact, match{e, 100})
			} else if strings.HasPrefix(e.term, f.text) && (f.open || utf8.RuneCountInString(e.term) <= n+extraRunes) {
				longer = append(longer, e)
			}
		}
	}
	slices.SortStableFunc(longer, func(a, b *entry) int {
		if a.df != b.df {
			return b.df - a.df
		}
		return strings.Compare(a.term, b.term)
	})
	if len(longer) > q.expand {
		longer = longer[:q.expand]
	}
	for _, e := range longer {
		exact = append(exact, match{e, 50 + 50*n/utf8.RuneCountInString(e.term)})
	}
	return exact
}

// fullCover is the cover sum from which a query covers a document's whole
// name (title or heading); covers are shares of 255.
const fullCover = 250

// score is a document's score and cover for one form or query word.
type score struct{ v, cover int }

// formScores maps each document a form matches to its best score, and its
// best cover: from the form's own term or one at most extraRunes longer,
// and from any longer term when the form is an identifier being typed
// (RATE_L: the heading RATE_LIMIT_EXCEEDED is what the reader is typing).
func (q *query) formScores(f form) map[int]score {
	out := map[int]score{}
	n := utf8.RuneCountInString(f.text)
	typingIdent := f.open && strings.ContainsAny(f.text, "_-")
	for _, m := range q.lookup(f) {
		near := typingIdent || utf8.RuneCountInString(m.e.term) <= n+extraRunes
		for i, d := range m.e.docs {
			v := m.e.w * m.e.scores[i] * m.pf / 100
			o := out[d]
			if v > o.v {
				o.v = v
			}
			if near && m.e.covers[i] > o.cover {
				o.cover = m.e.covers[i]
			}
			out[d] = o
		}
	}
	return out
}

// maxInto keeps in out the best score and the best cover of each document.
func maxInto(out, from map[int]score) {
	for d, x := range from {
		o := out[d]
		o.v = max(o.v, x.v)
		o.cover = max(o.cover, x.cover)
		out[d] = o
	}
}

// groupScores maps each document a query word matches to its score: the
// best of its whole form, its joined form (at nine tenths: the reader typed
// the connectors) and its leaves when every leaf matches (half their mean:
// the leaves may be far apart). The cover is the best of the whole's, the
// joined's and, when every leaf has one, the leaves' sum.
func (q *query) groupScores(g group) map[int]score {
	out := q.formScores(g.whole)
	if g.hasJoined {
		js := q.formScores(g.joined)
		for d, x := range js {
			js[d] = score{x.v * 9 / 10, x.cover}
		}
		maxInto(out, js)
	}
	if len(g.leaves) > 0 {
		var sum map[int]score
		for i, l := range g.leaves {
			ls := q.formScores(l)
			if i == 0 {
				sum = ls
				continue
			}
			for d, x := range sum {
				if y, ok := ls[d]; ok {
					c := x.cover + y.cover
					if x.cover == 0 || y.cover == 0 {
						c = 0
					}
					sum[d] = score{x.v + y.v, c}
				} else {
					delete(sum, d)
				}
			}
		}
		for d, x := range sum {
			sum[d] = score{x.v / len(g.leaves) / 2, x.cover}
		}
		maxInto(out, sum)
	}
	return out
}

// hit is a document's standing for a whole query: its score, the number
// of query words it matched, their covers' sum and how many had a cover.
type hit struct{ doc, score, matched, cover, covered int }

// full reports whether the query and the document's name (title or
// heading) are the same words: every query word is in the name, and the
// name has no other word.
func (h *hit) full(groups int) bool { return h.covered == groups && h.cover >= fullCover }

// compare orders hits: more query words matched, then a name equal to the
// query, then a higher score, then the lower document number.
func compare(a, b *hit, groups int) int {
	if a.matched != b.matched {
		return b.matched - a.matched
	}
	if fa, fb := a.full(groups), b.full(groups); fa != fb {
		if fa {
			return -1
		}
		return 1
	}
	if a.score != b.score {
		return b.score - a.score
	}
	return a.doc - b.doc
}
