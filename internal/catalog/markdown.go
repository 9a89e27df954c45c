package catalog

import (
	"strconv"
	"strings"

	"docsgen/internal/markdown"
)

// This file renders each directive as Markdown too (GFM tables, headings,
// lists), for the page's Markdown exports: index.md beside the page,
// llms-full.txt and "Copy page". The Markdown states the same facts as the
// HTML: every row, entry, status, cause and fix; only the interactive
// ::error-filter has none. Prose keeps its `code` marks; characters that
// Markdown would read as markup are escaped.

// withMarkdown adds md's Markdown to the Output of a directive's HTML
// rendering. md runs only when html succeeded, so it may rely on the
// attributes having been checked.
func withMarkdown(html func(map[string]string) (markdown.Output, error), md func(map[string]string) string) func(map[string]string) (markdown.Output, error) {
	return func(attrs map[string]string) (markdown.Output, error) {
		out, err := html(attrs)
		if err != nil {
			return out, err
		}
		out.Markdown = md(attrs)
		return out, nil
	}
}

func (r *renderer) statusTableMD(map[string]string) string {
	t := mdTable{head: []string{"Code", "Status", "Meaning", "Retry"}}
	for _, s := range r.c.Statuses {
		t.rows = append(t.rows, []string{strconv.Itoa(s.Code), cell(s.Text), cell(s.Meaning), cell(s.Retry)})
	}
	return t.String()
}

// errorsMD writes the entries as the HTML shows them: under the category's
// h3 and an h4 each, or an h3 each for one category.
func (r *renderer) errorsMD(attrs map[string]string) string {
	var b strings.Builder
	cats := r.c.Categories
	id, one := attrs["category"]
	if one {
		cat, _ := r.c.category(id)
		cats = []Category{*cat}
	}
	for _, cat := range cats {
		level := "###"
		if !one {
			b.WriteString("### " + prose(cat.Title) + "\n\n" + prose(cat.Description) + "\n\n")
			level = "####"
		}
		for _, e := range cat.Errors {
			s, _ := r.c.status(e.Status)
			refunded := "no"
			if e.Refunded {
				refunded = "yes"
			}
			b.WriteString(level + " " + codeSpan(e.Code) + "\n\n")
			b.WriteString("- Status: " + strconv.Itoa(e.Status) + " " + prose(s.Text) + "\n")
			b.WriteString("- Refunded: " + refunded + "\n")
			b.WriteString("- Cause: " + prose(e.Cause) + "\n")
			b.WriteString("- Fix: " + prose(e.Fix) + "\n\n")
		}
	}
	return b.String()
}

func (r *renderer) ratePlansMD(map[string]string) string {
	t := mdTable{head: []string{"Plan", "Requests per minute", "Burst per second"}, right: []bool{false, true, true}}
	for _, p := range r.c.Plans {
		t.rows = append(t.rows, []string{cell(p.Name), strconv.Itoa(p.PerMinute), strconv.Itoa(p.BurstPerSecond)})
	}
	return t.String()
}

func (r *renderer) rateHeadersMD(map[string]string) string {
	t := mdTable{head: []string{"Header", "Meaning"}}
	for _, h := range r.c.Headers {
		meaning := cell(h.Meaning)
		if h.Status != 0 {
			meaning += " Sent with " + strconv.Itoa(h.Status) + " responses only."
		}
		t.rows = append(t.rows, []string{tableEscape(codeSpan(h.Name)), meaning})
	}
	return t.String()
}

func (r *renderer) refundPolicyMD(map[string]string) string {
	var b strings.Builder
	list := func(title string, cases []RefundCase) {
		b.WriteString(title + "\n\n")
		for _, rc := range cases {
			b.WriteString("- " + prose(rc.Text))
			var refs []string
			for _, e := range rc.Entries {
				refs = append(refs, codeSpan(e.Code))
			}
			for _, s := range rc.Statuses {
				refs = append(refs, strconv.Itoa(s))
			}
			if len(refs) > 0 {
				b.WriteString(" (" + strings.Join(refs, ", ") + ")")
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	list("**Refunded:**", r.c.Refunds.Refunded)
	list("**Not refunded:**", r.c.Refunds.NotRefunded)
	b.WriteString("**Timing:** " + prose(r.c.Refunds.Timing) + "\n")
	return b.String()
}

func (r *renderer) errorFieldsMD(map[string]string) string {
	t := mdTable{head: []string{"Field", "Type", "Required", "Notes"}}
	for _, f := range r.c.Fields {
		required := "No"
		if f.Required {
			required = "Yes"
		}
		notes := cell(f.Notes)
		if ex := exampleText(f.Example); ex != "" {
			notes += " Example: " + tableEscape(codeSpan(ex))
		}
		t.rows = append(t.rows, []string{tableEscape(codeSpan(f.Field)), cell(f.Type), required, notes})
	}
	return t.String()
}

// errorExampleMD is the example's title in bold, then the JSON body in a
// fenced code block.
func (r *renderer) errorExampleMD(attrs map[string]string) string {
	e, err := r.lookupEntry(attrs["code"], attrs["category"])
	if err != nil {
		return ""
	}
	body, err := r.c.exampleJSON(e)
	if err != nil {
		return ""
	}
	s, _ := r.c.status(e.Status)
	title := strings.TrimSpace(strconv.Itoa(e.Status) + " " + s.Text + " · " + e.Code)
	fence := strings.Repeat("`", max(3, longestRun(string(body), '`')+1))
	return "**" + prose(title) + "**\n\n" + fence + "json\n" + string(body) + "\n" + fence + "\n"
}

// mdTable is a GFM table; cells are Markdown already escaped for a cell.
type mdTable struct {
	head  []string
	right []bool // right-aligned columns, by index
	rows  [][]string
}

func (t mdTable) String() string {
	var b strings.Builder
	row := func(cells []string) {
		b.WriteString("|")
		for _, c := range cells {
			b.WriteString(" " + c + " |")
		}
		b.WriteString("\n")
	}
	row(t.head)
	b.WriteString("|")
	for i := range t.head {
		if i < len(t.right) && t.right[i] {
			b.WriteString(" ---: |")
		} else {
			b.WriteString(" --- |")
		}
	}
	b.WriteString("\n")
	for _, r := range t.rows {
		row(r)
	}
	return b.String()
}

// cell is prose for a table cell: as prose, with '|' escaped (GFM splits
// cells at a '|' even inside a code span).
func cell(s string) string { return tableEscape(prose(s)) }

func tableEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// prose is data prose as one line of Markdown: `code` runs as code spans,
// the text between them with Markdown's markup characters escaped.
func prose(s string) string {
	var b strings.Builder
	for _, run := range runs(strings.Join(strings.Fields(s), " ")) {
		if run.Code {
			b.WriteString(codeSpan(run.Text))
		} else {
			b.WriteString(escapeText(run.Text))
		}
	}
	return b.String()
}

// escapeText escapes what Markdown would read as markup in running text:
// backslashes, emphasis stars, brackets, angle brackets (HTML and
// autolinks), entity ampersands, and underscores that are not inside a
// word (snake_case words stay as written: GFM does not emphasise inside
// words).
func escapeText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '*', '[', ']', '<', '>', '&', '`':
			b.WriteByte('\\')
		case '_':
			if i == 0 || i == len(s)-1 || !isWordByte(s[i-1]) || !isWordByte(s[i+1]) {
				b.WriteByte('\\')
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// codeSpan writes s as a Markdown code span, with a backtick run longer
// than any inside s, padded with spaces where s starts or ends with one.
func codeSpan(s string) string {
	ticks := strings.Repeat("`", longestRun(s, '`')+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return ticks + s + ticks
}

// longestRun is the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	best, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}
