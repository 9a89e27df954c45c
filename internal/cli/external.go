package cli

import (
	"context"

	"docsgen/internal/diag"
	"docsgen/internal/extlinks"
	"docsgen/internal/site"
)

// checkExternal checks the links to other sites that a build found
// (`docsgen check -external`), caching answers in the render cache's
// folder when there is one.
func checkExternal(ctx context.Context, opts site.Options, res *site.Result) diag.List {
	links := make([]extlinks.Link, 0, len(res.External))
	for _, r := range res.External {
		links = append(links, extlinks.Link{URL: r.Dest, File: r.File, Line: r.Line, Col: r.Col})
	}
	ds := extlinks.Checker{Cache: opts.Cache}.Check(ctx, links)
	ds = append(append(diag.List{}, res.Diags...), ds...)
	ds.Sort()
	return ds
}
