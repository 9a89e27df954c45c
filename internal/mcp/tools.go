package mcp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/google/jsonschema-go/jsonschema"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// Limits on tool input.
const (
	maxQuery   = 500 // characters of a search query
	maxLimit   = 50  // results of one search_docs call
	snippetLen = 300 // characters of a snippet or description
)

type searchIn struct {
	Query   string `json:"query" jsonschema:"what to find: words, an error code (RATE_LIMIT_EXCEEDED), an HTTP status (429) or a header (Retry-After)"`
	Limit   int    `json:"limit,omitempty" jsonschema:"results to return, 1 to 50"`
	Offset  int    `json:"offset,omitempty" jsonschema:"results to skip: the next_offset of the previous call"`
	Section string `json:"section,omitempty" jsonschema:"only results from this sidebar section, as list_pages names it (such as Reference)"`
}

type readIn struct {
	Path   string `json:"path" jsonschema:"the page: a path from list_pages (/reference/errors/) or a url from search_docs"`
	Anchor string `json:"anchor,omitempty" jsonschema:"a heading id (the part after #): return only the section under that heading"`
	Offset int    `json:"offset,omitempty" jsonschema:"byte offset to continue from, as the previous result said"`
}

type listPagesIn struct {
	Section string `json:"section,omitempty" jsonschema:"only the pages of this sidebar section"`
	Offset  int    `json:"offset,omitempty" jsonschema:"pages to skip: the next_offset of the previous call"`
}

type getErrorIn struct {
	CodeOrStatus string `json:"code_or_status" jsonschema:"an error code (SESSION_EXPIRED) or an HTTP status (429)"`
	Offset       int    `json:"offset,omitempty" jsonschema:"entries to skip: the next_offset of the previous call"`
}

type listErrorsIn struct {
	Category string `json:"category,omitempty" jsonschema:"only this category, by id or title (billing, Rate limit errors)"`
	Offset   int    `json:"offset,omitempty" jsonschema:"errors to skip: the next_offset of the previous call"`
}

// addTools registers the five tools.
func (d *docs) addTools(s *sdk.Server) {
	sdk.AddTool(s, &sdk.Tool{Name: "search_docs", InputSchema: schema[searchIn](map[string]string{"limit": "10", "offset": "0"}),
		Description: "Search the documentation with the site's own ranking (the search dialog's results). " +
			"Returns title, url with anchor, sidebar section and snippet per result; error codes, statuses and header names match exactly."},
		d.searchDocs)
	sdk.AddTool(s, &sdk.Tool{Name: "read_page", InputSchema: schema[readIn](map[string]string{"offset": "0"}),
		Description: "Read a page's Markdown, or with anchor only the section under that heading. Long pages come in parts: pass the offset the result names."},
		d.readPage)
	sdk.AddTool(s, &sdk.Tool{Name: "list_pages", InputSchema: schema[listPagesIn](map[string]string{"offset": "0"}),
		Description: "List the pages in sidebar order with title, path, url, section and description."},
		d.listPages)
	sdk.AddTool(s, &sdk.Tool{Name: "get_error", InputSchema: schema[getErrorIn](map[string]string{"offset": "0"}),
		Description: "Look up the error catalog: an error code gives every entry with that code (status, cause, fix, refund); " +
			"an HTTP status gives its row and every error code with that status."},
		d.getError)
	sdk.AddTool(s, &sdk.Tool{Name: "list_errors", InputSchema: schema[listErrorsIn](map[string]string{"offset": "0"}),
		Description: "List every error code of the catalog with its category, HTTP status and whether it is refunded."},
		d.listErrors)
}

// schema infers T's input schema and sets the defaults given as JSON.
func schema[T any](defaults map[string]string) *jsonschema.Schema {
	s, err := jsonschema.For[T](nil)
	if err != nil {
		panic(err) // the input types above are fixed: this is a programming error
	}
	for name, v := range defaults {
		s.Properties[name].Default = json.RawMessage(v)
	}
	return s
}

// text wraps a tool's answer.
func text(s string) *sdk.CallToolResult {
	return &sdk.CallToolResult{Content: []sdk.Content{&sdk.TextContent{Text: s}}}
}

// encode writes v as compact JSON, leaving <, > and & as they are.
func encode(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
	return bytes.TrimRight(buf.Bytes(), "\n")
}

// fit encodes wrap(items[:n], next) for the largest n whose JSON fits in
// MaxResult. next is the offset of the first item left out, or 0 when
// nothing is left (more says there is more after items).
func fit[T any](items []T, offset int, more bool, wrap func([]T, int) any) (*sdk.CallToolResult, error) {
	for n := len(items); n >= 0; n-- {
		next := 0
		if n < len(items) || more {
			next = offset + n
		}
		if b := encode(wrap(items[:n], next)); len(b) <= MaxResult && (n > 0 || len(items) == 0) {
			return text(string(b)), nil
		}
	}
	return nil, fmt.Errorf("the entry at offset %d alone is longer than %d bytes", offset, MaxResult)
}

func checkOffset(offset int) error {
	if offset < 0 {
		return errors.New("offset is negative; pass 0 or the next_offset of the previous result")
	}
	return nil
}

// clip shortens s to about n characters at a word boundary.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	for i := len(r) - 1; i > n*2/3; i-- {
		if r[i] == ' ' {
			r = r[:i]
			break
		}
	}
	return string(r) + "…"
}

func (d *docs) listPages(ctx context.Context, _ *sdk.CallToolRequest, in listPagesIn) (*sdk.CallToolResult, any, error) {
	if err := checkOffset(in.Offset); err != nil {
		return nil, nil, err
	}
	st, err := d.state(ctx)
	if err != nil {
		return nil, nil, err
	}
	keep := sectionFilter(in.Section)
	var pages []pageEntry
	for _, p := range st.pages {
		if keep(p) {
			p.Description = clip(p.Description, snippetLen)
			pages = append(pages, p)
		}
	}
	if len(pages) == 0 {
		return nil, nil, fmt.Errorf("no section %q; the sections are %q", in.Section, st.sectionNames())
	}
	pages = pages[min(in.Offset, len(pages)):]
	res, err := fit(pages, in.Offset, false, func(ps []pageEntry, next int) any {
		return struct {
			Pages []pageEntry `json:"pages"`
			Next  int         `json:"next_offset,omitempty"`
		}{ps, next}
	})
	return res, nil, err
}
