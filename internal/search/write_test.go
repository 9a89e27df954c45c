package search

import (
	"strconv"
	"strings"
	"testing"
)

// TestDocumentChunkAnchors: a document chunk leaves out the anchors that
// headingID gives, and only those; every result keeps its own anchor.
func TestDocumentChunkAnchors(t *testing.T) {
	tests := []struct {
		heading, anchor string
		derived         bool
	}{
		{"Quick start", "quick-start", true},
		{"Rate-limit headers", "rate-limit-headers", true},
		{"max_tier option", "max_tier-option", true},
		{"Quick start", "quick-start-1", false}, // a repeated heading's id
		{"RATE_LIMIT_EXCEEDED", "rate-limit-exceeded", false},
		{"Größe", "größe", false}, // not ASCII: lower-cased alike only by luck
		{"İstanbul", "i̇stanbul", false},
		{"Code: 429", "code-429", false},
		{"", "", false},
	}
	var docs []Doc
	for i, tc := range tests {
		if got := derivedID(tc.heading, tc.anchor); got != tc.derived {
			t.Errorf("derivedID(%q, %q) = %v, want %v", tc.heading, tc.anchor, got, tc.derived)
		}
		kind := KindSection
		if tc.anchor == "" {
			kind = KindPage
		}
		docs = append(docs, Doc{URL: "/p/", PageTitle: "Page", Anchor: tc.anchor, Section: tc.heading, Kind: kind,
			Text: "word" + strings.Repeat("x", i) + " shared"})
	}
	ix, got := searchShared(t, docs, Options{MetaDocs: 64})
	anchors := map[string]bool{}
	for _, r := range got {
		anchors[r.Section+"#"+r.Anchor] = true
	}
	for _, tc := range tests {
		if !anchors[tc.heading+"#"+tc.anchor] {
			t.Errorf("no result %q with anchor %q in %v", tc.heading, tc.anchor, anchors)
		}
	}
	var chunk string
	for name, data := range ix.Files {
		if strings.Contains(name, "/d/") {
			chunk = string(data)
		}
	}
	if n := strings.Count(chunk, `[0,1,"`); n != 3 {
		t.Errorf("%d anchors left out, want 3:\n%s", n, chunk)
	}
}

// TestDocumentChunkKinds: the four kinds go as numbers, any other by its
// name; every result keeps its kind.
func TestDocumentChunkKinds(t *testing.T) {
	kinds := []string{KindPage, KindSection, KindError, KindStatus, "glossary"}
	var docs []Doc
	for i, k := range kinds {
		docs = append(docs, Doc{URL: "/p" + strconv.Itoa(i) + "/", PageTitle: "Page", Anchor: "a", Section: "Heading", Kind: k, Text: "shared"})
	}
	ix, got := searchShared(t, docs, Options{})
	seen := map[string]bool{}
	for _, r := range got {
		seen[r.Kind] = true
	}
	for _, k := range kinds {
		if !seen[k] {
			t.Errorf("no result of kind %q: %v", k, seen)
		}
	}
	for name, data := range ix.Files {
		if strings.Contains(name, "/d/") && strings.Count(string(data), `"section"`)+strings.Count(string(data), `"error"`) > 0 {
			t.Errorf("%s names a kind it numbers:\n%s", name, data)
		}
	}
}

// searchShared builds docs into an index and searches it for "shared".
func searchShared(t *testing.T, docs []Doc, opts Options) (*Index, []Result) {
	t.Helper()
	ix, err := Build(docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ix.Searcher()
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Search("shared", 100)
	if err != nil {
		t.Fatal(err)
	}
	return ix, got
}
