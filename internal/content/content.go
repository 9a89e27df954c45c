// Package content loads a docsgen content tree: Markdown pages with YAML
// front matter, the optional site settings in site.yaml, and the section
// structure the sidebar and prev/next links follow.
//
// # One reader
//
// content is the only package that reads the content folder, through the
// fs.FS it is given: pages (their sources kept in Page.Source), the files
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
// Every .md file is a page. index.md or _index.md is the section page of its
// folder; content/index.md is the home page. URLs are pretty:
// reference/errors.md is served at /reference/errors/. A `slug` in front
// matter replaces the last URL segment. Two files that claim one URL are an
// error naming both, and so is a path holding "#", "?", "%" or a backslash,
// which cannot be part of a URL. Folders and files whose names start with "_" or "."
// (except _index.md) are not pages: _data/ holds site data.
//
// # Front matter
//
// A page may open with YAML between two "---" lines. Keys: title,
// description, weight, draft, slug, badge, toc, lastmod, aliases, params.
// Any other key is an error at its line and column; free-form values go
// under params. Without a title, the page's first "# " heading is used,
// then its file name. The body keeps its line numbers: Page.BodyLine tells
// how many lines the front matter took.
//
// # Order
//
// Within a folder, pages and sub-sections sort by weight (pages without a
// weight come after those with one), then by title, then by path. Site.Pages
// lists every page in that reading order, depth first: a section page comes
// before its children. Prev/next links and the sidebar follow it.
package content

import (
	"bytes"
	"math"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goccy/go-yaml"

	"docsgen/internal/diag"
)

// FrontMatter holds the keys a page may set. Fields state their defaults.
type FrontMatter struct {
	// Title defaults to the first "# " heading, then the file name.
	Title string `yaml:"title"`
	// Description is used for the lead paragraph, meta tags, search and llms.txt.
	Description string `yaml:"description"`
	// Weight orders pages in their folder, lower first; 0 means unset (last).
	Weight int `yaml:"weight"`
	// Draft pages are left out unless drafts are asked for.
	Draft bool `yaml:"draft"`
	// Slug replaces the last URL segment.
	Slug string `yaml:"slug"`
	// Badge is a short sidebar label such as New, Pro, AI, MCP.
	Badge string `yaml:"badge"`
	// TOC shows "On this page"; default true.
	TOC *bool `yaml:"toc"`
	// Lastmod (YYYY-MM-DD) is the fallback for "Last updated" when git has no date.
	Lastmod string `yaml:"lastmod"`
	// Aliases are old URLs that redirect to this page.
	Aliases []string `yaml:"aliases"`
	// Params is free-form.
	Params map[string]any `yaml:"params"`
}

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
	// Source is the whole file as read (BOM removed, CRLF and CR read as LF).
	Source []byte
	// Body is the Markdown after the front matter.
	Body []byte
	// BodyLine is the number of file lines before Body.
	BodyLine int
	// Section is the folder the page belongs to; for a section page, the
	// section it opens.
	Section *Section
	// IsSection is true for index.md and _index.md.
	IsSection bool
	// Lastmod is the parsed front matter lastmod (zero when unset).
	Lastmod time.Time
	// Size is the length of the source in bytes.
	Size int
	// AliasesLine is the file line of the aliases key (0 when absent),
	// for errors about aliases found after loading.
	AliasesLine int
}

// ShowTOC reports whether the page shows its table of contents.
func (p *Page) ShowTOC() bool { return p.Front.TOC == nil || *p.Front.TOC }

// ParsePage reads one page from its source: p is its path in the content
// FS, file the path shown to authors. The page has no URL or section yet.
// It returns nil when the page cannot be used.
func ParsePage(p, file string, src []byte) (*Page, diag.List) { return parsePage(p, file, src) }

// parsePage splits front matter from body and decodes it strictly.
func parsePage(p, file string, src []byte) (*Page, diag.List) {
	var diags diag.List
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(src, '\r') >= 0 {
		// A lone CR (old Mac files) ends a line for YAML, Markdown and
		// editors alike; as LF it does for every position docsgen reports.
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	if !utf8.Valid(src) {
		line, col := firstInvalidUTF8(src)
		diags.Add(diag.Errorf(file, line, col, "the file is not valid UTF-8").
			WithHint("save it as UTF-8 in your editor"))
		return nil, diags
	}
	if bytes.IndexByte(src, 0) >= 0 {
		line, col := diag.Position(src, bytes.IndexByte(src, 0))
		diags.Add(diag.Errorf(file, line, col, "the file holds a NUL byte; it looks binary, not Markdown").
			WithHint("move binary files out of content/ or into static/"))
		return nil, diags
	}
	if i := strings.IndexAny(p, "#?%\\"); i >= 0 {
		// The path becomes the URL: "#" or "?" would end it, "%" starts
		// an escape, and browsers read a backslash as "/".
		diags.Add(diag.Errorf(file, 0, 0, "%q in the file's path cannot be part of a URL", p[i:i+1]).
			WithHint("rename it using letters, digits, '-' and '_'"))
		return nil, diags
	}
	name := path.Base(p)
	pg := &Page{
		Path:      p,
		File:      file,
		Source:    src,
		Size:      len(src),
		IsSection: name == "index.md" || name == "_index.md",
	}
	front, body, bodyLine, ok := SplitFrontMatter(src)
	if !ok {
		diags.Add(diag.Errorf(file, 1, 1, "front matter opened with --- is never closed").
			WithHint("add a line with --- after the last front matter key"))
		return nil, diags
	}
	pg.Body, pg.BodyLine = body, bodyLine
	if len(bytes.TrimSpace(front)) > 0 {
		if d, ok := diag.YAMLNesting(file, 1, front); !ok {
			diags.Add(d)
			return nil, diags
		}
		if found := frontMatterBlock.precheck(file, front, 1); len(found) > 0 {
			diags.Add(found...)
			return nil, diags
		}
		if err := decodeSettings(front, &pg.Front); err != nil {
			diags.Add(frontMatterBlock.explain(diag.FromYAML(file, 1, err), front, 1))
			return nil, diags
		}
		if !plainIntegerWeight(front) {
			if line, col, ok := fractionalWeight(front); ok {
				diags.Add(diag.Errorf(file, line+1, col, "front matter key weight is not a whole number").
					WithHint("weights order pages: use whole numbers such as 10, 20, 30"))
				return nil, diags
			}
		}
	}
	if pg.Front.Lastmod != "" {
		t, err := time.Parse(time.DateOnly, pg.Front.Lastmod)
		if err != nil {
			line, col := keyPosition(front, "lastmod")
			diags.Add(diag.Errorf(file, line+1, col, "lastmod %q is not a date", pg.Front.Lastmod).
				WithHint("write it as YYYY-MM-DD, for example 2026-11-24"))
		}
		pg.Lastmod = t
	}
	if s := pg.Front.Slug; s != "" && (strings.ContainsAny(s, "/\\?#% ") || s == "." || s == "..") {
		line, col := keyPosition(front, "slug")
		diags.Add(diag.Errorf(file, line+1, col, "slug %q cannot be used in a URL", s).
			WithHint("use lowercase letters, digits and '-' only"))
		pg.Front.Slug = ""
	}
	if len(pg.Front.Aliases) > 0 {
		line, _ := keyPosition(front, "aliases")
		pg.AliasesLine = line + 1
	}
	for _, a := range pg.Front.Aliases {
		if !strings.HasPrefix(a, "/") {
			line, col := keyPosition(front, "aliases")
			diags.Add(diag.Errorf(file, line+1, col, "alias %q is not a site path", a).
				WithHint("start each alias with /, for example /old/errors/"))
		}
	}
	pg.Title = pg.Front.Title
	if pg.Title == "" {
		pg.Title = FirstHeading(pg.Body)
	}
	if pg.Title == "" {
		base := strings.TrimSuffix(name, ".md")
		if pg.IsSection {
			base = path.Base(cleanDir(path.Dir(p)))
			if base == "" || base == "." {
				base = "Home"
			}
		}
		pg.Title = humanize(base)
	}
	if pg.Title == "" {
		pg.Title = "Untitled" // a file named "-.md" or " .md"
	}
	return pg, diags
}

// plainIntegerWeight reports, from the text alone, that front matter has
// no weight or a plain whole one: "weight" appears once, at the start of a
// line, as "weight: " and digits. Then fractionalWeight, a second YAML
// parse of every page, is not needed. Any other form (quoted or flow keys,
// anchors, tags, a second mention) takes the full check.
func plainIntegerWeight(front []byte) bool {
	const key = "weight"
	i := bytes.Index(front, []byte(key))
	if i < 0 {
		// No weight key can be written without the word but through
		// escapes in a quoted key.
		return bytes.IndexByte(front, '\\') < 0
	}
	if bytes.Contains(front[i+len(key):], []byte(key)) || (i > 0 && front[i-1] != '\n') {
		return false
	}
	rest := front[i+len(key):]
	if len(rest) == 0 || rest[0] != ':' {
		return false
	}
	rest = bytes.TrimLeft(rest[1:], " \t")
	if len(rest) > 0 && (rest[0] == '-' || rest[0] == '+') {
		rest = rest[1:]
	}
	digits := 0
	for digits < len(rest) && rest[digits] >= '0' && rest[digits] <= '9' {
		digits++
	}
	if digits == 0 {
		return false
	}
	after := rest[digits:]
	rest = bytes.TrimLeft(after, " \t\r")
	spaced := len(rest) < len(after)
	return len(rest) == 0 || rest[0] == '\n' || (rest[0] == '#' && spaced)
}

// fractionalWeight reports where a weight such as 1.5 is, which the
// YAML library would silently cut to 1.
func fractionalWeight(front []byte) (line, col int, ok bool) {
	defer func() {
		if recover() != nil { // the YAML library may panic; see decodeSettings
			line, col, ok = 0, 0, false
		}
	}()
	var raw struct {
		Weight any `yaml:"weight"`
	}
	if yaml.Unmarshal(front, &raw) != nil {
		return 0, 0, false
	}
	if f, isFloat := raw.Weight.(float64); isFloat && f != math.Trunc(f) {
		line, col = keyPosition(front, "weight")
		return line, col, true
	}
	return 0, 0, false
}

// SplitFrontMatter splits src into its YAML front matter and the Markdown
// body. bodyLine is the number of lines before the body. ok is false when
// front matter is opened but never closed. A file without front matter
// returns it all as body.
func SplitFrontMatter(src []byte) (front, body []byte, bodyLine int, ok bool) {
	if !bytes.HasPrefix(src, []byte("---")) {
		return nil, src, 0, true
	}
	first := lineEnd(src, 0)
	if strings.TrimRight(string(src[3:first]), " \t") != "" {
		return nil, src, 0, true // "----" or "--- text": a thematic break, not front matter
	}
	start := first + 1
	line := 1
	for i := start; i <= len(src); {
		end := lineEnd(src, i)
		line++
		l := src[i:end]
		if bytes.Equal(bytes.TrimRight(l, " \t"), []byte("---")) || bytes.Equal(bytes.TrimRight(l, " \t"), []byte("...")) {
			front = src[start:i]
			if end < len(src) {
				end++
			}
			return front, src[end:], line, true
		}
		if end >= len(src) {
			break
		}
		i = end + 1
	}
	return nil, nil, 0, false
}

func lineEnd(src []byte, i int) int {
	if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(src)
}

// FirstHeading returns the text of the first ATX level-1 heading ("# Title")
// outside fenced code, or "".
func FirstHeading(body []byte) string {
	fence := ""
	for len(body) > 0 {
		end := bytes.IndexByte(body, '\n')
		var line []byte
		if end < 0 {
			line, body = body, nil
		} else {
			line, body = body[:end], body[end+1:]
		}
		t := strings.TrimLeft(string(line), " ")
		if len(string(line))-len(t) > 3 {
			continue
		}
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
			continue
		}
		if strings.HasPrefix(t, "# ") || t == "#" {
			h := strings.TrimSpace(strings.TrimPrefix(t, "#"))
			h = strings.TrimSpace(strings.TrimRight(h, "#"))
			return stripInline(h)
		}
	}
	return ""
}

// stripInline removes the commonest inline Markdown from a heading so the
// title reads as plain text.
func stripInline(s string) string {
	r := strings.NewReplacer("`", "", "**", "", "__", "", "*", "", "\\", "")
	return strings.TrimSpace(r.Replace(s))
}

func humanize(name string) string {
	name = strings.NewReplacer("-", " ", "_", " ").Replace(name)
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(name)
	return strings.ToUpper(string(r)) + name[n:]
}

// keyPosition returns the 1-based line and column of a top-level key in YAML
// text, or 1:1 when absent.
func keyPosition(yamlText []byte, key string) (int, int) {
	for i, l := range strings.Split(string(yamlText), "\n") {
		if strings.HasPrefix(l, key+":") {
			return i + 1, 1
		}
	}
	return 1, 1
}

func firstInvalidUTF8(src []byte) (int, int) {
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			return diag.Position(src, i)
		}
		i += n
	}
	return 1, 1
}
