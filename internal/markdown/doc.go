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
// An explicit id can be given as "## Limits {#plan-limits}"; two explicit
// ids that are the same (counting directive output and code tab ids) are an
// error. Each h2-h6 ends with an anchor link to itself. A level-1 heading
// that is the document's first block becomes Result.Title and is left out
// of the HTML; other level-1 headings render as h1.
//
// Callouts come in two spellings that render alike. GitHub alerts, a
// blockquote whose first line is the marker (any case):
//
//	> [!WARNING]
//	> Retries cost credits.
//
// and containers, which can carry a title and nest:
//
//	:::warning Retries cost credits
//	Body, any Markdown.
//	:::
//
// The kinds are note, tip, important, warning and caution. A container
// opens with ":::" and a name and closes with a line holding only ":::";
// an unknown name, a container never closed and a ":::" that closes nothing
// are errors.
//
// Code blocks are fenced blocks, highlighted by package highlight:
//
//	```python title="handle_errors.py" {2,4-6} linenos
//
// After the language, in any order: title="..." (shown in the header),
// {ranges} of 1-based lines to highlight, and linenos for line numbers.
// Other words, bad ranges and unquoted titles are errors at the fence; a
// fence never closed is a warning. An unknown language renders as plain
// text.
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
// Only fenced code blocks may sit inside :::tabs.
//
// Directives insert components configured in Options.Directives:
//
//	::errors{category="rate-limit"}
//	::status-table
//
// The line holds only the name and, optionally, attributes in braces:
// key="value" pairs separated by spaces, values in double quotes with \"
// and \\ as escapes. An unknown directive or attribute, a missing required
// attribute and malformed braces or quotes are errors with the column; so is
// an error returned by the directive's Render (a diag.Diagnostic returned as
// the error keeps its message and hint). The output's ids and search
// sections join the page's.
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
// at h2 and h3 headings for search (code blocks left out; a directive's
// sections follow the section it sits in; an empty part before the first
// heading is left out).
package markdown
