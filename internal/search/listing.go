package search

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file is the listing: the tree that leads a query word to the
// postings chunks its terms sort into, so that no file a query reads grows
// with the site.
//
// The postings chunks, in term order, are level 0. Level 1 cuts them into
// pages of Fanout chunks; page l/1/<n>.json lists, for chunks n*Fanout on,
// each chunk's first term and the rune count of its shortest term, and
// goes on for maxChunks-1 chunks into the next page, so that a query word
// finds in one page every chunk it may read. Level 2 cuts the level-1
// pages into pages of Fanout (l/2/<n>.json lists their first terms), and so
// on, until a level has at most Fanout entries: index.json lists that
// level. A site with at most Fanout chunks has no pages: index.json lists
// the chunks themselves (depth 0).
//
// A word walks down from index.json: at each level it takes the last
// entry whose first term is not after it, and reads that page. So the
// first query of a visit reads index.json, one page per level for each
// place its words sort into, then its chunks. On the 100,000-page corpus
// (8,952 chunks, 94 pages) that is index.json (0.7 KB compressed) and one
// page of about 0.5 KB per word.
//
// The shortest-term lengths change what is read, never what is found: a
// closed form (a word typed in full) matches its own term and terms at
// most extraRunes longer, so a chunk after the one it sorts into whose
// terms are all longer holds nothing for it. Open forms read their whole
// window, as before the listing had pages.

// listPage is one page of the listing, or index.json's list: the first
// terms of the entries below it and, at level 1 (or in index.json at depth
// 0), the rune count of each chunk's shortest term.
type listPage struct {
	First []string `json:"f"`
	Short []int    `json:"r,omitempty"`
}

// chunkHead describes one postings chunk in the listing.
type chunkHead struct {
	first string // its first term
	short int    // the rune count of its shortest term
}

// listing returns the listing of chunks: the depth of the tree, the list
// that goes into index.json and the pages, named l/<level>/<n>.json.
func listing(chunks []chunkHead, fanout int) (depth int, top listPage, pages map[string][]byte) {
	pages = map[string][]byte{}
	firsts := make([]string, len(chunks))
	shorts := make([]int, len(chunks))
	for i, c := range chunks {
		firsts[i], shorts[i] = c.first, c.short
	}
	top = listPage{First: firsts, Short: shorts}
	for len(top.First) > fanout {
		depth++
		var next []string
		for from := 0; from < len(top.First); from += fanout {
			to := min(from+fanout, len(top.First))
			page := listPage{First: top.First[from:to]}
			if depth == 1 {
				// Chunks of the next page that a word sorting at the end
				// of this one may read.
				to = min(to+maxChunks-1, len(top.First))
				page = listPage{First: top.First[from:to], Short: top.Short[from:to]}
			}
			pages["l/"+strconv.Itoa(depth)+"/"+strconv.Itoa(from/fanout)+".json"] = page.appendJSON(nil)
			next = append(next, top.First[from])
		}
		top = listPage{First: next}
	}
	if top.First == nil {
		top.First = []string{}
	}
	return depth, top, pages
}

// appendJSON writes the page as {"f":[...],"r":[...]}, "r" only when set.
func (p listPage) appendJSON(buf []byte) []byte {
	buf = append(buf, `{"f":[`...)
	for i, f := range p.First {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendString(buf, f)
	}
	buf = append(buf, ']')
	if p.Short != nil {
		buf = append(buf, `,"r":[`...)
		for i, r := range p.Short {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = strconv.AppendInt(buf, int64(r), 10)
		}
		buf = append(buf, ']')
	}
	return append(buf, '}')
}

// lastNotAfter returns the index of the last entry of firsts (sorted) that
// is <= text, or 0 when every entry is after it.
func lastNotAfter(firsts []string, text string) int {
	i, found := slices.BinarySearch(firsts, text)
	if !found {
		i--
	}
	return max(i, 0)
}

// window returns the postings chunks that may hold f's terms: the chunk
// where f.text sorts, and following chunks that start with it, up to one
// per rune of an open form (a one-letter prefix could fill any number of
// chunks and says little) and two for a closed one, never more than Fetch.
// Of the following chunks, a closed form skips those whose shortest term
// is too long to match it: they could give it nothing.
func (s *Searcher) window(f form) ([]int, error) {
	list := s.manifest.listPage
	base := 0
	for level := s.manifest.Depth; level >= 1; level-- {
		n := base + lastNotAfter(list.First, f.text)
		var err error
		if list, err = s.page(level, n); err != nil {
			return nil, err
		}
		base = n * s.manifest.Fanout
	}
	if len(list.First) == 0 {
		return nil, nil
	}
	i := lastNotAfter(list.First, f.text)
	limit := min(s.manifest.Fetch, 2)
	n := utf8.RuneCountInString(f.text)
	if f.open {
		limit = min(s.manifest.Fetch, n)
	}
	out := []int{base + i}
	for j := i + 1; j < len(list.First) && j-i < limit && strings.HasPrefix(list.First[j], f.text); j++ {
		if f.open || s.allChunks || list.Short[j] <= n+extraRunes {
			out = append(out, base+j)
		}
	}
	return out, nil
}

// page returns page n of the listing's level, fetching it the first time.
func (s *Searcher) page(level, n int) (listPage, error) {
	name := s.manifest.Data + "l/" + strconv.Itoa(level) + "/" + strconv.Itoa(n) + ".json"
	s.mu.Lock()
	p, ok := s.pages[name]
	s.mu.Unlock()
	if ok {
		return p, nil
	}
	data, err := s.fetch(name)
	if err != nil {
		return listPage{}, err
	}
	if err := json.Unmarshal(data, &p); err != nil {
		return listPage{}, fmt.Errorf("%s: %w", name, err)
	}
	if len(p.First) == 0 || level == 1 && len(p.Short) != len(p.First) {
		return listPage{}, fmt.Errorf("%s: %d entries and %d lengths", name, len(p.First), len(p.Short))
	}
	s.mu.Lock()
	s.pages[name] = p
	s.mu.Unlock()
	return p, nil
}
