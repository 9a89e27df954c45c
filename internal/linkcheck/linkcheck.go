// Package linkcheck checks every internal link of a site before it is
// published: the page or file must exist, and a #fragment must be an id on
// the target page.
//
// The checker never fetches anything: links with a scheme (https:, mailto:)
// or a host (//example.com) are external and skipped. Everything else is
// resolved the way a browser would, against the URL of the page it is on,
// so relative links work too. A page can be reached with or without its
// trailing slash (/reference/errors and /reference/errors/), as on Netlify.
//
// Links that would run script or open something other than a web page,
// with the schemes javascript:, vbscript:, file: or data: (except data:image
// pictures), are errors too, in Markdown and site.yaml alike: a docs page
// has no business running code from a link, and the renderers drop such an
// href anyway, which would leave a link that goes nowhere.
//
// A broken link is a diagnostic at the link's position. Where a near match
// exists the hint proposes it: "did you mean /reference/errors/#timeout?".
package linkcheck

import (
	"net/url"
	"path"
	"sort"
	"strings"

	"docsgen/internal/diag"
	"docsgen/internal/suggest"
)

// Site is what links can point at.
type Site struct {
	// Pages maps a page URL (/reference/errors/) to the ids on it.
	Pages map[string]map[string]bool
	// Files holds the site paths of every other file (/favicon.svg,
	// /reference/errors.json).
	Files map[string]bool
}

// Ref is one link as an author wrote it.
type Ref struct {
	// From is the URL of the page the link is on, for relative links and
	// fragment-only links; empty for links outside pages (site.yaml).
	From string
	File string
	Line int
	Col  int
	Dest string
}

// Check returns one error per broken link in refs.
func (s *Site) Check(refs []Ref) diag.List {
	var out diag.List
	for _, r := range refs {
		if d, ok := s.check(r); !ok {
			out = append(out, d)
		}
	}
	return out
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
	return frag == "" || ids[frag]
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

func (s *Site) check(r Ref) (diag.Diagnostic, bool) {
	if s.simpleOK(r.Dest) {
		return diag.Diagnostic{}, true
	}
	fail := func(format string, args ...any) diag.Diagnostic {
		return diag.Errorf(r.File, r.Line, r.Col, format, args...)
	}
	if scheme := refusedScheme(r.Dest); scheme != "" {
		return fail("link to a %s: URL is not allowed: it would run code or leave the web when clicked", scheme).
			WithHint("link to a page such as /reference/errors/ or to an https:// address"), false
	}
	dest := strings.TrimSpace(r.Dest)
	if dest == "" || IsExternal(dest) {
		return diag.Diagnostic{}, true
	}
	u, err := url.Parse(dest)
	if err != nil {
		return fail("link %q is not a valid URL", dest).WithHint("escape spaces as %%20 and check the brackets"), false
	}
	base := r.From
	if base == "" {
		base = "/"
	}
	target := (&url.URL{Path: base}).ResolveReference(&url.URL{Path: u.Path, RawQuery: u.RawQuery})
	p := target.Path
	if u.Path == "" {
		p = base
	}

	ids, isPage := s.Pages[p]
	if !isPage && !strings.HasSuffix(p, "/") {
		if ids2, ok := s.Pages[p+"/"]; ok {
			ids, isPage, p = ids2, true, p+"/"
		}
	}
	if !isPage {
		if p2 := strings.TrimSuffix(p, "index.html"); p2 != p {
			ids, isPage, p = s.Pages[p2], s.Pages[p2] != nil, p2
		}
	}
	if !isPage {
		if s.Files[p] {
			return diag.Diagnostic{}, true
		}
		d := fail("link to %s: no page or file has this path", dest)
		if guess := s.nearestPath(p); guess != "" {
			if u.Fragment != "" {
				guess += "#" + u.Fragment
			}
			d = d.WithHint("did you mean %s?", guess)
		} else {
			d = d.WithHint("check the path; pages are linked by their URL, such as /reference/errors/")
		}
		return d, false
	}
	if u.Fragment == "" {
		return diag.Diagnostic{}, true
	}
	frag, err := url.PathUnescape(u.Fragment)
	if err != nil {
		frag = u.Fragment
	}
	if ids[frag] {
		return diag.Diagnostic{}, true
	}
	d := fail("link to %s: the page %s has no anchor #%s", dest, p, frag)
	if guess := nearest(frag, keys(ids)); guess != "" {
		d = d.WithHint("did you mean %s#%s?", p, guess)
	} else {
		d = d.WithHint("anchors are heading ids, such as #rate-limits for \"## Rate limits\"")
	}
	return d, false
}

func (s *Site) nearestPath(p string) string {
	cands := make([]string, 0, len(s.Pages)+len(s.Files))
	for k := range s.Pages {
		cands = append(cands, k)
	}
	for k := range s.Files {
		cands = append(cands, k)
	}
	return nearest(p, cands)
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// nearest returns the candidate closest to s by edit distance, if it is
// close enough to be a likely typo (or shares the last path segment).
func nearest(s string, cands []string) string {
	sort.Strings(cands)
	best, bestD := "", -1
	for _, c := range cands {
		d := suggest.Distance(s, c)
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	limit := max(2, len(s)/3)
	if bestD <= limit {
		return best
	}
	last := path.Base(strings.TrimSuffix(s, "/"))
	for _, c := range cands {
		if last != "" && last != "." && path.Base(strings.TrimSuffix(c, "/")) == last {
			return c
		}
	}
	return ""
}
