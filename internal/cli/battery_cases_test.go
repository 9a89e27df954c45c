package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// frontMatterCases are the battery cases of the front matter of pages.
func frontMatterCases() []batteryCase {
	return []batteryCase{
		// Front matter.
		{name: "unclosed front matter",
			files: map[string]string{"a.md": "---\ntitle: A\n\nBody text.\n"},
			code:  1,
			want:  []string{"content/a.md:1:1: error: front matter opened with --- is never closed; add a line with --- after the last front matter key"}},
		{name: "front matter that is only ---",
			files: map[string]string{"a.md": "---\n"},
			code:  1,
			want:  []string{"content/a.md:1:1: error: front matter opened with --- is never closed; add a line with --- after the last front matter key"}},
		{name: "empty front matter",
			files: map[string]string{"empty-matter.md": "---\n---\nText.\n"},
			code:  0,
			html:  map[string][]string{"empty-matter/index.html": {"<h1>Empty matter</h1>", "<p>Text.</p>"}}},
		{name: "invalid YAML front matter",
			files: map[string]string{"a.md": "---\ntitle: [A\n---\n"},
			code:  1,
			want:  []string{"content/a.md:2:8: error: invalid front matter: sequence end token ']' not found; front matter is YAML between two --- lines: key: value, one per line"}},
		{name: "front matter not a mapping",
			files: map[string]string{"a.md": "---\n- title\n- A\n---\n"},
			code:  1,
			want:  []string{"content/a.md:2:1: error: front matter must be key: value lines; write one key: value per line, such as title: Rate limits"}},
		{name: "wrong types",
			files: map[string]string{
				"a.md": "---\nweight: heavy\n---\n",
				"b.md": "---\naliases: /old/b/\n---\n",
				"c.md": "---\ntitle: C\ndraft: maybe\n---\n",
				"d.md": "---\nweight: 1.5\n---\n",
			},
			code: 1,
			want: []string{
				"content/a.md:2:9: error: front matter key weight has the wrong type; it takes a whole number",
				"content/b.md:2:10: error: front matter key aliases has the wrong type; it takes a list of site paths, such as [/old/errors/]",
				"content/c.md:3:8: error: front matter key draft has the wrong type; it takes true or false",
				"content/d.md:2:1: error: front matter key weight is not a whole number; weights order pages: use whole numbers such as 10, 20, 30",
			}},
		{name: "unknown and repeated keys",
			files: map[string]string{
				"a.md": "---\ntitle: A\ncolour: red\n---\n",
				"b.md": "---\ntitle: B\ntitle: C\n---\n",
			},
			args: []string{"-strict"},
			code: 1,
			want: []string{
				`content/a.md:3:1: error: unknown front matter key "colour"; ` + knownKeys,
				"content/b.md:3:1: error: front matter key title appears twice (first on line 2); remove one of the two lines",
			}},
		{name: "keys from other tools",
			files: map[string]string{
				"a.md": "---\ntitle: A\nauthor: Ann\nsidebar_position: 2\n---\nText.\n",
				"b.md": "---\ntitle: B\nauthor: Bo\nsidebar_position: 1\n---\n",
			},
			code: 0,
			want: []string{`content/a.md:3:1: warning: front matter key "author" is not one docsgen knows; it is kept in params; 2 pages use it; templates read it as .Params.author; set strict: true in site.yaml to make unknown keys errors`},
			html: map[string][]string{"a/index.html": {"<h1>A</h1>"}}},
		{name: "typo of a known key",
			files: map[string]string{"a.md": "---\ntitel: A\n---\n"},
			code:  1,
			want:  []string{`content/a.md:2:1: error: unknown front matter key "titel"; did you mean "title"? (` + knownKeys + ")"}},
		{name: "front matter nested 100,000 deep",
			files: map[string]string{"a.md": "---\nparams: " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n---\n"},
			code:  1,
			want:  []string{"content/a.md:2:109: error: YAML nested more than 100 deep; flatten the data; no docsgen setting needs this depth"}},
		{name: "YAML tag without a value",
			files: map[string]string{"a.md": "---\ntitle: A\naliases: !!seq\n---\n"},
			code:  1,
			want:  []string{"content/a.md:3:10: error: YAML tag !!seq has no value; remove the tag; front matter needs no tags"}},
		{name: "bad lastmod and slug",
			files: map[string]string{"a.md": "---\nlastmod: yesterday\nslug: a/b\n---\n"},
			code:  1,
			want: []string{
				`content/a.md:2:1: error: lastmod "yesterday" is not a date; write it as YYYY-MM-DD, for example 2026-11-24`,
				`content/a.md:3:1: error: slug "a/b" cannot be used in a URL; use lowercase letters, digits and '-' only, or a site path such as /guide/start`,
			}},
	}
}

// inputCases are the battery cases of odd bytes and encodings, and nesting deep enough to exhaust a parser.
func inputCases() []batteryCase {
	return []batteryCase{
		// Encodings and odd bytes.
		{name: "UTF-8 byte order mark",
			files: map[string]string{"a.md": "\xef\xbb\xbf---\ntitle: Marked\n---\nBody.\n"},
			code:  0,
			html:  map[string][]string{"a/index.html": {"<title>Marked · Docs</title>", "<h1>Marked</h1>", "<p>Body.</p>", "!\ufeff"}}},
		{name: "CRLF line ends",
			files: map[string]string{"a.md": "---\r\ntitle: Windows\r\n---\r\n## Part\r\n\r\nLine one\r\nline two\r\n"},
			code:  0,
			html:  map[string][]string{"a/index.html": {"<h1>Windows</h1>", `<h2 id="part">`, "<p>Line one\nline two</p>", "!\r"}}},
		{name: "CRLF line ends keep positions",
			files: map[string]string{"a.md": "---\r\ntitle: W\r\n---\r\n\r\n:::tip\r\nx\r\n"},
			code:  1,
			want:  []string{"content/a.md:5:1: error: :::tip is never closed; add a line ::: after its content"}},
		{name: "CR line ends (old Mac)",
			files: map[string]string{"a.md": "---\rtitle: Mac\rcolour: red\r---\r"},
			args:  []string{"-strict"},
			code:  1,
			want:  []string{`content/a.md:3:1: error: unknown front matter key "colour"; ` + knownKeys}},
		{name: "not valid UTF-8",
			files: map[string]string{"a.md": "# Latin-1\n\ncaf\xe9 au lait\n"},
			code:  1,
			want:  []string{"content/a.md:3:4: error: the file is not valid UTF-8; save it as UTF-8 in your editor"}},
		{name: "empty file",
			files: map[string]string{"getting-started.md": ""},
			code:  0,
			html:  map[string][]string{"getting-started/index.html": {"<title>Getting started · Docs</title>", "<h1>Getting started</h1>"}}},
		{name: "binary file named .md",
			files: map[string]string{"logo.md": "GIF89a\x01\x00\x01\x00\x00\x00\x00;"},
			code:  1,
			want:  []string{"content/logo.md:1:8: error: the file holds a NUL byte; it looks binary, not Markdown; a binary file must not end in .md: give it its own extension (such as .png or .pdf) and it is published beside the pages as it is"}},
		{name: "binary file, not UTF-8",
			files: map[string]string{"logo.md": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
			code:  1,
			want:  []string{"content/logo.md:1:1: error: the file is not valid UTF-8; save it as UTF-8 in your editor"}},
		{name: "NUL byte in text",
			files: map[string]string{"a.md": "# A\n\nsome\x00text\n"},
			code:  1,
			want:  []string{"content/a.md:3:5: error: the file holds a NUL byte; it looks binary, not Markdown; a binary file must not end in .md: give it its own extension (such as .png or .pdf) and it is published beside the pages as it is"}},
		{name: "5 MB file",
			setup: func(t *testing.T, content string) { writeFile(t, content, "big.md", bigPage(5<<20)) },
			code:  0,
			slow:  120 * time.Second,
			html:  map[string][]string{"big/index.html": {"<h1>Big page</h1>", `<h2 id="part-1">`, `<a href="#part-1">the first part</a>`, "Closing line."}}},

		// Deep nesting.
		{name: "10,000 nested block quotes",
			files: map[string]string{"a.md": strings.Repeat(">", 10000) + " deep\n"},
			code:  1,
			want:  []string{"content/a.md:1:101: error: block quotes and lists nested more than 100 deep; nest fewer levels; the rest of this line is shown as text"}},
		{name: "10,000 nested lists",
			files: map[string]string{"a.md": "# A\n\n" + strings.Repeat("- ", 10000) + "deep\n"},
			code:  1,
			want:  []string{"content/a.md:3:201: error: block quotes and lists nested more than 100 deep; nest fewer levels; the rest of this line is shown as text"}},
		{name: "100 nested block quotes render",
			files: map[string]string{"a.md": "# A\n\n" + strings.Repeat(">", 100) + " deep\n"},
			code:  0,
			html:  map[string][]string{"a/index.html": {strings.Repeat("<blockquote>", 100) + "<p>deep</p>" + strings.Repeat("</blockquote>", 100)}}},
		{name: "300 lists nested by indentation render",
			setup: func(t *testing.T, content string) {
				var b strings.Builder
				b.WriteString("# A\n\n")
				for i := range 300 {
					fmt.Fprintf(&b, "%s- item %d\n", strings.Repeat("  ", i), i)
				}
				writeFile(t, content, "a.md", b.String())
			},
			code: 0,
			html: map[string][]string{"a/index.html": {"<ul><li>item 0<ul><li>item 1<ul>", "<li>item 299</li>" + strings.Repeat("</ul></li>", 299) + "</ul>"}}},
	}
}

// markupCases are the battery cases of URLs, directives, containers and code fences.
func markupCases() []batteryCase {
	return []batteryCase{
		// URLs.
		{name: "two sources for one URL",
			files: map[string]string{"a.md": "# A\n", "a/index.md": "# A too\n"},
			code:  1,
			want:  []string{"content/a.md:1:1: error: content/a/index.md and content/a.md both produce the page /a/; rename one of them or give one a different slug"}},
		{name: "slug collision",
			files: map[string]string{"a.md": "# A\n", "b.md": "---\nslug: a\n---\n# B\n"},
			code:  1,
			want:  []string{"content/b.md:1:1: error: content/a.md and content/b.md both produce the page /a/; rename one of them or give one a different slug"}},
		{name: "file name that cannot be a URL",
			files: map[string]string{"faq#1.md": "# FAQ\n", "why?/index.md": "# Why\n", "100%.md": "# All\n"},
			code:  1,
			want: []string{
				`content/faq#1.md: error: "#" in the file's path cannot be part of a URL; rename it using letters, digits, '-' and '_'`,
				`content/why?/index.md: error: "?" in the file's path cannot be part of a URL; rename it using letters, digits, '-' and '_'`,
				`content/100%.md: error: "%" in the file's path cannot be part of a URL; rename it using letters, digits, '-' and '_'`,
			}},
		{name: "index.md and _index.md",
			files: map[string]string{"s/index.md": "# S\n", "s/_index.md": "# S too\n"},
			code:  1,
			want:  []string{`content/s/index.md:1:1: error: content/s/_index.md and content/s/index.md both open the section /s/; keep one of index.md and _index.md`}},

		// Directives, containers and code fences.
		{name: "container never closed",
			files: map[string]string{"a.md": "# A\n\n:::note\nNever closed.\n"},
			code:  1,
			want:  []string{"content/a.md:3:1: error: :::note is never closed; add a line ::: after its content"}},
		{name: "unknown container",
			files: map[string]string{"a.md": ":::notte\nx\n:::\n"},
			code:  0,
			want:  []string{`content/a.md:1:4: warning: unknown callout type "notte": shown as a plain callout; did you mean note? types: note, tip, info, important, warning, caution, danger, details and MkDocs' others (abstract, success, question, bug, example, ...)`}},
		{name: "directive attribute not quoted",
			files: map[string]string{"a.md": "# A\n\n::errors{category=rate}\n", "_data/statuses.yaml": statusData},
			code:  1,
			want:  []string{`content/a.md:3:19: error: value of attribute "category" must be double-quoted; put the value in double quotes: category="..."`}},
		{name: "directive attribute never closed",
			files: map[string]string{"a.md": "::errors{category=\"rate-limit}\n", "_data/statuses.yaml": statusData},
			code:  1,
			want:  []string{`content/a.md:1:19: error: unclosed quote in attribute "category"; close the value with "; write \" for a quote and \\ for a backslash`}},
		{name: "unknown directive attribute",
			files: map[string]string{"a.md": "::status-table{colour=\"red\"}\n", "_data/statuses.yaml": statusData},
			code:  1,
			want:  []string{`content/a.md:1:16: error: unknown attribute "colour" for ::status-table; ::status-table takes no attributes`}},
		{name: "unknown directive",
			files: map[string]string{"a.md": "::staus-table\n", "_data/statuses.yaml": statusData},
			code:  0,
			want:  []string{`content/a.md:1:3: warning: unknown directive "staus-table": the line is shown as text; did you mean status-table? known directives: error-example, error-fields, error-filter, errors, rate-limit-headers, rate-limit-plans, refund-policy, status-table`}},
		{name: "code fence never closed",
			files: map[string]string{"a.md": "# A\n\n```go\nfunc main() {\n"},
			code:  0,
			want:  []string{"content/a.md:3:1: warning: code fence is never closed: the code block runs to the end of its container or of the page; add a line ``` after the code"},
			html:  map[string][]string{"a/index.html": {"<h1>A</h1>", "main"}}},
		{name: "duplicate explicit ids",
			files: map[string]string{"a.md": "## One {#same}\n\n## Two {#same}\n"},
			code:  1,
			want:  []string{`content/a.md:3:4: error: duplicate id "same" (heading): already defined on line 1; ids must be unique within a page: change one of them`}},
	}
}

// dataCases are the battery cases of data files and site.yaml.
func dataCases() []batteryCase {
	return []batteryCase{
		// Data files.
		{name: "data file: status not listed",
			txtar: "data-status-not-listed.txtar",
			code:  1,
			want:  []string{"content/_data/errors.yaml:12:17: error: TEAPOT uses status 418, which the status table does not list; add a row for 418 to statuses: in content/_data/statuses.yaml"}},
		{name: "data file: YAML syntax",
			files: map[string]string{"_data/statuses.yaml": "statuses:\n  - code: 200\n   text: OK\n"},
			code:  1,
			want:  []string{"content/_data/statuses.yaml:3:4: error: value is not allowed in this context; fix the YAML syntax at this position"}},
		{name: "data file: wrong type",
			files: map[string]string{"_data/statuses.yaml": strings.Replace(statusData, "code: 200", "code: OK", 1)},
			code:  1,
			want:  []string{"content/_data/statuses.yaml:2:11: error: code must be a whole number, got a string; write digits without quotes, such as 429"}},
		{name: "data file: unknown key",
			files: map[string]string{"_data/extra.yaml": "colours: [red]\n"},
			code:  1,
			want:  []string{`content/_data/extra.yaml:1:1: error: unknown key "colours" in a data file; known keys: statuses, categories, rate_limit_plans, rate_limit_headers, refunds, response_fields`}},
		{name: "data file: missing key",
			files: map[string]string{"_data/statuses.yaml": "statuses:\n  - code: 200\n    text: OK\n    meaning: Fine.\n    retry: Not applicable.\n"},
			code:  1,
			want:  []string{`content/_data/statuses.yaml:2:5: error: a status is missing the required key "retryable"; add a line "retryable: ..." to it`}},
		{name: "data file: section in two files",
			files: map[string]string{"_data/a.yaml": statusData, "_data/b.yaml": statusData},
			code:  1,
			want:  []string{"content/_data/b.yaml:1:1: error: statuses is defined twice (first at content/_data/a.yaml:1:1); keep statuses in one file and remove it from the other"}},
		{name: "data file: nested 100,000 deep",
			files: map[string]string{"_data/statuses.yaml": "statuses:\n  - code: 200\n    text: " + strings.Repeat("{a: ", 100000) + "\n"},
			code:  1,
			want:  []string{"content/_data/statuses.yaml:3:411: error: YAML nested more than 100 deep; flatten the data; no docsgen setting needs this depth"}},
		{name: "data file: binary",
			files: map[string]string{"_data/statuses.yaml": "statuses:\n\x00\x01\x02"},
			code:  1,
			want:  []string{"content/_data/statuses.yaml:2:1: error: the file holds a NUL byte; it looks binary, not YAML; move binary files out of the data folder"}},
		{name: "data file: not valid UTF-8",
			files: map[string]string{"_data/statuses.yaml": strings.Replace(statusData, "Fine.", "Tr\xe8s bien.", 1)},
			code:  1,
			want:  []string{"content/_data/statuses.yaml:4:16: error: the file is not valid UTF-8; save it as UTF-8 in your editor"}},
		{name: "data file: byte order mark and CRLF",
			files: map[string]string{
				"_data/statuses.yaml": "\xef\xbb\xbf" + strings.ReplaceAll(statusData, "\n", "\r\n"),
				"status.md":           "# Statuses\n\n::status-table\n",
			},
			code: 0,
			html: map[string][]string{"status/index.html": {"<h1>Statuses</h1>", "Fine.", ">200<"}}},
		{name: "data file: .yml is ignored",
			files: map[string]string{"_data/statuses.yml": statusData},
			code:  0,
			want:  []string{"content/_data/statuses.yml: warning: ignored: data files must end in .yaml; rename it to statuses.yaml"}},
		{name: "data folder is a file",
			files: map[string]string{"_data": "statuses: []\n"},
			code:  1,
			want:  []string{"content/_data: error: the data folder is a file; move the file away; content/_data must be a folder of *.yaml files"}},
		{name: "data file is a named pipe",
			setup: func(t *testing.T, content string) { mkfifo(t, filepath.Join(content, "_data", "statuses.yaml")) },
			code:  1,
			want:  []string{"content/_data/statuses.yaml: error: not a regular file; replace it with a YAML file or remove it"}},

		// site.yaml.
		{name: "site.yaml wrong type",
			files: map[string]string{"site.yaml": "title: Docs\nrawHTML: sometimes\n"},
			code:  1,
			want:  []string{"content/site.yaml:2:10: error: site setting rawHTML has the wrong type; it takes true or false"}},
		{name: "site.yaml tag without a value",
			files: map[string]string{"site.yaml": "title: Docs\nheaderLinks: !links\n"},
			code:  1,
			want:  []string{"content/site.yaml:2:14: error: YAML tag !links has no value; remove the tag; site.yaml needs no tags"}},
		{name: "site.yaml unknown setting",
			files: map[string]string{"site.yaml": "titel: Docs\n"},
			code:  1,
			want:  []string{`content/site.yaml:1:1: error: unknown site setting "titel"; did you mean "title"? (known settings: title, description, baseURL, headerLinks, footerLinks, editURL, rawHTML, strict, links)`}},
	}
}

// fileCases are the battery cases of files that cannot be read, links, raw HTML, headings and titles.
func fileCases() []batteryCase {
	return []batteryCase{
		// Files that cannot be read.
		{name: "named pipe called x.md",
			setup: func(t *testing.T, content string) { mkfifo(t, filepath.Join(content, "x.md")) },
			code:  1,
			want:  []string{"content/x.md: error: not a regular file but a named pipe (FIFO); replace it with a regular file or remove it"}},
		{name: "dangling symbolic link",
			setup: func(t *testing.T, content string) { symlink(t, "gone.md", filepath.Join(content, "x.md")) },
			code:  1,
			want:  []string{"content/x.md: error: symbolic link to a file that does not exist; remove the link or point it at an existing file"}},
		{name: "symbolic link loop",
			setup: func(t *testing.T, content string) {
				symlink(t, "b.md", filepath.Join(content, "a.md"))
				symlink(t, "a.md", filepath.Join(content, "b.md"))
			},
			code: 1,
			want: []string{
				"content/a.md: error: symbolic link loop: following the link leads back to it; remove the link or point it at a file",
				"content/b.md: error: symbolic link loop: following the link leads back to it; remove the link or point it at a file",
			}},
		{name: "symbolic link to a parent folder",
			setup: func(t *testing.T, content string) { symlink(t, "..", filepath.Join(content, "guide", "up")) },
			files: map[string]string{"guide/p.md": "# P\n"},
			code:  1,
			want:  []string{"content/guide/up: error: symbolic link to a folder: linked folders are not read; copy the folder here, or link its files one by one"}},
		chmodCase(),
		{name: "folder named x.md",
			files: map[string]string{"x.md/page.md": "# Inside\n"},
			code:  0,
			html:  map[string][]string{"x.md/page/index.html": {"<h1>Inside</h1>"}}},
		{name: "static file is a named pipe",
			setup: func(t *testing.T, content string) {
				mkfifo(t, filepath.Join(filepath.Dir(content), "static", "x.css"))
			},
			args: []string{"-static", "static"},
			code: 1,
			want: []string{"docsgen build: reading static files: x.css: not a regular file but a named pipe (FIFO); replace it with a regular file or remove it"}},

		// Links and raw HTML.
		{name: "broken links and anchors",
			files: map[string]string{
				"a.md": "# A\n\n## Setup steps\n\n[gone](/nowhere/) and [typo](#setup-step) and [other](/b/#nope).\n",
				"b.md": "# B\n",
			},
			code: 1,
			want: []string{
				"content/a.md:5:1: error: link to /nowhere/: no page or file has this path; check the path; link a page by its URL (/guide/setup/) or by its file, relative to this one (setup.md)",
				"content/a.md:5:23: error: link to #setup-step: the page /a/ has no anchor #setup-step; did you mean /a/#setup-steps?",
				`content/a.md:5:47: error: link to /b/#nope: the page /b/ has no anchor #nope; anchors are heading ids, such as #getting-started for "## Getting started"`,
			}},
		{name: "raw HTML",
			files: map[string]string{"a.md": "# A\n\nHello <b>bold</b>.\n\n<div class=\"x\">block</div>\n"},
			code:  0,
			want: []string{
				"content/a.md:3:7: warning: raw HTML `<b>` omitted; raw HTML is left out of pages; set rawHTML: true in site.yaml, in the content folder, to allow it",
				"content/a.md:3:14: warning: raw HTML `</b>` omitted; raw HTML is left out of pages; set rawHTML: true in site.yaml, in the content folder, to allow it",
				"content/a.md:5:1: warning: raw HTML block omitted; raw HTML is left out of pages; set rawHTML: true in site.yaml, in the content folder, to allow it",
			},
			html: map[string][]string{"a/index.html": {"<p>Hello bold.</p>", "!<b>", `!class="x"`}}},

		// Headings and titles.
		{name: "5,000 headings with the same text",
			files: map[string]string{"a.md": "# A\n\n" + strings.Repeat("## Same\n\n", 5000)},
			code:  0,
			html:  map[string][]string{"a/index.html": {`<h2 id="same">`, `<h2 id="same-1">`, `<h2 id="same-4999">`, `!<h2 id="same-5000">`}}},
		{name: "title from the first heading",
			files: map[string]string{"a.md": "# The `Real` Title\n\nBody.\n"},
			code:  0,
			html:  map[string][]string{"a/index.html": {"<title>The Real Title · Docs</title>", "<h1>The Real Title</h1>", "!<h1>The <code>"}}},
	}
}

// chmodCase is a page no one may read. Root reads it anyway, so the
// expected outcome depends on who runs the test.
func chmodCase() batteryCase {
	c := batteryCase{
		name: "chmod 000 page",
		setup: func(t *testing.T, content string) {
			p := filepath.Join(content, "secret.md")
			writeFile(t, content, "secret.md", "# Secret\n")
			if err := os.Chmod(p, 0); err != nil {
				t.Fatal(err)
			}
		},
	}
	if os.Geteuid() == 0 {
		c.code = 0
		c.html = map[string][]string{"secret/index.html": {"<h1>Secret</h1>"}}
	} else {
		c.code = 1
		c.want = []string{"content/secret.md: error: cannot read: permission denied; check the file's permissions"}
	}
	return c
}
