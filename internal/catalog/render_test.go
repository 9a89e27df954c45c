package catalog

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"docsgen/internal/diag"
	"docsgen/internal/markdown"
	"docsgen/templates"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update to accept):\n%s", name, firstDiff(string(want), string(got)))
	}
}

// firstDiff shows the first differing line of want and got.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n want: " + w + "\n got:  " + g
		}
	}
	return "(no line differs)"
}

// lines breaks rendered HTML before its block elements, so golden files
// diff line by line. It changes no text: only "\n" between tags is added.
func lines(html string) []byte {
	r := strings.NewReplacer(
		"<article", "\n<article", "<section", "\n<section", "<div", "\n<div",
		"<tr", "\n<tr", "<li", "\n<li", "<figure", "\n<figure",
		"<p", "\n<p", "<dl", "\n<dl", "<table", "\n<table",
	)
	return []byte(strings.TrimPrefix(r.Replace(html), "\n") + "\n")
}

func TestDirectivesGolden(t *testing.T) {
	c := siteCatalog(t)
	ds := c.Directives()
	tests := []struct {
		golden    string
		directive string
		attrs     map[string]string
	}{
		{"status-table.html", "status-table", nil},
		{"errors-session.html", "errors", map[string]string{"category": "session"}},
		{"errors-all.html", "errors", nil},
		{"error-filter.html", "error-filter", nil},
		{"rate-limit-plans.html", "rate-limit-plans", nil},
		{"rate-limit-headers.html", "rate-limit-headers", nil},
		{"refund-policy.html", "refund-policy", nil},
		{"error-fields.html", "error-fields", nil},
		{"error-example-insufficient-credits.html", "error-example", map[string]string{"code": "INSUFFICIENT_CREDITS"}},
		{"error-example-session-expired-410.html", "error-example", map[string]string{"code": "SESSION_EXPIRED", "category": "session"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			out, err := ds[tt.directive].Render(tt.attrs)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tt.golden, lines(out.HTML))
			for _, id := range out.IDs {
				if !strings.Contains(out.HTML, `id="`+id+`"`) {
					t.Errorf("id %q is returned but not in the HTML", id)
				}
			}
		})
	}
}

func TestDirectiveNames(t *testing.T) {
	ds := siteCatalog(t).Directives()
	var names []string
	for name := range ds {
		names = append(names, name)
	}
	want := []string{"error-example", "error-fields", "error-filter", "errors", "rate-limit-headers", "rate-limit-plans", "refund-policy", "status-table"}
	if !sameSet(names, want) {
		t.Errorf("directives = %v, want %v", names, want)
	}
	if d := ds["errors"]; !reflect.DeepEqual(d.Attrs, []string{"category"}) || len(d.Required) != 0 {
		t.Errorf("errors attrs = %v required %v", d.Attrs, d.Required)
	}
	if d := ds["error-example"]; !reflect.DeepEqual(d.Required, []string{"code"}) {
		t.Errorf("error-example required = %v", d.Required)
	}
}

func sameSet(a, b []string) bool {
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}

// TestErrorsOutput checks ids and search sections of ::errors.
func TestErrorsOutput(t *testing.T) {
	c := siteCatalog(t)
	out, err := c.Directives()["errors"].Render(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"errors-scraping", "errors-rate-limit", "insufficient-credits", "session-expired-401", "session-expired-410", "rate-limit-exceeded"} {
		if !slices.Contains(out.IDs, id) {
			t.Errorf("ids lack %q", id)
		}
	}
	if len(out.Sections) != 22 {
		t.Fatalf("%d sections, want 22", len(out.Sections))
	}
	var rle markdown.Section
	for _, s := range out.Sections {
		if s.HeadingID == "rate-limit-exceeded" {
			rle = s
		}
	}
	if rle.Heading != "RATE_LIMIT_EXCEEDED" || !strings.Contains(rle.Text, "429 Too Many Requests") ||
		!strings.Contains(rle.Text, "Rate limit errors") || !strings.Contains(rle.Text, "X-RateLimit-Reset") ||
		strings.Contains(rle.Text, "`") {
		t.Errorf("RATE_LIMIT_EXCEEDED section = %+v", rle)
	}
	// Every entry carries the attributes the filter reads.
	for _, want := range []string{
		`<article class="error-entry" id="rate-limit-exceeded" data-category="rate-limit" data-status="429" data-refunded="false" data-search="rate limit exceeded ratelimitexceeded 429 too many requests `,
		`<article class="error-entry" id="timeout" data-category="scraping" data-status="504" data-refunded="true" data-search=`,
		`<span class="badge badge-refunded">Refunded</span>`,
		`<a class="anchor" href="#session-expired-410">`,
		`<h3 id="errors-session">Session errors`,
		`<h4 class="error-code"><code>SESSION_EXPIRED</code>`,
	} {
		if !strings.Contains(out.HTML, want) {
			t.Errorf("HTML lacks %s", want)
		}
	}

	st, err := c.Directives()["status-table"].Render(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Sections) != 18 || st.Sections[13].HeadingID != "status-429" || st.Sections[13].Heading != "429 Too Many Requests" {
		t.Errorf("status sections = %+v", st.Sections)
	}
	if !strings.Contains(st.HTML, `<tr class="status-row" id="status-410" data-status="410" data-retryable="no" data-search="410 gone `) {
		t.Error("status table lacks the 410 row")
	}
}

func TestDirectiveErrors(t *testing.T) {
	c := siteCatalog(t)
	ds := c.Directives()
	tests := []struct {
		directive string
		attrs     map[string]string
		msg, hint string
	}{
		{"errors", map[string]string{"category": "billings"}, `unknown category "billings"`, "scraping, authentication, session, billing, rate-limit"},
		{"error-example", map[string]string{"code": "SESSION_EXPIRED"}, "SESSION_EXPIRED is in more than one category", `category="authentication" or category="session"`},
		{"error-example", map[string]string{"code": "INSUFICIENT_CREDITS"}, `unknown error code "INSUFICIENT_CREDITS"`, "did you mean INSUFFICIENT_CREDITS?"},
		{"error-example", map[string]string{"code": "TIMEOUT", "category": "billing"}, `category "billing" has no error TIMEOUT`, "check the code"},
		{"error-example", map[string]string{"code": "TIMEOUT", "category": "nope"}, `unknown category "nope"`, "use one of"},
	}
	for _, tt := range tests {
		t.Run(tt.msg, func(t *testing.T) {
			_, err := ds[tt.directive].Render(tt.attrs)
			d := asDiagOrFail(t, err)
			if !strings.Contains(d.Msg, tt.msg) || !strings.Contains(d.Hint, tt.hint) {
				t.Errorf("got %q (hint %q), want %q (hint %q)", d.Msg, d.Hint, tt.msg, tt.hint)
			}
		})
	}

	// A catalog with data, but not the section a directive needs.
	partial, diags := Load(fstest.MapFS{"_data/plans.yaml": {Data: []byte("rate_limit_plans:\n  - {name: Free, per_minute: 1, burst_per_second: 1}\n")}}, "_data", "content")
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	_, err := partial.Directives()["refund-policy"].Render(nil)
	d := asDiagOrFail(t, err)
	if d.Msg != "no refund policy in the catalog data" || !strings.Contains(d.Hint, "add refunds: (refunded, not_refunded, timing) to a file in content/_data") {
		t.Errorf("got %q (hint %q)", d.Msg, d.Hint)
	}
}

func asDiagOrFail(t *testing.T, err error) (d diag.Diagnostic) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	if !asDiag(err, &d) {
		t.Fatalf("error %T is not a diag.Diagnostic: %v", err, err)
	}
	if d.Line != 0 || d.File != "" {
		t.Errorf("directive error carries a position of its own: %v", d)
	}
	return d
}

func TestRuns(t *testing.T) {
	tests := []struct {
		give string
		want []templates.TextRun
	}{
		{"plain", []templates.TextRun{{Text: "plain"}}},
		{"use `mode: \"js\"` now", []templates.TextRun{{Text: "use "}, {Text: `mode: "js"`, Code: true}, {Text: " now"}}},
		{"`a` and `b`", []templates.TextRun{{Text: "a", Code: true}, {Text: " and "}, {Text: "b", Code: true}}},
		{"unclosed ` tick", []templates.TextRun{{Text: "unclosed ` tick"}}},
		{"double `` a`b `` ticks", []templates.TextRun{{Text: "double "}, {Text: "a`b", Code: true}, {Text: " ticks"}}},
		{"<script>alert(1)</script> `<b>`", []templates.TextRun{{Text: "<script>alert(1)</script> "}, {Text: "<b>", Code: true}}},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.give, func(t *testing.T) {
			if got := runs(tt.give); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("runs(%q) = %#v, want %#v", tt.give, got, tt.want)
			}
		})
	}
}

// TestNoRawHTMLFromData renders data full of markup and checks that none of
// it reaches the page as markup.
func TestNoRawHTMLFromData(t *testing.T) {
	fsys := fstest.MapFS{
		"_data/statuses.yaml": {Data: []byte(`statuses:
  - {code: 400, text: "<b>Bad</b>", meaning: "<img src=x onerror=alert(1)>", retry: "` + "`<i>`" + `", retryable: "no"}
`)},
		"_data/errors.yaml": {Data: []byte(`categories:
  - id: x
    title: "<script>alert(1)</script>"
    description: "& <em>"
    errors:
      - {code: A, status: 400, refunded: true, cause: "<script>alert(2)</script>", fix: "` + "`</code><script>`" + `"}
`)},
	}
	c, diags := Load(fsys, "_data", "content")
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	var all strings.Builder
	for _, name := range []string{"status-table", "errors", "error-filter"} {
		out, err := c.Directives()[name].Render(nil)
		if err != nil {
			t.Fatal(err)
		}
		all.WriteString(out.HTML)
	}
	html := all.String()
	for _, bad := range []string{"<script", "<b>", "<img", "<em>", "<i>", "</code><script>"} {
		if strings.Contains(html, bad) {
			t.Errorf("HTML contains raw %q", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(2)&lt;/script&gt;", "<code>&lt;/code&gt;&lt;script&gt;</code>", "&amp; &lt;em&gt;"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks escaped %q", want)
		}
	}
}

func TestSearchText(t *testing.T) {
	tests := []struct {
		give []string
		want string
	}{
		{[]string{"RATE_LIMIT_EXCEEDED", "429", "Too Many Requests"}, "rate limit exceeded ratelimitexceeded 429 too many requests"},
		{[]string{"rate-limit", "Wait until `X-RateLimit-Reset`."}, "rate limit ratelimit wait until x reset xratelimitreset"},
		{[]string{"the THE The"}, "the"},
		{[]string{"Überblick, naïve"}, "überblick naïve"},
	}
	for _, tt := range tests {
		if got := searchText(tt.give...); got != tt.want {
			t.Errorf("searchText(%q) = %q, want %q", tt.give, got, tt.want)
		}
	}
}

func TestCodeHint(t *testing.T) {
	for give, want := range map[string]string{
		"rateLimit-exceeded": "RATE_LIMIT_EXCEEDED",
		"session expired":    "SESSION_EXPIRED",
		"-":                  "RATE_LIMIT_EXCEEDED",
	} {
		if got := codeHint(give); got != want {
			t.Errorf("codeHint(%q) = %q, want %q", give, got, want)
		}
	}
}

func TestJSON(t *testing.T) {
	c := siteCatalog(t)
	first, err := c.JSON("/reference/errors/")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "errors.json", first)
	if !json.Valid(first) {
		t.Fatal("errors.json is not valid JSON")
	}
	// A second load and export gives the same bytes.
	second, err := siteCatalog(t).JSON("/reference/errors/")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Error("errors.json differs between two runs")
	}

	var doc struct {
		Version    int `json:"version"`
		Categories []struct {
			ID     string `json:"id"`
			Errors []struct {
				Code      string          `json:"code"`
				Anchor    string          `json:"anchor"`
				URL       string          `json:"url"`
				Status    int             `json:"status"`
				Retryable *string         `json:"retryable"`
				Details   json.RawMessage `json:"details"`
			} `json:"errors"`
		} `json:"categories"`
		Statuses []struct {
			Code int    `json:"code"`
			URL  string `json:"url"`
		} `json:"statuses"`
	}
	if err := json.Unmarshal(first, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != 2 || len(doc.Categories) != 5 || len(doc.Statuses) != 18 {
		t.Fatalf("version %d, %d categories, %d statuses", doc.Version, len(doc.Categories), len(doc.Statuses))
	}
	urls := map[string]bool{}
	for _, cat := range doc.Categories {
		for _, e := range cat.Errors {
			if e.URL != "/reference/errors/#"+e.Anchor {
				t.Errorf("%s: url %q", e.Code, e.URL)
			}
			if urls[e.URL] {
				t.Errorf("%s: url %q twice", e.Code, e.URL)
			}
			urls[e.URL] = true
			if e.Retryable != nil {
				t.Errorf("%s: retryable %q; retry advice belongs to statuses, not to entries", e.Code, *e.Retryable)
			}
			if len(e.Details) == 0 {
				t.Errorf("%s: details missing (want an object or null)", e.Code)
			}
		}
	}
	if !urls["/reference/errors/#session-expired-401"] || !urls["/reference/errors/#session-expired-410"] {
		t.Error("both SESSION_EXPIRED entries must be listed")
	}
	if doc.Statuses[9].Code != 410 || doc.Statuses[9].URL != "/reference/errors/#status-410" {
		t.Errorf("statuses[9] = %+v", doc.Statuses[9])
	}
}

// TestJSONEmpty checks the shape of an empty catalog's export.
func TestJSONEmpty(t *testing.T) {
	c, _ := Load(fstest.MapFS{}, "_data", "content")
	got, err := c.JSON("/x/")
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"version\": 2,\n  \"categories\": [],\n  \"statuses\": []\n}\n"
	if string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
