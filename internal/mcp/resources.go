package mcp

import (
	"context"
	"strings"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// resourcePrefix starts the URI of every page: docs://site/reference/errors/.
const resourcePrefix = "docs://site"

// addResources lists every page the site has at start as a resource, and
// adds a template that reads any page, so pages added later are found too.
func (d *docs) addResources(ctx context.Context, s *sdk.Server) {
	s.AddResourceTemplate(&sdk.ResourceTemplate{
		Name:        "page",
		URITemplate: resourcePrefix + "/{+path}",
		Description: "The Markdown of a page of the site, by its path",
		MIMEType:    "text/markdown",
	}, d.readResource)
	st, err := d.state(ctx)
	if err != nil {
		return // the tools report it when called
	}
	for _, p := range st.pages {
		s.AddResource(&sdk.Resource{
			URI:         resourcePrefix + p.Path,
			Name:        strings.Trim(p.Path, "/"),
			Title:       p.Title,
			Description: p.Description,
			MIMEType:    "text/markdown",
		}, d.readResource)
	}
}

// readResource returns a page's whole Markdown.
func (d *docs) readResource(ctx context.Context, req *sdk.ReadResourceRequest) (*sdk.ReadResourceResult, error) {
	uri := req.Params.URI
	rest, ok := strings.CutPrefix(uri, resourcePrefix)
	if !ok {
		return nil, sdk.ResourceNotFoundError(uri)
	}
	st, err := d.state(ctx)
	if err != nil {
		return nil, err
	}
	pg, _, err := st.resolve(rest)
	if err != nil {
		return nil, sdk.ResourceNotFoundError(uri)
	}
	md, err := d.markdown(ctx, pg)
	if err != nil {
		return nil, err
	}
	return &sdk.ReadResourceResult{Contents: []*sdk.ResourceContents{{URI: uri, MIMEType: "text/markdown", Text: md}}}, nil
}
