package catalog

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"sync"

	"github.com/a-h/templ"

	"docsgen/internal/diag"
	"docsgen/internal/highlight"
	"docsgen/internal/markdown"
	"docsgen/internal/slug"
	"docsgen/internal/suggest"
	"docsgen/templates"
)

// The ids ::error-filter defines.
var filterIDs = []string{"error-filter", "error-filter-q", "error-filter-help"}

// Directives returns the catalog's Markdown directives, by name; the
// package comment lists them. Each one's errors are diag.Diagnostics
// without a position (the renderer adds the directive's) but with a hint.
func (c *Catalog) Directives() map[string]markdown.Directive {
	r := &renderer{c: c}
	return map[string]markdown.Directive{
		"status-table":       {Render: withMarkdown(r.statusTable, r.statusTableMD)},
		"errors":             {Attrs: []string{"category"}, Render: withMarkdown(r.errors, r.errorsMD)},
		"error-filter":       {Render: r.errorFilter}, // interactive only: no Markdown
		"rate-limit-plans":   {Render: withMarkdown(r.ratePlans, r.ratePlansMD)},
		"rate-limit-headers": {Render: withMarkdown(r.rateHeaders, r.rateHeadersMD)},
		"refund-policy":      {Render: withMarkdown(r.refundPolicy, r.refundPolicyMD)},
		"error-fields":       {Render: withMarkdown(r.errorFields, r.errorFieldsMD)},
		"error-example":      {Attrs: []string{"code", "category"}, Required: []string{"code"}, Render: withMarkdown(r.errorExample, r.errorExampleMD)},
	}
}

// FirstAnchor returns the anchor of the catalog's first error entry, or ""
// when there is none. The page whose ids include it is the one that shows
// the entries, and so the page errors.json links to.
func (c *Catalog) FirstAnchor() string {
	for _, cat := range c.Categories {
		for _, e := range cat.Errors {
			if e.Anchor != "" {
				return e.Anchor
			}
		}
	}
	return ""
}

// renderer renders the directives of one Catalog.
type renderer struct {
	c *Catalog

	hlOnce sync.Once
	hl     *highlight.Highlighter
	hlErr  error
}

// problem is a directive error with a hint.
func problem(hint, format string, args ...any) error {
	return diag.Errorf("", 0, 0, format, args...).WithHint("%s", hint)
}

// need reports "no catalog data" when the catalog is empty, and otherwise
// a missing section when present is false.
func (r *renderer) need(present bool, what, section, keys string) error {
	if r.c.Empty() {
		return problem("add the catalog's YAML files to "+r.dataDir()+"; see Writing docs > Data files", "no catalog data")
	}
	if !present {
		return problem("add "+section+": ("+keys+") to a file in "+r.dataDir(), "no %s in the catalog data", what)
	}
	return nil
}

func (r *renderer) dataDir() string {
	if r.c.dataDir == "" {
		return "content/_data"
	}
	return r.c.dataDir
}

func render(c templ.Component) (string, error) {
	var b strings.Builder
	if err := c.Render(context.Background(), &b); err != nil {
		return "", err
	}
	return b.String(), nil
}

func (r *renderer) statusTable(map[string]string) (markdown.Output, error) {
	c := r.c
	if err := r.need(len(c.Statuses) > 0, "status table", secStatuses, "code, text, meaning, retry, retryable"); err != nil {
		return markdown.Output{}, err
	}
	var m templates.StatusTable
	var out markdown.Output
	for _, s := range c.Statuses {
		m.Rows = append(m.Rows, statusRow(s))
		out.IDs = append(out.IDs, s.Anchor())
		out.Sections = append(out.Sections, markdown.Section{
			HeadingID: s.Anchor(),
			Heading:   strconv.Itoa(s.Code) + " " + s.Text,
			Text:      joinText(plain(s.Meaning), "Retry: "+plain(s.Retry)),
		})
	}
	html, err := render(templates.CatalogStatusTable(m))
	out.HTML = html
	return out, err
}

func statusRow(s Status) templates.StatusRow {
	code := strconv.Itoa(s.Code)
	return templates.StatusRow{
		ID:        s.Anchor(),
		Code:      code,
		Text:      s.Text,
		Meaning:   runs(s.Meaning),
		Retry:     runs(s.Retry),
		Retryable: string(s.Retryable),
		Search:    searchText(code, s.Text, s.Meaning, s.Retry),
	}
}

func (r *renderer) errors(attrs map[string]string) (markdown.Output, error) {
	c := r.c
	if err := r.need(len(c.Categories) > 0, "error categories", secCategories, "id, title, description, errors"); err != nil {
		return markdown.Output{}, err
	}
	cats := c.Categories
	id, one := attrs["category"]
	if one {
		cat, ok := c.category(id)
		if !ok {
			return markdown.Output{}, problem("use one of: "+strings.Join(c.categoryIDs(), ", "), "unknown category %q", id)
		}
		cats = []Category{*cat}
	}
	var m templates.ErrorList
	var out markdown.Output
	for _, cat := range cats {
		vc := templates.ErrorCategory{ID: cat.ID}
		level := 3
		if !one {
			vc.HeadingID = "errors-" + cat.ID
			vc.Title = cat.Title
			vc.Description = runs(cat.Description)
			out.IDs = append(out.IDs, vc.HeadingID)
			level = 4
		}
		for _, e := range cat.Errors {
			vc.Entries = append(vc.Entries, r.entry(cat, e, level))
			out.IDs = append(out.IDs, e.Anchor)
			out.Sections = append(out.Sections, r.entrySection(cat, e))
		}
		m.Categories = append(m.Categories, vc)
	}
	html, err := render(templates.CatalogErrors(m))
	out.HTML = html
	return out, err
}

func (r *renderer) entry(cat Category, e Entry, level int) templates.ErrorEntry {
	s, _ := r.c.status(e.Status)
	code := strconv.Itoa(e.Status)
	return templates.ErrorEntry{
		ID:         e.Anchor,
		Code:       e.Code,
		Category:   cat.ID,
		Status:     code,
		StatusText: s.Text,
		Refunded:   e.Refunded,
		Cause:      runs(e.Cause),
		Fix:        runs(e.Fix),
		Search:     searchText(e.Code, code, s.Text, cat.ID, e.Cause, e.Fix),
		Level:      level,
	}
}

func (r *renderer) entrySection(cat Category, e Entry) markdown.Section {
	s, _ := r.c.status(e.Status)
	return markdown.Section{
		HeadingID: e.Anchor,
		Heading:   e.Code,
		Text:      joinText(strconv.Itoa(e.Status)+" "+s.Text, cat.Title, plain(e.Cause), plain(e.Fix)),
	}
}

// joinText joins search text pieces into sentences.
func joinText(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, " · ")
}

func (r *renderer) errorFilter(map[string]string) (markdown.Output, error) {
	c := r.c
	if err := r.need(len(c.Categories) > 0, "error categories", secCategories, "id, title, description, errors"); err != nil {
		return markdown.Output{}, err
	}
	var m templates.ErrorFilter
	for _, cat := range c.Categories {
		m.Chips = append(m.Chips, templates.FilterChip{Category: cat.ID, Label: cat.Label})
	}
	html, err := render(templates.CatalogErrorFilter(m))
	return markdown.Output{HTML: html, IDs: append([]string(nil), filterIDs...)}, err
}

func (r *renderer) ratePlans(map[string]string) (markdown.Output, error) {
	c := r.c
	if err := r.need(len(c.Plans) > 0, "rate-limit plans", secPlans, "name, per_minute, burst_per_second"); err != nil {
		return markdown.Output{}, err
	}
	var m templates.RatePlans
	for _, p := range c.Plans {
		m.Plans = append(m.Plans, templates.RatePlan{
			Name:           p.Name,
			PerMinute:      strconv.Itoa(p.PerMinute),
			BurstPerSecond: strconv.Itoa(p.BurstPerSecond),
		})
	}
	html, err := render(templates.CatalogRatePlans(m))
	return markdown.Output{HTML: html}, err
}

// headerAnchor is the id of a rate-limit header's row: "header-" and the
// header's slug (header-x-ratelimit-reset).
func headerAnchor(name string) string { return "header-" + slug.Slug(name) }

func (r *renderer) rateHeaders(map[string]string) (markdown.Output, error) {
	c := r.c
	if err := r.need(len(c.Headers) > 0, "rate-limit headers", secHeaders, "name, meaning, status"); err != nil {
		return markdown.Output{}, err
	}
	var m templates.RateHeaders
	var out markdown.Output
	for _, h := range c.Headers {
		vh := templates.RateHeader{Name: h.Name, Meaning: runs(h.Meaning), ID: headerAnchor(h.Name)}
		if h.Status != 0 {
			vh.Status = strconv.Itoa(h.Status)
		}
		m.Headers = append(m.Headers, vh)
		out.IDs = append(out.IDs, vh.ID)
		// Each header is a search result of its own, as error codes are.
		out.Sections = append(out.Sections, markdown.Section{HeadingID: vh.ID, Heading: h.Name, Text: plain(h.Meaning)})
	}
	html, err := render(templates.CatalogRateHeaders(m))
	out.HTML = html
	return out, err
}

func (r *renderer) refundPolicy(map[string]string) (markdown.Output, error) {
	c := r.c
	if err := r.need(c.Refunds != nil, "refund policy", secRefunds, "refunded, not_refunded, timing"); err != nil {
		return markdown.Output{}, err
	}
	m := templates.RefundPolicy{
		Refunded:    refundCases(c.Refunds.Refunded),
		NotRefunded: refundCases(c.Refunds.NotRefunded),
		Timing:      runs(c.Refunds.Timing),
	}
	html, err := render(templates.CatalogRefundPolicy(m))
	var links []string
	for _, cs := range [][]templates.RefundCase{m.Refunded, m.NotRefunded} {
		for _, rc := range cs {
			for _, l := range rc.Links {
				links = append(links, l.Href)
			}
		}
	}
	return markdown.Output{HTML: html, Links: links}, err
}

func refundCases(cases []RefundCase) []templates.RefundCase {
	out := make([]templates.RefundCase, 0, len(cases))
	for _, rc := range cases {
		vc := templates.RefundCase{Text: runs(rc.Text)}
		for _, e := range rc.Entries {
			vc.Links = append(vc.Links, templates.RefundLink{Label: e.Code, Href: "#" + e.Anchor, Code: true})
		}
		for _, s := range rc.Statuses {
			code := strconv.Itoa(s)
			vc.Links = append(vc.Links, templates.RefundLink{Label: code, Href: "#status-" + code})
		}
		out = append(out, vc)
	}
	return out
}

func (r *renderer) errorFields(map[string]string) (markdown.Output, error) {
	c := r.c
	if err := r.need(len(c.Fields) > 0, "error response fields", secFields, "field, type, required, notes"); err != nil {
		return markdown.Output{}, err
	}
	var m templates.ResponseFields
	for _, f := range c.Fields {
		m.Fields = append(m.Fields, templates.ResponseField{
			Name:     f.Field,
			Type:     f.Type,
			Required: f.Required,
			Notes:    runs(f.Notes),
			Example:  exampleText(f.Example),
		})
	}
	html, err := render(templates.CatalogResponseFields(m))
	return markdown.Output{HTML: html}, err
}

// exampleText shows a JSON example in a table cell: a string without its
// quotes, anything else as JSON.
func exampleText(v json.RawMessage) string {
	if len(v) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	return string(v)
}

func (r *renderer) errorExample(attrs map[string]string) (markdown.Output, error) {
	c := r.c
	if err := r.need(len(c.Categories) > 0, "error categories", secCategories, "id, title, description, errors"); err != nil {
		return markdown.Output{}, err
	}
	e, err := r.lookupEntry(attrs["code"], attrs["category"])
	if err != nil {
		return markdown.Output{}, err
	}
	body, err := c.exampleJSON(e)
	if err != nil {
		return markdown.Output{}, err
	}
	r.hlOnce.Do(func() { r.hl, r.hlErr = highlight.New(highlight.Options{}) })
	if r.hlErr != nil {
		return markdown.Output{}, r.hlErr
	}
	var pre bytes.Buffer
	info, err := r.hl.Highlight(&pre, string(body), "json", highlight.Block{})
	if err != nil {
		return markdown.Output{}, err
	}
	s, _ := c.status(e.Status)
	title := strings.TrimSpace(strconv.Itoa(e.Status) + " " + s.Text + " · " + e.Code)
	html, err := render(templates.CatalogErrorExample(templates.ErrorExample{
		Title:    title,
		Lang:     "json",
		LangName: info.Lang,
		CodeHTML: pre.String(),
	}))
	return markdown.Output{HTML: html}, err
}

// lookupEntry finds the entry an ::error-example names.
func (r *renderer) lookupEntry(code, category string) (*Entry, error) {
	c := r.c
	if category != "" {
		cat, ok := c.category(category)
		if !ok {
			return nil, problem("use one of: "+strings.Join(c.categoryIDs(), ", "), "unknown category %q", category)
		}
		for i := range cat.Errors {
			if cat.Errors[i].Code == code {
				return &cat.Errors[i], nil
			}
		}
		return nil, problem("check the code against category "+category+" in "+r.dataDir(), "category %q has no error %s", category, code)
	}
	found := c.entries(code)
	switch len(found) {
	case 0:
		hint := "check the spelling against the codes in " + r.dataDir()
		if near := closestCode(code, c); near != "" {
			hint = "did you mean " + near + "?"
		}
		return nil, problem(hint, "unknown error code %q", code)
	case 1:
		return found[0], nil
	}
	cats := make([]string, len(found))
	for i, e := range found {
		cats[i] = `category="` + e.Category + `"`
	}
	return nil, problem("add "+strings.Join(cats, " or "), "%s is in more than one category", code)
}

// closestCode suggests a known code for a misspelt one.
func closestCode(code string, c *Catalog) string {
	best, bestDist := "", 4
	for _, cat := range c.Categories {
		for _, e := range cat.Errors {
			if d := suggest.Distance(strings.ToUpper(code), e.Code); d < bestDist {
				best, bestDist = e.Code, d
			}
		}
	}
	return best
}

// exampleJSON builds the response body of e from the response fields:
// "error" is the code, "message" the cause without code marks, "details"
// the entry's details (left out when it has none), every other field its
// example (left out when it has none). It is indented by two spaces.
func (c *Catalog) exampleJSON(e *Entry) ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	n := 0
	field := func(name string, value json.RawMessage) {
		if n > 0 {
			b.WriteByte(',')
		}
		n++
		b.Write(jsonString(name))
		b.WriteByte(':')
		b.Write(value)
	}
	fields := c.Fields
	if len(fields) == 0 {
		fields = []ResponseField{{Field: "error"}, {Field: "message"}, {Field: "details"}}
	}
	for _, f := range fields {
		switch f.Field {
		case "error":
			field(f.Field, jsonString(e.Code))
		case "message":
			field(f.Field, jsonString(plain(e.Cause)))
		case "details":
			if len(e.Details) > 0 {
				field(f.Field, e.Details)
			}
		default:
			if len(f.Example) > 0 {
				field(f.Field, f.Example)
			}
		}
	}
	b.WriteByte('}')
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
