package site

// This file publishes the files beside the pages (content.Site.Files:
// images, PDFs, downloads) at their paths in the content folder, so that
// content/guide/img/d.png is /guide/img/d.png, and refuses a file that
// would land where something else is written.

import (
	"fmt"
	"strings"

	"docsgen/internal/content"
	"docsgen/internal/diag"
	"docsgen/internal/output"
)

// generatedFiles are the outputs at the top of the site that docsgen
// writes itself; a file of the content folder may not take their place.
var generatedFiles = []string{"404.html", "robots.txt", "llms.txt", "llms-full.txt", "sitemap.xml", "_redirects"}

// planFiles lists the files of src to publish. A file that would land on
// the same output path as a static file, a page (its index.html or
// index.md) or an output docsgen writes is an error naming both, and is
// left out.
func planFiles(src *content.Site, a *assets) ([]content.File, diag.List) {
	if len(src.Files) == 0 {
		return nil, nil
	}
	taken := map[string]string{}
	for _, p := range src.Pages {
		dir := strings.TrimPrefix(p.URL, "/")
		taken[dir+"index.html"] = "the page " + p.File
		taken[dir+"index.md"] = "the Markdown copy of " + p.File
	}
	if src.ByURL["/"] == nil {
		taken["index.html"] = "the home page docsgen makes when there is no index.md"
	}
	for _, n := range generatedFiles {
		taken[n] = "the " + n + " docsgen writes"
	}
	var out []content.File
	var diags diag.List
	for _, f := range src.Files {
		other, clash := a.from[f.Path]
		if !clash {
			other, clash = taken[f.Path]
		}
		if !clash && a.files[f.Path] != nil {
			other, clash = "the theme's bundle /"+f.Path, true
		}
		if !clash && strings.HasPrefix(f.Path, searchFolder) {
			other, clash = "the search index docsgen writes under /"+searchFolder, true
		}
		if clash {
			diags.Add(diag.Errorf(f.File, 0, 0, "%s and %s would both be published at /%s", f.File, other, f.Path).
				WithHint("rename or move one of the two; a file of the static folder is published at the same path as one of the content folder"))
			continue
		}
		out = append(out, f)
	}
	return out, diags
}

// writeBeside writes the files beside the pages, read through the
// content site, and records their site paths for the link checks.
func (b *builder) writeBeside(w output.Writer) error {
	for _, f := range b.beside {
		data, err := b.site.ReadFile(f)
		if err != nil {
			return fmt.Errorf("publishing %s: %w", f.File, err)
		}
		if err := w.WriteFile(f.Path, data); err != nil {
			return err
		}
		u, _ := b.site.FileURL(f.Path)
		b.files[u] = true
		if u != "/"+f.Path {
			b.files["/"+f.Path] = true // links may be written unescaped
		}
	}
	return nil
}
