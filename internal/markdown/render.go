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
	md      goldmark.Markdown
	key     parser.ContextKey // holds the *document of a Render call
	rawHTML bool              // Options.AllowRawHTML
}

// New returns a Renderer. hl highlights code blocks; nil means a
// Highlighter with default options. opts.Directives is copied; the
// directives' Render functions are called from concurrent Render calls.
func New(opts Options, hl *highlight.Highlighter) *Renderer {
	if hl == nil {
		var err error
		if hl, err = highlight.New(highlight.Options{}); err != nil {
			// The default styles ship with chroma; this cannot fail.
			panic("markdown: default highlighter: " + err.Error())
		}
	}
	defs := make(map[string]Directive, len(opts.Directives))
	for name, def := range opts.Directives {
		defs[name] = def
	}
	r := &Renderer{key: parser.NewContextKey(), rawHTML: opts.AllowRawHTML}
	warn := func(pc parser.Context, off int, msg, hint string) {
		if d := docOf(pc, r.key); d != nil {
			d.warnf(off, hint, "%s", msg)
		}
	}

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
			extension.DefinitionList,
			&tableWrap{},
			taskLabels{},
			&rawHTML{key: r.key, allow: opts.AllowRawHTML},
			&headings{key: r.key},
			&containers{key: r.key},
			&Admonitions{Warn: warn},
			&ContentTabs{},
			&alerts{key: r.key},
			&directives{key: r.key, defs: defs},
			&codeBlocks{key: r.key, hl: hl},
			&tabs{key: r.key},
			&foreignSyntax{key: r.key},
			&linkResolution{key: r.key},
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
	claimed map[string]claim
	// idx lists the nodes our transformers work on (built once).
	idx *nodeIndex
	// alerts maps blockquotes that open with [!KIND] to the kind.
	alerts map[*ast.Blockquote]alertMark
	// warned holds the offsets of lines already warned about by block
	// parsers, which goldmark may try more than once on one line.
	warned map[int]bool
	// written maps links rewritten by Source.Links to their destination
	// as written (see links.go).
	written map[ast.Node]string
	// rawAllowed is Options.AllowRawHTML: raw HTML's links and ids count.
	rawAllowed bool
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
		claimed:      map[string]claim{},
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

// warnOnce reports whether off has not been warned about before, and
// marks it.
func (d *document) warnOnce(off int) bool {
	if d.warned == nil {
		d.warned = map[int]bool{}
	}
	if d.warned[off] {
		return false
	}
	d.warned[off] = true
	return true
}

// claim is where an explicit id is defined, and by what.
type claim struct {
	off  int
	what string
}

// claim reserves an id that the page defines explicitly; a second
// definition of the same id is an error, reported at the later of the two.
func (d *document) claim(id string, off int, what string) {
	prev, ok := d.claimed[id]
	if !ok {
		d.claimed[id] = claim{off, what}
		d.ids.Put([]byte(id))
		return
	}
	later := claim{off, what}
	if prev.off > off {
		prev, later = later, prev
	}
	line, _ := d.pos(prev.off)
	d.errorf(later.off, "ids must be unique within a page: change one of them", "duplicate id %q (%s): already defined on line %d", id, later.what, line)
}

// nodeIndex lists, in document order, the nodes docsgen's transformers
// change or check, so that each of them need not walk the whole AST.
type nodeIndex struct {
	blockquotes []*ast.Blockquote
	fences      []*ast.FencedCodeBlock
	containers  []*containerNode
	directives  []*directiveNode
	headings    []*ast.Heading
	tabs        []*tabsNode // groups made before indexing (content tabs)
	raw         []ast.Node  // *ast.HTMLBlock and *ast.RawHTML
}

// index walks doc once, on the first transformer's call. Later transformers
// replace nodes (fences by code blocks, blockquotes by containers) but keep
// their descendants, so the lists stay valid.
func (d *document) index(doc *ast.Document) *nodeIndex {
	if d.idx != nil {
		return d.idx
	}
	x := &nodeIndex{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Blockquote:
			if _, ok := d.alerts[n]; ok {
				x.blockquotes = append(x.blockquotes, n)
			}
		case *ast.FencedCodeBlock:
			x.fences = append(x.fences, n)
			return ast.WalkSkipChildren, nil
		case *containerNode:
			x.containers = append(x.containers, n)
		case *directiveNode:
			x.directives = append(x.directives, n)
		case *ast.Heading:
			x.headings = append(x.headings, n)
		case *tabsNode:
			x.tabs = append(x.tabs, n)
		case *ast.HTMLBlock:
			x.raw = append(x.raw, n)
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			x.raw = append(x.raw, n)
		case *ast.Text:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	d.idx = x
	return x
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
	d.rawAllowed = r.rawHTML
	src = d.limitNesting()
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
	res.Markdown = d.expandDirectives()
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
