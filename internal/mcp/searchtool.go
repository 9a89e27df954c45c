package mcp

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"docsgen/internal/search"
)

// hit is one search_docs result.
type hit struct {
	// Title is the heading the result sits under, or the page's title.
	Title   string `json:"title"`
	Page    string `json:"page"`
	URL     string `json:"url"`
	Section string `json:"section"`
	Kind    string `json:"kind"`
	Snippet string `json:"snippet"`
}

func (d *docs) searchDocs(ctx context.Context, _ *sdk.CallToolRequest, in searchIn) (*sdk.CallToolResult, any, error) {
	q := strings.TrimSpace(in.Query)
	switch n := utf8.RuneCountInString(q); {
	case n == 0:
		return nil, nil, errors.New("query is empty; pass words, an error code or an HTTP status")
	case n > maxQuery:
		return nil, nil, fmt.Errorf("query is %d characters long; keep it under %d (a few words or an identifier)", n, maxQuery)
	}
	if in.Limit == 0 {
		in.Limit = 10
	}
	if in.Limit < 0 || in.Limit > maxLimit {
		return nil, nil, fmt.Errorf("limit %d is out of range; pass 1 to %d", in.Limit, maxLimit)
	}
	if err := checkOffset(in.Offset); err != nil {
		return nil, nil, err
	}
	st, err := d.state(ctx)
	if err != nil {
		return nil, nil, err
	}
	s, err := d.searcher(ctx, st)
	if err != nil {
		return nil, nil, err
	}
	if in.Section != "" && !sectionExists(st, in.Section) {
		return nil, nil, fmt.Errorf("no section %q; the sections are %q", in.Section, st.sectionNames())
	}
	results, more, err := rank(s, st, q, in)
	if err != nil {
		return nil, nil, fmt.Errorf("searching %q: %v", q, err)
	}
	hits := make([]hit, 0, len(results))
	for _, r := range results {
		h := hit{Title: r.Section, Page: r.PageTitle, URL: st.base + r.Href(), Kind: r.Kind, Snippet: clip(r.Excerpt, snippetLen)}
		if h.Title == "" {
			h.Title = r.PageTitle
		}
		if i, ok := st.byPath[r.URL]; ok {
			h.Section = st.pages[i].Section
		}
		hits = append(hits, h)
	}
	res, err := fit(hits, in.Offset, more, func(hs []hit, next int) any {
		return struct {
			Query   string `json:"query"`
			Results []hit  `json:"results"`
			Next    int    `json:"next_offset,omitempty"`
		}{q, hs, next}
	})
	return res, nil, err
}

// rank returns results offset to offset+limit of the query in the search
// dialog's order, keeping only the section's pages when one is given, and
// whether more follow.
func rank(s *search.Searcher, st *siteState, q string, in searchIn) ([]search.Result, bool, error) {
	keep := sectionFilter(in.Section)
	want := in.Offset + in.Limit + 1
	for n := want; ; n *= 4 {
		all, err := s.Search(q, n)
		if err != nil {
			return nil, false, err
		}
		var kept []search.Result
		for _, r := range all {
			i, ok := st.byPath[r.URL]
			if in.Section == "" || ok && keep(st.pages[i]) {
				kept = append(kept, r)
			}
		}
		if len(kept) >= want || len(all) < n {
			more := len(kept) > in.Offset+in.Limit
			kept = kept[min(in.Offset, len(kept)):]
			return kept[:min(in.Limit, len(kept))], more, nil
		}
	}
}

func sectionExists(st *siteState, name string) bool {
	keep := sectionFilter(name)
	for _, p := range st.pages {
		if keep(p) {
			return true
		}
	}
	return false
}
