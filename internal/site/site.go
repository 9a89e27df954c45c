// Package site builds a docsgen site: it loads the content tree and the
// data, renders every page through the Markdown renderer and the templ
// layout, checks every internal link, and hands each output file to an
// output.Writer (a folder on disk, or memory for the preview server).
//
// A build is a pipeline of plain steps:
//
//  1. content.Load reads the content folder, the only reader of it: pages
//     (a preview session keeps their sources; a one-shot build lets them
//     go and reads each body again to render it), site.yaml and the raw
//     bytes of _data/, which catalog.Decode decodes.
//  2. The theme's CSS and JS are bundled and fingerprinted.
//  3. Pages render in parallel, one worker per CPU: Markdown to HTML
//     (through the render cache, see Session), then the page view model
//     (sidebar, breadcrumbs, TOC, prev/next) through templates.Document,
//     straight to the writer. A build minifies each Markdown body once, as
//     it is rendered and cached; the templates write minified markup, and
//     each section's sidebar is rendered once. Each page's Markdown source
//     is published beside it (index.md).
//     The files beside the pages (images, downloads) are published at
//     their paths in the content folder (files.go); one that would land
//     where a static file, a page or an output of docsgen lands is an
//     error naming both. A tree without a home page gets one that lists
//     its sections, with a warning (home.go). Symbolic links in the
//     content and static folders that lead outside the project folder
//     (Options.Project) are errors, and their files are not published.
//  4. The publishing outputs (sitemap.xml, robots.txt, llms.txt, _redirects,
//     /reference/errors.json, 404.html) are written, and links and
//     #fragments found while rendering are checked against every page's ids
//     and every written file.
//  5. The search index (search/) and llms-full.txt are built from what
//     rendering kept of each page (a one-shot build keeps the search text
//     in a search.Spool, on disk); a preview session defers them to the
//     first request (SessionOptions.DeferSlowOutputs).
//
// Build runs these steps once and returns a Result that says, as fields,
// what a server needs to serve the output (redirects, the stylesheet's URL,
// the deferred outputs). A Session keeps its own state between builds for
// the preview server and calls the same steps: content.Site.Reload says
// what an edit changed, and an edit of a few pages renders only those.
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
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/tdewolff/minify/v2"
	mhtml "github.com/tdewolff/minify/v2/html"

	"docsgen/internal/cache"
	"docsgen/internal/content"
	"docsgen/internal/diag"
	"docsgen/internal/highlight"
	"docsgen/internal/linkcheck"
	"docsgen/internal/markdown"
	"docsgen/internal/output"
	"docsgen/templates"
)

// Options configures a build. Fields state their defaults.
type Options struct {
	// Content is the content folder (required); content.Load is the only
	// reader of it.
	Content fs.FS
	// ContentDir is where Content lies on disk, used to ask git for each
	// page's last commit date (and by the preview server to watch it);
	// default "" (no git dates, lastmod only).
	ContentDir string
	// Display prefixes paths in diagnostics; default ContentDir with
	// forward slashes, else "content". It is for printing only.
	Display string
	// Static is laid over the embedded theme assets; default nil (theme only).
	Static fs.FS
	// StaticDir is where Static lies on disk, for messages and for checking
	// where its symbolic links lead; default "" (links must stay inside
	// Static).
	StaticDir string
	// Project is the folder symbolic links in the content and static
	// folders may lead into; a link leading elsewhere is an error and its
	// file is not published. Default the folder holding ContentDir.
	Project string
	// BaseURL overrides site.yaml's baseURL; default "" (use site.yaml).
	BaseURL string
	// Drafts includes draft pages; default false.
	Drafts bool
	// Strict makes unknown front matter keys errors; default false.
	Strict bool
	// Minify minifies HTML, CSS and JS; default false (serve leaves it off).
	Minify bool
	// Workers is the number of pages rendered at once; default GOMAXPROCS.
	Workers int
	// Cache keeps rendered Markdown on disk between builds; default nil
	// (no disk cache).
	Cache *cache.Dir
	// Loaded, when set, is called by Build with the number of pages once
	// the content is loaded, before any renders: the CLI sizes the
	// collector's memory limit from it. Default nil.
	Loaded func(pages int)

	// renderEverySidebar turns off the per-section sidebar cache, for tests
	// that compare the two.
	renderEverySidebar bool
}

// Result describes a finished build: what it made and what the preview
// server needs to serve it, so nothing is read back out of the output.
type Result struct {
	// Pages is the number of pages of the site; Rendered how many of them
	// this build laid out (all for a full build, the edited ones for a
	// session's page update).
	Pages    int
	Rendered int
	// Updated holds the URLs of the pages rendered when a session's page
	// update rendered only some; nil when every page was.
	Updated  []string
	Assets   int
	Duration time.Duration
	// Diags holds every warning and error of the build, sorted.
	Diags diag.List
	// StyleURL is the site path of the fingerprinted stylesheet
	// (/assets/style.1a2b3c4d5e.css); "" when the content could not be read.
	StyleURL string
	// Redirects maps each alias, as written in front matter, to the URL of
	// its page: the rules _redirects gives the host.
	Redirects map[string]string
	// Deferred holds the outputs the build left for later; nil when it
	// wrote everything (always for Build).
	Deferred *Deferred
	// Content is the content the build rendered, for quoting sources in
	// error reports (Content.Text); nil when the folder could not be read.
	Content *content.Site
	// External lists the links to other sites, with their positions, for
	// `docsgen check -external`; a build never fetches them.
	External []linkcheck.Ref
}

// Deferred is what a build left for later: the search index and
// llms-full.txt, which no page needs and which cost the most on a large
// site. Writing them later, even while the next build runs, gives exactly
// what this build would have written.
type Deferred struct {
	// Files are the names of the outputs left for later (llms-full.txt).
	Files []string
	// Folders are the folders (search/) whose files are named only once
	// written.
	Folders []string
	out     *deferredOutputs
}

// Holds reports whether the output named name (such as search/index.json)
// is one of the deferred ones.
func (d *Deferred) Holds(name string) bool {
	for _, f := range d.Files {
		if name == f {
			return true
		}
	}
	for _, f := range d.Folders {
		if strings.HasPrefix(name, f) {
			return true
		}
	}
	return false
}

// Write writes the deferred outputs to w: not to the Memory the session
// returned with them, which the next Update starts from, but to one of
// its own (or a Clone of it).
func (d *Deferred) Write(w output.Writer) error {
	_, err := d.out.write(w)
	return err
}

// Build renders the site described by opts into w: one pass of every step,
// in order. Content problems are in Result.Diags; the error is for
// failures of the machine (a write that failed, a cancelled context).
func Build(ctx context.Context, opts Options, w output.Writer) (*Result, error) {
	opts.defaults()
	start := time.Now()
	// A one-shot build reads each page's body once, to render it: the
	// sources need not be held meanwhile.
	copts := opts.contentOptions()
	copts.DropSources = true
	src, diags := content.Load(opts.Content, copts)
	if src == nil {
		return &Result{Diags: diags}, nil
	}
	if opts.Loaded != nil {
		opts.Loaded(len(src.Pages))
	}
	cache := newRenderCache(false, opts.Cache)
	hl, err := highlight.New(highlight.Options{})
	if err != nil {
		return nil, err
	}
	in, err := prepare(ctx, opts, src, cache, hl)
	if err != nil {
		return nil, err
	}
	b := newBuilder(in, src, cache)
	if err := b.buildOnce(ctx, w); err != nil {
		return nil, err
	}
	return b.result(start, nil), nil
}

func (opts *Options) defaults() {
	if opts.Display == "" {
		opts.Display = "content"
		if opts.ContentDir != "" {
			opts.Display = filepath.ToSlash(filepath.Clean(opts.ContentDir))
		}
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
}

func (opts *Options) contentOptions() content.Options {
	return content.Options{Display: opts.Display, Drafts: opts.Drafts, Strict: opts.Strict,
		Confine: content.Confine{Dir: opts.ContentDir, Project: opts.project()}}
}

// project is the project folder: Project, else the folder holding
// ContentDir, else "" (each folder's own parent).
func (opts *Options) project() string {
	if opts.Project != "" || opts.ContentDir == "" {
		return opts.Project
	}
	if dir, err := filepath.Abs(opts.ContentDir); err == nil {
		return filepath.Dir(dir)
	}
	return ""
}

func (opts *Options) staticConfine() content.Confine {
	return content.Confine{Dir: opts.StaticDir, Project: opts.project()}
}

// staticDisplay names the static folder in messages.
func (opts *Options) staticDisplay() string {
	if opts.StaticDir != "" {
		return filepath.ToSlash(filepath.Clean(opts.StaticDir))
	}
	return "static"
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
	src, body, err := b.site.Source(p)
	if err != nil {
		return err
	}
	res, diags := b.cache.render(b.md, r.mini, p, body, b.links.From(p.Path))
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
	if err := w.WriteFile(strings.TrimPrefix(p.URL, "/")+"index.md", b.markdownPage(p, src, body, res)); err != nil {
		return err
	}
	info := &pageInfo{file: p.File, path: p.Path, ids: linkcheck.NewAnchors(res.IDs), links: res.Links, sections: res.Sections, diags: diags, markdown: res.Markdown}
	if b.spool != nil {
		info.docs, info.sections, info.spooled = b.spool.Keep(searchDocsOf(p, res.Sections, b.entries)), nil, true
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
		Params:      p.Front.Params,
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
	vm.AskLinks = askLinks(b.baseURL + vm.SourceURL)
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
