package catalog

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"docsgen/internal/content"
	"docsgen/internal/diag"
	"docsgen/internal/slug"
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
	d := &decoder{file: name, diags: l.diags}
	// Editors on Windows may start a file with a byte order mark; it is
	// not part of the first key.
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if off, msg, hint := badText(src); msg != "" {
		line, col := diag.Position(src, off)
		d.add(diag.Errorf(name, line, col, "%s", msg).WithHint("%s", hint))
		l.unparsed = true
		return
	}
	if dg, ok := diag.YAMLNesting(name, 0, src); !ok {
		d.add(dg)
		l.unparsed = true
		return
	}
	f, err := parser.ParseBytes(src, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		d.add(diag.FromYAML(name, 0, err).WithHint("fix the YAML syntax at this position"))
		l.unparsed = true
		return
	}
	var body ast.Node
	for _, doc := range f.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		if body != nil {
			d.add(d.at(doc.Body).errorf("more than one YAML document in the file").
				WithHint("remove the \"---\" separator and merge the sections into one mapping"))
			break
		}
		body = doc.Body
	}
	if body == nil {
		return // an empty file defines nothing
	}
	top, ok := d.mapping(body, "a data file", sections...)
	if !ok {
		return
	}
	for _, sec := range sections {
		mv, ok := top.vals[sec]
		if !ok {
			continue
		}
		at := d.at(mv.Key)
		if first, dup := l.defined[sec]; dup {
			d.add(at.errorf("%s is defined twice (first at %s)", sec, first).
				WithHint("keep %s in one file and remove it from the other", sec))
			continue
		}
		l.defined[sec] = at
		l.c.files[sec] = name
		n := top.value(sec, true)
		if n == nil {
			continue
		}
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
}

func (l *loader) statuses(d *decoder, n ast.Node) {
	seen := map[int]pos{}
	for _, item := range d.sequence(n, secStatuses) {
		o, ok := d.mapping(item, "a status", "code", "text", "meaning", "retry", "retryable")
		if !ok {
			continue
		}
		var s Status
		s.Code, s.pos = o.integer("code", true)
		s.Text, _ = o.str("text", true)
		s.Meaning, _ = o.str("meaning", true)
		s.Retry, _ = o.str("retry", true)
		r, rp := o.str("retryable", true)
		s.Retryable = Retryable(r)
		if r != "" && !contains(retryableValues, r) {
			d.add(rp.errorf("retryable is %q, not yes, no, maybe or n/a", r).
				WithHint("write maybe when a retry may work with other settings, n/a for success statuses"))
		}
		if _, isInt := intValue(o.value("code", false)); isInt {
			if !validStatus(s.Code) {
				d.add(s.pos.errorf("status %d is not an HTTP status", s.Code).
					WithHint("use a status code from 100 to 599"))
			} else if first, dup := seen[s.Code]; dup {
				d.add(s.pos.errorf("status %d is listed twice (first at %s)", s.Code, first).
					WithHint("remove one of the two rows"))
				continue
			} else {
				seen[s.Code] = s.pos
			}
		}
		l.c.Statuses = append(l.c.Statuses, s)
	}
}

func validStatus(code int) bool { return code >= 100 && code <= 599 }

func (l *loader) categories(d *decoder, n ast.Node) {
	seen := map[string]pos{}
	for _, item := range d.sequence(n, secCategories) {
		o, ok := d.mapping(item, "a category", "id", "title", "label", "description", "errors")
		if !ok {
			continue
		}
		var cat Category
		cat.ID, cat.pos = o.str("id", true)
		cat.Title, _ = o.str("title", true)
		cat.Label, _ = o.str("label", false)
		if strings.TrimSpace(cat.Label) == "" {
			cat.Label = cat.Title
		}
		cat.Description, _ = o.str("description", true)
		if cat.ID != "" {
			if !categoryPattern.MatchString(cat.ID) {
				d.add(cat.pos.errorf("category id %q is not lower-case words joined by '-'", cat.ID).
					WithHint("use an id such as %q", categoryIDHint(cat.ID)))
			} else if first, dup := seen[cat.ID]; dup {
				d.add(cat.pos.errorf("category %q is defined twice (first at %s)", cat.ID, first).
					WithHint("merge the two categories or give one another id"))
			} else {
				seen[cat.ID] = cat.pos
			}
		}
		if errs := o.value("errors", true); errs != nil {
			items := d.sequence(errs, "errors")
			if len(items) == 0 && unwrap(errs).Type() == ast.SequenceType {
				d.add(d.at(errs).errorf("category %q has no errors", cat.ID).
					WithHint("list its error codes, or remove the category"))
			}
			codes := map[string]pos{}
			for _, it := range items {
				if e, ok := l.entry(d, it, cat.ID); ok {
					if first, dup := codes[e.Code]; dup && e.Code != "" {
						d.add(e.codePos.errorf("code %s is twice in category %q: at %s and at %s", e.Code, cat.ID, first, e.codePos).
							WithHint("remove one of the two entries, or merge them"))
						continue
					}
					codes[e.Code] = e.codePos
					cat.Errors = append(cat.Errors, e)
				}
			}
		}
		l.c.Categories = append(l.c.Categories, cat)
	}
}

// categoryIDHint turns a wrongly written id into a valid one for the hint.
func categoryIDHint(id string) string {
	s := strings.ToLower(strings.NewReplacer("_", "-", " ", "-").Replace(id))
	s = strings.Trim(s, "-")
	if s == "" || !categoryPattern.MatchString(s) {
		return "rate-limit"
	}
	return s
}

func (l *loader) entry(d *decoder, n ast.Node, category string) (Entry, bool) {
	o, ok := d.mapping(n, "an error entry", "code", "status", "refunded", "cause", "fix", "details")
	if !ok {
		return Entry{}, false
	}
	e := Entry{Category: category}
	e.Code, e.codePos = o.str("code", true)
	if e.Code != "" && !codePattern.MatchString(e.Code) {
		d.add(e.codePos.errorf("code %q must match ^[A-Z][A-Z0-9_]*$", e.Code).
			WithHint("write it in upper case with underscores, such as %s", codeHint(e.Code)))
	}
	e.Status, e.statusPos = o.integer("status", true)
	if _, isInt := intValue(o.value("status", false)); isInt && !validStatus(e.Status) {
		d.add(e.statusPos.errorf("status %d is not an HTTP status", e.Status).
			WithHint("use a status code from 100 to 599 that statuses: lists"))
		e.Status = 0
	}
	e.Refunded, _ = o.boolean("refunded", true)
	e.Cause, _ = o.str("cause", true)
	e.Fix, _ = o.str("fix", true)
	if dn := o.value("details", false); dn != nil {
		switch unwrap(dn).(type) {
		case *ast.MappingNode, *ast.MappingValueNode:
			if js, ok := d.jsonValue(dn, "details"); ok {
				e.Details = js
			}
		default:
			d.add(d.at(dn).errorf("details must be a mapping, got %s", kindOf(dn)).
				WithHint("write the example's fields as key: value lines, such as required_credits: 5"))
		}
	}
	return e, true
}

// codeHint turns a wrongly written code into a valid one for the hint.
func codeHint(code string) string {
	var b strings.Builder
	prevLower := false
	for _, r := range code {
		if r >= 'A' && r <= 'Z' && prevLower {
			b.WriteByte('_')
		}
		prevLower = r >= 'a' && r <= 'z'
		r = unicode.ToUpper(r)
		switch {
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_':
			b.WriteRune(r)
		case r == '-' || r == ' ' || r == '.':
			b.WriteByte('_')
		}
	}
	s := strings.Trim(b.String(), "_")
	if !codePattern.MatchString(s) {
		return "RATE_LIMIT_EXCEEDED"
	}
	return s
}

func (l *loader) plans(d *decoder, n ast.Node) {
	seen := map[string]pos{}
	for _, item := range d.sequence(n, secPlans) {
		o, ok := d.mapping(item, "a plan", "name", "per_minute", "burst_per_second")
		if !ok {
			continue
		}
		var p Plan
		var at pos
		p.Name, at = o.str("name", true)
		if p.Name != "" {
			if first, dup := seen[p.Name]; dup {
				d.add(at.errorf("plan %q is listed twice (first at %s)", p.Name, first).
					WithHint("remove one of the two rows"))
			}
			seen[p.Name] = at
		}
		p.PerMinute = positive(o, "per_minute")
		p.BurstPerSecond = positive(o, "burst_per_second")
		l.c.Plans = append(l.c.Plans, p)
	}
}

// positive reads a required whole number above zero.
func positive(o *object, key string) int {
	v, at := o.integer(key, true)
	if _, isInt := intValue(o.value(key, false)); isInt && v <= 0 {
		o.d.add(at.errorf("%s is %d; a limit must be above zero", key, v).
			WithHint("write the number of requests the plan allows, such as 60"))
	}
	return v
}

func (l *loader) headers(d *decoder, n ast.Node) {
	seen := map[string]pos{}
	for _, item := range d.sequence(n, secHeaders) {
		o, ok := d.mapping(item, "a header", "name", "meaning", "status")
		if !ok {
			continue
		}
		var h Header
		name, at := o.str("name", true)
		h.Name = name
		if name != "" {
			if !headerPattern.MatchString(name) {
				d.add(at.errorf("%q is not an HTTP header name", name).
					WithHint("use letters, digits and '-', such as X-RateLimit-Reset"))
			}
			key := strings.ToLower(name)
			if first, dup := seen[key]; dup {
				d.add(at.errorf("header %s is listed twice (first at %s)", name, first).
					WithHint("remove one of the two"))
			}
			seen[key] = at
		}
		h.Meaning, _ = o.str("meaning", true)
		if o.has("status") {
			h.Status, h.statusPos = o.integer("status", false)
			if _, isInt := intValue(o.value("status", false)); isInt && !validStatus(h.Status) {
				d.add(h.statusPos.errorf("status %d is not an HTTP status", h.Status).
					WithHint("use a status code from 100 to 599, or leave status out"))
				h.Status = 0
			}
		}
		l.c.Headers = append(l.c.Headers, h)
	}
}

func (l *loader) refunds(d *decoder, n ast.Node) {
	o, ok := d.mapping(n, secRefunds, "refunded", "not_refunded", "timing")
	if !ok {
		return
	}
	r := &Refunds{}
	r.Refunded = l.refundCases(d, o, "refunded", true)
	r.NotRefunded = l.refundCases(d, o, "not_refunded", false)
	r.Timing, _ = o.str("timing", true)
	l.c.Refunds = r
}

func (l *loader) refundCases(d *decoder, o *object, key string, refunded bool) []RefundCase {
	items := o.list(key, true)
	cases := make([]RefundCase, 0, len(items))
	var refs []refundRef
	for _, item := range items {
		co, ok := d.mapping(item, "a refund case", "text", "codes", "statuses")
		if !ok {
			continue
		}
		var rc RefundCase
		rc.Text, _ = co.str("text", true)
		ref := refundRef{refunded: refunded}
		for _, cn := range co.list("codes", false) {
			s, ok := stringValue(cn)
			if !ok {
				d.add(d.at(cn).errorf("codes must hold error codes, got %s", kindOf(cn)).
					WithHint("write codes such as TIMEOUT, or category/CODE"))
				continue
			}
			ref.codes = append(ref.codes, posString{s, d.at(cn)})
		}
		for _, sn := range co.list("statuses", false) {
			v, ok := intValue(sn)
			if !ok {
				d.add(d.at(sn).errorf("statuses must hold HTTP statuses, got %s", kindOf(sn)).
					WithHint("write numbers without quotes, such as 503"))
				continue
			}
			ref.statuses = append(ref.statuses, posInt{v, d.at(sn)})
		}
		cases = append(cases, rc)
		refs = append(refs, ref)
	}
	// Point each reference at its case now that the slice is complete.
	for i := range refs {
		refs[i].target = &cases[i]
	}
	l.refundRefs = append(l.refundRefs, refs...)
	return cases
}

func (l *loader) fields(d *decoder, n ast.Node) {
	seen := map[string]pos{}
	for _, item := range d.sequence(n, secFields) {
		o, ok := d.mapping(item, "a response field", "field", "type", "required", "notes", "example")
		if !ok {
			continue
		}
		var f ResponseField
		var at pos
		f.Field, at = o.str("field", true)
		if f.Field != "" {
			if !fieldPattern.MatchString(f.Field) {
				d.add(at.errorf("%q is not a JSON field name", f.Field).
					WithHint("use letters, digits and '_', such as request_id"))
			}
			if first, dup := seen[f.Field]; dup {
				d.add(at.errorf("field %s is listed twice (first at %s)", f.Field, first).
					WithHint("remove one of the two"))
			}
			seen[f.Field] = at
		}
		var tp pos
		f.Type, tp = o.str("type", true)
		if f.Type != "" && !contains(fieldTypes, f.Type) {
			d.add(tp.errorf("type %q is not a JSON type", f.Type).
				WithHint("use one of %s", strings.Join(fieldTypes, ", ")))
		}
		f.Required, _ = o.boolean("required", true)
		f.Notes, _ = o.str("notes", true)
		if en := o.value("example", false); en != nil {
			if js, ok := d.jsonValue(en, "example"); ok {
				f.Example = js
			}
		}
		l.c.Fields = append(l.c.Fields, f)
	}
}

// resolve runs the checks that need every file: statuses used by errors
// and headers, anchors, and the refund policy's references.
func (l *loader) resolve() {
	c := l.c
	statusFile := c.files[secStatuses]
	missing := func(p pos, code int, who string) {
		if statusFile == "" || l.unparsed {
			return
		}
		l.diags.Add(p.errorf("%s uses status %d, which the status table does not list", who, code).
			WithHint("add a row for %d to statuses: in %s", code, statusFile))
	}
	if len(c.Categories) > 0 && statusFile == "" && !l.unparsed {
		l.diags.Add(l.categoriesPos.errorf("no data file defines statuses, which the errors' HTTP statuses need").
			WithHint("add a statuses: list (code, text, meaning, retry, retryable) to a file in %s", c.dataDir))
	}

	// Count the categories each code is in, for anchors.
	inCategories := map[string]int{}
	for _, cat := range c.Categories {
		for _, e := range cat.Errors {
			inCategories[e.Code]++
		}
	}
	anchors := map[string]pos{}
	for _, s := range c.Statuses {
		if validStatus(s.Code) {
			anchors[s.Anchor()] = s.pos
		}
	}
	type codeStatus struct {
		code   string
		status int
	}
	seenCodeStatus := map[codeStatus]pos{}
	for ci := range c.Categories {
		cat := &c.Categories[ci]
		for ei := range cat.Errors {
			e := &cat.Errors[ei]
			if e.Status != 0 {
				if s, ok := c.status(e.Status); ok {
					e.Retryable = s.Retryable
				} else {
					missing(e.statusPos, e.Status, e.Code)
				}
			}
			if e.Code == "" || !codePattern.MatchString(e.Code) {
				continue
			}
			e.Anchor = entryAnchor(e.Code, e.Status, inCategories[e.Code] > 1)
			if inCategories[e.Code] > 1 {
				k := codeStatus{e.Code, e.Status}
				if first, dup := seenCodeStatus[k]; dup {
					l.diags.Add(e.codePos.errorf("%s with status %d is in two categories (first at %s); their anchors would be the same", e.Code, e.Status, first).
						WithHint("remove one of the two entries"))
					continue
				}
				seenCodeStatus[k] = e.codePos
			}
			if first, dup := anchors[e.Anchor]; dup {
				l.diags.Add(e.codePos.errorf("the anchor #%s of %s is already used by the entry or status at %s", e.Anchor, e.Code, first).
					WithHint("rename one of the two codes"))
				continue
			}
			anchors[e.Anchor] = e.codePos
		}
	}
	for _, h := range c.Headers {
		if h.Status != 0 {
			if _, ok := c.status(h.Status); !ok {
				missing(h.statusPos, h.Status, "header "+h.Name)
			}
		}
	}
	if !l.unparsed {
		l.resolveRefunds()
	}
}

// entryAnchor is the element id of an error entry; see the package comment.
func entryAnchor(code string, status int, shared bool) string {
	a := slug.Slug(strings.ReplaceAll(code, "_", "-"))
	if shared {
		a += "-" + strconv.Itoa(status)
	}
	return a
}

func (l *loader) resolveRefunds() {
	c := l.c
	for _, ref := range l.refundRefs {
		for _, code := range ref.codes {
			e, ok := l.lookup(code)
			if !ok {
				continue
			}
			if e.Refunded != ref.refunded {
				list, flag := "not_refunded", "false"
				if ref.refunded {
					list, flag = "refunded", "true"
				}
				l.diags.Add(code.p.errorf("%s is listed under %s, but its entry says refunded: %t", e.Code, list, e.Refunded).
					WithHint("set refunded: %s on the entry at %s, or move the code to the other list", flag, e.codePos))
				continue
			}
			ref.target.Entries = append(ref.target.Entries, EntryRef{Code: e.Code, Anchor: e.Anchor})
		}
		for _, st := range ref.statuses {
			if _, ok := c.status(st.n); !ok {
				l.diags.Add(st.p.errorf("status %d is not in the status table", st.n).
					WithHint("use a status that statuses: lists, or add a row for it"))
				continue
			}
			ref.target.Statuses = append(ref.target.Statuses, st.n)
		}
	}
}

// lookup resolves a reference written CODE or category/CODE, reporting
// unknown categories and codes and ambiguous codes.
func (l *loader) lookup(ref posString) (*Entry, bool) {
	c := l.c
	cat, code, qualified := strings.Cut(ref.s, "/")
	if !qualified {
		code, cat = cat, ""
	}
	if qualified {
		category, ok := c.category(cat)
		if !ok {
			l.diags.Add(ref.p.errorf("unknown category %q in %q", cat, ref.s).
				WithHint("known categories: %s", strings.Join(c.categoryIDs(), ", ")))
			return nil, false
		}
		for i := range category.Errors {
			if category.Errors[i].Code == code {
				return &category.Errors[i], true
			}
		}
		l.diags.Add(ref.p.errorf("category %q has no error %s", cat, code).
			WithHint("check the spelling against errors: in %s", c.files[secCategories]))
		return nil, false
	}
	found := c.entries(code)
	switch len(found) {
	case 0:
		hint := fmt.Sprintf("check the spelling against the codes in %s", c.files[secCategories])
		if c.files[secCategories] == "" {
			hint = "define the error under categories: first"
		}
		l.diags.Add(ref.p.errorf("unknown error code %s", code).WithHint("%s", hint))
		return nil, false
	case 1:
		return found[0], true
	}
	cats := make([]string, len(found))
	for i, e := range found {
		cats[i] = e.Category + "/" + code
	}
	l.diags.Add(ref.p.errorf("%s is in more than one category", code).
		WithHint("write which one: %s", strings.Join(cats, " or ")))
	return nil, false
}
