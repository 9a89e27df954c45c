package catalog

import (
	"bytes"
	"io/fs"
	"path"
	"regexp"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"

	"docsgen/internal/content"
	"docsgen/internal/diag"
	"docsgen/internal/strictyaml"
)

// The top-level sections a data file may define.
const (
	secStatuses   = "statuses"
	secCategories = "categories"
	secPlans      = "rate_limit_plans"
	secHeaders    = "rate_limit_headers"
	secRefunds    = "refunds"
	secFields     = "response_fields"
)

var sections = []string{secStatuses, secCategories, secPlans, secHeaders, secRefunds, secFields}

var (
	codePattern     = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)
	categoryPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	headerPattern   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]*$`)
	fieldPattern    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.]*$`)
	fieldTypes      = []string{"string", "integer", "number", "boolean", "object", "array"}
)

// Load reads every *.yaml file under dir in fsys (for example "_data" in
// the content folder) into a Catalog. display is the prefix of the paths
// shown in diagnostics: with display "content", problems are reported in
// content/_data/errors.yaml. A missing dir gives an empty catalog and no
// diagnostics. Load reports every problem of every file; the returned
// Catalog holds what could be decoded and is never nil. The files are read
// by content.ReadData; a build hands Decode the bytes content already read.
func Load(fsys fs.FS, dir, display string) (*Catalog, diag.List) {
	files, diags := content.ReadData(fsys, dir, display)
	c, more := Decode(path.Join(display, path.Clean(dir)), files)
	diags.Add(more...)
	diags.Sort()
	return c, diags
}

// Decode decodes data files already read (content.Site.Data) into a
// Catalog; dataDir is the data folder as authors see it (content/_data),
// for hints. It reads nothing itself.
func Decode(dataDir string, files []content.DataFile) (*Catalog, diag.List) {
	c := &Catalog{dataDir: dataDir, files: map[string]string{}}
	var diags diag.List
	l := &loader{c: c, diags: &diags, defined: map[string]pos{}}
	for _, f := range files {
		l.file(f.File, f.Source)
	}
	l.resolve()
	diags.Sort()
	return c, diags
}

// badText finds the first byte that cannot be in a YAML text file: one
// that is not UTF-8, or a NUL (the file is binary). The YAML library lets
// both through into the strings it returns, and from there into pages.
func badText(src []byte) (off int, msg, hint string) {
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			return i, "the file is not valid UTF-8", "save it as UTF-8 in your editor"
		case r == 0:
			return i, "the file holds a NUL byte; it looks binary, not YAML", "move binary files out of the data folder"
		}
		i += n
	}
	return 0, "", ""
}

// loader decodes files into one Catalog.
type loader struct {
	c     *Catalog
	diags *diag.List
	// defined maps each section to where it was defined.
	defined map[string]pos
	// categoriesPos is where categories: is defined.
	categoriesPos pos
	// refundRefs are the refund policy's references, resolved once every
	// file is read.
	refundRefs []refundRef
	// unparsed is set when a file could not be parsed: what it defined is
	// unknown, so references to other files are not checked.
	unparsed bool
}

// refundRef is a reference from the refund policy to codes or statuses.
type refundRef struct {
	refunded bool // in the refunded list
	target   *RefundCase
	codes    []posString
	statuses []posInt
}

type posString struct {
	s string
	p pos
}

type posInt struct {
	n int
	p pos
}

// file decodes one data file.
func (l *loader) file(name string, src []byte) {
	// Editors on Windows may start a file with a byte order mark; it is
	// not part of the first key.
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if off, msg, hint := badText(src); msg != "" {
		line, col := diag.Position(src, off)
		l.diags.Add(diag.Errorf(name, line, col, "%s", msg).WithHint("%s", hint))
		l.unparsed = true
		return
	}
	d, body, ok := strictyaml.Parse(strictyaml.Source{File: name, Name: "catalog data"}, src, l.diags)
	if !ok {
		l.unparsed = true
		return
	}
	if body == nil {
		return // an empty file defines nothing
	}
	top, ok := record(d, body, "a data file", sections...)
	if !ok {
		return
	}
	for _, sec := range sections {
		if !top.Present(sec) {
			continue
		}
		at := top.KeyPos(sec)
		if first, dup := l.defined[sec]; dup {
			d.Add(at.Errorf("%s is defined twice (first at %s)", sec, first).
				WithHint("keep %s in one file and remove it from the other", sec))
			continue
		}
		l.defined[sec] = at
		l.c.files[sec] = name
		n := top.Value(sec, true)
		if n == nil {
			continue
		}
		l.section(d, sec, at, n)
	}
}

// section decodes one top-level section of a data file.
func (l *loader) section(d *strictyaml.Decoder, sec string, at pos, n ast.Node) {
	switch sec {
	case secStatuses:
		l.statuses(d, n)
	case secCategories:
		l.categoriesPos = at
		l.categories(d, n)
	case secPlans:
		l.plans(d, n)
	case secHeaders:
		l.headers(d, n)
	case secRefunds:
		l.refunds(d, n)
	case secFields:
		l.fields(d, n)
	}
}

// record checks that n is a mapping of the given keys, reporting every
// unknown or repeated key.
func record(d *strictyaml.Decoder, n ast.Node, what string, known ...string) (*strictyaml.Object, bool) {
	return d.Mapping(n, strictyaml.Mapping{What: what, Known: known})
}

// pos is a position in a data file.
type pos = strictyaml.Pos

// jsonString encodes s as a JSON string; see strictyaml.JSONString.
func jsonString(s string) []byte { return strictyaml.JSONString(s) }
