package site

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"docsgen/internal/output"
	"docsgen/internal/search"
)

// searchFolder is where the search index is published.
const searchFolder = "search/"

// deferredOutputs holds what the search index and llms-full.txt are made
// from, captured when a build finishes: page sections and bodies are never
// changed in place, so writing them later, even while the next build runs,
// sees exactly this build.
type deferredOutputs struct {
	llms  []llmsPage
	infos []*pageInfo // parallel to llms; nil for a page not rendered
	// hidden is parallel to llms: the page is left out of search
	// (unlisted, or search: false in its front matter).
	hidden    []bool
	entries   map[string]search.Entry
	siteTitle string
	baseURL   string
	opts      search.Options
}

func (b *builder) captureDeferred() *deferredOutputs {
	entries := b.searchEntries()
	d := &deferredOutputs{siteTitle: b.site.Config.Title, baseURL: b.baseURL, entries: entries,
		opts: search.Options{Minify: b.opts.Minify, Workers: b.opts.Workers}}
	if b.opts.Cache != nil {
		d.opts.Cache = b.opts.Cache
	}
	d.llms = make([]llmsPage, len(b.site.Pages))
	d.infos = make([]*pageInfo, len(b.site.Pages))
	d.hidden = make([]bool, len(b.site.Pages))
	for i, p := range b.site.Pages {
		d.hidden[i] = p.Front.Unlisted || p.Front.Search != nil && !*p.Front.Search
		// A pageInfo is replaced, never changed, when its page renders again.
		info := b.pages[p.URL]
		body := p.Body
		if info != nil && info.markdown != nil {
			body = info.markdown // directives expanded
		}
		d.llms[i] = llmsPage{title: p.Title, url: p.URL, description: p.Front.Description, body: body,
			keywords: strings.Join(p.Front.Keywords, " "), unlisted: p.Front.Unlisted}
		d.infos[i] = info
	}
	return d
}

// names lists the outputs whose names are known before they are written,
// so links to them check out.
func (d *deferredOutputs) names() []string {
	return []string{"llms-full.txt", searchFolder + "index.json", searchFolder + "search.js"}
}

// write writes llms-full.txt and the search index under search/.
func (d *deferredOutputs) write(w output.Writer) error {
	if err := w.WriteFile("llms-full.txt", llmsFullTxt(d.siteTitle, d.baseURL, d.llms)); err != nil {
		return err
	}
	var docs []search.Doc
	for i, info := range d.infos {
		if info == nil {
			continue
		}
		if d.hidden[i] {
			continue
		}
		p := d.llms[i]
		pd := search.PageDocs(search.Page{URL: p.url, Title: p.title, Description: p.description}, info.sections, d.entries)
		pd[0].Keywords = p.keywords
		docs = append(docs, pd...)
	}
	ix, err := search.Build(docs, d.opts)
	if err != nil {
		return fmt.Errorf("building the search index: %w", err)
	}
	names := make([]string, 0, len(ix.Files))
	for name := range ix.Files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := w.WriteFile(searchFolder+name, ix.Files[name]); err != nil {
			return err
		}
	}
	return nil
}

// searchEntries marks the sections that are catalog entries, so search
// ranks an error code or a status row as a result of its own.
func (b *builder) searchEntries() map[string]search.Entry {
	if b.catalog == nil {
		return nil
	}
	out := map[string]search.Entry{}
	text := map[int]string{}
	for _, s := range b.catalog.Statuses {
		text[s.Code] = s.Text
		out[s.Anchor()] = search.Entry{Kind: search.KindStatus, Keywords: strconv.Itoa(s.Code) + " " + s.Text}
	}
	for _, c := range b.catalog.Categories {
		for _, e := range c.Errors {
			out[e.Anchor] = search.Entry{Kind: search.KindError, Keywords: strconv.Itoa(e.Status) + " " + text[e.Status]}
		}
	}
	return out
}
