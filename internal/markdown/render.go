package markdown

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"docsgen/internal/diag"
	"docsgen/internal/highlight"
	"docsgen/internal/slug"
)

// Renderer turns Markdown into HTML with docsgen's extensions. It holds one
// configured goldmark instance and is safe for concurrent use: everything
// that belongs to one document lives in that document's parser context and
// AST.
type Renderer struct {
	md   goldmark.Markdown
	opts Options
	hl   *highlight.Highlighter
	key  parser.ContextKey // holds the *document of a Render call
}

// New returns a Renderer. hl highlights code blocks; nil means a
// Highlighter with default options.
func New(opts Options, hl *highlight.Highlighter) *Renderer {
	if hl == nil {
		var err error
		if hl, err = highlight.New(highlight.Options{}); err != nil {
			// The default styles ship with chroma; this cannot fail.
			panic("markdown: default highlighter: " + err.Error())
		}
	}
	r := &Renderer{opts: opts, hl: hl, key: parser.NewContextKey()}

	// goldmark's fenced code block parser, wrapped so that a fence that is
	// never closed can be reported.
	blocks := parser.DefaultBlockParsers()
	for i, b := range blocks {
		if b.Value == parser.NewFencedCodeBlockParser() {
			blocks[i] = util.Prioritized(&fenceParser{key: r.key}, b.Priority)
		}
	}
	p := parser.NewParser(
		parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
		parser.WithHeadingAttribute(),
	)
	r.md = goldmark.New(
		goldmark.WithParser(p),
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			&tableWrap{},
			&rawHTML{key: r.key, allow: opts.AllowRawHTML},
			&headings{key: r.key},
			&containers{key: r.key},
			&alerts{key: r.key},
			&directives{key: r.key, defs: opts.Directives},
			&codeBlocks{key: r.key, hl: hl},
			&tabs{key: r.key},
		),
	)
	return r
}

// document is the state of one Render call, kept in the parser context.
type document struct {
	src    []byte
	source Source
	lines  []int // byte offsets of line starts
	diags  diag.List
	ids    *idSet
	title  string
	// closedFences holds the fenced code blocks closed by their own fence.
	closedFences map[ast.Node]int
	// fenceStart is the offset of each fenced code block's opening fence.
	fenceStart map[ast.Node]int
	// claimed maps ids defined explicitly (heading {#id}, directives, tabs)
	// to the offset that defined them.
	claimed map[string]int
	// tabGroups counts the :::tabs groups seen so far.
	tabGroups int
	// alerts maps blockquotes that open with [!KIND] to the kind.
	alerts map[*ast.Blockquote]alertMark
}

type alertMark struct {
	kind string
	off  int
}

func newDocument(src []byte, s Source) *document {
	d := &document{
		src:          src,
		source:       s,
		ids:          &idSet{},
		closedFences: map[ast.Node]int{},
		fenceStart:   map[ast.Node]int{},
		claimed:      map[string]int{},
		alerts:       map[*ast.Blockquote]alertMark{},
	}
	d.lines = append(d.lines, 0)
	for i, c := range src {
		if c == '\n' {
			d.lines = append(d.lines, i+1)
		}
	}
	return d
}

// pos converts a byte offset in the Markdown body into a line and column of
// the original file.
func (d *document) pos(off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(d.src) {
		off = len(d.src)
	}
	i := sort.Search(len(d.lines), func(i int) bool { return d.lines[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1 + d.source.LineOffset, off - d.lines[i] + 1
}

// errorf records an error at byte offset off.
func (d *document) errorf(off int, hint, format string, args ...any) {
	line, col := d.pos(off)
	dg := diag.Errorf(d.source.File, line, col, format, args...)
	dg.Hint = hint
	d.diags.Add(dg)
}

// warnf records a warning at byte offset off.
func (d *document) warnf(off int, hint, format string, args ...any) {
	line, col := d.pos(off)
	dg := diag.Warnf(d.source.File, line, col, format, args...)
	dg.Hint = hint
	d.diags.Add(dg)
}

// claim reserves an id that the page defines explicitly; a second
// definition of the same id is an error.
func (d *document) claim(id string, off int, what string) {
	if prev, ok := d.claimed[id]; ok {
		line, _ := d.pos(prev)
		d.errorf(off, "ids must be unique within a page: change one of them", "duplicate id %q (%s): already defined on line %d", id, what, line)
		return
	}
	d.claimed[id] = off
	d.ids.Put([]byte(id))
}

func docOf(pc parser.Context, key parser.ContextKey) *document {
	d, _ := pc.Get(key).(*document)
	return d
}

// Render converts one Markdown document. The diagnostics hold every problem
// found, with positions in s.File; the Result is complete even when there
// are errors, so a preview can still show the page.
func (r *Renderer) Render(src []byte, s Source) (*Result, diag.List) {
	d := newDocument(src, s)
	pc := parser.NewContext(parser.WithIDs(d.ids))
	pc.Set(r.key, d)
	doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))

	res := &Result{Title: d.title}
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/2)
	if err := r.md.Renderer().Render(&buf, src, doc); err != nil {
		// Writing to a bytes.Buffer does not fail; a renderer error is a bug.
		d.errorf(0, "", "rendering failed: %v", err)
	}
	res.HTML = buf.Bytes()
	collect(doc, d, res)
	d.diags.Sort()
	return res, d.diags
}

// idSet is the parser.IDs of one document: GitHub-style slugs, unique
// within the document.
type idSet struct {
	set slug.Set
}

var _ parser.IDs = (*idSet)(nil)

// Generate returns a unique id for heading text value.
func (s *idSet) Generate(value []byte, _ ast.NodeKind) []byte {
	return []byte(s.set.Unique(string(value)))
}

// Put marks an explicit id as taken.
func (s *idSet) Put(value []byte) { s.set.Reserve(string(value)) }
