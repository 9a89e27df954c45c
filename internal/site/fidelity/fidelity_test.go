package fidelity

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

const (
	errorsPage = "reference/errors/index.html"
	limitsPage = "reference/rate-limits/index.html"
	errorsJSON = "reference/errors.json"
)

// siteStatus is the one row the site adds to the facts' status table; the
// page must say in a note that it is the site's own.
var siteStatus = statusFact{code: "410", text: "Gone", meaning: "session expired or inactive", retry: "no"}

// sameWords reports, as a test error, a word of the facts note fact that
// the page's text lacks (a dropped clause), and a word of the page that the
// whole facts line lacks (an invented one).
func sameWords(t *testing.T, f *facts, where string, line int, page, fact string) {
	t.Helper()
	if m := missing(fact, page, false); len(m) > 0 {
		t.Errorf("%s drops %q of facts line %d (%q); page says %q", where, m, line, fact, page)
	}
	if para := f.paragraph(line); len(missing(page, para, true)) > 0 {
		t.Errorf("%s adds %q, which facts line %d lacks (%q); page says %q", where, missing(page, para, true), line, para, page)
	}
}

// retryText is how the status table writes a retry verdict of the facts.
func retryText(fact string) string {
	if fact == "n/a" {
		return "Not applicable"
	}
	return strings.ToUpper(fact[:1]) + fact[1:]
}

type jsonDoc struct {
	Version    int `json:"version"`
	Categories []struct {
		ID          string `json:"id"`
		Description string `json:"description"`
		Errors      []map[string]json.RawMessage
	} `json:"categories"`
	Statuses []struct {
		Code      int    `json:"code"`
		Text      string `json:"text"`
		Meaning   string `json:"meaning"`
		Retry     string `json:"retry"`
		Retryable string `json:"retryable"`
	} `json:"statuses"`
}

func loadJSON(t *testing.T) jsonDoc {
	t.Helper()
	b, ok := buildSite(t).Get(errorsJSON)
	if !ok {
		t.Fatalf("the build wrote no %s", errorsJSON)
	}
	var d jsonDoc
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestStatusTable(t *testing.T) {
	f := loadFacts(t)
	want := append([]statusFact(nil), f.statuses...)
	for i, s := range want {
		if s.code > siteStatus.code {
			want = append(want[:i], append([]statusFact{siteStatus}, want[i:]...)...)
			break
		}
	}
	rows := byClass(parsePage(t, buildSite(t), errorsPage), "status-row")
	doc := loadJSON(t)
	if len(rows) != len(want) || len(doc.Statuses) != len(want) {
		t.Fatalf("%d rows on the page, %d in errors.json; want %d (the facts' %d and 410)", len(rows), len(doc.Statuses), len(want), len(f.statuses))
	}
	for i, w := range want {
		c := cells(rows[i])
		js := doc.Statuses[i]
		where := "status row " + w.code
		if c[0] != w.code || c[1] != w.text || fmt.Sprint(js.Code) != w.code || js.Text != w.text {
			t.Errorf("%s: page %q %q, errors.json %d %q; want %s %s (facts line %d)", where, c[0], c[1], js.Code, js.Text, w.code, w.text, w.line)
		}
		if c[3] != retryText(w.retry) || js.Retry != c[3] {
			t.Errorf("%s: retry %q on the page, %q in errors.json; facts line %d says %q", where, c[3], js.Retry, w.line, w.retry)
		}
		if w.line == 0 {
			continue // the site's own row: its note is checked by TestEveryStatementTraces
		}
		sameWords(t, f, where+" meaning", w.line, c[2], w.meaning)
		sameWords(t, f, where+" meaning in errors.json", w.line, plain(js.Meaning), w.meaning)
	}
}

// plain drops the `backticks` of data prose.
func plain(s string) string { return strings.ReplaceAll(s, "`", "") }

// pageEntry is an error entry as the page shows it.
type pageEntry struct {
	code, badge, cause, fix string
	refunded                bool
}

func pageEntries(t *testing.T, content *html.Node) []pageEntry {
	var out []pageEntry
	for _, a := range byClass(content, "error-entry") {
		e := pageEntry{code: text(byClass(a, "error-code")[0])}
		if b := byClass(a, "badge-status"); len(b) == 1 {
			e.badge = text(b[0])
		}
		e.refunded = len(byClass(a, "badge-refunded")) > 0
		if dd := byTag(a, "dd"); len(dd) == 2 {
			e.cause, e.fix = text(dd[0]), text(dd[1])
		}
		out = append(out, e)
	}
	return out
}

func TestErrorEntries(t *testing.T) {
	f := loadFacts(t)
	status := map[string]string{siteStatus.code: siteStatus.text}
	for _, s := range f.statuses {
		status[s.code] = s.text
	}
	page := pageEntries(t, parsePage(t, buildSite(t), errorsPage))
	var js []map[string]json.RawMessage
	for _, c := range loadJSON(t).Categories {
		js = append(js, c.Errors...)
	}
	if len(page) != len(f.entries) || len(js) != len(f.entries) {
		t.Fatalf("%d entries on the page, %d in errors.json; facts list %d", len(page), len(js), len(f.entries))
	}
	for i, w := range f.entries {
		p, j := page[i], js[i]
		where := fmt.Sprintf("entry %d %s (%s)", i+1, w.code, w.status)
		// Only the scraping entries are marked refunded; the others are
		// either listed as not refunded or not marked at all.
		refunded := w.category == "scraping"
		if p.code != w.code || p.badge != w.status+" "+status[w.status] || p.refunded != refunded {
			t.Errorf("%s: page shows %q, badge %q, refunded %t; facts line %d", where, p.code, p.badge, p.refunded, w.line)
		}
		var code, category string
		var st int
		var ref bool
		var cause, fix string
		for k, v := range map[string]any{"code": &code, "category": &category, "status": &st, "refunded": &ref, "cause": &cause, "fix": &fix} {
			if err := json.Unmarshal(j[k], v); err != nil {
				t.Errorf("%s: errors.json %s: %v", where, k, err)
			}
		}
		if code != w.code || category != w.category || fmt.Sprint(st) != w.status || ref != refunded {
			t.Errorf("%s: errors.json has %s %s %d refunded=%t; facts line %d", where, code, category, st, ref, w.line)
		}
		if _, ok := j["retryable"]; ok {
			t.Errorf("%s: errors.json gives the entry a retryable flag; the facts give retry advice per status only", where)
		}
		sameWords(t, f, where+" cause", w.line, p.cause, w.cause)
		sameWords(t, f, where+" fix", w.line, p.fix, w.fix)
		sameWords(t, f, where+" cause in errors.json", w.line, plain(cause), w.cause)
		sameWords(t, f, where+" fix in errors.json", w.line, plain(fix), w.fix)
	}
}
