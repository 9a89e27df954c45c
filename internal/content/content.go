// Package content loads a docsgen content tree: Markdown pages with YAML
// front matter, the optional site settings in site.yaml, and the section
// structure the sidebar and prev/next links follow.
//
// # One reader
//
// content is the only package that reads the content folder, through the
// fs.FS it is given: pages (their sources kept in Page.Source, or read
// again by Site.Source when Options.DropSources let them go), the files
// beside them (Site.Files), site.yaml and the raw bytes of the data folder
// (Site.Data, read once; catalog decodes them). A page is identified by its
// path in the FS; Options.Display is a prefix for printing only. After an
// edit, Site.Reload takes the changed paths, reads only those again and
// says what is different (Change), returning a new Site: a Site and its
// pages are never changed once returned. Site.Text quotes a file for error
// excerpts.
//
// # Pages and URLs
//
// Every .md file is a page, but SUMMARY.md (a navigation list, see Order).
// index.md or _index.md is the section page of its
// folder, and so is README.md (in any case) in a folder that has neither,
// as on GitHub, in mdBook and in MkDocs; content/index.md (or README.md)
// is the home page. URLs are pretty:
// reference/errors.md is served at /reference/errors/. A `slug` in front
// matter replaces the last URL segment. Two files that claim one URL are an
// error naming both, and so is a path holding "#", "?", "%" or a backslash,
// which cannot be part of a URL. Markdown files whose names, or the names
// of folders above them, start with "_" or "." (except _index.md) are not
// pages; _data/ at the top holds site data.
//
// # Files beside pages
//
// Every other file (images, PDFs, downloads) is listed in Site.Files, to be
// published at its path: guide/img/d.png at /guide/img/d.png (FileURL);
// site.yaml, the data folder and hidden files (a name starting with "."
// anywhere in the path) are not. A
// symbolic link, here or in the data folder, whose target lies outside the
// project folder (Options.Confine) is an error naming it and is never
// read: a contributed link must not publish a file of the build machine.
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
// and column. Without a title, the page's first heading of any level is
// used, then a readable form of its file name (02-getting_started.md reads
// "Getting started"). The body keeps its line numbers: Page.BodyLine tells
// how many lines the front matter took.
//
// # Order
//
// Within a folder, pages and sub-sections sort by weight (pages without a
// weight come after those with one), then by the folder's navigation list
// when it has one, then by file name (numbers by value: 2-setup.md before
// 10-deploy.md), never by title. A navigation list is a nav: list in the
// section page's front matter (file names relative to the folder; MkDocs'
// "Title: file.md" entries and nested lists are read too) or an
// mdBook-style SUMMARY.md (a Markdown list of links, which may reach into
// the folders below); pages it does not list follow those it does, and an
// entry that names no file is an error at its line. Site.Pages lists every
// page in that reading order, depth first: a section page comes before its
// children. Prev/next links and the sidebar follow it.
package content

import (
	"time"
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
	// Source is the whole file as read (BOM removed, CRLF and CR read as
	// LF); nil when the Site was loaded with DropSources: read it with
	// Site.Source, which works either way.
	Source []byte
	// Body is the Markdown after the front matter; nil with DropSources.
	Body []byte
	// BodyLine is the number of file lines before Body.
	BodyLine int
	// Section is the folder the page belongs to; for a section page, the
	// section it opens.
	Section *Section
	// IsSection is true for index.md and _index.md, and for README.md in
	// a folder that has neither.
	IsSection bool
	// Lastmod is the parsed front matter lastmod (zero when unset).
	Lastmod time.Time
	// Size is the length of the source in bytes.
	Size int
	// AliasesLine is the file line of the aliases key (0 when absent),
	// for errors about aliases found after loading.
	AliasesLine int

	// dropped is set when Source and Body were let go (DropSources);
	// bodyAt is where Body starts in Source and sum a checksum of
	// Source, so that reading the file again finds what was parsed.
	dropped bool
	bodyAt  int
	sum     uint32
}

// ShowTOC reports whether the page shows its table of contents.
func (p *Page) ShowTOC() bool { return p.Front.TOC == nil || *p.Front.TOC }
