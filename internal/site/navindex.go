package site

import (
	"bytes"
	"context"
	"html"
	"sort"
	"strings"

	"docsgen/internal/content"
	"docsgen/internal/output"
	"docsgen/templates"
)

// writeSectionIndexes writes the full index of every section whose
// sidebar list is windowed (see listMax): a page at the section's URL plus
// "all/" listing every entry of the section in order, which the last link
// of the windowed list leads to. Its sidebar is the section's, with that
// link marked current. These pages are navigation, not content: they are
// not searched and not in the sitemap or llms.txt.
func (b *builder) writeSectionIndexes(ctx context.Context, w output.Writer) error {
	secs := make([]*content.Section, 0, len(b.nav.indexURL))
	for s := range b.nav.indexURL {
		secs = append(secs, s)
	}
	sort.Slice(secs, func(i, j int) bool { return b.nav.indexURL[secs[i]] < b.nav.indexURL[secs[j]] })
	var buf bytes.Buffer
	for _, s := range secs {
		url := b.nav.indexURL[s]
		vm := templates.Page{
			Site:        b.siteVM,
			Title:       indexTitle(s),
			URL:         url,
			Body:        b.nav.indexBody(s),
			Breadcrumbs: b.nav.breadcrumbs(&content.Page{Section: s, URL: url}),
			Nav:         b.nav.indexSidebar(s),
		}
		buf.Reset()
		if err := templates.Document(vm).Render(ctx, &buf); err != nil {
			return err
		}
		page := bytes.Clone(buf.Bytes())
		if b.opts.Minify {
			var err error
			if page, err = htmlMinifier().Bytes("text/html", page); err != nil {
				return err
			}
		}
		if err := w.WriteFile(strings.TrimPrefix(url, "/")+"index.html", page); err != nil {
			return err
		}
		b.mu.Lock()
		b.files[url] = true
		b.mu.Unlock()
	}
	return nil
}

// indexBody lists every entry of section s as links, in sidebar order.
func (n *navigation) indexBody(s *content.Section) string {
	var sb strings.Builder
	sb.WriteString(`<ol class="section-index">`)
	for _, e := range s.Children {
		title, url := "", ""
		if e.Page != nil {
			title, url = e.Page.Title, e.Page.URL
		} else {
			title = e.Section.Title()
			if e.Section.Page != nil {
				url = e.Section.Page.URL
			} else {
				url = n.indexURL[e.Section]
			}
		}
		sb.WriteString("<li>")
		if url == "" {
			sb.WriteString(html.EscapeString(title))
		} else {
			sb.WriteString(`<a href="` + html.EscapeString(url) + `">` + html.EscapeString(title) + "</a>")
		}
		sb.WriteString("</li>")
	}
	sb.WriteString("</ol>")
	return sb.String()
}

// indexSidebar is the sidebar of section s's full index: the section open
// at its first window, the link to the index marked current.
func (n *navigation) indexSidebar(s *content.Section) []templates.NavItem {
	items := n.items(n.root, s, nil)
	markURL(items, n.indexURL[s])
	return items
}

func markURL(items []templates.NavItem, url string) {
	for i := range items {
		if items[i].URL == url {
			items[i].Current = true
		}
		markURL(items[i].Children, url)
	}
}
