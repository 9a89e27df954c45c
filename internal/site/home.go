package site

// This file makes a home page for a tree that has none (no index.md or
// _index.md at the top of the content folder): an index of its sections,
// with a warning, so the header's home link never leads to a 404.

import (
	"bytes"
	"context"
	"html"
	"path"

	"docsgen/internal/content"
	"docsgen/internal/diag"
	"docsgen/internal/output"
	"docsgen/templates"
)

// writeGeneratedHome writes /index.html when the site has no home page.
func (b *builder) writeGeneratedHome(ctx context.Context, w output.Writer) error {
	if b.site.ByURL["/"] != nil || b.site.Root == nil {
		return nil
	}
	title := b.site.Config.Title
	if title == "" {
		title = "Home"
	}
	vm := templates.Page{
		Site:   b.siteVM,
		Title:  title,
		URL:    "/",
		Body:   homeIndex(b.site.Root),
		Nav:    b.nav.sidebar(nil),
		IsHome: true,
	}
	if b.baseURL != "" {
		vm.CanonicalURL = b.baseURL + "/"
	}
	var buf bytes.Buffer
	if err := templates.Document(vm).Render(ctx, &buf); err != nil {
		return err
	}
	if err := w.WriteFile("index.html", buf.Bytes()); err != nil {
		return err
	}
	index := path.Join(b.opts.Display, "index.md")
	b.mu.Lock()
	b.pages["/"] = &pageInfo{file: index, diags: diag.List{
		diag.Warnf(b.opts.Display, 0, 0, "the site has no home page: docsgen made one that lists its sections").
			WithHint("write %s to say what the site is about", index),
	}}
	b.mu.Unlock()
	return nil
}

// homeIndex is the body of a made home page: every top-level section and
// page, in sidebar order, linked by title with its description.
func homeIndex(root *content.Section) string {
	var buf bytes.Buffer
	buf.WriteString(`<ul class="home-index" data-testid="home-index">`)
	for _, e := range root.Children {
		title, url, desc := "", "", ""
		switch {
		case e.Page != nil:
			if e.Page.Front.Unlisted {
				continue
			}
			title, url, desc = e.Page.NavTitle(), e.Page.URL, e.Page.Front.Description
		case e.Section.Page != nil:
			pg := e.Section.Page
			title, url, desc = pg.NavTitle(), pg.URL, pg.Front.Description
		default:
			// A folder without an index page: link its first page.
			first := firstPage(e.Section)
			if first == nil {
				continue
			}
			title, url = e.Section.Title(), first.URL
		}
		buf.WriteString(`<li><a href="` + html.EscapeString(url) + `">` + html.EscapeString(title) + `</a>`)
		if desc != "" {
			buf.WriteString(": " + html.EscapeString(desc))
		}
		buf.WriteString("</li>")
	}
	buf.WriteString("</ul>")
	return buf.String()
}

// firstPage is the first page of section s in reading order, or nil.
func firstPage(s *content.Section) *content.Page {
	if s.Page != nil {
		return s.Page
	}
	for _, e := range s.Children {
		if e.Page != nil {
			return e.Page
		}
		if p := firstPage(e.Section); p != nil {
			return p
		}
	}
	return nil
}
