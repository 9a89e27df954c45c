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

func (s *Section) weight() int {
	if s.Page != nil {
		return s.Page.Front.Weight
	}
	return 0
}

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
