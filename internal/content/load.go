package content

import (
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"docsgen/internal/diag"
)

// Site is a loaded content tree: every page with its source, the files
// beside the pages, site.yaml and the raw data files. A Site, its pages
// and its sections are never changed once Load or Reload returns them;
// Reload makes a new Site, which shares what it did not read again. A page
// is identified by its Path: after a body edit, two Page values with the
// same Path are the same page.
type Site struct {
	Config Config
	// Root is the top section; its Page is the home page when there is one.
	// After a Reload of pages edited in their body only, the tree is the
	// earlier Site's: its entry for an edited page holds the earlier Page
	// value, which shows the same title, URL, weights and description.
	// Read bodies through Pages, ByURL or ByPath.
	Root *Section
	// Pages lists every page in reading order.
	Pages []*Page
	// ByURL finds a page by its URL.
	ByURL map[string]*Page
	// ByPath finds a page by its path in the content FS (reference/errors.md).
	ByPath map[string]*Page
	// Files lists the files beside the pages (images, downloads: every
	// file but Markdown, site.yaml, the data folder, hidden files and
	// symbolic links that lead out of the project), in walk order. Each is published at its path
	// (FileURL); ReadFile reads one.
	Files []File
	// Data holds the files of the data folder (_data/*.yaml), read once,
	// in path order; catalog decodes them.
	Data []DataFile
	// Diags holds every problem of loading (pages, site.yaml, the data
	// folder), sorted.
	Diags diag.List

	// src is what Reload starts from.
	src *source
	// fileAt finds a file of Files by its path.
	fileAt map[string]int
}

// File is a file beside the pages.
type File struct {
	// Path is the file's path in the content FS: img/diagram.png.
	Path string
	// File is the path shown to authors: content/img/diagram.png.
	File string
}

// Options tunes Load. The zero value loads non-draft pages and shows paths
// relative to the content folder.
type Options struct {
	// Display prefixes paths in diagnostics, such as "content"; it is for
	// printing only: pages are found by their path in the FS.
	Display string
	// Drafts includes pages with draft: true.
	Drafts bool
	// Strict makes every front matter key docsgen does not know an error,
	// as strict: true in site.yaml does; default false.
	Strict bool
	// Confine says where symbolic links in the folder may lead; a link
	// leading elsewhere is an error and is not read. The zero value keeps
	// links inside the FS.
	Confine Confine
	// DropSources lets each page's source go once its front matter is
	// parsed: Page.Source and Page.Body are nil, and Site.Source reads the
	// file again when asked. For one-shot builds of large sites, which
	// read each body once to render it and would otherwise hold every
	// source for the whole build (380 MB at 100,000 pages). The Site also
	// keeps no reading to Reload from, so its pages are not copies of a
	// kept template (45 MB at 100,000 pages): a Reload of it loads the
	// whole folder again. Default false: sources and the reading are
	// kept, as a preview session needs them.
	DropSources bool
}

// source is one load's reading of the content FS, kept so that Reload
// reads again only what changed. It is not changed once made.
type source struct {
	fsys fs.FS
	opts Options
	// items lists folders, Markdown files and walk problems in walk order.
	items []loadItem
	files []File
	// parsed holds each Markdown file's page (drafts included) by path.
	parsed   map[string]parsed
	cfg      Config
	cfgDiags diag.List
	data     []DataFile
	dataDiag diag.List
	// navs holds the navigation lists of the SUMMARY.md files, by path.
	navs map[string]navList
}

// loadItem is one entry of the content walk: a problem found walking, a
// folder, or a Markdown file.
type loadItem struct {
	path    string
	problem diag.Diagnostic // set when Msg is not empty
	dir     bool
	page    bool
	// summary marks a SUMMARY.md: a navigation list, not a page.
	summary bool
}

// parsed is what parsing one Markdown file gave. The page is a template:
// each Site holds its own copy.
type parsed struct {
	pg    *Page
	diags diag.List
}

// Load reads the content tree from fsys. It returns every problem found
// (also in Site.Diags); the Site is nil only when nothing could be read at
// all.
func Load(fsys fs.FS, opts Options) (*Site, diag.List) {
	src := &source{fsys: fsys, opts: opts, parsed: map[string]parsed{}}
	src.cfg, src.cfgDiags = LoadConfig(fsys, src.display(ConfigFile))
	if err := src.walk(); err != nil {
		diags := append(diag.List{}, src.cfgDiags...)
		diags.Add(folderUnreadable(opts.Display, err))
		diags.Sort()
		return nil, diags
	}
	src.parse(src.pagePaths(nil))
	src.readSummaries()
	src.data, src.dataDiag = readData(fsys, DataDir, opts.Display, opts.Confine)
	s := src.assemble()
	if opts.DropSources {
		// The pages are the Site's own now (assemble did not copy them),
		// and nothing will Reload from the walk.
		src.parsed, src.items = nil, nil
	}
	return s, s.Diags
}

func (src *source) display(p string) string {
	if src.opts.Display == "" {
		return p
	}
	return path.Join(src.opts.Display, p)
}

// walk lists folders, Markdown files and the files beside them, in order.
func (src *source) walk() error {
	src.items, src.files = nil, nil
	return fs.WalkDir(src.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			problem := cannotRead(src.display(p), err)
			if p == "." {
				problem = folderUnreadable(src.opts.Display, err)
			}
			src.items = append(src.items, loadItem{problem: problem})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			switch {
			case p == ".":
			case strings.HasPrefix(d.Name(), ".") || p == DataDir:
				return fs.SkipDir
			case sectionDir(p):
				src.items = append(src.items, loadItem{path: p, dir: true})
			}
			return nil
		}
		k := kindOf(p)
		if k == ignored {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 || (k != fileKind && !d.Type().IsRegular()) {
			// Checked before reading: opening a named pipe would wait
			// for a writer forever.
			if target, out := src.opts.Confine.Outside(src.fsys, p); out {
				src.items = append(src.items, loadItem{problem: OutsideProblem(src.display(p), target)})
				return nil
			}
			if msg, hint := Unreadable(src.fsys, p, d); msg != "" {
				src.items = append(src.items, loadItem{problem: diag.Errorf(src.display(p), 0, 0, "%s", msg).WithHint("%s", hint)})
				return nil
			}
		}
		switch {
		case k == summaryKind:
			src.items = append(src.items, loadItem{path: p, summary: true})
		case k == pageKind:
			src.items = append(src.items, loadItem{path: p, page: true})
		case d.Type().IsRegular() || d.Type()&fs.ModeSymlink != 0:
			src.files = append(src.files, File{Path: p, File: src.display(p)})
			if ext := path.Ext(p); ext == ".mdx" || ext == ".markdown" {
				src.items = append(src.items, loadItem{problem: diag.Warnf(src.display(p), 0, 0, "%s file published as is, not made a page: docsgen reads .md files", ext).
					WithHint("rename it to %s.md to make it a page", strings.TrimSuffix(path.Base(p), ext))})
			}
		}
		return nil
	})
}

// kind is what a file of the content folder is to the site.
type kind int

const (
	ignored     kind = iota // hidden, data, site.yaml, Markdown under a "_" name
	pageKind                // a page
	summaryKind             // a SUMMARY.md navigation list
	fileKind                // a file beside the pages, published as is
)

// kindOf says what the file at p (a path in the content FS) is. Hidden
// names (".") anywhere, the data folder and site.yaml are no part of the
// site. A Markdown file is a page unless its name or a folder above it
// starts with "_" (but _index.md is a section page); SUMMARY.md is a
// navigation list; any other file is published beside the pages.
func kindOf(p string) kind {
	segs := strings.Split(p, "/")
	if segs[0] == DataDir || p == ConfigFile || slices.ContainsFunc(segs, hidden) {
		return ignored
	}
	if path.Ext(p) != ".md" {
		return fileKind
	}
	name := segs[len(segs)-1]
	if !sectionDir(path.Dir(p)) || (strings.HasPrefix(name, "_") && name != "_index.md") {
		return ignored
	}
	if name == SummaryFile {
		return summaryKind
	}
	return pageKind
}

// isReadme reports whether the page at p is a README.md (in any case),
// the section page of a folder with no index.md or _index.md, as on
// GitHub, in mdBook and in MkDocs.
func isReadme(p string) bool { return strings.EqualFold(path.Base(p), "README.md") }

// indexedDirs lists the folders that have an index.md or _index.md.
func (src *source) indexedDirs() map[string]bool {
	out := map[string]bool{}
	for _, it := range src.items {
		if b := path.Base(it.path); it.page && (b == "index.md" || b == "_index.md") {
			out[cleanDir(path.Dir(it.path))] = true
		}
	}
	return out
}

func hidden(name string) bool { return strings.HasPrefix(name, ".") && name != "." }

// sectionDir reports whether the folder p can hold pages: no folder of its
// path starts with "_" or ".".
func sectionDir(p string) bool {
	return !slices.ContainsFunc(strings.Split(p, "/"), func(s string) bool {
		return strings.HasPrefix(s, "_") || hidden(s)
	})
}

// pagePaths lists the Markdown files of the walk that want(path) accepts
// (all of them for a nil want).
func (src *source) pagePaths(want func(string) bool) []string {
	var out []string
	for _, it := range src.items {
		if it.page && (want == nil || want(it.path)) {
			out = append(out, it.path)
		}
	}
	return out
}

// parse reads and parses the Markdown files at paths, a worker per CPU,
// into src.parsed.
func (src *source) parse(paths []string) {
	results := make([]parsed, len(paths))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(paths) {
					return
				}
				p := paths[i]
				data, err := fs.ReadFile(src.fsys, p)
				if err != nil {
					results[i] = parsed{diags: diag.List{cannotRead(src.display(p), err)}}
					continue
				}
				pg, diags := parsePage(p, src.display(p), data)
				if pg != nil && src.opts.DropSources {
					pg.drop()
				}
				results[i] = parsed{pg: pg, diags: diags}
			}
		})
	}
	wg.Wait()
	for i, p := range paths {
		src.parsed[p] = results[i]
	}
}

// assemble puts the parsed pages in place, in walk order, into a new Site
// of fresh Page values: no Page is shared between two Sites. With
// DropSources it takes the parsed pages themselves: Load lets the reading
// go, so no other Site is ever assembled from them.
func (src *source) assemble() *Site {
	var diags diag.List
	diags.Add(src.cfgDiags...)
	diags.Add(src.dataDiag...)
	root := &Section{}
	sections := map[string]*Section{"": root}
	// Sized up front: growing two maps of 10,000 pages was a third of a
	// one-page Reload.
	s := &Site{Config: src.cfg, Root: root, ByURL: make(map[string]*Page, len(src.parsed)),
		ByPath: make(map[string]*Page, len(src.parsed)), Files: src.files, Data: src.data, src: src,
		fileAt: make(map[string]int, len(src.files))}
	for i, f := range src.files {
		s.fileAt[f.Path] = i
	}
	var pages []*Page
	indexed := src.indexedDirs()
	for _, it := range src.items {
		if it.problem.Msg != "" {
			diags.Add(it.problem)
		}
		if it.dir {
			parent := sections[cleanDir(path.Dir(it.path))]
			sec := &Section{Dir: it.path, Parent: parent}
			sections[it.path] = sec
			parent.Children = append(parent.Children, Entry{Section: sec})
			continue
		}
		if !it.page {
			continue
		}
		pr := src.parsed[it.path]
		diags.Add(pr.diags...)
		if pr.pg == nil || (pr.pg.Front.Draft && !src.opts.Drafts) {
			continue
		}
		pg := pr.pg
		if !src.opts.DropSources {
			pg = new(Page)
			*pg = *pr.pg
		}
		if isReadme(it.path) && !indexed[cleanDir(path.Dir(it.path))] {
			pg.IsSection = true
		}
		sec := sections[cleanDir(path.Dir(it.path))]
		if pg.IsSection {
			if sec.Page != nil {
				// URLs are not known yet: name the folder's.
				diags.Add(diag.Errorf(pg.File, 1, 1, "%s and %s both open the section %s", sec.Page.File, pg.File, urlFor(sec.Dir)).
					WithHint("keep one of index.md and _index.md"))
				continue
			}
			sec.Page = pg
		} else {
			sec.Children = append(sec.Children, Entry{Page: pg})
		}
		pg.Section = sec
		pages = append(pages, pg)
	}
	// URLs, and pages that claim the same one.
	for _, pg := range pages {
		pg.URL = pageURL(pg)
		s.ByPath[pg.Path] = pg
		if prev, ok := s.ByURL[pg.URL]; ok {
			diags.Add(diag.Errorf(pg.File, 1, 1, "%s and %s both produce the page %s", prev.File, pg.File, pg.URL).
				WithHint("rename one of them or give one a different slug"))
			continue
		}
		s.ByURL[pg.URL] = pg
	}
	diags.Add(unknownKeys(pages, s.Config.Strict || src.opts.Strict)...)
	rank, navDiags := navRanks(src.lists(pages, &diags), func(p string) bool {
		_, md := src.parsed[p]
		_, file := s.fileAt[p]
		return md || file || sections[p] != nil
	})
	diags.Add(navDiags...)
	pruneEmpty(root)
	sortSection(root, rank)
	s.Pages = readingOrder(root, nil)
	diags.Sort()
	s.Diags = diags
	return s
}

// lists gathers the navigation lists: the nav: of section pages, in walk
// order, then the SUMMARY.md files by path.
// A nav: on any other page is a warning: it orders nothing.
func (src *source) lists(pages []*Page, diags *diag.List) []navList {
	var out []navList
	for _, pg := range pages {
		switch nav := pg.Front.Nav; {
		case len(nav) == 0:
		case pg.IsSection:
			out = append(out, navList{file: pg.File, dir: pg.Section.Dir, entries: nav})
		default:
			diags.Add(diag.Warnf(pg.File, nav[0].Line, nav[0].Col, "nav: orders a section's pages and is read only in its index.md or _index.md").
				WithHint("move the list to %s", path.Join(src.display(pg.Section.Dir), "_index.md")))
		}
	}
	for _, p := range slices.Sorted(maps.Keys(src.navs)) {
		out = append(out, src.navs[p])
	}
	return out
}

// folderUnreadable is the error when the content folder itself cannot be
// listed: it is gone, or not a folder, or not readable.
func folderUnreadable(display string, err error) diag.Diagnostic {
	return diag.Errorf(display, 0, 0, "cannot read the content folder: %v", unwrapPathError(err)).
		WithHint("check that the folder exists and can be read (-content DIR)")
}

// cannotRead is the problem of a file or folder that could not be read.
func cannotRead(file string, err error) diag.Diagnostic {
	return diag.Errorf(file, 0, 0, "cannot read: %v", unwrapPathError(err)).
		WithHint("check the file's permissions")
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
