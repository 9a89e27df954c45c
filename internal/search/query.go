package search

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync"
)

// This file is the Go twin of the query half of search.js: the same forms,
// the same chunks fetched, the same integer scores, the same order.
// TestJSEngineMatchesGo runs both on one index and compares.

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
