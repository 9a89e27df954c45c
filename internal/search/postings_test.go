package search

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"slices"
	"strconv"
	"strings"
	"testing"

	"docsgen/internal/browsertest"
)

// postingsCase is one term's postings to encode: docs ascending, a score
// per doc, and the covers of some of them.
type postingsCase struct {
	name, term string
	df, w      int
	docs       []int
	scores     []uint8
	covers     map[int]uint8 // by doc; 0 is no cover
}

func (c postingsCase) plist() *plist {
	l := &plist{df: c.df}
	for i, d := range c.docs {
		l.post = append(l.post, posting(d, c.scores[i]))
		if cv := c.covers[d]; cv != 0 {
			l.cov = append(l.cov, posting(d, cv))
		}
	}
	return l
}

// postingsCases are entries with one posting, numbers of one to five
// digits, every score and cover byte, covers on none, some or all
// postings, and a term JSON escapes.
func postingsCases() []postingsCase {
	rng := rand.New(rand.NewSource(3))
	random := func(name string, n, maxDoc int, covered float64) postingsCase {
		c := postingsCase{name: name, term: name, df: n * 3, w: 100 + rng.Intn(900), covers: map[int]uint8{}}
		for _, d := range rng.Perm(maxDoc)[:n] {
			c.docs = append(c.docs, d)
		}
		slices.Sort(c.docs)
		for _, d := range c.docs {
			c.scores = append(c.scores, uint8(60+rng.Intn(15)))
			if rng.Float64() < covered {
				c.covers[d] = []uint8{64, 85, 128, 170, 255}[rng.Intn(5)]
			}
		}
		return c
	}
	all := postingsCase{name: "every byte", term: "every", df: 256, w: 31, covers: map[int]uint8{}}
	for i := range 256 {
		all.docs = append(all.docs, i*4099)
		all.scores = append(all.scores, uint8(i))
		all.covers[i*4099] = uint8(255 - i)
	}
	return []postingsCase{
		{name: "one posting", term: "x", df: 1, w: 1234, docs: []int{0}, scores: []uint8{1}},
		{name: "last document", term: `quote"back\slash`, df: 70000, w: 32, docs: []int{1<<24 - 1}, scores: []uint8{255}, covers: map[int]uint8{1<<24 - 1: 255}},
		{name: "digit edges", term: "ünïcode", df: 1 << 20, w: 1023, docs: []int{31, 32, 1023, 1024, 32767, 32768}, scores: []uint8{31, 32, 0, 255, 1, 2}, covers: map[int]uint8{32: 31, 1024: 32}},
		all,
		random("common", 1000, 700000, 1),
		random("body", 1000, 700000, 0),
		random("mixed", 300, 5000, 0.3),
	}
}

// format2Entry is a postings entry as format 2 wrote it, JSON arrays of
// numbers: the size the chunks are still cut by.
func format2Entry(c postingsCase, w int) []byte {
	buf := appendString([]byte{'['}, c.term)
	buf = fmt.Appendf(buf, ",%d,%d,[", c.df, w)
	var deltas, scores, covers []string
	prev, at := 0, 0
	for i, d := range c.docs {
		deltas = append(deltas, strconv.Itoa(d-prev))
		scores = append(scores, strconv.Itoa(int(c.scores[i])))
		prev = d
		if cv := c.covers[d]; cv != 0 {
			covers = append(covers, strconv.Itoa(i-at), strconv.Itoa(int(cv)))
			at = i
		}
	}
	buf = append(buf, strings.Join(deltas, ",")+"],["+strings.Join(scores, ",")+"],["+strings.Join(covers, ",")+"]]"...)
	return buf
}

// TestPostingsRoundTrip: what appendTerm writes, entry decodes to the same
// documents, scores and covers; and a term weighs what its entry weighed
// in format 2, so chunks are cut where they were.
func TestPostingsRoundTrip(t *testing.T) {
	enc := &termEncoder{}
	for _, c := range postingsCases() {
		t.Run(c.name, func(t *testing.T) {
			l := c.plist()
			data := enc.appendTerm(nil, c.term, l, c.w)
			var e entry
			if err := json.Unmarshal(data, &e); err != nil {
				t.Fatalf("%s: %v", data, err)
			}
			covers := make([]int, len(c.docs))
			scores := make([]int, len(c.docs))
			for i, d := range c.docs {
				covers[i] = int(c.covers[d])
				scores[i] = int(c.scores[i])
			}
			if e.term != c.term || e.df != c.df || e.w != c.w || !slices.Equal(e.docs, c.docs) || !slices.Equal(e.scores, scores) || !slices.Equal(e.covers, covers) {
				t.Errorf("decoded %q df %d w %d\ndocs %v\nscores %v\ncovers %v", e.term, e.df, e.w, e.docs, e.scores, e.covers)
			}
			if got, want := enc.weight(c.term, l, c.w), len(format2Entry(c, c.w)); got != want {
				t.Errorf("weight %d, format 2 entry %d bytes", got, want)
			}
			t.Logf("%d postings: %d bytes, %d in format 2; compressed %d, %d", len(c.docs), len(data), len(format2Entry(c, c.w)), gz(data), gz(format2Entry(c, c.w)))
		})
	}
}

// TestPostingsRejectsBadNumbers: a damaged entry is an error, never a
// panic or made-up postings.
func TestPostingsRejectsBadNumbers(t *testing.T) {
	tests := []struct{ name, give, want string }{
		{"not digits", `["a","BB*"]`, "bad digit"},
		{"ends inside a number", `["a","BBBBg"]`, "end inside a number"},
		{"too few numbers", `["a","BBBBBB"]`, "postings"},
		{"more postings than numbers", `["a","BBpBBB"]`, "postings"},
		{"pair out of range", `["a","BBBBBBBB"]`, "pair 1 of 1"},
		{"numbers left over", `["a","BBBBBBAAA"]`, "too many"},
		{"huge number", `["a","` + strings.Repeat("_", 12) + `A"]`, "too large"},
		{"three fields", `["a","BB","C"]`, "want 2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var e entry
			err := json.Unmarshal([]byte(tc.give), &e)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one with %q", err, tc.want)
			}
		})
	}
}

// TestJSReadsPostings: search.js decodes a chunk of these entries to what
// the Go decoder reads.
func TestJSReadsPostings(t *testing.T) {
	enc := &termEncoder{}
	chunk := []byte{'['}
	var want []entry
	for i, c := range postingsCases() {
		if i > 0 {
			chunk = append(chunk, ',')
		}
		data := enc.appendTerm(nil, c.term, c.plist(), c.w)
		chunk = append(chunk, data...)
		var e entry
		if err := json.Unmarshal(data, &e); err != nil {
			t.Fatal(err)
		}
		want = append(want, e)
	}
	chunk = append(chunk, ']')
	srv := harness(t, fixtureDocs(), Options{})
	tb := newTab(t)
	loadScript(t, tb, srv)
	type jsEntry struct {
		Term   string `json:"term"`
		DF     int    `json:"df"`
		W      int    `json:"w"`
		Docs   []int  `json:"docs"`
		Scores []int  `json:"scores"`
		Covers []int  `json:"covers"`
	}
	got := browsertest.Eval[[]jsEntry](t, tb, `new DocsgenSearch.Engine("", {v: 3, data: ""}, function () {
		return Promise.resolve(JSON.parse(`+strconv.Quote(string(chunk))+`));
	}).loadChunk(0)`)
	if len(got) != len(want) {
		t.Fatalf("JS read %d entries, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Term != w.term || g.DF != w.df || g.W != w.w || !slices.Equal(g.Docs, w.docs) || !slices.Equal(g.Scores, w.scores) || !slices.Equal(g.Covers, w.covers) {
			t.Errorf("entry %d: JS %+v\nGo %+v", i, g, w)
		}
	}
	tb.CheckClean(t)
}
