package content

// This file reads the navigation lists that order a section's pages: an
// mdBook-style SUMMARY.md, or a nav: list in a section page's front
// matter, and turns them into a rank per page and folder.

import (
	"bytes"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"docsgen/internal/diag"
	"docsgen/internal/strictyaml"
)

// SummaryFile is an mdBook-style navigation list: a Markdown list of links
// to the pages of its folder and the folders below, in reading order. It
// is not a page.
const SummaryFile = "SUMMARY.md"

// navList is one navigation list: its entries are relative to dir.
type navList struct {
	file    string // shown to authors
	dir     string
	entries []NavEntry
	// problem is set when the list could not be read.
	problem diag.Diagnostic
}

// readSummaries reads every SUMMARY.md of the walk.
func (src *source) readSummaries() {
	src.navs = map[string]navList{}
	for _, it := range src.items {
		if !it.summary {
			continue
		}
		nl := navList{file: src.display(it.path), dir: cleanDir(path.Dir(it.path))}
		if data, err := fs.ReadFile(src.fsys, it.path); err != nil {
			nl.problem = cannotRead(nl.file, err)
		} else {
			text, _ := cleanText(nl.file, data)
			nl.entries = parseSummary(text)
		}
		src.navs[it.path] = nl
	}
}

// parseSummary lists the link destinations of a SUMMARY.md in order, one
// per line at most: "- [Setup](setup.md)", "[Intro](README.md)". Links to
// other sites, to #fragments only and draft chapters ("[Draft]()") name no
// file and are left out; code blocks are skipped.
func parseSummary(src []byte) []NavEntry {
	var out []NavEntry
	fence := ""
	for i, line := range bytes.Split(src, []byte("\n")) {
		t := strings.TrimLeft(string(line), " \t")
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
			continue
		}
		open := strings.Index(string(line), "](")
		if open < 0 || !strings.Contains(string(line[:open]), "[") {
			continue
		}
		rest := string(line[open+2:])
		end := strings.IndexByte(rest, ')')
		if end < 0 {
			continue
		}
		dest := strings.TrimSpace(rest[:end])
		if sp := strings.IndexAny(dest, " \t"); sp >= 0 {
			dest = dest[:sp] // a link title follows
		}
		dest = strings.TrimSuffix(strings.TrimPrefix(dest, "<"), ">")
		if nameless(dest) {
			continue
		}
		out = append(out, NavEntry{Path: dest, Line: i + 1, Col: open + 3})
	}
	return out
}

// nameless reports a destination that names no file of the tree: empty,
// only a #fragment, or on another site.
func nameless(dest string) bool {
	dest, _, _ = strings.Cut(dest, "#")
	return dest == "" || strings.Contains(dest, "://") || strings.HasPrefix(dest, "mailto:")
}

// readNav reads a nav: list of front matter: file names, "Title: file.md"
// entries and "Title: [nested list]" sections, MkDocs style, flattened in
// the order written.
func readNav(d *strictyaml.Decoder, items []ast.Node, out []NavEntry) []NavEntry {
	add := func(n ast.Node) bool {
		s, ok := strictyaml.StringValue(n)
		if ok && !nameless(s) {
			at := d.At(n)
			out = append(out, NavEntry{Path: s, Line: at.Line, Col: at.Col})
		}
		return ok
	}
	for _, item := range items {
		n := strictyaml.Unwrap(item)
		if add(n) {
			continue
		}
		var pairs []*ast.MappingValueNode
		switch m := n.(type) {
		case *ast.MappingValueNode:
			pairs = []*ast.MappingValueNode{m}
		case *ast.MappingNode:
			pairs = m.Values
		}
		if len(pairs) == 0 {
			d.Add(d.At(n).Errorf("front matter key nav has an entry that is %s", strictyaml.Kind(n)).
				WithHint("write a file name (setup.md) or Title: file.md"))
			continue
		}
		for _, mv := range pairs {
			v := strictyaml.Unwrap(mv.Value)
			if seq, ok := v.(*ast.SequenceNode); ok {
				out = readNav(d, seq.Values, out)
				continue
			}
			if !add(v) {
				d.Add(d.At(v).Errorf("front matter key nav has an entry that is %s", strictyaml.Kind(v)).
					WithHint("write a file name (setup.md) or Title: file.md"))
			}
		}
	}
	return out
}

// navTarget is the content path an entry of a list in dir names: a page
// source (guide/setup.md) or a folder (guide; also for guide/index.md), and
// false when it leaves the content folder.
func navTarget(dir, entry string) (string, bool) {
	entry, _, _ = strings.Cut(entry, "#")
	entry, _, _ = strings.Cut(entry, "?")
	p := path.Join(dir, entry)
	if strings.HasPrefix(entry, "/") {
		p = path.Clean(strings.TrimPrefix(entry, "/"))
	}
	if p == ".." || strings.HasPrefix(p, "../") {
		return "", false
	}
	if b := path.Base(p); b == "index.md" || b == "_index.md" {
		p = path.Dir(p)
	}
	return cleanDir(p), true
}

// navRanks checks the navigation lists and ranks what they name: pages by
// path, folders by their path, each folder also by the first entry below
// it. A section's own list (the deepest) is read first, so it decides its
// own order. exists tells whether a content path is a Markdown file, a
// folder or another file of the tree.
func navRanks(lists []navList, exists func(string) bool) (map[string]int, diag.List) {
	var diags diag.List
	slices.SortStableFunc(lists, func(a, b navList) int {
		return strings.Count(b.dir, "/") + boolInt(b.dir != "") - strings.Count(a.dir, "/") - boolInt(a.dir != "")
	})
	rank := map[string]int{}
	n := 0
	for _, l := range lists {
		if l.problem.Msg != "" {
			diags.Add(l.problem)
			continue
		}
		for _, e := range l.entries {
			p, ok := navTarget(l.dir, e.Path)
			if !ok || !exists(p) {
				diags.Add(diag.Errorf(l.file, e.Line, e.Col, "the navigation list names %s, which is not in the content folder", e.Path).
					WithHint("write the file's path relative to %s, or remove the entry", folderName(l.dir)))
				continue
			}
			for q := p; q != "" && q != l.dir; q = cleanDir(path.Dir(q)) {
				if _, seen := rank[q]; !seen {
					rank[q] = n
				}
			}
			n++
		}
	}
	return rank, diags
}

func folderName(dir string) string {
	if dir == "" {
		return "the content folder"
	}
	return "the folder " + dir
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
