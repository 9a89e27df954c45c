package site

import (
	"docsgen/internal/content"
	"docsgen/templates"
)

// bigSite is the page count above which the sidebar lists the pages of the
// current section only: every section still shows, but a 10,000-page site
// does not put 10,000 links on every page.
const bigSite = 300

// navigation is the sidebar and breadcrumb structure of a site, computed
// once per build and specialised per page.
type navigation struct {
	root    *content.Section
	trimmed bool
	// prev and next follow the reading order.
	index map[*content.Page]int
	order []*content.Page
}

func newNavigation(s *content.Site) *navigation {
	n := &navigation{root: s.Root, trimmed: len(s.Pages) > bigSite, index: make(map[*content.Page]int, len(s.Pages)), order: s.Pages}
	for i, p := range s.Pages {
		n.index[p] = i
	}
	return n
}

// sidebar returns the sidebar of page cur.
func (n *navigation) sidebar(cur *content.Page) []templates.NavItem {
	var in *content.Section
	if cur != nil {
		in = cur.Section
	}
	return n.items(n.root, in, cur)
}

// sectionSidebar returns the sidebar of any page in section in, with no
// page marked current: what every page of the section shares.
func (n *navigation) sectionSidebar(in *content.Section) []templates.NavItem {
	return n.items(n.root, in, nil)
}

// items lists section s: the sections holding section in are open (and,
// on a big site, the only ones with their pages listed); page cur, if
// any, is marked current.
func (n *navigation) items(s, in *content.Section, cur *content.Page) []templates.NavItem {
	out := make([]templates.NavItem, 0, len(s.Children))
	for _, e := range s.Children {
		if e.Page != nil && e.Page.Front.Unlisted && e.Page != cur {
			continue
		}
		if e.Page != nil {
			out = append(out, templates.NavItem{
				Title:   e.Page.NavTitle(),
				URL:     e.Page.URL,
				Badge:   e.Page.Front.Badge,
				Current: cur != nil && e.Page == cur,
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
			item.Current = cur != nil && sec.Page == cur
		}
		if open || !n.trimmed {
			item.Children = n.items(sec, in, cur)
		}
		out = append(out, item)
	}
	return out
}

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
	i, ok := n.index[p]
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
