// Package markdown renders docsgen pages: Markdown to HTML, plus what the
// rest of the build needs from a page (title, headings, ids, links, search
// text) and a positioned diagnostic for every mistake an author can make.
//
// A Renderer (New) holds one goldmark instance configured with docsgen's
// extensions and is safe for concurrent use; Render takes a document's body
// and a Source naming its file (LineOffset is the front matter's line count,
// so every position refers to the original file). Render never stops at the
// first problem: it returns the HTML of everything it could render and all
// diagnostics, sorted.
//
// # Syntax
//
// CommonMark with the GitHub extensions: tables, task lists,
// ~~strikethrough~~, bare URLs linked (https://... and www....), and
// footnotes ([^1] and [^1]: text). No typographic replacements: quotes and
// dashes stay as written. One line may open at most 100 block quotes and
// list items; a line that goes deeper is an error, and its rest is shown as
// text (parsing such a line would otherwise take time quadratic in its
// length).
//
// Headings get GitHub's ids (see package slug): "## Rate limits" gets
// id="rate-limits", a second heading with the same text "rate-limits-1".
// An attribute list after the text sets the id and classes and is not
// shown: "## Limits {#plan-limits .wide}"; braces that hold no attribute
// list stay text ("## Object literal {}"). Two explicit ids that are the
// same (counting directive output and tab ids) are an error. Each h2-h6
// ends with an anchor link to itself. A level-1 heading that is the
// document's first block becomes Result.Title and is left out of the HTML;
// other level-1 headings render as h1. Definition lists ("Term", then
// ": definition") render as <dl>.
//
// Callouts come in every common spelling and render alike (callout.go).
// GitHub alerts, a blockquote whose first line is the marker (any case):
//
//	> [!WARNING]
//	> Retries cost credits.
//
// ::: containers (docsgen, Docusaurus, VitePress), which can carry a title
// and nest (an outer one may use more colons):
//
//	:::warning Retries cost credits
//	Body, any Markdown.
//	:::
//
// with the title also as :::tip[Title]; and MkDocs admonitions, the body
// indented four spaces, "???" and "???+" for collapsible ones:
//
//	!!! warning "Retries cost credits"
//	    Body, any Markdown.
//
// GitHub's kinds are note, tip, important, warning and caution; the other
// dialects add info, danger, details and MkDocs' types (success, question,
// bug, example, ...), mapped to those styles. An unknown type renders as a
// neutral callout with a warning; a container never closed is an error.
// A colon line that fits none of this (a lone ":::" that closes nothing,
// "::: 42") is text, with a warning for the lone ":::".
//
// Code blocks are fenced blocks, highlighted by package highlight:
//
//	```python title="handle_errors.py" {2,4-6} linenos
//
// The info string's first word is the language (escapes and entities
// decoded); after it, in any order, options as docsgen, Hugo, MkDocs,
// Docusaurus and Pandoc write them: title="..." (or title=x, file=...),
// {ranges} or hl_lines="2 3" of 1-based lines to highlight, linenos or
// showLineNumbers for line numbers, startline=N or linenostart=N for
// numbers that start at N, and {.lang .class} attribute lists (see
// fenceinfo.go). An option docsgen does not know, or a bad range, is a
// warning and ignored; a fence never closed is a warning. An unknown
// language renders as plain text.
//
// Code tabs group fenced blocks, one per tab, labelled by title="..." or
// the language's name; the reader's choice follows them across the site:
//
//	:::tabs
//	```python
//	...
//	```
//	```js title="Node.js"
//	...
//	```
//	:::
//
// Only fenced code blocks belong inside :::tabs; anything else is an error
// and is shown before the group. MkDocs content tabs (=== "Label", the
// body indented four spaces) render as the same tabs with any content.
//
// Directives insert components configured in Options.Directives:
//
//	::errors{category="rate-limit"}
//	::status-table
//
// A line is a directive only when it holds a registered name and,
// optionally, attributes in braces: key="value" pairs separated by spaces,
// values in double quotes with \" and \\ as escapes. Any other "::" line
// ("::before and ::after", "::std::vector") is text; an unregistered name
// followed by braces, or close to a registered one, gets a warning. An
// unknown attribute, a missing required attribute and malformed braces or
// quotes are errors with the column; so is an error returned by the
// directive's Render (a diag.Diagnostic returned as the error keeps its
// message and hint). The output's ids and search sections join the page's;
// every directive also takes search="false", which keeps its sections out
// of search (a demo of a table the reference already shows).
// Result.Markdown is the source with each directive line replaced by the
// directive's own Markdown, for exports that want the data, not the call.
//
// Other tools' template syntax (Hugo shortcodes, mdBook {{#include}},
// Liquid or Jinja {% %} tags, MDX import lines) is shown as text with a
// warning. Nothing an author writes is dropped without a diagnostic at its
// line (TestNoWordLost).
//
// Raw HTML (blocks and inline tags) is left out, with a warning at each
// piece, unless Options.AllowRawHTML is set; then it is passed through.
// Links with dangerous schemes (javascript: and the like) lose their href
// either way.
//
// # Output
//
// The HTML follows docsgen's HTML contract (headings with anchors, callouts,
// code figures with a copy button, tabs, tables in div.table-wrap); the
// theme's CSS and JavaScript rely on it. Result also lists every heading
// (h2-h6), every id the HTML defines (headings, footnotes fn:N and fnref:N,
// code tabs, directive output), every link and image destination with the
// line and column of its opening "[", "![" or "<", and the page's text split
// at h2 and h3 headings for search (the text of code blocks and their
// titles apart, in Section.Code, which search weighs below prose; a
// directive's sections follow the section it sits in; an empty part before
// the first heading is left out).
package markdown
