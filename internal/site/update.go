package site

import (
	"maps"
	"slices"

	"docsgen/internal/content"
	"docsgen/internal/diag"
	"docsgen/internal/linkcheck"
	"docsgen/internal/output"
)

// What a page update redoes of the site-wide steps.
//
// finish redoes, for the whole site, what depends on every page: the
// publishing outputs and the link checks. On a 10,000-page site that was
// most of a one-page update (writing llms.txt and deflating it for the
// preview's memory, checking 100,000 links), although a body edit changes
// neither. So a page update skips them when it can show that the edited
// pages changed nothing they read:
//
//   - The publishing outputs (sitemap.xml, llms.txt, _redirects) read a
//     page's title, URL, description, aliases and dates, and which page
//     holds the error catalog's first anchor. When these are as before for
//     every edited page, and no edited page's anchors changed, the previous
//     outputs are kept, with their diagnostics and alias map.
//   - A link's check reads the page it is on and the pages and anchors it
//     points to. When no edited page's anchors changed (and the files are
//     the same), only the links on the edited pages are checked again; the
//     problems found on other pages are kept.
//
// Otherwise finish runs whole, as after a full build. Either way the
// result equals a full build's (TestUpdateEqualsFullBuild).

// lastBuild is what a session keeps of its previous build; never changed,
// only replaced.
type lastBuild struct {
	in    *inputs
	site  *content.Site
	nav   *navigation
	pages map[string]*pageInfo
	files map[string]bool
	out   *output.Memory
	// failed and links are the pages that failed to load and the link
	// table; anchors is each page's ids, by URL.
	failed  map[string]string
	links   *linkcheck.Table
	anchors map[string]linkcheck.Anchors
	// linkDiags, publish, aliases and external are the link problems, the
	// publishing problems, the alias map and the links to other sites the
	// build found.
	linkDiags, publish diag.List
	aliases            map[string]string
	external           []linkcheck.Ref
	// searchFiles are the search index's files written into out.
	searchFiles []string
	// pageDiags holds the Markdown problems of every page.
	pageDiags diag.List
}

// remember records b's build of src into out as the state the next
// update starts from.
func (s *Session) remember(b *builder, src *content.Site, out *output.Memory) {
	s.last = &lastBuild{in: b.inputs, site: src, nav: b.nav, pages: b.pages, files: b.files, out: out,
		failed: b.failed, links: b.links, anchors: b.anchors,
		linkDiags: b.linkDiags, publish: b.publishDiags, aliases: b.aliases, external: b.external,
		searchFiles: b.searchFiles, pageDiags: b.pageDiags}
}

// pageBuilder starts an update of pages of src over last, where src is
// last's site with pages edited in their body only (content.Change.Pages):
// the tree, the titles, the URLs and the pages that failed to load are
// last's, so its navigation and link table serve as they are, and the
// rendered pages and files are copied to be replaced.
func (last *lastBuild) pageBuilder(src *content.Site, cache *renderCache) *builder {
	return &builder{inputs: last.in, site: src, nav: last.nav, cache: cache, failed: last.failed, links: last.links,
		pages: maps.Clone(last.pages), files: maps.Clone(last.files), sidebars: map[sidebarKey]sharedSidebar{}}
}

// finishPages is finish for an update of pages over last.
func (b *builder) finishPages(w output.Writer, last *lastBuild, pages []*content.Page) (*deferredOutputs, error) {
	// b.files began as a copy of last's and names are only ever added to
	// it: the same length means the same files.
	if !b.sameAnchors(last, pages) || len(b.files) != len(last.files) {
		return b.finish(w)
	}
	if b.samePublished(last, pages) {
		b.publishDiags, b.aliases = last.publish, last.aliases
	} else if err := b.writePublishing(w); err != nil {
		return nil, err
	}
	d := b.captureDeferred()
	b.checkLinksOf(last, pages)
	b.pageDiags = last.pageDiags
	for _, p := range pages {
		// Each edited page's problems replace those it had.
		b.pageDiags = append(b.pageDiags.Without(last.pages[p.URL].diags), b.pages[p.URL].diags...)
	}
	return d, nil
}

// sameAnchors reports whether every page in pages has the same anchors as
// in the last build.
func (b *builder) sameAnchors(last *lastBuild, pages []*content.Page) bool {
	for _, p := range pages {
		was, now := last.pages[p.URL], b.pages[p.URL]
		if was == nil || now == nil || was.ids != now.ids {
			return false
		}
	}
	return true
}

// samePublished reports whether the publishing outputs read the same of
// every page in pages as in the last build.
func (b *builder) samePublished(last *lastBuild, pages []*content.Page) bool {
	for _, p := range pages {
		was := last.site.ByPath[p.Path]
		if was == nil || was.Title != p.Title || was.URL != p.URL || was.File != p.File ||
			was.Front.Description != p.Front.Description || !slices.Equal(was.Front.Aliases, p.Front.Aliases) ||
			was.AliasesLine != p.AliasesLine || !was.Lastmod.Equal(p.Lastmod) {
			return false
		}
	}
	return true
}

// checkLinksOf checks the links on pages again and keeps the problems the
// last build found elsewhere. The anchors are last's: the caller made sure
// no page's changed.
func (b *builder) checkLinksOf(last *lastBuild, pages []*content.Page) {
	b.anchors = last.anchors
	edited := map[string]bool{}
	var refs []linkcheck.Ref
	for _, p := range pages {
		info := b.pages[p.URL]
		edited[info.file] = true
		refs = append(refs, pageRefs(p.URL, info)...)
	}
	var out diag.List
	for _, d := range last.linkDiags {
		if !edited[d.File] {
			out = append(out, d)
		}
	}
	b.linkDiags = append(out, b.linkSite().Check(refs)...)
	for _, r := range last.external {
		if !edited[r.File] {
			b.external = append(b.external, r)
		}
	}
	b.external = append(b.external, externalRefs(refs)...)
}
