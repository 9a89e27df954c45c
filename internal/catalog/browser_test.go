package catalog

// Browser tests of the filter script (static/js/50-catalog-filter.js) on a
// page built from the site's data (a copy in testdata/site) through the
// directives, served with a strict Content-Security-Policy, in headless
// Chromium.

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"docsgen/internal/browsertest"
	"docsgen/static"
)

const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"

// harness renders a page shaped like the Error Codes page: the filter, then
// each table or entry list under its own h2 and intro paragraph, as the
// Markdown renderer lays them out.
func harness(t testing.TB, c *Catalog) string {
	t.Helper()
	ds := c.Directives()
	directive := func(name string, attrs map[string]string) string {
		out, err := ds[name].Render(attrs)
		if err != nil {
			t.Fatalf("::%s: %v", name, err)
		}
		return out.HTML
	}
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
		`<meta name="viewport" content="width=device-width, initial-scale=1">` +
		`<title>Error Codes Reference</title><link rel="stylesheet" href="/style.css">` +
		`<script src="/app.js" defer></script></head><body><main class="content">` +
		`<h1>Error Codes Reference</h1><p>Every error has one JSON shape.</p>`)
	b.WriteString(directive("error-filter", nil))
	b.WriteString(`<h2 id="http-status-codes">HTTP status codes</h2><p>Read the status first.</p>`)
	b.WriteString(directive("status-table", nil))
	for _, cat := range c.Categories {
		fmt.Fprintf(&b, `<h2 id="%s-errors">%s</h2><p>About these errors.</p>`, cat.ID, cat.Title)
		b.WriteString(directive("errors", map[string]string{"category": cat.ID}))
		if cat.ID == "session" {
			b.WriteString(`<div class="callout callout-note" role="note"><p class="callout-title">Note</p><p>SESSION_EXPIRED is in two categories.</p></div>`)
		}
	}
	if c.Refunds != nil {
		b.WriteString(`<h2 id="refund-policy">Refund policy</h2>` + directive("refund-policy", nil))
		b.WriteString(`<h2 id="error-response-format">Error response format</h2>` + directive("error-fields", nil))
		b.WriteString(directive("error-example", map[string]string{"code": "INSUFFICIENT_CREDITS"}))
	}
	b.WriteString(`</main></body></html>`)
	return b.String()
}

// serve serves page at / with the theme's stylesheets and the filter script.
func serve(t testing.TB, page string) *httptest.Server {
	t.Helper()
	var css strings.Builder
	names, err := fs.Glob(static.FS, "css/*.css")
	if err != nil || len(names) == 0 {
		t.Fatalf("no theme stylesheets: %v", err)
	}
	sort.Strings(names)
	for _, name := range names {
		data, err := fs.ReadFile(static.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		css.Write(data)
		css.WriteByte('\n')
	}
	js, err := fs.ReadFile(static.FS, "js/50-catalog-filter.js")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	})
	mux.HandleFunc("/style.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css")
		fmt.Fprint(w, css.String())
	})
	mux.HandleFunc("/app.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write(js)
	})
	mux.HandleFunc("/favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestBrowserFilter(t *testing.T) {
	c := siteCatalog(t)
	srv := serve(t, harness(t, c))
	ctx := browsertest.New(t, browsertest.Options{})
	cons := watchConsole(ctx)
	run(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("[data-error-filter]")))

	const total = "40 of 40 errors and statuses shown" // 22 entries, 18 statuses
	if got := countText(t, ctx); got != total {
		t.Errorf("count = %q, want %q", got, total)
	}
	if n := len(visible(t, ctx)); n != 40 {
		t.Errorf("%d items visible before filtering, want 40", n)
	}

	t.Run("typing 429 leaves the 429 entries and status row", func(t *testing.T) { filterBy429(t, ctx) })

	t.Run("identifiers match however they are written", func(t *testing.T) {
		for _, q := range []string{"rate limit", "RATE_LIMIT", "ratelimit", "Rate-Limit", "rate_limit_exceeded", "RATELIMITEXCEEDED"} {
			setQuery(t, ctx, q)
			if got := visible(t, ctx); !slices.Contains(got, "rate-limit-exceeded") {
				t.Errorf("%q: visible = %v, want RATE_LIMIT_EXCEEDED among them", q, got)
			}
		}
		setQuery(t, ctx, "rate limit exceeded")
		if got := visible(t, ctx); !slices.Equal(got, []string{"status-429", "rate-limit-exceeded"}) {
			t.Errorf(`"rate limit exceeded": visible = %v`, got)
		}
	})

	t.Run("words of causes and fixes match", func(t *testing.T) {
		setQuery(t, ctx, "captcha")
		if got := visible(t, ctx); !slices.Equal(got, []string{"blocked-by-antibot"}) {
			t.Errorf("captcha: visible = %v", got)
		}
		setQuery(t, ctx, "X-RateLimit-Reset")
		if got := visible(t, ctx); !slices.Equal(got, []string{"rate-limit-exceeded"}) {
			t.Errorf("X-RateLimit-Reset: visible = %v", got)
		}
	})

	t.Run("refund words test the Refunded flag", func(t *testing.T) { filterRefundWords(t, ctx, c) })

	t.Run("Esc clears, and so does Clear filters", func(t *testing.T) { filterEscClears(t, ctx) })

	t.Run("chips and toggles combine with the text", func(t *testing.T) { filterChipsAndToggles(t, ctx) })

	t.Run("the filter survives a reload", func(t *testing.T) {
		run(t, ctx, chromedp.Focus(chromedp.CSS(inputSel)), chromedp.SendKeys(chromedp.CSS(inputSel), "session"))
		before := visible(t, ctx)
		if len(before) == 0 || len(before) >= 40 || !slices.Contains(before, "session-expired-401") {
			t.Fatalf("visible for session = %v", before)
		}
		waitFor(t, ctx, `location.search`, "?q=session")
		run(t, ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("[data-error-filter]")))
		if got := eval[string](t, ctx, `document.querySelector('[data-filter-query]').value`); got != "session" {
			t.Errorf("after reload the box holds %q", got)
		}
		if got := visible(t, ctx); !slices.Equal(got, before) {
			t.Errorf("after reload visible = %v, want %v", got, before)
		}
	})

	t.Run("opening an anchor scrolls to the entry and highlights it", func(t *testing.T) { filterAnchor(t, ctx, srv) })

	cons.check(t, ctx)
}

// filterRefundWords is the subtest "refund words test the Refunded flag" of
// TestBrowserFilter: refund words keep the entries whose Refunded flag c
// sets, "not refunded" the others.
func filterRefundWords(t *testing.T, ctx context.Context, c *Catalog) {
	var refunded, charged []string
	for _, cat := range c.Categories {
		for _, e := range cat.Errors {
			if e.Refunded {
				refunded = append(refunded, e.Anchor)
			} else {
				charged = append(charged, e.Anchor)
			}
		}
	}
	if len(refunded) == 0 || len(charged) == 0 {
		t.Fatalf("the data has %d refunded and %d charged entries, want some of each", len(refunded), len(charged))
	}
	cases := []struct {
		q    string
		want []string
	}{
		{"refund", refunded},
		{"refunded", refunded},
		{"Refunds", refunded},
		{"not refunded", charged},
		{"non-refunded", charged},
		{"timeout refunded", []string{"timeout"}},
		{"timeout not refunded", nil},
	}
	for _, tc := range cases {
		setQuery(t, ctx, tc.q)
		if got := visible(t, ctx); !slices.Equal(got, tc.want) {
			t.Errorf("%q: visible = %v, want %v", tc.q, got, tc.want)
		}
	}
	setQuery(t, ctx, "")
}

// filterBy429 checks that typing 429 leaves the 429 entries and the 429 status row.
func filterBy429(t *testing.T, ctx context.Context) {
	run(t, ctx, chromedp.SendKeys(chromedp.CSS(inputSel), "429"))
	want := []string{"status-429", "session-limit-reached", "rate-limit-exceeded"}
	if got := visible(t, ctx); !slices.Equal(got, want) {
		t.Errorf("visible = %v, want %v", got, want)
	}
	if got := countText(t, ctx); got != "3 of 40 errors and statuses shown" {
		t.Errorf("count = %q", got)
	}
	// Sections left empty are hidden with their heading; the others stay.
	headings := eval[map[string]bool](t, ctx, `Object.fromEntries(Array.from(document.querySelectorAll('h2')).map(h => [h.id, h.checkVisibility()]))`)
	for id, want := range map[string]bool{
		"http-status-codes": true, "scraping-errors": false, "authentication-errors": false,
		"billing-errors": false, "rate-limit-errors": true, "session-errors": true, "refund-policy": true,
	} {
		if headings[id] != want {
			t.Errorf("heading #%s visible = %t, want %t", id, headings[id], want)
		}
	}
}

// filterEscClears checks that Esc clears the filter, and so does Clear filters.
func filterEscClears(t *testing.T, ctx context.Context) {
	setQuery(t, ctx, "no such thing")
	if got := visible(t, ctx); len(got) != 0 {
		t.Errorf("visible = %v, want none", got)
	}
	if !eval[bool](t, ctx, `document.querySelector('[data-filter-empty]').checkVisibility()`) {
		t.Error("empty state not shown")
	}
	if got := countText(t, ctx); got != "0 of 40 errors and statuses shown" {
		t.Errorf("count = %q", got)
	}
	run(t, ctx, chromedp.Focus(chromedp.CSS(inputSel)), chromedp.KeyEvent(kb.Escape))
	if got := eval[string](t, ctx, `document.querySelector('[data-filter-query]').value`); got != "" {
		t.Errorf("after Esc the box holds %q", got)
	}
	if n := len(visible(t, ctx)); n != 40 {
		t.Errorf("after Esc %d items visible, want 40", n)
	}
	if eval[bool](t, ctx, `document.querySelector('[data-filter-empty]').checkVisibility()`) {
		t.Error("empty state still shown after Esc")
	}

	setQuery(t, ctx, "no such thing")
	run(t, ctx, chromedp.Click(chromedp.CSS("[data-filter-clear]")))
	if n := len(visible(t, ctx)); n != 40 {
		t.Errorf("after Clear filters %d items visible, want 40", n)
	}
}

// filterChipsAndToggles checks that category chips and toggles combine with the text.
func filterChipsAndToggles(t *testing.T, ctx context.Context) {
	run(t, ctx, chromedp.Click(chromedp.CSS(`[data-filter-category="session"]`)))
	want := []string{"session-not-found", "session-expired-410", "session-domain-mismatch", "session-inactive", "session-limit-reached", "session-cookies-conflict"}
	if got := visible(t, ctx); !slices.Equal(got, want) {
		t.Errorf("session chip: visible = %v", got)
	}
	if got := eval[string](t, ctx, `document.querySelector('[data-filter-category="session"]').getAttribute('aria-pressed')`); got != "true" {
		t.Errorf("session chip aria-pressed = %q", got)
	}
	setQuery(t, ctx, "410")
	if got := visible(t, ctx); !slices.Equal(got, []string{"session-expired-410", "session-inactive"}) {
		t.Errorf("session + 410: visible = %v", got)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(`[data-filter-toggle="refunded"]`)))
	if got := visible(t, ctx); len(got) != 0 {
		t.Errorf("session + 410 + refunded: visible = %v", got)
	}
	// The URL is written shortly after the last change.
	waitFor(t, ctx, `location.search`, "?q=410&category=session&refunded=1")
	run(t, ctx, chromedp.Click(chromedp.CSS(`[data-filter-toggle="refunded"]`)))
	// Esc clears the text first, then, in an empty box, everything.
	run(t, ctx, chromedp.Focus(chromedp.CSS(inputSel)), chromedp.KeyEvent(kb.Escape))
	if got := visible(t, ctx); !slices.Equal(got, want) {
		t.Errorf("after one Esc: visible = %v, want the chip still on", got)
	}
	run(t, ctx, chromedp.KeyEvent(kb.Escape))
	if n := len(visible(t, ctx)); n != 40 {
		t.Errorf("after two Esc: %d visible, want 40", n)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(`[data-filter-toggle="refunded"]`)))
	got := visible(t, ctx)
	if len(got) != 9 || !slices.Contains(got, "blocked-by-antibot") || !slices.Contains(got, "network-error") {
		t.Errorf("refunded: visible = %v, want the 9 scraping errors", got)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(`[data-filter-toggle="refunded"]`)))
}

// filterAnchor checks that opening an anchor scrolls to the entry and highlights it.
func filterAnchor(t *testing.T, ctx context.Context, srv *httptest.Server) {
	// The filter in the URL hides the entry: opening it clears the filter.
	run(t, ctx, chromedp.Navigate(srv.URL+"/?q=429#insufficient-credits"), chromedp.WaitVisible(chromedp.CSS("#insufficient-credits")))
	state := eval[map[string]any](t, ctx, `(() => {
		const e = document.getElementById('insufficient-credits');
		const r = e.getBoundingClientRect();
		return {target: e.classList.contains('is-target'), top: r.top, height: innerHeight,
			query: document.querySelector('[data-filter-query]').value, search: location.search,
			outline: getComputedStyle(e).borderColor !== getComputedStyle(document.getElementById('exceeds-cost-limit')).borderColor};
	})()`)
	if state["target"] != true || state["outline"] != true {
		t.Errorf("#insufficient-credits is not highlighted: %v", state)
	}
	if top, h := state["top"].(float64), state["height"].(float64); top < 0 || top > h/2 {
		t.Errorf("#insufficient-credits is at %v of a %v px window, want scrolled into view", top, h)
	}
	if state["query"] != "" || state["search"] != "" {
		t.Errorf("the filter hiding the entry was not cleared: %v", state)
	}
	// A later hash change moves the highlight.
	eval[bool](t, ctx, `(location.hash = '#session-expired-410', true)`)
	moved, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById('session-expired-410').classList.contains('is-target') && !document.getElementById('insufficient-credits').classList.contains('is-target')`, chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil || !moved {
		t.Errorf("highlight did not move to #session-expired-410: %v", err)
	}
}

func TestBrowserWithoutJavaScript(t *testing.T) {
	srv := serve(t, harness(t, siteCatalog(t)))
	ctx := browsertest.New(t, browsertest.Options{})
	run(t, ctx,
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}),
		chromedp.Navigate(srv.URL+"/?q=429"),
		chromedp.WaitVisible(chromedp.CSS("#rate-limit-exceeded")),
	)
	if n := len(visible(t, ctx)); n != 40 {
		t.Errorf("%d entries and status rows visible without JavaScript, want all 40", n)
	}
	if eval[bool](t, ctx, `document.querySelector('[data-error-filter]').checkVisibility()`) {
		t.Error("the filter shows without JavaScript")
	}
	if got := countText(t, ctx); got != "" {
		t.Errorf("the script ran: count = %q", got)
	}
}

// TestBrowserNarrowScreen checks that the Error Codes harness fits a 360 px
// wide phone: nothing but the tables' own scroll boxes overflows.
func TestBrowserNarrowScreen(t *testing.T) {
	srv := serve(t, harness(t, siteCatalog(t)))
	ctx := browsertest.New(t, browsertest.Options{})
	run(t, ctx, chromedp.EmulateViewport(360, 740), chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("[data-error-filter]")))
	widths := eval[map[string]float64](t, ctx, `({page: document.documentElement.scrollWidth, window: document.documentElement.clientWidth,
		widest: Math.max(...Array.from(document.querySelectorAll('.error-entry, .error-filter')).map(e => e.getBoundingClientRect().right))})`)
	if widths["page"] > widths["window"] || widths["widest"] > widths["window"] {
		t.Errorf("content overflows a 360 px screen: %v", widths)
	}
}

// generatedCatalog writes a catalog of n error entries over five categories,
// for the speed test.
func generatedCatalog(n int) fstest.MapFS {
	words := []string{"request", "token", "upstream", "proxy", "render", "cookie", "quota", "schema", "webhook", "crawl",
		"export", "storage", "browser", "captcha", "header", "payload", "domain", "tier", "queue", "cache", "stream", "limit"}
	statuses := []int{400, 401, 402, 403, 404, 409, 410, 413, 415, 422, 429, 500, 502, 503, 504}
	var st strings.Builder
	st.WriteString("statuses:\n")
	for _, s := range statuses {
		fmt.Fprintf(&st, "  - {code: %d, text: Status %d, meaning: Something about %d., retry: Maybe., retryable: maybe}\n", s, s, s)
	}
	var er strings.Builder
	er.WriteString("categories:\n")
	per := n / 5
	for c := 0; c < 5; c++ {
		fmt.Fprintf(&er, "  - id: group-%d\n    title: Group %d errors\n    description: Generated.\n    errors:\n", c, c)
		for i := 0; i < per; i++ {
			k := c*per + i
			w1, w2, w3 := words[k%len(words)], words[(k/3+7)%len(words)], words[(k*7+3)%len(words)]
			fmt.Fprintf(&er, "      - code: %s_%s_%04d\n        status: %d\n        refunded: %t\n", strings.ToUpper(w1), strings.ToUpper(w2), k, statuses[k%len(statuses)], k%3 == 0)
			fmt.Fprintf(&er, "        cause: The %s could not reach the %s because the %s was busy.\n", w1, w2, w3)
			fmt.Fprintf(&er, "        fix: Check the `%s_%s` setting, then send the %s again.\n", w3, w1, w2)
		}
	}
	return fstest.MapFS{
		"_data/statuses.yaml": {Data: []byte(st.String())},
		"_data/errors.yaml":   {Data: []byte(er.String())},
	}
}

// TestBrowserFilterSpeed times one keystroke of filtering over 1,000 error
// entries: performance.now() around dispatching the input event, median
// over 20 keystrokes of typing.
func TestBrowserFilterSpeed(t *testing.T) {
	c, diags := Load(generatedCatalog(1000), "_data", "content")
	if len(diags) != 0 {
		t.Fatalf("generated catalog: %v", diags)
	}
	srv := serve(t, harness(t, c))
	ctx := browsertest.New(t, browsertest.Options{})
	run(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("[data-error-filter]")))

	type timing struct {
		Entries    int       `json:"entries"`
		Dispatch   []float64 `json:"dispatch"`
		WithLayout []float64 `json:"withLayout"`
	}
	res := eval[timing](t, ctx, `(() => {
		const input = document.querySelector('[data-filter-query]');
		const typing = ['t', 'to', 'tok', 'toke', 'token', 'token ', 'token c', 'token co', 'token coo', 'token cook',
			'4', '42', '429', '429 q', '429 qu', 'queue', 'queu', 'que', 'qu', ''];
		const key = (q) => { input.value = q; input.dispatchEvent(new Event('input', {bubbles: true})); };
		typing.forEach(key); // warm up
		const dispatch = [], withLayout = [];
		for (const q of typing) {
			const t0 = performance.now();
			key(q);
			dispatch.push(performance.now() - t0);
		}
		for (const q of typing) {
			const t0 = performance.now();
			key(q);
			void document.body.offsetHeight; // style and layout of the change, too
			withLayout.push(performance.now() - t0);
		}
		return {entries: document.querySelectorAll('.error-entry').length, dispatch, withLayout};
	})()`)
	if res.Entries != 1000 {
		t.Fatalf("%d entries on the page, want 1000", res.Entries)
	}
	if len(res.Dispatch) != 20 {
		t.Fatalf("%d timings, want 20", len(res.Dispatch))
	}
	med, lay := median(res.Dispatch), median(res.WithLayout)
	t.Logf("filtering 1,000 entries (+15 status rows): median %.2f ms per keystroke (max %.2f ms); with style and layout: median %.2f ms",
		med, slices.Max(res.Dispatch), lay)
	if med >= 16 {
		t.Errorf("median keystroke takes %.2f ms, want under 16 ms", med)
	}
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
