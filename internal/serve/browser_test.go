package serve

import (
	"context"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"docsgen/internal/browsertest"
	"docsgen/internal/site"
)

// These tests drive the real site, built from the repository's content/
// and static/ (copied to a temp folder so edits never touch the repo), in
// headless Chromium through the preview server.

type liveSite struct {
	srv     *Server
	base    string
	content string
	static  string
}

func copyTree(t testing.TB, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func startRealSite(t testing.TB) *liveSite {
	t.Helper()
	ls := buildRealSite(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	wait, err := ls.srv.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { ls.srv.Serve(ctx, ln); close(done) }()
	t.Cleanup(func() { cancel(); <-done; wait() })
	ls.base = "http://" + ln.Addr().String()
	return ls
}

// buildRealSite builds a copy of the real site in a server that neither
// watches nor listens yet.
func buildRealSite(t testing.TB) *liveSite {
	t.Helper()
	dir := t.TempDir()
	ls := &liveSite{content: filepath.Join(dir, "content"), static: filepath.Join(dir, "static")}
	copyTree(t, "../../content", ls.content)
	copyTree(t, "../../static", ls.static)
	ls.srv = New(Config{Build: site.Options{
		Content:    os.DirFS(ls.content),
		ContentDir: ls.content,
		Static:     os.DirFS(ls.static),
	}, StaticDir: ls.static})
	if err := ls.srv.Build(context.Background(), site.Changes{}); err != nil {
		t.Fatal(err)
	}
	if st := ls.srv.broker.current(); len(st.Problems) > 0 {
		t.Fatalf("the real site has build errors: %+v", st.Problems)
	}
	return ls
}

func (ls *liveSite) edit(t testing.TB, rel, old, new string) {
	t.Helper()
	p := filepath.Join(ls.content, rel)
	if strings.HasPrefix(rel, "static/") {
		p = filepath.Join(ls.static, strings.TrimPrefix(rel, "static/"))
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", rel, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (ls *liveSite) appendFile(t testing.TB, rel, text string) {
	t.Helper()
	p := filepath.Join(ls.static, strings.TrimPrefix(rel, "static/"))
	f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(text)
	f.Close()
}

func eval[T any](t testing.TB, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it is true.
func waitFor(t testing.TB, ctx context.Context, js string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", js)
}

func TestBrowserCopyTabsTheme(t *testing.T) {
	ls := startRealSite(t)
	ctx := browsertest.New(t, browsertest.Options{})
	page := ls.base + "/writing-docs/code-blocks/"
	if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}

	t.Run("copy button", func(t *testing.T) {
		eval[any](t, ctx, `navigator.clipboard.writeText = function (s) { window.__copied = s; return Promise.resolve(); }; null`)
		want := eval[string](t, ctx, `(function () {
			var code = document.querySelector("figure.code").querySelector("code").cloneNode(true);
			code.querySelectorAll(".ln").forEach(function (n) { n.remove(); });
			return code.textContent;
		})()`)
		eval[any](t, ctx, `document.querySelector("figure.code").querySelector(".code-copy").click(); null`)
		waitFor(t, ctx, `typeof window.__copied === "string"`)
		// The button copies the code as shown, without the final newline.
		want = strings.TrimSuffix(want, "\n")
		if got := eval[string](t, ctx, `window.__copied`); got != want || got == "" {
			t.Fatalf("copied %q, want %q", got, want)
		}
	})

	t.Run("tabs stay in sync and persist", func(t *testing.T) {
		groups := eval[int](t, ctx, `document.querySelectorAll("[data-tabs]").length`)
		if groups < 2 {
			t.Fatalf("the code-blocks page needs two tab groups to test sync, has %d", groups)
		}
		label := eval[string](t, ctx, `document.querySelectorAll("[data-tabs] [role=tab]")[1].dataset.tab`)
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("[data-tabs] [role=tab]")[1].click()`)); err != nil {
			t.Fatal(err)
		}
		check := `Array.from(document.querySelectorAll("[data-tabs]")).every(function (g) {
			var tab = g.querySelector('[role=tab][data-tab="` + label + `"]');
			return !tab || (tab.getAttribute("aria-selected") === "true" && !document.getElementById(tab.getAttribute("aria-controls")).hidden);
		})`
		waitFor(t, ctx, check)
		if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, check)
	})

	t.Run("theme toggle persists", func(t *testing.T) {
		before := eval[string](t, ctx, `document.documentElement.dataset.theme`)
		eval[any](t, ctx, `document.querySelector("[data-theme-toggle]").click(); null`)
		after := eval[string](t, ctx, `document.documentElement.dataset.theme`)
		if after == before || (after != "dark" && after != "light") {
			t.Fatalf("theme %q -> %q", before, after)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(ls.base+"/")); err != nil {
			t.Fatal(err)
		}
		if got := eval[string](t, ctx, `document.documentElement.dataset.theme`); got != after {
			t.Fatalf("theme after navigation %q, want %q", got, after)
		}
	})
}

func TestBrowserMobileMenu(t *testing.T) {
	ls := startRealSite(t)
	ctx := browsertest.New(t, browsertest.Options{Width: 360, Height: 740})
	if err := chromedp.Do(ctx, chromedp.Navigate(ls.base+"/reference/errors/")); err != nil {
		t.Fatal(err)
	}
	visible := `(function () { var r = document.getElementById("docsgen-sidebar").getBoundingClientRect(); return r.right > 0 && r.left < innerWidth && getComputedStyle(document.getElementById("docsgen-sidebar")).visibility !== "hidden"; })()`
	if eval[bool](t, ctx, visible) {
		t.Fatal("sidebar visible before the menu opens at 360 px")
	}
	if eval[bool](t, ctx, `document.documentElement.scrollWidth > innerWidth`) {
		t.Error("the page scrolls sideways at 360 px")
	}
	if err := chromedp.Do(ctx, chromedp.Click("[data-menu-toggle]")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, visible)
	if got := eval[string](t, ctx, `document.querySelector("[data-menu-toggle]").getAttribute("aria-expanded")`); got != "true" {
		t.Fatalf("aria-expanded %q", got)
	}
}

func TestBrowserLiveReload(t *testing.T) {
	ls := startRealSite(t)
	ctx := browsertest.New(t, browsertest.Options{})
	if err := chromedp.Do(ctx, chromedp.Navigate(ls.base+"/reference/rate-limits/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `document.querySelector('link[data-docsgen-live]') !== null`)
	eval[any](t, ctx, `window.__marker = 1; null`)

	t.Run("edit appears without a manual reload", func(t *testing.T) {
		ls.edit(t, "reference/rate-limits.md", "\n## ", "\nLive edit marker 7731.\n\n## ")
		waitFor(t, ctx, `document.body.textContent.includes("Live edit marker 7731.")`)
	})

	t.Run("css edit applies without a reload", func(t *testing.T) {
		eval[any](t, ctx, `window.__marker = 2; null`)
		ls.appendFile(t, "static/css/00-base.css", "\nbody{outline:7px solid rgb(1, 2, 3)}\n")
		waitFor(t, ctx, `getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)"`)
		if got := eval[int](t, ctx, `window.__marker || 0`); got != 2 {
			t.Fatal("the page reloaded for a stylesheet edit")
		}
	})

	t.Run("error overlay appears and clears", func(t *testing.T) {
		ls.edit(t, "reference/rate-limits.md", "---\n", "---\nnotakey: 1\n")
		waitFor(t, ctx, `document.getElementById("docsgen-error-overlay") !== null`)
		text := eval[string](t, ctx, `document.getElementById("docsgen-error-overlay").textContent`)
		if !strings.Contains(text, "rate-limits.md:2:1") || !strings.Contains(text, "notakey") {
			t.Fatalf("overlay text %q", text)
		}
		ls.edit(t, "reference/rate-limits.md", "notakey: 1\n", "")
		waitFor(t, ctx, `document.getElementById("docsgen-error-overlay") === null`)
	})
}

// TestBrowserErrorFilter drives the filter on the real Error Codes page.
func TestBrowserErrorFilter(t *testing.T) {
	ls := startRealSite(t)
	ctx := browsertest.New(t, browsertest.Options{})
	page := ls.base + "/reference/errors/"
	if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	visible := `Array.from(document.querySelectorAll(".error-entry, tr[data-status]")).filter(function (e) { return e.offsetParent !== null; }).map(function (e) { return e.id; }).sort().join(",")`
	all := eval[string](t, ctx, visible)
	if err := chromedp.Do(ctx, chromedp.SendKeys("#error-filter-q", "429")); err != nil {
		t.Fatal(err)
	}
	want := "rate-limit-exceeded,session-limit-reached,status-429"
	waitFor(t, ctx, visible+` === "`+want+`"`)
	waitFor(t, ctx, `location.search === "?q=429"`)

	// A shared filtered URL survives a reload.
	if err := chromedp.Do(ctx, chromedp.Navigate(page+"?q=session")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `document.getElementById("error-filter-q").value === "session"`)
	if got := eval[string](t, ctx, visible); got == all || !strings.Contains(got, "session-not-found") || strings.Contains(got, ",timeout") {
		t.Errorf("?q=session shows %s", got)
	}

	// An anchor scrolls to its entry and highlights it.
	if err := chromedp.Do(ctx, chromedp.Navigate(page+"#insufficient-credits")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `document.getElementById("insufficient-credits").classList.contains("is-target")`)
	waitFor(t, ctx, `(function () { var r = document.getElementById("insufficient-credits").getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; })()`)
}

// cspRecorder runs before every document's own scripts (through DevTools,
// so the page's CSP does not apply to it) and records CSP violations.
const cspRecorder = `(function () {
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", function (e) {
    window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
  });
})()`

// TestBrowserEveryPageUnderCSP opens every page of the real site, served
// with the production Content-Security-Policy, and fails on any CSP
// violation or console error.
func TestBrowserEveryPageUnderCSP(t *testing.T) {
	ls := startRealSite(t)
	ctx := browsertest.New(t, browsertest.Options{})
	install := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspRecorder})
		return err
	})
	if err := chromedp.Do(ctx, install); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var consoleErrors []string
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				consoleErrors = append(consoleErrors, m.String())
				mu.Unlock()
			}
		}
	}()
	snap := ls.srv.snap.Load()
	var urls []string
	for _, n := range snap.files.Names() {
		if strings.HasSuffix(n, "index.html") {
			urls = append(urls, "/"+strings.TrimSuffix(n, "index.html"))
		}
	}
	urls = append(urls, "/no-such-page/")
	if len(urls) < 10 {
		t.Fatalf("only %d pages found", len(urls))
	}
	for _, u := range urls {
		if err := chromedp.Do(ctx, chromedp.Navigate(ls.base+u)); err != nil {
			t.Fatal(err)
		}
		// Let deferred scripts and the live-reload connection run.
		waitFor(t, ctx, `document.readyState === "complete"`)
		time.Sleep(50 * time.Millisecond)
		if v := eval[[]string](t, ctx, `window.__csp`); len(v) > 0 {
			t.Errorf("%s: CSP violations: %v", u, v)
		}
	}
	time.Sleep(100 * time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	var real []string
	for _, e := range consoleErrors {
		// The 404 page's own status is logged by Chromium as a failed load.
		if strings.Contains(e, "404") {
			continue
		}
		real = append(real, e)
	}
	if len(real) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(real, "\n"))
	}
}
