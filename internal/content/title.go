package content

// This file gives pages their titles: front matter, first heading or file
// name, and the sidebar's shorter label.

import (
	"bytes"
	"path"
	"strings"
	"unicode/utf8"
)

// pageTitle is the front matter title, else the page's first heading (of
// any level), else a readable form of the file (or, for a section page,
// folder) name.
func pageTitle(pg *Page) string {
	if pg.Front.Title != "" {
		return pg.Front.Title
	}
	if h := FirstHeading(pg.Body); h != "" {
		return h
	}
	base := strings.TrimSuffix(path.Base(pg.Path), ".md")
	if pg.IsSection {
		base = path.Base(cleanDir(path.Dir(pg.Path)))
		if base == "" || base == "." {
			base = "Home"
		}
	}
	if t := humanize(base); t != "" {
		return t
	}
	return "Untitled" // a file named "-.md" or " .md"
}

// FirstHeading returns the text of the first heading of any level outside
// fenced code: an ATX heading ("## Setup") or a setext one (a line
// underlined with === or ---); "" when there is none.
func FirstHeading(body []byte) string {
	fence := ""
	prev := "" // the previous line, when it may be a setext heading's text
	for len(body) > 0 {
		end := bytes.IndexByte(body, '\n')
		var line []byte
		if end < 0 {
			line, body = body, nil
		} else {
			line, body = body[:end], body[end+1:]
		}
		t := strings.TrimLeft(string(line), " ")
		if len(string(line))-len(t) > 3 {
			prev = ""
			continue
		}
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence, prev = t[:3], ""
			continue
		}
		if h, ok := atxHeading(t); ok {
			return h
		}
		if u := strings.TrimRight(t, " \t"); prev != "" && u != "" && (strings.Trim(u, "=") == "" || strings.Trim(u, "-") == "") {
			return stripInline(prev)
		}
		prev = strings.TrimSpace(t)
		if listOrQuote(prev) {
			prev = "" // "- item" over "---" is a list and a rule
		}
	}
	return ""
}

// atxHeading reads "# Title" to "###### Title".
func atxHeading(t string) (string, bool) {
	level := 0
	for level < len(t) && t[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || (level < len(t) && t[level] != ' ' && t[level] != '\t') {
		return "", false
	}
	h := strings.TrimSpace(t[level:])
	h = strings.TrimSpace(strings.TrimRight(h, "#"))
	return stripInline(h), h != ""
}

func listOrQuote(s string) bool {
	return strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "* ") || strings.HasPrefix(s, "+ ") || strings.HasPrefix(s, ">") ||
		strings.HasPrefix(s, "|")
}

// stripInline removes the commonest inline Markdown from a heading so the
// title reads as plain text.
func stripInline(s string) string {
	r := strings.NewReplacer("`", "", "**", "", "__", "", "*", "", "\\", "")
	return strings.TrimSpace(r.Replace(s))
}

// humanize makes a file or folder name readable: 02-getting_started
// reads "Getting started" (an ordering number in front is dropped).
func humanize(name string) string {
	if n := digits(name); n > 0 && n < len(name) && strings.ContainsRune("-_. ", rune(name[n])) {
		name = name[n+1:]
	}
	name = strings.NewReplacer("-", " ", "_", " ").Replace(name)
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(name)
	return strings.ToUpper(string(r)) + name[n:]
}

// NavTitle is the page's name in the sidebar: its linkTitle (or
// sidebar_label), else its title.
func (p *Page) NavTitle() string {
	if p.Front.LinkTitle != "" {
		return p.Front.LinkTitle
	}
	return p.Title
}
