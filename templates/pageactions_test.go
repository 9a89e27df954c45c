package templates_test

import (
	"strings"
	"testing"

	"docsgen/templates"
)

// TestPageActionsMenu checks the page actions menu: a disclosure under the
// title with Copy page, View as Markdown and one link per AskLink, in
// that order, each carrying what the script and the reader need.
func TestPageActionsMenu(t *testing.T) {
	p := views()["deep"]
	p.AskLinks = []templates.AskLink{
		{Title: "Open in ChatGPT", URL: "https://chatgpt.com/?q=Read+%2Freference%2Flimits%2Frate%2Findex.md", Markdown: p.SourceURL},
		{Title: "Open in Claude", URL: "https://claude.ai/new?q=Read+%2Freference%2Flimits%2Frate%2Findex.md", Markdown: p.SourceURL},
	}
	doc := parse(t, render(t, p))
	header := one(t, doc, "page header", tag("header", withClass("doc-header")))
	menu := one(t, header, "page actions", tag("details", withAttr("data-page-actions", "*")))
	if text(one(t, menu, "summary", tag("summary"))) != "Page actions" {
		t.Error("the menu's summary is not named Page actions")
	}
	var items []string
	for _, li := range findAll(menu, tag("li")) {
		items = append(items, text(li))
	}
	if want := "Copy page|View as Markdown|Open in ChatGPT|Open in Claude"; strings.Join(items, "|") != want {
		t.Errorf("menu items = %q, want %q", strings.Join(items, "|"), want)
	}
	one(t, menu, "copy page", tag("button", withAttr("data-copy-source", p.SourceURL), withAttr("type", "button")))
	one(t, menu, "view as Markdown", tag("a", withAttr("href", p.SourceURL)))
	for _, l := range p.AskLinks {
		one(t, menu, l.Title, tag("a", withAttr("href", l.URL), withAttr("data-ask-md", p.SourceURL)))
	}

	p.SourceURL = ""
	if n := findAll(parse(t, render(t, p)), tag("details", withAttr("data-page-actions", "*"))); len(n) != 0 {
		t.Error("a page without Markdown still has the page actions menu")
	}
}
