package site

import (
	"regexp"
	"strings"
	"testing"
)

// directiveLine matches a directive call: "::name" at the start of a line,
// in a block quote or list item or not.
var directiveLine = regexp.MustCompile(`^[ \t>*+-]*::[A-Za-z]`)

// directiveLines lists the lines of Markdown src outside fenced code
// blocks that still call a directive.
func directiveLines(src string) []string {
	var found []string
	fence := ""
	for _, line := range strings.Split(src, "\n") {
		trimmed := strings.TrimLeft(line, " >")
		switch {
		case fence != "":
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
		case strings.HasPrefix(trimmed, "```"), strings.HasPrefix(trimmed, "~~~"):
			fence = trimmed[:3]
		case directiveLine.MatchString(line):
			found = append(found, line)
		}
	}
	return found
}

// TestMarkdownExportsExpandDirectives builds the docs site and checks that
// the Error Codes page's index.md and llms-full.txt carry the catalog as
// Markdown: the status table, all 22 entries with status, refund, cause
// and fix, and no directive line.
func TestMarkdownExportsExpandDirectives(t *testing.T) {
	mem, res := buildTxtar(t, "docs", Options{})
	if res.Diags.HasErrors() {
		t.Fatalf("diagnostics: %v", res.Diags)
	}
	md := page(t, mem, "reference/errors/index.md")
	full := page(t, mem, "llms-full.txt")
	start := strings.Index(full, "\n# Error Codes Reference\n")
	if start < 0 {
		t.Fatal("llms-full.txt has no Error Codes page")
	}
	errorsPart := full[start:]
	if end := strings.Index(errorsPart, "\n---\n"); end >= 0 {
		errorsPart = errorsPart[:end]
	}
	for _, c := range []struct{ name, text string }{{"index.md", md}, {"llms-full.txt", errorsPart}} {
		t.Run(c.name, func(t *testing.T) {
			if lines := directiveLines(c.text); len(lines) > 0 {
				t.Errorf("directive lines left: %q", lines)
			}
			entry := regexp.MustCompile("(?m)^### `([A-Z_]+)`\n\n- Status: [0-9]{3} [A-Za-z ]+\n- Refunded: (yes|no)\n- Cause: .+\n- Fix: .+\n")
			if n := len(entry.FindAllString(c.text, -1)); n != 22 {
				t.Errorf("%d error entries with status, refund, cause and fix, want 22", n)
			}
			for _, want := range []string{
				"| Code | Status | Meaning | Retry |",
				"| 429 | Too Many Requests |",
				"| Header | Meaning |",
				"| Plan | Requests per minute | Burst per second |",
				"| Field | Type | Required | Notes |",
				"**Not refunded:**",
				"```json\n{\n  \"error\": \"INSUFFICIENT_CREDITS\",",
			} {
				if !strings.Contains(c.text, want) {
					t.Errorf("lacks %q", want)
				}
			}
		})
	}
	if !strings.HasPrefix(md, "> Markdown source of /reference/errors/;") || !strings.Contains(md, "\n---\ntitle: Error Codes") {
		t.Errorf("index.md lost its header or front matter:\n%.200s", md)
	}
	if lines := directiveLines(full); len(lines) > 0 {
		t.Errorf("llms-full.txt still calls directives: %q", lines)
	}
}
