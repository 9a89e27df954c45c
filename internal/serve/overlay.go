package serve

import (
	"strings"

	"docsgen/internal/content"
	"docsgen/internal/diag"
)

// problems turns diagnostics into overlay entries with the offending
// lines, quoted from the sources the build read (src may be nil).
func problems(ds diag.List, src *content.Site) []Problem {
	out := make([]Problem, 0, len(ds))
	// Each file is split once: a page with thousands of broken links would
	// otherwise be split once per link.
	files := map[string][]string{}
	for _, d := range ds {
		p := Problem{File: d.File, Line: d.Line, Col: d.Col, Message: d.Msg}
		if d.Hint != "" {
			p.Message += "; " + d.Hint
		}
		if d.Line > 0 {
			lines, seen := files[d.File]
			if !seen {
				if text, ok := src.Text(d.File); ok {
					lines = strings.Split(string(text), "\n")
				}
				files[d.File] = lines
			}
			if lines != nil {
				from, to := max(1, d.Line-2), min(len(lines), d.Line+2)
				if from <= to {
					p.First = from
					p.Context = lines[from-1 : to]
				}
			}
		}
		out = append(out, p)
	}
	return out
}
