package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tdewolff/minify/v2"

	"docsgen/internal/cache"
	"docsgen/internal/content"
	"docsgen/internal/diag"
	"docsgen/internal/markdown"
	"docsgen/internal/output"
)

// Session builds the same sources again and again, redoing only what
// changed. `docsgen build` uses a session for one build; the preview server
// keeps one for its whole life.
//
// Two things make rebuilds cheap:
//
//   - A render cache keeps every page's Markdown result under a key made of
//     everything that result depends on: the body, the file name and line
//     offset, the raw-HTML switch, the highlighter, and, for pages that use
//     directives, the data files. A full rebuild re-renders only pages whose
//     key changed.
//   - Update takes the list of changed files. When every one is a page that
//     already existed and its sidebar-facing front matter (title, weight,
//     badge, slug, draft, aliases) is unchanged, only those pages are
//     rendered again and written over a copy of the previous site; links
//     and the publishing outputs are redone for the whole site, as they
//     depend on every page. Anything else is a full build.
//
// Either way the files equal those of a fresh full build of the same
// sources; tests check this with random edit sequences.
type Session struct {
	opts  Options
	cache *renderCache

	// last is the state of the previous memory build, for Update.
	last    *builder
	lastOut *output.Memory
	// pageUpdates counts updates done page by page (for tests).
	pageUpdates int
	// deferOutputs is Options.DeferSlowOutputs.
	deferOutputs bool
	// oneShot marks the session of a single Build call.
	oneShot bool
}

// NewSession returns a session for opts. It keeps rendered pages between
// builds: in the disk cache opts.Cache when there is one (memory stays
// small on a large site), else in memory.
func NewSession(opts Options) *Session {
	opts.defaults()
	return &Session{opts: opts, cache: newRenderCache(opts.Cache == nil, opts.Cache), deferOutputs: opts.DeferSlowOutputs}
}

// Build runs a full build into w (render cache included).
func (s *Session) Build(ctx context.Context, w output.Writer) (*Result, error) {
	_, res, err := s.build(ctx, w)
	return res, err
}

// Update rebuilds into a new in-memory site after the files in changed (paths
// as shown to authors, such as content/reference/errors.md, or static/...)
// have changed. With no previous build, or changes it cannot apply page by
// page, it runs a full build.
func (s *Session) Update(ctx context.Context, changed []string) (*Result, *output.Memory, error) {
	if res, out, ok, err := s.updatePages(ctx, changed); ok || err != nil {
		return res, out, err
	}
	mem := output.NewMemory()
	if s.opts.CompactMemory {
		mem = output.NewCompactMemory()
	}
	b, res, err := s.build(ctx, mem)
	if err != nil {
		return nil, nil, err
	}
	s.last, s.lastOut = nil, nil
	if b.site != nil {
		s.last, s.lastOut = b, mem
	}
	return res, mem, nil
}

// updatePages is the page-by-page path of Update; ok is false when it does
// not apply.
func (s *Session) updatePages(ctx context.Context, changed []string) (*Result, *output.Memory, bool, error) {
	b := s.last
	if b == nil || len(changed) == 0 {
		return nil, nil, false, nil
	}
	byPath := make(map[string]*content.Page, len(b.site.Pages))
	for _, p := range b.site.Pages {
		byPath[p.File] = p
	}
	type edit struct {
		old, new *content.Page
	}
	var edits []edit
	for _, c := range changed {
		old := byPath[c]
		if old == nil || path.Ext(c) != ".md" {
			return nil, nil, false, nil
		}
		// A page replaced by something that is not a file (a named pipe
		// would block the read forever) takes a full build, which says so.
		fi, err := fs.Lstat(s.opts.Content, old.Path)
		if err != nil {
			return nil, nil, false, nil
		}
		if msg, _ := content.Unreadable(s.opts.Content, old.Path, fs.FileInfoToDirEntry(fi)); msg != "" {
			return nil, nil, false, nil
		}
		src, err := fs.ReadFile(s.opts.Content, old.Path)
		if err != nil {
			return nil, nil, false, nil
		}
		np, diags := content.ParsePage(old.Path, old.File, src)
		if np == nil || diags.HasErrors() || !sameNav(old, np) {
			return nil, nil, false, nil
		}
		edits = append(edits, edit{old, np})
	}
	start := time.Now()
	// Copy the previous site, then replace what the edits touch.
	mem := s.lastOut.Clone()
	// The search index is written anew; its chunk names change with content.
	mem.RemoveFolder(searchFolder)
	r := b.newPageRenderer()
	// Edits that pass sameNav leave every sidebar as it was; start afresh
	// all the same, as rendering the few sidebars an edit needs is cheap.
	b.sidebars = map[sidebarKey]sharedSidebar{}
	for _, e := range edits {
		p := e.old
		p.Source, p.Body, p.BodyLine, p.Front, p.Lastmod = e.new.Source, e.new.Body, e.new.BodyLine, e.new.Front, e.new.Lastmod
		b.diags = slices.DeleteFunc(b.diags, func(d diag.Diagnostic) bool { return d.File == p.File })
		if err := r.render(ctx, p, mem); err != nil {
			return nil, nil, true, err
		}
	}
	if err := b.writeCatalogJSON(mem); err != nil {
		return nil, nil, true, err
	}
	d, err := b.finish(mem)
	if err != nil {
		return nil, nil, true, err
	}
	s.lastOut = mem
	s.pageUpdates++
	res := &Result{Diags: b.allDiags(), Pages: len(b.site.Pages), Assets: len(b.assets.files), Duration: time.Since(start)}
	if s.deferOutputs {
		res.Deferred = d.write
	} else if err := d.write(mem); err != nil {
		return nil, nil, true, err
	}
	return res, mem, true, nil
}

// sameNav reports whether an edit leaves everything other pages show of
// this page unchanged.
func sameNav(a, b *content.Page) bool {
	fa, fb := a.Front, b.Front
	return a.Title == b.Title && fa.Title == fb.Title && fa.Weight == fb.Weight && fa.Badge == fb.Badge &&
		fa.Slug == fb.Slug && fa.Draft == fb.Draft && slices.Equal(fa.Aliases, fb.Aliases) &&
		a.IsSection == b.IsSection
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
func (c *renderCache) render(md *markdown.Renderer, mini *minify.M, p *content.Page) (*markdown.Result, diag.List) {
	k := c.key(p)
	if c.entries != nil {
		c.mu.Lock()
		e, ok := c.entries[k]
		c.mu.Unlock()
		if ok {
			return e.res, e.diags
		}
	}
	var e cached
	if data, ok := c.diskGet(k); ok && decodeCached(data, &e) == nil {
		c.remember(k, e)
		return e.res, e.diags
	}
	e.res, e.diags = md.Render(p.Body, markdown.Source{File: p.File, LineOffset: p.BodyLine})
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

// key hashes everything a page's Markdown result depends on.
func (c *renderCache) key(p *content.Page) [32]byte {
	h := sha256.New()
	h.Write(c.settings[:])
	if usesDirectives(p.Body) {
		h.Write(c.data[:])
	}
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(p.BodyLine))
	h.Write(n[:])
	h.Write([]byte(p.File))
	h.Write([]byte{0})
	h.Write(p.Body)
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// usesDirectives reports whether a body has a line starting with "::",
// the only way data reaches a page.
func usesDirectives(body []byte) bool {
	if bytes.HasPrefix(bytes.TrimLeft(body, " \t"), []byte("::")) {
		return true
	}
	for _, sep := range [][]byte{[]byte("\n::"), []byte("\n ::"), []byte("\n  ::"), []byte("\n   ::"), []byte("\n\t::")} {
		if bytes.Contains(body, sep) {
			return true
		}
	}
	return false
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

// dataSignature hashes every file under _data/, in path order.
func dataSignature(fsys fs.FS) [32]byte {
	h := sha256.New()
	fs.WalkDir(fsys, "_data", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		if msg, _ := content.Unreadable(fsys, p, d); msg != "" {
			return nil // a named pipe would block; the loader reports it
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil
		}
		h.Write([]byte(p))
		h.Write([]byte{0})
		h.Write(b)
		h.Write([]byte{0})
		return nil
	})
	var k [32]byte
	h.Sum(k[:0])
	return k
}
