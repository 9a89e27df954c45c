// Package search builds docsgen's site search: an index that understands
// identifiers, written as small files that the browser fetches only when a
// reader searches, and the script that searches them.
//
// # Terms
//
// Text is cut into words (see Tokenize): letters, digits and marks, joined
// into one identifier by '_' or '-'. A word is indexed whole and by its
// parts: RATE_LIMIT_EXCEEDED gives rate_limit_exceeded, rate, limit,
// exceeded and ratelimitexceeded; X-RateLimit-Reset gives
// x-ratelimit-reset, x, ratelimit, rate, limit, reset and xratelimitreset.
// Numbers are words and no stop word is dropped, so 429 and "if" are found.
// search.js holds the same tokenizer for queries.
//
// # Documents and scores
//
// Every Doc is one result: a page's opening text (Kind "page"), the text
// under one of its h2/h3 headings ("section"), or one entry of the error
// catalog ("error", "status"). For each term a document gets one score, fixed
// at build time from where the term appears:
//
//   - the page title (in the page's own document: the strongest field),
//   - the section heading, and the document's Keywords (an error entry's
//     status, so that 429 finds the entries with that status),
//   - the description, and the body text, saturating with repeats and
//     scaled by length (BM25-style); catalog entries weigh their text a
//     little more than prose,
//   - the page title in the page's section documents (weak context).
//
// Title and heading scores come from shares: a part of an identifier counts
// only for its share of the identifier (rate is a third of
// RATE_LIMIT_EXCEEDED), a word for its share of the heading. Each document
// also keeps, per term, the term's share of its own name (the title of a
// page document, the heading of a section): its cover.
//
// # Queries
//
// A query is cut into words the same way. A query word matches a document
// through its whole form, its joined form or all of its leaves. Each form
// also matches terms up to two runes longer (limit: limits), and the word
// still being typed (the last, with nothing after it) matches any longer
// term it starts (RATE_L: rate_limit_exceeded), at a discount that shrinks
// as more is typed. Results come in this order:
//
//  1. documents that match more query words;
//  2. documents whose name is the query: every query word is in the title
//     or heading and their covers add up to all of it ("insufficient
//     credits" for INSUFFICIENT_CREDITS, "rate limits" for Rate Limits,
//     RATE_L for RATE_LIMIT_EXCEEDED);
//  3. a higher sum of term scores, each weighted by the term's rarity.
//
// The browser (search.js) and Searcher rank with the same integer
// arithmetic, so Go tests check what readers see.
//
// # Files
//
// Build returns the files to publish under /search/:
//
//	index.json                    manifest: sizes and the first term of each postings chunk
//	search.js                     the search dialog, loaded when a reader opens it
//	data/<hash>/t/<n>.json        postings chunks: terms in sorted order, each with its documents
//	data/<hash>/d/<n>.json        document chunks: title, heading, URL and excerpt of MetaDocs documents
//
// index.json and search.js keep their names (serve them with short caching);
// everything under data/<hash>/ is named by a hash of its contents and never
// changes (cache it for good). A query fetches the postings chunks of its
// words and the document chunks of the results it shows, nothing else.
// A term found in more than MaxPostings documents keeps only its
// MaxPostings best ones, so no chunk grows with the size of the site.
package search

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"
)

// Kinds of Doc.
const (
	KindPage    = "page"
	KindSection = "section"
	KindError   = "error"
	KindStatus  = "status"
)

// Doc is one searchable piece of the site: one result.
type Doc struct {
	// URL is the page's path, such as /reference/errors/.
	URL string
	// Anchor is the heading's id, or "" for the page's opening text.
	Anchor string
	// PageTitle is the page's title.
	PageTitle string
	// Section is the heading text; "" for the page's opening text.
	Section string
	// Text is the plain text under the heading.
	Text string
	// Kind is KindPage, KindSection, KindError or KindStatus.
	Kind string
	// Description is the page's description (used for Kind page).
	Description string
	// Keywords are words that name the document besides its heading,
	// weighted almost as much as the heading but not shown: for an error
	// entry, its HTTP status ("429 Too Many Requests"), so that a search
	// for 429 finds the entries with that status before prose that
	// mentions it. Optional.
	Keywords string
}

// Options tunes Build. The zero value gives the defaults stated.
type Options struct {
	// Minify minifies search.js; default false.
	Minify bool
	// MaxPostings caps the documents kept for one term, its best ones by
	// score; default 1000.
	MaxPostings int
	// ChunkBytes is the size a postings chunk grows to before the next one
	// starts (a single term may exceed it); default 4096.
	ChunkBytes int
	// MetaDocs is the number of documents in one document chunk; default 8.
	// Results are scattered, so each costs a chunk: smaller chunks waste
	// fewer bytes per result, bigger ones make fewer files (a page's
	// sections are neighbours, so a chunk holds about one page).
	MetaDocs int
	// ExcerptRunes is the length of the text kept for snippets; default 200.
	ExcerptRunes int
	// Workers is the number of goroutines that tokenize; default GOMAXPROCS.
	Workers int
	// Cache, when set, keeps built indexes under a hash of everything that
	// goes into them (documents, options, search.js), so that building
	// unchanged documents again reads the files back instead of indexing.
	// *cache.Dir (internal/cache) is one. Default nil: always index.
	Cache Cache
}

// Cache stores blobs under content-addressed keys.
type Cache interface {
	Get(key [32]byte) ([]byte, bool)
	Put(key [32]byte, data []byte) error
}

func (o *Options) defaults() {
	if o.MaxPostings <= 0 {
		o.MaxPostings = 1000
	}
	if o.ChunkBytes <= 0 {
		o.ChunkBytes = 4096
	}
	if o.MetaDocs <= 0 {
		o.MetaDocs = 8
	}
	if o.ExcerptRunes <= 0 {
		o.ExcerptRunes = 200
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
}

// Query tuning shared by Searcher and search.js through the manifest.
const (
	// maxExpand is how many longer terms one query form may match as a prefix.
	maxExpand = 20
	// maxChunks is how many postings chunks one query form may fetch: an
	// open form (the word being typed) one per rune typed, up to maxChunks;
	// a closed form two at most (its own and one for longer forms).
	maxChunks = 3
	// maxTermBytes: longer words (hashes, data) are not indexed.
	maxTermBytes = 64
	// formatVersion is index.json's "v"; search.js refuses other versions.
	formatVersion = 1
)

// Index is a built search index.
type Index struct {
	// Files maps names relative to the site's /search/ folder to contents:
	// index.json, search.js and the chunks under data/<hash>/.
	Files map[string][]byte
	// Docs is the number of documents indexed.
	Docs int
	// Terms is the number of distinct terms indexed.
	Terms int
}

// Build indexes docs and returns the files of the index. Docs are ordered
// by URL (keeping the given order within a page), so the output depends
// only on the docs, never on the order pages finished rendering. A page
// with no Doc of its own (Anchor "") gets one from its title and
// description. Build is deterministic: the same docs give the same bytes.
func Build(docs []Doc, opts Options) (*Index, error) {
	opts.defaults()
	docs = normalize(docs)
	var key [32]byte
	if opts.Cache != nil {
		script, err := Script(opts.Minify)
		if err != nil {
			return nil, err
		}
		key = cacheKey(docs, opts, script)
		if data, ok := opts.Cache.Get(key); ok {
			if ix, err := decodeIndex(data); err == nil {
				return ix, nil
			}
		}
	}
	b := &builder{opts: opts, docs: docs}
	b.index()
	ix, err := b.write()
	if err != nil {
		return nil, err
	}
	if opts.Cache != nil {
		// A cache that cannot store is no reason to fail the build.
		_ = opts.Cache.Put(key, encodeIndex(ix))
	}
	return ix, nil
}

// normalize sorts docs by URL, stable, and adds missing page documents.
func normalize(in []Doc) []Doc {
	docs := slices.Clone(in)
	slices.SortStableFunc(docs, func(a, b Doc) int {
		switch {
		case a.URL < b.URL:
			return -1
		case a.URL > b.URL:
			return 1
		}
		// The page's own document first.
		switch {
		case a.Anchor == "" && b.Anchor != "":
			return -1
		case a.Anchor != "" && b.Anchor == "":
			return 1
		}
		return 0
	})
	out := make([]Doc, 0, len(docs))
	for i, d := range docs {
		if d.Kind == "" {
			d.Kind = KindSection
			if d.Anchor == "" {
				d.Kind = KindPage
			}
		}
		if (i == 0 || docs[i-1].URL != d.URL) && d.Anchor != "" {
			out = append(out, Doc{URL: d.URL, PageTitle: d.PageTitle, Kind: KindPage, Description: d.Description})
		}
		if d.Anchor == "" && d.Kind != KindPage {
			d.Kind = KindPage
		}
		if i > 0 && docs[i-1].URL == d.URL && d.Anchor == "" {
			// A second opening document of the same page: keep it as text
			// of the first.
			last := &out[len(out)-1]
			last.Text = joinSpace(last.Text, d.Text)
			continue
		}
		out = append(out, d)
	}
	return out
}

func joinSpace(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}

// builder holds one Build's state.
type builder struct {
	opts Options
	docs []Doc

	terms    []string // sorted
	postings []plist  // parallel to terms
}

// posting packs a document number and a byte: doc<<8 | v, the score in a
// postings list, the cover in a covers list.
func posting(doc int, v uint8) uint32 { return uint32(doc)<<8 | uint32(v) }

// plist is one term's postings, sorted by doc, as pieces of the workers'
// lists in worker order (no copy): every posting, and apart the postings
// whose cover is not 0.
type plist struct {
	segs, covs [][]uint32
	df         int // documents before the cap
}

// index tokenizes every document, in parallel over contiguous ranges, and
// merges the per-range postings in range order so lists stay sorted by doc.
func (b *builder) index() {
	if len(b.docs) >= 1<<24 {
		b.docs = b.docs[:1<<24-1]
	}
	var bodyTotal, descTotal, descN float64
	for _, d := range b.docs {
		bodyTotal += float64(len(d.Text))
		if d.Kind == KindPage && d.Description != "" {
			descTotal += float64(len(d.Description))
			descN++
		}
	}
	avg := lengths{body: 1, desc: 1}
	if len(b.docs) > 0 && bodyTotal > 0 {
		avg.body = bodyTotal / float64(len(b.docs))
	}
	if descN > 0 {
		avg.desc = descTotal / descN
	}
	n := b.opts.Workers
	if n > len(b.docs)/64+1 {
		n = len(b.docs)/64 + 1
	}
	workers := make([]*worker, n)
	var wg sync.WaitGroup
	per := (len(b.docs) + n - 1) / n
	for i := range workers {
		w := newWorker(avg)
		workers[i] = w
		from, to := i*per, min((i+1)*per, len(b.docs))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := from; d < to; d++ {
				w.add(d, &b.docs[d])
			}
		}()
	}
	wg.Wait()

	ids := map[string]int{}
	var terms []string
	var lists []plist
	for _, w := range workers {
		for local, t := range w.terms {
			id, ok := ids[t]
			if !ok {
				id = len(terms)
				ids[t] = id
				terms = append(terms, t)
				lists = append(lists, plist{})
			}
			l := &lists[id]
			l.segs = append(l.segs, w.post[local])
			l.df += len(w.post[local])
			if len(w.cov[local]) > 0 {
				l.covs = append(l.covs, w.cov[local])
			}
		}
	}
	order := make([]int, len(terms))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, c int) int {
		switch {
		case terms[a] < terms[c]:
			return -1
		case terms[a] > terms[c]:
			return 1
		}
		return 0
	})
	b.terms = make([]string, len(terms))
	b.postings = make([]plist, len(terms))
	for i, id := range order {
		b.terms[i] = terms[id]
		b.postings[i] = lists[id]
		b.postings[i].capTo(b.opts.MaxPostings)
	}
}

// capTo keeps the max best postings (highest score, then lowest doc), in
// doc order. Scores are bytes, so a histogram finds the lowest score kept
// without sorting. The covers of dropped postings stay in covs; writing
// skips them.
func (l *plist) capTo(max int) {
	if l.df <= max {
		return
	}
	var hist [256]int
	for _, seg := range l.segs {
		for _, p := range seg {
			hist[p&0xff]++
		}
	}
	// Keep every posting above cut, and the first fill at cut.
	cut, above := 255, 0
	for ; cut > 0 && above+hist[cut] < max; cut-- {
		above += hist[cut]
	}
	fill := max - above
	out := make([]uint32, 0, max)
	for _, seg := range l.segs {
		for _, p := range seg {
			sc := int(p & 0xff)
			if sc > cut || sc == cut && fill > 0 {
				if sc == cut {
					fill--
				}
				out = append(out, p)
			}
		}
	}
	l.segs = [][]uint32{out}
}

// each calls fn for every posting kept, in doc order.
func (l *plist) each(fn func(doc int, score uint8)) {
	for _, seg := range l.segs {
		for _, p := range seg {
			fn(int(p>>8), uint8(p))
		}
	}
}

// lengths are the average body and description lengths, in bytes.
type lengths struct{ body, desc float64 }

// worker tokenizes documents into its own term dictionary.
type worker struct {
	avg   lengths
	dict  map[string]int32
	terms []string
	post  [][]uint32 // by local term id: doc<<8 | score
	cov   [][]uint32 // by local term id: doc<<8 | cover, cover not 0
	// per-document scratch: slot[local id] is the index in stats, or -1.
	slot    []int32
	stats   []stat
	scratch []termShare
	// the last page title seen and its terms' shares
	title       string
	titleShares []termShare
}

// termShare is a term's share of a short text (a title or heading).
type termShare struct {
	term  string
	share float64
}

// shares appends to out every term of a short text with its share: the
// term's share of its word, divided by the number of words.
func (w *worker) shares(text string, out []termShare) []termShare {
	from, n := len(out), 0
	eachWord(text, func(word *Word) {
		n++
		each(word, func(_ *Word, t string, share float64) { out = append(out, termShare{t, share}) })
	})
	for i := from; i < len(out); i++ {
		out[i].share /= float64(n)
	}
	return out
}

// stat is what one document says about one term.
type stat struct {
	id          int32
	title, head float64 // shares of the title and heading
	keywords    float64 // share of the keywords
	body, desc  float64 // weighted counts
}

func newWorker(avg lengths) *worker {
	return &worker{avg: avg, dict: map[string]int32{}}
}

// term returns the stat of t in the current document.
func (w *worker) term(t string) *stat {
	id, ok := w.dict[t]
	if !ok {
		id = int32(len(w.terms))
		w.dict[t] = id
		w.terms = append(w.terms, t)
		w.post = append(w.post, nil)
		w.cov = append(w.cov, nil)
		w.slot = append(w.slot, -1)
	}
	if s := w.slot[id]; s >= 0 {
		return &w.stats[s]
	}
	w.slot[id] = int32(len(w.stats))
	w.stats = append(w.stats, stat{id: id})
	return &w.stats[len(w.stats)-1]
}

// eachTerm calls fn for every term of every word of s with the term's
// share of its word: 1 for the whole and joined forms, leaves/word-leaves
// for a part.
func eachTerm(s string, fn func(w *Word, term string, share float64)) {
	eachWord(s, func(w *Word) { each(w, fn) })
}

func each(w *Word, fn func(w *Word, term string, share float64)) {
	if len(w.Whole) > maxTermBytes {
		return
	}
	fn(w, w.Whole, 1)
	if len(w.Parts) == 0 {
		return
	}
	leaves := float64(len(w.Leaves))
	for _, p := range w.Parts {
		if p == w.Whole {
			continue
		}
		if contains(w.Leaves, p) {
			fn(w, p, 1/leaves)
		} else {
			fn(w, p, float64(humps(p, w.Leaves))/leaves)
		}
	}
	if w.Joined != "" && w.Joined != w.Whole && !contains(w.Parts, w.Joined) {
		fn(w, w.Joined, 1)
	}
}

// humps counts the leaves a segment is made of (ratelimit: rate, limit).
func humps(seg string, leaves []string) int {
	n := 0
	rest := seg
	for _, l := range leaves {
		if len(rest) >= len(l) && rest[:len(l)] == l {
			rest = rest[len(l):]
			n++
			if rest == "" {
				return n
			}
		} else if n > 0 {
			break
		}
	}
	if n == 0 {
		return 1
	}
	return n
}

// add tokenizes document d and appends its postings.
func (w *worker) add(d int, doc *Doc) {
	w.stats = w.stats[:0]
	page := doc.Kind == KindPage
	// A page's title is tokenized once for all its documents, which are
	// neighbours.
	if doc.PageTitle != w.title || w.titleShares == nil {
		w.title = doc.PageTitle
		w.titleShares = w.shares(doc.PageTitle, w.titleShares[:0])
	}
	for _, ts := range w.titleShares {
		w.term(ts.term).title += ts.share
	}
	if page {
		eachTerm(doc.Description, func(_ *Word, t string, share float64) { w.term(t).desc += share })
	} else {
		w.scratch = w.shares(doc.Section, w.scratch[:0])
		for _, ts := range w.scratch {
			w.term(ts.term).head += ts.share
		}
	}
	if doc.Keywords != "" {
		w.scratch = w.shares(doc.Keywords, w.scratch[:0])
		for _, ts := range w.scratch {
			w.term(ts.term).keywords += ts.share
		}
	}
	eachTerm(doc.Text, func(_ *Word, t string, share float64) { w.term(t).body += share })

	bodyRatio := float64(len(doc.Text)) / w.avg.body
	descRatio := float64(len(doc.Description)) / w.avg.desc
	kindMul := 1.0
	if doc.Kind == KindError || doc.Kind == KindStatus {
		kindMul = 1.25
	}
	for i := range w.stats {
		s := &w.stats[i]
		w.slot[s.id] = -1
		raw := 3*saturate(s.body, bodyRatio)*kindMul + 3.5*share(s.keywords)
		cover := s.head
		if page {
			raw += 9*share(s.title) + 4*saturate(s.desc, descRatio)
			cover = s.title
		} else {
			raw += 8*share(s.head) + 2*share(s.title)
		}
		w.post[s.id] = append(w.post[s.id], posting(d, quantize(raw*8)))
		if c := quantize(cover * 255); c > 0 {
			w.cov[s.id] = append(w.cov[s.id], posting(d, c))
		}
	}
}

// share turns a term's share of a title or heading into its weight: the
// square root, so one word of a four-word heading counts half as much as a
// one-word heading, not a quarter.
func share(v float64) float64 { return math.Sqrt(math.Min(v, 1)) }

// quantize rounds v to a byte, keeping anything above zero above zero.
func quantize(v float64) uint8 {
	switch {
	case v <= 0:
		return 0
	case v < 1:
		return 1
	case v >= 255:
		return 255
	}
	return uint8(math.Round(v))
}

// saturate is BM25's term-frequency part, between 0 and 1: repeats count
// less and less, and long texts count a repeat less than short ones.
func saturate(tf, lengthRatio float64) float64 {
	if tf == 0 {
		return 0
	}
	return tf / (tf + 1.2*(0.25+0.75*lengthRatio))
}

// idfWeight is a term's rarity weight, stored with the term: 100 plus a
// damped inverse document frequency, so a rare word counts more in a
// query of several words without drowning where a common word appears.
func idfWeight(docs, df int) int {
	return 100 + int(math.Round(40*math.Log(1+float64(docs)/float64(df))))
}

// write encodes the manifest and the chunks.
func (b *builder) write() (*Index, error) {
	data := map[string][]byte{}
	// Postings chunks.
	var firsts []string
	var buf []byte
	flush := func() {
		if len(buf) == 0 {
			return
		}
		buf = append(buf, ']')
		data["t/"+strconv.Itoa(len(firsts)-1)+".json"] = buf
		buf = nil
	}
	for i, t := range b.terms {
		if len(buf) == 0 || len(buf) >= b.opts.ChunkBytes {
			flush()
			firsts = append(firsts, t)
			buf = make([]byte, 0, b.opts.ChunkBytes*2)
			buf = append(buf, '[')
		} else {
			buf = append(buf, ",\n"...)
		}
		buf = b.appendTerm(buf, i)
	}
	flush()
	// Document chunks.
	for from := 0; from < len(b.docs); from += b.opts.MetaDocs {
		to := min(from+b.opts.MetaDocs, len(b.docs))
		data["d/"+strconv.Itoa(from/b.opts.MetaDocs)+".json"] = b.metaChunk(from, to)
	}
	if len(firsts) == 0 {
		firsts = []string{}
	}
	// The folder is named by a hash of every chunk, in name order.
	names := make([]string, 0, len(data))
	for n := range data {
		names = append(names, n)
	}
	slices.Sort(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s %d\n", n, len(data[n]))
		h.Write(data[n])
	}
	dir := "data/" + hex.EncodeToString(h.Sum(nil)[:6]) + "/"
	files := make(map[string][]byte, len(data)+2)
	for n, d := range data {
		files[dir+n] = d
	}
	files["index.json"] = b.manifest(dir, firsts)
	script, err := Script(b.opts.Minify)
	if err != nil {
		return nil, err
	}
	files["search.js"] = script
	return &Index{Files: files, Docs: len(b.docs), Terms: len(b.terms)}, nil
}

// appendTerm writes one postings entry:
// ["term", df, weight, [doc deltas], [scores], [covers]]; covers are
// pairs (position delta, cover) for the postings whose cover is not 0.
func (b *builder) appendTerm(buf []byte, i int) []byte {
	buf = append(buf, '[')
	buf = appendString(buf, b.terms[i])
	buf = append(buf, ',')
	l := &b.postings[i]
	buf = strconv.AppendInt(buf, int64(l.df), 10)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, int64(idfWeight(len(b.docs), l.df)), 10)
	buf = append(buf, ",["...)
	prev, j := 0, 0
	l.each(func(d int, _ uint8) {
		if j > 0 {
			buf = append(buf, ',')
		}
		buf = strconv.AppendInt(buf, int64(d-prev), 10)
		prev = d
		j++
	})
	buf = append(buf, "],["...)
	j = 0
	l.each(func(_ int, sc uint8) {
		if j > 0 {
			buf = append(buf, ',')
		}
		buf = strconv.AppendInt(buf, int64(sc), 10)
		j++
	})
	buf = append(buf, "],["...)
	// Walk the covers beside the postings kept: both are in doc order.
	var covs []uint32
	for _, c := range l.covs {
		covs = append(covs, c...)
	}
	prev, j = 0, 0
	first := true
	l.each(func(d int, _ uint8) {
		for len(covs) > 0 && int(covs[0]>>8) < d {
			covs = covs[1:]
		}
		if len(covs) > 0 && int(covs[0]>>8) == d {
			if !first {
				buf = append(buf, ',')
			}
			first = false
			buf = strconv.AppendInt(buf, int64(j-prev), 10)
			buf = append(buf, ',')
			buf = strconv.AppendInt(buf, int64(covs[0]&0xff), 10)
			prev = j
			covs = covs[1:]
		}
		j++
	})
	return append(buf, "]]"...)
}

// metaChunk writes documents [from, to):
// {"p":[[url,title],...],"d":[[page,anchor,heading,kind,excerpt],...]}.
func (b *builder) metaChunk(from, to int) []byte {
	size := 32
	for i := from; i < to; i++ {
		d := &b.docs[i]
		size += 48 + len(d.URL) + len(d.PageTitle) + len(d.Anchor) + len(d.Section) + min(len(d.Text)+len(d.Description), 4*b.opts.ExcerptRunes)
	}
	buf := make([]byte, 0, size)
	buf = append(buf, `{"p":[`...)
	page := -1
	pages := 0
	idx := make([]int, to-from)
	for i := from; i < to; i++ {
		d := &b.docs[i]
		if i == from || d.URL != b.docs[i-1].URL {
			if pages > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, '[')
			buf = appendString(buf, d.URL)
			buf = append(buf, ',')
			buf = appendString(buf, d.PageTitle)
			buf = append(buf, ']')
			page = pages
			pages++
		}
		idx[i-from] = page
	}
	buf = append(buf, `],"d":[`...)
	for i := from; i < to; i++ {
		d := &b.docs[i]
		if i > from {
			buf = append(buf, ",\n"...)
		}
		buf = append(buf, '[')
		buf = strconv.AppendInt(buf, int64(idx[i-from]), 10)
		buf = append(buf, ',')
		buf = appendString(buf, d.Anchor)
		buf = append(buf, ',')
		buf = appendString(buf, d.Section)
		buf = append(buf, ',')
		buf = appendString(buf, d.Kind)
		buf = append(buf, ',')
		text := d.Text
		if d.Kind == KindPage {
			// A page's description says what it is about; its opening
			// text follows.
			text = joinSpace(d.Description, d.Text)
		}
		buf = appendString(buf, excerpt(text, b.opts.ExcerptRunes))
		buf = append(buf, ']')
	}
	return append(buf, "]}"...)
}

// manifest writes index.json.
func (b *builder) manifest(dir string, firsts []string) []byte {
	buf := []byte(`{"v":`)
	buf = strconv.AppendInt(buf, formatVersion, 10)
	buf = append(buf, `,"data":`...)
	buf = appendString(buf, dir)
	buf = append(buf, `,"docs":`...)
	buf = strconv.AppendInt(buf, int64(len(b.docs)), 10)
	buf = append(buf, `,"meta":`...)
	buf = strconv.AppendInt(buf, int64(b.opts.MetaDocs), 10)
	buf = append(buf, `,"expand":`...)
	buf = strconv.AppendInt(buf, maxExpand, 10)
	buf = append(buf, `,"fetch":`...)
	buf = strconv.AppendInt(buf, maxChunks, 10)
	buf = append(buf, `,"chunks":[`...)
	for i, f := range firsts {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendString(buf, f)
	}
	return append(buf, "]}\n"...)
}

// excerpt returns the first n runes of text, cut at a space when one is
// near, with an ellipsis when text was cut.
func excerpt(text string, n int) string {
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	end := 0
	for i := range text {
		if n == 0 {
			end = i
			break
		}
		n--
	}
	cut := end
	for i := end - 1; i > end-40 && i > 0; i-- {
		if text[i] == ' ' {
			cut = i
			break
		}
	}
	return text[:cut] + "…"
}

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD.
func appendString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				buf = append(buf, '\\', c)
			case c == '\n':
				buf = append(buf, '\\', 'n')
			case c == '\t':
				buf = append(buf, '\\', 't')
			case c < 0x20:
				buf = append(buf, `\u00`...)
				buf = append(buf, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xf])
			default:
				buf = append(buf, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			buf = append(buf, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			buf = append(buf, `\u202`...)
			buf = append(buf, "0123456789abcdef"[r&0xf])
		default:
			buf = append(buf, s[i:i+size]...)
		}
		i += size
	}
	return append(buf, '"')
}
