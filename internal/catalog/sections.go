package catalog

// This file decodes the sections of a data file, one function each.

import (
	"slices"
	"strings"
	"unicode"

	"github.com/goccy/go-yaml/ast"

	"docsgen/internal/strictyaml"
)

func (l *loader) statuses(d *strictyaml.Decoder, n ast.Node) {
	seen := map[int]pos{}
	for _, item := range d.Sequence(n, secStatuses) {
		o, ok := record(d, item, "a status", "code", "text", "meaning", "retry", "retryable")
		if !ok {
			continue
		}
		var s Status
		s.Code, s.pos = o.Int("code", true)
		s.Text, _ = o.Str("text", true)
		s.Meaning, _ = o.Str("meaning", true)
		s.Retry, _ = o.Str("retry", true)
		r, rp := o.Str("retryable", true)
		s.Retryable = Retryable(r)
		if r != "" && !slices.Contains(retryableValues, r) {
			d.Add(rp.Errorf("retryable is %q, not yes, no, maybe or n/a", r).
				WithHint("write maybe when a retry may work with other settings, n/a for success statuses"))
		}
		if _, isInt := strictyaml.IntValue(o.Value("code", false)); isInt {
			if !validStatus(s.Code) {
				d.Add(s.pos.Errorf("status %d is not an HTTP status", s.Code).
					WithHint("use a status code from 100 to 599"))
			} else if first, dup := seen[s.Code]; dup {
				d.Add(s.pos.Errorf("status %d is listed twice (first at %s)", s.Code, first).
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

func (l *loader) categories(d *strictyaml.Decoder, n ast.Node) {
	seen := map[string]pos{}
	for _, item := range d.Sequence(n, secCategories) {
		o, ok := record(d, item, "a category", "id", "title", "label", "description", "errors")
		if !ok {
			continue
		}
		var cat Category
		cat.ID, cat.pos = o.Str("id", true)
		cat.Title, _ = o.Str("title", true)
		cat.Label, _ = o.Str("label", false)
		if strings.TrimSpace(cat.Label) == "" {
			cat.Label = cat.Title
		}
		cat.Description, _ = o.Str("description", true)
		if cat.ID != "" {
			if !categoryPattern.MatchString(cat.ID) {
				d.Add(cat.pos.Errorf("category id %q is not lower-case words joined by '-'", cat.ID).
					WithHint("use an id such as %q", categoryIDHint(cat.ID)))
			} else if first, dup := seen[cat.ID]; dup {
				d.Add(cat.pos.Errorf("category %q is defined twice (first at %s)", cat.ID, first).
					WithHint("merge the two categories or give one another id"))
			} else {
				seen[cat.ID] = cat.pos
			}
		}
		if errs := o.Value("errors", true); errs != nil {
			items := d.Sequence(errs, "errors")
			if len(items) == 0 && strictyaml.Unwrap(errs).Type() == ast.SequenceType {
				d.Add(d.At(errs).Errorf("category %q has no errors", cat.ID).
					WithHint("list its error codes, or remove the category"))
			}
			codes := map[string]pos{}
			for _, it := range items {
				if e, ok := l.entry(d, it, cat.ID); ok {
					if first, dup := codes[e.Code]; dup && e.Code != "" {
						d.Add(e.codePos.Errorf("code %s is twice in category %q: at %s and at %s", e.Code, cat.ID, first, e.codePos).
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

func (l *loader) entry(d *strictyaml.Decoder, n ast.Node, category string) (Entry, bool) {
	o, ok := record(d, n, "an error entry", "code", "status", "refunded", "cause", "fix", "details")
	if !ok {
		return Entry{}, false
	}
	e := Entry{Category: category}
	e.Code, e.codePos = o.Str("code", true)
	if e.Code != "" && !codePattern.MatchString(e.Code) {
		d.Add(e.codePos.Errorf("code %q must match ^[A-Z][A-Z0-9_]*$", e.Code).
			WithHint("write it in upper case with underscores, such as %s", codeHint(e.Code)))
	}
	e.Status, e.statusPos = o.Int("status", true)
	if _, isInt := strictyaml.IntValue(o.Value("status", false)); isInt && !validStatus(e.Status) {
		d.Add(e.statusPos.Errorf("status %d is not an HTTP status", e.Status).
			WithHint("use a status code from 100 to 599 that statuses: lists"))
		e.Status = 0
	}
	e.Refunded, _ = o.Bool("refunded", true)
	e.Cause, _ = o.Str("cause", true)
	e.Fix, _ = o.Str("fix", true)
	if dn := o.Value("details", false); dn != nil {
		switch strictyaml.Unwrap(dn).(type) {
		case *ast.MappingNode, *ast.MappingValueNode:
			if js, ok := d.JSON(dn, "details"); ok {
				e.Details = js
			}
		default:
			d.Add(d.At(dn).Errorf("details must be a mapping, got %s", strictyaml.Kind(dn)).
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

func (l *loader) plans(d *strictyaml.Decoder, n ast.Node) {
	seen := map[string]pos{}
	for _, item := range d.Sequence(n, secPlans) {
		o, ok := record(d, item, "a plan", "name", "per_minute", "burst_per_second")
		if !ok {
			continue
		}
		var p Plan
		var at pos
		p.Name, at = o.Str("name", true)
		if p.Name != "" {
			if first, dup := seen[p.Name]; dup {
				d.Add(at.Errorf("plan %q is listed twice (first at %s)", p.Name, first).
					WithHint("remove one of the two rows"))
			}
			seen[p.Name] = at
		}
		p.PerMinute = positive(d, o, "per_minute")
		p.BurstPerSecond = positive(d, o, "burst_per_second")
		l.c.Plans = append(l.c.Plans, p)
	}
}

// positive reads a required whole number above zero.
func positive(d *strictyaml.Decoder, o *strictyaml.Object, key string) int {
	v, at := o.Int(key, true)
	if _, isInt := strictyaml.IntValue(o.Value(key, false)); isInt && v <= 0 {
		d.Add(at.Errorf("%s is %d; a limit must be above zero", key, v).
			WithHint("write the number of requests the plan allows, such as 60"))
	}
	return v
}

func (l *loader) headers(d *strictyaml.Decoder, n ast.Node) {
	seen := map[string]pos{}
	for _, item := range d.Sequence(n, secHeaders) {
		o, ok := record(d, item, "a header", "name", "meaning", "status")
		if !ok {
			continue
		}
		var h Header
		name, at := o.Str("name", true)
		h.Name = name
		if name != "" {
			if !headerPattern.MatchString(name) {
				d.Add(at.Errorf("%q is not an HTTP header name", name).
					WithHint("use letters, digits and '-', such as X-RateLimit-Reset"))
			}
			key := strings.ToLower(name)
			if first, dup := seen[key]; dup {
				d.Add(at.Errorf("header %s is listed twice (first at %s)", name, first).
					WithHint("remove one of the two"))
			}
			seen[key] = at
		}
		h.Meaning, _ = o.Str("meaning", true)
		if o.Has("status") {
			h.Status, h.statusPos = o.Int("status", false)
			if _, isInt := strictyaml.IntValue(o.Value("status", false)); isInt && !validStatus(h.Status) {
				d.Add(h.statusPos.Errorf("status %d is not an HTTP status", h.Status).
					WithHint("use a status code from 100 to 599, or leave status out"))
				h.Status = 0
			}
		}
		l.c.Headers = append(l.c.Headers, h)
	}
}

func (l *loader) refunds(d *strictyaml.Decoder, n ast.Node) {
	o, ok := record(d, n, secRefunds, "refunded", "not_refunded", "timing")
	if !ok {
		return
	}
	r := &Refunds{}
	r.Refunded = l.refundCases(d, o, "refunded", true)
	r.NotRefunded = l.refundCases(d, o, "not_refunded", false)
	r.Timing, _ = o.Str("timing", true)
	l.c.Refunds = r
}

func (l *loader) refundCases(d *strictyaml.Decoder, o *strictyaml.Object, key string, refunded bool) []RefundCase {
	items := o.List(key, true)
	cases := make([]RefundCase, 0, len(items))
	var refs []refundRef
	for _, item := range items {
		co, ok := record(d, item, "a refund case", "text", "codes", "statuses")
		if !ok {
			continue
		}
		var rc RefundCase
		rc.Text, _ = co.Str("text", true)
		ref := refundRef{refunded: refunded}
		for _, cn := range co.List("codes", false) {
			s, ok := strictyaml.StringValue(cn)
			if !ok {
				d.Add(d.At(cn).Errorf("codes must hold error codes, got %s", strictyaml.Kind(cn)).
					WithHint("write codes such as TIMEOUT, or category/CODE"))
				continue
			}
			ref.codes = append(ref.codes, posString{s, d.At(cn)})
		}
		for _, sn := range co.List("statuses", false) {
			v, ok := strictyaml.IntValue(sn)
			if !ok {
				d.Add(d.At(sn).Errorf("statuses must hold HTTP statuses, got %s", strictyaml.Kind(sn)).
					WithHint("write numbers without quotes, such as 503"))
				continue
			}
			ref.statuses = append(ref.statuses, posInt{v, d.At(sn)})
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

func (l *loader) fields(d *strictyaml.Decoder, n ast.Node) {
	seen := map[string]pos{}
	for _, item := range d.Sequence(n, secFields) {
		o, ok := record(d, item, "a response field", "field", "type", "required", "notes", "example")
		if !ok {
			continue
		}
		var f ResponseField
		var at pos
		f.Field, at = o.Str("field", true)
		if f.Field != "" {
			if !fieldPattern.MatchString(f.Field) {
				d.Add(at.Errorf("%q is not a JSON field name", f.Field).
					WithHint("use letters, digits and '_', such as request_id"))
			}
			if first, dup := seen[f.Field]; dup {
				d.Add(at.Errorf("field %s is listed twice (first at %s)", f.Field, first).
					WithHint("remove one of the two"))
			}
			seen[f.Field] = at
		}
		var tp pos
		f.Type, tp = o.Str("type", true)
		if f.Type != "" && !slices.Contains(fieldTypes, f.Type) {
			d.Add(tp.Errorf("type %q is not a JSON type", f.Type).
				WithHint("use one of %s", strings.Join(fieldTypes, ", ")))
		}
		f.Required, _ = o.Bool("required", true)
		f.Notes, _ = o.Str("notes", true)
		if en := o.Value("example", false); en != nil {
			if js, ok := d.JSON(en, "example"); ok {
				f.Example = js
			}
		}
		l.c.Fields = append(l.c.Fields, f)
	}
}
