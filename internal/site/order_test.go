package site

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestReadingOrderFromNavigationLists builds an mdBook-style tree (a
// SUMMARY.md) with a Hugo-style section whose _index.md has a nav: list,
// and checks the reading order the sidebar, prev/next and llms.txt follow.
func TestReadingOrderFromNavigationLists(t *testing.T) {
	mem, res := buildInto(t, Options{Content: mapFS(map[string]string{
		"index.md":              "# Book\n",
		"SUMMARY.md":            "# Summary\n\n[Book](index.md)\n\n- [Zed](zed.md)\n- [Guide](guide/_index.md)\n- [Alpha](alpha.md)\n",
		"alpha.md":              "# Alpha\n",
		"zed.md":                "# Zed\n",
		"beta.md":               "# Beta, not listed\n",
		"guide/_index.md":       "---\ntitle: Guide\nnav:\n  - Setup: 10-setup.md\n---\n",
		"guide/2-install.md":    "# Install\n",
		"guide/10-setup.md":     "# Setup\n",
		"guide/1-overview.md":   "## Overview\n",
		"guide/3-aardvark.md":   "No heading at all.\n",
		"guide/img/diagram.png": "png",
	})})
	if res.Diags.HasErrors() {
		t.Fatalf("errors: %v", res.Diags)
	}
	llms := page(t, mem, "llms.txt")
	var got []string
	for _, m := range regexp.MustCompile(`(?m)^- \[([^\]]*)\]`).FindAllStringSubmatch(llms, -1) {
		got = append(got, m[1])
	}
	want := []string{"Book", "Zed", "Guide", "Setup", "Overview", "Install", "Aardvark", "Alpha", "Beta, not listed"}
	if !slices.Equal(got, want) {
		t.Errorf("reading order %v, want %v", got, want)
	}
	for file, next := range map[string]string{"zed/index.html": "/guide/", "guide/3-aardvark/index.html": "/alpha/"} {
		if html := page(t, mem, file); !strings.Contains(html, `rel="next" href="`+next+`"`) {
			t.Errorf("%s: the next link does not lead to %s", file, next)
		}
	}
	if _, ok := mem.Get("SUMMARY/index.html"); ok {
		t.Error("SUMMARY.md was published as a page")
	}
}
