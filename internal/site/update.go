package site

import (
	"maps"
	"slices"

	"docsgen/internal/content"
	"docsgen/internal/diag"
	"docsgen/internal/linkcheck"
	"docsgen/internal/markdown"
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
	pages map[string]*pageInfo
	files map[string]bool
	out   *output.Memory
	// links, publish and aliases are the link problems, the publishing
	// problems and the alias map the build found.
	links, publish diag.List
	aliases        map[string]string
}

// remember records b's build of src into out as the state the next
// update starts from.
func (s *Session) remember(b *builder, src *content.Site, out *output.Memory) {
	s.last = &lastBuild{in: b.inputs, site: src, pages: b.pages, files: b.files, out: out,
		links: b.linkDiags, publish: b.publishDiags, aliases: b.aliases}
}

// finishPages is finish for an update of pages over last.
func (b *builder) finishPages(w output.Writer, last *lastBuild, pages []*content.Page) (*deferredOutputs, error) {
	if !b.sameAnchors(last, pages) || !maps.Equal(b.files, last.files) {
		return b.finish(w)
	}
	if b.samePublished(last, pages) {
		b.publishDiags, b.aliases = last.publish, last.aliases
	} else if err := b.writePublishing(w); err != nil {
		return nil, err
	}
	d := b.captureDeferred()
	for _, n := range d.names() {
		b.files["/"+n] = true
	}
	b.checkLinksOf(last.links, pages)
	return d, nil
}

// sameAnchors reports whether every page in pages has the same anchors as
// in the last build.
func (b *builder) sameAnchors(last *lastBuild, pages []*content.Page) bool {
	for _, p := range pages {
		was, now := last.pages[p.URL], b.pages[p.URL]
		if was == nil || now == nil || !maps.Equal(was.ids, now.ids) {
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
// last build found elsewhere.
func (b *builder) checkLinksOf(last diag.List, pages []*content.Page) {
	edited := map[string]bool{}
	ls := &linkcheck.Site{Pages: make(map[string]map[string]bool, len(b.pages)), Files: b.files}
	for url, info := range b.pages {
		ls.Pages[url] = info.ids
	}
	var refs []linkcheck.Ref
	for _, p := range pages {
		info := b.pages[p.URL]
		edited[info.file] = true
		refs = append(refs, pageRefs(p.URL, info.file, info.links)...)
	}
	var out diag.List
	for _, d := range last {
		if !edited[d.File] {
			out = append(out, d)
		}
	}
	b.linkDiags = append(out, ls.Check(refs)...)
}

// pageRefs are the links on one page, for the link checker.
func pageRefs(url, file string, links []markdown.Link) []linkcheck.Ref {
	refs := make([]linkcheck.Ref, 0, len(links))
	for _, l := range links {
		refs = append(refs, linkcheck.Ref{From: url, File: file, Line: l.Line, Col: l.Col, Dest: l.Dest})
	}
	return refs
}
