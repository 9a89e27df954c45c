package serve

import (
	"context"
	"encoding/json"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"golang.org/x/tools/txtar"

	"docsgen/internal/browsertest"
	"docsgen/internal/site"
	"docsgen/templates"
)

// The script-injection tests build testdata/xss.txtar, a site whose every
// author-controlled string (site and page titles, descriptions, badges,
// header and footer links, headings, link text, code, every string of the
// error catalog's data files) carries injection payloads, serve it, and
// look at the DOM Chromium builds from it, after typing the same payloads
// into the error filter and the search dialog.

// payloads are typed into the filter and the search box.
var payloads = []string{
	`<script>alert(1)</script>`,
	`"onmouseover="alert(1)`,
	`'onfocus='alert(1)' autofocus='`,
	`javascript:alert(1)`,
	`</textarea><script>alert(1)</script>`,
	`<img src=x onerror=alert(1)>`,
	`<svg onload=alert(1)>`,
	`</dialog><iframe src="javascript:alert(1)">`,
}

// spies runs before every document's own scripts (through DevTools, so the
// page's CSP does not apply to it): it records alert, confirm and prompt
// calls and CSP violations.
const spies = `(function () {
  window.__dialogs = [];
  ["alert", "confirm", "prompt"].forEach(function (name) {
    window[name] = function (m) { window.__dialogs.push(name + "(" + m + ")"); };
  });
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", function (e) {
    window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
  });
})()`

// domProblems lists every element or attribute in the document that could
// only have come from a payload: a script that is not one of the site's
// own, any element that loads or runs something (img, iframe, object,
// embed, svg handlers), an on* attribute, or a URL attribute with a
// javascript:, vbscript: or data: URL. %THEME% is replaced by the theme
// script, the one inline script a page may hold.
const domProblems = `(function () {
  var theme = %THEME%;
  var bad = [];
  var all = document.querySelectorAll("*");
  for (var i = 0; i < all.length; i++) {
    var e = all[i];
    var tag = e.tagName.toLowerCase();
    if (tag === "script") {
      var own = e.src ? new URL(e.src).origin === location.origin : e.textContent === theme;
      if (!own) bad.push("script: " + e.outerHTML.slice(0, 100));
    }
    if (["img", "iframe", "object", "embed", "frame", "textarea", "form", "base", "meta"].indexOf(tag) >= 0 && !(tag === "meta" && e.parentNode === document.head)) {
      bad.push(tag + ": " + e.outerHTML.slice(0, 100));
    }
    for (var j = 0; j < e.attributes.length; j++) {
      var a = e.attributes[j];
      var n = a.name.toLowerCase();
      if (n.indexOf("on") === 0) bad.push("handler " + n + " on " + tag + ": " + e.outerHTML.slice(0, 100));
      if (["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"].indexOf(n) >= 0 &&
          /^[\s\u0000-\u001f]*(javascript|vbscript|data):/i.test(a.value.replace(/[\t\n\r]/g, ""))) {
        bad.push(n + "=" + a.value + " on " + tag);
      }
    }
  }
  return bad;
})()`

func startXSSSite(t *testing.T) (*Server, string) {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/xss.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "content")
	files := map[string]string{}
	for _, f := range ar.Files {
		files[f.Name] = string(f.Data)
	}
	writeFiles(t, dir, files)
	s := New(Config{Build: site.Options{Content: os.DirFS(dir), Display: "content"}})
	if err := s.Build(context.Background(), site.Changes{}); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Serve(ctx, ln); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return s, "http://" + ln.Addr().String()
}

// TestJavascriptLinksAreRefused: the build names every javascript: link,
// in Markdown and site.yaml, at its position; nothing else is an error.
func TestJavascriptLinksAreRefused(t *testing.T) {
	s, _ := startXSSSite(t)
	var got []string
	for _, p := range s.broker.current().Problems {
		got = append(got, p.File+":"+strconv.Itoa(p.Line)+":"+strconv.Itoa(p.Col)+": "+p.Message)
	}
	want := []string{
		"content/index.md:15:1",
		"content/index.md:17:1",
		"content/site.yaml:6:3",
		"content/site.yaml:11:3",
	}
	if len(got) != len(want) {
		t.Fatalf("build errors:\n%s\nwant one at each of %v", strings.Join(got, "\n"), want)
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w+": link to a javascript: URL is not allowed") {
			t.Errorf("error %d: %s, want %s: link to a javascript: URL ...", i, got[i], w)
		}
	}
}

type xssBrowser struct {
	t    *testing.T
	ctx  context.Context
	base string
	mu   sync.Mutex
	// dialogs are the JavaScript dialogs Chromium opened (a spy can be
	// bypassed; DevTools sees every dialog).
	dialogs []string
	check   string
}

func newXSSBrowser(t *testing.T, base string) *xssBrowser {
	ctx := browsertest.New(t, browsertest.Options{})
	theme, _ := json.Marshal(templates.ThemeScript)
	b := &xssBrowser{t: t, ctx: ctx, base: base, check: strings.Replace(domProblems, "%THEME%", string(theme), 1)}
	install := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: spies})
		return err
	})
	if err := chromedp.Do(ctx, install); err != nil {
		t.Fatal(err)
	}
	events := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.dialogs = append(b.dialogs, string(ev.Type)+": "+ev.Message)
			b.mu.Unlock()
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	return b
}

// open loads a page and waits for its deferred scripts.
func (b *xssBrowser) open(path string) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Navigate(b.base+path)); err != nil {
		b.t.Fatal(err)
	}
	waitFor(b.t, b.ctx, `document.readyState === "complete"`)
	time.Sleep(50 * time.Millisecond)
}

// assertClean fails on any element made from input, any dialog and any
// CSP violation.
func (b *xssBrowser) assertClean(where string) {
	b.t.Helper()
	if bad := eval[[]string](b.t, b.ctx, b.check); len(bad) > 0 {
		b.t.Errorf("%s: markup from input:\n  %s", where, strings.Join(bad, "\n  "))
	}
	if d := eval[[]string](b.t, b.ctx, `window.__dialogs`); len(d) > 0 {
		b.t.Errorf("%s: dialogs called: %v", where, d)
	}
	if v := eval[[]string](b.t, b.ctx, `window.__csp`); len(v) > 0 {
		b.t.Errorf("%s: CSP violations: %v", where, v)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.dialogs) > 0 {
		b.t.Errorf("%s: Chromium opened dialogs: %v", where, b.dialogs)
		b.dialogs = nil
	}
}

// TestNoScriptInjection opens every page of the payload site and checks
// that every payload arrived as text and none as markup.
func TestNoScriptInjection(t *testing.T) {
	s, base := startXSSSite(t)
	b := newXSSBrowser(t, base)
	urls := xssPageURLs(t, s)
	for _, u := range urls {
		t.Run(u, func(t *testing.T) {
			b.t = t
			b.open(u)
			b.assertClean(u)
			// The payload in the site's title reached the page as text.
			if got := eval[string](t, b.ctx, `document.querySelector(".site-title").textContent`); !strings.Contains(got, `<script>alert(1)</script> "onmouseover="alert(1) </textarea> <img src=x onerror=alert(1)>`) {
				t.Errorf("site title shows %q", got)
			}
			if !strings.Contains(eval[string](t, b.ctx, `document.title`), `<script>alert(1)</script>`) {
				t.Errorf("document title %q lost the payload text", eval[string](t, b.ctx, `document.title`))
			}
		})
	}

	// The checks themselves see an injection: markup added from script is
	// found, its inline handler is blocked by the CSP and logged.
	t.Run("the checks catch an injection", func(t *testing.T) {
		b.t = t
		b.open("/")
		eval[any](t, b.ctx, `document.body.insertAdjacentHTML("beforeend", '<img src=x onerror="alert(1)"><a href="javascript:alert(1)">x</a>'); null`)
		waitFor(t, b.ctx, `window.__csp.length > 0`)
		bad := eval[[]string](t, b.ctx, b.check)
		if len(bad) < 3 {
			t.Fatalf("the DOM check found only %v", bad)
		}
		b.open("/")
	})

	t.Run("payloads arrive as text", func(t *testing.T) {
		b.t = t
		for _, c := range xssTextChecks() {
			b.open(c.path)
			if got := eval[string](t, b.ctx, c.js); !strings.Contains(got, c.want) {
				t.Errorf("%s: %s = %q, want it to contain %q", c.path, c.js, got, c.want)
			}
		}
	})

	t.Run("error filter", func(t *testing.T) {
		b.t = t
		xssErrorFilter(t, b)
	})

	t.Run("search", func(t *testing.T) {
		b.t = t
		xssSearch(t, b)
	})
}

// xssPageURLs lists every page of the payload site, and URLs that carry
// payloads in their path, query and fragment.
func xssPageURLs(t *testing.T, s *Server) []string {
	t.Helper()
	var urls []string
	for _, n := range s.snap.Load().files.Names() {
		if strings.HasSuffix(n, "index.html") {
			urls = append(urls, "/"+strings.TrimSuffix(n, "index.html"))
		}
	}
	if !slices.Contains(urls, "/reference/errors/") || !slices.Contains(urls, "/guide/page/") {
		t.Fatalf("pages served: %v", urls)
	}
	return append(urls,
		"/no-such-page/",
		"/"+url.PathEscape(`<script>alert(1)</script>`)+"/",
		"/guide/page/?q="+url.QueryEscape(`"><script>alert(1)</script>`)+"#"+url.QueryEscape(`"><img src=x onerror=alert(1)>`),
	)
}

// xssTextChecks name, for each payload-laden place of the site, a
// JavaScript expression whose text must contain the payload.
func xssTextChecks() []struct{ path, js, want string } {
	return []struct{ path, js, want string }{
		{"/", `document.querySelector("h1").textContent`, `<script>alert(1)</script> "onmouseover="alert(1) </textarea> <img src=x onerror=alert(1)>`},
		{"/", `document.querySelector(".lead").textContent`, `<img src=x onerror=alert(1)>`},
		{"/", `document.querySelector("meta[name=description]").content`, `"onmouseover="alert(1)`},
		{"/", `Array.from(document.querySelectorAll(".content h2")).map(function (h) { return h.textContent; }).join("|")`, `<script>alert(1)</script> "onmouseover="alert(1)`},
		{"/", `Array.from(document.querySelectorAll(".toc a")).map(function (a) { return a.textContent; }).join("|")`, `<img src=x onerror=alert(1)>`},
		{"/", `document.querySelector(".header-links").textContent`, `<script>alert(1)</script> "onmouseover="alert(1)`},
		{"/", `document.querySelector(".site-footer").textContent`, `</textarea> <img src=x onerror=alert(1)>`},
		{"/", `Array.from(document.querySelectorAll(".content a")).map(function (a) { return a.textContent; }).join("|")`, `<img src=x onerror=alert(1)> "onmouseover="alert(1)`},
		{"/", `document.querySelector(".content a[title]").title`, `"onmouseover="alert(1)`},
		{"/guide/page/", `document.querySelector("h1").textContent`, `<img src=x onerror=alert(1)> </textarea> "onmouseover="alert(1)`},
		{"/guide/page/", `document.querySelector("pre").textContent`, `<script>alert(1)</script></textarea><img src=x onerror=alert(1)>`},
		{"/guide/page/", `document.querySelector(".sidebar").textContent`, `"onmouseover="alert(1)`},
		{"/reference/errors/", `document.querySelector(".status-row td").textContent`, `<script>alert(1)</script>`},
		{"/reference/errors/", `document.querySelector(".error-cause dd").textContent`, `</textarea> <img src=x onerror=alert(1)>`},
		{"/reference/errors/", `Array.from(document.querySelectorAll("[data-filter-category]")).map(function (c) { return c.textContent; }).join("|")`, `"onmouseover="alert(1) <script>`},
		{"/reference/errors/", `document.querySelector(".rate-plans tbody th").textContent`, `<img src=x onerror=alert(1)>`},
		{"/reference/errors/", `document.querySelector(".content").textContent`, `</script><script>alert(1)</script>`},
	}
}

// xssErrorFilter types every payload into the error filter, reloads the
// URL that shares it, and checks the page after each.
func xssErrorFilter(t *testing.T, b *xssBrowser) {
	b.open("/reference/errors/")
	for _, p := range payloads {
		eval[any](t, b.ctx, `(function () { var i = document.getElementById("error-filter-q"); i.value = ""; i.dispatchEvent(new Event("input")); return null; })()`)
		if err := chromedp.Do(b.ctx, chromedp.SendKeys(chromedp.ID("error-filter-q"), p)); err != nil {
			t.Fatal(err)
		}
		if got := eval[string](t, b.ctx, `document.getElementById("error-filter-q").value`); got != p {
			t.Fatalf("filter holds %q, typed %q", got, p)
		}
		time.Sleep(200 * time.Millisecond) // the URL is written after 150 ms
		b.assertClean("filter " + p)
		// The shared URL brings the query back as text.
		loc := eval[string](t, b.ctx, `location.pathname + location.search`)
		b.open(loc)
		if got := eval[string](t, b.ctx, `document.getElementById("error-filter-q").value`); got != strings.TrimSpace(p) {
			t.Errorf("after reloading %s the filter holds %q, want %q", loc, got, p)
		}
		b.assertClean("reloaded " + loc)
	}
	// A query that matches the payload-laden entries shows them, as text.
	eval[any](t, b.ctx, `(function () { var i = document.getElementById("error-filter-q"); i.value = ""; i.dispatchEvent(new Event("input")); return null; })()`)
	if err := chromedp.Do(b.ctx, chromedp.SendKeys(chromedp.ID("error-filter-q"), "onerror alert")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, b.ctx, `document.getElementById("evil-one").hidden === false`)
	b.assertClean("filter matching the payloads")
}

// xssSearch types every payload into the search dialog, then opens a
// result that shows one, and checks the page after each.
func xssSearch(t *testing.T, b *xssBrowser) {
	b.open("/guide/page/")
	// The build's error overlay covers the page, so the button is
	// clicked from script, not with the mouse.
	eval[any](t, b.ctx, `document.querySelector("[data-search-open]").click(); null`)
	waitFor(t, b.ctx, `document.activeElement && document.activeElement.id === "docsgen-search-q"`)
	for _, p := range append(payloads, "alert", "onerror", "script", "textarea") {
		eval[any](t, b.ctx, `(function () { var i = document.getElementById("docsgen-search-q"); i.value = ""; i.dispatchEvent(new Event("input")); return null; })()`)
		if err := chromedp.Do(b.ctx, chromedp.SendKeys(chromedp.ID("docsgen-search-q"), p)); err != nil {
			t.Fatal(err)
		}
		// Typing ran one search per key; the last one's answer names
		// the whole query or counts results.
		q, _ := json.Marshal(strings.TrimSpace(p))
		waitFor(t, b.ctx, `(function (q) { var s = document.querySelector(".search-status").textContent; return s.indexOf("“" + q + "”") >= 0 || /^(\d+ results?|Showing)/.test(s); })(`+string(q)+`)`)
		time.Sleep(100 * time.Millisecond)
		b.assertClean("search " + p)
		status := eval[string](t, b.ctx, `document.querySelector(".search-status").textContent`)
		if strings.HasPrefix(status, "No results") && !strings.Contains(status, strings.TrimSpace(p)) {
			t.Errorf("search %q: status %q does not echo the query as text", p, status)
		}
	}
	// "alert" finds the pages whose titles carry the payloads; they show as text.
	eval[any](t, b.ctx, `(function () { var i = document.getElementById("docsgen-search-q"); i.value = ""; i.dispatchEvent(new Event("input")); return null; })()`)
	if err := chromedp.Do(b.ctx, chromedp.SendKeys(chromedp.ID("docsgen-search-q"), "onerror")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, b.ctx, `document.querySelectorAll(".search-hit").length > 0`)
	text := eval[string](t, b.ctx, `document.querySelector(".search-results").textContent`)
	if !strings.Contains(text, "<img src=x onerror=alert(1)>") {
		t.Errorf("search results %q do not show the payload as text", text)
	}
	b.assertClean("search results")
	// Opening a result by keyboard goes to a page of the site.
	if err := chromedp.Do(b.ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, b.ctx, `document.readyState === "complete" && !document.querySelector("dialog[open]")`)
	if got := eval[string](t, b.ctx, `location.protocol + "//" + location.host`); got != b.base {
		t.Errorf("a search result led to %s", got)
	}
	b.assertClean("after opening a result")
}
