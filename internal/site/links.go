package site

import (
	"strings"

	"docsgen/internal/content"
	"docsgen/internal/linkcheck"
	"docsgen/internal/markdown"
)

// linkTable is the table that resolves links written relative to a page's
// source file ([x](../api/keys.md)) to page URLs, pages that failed to
// load included, and files beside the pages to the URLs they are
// published at (content.Site.FileURL).
func linkTable(s *content.Site, failed map[string]string) *linkcheck.Table {
	pages := make(map[string]string, len(s.Pages)+len(failed))
	for p, u := range failed {
		pages[p] = u
	}
	for _, p := range s.Pages {
		pages[p.Path] = p.URL
	}
	return linkcheck.NewTable(pages, s.FileURL)
}

// sameLinks reports whether a cached result's links resolve as they did
// when it was rendered: relative links depend on other pages (a page
// added, removed or given a slug), which the cache key does not cover.
func sameLinks(res *markdown.Result, links markdown.LinkResolver) bool {
	for _, l := range res.Links {
		u, ok := links.ResolveLink(l.Dest)
		if !ok {
			u = ""
		}
		if u == l.Dest {
			u = ""
		}
		if u != l.URL {
			return false
		}
	}
	return true
}

// externalRefs returns the refs that lead to other sites.
func externalRefs(refs []linkcheck.Ref) []linkcheck.Ref {
	var out []linkcheck.Ref
	for _, r := range refs {
		if isExternal(r) {
			out = append(out, r)
		}
	}
	return out
}

// isExternal reports whether r points at another site.
func isExternal(r linkcheck.Ref) bool { return linkcheck.IsExternal(strings.TrimSpace(r.Dest)) }
