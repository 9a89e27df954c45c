package markdown

import (
	"reflect"
	"strings"
	"testing"
)

// mapResolver resolves the destinations it lists and leaves the rest.
type mapResolver map[string]string

func (m mapResolver) ResolveLink(dest string) (string, bool) {
	u, ok := m[dest]
	return u, ok
}

func TestLinkResolver(t *testing.T) {
	r := newTestRenderer(t)
	res := mapResolver{
		"setup.md":              "/guide/setup/",
		"../api/keys.md#rotate": "/api/keys/#rotate",
		"img/d.png":             "/guide/img/d.png",
	}
	tests := []struct {
		name     string
		src      string
		wantHTML string
		want     []Link
	}{
		{"inline", "[x](setup.md)\n", `<a href="/guide/setup/">x</a>`,
			[]Link{{Dest: "setup.md", URL: "/guide/setup/", Line: 1, Col: 1}}},
		{"fragment", "[k](../api/keys.md#rotate)\n", `<a href="/api/keys/#rotate">k</a>`,
			[]Link{{Dest: "../api/keys.md#rotate", URL: "/api/keys/#rotate", Line: 1, Col: 1}}},
		{"image", "![d](img/d.png)\n", `<img src="/guide/img/d.png" alt="d">`,
			[]Link{{Dest: "img/d.png", URL: "/guide/img/d.png", Line: 1, Col: 1, Image: true}}},
		{"reference style", "See [x][id].\n\n[id]: setup.md\n", `<a href="/guide/setup/">x</a>`,
			[]Link{{Dest: "setup.md", URL: "/guide/setup/", Line: 3, Col: 1}}},
		{"reference in a quote", "> See [x][ID].\n>\n> [id]: setup.md\n", `<a href="/guide/setup/">x</a>`,
			[]Link{{Dest: "setup.md", URL: "/guide/setup/", Line: 3, Col: 3}}},
		{"unresolved kept", "[y](/abs/)\n", `<a href="/abs/">y</a>`,
			[]Link{{Dest: "/abs/", Line: 1, Col: 1}}},
		{"inside a callout", ":::note\n[x](setup.md)\n:::\n", `<a href="/guide/setup/">x</a>`,
			[]Link{{Dest: "setup.md", URL: "/guide/setup/", Line: 2, Col: 1}}},
		{"code is not a link", "`[x](setup.md)`\n", `<code>[x](setup.md)</code>`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, diags := r.Render([]byte(tt.src), Source{File: "p.md", Links: res})
			if len(diags) > 0 {
				t.Fatalf("unexpected diagnostics: %v", diags)
			}
			if !strings.Contains(string(out.HTML), tt.wantHTML) {
				t.Errorf("HTML %s\nlacks %s", out.HTML, tt.wantHTML)
			}
			if !reflect.DeepEqual(out.Links, tt.want) {
				t.Errorf("links = %+v\nwant    %+v", out.Links, tt.want)
			}
		})
	}
}

func TestRawHTMLLinksAndAnchors(t *testing.T) {
	src := "Intro <a href=\"/inline/\">x</a> and <img src=\"pic.png\" alt=\"\">.\n\n<div id=\"box\">\n  <a name=\"old-anchor\" href=\"../up/#frag\">up</a>\n</div>\n\n<p data-x=\"1\">no link</p>\n"
	tests := []struct {
		name      string
		allow     bool
		wantLinks []Link
		wantIDs   []string
	}{
		{"allowed", true, []Link{
			{Dest: "/inline/", Line: 1, Col: 7},
			{Dest: "pic.png", Line: 1, Col: 36, Image: true},
			{Dest: "../up/#frag", Line: 4, Col: 3},
		}, []string{"box", "old-anchor"}},
		{"left out", false, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := New(Options{AllowRawHTML: tt.allow}, nil)
			res, _ := r.Render([]byte(src), Source{File: "p.md"})
			if !reflect.DeepEqual(res.Links, tt.wantLinks) {
				t.Errorf("links = %+v\nwant    %+v", res.Links, tt.wantLinks)
			}
			if !reflect.DeepEqual(res.IDs, tt.wantIDs) {
				t.Errorf("ids = %q, want %q", res.IDs, tt.wantIDs)
			}
		})
	}
}
