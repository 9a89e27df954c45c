package search

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"docsgen/internal/browsertest"
)

// newTab starts a browser with the search tests' recorder installed.
func newTab(t testing.TB) *browsertest.Tab {
	t.Helper()
	return browsertest.NewTab(t, browsertest.New(t, browsertest.Options{}), recorder)
}

// loadScript navigates to a page and loads search.js directly.
func loadScript(t *testing.T, tb *browsertest.Tab, srv *httptest.Server) {
	t.Helper()
	tb.Run(t, chromedp.Navigate(srv.URL+"/reference/errors/"))
	browsertest.Eval[bool](t, tb, `new Promise(function (ok, fail) {
		var s = document.createElement("script");
		s.src = "/search/search.js";
		s.onload = function () { ok(true); };
		s.onerror = fail;
		document.head.appendChild(s);
	})`)
}

// jsWord is a Word as search.js returns it.
type jsWord struct {
	Whole  string   `json:"whole"`
	Parts  []string `json:"parts"`
	Leaves []string `json:"leaves"`
	Joined string   `json:"joined"`
}

func TestJSTokenizerMatchesGo(t *testing.T) {
	srv := harness(t, fixtureDocs(), Options{Minify: true})
	tb := newTab(t)
	loadScript(t, tb, srv)
	inputs := []string{"a-", "-", "x_y-z", "ABCDef", "ABCdefGHI", "aB", "Ab", "s", "IDs_URLs", "état-Major", "ǅemal", "ﬁle", "𝐀𝐁𝐜", "x\u0301y", "١٢٣ digits", "k8s", "HTTP2Server"}
	for _, tc := range tokenizerCases {
		inputs = append(inputs, tc.give)
	}
	for _, s := range inputs {
		t.Run(s, func(t *testing.T) {
			q, _ := json.Marshal(s)
			js := browsertest.Eval[[]jsWord](t, tb, "DocsgenSearch.words("+string(q)+")")
			goWords := Words(s)
			if len(js) != len(goWords) {
				t.Fatalf("JS found %d words %+v, Go %d %+v", len(js), js, len(goWords), goWords)
			}
			for i, w := range goWords {
				j := js[i]
				if j.Whole != w.Whole || !equalList(j.Parts, w.Parts) || !equalList(j.Leaves, w.Leaves) || j.Joined != w.Joined {
					t.Errorf("word %d:\n JS %+v\n Go %+v", i, j, w)
				}
			}
			jsTerms := browsertest.Eval[[]string](t, tb, "DocsgenSearch.terms("+string(q)+")")
			if goTerms := Tokenize(s); !equalList(jsTerms, goTerms) {
				t.Errorf("terms: JS %q, Go %q", jsTerms, goTerms)
			}
		})
	}
	tb.CheckClean(t)
}

func equalList(a, b []string) bool { return len(a) == len(b) && (len(a) == 0 || slices.Equal(a, b)) }

// jsHit is a result as search.js returns it.
type jsHit struct {
	Doc     int  `json:"doc"`
	Score   int  `json:"score"`
	Matched int  `json:"matched"`
	Full    bool `json:"full"`
	URL     string
	Anchor  string `json:"anchor"`
	Title   string `json:"title"`
	Section string `json:"section"`
	Kind    string `json:"kind"`
	Excerpt string `json:"excerpt"`
}

// engineQueries are run by both engines; they cover exact and prefix forms,
// several words, identifiers and no-result queries.
var engineQueries = []string{
	"RATE_L", "rate_", "rate limit", "rate limits", "x-ratelimit", "X-RateLimit-Reset", "ratelimit reset ",
	"429", "4", "42", "session", "session ", "sess exp", "max_tier", "maxtier", "insufficient credits",
	"limits per plan", "SESSION_EXPIRED", "e", "the", "if a", "zzz", "retry after", "Too Many Requests",
	"status-429", "ΣΟΦΙΑ", "headers", "rate-limit headers",
}

// TestJSEngineMatchesGo runs every query through both engines, in one
// visit each, and compares the results and the files each query fetched
// (the listing pages and chunks not fetched by an earlier query): on the
// fixture with big chunks and a flat listing, and on more pages with small
// chunks in a listing several levels deep, where closed words skip chunks.
func TestJSEngineMatchesGo(t *testing.T) {
	cases := []struct {
		name    string
		docs    []Doc
		opts    Options
		queries []string
	}{
		{"flat", fixtureDocs(), Options{Minify: true}, engineQueries},
		{"deep", listingDocs(), Options{ChunkBytes: 300, MetaDocs: 3, Fanout: 3, Minify: true}, listingQueries()},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := tc.opts
			srv := harness(t, tc.docs, opts)
			ix, err := Build(tc.docs, opts)
			if err != nil {
				t.Fatal(err)
			}
			var goRead []string
			s, err := NewSearcher(func(name string) ([]byte, error) {
				goRead = append(goRead, "/search/"+name)
				return ix.Files[name], nil
			})
			if err != nil {
				t.Fatal(err)
			}
			var m manifest
			if err := json.Unmarshal(ix.Files["index.json"], &m); err != nil {
				t.Fatal(err)
			}
			if tc.name == "deep" && m.Depth < 3 {
				t.Fatalf("listing depth %d, want a deep tree", m.Depth)
			}
			tb := newTab(t)
			loadScript(t, tb, srv)
			browsertest.Eval[bool](t, tb, `DocsgenSearch.fetchJSON("/search/index.json").then(function (m) {
				window.fetched = [];
				window.engine = new DocsgenSearch.Engine("/search/", m, function (url) {
					fetched.push(url);
					return DocsgenSearch.fetchJSON(url);
				});
				return true;
			})`)
			for _, q := range tc.queries {
				t.Run(q, func(t *testing.T) {
					goRead = nil
					want, err := s.Search(q, 10)
					if err != nil {
						t.Fatal(err)
					}
					jq, _ := json.Marshal(q)
					var got struct {
						Total int     `json:"total"`
						Hits  []jsHit `json:"hits"`
					}
					got = browsertest.Eval[struct {
						Total int     `json:"total"`
						Hits  []jsHit `json:"hits"`
					}](t, tb, "engine.search("+string(jq)+", 10).then(function (r) { return {total: r.total, hits: r.hits}; })")
					jsRead := browsertest.Eval[[]string](t, tb, "fetched.splice(0)")
					if !slices.Equal(slices.Sorted(slices.Values(jsRead)), slices.Sorted(slices.Values(goRead))) {
						t.Errorf("JS fetched %q, Go %q", jsRead, goRead)
					}
					if len(got.Hits) != len(want) {
						t.Fatalf("JS %d hits, Go %d\nGo:\n%s", len(got.Hits), len(want), dump(want))
					}
					for i, w := range want {
						g := got.Hits[i]
						if g.Doc != w.Doc || g.Score != w.Score || g.Matched != w.Matched || g.Full != w.Full ||
							g.URL != w.URL || g.Anchor != w.Anchor || g.Title != w.PageTitle || g.Section != w.Section || g.Kind != w.Kind || g.Excerpt != w.Excerpt {
							t.Errorf("hit %d: JS %+v\nGo %+v", i, g, w)
						}
					}
				})
			}
			tb.CheckClean(t)
		})
	}
}

// resources lists the URLs the page fetched so far.
const resources = `performance.getEntriesByType("resource").map(function (e) { return new URL(e.name).pathname; })`

// optionTexts lists the result options' text.
const optionTexts = `Array.from(document.querySelectorAll("#docsgen-search-results [role=option]")).map(function (o) { return o.textContent; })`

func TestSearchDialog(t *testing.T) {
	srv := harness(t, fixtureDocs(), Options{Minify: true})
	tb := newTab(t)
	tb.Run(t, chromedp.Navigate(srv.URL+"/reference/rate-limits/"), chromedp.WaitReady(chromedp.CSS("body")))

	// Nothing of search is fetched before the dialog opens.
	for _, r := range browsertest.Eval[[]string](t, tb, resources) {
		if strings.HasPrefix(r, "/search/") {
			t.Fatalf("%s fetched before search was opened", r)
		}
	}
	if browsertest.Eval[bool](t, tb, `!!document.querySelector("dialog.search-dialog")`) {
		t.Fatal("the dialog exists before search was opened")
	}

	// Ctrl+K opens the dialog with the field focused.
	tb.Run(t, chromedp.KeyEvent("k", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	tb.WaitFor(t, `String(!!document.querySelector("dialog.search-dialog[open]"))`, "true")
	tb.WaitFor(t, `document.activeElement.id`, "docsgen-search-q")
	got := browsertest.Eval[[]string](t, tb, resources)
	for _, want := range []string{"/search/search.js", "/search/index.json"} {
		if !slices.Contains(got, want) {
			t.Errorf("%s not fetched after opening search: %q", want, got)
		}
	}

	// Typing 429 shows the status row and both 429 error entries first.
	tb.Run(t, chromedp.KeyEvent("429"))
	// Lists for "4" and "42" may show first: wait for the one for "429".
	tb.WaitFor(t, `document.getElementById("docsgen-search-results").getAttribute("data-query") || ""`, "429")
	texts := browsertest.Eval[[]string](t, tb, optionTexts)
	top := strings.Join(texts[:min(3, len(texts))], "\n")
	for _, code := range []string{"RATE_LIMIT_EXCEEDED", "SESSION_LIMIT_REACHED"} {
		if !strings.Contains(top, code) {
			t.Errorf("%s not among the first three results:\n%s", code, strings.Join(texts, "\n"))
		}
	}
	if n := browsertest.Eval[int](t, tb, `document.querySelectorAll("#docsgen-search-results mark").length`); n == 0 {
		t.Error("no match is marked")
	}
	if v := browsertest.Eval[string](t, tb, `document.querySelector("#docsgen-search-results mark").textContent`); v != "429" {
		t.Errorf("first mark is %q, want 429", v)
	}
	// The first result is active; the field points at it.
	if v := browsertest.Eval[string](t, tb, `document.getElementById("docsgen-search-q").getAttribute("aria-activedescendant")`); v != "docsgen-search-opt-0" {
		t.Errorf("aria-activedescendant = %q, want the first option", v)
	}

	// Arrow keys move the active result, wrapping at the ends.
	selected := `document.querySelector("#docsgen-search-results [aria-selected=true]").id`
	tb.Run(t, chromedp.KeyEvent(kb.ArrowDown))
	tb.WaitFor(t, selected, "docsgen-search-opt-1")
	tb.Run(t, chromedp.KeyEvent(kb.ArrowUp), chromedp.KeyEvent(kb.ArrowUp))
	n := len(texts)
	tb.WaitFor(t, selected, fmt.Sprintf("docsgen-search-opt-%d", n-1))
	tb.Run(t, chromedp.KeyEvent(kb.ArrowDown))
	tb.WaitFor(t, selected, "docsgen-search-opt-0")

	// Move to the RATE_LIMIT_EXCEEDED entry and open it with Enter.
	idx := -1
	for i, tx := range texts {
		if strings.Contains(tx, "RATE_LIMIT_EXCEEDED") {
			idx = i
			break
		}
	}
	for range idx {
		tb.Run(t, chromedp.KeyEvent(kb.ArrowDown))
	}
	tb.WaitFor(t, selected, fmt.Sprintf("docsgen-search-opt-%d", idx))
	tb.Run(t, chromedp.KeyEvent(kb.Enter))
	tb.WaitFor(t, `location.pathname + location.hash`, "/reference/errors/#rate-limit-exceeded")
	tb.CheckClean(t)
}

func TestSearchDialogKeys(t *testing.T) {
	srv := harness(t, fixtureDocs(), Options{Minify: true})
	tb := newTab(t)
	tb.Run(t, chromedp.Navigate(srv.URL+"/form/"), chromedp.WaitReady(chromedp.CSS("body")))
	isOpen := `String(!!document.querySelector("dialog.search-dialog[open]"))`

	// "/" in a text field types a slash and opens nothing.
	tb.Run(t, chromedp.Focus(chromedp.ID("name")), chromedp.KeyEvent("/"))
	if v := browsertest.Eval[string](t, tb, `document.getElementById("name").value`); v != "/" {
		t.Errorf("the field holds %q, want /", v)
	}
	// Give a wrong fetch the time to start; a slow machine can only hide
	// one, never fail the test.
	time.Sleep(100 * time.Millisecond)
	for _, r := range browsertest.Eval[[]string](t, tb, resources) {
		if strings.HasPrefix(r, "/search/") {
			t.Fatalf("%s fetched after typing / in a field", r)
		}
	}

	// "/" elsewhere opens search; prefix search finds the identifier.
	tb.Run(t, chromedp.Blur(chromedp.ID("name")), chromedp.KeyEvent("/"))
	tb.WaitFor(t, isOpen, "true")
	tb.WaitFor(t, `document.activeElement.id`, "docsgen-search-q")
	tb.Run(t, chromedp.KeyEvent("RATE_L"))
	// Each typed letter runs a query and may render its list: read the
	// first result's section, link and badge in one go, until the list
	// for the whole word is there.
	tb.WaitFor(t, `(function () {
		var o = document.querySelector("#docsgen-search-results [role=option]");
		if (!o) return "no result";
		var s = o.querySelector(".search-hit-section"), k = o.querySelector(".search-hit-kind");
		return (s ? s.textContent : "") + " " + o.getAttribute("href") + " " + (k ? k.textContent : "");
	})()`, "RATE_LIMIT_EXCEEDED /reference/errors/#rate-limit-exceeded Error code")

	// No results.
	tb.Run(t, chromedp.KeyEvent("zzqx"))
	tb.WaitFor(t, `document.querySelector(".search-status").textContent`, "No results for “RATE_Lzzqx”.")
	tb.WaitFor(t, `String(document.querySelectorAll("#docsgen-search-results [role=option]").length)`, "0")
	tb.WaitFor(t, `document.getElementById("docsgen-search-q").getAttribute("aria-expanded")`, "false")

	// Escape closes and gives focus back.
	tb.Run(t, chromedp.KeyEvent(kb.Escape))
	tb.WaitFor(t, isOpen, "false")

	// The header button opens it again, with the last query still there.
	tb.Run(t, chromedp.Click(chromedp.CSS("button.search-button")))
	tb.WaitFor(t, isOpen, "true")
	if v := browsertest.Eval[string](t, tb, `document.getElementById("docsgen-search-q").value`); v != "RATE_Lzzqx" {
		t.Errorf("query %q after reopening", v)
	}
	tb.Run(t, chromedp.KeyEvent(kb.Escape))
	tb.WaitFor(t, isOpen, "false")

	// A [data-search-input] box opens the dialog with what was typed.
	tb.Run(t, chromedp.Focus(chromedp.CSS("[data-search-input]")), chromedp.KeyEvent("t"))
	tb.WaitFor(t, isOpen, "true")
	tb.Run(t, chromedp.KeyEvent("imeout"))
	tb.WaitFor(t, `document.getElementById("docsgen-search-q").value`, "timeout")
	tb.WaitFor(t, `(document.querySelector("#docsgen-search-results [role=option] .search-hit-section") || {}).textContent || ""`, "TIMEOUT")
	tb.CheckClean(t)
}

func TestNotFoundPageSearch(t *testing.T) {
	srv := harness(t, fixtureDocs(), Options{Minify: true})
	tb := newTab(t)
	tb.Run(t, chromedp.Navigate(srv.URL+"/404.html"), chromedp.WaitReady(chromedp.CSS("body")))
	tb.Run(t, chromedp.Click(chromedp.CSS(".not-found [data-search-open]")))
	tb.WaitFor(t, `String(!!document.querySelector("dialog.search-dialog[open]"))`, "true")
	tb.Run(t, chromedp.KeyEvent("insufficient credits"))
	tb.WaitFor(t, `(document.querySelector("#docsgen-search-results [role=option] .search-hit-section") || {}).textContent || ""`, "INSUFFICIENT_CREDITS")
	tb.CheckClean(t)
}

// TestSearchAfterRepublish: a reader who opened search before the site was
// published again still gets results: the old chunks are gone, so the
// dialog reads index.json again and searches the new index.
func TestSearchAfterRepublish(t *testing.T) {
	// Small chunks and listing pages, so that the second search needs
	// files the first did not load (a loaded one keeps answering from the
	// old index).
	srv, republish := republishable(t, fixtureDocs(), Options{Minify: true, ChunkBytes: 200, MetaDocs: 2, Fanout: 3})
	tb := newTab(t)
	tb.Run(t, chromedp.Navigate(srv.URL+"/reference/rate-limits/"), chromedp.WaitReady(chromedp.CSS("body")))
	tb.Run(t, chromedp.KeyEvent("k", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	tb.WaitFor(t, `document.activeElement.id`, "docsgen-search-q")
	tb.Run(t, chromedp.KeyEvent("429"))
	tb.WaitFor(t, `String(document.querySelectorAll("#docsgen-search-results [role=option]").length > 0)`, "true")

	docs := fixtureDocs()
	docs = append(docs, Doc{URL: "/new/", PageTitle: "Brand new page", Text: "Published after the reader opened search.", Kind: KindPage})
	republish(docs)
	tb.Run(t, chromedp.KeyEvent(kb.Escape))
	tb.Run(t, chromedp.KeyEvent("k", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	tb.WaitFor(t, `document.activeElement.id`, "docsgen-search-q")
	tb.Run(t, chromedp.KeyEvent("brand"))
	tb.WaitFor(t, `(document.querySelector("#docsgen-search-results [role=option] .search-hit-page") || {}).textContent || document.querySelector(".search-status").textContent`, "Brand new page")
	// The browser logs the old chunk's 404; the page itself logs nothing.
	tb.CheckClean(t, "status of 404")
}
