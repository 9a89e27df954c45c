package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
)

// This file reads the links and anchors out of raw HTML, when raw HTML is
// allowed (Options.AllowRawHTML): href and src attributes are links, to
// be checked like Markdown links at their tag's position; id and name
// attributes are anchors other links may point at. Raw HTML is passed
// through as written, so its links are not rewritten: a relative href is
// checked as the browser will read it.

// linkAttrs are the attributes that hold a link, by tag.
var linkAttrs = map[string]string{
	"a": "href", "area": "href", "link": "href",
	"img": "src", "script": "src", "iframe": "src", "source": "src",
	"video": "src", "audio": "src", "track": "src", "embed": "src",
}

// rawHTML records the links and ids of raw HTML node n.
func (c *collector) rawHTML(n ast.Node) {
	if !c.d.rawAllowed {
		return
	}
	start, stop := rawSpan(n)
	if start < 0 || stop > len(c.src) || start >= stop {
		return
	}
	z := html.NewTokenizer(bytes.NewReader(c.src[start:stop]))
	off := start
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		raw := len(z.Raw())
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			c.rawTag(z, off)
		}
		off += raw
	}
}

// rawTag records the link and anchors of the tag the tokenizer is on,
// which starts at byte offset off.
func (c *collector) rawTag(z *html.Tokenizer, off int) {
	name, more := z.TagName()
	tag := string(name)
	want := linkAttrs[tag]
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		key := string(k)
		switch {
		case key == "id" || (key == "name" && (tag == "a" || tag == "map")):
			if id := strings.TrimSpace(string(v)); id != "" {
				c.res.IDs = append(c.res.IDs, id)
			}
		case key == want:
			line, col := c.d.pos(off)
			c.res.Links = append(c.res.Links, Link{Dest: strings.TrimSpace(string(v)), Line: line, Col: col, Image: want == "src"})
		}
	}
}

// rawSpan returns the byte range of a raw HTML node in the source.
func rawSpan(n ast.Node) (start, stop int) {
	switch n := n.(type) {
	case *ast.RawHTML:
		if n.Segments.Len() == 0 {
			return -1, -1
		}
		return n.Segments.At(0).Start, n.Segments.At(n.Segments.Len() - 1).Stop
	case *ast.HTMLBlock:
		l := n.Lines()
		if l.Len() == 0 {
			return -1, -1
		}
		start, stop = l.At(0).Start, l.At(l.Len()-1).Stop
		if n.HasClosure() {
			stop = n.ClosureLine.Stop
		}
		return start, stop
	}
	return -1, -1
}
