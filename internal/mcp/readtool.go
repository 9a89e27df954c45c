package mcp

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

func (d *docs) readPage(ctx context.Context, _ *sdk.CallToolRequest, in readIn) (*sdk.CallToolResult, any, error) {
	if err := checkOffset(in.Offset); err != nil {
		return nil, nil, err
	}
	st, err := d.state(ctx)
	if err != nil {
		return nil, nil, err
	}
	pg, anchor, err := st.resolve(in.Path)
	if err != nil {
		return nil, nil, err
	}
	if in.Anchor != "" {
		anchor = strings.TrimPrefix(strings.TrimSpace(in.Anchor), "#")
	}
	md, err := d.markdown(ctx, pg)
	if err != nil {
		return nil, nil, err
	}
	where := st.base + pg.Path
	if anchor != "" {
		where += "#" + anchor
		part, ok := sectionOf(md, anchor)
		if !ok {
			part, ok = d.catalogEntry(ctx, st, pg.Path+"#"+anchor)
		}
		if !ok {
			return nil, nil, fmt.Errorf("%s has no heading #%s; its headings are %s (or omit anchor to read the whole page)", pg.Path, anchor, strings.Join(headingIDs(md), ", "))
		}
		md = part
	}
	if in.Offset > len(md) {
		return nil, nil, fmt.Errorf("offset %d is past the end of %s (%d bytes)", in.Offset, where, len(md))
	}
	head := fmt.Sprintf("<!-- %s: %s -->\n", pg.Title, where)
	const tail = 120 // room for the "continues" line
	body, next := cut(md, in.Offset, MaxResult-len(head)-tail)
	out := head + body
	if next > 0 {
		out += fmt.Sprintf("\n<!-- continues: call read_page with offset=%d for the rest (%d of %d bytes shown) -->\n", next, next, len(md))
	}
	return text(out), nil, nil
}

// cut returns up to n bytes of s from offset, ending at a line break when
// one is in the second half, and the offset of what is left (0 for none).
func cut(s string, offset, n int) (string, int) {
	s = s[offset:]
	if len(s) <= n {
		return s, 0
	}
	end := n
	for end > 0 && !utf8.RuneStart(s[end]) {
		end--
	}
	if i := strings.LastIndexByte(s[:end], '\n'); i > n/2 {
		end = i + 1
	}
	return s[:end], offset + end
}

// catalogEntry renders the catalog entry at url (an error or a status) as
// Markdown, for anchors that the page's Markdown makes with a directive.
func (d *docs) catalogEntry(ctx context.Context, st *siteState, url string) (string, bool) {
	c, err := d.catalogOf(ctx, st)
	if err != nil {
		return "", false
	}
	for _, e := range c.errors {
		if e.URL == url {
			return "```json\n" + string(encode(e.raw)) + "\n```\n", true
		}
	}
	for _, s := range c.statuses {
		if strings.HasSuffix(url, "#"+s.Anchor) {
			return "```json\n" + string(encode(s.raw)) + "\n```\n", true
		}
	}
	return "", false
}
