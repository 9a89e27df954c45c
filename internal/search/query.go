package search

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync"
)

// This file is the Go twin of the query half of search.js: the same forms,
// the same listing pages and chunks fetched, the same integer scores, the
// same order.
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
	// allChunks reads every chunk of a word's window, even those whose
	// shortest term is too long to match it (tests compare both).
	allChunks bool

	mu     sync.Mutex
	pages  map[string]listPage
	chunks map[int][]entry
	metas  map[int]*metaChunk
}

// manifest is index.json: the settings of a query and the top of the
// listing (listing.go).
type manifest struct {
	V      int    `json:"v"`
	Data   string `json:"data"`
	Docs   int    `json:"docs"`
	Meta   int    `json:"meta"`
	Expand int    `json:"expand"`
	Fetch  int    `json:"fetch"`
	Fanout int    `json:"fanout"`
	Depth  int    `json:"depth"`
	listPage
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
	derived := string(raw[1]) == "1" // the anchor is headingID(section)
	if derived {
		raw[1] = []byte(`""`)
	}
	var kind any
	for i, dst := range []any{&m.page, &m.anchor, &m.section, &kind, &m.excerpt} {
		if err := json.Unmarshal(raw[i], dst); err != nil {
			return err
		}
	}
	if derived {
		m.anchor = headingID(m.section)
	}
	switch k := kind.(type) {
	case string:
		m.kind = k
	case float64:
		if m.kind = kindName(int(k)); m.kind == "" || k != float64(int(k)) {
			return fmt.Errorf("document entry has kind %v", k)
		}
	default:
		return fmt.Errorf("document entry has kind %v", k)
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
	s := &Searcher{fetch: fetch, pages: map[string]listPage{}, chunks: map[int][]entry{}, metas: map[int]*metaChunk{}}
	m := &s.manifest
	if err := json.Unmarshal(data, m); err != nil {
		return nil, fmt.Errorf("index.json: %w", err)
	}
	switch {
	case m.V != formatVersion:
		return nil, fmt.Errorf("index.json: format %d, want %d", m.V, formatVersion)
	case m.Meta < 1 || m.Fetch < 1 || m.Depth < 0 || m.Depth > 0 && (m.Fanout < 2 || len(m.First) == 0):
		return nil, fmt.Errorf("index.json: bad settings (meta %d, fetch %d, fanout %d, depth %d, %d entries)", m.Meta, m.Fetch, m.Fanout, m.Depth, len(m.First))
	case m.Depth == 0 && len(m.Short) != len(m.First):
		return nil, fmt.Errorf("index.json: %d chunks and %d lengths", len(m.First), len(m.Short))
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

// Search returns the best limit results for text.
func (s *Searcher) Search(text string, limit int) ([]Result, error) {
	gs := parseQuery(text)
	if len(gs) == 0 {
		return nil, nil
	}
	q := &query{windows: map[form][]int{}, expand: s.manifest.Expand}
	need := map[int]bool{}
	for _, f := range forms(gs) {
		if _, ok := q.windows[f]; ok {
			continue
		}
		w, err := s.window(f)
		if err != nil {
			return nil, err
		}
		q.windows[f] = w
		for _, c := range w {
			need[c] = true
		}
	}
	var err error
	if q.chunks, err = s.loadChunks(need); err != nil {
		return nil, err
	}
	hits := map[int]*hit{}
	for _, g := range gs {
		for d, x := range q.groupScores(g) {
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

// loadChunks returns the postings chunks need names, fetching those not
// loaded yet.
func (s *Searcher) loadChunks(need map[int]bool) (map[int][]entry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[int][]entry, len(need))
	for c := range need {
		if es, ok := s.chunks[c]; ok {
			out[c] = es
			continue
		}
		name := s.manifest.Data + "t/" + fmt.Sprint(c) + ".json"
		data, err := s.fetch(name)
		if err != nil {
			return nil, err
		}
		var es []entry
		if err := json.Unmarshal(data, &es); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		s.chunks[c] = es
		out[c] = es
	}
	return out, nil
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
