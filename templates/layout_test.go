package templates_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"docsgen/templates"
)

var update = flag.Bool("update", false, "rewrite golden files")

// site is the site settings of the view models below.
var site = &templates.Site{
	Title:       "Acme API Docs",
	HeaderLinks: []templates.Link{{Title: "Status", URL: "/status/"}},
	FooterLinks: []templates.Link{{Title: "Privacy", URL: "/privacy/"}},
	StyleURL:    "/assets/style.0123abcd.css",
	ScriptURL:   "/assets/app.4567ef01.js",
	SearchURL:   "/search/",
}

// nav is a sidebar with a trimmed section (Writing docs), a nested section
// and a badge; current is the URL of the page marked current.
func nav(current string) []templates.NavItem {
	mark := func(items []templates.NavItem) []templates.NavItem {
		for i := range items {
			items[i].Current = items[i].URL == current
		}
		return items
	}
	return mark([]templates.NavItem{
		{Title: "Introduction", URL: "/"},
		{Title: "Reference", URL: "/reference/", IsSection: true, Children: mark([]templates.NavItem{
			{Title: "Error codes", URL: "/reference/errors/", Badge: "New"},
			{Title: "Limits", URL: "/reference/limits/", IsSection: true, Children: mark([]templates.NavItem{
				{Title: "Rate limits", URL: "/reference/limits/rate/"},
			})},
		})},
		{Title: "Writing docs", URL: "/writing/", IsSection: true},
	})
}

// views are the golden view models: the home page, a deep page with every
// part of the layout, and the 404 page.
func views() map[string]templates.Page {
	return map[string]templates.Page{
		"home": {
			Site: site, Title: "Acme API Docs", Description: "Build on the Acme API.", URL: "/",
			CanonicalURL: "https://docs.example.com/", Body: "<p>Welcome.</p>", Nav: nav("/"),
			Next: &templates.Link{Title: "Reference", URL: "/reference/"}, IsHome: true,
		},
		"deep": {
			Site: site, Title: "Rate limits", Description: "Requests per minute, and what 429 means.",
			URL: "/reference/limits/rate/", CanonicalURL: "https://docs.example.com/reference/limits/rate/",
			Body: `<p>Intro.</p><h2 id="window">Window<a class="anchor" href="#window"><span class="sr-only">Link to this section: Window</span></a></h2><h3 id="burst">Burst</h3><h2 id="headers">Headers</h2>`,
			Nav:  nav("/reference/limits/rate/"),
			Breadcrumbs: []templates.Link{
				{Title: "Home", URL: "/"}, {Title: "Reference", URL: "/reference/"}, {Title: "Limits", URL: "/reference/limits/"},
				{Title: "Rate limits", URL: "/reference/limits/rate/"},
			},
			TOC: []templates.TOCItem{
				{ID: "window", Text: "Window", Children: []templates.TOCItem{{ID: "burst", Text: "Burst"}}},
				{ID: "headers", Text: "Headers"},
			},
			Prev:        &templates.Link{Title: "Error codes", URL: "/reference/errors/"},
			Next:        &templates.Link{Title: "Writing docs", URL: "/writing/"},
			LastUpdated: "2026-11-24",
			EditURL:     "https://github.com/acme/docs/edit/main/content/reference/limits/rate.md",
			SourceURL:   "/reference/limits/rate/index.md",
		},
		"notfound": {Site: site, URL: "/404.html", Nav: nav(""), NotFound: true},
	}
}

func render(t *testing.T, p templates.Page) string {
	t.Helper()
	var b bytes.Buffer
	if err := templates.Document(p).Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// normalize puts every tag and text run of an HTML document on its own line,
// indented by depth, so that golden files read well and diff by line.
func normalize(t *testing.T, doc string) string {
	t.Helper()
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(doc))
	depth := 0
	line := func(s string) {
		b.WriteString(strings.Repeat("  ", depth))
		b.WriteString(s)
		b.WriteByte('\n')
	}
	for {
		tt := z.Next()
		raw := string(z.Raw())
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatalf("tokenizing: %v", z.Err())
			}
			return b.String()
		case html.StartTagToken:
			line(raw)
			if name, _ := z.TagName(); !voidElements[string(name)] {
				depth++
			}
		case html.EndTagToken:
			depth--
			line(raw)
		case html.TextToken:
			if s := strings.TrimSpace(raw); s != "" {
				line(s)
			}
		default:
			line(raw)
		}
	}
}

var voidElements = map[string]bool{"meta": true, "link": true, "input": true, "br": true, "hr": true, "img": true}

func TestDocumentGolden(t *testing.T) {
	for name, p := range views() {
		t.Run(name, func(t *testing.T) {
			got := normalize(t, render(t, p))
			file := filepath.Join("testdata", name+".golden.html")
			if *update {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test ./templates -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the rendered page (run with -update after checking the change):\n%s", file, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff shows the first lines where two texts differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n- " + a + "\n+ " + b
		}
	}
	return ""
}

func TestThemeScriptHash(t *testing.T) {
	sum := sha256.Sum256([]byte(templates.ThemeScript))
	want := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	if templates.ThemeScriptHash != want {
		t.Errorf("ThemeScriptHash = %s, want %s (update the constant after changing ThemeScript)", templates.ThemeScriptHash, want)
	}
}

// TestDocumentCSPSafe checks every view for what the Content-Security-Policy
// forbids: no style attributes, no event-handler attributes, and no inline
// script but ThemeScript, byte for byte (so its hash matches).
func TestDocumentCSPSafe(t *testing.T) {
	for name, p := range views() {
		t.Run(name, func(t *testing.T) {
			doc := parse(t, render(t, p))
			none(t, doc, "style attributes", withAttr("style", "*"))
			none(t, doc, "<style> elements", tag("style"))
			none(t, doc, "event-handler attributes", func(n *node) bool {
				for _, a := range n.Attr {
					if strings.HasPrefix(a.Key, "on") {
						return true
					}
				}
				return false
			})
			inline := findAll(doc, tag("script", func(n *node) bool { return !has(n, "src", "*") }))
			if len(inline) != 1 || inline[0].FirstChild == nil || inline[0].FirstChild.Data != templates.ThemeScript {
				t.Errorf("want exactly one inline script, ThemeScript; got %d", len(inline))
			}
			if head := one(t, doc, "head", tag("head")); ancestor(inline[0], tag("head")) != head {
				t.Error("the theme script is not in <head>")
			}
			ext := one(t, doc, "external script", tag("script", withAttr("src", site.ScriptURL)))
			if !has(ext, "defer", "*") {
				t.Error("the app script is not deferred")
			}
		})
	}
}

func TestDocumentHead(t *testing.T) {
	tests := []struct {
		view, title, ogType string
		canonical, robots   bool
	}{
		{"home", "Acme API Docs", "website", true, false},
		{"deep", "Rate limits · Acme API Docs", "article", true, false},
		{"notfound", "Page not found · Acme API Docs", "website", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.view, func(t *testing.T) {
			p := views()[tt.view]
			doc := parse(t, render(t, p))
			if got := text(one(t, doc, "title", tag("title"))); got != tt.title {
				t.Errorf("title = %q, want %q", got, tt.title)
			}
			meta := func(key, name string) string {
				n := one(t, doc, name, tag("meta", withAttr(key, name)))
				v, _ := attr(n, "content")
				return v
			}
			if got := meta("property", "og:type"); got != tt.ogType {
				t.Errorf("og:type = %q, want %q", got, tt.ogType)
			}
			if got := meta("name", "twitter:card"); got != "summary" {
				t.Errorf("twitter:card = %q", got)
			}
			if got := meta("name", "viewport"); !strings.Contains(got, "width=device-width") {
				t.Errorf("viewport = %q", got)
			}
			if got := meta("name", "color-scheme"); got != "light dark" {
				t.Errorf("color-scheme = %q", got)
			}
			if got := meta("property", "og:title"); got == "" {
				t.Error("og:title is empty")
			}
			if p.Description != "" {
				if got := meta("name", "description"); got != p.Description {
					t.Errorf("description = %q", got)
				}
				if got := meta("property", "og:description"); got != p.Description {
					t.Errorf("og:description = %q", got)
				}
			}
			if tt.canonical {
				link := one(t, doc, "canonical", tag("link", withAttr("rel", "canonical")))
				if !has(link, "href", p.CanonicalURL) || meta("property", "og:url") != p.CanonicalURL {
					t.Errorf("canonical/og:url do not name %s", p.CanonicalURL)
				}
			} else {
				none(t, doc, "canonical", tag("link", withAttr("rel", "canonical")))
			}
			if tt.robots {
				if got := meta("name", "robots"); got != "noindex" {
					t.Errorf("robots = %q", got)
				}
			}
			one(t, doc, "stylesheet", tag("link", withAttr("rel", "stylesheet"), withAttr("href", site.StyleURL)))
			one(t, doc, "favicon", tag("link", withAttr("rel", "icon"), withAttr("href", templates.FaviconURL)))
			if len(findAll(doc, tag("meta", withAttr("name", "theme-color")))) == 0 {
				t.Error("no theme-color meta")
			}
			if !has(one(t, doc, "html", tag("html")), "lang", "en") {
				t.Error("html lang is not en")
			}
		})
	}
}

// TestDocumentHooks checks that every element the CSS and JS rely on is there.
func TestDocumentHooks(t *testing.T) {
	p := views()["deep"]
	doc := parse(t, render(t, p))
	mainEl := one(t, doc, "main", tag("main"))
	sidebar := one(t, doc, "sidebar", tag("nav", withAttr("aria-label", "Docs")))
	checkHeaderHooks(t, doc, mainEl, sidebar)
	checkSidebarHooks(t, sidebar, p)
	checkPageHooks(t, doc, mainEl, p)
}

// checkHeaderHooks checks the skip link, the banner and footer and the
// header's buttons: menu, theme and search.
func checkHeaderHooks(t *testing.T, doc, mainEl, sidebar *node) {
	t.Helper()
	skip := one(t, doc, "skip link", tag("a", withClass("skip-link")))
	if href, _ := attr(skip, "href"); href != "#"+attrOr(mainEl, "id") {
		t.Errorf("skip link %q does not target main#%s", href, attrOr(mainEl, "id"))
	}
	one(t, doc, "banner", tag("header", withClass("site-header")))
	one(t, doc, "footer", tag("footer", withClass("site-footer")))
	menu := one(t, doc, "menu button", tag("button", withAttr("data-menu-toggle", "*"), withAttr("aria-expanded", "false"), withAttr("type", "button")))
	if attrOr(menu, "aria-controls") != attrOr(sidebar, "id") || attrOr(sidebar, "id") == "" {
		t.Errorf("menu button controls %q, sidebar id is %q", attrOr(menu, "aria-controls"), attrOr(sidebar, "id"))
	}
	one(t, doc, "theme toggle", tag("button", withAttr("data-theme-toggle", "*"), withAttr("aria-pressed", "false"), withAttr("type", "button")))
	search := one(t, doc, "search button", tag("button", withClass("search-button"), withAttr("data-search-open", "*")))
	// Its accessible name is its text; an aria-label would differ from the
	// visible "Search Ctrl K" (axe: label-content-name-mismatch).
	if text(one(t, search, "search label", tag("span", withClass("search-label")))) != "Search" || has(search, "aria-label", "*") {
		t.Error("the search button is not named by its visible text")
	}
	if !has(one(t, search, "kbd", tag("kbd")), "aria-hidden", "true") {
		t.Error("the shortcut hint is not hidden from assistive technology")
	}
	if attrOr(search, "data-search-url") != site.SearchURL || text(one(t, search, "kbd", tag("kbd"))) != "Ctrl K" {
		t.Error("search button lacks its index URL or the Ctrl K hint")
	}
}

// checkSidebarHooks checks the sidebar of page p.
func checkSidebarHooks(t *testing.T, sidebar *node, p templates.Page) {
	t.Helper()
	// Sidebar: the current page is marked once, inside open groups.
	current := one(t, sidebar, "current link", tag("a", withAttr("aria-current", "page")))
	if attrOr(current, "href") != p.URL {
		t.Errorf("aria-current on %q, want %q", attrOr(current, "href"), p.URL)
	}
	for d := current.Parent; d != sidebar; d = d.Parent {
		if d.Data == "details" && !has(d, "open", "*") {
			t.Error("a group holding the current page is closed")
		}
	}
	if len(findAll(sidebar, tag("details"))) != 2 {
		t.Error("want two collapsible groups (Reference, Limits)")
	}
	trimmed := one(t, sidebar, "trimmed section", tag("li", withClass("nav-section")))
	if a := one(t, trimmed, "section link", tag("a")); attrOr(a, "href") != "/writing/" {
		t.Error("a section without children is not a plain link")
	}
	badge := one(t, sidebar, "badge", tag("span", withClass("badge")))
	if text(badge) != "New" || !hasClass(badge, "badge-new") {
		t.Errorf("badge = %q", text(badge))
	}
}

// checkPageHooks checks the breadcrumbs, the main column, the pager and the
// table of contents of page p.
func checkPageHooks(t *testing.T, doc, mainEl *node, p templates.Page) {
	t.Helper()
	// Breadcrumbs: ancestors only, in an ordered list.
	crumbs := one(t, doc, "breadcrumbs", tag("nav", withAttr("aria-label", "Breadcrumb")))
	var got []string
	for _, a := range findAll(one(t, crumbs, "ol", tag("ol")), tag("a")) {
		got = append(got, text(a))
	}
	if strings.Join(got, "/") != "Home/Reference/Limits" {
		t.Errorf("breadcrumbs = %v", got)
	}

	if text(one(t, mainEl, "h1", tag("h1"))) != p.Title || text(one(t, mainEl, "lead", tag("p", withClass("lead")))) != p.Description {
		t.Error("title or lead paragraph wrong")
	}
	one(t, mainEl, "body heading", tag("h2", withAttr("id", "window")))
	tm := one(t, mainEl, "last updated", tag("time"))
	if attrOr(tm, "datetime") != "2026-11-24" || text(tm) != "24 November 2026" {
		t.Errorf("time = %q %q", attrOr(tm, "datetime"), text(tm))
	}
	one(t, mainEl, "edit link", tag("a", withAttr("href", p.EditURL)))
	one(t, mainEl, "copy as Markdown", tag("button", withAttr("data-copy-source", p.SourceURL), withAttr("type", "button")))

	pager := one(t, mainEl, "pager", tag("nav", withAttr("aria-label", "Pagination")))
	one(t, pager, "prev", tag("a", withAttr("rel", "prev"), withAttr("href", p.Prev.URL)))
	one(t, pager, "next", tag("a", withAttr("rel", "next"), withAttr("href", p.Next.URL)))

	toc := one(t, doc, "toc", tag("aside", withClass("toc")))
	var links []string
	for _, a := range findAll(toc, tag("a")) {
		links = append(links, attrOr(a, "href"))
	}
	if strings.Join(links, " ") != "#window #burst #headers" {
		t.Errorf("toc links = %v", links)
	}
	if ancestor(one(t, toc, "h3 entry", tag("a", withAttr("href", "#burst"))), tag("ol")) == findAll(toc, tag("ol"))[0] {
		t.Error("h3 entry is not nested under its h2")
	}
}

func TestDocumentOptionalParts(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(*templates.Page)
		absent map[string]func(*node) bool
	}{
		{"no TOC", func(p *templates.Page) { p.TOC = nil }, map[string]func(*node) bool{"toc": tag("aside")}},
		{"no search", func(p *templates.Page) { s := *site; s.SearchURL = ""; p.Site = &s },
			map[string]func(*node) bool{"search": withAttr("data-search-open", "*")}},
		{"no source, edit or date", func(p *templates.Page) { p.SourceURL, p.EditURL, p.LastUpdated = "", "", "" },
			map[string]func(*node) bool{"copy": withAttr("data-copy-source", "*"), "meta": withClass("page-meta"), "time": tag("time")}},
		{"no prev/next", func(p *templates.Page) { p.Prev, p.Next = nil, nil },
			map[string]func(*node) bool{"pager": withAttr("aria-label", "Pagination")}},
		{"breadcrumb without a page", func(p *templates.Page) { p.Breadcrumbs[2].URL = "" },
			map[string]func(*node) bool{"empty link": tag("a", withAttr("href", ""))}},
		{"no breadcrumbs", func(p *templates.Page) { p.Breadcrumbs = nil },
			map[string]func(*node) bool{"breadcrumbs": withAttr("aria-label", "Breadcrumb")}},
		{"no description", func(p *templates.Page) { p.Description = "" },
			map[string]func(*node) bool{"lead": withClass("lead"), "description": withAttr("name", "description")}},
		{"no site", func(p *templates.Page) { p.Site = nil },
			map[string]func(*node) bool{"stylesheet": withAttr("rel", "stylesheet"), "script": withAttr("src", "*")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := views()["deep"]
			tt.edit(&p)
			doc := parse(t, render(t, p))
			for what, match := range tt.absent {
				none(t, doc, what, match)
			}
			one(t, doc, "main", tag("main"))
		})
	}
}

func TestDocumentHomeAndNotFound(t *testing.T) {
	home := parse(t, render(t, views()["home"]))
	none(t, home, "breadcrumbs on home", withAttr("aria-label", "Breadcrumb"))
	none(t, home, "toc on home", tag("aside"))
	one(t, home, "current home link", tag("a", withAttr("aria-current", "page"), withAttr("href", "/")))

	nf := parse(t, render(t, views()["notfound"]))
	if got := text(one(t, nf, "h1", tag("h1"))); got != "Page not found" {
		t.Errorf("404 h1 = %q", got)
	}
	one(t, nf, "search box", tag("button", withClass("search-box"), withAttr("data-search-open", "*")))
	one(t, nf, "home link", tag("a", withClass("home-link"), withAttr("href", "/")))
	none(t, nf, "current link on 404", withAttr("aria-current", "*"))
	none(t, nf, "pager on 404", withAttr("aria-label", "Pagination"))
}

// TestDocumentEscapes puts markup and script URLs into every text field of
// the view model: none of it may become an element or a live link.
func TestDocumentEscapes(t *testing.T) {
	const evil = `<script>alert(1)</script>"onmouseover="alert(2)</textarea>`
	p := views()["deep"]
	p.Title, p.Description = evil, evil
	p.Site = &templates.Site{Title: evil, HeaderLinks: []templates.Link{{Title: evil, URL: "javascript:alert(3)"}}, SearchURL: `"><script>`}
	p.EditURL = "javascript:alert(4)"
	p.SourceURL = `"><img src=x onerror=alert(5)>`
	p.Prev = &templates.Link{Title: evil, URL: "JavaScript:alert(6)"}
	p.Breadcrumbs = []templates.Link{{Title: evil, URL: " javascript:alert(7)"}}
	p.TOC = []templates.TOCItem{{ID: `"><script>`, Text: evil}}
	p.Nav = []templates.NavItem{{Title: evil, URL: "javascript:alert(8)", Badge: evil, Current: true}}
	p.LastUpdated = evil
	p.Body = ""
	doc := parse(t, render(t, p))
	if n := len(findAll(doc, tag("script", func(n *node) bool { return !has(n, "src", "*") }))); n != 1 {
		t.Errorf("%d inline scripts, want only the theme script", n)
	}
	none(t, doc, "injected img", tag("img"))
	none(t, doc, "injected textarea", tag("textarea"))
	none(t, doc, "event handlers", withAttr("onmouseover", "*"))
	for _, a := range findAll(doc, tag("a")) {
		if href := strings.ToLower(strings.TrimSpace(attrOr(a, "href"))); strings.HasPrefix(href, "javascript:") {
			t.Errorf("live javascript: link %q", attrOr(a, "href"))
		}
	}
	if got := text(one(t, doc, "h1", tag("h1"))); got != strings.Join(strings.Fields(evil), " ") {
		t.Errorf("h1 text = %q, want the title as text", got)
	}
}
