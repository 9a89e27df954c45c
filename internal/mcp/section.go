package mcp

import (
	"regexp"
	"strings"

	"docsgen/internal/slug"
)

// heading is one ATX heading of a Markdown page.
type heading struct {
	level int
	id    string
	line  int // index into the page's lines
}

var (
	atxHeading = regexp.MustCompile(`^(#{1,6})[ \t]+(.*?)[ \t#]*$`)
	explicitID = regexp.MustCompile(`\s*\{#([^}\s]+)\}$`)
	inlineLink = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
)

// headings finds the page's headings outside code fences and gives them
// the ids the renderer gives them: an explicit {#id}, else the GitHub-style
// slug of their text, made unique in page order.
func headings(lines []string) []heading {
	var out []heading
	var ids slug.Set
	fence := ""
	for i, l := range lines {
		t := strings.TrimLeft(l, " ")
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
		m := atxHeading.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		h := heading{level: len(m[1]), line: i}
		text := m[2]
		if e := explicitID.FindStringSubmatch(text); e != nil {
			h.id = e[1]
			ids.Reserve(h.id)
		} else {
			h.id = "\x00" + plainText(text) // slugged below, after every explicit id is reserved
		}
		out = append(out, h)
	}
	for i := range out {
		if strings.HasPrefix(out[i].id, "\x00") {
			out[i].id = ids.Unique(out[i].id[1:])
		}
	}
	return out
}

// plainText drops the inline markup a heading's id ignores.
func plainText(s string) string {
	s = inlineLink.ReplaceAllString(s, "$1")
	return strings.NewReplacer("`", "", "**", "", "__", "", "*", "", "~~", "").Replace(s)
}

// sectionOf returns the lines from the heading with id to the next heading
// of the same or a higher level, or false.
func sectionOf(md, id string) (string, bool) {
	lines := strings.Split(md, "\n")
	hs := headings(lines)
	for i, h := range hs {
		if h.id != id {
			continue
		}
		end := len(lines)
		for _, next := range hs[i+1:] {
			if next.level <= h.level {
				end = next.line
				break
			}
		}
		return strings.TrimRight(strings.Join(lines[h.line:end], "\n"), "\n") + "\n", true
	}
	return "", false
}

// headingIDs lists the ids of the page's headings, for error messages.
func headingIDs(md string) []string {
	var out []string
	for _, h := range headings(strings.Split(md, "\n")) {
		out = append(out, h.id)
	}
	return out
}
