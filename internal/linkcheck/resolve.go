package linkcheck

import (
	"net/url"
	"path"
	"strings"
)

// Table resolves relative links the way GitHub does: against the folder
// of the Markdown file they are written in, naming other Markdown files.
// From content/guide/intro.md:
//
//	setup.md, ./setup.md, setup   → the page of guide/setup.md
//	../api/keys.md#rotate          → the page of api/keys.md, #rotate kept
//	./, ./setup/, setup/           → the section page (index.md, _index.md or README.md)
//	img/d.png                      → /guide/img/d.png, a file beside the page
//
// A destination that names no page source and no file beside the pages is
// left as written, so a link written against the page's URL
// (../rate-limits/ from /reference/errors/) keeps working, and the checker
// then finds it, or reports it, as a browser would.
type Table struct {
	// pages maps a page's path in the content folder (guide/setup.md) to
	// its URL (/guide/setup/).
	pages map[string]string
	// files returns the site path of the published file beside the pages
	// at a path in the content folder; nil means there are none.
	files func(string) (string, bool)
}

// NewTable returns a Table for pages (path in the content folder → URL).
// files, when not nil, gives the site path of each published file beside
// the pages (content.Site.FileURL): a relative link to one becomes it.
func NewTable(pages map[string]string, files func(string) (string, bool)) *Table {
	return &Table{pages: pages, files: files}
}

// From returns the resolver for links on the page at content path p.
func (t *Table) From(p string) Resolver {
	return Resolver{t: t, dir: path.Dir(p)}
}

// Resolver resolves the links of one page; see Table. The zero value
// resolves nothing.
type Resolver struct {
	t   *Table
	dir string
}

// ResolveLink returns the site URL for a relative destination that names a
// page source or a file beside the pages, and true; else dest and false.
func (r Resolver) ResolveLink(dest string) (string, bool) {
	u, ok, _ := r.resolve(dest)
	if !ok {
		return dest, false
	}
	return u, true
}

// resolve is ResolveLink that also returns, for a relative link to a page
// source that does not exist, the URL such a page would have (for "did you
// mean" hints); guess is "" otherwise.
func (r Resolver) resolve(dest string) (u string, ok bool, guess string) {
	if r.t == nil || !isRelative(dest) {
		return "", false, ""
	}
	rest, frag, hasFrag := strings.Cut(dest, "#")
	p, query, hasQuery := strings.Cut(rest, "?")
	if p == "" {
		return "", false, ""
	}
	p, err := url.PathUnescape(p)
	if err != nil {
		return "", false, ""
	}
	cp := path.Join(r.dir, p)
	if cp == ".." || strings.HasPrefix(cp, "../") {
		return "", false, ""
	}
	suffix := ""
	if hasQuery {
		suffix += "?" + query
	}
	if hasFrag {
		suffix += "#" + frag
	}
	for _, c := range candidates(cp, strings.HasSuffix(p, "/")) {
		if pu, found := r.t.pages[c]; found {
			return pu + suffix, true, ""
		}
	}
	ext := path.Ext(cp)
	if ext != ".md" && ext != ".markdown" && cp != "." && !strings.HasSuffix(p, "/") && r.t.files != nil {
		if fu, found := r.t.files(cp); found {
			return fu + suffix, true, ""
		}
	}
	if ext == ".md" || ext == ".markdown" {
		return "", false, pageURL(strings.TrimSuffix(cp, ext))
	}
	return "", false, ""
}

// candidates lists the page sources a relative path may name, in order.
func candidates(cp string, dir bool) []string {
	if cp == "." {
		return []string{"index.md", "_index.md", "README.md"}
	}
	switch {
	case dir:
		return []string{cp + "/index.md", cp + "/_index.md", cp + "/README.md"}
	case path.Ext(cp) == ".md" || path.Ext(cp) == ".markdown":
		return []string{cp}
	}
	return []string{cp + ".md", cp + "/index.md", cp + "/_index.md", cp + "/README.md"}
}

// pageURL is the URL a page source at p (without .md) gets by default.
func pageURL(p string) string {
	base := path.Base(p)
	if base == "index" || base == "_index" {
		p = path.Dir(p)
	}
	if p == "." {
		return "/"
	}
	return "/" + p + "/"
}

// isRelative reports whether dest is a relative reference with a path:
// no scheme, no host, not a site path (/x), not only a #fragment or ?query.
func isRelative(dest string) bool {
	if dest == "" || dest[0] == '/' || dest[0] == '#' || dest[0] == '?' || dest[0] == '\\' {
		return false
	}
	if refusedScheme(dest) != "" || IsExternal(dest) {
		return false
	}
	return true
}
