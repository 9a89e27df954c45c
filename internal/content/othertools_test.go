package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestReadmeOpensItsFolder: README.md is the section page of a folder
// that has no index.md or _index.md (GitHub, mdBook, MkDocs), and an
// ordinary page where the folder has one.
func TestReadmeOpensItsFolder(t *testing.T) {
	fsys := fstest.MapFS{
		"README.md":          {Data: []byte("# Project\n")},
		"docs/README.md":     {Data: []byte("# Docs\n")},
		"docs/setup.md":      {Data: []byte("# Setup\n")},
		"api/readme.md":      {Data: []byte("# API\n")},
		"both/index.md":      {Data: []byte("# Both\n")},
		"both/README.md":     {Data: []byte("# Read me\n")},
		"both/deeper/one.md": {Data: []byte("# One\n")},
	}
	s, diags := Load(fsys, Options{Display: "content"})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	tests := []struct {
		path, url string
		section   bool
	}{
		{"README.md", "/", true},
		{"docs/README.md", "/docs/", true},
		{"api/readme.md", "/api/", true},
		{"both/index.md", "/both/", true},
		{"both/README.md", "/both/README/", false},
	}
	for _, tt := range tests {
		pg := s.ByPath[tt.path]
		if pg == nil || pg.URL != tt.url || pg.IsSection != tt.section {
			t.Errorf("%s: %+v, want URL %s, section %v", tt.path, pg, tt.url, tt.section)
		}
	}
	if s.Root.Page == nil || s.Root.Page.Path != "README.md" {
		t.Errorf("home page is %+v, want README.md", s.Root.Page)
	}
}

// TestAbsoluteSlug: a slug starting with "/" (Docusaurus) is the page's
// whole site path; other slugs with "/" stay errors.
func TestAbsoluteSlug(t *testing.T) {
	tests := []struct {
		slug, url, err string
	}{
		{"/welcome", "/welcome/", ""},
		{"/", "/", ""},
		{"/guide/start/", "/guide/start/", ""},
		{"start", "/docs/start/", ""},
		{"a/b", "/docs/a/", `slug "a/b" cannot be used in a URL`},
		{"/a//b", "/docs/a/", `slug "/a//b" cannot be used in a URL`},
		{"/../x", "/docs/a/", `slug "/../x" cannot be used in a URL`},
		{"/a b", "/docs/a/", `slug "/a b" cannot be used in a URL`},
	}
	for _, tt := range tests {
		t.Run(tt.slug, func(t *testing.T) {
			fsys := fstest.MapFS{"docs/a.md": {Data: []byte("---\nslug: \"" + tt.slug + "\"\n---\n# A\n")}}
			s, diags := Load(fsys, Options{Display: "content"})
			if got := s.ByPath["docs/a.md"].URL; got != tt.url {
				t.Errorf("URL %s, want %s", got, tt.url)
			}
			if tt.err == "" && len(diags) != 0 || tt.err != "" && (len(diags) != 1 || !strings.Contains(diags[0].Error(), tt.err)) {
				t.Errorf("diagnostics %v, want %q", diags, tt.err)
			}
		})
	}
}

// TestOtherMarkdownExtensionsWarn: .mdx and .markdown files are published
// as files, not pages, and each says so.
func TestOtherMarkdownExtensionsWarn(t *testing.T) {
	fsys := fstest.MapFS{
		"index.md":           {Data: []byte("# Home\n")},
		"guide/tabs.mdx":     {Data: []byte("# Tabs\n")},
		"notes/old.markdown": {Data: []byte("# Old\n")},
		"guide/img/a.png":    {Data: []byte("png")},
	}
	s, diags := Load(fsys, Options{Display: "content"})
	var got []string
	for _, d := range diags {
		got = append(got, d.Error())
	}
	want := []string{
		"content/guide/tabs.mdx: warning: .mdx file published as is, not made a page: docsgen reads .md files; rename it to tabs.md to make it a page",
		"content/notes/old.markdown: warning: .markdown file published as is, not made a page: docsgen reads .md files; rename it to old.md to make it a page",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(s.Pages) != 1 || len(s.Files) != 3 {
		t.Errorf("%d pages, %d files; want 1, 3", len(s.Pages), len(s.Files))
	}
}
