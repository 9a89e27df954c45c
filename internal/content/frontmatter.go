package content

import (
	"bytes"
	"fmt"
	"math"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"

	"docsgen/internal/diag"
	"docsgen/internal/strictyaml"
)

// FrontMatter holds the keys a page may set. Fields state their defaults.
type FrontMatter struct {
	// Title defaults to the first "# " heading, then the file name.
	Title string
	// LinkTitle (linkTitle, sidebar_label) is the page's name in the
	// sidebar; default the title.
	LinkTitle string
	// Description is used for the lead paragraph, meta tags, search and llms.txt.
	Description string
	// Weight (weight, sidebar_position, nav_order) orders pages in their
	// folder, lower first; 0 means unset (last).
	Weight int
	// WeightFrac is the fraction of a sidebar_position or nav_order such
	// as 2.5 (Docusaurus allows them): the page sorts between 2 and 3.
	// docsgen's own weight takes whole numbers only.
	WeightFrac float64
	// Nav, in a section page (index.md, _index.md), orders the section's
	// pages: file names relative to the section's folder, in the order
	// listed (MkDocs' "Title: file.md" entries and nested lists are read
	// too). Pages it does not list follow, by weight then file name.
	// Default none.
	Nav []NavEntry
	// Draft pages are left out unless drafts are asked for.
	Draft bool
	// Unlisted pages are built but not listed in the sidebar.
	Unlisted bool
	// Slug replaces the last URL segment; one that starts with "/"
	// (Docusaurus' absolute slug) is the page's whole site path: "/" makes
	// it the home page.
	Slug string
	// Badge is a short sidebar label such as New, Pro, AI, MCP.
	Badge string
	// TOC shows "On this page"; default true (hide_table_of_contents:
	// true sets it false).
	TOC *bool
	// Lastmod (lastmod, date, last_modified_at; YYYY-MM-DD or a date and
	// time) is the fallback for "Last updated" when git has no date.
	Lastmod string
	// Aliases (aliases, redirect_from) are old URLs that redirect to this page.
	Aliases []string
	// Keywords are extra words search finds the page by.
	Keywords []string
	// Search puts the page in the site search; default true. search: false
	// leaves it out, for a page of examples that would repeat the results
	// of the page they copy.
	Search *bool
	// Params is free-form; keys that docsgen does not know are kept here
	// too (a key under params: wins over one of the same name outside).
	Params map[string]any
	// Unknown lists the keys docsgen does not know, in the order written,
	// for Load to report.
	Unknown []UnknownKey
}

// NavEntry is one file named by a navigation list (front matter nav: or
// SUMMARY.md), with where it is written.
type NavEntry struct {
	// Path is the file as written, relative to the list's folder.
	Path      string
	Line, Col int
}

// UnknownKey is a front matter key docsgen does not know, kept in Params.
type UnknownKey struct {
	Name      string
	Line, Col int
}

// frontMatter is how front matter is read: its known keys, then the keys
// other tools write for the same things (see alsoKnown).
var frontMatter = strictyaml.Mapping{
	What: "front matter",
	Key:  "front matter key",
	Known: []string{"title", "description", "weight", "draft", "slug", "badge", "toc", "lastmod", "aliases", "params", "nav",
		"linkTitle", "sidebar_label", "sidebar_position", "nav_order", "date", "last_modified_at", "redirect_from",
		"hide_table_of_contents", "keywords", "unlisted", "search"},
	KnownHint: "known keys: title, description, weight, draft, slug, badge, toc, lastmod, aliases, params; put your own keys under params:",
	Takes: map[string]string{
		"title": "text", "description": "text", "slug": "text", "badge": "text", "lastmod": "a date, YYYY-MM-DD",
		"nav":    "a list of file names in this folder, such as [setup.md, install.md]",
		"weight": "a whole number", "draft": "true or false", "toc": "true or false",
		"aliases": "a list of site paths, such as [/old/errors/]", "params": "keys with values, one per line, indented below params:",
		"linkTitle": "text", "sidebar_label": "text", "sidebar_position": "a whole number", "nav_order": "a whole number",
		"date": "a date, YYYY-MM-DD", "last_modified_at": "a date, YYYY-MM-DD", "redirect_from": "a site path or a list of them",
		"hide_table_of_contents": "true or false", "keywords": "a word or a list of words", "unlisted": "true or false",
		"search": "true or false",
	},
	Unknown: strictyaml.Keep,
}

// alsoKnown maps each key docsgen knows to the keys other tools (Hugo,
// Docusaurus, Jekyll, MkDocs) write for the same thing.
var alsoKnown = map[string][]string{
	"linkTitle": {"sidebar_label"},
	"weight":    {"sidebar_position", "nav_order"},
	"lastmod":   {"last_modified_at", "date"},
	"aliases":   {"redirect_from"},
}

// ParsePage reads one page from its source: p is its path in the content
// FS, file the path shown to authors. The page has no URL or section yet.
// It returns nil when the page cannot be used.
func ParsePage(p, file string, src []byte) (*Page, diag.List) { return parsePage(p, file, src) }

// parsePage splits front matter from body and decodes it strictly.
func parsePage(p, file string, src []byte) (*Page, diag.List) {
	var diags diag.List
	src, problem := cleanText(file, src)
	if problem.Msg == "" {
		if i := strings.IndexAny(p, "#?%\\"); i >= 0 {
			// The path becomes the URL: "#" or "?" would end it, "%" starts
			// an escape, and browsers read a backslash as "/".
			problem = diag.Errorf(file, 0, 0, "%q in the file's path cannot be part of a URL", p[i:i+1]).
				WithHint("rename it using letters, digits, '-' and '_'")
		}
	}
	if problem.Msg != "" {
		return nil, diag.List{problem}
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
	if len(bytes.TrimSpace(front)) > 0 && !decodeFront(pg, front, &diags) {
		return nil, diags
	}
	pg.Title = pageTitle(pg)
	return pg, diags
}

// cleanText drops a byte order mark, reads CRLF and CR as LF, and refuses
// text that is not UTF-8 or holds a NUL byte.
func cleanText(file string, src []byte) ([]byte, diag.Diagnostic) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(src, '\r') >= 0 {
		// A lone CR (old Mac files) ends a line for YAML, Markdown and
		// editors alike; as LF it does for every position docsgen reports.
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	if !utf8.Valid(src) {
		line, col := firstInvalidUTF8(src)
		return src, diag.Errorf(file, line, col, "the file is not valid UTF-8").
			WithHint("save it as UTF-8 in your editor")
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line, col := diag.Position(src, i)
		return src, diag.Errorf(file, line, col, "the file holds a NUL byte; it looks binary, not Markdown").
			WithHint("a binary file must not end in .md: give it its own extension (such as .png or .pdf) and it is published beside the pages as it is")
	}
	return src, diag.Diagnostic{}
}

// decodeFront reads front matter, which starts on line 2 of the file,
// into pg. It returns false when the page cannot be used: the text is not
// YAML or not a mapping. A value of the wrong type is reported and left
// at its default, and the page is kept, so that links to it still resolve.
func decodeFront(pg *Page, front []byte, diags *diag.List) bool {
	src := strictyaml.Source{File: pg.File, LineOffset: 1, Name: "front matter",
		Invalid: "invalid front matter: ", Syntax: "front matter is YAML between two --- lines: key: value, one per line"}
	d, body, ok := strictyaml.Parse(src, front, diags)
	if !ok || body == nil {
		return ok
	}
	o, ok := d.Mapping(body, frontMatter)
	if !ok {
		return false
	}
	fm := &pg.Front
	fm.Title, _ = o.Text("title")
	fm.Description, _ = o.Text("description")
	fm.Slug, _ = o.Text("slug")
	fm.Badge, _ = o.Text("badge")
	fm.Draft, _ = o.Bool("draft", false)
	fm.Unlisted, _ = o.Bool("unlisted", false)
	if o.Has("toc") {
		toc, _ := o.Bool("toc", false)
		fm.TOC = &toc
	}
	if o.Has("search") {
		search, _ := o.Bool("search", true)
		fm.Search = &search
	}
	if hide, _ := o.Bool("hide_table_of_contents", false); hide {
		toc := false
		fm.TOC = &toc
	}
	fm.Keywords, _ = textOrList(o, "keywords")
	if o.Has("nav") {
		fm.Nav = readNav(d, o.List("nav", false), nil)
	}
	if n := o.Value("params", false); n != nil {
		v, ok := d.Value(n, "params")
		params, isMap := v.(map[string]any)
		if ok && !isMap {
			d.Add(d.At(n).Errorf("front matter key params has the wrong type").
				WithHint("it takes %s", frontMatter.Takes["params"]))
		}
		fm.Params = params
	}
	if s := fm.Slug; s != "" && !validSlug(s) {
		d.Add(o.KeyPos("slug").Errorf("slug %q cannot be used in a URL", s).
			WithHint("use lowercase letters, digits and '-' only, or a site path such as /guide/start"))
		fm.Slug = ""
	}
	keepUnknown(d, o, fm)
	readEquivalents(d, o, pg)
	return true
}

// keepUnknown stores the keys docsgen does not know in Params.
func keepUnknown(d *strictyaml.Decoder, o *strictyaml.Object, fm *FrontMatter) {
	for _, f := range o.Unknown {
		fm.Unknown = append(fm.Unknown, UnknownKey{Name: f.Name, Line: f.Pos.Line, Col: f.Pos.Col})
		if _, given := fm.Params[f.Name]; given {
			continue
		}
		if v, ok := d.Value(f.Value, f.Name); ok {
			if fm.Params == nil {
				fm.Params = map[string]any{}
			}
			fm.Params[f.Name] = v
		}
	}
}

// readEquivalents reads the keys that have equivalents from other tools:
// weight, linkTitle, lastmod and aliases, each given at most one way.
// Dates are the exception: Hugo pages often give both date (published)
// and lastmod, so the first of lastmod, last_modified_at and date wins.
func readEquivalents(d *strictyaml.Decoder, o *strictyaml.Object, pg *Page) {
	fm := &pg.Front
	for _, key := range []string{"linkTitle", "weight", "lastmod", "aliases"} {
		given := key
		for _, other := range alsoKnown[key] {
			if !o.Present(other) || (key == "lastmod" && o.Present(given)) {
				continue
			}
			if o.Present(given) {
				d.Add(o.KeyPos(other).Errorf("front matter keys %s and %s both set the %s", given, other, key).
					WithHint("keep one of the two"))
				continue
			}
			given = other
		}
		switch key {
		case "linkTitle":
			fm.LinkTitle, _ = o.Text(given)
		case "weight":
			fm.Weight, fm.WeightFrac = readWeight(d, o, given)
		case "lastmod":
			pg.Lastmod = readDate(d, o, given, &fm.Lastmod)
		case "aliases":
			readAliases(d, o, given, pg)
		}
	}
}

// readWeight reads a weight: a whole number for docsgen's weight (the
// YAML library would cut 1.5 to 1 without a word), and for the keys other
// tools write (sidebar_position, nav_order) also a fraction, returned
// apart so that 2.5 sorts between 2 and 3.
func readWeight(d *strictyaml.Decoder, o *strictyaml.Object, key string) (int, float64) {
	if f, isFloat := strictyaml.Unwrap(o.Value(key, false)).(*ast.FloatNode); isFloat {
		if key != "weight" && !math.IsNaN(f.Value) && math.Abs(f.Value) < math.MaxInt32 {
			whole := math.Floor(f.Value)
			return int(whole), f.Value - whole
		}
		d.Add(o.KeyPos(key).Errorf("front matter key %s is not a whole number", key).
			WithHint("weights order pages: use whole numbers such as 10, 20, 30"))
		return 0, 0
	}
	w, _ := o.Int(key, false)
	return w, 0
}

// dateLayouts are the forms a date is read in: a day, or a day and time
// as Hugo, Jekyll and Docusaurus write them.
var dateLayouts = []string{time.DateOnly, time.RFC3339, "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05", "2006-01-02T15:04:05"}

// readDate reads a date into text and returns it parsed (zero when absent
// or wrong).
func readDate(d *strictyaml.Decoder, o *strictyaml.Object, key string, text *string) time.Time {
	s, _ := o.Text(key)
	*text = s
	if s == "" {
		return time.Time{}
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	d.Add(o.KeyPos(key).Errorf("%s %q is not a date", key, s).
		WithHint("write it as YYYY-MM-DD, for example 2026-11-24"))
	return time.Time{}
}

// readAliases reads old URLs of the page; redirect_from may be one text.
func readAliases(d *strictyaml.Decoder, o *strictyaml.Object, key string, pg *Page) {
	var at []strictyaml.Pos
	if key == "aliases" {
		pg.Front.Aliases, at = o.Strings(key)
	} else {
		pg.Front.Aliases, at = textOrList(o, key)
	}
	if len(pg.Front.Aliases) > 0 {
		pg.AliasesLine = o.KeyPos(key).Line
	}
	for i, a := range pg.Front.Aliases {
		if !strings.HasPrefix(a, "/") {
			d.Add(at[i].Errorf("alias %q is not a site path", a).
				WithHint("start each alias with /, for example /old/errors/"))
		}
	}
}

// textOrList reads a key that takes one text or a list of them.
func textOrList(o *strictyaml.Object, key string) ([]string, []strictyaml.Pos) {
	if _, isList := strictyaml.Unwrap(o.Value(key, false)).(*ast.SequenceNode); isList || !o.Has(key) {
		return o.Strings(key)
	}
	s, at := o.Text(key)
	return []string{s}, []strictyaml.Pos{at}
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

// unknownKeys reports the front matter keys docsgen does not know. Strict,
// each is an error where it is written. Otherwise each key is one warning,
// at its first use in reading order, saying how many pages use it: a tree
// written for another tool repeats the same few keys on every page.
func unknownKeys(pages []*Page, strict bool) diag.List {
	var out diag.List
	type first struct {
		at    diag.Diagnostic
		pages int
	}
	seen := map[string]*first{}
	var order []string
	for _, pg := range pages {
		for _, k := range pg.Front.Unknown {
			if strict {
				out.Add(diag.Errorf(pg.File, k.Line, k.Col, "unknown front matter key %q", k.Name).
					WithHint("%s", frontMatter.KnownHint))
				continue
			}
			if f := seen[k.Name]; f != nil {
				f.pages++
				continue
			}
			seen[k.Name] = &first{at: diag.Warnf(pg.File, k.Line, k.Col, "front matter key %q is not one docsgen knows; it is kept in params", k.Name), pages: 1}
			order = append(order, k.Name)
		}
	}
	for _, name := range order {
		f := seen[name]
		hint := "templates read it as .Params." + name + "; set strict: true in site.yaml to make unknown keys errors"
		if f.pages > 1 {
			hint = fmt.Sprintf("%d pages use it; %s", f.pages, hint)
		}
		out.Add(f.at.WithHint("%s", hint))
	}
	return out
}

// validSlug reports whether s can be a slug: one URL segment, or a site
// path of such segments starting with "/".
func validSlug(s string) bool {
	rest, abs := strings.CutPrefix(s, "/")
	if abs {
		rest = strings.TrimSuffix(rest, "/")
		if rest == "" {
			return true
		}
	}
	for _, seg := range strings.Split(rest, "/") {
		if seg == "" || seg == "." || seg == ".." || strings.ContainsAny(seg, "\\?#% ") || !abs && seg != rest {
			return false
		}
	}
	return true
}
