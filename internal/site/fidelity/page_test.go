package fidelity

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"docsgen/internal/output"
	"docsgen/internal/site"
)

// repoContent is the repository's content folder, seen from this package.
var repoContent = filepath.Join("..", "..", "..", "content")

// builtSite builds the repository's content into memory once for all tests
// of the package.
var builtSite = sync.OnceValues(func() (*output.Memory, error) {
	mem := output.NewMemory()
	res, err := site.Build(context.Background(), site.Options{Content: os.DirFS(repoContent)}, mem)
	if err == nil && res.Diags.HasErrors() {
		err = res.Diags.Err()
	}
	return mem, err
})

func buildSite(t *testing.T) *output.Memory {
	t.Helper()
	mem, err := builtSite()
	if err != nil {
		t.Fatalf("building %s: %v", repoContent, err)
	}
	return mem
}

// parsePage parses a built page and returns its article (article.doc): the
// title, the lead and the body.
func parsePage(t *testing.T, mem *output.Memory, name string) *html.Node {
	t.Helper()
	b, ok := mem.Get(name)
	if !ok {
		t.Fatalf("the build wrote no %s", name)
	}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	article := find(doc, func(n *html.Node) bool { return n.Data == "article" && hasClass(n, "doc") })
	if len(article) != 1 {
		t.Fatalf("%s: %d article.doc elements, want 1", name, len(article))
	}
	return article[0]
}

// find returns the elements under n (n included) that match, in document
// order, without looking inside a match.
func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func byClass(n *html.Node, class string) []*html.Node {
	return find(n, func(n *html.Node) bool { return hasClass(n, class) })
}

func byTag(n *html.Node, tags ...string) []*html.Node {
	return find(n, func(n *html.Node) bool { return slices.Contains(tags, n.Data) })
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return n.Type == html.ElementNode && slices.Contains(strings.Fields(attr(n, "class")), class)
}

var spaces = regexp.MustCompile(`\s+`)

// text is the visible text of n with white space collapsed; screen-reader
// only text (class sr-only) is left out.
func text(n *html.Node) string {
	return strings.TrimSpace(spaces.ReplaceAllString(textExcept(n, "sr-only"), " "))
}

// textExcept is the text of n as written, leaving out the elements of the
// given class and all they hold.
func textExcept(n *html.Node, class string) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if hasClass(n, class) {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// cells returns the text of each th and td of a table row.
func cells(tr *html.Node) []string {
	var out []string
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "th" || c.Data == "td") {
			out = append(out, text(c))
		}
	}
	return out
}

// bodyRows returns the rows of the tbody of the first table under n.
func bodyRows(n *html.Node) [][]string {
	var out [][]string
	for _, tb := range byTag(n, "tbody") {
		for _, tr := range byTag(tb, "tr") {
			out = append(out, cells(tr))
		}
		break
	}
	return out
}

// structural are the components whose facts the tests check field by
// field; claims() leaves them out. The code figures are checked apart too.
var structural = []string{"status-table", "error-entry", "rate-plans", "rate-headers", "refund-policy", "error-fields", "error-filter", "code", "toc-inline"}

// blocks returns the text of every prose block of the content outside the
// structural components: headings, paragraphs and list items.
func blocks(content *html.Node) []string {
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		for _, c := range structural {
			if hasClass(n, c) {
				return
			}
		}
		if hasClass(n, "callout-title") || hasClass(n, "page-actions-menu") {
			return // a label, and the page actions menu: site chrome, no statements
		}
		switch n.Data {
		case "h1", "h2", "h3", "h4", "p":
			out = append(out, text(n))
			return
		case "li":
			if len(byTag(n, "p")) == 0 {
				out = append(out, text(n))
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for c := content.FirstChild; c != nil; c = c.NextSibling {
		walk(c)
	}
	return out
}
