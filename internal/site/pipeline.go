package site

import (
	"bytes"
	"context"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"docsgen/internal/catalog"
	"docsgen/internal/content"
	"docsgen/internal/diag"
	"docsgen/internal/gitlog"
	"docsgen/internal/highlight"
	"docsgen/internal/linkcheck"
	"docsgen/internal/markdown"
	"docsgen/internal/output"
	"docsgen/internal/search"
	"docsgen/static"
	"docsgen/templates"
)

// The steps of a build, in order: prepare (data, renderer, theme), render
// the pages, write the extras, finish (publishing outputs and link checks).
// Build runs them once; a Session runs the same steps, and for an edit of
// a few pages renders only those over the previous build's output.

// inputs are what pages render with besides themselves: made by prepare
// once per full build and never changed after, so a session's page update
// reuses the inputs of the build before it.
type inputs struct {
	opts      Options
	catalog   *catalog.Catalog
	dataDiags diag.List
	md        *markdown.Renderer
	assets    *assets
	dates     map[string]time.Time
	baseURL   string
	siteVM    *templates.Site
	// beside are the files beside the pages to publish, and besideDiags
	// the problems of publishing them (see files.go).
	beside      []content.File
	besideDiags diag.List
}

// prepare decodes the data content read, sets up the Markdown renderer
// (code highlighted by hl) and the render cache, and bundles the theme.
func prepare(ctx context.Context, opts Options, src *content.Site, cache *renderCache, hl *highlight.Highlighter) (*inputs, error) {
	in := &inputs{opts: opts}
	in.catalog, in.dataDiags = catalog.Decode(path.Join(opts.Display, content.DataDir), src.Data)
	mdOpts := markdown.Options{AllowRawHTML: src.Config.RawHTML}
	// A tree with no data has no directives: its authors are not told
	// about this site's ::errors and ::status-table (see cascade.go). A
	// data file that failed keeps its directives quiet: one cause, one
	// error.
	if !in.catalog.Empty() || in.dataDiags.HasErrors() {
		mdOpts.Directives = in.catalog.Directives()
		if in.dataDiags.HasErrors() {
			mdOpts.Directives = quietDirectives(mdOpts.Directives)
		}
	}
	in.md = markdown.New(mdOpts, hl)
	cache.reset(renderSettings(src.Config.RawHTML, opts.Minify, hl.Fingerprint()), dataSignature(src.Data))
	var err error
	in.assets, err = loadAssets([]assetLayer{{fsys: static.FS}, {fsys: opts.Static, display: opts.staticDisplay(), confine: opts.staticConfine()}},
		hl.CSS(), opts.Minify)
	if err != nil {
		return nil, err
	}
	in.beside, in.besideDiags = planFiles(src, in.assets)
	if opts.ContentDir != "" {
		in.dates = gitlog.LastCommits(ctx, opts.ContentDir)
	}
	in.baseURL = strings.TrimSuffix(src.Config.BaseURL, "/")
	if opts.BaseURL != "" {
		in.baseURL = strings.TrimSuffix(opts.BaseURL, "/")
	}
	in.siteVM = &templates.Site{
		Title:     src.Config.Title,
		StyleURL:  in.assets.styleURL,
		ScriptURL: in.assets.scriptURL,
		SearchURL: "/" + searchFolder,
		Lang:      "en",
	}
	for _, l := range src.Config.HeaderLinks {
		in.siteVM.HeaderLinks = append(in.siteVM.HeaderLinks, templates.Link{Title: l.Title, URL: l.URL})
	}
	for _, l := range src.Config.FooterLinks {
		in.siteVM.FooterLinks = append(in.siteVM.FooterLinks, templates.Link{Title: l.Title, URL: l.URL})
	}
	return in, nil
}

// builder is one build of one content.Site with given inputs: what the
// steps learn while rendering. A session starts each build with a new
// builder, seeded with what the previous one rendered.
type builder struct {
	*inputs
	site  *content.Site
	nav   *navigation
	cache *renderCache
	// links resolves links written relative to a page's source file;
	// failed maps pages that exist but did not load to their URL.
	links  *linkcheck.Table
	failed map[string]string

	// rendered counts the pages this build laid out.
	rendered atomic.Int64

	mu           sync.Mutex
	linkDiags    diag.List
	publishDiags diag.List
	external     []linkcheck.Ref      // links to other sites
	pages        map[string]*pageInfo // by URL
	files        map[string]bool      // site paths of non-page files
	aliases      map[string]string    // alias to page URL, from finish
	// anchors holds each page's ids by URL, for the link checker; made
	// by checkLinks, never changed after.
	anchors map[string]linkcheck.Anchors
	// searchFiles are the search index's files, when written with the
	// build (not deferred).
	searchFiles []string
	// pageDiags holds the Markdown problems of every page; nil until
	// allDiags gathers them (a page update carries them over).
	pageDiags diag.List

	// sidebars holds each section's sidebar markup with no page marked
	// current; see sidebarHTML.
	sidebars map[sidebarKey]sharedSidebar

	// spool, set for a one-shot build, keeps each page's search text on
	// disk from when the page renders until the index reads it; entries
	// are the catalog's, for making the page's documents then.
	spool   *search.Spool
	entries map[string]search.Entry
}

// pageInfo is what the build keeps of a rendered page after writing it. It
// is replaced, never changed, when its page renders again.
type pageInfo struct {
	file     string // the page's file as shown to authors
	path     string // the page's path in the content FS
	ids      linkcheck.Anchors
	links    []markdown.Link
	sections []markdown.Section
	// docs, when spooled is set, are where the page's search documents,
	// made when it rendered, wait in the build's spool; sections is nil.
	docs    search.SpooledPage
	spooled bool
	// diags are the page's Markdown problems.
	diags diag.List
	// markdown is the body with directives expanded (Result.Markdown), nil
	// when the page has none.
	markdown []byte
}

// newBuilder starts a full build of src.
func newBuilder(in *inputs, src *content.Site, cache *renderCache) *builder {
	b := &builder{inputs: in, site: src, nav: newNavigation(src), cache: cache,
		pages: make(map[string]*pageInfo, len(src.Pages)), files: map[string]bool{},
		sidebars: map[sidebarKey]sharedSidebar{}}
	b.failed = failedPages(src, src.Diags, in.opts.Content, in.opts.Display)
	b.links = linkTable(src, b.failed)
	return b
}

// renderPages renders and writes pages, a worker per CPU.
func (b *builder) renderPages(ctx context.Context, pages []*content.Page, w output.Writer) error {
	jobs := make(chan *content.Page)
	errc := make(chan error, b.opts.Workers)
	var wg sync.WaitGroup
	for range b.opts.Workers {
		wg.Go(func() {
			r := b.newPageRenderer()
			for p := range jobs {
				if err := r.render(ctx, p, w); err != nil {
					errc <- err
					return
				}
				b.rendered.Add(1)
			}
		})
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

// renderSite runs every step of a full build into w: every page, the
// extras, the publishing outputs and the link checks.
func (b *builder) renderSite(ctx context.Context, w output.Writer) (*deferredOutputs, error) {
	if err := b.renderAll(ctx, w); err != nil {
		return nil, err
	}
	return b.finish(w)
}

// buildOnce is renderSite for a one-shot build, which writes the deferred
// outputs too (writeOnce). It holds as little as it can at once: each
// page's body is read again to render it (content.Options.DropSources),
// its search text waits in a spool, and the links are checked before the
// index is built, so that the pages' ids and links are let go before the
// index's tables are made (at 100,000 pages, each is hundreds of MB).
func (b *builder) buildOnce(ctx context.Context, w output.Writer) error {
	// Each page's search text waits on disk, not in memory, until the
	// index reads it; without a spool it waits in memory.
	if spool, err := search.NewSpool(""); err == nil {
		defer spool.Close()
		b.spool, b.entries = spool, b.searchEntries()
	}
	if err := b.renderAll(ctx, w); err != nil {
		return err
	}
	d, err := b.publish(w)
	if err != nil {
		return err
	}
	b.checkLinks()
	b.letLinksGo()
	_, err = d.writeOnce(w)
	return err
}

// letLinksGo drops what only the link check needed, once it has run in a
// one-shot build: each page's ids and links (each pageInfo is replaced by
// a copy without them) and the anchor table.
func (b *builder) letLinksGo() {
	b.anchors = nil
	for url, info := range b.pages {
		b.pages[url] = &pageInfo{file: info.file, path: info.path, sections: info.sections, docs: info.docs,
			spooled: info.spooled, diags: info.diags, markdown: info.markdown}
	}
}

// renderAll renders every page, the extras and the section indexes.
func (b *builder) renderAll(ctx context.Context, w output.Writer) error {
	if err := b.renderPages(ctx, b.site.Pages, w); err != nil {
		return err
	}
	if err := b.writeExtras(ctx, w); err != nil {
		return err
	}
	return b.writeSectionIndexes(ctx, w)
}

// finish writes what depends on every page (publishing outputs) and checks
// links; it runs after full builds and after page updates alike.
func (b *builder) finish(w output.Writer) (*deferredOutputs, error) {
	d, err := b.publish(w)
	if err != nil {
		return nil, err
	}
	b.checkLinks()
	return d, nil
}

// publish writes the publishing outputs. The two outputs that cost the
// most on a large site and that no page needs to render, the search index
// and llms-full.txt, are captured in a deferredOutputs, their names known
// to the link check: a one-shot build writes them at once; the preview
// server writes them when they are first asked for.
func (b *builder) publish(w output.Writer) (*deferredOutputs, error) {
	if err := b.writePublishing(w); err != nil {
		return nil, err
	}
	return b.captureDeferred(), nil
}

// result describes the finished build.
func (b *builder) result(start time.Time, d *deferredOutputs) *Result {
	res := &Result{
		Pages:     len(b.site.Pages),
		Rendered:  int(b.rendered.Load()),
		Assets:    len(b.assets.files),
		Duration:  time.Since(start),
		Diags:     b.allDiags(),
		StyleURL:  b.assets.styleURL,
		Redirects: b.aliases,
		Content:   b.site,
		External:  b.external,
	}
	if d != nil {
		res.Deferred = &Deferred{Files: []string{"llms-full.txt"}, Folders: []string{searchFolder}, out: d}
	}
	return res
}

// allDiags gathers the diagnostics of loading, of every page and of the
// checks, sorted.
func (b *builder) allDiags() diag.List {
	if b.pageDiags == nil {
		b.pageDiags = diag.List{}
		for _, info := range b.pages {
			b.pageDiags.Add(info.diags...)
		}
	}
	var out diag.List
	out.Add(b.site.Diags...)
	out.Add(b.dataDiags...)
	out.Add(b.assets.diags...)
	out.Add(b.besideDiags...)
	out.Add(b.pageDiags...)
	out.Add(b.linkDiags...)
	out.Add(b.publishDiags...)
	out.Sort()
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
	if err := b.writeBeside(w); err != nil {
		return err
	}
	if err := b.writeGeneratedHome(ctx, w); err != nil {
		return err
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
	name := b.catalogJSONName()
	if name == "" {
		return nil
	}
	data, err := b.catalog.JSON("/" + strings.TrimSuffix(name, ".json") + "/")
	if err != nil {
		return err
	}
	if err := w.WriteFile(name, data); err != nil {
		return err
	}
	b.files["/"+name] = true
	return nil
}

// catalogJSONName is the file the error catalog is published as, beside
// the page that shows its entries (reference/errors.json), or "" when no
// page shows them.
func (b *builder) catalogJSONName() string {
	if b.catalog == nil || b.catalog.Empty() {
		return ""
	}
	anchor := b.catalog.FirstAnchor()
	for _, p := range b.site.Pages {
		if info := b.pages[p.URL]; info != nil && info.ids.Has(anchor) {
			return strings.TrimSuffix(strings.TrimPrefix(p.URL, "/"), "/") + ".json"
		}
	}
	return ""
}

// checkLinks checks every internal link of every page and of site.yaml.
// The links are checked as each page gives them, never gathered into one
// list (at 100,000 pages, over a million links); the external ones are
// kept for -external.
func (b *builder) checkLinks() {
	b.anchors = make(map[string]linkcheck.Anchors, len(b.pages))
	for url, info := range b.pages {
		b.anchors[url] = info.ids
	}
	b.external = nil
	b.linkDiags = b.linkSite().CheckSeq(func(yield func(linkcheck.Ref) bool) {
		keep := func(r linkcheck.Ref) bool {
			if isExternal(r) {
				b.external = append(b.external, r)
			}
			return yield(r)
		}
		for url, info := range b.pages {
			for _, l := range info.links {
				if !keep(pageRef(url, info, l)) {
					return
				}
			}
		}
		cfg := b.site.Config
		for _, l := range append(append([]content.ConfigLink{}, cfg.HeaderLinks...), cfg.FooterLinks...) {
			if !keep(linkcheck.Ref{File: cfg.File, Line: l.Line, Col: l.Col, Dest: l.URL}) {
				return
			}
		}
	})
}

// linkSite is what the link checker knows of this build: each page's
// anchors (b.anchors), the other files, the pages that failed to load and
// site.yaml's links: settings.
func (b *builder) linkSite() *linkcheck.Site {
	ls := &linkcheck.Site{Pages: b.anchors, Files: b.files, Table: b.links,
		Ignore: linkcheck.CompilePatterns(b.site.Config.Links.Ignore), Warn: b.site.Config.Links.Broken == "warn",
		Failed: make(map[string]bool, len(b.failed))}
	for _, u := range b.failed {
		ls.Failed[u] = true
	}
	return ls
}

// pageRefs are the links on the page at url, for the link checker.
func pageRefs(url string, info *pageInfo) []linkcheck.Ref {
	refs := make([]linkcheck.Ref, 0, len(info.links))
	for _, l := range info.links {
		refs = append(refs, pageRef(url, info, l))
	}
	return refs
}

// pageRef is the link l on the page at url, for the link checker.
func pageRef(url string, info *pageInfo, l markdown.Link) linkcheck.Ref {
	return linkcheck.Ref{From: url, FromPath: info.path, File: info.file, Line: l.Line, Col: l.Col, Dest: l.Dest, URL: l.URL}
}
