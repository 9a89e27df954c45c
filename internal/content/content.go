// Package content loads a docsgen content tree: Markdown pages with YAML
// front matter, the optional site settings in site.yaml, and the section
// structure the sidebar and prev/next links follow.
//
// # Pages and URLs
//
// Every .md file is a page. index.md or _index.md is the section page of its
// folder; content/index.md is the home page. URLs are pretty:
// reference/errors.md is served at /reference/errors/. A `slug` in front
// matter replaces the last URL segment. Two files that claim one URL are an
// error naming both, and so is a path holding "#", "?", "%" or a backslash,
// which cannot be part of a URL. Folders and files whose names start with "_" or "."
// (except _index.md) are not pages: _data/ holds site data.
//
// # Front matter
//
// A page may open with YAML between two "---" lines. Keys: title,
// description, weight, draft, slug, badge, toc, lastmod, aliases, params,
// and the keys other tools write for the same things (linkTitle and
// sidebar_label, sidebar_position and nav_order, date and
// last_modified_at, redirect_from, hide_table_of_contents, keywords,
// unlisted; see alsoKnown in frontmatter.go). Any other key is kept in
// Params and reported once per key as a warning; a key within two edits of
// a known one is an error with "did you mean"; with strict: true in
// site.yaml (or Options.Strict) every unknown key is an error at its line
// and column. Without a title, the page's first "# " heading is used,
// then its file name. The body keeps its line numbers: Page.BodyLine tells
// how many lines the front matter took.
//
// # Order
//
// Within a folder, pages and sub-sections sort by weight (pages without a
// weight come after those with one), then by title, then by path. Site.Pages
// lists every page in that reading order, depth first: a section page comes
// before its children. Prev/next links and the sidebar follow it.
package content

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"docsgen/internal/diag"
)

// Page is one Markdown file.
type Page struct {
	// Path is the file's path in the content file system: reference/errors.md.
	Path string
	// File is the path shown to authors: content/reference/errors.md.
	File string
	// URL is the page's site path: /reference/errors/.
	URL string
	// Title is the resolved title (front matter, first heading, file name).
	Title string
	Front FrontMatter
	// Source is the whole file as read (BOM removed, CRLF and CR read as LF).
	Source []byte
	// Body is the Markdown after the front matter.
	Body []byte
	// BodyLine is the number of file lines before Body.
	BodyLine int
	// Section is the folder the page belongs to; for a section page, the
	// section it opens.
	Section *Section
	// IsSection is true for index.md and _index.md.
	IsSection bool
	// Lastmod is the parsed front matter lastmod (zero when unset).
	Lastmod time.Time
	// Size is the length of the source in bytes.
	Size int
	// AliasesLine is the file line of the aliases key (0 when absent),
	// for errors about aliases found after loading.
	AliasesLine int
}

// ShowTOC reports whether the page shows its table of contents.
func (p *Page) ShowTOC() bool { return p.Front.TOC == nil || *p.Front.TOC }

// Section is a folder of the content tree.
type Section struct {
	// Dir is the folder's path in the content FS ("" for the root).
	Dir string
	// Page is the section's index page; nil when the folder has none.
	Page *Page
	// Parent is nil for the root.
	Parent *Section
	// Children holds the folder's pages (not its index page) and
	// sub-sections, in order.
	Children []Entry
}

// Entry is one child of a section: a page or a sub-section.
type Entry struct {
	Page    *Page
	Section *Section
}

// Title returns the section's title: its page's, else its folder name.
func (s *Section) Title() string {
	if s.Page != nil {
		return s.Page.Title
	}
	if s.Dir == "" {
		return "Home"
	}
	return humanize(path.Base(s.Dir))
}

// URL returns the section's URL.
func (s *Section) URL() string {
	if s.Page != nil {
		return s.Page.URL
	}
	return urlFor(s.Dir)
}

func (s *Section) weight() int {
	if s.Page != nil {
		return s.Page.Front.Weight
	}
	return 0
}

// Site is a loaded content tree.
type Site struct {
	Config Config
	// Root is the top section; its Page is the home page when there is one.
	Root *Section
	// Pages lists every page in reading order.
	Pages []*Page
	// ByURL finds a page by its URL.
	ByURL map[string]*Page
}

// Options tunes Load. The zero value loads non-draft pages and shows paths
// relative to the content folder.
type Options struct {
	// Display prefixes paths in diagnostics, such as "content".
	Display string
	// Drafts includes pages with draft: true.
	Drafts bool
	// Strict makes every front matter key docsgen does not know an error,
	// as strict: true in site.yaml does; default false.
	Strict bool
}

// Load reads the content tree from fsys. It returns every problem found;
// the Site is nil only when nothing could be read at all.
func Load(fsys fs.FS, opts Options) (*Site, diag.List) {
	var diags diag.List
	display := func(p string) string {
		if opts.Display == "" {
			return p
		}
		return path.Join(opts.Display, p)
	}
	cfg, cd := LoadConfig(fsys, display(ConfigFile))
	diags.Add(cd...)

	root := &Section{}
	sections := map[string]*Section{"": root}
	site := &Site{Config: cfg, Root: root, ByURL: map[string]*Page{}}
	var pages []*Page

	// The walk lists folders and Markdown files in order; the files are
	// read and parsed in parallel (most of a warm build's loading time),
	// then everything is put in place in walk order, as a plain walk would.
	var items []loadItem
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			items = append(items, loadItem{problem: cannotRead(display(p), err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if p != "." && (strings.HasPrefix(name, ".") || (strings.HasPrefix(name, "_") && name != "_index.md")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != "." {
				items = append(items, loadItem{path: p, dir: true})
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 || (path.Ext(name) == ".md" && !d.Type().IsRegular()) {
			// Checked before reading: opening a named pipe would wait
			// for a writer forever.
			if msg, hint := Unreadable(fsys, p, d); msg != "" {
				items = append(items, loadItem{problem: diag.Errorf(display(p), 0, 0, "%s", msg).WithHint("%s", hint)})
				return nil
			}
		}
		if path.Ext(name) == ".md" {
			items = append(items, loadItem{path: p, page: true})
		}
		return nil
	})
	if err != nil {
		diags.Add(diag.Errorf(opts.Display, 0, 0, "cannot read the content folder: %v", unwrapPathError(err)).
			WithHint("check that the folder exists (-content DIR)"))
		return nil, diags
	}
	parseAll(fsys, items, display)

	for _, it := range items {
		if it.problem.Msg != "" {
			diags.Add(it.problem)
		}
		if it.dir {
			parent := sections[cleanDir(path.Dir(it.path))]
			s := &Section{Dir: it.path, Parent: parent}
			sections[it.path] = s
			parent.Children = append(parent.Children, Entry{Section: s})
			continue
		}
		diags.Add(it.diags...)
		pg := it.pg
		if pg == nil || (pg.Front.Draft && !opts.Drafts) {
			continue
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
		if prev, ok := site.ByURL[pg.URL]; ok {
			diags.Add(diag.Errorf(pg.File, 1, 1, "%s and %s both produce the page %s", prev.File, pg.File, pg.URL).
				WithHint("rename one of them or give one a different slug"))
			continue
		}
		site.ByURL[pg.URL] = pg
	}
	diags.Add(unknownKeys(pages, cfg.Strict || opts.Strict)...)
	pruneEmpty(root)
	sortSection(root)
	site.Pages = readingOrder(root, nil)
	diags.Sort()
	return site, diags
}

// loadItem is one entry of the content walk: a problem found walking, a
// folder, or a Markdown file and what parsing it gave.
type loadItem struct {
	path    string
	problem diag.Diagnostic // set when Msg is not empty
	dir     bool
	page    bool
	pg      *Page
	diags   diag.List
}

// parseAll reads and parses the Markdown files among items, a worker per
// CPU, filling in each item's page and problems.
func parseAll(fsys fs.FS, items []loadItem, display func(string) string) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(items) {
					return
				}
				it := &items[i]
				if !it.page {
					continue
				}
				src, err := fs.ReadFile(fsys, it.path)
				if err != nil {
					it.diags = diag.List{cannotRead(display(it.path), err)}
					continue
				}
				it.pg, it.diags = parsePage(it.path, display(it.path), src)
			}
		})
	}
	wg.Wait()
}

func cleanDir(d string) string {
	if d == "." {
		return ""
	}
	return d
}

// Unreadable tells why the entry d at p in fsys cannot be read as a file,
// with a hint, or returns "" for a regular file or a symbolic link to one.
// Symbolic links may lead nowhere, in a loop or to a folder (folders are
// not followed); named pipes, sockets and devices are not files at all,
// and opening a named pipe would block until something writes to it.
func Unreadable(fsys fs.FS, p string, d fs.DirEntry) (msg, hint string) {
	mode := d.Type()
	if mode.IsRegular() {
		return "", ""
	}
	if mode&fs.ModeSymlink != 0 {
		fi, err := fs.Stat(fsys, p)
		switch {
		case errors.Is(err, syscall.ELOOP):
			return "symbolic link loop: following the link leads back to it",
				"remove the link or point it at a file"
		case errors.Is(err, fs.ErrNotExist):
			return "symbolic link to a file that does not exist",
				"remove the link or point it at an existing file"
		case err != nil:
			return fmt.Sprintf("cannot follow the symbolic link: %v", unwrapPathError(err)),
				"remove the link or point it at a readable file"
		case fi.IsDir():
			return "symbolic link to a folder: linked folders are not read",
				"copy the folder here, or link its files one by one"
		}
		mode = fi.Mode()
		if mode.IsRegular() {
			return "", ""
		}
	}
	kind := "special file"
	switch {
	case mode&fs.ModeNamedPipe != 0:
		kind = "named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		kind = "socket"
	case mode&fs.ModeDevice != 0:
		kind = "device"
	case mode.IsDir():
		kind = "folder"
	}
	return "not a regular file but a " + kind, "replace it with a regular file or remove it"
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

// pruneEmpty drops folders that hold no page at all, such as an images
// folder, so the sidebar shows only sections with content.
func pruneEmpty(s *Section) bool {
	kept := s.Children[:0]
	for _, e := range s.Children {
		if e.Section != nil && !pruneEmpty(e.Section) {
			continue
		}
		kept = append(kept, e)
	}
	s.Children = kept
	return s.Page != nil || len(s.Children) > 0
}

func sortSection(s *Section) {
	slices.SortStableFunc(s.Children, func(a, b Entry) int {
		wa, ta, pa := a.key()
		wb, tb, pb := b.key()
		if wa != wb {
			switch {
			case wa == 0:
				return 1
			case wb == 0:
				return -1
			}
			return cmp.Compare(wa, wb)
		}
		if c := strings.Compare(strings.ToLower(ta), strings.ToLower(tb)); c != 0 {
			return c
		}
		return strings.Compare(pa, pb)
	})
	for _, e := range s.Children {
		if e.Section != nil {
			sortSection(e.Section)
		}
	}
}

func (e Entry) key() (weight int, title, p string) {
	if e.Page != nil {
		return e.Page.Front.Weight, e.Page.Title, e.Page.Path
	}
	return e.Section.weight(), e.Section.Title(), e.Section.Dir
}

func readingOrder(s *Section, out []*Page) []*Page {
	if s.Page != nil {
		out = append(out, s.Page)
	}
	for _, e := range s.Children {
		if e.Page != nil {
			out = append(out, e.Page)
		} else {
			out = readingOrder(e.Section, out)
		}
	}
	return out
}

// pageURL is the pretty URL of a page: its folder path plus its name (or
// slug), with a trailing slash.
func pageURL(p *Page) string {
	dir := cleanDir(path.Dir(p.Path))
	if p.IsSection {
		if p.Front.Slug != "" && dir != "" {
			return urlFor(path.Join(path.Dir(dir), p.Front.Slug))
		}
		return urlFor(dir)
	}
	name := strings.TrimSuffix(path.Base(p.Path), ".md")
	if p.Front.Slug != "" {
		name = p.Front.Slug
	}
	return urlFor(path.Join(dir, name))
}

func urlFor(dir string) string {
	dir = strings.Trim(path.Clean("/"+dir), "/")
	if dir == "" {
		return "/"
	}
	return "/" + dir + "/"
}
