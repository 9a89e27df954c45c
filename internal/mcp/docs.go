package mcp

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"strings"
	"sync"

	"docsgen/internal/search"
)

// docs answers from one Source, keeping what it parsed of the site (the
// page list, the search index's manifest and chunks, the catalog) until
// the source's version changes.
type docs struct {
	src Source
	mu  sync.Mutex
	st  *siteState
}

// siteState is what one version of the site says about itself.
type siteState struct {
	version uint64
	// base prefixes the site's URLs in results: the -site URL, else the
	// scheme and host of llms.txt's links, else "".
	base  string
	pages []pageEntry
	// byPath maps a page's path (/reference/errors/) to its index in pages.
	byPath map[string]int
	// catalogFile is the error catalog's JSON (reference/errors.json), or "".
	catalogFile string

	searchOnce sync.Once
	searcher   *search.Searcher
	searchErr  error

	catalogOnce sync.Once
	catalog     *catalog
	catalogErr  error
}

// pageEntry is one page of llms.txt.
type pageEntry struct {
	Title       string `json:"title"`
	URL         string `json:"url"`
	Path        string `json:"path"`
	Section     string `json:"section"`
	Description string `json:"description,omitempty"`
}

func newDocs(src Source) *docs { return &docs{src: src} }

// state returns the parsed site, reading llms.txt again when the source
// changed.
func (d *docs) state(ctx context.Context) (*siteState, error) {
	v := d.src.Version()
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.st != nil && d.st.version == v {
		return d.st, nil
	}
	data, err := d.src.Get(ctx, "llms.txt")
	if err != nil {
		where := d.src.Origin()
		if where == "" {
			where = "the site"
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s has no llms.txt, so it is not a docsgen site (or was built by a docsgen without it); point docsgen mcp at a docsgen site", where)
		}
		return nil, fmt.Errorf("cannot read llms.txt of %s: %v; check the address and that the site is published", where, err)
	}
	st, err := parseLLMS(data, d.src.Origin())
	if err != nil {
		return nil, err
	}
	st.version = v
	d.st = st
	return st, nil
}

var llmsLink = regexp.MustCompile(`^- \[(.*)\]\(([^()\s]+)\)(?::\s*(.*))?$`)

// parseLLMS reads llms.txt as docsgen writes it: "## Section" headings,
// then "- [Title](URL/index.md): description" lines, and the catalog link
// under "## Data".
func parseLLMS(data []byte, origin string) (*siteState, error) {
	st := &siteState{base: origin, byPath: map[string]int{}}
	section := ""
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r ")
		if h, ok := strings.CutPrefix(line, "## "); ok {
			section = h
			continue
		}
		m := llmsLink.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		p, base := sitePath(m[2], origin)
		if st.base == "" {
			st.base = base
		}
		switch {
		case strings.HasSuffix(p, "/index.md"):
			p = strings.TrimSuffix(p, "index.md")
			if _, dup := st.byPath[p]; dup {
				continue
			}
			st.byPath[p] = len(st.pages)
			st.pages = append(st.pages, pageEntry{Title: m[1], Path: p, Section: section, Description: m[3]})
		case strings.HasSuffix(p, ".json") && section == "Data":
			st.catalogFile = strings.TrimPrefix(p, "/")
		}
	}
	if len(st.pages) == 0 {
		return nil, errors.New("llms.txt lists no pages, so this is not a docsgen site; point docsgen mcp at a docsgen site")
	}
	for i := range st.pages {
		st.pages[i].URL = st.base + st.pages[i].Path
	}
	return st, nil
}

// sitePath turns a link of llms.txt into a path of the site, and returns
// the scheme and host it carried, if any.
func sitePath(link, origin string) (p, base string) {
	if origin != "" && strings.HasPrefix(link, origin+"/") {
		return strings.TrimPrefix(link, origin), ""
	}
	if u, err := url.Parse(link); err == nil && u.Host != "" {
		return u.EscapedPath(), u.Scheme + "://" + u.Host
	}
	return link, ""
}

// searcher returns the search index's searcher, made on first use.
func (d *docs) searcher(ctx context.Context, st *siteState) (*search.Searcher, error) {
	st.searchOnce.Do(func() {
		st.searcher, st.searchErr = search.NewSearcher(func(name string) ([]byte, error) {
			// The searcher outlives this call; its reads are bounded by the
			// source (HTTP timeout), not by one request.
			return d.src.Get(context.WithoutCancel(ctx), "search/"+name)
		})
		if st.searchErr != nil {
			st.searchErr = fmt.Errorf("cannot read the search index (search/index.json): %v; is this a docsgen site?", st.searchErr)
		}
	})
	return st.searcher, st.searchErr
}

// resolve turns what a caller passed as a page (a path, a URL, a link to
// index.md, with or without #anchor) into a page of llms.txt. Anything
// else, traversal included, is an error: only listed pages are read.
func (st *siteState) resolve(raw string) (pageEntry, string, error) {
	p := strings.TrimSpace(raw)
	p, anchor, _ := strings.Cut(p, "#")
	if st.base != "" {
		p = strings.TrimPrefix(p, st.base)
	}
	if u, err := url.Parse(p); err == nil && u.Host != "" {
		p = u.Path
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	p = strings.TrimSuffix(strings.TrimSuffix(p, "index.md"), "index.html")
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	bad := strings.ContainsAny(p, "\\\x00") || (p != "/" && path.Clean(p)+"/" != p)
	i, ok := st.byPath[p]
	if bad || !ok {
		return pageEntry{}, "", fmt.Errorf("no page %q on this site; pass a path from list_pages or a url from search_docs, such as %s", raw, st.pages[min(1, len(st.pages)-1)].Path)
	}
	return st.pages[i], anchor, nil
}

// markdown reads a page's published Markdown.
func (d *docs) markdown(ctx context.Context, pg pageEntry) (string, error) {
	data, err := d.src.Get(ctx, strings.TrimPrefix(pg.Path, "/")+"index.md")
	if err != nil {
		return "", fmt.Errorf("cannot read the Markdown of %s: %v", pg.Path, err)
	}
	return string(data), nil
}

// sectionFilter returns whether a page is in the section named by name:
// its llms.txt heading or the first folder of its path, either case.
func sectionFilter(name string) func(pageEntry) bool {
	name = strings.Trim(strings.ToLower(strings.TrimSpace(name)), "/")
	return func(p pageEntry) bool {
		if name == "" {
			return true
		}
		first, _, _ := strings.Cut(strings.Trim(p.Path, "/"), "/")
		return strings.ToLower(p.Section) == name || strings.ToLower(first) == name
	}
}

// sectionNames lists the sections of the site, once each, in order.
func (st *siteState) sectionNames() []string {
	var out []string
	for _, p := range st.pages {
		if len(out) == 0 || out[len(out)-1] != p.Section {
			out = append(out, p.Section)
		}
	}
	return out
}
