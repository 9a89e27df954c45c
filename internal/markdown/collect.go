package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// collect fills the Result's Headings, IDs, Links and Sections from the
// transformed AST, in document order.
func collect(doc ast.Node, d *document, res *Result) {
	src := d.src
	c := collector{d: d, res: res, src: src}
	c.cur = &Section{}
	_ = ast.Walk(doc, c.visit)
	c.flush()
}

type collector struct {
	d       *document
	res     *Result
	src     []byte
	cur     *Section
	text    collapser
	code    collapser
	pending []Section // directive sections, added after the current one
}

// flush ends the current section.
func (c *collector) flush() {
	c.cur.Text = c.text.take()
	c.cur.Code = c.code.take()
	if c.cur.HeadingID != "" || c.cur.Text != "" || c.cur.Code != "" {
		c.res.Sections = append(c.res.Sections, *c.cur)
	}
	c.res.Sections = append(c.res.Sections, c.pending...)
	c.pending = c.pending[:0]
}

func (c *collector) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		if n.Type() == ast.TypeBlock {
			c.text.sep()
		}
		return ast.WalkContinue, nil
	}
	if n.Type() == ast.TypeBlock || n.Kind() == east.KindTableCell {
		c.text.sep()
	}
	switch n := n.(type) {
	case *ast.Heading:
		if c.heading(n) {
			return ast.WalkSkipChildren, nil
		}
	case *directiveNode:
		if !n.bad {
			c.res.IDs = append(c.res.IDs, n.Output.IDs...)
			if !n.example {
				c.pending = append(c.pending, n.Output.Sections...)
			}
			// Links the component makes from data are checked like the
			// author's own, at the directive's position.
			line, col := c.d.pos(n.Off)
			for _, dest := range n.Output.Links {
				c.res.Links = append(c.res.Links, Link{Dest: dest, Line: line, Col: col})
			}
		}
	case *tabPanel:
		c.res.IDs = append(c.res.IDs, n.ID, n.ID+"-panel")
	case *east.Footnote:
		c.res.IDs = append(c.res.IDs, "fn:"+strconv.Itoa(n.Index))
	case *east.FootnoteLink:
		ref := "fnref"
		if n.RefIndex > 0 {
			ref += strconv.Itoa(n.RefIndex)
		}
		c.res.IDs = append(c.res.IDs, ref+":"+strconv.Itoa(n.Index))
	case *ast.AutoLink:
		c.link(n)
		c.text.write(n.Label(c.src))
	case *ast.Link, *ast.Image:
		c.link(n)
	case *ast.Text:
		c.text.write(n.Segment.Value(c.src))
		if n.SoftLineBreak() || n.HardLineBreak() {
			c.text.sep()
		}
	case *ast.String:
		c.text.write(n.Value)
	case *codeBlock:
		if !n.NoSearch {
			c.code.sep()
			c.code.write([]byte(n.Title))
			c.codeLines(n)
		}
		return ast.WalkSkipChildren, nil
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		c.codeLines(n)
		return ast.WalkSkipChildren, nil
	case *ast.RawHTML, *ast.HTMLBlock:
		c.rawHTML(n)
		return ast.WalkSkipChildren, nil
	}
	return ast.WalkContinue, nil
}

// heading records heading n's id and text; an h2 or h3 starts a new
// search section, and heading reports true: its children are read here.
func (c *collector) heading(n *ast.Heading) bool {
	id := ""
	if v, ok := n.AttributeString("id"); ok {
		b, _ := v.([]byte)
		id = string(b)
	}
	text := plainText(n, c.src)
	if id != "" {
		c.res.IDs = append(c.res.IDs, id)
	}
	if n.Level >= 2 {
		c.res.Headings = append(c.res.Headings, Heading{Level: n.Level, ID: id, Text: text})
	}
	if n.Level != 2 && n.Level != 3 {
		return false
	}
	c.flush()
	c.cur = &Section{HeadingID: id, Heading: text}
	c.linksIn(n)
	return true
}

// codeLines adds the lines of code block n to the section's code text.
func (c *collector) codeLines(n ast.Node) {
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		c.code.sep()
		c.code.write(seg.Value(c.src))
	}
}

// linksIn records the links inside n, whose text is not walked.
func (c *collector) linksIn(n ast.Node) {
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n.(type) {
			case *ast.Link, *ast.Image, *ast.AutoLink:
				c.link(n)
			}
		}
		return ast.WalkContinue, nil
	})
}

// link records a link or image with the position of its opening [ , ![ or <.
func (c *collector) link(n ast.Node) {
	var l Link
	off := -1
	switch n := n.(type) {
	case *ast.Link:
		l.Dest = string(n.Destination)
		off = c.opening(n, '[')
	case *ast.Image:
		l.Dest = string(n.Destination)
		l.Image = true
		off = c.opening(n, '[')
		if off > 0 && c.src[off-1] == '!' {
			off--
		}
	case *ast.AutoLink:
		l.Dest = string(n.URL(c.src))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(l.Dest), "mailto:") {
			l.Dest = "mailto:" + l.Dest
		}
		off = c.offsetOf(n.Label(c.src))
		if off > 0 && c.src[off-1] == '<' {
			off--
		}
	}
	if off < 0 {
		off = nodeOffset(n.Parent(), c.src)
	}
	if def := c.d.referenceDefinition(n); def >= 0 {
		off = def
	}
	l.Dest, l.URL = c.d.resolved(n, l.Dest)
	l.Line, l.Col = c.d.pos(off)
	c.res.Links = append(c.res.Links, l)
}

// offsetOf returns the offset of b in the source, if b is a slice of it.
func (c *collector) offsetOf(b []byte) int {
	if len(b) == 0 || cap(b) > cap(c.src) {
		return -1
	}
	off := cap(c.src) - cap(b)
	if off < 0 || off+len(b) > len(c.src) || &c.src[off] != &b[0] {
		return -1
	}
	return off
}

// opening finds the [ that opens link or image n: scanning back from the
// first text inside it (over emphasis and code-span markers), or forward
// from the end of the text before it when the link text is empty.
func (c *collector) opening(n ast.Node, open byte) int {
	if t := firstText(n); t >= 0 {
		for i := t - 1; i >= 0 && t-i <= 64; i-- {
			if c.src[i] == open {
				return i
			}
		}
	}
	start := 0
	if p := n.PreviousSibling(); p != nil {
		if e := lastTextEnd(p); e >= 0 {
			start = e
		}
	} else if par := n.Parent(); par != nil {
		start = nodeOffset(par, c.src)
	}
	for i := start; i < len(c.src) && i-start <= 256; i++ {
		if c.src[i] == open {
			return i
		}
	}
	return -1
}

// firstText returns the offset of the first text segment inside n, or -1.
func firstText(n ast.Node) int {
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if t, ok := ch.(*ast.Text); ok {
			return t.Segment.Start
		}
		if _, ok := ch.(*ast.RawHTML); ok {
			if ch.(*ast.RawHTML).Segments.Len() > 0 {
				return ch.(*ast.RawHTML).Segments.At(0).Start
			}
		}
		if o := firstText(ch); o >= 0 {
			return o
		}
	}
	return -1
}

// lastTextEnd returns the end offset of the last text segment in n (n
// included), or -1.
func lastTextEnd(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Stop
	}
	for ch := n.LastChild(); ch != nil; ch = ch.PreviousSibling() {
		if e := lastTextEnd(ch); e >= 0 {
			return e
		}
	}
	return -1
}

// collapser accumulates text with every run of ASCII white space turned
// into one space and none at either end.
type collapser struct {
	b     []byte
	space bool // a space is due before the next text
}

func (c *collapser) write(p []byte) {
	for _, ch := range p {
		switch ch {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			c.sep()
		default:
			if c.space {
				c.b = append(c.b, ' ')
				c.space = false
			}
			c.b = append(c.b, ch)
		}
	}
}

// sep marks a word boundary.
func (c *collapser) sep() { c.space = len(c.b) > 0 }

// take returns the text so far and starts again.
func (c *collapser) take() string {
	s := string(c.b)
	c.b, c.space = c.b[:0], false
	return s
}
