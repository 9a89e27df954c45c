package catalog

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"docsgen/internal/diag"
)

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

// siteCatalog loads testdata/site/_data: a copy of the data files of the
// site this repository publishes, taken when these tests were written, so
// that the tests run on full-size, real-world data but an edit of the
// live content/_data cannot break them (the site's own whole-site test
// covers the live files).
func siteCatalog(t testing.TB) *Catalog {
	t.Helper()
	c, diags := Load(os.DirFS("testdata/site"), "_data", "content")
	if len(diags) != 0 {
		t.Fatalf("testdata/site/_data has diagnostics:\n%v", diags)
	}
	return c
}

// TestLoadSiteData checks that the site's data loads cleanly and carries
// the facts of the Error Codes Reference.
func TestLoadSiteData(t *testing.T) {
	c := siteCatalog(t)

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
}

// TestLoadSiteTables checks the site's rate-limit plans and headers,
// refund policy, response fields and an error's details.
func TestLoadSiteTables(t *testing.T) {
	c := siteCatalog(t)
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
