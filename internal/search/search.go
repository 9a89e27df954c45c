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
//   - the page title in the page's section documents (weak context),
//   - the code blocks (Code), weakest: a term found only in code scores
//     below any document that has it in one of the fields above, so
//     MAX_ATTEMPTS in an example is found, and prose about it comes first.
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
//	index.json                      manifest: settings, and the top of the listing
//	search.js                       the search dialog, loaded when a reader opens it
//	data/<hash>/l/<level>/<n>.json  listing pages: the first terms of the chunks (or pages) below
//	data/<hash>/t/<n>.json          postings chunks: terms in sorted order, each with its documents (postings.go)
//	data/<hash>/d/<n>.json          document chunks: title, heading, URL and excerpt of MetaDocs documents (write.go)
//
// index.json and search.js keep their names (serve them with short caching);
// everything under data/<hash>/ is named by a hash of its contents and never
// changes (cache it for good). A query fetches the listing pages that lead
// to its words (listing.go), the postings chunks of its words and the
// document chunks of the results it shows, nothing else. A term found in
// more than MaxPostings documents keeps only its MaxPostings best ones, and
// index.json and each listing page list at most Fanout entries (and a few
// more: see listing.go), so no file grows with the size of the site.
package search

import (
	"errors"
	"runtime"
	"slices"
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
	// Code is the text of the code blocks under the heading: found, but
	// below every document that has the word in its text or names.
	Code string
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

	// spooled says where Text and Code wait when a Spool keeps them.
	spooled spooled
}

// Options tunes Build. The zero value gives the defaults stated.
type Options struct {
	// Minify minifies search.js; default false.
	Minify bool
	// MaxPostings caps the documents kept for one term, its best ones by
	// score; default 1000.
	MaxPostings int
	// ChunkBytes is the size a postings chunk grows to before the next one
	// starts (a single term may exceed it), counted as its terms took in
	// format 2's JSON arrays (termEncoder.weight), so that chunks are cut
	// where they were; the chunk written is about 40% of that. Default 4096.
	ChunkBytes int
	// MetaDocs is the number of documents in one document chunk; default 8.
	// Results are scattered, so each costs a chunk: smaller chunks waste
	// fewer bytes per result, bigger ones make fewer files (a page's
	// sections are neighbours, so a chunk holds about one page).
	MetaDocs int
	// Fanout is the number of entries of one page of the listing that
	// leads a query to its postings chunks; default 96. A query reads
	// index.json and one page per level for each place its words sort
	// into: fewer entries make smaller pages, more make a shallower tree.
	Fanout int
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
	if o.Fanout < 2 {
		o.Fanout = 96
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
	// 2: index.json holds the top of a listing tree, not every chunk.
	// 3: postings entries hold their numbers in base-64 digits, with the
	// scores and covers as pairs (postings.go); document chunks leave out
	// the anchors headingID gives.
	formatVersion = 3
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
	docs, err := normalize(docs)
	if err != nil {
		return nil, err
	}
	var key [32]byte
	if opts.Cache != nil {
		script, err := Script(opts.Minify)
		if err != nil {
			return nil, err
		}
		if key, err = cacheKey(docs, opts, script); err != nil {
			return nil, err
		}
		if data, ok := opts.Cache.Get(key); ok {
			if ix, err := decodeIndex(data); err == nil {
				return ix, nil
			}
		}
	}
	b := &builder{opts: opts, docs: docs}
	if err := b.index(); err != nil {
		return nil, err
	}
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

// normalize sorts docs by URL, stable, and adds missing page documents,
// into a new slice: docs is not changed. It sorts positions, not the
// documents, so that a large site's documents are copied once.
func normalize(docs []Doc) ([]Doc, error) {
	order := make([]int32, len(docs))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(i, j int32) int {
		a, b := &docs[i], &docs[j]
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
	newPage := func(k int) bool { return k == 0 || docs[order[k-1]].URL != docs[order[k]].URL }
	n := len(docs)
	for k, i := range order {
		switch {
		case newPage(k) && docs[i].Anchor != "":
			n++
		case !newPage(k) && docs[i].Anchor == "":
			n--
		}
	}
	out := make([]Doc, 0, n)
	for k, i := range order {
		d := docs[i]
		newPage := newPage(k)
		if d.Kind == "" {
			d.Kind = KindSection
			if d.Anchor == "" {
				d.Kind = KindPage
			}
		}
		if newPage && d.Anchor != "" {
			out = append(out, Doc{URL: d.URL, PageTitle: d.PageTitle, Kind: KindPage, Description: d.Description})
		}
		if d.Anchor == "" && d.Kind != KindPage {
			d.Kind = KindPage
		}
		if !newPage && d.Anchor == "" {
			// A second opening document of the same page: keep it as text
			// of the first.
			last := &out[len(out)-1]
			if err := errors.Join(last.load(), d.load()); err != nil {
				return nil, err
			}
			last.Text = joinSpace(last.Text, d.Text)
			last.Code = joinSpace(last.Code, d.Code)
			continue
		}
		out = append(out, d)
	}
	return out, nil
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
