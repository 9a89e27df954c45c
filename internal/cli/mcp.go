package cli

import (
	"context"
	"flag"
	"fmt"
	"io"

	"docsgen/internal/mcp"
	"docsgen/internal/site"
)

func runMCP(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("mcp", `Serves a docsgen site to coding agents over the Model Context Protocol on
stdin and stdout: search_docs, read_page, list_pages, get_error and
list_errors, and every page as a docs://site/... resource. Pass one of:
  -content DIR   build the content folder in memory and follow every save
  -dir DIR       a site built by docsgen build
  -site URL      a published docsgen site, read over https through its static files
Diagnostics and warnings go to stderr; stdout carries the protocol only.`, stderr)
	var src sourceFlags
	src.register(fs)
	dir := fs.String("dir", "", "folder of a built site (the output of docsgen build)")
	siteURL := fs.String("site", "", "URL of a published docsgen site, such as https://docs.example.com (http:// only for localhost)")
	if code, stop := parse(fs, args, stdout); stop {
		return code
	}
	given := 0
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "content" || f.Name == "dir" || f.Name == "site" {
			given++
		}
	})
	if given != 1 {
		fmt.Fprintln(stderr, "docsgen mcp: pass one of -content, -dir or -site (see docsgen mcp -h)")
		return ExitUsage
	}
	opts := mcp.Options{Version: readBuildInfo().version}
	switch {
	case *dir != "":
		d, err := mcp.NewDirSource(*dir)
		if err != nil {
			fmt.Fprintf(stderr, "docsgen mcp: %v\n", err)
			return ExitUsage
		}
		return serveMCP(ctx, d, opts, stderr)
	case *siteURL != "":
		h, err := mcp.NewHTTPSource(*siteURL, nil)
		if err != nil {
			fmt.Fprintf(stderr, "docsgen mcp: %v\n", err)
			return ExitUsage
		}
		if _, err := h.Get(ctx, "llms.txt"); err != nil {
			// Serve all the same: the tools say what is wrong, and the site
			// may come back.
			fmt.Fprintf(stderr, "docsgen mcp: warning: %v\n", err)
		}
		return serveMCP(ctx, h, opts, stderr)
	}
	bopts, err := src.options(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "docsgen mcp: %v\n", err)
		return ExitUsage
	}
	collectAt(50) // as for serve: a large site stays near its live size
	static := ""
	if bopts.Static != nil {
		static = src.static
	}
	c := mcp.NewContentSource(bopts, src.content, static, stderr)
	if err := c.Build(ctx, site.Changes{}); err != nil {
		fmt.Fprintf(stderr, "docsgen mcp: %v\n", err)
		return ExitContent
	}
	wctx, cancel := context.WithCancel(ctx)
	wait, err := c.Watch(wctx)
	if err != nil {
		cancel()
		fmt.Fprintf(stderr, "docsgen mcp: %v\n", err)
		return ExitContent
	}
	code := serveMCP(ctx, c.Source(), opts, stderr)
	cancel()
	wait()
	return code
}

func serveMCP(ctx context.Context, src mcp.Source, opts mcp.Options, stderr io.Writer) int {
	if err := mcp.Run(ctx, src, opts); err != nil {
		fmt.Fprintf(stderr, "docsgen mcp: %v\n", err)
		return ExitContent
	}
	return ExitOK
}
