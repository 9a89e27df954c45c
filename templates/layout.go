package templates

import (
	"strings"
	"time"
)

// ThemeScript is the only inline script a docsgen page carries. It runs in
// <head> before the first paint and sets data-theme on <html> to the reader's
// stored choice (localStorage "docsgen.theme": "light" or "dark") or, without
// one, to the operating system's preference, so a dark page never flashes
// light. The site's Content-Security-Policy allows exactly this text through
// ThemeScriptHash; changing a single byte here means changing the hash too
// (a test checks that they agree).
const ThemeScript = `(function(){var d=document.documentElement,t;try{t=localStorage.getItem("docsgen.theme")}catch(e){}d.dataset.theme=t=="light"||t=="dark"?t:matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light"})()`

// ThemeScriptHash is the CSP source expression that allows ThemeScript, for
// use in script-src: 'sha256-' and the base64 SHA-256 digest of its text.
const ThemeScriptHash = `'sha256-3KfOK/EhkbFbTBhtKMWejv8Q0iTtBtS4MuizxyEUKds='`

// ContentSecurityPolicy is the policy every page of a docsgen site works
// under: scripts and styles from the site itself only, plus the theme
// script by its hash. netlify.toml sends it on the published site (a test
// checks they agree) and the preview server sends it too, so a violation
// shows while authoring, not after deploying.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self' " + ThemeScriptHash +
	"; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// FaviconURL is where the layout links the site icon: static/favicon.svg,
// which the build copies to the site root.
const FaviconURL = "/favicon.svg"

// siteOf returns the page's site settings, or empty ones when the page has none.
func siteOf(p Page) Site {
	if p.Site == nil {
		return Site{}
	}
	return *p.Site
}

// lang is the document language, "en" unless the site sets one.
func lang(s Site) string {
	if s.Lang == "" {
		return "en"
	}
	return s.Lang
}

// pageTitle is the page's heading: its title, or a default for the 404 page.
func pageTitle(p Page) string {
	if p.Title == "" && p.NotFound {
		return "Page not found"
	}
	return p.Title
}

// documentTitle is the <title> text: "Page · Site", or only the site's title
// on the home page.
func documentTitle(p Page) string {
	site := siteOf(p).Title
	page := pageTitle(p)
	switch {
	case p.IsHome && site != "", page == "":
		return site
	case site == "" || site == page:
		return page
	}
	return page + " · " + site
}

// ogType is the Open Graph type: "website" for the home and 404 pages,
// "article" for every other page.
func ogType(p Page) string {
	if p.IsHome || p.NotFound {
		return "website"
	}
	return "article"
}

// homeURL is the link target of the site title.
const homeURL = "/"

// hasCurrent reports whether the item or any item below it is the current page.
func hasCurrent(item NavItem) bool {
	if item.Current {
		return true
	}
	for _, c := range item.Children {
		if hasCurrent(c) {
			return true
		}
	}
	return false
}

// navOpen reports whether a section renders expanded.
func navOpen(item NavItem) bool {
	return item.Open || hasCurrent(item)
}

// crumbs returns the breadcrumb links to show: none on the home and 404
// pages, and never a trailing link to the page itself (the h1 follows).
func crumbs(p Page) []Link {
	if p.IsHome || p.NotFound {
		return nil
	}
	c := p.Breadcrumbs
	if n := len(c); n > 0 && c[n-1].URL == p.URL && p.URL != "" {
		c = c[:n-1]
	}
	return c
}

// isoDate reports whether s is a date in the form 2006-01-02.
func isoDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// displayDate formats an ISO date for reading ("24 November 2026"); any
// other text is shown as it is.
func displayDate(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return t.Format("2 January 2006")
}

// badgeClass names a badge's style, so that themes can colour Beta and New
// differently: "badge badge-new".
func badgeClass(label string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(label) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "badge"
	}
	return "badge badge-" + b.String()
}
