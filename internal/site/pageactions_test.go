package site

import (
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/pelletier/go-toml/v2"

	"docsgen/internal/browsertest"
	"docsgen/internal/output"
)

func TestAskLinks(t *testing.T) {
	for _, md := range []string{"https://docs.example.com/reference/errors/index.md", "/reference/errors/index.md"} {
		links := askLinks(md)
		if len(links) != 2 {
			t.Fatalf("%d links, want ChatGPT and Claude", len(links))
		}
		for i, want := range []struct{ title, base string }{{"Open in ChatGPT", "https://chatgpt.com/"}, {"Open in Claude", "https://claude.ai/new"}} {
			l := links[i]
			u, err := url.Parse(l.URL)
			if err != nil {
				t.Fatal(err)
			}
			q := u.Query().Get("q")
			if l.Title != want.title || u.Scheme+"://"+u.Host+u.Path != want.base || !strings.Contains(q, " "+md+" ") || l.Markdown != md {
				t.Errorf("%s link = %+v (prompt %q), want %s with a prompt naming %s", want.title, l, q, want.base, md)
			}
		}
	}
}

// netlifyCSP is the Content-Security-Policy netlify.toml serves every page with.
func netlifyCSP(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg netlifyConfig
	if err := toml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	for _, h := range cfg.Headers {
		if h.For == "/*" && h.Values["Content-Security-Policy"] != "" {
			return h.Values["Content-Security-Policy"]
		}
	}
	t.Fatal("netlify.toml sets no Content-Security-Policy for /*")
	return ""
}

// serveMemory serves a built site with the site's CSP.
func serveMemory(t *testing.T, mem *output.Memory, csp string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		data, ok := mem.Get(name)
		if !ok {
			http.NotFound(w, r)
			return
		}
		typ := mime.TypeByExtension(path.Ext(name))
		if path.Ext(name) == ".md" {
			typ = "text/markdown; charset=utf-8"
		}
		if typ == "" {
			typ = "application/octet-stream"
		}
		w.Header().Set("Content-Type", typ)
		w.Header().Set("Content-Security-Policy", csp)
		w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// pageRecorder runs before the page's scripts (through DevTools, so the
// CSP does not apply to it): it records CSP violations and stands in for
// the clipboard, keeping what the page copies.
const pageRecorder = `window.__csp = []; window.__copied = [];
document.addEventListener("securitypolicyviolation", function (e) { __csp.push(e.violatedDirective + " " + e.blockedURI); });
Object.defineProperty(navigator, "clipboard", {configurable: true,
  value: {writeText: function (t) { __copied.push(t); return Promise.resolve(); }}});`

// TestPageActionsInBrowser drives the page actions menu of the built Error
// Codes page in Chromium under the site's own CSP, by keyboard: the menu
// opens from its summary, Copy page puts the page's Markdown (the 22
// entries expanded) on the clipboard, the links name the page's .md URL,
// Escape closes the menu and gives the focus back, and nothing breaks the CSP.
func TestPageActionsInBrowser(t *testing.T) {
	mem, res := buildTxtar(t, "docs", Options{Minify: true})
	if res.Diags.HasErrors() {
		t.Fatalf("the site does not build:\n%v", res.Diags)
	}
	srv := serveMemory(t, mem, netlifyCSP(t))
	mdURL := srv.URL + "/reference/errors/index.md"

	tb := browsertest.NewTab(t, browsertest.New(t, browsertest.Options{}), pageRecorder)
	tb.Run(t, chromedp.Navigate(srv.URL+"/reference/errors/"), chromedp.WaitReady(chromedp.CSS("body")))

	const menu = `document.querySelector("details[data-page-actions]")`
	tb.WaitFor(t, `String(`+menu+`.open)`, "false")
	tb.Run(t, chromedp.Focus(chromedp.CSS(`details[data-page-actions] summary`)), chromedp.KeyEvent(kb.Enter))
	tb.WaitFor(t, `String(`+menu+`.open)`, "true")
	items := `Array.from(` + menu + `.querySelectorAll("li > *")).map(function (e) { var r = e.getBoundingClientRect(); return e.textContent + (r.width > 0 && r.right <= innerWidth ? "" : " (hidden)"); }).join("|")`
	tb.WaitFor(t, items, "Copy page|View as Markdown|Open in ChatGPT|Open in Claude")

	// The links: the .md beside the page, and prompts naming its absolute URL
	// (this build has no base URL, so the script completes the path).
	hrefs := `Array.from(` + menu + `.querySelectorAll("a")).map(function (a) { return a.href; }).join(" ")`
	links := strings.Fields(browsertest.Eval[string](t, tb, hrefs))
	if len(links) != 3 || links[0] != mdURL {
		t.Fatalf("menu links = %q, want %s first", links, mdURL)
	}
	for i, base := range []string{"https://chatgpt.com/", "https://claude.ai/new"} {
		u, err := url.Parse(links[i+1])
		if err != nil {
			t.Fatal(err)
		}
		if q := u.Query().Get("q"); u.Scheme+"://"+u.Host+u.Path != base || !strings.Contains(q, " "+mdURL+" ") {
			t.Errorf("link %s (prompt %q) is not %s with a prompt naming %s", links[i+1], q, base, mdURL)
		}
	}

	// Copy page, by keyboard: Tab reaches it first, Enter copies.
	tb.Run(t, chromedp.KeyEvent(kb.Tab))
	tb.WaitFor(t, `document.activeElement.textContent`, "Copy page")
	tb.Run(t, chromedp.KeyEvent(kb.Enter))
	tb.WaitFor(t, `String(window.__copied.length)`, "1")
	copied := browsertest.Eval[string](t, tb, `window.__copied[0]`)
	want, _ := mem.Get("reference/errors/index.md")
	if copied != string(want) {
		t.Errorf("Copy page copied %d bytes, not the page's index.md (%d bytes)", len(copied), len(want))
	}
	if n := strings.Count(copied, "\n- Fix: "); n != 22 || strings.Contains(copied, "\n::errors") {
		t.Errorf("the copied Markdown has %d entries with a fix, want 22 and no directive lines", n)
	}
	tb.WaitFor(t, `document.activeElement.textContent`, "Copied")

	// Escape closes the menu and gives the focus back to its summary.
	tb.Run(t, chromedp.KeyEvent(kb.Escape))
	tb.WaitFor(t, `String(`+menu+`.open)+" "+document.activeElement.tagName`, "false SUMMARY")
	// A click outside closes it too.
	tb.Run(t, chromedp.Click(chromedp.CSS(`details[data-page-actions] summary`)))
	tb.WaitFor(t, `String(`+menu+`.open)`, "true")
	tb.Run(t, chromedp.Click(chromedp.CSS(`h1`)))
	tb.WaitFor(t, `String(`+menu+`.open)`, "false")

	if v := browsertest.Eval[string](t, tb, `JSON.stringify(window.__csp)`); v != "[]" {
		t.Errorf("CSP violations: %s", v)
	}
}
