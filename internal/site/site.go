// Package site builds a docsgen site: it loads the content tree and the
// data, renders every page through the Markdown renderer and the templ
// layout, checks every internal link, and hands each output file to an
// output.Writer (a folder on disk, or memory for the preview server).
//
// A build is a pipeline of plain steps:
//
//  1. content.Load reads pages and site.yaml; catalog.Load reads _data/.
//  2. The theme's CSS and JS are bundled and fingerprinted.
//  3. Pages render in parallel, one worker per CPU: Markdown to HTML
//     (through the render cache, see Session), then the page view model
//     (sidebar, breadcrumbs, TOC, prev/next) through templates.Document,
//     straight to the writer. A build minifies each Markdown body once, as
//     it is rendered and cached; the templates write minified markup, and
//     each section's sidebar is rendered once. Each page's Markdown source
//     is published beside it (index.md).
//  4. The publishing outputs (sitemap.xml, robots.txt, llms.txt, _redirects,
//     /reference/errors.json, 404.html) are written, and links and
//     #fragments found while rendering are checked against every page's ids
//     and every written file.
//  5. The search index (search/) and llms-full.txt are built from what
//     rendering kept of each page; the preview server defers them to the
//     first request (Options.DeferSlowOutputs).
//
// Build is one full build. A Session builds the same sources again and
// again for the preview server, redoing only what changed.
//
// Every problem found is returned as a diagnostic; Build does not stop at the
// first. The caller decides what to do with a build that has errors (the
// CLI aborts the output folder, so build/ stays as it was).
package site

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io/fs"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/tdewolff/minify/v2"
	mhtml "github.com/tdewolff/minify/v2/html"

	"docsgen/internal/cache"
	"docsgen/internal/catalog"
	"docsgen/internal/content"
	"docsgen/internal/diag"
	"docsgen/internal/gitlog"
	"docsgen/internal/highlight"
	"docsgen/internal/linkcheck"
	"docsgen/internal/markdown"
	"docsgen/internal/output"
	"docsgen/static"
	"docsgen/templates"
)

// Options configures a build. Fields state their defaults.
type Options struct {
	// Content is the content folder (required).
	Content fs.FS
	// ContentDir is the content folder on disk, used to ask git for each
	// page's last commit date; default "" (no git dates, lastmod only).
	ContentDir string
	// Display prefixes paths in diagnostics; default "content".
	Display string
	// Static is laid over the embedded theme assets; default nil (theme only).
	Static fs.FS
	// BaseURL overrides site.yaml's baseURL; default "" (use site.yaml).
	BaseURL string
	// Drafts includes draft pages; default false.
	Drafts bool
	// Minify minifies HTML, CSS and JS; default false (serve leaves it off).
	Minify bool
	// Workers is the number of pages rendered at once; default GOMAXPROCS.
	Workers int
	// Cache keeps rendered Markdown on disk between builds; default nil
	// (no disk cache).
	Cache *cache.Dir
	// DeferSlowOutputs leaves the search index and llms-full.txt to
	// Result.Deferred, so a rebuild is ready before they are; default
	// false. The preview server sets it.
	DeferSlowOutputs bool
	// CompactMemory makes Session.Update keep text files deflated in its
	// in-memory sites (output.NewCompactMemory); default false. The
	// preview server sets it, so a large site fits in a few hundred MB.
	CompactMemory bool

	// renderEverySidebar turns off the per-section sidebar cache, for tests
	// that compare the two.
	renderEverySidebar bool
}

// Result describes a finished build.
type Result struct {
	Pages    int
	Assets   int
	Duration time.Duration
	// Diags holds every warning and error of the build, sorted.
	Diags diag.List
	// Deferred, when not nil, writes the outputs the build left for later
	// (the search index under search/ and llms-full.txt); only sessions
	// made with Options.DeferSlowOutputs leave any.
	Deferred func(w output.Writer) error
}

// Build renders the site described by opts into w. Content problems are in
// Result.Diags; the error is for failures of the machine (a write that
// failed, a cancelled context).
func Build(ctx context.Context, opts Options, w output.Writer) (*Result, error) {
	opts.defaults()
	s := &Session{opts: opts, cache: newRenderCache(false, opts.Cache), oneShot: true}
	return s.Build(ctx, w)
}

func (opts *Options) defaults() {
	if opts.Display == "" {
		opts.Display = "content"
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
}

// build runs one full build with the session's render cache.
func (s *Session) build(ctx context.Context, w output.Writer) (*builder, *Result, error) {
	start := time.Now()
	b, err := newBuilder(ctx, s.opts, s.cache)
	if err != nil {
		return nil, nil, err
	}
	b.oneShot = s.oneShot
	res := &Result{}
	if b.site == nil {
		res.Diags = b.allDiags()
		return b, res, nil
	}
	if err := b.renderAll(ctx, w); err != nil {
		return nil, nil, err
	}
	if err := b.writeExtras(ctx, w); err != nil {
		return nil, nil, err
	}
	if err := b.writeSectionIndexes(ctx, w); err != nil {
		return nil, nil, err
	}
	d, err := b.finish(w)
	if err != nil {
		return nil, nil, err
	}
	if s.deferOutputs {
		res.Deferred = d.write
	} else if err := d.write(w); err != nil {
		return nil, nil, err
	}
	res.Diags = b.allDiags()
	res.Pages = len(b.site.Pages)
	res.Assets = len(b.assets.files)
	res.Duration = time.Since(start)
	return b, res, nil
}

// finish writes what depends on every page (publishing outputs) and checks
// links; it runs after full builds and after single-page updates alike.
//
// The two outputs that cost the most on a large site and that no page
// needs to render, the search index and llms-full.txt, are captured in a
// deferredOutputs: a one-shot build writes them at once; the preview server
// writes them when they are first asked for.
func (b *builder) finish(w output.Writer) (*deferredOutputs, error) {
	if err := b.writePublishing(w); err != nil {
		return nil, err
	}
	d := b.captureDeferred()
	for _, n := range d.names() {
		b.files["/"+n] = true
	}
	b.checkLinks()
	return d, nil
}

// allDiags gathers the diagnostics of loading, of every page and of the
// checks, sorted.
func (b *builder) allDiags() diag.List {
	var out diag.List
	out.Add(b.diags...)
	for _, info := range b.pages {
		out.Add(info.diags...)
	}
	out.Add(b.linkDiags...)
	out.Add(b.publishDiags...)
	out.Sort()
	return out
}

// builder carries one build's loaded inputs and what rendering learnt.
type builder struct {
	opts    Options
	site    *content.Site
	catalog *catalog.Catalog
	md      *markdown.Renderer
	assets  *assets
	nav     *navigation
	dates   map[string]time.Time
	baseURL string
	siteVM  *templates.Site

	cache *renderCache
	// oneShot is set for a build no session will update: it may free each
	// page's source once the page is written.
	oneShot bool

	mu sync.Mutex
	// diags are the problems of loading (content, site.yaml, data).
	diags        diag.List
	linkDiags    diag.List
	publishDiags diag.List
	pages        map[string]*pageInfo // by URL
	files        map[string]bool      // site paths of non-page files

	// sidebars holds each section's sidebar markup with no page marked
	// current; see sidebarHTML.
	sidebars map[sidebarKey]sharedSidebar
}

// pageInfo is what the build keeps of a rendered page after writing it.
type pageInfo struct {
	page     *content.Page
	ids      map[string]bool
	links    []markdown.Link
	sections []markdown.Section
	headings []markdown.Heading
	// diags are the page's Markdown problems.
	diags diag.List
}

func newBuilder(ctx context.Context, opts Options, cache *renderCache) (*builder, error) {
	b := &builder{opts: opts, cache: cache, pages: map[string]*pageInfo{}, files: map[string]bool{}}
	site, diags := content.Load(opts.Content, content.Options{Display: opts.Display, Drafts: opts.Drafts})
	b.diags.Add(diags...)
	if site == nil {
		return b, nil
	}
	b.site = site
	cat, cd := catalog.Load(opts.Content, "_data", opts.Display)
	b.diags.Add(cd...)
	b.catalog = cat

	hl, err := highlight.New(highlight.Options{})
	if err != nil {
		return nil, err
	}
	mdOpts := markdown.Options{AllowRawHTML: site.Config.RawHTML}
	if cat != nil {
		mdOpts.Directives = cat.Directives()
	}
	b.md = markdown.New(mdOpts, hl)
	b.cache.reset(renderSettings(site.Config.RawHTML, opts.Minify, hl.Fingerprint()), dataSignature(opts.Content))
	b.assets, err = loadAssets([]fs.FS{static.FS, opts.Static}, hl.CSS(), opts.Minify)
	if err != nil {
		return nil, err
	}
	b.nav = newNavigation(site)
	b.sidebars = map[sidebarKey]sharedSidebar{}
	if opts.ContentDir != "" {
		b.dates = gitlog.LastCommits(ctx, opts.ContentDir)
	}
	b.baseURL = strings.TrimSuffix(site.Config.BaseURL, "/")
	if opts.BaseURL != "" {
		b.baseURL = strings.TrimSuffix(opts.BaseURL, "/")
	}
	b.siteVM = &templates.Site{
		Title:     site.Config.Title,
		StyleURL:  b.assets.styleURL,
		ScriptURL: b.assets.scriptURL,
		SearchURL: "/" + searchFolder,
		Lang:      "en",
	}
	for _, l := range site.Config.HeaderLinks {
		b.siteVM.HeaderLinks = append(b.siteVM.HeaderLinks, templates.Link{Title: l.Title, URL: l.URL})
	}
	for _, l := range site.Config.FooterLinks {
		b.siteVM.FooterLinks = append(b.siteVM.FooterLinks, templates.Link{Title: l.Title, URL: l.URL})
	}
	return b, nil
}

// renderAll renders and writes every page, a worker per CPU.
func (b *builder) renderAll(ctx context.Context, w output.Writer) error {
	pages := b.site.Pages
	jobs := make(chan *content.Page)
	errc := make(chan error, b.opts.Workers)
	var wg sync.WaitGroup
	for range b.opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := b.newPageRenderer()
			for p := range jobs {
				if err := r.render(ctx, p, w); err != nil {
					errc <- err
					return
				}
			}
		}()
	}
	var err error
loop:
	for _, p := range pages {
		select {
		case jobs <- p:
		case err = <-errc:
			break loop
		case <-ctx.Done():
			err = ctx.Err()
			break loop
		}
	}
	close(jobs)
	wg.Wait()
	if err == nil {
		select {
		case err = <-errc:
		default:
		}
	}
	return err
}

// pageRenderer is one worker's reusable buffer and minifier.
type pageRenderer struct {
	b    *builder
	buf  bytes.Buffer
	mini *minify.M // nil when not minifying
}

func (b *builder) newPageRenderer() *pageRenderer {
	r := &pageRenderer{b: b}
	if b.opts.Minify {
		r.mini = htmlMinifier()
	}
	return r
}

// htmlMinifier minifies HTML without changing its document structure.
//
// Only Markdown bodies go through it page by page: the templates write
// their markup already minified (TestLayoutIsMinified holds them to it),
// so minifying a whole page again, the costliest step of a warm build,
// is not needed.
func htmlMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &mhtml.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	return m
}

func (r *pageRenderer) render(ctx context.Context, p *content.Page, w output.Writer) error {
	b := r.b
	res, diags := b.cache.render(b.md, r.mini, p)
	vm := b.pageView(p, res)
	r.buf.Reset()
	if err := templates.Document(vm).Render(ctx, &r.buf); err != nil {
		return fmt.Errorf("rendering %s: %w", p.File, err)
	}
	html := r.buf.Bytes()
	name := strings.TrimPrefix(p.URL, "/") + "index.html"
	if err := w.WriteFile(name, bytes.Clone(html)); err != nil {
		return err
	}
	if err := w.WriteFile(strings.TrimPrefix(p.URL, "/")+"index.md", p.Source); err != nil {
		return err
	}
	if b.oneShot {
		// A one-shot build needs the source no more: free it now, so memory
		// does not grow with the site (llms-full.txt reads it again).
		p.Source, p.Body = nil, nil
	}
	info := &pageInfo{page: p, ids: make(map[string]bool, len(res.IDs)), links: res.Links, sections: res.Sections, headings: res.Headings, diags: diags}
	for _, id := range res.IDs {
		info.ids[id] = true
	}
	b.mu.Lock()
	b.pages[p.URL] = info
	b.files[p.URL+"index.md"] = true
	b.mu.Unlock()
	return nil
}

// sidebarHTML returns page p's sidebar markup from its section's, rendered
// once per build: the sidebar of every page of a section is the same but
// for the link to the page itself, which gets aria-current="page". On a
// big site that saves rendering hundreds of links per page (a quarter of a
// warm build). It is false, and the page renders its own sidebar, when the
// cache is off or the page's link cannot be found exactly once.
// TestSidebarCacheChangesNothing holds the two to the same output.
func (b *builder) sidebarHTML(p *content.Page) (string, bool) {
	if b.opts.renderEverySidebar || html.EscapeString(p.URL) != p.URL {
		return "", false
	}
	key := b.nav.sidebarKey(p)
	b.mu.Lock()
	shared, ok := b.sidebars[key]
	b.mu.Unlock()
	if !ok {
		var buf strings.Builder
		if err := templates.SidebarNav(b.nav.sharedSidebar(key)).Render(context.Background(), &buf); err != nil {
			return "", false
		}
		shared = newSharedSidebar(buf.String())
		b.mu.Lock()
		b.sidebars[key] = shared
		b.mu.Unlock()
	}
	at, ok := shared.links[p.URL]
	if !ok || at < 0 {
		return "", false
	}
	return shared.html[:at] + ` aria-current="page"` + shared.html[at:], true
}

// sharedSidebar is a section's sidebar markup with no page marked current,
// and where each link's opening tag ends, by URL (-1 for a URL linked more
// than once).
type sharedSidebar struct {
	html  string
	links map[string]int
}

func newSharedSidebar(markup string) sharedSidebar {
	s := sharedSidebar{html: markup, links: map[string]int{}}
	const open = `<a href="`
	for i := 0; ; {
		j := strings.Index(markup[i:], open)
		if j < 0 {
			break
		}
		start := i + j + len(open)
		end := strings.IndexByte(markup[start:], '"')
		if end < 0 {
			break
		}
		end += start
		i = end
		if !strings.HasPrefix(markup[end:], `">`) {
			continue // a tag with more attributes: not a plain link
		}
		url := markup[start:end]
		if _, seen := s.links[url]; seen {
			s.links[url] = -1
		} else {
			s.links[url] = end + 1
		}
	}
	return s
}

// pageView builds the view model of one page.
func (b *builder) pageView(p *content.Page, res *markdown.Result) templates.Page {
	vm := templates.Page{
		Site:        b.siteVM,
		Title:       p.Title,
		Description: p.Front.Description,
		URL:         p.URL,
		Body:        string(res.HTML),
		Breadcrumbs: b.nav.breadcrumbs(p),
		SourceURL:   p.URL + "index.md",
		IsHome:      p.URL == "/",
	}
	if html, ok := b.sidebarHTML(p); ok {
		vm.NavHTML = html
	} else {
		vm.Nav = b.nav.sidebar(p)
	}
	if p.Front.Title == "" && res.Title != "" {
		vm.Title = res.Title
	}
	if b.baseURL != "" {
		vm.CanonicalURL = b.baseURL + p.URL
	}
	if p.ShowTOC() {
		vm.TOC = toc(res.Headings)
	}
	vm.Prev, vm.Next = b.nav.prevNext(p)
	vm.LastUpdated = b.lastUpdated(p)
	if e := b.site.Config.EditURL; e != "" {
		vm.EditURL = strings.TrimSuffix(e, "/") + "/" + p.Path
	}
	return vm
}

// lastUpdated is the date of the page's last git commit, else its
// front matter lastmod, else "".
func (b *builder) lastUpdated(p *content.Page) string {
	if t, ok := b.dates[p.Path]; ok {
		return t.UTC().Format(time.DateOnly)
	}
	if !p.Lastmod.IsZero() {
		return p.Lastmod.Format(time.DateOnly)
	}
	return ""
}

// toc nests h3 headings under the h2 before them.
func toc(hs []markdown.Heading) []templates.TOCItem {
	var out []templates.TOCItem
	for _, h := range hs {
		switch h.Level {
		case 2:
			out = append(out, templates.TOCItem{ID: h.ID, Text: h.Text})
		case 3:
			if len(out) == 0 {
				out = append(out, templates.TOCItem{ID: h.ID, Text: h.Text})
				continue
			}
			last := &out[len(out)-1]
			last.Children = append(last.Children, templates.TOCItem{ID: h.ID, Text: h.Text})
		}
	}
	return out
}

// writeExtras writes the assets, 404.html and the data exports.
func (b *builder) writeExtras(ctx context.Context, w output.Writer) error {
	for name, data := range b.assets.files {
		if err := w.WriteFile(name, data); err != nil {
			return err
		}
		b.files["/"+name] = true
	}
	nf := templates.Page{
		Site:     b.siteVM,
		Title:    "Page not found",
		URL:      "/404.html",
		Nav:      b.nav.sidebar(nil),
		NotFound: true,
	}
	var buf bytes.Buffer
	if err := templates.Document(nf).Render(ctx, &buf); err != nil {
		return err
	}
	html := buf.Bytes()
	if b.opts.Minify {
		var err error
		if html, err = htmlMinifier().Bytes("text/html", html); err != nil {
			return err
		}
	}
	if err := w.WriteFile("404.html", html); err != nil {
		return err
	}
	b.files["/404.html"] = true
	return b.writeCatalogJSON(w)
}

// writeCatalogJSON writes /reference/errors.json beside the page that shows
// the error entries.
func (b *builder) writeCatalogJSON(w output.Writer) error {
	if b.catalog == nil || b.catalog.Empty() {
		return nil
	}
	anchor := b.catalog.FirstAnchor()
	var host string
	for _, p := range b.site.Pages {
		if info := b.pages[p.URL]; info != nil && info.ids[anchor] {
			host = p.URL
			break
		}
	}
	if host == "" {
		return nil
	}
	data, err := b.catalog.JSON(host)
	if err != nil {
		return err
	}
	name := strings.TrimSuffix(strings.TrimPrefix(host, "/"), "/") + ".json"
	if err := w.WriteFile(name, data); err != nil {
		return err
	}
	b.files["/"+name] = true
	return nil
}

// checkLinks checks every internal link of every page and of site.yaml.
func (b *builder) checkLinks() {
	ls := &linkcheck.Site{Pages: make(map[string]map[string]bool, len(b.pages)), Files: b.files}
	var refs []linkcheck.Ref
	for url, info := range b.pages {
		ls.Pages[url] = info.ids
		for _, l := range info.links {
			refs = append(refs, linkcheck.Ref{From: url, File: info.page.File, Line: l.Line, Col: l.Col, Dest: l.Dest})
		}
	}
	cfg := b.site.Config
	for _, l := range append(append([]content.ConfigLink{}, cfg.HeaderLinks...), cfg.FooterLinks...) {
		refs = append(refs, linkcheck.Ref{File: cfg.File, Line: l.Line, Col: l.Col, Dest: l.URL})
	}
	b.linkDiags = ls.Check(refs)
}
