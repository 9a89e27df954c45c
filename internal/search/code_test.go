package search

import (
	"slices"
	"strings"
	"testing"
)

// TestCodeRanksBelowText checks the code band: a term found only in code
// blocks is found, and ranks below every document that has it in its
// text, heading, title or description, however often the code repeats it
// and however long the text around the other mention is.
func TestCodeRanksBelowText(t *testing.T) {
	long := strings.Repeat("padding words that say nothing in particular ", 80)
	docs := []Doc{
		{URL: "/a/", PageTitle: "Handling", Anchor: "example", Section: "Example",
			Text: "A short intro.", Code: "MAX_ATTEMPTS = 3\nfor i in range(MAX_ATTEMPTS): MAX_ATTEMPTS MAX_ATTEMPTS"},
		{URL: "/b/", PageTitle: "Prose", Anchor: "long", Section: "Long",
			Text: long + " the client stops after MAX_ATTEMPTS tries " + long},
		{URL: "/c/", PageTitle: "Heading", Anchor: "max-attempts", Section: "MAX_ATTEMPTS", Text: "How many tries."},
		{URL: "/d/", PageTitle: "Codes", Anchor: "headers", Section: "Headers",
			Text: "Send the key.", Code: `headers={"X-API-Key": key}`},
		{URL: "/e/", PageTitle: "Other", Description: "Pages about MAX_ATTEMPTS."},
	}
	ix, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := searcher(t, ix)
	tests := []struct {
		query string
		want  []string // the results in order; only the last is code
	}{
		{"MAX_ATTEMPTS", []string{"/c/#max-attempts", "/e/", "/b/#long", "/a/#example"}},
		{"max attempts", []string{"/c/#max-attempts", "/e/", "/b/#long", "/a/#example"}},
		{"X-API-Key", []string{"/d/#headers"}},
		{"api key", []string{"/d/#headers"}},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			hits, err := s.Search(tc.query, 10)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, h.Href())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("results %q, want %q", got, tc.want)
			}
		})
	}
}

// TestCodeExcerpt checks that a section of code alone shows its code as
// the excerpt, and that prose wins where there is some.
func TestCodeExcerpt(t *testing.T) {
	ix, err := Build([]Doc{
		{URL: "/a/", PageTitle: "A", Anchor: "only-code", Section: "Only code", Code: "wait_for_reset(resp)"},
		{URL: "/a/", PageTitle: "A", Anchor: "both", Section: "Both", Text: "Wait, then retry.", Code: "wait_for_reset(resp)"},
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	hits, err := searcher(t, ix).Search("wait_for_reset", 10)
	if err != nil {
		t.Fatal(err)
	}
	excerpts := map[string]string{}
	for _, h := range hits {
		excerpts[h.Anchor] = h.Excerpt
	}
	if excerpts["only-code"] != "wait_for_reset(resp)" || excerpts["both"] != "Wait, then retry." {
		t.Errorf("excerpts %q", excerpts)
	}
}
