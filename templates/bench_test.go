package templates

import (
	"context"
	"fmt"
	"io"
	"testing"
)

// BenchmarkDocument times laying out one page with a sidebar of 20
// sections (the current one open with 100 pages) and a 12-entry TOC:
// the templates stage of a build.
func BenchmarkDocument(b *testing.B) {
	site := &Site{Title: "Docs", StyleURL: "/assets/style.css", ScriptURL: "/assets/app.js", SearchURL: "/search/"}
	var nav []NavItem
	for s := 0; s < 20; s++ {
		item := NavItem{Title: fmt.Sprintf("Section %d", s), URL: fmt.Sprintf("/s%02d/", s), IsSection: true}
		if s == 3 {
			item.Open = true
			for p := 0; p < 100; p++ {
				item.Children = append(item.Children, NavItem{Title: fmt.Sprintf("Page %d", p), URL: fmt.Sprintf("/s03/p%05d/", p), Current: p == 50})
			}
		}
		nav = append(nav, item)
	}
	var toc []TOCItem
	for i := 0; i < 4; i++ {
		toc = append(toc, TOCItem{ID: fmt.Sprint("h", i), Text: "Heading", Children: []TOCItem{{ID: fmt.Sprint("s", i), Text: "Sub"}, {ID: fmt.Sprint("t", i), Text: "Sub"}}})
	}
	p := Page{Site: site, Title: "Page 50", Description: "A page.", URL: "/s03/p00050/", Body: "<p>Body</p>", Nav: nav, TOC: toc,
		Breadcrumbs: []Link{{Title: "Home", URL: "/"}, {Title: "Section 3", URL: "/s03/"}}, Prev: &Link{Title: "Page 49", URL: "/s03/p00049/"}, Next: &Link{Title: "Page 51", URL: "/s03/p00051/"}}
	b.ReportAllocs()
	for b.Loop() {
		if err := Document(p).Render(context.Background(), io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
