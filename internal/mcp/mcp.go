// Package mcp serves a docsgen site to coding agents over the Model Context
// Protocol (github.com/modelcontextprotocol/go-sdk).
//
// Everything it answers comes from the files a build publishes, read
// through a Source: llms.txt (every page in sidebar order, with the error
// catalog's JSON named at its end), the search index under search/, the
// Markdown beside each page (…/index.md) and the catalog JSON
// (reference/errors.json). So the same code answers for a content folder
// built into memory (ContentSource, which follows edits), a build folder
// (DirSource) and a published site read over HTTPS (HTTPSource), and a
// static host needs no server code of its own.
//
// # Tools
//
//	search_docs(query, limit=10, offset=0, section?)  the search dialog's ranking (search.Searcher)
//	read_page(path, anchor?, offset=0)                a page's Markdown, or the part under one heading
//	list_pages(section?, offset=0)                    pages in sidebar order with their descriptions
//	get_error(code_or_status, offset=0)               catalog entries of an error code, or a status and its errors
//	list_errors(category?, offset=0)                  every error code, by category
//
// Every page is also a resource, docs://site/<path> (docs://site/ for the
// home page). No tool result is longer than MaxResult bytes: a longer one
// is cut, and its next_offset (or the "continues" line of read_page) says
// how to ask for the rest. Bad input (an unknown page, a path that leaves
// the site, an empty or huge query, an unreachable site) is a tool error
// that says what to do, never a crash.
package mcp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// MaxResult is the most bytes one tool result holds.
const MaxResult = 8000

// Source reads the published files of one docsgen site.
type Source interface {
	// Get returns the file at name, a slash-separated path relative to the
	// site's root ("llms.txt", "search/index.json",
	// "reference/errors/index.md"). A missing file is an error wrapping
	// fs.ErrNotExist.
	Get(ctx context.Context, name string) ([]byte, error)
	// Version changes whenever the site changes; a fixed site returns 0.
	Version() uint64
	// Origin is the URL the site is read from ("https://docs.example.com"),
	// or "" for local sources, whose results carry the site's own URLs.
	Origin() string
}

// Options configures NewServer. The zero value gives the defaults stated.
type Options struct {
	// Name and Version identify the server to clients; default "docsgen"
	// and "devel".
	Name, Version string
}

// NewServer returns an MCP server answering the tools and resources of the
// site src reads.
func NewServer(src Source, opts Options) *sdk.Server {
	if opts.Name == "" {
		opts.Name = "docsgen"
	}
	if opts.Version == "" {
		opts.Version = "devel"
	}
	d := newDocs(src)
	s := sdk.NewServer(&sdk.Implementation{Name: opts.Name, Version: opts.Version}, &sdk.ServerOptions{
		Instructions: "Documentation of one site. Search with search_docs, then read_page the result's url; " +
			"get_error explains an error code or HTTP status; list_pages shows the sidebar.",
	})
	s.AddReceivingMiddleware(guard)
	d.addTools(s)
	d.addResources(context.Background(), s)
	return s
}

// Run serves src over stdin and stdout until ctx is cancelled or the
// client goes away.
func Run(ctx context.Context, src Source, opts Options) error {
	err := NewServer(src, opts).Run(ctx, &sdk.StdioTransport{})
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// guard keeps a bad request from ending the server: tools/call with
// "arguments": null (or none) is called with {} (the SDK would write the
// schema's defaults into a nil map and panic), and any panic left becomes
// an error for that request alone.
func guard(next sdk.MethodHandler) sdk.MethodHandler {
	return func(ctx context.Context, method string, req sdk.Request) (res sdk.Result, err error) {
		defer func() {
			if p := recover(); p != nil {
				res, err = nil, fmt.Errorf("docsgen mcp: internal error in %s: %v", method, p)
			}
		}()
		if call, ok := req.(*sdk.CallToolRequest); ok && call.Params != nil {
			if a := bytes.TrimSpace(call.Params.Arguments); len(a) == 0 || bytes.Equal(a, []byte("null")) {
				call.Params.Arguments = json.RawMessage("{}")
			}
		}
		return next(ctx, method, req)
	}
}

// notFound wraps fs.ErrNotExist for a file of the site.
func notFound(name string) error {
	return fmt.Errorf("%s: %w", name, fs.ErrNotExist)
}
