package site

import (
	"io/fs"
	"path"
	"strings"

	"docsgen/internal/content"
	"docsgen/internal/diag"
	"docsgen/internal/markdown"
)

// This file keeps one cause to one error. A page whose front matter does
// not parse is left out of the site, and a data file that does not parse
// is left out of the catalog; without these guards every link to that
// page and every directive showing that data would be reported too, and
// the author would have to find the one real error among them.

// failedPages returns the pages that exist in the content folder but were
// not loaded because of an error in them: path in the content folder →
// the URL they would have (their slug, if any, is unknown).
func failedPages(s *content.Site, loadDiags diag.List, contentFS fs.FS, display string) map[string]string {
	loaded := make(map[string]bool, len(s.Pages))
	for _, p := range s.Pages {
		loaded[p.Path] = true
	}
	out := map[string]string{}
	for _, d := range loadDiags {
		if d.Severity != diag.Error || !strings.HasSuffix(d.File, ".md") {
			continue
		}
		p := strings.TrimPrefix(d.File, display+"/")
		if loaded[p] || out[p] != "" || !fs.ValidPath(p) {
			continue
		}
		if fi, err := fs.Stat(contentFS, p); err != nil || !fi.Mode().IsRegular() {
			continue
		}
		out[p] = defaultURL(p)
	}
	return out
}

// defaultURL is the URL of the page at content path p with no slug.
func defaultURL(p string) string {
	dir, name := path.Split(strings.TrimSuffix(p, ".md"))
	if name == "index" || name == "_index" {
		name = ""
	}
	u := strings.Trim(dir+name, "/")
	if u == "" {
		return "/"
	}
	return "/" + u + "/"
}

// quietDirectives wraps directives so that, when the data they show did
// not load, they render nothing instead of an error of their own: the data
// file's error is the one to fix.
func quietDirectives(defs map[string]markdown.Directive) map[string]markdown.Directive {
	out := make(map[string]markdown.Directive, len(defs))
	for name, d := range defs {
		render := d.Render
		d.Render = func(attrs map[string]string) (markdown.Output, error) {
			o, err := render(attrs)
			if err != nil {
				return markdown.Output{}, nil
			}
			return o, nil
		}
		out[name] = d
	}
	return out
}
