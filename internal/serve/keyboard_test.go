package serve

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"docsgen/internal/browsertest"
)

// The keyboard tests tab through every page of the real site in Chromium
// and drive, by keyboard alone, every control that needs more than Tab.

// controlsJS lists, and numbers in window.__controls, every control a
// keyboard user must reach by Tab on the current page: links, buttons,
// fields, <summary> toggles and everything with tabindex >= 0 that is
// rendered and visible. Tabs outside the selected one (tabindex -1) are
// reached with the arrow keys instead; keyboardSteps tests that. It also
// starts recording, in window.__focused, the number of each control that
// gets focus (-1 for anything else).
const controlsJS = `(function () {
  var sel = "a[href], button, input, select, textarea, summary, [tabindex]";
  var list = [];
  document.querySelectorAll(sel).forEach(function (e) {
    if (e.tabIndex < 0 || e.disabled || e.closest("[inert]")) return;
    // Hidden, in a closed <details> or under visibility: hidden.
    if (!e.checkVisibility({ visibilityProperty: true })) return;
    list.push(e);
  });
  window.__controls = list;
  window.__focused = [];
  if (!window.__recording) {
    window.__recording = true;
    document.addEventListener("focusin", function (ev) {
      window.__focused.push(window.__controls.indexOf(ev.target));
    });
  }
  return list.map(function (e) {
    var kind = e.matches(".skip-link") ? "skip link"
      : e.closest(".header-links") ? "header link"
      : e.matches(".site-title") ? "site title"
      : e.matches("[data-search-open]") ? "search button"
      : e.matches("[data-theme-toggle]") ? "theme toggle"
      : e.matches("[data-menu-toggle]") ? "menu button"
      : e.matches(".sidebar summary") ? "sidebar toggle"
      : e.closest(".sidebar") ? "sidebar link"
      : e.closest(".toc") ? "toc link"
      : e.matches("[role=tab]") ? "tab"
      : e.matches(".code-copy, [data-copy-source]") ? "copy button"
      : e.matches("[data-filter-query]") ? "filter input"
      : e.matches("[data-filter-category]") ? "filter chip"
      : e.matches("[data-filter-toggle]") ? "filter toggle"
      : e.closest(".pager") ? "pagination link"
      : e.matches(".anchor") ? "heading anchor"
      : e.closest(".breadcrumbs") ? "breadcrumb"
      : e.closest(".site-footer") ? "footer link"
      : e.tagName.toLowerCase();
    var name = (e.getAttribute("aria-label") || e.textContent || e.value || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return kind + "|" + e.tagName.toLowerCase() + " " + (e.getAttribute("href") || "") + " \"" + name + "\"";
  });
})()`

// tabThrough presses Tab n times and returns the numbers of the controls
// that got focus, in order.
func tabThrough(t *testing.T, ctx context.Context, n int) []int {
	t.Helper()
	keys := make([]chromedp.Action[chromedp.Void], n)
	for i := range keys {
		keys[i] = chromedp.KeyEvent(kb.Tab)
	}
	if err := chromedp.Do(ctx, keys...); err != nil {
		t.Fatal(err)
	}
	return eval[[]int](t, ctx, `window.__focused`)
}

// unreached returns the controls never focused.
func unreached(controls []string, focused []int) []string {
	seen := map[int]bool{}
	for _, i := range focused {
		seen[i] = true
	}
	var out []string
	for i, c := range controls {
		if !seen[i] {
			out = append(out, c)
		}
	}
	return out
}

// pressUntil presses Tab until the focused element matches js, at most
// limit times.
func pressUntil(t *testing.T, ctx context.Context, js string, limit int) {
	t.Helper()
	for i := 0; i < limit; i++ {
		if eval[bool](t, ctx, `(function (e) { return !!e && `+js+`; })(document.activeElement)`) {
			return
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
	}
	t.Fatalf("%d Tab presses never reached %s", limit, js)
}

func key(t *testing.T, ctx context.Context, k string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(k)); err != nil {
		t.Fatal(err)
	}
}

// TestKeyboardReachesEveryControl tabs through every page of the real site
// and checks that Tab alone focuses every control, and that every kind of
// control the theme has is among them.
func TestKeyboardReachesEveryControl(t *testing.T) {
	ls := startRealSite(t)
	ctx := browsertest.New(t, browsertest.Options{})
	kinds := map[string]int{}
	for _, u := range sitePages(t, ls) {
		if err := chromedp.Do(ctx, chromedp.Navigate(ls.base+u)); err != nil {
			t.Fatal(err)
		}
		settle(t, ctx)
		controls := eval[[]string](t, ctx, controlsJS)
		focused := tabThrough(t, ctx, len(controls)+2)
		if missed := unreached(controls, focused); len(missed) > 0 {
			t.Errorf("%s: Tab never reaches %d of %d controls:\n  %s", u, len(missed), len(controls), strings.Join(missed, "\n  "))
		}
		for _, i := range focused {
			if i >= 0 {
				kinds[strings.SplitN(controls[i], "|", 2)[0]]++
			}
		}
	}
	for _, k := range []string{"skip link", "header link", "search button", "theme toggle", "sidebar link", "sidebar toggle", "toc link", "tab", "copy button", "filter input", "filter chip", "filter toggle", "pagination link", "heading anchor", "footer link"} {
		if kinds[k] == 0 {
			t.Errorf("no %s was reached by Tab on any page (reached: %v)", k, kinds)
		}
	}
}

// TestKeyboardSteps drives the controls that need more than Tab: the skip
// link, sidebar groups, code tabs (arrow keys), the theme toggle, the search
// dialog and, at 360 px, the menu.
func TestKeyboardSteps(t *testing.T) {
	ls := startRealSite(t)

	t.Run("desktop", func(t *testing.T) {
		ctx := browsertest.New(t, browsertest.Options{})
		open := func(u string) {
			t.Helper()
			if err := chromedp.Do(ctx, chromedp.Navigate(ls.base+u)); err != nil {
				t.Fatal(err)
			}
			settle(t, ctx)
		}

		keySkipLink(t, ctx, open)
		keyCodeTabs(t, ctx, open)
		keySidebarAndTheme(t, ctx, open)
		keySearch(t, ctx, open)
		keyErrorFilter(t, ctx, open)
	})

	t.Run("360px menu", func(t *testing.T) { keyMenu(t, ls) })
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	var n int
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// keySkipLink: the first Tab shows the skip link, Enter moves focus to
// the main content and the next Tab stays inside it.
func keySkipLink(t *testing.T, ctx context.Context, open func(string)) {
	open("/writing-docs/code-blocks/")
	key(t, ctx, kb.Tab)
	if !eval[bool](t, ctx, `document.activeElement.matches(".skip-link") && document.activeElement.getBoundingClientRect().top >= 0`) {
		t.Fatal("the first Tab does not show the skip link")
	}
	key(t, ctx, kb.Enter)
	waitFor(t, ctx, `document.activeElement.id === "docsgen-main"`)
	// The next Tab continues inside the page, not back at the header.
	key(t, ctx, kb.Tab)
	if eval[bool](t, ctx, `!document.getElementById("docsgen-main").contains(document.activeElement)`) {
		t.Errorf("after the skip link, Tab went to %s", eval[string](t, ctx, `document.activeElement.outerHTML.slice(0, 80)`))
	}
}

// keyCodeTabs: Tab reaches the selected code tab, the arrow keys, Home
// and End select the others, Tab leaves for the panel.
func keyCodeTabs(t *testing.T, ctx context.Context, open func(string)) {
	open("/writing-docs/code-blocks/")
	pressUntil(t, ctx, `e.getAttribute("role") === "tab"`, 200)
	tabState := `(function () { var e = document.activeElement, l = Array.from(e.closest("[role=tablist]").querySelectorAll("[role=tab]")); return l.indexOf(e) + "/" + l.length + ":" + e.getAttribute("aria-selected") + ":" + !document.getElementById(e.getAttribute("aria-controls")).hidden; })()`
	n := eval[string](t, ctx, tabState)
	if !strings.HasPrefix(n, "0/") || !strings.HasSuffix(n, ":true:true") {
		t.Fatalf("the first tab reached: %s", n)
	}
	count := strings.Split(strings.SplitN(n, "/", 2)[1], ":")[0]
	for _, step := range []struct{ key, want string }{
		{kb.ArrowRight, "1/" + count + ":true:true"},
		{kb.ArrowLeft, "0/" + count + ":true:true"},
		{kb.End, fmt.Sprintf("%d/%s:true:true", atoi(t, count)-1, count)},
		{kb.Home, "0/" + count + ":true:true"},
		{kb.ArrowLeft, fmt.Sprintf("%d/%s:true:true", atoi(t, count)-1, count)},
	} {
		key(t, ctx, step.key)
		if got := eval[string](t, ctx, tabState); got != step.want {
			t.Errorf("after %q: %s, want %s", step.key, got, step.want)
		}
	}
	// Tab leaves the tab list for its panel.
	key(t, ctx, kb.Tab)
	if !eval[bool](t, ctx, `document.activeElement.getAttribute("role") === "tabpanel"`) {
		t.Errorf("Tab from a tab went to %s, not its panel", eval[string](t, ctx, `document.activeElement.outerHTML.slice(0, 80)`))
	}
}

// keySidebarAndTheme: Enter and Space toggle a sidebar group, Enter the
// theme.
func keySidebarAndTheme(t *testing.T, ctx context.Context, open func(string)) {
	// Sidebar groups open and close from the keyboard.
	open("/")
	pressUntil(t, ctx, `e.matches(".sidebar summary")`, 100)
	was := eval[bool](t, ctx, `document.activeElement.parentElement.open`)
	key(t, ctx, kb.Enter)
	if got := eval[bool](t, ctx, `document.activeElement.parentElement.open`); got == was {
		t.Error("Enter on a sidebar group's summary does not toggle it")
	}
	key(t, ctx, " ")
	if got := eval[bool](t, ctx, `document.activeElement.parentElement.open`); got != was {
		t.Error("Space on a sidebar group's summary does not toggle it")
	}

	// The theme toggle works from the keyboard.
	pressUntil(t, ctx, `e.matches("[data-theme-toggle]")`, 100)
	before := eval[string](t, ctx, `document.documentElement.dataset.theme`)
	key(t, ctx, kb.Enter)
	if after := eval[string](t, ctx, `document.documentElement.dataset.theme`); after == before {
		t.Error("Enter on the theme toggle does not switch the theme")
	}
}

// keySearch: the search dialog opens, picks a result and closes by
// keyboard.
func keySearch(t *testing.T, ctx context.Context, open func(string)) {
	// Search: the button opens the dialog with focus in the field; the
	// arrow keys pick a result, Tab reaches the close button, Escape
	// closes and gives focus back.
	open("/")
	pressUntil(t, ctx, `e.matches("[data-search-open]")`, 100)
	key(t, ctx, kb.Enter)
	waitFor(t, ctx, `document.activeElement.id === "docsgen-search-q"`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent("retry")); err != nil {
		t.Fatal(err)
	}
	// Each letter runs a query; wait for the list of the whole word,
	// or a late one would reset the selection after ArrowDown.
	waitFor(t, ctx, `document.getElementById("docsgen-search-results").getAttribute("data-query") === "retry" && document.querySelectorAll(".search-hit").length > 1`)
	key(t, ctx, kb.ArrowDown)
	if got := eval[string](t, ctx, `document.getElementById("docsgen-search-q").getAttribute("aria-activedescendant")`); got != "docsgen-search-opt-1" {
		t.Errorf("ArrowDown made %q the active result", got)
	}
	key(t, ctx, kb.Tab)
	if !eval[bool](t, ctx, `document.activeElement.matches(".search-close")`) {
		t.Errorf("Tab from the search field went to %s", eval[string](t, ctx, `document.activeElement.outerHTML.slice(0, 80)`))
	}
	key(t, ctx, kb.Escape)
	waitFor(t, ctx, `!document.querySelector("dialog[open]") && document.activeElement.matches("[data-search-open]")`)
}

// keyErrorFilter: the error filter is typed into and its toggles pressed
// by keyboard.
func keyErrorFilter(t *testing.T, ctx context.Context, open func(string)) {
	// The error filter: typed into, chips and toggles pressed by keyboard.
	open("/reference/errors/")
	pressUntil(t, ctx, `e.matches("[data-filter-query]")`, 100)
	if err := chromedp.Do(ctx, chromedp.KeyEvent("429")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `location.search === "?q=429"`)
	pressUntil(t, ctx, `e.matches("[data-filter-toggle]")`, 20)
	key(t, ctx, " ")
	if got := eval[string](t, ctx, `document.activeElement.getAttribute("aria-pressed")`); got != "true" {
		t.Errorf("Space on a filter toggle: aria-pressed %q", got)
	}
}

// keyMenu: at 360 px Tab reaches every control, and the menu opens,
// is walked with Tab and Shift+Tab, and closes by keyboard.
func keyMenu(t *testing.T, ls *liveSite) {
	ctx := browsertest.New(t, browsertest.Options{Width: 360, Height: 740})
	if err := chromedp.Do(ctx, chromedp.Navigate(ls.base+"/reference/errors/")); err != nil {
		t.Fatal(err)
	}
	settle(t, ctx)
	controls := eval[[]string](t, ctx, controlsJS)
	if missed := unreached(controls, tabThrough(t, ctx, len(controls)+2)); len(missed) > 0 {
		t.Errorf("at 360 px Tab never reaches:\n  %s", strings.Join(missed, "\n  "))
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(ls.base+"/reference/errors/")); err != nil {
		t.Fatal(err)
	}
	settle(t, ctx)
	pressUntil(t, ctx, `e.matches("[data-menu-toggle]")`, 5)
	key(t, ctx, kb.Enter)
	waitFor(t, ctx, `document.querySelector("[data-menu-toggle]").getAttribute("aria-expanded") === "true" && document.getElementById("docsgen-sidebar").contains(document.activeElement)`)
	time.Sleep(300 * time.Millisecond) // the panel slides in
	// Every sidebar control is reachable while the menu is open.
	side := eval[[]string](t, ctx, strings.Replace(controlsJS, `document.querySelectorAll(sel)`, `document.getElementById("docsgen-sidebar").querySelectorAll(sel)`, 1))
	if len(side) < 5 {
		t.Fatalf("the open menu shows %d controls", len(side))
	}
	// Opening focuses the current page's link: Tab from there reaches
	// the controls after it, Shift+Tab (after opening again) those
	// before it.
	eval[any](t, ctx, `window.__focused = []; null`)
	forward := tabThrough(t, ctx, len(side))
	if err := chromedp.Do(ctx, chromedp.Navigate(ls.base+"/reference/errors/")); err != nil {
		t.Fatal(err)
	}
	settle(t, ctx)
	pressUntil(t, ctx, `e.matches("[data-menu-toggle]")`, 5)
	key(t, ctx, kb.Enter)
	waitFor(t, ctx, `document.getElementById("docsgen-sidebar").contains(document.activeElement)`)
	time.Sleep(300 * time.Millisecond)
	if again := eval[[]string](t, ctx, strings.Replace(controlsJS, `document.querySelectorAll(sel)`, `document.getElementById("docsgen-sidebar").querySelectorAll(sel)`, 1)); !slices.Equal(again, side) {
		t.Fatalf("the menu shows other controls the second time: %v", again)
	}
	eval[any](t, ctx, `window.__focused = [window.__controls.indexOf(document.activeElement)]; null`)
	for i := 0; i < len(side); i++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift))); err != nil {
			t.Fatal(err)
		}
	}
	backward := eval[[]int](t, ctx, `window.__focused`)
	if missed := unreached(side, append(forward, backward...)); len(missed) > 0 {
		t.Errorf("in the open menu Tab and Shift+Tab never reach:\n  %s", strings.Join(missed, "\n  "))
	}
	// Escape closes the menu and returns focus to its button.
	if err := chromedp.Do(ctx, chromedp.Navigate(ls.base+"/reference/errors/")); err != nil {
		t.Fatal(err)
	}
	settle(t, ctx)
	pressUntil(t, ctx, `e.matches("[data-menu-toggle]")`, 5)
	key(t, ctx, kb.Enter)
	waitFor(t, ctx, `document.getElementById("docsgen-sidebar").contains(document.activeElement)`)
	key(t, ctx, kb.Escape)
	waitFor(t, ctx, `document.querySelector("[data-menu-toggle]").getAttribute("aria-expanded") === "false" && document.activeElement.matches("[data-menu-toggle]")`)
}
