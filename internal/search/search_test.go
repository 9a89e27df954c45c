package search

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/js"

	"docsgen/static"
)

func buildFixture(t testing.TB, opts Options) *Index {
	t.Helper()
	ix, err := Build(fixtureDocs(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func searcher(t testing.TB, ix *Index) *Searcher {
	t.Helper()
	s, err := ix.Searcher()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// rankingCases: the expected first result (and, where given, results that
// must be in the first few) for queries against fixtureDocs.
var rankingCases = []struct {
	query string
	first string
	top   []string // must appear in the first len(top)+1 results
}{
	{query: "RATE_LIMIT_EXCEEDED", first: "/reference/errors/#rate-limit-exceeded"},
	{query: "rate_limit_exceeded", first: "/reference/errors/#rate-limit-exceeded"},
	{query: "RATE_L", first: "/reference/errors/#rate-limit-exceeded"},
	{query: "ratelimitexceeded", first: "/reference/errors/#rate-limit-exceeded"},
	{query: "rate limit exceeded", first: "/reference/errors/#rate-limit-exceeded"},
	{query: "429", first: "/reference/errors/#status-429", top: []string{"/reference/errors/#rate-limit-exceeded", "/reference/errors/#session-limit-reached"}},
	// The entry that says to wait for the header, or the section that
	// defines it: both answer the question.
	{query: "X-RateLimit-Reset", first: "/reference/errors/#rate-limit-exceeded|/reference/errors/#rate-limit-headers", top: []string{"/reference/errors/#rate-limit-exceeded", "/reference/errors/#rate-limit-headers"}},
	{query: "ratelimit reset", first: "/reference/errors/#rate-limit-headers"},
	{query: "max_tier", first: "/reference/errors/#blocked-by-antibot"},
	{query: "insufficient credits", first: "/reference/errors/#insufficient-credits"},
	{query: "session expired", first: "/reference/errors/#session-expired-410|/reference/errors/#session-expired-401", top: []string{"/reference/errors/#session-expired-410", "/reference/errors/#session-expired-401"}},
	{query: "SESSION_EXPIRED", first: "/reference/errors/#session-expired-410|/reference/errors/#session-expired-401", top: []string{"/reference/errors/#session-expired-410", "/reference/errors/#session-expired-401"}},
	{query: "timeout", first: "/reference/errors/#timeout"},
	{query: "rate limits", first: "/reference/rate-limits/"},
	{query: "markdown", first: "/writing-docs/markdown/"},
	{query: "if", first: "/writing-docs/markdown/"},
	{query: "handling errors", first: "/reference/errors/#handling-errors"},
	{query: "limits per plan", first: "/reference/rate-limits/#limits-per-plan"},
	{query: "410", first: "/reference/errors/#status-410", top: []string{"/reference/errors/#session-expired-410"}},
	{query: "Too Many Requests", first: "/reference/errors/#status-429"},
	{query: "error codes", first: "/reference/errors/"},
	{query: "rate-limit headers", first: "/reference/errors/#rate-limit-headers"},
	{query: "insuff", first: "/reference/errors/#insufficient-credits"},
}

func TestRanking(t *testing.T) {
	s := searcher(t, buildFixture(t, Options{}))
	for _, tc := range rankingCases {
		t.Run(tc.query, func(t *testing.T) {
			res, err := s.Search(tc.query, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(res) == 0 {
				t.Fatalf("no results")
			}
			if got := res[0].Href(); !slices.Contains(strings.Split(tc.first, "|"), got) {
				t.Errorf("first result %s, want %s\n%s", got, tc.first, dump(res))
			}
			for _, want := range tc.top {
				found := false
				for _, r := range res[:min(len(res), len(tc.top)+1)] {
					// top lists documents that must all be near the top.
					found = found || r.Href() == want
				}
				if !found {
					t.Errorf("%s not in the first %d results\n%s", want, len(tc.top)+1, dump(res))
				}
			}
		})
	}
}

func dump(res []Result) string {
	var b strings.Builder
	for _, r := range res {
		fmt.Fprintf(&b, "  %-50s matched %d full %-5v score %d\n", r.Href(), r.Matched, r.Full, r.Score)
	}
	return b.String()
}

func TestSearchNoResults(t *testing.T) {
	s := searcher(t, buildFixture(t, Options{}))
	for _, q := range []string{"", "   ", "!!!", "zzzzqqq", "RATE_LIMIT_EXCEEDEDX"} {
		res, err := s.Search(q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(res) != 0 {
			t.Errorf("Search(%q) = %d results, want none\n%s", q, len(res), dump(res))
		}
	}
}

// TestPartialMatchRanksLast: documents that match every query word come
// before documents that match some.
func TestPartialMatchRanksLast(t *testing.T) {
	s := searcher(t, buildFixture(t, Options{}))
	res, err := s.Search("session cookies", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) < 2 || res[0].Href() != "/reference/errors/#session-expired-410" || res[0].Matched != 2 {
		t.Fatalf("want session-expired-410 first, matching both words\n%s", dump(res))
	}
	for i := 1; i < len(res); i++ {
		if res[i].Matched > res[i-1].Matched {
			t.Fatalf("result %d matches more words than the one before it\n%s", i, dump(res))
		}
	}
}

func TestBuildDeterministic(t *testing.T) {
	a := buildFixture(t, Options{Workers: 1})
	docs := fixtureDocs()
	// Reverse: Build orders by URL itself, keeping order within a page.
	var shuffled []Doc
	for i := len(docs) - 1; i >= 0; i-- {
		shuffled = append(shuffled, docs[i])
	}
	// Within a page the given order must be kept, so restore it per URL.
	byURL := map[string][]Doc{}
	var urls []string
	for _, d := range shuffled {
		if _, ok := byURL[d.URL]; !ok {
			urls = append(urls, d.URL)
		}
		byURL[d.URL] = nil
	}
	for _, d := range docs {
		byURL[d.URL] = append(byURL[d.URL], d)
	}
	shuffled = nil
	for _, u := range urls {
		shuffled = append(shuffled, byURL[u]...)
	}
	b, err := Build(shuffled, Options{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Files) != len(b.Files) {
		t.Fatalf("%d files, then %d", len(a.Files), len(b.Files))
	}
	for name, data := range a.Files {
		if !bytes.Equal(data, b.Files[name]) {
			t.Errorf("%s differs between builds", name)
		}
	}
}

func TestFilesAreValidJSON(t *testing.T) {
	ix := buildFixture(t, Options{ChunkBytes: 256, MetaDocs: 4})
	var man manifest
	if err := json.Unmarshal(ix.Files["index.json"], &man); err != nil {
		t.Fatal(err)
	}
	if chunks := len(filesUnder(ix, man.Data+"t/")); chunks < 3 {
		t.Fatalf("ChunkBytes 256 gave %d postings chunks, want several", chunks)
	}
	if man.Docs != ix.Docs || man.Docs != len(fixtureDocs()) {
		t.Errorf("manifest says %d docs, index %d, fixture %d", man.Docs, ix.Docs, len(fixtureDocs()))
	}
	for name, data := range ix.Files {
		if strings.HasSuffix(name, ".json") && !json.Valid(data) {
			t.Errorf("%s is not valid JSON", name)
		}
		if name != "index.json" && name != "search.js" && !strings.HasPrefix(name, man.Data) {
			t.Errorf("%s is outside the hashed folder %s", name, man.Data)
		}
	}
	if _, ok := ix.Files["search.js"]; !ok {
		t.Error("no search.js")
	}
	// Small chunks give the same best answers as big ones. (Not always the
	// same lists: a prefix reads at most a few chunks, so with tiny chunks
	// some of its longer terms are out of reach.)
	big := searcher(t, buildFixture(t, Options{}))
	small := searcher(t, ix)
	for _, tc := range rankingCases {
		a, _ := big.Search(tc.query, 10)
		b, _ := small.Search(tc.query, 10)
		if len(a) == 0 || len(b) == 0 || a[0].Href() != b[0].Href() {
			t.Errorf("%q: chunking changed the first result\nbig chunks:\n%ssmall chunks:\n%s", tc.query, dump(a), dump(b))
		}
	}
}

func TestMissingPageDocIsAdded(t *testing.T) {
	ix, err := Build([]Doc{
		{URL: "/a/", Anchor: "x", PageTitle: "Alpha page", Section: "X", Text: "text", Kind: KindSection, Description: "About alpha."},
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := searcher(t, ix).Search("alpha", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) == 0 || res[0].Href() != "/a/" || res[0].Kind != KindPage || res[0].Excerpt != "About alpha." {
		t.Fatalf("want the page's own document first, with its description as excerpt\n%s", dump(res))
	}
}

func TestMaxPostingsKeepsTheBest(t *testing.T) {
	var docs []Doc
	for i := range 50 {
		docs = append(docs, Doc{URL: fmt.Sprintf("/p%02d/", i), PageTitle: fmt.Sprintf("Page %d", i), Text: "common words here"})
		if i%10 == 0 {
			// Sections headed Common: covered by "common" too; the cap keeps
			// four of the five, so the covers of kept and dropped ones interleave.
			docs = append(docs, Doc{URL: fmt.Sprintf("/p%02d/", i), Anchor: "c", PageTitle: fmt.Sprintf("Page %d", i), Section: "Common", Text: strings.Repeat("filler ", 200)})
		}
	}
	docs = append(docs, Doc{URL: "/z/", PageTitle: "Common", Text: "the page titled common"})
	ix, err := Build(docs, Options{MaxPostings: 5})
	if err != nil {
		t.Fatal(err)
	}
	res, err := searcher(t, ix).Search("common", 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 5 {
		t.Fatalf("%d results, want MaxPostings (5)", len(res))
	}
	if res[0].URL != "/z/" || !res[0].Full {
		t.Fatalf("the capped list lost the best document or its cover\n%s", dump(res))
	}
}

func TestExcerpt(t *testing.T) {
	tests := []struct {
		give string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"one two three four", 9, "one two…"},
		{"ääääää", 3, "äää…"},
	}
	for _, tc := range tests {
		if got := excerpt(tc.give, tc.n); got != tc.want {
			t.Errorf("excerpt(%q, %d) = %q, want %q", tc.give, tc.n, got, tc.want)
		}
	}
}

// gz returns the gzip-compressed size of data, as a server sends it.
func gz(data []byte) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}

// TestLoaderIsTiny: the theme's 60-search.js is part of every page's script
// bundle, so it must stay under 1 KB compressed once minified; the rest of
// search is loaded when a reader opens it.
func TestLoaderIsTiny(t *testing.T) {
	src, err := fs.ReadFile(static.FS, "js/60-search.js")
	if err != nil {
		t.Fatal(err)
	}
	m := minify.New()
	m.AddFunc("application/javascript", js.Minify)
	min, err := m.Bytes("application/javascript", src)
	if err != nil {
		t.Fatal(err)
	}
	if n := gz(min); n > 1024 {
		t.Errorf("60-search.js is %d bytes minified and compressed, want at most 1024", n)
	}
	full, err := Script(true)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("60-search.js: %d bytes minified, %d compressed; search.js: %d minified, %d compressed", len(min), gz(min), len(full), gz(full))
}

// TestChunkSizesBounded: no file grows with the size of the site. A
// postings chunk stops growing at ChunkBytes and one term's entry is
// bounded by MaxPostings; a document chunk holds MetaDocs documents with
// bounded excerpts; index.json and a listing page list at most Fanout
// entries (TestManifestDoesNotGrow: the tree gets deeper instead).
func TestChunkSizesBounded(t *testing.T) {
	opts := Options{}
	opts.defaults()
	for _, pages := range []int{200, 2000} {
		ix, err := Build(syntheticDocs(pages), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var man manifest
		if err := json.Unmarshal(ix.Files["index.json"], &man); err != nil {
			t.Fatal(err)
		}
		// A posting is at most "16777215," + "255," + a cover pair.
		maxEntry := maxTermBytes + 64 + opts.MaxPostings*(9+4+8)
		biggest := map[string]int{}
		for name, data := range ix.Files {
			kind := path.Base(path.Dir(name))
			biggest[kind] = max(biggest[kind], len(data))
			switch kind {
			case "t":
				if len(data) > opts.ChunkBytes+maxEntry {
					t.Errorf("%s is %d bytes, over ChunkBytes plus one entry (%d)", name, len(data), opts.ChunkBytes+maxEntry)
				}
			case "d":
				// Per document: a URL and title (bounded by the test data),
				// an anchor, a heading and an excerpt of ExcerptRunes.
				if limit := opts.MetaDocs * (4*opts.ExcerptRunes + 400); len(data) > limit {
					t.Errorf("%s is %d bytes, over %d", name, len(data), limit)
				}
			}
		}
		// index.json and a listing page: Fanout entries, level-1 pages
		// maxChunks-1 more, each a term and a length.
		listBytes := 200 + (opts.Fanout+maxChunks-1)*(maxTermBytes+3+4)
		for name, data := range ix.Files {
			if name == "index.json" || strings.Contains(name, "/l/") {
				if len(data) > listBytes {
					t.Errorf("%s is %d bytes, over %d", name, len(data), listBytes)
				}
			}
		}
		t.Logf("%d pages: %d docs, %d postings chunks (largest %d B), largest document chunk %d B, index.json %d B, depth %d",
			pages, ix.Docs, len(filesUnder(ix, man.Data+"t/")), biggest["t"], biggest["d"], len(ix.Files["index.json"]), man.Depth)
	}
}
