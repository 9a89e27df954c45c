package site

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"docsgen/internal/browsertest"
	"docsgen/internal/output"
	"docsgen/internal/search"
	"docsgen/templates"
)

// relevanceCases are searches a reader of the real site makes, with the
// result that must come first (alternatives separated by |: equally good
// answers), results that must be among the first few, results found only
// in code, which must come after the first, and demos that must not repeat
// the reference's results.
var relevanceCases = []struct {
	query  string
	first  string
	top    []string // each must be in the first len(top)+1 results
	after  []string // each must be among the ten results, after every top one
	absent []string // none may be among the ten results
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
	// Headers and request fields: a header's own row in the headers table.
	{query: "X-RateLimit-Reset", first: "/reference/rate-limits/#header-x-ratelimit-reset|/reference/errors/#header-x-ratelimit-reset",
		top:    []string{"/reference/rate-limits/#header-x-ratelimit-reset", "/reference/errors/#header-x-ratelimit-reset"},
		absent: []string{"/writing-docs/directives/#header-x-ratelimit-reset"}},
	{query: "ratelimit reset", first: "/reference/rate-limits/#header-x-ratelimit-reset|/reference/errors/#header-x-ratelimit-reset"},
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
	// Identifiers found only in code blocks: found, below prose about them.
	{query: "X-API-Key", first: "/reference/errors/#missing-api-key", top: []string{"/#the-api-in-brief"},
		after: []string{"/reference/errors/#handling-errors"}},
	{query: "required_credits", first: "/reference/errors/#insufficient-credits",
		after: []string{"/reference/errors/#error-response-format"}},
	{query: "max_retries", first: "/reference/errors/#handling-errors"},
	{query: "CLIENT_ERRORS", first: "/reference/errors/#handling-errors"},
	{query: "RequestException", first: "/reference/errors/#handling-errors"},
	{query: "handle_errors.py", first: "/reference/errors/#handling-errors"},
	{query: "wait_for_reset", first: "/reference/rate-limits/#waiting-for-the-reset"},
	// Demos marked search="false" do not repeat the reference's rows.
	{query: "X-RateLimit-Remaining", first: "/reference/rate-limits/#header-x-ratelimit-remaining|/reference/errors/#header-x-ratelimit-remaining",
		top:    []string{"/reference/rate-limits/#header-x-ratelimit-remaining", "/reference/errors/#header-x-ratelimit-remaining"},
		absent: []string{"/writing-docs/directives/#header-x-ratelimit-remaining"}},
	{query: "X-RateLimit-Limit", first: "/reference/rate-limits/#header-x-ratelimit-limit|/reference/errors/#header-x-ratelimit-limit",
		top:    []string{"/reference/rate-limits/#header-x-ratelimit-limit", "/reference/errors/#header-x-ratelimit-limit"},
		absent: []string{"/writing-docs/directives/#header-x-ratelimit-limit"}},
	{query: "search false", first: "/writing-docs/pages-and-front-matter/#search"},
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
	s := memSearcher(t, mem)
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
			at := func(href string) int {
				return slices.IndexFunc(hits, func(h search.Result) bool { return h.Href() == href })
			}
			for _, want := range tc.after {
				if i := at(want); i < len(near) {
					t.Errorf("%s is result %d, want it found and after the first %d\n%s", want, i+1, len(near), list(hits))
				}
			}
			for _, demo := range tc.absent {
				if i := at(demo); i >= 0 {
					t.Errorf("the demo %s is result %d, want it left out\n%s", demo, i+1, list(hits))
				}
			}
		})
	}
}

// memSearcher opens the search index a build wrote to mem.
func memSearcher(t *testing.T, mem *output.Memory) *search.Searcher {
	t.Helper()
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
	return s
}

func list(hits []search.Result) string {
	var b strings.Builder
	for _, h := range hits {
		fmt.Fprintf(&b, "  %-55s %s\n", h.Href(), h.Section)
	}
	return b.String()
}

// cspRecorder runs before the page's scripts (through DevTools, so the CSP
// does not apply to it): it records CSP violations in window.__csp.
const cspRecorder = `window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) { __csp.push(e.violatedDirective + " " + e.blockedURI); });`

// TestSearchInBrowser drives the search dialog on the real site, built as
// for publishing and served with the site's Content-Security-Policy:
// nothing of search loads before the dialog opens; Ctrl+K opens it; 429
// lists the status row and both 429 error entries first; the arrow keys
// and Enter open RATE_LIMIT_EXCEEDED at its anchor.
func TestSearchInBrowser(t *testing.T) {
	mem := output.NewMemory()
	res, err := Build(context.Background(), Options{Content: os.DirFS("../../content"), Minify: true}, mem)
	if err != nil {
		t.Fatal(err)
	}
	if res.Diags.HasErrors() {
		t.Fatalf("the site does not build:\n%v", res.Diags)
	}
	csp := "default-src 'self'; script-src 'self' " + templates.ThemeScriptHash +
		"; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
	srv := serveMemory(t, mem, csp)

	tb := browsertest.NewTab(t, browsertest.New(t, browsertest.Options{}), cspRecorder)
	searchFetches := `performance.getEntriesByType("resource").map(function (e) { return new URL(e.name).pathname; }).filter(function (p) { return p.indexOf("/search/") === 0; }).join(" ")`

	tb.Run(t, chromedp.Navigate(srv.URL+"/reference/rate-limits/"), chromedp.WaitReady(chromedp.CSS("body")))
	if got := browsertest.Eval[string](t, tb, searchFetches); got != "" {
		t.Fatalf("fetched before search was opened: %s", got)
	}
	tb.Run(t, chromedp.KeyEvent("k", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	tb.WaitFor(t, `document.activeElement.id`, "docsgen-search-q")
	tb.Run(t, chromedp.KeyEvent("429"))
	sections := `Array.from(document.querySelectorAll("#docsgen-search-results [role=option]")).map(function (o) { var s = o.querySelector(".search-hit-section"); return s ? s.textContent : ""; }).join("|")`
	// Results for "4" and "42" may show while "429" is typed: wait for the
	// list of the whole query before judging it.
	tb.WaitFor(t, `document.getElementById("docsgen-search-results").getAttribute("data-query") || ""`, "429")
	got := strings.Split(browsertest.Eval[string](t, tb, sections), "|")
	if len(got) < 3 {
		t.Fatalf("fewer than three results for 429: %q", got)
	}
	for _, code := range []string{"RATE_LIMIT_EXCEEDED", "SESSION_LIMIT_REACHED"} {
		if !slices.Contains(got[:3], code) {
			t.Errorf("%s not among the first three results: %q", code, got)
		}
	}
	for i, s := range got {
		if s == "RATE_LIMIT_EXCEEDED" {
			for range i {
				tb.Run(t, chromedp.KeyEvent(kb.ArrowDown))
			}
			tb.WaitFor(t, `document.getElementById("docsgen-search-q").getAttribute("aria-activedescendant")`, fmt.Sprintf("docsgen-search-opt-%d", i))
			break
		}
	}
	tb.Run(t, chromedp.KeyEvent(kb.Enter))
	tb.WaitFor(t, `location.pathname + location.hash`, "/reference/errors/#rate-limit-exceeded")
	tb.WaitFor(t, `String(!!document.getElementById("rate-limit-exceeded"))`, "true")
	if v := browsertest.Eval[string](t, tb, `JSON.stringify(window.__csp)`); v != "[]" {
		t.Errorf("CSP violations: %s", v)
	}
}

// TestSearchLeavesOutExamples builds a small site in which one page is
// marked search: false and one is unlisted: neither is in the index, while
// the identifiers of the listed page's code block are.
func TestSearchLeavesOutExamples(t *testing.T) {
	mem := buildWith(t, fstest.MapFS{
		"guide.md": {Data: []byte("---\ntitle: Guide\n---\nHow retries work.\n\n## Retry budget\n\nThe client gives up after a few tries.\n\n" +
			"```python\nMAX_ATTEMPTS = 3\n```\n")},
		"demo.md": {Data: []byte("---\ntitle: Demo\nsearch: false\n---\n## Retry budget\n\nMAX_ATTEMPTS is three, as the guide says.\n")},
		"old.md":  {Data: []byte("---\ntitle: Old\nunlisted: true\n---\n## Retry budget\n\nMAX_ATTEMPTS was four.\n")},
	}, nil)
	s := memSearcher(t, mem)
	tests := []struct{ query, want string }{
		{"MAX_ATTEMPTS", "/guide/#retry-budget"},
		{"retry budget", "/guide/#retry-budget"},
		{"demo", ""},
		{"old", ""},
	}
	for _, tc := range tests {
		hits, err := s.Search(tc.query, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.Href())
		}
		if want := strings.Fields(tc.want); !slices.Equal(got, want) {
			t.Errorf("%q: results %q, want %q", tc.query, got, want)
		}
	}
	if _, ok := mem.Get("demo/index.html"); !ok {
		t.Error("the page with search: false was not built")
	}
}
