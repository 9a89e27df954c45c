package site

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"docsgen/internal/output"
	"docsgen/internal/search"
)

// relevanceCases are searches a reader of the real site makes, with the
// result that must come first (alternatives separated by |: equally good
// answers) and results that must be among the first few.
var relevanceCases = []struct {
	query string
	first string
	top   []string // each must be in the first len(top)+1 results
}{
	// An error code, however it is typed.
	{query: "RATE_LIMIT_EXCEEDED", first: "/reference/errors/#rate-limit-exceeded"},
	{query: "rate_limit_exceeded", first: "/reference/errors/#rate-limit-exceeded"},
	{query: "RATE_L", first: "/reference/errors/#rate-limit-exceeded"},
	{query: "ratelimitexceeded", first: "/reference/errors/#rate-limit-exceeded"},
	{query: "BLOCKED_BY_ANTIBOT", first: "/reference/errors/#blocked-by-antibot"},
	{query: "EXCEEDS_COST_LIMIT", first: "/reference/errors/#exceeds-cost-limit"},
	{query: "anti-bot", first: "/reference/errors/#blocked-by-antibot"},
	{query: "timeout", first: "/reference/errors/#timeout"},
	// A code in two categories: both entries first.
	{query: "SESSION_EXPIRED", first: "/reference/errors/#session-expired-401|/reference/errors/#session-expired-410",
		top: []string{"/reference/errors/#session-expired-401", "/reference/errors/#session-expired-410"}},
	{query: "session expired", first: "/reference/errors/#session-expired-401|/reference/errors/#session-expired-410",
		top: []string{"/reference/errors/#session-expired-401", "/reference/errors/#session-expired-410"}},
	{query: "insufficient credits", first: "/reference/errors/#insufficient-credits"},
	// A status: its row, then the error entries with that status.
	{query: "429", first: "/reference/errors/#status-429",
		top: []string{"/reference/errors/#rate-limit-exceeded", "/reference/errors/#session-limit-reached"}},
	{query: "404", first: "/reference/errors/#status-404"},
	{query: "402", first: "/reference/errors/#status-402"},
	// Headers and request fields.
	{query: "X-RateLimit-Reset", first: "/reference/errors/#rate-limit-exceeded|/reference/rate-limits/#rate-limit-headers",
		top: []string{"/reference/rate-limits/#rate-limit-headers"}},
	{query: "ratelimit reset", first: "/reference/rate-limits/#rate-limit-headers"},
	{query: "Retry-After", first: "/reference/errors/#status-429"},
	{query: "max_tier", first: "/reference/errors/#blocked-by-antibot"},
	// Titles and headings.
	{query: "rate limits", first: "/reference/rate-limits/"},
	{query: "limits per plan", first: "/reference/rate-limits/#limits-per-plan|/reference/errors/#limits-per-plan"},
	{query: "handling errors", first: "/reference/errors/#handling-errors"},
	{query: "error response format", first: "/reference/errors/#error-response-format"},
	{query: "front matter", first: "/writing-docs/pages-and-front-matter/#front-matter"},
	{query: "code tabs", first: "/writing-docs/code-blocks/#code-tabs"},
	{query: "callout", first: "/writing-docs/callouts/"},
}

// TestSearchRelevance builds the real site and searches its index the way
// the browser does (search.Searcher ranks as search.js does).
func TestSearchRelevance(t *testing.T) {
	mem := output.NewMemory()
	res, err := Build(context.Background(), Options{Content: os.DirFS("../../content")}, mem)
	if err != nil {
		t.Fatal(err)
	}
	if res.Diags.HasErrors() {
		t.Fatalf("the site does not build:\n%v", res.Diags)
	}
	s, err := search.NewSearcher(func(name string) ([]byte, error) {
		b, ok := mem.Get("search/" + name)
		if !ok {
			return nil, fmt.Errorf("the build wrote no search/%s", name)
		}
		return b, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range relevanceCases {
		t.Run(tc.query, func(t *testing.T) {
			hits, err := s.Search(tc.query, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) == 0 {
				t.Fatal("no results")
			}
			if got := hits[0].Href(); !slices.Contains(strings.Split(tc.first, "|"), got) {
				t.Errorf("first result %s, want %s\n%s", got, tc.first, list(hits))
			}
			near := hits[:min(len(hits), len(tc.top)+1)]
			for _, want := range tc.top {
				if !slices.ContainsFunc(near, func(h search.Result) bool { return h.Href() == want }) {
					t.Errorf("%s not in the first %d results\n%s", want, len(near), list(hits))
				}
			}
		})
	}
}

func list(hits []search.Result) string {
	var b strings.Builder
	for _, h := range hits {
		fmt.Fprintf(&b, "  %-55s %s\n", h.Href(), h.Section)
	}
	return b.String()
}
