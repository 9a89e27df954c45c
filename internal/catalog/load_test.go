package catalog

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"docsgen/internal/diag"
)

// baseStatuses is added to every case that does not write its own
// _data/statuses.yaml.
const baseStatuses = `statuses:
  - {code: 400, text: Bad Request, meaning: m, retry: r, retryable: "no"}
  - {code: 429, text: Too Many Requests, meaning: m, retry: r, retryable: "yes"}
`

// mapFS turns a txtar archive into a file system, under the content folder.
func mapFS(t *testing.T, archive string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	if len(fsys) == 0 {
		t.Fatal("empty archive")
	}
	return fsys
}

type wantDiag struct {
	file      string // below content/_data/
	line, col int
	msg       string // a substring of the message
}

func (w wantDiag) String() string {
	return fmt.Sprintf("content/_data/%s:%d:%d: ...%s...", w.file, w.line, w.col, w.msg)
}

// checkDiags asserts that got holds exactly the wanted diagnostics, in
// order (Load sorts them), each with a hint.
func checkDiags(t *testing.T, got diag.List, want []wantDiag) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d diagnostics, want %d:", len(got), len(want))
		for _, d := range got {
			t.Errorf("  got  %s", d.Error())
		}
		for _, w := range want {
			t.Errorf("  want %s", w)
		}
		return
	}
	for i, w := range want {
		d := got[i]
		if d.File != "content/_data/"+w.file || d.Line != w.line || d.Col != w.col || !strings.Contains(d.Msg, w.msg) {
			t.Errorf("diagnostic %d:\n got  %s\n want %s", i, d.Error(), w)
		}
		if d.Hint == "" {
			t.Errorf("diagnostic %d has no hint: %s", i, d.Error())
		}
		if d.Severity != diag.Error {
			t.Errorf("diagnostic %d is not an error: %s", i, d.Error())
		}
	}
}

func TestLoadBroken(t *testing.T) {
	tests := []struct {
		name  string
		files string
		want  []wantDiag
	}{
		{
			name: "unknown key, so the real one is missing",
			files: `
-- _data/errors.yaml --
categories:
  - id: billing
    title: Billing errors
    description: d
    errors:
      - code: A
        status: 400
        refunded: false
        cause: c
        fixx: f
`,
			want: []wantDiag{
				{"errors.yaml", 6, 9, `missing the required key "fix"`},
				{"errors.yaml", 10, 9, `unknown key "fixx" in an error entry`},
			},
		},
		{
			name: "status of the wrong type",
			files: `
-- _data/errors.yaml --
categories:
  - id: billing
    title: Billing errors
    description: d
    errors:
      - {code: A, status: "400", refunded: false, cause: c, fix: f}
`,
			want: []wantDiag{{"errors.yaml", 6, 27, "status must be a whole number, got a string"}},
		},
		{
			name: "refunded of the wrong type",
			files: `
-- _data/errors.yaml --
categories:
  - id: billing
    title: Billing errors
    description: d
    errors:
      - {code: A, status: 400, refunded: "yes", cause: c, fix: f}
`,
			want: []wantDiag{{"errors.yaml", 6, 42, "refunded must be true or false, got a string"}},
		},
		{
			name: "missing required key",
			files: `
-- _data/errors.yaml --
categories:
  - id: billing
    title: Billing errors
    description: d
    errors:
      - code: A
        status: 400
        refunded: false
        fix: f
`,
			want: []wantDiag{{"errors.yaml", 6, 9, `an error entry is missing the required key "cause"`}},
		},
		{
			name: "empty required string",
			files: `
-- _data/errors.yaml --
categories:
  - id: billing
    title: Billing errors
    description: d
    errors:
      - code: A
        status: 400
        refunded: false
        cause: ""
        fix: f
`,
			want: []wantDiag{{"errors.yaml", 9, 16, "cause must not be empty"}},
		},
		{
			name: "code not in upper snake case",
			files: `
-- _data/errors.yaml --
categories:
  - id: billing
    title: Billing errors
    description: d
    errors:
      - {code: rateLimit-exceeded, status: 400, refunded: false, cause: c, fix: f}
`,
			want: []wantDiag{{"errors.yaml", 6, 16, `code "rateLimit-exceeded" must match ^[A-Z][A-Z0-9_]*$`}},
		},
		{
			name: "status that is not an HTTP status",
			files: `
-- _data/errors.yaml --
categories:
  - id: billing
    title: Billing errors
    description: d
    errors:
      - code: A
        status: 700
        refunded: false
        cause: c
        fix: f
`,
			want: []wantDiag{{"errors.yaml", 7, 17, "status 700 is not an HTTP status"}},
		},
		{
			name: "status missing from the status table",
			files: `
-- _data/errors.yaml --
categories:
  - id: session
    title: Session errors
    description: d
    errors:
      - code: SESSION_INACTIVE
        status: 410
        refunded: false
        cause: c
        fix: f
`,
			want: []wantDiag{{"errors.yaml", 7, 17, "SESSION_INACTIVE uses status 410, which the status table does not list"}},
		},
		{
			name: "same code twice in one category names both positions",
			files: `
-- _data/errors.yaml --
categories:
  - id: billing
    title: Billing errors
    description: d
    errors:
      - {code: A, status: 400, refunded: false, cause: c, fix: f}
      - {code: B, status: 400, refunded: false, cause: c, fix: f}
      - {code: A, status: 429, refunded: false, cause: c, fix: f}
`,
			want: []wantDiag{{"errors.yaml", 8, 16,
				`code A is twice in category "billing": at content/_data/errors.yaml:6:16 and at content/_data/errors.yaml:8:16`}},
		},
		{
			name: "same code and status in two categories",
			files: `
-- _data/errors.yaml --
categories:
  - id: a
    title: A errors
    description: d
    errors:
      - {code: X, status: 400, refunded: false, cause: c, fix: f}
  - id: b
    title: B errors
    description: d
    errors:
      - {code: X, status: 400, refunded: false, cause: c, fix: f}
`,
			want: []wantDiag{{"errors.yaml", 11, 16, "X with status 400 is in two categories (first at content/_data/errors.yaml:6:16)"}},
		},
		{
			name: "anchor collides with a status row",
			files: `
-- _data/errors.yaml --
categories:
  - id: a
    title: A errors
    description: d
    errors:
      - {code: STATUS_429, status: 429, refunded: false, cause: c, fix: f}
`,
			want: []wantDiag{{"errors.yaml", 6, 16, "the anchor #status-429 of STATUS_429 is already used"}},
		},
		{
			name: "limits not above zero",
			files: `
-- _data/rate-limits.yaml --
rate_limit_plans:
  - name: Free
    per_minute: 0
    burst_per_second: -5
`,
			want: []wantDiag{
				{"rate-limits.yaml", 3, 17, "per_minute is 0; a limit must be above zero"},
				{"rate-limits.yaml", 4, 23, "burst_per_second is -5; a limit must be above zero"},
			},
		},
		{
			name: "same status twice in the table",
			files: `
-- _data/statuses.yaml --
statuses:
  - {code: 429, text: Too Many Requests, meaning: m, retry: r, retryable: "yes"}
  - {code: 429, text: Again, meaning: m, retry: r, retryable: "yes"}
`,
			want: []wantDiag{{"statuses.yaml", 3, 12, "status 429 is listed twice (first at content/_data/statuses.yaml:2:12)"}},
		},
		{
			name: "retryable outside yes/no/maybe/n/a, or not a word",
			files: `
-- _data/statuses.yaml --
statuses:
  - {code: 400, text: Bad Request, meaning: m, retry: r, retryable: sometimes}
  - {code: 401, text: Unauthorized, meaning: m, retry: r, retryable: 1}
`,
			want: []wantDiag{
				{"statuses.yaml", 2, 69, `retryable is "sometimes", not yes, no, maybe or n/a`},
				{"statuses.yaml", 3, 70, "retryable must be a string, got an integer"},
			},
		},
		{
			name: "unknown top-level key with a suggestion",
			files: `
-- _data/statuses.yaml --
statuss:
  - {code: 400, text: Bad Request, meaning: m, retry: r, retryable: "no"}
`,
			want: []wantDiag{{"statuses.yaml", 1, 1, `unknown key "statuss" in a data file`}},
		},
		{
			name: "section defined in two files",
			files: `
-- _data/more.yaml --
statuses:
  - {code: 500, text: Internal Error, meaning: m, retry: r, retryable: "yes"}
`,
			want: []wantDiag{{"statuses.yaml", 1, 1, "statuses is defined twice (first at content/_data/more.yaml:1:1)"}},
		},
		{
			name: "invalid and repeated category ids",
			files: `
-- _data/errors.yaml --
categories:
  - id: Rate_Limit
    title: Rate limit errors
    description: d
    errors: [{code: A, status: 429, refunded: false, cause: c, fix: f}]
  - id: billing
    title: Billing errors
    description: d
    errors: [{code: B, status: 400, refunded: false, cause: c, fix: f}]
  - id: billing
    title: More billing errors
    description: d
    errors: [{code: C, status: 400, refunded: false, cause: c, fix: f}]
`,
			want: []wantDiag{
				{"errors.yaml", 2, 9, `category id "Rate_Limit" is not lower-case words joined by '-'`},
				{"errors.yaml", 10, 9, `category "billing" is defined twice (first at content/_data/errors.yaml:6:9)`},
			},
		},
		{
			name: "refund references: unknown category, unknown code, ambiguous code, unknown status",
			files: `
-- _data/errors.yaml --
categories:
  - id: auth
    title: Authentication errors
    description: d
    errors: [{code: SESSION_EXPIRED, status: 400, refunded: false, cause: c, fix: f}]
  - id: session
    title: Session errors
    description: d
    errors: [{code: SESSION_EXPIRED, status: 429, refunded: false, cause: c, fix: f}]
-- _data/refunds.yaml --
refunds:
  refunded: []
  not_refunded:
    - text: Wrong.
      codes: [billing/SESSION_EXPIRED, NOPE, SESSION_EXPIRED, session/SESSION_EXPIRED]
      statuses: [418]
  timing: t
`,
			want: []wantDiag{
				{"refunds.yaml", 5, 15, `unknown category "billing" in "billing/SESSION_EXPIRED"`},
				{"refunds.yaml", 5, 40, "unknown error code NOPE"},
				{"refunds.yaml", 5, 46, "SESSION_EXPIRED is in more than one category"},
				{"refunds.yaml", 6, 18, "status 418 is not in the status table"},
			},
		},
		{
			name: "refund list contradicts the entry",
			files: `
-- _data/errors.yaml --
categories:
  - id: scraping
    title: Scraping errors
    description: d
    errors: [{code: TIMEOUT, status: 429, refunded: false, cause: c, fix: f}]
-- _data/refunds.yaml --
refunds:
  refunded:
    - {text: Timeouts., codes: [TIMEOUT]}
  not_refunded: []
  timing: t
`,
			want: []wantDiag{{"refunds.yaml", 3, 33, "TIMEOUT is listed under refunded, but its entry says refunded: false"}},
		},
		{
			name: "YAML syntax error",
			files: `
-- _data/errors.yaml --
categories:
  - id: billing
    title: [Billing
    description: d
`,
			want: []wantDiag{{"errors.yaml", 4, 5, "',' or ']' must be specified"}},
		},
		{
			name: "repeated key",
			files: `
-- _data/rate-limits.yaml --
rate_limit_plans:
  - name: Free
    per_minute: 30
    per_minute: 60
    burst_per_second: 5
`,
			want: []wantDiag{{"rate-limits.yaml", 4, 5, `a plan has the key "per_minute" twice (first at content/_data/rate-limits.yaml:3:5)`}},
		},
		{
			name: "header whose status is not in the table, and a bad name",
			files: `
-- _data/rate-limits.yaml --
rate_limit_headers:
  - name: Retry-After
    meaning: m
    status: 503
  - name: "X RateLimit"
    meaning: m
`,
			want: []wantDiag{
				{"rate-limits.yaml", 4, 13, "header Retry-After uses status 503, which the status table does not list"},
				{"rate-limits.yaml", 5, 11, `"X RateLimit" is not an HTTP header name`},
			},
		},
		{
			name: "details and entries that are not mappings",
			files: `
-- _data/errors.yaml --
categories:
  - id: billing
    title: Billing errors
    description: d
    errors:
      - INSUFFICIENT_CREDITS
      - code: B
        status: 400
        refunded: false
        cause: c
        fix: f
        details: [1, 2]
`,
			want: []wantDiag{
				{"errors.yaml", 6, 9, "an error entry must be a mapping of keys to values, got a string"},
				{"errors.yaml", 12, 18, "details must be a mapping, got a list"},
			},
		},
		{
			name: "errors but no status table anywhere",
			files: `
-- _data/statuses.yaml --
-- _data/errors.yaml --
categories:
  - id: billing
    title: Billing errors
    description: d
    errors: [{code: A, status: 400, refunded: false, cause: c, fix: f}]
`,
			want: []wantDiag{{"errors.yaml", 1, 1, "no data file defines statuses, which the errors' HTTP statuses need"}},
		},
		{
			name: "response field with an unknown type and a category with no errors",
			files: `
-- _data/response.yaml --
response_fields:
  - {field: error, type: text, required: true, notes: n}
-- _data/errors.yaml --
categories:
  - {id: billing, title: Billing errors, description: d, errors: []}
`,
			want: []wantDiag{
				{"errors.yaml", 2, 66, `category "billing" has no errors`},
				{"response.yaml", 2, 26, `type "text" is not a JSON type`},
			},
		},
		{
			name: "two YAML documents in one file",
			files: `
-- _data/rate-limits.yaml --
rate_limit_plans:
  - {name: Free, per_minute: 30, burst_per_second: 5}
---
rate_limit_headers:
  - {name: X-RateLimit-Limit, meaning: m}
`,
			want: []wantDiag{{"rate-limits.yaml", 4, 1, "more than one YAML document in the file"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := mapFS(t, tt.files)
			if _, ok := fsys["_data/statuses.yaml"]; !ok {
				fsys["_data/statuses.yaml"] = &fstest.MapFile{Data: []byte(baseStatuses)}
			}
			c, diags := Load(fsys, "_data", "content")
			if c == nil {
				t.Fatal("Load returned a nil catalog")
			}
			checkDiags(t, diags, tt.want)
		})
	}
}

// TestLoadReportsEveryFile checks that problems in several files are all
// reported by one Load, sorted by file and position.
func TestLoadReportsEveryFile(t *testing.T) {
	fsys := mapFS(t, `
-- _data/errors.yaml --
categories:
  - id: billing
    title: Billing errors
    description: d
    errors:
      - {code: bad, status: 400, refunded: false, cause: c, fix: f}
      - {code: B, status: 404, refunded: false, cause: c, fix: f}
-- _data/rate-limits.yaml --
rate_limit_plans:
  - {name: Free, per_minute: 0, burst_per_second: 5}
-- _data/response.yaml --
response_fields:
  - {field: error, type: string, required: yes, notes: n}
-- _data/statuses.yaml --
statuses:
  - {code: 400, text: Bad Request, meaning: m, retry: r, retryable: "no"}
  - {code: 1000, text: Huge, meaning: m, retry: r, retryable: "no"}
-- _data/broken.yaml --
statuses: [
`)
	_, diags := Load(fsys, "_data", "content")
	checkDiags(t, diags, []wantDiag{
		{"broken.yaml", 1, 11, "sequence end token ']' not found"},
		{"errors.yaml", 6, 16, `code "bad" must match`},
		// B's missing status 404 is not reported: broken.yaml could not be
		// read, and might have defined it.
		{"rate-limits.yaml", 2, 30, "per_minute is 0"},
		{"response.yaml", 2, 44, "required must be true or false, got a string"},
		{"statuses.yaml", 3, 12, "status 1000 is not an HTTP status"},
	})
}

func TestLoadWithoutDataFolder(t *testing.T) {
	c, diags := Load(fstest.MapFS{"index.md": {Data: []byte("# Home\n")}}, "_data", "content")
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if !c.Empty() {
		t.Fatal("catalog is not empty")
	}
	for name, d := range c.Directives() {
		attrs := map[string]string{}
		for _, a := range d.Required {
			attrs[a] = "X"
		}
		_, err := d.Render(attrs)
		var dg diag.Diagnostic
		if err == nil || !strings.Contains(err.Error(), "no catalog data") {
			t.Errorf("%s: err = %v, want no catalog data", name, err)
		} else if !asDiag(err, &dg) || dg.Hint == "" {
			t.Errorf("%s: error without a hint: %v", name, err)
		}
	}
}

func asDiag(err error, d *diag.Diagnostic) bool {
	v, ok := err.(diag.Diagnostic)
	if ok {
		*d = v
	}
	return ok
}

func TestLoadWarnsAboutYml(t *testing.T) {
	fsys := fstest.MapFS{"_data/plans.yml": {Data: []byte("rate_limit_plans: []\n")}}
	c, diags := Load(fsys, "_data", "content")
	if len(diags) != 1 || diags[0].Severity != diag.Warning || diags[0].File != "content/_data/plans.yml" {
		t.Fatalf("diagnostics = %v, want one warning for plans.yml", diags)
	}
	if !c.Empty() {
		t.Fatal("a .yml file was read")
	}
}

// realCatalog loads the site's own content/_data.
func realCatalog(t testing.TB) *Catalog {
	t.Helper()
	c, diags := Load(os.DirFS("../../content"), "_data", "content")
	if len(diags) != 0 {
		t.Fatalf("content/_data has diagnostics:\n%v", diags)
	}
	return c
}

// TestLoadRealData checks that the shipped data loads cleanly and carries
// the facts of the Error Codes Reference.
func TestLoadRealData(t *testing.T) {
	c := realCatalog(t)

	var ids []string
	for _, cat := range c.Categories {
		ids = append(ids, cat.ID)
	}
	if got := strings.Join(ids, ","); got != "scraping,authentication,session,billing,rate-limit" {
		t.Errorf("categories = %s", got)
	}
	counts := map[string]int{"scraping": 9, "authentication": 3, "session": 6, "billing": 3, "rate-limit": 1}
	for _, cat := range c.Categories {
		if len(cat.Errors) != counts[cat.ID] {
			t.Errorf("%s has %d errors, want %d", cat.ID, len(cat.Errors), counts[cat.ID])
		}
		for _, e := range cat.Errors {
			if cat.ID == "scraping" && !e.Refunded {
				t.Errorf("%s: scraping errors are refunded", e.Code)
			}
			if cat.ID == "authentication" && e.Refunded {
				t.Errorf("%s: authentication errors are not refunded", e.Code)
			}
		}
	}

	var codes []string
	for _, s := range c.Statuses {
		codes = append(codes, fmt.Sprint(s.Code))
	}
	if got := strings.Join(codes, ","); got != "200,202,204,400,401,402,403,404,409,410,413,415,422,429,500,502,503,504" {
		t.Errorf("statuses = %s", got)
	}
	if s, _ := c.status(410); s.Text != "Gone" || s.Retryable != RetryNo {
		t.Errorf("410 = %+v, want Gone, not retryable", s)
	}
	if s, _ := c.status(429); s.Retryable != RetryYes {
		t.Errorf("429 retryable = %q", s.Retryable)
	}

	anchors := map[string]string{}
	for _, cat := range c.Categories {
		for _, e := range cat.Errors {
			anchors[e.Anchor] = cat.ID + "/" + e.Code
		}
	}
	for anchor, want := range map[string]string{
		"insufficient-credits": "billing/INSUFFICIENT_CREDITS",
		"session-expired-401":  "authentication/SESSION_EXPIRED",
		"session-expired-410":  "session/SESSION_EXPIRED",
		"rate-limit-exceeded":  "rate-limit/RATE_LIMIT_EXCEEDED",
		"blocked-by-antibot":   "scraping/BLOCKED_BY_ANTIBOT",
	} {
		if anchors[anchor] != want {
			t.Errorf("#%s = %q, want %s", anchor, anchors[anchor], want)
		}
	}
	if len(anchors) != 22 {
		t.Errorf("%d distinct anchors, want 22", len(anchors))
	}

	var plans []string
	for _, p := range c.Plans {
		plans = append(plans, fmt.Sprintf("%s %d/%d", p.Name, p.PerMinute, p.BurstPerSecond))
	}
	if got := strings.Join(plans, ", "); got != "Free 30/5, Basic 60/10, Growth 100/20, Scale 300/30, High Volume 500/50" {
		t.Errorf("plans = %s", got)
	}
	var headers []string
	for _, h := range c.Headers {
		headers = append(headers, fmt.Sprintf("%s:%d", h.Name, h.Status))
	}
	if got := strings.Join(headers, " "); got != "X-RateLimit-Limit:0 X-RateLimit-Remaining:0 X-RateLimit-Reset:0" {
		t.Errorf("headers = %s", got)
	}
	if c.Refunds == nil || len(c.Refunds.Refunded) != 8 || len(c.Refunds.NotRefunded) != 6 ||
		!strings.Contains(c.Refunds.Timing, "`billing.refunded`") {
		t.Errorf("refunds = %+v", c.Refunds)
	}
	var fields []string
	for _, f := range c.Fields {
		fields = append(fields, fmt.Sprintf("%s:%s:%t", f.Field, f.Type, f.Required))
	}
	if got := strings.Join(fields, " "); got != "error:string:true message:string:true request_id:string:false details:object:false" {
		t.Errorf("fields = %s", got)
	}
	if e := c.entries("INSUFFICIENT_CREDITS"); len(e) != 1 ||
		string(e[0].Details) != `{"required_credits":5,"available_credits":2,"estimated_tier":"2"}` {
		t.Errorf("INSUFFICIENT_CREDITS details = %s", e[0].Details)
	}
}
