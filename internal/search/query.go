package search

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// This file is the Go twin of the query half of search.js: the same forms,
// the same chunks fetched, the same integer scores, the same order.
// TestQueryMatchesJS runs both on one index and compares.

// Result is one search hit.
type Result struct {
	// Doc is the document's number in the index.
	Doc int
	// Score is the sum of the query words' scores; Matched the number of
	// query words the document matched.
	Score, Matched int
	// Full is true when the query and the document's title (for a page)
	// or heading are the same words.
	Full bool
	// URL and Anchor locate the result; PageTitle, Section (the heading),
	// Kind and Excerpt (the start of its text) describe it.
	URL, Anchor, PageTitle, Section, Kind, Excerpt string
}

// Href is the result's link: URL#Anchor, or URL for a page's opening text.
func (r Result) Href() string {
	if r.Anchor == "" {
		return r.URL
	}
	return r.URL + "#" + r.Anchor
}

// Searcher answers queries from a built index, reading only the files a
// query needs, as the browser does. It is safe for concurrent use.
type Searcher struct {
	fetch    func(name string) ([]byte, error)
	manifest manifest

	mu     sync.Mutex
	chunks map[int][]entry
	metas  map[int]*metaChunk
}

// manifest is index.json.
type manifest struct {
	V      int      `json:"v"`
	Data   string   `json:"data"`
	Docs   int      `json:"docs"`
	Meta   int      `json:"meta"`
	Expand int      `json:"expand"`
	Fetch  int      `json:"fetch"`
	Chunks []string `json:"chunks"`
}

// entry is one term of a postings chunk.
type entry struct {
	term   string
	df, w  int
	docs   []int
	scores []int
	covers []int
}

func (e *entry) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if len(raw) != 6 {
		return fmt.Errorf("postings entry has %d fields, want 6", len(raw))
	}
	var deltas, covers []int
	for i, dst := range []any{&e.term, &e.df, &e.w, &deltas, &e.scores, &covers} {
		if err := json.Unmarshal(raw[i], dst); err != nil {
			return err
		}
	}
	if len(deltas) != len(e.scores) {
		return fmt.Errorf("term %q: %d docs but %d scores", e.term, len(deltas), len(e.scores))
	}
	e.docs = make([]int, len(deltas))
	d := 0
	for i, delta := range deltas {
		d += delta
		e.docs[i] = d
	}
	e.covers = make([]int, len(deltas))
	at := 0
	for i := 0; i+1 < len(covers); i += 2 {
		at += covers[i]
		if at >= len(e.covers) {
			return fmt.Errorf("term %q: cover past the end", e.term)
		}
		e.covers[at] = covers[i+1]
	}
	return nil
}

// metaChunk is a document chunk.
type metaChunk struct {
	Pages [][2]string `json:"p"`
	Docs  []metaDoc   `json:"d"`
}

type metaDoc struct {
	page                           int
	anchor, section, kind, excerpt string
}

func (m *metaDoc) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if len(raw) != 5 {
		return fmt.Errorf("document entry has %d fields, want 5", len(raw))
	}
	for i, dst := range []any{&m.page, &m.anchor, &m.section, &m.kind, &m.excerpt} {
		if err := json.Unmarshal(raw[i], dst); err != nil {
			return err
		}
	}
	return nil
}

// NewSearcher reads index.json through fetch, which returns a file of the
// index by its name relative to /search/.
func NewSearcher(fetch func(name string) ([]byte, error)) (*Searcher, error) {
	data, err := fetch("index.json")
	if err != nil {
		return nil, err
	}
	s := &Searcher{fetch: fetch, chunks: map[int][]entry{}, metas: map[int]*metaChunk{}}
	if err := json.Unmarshal(data, &s.manifest); err != nil {
		return nil, fmt.Errorf("index.json: %w", err)
	}
	if s.manifest.V != formatVersion {
		return nil, fmt.Errorf("index.json: format %d, want %d", s.manifest.V, formatVersion)
	}
	return s, nil
}

// Searcher returns a Searcher over the index's own files.
func (ix *Index) Searcher() (*Searcher, error) {
	return NewSearcher(func(name string) ([]byte, error) {
		b, ok := ix.Files[name]
		if !ok {
			return nil, fmt.Errorf("no file %s in the index", name)
		}
		return b, nil
	})
}

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

// chunksFor returns the postings chunks that may hold f's terms: the chunk
// where f.text sorts and following chunks that start with it, up to one per
// rune of an open form (a one-letter prefix could fill any number of chunks
// and says little) and two for a closed one, never more than Fetch.
func (s *Searcher) chunksFor(f form) []int {
	cs := s.manifest.Chunks
	if len(cs) == 0 {
		return nil
	}
	// The last chunk whose first term is <= f.text.
	i, found := slices.BinarySearch(cs, f.text)
	if !found {
		i--
	}
	if i < 0 {
		i = 0
	}
	limit := min(s.manifest.Fetch, 2)
	if f.open {
		limit = min(s.manifest.Fetch, utf8.RuneCountInString(f.text))
	}
	out := []int{i}
	for j := i + 1; j < len(cs) && len(out) < limit && strings.HasPrefix(cs[j], f.text); j++ {
		out = append(out, j)
	}
	return out
}

// match is a term a form matched, with its prefix factor (100 = exact).
type match struct {
	e  *entry
	pf int
}

// lookup returns the terms f matches in the loaded chunks: the exact term,
// then up to Expand longer terms that start with it, most documents first.
func (s *Searcher) lookup(f form) []match {
	var exact []match
	var longer []*entry
	n := utf8.RuneCountInString(f.text)
	for _, c := range s.chunksFor(f) {
		es := s.chunks[c]
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
	if len(longer) > s.manifest.Expand {
		longer = longer[:s.manifest.Expand]
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
func (s *Searcher) formScores(f form) map[int]score {
	out := map[int]score{}
	n := utf8.RuneCountInString(f.text)
	typingIdent := f.open && strings.ContainsAny(f.text, "_-")
	for _, m := range s.lookup(f) {
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
func (s *Searcher) groupScores(g group) map[int]score {
	out := s.formScores(g.whole)
	if g.hasJoined {
		js := s.formScores(g.joined)
		for d, x := range js {
			js[d] = score{x.v * 9 / 10, x.cover}
		}
		maxInto(out, js)
	}
	if len(g.leaves) > 0 {
		var sum map[int]score
		for i, l := range g.leaves {
			ls := s.formScores(l)
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

// Search returns the best limit results for q.
func (s *Searcher) Search(q string, limit int) ([]Result, error) {
	gs := parseQuery(q)
	if len(gs) == 0 {
		return nil, nil
	}
	need := map[int]bool{}
	for _, f := range forms(gs) {
		for _, c := range s.chunksFor(f) {
			need[c] = true
		}
	}
	if err := s.loadChunks(need); err != nil {
		return nil, err
	}
	hits := map[int]*hit{}
	for _, g := range gs {
		for d, x := range s.groupScores(g) {
			if x.v <= 0 {
				continue
			}
			h := hits[d]
			if h == nil {
				h = &hit{doc: d}
				hits[d] = h
			}
			h.score += x.v
			h.cover += x.cover
			h.matched++
			if x.cover > 0 {
				h.covered++
			}
		}
	}
	ranked := make([]*hit, 0, len(hits))
	for _, h := range hits {
		ranked = append(ranked, h)
	}
	slices.SortFunc(ranked, func(a, b *hit) int { return compare(a, b, len(gs)) })
	if len(ranked) > limit {
		ranked = ranked[:limit]
	}
	out := make([]Result, 0, len(ranked))
	for _, h := range ranked {
		r, err := s.describe(h.doc)
		if err != nil {
			return nil, err
		}
		r.Score, r.Matched, r.Full = h.score, h.matched, h.full(len(gs))
		out = append(out, r)
	}
	return out, nil
}

// loadChunks fetches the postings chunks not loaded yet.
func (s *Searcher) loadChunks(need map[int]bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range need {
		if _, ok := s.chunks[c]; ok {
			continue
		}
		name := s.manifest.Data + "t/" + fmt.Sprint(c) + ".json"
		data, err := s.fetch(name)
		if err != nil {
			return err
		}
		var es []entry
		if err := json.Unmarshal(data, &es); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		s.chunks[c] = es
	}
	return nil
}

// describe loads document d's metadata.
func (s *Searcher) describe(d int) (Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := d / s.manifest.Meta
	m, ok := s.metas[c]
	if !ok {
		name := s.manifest.Data + "d/" + fmt.Sprint(c) + ".json"
		data, err := s.fetch(name)
		if err != nil {
			return Result{}, err
		}
		m = &metaChunk{}
		if err := json.Unmarshal(data, m); err != nil {
			return Result{}, fmt.Errorf("%s: %w", name, err)
		}
		s.metas[c] = m
	}
	i := d % s.manifest.Meta
	if i >= len(m.Docs) || m.Docs[i].page >= len(m.Pages) {
		return Result{}, fmt.Errorf("document %d missing from its chunk", d)
	}
	md := m.Docs[i]
	return Result{
		Doc:       d,
		URL:       m.Pages[md.page][0],
		PageTitle: m.Pages[md.page][1],
		Anchor:    md.anchor,
		Section:   md.section,
		Kind:      md.kind,
		Excerpt:   md.excerpt,
	}, nil
}
