package fidelity

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestRateLimits checks the headers and the plans on both pages that show
// them: exactly the facts' rows, in order, and nothing more.
func TestRateLimits(t *testing.T) {
	f := loadFacts(t)
	mem := buildSite(t)
	for _, name := range []string{errorsPage, limitsPage} {
		content := parsePage(t, mem, name)
		headers := byClass(content, "rate-headers")
		plans := byClass(content, "rate-plans")
		if len(headers) != 1 || len(plans) != 1 {
			t.Fatalf("%s: %d header tables and %d plan tables, want one each", name, len(headers), len(plans))
		}
		rows := bodyRows(headers[0])
		if len(rows) != len(f.headers) {
			t.Errorf("%s: %d rate-limit headers, facts line %d lists %d", name, len(rows), f.headers[0].line, len(f.headers))
		}
		for i := 0; i < min(len(rows), len(f.headers)); i++ {
			h := f.headers[i]
			if rows[i][0] != h.name {
				t.Errorf("%s: header %d is %s, want %s", name, i+1, rows[i][0], h.name)
			}
			sameWords(t, f, name+" "+h.name, h.line, rows[i][1], h.text)
		}
		rows = bodyRows(plans[0])
		var got, want []string
		for _, r := range rows {
			got = append(got, strings.Join(r, " | "))
		}
		for _, p := range f.plans {
			want = append(want, p.name+" | "+p.perMin+" | "+p.perSec)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: plans\n%s\nwant (facts lines %d-%d)\n%s", name, strings.Join(got, "\n"), f.plans[0].line, f.plans[len(f.plans)-1].line, strings.Join(want, "\n"))
		}
	}
}

// TestRefundPolicy checks both lists case by case, and the timing.
func TestRefundPolicy(t *testing.T) {
	f := loadFacts(t)
	policy := byClass(parsePage(t, buildSite(t), errorsPage), "refund-policy")
	if len(policy) != 1 {
		t.Fatalf("%d refund policies on the Error Codes page, want 1", len(policy))
	}
	for _, l := range []struct {
		class string
		want  []pairFact
	}{{"refund-yes", f.refunded}, {"refund-no", f.notRefund}} {
		items := byTag(byClass(policy[0], l.class)[0], "li")
		if len(items) != len(l.want) {
			t.Errorf("%s: %d cases, facts line %d lists %d", l.class, len(items), l.want[0].line, len(l.want))
			continue
		}
		for i, w := range l.want {
			// The links after a case name the entries it covers.
			page := text(items[i])
			if links := byClass(items[i], "refund-links"); len(links) > 0 {
				page = strings.TrimSuffix(page, text(links[0]))
			}
			sameWords(t, f, fmt.Sprintf("%s case %d", l.class, i+1), w.line, page, w.text)
		}
	}
	timing := byClass(policy[0], "refund-timing")[0]
	sameWords(t, f, "refund timing", f.timing, strings.TrimPrefix(text(timing), "Timing: "), strings.TrimPrefix(f.lines[f.timing-1], "Timing: "))
}

var exampleNote = regexp.MustCompile(`^(.*?)(?: Example: (\S+))?$`)

// TestResponseFormat checks the field table and the JSON example, which
// must be the API's body to the byte of every value.
func TestResponseFormat(t *testing.T) {
	f := loadFacts(t)
	content := parsePage(t, buildSite(t), errorsPage)
	rows := bodyRows(byClass(content, "error-fields")[0])
	if len(rows) != len(f.fields) {
		t.Fatalf("%d response fields, facts list %d", len(rows), len(f.fields))
	}
	for i, w := range f.fields {
		r := rows[i]
		required := map[bool]string{true: "No", false: "Yes"}[w.optional]
		if r[0] != w.name || r[1] != w.typ || r[2] != required {
			t.Errorf("field %d: %q, want %s %s required %s (facts line %d)", i+1, r[:3], w.name, w.typ, required, w.line)
		}
		m := exampleNote.FindStringSubmatch(r[3])
		sameWords(t, f, "field "+w.name, w.line, r[3], w.notes)
		if m[2] != "" && !strings.Contains(w.notes, "`"+m[2]+"`") {
			t.Errorf("field %s: example %s is not the facts' (line %d)", w.name, m[2], w.line)
		}
	}

	var body map[string]json.RawMessage
	examples := 0
	for _, fig := range byClass(content, "code") {
		if attr(fig, "data-lang") != "json" {
			continue
		}
		examples++
		if err := json.Unmarshal([]byte(text(byTag(fig, "pre")[0])), &body); err != nil {
			t.Fatalf("the JSON example does not parse: %v", err)
		}
	}
	if examples != 1 {
		t.Fatalf("%d JSON examples, want 1", examples)
	}
	want := map[string]string{
		"error": `"` + f.example["error"] + `"`, "message": `"` + f.example["message"] + `"`,
		"request_id": `"` + f.example["request_id"] + `"`,
		"details":    detailsJSON(f.example["details"]),
	}
	if len(body) != len(want) {
		t.Errorf("the JSON example has %d fields, the facts (line %d) %d", len(body), f.exampleAt, len(want))
	}
	for k, v := range want {
		var got, exp any
		json.Unmarshal(body[k], &got)
		json.Unmarshal([]byte(v), &exp)
		if fmt.Sprint(got) != fmt.Sprint(exp) || string(body[k]) == "" {
			t.Errorf("JSON example %s = %s, want %s (facts line %d)", k, body[k], v, f.exampleAt)
		}
	}
	// errors.json carries the same details for the entry.
	for _, c := range loadJSON(t).Categories {
		for _, e := range c.Errors {
			if string(e["code"]) == `"INSUFFICIENT_CREDITS"` {
				var got, exp any
				json.Unmarshal(e["details"], &got)
				json.Unmarshal([]byte(want["details"]), &exp)
				if fmt.Sprint(got) != fmt.Sprint(exp) {
					t.Errorf("errors.json INSUFFICIENT_CREDITS details = %s, want %s", e["details"], want["details"])
				}
			}
		}
	}
}

// detailsJSON turns the facts' `required_credits 5, estimated_tier "2"`
// into a JSON object, keeping quoted values strings.
func detailsJSON(s string) string {
	var parts []string
	for _, kv := range strings.Split(s, ", ") {
		k, v, _ := strings.Cut(kv, " ")
		parts = append(parts, fmt.Sprintf("%q:%s", k, v))
	}
	return "{" + strings.Join(parts, ",") + "}"
}
