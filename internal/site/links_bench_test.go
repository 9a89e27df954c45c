package site

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"docsgen/internal/diag"
	"docsgen/internal/output"
)

// linkTree is a 1,200-page tree (40 folders of 30 pages) whose pages link
// three others each: 3,600 links, written as site paths, relative files
// and #anchors. With broken set, every one of them is wrong the ways
// authors get links wrong (a typo, a wrong folder, the wrong case, a
// missing anchor), so each needs a "did you mean".
func linkTree(broken bool) fstest.MapFS {
	const folders, perFolder = 40, 30
	fsys := fstest.MapFS{}
	for f := range folders {
		for p := range perFolder {
			var body strings.Builder
			fmt.Fprintf(&body, "---\ntitle: Page %d of %d\n---\n## Overview\n\n", p, f)
			for k := range 3 {
				tf, tp := (f+k+1)%folders, (p*7+k)%perFolder
				var dest string
				switch k {
				case 0:
					dest = fmt.Sprintf("/section-%02d/topic-page-%02d/", tf, tp)
					if broken {
						dest = fmt.Sprintf("/section-%02d/topic-paeg-%02d/", tf, tp)
					}
				case 1:
					dest = fmt.Sprintf("../section-%02d/topic-page-%02d.md#overview", tf, tp)
					if broken {
						dest = fmt.Sprintf("../section-%02d/Topic-Page-%02d.md#overview", tf, tp)
					}
				case 2:
					dest = fmt.Sprintf("/section-%02d/topic-page-%02d/#overview", tf, tp)
					if broken {
						dest = fmt.Sprintf("/section-%02d/topic-page-%02d/#overveiw", tf, tp)
					}
				}
				fmt.Fprintf(&body, "See [link %d](%s) for more.\n\n", k, dest)
			}
			fsys[fmt.Sprintf("section-%02d/topic-page-%02d.md", f, p)] = &fstest.MapFile{Data: []byte(body.String())}
		}
	}
	return fsys
}

func benchmarkLinkTree(b *testing.B, broken bool, wantErrors int) {
	fsys := linkTree(broken)
	for b.Loop() {
		res, err := Build(context.Background(), Options{Content: fsys}, output.NewMemory())
		if err != nil {
			b.Fatal(err)
		}
		if n := len(res.Diags.Errors()); n != wantErrors {
			b.Fatalf("%d errors, want %d: %v", n, wantErrors, firstDiags(res.Diags, 3))
		}
	}
}

func firstDiags(ds diag.List, n int) diag.List {
	return ds[:min(n, len(ds))]
}

// BenchmarkLinks3600Fixed and BenchmarkLinks3600Broken build the same
// tree with its 3,600 links right and wrong: the difference is the cost of
// reporting broken links with suggestions (issue 12 allows 1.2 times).
func BenchmarkLinks3600Fixed(b *testing.B)  { benchmarkLinkTree(b, false, 0) }
func BenchmarkLinks3600Broken(b *testing.B) { benchmarkLinkTree(b, true, 3600) }

// TestBrokenLinkTreeSuggests checks that the benchmark's broken tree gets
// the right suggestion for every one of its 3,600 broken links.
func TestBrokenLinkTreeSuggests(t *testing.T) {
	_, res := buildInto(t, Options{Content: linkTree(true)})
	fix := strings.NewReplacer("paeg", "page", "../", "/", "Topic-Page", "topic-page", ".md", "/", "overveiw", "overview")
	errs := res.Diags.Errors()
	if len(errs) != 3600 {
		t.Fatalf("%d errors, want 3600", len(errs))
	}
	for _, d := range errs {
		dest, _, _ := strings.Cut(strings.TrimPrefix(d.Msg, "link to "), ": ")
		want := "did you mean " + fix.Replace(dest) + "?"
		if d.Hint != want {
			t.Fatalf("%s: %s\nhint %q\nwant %q", d.File, d.Msg, d.Hint, want)
		}
	}
}
