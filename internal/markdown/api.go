package markdown

// This file holds the types the rest of docsgen sees. The package comment,
// the goldmark extensions and the Renderer live in the other files.

// Options configures a Renderer. The zero value is usable.
type Options struct {
	// AllowRawHTML passes raw HTML in Markdown through to the page.
	// Default false: raw HTML is left out and a warning names its position.
	AllowRawHTML bool
	// Directives are the block components authors can use as
	// ::name{key="value"}. A name not in this map is an error.
	Directives map[string]Directive
}

// Directive is a block component used from Markdown as ::name{key="value"}.
type Directive struct {
	// Attrs lists the attribute names the directive accepts; any other
	// attribute is an error at its position.
	Attrs []string
	// Required lists the attributes that must be given.
	Required []string
	// Render returns the directive's HTML (trusted, inserted as is) and the
	// element ids that HTML defines, so links to them can be checked.
	// An error is reported at the directive's position; give it a hint.
	Render func(attrs map[string]string) (Output, error)
}

// Output is what a Directive renders.
type Output struct {
	HTML string
	IDs  []string
	// Sections are search entries the directive contributes (one per error
	// code, status row, ...), each linking to its own anchor.
	Sections []Section
	// Links lists the link destinations the HTML holds that point outside
	// the directive's own ids, so link checks cover links made from data.
	Links []string
	// Markdown is the same component as Markdown (GFM tables, headings,
	// lists), which replaces the directive line in Result.Markdown; empty
	// leaves the line out there (an interactive widget has no Markdown).
	Markdown string
}

// Source names the Markdown being rendered, for positions in diagnostics.
type Source struct {
	// File is the path shown to authors, such as content/reference/errors.md.
	File string
	// LineOffset is the number of file lines before the Markdown body
	// (the front matter), added to every reported line.
	LineOffset int
	// Links rewrites link and image destinations (relative links to the
	// target page's URL); default nil, every destination kept as written.
	Links LinkResolver
}

// Result is a rendered Markdown document.
type Result struct {
	// HTML is the document body.
	HTML []byte
	// Title is the text of a level-1 heading that opens the document, which
	// is then left out of HTML (the layout prints the title); empty if none.
	Title string
	// Headings lists every heading (levels 2 to 6) in document order.
	Headings []Heading
	// IDs lists every element id the HTML defines: headings, footnotes,
	// directive output. Link checks resolve #fragments against it.
	IDs []string
	// Links lists every link and image destination, with its position.
	Links []Link
	// Sections is the text of the document split at h2/h3 headings, for search.
	// The first section (before any heading) has an empty HeadingID.
	Sections []Section
	// Markdown is the document's source with every directive line replaced
	// by the directive's Output.Markdown, for the page's Markdown exports;
	// nil when the document has no directive (the source is the export).
	// A directive with an error keeps its line as written.
	Markdown []byte
}

// Heading is one heading of a document.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Link is a link or image destination as written, with its position in the
// file: the opening "[", or for a reference-style link the "[" of the
// definition its destination comes from.
type Link struct {
	Dest string
	// URL is the destination written into the HTML when Source.Links
	// rewrote it; "" when the HTML has Dest.
	URL   string
	Line  int
	Col   int
	Image bool
}

// Section is a searchable piece of a page: the text under one heading.
type Section struct {
	HeadingID string
	Heading   string
	// Text is the prose: paragraphs, lists, tables, inline code.
	Text string
	// Code is the text of the code blocks under the heading, and their
	// titles, which search weighs below prose.
	Code string
}
