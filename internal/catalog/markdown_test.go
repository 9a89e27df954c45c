package catalog

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"docsgen/internal/markdown"
)

func TestDirectivesMarkdownGolden(t *testing.T) {
	ds := siteCatalog(t).Directives()
	tests := []struct {
		golden    string
		directive string
		attrs     map[string]string
	}{
		{"status-table.md", "status-table", nil},
		{"errors-session.md", "errors", map[string]string{"category": "session"}},
		{"errors-all.md", "errors", nil},
		{"rate-limit-plans.md", "rate-limit-plans", nil},
		{"rate-limit-headers.md", "rate-limit-headers", nil},
		{"refund-policy.md", "refund-policy", nil},
		{"error-fields.md", "error-fields", nil},
		{"error-example-session-expired-410.md", "error-example", map[string]string{"code": "SESSION_EXPIRED", "category": "session"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			out, err := ds[tt.directive].Render(tt.attrs)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tt.golden, []byte(out.Markdown))
		})
	}
	if out, err := ds["error-filter"].Render(nil); err != nil || out.Markdown != "" {
		t.Errorf("::error-filter Markdown = %q, %v; want none (it is interactive only)", out.Markdown, err)
	}
}

// exportPage uses every directive, as the site's Error Codes page does.
const exportPage = `# Errors

::error-filter

## Statuses

::status-table

## Entries

::errors{category="scraping"}

::errors{category="authentication"}
::errors{category="session"}

> ::errors{category="billing"}

- ::errors{category="rate-limit"}

## Limits

::rate-limit-headers

::rate-limit-plans

::refund-policy

::error-fields

::error-example{code="SESSION_EXPIRED" category="session"}
`

// TestMarkdownExportCarriesTheFacts expands every directive of a page into
// Markdown, reads that Markdown back as a Markdown reader would (rendered
// to HTML, then to text) and checks that every fact of the real catalog
// data is there: each status row, each of the 22 entries with status,
// refund, cause and fix, the plans, headers, refund lists and fields.
func TestMarkdownExportCarriesTheFacts(t *testing.T) {
	c := siteCatalog(t)
	res, diags := markdown.New(markdown.Options{Directives: c.Directives()}, nil).Render([]byte(exportPage), markdown.Source{File: "errors.md"})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	md := string(res.Markdown)
	for i, line := range strings.Split(md, "\n") {
		if strings.Contains(line, "::") && !strings.Contains(line, "`") {
			t.Errorf("line %d still holds a directive: %s", i+1, line)
		}
	}
	back, diags := markdown.New(markdown.Options{}, nil).Render(res.Markdown, markdown.Source{File: "export.md"})
	if diags.HasErrors() {
		t.Fatalf("the export is not clean Markdown: %v", diags)
	}
	text := htmlText(string(back.HTML))
	if n := strings.Count(string(back.HTML), "<table"); n != 4 {
		t.Errorf("%d tables, want 4 (statuses, headers, plans, fields)", n)
	}
	has := func(what, s string) {
		t.Helper()
		if s = normSpace(plain(s)); !strings.Contains(text, s) {
			t.Errorf("%s: export lacks %q", what, s)
		}
	}
	for _, s := range c.Statuses {
		code := strconv.Itoa(s.Code)
		row := regexp.MustCompile(`<tr>\s*<td>` + code + `</td>\s*<td>` + regexp.QuoteMeta(html.EscapeString(s.Text)))
		if !row.MatchString(string(back.HTML)) {
			t.Errorf("status %s: no table row", code)
		}
		has("status "+code, s.Meaning)
		has("status "+code, s.Retry)
	}
	entries := 0
	for _, cat := range c.Categories {
		for _, e := range cat.Errors {
			entries++
			st, _ := c.status(e.Status)
			refunded := map[bool]string{true: "yes", false: "no"}[e.Refunded]
			want := normSpace(e.Code + " Status: " + strconv.Itoa(e.Status) + " " + st.Text + " Refunded: " + refunded +
				" Cause: " + plain(e.Cause) + " Fix: " + plain(e.Fix))
			if !strings.Contains(text, want) {
				t.Errorf("entry %s: export lacks %q", e.Code, want)
			}
		}
	}
	if entries != 22 || strings.Count(string(back.HTML), "<h3") < 22 {
		t.Errorf("%d entries, %d h3 headings; want 22 of each", entries, strings.Count(string(back.HTML), "<h3"))
	}
	for _, p := range c.Plans {
		has("plan", p.Name+" "+strconv.Itoa(p.PerMinute)+" "+strconv.Itoa(p.BurstPerSecond))
	}
	for _, h := range c.Headers {
		has("header", h.Name+" "+h.Meaning)
	}
	for _, rc := range append(append([]RefundCase(nil), c.Refunds.Refunded...), c.Refunds.NotRefunded...) {
		has("refund case", rc.Text)
		for _, e := range rc.Entries {
			has("refund case", e.Code)
		}
	}
	has("refund timing", c.Refunds.Timing)
	for _, f := range c.Fields {
		has("field "+f.Field, f.Field+" "+f.Type)
		has("field "+f.Field, f.Notes)
	}
	has("example", `"error": "SESSION_EXPIRED"`)
}

var (
	inlineTagRE = regexp.MustCompile(`</?(code|strong|em|a|span)\b[^>]*>`)
	tagRE       = regexp.MustCompile(`<[^>]*>`)
)

// htmlText is the text of HTML with its whitespace collapsed: inline tags
// dropped, block tags turned into spaces.
func htmlText(h string) string {
	h = inlineTagRE.ReplaceAllString(h, "")
	return normSpace(html.UnescapeString(tagRE.ReplaceAllString(h, " ")))
}

func normSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestProseEscaping checks that prose keeps its code and loses no
// character to Markdown markup.
func TestProseEscaping(t *testing.T) {
	tests := []struct{ give, want string }{
		{"Set `max_tier: \"4\"` now.", "Set `max_tier: \"4\"` now."},
		{"a *b* [c](d) <e> & f\\g", `a \*b\* \[c\](d) \<e\> \& f\\g`},
		{"snake_case _em_", `snake_case \_em\_`},
		{"an ` alone", "an \\` alone"},
		{"``a ` b``", "``a ` b``"},
	}
	r := markdown.New(markdown.Options{}, nil)
	for _, tt := range tests {
		t.Run(tt.give, func(t *testing.T) {
			got := prose(tt.give)
			if got != tt.want {
				t.Errorf("prose(%q) = %q, want %q", tt.give, got, tt.want)
			}
			res, _ := r.Render([]byte(got), markdown.Source{})
			if text := htmlText(string(res.HTML)); text != normSpace(plain(tt.give)) {
				t.Errorf("%q reads as %q, want %q", got, text, plain(tt.give))
			}
		})
	}
}
