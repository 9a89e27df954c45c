// Package linkcheck checks every internal link of a site before it is
// published: the page or file must exist, and a #fragment must be an id on
// the target page.
//
// Links are written two ways. As on GitHub, relative to the Markdown file
// they are in ([x](setup.md), [x](../api/keys.md#rotate), [x](./)): a
// Table (resolve.go) maps them to the target page's URL, which the site
// writes into the HTML. Or as the site's URLs (/reference/errors/), or
// relative to the page's URL. The checker checks what the HTML holds,
// resolved the way a browser would against the page's URL, and quotes what
// the author wrote. A page can be reached with or without its trailing
// slash (/reference/errors and /reference/errors/), as on Netlify.
//
// The checker never fetches anything: links with a scheme (https:, mailto:)
// or a host (//example.com) are external and skipped (package extlinks
// checks them on request).
//
// Links that would run script or open something other than a web page,
// with the schemes javascript:, vbscript:, file: or data: (except data:image
// pictures), are errors too, in Markdown and site.yaml alike: a docs page
// has no business running code from a link, and the renderers drop such an
// href anyway, which would leave a link that goes nowhere.
//
// A broken link is a diagnostic at the link's position. Where a near match
// exists the hint proposes it (nearest.go): "did you mean
// /reference/errors/#timeout?". site.yaml's links: policy (policy.go) can
// skip links by path pattern and make broken ones warnings.
package linkcheck

import (
	"iter"
	"net/url"
	"slices"
	"strings"

	"docsgen/internal/diag"
)

// Site is what links can point at.
type Site struct {
	// Pages maps a page URL (/reference/errors/) to the ids on it.
	Pages map[string]Anchors
	// Files holds the site paths of every other file (/favicon.svg,
	// /reference/errors.json).
	Files map[string]bool
	// Table resolves links written relative to a page's source file, for
	// the hints of those that name no page; default nil.
	Table *Table
	// Ignore skips the links whose target or page matches; default none.
	Ignore Patterns
	// Warn reports broken links as warnings, which do not fail a build;
	// default false (errors). Refused schemes stay errors.
	Warn bool
	// Failed holds the URLs of pages that exist but could not be loaded
	// (their front matter does not parse): links to them are not
	// reported, as the page's own error is the one to fix. Default none.
	Failed map[string]bool
}

// Ref is one link as an author wrote it.
type Ref struct {
	// From is the URL of the page the link is on, for relative links and
	// fragment-only links; empty for links outside pages (site.yaml).
	From string
	// FromPath is the path of that page's source in the content folder
	// (guide/intro.md); empty outside pages.
	FromPath string
	File     string
	Line     int
	Col      int
	// Dest is the destination as written; messages quote it.
	Dest string
	// URL is the destination the HTML holds when it is not Dest (a
	// relative link resolved to the target page's URL); "" means Dest.
	URL string
}

// Check returns one error per broken link in refs.
func (s *Site) Check(refs []Ref) diag.List { return s.CheckSeq(slices.Values(refs)) }

// CheckSeq is Check for links made as they are checked, so that a large
// site's links (over a million at 100,000 pages) are never all held at
// once; the suggestion index is still built once, on the first broken
// link.
func (s *Site) CheckSeq(refs iter.Seq[Ref]) diag.List {
	var out diag.List
	c := checker{Site: s}
	for r := range refs {
		target := r.Dest
		if r.URL != "" {
			target = r.URL
		}
		if c.Ignore.matches(target, r) {
			continue
		}
		if d, ok := c.check(r); !ok {
			if c.Warn && refusedScheme(target) == "" {
				d.Severity = diag.Warning
			}
			out = append(out, d)
		}
	}
	return out
}

// checker is one Check call: the site and the suggestion index, built on
// the first broken link.
type checker struct {
	*Site
	near *paths
}

// simpleOK is the fast path for the commonest link, a clean absolute site
// path with an optional #fragment (/reference/errors/#timeout), that
// resolves: no URL parsing needed. Anything else, and every failure, goes
// through the full check, which explains the problem.
func (s *Site) simpleOK(dest string) bool {
	if len(dest) < 1 || dest[0] != '/' || strings.HasPrefix(dest, "//") || strings.ContainsAny(dest, "?%\\ \t.") {
		return false
	}
	p, frag, _ := strings.Cut(dest, "#")
	ids, ok := s.Pages[p]
	if !ok {
		return false
	}
	return frag == "" || ids.Has(frag)
}

// IsExternal reports whether a link leaves the site (has a scheme or host).
func IsExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	u, err := url.Parse(dest)
	return err == nil && u.Scheme != ""
}

// refusedScheme returns the scheme of a link that may not be published
// (javascript:, vbscript:, file:, data: other than data:image/), or "".
// Browsers ignore spaces and control characters around a URL and the case
// of its scheme, so this does too.
func refusedScheme(dest string) string {
	if dest != "" && (dest[0] == '/' || dest[0] == '.' || dest[0] == '#') {
		return "" // a path or fragment: no scheme
	}
	d := strings.ToLower(strings.TrimLeft(dest, "\x00\t\n\f\r "))
	d = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, d)
	for _, s := range []string{"javascript:", "vbscript:", "file:", "data:"} {
		if strings.HasPrefix(d, s) {
			if s == "data:" && strings.HasPrefix(d, "data:image/") && !strings.HasPrefix(d, "data:image/svg") {
				return ""
			}
			return strings.TrimSuffix(s, ":")
		}
	}
	return ""
}

func (c *checker) check(r Ref) (diag.Diagnostic, bool) {
	target := r.Dest
	if r.URL != "" {
		target = r.URL
	}
	if c.simpleOK(target) {
		return diag.Diagnostic{}, true
	}
	fail := func(format string, args ...any) diag.Diagnostic {
		return diag.Errorf(r.File, r.Line, r.Col, format, args...)
	}
	if scheme := refusedScheme(target); scheme != "" {
		return fail("link to a %s: URL is not allowed: it would run code or leave the web when clicked", scheme).
			WithHint("link to a page of this site or to an https:// address"), false
	}
	dest := strings.TrimSpace(r.Dest)
	target = strings.TrimSpace(target)
	if target == "" || IsExternal(target) {
		return diag.Diagnostic{}, true
	}
	u, err := url.Parse(target)
	if err != nil {
		return fail("link %q is not a valid URL", dest).WithHint("escape spaces as %%20 and check the brackets"), false
	}
	p, ids, isPage := c.lookup(r.From, u)
	if !isPage {
		if c.Files[p] || c.Failed[p] || c.Failed[p+"/"] {
			return diag.Diagnostic{}, true
		}
		return c.noPath(r, dest, p, u.Fragment), false
	}
	if u.Fragment == "" {
		return diag.Diagnostic{}, true
	}
	frag, err := url.PathUnescape(u.Fragment)
	if err != nil {
		frag = u.Fragment
	}
	if ids.Has(frag) {
		return diag.Diagnostic{}, true
	}
	d := fail("link to %s: the page %s has no anchor #%s", dest, p, frag)
	if guess := nearestID(frag, ids); guess != "" {
		d = d.WithHint("did you mean %s#%s?", p, guess)
	} else {
		d = d.WithHint("anchors are heading ids, such as #getting-started for \"## Getting started\"")
	}
	return d, false
}

// lookup resolves u as a browser would on the page at base, and finds the
// page it names (with or without its trailing slash, or index.html).
func (c *checker) lookup(base string, u *url.URL) (p string, ids Anchors, isPage bool) {
	if base == "" {
		base = "/"
	}
	p = (&url.URL{Path: base}).ResolveReference(&url.URL{Path: u.Path, RawQuery: u.RawQuery}).Path
	if u.Path == "" {
		p = base
	}
	if ids, ok := c.Pages[p]; ok {
		return p, ids, true
	}
	if !strings.HasSuffix(p, "/") {
		if ids, ok := c.Pages[p+"/"]; ok {
			return p + "/", ids, true
		}
	}
	if p2 := strings.TrimSuffix(p, "index.html"); p2 != p {
		if ids, ok := c.Pages[p2]; ok {
			return p2, ids, true
		}
	}
	return p, "", false
}

// noPath is the error for a link to path p that is neither a page nor a
// file, with the likely intended page as a hint.
func (c *checker) noPath(r Ref, dest, p, frag string) diag.Diagnostic {
	d := diag.Errorf(r.File, r.Line, r.Col, "link to %s: no page or file has this path", dest)
	if r.URL == "" && c.Table != nil && r.FromPath != "" {
		// A relative link to a Markdown file that does not exist: guess
		// from the URL that page would have had.
		if _, _, want := c.Table.From(r.FromPath).resolve(r.Dest); want != "" {
			p = want
		}
	}
	if c.near == nil {
		c.near = newPaths(c.Pages, c.Files)
	}
	if guess := c.near.nearest(p, r.From); guess != "" {
		if frag != "" {
			guess += "#" + frag
		}
		return d.WithHint("did you mean %s?", guess)
	}
	return d.WithHint("check the path; link a page by its URL (/guide/setup/) or by its file, relative to this one (setup.md)")
}
