package templates_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"docsgen/internal/browsertest"
	"docsgen/static"
	"docsgen/templates"
)

// shotDir receives the screenshots the browser test takes for a person to look at.
const shotDir = "/tmp/docsgen-shots"

// csp is the Content-Security-Policy the site is served with.
var csp = "default-src 'self'; script-src 'self' " + templates.ThemeScriptHash +
	"; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"

// harnessMarkdown is the page source served beside the harness page, for
// "Copy page".
const harnessMarkdown = "---\ntitle: Rate limits\n---\n\nEvery request counts.\n"

// copiedCode is what the first code block's copy button must hand to the
// clipboard: the code without line numbers and without the final newline.
const copiedCode = "import time\nif resp.status == 429:\n    time.sleep(int(resp.headers[\"Retry-After\"]))  # seconds"

// recorder runs in every document before the page's own scripts (through
// DevTools, so the CSP does not apply to it). It records CSP violations and
// stands in for the clipboard API, keeping what the page copies.
const recorder = `(function () {
  window.__csp = [];
  window.__copied = [];
  document.addEventListener("securitypolicyviolation", function (e) {
    __csp.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
  });
  document.addEventListener("copy", function (e) {
    __copied.push("execCommand:" + (e.target && e.target.value));
  });
  Object.defineProperty(navigator, "clipboard", {
    configurable: true,
    value: { writeText: function (t) { __copied.push(t); return Promise.resolve(); } },
  });
})()`

// harnessPage is a deep page whose body holds the Markdown renderer's HTML
// contract: callouts, a titled code block with line numbers, two tab groups,
// a table, a task list and a footnote.
func harnessPage(t *testing.T) templates.Page {
	t.Helper()
	body, err := os.ReadFile("testdata/harness-body.html")
	if err != nil {
		t.Fatal(err)
	}
	return templates.Page{
		Site: &templates.Site{
			Title:       "Acme API Docs",
			HeaderLinks: []templates.Link{{Title: "API status", URL: "/status/"}, {Title: "GitHub", URL: "https://github.com/acme/api"}},
			FooterLinks: []templates.Link{{Title: "Privacy", URL: "/privacy/"}, {Title: "Contact", URL: "/contact/"}},
			StyleURL:    "/assets/style.css",
			ScriptURL:   "/assets/app.js",
			SearchURL:   "/search/",
		},
		Title:        "Rate limits",
		Description:  "How many requests you can make, and what to do when the API says 429.",
		URL:          "/reference/rate-limits/",
		CanonicalURL: "https://docs.example.com/reference/rate-limits/",
		Body:         string(body),
		Nav: []templates.NavItem{
			{Title: "Introduction", URL: "/"},
			{Title: "Getting started", URL: "/start/", IsSection: true, Children: []templates.NavItem{
				{Title: "Authentication", URL: "/start/auth/"},
				{Title: "Your first request", URL: "/start/first-request/"},
			}},
			{Title: "Reference", URL: "/reference/", IsSection: true, Open: true, Children: []templates.NavItem{
				{Title: "Error codes", URL: "/reference/errors/"},
				{Title: "Rate limits", URL: "/reference/rate-limits/", Current: true},
				{Title: "Sessions", URL: "/reference/sessions/", Badge: "New"},
				{Title: "Model Context Protocol", URL: "/reference/mcp/", Badge: "MCP"},
			}},
			{Title: "Writing docs", URL: "/writing/", IsSection: true},
		},
		Breadcrumbs: []templates.Link{{Title: "Home", URL: "/"}, {Title: "Reference", URL: "/reference/"}},
		TOC: []templates.TOCItem{
			{ID: "handling-errors", Text: "Handling errors", Children: []templates.TOCItem{{ID: "in-your-language", Text: "In your language"}}},
			{ID: "error-codes", Text: "Error codes"},
			{ID: "checklist", Text: "Checklist"},
		},
		Prev:        &templates.Link{Title: "Error codes", URL: "/reference/errors/"},
		Next:        &templates.Link{Title: "Sessions", URL: "/reference/sessions/"},
		LastUpdated: "2026-11-24",
		EditURL:     "https://github.com/acme/api/edit/main/content/reference/rate-limits.md",
		SourceURL:   "/reference/rate-limits/index.md",
	}
}

// concat joins the files of dir in static.FS with the given extension, in
// file-name order, as the build bundles them.
func concat(t *testing.T, dir, ext string) []byte {
	t.Helper()
	return concatExcept(t, dir, ext, nil)
}

// concatExcept is concat leaving out the named files.
func concatExcept(t *testing.T, dir, ext string, except []string) []byte {
	t.Helper()
	names, err := fs.Glob(static.FS, dir+"/*"+ext)
	if err != nil || len(names) == 0 {
		t.Fatalf("no %s files in static/%s: %v", ext, dir, err)
	}
	slices.Sort(names)
	var b bytes.Buffer
	for _, n := range names {
		if slices.Contains(except, n) {
			continue
		}
		data, err := fs.ReadFile(static.FS, n)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// tokenCSS stands in for chroma's stylesheet (which internal/highlight
// makes), so that screenshots show highlighted code.
const tokenCSS = `
.chroma .k,.chroma .kn,.chroma .kr{color:#cf222e}.chroma .s2,.chroma .s1{color:#0a3069}
.chroma .mi{color:#0550ae}.chroma .nb,.chroma .nn{color:#953800}.chroma .c1{color:#59636e;font-style:italic}
[data-theme="dark"] .chroma .k,[data-theme="dark"] .chroma .kn,[data-theme="dark"] .chroma .kr{color:#ff7b72}
[data-theme="dark"] .chroma .s2,[data-theme="dark"] .chroma .s1{color:#a5d6ff}
[data-theme="dark"] .chroma .mi{color:#79c0ff}[data-theme="dark"] .chroma .nb,[data-theme="dark"] .chroma .nn{color:#ffa657}
[data-theme="dark"] .chroma .c1{color:#9198a1}`

// newHarness serves the harness page (at its URL and at /), the bundled
// theme assets (with codeCSS standing in for chroma's stylesheet) and the
// page's Markdown source, every response with the site's CSP.
func newHarness(t *testing.T, codeCSS string) *httptest.Server {
	t.Helper()
	var doc bytes.Buffer
	if err := templates.Document(harnessPage(t)).Render(context.Background(), &doc); err != nil {
		t.Fatal(err)
	}
	css := append(concat(t, "css", ".css"), codeCSS...)
	js := concat(t, "js", ".js")
	favicon, err := os.ReadFile("../static/favicon.svg")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]struct {
		typ  string
		body []byte
	}{
		"/":                               {"text/html; charset=utf-8", doc.Bytes()},
		"/reference/rate-limits/":         {"text/html; charset=utf-8", doc.Bytes()},
		"/reference/rate-limits/index.md": {"text/markdown; charset=utf-8", []byte(harnessMarkdown)},
		"/assets/style.css":               {"text/css; charset=utf-8", css},
		"/assets/app.js":                  {"text/javascript; charset=utf-8", js},
		"/favicon.svg":                    {"image/svg+xml", favicon},
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Security-Policy", csp)
		w.Header().Set("Content-Type", f.typ)
		w.Write(f.body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

const (
	selectedTabs  = `Array.from(document.querySelectorAll("[data-tabs]"), g => g.querySelector('[aria-selected="true"]').dataset.tab + (document.getElementById(g.querySelector('[aria-selected="true"]').getAttribute("aria-controls")).hidden ? "(hidden)" : "")).join(",")`
	visiblePanels = `String(document.querySelectorAll(".tab-panel:not([hidden])").length)`
	lastCopied    = `String(window.__copied[window.__copied.length - 1])`
)

func TestBrowser(t *testing.T) {
	srv := newHarness(t, tokenCSS)
	browser := startBrowser(t)
	pageURL := srv.URL + "/reference/rate-limits/"

	t.Run("copy code without line numbers", func(t *testing.T) {
		tb := newTab(t, browser)
		first := `figure.code .code-copy`
		tb.Run(t, chromedp.Navigate(pageURL), chromedp.Click(chromedp.CSS(first)))
		tb.WaitFor(t, lastCopied, copiedCode)
		tb.WaitFor(t, `document.querySelector("`+first+`").textContent`, "Copied")
		tb.WaitFor(t, `String(document.querySelector("`+first+`").hasAttribute("data-copied"))`, "true")
		tb.WaitFor(t, `document.querySelector("[aria-live]").textContent`, "Copied to the clipboard")
		// The label comes back (after 2 s).
		tb.WaitFor(t, `document.querySelector("`+first+`").textContent`, "Copy")
		tb.CheckClean(t)
	})

	t.Run("copy falls back without the clipboard API", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.Run(t, chromedp.Navigate(pageURL))
		browsertest.Eval[string](t, tb, `Object.defineProperty(navigator, "clipboard", {value: undefined}), ""`)
		tb.Run(t, chromedp.Click(chromedp.CSS(`#tabs-1-1-panel .code-copy`)))
		tb.WaitFor(t, lastCopied, "execCommand:client = acme.Client(max_retries=3)")
		tb.WaitFor(t, `document.querySelector("#tabs-1-1-panel .code-copy").textContent`, "Copied")
		tb.WaitFor(t, `String(document.querySelectorAll("textarea").length)`, "0")
		tb.CheckClean(t)
	})

	t.Run("copy page from the page actions menu", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.Run(t, chromedp.Navigate(pageURL), chromedp.Click(chromedp.CSS(`[data-page-actions] summary`)),
			chromedp.Click(chromedp.CSS(`[data-copy-source]`)))
		tb.WaitFor(t, lastCopied, harnessMarkdown)
		tb.WaitFor(t, `document.querySelector("[data-copy-source]").textContent`, "Copied")
		tb.CheckClean(t)
	})

	t.Run("tabs switch, sync and persist", func(t *testing.T) { browserTabs(t, browser, pageURL) })

	t.Run("theme toggle switches and persists", func(t *testing.T) { browserTheme(t, browser, pageURL) })

	t.Run("table of contents follows the reader", func(t *testing.T) { browserTOC(t, browser, pageURL) })

	t.Run("menu at 360px", func(t *testing.T) { browserMenu(t, browser, pageURL) })

	t.Run("without JavaScript", func(t *testing.T) { browserNoScript(t, browser, pageURL) })

	t.Run("screenshots", func(t *testing.T) {
		tb := newTab(t, browser)
		for _, theme := range []string{"light", "dark"} {
			tb.Run(t, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(pageURL))
			browsertest.Eval[string](t, tb, `localStorage.setItem("docsgen.theme", "`+theme+`"), ""`)
			tb.Run(t, chromedp.Reload())
			tb.WaitFor(t, `document.documentElement.dataset.theme`, theme)
			screenshot(t, tb, "desktop-1280-"+theme, false)
			screenshot(t, tb, "desktop-1280-"+theme+"-full", true)
			tb.Run(t, chromedp.EmulateViewport(360, 740), chromedp.Reload())
			tb.WaitFor(t, `String(document.documentElement.scrollWidth <= innerWidth)`, "true")
			screenshot(t, tb, "mobile-360-"+theme, true)
		}
		tb.CheckClean(t)
	})
}

// browserTabs is the subtest "tabs switch, sync and persist" of TestBrowser.
func browserTabs(t *testing.T, browser context.Context, pageURL string) {
	tb := newTab(t, browser)
	tb.Run(t, chromedp.Navigate(pageURL))
	tb.WaitFor(t, selectedTabs, "Python,Python")
	tb.WaitFor(t, visiblePanels, "2")

	tb.Run(t, chromedp.Click(chromedp.CSS(`#tabs-1-2`)))
	tb.WaitFor(t, selectedTabs, "Node.js,Node.js")
	tb.WaitFor(t, visiblePanels, "2")
	tb.WaitFor(t, `localStorage.getItem("docsgen.tab")`, "Node.js")

	// Keyboard, in the first group: cURL exists only there.
	tb.Run(t, chromedp.KeyEvent(kb.ArrowRight))
	tb.WaitFor(t, selectedTabs, "cURL,Node.js")
	tb.WaitFor(t, `document.activeElement.id`, "tabs-1-3")
	tb.WaitFor(t, `document.getElementById("tabs-1-3").tabIndex + "/" + document.getElementById("tabs-1-1").tabIndex`, "0/-1")
	tb.Run(t, chromedp.KeyEvent(kb.ArrowRight)) // wraps around
	tb.WaitFor(t, selectedTabs, "Python,Python")
	tb.Run(t, chromedp.KeyEvent(kb.End))
	tb.WaitFor(t, selectedTabs, "cURL,Python")
	tb.Run(t, chromedp.KeyEvent(kb.Home))
	tb.WaitFor(t, selectedTabs, "Python,Python")
	tb.Run(t, chromedp.KeyEvent(kb.ArrowLeft))
	tb.WaitFor(t, selectedTabs, "cURL,Python")

	// A choice made in the second group survives a reload.
	tb.Run(t, chromedp.Click(chromedp.CSS(`#tabs-2-2`)))
	tb.WaitFor(t, selectedTabs, "Node.js,Node.js")
	tb.Run(t, chromedp.Reload())
	tb.WaitFor(t, selectedTabs, "Node.js,Node.js")
	tb.WaitFor(t, `document.getElementById("tabs-1-1-panel").hidden + "," + document.getElementById("tabs-1-2").getAttribute("aria-selected")`, "true,true")
	tb.CheckClean(t)
}

// browserTheme is the subtest "theme toggle switches and persists" of TestBrowser.
func browserTheme(t *testing.T, browser context.Context, pageURL string) {
	tb := newTab(t, browser)
	tb.Run(t, chromedp.Navigate(pageURL))
	toggle := `document.querySelector("[data-theme-toggle]")`
	start := browsertest.Eval[string](t, tb, `document.documentElement.dataset.theme`)
	if start != "light" && start != "dark" {
		t.Fatalf("data-theme before any choice = %q, want light or dark", start)
	}
	other := map[string]string{"light": "dark", "dark": "light"}[start]
	tb.WaitFor(t, toggle+`.getAttribute("aria-pressed")`, fmt.Sprint(start == "dark"))

	tb.Run(t, chromedp.Click(chromedp.CSS(`[data-theme-toggle]`)))
	tb.WaitFor(t, `document.documentElement.dataset.theme`, other)
	tb.WaitFor(t, `localStorage.getItem("docsgen.theme")`, other)
	tb.WaitFor(t, toggle+`.getAttribute("aria-pressed")`, fmt.Sprint(other == "dark"))
	bg := browsertest.Eval[string](t, tb, `getComputedStyle(document.body).backgroundColor`)

	tb.Run(t, chromedp.Reload())
	tb.WaitFor(t, `document.documentElement.dataset.theme`, other)
	tb.WaitFor(t, toggle+`.getAttribute("aria-pressed")`, fmt.Sprint(other == "dark"))
	tb.WaitFor(t, `getComputedStyle(document.body).backgroundColor`, bg)

	tb.Run(t, chromedp.Click(chromedp.CSS(`[data-theme-toggle]`)))
	tb.WaitFor(t, `document.documentElement.dataset.theme`, start)
	tb.WaitFor(t, `localStorage.getItem("docsgen.theme")`, start)
	tb.CheckClean(t)
}

// browserTOC is the subtest "table of contents follows the reader" of TestBrowser.
func browserTOC(t *testing.T, browser context.Context, pageURL string) {
	tb := newTab(t, browser)
	tb.Run(t, chromedp.EmulateViewport(1280, 600), chromedp.Navigate(pageURL))
	current := `(document.querySelector('.toc a[aria-current="true"]') || {}).hash || "none"`
	tb.WaitFor(t, current, "#handling-errors")
	// A jump that carries a heading from below the viewport to above it
	// in one step (no intersection change of its own) still updates.
	browsertest.Eval[string](t, tb, `scrollTo(0, document.getElementById("error-codes").getBoundingClientRect().top + scrollY + 80), ""`)
	tb.WaitFor(t, `String(document.getElementById("error-codes").getBoundingClientRect().bottom < 0)`, "true")
	tb.WaitFor(t, current, "#error-codes")
	browsertest.Eval[string](t, tb, `scrollTo(0, 0), ""`)
	tb.WaitFor(t, current, "#handling-errors")
	browsertest.Eval[string](t, tb, `document.getElementById("error-codes").scrollIntoView(), ""`)
	tb.WaitFor(t, current, "#error-codes")
	tb.WaitFor(t, `String(document.querySelectorAll('.toc a[aria-current]').length)`, "1")
	browsertest.Eval[string](t, tb, `scrollTo(0, document.documentElement.scrollHeight), ""`)
	tb.WaitFor(t, current, "#checklist")
	tb.CheckClean(t)
}

// browserMenu is the subtest "menu at 360px" of TestBrowser.
func browserMenu(t *testing.T, browser context.Context, pageURL string) {
	tb := newTab(t, browser)
	tb.Run(t, chromedp.EmulateViewport(360, 740), chromedp.Navigate(pageURL))
	sidebar := `document.getElementById("docsgen-sidebar")`
	visible := `String(getComputedStyle(` + sidebar + `).visibility === "visible" && ` + sidebar + `.getBoundingClientRect().left >= 0)`
	tb.WaitFor(t, `String(document.documentElement.scrollWidth <= innerWidth)`, "true")
	tb.WaitFor(t, visible, "false")
	tb.WaitFor(t, `String(getComputedStyle(document.querySelector(".toc")).display)`, "none")

	tb.Run(t, chromedp.Click(chromedp.CSS(`[data-menu-toggle]`)))
	tb.WaitFor(t, `document.querySelector("[data-menu-toggle]").getAttribute("aria-expanded")`, "true")
	tb.WaitFor(t, visible, "true")
	tb.WaitFor(t, `document.activeElement.getAttribute("aria-current")`, "page")
	screenshot(t, tb, "mobile-360-menu", false)

	tb.Run(t, chromedp.KeyEvent(kb.Escape))
	tb.WaitFor(t, `document.querySelector("[data-menu-toggle]").getAttribute("aria-expanded")`, "false")
	tb.WaitFor(t, visible, "false")
	tb.WaitFor(t, `String(document.activeElement.hasAttribute("data-menu-toggle"))`, "true")

	// A click outside the open sidebar closes it too.
	tb.Run(t, chromedp.Click(chromedp.CSS(`[data-menu-toggle]`)))
	tb.WaitFor(t, visible, "true")
	tb.Run(t, chromedp.MouseClickXY(340, 400))
	tb.WaitFor(t, `document.querySelector("[data-menu-toggle]").getAttribute("aria-expanded")`, "false")
	tb.CheckClean(t)
}

// browserNoScript is the subtest "without JavaScript" of TestBrowser.
func browserNoScript(t *testing.T, browser context.Context, pageURL string) {
	tb := newTab(t, browser)
	noScript := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	tb.Run(t, chromedp.EmulateViewport(360, 740), noScript, chromedp.Navigate(pageURL))
	// Evaluate runs even with page scripts off; it only reads styles.
	display := func(sel string) string {
		return `Array.from(document.querySelectorAll('` + sel + `'), e => getComputedStyle(e).display).join(",")`
	}
	tb.WaitFor(t, `String(document.documentElement.hasAttribute("data-theme"))`, "false")
	tb.WaitFor(t, `getComputedStyle(document.getElementById("docsgen-sidebar")).visibility`, "visible")
	tb.WaitFor(t, display(".menu-button, .theme-toggle, .search-button, .tab-list"), "none,none,none,none,none")
	tb.WaitFor(t, display(".tab-panel"), "block,block,block,block,block")
	tb.WaitFor(t, `String(document.documentElement.scrollWidth <= innerWidth)`, "true")
}
