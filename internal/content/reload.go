package content

import (
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
)

// Change says what Reload found different.
type Change struct {
	// Pages are the pages of the new Site whose file changed while
	// everything other pages show of them (title, weight, badge, slug,
	// draft, aliases, URL) stayed as it was: each needs rendering again,
	// alone.
	Pages []*Page
	// Structure is set when pages were added, removed, renamed or failed
	// to load, or when something other pages show of a page changed.
	Structure bool
	// Config is set when site.yaml changed.
	Config bool
	// Data is set when a file under the data folder changed.
	Data bool
	// Files is set when a file beside the pages changed, came or went.
	Files bool
}

// Full reports whether the change reaches beyond Pages: every page may
// look different and the whole site is to be rendered again.
func (c Change) Full() bool { return c.Structure || c.Config || c.Data || c.Files }

// Reload answers "these paths changed: what is different?". changed are
// paths in the content FS (reference/errors.md, _data/errors.yaml, img,
// a folder); only they are read again, the rest is taken from s. It
// returns a new Site (s is left as it was) and what changed; the new
// Site's Diags hold every problem, as Load would report them.
func (s *Site) Reload(changed []string) (*Site, Change) {
	old := s.src
	if old.parsed == nil {
		// Loaded with DropSources: nothing was kept to reload from.
		next, diags := Load(old.fsys, old.opts)
		if next == nil { // the folder cannot be listed
			next = &Site{Config: s.Config, Root: &Section{}, ByURL: map[string]*Page{}, ByPath: map[string]*Page{}, Diags: diags, src: old}
		}
		return next, Change{Structure: true, Config: true, Data: true, Files: true}
	}
	src := &source{fsys: old.fsys, opts: old.opts, items: old.items, files: old.files,
		parsed: maps.Clone(old.parsed), cfg: old.cfg, cfgDiags: old.cfgDiags, data: old.data, dataDiag: old.dataDiag, navs: old.navs}
	edited, dirty, ch := src.classify(changed)
	if ch.Config {
		src.cfg, src.cfgDiags = LoadConfig(src.fsys, src.display(ConfigFile))
	}
	if ch.Data {
		src.data, src.dataDiag = readData(src.fsys, DataDir, src.opts.Display, src.opts.Confine)
	}
	if len(dirty) > 0 && src.walk() != nil {
		// The folder cannot be listed any more: nothing else is known.
		ch.Structure = true
		src.items, src.files = nil, nil
	}
	if len(dirty) > 0 {
		listed := map[string]bool{}
		for _, p := range src.pagePaths(nil) {
			listed[p] = true
		}
		if len(listed) != len(old.parsed) || !allKnown(listed, old.parsed) {
			ch.Structure = true // pages came or went
		}
		maps.DeleteFunc(src.parsed, func(p string, _ parsed) bool { return !listed[p] })
		src.readSummaries()
	}
	if len(dirty) == 0 {
		// The walk is the last one, and every page of it was parsed.
		src.parse(edited)
	} else {
		src.parse(src.pagePaths(func(p string) bool {
			_, known := src.parsed[p]
			return !known || slices.Contains(edited, p) || under(p, dirty)
		}))
	}
	for _, p := range edited {
		a, b := old.parsed[p], src.parsed[p]
		if a.pg == nil || b.pg == nil || b.diags.HasErrors() || !sameNav(a.pg, b.pg) {
			ch.Structure = true
		}
	}
	if !ch.Full() && len(dirty) == 0 {
		if next, ok := s.withBodies(src, edited); ok {
			for _, p := range edited {
				if pg := next.ByPath[p]; pg != nil {
					ch.Pages = append(ch.Pages, pg)
				}
			}
			return next, ch
		}
	}
	next := src.assemble()
	for _, p := range edited {
		if pg := next.ByPath[p]; pg != nil {
			ch.Pages = append(ch.Pages, pg)
		}
	}
	return next, ch
}

// classify sorts the changed paths into pages edited in place, paths whose
// folder must be listed again (dirty), and the flags of what else changed.
func (src *source) classify(changed []string) (edited, dirty []string, ch Change) {
	for _, c := range changed {
		c = strings.TrimPrefix(path.Clean("/"+c), "/")
		switch {
		case c == ConfigFile:
			ch.Config = true
		case c == DataDir || strings.HasPrefix(c, DataDir+"/"):
			ch.Data = true
		case c == "":
			// The root itself changing means anything may have.
			dirty = append(dirty, c)
		case kindOf(c) == ignored:
			// Hidden, or Markdown under a "_" name: not part of the site.
		case path.Ext(c) == ".md" && src.stillPage(c):
			edited = append(edited, c)
		default:
			// A new, removed or renamed page, a folder, a file beside
			// the pages: list the tree again.
			dirty = append(dirty, c)
			if path.Ext(c) == ".md" {
				ch.Structure = true
			} else {
				ch.Files = true
			}
		}
	}
	return edited, dirty, ch
}

func allKnown(paths map[string]bool, known map[string]parsed) bool {
	for p := range paths {
		if _, ok := known[p]; !ok {
			return false
		}
	}
	return true
}

// stillPage reports whether p was a Markdown file of the last walk and is
// still a file that can be read (a page replaced by a named pipe or a
// dangling link takes a new walk, which says what is wrong).
func (src *source) stillPage(p string) bool {
	if _, ok := src.parsed[p]; !ok {
		return false
	}
	fi, err := fs.Lstat(src.fsys, p)
	if err != nil {
		return false
	}
	msg, _ := Unreadable(src.fsys, p, fs.FileInfoToDirEntry(fi))
	return msg == ""
}

// under reports whether p is one of dirs or lies below one ("" is the root).
func under(p string, dirs []string) bool {
	for _, d := range dirs {
		if d == "" || p == d || strings.HasPrefix(p, d+"/") {
			return true
		}
	}
	return false
}

// sameNav reports whether an edit leaves everything other pages show of
// this page unchanged (a section's generated index and the home page show
// descriptions).
func sameNav(a, b *Page) bool {
	fa, fb := a.Front, b.Front
	return a.Title == b.Title && fa.Title == fb.Title && fa.Description == fb.Description && fa.Weight == fb.Weight && fa.WeightFrac == fb.WeightFrac && fa.Badge == fb.Badge &&
		fa.Slug == fb.Slug && fa.Draft == fb.Draft && fa.LinkTitle == fb.LinkTitle && fa.Unlisted == fb.Unlisted &&
		slices.Equal(fa.Aliases, fb.Aliases) && slices.Equal(fa.Nav, fb.Nav) && a.IsSection == b.IsSection &&
		// Unknown keys are reported across pages (once per key, or as
		// errors when strict): a full build reports them right.
		len(fa.Unknown) == 0 && len(fb.Unknown) == 0
}

// withBodies is Reload for pages edited in their body only: it makes the
// next Site from s without assembling it again, in time proportional to
// the edit, not to the site (a 10,000-page assemble was most of a one-page
// preview update). src holds the pages at edited parsed again; every one of
// them must have passed sameNav. It declines (false) when an edited page
// had or has errors, or is not where it was in s.
//
// The next Site shares s's sections: an edited page's entry there keeps
// its earlier Page value, which shows the same title, URL, weights and
// description; Pages, ByURL and ByPath hold the new one. Pages are the
// same page when their Path is.
func (s *Site) withBodies(src *source, edited []string) (*Site, bool) {
	next := *s
	next.src = src
	next.Pages = slices.Clone(s.Pages)
	next.ByURL, next.ByPath = maps.Clone(s.ByURL), maps.Clone(s.ByPath)
	diags := s.Diags
	for _, p := range edited {
		was, now := s.src.parsed[p], src.parsed[p]
		if was.diags.HasErrors() || now.diags.HasErrors() {
			return nil, false
		}
		diags = append(diags.Without(was.diags), now.diags...)
		prev := s.ByPath[p]
		if prev == nil {
			if !was.pg.Front.Draft || s.src.opts.Drafts {
				return nil, false // not in the site for another reason
			}
			continue // a draft, left out as before
		}
		i := slices.Index(s.Pages, prev)
		if i < 0 || s.ByURL[prev.URL] != prev {
			return nil, false
		}
		pg := new(Page)
		*pg = *now.pg
		pg.URL, pg.Section, pg.IsSection = prev.URL, prev.Section, prev.IsSection
		next.Pages[i], next.ByURL[pg.URL], next.ByPath[p] = pg, pg, pg
	}
	diags.Sort()
	next.Diags = diags
	return &next, true
}
