package linkcheck

import (
	"strings"
	"testing"
)

func TestResolve(t *testing.T) {
	// The published files beside the pages, as content.Site.FileURL
	// answers: Markdown and the data folder are not among them.
	files := func(p string) (string, bool) {
		if p == "guide/img/d.png" {
			return "/guide/img/d.png", true
		}
		return "", false
	}
	tab := NewTable(map[string]string{
		"index.md":        "/",
		"guide/_index.md": "/guide/",
		"guide/intro.md":  "/guide/intro/",
		"guide/setup.md":  "/guide/install/",
		"api/keys.md":     "/api/keys/",
		"api/index.md":    "/api/",
	}, files)
	r := tab.From("guide/intro.md")
	tests := []struct {
		dest, want string
		ok         bool
	}{
		{"setup.md", "/guide/install/", true},
		{"./setup.md", "/guide/install/", true},
		{"setup", "/guide/install/", true},
		{"../api/keys.md#rotate", "/api/keys/#rotate", true},
		{"../api/keys.md?x=1#rotate", "/api/keys/?x=1#rotate", true},
		{"./", "/guide/", true},
		{"../api/", "/api/", true},
		{"../api", "/api/", true},
		{"../", "/", true},
		{"img/d.png", "/guide/img/d.png", true},
		{"set%75p.md", "/guide/install/", true},
		{"missing.md", "", false},
		{"img/none.png", "", false},
		{"../_data/plans.yaml", "", false},
		{"../../outside.md", "", false},
		{"/api/keys/", "", false},
		{"#frag", "", false},
		{"https://example.com/a.md", "", false},
		{"mailto:a@b.c", "", false},
		{"javascript:alert(1)", "", false},
		{"../rate-limits/", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.dest, func(t *testing.T) {
			got, ok := r.ResolveLink(tt.dest)
			if ok != tt.ok || (ok && got != tt.want) {
				t.Errorf("ResolveLink(%q) = %q, %v; want %q, %v", tt.dest, got, ok, tt.want, tt.ok)
			}
			if !ok && got != tt.dest {
				t.Errorf("unresolved %q came back as %q", tt.dest, got)
			}
		})
	}
}

// TestCheckRelative checks links as the site hands them over: written
// relative to the source file, with the URL the HTML got.
func TestCheckRelative(t *testing.T) {
	s := testSite()
	s.Table = NewTable(map[string]string{"reference/errors.md": "/reference/errors/", "reference/rate-limits.md": "/reference/rate-limits/"}, nil)
	tests := []struct {
		name, dest, url, wantErr, wantHint string
	}{
		{"resolved", "rate-limits.md#headers", "/reference/rate-limits/#headers", "", ""},
		{"resolved, bad anchor", "rate-limits.md#header", "/reference/rate-limits/#header", "link to rate-limits.md#header: the page /reference/rate-limits/ has no anchor #header", "did you mean /reference/rate-limits/#headers?"},
		{"unresolved page source", "rate-limit.md", "", "link to rate-limit.md: no page or file", "did you mean /reference/rate-limits/?"},
		{"wrong case", "Rate-Limits.md", "", "no page or file", "did you mean /reference/rate-limits/?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := s.Check([]Ref{{From: "/reference/errors/", FromPath: "reference/errors.md", File: "content/reference/errors.md", Line: 2, Col: 1, Dest: tt.dest, URL: tt.url}})
			if tt.wantErr == "" {
				if len(ds) != 0 {
					t.Fatalf("unexpected: %v", ds)
				}
				return
			}
			if len(ds) != 1 || !contains(ds[0].Msg, tt.wantErr) || !contains(ds[0].Hint, tt.wantHint) {
				t.Fatalf("got %v, want %q with hint %q", ds, tt.wantErr, tt.wantHint)
			}
		})
	}
}

// TestSuggestions checks what "did you mean" proposes for broken paths.
func TestSuggestions(t *testing.T) {
	pages := map[string]Anchors{
		"/":                       "",
		"/guide/":                 "",
		"/guide/setup/":           "",
		"/guide/setup-advanced/":  "",
		"/reference/":             "",
		"/reference/errors/":      "",
		"/reference/rate-limits/": "",
		"/api/v2/keys/":           "",
	}
	files := map[string]bool{"/favicon.svg": true}
	tests := []struct {
		broken, from, want string
	}{
		{"/Guide/Setup/", "/", "/guide/setup/"},
		{"/guide/setup.md", "/", "/guide/setup/"},
		{"/guide/setup/index.md", "/", "/guide/setup/"},
		{"/guide/index.md", "/", "/guide/"},
		{"/guide/setpu/", "/", "/guide/setup/"},
		{"/refrence/errors/", "/", "/reference/errors/"},
		{"/api/v1/keys/", "/", "/api/v2/keys/"},
		{"/favicon.png", "/", "/favicon.svg"},
		{"/guide/setpu/", "/guide/setup/", ""},
		{"/guide/Setup/", "/guide/setup/", ""},
		{"/guide/setup-advance/", "/guide/setup/", "/guide/setup-advanced/"},
		{"/Guide/Setup/", "/guide/setup/", ""},
		{"/completely/unrelated/", "/", ""},
		{"/b/", "/", ""},
		{"/guide/setu/", "/", "/guide/setup/"},
	}
	x := newPaths(pages, files)
	for _, tt := range tests {
		t.Run(tt.broken+" from "+tt.from, func(t *testing.T) {
			if got := x.nearest(tt.broken, tt.from); got != tt.want {
				t.Errorf("nearest(%q) = %q, want %q", tt.broken, got, tt.want)
			}
		})
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
