package mcp_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// TestContentFollowsEdits saves a page under -content and waits for
// search_docs and read_page to show the new heading, as the preview
// server's browsers would.
func TestContentFollowsEdits(t *testing.T) {
	f := newFixture(t)
	cs := start(t, "-content", f.content)
	var out searchOut
	addSection(t, f, cs)
	deadline := time.Now().Add(30 * time.Second)
	for {
		callJSON(t, cs, "search_docs", map[string]any{"query": "zebracornucopia"}, &out)
		if len(out.Results) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the edit never reached search_docs")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if got := out.Results[0].URL; got != "/reference/rate-limits/#zebracornucopia" {
		t.Errorf("first result %s, want the new heading", got)
	}
	text, isErr := call(t, cs, "read_page", map[string]any{"path": "/reference/rate-limits/", "anchor": "zebracornucopia"})
	if isErr || !strings.Contains(text, "A new section.") {
		t.Errorf("read_page of the new section: %q", text)
	}
}

// TestDirFollowsRebuilds rebuilds the -dir folder the way docsgen build
// does (a new folder swapped in whole) and checks that docsgen mcp reads
// the new site, not the deleted one.
func TestDirFollowsRebuilds(t *testing.T) {
	f := newFixture(t)
	cs := start(t, "-dir", f.dir)
	var out searchOut
	addSection(t, f, cs)
	f.build(t)
	callJSON(t, cs, "search_docs", map[string]any{"query": "zebracornucopia"}, &out)
	if len(out.Results) == 0 || out.Results[0].URL != "/reference/rate-limits/#zebracornucopia" {
		t.Errorf("after the rebuild, search_docs zebracornucopia gives %+v", out.Results)
	}
}

// addSection checks that search_docs does not find the word zebracornucopia
// yet, then adds a section of that name to the rate-limits page under
// -content.
func addSection(t *testing.T, f *fixture, cs *sdk.ClientSession) {
	t.Helper()
	var out searchOut
	callJSON(t, cs, "search_docs", map[string]any{"query": "zebracornucopia"}, &out)
	if len(out.Results) != 0 {
		t.Fatalf("found a word no page has yet: %+v", out.Results)
	}
	page := filepath.Join(f.content, "reference", "rate-limits.md")
	src, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, append(src, "\n## Zebracornucopia\n\nA new section.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
}
