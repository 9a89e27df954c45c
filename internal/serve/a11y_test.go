package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"docsgen/internal/browsertest"
)

// The accessibility tests run axe-core over every page of the real site in
// Chromium, in the light and the dark theme, at desktop width and at 360
// px, plus the states scripts create (search dialog with results, the
// mobile menu open, the error filter with no match). axe-core comes from
// npm at a pinned version; .ci/run installs it:
//
//	npm install --no-save --no-audit --no-fund --prefix "$HOME/.cache/docsgen/axe" axe-core@4.10.2
//
// $AXE_CORE may name another axe.min.js of the same version. A missing
// axe-core fails the test; it never skips.

// axeVersion is the pinned axe-core release.
const axeVersion = "4.10.2"

func axeSource(t *testing.T) string {
	t.Helper()
	p := os.Getenv("AXE_CORE")
	if p == "" {
		home, _ := os.UserHomeDir()
		p = filepath.Join(home, ".cache", "docsgen", "axe", "node_modules", "axe-core", "axe.min.js")
	}
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("accessibility tests need axe-core %s: npm install --no-save --no-audit --no-fund --prefix \"$HOME/.cache/docsgen/axe\" axe-core@%s (or set $AXE_CORE to its axe.min.js): %v", axeVersion, axeVersion, err)
	}
	return string(src)
}

// axeViolation is the part of an axe result a failure message needs.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

func (v axeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for i, n := range v.Nodes {
		if i == 5 {
			fmt.Fprintf(&b, "\n      ... and %d more", len(v.Nodes)-5)
			break
		}
		html := n.HTML
		if len(html) > 160 {
			html = html[:160] + "…"
		}
		fmt.Fprintf(&b, "\n      %v %s\n        %s", n.Target, html, strings.ReplaceAll(n.Summary, "\n", "\n        "))
	}
	return b.String()
}

// runAxe injects axe-core (through DevTools, so the page's CSP does not
// apply) and returns the violations of the current document.
func runAxe(t *testing.T, ctx context.Context, src string) []axeViolation {
	t.Helper()
	if !eval[bool](t, ctx, `typeof window.axe === "object"`) {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](src+"\n;null")); err != nil {
			t.Fatalf("injecting axe-core: %v", err)
		}
	}
	if v := eval[string](t, ctx, `axe.version`); v != axeVersion {
		t.Fatalf("axe-core %s loaded, want %s", v, axeVersion)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {resultTypes: ["violations"]}).then(function (r) { return JSON.stringify(r.violations); })`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe: %v", err)
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		t.Fatal(err)
	}
	return vs
}

func sitePages(t *testing.T, ls *liveSite) []string {
	t.Helper()
	var urls []string
	for _, n := range ls.srv.snap.Load().files.Names() {
		if strings.HasSuffix(n, "index.html") {
			urls = append(urls, "/"+strings.TrimSuffix(n, "index.html"))
		}
	}
	if len(urls) < 10 {
		t.Fatalf("only %d pages found", len(urls))
	}
	return append(urls, "/no-such-page/")
}

// settle waits for the page's deferred scripts and the theme's colours:
// axe measures contrast from computed styles, so transitions must be over.
func settle(t *testing.T, ctx context.Context) {
	t.Helper()
	waitFor(t, ctx, `document.readyState === "complete"`)
	time.Sleep(150 * time.Millisecond)
}

// TestAxeSeesAViolation proves the harness: a nameless button added to a
// page is reported.
func TestAxeSeesAViolation(t *testing.T) {
	ls := startRealSite(t)
	ctx := browsertest.New(t, browsertest.Options{})
	src := axeSource(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(ls.base+"/")); err != nil {
		t.Fatal(err)
	}
	settle(t, ctx)
	eval[any](t, ctx, `document.querySelector("main").appendChild(document.createElement("button")); null`)
	var ids []string
	for _, v := range runAxe(t, ctx, src) {
		ids = append(ids, v.ID)
	}
	if !slices.Contains(ids, "button-name") {
		t.Fatalf("axe reported %v for a nameless button, want button-name", ids)
	}
}

func TestAccessibilityAxe(t *testing.T) {
	ls := startRealSite(t)
	pages := sitePages(t, ls)
	for _, size := range []struct {
		name string
		w, h int
	}{{"desktop", 1280, 900}, {"360px", 360, 740}} {
		for _, theme := range []string{"light", "dark"} {
			t.Run(size.name+"/"+theme, func(t *testing.T) {
				// axe runs on every page of the site in one tab: allow it
				// the time a loaded machine needs for all of them.
				ctx := browsertest.New(t, browsertest.Options{Width: size.w, Height: size.h, Timeout: 5 * time.Minute})
				src := axeSource(t)
				if err := chromedp.Do(ctx, chromedp.Navigate(ls.base+"/")); err != nil {
					t.Fatal(err)
				}
				eval[any](t, ctx, `localStorage.setItem("docsgen.theme", "`+theme+`"); null`)
				check := func(where string) {
					t.Helper()
					if got := eval[string](t, ctx, `document.documentElement.dataset.theme`); got != theme {
						t.Fatalf("%s: theme %q, want %q", where, got, theme)
					}
					for _, v := range runAxe(t, ctx, src) {
						t.Errorf("%s: %s", where, v)
					}
				}
				for _, u := range pages {
					if err := chromedp.Do(ctx, chromedp.Navigate(ls.base+u)); err != nil {
						t.Fatal(err)
					}
					settle(t, ctx)
					check(u)
				}

				// States that scripts create.
				if err := chromedp.Do(ctx, chromedp.Navigate(ls.base+"/reference/errors/?q=zzzzqqq")); err != nil {
					t.Fatal(err)
				}
				settle(t, ctx)
				waitFor(t, ctx, `!document.querySelector("[data-filter-empty]").hidden`)
				check("error filter with no match")

				if size.w == 360 {
					eval[any](t, ctx, `document.querySelector("[data-menu-toggle]").click(); null`)
					waitFor(t, ctx, `document.querySelector("[data-menu-toggle]").getAttribute("aria-expanded") === "true"`)
					time.Sleep(300 * time.Millisecond)
					check("menu open")
					eval[any](t, ctx, `document.querySelector("[data-menu-toggle]").click(); null`)
				}

				eval[any](t, ctx, `document.querySelector("[data-search-open]").click(); null`)
				waitFor(t, ctx, `document.activeElement && document.activeElement.id === "docsgen-search-q"`)
				if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("docsgen-search-q"), "rate limit")); err != nil {
					t.Fatal(err)
				}
				waitFor(t, ctx, `document.querySelectorAll(".search-hit").length > 0`)
				time.Sleep(150 * time.Millisecond)
				check("search dialog with results")
			})
		}
	}
}
