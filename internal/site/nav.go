package site

import (
	"fmt"
	"strconv"

	"docsgen/internal/content"
	"docsgen/templates"
)

// bigSite is the page count above which the sidebar lists the pages of the
// open sections only: every section still shows, but a 10,000-page site
// does not put 10,000 links on every page.
const bigSite = 300

// A page's sidebar must not grow with the site (issue 16: any page's HTML
// but its body within 40 KB, whatever the site's shape). Besides trimming
// closed sections on a big site, every list longer than listMax entries
// (a folder of 5,000 pages, a site of 1,000 sections) is shown as one
// window of windowSize entries, the one holding the current page or the
// open section, followed by a link to the list's full index: a generated
// page at the section's URL plus "all/" (see sectionIndexes). A sidebar
// then holds at most about windowSize+1 entries per open level.
const (
	listMax    = 40
	windowSize = 25
)

// navigation is the sidebar and breadcrumb structure of a site, computed
// once per build and specialised per page.
type navigation struct {
	root    *content.Section
	trimmed bool
	// prev and next follow the reading order; index finds a page's
	// place in it by path.
	index map[string]int
	order []*content.Page
	// pagePos and sectionPos are each page's (by path) and each section's place in its parent's
	// Children (a section's index page has none).
	pagePos    map[string]int
	sectionPos map[*content.Section]int
	// indexURL is the URL of the full index of each section whose list is
	// windowed.
	indexURL map[*content.Section]string
}

func newNavigation(s *content.Site) *navigation {
	n := &navigation{
		root: s.Root, trimmed: len(s.Pages) > bigSite,
		index: make(map[string]int, len(s.Pages)), order: s.Pages,
		pagePos: make(map[string]int, len(s.Pages)), sectionPos: map[*content.Section]int{},
		indexURL: map[*content.Section]string{},
	}
	for i, p := range s.Pages {
		n.index[p.Path] = i
	}
	taken := func(url string) bool { return s.ByURL[url] != nil }
	var walk func(sec *content.Section)
	walk = func(sec *content.Section) {
		for i, e := range sec.Children {
			if e.Page != nil {
				n.pagePos[e.Page.Path] = i
			} else {
				n.sectionPos[e.Section] = i
				walk(e.Section)
			}
		}
		if len(sec.Children) > listMax {
			url := sec.URL() + "all/"
			for i := 2; taken(url); i++ {
				url = sec.URL() + "all-" + strconv.Itoa(i) + "/"
			}
			n.indexURL[sec] = url
		}
	}
	walk(s.Root)
	return n
}

// sidebarKey names a sidebar that many pages share: the open section and,
// when that section's list is windowed, the window.
type sidebarKey struct {
	in     *content.Section
	window int
}

// sidebarKey returns the key of page p's sidebar.
func (n *navigation) sidebarKey(p *content.Page) sidebarKey {
	k := sidebarKey{in: p.Section}
	if i, ok := n.pagePos[p.Path]; ok && !p.IsSection && len(p.Section.Children) > listMax {
		k.window = i / windowSize
	}
	return k
}

// sidebar returns the sidebar of page cur.
func (n *navigation) sidebar(cur *content.Page) []templates.NavItem {
	var in *content.Section
	if cur != nil {
		in = cur.Section
	}
	return n.items(n.root, in, cur)
}

// sharedSidebar returns the sidebar every page with key k shows, with no
// page marked current.
func (n *navigation) sharedSidebar(k sidebarKey) []templates.NavItem {
	var anyPage *content.Page
	if k.in != nil && len(k.in.Children) > listMax {
		// A page of the key's window picks the window.
		for _, e := range k.in.Children[k.window*windowSize:] {
			if e.Page != nil {
				anyPage = e.Page
				break
			}
		}
	}
	items := n.items(n.root, k.in, anyPage)
	unmark(items)
	return items
}

func unmark(items []templates.NavItem) {
	for i := range items {
		items[i].Current = false
		unmark(items[i].Children)
	}
}

// items lists section s: the sections holding section in are open (and,
// on a big site, the only ones with their pages listed); page cur, if
// any, is marked current.
func (n *navigation) items(s, in *content.Section, cur *content.Page) []templates.NavItem {
	entries, more := n.window(s, in, cur)
	out := make([]templates.NavItem, 0, len(entries)+1)
	for _, e := range entries {
		if e.Page != nil && e.Page.Front.Unlisted && !samePage(e.Page, cur) {
			continue
		}
		if e.Page != nil {
			out = append(out, templates.NavItem{
				Title:   e.Page.NavTitle(),
				URL:     e.Page.URL,
				Badge:   e.Page.Front.Badge,
				Current: samePage(e.Page, cur),
			})
			continue
		}
		sec := e.Section
		open := within(in, sec)
		item := templates.NavItem{Title: sec.Title(), IsSection: true, Open: open}
		if sec.Page != nil {
			item.Title = sec.Page.NavTitle()
			item.URL = sec.Page.URL
			item.Badge = sec.Page.Front.Badge
			item.Current = samePage(sec.Page, cur)
		}
		if open || !n.trimmed {
			item.Children = n.items(sec, in, cur)
		}
		out = append(out, item)
	}
	if more != nil {
		out = append(out, *more)
	}
	return out
}

// window returns the entries of section s the sidebar lists, and the link
// to the full index when that is not all of them.
func (n *navigation) window(s, in *content.Section, cur *content.Page) ([]content.Entry, *templates.NavItem) {
	all := s.Children
	if len(all) <= listMax {
		return all, nil
	}
	at := 0 // the entry to show: the current page, or the open section
	if i, ok := n.posOf(cur); ok && !cur.IsSection && cur.Section == s {
		at = i
	} else {
		for c := in; c != nil && c.Parent != nil; c = c.Parent {
			if c.Parent == s {
				at = n.sectionPos[c]
				break
			}
		}
	}
	start := at / windowSize * windowSize
	end := min(start+windowSize, len(all))
	return all[start:end], &templates.NavItem{Title: indexTitle(s), URL: n.indexURL[s], More: true}
}

// indexTitle is the text of the link to section s's full index.
func indexTitle(s *content.Section) string {
	kind := "pages"
	for _, e := range s.Children {
		if e.Section != nil {
			kind = "entries"
			break
		}
	}
	return fmt.Sprintf("All %s %s in %s", thousands(len(s.Children)), kind, s.Title())
}

// thousands writes n with a comma between each group of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// posOf returns page p's place in its section's Children.
func (n *navigation) posOf(p *content.Page) (int, bool) {
	if p == nil {
		return 0, false
	}
	i, ok := n.pagePos[p.Path]
	return i, ok
}

// samePage reports whether a and b are the same page: pages are
// identified by their path (content.Site), and the tree of a site whose
// page was edited in its body still holds that page's earlier value.
func samePage(a, b *content.Page) bool { return a != nil && b != nil && a.Path == b.Path }

// within reports whether section in is s or lies below it.
func within(in, s *content.Section) bool {
	for c := in; c != nil; c = c.Parent {
		if c == s {
			return true
		}
	}
	return false
}

// breadcrumbs lists the sections above page p, from the home page down.
func (n *navigation) breadcrumbs(p *content.Page) []templates.Link {
	var chain []*content.Section
	start := p.Section
	if p.IsSection && start != nil {
		start = start.Parent
	}
	for s := start; s != nil; s = s.Parent {
		chain = append(chain, s)
	}
	out := make([]templates.Link, 0, len(chain))
	for i := len(chain) - 1; i >= 0; i-- {
		s := chain[i]
		l := templates.Link{Title: s.Title()}
		if s.Page != nil {
			l.URL = s.Page.URL
		}
		if s.Parent == nil {
			l.Title = "Home"
			l.URL = "/"
		}
		out = append(out, l)
	}
	if p.URL == "/" {
		return nil
	}
	return out
}

// prevNext returns the pages before and after p in reading order.
func (n *navigation) prevNext(p *content.Page) (prev, next *templates.Link) {
	i, ok := n.index[p.Path]
	if !ok {
		return nil, nil
	}
	if i > 0 {
		q := n.order[i-1]
		prev = &templates.Link{Title: q.Title, URL: q.URL}
	}
	if i+1 < len(n.order) {
		q := n.order[i+1]
		next = &templates.Link{Title: q.Title, URL: q.URL}
	}
	return prev, next
}
