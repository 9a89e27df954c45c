package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// filesUnder lists the index's files whose names start with prefix.
func filesUnder(ix *Index, prefix string) []string {
	var out []string
	for name := range ix.Files {
		if strings.HasPrefix(name, prefix) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// listingDocs is a site with many postings chunks when ChunkBytes is
// small: the fixture and synthetic pages beside it.
func listingDocs() []Doc {
	return append(fixtureDocs(), syntheticDocs(60)...)
}

// listingQueries are the engine's and the scale test's queries, and every
// prefix of a few words as typed: open forms read several chunks.
func listingQueries() []string {
	qs := slices.Concat(engineQueries, scaleQueries)
	for _, w := range []string{"webhook_schedule", "RATE_LIMIT_EXCEEDED", "throughput", "x-ratelimit-reset", "session cookie"} {
		for i := 1; i <= len(w); i++ {
			qs = append(qs, w[:i])
		}
	}
	return qs
}

// countingSearcher is a Searcher over ix that records the files it reads.
func countingSearcher(t *testing.T, ix *Index, read map[string]bool) *Searcher {
	t.Helper()
	s, err := NewSearcher(func(name string) ([]byte, error) {
		read[name] = true
		return ix.Files[name], nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestListingGivesTheSameResults: the listing only finds chunks. Whatever
// its fanout and depth, every query gets the results it gets from a flat
// listing that reads the whole window of every form (the format before
// the listing had pages), while reading no more chunks than that.
func TestListingGivesTheSameResults(t *testing.T) {
	docs := listingDocs()
	build := func(fanout int) *Index {
		ix, err := Build(docs, Options{ChunkBytes: 300, MetaDocs: 3, Fanout: fanout})
		if err != nil {
			t.Fatal(err)
		}
		return ix
	}
	flat := build(1 << 20)
	var man manifest
	if err := json.Unmarshal(flat.Files["index.json"], &man); err != nil {
		t.Fatal(err)
	}
	chunks := len(filesUnder(flat, man.Data+"t/"))
	if man.Depth != 0 || len(man.First) != chunks || chunks < 100 {
		t.Fatalf("flat listing: depth %d, %d entries for %d chunks; want depth 0 and over 100 chunks", man.Depth, len(man.First), chunks)
	}
	ref := searcher(t, flat)
	ref.allChunks = true
	queries := listingQueries()
	want := map[string][]Result{}
	for _, q := range queries {
		res, err := ref.Search(q, 10)
		if err != nil {
			t.Fatal(err)
		}
		want[q] = res
	}
	for _, fanout := range []int{2, 3, 7, 96} {
		t.Run(fmt.Sprint("fanout ", fanout), func(t *testing.T) {
			ix := build(fanout)
			var m manifest
			if err := json.Unmarshal(ix.Files["index.json"], &m); err != nil {
				t.Fatal(err)
			}
			// The chunks are the flat index's, byte for byte.
			if got := filesUnder(ix, m.Data+"t/"); len(got) != chunks {
				t.Fatalf("%d postings chunks, flat listing %d", len(got), chunks)
			}
			for _, name := range filesUnder(flat, man.Data) {
				if strings.Contains(name, "/l/") {
					continue
				}
				if !bytes.Equal(ix.Files[m.Data+strings.TrimPrefix(name, man.Data)], flat.Files[name]) {
					t.Errorf("%s differs from the flat index's", name)
				}
			}
			skipped := 0
			for _, q := range queries {
				refRead, read := map[string]bool{}, map[string]bool{}
				r := countingSearcher(t, flat, refRead)
				r.allChunks = true
				if _, err := r.Search(q, 10); err != nil {
					t.Fatal(err)
				}
				s := countingSearcher(t, ix, read)
				got, err := s.Search(q, 10)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(got, want[q]) {
					t.Errorf("%q: depth %d gives\n%swant\n%s", q, m.Depth, dump(got), dump(want[q]))
				}
				a, b := chunksRead(refRead, man.Data), chunksRead(read, m.Data)
				if extra := slices.DeleteFunc(slices.Clone(b), func(c string) bool { return slices.Contains(a, c) }); len(extra) > 0 {
					t.Errorf("%q reads chunks %q that the whole windows do not hold", q, extra)
				}
				skipped += len(a) - len(b)
			}
			// Closed words skip chunks with only longer terms.
			if skipped == 0 {
				t.Error("no query read fewer chunks than its whole windows")
			}
			t.Logf("depth %d, %d listing pages; %d chunk reads skipped over %d queries", m.Depth, len(filesUnder(ix, m.Data+"l/")), skipped, len(queries))
		})
	}
}

// chunksRead lists the postings and document chunks among read, by their
// names under the data folder.
func chunksRead(read map[string]bool, data string) []string {
	var out []string
	for _, name := range slices.Sorted(maps.Keys(read)) {
		if rel := strings.TrimPrefix(name, data); rel != name && !strings.HasPrefix(rel, "l/") {
			out = append(out, rel)
		}
	}
	return out
}

// TestManifestDoesNotGrow: ten times the pages make ten times the chunks,
// not a bigger index.json or bigger listing pages: the tree gets deeper.
func TestManifestDoesNotGrow(t *testing.T) {
	const fanout = 8
	var sizes []int
	var depths []int
	for _, pages := range []int{30, 300} {
		ix, err := Build(syntheticDocs(pages), Options{ChunkBytes: 256, Fanout: fanout})
		if err != nil {
			t.Fatal(err)
		}
		var m manifest
		if err := json.Unmarshal(ix.Files["index.json"], &m); err != nil {
			t.Fatal(err)
		}
		if len(m.First) > fanout {
			t.Errorf("%d pages: index.json lists %d entries, over the fanout %d", pages, len(m.First), fanout)
		}
		for _, name := range filesUnder(ix, m.Data+"l/") {
			var p listPage
			if err := json.Unmarshal(ix.Files[name], &p); err != nil {
				t.Fatal(err)
			}
			if limit := fanout + maxChunks - 1; len(p.First) > limit || len(p.First) == 0 {
				t.Errorf("%s lists %d entries, want 1 to %d", name, len(p.First), limit)
			}
		}
		// The longest term in the manifest: a bound on its size.
		longest := 0
		for _, f := range m.First {
			longest = max(longest, len(f))
		}
		sizes = append(sizes, len(ix.Files["index.json"]))
		depths = append(depths, m.Depth)
		t.Logf("%d pages: %d postings chunks, depth %d, index.json %d bytes (longest entry %d)",
			pages, len(filesUnder(ix, m.Data+"t/")), m.Depth, len(ix.Files["index.json"]), longest)
		if limit := 200 + fanout*(maxTermBytes+8); len(ix.Files["index.json"]) > limit {
			t.Errorf("%d pages: index.json is %d bytes, over %d", pages, len(ix.Files["index.json"]), limit)
		}
	}
	if depths[1] <= depths[0] {
		t.Errorf("depths %v: ten times the chunks should add a level", depths)
	}
}

// TestBrokenListing: a listing that is missing, cut short or of another
// format gives an error, never a panic or a wrong answer.
func TestBrokenListing(t *testing.T) {
	ix, err := Build(listingDocs(), Options{ChunkBytes: 300, Fanout: 4})
	if err != nil {
		t.Fatal(err)
	}
	var m manifest
	if err := json.Unmarshal(ix.Files["index.json"], &m); err != nil {
		t.Fatal(err)
	}
	page := m.Data + "l/1/0.json"
	if m.Depth < 2 || ix.Files[page] == nil {
		t.Fatalf("depth %d, want a tree with %s", m.Depth, page)
	}
	replace := func(name, data string) map[string][]byte {
		files := maps.Clone(ix.Files)
		if data == "" {
			delete(files, name)
		} else {
			files[name] = []byte(data)
		}
		return files
	}
	manifestWith := func(from, to string) map[string][]byte {
		return replace("index.json", strings.Replace(string(ix.Files["index.json"]), from, to, 1))
	}
	cases := []struct {
		name  string
		files map[string][]byte
		want  string // in the error of NewSearcher or of Search("0")
	}{
		{"format 2", manifestWith(`"v":3`, `"v":2`), "format 2, want 3"},
		{"no fanout", manifestWith(`"fanout":4`, `"fanout":0`), "bad settings"},
		{"no meta", manifestWith(`"meta":8`, `"meta":0`), "bad settings"},
		{"flat without lengths", manifestWith(fmt.Sprintf(`"depth":%d`, m.Depth), `"depth":0`), "lengths"},
		{"page missing", replace(page, ""), "no file " + page},
		{"page not JSON", replace(page, "[1,2"), page},
		{"page without lengths", replace(page, `{"f":["a","b"]}`), page + ": 2 entries and 0 lengths"},
		{"page empty", replace(page, `{"f":[],"r":[]}`), page},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := NewSearcher(func(name string) ([]byte, error) {
				b, ok := tc.files[name]
				if !ok {
					return nil, fmt.Errorf("no file %s", name)
				}
				return b, nil
			})
			if err == nil {
				_, err = s.Search("0", 10) // "0" sorts first: page 0 of every level
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one with %q", err, tc.want)
			}
		})
	}
}
