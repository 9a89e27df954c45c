package search

import "docsgen/internal/markdown"

// Page is what PageDocs needs to know of a rendered page.
type Page struct {
	URL, Title, Description string
}

// Entry marks a section that is an entry of the data catalog: an error code
// (Kind KindError, Keywords its status: "429 Too Many Requests") or an HTTP
// status row (KindStatus).
type Entry struct {
	Kind, Keywords string
}

// PageDocs turns one rendered page into documents: the page's own document
// (its opening text, before the first heading, with the title and
// description), then one per section in order. A section whose heading id is
// in entries takes that entry's Kind and Keywords; entries may be nil.
func PageDocs(p Page, sections []markdown.Section, entries map[string]Entry) []Doc {
	docs := []Doc{{URL: p.URL, PageTitle: p.Title, Kind: KindPage, Description: p.Description}}
	for _, s := range sections {
		if s.HeadingID == "" {
			docs[0].Text = joinSpace(docs[0].Text, s.Text)
			docs[0].Code = joinSpace(docs[0].Code, s.Code)
			continue
		}
		d := Doc{URL: p.URL, Anchor: s.HeadingID, PageTitle: p.Title, Section: s.Heading, Text: s.Text, Code: s.Code, Kind: KindSection}
		if e, ok := entries[s.HeadingID]; ok {
			d.Kind, d.Keywords = e.Kind, e.Keywords
		}
		docs = append(docs, d)
	}
	return docs
}
