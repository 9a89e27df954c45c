package content

// This file gives pages their titles: front matter, first heading or file
// name, and the sidebar's shorter label.

import (
	"bytes"
	"path"
	"strings"
	"unicode/utf8"
)

// pageTitle is the front matter title, else the first "# " heading, else
// a readable form of the file (or, for a section page, folder) name.
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

// FirstHeading returns the text of the first ATX level-1 heading ("# Title")
// outside fenced code, or "".
func FirstHeading(body []byte) string {
	fence := ""
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
			continue
		}
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
		if strings.HasPrefix(t, "# ") || t == "#" {
			h := strings.TrimSpace(strings.TrimPrefix(t, "#"))
			h = strings.TrimSpace(strings.TrimRight(h, "#"))
			return stripInline(h)
		}
	}
	return ""
}

// stripInline removes the commonest inline Markdown from a heading so the
// title reads as plain text.
func stripInline(s string) string {
	r := strings.NewReplacer("`", "", "**", "", "__", "", "*", "", "\\", "")
	return strings.TrimSpace(r.Replace(s))
}

func humanize(name string) string {
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
