package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"docsgen/internal/content"
	"docsgen/internal/markdown"
	"docsgen/internal/output"
	"docsgen/internal/search"
)

// searchFolder is where the search index is published.
const searchFolder = "search/"

// deferredOutputs holds what the search index and llms-full.txt are made
// from: the site's pages and what each rendered to. Neither is changed once
// a build finishes (a page update copies the map; pages and pageInfos are
// replaced, never changed), so writing them later, even while the next
// build runs, sees exactly this build; and capturing them costs nothing, so
// a page update that never writes them pays nothing for them. The one
// exception is writeOnce, for a build that has no next one.
type deferredOutputs struct {
	// site is the content the build rendered: its pages, and their
	// bodies when the build let them go (content.Options.DropSources).
	site  *content.Site
	pages []*content.Page
	// infos holds each rendered page's pageInfo by URL; a page missing
	// from it did not render.
	infos   map[string]*pageInfo
	entries map[string]search.Entry
	// spool holds the documents of the pages whose pageInfo is spooled.
	spool     *search.Spool
	siteTitle string
	baseURL   string
	opts      search.Options
}

// captureDeferred captures the deferred outputs and adds their names to
// the site's files.
func (b *builder) captureDeferred() *deferredOutputs {
	d := &deferredOutputs{site: b.site, pages: b.site.Pages, infos: b.pages, siteTitle: b.site.Config.Title, baseURL: b.baseURL,
		entries: b.searchEntries(), spool: b.spool, opts: search.Options{Minify: b.opts.Minify, Workers: b.opts.Workers}}
	if b.opts.Cache != nil {
		d.opts.Cache = b.opts.Cache
	}
	for _, n := range d.names() {
		b.files["/"+n] = true // so that links to them check out
	}
	return d
}

// llmsPage is what llms-full.txt shows of the i-th page in reading order.
func (d *deferredOutputs) llmsPage(i int) (llmsPage, error) {
	p := d.pages[i]
	var body []byte
	if info := d.infos[p.URL]; info != nil && info.markdown != nil {
		body = info.markdown // directives expanded
	} else {
		var err error
		if _, body, err = d.site.Source(p); err != nil {
			return llmsPage{}, err
		}
	}
	return llmsPage{title: p.Title, url: p.URL, description: p.Front.Description, body: body}, nil
}

// names lists the outputs whose names are known before they are written,
// so links to them check out.
func (d *deferredOutputs) names() []string {
	return []string{"llms-full.txt", searchFolder + "index.json", searchFolder + "search.js"}
}

// write writes llms-full.txt and the search index under search/, and
// returns the names of the index's files (their names change with the
// content).
func (d *deferredOutputs) write(w output.Writer) ([]string, error) {
	if err := d.writeLLMS(w); err != nil {
		return nil, err
	}
	docs, err := d.searchDocs()
	if err != nil {
		return nil, err
	}
	return d.writeIndex(w, docs)
}

// writeOnce is write at the end of a one-shot build, whose pages nothing
// reads afterwards: the pages' sections are handed to the index and let go
// (each pageInfo is replaced by a copy without them), so that the index
// drops each section's text once it has indexed it. At 100,000 pages the
// site's text and llms-full.txt are each over 300 MB.
//
// A writer that streams (a folder on disk) makes llms-full.txt a page at a
// time on its own goroutine, so it is made while this one builds the
// index. A writer that takes files whole gets it once
// the index is done, so that the two are never held at once.
func (d *deferredOutputs) writeOnce(w output.Writer) ([]string, error) {
	docs, err := d.searchDocs()
	if err != nil {
		return nil, err
	}
	for url, info := range d.infos {
		c := *info
		c.sections, c.docs = nil, search.SpooledPage{}
		d.infos[url] = &c
	}
	llms := make(chan error, 1)
	_, streams := w.(output.Streamer)
	if streams {
		go func() { llms <- d.writeLLMS(w) }()
	}
	names, err := d.writeIndex(w, docs)
	switch {
	case streams:
		err = errors.Join(err, <-llms)
	case err == nil:
		err = d.writeLLMS(w)
	}
	if err != nil {
		return nil, err
	}
	return names, nil
}

// writeLLMS writes llms-full.txt: as it is made, to a writer that can
// take it so (on disk, where the file is as large as the site's Markdown),
// else whole.
func (d *deferredOutputs) writeLLMS(w output.Writer) error {
	fill := func(w io.Writer) error { return llmsFullTxt(w, d.siteTitle, d.baseURL, len(d.pages), d.llmsPage) }
	if s, ok := w.(output.Streamer); ok {
		return s.WriteStream("llms-full.txt", fill)
	}
	size := len(d.siteTitle) + 8
	for _, p := range d.pages {
		size += p.Size + len(p.Title) + len(p.URL) + len(d.baseURL) + len(p.Front.Description) + 32
	}
	var buf bytes.Buffer
	buf.Grow(size) // one allocation: the file is as large as the whole site's Markdown
	if err := fill(&buf); err != nil {
		return err
	}
	return w.WriteFile("llms-full.txt", buf.Bytes())
}

// writeIndex builds the search index of docs and writes it under search/.
func (d *deferredOutputs) writeIndex(w output.Writer, docs []search.Doc) ([]string, error) {
	ix, err := search.Build(docs, d.opts)
	if err != nil {
		return nil, fmt.Errorf("building the search index: %w", err)
	}
	names := make([]string, 0, len(ix.Files))
	for name := range ix.Files {
		names = append(names, searchFolder+name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := w.WriteFile(name, ix.Files[strings.TrimPrefix(name, searchFolder)]); err != nil {
			return nil, err
		}
	}
	return names, nil
}

// searchDocs are the search index's documents: those of every page
// rendered and not left out of search, in one slice of the size they need
// (a large site has hundreds of thousands).
func (d *deferredOutputs) searchDocs() ([]search.Doc, error) {
	n := 0
	for _, p := range d.pages {
		switch info := d.infos[p.URL]; {
		case info == nil || !searched(p):
		case info.spooled:
			n += info.docs.Len()
		default:
			n++ // the page's own document, then one per heading
			for _, s := range info.sections {
				if s.HeadingID != "" {
					n++
				}
			}
		}
	}
	docs := make([]search.Doc, 0, n)
	for _, p := range d.pages {
		switch info := d.infos[p.URL]; {
		case info == nil: // not rendered
		case info.spooled:
			var err error
			if docs, err = d.spool.Docs(info.docs, docs); err != nil {
				return nil, err
			}
		default:
			docs = append(docs, searchDocsOf(p, info.sections, d.entries)...)
		}
	}
	return docs, nil
}

// searched reports whether page p is in the search index.
func searched(p *content.Page) bool {
	return !p.Front.Unlisted && (p.Front.Search == nil || *p.Front.Search)
}

// searchDocsOf are page p's search documents, made from the sections it
// rendered, or nil when it is left out of search.
func searchDocsOf(p *content.Page, sections []markdown.Section, entries map[string]search.Entry) []search.Doc {
	if !searched(p) {
		return nil
	}
	docs := search.PageDocs(search.Page{URL: p.URL, Title: p.Title, Description: p.Front.Description}, sections, entries)
	docs[0].Keywords = strings.Join(p.Front.Keywords, " ")
	return docs
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
