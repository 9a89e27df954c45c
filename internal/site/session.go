package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"sync"
	"time"

	"github.com/tdewolff/minify/v2"

	"docsgen/internal/cache"
	"docsgen/internal/content"
	"docsgen/internal/diag"
	"docsgen/internal/highlight"
	"docsgen/internal/markdown"
	"docsgen/internal/output"
)

// Session builds the same sources again and again for the preview server,
// redoing only what changed. It keeps its own state (the last content.Site,
// the inputs it rendered with, what each page rendered to, the output) and
// runs the same steps as Build.
//
// Two things make rebuilds cheap:
//
//   - A render cache keeps every page's Markdown result under a key made of
//     everything that result depends on: the body, the file name and line
//     offset, the raw-HTML switch, the highlighter, and, for pages that use
//     directives, the data files. A full rebuild re-renders only pages whose
//     key changed.
//   - Update takes the paths that changed and asks content.Site.Reload what
//     is different; only those files are read again. When only pages
//     changed, and nothing other pages show of them (title, weight, badge,
//     slug, draft, aliases), only those pages are rendered again and
//     written over a copy of the previous site; links and the publishing
//     outputs are redone for the whole site, as they depend on every page.
//     Anything else renders the whole site again (through the cache).
//
// Either way the files equal those of a fresh full build of the same
// sources; tests check this with random edit sequences. Nothing a build
// returned is changed by a later one.
type Session struct {
	opts    Options
	preview SessionOptions
	cache   *renderCache
	// hl highlights every build's code: kept, so the lexers it compiles
	// on first use of a language are compiled once a session.
	hl    *highlight.Highlighter
	hlErr error

	// last is the state of the previous Update; nil before the first one
	// and after one that could not read the content folder.
	last *lastBuild
	// pageUpdates counts updates done page by page (for tests).
	pageUpdates int
}

// SessionOptions are the preview server's settings of a Session. Fields
// state their defaults.
type SessionOptions struct {
	// DeferSlowOutputs leaves the search index and llms-full.txt to
	// Result.Deferred, so a rebuild is ready before they are; default
	// false (every output is written).
	DeferSlowOutputs bool
	// CompactMemory makes Update keep text files deflated in its in-memory
	// sites (output.NewCompactMemory); default false. A large site then
	// fits in a few hundred MB.
	CompactMemory bool
}

// Changes lists the files that changed since the last Update.
type Changes struct {
	// Content holds paths in Options.Content (reference/errors.md).
	Content []string
	// Static holds paths in Options.Static (css/site.css).
	Static []string
}

// NewSession returns a session for opts. It keeps rendered pages between
// builds: in the disk cache opts.Cache when there is one (memory stays
// small on a large site), else in memory.
func NewSession(opts Options, preview SessionOptions) *Session {
	opts.defaults()
	s := &Session{opts: opts, preview: preview, cache: newRenderCache(opts.Cache == nil, opts.Cache)}
	s.hl, s.hlErr = highlight.New(highlight.Options{})
	return s
}

// Build reads every source and runs a full build into w, through the
// session's render cache; it leaves the state Update starts from as it was.
func (s *Session) Build(ctx context.Context, w output.Writer) (*Result, error) {
	src, diags := content.Load(s.opts.Content, s.opts.contentOptions())
	if src == nil {
		return &Result{Diags: diags}, nil
	}
	res, _, err := s.full(ctx, src, w)
	return res, err
}

// Update rebuilds into a new in-memory site after the files in ch have
// changed. With no previous build, or empty Changes, it reads every source
// again; otherwise content.Site.Reload reads only what changed.
func (s *Session) Update(ctx context.Context, ch Changes) (*Result, *output.Memory, error) {
	var src *content.Site
	if s.last == nil || (len(ch.Content) == 0 && len(ch.Static) == 0) {
		var diags diag.List
		if src, diags = content.Load(s.opts.Content, s.opts.contentOptions()); src == nil {
			s.last = nil
			return &Result{Diags: diags}, s.newMemory(), nil
		}
	} else {
		var change content.Change
		src, change = s.last.site.Reload(ch.Content)
		if !change.Full() && len(ch.Static) == 0 {
			return s.updatePages(ctx, src, change.Pages)
		}
	}
	mem := s.newMemory()
	res, b, err := s.full(ctx, src, mem)
	if err != nil {
		return nil, nil, err
	}
	s.remember(b, src, mem)
	return res, mem, nil
}

func (s *Session) newMemory() *output.Memory {
	if s.preview.CompactMemory {
		return output.NewCompactMemory()
	}
	return output.NewMemory()
}

// full runs every step of a build of src into w.
func (s *Session) full(ctx context.Context, src *content.Site, w output.Writer) (*Result, *builder, error) {
	start := time.Now()
	if s.hlErr != nil {
		return nil, nil, s.hlErr
	}
	in, err := prepare(ctx, s.opts, src, s.cache, s.hl)
	if err != nil {
		return nil, nil, err
	}
	b := newBuilder(in, src, s.cache)
	d, err := b.renderSite(ctx, w)
	if err != nil {
		return nil, nil, err
	}
	return s.done(b, start, d, w)
}

// done writes the deferred outputs now, or leaves them to the result.
func (s *Session) done(b *builder, start time.Time, d *deferredOutputs, w output.Writer) (*Result, *builder, error) {
	if s.preview.DeferSlowOutputs {
		return b.result(start, d), b, nil
	}
	names, err := d.write(w)
	if err != nil {
		return nil, nil, err
	}
	b.searchFiles = names
	return b.result(start, nil), b, nil
}

// updatePages renders pages of src again over a copy of the last site,
// with the last build's inputs, then redoes what depends on every page.
func (s *Session) updatePages(ctx context.Context, src *content.Site, pages []*content.Page) (*Result, *output.Memory, error) {
	start := time.Now()
	last := s.last
	mem := last.out.Clone()
	// The search index is written anew; its chunk names change with content.
	for _, name := range last.searchFiles {
		mem.Remove(name)
	}
	b := last.pageBuilder(src, s.cache)
	if err := b.renderPages(ctx, pages, mem); err != nil {
		return nil, nil, err
	}
	if err := b.writeCatalogJSON(mem); err != nil {
		return nil, nil, err
	}
	d, err := b.finishPages(mem, last, pages)
	if err != nil {
		return nil, nil, err
	}
	res, b, err := s.done(b, start, d, mem)
	if err != nil {
		return nil, nil, err
	}
	s.remember(b, src, mem)
	s.pageUpdates++
	for _, p := range pages {
		res.Updated = append(res.Updated, p.URL)
	}
	return res, mem, nil
}

// renderCache keeps Markdown results by content key. It is safe for
// concurrent use by the render workers.
type renderCache struct {
	mu       sync.Mutex
	settings [32]byte
	data     [32]byte
	// entries is the in-memory layer; nil for one-shot builds, which would
	// only pay its memory.
	entries map[[32]byte]cached
	// disk is the content-addressed disk layer; nil when turned off.
	disk *cache.Dir
}

type cached struct {
	res   *markdown.Result
	diags diag.List
}

func newRenderCache(inMemory bool, disk *cache.Dir) *renderCache {
	c := &renderCache{disk: disk}
	if inMemory {
		c.entries = map[[32]byte]cached{}
	}
	return c
}

// reset sets what every entry depends on; when the settings change, the
// cache is emptied, so a stale result can never be reused.
func (c *renderCache) reset(settings, data [32]byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if settings != c.settings {
		clear(c.entries)
		c.settings = settings
	}
	c.data = data
}

// render returns the cached result for p, or renders it. With mini set, the
// body HTML is minified before it is cached, so a warm build never minifies
// it again (the layout around it is written minified by the templates).
func (c *renderCache) render(md *markdown.Renderer, mini *minify.M, p *content.Page, body []byte, links markdown.LinkResolver) (*markdown.Result, diag.List) {
	k := c.key(p, body)
	if c.entries != nil {
		c.mu.Lock()
		e, ok := c.entries[k]
		c.mu.Unlock()
		if ok && sameLinks(e.res, links) {
			return e.res, e.diags
		}
	}
	var e cached
	if data, ok := c.diskGet(k); ok && decodeCached(data, &e) == nil && sameLinks(e.res, links) {
		c.remember(k, e)
		return e.res, e.diags
	}
	e.res, e.diags = md.Render(body, markdown.Source{File: p.File, LineOffset: p.BodyLine, Links: links})
	if mini != nil {
		// The minifier rewrites its input in place, so it gets a copy. It
		// only fails when its writer does; a buffer never does, and the
		// unminified body would still be correct.
		if min, err := minifyBody(mini, e.res.HTML); err == nil {
			e.res.HTML = min
		}
	}
	c.remember(k, e)
	if c.disk != nil {
		if data, err := encodeCached(e); err == nil {
			c.disk.Put(k, data) // a failed write only costs a later miss
		}
	}
	return e.res, e.diags
}

func (c *renderCache) diskGet(k [32]byte) ([]byte, bool) {
	if c.disk == nil {
		return nil, false
	}
	return c.disk.Get(k)
}

func (c *renderCache) remember(k [32]byte, e cached) {
	if c.entries == nil {
		return
	}
	c.mu.Lock()
	c.entries[k] = e
	c.mu.Unlock()
}

// key hashes everything a page's Markdown result depends on: p's place
// and its body.
func (c *renderCache) key(p *content.Page, body []byte) [32]byte {
	h := sha256.New()
	h.Write(c.settings[:])
	if usesDirectives(body) {
		h.Write(c.data[:])
	}
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(p.BodyLine))
	h.Write(n[:])
	h.Write([]byte(p.File))
	h.Write([]byte{0})
	h.Write(body)
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// usesDirectives reports whether a body may use a directive, the only way
// data reaches a page: whether it holds "::" anywhere. A directive works
// inside block quotes and list items ("> ::errors", "- ::errors"), so a
// look at line starts would miss some, and a page cached without the
// data's hash would show old data after a data edit. A page that only
// names std::vector pays one render more after a data edit.
func usesDirectives(body []byte) bool {
	return bytes.Contains(body, []byte("::"))
}

// renderSettings hashes the settings every Markdown result depends on.
func renderSettings(rawHTML, minified bool, highlighter string) [32]byte {
	h := sha256.New()
	h.Write([]byte(buildID()))
	h.Write([]byte(highlighter))
	var flags byte
	if rawHTML {
		flags |= 1
	}
	if minified {
		flags |= 2
	}
	h.Write([]byte{flags})
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// dataSignature hashes the data files, in path order.
func dataSignature(files []content.DataFile) [32]byte {
	h := sha256.New()
	for _, f := range files {
		h.Write([]byte(f.Path))
		h.Write([]byte{0})
		h.Write(f.Source)
		h.Write([]byte{0})
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}
