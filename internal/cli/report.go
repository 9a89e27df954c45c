package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"docsgen/internal/diag"
)

// This file prints a build's diagnostics so that a tree with thousands of
// problems gives a report one can read: grouped by kind (the message with
// its paths, names and numbers left out), each group headed by its count,
// the first few of each printed in full, then one summary line.
//
//	2 errors: link to …: no page or file has this path
//	content/a.md:4:1: error: link to /x/: no page or file has this path; did you mean /y/?
//	content/b.md:9:3: error: link to /z/: no page or file has this path; …
//	1 warning: raw HTML … omitted
//	content/c.md:2:1: warning: raw HTML `<div>` omitted; …
//	docsgen build: 2 errors, 1 warning (2 kinds); build left unchanged
//
// Every diagnostic line stays whole, in the form editors link to.

// perKind is how many diagnostics of one kind are printed without -all.
const perKind = 10

// report is a list of diagnostics grouped for printing.
type report struct {
	groups []group
	errors int
	warns  int
}

type group struct {
	kind     string
	severity diag.Severity
	items    diag.List
}

// newReport groups ds by severity and kind: errors first, then the kinds
// with the most diagnostics, each in the order of ds.
func newReport(ds diag.List) report {
	var r report
	index := map[string]int{}
	for _, d := range ds {
		if d.Severity == diag.Error {
			r.errors++
		} else {
			r.warns++
		}
		k := d.Severity.String() + "\x00" + kindOf(d.Msg)
		i, ok := index[k]
		if !ok {
			i = len(r.groups)
			index[k] = i
			r.groups = append(r.groups, group{kind: kindOf(d.Msg), severity: d.Severity})
		}
		r.groups[i].items = append(r.groups[i].items, d)
	}
	sort.SliceStable(r.groups, func(i, j int) bool {
		a, b := r.groups[i], r.groups[j]
		if a.severity != b.severity {
			return a.severity == diag.Error
		}
		return len(a.items) > len(b.items)
	})
	return r
}

// print writes the groups; all prints every diagnostic, else the first
// perKind of each kind.
func (r report) print(w io.Writer, all bool) {
	for _, g := range r.groups {
		fmt.Fprintf(w, "%s: %s\n", count(len(g.items), g.severity.String()), g.kind)
		n := len(g.items)
		if !all {
			n = min(n, perKind)
		}
		for _, d := range g.items[:n] {
			fmt.Fprintln(w, d.Error())
		}
		if rest := len(g.items) - n; rest > 0 {
			fmt.Fprintf(w, "… and %d more of this kind (-all prints every one)\n", rest)
		}
	}
}

// summary is the counts for the last line: "3 errors, 1 warning (2 kinds)".
func (r report) summary() string {
	s := count(r.errors, "error") + ", " + count(r.warns, "warning")
	if len(r.groups) > 1 {
		s += fmt.Sprintf(" (%d kinds)", len(r.groups))
	}
	return s
}

// count writes n with the noun, plural when n is not 1.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// kindOf is a message with the parts that name one thing (paths, quoted
// names, numbers, file names) replaced by "…", so that messages that
// differ only in what they are about fall in one kind.
func kindOf(msg string) string {
	words := strings.Fields(msg)
	out := make([]string, 0, len(words))
	for _, w := range words {
		core := strings.TrimRight(w, ":,;)")
		tail := w[len(core):]
		if specific(core) {
			w = "…" + tail
			if len(out) > 0 && out[len(out)-1] == "…" {
				out[len(out)-1] = w
				continue
			}
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// specific reports whether a word of a message names one thing.
func specific(w string) bool {
	if strings.ContainsAny(w, "/#\"'`<>=0123456789") {
		return true
	}
	if i := strings.IndexByte(w, '.'); i > 0 && i < len(w)-1 {
		return true // a file name such as setup.md
	}
	return strings.HasPrefix(w, "(") && len(w) > 1
}
