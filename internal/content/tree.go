package content

import (
	"cmp"
	"path"
	"slices"
	"strings"
)

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

func (s *Section) weight() float64 {
	if s.Page != nil {
		return s.Page.Front.weight()
	}
	return 0
}

// weight is the page's place in its folder: Weight and its fraction.
func (fm *FrontMatter) weight() float64 { return float64(fm.Weight) + fm.WeightFrac }

func cleanDir(d string) string {
	if d == "." {
		return ""
	}
	return d
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

// sortSection orders each folder's children: by weight (those without
// one last), then by the navigation lists (listed first, in list order),
// then by file or folder name, numbers by value (2-setup before
// 10-deploy); never by title.
func sortSection(s *Section, rank map[string]int) {
	slices.SortStableFunc(s.Children, func(a, b Entry) int {
		wa, wb := a.weight(), b.weight()
		if wa != wb {
			switch {
			case wa == 0:
				return 1
			case wb == 0:
				return -1
			}
			return cmp.Compare(wa, wb)
		}
		ra, listedA := rank[a.path()]
		rb, listedB := rank[b.path()]
		switch {
		case listedA && listedB && ra != rb:
			return cmp.Compare(ra, rb)
		case listedA != listedB:
			if listedA {
				return -1
			}
			return 1
		}
		if c := compareNames(a.name(), b.name()); c != 0 {
			return c
		}
		return strings.Compare(a.path(), b.path())
	})
	for _, e := range s.Children {
		if e.Section != nil {
			sortSection(e.Section, rank)
		}
	}
}

func (e Entry) weight() float64 {
	if e.Page != nil {
		return e.Page.Front.weight()
	}
	return e.Section.weight()
}

// path is the entry's path in the content FS: the page's file or the
// section's folder.
func (e Entry) path() string {
	if e.Page != nil {
		return e.Page.Path
	}
	return e.Section.Dir
}

// name is the file name without .md, or the folder name.
func (e Entry) name() string {
	return strings.TrimSuffix(path.Base(e.path()), ".md")
}

// compareNames compares file names as people read them: case aside, and
// runs of digits by their value, so 2-setup comes before 10-deploy.
func compareNames(a, b string) int {
	a, b = strings.ToLower(a), strings.ToLower(b)
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := cmp.Compare(len(na), len(nb)); c != 0 {
				return c
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

// digits is the length of the run of ASCII digits s starts with.
func digits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
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
	if strings.HasPrefix(p.Front.Slug, "/") {
		return urlFor(p.Front.Slug)
	}
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
