// Package templates holds the templ components that lay out every page of a
// docsgen site, and the plain view models they take.
//
// Components receive only these structs (built by internal/site from the
// content tree); they never see the site, the file system or the Markdown
// renderer, and this package imports no internal package. Page bodies arrive
// as already-rendered, already-sanitised HTML in Page.Body.
//
// Edit the *.templ files and run `go tool templ generate` (make generate);
// the generated *_templ.go files are committed and never edited by hand.
package templates

// Link is a titled URL: header and footer links, breadcrumbs, prev/next.
type Link struct {
	Title string
	URL   string
}

// Site is what every page shows of the site as a whole.
type Site struct {
	Title       string
	HeaderLinks []Link
	FooterLinks []Link
	// StyleURL and ScriptURL are the fingerprinted asset bundles,
	// for example /assets/style.3f2a9c1d.css.
	StyleURL  string
	ScriptURL string
	// SearchURL is where the search dialog's index lives (empty: no search).
	SearchURL string
	// Lang is the html lang attribute; default "en".
	Lang string
}

// NavItem is one entry of the sidebar: a page, or a section with children.
type NavItem struct {
	Title string
	URL   string
	// Badge is a short label shown after the title, such as New, Pro, AI, MCP.
	Badge string
	// Current marks the page being shown (aria-current="page").
	Current bool
	// Open marks a section that contains the current page; it renders expanded.
	Open bool
	// IsSection is true for a section (a folder); its Children may be empty
	// when the sidebar is trimmed on a large site.
	IsSection bool
	Children  []NavItem
	// More marks the link that ends a list the sidebar shows only part of:
	// it leads to the list's full index.
	More bool
}

// TOCItem is one entry of the "On this page" list (h2, with h3 children).
type TOCItem struct {
	ID       string
	Text     string
	Children []TOCItem
}

// Page is the view model of one HTML page.
type Page struct {
	Site        *Site
	Title       string
	Description string
	// URL is the page's path, such as /reference/errors/.
	URL string
	// CanonicalURL is the absolute URL (base URL + path), empty without a base URL.
	CanonicalURL string
	// Body is the rendered Markdown, trusted HTML.
	Body string
	Nav  []NavItem
	// NavHTML, when set, is Nav already rendered by SidebarNav (trusted
	// HTML); the layout uses it instead of Nav. A big site renders each
	// section's sidebar once and reuses it for all the section's pages.
	NavHTML     string
	Breadcrumbs []Link
	// TOC is empty when the page turned the table of contents off.
	TOC  []TOCItem
	Prev *Link
	Next *Link
	// LastUpdated is an ISO date (2026-11-24), empty when unknown.
	LastUpdated string
	// EditURL links to the page's source for editing; empty hides the link.
	EditURL string
	// SourceURL is the page's Markdown published beside it
	// (/reference/errors/index.md); empty hides the page actions menu
	// (Copy page, View as Markdown, AskLinks).
	SourceURL string
	// AskLinks open the page's Markdown in a chat assistant ("Open in
	// ChatGPT"); see AskLink. Shown in the page actions menu.
	AskLinks []AskLink
	// IsHome is true for the site's root page.
	IsHome bool
	// NotFound is true for 404.html.
	NotFound bool
	// Params are the page's own front matter values: those under params:
	// and the keys docsgen does not know; nil when there are none.
	Params map[string]any
}

// AskLink opens a chat assistant with a prompt that names the page's
// Markdown URL.
type AskLink struct {
	// Title is the menu item's text, such as "Open in ChatGPT".
	Title string
	// URL is the assistant's address with the prompt in its query.
	URL string
	// Markdown is the Markdown URL the prompt names as written in URL. When
	// it is a path (a site built without a base URL), the page's script
	// puts the absolute URL the browser sees in its place.
	Markdown string
}
