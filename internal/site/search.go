package site

import (
	"fmt"
	"strconv"

	"docsgen/internal/output"
	"docsgen/internal/search"
)

// searchFolder is where the search index is published.
const searchFolder = "search/"

// writeSearch builds the search index from every rendered page's sections
// (no second pass over HTML) and writes it under /search/.
func (b *builder) writeSearch(w output.Writer) error {
	entries := b.searchEntries()
	var docs []search.Doc
	for _, p := range b.site.Pages {
		info := b.pages[p.URL]
		if info == nil {
			continue
		}
		docs = append(docs, search.PageDocs(search.Page{URL: p.URL, Title: p.Title, Description: p.Front.Description}, info.sections, entries)...)
	}
	ix, err := search.Build(docs, search.Options{Minify: b.opts.Minify, Workers: b.opts.Workers})
	if err != nil {
		return fmt.Errorf("building the search index: %w", err)
	}
	for name, data := range ix.Files {
		if err := w.WriteFile(searchFolder+name, data); err != nil {
			return err
		}
		b.files["/"+searchFolder+name] = true
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
