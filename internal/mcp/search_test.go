package mcp_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"docsgen/internal/search"
)

// relevanceQueries are the 35 queries of internal/site's TestSearchRelevance.
var relevanceQueries = []string{
	"RATE_LIMIT_EXCEEDED", "rate_limit_exceeded", "RATE_L", "ratelimitexceeded", "BLOCKED_BY_ANTIBOT",
	"EXCEEDS_COST_LIMIT", "anti-bot", "timeout", "SESSION_EXPIRED", "session expired",
	"insufficient credits", "429", "404", "402", "X-RateLimit-Reset",
	"ratelimit reset", "Retry-After", "max_tier", "rate limits", "limits per plan",
	"handling errors", "error response format", "front matter", "code tabs", "callout",
	"X-API-Key", "required_credits", "max_retries", "CLIENT_ERRORS", "RequestException",
	"handle_errors.py", "wait_for_reset", "X-RateLimit-Remaining", "X-RateLimit-Limit", "search false",
}

type searchOut struct {
	Query   string
	Results []struct{ Title, Page, URL, Section, Kind, Snippet string }
	Next    int `json:"next_offset"`
}

// TestSearchEqualsDialog checks that search_docs returns, in every mode,
// the results the search dialog shows for the relevance queries: the
// dialog's ranking is search.Searcher's (TestQueryMatchesJS), run here on
// the built index. It logs the median latency per mode and the bytes the
// -site mode fetches per query.
func TestSearchEqualsDialog(t *testing.T) {
	f := newFixture(t)
	s, err := search.NewSearcher(func(name string) ([]byte, error) {
		return os.ReadFile(filepath.Join(f.dir, "search", filepath.FromSlash(name)))
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range f.modes() {
		t.Run(m.name, func(t *testing.T) {
			cs := start(t, m.flag, m.arg)
			base := ""
			if m.name == "site" {
				base = f.srv.URL
			}
			var took []time.Duration
			var fetched []int64
			for _, q := range relevanceQueries {
				want, err := s.Search(q, 10)
				if err != nil {
					t.Fatal(err)
				}
				before := f.served.Load()
				begin := time.Now()
				var out searchOut
				callJSON(t, cs, "search_docs", map[string]any{"query": q}, &out)
				took = append(took, time.Since(begin))
				fetched = append(fetched, f.served.Load()-before)
				if len(out.Results) != len(want) {
					t.Errorf("%q: %d results, the dialog shows %d", q, len(out.Results), len(want))
					continue
				}
				for i, r := range out.Results {
					w := want[i]
					if r.URL != base+w.Href() || r.Page != w.PageTitle || r.Kind != w.Kind || r.Snippet == "" && w.Excerpt != "" {
						t.Errorf("%q result %d: %s %q, the dialog shows %s %q", q, i, r.URL, r.Title, w.Href(), w.Section)
					}
				}
			}
			slices.Sort(took)
			t.Logf("%s: median search_docs latency %v over %d queries (fastest %v, slowest %v)", m.name, took[len(took)/2], len(took), took[0], took[len(took)-1])
			if m.name == "site" {
				var sum int64
				for _, n := range fetched {
					sum += n
				}
				first := fetched[0]
				slices.Sort(fetched)
				t.Logf("site: bytes fetched per query: median %d, mean %d, max %d; the first query %d (it reads search/index.json too)", fetched[len(fetched)/2], sum/int64(len(fetched)), fetched[len(fetched)-1], first)
			}
		})
	}
}

// TestSearchPagesAndSections checks offset paging and the section filter.
func TestSearchPagesAndSections(t *testing.T) {
	f := newFixture(t)
	cs := start(t, "-dir", f.dir)
	var all, first, second searchOut
	callJSON(t, cs, "search_docs", map[string]any{"query": "error", "limit": 20}, &all)
	callJSON(t, cs, "search_docs", map[string]any{"query": "error", "limit": 5}, &first)
	callJSON(t, cs, "search_docs", map[string]any{"query": "error", "limit": 5, "offset": first.Next}, &second)
	if first.Next != 5 || len(all.Results) < 10 {
		t.Fatalf("first page next_offset %d (want 5), %d results in all", first.Next, len(all.Results))
	}
	for i, r := range append(first.Results, second.Results...) {
		if r.URL != all.Results[i].URL {
			t.Errorf("paged result %d is %s, unpaged %s", i, r.URL, all.Results[i].URL)
		}
	}
	var docs searchOut
	callJSON(t, cs, "search_docs", map[string]any{"query": "error", "section": "Writing docs"}, &docs)
	if len(docs.Results) == 0 {
		t.Fatal("no results in Writing docs")
	}
	for _, r := range docs.Results {
		if r.Section != "Writing docs" || !strings.Contains(r.URL, "/writing-docs/") {
			t.Errorf("section filter let %s (%s) through", r.URL, r.Section)
		}
	}
	if text, isErr := call(t, cs, "search_docs", map[string]any{"query": "error", "section": "Nowhere"}); !isErr || !strings.Contains(text, "Reference") {
		t.Errorf("unknown section gives %q, want an error naming the sections", text)
	}
}
