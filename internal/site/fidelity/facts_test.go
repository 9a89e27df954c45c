package fidelity

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// factsPath is the facts file, beside the repository as CI lays it out.
var factsPath = filepath.Join("..", "..", "..", "..", "shared", "facts", "error-reference.md")

// facts is ../shared/facts/error-reference.md, parsed. Every fact keeps its
// line number (1-based) so that a failure names the line to read.
type facts struct {
	lines      []string
	statuses   []statusFact
	categories map[string]int // category id -> line of its heading
	entries    []entryFact
	headers    []pairFact // name, meaning
	plans      []planFact
	refunded   []pairFact // text only
	notRefund  []pairFact
	timing     int
	refundOpen *[]pairFact // the list a wrapped refund line continues
	fields     []fieldFact
	example    map[string]string
	exampleAt  int
}

type statusFact struct {
	line                       int
	code, text, meaning, retry string
}

type entryFact struct {
	line                               int
	category, code, status, cause, fix string
	details                            string // "key value, ..." or ""
}

type pairFact struct {
	line       int
	name, text string
}

type planFact struct {
	line                 int
	name, perMin, perSec string
}

type fieldFact struct {
	line             int
	name, typ, notes string
	optional         bool
}

var (
	tableRow  = regexp.MustCompile(`^\|(.*)\|$`)
	entryLine = regexp.MustCompile(`^- ([A-Z_]+), (\d{3}): (.*?) Fix: (.*?)(?: Example details: (.*))?$`)
	headerFct = regexp.MustCompile("`(X-RateLimit-[A-Za-z]+)` \\(([^)]*)\\)")
	exampleKV = regexp.MustCompile(`^(\w+): (.*)$`)
)

// categoryOf maps the facts file's category lines to category ids.
var categoryOf = map[string]string{
	"Scraping (": "scraping", "Authentication (": "authentication", "Session (": "session",
	"Billing:": "billing", "Rate limit:": "rate-limit",
}

func loadFacts(t *testing.T) *facts {
	t.Helper()
	b, err := os.ReadFile(factsPath)
	if err != nil {
		t.Fatalf("the facts file must sit beside the repository: %v", err)
	}
	f := &facts{lines: strings.Split(string(b), "\n"), categories: map[string]int{}, example: map[string]string{}}
	section, category, inCode := "", "", false
	for i, l := range f.lines {
		n := i + 1
		if strings.HasPrefix(l, "## ") {
			section = strings.TrimPrefix(l, "## ")
			continue
		}
		if strings.HasPrefix(l, "```") {
			inCode = !inCode
			continue
		}
		cells := cellsOf(l)
		switch section {
		case "HTTP status codes":
			if len(cells) == 4 && isNumber(cells[0]) {
				f.statuses = append(f.statuses, statusFact{n, cells[0], cells[1], cells[2], cells[3]})
			}
		case "Error codes (category, code, HTTP status, refunded?, cause, fix)":
			for prefix, id := range categoryOf {
				if strings.HasPrefix(l, prefix) {
					category, f.categories[id] = id, n
				}
			}
			if m := entryLine.FindStringSubmatch(l); m != nil {
				f.entries = append(f.entries, entryFact{n, category, m[1], m[2], m[3], m[4], m[5]})
			}
		case "Rate limits":
			if strings.HasPrefix(l, "Headers: ") {
				f.headers = headersAt(f.lines, i)
			}
			if len(cells) == 3 && isNumber(cells[1]) {
				f.plans = append(f.plans, planFact{n, cells[0], cells[1], cells[2]})
			}
		case "Refund policy":
			f.refundLine(n, l)
		case "Error response format":
			if len(cells) == 3 && cells[0] != "field" && !strings.HasPrefix(cells[0], "-") {
				f.fields = append(f.fields, fieldFact{n, cells[0], strings.TrimSuffix(cells[1], ", optional"), cells[2], strings.HasSuffix(cells[1], ", optional")})
			}
		case "The error response example (as the API sends it)":
			if m := exampleKV.FindStringSubmatch(l); inCode && m != nil {
				f.example[m[1]] = m[2]
				f.exampleAt = n
			}
		}
	}
	return f
}

// headersAt reads the rate-limit headers from the paragraph at line i,
// which wraps over several lines.
func headersAt(lines []string, i int) []pairFact {
	var para []string
	for j := i; j < len(lines) && lines[j] != ""; j++ {
		para = append(para, lines[j])
	}
	var out []pairFact
	for _, m := range headerFct.FindAllStringSubmatch(strings.Join(para, " "), -1) {
		out = append(out, pairFact{i + 1, m[1], m[2]})
	}
	return out
}

// refundLine reads the refund policy: "Refunded:" and "Not refunded:" list
// their cases separated by ';', wrapping onto the lines below.
func (f *facts) refundLine(n int, l string) {
	switch {
	case strings.HasPrefix(l, "Refunded: "):
		f.refundOpen = &f.refunded
		l = strings.TrimPrefix(l, "Refunded: ")
	case strings.HasPrefix(l, "Not refunded: "):
		f.refundOpen = &f.notRefund
		l = strings.TrimPrefix(l, "Not refunded: ")
	case strings.HasPrefix(l, "Timing: "):
		f.timing, f.refundOpen = n, nil
		return
	case l == "":
		f.refundOpen = nil
	}
	if f.refundOpen == nil {
		return
	}
	list := f.refundOpen
	parts := strings.Split(strings.TrimSuffix(l, "."), ";")
	for i, c := range parts {
		c = strings.TrimSpace(c)
		// A case a line break cut in two continues the previous one.
		if i == 0 && len(*list) > 0 && (*list)[len(*list)-1].name == "open" {
			last := &(*list)[len(*list)-1]
			last.text += " " + c
			last.name = ""
		} else if c != "" {
			*list = append(*list, pairFact{line: n, text: c})
		}
		if i == len(parts)-1 && c != "" && !strings.HasSuffix(l, ";") && !strings.HasSuffix(l, ".") {
			(*list)[len(*list)-1].name = "open"
		}
	}
}

func cellsOf(l string) []string {
	m := tableRow.FindStringSubmatch(strings.TrimSpace(l))
	if m == nil {
		return nil
	}
	cells := strings.Split(m[1], "|")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// line returns the number of the one facts line containing fragment, or 0
// when none or several do.
func (f *facts) line(fragment string) int {
	found := 0
	for i, l := range f.lines {
		if strings.Contains(l, fragment) {
			if found != 0 {
				return 0
			}
			found = i + 1
		}
	}
	return found
}

// paragraph returns the facts line n with the lines of its paragraph, for
// notes that wrap; a table row or a list item stands alone.
func (f *facts) paragraph(n int) string {
	alone := func(l string) bool {
		return l == "" || strings.HasPrefix(l, "|") || strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "#")
	}
	if strings.HasPrefix(f.lines[n-1], "- ") {
		// A list item and its indented continuation lines.
		to := n
		for to < len(f.lines) && strings.HasPrefix(f.lines[to], "  ") {
			to++
		}
		return strings.Join(f.lines[n-1:to], " ")
	}
	if alone(f.lines[n-1]) {
		return f.lines[n-1]
	}
	from, to := n-1, n-1
	for from > 0 && !alone(f.lines[from-1]) {
		from--
	}
	for to+1 < len(f.lines) && !alone(f.lines[to+1]) {
		to++
	}
	return strings.Join(f.lines[from:to+1], " ")
}

// TestFactsFileParses guards the parser: a facts file it misreads would
// make every other check vacuous.
func TestFactsFileParses(t *testing.T) {
	f := loadFacts(t)
	counts := map[string][2]int{
		"statuses": {len(f.statuses), 17}, "entries": {len(f.entries), 22}, "categories": {len(f.categories), 5},
		"headers": {len(f.headers), 3}, "plans": {len(f.plans), 5}, "refunded": {len(f.refunded), 8},
		"not refunded": {len(f.notRefund), 6}, "fields": {len(f.fields), 4}, "example keys": {len(f.example), 4},
	}
	for what, c := range counts {
		if c[0] != c[1] {
			t.Errorf("%s: parsed %d from %s, want %d", what, c[0], factsPath, c[1])
		}
	}
	if f.timing == 0 {
		t.Error("no Timing: line")
	}
}
